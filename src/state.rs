//! The dashboard's selection, kept in the address: the territory's page (`departements/60-oise/`),
//! then the query (`?country=US&product=C20B&level=a129`), so that a copied link opens the same
//! view and back/forward work. The older `?territory=dep:60` still opens its territory, and is
//! rewritten as that territory's page once the manifest is read (`settle_address`).

use crate::address::Address;
use comex_core::blocks::{Block, Selection as CoreSelection};
use comex_core::catalog::Catalog;
use comex_core::codes::{Period, ProductLevel, Territory};
use comex_core::filter::{CountrySelection, Filter, ProductSelection};
use comex_core::manifest::Manifest;
use comex_core::pages::territory_of_page;
use comex_core::views::map::MapMeasure;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Selection {
    address: Address,
    page: Memo<String>,
    territory: Memo<Option<String>>,
    product: Memo<Option<String>>,
    country: Memo<Option<String>>,
    level: Memo<Option<String>>,
    period: Memo<Option<String>>,
    embed: Memo<Option<String>>,
    map: Memo<Option<String>>,
    compare: Memo<Option<String>>,
    theme: Memo<Option<String>>,
}

impl Selection {
    pub fn from_url() -> Self {
        let address = Address::from_page();
        Selection {
            address,
            page: address.page(),
            territory: address.parameter("territory"),
            product: address.parameter("product"),
            country: address.parameter("country"),
            level: address.parameter("level"),
            period: address.parameter("period"),
            embed: address.parameter("embed"),
            map: address.parameter("map"),
            compare: address.parameter("compare"),
            theme: address.parameter("theme"),
        }
    }

    /// The territory of the query (an older address), else the page's; France at the root, and
    /// when neither names a territory.
    pub fn territory(&self) -> Territory {
        self.territory
            .get()
            .and_then(|text| text.parse::<Territory>().ok())
            .or_else(|| self.page.with(|page| territory_of_page(page)))
            .unwrap_or(Territory::France)
    }

    /// Goes to the territory's page (a new history entry); `territory=` in the query where the
    /// manifest gives it no page.
    pub fn set_territory(&self, territory: &Territory, manifest: &Manifest) {
        match manifest.page_path(territory) {
            Some(path) => self.address.set_page(path, "territory", false),
            None => self.address.set("territory", Some(territory.to_string())),
        }
    }

    /// An older address (`?territory=dep:60`) rewritten in place as its territory's page, so that
    /// a copied link, the back button and the canonical address agree.
    pub fn settle_address(&self, manifest: &Manifest) {
        let named = self
            .territory
            .get_untracked()
            .and_then(|text| text.parse::<Territory>().ok());
        if let Some(path) = named.and_then(|territory| manifest.page_path(&territory)) {
            self.address.set_page(path, "territory", true);
        }
    }

    pub fn level(&self) -> ProductLevel {
        self.level
            .get()
            .and_then(|text| text.parse::<ProductLevel>().ok())
            .unwrap_or_default()
    }

    pub fn set_level(&self, level: ProductLevel) {
        self.address.set("level", Some(level.name().to_string()));
    }

    /// What the map colours (`map=exports|imports|balance|exposure|change`; exports without it).
    pub fn map_measure(&self) -> MapMeasure {
        self.map
            .get()
            .and_then(|text| text.parse::<MapMeasure>().ok())
            .unwrap_or_default()
    }

    /// The default measure leaves the address without `map=`.
    pub fn set_map_measure(&self, measure: MapMeasure) {
        self.address.set(
            "map",
            (measure != MapMeasure::default()).then(|| measure.name().to_string()),
        );
    }

    /// The territory set beside the selected one (`compare=dep:02`); none without it, for an
    /// unreadable one, or for the selected territory itself.
    pub fn compare(&self) -> Option<Territory> {
        self.compare
            .get()
            .and_then(|text| text.parse::<Territory>().ok())
            .filter(|other| *other != self.territory())
    }

    pub fn set_compare(&self, territory: Option<&Territory>) {
        self.address
            .set("compare", territory.map(Territory::to_string));
    }

    /// `theme=light|dark`, which forces the page's colour scheme (`crate::theme`).
    pub fn forced_theme(&self) -> Memo<Option<String>> {
        self.theme
    }

    /// `embed=<view>` shows one block without the app's chrome; `embed=portrait` the whole portrait.
    pub fn embed(&self) -> Embed {
        Embed(self.embed.get().map(|name| EmbedMode::parse(&name)))
    }

    /// The quarters of the URL (`period=2024T1` or `2024T1,2024T2`); empty means every quarter.
    pub fn periods(&self) -> Vec<Period> {
        self.period
            .get()
            .map(|text| {
                text.split(',')
                    .filter_map(|period| period.parse::<Period>().ok())
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn set_periods(&self, periods: &[Period]) {
        let text: Vec<String> = periods.iter().map(Period::to_string).collect();
        self.address
            .set("period", (!text.is_empty()).then(|| text.join(",")));
    }

    pub fn product_code(&self) -> Option<String> {
        self.product.get()
    }

    pub fn country_code(&self) -> Option<String> {
        self.country.get()
    }

    pub fn set_product(&self, code: Option<String>) {
        self.address.set("product", code);
    }

    pub fn set_country(&self, code: Option<String>) {
        self.address.set("country", code);
    }

    /// The filter of the URL; unknown codes are dropped (and reported by `unknown_codes`).
    pub fn filter(&self, catalog: &Catalog) -> Filter {
        Filter {
            periods: self.periods(),
            product: self
                .product
                .get()
                .and_then(|code| ProductSelection::parse(&code, catalog).ok()),
            country: self
                .country
                .get()
                .and_then(|code| CountrySelection::parse(&code, catalog).ok()),
        }
    }

    /// The selection as the core reads it: territory, filter and level, parsed once.
    pub fn core_selection(&self, catalog: &Catalog) -> CoreSelection {
        CoreSelection {
            territory: self.territory(),
            filter: self.filter(catalog),
            level: self.level(),
            map: self.map_measure(),
            compare: self.compare(),
        }
    }

    /// Codes of the URL that the data do not know, to tell the user rather than ignore silently.
    pub fn unknown_codes(&self, catalog: &Catalog) -> Vec<String> {
        let mut unknown = Vec::new();
        if let Some(code) = self
            .product
            .get()
            .filter(|code| ProductSelection::parse(code, catalog).is_err())
        {
            unknown.push(format!("produit « {code} »"));
        }
        if let Some(code) = self
            .country
            .get()
            .filter(|code| CountrySelection::parse(code, catalog).is_err())
        {
            unknown.push(format!("pays « {code} »"));
        }
        if let Some(text) = self
            .territory
            .get()
            .filter(|text| text.parse::<Territory>().is_err())
        {
            unknown.push(format!("territoire « {text} »"));
        }
        if let Embed(Some(EmbedMode::Unknown(name))) = self.embed() {
            unknown.push(format!("bloc « {name} »"));
        }
        unknown
    }
}

/// What `embed=` names, parsed once: the whole portrait without the header, both totals, one
/// block, or a name no block has (the page says so).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EmbedMode {
    Portrait,
    Totals,
    Block(Block),
    Unknown(String),
}

impl EmbedMode {
    fn parse(name: &str) -> Self {
        match name {
            "portrait" => EmbedMode::Portrait,
            "totals" => EmbedMode::Totals,
            other => other
                .parse::<Block>()
                .map_or_else(|_| EmbedMode::Unknown(other.to_string()), EmbedMode::Block),
        }
    }
}

/// The page's embed mode (none: the dashboard), shared with the blocks as a context.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Embed(pub Option<EmbedMode>);

impl Embed {
    /// Whether a block is shown: always outside embed mode; in it, the named block (`totals` names
    /// both totals blocks), or every block for `portrait`.
    pub fn shows(&self, block: Block) -> bool {
        match &self.0 {
            None | Some(EmbedMode::Portrait) => true,
            Some(EmbedMode::Totals) => {
                matches!(block, Block::TotalsExportations | Block::TotalsImportations)
            }
            Some(EmbedMode::Block(named)) => *named == block,
            Some(EmbedMode::Unknown(_)) => false,
        }
    }

    pub fn is_embedded(&self) -> bool {
        self.0.is_some()
    }

    /// Anything but the whole portrait in the frame: one block (or both totals).
    pub fn is_single(&self) -> bool {
        self.0
            .as_ref()
            .is_some_and(|mode| *mode != EmbedMode::Portrait)
    }

    /// `block` alone in the frame.
    pub fn is_alone(&self, block: Block) -> bool {
        self.0 == Some(EmbedMode::Block(block))
    }
}

/// The page's query parameters but `embed`, as `key=value` strings: the selection, to put in a link.
pub fn selection_parameters() -> Vec<String> {
    let query = window().location().search().unwrap_or_default();
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("embed="))
        .map(str::to_string)
        .collect()
}
