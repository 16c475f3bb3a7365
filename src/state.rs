//! The dashboard's selection, kept in the address: the territory's page (`departements/60-oise/`),
//! then the query (`?country=US&product=C20B&level=a129`), so that a copied link opens the same
//! view and back/forward work. The query is read once into its types (`crate::address::Query`);
//! each value here changes only when it does. The older `?territory=dep:60` still opens its
//! territory, and is rewritten as that territory's page once the manifest is read (`settle_address`).

use crate::address::{Address, EmbedMode, Parameter, Periods};
use comex_charts::Theme;
use comex_core::blocks::{Block, BlockSelection};
use comex_core::catalog::Catalog;
use comex_core::codes::{Period, ProductLevel, Territory};
use comex_core::filter::{CountrySelection, Filter, ProductSelection};
use comex_core::manifest::Manifest;
use comex_core::pages::territory_of_page;
use comex_core::views::map::MapMeasure;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct AddressState {
    address: Address,
    territory: Memo<Territory>,
    product: Memo<Option<String>>,
    country: Memo<Option<String>>,
    level: Memo<ProductLevel>,
    periods: Memo<Vec<Period>>,
    embed: Memo<Option<EmbedMode>>,
    map: Memo<MapMeasure>,
    compare: Memo<Option<Territory>>,
    theme: Memo<Option<Theme>>,
    unreadable: Memo<Vec<String>>,
}

/// A parameter's value when it reads (an unreadable one counts as absent, and is named by
/// `unknown_codes`).
fn read<T: Clone>(parameter: &Option<Parameter<T>>) -> Option<T> {
    parameter.as_ref().and_then(Parameter::read).cloned()
}

impl AddressState {
    pub fn from_url() -> Self {
        let address = Address::from_page();
        let page = address.page();
        let named = address.read(|query| read(&query.territory));
        // The territory of the query (an older address), else the page's; France at the root,
        // and when neither names a territory.
        let territory = Memo::new(move |_| {
            named
                .get()
                .or_else(|| page.with(|page| territory_of_page(page)))
                .unwrap_or(Territory::France)
        });
        let compared = address.read(|query| read(&query.compare));
        AddressState {
            address,
            territory,
            product: address.read(|query| query.product.clone()),
            country: address.read(|query| query.country.clone()),
            level: address.read(|query| read(&query.level).unwrap_or_default()),
            periods: address.read(|query| {
                read(&query.periods)
                    .map(|Periods(periods)| periods)
                    .unwrap_or_default()
            }),
            embed: address.read(|query| query.embed.clone()),
            map: address.read(|query| read(&query.map).unwrap_or_default()),
            // None for the selected territory itself.
            compare: Memo::new(move |_| compared.get().filter(|other| *other != territory.get())),
            theme: address.read(|query| read(&query.theme)),
            unreadable: address.read(crate::address::Query::unreadable),
        }
    }

    pub fn territory(&self) -> Territory {
        self.territory.get()
    }

    /// Goes to the territory's page (a new history entry); `territory=` in the query where the
    /// manifest gives it no page.
    pub fn set_territory(&self, territory: &Territory, manifest: &Manifest) {
        match manifest.page_path(territory) {
            Some(path) => self.address.set_page(path, false),
            None => self.address.update(|query| {
                query.territory = Some(Parameter::Read(territory.clone()));
            }),
        }
    }

    /// An older address (`?territory=dep:60`) rewritten in place as its territory's page, so that
    /// a copied link, the back button and the canonical address agree.
    pub fn settle_address(&self, manifest: &Manifest) {
        let named = read(&self.address.query_untracked().territory);
        if let Some(path) = named.and_then(|territory| manifest.page_path(&territory)) {
            self.address.set_page(path, true);
        }
    }

    pub fn level(&self) -> ProductLevel {
        self.level.get()
    }

    pub fn set_level(&self, level: ProductLevel) {
        self.address
            .update(|query| query.level = Some(Parameter::Read(level)));
    }

    /// What the map colours (`map=exports|imports|balance|exposure|change`; exports without it).
    pub fn map_measure(&self) -> MapMeasure {
        self.map.get()
    }

    /// The default measure leaves the address without `map=`.
    pub fn set_map_measure(&self, measure: MapMeasure) {
        self.address.update(|query| {
            query.map = (measure != MapMeasure::default()).then_some(Parameter::Read(measure));
        });
    }

    /// The territory set beside the selected one (`compare=dep:02`); none without it, for an
    /// unreadable one, or for the selected territory itself.
    pub fn compare(&self) -> Option<Territory> {
        self.compare.get()
    }

    pub fn set_compare(&self, territory: Option<&Territory>) {
        self.address.update(|query| {
            query.compare = territory.map(|territory| Parameter::Read(territory.clone()));
        });
    }

    /// `theme=light|dark`, which forces the page's colour scheme (`crate::theme`).
    pub fn forced_theme(&self) -> Memo<Option<Theme>> {
        self.theme
    }

    /// `embed=<view>` shows one block without the app's chrome; `embed=portrait` the whole portrait.
    pub fn embed(&self) -> Embed {
        Embed(self.embed.get())
    }

    /// The quarters of the URL (`period=2024T1` or `2024T1,2024T2`); empty means every quarter.
    pub fn periods(&self) -> Vec<Period> {
        self.periods.get()
    }

    pub fn set_periods(&self, periods: &[Period]) {
        self.address.update(|query| {
            query.periods =
                (!periods.is_empty()).then(|| Parameter::Read(Periods(periods.to_vec())));
        });
    }

    pub fn product_code(&self) -> Option<String> {
        self.product.get()
    }

    pub fn country_code(&self) -> Option<String> {
        self.country.get()
    }

    pub fn set_product(&self, code: Option<String>) {
        self.address.update(|query| query.product = code);
    }

    pub fn set_country(&self, code: Option<String>) {
        self.address.update(|query| query.country = code);
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

    /// The selection as the core reads it: territory, filter and level.
    pub fn core_selection(&self, catalog: &Catalog) -> BlockSelection {
        BlockSelection {
            territory: self.territory(),
            filter: self.filter(catalog),
            level: self.level(),
            map: self.map_measure(),
            compare: self.compare(),
        }
    }

    /// Values of the URL that do not read, or codes the data do not know, to tell the user rather
    /// than ignore silently.
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
        unknown.extend(self.unreadable.get());
        unknown
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
