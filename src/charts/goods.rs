//! Goods treemaps: import goods in blue, export goods in violet; area proportional to the share of
//! the flow. Two levels are drawn: the chosen level and the one finer inside it.

use super::{frame, shorten, tip, with_series_data, EXPORT_VIOLET, IMPORT_BLUE};
use crate::components::chart::ChartSpec;
use crate::intl::{million_euros, percent};
use charming::series::Treemap;
use comex_core::codes::{Flow, ProductLevel};
use comex_core::views::goods::{Goods, GoodsNode};
use serde_json::{json, Value};

fn item(node: &GoodsNode, level: ProductLevel, depth: usize) -> Value {
    let children: Vec<Value> = if depth == 0 {
        level
            .finer()
            .map(|finer| {
                node.children
                    .iter()
                    .map(|c| item(c, finer, depth + 1))
                    .collect()
            })
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    json!({
        "name": node.code,
        "value": node.value as f64,
        "text": shorten(&node.label, 40),
        "tip": tip(&node.label, &[format!("{} ({})", node.code, level.name().to_uppercase()), million_euros(node.value), format!("{} du flux", percent(node.share, 1))]),
        "pick": format!("product:{}", node.code),
        "children": children,
    })
}

pub fn option(goods: &Goods) -> ChartSpec {
    let color = if goods.flow == Flow::Export {
        EXPORT_VIOLET
    } else {
        IMPORT_BLUE
    };
    let data: Vec<Value> = goods
        .nodes
        .iter()
        .map(|n| item(n, goods.level, 0))
        .collect();
    let chart = frame().series(Treemap::new());
    let mut option = with_series_data(&chart, &[(0, "data", json!(data))]);
    let series = &mut option["series"][0];
    series["roam"] = json!(false);
    series["nodeClick"] = json!(false);
    series["breadcrumb"] = json!({ "show": false });
    series["left"] = json!(0);
    series["right"] = json!(0);
    series["top"] = json!(0);
    series["bottom"] = json!(0);
    series["color"] = json!([color]);
    series["label"] =
        json!({ "show": true, "formatter": "text", "fontSize": 11, "overflow": "truncate" });
    series["upperLabel"] =
        json!({ "show": true, "height": 18, "formatter": "text", "color": "#fff", "fontSize": 11 });
    series["levels"] = json!([
        { "itemStyle": { "borderColor": "#fff", "borderWidth": 2, "gapWidth": 2 }, "colorSaturation": [0.45, 0.75] },
        { "itemStyle": { "borderColorSaturation": 0.7, "gapWidth": 1, "borderWidth": 1 }, "colorSaturation": [0.35, 0.6] },
    ]);
    ChartSpec {
        option,
        height: 420,
    }
}
