//! The document's head follows the selection: its title, its description (the first key point),
//! its canonical address (the territory's page) and their Open Graph copies for link previews. All
//! from the core's models; the build saves each territory's page with them (`takeover`), so that a
//! search engine reads the same words as the reader.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The title, in the tab and in link previews.
pub fn set_title(title: &str) {
    document().set_title(title);
    set_meta("property", "og:title", title);
}

/// The description search engines and link previews show under the title.
pub fn set_description(description: &str) {
    set_meta("name", "description", description);
    set_meta("property", "og:description", description);
}

/// The page search engines should index for this selection: the territory's page, given relative
/// to the site's root (the document's base address), written absolute as search engines want it
/// (the build writes the published site's address instead of the one it drew the page at).
pub fn set_canonical(path: &str) {
    let base = document().base_uri().ok().flatten().unwrap_or_default();
    let Ok(href) = web_sys::Url::new_with_base(path, &base) else {
        return;
    };
    if let Some(link) = head_element("link[rel='canonical']", "link", &[("rel", "canonical")]) {
        let _ = link.set_attribute("href", &href.href());
    }
}

/// `<meta {key}="{name}" content="{content}">`, created the first time.
fn set_meta(key: &str, name: &str, content: &str) {
    let selector = format!("meta[{key}='{name}']");
    if let Some(meta) = head_element(&selector, "meta", &[(key, name)]) {
        let _ = meta.set_attribute("content", content);
    }
}

fn head_element(
    selector: &str,
    tag: &str,
    attributes: &[(&str, &str)],
) -> Option<web_sys::Element> {
    let document = document();
    if let Some(found) = document.query_selector(selector).ok().flatten() {
        return Some(found);
    }
    let element = document.create_element(tag).ok()?;
    for (name, value) in attributes {
        element.set_attribute(name, value).ok()?;
    }
    document
        .head()?
        .append_child(element.unchecked_ref())
        .ok()?;
    Some(element)
}
