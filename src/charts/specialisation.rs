//! Specialisation (each good's share here against in France) and exposure (share of exports to a
//! partner, and how the départements rank on it), as horizontal bars.

use super::{
    frame, grid, percent_axis, shorten, tip, with_series_data, EXPORT_VIOLET, NEUTRAL_GREY,
    TOP_FLOW_RED,
};
use crate::components::chart::ChartSpec;
use crate::intl::{decimal, million_euros, percent};
use charming::component::{Axis, Legend};
use charming::element::AxisType;
use charming::series::Bar;
use comex_core::views::exposure::Exposure;
use comex_core::views::specialisation::Specialisation;
use serde_json::{json, Value};

/// Goods shown: the territory's largest.
const SHOWN: usize = 12;

pub fn option(specialisation: &Specialisation) -> ChartSpec {
    let rows: Vec<_> = specialisation.rows.iter().take(SHOWN).rev().collect();
    let item = |value: f64, row: &comex_core::views::specialisation::SpecialisationRow| -> Value {
        json!({
            "value": value * 100.0,
            "tip": tip(&row.label, &[
                format!("Part dans le territoire : {}", percent(row.territory_share, 1)),
                format!("Part en France : {}", percent(row.france_share, 1)),
                format!("Indice : {}", row.index.map(|i| decimal(i, 2)).unwrap_or_else(|| "–".into())),
                million_euros(row.value),
            ]),
            "pick": format!("product:{}", row.code),
        })
    };
    let chart = frame()
        .legend(Legend::new().data(vec!["Territoire", "France"]).top(0))
        .grid(grid(32, 16))
        .x_axis(percent_axis())
        .y_axis(
            Axis::new().type_(AxisType::Category).data(
                rows.iter()
                    .map(|r| shorten(&r.label, 34))
                    .collect::<Vec<_>>(),
            ),
        )
        .series(Bar::new().name("Territoire"))
        .series(Bar::new().name("France"));
    let territory: Vec<Value> = rows.iter().map(|r| item(r.territory_share, r)).collect();
    let france: Vec<Value> = rows.iter().map(|r| item(r.france_share, r)).collect();
    let mut option = with_series_data(
        &chart,
        &[(0, "data", json!(territory)), (1, "data", json!(france))],
    );
    option["color"] = json!([EXPORT_VIOLET, NEUTRAL_GREY]);
    ChartSpec {
        option,
        height: 80 + 34 * rows.len() as u32,
    }
}

/// The départements most exposed, and the territory's own bar in red when it is among them.
pub fn exposure_option(exposure: &Exposure, label_of: impl Fn(&str) -> String) -> ChartSpec {
    let own = match &exposure.territory {
        comex_core::codes::Territory::Departement(code) => Some(code.as_str()),
        _ => None,
    };
    let mut shown: Vec<(usize, &comex_core::views::exposure::DepartementExposure)> =
        exposure.ranking.iter().enumerate().take(SHOWN).collect();
    if let Some(position) =
        own.and_then(|code| exposure.ranking.iter().position(|d| d.departement == code))
    {
        if position >= SHOWN {
            if let Some(entry) = exposure.ranking.get(position) {
                shown.push((position, entry));
            }
        }
    }
    shown.reverse();
    let names: Vec<String> = shown
        .iter()
        .map(|(rank, d)| format!("{}. {}", rank + 1, label_of(&d.departement)))
        .collect();
    let data: Vec<Value> = shown
        .iter()
        .map(|(rank, d)| {
            let is_own = Some(d.departement.as_str()) == own;
            json!({
                "value": d.share * 100.0,
                "tip": tip(&label_of(&d.departement), &[
                    format!("Rang {} sur {}", rank + 1, exposure.ranking.len()),
                    format!("{} des exportations vers {}", percent(d.share, 1), exposure.partner_label),
                    format!("{} sur {}", million_euros(d.value), million_euros(d.total)),
                ]),
                "itemStyle": { "color": if is_own { TOP_FLOW_RED } else { EXPORT_VIOLET } },
            })
        })
        .collect();
    let chart = frame()
        .grid(grid(8, 16))
        .x_axis(percent_axis())
        .y_axis(Axis::new().type_(AxisType::Category).data(names))
        .series(Bar::new().name("Part"));
    let option = with_series_data(&chart, &[(0, "data", json!(data))]);
    ChartSpec {
        option,
        height: 40 + 30 * shown.len() as u32,
    }
}
