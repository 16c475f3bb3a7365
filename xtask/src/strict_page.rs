//! Makes Trunk's output run under a strict Content-Security-Policy (no `unsafe-inline`): the inline
//! module script Trunk writes into index.html moves to its own file, referenced with Subresource
//! Integrity like every other asset. Also the policy and headers that `serve` sends.

use anyhow::{bail, Context, Result};
use axum::http::{header, HeaderName};
use sha2::{Digest, Sha256, Sha384};
use std::path::Path;

/// The headers of the HTML page (documented in the README). `frame_ancestors` says who may embed.
/// They act on documents only (a script, a stylesheet or a data file has no policy, referrer or
/// opener of its own), so they are not repeated on the other responses: 363 bytes less on each,
/// 4 KB of the first view's twelve.
pub fn document_headers(frame_ancestors: &str) -> Vec<(HeaderName, String)> {
    vec![
        (
            header::CONTENT_SECURITY_POLICY,
            format!(
                "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
                 img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; base-uri 'self'; \
                 form-action 'none'; frame-ancestors {frame_ancestors}"
            ),
        ),
        (header::REFERRER_POLICY, "no-referrer".to_string()),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin".to_string(),
        ),
    ]
}

/// The header of every response: a script or stylesheet is run only with its declared type.
pub fn every_response_headers() -> Vec<(HeaderName, String)> {
    vec![(header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string())]
}

/// A Subresource Integrity value: `sha384-` and the base64 of the bytes' SHA-384.
pub fn sri_sha384(bytes: &[u8]) -> String {
    format!("sha384-{}", base64(&Sha384::digest(bytes)))
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// What the start script runs before Trunk's loader: on a static page, wait for the page's load;
/// then add ECharts' first bundle.
const PRELUDE: &str = include_str!("../../web/start-prelude.js");

/// Moves the inline `<script type="module">` of dist/index.html into `start-<hash>.js`, after the
/// prelude; the ECharts script's tag leaves the page, its address and integrity going onto the start
/// script's tag, whose prelude adds it (`web/start-prelude.js`).
pub fn externalise_inline_script(dist: &Path) -> Result<()> {
    let index = dist.join("index.html");
    let html =
        std::fs::read_to_string(&index).with_context(|| format!("reading {}", index.display()))?;
    const OPEN: &str = "<script type=\"module\">";
    let Some(start) = html.find(OPEN) else {
        if html.contains("<script type=\"module\" src=\"./start-") {
            return Ok(()); // already done
        }
        bail!(
            "{}: no inline module script found (has Trunk's output changed?)",
            index.display()
        );
    };
    let body_start = start + OPEN.len();
    let Some(length) = html[body_start..].find("</script>") else {
        bail!("{}: unterminated inline script", index.display());
    };
    let script = format!("{PRELUDE}{}", html[body_start..body_start + length].trim());
    let (html, echarts) = take_echarts_tag(&html)?;
    let Some(start) = html.find(OPEN) else {
        bail!("{}: the module script moved", index.display());
    };
    let body_start = start + OPEN.len();
    let Some(length) = html[body_start..].find("</script>") else {
        bail!("{}: unterminated inline script", index.display());
    };
    let digest: String = Sha256::digest(script.as_bytes())
        .iter()
        .take(8)
        .map(|byte| format!("{byte:02x}"))
        .collect();
    let file_name = format!("start-{digest}.js");
    std::fs::write(dist.join(&file_name), format!("{script}\n"))?;
    let integrity = sri_sha384(format!("{script}\n").as_bytes());
    let (echarts_src, echarts_integrity) = echarts;
    let tag = format!(
        "<script type=\"module\" src=\"./{file_name}\" integrity=\"{integrity}\" crossorigin=\"anonymous\" \
         data-echarts-src=\"{echarts_src}\" data-echarts-integrity=\"{echarts_integrity}\"></script>"
    );
    let rewritten = format!(
        "{}{tag}{}",
        &html[..start],
        &html[body_start + length + "</script>".len()..]
    );
    std::fs::write(&index, rewritten)?;
    Ok(())
}

/// The value that follows `prefix` (an attribute's opening, `href="./`) up to its closing quote.
pub fn linked_file<'a>(html: &'a str, prefix: &str) -> Result<&'a str> {
    let Some(start) = html.find(prefix).map(|at| at + prefix.len()) else {
        bail!("dist/index.html: no `{prefix}…` (has Trunk's output changed?)");
    };
    match html[start..].find('"') {
        Some(length) => Ok(&html[start..start + length]),
        None => bail!("dist/index.html: unterminated `{prefix}…`"),
    }
}

/// Takes the ECharts bundle's `<script>` out of the page: (page, (address, integrity)).
fn take_echarts_tag(html: &str) -> Result<(String, (String, String))> {
    let Some(src_at) = html.find("src=\"./echarts") else {
        bail!("index.html: no ECharts script (src=\"./echarts…\")");
    };
    let start = html[..src_at]
        .rfind("<script")
        .context("index.html: ECharts' tag")?;
    let end = start
        + html[start..]
            .find("</script>")
            .context("index.html: ECharts' tag is not closed")?
        + "</script>".len();
    let tag = &html[start..end];
    let found = (
        linked_file(tag, "src=\"")?.to_string(),
        linked_file(tag, "integrity=\"")?.to_string(),
    );
    Ok((format!("{}{}", &html[..start], &html[end..]), found))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn the_inline_script_moves_to_a_file_with_integrity() {
        let dir = std::env::temp_dir().join(format!("strict-page-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("index.html"),
            "<head><script type=\"module\">\nimport init from './a.js';\n</script>\
             <script src=\"./echarts-1.min.js\" defer integrity=\"sha384-x\"></script></head>",
        )
        .unwrap();
        externalise_inline_script(&dir).unwrap();
        let html = std::fs::read_to_string(dir.join("index.html")).unwrap();
        assert!(!html.contains("<script type=\"module\">"));
        assert!(html.contains("integrity=\"sha384-"));
        let name = html
            .split("src=\"./")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.join(name)).unwrap(),
            format!("{PRELUDE}import init from './a.js';\n")
        );
        // ECharts' tag is gone; the start script's tag says where it is and what it must hash to.
        assert!(!html.contains("<script src=\"./echarts"));
        assert!(html.contains("data-echarts-src=\"./echarts-1.min.js\""));
        assert!(html.contains("data-echarts-integrity=\"sha384-x\""));
        externalise_inline_script(&dir).unwrap(); // a second run changes nothing
        std::fs::remove_dir_all(dir).unwrap();
    }
}
