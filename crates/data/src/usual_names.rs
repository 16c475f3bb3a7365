//! The names French readers expect. The customs' code lists drop the accents of capitals
//! (« Etats-Unis », « Emirats arabes unis », « Ile-de-France »); the names are given back their
//! accents here, once, so that the page, the key points' articles, the CSV, the map and the command
//! line all say « États-Unis ». References (`data/SOURCES.md`): the French names of ISO 3166
//! (`pays-iso-fr.json`, npm `i18n-iso-countries`) for countries, the INSEE's official geographic code
//! (`cog-regions.json`, `cog-departements.json`, npm `@etalab/decoupage-administratif`) for régions
//! and départements. Only accents are taken from them: the customs' wording stays (« Iran
//! (République islamique d') », « Viet Nam »), and a customs-only code keeps its label as it is.

use crate::InputError;
use std::collections::HashMap;
use std::path::Path;

pub const COUNTRIES_FILE: &str = "pays-iso-fr.json";
pub const REGIONS_FILE: &str = "cog-regions.json";
pub const DEPARTEMENTS_FILE: &str = "cog-departements.json";

/// The reference names, read from the code lists' folder.
#[derive(Debug, Clone, Default)]
pub struct UsualNames {
    /// ISO 3166 alpha-2 code → French name (`US` → « États-Unis d'Amérique »).
    countries: HashMap<String, String>,
    /// The names of the régions and départements (« Île-de-France », « Côtes-d'Armor »).
    territories: Vec<String>,
}

impl UsualNames {
    pub fn load(dir: &Path) -> Result<Self, InputError> {
        #[derive(serde::Deserialize)]
        struct IsoNames {
            countries: HashMap<String, serde_json::Value>,
        }
        #[derive(serde::Deserialize)]
        struct CogEntry {
            nom: String,
        }
        let json = |name: &str| -> Result<Vec<u8>, InputError> {
            std::fs::read(dir.join(name))
                .map_err(InputError::io(dir.join(name).display().to_string()))
        };
        let invalid = |name: &str, error: serde_json::Error| InputError::CodeList {
            file: name.to_string(),
            reason: format!("expected {} ({error})", expected(name)),
        };
        let iso: IsoNames = serde_json::from_slice(&json(COUNTRIES_FILE)?)
            .map_err(|error| invalid(COUNTRIES_FILE, error))?;
        // A country has one name or several (the first is the usual one).
        let countries = iso
            .countries
            .into_iter()
            .filter_map(|(code, names)| {
                let name = match names {
                    serde_json::Value::String(name) => Some(name),
                    serde_json::Value::Array(names) => {
                        names.first().and_then(|n| n.as_str()).map(String::from)
                    }
                    _ => None,
                };
                name.map(|name| (code, name))
            })
            .collect();
        let mut territories = Vec::new();
        for name in [REGIONS_FILE, DEPARTEMENTS_FILE] {
            let entries: Vec<CogEntry> =
                serde_json::from_slice(&json(name)?).map_err(|error| invalid(name, error))?;
            territories.extend(entries.into_iter().map(|entry| entry.nom));
        }
        Ok(UsualNames {
            countries,
            territories,
        })
    }

    /// A country's label with the accents of its ISO name (« Etats-Unis » → « États-Unis »); a code
    /// ISO does not know keeps its label.
    pub fn country(&self, code: &str, label: &str) -> String {
        match self.countries.get(code) {
            Some(reference) => with_accents_of(label, reference),
            None => label.to_string(),
        }
    }

    /// A région's or département's label as the COG writes it when both differ by accents, case and
    /// spaces around a hyphen only (« Ile-de-France » → « Île-de-France », « Auvergne - Rhône-Alpes »
    /// → « Auvergne-Rhône-Alpes »); otherwise as it is (« Réunion », « DOM »).
    pub fn territory(&self, label: &str) -> String {
        let key = |text: &str| folded(text).replace(" - ", "-");
        self.territories
            .iter()
            .find(|name| key(name) == key(label))
            .cloned()
            .unwrap_or_else(|| label.to_string())
    }
}

fn expected(name: &str) -> &'static str {
    if name == COUNTRIES_FILE {
        "`{\"countries\": {\"US\": \"États-Unis d'Amérique\", …}}`"
    } else {
        "`[{\"nom\": \"Île-de-France\", …}, …]`"
    }
}

/// Lower case without accents: « États » and « Etats » fold alike (as the data build folds slugs).
fn folded(text: &str) -> String {
    deunicode::deunicode(text).to_lowercase()
}

/// French words whose capital always bears an accent.
const ALWAYS_ACCENTED: [&str; 4] = ["État", "États", "Île", "Îles"];

/// `label` with each word's unaccented first capital (E, I…) accented as the same word of `reference`
/// has it: « Emirats arabes unis » and « Émirats Arabes Unis » give « Émirats arabes unis ».
pub fn with_accents_of(label: &str, reference: &str) -> String {
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphabetic())
            .filter(|word| !word.is_empty())
            .map(String::from)
            .collect()
    };
    // Words that take an accent in every name, when the reference is worded otherwise
    // (« Micronésie (Etats fédérés de) » against « Micronésie »).
    let references: Vec<String> = words(reference)
        .into_iter()
        .chain(ALWAYS_ACCENTED.iter().map(|word| word.to_string()))
        .collect();
    let mut result = String::with_capacity(label.len() + 4);
    let mut word = String::new();
    let flush = |word: &mut String, result: &mut String| {
        let first = word.chars().next();
        let accented = first.filter(|c| "AEIOU".contains(*c)).and_then(|_| {
            references
                .iter()
                .find(|known| folded(known) == folded(word))
                .and_then(|known| known.chars().next())
                .filter(|c| c.is_uppercase() && !c.is_ascii())
        });
        match accented {
            Some(capital) => {
                result.push(capital);
                result.extend(word.chars().skip(1));
            }
            None => result.push_str(word),
        }
        word.clear();
    };
    for c in label.chars() {
        if c.is_alphabetic() {
            word.push(c);
        } else {
            flush(&mut word, &mut result);
            result.push(c);
        }
    }
    flush(&mut word, &mut result);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_get_back_the_accents_of_the_reference_and_nothing_else() {
        assert_eq!(
            with_accents_of("Etats-Unis", "États-Unis d'Amérique"),
            "États-Unis"
        );
        assert_eq!(
            with_accents_of("Emirats arabes unis", "Émirats Arabes Unis"),
            "Émirats arabes unis"
        );
        assert_eq!(
            with_accents_of("Iles vierges britanniques", "Îles Vierges britanniques"),
            "Îles vierges britanniques"
        );
        // Other words, and a label worded otherwise, stay as the customs write them.
        assert_eq!(
            with_accents_of("Iran (République islamique d')", "Iran"),
            "Iran (République islamique d')"
        );
        assert_eq!(with_accents_of("Espagne", "Espagne"), "Espagne");
        assert_eq!(with_accents_of("Equateur", "Équateur"), "Équateur");
        assert_eq!(
            with_accents_of("Vierges des Etats-Unis (îles)", "Îles vierges américaines"),
            "Vierges des États-Unis (îles)"
        );
        assert_eq!(
            with_accents_of("Bolivie (Etat plurinational de)", "Bolivie"),
            "Bolivie (État plurinational de)"
        );
    }

    #[test]
    fn territories_take_the_cog_name_when_only_accents_differ() {
        let names = UsualNames {
            countries: HashMap::new(),
            territories: vec![
                "Île-de-France".into(),
                "Côtes-d'Armor".into(),
                "Auvergne-Rhône-Alpes".into(),
            ],
        };
        assert_eq!(
            names.territory("Auvergne - Rhône-Alpes"),
            "Auvergne-Rhône-Alpes"
        );
        assert_eq!(names.territory("Ile-de-France"), "Île-de-France");
        assert_eq!(names.territory("Cotes-d'Armor"), "Côtes-d'Armor");
        assert_eq!(names.territory("Hauts-de-France"), "Hauts-de-France");
    }
}
