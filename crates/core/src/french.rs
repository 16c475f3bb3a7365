//! French grammar for generated sentences: ordinals, the article a country's name takes, and the
//! prepositions that contract with it (« vers les États-Unis », « en provenance du Japon »).
//!
//! The customs' labels carry no gender or number: the article follows the usual rules (a name ending
//! in « e » is feminine, a vowel elides), with the exceptions that the code lists hold written out.

/// `1er`, `1re`, `2e`, `12e`.
pub fn ordinal(rank: usize, feminine: bool) -> String {
    match (rank, feminine) {
        (1, false) => "1er".to_string(),
        (1, true) => "1re".to_string(),
        (rank, _) => format!("{rank}e"),
    }
}

/// Names used without an article (islands and city-states: « vers Cuba », « vers Singapour »).
const WITHOUT_ARTICLE: [&str; 40] = [
    "Andorre",
    "Antigua-et-Barbuda",
    "Aruba",
    "Bahreïn",
    "Bonaire",
    "Brunei",
    "Cabo Verde",
    "Chypre",
    "Cuba",
    "Curaçao",
    "Djibouti",
    "Dominique",
    "Gibraltar",
    "Grenade",
    "Guam",
    "Guernesey",
    "Haïti",
    "Hong Kong",
    "Israël",
    "Jersey",
    "Kiribati",
    "Macao",
    "Madagascar",
    "Malte",
    "Maurice",
    "Monaco",
    "Montserrat",
    "Nauru",
    "Oman",
    "Porto Rico",
    "Saint-Marin",
    "Sainte-Hélène",
    "Sainte-Lucie",
    "Samoa",
    "Singapour",
    "Sri Lanka",
    "Taïwan",
    "Tonga",
    "Trinité-et-Tobago",
    "Tuvalu",
];

/// Plural names (« les Pays-Bas »), by their first word.
const PLURAL: [&str; 15] = [
    "Codes",
    "Etats-Unis",
    "États-Unis",
    "Pays-Bas",
    "Emirats",
    "Émirats",
    "Philippines",
    "Seychelles",
    "Comores",
    "Maldives",
    "Bahamas",
    "Iles",
    "Îles",
    "Fidji",
    "Amériques",
];

/// Masculine names that end in « e » (« le Mexique »).
const MASCULINE_IN_E: [&str; 9] = [
    "Royaume",
    "Mexique",
    "Cambodge",
    "Mozambique",
    "Zimbabwe",
    "Belize",
    "Suriname",
    "Zaïre",
    "Bélize",
];

/// The article and the name: `les Etats-Unis`, `l'Allemagne`, `la Chine`, `le Japon`, `Cuba`.
pub fn with_article(name: &str) -> String {
    let first_word = name
        .split([' ', '(', ','])
        .next()
        .unwrap_or(name)
        .trim_end_matches('-');
    if WITHOUT_ARTICLE
        .iter()
        .any(|exception| name.starts_with(exception))
        || name.starts_with("Saint-")
        || name.starts_with("Île ")
    {
        return name.to_string();
    }
    if PLURAL.iter().any(|plural| first_word.starts_with(plural)) {
        return format!("les {name}");
    }
    let starts_with_vowel = name
        .chars()
        .next()
        .is_some_and(|c| "AEIOUÉÈÊÎÔÂaeiouéèêîôâ".contains(c));
    if starts_with_vowel {
        return format!("l'{name}");
    }
    let word = first_word.split('-').next().unwrap_or(first_word);
    let feminine = word.ends_with('e') && !MASCULINE_IN_E.contains(&word);
    if feminine {
        format!("la {name}")
    } else {
        format!("le {name}")
    }
}

/// « vers » and the name with its article: `vers les Etats-Unis`.
pub fn towards(name: &str) -> String {
    format!("vers {}", with_article(name))
}

/// « en provenance de » with the contraction: `en provenance des Etats-Unis`, `du Japon`,
/// `de l'Allemagne`, `de Cuba`.
pub fn coming_from(name: &str) -> String {
    let with = with_article(name);
    let contracted = if let Some(rest) = with.strip_prefix("les ") {
        format!("des {rest}")
    } else if let Some(rest) = with.strip_prefix("le ") {
        format!("du {rest}")
    } else {
        format!("de {with}")
    };
    format!("en provenance {contracted}")
}

/// « de » before a good's label, lower-cased when it is not an acronym, elided before a vowel or a
/// mute h: `de parfums`, `d'huiles`.
pub fn of_good(label: &str) -> String {
    let mut characters = label.chars();
    let lowered = match (characters.next(), characters.next()) {
        (Some(first), Some(second)) if !second.is_uppercase() => {
            let mut text: String = first.to_lowercase().collect();
            text.push(second);
            text.extend(characters);
            text
        }
        _ => label.to_string(),
    };
    let elides = lowered
        .chars()
        .next()
        .is_some_and(|c| "aeiouyéèêîôâhAEIOUYÉÈÊÎÔÂH".contains(c));
    if elides {
        format!("d'{lowered}")
    } else {
        format!("de {lowered}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_agree() {
        assert_eq!(ordinal(1, false), "1er");
        assert_eq!(ordinal(1, true), "1re");
        assert_eq!(ordinal(2, true), "2e");
        assert_eq!(ordinal(101, false), "101e");
    }

    #[test]
    fn countries_take_their_article() {
        assert_eq!(towards("Etats-Unis"), "vers les Etats-Unis");
        assert_eq!(towards("Allemagne"), "vers l'Allemagne");
        assert_eq!(towards("Chine"), "vers la Chine");
        assert_eq!(towards("Japon"), "vers le Japon");
        assert_eq!(towards("Mexique"), "vers le Mexique");
        assert_eq!(towards("Royaume-Uni"), "vers le Royaume-Uni");
        assert_eq!(
            towards("Corée (République de)"),
            "vers la Corée (République de)"
        );
        assert_eq!(towards("Singapour"), "vers Singapour");
        assert_eq!(towards("Pays-Bas"), "vers les Pays-Bas");
        assert_eq!(towards("Yémen"), "vers le Yémen");
        assert_eq!(towards("Hongrie"), "vers la Hongrie");
        assert_eq!(coming_from("Etats-Unis"), "en provenance des Etats-Unis");
        assert_eq!(coming_from("Japon"), "en provenance du Japon");
        assert_eq!(coming_from("Italie"), "en provenance de l'Italie");
        assert_eq!(coming_from("Belgique"), "en provenance de la Belgique");
        assert_eq!(coming_from("Cuba"), "en provenance de Cuba");
    }

    #[test]
    fn goods_take_de() {
        assert_eq!(
            of_good("Parfums et cosmétiques"),
            "de parfums et cosmétiques"
        );
        assert_eq!(of_good("Huiles et graisses"), "d'huiles et graisses");
        assert_eq!(of_good("Autres produits"), "d'autres produits");
        assert_eq!(of_good("TIC"), "de TIC");
    }
}
