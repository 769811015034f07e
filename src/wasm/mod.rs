//! `#[wasm_bindgen]` glue: converts arguments, calls the core, returns JSON text.
//! No logic lives here. Each npm wasm module exports one capability (`build.rs` sets the cfg
//! from the `wasm-*` features): `scan` (pixels → QR → card, MRZ, names), `verify` (SD-JWT VC,
//! trust lists) and `image` (PNG/JPEG files → grey pixels). Results are `{"ok":true,…}` or
//! `{"ok":false,"error":{code,params,…}}` (`Error::to_wire`: the JS layer renders the message,
//! and the messages of a card's findings, so none is linked here); a malformed argument gives
//! `{"ok":false,"usage":"…"}`, which the JS layer throws as a `TypeError`.

#[cfg(any(glue_scan, glue_verify))]
use serde_json::Value;
use wasm_bindgen::prelude::wasm_bindgen;

#[cfg(glue_image)]
mod image;
#[cfg(glue_scan)]
mod scan;
#[cfg(glue_verify)]
mod verify;

#[cfg(any(glue_scan, glue_verify))]
pub(crate) fn usage(msg: &str) -> String {
    result(false, [("usage", msg.into())])
}

/// `{"ok": …, key: value, …}` as JSON text. Not `serde_json::json!`, which serialises every
/// value again (a `Value` is copied through the serializer) on a path that panics, linking the
/// formatting of serde_json's errors (Debug, `char::escape_debug`) into the modules.
#[cfg(any(glue_scan, glue_verify))]
pub(crate) fn result<const N: usize>(ok: bool, entries: [(&str, Value); N]) -> String {
    let mut m = serde_json::Map::new();
    m.insert("ok".into(), ok.into());
    for (k, v) in entries {
        m.insert(k.into(), v);
    }
    text(&Value::Object(m))
}

/// JSON text: in the scan module by `wire::json_text` (serde_json's `Display` links its
/// `io::Error` path; docs/architecture.md, "Wasm modules, sizes"), elsewhere by serde_json.
#[cfg(any(glue_scan, glue_verify))]
fn text(v: &Value) -> String {
    #[cfg(not(glue_verify))]
    return crate::wire::json_text(v);
    #[cfg(glue_verify)]
    v.to_string()
}

/// `{"ok": false, "error": …}`, the error in its wire form (the JS layer renders the message).
#[cfg(any(glue_scan, glue_verify))]
pub(crate) fn failure(e: &crate::Error) -> String {
    result(false, [("error", e.to_wire())])
}

/// `value` as JSON (serialising the crate's result types cannot fail). The verify module's
/// results are written as JSON text directly (`to_wire_json`), except the chip's.
#[cfg(any(glue_scan, all(glue_verify, feature = "chip")))]
pub(crate) fn to_value<T: serde::Serialize + ?Sized>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// The input limits the JS layer checks before copying an argument into wasm memory (the core
/// checks them again): `{ payload, mrz, name, imageFile }` in the scan module, `{ presentation,
/// trustList, statusList, mdocResponse, vical, chipDump }` in the verify module, bytes.
#[cfg(any(glue_scan, glue_verify))]
#[wasm_bindgen]
pub fn limits() -> String {
    use crate::budget;
    let mut m = serde_json::Map::new();
    #[cfg(glue_scan)]
    {
        m.insert("payload".into(), budget::MAX_PAYLOAD_BYTES.into());
        m.insert("mrz".into(), budget::MAX_MRZ_BYTES.into());
        m.insert("name".into(), budget::MAX_NAME_BYTES.into());
        m.insert("imageFile".into(), budget::MAX_IMAGE_FILE_BYTES.into());
    }
    #[cfg(glue_verify)]
    {
        m.insert(
            "presentation".into(),
            budget::SdJwtBudget::default().max_bytes.into(),
        );
        m.insert("trustList".into(), budget::DEFAULT_MAX_LIST_BYTES.into());
        m.insert("statusList".into(), budget::DEFAULT_MAX_TOKEN_BYTES.into());
        #[cfg(feature = "mdoc")]
        {
            m.insert(
                "mdocResponse".into(),
                crate::cbor::Budget::default().max_input_bytes.into(),
            );
            m.insert("vical".into(), budget::DEFAULT_MAX_LIST_BYTES.into());
        }
        // ICAO 9303 chips: the hand-off JSON.
        #[cfg(feature = "chip")]
        m.insert("chipDump".into(), crate::icao::MAX_DUMP_JSON_BYTES.into());
    }
    text(&serde_json::Value::Object(m))
}

/// `ERR_INPUT_TOO_LARGE` for an argument the JS layer did not copy in: `len` is its size (at
/// least; for a string, its UTF-16 length).
#[cfg(any(glue_scan, glue_verify))]
#[wasm_bindgen(js_name = tooLarge)]
pub fn too_large(len: f64, max: f64, _lang: &str) -> String {
    // Saturating float → integer casts: sizes, not arithmetic.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let e = crate::Error::InputTooLarge {
        len: len as usize,
        max: max as usize,
    };
    failure(&e)
}

/// The crate version.
#[wasm_bindgen(js_name = coreVersion)]
pub fn core_version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// Runs at instantiation (a restarted instance too): the host crypto hook of the verify module,
/// and in development builds the panic hook that logs a panic's message to the console.
#[wasm_bindgen(start)]
pub fn start() {
    #[cfg(feature = "dev-panic-hook")]
    console_error_panic_hook::set_once();
    #[cfg(glue_verify)]
    verify::register_host();
}

/// Throws from inside the module, so the JS layer's trap recovery can be tested.
/// `wasm32-unknown-unknown` aborts on panic, which surfaces in JS as a `RuntimeError`.
#[wasm_bindgen(js_name = __trapForTests)]
pub fn trap_for_tests() {
    // A development build panics, so that the panic hook's message can be checked.
    #[cfg(feature = "dev-panic-hook")]
    #[allow(clippy::panic)]
    {
        panic!("cccd-verify: trap requested by a test");
    }
    #[cfg(not(feature = "dev-panic-hook"))]
    core::arch::wasm32::unreachable()
}
