//! Whether an element is on or near the screen, from an IntersectionObserver. Blocks use it to fetch
//! the files only they read when the reader scrolls to them; charts use it to draw only what can be
//! seen (a territory switch then redraws the charts on screen, the others when scrolled to).

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// How far below (or above) the screen an element counts as near: it is ready when scrolled to.
const NEAR_SCREEN_MARGIN: &str = "300px 0px";

type EntriesCallback = Closure<dyn FnMut(js_sys::Array)>;

/// Everything counts as on screen while this is set: printing draws every chart.
#[derive(Clone, Copy)]
pub struct DrawEverything(pub RwSignal<bool>);

/// True while `element` is within `NEAR_SCREEN_MARGIN` of the screen (always true where
/// IntersectionObserver is missing, and while `DrawEverything` is set).
pub fn near_screen<E>(element: NodeRef<E>) -> Signal<bool>
where
    E: leptos::html::ElementType + 'static,
    E::Output: JsCast + Clone + 'static,
{
    let near = RwSignal::new(false);
    let observer: StoredValue<Option<web_sys::IntersectionObserver>, LocalStorage> =
        StoredValue::new_local(None);
    let on_change: StoredValue<Option<EntriesCallback>, LocalStorage> =
        StoredValue::new_local(None);
    Effect::new(move |_| {
        let Some(target) = element.get() else { return };
        if observer.with_value(Option::is_some) {
            return;
        }
        let closure = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            // The last entry is the element's latest state.
            if let Some(entry) = entries
                .iter()
                .last()
                .and_then(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok())
            {
                near.set(entry.is_intersecting());
            }
        });
        let options = web_sys::IntersectionObserverInit::new();
        options.set_root_margin(NEAR_SCREEN_MARGIN);
        let element: &web_sys::Element = target.unchecked_ref();
        match web_sys::IntersectionObserver::new_with_options(
            closure.as_ref().unchecked_ref(),
            &options,
        ) {
            Ok(o) => {
                o.observe(element);
                observer.set_value(Some(o));
                on_change.set_value(Some(closure));
            }
            Err(_) => near.set(true),
        }
    });
    on_cleanup(move || {
        observer.update_value(|o| {
            if let Some(o) = o.take() {
                o.disconnect()
            }
        });
        on_change.set_value(None);
    });
    let everything = use_context::<DrawEverything>();
    Signal::derive(move || near.get() || everything.is_some_and(|e| e.0.get()))
}
