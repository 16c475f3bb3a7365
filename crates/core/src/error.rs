use thiserror::Error;

/// How a downloaded file differs from its manifest entry (said in English here, in French by the app).
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum Mismatch {
    #[error("not listed in the manifest")]
    NotListed,
    #[error("{received} bytes received, {expected} expected")]
    Length { received: usize, expected: u64 },
    #[error("SHA-256 differs from the manifest")]
    Digest,
}

impl Mismatch {
    pub fn text_fr(&self) -> String {
        match self {
            Mismatch::NotListed => "il n'est pas dans le manifeste".to_string(),
            Mismatch::Length { received, expected } => {
                format!("{received} octets reçus, {expected} attendus")
            }
            Mismatch::Digest => "son empreinte SHA-256 diffère de celle du manifeste".to_string(),
        }
    }
}

/// Every way the core can refuse its input. Never a panic.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum CoreError {
    #[error("{file}: not a valid Arrow IPC file: {reason}")]
    Arrow { file: String, reason: String },
    #[error("{file}: unexpected schema: {reason}")]
    Schema { file: String, reason: String },
    #[error("{file}: unknown {field} code `{code}` (not in the code lists)")]
    UnknownCode {
        file: String,
        field: &'static str,
        code: String,
    },
    #[error("{file}: column `{column}` has a missing value at row {row}")]
    MissingValue {
        file: String,
        column: String,
        row: usize,
    },
    #[error("unknown territory `{0}`: expected dep:NN, reg:NN or fr")]
    TerritoryNotation(String),
    #[error("`{0}` is no data file: expected codes/produits.arrow, codes/pays.arrow, dep/NN/YYYY.arrow, reg/NN/YYYY.arrow, fr/YYYY.arrow, fr-departements-pays/YYYY.arrow, fr-departements-produits/YYYY/SECTION.arrow, each also summed as …/YYYY/year.arrow")]
    FileName(String),
    #[error("unknown period `{0}`: expected a quarter such as 2024T1")]
    PeriodNotation(String),
    #[error("territory {0} is not in the data")]
    TerritoryAbsent(String),
    #[error("unknown view `{0}`: expected one of {1}")]
    UnknownView(String, String),
    #[error("unknown product level `{0}`: expected cpf4, a129, a38 or a17")]
    UnknownLevel(String),
    #[error("unknown product `{0}` (no CPF4, A129, A38 or A17 code of that name)")]
    UnknownProduct(String),
    #[error("unknown partner country or group `{0}`")]
    UnknownCountry(String),
    #[error("{file}: {mismatch}")]
    Integrity { file: String, mismatch: Mismatch },
    #[error("the {view} view reads {file}, which was not given")]
    NeedsFile {
        view: &'static str,
        file: &'static str,
    },
    #[error("manifest: {0}")]
    Manifest(String),
}
