//! Brotli and gzip copies of the built site's assets (`x.wasm` → `x.wasm.br`, `x.wasm.gz`), written
//! once at build time so that `serve` sends compressed bytes without compressing on each request, as
//! a static host would (nginx `brotli_static` / `gzip_static`): brotli to the browsers that accept it
//! (all current ones, on http://127.0.0.1 too), gzip to the others.

use anyhow::{Context, Result};
use flate2::write::GzEncoder;
use flate2::Compression;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The file types worth compressing (images are already compressed, or tiny).
const COMPRESSED_TYPES: [&str; 7] = ["html", "js", "css", "wasm", "json", "arrow", "svg"];

/// Writes `<file>.gz` and `<file>.br` next to every compressible file under `dir` whose copies are
/// missing or older, on every core (the static pages and their images are 3 600 files).
pub fn precompress(dir: &Path) -> Result<()> {
    let files = files(dir)?;
    let workers = std::thread::available_parallelism().map_or(1, usize::from);
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| -> Result<()> {
                    loop {
                        let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(file) = files.get(index) else {
                            return Ok(());
                        };
                        compress_one(dir, file)?;
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .try_for_each(|handle| handle.join().unwrap_or_else(|_| Ok(())))
    })
}

fn compress_one(dir: &Path, file: &Path) -> Result<()> {
    let compressible = file
        .extension()
        .and_then(|extension| extension.to_str())
        .is_some_and(|extension| COMPRESSED_TYPES.contains(&extension));
    let (gz, br) = (with_suffix(file, "gz"), with_suffix(file, "br"));
    let source_time = crate::setup::modified(file);
    let fresh = |copy: &Path| crate::setup::modified(copy) >= source_time;
    if !compressible || (fresh(&gz) && fresh(&br)) {
        return Ok(());
    }
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let app_asset = file.parent() == Some(dir);
    let static_page = file
        .extension()
        .is_some_and(|extension| extension == "html");
    let (gzipped, brotli_quality) = if app_asset {
        (zopfli_gzip(&bytes)?, BEST_BROTLI_QUALITY)
    } else if static_page {
        (gzip(&bytes)?, STATIC_PAGE_BROTLI_QUALITY)
    } else if is_text_data(file) {
        (gzip(&bytes)?, BEST_BROTLI_QUALITY)
    } else {
        (gzip(&bytes)?, DATA_BROTLI_QUALITY)
    };
    std::fs::write(&gz, gzipped).with_context(|| format!("writing {}", gz.display()))?;
    std::fs::write(&br, brotli(&bytes, brotli_quality)?)
        .with_context(|| format!("writing {}", br.display()))
}

/// Brotli's best quality for the app's own files (about 2 MB: a few seconds) and the data's text
/// (the code lists' labels, the manifest and file indexes: under 1 MB, read by every first view);
/// a quick one for the trade files (150 MB of demo data), which still beats gzip's best. Measured
/// 2026-12-03 (node's brotli): quality 11 instead of 6 makes the product list 18 342 → 15 923 bytes,
/// the countries 4 904 → 4 076, the manifest 2 902 → 2 556 and a year index 5 406 → 4 809, but the
/// Oise's year file (numbers) 22 845 → 23 340 and France's 52 835 → 53 338.
const BEST_BROTLI_QUALITY: u32 = 11;
/// The territories' static pages (their HTML is the first screen: 400 KB raw for a département):
/// quality 10 is 3 % larger than 11 (the Oise's 33 580 bytes instead of 32 690) for a quarter of
/// the time (node's brotli: 136 ms instead of 501), on 116 pages at every build whose app changed.
const STATIC_PAGE_BROTLI_QUALITY: u32 = 10;
const DATA_BROTLI_QUALITY: u32 = 6;

/// The data files that are mostly text: the JSON (manifest, file indexes) and the code lists.
fn is_text_data(file: &Path) -> bool {
    file.extension()
        .is_some_and(|extension| extension == "json")
        || file
            .parent()
            .and_then(Path::file_name)
            .is_some_and(|folder| folder == "codes")
}

fn brotli(bytes: &[u8], quality: u32) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let parameters = brotli::enc::BrotliEncoderParams {
        quality: quality as i32,
        // The largest window: the WASM (1,4 MB) finds matches further back (282 bytes less).
        lgwin: 24,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut std::io::Cursor::new(bytes), &mut out, &parameters)?;
    Ok(out)
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

/// `x.wasm` → `x.wasm.gz` / `x.wasm.br`.
pub fn with_suffix(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_os_string();
    name.push(".");
    name.push(suffix);
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
