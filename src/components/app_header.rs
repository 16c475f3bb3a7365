//! The dashboard's header: title, demo badge, territory selector, print button, and the filters
//! below it (period, product, partner country, level). Not shown in an embed.

use crate::components::compare_select::CompareSelect;
use crate::components::filters::Filters;
use crate::components::period_select::PeriodSelect;
use crate::components::print::print_fiche;
use crate::components::territory_select::TerritorySelect;
use crate::loading::PageContext;
use crate::state::AddressState;
use comex_core::catalog::Catalog;
use comex_core::codes::Territory;
use comex_core::manifest::Manifest;
use leptos::prelude::*;

#[component]
pub fn AppHeader(
    manifest: StoredValue<Manifest, LocalStorage>,
    catalog: StoredValue<Catalog, LocalStorage>,
    selection: AddressState,
    page_context: PageContext,
    territory_label: Signal<String>,
    period: Signal<String>,
    is_demo: bool,
) -> impl IntoView {
    let territory = Memo::new(move |_| selection.territory());
    let on_select = Callback::new(move |territory: Territory| {
        page_context.switch_territory(territory, selection);
    });
    let on_prefetch = Callback::new(move |territory: Territory| {
        page_context.prefetch_territory_later(territory);
    });
    let draw_everything = page_context.draw_everything;
    let territoires_industrie =
        move || manifest.with_value(|m| m.territoires_industrie_text(&territory.get()));
    view! {
        <header class="app-header">
            <div class="title">
                <h1>"Commerce extérieur des territoires"</h1>
                <p class="subtitle">{move || format!("{} — données douanières {}", territory_label.get(), period.get())}</p>
            </div>
            {move || territoires_industrie().map(|text| view! { <p class="territoires-industrie">{text}</p> })}
            {is_demo.then(|| view! {
                <p class="demo-badge" role="note" title="Données synthétiques au format des douanes, calibrées sur les totaux publiés pour 2024">
                    "Données de démonstration"
                </p>
            })}
            <TerritorySelect manifest=manifest selected=territory.into() on_select=on_select on_prefetch=on_prefetch/>
            <CompareSelect manifest=manifest selection=selection/>
            <button type="button" class="print-button" on:click=move |_| print_fiche(draw_everything)>"Imprimer la fiche"</button>
        </header>
        <Filters catalog=catalog selection=selection>
            <PeriodSelect manifest=manifest selection=selection/>
        </Filters>
    }
}
