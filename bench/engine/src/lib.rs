//! The benchmark page's handle on our engine: the same `comex-core` code the dashboard runs, compiled
//! to WASM with the same release profile, fed the same Arrow files as DuckDB-WASM and Arquero.
//! Each call computes its views from scratch (no `SharedResults`), as the other engines do, and
//! returns the view models as JSON, so that the page can check the three engines agree.

use comex_core::arrow_io;
use comex_core::catalog::Catalog;
use comex_core::codes::Period;
use comex_core::codes::{Flow, ProductLevel};
use comex_core::filter::{CountrySelection, Filter};
use comex_core::manifest::Manifest;
use comex_core::trade_table::TradeTable;
use comex_core::views::change::{change, Change, ChangeBy};
use comex_core::views::evolution::{evolution, Evolution};
use comex_core::views::exposure::{departement_ranking, DepartementExposure, DEFAULT_PARTNER};
use comex_core::views::portrait::{compute_period_view, PortraitData, ViewModel, ViewRequest};
use comex_core::views::sankey::{sankey, Sankey};
use comex_core::views::PeriodView;
use wasm_bindgen::prelude::*;

/// The decoded files of one benchmark run, those the dashboard reads for a whole year: a
/// département's, its région's and France's years summed over their quarters, all départements by
/// quarter, and for the time views the département's files by quarter of every year (the évolution)
/// and its year before summed (the change views).
#[wasm_bindgen]
pub struct Engine {
    manifest: Manifest,
    catalog: Catalog,
    departement: TradeTable,
    /// The département's files by quarter of every year.
    years: Vec<TradeTable>,
    /// The département's year before `departement`'s, summed over its quarters.
    earlier: TradeTable,
    region: TradeTable,
    france: TradeTable,
    departements: TradeTable,
}

fn js_error(error: impl std::fmt::Display) -> JsError {
    JsError::new(&error.to_string())
}

#[wasm_bindgen]
impl Engine {
    /// Decodes and checks the files (the dashboard does the same on load).
    #[wasm_bindgen(constructor)]
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        manifest: &str,
        products: &[u8],
        countries: &[u8],
        departement: &[u8],
        region: &[u8],
        france: &[u8],
        departements: &[u8],
        years: Vec<js_sys::Uint8Array>,
        earlier: &[u8],
    ) -> Result<Engine, JsError> {
        let manifest = Manifest::parse(manifest).map_err(js_error)?;
        let catalog = arrow_io::read_catalog(("produits", products), ("pays", countries))
            .map_err(js_error)?;
        let read = |name: &str, bytes: &[u8]| arrow_io::read_trade(name, bytes, &catalog);
        let years = years
            .iter()
            .map(|bytes| read("année du département", &bytes.to_vec()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(js_error)?;
        Ok(Engine {
            years,
            departement: read("département", departement).map_err(js_error)?,
            earlier: read("année précédente du département", earlier).map_err(js_error)?,
            region: read("région", region).map_err(js_error)?,
            france: read("France", france).map_err(js_error)?,
            departements: read("départements", departements).map_err(js_error)?,
            manifest,
            catalog,
        })
    }

    /// Every view of the département's portrait (all products and countries, level A129), as JSON.
    pub fn departement_portrait(&self) -> Result<String, JsError> {
        serde_json::to_string(&self.departement_models()?).map_err(js_error)
    }

    /// The same views, kept in WASM as the dashboard keeps them (it draws them from there): returns
    /// how many views were computed, so that the work cannot be optimised away.
    pub fn departement_portrait_in_wasm(&self) -> Result<usize, JsError> {
        Ok(std::hint::black_box(self.departement_models()?).len())
    }

    /// France's views kept in WASM: returns the number of ranked départements.
    pub fn france_views_in_wasm(&self) -> usize {
        let (export, import, ranking) = self.france_models();
        std::hint::black_box((export, import));
        std::hint::black_box(ranking).len()
    }

    /// The time views kept in WASM: returns the number of quarters of the évolution.
    pub fn time_views_in_wasm(&self) -> Result<usize, JsError> {
        let (evolution, partners, goods) = self.time_models()?;
        std::hint::black_box((partners, goods));
        Ok(std::hint::black_box(evolution).points.len())
    }

    /// The département's évolution over every quarter of its files, and its partners' and goods'
    /// change against the year before, as JSON.
    pub fn time_views(&self) -> Result<String, JsError> {
        let (evolution, partners, goods) = self.time_models()?;
        serde_json::to_string(&serde_json::json!({
            "evolution": evolution,
            "change_partners": partners,
            "change_goods": goods,
        }))
        .map_err(js_error)
    }

    /// France's two Sankeys and the exposure ranking of all départements to the United States, as JSON.
    pub fn france_views(&self) -> Result<String, JsError> {
        let (export, import, ranking) = self.france_models();
        serde_json::to_string(&serde_json::json!({
            "export_sankey": export,
            "import_sankey": import,
            "ranking": ranking,
        }))
        .map_err(js_error)
    }
}

impl Engine {
    fn departement_models(&self) -> Result<Vec<ViewModel>, JsError> {
        let data = PortraitData {
            manifest: &self.manifest,
            catalog: &self.catalog,
            territory: &self.departement,
            region: Some(&self.region),
            france: Some(&self.france),
            departements: Some(&self.departements),
            shared: None,
        };
        let request = ViewRequest {
            filter: Filter::default(),
            level: ProductLevel::A129,
        };
        PeriodView::ALL
            .into_iter()
            .map(|view| compute_period_view(&data, view, &request))
            .collect::<Result<Vec<ViewModel>, _>>()
            .map_err(js_error)
    }

    fn time_models(&self) -> Result<(Evolution, Change, Change), JsError> {
        let filter = Filter::default();
        let tables: Vec<&TradeTable> = self.years.iter().collect();
        let mut periods: Vec<Period> = tables
            .iter()
            .flat_map(|table| table.periods.iter().copied())
            .collect();
        periods.sort_unstable();
        periods.dedup();
        let evolution = evolution(&tables, None, None, &self.catalog, &filter, &periods);
        let year = |table: &TradeTable| table.periods.first().map(|period| period.year);
        if year(&self.earlier).map(|year| year + 1) != year(&self.departement) {
            return Err(JsError::new(
                "the time views need the year before the département's",
            ));
        }
        let change_by = |by| {
            change(
                &self.departement,
                &self.earlier,
                &self.catalog,
                &filter,
                &filter,
                by,
                ProductLevel::A129,
            )
        };
        Ok((
            evolution,
            change_by(ChangeBy::Partners),
            change_by(ChangeBy::Goods),
        ))
    }

    fn france_models(&self) -> (Sankey, Sankey, Vec<DepartementExposure>) {
        let filter = Filter::default();
        let level = ProductLevel::A129;
        let partner = CountrySelection::Country(DEFAULT_PARTNER.to_string());
        (
            sankey(&self.france, &self.catalog, &filter, Flow::Export, level),
            sankey(&self.france, &self.catalog, &filter, Flow::Import, level),
            departement_ranking(
                &self.departements,
                &self.catalog,
                &filter,
                &partner,
                Flow::Export,
            ),
        )
    }
}
