//! Every colour the charts draw with, in the light page's theme and the dark one's. The charts are
//! built in the light theme's colours (the seed's document); the dark theme is the same option with
//! each colour swapped for its counterpart and the text, axes and tooltips set for a dark page
//! (`apply`). Host tests check the contrasts: marks 3:1 and text 4,5:1 against their background
//! (WCAG 1.4.3 and 1.4.11, RGAA 3.2 and 3.3), in both themes. The map's classes keep their colours
//! in both themes, their legend beside them.

use comex_core::views::map::Shades;
use serde_json::{json, Value};
use std::str::FromStr;

pub const IMPORT_BLUE: &str = "#2b6cb0";
pub const EXPORT_VIOLET: &str = "#7b3fa0";
pub const TOP_FLOW_RED: &str = "#d62728";
pub const DEFICIT_RED: &str = "#c62828";
pub const SURPLUS_GREEN: &str = "#2e7d32";
/// France's bars and index, the Sankey's links; « Autres ». Greys that keep 3:1 on both pages.
pub const NEUTRAL_GREY: &str = "#87929e";
pub const OTHERS_GREY: &str = "#8592a0";
/// Lighter bars: goods whose first partner is in the EU; the région and France in comparisons.
pub const IMPORT_LIGHT: &str = "#6f8fc0";
pub const EXPORT_LIGHT: &str = "#9a78b5";
pub const COMPARISON_GREY: &str = "#7b8794";
/// The selected territory, then the other: they differ in lightness as well as hue.
pub const SIDE_COLOURS: [&str; 2] = ["#243b53", "#b35c00"];
/// The région's index beside the territory's (evolution).
pub const REGION_TEAL: &str = "#2c7a7b";
/// A Sankey diagram's partner countries.
pub const COUNTRY_SLATE: &str = "#4a5568";
/// Text drawn in a chart (the Sankey's labels) and the map's outline of the selected territory.
pub const INK: &str = "#1a202c";
/// The page under the charts, and the gaps between a treemap's tiles and the map's départements.
pub const PAPER: &str = "#ffffff";
/// A département with no value on the map's measure.
pub const NO_VALUE_GREY: &str = "#e2e8f0";
/// The goods treemaps' tiles, by turns, each dark enough for its white label.
pub const IMPORT_SHADES: [&str; 5] = [IMPORT_BLUE, "#1f5494", "#3b78bd", "#24609f", "#17487f"];
pub const EXPORT_SHADES: [&str; 5] = [EXPORT_VIOLET, "#66318a", "#8f55b3", "#6f3894", "#8a4fb0"];

/// The map's classes, by their run of shades (`comex_core::views::map::Shades`): light to dark for a
/// measure that only grows; darkest furthest from the turn for a diverging one. The same in both
/// themes: the dark page outlines each département (`apply`), and the legend beside the map and
/// its ranked table say the values.
const EXPORT_VIOLETS: [&str; 5] = ["#efe7f5", "#d2bce4", "#b08ccc", "#8a5bb0", "#5e2c85"];
const IMPORT_BLUES: [&str; 5] = ["#e3eef9", "#b6d0ec", "#7eaedb", "#4a83c2", "#22558f"];
const RISK_ORANGES: [&str; 5] = ["#fdebd3", "#f8c58f", "#ee9a4d", "#c96a1b", "#8a4208"];
const LOSS_REDS: [&str; 3] = ["#b71c1c", "#e06666", "#f4b6b6"];
const GAIN_GREENS: [&str; 3] = ["#b9dfba", "#63b168", "#2e7d32"];
const UNDER_TEALS: [&str; 3] = ["#1f6f78", "#5fa8ae", "#b5dde0"];
const OVER_PURPLES: [&str; 3] = ["#d2bce4", "#9a6cc0", "#5e2c85"];

/// A map class's colour: shade `shade` of its run (« no value » grey past its end).
pub fn map_colour(shades: Shades, shade: usize) -> &'static str {
    let run: &[&'static str] = match shades {
        Shades::Exports => &EXPORT_VIOLETS,
        Shades::Imports => &IMPORT_BLUES,
        Shades::StrongDependence => &RISK_ORANGES,
        Shades::Losses => &LOSS_REDS,
        Shades::Gains => &GAIN_GREENS,
        Shades::UnderIndex => &UNDER_TEALS,
        Shades::OverIndex => &OVER_PURPLES,
    };
    run.get(shade).copied().unwrap_or(NO_VALUE_GREY)
}

/// The dark page (style/main.css says the same): its paper under the charts, its text.
pub const DARK_PAPER: &str = "#161b22";
pub const DARK_INK: &str = "#e6edf3";
const DARK_MUTED: &str = "#a8b3bf";
const DARK_LINE: &str = "#30363d";
const DARK_AXIS: &str = "#6e7781";
const DARK_TOOLTIP: &str = "#1f2630";

/// Each light colour and its counterpart on the dark page: lighter, so that marks and labels keep
/// their contrast; the same hue, so that a colour says the same thing in both themes.
const DARK_COUNTERPARTS: [(&str, &str); 24] = [
    (IMPORT_BLUE, "#6ca6e8"),
    (EXPORT_VIOLET, "#c39be0"),
    (TOP_FLOW_RED, "#ff6b6b"),
    (DEFICIT_RED, "#f47272"),
    (SURPLUS_GREEN, "#5cc863"),
    (IMPORT_LIGHT, "#4f7fbf"),
    (EXPORT_LIGHT, "#9a6fc0"),
    (COMPARISON_GREY, "#8b96a3"),
    (SIDE_COLOURS[0], "#c8dcf0"),
    (SIDE_COLOURS[1], "#c77a20"),
    (REGION_TEAL, "#5cc6c0"),
    (COUNTRY_SLATE, "#a0aec0"),
    (INK, DARK_INK),
    (PAPER, DARK_PAPER),
    ("#fff", DARK_PAPER),
    (NO_VALUE_GREY, "#3a424d"),
    (IMPORT_SHADES[1], "#5b93d6"),
    (IMPORT_SHADES[2], "#8bbcf0"),
    (IMPORT_SHADES[3], "#4f86c9"),
    (IMPORT_SHADES[4], "#a3cbf5"),
    (EXPORT_SHADES[1], "#b084d4"),
    (EXPORT_SHADES[2], "#d4b3ea"),
    (EXPORT_SHADES[3], "#a877cc"),
    (EXPORT_SHADES[4], "#e0c6f0"),
];

/// The page's colour scheme: light unless the reader's system asks for dark or the address says
/// `theme=dark`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

impl Theme {
    pub fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// The background a chart is exported on (PNG, SVG).
    pub fn paper(self) -> &'static str {
        match self {
            Theme::Light => PAPER,
            Theme::Dark => DARK_PAPER,
        }
    }
}

impl std::fmt::Display for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Theme {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "light" => Ok(Theme::Light),
            "dark" => Ok(Theme::Dark),
            other => Err(format!("thème « {other} » inconnu : light ou dark")),
        }
    }
}

/// A colour of the light charts as the theme draws it (a map legend's swatch, beside its chart).
pub fn colour(light: &'static str, theme: Theme) -> &'static str {
    match theme {
        Theme::Light => light,
        Theme::Dark => dark_counterpart(light).unwrap_or(light),
    }
}

fn dark_counterpart(light: &str) -> Option<&'static str> {
    DARK_COUNTERPARTS
        .iter()
        .find(|(from, _)| from.eq_ignore_ascii_case(light))
        .map(|(_, to)| *to)
}

/// The option drawn in `theme`: as built for the light page, or with the dark page's colours.
pub fn apply(option: &mut Value, theme: Theme) {
    if theme == Theme::Light {
        return;
    }
    swap_colours(option, None);
    for key in ["xAxis", "yAxis"] {
        match &mut option[key] {
            Value::Array(axes) => axes.iter_mut().for_each(dark_axis),
            axis @ Value::Object(_) => dark_axis(axis),
            _ => {}
        }
    }
    if option.get("legend").is_some() {
        option["legend"]["textStyle"]["color"] = json!(DARK_INK);
    }
    if option.get("tooltip").is_some() {
        let tooltip = &mut option["tooltip"];
        tooltip["backgroundColor"] = json!(DARK_TOOLTIP);
        tooltip["borderColor"] = json!(DARK_LINE);
        tooltip["textStyle"]["color"] = json!(DARK_INK);
    }
    if let Some(series) = option["series"].as_array_mut() {
        for series in series {
            // A treemap's tiles are light on the dark page: their labels dark. Elsewhere labels
            // are drawn on the page.
            let label_colour = if series["type"] == "treemap" {
                DARK_PAPER
            } else {
                DARK_INK
            };
            if series["label"].is_object() && series["label"].get("color").is_none() {
                series["label"]["color"] = json!(label_colour);
            }
            if series["type"] == "treemap" && series.get("label").is_none() {
                series["label"] = json!({ "color": label_colour });
            }
        }
    }
}

/// Every colour of the light charts in `value` swapped for its dark counterpart. Texts are left
/// as they are (a tooltip's HTML, a label, a category); so are the map's class colours
/// (`areaColor`, the core's), but for « no value ».
fn swap_colours(value: &mut Value, key: Option<&str>) {
    match value {
        Value::String(text) => {
            let is_text = matches!(key, Some("tip" | "text" | "name" | "data" | "formatter"));
            let is_class = key == Some("areaColor") && !text.eq_ignore_ascii_case(NO_VALUE_GREY);
            if let Some(dark) = dark_counterpart(text).filter(|_| !is_text && !is_class) {
                *text = dark.to_string();
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| swap_colours(item, key)),
        Value::Object(fields) => fields
            .iter_mut()
            .for_each(|(name, field)| swap_colours(field, Some(name))),
        _ => {}
    }
}

fn dark_axis(axis: &mut Value) {
    axis["axisLabel"]["color"] = json!(DARK_MUTED);
    axis["axisLine"]["lineStyle"]["color"] = json!(DARK_AXIS);
    axis["axisTick"]["lineStyle"]["color"] = json!(DARK_AXIS);
    axis["splitLine"]["lineStyle"]["color"] = json!(DARK_LINE);
    axis["nameTextStyle"]["color"] = json!(DARK_INK);
}

/// WCAG's contrast ratio of two `#rrggbb` colours (1 to 21).
pub fn contrast(first: &str, second: &str) -> Option<f64> {
    let (first, second) = (luminance(first)?, luminance(second)?);
    let (light, dark) = if first > second {
        (first, second)
    } else {
        (second, first)
    };
    Some((light + 0.05) / (dark + 0.05))
}

fn luminance(colour: &str) -> Option<f64> {
    let hex = colour.strip_prefix('#').filter(|hex| hex.len() == 6)?;
    let channel = |index: usize| -> Option<f64> {
        let value = f64::from(u8::from_str_radix(hex.get(index..index + 2)?, 16).ok()?) / 255.0;
        Some(if value <= 0.039_28 {
            value / 12.92
        } else {
            ((value + 0.055) / 1.055).powf(2.4)
        })
    };
    Some(0.2126 * channel(0)? + 0.7152 * channel(2)? + 0.0722 * channel(4)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MARK: f64 = 3.0;
    const TEXT: f64 = 4.5;

    fn ratio(first: &str, second: &str) -> f64 {
        contrast(first, second).expect("two #rrggbb colours")
    }

    #[test]
    fn contrast_is_wcag_s() {
        assert!((ratio("#000000", "#ffffff") - 21.0).abs() < 1e-9);
        assert!((ratio("#777777", "#ffffff") - 4.48).abs() < 0.01);
        assert_eq!(contrast("#fff", "#000000"), None);
    }

    #[test]
    fn marks_keep_three_to_one_on_either_page() {
        let marks = [
            IMPORT_BLUE,
            EXPORT_VIOLET,
            TOP_FLOW_RED,
            DEFICIT_RED,
            SURPLUS_GREEN,
            IMPORT_LIGHT,
            EXPORT_LIGHT,
            COMPARISON_GREY,
            SIDE_COLOURS[0],
            SIDE_COLOURS[1],
            REGION_TEAL,
            COUNTRY_SLATE,
        ];
        for mark in marks.into_iter().chain([NEUTRAL_GREY, OTHERS_GREY]) {
            assert!(ratio(mark, PAPER) >= MARK, "{mark} on the light page");
            let dark = colour(mark, Theme::Dark);
            assert!(ratio(dark, DARK_PAPER) >= MARK, "{dark} on the dark page");
        }
        // The hues drawn on the light page are too dark for the dark one: each has a lighter twin.
        for mark in marks {
            assert_ne!(
                colour(mark, Theme::Dark),
                mark,
                "{mark} has a dark counterpart"
            );
        }
    }

    #[test]
    fn texts_keep_four_and_a_half_to_one() {
        // The partners' value labels take their bar's colour; the Sankey's are ink.
        for text in [DEFICIT_RED, SURPLUS_GREEN, INK] {
            assert!(ratio(text, PAPER) >= TEXT, "{text} on the light page");
            let dark = colour(text, Theme::Dark);
            assert!(ratio(dark, DARK_PAPER) >= TEXT, "{dark} on the dark page");
        }
        for text in [DARK_INK, DARK_MUTED] {
            assert!(ratio(text, DARK_PAPER) >= TEXT, "{text}");
            assert!(ratio(text, DARK_TOOLTIP) >= TEXT, "{text} in a tooltip");
        }
        // A treemap's labels: white on the light tiles' colours, the dark paper on the dark ones'.
        for shade in IMPORT_SHADES.iter().chain(&EXPORT_SHADES) {
            assert!(ratio(shade, PAPER) >= TEXT, "white on {shade}");
            let dark = colour(shade, Theme::Dark);
            assert!(ratio(dark, DARK_PAPER) >= TEXT, "{DARK_PAPER} on {dark}");
        }
    }

    #[test]
    fn two_sides_and_two_balances_stay_apart() {
        for theme in [Theme::Light, Theme::Dark] {
            let sides = SIDE_COLOURS.map(|side| colour(side, theme));
            assert!(ratio(sides[0], sides[1]) >= 1.5, "{theme:?}: {sides:?}");
            let balances = [colour(DEFICIT_RED, theme), colour(SURPLUS_GREEN, theme)];
            assert_ne!(balances[0], balances[1]);
        }
    }

    #[test]
    fn the_dark_option_swaps_colours_and_dresses_axes_tooltips_and_labels() {
        let mut option = json!({
            "tooltip": { "trigger": "item" },
            "legend": {},
            "xAxis": [{ "type": "value" }],
            "yAxis": { "type": "category", "data": ["#2b6cb0"] },
            "series": [
                { "type": "bar", "label": { "show": true },
                  "data": [{ "value": 1, "tip": "#2b6cb0", "itemStyle": { "color": IMPORT_BLUE } }] },
                { "type": "treemap", "levels": [{ "color": IMPORT_SHADES, "itemStyle": { "borderColor": "#fff" } }] },
                { "type": "map", "itemStyle": { "areaColor": NO_VALUE_GREY, "borderColor": PAPER },
                  "data": [{ "itemStyle": { "areaColor": "#5e2c85", "borderColor": INK } }] },
            ],
        });
        let light = option.clone();
        apply(&mut option, Theme::Light);
        assert_eq!(option, light, "the light theme is the option as built");
        apply(&mut option, Theme::Dark);
        let bar = &option["series"][0];
        assert_eq!(bar["data"][0]["itemStyle"]["color"], "#6ca6e8");
        assert_eq!(
            bar["data"][0]["tip"], "#2b6cb0",
            "a tooltip's text is not a colour"
        );
        assert_eq!(option["yAxis"]["data"][0], "#2b6cb0", "nor is a category");
        assert_eq!(bar["label"]["color"], DARK_INK);
        let treemap = &option["series"][1];
        assert_eq!(treemap["levels"][0]["color"][1], "#5b93d6");
        assert_eq!(treemap["levels"][0]["itemStyle"]["borderColor"], DARK_PAPER);
        assert_eq!(treemap["label"]["color"], DARK_PAPER);
        let map = &option["series"][2];
        assert_eq!(map["itemStyle"]["areaColor"], "#3a424d");
        assert_eq!(
            map["data"][0]["itemStyle"]["areaColor"], "#5e2c85",
            "a class stays"
        );
        assert_eq!(map["data"][0]["itemStyle"]["borderColor"], DARK_INK);
        assert_eq!(option["xAxis"][0]["axisLabel"]["color"], DARK_MUTED);
        assert_eq!(option["yAxis"]["nameTextStyle"]["color"], DARK_INK);
        assert_eq!(option["tooltip"]["backgroundColor"], DARK_TOOLTIP);
        assert_eq!(option["legend"]["textStyle"]["color"], DARK_INK);
    }

    #[test]
    fn every_run_of_the_map_has_its_shades() {
        let runs = [
            Shades::Exports,
            Shades::Imports,
            Shades::StrongDependence,
            Shades::Losses,
            Shades::Gains,
            Shades::UnderIndex,
            Shades::OverIndex,
        ];
        for shades in runs {
            for shade in 0..shades.count() {
                assert_ne!(
                    map_colour(shades, shade),
                    NO_VALUE_GREY,
                    "{shades:?} {shade}"
                );
            }
            assert_eq!(map_colour(shades, shades.count()), NO_VALUE_GREY);
        }
        // The darkest of a diverging run is furthest from the turn.
        assert!(
            luminance(map_colour(Shades::Losses, 0)) < luminance(map_colour(Shades::Losses, 2))
        );
        assert!(luminance(map_colour(Shades::Gains, 2)) < luminance(map_colour(Shades::Gains, 0)));
    }

    #[test]
    fn theme_names_read_back() {
        for theme in [Theme::Light, Theme::Dark] {
            assert_eq!(theme.name().parse::<Theme>(), Ok(theme));
        }
        assert!("sombre".parse::<Theme>().is_err());
    }
}
