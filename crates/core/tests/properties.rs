//! Properties of the views on random tables.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests stop at the line that failed

mod common;

use comex_core::codes::{Flow, ProductLevel, Territory};
use comex_core::filter::{Filter, ProductSelection};
use comex_core::views::goods::goods;
use comex_core::views::partners::partners;
use comex_core::views::sankey::{sankey, NodeKind, FLAGGED_LINKS};
use comex_core::views::totals::{filtered_total, totals};
use common::*;
use proptest::prelude::*;

fn rows() -> impl Strategy<Value = Vec<(u8, Flow, u16, u16, i64)>> {
    prop::collection::vec(
        (
            0_u8..2,
            prop::bool::ANY,
            0_u16..24,
            0_u16..30,
            0_i64..1_000_000,
        ),
        0..300,
    )
    .prop_map(|rows| {
        rows.into_iter()
            .map(|(p, export, product, country, value)| {
                (
                    p,
                    if export { Flow::Export } else { Flow::Import },
                    product,
                    country,
                    value,
                )
            })
            .collect()
    })
}

fn level() -> impl Strategy<Value = ProductLevel> {
    prop::sample::select(vec![
        ProductLevel::Cpf4,
        ProductLevel::A129,
        ProductLevel::A38,
    ])
}

proptest! {
    #[test]
    fn sankey_links_sum_to_the_total_and_others_to_the_rest(rows in rows(), level in level(), export in prop::bool::ANY) {
        let catalog = catalog(24, 30);
        let flow = if export { Flow::Export } else { Flow::Import };
        let t = table(dep("60"), &rows);
        let s = sankey(&t, &catalog, &Filter::default(), flow, level);
        let total = filtered_total(&t, &catalog, &Filter::default(), flow);
        prop_assert_eq!(s.links.iter().map(|l| l.value).sum::<i64>(), total);
        prop_assert_eq!(s.total, total);
        for side in [&s.left, &s.right] {
            prop_assert!(side.iter().filter(|n| n.kind != NodeKind::Others).count() <= 10);
            prop_assert_eq!(side.iter().map(|n| n.value).sum::<i64>(), total);
            if let Some(others) = side.iter().find(|n| n.kind == NodeKind::Others) {
                let named: i64 = side.iter().filter(|n| n.kind != NodeKind::Others).map(|n| n.value).sum();
                prop_assert_eq!(others.value, total - named);
            }
        }
        // The flagged links are the largest between two named nodes.
        let named_links: Vec<_> = s.links.iter()
            .filter(|l| s.left[l.source].kind != NodeKind::Others && s.right[l.target].kind != NodeKind::Others)
            .collect();
        let flagged: Vec<i64> = s.links.iter().filter(|l| l.flagged).map(|l| l.value).collect();
        prop_assert_eq!(flagged.len(), named_links.len().min(FLAGGED_LINKS));
        let smallest_flagged = flagged.iter().min().copied().unwrap_or(i64::MAX);
        for link in named_links.iter().filter(|l| !l.flagged) {
            prop_assert!(link.value <= smallest_flagged);
        }
    }

    #[test]
    fn goods_shares_are_within_bounds_and_sum_to_one(rows in rows(), level in level()) {
        let catalog = catalog(24, 30);
        let g = goods(&table(dep("60"), &rows), &catalog, &Filter::default(), Flow::Export, level);
        prop_assert!(g.nodes.iter().all(|n| (0.0..=1.0).contains(&n.share)));
        if g.total > 0 {
            let sum: f64 = g.nodes.iter().map(|n| n.share).sum();
            prop_assert!((sum - 1.0).abs() < 1e-9);
        }
        prop_assert_eq!(g.nodes.iter().map(|n| n.value).sum::<i64>(), g.total);
        for node in &g.nodes {
            if !node.children.is_empty() {
                prop_assert_eq!(node.children.iter().map(|c| c.value).sum::<i64>(), node.value);
            }
        }
    }

    #[test]
    fn balance_is_exports_minus_imports(rows in rows()) {
        let catalog = catalog(24, 30);
        for row in partners(&table(dep("60"), &rows), &catalog, &Filter::default(), 30).rows {
            prop_assert_eq!(row.balance, row.exports - row.imports);
        }
    }

    #[test]
    fn filtering_by_a_product_then_summing_gives_its_total(rows in rows(), product in 0_u16..24, level in level()) {
        let catalog = catalog(24, 30);
        let t = table(dep("60"), &rows);
        let code = catalog.product(product).unwrap().code(level).to_string();
        let all = goods(&t, &catalog, &Filter::default(), Flow::Import, level);
        let expected = all.nodes.iter().find(|n| n.code == code).map(|n| n.value).unwrap_or(0);
        let filter = Filter { product: Some(ProductSelection { level, code }), ..Filter::default() };
        prop_assert_eq!(filtered_total(&t, &catalog, &filter, Flow::Import), expected);
    }

    #[test]
    fn shares_of_region_and_france_stay_within_bounds(rows in rows(), extra in rows()) {
        let catalog = catalog(24, 30);
        let own = table(dep("60"), &rows);
        let mut all_rows = rows.clone();
        all_rows.extend(extra);
        let region = table(Territory::Region("01".into()), &all_rows);
        let t = totals(&own, Some(&region), Some(&region), &catalog, &Filter::default());
        for share in [t.exports.share_of_region, t.imports.share_of_france].into_iter().flatten() {
            prop_assert!((0.0..=1.0).contains(&share));
        }
    }
}
