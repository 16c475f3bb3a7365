//! A small static file server for dist/: correct MIME types (application/wasm), no directory listing,
//! no path outside the served folder.

use crate::strict_page::security_headers;
use anyhow::{Context, Result};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};

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
}

/// Serves the site on 127.0.0.1:`port` until the process is stopped.
pub fn serve_forever(site: Site, port: u16) -> Result<()> {
    let listener = bind(port)?;
    println!(
        "comex-territoires: http://127.0.0.1:{}{}  (Ctrl-C to stop)",
        listener.local_addr()?.port(),
        site.base_path
    );
    accept_loop(listener, site);
    Ok(())
}

/// Serves the site on a free port in a background thread; returns the port.
pub fn spawn(site: Site) -> Result<u16> {
    let listener = bind(0)?;
    let port = listener.local_addr()?.port();
    std::thread::spawn(move || accept_loop(listener, site));
    Ok(port)
}

fn bind(port: u16) -> Result<TcpListener> {
    TcpListener::bind(("127.0.0.1", port)).with_context(|| format!("cannot listen on port {port}"))
}

fn accept_loop(listener: TcpListener, site: Site) {
    for stream in listener.incoming().flatten() {
        let site = site.clone();
        std::thread::spawn(move || {
            if let Err(error) = respond(stream, &site) {
                eprintln!("serve: {error:#}");
            }
        });
    }
}

fn respond(mut stream: TcpStream, site: &Site) -> Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Of the headers, only Accept-Encoding changes the answer.
    let mut header = String::new();
    let mut accepts_gzip = false;
    while reader.read_line(&mut header)? > 2 {
        let lower = header.to_ascii_lowercase();
        if let Some(value) = lower.strip_prefix("accept-encoding:") {
            accepts_gzip |= value
                .split(',')
                .any(|coding| coding.trim().starts_with("gzip"));
        }
        header.clear();
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");

    // `/base` without its slash: redirect, so that the page's relative URLs resolve under it.
    if format!("{path}/") == site.base_path {
        let head = format!("HTTP/1.1 308 Permanent Redirect\r\nLocation: {}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", site.base_path);
        stream.write_all(head.as_bytes())?;
        return Ok(());
    }
    let file = path
        .strip_prefix(site.base_path.as_str())
        .and_then(
            |relative| match (relative.strip_prefix("data/"), &site.data_dir) {
                (Some(data_path), Some(data_dir)) => resolve(data_dir, data_path),
                _ => resolve(&site.dir, relative),
            },
        );
    // The build writes a gzip copy next to each asset (`precompress`): sent as is when accepted.
    let gzipped = file
        .as_ref()
        .filter(|_| accepts_gzip)
        .and_then(|file| std::fs::read(crate::precompress::gz_path(file)).ok());
    let encoding = if gzipped.is_some() {
        "Content-Encoding: gzip\r\n"
    } else {
        ""
    };
    let (status, mime, body) = match file.and_then(|file| {
        let body = gzipped.or_else(|| std::fs::read(&file).ok())?;
        Some((file, body))
    }) {
        Some((file, body)) => ("200 OK", mime_type(&file), body),
        None => (
            "404 Not Found",
            "text/plain; charset=utf-8",
            b"404 Not Found\n".to_vec(),
        ),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {mime}\r\nContent-Length: {}\r\n{encoding}\
         Vary: Accept-Encoding\r\nCache-Control: no-cache\r\n{}Connection: close\r\n\r\n",
        body.len(),
        if site.security_headers {
            security_headers(&site.frame_ancestors)
        } else {
            String::new()
        }
    );
    stream.write_all(head.as_bytes())?;
    if method != "HEAD" {
        stream.write_all(&body)?;
    }
    Ok(())
}

/// Maps a URL path to a file under `dir`; refuses `..` and serves index.html for folders.
fn resolve(dir: &Path, url_path: &str) -> Option<PathBuf> {
    let relative = Path::new(url_path.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let mut file = dir.join(relative);
    if file.is_dir() {
        file = file.join("index.html");
    }
    file.is_file().then_some(file)
}

fn mime_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "arrow" => "application/vnd.apache.arrow.file",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "csv" => "text/csv; charset=utf-8",
        _ => "application/octet-stream",
    }
}
