//! The DGDDI regional trade files: `REGIONAL_CPF4PAYSE.txt` / `REGIONAL_CPF4PAYSI.txt` (or the older
//! `Region_YYYY_Export.txt` / `Region_YYYY_Import.txt`), plain or inside the published ZIP.
//!
//! No header, `;`, UTF-8, ten fields:
//! `Flux;Trimestre;Année;Code département;Code région;Code A129;Code CPF4;Code pays;Valeur;Masse`
//! (euros and kg). Every line is either accepted or rejected with its file, line, field and reason.

use crate::code_lists::CodeLists;
use crate::text::numbered_lines;
use crate::{InputError, Rejection};
use comex_core::catalog::Catalog;
use comex_core::codes::{Flow, Period};
use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::Path;

pub const FIELDS: [&str; 10] = [
    "Flux",
    "Trimestre",
    "Année",
    "Code département",
    "Code région",
    "Code A129",
    "Code CPF4",
    "Code pays",
    "Valeur",
    "Masse",
];

/// One accepted line. Départements index `CodeLists::departements`; products and countries the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Record {
    pub flow: Flow,
    pub period: Period,
    pub departement: u16,
    pub product: u16,
    pub country: u16,
    pub value: i64,
    pub mass: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFileInfo {
    pub name: String,
    pub sha256: String,
    pub lines: u64,
}

/// Everything read from the inputs, and the sums the reconciliation checks the output against.
#[derive(Debug, Default)]
pub struct Ingested {
    pub records: Vec<Record>,
    pub rejections: Vec<Rejection>,
    pub sources: Vec<SourceFileInfo>,
    pub lines_read: u64,
    /// Sum of Valeur of the accepted lines per (département index, flow).
    pub value_in: BTreeMap<(u16, Flow), i64>,
}

/// Whether an entry name is one of the published file names.
pub fn is_trade_file_name(name: &str) -> bool {
    let base = name.rsplit('/').next().unwrap_or(name);
    if base == "REGIONAL_CPF4PAYSE.txt" || base == "REGIONAL_CPF4PAYSI.txt" {
        return true;
    }
    let Some(rest) = base.strip_prefix("Region_") else {
        return false;
    };
    let Some((year, kind)) = rest.split_once('_') else {
        return false;
    };
    year.len() == 4
        && year.chars().all(|c| c.is_ascii_digit())
        && (kind == "Export.txt" || kind == "Import.txt")
}

pub use comex_core::manifest::sha256_hex;

/// (flow, period, département, product, country): what identifies a line.
type RowKey = (Flow, Period, u16, u16, u16);

/// Reads every input (ZIPs and text files), validating each line.
pub struct Reader<'a> {
    lists: &'a CodeLists,
    catalog: &'a Catalog,
    max_errors: Option<usize>,
    ingested: Ingested,
    /// Where each key was first read: duplicates are rejected.
    seen: HashMap<RowKey, (usize, usize)>,
    departement_index: HashMap<&'a str, u16>,
    rejected_count: usize,
}

impl<'a> Reader<'a> {
    pub fn new(lists: &'a CodeLists, catalog: &'a Catalog, max_errors: Option<usize>) -> Self {
        let departement_index = lists
            .departements
            .iter()
            .enumerate()
            .filter_map(|(i, d)| Some((d.code.as_str(), u16::try_from(i).ok()?)))
            .collect();
        Reader {
            lists,
            catalog,
            max_errors,
            ingested: Ingested::default(),
            seen: HashMap::new(),
            departement_index,
            rejected_count: 0,
        }
    }

    /// A ZIP as published (its trade entries) or a text file.
    pub fn read_path(
        &mut self,
        path: &Path,
        on_progress: &mut dyn FnMut(u64),
    ) -> Result<(), InputError> {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(InputError::io(&name))?;
        let is_zip =
            bytes.starts_with(b"PK\x03\x04") || name.to_ascii_lowercase().ends_with(".zip");
        if !is_zip {
            return self.read_text(&name, &bytes, on_progress);
        }
        let bad_zip = |reason: String| InputError::BadZip {
            file: name.clone(),
            reason,
        };
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&bytes))
            .map_err(|e| bad_zip(e.to_string()))?;
        let names: Vec<String> = archive.file_names().map(str::to_string).collect();
        let mut entries: Vec<&String> = names.iter().filter(|n| is_trade_file_name(n)).collect();
        entries.sort();
        if entries.is_empty() {
            return Err(InputError::ZipWithoutEntry {
                file: name.clone(),
                expected: "REGIONAL_CPF4PAYSE.txt, REGIONAL_CPF4PAYSI.txt or Region_YYYY_Export.txt / _Import.txt"
                    .to_string(),
                found: if names.is_empty() { "none".to_string() } else { names.join(", ") },
            });
        }
        for entry in entries {
            let mut content = Vec::new();
            archive
                .by_name(entry)
                .map_err(|e| bad_zip(e.to_string()))?
                .read_to_end(&mut content)
                .map_err(|e| bad_zip(format!("{entry}: {e}")))?;
            self.read_text(&format!("{name}!{entry}"), &content, on_progress)?;
        }
        Ok(())
    }

    /// One trade file's bytes.
    pub fn read_text(
        &mut self,
        file: &str,
        bytes: &[u8],
        on_progress: &mut dyn FnMut(u64),
    ) -> Result<(), InputError> {
        let text = utf8_or_locate(file, bytes)?;
        if text.trim().is_empty() {
            return Err(InputError::EmptyFile {
                file: file.to_string(),
            });
        }
        let file_index = self.ingested.sources.len();
        let mut lines = 0_u64;
        for (number, line) in numbered_lines(text) {
            if line.is_empty() {
                continue; // the final newline, or blank lines: no data in them
            }
            lines += 1;
            match self.parse_line(file, file_index, number, line) {
                Ok(record) => self.accept(record),
                Err(rejection) => self.reject(rejection)?,
            }
            if lines.is_multiple_of(65_536) {
                on_progress(65_536);
            }
        }
        on_progress(lines % 65_536);
        self.ingested.lines_read += lines;
        self.ingested.sources.push(SourceFileInfo {
            name: file.to_string(),
            sha256: sha256_hex(bytes),
            lines,
        });
        Ok(())
    }

    fn accept(&mut self, record: Record) {
        *self
            .ingested
            .value_in
            .entry((record.departement, record.flow))
            .or_insert(0) += record.value;
        self.ingested.records.push(record);
    }

    fn reject(&mut self, rejection: Rejection) -> Result<(), InputError> {
        self.rejected_count += 1;
        match self.max_errors {
            None => Err(InputError::BadLine(rejection)),
            Some(max) if self.rejected_count > max => Err(InputError::TooManyBadLines {
                count: self.rejected_count,
                max,
                first: self
                    .ingested
                    .rejections
                    .first()
                    .cloned()
                    .unwrap_or(rejection),
            }),
            Some(_) => {
                self.ingested.rejections.push(rejection);
                Ok(())
            }
        }
    }

    pub fn finish(self) -> Ingested {
        self.ingested
    }

    fn parse_line(
        &mut self,
        file: &str,
        file_index: usize,
        line: usize,
        text: &str,
    ) -> Result<Record, Rejection> {
        let reject = |field: &str, reason: String| Rejection {
            file: file.to_string(),
            line,
            field: field.to_string(),
            reason,
        };
        let fields: Vec<&str> = text.split(';').collect();
        let [flux, quarter, year, departement, region, a129, cpf4, country, value, mass] =
            fields.as_slice()
        else {
            return Err(reject(
                "(ligne)",
                format!(
                    "{} fields, expected 10 ({})",
                    fields.len(),
                    FIELDS.join(";")
                ),
            ));
        };
        let flow = Flow::from_code(flux)
            .ok_or_else(|| reject("Flux", format!("`{flux}`, expected E or I")))?;
        let quarter: u8 = quarter
            .parse()
            .ok()
            .filter(|q| (1..=4).contains(q))
            .ok_or_else(|| reject("Trimestre", format!("`{quarter}`, expected 1 to 4")))?;
        let year: u16 = year
            .parse()
            .ok()
            .filter(|y| (1990..=2100).contains(y))
            .ok_or_else(|| reject("Année", format!("`{year}`, expected a year such as 2024")))?;
        let departement_id = *self.departement_index.get(departement).ok_or_else(|| {
            reject(
                "Code département",
                format!("unknown département code `{departement}`"),
            )
        })?;
        let expected_region = self
            .lists
            .departements
            .get(usize::from(departement_id))
            .map(|d| d.region.as_str())
            .unwrap_or("");
        if *region != expected_region {
            return Err(reject(
                "Code région",
                format!("`{region}`, but département {departement} is in DGDDI région {expected_region}"),
            ));
        }
        let product = self
            .catalog
            .product_id(cpf4)
            .ok_or_else(|| reject("Code CPF4", format!("unknown CPF4 code `{cpf4}`")))?;
        let expected_a129 = self
            .catalog
            .product(product)
            .map(|p| p.a129.as_str())
            .unwrap_or("");
        if *a129 != expected_a129 {
            return Err(reject(
                "Code A129",
                format!("`{a129}`, but CPF4 {cpf4} belongs to A129 {expected_a129}"),
            ));
        }
        let country_id = self
            .catalog
            .country_id(country)
            .ok_or_else(|| reject("Code pays", format!("unknown country code `{country}`")))?;
        if !self.lists.country_valid_in(country, year, quarter) {
            return Err(reject(
                "Code pays",
                format!("country code `{country}` is not valid in {year}T{quarter}"),
            ));
        }
        let amount = |field: &str, text: &str| {
            text.parse::<i64>()
                .map_err(|_| reject(field, format!("`{text}`, expected a whole number")))
                .and_then(|v| {
                    if v < 0 {
                        Err(reject(field, format!("{v} is negative")))
                    } else {
                        Ok(v)
                    }
                })
        };
        let value = amount("Valeur", value)?;
        let mass = amount("Masse", mass)?;
        let period = Period { year, quarter };
        if let Some((first_file, first_line)) = self.seen.insert(
            (flow, period, departement_id, product, country_id),
            (file_index, line),
        ) {
            let where_first = if first_file == file_index {
                format!("line {first_line}")
            } else {
                let name = self
                    .ingested
                    .sources
                    .get(first_file)
                    .map(|s| s.name.as_str())
                    .unwrap_or("?");
                format!("{name}, line {first_line}")
            };
            return Err(reject("(ligne)", format!("duplicate of {where_first} (same flow, quarter, département, CPF4 and country)")));
        }
        Ok(Record {
            flow,
            period,
            departement: departement_id,
            product,
            country: country_id,
            value,
            mass,
        })
    }
}

/// The text, or an error that says where the first non-UTF-8 byte is.
fn utf8_or_locate<'b>(file: &str, bytes: &'b [u8]) -> Result<&'b str, InputError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|error| {
        let valid = bytes.get(..error.valid_up_to()).unwrap_or(&[]);
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = valid
            .iter()
            .rposition(|&b| b == b'\n')
            .map(|p| p + 1)
            .unwrap_or(0);
        InputError::Encoding {
            file: file.to_string(),
            line,
            column: error.valid_up_to() - line_start + 1,
            byte: bytes.get(error.valid_up_to()).copied().unwrap_or(0),
        }
    })
}
