//! The key points' inputs: the models of the blocks they quote, computed as those blocks compute
//! them, and the ranks from the file of all départements.

use super::text::period_text;
use crate::codes::{Flow, Period, Territory};
use crate::filter::Filter;
use crate::manifest::Manifest;
use crate::trade_table::TradeTable;
use crate::views::dependence;
use crate::views::key_points::{key_points, KeyPointInputs, KeyPoints};
use crate::views::portrait::{compute_period_view, PortraitData, ViewModel, ViewRequest};
use crate::views::ranking::{departement_sums, rank_of, ranked_values, region_sums, Rank};
use crate::views::totals::filtered_totals;
use crate::views::PeriodView;
use crate::CoreError;

/// The table of the same quarters a year earlier, and its filter.
pub type Earlier<'a> = Option<(&'a TradeTable, &'a Filter)>;

/// One view of the portrait, as its block computes it.
fn view(
    data: &PortraitData,
    request: &ViewRequest,
    view: PeriodView,
) -> Result<ViewModel, CoreError> {
    compute_period_view(data, view, request)
}

/// The territory's rank for exports among départements (or régions), from the file of all
/// départements by country, or by product under a product filter; none for France, or without the
/// file that answers the filter (a product and a partner at once).
pub(crate) fn export_rank(
    data: &PortraitData,
    by_product: Option<&TradeTable>,
    filter: &Filter,
    territory: &Territory,
) -> Option<Rank> {
    let departements = match filter.product {
        Some(_) => by_product?,
        None => data.departements?,
    };
    let sums = departement_sums(departements, data.catalog, filter)?;
    let exports = |sums: &[i64; 2]| sums[0] as f64;
    let trades = |sums: &[i64; 2]| sums[0] != 0;
    match territory {
        Territory::Departement(_) => rank_of(&ranked_values(&sums, exports, trades), territory),
        Territory::Region(_) => {
            let regions = region_sums(&sums, data.manifest);
            rank_of(&ranked_values(&regions, exports, trades), territory)
        }
        Territory::France => None,
    }
}

/// « en 2024 » for the four quarters of one year, « sur la période T1 2024 » otherwise.
fn period_phrase(manifest: &Manifest, periods: &[Period]) -> String {
    let period = period_text(manifest, periods);
    let whole_year = periods.len() == 4
        && periods
            .windows(2)
            .all(|pair| matches!(pair, [a, b] if a.year == b.year));
    if whole_year {
        format!("en {period}")
    } else {
        format!("sur la période {period}")
    }
}

/// The key points; `by_product` is the product's sections of the file of all départements by product
/// (the rank under a product filter).
pub fn key_points_block(
    data: &PortraitData,
    request: &ViewRequest,
    earlier: Earlier,
    by_product: Option<&TradeTable>,
) -> Result<KeyPoints, CoreError> {
    let (manifest, catalog, filter) = (data.manifest, data.catalog, &request.filter);
    let territory = &data.territory.territory;
    let ViewModel::Totals(mut totals) = view(data, request, PeriodView::Totals)? else {
        return Err(CoreError::NeedsFile {
            view: "key-points",
            file: "totals",
        });
    };
    let mut earlier_period = None;
    if let Some((earlier_table, earlier_filter)) = earlier {
        let [exports, imports] = filtered_totals(earlier_table, catalog, earlier_filter);
        totals.exports.set_earlier(exports);
        totals.imports.set_earlier(imports);
        earlier_period = Some(period_text(manifest, &earlier_filter.periods));
    }
    let (
        ViewModel::Sankey(export_sankey),
        ViewModel::Sankey(import_sankey),
        ViewModel::Goods(export_goods),
    ) = (
        view(data, request, PeriodView::ExportSankey)?,
        view(data, request, PeriodView::ImportSankey)?,
        view(data, request, PeriodView::GoodsExport)?,
    )
    else {
        return Err(CoreError::NeedsFile {
            view: "key-points",
            file: "sankeys and goods",
        });
    };
    let specialisation = match data.france {
        Some(_) => match view(data, request, PeriodView::Specialisation)? {
            ViewModel::Specialisation(specialisation) => Some(specialisation),
            _ => None,
        },
        None => None,
    };
    let exposure = match data.departements {
        Some(_) => match view(data, request, PeriodView::Exposure)? {
            ViewModel::Exposure(exposure) => Some(exposure),
            _ => None,
        },
        None => None,
    };
    // A région's exposure rank: the share of its départements' exports together.
    let region_exposure_rank = match (territory, &exposure) {
        (Territory::Region(_), Some(exposure)) if !exposure.ranking.is_empty() => {
            let by_departement: Vec<(Territory, [i64; 2])> = exposure
                .ranking
                .iter()
                .map(|entry| {
                    (
                        Territory::Departement(entry.departement.clone()),
                        [entry.value, entry.total],
                    )
                })
                .collect();
            let regions = region_sums(&by_departement, manifest);
            let shares = ranked_values(
                &regions,
                |[value, total]| *value as f64 / *total as f64,
                |[_, total]| *total != 0,
            );
            rank_of(&shares, territory)
        }
        _ => None,
    };
    // The territory's own figures only: its région's and France's are the dependence blocks' concern.
    let [import_dependence, export_concentration] = [Flow::Import, Flow::Export]
        .map(|flow| dependence::summary(data.territory, catalog, filter, flow, request.level));
    let period_phrase = period_phrase(manifest, &filter.periods);
    let inputs = KeyPointInputs {
        territory,
        period_phrase,
        earlier_period,
        product: filter.product.as_ref().map(|product| {
            catalog
                .product_label(product.level, &product.code)
                .unwrap_or(&product.code)
                .to_string()
        }),
        country: filter
            .country
            .as_ref()
            .map(|country| country.label(catalog)),
        totals: &totals,
        export_sankey: &export_sankey,
        import_sankey: &import_sankey,
        export_goods: &export_goods,
        specialisation: specialisation.as_ref(),
        exposure: exposure.as_ref(),
        export_rank: export_rank(data, by_product, filter, territory),
        region_exposure_rank,
        import_dependence: Some(&import_dependence),
        export_concentration: Some(&export_concentration),
    };
    Ok(key_points(&inputs))
}
