//! The small vocabularies of the data: territories, flows, periods, product levels.

use crate::CoreError;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A territory of the portrait, written `dep:60`, `reg:01` or `fr` in URLs and on the command line.
/// Département and région codes are the DGDDI's own (Hauts-de-France is région `01`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Territory {
    Departement(String),
    Region(String),
    France,
}

impl FromStr for Territory {
    type Err = CoreError;

    fn from_str(text: &str) -> Result<Self, CoreError> {
        let text = text.trim();
        let bad = || CoreError::TerritoryNotation(text.to_string());
        if text == "fr" {
            return Ok(Territory::France);
        }
        let (kind, code) = text.split_once(':').ok_or_else(bad)?;
        let valid = code.len() == 2 && code.chars().all(|c| c.is_ascii_alphanumeric());
        if !valid {
            return Err(bad());
        }
        match kind {
            "dep" => Ok(Territory::Departement(code.to_ascii_uppercase())),
            "reg" => Ok(Territory::Region(code.to_string())),
            _ => Err(bad()),
        }
    }
}

impl fmt::Display for Territory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Territory::Departement(code) => write!(f, "dep:{code}"),
            Territory::Region(code) => write!(f, "reg:{code}"),
            Territory::France => f.write_str("fr"),
        }
    }
}

impl TryFrom<String> for Territory {
    type Error = CoreError;
    fn try_from(text: String) -> Result<Self, CoreError> {
        text.parse()
    }
}

impl From<Territory> for String {
    fn from(territory: Territory) -> String {
        territory.to_string()
    }
}

/// The direction of trade. The DGDDI files write `E` and `I`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Flow {
    Export,
    Import,
}

impl Flow {
    pub const BOTH: [Flow; 2] = [Flow::Export, Flow::Import];

    pub fn code(self) -> &'static str {
        match self {
            Flow::Export => "E",
            Flow::Import => "I",
        }
    }

    pub fn from_code(code: &str) -> Option<Flow> {
        match code {
            "E" => Some(Flow::Export),
            "I" => Some(Flow::Import),
            _ => None,
        }
    }

    pub fn label_fr(self) -> &'static str {
        match self {
            Flow::Export => "exportations",
            Flow::Import => "importations",
        }
    }
}

/// A quarter of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Period {
    pub year: u16,
    pub quarter: u8,
}

/// `2024T1` (the notation of the URL and the command line).
impl FromStr for Period {
    type Err = CoreError;

    fn from_str(text: &str) -> Result<Self, CoreError> {
        let bad = || CoreError::PeriodNotation(text.to_string());
        let (year, quarter) = text.trim().split_once(['T', 't']).ok_or_else(bad)?;
        let year: u16 = year.parse().map_err(|_| bad())?;
        let quarter: u8 = quarter.parse().map_err(|_| bad())?;
        if !(1..=4).contains(&quarter) {
            return Err(bad());
        }
        Ok(Period { year, quarter })
    }
}

impl Period {
    /// The rows of a file summed over a year's four quarters (quarter 0: no notation parses to it).
    pub fn whole_year(year: u16) -> Self {
        Period { year, quarter: 0 }
    }

    pub fn is_whole_year(&self) -> bool {
        self.quarter == 0
    }

    /// Whether these quarters take in this period: a whole year only when all four of its quarters
    /// are among them.
    pub fn is_within(&self, quarters: &[Period]) -> bool {
        if self.is_whole_year() {
            return (1..=4).all(|quarter| {
                quarters.contains(&Period {
                    year: self.year,
                    quarter,
                })
            });
        }
        quarters.contains(self)
    }

    /// `T1 2024`, for people.
    pub fn label_fr(&self) -> String {
        if self.is_whole_year() {
            return self.year.to_string();
        }
        format!("T{} {}", self.quarter, self.year)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_whole_year() {
            return write!(f, "{}", self.year);
        }
        write!(f, "{}T{}", self.year, self.quarter)
    }
}

/// The product nomenclature levels, finest first: CPF4 (4 digits) → A129 → A38 → A17.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    Default,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum ProductLevel {
    Cpf4,
    #[default]
    A129,
    A38,
    A17,
}

impl ProductLevel {
    pub const ALL: [ProductLevel; 4] = [
        ProductLevel::Cpf4,
        ProductLevel::A129,
        ProductLevel::A38,
        ProductLevel::A17,
    ];

    /// Its name, in kebab case (`strum`).
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// The next finer level, for drill-down.
    pub fn finer(self) -> Option<ProductLevel> {
        match self {
            ProductLevel::Cpf4 => None,
            ProductLevel::A129 => Some(ProductLevel::Cpf4),
            ProductLevel::A38 => Some(ProductLevel::A129),
            ProductLevel::A17 => Some(ProductLevel::A38),
        }
    }
}

impl fmt::Display for ProductLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for ProductLevel {
    type Err = CoreError;

    fn from_str(text: &str) -> Result<Self, CoreError> {
        match text.to_ascii_lowercase().as_str() {
            "cpf4" => Ok(ProductLevel::Cpf4),
            "a129" => Ok(ProductLevel::A129),
            "a38" => Ok(ProductLevel::A38),
            "a17" => Ok(ProductLevel::A17),
            _ => Err(CoreError::UnknownLevel(text.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn territory_notation_round_trips() {
        for (text, written) in [
            ("dep:60", "dep:60"),
            ("dep:9a", "dep:9A"),
            ("reg:01", "reg:01"),
            ("fr", "fr"),
        ] {
            assert_eq!(text.parse::<Territory>().unwrap().to_string(), written);
        }
    }

    #[test]
    fn periods_parse() {
        assert_eq!(
            "2024T3".parse::<Period>().unwrap(),
            Period {
                year: 2024,
                quarter: 3
            }
        );
        assert_eq!("2024T3".parse::<Period>().unwrap().to_string(), "2024T3");
        for text in ["2024", "2024T5", "T1", "2024T", "abcdT1"] {
            assert!(text.parse::<Period>().is_err(), "{text}");
        }
    }

    #[test]
    fn bad_territory_notation_is_refused() {
        for text in ["", "60", "dep:", "dep:600", "region:01", "dep:6/"] {
            assert!(text.parse::<Territory>().is_err(), "{text}");
        }
    }
}
