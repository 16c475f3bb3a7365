//! Arrow IPC bytes to trade tables and code lists, checked field by field.

use super::decoder::*;
use super::{schema_error, FileKind, META_TERRITORY};
use crate::catalog::{Catalog, Country, CountryGroup, Product};
use crate::codes::{Flow, Period, Territory};
use crate::trade_table::TradeTable;
use crate::CoreError;
use arrow_array::types::{UInt16Type, UInt8Type};
use arrow_array::{
    BooleanArray, DictionaryArray, Int64Array, StringArray, UInt16Array, UInt8Array,
};
use std::collections::HashMap;

/// Reads a trade table, checking every code against the catalog.
pub fn read_trade(file: &str, bytes: &[u8], catalog: &Catalog) -> Result<TradeTable, CoreError> {
    let (schema, batches) = read_batches(file, bytes, FileKind::Trade)?;
    let territory_text = schema
        .metadata()
        .get(META_TERRITORY)
        .ok_or_else(|| schema_error(file, "no territory in the metadata"))?;
    let territory = territory_text
        .parse::<Territory>()
        .map_err(|error| schema_error(file, error.to_string()))?;
    let has_products = schema.field_with_name("cpf4").is_ok();
    let has_departements = schema.field_with_name("departement").is_ok();
    let has_countries = schema.field_with_name("country").is_ok();
    let summed_over_quarters = schema.field_with_name("quarter").is_err();
    // Only the file of all départements by product is summed over partner countries.
    if !(has_countries || (has_products && has_departements)) {
        return Err(schema_error(
            file,
            "no `country` column (only a file by département and product may be summed over countries)",
        ));
    }

    let mut table = TradeTable::empty(territory);
    table.summed_over_countries = !has_countries;
    let mut departement_index: HashMap<String, u16> = HashMap::new();
    // A year's file holds four quarters: each row's quarter is found among the few distinct ones
    // (in the order first met), rather than hashed.
    let mut distinct: Vec<Period> = Vec::new();
    let mut row_slots: Vec<u8> = Vec::new();
    for batch in &batches {
        let years = column::<UInt16Array>(file, batch, "year", "UInt16")?;
        // Without a quarter column, each row is a whole year (a file summed over its quarters).
        let quarters = if summed_over_quarters {
            None
        } else {
            Some(column::<UInt8Array>(file, batch, "quarter", "UInt8")?)
        };
        let flows =
            column::<DictionaryArray<UInt8Type>>(file, batch, "flow", "Dictionary(UInt8, Utf8)")?;
        let values = column::<Int64Array>(file, batch, "value", "Int64")?;

        for (row, year) in years.values().iter().enumerate() {
            // Columns of a batch have its length: a missing value cannot happen, and reads as 0.
            let quarter = quarters.map(|quarters| quarters.values().get(row).copied().unwrap_or(0));
            let period = row_period(file, *year, quarter)?;
            let slot = match distinct.iter().position(|known| *known == period) {
                Some(slot) => slot,
                None => {
                    distinct.push(period);
                    distinct.len() - 1
                }
            };
            row_slots.push(
                u8::try_from(slot)
                    .map_err(|_| schema_error(file, "more than 255 quarters in one file"))?,
            );
        }
        let flow_codes = dictionary_ids(file, "flow", flows, |code| {
            Flow::from_code(code).map(|f| f as u16)
        })?;
        table.flow.extend(flow_codes.into_iter().map(|f| {
            if f == 0 {
                Flow::Export
            } else {
                Flow::Import
            }
        }));
        if has_countries {
            let ids = code_ids(file, batch, "country", |code| catalog.country_id(code))?;
            table.country.extend(ids);
        }
        if has_products {
            let ids = code_ids(file, batch, "cpf4", |code| catalog.product_id(code))?;
            table.product.extend(ids);
        }
        if has_departements {
            let ids = code_ids(file, batch, "departement", |code| {
                let next = u16::try_from(departement_index.len()).ok()?;
                Some(*departement_index.entry(code.to_string()).or_insert(next))
            })?;
            table.departement.extend(ids);
        }
        table.value.extend_from_slice(values.values());
    }

    // The table's quarters in order, and each first-met slot's place among them.
    let mut periods = distinct.clone();
    crate::sorting::sort(&mut periods);
    let place: Vec<u8> = distinct
        .iter()
        .map(|period| {
            let index = periods.partition_point(|known| known < period);
            u8::try_from(index).unwrap_or(u8::MAX)
        })
        .collect();
    table.period = row_slots
        .iter()
        .map(|slot| place[usize::from(*slot)])
        .collect();
    table.periods = periods;
    let mut departements: Vec<(String, u16)> = departement_index.into_iter().collect();
    crate::sorting::sort_by(&mut departements, |(_, a), (_, b)| a.cmp(b));
    table.departements = departements.into_iter().map(|(code, _)| code).collect();
    Ok(table)
}

/// A row's period: its quarter, or the whole year in a file without a quarter column (`None`).
fn row_period(file: &str, year: u16, quarter: Option<u8>) -> Result<Period, CoreError> {
    match quarter {
        None => Ok(Period::whole_year(year)),
        Some(quarter) if (1..=4).contains(&quarter) => Ok(Period { year, quarter }),
        Some(quarter) => Err(schema_error(
            file,
            format!("quarter {quarter}, expected 1 to 4"),
        )),
    }
}

/// The ids of a column of codes (dictionary-encoded with UInt16 keys), each code looked up once.
fn code_ids(
    file: &str,
    batch: &arrow_array::RecordBatch,
    name: &'static str,
    lookup: impl FnMut(&str) -> Option<u16>,
) -> Result<Vec<u16>, CoreError> {
    let codes =
        column::<DictionaryArray<UInt16Type>>(file, batch, name, "Dictionary(UInt16, Utf8)")?;
    dictionary_ids(file, name, codes, lookup)
}

pub fn read_products(file: &str, bytes: &[u8]) -> Result<Vec<Product>, CoreError> {
    let (_, batches) = read_batches(file, bytes, FileKind::Products)?;
    let mut products = Vec::new();
    for batch in &batches {
        let text = |name: &str| TextColumn::read(file, batch, name);
        let (cpf4, cpf4_label, a129, a129_label) = (
            text("cpf4")?,
            text("cpf4_label")?,
            text("a129")?,
            text("a129_label")?,
        );
        let (a38, a38_label, a17, a17_label) = (
            text("a38")?,
            text("a38_label")?,
            text("a17")?,
            text("a17_label")?,
        );
        for row in 0..batch.num_rows() {
            products.push(Product {
                cpf4: cpf4.value(row).to_string(),
                cpf4_label: cpf4_label.value(row).to_string(),
                a129: a129.value(row).to_string(),
                a129_label: a129_label.value(row).to_string(),
                a38: a38.value(row).to_string(),
                a38_label: a38_label.value(row).to_string(),
                a17: a17.value(row).to_string(),
                a17_label: a17_label.value(row).to_string(),
            });
        }
    }
    Ok(products)
}

pub fn read_countries(file: &str, bytes: &[u8]) -> Result<Vec<Country>, CoreError> {
    let (_, batches) = read_batches(file, bytes, FileKind::Countries)?;
    let mut countries = Vec::new();
    for batch in &batches {
        let code = column::<StringArray>(file, batch, "code", "Utf8")?;
        let label = column::<StringArray>(file, batch, "label", "Utf8")?;
        let zone = column::<StringArray>(file, batch, "zone", "Utf8")?;
        let eu27 = column::<BooleanArray>(file, batch, "eu27", "Boolean")?;
        let euro_area = column::<BooleanArray>(file, batch, "euro_area", "Boolean")?;
        for row in 0..batch.num_rows() {
            let zone_code = zone.value(row);
            let zone = CountryGroup::from_code(zone_code)
                .filter(|group| group.is_zone())
                .ok_or_else(|| {
                    schema_error(file, format!("row {row}: unknown zone `{zone_code}`"))
                })?;
            countries.push(Country {
                code: code.value(row).to_string(),
                label: label.value(row).to_string(),
                zone,
                eu27: eu27.value(row),
                euro_area: euro_area.value(row),
            });
        }
    }
    Ok(countries)
}

/// Reads both code lists into a catalog.
pub fn read_catalog(
    products: (&str, &[u8]),
    countries: (&str, &[u8]),
) -> Result<Catalog, CoreError> {
    Catalog::new(
        read_products(products.0, products.1)?,
        read_countries(countries.0, countries.1)?,
    )
}
