//! Fetching the data files (gloo-net), checking them against the manifest, decoding them with the core.
//! Tables are cached for the session: switching back to a territory fetches nothing, and a table asked
//! for twice while on its way is fetched once.

use comex_core::arrow_io;
use comex_core::catalog::Catalog;
use comex_core::data_file::{self, COUNTRIES_FILE, MANIFEST_FILE, PRODUCTS_FILE};
use comex_core::manifest::{verify_digest, Manifest, OutputFile};
use comex_core::trade_table::TradeTable;
use comex_core::CoreError;
use futures_util::future::{join, FutureExt, LocalBoxFuture, Shared};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// Where the data build's output is served, relative to the page (the site works under any sub-path).
pub const DATA_ROOT: &str = "data/v1/";

/// Why a file could not be used. Each says, in French, what happened and to which file.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    Network { file: String, detail: String },
    Timeout { file: String },
    Http { file: String, status: u16 },
    TooLarge { file: String, bytes: usize },
    Data(CoreError),
}

/// A data file taking longer than this is abandoned (the user can retry).
const FETCH_TIMEOUT_MS: u32 = 30_000;
/// No data file is decoded beyond this size, whatever the server sends.
const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

impl LoadError {
    pub fn message_fr(&self) -> String {
        match self {
            LoadError::Network { file, detail } => {
                format!("Le fichier {file} n'a pas pu être téléchargé (réseau : {detail}).")
            }
            LoadError::Timeout { file } => format!(
                "Le fichier {file} n'est pas arrivé à temps ({} s) : le réseau ou le serveur est trop lent.",
                FETCH_TIMEOUT_MS / 1000
            ),
            LoadError::TooLarge { file, bytes } => format!(
                "Le fichier {file} est trop volumineux ({bytes} octets) : il n'a pas été lu."
            ),
            LoadError::Data(CoreError::Manifest(reason)) => format!(
                "Le manifeste des données ne correspond pas à cette version du tableau de bord ({reason})."
            ),
            LoadError::Http { file, status: 404 } => {
                format!("Le fichier {file} est introuvable sur le serveur (404).")
            }
            LoadError::Http { file, status } => {
                format!("Le serveur a refusé le fichier {file} (erreur {status}).")
            }
            LoadError::Data(CoreError::Integrity { file, mismatch }) => format!(
                "Le fichier {file} est incomplet ou ne correspond pas au manifeste ({}).",
                mismatch.text_fr()
            ),
            LoadError::Data(CoreError::TerritoryAbsent(territory)) => {
                format!("Le territoire {territory} n'est pas dans les données.")
            }
            LoadError::Data(
                CoreError::Arrow { file, reason } | CoreError::Schema { file, reason },
            ) => format!(
                "Le fichier {file} n'est pas un fichier de données lisible (détail technique : {reason})."
            ),
            LoadError::Data(CoreError::UnknownCode { file, field, code }) => format!(
                "Le fichier {file} contient un code {field} inconnu des nomenclatures : « {code} »."
            ),
            LoadError::Data(CoreError::MissingValue { file, column, row }) => format!(
                "Le fichier {file} a une valeur manquante (colonne {column}, ligne {row})."
            ),
            LoadError::Data(CoreError::NeedsFile { file, .. }) => {
                format!("Le fichier {file} manque pour ce bloc.")
            }
            LoadError::Data(error) => format!("Les données n'ont pas pu être lues ({error})."),
        }
    }
}

impl From<CoreError> for LoadError {
    fn from(error: CoreError) -> Self {
        LoadError::Data(error)
    }
}

/// Asks the browser for a data file now, as the page's own `<link rel="preload">` do for the
/// manifest and the code lists: the same address and mode as `fetch_bytes`, whose request then
/// takes that response instead of asking again.
fn preload(path: &str) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    let (Ok(link), Some(head)) = (document.create_element("link"), document.head()) else {
        return;
    };
    for (name, value) in [
        ("rel", "preload"),
        ("as", "fetch"),
        ("crossorigin", "anonymous"),
        ("href", &format!("{DATA_ROOT}{path}")),
    ] {
        let _ = link.set_attribute(name, value);
    }
    let _ = head.append_child(&link);
}

async fn fetch_bytes(path: &str) -> Result<Vec<u8>, LoadError> {
    fetch_at(&format!("{DATA_ROOT}{path}"), path).await
}

/// A file of the site at `url` (relative to the page), named `path` in messages.
pub async fn fetch_at(url: &str, path: &str) -> Result<Vec<u8>, LoadError> {
    let timeout = web_sys::AbortSignal::timeout_with_u32(FETCH_TIMEOUT_MS);
    // A failure after the time limit is the timeout's doing, whatever the browser says.
    let failed = |error: gloo_net::Error| {
        if timeout.aborted() {
            LoadError::Timeout {
                file: path.to_string(),
            }
        } else {
            LoadError::Network {
                file: path.to_string(),
                detail: error.to_string(),
            }
        }
    };
    let response = gloo_net::http::Request::get(url)
        .abort_signal(Some(&timeout))
        .send()
        .await
        .map_err(failed)?;
    if !response.ok() {
        return Err(LoadError::Http {
            file: path.to_string(),
            status: response.status(),
        });
    }
    let bytes = response.binary().await.map_err(failed)?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            file: path.to_string(),
            bytes: bytes.len(),
        });
    }
    Ok(bytes)
}

/// Checks a downloaded file against its manifest entry: length, then SHA-256 (by the browser where
/// it can, see `digest`).
async fn verify(entry: Option<&OutputFile>, path: &str, bytes: &[u8]) -> Result<(), LoadError> {
    // A file not listed, or of the wrong length, is refused for that before any hashing.
    let digest = match entry {
        Some(entry) if entry.bytes == bytes.len() as u64 => crate::digest::sha256(bytes).await,
        _ => String::new(),
    };
    Ok(verify_digest(entry, path, bytes.len(), &digest)?)
}

/// A table on its way or loaded: shared by every block that reads the file, and by a prefetch.
pub type TableLoad = Shared<LocalBoxFuture<'static, Result<Rc<TradeTable>, LoadError>>>;

/// A file index (`files/2024.json`, `files/2024-year.json`: size and SHA-256 of the files it lists).
type IndexLoad = Shared<LocalBoxFuture<'static, Result<Rc<Vec<OutputFile>>, LoadError>>>;

/// The manifest and the code lists: what every view needs first.
pub struct Dataset {
    pub manifest: Manifest,
    pub catalog: Catalog,
    /// Loaded tables are kept for the session; failed ones are dropped, so that a retry fetches again.
    tables: RefCell<HashMap<String, TableLoad>>,
    /// The file indexes (by path), fetched with the first file they list; kept like the tables.
    indexes: RefCell<HashMap<String, IndexLoad>>,
}

/// Loads the manifest and the code lists. `first_files` names the data files the first view reads
/// (from the manifest): they are asked for as soon as the manifest is read, while the code lists
/// are decoded and the page is built, instead of by the blocks once the page is built. On a slow
/// line the WASM comes last, and the page is then built in the time the file takes to come.
pub async fn load_dataset(
    first_files: impl FnOnce(&Manifest) -> Vec<String>,
) -> Result<Rc<Dataset>, LoadError> {
    let manifest_bytes = fetch_bytes(MANIFEST_FILE).await?;
    let manifest = Manifest::parse(&String::from_utf8_lossy(&manifest_bytes))?;
    for path in first_files(&manifest) {
        if let Some(index) = data_file::index_of(&path) {
            preload(&index);
        }
        preload(&path);
    }
    // Both code lists at once: one round trip, not two.
    let (products, countries) = join(fetch_bytes(PRODUCTS_FILE), fetch_bytes(COUNTRIES_FILE)).await;
    let (products, countries) = (products?, countries?);
    verify(manifest.file(PRODUCTS_FILE), PRODUCTS_FILE, &products).await?;
    verify(manifest.file(COUNTRIES_FILE), COUNTRIES_FILE, &countries).await?;
    let catalog = arrow_io::read_catalog((PRODUCTS_FILE, &products), (COUNTRIES_FILE, &countries))?;
    // The page is built in a task of its own, after the code lists' decoding.
    crate::takeover::next_task().await;
    Ok(Rc::new(Dataset {
        manifest,
        catalog,
        tables: RefCell::new(HashMap::new()),
        indexes: RefCell::new(HashMap::new()),
    }))
}

impl Dataset {
    /// A trade table, from the cache, on its way, or fetched now; then verified and decoded. Await it.
    pub fn table(self: &Rc<Self>, path: &str) -> TableLoad {
        if let Some(load) = self.tables.borrow().get(path) {
            return load.clone();
        }
        let dataset = Rc::clone(self);
        let owned_path = path.to_string();
        let load = async move {
            let result = Rc::clone(&dataset).fetch_table(&owned_path).await;
            if result.is_err() {
                dataset.tables.borrow_mut().remove(&owned_path);
            }
            result
        }
        .boxed_local()
        .shared();
        self.tables
            .borrow_mut()
            .insert(path.to_string(), load.clone());
        load
    }

    /// Several tables: every one asked for at once (each is fetched once, whichever caller asks),
    /// then awaited in turn; the first failure ends the wait.
    pub async fn tables(
        self: &Rc<Self>,
        paths: Vec<String>,
    ) -> Result<Vec<(String, Rc<TradeTable>)>, LoadError> {
        for path in &paths {
            self.prefetch(path);
        }
        let mut loaded = Vec::with_capacity(paths.len());
        for path in paths {
            let table = self.table(&path).await?;
            loaded.push((path, table));
        }
        Ok(loaded)
    }

    /// A table already fetched and decoded, at once; `None` while it is on its way or if it failed.
    pub fn loaded_table(&self, path: &str) -> Option<Rc<TradeTable>> {
        let tables = self.tables.borrow();
        tables.get(path)?.peek()?.as_ref().ok().cloned()
    }

    /// Starts fetching a table now, if it is neither loaded nor on its way: the territory selector
    /// calls it on hover, focus and arrow keys, before the user's choice.
    pub fn prefetch(self: &Rc<Self>, path: &str) {
        let load = self.table(path);
        wasm_bindgen_futures::spawn_local(async move {
            // The blocks that read the table report its errors.
            let _ = load.await;
        });
    }

    /// A file index (`files/2024.json`), from the cache, on its way, or fetched now.
    fn index(self: &Rc<Self>, path: String) -> IndexLoad {
        if let Some(load) = self.indexes.borrow().get(&path) {
            return load.clone();
        }
        let dataset = Rc::clone(self);
        let key = path.clone();
        let load = async move {
            let result = fetch_bytes(&path).await.and_then(|bytes| {
                serde_json::from_slice::<Vec<OutputFile>>(&bytes)
                    .map(Rc::new)
                    .map_err(|error| {
                        LoadError::Data(CoreError::Manifest(format!("{path}: {error}")))
                    })
            });
            if result.is_err() {
                dataset.indexes.borrow_mut().remove(&path);
            }
            result
        }
        .boxed_local()
        .shared();
        self.indexes.borrow_mut().insert(key, load.clone());
        load
    }

    /// Fetches a file and, for a year file, its year's index at the same time; checks the one
    /// against the other, then decodes.
    async fn fetch_table(self: Rc<Self>, path: &str) -> Result<Rc<TradeTable>, LoadError> {
        let bytes = match data_file::index_of(path) {
            Some(index) => {
                let (bytes, index) = join(fetch_bytes(path), self.index(index)).await;
                let (bytes, index) = (bytes?, index?);
                verify(index.iter().find(|file| file.path == path), path, &bytes).await?;
                bytes
            }
            None => {
                let bytes = fetch_bytes(path).await?;
                verify(self.manifest.file(path), path, &bytes).await?;
                bytes
            }
        };
        let table = arrow_io::read_trade(path, &bytes, &self.catalog)?;
        Ok(Rc::new(table))
    }
}

#[cfg(test)]
mod tests {
    use comex_core::arrow_io;
    use comex_core::catalog::{Catalog, Country, CountryGroup, Product};
    use comex_core::codes::{Flow, Period, Territory};
    use comex_core::trade_table::TradeTable;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn catalog() -> Catalog {
        let product = |cpf4: &str, a129: &str| Product {
            cpf4: cpf4.into(),
            cpf4_label: format!("produit {cpf4}"),
            a129: a129.into(),
            a129_label: format!("groupe {a129}"),
            a38: "CE".into(),
            a38_label: "Chimie".into(),
            a17: "C5".into(),
            a17_label: "Autres".into(),
        };
        let country = |code: &str| Country {
            code: code.into(),
            label: code.into(),
            zone: CountryGroup::Eu27,
            eu27: true,
            euro_area: true,
        };
        Catalog::new(
            vec![product("2042", "C20B"), product("2011", "C20A")],
            vec![country("BE"), country("DE")],
        )
        .unwrap()
    }

    /// The Arrow decoding runs in WASM exactly as on the host.
    #[wasm_bindgen_test]
    fn arrow_round_trip_in_the_browser() {
        let catalog = catalog();
        let mut table = TradeTable::empty(Territory::Departement("60".into()));
        table.periods = vec![
            Period {
                year: 2024,
                quarter: 1,
            },
            Period {
                year: 2024,
                quarter: 2,
            },
        ];
        table.period = vec![0, 1, 1];
        table.flow = vec![Flow::Export, Flow::Import, Flow::Export];
        table.product = vec![0, 1, 0];
        table.country = vec![1, 0, 0];
        table.value = vec![100, 250, 7];
        let bytes = arrow_io::write_trade("dep/60.arrow", &table, &catalog).unwrap();
        let read = arrow_io::read_trade("dep/60.arrow", &bytes, &catalog).unwrap();
        assert_eq!(read, table);
        assert!(arrow_io::read_trade("dep/60.arrow", &bytes[..bytes.len() / 2], &catalog).is_err());
    }
}
