//! Loading a block: the core says which files it reads and whether it applies; they are fetched when
//! the block first comes near the screen (or for printing), and the core computes the block's model
//! from exactly those tables. Nothing is computed here: this file only fetches and hands over.

use crate::api::{Dataset, LoadError};
use crate::components::near_screen::DrawEverything;
use crate::components::view_block::{Drawn, Loaded};
use crate::perf;
use crate::state::Selection;
use comex_charts::Layout;
use comex_core::blocks::model::Context;
use comex_core::blocks::text::Heading;
use comex_core::blocks::{
    compute, Block, BlockError, BlockFiles, Selection as CoreSelection, Tables,
};
use comex_core::codes::{Period, Territory};
use comex_core::table::TradeTable;
use comex_core::views::portrait::SharedResults;
use comex_core::CoreError;
use leptos::prelude::*;
use std::rc::Rc;
use std::sync::Arc;

/// What every block of the page shares.
#[derive(Clone, Copy)]
pub struct Portrait {
    pub dataset: StoredValue<Rc<Dataset>, LocalStorage>,
    /// Results that do not depend on the territory, kept across switches (keyed by what they read).
    pub shared: StoredValue<SharedResults, LocalStorage>,
    /// The selection as the core reads it, parsed once from the URL.
    pub selection: Memo<CoreSelection>,
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

/// How long a switch waits for the chosen territory's files before the page shows it loading. Files
/// in within that time (on these machines 5–30 ms after the choice) make the page go from one
/// territory to the next in one step: the blocks neither dim nor lay out a loading state between.
const SWITCH_PATIENCE: std::time::Duration = std::time::Duration::from_millis(150);

impl Portrait {
    /// Asks now for a territory's files for these quarters, before the blocks that read them exist
    /// (a hovered département of the map: a click then finds them on their way).
    pub fn prefetch_territory(&self, territory: &Territory, periods: &[Period]) {
        self.dataset.with_value(|dataset| {
            for path in dataset.manifest.territory_files(territory, periods) {
                dataset.prefetch(&path);
            }
        });
    }

    /// Shows another territory (chosen in the selector or on the map): its files are asked for at
    /// once and the address changes when they are in, or after `SWITCH_PATIENCE` if they are slow
    /// (the blocks then show their loading state, as on a first load). A failed file switches too:
    /// the blocks report it.
    pub fn switch_territory(&self, territory: Territory, selection: Selection) {
        perf::mark(perf::TERRITORY_SELECTED);
        let switches = self.switches;
        let number = switches.get_value().wrapping_add(1);
        switches.set_value(number);
        let dataset = self.dataset.get_value();
        let paths = dataset
            .manifest
            .territory_files(&territory, &selection.periods());
        let pages = self.dataset;
        let apply = move || {
            let shown = untrack(|| selection.territory());
            if switches.get_value() == number && shown != territory {
                pages.with_value(|dataset| selection.set_territory(&territory, &dataset.manifest));
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
    pub fn prefetch_territory_later(&self, territory: Territory, periods: Vec<Period>) {
        let dataset = self.dataset.get_value();
        let shown = self
            .selection
            .with_untracked(|selection| selection.territory.clone());
        wasm_bindgen_futures::spawn_local(async move {
            for path in dataset.manifest.territory_files(&shown, &periods) {
                // A failure is the shown blocks' to report.
                let _ = dataset.table(&path).await;
            }
            for path in dataset.manifest.territory_files(&territory, &periods) {
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
        selection: Selection,
        draw_everything: DrawEverything,
    ) -> Self {
        let catalog = dataset.catalog.clone();
        Portrait {
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

/// Runs `then` when the browser is idle (`requestIdleCallback`, at most a second later), or 200 ms
/// later in a browser without that call.
fn when_idle(then: impl FnOnce() + 'static) {
    use wasm_bindgen::JsCast;
    let options = web_sys::IdleRequestOptions::new();
    options.set_timeout(1000);
    let callback = wasm_bindgen::closure::Closure::once_into_js(then);
    if window()
        .request_idle_callback_with_options(callback.unchecked_ref(), &options)
        .is_err()
    {
        let _ = window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), 200);
    }
}

/// A block of the page: its words (none when it does not apply), what it shows once loaded, and
/// what its buttons and its coming near the screen do.
#[derive(Clone, Copy)]
pub struct LoadedBlock {
    pub heading: Memo<Option<Heading>>,
    pub drawn: Signal<Loaded<Arc<Drawn>>>,
    pub retry: Callback<()>,
    /// Told each time the block comes near the screen (true) or leaves it (false).
    pub near_screen: Callback<bool>,
}

/// How long a block far from the screen waits before it computes its model, after the page's first
/// chart and after each new selection: the blocks that can be seen are computed and drawn first (on
/// these machines 40–80 ms after a switch), the others after them instead of in the same task. A
/// block that comes near the screen computes at once.
const FAR_BLOCK_DELAY: std::time::Duration = std::time::Duration::from_millis(150);

/// Whether a block may compute its model: at once near the screen, otherwise `FAR_BLOCK_DELAY`
/// after the page's first chart (the first view's work goes to what can be seen).
fn computes_now(near: RwSignal<bool>, first_chart_drawn: RwSignal<bool>) -> RwSignal<bool> {
    let computes = RwSignal::new(false);
    let start = move || {
        if !computes.get_untracked() {
            computes.set(true);
        }
    };
    Effect::new(move |_| {
        if computes.get_untracked() {
            return;
        }
        if near.get() {
            start();
        } else if first_chart_drawn.get() {
            set_timeout(start, FAR_BLOCK_DELAY);
        }
    });
    computes
}

/// The selection a block shows: the page's, at once while the block is near the screen, after
/// `FAR_BLOCK_DELAY` otherwise. Until then the block shows the previous selection whole (its title,
/// numbers and files together), off screen.
fn shown_selection(
    selection: Memo<CoreSelection>,
    near: RwSignal<bool>,
) -> RwSignal<CoreSelection> {
    let shown = RwSignal::new(selection.get_untracked());
    let follow = move || {
        let current = selection.get_untracked();
        if shown.with_untracked(|shown| *shown != current) {
            shown.set(current);
        }
    };
    Effect::new(move |_| {
        selection.track();
        if near.get() {
            follow();
        } else {
            set_timeout(follow, FAR_BLOCK_DELAY);
        }
    });
    shown
}

type FilesResult = Result<Option<BlockFiles>, CoreError>;

/// The core's model of a block from its loaded tables, and its chart option.
fn draw(
    block: Block,
    portrait: &Portrait,
    selection: &CoreSelection,
    loaded: &[(String, Rc<TradeTable>)],
    layout: Layout,
) -> Loaded<Arc<Drawn>> {
    let mut available = Tables::new();
    for (path, table) in loaded {
        available.insert(path, table);
    }
    let computed = portrait.shared.with_value(|shared| {
        portrait.dataset.with_value(|dataset| {
            let context = Context {
                manifest: &dataset.manifest,
                catalog: &dataset.catalog,
                shared: Some(shared),
            };
            compute(block, context, selection, &available)
                .map(|model| Arc::new(Drawn::new(model, &dataset.manifest, layout)))
        })
    });
    match computed {
        Ok(drawn) => Some(Ok(drawn)),
        // The tables of the previous selection while the new ones load: loading, never a stand-in.
        Err(BlockError::NotReady(_)) | Err(BlockError::NotApplicable) => None,
        Err(BlockError::Core(error)) => Some(Err(LoadError::Data(error))),
    }
}

/// The block's tables if every one is already in (asked for ahead of a switch, or read by another
/// block): the block then goes to the new selection in the task that selects it, without a loading
/// state between (the resource below would hand them over a task later). Not for the map, which
/// waits for its outline as well.
fn already_loaded(
    block: Block,
    portrait: &Portrait,
    files: Memo<FilesResult>,
) -> Option<Vec<(String, Rc<TradeTable>)>> {
    if block == Block::Map {
        return None;
    }
    files.with(|files| {
        let files = files.as_ref().ok()?.as_ref()?;
        portrait.dataset.with_value(|dataset| {
            files
                .all()
                .into_iter()
                .map(|path| Some((path.to_string(), dataset.loaded_table(path)?)))
                .collect()
        })
    })
}

type LoadedTables = Result<Option<Vec<(String, Rc<TradeTable>)>>, LoadError>;

/// The block's tables, fetched once `asked` (each file once, whichever block asks); failed ones are
/// fetched again at each « Réessayer ».
fn fetched_tables(
    block: Block,
    dataset: StoredValue<Rc<Dataset>, LocalStorage>,
    attempt: RwSignal<u32>,
    asked: Memo<bool>,
    files: Memo<FilesResult>,
) -> LocalResource<LoadedTables> {
    LocalResource::new(move || {
        // Loaded files come back from the cache at once; failed ones are fetched again.
        attempt.track();
        let asked = asked.get();
        let paths: Option<Vec<String>> = files
            .get()
            .ok()
            .flatten()
            .filter(|_| asked)
            .map(|files| files.all().into_iter().map(String::from).collect());
        let dataset = dataset.get_value();
        async move {
            let Some(paths) = paths else { return Ok(None) };
            let loaded = dataset.tables(paths).await?;
            // The map draws over its outline: registered before its option is drawn.
            if block == Block::Map {
                crate::map_outline::ensure_outline().await?;
            }
            Ok(Some(loaded))
        }
    })
}

pub fn load(block: Block, portrait: Portrait) -> LoadedBlock {
    let Portrait {
        dataset,
        narrow,
        theme,
        draw_everything,
        attempt,
        first_chart_drawn,
        ..
    } = portrait;
    let near = RwSignal::new(false);
    let selection = shown_selection(portrait.selection, near);
    let computes = computes_now(near, first_chart_drawn);
    let files: Memo<FilesResult> = Memo::new(move |_| {
        dataset.with_value(|dataset| {
            block.files(&dataset.manifest, &dataset.catalog, &selection.get())
        })
    });
    // A block that reads only the territory's file (which the first view fetches anyway) loads at
    // once; the others when they first come near the screen.
    let wanted = RwSignal::new(false);
    let reads_only_the_territory = move || {
        files.with(|files| {
            files.as_ref().ok().flatten().is_some_and(|files| {
                files.subject == selection.with(|selection| selection.territory.clone())
                    && files.all().len() == files.subject_files.len()
                    && !block.reads_every_year()
            })
        })
    };
    // Whether the block reads its files now.
    let asked = Memo::new(move |_| {
        // The key points sit at the top but read more than the first view: after the first chart.
        let may_fetch = !block.waits_for_first_chart() || first_chart_drawn.get();
        (wanted.get() && may_fetch) || draw_everything.0.get() || reads_only_the_territory()
    });
    let tables = fetched_tables(block, dataset, attempt, asked, files);
    let heading = Memo::new(move |_| {
        let selection = selection.get();
        dataset.with_value(|dataset| {
            match block.heading(&dataset.manifest, &dataset.catalog, &selection) {
                Ok(heading) => heading,
                // A territory the data do not have: the block says so under its usual title.
                Err(_) => Some(Heading::new(
                    block,
                    &dataset.manifest,
                    &selection.territory,
                    &selection.filter.periods,
                )),
            }
        })
    });
    // A memo, not a derived signal: the block reads it in several places.
    let drawn = Memo::new(move |_| -> Loaded<Arc<Drawn>> {
        if let Err(error) = files.get() {
            return Some(Err(LoadError::Data(error)));
        }
        if !computes.get() {
            return None;
        }
        let already_in = if asked.get() {
            already_loaded(block, &portrait, files)
        } else {
            None
        };
        let loaded = match already_in {
            Some(loaded) => loaded,
            None => match tables.get()? {
                Ok(Some(loaded)) => loaded,
                Ok(None) => return None,
                Err(error) => return Some(Err(error)),
            },
        };
        let layout = Layout {
            compact: block.is_comparison(),
            narrow: narrow.get(),
            theme: theme.get(),
        };
        draw(block, &portrait, &selection.get(), &loaded, layout)
    });
    LoadedBlock {
        heading,
        drawn: drawn.into(),
        retry: Callback::new(move |_| attempt.update(|count| *count += 1)),
        near_screen: Callback::new(move |is_near: bool| {
            if near.get_untracked() != is_near {
                near.set(is_near);
            }
            if is_near && !wanted.get_untracked() {
                wanted.set(true);
            }
        }),
    }
}
