//! Selections of the dashboard: quarters, a product at any level, a partner country or group.

use crate::catalog::{Catalog, CountryGroup};
use crate::codes::{Period, ProductLevel};
use crate::table::TradeTable;
use crate::CoreError;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductSelection {
    pub level: ProductLevel,
    pub code: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CountrySelection {
    Country(String),
    Group(CountryGroup),
}

impl CountrySelection {
    /// `US` for a country, `group:eu27` for a group.
    pub fn parse(text: &str, catalog: &Catalog) -> Result<Self, CoreError> {
        let unknown = || CoreError::UnknownCountry(text.to_string());
        if let Some(group) = text.strip_prefix("group:") {
            return CountryGroup::from_code(group)
                .map(CountrySelection::Group)
                .ok_or_else(unknown);
        }
        let code = text.to_ascii_uppercase();
        catalog
            .country_id(&code)
            .map(|_| CountrySelection::Country(code))
            .ok_or_else(unknown)
    }

    pub fn code(&self) -> String {
        match self {
            CountrySelection::Country(code) => code.clone(),
            CountrySelection::Group(group) => format!("group:{}", group.code()),
        }
    }

    pub fn label(&self, catalog: &Catalog) -> String {
        match self {
            CountrySelection::Country(code) => catalog
                .country_id(code)
                .and_then(|id| catalog.country(id))
                .map(|c| c.label.clone())
                .unwrap_or_else(|| code.clone()),
            CountrySelection::Group(group) => group.label_fr().to_string(),
        }
    }

    /// One flag per catalog country.
    pub fn mask(&self, catalog: &Catalog) -> Vec<bool> {
        catalog
            .countries
            .iter()
            .map(|country| match self {
                CountrySelection::Country(code) => &country.code == code,
                CountrySelection::Group(group) => country.is_in(*group),
            })
            .collect()
    }
}

impl ProductSelection {
    /// A code at any level; the level is found from the catalog.
    pub fn parse(text: &str, catalog: &Catalog) -> Result<Self, CoreError> {
        let code = text.trim().to_ascii_uppercase();
        let level = catalog
            .product_level_of(&code)
            .ok_or_else(|| CoreError::UnknownProduct(text.to_string()))?;
        Ok(ProductSelection { level, code })
    }

    pub fn mask(&self, catalog: &Catalog) -> Vec<bool> {
        catalog
            .products
            .iter()
            .map(|p| p.code(self.level) == self.code)
            .collect()
    }
}

/// What the user selected. An empty period list means every quarter in the data.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    pub periods: Vec<Period>,
    pub product: Option<ProductSelection>,
    pub country: Option<CountrySelection>,
}

/// A filter compiled against one table and the catalog: per-row checks are mask lookups.
pub struct RowFilter {
    period_kept: Vec<bool>,
    product_kept: Option<Vec<bool>>,
    country_kept: Option<Vec<bool>>,
}

impl RowFilter {
    pub fn new(filter: &Filter, table: &TradeTable, catalog: &Catalog) -> Self {
        RowFilter {
            period_kept: table
                .periods
                .iter()
                .map(|p| filter.periods.is_empty() || filter.periods.contains(p))
                .collect(),
            product_kept: filter.product.as_ref().map(|p| p.mask(catalog)),
            country_kept: filter.country.as_ref().map(|c| c.mask(catalog)),
        }
    }

    /// Without the partner-country part: the exposure view sets its own.
    pub fn without_country(mut self) -> Self {
        self.country_kept = None;
        self
    }

    pub fn keeps(&self, table: &TradeTable, row: usize) -> bool {
        let flag = |mask: &[bool], index: Option<&u16>| {
            index
                .and_then(|&i| mask.get(usize::from(i)))
                .copied()
                .unwrap_or(false)
        };
        let period_ok = table
            .period
            .get(row)
            .and_then(|&p| self.period_kept.get(usize::from(p)))
            .copied()
            .unwrap_or(false);
        period_ok
            && self
                .product_kept
                .as_deref()
                .is_none_or(|mask| flag(mask, table.product.get(row)))
            && self
                .country_kept
                .as_deref()
                .is_none_or(|mask| flag(mask, table.country.get(row)))
    }
}
