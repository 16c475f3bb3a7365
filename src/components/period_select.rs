//! The period: a complete year, the latest four quarters, or one quarter (the core's choices).

use crate::state::AddressState;
use comex_core::blocks::text::period_choices;
use comex_core::codes::Period;
use comex_core::manifest::Manifest;
use leptos::prelude::*;

/// (value in the URL, text) for every choice the core offers.
fn choices(manifest: &Manifest) -> Vec<(String, String)> {
    period_choices(manifest)
        .into_iter()
        .map(|(quarters, text)| (url_value(&quarters), text))
        .collect()
}

fn url_value(periods: &[Period]) -> String {
    let texts: Vec<String> = periods.iter().map(Period::to_string).collect();
    texts.join(",")
}

#[component]
pub fn PeriodSelect(
    manifest: StoredValue<Manifest, LocalStorage>,
    selection: AddressState,
) -> impl IntoView {
    let choices = manifest.with_value(choices);
    let default_value = manifest.with_value(|manifest| url_value(&manifest.default_periods()));
    let current = {
        let default_value = default_value.clone();
        move || {
            let value = url_value(&selection.periods());
            // No period in the URL: the default one (the latest complete year).
            if value.is_empty() {
                default_value.clone()
            } else {
                value
            }
        }
    };
    view! {
        <div class="filter period-select">
            <label for="period">"Période"</label>
            <select id="period" prop:value=current
                on:change=move |event| {
                    let value = event_target_value(&event);
                    let periods: Vec<Period> = value.split(',').filter_map(|period| period.parse::<Period>().ok()).collect();
                    // The default period keeps the URL short.
                    selection.set_periods(if value == default_value { &[] } else { &periods });
                }>
                {choices.into_iter().map(|(value, text)| view! { <option value=value>{text}</option> }).collect_view()}
            </select>
        </div>
    }
}
