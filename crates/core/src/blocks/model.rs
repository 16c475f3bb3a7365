//! A block's whole model: its words, its view model, its sentences and its table, computed once from
//! the files the block reads.

use super::comparison::{comparison, Shared as ComparisonShared, SideTables};
use super::error::BlockError;
use super::inputs::{BlockFiles, Tables};
use super::name::Block;
use super::text::{
    comparison_sentences, concentration_sentences, exposure_sentences, map_sentences, period_text,
    sankey_sentences, tariff_sentences, totals_sentences, Heading,
};
use super::BlockSelection;
use crate::catalog::Catalog;
use crate::codes::{Period, Territory};
use crate::filter::Filter;
use crate::manifest::Manifest;
use crate::trade_table::TradeTable;
use crate::views::change::{change, ChangeBy};
use crate::views::evolution::evolution;
use crate::views::map::{france_map, map_source, measure_label, MapInputs, MapSource};
use crate::views::portrait::{
    compute_period_view, totals_table, PortraitData, SharedResults, ViewModel, ViewRequest,
};
use crate::views::sankey;
use crate::views::table::ViewTable;
use crate::views::totals::filtered_totals;
use crate::CoreError;
use serde::Serialize;

/// Everything a block shows, computed once.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BlockModel {
    pub block: &'static str,
    #[serde(flatten)]
    pub heading: Heading,
    /// Sentences shown above the chart (totals, Sankey total, exposure).
    pub sentences: Vec<String>,
    pub model: ViewModel,
    /// The data table, the CSV and the command line's text: the model as rows.
    #[serde(skip)]
    pub table: ViewTable,
}

/// The manifest, the code lists, and the results kept from one territory to the next.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub manifest: &'a Manifest,
    pub catalog: &'a Catalog,
    pub shared: Option<&'a SharedResults>,
}

impl Block {
    /// The block's words for this selection, before any file is loaded; none when it does not apply.
    pub fn heading(
        self,
        manifest: &Manifest,
        catalog: &Catalog,
        selection: &BlockSelection,
    ) -> Result<Option<Heading>, CoreError> {
        Ok(self.files(manifest, catalog, selection)?.map(|files| {
            Heading::new(
                self,
                manifest,
                &files.subject,
                &self.periods(manifest, selection),
            )
            .with_map_measure(
                self,
                &measure_label(selection.map, &selection.filter, catalog),
                selection.map,
            )
            .with_compared(
                self,
                selection
                    .compare
                    .as_ref()
                    .and_then(|other| manifest.territory(other).ok())
                    .map(|entry| (entry.label.as_str(), entry.slug.as_str())),
            )
        }))
    }

    /// The quarters the block shows: every quarter of the data for the evolution, the selected ones
    /// (or the default period) otherwise.
    pub fn periods(self, manifest: &Manifest, selection: &BlockSelection) -> Vec<Period> {
        if self == Block::Evolution {
            manifest.periods.clone()
        } else {
            manifest.effective_periods(&selection.filter.periods)
        }
    }
}

/// Computes a block from the tables loaded so far: `NotReady` names a file it reads that is not
/// among them.
// One match over the blocks' kinds of model: splitting it would scatter the rules it applies in order.
#[allow(clippy::too_many_lines)]
pub fn compute(
    block: Block,
    context: Context,
    selection: &BlockSelection,
    tables: &Tables,
) -> Result<BlockModel, BlockError> {
    let Context {
        manifest,
        catalog,
        shared,
    } = context;
    let files: BlockFiles = block
        .files(manifest, catalog, selection)?
        .ok_or(BlockError::NotApplicable)?;
    let heading = block
        .heading(manifest, catalog, selection)?
        .ok_or(BlockError::NotApplicable)?;
    // The évolution reads every year of three territories: summed year by year, never put together.
    if block == Block::Evolution {
        let region = tables.years(&files.region_files)?;
        let france = tables.years(&files.france_files)?;
        let model = ViewModel::Evolution(evolution(
            &tables.years(&files.subject_files)?,
            (!region.is_empty()).then_some(region.as_slice()),
            (!france.is_empty()).then_some(france.as_slice()),
            catalog,
            &selection.filter,
            &manifest.periods,
        ));
        return Ok(finish(block, heading, Vec::new(), model, manifest));
    }
    let periods = manifest.effective_periods(&selection.filter.periods);
    let filter = Filter {
        periods: periods.clone(),
        ..selection.filter.clone()
    };
    let earlier_filter = manifest
        .year_earlier(&periods)
        .map(|earlier_periods| Filter {
            periods: earlier_periods,
            ..selection.filter.clone()
        });
    // The map reads a file of all départements only (not the territory's own); none when no file
    // answers the filters (the model then says why).
    if block == Block::Map {
        let needs = |file| BlockError::Core(CoreError::NeedsFile { view: "map", file });
        let by_country = tables.role(&files.departements_files)?;
        let departements = match map_source(manifest, &filter, selection.map) {
            Ok(MapSource::ByCountry) => {
                Some(by_country.clone().ok_or(needs("fr-departements-pays"))?)
            }
            Ok(MapSource::ByProduct) => Some(
                tables
                    .role(&files.by_product_files)?
                    .ok_or(needs("fr-departements-produits"))?,
            ),
            Err(_) => None,
        };
        let earlier = tables.role(&files.earlier_files)?;
        let strong = tables.role(&files.dependence_files)?;
        let every_good = by_country;
        let map = france_map(&MapInputs {
            manifest,
            catalog,
            departements: departements.as_deref(),
            every_good: every_good.as_deref(),
            earlier: earlier.as_deref().zip(earlier_filter.as_ref()),
            strong: strong.as_deref(),
            filter: &filter,
            territory: &selection.territory,
            compared: selection.compare.as_ref(),
            measure: selection.map,
        });
        let sentences = map_sentences(&map, &selection.territory);
        return Ok(finish(
            block,
            heading,
            sentences,
            ViewModel::Map(map),
            manifest,
        ));
    }
    let subject = tables.role(&files.subject_files)?.ok_or_else(|| {
        let first = files.subject_files.first();
        BlockError::NotReady(first.map_or_else(|| files.subject.to_string(), Clone::clone))
    })?;
    let reference = tables.role(&files.reference_files)?;
    let region = tables.role(&files.region_files)?;
    let france = tables.role(&files.france_files)?;
    let departements = tables.role(&files.departements_files)?;
    let earlier = tables.role(&files.earlier_files)?;
    let data = PortraitData {
        manifest,
        catalog,
        territory: &subject,
        region: region.as_deref(),
        france: france.as_deref(),
        departements: departements.as_deref(),
        shared,
    };
    let request = ViewRequest {
        filter: filter.clone(),
        level: selection.level,
    };
    let mut model = match block {
        Block::ChangePartners | Block::ChangeGoods => {
            let (Some(earlier), Some(earlier_filter)) = (earlier.as_deref(), &earlier_filter)
            else {
                return Err(BlockError::NotApplicable);
            };
            let by = if block == Block::ChangePartners {
                ChangeBy::Partners
            } else {
                ChangeBy::Goods
            };
            ViewModel::Change(change(
                &subject,
                earlier,
                catalog,
                &filter,
                earlier_filter,
                by,
                selection.level,
            ))
        }
        Block::Comparison => {
            let compared = tables
                .role(&files.compared_files)?
                .ok_or(BlockError::NotApplicable)?;
            let own_earlier = earlier.as_deref();
            let compared_earlier = tables.role(&files.compared_earlier_files)?;
            // France's file: its role's, or one side's own when that side is France.
            let france_table = france
                .as_deref()
                .or_else(|| (subject.territory == Territory::France).then_some(&*subject))
                .or_else(|| (compared.territory == Territory::France).then_some(&*compared));
            fn side<'t>(
                own: &'t TradeTable,
                earlier: Option<&'t TradeTable>,
                france: Option<&'t TradeTable>,
            ) -> SideTables<'t> {
                SideTables {
                    own,
                    earlier,
                    france: france.filter(|_| own.territory != Territory::France),
                }
            }
            let by_product = tables.role(&files.by_product_files)?;
            ViewModel::Comparison(comparison(
                &data,
                &request,
                [
                    side(&subject, own_earlier, france_table),
                    side(&compared, compared_earlier.as_deref(), france_table),
                ],
                earlier_filter.as_ref(),
                &ComparisonShared {
                    departements: departements.as_deref(),
                    by_product: by_product.as_deref(),
                },
            )?)
        }
        Block::KeyPoints => ViewModel::KeyPoints(super::key_point_inputs::key_points_block(
            &data,
            &request,
            earlier.as_deref().zip(earlier_filter.as_ref()),
            tables.role(&files.by_product_files)?.as_deref(),
        )?),
        // The évolution and the map returned above: every other block is a view of one period.
        _ => {
            let view = block.period_view().ok_or(BlockError::NotApplicable)?;
            compute_period_view(&data, view, &request)?
        }
    };
    // The région's and France's diagrams keep the territory's node order, to be compared with it.
    if let (ViewModel::Sankey(comparison), Some(reference)) = (&mut model, reference.as_deref()) {
        let own = PortraitData {
            territory: reference,
            ..data
        };
        let view = block.period_view().ok_or(BlockError::NotApplicable)?;
        if let ViewModel::Sankey(reference) = compute_period_view(&own, view, &request)? {
            sankey::align_to(comparison, &reference);
        }
    }
    // The totals against the same quarters a year earlier, when the data hold them.
    if let (ViewModel::Totals(totals), Some(earlier), Some(earlier_filter)) =
        (&mut model, earlier.as_deref(), &earlier_filter)
    {
        let [exports, imports] = filtered_totals(earlier, catalog, earlier_filter);
        totals.exports.set_earlier(exports);
        totals.imports.set_earlier(imports);
        totals.earlier_period = Some(period_text(manifest, &earlier_filter.periods));
    }
    let sentences = match (&model, block.flow()) {
        (ViewModel::Totals(totals), Some(flow)) => totals_sentences(totals, flow, manifest),
        (ViewModel::Sankey(sankey), _) => sankey_sentences(sankey),
        (ViewModel::Exposure(exposure), _) => exposure_sentences(exposure),
        (ViewModel::Concentration(concentration), _) => {
            concentration_sentences(concentration, manifest)
        }
        (ViewModel::TariffExposure(exposure), _) => tariff_sentences(exposure),
        (ViewModel::Comparison(comparison), _) => comparison_sentences(comparison),
        (ViewModel::KeyPoints(key_points), _) => key_points
            .points
            .iter()
            .map(|point| point.text.clone())
            .collect(),
        _ => Vec::new(),
    };
    Ok(finish(block, heading, sentences, model, manifest))
}

/// The block's model with its table, titled as the block.
fn finish(
    block: Block,
    heading: Heading,
    sentences: Vec<String>,
    model: ViewModel,
    manifest: &Manifest,
) -> BlockModel {
    let mut table = match (&model, block.flow()) {
        (ViewModel::Totals(totals), Some(flow)) => totals_table(totals, &[flow]),
        _ => model.table(manifest),
    };
    table.title = heading.title.clone();
    BlockModel {
        block: block.name(),
        heading,
        sentences,
        model,
        table,
    }
}
