//! SHA-256 of a downloaded file, by the browser's Web Crypto (`crypto.subtle.digest`) where the page
//! has it: native code that runs off the page's main thread while the next file arrives. A page
//! served over plain HTTP from another host than localhost has no `crypto.subtle` (not a secure
//! context): there the core's SHA-256 runs in the WASM, as before.

use comex_core::manifest::{hex, sha256_hex};
use js_sys::{ArrayBuffer, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The file's SHA-256 as 64 lower-case hex digits.
pub async fn sha256(bytes: &[u8]) -> String {
    match web_crypto_digest(bytes).await {
        Some(digest) => digest,
        None => sha256_hex(bytes),
    }
}

/// None when the page has no Web Crypto or it fails (the caller hashes in the WASM instead).
async fn web_crypto_digest(bytes: &[u8]) -> Option<String> {
    let window = web_sys::window()?;
    if !window.is_secure_context() {
        return None;
    }
    let subtle = window.crypto().ok()?.subtle();
    // `digest` copies the bytes before it returns: the WASM memory may move afterwards.
    let promise = subtle.digest_with_str_and_u8_array("SHA-256", bytes).ok()?;
    let buffer: ArrayBuffer = JsFuture::from(promise).await.ok()?.dyn_into().ok()?;
    Some(hex(&Uint8Array::new(&buffer).to_vec()))
}
