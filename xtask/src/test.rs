//! `cargo xtask test`: every check, in order, with a closing summary. Exits non-zero on any failure.

use crate::build::{self, DataArgs};
use crate::command::run_with;
use crate::{serve, setup};
use anyhow::{bail, Result};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

struct Step {
    name: &'static str,
    run: fn(&Path) -> Result<()>,
    /// A failed step that later steps need stops the run (no end-to-end tests without a build).
    needed_by_later_steps: bool,
}

const STEPS: &[Step] = &[
    Step {
        name: "format (cargo fmt --check)",
        run: format,
        needed_by_later_steps: false,
    },
    Step {
        name: "clippy, host crates",
        run: clippy_host,
        needed_by_later_steps: false,
    },
    Step {
        name: "clippy, app for wasm32",
        run: clippy_wasm,
        needed_by_later_steps: false,
    },
    Step {
        name: "host tests (cargo test)",
        run: host_tests,
        needed_by_later_steps: false,
    },
    Step {
        name: "wasm tests in headless Chromium",
        run: wasm_tests,
        needed_by_later_steps: false,
    },
    Step {
        name: "fuzzing, a bounded run per target",
        run: fuzz_briefly,
        needed_by_later_steps: false,
    },
    Step {
        name: "demo data build",
        run: demo_data,
        needed_by_later_steps: true,
    },
    Step {
        name: "release build (trunk)",
        run: release_build,
        needed_by_later_steps: true,
    },
    Step {
        name: "end-to-end tests (Playwright)",
        run: end_to_end,
        needed_by_later_steps: false,
    },
];

pub fn all(root: &Path) -> Result<()> {
    setup::all(root, true)?;
    let mut results = Vec::new();
    for step in STEPS {
        eprintln!("\n\x1b[1;34m== {}\x1b[0m", step.name);
        let started = Instant::now();
        let outcome = (step.run)(root);
        let seconds = started.elapsed().as_secs_f64();
        let passed = outcome.is_ok();
        if let Err(error) = &outcome {
            eprintln!("\x1b[1;31m{}: {error:#}\x1b[0m", step.name);
        }
        results.push((step.name, passed, seconds));
        if !passed && step.needed_by_later_steps {
            break;
        }
    }
    eprintln!("\nxtask test summary");
    for (name, passed, seconds) in &results {
        let mark = if *passed { "ok  " } else { "FAIL" };
        eprintln!("  {mark} {name} ({seconds:.0} s)");
    }
    let failed = results.iter().filter(|(_, passed, _)| !passed).count();
    let skipped = STEPS.len() - results.len();
    if failed > 0 || skipped > 0 {
        bail!("{failed} step(s) failed, {skipped} not run");
    }
    println!("xtask test: all {} steps passed", STEPS.len());
    Ok(())
}

fn cargo(args: &[&str]) -> Result<()> {
    run_with(Command::new("cargo").args(args))
}

fn format(_: &Path) -> Result<()> {
    cargo(&["fmt", "--all", "--", "--check"])
}

fn clippy_host(_: &Path) -> Result<()> {
    cargo(&[
        "clippy",
        "--workspace",
        "--exclude",
        "comex-territoires",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ])
}

fn clippy_wasm(_: &Path) -> Result<()> {
    cargo(&[
        "clippy",
        "--package",
        "comex-territoires",
        "--package",
        "comex-bench-engine",
        "--target",
        setup::WASM_TARGET,
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ])
}

fn host_tests(_: &Path) -> Result<()> {
    cargo(&["test", "--workspace"])
}

/// wasm-bindgen-test-runner drives Chromium through chromedriver; webdriver.json gives the headless flags.
fn wasm_tests(root: &Path) -> Result<()> {
    run_with(
        Command::new("cargo")
            .args([
                "test",
                "--package",
                "comex-territoires",
                "--target",
                setup::WASM_TARGET,
            ])
            .env("CHROMEDRIVER", setup::CHROMEDRIVER)
            .env("WASM_BINDGEN_TEST_TIMEOUT", "120")
            .current_dir(root),
    )
}

/// Inputs per fuzz target inside `cargo xtask test`: about a minute in all here (`cargo xtask fuzz` runs longer).
const FUZZ_RUNS: u64 = 300_000;

fn fuzz_briefly(root: &Path) -> Result<()> {
    crate::fuzz::run_targets(root, crate::fuzz::Budget::Runs(FUZZ_RUNS), None)
}

fn demo_data(root: &Path) -> Result<()> {
    build::data(root, &DataArgs::demo(), false)
}

fn release_build(root: &Path) -> Result<()> {
    build::trunk_build(root)
}

/// The first view's size budgets (tests/end2end/performance.spec.ts): everything a reader of the
/// Oise's page gets until the app has taken its static page over (the page, the app, ECharts, the
/// territory's data and the key points' files), ratchets at the measured size plus about 1 %: a
/// change that makes the first view heavier fails the tests. The history of these figures is in git.
/// As the browser gets it (brotli): 855 330 bytes when set (the territory combobox and the dark
/// theme added 7,8 KB to the WASM).
const FIRST_VIEW_BUDGET: u64 = 864_000;
/// To a client that accepts gzip only: 1 028 930 bytes when set.
const FIRST_VIEW_GZIP_BUDGET: u64 = 1_039_000;

/// The sub-path the end-to-end tests also serve the site under.
const SUBPATH: &str = "/intranet/commerce-exterieur/";

/// Serves dist/ on a free port and runs the Playwright suite against it, in the system Chromium.
fn end_to_end(root: &Path) -> Result<()> {
    // As `serve` serves it, with the strict policy; embedding allowed from other local origins (a test
    // embeds it from one); and a second copy under a sub-path.
    let dist = root.join("dist");
    let port = serve::spawn(serve::Site::new(&dist, "/", "'self' http://127.0.0.1:*"))?;
    let subpath_port = serve::spawn(serve::Site::new(&dist, SUBPATH, "'self'"))?;
    let hostile_data = crate::hostile::build(root)?;
    let view_binary = build::view_binary(root)?;
    let hostile_port = serve::spawn(serve::Site {
        data_dir: Some(hostile_data),
        ..serve::Site::new(&dist, "/", "'self'")
    })?;
    run_with(
        Command::new("npx")
            .args([
                "playwright",
                "test",
                "--config",
                "tests/playwright.config.ts",
            ])
            .env("BASE_URL", format!("http://127.0.0.1:{port}"))
            .env("HOSTILE_URL", format!("http://127.0.0.1:{hostile_port}/"))
            .env(
                "SUBPATH_URL",
                format!("http://127.0.0.1:{subpath_port}{SUBPATH}"),
            )
            .env("CHROMIUM", setup::CHROMIUM)
            .env("COMEX_VIEW_BIN", view_binary)
            .env("COMEX_DATA_DIR", root.join(build::DATA_DIR))
            .env("FIRST_VIEW_BUDGET", FIRST_VIEW_BUDGET.to_string())
            .env("FIRST_VIEW_GZIP_BUDGET", FIRST_VIEW_GZIP_BUDGET.to_string())
            .current_dir(root),
    )
}
