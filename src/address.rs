//! The page's query string as signals: read from the address when the app starts and on back and
//! forward, written to it (a new history entry, as a link would make) when the app sets a parameter.
//!
//! The app used leptos_router only for this (`query_signal`); the router applies a change in the
//! next animation frame, after a navigation of its own, which delayed every switch by a frame and
//! its layout. Here a selection reaches the blocks in the task of the click or key press.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// The query's parameters, in their order in the address.
#[derive(Clone, Copy)]
pub struct Address {
    parameters: RwSignal<Vec<(String, String)>>,
}

impl Address {
    pub fn from_page() -> Self {
        let parameters = RwSignal::new(parse_query(&current_query()));
        // Back and forward change the address under the app: read it again.
        let history = window_event_listener(leptos::ev::popstate, move |_| {
            parameters.set(parse_query(&current_query()));
        });
        on_cleanup(move || history.remove());
        Address { parameters }
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
        let query = self.parameters.with_untracked(|list| format_query(list));
        push_address(&query);
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

/// A new history entry for the same page with this query (an in-page anchor is left behind, as
/// following a link to another selection would).
fn push_address(query: &str) {
    let location = window().location();
    let pathname = location.pathname().unwrap_or_default();
    let url = if query.is_empty() {
        pathname
    } else {
        format!("{pathname}?{query}")
    };
    if let Ok(history) = window().history() {
        // A refused entry (a sandboxed frame) leaves the address as it was; the view still follows.
        let _ = history.push_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}
