//! The columnar trade table the views compute on.
//!
//! Products and countries are stored as indices into the [`Catalog`](crate::catalog::Catalog), so that
//! filters become lookups in small boolean masks and aggregations index plain vectors.

use crate::codes::{Flow, Period, Territory};
use crate::CoreError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TradeTable {
    /// The territory the file describes (a région or France file sums its départements).
    pub territory: Territory,
    /// Distinct quarters present, sorted; `period` indexes into it. A file summed over a year's
    /// quarters holds that whole year instead ([`Period::whole_year`]).
    pub periods: Vec<Period>,
    pub period: Vec<u8>,
    pub flow: Vec<Flow>,
    /// Catalog product index per row; empty when the file is summed over products.
    pub product: Vec<u16>,
    /// Catalog country index per row; empty when the file is summed over partner countries (the file
    /// of all départements by product).
    pub country: Vec<u16>,
    /// Département codes present, sorted; `departement` indexes into it. Empty unless the file
    /// keeps the département dimension (the files of all départements, by partner country or by
    /// product).
    pub departements: Vec<String>,
    pub departement: Vec<u16>,
    /// The file of all départements by product: summed over partner countries, so no country column
    /// (said here too, for a section without rows).
    pub summed_over_countries: bool,
    /// Euros. (The customs' mass in kg is checked by the pipeline but not kept: no view reads it,
    /// and it would make every file about 40 % larger.)
    pub value: Vec<i64>,
}

impl TradeTable {
    pub fn empty(territory: Territory) -> Self {
        TradeTable {
            territory,
            periods: Vec::new(),
            period: Vec::new(),
            flow: Vec::new(),
            product: Vec::new(),
            country: Vec::new(),
            departements: Vec::new(),
            departement: Vec::new(),
            summed_over_countries: false,
            value: Vec::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.value.len()
    }

    pub fn is_empty(&self) -> bool {
        self.value.is_empty()
    }

    pub fn has_departements(&self) -> bool {
        !self.departement.is_empty()
    }

    /// Sum of values per flow, over every row.
    pub fn total(&self, flow: Flow) -> i64 {
        self.flow
            .iter()
            .zip(&self.value)
            .filter(|(row_flow, _)| **row_flow == flow)
            .map(|(_, value)| value)
            .sum()
    }

    /// Several tables of one territory as one (years, or sections of a file by product): quarters
    /// merged, rows appended. The tables must describe the same territory, list the same
    /// départements and have the same columns.
    pub fn concat(tables: &[&TradeTable]) -> Result<TradeTable, CoreError> {
        let Some(first) = tables.first() else {
            return Err(CoreError::Manifest("no table to put together".into()));
        };
        let mut merged = TradeTable::empty(first.territory.clone());
        // The départements of every table (a file lists those it has rows for), each once.
        let mut departements: Vec<String> = tables
            .iter()
            .flat_map(|table| table.departements.iter().cloned())
            .collect();
        crate::sorting::sort_dedup(&mut departements);
        let mut periods: Vec<Period> = tables.iter().flat_map(|t| t.periods.clone()).collect();
        crate::sorting::sort_dedup(&mut periods);
        for table in tables {
            // A table without rows has no column to disagree with (a section empty that year).
            let same_columns = table.is_empty()
                || first.is_empty()
                || (table.product.is_empty() == first.product.is_empty()
                    && table.country.is_empty() == first.country.is_empty()
                    && table.departement.is_empty() == first.departement.is_empty());
            if table.territory != first.territory
                || table.summed_over_countries != first.summed_over_countries
                || !same_columns
            {
                return Err(CoreError::Manifest(format!(
                    "the files of {} put together do not describe the same territory with the same columns",
                    first.territory
                )));
            }
            let remap: Vec<u8> = table
                .periods
                .iter()
                .map(|period| {
                    let index = periods.iter().position(|p| p == period).unwrap_or(0);
                    u8::try_from(index).unwrap_or(u8::MAX)
                })
                .collect();
            merged.period.extend(
                table
                    .period
                    .iter()
                    .map(|&index| remap.get(usize::from(index)).copied().unwrap_or(u8::MAX)),
            );
            merged.flow.extend_from_slice(&table.flow);
            merged.product.extend_from_slice(&table.product);
            merged.country.extend_from_slice(&table.country);
            let departement_remap: Vec<u16> = table
                .departements
                .iter()
                .map(|code| {
                    let index = departements.binary_search(code).unwrap_or(0);
                    u16::try_from(index).unwrap_or(u16::MAX)
                })
                .collect();
            merged
                .departement
                .extend(table.departement.iter().map(|&index| {
                    departement_remap
                        .get(usize::from(index))
                        .copied()
                        .unwrap_or(u16::MAX)
                }));
            merged.value.extend_from_slice(&table.value);
        }
        // A year both whole and by quarter would be counted twice.
        if let Some(year) = periods.iter().find(|period| {
            period.is_whole_year()
                && periods
                    .iter()
                    .any(|other| other.year == period.year && !other.is_whole_year())
        }) {
            return Err(CoreError::Manifest(format!(
                "the files of {} put together hold {} both summed and by quarter",
                first.territory, year.year
            )));
        }
        merged.periods = periods;
        merged.departements = departements;
        merged.summed_over_countries = first.summed_over_countries;
        Ok(merged)
    }

    /// The same rows summed over each year's quarters (the year files of whole years): one row per
    /// year, flow, département, product and country, in that order.
    pub fn summed_over_quarters(&self) -> TradeTable {
        type Key = (u16, Flow, u16, u16, u16);
        let at = |column: &[u16], row: usize| column.get(row).copied().unwrap_or(0);
        let mut sums: std::collections::BTreeMap<Key, i64> = std::collections::BTreeMap::new();
        for row in 0..self.len() {
            let year = self
                .period
                .get(row)
                .and_then(|&index| self.periods.get(usize::from(index)))
                .map_or(0, |period| period.year);
            let Some(&flow) = self.flow.get(row) else {
                continue;
            };
            let key = (
                year,
                flow,
                at(&self.departement, row),
                at(&self.product, row),
                at(&self.country, row),
            );
            *sums.entry(key).or_insert(0) += self.value.get(row).copied().unwrap_or(0);
        }
        let mut years: Vec<u16> = sums.keys().map(|key| key.0).collect();
        years.dedup();
        let mut summed = TradeTable {
            periods: years.iter().map(|&year| Period::whole_year(year)).collect(),
            departements: self.departements.clone(),
            summed_over_countries: self.summed_over_countries,
            ..TradeTable::empty(self.territory.clone())
        };
        for (&(year, flow, departement, product, country), &value) in &sums {
            let index = years.iter().position(|&known| known == year).unwrap_or(0);
            summed.period.push(u8::try_from(index).unwrap_or(u8::MAX));
            summed.flow.push(flow);
            if self.has_departements() {
                summed.departement.push(departement);
            }
            if !self.product.is_empty() {
                summed.product.push(product);
            }
            if !self.country.is_empty() {
                summed.country.push(country);
            }
            summed.value.push(value);
        }
        summed
    }
}
