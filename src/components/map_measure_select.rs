//! What the map colours: a selector over the map, kept in the address (`map=`). Left out of an embed,
//! whose address the embedding page sets.

use crate::state::AddressState;
use crate::state::Embed;
use comex_core::views::map::MapMeasure;
use leptos::prelude::*;

#[component]
pub fn MapMeasureSelect(selection: AddressState) -> impl IntoView {
    let embedded = use_context::<Embed>().is_some_and(|embed| embed.is_embedded());
    (!embedded).then(|| {
        view! {
            <div class="filter map-measure">
                <label for="map-measure">"La carte montre"</label>
                <select id="map-measure" prop:value=move || selection.map_measure().name()
                    on:change=move |event| {
                        if let Ok(measure) = event_target_value(&event).parse::<MapMeasure>() {
                            selection.set_map_measure(measure);
                        }
                    }>
                    {MapMeasure::ALL.map(|measure| view! {
                        <option value=measure.name()>{measure.label_fr()}</option>
                    }).collect_view()}
                </select>
            </div>
        }
    })
}
