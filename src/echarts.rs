//! A thin binding to the ECharts instance (vendored `echarts.min.js`), for what charming 0.6 lacks:
//! `setOption` with `notMerge`, events, `dispose`, `getDataURL`. charming builds options; this renders them.

use wasm_bindgen::prelude::*;

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

    #[wasm_bindgen(method, js_name = setOption)]
    pub fn set_option(this: &ECharts, option: &JsValue, settings: &JsValue);

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
}

/// Whether the ECharts script is loaded (it is vendored, but a broken deployment may lack it).
pub fn is_available() -> bool {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("echarts"))
        .is_ok_and(|value| value.is_object())
}
