//! Évolution: above, the territory's exports (violet) and imports (blue) by quarter as bars and the
//! balance as a diamond (green or red); below, the exports' indices (base 100 = the first quarter) of
//! the territory, its région and France as dots. Two grids of one chart, with bar and scatter series
//! only (the bundle has no line chart: the first view stays as it was). charming builds the frame;
//! the data items are the model's.

use super::{frame, tip, with_series_data, DEFICIT_RED, SURPLUS_GREEN};
use crate::style::{EXPORT_VIOLET, IMPORT_BLUE, NEUTRAL_GREY, REGION_TEAL};
use crate::ChartSpec;
use charming::component::{Axis, Grid, Legend, LegendType};
use charming::element::{AxisLabel, AxisType, ItemStyle, Symbol, TextStyle};
use charming::series::{Bar, Scatter};
use comex_core::format::{decimal, million_euros};
use comex_core::views::evolution::{Evolution, QuarterPoint};
use serde_json::{json, Map, Value};

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

/// The six series, in the order `option` gives their values: the quarter's flows and balance on
/// the upper grid, the three indices on the lower one.
fn all_series() -> Vec<(&'static str, charming::series::Series)> {
    let coloured = |color: &str| ItemStyle::new().color(color);
    let index = |name: &str, size: i64, color: &str| {
        Scatter::new()
            .name(name)
            .x_axis_index(1)
            .y_axis_index(1)
            .symbol_size(size)
            .item_style(coloured(color))
    };
    vec![
        (
            "Exportations",
            Bar::new()
                .name("Exportations")
                .item_style(coloured(EXPORT_VIOLET))
                .into(),
        ),
        (
            "Importations",
            Bar::new()
                .name("Importations")
                .item_style(coloured(IMPORT_BLUE))
                .into(),
        ),
        (
            "Solde",
            Scatter::new()
                .name("Solde")
                .symbol(Symbol::Diamond)
                .symbol_size(11)
                .item_style(coloured(SURPLUS_GREEN))
                .into(),
        ),
        (
            "Indice du territoire",
            index("Indice du territoire", 9, EXPORT_VIOLET).into(),
        ),
        (
            "Indice de la région",
            index("Indice de la région", 7, REGION_TEAL)
                .symbol(Symbol::Triangle)
                .into(),
        ),
        (
            "Indice de la France",
            index("Indice de la France", 7, NEUTRAL_GREY)
                .symbol(Symbol::Rect)
                .into(),
        ),
    ]
}

/// A grid's quarters along the bottom (one label in two when they do not fit: see `option`).
fn quarter_axis(grid: usize, quarters: &[String]) -> Axis {
    Axis::new()
        .type_(AxisType::Category)
        .grid_index(grid as f64)
        .axis_label(AxisLabel::new().font_size(11))
        .data(quarters.to_vec())
}

/// A grid's values, named above the axis.
fn values_axis(grid: usize, name: &str) -> Axis {
    Axis::new()
        .type_(AxisType::Value)
        .grid_index(grid as f64)
        .name(name)
        .name_text_style(TextStyle::new().align("left"))
        .axis_label(AxisLabel::new().font_size(11).formatter("number"))
}

pub fn option(evolution: &Evolution, narrow: bool) -> ChartSpec {
    let quarters: Vec<String> = evolution
        .points
        .iter()
        .map(|point| point.period.label_fr())
        .collect();
    let mut data: Vec<Vec<Value>> = vec![Vec::new(); 6];
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
    let shown = [
        true,
        true,
        true,
        true,
        evolution.with_region,
        evolution.with_france,
    ];
    let drawn: Vec<_> = all_series()
        .into_iter()
        .zip(data)
        .zip(shown)
        .filter_map(|(series, shown)| shown.then_some(series))
        .collect();
    // On a phone the legend takes three lines: the values' grid starts below it.
    let (values_top, values_height) = if narrow { (96, "36%") } else { (40, "42%") };
    let mut chart = frame()
        .legend(
            Legend::new()
                .top(0)
                .type_(LegendType::Plain)
                .data(drawn.iter().map(|((name, _), _)| *name).collect()),
        )
        .grid(
            Grid::new()
                .left(8)
                .right(16)
                .top(values_top)
                .height(values_height)
                .contain_label(true),
        )
        .grid(
            Grid::new()
                .left(8)
                .right(16)
                .bottom(8)
                .height("26%")
                .contain_label(true),
        )
        .x_axis(quarter_axis(0, &quarters))
        .x_axis(quarter_axis(1, &quarters))
        .y_axis(values_axis(0, "M€"))
        .y_axis(values_axis(1, "Indice des exportations (base 100)").scale(true));
    let mut entries = Vec::with_capacity(drawn.len());
    for (index, ((_, series), items)) in drawn.into_iter().enumerate() {
        chart = chart.series(series);
        entries.push((index, "data", Value::Array(items)));
    }
    let mut option = with_series_data(&chart, &entries);
    // charming 0.6 has no setter for it: a label that would overlap another is left out.
    for axis in 0..2 {
        option["xAxis"][axis]["axisLabel"]["hideOverlap"] = json!(true);
    }
    ChartSpec {
        option,
        height: if narrow { 560 } else { 460 },
    }
}
