//! The demo year, generated and ingested through the same reader as real files.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests stop at the line that failed

use comex_core::arrow_io;
use comex_core::blocks::model::Context;
use comex_core::blocks::{compute, Block, BlockSelection, Tables};
use comex_core::codes::{Flow, Period, ProductLevel, Territory};
use comex_core::data_file::{self, departements_dependence_file, COUNTRIES_FILE, PRODUCTS_FILE};
use comex_core::filter::{CountrySelection, Filter, ProductSelection};
use comex_core::manifest::{Manifest, SourceKind};
use comex_core::trade_table::TradeTable;
use comex_core::views::map::MapMeasure;
use comex_data::code_lists::CodeLists;
use comex_data::demo::{self, CALIBRATION};
use comex_data::dgddi::Reader;
use comex_data::output;
use std::path::Path;

#[test]
fn the_demo_comes_out_exactly_on_the_published_totals_and_says_it_is_demo() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let lists = CodeLists::load(&data).unwrap();
    let work = tempfile::tempdir().unwrap();
    let sources = demo::generate(&data, &lists, &work.path().join("source")).unwrap();
    let catalog = lists.catalog_for(demo::YEAR).unwrap();
    let mut reader = Reader::new(&lists, &catalog, None);
    for path in &sources {
        reader.read_path(path, &mut |_| {}).unwrap();
    }
    let ingested = reader.finish().unwrap();
    assert!(ingested.rejections.is_empty());
    let written = output::write(
        &ingested,
        &lists,
        SourceKind::Demo,
        "démo",
        &work.path().join("out"),
    )
    .unwrap();
    assert_eq!(written.manifest.source.kind, SourceKind::Demo);
    assert!(work.path().join("source/LISEZ-MOI-DEMO.txt").exists());

    let total = |territory: &str, flow: Flow| {
        let territory = territory.parse::<Territory>().unwrap();
        written
            .manifest
            .totals
            .iter()
            .find(|t| t.territory == territory && t.flow == flow && t.year == demo::YEAR)
            .map(|t| t.value)
            .unwrap()
    };
    for (territory, exports, imports) in CALIBRATION {
        assert_eq!(
            total(territory, Flow::Export),
            exports,
            "{territory} exports"
        );
        assert_eq!(
            total(territory, Flow::Import),
            imports,
            "{territory} imports"
        );
    }
    // Every département of the DGDDI list has data: 2022 to 2024 and three quarters of 2025.
    let departements = written
        .manifest
        .territories
        .iter()
        .filter(|t| matches!(t.territory, Territory::Departement(_)))
        .count();
    assert_eq!(departements, 101);
    assert_eq!(written.manifest.periods.len(), 15);
    assert_eq!(written.manifest.complete_years(), [2022, 2023, 2024]);
    assert_eq!(
        written.manifest.default_periods(),
        (1..=4)
            .map(|quarter| comex_core::codes::Period {
                year: 2024,
                quarter
            })
            .collect::<Vec<_>>()
    );
    // The five-quarter file, read last, gives 2024T3 and 2024T4 again: it wins, the build says so.
    let replaced: Vec<String> = written
        .manifest
        .quarters
        .iter()
        .filter(|q| !q.replaced.is_empty())
        .map(|q| {
            format!(
                "{} {:?} {}",
                q.period,
                q.flow,
                q.file.rsplit('/').next().unwrap_or("")
            )
        })
        .collect();
    assert_eq!(
        replaced,
        [
            "2024T3 Export REGIONAL_CPF4PAYSE.txt",
            "2024T4 Export REGIONAL_CPF4PAYSE.txt",
            "2024T3 Import REGIONAL_CPF4PAYSI.txt",
            "2024T4 Import REGIONAL_CPF4PAYSI.txt",
        ]
    );
    assert!(ingested.lines_replaced > 0);

    check_year_sums(&work.path().join("out"), &written.manifest);

    // Generating again gives the same files, byte for byte.
    let again = demo::generate(&data, &lists, &work.path().join("again")).unwrap();
    for (first, second) in sources.iter().zip(&again) {
        assert!(
            std::fs::read(first).unwrap() == std::fs::read(second).unwrap(),
            "{}",
            first.display()
        );
    }
}

/// Every block, and the map under each of its measures.
fn blocks_and_map_measures() -> Vec<(Block, MapMeasure)> {
    Block::ALL
        .into_iter()
        .flat_map(|block| {
            let measures = if block == Block::Map {
                MapMeasure::ALL.to_vec()
            } else {
                vec![MapMeasure::default()]
            };
            measures.into_iter().map(move |measure| (block, measure))
        })
        .collect()
}

/// Every block of a whole year reads the files summed over the year's quarters (the territories' and
/// those of all départements), and
/// computes from them exactly the model it computes from the files by quarter; a part of a year,
/// and the évolution, read the files by quarter.
fn check_year_sums(out: &Path, manifest: &Manifest) {
    let dir = out.join("v1");
    let read = |path: &str| std::fs::read(dir.join(path)).unwrap();
    let catalog = arrow_io::read_catalog(
        (PRODUCTS_FILE, &read(PRODUCTS_FILE)),
        (COUNTRIES_FILE, &read(COUNTRIES_FILE)),
    )
    .unwrap();
    let table = |path: &str| arrow_io::read_trade(path, &read(path), &catalog).unwrap();
    let quarters = |year: u16, list: &[u8]| -> Vec<Period> {
        list.iter()
            .map(|&quarter| Period { year, quarter })
            .collect()
    };
    let two_years = [quarters(2023, &[1, 2, 3, 4]), quarters(2024, &[1, 2, 3, 4])].concat();
    let filters = [
        Filter::default(),
        Filter {
            product: Some(ProductSelection::parse("CE", &catalog).unwrap()),
            ..Filter::default()
        },
        Filter {
            country: Some(CountrySelection::parse("US", &catalog).unwrap()),
            ..Filter::default()
        },
        Filter {
            periods: two_years,
            ..Filter::default()
        },
        Filter {
            periods: quarters(2024, &[1, 2]),
            ..Filter::default()
        },
    ];
    let mut summed_read = 0;
    let mut summed_of_all_departements = 0;
    for territory in ["dep:60", "reg:01", "fr"] {
        for filter in &filters {
            for (block, measure) in blocks_and_map_measures() {
                let selection = BlockSelection {
                    territory: territory.parse().unwrap(),
                    filter: filter.clone(),
                    level: ProductLevel::A129,
                    map: measure,
                    compare: None,
                };
                let Some(files) = block.files(manifest, &catalog, &selection).unwrap() else {
                    continue;
                };
                let whole_years = filter.periods.len() != 2;
                let paths = files.all();
                // Every file of a block but the évolution's is summed over the year when the
                // quarters shown make whole years: the territories' and those of all départements.
                for path in &paths {
                    let summed = path.ends_with("/year.arrow");
                    assert_eq!(
                        summed,
                        whole_years && block != Block::Evolution,
                        "{block} {measure:?} {territory} {filter:?} reads {path}"
                    );
                    summed_read += usize::from(summed);
                    summed_of_all_departements +=
                        usize::from(summed && path.starts_with("fr-departements-"));
                }
                let own: Vec<TradeTable> = paths.iter().map(|path| table(path)).collect();
                // The same paths holding the files by quarter.
                let by_quarter: Vec<TradeTable> = paths
                    .iter()
                    .map(|path| match path.strip_suffix("/year.arrow") {
                        // The goods under strong dependence are written for whole years only.
                        Some(_) if is_dependence_file(path) => table(path),
                        Some(folder) => table(&format!("{folder}.arrow")),
                        None => table(path),
                    })
                    .collect();
                let compute_from = |loaded: &[TradeTable]| {
                    let mut tables = Tables::new();
                    for (path, table) in paths.iter().zip(loaded) {
                        tables.insert(path, table);
                    }
                    let context = Context {
                        manifest,
                        catalog: &catalog,
                        shared: None,
                    };
                    compute(block, context, &selection, &tables).unwrap()
                };
                assert_eq!(
                    compute_from(&own),
                    compute_from(&by_quarter),
                    "{block} {measure:?} {territory} {filter:?}"
                );
            }
        }
    }
    assert!(summed_read > 100, "{summed_read} summed files read");
    assert!(
        summed_of_all_departements > 20,
        "{summed_of_all_departements} summed files of all départements read"
    );
}

/// Whether a path is the file of the goods under strong dependence (a whole year's, no twin by quarter).
fn is_dependence_file(path: &str) -> bool {
    data_file::year_of(path)
        .map(departements_dependence_file)
        .as_deref()
        == Some(path)
}
