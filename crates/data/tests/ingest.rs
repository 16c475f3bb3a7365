//! The DGDDI reader: the spec's rows, every bad-input case with its exact message, ZIPs, reconciliation.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests stop at the line that failed

use comex_core::manifest::SourceKind;
use comex_data::code_lists::CodeLists;
use comex_data::dgddi::{Ingested, Reader};
use comex_data::output;
use comex_data::InputError;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn lists() -> &'static CodeLists {
    static LISTS: OnceLock<CodeLists> = OnceLock::new();
    LISTS.get_or_init(|| {
        CodeLists::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data")).unwrap()
    })
}

/// The two example rows of the DGDDI specification.
const SPEC_ROWS: &str =
    "I;3;2018;01;18;A01Z;0111;AR;52;11\nE;3;2018;01;18;A01Z;0111;BE;406473;1210935\n";

fn read(files: &[(&str, &[u8])], max_errors: Option<usize>) -> Result<Ingested, InputError> {
    let catalog = lists().catalog_for(2024).unwrap();
    // The current year is fixed for the tests' messages.
    let mut reader = Reader::new(lists(), &catalog, max_errors).with_last_year(2026);
    for (name, bytes) in files {
        reader.read_text(name, bytes, &mut |_| {})?;
    }
    reader.finish()
}

fn error_of(content: &str) -> String {
    read(&[("REGIONAL_CPF4PAYSE.txt", content.as_bytes())], None)
        .unwrap_err()
        .to_string()
}

#[test]
fn the_spec_example_rows_parse() {
    let ingested = read(&[("spec.txt", SPEC_ROWS.as_bytes())], None).unwrap();
    assert_eq!(ingested.records.len(), 2);
    let export = ingested.records[1];
    assert_eq!(
        (
            export.value,
            export.mass,
            export.period.year,
            export.period.quarter
        ),
        (406_473, 1_210_935, 2018, 3)
    );
    assert_eq!(ingested.lines_read, 2);
}

#[test]
fn line_endings_and_byte_order_marks_are_accepted() {
    let mixed =
        "\u{feff}I;3;2018;01;18;A01Z;0111;AR;52;11\r\nE;3;2018;01;18;A01Z;0111;BE;406473;1210935\n";
    assert_eq!(
        read(&[("crlf.txt", mixed.as_bytes())], None)
            .unwrap()
            .records
            .len(),
        2
    );
}

#[test]
fn each_bad_line_names_file_line_field_and_reason() {
    let good = "E;3;2018;01;18;A01Z;0111;BE;406473;1210935\n";
    let cases = [
        ("E;3;2018;01;18;A01Z;0111;BE;406473\n", "line 2, field (ligne): 9 fields, expected 10 (Flux;Trimestre;Année;Code département;Code région;Code A129;Code CPF4;Code pays;Valeur;Masse)"),
        ("X;3;2018;01;18;A01Z;0111;BE;1;1\n", "line 2, field Flux: `X`, expected E or I"),
        ("E;5;2018;01;18;A01Z;0111;BE;1;1\n", "line 2, field Trimestre: `5`, expected 1 to 4"),
        ("E;3;18;01;18;A01Z;0111;BE;1;1\n", "line 2, field Année: `18`, expected a year from 2015 to 2026"),
        ("E;3;2014;01;18;A01Z;0111;BE;1;1\n", "line 2, field Année: `2014`, expected a year from 2015 to 2026"),
        ("E;3;2027;01;18;A01Z;0111;BE;1;1\n", "line 2, field Année: `2027`, expected a year from 2015 to 2026"),
        ("E;0;2018;01;18;A01Z;0111;BE;1;1\n", "line 2, field Trimestre: `0`, expected 1 to 4"),
        ("I;3;2018;01;18;A01Z;0111;BE;1;1\n", "line 2, field Flux: `I` in a file of exportations (its name says so): layouts mixed in one file"),
        ("E;3;2018;00;18;A01Z;0111;BE;1;1\n", "line 2, field Code département: unknown département code `00`"),
        ("E;3;2018;01;01;A01Z;0111;BE;1;1\n", "line 2, field Code région: `01`, but département 01 is in DGDDI région 18"),
        ("E;3;2018;01;18;A01Z;99;BE;1;1\n", "line 2, field Code CPF4: `99` under A129 `A01Z`, expected a 4-character CPF4 code under a 4-character A129 code"),
        ("E;3;2018;01;18;C10A;0111;BE;1;1\n", "line 2, field Code A129: `C10A`, but CPF4 0111 belongs to A129 A01Z"),
        ("E;3;2018;01;18;A01Z;0111;ZZZ;1;1\n", "line 2, field Code pays: `ZZZ`, expected a 2-character country code"),
        ("E;3;2018;01;18;A01Z;0111;AN;1;1\n", "line 2, field Code pays: country code `AN` is not valid in 2018T3"),
        ("E;3;2018;01;18;A01Z;0111;DE;12,5;1\n", "line 2, field Valeur: `12,5`, expected a whole number"),
        ("E;3;2018;01;18;A01Z;0111;DE;-4;1\n", "line 2, field Valeur: -4 is negative"),
        ("E;3;2018;01;18;A01Z;0111;DE;4;\n", "line 2, field Masse: ``, expected a whole number"),
        ("E;3;2018;01;18;A01Z;0111;BE;9;9\n", "line 2, field (ligne): duplicate of line 1 (same flow, quarter, département, CPF4 and country)"),
    ];
    for (bad, message) in cases {
        assert_eq!(
            error_of(&format!("{good}{bad}")),
            format!("REGIONAL_CPF4PAYSE.txt, {message}")
        );
    }
}

#[test]
fn file_level_problems_have_their_own_messages() {
    assert_eq!(
        error_of("\n"),
        "REGIONAL_CPF4PAYSE.txt: the file is empty (expected lines `Flux;Trimestre;Année;Code département;Code région;Code A129;Code CPF4;Code pays;Valeur;Masse`)"
    );
    let latin1 = b"E;3;2018;01;18;A01Z;0111;BE;1;1\nE;3;2018;01;18;A01Z;0111;DE;1;1 \xe9\n";
    assert_eq!(
        read(&[("latin1.txt", latin1)], None).unwrap_err().to_string(),
        "latin1.txt, line 2: not UTF-8 (byte 0xE9 at column 33); the DGDDI files are UTF-8: was it re-saved in another encoding?"
    );
}

#[test]
fn max_errors_collects_rejections_and_still_counts_every_line() {
    let content =
        format!("{SPEC_ROWS}E;9;2018;01;18;A01Z;0111;BE;1;1\nE;3;2018;01;18;A01Z;0111;QQQ;1;1\n");
    let ingested = read(&[("f.txt", content.as_bytes())], Some(5)).unwrap();
    assert_eq!(
        (
            ingested.records.len(),
            ingested.rejections.len(),
            ingested.lines_read
        ),
        (2, 2, 4)
    );
    assert_eq!(ingested.rejections[1].line, 4);
    let too_many = read(&[("f.txt", content.as_bytes())], Some(1))
        .unwrap_err()
        .to_string();
    assert!(
        too_many.starts_with(
            "2 bad lines, more than --max-errors 1; first: f.txt, line 3, field Trimestre"
        ),
        "{too_many}"
    );
}

fn zip_with(entries: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("REGIONAL.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    for (name, content) in entries {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    (dir, path)
}

#[test]
fn zips_as_published_are_read_and_a_zip_without_the_entry_is_named() {
    let (_dir, path) = zip_with(&[
        (
            "REGIONAL_CPF4PAYSE.txt",
            "E;3;2018;01;18;A01Z;0111;BE;406473;1210935\n",
        ),
        (
            "Region_2018_Import.txt",
            "I;3;2018;01;18;A01Z;0111;AR;52;11\n",
        ),
        ("LISEZ-MOI.txt", "x"),
    ]);
    let catalog = lists().catalog_for(2024).unwrap();
    let mut reader = Reader::new(lists(), &catalog, None);
    reader.read_path(&path, &mut |_| {}).unwrap();
    let ingested = reader.finish().unwrap();
    assert_eq!(ingested.records.len(), 2);
    assert_eq!(ingested.sources.len(), 2);
    assert!(ingested.sources[0]
        .name
        .ends_with("REGIONAL.zip!REGIONAL_CPF4PAYSE.txt"));

    let (_dir, path) = zip_with(&[("notes.txt", "x")]);
    let mut reader = Reader::new(lists(), &catalog, None);
    let message = reader
        .read_path(&path, &mut |_| {})
        .unwrap_err()
        .to_string();
    assert!(message.ends_with("REGIONAL.zip: no entry named REGIONAL_CPF4PAYSE.txt, REGIONAL_CPF4PAYSI.txt or Region_YYYY_Export.txt / _Import.txt in this ZIP (entries: notes.txt)"), "{message}");
}

#[test]
fn output_reconciles_and_is_deterministic_and_a_dropped_row_is_caught() {
    let content = "E;1;2024;60;01;C20B;2042;US;1000;10\nE;2;2024;60;01;C20B;2042;US;500;5\nI;1;2024;59;01;C28B;2830;DE;700;7\nE;1;2024;13;21;C20B;2042;BE;42;1\n";
    let ingested = read(&[("in.txt", content.as_bytes())], None).unwrap();
    let first = tempfile::tempdir().unwrap();
    let second = tempfile::tempdir().unwrap();
    let a = output::write(&ingested, lists(), SourceKind::Real, "test", first.path()).unwrap();
    let b = output::write(&ingested, lists(), SourceKind::Real, "test", second.path()).unwrap();
    assert_eq!(
        a.manifest, b.manifest,
        "same input, same bytes (same checksums)"
    );
    let manifest_bytes = |dir: &Path| std::fs::read(dir.join("v1/manifest.json")).unwrap();
    assert_eq!(manifest_bytes(first.path()), manifest_bytes(second.path()));
    let total = |territory: &str, flow: comex_core::codes::Flow| {
        a.manifest
            .totals
            .iter()
            .find(|t| t.territory.to_string() == territory && t.flow == flow)
            .map(|t| t.value)
    };
    use comex_core::codes::Flow::{Export, Import};
    assert_eq!(total("dep:60", Export), Some(1500));
    assert_eq!(total("reg:01", Export), Some(1500));
    assert_eq!(total("reg:01", Import), Some(700));
    assert_eq!(total("fr", Export), Some(1542));

    // The same output checked against an input with one more row: the reconciliation must refuse it.
    let mut more = read(&[("in.txt", content.as_bytes())], None).unwrap();
    let extra = read(&[("x.txt", b"E;3;2024;60;01;C20B;2042;US;1;1\n")], None).unwrap();
    more.records.extend(extra.records);
    more.lines_read += 1;
    for (key, value) in extra.value_in {
        *more.value_in.entry(key).or_insert(0) += value;
    }
    let catalog = lists().catalog_for(2024).unwrap();
    let error = output::reconcile(&more, lists(), &a.dir, &a.manifest, &catalog)
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with(
            "reconciliation failed: dep:60: exportations sum to 1500 €, the input to 1501 €"
        ),
        "{error}"
    );
}

/// Writes `table` over the built file at `path`, and returns what the reconciliation then says.
fn reconciliation_after_rewriting(
    ingested: &Ingested,
    written: &output::Written,
    path: &str,
    table: &comex_core::trade_table::TradeTable,
) -> String {
    let catalog = lists().catalog_for(2024).unwrap();
    let bytes = comex_core::arrow_io::write_trade(path, table, &catalog).unwrap();
    std::fs::write(written.dir.join(path), bytes).unwrap();
    output::reconcile(ingested, lists(), &written.dir, &written.manifest, &catalog)
        .unwrap_err()
        .to_string()
}

#[test]
fn the_files_of_all_departements_by_product_are_cut_by_section_and_reconciled() {
    use comex_core::arrow_io::read_trade;
    use comex_core::data_file::departements_by_product_file;
    let content = "E;1;2024;60;01;C20B;2042;US;1000;10\nE;1;2024;60;01;C28B;2830;DE;300;3\nI;1;2024;59;01;C20B;2042;DE;700;7\n";
    let ingested = read(&[("in.txt", content.as_bytes())], None).unwrap();
    let out = tempfile::tempdir().unwrap();
    let written = output::write(&ingested, lists(), SourceKind::Real, "test", out.path()).unwrap();
    let catalog = lists().catalog_for(2024).unwrap();
    // One file per A38 section of the code lists, also for a section without trade.
    for section in catalog.sections() {
        assert!(
            written
                .manifest
                .file(&departements_by_product_file(2024, section))
                .is_some(),
            "{section}"
        );
    }
    // Chemistry (C20B) is section CE: the Oise's 1000 € of exports and the Nord's 700 € of imports.
    let path = departements_by_product_file(2024, "CE");
    let full = written.dir.join(&path);
    let mut table = read_trade(&path, &std::fs::read(&full).unwrap(), &catalog).unwrap();
    assert_eq!((table.len(), table.value.iter().sum::<i64>()), (2, 1700));
    assert!(table.country.is_empty());
    // One euro more in a section, and the reconciliation names the file and the département.
    table.value[0] += 1;
    let error = reconciliation_after_rewriting(&ingested, &written, &path, &table);
    assert!(
        error.contains("fr-departements-produits/2024/*.arrow: département 60 sums to [1301, 0] €"),
        "{error}"
    );
}

#[test]
fn the_files_of_all_departements_are_summed_over_a_whole_year_and_reconciled() {
    use comex_core::arrow_io::read_trade;
    use comex_core::codes::Flow;
    use comex_core::data_file::{
        departements_by_country_file, departements_by_product_file, year_sum_of,
    };
    // 2024 whole (its four quarters), so every file of the year has its sum.
    let content = "E;1;2024;60;01;C20B;2042;US;1000;10\nE;2;2024;60;01;C20B;2042;US;500;5\n\
                   E;3;2024;60;01;C28B;2830;DE;300;3\nI;4;2024;59;01;C20B;2042;DE;700;7\n";
    let ingested = read(&[("in.txt", content.as_bytes())], None).unwrap();
    let out = tempfile::tempdir().unwrap();
    let written = output::write(&ingested, lists(), SourceKind::Real, "test", out.path()).unwrap();
    let catalog = lists().catalog_for(2024).unwrap();
    let by_country = departements_by_country_file(2024);
    let summed_path = year_sum_of(&by_country);
    assert_eq!(summed_path, "fr-departements-pays/2024/year.arrow");
    let file = |path: &str| {
        read_trade(
            path,
            &std::fs::read(written.dir.join(path)).unwrap(),
            &catalog,
        )
        .unwrap()
    };
    // The Oise's 1000 € and 500 € to the United States in T1 and T2 are one row of 1500 €.
    let mut summed = file(&summed_path);
    assert_eq!(summed, file(&by_country).summed_over_quarters());
    assert_eq!((summed.len(), summed.total(Flow::Export)), (3, 1800));
    for section in catalog.sections() {
        let path = year_sum_of(&departements_by_product_file(2024, section));
        assert!(written.manifest.file(&path).is_some(), "{path}");
    }
    // One euro more in the sum, and the reconciliation names it and the file it sums.
    let export = summed
        .flow
        .iter()
        .position(|&flow| flow == Flow::Export)
        .unwrap();
    summed.value[export] += 1;
    let error = reconciliation_after_rewriting(&ingested, &written, &summed_path, &summed);
    assert!(
        error.contains("fr-departements-pays/2024/year.arrow: 3 rows, 1801 € of exports, which are not those of fr-departements-pays/2024.arrow summed over its quarters"),
        "{error}"
    );
}

#[test]
fn an_annual_file_holds_its_own_year_only() {
    let message = read(
        &[(
            "Region_2023_Export.txt",
            b"E;3;2023;01;18;A01Z;0111;BE;1;1\nE;1;2024;01;18;A01Z;0111;BE;1;1\n",
        )],
        None,
    )
    .unwrap_err()
    .to_string();
    assert_eq!(
        message,
        "Region_2023_Export.txt, line 2, field Année: 2024 in the annual file of 2023: layouts mixed in one file"
    );
}

#[test]
fn a_quarter_given_by_two_inputs_comes_from_the_later_one_whole() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, content: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        path
    };
    // The annual file has 2024T3 (two lines) and 2024T4; the later file revises 2024T3 (one line).
    let annual = write(
        "Region_2024_Export.txt",
        "E;3;2024;60;01;C20B;2042;US;1000;10\nE;3;2024;60;01;C20B;2042;DE;300;3\nE;4;2024;60;01;C20B;2042;US;50;1\n",
    );
    let later = write(
        "REGIONAL_CPF4PAYSE.txt",
        "E;3;2024;60;01;C20B;2042;US;1200;12\nE;1;2025;60;01;C20B;2042;US;7;1\n",
    );
    let catalog = lists().catalog_for(2024).unwrap();
    let mut reader = Reader::new(lists(), &catalog, None).with_last_year(2026);
    for path in [&annual, &later] {
        reader.read_path(path, &mut |_| {}).unwrap();
    }
    let ingested = reader.finish().unwrap();
    let kept: Vec<(String, i64)> = ingested
        .records
        .iter()
        .map(|r| (r.period.to_string(), r.value))
        .collect();
    assert_eq!(
        kept,
        [
            ("2024T4".to_string(), 50),
            ("2024T3".to_string(), 1200),
            ("2025T1".to_string(), 7)
        ]
    );
    assert_eq!(ingested.lines_read, 5);
    assert_eq!(
        ingested.lines_replaced, 2,
        "both of the annual file's 2024T3 lines"
    );
    let third = ingested
        .quarters
        .iter()
        .find(|q| q.period.to_string() == "2024T3")
        .unwrap();
    assert!(third.file.ends_with("REGIONAL_CPF4PAYSE.txt"), "{third:?}");
    assert_eq!(third.replaced.len(), 1);
    assert!(third.replaced[0].0.ends_with("Region_2024_Export.txt"));
    assert_eq!(third.replaced[0].1, 2);
    // The output reconciles with the lines kept, and the manifest says where each quarter came from.
    let out = tempfile::tempdir().unwrap();
    let written = output::write(&ingested, lists(), SourceKind::Real, "test", out.path()).unwrap();
    let exports_2024: i64 = written
        .manifest
        .totals
        .iter()
        .filter(|t| t.territory.to_string() == "dep:60" && t.year == 2024)
        .map(|t| t.value)
        .sum();
    assert_eq!(exports_2024, 1250);
    assert!(written.dir.join("dep/60/2024.arrow").exists());
    assert!(written.dir.join("dep/60/2025.arrow").exists());
    assert_eq!(written.manifest.quarters.len(), 3);
}

#[test]
fn a_code_no_list_knows_is_kept_labelled_with_its_code_and_reported() {
    let content = "E;1;2024;60;01;C20B;2048;US;1000;10\nE;2;2024;60;01;C20B;2048;QJ;500;5\nE;3;2024;60;01;Z99Z;9999;US;7;1\n";
    let ingested = read(&[("in.txt", content.as_bytes())], None).unwrap();
    assert!(ingested.rejections.is_empty());
    assert_eq!(ingested.records.len(), 3, "no line lost");
    let unknown: Vec<(String, u64)> = ingested
        .unknown_codes
        .iter()
        .map(|u| (format!("{} {}", u.field, u.code), u.lines))
        .collect();
    assert_eq!(
        unknown,
        [
            ("Code CPF4 2048".to_string(), 2),
            ("Code CPF4 9999".to_string(), 1),
            ("Code pays QJ".to_string(), 1)
        ]
    );
    let catalog = &ingested.catalog;
    let product = catalog
        .product(catalog.product_id("2048").unwrap())
        .unwrap();
    assert_eq!(
        product.cpf4_label,
        "Code 2048 — libellé absent des nomenclatures"
    );
    assert_eq!(
        product.a129, "C20B",
        "under its known A129, with that A129's labels"
    );
    assert_ne!(product.a129_label, "");
    let orphan = catalog
        .product(catalog.product_id("9999").unwrap())
        .unwrap();
    assert_eq!(
        orphan.a129_label,
        "Code Z99Z — libellé absent des nomenclatures"
    );
    let country = catalog.country(catalog.country_id("QJ").unwrap()).unwrap();
    assert_eq!(country.label, "Code QJ — libellé absent des nomenclatures");
    // Written, read back with the extended code lists, reconciled; the manifest counts them.
    let out = tempfile::tempdir().unwrap();
    let written = output::write(&ingested, lists(), SourceKind::Real, "test", out.path()).unwrap();
    assert_eq!(written.manifest.unknown_codes.len(), 3);
    assert_eq!(written.manifest.unknown_codes[0].lines, 2);
}

#[test]
fn a_published_zip_brings_its_own_labels() {
    let (_dir, path) = zip_with(&[
        (
            "REGIONAL_CPF4PAYSE.txt",
            "E;1;2024;60;01;C20B;2042;US;1000;10\nE;1;2024;60;01;C20B;2048;QJ;5;1\n",
        ),
        (
            "Libelle_CPF4.txt",
            "2042;Parfums (libellé du fichier publié);201501;999912\n2048;Produit nouveau du fichier publié;202401;999912\n",
        ),
        ("Libelle_PAYS.txt", "QJ;Pays du fichier publié;202401;999912\n"),
    ]);
    let catalog = lists().catalog_for(2024).unwrap();
    let mut reader = Reader::new(lists(), &catalog, None).with_last_year(2026);
    reader.read_path(&path, &mut |_| {}).unwrap();
    let ingested = reader.finish().unwrap();
    let catalog = &ingested.catalog;
    let label = |cpf4: &str| {
        catalog
            .product(catalog.product_id(cpf4).unwrap())
            .unwrap()
            .cpf4_label
            .clone()
    };
    assert_eq!(label("2042"), "Parfums (libellé du fichier publié)");
    // A code the shipped lists lack but the ZIP's own list has: kept with the ZIP's label.
    assert_eq!(label("2048"), "Produit nouveau du fichier publié");
    let country = catalog.country(catalog.country_id("QJ").unwrap()).unwrap();
    assert_eq!(country.label, "Pays du fichier publié");
    // Labels of the shipped lists stay where the ZIP says nothing.
    assert_eq!(
        catalog
            .country(catalog.country_id("US").unwrap())
            .unwrap()
            .label,
        lists()
            .catalog_for(2024)
            .unwrap()
            .country(catalog.country_id("US").unwrap())
            .unwrap()
            .label
    );
}
