//! The tabular form of every view: what the data table under a chart lists, what the CSV export
//! writes and what the command line prints. Built from the view model, never recomputed.

use crate::format;

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// Euros: integers in CSV, millions of euros (`9 114,8 M€`) in text.
    Euros(i64),
    /// A share in [0, 1]: six decimals in CSV, a percentage in text; empty when undefined.
    Share {
        value: Option<f64>,
        decimals: usize,
    },
    /// A ratio such as the specialisation index; empty when undefined.
    Ratio(Option<f64>),
    Count(usize),
    /// An index (base 100): six decimals in CSV, one in text; empty when undefined.
    Index(Option<f64>),
    /// A change as a share, with its sign (`+4,2 %`); empty when undefined.
    SignedShare(Option<f64>),
    /// A contribution in percentage points (a share × 100, signed: `+1,3 pt`); empty when undefined.
    Points(Option<f64>),
}

impl Cell {
    pub fn share(value: Option<f64>) -> Cell {
        Cell::Share { value, decimals: 1 }
    }

    /// The number a cell holds, for sorting a table by its column; none for text and empty cells.
    pub fn number(&self) -> Option<f64> {
        match self {
            Cell::Text(_) => None,
            Cell::Euros(value) => Some(*value as f64),
            Cell::Count(count) => Some(*count as f64),
            Cell::Share { value, .. }
            | Cell::Ratio(value)
            | Cell::Index(value)
            | Cell::SignedShare(value)
            | Cell::Points(value) => *value,
        }
    }

    /// Machine-readable: whole euros, decimal commas (a French spreadsheet reads them as numbers).
    pub fn csv(&self) -> String {
        match self {
            Cell::Text(text) => text.clone(),
            Cell::Euros(value) => value.to_string(),
            Cell::Share { value, .. } => value
                .map(|value| format!("{value:.6}").replace('.', ","))
                .unwrap_or_default(),
            Cell::Ratio(value) => value
                .map(|value| format!("{value:.3}").replace('.', ","))
                .unwrap_or_default(),
            Cell::Count(count) => count.to_string(),
            Cell::Index(value) => value
                .map(|v| format!("{v:.6}").replace('.', ","))
                .unwrap_or_default(),
            Cell::SignedShare(value) | Cell::Points(value) => value
                .map(|v| format!("{v:.6}").replace('.', ","))
                .unwrap_or_default(),
        }
    }

    /// For people, French style.
    pub fn text(&self) -> String {
        match self {
            Cell::Text(text) => text.clone(),
            Cell::Euros(value) => format::million_euros(*value),
            Cell::Share { value, decimals } => value
                .map(|value| format::percent(value, *decimals))
                .unwrap_or_else(|| "–".into()),
            Cell::Ratio(value) => value
                .map(|value| format::decimal(value, 2))
                .unwrap_or_else(|| "–".into()),
            Cell::Count(count) => format::decimal(*count as f64, 0),
            Cell::Index(value) => value
                .map(|v| format::decimal(v, 1))
                .unwrap_or_else(|| "–".into()),
            Cell::SignedShare(value) => value
                .map(format::signed_percent)
                .unwrap_or_else(|| "–".into()),
            Cell::Points(value) => value
                .map(format::signed_points)
                .unwrap_or_else(|| "–".into()),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ViewTable {
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// The total line, when the rows add up to something.
    pub total: Option<Vec<Cell>>,
}

fn csv_field(text: &str) -> String {
    if text.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

impl ViewTable {
    fn all_rows(&self) -> impl Iterator<Item = &Vec<Cell>> {
        self.rows.iter().chain(self.total.iter())
    }

    /// `;`-separated, header first, the total line last. No byte-order mark (the app adds one for spreadsheets).
    pub fn to_csv(&self) -> String {
        let mut out = String::new();
        let header: Vec<String> = self.columns.iter().map(|c| csv_field(c)).collect();
        out.push_str(&header.join(";"));
        out.push('\n');
        for row in self.all_rows() {
            let fields: Vec<String> = row.iter().map(|cell| csv_field(&cell.csv())).collect();
            out.push_str(&fields.join(";"));
            out.push('\n');
        }
        out
    }

    /// Aligned columns for a terminal.
    pub fn to_text(&self) -> String {
        let rendered: Vec<Vec<String>> = std::iter::once(self.columns.clone())
            .chain(
                self.all_rows()
                    .map(|row| row.iter().map(Cell::text).collect()),
            )
            .collect();
        let widths: Vec<usize> = (0..self.columns.len())
            .map(|i| {
                rendered
                    .iter()
                    .map(|row| row.get(i).map(|c| c.chars().count()).unwrap_or(0))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let mut out = format!("{}\n", self.title);
        for row in &rendered {
            let cells: Vec<String> = row
                .iter()
                .zip(&widths)
                .map(|(cell, width)| {
                    format!(
                        "{cell}{}",
                        " ".repeat(width.saturating_sub(cell.chars().count()))
                    )
                })
                .collect();
            out.push_str(cells.join("  ").trim_end());
            out.push('\n');
        }
        out
    }
}
