//! Évolution: above, the territory's exports (violet) and imports (blue) by quarter as bars and the
//! balance as a diamond (green or red); below, the exports' indices (base 100 = the first quarter) of
//! the territory, its région and France as dots. Two grids of one chart, with bar and scatter series
//! only (the bundle has no line chart: the first view stays as it was).

use super::{frame, tip, DEFICIT_RED, EXPORT_VIOLET, IMPORT_BLUE, NEUTRAL_GREY, SURPLUS_GREEN};
use crate::ChartSpec;
use comex_core::format::{decimal, million_euros};
use comex_core::views::evolution::{Evolution, QuarterPoint};
use serde_json::{json, Value};

const REGION_TEAL: &str = "#2c7a7b";

fn index_text(value: Option<f64>) -> String {
    value.map(|v| decimal(v, 1)).unwrap_or_else(|| "–".into())
}

pub fn option(evolution: &Evolution, narrow: bool) -> ChartSpec {
    let quarters: Vec<String> = evolution
        .points
        .iter()
        .map(|point| point.period.label_fr())
        .collect();
    let detail = |point: &QuarterPoint| {
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
    };
    let euros = |value: i64, point: &QuarterPoint| json!({ "value": value as f64 / 1e6, "tip": detail(point) });
    let bars = |pick: fn(&QuarterPoint) -> i64| -> Vec<Value> {
        evolution
            .points
            .iter()
            .map(|point| euros(pick(point), point))
            .collect()
    };
    let balance: Vec<Value> = evolution
        .points
        .iter()
        .map(|point| {
            let color = if point.balance < 0 {
                DEFICIT_RED
            } else {
                SURPLUS_GREEN
            };
            json!({ "value": point.balance as f64 / 1e6, "tip": detail(point), "itemStyle": { "color": color } })
        })
        .collect();
    let index = |pick: fn(&QuarterPoint) -> Option<f64>| -> Vec<Value> {
        evolution
            .points
            .iter()
            .map(|point| json!({ "value": pick(point), "tip": detail(point) }))
            .collect()
    };
    let mut series = vec![
        json!({ "type": "bar", "name": "Exportations", "data": bars(|p| p.exports), "itemStyle": { "color": EXPORT_VIOLET } }),
        json!({ "type": "bar", "name": "Importations", "data": bars(|p| p.imports), "itemStyle": { "color": IMPORT_BLUE } }),
        json!({ "type": "scatter", "name": "Solde", "symbol": "diamond", "symbolSize": 11, "data": balance, "itemStyle": { "color": SURPLUS_GREEN } }),
        json!({ "type": "scatter", "name": "Indice du territoire", "xAxisIndex": 1, "yAxisIndex": 1, "symbolSize": 9,
                "data": index(|p| p.exports_index), "itemStyle": { "color": EXPORT_VIOLET } }),
    ];
    if evolution.with_region {
        series.push(json!({ "type": "scatter", "name": "Indice de la région", "xAxisIndex": 1, "yAxisIndex": 1, "symbolSize": 7,
            "symbol": "triangle", "data": index(|p| p.region_exports_index), "itemStyle": { "color": REGION_TEAL } }));
    }
    if evolution.with_france {
        series.push(json!({ "type": "scatter", "name": "Indice de la France", "xAxisIndex": 1, "yAxisIndex": 1, "symbolSize": 7,
            "symbol": "rect", "data": index(|p| p.france_exports_index), "itemStyle": { "color": NEUTRAL_GREY } }));
    }
    let legend: Vec<&str> = series.iter().filter_map(|s| s["name"].as_str()).collect();
    let mut option = serde_json::to_value(frame()).unwrap_or_else(|_| json!({}));
    option["tooltip"]["confine"] = json!(true);
    option["legend"] = json!({ "data": legend, "top": 0, "type": "plain" });
    let top = if narrow { 64 } else { 40 };
    option["grid"] = json!([
        { "left": 8, "right": 16, "top": top, "height": "42%", "containLabel": true },
        { "left": 8, "right": 16, "bottom": 8, "height": "26%", "containLabel": true },
    ]);
    let axis_label = json!({ "fontSize": 11, "hideOverlap": true });
    option["xAxis"] = json!([
        { "type": "category", "data": quarters, "gridIndex": 0, "axisLabel": axis_label },
        { "type": "category", "data": quarters, "gridIndex": 1, "axisLabel": axis_label },
    ]);
    option["yAxis"] = json!([
        { "type": "value", "gridIndex": 0, "name": "M€", "axisLabel": { "fontSize": 11 } },
        { "type": "value", "gridIndex": 1, "name": "indice (base 100)", "scale": true, "axisLabel": { "fontSize": 11 } },
    ]);
    option["series"] = json!(series);
    ChartSpec {
        option,
        height: if narrow { 520 } else { 460 },
    }
}
