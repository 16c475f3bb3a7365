//! Two territories side by side (`comparison`): each one's figures as its own blocks give them — the
//! totals and their change against a year earlier (totals blocks), the rank of its exports (key
//! points), its first partner countries (partners block, by exports + imports) and exported goods
//! (goods treemap) with their shares, the goods most over-represented against France
//! (specialisation), the import dependence and the concentration of exports (dependence blocks).
//! The computation, which runs those blocks' views on each territory's files, is
//! `blocks::comparison`.

use super::ranking::Rank;
use super::table::{Cell, ViewTable};
use crate::codes::Territory;
use crate::format;
use serde::Serialize;

pub const RULE: &str = "Chaque chiffre tel que le bloc du portrait de chaque territoire le donne : totaux et évolution \
sur un an (mêmes trimestres un an plus tôt), rang des exportations parmi les départements ou les régions, premiers \
pays partenaires (importations + exportations, part des échanges du territoire), premiers biens exportés (part des \
exportations), biens les plus surreprésentés par rapport à la France (au moins 1 % des exportations), part des \
5 premiers pays clients, part des importations en biens dont un seul pays fournit au moins la moitié. \
Mêmes filtres et période pour les deux territoires.";

/// How many partner countries and exported goods each side lists.
pub const FIRST: usize = 5;
/// How many goods over-represented against France each side lists.
pub const MOST_SPECIALISED: usize = 3;

/// A partner country or a good with its value and share.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Named {
    pub code: String,
    pub label: String,
    pub value: i64,
    pub share: f64,
}

/// A good over-represented against France.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Specialised {
    pub code: String,
    pub label: String,
    /// Its share of the territory's exports.
    pub territory_share: f64,
    pub index: f64,
}

/// One territory's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComparisonSide {
    pub territory: Territory,
    pub label: String,
    pub exports: i64,
    pub imports: i64,
    pub balance: i64,
    /// Against the same quarters a year earlier, when the data hold them.
    pub exports_change: Option<f64>,
    pub imports_change: Option<f64>,
    /// Among départements (a département) or régions (a région); none for France.
    pub exports_rank: Option<Rank>,
    /// The first partner countries by exports + imports, with their share of the territory's trade.
    pub partners: Vec<Named>,
    /// The first exported goods at the chosen level, with their share of the exports.
    pub goods: Vec<Named>,
    /// The exported goods most over-represented against France (none for France itself).
    pub specialised: Vec<Specialised>,
    /// The share of the imports in goods one country supplies at least half of.
    pub strong_dependence: Option<f64>,
    /// The share of the exports that go to the first five destination countries.
    pub first_five_clients: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// The selected territory first, then the one beside it.
    pub sides: Vec<ComparisonSide>,
    /// Whether the changes are against a year earlier the data hold.
    pub with_change: bool,
}

/// « 12e sur 101 départements », « 3e sur 14 régions ».
fn rank_text(rank: Option<Rank>, territory: &Territory) -> String {
    let (Some(Rank { rank, count }), Some((noun, feminine))) = (
        rank,
        match territory {
            Territory::Departement(_) => Some(("département", false)),
            Territory::Region(_) => Some(("région", true)),
            Territory::France => None,
        },
    ) else {
        return "—".to_string();
    };
    let plural = if count > 1 { "s" } else { "" };
    format!(
        "{} sur {count} {noun}{plural}",
        crate::french::ordinal(rank, feminine)
    )
}

/// « Allemagne (15,2 %) ».
fn named_text(named: Option<&Named>) -> String {
    named.map_or_else(
        || "—".to_string(),
        |named| format!("{} ({})", named.label, format::percent(named.share, 1)),
    )
}

/// The comparison as rows of indicators, a column per territory: the page's table, the CSV and the
/// command line's text.
pub fn comparison_table(comparison: &Comparison) -> ViewTable {
    let sides = &comparison.sides;
    let mut columns = vec!["Indicateur".to_string()];
    columns.extend(sides.iter().map(|side| side.label.clone()));
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut row = |label: &str, cell: &dyn Fn(&ComparisonSide) -> Cell| {
        let mut cells = vec![Cell::Text(label.to_string())];
        cells.extend(sides.iter().map(cell));
        rows.push(cells);
    };
    row("Exportations (€)", &|side| Cell::Euros(side.exports));
    row("Importations (€)", &|side| Cell::Euros(side.imports));
    row("Solde commercial (€)", &|side| Cell::Euros(side.balance));
    if comparison.with_change {
        row("Évolution des exportations sur un an", &|side| {
            Cell::SignedShare(side.exports_change)
        });
        row("Évolution des importations sur un an", &|side| {
            Cell::SignedShare(side.imports_change)
        });
    }
    row("Rang des exportations", &|side| {
        Cell::Text(rank_text(side.exports_rank, &side.territory))
    });
    row("Part des 5 premiers pays clients", &|side| Cell::Share {
        value: side.first_five_clients,
        decimals: 1,
    });
    row("Part des importations sous forte dépendance", &|side| {
        Cell::Share {
            value: side.strong_dependence,
            decimals: 1,
        }
    });
    for index in 0..FIRST {
        row(&format!("Partenaire n° {}", index + 1), &|side| {
            Cell::Text(named_text(side.partners.get(index)))
        });
    }
    for index in 0..FIRST {
        row(&format!("Bien exporté n° {}", index + 1), &|side| {
            Cell::Text(named_text(side.goods.get(index)))
        });
    }
    for index in 0..MOST_SPECIALISED {
        row(&format!("Spécialisation n° {}", index + 1), &|side| {
            Cell::Text(side.specialised.get(index).map_or_else(
                || "—".to_string(),
                |good| format!("{} (indice {})", good.label, format::decimal(good.index, 1)),
            ))
        });
    }
    ViewTable {
        title: "Comparaison".to_string(),
        columns,
        rows,
        total: None,
    }
}
