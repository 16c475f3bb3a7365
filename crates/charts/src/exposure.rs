//! Exposure: the share of exports to a partner, and how the départements rank on it, as horizontal
//! bars; the territory's own bar in red, added below the first ones when it ranks further down.

use super::specialisation::SHOWN;
use super::{frame, grid, percent_axis, tip, with_series_data, EXPORT_VIOLET, TOP_FLOW_RED};
use crate::ChartSpec;
use charming::component::Axis;
use charming::element::AxisType;
use charming::series::Bar;
use comex_core::format::{million_euros, percent};
use comex_core::views::exposure::Exposure;
use serde_json::{json, Value};

/// The départements most exposed, and the territory's own bar in red when it is among them.
pub fn option(exposure: &Exposure, label_of: impl Fn(&str) -> String) -> ChartSpec {
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
