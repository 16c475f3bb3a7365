//! Where a territory stands among the others: every département's sums from the file of all
//! départements by partner country, the régions' as the sums of their départements, and ranks.
//!
//! Rules: sums on the same period and partner filters as the territory; that file is summed over
//! products, so with a product filter there is no ranking (never a ranking of something else).
//! Ranks: largest value first, ties broken by code; 1-based; over the territories with trade.

use crate::catalog::Catalog;
use crate::codes::Territory;
use crate::filter::Filter;
use crate::manifest::Manifest;
use crate::trade_table::TradeTable;
use serde::Serialize;

/// A territory's place: `rank` of `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rank {
    pub rank: usize,
    pub count: usize,
}

/// Each département's `[exports, imports]` under the filter, in the file's order; none when the
/// file cannot answer the filter (a product filter on a file summed over products, a partner filter
/// on a file summed over countries).
pub fn departement_sums(
    departements: &TradeTable,
    catalog: &Catalog,
    filter: &Filter,
) -> Option<Vec<(Territory, [i64; 2])>> {
    let summed_over_countries = departements.summed_over_countries;
    let summed_over_products = departements.product.is_empty() && !summed_over_countries;
    if (filter.product.is_some() && summed_over_products)
        || (filter.country.is_some() && summed_over_countries)
    {
        return None;
    }
    let mut sums = vec![[0_i64; 2]; departements.departements.len()];
    let rows = crate::filter::RowFilter::new(filter, departements, catalog);
    rows.for_each(departements, |row| {
        if let Some(sum) = sums.get_mut(usize::from(row.departement)) {
            sum[usize::from(row.flow != crate::codes::Flow::Export)] += row.value;
        }
    });
    Some(
        departements
            .departements
            .iter()
            .map(|code| Territory::Departement(code.clone()))
            .zip(sums)
            .collect(),
    )
}

/// The régions' sums: each the sum of its départements (a département the manifest does not place
/// in a région is counted in none).
pub fn region_sums<const N: usize>(
    departements: &[(Territory, [i64; N])],
    manifest: &Manifest,
) -> Vec<(Territory, [i64; N])> {
    let mut regions: Vec<(Territory, [i64; N])> = Vec::new();
    for (departement, sums) in departements {
        let Some(region) = manifest
            .territory(departement)
            .ok()
            .and_then(|entry| entry.region.clone())
            .map(Territory::Region)
        else {
            continue;
        };
        match regions.iter_mut().find(|(known, _)| *known == region) {
            Some((_, total)) => {
                for (total, value) in total.iter_mut().zip(sums) {
                    *total += value;
                }
            }
            None => regions.push((region, *sums)),
        }
    }
    regions
}

/// The rank of `territory` among `(territory, value)` pairs, largest value first, ties by code.
/// None when it is not among them. (Not generic, and an unstable sort: one small copy in the WASM.)
pub fn rank_of(values: &[(&Territory, f64)], territory: &Territory) -> Option<Rank> {
    let mut ranked: Vec<(String, f64)> = values
        .iter()
        .map(|(code, value)| (code.to_string(), *value))
        .collect();
    crate::sorting::sort_by(&mut ranked, |(code_a, a), (code_b, b)| {
        b.total_cmp(a).then_with(|| code_a.cmp(code_b))
    });
    let wanted = territory.to_string();
    ranked
        .iter()
        .position(|(code, _)| *code == wanted)
        .map(|index| Rank {
            rank: index + 1,
            count: ranked.len(),
        })
}

/// The pairs `rank_of` reads: each territory that `trades` keeps, with its `value`.
pub fn ranked_values<T>(
    items: &[(Territory, T)],
    value: impl Fn(&T) -> f64,
    trades: impl Fn(&T) -> bool,
) -> Vec<(&Territory, f64)> {
    items
        .iter()
        .filter(|(_, item)| trades(item))
        .map(|(code, item)| (code, value(item)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn departement(code: &str) -> Territory {
        Territory::Departement(code.to_string())
    }

    #[test]
    fn ranks_break_ties_by_code_and_skip_territories_without_trade() {
        let items = vec![
            (departement("02"), 5_i64),
            (departement("01"), 5),
            (departement("03"), 9),
            (departement("04"), 0),
        ];
        let values = ranked_values(&items, |v| *v as f64, |v| *v != 0);
        let rank = |code: &str| rank_of(&values, &departement(code));
        assert_eq!(rank("03"), Some(Rank { rank: 1, count: 3 }));
        assert_eq!(rank("01"), Some(Rank { rank: 2, count: 3 }));
        assert_eq!(rank("02"), Some(Rank { rank: 3, count: 3 }));
        assert_eq!(rank("04"), None);
    }
}
