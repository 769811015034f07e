//! ECDSA verification timed in WebAssembly (`docs/benchmarks.md`, "ECDSA on the generic curve
//! code"): the valid vectors of `tests/data/crypto/` for one curve, verified `rounds` times by
//! `crypto::verify` inside wasm, timed by `tools/crypto-bench/run.mjs` under Node.
//!
//! `tools/crypto-bench/run.sh` builds it (this crate, a cdylib for
//! wasm32-unknown-unknown, release profile as the shipped modules) and runs it.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, missing_docs)]

#[cfg(target_arch = "wasm32")]
mod bench {
    use cccd_verify::crypto::{verify, PublicKey, SigAlg, SigEncoding};
    use serde_json::Value;
    use wasm_bindgen::prelude::wasm_bindgen;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    type Case = (SigAlg, PublicKey, Vec<u8>, Vec<u8>, SigEncoding);

    fn cases(file: &str, hash: &str) -> Vec<Case> {
        let text = match file {
            "P-256" => include_str!("../../tests/data/crypto/ecdsa_p256.json"),
            "P-384" => include_str!("../../tests/data/crypto/ecdsa_p384.json"),
            "P-521" => include_str!("../../tests/data/crypto/ecdsa_p521.json"),
            "brainpoolP256r1" => include_str!("../../tests/data/crypto/ecdsa_brainpoolp256r1.json"),
            "brainpoolP384r1" => include_str!("../../tests/data/crypto/ecdsa_brainpoolp384r1.json"),
            _ => include_str!("../../tests/data/crypto/ecdsa_brainpoolp512r1.json"),
        };
        let doc: Value = serde_json::from_str(text).unwrap();
        let mut out = Vec::new();
        for t in doc["tests"].as_array().unwrap() {
            if t["result"] != "valid" || t["alg"]["hash"] != hash {
                continue;
            }
            let key = PublicKey::from_spki_der(&hex(t["key"].as_str().unwrap())).unwrap();
            let cccd_verify::crypto::KeyKind::Ec(curve) = key.kind() else {
                continue;
            };
            let h = match hash {
                "SHA-256" => cccd_verify::crypto::Hash::Sha256,
                "SHA-384" => cccd_verify::crypto::Hash::Sha384,
                _ => cccd_verify::crypto::Hash::Sha512,
            };
            let enc = if t["encoding"] == "der" {
                SigEncoding::Der
            } else {
                SigEncoding::Raw
            };
            out.push((
                SigAlg::Ecdsa { curve, hash: h },
                key,
                hex(t["msg"].as_str().unwrap()),
                hex(t["sig"].as_str().unwrap()),
                enc,
            ));
        }
        out
    }

    /// Verifies every valid vector of `curve` with `hash`, `rounds` times; returns how many
    /// verifications succeeded (all of them, or the benchmark is void).
    #[wasm_bindgen]
    pub fn run(curve: &str, hash: &str, rounds: u32) -> u32 {
        let cases = cases(curve, hash);
        let mut ok = 0;
        for _ in 0..rounds {
            for (alg, key, msg, sig, enc) in &cases {
                if verify(&[*alg], *alg, key, msg, sig, *enc).is_ok() {
                    ok += 1;
                }
            }
        }
        ok
    }

    /// Every vector of the ECDSA and RSA files (valid and invalid, every hash) checked against its
    /// expected outcome in wasm (32-bit limbs there, 64-bit in the native tests); returns the
    /// ids that differ, empty when all agree.
    #[wasm_bindgen]
    pub fn check() -> String {
        let mut wrong = Vec::new();
        for (curve, text) in [
            (
                "P-256",
                include_str!("../../tests/data/crypto/ecdsa_p256.json"),
            ),
            (
                "P-384",
                include_str!("../../tests/data/crypto/ecdsa_p384.json"),
            ),
            (
                "P-521",
                include_str!("../../tests/data/crypto/ecdsa_p521.json"),
            ),
            (
                "bp256",
                include_str!("../../tests/data/crypto/ecdsa_brainpoolp256r1.json"),
            ),
            (
                "bp384",
                include_str!("../../tests/data/crypto/ecdsa_brainpoolp384r1.json"),
            ),
            (
                "bp512",
                include_str!("../../tests/data/crypto/ecdsa_brainpoolp512r1.json"),
            ),
            (
                "secp160r1",
                include_str!("../../tests/data/crypto/ecdsa_explicit_secp160r1.json"),
            ),
            (
                "secp224r1",
                include_str!("../../tests/data/crypto/ecdsa_explicit_secp224r1.json"),
            ),
            (
                "secp256k1",
                include_str!("../../tests/data/crypto/ecdsa_explicit_secp256k1.json"),
            ),
            ("rsa", include_str!("../../tests/data/crypto/rsa.json")),
        ] {
            let doc: Value = serde_json::from_str(text).unwrap();
            for t in doc["tests"].as_array().unwrap() {
                let expected = t["result"].as_str().unwrap_or("");
                let key = PublicKey::from_spki_der(&hex(t["key"].as_str().unwrap()));
                let got = match key {
                    Err(e) => format!("{e:?}"),
                    Ok(key) => {
                        let c = match key.kind() {
                            cccd_verify::crypto::KeyKind::Ec(c) => c,
                            _ => cccd_verify::crypto::Curve::Explicit,
                        };
                        let h = match t["alg"]["hash"].as_str().unwrap_or("") {
                            "SHA-1" => cccd_verify::crypto::Hash::Sha1,
                            "SHA-224" => cccd_verify::crypto::Hash::Sha224,
                            "SHA-256" => cccd_verify::crypto::Hash::Sha256,
                            "SHA-384" => cccd_verify::crypto::Hash::Sha384,
                            _ => cccd_verify::crypto::Hash::Sha512,
                        };
                        let named = t["alg"]["ecdsa"].as_str().unwrap_or("");
                        // The vector's algorithm names the curve; a key on another curve is
                        // KeyMismatch, as in tests/crypto.rs.
                        let c = match named {
                            "P-256" => cccd_verify::crypto::Curve::P256,
                            "P-384" => cccd_verify::crypto::Curve::P384,
                            "P-521" => cccd_verify::crypto::Curve::P521,
                            "brainpoolP256r1" => cccd_verify::crypto::Curve::BrainpoolP256r1,
                            "brainpoolP384r1" => cccd_verify::crypto::Curve::BrainpoolP384r1,
                            "brainpoolP512r1" => cccd_verify::crypto::Curve::BrainpoolP512r1,
                            "explicit" => cccd_verify::crypto::Curve::Explicit,
                            _ => c,
                        };
                        let alg = match t["alg"]["rsa"].as_str() {
                            Some("pkcs1") => SigAlg::RsaPkcs1v15 { hash: h },
                            Some("pss") => SigAlg::RsaPss {
                                hash: h,
                                salt_len: u16::try_from(t["alg"]["salt"].as_u64().unwrap_or(0))
                                    .unwrap_or(0),
                            },
                            _ => SigAlg::Ecdsa { curve: c, hash: h },
                        };
                        let enc = if t["encoding"] == "der" {
                            SigEncoding::Der
                        } else {
                            SigEncoding::Raw
                        };
                        let msg = hex(t["msg"].as_str().unwrap());
                        let sig = hex(t["sig"].as_str().unwrap());
                        match verify(&[alg], alg, &key, &msg, &sig, enc) {
                            Ok(()) => "valid".to_owned(),
                            Err(e) => format!("{e:?}"),
                        }
                    }
                };
                if got != expected {
                    wrong.push(format!("{curve} #{}: {got} != {expected}", t["id"]));
                }
            }
        }
        wrong.join("; ")
    }

    /// `rounds` P-256 key agreements (`RecipientKey::agree`, the secret-scalar path) and as
    /// many key generations (`RecipientKey::from_private_bytes`, d·G); returns the XOR of the
    /// shared secrets' first bytes (so nothing is optimised away).
    #[wasm_bindgen]
    pub fn ecdh(rounds: u32) -> u32 {
        use cccd_verify::crypto::RecipientKey;
        let a = RecipientKey::from_private_bytes(&[0x21; 32]).unwrap();
        let peer = RecipientKey::from_private_bytes(&[0x42; 32])
            .unwrap()
            .public_sec1();
        let mut acc = 0u32;
        for i in 0..rounds {
            acc ^= u32::from(a.agree(&peer).unwrap()[0]);
            let mut d = [0x11u8; 32];
            d[31] = i.to_le_bytes()[0];
            acc ^= u32::from(RecipientKey::from_private_bytes(&d).unwrap().public_sec1()[1]);
        }
        acc
    }

    /// How many vectors one round verifies.
    #[wasm_bindgen]
    pub fn count(curve: &str, hash: &str) -> u32 {
        u32::try_from(cases(curve, hash).len()).unwrap_or(0)
    }
}
