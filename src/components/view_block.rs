//! One block of the portrait: title, reading key, the rule it follows, the chart (or the error in its
//! place, or a skeleton while loading), the source line and the data table.

use crate::address::link_query;
use crate::components::chart::{ChartSpec, EChart, Pick};
use crate::components::data_table::DataTable;
use crate::components::export::ExportButtons;
use crate::components::message::ErrorMessage;
use crate::components::near_screen::near_screen;
use crate::loading::{Drawn, Loaded, NEAR_SCREEN_MARGIN, ON_SCREEN};
use crate::state::Embed;
use comex_core::blocks::text::Heading;
use comex_core::blocks::Block;
use leptos::prelude::*;
use std::sync::Arc;

/// The dashboard's address for the current selection, without `embed`.
fn full_dashboard_url() -> String {
    let pathname = window().location().pathname().unwrap_or_default();
    format!("{pathname}?{}", link_query(None))
}

/// What a block shows: the words of a selection and, once ready, its model (or why it failed).
#[derive(Clone, Debug, PartialEq)]
struct Shown {
    heading: Option<Heading>,
    result: Loaded<Arc<Drawn>>,
}

impl Shown {
    fn ready(&self) -> Option<Arc<Drawn>> {
        self.result.clone().and_then(Result::ok)
    }
}

/// What the block shows: its last model ready and the words of that model's selection, kept whole
/// while the next selection loads (dimmed, `aria-busy`), then replaced at once. Not a skeleton at
/// each switch: its coming and going moved the page and laid it out twice.
fn shown(drawn: Signal<Loaded<Arc<Drawn>>>, heading: Memo<Option<Heading>>) -> Memo<Shown> {
    Memo::new(move |previous: Option<&Shown>| match drawn.get() {
        Some(result) => Shown {
            heading: heading.get(),
            result: Some(result),
        },
        None => match previous {
            Some(previous) if previous.result.is_some() => previous.clone(),
            // Nothing ready yet: the skeleton under the words of the selection asked for.
            _ => Shown {
                heading: heading.get(),
                result: None,
            },
        },
    })
}

#[component]
pub fn ViewBlock(
    block: Block,
    /// The block's words for the selection (the caller leaves out a block that does not apply).
    heading: Memo<Option<Heading>>,
    drawn: Signal<Loaded<Arc<Drawn>>>,
    retry: Callback<()>,
    /// What a click on a mark selects; none for the blocks whose marks select nothing.
    on_pick: Option<Callback<Pick>>,
    /// What hovering a mark would select (the map: its file is asked for ahead of a click).
    on_hover: Option<Callback<Pick>>,
    /// Called each time the block comes near the screen or leaves it: blocks below the first screen
    /// fetch the files only they read when the user scrolls to them, and follow a switch later.
    on_near_screen: Callback<bool>,
) -> impl IntoView {
    let id = block.name().to_string();
    let embed = use_context::<Embed>().unwrap_or(Embed(None));
    if !embed.shows(block) {
        return ().into_any();
    }
    let embedded = embed.is_embedded();
    // Alone in its frame, the block's title is the document's main heading (RGAA 9.1: a page has
    // a level-1 heading; the dashboard's is not in an embed). Set on the element: Leptos's `h3`
    // has no typed `aria-level`.
    let title_heading = NodeRef::<leptos::html::H3>::new();
    if embed.is_single() {
        title_heading.on_load(|heading| {
            let _ = heading.set_attribute("aria-level", "1");
        });
    }
    let section = NodeRef::<leptos::html::Section>::new();
    // The blocks that read every year ask for their files once on screen only.
    let margin = if block.reads_every_year() {
        ON_SCREEN
    } else {
        NEAR_SCREEN_MARGIN
    };
    let near = near_screen(section, margin);
    Effect::new(move |_| on_near_screen.run(near.get()));
    let shown = shown(drawn, heading);
    let words = move |pick: fn(&Heading) -> String| {
        Signal::derive(move || {
            shown.with(|shown| shown.heading.as_ref().map(pick).unwrap_or_default())
        })
    };
    let title = words(|heading| heading.title.clone());
    let source = words(|heading| heading.source.clone());
    let file_stem = words(|heading| heading.file_stem.clone());
    let reading_key = block.reading_key();
    // The chart's description (`aria-describedby`): the sentence that says how to read it.
    let reading_id = format!("{}-reading", block.name());
    let rule = block.rule();
    // The chart stays mounted while the next data load (so it is updated, not rebuilt).
    let spec = Memo::new(
        move |previous: Option<&Option<Arc<ChartSpec>>>| match drawn.get() {
            Some(Ok(d)) => d.spec.clone(),
            None => previous.cloned().flatten(),
            Some(Err(_)) => None,
        },
    );
    let has_chart = move || spec.with(Option::is_some);
    let loading = move || drawn.with(Option::is_none);
    let chart_label = Signal::derive(move || title.get());
    let ready = move || shown.with(|shown| shown.ready());
    // No download of the previous selection while the next one loads.
    let table = Signal::derive(move || {
        drawn
            .with(Option::is_some)
            .then(|| ready().map(|d| d.table.clone()))
            .flatten()
    });
    view! {
        <section class="view-block" class:is-loading=loading node_ref=section id=id.clone() data-view=id aria-busy=move || loading().to_string()>
            <h3 node_ref=title_heading>{title}</h3>
            <p class="reading-key" id=reading_id.clone()>{reading_key}</p>
            <p class="rule"><span class="rule-tag">"Règle : "</span>{rule}</p>
            {move || match shown.with(|shown| shown.result.clone()) {
                Some(Err(error)) => view! { <ErrorMessage error=error retry=retry/> }.into_any(),
                Some(Ok(d)) if !d.points.is_empty() => view! {
                    <ul class="key-points">{d.points.iter().map(|(text, target)| {
                        // In an embed the charts are in the full dashboard.
                        let href = if embedded {
                            format!("{}#{target}", full_dashboard_url())
                        } else {
                            format!("#{target}")
                        };
                        view! { <li><span class="key-point">{text.clone()}</span>" "
                            <a class="to-chart" href=href target=embedded.then_some("_blank")>"Voir le graphique"</a></li> }
                    }).collect_view()}</ul>
                }.into_any(),
                Some(Ok(d)) if !d.summary.is_empty() => view! {
                    <div class="summary">{d.summary.iter().map(|line| view! { <p>{line.clone()}</p> }).collect_view()}</div>
                }.into_any(),
                None if !has_chart() => view! { <div class="skeleton" role="img" aria-label="Chargement…"></div> }.into_any(),
                _ => ().into_any(),
            }}
            <Show when=has_chart>
                <div class="chart-frame" class:is-loading=loading>
                    <EChart spec=spec.into() label=chart_label.get_untracked()
                        described_by=reading_id.clone() on_pick=on_pick on_hover=on_hover/>
                </div>
            </Show>
            {move || ready().filter(|d| !d.legend.is_empty()).map(|d| view! {
                <ul class="map-legend" aria-label="Légende de la carte">
                    {d.legend.iter().map(|(colour, label)| view! {
                        <li><span class="swatch" style:background-color=*colour></span>{label.clone()}</li>
                    }).collect_view()}
                </ul>
            })}
            <div class="block-footer">
                <p class="source">{source}
                    {embed.is_embedded().then(|| view! {
                        " — " <a class="open-full" href=full_dashboard_url() target="_blank" rel="noopener">"Ouvrir le tableau de bord"</a>
                        " — " <a class="accessibility-statement" href="accessibilite/" target="_blank" rel="noopener">"Accessibilité"</a>
                    })}
                </p>
                <ExportButtons block=block title=title file_stem=file_stem table=table
                    has_chart=Signal::derive(has_chart)/>
            </div>
            {move || ready().map(|d| view! { <DataTable table=d.table.clone()/> })}
        </section>
    }
    .into_any()
}
