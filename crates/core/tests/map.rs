//! The map's model from a file of all départements whose sums are written here: values, ranks,
//! classes, outlines, the change against a year earlier, and no map under a product filter.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests stop at the line that failed

mod common;

use comex_core::blocks::model::Context;
use comex_core::blocks::{compute, Block, BlockError, Selection, Tables};
use comex_core::codes::{Flow, ProductLevel, Territory};
use comex_core::filter::{CountrySelection, Filter, ProductSelection};
use comex_core::manifest::Manifest;
use comex_core::views::map::{FranceMap, MapMeasure};
use comex_core::views::portrait::ViewModel;
use common::{departements_by_country, T1_2023, T1_2024};

const E: Flow = Flow::Export;
const I: Flow = Flow::Import;
fn manifest() -> Manifest {
    let departement = |code: &str| Territory::Departement(code.into());
    common::two_year_manifest(&[
        (departement("02"), "Aisne", Some("01")),
        (departement("60"), "Oise", Some("01")),
        (departement("75"), "Paris", Some("03")),
        (departement("99"), "Principauté de Monaco", Some("21")),
        (
            Territory::Region("01".into()),
            "Hauts-de-France",
            Some("01"),
        ),
        (Territory::France, "France entière", None),
    ])
}

fn map(territory: Territory, filter: Filter, measure: MapMeasure) -> Result<FranceMap, BlockError> {
    let manifest = manifest();
    let catalog = common::catalog(2, 3);
    // Aisne exports 100 (40 to country 1), imports 300; the Oise exports 300 (30 to country 1),
    // imports 100; Paris exports 200, all to country 1; Monaco nothing.
    let now = departements_by_country(
        T1_2024,
        &[
            (0, E, 0, 60),
            (0, E, 1, 40),
            (0, I, 0, 300),
            (1, E, 0, 270),
            (1, E, 1, 30),
            (1, I, 2, 100),
            (2, E, 1, 200),
        ],
    );
    let earlier =
        departements_by_country(T1_2023, &[(0, E, 0, 200), (1, E, 0, 240), (2, E, 1, 200)]);
    let mut tables = Tables::new();
    tables.insert("fr-departements-pays/2024.arrow", &now);
    tables.insert("fr-departements-pays/2023.arrow", &earlier);
    let context = Context {
        manifest: &manifest,
        catalog: &catalog,
        shared: None,
    };
    let selection = Selection {
        territory,
        filter: Filter {
            periods: if filter.periods.is_empty() {
                vec![T1_2024]
            } else {
                filter.periods.clone()
            },
            ..filter
        },
        level: ProductLevel::Cpf4,
        map: measure,
    };
    let model = compute(Block::Map, context, &selection, &tables)?;
    match model.model {
        ViewModel::Map(map) => Ok(map),
        other => panic!("not a map: {other:?}"),
    }
}

fn column(map: &FranceMap) -> Vec<(&str, Option<f64>, Option<usize>)> {
    map.rows
        .iter()
        .map(|row| (row.code.as_str(), row.value, row.rank))
        .collect()
}

#[test]
fn every_departement_has_its_value_and_rank_and_monaco_is_said_without_outline() {
    let oise = Territory::Departement("60".into());
    let exports = map(oise.clone(), Filter::default(), MapMeasure::Exports).unwrap();
    assert_eq!(
        column(&exports),
        [
            ("60", Some(300.0), Some(1)),
            ("75", Some(200.0), Some(2)),
            ("02", Some(100.0), Some(3)),
            ("99", None, None)
        ]
    );
    assert_eq!(exports.outlined, ["60"]);
    assert_eq!(exports.without_outline, ["Principauté de Monaco (99)"]);
    // Each value in the class whose bounds hold it, classes in order.
    for row in exports.rows.iter().filter(|row| row.value.is_some()) {
        let class = &exports.classes[row.class.unwrap()];
        assert!((class.lower..=class.upper).contains(&row.value.unwrap()));
    }
    let balance = map(oise.clone(), Filter::default(), MapMeasure::Balance).unwrap();
    assert_eq!(
        column(&balance)[..3],
        [
            ("60", Some(200.0), Some(1)),
            ("75", Some(200.0), Some(2)),
            ("02", Some(-200.0), Some(3))
        ]
    );
    // The exposure to country 1 (no partner selected would be the United States: here a country of
    // the test catalog is selected).
    let partner = Filter {
        country: Some(CountrySelection::Country("AB".into())),
        ..Filter::default()
    };
    let exposure = map(oise, partner, MapMeasure::Exposure).unwrap();
    assert_eq!(
        column(&exposure)[..3],
        [
            ("75", Some(1.0), Some(1)),
            ("02", Some(0.4), Some(2)),
            ("60", Some(0.1), Some(3))
        ]
    );
}

#[test]
fn the_change_reads_a_year_earlier_and_a_region_outlines_its_departements() {
    let region = Territory::Region("01".into());
    let change = map(region, Filter::default(), MapMeasure::Change).unwrap();
    assert_eq!(
        column(&change)[..3],
        [
            ("60", Some(0.25), Some(1)),
            ("75", Some(0.0), Some(2)),
            ("02", Some(-0.5), Some(3))
        ]
    );
    assert_eq!(change.outlined, ["02", "60"]);
}

#[test]
fn under_a_product_filter_the_map_says_why_it_is_not_drawn() {
    let product = Filter {
        product: Some(ProductSelection {
            level: ProductLevel::Cpf4,
            code: "0100".into(),
        }),
        ..Filter::default()
    };
    let map = map(Territory::France, product, MapMeasure::Exports).unwrap();
    assert!(map.rows.is_empty());
    assert!(map.notice.unwrap().contains("filtre de produit"));
}

#[test]
fn the_map_waits_for_the_file_of_all_departements() {
    let manifest = manifest();
    let catalog = common::catalog(2, 3);
    let context = Context {
        manifest: &manifest,
        catalog: &catalog,
        shared: None,
    };
    let selection = Selection {
        territory: Territory::France,
        filter: Filter {
            periods: vec![T1_2024],
            ..Filter::default()
        },
        level: ProductLevel::Cpf4,
        map: MapMeasure::Change,
    };
    let files = Block::Map.files(&manifest, &selection).unwrap().unwrap();
    assert_eq!(
        files.all(),
        [
            "fr-departements-pays/2024.arrow",
            "fr-departements-pays/2023.arrow"
        ]
    );
    assert!(matches!(
        compute(Block::Map, context, &selection, &Tables::new()),
        Err(BlockError::NotReady(_))
    ));
}

#[test]
fn without_the_year_before_the_change_says_so_not_a_product_filter() {
    let first_year = Filter {
        periods: vec![T1_2023],
        ..Filter::default()
    };
    let change = map(Territory::France, first_year.clone(), MapMeasure::Change).unwrap();
    assert!(change.rows.is_empty());
    let notice = change.notice.unwrap();
    assert!(notice.contains("un an plus tôt"), "{notice}");
    // The other measures of that year are drawn.
    let exports = map(Territory::France, first_year, MapMeasure::Exports).unwrap();
    assert_eq!(exports.ranked, 3);
    assert!(exports.notice.is_none());
}
