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
use arrow_ipc::writer::FileWriter;
use arrow_schema::{DataType, Field, Schema};
use std::collections::{BTreeSet, HashMap};
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

/// Checks the file's frame before arrow-ipc reads it: magic bytes, footer, and every block inside the
/// file. arrow-ipc 60 trusts the footer's block lengths: a forged length makes it allocate gigabytes,
/// a negative one makes it panic (both found by fuzzing, see fuzz/).
fn check_frame<'a>(file: &str, bytes: &'a [u8]) -> Result<arrow_ipc::Footer<'a>, CoreError> {
    const MAGIC: &[u8] = b"ARROW1";
    let invalid = |reason: &str| CoreError::Arrow {
        file: file.to_string(),
        reason: reason.to_string(),
    };
    if bytes.len() < 2 * MAGIC.len() + 4 || !bytes.starts_with(MAGIC) || !bytes.ends_with(MAGIC) {
        return Err(invalid(
            "not an Arrow IPC file (magic bytes missing: truncated?)",
        ));
    }
    let length_at = bytes.len() - MAGIC.len() - 4;
    let footer_length = bytes
        .get(length_at..length_at + 4)
        .and_then(|b| <[u8; 4]>::try_from(b).ok())
        .map(i32::from_le_bytes)
        .and_then(|n| usize::try_from(n).ok())
        .ok_or_else(|| invalid("bad footer length"))?;
    let footer_bytes = length_at
        .checked_sub(footer_length)
        .and_then(|start| bytes.get(start..length_at))
        .ok_or_else(|| invalid("footer outside the file"))?;
    let footer = arrow_ipc::root_as_footer(footer_bytes)
        .map_err(|e| invalid(&format!("bad footer: {e}")))?;
    let widths =
        buffer_widths(&footer).ok_or_else(|| invalid("a column type this app does not read"))?;
    for block in footer_blocks(&footer) {
        let end = u64::try_from(block.offset())
            .ok()
            .zip(u64::try_from(block.metaDataLength()).ok())
            .zip(u64::try_from(block.bodyLength()).ok())
            .and_then(|((offset, meta), body)| offset.checked_add(meta)?.checked_add(body));
        if end.is_none_or(|end| end > bytes.len() as u64) {
            return Err(invalid("a data block lies outside the file"));
        }
        check_block(bytes, block, &widths)
            .ok_or_else(|| invalid("a data block's buffers do not fit in it"))?;
    }
    Ok(footer)
}

/// The element width in bytes of each buffer, in order, for a record batch of the file's schema and
/// for a dictionary batch (0 for a validity bitmap or bytes). Only the types of our schema are read:
/// integers, booleans, UTF-8 strings, and strings dictionary-encoded with integer keys.
struct BufferWidths {
    record_batch: Vec<u64>,
    dictionary_batch: Vec<u64>,
}

fn buffer_widths(footer: &arrow_ipc::Footer) -> Option<BufferWidths> {
    use arrow_ipc::Type;
    const UTF8: [u64; 3] = [0, 4, 0];
    let mut record_batch = Vec::new();
    for field in footer.schema()?.fields()? {
        if field
            .children()
            .is_some_and(|children| !children.is_empty())
        {
            return None;
        }
        let key_bits = field
            .dictionary()
            .map(|d| d.indexType().map(|t| t.bitWidth()));
        let widths: &[u64] = match (field.type_type(), key_bits) {
            (Type::Utf8, Some(Some(bits))) => &[0, u64::try_from(bits / 8).ok()?],
            (_, Some(_)) => return None,
            (Type::Utf8, None) => &UTF8,
            (Type::Bool, None) => &[0, 0],
            (Type::Int, None) => &[0, u64::try_from(field.type_as_int()?.bitWidth() / 8).ok()?],
            _ => return None,
        };
        record_batch.extend_from_slice(widths);
    }
    Some(BufferWidths {
        record_batch,
        dictionary_batch: UTF8.to_vec(),
    })
}

/// The file's blocks: dictionaries first, then record batches (the order they must be read in).
fn footer_blocks<'a>(
    footer: &arrow_ipc::Footer<'a>,
) -> impl Iterator<Item = &'a arrow_ipc::Block> + 'a {
    footer
        .dictionaries()
        .into_iter()
        .flatten()
        .chain(footer.recordBatches().into_iter().flatten())
}

/// A block's message, and where its body lies in the file.
struct BlockParts<'a> {
    message: arrow_ipc::Message<'a>,
    body_start: usize,
    body_length: usize,
}

fn block_parts<'a>(bytes: &'a [u8], block: &arrow_ipc::Block) -> Option<BlockParts<'a>> {
    let start = usize::try_from(block.offset()).ok()?;
    let meta_length = usize::try_from(block.metaDataLength()).ok()?;
    let body_length = usize::try_from(block.bodyLength()).ok()?;
    let body_start = start.checked_add(meta_length)?;
    let meta = bytes.get(start..body_start)?;
    // A message is [0xFFFFFFFF][length][flatbuffer], or [length][flatbuffer] in the older format.
    let skip = if meta.starts_with(&[0xff; 4]) { 8 } else { 4 };
    let message = arrow_ipc::root_as_message(meta.get(skip..)?).ok()?;
    Some(BlockParts {
        message,
        body_start,
        body_length,
    })
}

/// Checks one block's message: every buffer within the block's body, on its element width, every
/// length sane. (arrow-ipc 60 slices and casts buffers before validating them, and panics on a
/// forged offset or an odd length.)
fn check_block(bytes: &[u8], block: &arrow_ipc::Block, widths: &BufferWidths) -> Option<()> {
    let BlockParts {
        message,
        body_length,
        ..
    } = block_parts(bytes, block)?;
    let body_length = u64::try_from(body_length).ok()?;
    let (batch, widths) = match message.header_as_record_batch() {
        Some(batch) => (batch, &widths.record_batch),
        None => (
            message.header_as_dictionary_batch()?.data()?,
            &widths.dictionary_batch,
        ),
    };
    // No array is longer than the body could hold as bits, plus one.
    let most_rows = body_length.saturating_mul(8).saturating_add(1);
    let rows_ok = |length: i64| u64::try_from(length).is_ok_and(|n| n <= most_rows);
    if !rows_ok(batch.length()) {
        return None;
    }
    for node in batch.nodes().into_iter().flatten() {
        if !rows_ok(node.length())
            || !rows_ok(node.null_count())
            || node.null_count() > node.length()
        {
            return None;
        }
    }
    let buffers = batch.buffers()?;
    if buffers.len() != widths.len() {
        return None;
    }
    for (buffer, &width) in buffers.iter().zip(widths) {
        let offset = u64::try_from(buffer.offset()).ok()?;
        let length = u64::try_from(buffer.length()).ok()?;
        let misaligned = width > 0 && (offset % width != 0 || length % width != 0);
        if misaligned || offset.checked_add(length)? > body_length {
            return None;
        }
    }
    Some(())
}

/// Opens an Arrow IPC file, checks its schema version and kind, and returns its batches.
fn read_batches(
    file: &str,
    bytes: &[u8],
    kind: FileKind,
) -> Result<(Arc<Schema>, Vec<RecordBatch>), CoreError> {
    let footer = check_frame(file, bytes)?;
    let (schema, batches) = decode_blocks(file, bytes, footer)?;
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
    Ok((schema, batches))
}

/// Decodes a checked file block by block with arrow-ipc's batch decoder (which validates every array).
/// Not arrow-ipc's `FileReader`: its support for delta dictionaries, which our files never hold,
/// links arrow-select's `concat` for every Arrow type: 300 KB of the app's WASM before wasm-opt.
fn decode_blocks(
    file: &str,
    bytes: &[u8],
    footer: arrow_ipc::Footer<'_>,
) -> Result<(Arc<Schema>, Vec<RecordBatch>), CoreError> {
    let invalid = |reason: &str| CoreError::Arrow {
        file: file.to_string(),
        reason: reason.to_string(),
    };
    let fb_schema = footer
        .schema()
        .ok_or_else(|| invalid("the footer has no schema"))?;
    let schema =
        Arc::new(arrow_ipc::convert::try_fb_to_schema(fb_schema).map_err(arrow_error(file))?);
    // The value type of each dictionary id (the schema is flat: one dictionary per field at most).
    let dictionary_types: HashMap<i64, DataType> = fb_schema
        .fields()
        .into_iter()
        .flatten()
        .zip(schema.fields())
        .filter_map(|(fb_field, field)| match field.data_type() {
            DataType::Dictionary(_, values) => {
                Some((fb_field.dictionary()?.id(), (**values).clone()))
            }
            _ => None,
        })
        .collect();
    let whole = arrow_buffer::Buffer::from(bytes.to_vec());
    let mut dictionaries: HashMap<i64, ArrayRef> = HashMap::new();
    let mut batches = Vec::new();
    for block in footer_blocks(&footer) {
        // check_frame made sure the block, its message and its buffers lie inside the file.
        let BlockParts {
            message,
            body_start,
            body_length,
        } = block_parts(bytes, block).ok_or_else(|| invalid("a block's message cannot be read"))?;
        let body = whole.slice_with_length(body_start, body_length);
        if let Some(dictionary) = message.header_as_dictionary_batch() {
            if dictionary.isDelta() {
                return Err(invalid("delta dictionaries are not read"));
            }
            let values = dictionary_types
                .get(&dictionary.id())
                .ok_or_else(|| invalid("a dictionary no column uses"))?;
            let data = dictionary
                .data()
                .ok_or_else(|| invalid("a dictionary batch without data"))?;
            let values_schema = Arc::new(Schema::new(vec![Field::new("", values.clone(), true)]));
            let decoded = arrow_ipc::reader::read_record_batch(
                &body,
                data,
                values_schema,
                &dictionaries,
                None,
                &message.version(),
            )
            .map_err(arrow_error(file))?;
            dictionaries.insert(dictionary.id(), decoded.column(0).clone());
        } else if let Some(batch) = message.header_as_record_batch() {
            batches.push(
                arrow_ipc::reader::read_record_batch(
                    &body,
                    batch,
                    schema.clone(),
                    &dictionaries,
                    None,
                    &message.version(),
                )
                .map_err(arrow_error(file))?,
            );
        } else {
            return Err(invalid(
                "a block that is neither a record batch nor a dictionary",
            ));
        }
    }
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
    let territory = territory_text
        .parse::<Territory>()
        .map_err(|e| schema_error(file, e.to_string()))?;
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
