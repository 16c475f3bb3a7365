//! Computing any view by name from a territory's data, and its tabular form.

use super::change::{Change, ChangeRow};
use super::comparison::{comparison_table, Comparison};
use super::dependence::{
    concentration, summary as concentration_summary, tariff_exposure, Concentration,
    TariffExposure, TerritoryConcentration,
};
use super::evolution::Evolution;
use super::exposure::{
    departement_ranking, exposure_with_ranking, partner_of, DepartementExposure, Exposure,
};
use super::goods::{goods, goods_at_level, Goods};
use super::key_points::KeyPoints;
use super::map::{FranceMap, MapUnit};
use super::partners::{partners, Partners, DEFAULT_TOP};
use super::sankey::{sankey, Sankey};
use super::specialisation::{specialisation_from, Specialisation};
use super::table::{Cell, ViewTable};
use super::totals::{filtered_totals, totals_from_sums, Totals};
use super::PeriodView;
use crate::catalog::Catalog;
use crate::codes::{Flow, ProductLevel, Territory};
use crate::filter::Filter;
use crate::manifest::Manifest;
use crate::trade_table::TradeTable;
use crate::CoreError;
use serde::Serialize;
use std::cell::{RefCell, RefMut};

/// Everything a territory's portrait is computed from.
pub struct PortraitData<'a> {
    pub manifest: &'a Manifest,
    pub catalog: &'a Catalog,
    pub territory: &'a TradeTable,
    /// The région a département is compared with; none for a région or France (never itself).
    pub region: Option<&'a TradeTable>,
    /// France, for the shares and the specialisation; none for France itself (never itself).
    pub france: Option<&'a TradeTable>,
    /// All départements by partner country: only the exposure view needs it.
    pub departements: Option<&'a TradeTable>,
    /// Results kept from one territory to the next (France's sums and goods, the ranking of all
    /// départements); none to compute everything.
    pub shared: Option<&'a SharedResults>,
}

/// Results that depend on the filter but not on the territory: computed once per filter and level,
/// reused when the user switches territory, dropped when the filter changes.
#[derive(Debug, Default)]
pub struct SharedResults {
    state: RefCell<SharedState>,
}

#[derive(Debug, Default)]
struct SharedState {
    key: Option<(Filter, ProductLevel)>,
    sums: Vec<(Territory, [i64; 2])>,
    france_goods: Option<Goods>,
    ranking: Option<Vec<DepartementExposure>>,
    /// France's imports and exports over its partner countries, by flow.
    france_concentration: Vec<(Flow, TerritoryConcentration)>,
}

impl SharedResults {
    /// The state for this filter and level, emptied if it was kept for others.
    fn state(&self, filter: &Filter, level: ProductLevel) -> RefMut<'_, SharedState> {
        let mut state = self.state.borrow_mut();
        let key = (filter.clone(), level);
        if state.key.as_ref() != Some(&key) {
            *state = SharedState {
                key: Some(key),
                ..SharedState::default()
            };
        }
        state
    }
}

/// Sums of a table, from the shared results when they hold them.
fn table_sums(data: &PortraitData, table: &TradeTable, request: &ViewRequest) -> [i64; 2] {
    let compute = || filtered_totals(table, data.catalog, &request.filter);
    let Some(shared) = data.shared else {
        return compute();
    };
    let mut state = shared.state(&request.filter, request.level);
    if let Some((_, sums)) = state.sums.iter().find(|(t, _)| *t == table.territory) {
        return *sums;
    }
    let sums = compute();
    state.sums.push((table.territory.clone(), sums));
    sums
}

/// What every view of a selection reads: its filter and its product level.
#[derive(Debug, Clone, PartialEq)]
pub struct ViewRequest {
    pub filter: Filter,
    pub level: ProductLevel,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "view", rename_all = "kebab-case")]
pub enum ViewModel {
    Totals(Totals),
    Partners(Partners),
    Goods(Goods),
    Sankey(Sankey),
    Specialisation(Specialisation),
    Exposure(Exposure),
    /// The import dependence or the export concentration.
    Concentration(Concentration),
    TariffExposure(TariffExposure),
    Evolution(Evolution),
    Change(Change),
    KeyPoints(KeyPoints),
    Map(FranceMap),
    Comparison(Comparison),
}

pub fn compute_period_view(
    data: &PortraitData,
    view: PeriodView,
    request: &ViewRequest,
) -> Result<ViewModel, CoreError> {
    let PortraitData {
        catalog,
        territory,
        france,
        ..
    } = *data;
    let filter = &request.filter;
    let level = request.level;
    Ok(match view {
        PeriodView::Totals => {
            // The territory's own sums are not shared: a région is its own région, but its own sums
            // are then found among the shared ones anyway.
            let region = data
                .region
                .map(|region| (region, table_sums(data, region, request)));
            let own = filtered_totals(territory, catalog, filter);
            ViewModel::Totals(totals_from_sums(
                territory,
                region,
                france.map(|france| table_sums(data, france, request)),
                own,
            ))
        }
        PeriodView::Partners => {
            ViewModel::Partners(partners(territory, catalog, filter, DEFAULT_TOP))
        }
        PeriodView::GoodsExport => {
            ViewModel::Goods(goods(territory, catalog, filter, Flow::Export, level))
        }
        PeriodView::GoodsImport => {
            ViewModel::Goods(goods(territory, catalog, filter, Flow::Import, level))
        }
        PeriodView::ExportSankey => {
            ViewModel::Sankey(sankey(territory, catalog, filter, Flow::Export, level))
        }
        PeriodView::ImportSankey => {
            ViewModel::Sankey(sankey(territory, catalog, filter, Flow::Import, level))
        }
        PeriodView::Specialisation => {
            let france = france.ok_or(CoreError::NeedsFile {
                view: "specialisation",
                file: "fr.arrow",
            })?;
            let local = goods_at_level(territory, catalog, filter, Flow::Export, level);
            let national = || goods_at_level(france, catalog, filter, Flow::Export, level);
            // Kept only for France's own file: a result is reused only for what it was computed from.
            let specialisation = match data
                .shared
                .filter(|_| france.territory == Territory::France)
            {
                Some(shared) => {
                    let mut state = shared.state(filter, level);
                    let national = state.france_goods.get_or_insert_with(national);
                    specialisation_from(&local, national)
                }
                None => specialisation_from(&local, &national()),
            };
            ViewModel::Specialisation(specialisation)
        }
        PeriodView::ImportDependence => concentration_view(data, request, Flow::Import),
        PeriodView::ExportConcentration => concentration_view(data, request, Flow::Export),
        PeriodView::TariffExposure => ViewModel::TariffExposure(tariff_exposure(
            territory,
            catalog,
            filter,
            &partner_of(filter),
            level,
        )),
        PeriodView::Exposure => exposure_view(data, request)?,
    })
}

/// The exposure to the partner, with the ranking of all départements (kept from one territory to
/// the next).
fn exposure_view(data: &PortraitData, request: &ViewRequest) -> Result<ViewModel, CoreError> {
    let (catalog, territory, filter, level) =
        (data.catalog, data.territory, &request.filter, request.level);
    let departements = data.departements.ok_or(CoreError::NeedsFile {
        view: "exposure",
        file: "fr-departements-pays",
    })?;
    let partner = partner_of(filter);
    let ranking = || departement_ranking(departements, catalog, filter, &partner, Flow::Export);
    let ranking = match data.shared {
        Some(shared) => shared
            .state(filter, level)
            .ranking
            .get_or_insert_with(ranking)
            .clone(),
        None => ranking(),
    };
    Ok(ViewModel::Exposure(exposure_with_ranking(
        territory,
        ranking,
        catalog,
        filter,
        &partner,
        Flow::Export,
    )))
}

/// The import dependence or the export concentration, compared with the région's and France's.
fn concentration_view(data: &PortraitData, request: &ViewRequest, flow: Flow) -> ViewModel {
    let (catalog, filter, level) = (data.catalog, &request.filter, request.level);
    let summary = |table: &TradeTable| concentration_summary(table, catalog, filter, flow, level);
    let mut comparisons: Vec<TerritoryConcentration> =
        data.region.map(summary).into_iter().collect();
    if let Some(france) = data.france {
        // France's summary does not depend on the territory: kept for the next one.
        let kept = data
            .shared
            .filter(|_| france.territory == Territory::France);
        comparisons.push(match kept {
            Some(shared) => {
                let mut state = shared.state(filter, level);
                match state.france_concentration.iter().find(|(f, _)| *f == flow) {
                    Some((_, known)) => known.clone(),
                    None => {
                        let computed = summary(france);
                        state.france_concentration.push((flow, computed.clone()));
                        computed
                    }
                }
            }
            None => summary(france),
        });
    }
    ViewModel::Concentration(concentration(
        data.territory,
        comparisons,
        catalog,
        filter,
        flow,
        level,
    ))
}

/// The totals of these flows as a table; the share columns only where the territory has that
/// comparison (a région has no région share, France neither).
pub fn totals_table(totals: &Totals, flows: &[Flow]) -> ViewTable {
    let with_region = totals.region.is_some();
    let with_france = totals.exports.france_value.is_some();
    let mut columns = vec!["Flux".to_string(), "Valeur (€)".to_string()];
    if with_region {
        columns.push("Part de la région".into());
    }
    if with_france {
        columns.push("Part de la France".into());
    }
    let with_earlier = totals.exports.earlier_value.is_some();
    if with_earlier {
        columns.push("Un an plus tôt (€)".into());
        columns.push("Évolution".into());
    }
    let rows = flows
        .iter()
        .map(|&flow| {
            let total = if flow == Flow::Export {
                &totals.exports
            } else {
                &totals.imports
            };
            let label = if flow == Flow::Export {
                "Exportations"
            } else {
                "Importations"
            };
            let mut row = vec![Cell::Text(label.to_string()), Cell::Euros(total.value)];
            if with_region {
                row.push(Cell::Share {
                    value: total.share_of_region,
                    decimals: 1,
                });
            }
            if with_france {
                row.push(Cell::Share {
                    value: total.share_of_france,
                    decimals: 2,
                });
            }
            if with_earlier {
                row.push(Cell::Euros(total.earlier_value.unwrap_or(0)));
                row.push(Cell::SignedShare(total.change));
            }
            row
        })
        .collect();
    ViewTable {
        title: "Totaux".to_string(),
        columns,
        rows,
        total: None,
    }
}

/// The evolution as a table: a row per quarter, euros and indices.
fn evolution_table(evolution: &Evolution) -> ViewTable {
    let mut columns: Vec<String> = [
        "Trimestre",
        "Exportations (€)",
        "Importations (€)",
        "Solde (€)",
        "Indice des exportations",
        "Indice des importations",
    ]
    .map(String::from)
    .to_vec();
    if evolution.with_region {
        columns.push("Indice des exportations de la région".into());
        columns.push("Indice des importations de la région".into());
    }
    if evolution.with_france {
        columns.push("Indice des exportations de la France".into());
        columns.push("Indice des importations de la France".into());
    }
    let rows = evolution
        .points
        .iter()
        .map(|point| {
            let mut row = vec![
                Cell::Text(point.period.label_fr()),
                Cell::Euros(point.exports),
                Cell::Euros(point.imports),
                Cell::Euros(point.balance),
                Cell::Index(point.exports_index),
                Cell::Index(point.imports_index),
            ];
            if evolution.with_region {
                row.push(Cell::Index(point.region_exports_index));
                row.push(Cell::Index(point.region_imports_index));
            }
            if evolution.with_france {
                row.push(Cell::Index(point.france_exports_index));
                row.push(Cell::Index(point.france_imports_index));
            }
            row
        })
        .collect();
    ViewTable {
        title: "Évolution par trimestre".to_string(),
        columns,
        rows,
        total: None,
    }
}

/// The change as a table: per flow, the gains then the losses.
fn change_table(change: &Change) -> ViewTable {
    let name = match change.by {
        super::change::ChangeBy::Partners => "Pays",
        super::change::ChangeBy::Goods => "Bien",
    };
    let columns = [
        "Flux",
        "Sens",
        "Code",
        name,
        "Valeur (€)",
        "Un an plus tôt (€)",
        "Écart (€)",
        "Écart (%)",
        "Contribution (points)",
    ]
    .map(String::from)
    .to_vec();
    let mut rows = Vec::new();
    for flow_change in &change.flows {
        let flow = if flow_change.flow == Flow::Export {
            "Exportations"
        } else {
            "Importations"
        };
        let line = |direction: &str, row: &ChangeRow| {
            vec![
                Cell::Text(flow.to_string()),
                Cell::Text(direction.to_string()),
                Cell::Text(row.code.clone()),
                Cell::Text(row.label.clone()),
                Cell::Euros(row.value),
                Cell::Euros(row.earlier),
                Cell::Euros(row.change),
                Cell::SignedShare(row.relative),
                Cell::Points(row.contribution),
            ]
        };
        rows.extend(flow_change.gains.iter().map(|row| line("hausse", row)));
        rows.extend(flow_change.losses.iter().map(|row| line("baisse", row)));
        rows.push(vec![
            Cell::Text(flow.to_string()),
            Cell::Text("total".to_string()),
            Cell::Text(String::new()),
            Cell::Text("Total du flux".to_string()),
            Cell::Euros(flow_change.total),
            Cell::Euros(flow_change.earlier_total),
            Cell::Euros(flow_change.total - flow_change.earlier_total),
            Cell::SignedShare(flow_change.relative),
            Cell::Points(flow_change.relative),
        ]);
    }
    ViewTable {
        title: "Ce qui a changé".to_string(),
        columns,
        rows,
        total: None,
    }
}

/// The goods of a dependence or a concentration: each with its first partner.
fn concentration_table(model: &Concentration) -> ViewTable {
    let (title, first, strong) = match model.flow {
        Flow::Import => (
            "Dépendance des importations par bien",
            "Premier fournisseur",
            "Forte dépendance",
        ),
        Flow::Export => (
            "Concentration des exportations par bien",
            "Premier client",
            "Concentré",
        ),
    };
    let columns = [
        "Code",
        "Bien",
        "Valeur (€)",
        first,
        "Part du premier pays",
        "Dans l'UE",
        "Nombre de pays",
        "HHI",
        strong,
    ]
    .map(String::from)
    .to_vec();
    let yes_no = |flag: bool| Cell::Text(if flag { "oui" } else { "non" }.to_string());
    let rows = model
        .goods
        .iter()
        .map(|good| {
            vec![
                Cell::Text(good.code.clone()),
                Cell::Text(good.label.clone()),
                Cell::Euros(good.value),
                Cell::Text(good.first_country_label.clone()),
                Cell::share(Some(good.first_share)),
                yes_no(good.first_in_eu),
                Cell::Count(good.countries),
                Cell::Count(good.hhi.round() as usize),
                yes_no(good.is_strong()),
            ]
        })
        .collect();
    ViewTable {
        title: title.to_string(),
        columns,
        rows,
        total: None,
    }
}

/// The goods exported to the partner, by value to it.
fn tariff_table(model: &TariffExposure) -> ViewTable {
    let columns = [
        "Code",
        "Bien",
        "Vers le partenaire (€)",
        "Exportations du bien (€)",
        "Part vers le partenaire",
        "Poids dans les exportations",
    ]
    .map(String::from)
    .to_vec();
    let rows = model
        .goods
        .iter()
        .map(|good| {
            vec![
                Cell::Text(good.code.clone()),
                Cell::Text(good.label.clone()),
                Cell::Euros(good.to_partner),
                Cell::Euros(good.exports),
                Cell::share(Some(good.share)),
                Cell::share(Some(good.weight)),
            ]
        })
        .collect();
    ViewTable {
        title: format!("Biens exportés vers : {}", model.partner_label),
        columns,
        rows,
        total: Some(vec![
            Cell::Text(String::new()),
            Cell::Text("Total".to_string()),
            Cell::Euros(model.to_partner),
            Cell::Euros(model.total),
            Cell::share(model.share),
            Cell::share(Some(if model.total == 0 { 0.0 } else { 1.0 })),
        ]),
    }
}

impl ViewModel {
    /// The view as a table, territories named from the manifest.
    // One arm per view: each table's columns stand next to the view they describe.
    #[allow(clippy::too_many_lines)]
    pub fn table(&self, manifest: &Manifest) -> ViewTable {
        let text = |s: &str| Cell::Text(s.to_string());
        match self {
            ViewModel::Totals(t) => totals_table(t, &Flow::BOTH),
            ViewModel::Evolution(evolution) => evolution_table(evolution),
            ViewModel::Change(change) => change_table(change),
            ViewModel::Comparison(comparison) => comparison_table(comparison),
            ViewModel::Map(map) => ViewTable {
                title: "Départements".to_string(),
                columns: vec![
                    "Code département".to_string(),
                    "Département".to_string(),
                    match map.unit {
                        MapUnit::Euros => format!("{} (€)", map.measure_label),
                        _ => map.measure_label.clone(),
                    },
                    "Rang".to_string(),
                ],
                rows: map
                    .rows
                    .iter()
                    .map(|row| {
                        let value = match map.unit {
                            MapUnit::Euros => row.value.map_or(Cell::Text(String::new()), |v| {
                                Cell::Euros(v.round() as i64)
                            }),
                            MapUnit::Share => Cell::share(row.value),
                            MapUnit::Index => Cell::Ratio(row.value),
                            MapUnit::Change => Cell::SignedShare(row.value),
                        };
                        vec![
                            text(&row.code),
                            text(&row.label),
                            value,
                            row.rank.map_or(Cell::Text(String::new()), Cell::Count),
                        ]
                    })
                    .collect(),
                total: None,
            },
            ViewModel::KeyPoints(key_points) => ViewTable {
                title: "Points clés".to_string(),
                columns: ["Sujet", "Phrase", "Graphique"].map(String::from).to_vec(),
                rows: key_points
                    .points
                    .iter()
                    .map(|point| vec![text(point.topic), text(&point.text), text(point.block)])
                    .collect(),
                total: None,
            },
            ViewModel::Partners(p) => ViewTable {
                title: "Principaux pays partenaires".to_string(),
                columns: [
                    "Code pays",
                    "Pays",
                    "Importations (€)",
                    "Exportations (€)",
                    "Solde (€)",
                ]
                .map(String::from)
                .to_vec(),
                rows: p
                    .rows
                    .iter()
                    .map(|r| {
                        vec![
                            text(&r.code),
                            text(&r.label),
                            Cell::Euros(r.imports),
                            Cell::Euros(r.exports),
                            Cell::Euros(r.balance),
                        ]
                    })
                    .collect(),
                total: None,
            },
            ViewModel::Goods(g) => ViewTable {
                title: format!(
                    "Biens {}s",
                    if g.flow == Flow::Export {
                        "exporté"
                    } else {
                        "importé"
                    }
                ),
                columns: ["Code", "Bien", "Valeur (€)", "Part du flux"]
                    .map(String::from)
                    .to_vec(),
                rows: g
                    .tiles()
                    .1
                    .iter()
                    .map(|n| {
                        vec![
                            text(&n.code),
                            text(&n.label),
                            Cell::Euros(n.value),
                            Cell::share(Some(n.share)),
                        ]
                    })
                    .collect(),
                total: Some(vec![
                    text(""),
                    text("Total"),
                    Cell::Euros(g.total),
                    Cell::share(Some(if g.total == 0 { 0.0 } else { 1.0 })),
                ]),
            },
            ViewModel::Sankey(s) => ViewTable {
                title: format!(
                    "Flux à l'{}",
                    if s.flow == Flow::Export {
                        "export"
                    } else {
                        "import"
                    }
                ),
                columns: [
                    "Code origine",
                    "Origine",
                    "Code destination",
                    "Destination",
                    "Valeur (€)",
                    "Flux principal",
                ]
                .map(String::from)
                .to_vec(),
                rows: s
                    .links
                    .iter()
                    .map(|link| {
                        let source = s.left.get(link.source);
                        let target = s.right.get(link.target);
                        vec![
                            text(source.map(|node| node.code.as_str()).unwrap_or("")),
                            text(source.map(|node| node.label.as_str()).unwrap_or("")),
                            text(target.map(|node| node.code.as_str()).unwrap_or("")),
                            text(target.map(|node| node.label.as_str()).unwrap_or("")),
                            Cell::Euros(link.value),
                            text(if link.flagged { "oui" } else { "non" }),
                        ]
                    })
                    .collect(),
                total: Some(vec![
                    text(""),
                    text("Total"),
                    text(""),
                    text(""),
                    Cell::Euros(s.total),
                    text(""),
                ]),
            },
            ViewModel::Specialisation(s) => ViewTable {
                title: "Spécialisation par rapport à la France".to_string(),
                columns: [
                    "Code",
                    "Bien",
                    "Valeur (€)",
                    "Part du territoire",
                    "Part nationale",
                    "Indice",
                ]
                .map(String::from)
                .to_vec(),
                rows: s
                    .rows
                    .iter()
                    .map(|r| {
                        vec![
                            text(&r.code),
                            text(&r.label),
                            Cell::Euros(r.value),
                            Cell::share(Some(r.territory_share)),
                            Cell::share(Some(r.france_share)),
                            Cell::Ratio(r.index),
                        ]
                    })
                    .collect(),
                total: None,
            },
            ViewModel::Concentration(model) => concentration_table(model),
            ViewModel::TariffExposure(model) => tariff_table(model),
            ViewModel::Exposure(e) => {
                let name = manifest.label(&e.territory);
                let rank = e
                    .rank
                    .map(|rank| format!(" ; rang {rank} sur {}", e.ranking.len()))
                    .unwrap_or_default();
                let share = Cell::share(e.share).text();
                ViewTable {
                    title: format!(
                        "Exposition de {name} à {} : {share} des exportations{rank}",
                        e.partner_label
                    ),
                    columns: [
                        "Rang",
                        "Code",
                        "Département",
                        "Avec le partenaire (€)",
                        "Total (€)",
                        "Part",
                    ]
                    .map(String::from)
                    .to_vec(),
                    rows: e
                        .ranking
                        .iter()
                        .enumerate()
                        .map(|(i, d)| {
                            let territory =
                                crate::codes::Territory::Departement(d.departement.clone());
                            vec![
                                Cell::Count(i + 1),
                                text(&d.departement),
                                Cell::Text(manifest.label(&territory)),
                                Cell::Euros(d.value),
                                Cell::Euros(d.total),
                                Cell::share(Some(d.share)),
                            ]
                        })
                        .collect(),
                    total: None,
                }
            }
        }
    }
}
