//! One block: the core says which files it reads and whether it applies; they are fetched at once
//! for the first view's blocks, when the block first comes near the screen for the others (or for
//! printing), and the core computes the block's model from exactly those tables. Nothing is
//! computed here: this file only fetches and hands over.

use super::{Drawn, Loaded, PageContext, FAR_BLOCK_DELAY};
use crate::api::{Dataset, LoadError};
use comex_charts::Layout;
use comex_core::blocks::model::Context;
use comex_core::blocks::text::Heading;
use comex_core::blocks::{compute, Block, BlockError, BlockFiles, BlockSelection, Tables};
use comex_core::codes::Territory;
use comex_core::trade_table::TradeTable;
use comex_core::CoreError;
use leptos::prelude::*;
use std::rc::Rc;
use std::sync::Arc;

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
    selection: Memo<BlockSelection>,
    near: RwSignal<bool>,
) -> RwSignal<BlockSelection> {
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
    page_context: &PageContext,
    selection: &BlockSelection,
    loaded: &[(String, Rc<TradeTable>)],
    layout: Layout,
) -> Loaded<Arc<Drawn>> {
    let mut available = Tables::new();
    for (path, table) in loaded {
        available.insert(path, table);
    }
    let computed = page_context.shared.with_value(|shared| {
        page_context.dataset.with_value(|dataset| {
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
    page_context: &PageContext,
    files: Memo<FilesResult>,
) -> Option<Vec<(String, Rc<TradeTable>)>> {
    if block == Block::Map {
        return None;
    }
    files.with(|files| {
        let files = files.as_ref().ok()?.as_ref()?;
        page_context.dataset.with_value(|dataset| {
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

/// Whether a block reads only the selected territory's files of the selected period, which the first
/// view fetches anyway: it loads at once, and a switch asks for these files ahead
/// (`PageContext::first_view_files`).
pub(super) fn loads_at_once(block: Block, files: &BlockFiles, territory: &Territory) -> bool {
    files.subject == *territory
        && files.all().len() == files.subject_files.len()
        && !block.reads_every_year()
}

pub fn load(block: Block, page_context: PageContext) -> LoadedBlock {
    let PageContext {
        dataset,
        narrow,
        theme,
        draw_everything,
        attempt,
        first_chart_drawn,
        ..
    } = page_context;
    let near = RwSignal::new(false);
    let selection = shown_selection(page_context.selection, near);
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
                selection.with(|selection| loads_at_once(block, files, &selection.territory))
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
            already_loaded(block, &page_context, files)
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
        draw(block, &page_context, &selection.get(), &loaded, layout)
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
