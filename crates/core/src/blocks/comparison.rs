//! The comparison's sides: each territory's figures computed by the views its own blocks compute
//! (totals, partners, goods, specialisation, dependence) and its key points' rank, so that each side
//! shows exactly what that territory's portrait shows for the same filter.

use super::key_point_inputs::export_rank;
use crate::codes::Flow;
use crate::filter::Filter;
use crate::trade_table::TradeTable;
use crate::views::comparison::{
    Comparison, ComparisonSide, Named, Specialised, FIRST, MOST_SPECIALISED,
};
use crate::views::dependence;
use crate::views::partners::partners;
use crate::views::portrait::{compute_period_view, PortraitData, ViewModel, ViewRequest};
use crate::views::totals::filtered_totals;
use crate::views::{share, PeriodView};
use crate::CoreError;

/// One territory's tables: its own, a year earlier, and France's (none for France itself).
pub struct SideTables<'a> {
    pub own: &'a TradeTable,
    pub earlier: Option<&'a TradeTable>,
    pub france: Option<&'a TradeTable>,
}

/// The files both sides share: the files of all départements (the ranks), by country or, under a
/// product filter, by product.
pub struct Shared<'a> {
    pub departements: Option<&'a TradeTable>,
    pub by_product: Option<&'a TradeTable>,
}

fn side(
    data: &PortraitData,
    request: &ViewRequest,
    tables: &SideTables,
    earlier_filter: Option<&Filter>,
    shared: &Shared,
) -> Result<ComparisonSide, CoreError> {
    let (catalog, filter) = (data.catalog, &request.filter);
    let data = PortraitData {
        territory: tables.own,
        france: tables.france,
        region: None,
        departements: shared.departements,
        ..*data
    };
    let territory = &tables.own.territory;
    let [exports, imports] = filtered_totals(tables.own, catalog, filter);
    let [exports_change, imports_change] = match (tables.earlier, earlier_filter) {
        (Some(earlier), Some(earlier_filter)) => {
            let before = filtered_totals(earlier, catalog, earlier_filter);
            // As the totals blocks: (value − earlier) / earlier.
            [(exports, before[0]), (imports, before[1])]
                .map(|(now, before)| share(now - before, before))
        }
        _ => [None, None],
    };
    let trade = exports + imports;
    let partners = partners(tables.own, catalog, filter, FIRST)
        .rows
        .into_iter()
        .map(|row| Named {
            share: share(row.exports + row.imports, trade).unwrap_or(0.0),
            value: row.exports + row.imports,
            code: row.code,
            label: row.label,
        })
        .collect();
    let view = |view: PeriodView| compute_period_view(&data, view, request);
    let goods = match view(PeriodView::GoodsExport)? {
        ViewModel::Goods(goods) => goods
            .nodes
            .into_iter()
            .take(FIRST)
            .map(|node| Named {
                code: node.code,
                label: node.label,
                value: node.value,
                share: node.share,
            })
            .collect(),
        _ => Vec::new(),
    };
    let specialised = match tables.france {
        Some(_) => match view(PeriodView::Specialisation)? {
            ViewModel::Specialisation(specialisation) => specialisation
                .most_over_represented()
                .into_iter()
                .take(MOST_SPECIALISED)
                .map(|(row, index)| Specialised {
                    code: row.code.clone(),
                    label: row.label.clone(),
                    territory_share: row.territory_share,
                    index,
                })
                .collect(),
            _ => Vec::new(),
        },
        None => Vec::new(),
    };
    let summary = |flow| dependence::summary(tables.own, catalog, filter, flow, request.level);
    let [.., first_five] = summary(Flow::Export).top_shares;
    Ok(ComparisonSide {
        territory: territory.clone(),
        label: data.manifest.label(territory),
        exports,
        imports,
        balance: exports - imports,
        exports_change,
        imports_change,
        exports_rank: export_rank(&data, shared.by_product, filter, territory),
        partners,
        goods,
        specialised,
        strong_dependence: summary(Flow::Import).strong_share,
        first_five_clients: first_five,
    })
}

/// The two sides, the selected territory first.
pub fn comparison(
    data: &PortraitData,
    request: &ViewRequest,
    sides: [SideTables; 2],
    earlier_filter: Option<&Filter>,
    shared: &Shared,
) -> Result<Comparison, CoreError> {
    let with_change = earlier_filter.is_some() && sides.iter().all(|side| side.earlier.is_some());
    Ok(Comparison {
        sides: sides
            .iter()
            .map(|tables| side(data, request, tables, earlier_filter, shared))
            .collect::<Result<_, _>>()?,
        with_change,
    })
}
