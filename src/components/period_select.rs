//! The period: a whole year of the data or one quarter.

use crate::state::Selection;
use comex_core::codes::Period;
use comex_core::manifest::Manifest;
use leptos::prelude::*;

/// (value in the URL, text) for every choice: each year, then each quarter.
fn choices(manifest: &Manifest) -> Vec<(String, String)> {
    let mut choices = Vec::new();
    for year in &manifest.years {
        let quarters: Vec<&Period> = manifest
            .periods
            .iter()
            .filter(|p| p.year == *year)
            .collect();
        let value: Vec<String> = quarters.iter().map(|p| p.to_string()).collect();
        let text = if quarters.len() == 4 {
            format!("Année {year}")
        } else {
            format!("{year} ({} trimestres)", quarters.len())
        };
        choices.push((value.join(","), text));
    }
    choices.extend(
        manifest
            .periods
            .iter()
            .map(|p| (p.to_string(), p.label_fr())),
    );
    choices
}

#[component]
pub fn PeriodSelect(
    manifest: StoredValue<Manifest, LocalStorage>,
    selection: Selection,
) -> impl IntoView {
    let choices = manifest.with_value(choices);
    let current = move || {
        let periods: Vec<String> = selection.periods().iter().map(Period::to_string).collect();
        let value = periods.join(",");
        // No period in the URL: the first year.
        if value.is_empty() {
            manifest.with_value(choices_first_value)
        } else {
            value
        }
    };
    view! {
        <div class="filter period-select">
            <label for="period">"Période"</label>
            <select id="period" prop:value=current
                on:change=move |event| {
                    let value = event_target_value(&event);
                    let periods: Vec<Period> = value.split(',').filter_map(|period| period.parse::<Period>().ok()).collect();
                    // A whole single year is the default: keep the URL short.
                    let is_default = manifest.with_value(|manifest| choices_first_value(manifest) == value && manifest.years.len() == 1);
                    selection.set_periods(if is_default { &[] } else { &periods });
                }>
                {choices.into_iter().map(|(value, text)| view! { <option value=value>{text}</option> }).collect_view()}
            </select>
        </div>
    }
}

fn choices_first_value(manifest: &Manifest) -> String {
    choices(manifest)
        .into_iter()
        .next()
        .map(|(value, _)| value)
        .unwrap_or_default()
}
