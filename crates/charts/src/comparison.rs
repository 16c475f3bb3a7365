//! Two territories side by side: on top their exports and imports in M€, below a few shares (the
//! first five clients, the imports under strong dependence, the changes over a year), a bar per
//! territory in each row, the territory's colour named by the legend and each bar labelled.

use super::{
    category_axis, frame, grid_at, headings_from_axis, shorten, tip, value_axis, with_series_data,
};
use crate::ChartSpec;
use charming::component::Legend;
use charming::series::Bar;
use comex_core::format::{million_euros, percent, signed_percent};
use comex_core::views::comparison::{Comparison, ComparisonSide};
use serde_json::{json, Value};

use crate::style::SIDE_COLOURS;

const ROW: u32 = 26;
const HEADING: u32 = 34;

/// A row of the lower grid: its label, and each side's share with its text.
struct ShareRow {
    label: &'static str,
    /// On a phone.
    short: &'static str,
    value: fn(&ComparisonSide) -> Option<f64>,
    signed: bool,
}

const SHARE_ROWS: [ShareRow; 4] = [
    ShareRow {
        label: "5 premiers pays clients",
        short: "5 premiers clients",
        value: |side| side.first_five_clients,
        signed: false,
    },
    ShareRow {
        label: "Importations sous forte dépendance",
        short: "Forte dépendance",
        value: |side| side.strong_dependence,
        signed: false,
    },
    ShareRow {
        label: "Évolution des exportations",
        short: "Évol. des export.",
        value: |side| side.exports_change,
        signed: true,
    },
    ShareRow {
        label: "Évolution des importations",
        short: "Évol. des import.",
        value: |side| side.imports_change,
        signed: true,
    },
];

/// A side's bars: its imports and exports (upper grid), its shares (lower grid), bottom to top.
fn side_items(side: &ComparisonSide, name: &str, rows: &[&ShareRow]) -> (Vec<Value>, Vec<Value>) {
    let totals = [
        ("Importations", side.imports),
        ("Exportations", side.exports),
    ]
    .iter()
    .map(|(label, value)| {
        json!({
            "value": *value as f64 / 1e6,
            "text": million_euros(*value),
            "tip": tip(name, &[format!("{label} : {}", million_euros(*value))]),
        })
    })
    .collect();
    let shares = rows
        .iter()
        .rev()
        .map(|row| {
            let value = (row.value)(side);
            let text = match (value, row.signed) {
                (None, _) => "–".to_string(),
                (Some(value), true) => signed_percent(value),
                (Some(value), false) => percent(value, 1),
            };
            json!({
                "value": value.map_or(0.0, |value| value * 100.0),
                "text": text,
                "tip": tip(name, &[format!("{} : {text}", row.label)]),
            })
        })
        .collect();
    (totals, shares)
}

pub fn option(model: &Comparison, narrow: bool) -> ChartSpec {
    let names: Vec<String> = model
        .sides
        .iter()
        .map(|side| {
            if narrow {
                shorten(&side.label, 18)
            } else {
                side.label.clone()
            }
        })
        .collect();
    // The changes only when both sides have them.
    let rows: Vec<&ShareRow> = SHARE_ROWS
        .iter()
        .filter(|row| !row.signed || model.with_change)
        .collect();
    let per_category = model.sides.len() as u32 * 14 + 12;
    let legend_room = if narrow { 48 } else { 28 };
    let top = legend_room + HEADING;
    let totals_height = 2 * per_category;
    let shares_top = top + totals_height + HEADING + 16;
    let shares_height = rows.len() as u32 * per_category.max(ROW);
    let mut chart = frame()
        .legend(Legend::new().data(names.clone()).top(0).left(8))
        .grid(grid_at(top, totals_height, 96))
        .grid(grid_at(shares_top, shares_height, 96))
        .x_axis(value_axis(0, false))
        // A phone has no room for the percentages' axis: the bars' labels give them.
        .x_axis(value_axis(1, !narrow))
        .y_axis(category_axis(
            0,
            "Exportations et importations (M€)",
            vec!["Importations".to_string(), "Exportations".to_string()],
        ))
        .y_axis(category_axis(
            1,
            "Quelques parts",
            rows.iter()
                .rev()
                .map(|row| if narrow { row.short } else { row.label }.to_string())
                .collect(),
        ));
    for name in &names {
        chart = chart.series(
            Bar::new()
                .name(name.as_str())
                .x_axis_index(0)
                .y_axis_index(0),
        );
    }
    for name in &names {
        chart = chart.series(
            Bar::new()
                .name(name.as_str())
                .x_axis_index(1)
                .y_axis_index(1),
        );
    }
    let count = model.sides.len();
    let mut entries: Vec<(usize, &str, Value)> = Vec::new();
    for (index, (side, name)) in model.sides.iter().zip(&names).enumerate() {
        let (totals, shares) = side_items(side, name, &rows);
        entries.push((index, "data", json!(totals)));
        entries.push((count + index, "data", json!(shares)));
    }
    let mut option = with_series_data(&chart, &entries);
    for index in 0..2 * count {
        option["series"][index]["label"] =
            json!({ "show": true, "position": "right", "formatter": "text", "fontSize": 11 });
        option["series"][index]["itemStyle"] =
            json!({ "color": SIDE_COLOURS.get(index % count).copied().unwrap_or(SIDE_COLOURS[0]) });
    }
    option["color"] = json!(SIDE_COLOURS);
    headings_from_axis(&mut option);
    ChartSpec {
        option,
        height: shares_top + shares_height + 16,
    }
}
