//! Numbers formatted by the browser's `Intl.NumberFormat('fr-FR')`: `9 114,8 M€`, `13,4 %`.

use js_sys::{Array, Intl, Object, Reflect};
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::JsValue;

/// A formatter: the `Intl.NumberFormat` and its bound `format` function.
#[derive(Clone)]
struct Formatter {
    format: js_sys::Function,
}

thread_local! {
    /// Formatters by (percent style, decimals). Creating an `Intl.NumberFormat` costs tens of
    /// microseconds, and a territory switch formats thousands of numbers: each is made once.
    static FORMATTERS: RefCell<HashMap<(bool, usize), Formatter>> = RefCell::new(HashMap::new());
}

fn formatter(percent: bool, decimals: usize) -> Formatter {
    FORMATTERS.with(|cache| {
        cache
            .borrow_mut()
            .entry((percent, decimals))
            .or_insert_with(|| {
                let settings = Object::new();
                let digits = JsValue::from_f64(decimals as f64);
                let _ = Reflect::set(&settings, &"minimumFractionDigits".into(), &digits);
                let _ = Reflect::set(&settings, &"maximumFractionDigits".into(), &digits);
                if percent {
                    let _ = Reflect::set(&settings, &"style".into(), &"percent".into());
                }
                let format =
                    Intl::NumberFormat::new(&Array::of1(&JsValue::from_str("fr-FR")), &settings);
                Formatter {
                    format: format.format(),
                }
            })
            .clone()
    })
}

fn format_with(formatter: &Formatter, value: f64) -> String {
    formatter
        .format
        .call1(&JsValue::NULL, &JsValue::from_f64(value))
        .ok()
        .and_then(|value| value.as_string())
        .unwrap_or_default()
}

/// Euros as millions with one decimal: `9 114,8 M€`.
pub fn million_euros(euros: i64) -> String {
    format!(
        "{}\u{a0}M€",
        format_with(&formatter(false, 1), euros as f64 / 1e6)
    )
}

/// A share in [0, 1] as a percentage: `13,4 %`.
pub fn percent(share: f64, decimals: usize) -> String {
    format_with(&formatter(true, decimals), share)
}

/// A plain number with `decimals` decimals.
pub fn decimal(value: f64, decimals: usize) -> String {
    format_with(&formatter(false, decimals), value)
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
