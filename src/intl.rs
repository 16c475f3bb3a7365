//! Numbers formatted by the browser's `Intl.NumberFormat('fr-FR')`: `9 114,8 M€`, `13,4 %`.

use js_sys::{Array, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

fn number_format(options: &[(&str, JsValue)]) -> Intl::NumberFormat {
    let settings = Object::new();
    for (key, value) in options {
        let _ = Reflect::set(&settings, &JsValue::from_str(key), value);
    }
    Intl::NumberFormat::new(&Array::of1(&JsValue::from_str("fr-FR")), &settings)
}

fn format_with(format: &Intl::NumberFormat, value: f64) -> String {
    format
        .format()
        .call1(&JsValue::NULL, &JsValue::from_f64(value))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

fn fraction_digits(digits: usize) -> [(&'static str, JsValue); 2] {
    let digits = JsValue::from_f64(digits as f64);
    [
        ("minimumFractionDigits", digits.clone()),
        ("maximumFractionDigits", digits),
    ]
}

/// Euros as millions with one decimal: `9 114,8 M€`.
pub fn million_euros(euros: i64) -> String {
    let format = number_format(&fraction_digits(1));
    format!("{}\u{a0}M€", format_with(&format, euros as f64 / 1e6))
}

/// A share in [0, 1] as a percentage: `13,4 %`.
pub fn percent(share: f64, decimals: usize) -> String {
    let mut options = fraction_digits(decimals).to_vec();
    options.push(("style", JsValue::from_str("percent")));
    format_with(&number_format(&options), share)
}

/// A plain number with `decimals` decimals.
pub fn decimal(value: f64, decimals: usize) -> String {
    format_with(&number_format(&fraction_digits(decimals)), value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn browser_formats_match_the_seed() {
        let plain = |text: String| text.replace(['\u{202f}', '\u{a0}'], " ");
        assert_eq!(plain(million_euros(9_114_800_000)), "9 114,8 M€");
        assert_eq!(plain(million_euros(580_354_500_000)), "580 354,5 M€");
        assert_eq!(plain(percent(0.134, 1)), "13,4 %");
        assert_eq!(plain(percent(0.0157, 2)), "1,57 %");
    }

    /// The command line formats by hand what the browser formats with Intl: they must agree.
    #[wasm_bindgen_test]
    fn core_formatting_agrees_with_intl() {
        for euros in [
            0,
            1,
            49_999,
            50_000,
            9_114_800_000,
            123_456_789_012,
            -1_327_500_000,
        ] {
            assert_eq!(
                million_euros(euros),
                comex_core::format::million_euros(euros),
                "{euros}"
            );
        }
        for share in [0.0, 0.0157, 0.134, 0.99999, 1.0] {
            assert_eq!(
                percent(share, 1),
                comex_core::format::percent(share, 1),
                "{share}"
            );
        }
    }
}
