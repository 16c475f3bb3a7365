//! The files summed over a year's quarters: their sums, their Arrow form (no quarter column), which
//! quarters take them in, and which blocks read them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests stop at the line that failed

mod common;

use comex_core::arrow_io::{read_trade, write_trade};
use comex_core::codes::{Flow, Period, Territory};
use comex_core::data_file::{self, departements_by_country_file, departements_by_product_file};
use comex_core::filter::Filter;
use comex_core::trade_table::TradeTable;
use common::*;

fn quarters(year: u16, list: &[u8]) -> Vec<Period> {
    list.iter()
        .map(|&quarter| Period { year, quarter })
        .collect()
}

#[test]
fn a_year_sum_adds_each_flow_product_and_country_over_the_quarters() {
    // Rows: (quarter index, flow, product, country, euros); quarters T1 and T2 2024.
    let by_quarter = table(
        dep("60"),
        &[
            (0, Flow::Export, 0, 1, 10),
            (1, Flow::Export, 0, 1, 5),
            (1, Flow::Import, 1, 0, 20),
            (0, Flow::Export, 1, 1, 30),
        ],
    );
    let summed = by_quarter.summed_over_quarters();
    assert_eq!(summed.periods, [Period::whole_year(2024)]);
    let rows: Vec<(Flow, u16, u16, i64)> = (0..summed.len())
        .map(|row| {
            (
                summed.flow[row],
                summed.product[row],
                summed.country[row],
                summed.value[row],
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (Flow::Export, 0, 1, 15),
            (Flow::Export, 1, 1, 30),
            (Flow::Import, 1, 0, 20),
        ]
    );
    assert_eq!(summed.total(Flow::Export), by_quarter.total(Flow::Export));
}

#[test]
fn a_year_sum_is_written_without_a_quarter_column_and_reads_back_whole() {
    let catalog = catalog(2, 2);
    let summed = table(
        dep("60"),
        &[(0, Flow::Export, 0, 1, 10), (1, Flow::Import, 1, 0, 7)],
    )
    .summed_over_quarters();
    let bytes = write_trade("dep/60/2024/year.arrow", &summed, &catalog).unwrap();
    let read = read_trade("dep/60/2024/year.arrow", &bytes, &catalog).unwrap();
    assert_eq!(read, summed);
    assert!(read.periods.iter().all(Period::is_whole_year));
    // A table by quarter does have the column: its row reads back in T1, not a whole year.
    let by_quarter = table(dep("60"), &[(0, Flow::Export, 0, 1, 10)]);
    let read = read_trade(
        "t.arrow",
        &write_trade("t.arrow", &by_quarter, &catalog).unwrap(),
        &catalog,
    );
    assert_eq!(read.unwrap().periods, [Q1]);
}

#[test]
fn a_whole_year_counts_only_when_its_four_quarters_are_selected() {
    let year = Period::whole_year(2024);
    let selected = |periods: Vec<Period>| Filter {
        periods,
        ..Filter::default()
    };
    assert!(selected(quarters(2024, &[1, 2, 3, 4])).covers(&year));
    assert!(
        selected([quarters(2023, &[3, 4]), quarters(2024, &[1, 2, 3, 4])].concat()).covers(&year)
    );
    assert!(!selected(quarters(2024, &[1, 2, 3])).covers(&year));
    assert!(!selected(quarters(2023, &[1, 2, 3, 4])).covers(&year));
    assert!(
        selected(Vec::new()).covers(&year),
        "no period chosen: every row"
    );
    assert_eq!(year.to_string(), "2024");
    assert_eq!(year.label_fr(), "2024");
    assert!(
        "2024T0".parse::<Period>().is_err(),
        "no notation names a whole year"
    );
}

#[test]
fn the_sum_of_a_whole_year_is_read_for_its_four_quarters_only() {
    let mut manifest = two_year_manifest(&[(dep("60"), "Oise", Some("01"))]);
    // 2023 whole, 2024 its first quarter only.
    manifest.periods = [quarters(2023, &[1, 2, 3, 4]), quarters(2024, &[1])].concat();
    let oise = dep("60");
    assert_eq!(
        manifest.trade_file(&oise, 2023, &quarters(2023, &[1, 2, 3, 4])),
        "dep/60/2023/year.arrow"
    );
    assert_eq!(
        manifest.trade_file(&oise, 2023, &quarters(2023, &[1, 2])),
        "dep/60/2023.arrow"
    );
    assert_eq!(
        manifest.trade_file(&oise, 2023, &[]),
        "dep/60/2023.arrow",
        "the évolution's"
    );
    assert_eq!(
        manifest.trade_file(&oise, 2024, &quarters(2024, &[1])),
        "dep/60/2024.arrow"
    );
    assert_eq!(
        manifest.trade_file(&Territory::France, 2023, &quarters(2023, &[1, 2, 3, 4])),
        "fr/2023/year.arrow"
    );
    assert_eq!(
        manifest.territory_files(&oise, &quarters(2023, &[1, 2, 3, 4])),
        ["dep/60/2023/year.arrow"]
    );
    // Their own index: the first view reads it and not the other one.
    assert_eq!(
        data_file::index_of("dep/60/2023/year.arrow").as_deref(),
        Some("files/2023-year.json")
    );
    assert_eq!(
        data_file::index_of("dep/60/2023.arrow").as_deref(),
        Some("files/2023.json")
    );
    assert_eq!(
        data_file::index_of("reg/01/2023/year.arrow").as_deref(),
        Some("files/2023-year.json")
    );
    // The files of all départements likewise, by country and by product.
    let whole_2023 = quarters(2023, &[1, 2, 3, 4]);
    let by_country = departements_by_country_file(2023);
    assert_eq!(
        manifest.year_file(&by_country, &whole_2023),
        "fr-departements-pays/2023/year.arrow"
    );
    assert_eq!(
        manifest.year_file(&by_country, &quarters(2023, &[4])),
        by_country
    );
    let section = departements_by_product_file(2023, "CE");
    assert_eq!(
        manifest.year_file(&section, &whole_2023),
        "fr-departements-produits/2023/CE/year.arrow"
    );
    // Their own indexes: the first view does not read their hashes, the key points read the sums'.
    assert_eq!(
        data_file::index_of("fr-departements-produits/2023/CE/year.arrow").as_deref(),
        Some("files/2023-departements-year.json")
    );
    assert_eq!(
        data_file::index_of(&by_country).as_deref(),
        Some("files/2023-departements.json")
    );
    assert_eq!(
        manifest.year_file(&departements_by_country_file(2024), &quarters(2024, &[1])),
        "fr-departements-pays/2024.arrow"
    );
}

#[test]
fn a_year_is_never_put_together_both_summed_and_by_quarter() {
    let by_quarter = table(dep("60"), &[(0, Flow::Export, 0, 1, 10)]);
    let summed = by_quarter.summed_over_quarters();
    assert!(TradeTable::concat(&[&by_quarter, &summed]).is_err());
    let mut earlier = summed.clone();
    earlier.periods = vec![Period::whole_year(2023)];
    let both = TradeTable::concat(&[&earlier, &summed]).unwrap();
    assert_eq!(
        both.periods,
        [Period::whole_year(2023), Period::whole_year(2024)]
    );
    assert_eq!(both.total(Flow::Export), 20);
}

#[test]
fn the_complete_years_are_those_with_their_four_quarters() {
    let mut periods = quarters(2024, &[4, 1, 3, 2]);
    periods.extend(quarters(2025, &[1, 2, 3]));
    periods.extend(quarters(2023, &[1, 2, 3, 4]));
    assert_eq!(comex_core::manifest::complete_years(&periods), [2023, 2024]);
    assert!(comex_core::manifest::complete_years(&quarters(2025, &[1, 2])).is_empty());
}
