//! `cargo xtask bench`: the pipeline (time, peak memory), the engine natively (criterion), then the
//! browser benchmark: our engine beside DuckDB-WASM and Arquero on the same Arrow files, and the real
//! dashboard's timings, bytes and memory (bench/run.mjs in headless Chromium); then Lighthouse 12 on
//! the built site, mobile and desktop profiles (bench/lighthouse.mjs).

use crate::build::{self, DataArgs, DATA_DIR};
use crate::command::run_with;
use crate::serve::{self, Site};
use crate::setup::{self, WASM_TARGET};
use anyhow::{Context, Result};
use std::path::Path;
use std::process::Command;

/// Where the benchmark page is assembled (bundle, engine, DuckDB's worker and WASM).
const BENCH_SITE: &str = "target/bench-site";
/// The full figures of the last run.
const RESULT_FILE: &str = "target/bench/result.json";

pub fn all(root: &Path, browser_only: bool) -> Result<()> {
    setup::all(root, true)?;
    if browser_only {
        build::data(root, &DataArgs::demo(), false)?;
    } else {
        pipeline(root)?;
        run_with(
            Command::new("cargo")
                .args(["bench", "--package", "comex-core", "--bench", "views"])
                .env("COMEX_DATA_DIR", root.join(DATA_DIR).join("v1")),
        )?;
    }
    build::trunk_build(root)?;
    browser(root)
}

/// The demo year through the pipeline, timed (the binary reports its own peak memory).
fn pipeline(root: &Path) -> Result<()> {
    let args = DataArgs::demo();
    // Compile first, so that the timing below is the pipeline's alone.
    run_with(Command::new("cargo").args([
        "build",
        "--quiet",
        "--profile",
        "pipeline",
        "--package",
        "comex-data",
    ]))?;
    let started = std::time::Instant::now();
    build::data(root, &args, true)?;
    eprintln!(
        "bench: demo year generated, ingested, written and reconciled in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Builds the benchmark page, serves it and the dashboard, and runs bench/run.mjs.
fn browser(root: &Path) -> Result<()> {
    let site = root.join(BENCH_SITE);
    std::fs::create_dir_all(site.join("duckdb"))?;
    engine_wasm(root, &site)?;
    run_with(
        Command::new(root.join("node_modules/.bin/esbuild"))
            .arg(root.join("bench/page/bench.js"))
            .args([
                "--bundle",
                "--format=esm",
                "--platform=browser",
                "--target=es2022",
                "--log-level=warning",
                "--external:./engine/comex_bench_engine.js",
            ])
            .arg(format!("--outfile={}", site.join("bench.js").display())),
    )?;
    std::fs::copy(root.join("bench/page/index.html"), site.join("index.html"))?;
    let duckdb = root.join("node_modules/@duckdb/duckdb-wasm/dist");
    for file in ["duckdb-browser-eh.worker.js", "duckdb-eh.wasm"] {
        std::fs::copy(duckdb.join(file), site.join("duckdb").join(file))
            .with_context(|| format!("copying {file} from {}", duckdb.display()))?;
    }

    let dist = root.join("dist");
    let bench_port = serve::spawn(Site {
        data_dir: Some(dist.join("data")),
        security_headers: false,
        ..Site::new(&site, "/", "'self'")
    })?;
    let app_port = serve::spawn(Site::new(&dist, "/", "'self'"))?;
    let result = root.join(RESULT_FILE);
    if let Some(folder) = result.parent() {
        std::fs::create_dir_all(folder)?;
    }
    // BENCH_ONLY=engines|dashboard runs that half of bench/run.mjs, BENCH_ONLY=lighthouse Lighthouse alone.
    let only = std::env::var("BENCH_ONLY").unwrap_or_default();
    if only != "lighthouse" {
        run_with(
            Command::new("node")
                .arg(root.join("bench/run.mjs"))
                .arg(format!("http://127.0.0.1:{bench_port}/"))
                .arg(format!("http://127.0.0.1:{app_port}/"))
                .arg(&result)
                .env("CHROMIUM", setup::CHROMIUM)
                .current_dir(root),
        )?;
    }
    if only.is_empty() || only == "lighthouse" {
        run_with(
            Command::new("node")
                .arg(root.join("bench/lighthouse.mjs"))
                .arg(format!("http://127.0.0.1:{app_port}/"))
                .env("CHROMIUM", setup::CHROMIUM)
                .current_dir(root),
        )?;
    }
    Ok(())
}

/// Our engine for the page: comex-core through bench/engine, built with the app's release profile
/// and shrunk by wasm-opt -Oz as Trunk does for the app.
fn engine_wasm(root: &Path, site: &Path) -> Result<()> {
    run_with(Command::new("cargo").args([
        "build",
        "--quiet",
        "--release",
        "--target",
        WASM_TARGET,
        "--package",
        "comex-bench-engine",
    ]))?;
    let out = site.join("engine");
    run_with(
        Command::new("wasm-bindgen")
            .args(["--target", "web", "--no-typescript", "--out-dir"])
            .arg(&out)
            .arg(root.join("target/wasm32-unknown-unknown/release/comex_bench_engine.wasm")),
    )?;
    let wasm = out.join("comex_bench_engine_bg.wasm");
    run_with(
        Command::new(root.join("node_modules/.bin/wasm-opt"))
            .args([
                "-Oz",
                "--enable-bulk-memory",
                "--enable-nontrapping-float-to-int",
                "--enable-sign-ext",
                "--enable-mutable-globals",
                "--enable-reference-types",
                "--enable-multivalue",
            ])
            .arg(&wasm)
            .arg("-o")
            .arg(&wasm),
    )
}
