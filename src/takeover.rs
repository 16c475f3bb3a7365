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
use wasm_bindgen::JsCast;

/// The static page's content (`<div id="baked">`, written by the build).
const BAKED: &str = "baked";
/// The app's container while it is built behind the static page (`style/main.css` hides it).
const PENDING: &str = "takeover-pending";

/// Mounts the app: behind the static page when there is one that shows this address, else alone.
pub fn mount() {
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
    match container {
        Some(container) => leptos::mount::mount_to(container, crate::app::App).forget(),
        None => leptos::mount::mount_to_body(crate::app::App),
    }
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
    container.set_class_name(PENDING);
    baked.after_with_node_1(&container).ok()?;
    Some(container)
}

/// Whether the app is being built behind a static page (then its first screen decides when it
/// shows itself: `reveal`).
pub fn is_pending() -> bool {
    document().get_element_by_id(BAKED).is_some()
}

/// Shows the app in place of the static page (at once: nothing of the static page stays).
/// Called when its first screen is drawn; calling it again does nothing.
pub fn reveal() {
    let document = document();
    if let Some(baked) = document.get_element_by_id(BAKED) {
        baked.remove();
    }
    if let Ok(pending) = document.query_selector_all(&format!(".{PENDING}")) {
        for index in 0..pending.length() {
            if let Some(element) = pending
                .item(index)
                .and_then(|node| node.dyn_into::<web_sys::Element>().ok())
            {
                let _ = element.class_list().remove_1(PENDING);
            }
        }
    }
}

/// Whether this page is being saved by the build (`web/bake.mjs` sets `comexBake` before the app
/// starts): charts are drawn as SVG and every block is drawn, as for printing.
pub fn is_baking() -> bool {
    js_sys::Reflect::get(&js_sys::global(), &"comexBake".into())
        .is_ok_and(|value| value.is_truthy())
}
