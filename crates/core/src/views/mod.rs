//! One view model per block of the portrait. Each is a plain struct, the single source of truth for
//! its chart, its data table, its CSV export and the `view` command line. Each states its rules.

pub mod change;
pub mod comparison;
pub mod dependence;
pub mod evolution;
pub mod exposure;
pub mod goods;
pub mod key_points;
pub mod map;
pub mod partners;
pub mod portrait;
pub mod ranking;
pub mod sankey;
pub mod specialisation;
pub mod table;
pub mod totals;

/// The views computed from one period's tables, each by `portrait::compute_period_view`. The blocks are the
/// page's one list (`blocks::Block`); a block names its view here (`Block::period_view`), or is
/// computed by its own arm of `blocks::compute` (the évolution and the changes read other years,
/// the key points and the comparison are written from these views, the map reads all départements).
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum PeriodView {
    Totals,
    Partners,
    GoodsExport,
    GoodsImport,
    ExportSankey,
    ImportSankey,
    Specialisation,
    Exposure,
    ImportDependence,
    ExportConcentration,
    TariffExposure,
}

impl PeriodView {
    pub const ALL: [PeriodView; 11] = [
        PeriodView::Totals,
        PeriodView::Partners,
        PeriodView::GoodsExport,
        PeriodView::GoodsImport,
        PeriodView::ExportSankey,
        PeriodView::ImportSankey,
        PeriodView::Specialisation,
        PeriodView::Exposure,
        PeriodView::ImportDependence,
        PeriodView::ExportConcentration,
        PeriodView::TariffExposure,
    ];

    /// Its name, in kebab case (`strum`).
    pub fn name(self) -> &'static str {
        self.into()
    }
}

/// Sorts (code, value) pairs by value, largest first, then by code: ties always break the same way.
pub fn rank_by_value<K: Ord>(items: &mut [(K, i64)]) {
    crate::sorting::sort_by(items, |(code_a, value_a), (code_b, value_b)| {
        value_b.cmp(value_a).then_with(|| code_a.cmp(code_b))
    });
}

/// A share, or none when the whole is zero (a share of nothing is not 0 %).
pub fn share(part: i64, whole: i64) -> Option<f64> {
    (whole != 0).then(|| part as f64 / whole as f64)
}
