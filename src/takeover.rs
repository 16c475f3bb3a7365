//! The static page and the live app. Every territory's page is written at build time (`cargo xtask
//! build` runs this app in headless Chromium and saves what it drew, see `web/bake.mjs`): the portrait
//! of its default selection is readable before the WASM has come, and without it. The app then
//! builds its own page hidden behind the static one and shows it, in one step, once its first
//! screen is drawn: the same blocks in the same places, so nothing moves.
//!
//! A static page that does not show what the address asks for (a filter in the query, an older
//! `?territory=` address: `web/page.js` marks the document `baked-stale` before the first paint)
//! is taken out at once, and the app starts as it would on an empty page.

use leptos::prelude::*;
use std::cell::Cell;
use wasm_bindgen::JsCast;

/// The static page's content (`<div id="baked">`, written by the build).
const BAKED: &str = "baked";
/// The app's container while it is built behind the static page (`style/main.css` hides it).
const PENDING_CLASS: &str = "takeover-pending";

/// Where the app mounts: behind the static page when there is one that shows this address, else
/// (none) alone in the body.
pub fn container() -> Option<web_sys::HtmlElement> {
    let document = document();
    hold_site_root(&document);
    let stale = document
        .document_element()
        .is_some_and(|root| root.class_list().contains("baked-stale"));
    let baked = document.get_element_by_id(BAKED);
    let container = match (baked, stale) {
        (Some(baked), false) => pending_container(&document, &baked),
        (Some(baked), true) => {
            baked.remove();
            None
        }
        (None, _) => None,
    };
    PENDING.with(|pending| pending.set(container.is_some()));
    container
}

/// The page's `<base href>` (the site's root, `./` or `../../`) made absolute: Chromium resolves a
/// relative one again against each address the app writes (`history.pushState`), which would move
/// the root, and every data file's address with it, to the new territory's folder.
fn hold_site_root(document: &web_sys::Document) {
    let base = document.query_selector("base").ok().flatten();
    if let (Some(base), Ok(Some(root))) = (base, document.base_uri()) {
        let _ = base.set_attribute("href", &root);
    }
}

fn pending_container(
    document: &web_sys::Document,
    baked: &web_sys::Element,
) -> Option<web_sys::HtmlElement> {
    let container: web_sys::HtmlElement = document.create_element("div").ok()?.dyn_into().ok()?;
    container.set_class_name(PENDING_CLASS);
    baked.after_with_node_1(&container).ok()?;
    Some(container)
}

thread_local! {
    /// Set by `mount` when the app is built behind a static page, cleared by `reveal`: read by every
    /// chart at each drawing, so kept here rather than looked up in the document.
    static PENDING: Cell<bool> = const { Cell::new(false) };
    /// Read once: the build sets `comexBake` before the app starts.
    static BAKING: bool = js_sys::Reflect::get(&js_sys::global(), &"comexBake".into())
        .is_ok_and(|value| value.is_truthy());
}

/// Whether the app is being built behind a static page (then its first screen decides when it
/// shows itself: `reveal`).
pub fn is_pending() -> bool {
    PENDING.with(Cell::get)
}

/// How often, and how many times, `reveal_once_drawn` looks again for a block on the screen not
/// drawn yet: past that, the app is shown as it is (a block that cannot load says so itself).
const DRAWN_POLL: std::time::Duration = std::time::Duration::from_millis(100);
const DRAWN_POLLS: u32 = 150;

/// Shows the app once every block on the screen is drawn: its model in (not `aria-busy`) and its
/// chart given to ECharts (a canvas, or a message, in it). None of them then shows a loading state
/// in place of the static page's text and image.
pub fn reveal_once_drawn() {
    reveal_when_drawn(DRAWN_POLLS);
}

fn reveal_when_drawn(polls_left: u32) {
    if polls_left > 0 && !screen_drawn() {
        set_timeout(move || reveal_when_drawn(polls_left - 1), DRAWN_POLL);
        return;
    }
    reveal();
}

fn screen_drawn() -> bool {
    let height = window()
        .inner_height()
        .ok()
        .and_then(|height| height.as_f64())
        .unwrap_or(0.0);
    let on_screen = |selector: &str| -> Vec<web_sys::Element> {
        let Ok(found) = document().query_selector_all(&format!(".{PENDING_CLASS} {selector}"))
        else {
            return Vec::new();
        };
        (0..found.length())
            .filter_map(|index| found.item(index))
            .filter_map(|node| node.dyn_into::<web_sys::Element>().ok())
            .filter(|element| {
                let bounds = element.get_bounding_client_rect();
                bounds.bottom() > 0.0 && bounds.top() < height
            })
            .collect()
    };
    let blocks = on_screen(".view-block");
    !blocks.is_empty()
        && blocks
            .iter()
            .all(|block| block.get_attribute("aria-busy").as_deref() == Some("false"))
        && on_screen(".chart").iter().all(|chart| {
            chart.first_element_child().is_some()
                || chart.text_content().is_some_and(|text| !text.is_empty())
        })
}

/// Shows the app in place of the static page (at once: nothing of the static page stays).
/// Called when its first screen is drawn; calling it again does nothing.
pub fn reveal() {
    PENDING.with(|pending| pending.set(false));
    let document = document();
    if let Some(baked) = document.get_element_by_id(BAKED) {
        baked.remove();
        crate::perf::mark(crate::perf::TAKEN_OVER);
    }
    if let Ok(pending) = document.query_selector_all(&format!(".{PENDING_CLASS}")) {
        for index in 0..pending.length() {
            if let Some(element) = pending
                .item(index)
                .and_then(|node| node.dyn_into::<web_sys::Element>().ok())
            {
                let _ = element.class_list().remove_1(PENDING_CLASS);
            }
        }
    }
}

/// Whether this page is being saved by the build (`web/bake.mjs` sets `comexBake` before the app
/// starts): charts are drawn as SVG and every block is drawn, as for printing.
pub fn is_baking() -> bool {
    BAKING.with(|baking| *baking)
}

/// Resolves in a later task: the browser may paint and take input between two pieces of the app's
/// start, instead of one long task (Lighthouse's « total blocking time »).
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
