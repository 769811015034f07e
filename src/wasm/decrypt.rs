//! `#[wasm_bindgen]` glue for the `decrypt` feature (in the verify module when built with it):
//! the request's encryption key and opening the wallet's encrypted answer (ISO 18013-7 Annex C,
//! OpenID4VP `dc_api.jwt`). Private keys cross as raw bytes; the JS layer keeps them with the
//! request state. Bytes come back base64url in the JSON.

use serde_json::json;
use wasm_bindgen::prelude::wasm_bindgen;

use super::usage;
use crate::crypto::RecipientKey;
use crate::hpke::annex_c;
use crate::jose::b64;
use crate::jose::jwe::{self, JweKey};
use crate::Lang;

fn failure(e: &crate::Error) -> String {
    json!({ "ok": false, "error": e.to_wire() }).to_string()
}

/// A new request key from `seed` (≥ 32 random bytes from `crypto.getRandomValues`): its private
/// scalar, its OpenID4VP `client_metadata` (JWK with `kid`, both `enc` values) and the Annex C
/// `encryptionInfo` for `nonce`.
#[wasm_bindgen(js_name = newEncryptionKey)]
pub fn new_encryption_key(seed: &[u8], nonce: &[u8], kid: &str, lang: &str) -> String {
    if Lang::parse(lang).is_none() {
        return usage("lang must be \"en\" or \"vi\"");
    }
    match RecipientKey::derive(seed) {
        Ok(key) => json!({
            "ok": true,
            "privateKey": b64::encode_url(&key.private_bytes()),
            "clientMetadata": jwe::client_metadata(&key, kid),
            "thumbprint": key.public_key().thumbprint(),
            "encryptionInfo": annex_c::encryption_info_b64(nonce, &key),
        })
        .to_string(),
        Err(e) => failure(&e),
    }
}

/// Opens an `org-iso-mdoc` `response` with the request's private key and SessionTranscript
/// bytes: `{ ok, deviceResponse }` (base64url CBOR).
#[wasm_bindgen(js_name = openAnnexCResponse)]
pub fn open_annex_c_response(
    response: &str,
    private_key: &[u8],
    session_transcript: &[u8],
    encryption_required: bool,
    lang: &str,
) -> String {
    if Lang::parse(lang).is_none() {
        return usage("lang must be \"en\" or \"vi\"");
    }
    let opened = RecipientKey::from_private_bytes(private_key).and_then(|key| {
        annex_c::open_response(response, &key, session_transcript, encryption_required)
    });
    match opened {
        Ok(bytes) => json!({ "ok": true, "deviceResponse": b64::encode_url(&bytes) }).to_string(),
        Err(e) => failure(&e),
    }
}

/// Reads the JSON of `credential.data` of an OpenID4VP answer: `{ ok, response }` with the
/// authorization response parameters. An empty `private_key` means none (a `dc_api` request);
/// an empty `kid`, none.
#[wasm_bindgen(js_name = openOpenId4VpResponse)]
pub fn open_openid4vp_response(
    data: &str,
    private_key: &[u8],
    kid: &str,
    encryption_required: bool,
    lang: &str,
) -> String {
    if Lang::parse(lang).is_none() {
        return usage("lang must be \"en\" or \"vi\"");
    }
    let key = if private_key.is_empty() {
        None
    } else {
        match RecipientKey::from_private_bytes(private_key) {
            Ok(k) => Some(k),
            Err(e) => return failure(&e),
        }
    };
    let jwe_key = key.as_ref().map(|key| JweKey {
        key,
        kid: (!kid.is_empty()).then_some(kid),
    });
    match jwe::open_authorization_response(data, jwe_key, encryption_required) {
        Ok(params) => json!({ "ok": true, "response": params }).to_string(),
        Err(e) => failure(&e),
    }
}
