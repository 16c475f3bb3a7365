//! From accepted lines to one table per territory: each département as read, each région summed over
//! its départements, France summed over every line, and all départements by partner country (summed
//! over products) for the exposure ranking. Rows are sorted, so the same input gives the same tables.

use crate::code_lists::CodeLists;
use crate::dgddi::Record;
use comex_core::codes::{Flow, Period, Territory};
use comex_core::table::TradeTable;
use std::collections::{BTreeMap, BTreeSet};

/// (period, flow, département or product, country) → value in euros. The mass is checked on input
/// but not kept (see `TradeTable::value`).
type Sums = BTreeMap<(Period, Flow, u16, u16), i64>;

pub struct Partitioned {
    pub departements: Vec<TradeTable>,
    pub regions: Vec<TradeTable>,
    pub france: TradeTable,
    pub departements_by_country: TradeTable,
}

fn add(sums: &mut Sums, key: (Period, Flow, u16, u16), record: &Record) {
    *sums.entry(key).or_insert(0) += record.value;
}

/// A table from sums keyed by product (`by_departement` false) or by département code index.
fn table(territory: Territory, sums: &Sums, departements: Option<Vec<String>>) -> TradeTable {
    let mut table = TradeTable::empty(territory);
    table.periods = sums
        .keys()
        .map(|key| key.0)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    for (&(period, flow, middle, country), &value) in sums {
        let period_index = table.periods.iter().position(|p| *p == period).unwrap_or(0);
        table
            .period
            .push(u8::try_from(period_index).unwrap_or(u8::MAX));
        table.flow.push(flow);
        match departements {
            Some(_) => table.departement.push(middle),
            None => table.product.push(middle),
        }
        table.country.push(country);
        table.value.push(value);
    }
    if let Some(codes) = departements {
        table.departements = codes;
    }
    table
}

pub fn partition(records: &[Record], lists: &CodeLists) -> Partitioned {
    let mut per_departement: BTreeMap<u16, Sums> = BTreeMap::new();
    let mut per_region: BTreeMap<&str, Sums> = BTreeMap::new();
    let mut france = Sums::new();
    let mut by_country = Sums::new();
    for record in records {
        let product_key = (record.period, record.flow, record.product, record.country);
        add(
            per_departement.entry(record.departement).or_default(),
            product_key,
            record,
        );
        if let Some(entry) = lists.departements.get(usize::from(record.departement)) {
            add(
                per_region.entry(entry.region.as_str()).or_default(),
                product_key,
                record,
            );
        }
        add(&mut france, product_key, record);
        add(
            &mut by_country,
            (
                record.period,
                record.flow,
                record.departement,
                record.country,
            ),
            record,
        );
    }
    let departement_code = |index: u16| {
        lists
            .departements
            .get(usize::from(index))
            .map(|d| d.code.clone())
    };
    Partitioned {
        departements: per_departement
            .iter()
            .filter_map(|(&index, sums)| {
                Some(table(
                    Territory::Departement(departement_code(index)?),
                    sums,
                    None,
                ))
            })
            .collect(),
        regions: per_region
            .iter()
            .map(|(code, sums)| table(Territory::Region((*code).to_string()), sums, None))
            .collect(),
        france: table(Territory::France, &france, None),
        departements_by_country: table(
            Territory::France,
            &by_country,
            Some(
                lists
                    .departements
                    .iter()
                    .map(|departement| departement.code.clone())
                    .collect(),
            ),
        ),
    }
}
