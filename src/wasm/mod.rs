//! `#[wasm_bindgen]` glue: converts arguments, calls the core, returns JSON text.
//! No logic lives here. Results are `{"ok":true,…}` or `{"ok":false,"error":{code,message,params}}`;
//! a malformed argument gives `{"ok":false,"usage":"…"}`, which the JS layer throws as a `TypeError`.

use serde_json::{json, Value};
use wasm_bindgen::prelude::wasm_bindgen;

use crate::{Card, Date, Error, Lang};

fn usage(msg: &str) -> String {
    json!({ "ok": false, "usage": msg }).to_string()
}

fn args(now: &str, lang: &str) -> Result<(Date, Lang), String> {
    let now = Date::parse_iso(now).ok_or_else(|| usage("now must be a YYYY-MM-DD date"))?;
    let lang = Lang::parse(lang).ok_or_else(|| usage("lang must be \"en\" or \"vi\""))?;
    Ok((now, lang))
}

fn card_result(card: Result<Card, Error>, mrz: Option<String>, lang: Lang) -> String {
    let card = card.and_then(|card| match mrz {
        Some(text) => crate::parse_mrz(&text).map(|m| card.with_mrz(m)),
        None => Ok(card),
    });
    let v: Value = match card {
        Ok(card) => json!({ "ok": true, "card": card.to_json(lang) }),
        Err(e) => json!({ "ok": false, "error": e.to_json(lang) }),
    };
    v.to_string()
}

/// Parses QR text. `now` is `YYYY-MM-DD`; `mrz`, if given, is cross-checked.
#[wasm_bindgen(js_name = parseQrText)]
pub fn parse_qr_text(text: &str, now: &str, lang: &str, mrz: Option<String>) -> String {
    match args(now, lang) {
        Ok((now, lang)) => card_result(crate::parse_qr_text(text, now), mrz, lang),
        Err(u) => u,
    }
}

/// Parses raw QR bytes (UTF-8). Same result shape as `parseQrText`.
#[wasm_bindgen(js_name = parseQrBytes)]
pub fn parse_qr_bytes(bytes: &[u8], now: &str, lang: &str, mrz: Option<String>) -> String {
    match args(now, lang) {
        Ok((now, lang)) => card_result(crate::parse_qr_bytes(bytes, now), mrz, lang),
        Err(u) => u,
    }
}

/// Parses a TD1 MRZ on its own.
#[wasm_bindgen(js_name = parseMrz)]
pub fn parse_mrz(text: &str, lang: &str) -> String {
    let Some(lang) = Lang::parse(lang) else {
        return usage("lang must be \"en\" or \"vi\"");
    };
    match crate::parse_mrz(text) {
        Ok(m) => json!({ "ok": true, "mrz": m }),
        Err(e) => json!({ "ok": false, "error": e.to_json(lang) }),
    }
    .to_string()
}

/// `"exact"`, `"equivalent"`, `"without-diacritics"` or `"different"`.
#[wasm_bindgen(js_name = compareNames)]
pub fn compare_names(a: &str, b: &str) -> String {
    json!(crate::compare_names(a, b))
        .as_str()
        .unwrap_or("different")
        .to_owned()
}

/// The loose name-comparison key.
#[wasm_bindgen(js_name = foldName)]
pub fn fold_name(s: &str) -> String {
    crate::fold_name(s)
}

/// ICAO 9303 transliteration.
#[wasm_bindgen(js_name = icaoTransliterate)]
pub fn icao_transliterate(s: &str) -> String {
    crate::icao_transliterate(s)
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
