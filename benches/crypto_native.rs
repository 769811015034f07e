//! Native timing of one signature verification per algorithm family, over the valid vectors of
//! `tests/data/crypto/` (the wasm figures are in `docs/benchmarks.md`, "ECDSA on the generic
//! curve code"). `cargo bench --bench crypto_native` (`ROUNDS=n` verifications per vector).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::time::Instant;

use cccd_verify::crypto::{verify, Curve, Hash, PublicKey, SigAlg, SigEncoding};
use serde_json::Value;

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn main() {
    let rounds: u32 = std::env::var("ROUNDS").map_or(20, |r| r.parse().unwrap());
    let files = [
        ("P-256", "ecdsa_p256.json", Curve::P256),
        ("P-384", "ecdsa_p384.json", Curve::P384),
        ("P-521", "ecdsa_p521.json", Curve::P521),
        (
            "brainpoolP256r1",
            "ecdsa_brainpoolp256r1.json",
            Curve::BrainpoolP256r1,
        ),
        (
            "brainpoolP384r1",
            "ecdsa_brainpoolp384r1.json",
            Curve::BrainpoolP384r1,
        ),
        (
            "brainpoolP512r1",
            "ecdsa_brainpoolp512r1.json",
            Curve::BrainpoolP512r1,
        ),
    ];
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/crypto");
    // ONLY=P-384: one curve (e.g. under `valgrind --tool=callgrind`, which counts instructions
    // where a busy machine makes times noisy).
    let only = std::env::var("ONLY").ok();
    for (name, file, curve) in files {
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        let doc: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join(file)).unwrap()).unwrap();
        let mut cases = Vec::new();
        for t in doc["tests"].as_array().unwrap() {
            if t["result"] != "valid" || t["alg"]["hash"] != hash_name(curve) {
                continue;
            }
            let key = PublicKey::from_spki_der(&hex(t["key"].as_str().unwrap())).unwrap();
            let enc = if t["encoding"] == "der" {
                SigEncoding::Der
            } else {
                SigEncoding::Raw
            };
            let alg = SigAlg::Ecdsa {
                curve,
                hash: hash(curve),
            };
            cases.push((
                alg,
                key,
                hex(t["msg"].as_str().unwrap()),
                hex(t["sig"].as_str().unwrap()),
                enc,
            ));
        }
        assert!(!cases.is_empty(), "{name}");
        let mut best = f64::MAX;
        for _ in 0..3 {
            let t = Instant::now();
            for _ in 0..rounds {
                for (alg, key, msg, sig, enc) in &cases {
                    verify(&[*alg], *alg, key, msg, sig, *enc).unwrap();
                }
            }
            let per = t.elapsed().as_secs_f64() * 1000.0 / f64::from(rounds) / cases.len() as f64;
            best = best.min(per);
        }
        println!(
            "{name:16} {best:8.3} ms per verification (best of 3, {} vectors)",
            cases.len()
        );
    }
}

fn hash(curve: Curve) -> Hash {
    match curve {
        Curve::P256 | Curve::BrainpoolP256r1 => Hash::Sha256,
        Curve::P384 | Curve::BrainpoolP384r1 => Hash::Sha384,
        _ => Hash::Sha512,
    }
}

fn hash_name(curve: Curve) -> &'static str {
    match hash(curve) {
        Hash::Sha256 => "SHA-256",
        Hash::Sha384 => "SHA-384",
        _ => "SHA-512",
    }
}
