//! The development and test server for dist/: axum with tower-http's `ServeDir`, which answers with
//! the precompressed copy the build wrote (`x.wasm.gz`) when the browser accepts it, with the MIME
//! type of the file (`mime_guess`; `.arrow` is registered here), no directory listing and no path
//! outside the served folder. The security headers of `strict_page` go on the HTML page (and
//! `nosniff` on every answer).

use crate::strict_page::{document_headers, every_response_headers};
use anyhow::{Context, Result};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::serve::ListenerExt;
use axum::Router;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

/// Where and how the site is served.
#[derive(Clone, Debug)]
pub struct Site {
    pub dir: PathBuf,
    /// The sub-path the site lives under (`/` or `/intranet/commerce/`): the site works under any.
    pub base_path: String,
    /// The Content-Security-Policy's `frame-ancestors`: who may embed the dashboard.
    pub frame_ancestors: String,
    /// Serves `data/` from this folder instead of dist/data (the tests' hostile data set).
    pub data_dir: Option<PathBuf>,
    /// Sends the strict Content-Security-Policy and the other security headers. Off only for the
    /// benchmark page, whose comparison engines need what the dashboard forbids (Arquero compiles
    /// expressions with `Function`, DuckDB-WASM starts a worker).
    pub security_headers: bool,
}

impl Site {
    pub fn new(dir: &Path, base_path: &str, frame_ancestors: &str) -> Self {
        let trimmed = base_path.trim_matches('/');
        let base_path = if trimmed.is_empty() {
            "/".to_string()
        } else {
            format!("/{trimmed}/")
        };
        Site {
            dir: dir.to_path_buf(),
            base_path,
            frame_ancestors: frame_ancestors.to_string(),
            data_dir: None,
            security_headers: true,
        }
    }

    fn router(self) -> Result<Router> {
        let mut headers = vec![
            (header::CACHE_CONTROL, "no-cache".to_string()),
            (header::VARY, "Accept-Encoding".to_string()),
        ];
        let mut page_headers = Vec::new();
        if self.security_headers {
            headers.extend(every_response_headers());
            page_headers = document_headers(&self.frame_ancestors);
        }
        let mut router = Router::new()
            .fallback(serve_file)
            .with_state(Arc::new(self));
        for (name, value) in headers {
            let value = header_value(&name, &value)?;
            router = router.layer(SetResponseHeaderLayer::overriding(name, value));
        }
        for (name, value) in page_headers {
            // Only on HTML: a response without a type gets none.
            let value = header_value(&name, &value)?;
            router = router.layer(SetResponseHeaderLayer::overriding(
                name,
                move |response: &Response| {
                    let is_page = response
                        .headers()
                        .get(header::CONTENT_TYPE)
                        .is_some_and(|kind| kind.as_bytes().starts_with(b"text/html"));
                    is_page.then(|| value.clone())
                },
            ));
        }
        Ok(router.layer(axum::middleware::from_fn(arrow_type)))
    }
}

fn header_value(name: &header::HeaderName, value: &str) -> Result<HeaderValue> {
    HeaderValue::from_str(value).with_context(|| format!("header {name}: {value}"))
}

/// A request under the base path, answered by `ServeDir` from dist/ (or the data folder given):
/// it refuses `..`, decodes the path, and prefers the `.br` or `.gz` copy the browser accepts.
async fn serve_file(State(site): State<Arc<Site>>, request: Request) -> Response {
    let path = request.uri().path().to_string();
    // `/base` without its slash: redirected, so that the page's relative URLs resolve under it.
    if format!("{path}/") == site.base_path {
        return Redirect::permanent(&site.base_path).into_response();
    }
    let Some(relative) = path.strip_prefix(site.base_path.as_str()) else {
        return not_found().await;
    };
    let (dir, inner) = match (relative.strip_prefix("data/"), &site.data_dir) {
        (Some(data_path), Some(data_dir)) => (data_dir.clone(), format!("/{data_path}")),
        _ => (site.dir.clone(), format!("/{relative}")),
    };
    let (mut parts, body) = request.into_parts();
    parts.uri = match inner.parse() {
        Ok(uri) => uri,
        Err(_) => return not_found().await,
    };
    let mut files = ServeDir::new(dir)
        .precompressed_gzip()
        .precompressed_br()
        .append_index_html_on_directories(true);
    match files.try_call(Request::from_parts(parts, body)).await {
        Ok(response) => response.map(axum::body::Body::new),
        Err(_) => not_found().await,
    }
}

async fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "404 Not Found\n").into_response()
}

/// The data files' type: `.arrow` is not in mime_guess's table.
const ARROW_MIME: &str = "application/vnd.apache.arrow.file";

async fn arrow_type(request: Request, next: Next) -> Response {
    let is_arrow = request.uri().path().ends_with(".arrow");
    let mut response = next.run(request).await;
    if is_arrow && response.status().is_success() {
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(ARROW_MIME));
    }
    response
}

/// Serves the site on 127.0.0.1:`port` until the process is stopped.
pub fn serve_forever(site: Site, port: u16) -> Result<()> {
    let listener = bind(port)?;
    println!(
        "comex-territoires: http://127.0.0.1:{}{}  (Ctrl-C to stop)",
        listener.local_addr()?.port(),
        site.base_path
    );
    run(listener, &site)
}

/// Serves the site on a free port in a background thread; returns the port.
pub fn spawn(site: Site) -> Result<u16> {
    let listener = bind(0)?;
    let port = listener.local_addr()?.port();
    std::thread::spawn(move || {
        if let Err(error) = run(listener, &site) {
            eprintln!("serve: {error:#}");
        }
    });
    Ok(port)
}

fn bind(port: u16) -> Result<std::net::TcpListener> {
    let listener = std::net::TcpListener::bind(("127.0.0.1", port))
        .with_context(|| format!("cannot listen on port {port}"))?;
    listener.set_nonblocking(true)?;
    Ok(listener)
}

fn run(listener: std::net::TcpListener, site: &Site) -> Result<()> {
    let router = site.clone().router()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        // Without TCP_NODELAY a response's last small segment waited for the browser's delayed
        // acknowledgement: files of 10–20 KB took 30–45 ms on localhost instead of 1–5.
        let listener = tokio::net::TcpListener::from_std(listener)?.tap_io(|stream| {
            if let Err(error) = stream.set_nodelay(true) {
                eprintln!("TCP_NODELAY not set: {error}");
            }
        });
        axum::serve(listener, router).await?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    /// One raw HTTP/1.1 request; the answer's head (lower-cased) and body.
    fn get(port: u16, path: &str, accept_gzip: bool) -> (String, Vec<u8>) {
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        let encoding = if accept_gzip {
            "Accept-Encoding: gzip\r\n"
        } else {
            ""
        };
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: x\r\n{encoding}Connection: close\r\n\r\n"
        )
        .unwrap();
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).unwrap();
        let split = answer
            .windows(4)
            .position(|window| window == b"\r\n\r\n")
            .unwrap();
        let head = String::from_utf8_lossy(&answer[..split]).to_ascii_lowercase();
        (head, answer[split + 4..].to_vec())
    }

    #[test]
    fn serves_precompressed_copies_with_types_headers_and_nothing_outside() {
        let dir = std::env::temp_dir().join(format!("comex-serve-test-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("data/v1")).unwrap();
        std::fs::write(dir.join("index.html"), "<!doctype html>").unwrap();
        std::fs::write(dir.join("data/v1/fr.arrow"), b"ARROW1").unwrap();
        std::fs::write(dir.join("data/v1/fr.arrow.gz"), b"gzipped").unwrap();
        let port = spawn(Site::new(&dir, "/intranet/commerce/", "'self'")).unwrap();

        let (head, body) = get(port, "/intranet/commerce/data/v1/fr.arrow", true);
        assert!(head.starts_with("http/1.1 200"), "{head}");
        assert!(head.contains("content-encoding: gzip"), "{head}");
        assert!(
            head.contains("content-type: application/vnd.apache.arrow.file"),
            "{head}"
        );
        assert!(head.contains("x-content-type-options: nosniff"), "{head}");
        assert!(
            !head.contains("content-security-policy"),
            "a data file has no policy: {head}"
        );
        assert_eq!(body, b"gzipped");
        let (head, body) = get(port, "/intranet/commerce/data/v1/fr.arrow", false);
        assert!(!head.contains("content-encoding"), "{head}");
        assert_eq!(body, b"ARROW1");
        let (head, _) = get(port, "/intranet/commerce/", false);
        assert!(head.contains("content-type: text/html"), "{head}");
        assert!(
            head.contains("content-security-policy: default-src 'none'"),
            "{head}"
        );
        assert!(head.contains("frame-ancestors 'self'"), "{head}");
        assert!(
            head.contains("cross-origin-opener-policy: same-origin"),
            "{head}"
        );
        let (head, _) = get(port, "/intranet/commerce", false);
        assert!(head.starts_with("http/1.1 308"), "{head}");
        assert!(head.contains("location: /intranet/commerce/"), "{head}");
        for outside in [
            "/intranet/commerce/../index.html",
            "/index.html",
            "/intranet/commerce/%2e%2e/x",
        ] {
            let (head, _) = get(port, outside, false);
            assert!(
                head.starts_with("http/1.1 404") || head.starts_with("http/1.1 400"),
                "{outside}: {head}"
            );
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
