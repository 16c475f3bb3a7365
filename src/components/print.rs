//! Printing the fiche: every block loads and draws (those below the screen have not), the page
//! narrows to the A4 text width, the charts are drawn light for paper (`theme::follow`), then the print dialog opens once nothing is loading.

use crate::loading::DrawEverything;
use leptos::prelude::*;

/// « Imprimer la fiche »: asks for everything, narrows the page (`body.printing`), waits until no block
/// is loading and the charts have redrawn at that size, then opens the print dialog.
pub fn print_fiche(draw_everything: DrawEverything) {
    draw_everything.0.set(true);
    if let Some(body) = document().body() {
        let _ = body.class_list().add_1("printing");
    }
    print_when_loaded(PRINT_WAIT_LIMIT_MS / PRINT_POLL_MS);
}

/// The browser's own print (Ctrl+P) draws everything too, and the page is as usual afterwards.
pub fn follow_browser_print(draw_everything: DrawEverything) {
    let before = window_event_listener(leptos::ev::beforeprint, move |_| {
        draw_everything.0.set(true)
    });
    let after = window_event_listener(leptos::ev::afterprint, move |_| {
        if let Some(body) = document().body() {
            let _ = body.class_list().remove_1("printing");
        }
        draw_everything.0.set(false);
    });
    on_cleanup(move || {
        before.remove();
        after.remove();
    });
}

const PRINT_POLL_MS: u64 = 100;
/// A file that never answers must not keep the dialog from opening: its block prints its message.
const PRINT_WAIT_LIMIT_MS: u64 = 15_000;

fn print_when_loaded(polls_left: u64) {
    let loading = document()
        .query_selector("[aria-busy='true']")
        .ok()
        .flatten()
        .is_some();
    if loading && polls_left > 0 {
        set_timeout(
            move || print_when_loaded(polls_left - 1),
            std::time::Duration::from_millis(PRINT_POLL_MS),
        );
        return;
    }
    // Charts redraw at the print width (ResizeObserver) before the dialog freezes the page.
    set_timeout(
        || {
            let _ = window().print();
        },
        std::time::Duration::from_millis(400),
    );
}
