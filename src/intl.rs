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
