//! The territory selector: type « Oise » or « 60 » to narrow the list; départements grouped by
//! région, then the régions, then France.

use comex_core::codes::Territory;
use comex_core::manifest::{Manifest, TerritoryEntry};
use leptos::prelude::*;

/// What people type, lower case, without accents (the browser's own Unicode decomposition) and with
/// `-` and apostrophes as spaces: compared with the manifest's `slug`, the label folded by the data build.
fn folded_query(text: &str) -> String {
    let decomposed: String = js_sys::JsString::from(text).normalize("NFD").into();
    words(
        &decomposed
            .chars()
            .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
            .collect::<String>()
            .to_lowercase(),
    )
}

/// Words separated by one space: `cote d or`.
fn words(text: &str) -> String {
    let spaced = text.replace(['-', '\'', '’'], " ");
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn code_of(territory: &Territory) -> String {
    match territory {
        Territory::Departement(code) | Territory::Region(code) => code.clone(),
        Territory::France => String::new(),
    }
}

/// Whether an entry matches the search, folded once by the caller (`folded_query`).
fn matches(entry: &TerritoryEntry, query: &str) -> bool {
    query.is_empty()
        || words(&entry.slug).contains(query)
        || code_of(&entry.territory).to_ascii_lowercase() == query
        || territoire_matched(entry, query).is_some()
}

/// The département's Territoire d'industrie whose name holds the (folded) query: « beauvaisis »
/// finds the Oise, a territoire across two départements finds both.
fn territoire_matched<'a>(entry: &'a TerritoryEntry, query: &str) -> Option<&'a str> {
    if query.chars().count() < 3 {
        return None;
    }
    entry
        .territoires_industrie
        .iter()
        .find(|name| folded_query(name).contains(query))
        .map(String::as_str)
}

/// The option groups: one per région (its départements), then « Régions », then « France ».
fn groups(manifest: &Manifest, query: &str) -> Vec<(String, Vec<TerritoryEntry>)> {
    let query = &folded_query(query.trim());
    let regions: Vec<&TerritoryEntry> = manifest
        .territories
        .iter()
        .filter(|entry| matches!(entry.territory, Territory::Region(_)))
        .collect();
    let mut groups = Vec::new();
    for region in &regions {
        let departements: Vec<TerritoryEntry> = manifest
            .territories
            .iter()
            .filter(|e| {
                matches!(e.territory, Territory::Departement(_)) && e.region == region.region
            })
            .filter(|entry| matches(entry, query))
            .cloned()
            .collect();
        if !departements.is_empty() {
            groups.push((region.label.clone(), departements));
        }
    }
    let region_entries: Vec<TerritoryEntry> = regions
        .into_iter()
        .filter(|entry| matches(entry, query))
        .cloned()
        .collect();
    if !region_entries.is_empty() {
        groups.push(("Régions".to_string(), region_entries));
    }
    let france: Vec<TerritoryEntry> = manifest
        .territories
        .iter()
        .filter(|entry| entry.territory == Territory::France && matches(entry, query))
        .cloned()
        .collect();
    if !france.is_empty() {
        groups.push(("France".to_string(), france));
    }
    groups
}

/// What Enter chooses among the matches: the one named exactly as typed (« oise » is the Oise, not
/// the Val-d'Oise), or whose code it is, else the first.
fn best_match(found: &[TerritoryEntry], text: &str) -> Option<Territory> {
    let query = folded_query(text.trim());
    found
        .iter()
        .find(|entry| {
            words(&entry.slug) == query || code_of(&entry.territory).to_ascii_lowercase() == query
        })
        .or_else(|| found.first())
        .map(|entry| entry.territory.clone())
}

/// Typing that leaves this few territories asks for their files: one of them is about to be chosen.
const FEW_MATCHES: usize = 3;

/// The territories next to `selected` in the list (the arrow keys' targets).
fn neighbours(options: &[TerritoryEntry], selected: &Territory) -> Vec<Territory> {
    let Some(at) = options
        .iter()
        .position(|entry| &entry.territory == selected)
    else {
        return Vec::new();
    };
    [at.checked_sub(1), Some(at + 1)]
        .into_iter()
        .flatten()
        .filter_map(|index| options.get(index))
        .map(|entry| entry.territory.clone())
        .collect()
}

/// `Oise (60)`, or `Oise (60) — Territoire d'industrie Beauvaisis` when found by its territoire.
/// `folded` is the search as `folded_query` gives it.
fn option_text(entry: &TerritoryEntry, folded: &str) -> String {
    let own = match &entry.territory {
        Territory::Departement(code) => format!("{} ({code})", entry.label),
        _ => entry.label.clone(),
    };
    let by_name = words(&entry.slug).contains(folded);
    match territoire_matched(entry, folded) {
        Some(territoire) if !by_name => format!("{own} — Territoire d'industrie {territoire}"),
        _ => own,
    }
}

#[component]
pub fn TerritorySelect(
    manifest: StoredValue<Manifest, LocalStorage>,
    selected: Signal<Territory>,
    on_select: Callback<Territory>,
    /// Asks for a territory's files ahead of its choice (after the shown territory's).
    on_prefetch: Callback<Territory>,
) -> impl IntoView {
    let (query, set_query) = signal(String::new());
    let option_groups = move || manifest.with_value(|m| groups(m, &query.get()));
    let options = move |text: &str| -> Vec<TerritoryEntry> {
        manifest
            .with_value(|manifest| groups(manifest, text))
            .into_iter()
            .flat_map(|(_, entries)| entries)
            .collect()
    };
    // Typing a code or a unique name selects it at once; a few matches are asked for.
    let on_input = move |event| {
        let text = event_target_value(&event);
        set_query.set(text.clone());
        let found = options(&text);
        if let [only] = found.as_slice() {
            on_select.run(only.territory.clone());
        } else if found.len() <= FEW_MATCHES {
            for entry in found {
                on_prefetch.run(entry.territory);
            }
        }
    };
    // Enter chooses the best match of what is typed, as a search field should.
    let on_keydown = move |event: leptos::ev::KeyboardEvent| {
        if event.key() != "Enter" {
            return;
        }
        event.prevent_default();
        let text = event_target_value(&event);
        if let Some(territory) = best_match(&options(&text), &text) {
            on_select.run(territory);
        }
    };
    // Focused, the list moves with the arrow keys (a change at each key): the territories on
    // either side of the selected one are asked for, and again after each move.
    let list = NodeRef::<leptos::html::Select>::new();
    let prefetch_neighbours = move || {
        for territory in neighbours(&options(&query.get_untracked()), &selected.get_untracked()) {
            on_prefetch.run(territory);
        }
    };
    Effect::new(move |_| {
        selected.track();
        let focused = list.get_untracked().is_some_and(|list| {
            document()
                .active_element()
                .is_some_and(|active| active == **list)
        });
        if focused {
            prefetch_neighbours();
        }
    });
    view! {
        <div class="territory-select">
            <label for="territory-search">"Territoire"</label>
            <input id="territory-search" type="search" placeholder="Oise, 60, Beauvaisis…"
                aria-describedby="territory-search-help"
                autocomplete="off" prop:value=query on:input=on_input on:keydown=on_keydown/>
            <p id="territory-search-help" class="visually-hidden">"Un département (nom ou numéro), une région ou un territoire d'industrie ; Entrée choisit le premier trouvé."</p>
            // The options depend on the search only; the selection moves with `value`, so that a
            // switch does not rebuild the 120 options.
            <select id="territory" aria-label="Choisir le territoire"
                prop:value=move || selected.get().to_string()
                node_ref=list
                on:focus=move |_| prefetch_neighbours()
                on:change=move |event| {
                    if let Ok(territory) = event_target_value(&event).parse::<Territory>() {
                        on_select.run(territory);
                    }
                }>
                {move || {
                    let folded = folded_query(query.get_untracked().trim());
                    option_groups().into_iter().map(|(group, entries)| view! {
                    <optgroup label=group>
                        {entries.into_iter().map(|entry| {
                            let value = entry.territory.to_string();
                            let is_selected = selected.get_untracked() == entry.territory;
                            let text = option_text(&entry, &folded);
                            view! { <option value=value selected=is_selected>{text}</option> }
                        }).collect_view()}
                    </optgroup>
                }).collect_view()
                }}
            </select>
        </div>
    }
}
