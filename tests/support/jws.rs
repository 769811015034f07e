//! JWS and SD-JWT VC builders for the tests: ES256 / ES384 compact JWS (RFC 7515 §7.1; ECDSA
//! signatures as r‖s, RFC 7518 §3.4), disclosures and key-binding JWTs (RFC 9901 §4.2, §4.3),
//! and the one-disclosure presentation that the SD-JWT VC, trust-list and status-list tests
//! verify. ECDSA signing is RFC 6979 deterministic, so every token is byte-for-byte reproducible.
//! Included with `#[path = "support/jws.rs"] mod jws;`; not part of the library.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use cccd_verify::jose::b64::{encode_std, encode_url};
use cccd_verify::jose::PublicKey;
use cccd_verify::sd_jwt::SdAlg;
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use serde_json::{json, Value};

/// The `nonce` of the key-binding JWTs of [`presentation`].
pub const NONCE: &str = "nonce-42";
/// The `aud` of the key-binding JWTs of [`presentation`].
pub const AUD: &str = "origin:https://wallet-onboarding.example.vn";
/// The `vct` of the PID credentials.
pub const PID_VCT: &str = "urn:eudi:pid:vn:cccd:1";

/// A P-256 key whose scalar is 32 bytes of `seed` (the keys of `certs::Key::p256(seed)`).
pub fn p256_key(seed: u8) -> SigningKey {
    SigningKey::from_slice(&[seed; 32]).unwrap()
}

/// The public key of `k`, as the library holds it.
pub fn public(k: &SigningKey) -> PublicKey {
    PublicKey::from_sec1(
        cccd_verify::crypto::Curve::P256,
        k.verifying_key().to_sec1_point(false).as_bytes(),
    )
    .unwrap()
}

/// The holder of the presentations: its key is in `cnf.jwk` and signs the KB-JWT.
pub fn holder() -> SigningKey {
    p256_key(9)
}

/// Compact JWS, ES256, over `header` and `payload` as given (each base64url-encoded here).
pub fn jws_raw(k: &SigningKey, header: impl AsRef<[u8]>, payload: impl AsRef<[u8]>) -> String {
    let input = format!(
        "{}.{}",
        encode_url(header.as_ref()),
        encode_url(payload.as_ref())
    );
    let sig: Signature = k.sign(input.as_bytes());
    format!("{input}.{}", encode_url(&sig.to_bytes()))
}

/// Compact JWS, ES256, over the JSON text of `header` and `payload` as given.
pub fn jws_payload(k: &SigningKey, header: &Value, payload: impl AsRef<[u8]>) -> String {
    jws_raw(k, header.to_string(), payload)
}

/// Compact JWS, ES256, over the JSON texts of `header` and `payload`.
pub fn jws(k: &SigningKey, header: &Value, payload: &Value) -> String {
    jws_raw(k, header.to_string(), payload.to_string())
}

/// Compact JWS, ES384 (a P-384 key), over the JSON texts of `header` and `payload`.
pub fn jws_es384(k: &p384::ecdsa::SigningKey, header: &Value, payload: &Value) -> String {
    let input = format!(
        "{}.{}",
        encode_url(header.to_string().as_bytes()),
        encode_url(payload.to_string().as_bytes())
    );
    let sig: p384::ecdsa::Signature = k.sign(input.as_bytes());
    format!("{input}.{}", encode_url(&sig.to_bytes()))
}

/// A disclosure as sent (base64url of the JSON text) and its SHA-256 digest.
pub fn disclosure(content: &Value) -> (String, String) {
    let d = encode_url(content.to_string().as_bytes());
    let digest = SdAlg::Sha256.digest(&d);
    (d, digest)
}

/// A KB-JWT signed by `holder` over `presented` (the SD-JWT up to its last `~`).
pub fn kb_jwt(holder: &SigningKey, presented: &str, nonce: &str, aud: &Value, iat: i64) -> String {
    let payload =
        json!({"nonce": nonce, "aud": aud, "iat": iat, "sd_hash": SdAlg::Sha256.digest(presented)});
    jws(holder, &json!({"alg": "ES256", "typ": "kb+jwt"}), &payload)
}

/// `sd` (an SD-JWT ending in `~`) with a KB-JWT by [`holder`] for [`NONCE`] and [`AUD`] at `now`.
pub fn with_key_binding(sd: &str, now: i64) -> String {
    format!("{sd}{}", kb_jwt(&holder(), sd, NONCE, &json!(AUD), now))
}

/// An SD-JWT VC presentation signed by `issuer` with `x5c` (leaf first) in the header: claims
/// `iss`, `vct`, `iat` (`now` − 60 s), `exp` (`now` + 1 day), `given_name` selectively disclosed
/// (and presented), the [`holder`] key in `cnf`; with key binding at `now`.
pub fn presentation(
    issuer: &SigningKey,
    x5c: &[&[u8]],
    iss: impl serde::Serialize,
    vct: &str,
    now: i64,
) -> String {
    let (d, digest) = disclosure(&json!(["salt-1", "given_name", "An"]));
    let header = json!({"alg": "ES256", "typ": "dc+sd-jwt", "x5c": x5c.iter().map(|c| encode_std(c)).collect::<Vec<_>>()});
    let payload = json!({
        "iss": iss, "vct": vct, "iat": now - 60, "exp": now + 86_400,
        "_sd": [digest], "cnf": {"jwk": public(&holder()).to_jwk()},
    });
    with_key_binding(&format!("{}~{d}~", jws(issuer, &header, &payload)), now)
}
