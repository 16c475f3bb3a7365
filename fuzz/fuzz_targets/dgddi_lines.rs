//! Any bytes given to the DGDDI reader: every line accepted or rejected with a reason, never a panic.
#![no_main]

use comex_core::catalog::Catalog;
use comex_data::code_lists::CodeLists;
use comex_data::dgddi::Reader;
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;

fn lists() -> &'static (CodeLists, Catalog) {
    static LISTS: OnceLock<(CodeLists, Catalog)> = OnceLock::new();
    LISTS.get_or_init(|| {
        let lists = CodeLists::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../data")).expect("the code lists");
        let catalog = lists.catalog_for(2024).expect("a catalog");
        (lists, catalog)
    })
}

fuzz_target!(|data: &[u8]| {
    let (lists, catalog) = lists();
    let mut reader = Reader::new(lists, catalog, Some(usize::MAX));
    if reader.read_text("fuzz.txt", data, &mut |_| {}).is_ok() {
        // Nothing lost: every non-empty line is either a record or a rejection. (Without `finish`,
        // which builds the output's catalog: that copy would be most of each run's time.)
        let (lines, records, rejections) = reader.line_counts();
        assert_eq!(lines as usize, records + rejections);
    }
});
