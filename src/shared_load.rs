//! A load that runs once and is shared by whoever awaits it (the second ECharts bundle, the map's
//! outline); a failure is forgotten, so that the next caller tries again.

use futures_util::future::{FutureExt, LocalBoxFuture, Shared};
use std::cell::RefCell;
use std::thread::LocalKey;

/// The load on its way or done, kept in a `thread_local!`.
pub type Slot<E> = RefCell<Option<Shared<LocalBoxFuture<'static, Result<(), E>>>>>;

/// Awaits the load kept in `slot`, started by `start` if none is on its way or done.
pub async fn load_once<E: Clone + 'static>(
    slot: &'static LocalKey<Slot<E>>,
    start: impl FnOnce() -> LocalBoxFuture<'static, Result<(), E>>,
) -> Result<(), E> {
    let load = slot.with(|cell| {
        cell.borrow_mut()
            .get_or_insert_with(|| start().shared())
            .clone()
    });
    let result = load.await;
    if result.is_err() {
        slot.with(|cell| cell.borrow_mut().take());
    }
    result
}
