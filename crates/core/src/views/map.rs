//! The map of France: one value per département, its rank, and its class (colour) on the map.
//!
//! Rules: values from a file of all départements, on the same period and filters as the portrait:
//! without a product filter the file by partner country (summed over products), under a product
//! filter the file by product (summed over partner countries); both filters at once have no file,
//! and the map says so. Exports, imports, balance in euros; exposure = share of the exports that go
//! to the selected partner (the United States by default; not under a product filter);
//! specialisation = the selected good's share of the département's exports against its share of
//! France's (France = every département of the file; needs a product filter); change = exports
//! against the same quarters a year earlier; strong dependence = the share of the imports in goods
//! (A129) whose first supplier country holds at least half of them (`views::dependence`), over one
//! whole year, the partner filter not applying (shares are measured over every country). Ranks: largest value first, ties by code, over the
//! départements with a value. Classes: quantiles of the values (five; for the balance and the
//! change, three below zero in reds and three above in greens; for the specialisation, three below
//! 1 in teals and three above in purples).

use super::exposure::{departement_ranking, partner_of};
use super::ranking::departement_sums;
use super::share;
use crate::catalog::Catalog;
use crate::codes::{Flow, Period, ProductLevel, Territory};
use crate::data_file::{departements_by_country_file, departements_by_product_file};
use crate::filter::Filter;
use crate::format;
use crate::manifest::Manifest;
use crate::trade_table::TradeTable;
use crate::CoreError;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

pub const RULE: &str =
    "Valeur de chaque département sur les mêmes trimestres et le même produit ou pays partenaire ; \
indice de spécialisation = part du produit dans les exportations du département / sa part au niveau national ; \
forte dépendance = part des importations en biens (A129) dont le premier pays fournisseur assure au moins 50 %, \
sur une année civile, parts mesurées sur tous les pays ; \
classes par quantiles ; rang de la plus forte valeur à la plus faible.";

/// What the map colours.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, strum::IntoStaticStr,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum MapMeasure {
    #[default]
    Exports,
    Imports,
    Balance,
    /// The share of exports to the selected partner (the United States by default).
    Exposure,
    /// The selected good's share of the exports against its share of France's (a product filter).
    Specialisation,
    /// Exports against the same quarters a year earlier.
    Change,
    /// The share of the imports in goods whose first supplier holds at least half of them.
    StrongDependence,
}

impl MapMeasure {
    pub const ALL: [MapMeasure; 7] = [
        MapMeasure::Exports,
        MapMeasure::Imports,
        MapMeasure::Balance,
        MapMeasure::Exposure,
        MapMeasure::Specialisation,
        MapMeasure::Change,
        MapMeasure::StrongDependence,
    ];

    /// Its name, in kebab case (`strum`).
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// The selector's words.
    pub fn label_fr(self) -> &'static str {
        match self {
            MapMeasure::Exports => "Exportations",
            MapMeasure::Imports => "Importations",
            MapMeasure::Balance => "Solde commercial",
            MapMeasure::Exposure => "Part des exportations vers le partenaire",
            MapMeasure::Specialisation => "Indice de spécialisation du produit choisi",
            MapMeasure::Change => "Évolution des exportations sur un an",
            MapMeasure::StrongDependence => "Part des importations sous forte dépendance",
        }
    }

    /// Where a diverging measure turns (0 for a balance or a change, 1 for an index), and its
    /// shades below and above; none for a sequential measure.
    fn diverging(self) -> Option<(f64, Shades, Shades)> {
        match self {
            MapMeasure::Balance | MapMeasure::Change => Some((0.0, Shades::Losses, Shades::Gains)),
            // Not losses and gains: being less specialised than France is not a deficit.
            MapMeasure::Specialisation => Some((1.0, Shades::UnderIndex, Shades::OverIndex)),
            _ => None,
        }
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
    /// A ratio written with its decimals (`17,1`).
    Index,
    Change,
}

impl MapUnit {
    /// `9 114,8 M€`, `6,9 %`, `17,12`, `+3,4 %` (an index with two decimals, as in the tables).
    pub fn text(self, value: f64) -> String {
        let decimals = if self == MapUnit::Index { 2 } else { 1 };
        self.text_with(value, decimals)
    }

    /// With `decimals` digits after the comma.
    fn text_with(self, value: f64, decimals: usize) -> String {
        match self {
            MapUnit::Euros => format!("{}\u{a0}M€", format::decimal(value / 1e6, decimals)),
            MapUnit::Share => format::percent(value, decimals),
            MapUnit::Index => format::decimal(value, decimals),
            MapUnit::Change => format::signed(format::percent(value, decimals)),
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

/// The run of shades a class of the map takes its colour from, light to dark for a measure that
/// only grows, darkest furthest from the turn for a diverging one. The colours are the charts'
/// (`comex_charts::style::map_colour`), beside the page's other colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Shades {
    /// Exports and the exposure (violets).
    Exports,
    /// Imports (blues).
    Imports,
    /// The strong dependence: a risk, not a flow (oranges).
    StrongDependence,
    /// Below zero, the darkest furthest (reds), and above (greens).
    Losses,
    Gains,
    /// An index below 1, the darkest furthest (teals), and above (purples).
    UnderIndex,
    OverIndex,
}

impl Shades {
    /// How many shades the run has: as many classes at most.
    pub fn count(self) -> usize {
        match self {
            Shades::Exports | Shades::Imports | Shades::StrongDependence => 5,
            Shades::Losses | Shades::Gains | Shades::UnderIndex | Shades::OverIndex => 3,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MapClass {
    pub lower: f64,
    pub upper: f64,
    /// Its colour: the shade `shade` (from 0) of `shades`.
    pub shades: Shades,
    pub shade: usize,
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
    /// The départements outlined: the selected one, or the selected région's (and the compared
    /// territory's).
    pub outlined: Vec<String>,
    /// Why there is no map (a product filter), in French; the page shows it in the chart's place.
    pub notice: Option<String>,
    /// Départements without an outline on the map (Monaco), said under it.
    pub without_outline: Vec<String>,
}

/// The départements the customs list but the map's outline does not draw.
pub const WITHOUT_OUTLINE: [&str; 1] = ["99"];

/// Quantile classes of sorted values: as many classes as `shades` has, each with its bounds (fewer
/// when values repeat or are few).
fn quantile_classes(sorted: &[f64], shades: Shades, unit: MapUnit) -> Vec<MapClass> {
    let count = shades.count();
    let mut classes: Vec<MapClass> = Vec::new();
    if sorted.is_empty() {
        return classes;
    }
    for index in 0..count {
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
            shades,
            shade: index,
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
    // Classes that still seem to touch with three decimals are one class (values nearly equal).
    let mut merged: Vec<MapClass> = Vec::new();
    for class in classes {
        match merged.last_mut() {
            Some(last)
                if unit.text_with(last.upper, decimals)
                    == unit.text_with(class.lower, decimals) =>
            {
                last.upper = class.upper;
            }
            _ => merged.push(class),
        }
    }
    for class in &mut merged {
        let (lower, upper) = (
            unit.text_with(class.lower, decimals),
            unit.text_with(class.upper, decimals),
        );
        class.label = if lower == upper {
            lower
        } else {
            format!("{lower} – {upper}")
        };
    }
    merged
}

fn classes_of(values: &[f64], measure: MapMeasure, unit: MapUnit) -> Vec<MapClass> {
    let mut sorted: Vec<f64> = values.to_vec();
    crate::sorting::sort_by(&mut sorted, f64::total_cmp);
    let Some((pivot, below_shades, above_shades)) = measure.diverging() else {
        let shades = match measure {
            MapMeasure::Imports => Shades::Imports,
            MapMeasure::StrongDependence => Shades::StrongDependence,
            _ => Shades::Exports,
        };
        return quantile_classes(&sorted, shades, unit);
    };
    let below: Vec<f64> = sorted.iter().copied().filter(|v| *v < pivot).collect();
    let above: Vec<f64> = sorted.iter().copied().filter(|v| *v >= pivot).collect();
    let mut classes = quantile_classes(&below, below_shades, unit);
    classes.extend(quantile_classes(&above, above_shades, unit));
    classes
}

/// Which file of all départements the map reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapSource {
    /// By partner country, summed over products.
    ByCountry,
    /// By product, summed over partner countries.
    ByProduct,
}

/// The files the map reads for these years: the file by country of each year, or the files by
/// product of the selected product's sections.
pub fn map_files(
    source: MapSource,
    years: &[u16],
    filter: &Filter,
    catalog: &Catalog,
) -> Vec<String> {
    let sections = match (source, &filter.product) {
        (MapSource::ByProduct, Some(product)) => product.sections(catalog),
        _ => Vec::new(),
    };
    years
        .iter()
        .flat_map(|&year| match source {
            MapSource::ByCountry => vec![departements_by_country_file(year)],
            MapSource::ByProduct => sections
                .iter()
                .map(|section| departements_by_product_file(year, section))
                .collect(),
        })
        .collect()
}

/// Under a product and a partner filter at once: neither file of all départements answers.
const UNDER_BOTH_FILTERS: &str = "Sous un filtre de produit et de pays partenaire à la fois, la carte n'est pas calculée : les fichiers de tous les départements sont sommés soit sur les produits, soit sur les pays. Retirez l'un des deux filtres pour la voir.";
/// The exposure under a product filter: the file by product has no partner country.
const EXPOSURE_UNDER_A_PRODUCT_FILTER: &str = "Sous un filtre de produit, la part des exportations vers le partenaire n'est pas calculée : le fichier des départements par produit est sommé sur les pays partenaires. Retirez le filtre de produit ou choisissez une autre mesure.";
/// The specialisation without a product filter: there is no good to measure.
const CHOOSE_A_PRODUCT: &str = "Choisissez un produit (sélecteur «\u{a0}Produit\u{a0}» ou clic sur un bien d'un graphique) pour voir l'indice de spécialisation de chaque département dans ce produit.";
/// Why the change is not drawn: the data do not hold the same quarters a year earlier.
const NO_YEAR_EARLIER: &str = "Les mêmes trimestres un an plus tôt ne sont pas dans les données : l'évolution sur un an n'est pas calculée pour cette période.";

/// The strong dependence under a product filter finer than its goods: a CPF4 product's first supplier
/// may differ from its good's.
const DEPENDENCE_UNDER_A_FINE_PRODUCT: &str = "La part des importations sous forte dépendance est mesurée par bien de la nomenclature A129 : sous un filtre de produit CPF4, elle n'est pas calculée. Choisissez un produit de niveau A129 ou plus large.";
/// The strong dependence outside one whole year: the file holds each whole year's goods.
const DEPENDENCE_OVER_ONE_YEAR: &str = "La part des importations sous forte dépendance n'est calculée que sur une année civile complète (la période par défaut) : choisissez ses quatre trimestres.";

/// The one whole year the strong dependence is measured on, or why there is none (in French).
pub fn strong_dependence_year(
    manifest: &Manifest,
    periods: &[Period],
) -> Result<u16, &'static str> {
    let year = periods.first().map(|period| period.year);
    match year {
        Some(year)
            if periods.iter().all(|period| period.year == year)
                && Period::whole_year(year).is_within(periods)
                && manifest.complete_years().contains(&year) =>
        {
            Ok(year)
        }
        _ => Err(DEPENDENCE_OVER_ONE_YEAR),
    }
}

/// The file the map reads for this filter and measure, or why there is no map (in French). The
/// strong dependence's shares are measured over every partner country: the partner filter does not
/// apply to it.
pub fn map_source(
    manifest: &Manifest,
    filter: &Filter,
    measure: MapMeasure,
) -> Result<MapSource, &'static str> {
    if measure == MapMeasure::StrongDependence {
        strong_dependence_year(manifest, &manifest.effective_periods(&filter.periods))?;
    }
    let partner = filter.country.is_some() && measure != MapMeasure::StrongDependence;
    if measure == MapMeasure::StrongDependence
        && filter
            .product
            .as_ref()
            .is_some_and(|product| product.level == ProductLevel::Cpf4)
    {
        return Err(DEPENDENCE_UNDER_A_FINE_PRODUCT);
    }
    match (filter.product.is_some(), partner, measure) {
        (true, true, _) => Err(UNDER_BOTH_FILTERS),
        (true, false, MapMeasure::Exposure) => Err(EXPOSURE_UNDER_A_PRODUCT_FILTER),
        (false, _, MapMeasure::Specialisation) => Err(CHOOSE_A_PRODUCT),
        (true, false, _) => Ok(MapSource::ByProduct),
        (false, _, _) => Ok(MapSource::ByCountry),
    }
}

/// The files the map reads: the file of all départements of the period (by country or by product,
/// see [`map_source`]), and a year earlier for the change.
pub struct MapInputs<'a> {
    pub manifest: &'a Manifest,
    pub catalog: &'a Catalog,
    /// None when [`map_source`] says there is no map.
    pub departements: Option<&'a TradeTable>,
    /// For the specialisation: the file by country (each département's exports of every good).
    pub every_good: Option<&'a TradeTable>,
    pub earlier: Option<(&'a TradeTable, &'a Filter)>,
    /// For the strong dependence: every département's imports in goods under strong dependence.
    pub strong: Option<&'a TradeTable>,
    pub filter: &'a Filter,
    pub territory: &'a Territory,
    /// The territory set beside the selected one (`compare=`): outlined too.
    pub compared: Option<&'a Territory>,
    pub measure: MapMeasure,
}

/// Each département's value on the measure, by code; or why there is none (in French).
fn values(inputs: &MapInputs) -> Result<Vec<(String, Option<f64>)>, &'static str> {
    map_source(inputs.manifest, inputs.filter, inputs.measure)?;
    let MapInputs {
        catalog, filter, ..
    } = *inputs;
    // The block reads the file map_source names; a table of another shape cannot answer the filter.
    const WRONG_FILE: &str =
        "Le fichier des départements lu ne répond pas à ce filtre : la carte n'est pas calculée.";
    let departements = inputs.departements.ok_or(WRONG_FILE)?;
    let code = |territory: &Territory| match territory {
        Territory::Departement(code) => code.clone(),
        other => other.to_string(),
    };
    let nonzero = |value: i64| (value != 0).then_some(value as f64);
    let sums = |table: &TradeTable, filter: &Filter| {
        departement_sums(table, catalog, filter).ok_or(WRONG_FILE)
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
        MapMeasure::Specialisation => {
            let of_good = sums(departements, filter)?;
            let every_good_filter = Filter {
                product: None,
                ..filter.clone()
            };
            let every_good = sums(inputs.every_good.ok_or(WRONG_FILE)?, &every_good_filter)?;
            let france_good: i64 = of_good.iter().map(|(_, [exports, _])| exports).sum();
            let france_all: i64 = every_good.iter().map(|(_, [exports, _])| exports).sum();
            // As the specialisation block: index = territory share / France share; France is every
            // département (the same euros as France's file, which the pipeline reconciles).
            let france_share = share(france_good, france_all).filter(|share| *share > 0.0);
            every_good
                .into_iter()
                .map(|(territory, [exports, _])| {
                    let good = of_good
                        .iter()
                        .find(|(known, _)| *known == territory)
                        .map_or(0, |(_, [good, _])| *good);
                    let index = share(good, exports)
                        .zip(france_share)
                        .map(|(local, national)| local / national);
                    (code(&territory), index)
                })
                .collect()
        }
        MapMeasure::StrongDependence => {
            let every_country = Filter {
                country: None,
                ..filter.clone()
            };
            let imports = sums(departements, &every_country)?;
            let strong = sums(inputs.strong.ok_or(WRONG_FILE)?, &every_country)?;
            imports
                .into_iter()
                .map(|(territory, [_, imports])| {
                    let under = strong
                        .iter()
                        .find(|(known, _)| *known == territory)
                        .map_or(0, |(_, [_, strong])| *strong);
                    (code(&territory), share(under, imports))
                })
                .collect()
        }
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

/// What the map colours, with its partner or product: `Part des exportations vers les Etats-Unis`,
/// `Indice de spécialisation en « Industrie chimique »` (the legend, the table and the title say it).
pub fn measure_label(measure: MapMeasure, filter: &Filter, catalog: &Catalog) -> String {
    match (measure, &filter.product) {
        (MapMeasure::Exposure, _) => format!(
            "Part des exportations {}",
            crate::french::towards(&partner_of(filter).label(catalog))
        ),
        (MapMeasure::Specialisation, Some(product)) => format!(
            "Indice de spécialisation en «\u{a0}{}\u{a0}»",
            catalog
                .product_label(product.level, &product.code)
                .unwrap_or(&product.code)
        ),
        (other, _) => other.label_fr().to_string(),
    }
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
        MapMeasure::Exposure | MapMeasure::StrongDependence => MapUnit::Share,
        MapMeasure::Specialisation => MapUnit::Index,
        MapMeasure::Change => MapUnit::Change,
    };
    let measure_label = measure_label(measure, filter, catalog);
    let mut outlined = outlined(manifest, territory);
    if let Some(compared) = inputs.compared {
        for code in self::outlined(manifest, compared) {
            if !outlined.contains(&code) {
                outlined.push(code);
            }
        }
    }
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
    crate::sorting::sort_by(&mut ranked, |(code_a, a), (code_b, b)| {
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
    crate::sorting::sort_by(&mut rows, |a, b| {
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
        let classes = quantile_classes(&values, Shades::Exports, MapUnit::Share);
        assert_eq!(classes.len(), 5);
        assert_eq!(classes[0].lower, 1.0);
        assert_eq!(classes[0].upper, 2.0);
        assert_eq!(classes[4].upper, 10.0);
        for pair in classes.windows(2) {
            assert!(pair[0].upper < pair[1].lower);
        }
        // Repeated values make fewer classes, never overlapping ones.
        let repeated =
            quantile_classes(&[1.0, 1.0, 1.0, 1.0, 2.0], Shades::Exports, MapUnit::Share);
        assert_eq!(repeated.len(), 2);
        assert_eq!(
            (repeated[0].lower, repeated[0].upper, repeated[1].lower),
            (1.0, 1.0, 2.0)
        );
    }

    #[test]
    fn a_diverging_measure_has_losses_below_zero_and_gains_above() {
        let classes = classes_of(
            &[-5e6, -3e6, -1e6, 1e6, 2e6, 4e6],
            MapMeasure::Balance,
            MapUnit::Euros,
        );
        assert!(classes
            .iter()
            .all(|c| (c.upper < 0.0) == (c.shades == Shades::Losses)));
        // The darkest red furthest below zero, the darkest green furthest above.
        let shade = |class: Option<&MapClass>| class.map(|c| (c.shades, c.shade));
        assert_eq!(shade(classes.first()), Some((Shades::Losses, 0)));
        assert_eq!(shade(classes.last()), Some((Shades::Gains, 2)));
        // The specialisation turns at 1 (as much as France), not at 0.
        let classes = classes_of(
            &[0.2, 0.5, 0.9, 1.0, 1.5, 3.0],
            MapMeasure::Specialisation,
            MapUnit::Index,
        );
        assert!(classes
            .iter()
            .all(|c| (c.upper < 1.0) == (c.shades == Shades::UnderIndex)));
        assert_eq!(
            classes.get(3).map(|c| (c.lower, c.shades, c.shade)),
            Some((1.0, Shades::OverIndex, 0))
        );
    }

    #[test]
    fn class_labels_never_seem_to_touch() {
        let values = [0.0441, 0.0443, 0.0444, 0.0445, 0.06];
        let classes = quantile_classes(&values, Shades::Exports, MapUnit::Change);
        let labels: Vec<&str> = classes.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(
            labels
                .iter()
                .map(|l| format::plain_spaces(l))
                .collect::<Vec<_>>(),
            // A class of one value says it once.
            ["+4,41 %", "+4,43 %", "+4,44 %", "+4,45 %", "+6,00 %"]
        );
        assert_eq!(
            MapUnit::Euros.text(9_114_800_000.0),
            format::million_euros(9_114_800_000)
        );
        assert_eq!(MapUnit::Change.text(0.034), format::signed_percent(0.034));
    }

    #[test]
    fn classes_that_still_touch_with_three_decimals_are_one() {
        let values = [0.100_461, 0.100_462, 0.100_463, 0.100_464, 0.100_466];
        let classes = quantile_classes(&values, Shades::Gains, MapUnit::Change);
        assert_eq!(classes.len(), 1);
        assert_eq!(
            format::plain_spaces(&classes[0].label),
            "+10,046 % – +10,047 %"
        );
        assert_eq!((classes[0].lower, classes[0].upper), (0.100_461, 0.100_466));
    }

    #[test]
    fn measures_parse_back() {
        for measure in MapMeasure::ALL {
            assert_eq!(measure.name().parse::<MapMeasure>(), Ok(measure));
        }
        assert!("specialization".parse::<MapMeasure>().is_err());
    }
}
