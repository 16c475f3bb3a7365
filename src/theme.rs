//! The page's colour scheme: `theme=light|dark` in the address, else the reader's system preference
//! (`prefers-color-scheme`), followed while the page is open. The stylesheet reads the same two
//! (web/page.js marks a forced theme on the document before the first paint); the charts are drawn
//! in it (`comex_charts::style`).

use crate::loading::DrawEverything;
use comex_charts::Theme;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

const DARK_QUERY: &str = "(prefers-color-scheme: dark)";

fn system_theme() -> Theme {
    let dark = window()
        .match_media(DARK_QUERY)
        .ok()
        .flatten()
        .is_some_and(|list| list.matches());
    if dark {
        Theme::Dark
    } else {
        Theme::Light
    }
}

/// The theme the address forces (an unknown value forces nothing), else the system's.
fn page_theme(forced: Option<Theme>) -> Theme {
    forced.unwrap_or_else(system_theme)
}

/// Keeps `theme` on the page's theme: set now, again when the address or the system's preference
/// changes; light while every block is drawn (printing: paper is white; the build's baking: the
/// static page's charts are saved light).
pub fn follow(
    theme: RwSignal<Theme>,
    forced: Memo<Option<Theme>>,
    draw_everything: DrawEverything,
) {
    let printing = draw_everything.0;
    let update = move || {
        let now = if printing.get_untracked() {
            Theme::Light
        } else {
            page_theme(forced.get_untracked())
        };
        if theme.get_untracked() != now {
            theme.set(now);
        }
    };
    update();
    Effect::new(move |_| {
        forced.track();
        printing.track();
        update();
    });
    let Some(list) = window().match_media(DARK_QUERY).ok().flatten() else {
        return;
    };
    let listener = Closure::<dyn Fn()>::new(update);
    if list
        .add_event_listener_with_callback("change", listener.as_ref().unchecked_ref())
        .is_ok()
    {
        // Listens as long as the page lives: the dashboard is never unmounted.
        listener.forget();
    }
}

/// The theme the page is drawn in, shared with the blocks as a context (an exported chart's
/// background).
#[derive(Clone, Copy)]
pub struct PageTheme(pub RwSignal<Theme>);
