//! The time charts on fixed models: a snapshot of each option, and every value drawn is the model's.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests stop at the line that failed

use comex_charts::{option, Layout};
use comex_core::codes::{Flow, Period, ProductLevel};
use comex_core::manifest::{Manifest, Source, SourceKind};
use comex_core::views::change::{Change, ChangeBy, ChangeRow, FlowChange};
use comex_core::views::evolution::{Evolution, QuarterPoint};
use comex_core::views::portrait::ViewModel;
use serde_json::Value;

fn manifest() -> Manifest {
    Manifest {
        schema_version: "1".into(),
        source: Source {
            kind: SourceKind::Demo,
            description: String::new(),
            files: vec![],
        },
        years: vec![2024],
        periods: vec![],
        territories: vec![],
        files: vec![],
        totals: vec![],
        quarters: vec![],
        unknown_codes: vec![],
    }
}

fn values(option: &Value, series: usize) -> Vec<Option<f64>> {
    option["series"][series]["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["value"].as_f64())
        .collect()
}

#[test]
fn evolution_draws_each_quarter_and_the_indices_of_the_model() {
    let point = |quarter: u8, exports: i64, imports: i64, index: Option<f64>| QuarterPoint {
        period: Period {
            year: 2024,
            quarter,
        },
        exports,
        imports,
        balance: exports - imports,
        exports_index: index,
        region_exports_index: index.map(|i| i + 1.0),
        france_exports_index: None,
        imports_index: None,
        region_imports_index: None,
        france_imports_index: None,
    };
    let model = Evolution {
        points: vec![
            point(1, 2_000_000, 3_000_000, Some(100.0)),
            point(2, 2_500_000, 1_000_000, Some(125.0)),
        ],
        with_region: true,
        with_france: false,
    };
    let spec = option(&ViewModel::Evolution(model), &manifest(), Layout::default()).unwrap();
    assert_eq!(values(&spec.option, 0), [Some(2.0), Some(2.5)]);
    assert_eq!(values(&spec.option, 1), [Some(3.0), Some(1.0)]);
    assert_eq!(values(&spec.option, 2), [Some(-1.0), Some(1.5)]);
    assert_eq!(values(&spec.option, 3), [Some(100.0), Some(125.0)]);
    assert_eq!(values(&spec.option, 4), [Some(101.0), Some(126.0)]);
    // No France index for this model: its series is left out.
    assert_eq!(spec.option["series"].as_array().unwrap().len(), 5);
    assert_eq!(
        spec.option["series"][2]["data"][0]["itemStyle"]["color"],
        comex_charts::DEFICIT_RED
    );
    assert_eq!(spec.option["xAxis"][0]["data"][1], "T2 2024");
    insta::assert_json_snapshot!("evolution", spec);
}

#[test]
fn change_draws_the_contributions_in_points_gains_above_losses() {
    let row = |code: &str, change: i64, contribution: f64| ChangeRow {
        code: code.into(),
        label: code.into(),
        value: 100 + change,
        earlier: 100,
        change,
        relative: Some(change as f64 / 100.0),
        contribution: Some(contribution),
    };
    let flow = |flow: Flow| FlowChange {
        flow,
        total: 1_030,
        earlier_total: 1_000,
        relative: Some(0.03),
        gains: vec![row("DE", 50, 0.05), row("BE", 10, 0.01)],
        losses: vec![row("US", -30, -0.03)],
    };
    let model = Change {
        by: ChangeBy::Partners,
        level: ProductLevel::A129,
        flows: vec![flow(Flow::Export), flow(Flow::Import)],
    };
    let spec = option(&ViewModel::Change(model), &manifest(), Layout::default()).unwrap();
    // Bottom to top: the loss, then the gains from the smallest.
    assert_eq!(values(&spec.option, 0), [Some(-3.0), Some(1.0), Some(5.0)]);
    assert_eq!(
        spec.option["yAxis"][0]["data"],
        serde_json::json!(["US", "BE", "DE"])
    );
    assert_eq!(spec.option["series"][1]["data"][2]["pick"], "country:DE");
    assert_eq!(spec.option["yAxis"][1]["name"], "Importations");
    insta::assert_json_snapshot!("change", spec);
}
