//! Downloads of what a block shows: its view model as CSV (UTF-8 with BOM and `;`, so that a French
//! spreadsheet opens it right), exactly the rows of the data table, « Autres » and the total line included.

use comex_core::views::table::ViewTable;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Offers `content` as a file download named `file_name`.
pub fn download(file_name: &str, mime: &str, content: &str) -> Result<(), wasm_bindgen::JsValue> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = document();
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    web_sys::Url::revoke_object_url(&url)
}

/// The CSV file of a table: byte-order mark, then the core's CSV.
pub fn csv_file(table: &ViewTable) -> String {
    format!("\u{feff}{}", table.to_csv())
}

#[component]
pub fn ExportButtons(file_stem: Signal<String>, table: Signal<Option<ViewTable>>) -> impl IntoView {
    let export_csv = move |_| {
        if let Some(table) = table.get_untracked() {
            let name = format!("{}.csv", file_stem.get_untracked());
            if download(&name, "text/csv;charset=utf-8", &csv_file(&table)).is_err() {
                leptos::logging::warn!("the CSV download could not start");
            }
        }
    };
    view! {
        <div class="export-buttons">
            <button type="button" class="export-csv" disabled=move || table.with(Option::is_none) on:click=export_csv
                title="Télécharger les données du graphique (CSV pour tableur)">"CSV"</button>
        </div>
    }
}
