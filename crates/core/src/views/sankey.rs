//! Sankey diagrams of flows: exports go from goods (left) to destination countries (right),
//! imports from origin countries (left) to goods (right).
//!
//! Rules: the 10 largest goods and the 10 largest countries are named; everything beyond goes to
//! « Autres » on its side; links between the same two nodes are summed; the 5 largest links between
//! two named nodes are flagged (drawn in red). Ties break by value, then by code.

use super::rank_by_value;
use crate::catalog::Catalog;
use crate::catalog::ProductGrouping;
use crate::codes::{Flow, ProductLevel};
use crate::filter::{Filter, RowFilter};
use crate::trade_table::TradeTable;
use serde::Serialize;

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
    /// Per key (product group or country index): its slot; the « Autres » slot for keys not named.
    slot_of_key: Vec<usize>,
}

impl Side {
    /// `totals` holds (key, value) for every key present, keys below `key_space`.
    fn new<'c>(
        kind: NodeKind,
        totals: &[(usize, i64)],
        key_space: usize,
        code_of: impl Fn(usize) -> &'c str,
    ) -> Side {
        let mut ranked: Vec<((&str, usize), i64)> =
            totals.iter().map(|&(k, v)| ((code_of(k), k), v)).collect();
        rank_by_value(&mut ranked);
        let named: Vec<usize> = ranked
            .iter()
            .take(NAMED_NODES)
            .map(|((_, key), _)| *key)
            .collect();
        let mut slot_of_key = vec![named.len(); key_space];
        for (slot, &key) in named.iter().enumerate() {
            if let Some(entry) = slot_of_key.get_mut(key) {
                *entry = slot;
            }
        }
        Side {
            kind,
            named,
            slot_of_key,
        }
    }

    /// The slot of a key: its rank among the named, or the « Autres » slot after them.
    fn slot(&self, key: usize) -> usize {
        self.slot_of_key
            .get(key)
            .copied()
            .unwrap_or(self.named.len())
    }
}

// The engine's hot path, one pass after another over dense matrices; split, it would pass them around.
#[allow(clippy::too_many_lines)]
pub fn sankey(
    table: &TradeTable,
    catalog: &Catalog,
    filter: &Filter,
    flow: Flow,
    level: ProductLevel,
) -> Sankey {
    let fallback = ProductGrouping::default();
    let grouping = catalog.grouping(level).unwrap_or(&fallback);
    let countries = catalog.countries.len().max(1);

    // (product group, country) → value over the filtered rows of the flow, in a dense matrix (at
    // most a few hundred groups by a few hundred countries), then listed where present.
    // The matrix holds each present cell's position in `cells` plus one, 0 for a cell not seen yet
    // (a zeroed allocation costs nothing to fill); only the cells present are walked afterwards.
    let mut position = vec![0_u32; grouping.codes.len() * countries];
    let mut cells: Vec<((usize, usize), i64)> = Vec::new();
    RowFilter::new(filter, table, catalog).for_each(table, |row| {
        if row.flow == flow {
            let group = grouping.group(row.product);
            let country = usize::from(row.country);
            let Some(slot) = position.get_mut(group * countries + country) else {
                return;
            };
            match (*slot as usize)
                .checked_sub(1)
                .and_then(|at| cells.get_mut(at))
            {
                Some(cell) => cell.1 += row.value,
                None => {
                    cells.push(((group, country), row.value));
                    *slot = u32::try_from(cells.len()).unwrap_or(0);
                }
            }
        }
    });
    // Per product group and per country: (value, present).
    let mut product_totals = vec![(0_i64, false); grouping.codes.len()];
    let mut country_totals = vec![(0_i64, false); countries];
    for &((product, country), value) in &cells {
        for (totals, key) in [
            (&mut product_totals, product),
            (&mut country_totals, country),
        ] {
            if let Some(entry) = totals.get_mut(key) {
                entry.0 += value;
                entry.1 = true;
            }
        }
    }
    let present = |totals: &[(i64, bool)]| -> Vec<(usize, i64)> {
        totals
            .iter()
            .enumerate()
            .filter(|(_, (_, seen))| *seen)
            .map(|(key, (value, _))| (key, *value))
            .collect()
    };
    let product_code = |key: usize| grouping.code(key);
    let country_code = |key: usize| {
        catalog
            .country(key as u16)
            .map_or("", |country| country.code.as_str())
    };
    let products = Side::new(
        NodeKind::Product,
        &present(&product_totals),
        product_totals.len(),
        product_code,
    );
    let countries = Side::new(
        NodeKind::Country,
        &present(&country_totals),
        country_totals.len(),
        country_code,
    );

    let (left_side, right_side) = match flow {
        Flow::Export => (&products, &countries),
        Flow::Import => (&countries, &products),
    };
    // (left slot, right slot) → value: at most 11 × 11 links.
    let right_slots = right_side.named.len() + 1;
    let mut link_matrix = vec![(0_i64, false); (left_side.named.len() + 1) * right_slots];
    for &((product, country), value) in &cells {
        let (left_key, right_key) = match flow {
            Flow::Export => (product, country),
            Flow::Import => (country, product),
        };
        let index = left_side.slot(left_key) * right_slots + right_side.slot(right_key);
        if let Some(entry) = link_matrix.get_mut(index) {
            entry.0 += value;
            entry.1 = true;
        }
    }
    let link_values: Vec<((usize, usize), i64)> = link_matrix
        .iter()
        .enumerate()
        .filter(|(_, (_, seen))| *seen)
        .map(|(index, (value, _))| ((index / right_slots, index % right_slots), *value))
        .collect();

    let node = |side: &Side, slot: usize, value: i64| -> SankeyNode {
        match side.named.get(slot) {
            Some(&key) => match side.kind {
                NodeKind::Product => SankeyNode {
                    code: product_code(key).to_string(),
                    label: grouping.label(key).to_string(),
                    kind: NodeKind::Product,
                    value,
                },
                _ => {
                    let country = catalog.country(key as u16);
                    SankeyNode {
                        code: country
                            .map(|country| country.code.clone())
                            .unwrap_or_default(),
                        label: country
                            .map(|country| country.label.clone())
                            .unwrap_or_default(),
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
                .map(|node| node.code.clone())
                .unwrap_or_default(),
            right
                .get(link.target)
                .map(|node| node.code.clone())
                .unwrap_or_default(),
        )
    };
    crate::sorting::sort_by(&mut links, |a, b| {
        b.value
            .cmp(&a.value)
            .then_with(|| link_code(a).cmp(&link_code(b)))
    });
    let is_named = |nodes: &[SankeyNode], index: usize| {
        nodes
            .get(index)
            .is_some_and(|node| node.kind != NodeKind::Others)
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
    crate::sorting::sort(&mut order);
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
