//! `crypto::verify` against the independently built vectors in tests/data/crypto/ (made with the
//! OpenSSL CLI by tools/crypto-vectors/gen.py) and against the published examples of the specs.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::expect_used
)]

use std::path::Path;

use cccd_verify::crypto::{verify, CryptoError, Curve, Hash, PublicKey, SigAlg, SigEncoding};
use serde_json::Value;

fn hex(s: &str) -> Vec<u8> {
    assert!(s.len() % 2 == 0, "odd hex: {s}");
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn hash(name: &str) -> Hash {
    match name {
        "SHA-1" => Hash::Sha1,
        "SHA-224" => Hash::Sha224,
        "SHA-256" => Hash::Sha256,
        "SHA-384" => Hash::Sha384,
        "SHA-512" => Hash::Sha512,
        _ => panic!("hash {name}"),
    }
}

fn curve(name: &str) -> Curve {
    match name {
        "P-256" => Curve::P256,
        "P-384" => Curve::P384,
        "P-521" => Curve::P521,
        "brainpoolP256r1" => Curve::BrainpoolP256r1,
        "brainpoolP384r1" => Curve::BrainpoolP384r1,
        "brainpoolP512r1" => Curve::BrainpoolP512r1,
        "explicit" => Curve::Explicit,
        _ => panic!("curve {name}"),
    }
}

fn alg(v: &Value) -> SigAlg {
    if let Some(c) = v.get("ecdsa").and_then(Value::as_str) {
        return SigAlg::Ecdsa {
            curve: curve(c),
            hash: hash(v["hash"].as_str().unwrap()),
        };
    }
    if v.get("eddsa").and_then(Value::as_str) == Some("Ed25519") {
        return SigAlg::Ed25519;
    }
    match v.get("rsa").and_then(Value::as_str) {
        Some("pkcs1") => SigAlg::RsaPkcs1v15 {
            hash: hash(v["hash"].as_str().unwrap()),
        },
        Some("pss") => SigAlg::RsaPss {
            hash: hash(v["hash"].as_str().unwrap()),
            salt_len: u16::try_from(v["salt"].as_u64().unwrap()).unwrap(),
        },
        _ => panic!("algorithm {v}"),
    }
}

fn error(name: &str) -> CryptoError {
    match name {
        "AlgorithmNotAllowed" => CryptoError::AlgorithmNotAllowed,
        "AlgorithmDisabled" => CryptoError::AlgorithmDisabled,
        "AlgorithmUnsupported" => CryptoError::AlgorithmUnsupported,
        "KeyMismatch" => CryptoError::KeyMismatch,
        "KeyInvalid" => CryptoError::KeyInvalid,
        "KeyUnsupported" => CryptoError::KeyUnsupported,
        "SignatureMalformed" => CryptoError::SignatureMalformed,
        "SignatureInvalid" => CryptoError::SignatureInvalid,
        _ => panic!("error {name}"),
    }
}

/// Runs one vector file; returns (valid, invalid) counts.
fn run_file(path: &Path) -> (usize, usize) {
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let (mut valid, mut invalid) = (0, 0);
    for t in doc["tests"].as_array().unwrap() {
        let id = format!("{} #{} {}", path.display(), t["id"], t["comment"]);
        let alg = alg(&t["alg"]);
        let expected = match t["result"].as_str().unwrap() {
            "valid" => Ok(()),
            e => Err(error(e)),
        };
        let key = PublicKey::from_spki_der(&hex(t["key"].as_str().unwrap()));
        let (msg, sig) = (
            hex(t["msg"].as_str().unwrap()),
            hex(t["sig"].as_str().unwrap()),
        );
        let encoding = match t["encoding"].as_str().unwrap() {
            "der" => SigEncoding::Der,
            "raw" => SigEncoding::Raw,
            e => panic!("encoding {e}"),
        };
        if !alg.enabled() {
            // Built without the algorithm's feature: refused, never a panic.
            if let Ok(key) = &key {
                assert_eq!(
                    verify(&[alg], alg, key, &msg, &sig, encoding),
                    Err(CryptoError::AlgorithmDisabled),
                    "{id}"
                );
            }
            continue;
        }
        if t.get("key_error").and_then(Value::as_bool) == Some(true) {
            assert_eq!(key.as_ref().err(), expected.err().as_ref(), "{id}");
            invalid += 1;
            continue;
        }
        let key = key.unwrap_or_else(|e| panic!("{id}: key {e:?}"));
        let got = verify(&[alg], alg, &key, &msg, &sig, encoding);
        assert_eq!(got, expected, "{id}");
        if expected.is_ok() {
            valid += 1;
            // Each vector is behind the allow-list: without its algorithm in it, refused first.
            let others: Vec<SigAlg> = [
                SigAlg::ES256,
                SigAlg::ES384,
                SigAlg::ES512,
                SigAlg::RS256,
                SigAlg::PS256,
                SigAlg::Ed25519,
            ]
            .into_iter()
            .filter(|&a| a != alg)
            .collect();
            assert_eq!(
                verify(&others, alg, &key, &msg, &sig, encoding),
                Err(CryptoError::AlgorithmNotAllowed),
                "{id}"
            );
        } else {
            invalid += 1;
        }
    }
    (valid, invalid)
}

#[test]
fn every_vector_file_passes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/crypto");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .filter(|p| !p.ends_with("x509_certificates.json"))
        .collect();
    files.sort();
    assert!(files.len() >= 11, "{files:?}");
    for f in files {
        let (valid, invalid) = run_file(&f);
        eprintln!("{}: {valid} valid, {invalid} invalid", f.display());
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        // In a build with every algorithm, each file has real coverage.
        if cfg!(feature = "crypto-all") {
            let (min_valid, min_invalid) = if name == "ed25519.json" {
                (5, 10)
            } else {
                (10, 20)
            };
            assert!(
                valid >= min_valid && invalid >= min_invalid,
                "{name}: {valid}/{invalid}"
            );
        }
    }
}

#[test]
fn high_s_policy_is_accept() {
    // Documented policy (crypto module docs): the (r, n - s) twin of a valid signature is
    // accepted, like OpenSSL. The vector files carry such cases; this checks one is present.
    let doc: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/crypto/ecdsa_p256.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let high_s = doc["tests"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["comment"].as_str().unwrap().starts_with("high-s"))
        .count();
    assert!(high_s >= 1);
}

#[test]
fn raw_key_constructors_agree_with_spki() {
    let doc: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/crypto/ecdsa_p256.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let spki = hex(doc["tests"][0]["key"].as_str().unwrap());
    let key = PublicKey::from_spki_der(&spki).unwrap();
    let point = key.sec1().unwrap();
    assert_eq!(point.len(), 65);
    let (x, y) = point[1..].split_at(32);
    assert_eq!(
        PublicKey::from_ec_coordinates(Curve::P256, x, y).unwrap(),
        key
    );
    // The compressed form reads as the same key.
    let mut compressed = vec![2 + (y[31] & 1)];
    compressed.extend_from_slice(x);
    assert_eq!(PublicKey::from_sec1(Curve::P256, &compressed).unwrap(), key);
    // Wrong coordinate lengths, the identity, garbage.
    assert_eq!(
        PublicKey::from_ec_coordinates(Curve::P256, &x[1..], y),
        Err(CryptoError::KeyInvalid)
    );
    assert_eq!(
        PublicKey::from_sec1(Curve::P256, &[0]),
        Err(CryptoError::KeyInvalid)
    );
    // SPKI with trailing bytes, truncated, unknown algorithm.
    let mut trailing = spki.clone();
    trailing.push(0);
    assert_eq!(
        PublicKey::from_spki_der(&trailing),
        Err(CryptoError::KeyInvalid)
    );
    assert_eq!(
        PublicKey::from_spki_der(&spki[..spki.len() - 1]),
        Err(CryptoError::KeyInvalid)
    );
}

/// RFC 8032 §7.1 TEST 1 and TEST 2 (Ed25519): public key, message, signature.
#[test]
fn rfc8032_ed25519_examples() {
    let cases = [
        (
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            "",
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
        ),
        (
            "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
            "72",
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
        ),
    ];
    for (pk, msg, sig) in cases {
        let key = PublicKey::from_ed25519(&hex(pk)).unwrap();
        let (msg, sig) = (hex(msg), hex(sig));
        let ed = [SigAlg::Ed25519];
        let expected = if SigAlg::Ed25519.enabled() {
            Ok(())
        } else {
            Err(CryptoError::AlgorithmDisabled)
        };
        assert_eq!(
            verify(&ed, SigAlg::Ed25519, &key, &msg, &sig, SigEncoding::Raw),
            expected
        );
        if SigAlg::Ed25519.enabled() {
            let mut bad = msg.clone();
            bad.push(0);
            assert_eq!(
                verify(&ed, SigAlg::Ed25519, &key, &bad, &sig, SigEncoding::Raw),
                Err(CryptoError::SignatureInvalid)
            );
        }
        assert_eq!(
            verify(&[], SigAlg::Ed25519, &key, &msg, &sig, SigEncoding::Raw),
            Err(CryptoError::AlgorithmNotAllowed)
        );
    }
}

/// Self-signed certificates from `openssl req -x509`: the algorithm comes from the certificate's
/// signatureAlgorithm (`SigAlg::from_algorithm_identifier`), the key from its SPKI.
#[test]
fn x509_certificate_signatures() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/crypto/x509_certificates.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut checked = 0;
    for t in doc["tests"].as_array().unwrap() {
        let id = format!("#{} {}", t["id"], t["comment"]);
        let h = |k: &str| hex(t[k].as_str().unwrap());
        let key = match PublicKey::from_spki_der(&h("key")) {
            Ok(k) => k,
            Err(e) => {
                // Only a build without the key's algorithm family may fail to read it.
                let all = cfg!(feature = "crypto-all");
                assert!(!all, "{id}: {e:?}");
                assert_eq!(e, CryptoError::KeyUnsupported, "{id}");
                continue;
            }
        };
        let alg = SigAlg::from_algorithm_identifier(&h("algorithm_identifier"), &key)
            .unwrap_or_else(|e| panic!("{id}: {e:?}"));
        let got = verify(&[alg], alg, &key, &h("tbs"), &h("sig"), SigEncoding::Der);
        if !alg.enabled() {
            assert_eq!(got, Err(CryptoError::AlgorithmDisabled), "{id}");
            continue;
        }
        let expected = match t["result"].as_str().unwrap() {
            "valid" => Ok(()),
            e => Err(error(e)),
        };
        assert_eq!(got, expected, "{id}");
        checked += 1;
    }
    if cfg!(feature = "crypto-all") {
        assert_eq!(checked, doc["tests"].as_array().unwrap().len());
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

    /// Arbitrary bytes as a key, an algorithm identifier or a signature: a typed error or a
    /// result, never a panic.
    #[test]
    fn arbitrary_input_never_panics(data in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..600)) {
        let _ = PublicKey::from_spki_der(&data);
        for curve in [Curve::P256, Curve::P384, Curve::P521, Curve::BrainpoolP256r1, Curve::BrainpoolP512r1] {
            let _ = PublicKey::from_sec1(curve, &data);
        }
        let _ = PublicKey::from_rsa_components(&data, &[1, 0, 1]);
        let _ = PublicKey::from_ed25519(&data);
        let doc: Value = serde_json::from_str(
            &std::fs::read_to_string(
                Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/crypto/x509_certificates.json"),
            )
            .unwrap(),
        )
        .unwrap();
        for t in doc["tests"].as_array().unwrap().iter().step_by(2) {
            let Ok(key) = PublicKey::from_spki_der(&hex(t["key"].as_str().unwrap())) else {
                continue;
            };
            let _ = SigAlg::from_algorithm_identifier(&data, &key);
            if let Ok(alg) = SigAlg::from_algorithm_identifier(&hex(t["algorithm_identifier"].as_str().unwrap()), &key) {
                for enc in [SigEncoding::Der, SigEncoding::Raw] {
                    let r = verify(&[alg], alg, &key, b"m", &data, enc);
                    proptest::prop_assert!(r.is_err());
                }
            }
        }
    }
}

type Vector = (SigAlg, Vec<u8>, Vec<u8>, Vec<u8>, SigEncoding);

/// Every valid vector (algorithm, key, message, signature, encoding), for mutation.
fn valid_vectors() -> &'static [Vector] {
    static ALL: std::sync::OnceLock<Vec<Vector>> = std::sync::OnceLock::new();
    ALL.get_or_init(load_valid_vectors)
}

fn load_valid_vectors() -> Vec<Vector> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/crypto");
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.ends_with("x509_certificates.json") || p.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
        for t in doc["tests"].as_array().unwrap() {
            if t["result"] == "valid" {
                let enc = if t["encoding"] == "der" {
                    SigEncoding::Der
                } else {
                    SigEncoding::Raw
                };
                let h = |k: &str| hex(t[k].as_str().unwrap());
                out.push((alg(&t["alg"]), h("key"), h("msg"), h("sig"), enc));
            }
        }
    }
    out
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    /// A valid vector with one byte of its key or signature changed, or either truncated: a
    /// typed error (or, for a key byte that does not matter, success), never a panic.
    #[test]
    fn mutated_vectors_never_panic(pick in 0usize..10_000, at in 0usize..10_000, xor in 1u8..=255, cut in proptest::prelude::any::<bool>(), in_key in proptest::prelude::any::<bool>()) {
        let all = valid_vectors();
        let (alg, mut key, msg, mut sig, enc) = all[pick % all.len()].clone();
        let target = if in_key { &mut key } else { &mut sig };
        let i = at % target.len();
        if cut { target.truncate(i) } else { target[i] ^= xor }
        if let Ok(k) = PublicKey::from_spki_der(&key) {
            let r = verify(&[alg], alg, &k, &msg, &sig, enc);
            if !in_key {
                proptest::prop_assert!(r.is_err() || !alg.enabled());
            }
        }
    }
}
