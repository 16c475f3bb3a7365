//! The only module that knows Arrow: trade tables and code lists to and from Arrow IPC files.
//!
//! Codes are dictionary-encoded with sorted dictionaries and values are integers (euros), so that
//! the same table always gives the same bytes. Each file carries its schema version and kind in the
//! schema metadata; the reader accepts nothing else. One file per concern:
//! - [`writer`]: tables and code lists to Arrow IPC bytes (the data build);
//! - [`frame`]: the checks of a file's frame and blocks before arrow-ipc reads it (fuzzing found why);
//! - [`decoder`]: record batches decoded block by block, typed columns and dictionaries;
//! - [`readers`]: Arrow IPC bytes to trade tables and code lists (the app and the command line).

mod decoder;
mod frame;
mod readers;
mod writer;

pub use readers::{read_catalog, read_countries, read_products, read_trade};
pub use writer::{write_countries, write_products, write_trade};

use crate::CoreError;

pub const SCHEMA_VERSION: &str = "1";
pub(crate) const META_VERSION: &str = "comex.schema_version";
pub(crate) const META_KIND: &str = "comex.kind";
pub(crate) const META_TERRITORY: &str = "comex.territory";

/// What an Arrow file holds, written in its metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum FileKind {
    Trade,
    Products,
    Countries,
}

impl FileKind {
    /// Its name, in kebab case (`strum`).
    pub(crate) fn name(self) -> &'static str {
        self.into()
    }
}

pub(crate) fn arrow_error(file: &str) -> impl Fn(arrow_schema::ArrowError) -> CoreError + '_ {
    move |error| CoreError::Arrow {
        file: file.to_string(),
        reason: error.to_string(),
    }
}

pub(crate) fn schema_error(file: &str, reason: impl Into<String>) -> CoreError {
    CoreError::Schema {
        file: file.to_string(),
        reason: reason.into(),
    }
}
