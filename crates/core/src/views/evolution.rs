//! Évolution: the territory's exports, imports and balance by quarter over every quarter of the data,
//! with the région and France as indices (base 100 = the first quarter), under the product and
//! partner filters (the period filter does not apply: the series is the point).
//!
//! Rules: value = sum of the filtered rows of the quarter; index = value / the first quarter's
//! value × 100 (none when the first quarter is zero).

use crate::catalog::Catalog;
use crate::codes::{Flow, Period};
use crate::filter::{Filter, RowFilter};
use crate::trade_table::TradeTable;
use serde::Serialize;

pub const RULE: &str = "Valeurs du territoire par trimestre ; indices base 100 au premier \
trimestre pour le territoire, sa région et la France, sur les mêmes filtres de produit et de pays.";

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuarterPoint {
    pub period: Period,
    /// Euros.
    pub exports: i64,
    pub imports: i64,
    pub balance: i64,
    /// Base 100 = the first quarter: the territory's, its région's, France's.
    pub exports_index: Option<f64>,
    pub region_exports_index: Option<f64>,
    pub france_exports_index: Option<f64>,
    pub imports_index: Option<f64>,
    pub region_imports_index: Option<f64>,
    pub france_imports_index: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evolution {
    pub points: Vec<QuarterPoint>,
    /// Whether the région's and France's indices are given (not for a région's région, not for France).
    pub with_region: bool,
    pub with_france: bool,
}

/// Filtered sums per quarter of `periods`: (exports, imports), over one territory's yearly tables
/// (summed one after the other: no table put together).
fn by_quarter(
    tables: &[&TradeTable],
    catalog: &Catalog,
    filter: &Filter,
    periods: &[Period],
) -> Vec<(i64, i64)> {
    let mut sums = vec![(0_i64, 0_i64); periods.len()];
    for table in tables {
        add_quarters(table, catalog, filter, periods, &mut sums);
    }
    sums
}

fn add_quarters(
    table: &TradeTable,
    catalog: &Catalog,
    filter: &Filter,
    periods: &[Period],
    sums: &mut [(i64, i64)],
) {
    // Each row is added to a slot of a flat table indexed by (quarter, flow), without a branch:
    // slot 2 × the quarter's position in `periods` + the flow; the last pair takes the rows of
    // quarters outside `periods`.
    let outside = 2 * sums.len();
    let slot_of_period: Vec<usize> = table
        .periods
        .iter()
        .map(|period| {
            periods
                .iter()
                .position(|p| p == period)
                .map_or(outside, |position| 2 * position)
        })
        .collect();
    let slot = |period: u8, flow: Flow| {
        slot_of_period
            .get(usize::from(period))
            .copied()
            .unwrap_or(outside)
            + usize::from(flow == Flow::Import)
    };
    let mut flat = vec![0_i64; outside + 2];
    if filter.product.is_none() && filter.country.is_none() {
        // Every row counts: the three columns are walked alone.
        for ((&period, &flow), &value) in table.period.iter().zip(&table.flow).zip(&table.value) {
            if let Some(sum) = flat.get_mut(slot(period, flow)) {
                *sum += value;
            }
        }
    } else {
        let every_quarter = Filter {
            periods: Vec::new(),
            ..filter.clone()
        };
        RowFilter::new(&every_quarter, table, catalog).for_each(table, |row| {
            if let Some(sum) = flat.get_mut(slot(row.period, row.flow)) {
                *sum += row.value;
            }
        });
    }
    for (sum, pair) in sums.iter_mut().zip(flat.chunks_exact(2)) {
        if let [exports, imports] = pair {
            sum.0 += exports;
            sum.1 += imports;
        }
    }
}

/// The exports' and the imports' indices of one territory, quarter by quarter.
type Indices = (Vec<Option<f64>>, Vec<Option<f64>>);

fn index(values: &[i64]) -> Vec<Option<f64>> {
    let base = values.first().copied().unwrap_or(0);
    values
        .iter()
        .map(|&value| (base != 0).then(|| value as f64 / base as f64 * 100.0))
        .collect()
}

/// Each territory is given as its yearly tables.
pub fn evolution(
    territory: &[&TradeTable],
    region: Option<&[&TradeTable]>,
    france: Option<&[&TradeTable]>,
    catalog: &Catalog,
    filter: &Filter,
    periods: &[Period],
) -> Evolution {
    let own = by_quarter(territory, catalog, filter, periods);
    let series = |tables: Option<&[&TradeTable]>| {
        tables.map(|tables| {
            let sums = by_quarter(tables, catalog, filter, periods);
            let exports: Vec<i64> = sums.iter().map(|s| s.0).collect();
            let imports: Vec<i64> = sums.iter().map(|s| s.1).collect();
            (index(&exports), index(&imports))
        })
    };
    let region_series = series(region);
    let france_series = series(france);
    let exports: Vec<i64> = own.iter().map(|s| s.0).collect();
    let imports: Vec<i64> = own.iter().map(|s| s.1).collect();
    let (exports_index, imports_index) = (index(&exports), index(&imports));
    let at = |values: &Option<Indices>, export: bool, i: usize| {
        values
            .as_ref()
            .and_then(|(e, m)| if export { e.get(i) } else { m.get(i) })
            .copied()
            .flatten()
    };
    let points = periods
        .iter()
        .zip(&own)
        .enumerate()
        .map(|(i, (&period, &(exports, imports)))| QuarterPoint {
            period,
            exports,
            imports,
            balance: exports - imports,
            exports_index: exports_index.get(i).copied().flatten(),
            region_exports_index: at(&region_series, true, i),
            france_exports_index: at(&france_series, true, i),
            imports_index: imports_index.get(i).copied().flatten(),
            region_imports_index: at(&region_series, false, i),
            france_imports_index: at(&france_series, false, i),
        })
        .collect();
    Evolution {
        points,
        with_region: region.is_some(),
        with_france: france.is_some(),
    }
}
