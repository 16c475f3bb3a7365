//! The data table under every chart: the same view model, as a table (collapsible, for screen readers
//! and for checking the numbers). Numbers formatted by the core, as in the CSV and the command line.

use comex_core::views::table::{Cell, ViewTable};
use leptos::prelude::*;
use std::sync::Arc;

/// Numbers by value (empty cells last), text in the browser's French collation.
fn compare(a: Option<&Cell>, b: Option<&Cell>) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    match (a.and_then(Cell::number), b.and_then(Cell::number)) {
        (Some(a), Some(b)) => a.total_cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => {
            let text = |cell: Option<&Cell>| match cell {
                Some(Cell::Text(text)) => text.clone(),
                _ => String::new(),
            };
            let order = js_sys::JsString::from(text(a)).locale_compare(
                &text(b),
                &js_sys::Array::of1(&"fr".into()),
                &js_sys::Object::new(),
            );
            order.cmp(&0)
        }
    }
}

fn is_number(cell: &Cell) -> bool {
    !matches!(cell, Cell::Text(_))
}

#[component]
pub fn DataTable(table: Arc<ViewTable>) -> impl IntoView {
    let row_count = table.rows.len();
    let render_row = |row: &[Cell], class: &'static str| {
        view! {
            <tr class=class>
                {row.iter().map(|cell| {
                    let class = if is_number(cell) { "number" } else { "" };
                    view! { <td class=class>{cell.text()}</td> }
                }).collect_view()}
            </tr>
        }
    };
    // The rows are built when the table is first opened: a territory switch redraws every block, and
    // building thousands of formatted cells nobody looks at would cost more than the charts. A
    // territory's static page carries them all (its tables are its readers' way to the numbers).
    let opened = RwSignal::new(crate::takeover::is_baking());
    let columns = table.columns.clone();
    let caption = table.title.clone();
    let body = StoredValue::new(table);
    // A click on a column's header sorts by it (again: the other way); the total line stays last.
    let sort: RwSignal<Option<(usize, bool)>> = RwSignal::new(None);
    // The order of the rows to show (indices into the model's rows).
    let sorted_rows = move || {
        body.with_value(|table| {
            let mut order: Vec<usize> = (0..table.rows.len()).collect();
            if let Some((column, descending)) = sort.get() {
                comex_core::sorting::sort_by(&mut order, |&a, &b| {
                    let order = compare(table.rows[a].get(column), table.rows[b].get(column));
                    if descending {
                        order.reverse()
                    } else {
                        order
                    }
                });
            }
            view! {
                {order.into_iter().map(|index| render_row(&table.rows[index], "")).collect_view()}
                {table.total.as_deref().map(|row| render_row(row, "total"))}
            }
        })
    };
    let header = move |index: usize, name: String| {
        let state = move || match sort.get() {
            Some((column, true)) if column == index => "descending",
            Some((column, false)) if column == index => "ascending",
            _ => "none",
        };
        view! {
            <th scope="col" aria-sort=state>
                <button type="button" class="sort" title="Trier par cette colonne"
                    on:click=move |_| sort.update(|sort| {
                        *sort = match *sort {
                            Some((column, descending)) if column == index => Some((index, !descending)),
                            _ => Some((index, false)),
                        };
                    })>{name}</button>
            </th>
        }
    };
    view! {
        <details class="data-table" on:toggle=move |_| opened.set(true)>
            <summary>{format!("Tableau des données ({row_count} ligne{})", if row_count > 1 { "s" } else { "" })}</summary>
            <div class="table-scroll">
                <table>
                    <caption>{caption}</caption>
                    <thead><tr>{columns.into_iter().enumerate().map(|(index, name)| header(index, name)).collect_view()}</tr></thead>
                    <tbody>
                        {move || opened.get().then(sorted_rows)}
                    </tbody>
                </table>
            </div>
        </details>
    }
}
