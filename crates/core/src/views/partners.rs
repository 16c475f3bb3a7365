//! Partner countries: the territory's main partners with imports, exports and the trade balance.
//!
//! Rules: countries ranked by imports + exports (then by code); the first `top` are kept;
//! balance = exports − imports, shown red when negative and green when positive.

use super::rank_by_value;
use crate::catalog::Catalog;
use crate::codes::Flow;
use crate::filter::{Filter, RowFilter};
use crate::trade_table::TradeTable;
use serde::Serialize;

pub const RULE: &str =
    "Pays classés par importations + exportations ; solde = exportations − importations \
(rouge s'il est négatif, vert s'il est positif).";
pub const DEFAULT_TOP: usize = 15;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartnerRow {
    pub code: String,
    pub label: String,
    pub imports: i64,
    pub exports: i64,
    pub balance: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Partners {
    pub rows: Vec<PartnerRow>,
    /// How many countries have trade under the filter (the chart shows the first rows only).
    pub country_count: usize,
}

pub fn partners(table: &TradeTable, catalog: &Catalog, filter: &Filter, top: usize) -> Partners {
    let mut exports = vec![0_i64; catalog.countries.len()];
    let mut imports = vec![0_i64; catalog.countries.len()];
    let mut seen = vec![false; catalog.countries.len()];
    RowFilter::new(filter, table, catalog).for_each(table, |row| {
        let index = usize::from(row.country);
        let target = if row.flow == Flow::Export {
            &mut exports
        } else {
            &mut imports
        };
        if let (Some(sum), Some(flag)) = (target.get_mut(index), seen.get_mut(index)) {
            *sum += row.value;
            *flag = true;
        }
    });
    let mut ranked: Vec<((&str, usize), i64)> = catalog
        .countries
        .iter()
        .enumerate()
        .filter(|(i, _)| seen.get(*i).copied().unwrap_or(false))
        .map(|(i, c)| {
            (
                (c.code.as_str(), i),
                exports.get(i).copied().unwrap_or(0) + imports.get(i).copied().unwrap_or(0),
            )
        })
        .collect();
    rank_by_value(&mut ranked);
    let country_count = ranked.len();
    let rows = ranked
        .into_iter()
        .take(top)
        .filter_map(|((_, i), _)| {
            let country = catalog.countries.get(i)?;
            let exports = exports.get(i).copied().unwrap_or(0);
            let imports = imports.get(i).copied().unwrap_or(0);
            Some(PartnerRow {
                code: country.code.clone(),
                label: country.label.clone(),
                imports,
                exports,
                balance: exports - imports,
            })
        })
        .collect();
    Partners {
        rows,
        country_count,
    }
}
