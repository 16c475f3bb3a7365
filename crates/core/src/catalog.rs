//! The code lists with French labels: products with their hierarchy, countries with their groups.

use crate::codes::ProductLevel;
use crate::CoreError;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One CPF4 product and the aggregates it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Product {
    pub cpf4: String,
    pub cpf4_label: String,
    pub a129: String,
    pub a129_label: String,
    pub a38: String,
    pub a38_label: String,
    pub a17: String,
    pub a17_label: String,
}

impl Product {
    pub fn code(&self, level: ProductLevel) -> &str {
        match level {
            ProductLevel::Cpf4 => &self.cpf4,
            ProductLevel::A129 => &self.a129,
            ProductLevel::A38 => &self.a38,
            ProductLevel::A17 => &self.a17,
        }
    }

    pub fn label(&self, level: ProductLevel) -> &str {
        match level {
            ProductLevel::Cpf4 => &self.cpf4_label,
            ProductLevel::A129 => &self.a129_label,
            ProductLevel::A38 => &self.a38_label,
            ProductLevel::A17 => &self.a17_label,
        }
    }
}

/// The partner-country groups the filters offer. A country belongs to one zone (the EU 27 or a
/// continent outside it, or the customs-only codes) and may belong to the euro area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CountryGroup {
    Eu27,
    EuroArea,
    EuropeOutsideEu,
    Americas,
    Asia,
    Africa,
    Oceania,
    /// Customs-only codes: stores and provisions, undetermined countries, etc.
    CustomsOnly,
}

impl CountryGroup {
    pub const ALL: [CountryGroup; 8] = [
        CountryGroup::Eu27,
        CountryGroup::EuroArea,
        CountryGroup::EuropeOutsideEu,
        CountryGroup::Americas,
        CountryGroup::Asia,
        CountryGroup::Africa,
        CountryGroup::Oceania,
        CountryGroup::CustomsOnly,
    ];

    /// The code used in URLs and on the command line (`group:eu27`).
    pub fn code(self) -> &'static str {
        match self {
            CountryGroup::Eu27 => "eu27",
            CountryGroup::EuroArea => "euro-area",
            CountryGroup::EuropeOutsideEu => "europe-outside-eu",
            CountryGroup::Americas => "americas",
            CountryGroup::Asia => "asia",
            CountryGroup::Africa => "africa",
            CountryGroup::Oceania => "oceania",
            CountryGroup::CustomsOnly => "customs-only",
        }
    }

    pub fn label_fr(self) -> &'static str {
        match self {
            CountryGroup::Eu27 => "Union européenne (27)",
            CountryGroup::EuroArea => "Zone euro",
            CountryGroup::EuropeOutsideEu => "Europe hors UE",
            CountryGroup::Americas => "Amériques",
            CountryGroup::Asia => "Asie et Proche-Orient",
            CountryGroup::Africa => "Afrique",
            CountryGroup::Oceania => "Océanie",
            CountryGroup::CustomsOnly => "Codes douaniers spéciaux",
        }
    }

    pub fn from_code(code: &str) -> Option<CountryGroup> {
        CountryGroup::ALL
            .into_iter()
            .find(|group| group.code() == code)
    }

    /// The zones partition the countries (the EU 27 is one of them); the euro area cuts across.
    pub fn is_zone(self) -> bool {
        self != CountryGroup::EuroArea
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Country {
    pub code: String,
    pub label: String,
    pub zone: CountryGroup,
    pub eu27: bool,
    pub euro_area: bool,
}

impl Country {
    pub fn is_in(&self, group: CountryGroup) -> bool {
        match group {
            CountryGroup::Eu27 => self.eu27,
            CountryGroup::EuroArea => self.euro_area,
            zone => self.zone == zone,
        }
    }
}

/// Both code lists, indexed. Tables refer to products and countries by their index here.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalog {
    pub products: Vec<Product>,
    pub countries: Vec<Country>,
    product_index: HashMap<String, u16>,
    country_index: HashMap<String, u16>,
    /// One grouping per level, in `ProductLevel::ALL` order: computed once, used by every view.
    groupings: Vec<ProductGrouping>,
}

impl Catalog {
    pub fn new(products: Vec<Product>, countries: Vec<Country>) -> Result<Self, CoreError> {
        let too_many = |what: &str| CoreError::Manifest(format!("more than 65 535 {what} codes"));
        let product_index = products
            .iter()
            .enumerate()
            .map(|(i, p)| {
                Ok((
                    p.cpf4.clone(),
                    u16::try_from(i).map_err(|_| too_many("product"))?,
                ))
            })
            .collect::<Result<_, CoreError>>()?;
        let country_index = countries
            .iter()
            .enumerate()
            .map(|(i, c)| {
                Ok((
                    c.code.clone(),
                    u16::try_from(i).map_err(|_| too_many("country"))?,
                ))
            })
            .collect::<Result<_, CoreError>>()?;
        let groupings = ProductLevel::ALL
            .iter()
            .map(|&level| ProductGrouping::new(&products, level))
            .collect();
        Ok(Catalog {
            products,
            countries,
            product_index,
            country_index,
            groupings,
        })
    }

    /// The distinct codes of a level and each product's group among them.
    pub fn grouping(&self, level: ProductLevel) -> Option<&ProductGrouping> {
        let position = ProductLevel::ALL.iter().position(|&l| l == level)?;
        self.groupings.get(position)
    }

    /// The A38 section codes, sorted: the files of all départements by product are cut by them.
    pub fn sections(&self) -> &[String] {
        self.grouping(ProductLevel::A38)
            .map(|grouping| grouping.codes.as_slice())
            .unwrap_or(&[])
    }

    pub fn product_id(&self, cpf4: &str) -> Option<u16> {
        self.product_index.get(cpf4).copied()
    }

    pub fn country_id(&self, code: &str) -> Option<u16> {
        self.country_index.get(code).copied()
    }

    pub fn product(&self, id: u16) -> Option<&Product> {
        self.products.get(usize::from(id))
    }

    pub fn country(&self, id: u16) -> Option<&Country> {
        self.countries.get(usize::from(id))
    }

    /// The label of a product code at a level (the first product carrying that code gives it).
    pub fn product_label(&self, level: ProductLevel, code: &str) -> Option<&str> {
        let grouping = self.grouping(level)?;
        let group = grouping
            .codes
            .binary_search_by(|known| known.as_str().cmp(code))
            .ok()?;
        Some(grouping.label(group))
    }

    /// Finds the level of a product code: CPF4 codes are 4 digits, A129 like `C20B`, A38 like `CE`,
    /// A17 like `C5`. A38 and A17 share some codes (`AZ`); the coarser reading wins only when the finer fails.
    pub fn product_level_of(&self, code: &str) -> Option<ProductLevel> {
        ProductLevel::ALL
            .into_iter()
            .find(|&level| self.products.iter().any(|p| p.code(level) == code))
    }
}

/// For one product level: the distinct codes (sorted) and, per catalog product, the index of its code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProductGrouping {
    pub codes: Vec<String>,
    /// Per code, its label (the first product carrying the code gives it).
    pub labels: Vec<String>,
    pub group_of_product: Vec<usize>,
}

impl ProductGrouping {
    fn new(products: &[Product], level: ProductLevel) -> Self {
        let mut codes: Vec<String> = products
            .iter()
            .map(|product| product.code(level).to_string())
            .collect();
        crate::sorting::sort_dedup(&mut codes);
        let index: HashMap<&str, usize> = codes
            .iter()
            .enumerate()
            .map(|(i, c)| (c.as_str(), i))
            .collect();
        let group_of_product: Vec<usize> = products
            .iter()
            .map(|product| index.get(product.code(level)).copied().unwrap_or(0))
            .collect();
        let mut labels: Vec<Option<String>> = vec![None; codes.len()];
        for (product, &group) in products.iter().zip(&group_of_product) {
            if let Some(label @ None) = labels.get_mut(group) {
                *label = Some(product.label(level).to_string());
            }
        }
        ProductGrouping {
            codes,
            labels: labels.into_iter().map(Option::unwrap_or_default).collect(),
            group_of_product,
        }
    }

    /// The label of a group, by its index among `codes`.
    pub fn label(&self, group: usize) -> &str {
        self.labels.get(group).map_or("", String::as_str)
    }

    /// The code of a group, by its index among `codes`.
    pub fn code(&self, group: usize) -> &str {
        self.codes.get(group).map_or("", String::as_str)
    }

    pub fn group(&self, product: u16) -> usize {
        self.group_of_product
            .get(usize::from(product))
            .copied()
            .unwrap_or(0)
    }
}
