//! Selections of the dashboard: quarters, a product at any level, a partner country or group.

use crate::catalog::{Catalog, CountryGroup};
use crate::codes::{Period, ProductLevel};
use crate::trade_table::TradeTable;
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
            .map(|product| product.code(self.level) == self.code)
            .collect()
    }

    /// The A38 sections of the products the selection keeps, sorted: the files of all départements
    /// by product are cut by section.
    pub fn sections<'c>(&self, catalog: &'c Catalog) -> Vec<&'c str> {
        let mut sections: Vec<&str> = catalog
            .products
            .iter()
            .filter(|product| product.code(self.level) == self.code)
            .map(|product| product.a38.as_str())
            .collect();
        crate::sorting::sort_dedup(&mut sections);
        sections
    }
}

/// What the user selected. An empty period list means every quarter in the data.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    pub periods: Vec<Period>,
    pub product: Option<ProductSelection>,
    pub country: Option<CountrySelection>,
}

impl Filter {
    /// Whether the selected quarters take in rows of this period (none selected: every period).
    pub fn covers(&self, period: &Period) -> bool {
        self.periods.is_empty() || period.is_within(&self.periods)
    }
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
                .map(|period| filter.covers(period))
                .collect(),
            product_kept: filter.product.as_ref().map(|product| product.mask(catalog)),
            country_kept: filter.country.as_ref().map(|country| country.mask(catalog)),
        }
    }

    /// Without the partner-country part: the exposure view sets its own.
    pub fn without_country(mut self) -> Self {
        self.country_kept = None;
        self
    }

    /// Calls `visit` with every row the filter keeps, in table order. The columns are walked with
    /// zipped iterators (no per-row bounds checks): this loop is the engine's hot path.
    pub fn for_each(&self, table: &TradeTable, visit: impl FnMut(Row)) {
        use std::iter::repeat;
        let products = || table.product.iter().copied();
        let countries = || table.country.iter().copied();
        let departements = || table.departement.iter().copied();
        match (
            table.product.is_empty(),
            table.departement.is_empty(),
            table.country.is_empty(),
        ) {
            (false, true, false) => self.scan(table, products(), countries(), repeat(0), visit),
            (true, false, false) => self.scan(
                table,
                repeat(NO_PRODUCT),
                countries(),
                departements(),
                visit,
            ),
            (false, false, false) => {
                self.scan(table, products(), countries(), departements(), visit)
            }
            (true, true, false) => {
                self.scan(table, repeat(NO_PRODUCT), countries(), repeat(0), visit)
            }
            // The file of all départements by product, summed over partner countries.
            (false, false, true) => {
                self.scan(table, products(), repeat(NO_COUNTRY), departements(), visit)
            }
            // No file has this shape (the reader refuses it); walked all the same, never dropped.
            (no_products, no_departements, true) => {
                let products: Box<dyn Iterator<Item = u16>> = if no_products {
                    Box::new(repeat(NO_PRODUCT))
                } else {
                    Box::new(products())
                };
                let departements: Box<dyn Iterator<Item = u16>> = if no_departements {
                    Box::new(repeat(0))
                } else {
                    Box::new(departements())
                };
                self.scan(table, products, repeat(NO_COUNTRY), departements, visit)
            }
        }
    }

    /// Whether every row of the table is kept (no product or country mask, every quarter covered).
    fn keeps_every_row(&self) -> bool {
        self.product_kept.is_none()
            && self.country_kept.is_none()
            && self.period_kept.iter().all(|&kept| kept)
    }

    fn scan(
        &self,
        table: &TradeTable,
        products: impl Iterator<Item = u16>,
        countries: impl Iterator<Item = u16>,
        departements: impl Iterator<Item = u16>,
        mut visit: impl FnMut(Row),
    ) {
        // Without a filter (the portrait's default view) no row is checked: a branch the processor
        // predicts, where a loop compiled twice would weigh on the WASM.
        let check = !self.keeps_every_row();
        let flag =
            |mask: &[bool], index: u16| mask.get(usize::from(index)).copied().unwrap_or(false);
        let columns = table
            .period
            .iter()
            .zip(&table.flow)
            .zip(products)
            .zip(countries)
            .zip(departements)
            .zip(&table.value);
        for (((((&period, &flow), product), country), departement), &value) in columns {
            let kept = !check
                || flag(&self.period_kept, u16::from(period))
                    && self
                        .product_kept
                        .as_deref()
                        .is_none_or(|mask| flag(mask, product))
                    && self
                        .country_kept
                        .as_deref()
                        .is_none_or(|mask| flag(mask, country));
            if kept {
                visit(Row {
                    period,
                    flow,
                    product,
                    country,
                    departement,
                    value,
                });
            }
        }
    }
}

/// Product index of the rows of a file summed over products (the filter on products drops them).
const NO_PRODUCT: u16 = u16::MAX;

/// Country index of the rows of a file summed over partner countries (a country filter drops them).
const NO_COUNTRY: u16 = u16::MAX;

/// One row kept by a filter: what the views aggregate.
#[derive(Debug, Clone, Copy)]
pub struct Row {
    /// Index into the table's `periods`.
    pub period: u8,
    pub flow: crate::codes::Flow,
    /// Catalog product index (`u16::MAX` in a file summed over products).
    pub product: u16,
    /// Catalog country index (`u16::MAX` in a file summed over countries).
    pub country: u16,
    /// Index into the table's `departements` (0 when the file has no département column).
    pub departement: u16,
    pub value: i64,
}
