//! Goods treemaps: import goods in blue, export goods in violet; area proportional to the share of
//! the flow. One level is drawn, as in the seed's document (two levels made each drawing 5× slower:
//! 37 ms instead of 6 for the Nord); a click on a tile filters by it, and the treemap then shows
//! the finer products inside it (`Goods::tiles`).

use super::{frame, shorten, tip, with_series_data};
use crate::{ChartSpec, Pick};
use charming::series::Treemap;
use comex_core::codes::{Flow, ProductLevel};
use comex_core::format::{million_euros, percent};
use comex_core::views::goods::{Goods, GoodsNode};
use serde_json::{json, Value};

/// Tiles below this share of the flow get no label: too small for a word, they are in the tooltip
/// and the table (at 1280 px a 2.5 % tile of a half-width treemap is about 80 × 80 px).
pub const LABELLED_SHARE: f64 = 0.025;
/// On a phone the treemap is 350 px wide: below 6 % a tile would break its words in pieces.
pub const LABELLED_SHARE_NARROW: f64 = 0.06;

fn item(node: &GoodsNode, level: ProductLevel, labelled_share: f64) -> Value {
    // The name wraps inside the tile (ECharts' `overflow: break`), its share on the last line.
    json!({
        "name": node.code,
        "value": node.value as f64,
        "text": format!("{}\n{}", shorten(&node.label, 70), percent(node.share, 1)),
        "label": { "show": node.share >= labelled_share },
        "tip": tip(&node.label, &[format!("{} ({})", node.code, level.name().to_uppercase()), million_euros(node.value), format!("{} du flux", percent(node.share, 1))]),
        "pick": Pick::Product(node.code.clone()).value(),
    })
}

/// Shades of the flow's colour for neighbouring tiles: blue for imports, violet for exports.
use crate::style::{EXPORT_SHADES, IMPORT_SHADES, PAPER};

pub fn option(goods: &Goods, narrow: bool) -> ChartSpec {
    let labelled_share = if narrow {
        LABELLED_SHARE_NARROW
    } else {
        LABELLED_SHARE
    };
    let shades = if goods.flow == Flow::Export {
        EXPORT_SHADES
    } else {
        IMPORT_SHADES
    };
    let (level, tiles) = goods.tiles();
    let data: Vec<Value> = tiles
        .iter()
        .map(|node| item(node, level, labelled_share))
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
    series["label"] = json!({
        "show": true, "formatter": "text", "fontSize": 11, "lineHeight": 13,
        "overflow": "break", "lineOverflow": "truncate",
    });
    series["levels"] = json!([
        { "color": shades, "itemStyle": { "borderColor": PAPER, "borderWidth": 2, "gapWidth": 2 } },
    ]);
    ChartSpec {
        option,
        height: 420,
    }
}
