//! The root: the data set, and the page (whose state lives in the URL: `state`).

use crate::api;
use crate::components::dashboard::Dashboard;
use crate::components::message::ErrorMessage;
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    let dataset = LocalResource::new(api::load_dataset);
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
        Some(Ok(dataset)) => view! { <Dashboard dataset=dataset/> }.into_any(),
        Some(Err(error)) => view! {
            <header class="app-header"><h1>"Commerce extérieur des territoires"</h1></header>
            <ErrorMessage error=error retry=Callback::new(move |_| dataset.refetch())/>
        }
        .into_any(),
    }
}
