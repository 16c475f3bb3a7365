//! `manifest.json`: what the data build wrote and promises. The browser reads it first.

use crate::codes::{Flow, Period, Territory};
use crate::CoreError;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub const MANIFEST_FILE: &str = "manifest.json";
pub const PRODUCTS_FILE: &str = "codes/produits.arrow";
pub const COUNTRIES_FILE: &str = "codes/pays.arrow";
/// All départements by partner country, summed over products: the exposure ranking reads it.
pub const DEPARTEMENTS_BY_COUNTRY_FILE: &str = "fr-departements-pays.arrow";

/// A file's SHA-256 as the manifest writes it: 64 lower-case hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
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
    pub totals: Vec<TerritoryTotal>,
}

impl Manifest {
    pub fn parse(text: &str) -> Result<Self, CoreError> {
        let manifest: Manifest = serde_json::from_str(text)
            .map_err(|e| CoreError::Manifest(format!("{MANIFEST_FILE}: {e}")))?;
        if manifest.schema_version != crate::arrow_io::SCHEMA_VERSION {
            return Err(CoreError::Manifest(format!(
                "schema version {}, this app reads {}",
                manifest.schema_version,
                crate::arrow_io::SCHEMA_VERSION
            )));
        }
        Ok(manifest)
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
        let integrity = |reason: String| CoreError::Integrity {
            file: path.to_string(),
            reason,
        };
        let entry = self
            .file(path)
            .ok_or_else(|| integrity("not listed in the manifest".into()))?;
        if entry.bytes != bytes.len() as u64 {
            return Err(integrity(format!(
                "{} bytes received, {} expected",
                bytes.len(),
                entry.bytes
            )));
        }
        if sha256_hex(bytes) != entry.sha256 {
            return Err(integrity("SHA-256 differs from the manifest".into()));
        }
        Ok(())
    }

    pub fn label(&self, territory: &Territory) -> String {
        self.territory(territory)
            .map(|entry| entry.label.clone())
            .unwrap_or_else(|_| territory.to_string())
    }
}
