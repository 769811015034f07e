//! The body of the `sd_jwt` fuzz target, replayed by `tests/fuzz_corpus.rs`: arbitrary text as a
//! JWS (`jose::Jws::parse` + claims, `x5c`) and as an SD-JWT VC presentation (`sd_jwt::verify`
//! with a fixed issuer key, with and without required key binding). A typed error or a result;
//! never a panic. Seeds: DEMO presentations from `tests/data/sd-jwt/`.
#![allow(dead_code)]

use cccd_verify::jose::{Algorithm, Jws, PublicKey};
use cccd_verify::sd_jwt::{verify, Budget, KeyBinding, Policy, SdAlg};
use cccd_verify::Lang;

/// The P-256 base point (the public key of private scalar 1): a fixed issuer key.
const G: &str = "046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c2964fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5";

/// Runs the body on one input; true when the issuer-signed JWT (before the first `~`) parsed as
/// a JWS.
pub fn run(data: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(data) else {
        return false;
    };
    let parsed = Jws::parse(text.split('~').next().unwrap_or_default()).is_ok();
    if let Ok(jws) = Jws::parse(text) {
        let _ = jws.claims();
        let _ = jws.x5c();
    }
    let sec1: Vec<u8> = (0..G.len())
        .step_by(2)
        .filter_map(|i| G.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()))
        .collect();
    let Ok(key) = PublicKey::p256_from_sec1(&sec1) else {
        return parsed;
    };
    for kb in [
        None,
        Some(KeyBinding {
            nonce: "n",
            audience: "origin:https://rp.example",
            max_age: 300,
        }),
    ] {
        let policy = Policy {
            algorithms: &[Algorithm::Es256],
            sd_algs: &[SdAlg::Sha256],
            key_binding: kb,
            now: 1_795_737_600,
            leeway: 60,
            accept_legacy_typ: false,
            required_claims: &["iss"],
            budget: Budget::default(),
        };
        if let Err(e) = verify(text, &key, &policy) {
            let _ = e.to_json(Lang::Vi);
        }
    }
    parsed
}
