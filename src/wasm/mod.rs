//! `#[wasm_bindgen]` glue: converts arguments, calls the core, returns JSON text.
//! No logic lives here. Each npm wasm module exports one capability (`build.rs` sets the cfg
//! from the `wasm-*` features): `scan` (pixels → QR → card, MRZ, names), `verify` (SD-JWT VC,
//! trust lists) and `image` (PNG/JPEG files → grey pixels). Results are `{"ok":true,…}` or
//! `{"ok":false,"error":{code,message,params}}`; a malformed argument gives
//! `{"ok":false,"usage":"…"}`, which the JS layer throws as a `TypeError`.

#[cfg(any(glue_scan, glue_verify))]
use serde_json::json;
use wasm_bindgen::prelude::wasm_bindgen;

#[cfg(glue_image)]
mod image;
#[cfg(glue_scan)]
mod scan;
#[cfg(glue_verify)]
mod verify;

#[cfg(any(glue_scan, glue_verify))]
pub(crate) fn usage(msg: &str) -> String {
    json!({ "ok": false, "usage": msg }).to_string()
}

/// The crate version.
#[wasm_bindgen(js_name = coreVersion)]
pub fn core_version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// Throws from inside the module, so the JS layer's trap recovery can be tested.
/// `wasm32-unknown-unknown` aborts on panic, which surfaces in JS as a `RuntimeError`.
#[wasm_bindgen(js_name = __trapForTests)]
pub fn trap_for_tests() {
    core::arch::wasm32::unreachable()
}
