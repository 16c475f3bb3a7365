//! Totals: the territory's exports and imports, with its share of its région and of France.
//!
//! Rules: value = sum of the filtered rows of the territory; share of the région = value / the same sum
//! over the région's file; share of France = value / the same sum over the France file. A territory is
//! never compared with itself: a région has no région share, France has neither.

use super::share;
use crate::catalog::Catalog;
use crate::codes::{Flow, Territory};
use crate::filter::{Filter, RowFilter};
use crate::trade_table::TradeTable;
use serde::Serialize;

pub const RULE: &str =
    "Valeur du territoire ; part de sa région et de la France, sur les mêmes filtres.";

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlowTotal {
    pub flow: Flow,
    /// Euros.
    pub value: i64,
    pub region_value: Option<i64>,
    pub france_value: Option<i64>,
    pub share_of_region: Option<f64>,
    pub share_of_france: Option<f64>,
    /// The same flow over the same quarters a year earlier, when the data hold them.
    pub earlier_value: Option<i64>,
    /// (value − earlier) / earlier.
    pub change: Option<f64>,
}

impl FlowTotal {
    pub fn set_earlier(&mut self, earlier: i64) {
        self.earlier_value = Some(earlier);
        self.change = share(self.value - earlier, earlier);
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Totals {
    pub territory: Territory,
    pub region: Option<Territory>,
    pub exports: FlowTotal,
    pub imports: FlowTotal,
    /// The quarters a year earlier, for people (`2023`), when the change is given.
    pub earlier_period: Option<String>,
}

/// Sums of the filtered values, exports and imports, in one pass.
pub fn filtered_totals(table: &TradeTable, catalog: &Catalog, filter: &Filter) -> [i64; 2] {
    let mut sums = [0_i64; 2];
    // Indexed by the flow rather than matched on it: no branch in the loop.
    RowFilter::new(filter, table, catalog).for_each(table, |row| {
        sums[usize::from(row.flow == Flow::Import)] += row.value;
    });
    sums
}

/// Sum of the filtered values of a flow.
pub fn filtered_total(table: &TradeTable, catalog: &Catalog, filter: &Filter, flow: Flow) -> i64 {
    let [exports, imports] = filtered_totals(table, catalog, filter);
    if flow == Flow::Export {
        exports
    } else {
        imports
    }
}

pub fn totals(
    territory: &TradeTable,
    region: Option<&TradeTable>,
    france: Option<&TradeTable>,
    catalog: &Catalog,
    filter: &Filter,
) -> Totals {
    let sums = |table: &TradeTable| filtered_totals(table, catalog, filter);
    totals_from_sums(
        territory,
        region.map(|region| (region, sums(region))),
        france.map(sums),
        sums(territory),
    )
}

/// The totals from each table's sums `[exports, imports]` (the région's and France's can be reused
/// from one territory to the next).
pub fn totals_from_sums(
    territory: &TradeTable,
    region: Option<(&TradeTable, [i64; 2])>,
    france_sums: Option<[i64; 2]>,
    own: [i64; 2],
) -> Totals {
    let region_sums = region.map(|(_, sums)| sums);
    let flow_total = |flow: Flow| {
        let pick = |sums: [i64; 2]| {
            if flow == Flow::Export {
                sums[0]
            } else {
                sums[1]
            }
        };
        let value = pick(own);
        let region_value = region_sums.map(pick);
        let france_value = france_sums.map(pick);
        FlowTotal {
            flow,
            value,
            region_value,
            france_value,
            share_of_region: region_value.and_then(|whole| share(value, whole)),
            share_of_france: france_value.and_then(|whole| share(value, whole)),
            earlier_value: None,
            change: None,
        }
    };
    Totals {
        territory: territory.territory.clone(),
        region: region.map(|(table, _)| table.territory.clone()),
        exports: flow_total(Flow::Export),
        imports: flow_total(Flow::Import),
        earlier_period: None,
    }
}
