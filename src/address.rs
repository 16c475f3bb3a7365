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

use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// The page's path below the site's root, and the query's parameters in their order.
#[derive(Clone, Copy)]
pub struct Address {
    page: RwSignal<String>,
    parameters: RwSignal<Vec<(String, String)>>,
}

impl Address {
    pub fn from_page() -> Self {
        let page = RwSignal::new(current_page());
        let parameters = RwSignal::new(parse_query(&current_query()));
        // Back and forward change the address under the app: read it again.
        let history = window_event_listener(leptos::ev::popstate, move |_| {
            page.set(current_page());
            parameters.set(parse_query(&current_query()));
        });
        on_cleanup(move || history.remove());
        Address { page, parameters }
    }

    /// The page's path below the site's root (`departements/60-oise/`; `""` at the root).
    pub fn page(&self) -> Memo<String> {
        let page = self.page;
        Memo::new(move |_| page.get())
    }

    /// Goes to another page of the site, with `name` left out of the query (the parameter the
    /// page's path now says): a new history entry, or in place of the current one with `replace`
    /// (an old address written as it now reads).
    pub fn set_page(&self, path: String, name: &str, replace: bool) {
        let unchanged = self.page.with_untracked(|page| *page == path)
            && self
                .parameters
                .with_untracked(|list| value_of(list, name).is_none());
        if unchanged {
            return;
        }
        self.parameters
            .update(|list| list.retain(|(key, _)| key != name));
        self.page.set(path);
        self.write(replace);
    }

    /// One parameter's value, changing only when that parameter does.
    pub fn parameter(&self, name: &'static str) -> Memo<Option<String>> {
        let parameters = self.parameters;
        Memo::new(move |_| parameters.with(|list| value_of(list, name)))
    }

    /// Sets (or, with `None`, removes) a parameter, then writes the address.
    pub fn set(&self, name: &str, value: Option<String>) {
        let current = self.parameters.with_untracked(|list| value_of(list, name));
        if current == value {
            return;
        }
        self.parameters.update(|list| match value {
            Some(value) => match list.iter_mut().find(|(key, _)| key == name) {
                Some(entry) => entry.1 = value,
                None => list.push((name.to_string(), value)),
            },
            None => list.retain(|(key, _)| key != name),
        });
        self.write(false);
    }

    fn write(&self, replace: bool) {
        let query = self.parameters.with_untracked(|list| format_query(list));
        let page = self.page.get_untracked();
        write_address(&page, &query, replace);
    }
}

fn value_of(parameters: &[(String, String)], name: &str) -> Option<String> {
    parameters
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.clone())
}

fn current_query() -> String {
    window().location().search().unwrap_or_default()
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

/// `?a=1&b=x%20y` → [("a", "1"), ("b", "x y")]; a part that does not decode is kept as it is.
fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (key, value) = part.split_once('=').unwrap_or((part, ""));
            (decode(key), decode(value))
        })
        .collect()
}

fn decode(text: &str) -> String {
    let text = text.replace('+', " ");
    js_sys::decode_uri_component(&text)
        .ok()
        .and_then(|decoded| decoded.as_string())
        .unwrap_or(text)
}

/// Values are percent-encoded but for `:` and `,`, which a query may hold as they are
/// (`territory=dep:60`, `period=2024T1,2024T2` stay readable in a copied link).
fn format_query(parameters: &[(String, String)]) -> String {
    let encode = |text: &str| {
        String::from(js_sys::encode_uri_component(text))
            .replace("%3A", ":")
            .replace("%2C", ",")
    };
    parameters
        .iter()
        .map(|(key, value)| format!("{}={}", encode(key), encode(value)))
        .collect::<Vec<_>>()
        .join("&")
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
