//! Partner countries, as in the seed: imports to the left, exports to the right, and the balance
//! (exports − imports) as a marker, red when negative, green when positive.

use super::{
    frame, grid, tip, with_series_data, DEFICIT_RED, EXPORT_VIOLET, IMPORT_BLUE, SURPLUS_GREEN,
};
use crate::{ChartSpec, Pick};
use charming::component::{Axis, Legend};
use charming::element::{AxisLabel, AxisType, SplitLine};
use charming::series::{Bar, Scatter};
use comex_core::format::million_euros;
use comex_core::views::partners::Partners;
use serde_json::{json, Value};

/// On a narrow screen the value labels are left out (the tooltip and the data table keep them).
// The seed's chart, field by field: three series, two axes, a legend.
#[allow(clippy::too_many_lines)]
pub fn option(partners: &Partners, narrow: bool) -> ChartSpec {
    // The largest partner on top.
    let rows: Vec<_> = partners.rows.iter().rev().collect();
    let countries: Vec<String> = rows.iter().map(|row| row.label.clone()).collect();
    let detail = |r: &comex_core::views::partners::PartnerRow| {
        tip(
            &r.label,
            &[
                format!("Importations : {}", million_euros(r.imports)),
                format!("Exportations : {}", million_euros(r.exports)),
                format!("Solde : {}", million_euros(r.balance)),
            ],
        )
    };
    let bar =
        |value: i64, label_value: i64, row: &comex_core::views::partners::PartnerRow| -> Value {
            json!({
                "value": value as f64 / 1e6,
                "text": million_euros(label_value),
                "tip": detail(row),
                "pick": Pick::Country(row.code.clone()).value(),
            })
        };
    let imports: Vec<Value> = rows
        .iter()
        .map(|row| bar(-row.imports, row.imports, row))
        .collect();
    let exports: Vec<Value> = rows
        .iter()
        .map(|row| bar(row.exports, row.exports, row))
        .collect();
    let balances: Vec<Value> = rows
        .iter()
        .map(|r| {
            let color = if r.balance < 0 {
                DEFICIT_RED
            } else {
                SURPLUS_GREEN
            };
            json!({
                "value": r.balance as f64 / 1e6,
                "text": format!("solde {}", million_euros(r.balance)),
                "tip": detail(r),
                "pick": Pick::Country(r.code.clone()).value(),
                "itemStyle": { "color": color },
                "label": { "color": color },
            })
        })
        .collect();

    // Symmetric axis with room for the value labels at both ends.
    let widest = rows
        .iter()
        .map(|row| row.imports.max(row.exports))
        .max()
        .unwrap_or(0) as f64
        / 1e6;
    let bound = (widest * if narrow { 1.05 } else { 1.5 }).max(1.0);
    let chart = frame()
        .legend(
            Legend::new()
                .data(vec!["Importations", "Exportations", "Solde"])
                .top(0),
        )
        .grid(grid(32, 24))
        .x_axis(
            Axis::new()
                .type_(AxisType::Value)
                .min(-bound)
                .max(bound)
                .axis_label(AxisLabel::new().show(false))
                .split_line(SplitLine::new().show(true)),
        )
        .y_axis(Axis::new().type_(AxisType::Category).data(countries))
        .series(
            Bar::new()
                .name("Importations")
                .stack("flux")
                .bar_width("55%"),
        )
        .series(
            Bar::new()
                .name("Exportations")
                .stack("flux")
                .bar_width("55%"),
        )
        .series(Scatter::new().name("Solde").symbol_size(11));
    let mut option = with_series_data(
        &chart,
        &[
            (0, "data", json!(imports)),
            (1, "data", json!(exports)),
            (2, "data", json!(balances)),
        ],
    );
    option["color"] = json!([IMPORT_BLUE, EXPORT_VIOLET, SURPLUS_GREEN]);
    option["series"][0]["label"] =
        json!({ "show": !narrow, "position": "left", "formatter": "text", "fontSize": 11 });
    option["series"][1]["label"] =
        json!({ "show": !narrow, "position": "right", "formatter": "text", "fontSize": 11 });
    option["series"][2]["symbol"] = json!("diamond");
    option["series"][2]["label"] = json!({ "show": false });
    ChartSpec {
        option,
        height: 60 + 30 * rows.len() as u32,
    }
}
