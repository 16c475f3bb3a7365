//! The words of a block: title, reading key, period, source line, file name and sentences. Numbers
//! are written as the browser's `Intl` writes them (`crate::format`), so that the page, the print
//! and the command line say the same.

use super::name::{Block, Subject};
use crate::codes::{Flow, Period, Territory};
use crate::format;
use crate::manifest::Manifest;
use crate::views::comparison::Comparison;
use crate::views::dependence::{Concentration, TariffExposure, SHOWN_GOODS};
use crate::views::exposure::Exposure;
use crate::views::key_points::balance_words;
use crate::views::map::{FranceMap, MapMeasure};
use crate::views::sankey::Sankey;
use crate::views::totals::{FlowTotal, Totals};

/// What the selected quarters cover, for titles: `2024`; `T4 2024 – T3 2025` for a run of quarters;
/// `T1 2024, T3 2024` otherwise. No choice means the default period.
pub fn period_text(manifest: &Manifest, chosen: &[Period]) -> String {
    let mut periods = manifest.effective_periods(chosen);
    crate::sorting::sort_dedup(&mut periods);
    let mut years: Vec<u16> = periods.iter().map(|period| period.year).collect();
    years.dedup();
    let quarters_of = |year: u16| manifest.periods.iter().filter(move |p| p.year == year);
    let whole_years = years.iter().all(|&year| {
        quarters_of(year).count() == 4 && quarters_of(year).all(|p| periods.contains(p))
    }) && periods.len() == years.len() * 4;
    if whole_years {
        let years: Vec<String> = years.iter().map(u16::to_string).collect();
        return years.join(", ");
    }
    let index = |period: &Period| u32::from(period.year) * 4 + u32::from(period.quarter);
    let consecutive = periods
        .windows(2)
        .all(|pair| matches!(pair, [a, b] if index(b) == index(a) + 1));
    match (periods.first(), periods.last()) {
        (Some(first), Some(last)) if consecutive && periods.len() > 1 => {
            format!("{} – {}", first.label_fr(), last.label_fr())
        }
        _ => {
            let labels: Vec<String> = periods.iter().map(Period::label_fr).collect();
            labels.join(", ")
        }
    }
}

/// What the period selector offers, latest first: each complete year, the latest four quarters
/// (when they are not one year), each quarter. (quarters, text)
pub fn period_choices(manifest: &Manifest) -> Vec<(Vec<Period>, String)> {
    let mut choices: Vec<(Vec<Period>, String)> = Vec::new();
    for year in manifest.complete_years().into_iter().rev() {
        let quarters: Vec<Period> = manifest
            .periods
            .iter()
            .copied()
            .filter(|period| period.year == year)
            .collect();
        choices.push((quarters, format!("Année {year}")));
    }
    let latest = manifest.latest_four_quarters();
    if latest.len() == 4 && !choices.iter().any(|(quarters, _)| *quarters == latest) {
        let text = format!("4 derniers trimestres ({})", period_text(manifest, &latest));
        choices.push((latest, text));
    }
    for period in manifest.periods.iter().rev() {
        choices.push((vec![*period], period.label_fr()));
    }
    choices
}

impl Block {
    /// The title's first words; the territory and the period follow.
    fn title_words(self) -> &'static str {
        match self {
            Block::KeyPoints => "Points clés",
            Block::Partners => "Principaux pays à l'import et à l'export",
            Block::Evolution => "Exportations, importations et solde par trimestre",
            Block::ChangePartners => "Ce qui a changé : les pays partenaires",
            Block::ChangeGoods => "Ce qui a changé : les biens",
            Block::GoodsImport => "Biens importés",
            Block::GoodsExport => "Biens exportés",
            Block::ExportSankey => "Flux à l'export par produit et par pays",
            Block::ImportSankey => "Flux à l'import par pays et par produit",
            Block::ExportSankeyRegion | Block::ExportSankeyFrance => "Flux à l'export",
            Block::ImportSankeyRegion | Block::ImportSankeyFrance => "Flux à l'import",
            Block::TotalsExportations => "Total des exportations",
            Block::TotalsImportations => "Total des importations",
            Block::Map => "Les départements sur la carte",
            Block::Specialisation => "Spécialisation à l'export par rapport à la France",
            Block::Exposure => "Exposition des exportations à un partenaire",
            Block::ImportDependence => "Dépendance des importations à un pays fournisseur",
            Block::ExportConcentration => "Concentration des exportations par pays client",
            Block::TariffExposure => "Biens exportés exposés à un partenaire",
            Block::Comparison => "Comparaison",
        }
    }

    /// How to read the chart, in one sentence.
    pub fn reading_key(self) -> &'static str {
        match self {
            Block::KeyPoints => "Le portrait en quelques phrases, avec les chiffres des graphiques ; chaque phrase mène à son graphique.",
            Block::Partners => "Pour chaque pays, à gauche les importations, à droite les exportations ; le losange marque le solde.",
            Block::Evolution => "En haut, les exportations et les importations du territoire par trimestre, le losange marque le solde ; en bas, les indices des exportations du territoire, de sa région et de la France (base 100 au premier trimestre). Le tableau donne aussi ceux des importations.",
            Block::ChangePartners => "Les pays dont les échanges ont le plus augmenté ou baissé par rapport aux mêmes trimestres un an plus tôt, et leur contribution à l'évolution du total.",
            Block::ChangeGoods => "Les biens dont les échanges ont le plus augmenté ou baissé par rapport aux mêmes trimestres un an plus tôt, et leur contribution à l'évolution du total.",
            Block::GoodsImport => "Figurent en bleu les biens importés dans le territoire ; un clic sur un bien montre les produits qu'il regroupe.",
            Block::GoodsExport => "Figurent en violet les biens exportés depuis le territoire ; un clic sur un bien montre les produits qu'il regroupe.",
            Block::ExportSankey => "À gauche les principaux biens exportés, à droite les pays de destination.",
            Block::ImportSankey => "À gauche les principaux pays d'origine, à droite les biens importés.",
            Block::ExportSankeyRegion | Block::ImportSankeyRegion => "La même représentation pour la région.",
            Block::ExportSankeyFrance | Block::ImportSankeyFrance => "La même représentation pour la France entière.",
            Block::TotalsExportations | Block::TotalsImportations => "Valeur du territoire et sa part dans sa région (pour un département) et dans la France entière (sauf pour la France elle-même).",
            Block::Map => "Chaque département coloré selon la mesure choisie, par classes de même effectif ; un clic sur un département l'affiche. Le tableau les classe tous.",
            Block::Specialisation => "Part de chaque bien dans les exportations du territoire, comparée à sa part en France.",
            Block::Exposure => "Part des exportations vers le pays ou la zone choisis (les États-Unis par défaut) ; rang parmi les départements.",
            Block::ImportDependence => "En haut, la part des importations en biens dont un seul pays fournit au moins la moitié, pour le territoire, sa région et la France ; en bas, ces biens par valeur, avec leur premier fournisseur (barre foncée : hors de l'Union européenne).",
            Block::ExportConcentration => "En haut, la part des 1, 3 et 5 premiers pays clients dans les exportations du territoire, de sa région et de la France ; en bas, les biens dont un seul pays reçoit au moins la moitié des exportations, par valeur.",
            Block::TariffExposure => "Les biens les plus exportés vers le pays ou la zone choisis (les États-Unis par défaut), en valeur, et la part de leurs exportations qui y va.",
            Block::Comparison => "Les deux territoires côte à côte : en haut leurs exportations et importations, en bas quelques parts ; le tableau donne chaque chiffre tel que le portrait de chaque territoire le montre.",
        }
    }

    /// The rule the block's numbers follow.
    pub fn rule(self) -> String {
        use crate::views::{
            change, comparison, dependence, evolution, exposure, goods, key_points, map, partners,
            sankey, specialisation, totals,
        };
        match self {
            Block::KeyPoints => key_points::RULE.to_string(),
            Block::Partners => partners::RULE.to_string(),
            Block::Evolution => evolution::RULE.to_string(),
            Block::ChangePartners | Block::ChangeGoods => change::RULE.to_string(),
            Block::GoodsImport | Block::GoodsExport => goods::RULE.to_string(),
            Block::TotalsExportations | Block::TotalsImportations => totals::RULE.to_string(),
            Block::Map => map::RULE.to_string(),
            Block::Specialisation => specialisation::RULE.to_string(),
            Block::Exposure => exposure::RULE.to_string(),
            Block::ImportDependence => dependence::IMPORT_RULE.to_string(),
            Block::ExportConcentration => dependence::EXPORT_RULE.to_string(),
            Block::TariffExposure => dependence::TARIFF_RULE.to_string(),
            Block::Comparison => comparison::RULE.to_string(),
            sankey_block => sankey::rule(sankey_block.flow().unwrap_or(Flow::Export)),
        }
    }
}

/// The words of a block that need no data: shown while its files load.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    /// `Flux à l'export par produit et par pays, Oise (2024)`.
    pub title: String,
    /// The territory the block describes, as named in the title.
    pub subject_label: String,
    /// `2024`, `T1 2024, T2 2024`.
    pub period: String,
    pub source: String,
    /// A download's name without extension: `export-sankey-oise-2024`.
    pub file_stem: String,
}

impl Heading {
    pub fn new(block: Block, manifest: &Manifest, subject: &Territory, periods: &[Period]) -> Self {
        let subject_label = match (block.subject(), subject) {
            (Subject::France, _) | (_, Territory::France) => "France entière".to_string(),
            _ => manifest.label(subject),
        };
        let period = period_text(manifest, periods);
        let demo = if manifest.is_demo() {
            " — données de démonstration (synthétiques, calibrées sur les totaux publiés)"
        } else {
            ""
        };
        let place = manifest
            .territory(subject)
            .ok()
            .map(|entry| entry.slug.clone())
            .filter(|slug| !slug.is_empty())
            .unwrap_or_else(|| slug(&subject.to_string()));
        // A change says what it is measured against.
        let compared = match (
            block,
            manifest.year_earlier(&manifest.effective_periods(periods)),
        ) {
            (Block::ChangePartners | Block::ChangeGoods, Some(earlier)) => {
                format!(" par rapport à {}", period_text(manifest, &earlier))
            }
            _ => String::new(),
        };
        Heading {
            title: format!(
                "{}, {subject_label} ({period}{compared})",
                block.title_words()
            ),
            source: format!(
                "Source : DGDDI (douanes), {period}{demo}{}",
                if block == Block::Map {
                    ". Fond de carte : IGN, Admin Express 2018 (Licence Ouverte)"
                } else {
                    ""
                }
            ),
            file_stem: format!("{}-{place}-{}", block.name(), slug(&period)),
            subject_label,
            period,
        }
    }
}

impl Heading {
    /// The map's title and file name say what it colours (`… sur la carte : solde commercial, …`,
    /// `map-balance-oise-2024`); other blocks' are unchanged.
    /// A comparison's title and file name name both territories: « Comparaison, Oise et Aisne (2024) ».
    pub fn with_compared(mut self, block: Block, other: Option<(&str, &str)>) -> Self {
        if let (Block::Comparison, Some((label, place))) = (block, other) {
            self.title = format!(
                "{}, {} et {label} ({})",
                block.title_words(),
                self.subject_label,
                self.period
            );
            self.file_stem = self.file_stem.replacen(
                &format!("-{}", slug(&self.period)),
                &format!("-{place}-{}", slug(&self.period)),
                1,
            );
        }
        self
    }

    pub fn with_map_measure(mut self, block: Block, label: &str, measure: MapMeasure) -> Self {
        if block == Block::Map {
            // The label's first letter in lower case after the colon (« … : solde commercial »).
            let mut letters = label.chars();
            let label: String = letters
                .next()
                .map(|first| first.to_lowercase().chain(letters).collect())
                .unwrap_or_default();
            self.title = format!(
                "{} : {label}, {} ({})",
                block.title_words(),
                self.subject_label,
                self.period
            );
            self.file_stem =
                self.file_stem
                    .replacen("map-", &format!("map-{}-", measure.name()), 1);
        }
        self
    }
}

/// Lower-case ASCII letters and digits, other runs as one `-`. For ASCII text (territory names are
/// folded to ASCII by the data build, into the manifest's `slug`).
pub fn slug(text: &str) -> String {
    let lowered: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let parts: Vec<&str> = lowered.split('-').filter(|part| !part.is_empty()).collect();
    parts.join("-")
}

/// The seed's sentences for a flow total: value, share of the région, share of France.
pub fn totals_sentences(totals: &Totals, flow: Flow, manifest: &Manifest) -> Vec<String> {
    let flow_total: &FlowTotal = match flow {
        Flow::Export => &totals.exports,
        Flow::Import => &totals.imports,
    };
    let (noun, verb) = match flow {
        Flow::Export => ("exportations", "exportée"),
        Flow::Import => ("importations", "importée"),
    };
    let mut lines = vec![format!(
        "Total des {noun} : {}",
        format::million_euros(flow_total.value)
    )];
    if let (Some(share), Some(region)) = (flow_total.share_of_region, &totals.region) {
        lines.push(format!(
            "soit {} de la valeur {verb} par la région {}",
            format::percent(share, 1),
            manifest.label(region)
        ));
    }
    if let Some(share) = flow_total.share_of_france {
        lines.push(format!(
            "soit {} de la valeur {verb} au niveau national",
            format::percent(share, 2)
        ));
    }
    if let (Some(change), Some(earlier)) = (flow_total.change, &totals.earlier_period) {
        lines.push(format!(
            "soit {} par rapport à {earlier}",
            format::signed_percent(change)
        ));
    }
    lines
}

pub fn sankey_sentences(sankey: &Sankey) -> Vec<String> {
    vec![format!("Total : {}", format::million_euros(sankey.total))]
}

pub fn exposure_sentences(exposure: &Exposure) -> Vec<String> {
    let share = exposure
        .share
        .map(|share| format::percent(share, 1))
        .unwrap_or_else(|| "–".into());
    let rank = exposure
        .rank
        .map(|rank| format!(", rang {rank} sur {} départements", exposure.ranking.len()))
        .unwrap_or_default();
    vec![format!(
        "{share} des exportations vont vers : {}{rank}",
        exposure.partner_label
    )]
}

/// The comparison's sentences: one per territory, its totals and balance.
pub fn comparison_sentences(comparison: &Comparison) -> Vec<String> {
    comparison
        .sides
        .iter()
        .map(|side| {
            format!(
                "{} : exportations {}, importations {}, {}.",
                side.label,
                format::million_euros(side.exports),
                format::million_euros(side.imports),
                balance_words(side.balance),
            )
        })
        .collect()
}

/// A territory's name beside others (a territory, its région, France): « France », not « France
/// entière ».
pub fn comparison_name(manifest: &Manifest, territory: &Territory) -> String {
    match territory {
        Territory::France => "France".to_string(),
        other => manifest.label(other),
    }
}

/// The dependence's or the concentration's sentences: each figure for the territory, then for its
/// région and France.
pub fn concentration_sentences(model: &Concentration, manifest: &Manifest) -> Vec<String> {
    let name = |territory: &Territory| comparison_name(manifest, territory);
    let each = |figure: &dyn Fn(&crate::views::dependence::TerritoryConcentration) -> String| {
        let parts: Vec<String> = model
            .territories
            .iter()
            .map(|summary| format!("{} {}", name(&summary.territory), figure(summary)))
            .collect();
        parts.join(" ; ")
    };
    let percent = |share: Option<f64>| share.map_or("–".to_string(), |s| format::percent(s, 1));
    let hhi = |value: Option<f64>| value.map_or("–".to_string(), |v| format::decimal(v, 0));
    // The flow's words: its partner countries, what its concentrated goods are, a good's first partner.
    let (countries, strong, role) = match model.flow {
        Flow::Import => (
            "d'origine",
            "Part des importations en biens dont un seul pays fournit au moins la moitié",
            "premier fournisseur",
        ),
        Flow::Export => (
            "de destination",
            "Part des exportations en biens dont un seul pays reçoit au moins la moitié",
            "premier client",
        ),
    };
    let strong_line = format!("{strong} : {}", each(&|s| percent(s.strong_share)));
    let hhi_line = format!(
        "Indice HHI des pays {countries} (0 à 10 000) : {}",
        each(&|s| hhi(s.hhi))
    );
    // The imports lead with the dependence, the exports with their first clients.
    let mut lines = match model.flow {
        Flow::Import => vec![strong_line, hhi_line],
        Flow::Export => {
            let top = each(&|s| {
                let shares: Vec<String> =
                    s.top_shares.iter().map(|&share| percent(share)).collect();
                shares.join(", ")
            });
            vec![
                format!("Part des 1, 3 et 5 premiers pays clients : {top}"),
                hhi_line,
                strong_line,
            ]
        }
    };
    if let Some(partner) = &model.partner_label {
        lines.push(format!("Biens dont le {role} est : {partner}"));
    }
    // The chart's lower half is then empty: it says why.
    if model.strong_goods().next().is_none() {
        lines.push(format!("Aucun bien dont le {role} a au moins la moitié"));
    }
    lines
}

/// The tariff exposure's sentences: the exports to the partner, what the goods shown weigh, the good
/// most exposed by share.
pub fn tariff_sentences(model: &TariffExposure) -> Vec<String> {
    let mut lines = vec![format!(
        "Exportations vers le partenaire ({}) : {}, soit {} des exportations",
        model.partner_label,
        format::million_euros(model.to_partner),
        model
            .share
            .map_or("–".to_string(), |share| format::percent(share, 1))
    )];
    if !model.goods.is_empty() {
        let (weight, to_partner) = model.shown_weight();
        let count = model.goods.len().min(SHOWN_GOODS);
        lines.push(format!(
            "Les {count} biens les plus exportés vers ce partenaire représentent {} des exportations ; leurs ventes à ce partenaire, {}",
            format::percent(weight, 1),
            to_partner.map_or("–".to_string(), |share| format::percent(share, 1))
        ));
    }
    if let Some(most) = model.by_share().first() {
        lines.push(format!(
            "Le plus exposé en part (parmi les biens d'au moins 1 % des exportations) : {}, {} de ses exportations",
            most.label,
            format::percent(most.share, 1)
        ));
    }
    lines
}

/// The map's sentences: why it is not drawn (a product filter), the selected département's value
/// and rank, the départements without an outline.
pub fn map_sentences(map: &FranceMap, territory: &Territory) -> Vec<String> {
    if let Some(notice) = &map.notice {
        return vec![notice.clone()];
    }
    let mut lines = Vec::new();
    if let Territory::Region(_) = territory {
        lines.push(format!(
            "{} : les {} départements de la région sont entourés en noir",
            map.measure_label,
            map.outlined.len()
        ));
    }
    if let Territory::Departement(code) = territory {
        if let Some(row) = map.rows.iter().find(|row| row.code == *code) {
            lines.push(match (row.value, row.rank) {
                (Some(value), Some(rank)) => format!(
                    "{}, {} : {}, {} sur {} départements",
                    map.measure_label,
                    row.label,
                    map.unit.text(value),
                    crate::french::ordinal(rank, false),
                    map.ranked
                ),
                _ => format!("{}, {} : pas de valeur", map.measure_label, row.label),
            });
        }
    }
    for name in &map.without_outline {
        lines.push(format!(
            "{name} n'a pas de contour sur la carte : le tableau la classe avec les autres."
        ));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_letters_and_digits() {
        assert_eq!(slug("T1 2024 – T2 2024"), "t1-2024-t2-2024");
        assert_eq!(slug("dep:60"), "dep-60");
        assert_eq!(slug("ile-de-france"), "ile-de-france");
    }
}
