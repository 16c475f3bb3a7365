//! The data build (native pipeline) and the app build (Trunk, release, offline).

use crate::command::run_with;
use crate::setup::{self, modified};
use anyhow::Result;
use clap::Args;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

/// Where the dashboard's data are written; Trunk copies this folder into dist/.
pub const DATA_DIR: &str = "public/data";

#[derive(Args, Clone, Debug)]
pub struct DataArgs {
    /// A DGDDI file: a ZIP as published, or REGIONAL_CPF4PAYS[E|I].txt / Region_YYYY_[Export|Import].txt
    /// (repeat for the export and import files). Without it, the calibrated demo data are built.
    #[arg(long)]
    pub input: Vec<PathBuf>,
    /// Build the demo data (the default when no --input is given).
    #[arg(long, conflicts_with = "input")]
    pub demo: bool,
    /// Output folder.
    #[arg(long, default_value = DATA_DIR)]
    pub out: PathBuf,
    /// Collect up to N bad lines into a rejection report instead of stopping at the first.
    #[arg(long)]
    pub max_errors: Option<usize>,
    /// The Territoires d'industrie's communes (a CSV with `insee_com` and `lib_ti`, as the ANCT's
    /// data.gouv dataset publishes it) instead of the shipped 2020 list.
    #[arg(long)]
    pub territoires_industrie: Option<PathBuf>,
}

impl DataArgs {
    /// The calibrated demo data, into the default folder.
    pub fn demo() -> Self {
        DataArgs {
            input: Vec::new(),
            demo: true,
            out: PathBuf::from(DATA_DIR),
            max_errors: None,
            territoires_industrie: None,
        }
    }
}

/// A `cargo run` of a native binary of the workspace (`comex-data`, `comex-view`), optimised (the
/// `pipeline` profile, which writes it to `target/pipeline/`).
fn native(package: &str) -> Command {
    let mut command = Command::new("cargo");
    command.args([
        "run",
        "--quiet",
        "--profile",
        "pipeline",
        "--package",
        package,
        "--bin",
        package,
        "--",
    ]);
    command
}

fn pipeline() -> Command {
    native("comex-data")
}

/// The view command line's binary, built if needed (the end-to-end oracle runs it).
pub fn view_binary(root: &Path) -> Result<PathBuf> {
    run_with(
        Command::new("cargo")
            .args([
                "build",
                "--quiet",
                "--profile",
                "pipeline",
                "--package",
                "comex-view",
            ])
            .current_dir(root),
    )?;
    Ok(root.join("target/pipeline/comex-view"))
}

/// Runs the pipeline. Without `always`, skips it when its output is newer than every input.
pub fn data(root: &Path, args: &DataArgs, always: bool) -> Result<()> {
    let manifest = root.join(&args.out).join("v1/manifest.json");
    let defaults = args.input.is_empty() && args.territoires_industrie.is_none();
    if !always && defaults && is_newer_than_sources(root, &manifest) {
        eprintln!("data: {} is up to date", manifest.display());
        return Ok(());
    }
    let mut command = pipeline();
    command.arg("build").arg("--out").arg(&args.out);
    command.arg("--code-lists").arg(root.join("data"));
    for input in &args.input {
        command.arg("--input").arg(input);
    }
    if let Some(max) = args.max_errors {
        command.arg("--max-errors").arg(max.to_string());
    }
    if let Some(list) = &args.territoires_industrie {
        command.arg("--territoires-industrie").arg(list);
    }
    run_with(&mut command)
}

/// Data, then the release app into dist/ with every territory's static page (drawn by the app in
/// headless Chromium: the browser is part of the build).
pub fn everything(root: &Path, args: &DataArgs) -> Result<()> {
    setup::all(root, true)?;
    data(root, args, false)?;
    trunk_build(root)
}

pub fn trunk_build(root: &Path) -> Result<()> {
    run_with(
        Command::new("trunk")
            .args(["build", "--release", "--offline"])
            .env("PATH", setup::path_with_node_bin(root))
            .env("RUSTFLAGS", relative_source_paths(root))
            .current_dir(root),
    )?;
    crate::strict_page::externalise_inline_script(&root.join("dist"))?;
    crate::minify::minify_assets(root, &root.join("dist"))?;
    crate::bake::bake(root, &root.join("dist"))?;
    crate::precompress::precompress(&root.join("dist"))
}

/// The WASM names the source file of each place that can panic; these flags write those paths
/// relative to the crates' folders instead of this machine's (`/root/.cargo/registry/src/…`), so
/// that the same sources give the same WASM on any machine, 615 bytes brotli smaller (2026-12-03).
/// Flags the caller set are kept.
fn relative_source_paths(root: &Path) -> String {
    let cargo_home = std::env::var("CARGO_HOME")
        .unwrap_or_else(|_| format!("{}/.cargo", std::env::var("HOME").unwrap_or_default()));
    let mut flags = std::env::var("RUSTFLAGS").unwrap_or_default();
    for prefix in [
        format!("{cargo_home}/registry/src/"),
        format!("{}/", root.display()),
    ] {
        flags.push_str(&format!(" --remap-path-prefix={prefix}="));
    }
    flags.trim().to_string()
}

pub fn view(args: &[String]) -> Result<()> {
    run_with(native("comex-view").args(args))
}

/// True when `output` exists and is newer than the pipeline's sources and code lists.
fn is_newer_than_sources(root: &Path, output: &Path) -> bool {
    let Some(output_time) = modified(output) else {
        return false;
    };
    ["crates/data", "crates/core/src", "data"]
        .iter()
        .filter_map(|dir| newest(&root.join(dir)))
        .all(|source_time| source_time <= output_time)
}

fn newest(path: &Path) -> Option<SystemTime> {
    let own = modified(path);
    let Ok(entries) = std::fs::read_dir(path) else {
        return own;
    };
    entries
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| newest(&entry.path()))
        .chain(own)
        .max()
}
