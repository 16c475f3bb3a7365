//! The code lists shipped under `data/` (see `data/SOURCES.md`), each read in its own encoding:
//! - `Libelle_CPF4_rev2.1.txt` (Windows-1252): CPF4 product labels;
//! - `Libelle_A129.txt` (UTF-8 with BOM): A129 product labels as the customs write them;
//! - `table_NAF2-NA.csv`, `niv_agreg_naf_rev_2.csv`, `int_eng_na_2008_a38.csv`, `int_eng_na_2008_a17.csv`
//!   (INSEE, Windows-1252): the hierarchy CPF4 → A129 → A38 → A17 and its labels;
//! - `Libelle_PAYS.txt` (UTF-8): countries with validity dates; `groupes-pays.csv`: their groups;
//! - `Departement_region.txt` (UTF-8): départements and their DGDDI régions;
//! - `pays-iso-fr.json`, `cog-regions.json`, `cog-departements.json`: the accents the customs' labels
//!   drop on capitals (see [`crate::usual_names`]);
//! - `territoires-industrie-2020.csv`: the communes of each Territoire d'industrie (see
//!   [`crate::territoires_industrie`]).

use crate::territoires_industrie::{self, TerritoiresIndustrie};
use crate::text::{from_utf8, from_windows_1252};
use crate::usual_names::UsualNames;
use crate::InputError;
use comex_core::catalog::{Catalog, Country, CountryGroup, Product};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepartementEntry {
    pub code: String,
    pub label: String,
    pub region: String,
    pub region_label: String,
}

/// The départements' customs codes (what a list of communes is checked against).
pub fn departement_codes(departements: &[DepartementEntry]) -> BTreeSet<&str> {
    departements.iter().map(|d| d.code.as_str()).collect()
}

/// A country label valid from `start` to `end` (YYYYMM, inclusive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountryValidity {
    pub label: String,
    pub start: u32,
    pub end: u32,
}

#[derive(Debug, Clone)]
pub struct CodeLists {
    pub products: Vec<Product>,
    pub country_validity: BTreeMap<String, Vec<CountryValidity>>,
    pub country_groups: HashMap<String, (CountryGroup, bool)>,
    pub departements: Vec<DepartementEntry>,
    /// The accents of usual names, for the labels a published ZIP brings too.
    pub usual_names: UsualNames,
    /// Each département's Territoires d'industrie (the shipped 2020 list unless the build is given one).
    pub territoires_industrie: TerritoiresIndustrie,
}

fn code_list_error(file: &str, reason: impl Into<String>) -> InputError {
    InputError::CodeList {
        file: file.to_string(),
        reason: reason.into(),
    }
}

fn read(dir: &Path, name: &str) -> Result<Vec<u8>, InputError> {
    std::fs::read(dir.join(name)).map_err(InputError::io(dir.join(name).display().to_string()))
}

fn utf8(dir: &Path, name: &str) -> Result<String, InputError> {
    let bytes = read(dir, name)?;
    from_utf8(&bytes)
        .map(str::to_string)
        .ok_or_else(|| code_list_error(name, "not UTF-8"))
}

/// `;`-separated records, quotes honoured (some labels hold `;`), ragged rows allowed.
fn records(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .filter_map(Result::ok)
        .map(|record| {
            record
                .iter()
                .map(|field| field.trim().to_string())
                .collect()
        })
        .collect()
}

fn field(record: &[String], index: usize) -> &str {
    record.get(index).map(String::as_str).unwrap_or("")
}

impl CodeLists {
    pub fn load(dir: &Path) -> Result<Self, InputError> {
        let usual_names = UsualNames::load(dir)?;
        let mut country_validity = load_country_validity(dir)?;
        for (code, validities) in &mut country_validity {
            for validity in validities {
                validity.label = usual_names.country(code, &validity.label);
            }
        }
        let mut departements = load_departements(dir)?;
        for departement in &mut departements {
            departement.label = usual_names.territory(&departement.label);
            departement.region_label = usual_names.territory(&departement.region_label);
        }
        let territoires_industrie = territoires_industrie::read(
            &dir.join(territoires_industrie::SHIPPED_FILE),
            territoires_industrie::SHIPPED_PERIMETER,
            &departement_codes(&departements),
        )?;
        Ok(CodeLists {
            products: load_products(dir)?,
            country_validity,
            country_groups: load_country_groups(dir)?,
            departements,
            usual_names,
            territoires_industrie,
        })
    }

    /// The catalog with each country labelled as it was in `year` (codes were reused over time).
    pub fn catalog_for(&self, year: u16) -> Result<Catalog, InputError> {
        let month = u32::from(year) * 100 + 12;
        let mut countries = Vec::new();
        for (code, validities) in &self.country_validity {
            let valid = validities
                .iter()
                .find(|validity| validity.start <= month && month <= validity.end)
                .or_else(|| validities.iter().max_by_key(|v| v.end));
            let Some(valid) = valid else { continue };
            let (zone, euro_area) = self.country_groups.get(code).copied().ok_or_else(|| {
                code_list_error("groupes-pays.csv", format!("no group for country `{code}`"))
            })?;
            countries.push(Country {
                code: code.clone(),
                label: valid.label.clone(),
                zone,
                eu27: zone == CountryGroup::Eu27,
                euro_area,
            });
        }
        Ok(Catalog::new(self.products.clone(), countries)?)
    }

    /// Whether a country code is valid in a quarter.
    pub fn country_valid_in(&self, code: &str, year: u16, quarter: u8) -> bool {
        let month = u32::from(year) * 100 + u32::from(quarter) * 3;
        self.country_validity.get(code).is_some_and(|validities| {
            validities
                .iter()
                .any(|validity| validity.start <= month && month <= validity.end)
        })
    }

    pub fn departement(&self, code: &str) -> Option<&DepartementEntry> {
        self.departements
            .iter()
            .find(|departement| departement.code == code)
    }
}

fn load_country_validity(dir: &Path) -> Result<BTreeMap<String, Vec<CountryValidity>>, InputError> {
    const FILE: &str = "Libelle_PAYS.txt";
    let mut validity: BTreeMap<String, Vec<CountryValidity>> = BTreeMap::new();
    for (line, record) in records(&utf8(dir, FILE)?).iter().enumerate() {
        let number = |i: usize| {
            field(record, i).parse::<u32>().map_err(|_| {
                code_list_error(
                    FILE,
                    format!("line {}: field {} is not YYYYMM", line + 1, i + 1),
                )
            })
        };
        validity
            .entry(field(record, 0).to_string())
            .or_default()
            .push(CountryValidity {
                label: field(record, 1).to_string(),
                start: number(2)?,
                end: number(3)?,
            });
    }
    Ok(validity)
}

fn load_country_groups(dir: &Path) -> Result<HashMap<String, (CountryGroup, bool)>, InputError> {
    const FILE: &str = "groupes-pays.csv";
    let mut groups = HashMap::new();
    for (line, record) in records(&utf8(dir, FILE)?).iter().enumerate().skip(1) {
        let zone = CountryGroup::from_code(field(record, 1))
            .filter(|group| group.is_zone())
            .ok_or_else(|| {
                code_list_error(
                    FILE,
                    format!("line {}: unknown zone `{}`", line + 1, field(record, 1)),
                )
            })?;
        groups.insert(
            field(record, 0).to_string(),
            (zone, field(record, 3) == "1"),
        );
    }
    Ok(groups)
}

fn load_departements(dir: &Path) -> Result<Vec<DepartementEntry>, InputError> {
    let text = utf8(dir, "Departement_region.txt")?;
    let mut departements: Vec<DepartementEntry> = records(&text)
        .iter()
        .filter(|record| record.len() >= 4)
        .map(|record| DepartementEntry {
            code: field(record, 0).to_string(),
            label: field(record, 1).to_string(),
            region: field(record, 2).to_string(),
            region_label: field(record, 3).to_string(),
        })
        .collect();
    departements.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(departements)
}

/// The products: every CPF4 of the customs' list, placed in A129, A38 and A17 through its NAF class
/// (CPF4 `2042` is NAF class `20.42`). A few CPF4 codes are whole divisions (`0300`, `3100`): they take
/// the first class of their division.
fn load_products(dir: &Path) -> Result<Vec<Product>, InputError> {
    const CPF4_FILE: &str = "Libelle_CPF4_rev2.1.txt";
    let cpf4_labels = records(&from_windows_1252(&read(dir, CPF4_FILE)?));
    let a129_labels: HashMap<String, String> = records(&utf8(dir, "Libelle_A129.txt")?)
        .into_iter()
        .map(|row| (field(&row, 0).to_string(), field(&row, 1).to_string()))
        .collect();
    let insee_a129_labels: HashMap<String, String> =
        records(&from_windows_1252(&read(dir, "niv_agreg_naf_rev_2.csv")?))
            .into_iter()
            .filter(|row| !field(row, 6).is_empty())
            .map(|row| (field(&row, 6).to_string(), field(&row, 8).to_string()))
            .collect();
    // NAF class (`20.42`) → (A129, A38), from the sub-class table.
    let mut classes: BTreeMap<String, (String, String)> = BTreeMap::new();
    for record in records(&from_windows_1252(&read(dir, "table_NAF2-NA.csv")?))
        .iter()
        .skip(2)
    {
        if !field(record, 4).is_empty() {
            classes
                .entry(field(record, 2).to_string())
                .or_insert_with(|| (field(record, 4).to_string(), field(record, 7).to_string()));
        }
    }
    let a38_labels: HashMap<String, String> =
        records(&from_windows_1252(&read(dir, "int_eng_na_2008_a38.csv")?))
            .into_iter()
            .skip(1)
            .map(|row| (field(&row, 0).to_string(), field(&row, 3).to_string()))
            .collect();
    let a17 = load_a17(dir)?;

    let mut products = Vec::new();
    for record in &cpf4_labels {
        let cpf4 = field(record, 0);
        if cpf4.len() != 4 {
            return Err(code_list_error(
                CPF4_FILE,
                format!("code `{cpf4}` is not 4 characters"),
            ));
        }
        let division = cpf4.get(..2).unwrap_or("");
        let class = format!("{division}.{}", cpf4.get(2..).unwrap_or(""));
        let (a129, a38) = classes
            .get(&class)
            .or_else(|| {
                classes
                    .iter()
                    .find(|(c, _)| c.starts_with(&format!("{division}.")))
                    .map(|(_, v)| v)
            })
            .cloned()
            .ok_or_else(|| {
                code_list_error(
                    CPF4_FILE,
                    format!("CPF4 `{cpf4}` has no NAF class or division"),
                )
            })?;
        let division_number: u8 = division.parse().unwrap_or(0);
        let (a17_code, a17_label) = a17
            .iter()
            .find(|(_, _, divisions)| divisions.contains(&division_number))
            .map(|(code, label, _)| (code.clone(), label.clone()))
            .ok_or_else(|| {
                code_list_error(
                    "int_eng_na_2008_a17.csv",
                    format!("no A17 for division {division}"),
                )
            })?;
        let a129_label = a129_labels
            .get(&a129)
            .or_else(|| insee_a129_labels.get(&a129))
            .cloned()
            .unwrap_or_default();
        products.push(Product {
            cpf4: cpf4.to_string(),
            cpf4_label: field(record, 1).to_string(),
            a129_label,
            a38_label: a38_labels.get(&a38).cloned().unwrap_or_default(),
            a129,
            a38,
            a17: a17_code,
            a17_label: tidy(&a17_label),
        });
    }
    Ok(products)
}

/// A17 code, label and the divisions it covers (from ranges such as `13-18,20-25, 31-33`).
fn load_a17(dir: &Path) -> Result<Vec<(String, String, Vec<u8>)>, InputError> {
    let rows = records(&from_windows_1252(&read(dir, "int_eng_na_2008_a17.csv")?));
    let mut a17 = Vec::new();
    for record in rows.iter().skip(1) {
        let divisions = field(record, 4)
            .split(',')
            .filter_map(|range| {
                let (start, end) = range
                    .trim()
                    .split_once('-')
                    .unwrap_or((range.trim(), range.trim()));
                Some(start.trim().parse::<u8>().ok()?..=end.trim().parse::<u8>().ok()?)
            })
            .flatten()
            .collect();
        a17.push((
            field(record, 0).to_string(),
            field(record, 6).to_string(),
            divisions,
        ));
    }
    Ok(a17)
}

/// Folds the doubled spaces some INSEE labels carry.
fn tidy(label: &str) -> String {
    label.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lists() -> CodeLists {
        CodeLists::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data")).unwrap()
    }

    #[test]
    fn products_have_their_hierarchy_and_french_labels() {
        let lists = lists();
        assert_eq!(lists.products.len(), 576);
        let perfume = lists
            .products
            .iter()
            .find(|product| product.cpf4 == "2042")
            .unwrap();
        assert_eq!(
            (
                perfume.a129.as_str(),
                perfume.a38.as_str(),
                perfume.a17.as_str()
            ),
            ("C20B", "CE", "C5")
        );
        assert!(
            perfume.cpf4_label.starts_with("Parfums"),
            "{}",
            perfume.cpf4_label
        );
        // Windows-1252 accents decoded, not mangled.
        let cereals = lists
            .products
            .iter()
            .find(|product| product.cpf4 == "0111")
            .unwrap();
        assert!(cereals.cpf4_label.contains("Céréales"));
        assert_eq!(cereals.a17, "AZ");
        // A whole-division code takes its division's first class.
        assert_eq!(
            lists
                .products
                .iter()
                .find(|p| p.cpf4 == "0300")
                .unwrap()
                .a129,
            "A03Z"
        );
        assert!(lists
            .products
            .iter()
            .all(|p| !p.a129_label.is_empty() && !p.a17_label.is_empty()));
    }

    #[test]
    fn reused_country_codes_take_the_label_of_the_year() {
        let lists = lists();
        let label = |year| {
            let catalog = lists.catalog_for(year).unwrap();
            catalog
                .country(catalog.country_id("XS").unwrap())
                .unwrap()
                .label
                .clone()
        };
        assert_eq!(label(2000), "Saba");
        assert_ne!(label(2024), "Saba");
        assert!(lists.country_valid_in("XS", 2024, 1));
        assert!(
            !lists.country_valid_in("AN", 2024, 1),
            "Netherlands Antilles ended in 2012"
        );
    }

    #[test]
    fn countries_have_groups() {
        let catalog = lists().catalog_for(2024).unwrap();
        let country = |code| {
            catalog
                .country(catalog.country_id(code).unwrap())
                .unwrap()
                .clone()
        };
        assert!(country("DE").eu27 && country("DE").euro_area);
        assert_eq!(country("US").zone, CountryGroup::Americas);
        assert_eq!(country("CH").zone, CountryGroup::EuropeOutsideEu);
        assert_eq!(country("QU").zone, CountryGroup::CustomsOnly);
    }

    #[test]
    fn departements_map_to_dgddi_regions() {
        let lists = lists();
        assert_eq!(lists.departements.len(), 101);
        let oise = lists.departement("60").unwrap();
        assert_eq!(
            (
                oise.label.as_str(),
                oise.region.as_str(),
                oise.region_label.as_str()
            ),
            ("Oise", "01", "Hauts-de-France")
        );
    }

    #[test]
    fn names_have_the_accents_french_readers_expect() {
        let lists = lists();
        let catalog = lists.catalog_for(2024).unwrap();
        let label = |code| {
            let id = catalog.country_id(code).unwrap();
            catalog.country(id).unwrap().label.clone()
        };
        assert_eq!(label("US"), "États-Unis");
        assert_eq!(label("AE"), "Émirats arabes unis");
        assert_eq!(label("EG"), "Égypte");
        // The customs' wording stays; a customs-only code keeps its label.
        assert_eq!(label("IR"), "Iran (République islamique d')");
        assert_eq!(label("ES"), "Espagne");
        let paris = lists.departement("75").unwrap();
        assert_eq!(paris.region_label, "Île-de-France");
        // Every country label differs from the customs' by accents at most.
        let customs = load_country_validity(Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../data"
        )))
        .unwrap();
        let mut changed = Vec::new();
        for (code, validities) in &customs {
            for (before, after) in validities.iter().zip(&lists.country_validity[code]) {
                assert_eq!(
                    folded_for_test(&before.label),
                    folded_for_test(&after.label)
                );
                if before.label != after.label {
                    changed.push(after.label.clone());
                }
            }
        }
        assert!(changed.len() >= 5, "{changed:?}");
    }

    fn folded_for_test(text: &str) -> String {
        deunicode::deunicode(text).to_lowercase()
    }
}
