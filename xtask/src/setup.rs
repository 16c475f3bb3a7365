//! Installs what is missing and skips what is present (checked by version, not only by presence).

use crate::command::{output, run, run_with};
use anyhow::{bail, Context, Result};
use std::path::Path;
use std::process::Command;

pub const TRUNK_VERSION: &str = "0.21.14";
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Everything the build needs; with `browser`, what the browser tests need too.
pub fn all(root: &Path, browser: bool) -> Result<()> {
    wasm_target()?;
    trunk()?;
    wasm_bindgen_cli(root)?;
    npm_packages(root)?;
    echarts_bundle(root)?;
    if browser {
        chromium()?;
    }
    // Trunk runs with --offline: every crate must be in the local registry first.
    run("cargo", &["fetch", "--quiet"])?;
    Ok(())
}

fn wasm_target() -> Result<()> {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        return Ok(());
    }
    run("rustup", &["target", "add", WASM_TARGET])
}

fn trunk() -> Result<()> {
    let wanted = format!("trunk {TRUNK_VERSION}");
    if output("trunk", &["--version"]).is_some_and(|v| v.trim() == wanted) {
        return Ok(());
    }
    eprintln!("installing trunk {TRUNK_VERSION} (about 9 minutes on 2 cores)");
    run(
        "cargo",
        &["install", "trunk", "--locked", "--version", TRUNK_VERSION],
    )
}

/// wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock, or trunk tries to download one.
fn wasm_bindgen_cli(root: &Path) -> Result<()> {
    let wanted = wasm_bindgen_version(root)?;
    let installed = output("wasm-bindgen", &["--version"]).unwrap_or_default();
    let runner = output("wasm-bindgen-test-runner", &["--version"]).unwrap_or_default();
    if installed.trim() == format!("wasm-bindgen {wanted}") && runner.contains(&wanted) {
        return Ok(());
    }
    eprintln!("installing wasm-bindgen-cli {wanted} (about 3 minutes)");
    // Not --locked: its own lockfile pins a crate that the registry no longer serves.
    run(
        "cargo",
        &[
            "install",
            "wasm-bindgen-cli",
            "--version",
            &wanted,
            "--force",
        ],
    )
}

/// The version of the `wasm-bindgen` package recorded in Cargo.lock.
pub fn wasm_bindgen_version(root: &Path) -> Result<String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).context("reading Cargo.lock")?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines
                .next()
                .and_then(|next| next.trim().strip_prefix("version = \""))
            {
                return Ok(version.trim_end_matches('"').to_string());
            }
        }
    }
    bail!("Cargo.lock has no wasm-bindgen package: run `cargo generate-lockfile`")
}

/// npm packages (binaryen's wasm-opt, ECharts, Playwright), reinstalled when package-lock.json changes.
pub fn npm_packages(root: &Path) -> Result<()> {
    let lock = root.join("package-lock.json");
    let installed = root.join("node_modules/.package-lock.json");
    let fresh = match (modified(&lock), modified(&installed)) {
        (Some(lock_time), Some(installed_time)) => installed_time >= lock_time,
        _ => false,
    };
    if !fresh {
        run_with(
            Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(root),
        )?;
    }
    Ok(())
}

/// Where the first ECharts bundle is written; index.html hands it to Trunk.
pub const ECHARTS_BUNDLE: &str = "target/echarts/echarts.min.js";
/// Where the second one is written (named by its content); index.html copies the folder.
pub const ECHARTS_MORE_DIR: &str = "target/echarts-more";

/// The reduced ECharts builds (web/echarts.js with the page, web/echarts-more.js after the first
/// chart: only the charts and components the dashboard uses), bundled by web/echarts-build.mjs
/// (esbuild) from the npm `echarts` modules. Rebuilt when an entry, the script or package-lock.json
/// is newer. The output depends only on esbuild's and ECharts' versions (package-lock.json) and its
/// inputs.
pub fn echarts_bundle(root: &Path) -> Result<()> {
    let bundle_time = modified(&root.join(ECHARTS_BUNDLE));
    let more_present = std::fs::read_dir(root.join(ECHARTS_MORE_DIR))
        .map(|mut entries| entries.next().is_some())
        .unwrap_or(false);
    let inputs = [
        "web/echarts.js",
        "web/echarts-more.js",
        "web/echarts-build.mjs",
        "package-lock.json",
    ]
    .map(|input| root.join(input));
    if bundle_time.is_some()
        && more_present
        && inputs.iter().all(|input| modified(input) <= bundle_time)
    {
        return Ok(());
    }
    run_with(
        Command::new("node")
            .arg(root.join("web/echarts-build.mjs"))
            .current_dir(root),
    )
}

/// How long apt waits for another apt's lock, in seconds.
const APT_LOCK_WAIT: &str = "-oDPkg::Lock::Timeout=900";

/// Debian's Chromium and chromedriver: Playwright cannot download its own browsers here.
pub fn chromium() -> Result<()> {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        return Ok(());
    }
    // Another apt may be running on a fresh machine (its own start-up upgrades): wait for its lock
    // instead of failing with « Could not get lock /var/lib/dpkg/lock-frontend ».
    run("apt-get", &[APT_LOCK_WAIT, "update", "-q"])?;
    run_with(
        Command::new("apt-get")
            .args([
                APT_LOCK_WAIT,
                "install",
                "-y",
                "-q",
                "chromium",
                "chromium-driver",
            ])
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

pub fn modified(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path)
        .and_then(|metadata| metadata.modified())
        .ok()
}

/// PATH with node_modules/.bin first: binaryen's wasm-opt, not Debian's (which corrupts the module).
pub fn path_with_node_bin(root: &Path) -> String {
    let node_bin = root.join("node_modules/.bin");
    let path = std::env::var("PATH").unwrap_or_default();
    format!("{}:{path}", node_bin.display())
}
