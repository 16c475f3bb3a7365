//! « Ce qui a changé »: the selected period against the same quarters a year earlier — the partner
//! countries (or the goods) that gained and lost most, in euros and in %, and each one's contribution
//! to the change of the flow's total, in points.
//!
//! Rules: change = value − value a year earlier; relative change = change / value a year earlier;
//! contribution = change / the flow's total a year earlier (its sum over all is the total's change).
//! The 5 largest gains and the 5 largest losses are listed, per flow; ties by code.

use super::share;
use crate::catalog::Catalog;
use crate::codes::{Flow, ProductLevel};
use crate::filter::{Filter, RowFilter};
use crate::table::TradeTable;
use serde::Serialize;
use std::collections::BTreeMap;

pub const LISTED: usize = 5;

pub const RULE: &str = "Écart = valeur − valeur un an plus tôt, sur les mêmes trimestres ; \
contribution = écart / total du flux un an plus tôt, en points ; les 5 plus fortes hausses et baisses.";

/// What the change is broken down by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeBy {
    Partners,
    Goods,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangeRow {
    pub code: String,
    pub label: String,
    /// Euros, in the period and a year earlier.
    pub value: i64,
    pub earlier: i64,
    pub change: i64,
    /// Change / value a year earlier; none when it was zero.
    pub relative: Option<f64>,
    /// Change / the flow's total a year earlier (× 100 for points); none when that was zero.
    pub contribution: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlowChange {
    pub flow: Flow,
    pub total: i64,
    pub earlier_total: i64,
    pub relative: Option<f64>,
    /// Largest gains first.
    pub gains: Vec<ChangeRow>,
    /// Largest losses first.
    pub losses: Vec<ChangeRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub by: ChangeBy,
    pub level: ProductLevel,
    pub flows: Vec<FlowChange>,
}

/// Filtered sums per key (country, or good at the level) and flow. Rows are summed by their country
/// or product id first (a row costs an index, not a code's string), then by code.
fn sums(
    table: &TradeTable,
    catalog: &Catalog,
    filter: &Filter,
    by: ChangeBy,
    level: ProductLevel,
) -> BTreeMap<(Flow, String), i64> {
    let ids = match by {
        ChangeBy::Partners => catalog.countries.len(),
        ChangeBy::Goods => catalog.products.len(),
    };
    // Per flow (exports, imports) and id: the sum, none while no row has it.
    let mut by_id: [Vec<Option<i64>>; 2] = [vec![None; ids], vec![None; ids]];
    RowFilter::new(filter, table, catalog).for_each(table, |row| {
        let id = match by {
            ChangeBy::Partners => row.country,
            ChangeBy::Goods => row.product,
        };
        let flow = match row.flow {
            Flow::Export => 0,
            Flow::Import => 1,
        };
        // An id the code lists do not have (none in a checked file) is left out, as a code would be.
        if let Some(sum) = by_id[flow].get_mut(usize::from(id)) {
            *sum = Some(sum.unwrap_or(0) + row.value);
        }
    });
    let mut sums = BTreeMap::new();
    for (flow, by_id) in Flow::BOTH.into_iter().zip(by_id) {
        for (id, sum) in by_id.into_iter().enumerate() {
            let (Some(sum), Ok(id)) = (sum, u16::try_from(id)) else {
                continue;
            };
            let key = match by {
                ChangeBy::Partners => catalog.country(id).map(|c| c.code.clone()),
                ChangeBy::Goods => catalog.product(id).map(|p| p.code(level).to_string()),
            };
            if let Some(key) = key {
                *sums.entry((flow, key)).or_insert(0) += sum;
            }
        }
    }
    sums
}

/// `earlier_filter` is the same filter on the quarters a year earlier.
pub fn change(
    now: &TradeTable,
    earlier: &TradeTable,
    catalog: &Catalog,
    filter: &Filter,
    earlier_filter: &Filter,
    by: ChangeBy,
    level: ProductLevel,
) -> Change {
    let current = sums(now, catalog, filter, by, level);
    let before = sums(earlier, catalog, earlier_filter, by, level);
    let label = |code: &str| match by {
        ChangeBy::Partners => catalog
            .country_id(code)
            .and_then(|id| catalog.country(id))
            .map(|c| c.label.clone())
            .unwrap_or_else(|| code.to_string()),
        ChangeBy::Goods => catalog
            .product_label(level, code)
            .unwrap_or(code)
            .to_string(),
    };
    let flows = Flow::BOTH
        .into_iter()
        .map(|flow| {
            let total_of = |sums: &BTreeMap<(Flow, String), i64>| -> i64 {
                sums.iter()
                    .filter(|((f, _), _)| *f == flow)
                    .map(|(_, v)| v)
                    .sum()
            };
            let (total, earlier_total) = (total_of(&current), total_of(&before));
            let mut codes: Vec<&String> = current
                .keys()
                .chain(before.keys())
                .filter(|(f, _)| *f == flow)
                .map(|(_, code)| code)
                .collect();
            codes.sort();
            codes.dedup();
            let mut rows: Vec<ChangeRow> = codes
                .into_iter()
                .map(|code| {
                    let value = current.get(&(flow, code.clone())).copied().unwrap_or(0);
                    let earlier = before.get(&(flow, code.clone())).copied().unwrap_or(0);
                    let change = value - earlier;
                    ChangeRow {
                        code: code.clone(),
                        // Named once listed (a label is looked up in the code lists).
                        label: String::new(),
                        value,
                        earlier,
                        change,
                        relative: share(change, earlier),
                        contribution: share(change, earlier_total),
                    }
                })
                .collect();
            rows.sort_by(|a, b| b.change.cmp(&a.change).then_with(|| a.code.cmp(&b.code)));
            let named = |row: &ChangeRow| ChangeRow {
                label: label(&row.code),
                ..row.clone()
            };
            let gains: Vec<ChangeRow> = rows
                .iter()
                .filter(|row| row.change > 0)
                .take(LISTED)
                .map(named)
                .collect();
            let losses: Vec<ChangeRow> = rows
                .iter()
                .rev()
                .filter(|row| row.change < 0)
                .take(LISTED)
                .map(named)
                .collect();
            FlowChange {
                flow,
                total,
                earlier_total,
                relative: share(total - earlier_total, earlier_total),
                gains,
                losses,
            }
        })
        .collect();
    Change { by, level, flows }
}
