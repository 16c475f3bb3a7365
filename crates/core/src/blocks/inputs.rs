//! Which files a block reads, and the tables handed to its computation.
//!
//! A block reads the file of the territory it describes, plus what it compares with: the totals read
//! the région's and France's files, the specialisation France's, the exposure the file of all
//! départements, a comparison diagram the territory's own (its node order). A territory is never
//! compared with itself: a région's comparison does not apply to a région or to France, France's
//! does not apply to France.

use super::name::{Block, Subject};
use super::Selection;
use crate::codes::Territory;
use crate::manifest::{Manifest, DEPARTEMENTS_BY_COUNTRY_FILE};
use crate::table::TradeTable;
use crate::CoreError;

/// The files a block reads, by role (paths relative to the data version folder).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockFiles {
    /// The territory the block describes (the région or France for a comparison diagram).
    pub subject: Territory,
    pub subject_file: String,
    /// The selected territory's file, when the block is a comparison (it orders the nodes).
    pub reference_file: Option<String>,
    /// The région a département's totals are a share of.
    pub region_file: Option<String>,
    /// France, for the totals' shares and the specialisation.
    pub france_file: Option<String>,
    pub departements_file: Option<String>,
}

impl BlockFiles {
    /// Every file, each once, the subject's first.
    pub fn all(&self) -> Vec<&str> {
        let mut paths = vec![self.subject_file.as_str()];
        for path in [
            &self.reference_file,
            &self.region_file,
            &self.france_file,
            &self.departements_file,
        ]
        .into_iter()
        .flatten()
        {
            if !paths.contains(&path.as_str()) {
                paths.push(path);
            }
        }
        paths
    }
}

/// The région a territory is compared with: a département's; none for a région or France.
pub fn comparison_region(
    manifest: &Manifest,
    territory: &Territory,
) -> Result<Option<Territory>, CoreError> {
    Ok(match territory {
        Territory::Departement(_) => manifest
            .territory(territory)?
            .region
            .clone()
            .map(Territory::Region),
        Territory::Region(_) | Territory::France => None,
    })
}

impl Block {
    /// The files the block reads for this selection; none when it does not apply to the territory
    /// (the page leaves it out). An error when the territory is not in the data.
    pub fn files(
        self,
        manifest: &Manifest,
        selection: &Selection,
    ) -> Result<Option<BlockFiles>, CoreError> {
        let territory = &selection.territory;
        manifest.territory(territory)?;
        let region = comparison_region(manifest, territory)?;
        let is_france = *territory == Territory::France;
        let subject = match self.subject() {
            Subject::Territory => territory.clone(),
            Subject::Region => match &region {
                Some(region) => region.clone(),
                None => return Ok(None),
            },
            Subject::France if is_france => return Ok(None),
            Subject::France => Territory::France,
        };
        if self == Block::Specialisation && is_france {
            return Ok(None);
        }
        let france = (!is_france).then(|| Territory::France.file_path());
        let files = BlockFiles {
            subject_file: subject.file_path(),
            reference_file: self.is_comparison().then(|| territory.file_path()),
            region_file: match self {
                Block::TotalsExportations | Block::TotalsImportations => {
                    region.as_ref().map(Territory::file_path)
                }
                _ => None,
            },
            france_file: match self {
                Block::TotalsExportations | Block::TotalsImportations | Block::Specialisation => {
                    france
                }
                _ => None,
            },
            departements_file: (self == Block::Exposure)
                .then(|| DEPARTEMENTS_BY_COUNTRY_FILE.to_string()),
            subject,
        };
        Ok(Some(files))
    }

    /// Whether the block applies to the selected territory.
    pub fn applies(self, manifest: &Manifest, selection: &Selection) -> bool {
        matches!(self.files(manifest, selection), Ok(Some(_)))
    }
}

/// The tables loaded so far, by file path. A file a block reads that is not here is "not ready":
/// never replaced by another table.
#[derive(Default)]
pub struct Tables<'a> {
    /// At most four: a list is enough.
    by_path: Vec<(&'a str, &'a TradeTable)>,
}

impl<'a> Tables<'a> {
    pub fn new() -> Self {
        Tables::default()
    }

    pub fn insert(&mut self, path: &'a str, table: &'a TradeTable) {
        self.by_path.retain(|(known, _)| *known != path);
        self.by_path.push((path, table));
    }

    pub fn get(&self, path: &str) -> Option<&'a TradeTable> {
        self.by_path
            .iter()
            .find(|(known, _)| *known == path)
            .map(|(_, table)| *table)
    }
}
