//! Whether an element is on or near the screen (leptos-use's intersection observer). Blocks use it
//! to fetch the files only they read when the reader scrolls to them; charts use it to draw only what
//! can be seen (a territory switch then redraws the charts on screen, the others when scrolled to).

use crate::loading::DrawEverything;
use leptos::prelude::*;
use leptos_use_element::IntoElementsMaybeSignal;
use leptos_use_intersection_observer::{
    use_intersection_observer_with_options, UseIntersectionObserverOptions,
};

/// True while `element` is within `margin` of the screen (always true where IntersectionObserver is
/// missing, and while `DrawEverything` is set).
pub fn near_screen<Element, Marker>(element: Element, margin: &'static str) -> Signal<bool>
where
    Element: IntoElementsMaybeSignal<web_sys::Element, Marker>,
{
    let near = RwSignal::new(false);
    // Where IntersectionObserver is missing, nothing is ever reported: everything counts as near.
    let supported =
        js_sys::Reflect::has(&window(), &"IntersectionObserver".into()).unwrap_or(false);
    use_intersection_observer_with_options(
        element,
        move |entries, _| {
            // The last entry is the element's latest state.
            if let Some(entry) = entries.last() {
                near.set(entry.is_intersecting());
            }
        },
        UseIntersectionObserverOptions::default().root_margin(margin),
    );
    let everything = use_context::<DrawEverything>();
    Signal::derive(move || near.get() || !supported || everything.is_some_and(|e| e.0.get()))
}
