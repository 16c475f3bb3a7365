//! Performance marks for the benchmark (`cargo xtask bench` reads them with the Performance API):
//! `comex:territory-selected` when the user picks a territory, `comex:chart-drawn` each time a chart
//! has been given its option (ECharts draws synchronously on `setOption`), `comex:taken-over` when
//! the app has replaced a territory's static page. Marks cost a few microseconds and are invisible
//! to users.

pub const TERRITORY_SELECTED: &str = "comex:territory-selected";
pub const CHART_DRAWN: &str = "comex:chart-drawn";
pub const TAKEN_OVER: &str = "comex:taken-over";

pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        // A failed mark only loses a measurement.
        let _ = performance.mark(name);
    }
}

/// The WASM linear memory in bytes, for the benchmark (`window.wasmBindings.diagnostic_memory()`).
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn diagnostic_memory() -> f64 {
    (core::arch::wasm32::memory_size::<0>() * 65_536) as f64
}
