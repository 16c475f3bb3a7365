//! The portrait's blocks: which apply to which territory, which files each reads, and that a file
//! not loaded yet is "not ready", never replaced by another table.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests stop at the line that failed

mod common;

use comex_core::blocks::model::Context;
use comex_core::blocks::{compute, Block, BlockError, BlockSelection, Tables};
use comex_core::codes::{Flow, ProductLevel, Territory};
use comex_core::data_file::trade_file;
use comex_core::filter::Filter;
use comex_core::manifest::{Manifest, Source, SourceKind, TerritoryEntry};
use comex_core::trade_table::TradeTable;
use comex_core::views::map::MapMeasure;
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
        territoires_industrie: Vec::new(),
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
        quarters: vec![],
        unknown_codes: vec![],
        territoires_industrie: None,
    }
}

fn selection(territory: Territory) -> BlockSelection {
    BlockSelection {
        territory,
        filter: Filter::default(),
        level: ProductLevel::Cpf4,
        map: MapMeasure::default(),
        compare: None,
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
    let only_oise = tables(&[("dep/60/2024.arrow", &data.oise)]);
    assert_eq!(
        compute(Block::Specialisation, context, &oise, &only_oise),
        Err(BlockError::NotReady("fr/2024.arrow".into()))
    );
    // Once it is, the national shares are France's (and nothing kept from the first try).
    let both = tables(&[
        ("dep/60/2024.arrow", &data.oise),
        ("fr/2024.arrow", &data.france),
    ]);
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
        assert!(
            !block.applies(&manifest, &catalog(4, 3), &france),
            "{block} for France"
        );
    }
    for block in [Block::ExportSankeyRegion, Block::ImportSankeyRegion] {
        assert!(
            !block.applies(&manifest, &catalog(4, 3), &region),
            "{block} for a région"
        );
    }
    for block in [
        Block::ExportSankeyFrance,
        Block::Specialisation,
        Block::TotalsExportations,
    ] {
        assert!(
            block.applies(&manifest, &catalog(4, 3), &region),
            "{block} for a région"
        );
    }
    let oise = selection(dep("60"));
    // With no year before the data's, nothing to compare with: the change blocks are left out; and
    // the comparison without a second territory.
    for block in Block::ALL {
        let left_out = matches!(
            block,
            Block::ChangePartners | Block::ChangeGoods | Block::Comparison
        );
        assert_eq!(
            block.applies(&manifest, &catalog(4, 3), &oise),
            !left_out,
            "{block}"
        );
    }
    let files = Block::TotalsExportations
        .files(&manifest, &catalog(4, 3), &region)
        .unwrap()
        .unwrap();
    assert_eq!(files.all(), ["reg/01/2024.arrow", "fr/2024.arrow"]);
    let files = Block::TotalsImportations
        .files(&manifest, &catalog(4, 3), &france)
        .unwrap()
        .unwrap();
    assert_eq!(files.all(), ["fr/2024.arrow"]);
    let files = Block::ImportSankeyRegion
        .files(&manifest, &catalog(4, 3), &oise)
        .unwrap()
        .unwrap();
    assert_eq!(files.all(), ["reg/01/2024.arrow", "dep/60/2024.arrow"]);
}

#[test]
fn totals_say_only_the_comparisons_that_exist() {
    let catalog = catalog(4, 3);
    let manifest = manifest();
    let data = data();
    let context = context(&manifest, &catalog, None);
    let all = tables(&[
        ("dep/60/2024.arrow", &data.oise),
        ("reg/01/2024.arrow", &data.region),
        ("fr/2024.arrow", &data.france),
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
        .heading(&manifest, &catalog(4, 3), &idf)
        .unwrap()
        .unwrap();
    assert_eq!(
        heading.file_stem,
        "export-sankey-ile-de-france-t1-2024-t2-2024"
    );
    idf.filter.periods = vec![Q1];
    let heading = Block::ExportSankeyFrance
        .heading(&manifest, &catalog(4, 3), &idf)
        .unwrap()
        .unwrap();
    assert_eq!(heading.file_stem, "export-sankey-france-france-t1-2024");
    assert_eq!(heading.title, "Flux à l'export, France entière (T1 2024)");
    let mut paris = selection(dep("75"));
    paris.filter.periods = vec![Q1];
    let heading = Block::ExportSankeyRegion
        .heading(&manifest, &catalog(4, 3), &paris)
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
    let only_region = tables(&[("reg/01/2024.arrow", &data.region)]);
    assert_eq!(
        compute(Block::ExportSankeyRegion, context, &oise, &only_region),
        Err(BlockError::NotReady("dep/60/2024.arrow".into()))
    );
    let both = tables(&[
        ("reg/01/2024.arrow", &data.region),
        ("dep/60/2024.arrow", &data.oise),
    ]);
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

/// A table of one year: rows (quarter, flow, product index, country index, value).
fn year_table(territory: Territory, year: u16, rows: &[(u8, Flow, u16, u16, i64)]) -> TradeTable {
    let mut table = TradeTable::empty(territory);
    table.periods = (1..=4)
        .map(|quarter| comex_core::codes::Period { year, quarter })
        .collect();
    for &(quarter, flow, product, country, value) in rows {
        table.period.push(quarter - 1);
        table.flow.push(flow);
        table.product.push(product);
        table.country.push(country);
        table.value.push(value);
    }
    table
}

fn two_year_manifest() -> Manifest {
    let mut manifest = manifest();
    manifest.years = vec![2023, 2024, 2025];
    manifest.periods = [2023_u16, 2024]
        .iter()
        .flat_map(|&year| (1..=4).map(move |quarter| comex_core::codes::Period { year, quarter }))
        .chain([comex_core::codes::Period {
            year: 2025,
            quarter: 1,
        }])
        .collect();
    manifest
}

#[test]
fn the_default_period_is_the_latest_complete_year_then_the_latest_four_quarters() {
    let manifest = two_year_manifest();
    let text = |periods: &[comex_core::codes::Period]| {
        comex_core::blocks::text::period_text(&manifest, periods)
    };
    assert_eq!(text(&[]), "2024");
    assert_eq!(
        manifest
            .year_earlier(&manifest.default_periods())
            .map(|p| p.len()),
        Some(4)
    );
    // Five quarters, 2024T1 to 2025T1, and no complete year: the latest four, named so.
    let mut five = manifest.clone();
    five.years = vec![2024, 2025];
    five.periods.retain(|p| p.year >= 2024);
    five.periods.remove(0);
    five.periods.push(comex_core::codes::Period {
        year: 2025,
        quarter: 2,
    });
    assert!(five.complete_years().is_empty());
    let default = five.default_periods();
    assert_eq!(default.len(), 4);
    assert_eq!(
        comex_core::blocks::text::period_text(&five, &[]),
        "T3 2024 – T2 2025"
    );
    let choices = comex_core::blocks::text::period_choices(&manifest);
    let texts: Vec<&str> = choices.iter().map(|(_, text)| text.as_str()).collect();
    assert_eq!(
        texts[..4],
        [
            "Année 2024",
            "Année 2023",
            "4 derniers trimestres (T2 2024 – T1 2025)",
            "T1 2025"
        ]
    );
}

#[test]
// One scenario over nine quarters, checked step by step.
#[allow(clippy::too_many_lines)]
fn evolution_change_and_totals_against_sums_made_in_the_test() {
    let catalog = catalog(4, 3);
    let manifest = two_year_manifest();
    let oise_2023 = year_table(
        dep("60"),
        2023,
        &[(1, E, 0, 0, 100), (2, E, 1, 1, 50), (1, I, 2, 0, 80)],
    );
    let oise_2024 = year_table(
        dep("60"),
        2024,
        &[(1, E, 0, 0, 150), (3, E, 1, 1, 20), (4, I, 2, 0, 40)],
    );
    let oise_2025 = {
        let mut table = year_table(dep("60"), 2025, &[(1, E, 0, 0, 30)]);
        table.periods.truncate(1);
        table
    };
    let france: Vec<TradeTable> = [2023_u16, 2024, 2025]
        .iter()
        .map(|&year| {
            let mut table = year_table(
                Territory::France,
                year,
                &[(1, E, 0, 0, 1000), (2, E, 1, 1, 500)],
            );
            if year == 2025 {
                table.periods.truncate(1);
                table.value = vec![1000];
                table.period.truncate(1);
                table.flow.truncate(1);
                table.product.truncate(1);
                table.country.truncate(1);
            }
            table
        })
        .collect();
    let region: Vec<TradeTable> = [2023_u16, 2024, 2025]
        .iter()
        .map(|&year| {
            let mut table = year_table(Territory::Region("01".into()), year, &[(1, E, 0, 0, 400)]);
            table.periods.truncate(if year == 2025 { 1 } else { 4 });
            table
        })
        .collect();
    let paths: Vec<(String, &TradeTable)> = [
        ("dep/60/2023.arrow", &oise_2023),
        ("dep/60/2024.arrow", &oise_2024),
        ("dep/60/2025.arrow", &oise_2025),
    ]
    .into_iter()
    .map(|(path, table)| (path.to_string(), table))
    .chain(
        france
            .iter()
            .map(|t| (format!("fr/{}.arrow", t.periods[0].year), t)),
    )
    .chain(
        region
            .iter()
            .map(|t| (format!("reg/01/{}.arrow", t.periods[0].year), t)),
    )
    .collect();
    // The whole years' files summed over their quarters, as the build writes them: what the
    // change reads; the évolution reads the files by quarter.
    let summed: Vec<(String, TradeTable)> = paths
        .iter()
        .filter(|(_, table)| manifest.complete_years().contains(&table.periods[0].year))
        .map(|(_, table)| {
            let path = trade_file(&table.territory, table.periods[0].year)
                .summed()
                .to_string();
            (path, table.summed_over_quarters())
        })
        .collect();
    let mut tables = Tables::new();
    for (path, table) in &paths {
        tables.insert(path, table);
    }
    for (path, table) in &summed {
        tables.insert(path, table);
    }
    let context = context(&manifest, &catalog, None);
    let oise = selection(dep("60"));

    let evolution = compute(Block::Evolution, context, &oise, &tables).unwrap();
    let ViewModel::Evolution(evolution) = &evolution.model else {
        panic!("not an evolution");
    };
    // Nine quarters, 2023T1 to 2025T1; the Oise's exports of 2023T1 are the base.
    assert_eq!(evolution.points.len(), 9);
    let exports: Vec<i64> = evolution.points.iter().map(|p| p.exports).collect();
    assert_eq!(exports, [100, 50, 0, 0, 150, 0, 20, 0, 30]);
    let balance_2024t4 = &evolution.points[7];
    assert_eq!((balance_2024t4.imports, balance_2024t4.balance), (40, -40));
    assert_eq!(evolution.points[4].exports_index, Some(150.0));
    assert_eq!(evolution.points[4].france_exports_index, Some(100.0));
    assert_eq!(evolution.points[1].france_exports_index, Some(50.0));
    assert_eq!(evolution.points[8].region_exports_index, Some(100.0));
    assert_eq!(evolution.points[1].region_exports_index, Some(0.0));

    let change = compute(Block::ChangePartners, context, &oise, &tables).unwrap();
    let ViewModel::Change(change) = &change.model else {
        panic!("not a change");
    };
    let exports = &change.flows[0];
    // 2024 against 2023: 170 against 150; country 0 +50, country 1 -30.
    assert_eq!((exports.total, exports.earlier_total), (170, 150));
    assert_eq!(exports.gains[0].code, "AA");
    // Listed rows carry their label from the code lists.
    let aa = catalog
        .country_id("AA")
        .and_then(|id| catalog.country(id))
        .unwrap();
    assert_eq!(exports.gains[0].label, aa.label);
    assert_eq!(exports.gains[0].change, 50);
    assert_eq!(exports.gains[0].contribution, Some(50.0 / 150.0));
    assert_eq!(exports.losses[0].change, -30);
    assert_eq!(exports.losses[0].relative, Some(-30.0 / 50.0));
    let contributions: f64 = exports
        .gains
        .iter()
        .chain(&exports.losses)
        .filter_map(|row| row.contribution)
        .sum();
    assert!(
        (contributions - 20.0 / 150.0).abs() < 1e-12,
        "the contributions add up to the change"
    );

    let totals = compute(Block::TotalsExportations, context, &oise, &tables).unwrap();
    let plain: Vec<String> = totals
        .sentences
        .iter()
        .map(|s| comex_core::format::plain_spaces(s))
        .collect();
    assert_eq!(
        plain.last().map(String::as_str),
        Some("soit +13,3 % par rapport à 2023")
    );
    // The Oise's imports fell from 80 to 40.
    let imports = compute(Block::TotalsImportations, context, &oise, &tables).unwrap();
    assert!(imports
        .sentences
        .iter()
        .any(|s| comex_core::format::plain_spaces(s) == "soit -50,0 % par rapport à 2023"));
    // 2025T1 alone against 2024T1: 30 against 150.
    let mut first_quarter = selection(dep("60"));
    first_quarter.filter.periods = vec![comex_core::codes::Period {
        year: 2025,
        quarter: 1,
    }];
    let totals = compute(Block::TotalsExportations, context, &first_quarter, &tables).unwrap();
    assert_eq!(
        totals
            .sentences
            .last()
            .map(|s| comex_core::format::plain_spaces(s)),
        Some("soit -80,0 % par rapport à T1 2024".to_string())
    );
    // The change views keep the same quarters of both years.
    let change = compute(Block::ChangePartners, context, &first_quarter, &tables).unwrap();
    let ViewModel::Change(change) = &change.model else {
        panic!("not a change");
    };
    assert_eq!(
        (change.flows[0].total, change.flows[0].earlier_total),
        (30, 150)
    );
    // 2023 has no year before it in the data: no change to say, and no change blocks.
    let mut first_year = selection(dep("60"));
    first_year.filter.periods = manifest.periods[..4].to_vec();
    let totals = compute(Block::TotalsExportations, context, &first_year, &tables).unwrap();
    assert!(totals.sentences.iter().all(|s| !s.contains("par rapport")));
    assert!(!Block::ChangeGoods.applies(&manifest, &catalog, &first_year));
}

#[test]
fn a_comparison_sets_each_territory_beside_the_other_as_its_own_blocks_give_it() {
    let catalog = catalog(4, 3);
    let manifest = manifest();
    let data = data();
    let context = context(&manifest, &catalog, None);
    let with = |other: Option<Territory>| BlockSelection {
        compare: other,
        ..selection(dep("60"))
    };
    // Without a second territory, or with the same one, there is no comparison; an unknown one is
    // an error that names it.
    assert!(!Block::Comparison.applies(&manifest, &catalog, &with(None)));
    assert!(!Block::Comparison.applies(&manifest, &catalog, &with(Some(dep("60")))));
    assert!(Block::Comparison
        .files(&manifest, &catalog, &with(Some(dep("59"))))
        .is_err());

    let oise_and_region = with(Some(Territory::Region("01".into())));
    let files = Block::Comparison
        .files(&manifest, &catalog, &oise_and_region)
        .unwrap()
        .unwrap();
    assert_eq!(files.compared_files, ["reg/01/2024.arrow"]);
    // The ranks: the Oise exports 100, the Aisne 300, Paris 50.
    let departements =
        common::departements_by_country(Q1, &[(0, E, 0, 300), (1, E, 0, 100), (2, E, 1, 50)]);
    let loaded = tables(&[
        ("dep/60/2024.arrow", &data.oise),
        ("reg/01/2024.arrow", &data.region),
        ("fr/2024.arrow", &data.france),
        ("fr-departements-pays/2024.arrow", &departements),
    ]);
    let model = compute(Block::Comparison, context, &oise_and_region, &loaded).unwrap();
    assert_eq!(
        model.heading.title,
        "Comparaison, Oise et Hauts-de-France (T1 2024 – T2 2024)"
    );
    let ViewModel::Comparison(comparison) = &model.model else {
        panic!("not a comparison: {model:?}");
    };
    let [oise, region] = comparison.sides.as_slice() else {
        panic!("two sides: {comparison:?}");
    };
    // Each side's figures are its own blocks'.
    let block = |block: Block, territory: Territory| {
        let own = BlockSelection {
            territory,
            ..oise_and_region.clone()
        };
        compute(block, context, &own, &loaded).unwrap().model
    };
    for side in [oise, region] {
        let ViewModel::Totals(totals) = block(Block::TotalsExportations, side.territory.clone())
        else {
            panic!("totals");
        };
        assert_eq!(
            (side.exports, side.imports),
            (totals.exports.value, totals.imports.value)
        );
        let ViewModel::Concentration(dependence) =
            block(Block::ImportDependence, side.territory.clone())
        else {
            panic!("dependence");
        };
        assert_eq!(
            side.strong_dependence,
            dependence.territories[0].strong_share
        );
    }
    assert_eq!((oise.exports, oise.imports, oise.balance), (100, 40, 60));
    assert_eq!((region.exports, region.imports), (400, 100));
    // The Oise exports to countries 0 (90) and 1 (10): its first five clients take it all.
    assert_eq!(oise.first_five_clients, Some(1.0));
    // Product 0 is 90 % of the Oise's exports and 10 % of France's: index 9.
    assert_eq!(oise.specialised[0].code, "0100");
    assert_eq!(oise.specialised[0].index, 9.0);
    assert_eq!(oise.goods[0].share, 0.9);
    // Second of three départements; the région (the Aisne and the Oise) first of two.
    assert_eq!(oise.exports_rank.map(|r| (r.rank, r.count)), Some((2, 3)));
    assert_eq!(region.exports_rank.map(|r| (r.rank, r.count)), Some((1, 2)));
    // The partners by exports + imports, with their share of the trade: country 0 takes 130 of 140.
    assert_eq!(oise.partners[0].value, 130);
    assert!((oise.partners[0].share - 130.0 / 140.0).abs() < 1e-12);
    // No year earlier in the data: no change, and the table says none.
    assert!(!comparison.with_change);
    assert_eq!(
        model.table.columns,
        ["Indicateur", "Oise", "Hauts-de-France"]
    );
}

/// The app asks for `Manifest::territory_files` with the code lists, before it can call
/// `Block::files` (which needs them): they must be the files the first view's blocks then read —
/// the blocks that read only their territory's files of the selected period.
#[test]
fn the_territory_files_are_the_first_view_blocks_files() {
    let manifest = two_year_manifest();
    let catalog = catalog(4, 3);
    let quarter = |year, quarter| comex_core::codes::Period { year, quarter };
    let choices = [
        vec![],
        vec![quarter(2024, 1)],
        vec![quarter(2024, 4), quarter(2025, 1)],
        (1..=4).map(|q| quarter(2023, q)).collect(),
    ];
    for territory in [dep("60"), Territory::Region("01".into()), Territory::France] {
        for periods in &choices {
            let mut chosen = selection(territory.clone());
            chosen.filter.periods = periods.clone();
            let mut first_view: Vec<String> = Block::ALL
                .into_iter()
                .filter(|block| !block.reads_every_year())
                .filter_map(|block| block.files(&manifest, &catalog, &chosen).unwrap())
                .filter(|files| {
                    files.subject == territory && files.all().len() == files.subject_files.len()
                })
                .flat_map(|files| files.subject_files)
                .collect();
            first_view.sort();
            first_view.dedup();
            let mut expected = manifest.territory_files(&territory, periods);
            expected.sort();
            assert!(!expected.is_empty());
            assert_eq!(first_view, expected, "{territory} {periods:?}");
        }
    }
}
