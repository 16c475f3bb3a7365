//! The page's address as signals: its path below the site's root (a territory's page,
//! `departements/60-oise/`, see `comex_core::pages`) and its query string, read when the app starts
//! and on back and forward, written (a new history entry, as a link would make) when the app sets a
//! parameter or goes to another territory's page.
//!
//! The site's root is the document's base address: a territory's page, two folders down, says
//! `<base href="../../">`, so the same relative paths work from every page and under any sub-path.
//!
//! The app used leptos_router only for this (`query_signal`); the router applies a change in the
//! next animation frame, after a navigation of its own, which delayed every switch by a frame and
//! its layout. Here a selection reaches the blocks in the task of the click or key press.

mod query;

pub use query::{EmbedMode, Parameter, Periods, Query};

use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// The page's path below the site's root, and its query read into its types.
#[derive(Clone, Copy)]
pub struct Address {
    page: RwSignal<String>,
    query: RwSignal<Query>,
}

impl Address {
    pub fn from_page() -> Self {
        let page = RwSignal::new(current_page());
        let query = RwSignal::new(current_query());
        // Back and forward change the address under the app: read it again.
        let history = window_event_listener(leptos::ev::popstate, move |_| {
            page.set(current_page());
            query.set(current_query());
        });
        on_cleanup(move || history.remove());
        Address { page, query }
    }

    /// The page's path below the site's root (`departements/60-oise/`; `""` at the root).
    pub fn page(&self) -> Memo<String> {
        let page = self.page;
        Memo::new(move |_| page.get())
    }

    /// One value of the query, changing only when that value does.
    pub fn read<T: Clone + PartialEq + Send + Sync + 'static>(
        &self,
        value: impl Fn(&Query) -> T + Send + Sync + 'static,
    ) -> Memo<T> {
        let query = self.query;
        Memo::new(move |_| query.with(&value))
    }

    /// The query as it is now, without tracking it.
    pub fn query_untracked(&self) -> Query {
        self.query.get_untracked()
    }

    /// Goes to another page of the site, with the query's older `territory=` left out (the page's
    /// path now says it): a new history entry, or in place of the current one with `replace` (an
    /// old address written as it now reads).
    pub fn set_page(&self, path: String, replace: bool) {
        let unchanged = self.page.with_untracked(|page| *page == path)
            && self.query.with_untracked(|query| query.territory.is_none());
        if unchanged {
            return;
        }
        self.query.update(|query| query.territory = None);
        self.page.set(path);
        self.write(replace);
    }

    /// Changes the query (a new history entry), when `change` changes it.
    pub fn update(&self, change: impl FnOnce(&mut Query)) {
        let mut query = self.query.get_untracked();
        change(&mut query);
        if self.query.with_untracked(|current| *current == query) {
            return;
        }
        self.query.set(query);
        self.write(false);
    }

    fn write(&self, replace: bool) {
        let query = self.query.with_untracked(Query::to_string);
        let page = self.page.get_untracked();
        write_address(&page, &query, replace);
    }
}

/// The current address's query with `embed` set as given (none: the dashboard): a link to the
/// same selection, alone in a frame or whole.
pub fn link_query(embed: Option<EmbedMode>) -> String {
    let mut query = current_query();
    query.embed = embed;
    query.to_string()
}

fn current_query() -> Query {
    let text = window().location().search().unwrap_or_default();
    text.parse::<Query>().unwrap_or_default()
}

/// The site's root: the folder of the document's base address (`/`, or `/intranet/commerce/`).
fn site_root() -> String {
    let base = document()
        .base_uri()
        .ok()
        .flatten()
        .and_then(|base| web_sys::Url::new(&base).ok())
        .map(|url| url.pathname())
        .unwrap_or_else(|| "/".to_string());
    match base.rfind('/') {
        Some(end) => base[..=end].to_string(),
        None => "/".to_string(),
    }
}

fn current_page() -> String {
    let pathname = window().location().pathname().unwrap_or_default();
    pathname
        .strip_prefix(&site_root())
        .unwrap_or_default()
        .to_string()
}

/// A new history entry (or, with `replace`, the current one rewritten) for this page and query;
/// an in-page anchor is left behind, as following a link to another selection would.
fn write_address(page: &str, query: &str, replace: bool) {
    let pathname = format!("{}{page}", site_root());
    let url = if query.is_empty() {
        pathname
    } else {
        format!("{pathname}?{query}")
    };
    if let Ok(history) = window().history() {
        // A refused entry (a sandboxed frame) leaves the address as it was; the view still follows.
        let _ = if replace {
            history.replace_state_with_url(&JsValue::NULL, "", Some(&url))
        } else {
            history.push_state_with_url(&JsValue::NULL, "", Some(&url))
        };
    }
}
