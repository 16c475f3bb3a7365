//! « Ce qui a changé »: each flow's largest gains (green) and losses (red) against the same quarters
//! a year earlier, as horizontal bars of their contribution to the change of the total, in points;
//! exports above, imports below. The frame is a JSON template; the data are the model's.

use super::{shorten, tip, DEFICIT_RED, SURPLUS_GREEN};
use crate::{ChartSpec, Pick};
use comex_core::codes::Flow;
use comex_core::format::{million_euros, signed_percent, signed_points};
use comex_core::views::change::{Change, ChangeBy, ChangeRow, FlowChange};
use serde_json::{Map, Value};

const TEMPLATE: &str = r##"{
  "animation": false,
  "tooltip": { "trigger": "item", "formatter": "tip", "confine": true },
  "grid": [], "xAxis": [], "yAxis": [], "series": []
}"##;
const GRID: &str = r##"{ "left": 8, "right": 24, "containLabel": true }"##;
const X_AXIS: &str =
    r##"{ "type": "value", "axisLabel": { "formatter": "{value} pt", "fontSize": 11 } }"##;
const Y_AXIS: &str = r##"{ "type": "category", "axisLabel": { "fontSize": 11 }, "nameLocation": "end", "nameTextStyle": { "fontSize": 13, "fontWeight": "bold", "align": "left" } }"##;
const SERIES: &str = r##"{ "type": "bar", "barMaxWidth": 18 }"##;

/// The rows a flow's grid draws, top to bottom: the gains, largest first, then the losses.
fn rows(flow: &FlowChange) -> Vec<&ChangeRow> {
    flow.gains.iter().chain(flow.losses.iter().rev()).collect()
}

fn parsed(template: &str) -> Value {
    serde_json::from_str(template).unwrap_or(Value::Null)
}

fn bar(row: &ChangeRow, by: ChangeBy) -> Value {
    let color = if row.change < 0 {
        DEFICIT_RED
    } else {
        SURPLUS_GREEN
    };
    let lines = [
        format!(
            "{} contre {}",
            million_euros(row.value),
            million_euros(row.earlier)
        ),
        format!(
            "Écart : {} ({})",
            million_euros(row.change),
            row.relative
                .map(signed_percent)
                .unwrap_or_else(|| "–".into())
        ),
        format!(
            "Contribution : {}",
            row.contribution
                .map(signed_points)
                .unwrap_or_else(|| "–".into())
        ),
    ];
    let mut item = Map::new();
    item.insert(
        "value".into(),
        row.contribution
            .map(|c| Value::from(c * 100.0))
            .unwrap_or(Value::Null),
    );
    item.insert("tip".into(), Value::from(tip(&row.label, &lines)));
    let pick = match by {
        ChangeBy::Partners => Pick::Country(row.code.clone()),
        ChangeBy::Goods => Pick::Product(row.code.clone()),
    };
    item.insert("pick".into(), pick.value());
    let mut style = Map::new();
    style.insert("color".into(), Value::from(color));
    item.insert("itemStyle".into(), Value::Object(style));
    Value::Object(item)
}

pub fn option(change: &Change, narrow: bool) -> ChartSpec {
    let label_length = if narrow { 18 } else { 34 };
    let mut option = parsed(TEMPLATE);
    let count = change.flows.len().max(1) as f64;
    for (index, flow) in change.flows.iter().enumerate() {
        // ECharts' category axis runs bottom to top: reversed.
        let drawn: Vec<&ChangeRow> = rows(flow).into_iter().rev().collect();
        let top = 100.0 * index as f64 / count;
        let mut grid = parsed(GRID);
        grid["top"] = Value::from(format!("{}%", top + 7.0));
        grid["height"] = Value::from(format!("{}%", 100.0 / count - 11.0));
        let mut x_axis = parsed(X_AXIS);
        x_axis["gridIndex"] = Value::from(index);
        let mut y_axis = parsed(Y_AXIS);
        y_axis["gridIndex"] = Value::from(index);
        // The flow's name above its bars (the bundle has no title component).
        y_axis["name"] = Value::from(if flow.flow == Flow::Export {
            "Exportations"
        } else {
            "Importations"
        });
        y_axis["data"] = drawn
            .iter()
            .map(|row| Value::from(shorten(&row.label, label_length)))
            .collect();
        let mut series = parsed(SERIES);
        series["xAxisIndex"] = Value::from(index);
        series["yAxisIndex"] = Value::from(index);
        series["data"] = drawn.iter().map(|row| bar(row, change.by)).collect();
        for (key, value) in [
            ("grid", grid),
            ("xAxis", x_axis),
            ("yAxis", y_axis),
            ("series", series),
        ] {
            if let Some(list) = option[key].as_array_mut() {
                list.push(value);
            }
        }
    }
    let rows_drawn: usize = change.flows.iter().map(|flow| rows(flow).len()).sum();
    ChartSpec {
        option,
        height: 120 + 26 * rows_drawn as u32,
    }
}
