//! Filters: a product at any level, a partner country or group, the product level of the charts.
//! Active filters show as removable chips. Everything goes through the URL (`state::AddressState`).

use crate::state::AddressState;
use comex_core::catalog::{Catalog, CountryGroup};
use comex_core::codes::ProductLevel;
use comex_core::filter::{CountrySelection, ProductSelection};
use leptos::prelude::*;
use std::collections::BTreeMap;

const SEPARATOR: &str = " — ";

fn level_label(level: ProductLevel) -> &'static str {
    match level {
        ProductLevel::A17 => "A17 (grands secteurs)",
        ProductLevel::A38 => "A38",
        ProductLevel::A129 => "A129",
        ProductLevel::Cpf4 => "CPF4 (produits détaillés)",
    }
}

/// Every product code of every level, coarse first: `code — label`.
fn product_choices(catalog: &Catalog) -> Vec<String> {
    let mut choices = Vec::new();
    for level in [
        ProductLevel::A17,
        ProductLevel::A38,
        ProductLevel::A129,
        ProductLevel::Cpf4,
    ] {
        let codes: BTreeMap<&str, &str> = catalog
            .products
            .iter()
            .map(|product| (product.code(level), product.label(level)))
            .collect();
        choices.extend(
            codes
                .into_iter()
                .map(|(code, label)| format!("{code}{SEPARATOR}{label}")),
        );
    }
    choices
}

fn country_choices(catalog: &Catalog) -> Vec<String> {
    CountryGroup::ALL
        .iter()
        .map(|g| format!("group:{}{SEPARATOR}{}", g.code(), g.label_fr()))
        .chain(
            catalog
                .countries
                .iter()
                .map(|country| format!("{}{SEPARATOR}{}", country.code, country.label)),
        )
        .collect()
}

/// The code typed or chosen: what stands before ` — `, or the whole text.
fn chosen_code(text: &str) -> Option<String> {
    let code = text.split(SEPARATOR).next().unwrap_or("").trim();
    (!code.is_empty()).then(|| code.to_string())
}

#[component]
pub fn Filters(
    catalog: StoredValue<comex_core::catalog::Catalog, LocalStorage>,
    selection: AddressState,
    /// More selectors, shown first (the period).
    children: Children,
) -> impl IntoView {
    let product_chip = move || {
        let code = selection.product_code()?;
        let label = catalog.with_value(|c| {
            ProductSelection::parse(&code, c).ok().and_then(|product| {
                c.product_label(product.level, &product.code)
                    .map(str::to_string)
            })
        });
        Some(format!("Produit : {}", label.unwrap_or(code)))
    };
    let country_chip = move || {
        let code = selection.country_code()?;
        let label =
            catalog.with_value(|c| CountrySelection::parse(&code, c).ok().map(|s| s.label(c)));
        Some(format!("Pays : {}", label.unwrap_or(code)))
    };
    // On a phone the selectors fold behind one « Filtres » button (the active filters stay shown as
    // chips), so that the portrait starts within the first screen; wider, the button is hidden.
    let (open, set_open) = signal(false);
    view! {
        // A labelled region: every control of the page is inside a landmark.
        <section class="filters" class:open=open aria-label="Filtres">
            <button type="button" class="filters-toggle" aria-controls="filters-body"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| set_open.update(|open| *open = !*open)>"Filtres"</button>
            <div id="filters-body" class="filters-body">
            {children()}
            <SearchFilter id="product" label="Produit" placeholder="Code ou libellé : C20B, parfums…"
                catalog=catalog choices=product_choices on_choose=Callback::new(move |code| selection.set_product(code))/>
            <SearchFilter id="country" label="Pays partenaire" placeholder="Pays ou zone : US, Union européenne…"
                catalog=catalog choices=country_choices on_choose=Callback::new(move |code| selection.set_country(code))/>
            <div class="filter">
                <label for="level">"Niveau des produits"</label>
                <select id="level" prop:value=move || selection.level().name().to_string()
                    on:change=move |event| {
                        if let Ok(level) = event_target_value(&event).parse::<ProductLevel>() {
                            selection.set_level(level);
                        }
                    }>
                    {[ProductLevel::A17, ProductLevel::A38, ProductLevel::A129, ProductLevel::Cpf4].map(|level| view! {
                        <option value=level.name() selected=move || selection.level() == level>{level_label(level)}</option>
                    }).collect_view()}
                </select>
            </div>
            </div>
            <ul class="chips" aria-label="Filtres actifs">
                {move || product_chip().map(|text| view! {
                    <li class="chip">{text}
                        <button type="button" aria-label="Retirer le filtre produit" on:click=move |_| selection.set_product(None)>"×"</button>
                    </li>
                })}
                {move || country_chip().map(|text| view! {
                    <li class="chip">{text}
                        <button type="button" aria-label="Retirer le filtre pays" on:click=move |_| selection.set_country(None)>"×"</button>
                    </li>
                })}
            </ul>
        </section>
    }
}

/// A searchable choice (`code — label` suggestions): what is chosen goes to `on_choose`, then the
/// field empties (the choice shows as a chip). The suggestions (1 076 for the two fields) are
/// written when the field is first focused, before anything is typed in it: not in the page's first
/// build, nor in the static page.
#[component]
fn SearchFilter(
    id: &'static str,
    label: &'static str,
    placeholder: &'static str,
    catalog: StoredValue<Catalog, LocalStorage>,
    choices: fn(&Catalog) -> Vec<String>,
    on_choose: Callback<Option<String>>,
) -> impl IntoView {
    let input_id = format!("{id}-filter");
    let list_id = format!("{id}-choices");
    let (wanted, set_wanted) = signal(false);
    let suggestions = move || {
        wanted.get().then(|| {
            catalog
                .with_value(choices)
                .into_iter()
                .map(|choice| view! { <option value=choice/> })
                .collect_view()
        })
    };
    view! {
        <div class="filter">
            <label for=input_id.clone()>{label}</label>
            <input id=input_id type="search" list=list_id.clone() placeholder=placeholder
                on:focus=move |_| if !wanted.get_untracked() { set_wanted.set(true) }
                on:change=move |event| {
                    on_choose.run(chosen_code(&event_target_value(&event)));
                    event_target::<web_sys::HtmlInputElement>(&event).set_value("");
                }/>
            <datalist id=list_id>{suggestions}</datalist>
        </div>
    }
}
