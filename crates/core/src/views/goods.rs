//! Goods treemaps: what the territory exports (violet) and imports (blue), by product level.
//!
//! Rules: one tile per product at the chosen level, area proportional to its share of the flow's total;
//! each tile holds its finer levels down to CPF4, for drill-down: when a product filter leaves one tile,
//! the tiles shown are the finer products inside it (`Goods::tiles`).

use super::{rank_by_value, share};
use crate::catalog::Catalog;
use crate::codes::{Flow, ProductLevel};
use crate::filter::{Filter, RowFilter};
use crate::table::TradeTable;
use serde::Serialize;
use std::collections::BTreeMap;

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

/// Groups (product, value) pairs at `level`, each group holding its finer levels.
fn tree(
    catalog: &Catalog,
    products: &[(u16, i64)],
    level: ProductLevel,
    total: i64,
    depth: Depth,
) -> Vec<GoodsNode> {
    let mut groups: BTreeMap<&str, Vec<(u16, i64)>> = BTreeMap::new();
    for &(product, value) in products {
        if let Some(p) = catalog.product(product) {
            groups
                .entry(p.code(level))
                .or_default()
                .push((product, value));
        }
    }
    let mut ranked: Vec<(&str, i64)> = groups
        .iter()
        .map(|(code, members)| (*code, members.iter().map(|m| m.1).sum()))
        .collect();
    rank_by_value(&mut ranked);
    ranked
        .into_iter()
        .map(|(code, value)| {
            let members = groups.get(code).map(Vec::as_slice).unwrap_or(&[]);
            let label = members
                .first()
                .and_then(|(product, _)| catalog.product(*product))
                .map(|p| p.label(level).to_string())
                .unwrap_or_default();
            let children = match level.finer() {
                Some(finer) if depth == Depth::WithFinerProducts => {
                    tree(catalog, members, finer, total, depth)
                }
                _ => Vec::new(),
            };
            GoodsNode {
                code: code.to_string(),
                label,
                value,
                share: share(value, total).unwrap_or(0.0),
                children,
            }
        })
        .collect()
}
