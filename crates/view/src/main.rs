//! `comex-view`: prints any block's model for one territory and selection, as the page computes it
//! (the same `comex_core::blocks::compute` on the same Arrow files): text for people, CSV, the model
//! as JSON, or the ECharts option the page draws. Run through `cargo xtask view`; the end-to-end
//! oracle compares the page with it. A crate of its own so that the pipeline (`comex-data`) does
//! not depend on the charts.

use anyhow::{bail, Context as _, Result};
use clap::{Parser, ValueEnum};
use comex_charts::Theme;
use comex_core::arrow_io;
use comex_core::blocks::model::Context;
use comex_core::blocks::{compute, Block, BlockError, BlockSelection, Tables};
use comex_core::codes::{Period, ProductLevel, Territory};
use comex_core::data_file::{COUNTRIES_FILE, MANIFEST_FILE, PRODUCTS_FILE, VERSION_DIR};
use comex_core::filter::{CountrySelection, Filter, ProductSelection};
use comex_core::manifest::Manifest;
use comex_core::trade_table::TradeTable;
use comex_core::views::map::MapMeasure;
use std::path::{Path, PathBuf};

/// Print one block's model of one territory.
#[derive(Parser)]
#[command(name = "comex-view")]
struct Cli {
    /// The data folder (the one holding v1/, or v1/ itself).
    #[arg(long, default_value = "public/data")]
    data: PathBuf,
    /// dep:NN, reg:NN or fr.
    #[arg(long)]
    territory: Territory,
    /// A block, named as `?embed=` names it: key-points, partners, evolution, change-partners,
    /// change-goods, goods-import, goods-export, export-sankey, totals-exportations,
    /// export-sankey-region, export-sankey-france, import-sankey, totals-importations,
    /// import-sankey-region, import-sankey-france, map, specialisation, exposure,
    /// import-dependence, export-concentration, tariff-exposure.
    #[arg(long)]
    view: Block,
    /// A product code at any level (CPF4 `2042`, A129 `C20B`, A38 `CE`, A17 `C5`).
    #[arg(long)]
    product: Option<String>,
    /// A country code (`US`) or a group (`group:eu27`).
    #[arg(long)]
    country: Option<String>,
    /// Quarters to keep, e.g. `2024T1,2024T2` (all quarters of the data without it).
    #[arg(long, value_delimiter = ',')]
    period: Vec<Period>,
    /// Product level of the goods, Sankey and specialisation views.
    #[arg(long, default_value = "a129")]
    level: ProductLevel,
    /// What the map colours: exports, imports, balance, exposure (to the partner, the United
    /// States by default), specialisation (in the selected product), change (exports against a
    /// year earlier), strong-dependence (imports in goods whose first supplier holds at least
    /// half, a whole year). As the page's `map=`.
    #[arg(long, default_value = "exports")]
    measure: MapMeasure,
    /// The territory set beside `--territory` (the `comparison` block): dep:NN, reg:NN or fr.
    #[arg(long)]
    compare: Option<Territory>,
    /// The colour scheme of `--format echarts`: light or dark (as the page's `theme=`).
    #[arg(long, default_value = "light")]
    theme: Theme,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
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
    print_view(&Cli::parse())
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

fn print_view(cli: &Cli) -> Result<()> {
    let dir = version_dir(&cli.data);
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
    manifest.territory(&cli.territory)?;
    let block = cli.view;
    let selection = BlockSelection {
        territory: cli.territory.clone(),
        filter: Filter {
            periods: cli.period.clone(),
            product: cli
                .product
                .as_deref()
                .map(|p| ProductSelection::parse(p, &catalog))
                .transpose()?,
            country: cli
                .country
                .as_deref()
                .map(|c| CountrySelection::parse(c, &catalog))
                .transpose()?,
        },
        level: cli.level,
        map: cli.measure,
        compare: cli.compare.clone(),
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
    match cli.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&model)?),
        Format::Csv => print!("{}", model.table.to_csv()),
        Format::Echarts => {
            let layout = comex_charts::Layout {
                compact: block.is_comparison(),
                narrow: false,
                theme: cli.theme,
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
