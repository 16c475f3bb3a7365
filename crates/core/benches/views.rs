//! The engine on the demo data (build them first: `cargo xtask bench` does).
//! Targets: all views of one département under 1 ms; France's Sankeys and the exposure ranking of
//! all départements under 30 ms.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests stop at the line that failed

use comex_core::arrow_io;
use comex_core::catalog::Catalog;
use comex_core::codes::{ProductLevel, Territory};
use comex_core::data_file::{
    departements_by_country_file, trade_file, year_sum_of, COUNTRIES_FILE, MANIFEST_FILE,
    PRODUCTS_FILE,
};
use comex_core::filter::Filter;
use comex_core::manifest::Manifest;
use comex_core::trade_table::TradeTable;
use comex_core::views::change::{change, ChangeBy};
use comex_core::views::evolution::evolution;
use comex_core::views::portrait::{compute_period_view, PortraitData, SharedResults, ViewRequest};
use comex_core::views::PeriodView;
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::path::PathBuf;

fn data_dir() -> PathBuf {
    std::env::var_os("COMEX_DATA_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../public/data/v1"))
}

fn read(path: &str) -> Vec<u8> {
    std::fs::read(data_dir().join(path))
        .unwrap_or_else(|e| panic!("{path}: {e} (run `cargo xtask data` first)"))
}

/// Decoding a département's and France's files of 2024, by quarter and summed over the year.
fn decoding(c: &mut Criterion, catalog: &Catalog) {
    let oise = Territory::Departement("60".into());
    for path in [
        trade_file(&oise, 2024).to_string(),
        trade_file(&oise, 2024).summed().to_string(),
        trade_file(&Territory::France, 2024).to_string(),
        trade_file(&Territory::France, 2024).summed().to_string(),
    ] {
        c.bench_function(&format!("decode {path}"), |b| {
            let bytes = read(&path);
            b.iter(|| arrow_io::read_trade("t", black_box(&bytes), catalog).unwrap())
        });
    }
}

/// The manifest and the code lists, which every benchmark reads first.
fn manifest_and_catalog() -> (Manifest, Catalog) {
    let manifest = Manifest::parse(&String::from_utf8(read(MANIFEST_FILE)).unwrap()).unwrap();
    let catalog = arrow_io::read_catalog(
        (PRODUCTS_FILE, &read(PRODUCTS_FILE)),
        (COUNTRIES_FILE, &read(COUNTRIES_FILE)),
    )
    .unwrap();
    (manifest, catalog)
}

fn views(c: &mut Criterion) {
    let (manifest, catalog) = manifest_and_catalog();
    // The files the dashboard reads for a whole year: each territory's year summed over its quarters.
    let table = |t: &Territory| {
        arrow_io::read_trade(
            "t",
            &read(&trade_file(t, 2024).summed().to_string()),
            &catalog,
        )
        .unwrap()
    };
    let oise = table(&Territory::Departement("60".into()));
    let region = table(&Territory::Region("01".into()));
    let france = table(&Territory::France);
    let departements = arrow_io::read_trade(
        "d",
        &read(&year_sum_of(&departements_by_country_file(2024))),
        &catalog,
    )
    .unwrap();
    let request = ViewRequest {
        filter: Filter::default(),
        level: ProductLevel::A129,
    };

    decoding(c, &catalog);
    let oise_data = PortraitData {
        manifest: &manifest,
        catalog: &catalog,
        territory: &oise,
        region: Some(&region),
        france: Some(&france),
        departements: Some(&departements),
        shared: None,
    };
    // The views that depend only on the département's own file.
    let own_views = [
        PeriodView::Partners,
        PeriodView::GoodsExport,
        PeriodView::GoodsImport,
        PeriodView::ExportSankey,
        PeriodView::ImportSankey,
    ];
    c.bench_function("Oise: partners, goods and Sankeys", |b| {
        b.iter(|| {
            own_views
                .iter()
                .map(|&v| compute_period_view(black_box(&oise_data), v, &request).unwrap())
                .collect::<Vec<_>>()
        })
    });
    c.bench_function("Oise: every view (totals, specialisation and exposure read the région, France and all départements)", |b| {
        b.iter(|| PeriodView::ALL.iter().map(|&v| compute_period_view(black_box(&oise_data), v, &request).unwrap()).collect::<Vec<_>>())
    });
    for view in PeriodView::ALL {
        c.bench_function(&format!("Oise: {}", view.name()), |b| {
            b.iter(|| compute_period_view(black_box(&oise_data), view, &request).unwrap())
        });
    }
    // Switching between two départements with France's results shared, as the app does.
    let aisne = table(&Territory::Departement("02".into()));
    let shared = SharedResults::default();
    c.bench_function(
        "switch Oise -> Aisne, every view, France's results shared (per département)",
        |b| {
            b.iter_custom(|iterations| {
                let started = std::time::Instant::now();
                for _ in 0..iterations {
                    for territory in [&oise, &aisne] {
                        let data = PortraitData {
                            territory,
                            shared: Some(&shared),
                            ..oise_data
                        };
                        for view in PeriodView::ALL {
                            black_box(compute_period_view(&data, view, &request).unwrap());
                        }
                    }
                }
                started.elapsed() / 2
            })
        },
    );
    let france_data = PortraitData {
        territory: &france,
        region: None,
        ..oise_data
    };
    c.bench_function("France: both Sankeys and the exposure ranking", |b| {
        b.iter(|| {
            [
                PeriodView::ExportSankey,
                PeriodView::ImportSankey,
                PeriodView::Exposure,
            ]
            .iter()
            .map(|&v| compute_period_view(black_box(&france_data), v, &request).unwrap())
            .collect::<Vec<_>>()
        })
    });
}

/// The time views as the dashboard computes them for the Oise: the évolution over its files by
/// quarter of every year, and the partners' and goods' change of 2024 against 2023 (years summed).
fn time_views(c: &mut Criterion) {
    let (manifest, catalog) = manifest_and_catalog();
    let oise = Territory::Departement("60".into());
    let decode = |path: String| arrow_io::read_trade("t", &read(&path), &catalog).unwrap();
    let years: Vec<TradeTable> = manifest
        .years
        .iter()
        .map(|&year| decode(trade_file(&oise, year).to_string()))
        .collect();
    let tables: Vec<&TradeTable> = years.iter().collect();
    let (now, earlier) = (
        decode(trade_file(&oise, 2024).summed().to_string()),
        decode(trade_file(&oise, 2023).summed().to_string()),
    );
    let filter = Filter::default();
    c.bench_function("Oise: évolution over every quarter", |b| {
        b.iter(|| {
            evolution(
                black_box(&tables),
                None,
                None,
                &catalog,
                &filter,
                &manifest.periods,
            )
        })
    });
    for by in [ChangeBy::Partners, ChangeBy::Goods] {
        c.bench_function(&format!("Oise: change 2024 against 2023 by {by:?}"), |b| {
            b.iter(|| {
                change(
                    black_box(&now),
                    &earlier,
                    &catalog,
                    &filter,
                    &filter,
                    by,
                    ProductLevel::A129,
                )
            })
        });
    }
}

criterion_group!(benches, views, time_views);
criterion_main!(benches);
