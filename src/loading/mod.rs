//! The page's one loading policy: which files are fetched, when, and what a block shows meanwhile.
//! Components draw what this module hands them; they do not decide what loads.
//!
//! - [`page_context`]: the page's context (`PageContext`), a territory switch, and what is fetched ahead
//!   of need (the same files the blocks will ask for: `Block::files`);
//! - [`block`]: one block: its files (`Block::files`, the core's one list), when it reads them
//!   (at once for the first view's, near the screen for the others), its model once they are in;
//! - [`drawn`]: what a block shows once computed.
//!
//! A previous result is kept in two places, both here: a block far from the screen keeps showing
//! the previous selection for `FAR_BLOCK_DELAY` (`block::shown_selection`), and a switch keeps the
//! shown territory until the new one's files are in, at most `SWITCH_PATIENCE`
//! (`PageContext::switch_territory`). The block component then keeps its last model on screen, dimmed,
//! while the next one loads (`components::view_block`).

mod block;
mod drawn;
mod page_context;

pub use block::load;
pub use drawn::Drawn;
pub use page_context::PageContext;

use crate::api::LoadError;
use leptos::prelude::*;
use std::time::Duration;

/// A value that is loading (`None`), failed, or ready.
pub type Loaded<T> = Option<Result<T, LoadError>>;

/// Everything counts as on screen while this is set: printing (and the build's baking) draws every
/// block.
#[derive(Clone, Copy)]
pub struct DrawEverything(pub RwSignal<bool>);

/// Set once the page's first chart is drawn: the blocks that wait for it (the key points) fetch
/// their files then, after the first view's, and the blocks far from the screen compute after it.
#[derive(Clone, Copy)]
pub struct FirstChartDrawn(pub RwSignal<bool>);

/// How far below (or above) the screen an element counts as near: it is ready when scrolled to.
pub const NEAR_SCREEN_MARGIN: &str = "300px 0px";
/// For the blocks that read several years of several territories (about 1 MB): only once on screen,
/// so that the first view does not fetch them for a reader who does not scroll.
pub const ON_SCREEN: &str = "0px";

/// How long a switch waits for the chosen territory's files before the page shows it loading. Files
/// in within that time (on these machines 5–30 ms after the choice) make the page go from one
/// territory to the next in one step: the blocks neither dim nor lay out a loading state between.
pub(crate) const SWITCH_PATIENCE: Duration = Duration::from_millis(150);

/// How long a block far from the screen waits before it computes its model, after the page's first
/// chart and after each new selection: the blocks that can be seen are computed and drawn first (on
/// these machines 40–80 ms after a switch), the others after them instead of in the same task. A
/// block that comes near the screen computes at once.
pub(crate) const FAR_BLOCK_DELAY: Duration = Duration::from_millis(150);

/// How long the région's files wait for the browser to be idle, at most, once the key points' are
/// in; and how long instead where `requestIdleCallback` is missing.
const IDLE_LIMIT: Duration = Duration::from_millis(1000);
const IDLE_FALLBACK: Duration = Duration::from_millis(200);

/// Runs `then` when the browser is idle (`requestIdleCallback`, at most `IDLE_LIMIT` later), or
/// `IDLE_FALLBACK` later in a browser without that call.
pub(crate) fn when_idle(then: impl FnOnce() + 'static) {
    use wasm_bindgen::JsCast;
    let options = web_sys::IdleRequestOptions::new();
    options.set_timeout(IDLE_LIMIT.as_millis() as u32);
    let callback = wasm_bindgen::closure::Closure::once_into_js(then);
    if window()
        .request_idle_callback_with_options(callback.unchecked_ref(), &options)
        .is_err()
    {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(
            callback.unchecked_ref(),
            IDLE_FALLBACK.as_millis() as i32,
        );
    }
}
