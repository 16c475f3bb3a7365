//! Running child processes with a readable trace and a clear error.

use anyhow::{bail, Context, Result};
use std::process::{Command, Stdio};

/// Runs a command, echoing it first; fails with the command line when it exits non-zero.
pub fn run(program: &str, args: &[&str]) -> Result<()> {
    run_with(Command::new(program).args(args))
}

pub fn run_with(command: &mut Command) -> Result<()> {
    let line = describe(command);
    eprintln!("\x1b[1m$ {line}\x1b[0m");
    let status = command
        .status()
        .with_context(|| format!("could not start `{line}`"))?;
    if !status.success() {
        bail!("`{line}` failed ({status})");
    }
    Ok(())
}

/// Runs a command quietly and returns its standard output, or None when it cannot run or fails.
pub fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program)
        .args(args)
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn describe(command: &Command) -> String {
    let mut line = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        line.push(' ');
        line.push_str(&arg.to_string_lossy());
    }
    line
}
