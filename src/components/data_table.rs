//! The data table under every chart: the same view model, as a table (collapsible, for screen readers
//! and for checking the numbers). Numbers formatted through `Intl`.

use crate::intl;
use comex_core::views::table::{Cell, ViewTable};
use leptos::prelude::*;

/// A cell for people, French style, through the browser's `Intl`.
pub fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Text(text) => text.clone(),
        Cell::Euros(value) => intl::million_euros(*value),
        Cell::Share { value, decimals } => value
            .map(|value| intl::percent(value, *decimals))
            .unwrap_or_else(|| "–".into()),
        Cell::Ratio(value) => value
            .map(|value| intl::decimal(value, 2))
            .unwrap_or_else(|| "–".into()),
        Cell::Count(count) => intl::decimal(*count as f64, 0),
        // Indices and signed changes: the core's French format (the same as Intl's, a wasm test checks).
        Cell::Index(_) | Cell::SignedShare(_) | Cell::Points(_) => cell.text(),
    }
}

fn is_number(cell: &Cell) -> bool {
    !matches!(cell, Cell::Text(_))
}

#[component]
pub fn DataTable(table: ViewTable) -> impl IntoView {
    let ViewTable {
        title,
        columns,
        rows,
        total,
    } = table;
    let row_count = rows.len();
    let render_row = |row: Vec<Cell>, class: &'static str| {
        view! {
            <tr class=class>
                {row.into_iter().map(|cell| {
                    let class = if is_number(&cell) { "number" } else { "" };
                    view! { <td class=class>{cell_text(&cell)}</td> }
                }).collect_view()}
            </tr>
        }
    };
    // The rows are built when the table is first opened: a territory switch redraws every block, and
    // building thousands of formatted cells nobody looks at would cost more than the charts.
    let opened = RwSignal::new(false);
    let body = StoredValue::new((rows, total));
    view! {
        <details class="data-table" on:toggle=move |_| opened.set(true)>
            <summary>{format!("Tableau des données ({row_count} ligne{})", if row_count > 1 { "s" } else { "" })}</summary>
            <div class="table-scroll">
                <table>
                    <caption>{title}</caption>
                    <thead><tr>{columns.into_iter().map(|c| view! { <th scope="col">{c}</th> }).collect_view()}</tr></thead>
                    <tbody>
                        {move || opened.get().then(|| body.get_value()).map(|(rows, total)| view! {
                            {rows.into_iter().map(|row| render_row(row, "")).collect_view()}
                            {total.map(|row| render_row(row, "total"))}
                        })}
                    </tbody>
                </table>
            </div>
        </details>
    }
}
