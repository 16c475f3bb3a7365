//! The demo year, generated and ingested through the same reader as real files.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests stop at the line that failed

use comex_core::codes::{Flow, Territory};
use comex_core::manifest::SourceKind;
use comex_data::code_lists::CodeLists;
use comex_data::demo::{self, CALIBRATION};
use comex_data::dgddi::Reader;
use comex_data::output;
use std::path::Path;

#[test]
fn the_demo_comes_out_exactly_on_the_published_totals_and_says_it_is_demo() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let lists = CodeLists::load(&data).unwrap();
    let work = tempfile::tempdir().unwrap();
    let sources = demo::generate(&data, &lists, &work.path().join("source")).unwrap();
    let catalog = lists.catalog_for(demo::YEAR).unwrap();
    let mut reader = Reader::new(&lists, &catalog, None);
    for path in &sources {
        reader.read_path(path, &mut |_| {}).unwrap();
    }
    let ingested = reader.finish().unwrap();
    assert!(ingested.rejections.is_empty());
    let written = output::write(
        &ingested,
        &lists,
        SourceKind::Demo,
        "démo",
        &work.path().join("out"),
    )
    .unwrap();
    assert_eq!(written.manifest.source.kind, SourceKind::Demo);
    assert!(work.path().join("source/LISEZ-MOI-DEMO.txt").exists());

    let total = |territory: &str, flow: Flow| {
        let territory = territory.parse::<Territory>().unwrap();
        written
            .manifest
            .totals
            .iter()
            .find(|t| t.territory == territory && t.flow == flow && t.year == demo::YEAR)
            .map(|t| t.value)
            .unwrap()
    };
    for (territory, exports, imports) in CALIBRATION {
        assert_eq!(
            total(territory, Flow::Export),
            exports,
            "{territory} exports"
        );
        assert_eq!(
            total(territory, Flow::Import),
            imports,
            "{territory} imports"
        );
    }
    // Every département of the DGDDI list has data: 2022 to 2024 and three quarters of 2025.
    let departements = written
        .manifest
        .territories
        .iter()
        .filter(|t| matches!(t.territory, Territory::Departement(_)))
        .count();
    assert_eq!(departements, 101);
    assert_eq!(written.manifest.periods.len(), 15);
    assert_eq!(written.manifest.complete_years(), [2022, 2023, 2024]);
    assert_eq!(
        written.manifest.default_periods(),
        (1..=4)
            .map(|quarter| comex_core::codes::Period {
                year: 2024,
                quarter
            })
            .collect::<Vec<_>>()
    );
    // The five-quarter file, read last, gives 2024T3 and 2024T4 again: it wins, the build says so.
    let replaced: Vec<String> = written
        .manifest
        .quarters
        .iter()
        .filter(|q| !q.replaced.is_empty())
        .map(|q| {
            format!(
                "{} {:?} {}",
                q.period,
                q.flow,
                q.file.rsplit('/').next().unwrap_or("")
            )
        })
        .collect();
    assert_eq!(
        replaced,
        [
            "2024T3 Export REGIONAL_CPF4PAYSE.txt",
            "2024T4 Export REGIONAL_CPF4PAYSE.txt",
            "2024T3 Import REGIONAL_CPF4PAYSI.txt",
            "2024T4 Import REGIONAL_CPF4PAYSI.txt",
        ]
    );
    assert!(ingested.lines_replaced > 0);

    // Generating again gives the same files, byte for byte.
    let again = demo::generate(&data, &lists, &work.path().join("again")).unwrap();
    for (first, second) in sources.iter().zip(&again) {
        assert!(
            std::fs::read(first).unwrap() == std::fs::read(second).unwrap(),
            "{}",
            first.display()
        );
    }
}
