//! Sankey diagrams: goods → countries for exports, countries → goods for imports. The 5 flagged flows
//! in red, « Autres » in light grey; long product names shortened, full in the tooltip.

use super::{
    frame, shorten, tip, with_series_data, EXPORT_VIOLET, IMPORT_BLUE, NEUTRAL_GREY, OTHERS_GREY,
    TOP_FLOW_RED,
};
use crate::Layout;
use crate::{ChartSpec, Pick};
use charming::series::Sankey as SankeySeries;
use comex_core::codes::Flow;
use comex_core::format::{million_euros, percent};
use comex_core::views::sankey::{NodeKind, Sankey, SankeyNode};
use serde_json::{json, Value};

/// Characters of a node label before it is shortened.
const LABEL_LENGTH: usize = 36;

fn node_key(side: &str, node: &SankeyNode) -> String {
    format!("{side}:{}", node.code)
}

/// The labels of one side, shortened to `length`; two that the cut makes equal (« Produits de la
/// construction a… » twice) say their code instead of their last letters.
pub fn node_texts(nodes: &[SankeyNode], length: usize) -> Vec<String> {
    let short: Vec<String> = nodes
        .iter()
        .map(|node| shorten(&node.label, length))
        .collect();
    nodes
        .iter()
        .zip(&short)
        .map(|(node, text)| {
            let twins = short.iter().filter(|other| *other == text).count();
            if twins > 1 && node.kind != NodeKind::Others {
                let room = length.saturating_sub(node.code.len() + 3);
                format!("{} ({})", shorten(&node.label, room), node.code)
            } else {
                text.clone()
            }
        })
        .collect()
}

pub fn option(sankey: &Sankey, layout: Layout) -> ChartSpec {
    let Layout {
        compact, narrow, ..
    } = layout;
    let label_length = match (narrow, compact) {
        (true, _) => 15,
        (false, true) => 30,
        (false, false) => LABEL_LENGTH,
    };
    let goods_color = if sankey.flow == Flow::Export {
        EXPORT_VIOLET
    } else {
        IMPORT_BLUE
    };
    let share = |value: i64| {
        if sankey.total > 0 {
            percent(value as f64 / sankey.total as f64, 1)
        } else {
            "–".into()
        }
    };
    let left_texts = node_texts(&sankey.left, label_length);
    let right_texts = node_texts(&sankey.right, label_length);
    let node = |side: &str, node: &SankeyNode, text: &str| -> Value {
        let color = match node.kind {
            NodeKind::Product => goods_color,
            NodeKind::Country => crate::style::COUNTRY_SLATE,
            NodeKind::Others => OTHERS_GREY,
        };
        let pick = match node.kind {
            NodeKind::Product => Some(Pick::Product(node.code.clone()).value()),
            NodeKind::Country => Some(Pick::Country(node.code.clone()).value()),
            NodeKind::Others => None,
        };
        json!({
            "name": node_key(side, node),
            "value": node.value as f64,
            "text": text,
            "tip": tip(&node.label, &[million_euros(node.value), format!("{} du total", share(node.value))]),
            "pick": pick,
            "itemStyle": { "color": color },
            "label": { "position": if side == "L" { "right" } else { "left" } },
        })
    };
    let nodes: Vec<Value> = sankey
        .left
        .iter()
        .zip(&left_texts)
        .map(|(n, text)| node("L", n, text))
        .chain(
            sankey
                .right
                .iter()
                .zip(&right_texts)
                .map(|(n, text)| node("R", n, text)),
        )
        .collect();
    let links: Vec<Value> = sankey
        .links
        .iter()
        .filter_map(|link| {
            let source = sankey.left.get(link.source)?;
            let target = sankey.right.get(link.target)?;
            Some(json!({
                "source": node_key("L", source),
                "target": node_key("R", target),
                "value": link.value as f64,
                "tip": tip(&format!("{} → {}", source.label, target.label), &[million_euros(link.value), format!("{} du total", share(link.value))]),
                "lineStyle": if link.flagged {
                    json!({ "color": TOP_FLOW_RED, "opacity": 0.75 })
                } else {
                    json!({ "color": NEUTRAL_GREY, "opacity": 0.35 })
                },
            }))
        })
        .collect();
    let chart = frame().series(SankeySeries::new());
    let mut option = with_series_data(
        &chart,
        &[(0, "data", json!(nodes)), (0, "links", json!(links))],
    );
    let series = &mut option["series"][0];
    series["left"] = json!(4);
    series["right"] = json!(4);
    series["top"] = json!(8);
    series["bottom"] = json!(8);
    series["nodeGap"] = json!(if compact { 6 } else { 10 });
    series["nodeWidth"] = json!(14);
    series["layoutIterations"] = json!(0); // keep the ranked order: largest on top
    series["emphasis"] = json!({ "focus": "adjacency" });
    series["label"] = json!({ "formatter": "text", "fontSize": if narrow || compact { 11 } else { 12 }, "color": crate::style::INK });
    ChartSpec {
        option,
        height: if compact { 360 } else { 520 },
    }
}
