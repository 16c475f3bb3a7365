//! « Comparer avec »: a second territory set beside the selected one (`compare=` in the address),
//! which adds the `comparison` block and outlines both on the map.

use crate::state::AddressState;
use comex_core::codes::Territory;
use comex_core::manifest::Manifest;
use leptos::prelude::*;

/// The value of « no comparison » in the list.
const NONE: &str = "";

#[component]
pub fn CompareSelect(
    manifest: StoredValue<Manifest, LocalStorage>,
    selection: AddressState,
) -> impl IntoView {
    let groups = manifest.with_value(|manifest| {
        let of = |keep: fn(&Territory) -> bool| -> Vec<(String, String)> {
            manifest
                .territories
                .iter()
                .filter(|entry| keep(&entry.territory))
                .map(|entry| {
                    let text = match &entry.territory {
                        Territory::Departement(code) => format!("{} ({code})", entry.label),
                        _ => entry.label.clone(),
                    };
                    (entry.territory.to_string(), text)
                })
                .collect()
        };
        [
            (
                "Départements",
                of(|t| matches!(t, Territory::Departement(_))),
            ),
            ("Régions", of(|t| matches!(t, Territory::Region(_)))),
            ("France", of(|t| *t == Territory::France)),
        ]
    });
    view! {
        <div class="filter compare-select">
            <label for="compare">"Comparer avec"</label>
            <select id="compare"
                prop:value=move || selection.compare().map_or_else(String::new, |t| t.to_string())
                on:change=move |event| {
                    let value = event_target_value(&event);
                    let other = (value != NONE).then(|| value.parse::<Territory>().ok()).flatten();
                    selection.set_compare(other.as_ref());
                }>
                <option value=NONE>"Aucun territoire"</option>
                {groups.into_iter().map(|(group, entries)| view! {
                    <optgroup label=group>
                        {entries.into_iter().map(|(value, text)| view! { <option value=value>{text}</option> }).collect_view()}
                    </optgroup>
                }).collect_view()}
            </select>
        </div>
    }
}
