//! The map's outline (web/map/departements.json, 51 KB gzip): fetched once, when the map first
//! comes near the screen, and registered with ECharts before the map's option is drawn. A failed
//! fetch is forgotten, so that « Réessayer » fetches it again.

use crate::api::{fetch_at, LoadError};
use crate::echarts;
use crate::shared_load::{load_once, Slot};
use comex_charts::map::OUTLINE_NAME;
use futures_util::future::FutureExt;
use std::cell::RefCell;

/// Where the build copies the outline, relative to the page.
const OUTLINE_URL: &str = "map/departements.json";
const OUTLINE_FILE: &str = "departements.json";

thread_local! {
    static OUTLINE: Slot<LoadError> = const { RefCell::new(None) };
}

async fn fetch_and_register() -> Result<(), LoadError> {
    let bytes = fetch_at(OUTLINE_URL, OUTLINE_FILE).await?;
    let unreadable = |detail: String| LoadError::Network {
        file: OUTLINE_FILE.to_string(),
        detail,
    };
    let text = String::from_utf8(bytes).map_err(|error| unreadable(error.to_string()))?;
    let geojson = js_sys::JSON::parse(&text)
        .map_err(|_| unreadable("le fond de carte n'est pas un GeoJSON lisible".to_string()))?;
    // ECharts keeps an outline only once its map series is installed (the second bundle): an
    // outline registered before would be dropped silently.
    echarts::ensure_more()
        .await
        .map_err(|()| echarts::more_unavailable())?;
    echarts::register_map(OUTLINE_NAME, &geojson);
    Ok(())
}

/// Resolves once the outline is registered (at once after the first time).
pub async fn ensure_outline() -> Result<(), LoadError> {
    load_once(&OUTLINE, || fetch_and_register().boxed_local()).await
}
