//! Fuzzing with cargo fuzz (libFuzzer, nightly toolchain): the Arrow decoding wrapper and the DGDDI
//! reader. Seeds are committed under fuzz/corpus/; what a run discovers goes to target/fuzz-corpus/.

use crate::command::{output, run, run_with};
use anyhow::Result;
use std::path::Path;
use std::process::Command;

pub const TARGETS: [&str; 2] = ["arrow_decode", "dgddi_lines"];

/// cargo-fuzz, installed when missing (the nightly toolchain comes with the machine).
fn cargo_fuzz() -> Result<()> {
    if output("cargo", &["fuzz", "--version"]).is_some() {
        return Ok(());
    }
    run("cargo", &["install", "cargo-fuzz", "--locked"])
}

/// How long a run lasts.
pub enum Budget {
    /// Explore for this long (`cargo xtask fuzz`).
    Seconds(u64),
    /// A fixed number of inputs from a fixed seed, starting from the committed corpus only: the same
    /// run on every machine (`cargo xtask test`), so that CI never fails on a crash nobody saw.
    Runs(u64),
}

/// Runs each target (or the one named); fails on the first crash, whose input libFuzzer writes
/// under fuzz/artifacts/.
pub fn run_targets(root: &Path, budget: Budget, only: Option<&str>) -> Result<()> {
    cargo_fuzz()?;
    for target in TARGETS
        .iter()
        .filter(|t| only.is_none_or(|name| name == **t))
    {
        let discovered = root.join("target/fuzz-corpus").join(target);
        if matches!(budget, Budget::Runs(_)) && discovered.exists() {
            std::fs::remove_dir_all(&discovered)?;
        }
        std::fs::create_dir_all(&discovered)?;
        let limits = match budget {
            Budget::Seconds(seconds) => vec![format!("-max_total_time={seconds}")],
            Budget::Runs(runs) => vec![format!("-runs={runs}"), "-seed=20261128".to_string()],
        };
        run_with(
            Command::new("cargo")
                .args(["+nightly", "fuzz", "run", target])
                .arg(&discovered)
                .arg(root.join("fuzz/corpus").join(target))
                .arg("--")
                .args(&limits)
                .arg("-print_final_stats=1")
                .current_dir(root),
        )?;
    }
    Ok(())
}
