//! Specialisation: each good's share in the territory's flow against its share in France's.
//!
//! Rules: share = the good's value / the flow's total, for the territory and for France, on the same
//! filters; index = territory share / France share (above 1: the territory is specialised in the good).
//! Goods sorted by the territory's value.

use super::goods::{goods_at_level, Goods};
use crate::catalog::Catalog;
use crate::codes::{Flow, ProductLevel};
use crate::filter::Filter;
use crate::trade_table::TradeTable;
use serde::Serialize;
use std::collections::HashMap;

pub const RULE: &str =
    "Part du bien dans le flux du territoire comparée à sa part au niveau national ; \
indice = part du territoire / part nationale (au-dessus de 1 : spécialisation).";

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpecialisationRow {
    pub code: String,
    pub label: String,
    pub value: i64,
    pub territory_share: f64,
    pub france_share: f64,
    pub index: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Specialisation {
    pub flow: Flow,
    pub level: ProductLevel,
    pub rows: Vec<SpecialisationRow>,
}

/// The smallest share of the territory's exports a good needs to be called over-represented: a
/// tiny flow can have a huge index.
pub const OVER_REPRESENTED_MIN_SHARE: f64 = 0.01;

impl Specialisation {
    /// The goods of at least `OVER_REPRESENTED_MIN_SHARE` of the flow that have an index, highest
    /// index first (ties by code): what the key points and the comparison name.
    pub fn most_over_represented(&self) -> Vec<(&SpecialisationRow, f64)> {
        let mut rows: Vec<(&SpecialisationRow, f64)> = self
            .rows
            .iter()
            .filter(|row| row.territory_share >= OVER_REPRESENTED_MIN_SHARE)
            .filter_map(|row| row.index.map(|index| (row, index)))
            .collect();
        crate::sorting::sort_by(&mut rows, |(a, index_a), (b, index_b)| {
            index_b.total_cmp(index_a).then_with(|| a.code.cmp(&b.code))
        });
        rows
    }
}

pub fn specialisation(
    territory: &TradeTable,
    france: &TradeTable,
    catalog: &Catalog,
    filter: &Filter,
    flow: Flow,
    level: ProductLevel,
) -> Specialisation {
    let local = goods_at_level(territory, catalog, filter, flow, level);
    specialisation_from(
        &local,
        &goods_at_level(france, catalog, filter, flow, level),
    )
}

/// The specialisation from the territory's goods and France's (which can be reused from one
/// territory to the next).
pub fn specialisation_from(local: &Goods, national: &Goods) -> Specialisation {
    let (flow, level) = (local.flow, local.level);
    let national_share: HashMap<&str, f64> = national
        .nodes
        .iter()
        .map(|node| (node.code.as_str(), node.share))
        .collect();
    let rows = local
        .nodes
        .iter()
        .map(|node| {
            let france_share = national_share
                .get(node.code.as_str())
                .copied()
                .unwrap_or(0.0);
            SpecialisationRow {
                code: node.code.clone(),
                label: node.label.clone(),
                value: node.value,
                territory_share: node.share,
                france_share,
                index: (france_share > 0.0).then(|| node.share / france_share),
            }
        })
        .collect();
    Specialisation { flow, level, rows }
}
