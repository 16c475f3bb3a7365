//! The portrait of one territory, in the seed's order: partner countries, goods, exports (with the
//! région and France for comparison), imports (likewise), then specialisation and exposure.
//!
//! Each table is its own resource: a file that fails to load breaks only the blocks that need it.

use crate::api::{Dataset, LoadError};
use crate::charts;
use crate::components::chart::Pick;
use crate::components::filters::Filters;
use crate::components::near_screen::DrawEverything;
use crate::components::period_select::{period_text, PeriodSelect};
use crate::components::print_intro::PrintIntro;
use crate::components::territory_select::TerritorySelect;
use crate::components::view_block::{Drawn, Embed, Loaded, ViewBlock};
use crate::intl;
use crate::perf;
use crate::state::Selection;
use comex_core::codes::{Flow, Territory};
use comex_core::manifest::{Manifest, DEPARTEMENTS_BY_COUNTRY_FILE};
use comex_core::table::TradeTable;
use comex_core::views::portrait::{compute, PortraitData, SharedResults, ViewModel, ViewRequest};
use comex_core::views::totals::FlowTotal;
use comex_core::views::{exposure, goods, partners, sankey, specialisation, totals, ViewName};
use leptos::prelude::*;
use std::rc::Rc;

type TableResource = LocalResource<Result<Option<Rc<TradeTable>>, LoadError>>;

/// Which table a block describes: the selected territory, its région, or France.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Subject {
    Territory,
    Region,
    France,
}

/// The files besides the territory's that a block reads.
#[derive(Clone, Copy, Default)]
struct Reads {
    region: bool,
    france: bool,
    departements: bool,
}

fn reads(view: ViewName, subject: Subject) -> Reads {
    Reads {
        region: view == ViewName::Totals || subject == Subject::Region,
        france: matches!(view, ViewName::Totals | ViewName::Specialisation)
            || subject == Subject::France,
        departements: view == ViewName::Exposure,
    }
}

/// Which of those files the page has asked for. They are fetched when a block that reads them first
/// comes near the screen (or for printing), so the first screen fetches the territory's file only.
#[derive(Clone, Copy)]
struct Wanted {
    region: RwSignal<bool>,
    france: RwSignal<bool>,
    departements: RwSignal<bool>,
}

impl Wanted {
    fn new() -> Self {
        Wanted {
            region: RwSignal::new(false),
            france: RwSignal::new(false),
            departements: RwSignal::new(false),
        }
    }

    fn request(&self, reads: Reads) {
        for (wanted, read) in [
            (self.region, reads.region),
            (self.france, reads.france),
            (self.departements, reads.departements),
        ] {
            if read && !wanted.get_untracked() {
                wanted.set(true);
            }
        }
    }

    fn all() -> Reads {
        Reads {
            region: true,
            france: true,
            departements: true,
        }
    }
}

/// Whether the data have a file for this territory (the address may name any).
fn is_known(manifest: &Manifest, territory: &Territory) -> bool {
    manifest.territory(territory).is_ok()
}

fn table_resource(
    dataset: StoredValue<Rc<Dataset>, LocalStorage>,
    path: Memo<Option<String>>,
) -> TableResource {
    LocalResource::new(move || {
        let path = path.get();
        let dataset = dataset.get_value();
        async move {
            match path {
                Some(path) => dataset.table(&path).await.map(Some),
                None => Ok(None),
            }
        }
    })
}

/// The seed's sentence for a flow total: value, share of the région, share of France.
fn totals_sentences(flow_total: &FlowTotal, region_label: Option<&str>) -> Vec<String> {
    let (noun, verb) = match flow_total.flow {
        Flow::Export => ("exportations", "exportée"),
        Flow::Import => ("importations", "importée"),
    };
    let mut lines = vec![format!(
        "Total des {noun} : {}",
        intl::million_euros(flow_total.value)
    )];
    if let (Some(share), Some(region)) = (flow_total.share_of_region, region_label) {
        lines.push(format!(
            "soit {} de la valeur {verb} par la région {region}",
            intl::percent(share, 1)
        ));
    }
    if let Some(share) = flow_total.share_of_france {
        lines.push(format!(
            "soit {} de la valeur {verb} au niveau national",
            intl::percent(share, 2)
        ));
    }
    lines
}

#[component]
pub fn Dashboard(dataset: Rc<Dataset>) -> impl IntoView {
    let selection = Selection::from_url();
    let is_demo = dataset.manifest.is_demo();
    let manifest = StoredValue::new_local(dataset.manifest.clone());
    let catalog = StoredValue::new_local(dataset.catalog.clone());
    let dataset = StoredValue::new_local(dataset);
    // France's results do not change with the territory: kept across switches (per filter).
    let shared_results = StoredValue::new_local(SharedResults::default());

    let territory = Memo::new(move |_| selection.territory());
    // Charts shorten their labels on narrow screens; redrawn when the window crosses the limit.
    let narrow = RwSignal::new(is_narrow());
    let resize = window_event_listener(leptos::ev::resize, move |_| {
        let now = is_narrow();
        if narrow.get_untracked() != now {
            narrow.set(now);
        }
    });
    // Printing draws every chart, on screen or not; afterwards, only what is on screen again.
    let draw_everything = DrawEverything(RwSignal::new(false));
    provide_context(draw_everything);
    let after_print = window_event_listener(leptos::ev::afterprint, move |_| {
        if let Some(body) = document().body() {
            let _ = body.class_list().remove_1("printing");
        }
        draw_everything.0.set(false);
    });
    on_cleanup(move || {
        resize.remove();
        after_print.remove();
    });
    let territory_known =
        Memo::new(move |_| manifest.with_value(|m| is_known(m, &territory.get())));
    let region =
        Memo::new(move |_| manifest.with_value(|m| m.region_of(&territory.get()).ok().flatten()));
    let territory_path =
        Memo::new(move |_| territory_known.get().then(|| territory.get().file_path()));
    let wanted = Wanted::new();
    let region_path = Memo::new(move |_| {
        wanted
            .region
            .get()
            .then(|| region.get().map(|r| r.file_path()))
            .flatten()
    });
    let france_path =
        Memo::new(move |_| wanted.france.get().then(|| Territory::France.file_path()));
    let departements_path = Memo::new(move |_| {
        wanted
            .departements
            .get()
            .then(|| DEPARTEMENTS_BY_COUNTRY_FILE.to_string())
    });
    let near_screen = move |view: ViewName, subject: Subject| {
        Callback::new(move |_: ()| wanted.request(reads(view, subject)))
    };
    // The browser's own print (Ctrl+P) too: every chart is drawn, every file asked for (the button
    // also waits for them; the browser's dialog prints what has arrived).
    let before_print = window_event_listener(leptos::ev::beforeprint, move |_| {
        everything_for_print(wanted, draw_everything)
    });
    on_cleanup(move || before_print.remove());

    let territory_table = table_resource(dataset, territory_path);
    let region_table = table_resource(dataset, region_path);
    let france_table = table_resource(dataset, france_path);
    let departements_table = table_resource(dataset, departements_path);
    let retry = Callback::new(move |_| {
        for resource in [
            territory_table,
            region_table,
            france_table,
            departements_table,
        ] {
            resource.refetch();
        }
    });
    let on_pick = Callback::new(move |pick: Pick| match pick {
        Pick::Product(code) => selection.set_product(Some(code)),
        Pick::Country(code) => selection.set_country(Some(code)),
    });

    let label_of = move |t: &Territory| manifest.with_value(|m| m.label(t));
    let territory_label = Signal::derive(move || label_of(&territory.get()));
    let region_label =
        Signal::derive(move || region.get().map(|r| label_of(&r)).unwrap_or_default());
    let period =
        Signal::derive(move || manifest.with_value(|m| period_text(m, &selection.periods())));
    let title = move |text: &'static str, subject: Subject| {
        Signal::derive(move || {
            let name = match subject {
                Subject::Territory => territory_label.get(),
                Subject::Region => region_label.get(),
                Subject::France => "France entière".to_string(),
            };
            format!("{text}, {name} ({})", period.get())
        })
    };
    let source = Signal::derive(move || {
        let demo = if is_demo {
            " — données de démonstration (synthétiques, calibrées sur les totaux publiés)"
        } else {
            ""
        };
        format!("Source : DGDDI (douanes), {}{demo}", period.get())
    });

    // Computes a view for a subject once every table it needs is loaded, and draws it.
    let drawn = move |view: ViewName,
                      subject: Subject,
                      draw: fn(&ViewModel, &Manifest, Layout) -> Drawn| {
        // A memo, not a derived signal: the block reads it in several places, and a derived signal
        // would compute the view again for each read.
        let memo = Memo::new(move |_| -> Loaded<Drawn> {
            if !territory_known.get() {
                return Some(Err(LoadError::Data(
                    comex_core::CoreError::TerritoryAbsent(territory.get().to_string()),
                )));
            }
            // Only the tables this block reads: a file that fails breaks only the blocks that need it.
            // A file not asked for yet (the block is far below the screen) keeps the block loading.
            let block_reads = reads(view, subject);
            let needed = |resource: TableResource,
                          needed: bool,
                          wanted: bool|
             -> Loaded<Option<Rc<TradeTable>>> {
                match (needed, wanted) {
                    (false, _) => Some(Ok(None)),
                    (true, false) => None,
                    (true, true) => resource.get(),
                }
            };
            let own = needed(territory_table, subject == Subject::Territory, true)?;
            let region_table = needed(region_table, block_reads.region, wanted.region.get())?;
            let france_table = needed(france_table, block_reads.france, wanted.france.get())?;
            let departements = needed(
                departements_table,
                block_reads.departements,
                wanted.departements.get(),
            )?;
            // The territory's own diagram, if loaded, orders the comparison diagrams' nodes.
            let reference = if subject == Subject::Territory {
                None
            } else {
                territory_table.get().and_then(Result::ok).flatten()
            };
            let result = (|| {
                let (own, region_table, france_table, departements) =
                    (own?, region_table?, france_table?, departements?);
                let absent = || {
                    LoadError::Data(comex_core::CoreError::TerritoryAbsent(
                        territory.get().to_string(),
                    ))
                };
                let subject_table = match subject {
                    Subject::Territory => own,
                    Subject::Region => region_table.clone(),
                    Subject::France => france_table.clone(),
                }
                .ok_or_else(absent)?;
                // Views that do not read France get the subject's table in its place (never read).
                let france_table = france_table.unwrap_or_else(|| subject_table.clone());
                let request = ViewRequest {
                    view,
                    filter: catalog.with_value(|c| selection.filter(c)),
                    level: selection.level(),
                };
                shared_results.with_value(|shared| {
                    manifest.with_value(|m| {
                        catalog.with_value(|c| {
                            let data = PortraitData {
                                manifest: m,
                                catalog: c,
                                territory: &subject_table,
                                region: region_table.as_deref(),
                                france: &france_table,
                                departements: departements.as_deref(),
                                shared: Some(shared),
                            };
                            let mut model = compute(&data, &request)?;
                            // The région's and France's diagrams keep the territory's node order.
                            if let (ViewModel::Sankey(comparison), Some(own)) =
                                (&mut model, reference.as_deref())
                            {
                                if let ViewModel::Sankey(reference) = compute(
                                    &PortraitData {
                                        territory: own,
                                        ..data
                                    },
                                    &request,
                                )? {
                                    sankey::align_to(comparison, &reference);
                                }
                            }
                            Ok(draw(
                                &model,
                                m,
                                Layout {
                                    compact: false,
                                    narrow: narrow.get(),
                                },
                            ))
                        })
                    })
                })
            })();
            Some(result)
        });
        Signal::from(memo)
    };

    let unknown = move || catalog.with_value(|c| selection.unknown_codes(c));
    // Read once: an embedding page does not change its frame's address.
    let embed = Embed(selection.embed());
    let embedded = embed.is_embedded();
    let single = embed.0.as_deref().is_some_and(|name| name != "portrait");
    provide_context(embed);
    if let Some(body) = document().body() {
        let class = match (embedded, single) {
            (true, true) => "embedded embed-single",
            (true, false) => "embedded",
            _ => "",
        };
        body.set_class_name(class);
    }
    view! {
        {(!embedded).then(|| view! {
        <header class="app-header">
            <div class="title">
                <h1>"Commerce extérieur des territoires"</h1>
                <p class="subtitle">{move || format!("{} — données douanières {}", territory_label.get(), period.get())}</p>
            </div>
            {is_demo.then(|| view! {
                <p class="demo-badge" role="note" title="Données synthétiques au format des douanes, calibrées sur les totaux publiés pour 2024">
                    "Données de démonstration"
                </p>
            })}
            <TerritorySelect manifest=manifest selected=territory.into() on_select=Callback::new(move |t: Territory| {
                perf::mark(perf::TERRITORY_SELECTED);
                if manifest.with_value(|m| is_known(m, &t)) {
                    dataset.with_value(|d| d.prefetch(&t.file_path()));
                }
                selection.set_territory(&t);
            })/>
            <button type="button" class="print-button" on:click=move |_| print_fiche(wanted, draw_everything)>"Imprimer la fiche"</button>
        </header>
        <Filters catalog=catalog selection=selection>
            <PeriodSelect manifest=manifest selection=selection/>
        </Filters>
        })}
        {move || {
            let unknown = unknown();
            (!unknown.is_empty()).then(|| view! {
                <p class="notice" role="status">{format!("Ignoré dans l'adresse : {} (code inconnu des données).", unknown.join(", "))}</p>
            })
        }}
        <main>
            <PrintIntro territory_label=territory_label period=period is_demo=is_demo/>
            <section class="chapter">
                <h2>"Balance commerciale territoriale"</h2>
                <ViewBlock id="partners".into() title=title("Principaux pays à l'import et à l'export", Subject::Territory)
                    reading_key="Pour chaque pays, à gauche les importations, à droite les exportations ; le losange marque le solde."
                    rule=partners::RULE.into() source=source retry=retry on_pick=on_pick
                    drawn=drawn(ViewName::Partners, Subject::Territory, draw_chart)/>
            </section>
            <section class="chapter">
                <h2>"Principales activités"</h2>
                <div class="pair">
                    <ViewBlock id="goods-import".into() title=title("Biens importés", Subject::Territory)
                        reading_key="Figurent en bleu les biens importés dans le territoire ; un clic sur un bien montre les produits qu'il regroupe."
                        rule=goods::RULE.into() source=source retry=retry on_pick=on_pick
                        drawn=drawn(ViewName::GoodsImport, Subject::Territory, draw_chart)/>
                    <ViewBlock id="goods-export".into() title=title("Biens exportés", Subject::Territory)
                        reading_key="Figurent en violet les biens exportés depuis le territoire ; un clic sur un bien montre les produits qu'il regroupe."
                        rule=goods::RULE.into() source=source retry=retry on_pick=on_pick
                        drawn=drawn(ViewName::GoodsExport, Subject::Territory, draw_chart)/>
                </div>
            </section>
            {[Flow::Export, Flow::Import].map(|flow| {
                let (chapter, view, key, totals_title) = match flow {
                    Flow::Export => ("Exportations", ViewName::ExportSankey,
                        "À gauche les principaux biens exportés, à droite les pays de destination.", "Total des exportations"),
                    Flow::Import => ("Importations", ViewName::ImportSankey,
                        "À gauche les principaux pays d'origine, à droite les biens importés.", "Total des importations"),
                };
                let sankey_title = if flow == Flow::Export { "Flux à l'export par produit et par pays" } else { "Flux à l'import par pays et par produit" };
                let compare_title = if flow == Flow::Export { "Flux à l'export" } else { "Flux à l'import" };
                let draw_totals: fn(&ViewModel, &Manifest, Layout) -> Drawn = if flow == Flow::Export { draw_export_totals } else { draw_import_totals };
                view! {
                    <section class="chapter">
                        <h2>{chapter}</h2>
                        <ViewBlock id=view.name().into() title=title(sankey_title, Subject::Territory) reading_key=key
                            rule=sankey::rule(flow) source=source retry=retry on_pick=on_pick
                            drawn=drawn(view, Subject::Territory, draw_chart)/>
                        <ViewBlock id=format!("totals-{}", flow.label_fr()) title=title(totals_title, Subject::Territory)
                            reading_key="Valeur du territoire et sa part dans la région et dans la France entière."
                            rule=totals::RULE.into() source=source retry=retry
                            on_near_screen=near_screen(ViewName::Totals, Subject::Territory)
                            drawn=drawn(ViewName::Totals, Subject::Territory, draw_totals)/>
                        <div class="pair">
                            <ViewBlock id=format!("{}-region", view.name()) title=title(compare_title, Subject::Region) reading_key="La même représentation pour la région."
                                rule=sankey::rule(flow) source=source retry=retry on_pick=on_pick
                                on_near_screen=near_screen(view, Subject::Region)
                                drawn=drawn(view, Subject::Region, draw_compact)/>
                            <ViewBlock id=format!("{}-france", view.name()) title=title(compare_title, Subject::France) reading_key="La même représentation pour la France entière."
                                rule=sankey::rule(flow) source=source retry=retry on_pick=on_pick
                                on_near_screen=near_screen(view, Subject::France)
                                drawn=drawn(view, Subject::France, draw_compact)/>
                        </div>
                    </section>
                }
            })}
            <section class="chapter">
                <h2>"Situer le territoire"</h2>
                <ViewBlock id="specialisation".into() title=title("Spécialisation à l'export par rapport à la France", Subject::Territory)
                    reading_key="Part de chaque bien dans les exportations du territoire, comparée à sa part en France."
                    rule=specialisation::RULE.into() source=source retry=retry on_pick=on_pick
                    on_near_screen=near_screen(ViewName::Specialisation, Subject::Territory)
                    drawn=drawn(ViewName::Specialisation, Subject::Territory, draw_chart)/>
                <ViewBlock id="exposure".into() title=title("Exposition des exportations à un partenaire", Subject::Territory)
                    reading_key="Part des exportations vers le pays ou la zone choisis (les États-Unis par défaut) ; rang parmi les départements."
                    rule=exposure::RULE.into() source=source retry=retry
                    on_near_screen=near_screen(ViewName::Exposure, Subject::Territory)
                    drawn=drawn(ViewName::Exposure, Subject::Territory, draw_chart)/>
            </section>
        </main>
        {(!embedded).then(|| view! {
        <footer class="app-footer">
            <p>"Données : DGDDI (douanes), statistiques régionales et départementales du commerce extérieur, Licence Ouverte 2.0. "
               "Les données sont établies selon le lieu de dédouanement, qui ne reflète pas toujours le lieu de production."</p>
        </footer>
        })}
    }
}

/// Asks for every file (blocks below the screen have not loaded theirs) and every chart, narrows the page to the A4
/// text width (`body.printing`), waits until no block is loading and the charts have redrawn at that
/// size, then opens the print dialog; the page widens again after printing.
fn print_fiche(wanted: Wanted, draw_everything: DrawEverything) {
    everything_for_print(wanted, draw_everything);
    if let Some(body) = document().body() {
        let _ = body.class_list().add_1("printing");
    }
    print_when_loaded(PRINT_WAIT_LIMIT_MS / PRINT_POLL_MS);
}

/// Every file asked for and every chart drawn, on screen or not: what a printed portrait needs.
fn everything_for_print(wanted: Wanted, draw_everything: DrawEverything) {
    wanted.request(Wanted::all());
    draw_everything.0.set(true);
}

const PRINT_POLL_MS: u64 = 100;
/// A file that never answers must not keep the dialog from opening: its block prints its message.
const PRINT_WAIT_LIMIT_MS: u64 = 15_000;

fn print_when_loaded(polls_left: u64) {
    let loading = document()
        .query_selector("[aria-busy='true']")
        .ok()
        .flatten()
        .is_some();
    if loading && polls_left > 0 {
        set_timeout(
            move || print_when_loaded(polls_left - 1),
            std::time::Duration::from_millis(PRINT_POLL_MS),
        );
        return;
    }
    // Charts redraw at the print width (ResizeObserver) before the dialog freezes the page.
    set_timeout(
        || {
            let _ = window().print();
        },
        std::time::Duration::from_millis(400),
    );
}

/// How much room a chart has: a comparison chart (half width) is compact; a phone screen is narrow.
#[derive(Clone, Copy)]
pub struct Layout {
    pub compact: bool,
    pub narrow: bool,
}

/// Below this width (CSS pixels), charts use shorter labels.
const NARROW_WIDTH: f64 = 640.0;

fn is_narrow() -> bool {
    window()
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w < NARROW_WIDTH)
}

fn draw_chart(model: &ViewModel, manifest: &Manifest, layout: Layout) -> Drawn {
    draw(model, manifest, layout)
}

fn draw_compact(model: &ViewModel, manifest: &Manifest, layout: Layout) -> Drawn {
    draw(
        model,
        manifest,
        Layout {
            compact: true,
            ..layout
        },
    )
}

fn draw(model: &ViewModel, manifest: &Manifest, layout: Layout) -> Drawn {
    let table = model.table(manifest);
    match model {
        ViewModel::Partners(p) => Drawn {
            spec: Some(charts::partners::option(p, layout.narrow)),
            summary: Vec::new(),
            table,
        },
        ViewModel::Goods(g) => Drawn {
            spec: Some(charts::goods::option(g)),
            summary: Vec::new(),
            table,
        },
        ViewModel::Sankey(s) => Drawn {
            spec: Some(charts::sankey::option(s, layout)),
            summary: vec![format!("Total : {}", intl::million_euros(s.total))],
            table,
        },
        ViewModel::Specialisation(s) => Drawn {
            spec: Some(charts::specialisation::option(s)),
            summary: Vec::new(),
            table,
        },
        ViewModel::Exposure(e) => {
            let label_of = |code: &str| manifest.label(&Territory::Departement(code.to_string()));
            let share = e
                .share
                .map(|s| intl::percent(s, 1))
                .unwrap_or_else(|| "–".into());
            let rank = e
                .rank
                .map(|r| format!(", rang {r} sur {} départements", e.ranking.len()))
                .unwrap_or_default();
            Drawn {
                spec: (!e.ranking.is_empty())
                    .then(|| charts::specialisation::exposure_option(e, label_of)),
                summary: vec![format!(
                    "{share} des exportations vont vers : {}{rank}",
                    e.partner_label
                )],
                table,
            }
        }
        ViewModel::Totals(_) => Drawn {
            spec: None,
            summary: Vec::new(),
            table,
        },
    }
}

fn draw_flow_totals(model: &ViewModel, manifest: &Manifest, flow: Flow) -> Drawn {
    let table = model.table(manifest);
    let summary = match model {
        ViewModel::Totals(t) => {
            let region_label = t
                .region
                .as_ref()
                .filter(|r| **r != t.territory)
                .map(|r| manifest.label(r));
            let flow_total = if flow == Flow::Export {
                &t.exports
            } else {
                &t.imports
            };
            totals_sentences(flow_total, region_label.as_deref())
        }
        _ => Vec::new(),
    };
    Drawn {
        spec: None,
        summary,
        table,
    }
}

fn draw_export_totals(model: &ViewModel, manifest: &Manifest, _: Layout) -> Drawn {
    draw_flow_totals(model, manifest, Flow::Export)
}

fn draw_import_totals(model: &ViewModel, manifest: &Manifest, _: Layout) -> Drawn {
    draw_flow_totals(model, manifest, Flow::Import)
}
