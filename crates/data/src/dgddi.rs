//! The DGDDI regional trade files: `REGIONAL_CPF4PAYSE.txt` / `REGIONAL_CPF4PAYSI.txt` (or the older
//! `Region_YYYY_Export.txt` / `Region_YYYY_Import.txt`), plain or inside the published ZIP.
//!
//! No header, `;`, UTF-8, ten fields:
//! `Flux;Trimestre;Année;Code département;Code région;Code A129;Code CPF4;Code pays;Valeur;Masse`
//! (euros and kg). Every line is either accepted or rejected with its file, line, field and reason.

pub use crate::code_labels::{absent_label, UnknownCode};
use crate::code_labels::{zip_labels, ZipLabels, UNCLASSIFIED, UNCLASSIFIED_LABEL};
use crate::code_lists::CodeLists;
pub use crate::file_layout::{current_year, FIRST_YEAR};
use crate::file_layout::{named_content, NamedContent};
use crate::text::numbered_lines;
use crate::{InputError, Rejection};
use comex_core::catalog::{Catalog, Country, CountryGroup, Product};
use comex_core::codes::{Flow, Period};
use std::borrow::Cow;
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
    /// Which `--input` the line came from (the entries of one ZIP share it): for a quarter present in
    /// two inputs, the later one wins.
    pub input: u16,
}

/// Where one quarter of one flow came from, and what it replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuarterSource {
    pub flow: Flow,
    pub period: Period,
    /// The file (`archive.zip!entry.txt` inside a ZIP) whose lines were kept.
    pub file: String,
    pub lines: u64,
    /// Files whose lines for the same quarter were replaced, with their line counts.
    pub replaced: Vec<(String, u64)>,
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
    /// Lines of a quarter that a later input gave again: counted, reported, not kept.
    pub lines_replaced: u64,
    /// Per quarter and flow, the file kept and the ones it replaced.
    pub quarters: Vec<QuarterSource>,
    /// While reading: the source file index of each record (to name the files of a quarter).
    record_files: Vec<usize>,
    /// The catalog the records' product and country indices refer to: the code lists', with the
    /// unknown codes added.
    pub catalog: Catalog,
    /// Codes no code list knows, kept with their code as label, and their line counts.
    pub unknown_codes: Vec<UnknownCode>,
    /// Sum of Valeur of the kept lines per (département index, flow).
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

/// (input, flow, period, département, product, country): what identifies a line within an input.
type RowKey = (u16, Flow, Period, u16, u16, u16);

/// Reads every input (ZIPs and text files), validating each line.
pub struct Reader<'a> {
    lists: &'a CodeLists,
    /// The code lists' catalog (relabelled by a published ZIP's own lists, if any).
    catalog: Cow<'a, Catalog>,
    /// Codes the code lists do not know, kept: their indices follow the catalog's. The extended
    /// catalog is built once, by `finish`.
    extra_products: Vec<Product>,
    extra_product_ids: HashMap<String, u16>,
    extra_countries: Vec<Country>,
    extra_country_ids: HashMap<String, u16>,
    /// Lines per code no code list knows, by field.
    unknown: BTreeMap<(&'static str, String), u64>,
    /// Labels of the published ZIPs' own code lists.
    zip_labels: ZipLabels,
    max_errors: Option<usize>,
    ingested: Ingested,
    /// Where each key was first read: duplicates are rejected.
    seen: HashMap<RowKey, (usize, usize)>,
    departement_index: HashMap<&'a str, u16>,
    rejected_count: usize,
    /// The `--input` being read (0 before the first).
    input: u16,
    /// Years after this one are refused (the current year, or a test's).
    last_year: u16,
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
            catalog: Cow::Borrowed(catalog),
            extra_products: Vec::new(),
            extra_product_ids: HashMap::new(),
            extra_countries: Vec::new(),
            extra_country_ids: HashMap::new(),
            unknown: BTreeMap::new(),
            zip_labels: ZipLabels::default(),
            max_errors,
            ingested: Ingested::default(),
            seen: HashMap::new(),
            departement_index,
            rejected_count: 0,
            input: 0,
            last_year: current_year(),
        }
    }

    /// Refuses years after `year` instead of the current one (for tests).
    pub fn with_last_year(mut self, year: u16) -> Self {
        self.last_year = year;
        self
    }

    /// A ZIP as published (its trade entries) or a text file.
    pub fn read_path(
        &mut self,
        path: &Path,
        on_progress: &mut dyn FnMut(u64),
    ) -> Result<(), InputError> {
        self.input += 1;
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
            .map_err(|error| bad_zip(error.to_string()))?;
        let names: Vec<String> = archive.file_names().map(str::to_string).collect();
        let mut entries: Vec<&String> = names
            .iter()
            .filter(|name| is_trade_file_name(name))
            .collect();
        entries.sort();
        if entries.is_empty() {
            return Err(InputError::ZipWithoutEntry {
                file: name.clone(),
                expected: "REGIONAL_CPF4PAYSE.txt, REGIONAL_CPF4PAYSI.txt or Region_YYYY_Export.txt / _Import.txt"
                    .to_string(),
                found: if names.is_empty() { "none".to_string() } else { names.join(", ") },
            });
        }
        // The published ZIP's own code lists match its file: their labels win over the shipped ones.
        let labels = zip_labels(&mut archive, &names).map_err(bad_zip)?;
        self.apply_labels(labels);
        for entry in entries {
            let mut content = Vec::new();
            archive
                .by_name(entry)
                .map_err(|error| bad_zip(error.to_string()))?
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
        let named = named_content(file);
        let mut lines = 0_u64;
        for (number, line) in numbered_lines(text) {
            if line.is_empty() {
                continue; // the final newline, or blank lines: no data in them
            }
            lines += 1;
            match self.parse_line(file, file_index, named, number, line) {
                Ok(record) => {
                    self.ingested.record_files.push(file_index);
                    self.accept(record)
                }
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

    /// Labels from a published ZIP's code lists, over the shipped ones (products, A129, countries);
    /// kept for the codes the shipped lists lack.
    fn apply_labels(&mut self, labels: ZipLabels) {
        if labels.is_empty() {
            return;
        }
        let mut products = self.catalog.products.clone();
        for product in &mut products {
            if let Some(label) = labels.cpf4.get(&product.cpf4) {
                product.cpf4_label = label.clone();
            }
            if let Some(label) = labels.a129.get(&product.a129) {
                product.a129_label = label.clone();
            }
        }
        let mut countries = self.catalog.countries.clone();
        for country in &mut countries {
            if let Some(label) = labels.countries.get(&country.code) {
                country.label = self.lists.usual_names.country(&country.code, label);
            }
        }
        // The catalog built from the code lists is valid: rebuilding it with other labels cannot fail.
        if let Ok(catalog) = Catalog::new(products, countries) {
            self.catalog = Cow::Owned(catalog);
        }
        self.zip_labels.cpf4.extend(labels.cpf4);
        self.zip_labels.a129.extend(labels.a129);
        self.zip_labels.countries.extend(labels.countries);
    }

    /// Adds a CPF4 code no code list knows, under its A129 (whose labels and levels it takes when the
    /// A129 is known): kept and labelled with its code, never a rejected line.
    fn keep_unknown_product(&mut self, cpf4: &str, a129: &str) -> Result<u16, String> {
        let well_formed = |code: &str, length: usize| {
            code.len() == length && code.chars().all(|c| c.is_ascii_alphanumeric())
        };
        if !well_formed(cpf4, 4) || !well_formed(a129, 4) {
            return Err(format!(
                "`{cpf4}` under A129 `{a129}`, expected a 4-character CPF4 code under a 4-character A129 code"
            ));
        }
        let sibling = self
            .catalog
            .products
            .iter()
            .find(|p| p.a129 == a129)
            .cloned();
        let product = match sibling {
            Some(sibling) => Product {
                cpf4: cpf4.to_string(),
                cpf4_label: self.zip_labels.label(&self.zip_labels.cpf4, cpf4),
                ..sibling
            },
            None => Product {
                cpf4: cpf4.to_string(),
                cpf4_label: self.zip_labels.label(&self.zip_labels.cpf4, cpf4),
                a129: a129.to_string(),
                a129_label: self.zip_labels.label(&self.zip_labels.a129, a129),
                a38: UNCLASSIFIED.to_string(),
                a38_label: UNCLASSIFIED_LABEL.to_string(),
                a17: UNCLASSIFIED.to_string(),
                a17_label: UNCLASSIFIED_LABEL.to_string(),
            },
        };
        let id = u16::try_from(self.catalog.products.len() + self.extra_products.len())
            .map_err(|_| "more than 65 535 product codes".to_string())?;
        self.extra_products.push(product);
        self.extra_product_ids.insert(cpf4.to_string(), id);
        self.unknown.insert(("Code CPF4", cpf4.to_string()), 0);
        Ok(id)
    }

    /// Adds a country code no code list knows: kept, labelled with its code, in no group.
    fn keep_unknown_country(&mut self, code: &str) -> Result<u16, String> {
        if code.len() != 2 || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(format!("`{code}`, expected a 2-character country code"));
        }
        let id = u16::try_from(self.catalog.countries.len() + self.extra_countries.len())
            .map_err(|_| "more than 65 535 country codes".to_string())?;
        self.extra_countries.push(Country {
            code: code.to_string(),
            label: (self.lists.usual_names).country(
                code,
                &self.zip_labels.label(&self.zip_labels.countries, code),
            ),
            zone: CountryGroup::CustomsOnly,
            eu27: false,
            euro_area: false,
        });
        self.extra_country_ids.insert(code.to_string(), id);
        self.unknown.insert(("Code pays", code.to_string()), 0);
        Ok(id)
    }

    /// A product's index: known to the catalog, or kept as unknown.
    fn product_id(&self, cpf4: &str) -> Option<u16> {
        self.catalog
            .product_id(cpf4)
            .or_else(|| self.extra_product_ids.get(cpf4).copied())
    }

    fn country_id(&self, code: &str) -> Option<u16> {
        self.catalog
            .country_id(code)
            .or_else(|| self.extra_country_ids.get(code).copied())
    }

    /// The A129 a product belongs to.
    fn a129_of(&self, product: u16) -> &str {
        let index = usize::from(product);
        let base = self.catalog.products.len();
        match index.checked_sub(base) {
            Some(extra) => self
                .extra_products
                .get(extra)
                .map(|product| product.a129.as_str()),
            None => self
                .catalog
                .product(product)
                .map(|product| product.a129.as_str()),
        }
        .unwrap_or("")
    }

    /// Counts a line of a code no code list knows; whether the code is one.
    fn count_if_unknown(&mut self, field: &'static str, code: &str) -> bool {
        match self.unknown.get_mut(&(field, code.to_string())) {
            Some(lines) => {
                *lines += 1;
                true
            }
            None => false,
        }
    }

    /// Lines read, accepted and rejected so far (every line is one of the two until `finish`
    /// sets aside the quarters a later input replaces).
    pub fn line_counts(&self) -> (u64, usize, usize) {
        (
            self.ingested.lines_read,
            self.ingested.records.len(),
            self.ingested.rejections.len(),
        )
    }

    /// The lines kept: for each quarter of each flow, those of the last input that has it (the
    /// others are counted as replaced and reported); their sums for the reconciliation.
    pub fn finish(mut self) -> Result<Ingested, InputError> {
        let mut ingested = std::mem::take(&mut self.ingested);
        // (flow, period) → input → (lines, a file of that input holding the quarter).
        let mut holders: BTreeMap<(Flow, Period), BTreeMap<u16, (u64, usize)>> = BTreeMap::new();
        for (index, record) in ingested.records.iter().enumerate() {
            let entry = holders
                .entry((record.flow, record.period))
                .or_default()
                .entry(record.input)
                .or_insert((0, index));
            entry.0 += 1;
        }
        let source_of = |ingested: &Ingested, index: usize| -> String {
            ingested
                .record_files
                .get(index)
                .and_then(|&file| ingested.sources.get(file))
                .map(|s| s.name.clone())
                .unwrap_or_default()
        };
        let mut kept_input: BTreeMap<(Flow, Period), u16> = BTreeMap::new();
        let mut quarters = Vec::new();
        for (&(flow, period), inputs) in &holders {
            let Some((&last, &(lines, first_record))) = inputs.iter().next_back() else {
                continue;
            };
            kept_input.insert((flow, period), last);
            let replaced: Vec<(String, u64)> = inputs
                .iter()
                .filter(|(input, _)| **input != last)
                .map(|(_, &(count, record))| (source_of(&ingested, record), count))
                .collect();
            ingested.lines_replaced += replaced.iter().map(|(_, count)| count).sum::<u64>();
            quarters.push(QuarterSource {
                flow,
                period,
                file: source_of(&ingested, first_record),
                lines,
                replaced,
            });
        }
        ingested.quarters = quarters;
        ingested.unknown_codes = self
            .unknown
            .into_iter()
            .map(|((field, code), lines)| UnknownCode { field, code, lines })
            .collect();
        ingested.catalog = if self.extra_products.is_empty() && self.extra_countries.is_empty() {
            self.catalog.into_owned()
        } else {
            let mut products = self.catalog.products.clone();
            products.extend(self.extra_products);
            let mut countries = self.catalog.countries.clone();
            countries.extend(self.extra_countries);
            Catalog::new(products, countries).map_err(|error| InputError::CodeList {
                file: "(codes absents des nomenclatures)".to_string(),
                reason: error.to_string(),
            })?
        };
        ingested
            .records
            .retain(|row| kept_input.get(&(row.flow, row.period)) == Some(&row.input));
        ingested.record_files.clear();
        for record in &ingested.records {
            *ingested
                .value_in
                .entry((record.departement, record.flow))
                .or_insert(0) += record.value;
        }
        Ok(ingested)
    }

    // Ten fields checked in the file's order, each with its own message.
    #[allow(clippy::too_many_lines)]
    fn parse_line(
        &mut self,
        file: &str,
        file_index: usize,
        named: NamedContent,
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
        if let Some(named_flow) = named.flow.filter(|named_flow| *named_flow != flow) {
            return Err(reject(
                "Flux",
                format!(
                    "`{flux}` in a file of {} (its name says so): layouts mixed in one file",
                    named_flow.label_fr()
                ),
            ));
        }
        let quarter: u8 = quarter
            .parse()
            .ok()
            .filter(|q| (1..=4).contains(q))
            .ok_or_else(|| reject("Trimestre", format!("`{quarter}`, expected 1 to 4")))?;
        let last_year = self.last_year;
        let year: u16 = year
            .parse()
            .ok()
            .filter(|y| (FIRST_YEAR..=last_year).contains(y))
            .ok_or_else(|| {
                reject(
                    "Année",
                    format!("`{year}`, expected a year from {FIRST_YEAR} to {last_year}"),
                )
            })?;
        if let Some(named_year) = named.year.filter(|named_year| *named_year != year) {
            return Err(reject(
                "Année",
                format!("{year} in the annual file of {named_year}: layouts mixed in one file"),
            ));
        }
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
        let product = match self.product_id(cpf4) {
            Some(product) => product,
            None => self
                .keep_unknown_product(cpf4, a129)
                .map_err(|reason| reject("Code CPF4", reason))?,
        };
        self.count_if_unknown("Code CPF4", cpf4);
        let expected_a129 = self.a129_of(product);
        if *a129 != expected_a129 {
            return Err(reject(
                "Code A129",
                format!("`{a129}`, but CPF4 {cpf4} belongs to A129 {expected_a129}"),
            ));
        }
        let country_id = match self.country_id(country) {
            Some(country_id) => country_id,
            None => self
                .keep_unknown_country(country)
                .map_err(|reason| reject("Code pays", reason))?,
        };
        let unknown_country = self.count_if_unknown("Code pays", country);
        if !unknown_country && !self.lists.country_valid_in(country, year, quarter) {
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
            (
                self.input,
                flow,
                period,
                departement_id,
                product,
                country_id,
            ),
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
            input: self.input,
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
