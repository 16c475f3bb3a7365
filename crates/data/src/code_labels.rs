//! Labels of codes beyond the shipped code lists: a published ZIP's own lists, and the codes no list
//! knows (kept, labelled with their code, never a rejected line).

use std::collections::HashMap;
use std::io::Read;

/// A code that neither the published file's code lists nor the shipped ones know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCode {
    pub field: &'static str,
    pub code: String,
    pub lines: u64,
}

/// How a code no code list knows is labelled: « Code 2899 — libellé absent des nomenclatures ».
pub fn absent_label(code: &str) -> String {
    format!("Code {code} — libellé absent des nomenclatures")
}

/// The labels of a published ZIP's code lists (`Libelle_CPF4*.txt`, `Libelle_A129.txt`,
/// `Libelle_PAYS.txt`), by code; a country's current label (end date 999912) wins.
#[derive(Debug, Default)]
pub(crate) struct ZipLabels {
    pub(crate) cpf4: HashMap<String, String>,
    pub(crate) a129: HashMap<String, String>,
    pub(crate) countries: HashMap<String, String>,
}

impl ZipLabels {
    pub(crate) fn is_empty(&self) -> bool {
        self.cpf4.is_empty() && self.a129.is_empty() && self.countries.is_empty()
    }

    /// The ZIP's label of a code, or the code itself with « libellé absent des nomenclatures ».
    pub(crate) fn label(&self, labels: &HashMap<String, String>, code: &str) -> String {
        labels
            .get(code)
            .cloned()
            .unwrap_or_else(|| absent_label(code))
    }
}

/// Reads the code lists a ZIP holds, in their encodings (the CPF4 list is Windows-1252 in the 2025
/// files, UTF-8 in older ones).
pub(crate) fn zip_labels(
    archive: &mut zip::ZipArchive<std::io::Cursor<&Vec<u8>>>,
    names: &[String],
) -> Result<ZipLabels, String> {
    let mut labels = ZipLabels::default();
    for name in names {
        let base = name.rsplit('/').next().unwrap_or(name);
        let target = if base.starts_with("Libelle_CPF4") {
            &mut labels.cpf4
        } else if base == "Libelle_A129.txt" {
            &mut labels.a129
        } else if base == "Libelle_PAYS.txt" {
            &mut labels.countries
        } else {
            continue;
        };
        let mut bytes = Vec::new();
        archive
            .by_name(name)
            .map_err(|error| format!("{name}: {error}"))?
            .read_to_end(&mut bytes)
            .map_err(|error| format!("{name}: {error}"))?;
        let text = match crate::text::from_utf8(&bytes) {
            Some(text) => text.to_string(),
            None => crate::text::from_windows_1252(&bytes),
        };
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        for record in reader.records().filter_map(Result::ok) {
            let (Some(code), Some(label)) = (record.get(0), record.get(1)) else {
                continue;
            };
            let current = record.get(3).is_none_or(|end| end.trim() == "999912");
            let (code, label) = (code.trim().to_string(), label.trim().replace('|', ";"));
            if !code.is_empty() && !label.is_empty() && (current || !target.contains_key(&code)) {
                target.insert(code, label);
            }
        }
    }
    Ok(labels)
}

/// The A38 and A17 of a good whose A129 no code list knows either.
pub(crate) const UNCLASSIFIED: &str = "NC";
pub(crate) const UNCLASSIFIED_LABEL: &str = "Non classé (libellé absent des nomenclatures)";
