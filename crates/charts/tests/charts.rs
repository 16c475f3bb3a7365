//! What each chart draws, on fixed models: a snapshot of the whole option (insta), and a check that
//! every value drawn is the model's value.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests stop at the line that failed

use comex_charts::{option, ChartSpec, Layout};
use comex_core::codes::Period;
use comex_core::codes::{Flow, ProductLevel, Territory};
use comex_core::manifest::{Manifest, Source, SourceKind, TerritoryEntry};
use comex_core::views::change::{Change, ChangeBy, ChangeRow, FlowChange};
use comex_core::views::dependence::{
    Concentration, GoodConcentration, GoodExposure, TariffExposure, TerritoryConcentration,
};
use comex_core::views::evolution::{Evolution, QuarterPoint};
use comex_core::views::exposure::{DepartementExposure, Exposure};
use comex_core::views::goods::{Goods, GoodsNode};
use comex_core::views::map::{FranceMap, MapClass, MapMeasure, MapRow, MapUnit, Shades};
use comex_core::views::partners::{PartnerRow, Partners};
use comex_core::views::portrait::ViewModel;
use comex_core::views::sankey::{NodeKind, Sankey, SankeyLink, SankeyNode};
use comex_core::views::specialisation::{Specialisation, SpecialisationRow};
use serde_json::json;
use serde_json::Value;

fn manifest() -> Manifest {
    let entry = |code: &str, label: &str| TerritoryEntry {
        territory: Territory::Departement(code.into()),
        label: label.into(),
        region: Some("01".into()),
        slug: String::new(),
        territoires_industrie: Vec::new(),
    };
    Manifest {
        schema_version: "1".into(),
        source: Source {
            kind: SourceKind::Demo,
            description: String::new(),
            files: vec![],
        },
        years: vec![2024],
        periods: vec![],
        territories: vec![
            entry("60", "Oise"),
            entry("59", "Nord"),
            entry("02", "Aisne"),
        ],
        files: vec![],
        totals: vec![],
        quarters: vec![],
        unknown_codes: vec![],
        territoires_industrie: None,
    }
}

fn draw(model: &ViewModel, layout: Layout) -> ChartSpec {
    option(model, &manifest(), layout).expect("a chart")
}

/// The numbers of series `index`'s `key` items (their `value`).
fn values(spec: &ChartSpec, index: usize, key: &str) -> Vec<f64> {
    spec.option["series"][index][key]
        .as_array()
        .expect("series items")
        .iter()
        .map(|item| item["value"].as_f64().expect("a value"))
        .collect()
}

fn node(code: &str, label: &str, kind: NodeKind, value: i64) -> SankeyNode {
    SankeyNode {
        code: code.into(),
        label: label.into(),
        kind,
        value,
    }
}

fn sankey() -> Sankey {
    let link = |source, target, value, flagged| SankeyLink {
        source,
        target,
        value,
        flagged,
    };
    Sankey {
        flow: Flow::Export,
        level: ProductLevel::A129,
        total: 1_000_000_000,
        left: vec![
            node(
                "C23A",
                "Produits de la construction a: verre",
                NodeKind::Product,
                600_000_000,
            ),
            node(
                "C23B",
                "Produits de la construction a: ciment",
                NodeKind::Product,
                300_000_000,
            ),
            node("autres", "Autres", NodeKind::Others, 100_000_000),
        ],
        right: vec![
            node("US", "États-Unis", NodeKind::Country, 700_000_000),
            node("BE", "Belgique", NodeKind::Country, 300_000_000),
        ],
        links: vec![
            link(0, 0, 500_000_000, true),
            link(1, 1, 250_000_000, true),
            link(0, 1, 100_000_000, false),
            link(2, 0, 100_000_000, false),
            link(1, 0, 50_000_000, false),
        ],
    }
}

#[test]
fn sankey_draws_the_model_nodes_links_and_red_flows() {
    let model = sankey();
    let spec = draw(&ViewModel::Sankey(model.clone()), Layout::default());
    let node_values: Vec<f64> = model
        .left
        .iter()
        .chain(&model.right)
        .map(|n| n.value as f64)
        .collect();
    assert_eq!(values(&spec, 0, "data"), node_values);
    let link_values: Vec<f64> = model.links.iter().map(|l| l.value as f64).collect();
    assert_eq!(values(&spec, 0, "links"), link_values);
    let red: Vec<bool> = spec.option["series"][0]["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["lineStyle"]["color"] == comex_charts::TOP_FLOW_RED)
        .collect();
    let flagged: Vec<bool> = model.links.iter().map(|l| l.flagged).collect();
    assert_eq!(red, flagged);
    insta::assert_json_snapshot!("sankey", spec);
}

#[test]
fn two_goods_shortened_alike_are_told_apart() {
    let spec = draw(
        &ViewModel::Sankey(sankey()),
        Layout {
            compact: true,
            ..Layout::default()
        },
    );
    let texts: Vec<&str> = spec.option["series"][0]["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts[0], "Produits de la constru… (C23A)");
    assert_eq!(texts[1], "Produits de la constru… (C23B)");
    assert_ne!(texts[0], texts[1]);
    assert_eq!(texts[2], "Autres");
}

fn goods_node(code: &str, label: &str, value: i64, share: f64) -> GoodsNode {
    GoodsNode {
        code: code.into(),
        label: label.into(),
        value,
        share,
        children: vec![],
    }
}

#[test]
fn treemap_draws_the_tiles_and_labels_only_those_large_enough() {
    let model = Goods {
        flow: Flow::Import,
        level: ProductLevel::A129,
        total: 1_000,
        nodes: vec![
            goods_node(
                "C20B",
                "Savons, détergents, produits d'entretien, parfums et produits pour la toilette",
                800,
                0.8,
            ),
            goods_node("C28B", "Machines agricoles", 190, 0.19),
            goods_node("C10A", "Viande", 10, 0.01),
        ],
    };
    let spec = draw(&ViewModel::Goods(model.clone()), Layout::default());
    assert_eq!(values(&spec, 0, "data"), [800.0, 190.0, 10.0]);
    let data = spec.option["series"][0]["data"].as_array().unwrap();
    let shown: Vec<bool> = data
        .iter()
        .map(|d| d["label"]["show"].as_bool().unwrap())
        .collect();
    assert_eq!(shown, [true, true, false]);
    let narrow = draw(
        &ViewModel::Goods(model.clone()),
        Layout {
            narrow: true,
            ..Layout::default()
        },
    );
    assert_eq!(
        narrow.option["series"][0]["data"][2]["label"]["show"],
        false
    );
    assert_eq!(narrow.option["series"][0]["data"][1]["label"]["show"], true);
    assert_eq!(data[1]["text"], "Machines agricoles\n19,0\u{a0}%");
    assert_eq!(spec.option["series"][0]["label"]["overflow"], "break");
    assert_eq!(spec.option["series"][0]["levels"][0]["color"][0], "#2b6cb0");
    insta::assert_json_snapshot!("treemap", spec);
}

#[test]
fn partners_draw_imports_left_exports_right_and_the_balance() {
    let row = |code: &str, imports: i64, exports: i64| PartnerRow {
        code: code.into(),
        label: code.into(),
        imports,
        exports,
        balance: exports - imports,
    };
    let model = Partners {
        rows: vec![
            row("DE", 2_000_000, 1_500_000),
            row("US", 500_000, 1_250_000),
        ],
        country_count: 2,
    };
    let spec = draw(&ViewModel::Partners(model), Layout::default());
    // Largest partner on top: the rows are drawn in reverse.
    assert_eq!(values(&spec, 0, "data"), [-0.5, -2.0]);
    assert_eq!(values(&spec, 1, "data"), [1.25, 1.5]);
    assert_eq!(values(&spec, 2, "data"), [0.75, -0.5]);
    let colours: Vec<&Value> = spec.option["series"][2]["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| &d["itemStyle"]["color"])
        .collect();
    assert_eq!(
        colours,
        [comex_charts::SURPLUS_GREEN, comex_charts::DEFICIT_RED]
    );
    insta::assert_json_snapshot!("partners", spec);
}

fn good(code: &str, value: i64, first_share: f64, first_in_eu: bool) -> GoodConcentration {
    GoodConcentration {
        code: code.into(),
        label: format!("Bien {code}"),
        value,
        first_country: if first_in_eu { "DE" } else { "CN" }.into(),
        first_country_label: if first_in_eu { "Allemagne" } else { "Chine" }.into(),
        first_value: (value as f64 * first_share) as i64,
        first_share,
        first_in_eu,
        countries: 3,
        hhi: 5000.0,
    }
}

fn summary(territory: Territory, strong_share: f64) -> TerritoryConcentration {
    TerritoryConcentration {
        territory,
        total: 1_000_000_000,
        strong_value: (1e9 * strong_share) as i64,
        strong_share: Some(strong_share),
        hhi: Some(1200.0),
        top_shares: [Some(0.2), Some(0.5), Some(0.7)],
        countries: 40,
    }
}

#[test]
fn dependence_compares_the_territory_then_draws_the_goods_under_strong_dependence() {
    let model = Concentration {
        flow: Flow::Import,
        level: ProductLevel::A129,
        territories: vec![
            summary(Territory::Departement("60".into()), 0.25),
            summary(Territory::France, 0.125),
        ],
        // The second good is not under strong dependence (40 %): not drawn.
        goods: vec![
            good("C14Z", 300_000_000, 0.7, false),
            good("C20A", 200_000_000, 0.4, true),
            good("C10F", 100_000_000, 0.6, true),
        ],
        partner_label: None,
    };
    let spec = draw(&ViewModel::Concentration(model), Layout::default());
    // Bottom to top: France, then the Oise.
    assert_eq!(values(&spec, 0, "data"), [12.5, 25.0]);
    assert_eq!(spec.option["yAxis"][0]["data"], json!(["France", "Oise"]));
    assert_eq!(values(&spec, 1, "data"), [100.0, 300.0]);
    let colours: Vec<&str> = spec.option["series"][1]["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["itemStyle"]["color"].as_str().unwrap())
        .collect();
    assert_eq!(
        colours[1],
        comex_charts::IMPORT_BLUE,
        "outside the EU: dark"
    );
    assert_ne!(colours[0], comex_charts::IMPORT_BLUE, "in the EU: lighter");
    assert!(spec.option["series"][1]["data"][0]["text"]
        .as_str()
        .unwrap()
        .contains("Allemagne (UE) 60"));
    insta::assert_json_snapshot!("dependence", spec);
}

#[test]
fn tariff_exposure_draws_the_goods_exports_to_the_partner() {
    let exposure = |code: &str, to_partner: i64, exports: i64| GoodExposure {
        code: code.into(),
        label: code.into(),
        to_partner,
        exports,
        share: to_partner as f64 / exports as f64,
        weight: exports as f64 / 1e9,
    };
    let model = TariffExposure {
        territory: Territory::Departement("60".into()),
        level: ProductLevel::A129,
        partner: "US".into(),
        partner_label: "Etats-Unis".into(),
        total: 1_000_000_000,
        to_partner: 75_000_000,
        share: Some(0.075),
        goods: vec![
            exposure("C20B", 50_000_000, 400_000_000),
            exposure("C28B", 25_000_000, 100_000_000),
        ],
    };
    let spec = draw(&ViewModel::TariffExposure(model), Layout::default());
    assert_eq!(values(&spec, 0, "data"), [25.0, 50.0]);
    let text = comex_core::format::plain_spaces(
        spec.option["series"][0]["data"][0]["text"]
            .as_str()
            .unwrap(),
    );
    assert!(text.contains("25 % de ses exportations"), "{text}");
    insta::assert_json_snapshot!("tariff_exposure", spec);
}

#[test]
fn specialisation_draws_both_shares_in_percent() {
    let row = |code: &str, territory_share: f64, france_share: f64| SpecialisationRow {
        code: code.into(),
        label: code.into(),
        value: 1,
        territory_share,
        france_share,
        index: Some(territory_share / france_share),
    };
    let model = Specialisation {
        flow: Flow::Export,
        level: ProductLevel::A129,
        rows: vec![row("C20B", 0.25, 0.04), row("C28B", 0.125, 0.02)],
    };
    let spec = draw(&ViewModel::Specialisation(model), Layout::default());
    assert_eq!(values(&spec, 0, "data"), [12.5, 25.0]);
    assert_eq!(values(&spec, 1, "data"), [2.0, 4.0]);
    insta::assert_json_snapshot!("specialisation", spec);
}

#[test]
fn exposure_ranks_the_departements_and_marks_the_territory() {
    let departement = |code: &str, share: f64| DepartementExposure {
        departement: code.into(),
        value: (share * 1000.0) as i64,
        total: 1000,
        share,
    };
    let model = Exposure {
        territory: Territory::Departement("60".into()),
        flow: Flow::Export,
        partner: "US".into(),
        partner_label: "États-Unis".into(),
        value: 125,
        total: 1000,
        share: Some(0.125),
        rank: Some(2),
        ranking: vec![
            departement("59", 0.25),
            departement("60", 0.125),
            departement("02", 0.0625),
        ],
    };
    let spec = draw(&ViewModel::Exposure(model), Layout::default());
    assert_eq!(values(&spec, 0, "data"), [6.25, 12.5, 25.0]);
    assert_eq!(
        spec.option["yAxis"]["data"],
        serde_json::json!(["3. Aisne", "2. Oise", "1. Nord"])
    );
    assert_eq!(
        spec.option["series"][0]["data"][1]["itemStyle"]["color"],
        comex_charts::TOP_FLOW_RED
    );
    insta::assert_json_snapshot!("exposure", spec);
}

// The time charts.

fn optional_values(option: &Value, series: usize) -> Vec<Option<f64>> {
    option["series"][series]["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["value"].as_f64())
        .collect()
}

#[test]
fn evolution_draws_each_quarter_and_the_indices_of_the_model() {
    let point = |quarter: u8, exports: i64, imports: i64, index: Option<f64>| QuarterPoint {
        period: Period {
            year: 2024,
            quarter,
        },
        exports,
        imports,
        balance: exports - imports,
        exports_index: index,
        region_exports_index: index.map(|i| i + 1.0),
        france_exports_index: None,
        imports_index: None,
        region_imports_index: None,
        france_imports_index: None,
    };
    let model = Evolution {
        points: vec![
            point(1, 2_000_000, 3_000_000, Some(100.0)),
            point(2, 2_500_000, 1_000_000, Some(125.0)),
        ],
        with_region: true,
        with_france: false,
    };
    let spec = option(&ViewModel::Evolution(model), &manifest(), Layout::default()).unwrap();
    assert_eq!(optional_values(&spec.option, 0), [Some(2.0), Some(2.5)]);
    assert_eq!(optional_values(&spec.option, 1), [Some(3.0), Some(1.0)]);
    assert_eq!(optional_values(&spec.option, 2), [Some(-1.0), Some(1.5)]);
    assert_eq!(optional_values(&spec.option, 3), [Some(100.0), Some(125.0)]);
    assert_eq!(optional_values(&spec.option, 4), [Some(101.0), Some(126.0)]);
    // No France index for this model: its series is left out.
    assert_eq!(spec.option["series"].as_array().unwrap().len(), 5);
    assert_eq!(
        spec.option["series"][2]["data"][0]["itemStyle"]["color"],
        comex_charts::DEFICIT_RED
    );
    assert_eq!(spec.option["xAxis"][0]["data"][1], "T2 2024");
    insta::assert_json_snapshot!("evolution", spec);
}

#[test]
fn change_draws_the_contributions_in_points_gains_above_losses() {
    let row = |code: &str, change: i64, contribution: f64| ChangeRow {
        code: code.into(),
        label: code.into(),
        value: 100 + change,
        earlier: 100,
        change,
        relative: Some(change as f64 / 100.0),
        contribution: Some(contribution),
    };
    let flow = |flow: Flow| FlowChange {
        flow,
        total: 1_030,
        earlier_total: 1_000,
        relative: Some(0.03),
        gains: vec![row("DE", 50, 0.05), row("BE", 10, 0.01)],
        losses: vec![row("US", -30, -0.03)],
    };
    let model = Change {
        by: ChangeBy::Partners,
        level: ProductLevel::A129,
        flows: vec![flow(Flow::Export), flow(Flow::Import)],
    };
    let spec = option(&ViewModel::Change(model), &manifest(), Layout::default()).unwrap();
    // Bottom to top: the loss, then the gains from the smallest.
    assert_eq!(
        optional_values(&spec.option, 0),
        [Some(-3.0), Some(1.0), Some(5.0)]
    );
    assert_eq!(
        spec.option["yAxis"][0]["data"],
        serde_json::json!(["US", "BE", "DE"])
    );
    assert_eq!(spec.option["series"][1]["data"][2]["pick"], "country:DE");
    assert_eq!(spec.option["yAxis"][1]["name"], "Importations");
    insta::assert_json_snapshot!("change", spec);
}

// The map.

fn map_model() -> FranceMap {
    let row =
        |code: &str, label: &str, value: Option<f64>, rank: Option<usize>, class: Option<usize>| {
            MapRow {
                code: code.into(),
                label: label.into(),
                value,
                rank,
                class,
            }
        };
    let class = |lower: f64, upper: f64, shade: usize| MapClass {
        lower,
        upper,
        shades: Shades::Exports,
        shade,
        label: format!("{lower} – {upper}"),
    };
    FranceMap {
        measure: MapMeasure::Exports,
        measure_label: "Exportations".into(),
        unit: MapUnit::Euros,
        rows: vec![
            row("59", "Nord", Some(3.0e10), Some(1), Some(1)),
            row("60", "Oise", Some(9.1e9), Some(2), Some(0)),
            row("02", "Aisne", None, None, None),
        ],
        classes: vec![class(9.1e9, 9.1e9, 0), class(3.0e10, 3.0e10, 4)],
        ranked: 2,
        outlined: vec!["60".into()],
        notice: None,
        without_outline: vec![],
    }
}

#[test]
fn map_colours_each_departement_by_its_class_and_outlines_the_selected_one() {
    let spec = draw(&ViewModel::Map(map_model()), Layout::default());
    let series = &spec.option["series"][0];
    assert_eq!(series["type"], "map");
    assert_eq!(series["map"], comex_charts::map::OUTLINE_NAME);
    let data = series["data"].as_array().unwrap();
    let names: Vec<&str> = data
        .iter()
        .map(|item| item["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["59", "60", "02"]);
    assert_eq!(data[0]["value"].as_f64(), Some(3.0e10));
    assert_eq!(data[2]["value"], Value::Null);
    let colours: Vec<&str> = data
        .iter()
        .map(|item| item["itemStyle"]["areaColor"].as_str().unwrap())
        .collect();
    assert_eq!(
        colours,
        ["#5e2c85", "#efe7f5", comex_charts::map::NO_VALUE_GREY]
    );
    let borders: Vec<f64> = data
        .iter()
        .map(|item| item["itemStyle"]["borderWidth"].as_f64().unwrap())
        .collect();
    assert_eq!(borders, [0.5, 2.0, 0.5]);
    assert_eq!(data[1]["pick"], "territory:dep:60");
    assert!(
        data[1]["tip"].as_str().unwrap().contains("Rang 2 sur 2"),
        "{}",
        data[1]["tip"]
    );
    insta::assert_json_snapshot!("map", spec);
    // Under a product filter the model has no rows: no chart, the model's notice instead.
    let empty = FranceMap {
        rows: vec![],
        notice: Some("pas de carte".into()),
        ..map_model()
    };
    assert!(option(&ViewModel::Map(empty), &manifest(), Layout::default()).is_none());
}

#[test]
fn the_committed_outline_has_the_customs_departements() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../web/map/departements.json"
    ))
    .unwrap();
    // web/map-outline.mjs gives about 172 KB (51 KB gzip): fetched when the map comes near the screen.
    assert!(text.len() < 200_000, "{} bytes", text.len());
    let outline: Value = serde_json::from_str(&text).unwrap();
    let mut codes: Vec<&str> = outline["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|feature| feature["properties"]["code"].as_str().unwrap())
        .collect();
    codes.sort_unstable();
    let mut expected: Vec<String> = (1..=95).map(|n| format!("{n:02}")).collect();
    expected.extend(["9A", "9B", "9C", "9D", "9E"].map(String::from));
    expected.sort_unstable();
    // Corse is one area, `20`, as the customs count it; the DOM have their customs codes.
    assert_eq!(codes, expected);
}

/// Every chart's option as its snapshot holds it, with the snapshot's path (ten charts).
fn snapshot_options() -> Vec<(std::path::PathBuf, Value)> {
    let snapshots = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let options: Vec<(std::path::PathBuf, Value)> = std::fs::read_dir(snapshots)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let body = text.splitn(3, "---").nth(2).unwrap();
            let spec: Value = serde_json::from_str(body).unwrap();
            (path, spec["option"].clone())
        })
        .collect();
    assert_eq!(options.len(), 10);
    options
}

/// The option's keys are components the app replaces on a redraw, or plain values.
fn assert_only_redraw_components(option: &Value) {
    for key in option.as_object().unwrap().keys() {
        assert!(
            comex_charts::COMPONENTS.contains(&key.as_str())
                || comex_charts::PLAIN_KEYS.contains(&key.as_str()),
            "{key}"
        );
    }
}

/// Every option's keys are components the app replaces on a redraw, or plain values.
#[test]
fn every_option_has_only_the_components_a_redraw_replaces() {
    for (_, option) in snapshot_options() {
        assert_only_redraw_components(&option);
    }
}

/// Every series type of every option is in one of the two ECharts bundles, and the charts that need
/// the second one say so (the app loads it before drawing them).
#[test]
fn every_series_type_is_in_a_bundle() {
    let mut kinds = std::collections::BTreeSet::new();
    for (_, option) in snapshot_options() {
        let series: Vec<String> = option["series"]
            .as_array()
            .unwrap()
            .iter()
            .map(|series| series["type"].as_str().unwrap().to_string())
            .collect();
        let in_more = series
            .iter()
            .any(|kind| comex_charts::MORE_BUNDLE_SERIES.contains(&kind.as_str()));
        assert_eq!(
            comex_charts::needs_more_charts(&option),
            in_more,
            "{series:?}"
        );
        kinds.extend(series);
    }
    for kind in &kinds {
        assert!(
            comex_charts::FIRST_BUNDLE_SERIES.contains(&kind.as_str())
                || comex_charts::MORE_BUNDLE_SERIES.contains(&kind.as_str()),
            "{kind}"
        );
    }
    // The partner countries' chart (bars and balance points) is drawn with the first bundle alone.
    assert!(kinds.contains("bar") && kinds.contains("scatter") && kinds.contains("sankey"));
    // And the bundles' entries register those series (`bar` -> `BarChart`).
    let web = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../web");
    for (entry, kinds) in [
        ("echarts.js", &comex_charts::FIRST_BUNDLE_SERIES[..]),
        ("echarts-more.js", &comex_charts::MORE_BUNDLE_SERIES[..]),
    ] {
        let source = std::fs::read_to_string(web.join(entry)).unwrap();
        for kind in kinds {
            let module = format!("{}{}Chart", kind[..1].to_uppercase(), &kind[1..]);
            assert!(source.contains(&module), "{entry} lacks {module}");
        }
    }
    // The tooltips and legends come with the second bundle (the app adds them to the charts drawn
    // before it): the components it merges then are exactly those.
    let first = std::fs::read_to_string(web.join("echarts.js")).unwrap();
    let more = std::fs::read_to_string(web.join("echarts-more.js")).unwrap();
    assert_eq!(
        comex_charts::SECOND_BUNDLE_COMPONENTS,
        ["tooltip", "legend"]
    );
    for component in ["TooltipComponent", "LegendPlainComponent"] {
        assert!(
            !first.contains(component) && more.contains(component),
            "{component}"
        );
    }
}

/// A redraw sends the components that changed and replaces them, removes those gone, and leaves
/// out those equal to the drawn ones; a first drawing sends and replaces everything.
#[test]
fn a_redraw_sends_only_the_components_that_changed() {
    let drawn = json!({
        "animation": false,
        "series": [{ "type": "bar", "data": [1, 2] }],
        "xAxis": { "type": "value" },
        "yAxis": { "type": "category", "data": ["A", "B"] },
        "tooltip": { "formatter": "tip" },
        "legend": { "show": true },
    });
    let option = json!({
        "animation": false,
        "series": [{ "type": "bar", "data": [3, 4] }],
        "xAxis": { "type": "value" },
        "yAxis": { "type": "category", "data": ["C", "D"] },
        "tooltip": { "formatter": "tip" },
    });
    let (sent, replaced) = comex_charts::redraw(&option, Some(&drawn));
    assert_eq!(
        sent,
        json!({
            "animation": false,
            "series": [{ "type": "bar", "data": [3, 4] }],
            "yAxis": { "type": "category", "data": ["C", "D"] },
        })
    );
    assert_eq!(replaced, ["series", "yAxis", "legend"]);
    let (sent, replaced) = comex_charts::redraw(&option, None);
    assert_eq!(sent, option);
    assert_eq!(replaced, comex_charts::COMPONENTS);
}

/// Tooltips are HTML: every piece of text in them is escaped, the rest kept as it is.
#[test]
fn tooltips_escape_their_text() {
    assert_eq!(
        comex_charts::escape_html(r#"<b>"Côte" & l'Oise</b>"#),
        "&lt;b&gt;&quot;Côte&quot; &amp; l&#39;Oise&lt;/b&gt;"
    );
    assert_eq!(
        comex_charts::tip(
            "A & B",
            &["1 < 2".to_string(), "Solde : 0,8 M€".to_string()]
        ),
        "<strong>A &amp; B</strong><br>1 &lt; 2<br>Solde : 0,8 M€"
    );
}

/// Every chart in the dark theme: no hue of the light charts is left (the greys serve both, the
/// map's classes are the core's), and the option still has only the components a redraw replaces.
#[test]
fn every_option_in_the_dark_theme_keeps_no_light_colour() {
    use comex_charts::style::{self, Theme};
    let light_colours = [
        style::IMPORT_BLUE,
        style::EXPORT_VIOLET,
        style::TOP_FLOW_RED,
        style::DEFICIT_RED,
        style::SURPLUS_GREEN,
        style::INK,
        style::PAPER,
        style::REGION_TEAL,
        style::COUNTRY_SLATE,
    ];
    for (path, mut option) in snapshot_options() {
        style::apply(&mut option, Theme::Dark);
        let mut drawn = option.clone();
        for series in drawn["series"].as_array_mut().unwrap() {
            if series["type"] == "map" {
                // The map's classes keep their colours in both themes.
                series["data"] = Value::Null;
            }
        }
        let drawn = serde_json::to_string(&drawn).unwrap();
        for colour in light_colours {
            assert!(
                !drawn.contains(&format!("\"{colour}\"")),
                "{colour} left in {}",
                path.display()
            );
        }
        assert_only_redraw_components(&option);
    }
}
