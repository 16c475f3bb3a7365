//! The columnar trade table the views compute on.
//!
//! Products and countries are stored as indices into the [`Catalog`](crate::catalog::Catalog), so that
//! filters become lookups in small boolean masks and aggregations index plain vectors.

use crate::codes::{Flow, Period, Territory};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TradeTable {
    /// The territory the file describes (a région or France file sums its départements).
    pub territory: Territory,
    /// Distinct quarters present, sorted; `period` indexes into it.
    pub periods: Vec<Period>,
    pub period: Vec<u8>,
    pub flow: Vec<Flow>,
    /// Catalog product index per row; empty when the file is summed over products.
    pub product: Vec<u16>,
    /// Catalog country index per row.
    pub country: Vec<u16>,
    /// Département codes present, sorted; `departement` indexes into it. Empty unless the file
    /// keeps the département dimension (the file of all départements by partner country).
    pub departements: Vec<String>,
    pub departement: Vec<u16>,
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
}
