//! « Ce qui a changé »: each flow's largest gains (green) and losses (red) against the same quarters
//! a year earlier, as horizontal bars of their contribution to the change of the total, in points;
//! exports above, imports below.

use super::{frame, shorten, tip, DEFICIT_RED, SURPLUS_GREEN};
use crate::ChartSpec;
use comex_core::codes::Flow;
use comex_core::format::{million_euros, signed_percent, signed_points};
use comex_core::views::change::{Change, ChangeRow, FlowChange};
use serde_json::{json, Value};

/// The rows a flow's grid draws, top to bottom: the gains, largest first, then the losses.
fn rows(flow: &FlowChange) -> Vec<&ChangeRow> {
    flow.gains.iter().chain(flow.losses.iter().rev()).collect()
}

pub fn option(change: &Change, narrow: bool) -> ChartSpec {
    let label_length = if narrow { 18 } else { 34 };
    let pick = match change.by {
        comex_core::views::change::ChangeBy::Partners => "country",
        comex_core::views::change::ChangeBy::Goods => "product",
    };
    let mut grids = Vec::new();
    let mut x_axes = Vec::new();
    let mut y_axes = Vec::new();
    let mut series = Vec::new();
    let mut titles = Vec::new();
    let count = change.flows.len().max(1) as f64;
    for (index, flow) in change.flows.iter().enumerate() {
        // Bottom to top in ECharts' category axis: reversed.
        let drawn: Vec<&ChangeRow> = rows(flow).into_iter().rev().collect();
        let top = 100.0 * index as f64 / count;
        grids.push(json!({ "left": 8, "right": 24, "top": format!("{}%", top + 7.0), "height": format!("{}%", 100.0 / count - 11.0), "containLabel": true }));
        titles.push(json!({
            "text": if flow.flow == Flow::Export { "Exportations" } else { "Importations" },
            "top": format!("{top}%"), "left": 8, "textStyle": { "fontSize": 13 },
        }));
        x_axes.push(json!({ "type": "value", "gridIndex": index, "axisLabel": { "formatter": "{value} pt", "fontSize": 11 } }));
        y_axes.push(json!({ "type": "category", "gridIndex": index, "axisLabel": { "fontSize": 11 },
            "data": drawn.iter().map(|row| shorten(&row.label, label_length)).collect::<Vec<_>>() }));
        let data: Vec<Value> = drawn
            .iter()
            .map(|row| {
                let color = if row.change < 0 { DEFICIT_RED } else { SURPLUS_GREEN };
                json!({
                    "value": row.contribution.map(|c| c * 100.0),
                    "tip": tip(&row.label, &[
                        format!("{} contre {}", million_euros(row.value), million_euros(row.earlier)),
                        format!("Écart : {} ({})", million_euros(row.change), row.relative.map(signed_percent).unwrap_or_else(|| "–".into())),
                        format!("Contribution : {}", row.contribution.map(signed_points).unwrap_or_else(|| "–".into())),
                    ]),
                    "pick": format!("{pick}:{}", row.code),
                    "itemStyle": { "color": color },
                })
            })
            .collect();
        series.push(json!({ "type": "bar", "xAxisIndex": index, "yAxisIndex": index, "data": data, "barMaxWidth": 18 }));
    }
    let rows_drawn: usize = change.flows.iter().map(|flow| rows(flow).len()).sum();
    let mut option = serde_json::to_value(frame()).unwrap_or_else(|_| json!({}));
    option["tooltip"]["confine"] = json!(true);
    option["title"] = json!(titles);
    option["grid"] = json!(grids);
    option["xAxis"] = json!(x_axes);
    option["yAxis"] = json!(y_axes);
    option["series"] = json!(series);
    ChartSpec {
        option,
        height: 120 + 26 * rows_drawn as u32,
    }
}
