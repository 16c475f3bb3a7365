//! The portrait's blocks: which apply to which territory, which files each reads, and that a file
//! not loaded yet is "not ready", never replaced by another table.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests stop at the line that failed

mod common;

use comex_core::blocks::model::Context;
use comex_core::blocks::{compute, Block, BlockError, Selection, Tables};
use comex_core::codes::{Flow, ProductLevel, Territory};
use comex_core::filter::Filter;
use comex_core::manifest::{Manifest, Source, SourceKind, TerritoryEntry};
use comex_core::table::TradeTable;
use comex_core::views::portrait::{SharedResults, ViewModel};
use common::{catalog, dep, table, Q1, Q2};

const E: Flow = Flow::Export;
const I: Flow = Flow::Import;

fn entry(territory: Territory, label: &str, region: Option<&str>, slug: &str) -> TerritoryEntry {
    TerritoryEntry {
        territory,
        label: label.into(),
        region: region.map(String::from),
        slug: slug.into(),
    }
}

fn manifest() -> Manifest {
    Manifest {
        schema_version: "1".into(),
        source: Source {
            kind: SourceKind::Demo,
            description: String::new(),
            files: vec![],
        },
        years: vec![2024],
        periods: vec![Q1, Q2],
        territories: vec![
            entry(dep("60"), "Oise", Some("01"), "oise"),
            entry(dep("75"), "Paris", Some("03"), "paris"),
            entry(
                Territory::Region("01".into()),
                "Hauts-de-France",
                Some("01"),
                "hauts-de-france",
            ),
            entry(
                Territory::Region("03".into()),
                "Île-de-France",
                Some("03"),
                "ile-de-france",
            ),
            entry(Territory::France, "France entière", None, "france"),
        ],
        files: vec![],
        totals: vec![],
    }
}

fn selection(territory: Territory) -> Selection {
    Selection {
        territory,
        filter: Filter::default(),
        level: ProductLevel::Cpf4,
    }
}

struct Data {
    oise: TradeTable,
    region: TradeTable,
    france: TradeTable,
}

fn data() -> Data {
    Data {
        // The Oise exports product 0 mostly; France exports product 1 mostly.
        oise: table(
            dep("60"),
            &[(0, E, 0, 0, 90), (0, E, 1, 1, 10), (0, I, 2, 0, 40)],
        ),
        region: table(
            Territory::Region("01".into()),
            &[(0, E, 0, 0, 200), (0, E, 1, 1, 200), (1, I, 2, 0, 100)],
        ),
        france: table(
            Territory::France,
            &[(0, E, 0, 0, 100), (0, E, 1, 1, 900), (0, I, 2, 0, 400)],
        ),
    }
}

fn context<'a>(
    manifest: &'a Manifest,
    catalog: &'a comex_core::catalog::Catalog,
    shared: Option<&'a SharedResults>,
) -> Context<'a> {
    Context {
        manifest,
        catalog,
        shared,
    }
}

fn tables<'a>(entries: &[(&'a str, &'a TradeTable)]) -> Tables<'a> {
    let mut tables = Tables::new();
    for (path, table) in entries {
        tables.insert(path, table);
    }
    tables
}

#[test]
fn the_specialisation_waits_for_france_and_never_compares_the_territory_with_itself() {
    let catalog = catalog(4, 3);
    let manifest = manifest();
    let data = data();
    let shared = SharedResults::default();
    let context = context(&manifest, &catalog, Some(&shared));
    let oise = selection(dep("60"));
    // France's file not there yet: not ready, not computed against another table.
    let only_oise = tables(&[("dep/60.arrow", &data.oise)]);
    assert_eq!(
        compute(Block::Specialisation, context, &oise, &only_oise),
        Err(BlockError::NotReady("fr.arrow".into()))
    );
    // Once it is, the national shares are France's (and nothing kept from the first try).
    let both = tables(&[("dep/60.arrow", &data.oise), ("fr.arrow", &data.france)]);
    let model = compute(Block::Specialisation, context, &oise, &both).unwrap();
    let ViewModel::Specialisation(specialisation) = &model.model else {
        panic!("not a specialisation: {model:?}");
    };
    let first = &specialisation.rows[0];
    assert_eq!(first.code, "0100");
    assert_eq!((first.territory_share, first.france_share), (0.9, 0.1));
    assert_eq!(first.index, Some(9.0));
}

#[test]
fn france_and_a_region_are_never_compared_with_themselves() {
    let manifest = manifest();
    let france = selection(Territory::France);
    let region = selection(Territory::Region("01".into()));
    for block in [
        Block::ExportSankeyRegion,
        Block::ImportSankeyRegion,
        Block::ExportSankeyFrance,
        Block::ImportSankeyFrance,
        Block::Specialisation,
    ] {
        assert!(!block.applies(&manifest, &france), "{block} for France");
    }
    for block in [Block::ExportSankeyRegion, Block::ImportSankeyRegion] {
        assert!(!block.applies(&manifest, &region), "{block} for a région");
    }
    for block in [
        Block::ExportSankeyFrance,
        Block::Specialisation,
        Block::TotalsExportations,
    ] {
        assert!(block.applies(&manifest, &region), "{block} for a région");
    }
    let oise = selection(dep("60"));
    assert!(Block::ALL
        .iter()
        .all(|block| block.applies(&manifest, &oise)));
    let files = Block::TotalsExportations
        .files(&manifest, &region)
        .unwrap()
        .unwrap();
    assert_eq!(files.all(), ["reg/01.arrow", "fr.arrow"]);
    let files = Block::TotalsImportations
        .files(&manifest, &france)
        .unwrap()
        .unwrap();
    assert_eq!(files.all(), ["fr.arrow"]);
    let files = Block::ImportSankeyRegion
        .files(&manifest, &oise)
        .unwrap()
        .unwrap();
    assert_eq!(files.all(), ["reg/01.arrow", "dep/60.arrow"]);
}

#[test]
fn totals_say_only_the_comparisons_that_exist() {
    let catalog = catalog(4, 3);
    let manifest = manifest();
    let data = data();
    let context = context(&manifest, &catalog, None);
    let all = tables(&[
        ("dep/60.arrow", &data.oise),
        ("reg/01.arrow", &data.region),
        ("fr.arrow", &data.france),
    ]);
    let oise = compute(
        Block::TotalsExportations,
        context,
        &selection(dep("60")),
        &all,
    )
    .unwrap();
    let plain: Vec<String> = oise
        .sentences
        .iter()
        .map(|s| comex_core::format::plain_spaces(s))
        .collect();
    assert_eq!(
        plain,
        [
            "Total des exportations : 0,0 M€",
            "soit 25,0 % de la valeur exportée par la région Hauts-de-France",
            "soit 10,00 % de la valeur exportée au niveau national",
        ]
    );
    assert_eq!(oise.table.rows.len(), 1, "the exports' row only");
    let france = compute(
        Block::TotalsImportations,
        context,
        &selection(Territory::France),
        &all,
    )
    .unwrap();
    assert_eq!(france.sentences.len(), 1, "{:?}", france.sentences);
    assert_eq!(france.table.columns, ["Flux", "Valeur (€)"]);
    let region = compute(
        Block::TotalsExportations,
        context,
        &selection(Territory::Region("01".into())),
        &all,
    )
    .unwrap();
    assert_eq!(
        region.table.columns,
        ["Flux", "Valeur (€)", "Part de la France"]
    );
    assert!(region.sentences.iter().all(|s| !s.contains("région")));
}

#[test]
fn file_names_keep_the_territory_and_the_period() {
    let manifest = manifest();
    let mut idf = selection(Territory::Region("03".into()));
    idf.filter.periods = vec![Q1, Q2];
    let heading = Block::ExportSankey
        .heading(&manifest, &idf)
        .unwrap()
        .unwrap();
    assert_eq!(heading.file_stem, "export-sankey-ile-de-france-2024");
    idf.filter.periods = vec![Q1];
    let heading = Block::ExportSankeyFrance
        .heading(&manifest, &idf)
        .unwrap()
        .unwrap();
    assert_eq!(heading.file_stem, "export-sankey-france-france-t1-2024");
    assert_eq!(heading.title, "Flux à l'export, France entière (T1 2024)");
    let mut paris = selection(dep("75"));
    paris.filter.periods = vec![Q1];
    let heading = Block::ExportSankeyRegion
        .heading(&manifest, &paris)
        .unwrap()
        .unwrap();
    assert_eq!(
        heading.file_stem,
        "export-sankey-region-ile-de-france-t1-2024"
    );
}

#[test]
fn a_comparison_diagram_is_aligned_on_the_territory_in_the_core() {
    let catalog = catalog(4, 3);
    let manifest = manifest();
    let data = data();
    let context = context(&manifest, &catalog, None);
    let oise = selection(dep("60"));
    let only_region = tables(&[("reg/01.arrow", &data.region)]);
    assert_eq!(
        compute(Block::ExportSankeyRegion, context, &oise, &only_region),
        Err(BlockError::NotReady("dep/60.arrow".into()))
    );
    let both = tables(&[("reg/01.arrow", &data.region), ("dep/60.arrow", &data.oise)]);
    let model = compute(Block::ExportSankeyRegion, context, &oise, &both).unwrap();
    let ViewModel::Sankey(sankey) = &model.model else {
        panic!("not a Sankey");
    };
    // The région's two goods tie (200 each): ordered as in the Oise's diagram, 0100 first.
    let left: Vec<&str> = sankey.left.iter().map(|n| n.code.as_str()).collect();
    assert_eq!(left, ["0100", "0200"]);
    assert_eq!(model.heading.subject_label, "Hauts-de-France");
    assert_eq!(model.table.title, model.heading.title);
}
