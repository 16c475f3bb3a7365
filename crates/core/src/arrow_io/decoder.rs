//! Record batches decoded block by block with arrow-ipc's decoder; typed columns and dictionaries.

use super::frame::*;
use super::{arrow_error, schema_error, FileKind, META_KIND, META_VERSION, SCHEMA_VERSION};
use crate::CoreError;
use arrow_array::{Array, ArrayRef, DictionaryArray, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use std::collections::HashMap;
use std::sync::Arc;

/// Opens an Arrow IPC file, checks its schema version and kind, and returns its batches.
pub(crate) fn read_batches(
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
pub(crate) fn decode_blocks(
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

pub(crate) fn column<'a, T: 'static>(
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

/// A dictionary column's values, which must be text.
fn dictionary_values<'a, K: arrow_array::types::ArrowDictionaryKeyType>(
    file: &str,
    field: &str,
    array: &'a DictionaryArray<K>,
) -> Result<&'a StringArray, CoreError> {
    array
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
        })
}

/// Maps each dictionary entry to a catalog id once, then each row's key through that map.
pub(crate) fn dictionary_ids<K: arrow_array::types::ArrowDictionaryKeyType>(
    file: &str,
    field: &'static str,
    array: &DictionaryArray<K>,
    mut lookup: impl FnMut(&str) -> Option<u16>,
) -> Result<Vec<u16>, CoreError>
where
    K::Native: TryInto<usize>,
{
    let values = dictionary_values(file, field, array)?;
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

/// A text column of a code list, written plain (`Utf8`: one value per row, the CPF4 labels) or as
/// a dictionary (`Dictionary(UInt16, Utf8)`: the aggregates' codes and labels, repeated by every
/// CPF4 product under them). Files of either form are read.
pub(crate) enum TextColumn<'a> {
    Plain(&'a StringArray),
    Dictionary {
        keys: &'a [u16],
        values: &'a StringArray,
    },
}

impl<'a> TextColumn<'a> {
    pub(crate) fn read(
        file: &str,
        batch: &'a RecordBatch,
        name: &str,
    ) -> Result<TextColumn<'a>, CoreError> {
        let expected = "Utf8 or Dictionary(UInt16, Utf8)";
        if let Some(DataType::Dictionary(..)) = batch
            .schema()
            .field_with_name(name)
            .ok()
            .map(Field::data_type)
        {
            let array = column::<DictionaryArray<arrow_array::types::UInt16Type>>(
                file, batch, name, expected,
            )?;
            let values = dictionary_values(file, name, array)?;
            let keys: &[u16] = array.keys().values();
            if let Some(row) = keys
                .iter()
                .position(|&key| usize::from(key) >= values.len())
            {
                return Err(schema_error(
                    file,
                    format!("column `{name}`, row {row}: key out of the dictionary"),
                ));
            }
            return Ok(TextColumn::Dictionary { keys, values });
        }
        column::<StringArray>(file, batch, name, expected).map(TextColumn::Plain)
    }

    /// The row's text (rows are within the batch: the caller iterates over its rows).
    pub(crate) fn value(&self, row: usize) -> &'a str {
        match self {
            TextColumn::Plain(array) => array.value(row),
            TextColumn::Dictionary { keys, values } => values.value(usize::from(keys[row])),
        }
    }
}
