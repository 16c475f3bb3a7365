//! Dependence, concentration and tariff exposure: horizontal bars a council member reads at once.
//!
//! The dependence and the concentration are two grids: on top the territory against its région and
//! France, below the goods whose first partner holds at least half, by value, each labelled with
//! that partner and its share (a darker bar when the partner is outside the EU: the label says it
//! too, the colour is not the only clue).

use super::{
    category_axis, frame, grid_at, headings_from_axis, shorten, tip, value_axis, with_series_data,
    EXPORT_VIOLET, IMPORT_BLUE,
};
use crate::{ChartSpec, Pick};
use charming::component::Legend;
use charming::series::Bar;
use comex_core::blocks::text::comparison_name;
use comex_core::codes::{Flow, Territory};
use comex_core::format::{decimal, million_euros, percent};
use comex_core::manifest::Manifest;
use comex_core::views::dependence::{
    Concentration, GoodConcentration, TariffExposure, SHOWN_GOODS, TOP_COUNTS,
};
use serde_json::{json, Value};

use crate::style::{COMPARISON_GREY, EXPORT_LIGHT, IMPORT_LIGHT};

/// Height of a bar's row and of a grid's heading, in pixels.
const ROW: u32 = 30;
const HEADING: u32 = 34;

fn colours(flow: Flow) -> (&'static str, &'static str) {
    match flow {
        Flow::Import => (IMPORT_BLUE, IMPORT_LIGHT),
        Flow::Export => (EXPORT_VIOLET, EXPORT_LIGHT),
    }
}

/// A comparison's colour: the territory dark, its région light, France grey (the same in both charts).
fn comparison_colour(flow: Flow, index: usize, territory: &Territory) -> &'static str {
    let (dark, light) = colours(flow);
    match (index, territory) {
        (0, _) => dark,
        (_, Territory::France) => COMPARISON_GREY,
        _ => light,
    }
}

/// The goods bar: its value in M€, its first partner and share as the label.
fn good_item(good: &GoodConcentration, flow: Flow, narrow: bool) -> Value {
    let (dark, light) = colours(flow);
    let zone = if good.first_in_eu { "UE" } else { "hors UE" };
    let role = match flow {
        Flow::Import => "Premier fournisseur",
        Flow::Export => "Premier client",
    };
    let partner = if narrow {
        shorten(&good.first_country_label, 12)
    } else {
        good.first_country_label.clone()
    };
    let text = if narrow {
        format!("{partner} ({zone}) {}", percent(good.first_share, 0))
    } else {
        format!(
            "{} · {partner} ({zone}) {}",
            million_euros(good.value),
            percent(good.first_share, 0)
        )
    };
    json!({
        "value": good.value as f64 / 1e6,
        "text": text,
        "tip": tip(&good.label, &[
            million_euros(good.value),
            format!("{role} : {} ({zone}), {}", good.first_country_label, percent(good.first_share, 1)),
            format!("Nombre de pays : {}", good.countries),
            format!("HHI : {}", decimal(good.hhi, 0)),
        ]),
        "pick": Pick::Product(good.code.clone()).value(),
        "itemStyle": { "color": if good.first_in_eu { light } else { dark } },
    })
}

/// The comparison on top: its category labels and its series' items, one bar per territory
/// (imports), or one per territory and count of first countries (exports). Bottom to top, as
/// ECharts draws categories.
fn comparison(model: &Concentration, names: &[String]) -> (Vec<String>, Vec<Vec<Value>>) {
    match model.flow {
        Flow::Import => {
            let items = model
            .territories
            .iter()
            .zip(names)
            .enumerate()
            .map(|(index, (summary, name))| {
                let share = summary.strong_share.unwrap_or(0.0);
                json!({
                    "value": share * 100.0,
                    "text": percent(share, 1),
                    "tip": tip(name, &[
                        format!("Sous forte dépendance : {}", percent(share, 1)),
                        format!("HHI des pays d'origine : {}", summary.hhi.map_or("–".into(), |h| decimal(h, 0))),
                    ]),
                    "itemStyle": { "color": comparison_colour(model.flow, index, &summary.territory) },
                })
            })
            .rev()
            .collect();
            (names.iter().rev().cloned().collect(), vec![items])
        }
        Flow::Export => {
            let labels = TOP_COUNTS
                .iter()
                .rev()
                .map(|&count| match count {
                    1 => "1er pays".to_string(),
                    n => format!("{n} premiers"),
                })
                .collect();
            let series = model
            .territories
            .iter()
            .zip(names)
            .map(|(summary, name)| {
                summary
                    .top_shares
                    .iter()
                    .zip(TOP_COUNTS)
                    .rev()
                    .map(|(share, count)| {
                        let share = share.unwrap_or(0.0);
                        json!({
                            "value": share * 100.0,
                            "text": percent(share, 0),
                            "tip": tip(name, &[format!("{count} premier(s) pays clients : {}", percent(share, 1))]),
                        })
                    })
                    .collect()
            })
            .collect();
            (labels, series)
        }
    }
}

/// The two grids' headings. They start at their axis: a phone's are shorter.
fn headings(flow: Flow, narrow: bool) -> (&'static str, &'static str) {
    match (flow, narrow) {
        (Flow::Import, false) => (
            "Part des importations sous forte dépendance",
            "Biens sous forte dépendance (M€), premier fournisseur",
        ),
        (Flow::Import, true) => ("Part sous forte dépendance", "Biens dépendants (M€)"),
        (Flow::Export, false) => (
            "Part des premiers pays clients",
            "Biens dont un pays reçoit au moins la moitié (M€)",
        ),
        (Flow::Export, true) => ("Part des premiers clients", "Biens concentrés (M€)"),
    }
}

/// The dependence (imports) or the concentration (exports).
pub fn concentration_option(model: &Concentration, manifest: &Manifest, narrow: bool) -> ChartSpec {
    let (dark, light) = colours(model.flow);
    let names: Vec<String> = model
        .territories
        .iter()
        .map(|summary| {
            let name = comparison_name(manifest, &summary.territory);
            if narrow {
                shorten(&name, 16)
            } else {
                name
            }
        })
        .collect();
    let (comparison_labels, comparison_series) = comparison(model, &names);
    let goods: Vec<&GoodConcentration> = model.strong_goods().take(SHOWN_GOODS).collect();
    // Exports: three groups of one bar per territory.
    let top_height = match model.flow {
        Flow::Import => comparison_labels.len() as u32 * ROW,
        Flow::Export => comparison_labels.len() as u32 * (model.territories.len() as u32 * 12 + 16),
    };
    // The exports' legend (territory, région, France) above the first heading.
    let legend_room = match (model.flow, narrow) {
        (Flow::Import, _) => 0,
        (Flow::Export, false) => 28,
        // Three names do not hold on one line of a phone.
        (Flow::Export, true) => 52,
    };
    let top = legend_room + HEADING;
    let goods_top = top + top_height + HEADING + 16;
    let goods_height = (goods.len() as u32).max(1) * ROW;
    let (comparison_heading, goods_heading) = headings(model.flow, narrow);
    let width = if narrow { 22 } else { 40 };
    let mut chart = frame()
        .grid(grid_at(top, top_height, 48))
        .grid(grid_at(
            goods_top,
            goods_height,
            if narrow { 140 } else { 250 },
        ))
        // A phone has no room for the percentages' axis: the bars' labels give them.
        .x_axis(value_axis(0, !narrow).max(100))
        .x_axis(value_axis(1, false))
        .y_axis(category_axis(0, comparison_heading, comparison_labels))
        .y_axis(category_axis(
            1,
            goods_heading,
            goods
                .iter()
                .rev()
                .map(|good| shorten(&good.label, width))
                .collect(),
        ));
    let series_names: Vec<String> = match model.flow {
        Flow::Import => vec![comparison_heading.to_string()],
        Flow::Export => names.clone(),
    };
    for name in &series_names {
        chart = chart.series(
            Bar::new()
                .name(name.as_str())
                .x_axis_index(0)
                .y_axis_index(0),
        );
    }
    if model.flow == Flow::Export {
        chart = chart.legend(Legend::new().data(names.clone()).top(0).left(8));
    }
    chart = chart.series(Bar::new().name("Biens").x_axis_index(1).y_axis_index(1));
    let goods_items: Vec<Value> = goods
        .iter()
        .rev()
        .map(|good| good_item(good, model.flow, narrow))
        .collect();
    let mut entries: Vec<(usize, &str, Value)> = comparison_series
        .into_iter()
        .enumerate()
        .map(|(index, items)| (index, "data", json!(items)))
        .collect();
    let goods_index = entries.len();
    entries.push((goods_index, "data", json!(goods_items)));
    let mut option = with_series_data(&chart, &entries);
    let label = |position: &str| json!({ "show": true, "position": position, "formatter": "text", "fontSize": 11 });
    for index in 0..=goods_index {
        option["series"][index]["label"] = label("right");
    }
    // The exports' comparison has a series per territory: coloured as the imports' bars (the legend
    // takes the series' colour).
    if model.flow == Flow::Export {
        for (index, summary) in model.territories.iter().enumerate() {
            option["series"][index]["itemStyle"] =
                json!({ "color": comparison_colour(model.flow, index, &summary.territory) });
        }
    }
    option["color"] = json!([dark, light, COMPARISON_GREY]);
    headings_from_axis(&mut option);
    ChartSpec {
        option,
        height: goods_top + goods_height + 16,
    }
}

/// The goods most exported to the partner, by value, with the share of their exports that goes there.
pub fn tariff_option(model: &TariffExposure, narrow: bool) -> ChartSpec {
    let goods: Vec<_> = model.goods.iter().take(SHOWN_GOODS).rev().collect();
    let width = if narrow { 22 } else { 40 };
    let items: Vec<Value> = goods
        .iter()
        .map(|good| {
            json!({
                "value": good.to_partner as f64 / 1e6,
                "text": if narrow {
                    format!("{} · {}", million_euros(good.to_partner), percent(good.share, 0))
                } else {
                    format!("{} · {} de ses exportations", million_euros(good.to_partner), percent(good.share, 0))
                },
                "tip": tip(&good.label, &[
                    format!("Vers {} : {}", model.partner_label, million_euros(good.to_partner)),
                    format!("Exportations du bien : {}", million_euros(good.exports)),
                    format!("Part vers le partenaire : {}", percent(good.share, 1)),
                    format!("Poids dans les exportations : {}", percent(good.weight, 1)),
                ]),
                "pick": Pick::Product(good.code.clone()).value(),
            })
        })
        .collect();
    let chart = frame()
        .grid(grid_at(
            HEADING,
            (goods.len() as u32).max(1) * ROW,
            if narrow { 105 } else { 230 },
        ))
        .x_axis(value_axis(0, false))
        .y_axis(category_axis(
            0,
            &format!("Exportations vers : {} (M€)", model.partner_label),
            goods
                .iter()
                .map(|good| shorten(&good.label, width))
                .collect(),
        ))
        .series(Bar::new().name(model.partner_label.as_str()));
    let mut option = with_series_data(&chart, &[(0, "data", json!(items))]);
    option["series"][0]["label"] =
        json!({ "show": true, "position": "right", "formatter": "text", "fontSize": 11 });
    option["color"] = json!([EXPORT_VIOLET]);
    headings_from_axis(&mut option);
    ChartSpec {
        option,
        height: HEADING + (goods.len() as u32).max(1) * ROW + 24,
    }
}
