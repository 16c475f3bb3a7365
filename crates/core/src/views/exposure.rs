//! Exposure: the share of the territory's exports (or imports) that goes to a country or group,
//! and the territory's rank among the départements on that share.
//!
//! Rules: share = value with the partner / the flow's total, on the same period and product filters;
//! ranking over every département of the data, largest share first (then by code), from the file of
//! all départements by partner country, which is summed over products: with a product filter, the
//! ranking is not computed.

use super::share;
use crate::catalog::Catalog;
use crate::codes::{Flow, Territory};
use crate::filter::{CountrySelection, Filter, Row, RowFilter};
use crate::trade_table::TradeTable;
use serde::Serialize;

pub const RULE: &str = "Part du flux du territoire échangée avec le pays ou la zone ; \
rang parmi les départements, de la plus forte part à la plus faible.";

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DepartementExposure {
    pub departement: String,
    pub value: i64,
    pub total: i64,
    pub share: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Exposure {
    pub territory: Territory,
    pub flow: Flow,
    pub partner: String,
    pub partner_label: String,
    /// Euros with the partner.
    pub value: i64,
    /// Euros, all partners.
    pub total: i64,
    pub share: Option<f64>,
    /// 1-based rank of a département among all; none for a région or France, or with a product filter.
    pub rank: Option<usize>,
    /// Every département, largest share first (empty with a product filter).
    pub ranking: Vec<DepartementExposure>,
}

/// The partner the exposure measures when no partner country is selected: the United States, the
/// seed's question (customs tariff threats in 2025).
pub const DEFAULT_PARTNER: &str = "US";

/// The selected partner, or the default one.
pub fn partner_of(filter: &Filter) -> CountrySelection {
    filter
        .country
        .clone()
        .unwrap_or_else(|| CountrySelection::Country(DEFAULT_PARTNER.to_string()))
}

/// Calls `add(row, with_partner)` for every kept row of the flow.
fn sums(
    table: &TradeTable,
    rows: &RowFilter,
    partner: &[bool],
    flow: Flow,
    mut add: impl FnMut(&Row, bool),
) {
    rows.for_each(table, |row| {
        if row.flow == flow {
            let with_partner = partner
                .get(usize::from(row.country))
                .copied()
                .unwrap_or(false);
            add(&row, with_partner);
        }
    });
}

pub fn exposure(
    territory: &TradeTable,
    departements: &TradeTable,
    catalog: &Catalog,
    filter: &Filter,
    partner: &CountrySelection,
    flow: Flow,
) -> Exposure {
    let ranking = departement_ranking(departements, catalog, filter, partner, flow);
    exposure_with_ranking(territory, ranking, catalog, filter, partner, flow)
}

/// Every département's share with the partner, largest first (empty with a product filter, the file
/// being summed over products). It does not depend on the territory: it can be reused.
pub fn departement_ranking(
    departements: &TradeTable,
    catalog: &Catalog,
    filter: &Filter,
    partner: &CountrySelection,
    flow: Flow,
) -> Vec<DepartementExposure> {
    if filter.product.is_some() {
        return Vec::new();
    }
    let partner_mask = partner.mask(catalog);
    let rows = RowFilter::new(filter, departements, catalog).without_country();
    let mut per_departement = vec![(0_i64, 0_i64); departements.departements.len()];
    sums(
        departements,
        &rows,
        &partner_mask,
        flow,
        |row, with_partner| {
            if let Some((partner_value, all)) =
                per_departement.get_mut(usize::from(row.departement))
            {
                *all += row.value;
                if with_partner {
                    *partner_value += row.value;
                }
            }
        },
    );
    let mut ranking: Vec<DepartementExposure> = departements
        .departements
        .iter()
        .zip(per_departement)
        .filter(|(_, (_, all))| *all != 0)
        .map(|(code, (value, total))| DepartementExposure {
            departement: code.clone(),
            value,
            total,
            share: share(value, total).unwrap_or(0.0),
        })
        .collect();
    crate::sorting::sort_by(&mut ranking, |a, b| {
        b.share
            .total_cmp(&a.share)
            .then_with(|| a.departement.cmp(&b.departement))
    });
    ranking
}

/// The territory's exposure, placed in a ranking computed by `departement_ranking`.
pub fn exposure_with_ranking(
    territory: &TradeTable,
    ranking: Vec<DepartementExposure>,
    catalog: &Catalog,
    filter: &Filter,
    partner: &CountrySelection,
    flow: Flow,
) -> Exposure {
    let partner_mask = partner.mask(catalog);
    let rows = RowFilter::new(filter, territory, catalog).without_country();
    let (mut value, mut total) = (0_i64, 0_i64);
    sums(
        territory,
        &rows,
        &partner_mask,
        flow,
        |row, with_partner| {
            total += row.value;
            if with_partner {
                value += row.value;
            }
        },
    );
    let rank = match &territory.territory {
        Territory::Departement(code) => ranking
            .iter()
            .position(|d| &d.departement == code)
            .map(|index| index + 1),
        _ => None,
    };
    Exposure {
        territory: territory.territory.clone(),
        flow,
        partner: partner.code(),
        partner_label: partner.label(catalog),
        value,
        total,
        share: share(value, total),
        rank,
        ranking,
    }
}
