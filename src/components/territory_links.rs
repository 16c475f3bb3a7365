//! Links to every territory's page, at the foot of the portrait: the way from one static page to
//! another without JavaScript, and for search engines (the sitemap lists the same pages).

use comex_core::codes::Territory;
use comex_core::manifest::Manifest;
use leptos::prelude::*;

#[component]
pub fn TerritoryLinks(manifest: StoredValue<Manifest, LocalStorage>) -> impl IntoView {
    let links = move |wanted: fn(&Territory) -> bool| {
        manifest.with_value(|manifest| {
            manifest
                .page_paths()
                .into_iter()
                .filter(|(territory, _)| wanted(territory))
                .map(|(territory, path)| {
                    let href = if path.is_empty() {
                        "./".to_string()
                    } else {
                        path
                    };
                    view! { <li><a href=href>{manifest.label(&territory)}</a></li> }
                })
                .collect_view()
        })
    };
    view! {
        <nav class="territory-links" aria-label="Tous les territoires">
            <details>
                <summary>"Tous les territoires : France, régions, départements"</summary>
                <ul>{links(|territory| matches!(territory, Territory::France))}</ul>
                <h2>"Régions"</h2>
                <ul>{links(|territory| matches!(territory, Territory::Region(_)))}</ul>
                <h2>"Départements"</h2>
                <ul>{links(|territory| matches!(territory, Territory::Departement(_)))}</ul>
            </details>
        </nav>
    }
}
