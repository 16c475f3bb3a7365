//! Which files a block reads, and the tables handed to its computation.
//!
//! A block reads the file of the territory it describes, plus what it compares with: the totals read
//! the région's and France's files, the specialisation France's, the exposure the file of all
//! départements, a comparison diagram the territory's own (its node order). A territory is never
//! compared with itself: a région's comparison does not apply to a région or to France, France's
//! does not apply to France.

use super::error::BlockError;
use super::name::{Block, Subject};
use super::BlockSelection;
use crate::catalog::Catalog;
use crate::codes::{Period, Territory};
use crate::data_file::{departements_by_country_file, departements_dependence_file};
use crate::manifest::Manifest;
use crate::trade_table::TradeTable;
use crate::views::map::{map_files, map_source, strong_dependence_year, MapMeasure, MapSource};
use crate::CoreError;
use std::borrow::Cow;

/// The files a block reads, by role (paths relative to the data version folder), one per year: an
/// empty list is a role the block does not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockFiles {
    /// The territory the block describes (the région or France for a comparison diagram).
    pub subject: Territory,
    pub subject_files: Vec<String>,
    /// The selected territory's files, when the block is a comparison (they order the nodes).
    pub reference_files: Vec<String>,
    /// The région a département's totals are a share of (the evolution's région index).
    pub region_files: Vec<String>,
    /// France, for the totals' shares, the specialisation and the evolution's index.
    pub france_files: Vec<String>,
    /// All départements by partner country (summed over products).
    pub departements_files: Vec<String>,
    /// All départements by product, the selected product's sections (summed over partner
    /// countries): the map and the key points' rank under a product filter.
    pub by_product_files: Vec<String>,
    /// The subject's files a year earlier: what the change is measured against.
    pub earlier_files: Vec<String>,
    /// All départements' imports in goods under strong dependence (the map's measure), one whole year.
    pub dependence_files: Vec<String>,
    /// The territory set beside the selected one (`compare=`): its files, and a year earlier.
    pub compared_files: Vec<String>,
    pub compared_earlier_files: Vec<String>,
}

impl BlockFiles {
    /// Every file, each once, the subject's first.
    pub fn all(&self) -> Vec<&str> {
        let mut paths: Vec<&str> = Vec::new();
        for path in [
            &self.subject_files,
            &self.reference_files,
            &self.region_files,
            &self.france_files,
            &self.departements_files,
            &self.by_product_files,
            &self.earlier_files,
            &self.dependence_files,
            &self.compared_files,
            &self.compared_earlier_files,
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

/// The distinct years of some quarters, in order.
fn years_of(periods: &[Period]) -> Vec<u16> {
    let mut years: Vec<u16> = periods.iter().map(|period| period.year).collect();
    crate::sorting::sort_dedup(&mut years);
    years
}

/// The files to read for these quarters, given year files by quarter (see `Manifest::year_file`).
fn year_files(manifest: &Manifest, by_quarter: Vec<String>, periods: &[Period]) -> Vec<String> {
    by_quarter
        .iter()
        .map(|path| manifest.year_file(path, periods))
        .collect()
}

/// A territory's files of these years for these quarters (see `Manifest::trade_file`).
fn paths(
    manifest: &Manifest,
    territory: &Territory,
    years: &[u16],
    periods: &[Period],
) -> Vec<String> {
    years
        .iter()
        .map(|&year| manifest.trade_file(territory, year, periods))
        .collect()
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
        catalog: &Catalog,
        selection: &BlockSelection,
    ) -> Result<Option<BlockFiles>, CoreError> {
        let territory = &selection.territory;
        manifest.territory(territory)?;
        let region = comparison_region(manifest, territory)?;
        let is_france = *territory == Territory::France;
        let Some(subject) = self.subject_of(territory, region.as_ref()) else {
            return Ok(None);
        };
        let periods = manifest.effective_periods(&selection.filter.periods);
        let earlier = manifest.year_earlier(&periods);
        let compared = self.compared(manifest, selection)?;
        let applies = match self {
            Block::Comparison => compared.is_some(),
            Block::Specialisation => !is_france,
            Block::ChangePartners | Block::ChangeGoods => earlier.is_some(),
            _ => true,
        };
        if !applies {
            return Ok(None);
        }
        // The evolution shows every quarter of the data, from the files by quarter; the other
        // blocks the selected quarters, from a whole year's sum where they cover one.
        let (years, quarters) = if self == Block::Evolution {
            (manifest.years.clone(), Vec::new())
        } else {
            (years_of(&periods), periods.clone())
        };
        let earlier_years = earlier.as_deref().map(years_of).unwrap_or_default();
        let earlier = earlier.unwrap_or_default();
        let plain = |subject: &Territory| {
            self.plain_files(subject, territory, (manifest, &years, &quarters))
        };
        let none = Vec::new;
        let france = || {
            if is_france {
                none()
            } else {
                paths(manifest, &Territory::France, &years, &quarters)
            }
        };
        let departements_files = || {
            let by_quarter = years.iter().map(|&year| departements_by_country_file(year));
            year_files(manifest, by_quarter.collect(), &quarters)
        };
        let by_product_files =
            || by_product_year_files((manifest, catalog), &selection.filter, &years, &quarters);
        let of = |territory: &Territory| paths(manifest, territory, &years, &quarters);
        let region_files = || region.as_ref().map(of).unwrap_or_default();
        // The key points are written from the totals (and their change), the Sankeys, the goods,
        // the specialisation and the exposure; the rank reads the file of all départements, or
        // under a product filter (and no partner filter) the product's sections.
        let key_points_files = || BlockFiles {
            france_files: france(),
            earlier_files: paths(manifest, &subject, &earlier_years, &earlier),
            departements_files: departements_files(),
            by_product_files: by_product_files(),
            ..plain(&subject)
        };
        let files = match self {
            Block::TotalsExportations | Block::TotalsImportations => BlockFiles {
                region_files: region_files(),
                france_files: france(),
                earlier_files: paths(manifest, &subject, &earlier_years, &earlier),
                ..plain(&subject)
            },
            // The evolution's indexes, the dependence and the concentration are compared with the
            // région's and France's.
            Block::Evolution | Block::ImportDependence | Block::ExportConcentration => BlockFiles {
                region_files: region_files(),
                france_files: france(),
                ..plain(&subject)
            },
            Block::Specialisation => BlockFiles {
                france_files: france(),
                ..plain(&subject)
            },
            // Each side as its own blocks read it, with the key points' files (the ranks); France's
            // file for the specialisation (a side's own when it is France).
            Block::Comparison => {
                let other = compared.as_ref().unwrap_or(&subject);
                BlockFiles {
                    france_files: (*other != Territory::France)
                        .then(france)
                        .unwrap_or_default(),
                    compared_files: paths(manifest, other, &years, &quarters),
                    compared_earlier_files: paths(manifest, other, &earlier_years, &earlier),
                    ..key_points_files()
                }
            }
            Block::KeyPoints => key_points_files(),
            Block::Map => map_block_files(
                selection,
                (manifest, catalog),
                [(&years, &quarters), (&earlier_years, &earlier)],
                plain(&subject),
            ),
            Block::Exposure => BlockFiles {
                departements_files: departements_files(),
                ..plain(&subject)
            },
            Block::ChangePartners | Block::ChangeGoods => BlockFiles {
                earlier_files: paths(manifest, &subject, &earlier_years, &earlier),
                ..plain(&subject)
            },
            _ => plain(&subject),
        };
        Ok(Some(files))
    }

    /// The territory the block describes: the selected one, its région or France; none when that
    /// is the selected territory itself (a région's comparison with its région).
    fn subject_of(self, territory: &Territory, region: Option<&Territory>) -> Option<Territory> {
        match self.subject() {
            Subject::Territory => Some(territory.clone()),
            Subject::Region => region.cloned(),
            Subject::France => (*territory != Territory::France).then_some(Territory::France),
        }
    }

    /// The territory set beside the selected one, for the comparison: one of the data, other than
    /// the selected one; none for another block.
    fn compared(
        self,
        manifest: &Manifest,
        selection: &BlockSelection,
    ) -> Result<Option<Territory>, CoreError> {
        match (self, &selection.compare) {
            (Block::Comparison, Some(other)) if *other != selection.territory => {
                manifest.territory(other)?;
                Ok(Some(other.clone()))
            }
            _ => Ok(None),
        }
    }

    /// The subject's files, and the territory's own for a comparison diagram.
    fn plain_files(
        self,
        subject: &Territory,
        territory: &Territory,
        (manifest, years, quarters): (&Manifest, &[u16], &[Period]),
    ) -> BlockFiles {
        BlockFiles {
            subject: subject.clone(),
            subject_files: paths(manifest, subject, years, quarters),
            reference_files: if self.is_comparison() {
                paths(manifest, territory, years, quarters)
            } else {
                Vec::new()
            },
            region_files: Vec::new(),
            france_files: Vec::new(),
            departements_files: Vec::new(),
            by_product_files: Vec::new(),
            earlier_files: Vec::new(),
            dependence_files: Vec::new(),
            compared_files: Vec::new(),
            compared_earlier_files: Vec::new(),
        }
    }

    /// Whether the block applies to the selected territory.
    pub fn applies(
        self,
        manifest: &Manifest,
        catalog: &Catalog,
        selection: &BlockSelection,
    ) -> bool {
        matches!(self.files(manifest, catalog, selection), Ok(Some(_)))
    }
}

/// The files of all départements by product of the filter's sections, for these quarters: the ranks
/// under a product filter (and no partner filter); none otherwise.
fn by_product_year_files(
    (manifest, catalog): (&Manifest, &Catalog),
    filter: &crate::filter::Filter,
    years: &[u16],
    quarters: &[Period],
) -> Vec<String> {
    match map_source(manifest, filter, MapMeasure::Exports) {
        Ok(MapSource::ByProduct) => year_files(
            manifest,
            map_files(MapSource::ByProduct, years, filter, catalog),
            quarters,
        ),
        _ => Vec::new(),
    }
}

/// The map reads only files of all départements: by country, or the product's sections under a
/// product filter (a year earlier too for the change; by country too for the specialisation: each
/// département's exports of every good); nothing when no file answers the filters. Each pair of
/// years and quarters gives the shown ones, then those a year earlier (the change), whose files
/// are the years' sums when the quarters make whole years.
fn map_block_files(
    selection: &BlockSelection,
    (manifest, catalog): (&Manifest, &Catalog),
    [(years, quarters), (earlier_years, earlier)]: [(&[u16], &[Period]); 2],
    plain: BlockFiles,
) -> BlockFiles {
    let Ok(source) = map_source(manifest, &selection.filter, selection.map) else {
        return BlockFiles {
            subject_files: Vec::new(),
            ..plain
        };
    };
    let measure = selection.map;
    let of = |source: MapSource, (years, quarters): (&[u16], &[Period])| {
        let by_quarter = map_files(source, years, &selection.filter, catalog);
        year_files(manifest, by_quarter, quarters)
    };
    let by_country = source == MapSource::ByCountry || measure == MapMeasure::Specialisation;
    BlockFiles {
        subject_files: Vec::new(),
        departements_files: if by_country {
            of(MapSource::ByCountry, (years, quarters))
        } else {
            Vec::new()
        },
        by_product_files: if source == MapSource::ByProduct {
            of(MapSource::ByProduct, (years, quarters))
        } else {
            Vec::new()
        },
        earlier_files: if measure == MapMeasure::Change {
            of(source, (earlier_years, earlier))
        } else {
            Vec::new()
        },
        dependence_files: match strong_dependence_year(manifest, quarters) {
            Ok(year) if measure == MapMeasure::StrongDependence => {
                vec![departements_dependence_file(year)]
            }
            _ => Vec::new(),
        },
        ..plain
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

    /// The tables of a role, one per year, as loaded (no copy); `NotReady` names a file not loaded.
    pub fn years(&self, paths: &[String]) -> Result<Vec<&'a TradeTable>, BlockError> {
        paths
            .iter()
            .map(|path| {
                self.get(path)
                    .ok_or_else(|| BlockError::NotReady(path.clone()))
            })
            .collect()
    }

    /// The table of a role: none for a role not read, the one year's table, or the years' tables
    /// put together; `NotReady` names a file not loaded yet.
    pub fn role(&self, paths: &[String]) -> Result<Option<Cow<'a, TradeTable>>, BlockError> {
        let tables = self.years(paths)?;
        Ok(match tables.as_slice() {
            [] => None,
            [one] => Some(Cow::Borrowed(*one)),
            several => Some(Cow::Owned(TradeTable::concat(several)?)),
        })
    }
}
