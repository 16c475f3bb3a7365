//! comex-territoires: the browser app (Leptos, client-side rendered, compiled to WebAssembly).
//!
//! `api` fetches and checks the data files, `state` keeps the selection in the URL (`address`), `components`
//! lay out the page and draw the blocks (their models from `comex_core`, their ECharts options from
//! `comex_charts`), `echarts` is a thin binding to ECharts, `map_outline` loads the
//! map's outline, `takeover` puts the app in place of the territory's static page, `document_head`
//! keeps the title and description with the selection, `theme` the page's colour scheme.

// The app exists only in the browser; on the host this crate is an empty binary, so that a plain
// `cargo test` of the workspace never builds the browser dependencies.
#[cfg(target_arch = "wasm32")]
mod address;
#[cfg(target_arch = "wasm32")]
mod api;
#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
mod digest;
#[cfg(target_arch = "wasm32")]
mod document_head;
#[cfg(target_arch = "wasm32")]
mod echarts;
#[cfg(target_arch = "wasm32")]
mod loading;
#[cfg(target_arch = "wasm32")]
mod map_outline;
#[cfg(target_arch = "wasm32")]
mod perf;
#[cfg(target_arch = "wasm32")]
mod shared_load;
#[cfg(target_arch = "wasm32")]
mod state;
#[cfg(target_arch = "wasm32")]
mod takeover;
#[cfg(target_arch = "wasm32")]
mod theme;

/// Panics on purpose: the end-to-end tests call it (`window.wasmBindings.diagnostic_panic()`) to
/// check that a panic shows a message instead of leaving a dead page.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
#[allow(clippy::panic)] // the panic is the point
pub fn diagnostic_panic() {
    panic!("diagnostic panic requested");
}

#[cfg(all(test, target_arch = "wasm32"))]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

fn main() {
    #[cfg(target_arch = "wasm32")]
    {
        components::panic_notice::install();
        // The page's static « Chargement des données… » (index.html), shown while the WASM came:
        // the app's first state says the same, in the same task, so nothing blinks.
        if let Some(static_loading) = leptos::prelude::document().get_element_by_id("page-loading")
        {
            static_loading.remove();
        }
        match takeover::container() {
            Some(container) => leptos::mount::mount_to(container, app::App).forget(),
            None => leptos::mount::mount_to_body(app::App),
        }
    }
}
