//! The only module that knows Arrow: trade tables and code lists to and from Arrow IPC files.
//!
//! Codes are dictionary-encoded with sorted dictionaries and values are integers (euros, kg), so that
//! the same table always gives the same bytes. Each file carries its schema version and kind in the
//! schema metadata; the reader accepts nothing else.

use crate::catalog::{Catalog, Country, CountryGroup, Product};
use crate::codes::{Flow, Period, Territory};
use crate::table::TradeTable;
use crate::CoreError;
use arrow_array::types::{UInt16Type, UInt8Type};
use arrow_array::{
    Array, ArrayRef, BooleanArray, DictionaryArray, Int64Array, RecordBatch, StringArray,
    UInt16Array, UInt8Array,
};
use arrow_ipc::reader::FileReader;
use arrow_ipc::writer::FileWriter;
use arrow_schema::{DataType, Field, Schema};
use std::collections::{BTreeSet, HashMap};
use std::io::Cursor;
use std::sync::Arc;

pub const SCHEMA_VERSION: &str = "1";
const META_VERSION: &str = "comex.schema_version";
const META_KIND: &str = "comex.kind";
const META_TERRITORY: &str = "comex.territory";

/// What an Arrow file holds, written in its metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Trade,
    Products,
    Countries,
}

impl FileKind {
    fn name(self) -> &'static str {
        match self {
            FileKind::Trade => "trade",
            FileKind::Products => "products",
            FileKind::Countries => "countries",
        }
    }
}

fn arrow_error(file: &str) -> impl Fn(arrow_schema::ArrowError) -> CoreError + '_ {
    move |error| CoreError::Arrow {
        file: file.to_string(),
        reason: error.to_string(),
    }
}

fn schema_error(file: &str, reason: impl Into<String>) -> CoreError {
    CoreError::Schema {
        file: file.to_string(),
        reason: reason.into(),
    }
}

fn dictionary_type(key: DataType) -> DataType {
    DataType::Dictionary(Box::new(key), Box::new(DataType::Utf8))
}

fn metadata(kind: FileKind, territory: Option<&Territory>) -> HashMap<String, String> {
    let mut metadata = HashMap::from([
        (META_VERSION.to_string(), SCHEMA_VERSION.to_string()),
        (META_KIND.to_string(), kind.name().to_string()),
    ]);
    if let Some(territory) = territory {
        metadata.insert(META_TERRITORY.to_string(), territory.to_string());
    }
    metadata
}

fn write_batch(file: &str, schema: Schema, columns: Vec<ArrayRef>) -> Result<Vec<u8>, CoreError> {
    let schema = Arc::new(schema);
    let batch = RecordBatch::try_new(schema.clone(), columns).map_err(arrow_error(file))?;
    let mut writer = FileWriter::try_new(Vec::new(), &schema).map_err(arrow_error(file))?;
    writer.write(&batch).map_err(arrow_error(file))?;
    writer.finish().map_err(arrow_error(file))?;
    writer.into_inner().map_err(arrow_error(file))
}

/// A dictionary column with a sorted dictionary: the same codes always give the same bytes.
fn sorted_dictionary<'a>(
    codes: impl Iterator<Item = &'a str> + Clone,
) -> (Vec<&'a str>, HashMap<&'a str, u16>) {
    let dictionary: Vec<&str> = codes.collect::<BTreeSet<_>>().into_iter().collect();
    let index = dictionary
        .iter()
        .enumerate()
        .map(|(i, code)| (*code, u16::try_from(i).unwrap_or(u16::MAX)))
        .collect();
    (dictionary, index)
}

fn dictionary_u16<'a>(
    codes: impl Iterator<Item = &'a str> + Clone,
) -> Result<ArrayRef, arrow_schema::ArrowError> {
    let (dictionary, index) = sorted_dictionary(codes.clone());
    let keys =
        UInt16Array::from_iter_values(codes.map(|code| index.get(code).copied().unwrap_or(0)));
    let values: ArrayRef = Arc::new(StringArray::from(dictionary));
    Ok(Arc::new(DictionaryArray::<UInt16Type>::try_new(
        keys, values,
    )?))
}

/// Writes a trade table. Products and countries are written as their codes.
pub fn write_trade(
    file: &str,
    table: &TradeTable,
    catalog: &Catalog,
) -> Result<Vec<u8>, CoreError> {
    let missing = |what: &'static str, id: u16| CoreError::UnknownCode {
        file: file.to_string(),
        field: what,
        code: format!("#{id}"),
    };
    let years =
        UInt16Array::from_iter_values(table.period.iter().map(|&p| period_at(table, p).year));
    let quarters =
        UInt8Array::from_iter_values(table.period.iter().map(|&p| period_at(table, p).quarter));
    let flow_keys = UInt8Array::from_iter_values(table.flow.iter().map(|flow| match flow {
        Flow::Export => 0,
        Flow::Import => 1,
    }));
    let flow_values: ArrayRef = Arc::new(StringArray::from(vec!["E", "I"]));
    let flows =
        DictionaryArray::<UInt8Type>::try_new(flow_keys, flow_values).map_err(arrow_error(file))?;
    let countries = table
        .country
        .iter()
        .map(|&id| {
            catalog
                .country(id)
                .map(|c| c.code.as_str())
                .ok_or_else(|| missing("country", id))
        })
        .collect::<Result<Vec<_>, _>>()?;

    let mut fields = vec![
        Field::new("year", DataType::UInt16, false),
        Field::new("quarter", DataType::UInt8, false),
        Field::new("flow", dictionary_type(DataType::UInt8), false),
    ];
    let mut columns: Vec<ArrayRef> = vec![Arc::new(years), Arc::new(quarters), Arc::new(flows)];
    if table.has_departements() {
        let codes = table.departement.iter().map(|&d| {
            table
                .departements
                .get(usize::from(d))
                .map(String::as_str)
                .unwrap_or("")
        });
        fields.push(Field::new(
            "departement",
            dictionary_type(DataType::UInt16),
            false,
        ));
        columns.push(dictionary_u16(codes).map_err(arrow_error(file))?);
    }
    if !table.product.is_empty() {
        let products = table
            .product
            .iter()
            .map(|&id| {
                catalog
                    .product(id)
                    .map(|p| p.cpf4.as_str())
                    .ok_or_else(|| missing("product", id))
            })
            .collect::<Result<Vec<_>, _>>()?;
        fields.push(Field::new("cpf4", dictionary_type(DataType::UInt16), false));
        columns.push(dictionary_u16(products.iter().copied()).map_err(arrow_error(file))?);
    }
    fields.push(Field::new(
        "country",
        dictionary_type(DataType::UInt16),
        false,
    ));
    columns.push(dictionary_u16(countries.iter().copied()).map_err(arrow_error(file))?);
    fields.push(Field::new("value", DataType::Int64, false));
    columns.push(Arc::new(Int64Array::from(table.value.clone())));
    fields.push(Field::new("mass", DataType::Int64, false));
    columns.push(Arc::new(Int64Array::from(table.mass.clone())));

    let schema =
        Schema::new(fields).with_metadata(metadata(FileKind::Trade, Some(&table.territory)));
    write_batch(file, schema, columns)
}

fn period_at(table: &TradeTable, index: u8) -> Period {
    table
        .periods
        .get(usize::from(index))
        .copied()
        .unwrap_or(Period {
            year: 0,
            quarter: 0,
        })
}

/// Opens an Arrow IPC file, checks its schema version and kind, and returns its batches.
fn read_batches(
    file: &str,
    bytes: &[u8],
    kind: FileKind,
) -> Result<(Arc<Schema>, Vec<RecordBatch>), CoreError> {
    let reader = FileReader::try_new(Cursor::new(bytes), None).map_err(arrow_error(file))?;
    let schema = reader.schema();
    let version = schema.metadata().get(META_VERSION).map(String::as_str);
    if version != Some(SCHEMA_VERSION) {
        return Err(schema_error(
            file,
            format!(
                "schema version {}, expected {SCHEMA_VERSION}",
                version.unwrap_or("missing")
            ),
        ));
    }
    let found_kind = schema.metadata().get(META_KIND).map(String::as_str);
    if found_kind != Some(kind.name()) {
        return Err(schema_error(
            file,
            format!(
                "file kind {}, expected {}",
                found_kind.unwrap_or("missing"),
                kind.name()
            ),
        ));
    }
    let batches = reader
        .collect::<Result<Vec<_>, _>>()
        .map_err(arrow_error(file))?;
    Ok((schema, batches))
}

fn column<'a, T: 'static>(
    file: &str,
    batch: &'a RecordBatch,
    name: &str,
    expected: &str,
) -> Result<&'a T, CoreError> {
    let column = batch
        .column_by_name(name)
        .ok_or_else(|| schema_error(file, format!("missing column `{name}`")))?;
    if column.null_count() > 0 {
        let row = (0..column.len()).find(|&i| column.is_null(i)).unwrap_or(0);
        return Err(CoreError::MissingValue {
            file: file.to_string(),
            column: name.to_string(),
            row,
        });
    }
    column.as_any().downcast_ref::<T>().ok_or_else(|| {
        schema_error(
            file,
            format!(
                "column `{name}` is {}, expected {expected}",
                column.data_type()
            ),
        )
    })
}

/// Maps each dictionary entry to a catalog id once, then each row's key through that map.
fn dictionary_ids<K: arrow_array::types::ArrowDictionaryKeyType>(
    file: &str,
    field: &'static str,
    array: &DictionaryArray<K>,
    mut lookup: impl FnMut(&str) -> Option<u16>,
) -> Result<Vec<u16>, CoreError>
where
    K::Native: TryInto<usize>,
{
    let values = array
        .values()
        .as_any()
        .downcast_ref::<StringArray>()
        .ok_or_else(|| {
            schema_error(
                file,
                format!(
                    "column `{field}`: dictionary of {}, expected Utf8",
                    array.values().data_type()
                ),
            )
        })?;
    let ids = values
        .iter()
        .map(|code| {
            let code = code.unwrap_or("");
            lookup(code).ok_or_else(|| CoreError::UnknownCode {
                file: file.to_string(),
                field,
                code: code.to_string(),
            })
        })
        .collect::<Result<Vec<u16>, _>>()?;
    array
        .keys()
        .values()
        .iter()
        .map(|key| {
            let index: usize = (*key)
                .try_into()
                .map_err(|_| schema_error(file, format!("column `{field}`: bad key")))?;
            ids.get(index).copied().ok_or_else(|| {
                schema_error(file, format!("column `{field}`: key {index} out of range"))
            })
        })
        .collect()
}

/// Reads a trade table, checking every code against the catalog.
pub fn read_trade(file: &str, bytes: &[u8], catalog: &Catalog) -> Result<TradeTable, CoreError> {
    let (schema, batches) = read_batches(file, bytes, FileKind::Trade)?;
    let territory_text = schema
        .metadata()
        .get(META_TERRITORY)
        .ok_or_else(|| schema_error(file, "no territory in the metadata"))?;
    let territory =
        Territory::parse(territory_text).map_err(|e| schema_error(file, e.to_string()))?;
    let has_products = schema.field_with_name("cpf4").is_ok();
    let has_departements = schema.field_with_name("departement").is_ok();

    let mut table = TradeTable::empty(territory);
    let mut period_index: HashMap<Period, u8> = HashMap::new();
    let mut departement_index: HashMap<String, u16> = HashMap::new();
    let mut row_periods: Vec<Period> = Vec::new();
    for batch in &batches {
        let years = column::<UInt16Array>(file, batch, "year", "UInt16")?;
        let quarters = column::<UInt8Array>(file, batch, "quarter", "UInt8")?;
        let flows =
            column::<DictionaryArray<UInt8Type>>(file, batch, "flow", "Dictionary(UInt8, Utf8)")?;
        let countries = column::<DictionaryArray<UInt16Type>>(
            file,
            batch,
            "country",
            "Dictionary(UInt16, Utf8)",
        )?;
        let values = column::<Int64Array>(file, batch, "value", "Int64")?;
        let masses = column::<Int64Array>(file, batch, "mass", "Int64")?;

        for (year, quarter) in years.values().iter().zip(quarters.values().iter()) {
            if !(1..=4).contains(quarter) {
                return Err(schema_error(
                    file,
                    format!("quarter {quarter}, expected 1 to 4"),
                ));
            }
            row_periods.push(Period {
                year: *year,
                quarter: *quarter,
            });
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
        table
            .country
            .extend(dictionary_ids(file, "country", countries, |code| {
                catalog.country_id(code)
            })?);
        if has_products {
            let products = column::<DictionaryArray<UInt16Type>>(
                file,
                batch,
                "cpf4",
                "Dictionary(UInt16, Utf8)",
            )?;
            table
                .product
                .extend(dictionary_ids(file, "cpf4", products, |code| {
                    catalog.product_id(code)
                })?);
        }
        if has_departements {
            let departements = column::<DictionaryArray<UInt16Type>>(
                file,
                batch,
                "departement",
                "Dictionary(UInt16, Utf8)",
            )?;
            let ids = dictionary_ids(file, "departement", departements, |code| {
                let next = u16::try_from(departement_index.len()).ok()?;
                Some(*departement_index.entry(code.to_string()).or_insert(next))
            })?;
            table.departement.extend(ids);
        }
        table.value.extend_from_slice(values.values());
        table.mass.extend_from_slice(masses.values());
    }

    let mut periods: Vec<Period> = row_periods
        .iter()
        .copied()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    periods.truncate(usize::from(u8::MAX));
    for (i, period) in periods.iter().enumerate() {
        period_index.insert(*period, u8::try_from(i).unwrap_or(u8::MAX));
    }
    table.period = row_periods
        .iter()
        .map(|p| period_index.get(p).copied().unwrap_or(0))
        .collect();
    table.periods = periods;
    let mut departements: Vec<(String, u16)> = departement_index.into_iter().collect();
    departements.sort_by_key(|(_, id)| *id);
    table.departements = departements.into_iter().map(|(code, _)| code).collect();
    Ok(table)
}

/// Writes the product code list.
pub fn write_products(file: &str, products: &[Product]) -> Result<Vec<u8>, CoreError> {
    type Getter = fn(&Product) -> &str;
    let getters: [(&str, Getter); 8] = [
        ("cpf4", |p| &p.cpf4),
        ("cpf4_label", |p| &p.cpf4_label),
        ("a129", |p| &p.a129),
        ("a129_label", |p| &p.a129_label),
        ("a38", |p| &p.a38),
        ("a38_label", |p| &p.a38_label),
        ("a17", |p| &p.a17),
        ("a17_label", |p| &p.a17_label),
    ];
    let fields: Vec<Field> = getters
        .iter()
        .map(|(name, _)| Field::new(*name, DataType::Utf8, false))
        .collect();
    let columns: Vec<ArrayRef> = getters
        .iter()
        .map(|(_, get)| {
            Arc::new(StringArray::from_iter_values(products.iter().map(get))) as ArrayRef
        })
        .collect();
    write_batch(
        file,
        Schema::new(fields).with_metadata(metadata(FileKind::Products, None)),
        columns,
    )
}

pub fn read_products(file: &str, bytes: &[u8]) -> Result<Vec<Product>, CoreError> {
    let (_, batches) = read_batches(file, bytes, FileKind::Products)?;
    let mut products = Vec::new();
    for batch in &batches {
        let text = |name: &str| column::<StringArray>(file, batch, name, "Utf8");
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

pub fn write_countries(file: &str, countries: &[Country]) -> Result<Vec<u8>, CoreError> {
    let fields = vec![
        Field::new("code", DataType::Utf8, false),
        Field::new("label", DataType::Utf8, false),
        Field::new("zone", DataType::Utf8, false),
        Field::new("eu27", DataType::Boolean, false),
        Field::new("euro_area", DataType::Boolean, false),
    ];
    let columns: Vec<ArrayRef> = vec![
        Arc::new(StringArray::from_iter_values(
            countries.iter().map(|c| c.code.as_str()),
        )),
        Arc::new(StringArray::from_iter_values(
            countries.iter().map(|c| c.label.as_str()),
        )),
        Arc::new(StringArray::from_iter_values(
            countries.iter().map(|c| c.zone.code()),
        )),
        Arc::new(BooleanArray::from(
            countries.iter().map(|c| c.eu27).collect::<Vec<_>>(),
        )),
        Arc::new(BooleanArray::from(
            countries.iter().map(|c| c.euro_area).collect::<Vec<_>>(),
        )),
    ];
    write_batch(
        file,
        Schema::new(fields).with_metadata(metadata(FileKind::Countries, None)),
        columns,
    )
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
