//! The query of the page's address, read once into its types (`FromStr`) and written back in one
//! order (`Display`): what a copied link says. A value that does not read is kept as written, for
//! the page to name it (« niveau « a12 » inconnu ») rather than to drop it silently; a parameter the
//! dashboard does not use (`utm_source=…`) is kept as it came.

use comex_charts::Theme;
use comex_core::blocks::Block;
use comex_core::codes::{Period, ProductLevel, Territory};
use comex_core::views::map::MapMeasure;
use std::fmt;
use std::str::FromStr;

/// A parameter's value: read as its type, or kept as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Parameter<T> {
    Read(T),
    Unreadable(String),
}

impl<T: FromStr> Parameter<T> {
    fn parse(text: &str) -> Self {
        text.parse()
            .map_or_else(|_| Parameter::Unreadable(text.to_string()), Parameter::Read)
    }
}

impl<T> Parameter<T> {
    pub fn read(&self) -> Option<&T> {
        match self {
            Parameter::Read(value) => Some(value),
            Parameter::Unreadable(_) => None,
        }
    }
}

/// A parameter's text when it did not read.
fn as_written<T>(parameter: &Option<Parameter<T>>) -> Option<&str> {
    match parameter {
        Some(Parameter::Unreadable(text)) => Some(text),
        _ => None,
    }
}

impl<T: fmt::Display> fmt::Display for Parameter<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Parameter::Read(value) => value.fmt(f),
            Parameter::Unreadable(text) => f.write_str(text),
        }
    }
}

/// The quarters of `period=2024T1,2024T2`, every one readable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Periods(pub Vec<Period>);

impl FromStr for Periods {
    type Err = ();

    fn from_str(text: &str) -> Result<Self, ()> {
        text.split(',')
            .map(|period| period.parse::<Period>().map_err(|_| ()))
            .collect::<Result<Vec<_>, _>>()
            .map(Periods)
    }
}

impl fmt::Display for Periods {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text: Vec<String> = self.0.iter().map(Period::to_string).collect();
        f.write_str(&text.join(","))
    }
}

/// What `embed=` names: the whole portrait without the header, both totals, one block, or a name
/// no block has (the page says so).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EmbedMode {
    Portrait,
    Totals,
    Block(Block),
    Unknown(String),
}

impl FromStr for EmbedMode {
    type Err = std::convert::Infallible;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Ok(match name {
            "portrait" => EmbedMode::Portrait,
            "totals" => EmbedMode::Totals,
            other => other
                .parse::<Block>()
                .map_or_else(|_| EmbedMode::Unknown(other.to_string()), EmbedMode::Block),
        })
    }
}

impl fmt::Display for EmbedMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EmbedMode::Portrait => f.write_str("portrait"),
            EmbedMode::Totals => f.write_str("totals"),
            EmbedMode::Block(block) => block.fmt(f),
            EmbedMode::Unknown(name) => f.write_str(name),
        }
    }
}

/// The dashboard's parameters. The territory is the page's path (`departements/60-oise/`); the
/// query's `territory=dep:60` is the older address, rewritten as its page once the manifest is read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub embed: Option<EmbedMode>,
    pub territory: Option<Parameter<Territory>>,
    pub compare: Option<Parameter<Territory>>,
    /// A product's or a country's code, read against the catalog once it has come.
    pub product: Option<String>,
    pub country: Option<String>,
    pub level: Option<Parameter<ProductLevel>>,
    pub periods: Option<Parameter<Periods>>,
    pub map: Option<Parameter<MapMeasure>>,
    pub theme: Option<Parameter<Theme>>,
    /// Parameters the dashboard does not read, in their order.
    pub others: Vec<(String, String)>,
}

impl Query {
    /// The values that did not read, named in French for the page's notice.
    pub fn unreadable(&self) -> Vec<String> {
        let block = match &self.embed {
            Some(EmbedMode::Unknown(name)) => Some(name.as_str()),
            _ => None,
        };
        [
            ("territoire", as_written(&self.territory)),
            ("territoire comparé", as_written(&self.compare)),
            ("niveau", as_written(&self.level)),
            ("période", as_written(&self.periods)),
            ("carte", as_written(&self.map)),
            ("thème", as_written(&self.theme)),
            ("bloc", block),
        ]
        .into_iter()
        .filter_map(|(what, text)| Some(format!("{what} « {} »", text?)))
        .collect()
    }

    /// The parameters as written, in the query's one order.
    fn pairs(&self) -> Vec<(&str, String)> {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        let mut add = |name: &'static str, value: Option<String>| {
            if let Some(value) = value {
                pairs.push((name, value));
            }
        };
        add("embed", self.embed.as_ref().map(EmbedMode::to_string));
        add(
            "territory",
            self.territory.as_ref().map(Parameter::to_string),
        );
        add("compare", self.compare.as_ref().map(Parameter::to_string));
        add("country", self.country.clone());
        add("product", self.product.clone());
        add("level", self.level.as_ref().map(Parameter::to_string));
        add("period", self.periods.as_ref().map(Parameter::to_string));
        add("map", self.map.as_ref().map(Parameter::to_string));
        add("theme", self.theme.as_ref().map(Parameter::to_string));
        pairs.extend(
            self.others
                .iter()
                .map(|(name, value)| (name.as_str(), value.clone())),
        );
        pairs
    }
}

impl FromStr for Query {
    type Err = std::convert::Infallible;

    /// `?a=1&b=x%20y`: every part is read; the first of a repeated parameter counts.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut query = Query::default();
        for part in text.trim_start_matches('?').split('&') {
            if part.is_empty() {
                continue;
            }
            let (name, value) = part.split_once('=').unwrap_or((part, ""));
            let (name, value) = (decode(name), decode(value));
            let text = value.as_str();
            match name.as_str() {
                "embed" => set_once(&mut query.embed, || text.parse().ok()),
                "territory" => set_once(&mut query.territory, || Some(Parameter::parse(text))),
                "compare" => set_once(&mut query.compare, || Some(Parameter::parse(text))),
                "country" => set_once(&mut query.country, || Some(value.clone())),
                "product" => set_once(&mut query.product, || Some(value.clone())),
                "level" => set_once(&mut query.level, || Some(Parameter::parse(text))),
                "period" => set_once(&mut query.periods, || Some(Parameter::parse(text))),
                "map" => set_once(&mut query.map, || Some(Parameter::parse(text))),
                "theme" => set_once(&mut query.theme, || Some(Parameter::parse(text))),
                _ => query.others.push((name, value)),
            }
        }
        Ok(query)
    }
}

fn set_once<T>(field: &mut Option<T>, value: impl FnOnce() -> Option<T>) {
    if field.is_none() {
        *field = value();
    }
}

impl fmt::Display for Query {
    /// Values are percent-encoded but for `:` and `,`, which a query may hold as they are
    /// (`compare=dep:02`, `period=2024T1,2024T2` stay readable in a copied link). No `?`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let encode = |text: &str| {
            String::from(js_sys::encode_uri_component(text))
                .replace("%3A", ":")
                .replace("%2C", ",")
        };
        let parts: Vec<String> = self
            .pairs()
            .into_iter()
            .map(|(name, value)| format!("{}={}", encode(name), encode(&value)))
            .collect();
        f.write_str(&parts.join("&"))
    }
}

/// A part that does not decode is kept as it is.
fn decode(text: &str) -> String {
    let text = text.replace('+', " ");
    js_sys::decode_uri_component(&text)
        .ok()
        .and_then(|decoded| decoded.as_string())
        .unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn reads_every_parameter_into_its_type() {
        let query: Query = "?embed=partners&compare=dep:02&country=US&product=C20B&level=cpf4\
                            &period=2024T1,2024T2&map=balance&theme=dark&utm_source=intranet"
            .parse()
            .unwrap();
        assert_eq!(query.embed, Some(EmbedMode::Block(Block::Partners)));
        assert_eq!(
            query.compare,
            Some(Parameter::Read(Territory::Departement("02".into())))
        );
        assert_eq!(query.country.as_deref(), Some("US"));
        assert_eq!(query.product.as_deref(), Some("C20B"));
        assert_eq!(query.level, Some(Parameter::Read(ProductLevel::Cpf4)));
        assert_eq!(
            query.periods,
            Some(Parameter::Read(Periods(vec![
                "2024T1".parse().unwrap(),
                "2024T2".parse().unwrap()
            ])))
        );
        assert_eq!(query.map, Some(Parameter::Read(MapMeasure::Balance)));
        assert_eq!(query.theme, Some(Parameter::Read(Theme::Dark)));
        assert_eq!(
            query.others,
            vec![("utm_source".to_string(), "intranet".to_string())]
        );
        assert!(query.unreadable().is_empty());
    }

    #[wasm_bindgen_test]
    fn keeps_and_names_what_does_not_read() {
        let query: Query = "level=a12&period=2024T1,2024T9&territory=dep%3A999x&embed=graphique"
            .parse()
            .unwrap();
        assert_eq!(
            query.unreadable(),
            vec![
                "territoire « dep:999x »",
                "niveau « a12 »",
                "période « 2024T1,2024T9 »",
                "bloc « graphique »",
            ]
        );
        // Written back as it came, in the query's order.
        assert_eq!(
            query.to_string(),
            "embed=graphique&territory=dep:999x&level=a12&period=2024T1,2024T9"
        );
    }

    #[wasm_bindgen_test]
    fn writes_back_what_it_read_in_one_order() {
        let text = "theme=light&product=Produit%20%C3%A9trange&country=US&territory=dep:60&x=1&x=2";
        let query: Query = text.parse().unwrap();
        assert_eq!(query.product.as_deref(), Some("Produit étrange"));
        assert_eq!(
            query.to_string(),
            "territory=dep:60&country=US&product=Produit%20%C3%A9trange&theme=light&x=1&x=2"
        );
        let again: Query = query.to_string().parse().unwrap();
        assert_eq!(again, query);
        // The first of a repeated parameter counts.
        let repeated: Query = "country=US&country=CN".parse().unwrap();
        assert_eq!(repeated.country.as_deref(), Some("US"));
    }
}
