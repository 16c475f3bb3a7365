//! Dependence and concentration: how much of a territory's flow rests on one partner country.
//!
//! - **Import dependence** (`import-dependence`): per imported good, its first supplier country and
//!   that country's share, the number of supplier countries and their Herfindahl-Hirschman index;
//!   the share of the imports in goods under strong dependence and the HHI of origin countries over
//!   all imports, for the territory, its région and France.
//! - **Export concentration** (`export-concentration`): the same per exported good (first
//!   destination), the shares of the first 1, 3 and 5 destination countries and their HHI.
//! - **Tariff exposure** (`tariff-exposure`): per exported good, its exports to the selected partner
//!   (the United States by default) and their share of the good's exports.
//!
//! Rules: goods at the chosen product level; the period and product filters apply; the partner
//! filter does not change the shares (they are measured over every partner country) but keeps the
//! goods whose first partner is the selected one; HHI = Σ (part de chaque pays en %)², 0 to 10 000.

use super::share;
use crate::catalog::Catalog;
use crate::codes::{Flow, ProductLevel, Territory};
use crate::filter::{CountrySelection, Filter, RowFilter};
use crate::trade_table::TradeTable;
use serde::Serialize;

/// A good is under strong dependence (or its exports concentrated) when its first partner country
/// holds at least this share of it: a majority, one country weighs more than all others together.
pub const STRONG_SHARE: f64 = 0.5;

/// The goods the charts show, largest first (the table lists them all).
pub const SHOWN_GOODS: usize = 10;

/// The smallest share of the territory's exports a good needs to be named among the most exposed by
/// share: a tiny flow can go wholly to one country.
pub const EXPOSURE_MIN_WEIGHT: f64 = 0.01;

pub const IMPORT_RULE: &str = "Forte dépendance : le premier pays fournisseur d'un bien en assure au moins 50 % \
(une majorité ; le même seuil de 50 % que le critère d'importations extra-UE de la Commission européenne, \
« Strategic dependencies and capacities », SWD(2021) 352). HHI (indice de Herfindahl-Hirschman) : somme des carrés \
des parts des pays en %, de 0 à 10 000 ; au-delà de 2 500, très concentré (lignes directrices du département \
de la Justice des États-Unis, 2010). Parts mesurées sur tous les pays, filtres de période et de produit appliqués.";

pub const EXPORT_RULE: &str = "Part des 1, 3 et 5 premiers pays de destination dans les exportations ; \
HHI (indice de Herfindahl-Hirschman) : somme des carrés des parts des pays en %, de 0 à 10 000 ; \
bien concentré : un seul pays reçoit au moins 50 % de ses exportations. Parts mesurées sur tous les pays, \
filtres de période et de produit appliqués.";

pub const TARIFF_RULE: &str = "Pour chaque bien exporté, exportations vers le pays ou la zone choisis (les États-Unis \
par défaut) et leur part dans les exportations du bien ; les plus exposés en part sont choisis parmi les biens \
d'au moins 1 % des exportations du territoire.";

/// One good's partner countries.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoodConcentration {
    pub code: String,
    pub label: String,
    /// Euros, every partner country.
    pub value: i64,
    pub first_country: String,
    pub first_country_label: String,
    /// Euros from (or to) the first country.
    pub first_value: i64,
    /// The first country's share of the good's value.
    pub first_share: f64,
    /// Whether the first country is in the European Union (27).
    pub first_in_eu: bool,
    /// Partner countries with a non-zero value.
    pub countries: usize,
    /// Herfindahl-Hirschman index of the partner countries, 0 to 10 000.
    pub hhi: f64,
}

impl GoodConcentration {
    /// Whether one country holds at least half of the good (`STRONG_SHARE`).
    pub fn is_strong(&self) -> bool {
        is_strong(self.first_share)
    }
}

/// The rule of strong dependence: the first partner's share is at least `STRONG_SHARE`.
fn is_strong(first_share: f64) -> bool {
    first_share >= STRONG_SHARE
}

/// One partner's term of a Herfindahl-Hirschman index: its share of `total` in %, squared.
fn squared_percent(value: i64, total: i64) -> f64 {
    (100.0 * value as f64 / total as f64).powi(2)
}

/// A territory's flow over its partner countries.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TerritoryConcentration {
    pub territory: Territory,
    /// Euros, the flow's total.
    pub total: i64,
    /// Euros in goods whose first partner holds at least half (`STRONG_SHARE`).
    pub strong_value: i64,
    pub strong_share: Option<f64>,
    /// Herfindahl-Hirschman index of the partner countries over the whole flow.
    pub hhi: Option<f64>,
    /// Shares of the first 1, 3 and 5 partner countries.
    pub top_shares: [Option<f64>; 3],
    /// Partner countries with a non-zero value.
    pub countries: usize,
}

/// How many first countries `TerritoryConcentration::top_shares` sums.
pub const TOP_COUNTS: [usize; 3] = [1, 3, 5];

/// The import dependence or the export concentration of a territory.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Concentration {
    pub flow: Flow,
    pub level: ProductLevel,
    /// The territory first, then its région and France when it has them.
    pub territories: Vec<TerritoryConcentration>,
    /// Every good of the flow, largest first (then by code); with a partner filter, those whose
    /// first partner is the selected country or in the selected group.
    pub goods: Vec<GoodConcentration>,
    /// The selected partner's label, when a partner filter keeps the goods.
    pub partner_label: Option<String>,
}

impl Concentration {
    /// The goods under strong dependence, largest first.
    pub fn strong_goods(&self) -> impl Iterator<Item = &GoodConcentration> {
        self.goods.iter().filter(|good| good.is_strong())
    }
}

/// One exported good's exports to the partner.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoodExposure {
    pub code: String,
    pub label: String,
    /// Euros, the good's exports to the partner.
    pub to_partner: i64,
    /// Euros, the good's exports to every country.
    pub exports: i64,
    /// `to_partner / exports`.
    pub share: f64,
    /// The good's exports in the territory's.
    pub weight: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TariffExposure {
    pub territory: Territory,
    pub level: ProductLevel,
    pub partner: String,
    pub partner_label: String,
    /// Euros, the territory's exports.
    pub total: i64,
    /// Euros, its exports to the partner.
    pub to_partner: i64,
    pub share: Option<f64>,
    /// The goods exported to the partner, by value to it (largest first, then by code).
    pub goods: Vec<GoodExposure>,
}

impl TariffExposure {
    /// The goods most exposed by share: at least `EXPOSURE_MIN_WEIGHT` of the exports, highest share
    /// first (then by value to the partner).
    pub fn by_share(&self) -> Vec<&GoodExposure> {
        let mut goods: Vec<&GoodExposure> = self
            .goods
            .iter()
            .filter(|good| good.weight >= EXPOSURE_MIN_WEIGHT)
            .collect();
        crate::sorting::sort_by(&mut goods, |a, b| {
            b.share
                .total_cmp(&a.share)
                .then_with(|| b.to_partner.cmp(&a.to_partner))
                .then_with(|| a.code.cmp(&b.code))
        });
        goods
    }

    /// What the goods shown in the chart (the first `SHOWN_GOODS` by value to the partner) weigh in
    /// the territory's exports, and what their exports to the partner weigh.
    pub fn shown_weight(&self) -> (f64, Option<f64>) {
        let shown = self.goods.iter().take(SHOWN_GOODS);
        let weight = shown.clone().map(|good| good.weight).sum();
        let to_partner: i64 = shown.map(|good| good.to_partner).sum();
        (weight, share(to_partner, self.total))
    }
}

/// A flow's values by good (at a level) and partner country: what the three blocks read. The sums by
/// good and by country are kept while the rows are read: each good's row is then walked once, the
/// empty ones not at all.
struct Matrix {
    countries: usize,
    /// `values[good * countries + country]`, euros.
    values: Vec<i64>,
    /// Per good, its value over every country.
    good_totals: Vec<i64>,
    /// Per country, its value over every good.
    country_totals: Vec<i64>,
}

/// One good's partner countries, from one pass over its row.
struct GoodPartners {
    value: i64,
    /// The first country's index in the catalog: the largest value, the first code on a tie.
    first: usize,
    first_value: i64,
    countries: usize,
    hhi: f64,
}

impl GoodPartners {
    fn first_share(&self) -> f64 {
        share(self.first_value, self.value).unwrap_or(0.0)
    }
}

impl Matrix {
    /// Sums the flow's kept rows (every partner country: the filter's own is not applied).
    fn new(
        table: &TradeTable,
        catalog: &Catalog,
        filter: &Filter,
        flow: Flow,
        level: ProductLevel,
    ) -> Matrix {
        let grouping = catalog.grouping(level);
        let goods = grouping.map_or(0, |g| g.codes.len());
        let countries = catalog.countries.len();
        let mut matrix = Matrix {
            countries,
            values: vec![0_i64; goods * countries],
            good_totals: vec![0_i64; goods],
            country_totals: vec![0_i64; countries],
        };
        RowFilter::new(filter, table, catalog)
            .without_country()
            .for_each(table, |row| {
                if row.flow != flow {
                    return;
                }
                // A row summed over products or countries (never in a territory's file) has no cell.
                let country = usize::from(row.country);
                let Some(&good) = grouping
                    .and_then(|g| g.group_of_product.get(usize::from(row.product)))
                    .filter(|_| country < countries)
                else {
                    return;
                };
                if let (Some(value), Some(good_total), Some(country_total)) = (
                    matrix.values.get_mut(good * countries + country),
                    matrix.good_totals.get_mut(good),
                    matrix.country_totals.get_mut(country),
                ) {
                    *value += row.value;
                    *good_total += row.value;
                    *country_total += row.value;
                }
            });
        matrix
    }

    /// A good's values by country.
    fn good(&self, good: usize) -> &[i64] {
        self.values
            .get(good * self.countries..(good + 1) * self.countries)
            .unwrap_or(&[])
    }

    /// Every good's first country, number of countries and HHI (none for a good without trade).
    fn partners(&self, catalog: &Catalog) -> Vec<Option<GoodPartners>> {
        let code = |index: usize| {
            u16::try_from(index)
                .ok()
                .and_then(|id| catalog.country(id))
                .map(|country| country.code.as_str())
        };
        let one = |good: usize, value: i64| {
            let mut partners = GoodPartners {
                value,
                first: 0,
                first_value: i64::MIN,
                countries: 0,
                hhi: 0.0,
            };
            for (country, &v) in self.good(good).iter().enumerate() {
                if v == 0 {
                    continue;
                }
                partners.countries += 1;
                partners.hhi += squared_percent(v, value);
                if v > partners.first_value
                    || (v == partners.first_value && code(country) < code(partners.first))
                {
                    partners.first = country;
                    partners.first_value = v;
                }
            }
            partners
        };
        self.good_totals
            .iter()
            .enumerate()
            .map(|(good, &value)| (value != 0).then(|| one(good, value)))
            .collect()
    }
}

/// Herfindahl-Hirschman index of values: Σ (100 × value / total)², none when the total is zero.
pub fn hhi(values: &[i64]) -> Option<f64> {
    let total: i64 = values.iter().sum();
    (total != 0).then(|| {
        values
            .iter()
            .map(|&value| squared_percent(value, total))
            .sum()
    })
}

/// The shares of the first 1, 3 and 5 values (largest first).
fn top_shares(values: &[i64]) -> [Option<f64>; 3] {
    let mut sorted: Vec<i64> = values.iter().copied().filter(|&v| v != 0).collect();
    crate::sorting::sort_by(&mut sorted, |a, b| b.cmp(a));
    let total: i64 = sorted.iter().sum();
    TOP_COUNTS.map(|count| share(sorted.iter().take(count).sum(), total))
}

/// The goods of a matrix with their first partner, largest first.
fn goods_of(matrix: &Matrix, catalog: &Catalog, level: ProductLevel) -> Vec<GoodConcentration> {
    let Some(grouping) = catalog.grouping(level) else {
        return Vec::new();
    };
    let mut rows: Vec<GoodConcentration> = matrix
        .partners(catalog)
        .into_iter()
        .enumerate()
        .filter_map(|(good, partners)| {
            let partners = partners?;
            let country = catalog.country(u16::try_from(partners.first).ok()?)?;
            Some(GoodConcentration {
                code: grouping.code(good).to_string(),
                label: grouping.label(good).to_string(),
                value: partners.value,
                first_country: country.code.clone(),
                first_country_label: country.label.clone(),
                first_value: partners.first_value,
                first_share: partners.first_share(),
                first_in_eu: country.eu27,
                countries: partners.countries,
                hhi: partners.hhi,
            })
        })
        .collect();
    crate::sorting::sort_by(&mut rows, |a, b| {
        b.value.cmp(&a.value).then_with(|| a.code.cmp(&b.code))
    });
    rows
}

/// A territory's flow over its partner countries; `strong_value` is the value of its goods under
/// strong dependence.
fn summary_of(territory: &Territory, matrix: &Matrix, strong_value: i64) -> TerritoryConcentration {
    let by_country = &matrix.country_totals;
    let total: i64 = by_country.iter().sum();
    TerritoryConcentration {
        territory: territory.clone(),
        total,
        strong_value,
        strong_share: share(strong_value, total),
        hhi: hhi(by_country),
        top_shares: top_shares(by_country),
        countries: by_country.iter().filter(|&&value| value != 0).count(),
    }
}

/// A comparison territory's summary alone (its goods are not listed: no labels are made).
pub fn summary(
    table: &TradeTable,
    catalog: &Catalog,
    filter: &Filter,
    flow: Flow,
    level: ProductLevel,
) -> TerritoryConcentration {
    let matrix = Matrix::new(table, catalog, filter, flow, level);
    let strong_value = matrix
        .partners(catalog)
        .into_iter()
        .flatten()
        .filter(|partners| is_strong(partners.first_share()))
        .map(|partners| partners.value)
        .sum();
    summary_of(&table.territory, &matrix, strong_value)
}

/// The flow's products whose good (at `level`) is under strong dependence, each with its value
/// over every partner country, by product index: one département's rows of the file the map's
/// measure « forte dépendance » reads (`fr-departements-dependance`). The rule is this module's
/// (`STRONG_SHARE`), applied once by the data build; the map sums these rows against the
/// département's imports, so its share equals the one `concentration` gives without a filter.
pub fn strong_products(
    table: &TradeTable,
    catalog: &Catalog,
    flow: Flow,
    level: ProductLevel,
) -> Vec<(u16, i64)> {
    let every_row = Filter::default();
    let matrix = Matrix::new(table, catalog, &every_row, flow, level);
    let strong: Vec<bool> = matrix
        .partners(catalog)
        .iter()
        .map(|partners| {
            partners
                .as_ref()
                .is_some_and(|partners| is_strong(partners.first_share()))
        })
        .collect();
    let Some(grouping) = catalog.grouping(level) else {
        return Vec::new();
    };
    let mut by_product: std::collections::BTreeMap<u16, i64> = Default::default();
    RowFilter::new(&every_row, table, catalog).for_each(table, |row| {
        let good = grouping.group_of_product.get(usize::from(row.product));
        if row.flow == flow && good.is_some_and(|&good| strong.get(good) == Some(&true)) {
            *by_product.entry(row.product).or_insert(0) += row.value;
        }
    });
    by_product.into_iter().collect()
}

/// The import dependence (`Flow::Import`) or export concentration (`Flow::Export`) of `territory`,
/// with the summaries of the territories it is compared with (its région, France), in that order.
pub fn concentration(
    territory: &TradeTable,
    comparisons: Vec<TerritoryConcentration>,
    catalog: &Catalog,
    filter: &Filter,
    flow: Flow,
    level: ProductLevel,
) -> Concentration {
    let matrix = Matrix::new(territory, catalog, filter, flow, level);
    let mut goods = goods_of(&matrix, catalog, level);
    let strong_value = goods
        .iter()
        .filter(|good| good.is_strong())
        .map(|good| good.value)
        .sum();
    let own = summary_of(&territory.territory, &matrix, strong_value);
    if let Some(partner) = &filter.country {
        let mask = partner.mask(catalog);
        goods.retain(|good| {
            catalog
                .country_id(&good.first_country)
                .and_then(|id| mask.get(usize::from(id)).copied())
                .unwrap_or(false)
        });
    }
    Concentration {
        flow,
        level,
        territories: std::iter::once(own).chain(comparisons).collect(),
        goods,
        partner_label: filter.country.as_ref().map(|c| c.label(catalog)),
    }
}

/// The exports of each good to `partner`, and what they weigh.
pub fn tariff_exposure(
    table: &TradeTable,
    catalog: &Catalog,
    filter: &Filter,
    partner: &CountrySelection,
    level: ProductLevel,
) -> TariffExposure {
    let matrix = Matrix::new(table, catalog, filter, Flow::Export, level);
    let mask = partner.mask(catalog);
    let total: i64 = matrix.good_totals.iter().sum();
    // Only the goods exported at all are walked.
    let to_partners = matrix
        .good_totals
        .iter()
        .enumerate()
        .map(|(good, &exports)| {
            if exports == 0 {
                return 0;
            }
            let kept = matrix
                .good(good)
                .iter()
                .zip(&mask)
                .filter(|(_, &kept)| kept);
            kept.map(|(value, _)| value).sum::<i64>()
        });
    let mut rows: Vec<GoodExposure> = match catalog.grouping(level) {
        Some(grouping) => (matrix.good_totals.iter().zip(to_partners).enumerate())
            .filter(|(_, (&exports, to_partner))| *to_partner != 0 && exports != 0)
            .map(|(good, (&exports, to_partner))| GoodExposure {
                code: grouping.code(good).to_string(),
                label: grouping.label(good).to_string(),
                to_partner,
                exports,
                share: share(to_partner, exports).unwrap_or(0.0),
                weight: share(exports, total).unwrap_or(0.0),
            })
            .collect(),
        None => Vec::new(),
    };
    crate::sorting::sort_by(&mut rows, |a, b| {
        b.to_partner
            .cmp(&a.to_partner)
            .then_with(|| a.code.cmp(&b.code))
    });
    let to_partner = rows.iter().map(|good| good.to_partner).sum();
    TariffExposure {
        territory: table.territory.clone(),
        level,
        partner: partner.code(),
        partner_label: partner.label(catalog),
        total,
        to_partner,
        share: share(to_partner, total),
        goods: rows,
    }
}
