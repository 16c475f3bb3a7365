//! The Territoires d'industrie: which ones each département holds, from a list of communes and their
//! territoire (the ANCT's). The customs' data stop at the département, so a territoire only leads to
//! its département(s); a page names them, with the list's perimeter.
//!
//! The list shipped (`data/territoires-industrie-2020.csv`, see `data/SOURCES.md`) is the 2020
//! perimeter (148 territoires); `--territoires-industrie FILE` reads another one, in the ANCT's
//! data.gouv layout (`insee_com`, `lib_ti`) or the shipped one's (`code_commune`, `libelle_ti`), `;`
//! or `,` separated. Every line is either counted in a territoire or an error naming it.

use crate::InputError;
use comex_core::manifest::TerritoiresIndustrieList;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The list shipped with the project.
pub const SHIPPED_FILE: &str = "territoires-industrie-2020.csv";
/// Its perimeter, said wherever its names are shown.
pub const SHIPPED_PERIMETER: &str = "périmètre 2020";

/// Each département's territoires, and what the list was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TerritoiresIndustrie {
    /// Département code → the names of the territoires with communes in it, sorted.
    pub by_departement: BTreeMap<String, BTreeSet<String>>,
    pub list: TerritoiresIndustrieList,
}

fn error(file: &str, reason: impl Into<String>) -> InputError {
    InputError::CodeList {
        file: file.to_string(),
        reason: reason.into(),
    }
}

/// The customs' département of an INSEE commune code: Corse's `2A`/`2B` are `20`, the DOM's `971`…
/// `976` are `9A`…`9E`.
pub fn departement_of_commune(commune: &str) -> Option<String> {
    let code = commune.trim();
    if code.len() != 5 {
        return None;
    }
    let head = code.get(..2)?;
    Some(match head {
        "2A" | "2B" => "20".to_string(),
        "97" => {
            let overseas = match code.get(2..3)? {
                "1" => "9A",
                "2" => "9B",
                "3" => "9C",
                "4" => "9D",
                "6" => "9E",
                _ => return None,
            };
            overseas.to_string()
        }
        _ if head.bytes().all(|b| b.is_ascii_digit()) => head.to_string(),
        _ => return None,
    })
}

/// Reads a list of communes and their territoire. `perimeter` is what the page says of it;
/// `known` the customs codes of the départements (the code lists').
pub fn read(
    path: &Path,
    perimeter: &str,
    known: &BTreeSet<&str>,
) -> Result<TerritoiresIndustrie, InputError> {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let bytes = std::fs::read(path).map_err(InputError::io(path.display().to_string()))?;
    let text = crate::text::from_utf8(&bytes)
        .map(str::to_string)
        .unwrap_or_else(|| crate::text::from_windows_1252(&bytes));
    let header = text.lines().next().unwrap_or("");
    let separator = if header.matches(';').count() >= header.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| error(&name, format!("line 1: {e}")))?
        .clone();
    let column = |names: [&str; 2]| {
        headers
            .iter()
            .position(|h| names.contains(&h.trim().trim_start_matches('\u{feff}')))
    };
    let (Some(commune_column), Some(label_column)) = (
        column(["insee_com", "code_commune"]),
        column(["lib_ti", "libelle_ti"]),
    ) else {
        return Err(error(
            &name,
            format!(
                "line 1: columns `{}`, expected `insee_com` (or `code_commune`) and `lib_ti` (or `libelle_ti`)",
                headers.iter().collect::<Vec<_>>().join("`, `")
            ),
        ));
    };
    let mut by_departement: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut names: BTreeSet<String> = BTreeSet::new();
    let mut communes = 0_usize;
    for (index, record) in reader.records().enumerate() {
        let line = index + 2;
        let record = record.map_err(|e| error(&name, format!("line {line}: {e}")))?;
        let commune = record.get(commune_column).unwrap_or("").trim();
        let label = record.get(label_column).unwrap_or("").trim();
        if commune.is_empty() && label.is_empty() {
            continue; // a blank line
        }
        if label.is_empty() {
            return Err(error(
                &name,
                format!("line {line}: commune `{commune}` without a territoire name"),
            ));
        }
        let departement = departement_of_commune(commune)
            .filter(|code| known.contains(code.as_str()))
            .ok_or_else(|| {
                error(
                    &name,
                    format!("line {line}: `{commune}`, expected an INSEE commune code of 5 characters in a known département"),
                )
            })?;
        by_departement
            .entry(departement)
            .or_default()
            .insert(label.to_string());
        names.insert(label.to_string());
        communes += 1;
    }
    if communes == 0 {
        return Err(error(&name, "no commune: expected one line per commune"));
    }
    Ok(TerritoiresIndustrie {
        by_departement,
        list: TerritoiresIndustrieList {
            file: name,
            sha256: comex_core::manifest::sha256_hex(&bytes),
            perimeter: perimeter.to_string(),
            territoires: names.len(),
            communes,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::code_lists::{departement_codes, CodeLists};

    fn lists() -> CodeLists {
        CodeLists::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data")).unwrap()
    }

    #[test]
    fn the_shipped_list_names_the_oises_three_territoires_and_those_across_departements() {
        let lists = lists();
        let territoires = &lists.territoires_industrie;
        assert_eq!(territoires.list.territoires, 148);
        assert_eq!(territoires.list.perimeter, "périmètre 2020");
        let names = |code: &str| -> Vec<&str> {
            territoires.by_departement[code]
                .iter()
                .map(String::as_str)
                .collect()
        };
        assert_eq!(
            names("60"),
            ["Agglomération Creil Sud Oise", "Beauvaisis", "Compiègne"]
        );
        assert!(names("07").contains(&"Ardèche Drome"));
        assert!(names("26").contains(&"Ardèche Drome"));
    }

    #[test]
    fn the_anct_layout_is_read_and_a_bad_commune_is_named_by_its_line() {
        let lists = lists();
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("liste-ti.csv");
        std::fs::write(
            &path,
            "insee_com,lib_ti,id_ti\n60057,Beauvaisis,TI1\n2A004,Ajaccio,TI2\n",
        )
        .unwrap();
        let read = read(
            &path,
            "liste liste-ti.csv",
            &departement_codes(&lists.departements),
        )
        .unwrap();
        assert_eq!(read.list.communes, 2);
        assert!(read.by_departement["20"].contains("Ajaccio"));
        std::fs::write(
            &path,
            "insee_com;lib_ti\n60057;Beauvaisis\n6005;Beauvaisis\n",
        )
        .unwrap();
        let error = read_error(&path, &lists);
        assert!(
            error.contains("liste-ti.csv") && error.contains("line 3"),
            "{error}"
        );
        std::fs::write(&path, "commune;territoire\n60057;Beauvaisis\n").unwrap();
        assert!(read_error(&path, &lists).contains("expected `insee_com`"));
    }

    fn read_error(path: &Path, lists: &CodeLists) -> String {
        read(path, "", &departement_codes(&lists.departements))
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn communes_lead_to_the_customs_departements() {
        assert_eq!(departement_of_commune("60057").as_deref(), Some("60"));
        assert_eq!(departement_of_commune("2A004").as_deref(), Some("20"));
        assert_eq!(departement_of_commune("97411").as_deref(), Some("9D"));
        assert_eq!(departement_of_commune("97611").as_deref(), Some("9E"));
        assert_eq!(departement_of_commune("6005"), None);
        assert_eq!(
            departement_of_commune("97502"),
            None,
            "Saint-Pierre-et-Miquelon"
        );
    }
}
