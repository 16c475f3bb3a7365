//! From accepted lines to one table per territory: each département as read, each région summed over
//! its départements, France summed over every line, all départements by partner country (summed
//! over products) for the exposure ranking and the map, and all départements by product (summed over
//! partner countries) for the map under a product filter. Rows are sorted, so the same input gives
//! the same tables.

use crate::code_lists::CodeLists;
use crate::dgddi::Record;
use comex_core::catalog::Catalog;
use comex_core::codes::{Flow, Period, ProductLevel, Territory};
use comex_core::trade_table::TradeTable;
use comex_core::views::dependence::strong_products;
use std::collections::{BTreeMap, BTreeSet};

/// (flow, département or product, country or product, period) → value in euros. The quarters of one
/// flow come last, so that a file's rows hold them side by side: values of one series next to each
/// other compress better (the Oise's 2024 file: 68.8 KB brotli instead of 73.8 with the quarter
/// first). The mass is checked on input but not kept (see `TradeTable::value`).
type Sums = BTreeMap<(Flow, u16, u16, Period), i64>;

pub struct Partitioned {
    pub departements: Vec<TradeTable>,
    pub regions: Vec<TradeTable>,
    pub france: TradeTable,
    pub departements_by_country: TradeTable,
    /// One table per A38 section of the catalog (empty when the section has no trade that year).
    pub departements_by_product: Vec<(String, TradeTable)>,
}

fn add(sums: &mut Sums, key: (Flow, u16, u16, Period), record: &Record) {
    *sums.entry(key).or_insert(0) += record.value;
}

/// What the two last parts of a [`Sums`] key are.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Keys {
    ProductCountry,
    DepartementCountry,
    DepartementProduct,
}

/// A table from sums keyed as `keys` says; `departements` lists the codes of the département indices.
fn table(territory: Territory, sums: &Sums, keys: Keys, departements: &[String]) -> TradeTable {
    let mut table = TradeTable::empty(territory);
    table.periods = sums
        .keys()
        .map(|key| key.3)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    for (&(flow, middle, last, period), &value) in sums {
        let period_index = table.periods.iter().position(|p| *p == period).unwrap_or(0);
        table
            .period
            .push(u8::try_from(period_index).unwrap_or(u8::MAX));
        table.flow.push(flow);
        match keys {
            Keys::ProductCountry => {
                table.product.push(middle);
                table.country.push(last);
            }
            Keys::DepartementCountry => {
                table.departement.push(middle);
                table.country.push(last);
            }
            Keys::DepartementProduct => {
                table.departement.push(middle);
                table.product.push(last);
            }
        }
        table.value.push(value);
    }
    if keys != Keys::ProductCountry {
        table.departements = departements.to_vec();
    }
    table.summed_over_countries = keys == Keys::DepartementProduct;
    table
}

pub fn partition(records: &[Record], lists: &CodeLists, catalog: &Catalog) -> Partitioned {
    let mut per_departement: BTreeMap<u16, Sums> = BTreeMap::new();
    let mut per_region: BTreeMap<&str, Sums> = BTreeMap::new();
    let mut france = Sums::new();
    let mut by_country = Sums::new();
    let a38 = catalog.grouping(ProductLevel::A38);
    let sections = catalog.sections().to_vec();
    let mut by_product: Vec<Sums> = vec![Sums::new(); sections.len()];
    for record in records {
        let Record {
            period,
            flow,
            departement,
            product,
            country,
            ..
        } = *record;
        let product_key = (flow, product, country, period);
        add(
            per_departement.entry(departement).or_default(),
            product_key,
            record,
        );
        if let Some(entry) = lists.departements.get(usize::from(departement)) {
            add(
                per_region.entry(entry.region.as_str()).or_default(),
                product_key,
                record,
            );
        }
        add(&mut france, product_key, record);
        add(
            &mut by_country,
            (flow, departement, country, period),
            record,
        );
        let section = a38.map_or(0, |grouping| grouping.group(product));
        if let Some(sums) = by_product.get_mut(section) {
            add(sums, (flow, departement, product, period), record);
        }
    }
    let all_codes: Vec<String> = lists
        .departements
        .iter()
        .map(|departement| departement.code.clone())
        .collect();
    let departement_code = |index: u16| {
        lists
            .departements
            .get(usize::from(index))
            .map(|d| d.code.clone())
    };
    Partitioned {
        departements: per_departement
            .iter()
            .filter_map(|(&index, sums)| {
                Some(table(
                    Territory::Departement(departement_code(index)?),
                    sums,
                    Keys::ProductCountry,
                    &[],
                ))
            })
            .collect(),
        regions: per_region
            .iter()
            .map(|(code, sums)| {
                table(
                    Territory::Region((*code).to_string()),
                    sums,
                    Keys::ProductCountry,
                    &[],
                )
            })
            .collect(),
        france: table(Territory::France, &france, Keys::ProductCountry, &[]),
        departements_by_country: table(
            Territory::France,
            &by_country,
            Keys::DepartementCountry,
            &all_codes,
        ),
        departements_by_product: sections
            .into_iter()
            .zip(&by_product)
            .map(|(section, sums)| {
                let table = table(
                    Territory::France,
                    sums,
                    Keys::DepartementProduct,
                    &all_codes,
                );
                (section, table)
            })
            .collect(),
    }
}

/// All départements' imports in goods (A129) under strong dependence for one whole year, by product
/// and summed over partner countries: each département's rows are `strong_products` of its year
/// (`departements` lists the codes of the département indices). The map's measure reads it.
pub fn departements_under_strong_dependence(
    year: u16,
    year_sums: &[TradeTable],
    departements: &[String],
    catalog: &Catalog,
) -> TradeTable {
    let mut table = TradeTable {
        periods: vec![Period::whole_year(year)],
        departements: departements.to_vec(),
        summed_over_countries: true,
        ..TradeTable::empty(Territory::France)
    };
    for year_sum in year_sums {
        let Territory::Departement(code) = &year_sum.territory else {
            continue;
        };
        let Some(index) = departements
            .iter()
            .position(|known| known == code)
            .and_then(|index| u16::try_from(index).ok())
        else {
            continue;
        };
        for (product, value) in strong_products(year_sum, catalog, Flow::Import, ProductLevel::A129)
        {
            table.period.push(0);
            table.flow.push(Flow::Import);
            table.departement.push(index);
            table.product.push(product);
            table.value.push(value);
        }
    }
    table
}
