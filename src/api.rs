//! Fetching the data files (gloo-net), checking them against the manifest, decoding them with the core.
//! Tables are cached for the session: switching back to a territory fetches nothing.

use comex_core::arrow_io;
use comex_core::catalog::Catalog;
use comex_core::manifest::{Manifest, COUNTRIES_FILE, MANIFEST_FILE, PRODUCTS_FILE};
use comex_core::table::TradeTable;
use comex_core::CoreError;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// Where the data build's output is served, relative to the page (the site works under any sub-path).
pub const DATA_ROOT: &str = "data/v1/";

/// Why a file could not be used. Each says, in French, what happened and to which file.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    Network { file: String, detail: String },
    Http { file: String, status: u16 },
    Data(CoreError),
}

impl LoadError {
    pub fn message_fr(&self) -> String {
        match self {
            LoadError::Network { file, detail } => {
                format!("Le fichier {file} n'a pas pu être téléchargé (réseau : {detail}).")
            }
            LoadError::Http { file, status: 404 } => {
                format!("Le fichier {file} est introuvable sur le serveur (404).")
            }
            LoadError::Http { file, status } => {
                format!("Le serveur a refusé le fichier {file} (erreur {status}).")
            }
            LoadError::Data(CoreError::Integrity { file, reason }) => {
                format!(
                    "Le fichier {file} est incomplet ou ne correspond pas au manifeste ({reason})."
                )
            }
            LoadError::Data(error) => format!("Les données n'ont pas pu être lues : {error}."),
        }
    }
}

impl From<CoreError> for LoadError {
    fn from(error: CoreError) -> Self {
        LoadError::Data(error)
    }
}

async fn fetch_bytes(path: &str) -> Result<Vec<u8>, LoadError> {
    let url = format!("{DATA_ROOT}{path}");
    let network = |error: gloo_net::Error| LoadError::Network {
        file: path.to_string(),
        detail: error.to_string(),
    };
    let response = gloo_net::http::Request::get(&url)
        .send()
        .await
        .map_err(network)?;
    if !response.ok() {
        return Err(LoadError::Http {
            file: path.to_string(),
            status: response.status(),
        });
    }
    response.binary().await.map_err(network)
}

/// The manifest and the code lists: what every view needs first.
pub struct Dataset {
    pub manifest: Manifest,
    pub catalog: Catalog,
    tables: RefCell<HashMap<String, Rc<TradeTable>>>,
}

pub async fn load_dataset() -> Result<Rc<Dataset>, LoadError> {
    let manifest_bytes = fetch_bytes(MANIFEST_FILE).await?;
    let manifest = Manifest::parse(&String::from_utf8_lossy(&manifest_bytes))?;
    let products = fetch_bytes(PRODUCTS_FILE).await?;
    manifest.verify(PRODUCTS_FILE, &products)?;
    let countries = fetch_bytes(COUNTRIES_FILE).await?;
    manifest.verify(COUNTRIES_FILE, &countries)?;
    let catalog = arrow_io::read_catalog((PRODUCTS_FILE, &products), (COUNTRIES_FILE, &countries))?;
    Ok(Rc::new(Dataset {
        manifest,
        catalog,
        tables: RefCell::new(HashMap::new()),
    }))
}

impl Dataset {
    /// A trade table, from the cache or fetched, verified and decoded.
    pub async fn table(self: &Rc<Self>, path: &str) -> Result<Rc<TradeTable>, LoadError> {
        if let Some(table) = self.tables.borrow().get(path) {
            return Ok(table.clone());
        }
        let bytes = fetch_bytes(path).await?;
        self.manifest.verify(path, &bytes)?;
        let table = Rc::new(arrow_io::read_trade(path, &bytes, &self.catalog)?);
        self.tables
            .borrow_mut()
            .insert(path.to_string(), table.clone());
        Ok(table)
    }
}
