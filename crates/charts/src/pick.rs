//! What a click on a chart mark selects: written by the chart in the mark's data (`pick`), read
//! back by the app when the mark is clicked or hovered. One type for both sides.

use comex_core::codes::Territory;
use serde_json::Value;
use std::fmt;
use std::str::FromStr;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pick {
    /// A good or a product (its code at its level: `C20B`, `2042`).
    Product(String),
    /// A partner country (`US`).
    Country(String),
    /// A département on the map (`dep:60`).
    Territory(Territory),
}

impl Pick {
    /// The mark's `pick` field.
    pub fn value(&self) -> Value {
        Value::String(self.to_string())
    }
}

impl fmt::Display for Pick {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Pick::Product(code) => write!(f, "product:{code}"),
            Pick::Country(code) => write!(f, "country:{code}"),
            Pick::Territory(territory) => write!(f, "territory:{territory}"),
        }
    }
}

impl FromStr for Pick {
    type Err = ();

    fn from_str(text: &str) -> Result<Self, ()> {
        let (kind, code) = text.split_once(':').ok_or(())?;
        match kind {
            "product" => Ok(Pick::Product(code.to_string())),
            "country" => Ok(Pick::Country(code.to_string())),
            "territory" => code.parse().map(Pick::Territory).map_err(|_| ()),
            _ => Err(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pick_reads_back() {
        for pick in [
            Pick::Product("C20B".into()),
            Pick::Country("US".into()),
            Pick::Territory(Territory::Departement("60".into())),
        ] {
            assert_eq!(pick.to_string().parse::<Pick>(), Ok(pick));
        }
        assert_eq!(
            Pick::Territory(Territory::Departement("2A".into())).to_string(),
            "territory:dep:2A"
        );
        assert!("territory:nowhere".parse::<Pick>().is_err());
        assert!("colour:red".parse::<Pick>().is_err());
    }
}
