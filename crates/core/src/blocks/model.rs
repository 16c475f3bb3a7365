//! A block's whole model: its words, its view model, its sentences and its table, computed once from
//! the files the block reads.

use super::inputs::{BlockFiles, Tables};
use super::name::Block;
use super::text::{exposure_sentences, sankey_sentences, totals_sentences, Heading};
use super::Selection;
use crate::catalog::Catalog;
use crate::manifest::Manifest;
use crate::table::TradeTable;
use crate::views::portrait::{
    compute as compute_view, totals_table, PortraitData, SharedResults, ViewModel, ViewRequest,
};
use crate::views::sankey;
use crate::views::table::ViewTable;
use crate::CoreError;
use serde::Serialize;

/// Why a block has no model (yet).
#[derive(Debug, Clone, PartialEq)]
pub enum BlockError {
    /// A file the block reads has not arrived: the block is loading.
    NotReady(String),
    /// The block does not apply to the territory (a région compared with itself): left out.
    NotApplicable,
    Core(CoreError),
}

impl From<CoreError> for BlockError {
    fn from(error: CoreError) -> Self {
        BlockError::Core(error)
    }
}

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
        selection: &Selection,
    ) -> Result<Option<Heading>, CoreError> {
        Ok(self
            .files(manifest, selection)?
            .map(|files| Heading::new(self, manifest, &files.subject, &selection.filter.periods)))
    }
}

fn table<'a>(tables: &Tables<'a>, path: &str) -> Result<&'a TradeTable, BlockError> {
    tables
        .get(path)
        .ok_or_else(|| BlockError::NotReady(path.to_string()))
}

fn optional<'a>(
    tables: &Tables<'a>,
    path: &Option<String>,
) -> Result<Option<&'a TradeTable>, BlockError> {
    path.as_deref().map(|path| table(tables, path)).transpose()
}

/// Computes a block from the tables loaded so far: `NotReady` names a file it reads that is not
/// among them.
pub fn compute(
    block: Block,
    context: Context,
    selection: &Selection,
    tables: &Tables,
) -> Result<BlockModel, BlockError> {
    let Context {
        manifest,
        catalog,
        shared,
    } = context;
    let files: BlockFiles = block
        .files(manifest, selection)?
        .ok_or(BlockError::NotApplicable)?;
    let subject = table(tables, &files.subject_file)?;
    let reference = optional(tables, &files.reference_file)?;
    let data = PortraitData {
        manifest,
        catalog,
        territory: subject,
        region: optional(tables, &files.region_file)?,
        france: optional(tables, &files.france_file)?,
        departements: optional(tables, &files.departements_file)?,
        shared,
    };
    let request = ViewRequest {
        view: block.view(),
        filter: selection.filter.clone(),
        level: selection.level,
    };
    let mut model = compute_view(&data, &request)?;
    // The région's and France's diagrams keep the territory's node order, to be compared with it.
    if let (ViewModel::Sankey(comparison), Some(reference)) = (&mut model, reference) {
        let own = PortraitData {
            territory: reference,
            ..data
        };
        if let ViewModel::Sankey(reference) = compute_view(&own, &request)? {
            sankey::align_to(comparison, &reference);
        }
    }
    let sentences = match (&model, block.flow()) {
        (ViewModel::Totals(totals), Some(flow)) => totals_sentences(totals, flow, manifest),
        (ViewModel::Sankey(sankey), _) => sankey_sentences(sankey),
        (ViewModel::Exposure(exposure), _) => exposure_sentences(exposure),
        _ => Vec::new(),
    };
    let mut table = match (&model, block.flow()) {
        (ViewModel::Totals(totals), Some(flow)) => totals_table(totals, &[flow]),
        _ => model.table(manifest),
    };
    let heading = Heading::new(block, manifest, &files.subject, &selection.filter.periods);
    table.title = heading.title.clone();
    Ok(BlockModel {
        block: block.name(),
        heading,
        sentences,
        model,
        table,
    })
}
