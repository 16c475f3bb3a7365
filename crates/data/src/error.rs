use std::fmt;
use thiserror::Error;

/// A bad line of an input file: where it is and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    pub file: String,
    /// 1-based.
    pub line: usize,
    pub field: String,
    pub reason: String,
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}, line {}, field {}: {}",
            self.file, self.line, self.field, self.reason
        )
    }
}

/// Everything that stops the pipeline, each with its own message.
#[derive(Debug, Error)]
pub enum InputError {
    #[error("{0}")]
    BadLine(Rejection),
    #[error("{count} bad lines, more than --max-errors {max}; first: {first}")]
    TooManyBadLines {
        count: usize,
        max: usize,
        first: Rejection,
    },
    #[error("{file}: the file is empty (expected lines `Flux;Trimestre;Année;Code département;Code région;Code A129;Code CPF4;Code pays;Valeur;Masse`)")]
    EmptyFile { file: String },
    #[error("{file}: no entry named {expected} in this ZIP (entries: {found})")]
    ZipWithoutEntry {
        file: String,
        expected: String,
        found: String,
    },
    #[error("{file}: not a readable ZIP: {reason}")]
    BadZip { file: String, reason: String },
    #[error("{file}, line {line}: not UTF-8 (byte 0x{byte:02X} at column {column}); the DGDDI files are UTF-8: was it re-saved in another encoding?")]
    Encoding {
        file: String,
        line: usize,
        column: usize,
        byte: u8,
    },
    #[error("{file}: {reason}")]
    CodeList { file: String, reason: String },
    #[error("{file}: cannot read: {source}")]
    Io {
        file: String,
        source: std::io::Error,
    },
    #[error("reconciliation failed: {0}")]
    Reconciliation(String),
    #[error(transparent)]
    Core(#[from] comex_core::CoreError),
}

impl InputError {
    pub fn io(file: impl Into<String>) -> impl FnOnce(std::io::Error) -> InputError {
        let file = file.into();
        move |source| InputError::Io { file, source }
    }
}
