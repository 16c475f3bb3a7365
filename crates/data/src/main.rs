//! `comex-data`: builds the Arrow files from DGDDI files (or the demo data), and prints view models.
//! Run through `cargo xtask data` and `cargo xtask view`.

use anyhow::{bail, Context as _, Result};
use clap::{Parser, Subcommand, ValueEnum};
use comex_core::arrow_io;
use comex_core::blocks::model::Context;
use comex_core::blocks::{compute, Block, BlockError, Selection as BlockSelection, Tables};
use comex_core::codes::Territory;
use comex_core::data_file::{COUNTRIES_FILE, MANIFEST_FILE, PRODUCTS_FILE};
use comex_core::filter::{CountrySelection, Filter, ProductSelection};
use comex_core::manifest::{Manifest, SourceKind};
use comex_core::table::TradeTable;
use comex_data::code_lists::CodeLists;
use comex_data::dgddi::Reader;
use comex_data::output::{self, VERSION_DIR};
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
    /// Print one view model of one territory.
    View {
        /// The data folder (the one holding v1/, or v1/ itself).
        #[arg(long, default_value = "public/data")]
        data: PathBuf,
        /// dep:NN, reg:NN or fr.
        #[arg(long)]
        territory: String,
        /// A block, named as `?embed=` names it: key-points, partners, evolution, change-partners,
        /// change-goods, goods-import, goods-export, export-sankey, totals-exportations,
        /// export-sankey-region, export-sankey-france, import-sankey, totals-importations,
        /// import-sankey-region, import-sankey-france, map, specialisation, exposure,
        /// import-dependence, export-concentration, tariff-exposure.
        #[arg(long)]
        view: String,
        /// A product code at any level (CPF4 `2042`, A129 `C20B`, A38 `CE`, A17 `C5`).
        #[arg(long)]
        product: Option<String>,
        /// A country code (`US`) or a group (`group:eu27`).
        #[arg(long)]
        country: Option<String>,
        /// Quarters to keep, e.g. `2024T1,2024T2` (all quarters of the data without it).
        #[arg(long, value_delimiter = ',')]
        period: Vec<String>,
        /// Product level of the goods, Sankey and specialisation views.
        #[arg(long, default_value = "a129")]
        level: String,
        /// What the map colours: exports, imports, balance, exposure (to the partner, the United
        /// States by default), specialisation (in the selected product), change (exports against a
        /// year earlier), strong-dependence (imports in goods whose first supplier holds at least
        /// half, a whole year). As the page's `map=`.
        #[arg(long, default_value = "exports")]
        measure: String,
        /// The territory set beside `--territory` (the `comparison` block): dep:NN, reg:NN or fr.
        #[arg(long)]
        compare: Option<String>,
        /// The colour scheme of `--format echarts`: light or dark (as the page's `theme=`).
        #[arg(long, default_value = "light")]
        theme: String,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// French-formatted table for people.
    Text,
    /// `;`-separated, euros as integers.
    Csv,
    /// The block's model itself.
    Json,
    /// The ECharts option the dashboard draws for the block (wide screen), as JSON.
    Echarts,
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
        Command::View {
            data,
            territory,
            view,
            product,
            country,
            period,
            level,
            measure,
            compare,
            theme,
            format,
        } => {
            let selection = Selection {
                product,
                country,
                period,
                level,
                measure,
                compare,
                theme,
            };
            print_view(&data, &territory, &view, &selection, format)
        }
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

/// The data version folder: `dir/v1` or `dir` itself.
fn version_dir(data: &Path) -> PathBuf {
    let nested = data.join(VERSION_DIR);
    if nested.join(MANIFEST_FILE).exists() {
        nested
    } else {
        data.to_path_buf()
    }
}

fn read_table(
    dir: &Path,
    path: &str,
    catalog: &comex_core::catalog::Catalog,
) -> Result<TradeTable> {
    let bytes = std::fs::read(dir.join(path))
        .with_context(|| format!("reading {}", dir.join(path).display()))?;
    Ok(arrow_io::read_trade(path, &bytes, catalog)?)
}

/// The filters of the `view` command, as typed.
struct Selection {
    product: Option<String>,
    country: Option<String>,
    period: Vec<String>,
    level: String,
    measure: String,
    compare: Option<String>,
    theme: String,
}

fn print_view(
    data: &Path,
    territory: &str,
    view: &str,
    selection: &Selection,
    format: Format,
) -> Result<()> {
    let dir = version_dir(data);
    let manifest_path = dir.join(MANIFEST_FILE);
    let manifest_text = std::fs::read_to_string(&manifest_path).with_context(|| {
        format!(
            "reading {} (build the data with `cargo xtask data`)",
            manifest_path.display()
        )
    })?;
    let manifest = Manifest::parse(&manifest_text)?;
    let read =
        |path: &str| std::fs::read(dir.join(path)).with_context(|| format!("reading {path}"));
    let catalog = arrow_io::read_catalog(
        (PRODUCTS_FILE, &read(PRODUCTS_FILE)?),
        (COUNTRIES_FILE, &read(COUNTRIES_FILE)?),
    )?;

    let territory: Territory = territory.parse()?;
    manifest.territory(&territory)?;
    let block: Block = view.parse()?;
    let filter = Filter {
        periods: selection
            .period
            .iter()
            .map(|p| p.parse())
            .collect::<Result<_, _>>()?,
        product: selection
            .product
            .as_deref()
            .map(|p| ProductSelection::parse(p, &catalog))
            .transpose()?,
        country: selection
            .country
            .as_deref()
            .map(|c| CountrySelection::parse(c, &catalog))
            .transpose()?,
    };
    let theme: comex_charts::Theme = selection
        .theme
        .parse()
        .map_err(|message: String| anyhow::anyhow!("--theme: {message}"))?;
    let selection = BlockSelection {
        territory,
        filter,
        level: selection.level.parse()?,
        map: selection.measure.parse()?,
        compare: selection
            .compare
            .as_deref()
            .map(str::parse::<Territory>)
            .transpose()?,
    };
    let Some(files) = block.files(&manifest, &catalog, &selection)? else {
        bail!(
            "the block {block} does not apply to {} (a territory is never compared with itself)",
            selection.territory
        );
    };
    let loaded: Vec<(&str, TradeTable)> = files
        .all()
        .into_iter()
        .map(|path| Ok((path, read_table(&dir, path, &catalog)?)))
        .collect::<Result<_>>()?;
    let mut tables = Tables::new();
    for (path, table) in &loaded {
        tables.insert(path, table);
    }
    let context = Context {
        manifest: &manifest,
        catalog: &catalog,
        shared: None,
    };
    let model = match compute(block, context, &selection, &tables) {
        Ok(model) => model,
        Err(BlockError::Core(error)) => return Err(error.into()),
        Err(other) => bail!("the block {block} could not be computed: {other:?}"),
    };
    match format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&model)?),
        Format::Csv => print!("{}", model.table.to_csv()),
        Format::Echarts => {
            let layout = comex_charts::Layout {
                compact: block.is_comparison(),
                narrow: false,
                theme,
            };
            let chart = comex_charts::option(&model.model, &manifest, layout);
            println!("{}", serde_json::to_string_pretty(&chart)?);
        }
        Format::Text => {
            if manifest.is_demo() {
                println!("DONNÉES DE DÉMONSTRATION (synthétiques)");
            }
            for sentence in &model.sentences {
                println!("{sentence}");
            }
            print!("{}", model.table.to_text());
        }
    }
    Ok(())
}
