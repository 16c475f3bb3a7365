//! The portrait of one territory: the key points, then in the seed's order: partner countries, what changed over time,
//! goods, exports (with the région and France for comparison), imports (likewise), then
//! specialisation and exposure. This
//! file only lays the blocks out: each block's files and model come from `crate::loading`, whose
//! numbers all come from the core.

use crate::address::EmbedMode;
use crate::api::Dataset;
use crate::components::app_header::AppHeader;
use crate::components::chart::Pick;
use crate::components::map_measure_select::MapMeasureSelect;
use crate::components::message::NotApplicable;
use crate::components::print::follow_browser_print;
use crate::components::print_intro::PrintIntro;
use crate::components::territory_links::TerritoryLinks;
use crate::components::view_block::ViewBlock;
use crate::document_head;
use crate::loading::{load, DrawEverything, Drawn, FirstChartDrawn, Loaded, PageContext};
use crate::state::{AddressState, Embed};
use crate::takeover;
use comex_core::blocks::text::period_text;
use comex_core::blocks::Block;
use comex_core::pages::page_title;
use leptos::prelude::*;
use std::rc::Rc;
use std::sync::Arc;

/// What waits for the first chart (the key points' files, the blocks far from the screen) stops
/// waiting after this long: a first screen may hold no chart at all (a phone's shows the key points).
const FIRST_CHART_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

/// Below this width (CSS pixels), charts use shorter labels.
const NARROW_WIDTH: f64 = 640.0;

fn is_narrow() -> bool {
    window()
        .inner_width()
        .ok()
        .and_then(|width| width.as_f64())
        .is_some_and(|width| width < NARROW_WIDTH)
}

/// One block, or nothing when it does not apply to the territory (a région is not compared with
/// itself); an embed of such a block says so.
fn block_view(
    block: Block,
    page_context: PageContext,
    on_pick: Callback<Pick>,
    on_hover: Callback<Pick>,
) -> impl IntoView {
    let loaded = load(block, page_context);
    if block == Block::KeyPoints {
        follow_key_points(loaded.drawn);
    }
    let applies = Memo::new(move |_| loaded.heading.with(Option::is_some));
    let embed = use_context::<Embed>().unwrap_or(Embed(None));
    let embedded_alone = embed.is_alone(block);
    let picks = (!matches!(
        block,
        Block::KeyPoints | Block::TotalsExportations | Block::TotalsImportations | Block::Exposure
    ))
    .then_some(on_pick);
    view! {
        <Show when=move || applies.get()
            fallback=move || embedded_alone.then(|| view! { <NotApplicable block=block/> })>
            <ViewBlock block=block heading=loaded.heading drawn=loaded.drawn retry=loaded.retry
                on_pick=picks on_hover=(block == Block::Map).then_some(on_hover)
                on_near_screen=loaded.near_screen/>
        </Show>
    }
}

/// The key points write the page's description (their first sentence).
fn follow_key_points(drawn: Signal<Loaded<Arc<Drawn>>>) {
    Effect::new(move |_| {
        drawn.with(|drawn| {
            if let Some((first, _)) = drawn
                .as_ref()
                .and_then(|drawn| drawn.as_ref().ok())
                .and_then(|drawn| drawn.points.first())
            {
                document_head::set_description(first);
            }
        });
    });
}

/// The head follows the selection (title, canonical page); an older `?territory=` address is
/// rewritten as its territory's page. Behind a static page, the app shows itself once the blocks on
/// the screen are drawn.
fn follow_selection(selection: AddressState, page_context: PageContext) {
    page_context
        .dataset
        .with_value(|dataset| selection.settle_address(&dataset.manifest));
    Effect::new(move |_| {
        let territory = selection.territory();
        let periods = selection.periods();
        page_context.dataset.with_value(|dataset| {
            let manifest = &dataset.manifest;
            document_head::set_title(&page_title(manifest, &territory, &periods));
            if let Some(path) = manifest.page_path(&territory) {
                document_head::set_canonical(&path);
            }
        });
    });
    if takeover::is_pending() {
        // The static page already shows the first screen: the key points need not wait for a chart.
        page_context.first_chart_drawn.set(true);
        if let Embed(Some(EmbedMode::Unknown(_))) = selection.embed() {
            // No block to wait for: the page says at once why the frame is empty.
            takeover::reveal();
        } else {
            takeover::reveal_once_drawn();
        }
    }
}

/// The embed mode, read once from the address (an embedding page does not change its frame's):
/// given to every block, and the body's class.
fn embed_mode(selection: AddressState, page_context: PageContext) -> bool {
    let embed = selection.embed();
    let embedded = embed.is_embedded();
    let single = embed.is_single();
    // Alone in an embed, the key points have no chart to wait for.
    if embed.is_alone(Block::KeyPoints) {
        page_context.first_chart_drawn.set(true);
    }
    provide_context(embed);
    if let Some(body) = document().body() {
        let class = match (embedded, single) {
            (true, true) => "embedded embed-single",
            (true, false) => "embedded",
            _ => "",
        };
        body.set_class_name(class);
    }
    embedded
}

/// What a click on a chart mark does (filter by the good or the country, select the département),
/// and what hovering one does (ask for the département's file).
fn mark_callbacks(
    selection: AddressState,
    page_context: PageContext,
) -> (Callback<Pick>, Callback<Pick>) {
    let on_pick = Callback::new(move |pick: Pick| match pick {
        Pick::Product(code) => selection.set_product(Some(code)),
        Pick::Country(code) => selection.set_country(Some(code)),
        // As the selector does: the files asked for at once, the address changes, back and forward work.
        Pick::Territory(territory) => page_context.switch_territory(territory, selection),
    });
    // Hovering a département of the map asks for its file: a click then finds it on its way.
    let on_hover = Callback::new(move |pick: Pick| {
        if let Pick::Territory(territory) = pick {
            page_context.prefetch_territory(&territory);
        }
    });
    (on_pick, on_hover)
}

/// What follows the first chart: the wait for it ends (after `FIRST_CHART_WAIT` at the latest), and
/// the chart types of the second ECharts bundle, all below the first screen, are asked for, so that
/// they are there when the reader scrolls to them (a single embedded chart asks for them itself),
/// and so are the région's files, asked for once the key points' are in and the browser is idle.
fn after_first_chart(selection: AddressState, page_context: PageContext) {
    let first_chart_drawn = page_context.first_chart_drawn;
    set_timeout(
        move || {
            if !first_chart_drawn.get_untracked() {
                first_chart_drawn.set(true);
            }
        },
        FIRST_CHART_WAIT,
    );
    let single_embed = selection.embed().is_single();
    Effect::new(move |_| {
        // Again at each selection: its région's files (the bundle is loaded once).
        page_context.selection.track();
        if first_chart_drawn.get() && !single_embed {
            wasm_bindgen_futures::spawn_local(async {
                // A failure is told by the chart that needs the bundle.
                let _ = crate::echarts::ensure_more().await;
            });
            page_context.prefetch_region_when_idle();
        }
    });
}

/// How many chapters `later_chapters` builds, one task each: the length of its list.
const LATER_CHAPTERS: usize = 6;

/// The chapters below the first screen, each built in a task of its own after the first screen's
/// (`built` counts those built): the page's first build is several short tasks, not one long one
/// (all of them at once took 120–200 ms on a phone's processor).
fn later_chapters(
    block: impl Fn(Block) -> AnyView + Copy + Send + Sync + 'static,
    selection: AddressState,
    built: RwSignal<usize>,
) -> impl IntoView {
    let sankey_chapter =
        move |chapter: &'static str, [diagram, totals, region, france]: [Block; 4]| {
            view! {
                <section class="chapter">
                    <h2>{chapter}</h2>
                    {block(diagram)}
                    {block(totals)}
                    <div class="pair">
                        {block(region)}
                        {block(france)}
                    </div>
                </section>
            }
            .into_any()
        };
    let chapters: [Box<dyn Fn() -> AnyView + Send + Sync>; LATER_CHAPTERS] = [
        Box::new(move || {
            view! {
                <section class="chapter">
                    <h2>"Évolution"</h2>
                    {block(Block::Evolution)}
                    <div class="pair">
                        {block(Block::ChangePartners)}
                        {block(Block::ChangeGoods)}
                    </div>
                </section>
            }
            .into_any()
        }),
        Box::new(move || {
            view! {
                <section class="chapter">
                    <h2>"Principales activités"</h2>
                    <div class="pair">
                        {block(Block::GoodsImport)}
                        {block(Block::GoodsExport)}
                    </div>
                </section>
            }
            .into_any()
        }),
        Box::new(move || {
            sankey_chapter(
                "Exportations",
                [
                    Block::ExportSankey,
                    Block::TotalsExportations,
                    Block::ExportSankeyRegion,
                    Block::ExportSankeyFrance,
                ],
            )
        }),
        Box::new(move || {
            sankey_chapter(
                "Importations",
                [
                    Block::ImportSankey,
                    Block::TotalsImportations,
                    Block::ImportSankeyRegion,
                    Block::ImportSankeyFrance,
                ],
            )
        }),
        Box::new(move || {
            view! {
                <section class="chapter">
                    <h2>"Situer le territoire"</h2>
                    <MapMeasureSelect selection=selection/>
                    {block(Block::Map)}
                    {block(Block::Specialisation)}
                    {block(Block::Exposure)}
                </section>
            }
            .into_any()
        }),
        Box::new(move || {
            view! {
                <section class="chapter">
                    <h2>"Dépendances et exposition"</h2>
                    {block(Block::ImportDependence)}
                    {block(Block::ExportConcentration)}
                    {block(Block::TariffExposure)}
                </section>
            }
            .into_any()
        }),
    ];
    chapters
        .into_iter()
        .enumerate()
        .map(|(index, chapter)| view! { <Show when=move || { built.get() > index }>{chapter()}</Show> })
        .collect_view()
}

/// Counts one more chapter built in each task from the next one on, up to `count`.
fn build_in_turn(built: RwSignal<usize>, count: usize) {
    set_timeout(
        move || {
            built.update(|built| *built += 1);
            if built.get_untracked() < count {
                build_in_turn(built, count);
            }
        },
        std::time::Duration::ZERO,
    );
}

#[component]
pub fn Dashboard(dataset: Rc<Dataset>, selection: AddressState) -> impl IntoView {
    let is_demo = dataset.manifest.is_demo();
    let manifest = StoredValue::new_local(dataset.manifest.clone());
    let catalog = StoredValue::new_local(dataset.catalog.clone());
    // The build's headless browser saves every block, as printing shows them.
    let draw_everything = DrawEverything(RwSignal::new(takeover::is_baking()));
    provide_context(draw_everything);
    follow_browser_print(draw_everything);
    let page_context = PageContext::new(dataset, selection, draw_everything);
    provide_context(FirstChartDrawn(page_context.first_chart_drawn));
    page_context.narrow.set(is_narrow());
    // Charts shorten their labels on narrow screens; redrawn when the window crosses the limit.
    let resize = window_event_listener(leptos::ev::resize, move |_| {
        let now = is_narrow();
        if page_context.narrow.get_untracked() != now {
            page_context.narrow.set(now);
        }
    });
    on_cleanup(move || resize.remove());
    crate::theme::follow(
        page_context.theme,
        selection.forced_theme(),
        page_context.draw_everything,
    );
    provide_context(crate::theme::PageTheme(page_context.theme));
    // Échap closes the charts' tooltips (RGAA 10.13).
    let escape = window_event_listener(leptos::ev::keydown, |event| {
        if event.key() == "Escape" {
            crate::echarts::hide_tooltips();
        }
    });
    on_cleanup(move || escape.remove());

    let territory = Memo::new(move |_| selection.territory());
    let (on_pick, on_hover) = mark_callbacks(selection, page_context);
    let territory_label =
        Signal::derive(move || manifest.with_value(|m| m.label(&territory.get())));
    let period =
        Signal::derive(move || manifest.with_value(|m| period_text(m, &selection.periods())));
    let unknown = move || catalog.with_value(|c| selection.unknown_codes(c));
    let embedded = embed_mode(selection, page_context);
    follow_selection(selection, page_context);
    after_first_chart(selection, page_context);
    let block = move |block: Block| block_view(block, page_context, on_pick, on_hover).into_any();
    let chapters_built = RwSignal::new(0);
    build_in_turn(chapters_built, LATER_CHAPTERS);
    view! {
        {(!embedded).then(|| view! {
            <AppHeader manifest=manifest catalog=catalog selection=selection page_context=page_context
                territory_label=territory_label period=period is_demo=is_demo/>
        })}
        {move || {
            let unknown = unknown();
            (!unknown.is_empty()).then(|| view! {
                <p class="notice" role="status">{format!("Ignoré dans l'adresse, faute de le reconnaître : {}.", unknown.join(", "))}</p>
            })
        }}
        <main>
            <PrintIntro territory_label=territory_label period=period is_demo=is_demo/>
            <section class="chapter key-points-chapter">
                // Headings in order (h1, h2, then the block's h3) without repeating the block's title.
                <h2 class="visually-hidden">"Synthèse"</h2>
                {block(Block::KeyPoints)}
            </section>
            // Hidden, not removed, without a second territory: the block keeps its loader (a file
            // arriving after the chapter was removed would write to a disposed signal).
            <section class="chapter" hidden=move || selection.compare().is_none()>
                <h2>"Comparaison"</h2>
                {block(Block::Comparison)}
            </section>
            <section class="chapter">
                <h2>"Balance commerciale territoriale"</h2>
                {block(Block::Partners)}
            </section>
            {later_chapters(block, selection, chapters_built)}
        </main>
        {(!embedded).then(|| view! {
        <Show when=move || { chapters_built.get() >= LATER_CHAPTERS }>
        <footer class="app-footer">
            <p>"Données : DGDDI (douanes), statistiques régionales et départementales du commerce extérieur, Licence Ouverte 2.0. "
               "Les données sont établies selon le lieu de dédouanement, qui ne reflète pas toujours le lieu de production."</p>
            <TerritoryLinks manifest=manifest/>
            // The RGAA's mention, linked to the statement (public/accessibilite/).
            <p><a href="accessibilite/">"Accessibilité : non conforme (déclaration d'accessibilité)"</a></p>
        </footer>
        </Show>
        })}
    }
}
