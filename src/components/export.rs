//! What a block offers to take away: its data as CSV (UTF-8 with BOM and `;`, so that a French
//! spreadsheet opens it right: exactly the rows of the data table, « Autres » and the total line
//! included), its chart as PNG or SVG, and the `<iframe>` snippet that embeds it in another page.

use crate::address::{link_query, EmbedMode};
use crate::echarts::{self, ECharts};
use crate::theme::PageTheme;
use comex_charts::Theme;
use comex_core::blocks::Block;
use comex_core::views::table::ViewTable;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::{JsCast, JsValue};

fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(target, &JsValue::from_str(key), value);
}

/// Offers a URL (a blob or a data URL) as a file download named `file_name`.
fn download_url(file_name: &str, url: &str) -> Result<(), JsValue> {
    let anchor: web_sys::HtmlAnchorElement = document().create_element("a")?.dyn_into()?;
    anchor.set_href(url);
    anchor.set_download(file_name);
    anchor.click();
    Ok(())
}

/// Offers text as a file download.
pub fn download_text(file_name: &str, mime: &str, content: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    download_url(file_name, &url)?;
    web_sys::Url::revoke_object_url(&url)
}

/// The CSV file of a table: byte-order mark, then the core's CSV.
pub fn csv_file(table: &ViewTable) -> String {
    format!("\u{feff}{}", table.to_csv())
}

fn chart_of(block_id: &str) -> Option<(web_sys::HtmlElement, ECharts)> {
    let element = document()
        .query_selector(&format!("#{block_id} .chart"))
        .ok()??;
    let instance = echarts::instance_of(&element)?;
    Some((element.dyn_into().ok()?, instance))
}

/// The chart as drawn, as a PNG data URL (twice the screen resolution, on the page's background).
fn png_url(block_id: &str, paper: &str) -> Option<String> {
    let (_, chart) = chart_of(block_id)?;
    let options = js_sys::Object::new();
    set(&options, "type", &JsValue::from_str("png"));
    set(&options, "pixelRatio", &JsValue::from_f64(2.0));
    set(&options, "backgroundColor", &JsValue::from_str(paper));
    Some(chart.get_data_url(&options))
}

/// The chart as SVG: the same option drawn once by ECharts' SVG renderer, off screen, same size.
fn svg_url(block_id: &str, paper: &str) -> Option<String> {
    let (element, chart) = chart_of(block_id)?;
    let document = document();
    let scratch: web_sys::HtmlElement = document.create_element("div").ok()?.dyn_into().ok()?;
    scratch.set_class_name("svg-scratch");
    let style = scratch.style();
    style
        .set_property("width", &format!("{}px", element.client_width()))
        .ok()?;
    style
        .set_property("height", &format!("{}px", element.client_height()))
        .ok()?;
    document.body()?.append_child(&scratch).ok()?;
    let init = js_sys::Object::new();
    set(&init, "renderer", &JsValue::from_str("svg"));
    let svg_chart = echarts::init(&scratch, &JsValue::NULL, &init);
    let option = chart.get_option();
    set(&option, "animation", &JsValue::FALSE);
    let drawn = svg_chart.set_option(&option, &js_sys::Object::new());
    let options = js_sys::Object::new();
    set(&options, "type", &JsValue::from_str("svg"));
    set(&options, "backgroundColor", &JsValue::from_str(paper));
    let url = drawn.is_ok().then(|| svg_chart.get_data_url(&options));
    svg_chart.dispose();
    scratch.remove();
    url
}

/// The address of the page showing only this block (`embed=<id>`), with the current selection.
fn embed_url(block: Block) -> String {
    let location = window().location();
    format!(
        "{}{}?{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default(),
        link_query(Some(EmbedMode::Block(block)))
    )
}

/// The ready-to-paste snippet: the frame alone, at `height`; or, with `auto_height`, a frame whose
/// embed posts its height and the few lines of script that apply it (as Datawrapper's responsive
/// embed does).
fn iframe_snippet(block: Block, title: &str, height: u32, auto_height: bool) -> String {
    let title = title
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;");
    let mut url = embed_url(block);
    if auto_height {
        url.push_str("&height=auto");
    }
    let frame = format!(
        "<iframe src=\"{}\" title=\"{title}\" width=\"100%\" height=\"{height}\" loading=\"lazy\" style=\"border:0\"{}></iframe>",
        url.replace('&', "&amp;"),
        if auto_height { " data-comex-territoires" } else { "" },
    );
    if auto_height {
        format!("{frame}\n{AUTO_HEIGHT_SCRIPT}")
    } else {
        frame
    }
}

/// The host page's side of `height=auto`: each frame of ours takes the height its embed posts
/// (web/page.js sends it).
const AUTO_HEIGHT_SCRIPT: &str = "<script>addEventListener(\"message\",function(e){var d=e.data;if(!d||d.type!==\"comex-territoires:height\")return;document.querySelectorAll(\"iframe[data-comex-territoires]\").forEach(function(f){if(f.contentWindow===e.source)f.style.height=d.height+\"px\"})})</script>";

/// The frame's height without the script: the block as an embed shows it (without its table and
/// rule), as drawn at this width, and 15 % more for a narrower screen's longer labels.
fn embed_height(block_id: &str) -> u32 {
    let height = |element: Option<web_sys::Element>| {
        element
            .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
            .map_or(0, |element| element.offset_height())
    };
    let block = document().get_element_by_id(block_id);
    let part = |selector: &str| {
        height(
            block
                .as_ref()
                .and_then(|block| block.query_selector(selector).ok().flatten()),
        )
    };
    let shown = height(block.clone()) - part(".data-table") - part(".rule");
    let with_room = f64::from(shown.max(300)) * 1.15;
    (with_room / 10.0).ceil() as u32 * 10
}

#[component]
pub fn ExportButtons(
    block: Block,
    title: Signal<String>,
    file_stem: Signal<String>,
    table: Signal<Option<Arc<ViewTable>>>,
    has_chart: Signal<bool>,
) -> impl IntoView {
    let (snippet_open, set_snippet_open) = signal(false);
    let id = block.name();
    let warn = |what: &str| leptos::logging::warn!("the {what} download could not start");
    let export_csv = move |_| {
        if let Some(table) = table.get_untracked() {
            let name = format!("{}.csv", file_stem.get_untracked());
            if download_text(&name, "text/csv;charset=utf-8", &csv_file(&table)).is_err() {
                warn("CSV");
            }
        }
    };
    let theme = use_context::<PageTheme>();
    let export_image = move |svg: bool| {
        let paper = theme
            .map_or(Theme::Light, |PageTheme(theme)| theme.get_untracked())
            .paper();
        let extension = if svg { "svg" } else { "png" };
        let name = format!("{}.{extension}", file_stem.get_untracked());
        wasm_bindgen_futures::spawn_local(async move {
            // The SVG renderer comes with the second ECharts bundle (loaded after the first chart).
            let url = if svg {
                echarts::ensure_more()
                    .await
                    .ok()
                    .and_then(|()| svg_url(id, paper))
            } else {
                png_url(id, paper)
            };
            if url
                .map(|url| download_url(&name, &url))
                .is_none_or(|result| result.is_err())
            {
                warn(extension);
            }
        });
    };
    let frame_height = RwSignal::new(560);
    let snippet = move || iframe_snippet(block, &title.get(), frame_height.get(), false);
    let auto_snippet = move || iframe_snippet(block, &title.get(), frame_height.get(), true);
    let select_all = |event: leptos::ev::FocusEvent| {
        if let Some(area) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
        {
            area.select();
        }
    };
    view! {
        <div class="export-buttons">
            <button type="button" class="export-csv" disabled=move || table.with(Option::is_none) on:click=export_csv
                title="Télécharger les données du graphique (CSV pour tableur)">"CSV"</button>
            <Show when=move || has_chart.get()>
                <button type="button" class="export-png" on:click=move |_| export_image(false)
                    title="Télécharger l'image du graphique (PNG)">"PNG"</button>
                <button type="button" class="export-svg" on:click=move |_| export_image(true)
                    title="Télécharger le graphique en image vectorielle (SVG)">"SVG"</button>
            </Show>
            <button type="button" class="embed-button" aria-expanded=move || snippet_open.get().to_string()
                on:click=move |_| {
                    frame_height.set(embed_height(id));
                    set_snippet_open.update(|open| *open = !*open);
                }
                title="Obtenir le code pour intégrer ce graphique dans une autre page">"Intégrer"</button>
        </div>
        <Show when=move || snippet_open.get()>
            <div class="embed-snippet">
                <label>"Code à coller dans votre page (cadre seul, hauteur fixe) :"
                    <textarea readonly rows="3" prop:value=snippet on:focus=select_all></textarea>
                </label>
                <label>"Ou, si votre page accepte un script, cadre à hauteur automatique :"
                    <textarea readonly rows="4" prop:value=auto_snippet on:focus=select_all></textarea>
                </label>
            </div>
        </Show>
    }
}
