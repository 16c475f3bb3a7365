//! The key points' wording, from tables whose sums are written here: ordinals and agreement, the
//! articles of countries, a figure missing (its sentence left out), a filter named in every sentence.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests stop at the line that failed

mod common;

use comex_core::blocks::model::Context;
use comex_core::blocks::{compute, Block, BlockError, BlockSelection, Tables};
use comex_core::catalog::{Catalog, Country, CountryGroup, Product};
use comex_core::codes::{Flow, Period, ProductLevel, Territory};
use comex_core::filter::{CountrySelection, Filter, ProductSelection};
use comex_core::format::plain_spaces;
use comex_core::manifest::Manifest;
use comex_core::trade_table::TradeTable;
use comex_core::views::map::MapMeasure;
use comex_core::views::portrait::ViewModel;
use common::{T1_2023, T1_2024};

const E: Flow = Flow::Export;
const I: Flow = Flow::Import;
const MILLION: i64 = 1_000_000;
fn catalog() -> Catalog {
    let product = |cpf4: &str, label: &str| Product {
        cpf4: cpf4.into(),
        cpf4_label: label.into(),
        a129: format!("A{cpf4}"),
        a129_label: label.into(),
        a38: "CE".into(),
        a38_label: "Chimie".into(),
        a17: "C5".into(),
        a17_label: "Autres produits industriels".into(),
    };
    let country = |code: &str, label: &str, eu27: bool| Country {
        code: code.into(),
        label: label.into(),
        zone: if eu27 {
            CountryGroup::Eu27
        } else {
            CountryGroup::Americas
        },
        eu27,
        euro_area: eu27,
    };
    Catalog::new(
        vec![
            product("2042", "Parfums et cosmétiques"),
            product("2830", "Machines agricoles"),
            product("1041", "Huiles et graisses"),
            product("3212", "Bijouterie"),
        ],
        vec![
            country("DE", "Allemagne", true),
            country("US", "Etats-Unis", false),
            country("JP", "Japon", false),
        ],
    )
    .unwrap()
}

fn departement(code: &str) -> Territory {
    Territory::Departement(code.into())
}

fn region(code: &str) -> Territory {
    Territory::Region(code.into())
}

fn manifest() -> Manifest {
    common::two_year_manifest(&[
        (departement("02"), "Aisne", Some("01")),
        (departement("60"), "Oise", Some("01")),
        (departement("75"), "Paris", Some("03")),
        (region("01"), "Hauts-de-France", Some("01")),
        (region("03"), "Île-de-France", Some("03")),
        (Territory::France, "France entière", None),
    ])
}

/// A table of one quarter from rows (flow, product, country, millions of euros).
fn table(territory: Territory, period: Period, rows: &[(Flow, u16, u16, i64)]) -> TradeTable {
    let mut table = TradeTable::empty(territory);
    table.periods = vec![period];
    for &(flow, product, country, millions) in rows {
        table.period.push(0);
        table.flow.push(flow);
        table.product.push(product);
        table.country.push(country);
        table.value.push(millions * MILLION);
    }
    table
}

struct Data {
    oise: TradeTable,
    oise_earlier: TradeTable,
    region: TradeTable,
    region_earlier: TradeTable,
    france: TradeTable,
    departements: TradeTable,
    /// The section CE (every product here) of the file of all départements by product.
    chemistry: TradeTable,
}

// Products: 0 parfums, 1 machines, 2 huiles, 3 bijouterie. Countries: 0 DE, 1 US, 2 JP.
fn data() -> Data {
    let oise_rows = [
        (E, 0, 0, 600),
        (E, 0, 1, 100),
        (E, 1, 1, 290),
        // 0,5 % of the exports with a huge index: too small to be called over-represented.
        (E, 3, 2, 5),
        (I, 2, 0, 400),
        (I, 2, 2, 100),
    ];
    let earlier_rows = [(E, 0, 0, 500), (E, 1, 1, 300), (I, 2, 0, 500)];
    let mut region_rows = oise_rows.to_vec();
    region_rows.extend([(E, 0, 0, 2000), (E, 0, 1, 10)]);
    let mut france = table(
        Territory::France,
        T1_2024,
        &[(E, 0, 0, 3000), (E, 1, 1, 100), (E, 2, 0, 5900)],
    );
    // One euro of jewellery in France: the Oise's 5 M€ would have an index in the thousands.
    france.period.push(0);
    france.flow.push(E);
    france.product.push(3);
    france.country.push(2);
    france.value.push(1);
    Data {
        oise: table(departement("60"), T1_2024, &oise_rows),
        oise_earlier: table(departement("60"), T1_2023, &earlier_rows),
        region: table(region("01"), T1_2024, &region_rows),
        region_earlier: table(region("01"), T1_2023, &earlier_rows),
        france,
        departements: common::departements_by_country(
            T1_2024,
            &[
                (1, E, 0, 600 * MILLION),
                (1, E, 1, 390 * MILLION),
                (1, E, 2, 5 * MILLION),
                (1, I, 0, 400 * MILLION),
                (1, I, 2, 100 * MILLION),
                (0, E, 0, 2000 * MILLION),
                (0, E, 1, 10 * MILLION),
                (2, E, 1, 500 * MILLION),
                (2, I, 0, 50 * MILLION),
            ],
        ),
        chemistry: common::departements_by_product(
            T1_2024,
            &[
                (1, E, 0, 700 * MILLION),
                (1, E, 1, 290 * MILLION),
                (1, E, 3, 5 * MILLION),
                (1, I, 2, 500 * MILLION),
                (0, E, 0, 2010 * MILLION),
                (2, E, 1, 500 * MILLION),
                (2, I, 2, 50 * MILLION),
            ],
        ),
    }
}

fn selection(territory: Territory, filter: Filter) -> BlockSelection {
    BlockSelection {
        territory,
        filter: Filter {
            periods: vec![T1_2024],
            ..filter
        },
        level: ProductLevel::Cpf4,
        map: MapMeasure::default(),
        compare: None,
    }
}

const EVERY_FILE: [&str; 7] = [
    "dep/60/2024.arrow",
    "dep/60/2023.arrow",
    "reg/01/2024.arrow",
    "reg/01/2023.arrow",
    "fr/2024.arrow",
    "fr-departements-pays/2024.arrow",
    "fr-departements-produits/2024/CE.arrow",
];

/// The tables of these files (of `EVERY_FILE`), as loaded.
fn loaded<'a>(data: &'a Data, paths: &[&'a str]) -> Tables<'a> {
    let mut tables = Tables::new();
    for &path in paths {
        let table = match path {
            "dep/60/2024.arrow" => &data.oise,
            "dep/60/2023.arrow" => &data.oise_earlier,
            "reg/01/2024.arrow" => &data.region,
            "reg/01/2023.arrow" => &data.region_earlier,
            "fr/2024.arrow" => &data.france,
            "fr-departements-produits/2024/CE.arrow" => &data.chemistry,
            _ => &data.departements,
        };
        tables.insert(path, table);
    }
    tables
}

fn key_points(selection: &BlockSelection, data: &Data) -> Result<Vec<String>, BlockError> {
    let manifest = manifest();
    let catalog = catalog();
    let tables = loaded(data, &EVERY_FILE);
    let context = Context {
        manifest: &manifest,
        catalog: &catalog,
        shared: None,
    };
    let model = compute(Block::KeyPoints, context, selection, &tables)?;
    let ViewModel::KeyPoints(points) = &model.model else {
        panic!("not key points: {model:?}");
    };
    let texts: Vec<String> = points
        .points
        .iter()
        .map(|p| plain_spaces(&p.text))
        .collect();
    // The sentences shown are the model's.
    assert_eq!(
        model
            .sentences
            .iter()
            .map(|s| plain_spaces(s))
            .collect::<Vec<_>>(),
        texts
    );
    Ok(texts)
}

#[test]
fn the_oise_in_a_few_sentences() {
    let texts = key_points(&selection(departement("60"), Filter::default()), &data()).unwrap();
    assert_eq!(
        texts,
        [
            "Exportations sur la période T1 2024 : 995,0 M€ ; importations : 500,0 M€, soit un excédent commercial de 495,0 M€.",
            "Par rapport à T1 2023, les exportations progressent de 24,4 % et les importations sont stables.",
            "1er pays de destination des exportations : Allemagne (60,3 % ; 600,0 M€).",
            "1er pays d'origine des importations : Allemagne (80,0 % ; 400,0 M€).",
            "1er bien exporté : Parfums et cosmétiques (70,4 % des exportations).",
            "Bien le plus surreprésenté par rapport à la France : Machines agricoles (29,1 % des exportations contre 1,1 % au niveau national, indice 26,2).",
            "2e département exportateur sur 3 départements.",
            "Exportations vers les Etats-Unis : 39,2 % des exportations (390,0 M€), 2e département sur 3 par cette part.",
            // Each good imported has one country above half; the exports go to three countries, fewer than five.
            "100,0 % des importations portent sur des biens dont un seul pays fournit au moins la moitié (500,0 M€).",
        ]
    );
}

#[test]
fn a_region_is_ranked_among_regions_in_the_feminine() {
    let texts = key_points(&selection(region("01"), Filter::default()), &data()).unwrap();
    assert!(
        texts.contains(&"1re région exportatrice sur 2 régions.".to_string()),
        "{texts:#?}"
    );
    // (390 + 10) / 3 005 of the région's exports, against 100 % for Île-de-France.
    assert!(
        texts.contains(&"Exportations vers les Etats-Unis : 13,3 % des exportations (400,0 M€), 2e région sur 2 par cette part.".to_string()),
        "{texts:#?}"
    );
}

#[test]
fn a_partner_filter_is_named_in_every_sentence() {
    let filter = Filter {
        country: Some(CountrySelection::Country("DE".into())),
        ..Filter::default()
    };
    let texts = key_points(&selection(departement("60"), filter), &data()).unwrap();
    assert_eq!(
        texts,
        [
            "Exportations vers l'Allemagne sur la période T1 2024 : 600,0 M€ ; importations en provenance de l'Allemagne : 400,0 M€, soit un excédent commercial de 200,0 M€.",
            "Par rapport à T1 2023, les exportations vers l'Allemagne progressent de 20,0 % et les importations en provenance de l'Allemagne reculent de 20,0 %.",
            // No first partner: it is the selected one.
            "1er bien exporté : Parfums et cosmétiques (100,0 % des exportations vers l'Allemagne).",
            "Bien le plus surreprésenté par rapport à la France : Parfums et cosmétiques (100,0 % des exportations vers l'Allemagne contre 33,7 % au niveau national, indice 3,0).",
            "2e département exportateur sur 2 départements pour les exportations vers l'Allemagne.",
            "Exportations vers l'Allemagne : 60,3 % des exportations (600,0 M€), 2e département sur 3 par cette part.",
        ]
    );
}

#[test]
fn a_missing_figure_leaves_its_sentence_out() {
    // Under a product filter the rank comes from the file by product (Aisne 2 010 M€ of parfums,
    // the Oise 700, Paris none); the good has no imports, so no change of imports either.
    let filter = Filter {
        product: Some(ProductSelection {
            level: ProductLevel::Cpf4,
            code: "2042".into(),
        }),
        ..Filter::default()
    };
    let texts = key_points(&selection(departement("60"), filter), &data()).unwrap();
    assert_eq!(
        texts,
        [
            "Exportations de parfums et cosmétiques sur la période T1 2024 : 700,0 M€ ; importations : 0,0 M€, soit un excédent commercial de 700,0 M€.",
            "Par rapport à T1 2023, les exportations de parfums et cosmétiques progressent de 40,0 %.",
            "1er pays de destination des exportations de parfums et cosmétiques : Allemagne (85,7 % ; 600,0 M€).",
            "2e département exportateur sur 2 départements pour les exportations de parfums et cosmétiques.",
            "Exportations de parfums et cosmétiques vers les Etats-Unis : 14,3 % des exportations de parfums et cosmétiques (100,0 M€).",
        ]
    );
}

#[test]
fn the_key_points_wait_for_every_file_they_read() {
    let manifest = manifest();
    let catalog = catalog();
    let data = data();
    let tables = loaded(
        &data,
        &["dep/60/2024.arrow", "dep/60/2023.arrow", "fr/2024.arrow"],
    );
    let context = Context {
        manifest: &manifest,
        catalog: &catalog,
        shared: None,
    };
    let oise = selection(departement("60"), Filter::default());
    assert_eq!(
        compute(Block::KeyPoints, context, &oise, &tables).map(|_| ()),
        Err(BlockError::NotReady(
            "fr-departements-pays/2024.arrow".into()
        ))
    );
    let files = Block::KeyPoints
        .files(&manifest, &catalog, &oise)
        .unwrap()
        .unwrap();
    assert_eq!(
        files.all(),
        [
            "dep/60/2024.arrow",
            "fr/2024.arrow",
            "fr-departements-pays/2024.arrow",
            "dep/60/2023.arrow"
        ]
    );
}
