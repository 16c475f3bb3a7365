//! Small hand-made catalogs and tables for the view tests.
#![allow(dead_code)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests stop at the line that failed

use comex_core::catalog::{Catalog, Country, CountryGroup, Product};
use comex_core::codes::{Flow, Period, Territory};
use comex_core::trade_table::TradeTable;

/// Products `P00`..: CPF4 `0100`.. ; A129 groups by pairs (`A00`, `A01`, …); one A38 and one A17.
pub fn catalog(products: usize, countries: usize) -> Catalog {
    let products = (0..products)
        .map(|i| Product {
            cpf4: format!("{:02}00", i + 1),
            cpf4_label: format!("Produit {}", i + 1),
            a129: format!("A{:02}", i / 2),
            a129_label: format!("Groupe {}", i / 2),
            a38: "CE".into(),
            a38_label: "Chimie".into(),
            a17: "C5".into(),
            a17_label: "Autres produits industriels".into(),
        })
        .collect();
    let countries = (0..countries)
        .map(|i| Country {
            code: format!(
                "{}{}",
                (b'A' + (i / 26) as u8) as char,
                (b'A' + (i % 26) as u8) as char
            ),
            label: format!("Pays {i}"),
            zone: if i % 2 == 0 {
                CountryGroup::Eu27
            } else {
                CountryGroup::Asia
            },
            eu27: i % 2 == 0,
            euro_area: i % 4 == 0,
        })
        .collect();
    Catalog::new(products, countries).unwrap()
}

pub const Q1: Period = Period {
    year: 2024,
    quarter: 1,
};
pub const Q2: Period = Period {
    year: 2024,
    quarter: 2,
};

/// A table from rows (quarter index, flow, product index, country index, value).
pub fn table(territory: Territory, rows: &[(u8, Flow, u16, u16, i64)]) -> TradeTable {
    let mut table = TradeTable::empty(territory);
    table.periods = vec![Q1, Q2];
    for &(period, flow, product, country, value) in rows {
        table.period.push(period);
        table.flow.push(flow);
        table.product.push(product);
        table.country.push(country);
        table.value.push(value);
    }
    table
}

pub fn dep(code: &str) -> Territory {
    Territory::Departement(code.into())
}

pub const T1_2023: Period = Period {
    year: 2023,
    quarter: 1,
};
pub const T1_2024: Period = Period {
    year: 2024,
    quarter: 1,
};

/// A demo manifest of the first quarters of 2023 and 2024, with these territories
/// (territory, label, région).
pub fn two_year_manifest(
    territories: &[(Territory, &str, Option<&str>)],
) -> comex_core::manifest::Manifest {
    use comex_core::manifest::{Manifest, Source, SourceKind, TerritoryEntry};
    Manifest {
        schema_version: "1".into(),
        source: Source {
            kind: SourceKind::Demo,
            description: String::new(),
            files: vec![],
        },
        years: vec![2023, 2024],
        periods: vec![T1_2023, T1_2024],
        territories: territories
            .iter()
            .map(|(territory, label, region)| TerritoryEntry {
                slug: label.to_lowercase(),
                territoires_industrie: Vec::new(),
                territory: territory.clone(),
                label: (*label).into(),
                region: region.map(String::from),
            })
            .collect(),
        files: vec![],
        totals: vec![],
        quarters: vec![],
        unknown_codes: vec![],
        territoires_industrie: None,
    }
}

/// The file of all départements by country, of one quarter, for départements 02, 60 and 75: rows
/// (département index, flow, country index, euros).
pub fn departements_by_country(period: Period, rows: &[(u16, Flow, u16, i64)]) -> TradeTable {
    all_departements(period, rows, false)
}

/// A section of the file of all départements by product (summed over countries), of one quarter,
/// for départements 02, 60 and 75: rows (département index, flow, product index, euros).
pub fn departements_by_product(period: Period, rows: &[(u16, Flow, u16, i64)]) -> TradeTable {
    all_departements(period, rows, true)
}

/// Rows (département index, flow, country or product index, euros).
fn all_departements(
    period: Period,
    rows: &[(u16, Flow, u16, i64)],
    by_product: bool,
) -> TradeTable {
    let mut table = TradeTable::empty(Territory::France);
    table.periods = vec![period];
    table.departements = vec!["02".into(), "60".into(), "75".into()];
    table.summed_over_countries = by_product;
    for &(departement, flow, code, value) in rows {
        table.period.push(0);
        table.flow.push(flow);
        table.departement.push(departement);
        if by_product {
            table.product.push(code);
        } else {
            table.country.push(code);
        }
        table.value.push(value);
    }
    table
}
