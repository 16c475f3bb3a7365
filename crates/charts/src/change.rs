//! « Ce qui a changé »: each flow's largest gains (green) and losses (red) against the same quarters
//! a year earlier, as horizontal bars of their contribution to the change of the total, in points;
//! exports above, imports below. charming builds the frame; the data items are the model's.

use super::{frame, shorten, tip, with_series_data, DEFICIT_RED, SURPLUS_GREEN};
use crate::{ChartSpec, Pick};
use charming::component::{Axis, Grid};
use charming::element::font_settings::FontWeight;
use charming::element::{AxisLabel, AxisType, NameLocation, TextStyle};
use charming::series::Bar;
use comex_core::codes::Flow;
use comex_core::format::{million_euros, signed_percent, signed_points};
use comex_core::views::change::{Change, ChangeBy, ChangeRow, FlowChange};
use serde_json::{json, Map, Value};

/// The rows a flow's grid draws, top to bottom: the gains, largest first, then the losses.
fn rows(flow: &FlowChange) -> Vec<&ChangeRow> {
    flow.gains.iter().chain(flow.losses.iter().rev()).collect()
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
    let count = change.flows.len().max(1) as f64;
    let mut chart = frame();
    let mut entries = Vec::with_capacity(change.flows.len());
    for (index, flow) in change.flows.iter().enumerate() {
        // ECharts' category axis runs bottom to top: reversed.
        let drawn: Vec<&ChangeRow> = rows(flow).into_iter().rev().collect();
        let top = 100.0 * index as f64 / count;
        // The flow's name above its bars (the bundle has no title component).
        let name = if flow.flow == Flow::Export {
            "Exportations"
        } else {
            "Importations"
        };
        chart = chart
            .grid(
                Grid::new()
                    .left(8)
                    .right(24)
                    .top(format!("{}%", top + 7.0))
                    .height(format!("{}%", 100.0 / count - 11.0))
                    .contain_label(true),
            )
            .x_axis(
                Axis::new()
                    .type_(AxisType::Value)
                    .grid_index(index as f64)
                    // The app's `points` formatter: French decimals (`0,5 pt`).
                    .axis_label(AxisLabel::new().formatter("points").font_size(11)),
            )
            .y_axis(
                Axis::new()
                    .type_(AxisType::Category)
                    .grid_index(index as f64)
                    .axis_label(AxisLabel::new().font_size(11))
                    .name(name)
                    .name_location(NameLocation::End)
                    .name_text_style(
                        TextStyle::new()
                            .font_size(13)
                            .font_weight(FontWeight::Bold)
                            .align("left"),
                    )
                    .data(
                        drawn
                            .iter()
                            .map(|row| shorten(&row.label, label_length))
                            .collect(),
                    ),
            )
            .series(
                Bar::new()
                    .x_axis_index(index as f64)
                    .y_axis_index(index as f64),
            );
        entries.push((
            index,
            "data",
            drawn.iter().map(|row| bar(row, change.by)).collect(),
        ));
    }
    let mut option = with_series_data(&chart, &entries);
    // charming 0.6 has no setter for these: a bar at most 18 px thick when the rows are few, and a
    // tick label that would overlap its neighbour left out (a phone's narrow axis).
    if let Some(series) = option["series"].as_array_mut() {
        for series in series {
            series["barMaxWidth"] = json!(18);
        }
    }
    if let Some(axes) = option["xAxis"].as_array_mut() {
        for axis in axes {
            axis["axisLabel"]["hideOverlap"] = json!(true);
        }
    }
    let rows_drawn: usize = change.flows.iter().map(|flow| rows(flow).len()).sum();
    ChartSpec {
        option,
        height: 120 + 26 * rows_drawn as u32,
    }
}
