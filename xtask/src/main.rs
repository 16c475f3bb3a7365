//! `cargo xtask <command>`: the project's set-up, build, serve and test commands.
//!
//! Every command installs what it needs and skips what is present, so that the README's two commands
//! (`cargo xtask serve`, `cargo xtask test`) work on a fresh machine with no step done by hand.

mod bake;
mod bench;
mod build;
mod command;
mod fuzz;
mod hostile;
mod minify;
mod precompress;
mod serve;
mod setup;
mod strict_page;
mod test;

use anyhow::Result;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    about = "comex-territoires: set-up, data, build, serve and test"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Install the missing tools (wasm32 target, trunk, wasm-bindgen-cli, npm packages).
    Setup {
        /// Also install Chromium and chromedriver (needed by the browser tests).
        #[arg(long)]
        browser: bool,
    },
    /// Build the Arrow data files (demo data unless --input is given).
    Data(build::DataArgs),
    /// Build the data and the release app into dist/.
    Build(build::DataArgs),
    /// Build everything and serve the dashboard on 127.0.0.1.
    Serve {
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// Serve the site under this sub-path (e.g. /intranet/commerce/), as a reverse proxy would.
        #[arg(long, default_value = "/")]
        base_path: String,
        /// Who may embed the dashboard in a frame: the CSP's frame-ancestors (e.g. "https://intranet.example.fr").
        #[arg(long, default_value = "'self'")]
        frame_ancestors: String,
        #[command(flatten)]
        data: build::DataArgs,
    },
    /// Every check: fmt, clippy, host tests, wasm tests in headless Chromium, release build, end-to-end tests.
    Test,
    /// Print one view model of one territory from the Arrow files (see `cargo xtask view --help`).
    View {
        /// Arguments passed to `comex-view` (`cargo xtask view --help`).
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Fuzz the Arrow decoding wrapper and the DGDDI reader (cargo fuzz, nightly).
    Fuzz {
        /// Seconds per target.
        #[arg(long, default_value_t = 600)]
        seconds: u64,
        /// Only this target (arrow_decode, dgddi_lines).
        #[arg(long)]
        target: Option<String>,
    },
    /// Benchmarks: the pipeline (time, peak memory), the engine (criterion), then in headless Chromium our
    /// engine beside DuckDB-WASM and Arquero, and the dashboard's load, switch, bytes and memory.
    Bench {
        /// Only the browser part (engines page and dashboard), on the data already built.
        #[arg(long)]
        browser_only: bool,
    },
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    let root = workspace_root();
    std::env::set_current_dir(&root)?;
    match cli.command {
        Command::Setup { browser } => setup::all(&root, browser),
        Command::Data(args) => {
            setup::npm_packages(&root)?;
            build::data(&root, &args, true)
        }
        Command::Build(args) => build::everything(&root, &args),
        Command::Serve {
            port,
            base_path,
            frame_ancestors,
            data,
        } => {
            build::everything(&root, &data)?;
            serve::serve_forever(
                serve::Site::new(&root.join("dist"), &base_path, &frame_ancestors),
                port,
            )
        }
        Command::Test => test::all(&root),
        Command::View { args } => build::view(&args),
        Command::Bench { browser_only } => bench::all(&root, browser_only),
        Command::Fuzz { seconds, target } => {
            fuzz::run_targets(&root, fuzz::Budget::Seconds(seconds), target.as_deref())
        }
    }
}

/// The workspace root: the parent of this crate's folder.
fn workspace_root() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map(PathBuf::from)
        .unwrap_or(manifest_dir)
}
