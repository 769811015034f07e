//! `#[wasm_bindgen]` glue for the `verify` feature: SD-JWT VC, trust lists, and the host ECDSA hook.

use serde_json::json;
use wasm_bindgen::prelude::wasm_bindgen;

use super::usage;
use crate::Lang;

// Host ECDSA (see `crypto::host`): the Node entry registers a synchronous verifier (node:crypto)
// through this module-private snippet — not a global, so page scripts cannot plant one; without
// one, or on any doubt, Rust verifies. Registration is once per process: the Node entry takes the
// slot when it loads (with `null` when host crypto is switched off), so a later registration —
// from a deep import of the snippet — is refused, and an earlier one makes the entry refuse to
// load. The hook is set at instantiation, so a restarted instance
// has it too. The host is asked `(alg, key, msg, sig)`: `alg` a JOSE name (`"ES256"`, `"ES384"`),
// `key` the uncompressed SEC1 point, `sig` the IEEE P1363 `r‖s` form (already range-checked).
#[wasm_bindgen(
    inline_js = "let impl;\nexport function registerHostVerify(f) { if (impl !== undefined) return false; impl = typeof f === 'function' ? f : null; return true; }\nexport function hostVerify(alg, key, msg, sig) {\n  if (!impl) return -1;\n  try { const r = impl(alg, key, msg, sig); return r === true ? 1 : r === false ? 0 : -1; } catch { return -1; }\n}\n"
)]
extern "C" {
    #[wasm_bindgen(js_name = hostVerify)]
    fn host_verify(alg: &str, key: &[u8], msg: &[u8], sig: &[u8]) -> i32;
}

fn host_hook(
    alg: crate::crypto::SigAlg,
    key: &crate::crypto::PublicKey,
    msg: &[u8],
    sig: &[u8],
) -> Option<bool> {
    let name = match alg {
        crate::crypto::SigAlg::ES256 => "ES256",
        crate::crypto::SigAlg::ES384 => "ES384",
        _ => return None,
    };
    match host_verify(name, key.sec1()?, msg, sig) {
        1 => Some(true),
        0 => Some(false),
        _ => None,
    }
}

/// Runs at instantiation.
pub(super) fn register_host() {
    crate::crypto::host::register(host_hook);
}

/// A usage error (`TypeError` in JS) for options that do not fit their types.
fn options_usage(e: &crate::request::OptionsError) -> String {
    usage(&e.to_string())
}

/// Verifies a signed trust list. `options` is the JSON of `request::TrustListOptions`, `now`
/// included.
#[wasm_bindgen(js_name = verifyTrustList)]
pub fn verify_trust_list(options: &str, lang: &str) -> String {
    let Some(lang) = Lang::parse(lang) else {
        return usage("lang must be \"en\" or \"vi\"");
    };
    let o: crate::request::TrustListOptions = match crate::request::parse_options(options) {
        Ok(o) => o,
        Err(e) => return options_usage(&e),
    };
    let Some(now) = o.now else {
        return usage("options.now must be given");
    };
    match o.verify(now) {
        Ok(list) => json!({ "ok": true, "list": list.to_json() }),
        Err(e) => json!({ "ok": false, "error": e.to_json(lang) }),
    }
    .to_string()
}

/// Verifies an SD-JWT VC presentation. `options` is the JSON of `request::SdJwtVcOptions`.
#[wasm_bindgen(js_name = verifySdJwtVc)]
pub fn verify_sd_jwt_vc(presentation: &str, options: &str, lang: &str) -> String {
    let Some(lang) = Lang::parse(lang) else {
        return usage("lang must be \"en\" or \"vi\"");
    };
    let o: crate::request::SdJwtVcOptions = match crate::request::parse_options(options) {
        Ok(o) => o,
        Err(e) => return options_usage(&e),
    };
    match crate::request::verify_sd_jwt_vc(presentation, &o) {
        Ok(result) => json!({ "ok": true, "result": result }),
        Err(e) => json!({ "ok": false, "error": e.to_json(lang) }),
    }
    .to_string()
}

// ---- ICAO 9303 chips (issue 9 item 7): `verifyChip` ----

/// Verifies a chip hand-off (`icao9303-dump/1` JSON, docs/chip-data.md). `options` is the JSON
/// of `icao::ChipRequest` (strict: a wrong type or unknown key is a usage error naming it).
/// `{"ok":true,"result":ChipVerification}` or `{"ok":false,"error":…}`.
#[wasm_bindgen(js_name = verifyChip)]
pub fn verify_chip(dump: &str, options: &str, lang: &str) -> String {
    let Some(lang) = Lang::parse(lang) else {
        return usage("lang must be \"en\" or \"vi\"");
    };
    let o: crate::icao::ChipRequest = match crate::request::parse_options(options) {
        Ok(o) => o,
        Err(e) => return options_usage(&e),
    };
    match crate::icao::verify_chip_request(dump, &o) {
        Ok(result) => json!({ "ok": true, "result": result }),
        Err(e) => json!({ "ok": false, "error": e.to_json(lang) }),
    }
    .to_string()
}

// ---- end ICAO 9303 chips ----
