//! The territory selector, one ARIA combobox (the APG's editable combobox with list autocomplete):
//! type « Oise », « 60 » or « Beauvaisis » to narrow the list (départements grouped by région, then
//! the régions, then France), the arrow keys move in it, Enter or a click chooses, Échap closes.

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
fn neighbours(options: &[Territory], selected: &Territory) -> Vec<Territory> {
    let Some(at) = options.iter().position(|territory| territory == selected) else {
        return Vec::new();
    };
    [at.checked_sub(1), Some(at + 1)]
        .into_iter()
        .flatten()
        .filter_map(|index| options.get(index))
        .cloned()
        .collect()
}

/// The option's element id (`territory-option-dep-60`), for `aria-activedescendant`.
fn option_id(territory: &Territory) -> String {
    format!(
        "territory-option-{}",
        territory.to_string().replace(':', "-")
    )
}

/// The territories of the list for what is typed, in their order.
fn listed(manifest: &Manifest, text: &str) -> Vec<Territory> {
    groups(manifest, text)
        .into_iter()
        .flat_map(|(_, entries)| entries)
        .map(|entry| entry.territory)
        .collect()
}

/// What the field shows when nothing is typed: the selected territory as the list names it.
fn selected_text(manifest: &Manifest, territory: &Territory) -> String {
    manifest
        .territories
        .iter()
        .find(|entry| &entry.territory == territory)
        .map_or_else(|| manifest.label(territory), |entry| option_text(entry, ""))
}

/// « 12 territoires trouvés », said to screen readers as the list narrows.
fn found_text(count: usize) -> String {
    match count {
        0 => "Aucun territoire trouvé".to_string(),
        1 => "1 territoire trouvé".to_string(),
        many => format!("{many} territoires trouvés"),
    }
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

/// The combobox's state and what it does, shared by its field and its list (all handles: `Copy`).
#[derive(Clone, Copy)]
struct Combobox {
    manifest: StoredValue<Manifest, LocalStorage>,
    selected: Signal<Territory>,
    on_select: Callback<Territory>,
    on_prefetch: Callback<Territory>,
    /// What is typed since the field took the focus; none while it shows the selected territory.
    typed: RwSignal<Option<String>>,
    open: RwSignal<bool>,
    /// The option the arrow keys are on (`aria-activedescendant`): Enter chooses it.
    active: RwSignal<Option<Territory>>,
}

impl Combobox {
    /// What is typed, tracked (the list follows it).
    fn query(self) -> String {
        self.typed.get().unwrap_or_default()
    }

    /// What is typed, read by a key or a click.
    fn query_now(self) -> String {
        self.typed.get_untracked().unwrap_or_default()
    }

    fn territories(self) -> Vec<Territory> {
        let query = self.query_now();
        self.manifest
            .with_value(|manifest| listed(manifest, &query))
    }

    fn close(self) {
        self.typed.set(None);
        self.open.set(false);
        self.active.set(None);
    }

    fn choose(self, territory: Territory) {
        self.close();
        self.on_select.run(territory);
    }

    /// The option under the arrow keys is asked for, and those on either side of it: the next
    /// key or Enter finds its files on their way.
    fn prefetch_around(self, territory: &Territory, list: &[Territory]) {
        self.on_prefetch.run(territory.clone());
        for neighbour in neighbours(list, territory) {
            self.on_prefetch.run(neighbour);
        }
    }

    /// Makes `territory` the active option, scrolled into the list's view.
    fn show(self, territory: Territory) {
        if let Some(option) = document().get_element_by_id(&option_id(&territory)) {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Nearest);
            option.scroll_into_view_with_scroll_into_view_options(&options);
        }
        self.active.set(Some(territory));
    }

    /// Opens the list on the selected territory.
    fn open_list(self) {
        if self.open.get_untracked() {
            return;
        }
        self.open.set(true);
        let current = self.selected.get_untracked();
        let list = self.territories();
        if list.contains(&current) {
            self.prefetch_around(&current, &list);
            // Laid out first, so that the selected option can be scrolled to.
            request_animation_frame(move || self.show(current));
        } else {
            self.active.set(list.first().cloned());
        }
    }

    fn step(self, by: isize) {
        let list = self.territories();
        let Some(last) = list.len().checked_sub(1) else {
            return;
        };
        let at = self
            .active
            .get_untracked()
            .and_then(|territory| list.iter().position(|t| *t == territory));
        let next = match at {
            None if by > 0 => 0,
            None => last,
            Some(at) => at.saturating_add_signed(by).min(last),
        };
        if let Some(territory) = list.get(next).cloned() {
            self.prefetch_around(&territory, &list);
            self.show(territory);
        }
    }

    /// Typing narrows the list to what matches, on the best match (the one named exactly as typed,
    /// else the first); a code or a name that only one territory matches is chosen at once; a few
    /// matches are asked for.
    fn input(self, text: String) {
        let (list, best) = self.manifest.with_value(|manifest| {
            let entries: Vec<TerritoryEntry> = groups(manifest, &text)
                .into_iter()
                .flat_map(|(_, entries)| entries)
                .collect();
            let best = best_match(&entries, &text);
            let list: Vec<Territory> = entries.into_iter().map(|entry| entry.territory).collect();
            (list, best)
        });
        self.typed.set(Some(text));
        self.open.set(true);
        self.active.set(best);
        if let [only] = list.as_slice() {
            self.on_select.run(only.clone());
        } else if list.len() <= FEW_MATCHES {
            for territory in list {
                self.on_prefetch.run(territory);
            }
        }
    }

    /// Enter: the active option (the best match of what is typed, or where the arrows moved).
    fn enter(self) {
        let active = self
            .active
            .get_untracked()
            .filter(|_| self.open.get_untracked());
        if let Some(territory) = active {
            self.choose(territory);
        }
    }

    fn key(self, event: &leptos::ev::KeyboardEvent) {
        match event.key().as_str() {
            "ArrowDown" | "ArrowUp" if !self.open.get_untracked() => {
                event.prevent_default();
                self.open_list();
            }
            "ArrowDown" => {
                event.prevent_default();
                self.step(1);
            }
            "ArrowUp" => {
                event.prevent_default();
                self.step(-1);
            }
            "Enter" => {
                event.prevent_default();
                self.enter();
            }
            // Échap closes the list, then gives the field back its territory.
            "Escape" if self.open.get_untracked() => {
                self.open.set(false);
                self.active.set(None);
            }
            "Escape" => self.typed.set(None),
            _ => {}
        }
    }

    /// Focused, the territories on either side of the shown one are asked for.
    fn focused(self) {
        let list = self.manifest.with_value(|manifest| listed(manifest, ""));
        for neighbour in neighbours(&list, &self.selected.get_untracked()) {
            self.on_prefetch.run(neighbour);
        }
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
    let combobox = Combobox {
        manifest,
        selected,
        on_select,
        on_prefetch,
        typed: RwSignal::new(None),
        open: RwSignal::new(false),
        active: RwSignal::new(None),
    };
    let Combobox {
        typed,
        open,
        active,
        ..
    } = combobox;
    let field = NodeRef::<leptos::html::Input>::new();
    // Focused by a press, the field keeps its text selected when the button is released: typing
    // replaces the shown territory.
    let just_focused = StoredValue::new(false);
    let shown = move || {
        typed
            .get()
            .unwrap_or_else(|| manifest.with_value(|m| selected_text(m, &selected.get())))
    };
    view! {
        <div class="territory-select">
            <label for="territory-search">"Territoire"</label>
            <input id="territory-search" type="text" role="combobox" aria-autocomplete="list"
                aria-controls="territory-listbox"
                aria-expanded=move || open.get().to_string()
                aria-activedescendant=move || active.get().map(|territory| option_id(&territory))
                aria-describedby="territory-search-help"
                placeholder="Oise, 60, Beauvaisis…" autocomplete="off" spellcheck="false"
                node_ref=field prop:value=shown
                on:focus=move |_| {
                    if let Some(field) = field.get_untracked() {
                        field.select();
                    }
                    just_focused.set_value(true);
                    combobox.focused();
                }
                on:mouseup=move |event| {
                    if just_focused.get_value() {
                        event.prevent_default();
                    }
                    just_focused.set_value(false);
                }
                on:keydown=move |event| {
                    just_focused.set_value(false);
                    combobox.key(&event)
                }
                on:click=move |_| combobox.open_list()
                on:input=move |event| combobox.input(event_target_value(&event))
                on:blur=move |_| combobox.close()/>
            <p id="territory-search-help" class="visually-hidden">"Un département (nom ou numéro), une région ou un territoire d'industrie ; les flèches parcourent la liste, Entrée choisit."</p>
            <TerritoryList combobox=combobox/>
        </div>
    }
}

/// The combobox's list, grouped (départements by région, the régions, France), and the count of
/// what it holds for screen readers.
#[component]
fn TerritoryList(combobox: Combobox) -> impl IntoView {
    let Combobox {
        manifest,
        selected,
        open,
        active,
        ..
    } = combobox;
    let found = Memo::new(move |_| {
        if open.get() {
            let query = combobox.query();
            manifest.with_value(|manifest| groups(manifest, &query))
        } else {
            Vec::new()
        }
    });
    let option = move |entry: TerritoryEntry, folded: &str| {
        let territory = entry.territory.clone();
        let id = option_id(&territory);
        let is_current = selected.get_untracked() == territory;
        let text = option_text(&entry, folded);
        let is_active = {
            let territory = territory.clone();
            move || (active.get().as_ref() == Some(&territory)).to_string()
        };
        view! {
            <div role="option" id=id class:current=is_current aria-selected=is_active
                on:click=move |_| combobox.choose(territory.clone())>{text}</div>
        }
    };
    view! {
        // Pressed, an option keeps the focus in the field (the list closes when the field loses it).
        <div id="territory-listbox" role="listbox" aria-label="Territoires" class="territory-listbox"
            hidden=move || !open.get()
            on:mousedown=|event| event.prevent_default()>
            {move || {
                let folded = folded_query(combobox.query().trim());
                found.get().into_iter().enumerate().map(|(index, (group, entries))| {
                    let heading = format!("territory-group-{index}");
                    let labelled_by = heading.clone();
                    view! {
                        <div role="group" aria-labelledby=labelled_by>
                            <div role="presentation" class="group-label" id=heading>{group}</div>
                            {entries.into_iter().map(|entry| option(entry, &folded)).collect_view()}
                        </div>
                    }
                }).collect_view()
            }}
        </div>
        <p class="visually-hidden" role="status">
            {move || open.get().then(|| found.with(|groups| found_text(groups.iter().map(|(_, entries)| entries.len()).sum())))}
        </p>
    }
}
