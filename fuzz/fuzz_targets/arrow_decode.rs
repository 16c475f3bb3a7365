//! Any bytes given to the Arrow decoding wrapper: a typed error or a table, never a panic.
#![no_main]

use comex_core::arrow_io;
use comex_core::catalog::{Catalog, Country, CountryGroup, Product};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let product = |cpf4: &str, a129: &str| Product {
            cpf4: cpf4.into(),
            cpf4_label: cpf4.into(),
            a129: a129.into(),
            a129_label: a129.into(),
            a38: "CE".into(),
            a38_label: "CE".into(),
            a17: "C5".into(),
            a17_label: "C5".into(),
        };
        let country = |code: &str| Country { code: code.into(), label: code.into(), zone: CountryGroup::Eu27, eu27: true, euro_area: true };
        Catalog::new(vec![product("2042", "C20B"), product("2830", "C28B")], vec![country("BE"), country("DE"), country("US")])
            .expect("a valid catalog")
    })
}

fuzz_target!(|data: &[u8]| {
    let _ = arrow_io::read_trade("fuzz.arrow", data, catalog());
    let _ = arrow_io::read_products("fuzz.arrow", data);
    let _ = arrow_io::read_countries("fuzz.arrow", data);
});
