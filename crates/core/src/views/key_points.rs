//! « Points clés »: the portrait in a few French sentences, written from the other blocks' models
//! (never recomputed): totals and their change, first partners, first good, the good most
//! over-represented against France, the rank for exports, the exposure to a partner.
//!
//! Rules: a sentence whose figure is missing (no year earlier, no ranking under a product and a partner filter at once, no
//! France to compare France with) is left out; under a filter every sentence names it; amounts in
//! M€ with one decimal everywhere, as in the charts.

use super::dependence::{TerritoryConcentration, TOP_COUNTS};
use super::exposure::Exposure;
use super::goods::Goods;
use super::ranking::Rank;
use super::sankey::{NodeKind, Sankey};
use super::share;
use super::specialisation::Specialisation;
use super::totals::Totals;
use crate::codes::{Flow, Territory};
use crate::format;
use crate::french::{coming_from, of_good, ordinal, towards};
use serde::Serialize;
use std::collections::BTreeMap;

pub const RULE: &str = "Phrases écrites à partir des graphiques du portrait, avec leurs chiffres ; \
bien surreprésenté : indice de spécialisation le plus élevé parmi les biens d'au moins 1 % des exportations ; \
une phrase dont le chiffre manque n'est pas écrite.";

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyPoint {
    /// What the sentence is about: `totals`, `change`, `destination`, `origin`, `first-good`,
    /// `specialisation`, `rank`, `exposure`, `dependence`, `concentration`.
    pub topic: &'static str,
    /// The block whose chart shows it (the page links the sentence to it).
    pub block: &'static str,
    pub text: String,
    /// The sentence's numbers, unrounded (euros, shares in [0, 1], ranks).
    pub figures: BTreeMap<&'static str, f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyPoints {
    pub points: Vec<KeyPoint>,
}

/// What the sentences are written from: the other blocks' models, and the filter's words.
pub struct KeyPointInputs<'a> {
    pub territory: &'a Territory,
    /// `en 2024`, `sur la période T4 2024 – T3 2025`.
    pub period_phrase: String,
    /// `2023`, when the data hold the same quarters a year earlier.
    pub earlier_period: Option<String>,
    /// The selected good's label, and the selected partner's (a country or a group).
    pub product: Option<String>,
    pub country: Option<String>,
    /// Totals with their change set when the data allow.
    pub totals: &'a Totals,
    pub export_sankey: &'a Sankey,
    pub import_sankey: &'a Sankey,
    pub export_goods: &'a Goods,
    pub specialisation: Option<&'a Specialisation>,
    pub exposure: Option<&'a Exposure>,
    /// The rank for exports among départements (or régions); none when it cannot be computed.
    pub export_rank: Option<Rank>,
    /// The exposure's rank among régions for a région (a département's is in the exposure).
    pub region_exposure_rank: Option<Rank>,
    /// The territory's imports and exports over their partner countries (the dependence blocks).
    pub import_dependence: Option<&'a TerritoryConcentration>,
    pub export_concentration: Option<&'a TerritoryConcentration>,
}

impl KeyPointInputs<'_> {
    /// The imports after the exports in one sentence: the good is not repeated, the partner is (its
    /// preposition differs).
    fn import_words_after_exports(&self) -> String {
        match &self.country {
            Some(country) => format!("importations {}", coming_from(country)),
            None => "importations".to_string(),
        }
    }

    /// `exportations de parfums vers les Etats-Unis`.
    fn flow_words(&self, flow: Flow) -> String {
        let mut words = match flow {
            Flow::Export => "exportations".to_string(),
            Flow::Import => "importations".to_string(),
        };
        if let Some(product) = &self.product {
            words = format!("{words} {}", of_good(product));
        }
        if let Some(country) = &self.country {
            let partner = match flow {
                Flow::Export => towards(country),
                Flow::Import => coming_from(country),
            };
            words = format!("{words} {partner}");
        }
        words
    }
}

fn capitalised(text: &str) -> String {
    let mut characters = text.chars();
    match characters.next() {
        Some(first) => first.to_uppercase().chain(characters).collect(),
        None => String::new(),
    }
}

fn point(
    topic: &'static str,
    block: &'static str,
    text: String,
    figures: &[(&'static str, f64)],
) -> KeyPoint {
    KeyPoint {
        topic,
        block,
        text,
        figures: figures.iter().copied().collect(),
    }
}

/// « soit un excédent commercial de 12,0 M€ », « soit un déficit … », « soit une balance … équilibrée ».
pub fn balance_words(balance: i64) -> String {
    match balance.signum() {
        1 => format!(
            "soit un excédent commercial de {}",
            format::million_euros(balance)
        ),
        -1 => format!(
            "soit un déficit commercial de {}",
            format::million_euros(-balance)
        ),
        _ => "soit une balance commerciale équilibrée".to_string(),
    }
}

fn totals_point(inputs: &KeyPointInputs) -> KeyPoint {
    let exports = inputs.totals.exports.value;
    let imports = inputs.totals.imports.value;
    let balance = exports - imports;
    let balance_words = balance_words(balance);
    let text = format!(
        "{} {} : {} ; {} : {}, {balance_words}.",
        capitalised(&inputs.flow_words(Flow::Export)),
        inputs.period_phrase,
        format::million_euros(exports),
        inputs.import_words_after_exports(),
        format::million_euros(imports),
    );
    point(
        "totals",
        "totals-exportations",
        text,
        &[
            ("exports", exports as f64),
            ("imports", imports as f64),
            ("balance", balance as f64),
        ],
    )
}

/// The verb of a change and its amount: (`progressent`, ` de 3,4 %`), (`reculent`, ` de 1,2 %`),
/// (`sont stables`, ``).
fn change_words(change: f64) -> (&'static str, String) {
    let rounded = format!(" de {}", format::percent(change.abs(), 1));
    if format::percent(change, 1) == format::percent(0.0, 1) {
        ("sont stables", String::new())
    } else if change > 0.0 {
        ("progressent", rounded)
    } else {
        ("reculent", rounded)
    }
}

fn change_point(inputs: &KeyPointInputs) -> Option<KeyPoint> {
    let earlier = inputs.earlier_period.as_ref()?;
    let exports = inputs.totals.exports.change;
    let imports = inputs.totals.imports.change;
    // A flow with nothing a year earlier has no change: the sentence says the other one only.
    let mut parts: Vec<String> = Vec::new();
    let mut previous_verb = None;
    for (words, change) in [
        (inputs.flow_words(Flow::Export), exports),
        (inputs.import_words_after_exports(), imports),
    ] {
        let Some(change) = change else { continue };
        let (verb, amount) = change_words(change);
        // « … progressent de 3,4 % et les importations de 0,1 % »: a verb said once when both agree.
        let said = if previous_verb == Some(verb) && !amount.is_empty() {
            String::new()
        } else {
            format!(" {verb}")
        };
        previous_verb = Some(verb);
        parts.push(format!("les {words}{said}{amount}"));
    }
    if parts.is_empty() {
        return None;
    }
    let text = format!("Par rapport à {earlier}, {}.", parts.join(" et "));
    let figures: Vec<(&'static str, f64)> =
        [("exports_change", exports), ("imports_change", imports)]
            .into_iter()
            .filter_map(|(name, change)| change.map(|change| (name, change)))
            .collect();
    Some(point("change", "evolution", text, &figures))
}

/// The first named country of a Sankey and its share of the flow; none under a country filter (the
/// first partner is then the selected one).
fn first_partner_point(inputs: &KeyPointInputs, flow: Flow) -> Option<KeyPoint> {
    if inputs.country.is_some() {
        return None;
    }
    let (sankey, block, topic, role) = match flow {
        Flow::Export => (
            inputs.export_sankey,
            "export-sankey",
            "destination",
            "1er pays de destination",
        ),
        Flow::Import => (
            inputs.import_sankey,
            "import-sankey",
            "origin",
            "1er pays d'origine",
        ),
    };
    let countries = match flow {
        Flow::Export => &sankey.right,
        Flow::Import => &sankey.left,
    };
    let first = countries
        .iter()
        .filter(|node| node.kind == NodeKind::Country)
        .max_by(|a, b| a.value.cmp(&b.value).then_with(|| b.code.cmp(&a.code)))?;
    let share = share(first.value, sankey.total)?;
    let text = format!(
        "{role} des {} : {} ({} ; {}).",
        inputs.flow_words(flow),
        first.label,
        format::percent(share, 1),
        format::million_euros(first.value),
    );
    Some(point(
        topic,
        block,
        text,
        &[("value", first.value as f64), ("share", share)],
    ))
}

/// The first good exported; none under a product filter (it would be the selected one).
fn first_good_point(inputs: &KeyPointInputs) -> Option<KeyPoint> {
    if inputs.product.is_some() {
        return None;
    }
    let first = inputs.export_goods.nodes.first()?;
    let text = format!(
        "1er bien exporté : {} ({} des {}).",
        first.label,
        format::percent(first.share, 1),
        inputs.flow_words(Flow::Export),
    );
    Some(point(
        "first-good",
        "goods-export",
        text,
        &[("value", first.value as f64), ("share", first.share)],
    ))
}

fn specialisation_point(inputs: &KeyPointInputs) -> Option<KeyPoint> {
    if inputs.product.is_some() {
        return None;
    }
    let (row, index) = inputs
        .specialisation?
        .most_over_represented()
        .into_iter()
        .next()?;
    let text = format!(
        "Bien le plus surreprésenté par rapport à la France : {} ({} des {} contre {} au niveau national, indice {}).",
        row.label,
        format::percent(row.territory_share, 1),
        inputs.flow_words(Flow::Export),
        format::percent(row.france_share, 1),
        format::decimal(index, 1),
    );
    Some(point(
        "specialisation",
        "specialisation",
        text,
        &[
            ("territory_share", row.territory_share),
            ("france_share", row.france_share),
            ("index", index),
        ],
    ))
}

/// `département exportateur` / `région exportatrice`, and whether the noun is feminine.
fn territory_noun(territory: &Territory) -> Option<(&'static str, &'static str, bool)> {
    match territory {
        Territory::Departement(_) => Some(("département", "exportateur", false)),
        Territory::Region(_) => Some(("région", "exportatrice", true)),
        Territory::France => None,
    }
}

fn rank_point(inputs: &KeyPointInputs) -> Option<KeyPoint> {
    let Rank { rank, count } = inputs.export_rank?;
    let (noun, adjective, feminine) = territory_noun(inputs.territory)?;
    let plural = if count > 1 { "s" } else { "" };
    let under_filter = if inputs.product.is_some() || inputs.country.is_some() {
        format!(" pour les {}", inputs.flow_words(Flow::Export))
    } else {
        String::new()
    };
    let text = format!(
        "{} {noun} {adjective} sur {count} {noun}{plural}{under_filter}.",
        ordinal(rank, feminine),
    );
    let text = capitalised(&text);
    Some(point(
        "rank",
        "map",
        text,
        &[("rank", rank as f64), ("count", count as f64)],
    ))
}

fn exposure_point(inputs: &KeyPointInputs) -> Option<KeyPoint> {
    let exposure = inputs.exposure?;
    let share = exposure.share?;
    let rank = match inputs.territory {
        Territory::Departement(_) => exposure.rank.map(|rank| Rank {
            rank,
            count: exposure.ranking.len(),
        }),
        _ => inputs.region_exposure_rank,
    };
    let rank_words = match (rank, territory_noun(inputs.territory)) {
        (Some(Rank { rank, count }), Some((noun, _, feminine))) => format!(
            ", {} {noun} sur {count} par cette part",
            ordinal(rank, feminine)
        ),
        _ => String::new(),
    };
    let mut words = "exportations".to_string();
    if let Some(product) = &inputs.product {
        words = format!("{words} {}", of_good(product));
    }
    let text = format!(
        "{} {} : {} des {words} ({}){rank_words}.",
        capitalised(&words),
        towards(&exposure.partner_label),
        format::percent(share, 1),
        format::million_euros(exposure.value),
    );
    let mut figures = vec![("value", exposure.value as f64), ("share", share)];
    if let Some(Rank { rank, count }) = rank {
        figures.extend([("rank", rank as f64), ("count", count as f64)]);
    }
    Some(point("exposure", "exposure", text, &figures))
}

/// The words of a flow under a product filter only: the dependence is measured over every partner,
/// so a partner filter leaves these sentences out.
fn flow_of_good_words(inputs: &KeyPointInputs, flow: Flow) -> Option<String> {
    if inputs.country.is_some() {
        return None;
    }
    let words = match flow {
        Flow::Export => "exportations",
        Flow::Import => "importations",
    };
    Some(match &inputs.product {
        Some(product) => format!("{words} {}", of_good(product)),
        None => words.to_string(),
    })
}

fn dependence_point(inputs: &KeyPointInputs) -> Option<KeyPoint> {
    let dependence = inputs.import_dependence?;
    let share = dependence.strong_share?;
    let words = flow_of_good_words(inputs, Flow::Import)?;
    let text = format!(
        "{} des {words} portent sur des biens dont un seul pays fournit au moins la moitié ({}).",
        format::percent(share, 1),
        format::million_euros(dependence.strong_value),
    );
    Some(point(
        "dependence",
        "import-dependence",
        capitalised(&text),
        &[("value", dependence.strong_value as f64), ("share", share)],
    ))
}

fn concentration_point(inputs: &KeyPointInputs) -> Option<KeyPoint> {
    let concentration = inputs.export_concentration?;
    let count = TOP_COUNTS[2];
    // With fewer clients, « the first five » would be all of them.
    if concentration.countries <= count {
        return None;
    }
    let share = concentration.top_shares[2]?;
    let words = flow_of_good_words(inputs, Flow::Export)?;
    let text = format!(
        "Les {count} premiers pays clients reçoivent {} des {words}.",
        format::percent(share, 1),
    );
    Some(point(
        "concentration",
        "export-concentration",
        text,
        &[("share", share), ("countries", count as f64)],
    ))
}

pub fn key_points(inputs: &KeyPointInputs) -> KeyPoints {
    let points = [
        Some(totals_point(inputs)),
        change_point(inputs),
        first_partner_point(inputs, Flow::Export),
        first_partner_point(inputs, Flow::Import),
        first_good_point(inputs),
        specialisation_point(inputs),
        rank_point(inputs),
        exposure_point(inputs),
        dependence_point(inputs),
        concentration_point(inputs),
    ]
    .into_iter()
    .flatten()
    .collect();
    KeyPoints { points }
}
