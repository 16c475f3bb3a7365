//! One ECharts chart: created on mount, updated with `replaceMerge` over every component type of our
//! options (no stale nodes after a switch),
//! resized with its box (leptos-use's resize observer: it follows an embedding frame too), disposed on unmount.
//!
//! Options come from `comex_charts` as JSON. Named formatters are attached here, so that no option
//! needs JavaScript code: tooltips show the data item's `tip` (HTML escaped when it was built),
//! labels its `text`, axes marked `number`, `percent` or `points` French numbers (`comex_core::format::tick`). A click on an item with a `pick` (`product:C20B`, `country:BE`) is reported.

use crate::components::near_screen::near_screen;
use crate::echarts::{self, ECharts};
use crate::loading::{FirstChartDrawn, NEAR_SCREEN_MARGIN};
use crate::perf;
use leptos::prelude::*;
use leptos_use_resize_observer::use_resize_observer;
use serde_json::Value;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A Rust callback handed to JavaScript; kept alive as long as its chart.
type EventClosure = Closure<dyn FnMut(JsValue)>;

pub use comex_charts::ChartSpec;

/// What a click on a chart mark selects, as the chart wrote it in the mark.
pub use comex_charts::Pick;

/// A handler of a chart event that hands on what the mark under it selects.
fn mark_handler(callback: Callback<Pick>) -> EventClosure {
    Closure::new(move |params: JsValue| {
        if let Some(pick) = data_field(&params, "pick").and_then(|text| text.parse::<Pick>().ok()) {
            callback.run(pick);
        }
    })
}

fn data_field(params: &JsValue, field: &str) -> Option<String> {
    let data = js_sys::Reflect::get(params, &JsValue::from_str("data")).ok()?;
    js_sys::Reflect::get(&data, &JsValue::from_str(field))
        .ok()?
        .as_string()
}

thread_local! {
    /// Shared by every chart, alive for the page's life.
    static TOOLTIP: Closure<dyn Fn(JsValue) -> JsValue> = Closure::new(|params: JsValue| {
        JsValue::from_str(&data_field(&params, "tip").unwrap_or_default())
    });
    /// Axis values written the French way (`4 000`, `0,5`), as every number of the page.
    static NUMBER: Closure<dyn Fn(JsValue) -> JsValue> = Closure::new(|value: JsValue| {
        JsValue::from_str(&comex_core::format::tick(value.as_f64().unwrap_or(0.0)))
    });
    /// The same in percent (`12,5 %`).
    static PERCENT: Closure<dyn Fn(JsValue) -> JsValue> = Closure::new(|value: JsValue| {
        JsValue::from_str(&comex_core::format::tick_percent(value.as_f64().unwrap_or(0.0)))
    });
    /// The same in percentage points (`0,5 pt`).
    static POINTS: Closure<dyn Fn(JsValue) -> JsValue> = Closure::new(|value: JsValue| {
        JsValue::from_str(&comex_core::format::tick_points(value.as_f64().unwrap_or(0.0)))
    });
    static LABEL: Closure<dyn Fn(JsValue) -> JsValue> = Closure::new(|params: JsValue| {
        let name = js_sys::Reflect::get(&params, &JsValue::from_str("name")).ok().and_then(|name| name.as_string());
        JsValue::from_str(&data_field(&params, "text").or(name).unwrap_or_default())
    });
}

fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(target, &JsValue::from_str(key), value);
}

fn get(target: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// The option as a JS object, with the shared formatters attached where the option asks for them
/// (`"formatter": "tip"`, `"text"`, `"number"`, `"percent"`, `"points"`).
fn to_js(option: &Value) -> JsValue {
    let json = serde_json::to_string(option).unwrap_or_else(|_| "{}".into());
    let object = js_sys::JSON::parse(&json).unwrap_or_else(|_| js_sys::Object::new().into());
    attach_formatters(&object);
    object
}

fn attach_formatters(value: &JsValue) {
    if let Some(array) = value.dyn_ref::<js_sys::Array>() {
        array.for_each(&mut |item, _, _| attach_formatters(&item));
        return;
    }
    if !value.is_object() {
        return;
    }
    let formatter = get(value, "formatter");
    match formatter.as_string().as_deref() {
        Some("tip") => TOOLTIP.with(|f| set(value, "formatter", f.as_ref())),
        Some("text") => LABEL.with(|f| set(value, "formatter", f.as_ref())),
        Some("number") => NUMBER.with(|f| set(value, "formatter", f.as_ref())),
        Some("points") => POINTS.with(|f| set(value, "formatter", f.as_ref())),
        Some("percent") => PERCENT.with(|f| set(value, "formatter", f.as_ref())),
        _ => {}
    }
    for key in js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>()).iter() {
        if let Some(key) = key.as_string() {
            if key != "formatter" && key != "data" && key != "links" {
                attach_formatters(&get(value, &key));
            }
        }
    }
}

/// One chart's ECharts instance and what drawing into it needs (all handles: `Copy`).
#[derive(Clone, Copy)]
struct Canvas {
    node: NodeRef<leptos::html::Div>,
    chart: StoredValue<Option<ECharts>, LocalStorage>,
    /// The event handlers handed to ECharts, alive as long as the chart.
    keep_alive: StoredValue<Vec<EventClosure>, LocalStorage>,
    drawn_spec: StoredValue<Option<Arc<ChartSpec>>, LocalStorage>,
    on_pick: Option<Callback<Pick>>,
    on_hover: Option<Callback<Pick>>,
    first_chart_drawn: Option<FirstChartDrawn>,
}

impl Canvas {
    /// What waits for the first chart does not wait for one that cannot be drawn.
    fn done(self) {
        if let Some(FirstChartDrawn(drawn)) = self.first_chart_drawn {
            if !drawn.get_untracked() {
                drawn.set(true);
            }
        }
    }

    fn unavailable(self) {
        if let Some(div) = self.node.get_untracked() {
            div.set_text_content(Some(
                "Le moteur de graphiques (ECharts) n'a pas pu être chargé.",
            ));
        }
        self.done();
    }

    fn instance(self, div: &web_sys::HtmlElement) {
        let init_options = js_sys::Object::new();
        // The build saves each chart as SVG for the static pages (`takeover`).
        let renderer = if crate::takeover::is_baking() {
            "svg"
        } else {
            "canvas"
        };
        set(&init_options, "renderer", &JsValue::from_str(renderer));
        set(&init_options, "locale", &JsValue::from_str("FR"));
        let instance = echarts::init(div, &JsValue::NULL, &init_options);
        for (event, callback) in [("click", self.on_pick), ("mouseover", self.on_hover)] {
            if let Some(callback) = callback {
                let handler = mark_handler(callback);
                instance.on(event, handler.as_ref().unchecked_ref());
                self.keep_alive
                    .update_value(|closures| closures.push(handler));
            }
        }
        self.chart.set_value(Some(instance));
    }

    /// Adds the option's tooltip and legend to a chart drawn before the second bundle (which
    /// registers those components) had run; ECharts had kept that part of the option unused. Merged
    /// alone: the series' data are not sent again. The legend's room is in the grid's top margin,
    /// so nothing moves when it appears.
    fn add_second_bundle_components(self, option: &Value) {
        let mut part = serde_json::json!({});
        for key in comex_charts::SECOND_BUNDLE_COMPONENTS {
            if let Some(component) = option.get(key) {
                part[key] = component.clone();
            }
        }
        if part.as_object().is_some_and(serde_json::Map::is_empty) {
            return;
        }
        let part = to_js(&part);
        self.chart.with_value(|chart| {
            if let Some(Err(error)) = chart
                .as_ref()
                .map(|c| c.set_option(&part, &JsValue::UNDEFINED))
            {
                leptos::logging::warn!("ECharts could not add the tooltip and legend: {error:?}");
            }
        });
    }

    fn paint(self, option: Arc<ChartSpec>) {
        let Some(div) = self.node.get_untracked() else {
            return;
        };
        if !echarts::is_available() {
            self.unavailable();
            return;
        }
        if self.chart.with_value(Option::is_none) {
            self.instance(&div);
            self.drawn_spec.set_value(None);
        }
        // Each component of a new option that changed replaces the drawn one (see `COMPONENTS`;
        // the partners' chart redrawn in 6–7 ms instead of 13–18 with `notMerge`, which rebuilds
        // every view); those equal to the drawn ones are not sent (`comex_charts::redraw`).
        let (sent, replaced) = self.drawn_spec.with_value(|drawn| {
            comex_charts::redraw(&option.option, drawn.as_ref().map(|drawn| &drawn.option))
        });
        let settings = js_sys::Object::new();
        let replaced: js_sys::Array = replaced
            .iter()
            .map(|name| JsValue::from_str(name))
            .collect();
        set(&settings, "replaceMerge", &replaced);
        let drawn = self
            .chart
            .with_value(|c| c.as_ref().map(|c| c.set_option(&to_js(&sent), &settings)));
        match drawn {
            Some(Ok(())) => {
                perf::mark(perf::CHART_DRAWN);
                self.drawn_spec.set_value(Some(option));
            }
            Some(Err(error)) => {
                leptos::logging::warn!("ECharts could not draw the chart: {error:?}");
                div.set_text_content(Some("Le graphique n'a pas pu être dessiné."));
                self.drawn_spec.set_value(None);
                self.chart.update_value(|c| {
                    if let Some(c) = c.take() {
                        c.dispose()
                    }
                });
            }
            None => {}
        }
        self.done();
    }
}

#[component]
pub fn EChart(
    /// The option to draw (none: the block has no chart now; what is drawn stays).
    spec: Signal<Option<Arc<ChartSpec>>>,
    /// What the chart shows, for screen readers (the data table under it has the numbers).
    label: String,
    /// The id of the sentence that says how to read it (the block's reading key).
    described_by: String,
    /// Called with what a click on a mark selects; none for charts that select nothing.
    on_pick: Option<Callback<Pick>>,
    /// Called with what a mark under the pointer would select.
    on_hover: Option<Callback<Pick>>,
) -> impl IntoView {
    let node = NodeRef::<leptos::html::Div>::new();
    let canvas = Canvas {
        node,
        chart: StoredValue::new_local(None),
        keep_alive: StoredValue::new_local(Vec::new()),
        drawn_spec: StoredValue::new_local(None),
        on_pick,
        on_hover,
        first_chart_drawn: use_context::<FirstChartDrawn>(),
    };
    let Canvas {
        chart,
        keep_alive,
        drawn_spec,
        ..
    } = canvas;
    // Charts off screen are drawn when scrolled to: a territory switch redraws what can be seen.
    let near = near_screen(node, NEAR_SCREEN_MARGIN);
    // Unmounted while the second ECharts bundle was on its way: nothing to draw into.
    let mounted = Arc::new(AtomicBool::new(true));
    let still_mounted = Arc::clone(&mounted);
    Effect::new(move |_| {
        let Some(option) = spec.get() else { return };
        // The same option (an `Arc` compares by address first) is not drawn again.
        if !near.get() || drawn_spec.with_value(|drawn| drawn.as_ref() == Some(&option)) {
            return;
        }
        // The SVG renderer comes with the second bundle too.
        if !comex_charts::needs_more_charts(&option.option) && !crate::takeover::is_baking() {
            if crate::takeover::is_pending() {
                // Behind a static page nothing is seen yet: each chart is drawn in a task of its
                // own, not in the one that computed the models (a first `setOption` takes 50–110
                // ms on a phone).
                let option = Arc::clone(&option);
                let mounted = Arc::clone(&still_mounted);
                let paint = move || {
                    if mounted.load(Ordering::Relaxed) {
                        canvas.paint(option);
                    }
                };
                set_timeout(paint, std::time::Duration::ZERO);
            } else {
                canvas.paint(Arc::clone(&option));
            }
            if !echarts::more_loaded() {
                let mounted = Arc::clone(&still_mounted);
                wasm_bindgen_futures::spawn_local(async move {
                    // The option drawn when the bundle comes, whichever it is: a redraw before it
                    // came sent only the components that changed, so not the tooltip and legend
                    // ECharts had dropped (this chart then never had a tooltip). None drawn yet:
                    // the first drawing sends them all, with the bundle in.
                    if echarts::ensure_more().await.is_ok() && mounted.load(Ordering::Relaxed) {
                        if let Some(drawn) = drawn_spec.get_value() {
                            canvas.add_second_bundle_components(&drawn.option);
                        }
                    }
                });
            }
            return;
        }
        // The Sankey, treemap and map series come with the second bundle.
        let mounted = Arc::clone(&still_mounted);
        wasm_bindgen_futures::spawn_local(async move {
            let loaded = echarts::ensure_more().await;
            // A newer option draws itself when it comes.
            if !mounted.load(Ordering::Relaxed) || spec.get_untracked().as_ref() != Some(&option) {
                return;
            }
            match loaded {
                Ok(()) => canvas.paint(option),
                Err(()) => canvas.unavailable(),
            }
        });
    });

    // The chart follows its box (an embedding frame too).
    use_resize_observer(node, move |_, _| {
        chart.with_value(|c| {
            if let Some(c) = c {
                c.resize()
            }
        });
    });

    on_cleanup(move || {
        mounted.store(false, Ordering::Relaxed);
        chart.update_value(|c| {
            if let Some(c) = c.take() {
                c.dispose()
            }
        });
        keep_alive.update_value(Vec::clear);
    });

    // Set through the CSS object model (`style:`), which a strict Content-Security-Policy allows.
    let height = move || format!("{}px", spec.with(|s| s.as_ref().map_or(0, |s| s.height)));
    view! { <div class="chart" node_ref=node style:height=height role="img" aria-label=label aria-describedby=described_by></div> }
}
