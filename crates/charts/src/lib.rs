//! comex-charts: a block's model → its ECharts option. charming builds each option's frame (tooltip,
//! grid, axes, series kinds; the map's series excepted, which charming 0.6 leaves empty); the data
//! items are added as JSON, because they carry fields charming 0.6 does not model: `text` (the label shown), `tip` (the tooltip, HTML escaped here), `pick` (what
//! a click filters). Colours follow the seed's document (`style`, with the dark theme's).
//!
//! Pure functions of the core's models, with no browser: `cargo test` checks on the host what every
//! chart draws against its model (snapshots and value tests), the app renders them, and
//! `comex-data view --format echarts` prints them.

pub mod change;
pub mod comparison;
pub mod dependence;
pub mod evolution;
pub mod exposure;
pub mod goods;
pub mod map;
pub mod partners;
pub mod pick;
pub mod sankey;
pub mod specialisation;
pub mod style;

use comex_core::manifest::Manifest;
use comex_core::views::portrait::ViewModel;

use charming::component::{Axis, Grid};
use charming::element::{AxisLabel, AxisType, Formatter, NameLocation, Tooltip, Trigger};
use charming::Chart;
use serde_json::{json, Value};

pub use pick::Pick;
pub use style::{
    Theme, DEFICIT_RED, EXPORT_VIOLET, IMPORT_BLUE, NEUTRAL_GREY, OTHERS_GREY, SURPLUS_GREEN,
    TOP_FLOW_RED,
};

/// The component types our options use. The app redraws a chart with ECharts' `replaceMerge` over
/// them (each replaced whole, far cheaper than rebuilding every view with `notMerge`): an option with
/// another component type would keep the previous one's; a test checks that none has.
pub const COMPONENTS: [&str; 6] = ["series", "xAxis", "yAxis", "grid", "legend", "tooltip"];
/// The options' other keys: plain values, replaced by merging.
pub const PLAIN_KEYS: [&str; 2] = ["animation", "color"];

/// What a redraw hands to ECharts, given the option drawn before in the same chart: the option
/// without the components equal to the drawn ones, and the component types to replace (those that
/// changed, and those the drawn option had and this one has not, which ECharts then removes).
/// ECharts keeps an unchanged component as it is: no view rebuilt (a new tooltip view reads the
/// page's layout, a new legend measures its texts). Nothing drawn before: everything, all replaced.
pub fn redraw(option: &Value, drawn: Option<&Value>) -> (Value, Vec<&'static str>) {
    let Some(drawn) = drawn else {
        return (option.clone(), COMPONENTS.to_vec());
    };
    let mut sent = option.clone();
    let mut replaced = Vec::new();
    for component in COMPONENTS {
        let (now, before) = (option.get(component), drawn.get(component));
        if now.is_some() && now == before {
            if let Some(object) = sent.as_object_mut() {
                object.remove(component);
            }
        } else if now.is_some() || before.is_some() {
            replaced.push(component);
        }
    }
    (sent, replaced)
}

/// The series types of the ECharts bundle loaded with the page (web/echarts.js): the first screen's
/// chart (the partner countries) needs no more.
pub const FIRST_BUNDLE_SERIES: [&str; 2] = ["bar", "scatter"];
/// The series types of the bundle the app loads after the first chart (web/echarts-more.js).
pub const MORE_BUNDLE_SERIES: [&str; 3] = ["map", "sankey", "treemap"];
/// The components of that bundle: a chart drawn before it came gets them merged in once it has
/// (the legend there takes 2,9 KB brotli off the first view, 2026-12-03).
pub const SECOND_BUNDLE_COMPONENTS: [&str; 2] = ["tooltip", "legend"];

/// Whether drawing `option` needs the second ECharts bundle (a test checks that every option's
/// series types are in one of the two lists).
pub fn needs_more_charts(option: &Value) -> bool {
    option["series"].as_array().is_some_and(|series| {
        series.iter().any(|series| {
            series["type"]
                .as_str()
                .is_some_and(|kind| !FIRST_BUNDLE_SERIES.contains(&kind))
        })
    })
}

/// An ECharts option and the height its chart needs.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ChartSpec {
    pub option: Value,
    pub height: u32,
}

/// How a chart is drawn: a comparison chart (half width) is compact; a phone screen is narrow; the
/// page light or dark.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Layout {
    pub compact: bool,
    pub narrow: bool,
    pub theme: Theme,
}

/// The chart of a view model; none for the totals and the key points (sentences and a table only)
/// and for an exposure with no ranking (under a product filter).
pub fn option(model: &ViewModel, manifest: &Manifest, layout: Layout) -> Option<ChartSpec> {
    let mut spec = light_option(model, manifest, layout)?;
    style::apply(&mut spec.option, layout.theme);
    Some(spec)
}

fn light_option(model: &ViewModel, manifest: &Manifest, layout: Layout) -> Option<ChartSpec> {
    match model {
        ViewModel::Partners(partners) => Some(partners::option(partners, layout.narrow)),
        ViewModel::Goods(goods) => Some(goods::option(goods, layout.narrow)),
        ViewModel::Sankey(sankey) => Some(sankey::option(sankey, layout)),
        ViewModel::Specialisation(specialisation) => Some(specialisation::option(specialisation)),
        ViewModel::Exposure(exposure) => (!exposure.ranking.is_empty()).then(|| {
            exposure::option(exposure, |code| {
                manifest.label(&comex_core::codes::Territory::Departement(code.to_string()))
            })
        }),
        ViewModel::Concentration(model) => Some(dependence::concentration_option(
            model,
            manifest,
            layout.narrow,
        )),
        ViewModel::TariffExposure(model) => Some(dependence::tariff_option(model, layout.narrow)),
        ViewModel::Evolution(evolution) => Some(evolution::option(evolution, layout.narrow)),
        ViewModel::Change(change) => Some(change::option(change, layout.narrow)),
        ViewModel::Map(map) => map::option(map, layout.narrow),
        ViewModel::Comparison(model) => Some(comparison::option(model, layout.narrow)),
        ViewModel::Totals(_) | ViewModel::KeyPoints(_) => None,
    }
}

// Horizontal bars in grids one above the other, each with its heading (the dependence and
// comparison charts).

/// A grid `top` pixels down and `height` high, its labels inside.
pub(crate) fn grid_at(top: u32, height: u32, right: i32) -> Grid {
    Grid::new()
        .left(8)
        .right(right)
        .top(top as i32)
        .height(height as i32)
        .contain_label(true)
}

/// A value axis of a grid, its labels in percent (the app's `percent` formatter: `12,5 %`) or hidden.
pub(crate) fn value_axis(grid: usize, percent_labels: bool) -> Axis {
    let labels = if percent_labels {
        AxisLabel::new().formatter("percent")
    } else {
        AxisLabel::new().show(false)
    };
    Axis::new()
        .type_(AxisType::Value)
        .grid_index(grid as f64)
        .axis_label(labels)
}

/// A category axis of a grid with a heading above it.
pub(crate) fn category_axis(grid: usize, heading: &str, labels: Vec<String>) -> Axis {
    Axis::new()
        .type_(AxisType::Category)
        .grid_index(grid as f64)
        .name(heading)
        .name_location(NameLocation::End)
        .data(labels)
}

/// The option with each category axis's heading starting at its axis (centred on it, the heading
/// was cut at the chart's left edge).
pub(crate) fn headings_from_axis(option: &mut Value) {
    if let Some(axes) = option["yAxis"].as_array_mut() {
        for axis in axes {
            axis["nameTextStyle"] = json!({ "align": "left" });
        }
    } else if option["yAxis"].is_object() {
        option["yAxis"]["nameTextStyle"] = json!({ "align": "left" });
    }
}

/// Text safe to put in a tooltip (ECharts renders tooltips as HTML).
pub fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    escape_into(&mut escaped, text);
    escaped
}

/// Appends `text` escaped, in one pass (five `replace` made five strings, for every tooltip of every
/// chart at each switch).
fn escape_into(html: &mut String, text: &str) {
    for character in text.chars() {
        match character {
            '&' => html.push_str("&amp;"),
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            '"' => html.push_str("&quot;"),
            '\'' => html.push_str("&#39;"),
            other => html.push(other),
        }
    }
}

/// A tooltip: a bold title and lines, every piece escaped.
pub fn tip(title: &str, lines: &[String]) -> String {
    let mut html = String::with_capacity(64 + lines.iter().map(String::len).sum::<usize>());
    html.push_str("<strong>");
    escape_into(&mut html, title);
    html.push_str("</strong>");
    for line in lines {
        html.push_str("<br>");
        escape_into(&mut html, line);
    }
    html
}

/// A label cut to `max` characters, with an ellipsis (the full text is in the tooltip).
pub fn shorten(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        return label.to_string();
    }
    let cut: String = label.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// A chart frame shared by all: item tooltips through the shared `tip` formatter, no animation delay.
pub fn frame() -> Chart {
    Chart::new()
        .tooltip(
            Tooltip::new()
                .trigger(Trigger::Item)
                .formatter(Formatter::String("tip".into())),
        )
        .animation(false)
}

/// The plot area of the bar charts: labels kept inside, room above for a legend when there is one.
pub fn grid(top: i32, right: i32) -> Grid {
    Grid::new()
        .left(8)
        .right(right)
        .top(top)
        .bottom(8)
        .contain_label(true)
}

/// A value axis of percentages (the app's `percent` formatter: `12,5 %`).
pub fn percent_axis() -> Axis {
    Axis::new()
        .type_(AxisType::Value)
        .axis_label(AxisLabel::new().formatter("percent"))
}

/// The chart as JSON with `data` set on series `index`.
pub fn with_series_data(chart: &Chart, entries: &[(usize, &str, Value)]) -> Value {
    let mut option = serde_json::to_value(chart).unwrap_or_else(|_| json!({}));
    // Keeps tooltips inside the chart (charming 0.6 has no setter for it): no clipping in a small frame.
    option["tooltip"]["confine"] = json!(true);
    for (index, key, data) in entries {
        if let Some(series) = option.get_mut("series").and_then(|s| s.get_mut(*index)) {
            series[*key] = data.clone();
        }
    }
    option
}
