//! comex-data: the native pipeline from the customs' published files to the Arrow files the browser
//! fetches. The only crate that knows the DGDDI text format, its encodings and its code lists.
//!
//! One way through: [`code_lists`] (labels and hierarchies from `data/`) → [`dgddi`] (read and validate
//! the regional files, plain or zipped; [`file_layout`]: what a file may hold; [`code_labels`]: a ZIP's
//! own labels and the codes no list knows) → [`partition`] (one table per territory and year) →
//! [`output`] (Arrow files, manifest, reconciliation). [`demo`] writes calibrated synthetic files in the
//! exact DGDDI layout, which then go through the same reader.

pub mod code_labels;
pub mod code_lists;
pub mod demo;
pub mod dgddi;
pub mod error;
pub mod file_layout;
pub mod output;
pub mod partition;
pub mod territoires_industrie;
pub mod text;
pub mod usual_names;

pub use error::{InputError, Rejection};
