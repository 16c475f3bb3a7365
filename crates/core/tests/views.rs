//! Each view on small tables whose answers are computed by hand.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests stop at the line that failed

mod common;

use comex_core::codes::{Flow, ProductLevel, Territory};
use comex_core::filter::{CountrySelection, Filter, ProductSelection};
use comex_core::views::exposure::exposure;
use comex_core::views::goods::{goods, goods_at_level};
use comex_core::views::partners::partners;
use comex_core::views::sankey::{sankey, NodeKind, OTHERS_KEY};
use comex_core::views::specialisation::specialisation;
use comex_core::views::totals::totals;
use comex_core::views::PeriodView;
use comex_core::CoreError;
use common::*;
use Flow::{Export as E, Import as I};

#[test]
fn totals_and_shares() {
    let catalog = catalog(2, 2);
    let oise = table(
        dep("60"),
        &[(0, E, 0, 0, 30), (1, E, 1, 1, 10), (0, I, 0, 0, 50)],
    );
    let region = table(
        Territory::Region("01".into()),
        &[(0, E, 0, 0, 300), (0, I, 0, 0, 200)],
    );
    let france = table(Territory::France, &[(0, E, 0, 0, 1000), (0, I, 0, 0, 1000)]);
    let t = totals(
        &oise,
        Some(&region),
        Some(&france),
        &catalog,
        &Filter::default(),
    );
    assert_eq!(t.exports.value, 40);
    assert_eq!(t.exports.share_of_region, Some(40.0 / 300.0));
    assert_eq!(t.exports.share_of_france, Some(0.04));
    assert_eq!(t.imports.value, 50);
    assert_eq!(t.imports.share_of_region, Some(0.25));
    // A région is compared with France only.
    let r = totals(&region, None, Some(&france), &catalog, &Filter::default());
    assert_eq!(r.exports.share_of_region, None);
    assert_eq!(r.exports.share_of_france, Some(0.3));
    // France is compared with nothing; a filter that keeps nothing gives no share (not 0 %).
    let filter = Filter {
        country: Some(CountrySelection::Country("AC".into())),
        ..Filter::default()
    };
    let f = totals(&france, None, None, &catalog, &filter);
    assert_eq!(
        (
            f.exports.value,
            f.exports.share_of_france,
            f.exports.share_of_region
        ),
        (0, None, None)
    );
}

#[test]
fn partners_rank_by_total_then_code_with_balance() {
    let catalog = catalog(1, 4);
    // AA: 10 + 5 = 15; AB: 15 (tie, AA first by code); AC: 20; AD: nothing.
    let t = table(
        dep("60"),
        &[
            (0, E, 0, 0, 10),
            (0, I, 0, 0, 5),
            (0, E, 0, 1, 3),
            (0, I, 0, 1, 12),
            (1, E, 0, 2, 20),
        ],
    );
    let p = partners(&t, &catalog, &Filter::default(), 10);
    let codes: Vec<&str> = p.rows.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(codes, ["AC", "AA", "AB"]);
    assert_eq!(p.country_count, 3);
    let ab = &p.rows[2];
    assert_eq!((ab.imports, ab.exports, ab.balance), (12, 3, -9));
    assert_eq!(partners(&t, &catalog, &Filter::default(), 2).rows.len(), 2);
}

#[test]
fn goods_shares_and_hierarchy() {
    let catalog = catalog(4, 1);
    let t = table(
        dep("60"),
        &[
            (0, E, 0, 0, 10),
            (0, E, 1, 0, 30),
            (0, E, 2, 0, 60),
            (0, I, 3, 0, 99),
        ],
    );
    let g = goods(&t, &catalog, &Filter::default(), E, ProductLevel::A129);
    assert_eq!(g.total, 100);
    let top: Vec<(&str, i64)> = g.nodes.iter().map(|n| (n.code.as_str(), n.value)).collect();
    assert_eq!(top, [("A01", 60), ("A00", 40)]);
    assert_eq!(g.nodes[1].share, 0.4);
    // Among several nodes, none holds its products (a treemap shows them only for a node alone),
    // and the level alone (the specialisation's input) is the same.
    assert!(g.nodes.iter().all(|node| node.children.is_empty()));
    assert_eq!(g.tiles(), (ProductLevel::A129, g.nodes.as_slice()));
    let level_only = goods_at_level(&t, &catalog, &Filter::default(), E, ProductLevel::A129);
    assert_eq!(level_only, g);
    // A product filter that leaves one tile shows the products inside it, down to CPF4.
    let a00 = Filter {
        product: Some(ProductSelection {
            level: ProductLevel::A129,
            code: "A00".into(),
        }),
        ..Filter::default()
    };
    let drilled = goods(&t, &catalog, &a00, E, ProductLevel::A129);
    let (level, tiles) = drilled.tiles();
    let tiles: Vec<(&str, i64)> = tiles.iter().map(|n| (n.code.as_str(), n.value)).collect();
    assert_eq!(
        (level, tiles),
        (ProductLevel::Cpf4, vec![("0200", 30), ("0100", 10)])
    );
    assert!(goods(
        &t,
        &catalog,
        &Filter {
            product: Some(ProductSelection {
                level: ProductLevel::A129,
                code: "A05".into()
            }),
            ..Filter::default()
        },
        E,
        ProductLevel::A129
    )
    .nodes
    .is_empty());
}

#[test]
fn sankey_with_fewer_than_ten_nodes_has_no_others() {
    let catalog = catalog(3, 3);
    let t = table(
        dep("60"),
        &[
            (0, E, 0, 0, 5),
            (0, E, 0, 1, 7),
            (1, E, 1, 1, 7),
            (0, E, 2, 2, 1),
        ],
    );
    let s = sankey(&t, &catalog, &Filter::default(), E, ProductLevel::Cpf4);
    assert!(s
        .left
        .iter()
        .chain(&s.right)
        .all(|n| n.kind != NodeKind::Others));
    // Products by value: 0100 (12), 0200 (7), 0300 (1); countries: AB (14), AA (5), AC (1).
    let left: Vec<&str> = s.left.iter().map(|n| n.code.as_str()).collect();
    let right: Vec<&str> = s.right.iter().map(|n| n.code.as_str()).collect();
    assert_eq!(left, ["0100", "0200", "0300"]);
    assert_eq!(right, ["AB", "AA", "AC"]);
    // Links sorted by value then codes: 0100→AB (7) before 0200→AB (7).
    let links: Vec<(usize, usize, i64)> = s
        .links
        .iter()
        .map(|l| (l.source, l.target, l.value))
        .collect();
    assert_eq!(links, [(0, 0, 7), (1, 0, 7), (0, 1, 5), (2, 2, 1)]);
    assert_eq!(
        s.links.iter().filter(|l| l.flagged).count(),
        4,
        "all four links are between named nodes"
    );
    assert_eq!(s.total, 20);
}

#[test]
fn sankey_folds_the_rest_into_others_and_flags_five_named_links() {
    let catalog = catalog(12, 12);
    // Product i goes to country i with value 100 + i; product 11 also to country 0 with 1000.
    let mut rows: Vec<(u8, Flow, u16, u16, i64)> =
        (0..12).map(|i| (0, I, i, i, 100 + i64::from(i))).collect();
    rows.push((0, I, 11, 0, 1000));
    let t = table(dep("60"), &rows);
    let s = sankey(&t, &catalog, &Filter::default(), I, ProductLevel::Cpf4);
    // Imports: countries on the left. Country AA = 100 + 1000; the two smallest (AB 101, AC 102) in « Autres ».
    assert_eq!(s.left.len(), 11);
    assert_eq!(s.left[0].code, "AA");
    let others = s.left.last().unwrap();
    assert_eq!(
        (others.code.as_str(), others.value),
        (OTHERS_KEY, 101 + 102)
    );
    // Products on the right: 1200 (1111) first; 0100 (100) and 0200 (101) in « Autres ».
    assert_eq!(s.right[0].code, "1200");
    assert_eq!(s.right.last().unwrap().value, 100 + 101);
    let named_total: i64 = s
        .left
        .iter()
        .filter(|n| n.kind != NodeKind::Others)
        .map(|n| n.value)
        .sum();
    assert_eq!(s.total - named_total, others.value);
    let flagged: Vec<i64> = s
        .links
        .iter()
        .filter(|l| l.flagged)
        .map(|l| l.value)
        .collect();
    assert_eq!(flagged, [1000, 111, 110, 109, 108]);
}

#[test]
fn an_empty_filter_result_gives_empty_views() {
    let catalog = catalog(2, 2);
    let t = table(dep("60"), &[(0, E, 0, 0, 5)]);
    let filter = Filter {
        country: Some(CountrySelection::Country("AB".into())),
        ..Filter::default()
    };
    let s = sankey(&t, &catalog, &filter, E, ProductLevel::A129);
    assert!(s.left.is_empty() && s.right.is_empty() && s.links.is_empty());
    assert_eq!(s.total, 0);
    assert!(partners(&t, &catalog, &filter, 10).rows.is_empty());
}

#[test]
fn filters_by_period_product_level_and_country_group() {
    let catalog = catalog(4, 4);
    let t = table(
        dep("60"),
        &[
            (0, E, 0, 0, 1),
            (1, E, 1, 1, 10),
            (0, E, 2, 2, 100),
            (1, E, 3, 3, 1000),
        ],
    );
    let total = |filter: Filter| goods(&t, &catalog, &filter, E, ProductLevel::Cpf4).total;
    assert_eq!(
        total(Filter {
            periods: vec![Q2],
            ..Filter::default()
        }),
        1010
    );
    let a00 = ProductSelection::parse("A00", &catalog).unwrap();
    assert_eq!(a00.level, ProductLevel::A129);
    assert_eq!(
        total(Filter {
            product: Some(a00),
            ..Filter::default()
        }),
        11
    );
    let eu = CountrySelection::parse("group:eu27", &catalog).unwrap();
    assert_eq!(
        total(Filter {
            country: Some(eu),
            ..Filter::default()
        }),
        101,
        "AA and AC are in the EU"
    );
    assert!(CountrySelection::parse("ZZ", &catalog).is_err());
    assert!(CountrySelection::parse("group:mars", &catalog).is_err());
    assert!(ProductSelection::parse("9999", &catalog).is_err());
}

#[test]
fn specialisation_compares_with_france() {
    let catalog = catalog(2, 1);
    let t = table(dep("60"), &[(0, E, 0, 0, 75), (0, E, 1, 0, 25)]);
    let france = table(Territory::France, &[(0, E, 0, 0, 250), (0, E, 1, 0, 750)]);
    let s = specialisation(
        &t,
        &france,
        &catalog,
        &Filter::default(),
        E,
        ProductLevel::Cpf4,
    );
    assert_eq!(s.rows[0].code, "0100");
    assert_eq!(
        (
            s.rows[0].territory_share,
            s.rows[0].france_share,
            s.rows[0].index
        ),
        (0.75, 0.25, Some(3.0))
    );
    assert_eq!(s.rows[1].index, Some(25.0 / 75.0));
}

#[test]
fn exposure_ranks_the_departements() {
    let catalog = catalog(1, 2);
    let mut all = table(Territory::France, &[]);
    all.product.clear();
    all.departements = vec!["02".into(), "59".into(), "60".into()];
    // (département, country, value): 02 → 50 % to AA, 59 → 90 %, 60 → 50 % (tie with 02: 02 first).
    for (d, country, value) in [
        (0, 0, 5),
        (0, 1, 5),
        (1, 0, 9),
        (1, 1, 1),
        (2, 0, 10),
        (2, 1, 10),
    ] {
        all.period.push(0);
        all.flow.push(E);
        all.departement.push(d);
        all.country.push(country);
        all.value.push(value);
    }
    let oise = table(
        dep("60"),
        &[(0, E, 0, 0, 10), (0, E, 0, 1, 10), (0, I, 0, 0, 99)],
    );
    let partner = CountrySelection::Country("AA".into());
    let e = exposure(&oise, &all, &catalog, &Filter::default(), &partner, E);
    assert_eq!((e.value, e.total, e.share), (10, 20, Some(0.5)));
    let order: Vec<&str> = e.ranking.iter().map(|d| d.departement.as_str()).collect();
    assert_eq!(order, ["59", "02", "60"]);
    assert_eq!(e.rank, Some(3));
}

/// A demo manifest with no territory and no file, for the tests that need one.
fn demo_manifest(periods: Vec<comex_core::codes::Period>) -> comex_core::manifest::Manifest {
    comex_core::manifest::Manifest {
        schema_version: "1".into(),
        source: comex_core::manifest::Source {
            kind: comex_core::manifest::SourceKind::Demo,
            description: String::new(),
            files: vec![],
        },
        years: vec![2024],
        periods,
        territories: vec![],
        files: vec![],
        totals: vec![],
        quarters: vec![],
        unknown_codes: vec![],
        territoires_industrie: None,
    }
}

#[test]
fn a_territory_absent_from_the_data_is_an_error_not_a_zero() {
    let manifest = demo_manifest(vec![Q1]);
    assert_eq!(
        manifest.territory(&dep("60")).unwrap_err(),
        CoreError::TerritoryAbsent("dep:60".into())
    );
}

#[test]
fn a_comparison_sankey_aligns_on_the_territory_order() {
    let catalog = catalog(4, 3);
    // Territory: products 0300 > 0100; région: 0100 > 0200 > 0300.
    let own = table(dep("60"), &[(0, E, 2, 0, 50), (0, E, 0, 1, 10)]);
    let region = table(
        Territory::Region("01".into()),
        &[(0, E, 0, 0, 500), (0, E, 1, 1, 300), (0, E, 2, 2, 100)],
    );
    let reference = sankey(&own, &catalog, &Filter::default(), E, ProductLevel::Cpf4);
    let mut aligned = sankey(&region, &catalog, &Filter::default(), E, ProductLevel::Cpf4);
    let before: Vec<(String, String, i64)> = aligned
        .links
        .iter()
        .map(|l| {
            (
                aligned.left[l.source].code.clone(),
                aligned.right[l.target].code.clone(),
                l.value,
            )
        })
        .collect();
    comex_core::views::sankey::align_to(&mut aligned, &reference);
    let left: Vec<&str> = aligned.left.iter().map(|n| n.code.as_str()).collect();
    assert_eq!(
        left,
        ["0300", "0100", "0200"],
        "shared nodes in the territory's order, then the rest"
    );
    let after: Vec<(String, String, i64)> = aligned
        .links
        .iter()
        .map(|l| {
            (
                aligned.left[l.source].code.clone(),
                aligned.right[l.target].code.clone(),
                l.value,
            )
        })
        .collect();
    assert_eq!(before, after, "every link still joins the same two nodes");
}

#[test]
fn shared_results_give_the_same_views_across_territories_and_filters() {
    use comex_core::views::portrait::{
        compute_period_view, PortraitData, SharedResults, ViewRequest,
    };
    let catalog = catalog(6, 4);
    let manifest = demo_manifest(vec![Q1, Q2]);
    let oise = table(
        dep("60"),
        &[(0, E, 0, 0, 30), (1, E, 1, 1, 10), (0, I, 2, 0, 50)],
    );
    let aisne = table(dep("02"), &[(0, E, 3, 2, 7), (1, I, 4, 3, 9)]);
    let region = table(
        Territory::Region("01".into()),
        &[(0, E, 0, 0, 300), (0, I, 2, 0, 200), (1, E, 3, 2, 40)],
    );
    let france = table(
        Territory::France,
        &[(0, E, 0, 0, 1000), (0, I, 2, 0, 900), (1, E, 5, 3, 70)],
    );
    let mut all = table(Territory::France, &[]);
    all.product.clear();
    all.departements = vec!["02".into(), "60".into()];
    for (d, country, value) in [(0, 2, 7), (1, 0, 30), (1, 1, 10)] {
        all.period.push(0);
        all.flow.push(E);
        all.departement.push(d);
        all.country.push(country);
        all.value.push(value);
    }
    let shared = SharedResults::default();
    let filters = [
        Filter::default(),
        Filter {
            country: Some(CountrySelection::Country("AA".into())),
            ..Filter::default()
        },
        Filter {
            periods: vec![Q2],
            ..Filter::default()
        },
    ];
    for filter in filters {
        for territory in [&oise, &aisne, &oise] {
            let data = PortraitData {
                manifest: &manifest,
                catalog: &catalog,
                territory,
                region: Some(&region),
                france: Some(&france),
                departements: Some(&all),
                shared: None,
            };
            let request = ViewRequest {
                filter: filter.clone(),
                level: ProductLevel::Cpf4,
            };
            for view in PeriodView::ALL {
                let fresh = compute_period_view(&data, view, &request).unwrap();
                let reused = compute_period_view(
                    &PortraitData {
                        shared: Some(&shared),
                        ..data
                    },
                    view,
                    &request,
                )
                .unwrap();
                assert_eq!(fresh, reused, "{view:?} {filter:?}");
            }
        }
    }
}

/// The évolution sums each quarter's rows by flow, with and without a partner filter (the two
/// walks over the rows), and leaves out a quarter the series does not list.
#[test]
fn evolution_sums_quarters_by_flow_under_a_partner_filter() {
    use comex_core::views::evolution::evolution;
    let catalog = catalog(2, 2);
    let t = table(
        dep("60"),
        &[
            (0, E, 0, 0, 10),
            (0, I, 1, 1, 4),
            (1, E, 1, 0, 7),
            (1, E, 0, 1, 5),
            (1, I, 0, 0, 3),
        ],
    );
    let sums = |filter: &Filter, periods: &[comex_core::codes::Period]| -> Vec<(i64, i64)> {
        evolution(&[&t], None, None, &catalog, filter, periods)
            .points
            .iter()
            .map(|point| (point.exports, point.imports))
            .collect()
    };
    assert_eq!(sums(&Filter::default(), &[Q1, Q2]), [(10, 4), (12, 3)]);
    let first_country = Filter {
        country: Some(CountrySelection::Country(catalog.countries[0].code.clone())),
        ..Filter::default()
    };
    assert_eq!(sums(&first_country, &[Q1, Q2]), [(10, 0), (7, 3)]);
    // Q1 alone in the series: Q2's rows go nowhere.
    assert_eq!(sums(&first_country, &[Q1]), [(10, 0)]);
    assert_eq!(sums(&Filter::default(), &[Q2]), [(12, 3)]);
}
