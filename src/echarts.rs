//! A thin binding to the ECharts instance (the bundles of web/echarts-build.mjs), for what charming
//! 0.6 lacks: `setOption` with `replaceMerge`, events, `dispose`, `getDataURL`; and the loading of
//! the second bundle. charming builds options; this renders them.

use crate::shared_load::{load_once, Slot};
use futures_util::future::FutureExt;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    pub type ECharts;

    #[wasm_bindgen(js_namespace = echarts, js_name = init)]
    pub fn init(dom: &web_sys::HtmlElement, theme: &JsValue, options: &JsValue) -> ECharts;

    /// Registers an outline (GeoJSON) for the map series that name it.
    #[wasm_bindgen(js_namespace = echarts, js_name = registerMap)]
    pub fn register_map(name: &str, geojson: &JsValue);

    #[wasm_bindgen(js_namespace = echarts, js_name = getInstanceByDom)]
    pub fn instance_of(dom: &web_sys::Element) -> Option<ECharts>;

    #[wasm_bindgen(method, js_name = getOption)]
    pub fn get_option(this: &ECharts) -> JsValue;

    /// An error ECharts throws (an option it cannot draw) comes back here instead of unwinding
    /// through the WASM.
    #[wasm_bindgen(method, catch, js_name = setOption)]
    pub fn set_option(this: &ECharts, option: &JsValue, settings: &JsValue) -> Result<(), JsValue>;

    #[wasm_bindgen(method)]
    pub fn resize(this: &ECharts);

    #[wasm_bindgen(method)]
    pub fn dispose(this: &ECharts);

    #[wasm_bindgen(method)]
    pub fn on(this: &ECharts, event: &str, handler: &js_sys::Function);

    #[wasm_bindgen(method)]
    pub fn off(this: &ECharts, event: &str);

    #[wasm_bindgen(method, js_name = getDataURL)]
    pub fn get_data_url(this: &ECharts, options: &JsValue) -> String;

    #[wasm_bindgen(method, js_name = dispatchAction)]
    pub fn dispatch_action(this: &ECharts, action: &JsValue);
}

/// Closes every chart's tooltip (Échap, RGAA criterion 10.13: content shown on hover can be
/// dismissed without moving the pointer).
pub fn hide_tooltips() {
    let Ok(charts) = leptos::prelude::document().query_selector_all(".chart") else {
        return;
    };
    let action = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&action, &"type".into(), &"hideTip".into());
    for index in 0..charts.length() {
        let chart = charts
            .item(index)
            .and_then(|node| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(node).ok())
            .and_then(|element| instance_of(&element));
        if let Some(chart) = chart {
            chart.dispatch_action(&action);
        }
    }
}

/// Whether the ECharts script is loaded (it is vendored, but a broken deployment may lack it).
pub fn is_available() -> bool {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("echarts"))
        .is_ok_and(|value| value.is_object())
}

thread_local! {
    /// The second ECharts bundle on its way or loaded (see web/echarts-build.mjs).
    static MORE: Slot<()> = const { RefCell::new(None) };
}

fn global(name: &str) -> JsValue {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// Adds the second bundle's script (its address and SHA-384 come with the first bundle, whose own
/// integrity the page checks) and waits for it to run.
async fn load_more() -> Result<(), ()> {
    if more_loaded() {
        return Ok(());
    }
    let more = global("echartsMore");
    let field = |name: &str| {
        js_sys::Reflect::get(&more, &JsValue::from_str(name))
            .ok()
            .and_then(|value| value.as_string())
    };
    let (Some(src), Some(integrity)) = (field("src"), field("integrity")) else {
        return Err(());
    };
    let document = web_sys::window()
        .and_then(|window| window.document())
        .ok_or(())?;
    let script: web_sys::HtmlScriptElement = document
        .create_element("script")
        .map_err(|_| ())?
        .dyn_into()
        .map_err(|_| ())?;
    script.set_src(&src);
    script.set_integrity(&integrity);
    let loaded = js_sys::Promise::new(&mut |resolve, reject| {
        script.set_onload(Some(&resolve));
        script.set_onerror(Some(&reject));
    });
    document
        .head()
        .ok_or(())?
        .append_child(&script)
        .map_err(|_| ())?;
    wasm_bindgen_futures::JsFuture::from(loaded)
        .await
        .map_err(|_| ())?;
    // Loaded means run: it sets the flag last.
    more_loaded().then_some(()).ok_or(())
}

/// Whether the second bundle has run (its series types and the tooltips are registered).
pub fn more_loaded() -> bool {
    global("echartsMoreLoaded").is_truthy()
}

/// Why the second bundle is missing, naming its file, for a block that cannot do without it (the
/// map's outline is registered by its series).
pub fn more_unavailable() -> crate::api::LoadError {
    let src = js_sys::Reflect::get(&global("echartsMore"), &JsValue::from_str("src"))
        .ok()
        .and_then(|value| value.as_string())
        .unwrap_or_else(|| "echarts-more".to_string());
    crate::api::LoadError::Network {
        file: src,
        detail: "script absent, ou refusé car son empreinte SHA-384 diffère".to_string(),
    }
}

/// Resolves once the second bundle (the Sankey, treemap and map series, the tooltips, the SVG
/// renderer) has run,
/// at once after the first time. A failure is forgotten, so that the next chart asks again.
pub async fn ensure_more() -> Result<(), ()> {
    load_once(&MORE, || load_more().boxed_local()).await
}
