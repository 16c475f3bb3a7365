//! Every data file's path, built and read back in one place: the pipeline writes the files under
//! these names, the manifest and its indexes list them, the app and the command line fetch them.
//!
//! ```text
//! codes/produits.arrow, codes/pays.arrow             the code lists
//! dep/60/2024.arrow, reg/32/2024.arrow, fr/2024.arrow a territory's year, by quarter
//! dep/60/2024/year.arrow                             the same summed over its four quarters
//! fr-departements-pays/2024.arrow                    all départements by partner country
//! fr-departements-produits/2024/CE.arrow             all départements by product, one A38 section
//! fr-departements-dependance/2024/year.arrow         all départements' goods under strong dependence
//! ```
//!
//! A year file's index (its size and SHA-256, `files/2024-year.json`…) follows from its path too.

use crate::codes::Territory;
use crate::CoreError;
use std::fmt;
use std::str::FromStr;

/// The data's version folder (`public/data/v1/`): the paths below are relative to it.
pub const VERSION_DIR: &str = "v1";
pub const MANIFEST_FILE: &str = "manifest.json";
pub const PRODUCTS_FILE: &str = "codes/produits.arrow";
pub const COUNTRIES_FILE: &str = "codes/pays.arrow";

/// How the folders of the files of all départements begin.
const ALL_DEPARTEMENTS: &str = "fr-departements-";
/// The last part of a file summed over a year's quarters (`dep/60/2024/year.arrow`).
const YEAR_SUM: &str = "year";
const ARROW: &str = ".arrow";

/// A data file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DataFile {
    Products,
    Countries,
    Year(YearFile),
}

/// A file of one year: by quarter, or summed over the year's four quarters (written for the
/// years the data hold whole: a portrait of a whole year reads it, a quarter of the rows).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearFile {
    pub of: YearFileOf,
    pub year: u16,
    pub summed: bool,
}

/// What a year file holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum YearFileOf {
    /// A territory's flows by product, partner country and quarter.
    Territory(Territory),
    /// All départements by partner country, summed over products: the exposure ranking reads it.
    DepartementsByCountry,
    /// All départements by product (CPF4) for one A38 section (`CE`), summed over partner
    /// countries: the map reads the sections of the selected product. (One file for every product
    /// would be 3 MB a year; a section's is about a thirtieth of it.)
    DepartementsByProduct(String),
    /// All départements' imports in goods under strong dependence, by product, summed over partner
    /// countries (`views::dependence::strong_products`): the map's measure « forte dépendance »
    /// reads it. Written summed over a whole year only.
    DepartementsDependence,
}

impl YearFile {
    /// A file by quarter (the dependence's file is written summed only).
    pub fn new(of: YearFileOf, year: u16) -> Self {
        let summed = of == YearFileOf::DepartementsDependence;
        YearFile { of, year, summed }
    }

    /// The same file summed over its year's quarters.
    pub fn summed(self) -> Self {
        YearFile {
            summed: true,
            ..self
        }
    }

    /// The index that lists this file (path, size, SHA-256), one per year and kind of file: the
    /// territories' files by quarter (`files/2024.json`) and summed (`files/2024-year.json`), the
    /// files of all départements likewise (`files/2024-departements.json`,
    /// `files/2024-departements-year.json`). A page fetches the indexes of the kinds it reads only.
    pub fn index(&self) -> String {
        let of_all_departements = if matches!(self.of, YearFileOf::Territory(_)) {
            ""
        } else {
            "-departements"
        };
        let summed = if self.summed { "-year" } else { "" };
        format!("files/{}{of_all_departements}{summed}.json", self.year)
    }
}

/// A territory's file of one year, by quarter.
pub fn trade_file(territory: &Territory, year: u16) -> YearFile {
    YearFile::new(YearFileOf::Territory(territory.clone()), year)
}

/// All départements by partner country for one year, by quarter.
pub fn departements_by_country_file(year: u16) -> String {
    YearFile::new(YearFileOf::DepartementsByCountry, year).to_string()
}

/// All départements by product for one year and one A38 section, by quarter.
pub fn departements_by_product_file(year: u16, section: &str) -> String {
    YearFile::new(YearFileOf::DepartementsByProduct(section.to_string()), year).to_string()
}

/// All départements' imports in goods under strong dependence for one whole year.
pub fn departements_dependence_file(year: u16) -> String {
    YearFile::new(YearFileOf::DepartementsDependence, year).to_string()
}

/// The path of the same file summed over its year: `dep/60/2024.arrow` →
/// `dep/60/2024/year.arrow`. A path that is no year file is returned as it is.
pub fn year_sum_of(path: &str) -> String {
    match path.parse::<DataFile>() {
        Ok(DataFile::Year(file)) => file.summed().to_string(),
        _ => path.to_string(),
    }
}

/// The year of a year file's path; none for the code lists and a path that is no data file.
pub fn year_of(path: &str) -> Option<u16> {
    match path.parse::<DataFile>() {
        Ok(DataFile::Year(file)) => Some(file.year),
        _ => None,
    }
}

/// The index that lists a year file's path (see `YearFile::index`); none for the code lists.
pub fn index_of(path: &str) -> Option<String> {
    match path.parse::<DataFile>() {
        Ok(DataFile::Year(file)) => Some(file.index()),
        _ => None,
    }
}

impl fmt::Display for YearFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let year = self.year;
        let stem = match &self.of {
            YearFileOf::Territory(Territory::Departement(code)) => format!("dep/{code}/{year}"),
            YearFileOf::Territory(Territory::Region(code)) => format!("reg/{code}/{year}"),
            YearFileOf::Territory(Territory::France) => format!("fr/{year}"),
            YearFileOf::DepartementsByCountry => format!("{ALL_DEPARTEMENTS}pays/{year}"),
            YearFileOf::DepartementsByProduct(section) => {
                format!("{ALL_DEPARTEMENTS}produits/{year}/{section}")
            }
            YearFileOf::DepartementsDependence => format!("{ALL_DEPARTEMENTS}dependance/{year}"),
        };
        if self.summed {
            write!(f, "{stem}/{YEAR_SUM}{ARROW}")
        } else {
            write!(f, "{stem}{ARROW}")
        }
    }
}

impl fmt::Display for DataFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DataFile::Products => f.write_str(PRODUCTS_FILE),
            DataFile::Countries => f.write_str(COUNTRIES_FILE),
            DataFile::Year(file) => file.fmt(f),
        }
    }
}

impl FromStr for DataFile {
    type Err = CoreError;

    fn from_str(path: &str) -> Result<Self, CoreError> {
        let bad = || CoreError::FileName(path.to_string());
        match path {
            PRODUCTS_FILE => return Ok(DataFile::Products),
            COUNTRIES_FILE => return Ok(DataFile::Countries),
            _ => {}
        }
        let stem = path.strip_suffix(ARROW).ok_or_else(bad)?;
        let (stem, summed) = match stem.strip_suffix(YEAR_SUM) {
            Some(folder) => (folder.strip_suffix('/').ok_or_else(bad)?, true),
            None => (stem, false),
        };
        let parts: Vec<&str> = stem.split('/').collect();
        let year = |text: &str| -> Result<u16, CoreError> {
            let four_digits = text.len() == 4 && text.bytes().all(|byte| byte.is_ascii_digit());
            four_digits
                .then(|| text.parse().ok())
                .flatten()
                .ok_or_else(bad)
        };
        let territory = |notation: String| notation.parse::<Territory>().map_err(|_| bad());
        let (of, year) = match parts.as_slice() {
            ["dep", code, text] => (
                YearFileOf::Territory(territory(format!("dep:{code}"))?),
                year(text)?,
            ),
            ["reg", code, text] => (
                YearFileOf::Territory(territory(format!("reg:{code}"))?),
                year(text)?,
            ),
            ["fr", text] => (YearFileOf::Territory(Territory::France), year(text)?),
            [folder, text] if *folder == format!("{ALL_DEPARTEMENTS}pays") => {
                (YearFileOf::DepartementsByCountry, year(text)?)
            }
            [folder, text, section] if *folder == format!("{ALL_DEPARTEMENTS}produits") => (
                YearFileOf::DepartementsByProduct((*section).to_string()),
                year(text)?,
            ),
            [folder, text] if *folder == format!("{ALL_DEPARTEMENTS}dependance") && summed => {
                (YearFileOf::DepartementsDependence, year(text)?)
            }
            _ => return Err(bad()),
        };
        let file = YearFile { of, year, summed };
        // Read back as written: `dep/2a/…` is not the file of `dep:2A`.
        if file.to_string() != path {
            return Err(bad());
        }
        Ok(DataFile::Year(file))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_file_reads_back_as_written() {
        let oise: Territory = "dep:60".parse().unwrap();
        let written = [
            (
                trade_file(&oise, 2024),
                "dep/60/2024.arrow",
                "files/2024.json",
            ),
            (
                trade_file(&oise, 2024).summed(),
                "dep/60/2024/year.arrow",
                "files/2024-year.json",
            ),
            (
                trade_file(&"reg:32".parse().unwrap(), 2023),
                "reg/32/2023.arrow",
                "files/2023.json",
            ),
            (
                trade_file(&Territory::France, 2025).summed(),
                "fr/2025/year.arrow",
                "files/2025-year.json",
            ),
            (
                YearFile::new(YearFileOf::DepartementsByCountry, 2023),
                "fr-departements-pays/2023.arrow",
                "files/2023-departements.json",
            ),
            (
                YearFile::new(YearFileOf::DepartementsByProduct("CE".into()), 2025).summed(),
                "fr-departements-produits/2025/CE/year.arrow",
                "files/2025-departements-year.json",
            ),
            (
                YearFile::new(YearFileOf::DepartementsDependence, 2024),
                "fr-departements-dependance/2024/year.arrow",
                "files/2024-departements-year.json",
            ),
        ];
        for (file, path, index) in written {
            assert_eq!(file.to_string(), path);
            assert_eq!(file.index(), index, "{path}");
            assert_eq!(path.parse::<DataFile>().unwrap(), DataFile::Year(file));
            assert_eq!(index_of(path).as_deref(), Some(index));
        }
        assert_eq!(year_sum_of("dep/60/2024.arrow"), "dep/60/2024/year.arrow");
        assert_eq!(
            year_of("fr-departements-produits/2025/CE.arrow"),
            Some(2025)
        );
        assert_eq!(
            PRODUCTS_FILE.parse::<DataFile>().unwrap(),
            DataFile::Products
        );
        assert_eq!(year_of(COUNTRIES_FILE), None);
    }

    #[test]
    fn a_path_that_is_no_data_file_is_refused_with_its_name() {
        for path in [
            "dep/60/file.arrow",
            "dep/60/2024.csv",
            "dep/2a/2024.arrow",
            "dep/600/2024.arrow",
            "fr-departements-dependance/2024.arrow",
            "fr-departements-autres/2024.arrow",
            "dep/60/2024year.arrow",
        ] {
            let error = path.parse::<DataFile>().unwrap_err();
            assert!(error.to_string().contains(path), "{error}");
        }
    }
}
