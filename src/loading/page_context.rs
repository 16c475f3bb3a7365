//! The page's context, shared by every block: the data set, the selection as the core reads it, the
//! results kept across switches, the page's layout and theme; the territory switch, and what is
//! fetched ahead of need.

use super::block::loads_at_once;
use super::{when_idle, DrawEverything, SWITCH_PATIENCE};
use crate::api::Dataset;
use crate::perf;
use crate::state::AddressState;
use comex_core::blocks::{Block, BlockSelection};
use comex_core::codes::Territory;
use comex_core::views::portrait::SharedResults;
use leptos::prelude::*;
use std::rc::Rc;

/// What every block of the page shares.
#[derive(Clone, Copy)]
pub struct PageContext {
    pub dataset: StoredValue<Rc<Dataset>, LocalStorage>,
    /// Results that do not depend on the territory, kept across switches (keyed by what they read).
    pub shared: StoredValue<SharedResults, LocalStorage>,
    /// The selection as the core reads it, parsed once from the URL.
    pub selection: Memo<BlockSelection>,
    /// Charts use shorter labels on a phone.
    pub narrow: RwSignal<bool>,
    /// The page's colour scheme, which the charts are drawn in.
    pub theme: RwSignal<comex_charts::Theme>,
    pub draw_everything: DrawEverything,
    /// Counts « Réessayer » clicks: each one retries every block whose files failed.
    pub attempt: RwSignal<u32>,
    /// Set once a chart is drawn (or at once in an embed without charts).
    pub first_chart_drawn: RwSignal<bool>,
    /// Counts the territories chosen: a switch applies only if no other was chosen since.
    switches: StoredValue<u32, LocalStorage>,
}

impl PageContext {
    /// The files the first view's blocks would read for `territory` with the current selection:
    /// those of the blocks that load at once (`block::loads_at_once`), as `Block::files` names them.
    fn first_view_files(&self, territory: &Territory) -> Vec<String> {
        let mut selection = self.selection.get_untracked();
        selection.territory = territory.clone();
        self.dataset.with_value(|dataset| {
            let mut paths: Vec<String> = Block::ALL
                .into_iter()
                .filter_map(|block| {
                    let files = block
                        .files(&dataset.manifest, &dataset.catalog, &selection)
                        .ok()??;
                    loads_at_once(block, &files, territory).then_some(files.subject_files)
                })
                .flatten()
                .collect();
            paths.sort();
            paths.dedup();
            paths
        })
    }

    /// Asks now for a territory's first-view files, before the blocks that read them exist (a
    /// hovered département of the map: a click then finds them on their way).
    pub fn prefetch_territory(&self, territory: &Territory) {
        let paths = self.first_view_files(territory);
        self.dataset.with_value(|dataset| {
            for path in &paths {
                dataset.prefetch(path);
            }
        });
    }

    /// Shows another territory (chosen in the selector or on the map): its files are asked for at
    /// once and the address changes when they are in, or after `SWITCH_PATIENCE` if they are slow
    /// (the blocks then show their loading state, as on a first load). A failed file switches too:
    /// the blocks report it.
    pub fn switch_territory(&self, territory: Territory, selection: AddressState) {
        perf::mark(perf::TERRITORY_SELECTED);
        let switches = self.switches;
        let number = switches.get_value().wrapping_add(1);
        switches.set_value(number);
        let dataset = self.dataset.get_value();
        let paths = self.first_view_files(&territory);
        let stored_dataset = self.dataset;
        // Whichever comes first, the files or the patience's end, switches; the other does nothing
        // (a « Précédent » in between would otherwise be undone).
        let done = Rc::new(std::cell::Cell::new(false));
        let apply = move || {
            if done.replace(true) {
                return;
            }
            let shown = untrack(|| selection.territory());
            if switches.get_value() == number && shown != territory {
                stored_dataset
                    .with_value(|dataset| selection.set_territory(&territory, &dataset.manifest));
            }
        };
        let apply_when_loaded = apply.clone();
        // Asked for in this task (the future runs at once, in a microtask, before the next frame).
        wasm_bindgen_futures::spawn_local(async move {
            // Errors are the blocks' to report, once switched.
            let _ = dataset.tables(paths).await;
            apply_when_loaded();
        });
        set_timeout(apply, SWITCH_PATIENCE);
    }

    /// Asks for a territory's files once the shown territory's are in (they come first on a slow
    /// line): the selector's guesses at the next choice.
    pub fn prefetch_territory_later(&self, territory: Territory) {
        let dataset = self.dataset.get_value();
        let shown = self
            .selection
            .with_untracked(|selection| selection.territory.clone());
        let shown_files = self.first_view_files(&shown);
        let next_files = self.first_view_files(&territory);
        wasm_bindgen_futures::spawn_local(async move {
            for path in shown_files {
                // A failure is the shown blocks' to report.
                let _ = dataset.table(&path).await;
            }
            for path in next_files {
                dataset.prefetch(&path);
            }
        });
    }

    /// Asks for the files of the selected territory's région (the totals' shares, the région's
    /// diagrams, further down) once the key points' files are in and the browser is idle: scrolled
    /// to, those blocks find them there. None for a région or France (no région to compare with).
    pub fn prefetch_region_when_idle(&self) {
        let dataset = self.dataset.get_value();
        let selection = self.selection;
        let asked = selection.get_untracked();
        let files = |block: Block| {
            block
                .files(&dataset.manifest, &dataset.catalog, &asked)
                .ok()
                .flatten()
        };
        let key_points: Vec<String> = files(Block::KeyPoints)
            .map(|files| files.all().into_iter().map(str::to_string).collect())
            .unwrap_or_default();
        let region = files(Block::TotalsExportations).map(|files| files.region_files);
        let Some(region) = region.filter(|files| !files.is_empty()) else {
            return;
        };
        wasm_bindgen_futures::spawn_local(async move {
            for path in key_points {
                // A failure is the key points' to report.
                let _ = dataset.table(&path).await;
            }
            when_idle(move || {
                // Another selection since: its own call asks for its région.
                if selection.get_untracked() == asked {
                    for path in &region {
                        dataset.prefetch(path);
                    }
                }
            });
        });
    }

    pub fn new(
        dataset: Rc<Dataset>,
        selection: AddressState,
        draw_everything: DrawEverything,
    ) -> Self {
        let catalog = dataset.catalog.clone();
        PageContext {
            dataset: StoredValue::new_local(dataset),
            shared: StoredValue::new_local(SharedResults::default()),
            selection: Memo::new(move |_| selection.core_selection(&catalog)),
            narrow: RwSignal::new(false),
            theme: RwSignal::new(comex_charts::Theme::default()),
            draw_everything,
            attempt: RwSignal::new(0),
            first_chart_drawn: RwSignal::new(false),
            switches: StoredValue::new_local(0),
        }
    }
}
