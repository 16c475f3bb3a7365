//! Every territory's own page: its address, relative to the site's root, and back.
//!
//! France's portrait is the root (`""`), a département's `departements/60-oise/`, a région's
//! `regions/01-hauts-de-france/`: the customs code first, then the label folded to ASCII (the
//! manifest's slug). The code makes the path readable back without the manifest (the app knows its
//! territory before the data come); the slug is for people and search engines. The build writes
//! each page there (the portrait of its default selection, readable before the app runs); the app
//! reads the territory back from its page's path and writes the new page's path when the reader
//! switches: one rule for the app, the build and the sitemap.

use crate::blocks::text::period_text;
use crate::codes::{Period, Territory};
use crate::manifest::Manifest;

const DEPARTEMENTS: &str = "departements/";
const REGIONS: &str = "regions/";

impl Manifest {
    /// The territory's page, relative to the site's root, ending with `/` (France: `""`). A
    /// territory the manifest does not list has none.
    pub fn page_path(&self, territory: &Territory) -> Option<String> {
        let entry = self.territory(territory).ok()?;
        Some(match territory {
            Territory::France => String::new(),
            Territory::Region(code) => format!("{REGIONS}{code}-{}/", entry.slug),
            Territory::Departement(code) => {
                format!(
                    "{DEPARTEMENTS}{}-{}/",
                    code.to_ascii_lowercase(),
                    entry.slug
                )
            }
        })
    }

    /// Every territory's page, France first, then the régions and the départements in the
    /// manifest's order (the sitemap's order).
    pub fn page_paths(&self) -> Vec<(Territory, String)> {
        let mut pages: Vec<(Territory, String)> = self
            .territories
            .iter()
            .filter_map(|entry| {
                let path = self.page_path(&entry.territory)?;
                Some((entry.territory.clone(), path))
            })
            .collect();
        pages.sort_by_key(|(territory, _)| match territory {
            Territory::France => 0,
            Territory::Region(_) => 1,
            Territory::Departement(_) => 2,
        });
        pages
    }
}

/// The page's title, for the browser's tab, search engines and link previews: the territory
/// first (what a reader scans for), then the period (`Oise : commerce extérieur en 2024`). Without
/// an article, which French gives each département by usage, not by rule.
pub fn page_title(manifest: &Manifest, territory: &Territory, chosen: &[Period]) -> String {
    let period = period_text(manifest, chosen);
    let when = if period.starts_with('T') {
        format!("de {period}")
    } else {
        format!("en {period}")
    };
    format!("{} : commerce extérieur {when}", manifest.label(territory))
}

/// The territory whose page this is (`departements/60-oise/`, with or without the last `/`,
/// `index.html` after it), read from the code in its last part; the root is France's. A path of
/// another shape (an old or mistyped address) gives none.
pub fn territory_of_page(path: &str) -> Option<Territory> {
    let path = path.trim_start_matches('/');
    let path = path.strip_suffix("index.html").unwrap_or(path);
    let path = path.trim_end_matches('/');
    if path.is_empty() {
        return Some(Territory::France);
    }
    let (kind, name) = if let Some(name) = path.strip_prefix(DEPARTEMENTS) {
        ("dep", name)
    } else {
        ("reg", path.strip_prefix(REGIONS)?)
    };
    if name.contains('/') {
        return None;
    }
    let (code, _slug) = name.split_once('-')?;
    format!("{kind}:{code}").parse().ok()
}

#[cfg(test)]
mod tests {
    use super::{page_title, territory_of_page};
    use crate::codes::{Period, Territory};
    use crate::manifest::{Manifest, TerritoryEntry};

    fn manifest() -> Manifest {
        let entry = |territory: &str, label: &str, slug: &str| TerritoryEntry {
            territory: territory.parse().unwrap(),
            label: label.to_string(),
            region: None,
            slug: slug.to_string(),
            territoires_industrie: Vec::new(),
        };
        let mut manifest: Manifest = serde_json::from_value(serde_json::json!({
            "schema_version": "1", "source": {"kind": "demo", "description": "", "files": []},
            "years": [], "periods": [], "territories": [], "files": []
        }))
        .unwrap();
        manifest.territories = vec![
            entry("dep:60", "Oise", "oise"),
            entry("dep:2A", "Corse-du-Sud", "corse-du-sud"),
            entry("reg:01", "Hauts-de-France", "hauts-de-france"),
            entry("fr", "France", "france"),
        ];
        manifest
    }

    #[test]
    fn every_territory_has_a_readable_page_that_reads_back() {
        let manifest = manifest();
        let pages = manifest.page_paths();
        let paths: Vec<&str> = pages.iter().map(|(_, path)| path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "",
                "regions/01-hauts-de-france/",
                "departements/60-oise/",
                "departements/2a-corse-du-sud/"
            ]
        );
        for (territory, path) in &pages {
            assert_eq!(territory_of_page(path).as_ref(), Some(territory));
        }
    }

    #[test]
    fn a_title_names_the_territory_then_the_period() {
        let mut manifest = manifest();
        manifest.periods = (1..=4)
            .map(|quarter| Period {
                year: 2024,
                quarter,
            })
            .chain([Period {
                year: 2025,
                quarter: 1,
            }])
            .collect();
        manifest.years = vec![2024, 2025];
        let oise: Territory = "dep:60".parse().unwrap();
        assert_eq!(
            page_title(&manifest, &oise, &[]),
            "Oise : commerce extérieur en 2024"
        );
        assert_eq!(
            page_title(
                &manifest,
                &oise,
                &[Period {
                    year: 2025,
                    quarter: 1
                }]
            ),
            "Oise : commerce extérieur de T1 2025"
        );
    }

    #[test]
    fn a_page_path_reads_back_in_its_usual_spellings() {
        let oise = Some(Territory::Departement("60".to_string()));
        for path in [
            "departements/60-oise",
            "/departements/60-oise/",
            "departements/60-oise/index.html",
        ] {
            assert_eq!(territory_of_page(path), oise, "{path}");
        }
        assert_eq!(territory_of_page("/"), Some(Territory::France));
        assert_eq!(territory_of_page("index.html"), Some(Territory::France));
        assert_eq!(territory_of_page("departements/6-oise/"), None);
        assert_eq!(territory_of_page("departements/60-oise/x/"), None);
        assert_eq!(territory_of_page("regions/"), None);
        assert_eq!(territory_of_page("ailleurs/60-oise/"), None);
        assert_eq!(
            territory_of_page("departements/2b-haute-corse/"),
            Some(Territory::Departement("2B".to_string()))
        );
        assert_eq!(manifest().page_path(&"dep:99".parse().unwrap()), None);
    }
}
