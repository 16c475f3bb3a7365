//! Sankey diagrams of flows: exports go from goods (left) to destination countries (right),
//! imports from origin countries (left) to goods (right).
//!
//! Rules: the 10 largest goods and the 10 largest countries are named; everything beyond goes to
//! « Autres » on its side; links between the same two nodes are summed; the 5 largest links between
//! two named nodes are flagged (drawn in red). Ties break by value, then by code.

use super::{rank_by_value, ProductGrouping};
use crate::catalog::Catalog;
use crate::codes::{Flow, ProductLevel};
use crate::filter::{Filter, RowFilter};
use crate::table::TradeTable;
use serde::Serialize;
use std::collections::HashMap;

pub const NAMED_NODES: usize = 10;
pub const FLAGGED_LINKS: usize = 5;
pub const OTHERS_KEY: &str = "autres";
pub const OTHERS_LABEL: &str = "Autres";

pub fn rule(flow: Flow) -> String {
    let (left, right) = match flow {
        Flow::Export => ("biens exportés", "pays de destination"),
        Flow::Import => ("pays d'origine", "biens importés"),
    };
    format!(
        "À gauche les {NAMED_NODES} premiers {left}, à droite les {NAMED_NODES} premiers {right} ; \
         « Autres » regroupe le reste ; les {FLAGGED_LINKS} principaux flux sont en rouge."
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NodeKind {
    Product,
    Country,
    Others,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SankeyNode {
    /// A product code, a country code or `autres`.
    pub code: String,
    pub label: String,
    pub kind: NodeKind,
    /// Euros: the sum of the node's links.
    pub value: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SankeyLink {
    /// Index into `left`.
    pub source: usize,
    /// Index into `right`.
    pub target: usize,
    pub value: i64,
    /// One of the largest links between two named nodes.
    pub flagged: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sankey {
    pub flow: Flow,
    pub level: ProductLevel,
    pub total: i64,
    pub left: Vec<SankeyNode>,
    pub right: Vec<SankeyNode>,
    /// Sorted by value, largest first.
    pub links: Vec<SankeyLink>,
}

/// One side of the diagram: which keys are named, in rank order.
struct Side {
    kind: NodeKind,
    named: Vec<usize>,
    slot_of_key: HashMap<usize, usize>,
}

impl Side {
    fn new(
        kind: NodeKind,
        totals: &HashMap<usize, i64>,
        code_of: impl Fn(usize) -> String,
    ) -> Side {
        let mut ranked: Vec<((String, usize), i64)> =
            totals.iter().map(|(&k, &v)| ((code_of(k), k), v)).collect();
        rank_by_value(&mut ranked);
        let named: Vec<usize> = ranked
            .iter()
            .take(NAMED_NODES)
            .map(|((_, key), _)| *key)
            .collect();
        let slot_of_key = named
            .iter()
            .enumerate()
            .map(|(slot, key)| (*key, slot))
            .collect();
        Side {
            kind,
            named,
            slot_of_key,
        }
    }

    /// The slot of a key: its rank among the named, or the « Autres » slot after them.
    fn slot(&self, key: usize) -> usize {
        self.slot_of_key
            .get(&key)
            .copied()
            .unwrap_or(self.named.len())
    }
}

pub fn sankey(
    table: &TradeTable,
    catalog: &Catalog,
    filter: &Filter,
    flow: Flow,
    level: ProductLevel,
) -> Sankey {
    let rows = RowFilter::new(filter, table, catalog);
    let grouping = ProductGrouping::new(catalog, level);

    // (product group, country) → value, over the filtered rows of the flow.
    let mut cells: HashMap<(usize, usize), i64> = HashMap::new();
    for row in
        (0..table.len()).filter(|&row| table.flow.get(row) == Some(&flow) && rows.keeps(table, row))
    {
        if let (Some(&product), Some(&country), Some(&value)) = (
            table.product.get(row),
            table.country.get(row),
            table.value.get(row),
        ) {
            *cells
                .entry((grouping.group(product), usize::from(country)))
                .or_insert(0) += value;
        }
    }
    let mut product_totals: HashMap<usize, i64> = HashMap::new();
    let mut country_totals: HashMap<usize, i64> = HashMap::new();
    for (&(product, country), &value) in &cells {
        *product_totals.entry(product).or_insert(0) += value;
        *country_totals.entry(country).or_insert(0) += value;
    }
    let product_code = |key: usize| grouping.codes.get(key).cloned().unwrap_or_default();
    let country_code = |key: usize| {
        catalog
            .country(key as u16)
            .map(|c| c.code.clone())
            .unwrap_or_default()
    };
    let products = Side::new(NodeKind::Product, &product_totals, product_code);
    let countries = Side::new(NodeKind::Country, &country_totals, country_code);

    let (left_side, right_side) = match flow {
        Flow::Export => (&products, &countries),
        Flow::Import => (&countries, &products),
    };
    let mut link_values: HashMap<(usize, usize), i64> = HashMap::new();
    for (&(product, country), &value) in &cells {
        let (left_key, right_key) = match flow {
            Flow::Export => (product, country),
            Flow::Import => (country, product),
        };
        *link_values
            .entry((left_side.slot(left_key), right_side.slot(right_key)))
            .or_insert(0) += value;
    }

    let node = |side: &Side, slot: usize, value: i64| -> SankeyNode {
        match side.named.get(slot) {
            Some(&key) => match side.kind {
                NodeKind::Product => {
                    let code = product_code(key);
                    let label = catalog
                        .product_label(level, &code)
                        .unwrap_or(&code)
                        .to_string();
                    SankeyNode {
                        code,
                        label,
                        kind: NodeKind::Product,
                        value,
                    }
                }
                _ => {
                    let country = catalog.country(key as u16);
                    SankeyNode {
                        code: country.map(|c| c.code.clone()).unwrap_or_default(),
                        label: country.map(|c| c.label.clone()).unwrap_or_default(),
                        kind: NodeKind::Country,
                        value,
                    }
                }
            },
            None => SankeyNode {
                code: OTHERS_KEY.into(),
                label: OTHERS_LABEL.into(),
                kind: NodeKind::Others,
                value,
            },
        }
    };
    let side_nodes = |side: &Side, position: fn(&(usize, usize)) -> usize| -> Vec<SankeyNode> {
        let slots = side.named.len() + 1;
        let mut values = vec![0_i64; slots];
        let mut present = vec![false; slots];
        for (key, value) in &link_values {
            let slot = position(key);
            if let (Some(sum), Some(flag)) = (values.get_mut(slot), present.get_mut(slot)) {
                *sum += value;
                *flag = true;
            }
        }
        (0..slots)
            .filter(|&s| present.get(s).copied().unwrap_or(false))
            .map(|s| node(side, s, values.get(s).copied().unwrap_or(0)))
            .collect()
    };
    let left = side_nodes(left_side, |(l, _)| *l);
    let right = side_nodes(right_side, |(_, r)| *r);

    // Links reference node positions; slots equal positions because only the « Autres » slot can be absent
    // and it is always last.
    let mut links: Vec<SankeyLink> = link_values
        .into_iter()
        .map(|((source, target), value)| SankeyLink {
            source,
            target,
            value,
            flagged: false,
        })
        .collect();
    let link_code = |link: &SankeyLink| {
        (
            left.get(link.source)
                .map(|n| n.code.clone())
                .unwrap_or_default(),
            right
                .get(link.target)
                .map(|n| n.code.clone())
                .unwrap_or_default(),
        )
    };
    links.sort_by(|a, b| {
        b.value
            .cmp(&a.value)
            .then_with(|| link_code(a).cmp(&link_code(b)))
    });
    let is_named = |nodes: &[SankeyNode], index: usize| {
        nodes.get(index).is_some_and(|n| n.kind != NodeKind::Others)
    };
    for link in links
        .iter_mut()
        .filter(|link| is_named(&left, link.source) && is_named(&right, link.target))
        .take(FLAGGED_LINKS)
    {
        link.flagged = true;
    }
    let total = links.iter().map(|link| link.value).sum();
    Sankey {
        flow,
        level,
        total,
        left,
        right,
        links,
    }
}

/// The order of `nodes` once aligned on `reference`: nodes also named there first, in its order;
/// then the others, keeping their rank by value; « Autres » last.
fn aligned_order(nodes: &[SankeyNode], reference: &[SankeyNode]) -> Vec<usize> {
    let rank = |node: &SankeyNode| {
        reference.iter().position(|r| {
            node.kind != NodeKind::Others && r.kind == node.kind && r.code == node.code
        })
    };
    let mut order: Vec<(bool, usize, usize)> = nodes
        .iter()
        .enumerate()
        .map(|(index, node)| {
            (
                node.kind == NodeKind::Others,
                rank(node).unwrap_or(usize::MAX),
                index,
            )
        })
        .collect();
    order.sort_unstable();
    order.into_iter().map(|(_, _, index)| index).collect()
}

fn reorder(nodes: &mut Vec<SankeyNode>, order: &[usize]) -> Vec<usize> {
    let mut new_index = vec![0; nodes.len()];
    for (position, &old) in order.iter().enumerate() {
        if let Some(slot) = new_index.get_mut(old) {
            *slot = position;
        }
    }
    let old_nodes = std::mem::take(nodes);
    let mut slots: Vec<Option<SankeyNode>> = old_nodes.into_iter().map(Some).collect();
    *nodes = order
        .iter()
        .filter_map(|&old| slots.get_mut(old).and_then(Option::take))
        .collect();
    new_index
}

/// Reorders a comparison diagram (the région's, France's) so that the nodes it shares with the
/// territory's diagram stand in the same order, which makes the two easy to compare. Values, links
/// and flags are unchanged.
pub fn align_to(sankey: &mut Sankey, reference: &Sankey) {
    let left_order = aligned_order(&sankey.left, &reference.left);
    let right_order = aligned_order(&sankey.right, &reference.right);
    let new_left = reorder(&mut sankey.left, &left_order);
    let new_right = reorder(&mut sankey.right, &right_order);
    for link in &mut sankey.links {
        link.source = new_left.get(link.source).copied().unwrap_or(link.source);
        link.target = new_right.get(link.target).copied().unwrap_or(link.target);
    }
}
