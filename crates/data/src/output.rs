//! Writing the versioned output folder: Arrow files, code lists, `manifest.json`, the rejection report;
//! then reading every file back to reconcile it with the input, to the row and to the euro.

use crate::code_lists::CodeLists;
use crate::dgddi::{sha256_hex, Ingested, Record};
use crate::partition::{departements_under_strong_dependence, partition};
use crate::InputError;
use comex_core::arrow_io::{self, SCHEMA_VERSION};
use comex_core::catalog::Catalog;
use comex_core::codes::{Flow, Territory};
pub use comex_core::data_file::VERSION_DIR;
use comex_core::data_file::{
    self, departements_by_country_file, departements_by_product_file, departements_dependence_file,
    trade_file, year_sum_of, COUNTRIES_FILE, MANIFEST_FILE, PRODUCTS_FILE,
};
use comex_core::manifest::{
    complete_years, Manifest, OutputFile, QuarterEntry, ReplacedFile, Source, SourceFile,
    SourceKind, TerritoryEntry, TerritoryTotal, UnknownCodeEntry,
};
use comex_core::trade_table::TradeTable;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

pub const REJECTIONS_FILE: &str = "rejets.csv";
/// Every territory's totals per year and flow, for people and scripts (the app does not read it).
pub const TOTALS_FILE: &str = "totals.json";

/// Compact JSON with a final newline, for the files the pipeline writes.
fn json_bytes<T: serde::Serialize>(value: &T) -> Result<Vec<u8>, InputError> {
    let mut text = serde_json::to_vec(value)
        .map_err(|error| InputError::Reconciliation(format!("JSON: {error}")))?;
    text.push(b'\n');
    Ok(text)
}
/// What was written, for the closing report.
#[derive(Debug)]
pub struct Written {
    pub dir: PathBuf,
    pub manifest: Manifest,
    pub lines_read: u64,
    pub lines_rejected: usize,
    pub bytes: u64,
}

fn write_file(dir: &Path, path: &str, bytes: &[u8]) -> Result<OutputFile, InputError> {
    let full = dir.join(path);
    if let Some(parent) = full.parent() {
        std::fs::create_dir_all(parent).map_err(InputError::io(parent.display().to_string()))?;
    }
    std::fs::write(&full, bytes).map_err(InputError::io(full.display().to_string()))?;
    Ok(OutputFile {
        path: path.to_string(),
        rows: 0,
        bytes: bytes.len() as u64,
        sha256: sha256_hex(bytes),
    })
}

fn write_table(
    dir: &Path,
    path: &str,
    table: &TradeTable,
    catalog: &Catalog,
) -> Result<OutputFile, InputError> {
    let bytes = arrow_io::write_trade(path, table, catalog)?;
    Ok(OutputFile {
        rows: table.len() as u64,
        ..write_file(dir, path, &bytes)?
    })
}

/// Writes everything into `<out>/v1` (through a temporary folder, so a failed run leaves the old one).
// The output folder's steps in order: files by year, code lists, reports, manifest, reconciliation.
#[allow(clippy::too_many_lines)]
pub fn write(
    ingested: &Ingested,
    lists: &CodeLists,
    kind: SourceKind,
    description: &str,
    out: &Path,
) -> Result<Written, InputError> {
    let years: Vec<u16> = {
        let mut years: Vec<u16> = ingested.records.iter().map(|row| row.period.year).collect();
        years.sort_unstable();
        years.dedup();
        years
    };
    // The catalog the records refer to: the code lists', with the codes they do not know.
    let catalog = &ingested.catalog;

    let final_dir = out.join(VERSION_DIR);
    let dir = out.join(format!("{VERSION_DIR}.tmp"));
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(InputError::io(dir.display().to_string()))?;
    }
    std::fs::create_dir_all(&dir).map_err(InputError::io(dir.display().to_string()))?;

    let mut periods: Vec<_> = ingested.records.iter().map(|row| row.period).collect();
    periods.sort_unstable();
    periods.dedup();
    let complete_years = complete_years(&periods);
    let whole_year = |year: u16| complete_years.contains(&year);

    // One file per territory and year: a page fetches only the years it shows; for a year the data
    // hold whole, the same summed over its quarters too (what a portrait of that year reads).
    let mut files = Vec::new();
    let mut totals = Vec::new();
    let mut present: BTreeSet<Territory> = BTreeSet::new();
    for &year in &years {
        let of_year: Vec<Record> = ingested
            .records
            .iter()
            .filter(|record| record.period.year == year)
            .copied()
            .collect();
        let parts = partition(&of_year, lists, catalog);
        // Each département's year, for the file of the goods under strong dependence.
        let mut departement_years: Vec<TradeTable> = Vec::new();
        let tables = parts
            .departements
            .iter()
            .chain(&parts.regions)
            .chain(std::iter::once(&parts.france));
        for table in tables {
            files.push(write_table(
                &dir,
                &trade_file(&table.territory, year).to_string(),
                table,
                catalog,
            )?);
            if whole_year(year) {
                let summed = table.summed_over_quarters();
                files.push(write_table(
                    &dir,
                    &trade_file(&table.territory, year).summed().to_string(),
                    &summed,
                    catalog,
                )?);
                if matches!(table.territory, Territory::Departement(_)) {
                    departement_years.push(summed);
                }
            }
            totals.extend(Flow::BOTH.map(|flow| TerritoryTotal {
                territory: table.territory.clone(),
                year,
                flow,
                value: table.total(flow),
            }));
            present.insert(table.territory.clone());
        }
        // The files of all départements, by quarter and for a whole year summed likewise.
        let all_departements = std::iter::once((
            departements_by_country_file(year),
            &parts.departements_by_country,
        ))
        .chain(
            parts
                .departements_by_product
                .iter()
                .map(|(section, table)| (departements_by_product_file(year, section), table)),
        );
        for (path, table) in all_departements {
            files.push(write_table(&dir, &path, table, catalog)?);
            if whole_year(year) {
                let summed = table.summed_over_quarters();
                files.push(write_table(&dir, &year_sum_of(&path), &summed, catalog)?);
            }
        }
        if whole_year(year) {
            let strong = departements_under_strong_dependence(
                year,
                &departement_years,
                &departement_codes(lists),
                catalog,
            );
            let path = departements_dependence_file(year);
            files.push(write_table(&dir, &path, &strong, catalog)?);
        }
    }
    let products = arrow_io::write_products(PRODUCTS_FILE, &catalog.products)?;
    files.push(OutputFile {
        rows: catalog.products.len() as u64,
        ..write_file(&dir, PRODUCTS_FILE, &products)?
    });
    let countries = arrow_io::write_countries(COUNTRIES_FILE, &catalog.countries)?;
    files.push(OutputFile {
        rows: catalog.countries.len() as u64,
        ..write_file(&dir, COUNTRIES_FILE, &countries)?
    });
    if !ingested.rejections.is_empty() {
        let report = rejections_csv(&ingested.rejections)
            .map_err(|error| InputError::Reconciliation(format!("{REJECTIONS_FILE}: {error}")))?;
        files.push(OutputFile {
            rows: ingested.rejections.len() as u64,
            ..write_file(&dir, REJECTIONS_FILE, &report)?
        });
    }

    let manifest = Manifest {
        schema_version: SCHEMA_VERSION.to_string(),
        source: Source {
            kind,
            description: description.to_string(),
            files: ingested
                .sources
                .iter()
                .map(|s| SourceFile {
                    name: s.name.clone(),
                    sha256: s.sha256.clone(),
                    rows: s.lines,
                })
                .collect(),
        },
        years,
        periods,
        territories: territories(&present, lists),
        files,
        totals,
        quarters: ingested
            .quarters
            .iter()
            .map(|quarter| QuarterEntry {
                flow: quarter.flow,
                period: quarter.period,
                file: quarter.file.clone(),
                lines: quarter.lines,
                replaced: quarter
                    .replaced
                    .iter()
                    .map(|(file, lines)| ReplacedFile {
                        file: file.clone(),
                        lines: *lines,
                    })
                    .collect(),
            })
            .collect(),
        unknown_codes: ingested
            .unknown_codes
            .iter()
            .map(|unknown| UnknownCodeEntry {
                field: unknown.field.to_string(),
                code: unknown.code.clone(),
                lines: unknown.lines,
            })
            .collect(),
        territoires_industrie: Some(lists.territoires_industrie.list.clone()),
    };
    // The manifest without the year files, one index per year, the totals apart: a page reads the
    // manifest and the index of the years it shows.
    write_file(
        &dir,
        MANIFEST_FILE,
        &json_bytes(&manifest.without_year_files())?,
    )?;
    for (path, index) in manifest.year_indexes() {
        write_file(&dir, &path, &json_bytes(&index)?)?;
    }
    write_file(&dir, TOTALS_FILE, &json_bytes(&manifest.totals)?)?;

    reconcile(ingested, lists, &dir, &manifest, catalog)?;

    if final_dir.exists() {
        std::fs::remove_dir_all(&final_dir)
            .map_err(InputError::io(final_dir.display().to_string()))?;
    }
    std::fs::rename(&dir, &final_dir).map_err(InputError::io(final_dir.display().to_string()))?;
    let bytes = manifest.files.iter().map(|f| f.bytes).sum();
    Ok(Written {
        dir: final_dir,
        manifest,
        lines_read: ingested.lines_read,
        lines_rejected: ingested.rejections.len(),
        bytes,
    })
}

/// The départements with data, their régions, then France.
fn territories(present: &BTreeSet<Territory>, lists: &CodeLists) -> Vec<TerritoryEntry> {
    let mut entries = Vec::new();
    for territory in present {
        if let Territory::Departement(code) = territory {
            if let Some(d) = lists.departement(code) {
                let territoires_industrie = lists
                    .territoires_industrie
                    .by_departement
                    .get(code)
                    .map(|names| names.iter().cloned().collect())
                    .unwrap_or_default();
                entries.push(TerritoryEntry {
                    territory: territory.clone(),
                    slug: slug_of(&d.label),
                    label: d.label.clone(),
                    region: Some(d.region.clone()),
                    territoires_industrie,
                });
            }
        }
    }
    for territory in present {
        if let Territory::Region(code) = territory {
            let label = lists
                .departements
                .iter()
                .find(|d| &d.region == code)
                .map(|d| d.region_label.clone())
                .unwrap_or_default();
            entries.push(TerritoryEntry {
                territory: territory.clone(),
                slug: slug_of(&label),
                label,
                region: Some(code.clone()),
                territoires_industrie: Vec::new(),
            });
        }
    }
    entries.push(TerritoryEntry {
        territory: Territory::France,
        label: "France entière".to_string(),
        slug: "france".to_string(),
        region: None,
        territoires_industrie: Vec::new(),
    });
    entries
}

/// The rejected lines, `;`-separated (the csv crate quotes what needs it).
fn rejections_csv(rejections: &[crate::Rejection]) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    writer.write_record(["fichier", "ligne", "champ", "motif"])?;
    for rejection in rejections {
        writer.write_record([
            rejection.file.as_str(),
            &rejection.line.to_string(),
            rejection.field.as_str(),
            &rejection.reason,
        ])?;
    }
    writer
        .into_inner()
        .map_err(|error| error.into_error().into())
}

/// A name folded to ASCII (`Île-de-France` → `ile-de-france`) for download file names: done here,
/// natively, so that the browser app carries no transliteration table.
fn slug_of(label: &str) -> String {
    comex_core::blocks::text::slug(&deunicode::deunicode(label))
}

/// Reads every written trade file back and checks it against the input: lines read = rows written
/// + lines rejected, and per flow and territory, the sum of Valeur in = out, to the euro.
pub fn reconcile(
    ingested: &Ingested,
    lists: &CodeLists,
    dir: &Path,
    manifest: &Manifest,
    catalog: &Catalog,
) -> Result<(), InputError> {
    let fail = |message: String| Err(InputError::Reconciliation(message));
    let accepted = ingested.records.len() as u64;
    let rejected = ingested.rejections.len() as u64;
    let replaced = ingested.lines_replaced;
    if ingested.lines_read != accepted + rejected + replaced {
        return fail(format!(
            "{} lines read, but {accepted} kept + {rejected} rejected + {replaced} replaced by a later input",
            ingested.lines_read
        ));
    }
    // Expected sums per territory and flow, from the input side.
    let mut expected: BTreeMap<(Territory, Flow), i64> = BTreeMap::new();
    for (&(departement, flow), &value) in &ingested.value_in {
        let Some(entry) = lists.departements.get(usize::from(departement)) else {
            continue;
        };
        for territory in [
            Territory::Departement(entry.code.clone()),
            Territory::Region(entry.region.clone()),
            Territory::France,
        ] {
            *expected.entry((territory, flow)).or_insert(0) += value;
        }
    }
    let mut departement_rows = 0_u64;
    let mut seen = 0;
    // Each département's [exports, imports] per year, from its own files.
    let mut departement_totals: BTreeMap<(u16, &str), [i64; 2]> = BTreeMap::new();
    for entry in &manifest.territories {
        let mut found = [0_i64; 2];
        for &year in &manifest.years {
            let path = trade_file(&entry.territory, year).to_string();
            if manifest.file(&path).is_none() {
                continue; // no data for this territory that year
            }
            let bytes = std::fs::read(dir.join(&path)).map_err(InputError::io(path.clone()))?;
            let table = arrow_io::read_trade(&path, &bytes, catalog)?;
            reconcile_year_sum(dir, manifest, catalog, &path, &table)?;
            let totals = [table.total(Flow::Export), table.total(Flow::Import)];
            if let Territory::Departement(code) = &entry.territory {
                departement_rows += table.len() as u64;
                departement_totals.insert((year, code.as_str()), totals);
            }
            found[0] += totals[0];
            found[1] += totals[1];
        }
        let path = entry.territory.to_string();
        for flow in Flow::BOTH {
            let wanted = expected.get(&(entry.territory.clone(), flow));
            let found = if flow == Flow::Export {
                found[0]
            } else {
                found[1]
            };
            if wanted.copied().unwrap_or(0) != found {
                let wanted = wanted.copied().unwrap_or(0);
                return fail(format!(
                    "{path}: {} sum to {found} €, the input to {wanted} €",
                    flow.label_fr()
                ));
            }
            seen += usize::from(wanted.is_some());
        }
    }
    if seen != expected.len() {
        return fail(format!(
            "{} territory totals in the input, {seen} checked in the output",
            expected.len()
        ));
    }
    if departement_rows != accepted {
        return fail(format!(
            "{accepted} lines accepted, but {departement_rows} rows in the département files"
        ));
    }
    reconcile_all_departements(dir, manifest, catalog, &departement_totals)?;
    reconcile_strong_dependence(dir, manifest, catalog, lists)
}

/// Every département's code, in the order the files of all départements index them.
fn departement_codes(lists: &CodeLists) -> Vec<String> {
    lists
        .departements
        .iter()
        .map(|departement| departement.code.clone())
        .collect()
}

/// The file of the goods under strong dependence holds, for each whole year, what the rule gives
/// on each département's own year file read back, row for row; no other year has one.
fn reconcile_strong_dependence(
    dir: &Path,
    manifest: &Manifest,
    catalog: &Catalog,
    lists: &CodeLists,
) -> Result<(), InputError> {
    for &year in &manifest.years {
        let path = departements_dependence_file(year);
        let whole = manifest.complete_years().contains(&year);
        if manifest.file(&path).is_some() != whole {
            return Err(InputError::Reconciliation(format!(
                "{path}: listed for a year the data hold {}",
                if whole { "whole, missing" } else { "in part" }
            )));
        }
        if !whole {
            continue;
        }
        let read = |path: &str| -> Result<TradeTable, InputError> {
            let bytes = std::fs::read(dir.join(path)).map_err(InputError::io(path.to_string()))?;
            Ok(arrow_io::read_trade(path, &bytes, catalog)?)
        };
        let mut years = Vec::new();
        for entry in &manifest.territories {
            let year_sum = trade_file(&entry.territory, year).summed().to_string();
            if matches!(entry.territory, Territory::Departement(_))
                && manifest.file(&year_sum).is_some()
            {
                years.push(read(&year_sum)?);
            }
        }
        let expected =
            departements_under_strong_dependence(year, &years, &departement_codes(lists), catalog);
        let found = read(&path)?;
        // Compared by code: a table read back indexes only the départements it holds.
        let rows = |table: &TradeTable| -> Vec<(String, u16, i64)> {
            (0..table.len())
                .map(|row| {
                    let at = |column: &[u16]| column.get(row).copied().unwrap_or(u16::MAX);
                    let code = table.departements.get(usize::from(at(&table.departement)));
                    let value = table.value.get(row).copied().unwrap_or(0);
                    (code.cloned().unwrap_or_default(), at(&table.product), value)
                })
                .collect()
        };
        if rows(&found) != rows(&expected) {
            return Err(InputError::Reconciliation(format!(
                "{path}: {} rows, {} € of imports, not what the départements' own files give ({} rows, {} €)",
                found.len(),
                found.total(Flow::Import),
                expected.len(),
                expected.total(Flow::Import),
            )));
        }
    }
    Ok(())
}

/// A whole year's sum file holds, row for row, its file by quarter summed over the quarters; a
/// year the data hold whole has one, another year none.
fn reconcile_year_sum(
    dir: &Path,
    manifest: &Manifest,
    catalog: &Catalog,
    by_quarter_path: &str,
    by_quarter: &TradeTable,
) -> Result<(), InputError> {
    let path = year_sum_of(by_quarter_path);
    let listed = manifest.file(&path).is_some();
    let wanted = data_file::year_of(by_quarter_path)
        .is_some_and(|year| manifest.complete_years().contains(&year));
    if listed != wanted {
        return Err(InputError::Reconciliation(format!(
            "{path}: {} for a year the data hold {}",
            if listed { "written" } else { "missing" },
            if wanted { "whole" } else { "in part" }
        )));
    }
    if !listed {
        return Ok(());
    }
    let bytes = std::fs::read(dir.join(&path)).map_err(InputError::io(path.clone()))?;
    let summed = arrow_io::read_trade(&path, &bytes, catalog)?;
    if summed != by_quarter.summed_over_quarters() {
        return Err(InputError::Reconciliation(format!(
            "{path}: {} rows, {} € of exports, which are not those of {by_quarter_path} summed over its quarters",
            summed.len(),
            summed.total(Flow::Export),
        )));
    }
    Ok(())
}

/// The files of all départements (by country; by product, its sections together) hold, for every
/// département and year, the same exports and imports as the département's own file, to the euro.
fn reconcile_all_departements(
    dir: &Path,
    manifest: &Manifest,
    catalog: &Catalog,
    departement_totals: &BTreeMap<(u16, &str), [i64; 2]>,
) -> Result<(), InputError> {
    for &year in &manifest.years {
        let by_product: Vec<String> = catalog
            .sections()
            .iter()
            .map(|section| departements_by_product_file(year, section))
            .collect();
        for (path, parts) in [
            (
                departements_by_country_file(year),
                vec![departements_by_country_file(year)],
            ),
            (departements_by_product_file(year, "*"), by_product),
        ] {
            let mut sums: BTreeMap<String, [i64; 2]> = BTreeMap::new();
            for part in &parts {
                let bytes = std::fs::read(dir.join(part)).map_err(InputError::io(part.clone()))?;
                let table = arrow_io::read_trade(part, &bytes, catalog)?;
                reconcile_year_sum(dir, manifest, catalog, part, &table)?;
                for ((&departement, &flow), &value) in
                    table.departement.iter().zip(&table.flow).zip(&table.value)
                {
                    let code = table.departements.get(usize::from(departement));
                    let sum = sums.entry(code.cloned().unwrap_or_default()).or_default();
                    sum[usize::from(flow != Flow::Export)] += value;
                }
            }
            for (code, found) in &sums {
                let wanted = departement_totals
                    .get(&(year, code.as_str()))
                    .copied()
                    .unwrap_or([0, 0]);
                if *found != wanted {
                    return Err(InputError::Reconciliation(format!(
                        "{path}: département {code} sums to {found:?} € (exports, imports), its own file to {wanted:?} €"
                    )));
                }
            }
            let listed: i64 = departement_totals
                .iter()
                .filter(|((of_year, _), _)| *of_year == year)
                .map(|(_, [exports, imports])| exports + imports)
                .sum();
            let found: i64 = sums
                .values()
                .map(|[exports, imports]| exports + imports)
                .sum();
            if found != listed {
                return Err(InputError::Reconciliation(format!(
                    "{path}: {found} € in all, the départements' files {listed} €"
                )));
            }
        }
    }
    Ok(())
}
