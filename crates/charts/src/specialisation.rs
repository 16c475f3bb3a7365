//! Specialisation: each good's share here against in France, as pairs of horizontal bars.

use super::{
    frame, grid, percent_axis, shorten, tip, with_series_data, EXPORT_VIOLET, NEUTRAL_GREY,
};
use crate::{ChartSpec, Pick};
use charming::component::{Axis, Legend};
use charming::element::AxisType;
use charming::series::Bar;
use comex_core::format::{decimal, million_euros, percent};
use comex_core::views::specialisation::Specialisation;
use serde_json::{json, Value};

/// Goods shown: the territory's largest.
pub(crate) const SHOWN: usize = 12;

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
            "pick": Pick::Product(row.code.clone()).value(),
        })
    };
    let chart = frame()
        .legend(Legend::new().data(vec!["Territoire", "France"]).top(0))
        .grid(grid(32, 16))
        .x_axis(percent_axis())
        .y_axis(
            Axis::new().type_(AxisType::Category).data(
                rows.iter()
                    .map(|row| shorten(&row.label, 34))
                    .collect::<Vec<_>>(),
            ),
        )
        .series(Bar::new().name("Territoire"))
        .series(Bar::new().name("France"));
    let territory: Vec<Value> = rows
        .iter()
        .map(|row| item(row.territory_share, row))
        .collect();
    let france: Vec<Value> = rows.iter().map(|row| item(row.france_share, row)).collect();
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
