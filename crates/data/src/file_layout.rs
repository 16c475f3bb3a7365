//! What a trade file may hold: the years read (2015 to the current one), and what its name promises
//! (one flow, and for the annual layout one year).

use comex_core::codes::Flow;

/// The first year the regional files are read for (CPF rév. 2.1 since 2015).
pub const FIRST_YEAR: u16 = 2015;

/// The current calendar year (UTC), from the system clock: no file can hold a later one.
pub fn current_year() -> u16 {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|elapsed| elapsed.as_secs() / 86_400)
        .unwrap_or(0);
    // Civil year from days since 1970-01-01 (Howard Hinnant's algorithm, years only).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let year = year_of_era + era * 400 + i64::from(month_index >= 10);
    u16::try_from(year).unwrap_or(u16::MAX)
}

/// What a file's name says it holds: one flow (`…PAYSE.txt`, `…_Export.txt`), and for the annual
/// layout one year (`Region_2024_…`). A line of another flow or year mixes layouts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct NamedContent {
    pub(crate) flow: Option<Flow>,
    pub(crate) year: Option<u16>,
}

pub(crate) fn named_content(file: &str) -> NamedContent {
    let base = file.rsplit(['/', '!']).next().unwrap_or(file);
    let flow = if base.ends_with("PAYSE.txt") || base.ends_with("_Export.txt") {
        Some(Flow::Export)
    } else if base.ends_with("PAYSI.txt") || base.ends_with("_Import.txt") {
        Some(Flow::Import)
    } else {
        None
    };
    let year = base
        .strip_prefix("Region_")
        .and_then(|rest| rest.get(..4))
        .and_then(|year| year.parse().ok());
    NamedContent { flow, year }
}
