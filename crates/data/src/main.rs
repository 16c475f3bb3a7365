//! `comex-data`: builds the Arrow files from DGDDI files (or the demo data). Run through `cargo
//! xtask data` (`comex-view`, beside it, prints the blocks' models).

use anyhow::Result;
use clap::{Parser, Subcommand};
use comex_core::manifest::SourceKind;
use comex_data::code_lists::CodeLists;
use comex_data::dgddi::Reader;
use comex_data::output;
use comex_data::{demo, InputError};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Parser)]
#[command(
    name = "comex-data",
    about = "DGDDI regional trade files -> Arrow files for the dashboard"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read, validate, partition and write; without --input, generate and read the demo data.
    Build {
        /// DGDDI files: a published ZIP, or REGIONAL_CPF4PAYS[E|I].txt / Region_YYYY_[Export|Import].txt.
        #[arg(long)]
        input: Vec<PathBuf>,
        #[arg(long)]
        out: PathBuf,
        /// The code lists folder (the project's data/).
        #[arg(long, default_value = "data")]
        code_lists: PathBuf,
        /// Where the demo generator writes its DGDDI-format files.
        #[arg(long, default_value = "target/demo-source")]
        demo_dir: PathBuf,
        /// Collect up to N bad lines into rejets.csv instead of stopping at the first.
        #[arg(long)]
        max_errors: Option<usize>,
        /// The Territoires d'industrie's communes (a CSV with `insee_com` and `lib_ti`, as the ANCT's
        /// data.gouv dataset publishes it) instead of the shipped 2020 list.
        #[arg(long)]
        territoires_industrie: Option<PathBuf>,
    },
}

fn main() -> Result<()> {
    match Cli::parse().command {
        Command::Build {
            input,
            out,
            code_lists,
            demo_dir,
            max_errors,
            territoires_industrie,
        } => build(
            &input,
            &out,
            &code_lists,
            &demo_dir,
            max_errors,
            territoires_industrie.as_deref(),
        ),
    }
}

fn build(
    inputs: &[PathBuf],
    out: &Path,
    code_lists: &Path,
    demo_dir: &Path,
    max_errors: Option<usize>,
    territoires_industrie: Option<&Path>,
) -> Result<()> {
    let started = Instant::now();
    let mut lists = CodeLists::load(code_lists)?;
    if let Some(path) = territoires_industrie {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |name| name.to_string_lossy().into_owned(),
        );
        lists.territoires_industrie = comex_data::territoires_industrie::read(
            path,
            &format!("liste {name}"),
            &comex_data::code_lists::departement_codes(&lists.departements),
        )?;
    }
    let (paths, kind, description) = if inputs.is_empty() {
        eprintln!(
            "demo: generating DGDDI-format files for 2022 to 2025T3 in {}",
            demo_dir.display()
        );
        let paths = demo::generate(code_lists, &lists, demo_dir)?;
        let description = format!(
            "Données de démonstration (synthétiques, 2022 à 2025T3 ; {} calibrée sur les totaux publiés) ; pas les statistiques des douanes",
            demo::YEAR
        );
        (paths, SourceKind::Demo, description)
    } else {
        (
            inputs.to_vec(),
            SourceKind::Real,
            "DGDDI (douanes), statistiques régionales du commerce extérieur".to_string(),
        )
    };
    let catalog = lists.catalog_for(demo::YEAR)?;
    let progress = ProgressBar::new_spinner();
    progress.set_style(
        ProgressStyle::with_template("{spinner} {human_pos} lignes lues ({per_sec}) {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    let mut reader = Reader::new(&lists, &catalog, max_errors);
    for path in &paths {
        progress.set_message(path.display().to_string());
        reader
            .read_path(path, &mut |lines| progress.inc(lines))
            .map_err(report)?;
    }
    progress.finish_and_clear();
    let ingested = reader.finish().map_err(report)?;
    // A quarter given by two inputs: the later one wins for the whole quarter, and the build says so.
    for quarter in &ingested.quarters {
        for (file, lines) in &quarter.replaced {
            eprintln!(
                "{} {}: {} ({} lines) replaces {file} ({lines} lines)",
                quarter.period,
                quarter.flow.label_fr(),
                quarter.file,
                quarter.lines
            );
        }
    }
    let ingested_unknown = ingested.unknown_codes.clone();
    let written = output::write(&ingested, &lists, kind, &description, out).map_err(report)?;
    eprintln!(
        "{}: {} lines read, {} rejected, {} files, {:.1} MB, reconciled (rows and euros) in {:.1} s, peak memory {}",
        written.dir.display(),
        written.lines_read,
        written.lines_rejected,
        written.manifest.files.len(),
        written.bytes as f64 / 1e6,
        started.elapsed().as_secs_f64(),
        peak_memory().unwrap_or_else(|| "unknown".into())
    );
    if !ingested_unknown.is_empty() {
        eprintln!(
            "{} codes unknown to the code lists were kept, labelled with their code (« Code … — libellé absent des nomenclatures »):",
            ingested_unknown.len()
        );
        for unknown in &ingested_unknown {
            eprintln!(
                "  {} {}: {} lines",
                unknown.field, unknown.code, unknown.lines
            );
        }
    }
    if written.lines_rejected > 0 {
        eprintln!(
            "rejected lines are listed in {}",
            written.dir.join(output::REJECTIONS_FILE).display()
        );
    }
    Ok(())
}

/// The process's peak resident memory (Linux `VmHWM`), for the benchmark report.
fn peak_memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kilobytes: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(format!("{:.0} MB", kilobytes / 1024.0))
}

fn report(error: InputError) -> anyhow::Error {
    anyhow::Error::new(error)
}
