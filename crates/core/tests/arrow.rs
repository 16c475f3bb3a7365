//! Arrow files: round trip, and a typed error (never a panic) for anything else.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests stop at the line that failed

mod common;

use comex_core::arrow_io::{
    read_catalog, read_products, read_trade, write_countries, write_products, write_trade,
};
use comex_core::catalog::Product;
use comex_core::codes::{Flow, ProductLevel};
use comex_core::CoreError;
use common::*;

fn sample() -> comex_core::trade_table::TradeTable {
    table(
        dep("60"),
        &[
            (0, Flow::Export, 0, 1, 10),
            (1, Flow::Import, 1, 0, 20),
            (1, Flow::Export, 1, 1, 30),
        ],
    )
}

#[test]
fn trade_tables_and_code_lists_round_trip_with_the_same_bytes() {
    let catalog = catalog(2, 2);
    let bytes = write_trade("t.arrow", &sample(), &catalog).unwrap();
    assert_eq!(read_trade("t.arrow", &bytes, &catalog).unwrap(), sample());
    assert_eq!(
        write_trade("t.arrow", &sample(), &catalog).unwrap(),
        bytes,
        "deterministic"
    );
    let products = write_products("p.arrow", &catalog.products).unwrap();
    let countries = write_countries("c.arrow", &catalog.countries).unwrap();
    assert_eq!(
        read_catalog(("p.arrow", &products), ("c.arrow", &countries)).unwrap(),
        catalog
    );
}

#[test]
fn bad_files_give_typed_errors() {
    let catalog = catalog(2, 2);
    let bytes = write_trade("t.arrow", &sample(), &catalog).unwrap();
    for cut in [0, 8, bytes.len() / 2, bytes.len() - 1] {
        assert!(
            matches!(
                read_trade("t.arrow", &bytes[..cut], &catalog),
                Err(CoreError::Arrow { .. })
            ),
            "cut at {cut}"
        );
    }
    // A code list is not a trade file.
    let products = write_products("p.arrow", &catalog.products).unwrap();
    let error = read_trade("p.arrow", &products, &catalog).unwrap_err();
    assert_eq!(
        error,
        CoreError::Schema {
            file: "p.arrow".into(),
            reason: "file kind products, expected trade".into()
        }
    );
    // A catalog that does not know a country of the file.
    let smaller = common::catalog(2, 1);
    let error = read_trade("t.arrow", &bytes, &smaller).unwrap_err();
    assert_eq!(
        error,
        CoreError::UnknownCode {
            file: "t.arrow".into(),
            field: "country",
            code: "AB".into()
        }
    );
}

/// Inputs the fuzzer found crashing the decoder once: each must now be a typed error.
#[test]
fn fuzz_regressions_are_typed_errors() {
    let catalog = catalog(2, 3);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        assert!(
            read_trade("r.arrow", &bytes, &catalog).is_err(),
            "{}",
            path.display()
        );
        seen += 1;
    }
    assert!(seen >= 1);
}

#[test]
fn a_file_by_departement_and_product_has_no_country_column_even_without_rows() {
    let catalog = catalog(2, 2);
    let section = departements_by_product(
        T1_2024,
        &[
            (0, Flow::Export, 1, 10),
            (1, Flow::Import, 0, 20),
            (2, Flow::Export, 0, 5),
        ],
    );
    let bytes = write_trade("s.arrow", &section, &catalog).unwrap();
    let read = read_trade("s.arrow", &bytes, &catalog).unwrap();
    assert_eq!(read, section);
    assert!(read.country.is_empty() && read.summed_over_countries);
    // A section without trade keeps its columns: it is still a file by product.
    let empty = departements_by_product(T1_2024, &[]);
    let bytes = write_trade("e.arrow", &empty, &catalog).unwrap();
    let read = read_trade("e.arrow", &bytes, &catalog).unwrap();
    assert!(read.is_empty() && read.summed_over_countries);
    // Any other file without partner countries is refused, naming the column.
    let error = read_trade("d.arrow", &without_countries(), &catalog).unwrap_err();
    assert!(error.to_string().contains("no `country` column"), "{error}");
}

/// A territory's file by product without its country column, written with arrow-rs directly.
fn without_countries() -> Vec<u8> {
    use arrow_array::types::UInt16Type;
    use arrow_array::{
        ArrayRef, DictionaryArray, Int64Array, RecordBatch, UInt16Array, UInt8Array,
    };
    use arrow_schema::{DataType, Field, Schema};
    use std::sync::Arc;
    let dictionary = |key: DataType| DataType::Dictionary(Box::new(key), Box::new(DataType::Utf8));
    let schema = Arc::new(
        Schema::new(vec![
            Field::new("year", DataType::UInt16, false),
            Field::new("quarter", DataType::UInt8, false),
            Field::new("flow", dictionary(DataType::UInt8), false),
            Field::new("cpf4", dictionary(DataType::UInt16), false),
            Field::new("value", DataType::Int64, false),
        ])
        .with_metadata(
            [
                ("comex.schema_version", "1"),
                ("comex.kind", "trade"),
                ("comex.territory", "dep:60"),
            ]
            .map(|(key, value)| (key.to_string(), value.to_string()))
            .into_iter()
            .collect::<std::collections::HashMap<String, String>>(),
        ),
    );
    let flows: DictionaryArray<arrow_array::types::UInt8Type> = vec!["E"].into_iter().collect();
    let products: DictionaryArray<UInt16Type> = vec!["0100"].into_iter().collect();
    let columns: Vec<ArrayRef> = vec![
        Arc::new(UInt16Array::from(vec![2024])),
        Arc::new(UInt8Array::from(vec![1])),
        Arc::new(flows),
        Arc::new(products),
        Arc::new(Int64Array::from(vec![10])),
    ];
    let batch = RecordBatch::try_new(schema.clone(), columns).unwrap();
    let mut writer = arrow_ipc::writer::FileWriter::try_new(Vec::new(), &schema).unwrap();
    writer.write(&batch).unwrap();
    writer.finish().unwrap();
    writer.into_inner().unwrap()
}

/// A product list as the builds before 2026-12-03 wrote it: every column Utf8 (the aggregates'
/// codes and labels are dictionaries since).
fn plain_product_list(products: &[Product]) -> Vec<u8> {
    use arrow_array::{ArrayRef, RecordBatch, StringArray};
    use arrow_schema::{DataType, Field, Schema};
    use std::sync::Arc;
    let mut fields = Vec::new();
    let mut columns: Vec<ArrayRef> = Vec::new();
    for level in ProductLevel::ALL {
        let name = level.name();
        fields.push(Field::new(name, DataType::Utf8, false));
        fields.push(Field::new(format!("{name}_label"), DataType::Utf8, false));
        let codes = products.iter().map(|product| product.code(level));
        let labels = products.iter().map(|product| product.label(level));
        columns.push(Arc::new(StringArray::from_iter_values(codes)));
        columns.push(Arc::new(StringArray::from_iter_values(labels)));
    }
    let metadata: std::collections::HashMap<String, String> =
        [("comex.schema_version", "1"), ("comex.kind", "products")]
            .map(|(key, value)| (key.to_string(), value.to_string()))
            .into();
    let schema = Arc::new(Schema::new(fields).with_metadata(metadata));
    let batch = RecordBatch::try_new(schema.clone(), columns).unwrap();
    let mut writer = arrow_ipc::writer::FileWriter::try_new(Vec::new(), &schema).unwrap();
    writer.write(&batch).unwrap();
    writer.finish().unwrap();
    writer.into_inner().unwrap()
}

#[test]
fn a_product_list_reads_the_same_with_dictionaries_or_plain_columns() {
    let catalog = catalog(5, 1);
    let written = write_products("p.arrow", &catalog.products).unwrap();
    let plain = plain_product_list(&catalog.products);
    assert!(
        written.len() != plain.len(),
        "the aggregates' columns are dictionaries"
    );
    assert_eq!(
        read_products("p.arrow", &written).unwrap(),
        catalog.products
    );
    assert_eq!(
        read_products("old.arrow", &plain).unwrap(),
        catalog.products
    );
}
