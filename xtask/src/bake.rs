//! The static pages: every territory's portrait saved from the release app run in headless Chromium
//! (`web/bake.mjs`), with the site served on loopback while it runs; then `sitemap.xml` and
//! `robots.txt`, whose absolute addresses start with `COMEX_SITE_URL` (the address the site is
//! published at; `http://127.0.0.1:8080/`, `cargo xtask serve`'s, when it is not set).
//!
//! The pages are baked into `target/baked/` with their brotli and gzip copies, under a stamp of
//! what they are drawn from (the built page, which names every asset by its content, the data's
//! manifest, the baking script and the site's address); Trunk writes dist/ anew at each build, and
//! a build whose stamp has not changed copies them in instead of baking them again (4 minutes).

use crate::command::run_with;
use crate::serve;
use anyhow::{Context, Result};
use sha2::{Digest, Sha256};
use std::path::Path;
use std::process::Command;

const LOCAL_SITE: &str = "http://127.0.0.1:8080/";
const CACHE: &str = "target/baked";

pub fn bake(root: &Path, dist: &Path) -> Result<()> {
    let site_url = std::env::var("COMEX_SITE_URL").unwrap_or_else(|_| LOCAL_SITE.to_string());
    let mut stamp = Sha256::new();
    for input in [
        dist.join("index.html"),
        root.join(crate::build::DATA_DIR).join("v1/manifest.json"),
        root.join("web/bake.mjs"),
    ] {
        stamp
            .update(std::fs::read(&input).with_context(|| format!("reading {}", input.display()))?);
    }
    stamp.update(site_url.as_bytes());
    let stamp: String = stamp
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    let cache = root.join(CACHE);
    let pages = cache.join("site");
    let stamp_file = cache.join("stamp");
    if std::fs::read_to_string(&stamp_file).ok().as_deref() != Some(stamp.as_str()) {
        if pages.exists() {
            std::fs::remove_dir_all(&pages)?;
        }
        std::fs::create_dir_all(&pages)?;
        let port = serve::spawn(serve::Site::new(dist, "/", "'self'"))?;
        run_with(
            Command::new("node")
                .arg(root.join("web/bake.mjs"))
                .arg("--url")
                .arg(format!("http://127.0.0.1:{port}/"))
                .arg("--dist")
                .arg(&pages)
                .arg("--site-url")
                .arg(&site_url)
                .current_dir(root),
        )?;
        crate::precompress::precompress(&pages)?;
        std::fs::write(&stamp_file, &stamp)?;
    } else {
        eprintln!("bake: the static pages in {CACHE} are up to date");
    }
    copy_tree(&pages, dist)
}

/// Copies every file under `from` into `to`, keeping their modification times (so that the
/// compressed copies stay newer than their files).
fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    for entry in std::fs::read_dir(from).with_context(|| format!("listing {}", from.display()))? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            std::fs::create_dir_all(&target)?;
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)
                .with_context(|| format!("copying {}", entry.path().display()))?;
            let modified = entry.metadata()?.modified()?;
            std::fs::File::options()
                .write(true)
                .open(&target)?
                .set_modified(modified)?;
        }
    }
    Ok(())
}
