//! The blocks of the portrait: a chart with its title, sentences, table and CSV, named as `?embed=`
//! names it. For a block and a selection this module says whether the block applies, which files it
//! reads, and computes its whole model; the page, an embed, the print, the CSV and
//! `cargo xtask view` all render that model.
//!
//! - [`name`]: the blocks, their names, what each describes;
//! - [`inputs`]: which files a block reads, and the tables handed to it;
//! - [`text`]: titles, period text, source line, file names, sentences;
//! - [`error`]: why a block has no model; [`model`]: computing a block's model; [`key_point_inputs`]: the key points' inputs.

pub mod comparison;
pub mod error;
pub mod inputs;
pub mod key_point_inputs;
pub mod model;
pub mod name;
pub mod text;

pub use error::BlockError;
pub use inputs::{BlockFiles, Tables};
pub use model::{compute, BlockModel};
pub use name::{Block, Subject};

use crate::codes::{ProductLevel, Territory};
use crate::filter::Filter;
use crate::views::map::MapMeasure;

/// What the user looks at: the territory, the filter and the product level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockSelection {
    pub territory: Territory,
    pub filter: Filter,
    pub level: ProductLevel,
    /// What the map colours.
    pub map: MapMeasure,
    /// The territory set beside the selected one (the `comparison` block), if any.
    pub compare: Option<Territory>,
}
