//! Goods treemaps: what the territory exports (violet) and imports (blue), by product level.
//!
//! Rules: one tile per product at the chosen level, area proportional to its share of the flow's total;
//! for drill-down, when a product filter leaves one tile, the tiles shown are the finer products inside
//! it (`Goods::tiles`), down to CPF4. Only that tile holds its finer products: among several, none
//! is shown (computing them was most of the view's time: 242 CPF4 nodes in the Oise's exports, demo data).

use super::share;
use crate::catalog::Catalog;
use crate::codes::{Flow, ProductLevel};
use crate::filter::{Filter, RowFilter};
use crate::trade_table::TradeTable;
use serde::Serialize;

pub const RULE: &str = "Aire proportionnelle à la part du bien dans le total du flux ; \
importations en bleu, exportations en violet.";

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoodsNode {
    pub code: String,
    pub label: String,
    /// Euros.
    pub value: i64,
    /// Share of the flow's total.
    pub share: f64,
    /// The finer products inside the node, when it is its level's only node (empty otherwise, and
    /// at CPF4).
    pub children: Vec<GoodsNode>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Goods {
    pub flow: Flow,
    pub level: ProductLevel,
    pub total: i64,
    /// Sorted by value, largest first, then by code.
    pub nodes: Vec<GoodsNode>,
}

impl Goods {
    /// The tiles a treemap draws and its table lists, and their level: the nodes at the chosen level
    /// or, when one node holds the whole flow (the product filter picked it, by a click on its tile),
    /// the finer products inside it. One level at a time, as in the seed's document.
    pub fn tiles(&self) -> (ProductLevel, &[GoodsNode]) {
        let mut level = self.level;
        let mut nodes = self.nodes.as_slice();
        while let ([only], Some(finer)) = (nodes, level.finer()) {
            if only.children.is_empty() {
                break;
            }
            level = finer;
            nodes = &only.children;
        }
        (level, nodes)
    }
}

pub fn goods(
    table: &TradeTable,
    catalog: &Catalog,
    filter: &Filter,
    flow: Flow,
    level: ProductLevel,
) -> Goods {
    goods_to(
        table,
        catalog,
        filter,
        flow,
        level,
        Depth::WithFinerProducts,
    )
}

/// The goods at `level` alone, without the finer products inside them: what the specialisation
/// compares (France's tree down to CPF4 was most of that view's time).
pub fn goods_at_level(
    table: &TradeTable,
    catalog: &Catalog,
    filter: &Filter,
    flow: Flow,
    level: ProductLevel,
) -> Goods {
    goods_to(table, catalog, filter, flow, level, Depth::LevelOnly)
}

/// Whether a node holds its finer products.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Depth {
    WithFinerProducts,
    LevelOnly,
}

fn goods_to(
    table: &TradeTable,
    catalog: &Catalog,
    filter: &Filter,
    flow: Flow,
    level: ProductLevel,
    depth: Depth,
) -> Goods {
    let mut per_product = vec![0_i64; catalog.products.len()];
    RowFilter::new(filter, table, catalog).for_each(table, |row| {
        if row.flow == flow {
            if let Some(sum) = per_product.get_mut(usize::from(row.product)) {
                *sum += row.value;
            }
        }
    });
    let total: i64 = per_product.iter().sum();
    let products: Vec<(u16, i64)> = per_product
        .iter()
        .enumerate()
        .filter(|(_, value)| **value != 0)
        .filter_map(|(i, value)| Some((u16::try_from(i).ok()?, *value)))
        .collect();
    Goods {
        flow,
        level,
        total,
        nodes: tree(catalog, &products, level, total, depth),
    }
}

/// A product under its group at a level: (group, product, value).
type Member = (usize, u16, i64);

/// The members ordered by group, each group's side by side in the order given, by counting (no
/// comparison; the groups are the level's codes, at most 576).
fn by_group(members: Vec<Member>, groups: usize) -> Vec<Member> {
    // Per group, where its next member goes.
    let mut next = vec![0_usize; groups];
    for member in &members {
        if let Some(count) = next.get_mut(member.0) {
            *count += 1;
        }
    }
    let mut start = 0;
    for slot in &mut next {
        let count = *slot;
        *slot = start;
        start += count;
    }
    let mut placed = vec![(0, 0, 0); start];
    for member in members {
        if let Some(at) = next.get_mut(member.0) {
            if let Some(slot) = placed.get_mut(*at) {
                *slot = member;
            }
            *at += 1;
        }
    }
    placed
}

/// Groups (product, value) pairs at `level`, each group holding its finer levels. Products are
/// grouped by their code's index in the catalog's sorted codes of the level (no string compared),
/// which orders groups as their codes.
fn tree(
    catalog: &Catalog,
    products: &[(u16, i64)],
    level: ProductLevel,
    total: i64,
    depth: Depth,
) -> Vec<GoodsNode> {
    let Some(grouping) = catalog.grouping(level) else {
        return Vec::new();
    };
    let members: Vec<Member> = products
        .iter()
        .filter(|(product, _)| catalog.product(*product).is_some())
        .map(|&(product, value)| (grouping.group(product), product, value))
        .collect();
    let members = by_group(members, grouping.codes.len());
    let mut groups: Vec<(usize, i64, &[Member])> = members
        .chunk_by(|a, b| a.0 == b.0)
        .filter_map(|chunk| {
            let group = chunk.first()?.0;
            Some((group, chunk.iter().map(|member| member.2).sum(), chunk))
        })
        .collect();
    crate::sorting::sort_by(
        &mut groups,
        |(group_a, value_a, _), (group_b, value_b, _)| {
            value_b.cmp(value_a).then_with(|| group_a.cmp(group_b))
        },
    );
    // Only a node alone at its level is drilled into (`Goods::tiles`).
    let alone = groups.len() == 1;
    groups
        .into_iter()
        .map(|(group, value, chunk)| {
            let children = match level.finer() {
                Some(finer) if depth == Depth::WithFinerProducts && alone => {
                    let finer_products: Vec<(u16, i64)> = chunk
                        .iter()
                        .map(|&(_, product, value)| (product, value))
                        .collect();
                    tree(catalog, &finer_products, finer, total, depth)
                }
                _ => Vec::new(),
            };
            GoodsNode {
                code: grouping.code(group).to_string(),
                label: grouping.label(group).to_string(),
                value,
                share: share(value, total).unwrap_or(0.0),
                children,
            }
        })
        .collect()
}
