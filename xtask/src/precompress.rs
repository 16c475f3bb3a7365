//! Gzip copies of the built site's assets (`x.wasm` → `x.wasm.gz`), written once at build time so that
//! `serve` sends compressed bytes without compressing on each request, as a static host would.

use anyhow::{Context, Result};
use flate2::write::GzEncoder;
use flate2::Compression;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The file types worth compressing (images are already compressed, or tiny).
const COMPRESSED_TYPES: [&str; 7] = ["html", "js", "css", "wasm", "json", "arrow", "svg"];

/// Writes `<file>.gz` next to every compressible file under `dir` whose copy is missing or older.
pub fn precompress(dir: &Path) -> Result<()> {
    for file in files(dir)? {
        let compressible = file
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| COMPRESSED_TYPES.contains(&e));
        let gz = gz_path(&file);
        if !compressible || crate::setup::modified(&gz) >= crate::setup::modified(&file) {
            continue;
        }
        let bytes = std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
        let app_asset = file.parent() == Some(dir);
        let compressed = if app_asset {
            zopfli_gzip(&bytes)?
        } else {
            gzip(&bytes)?
        };
        std::fs::write(&gz, compressed).with_context(|| format!("writing {}", gz.display()))?;
    }
    Ok(())
}

/// The app's own files (WASM, JS, CSS, HTML: the top of the site, about 2 MB) go through zopfli,
/// which finds a smaller deflate stream than zlib's best level (5 % here) at a hundred times the
/// cost; its output is ordinary gzip. The data files (48 MB of demo data) get zlib's best level.
fn zopfli_gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    zopfli::compress(
        zopfli::Options::default(),
        zopfli::Format::Gzip,
        bytes,
        &mut out,
    )?;
    Ok(out)
}

/// Deflate at its best level, gzip header without a timestamp: the same bytes give the same file.
fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?)
}

pub fn gz_path(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_os_string();
    name.push(".gz");
    PathBuf::from(name)
}

/// Every file under `dir`, recursively.
fn files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in
            std::fs::read_dir(&folder).with_context(|| format!("listing {}", folder.display()))?
        {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}
