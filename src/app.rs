//! The root: the data set, and the page (whose state lives in the URL: `state`).

use crate::api;
use crate::components::dashboard::Dashboard;
use crate::components::message::ErrorMessage;
use crate::state::AddressState;
use comex_core::manifest::Manifest;
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    let selection = AddressState::from_url();
    // The shown territory's files, asked for with the code lists (before `Block::files` can be
    // called: it needs them); the same files the first view's blocks then read, as a core test
    // checks. Not for a single embedded block, which may not read them. Read untracked: the resource polls its future inside the reactive
    // graph, and a switch must not load the data set again.
    let first_files = move |manifest: &Manifest| {
        untrack(|| {
            if selection.embed().is_single() {
                return Vec::new();
            }
            manifest.territory_files(&selection.territory(), &selection.periods())
        })
    };
    let dataset = LocalResource::new(move || api::load_dataset(first_files));
    // Tells the end-to-end tests (and only them) that the WASM app is running.
    Effect::new(|| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-app-ready", "true");
        }
    });
    // No <Suspense> here: the blocks show their own loading state, and a Suspense would take
    // the whole dashboard down (charts and all) each time a block's file reloads.
    move || match dataset.get() {
        None => view! { <p class="loading">"Chargement des données…"</p> }.into_any(),
        Some(Ok(dataset)) => view! { <Dashboard dataset=dataset selection=selection/> }.into_any(),
        Some(Err(error)) => {
            // A static page behind would hide the app's message and its « Réessayer ».
            crate::takeover::reveal();
            view! {
            <header class="app-header"><h1>"Commerce extérieur des territoires"</h1></header>
            <ErrorMessage error=error retry=Callback::new(move |_| dataset.refetch())/>
            }
            .into_any()
        }
    }
}
