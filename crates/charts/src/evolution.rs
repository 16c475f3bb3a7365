//! Évolution: above, the territory's exports (violet) and imports (blue) by quarter as bars and the
//! balance as a diamond (green or red); below, the exports' indices (base 100 = the first quarter) of
//! the territory, its région and France as dots. Two grids of one chart, with bar and scatter series
//! only (the bundle has no line chart: the first view stays as it was). The option's frame is a JSON
//! template (less code in the WASM than building it field by field); the data are the model's.

use super::{tip, DEFICIT_RED, SURPLUS_GREEN};
use crate::ChartSpec;
use comex_core::format::{decimal, million_euros};
use comex_core::views::evolution::{Evolution, QuarterPoint};
use serde_json::{Map, Value};

const TEMPLATE: &str = r##"{
  "animation": false,
  "tooltip": { "trigger": "item", "formatter": "tip", "confine": true },
  "legend": { "top": 0, "type": "plain" },
  "grid": [
    { "left": 8, "right": 16, "top": 40, "height": "42%", "containLabel": true },
    { "left": 8, "right": 16, "bottom": 8, "height": "26%", "containLabel": true }
  ],
  "xAxis": [
    { "type": "category", "gridIndex": 0, "axisLabel": { "fontSize": 11, "hideOverlap": true } },
    { "type": "category", "gridIndex": 1, "axisLabel": { "fontSize": 11, "hideOverlap": true } }
  ],
  "yAxis": [
    { "type": "value", "gridIndex": 0, "name": "M€", "nameTextStyle": { "align": "left" }, "axisLabel": { "fontSize": 11, "formatter": "number" } },
    { "type": "value", "gridIndex": 1, "name": "Indice des exportations (base 100)", "nameTextStyle": { "align": "left" }, "scale": true, "axisLabel": { "fontSize": 11, "formatter": "number" } }
  ],
  "series": [
    { "type": "bar", "name": "Exportations", "itemStyle": { "color": "#7b3fa0" } },
    { "type": "bar", "name": "Importations", "itemStyle": { "color": "#2b6cb0" } },
    { "type": "scatter", "name": "Solde", "symbol": "diamond", "symbolSize": 11, "itemStyle": { "color": "#2e7d32" } },
    { "type": "scatter", "name": "Indice du territoire", "xAxisIndex": 1, "yAxisIndex": 1, "symbolSize": 9, "itemStyle": { "color": "#7b3fa0" } },
    { "type": "scatter", "name": "Indice de la région", "xAxisIndex": 1, "yAxisIndex": 1, "symbolSize": 7, "symbol": "triangle", "itemStyle": { "color": "#2c7a7b" } },
    { "type": "scatter", "name": "Indice de la France", "xAxisIndex": 1, "yAxisIndex": 1, "symbolSize": 7, "symbol": "rect", "itemStyle": { "color": "#87929e" } }
  ]
}"##;

/// Series of the template: which value of a quarter each draws.
const SERIES: usize = 6;

fn index_text(value: Option<f64>) -> String {
    value.map(|v| decimal(v, 1)).unwrap_or_else(|| "–".into())
}

fn detail(evolution: &Evolution, point: &QuarterPoint) -> String {
    let mut lines = vec![
        format!("Exportations : {}", million_euros(point.exports)),
        format!("Importations : {}", million_euros(point.imports)),
        format!("Solde : {}", million_euros(point.balance)),
        format!(
            "Indice des exportations : {}",
            index_text(point.exports_index)
        ),
    ];
    if evolution.with_region {
        lines.push(format!(
            "Indice de la région : {}",
            index_text(point.region_exports_index)
        ));
    }
    if evolution.with_france {
        lines.push(format!(
            "Indice de la France : {}",
            index_text(point.france_exports_index)
        ));
    }
    tip(&point.period.label_fr(), &lines)
}

/// One data item: its value (none for a missing index), its tooltip, its colour if its own.
fn item(value: Option<f64>, tip: &str, color: Option<&str>) -> Value {
    let mut item = Map::new();
    item.insert(
        "value".into(),
        value.map(Value::from).unwrap_or(Value::Null),
    );
    item.insert("tip".into(), Value::from(tip));
    if let Some(color) = color {
        let mut style = Map::new();
        style.insert("color".into(), Value::from(color));
        item.insert("itemStyle".into(), Value::Object(style));
    }
    Value::Object(item)
}

pub fn option(evolution: &Evolution, narrow: bool) -> ChartSpec {
    let mut option: Value = serde_json::from_str(TEMPLATE).unwrap_or(Value::Null);
    let quarters: Vec<Value> = evolution
        .points
        .iter()
        .map(|point| Value::from(point.period.label_fr()))
        .collect();
    for axis in 0..2 {
        option["xAxis"][axis]["data"] = Value::Array(quarters.clone());
    }
    let mut data: Vec<Vec<Value>> = vec![Vec::new(); SERIES];
    for point in &evolution.points {
        let tip = detail(evolution, point);
        let millions = |euros: i64| Some(euros as f64 / 1e6);
        let balance_color = if point.balance < 0 {
            DEFICIT_RED
        } else {
            SURPLUS_GREEN
        };
        let values = [
            (millions(point.exports), None),
            (millions(point.imports), None),
            (millions(point.balance), Some(balance_color)),
            (point.exports_index, None),
            (point.region_exports_index, None),
            (point.france_exports_index, None),
        ];
        for (series, (value, color)) in data.iter_mut().zip(values) {
            series.push(item(value, &tip, color));
        }
    }
    let mut series: Vec<Value> = Vec::new();
    let template_series = option["series"].as_array().cloned().unwrap_or_default();
    for (index, (mut entry, items)) in template_series.into_iter().zip(data).enumerate() {
        let shown = match index {
            4 => evolution.with_region,
            5 => evolution.with_france,
            _ => true,
        };
        if shown {
            entry["data"] = Value::Array(items);
            series.push(entry);
        }
    }
    let legend: Vec<Value> = series.iter().map(|s| s["name"].clone()).collect();
    option["legend"]["data"] = Value::Array(legend);
    option["series"] = Value::Array(series);
    // On a phone the legend takes three lines: the values' grid starts below it.
    if narrow {
        option["grid"][0]["top"] = Value::from(96);
        option["grid"][0]["height"] = Value::from("36%");
    }
    ChartSpec {
        option,
        height: if narrow { 560 } else { 460 },
    }
}
