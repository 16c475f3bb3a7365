//! The map of France: one value per département, its rank, and its class (colour) on the map.
//!
//! Rules: values from the file of all départements by partner country, on the same period and
//! partner filters as the portrait (that file is summed over products: under a product filter the map
//! is not computed, and says so). Exports, imports, balance in euros; exposure = share of the
//! exports that go to the selected partner (the United States by default); change = exports against
//! the same quarters a year earlier. Ranks: largest value first, ties by code, over the
//! départements with a value. Classes: quantiles of the values (five; for the balance and the
//! change, three below zero in reds and three above in greens).

use super::exposure::{departement_ranking, partner_of};
use super::ranking::departement_sums;
use crate::catalog::Catalog;
use crate::codes::{Flow, Territory};
use crate::filter::Filter;
use crate::format;
use crate::manifest::Manifest;
use crate::table::TradeTable;
use crate::CoreError;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

pub const RULE: &str =
    "Valeur de chaque département sur les mêmes trimestres et le même pays partenaire ; \
classes par quantiles ; rang de la plus forte valeur à la plus faible.";

/// What the map colours.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MapMeasure {
    #[default]
    Exports,
    Imports,
    Balance,
    /// The share of exports to the selected partner (the United States by default).
    Exposure,
    /// Exports against the same quarters a year earlier.
    Change,
}

impl MapMeasure {
    pub const ALL: [MapMeasure; 5] = [
        MapMeasure::Exports,
        MapMeasure::Imports,
        MapMeasure::Balance,
        MapMeasure::Exposure,
        MapMeasure::Change,
    ];

    pub fn name(self) -> &'static str {
        match self {
            MapMeasure::Exports => "exports",
            MapMeasure::Imports => "imports",
            MapMeasure::Balance => "balance",
            MapMeasure::Exposure => "exposure",
            MapMeasure::Change => "change",
        }
    }

    /// The selector's words.
    pub fn label_fr(self) -> &'static str {
        match self {
            MapMeasure::Exports => "Exportations",
            MapMeasure::Imports => "Importations",
            MapMeasure::Balance => "Solde commercial",
            MapMeasure::Exposure => "Part des exportations vers le partenaire",
            MapMeasure::Change => "Évolution des exportations sur un an",
        }
    }

    /// Whether the measure is above and below zero (diverging colours).
    fn diverging(self) -> bool {
        matches!(self, MapMeasure::Balance | MapMeasure::Change)
    }
}

impl fmt::Display for MapMeasure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for MapMeasure {
    type Err = CoreError;

    fn from_str(text: &str) -> Result<Self, CoreError> {
        MapMeasure::ALL
            .into_iter()
            .find(|measure| measure.name() == text)
            .ok_or_else(|| {
                let names: Vec<&str> = MapMeasure::ALL.iter().map(|m| m.name()).collect();
                CoreError::UnknownView(format!("map={text}"), names.join(", "))
            })
    }
}

/// How a value is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MapUnit {
    Euros,
    Share,
    Change,
}

impl MapUnit {
    /// `9 114,8 M€`, `6,9 %`, `+3,4 %`.
    pub fn text(self, value: f64) -> String {
        self.text_with(value, 1)
    }

    /// With `decimals` digits after the comma.
    fn text_with(self, value: f64, decimals: usize) -> String {
        match self {
            MapUnit::Euros => format!("{}\u{a0}M€", format::decimal(value / 1e6, decimals)),
            MapUnit::Share => format::percent(value, decimals),
            MapUnit::Change => {
                let text = format::percent(value, decimals);
                let zero = !text.chars().any(|c| c.is_ascii_digit() && c != '0');
                if text.starts_with('-') || zero {
                    text
                } else {
                    format!("+{text}")
                }
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MapRow {
    pub code: String,
    pub label: String,
    /// None when the département has no trade on the measure (no colour, no rank).
    pub value: Option<f64>,
    pub rank: Option<usize>,
    /// Index into `classes`.
    pub class: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MapClass {
    pub lower: f64,
    pub upper: f64,
    pub colour: &'static str,
    /// `1 234,5 M€ – 5 678,9 M€`.
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FranceMap {
    pub measure: MapMeasure,
    /// `Exportations`, `Part des exportations vers les Etats-Unis`.
    pub measure_label: String,
    pub unit: MapUnit,
    /// Every département of the data, ranked first, the others after (by code).
    pub rows: Vec<MapRow>,
    /// How many départements have a value (and a rank).
    pub ranked: usize,
    pub classes: Vec<MapClass>,
    /// The départements outlined: the selected one, or the selected région's.
    pub outlined: Vec<String>,
    /// Why there is no map (a product filter), in French; the page shows it in the chart's place.
    pub notice: Option<String>,
    /// Départements without an outline on the map (Monaco), said under it.
    pub without_outline: Vec<String>,
}

/// The départements the customs list but the map's outline does not draw.
pub const WITHOUT_OUTLINE: [&str; 1] = ["99"];

/// Sequential colours, light to dark: violet for exports (and the exposure), blue for imports.
const VIOLETS: [&str; 5] = ["#efe7f5", "#d2bce4", "#b08ccc", "#8a5bb0", "#5e2c85"];
const BLUES: [&str; 5] = ["#e3eef9", "#b6d0ec", "#7eaedb", "#4a83c2", "#22558f"];
/// Diverging: reds below zero (darkest furthest), greens above.
const REDS: [&str; 3] = ["#b71c1c", "#e06666", "#f4b6b6"];
const GREENS: [&str; 3] = ["#b9dfba", "#63b168", "#2e7d32"];

/// Quantile classes of sorted values: `count` classes, each with its bounds (fewer when values
/// repeat or are few).
fn quantile_classes(sorted: &[f64], colours: &[&'static str], unit: MapUnit) -> Vec<MapClass> {
    let count = colours.len();
    let mut classes: Vec<MapClass> = Vec::new();
    if sorted.is_empty() {
        return classes;
    }
    for (index, colour) in colours.iter().enumerate() {
        let start = index * sorted.len() / count;
        let end = ((index + 1) * sorted.len() / count).max(start + 1);
        let (Some(&lower), Some(&upper)) = (sorted.get(start), sorted.get(end - 1)) else {
            continue;
        };
        if let Some(last) = classes.last_mut() {
            if lower <= last.upper {
                // A class that would start inside the previous one (repeated values) joins it.
                last.upper = last.upper.max(upper);
                continue;
            }
        }
        classes.push(MapClass {
            lower,
            upper,
            colour,
            label: String::new(),
        });
    }
    // One more decimal where a class would seem to end where the next begins (« 4,4 % – 4,4 % »).
    let decimals = (1..=3)
        .find(|&decimals| {
            classes.windows(2).all(|pair| match pair {
                [before, after] => {
                    unit.text_with(before.upper, decimals) != unit.text_with(after.lower, decimals)
                }
                _ => true,
            })
        })
        .unwrap_or(3);
    for class in &mut classes {
        class.label = format!(
            "{} – {}",
            unit.text_with(class.lower, decimals),
            unit.text_with(class.upper, decimals)
        );
    }
    classes
}

fn classes_of(values: &[f64], measure: MapMeasure, unit: MapUnit) -> Vec<MapClass> {
    let mut sorted: Vec<f64> = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    if !measure.diverging() {
        let colours = if measure == MapMeasure::Imports {
            &BLUES
        } else {
            &VIOLETS
        };
        return quantile_classes(&sorted, colours, unit);
    }
    let below: Vec<f64> = sorted.iter().copied().filter(|v| *v < 0.0).collect();
    let above: Vec<f64> = sorted.iter().copied().filter(|v| *v >= 0.0).collect();
    let mut classes = quantile_classes(&below, &REDS, unit);
    classes.extend(quantile_classes(&above, &GREENS, unit));
    classes
}

/// The files the map reads: the file of all départements of the period, and a year earlier for the
/// change.
pub struct MapInputs<'a> {
    pub manifest: &'a Manifest,
    pub catalog: &'a Catalog,
    pub departements: &'a TradeTable,
    pub earlier: Option<(&'a TradeTable, &'a Filter)>,
    pub filter: &'a Filter,
    pub territory: &'a Territory,
    pub measure: MapMeasure,
}

/// Why the map is not drawn: a product filter (the file is summed over products).
const UNDER_A_PRODUCT_FILTER: &str = "Sous un filtre de produit, la carte n'est pas calculée : le fichier des départements par pays est sommé sur les produits. Retirez le filtre de produit pour la voir.";
/// Why the change is not drawn: the data do not hold the same quarters a year earlier.
const NO_YEAR_EARLIER: &str = "Les mêmes trimestres un an plus tôt ne sont pas dans les données : l'évolution sur un an n'est pas calculée pour cette période.";

/// Each département's value on the measure, by code; or why there is none (in French).
fn values(inputs: &MapInputs) -> Result<Vec<(String, Option<f64>)>, &'static str> {
    if inputs.filter.product.is_some() {
        return Err(UNDER_A_PRODUCT_FILTER);
    }
    let MapInputs {
        catalog,
        departements,
        filter,
        ..
    } = *inputs;
    let code = |territory: &Territory| match territory {
        Territory::Departement(code) => code.clone(),
        other => other.to_string(),
    };
    let nonzero = |value: i64| (value != 0).then_some(value as f64);
    let sums = |table: &TradeTable, filter: &Filter| {
        departement_sums(table, catalog, filter).ok_or(UNDER_A_PRODUCT_FILTER)
    };
    Ok(match inputs.measure {
        MapMeasure::Exports | MapMeasure::Imports | MapMeasure::Balance => {
            sums(departements, filter)?
                .into_iter()
                .map(|(territory, [exports, imports])| {
                    let value = match inputs.measure {
                        MapMeasure::Exports => nonzero(exports),
                        MapMeasure::Imports => nonzero(imports),
                        _ => (exports != 0 || imports != 0).then_some((exports - imports) as f64),
                    };
                    (code(&territory), value)
                })
                .collect()
        }
        MapMeasure::Exposure => departement_ranking(
            departements,
            catalog,
            filter,
            &partner_of(filter),
            Flow::Export,
        )
        .into_iter()
        .map(|entry| (entry.departement, Some(entry.share)))
        .collect(),
        MapMeasure::Change => {
            let now = sums(departements, filter)?;
            let (earlier_table, earlier_filter) = inputs.earlier.ok_or(NO_YEAR_EARLIER)?;
            let before = sums(earlier_table, earlier_filter)?;
            now.into_iter()
                .map(|(territory, [exports, _])| {
                    let earlier = before
                        .iter()
                        .find(|(known, _)| *known == territory)
                        .map(|(_, [exports, _])| *exports)
                        .unwrap_or(0);
                    let change =
                        (earlier != 0).then(|| (exports - earlier) as f64 / earlier as f64);
                    (code(&territory), change)
                })
                .collect()
        }
    })
}

pub fn france_map(inputs: &MapInputs) -> FranceMap {
    let MapInputs {
        manifest,
        catalog,
        filter,
        territory,
        measure,
        ..
    } = *inputs;
    let unit = match measure {
        MapMeasure::Exports | MapMeasure::Imports | MapMeasure::Balance => MapUnit::Euros,
        MapMeasure::Exposure => MapUnit::Share,
        MapMeasure::Change => MapUnit::Change,
    };
    let partner_label = partner_of(filter).label(catalog);
    let measure_label = match measure {
        MapMeasure::Exposure => format!(
            "Part des exportations {}",
            crate::french::towards(&partner_label)
        ),
        other => other.label_fr().to_string(),
    };
    let outlined = outlined(manifest, territory);
    let values = match values(inputs) {
        Ok(values) => values,
        Err(notice) => {
            return FranceMap {
                measure,
                measure_label,
                unit,
                rows: Vec::new(),
                ranked: 0,
                classes: Vec::new(),
                outlined,
                notice: Some(notice.to_string()),
                without_outline: Vec::new(),
            }
        }
    };
    let known: Vec<f64> = values.iter().filter_map(|(_, value)| *value).collect();
    let classes = classes_of(&known, measure, unit);
    let rows = rows(manifest, &values, &classes);
    let without_outline = rows
        .iter()
        .filter(|row| WITHOUT_OUTLINE.contains(&row.code.as_str()))
        .map(|row| format!("{} ({})", row.label, row.code))
        .collect();
    FranceMap {
        measure,
        measure_label,
        unit,
        ranked: known.len(),
        rows,
        classes,
        outlined,
        notice: None,
        without_outline,
    }
}

/// The départements outlined: the selected one, or the selected région's.
fn outlined(manifest: &Manifest, territory: &Territory) -> Vec<String> {
    manifest
        .territories
        .iter()
        .filter(|entry| match territory {
            Territory::Departement(_) => entry.territory == *territory,
            Territory::Region(code) => {
                matches!(entry.territory, Territory::Departement(_))
                    && entry.region.as_deref() == Some(code.as_str())
            }
            Territory::France => false,
        })
        .filter_map(|entry| match &entry.territory {
            Territory::Departement(code) => Some(code.clone()),
            _ => None,
        })
        .collect()
}

/// Every département of the manifest with its value, rank and class: ranked first, then by code.
fn rows(
    manifest: &Manifest,
    values: &[(String, Option<f64>)],
    classes: &[MapClass],
) -> Vec<MapRow> {
    let mut ranked: Vec<(&str, f64)> = values
        .iter()
        .filter_map(|(code, value)| value.map(|value| (code.as_str(), value)))
        .collect();
    ranked.sort_unstable_by(|(code_a, a), (code_b, b)| {
        b.total_cmp(a).then_with(|| code_a.cmp(code_b))
    });
    let mut rows: Vec<MapRow> = manifest
        .territories
        .iter()
        .filter_map(|entry| {
            let Territory::Departement(code) = &entry.territory else {
                return None;
            };
            let value = values
                .iter()
                .find(|(known, _)| known == code)
                .and_then(|(_, value)| *value);
            let class = value.and_then(|value| {
                classes
                    .iter()
                    .position(|class| value >= class.lower && value <= class.upper)
            });
            Some(MapRow {
                code: code.clone(),
                label: entry.label.clone(),
                value,
                rank: ranked
                    .iter()
                    .position(|(known, _)| known == code)
                    .map(|index| index + 1),
                class,
            })
        })
        .collect();
    rows.sort_by(|a, b| {
        (a.rank.is_none(), a.rank, &a.code).cmp(&(b.rank.is_none(), b.rank, &b.code))
    });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantile_classes_cover_every_value_in_order() {
        let values: Vec<f64> = (1..=10).map(f64::from).collect();
        let classes = quantile_classes(&values, &VIOLETS, MapUnit::Share);
        assert_eq!(classes.len(), 5);
        assert_eq!(classes[0].lower, 1.0);
        assert_eq!(classes[0].upper, 2.0);
        assert_eq!(classes[4].upper, 10.0);
        for pair in classes.windows(2) {
            assert!(pair[0].upper < pair[1].lower);
        }
        // Repeated values make fewer classes, never overlapping ones.
        let repeated = quantile_classes(&[1.0, 1.0, 1.0, 1.0, 2.0], &VIOLETS, MapUnit::Share);
        assert_eq!(repeated.len(), 2);
        assert_eq!(
            (repeated[0].lower, repeated[0].upper, repeated[1].lower),
            (1.0, 1.0, 2.0)
        );
    }

    #[test]
    fn a_diverging_measure_has_reds_below_zero_and_greens_above() {
        let classes = classes_of(
            &[-5.0, -3.0, -1.0, 1.0, 2.0, 4.0],
            MapMeasure::Balance,
            MapUnit::Euros,
        );
        assert!(classes
            .iter()
            .all(|c| (c.upper < 0.0) == REDS.contains(&c.colour)));
        assert_eq!(classes.first().map(|c| c.colour), Some(REDS[0]));
        assert_eq!(classes.last().map(|c| c.colour), Some(GREENS[2]));
    }

    #[test]
    fn class_labels_never_seem_to_touch() {
        let values = [0.0441, 0.0443, 0.0444, 0.0445, 0.06];
        let classes = quantile_classes(&values, &VIOLETS, MapUnit::Change);
        let labels: Vec<&str> = classes.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(
            labels
                .iter()
                .map(|l| format::plain_spaces(l))
                .collect::<Vec<_>>(),
            [
                "+4,41 % – +4,41 %",
                "+4,43 % – +4,43 %",
                "+4,44 % – +4,44 %",
                "+4,45 % – +4,45 %",
                "+6,00 % – +6,00 %"
            ]
        );
        assert_eq!(
            MapUnit::Euros.text(9_114_800_000.0),
            format::million_euros(9_114_800_000)
        );
        assert_eq!(MapUnit::Change.text(0.034), format::signed_percent(0.034));
    }

    #[test]
    fn measures_parse_back() {
        for measure in MapMeasure::ALL {
            assert_eq!(measure.name().parse::<MapMeasure>(), Ok(measure));
        }
        assert!("specialisation".parse::<MapMeasure>().is_err());
    }
}
