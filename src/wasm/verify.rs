//! `#[wasm_bindgen]` glue for the `verify` feature: SD-JWT VC, trust lists, the host ECDSA hook,
//! and (with `mdoc`) ISO 18013-5 DeviceResponses and VICALs.

use wasm_bindgen::prelude::wasm_bindgen;

#[cfg(feature = "chip")]
use super::to_value;
use super::{failure, result, usage};
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

/// `{"ok":true,"result":…}` for a result already written as JSON text (what [`result`] writes
/// for the same value: `ok` sorts before `result`).
#[cfg(feature = "mdoc")]
fn result_text(json: &str) -> String {
    let mut s = String::from("{\"ok\":true,\"result\":");
    s.push_str(json);
    s.push('}');
    s
}

/// A usage error (`TypeError` in JS) for options that do not fit their types.
fn options_usage(e: &crate::request::OptionsError) -> String {
    usage(&e.to_string())
}

/// Verifies a signed trust list. `options` is the JSON of `request::TrustListOptions`, `now`
/// included.
#[wasm_bindgen(js_name = verifyTrustList)]
pub fn verify_trust_list(options: &str, lang: &str) -> String {
    if Lang::parse(lang).is_none() {
        return usage("lang must be \"en\" or \"vi\"");
    }
    let o: crate::request::TrustListOptions = match crate::request::parse_options(options) {
        Ok(o) => o,
        Err(e) => return options_usage(&e),
    };
    let Some(now) = o.now else {
        return usage("options.now must be given");
    };
    match o.verify(now) {
        Ok(list) => result(true, [("list", list.to_json())]),
        Err(e) => failure(&e),
    }
}

/// Verifies an SD-JWT VC presentation. `options` is the JSON of `request::SdJwtVcOptions`.
#[wasm_bindgen(js_name = verifySdJwtVc)]
pub fn verify_sd_jwt_vc(presentation: &str, options: &str, lang: &str) -> String {
    if Lang::parse(lang).is_none() {
        return usage("lang must be \"en\" or \"vi\"");
    }
    let o: crate::request::SdJwtVcOptions = match crate::request::parse_options(options) {
        Ok(o) => o,
        Err(e) => return options_usage(&e),
    };
    match crate::request::verify_sd_jwt_vc(presentation, &o) {
        Ok(r) => result(true, [("result", r)]),
        Err(e) => failure(&e),
    }
}

/// Verifies an mdoc DeviceResponse (CBOR bytes). `options` is the JSON of
/// `mdoc::request::MdocOptions`; the result is the `VerifiedDeviceResponse` JSON.
#[cfg(feature = "mdoc")]
#[wasm_bindgen(js_name = verifyMdoc)]
pub fn verify_mdoc(response: &[u8], options: &str, lang: &str) -> String {
    if Lang::parse(lang).is_none() {
        return usage("lang must be \"en\" or \"vi\"");
    }
    let o: crate::mdoc::request::MdocOptions = match crate::request::parse_options(options) {
        Ok(o) => o,
        Err(e) => return options_usage(&e),
    };
    match crate::mdoc::request::verify_mdoc(response, &o) {
        Ok(r) => result_text(&r.to_wire_json()),
        Err(e) => failure(&e),
    }
}

/// Verifies a VICAL (COSE_Sign1 bytes). `options` is the JSON of
/// `mdoc::request::VicalOptions` without `vical`, `now` included; the result is its summary.
#[cfg(feature = "mdoc")]
#[wasm_bindgen(js_name = verifyVical)]
pub fn verify_vical(bytes: &[u8], options: &str, lang: &str) -> String {
    if Lang::parse(lang).is_none() {
        return usage("lang must be \"en\" or \"vi\"");
    }
    let o: crate::mdoc::request::VicalOptions = match crate::request::parse_options(options) {
        Ok(o) => o,
        Err(e) => return options_usage(&e),
    };
    let Some(now) = o.now else {
        return usage("options.now must be given");
    };
    if o.vical.is_some() {
        return usage("options.vical: the VICAL is the first argument");
    }
    match o.verify_bytes(bytes, now) {
        // `{"list":…,"ok":true}`, as `result` orders the members.
        Ok(list) => {
            let mut s = String::from("{\"list\":");
            s.push_str(&list.wire().to_wire_json());
            s.push_str(",\"ok\":true}");
            s
        }
        Err(e) => failure(&e),
    }
}

// ---- ICAO 9303 chips (issue 9 item 7): `verifyChip` ----

/// Verifies a chip hand-off (`icao9303-dump/1` JSON, docs/chip-data.md). `options` is the JSON
/// of `icao::ChipRequest` (strict: a wrong type or unknown key is a usage error naming it).
/// `{"ok":true,"result":ChipVerification}` or `{"ok":false,"error":…}`.
#[cfg(feature = "chip")]
#[wasm_bindgen(js_name = verifyChip)]
pub fn verify_chip(dump: &str, options: &str, lang: &str) -> String {
    if Lang::parse(lang).is_none() {
        return usage("lang must be \"en\" or \"vi\"");
    }
    let o: crate::icao::ChipRequest = match crate::request::parse_options(options) {
        Ok(o) => o,
        Err(e) => return options_usage(&e),
    };
    match crate::icao::verify_chip_request(dump, &o) {
        Ok(r) => result(true, [("result", to_value(&r))]),
        Err(e) => failure(&e),
    }
}

// ---- end ICAO 9303 chips ----

/// A Digital Credentials API request (`src/dcapi/`): `options` is the JSON of
/// `dcapi::RequestOptions`, `random` at least `dcapi::MIN_RANDOM_LEN` bytes from the JS layer's
/// `crypto.getRandomValues`. The result carries `request` (the `digital` member of
/// `navigator.credentials.get`) and `state` (secret: the request's private keys), both JSON text.
#[cfg(feature = "dcapi")]
#[wasm_bindgen(js_name = createCredentialRequest)]
pub fn create_credential_request(options: &str, random: &[u8], lang: &str) -> String {
    if Lang::parse(lang).is_none() {
        return usage("lang must be \"en\" or \"vi\"");
    }
    match crate::dcapi::create_credential_request(options, random) {
        Ok((request, state)) => {
            result(true, [("request", request.into()), ("state", state.into())])
        }
        Err(e) => flow_failure(&e),
    }
}

/// Verifies a wallet's answer (`credential`: the JSON of the `DigitalCredential`'s `{ protocol,
/// data }`) against the request `state` (JSON) under `options` (the JSON of
/// `dcapi::ResponseOptions`); the result is the `VerifiedCredentialResponse` JSON text.
#[cfg(feature = "dcapi")]
#[wasm_bindgen(js_name = verifyCredentialResponse)]
pub fn verify_credential_response(
    credential: &str,
    state: &str,
    options: &str,
    lang: &str,
) -> String {
    if Lang::parse(lang).is_none() {
        return usage("lang must be \"en\" or \"vi\"");
    }
    match crate::dcapi::verify_credential_response_typed(credential, state, options) {
        Ok(r) => result_text(&r.to_wire_json()),
        Err(e) => flow_failure(&e),
    }
}

#[cfg(feature = "dcapi")]
fn flow_failure(e: &crate::dcapi::FlowError) -> String {
    match e {
        crate::dcapi::FlowError::Options(o) => options_usage(o),
        crate::dcapi::FlowError::Failed(e) => failure(e),
    }
}
