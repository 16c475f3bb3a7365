//! The map's model from files of all départements whose sums are written here: values, ranks,
//! classes, outlines, the change against a year earlier, the sections read under a product filter,
//! the specialisation, and a French notice where no file answers the filters.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests stop at the line that failed

mod common;

use comex_core::blocks::model::Context;
use comex_core::blocks::{compute, Block, BlockError, BlockSelection, Tables};
use comex_core::catalog::Catalog;
use comex_core::codes::{Flow, ProductLevel, Territory};
use comex_core::filter::{CountrySelection, Filter, ProductSelection};
use comex_core::manifest::Manifest;
use comex_core::views::map::{FranceMap, MapMeasure};
use comex_core::views::portrait::ViewModel;
use common::{departements_by_country, departements_by_product, T1_2023, T1_2024};

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

/// Products 0 and 1 (A129 `A00`) in the A38 section `CE`, products 2 and 3 (`A01`) in `CK`; all in
/// the A17 section `C5`.
fn catalog() -> Catalog {
    let mut products = common::catalog(4, 3).products;
    for product in products.iter_mut().skip(2) {
        product.a38 = "CK".into();
        product.a38_label = "Métallurgie".into();
    }
    Catalog::new(products, common::catalog(4, 3).countries).unwrap()
}

fn map(territory: Territory, filter: Filter, measure: MapMeasure) -> Result<FranceMap, BlockError> {
    let manifest = manifest();
    let catalog = catalog();
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
    // The same exports by product: section CE (products 0, 1), section CK (products 2, 3).
    let section_ce = departements_by_product(
        T1_2024,
        &[(0, E, 0, 50), (0, E, 1, 10), (1, E, 0, 90), (1, I, 1, 20)],
    );
    let section_ck =
        departements_by_product(T1_2024, &[(0, E, 3, 40), (1, E, 3, 210), (2, E, 2, 200)]);
    let section_ce_earlier = departements_by_product(T1_2023, &[(0, E, 0, 30), (1, E, 0, 100)]);
    let mut tables = Tables::new();
    tables.insert("fr-departements-pays/2024.arrow", &now);
    tables.insert("fr-departements-pays/2023.arrow", &earlier);
    tables.insert("fr-departements-produits/2024/CE.arrow", &section_ce);
    tables.insert("fr-departements-produits/2024/CK.arrow", &section_ck);
    tables.insert(
        "fr-departements-produits/2023/CE.arrow",
        &section_ce_earlier,
    );
    let context = Context {
        manifest: &manifest,
        catalog: &catalog,
        shared: None,
    };
    let selection = BlockSelection {
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
        compare: None,
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

fn product(level: ProductLevel, code: &str) -> Filter {
    Filter {
        product: Some(ProductSelection {
            level,
            code: code.into(),
        }),
        ..Filter::default()
    }
}

#[test]
fn under_a_product_filter_the_map_reads_the_products_sections() {
    let oise = Territory::Departement("60".into());
    // A00 is in section CE only: Paris has no exports of it.
    let exports = map(
        oise.clone(),
        product(ProductLevel::A129, "A00"),
        MapMeasure::Exports,
    )
    .unwrap();
    assert_eq!(exports.notice, None);
    assert_eq!(
        column(&exports),
        [
            ("60", Some(90.0), Some(1)),
            ("02", Some(60.0), Some(2)),
            ("75", None, None),
            ("99", None, None)
        ]
    );
    // C5 covers both sections: put together, they give the exports of the file by country.
    let every_section = map(
        oise.clone(),
        product(ProductLevel::A17, "C5"),
        MapMeasure::Exports,
    );
    let by_country = map(oise.clone(), Filter::default(), MapMeasure::Exports);
    assert_eq!(
        column(&every_section.unwrap()),
        column(&by_country.unwrap())
    );
    // The change of A00's exports: Aisne 30 → 60, the Oise 100 → 90.
    let change = map(oise, product(ProductLevel::A129, "A00"), MapMeasure::Change).unwrap();
    assert_eq!(
        column(&change)[..2],
        [("02", Some(1.0), Some(1)), ("60", Some(-0.1), Some(2))]
    );
}

#[test]
fn the_specialisation_is_the_goods_share_against_france_s() {
    // A00: France exports 150 of 600 (25 %). Aisne 60 of 100 → 2.4; the Oise 90 of 300 → 1.2;
    // Paris 0 of 200 → 0.
    let oise = Territory::Departement("60".into());
    let map = map(
        oise,
        product(ProductLevel::A129, "A00"),
        MapMeasure::Specialisation,
    )
    .unwrap();
    let column = column(&map);
    let value = |code: &str| {
        column
            .iter()
            .find(|row| row.0 == code)
            .and_then(|row| row.1)
    };
    assert!((value("02").unwrap() - 2.4).abs() < 1e-12);
    assert!((value("60").unwrap() - 1.2).abs() < 1e-12);
    assert_eq!(value("75"), Some(0.0));
    assert_eq!(
        map.measure_label,
        "Indice de spécialisation en «\u{a0}Groupe 0\u{a0}»"
    );
    assert_eq!(map.unit.text(2.4), "2,40");
}

#[test]
fn without_a_file_that_answers_the_filters_the_map_says_why() {
    let france = Territory::France;
    let both = Filter {
        country: Some(CountrySelection::Country("AB".into())),
        ..product(ProductLevel::Cpf4, "0100")
    };
    let cases = [
        (both, MapMeasure::Exports, "produit et de pays partenaire"),
        (
            product(ProductLevel::Cpf4, "0100"),
            MapMeasure::Exposure,
            "sommé sur les pays partenaires",
        ),
        (
            Filter::default(),
            MapMeasure::Specialisation,
            "Choisissez un produit",
        ),
    ];
    for (filter, measure, words) in cases {
        let map = map(france.clone(), filter, measure).unwrap();
        assert!(map.rows.is_empty(), "{measure}");
        assert!(map.notice.unwrap().contains(words), "{measure}");
    }
}

#[test]
fn the_map_s_files_follow_the_filter() {
    let manifest = manifest();
    let catalog = catalog();
    let files = |filter: Filter, measure: MapMeasure| {
        let selection = BlockSelection {
            territory: Territory::France,
            filter: Filter {
                periods: vec![T1_2024],
                ..filter
            },
            level: ProductLevel::Cpf4,
            map: measure,
            compare: None,
        };
        let files = Block::Map
            .files(&manifest, &catalog, &selection)
            .unwrap()
            .unwrap();
        files
            .all()
            .iter()
            .map(|path| path.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        files(product(ProductLevel::Cpf4, "0300"), MapMeasure::Change),
        [
            "fr-departements-produits/2024/CK.arrow",
            "fr-departements-produits/2023/CK.arrow"
        ]
    );
    assert_eq!(
        files(product(ProductLevel::A17, "C5"), MapMeasure::Specialisation),
        [
            "fr-departements-pays/2024.arrow",
            "fr-departements-produits/2024/CE.arrow",
            "fr-departements-produits/2024/CK.arrow"
        ]
    );
    let both = Filter {
        country: Some(CountrySelection::Country("AB".into())),
        ..product(ProductLevel::Cpf4, "0100")
    };
    assert!(files(both, MapMeasure::Exports).is_empty());
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
    let selection = BlockSelection {
        territory: Territory::France,
        filter: Filter {
            periods: vec![T1_2024],
            ..Filter::default()
        },
        level: ProductLevel::Cpf4,
        map: MapMeasure::Change,
        compare: None,
    };
    let files = Block::Map
        .files(&manifest, &catalog, &selection)
        .unwrap()
        .unwrap();
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

/// The strong dependence over 2024 held whole: the Aisne imports 300 (country 0), 150 of them in
/// product 0 under strong dependence; the Oise imports 100, none under it; Paris imports nothing.
fn strong_dependence(territory: Territory, filter: Filter) -> FranceMap {
    use comex_core::codes::Period;
    let mut manifest = manifest();
    manifest.years = vec![2024];
    manifest.periods = (1..=4)
        .map(|quarter| Period {
            year: 2024,
            quarter,
        })
        .collect();
    let catalog = catalog();
    let whole_year = Period::whole_year(2024);
    let imports = departements_by_country(whole_year, &[(0, I, 0, 300), (1, I, 2, 100)]);
    let imports_by_product = departements_by_product(whole_year, &[(0, I, 0, 200), (1, I, 1, 100)]);
    let strong = departements_by_product(whole_year, &[(0, I, 0, 150)]);
    let mut tables = Tables::new();
    tables.insert("fr-departements-pays/2024/year.arrow", &imports);
    tables.insert(
        "fr-departements-produits/2024/CE/year.arrow",
        &imports_by_product,
    );
    tables.insert("fr-departements-dependance/2024/year.arrow", &strong);
    let context = Context {
        manifest: &manifest,
        catalog: &catalog,
        shared: None,
    };
    let selection = BlockSelection {
        territory,
        filter,
        level: ProductLevel::A129,
        map: MapMeasure::StrongDependence,
        compare: None,
    };
    match compute(Block::Map, context, &selection, &tables)
        .unwrap()
        .model
    {
        ViewModel::Map(map) => map,
        other => panic!("not a map: {other:?}"),
    }
}

#[test]
fn the_strong_dependence_is_each_departements_imports_under_it_over_its_imports() {
    let oise = Territory::Departement("60".into());
    let map = strong_dependence(oise.clone(), Filter::default());
    assert_eq!(map.notice, None);
    assert_eq!(
        map.measure_label,
        "Part des importations sous forte dépendance"
    );
    let aisne = map.rows.iter().find(|row| row.code == "02").unwrap();
    assert_eq!((aisne.value, aisne.rank), (Some(0.5), Some(1)), "150 / 300");
    let oise_row = map.rows.iter().find(|row| row.code == "60").unwrap();
    assert_eq!((oise_row.value, oise_row.rank), (Some(0.0), Some(2)));
    let paris = map.rows.iter().find(|row| row.code == "75").unwrap();
    assert_eq!(paris.value, None, "no imports, no share");

    // The partner filter does not apply: the shares are measured over every country.
    let partner = Filter {
        country: Some(CountrySelection::Country("AB".into())),
        ..Filter::default()
    };
    assert_eq!(
        column(&strong_dependence(oise.clone(), partner)),
        column(&map)
    );

    // Under an A38 filter, the section's imports are the denominator: the Aisne 150 / 200.
    let section = strong_dependence(oise.clone(), product(ProductLevel::A38, "CE"));
    let aisne = section.rows.iter().find(|row| row.code == "02").unwrap();
    assert_eq!(aisne.value, Some(0.75));

    // A CPF4 product, or a quarter, is not what the file holds: the map says why.
    let fine = strong_dependence(oise.clone(), product(ProductLevel::Cpf4, "0100"));
    assert!(fine.notice.unwrap().contains("A129 ou plus large"));
    let quarter = Filter {
        periods: vec![T1_2024],
        ..Filter::default()
    };
    let one_quarter = strong_dependence(oise, quarter);
    assert!(one_quarter.rows.is_empty());
    assert!(one_quarter
        .notice
        .unwrap()
        .contains("année civile complète"));
}
