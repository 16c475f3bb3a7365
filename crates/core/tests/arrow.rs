//! Arrow files: round trip, and a typed error (never a panic) for anything else.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests stop at the line that failed

mod common;

use comex_core::arrow_io::{
    read_catalog, read_trade, write_countries, write_products, write_trade,
};
use comex_core::codes::Flow;
use comex_core::CoreError;
use common::*;

fn sample() -> comex_core::table::TradeTable {
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
