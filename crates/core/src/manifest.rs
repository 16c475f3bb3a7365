//! `manifest.json`: what the data build wrote and promises. The browser reads it first.

use crate::codes::{Flow, Period, Territory};
use crate::data_file::{self, trade_file, MANIFEST_FILE};
use crate::error::Mismatch;
use crate::CoreError;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// A file's SHA-256 as the manifest writes it: 64 lower-case hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Bytes as lower-case hex digits (a digest as the manifest writes it).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// The customs' published files.
    Real,
    /// Synthetic data in the customs' layout, calibrated on published totals. Always labelled so.
    Demo,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceFile {
    pub name: String,
    pub sha256: String,
    pub rows: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub kind: SourceKind,
    /// One sentence for people, in French, shown under the charts.
    pub description: String,
    pub files: Vec<SourceFile>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TerritoryEntry {
    pub territory: Territory,
    pub label: String,
    /// The DGDDI région of a département; a région's own code for a région; none for France.
    pub region: Option<String>,
    /// The label folded to lower-case ASCII words joined by `-` (`ile-de-france`), for file names.
    #[serde(default)]
    pub slug: String,
    /// A département's Territoires d'industrie (those with communes in it), by name, sorted; see
    /// `Manifest::territoires_industrie` for the list they come from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub territoires_industrie: Vec<String>,
}

/// The list of Territoires d'industrie the data build read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TerritoiresIndustrieList {
    pub file: String,
    pub sha256: String,
    /// What the page says of it: « périmètre 2020 », or the file given to the build.
    pub perimeter: String,
    pub territoires: usize,
    pub communes: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutputFile {
    pub path: String,
    pub rows: u64,
    pub bytes: u64,
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TerritoryTotal {
    pub territory: Territory,
    pub year: u16,
    pub flow: Flow,
    /// Euros.
    pub value: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub schema_version: String,
    pub source: Source,
    pub years: Vec<u16>,
    pub periods: Vec<Period>,
    pub territories: Vec<TerritoryEntry>,
    pub files: Vec<OutputFile>,
    /// Per territory, year and flow (written to `totals.json`, not read by the app).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub totals: Vec<TerritoryTotal>,
    /// For every quarter and flow, the input file its lines come from (and the ones it replaced).
    #[serde(default)]
    pub quarters: Vec<QuarterEntry>,
    /// Codes that no code list knows: kept, labelled with their code, counted here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unknown_codes: Vec<UnknownCodeEntry>,
    /// The Territoires d'industrie's list, when the build read one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub territoires_industrie: Option<TerritoiresIndustrieList>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnknownCodeEntry {
    /// `Code CPF4` or `Code pays`.
    pub field: String,
    pub code: String,
    pub lines: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuarterEntry {
    pub flow: Flow,
    pub period: Period,
    pub file: String,
    pub lines: u64,
    /// Earlier inputs that held the same quarter: a later input wins for the whole quarter.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replaced: Vec<ReplacedFile>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplacedFile {
    pub file: String,
    pub lines: u64,
}

impl Manifest {
    pub fn parse(text: &str) -> Result<Self, CoreError> {
        let manifest: Manifest = serde_json::from_str(text)
            .map_err(|error| CoreError::Manifest(format!("{MANIFEST_FILE}: {error}")))?;
        if manifest.schema_version != crate::arrow_io::SCHEMA_VERSION {
            return Err(CoreError::Manifest(format!(
                "schema version {}, this app reads {}",
                manifest.schema_version,
                crate::arrow_io::SCHEMA_VERSION
            )));
        }
        Ok(manifest)
    }

    /// The years the data hold all four quarters of.
    pub fn complete_years(&self) -> Vec<u16> {
        complete_years(&self.periods)
    }

    /// The last four quarters of the data (fewer when the data hold fewer).
    pub fn latest_four_quarters(&self) -> Vec<Period> {
        let start = self.periods.len().saturating_sub(4);
        self.periods.get(start..).unwrap_or(&[]).to_vec()
    }

    /// The period shown when none is chosen: the latest complete year; when no year is complete, the
    /// latest four quarters.
    pub fn default_periods(&self) -> Vec<Period> {
        match self.complete_years().last() {
            Some(&year) => self
                .periods
                .iter()
                .copied()
                .filter(|p| p.year == year)
                .collect(),
            None => self.latest_four_quarters(),
        }
    }

    /// The quarters a selection covers: the chosen ones, or the default period.
    pub fn effective_periods(&self, chosen: &[Period]) -> Vec<Period> {
        if chosen.is_empty() {
            self.default_periods()
        } else {
            chosen.to_vec()
        }
    }

    /// A territory's files for the chosen quarters (one per year); none for a territory not in the data.
    pub fn territory_files(&self, territory: &Territory, chosen: &[Period]) -> Vec<String> {
        if self.territory(territory).is_err() {
            return Vec::new();
        }
        let periods = self.effective_periods(chosen);
        let mut years: Vec<u16> = periods.iter().map(|period| period.year).collect();
        years.dedup();
        years
            .iter()
            .map(|&year| self.trade_file(territory, year, &periods))
            .collect()
    }

    /// A territory's file of one year for these quarters (see `year_file`).
    pub fn trade_file(&self, territory: &Territory, year: u16, periods: &[Period]) -> String {
        self.year_file(&trade_file(territory, year).to_string(), periods)
    }

    /// The file to read for these quarters, given a year file by quarter (a territory's, or one of
    /// all départements): the same summed over its year when the quarters hold its four and the
    /// data hold them all (the build writes that file for such years: a quarter of the rows), the
    /// file by quarter otherwise (and for the évolution, which asks with none).
    pub fn year_file(&self, by_quarter: &str, periods: &[Period]) -> String {
        match data_file::year_of(by_quarter) {
            Some(year)
                if Period::whole_year(year).is_within(periods)
                    && self.complete_years().contains(&year) =>
            {
                data_file::year_sum_of(by_quarter)
            }
            _ => by_quarter.to_string(),
        }
    }

    /// The same quarters a year earlier, when the data hold every one of them.
    pub fn year_earlier(&self, periods: &[Period]) -> Option<Vec<Period>> {
        let earlier: Vec<Period> = periods
            .iter()
            .map(|p| Period {
                year: p.year.saturating_sub(1),
                quarter: p.quarter,
            })
            .collect();
        (!earlier.is_empty() && earlier.iter().all(|period| self.periods.contains(period)))
            .then_some(earlier)
    }

    pub fn is_demo(&self) -> bool {
        self.source.kind == SourceKind::Demo
    }

    pub fn territory(&self, territory: &Territory) -> Result<&TerritoryEntry, CoreError> {
        self.territories
            .iter()
            .find(|entry| &entry.territory == territory)
            .ok_or_else(|| CoreError::TerritoryAbsent(territory.to_string()))
    }

    pub fn file(&self, path: &str) -> Option<&OutputFile> {
        self.files.iter().find(|file| file.path == path)
    }

    /// Checks a downloaded file against the manifest: listed, same size, same SHA-256.
    pub fn verify(&self, path: &str, bytes: &[u8]) -> Result<(), CoreError> {
        verify_file(self.file(path), path, bytes)
    }

    /// What is written to `manifest.json`: everything but the year files, which go to indexes by
    /// year and kind (`files/2024.json`, `files/2024-year.json`…, see `data_file::index_of`), and the
    /// totals (`totals.json`): a page fetches the indexes of the files it reads only.
    pub fn without_year_files(&self) -> Manifest {
        Manifest {
            files: self
                .files
                .iter()
                .filter(|file| data_file::year_of(&file.path).is_none())
                .cloned()
                .collect(),
            totals: Vec::new(),
            ..self.clone()
        }
    }

    /// The year files by the index that lists them (see `data_file::index_of`).
    pub fn year_indexes(&self) -> std::collections::BTreeMap<String, Vec<OutputFile>> {
        let mut indexes: std::collections::BTreeMap<String, Vec<OutputFile>> = Default::default();
        for file in &self.files {
            if let Some(index) = data_file::index_of(&file.path) {
                indexes.entry(index).or_default().push(file.clone());
            }
        }
        indexes
    }
}

/// The years whose four quarters are all among these distinct quarters, in order: the years that
/// have a file summed over their quarters.
pub fn complete_years(periods: &[Period]) -> Vec<u16> {
    let mut years: Vec<u16> = periods.iter().map(|period| period.year).collect();
    crate::sorting::sort_dedup(&mut years);
    years.retain(|&year| Period::whole_year(year).is_within(periods));
    years
}

/// Checks a downloaded file against its entry: listed, same size, same SHA-256.
pub fn verify_file(entry: Option<&OutputFile>, path: &str, bytes: &[u8]) -> Result<(), CoreError> {
    verify_digest(entry, path, bytes.len(), &sha256_hex(bytes))
}

/// Checks a downloaded file's length and SHA-256 (64 hex digits, computed by the caller: the browser
/// app asks the browser's own SHA-256, off the WASM) against its entry.
pub fn verify_digest(
    entry: Option<&OutputFile>,
    path: &str,
    length: usize,
    sha256: &str,
) -> Result<(), CoreError> {
    let integrity = |mismatch: Mismatch| CoreError::Integrity {
        file: path.to_string(),
        mismatch,
    };
    let entry = entry.ok_or_else(|| integrity(Mismatch::NotListed))?;
    if entry.bytes != length as u64 {
        return Err(integrity(Mismatch::Length {
            received: length,
            expected: entry.bytes,
        }));
    }
    if !sha256.eq_ignore_ascii_case(&entry.sha256) {
        return Err(integrity(Mismatch::Digest));
    }
    Ok(())
}

impl Manifest {
    pub fn label(&self, territory: &Territory) -> String {
        self.territory(territory)
            .map(|entry| entry.label.clone())
            .unwrap_or_else(|_| territory.to_string())
    }

    /// A département's Territoires d'industrie, each with the other départements it spans.
    pub fn territoires_industrie_of(
        &self,
        territory: &Territory,
    ) -> Vec<(&str, Vec<&TerritoryEntry>)> {
        let Ok(entry) = self.territory(territory) else {
            return Vec::new();
        };
        entry
            .territoires_industrie
            .iter()
            .map(|name| {
                let others = self
                    .territories
                    .iter()
                    .filter(|other| {
                        other.territory != *territory && other.territoires_industrie.contains(name)
                    })
                    .collect();
                (name.as_str(), others)
            })
            .collect()
    }

    /// What a département's page says of its Territoires d'industrie, as the ANCT's portrait does on
    /// its cover, with the list's perimeter and the customs' limit; none for a territory without.
    pub fn territoires_industrie_text(&self, territory: &Territory) -> Option<String> {
        let territoires = self.territoires_industrie_of(territory);
        if territoires.is_empty() {
            return None;
        }
        let names: Vec<String> = territoires
            .iter()
            .map(|(name, others)| {
                if others.is_empty() {
                    (*name).to_string()
                } else {
                    let others: Vec<&str> = others.iter().map(|o| o.label.as_str()).collect();
                    format!("{name} (aussi : {})", others.join(", "))
                }
            })
            .collect();
        let perimeter = self
            .territoires_industrie
            .as_ref()
            .map(|list| format!(" ({})", list.perimeter))
            .unwrap_or_default();
        Some(format!(
            "Territoires d'industrie du département{perimeter} : {}. Les données des douanes s'arrêtent \
au département : les chiffres de cette page sont ceux du département entier.",
            names.join(" ; ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_departements_territoires_d_industrie_are_named_with_those_they_share() {
        let entry = |territory: &str, label: &str, territoires: &[&str]| TerritoryEntry {
            territory: territory.parse().unwrap(),
            label: label.into(),
            region: None,
            slug: String::new(),
            territoires_industrie: territoires.iter().map(|t| t.to_string()).collect(),
        };
        let manifest = Manifest {
            schema_version: "1".into(),
            source: Source {
                kind: SourceKind::Demo,
                description: String::new(),
                files: Vec::new(),
            },
            years: Vec::new(),
            periods: Vec::new(),
            territories: vec![
                entry("dep:07", "Ardèche", &["Ardèche Drome"]),
                entry("dep:26", "Drôme", &["Ardèche Drome", "Valence"]),
                entry("dep:60", "Oise", &[]),
            ],
            files: Vec::new(),
            totals: Vec::new(),
            quarters: Vec::new(),
            unknown_codes: Vec::new(),
            territoires_industrie: Some(TerritoiresIndustrieList {
                file: "territoires-industrie-2020.csv".into(),
                sha256: String::new(),
                perimeter: "périmètre 2020".into(),
                territoires: 2,
                communes: 3,
            }),
        };
        let drome = manifest
            .territoires_industrie_text(&"dep:26".parse().unwrap())
            .unwrap();
        assert!(
            drome.starts_with("Territoires d'industrie du département (périmètre 2020) : Ardèche Drome (aussi : Ardèche) ; Valence. "),
            "{drome}"
        );
        assert_eq!(
            manifest.territoires_industrie_text(&"dep:60".parse().unwrap()),
            None
        );
    }
}
