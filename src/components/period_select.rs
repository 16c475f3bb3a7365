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

/// What the selection covers, for titles: `2024`, `T1 2024`.
pub fn period_text(manifest: &Manifest, periods: &[Period]) -> String {
    let all_of_year = |year: u16| {
        let of_year: Vec<&Period> = manifest.periods.iter().filter(|p| p.year == year).collect();
        !of_year.is_empty() && of_year.iter().all(|p| periods.contains(p))
    };
    if periods.is_empty() {
        let years: Vec<String> = manifest.years.iter().map(u16::to_string).collect();
        return years.join("–");
    }
    let mut years: Vec<u16> = periods.iter().map(|p| p.year).collect();
    years.dedup();
    if years.iter().all(|&y| all_of_year(y))
        && periods.len()
            == manifest
                .periods
                .iter()
                .filter(|p| years.contains(&p.year))
                .count()
    {
        let years: Vec<String> = years.iter().map(u16::to_string).collect();
        return years.join(", ");
    }
    let labels: Vec<String> = periods.iter().map(Period::label_fr).collect();
    labels.join(", ")
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
                    let periods: Vec<Period> = value.split(',').filter_map(|p| p.parse::<Period>().ok()).collect();
                    // A whole single year is the default: keep the URL short.
                    let is_default = manifest.with_value(|m| choices_first_value(m) == value && m.years.len() == 1);
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
