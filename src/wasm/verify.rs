//! `#[wasm_bindgen]` glue for the `verify` feature: SD-JWT VC, trust lists, and the host ECDSA hook.

use serde_json::json;
use wasm_bindgen::prelude::wasm_bindgen;

use super::usage;
use crate::Lang;

// Host ECDSA P-256 (see `jose::host`): the Node entry registers a synchronous verifier (node:crypto)
// through this module-private snippet — not a global, so page scripts cannot plant one; without
// one, or on any doubt, Rust verifies. The hook is set at instantiation, so a restarted instance
// has it too.
#[wasm_bindgen(
    inline_js = "let impl = null;\nexport function registerHostP256(f) { impl = typeof f === 'function' ? f : null; }\nexport function hostP256Verify(key, msg, sig, der) {\n  if (impl === null) return -1;\n  try { return impl(key, msg, sig, der) ? 1 : 0; } catch { return -1; }\n}\n"
)]
extern "C" {
    #[wasm_bindgen(js_name = hostP256Verify)]
    fn host_p256_verify(key: &[u8], msg: &[u8], sig: &[u8], der: bool) -> i32;
}

fn host_hook(
    key: &[u8],
    msg: &[u8],
    sig: &[u8],
    enc: crate::jose::host::SigEncoding,
) -> Option<bool> {
    match host_p256_verify(key, msg, sig, enc == crate::jose::host::SigEncoding::Der) {
        1 => Some(true),
        0 => Some(false),
        _ => None,
    }
}

/// Runs at instantiation.
#[wasm_bindgen(start)]
pub fn start() {
    crate::jose::host::set_host_p256_verifier(host_hook);
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
