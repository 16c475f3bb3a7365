//! comex-core: the trade tables and every number of the portrait.
//!
//! Pure Rust, no browser dependency: the same code runs in the browser (wasm32) and on the host
//! (tests, the `view` command line, benchmarks). Layers, bottom up:
//! - [`codes`]: territories, flows, periods, product levels (parsed once, at the boundary);
//! - [`catalog`]: the code lists with French labels (products with their hierarchy, countries with groups);
//! - [`trade_table`]: a columnar trade table; [`arrow_io`]: the only place that reads and writes Arrow;
//! - [`data_file`]: every data file's path, built and read back; [`manifest`]: what the data build promises (files, checksums, totals); [`pages`]: each territory's page address;
//! - [`filter`]: period, product and partner-country selections;
//! - [`views`]: one view model per chart; [`french`]: ordinals and articles for the key points;
//! - [`blocks`]: the portrait's blocks: which files each reads, whether it applies, its whole model.

pub mod arrow_io;
pub mod blocks;
pub mod catalog;
pub mod codes;
pub mod data_file;
pub mod error;
pub mod filter;
pub mod format;
pub mod french;
pub mod manifest;
pub mod pages;
pub mod sorting;
pub mod trade_table;
pub mod views;

pub use error::CoreError;
