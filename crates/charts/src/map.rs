//! The map of France: a choropleth of the départements (ECharts map series over the outline that
//! the app registers as `departements`, features named by their customs code). Colours are the
//! model's classes' shades (`style::map_colour`); the selected département, or the selected
//! région's, outlined in black. The frame (tooltip, no animation) is the other charts'; the map
//! series is JSON, as charming 0.6's `Map` series has no field.

use super::{frame, tip, with_series_data};
use crate::{ChartSpec, Pick};
use comex_core::codes::Territory;
use comex_core::views::map::FranceMap;
use serde_json::{json, Value};

/// The name the app registers the outline under (`echarts.registerMap`).
pub const OUTLINE_NAME: &str = "departements";
pub use crate::style::NO_VALUE_GREY;
use crate::style::{map_colour, INK as OUTLINE_INK, PAPER};

/// None when the map has no rows (a product filter: the model says why).
pub fn option(map: &FranceMap, narrow: bool) -> Option<ChartSpec> {
    if map.rows.is_empty() {
        return None;
    }
    let data: Vec<Value> = map
        .rows
        .iter()
        .map(|row| {
            let colour = row
                .class
                .and_then(|class| map.classes.get(class))
                .map_or(NO_VALUE_GREY, |class| map_colour(class.shades, class.shade));
            let outlined = map.outlined.contains(&row.code);
            let mut lines = vec![row
                .value
                .map_or_else(|| "Pas de valeur".to_string(), |value| map.unit.text(value))];
            if let Some(rank) = row.rank {
                lines.push(format!("Rang {rank} sur {}", map.ranked));
            }
            json!({
                "name": row.code,
                "value": row.value,
                "pick": Pick::Territory(Territory::Departement(row.code.clone())).value(),
                "tip": tip(&format!("{} ({})", row.label, row.code), &lines),
                "itemStyle": {
                    "areaColor": colour,
                    "borderColor": if outlined { OUTLINE_INK } else { PAPER },
                    "borderWidth": if outlined { 2.0 } else { 0.5 },
                },
            })
        })
        .collect();
    // One dimension given, the other from the outline's proportions, centred (four box edges would
    // stretch it to the frame): the frame's height on a screen, its width on a phone.
    let placement = if narrow {
        json!({ "left": 4, "right": 4, "top": "middle" })
    } else {
        json!({ "top": 8, "bottom": 8, "left": "center" })
    };
    let mut option = with_series_data(&frame(), &[]);
    option["series"] = json!([{
        "type": "map",
        "map": OUTLINE_NAME,
        "nameProperty": "code",
        "roam": false,
        "selectedMode": false,
        "label": { "show": false },
        "itemStyle": { "areaColor": NO_VALUE_GREY, "borderColor": PAPER, "borderWidth": 0.5 },
        "emphasis": { "label": { "show": false }, "itemStyle": { "areaColor": "#f6ad55" } },
        "data": data,
    }]);
    if let (Some(series), Some(placement)) = (
        option["series"].get_mut(0).and_then(Value::as_object_mut),
        placement.as_object(),
    ) {
        series.extend(placement.clone());
    }
    Some(ChartSpec {
        option,
        height: if narrow { 300 } else { 560 },
    })
}
