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

/// One RFC 6979 appendix A.2 key: the private key (to cross-check the public one with an
/// independent implementation), the public point, and `(hash, message, r, s)` signatures.
struct Rfc6979 {
    curve: Curve,
    x: &'static str,
    ux: &'static str,
    uy: &'static str,
    sigs: &'static [(Hash, &'static str, &'static str, &'static str)],
}

/// RFC 6979 A.2.6 (P-384) and A.2.7 (P-521): deterministic ECDSA signatures, published with
/// their keys; the numbers are the RFC's.
const RFC6979: &[Rfc6979] = &[
    Rfc6979 {
        curve: Curve::P384,
        x: "6b9d3dad2e1b8c1c05b19875b6659f4de23c3b667bf297ba9aa47740787137d896d5724e4c70a825f872c9ea60d2edf5",
        ux: "ec3a4e415b4e19a4568618029f427fa5da9a8bc4ae92e02e06aae5286b300c64def8f0ea9055866064a254515480bc13",
        uy: "8015d9b72d7d57244ea8ef9ac0c621896708a59367f9dfb9f54ca84b3f1c9db1288b231c3ae0d4fe7344fd2533264720",
        sigs: &[
            (
                Hash::Sha384,
                "sample",
                "94edbb92a5ecb8aad4736e56c691916b3f88140666ce9fa73d64c4ea95ad133c81a648152e44acf96e36dd1e80fabe46",
                "99ef4aeb15f178cea1fe40db2603138f130e740a19624526203b6351d0a3a94fa329c145786e679e7b82c71a38628ac8",
            ),
            (
                Hash::Sha384,
                "test",
                "8203b63d3c853e8d77227fb377bcf7b7b772e97892a80f36ab775d509d7a5feb0542a7f0812998da8f1dd3ca3cf023db",
                "ddd0760448d42d8a43af45af836fce4de8be06b485e9b61b827c2f13173923e06a739f040649a667bf3b828246baa5a5",
            ),
            (
                Hash::Sha256,
                "sample",
                "21b13d1e013c7fa1392d03c5f99af8b30c570c6f98d4ea8e354b63a21d3daa33bde1e888e63355d92fa2b3c36d8fb2cd",
                "f3aa443fb107745bf4bd77cb3891674632068a10ca67e3d45db2266fa7d1feebefdc63eccd1ac42ec0cb8668a4fa0ab0",
            ),
            (
                Hash::Sha512,
                "sample",
                "ed0959d5880ab2d869ae7f6c2915c6d60f96507f9cb3e047c0046861da4a799cfe30f35cc900056d7c99cd7882433709",
                "512c8cceee3890a84058ce1e22dbc2198f42323ce8aca9135329f03c068e5112dc7cc3ef3446defceb01a45c2667fdd5",
            ),
        ],
    },
    Rfc6979 {
        curve: Curve::P521,
        x: "00fad06daa62ba3b25d2fb40133da757205de67f5bb0018fee8c86e1b68c7e75caa896eb32f1f47c70855836a6d16fcc1466f6d8fbec67db89ec0c08b0e996b83538",
        ux: "01894550d0785932e00eaa23b694f213f8c3121f86dc97a04e5a7167db4e5bcd371123d46e45db6b5d5370a7f20fb633155d38ffa16d2bd761dcac474b9a2f5023a4",
        uy: "00493101c962cd4d2fddf782285e64584139c2f91b47f87ff82354d6630f746a28a0db25741b5b34a828008b22acc23f924faafbd4d33f81ea66956dfeaa2bfdfcf5",
        sigs: &[
            (
                Hash::Sha512,
                "sample",
                "00c328fafcbd79dd77850370c46325d987cb525569fb63c5d3bc53950e6d4c5f174e25a1ee9017b5d450606add152b534931d7d4e8455cc91f9b15bf05ec36e377fa",
                "00617cce7cf5064806c467f678d3b4080d6f1cc50af26ca209417308281b68af282623eaa63e5b5c0723d8b8c37ff0777b1a20f8ccb1dccc43997f1ee0e44da4a67a",
            ),
            (
                Hash::Sha512,
                "test",
                "013e99020abf5cee7525d16b69b229652ab6bdf2affcaef38773b4b7d08725f10cdb93482fdcc54edcee91eca4166b2a7c6265ef0ce2bd7051b7cef945babd47ee6d",
                "01fbd0013c674aa79cb39849527916ce301c66ea7ce8b80682786ad60f98f7e78a19ca69eff5c57400e3b3a0ad66ce0978214d13baf4e9ac60752f7b155e2de4dce3",
            ),
            (
                Hash::Sha256,
                "sample",
                "01511bb4d675114fe266fc4372b87682baecc01d3cc62cf2303c92b3526012659d16876e25c7c1e57648f23b73564d67f61c6f14d527d54972810421e7d87589e1a7",
                "004a171143a83163d6df460aaf61522695f207a58b95c0644d87e52aa1a347916e4f7a72930b1bc06dbe22ce3f58264afd23704cbb63b29b931f7de6c9d949a7ecfc",
            ),
        ],
    },
];

fn sec1(ux: &str, uy: &str) -> Vec<u8> {
    let mut p = vec![4];
    p.extend(hex(ux));
    p.extend(hex(uy));
    p
}

/// The order n of the curve, big-endian (fixed width, as in a raw signature).
fn order(curve: Curve) -> Vec<u8> {
    hex(match curve {
        Curve::P384 => "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973",
        _ => "01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409",
    })
}

/// `a − b` for big-endian numbers of the same width (a ≥ b).
fn be_sub(a: &[u8], b: &[u8]) -> Vec<u8> {
    let mut out = a.to_vec();
    let mut borrow = 0i16;
    for i in (0..a.len()).rev() {
        let d = i16::from(a[i]) - i16::from(b[i]) - borrow;
        borrow = i16::from(d < 0);
        out[i] = u8::try_from(d.rem_euclid(256)).unwrap();
    }
    out
}

#[test]
fn rfc6979_p384_p521_vectors_verify_and_mutations_fail() {
    for v in RFC6979 {
        let point = sec1(v.ux, v.uy);
        // The published public key is x·G by an independent implementation.
        let derived = match v.curve {
            Curve::P384 => p384::ecdsa::SigningKey::from_slice(&hex(v.x))
                .unwrap()
                .verifying_key()
                .to_sec1_point(false)
                .as_bytes()
                .to_vec(),
            _ => {
                let sk = p521::ecdsa::SigningKey::from_slice(&hex(v.x)).unwrap();
                p521::ecdsa::VerifyingKey::from(&sk)
                    .to_sec1_point(false)
                    .as_bytes()
                    .to_vec()
            }
        };
        assert_eq!(derived, point, "{:?}", v.curve);
        let key = PublicKey::from_sec1(v.curve, &point).unwrap();
        let n = order(v.curve);
        let w = n.len();
        for &(hash, msg, r, s) in v.sigs {
            let alg = SigAlg::Ecdsa {
                curve: v.curve,
                hash,
            };
            let (r, s) = (hex(r), hex(s));
            let raw = [r.clone(), s.clone()].concat();
            let check = |key: &PublicKey, msg: &[u8], sig: &[u8]| {
                verify(&[alg], alg, key, msg, sig, SigEncoding::Raw)
            };
            let id = format!("{:?} {hash:?} {msg}", v.curve);
            assert_eq!(check(&key, msg.as_bytes(), &raw), Ok(()), "{id}");
            // High s, the (r, n − s) twin: accepted (policy, module docs).
            let twin = [r.clone(), be_sub(&n, &s)].concat();
            assert_eq!(check(&key, msg.as_bytes(), &twin), Ok(()), "{id}");
            // One flipped bit in r, s or the message: invalid.
            for at in [0, w / 2, w - 1, w, w + w / 2, 2 * w - 1] {
                let mut bad = raw.clone();
                bad[at] ^= if at % w == 0 { 0x01 } else { 0x10 };
                let got = check(&key, msg.as_bytes(), &bad);
                assert!(
                    got == Err(CryptoError::SignatureInvalid)
                        || got == Err(CryptoError::SignatureMalformed),
                    "{id} bit at {at}: {got:?}"
                );
            }
            let mut other = msg.as_bytes().to_vec();
            other[0] ^= 0x20;
            assert_eq!(
                check(&key, &other, &raw),
                Err(CryptoError::SignatureInvalid),
                "{id}"
            );
            // Another hash of the same message: invalid.
            let alg2 = SigAlg::Ecdsa {
                curve: v.curve,
                hash: if hash == Hash::Sha512 {
                    Hash::Sha384
                } else {
                    Hash::Sha512
                },
            };
            assert_eq!(
                verify(&[alg2], alg2, &key, msg.as_bytes(), &raw, SigEncoding::Raw),
                Err(CryptoError::SignatureInvalid),
                "{id}"
            );
            // Another key on the curve (−U: y → p − y): invalid.
            let neg = PublicKey::from_sec1(v.curve, &negate(v.curve, &point)).unwrap();
            assert_eq!(
                check(&neg, msg.as_bytes(), &raw),
                Err(CryptoError::SignatureInvalid),
                "{id}"
            );
            // r or s = 0, = n, > n: malformed, never verified.
            let zero = vec![0u8; w];
            let ones = vec![0xffu8; w];
            for bad in [
                [zero.clone(), s.clone()].concat(),
                [r.clone(), zero.clone()].concat(),
                [n.clone(), s.clone()].concat(),
                [r.clone(), n.clone()].concat(),
                [ones.clone(), s.clone()].concat(),
                [r.clone(), ones.clone()].concat(),
            ] {
                assert_eq!(
                    check(&key, msg.as_bytes(), &bad),
                    Err(CryptoError::SignatureMalformed),
                    "{id}"
                );
            }
        }
        // A point off the curve (one bit of y flipped), x or y ≥ p, the wrong length: refused
        // when the key is read.
        let mut off = point.clone();
        *off.last_mut().unwrap() ^= 1;
        assert_eq!(
            PublicKey::from_sec1(v.curve, &off),
            Err(CryptoError::KeyInvalid)
        );
        let mut big = point.clone();
        big[1..=w].fill(0xff);
        assert_eq!(
            PublicKey::from_sec1(v.curve, &big),
            Err(CryptoError::KeyInvalid)
        );
        assert_eq!(
            PublicKey::from_sec1(v.curve, &point[..point.len() - 1]),
            Err(CryptoError::KeyInvalid)
        );
        // Compressed: the same key; the other parity is −U.
        let y_odd = point.last().unwrap() & 1;
        let mut compressed = vec![2 + y_odd];
        compressed.extend(hex(v.ux));
        assert_eq!(PublicKey::from_sec1(v.curve, &compressed).unwrap(), key);
        compressed[0] ^= 1;
        assert_eq!(
            PublicKey::from_sec1(v.curve, &compressed).unwrap(),
            PublicKey::from_sec1(v.curve, &negate(v.curve, &point)).unwrap()
        );
        // The coordinates in a JWK-style constructor: the same key.
        assert_eq!(
            PublicKey::from_ec_coordinates(v.curve, &hex(v.ux), &hex(v.uy)).unwrap(),
            key
        );
    }
}

/// `(x, p − y)` of an uncompressed P-384 / P-521 point.
fn negate(curve: Curve, point: &[u8]) -> Vec<u8> {
    let p = match curve {
        Curve::P384 => hex("fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff"),
        _ => hex(&format!("01{}", "ff".repeat(65))),
    };
    let w = p.len();
    let mut out = point[..=w].to_vec();
    out.extend(be_sub(&p, &point[1 + w..]));
    out
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

    /// Signatures by the `p384` / `p521` crates (an independent implementation) over random
    /// messages verify with ours; the same signature over another message does not.
    #[test]
    fn p384_p521_signatures_of_an_independent_signer_verify(
        seed in 1u8..=254,
        msg in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..100),
        big in proptest::prelude::any::<bool>(),
    ) {
        use p384::ecdsa::signature::Signer;
        let (alg, key, sig) = if big {
            let mut d = [seed; 66];
            d[0] = 0;
            let sk = p521::ecdsa::SigningKey::from_slice(&d).unwrap();
            let point = p521::ecdsa::VerifyingKey::from(&sk).to_sec1_point(false).as_bytes().to_vec();
            let s: p521::ecdsa::Signature = sk.sign(&msg);
            (SigAlg::ES512, PublicKey::from_sec1(Curve::P521, &point).unwrap(), s.to_bytes().to_vec())
        } else {
            let sk = p384::ecdsa::SigningKey::from_slice(&[seed; 48]).unwrap();
            let point = sk.verifying_key().to_sec1_point(false).as_bytes().to_vec();
            let s: p384::ecdsa::Signature = sk.sign(&msg);
            (SigAlg::ES384, PublicKey::from_sec1(Curve::P384, &point).unwrap(), s.to_bytes().to_vec())
        };
        proptest::prop_assert_eq!(verify(&[alg], alg, &key, &msg, &sig, SigEncoding::Raw), Ok(()));
        let mut other = msg.clone();
        other.push(0);
        proptest::prop_assert_eq!(
            verify(&[alg], alg, &key, &other, &sig, SigEncoding::Raw),
            Err(CryptoError::SignatureInvalid)
        );
    }
}
