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

use crate::CoreError;

/// The views by name, as in the URL's `embed` parameter and on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum ViewName {
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
    Evolution,
    Change,
    KeyPoints,
    Map,
    Comparison,
}

impl ViewName {
    /// The views computed from one period's tables (the evolution and the change read others, the key
    /// points are written from other views).
    pub const ALL: [ViewName; 11] = [
        ViewName::Totals,
        ViewName::Partners,
        ViewName::GoodsExport,
        ViewName::GoodsImport,
        ViewName::ExportSankey,
        ViewName::ImportSankey,
        ViewName::Specialisation,
        ViewName::Exposure,
        ViewName::ImportDependence,
        ViewName::ExportConcentration,
        ViewName::TariffExposure,
    ];

    /// Its name, in kebab case (`strum`).
    pub fn name(self) -> &'static str {
        self.into()
    }

    pub fn parse(text: &str) -> Result<Self, CoreError> {
        ViewName::ALL
            .into_iter()
            .find(|view| view.name() == text)
            .ok_or_else(|| {
                let names: Vec<&str> = ViewName::ALL.iter().map(|value| value.name()).collect();
                CoreError::UnknownView(text.to_string(), names.join(", "))
            })
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
