//! Import dependence, export concentration and tariff exposure on small tables whose answers are
//! written out by hand.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests stop at the line that failed

mod common;

use comex_core::catalog::CountryGroup;
use comex_core::codes::{Flow, ProductLevel, Territory};
use comex_core::filter::{CountrySelection, Filter, ProductSelection};
use comex_core::trade_table::TradeTable;
use comex_core::views::dependence::{
    concentration, hhi, strong_products, summary, tariff_exposure,
};
use common::*;
use Flow::{Export as E, Import as I};

/// Products 0 and 1 make the good `A00`, products 2 and 3 the good `A01`; countries AA and AC are in
/// the EU, AB and AD are not.
fn oise() -> TradeTable {
    table(
        dep("60"),
        &[
            // A00 imported: AA 60, AB 20, AC 20 (the first quarter).
            (0, I, 0, 0, 60),
            (0, I, 1, 1, 20),
            (0, I, 0, 2, 20),
            // A01 imported: AB 40, AC 30 (the first quarter), AD 30 (the second).
            (0, I, 2, 1, 40),
            (0, I, 3, 2, 30),
            (1, I, 2, 3, 30),
            // Exports: A00 to AA 80 and AB 20; A01 to AB 150 and AC 50.
            (0, E, 0, 0, 80),
            (0, E, 1, 1, 20),
            (0, E, 2, 1, 150),
            (1, E, 3, 2, 50),
        ],
    )
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9 * a.abs().max(1.0)
}

#[test]
fn the_herfindahl_hirschman_index_sums_the_squared_shares_in_percent() {
    assert_eq!(hhi(&[100]), Some(10_000.0));
    assert!(close(hhi(&[60, 20, 20]).unwrap(), 3600.0 + 400.0 + 400.0));
    assert!(close(hhi(&[1, 1, 1, 1]).unwrap(), 4.0 * 625.0));
    assert_eq!(hhi(&[0, 0]), None, "no flow, no index");
}

#[test]
fn each_imported_good_has_its_first_supplier_its_share_its_suppliers_and_its_index() {
    let catalog = catalog(4, 4);
    let model = concentration(
        &oise(),
        Vec::new(),
        &catalog,
        &Filter::default(),
        I,
        ProductLevel::A129,
    );
    let [first, second] = model.goods.as_slice() else {
        panic!("two goods: {:?}", model.goods)
    };
    // Both weigh 100: the tie breaks by code.
    assert_eq!((first.code.as_str(), first.value), ("A00", 100));
    assert_eq!(first.first_country, "AA");
    assert!(close(first.first_share, 0.6));
    assert!(first.first_in_eu, "AA is in the EU");
    assert_eq!(first.countries, 3);
    assert!(close(first.hhi, 4400.0));
    assert!(first.is_strong(), "60 % ≥ 50 %");
    assert_eq!((second.code.as_str(), second.value), ("A01", 100));
    assert_eq!(second.first_country, "AB");
    assert!(!second.first_in_eu, "AB is not in the EU");
    assert!(close(second.first_share, 0.4));
    assert!(close(second.hhi, 1600.0 + 900.0 + 900.0));
    assert!(!second.is_strong(), "40 % < 50 %");
    // The territory: 100 of 200 under strong dependence; origins AA 60, AB 60, AC 50, AD 30.
    let own = &model.territories[0];
    assert_eq!((own.total, own.strong_value), (200, 100));
    assert_eq!(own.strong_share, Some(0.5));
    assert!(close(own.hhi.unwrap(), 900.0 + 900.0 + 625.0 + 225.0));
    let [one, three, five] = own.top_shares.map(Option::unwrap);
    assert!(close(one, 0.3) && close(three, 0.85) && close(five, 1.0));
}

#[test]
fn the_filters_change_the_goods_and_a_partner_keeps_the_goods_it_supplies_first() {
    let catalog = catalog(4, 4);
    let level = ProductLevel::A129;
    // The first quarter alone: A01 is AB 40 and AC 30, so AB holds 40/70, a majority.
    let first_quarter = Filter {
        periods: vec![Q1],
        ..Filter::default()
    };
    let model = concentration(&oise(), Vec::new(), &catalog, &first_quarter, I, level);
    let a01 = model.goods.iter().find(|g| g.code == "A01").unwrap();
    assert!(close(a01.first_share, 40.0 / 70.0) && a01.is_strong());
    assert_eq!(model.territories[0].strong_share, Some(1.0));
    // One product (0200, in A00): all from AB.
    let product = Filter {
        product: Some(ProductSelection::parse("0200", &catalog).unwrap()),
        ..Filter::default()
    };
    let model = concentration(&oise(), Vec::new(), &catalog, &product, I, level);
    assert_eq!(model.goods.len(), 1);
    assert_eq!(
        (model.goods[0].first_country.as_str(), model.goods[0].hhi),
        ("AB", 10_000.0)
    );
    // A partner: the shares stay measured over every country; the goods kept are those it supplies first.
    let partner = Filter {
        country: Some(CountrySelection::Country("AB".into())),
        ..Filter::default()
    };
    let model = concentration(&oise(), Vec::new(), &catalog, &partner, I, level);
    assert_eq!(model.goods.len(), 1);
    assert_eq!(model.goods[0].code, "A01");
    assert_eq!(model.territories[0].total, 200);
    assert_eq!(model.partner_label.as_deref(), Some("Pays 1"));
}

#[test]
fn exports_are_concentrated_by_destination_and_compared_with_the_region_and_france() {
    let catalog = catalog(4, 4);
    let region = table(
        Territory::Region("32".into()),
        &[(0, E, 0, 0, 500), (0, E, 0, 1, 500)],
    );
    let france = table(Territory::France, &[(0, E, 0, 3, 1000)]);
    let comparisons = vec![
        summary(&region, &catalog, &Filter::default(), E, ProductLevel::A129),
        summary(&france, &catalog, &Filter::default(), E, ProductLevel::A129),
    ];
    let model = concentration(
        &oise(),
        comparisons,
        &catalog,
        &Filter::default(),
        E,
        ProductLevel::A129,
    );
    // Destinations: AA 80, AB 170, AC 50 of 300, so 80/3, 170/3 and 50/3 %.
    let own = &model.territories[0];
    assert_eq!(own.total, 300);
    assert!(close(own.top_shares[0].unwrap(), 170.0 / 300.0));
    assert!(close(own.top_shares[1].unwrap(), 1.0));
    let expected_hhi =
        (80.0_f64 / 3.0).powi(2) + (170.0_f64 / 3.0).powi(2) + (50.0_f64 / 3.0).powi(2);
    assert!(close(own.hhi.unwrap(), expected_hhi));
    // A00 goes 80 % to AA, A01 75 % to AB: both concentrated, 300 of 300.
    assert_eq!(own.strong_value, 300);
    let region = &model.territories[1];
    assert_eq!(region.territory, Territory::Region("32".into()));
    assert_eq!(region.hhi, Some(5000.0));
    assert_eq!(region.top_shares[0], Some(0.5));
    assert_eq!(model.territories[2].hhi, Some(10_000.0));
    assert_eq!(model.goods[0].code, "A01", "200 before 100");
}

#[test]
fn tariff_exposure_is_each_goods_exports_to_the_partner() {
    let catalog = catalog(4, 4);
    let model = tariff_exposure(
        &oise(),
        &catalog,
        &Filter::default(),
        &CountrySelection::Country("AB".into()),
        ProductLevel::A129,
    );
    assert_eq!((model.total, model.to_partner), (300, 170));
    assert!(close(model.share.unwrap(), 170.0 / 300.0));
    let codes: Vec<&str> = model.goods.iter().map(|g| g.code.as_str()).collect();
    assert_eq!(codes, ["A01", "A00"], "by value to the partner");
    assert_eq!(
        (model.goods[0].to_partner, model.goods[0].exports),
        (150, 200)
    );
    assert!(close(model.goods[0].share, 0.75));
    assert!(close(model.goods[0].weight, 200.0 / 300.0));
    assert!(close(model.goods[1].share, 0.2));
    // A group: the EU's countries AA and AC.
    let eu = tariff_exposure(
        &oise(),
        &catalog,
        &Filter::default(),
        &CountrySelection::Group(CountryGroup::Eu27),
        ProductLevel::A129,
    );
    assert_eq!(eu.to_partner, 130);
    let by_share: Vec<(&str, f64)> = eu
        .by_share()
        .iter()
        .map(|g| (g.code.as_str(), g.share))
        .collect();
    assert_eq!(by_share, [("A00", 0.8), ("A01", 0.25)]);
    let (weight, to_partner) = eu.shown_weight();
    assert!(close(weight, 1.0));
    assert!(close(to_partner.unwrap(), 130.0 / 300.0));
}

#[test]
fn a_matrix_built_after_another_starts_empty_and_a_cell_emptied_then_filled_counts_once() {
    let catalog = catalog(4, 4);
    let level = ProductLevel::A129;
    let filter = Filter::default();
    let first = concentration(&oise(), Vec::new(), &catalog, &filter, I, level);
    // Another table in between: its cells must not be left in the next matrix.
    let other = table(dep("02"), &[(0, I, 0, 3, 1_000), (0, I, 2, 0, 7)]);
    let between = concentration(&other, Vec::new(), &catalog, &filter, I, level);
    assert_eq!(between.territories[0].total, 1_007);
    assert_eq!(
        concentration(&oise(), Vec::new(), &catalog, &filter, I, level),
        first
    );
    // A correction brings a cell to zero, then a later row fills it again: one country, not two.
    let corrected = table(
        dep("02"),
        &[
            (0, I, 0, 0, 10),
            (0, I, 0, 0, -10),
            (1, I, 0, 0, 5),
            (0, I, 1, 1, 5),
        ],
    );
    let model = concentration(&corrected, Vec::new(), &catalog, &filter, I, level);
    assert_eq!(model.goods[0].countries, 2);
    assert!(close(model.goods[0].hhi, 5000.0));
}

#[test]
fn the_map_file_holds_the_imports_of_the_goods_one_supplier_holds_half_of_by_product() {
    let catalog = catalog(4, 4);
    let strong = strong_products(&oise(), &catalog, I, ProductLevel::A129);
    // A00 (AA 60 %) is under strong dependence: product 0 imports 60 + 20, product 1 20; A01 is not.
    assert_eq!(strong, vec![(0, 80), (1, 20)]);
    let model = concentration(
        &oise(),
        Vec::new(),
        &catalog,
        &Filter::default(),
        I,
        ProductLevel::A129,
    );
    let sum: i64 = strong.iter().map(|(_, value)| value).sum();
    assert_eq!(sum, model.territories[0].strong_value, "the block's figure");
    // At exports, A00 (AA 80 %) and A01 (AB 75 %) both go mostly to one country.
    let exports = strong_products(&oise(), &catalog, E, ProductLevel::A129);
    assert_eq!(exports, vec![(0, 80), (1, 20), (2, 150), (3, 50)]);
}
