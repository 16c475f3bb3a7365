//! « Ce qui a changé »: the selected period against the same quarters a year earlier — the partner
//! countries (or the goods) that gained and lost most, in euros and in %, and each one's contribution
//! to the change of the flow's total, in points.
//!
//! Rules: change = value − value a year earlier; relative change = change / value a year earlier;
//! contribution = change / the flow's total a year earlier (its sum over all is the total's change).
//! The 5 largest gains and the 5 largest losses are listed, per flow; ties by code.

use super::share;
use crate::catalog::{Catalog, ProductGrouping};
use crate::codes::{Flow, ProductLevel};
use crate::filter::{Filter, Row, RowFilter};
use crate::trade_table::TradeTable;
use serde::Serialize;

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

/// What a row is summed under: its country's index in the catalog, or its good's index among the
/// sorted codes of the level.
struct Keys<'c> {
    by: ChangeBy,
    catalog: &'c Catalog,
    grouping: Option<&'c ProductGrouping>,
}

impl<'c> Keys<'c> {
    fn new(catalog: &'c Catalog, by: ChangeBy, level: ProductLevel) -> Self {
        Keys {
            by,
            catalog,
            grouping: catalog.grouping(level),
        }
    }

    fn count(&self) -> usize {
        match self.by {
            ChangeBy::Partners => self.catalog.countries.len(),
            ChangeBy::Goods => self.grouping.map_or(0, |grouping| grouping.codes.len()),
        }
    }

    /// The key of a row; none for an id the code lists do not have (none in a checked file), left
    /// out as a code would be.
    fn of(&self, row: &Row) -> Option<usize> {
        match self.by {
            ChangeBy::Partners => self
                .catalog
                .country(row.country)
                .map(|_| usize::from(row.country)),
            ChangeBy::Goods => {
                self.catalog.product(row.product)?;
                Some(self.grouping?.group(row.product))
            }
        }
    }

    /// The code and the label of a key.
    fn code_and_label(&self, key: usize) -> (&'c str, &'c str) {
        match self.by {
            ChangeBy::Partners => u16::try_from(key)
                .ok()
                .and_then(|id| self.catalog.country(id))
                .map_or(("", ""), |country| {
                    (country.code.as_str(), country.label.as_str())
                }),
            ChangeBy::Goods => self.grouping.map_or(("", ""), |grouping| {
                (grouping.code(key), grouping.label(key))
            }),
        }
    }

    fn code(&self, key: usize) -> &'c str {
        self.code_and_label(key).0
    }
}

/// Filtered sums per flow (exports, imports) and key: none while no row has the key.
fn sums(
    table: &TradeTable,
    catalog: &Catalog,
    filter: &Filter,
    keys: &Keys,
) -> [Vec<Option<i64>>; 2] {
    let mut sums = [vec![None; keys.count()], vec![None; keys.count()]];
    RowFilter::new(filter, table, catalog).for_each(table, |row| {
        let flow = match row.flow {
            Flow::Export => 0,
            Flow::Import => 1,
        };
        if let Some(sum) = keys.of(&row).and_then(|key| sums[flow].get_mut(key)) {
            *sum = Some(sum.unwrap_or(0) + row.value);
        }
    });
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
    let keys = Keys::new(catalog, by, level);
    let current = sums(now, catalog, filter, &keys);
    let before = sums(earlier, catalog, earlier_filter, &keys);
    let flows = Flow::BOTH
        .into_iter()
        .zip(current.iter().zip(&before))
        .map(|(flow, (current, before))| {
            let total_of = |sums: &[Option<i64>]| -> i64 { sums.iter().flatten().sum() };
            let (total, earlier_total) = (total_of(current), total_of(before));
            // (key, value, earlier, change) of every key present in either period.
            let mut rows: Vec<(usize, i64, i64, i64)> = current
                .iter()
                .zip(before)
                .enumerate()
                .filter(|(_, (value, earlier))| value.is_some() || earlier.is_some())
                .map(|(key, (value, earlier))| {
                    let (value, earlier) = (value.unwrap_or(0), earlier.unwrap_or(0));
                    (key, value, earlier, value - earlier)
                })
                .collect();
            crate::sorting::sort_by(&mut rows, |a, b| {
                b.3.cmp(&a.3)
                    .then_with(|| keys.code(a.0).cmp(keys.code(b.0)))
            });
            let row = |&(key, value, earlier, change): &(usize, i64, i64, i64)| ChangeRow {
                code: keys.code(key).to_string(),
                label: keys.code_and_label(key).1.to_string(),
                value,
                earlier,
                change,
                relative: share(change, earlier),
                contribution: share(change, earlier_total),
            };
            let gains: Vec<ChangeRow> = rows
                .iter()
                .filter(|row| row.3 > 0)
                .take(LISTED)
                .map(row)
                .collect();
            let losses: Vec<ChangeRow> = rows
                .iter()
                .rev()
                .filter(|row| row.3 < 0)
                .take(LISTED)
                .map(row)
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
