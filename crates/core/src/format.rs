//! French number formatting, the one the page, its tables, the CSV's texts and the command line
//! use, written like the browser's `Intl.NumberFormat('fr-FR')`: narrow no-break space between
//! thousands, comma for decimals, no-break space before the unit.

const THOUSANDS: char = '\u{202f}';
const BEFORE_UNIT: char = '\u{a0}';

/// `value` rounded to `decimals`, grouped by thousands, French style.
pub fn decimal(value: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, value.abs());
    let (integer, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (i, digit) in integer.chars().enumerate() {
        if i > 0 && (integer.len() - i) % 3 == 0 {
            grouped.push(THOUSANDS);
        }
        grouped.push(digit);
    }
    let sign = if value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "-"
    } else {
        ""
    };
    if fraction.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{fraction}")
    }
}

/// An axis tick, French style, with the decimals it has (at most two: ECharts' ticks are 1, 2 or 5
/// times a power of ten): `4 000`, `0,5`, `-0,25`. Never rounded to another tick's text.
pub fn tick(value: f64) -> String {
    let decimals = (0..2)
        .find(|&decimals| {
            let scale = 10_f64.powi(decimals as i32);
            ((value * scale).round() / scale - value).abs() < 1e-9
        })
        .unwrap_or(2);
    decimal(value, decimals)
}

/// An axis tick in percentage points: `0,5 pt`.
pub fn tick_points(value: f64) -> String {
    format!("{}{BEFORE_UNIT}pt", tick(value))
}

/// An axis tick in percent: `12,5 %`.
pub fn tick_percent(value: f64) -> String {
    format!("{}{BEFORE_UNIT}%", tick(value))
}

/// Euros as millions with one decimal: `9 114,8 M€`.
pub fn million_euros(euros: i64) -> String {
    format!("{}{BEFORE_UNIT}M€", decimal(euros as f64 / 1e6, 1))
}

/// A share in [0, 1] as a percentage: `13,4 %`.
pub fn percent(share: f64, decimals: usize) -> String {
    format!("{}{BEFORE_UNIT}%", decimal(share * 100.0, decimals))
}

/// A number's text with its sign, the one rule for every signed figure: « + » before a positive
/// one; a negative one keeps its « - », a zero (as written, `0,0`) has none.
pub fn signed(text: String) -> String {
    let zero = !text.chars().any(|c| c.is_ascii_digit() && c != '0');
    if text.starts_with('-') || zero {
        text
    } else {
        format!("+{text}")
    }
}

/// A change as a share, with its sign: `+4,2 %`, `-3,0 %`, `0,0 %`.
pub fn signed_percent(share: f64) -> String {
    signed(percent(share, 1))
}

/// A contribution in percentage points (a share × 100): `+1,3 pt`.
pub fn signed_points(share: f64) -> String {
    format!("{}{BEFORE_UNIT}pt", signed(decimal(share * 100.0, 1)))
}

/// Replaces the typographic spaces by plain ones (for comparisons in tests and scripts).
pub fn plain_spaces(text: &str) -> String {
    text.replace([THOUSANDS, BEFORE_UNIT], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tick_keeps_the_decimals_it_has() {
        assert_eq!(plain_spaces(&tick(4000.0)), "4 000");
        assert_eq!(tick(0.5), "0,5");
        assert_eq!(tick(-0.25), "-0,25");
        assert_eq!(tick(0.30000000000000004), "0,3");
        assert_eq!(tick(-1.0), "-1");
        assert_eq!(plain_spaces(&tick_points(-0.2)), "-0,2 pt");
        assert_eq!(plain_spaces(&tick_percent(12.5)), "12,5 %");
    }

    #[test]
    fn french_formats() {
        assert_eq!(plain_spaces(&million_euros(9_114_800_000)), "9 114,8 M€");
        assert_eq!(
            plain_spaces(&million_euros(580_354_499_999)),
            "580 354,5 M€"
        );
        assert_eq!(plain_spaces(&million_euros(-12_345_000)), "-12,3 M€");
        assert_eq!(plain_spaces(&million_euros(0)), "0,0 M€");
        assert_eq!(plain_spaces(&percent(0.134, 1)), "13,4 %");
        assert_eq!(plain_spaces(&percent(0.0157, 2)), "1,57 %");
        assert_eq!(decimal(999.96, 1), "1\u{202f}000,0");
        assert_eq!(decimal(-0.04, 1), "0,0");
    }
}
