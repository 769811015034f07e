//! Encrypted wallet responses (issue 8 item 4), against the public vectors read in place from
//! `../shared/vectors/` (README): the ISO 18013-7 Annex C round trip (`dcapi-annex-c/synthetic`,
//! sealed by another HPKE implementation; its own negative cases), the WPT canonical
//! `org-iso-mdoc` request, and the OpenID4VP 1.0 §8.3 JWE example. A256GCM and the refusals are
//! checked on JWEs this file seals itself, by a path independent of the library (p256
//! arithmetic, a Concat KDF written here from RFC 7518 §4.6.2, the `aes-gcm` crate directly).
#![cfg(feature = "decrypt")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::Path;

use aes_gcm::aead::{AeadInOut, KeyInit};
use aes_gcm::{Aes128Gcm, Aes256Gcm, Nonce};
use cccd_verify::cbor::Encoder;
use cccd_verify::crypto::RecipientKey;
use cccd_verify::hpke::{self, annex_c};
use cccd_verify::jose::b64;
use cccd_verify::jose::jwe::{self, ContentEncryption, JweKey};
use cccd_verify::Error;
use p256::elliptic_curve::point::AffineCoordinates;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

const VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/vectors");

fn read(rel: &str) -> Vec<u8> {
    let path = Path::new(VECTORS).join(rel);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn json_file(rel: &str) -> Value {
    serde_json::from_slice(&read(rel)).unwrap()
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// ISO 18013-7 Annex C

struct AnnexC {
    v: Value,
    key: RecipientKey,
    transcript: Vec<u8>,
    response: String,
}

fn annex_c_vector() -> AnnexC {
    let v = json_file("dcapi-annex-c/synthetic/vector.json");
    let key =
        RecipientKey::from_private_bytes(&hex(v["recipient_private_key_hex"].as_str().unwrap()))
            .unwrap();
    let transcript = read("dcapi-annex-c/synthetic/sessionTranscript.cbor");
    let response = v["dc_api_response"]["data"]["response"]
        .as_str()
        .unwrap()
        .to_owned();
    AnnexC {
        v,
        key,
        transcript,
        response,
    }
}

/// The Annex C SessionTranscript, built here (`presentations.md` §2.2):
/// `[null, null, ["dcapi", sha256(cbor([base64url(EncryptionInfo), origin]))]]`.
fn dcapi_info(encryption_info_b64: &str, origin: &str) -> Vec<u8> {
    let mut e = Encoder::new();
    e.array(2).text(encryption_info_b64).text(origin);
    e.into_bytes()
}

fn dcapi_transcript(encryption_info_b64: &str, origin: &str) -> Vec<u8> {
    let hash = Sha256::digest(dcapi_info(encryption_info_b64, origin));
    let mut e = Encoder::new();
    e.array(3).null().null().array(2).text("dcapi").bytes(&hash);
    e.into_bytes()
}

#[test]
fn wpt_encryption_info_is_read_and_rebuilt_byte_for_byte() {
    let wpt = json_file("dcapi-annex-c/wpt_canonical_request.json");
    let text = wpt["data"]["encryptionInfo"].as_str().unwrap();
    let info = annex_c::parse_encryption_info(text).unwrap();
    assert_eq!(info.nonce, hex("b93051f726d8c8cc47939f3abec046b7"));
    // Its recipient key is the Annex D eReaderKey, whose private scalar the vector gives.
    let v = annex_c_vector();
    assert_eq!(info.recipient, v.key.public_sec1());
    assert_eq!(annex_c::encryption_info_b64(&info.nonce, &v.key), text);
    // The synthetic round trip used the same request.
    assert_eq!(v.v["dc_api_request"]["data"]["encryptionInfo"], text);
}

/// A map member written by a closure.
type Member<'a> = (&'a str, &'a dyn Fn(&mut Encoder));

#[test]
fn encryption_info_refusals() {
    let key = RecipientKey::derive(&[1; 32]).unwrap();
    let good = annex_c::encryption_info(b"nonce", &key);
    assert!(annex_c::parse_encryption_info(&b64::encode_url(&good)).is_ok());
    let fmt = |reason| Err(Error::DcapiFormat { reason });
    assert_eq!(
        annex_c::parse_encryption_info("not base64!"),
        fmt("base64url")
    );
    // Another protocol tag, a missing nonce, an extra member.
    let build = |tag: &str, members: &[Member<'_>]| {
        let mut e = Encoder::new();
        e.array(2).text(tag).map(members.len());
        for (name, write) in members {
            e.text(name);
            write(&mut e);
        }
        b64::encode_url(e.as_bytes())
    };
    let point = key.public_sec1();
    let cose = |kty: i64, crv: i64, x: &[u8], y: &[u8]| {
        let (x, y) = (x.to_vec(), y.to_vec());
        move |e: &mut Encoder| {
            e.map(4).int(1).int(kty).int(-1).int(crv);
            e.int(-2).bytes(&x).int(-3).bytes(&y);
        }
    };
    let good_key = cose(2, 1, &point[1..33], &point[33..]);
    let nonce = |e: &mut Encoder| {
        e.bytes(b"n");
    };
    assert!(annex_c::parse_encryption_info(&build(
        "dcapi",
        &[("nonce", &nonce), ("recipientPublicKey", &good_key)]
    ))
    .is_ok());
    assert_eq!(
        annex_c::parse_encryption_info(&build(
            "dcapI",
            &[("nonce", &nonce), ("recipientPublicKey", &good_key)]
        )),
        fmt("shape")
    );
    assert_eq!(
        annex_c::parse_encryption_info(&build("dcapi", &[("recipientPublicKey", &good_key)])),
        fmt("shape")
    );
    assert_eq!(
        annex_c::parse_encryption_info(&build(
            "dcapi",
            &[
                ("nonce", &nonce),
                ("recipientPublicKey", &good_key),
                ("extra", &nonce)
            ]
        )),
        fmt("shape")
    );
    // A P-384 label, an OKP key, a point off the curve, a short coordinate.
    let mut off = point;
    off[64] ^= 1;
    for bad in [
        cose(2, 2, &point[1..33], &point[33..]),
        cose(1, 1, &point[1..33], &point[33..]),
        cose(2, 1, &off[1..33], &off[33..]),
        cose(2, 1, &point[1..32], &point[33..]),
    ] {
        assert_eq!(
            annex_c::parse_encryption_info(&build(
                "dcapi",
                &[("nonce", &nonce), ("recipientPublicKey", &bad)]
            )),
            fmt("recipient-key")
        );
    }
}

#[test]
fn annex_c_transcript_is_the_vectors() {
    // The SessionTranscript that goes into HPKE `info` is the one the vector was sealed under.
    let v = annex_c_vector();
    let info = v.v["dc_api_request"]["data"]["encryptionInfo"]
        .as_str()
        .unwrap();
    let origin = v.v["origin"].as_str().unwrap();
    assert_eq!(
        dcapi_info(info, origin),
        hex(v.v["dcapiInfo_hex"].as_str().unwrap())
    );
    let built = dcapi_transcript(info, origin);
    assert_eq!(built, hex(v.v["sessionTranscript_hex"].as_str().unwrap()));
    assert_eq!(built, v.transcript);
}

#[test]
fn annex_c_round_trip_opens_to_the_device_response() {
    let v = annex_c_vector();
    let device_response = read("dcapi-annex-c/synthetic/deviceResponse.cbor");
    let opened = annex_c::open_response(&v.response, &v.key, &v.transcript, true).unwrap();
    assert_eq!(opened, device_response);
    // The envelope, read without decrypting.
    let envelope = read("dcapi-annex-c/synthetic/encryptedResponse.cbor");
    assert_eq!(b64::decode_url(&v.response).unwrap(), envelope);
    let sealed = annex_c::parse_response(&envelope).unwrap();
    assert_eq!(sealed.enc, hex(v.v["hpke"]["enc_hex"].as_str().unwrap()));
    assert_eq!(v.v["hpke"]["aad"], "empty");
    assert_eq!(v.v["hpke"]["info"], "SessionTranscript bytes");
    // The same through the HPKE layer: info = transcript, aad empty.
    assert_eq!(
        hpke::open(&v.key, sealed.enc, &v.transcript, b"", sealed.cipher_text).unwrap(),
        device_response
    );
}

#[test]
fn annex_c_vector_negative_cases() {
    let v = annex_c_vector();
    let envelope = read("dcapi-annex-c/synthetic/encryptedResponse.cbor");
    let sealed = annex_c::parse_response(&envelope).unwrap();
    let cases = v.v["negative_tests"].as_array().unwrap();
    assert_eq!(
        cases.len(),
        2,
        "a new negative case in vector.json: add it here"
    );
    for case in cases {
        let case = case.as_str().unwrap();
        if case.starts_with("decrypt with info=\"\" and aad=SessionTranscript") {
            // The transcript as aad instead of info: must not open.
            assert_eq!(
                hpke::open(&v.key, sealed.enc, b"", &v.transcript, sealed.cipher_text),
                Err(hpke::OpenError::Decrypt),
                "{case}"
            );
        } else if case.starts_with("change origin") {
            let info = v.v["dc_api_request"]["data"]["encryptionInfo"]
                .as_str()
                .unwrap();
            let other = dcapi_transcript(info, "https://verifier.example.com");
            assert_ne!(other, v.transcript);
            assert_eq!(
                annex_c::open_response(&v.response, &v.key, &other, true),
                Err(Error::DecryptFailed { scheme: "hpke" }),
                "{case}"
            );
        } else {
            panic!("unhandled negative case: {case}");
        }
    }
}

/// The vector's envelope with its parts replaced.
fn envelope(enc: &[u8], cipher_text: &[u8]) -> String {
    let mut e = Encoder::new();
    e.array(2).text("dcapi").map(2);
    e.text("enc")
        .bytes(enc)
        .text("cipherText")
        .bytes(cipher_text);
    b64::encode_url(e.as_bytes())
}

#[test]
fn annex_c_refusals() {
    let v = annex_c_vector();
    let bytes = read("dcapi-annex-c/synthetic/encryptedResponse.cbor");
    let sealed = annex_c::parse_response(&bytes).unwrap();
    let failed = Err(Error::DecryptFailed { scheme: "hpke" });
    let open = |response: &str| annex_c::open_response(response, &v.key, &v.transcript, true);
    // Rebuilt unchanged, it opens (so the changes below are what fails).
    assert!(open(&envelope(sealed.enc, sealed.cipher_text)).is_ok());
    // Wrong key.
    let other = RecipientKey::derive(&[9; 32]).unwrap();
    assert_eq!(
        annex_c::open_response(&v.response, &other, &v.transcript, true),
        failed
    );
    // Another nonce in the request: another transcript.
    let info = annex_c::encryption_info_b64(b"another nonce", &v.key);
    let transcript = dcapi_transcript(&info, v.v["origin"].as_str().unwrap());
    assert_eq!(
        annex_c::open_response(&v.response, &v.key, &transcript, true),
        failed
    );
    // Tampered ciphertext, tag.
    for i in [
        0,
        sealed.cipher_text.len() / 2,
        sealed.cipher_text.len() - 1,
    ] {
        let mut ct = sealed.cipher_text.to_vec();
        ct[i] ^= 0x04;
        assert_eq!(open(&envelope(sealed.enc, &ct)), failed, "byte {i}");
    }
    assert_eq!(open(&envelope(sealed.enc, &[0; 15])), failed);
    // Tampered enc: another valid point does not open; a point off the curve is malformed.
    assert_eq!(
        open(&envelope(&other.public_sec1(), sealed.cipher_text)),
        failed
    );
    let mut enc = sealed.enc.to_vec();
    enc[40] ^= 0x01;
    assert_eq!(
        open(&envelope(&enc, sealed.cipher_text)),
        Err(Error::DcapiFormat { reason: "enc" })
    );
    // Not the envelope.
    let shape = Err(Error::DcapiFormat { reason: "shape" });
    let mut e = Encoder::new();
    e.array(2)
        .text("dcapi")
        .map(1)
        .text("enc")
        .bytes(sealed.enc);
    assert_eq!(open(&b64::encode_url(e.as_bytes())), shape);
    let mut e = Encoder::new();
    e.array(2).text("dcapi").map(3);
    e.text("enc")
        .bytes(sealed.enc)
        .text("cipherText")
        .bytes(sealed.cipher_text);
    e.text("x").null();
    assert_eq!(open(&b64::encode_url(e.as_bytes())), shape);
    let mut e = Encoder::new();
    e.array(2).text("mdoc").map(2);
    e.text("enc")
        .bytes(sealed.enc)
        .text("cipherText")
        .bytes(sealed.cipher_text);
    assert_eq!(open(&b64::encode_url(e.as_bytes())), shape);
    let mut e = Encoder::new();
    e.array(2).text("dcapi").map(2);
    e.text("enc")
        .text("x")
        .text("cipherText")
        .bytes(sealed.cipher_text);
    assert_eq!(open(&b64::encode_url(e.as_bytes())), shape);
    assert_eq!(
        open("gmVkY2FwaaJjZW5j="),
        Err(Error::DcapiFormat {
            reason: "base64url"
        })
    );
    // Trailing bytes after the envelope: the CBOR reader's error.
    let mut trailing = bytes.clone();
    trailing.push(0);
    assert!(matches!(
        open(&b64::encode_url(&trailing)),
        Err(Error::CborFormat { .. })
    ));
}

#[test]
fn annex_c_plaintext_is_refused_when_encryption_was_requested() {
    let v = annex_c_vector();
    let device_response = read("dcapi-annex-c/synthetic/deviceResponse.cbor");
    let plain = b64::encode_url(&device_response);
    assert_eq!(
        annex_c::open_response(&plain, &v.key, &v.transcript, true),
        Err(Error::ResponseNotEncrypted)
    );
    assert_eq!(
        annex_c::open_response(&plain, &v.key, &v.transcript, false).unwrap(),
        device_response
    );
    assert_eq!(
        annex_c::parse_response(&device_response),
        Err(Error::ResponseNotEncrypted)
    );
}

#[test]
fn annex_c_seal_opens_and_matches_the_vectors_shape() {
    // Our own sealing (what a demo wallet does), opened by the verifier side.
    let v = annex_c_vector();
    let device_response = read("dcapi-annex-c/synthetic/deviceResponse.cbor");
    let cbor = annex_c::seal_response(
        &device_response,
        &v.key.public_sec1(),
        &[3; 32],
        &v.transcript,
    )
    .unwrap();
    let sealed = annex_c::parse_response(&cbor).unwrap();
    assert_eq!(sealed.enc.len(), 65);
    assert_eq!(
        annex_c::open_response(&b64::encode_url(&cbor), &v.key, &v.transcript, true).unwrap(),
        device_response
    );
}

// ---------------------------------------------------------------------------------------------
// OpenID4VP 1.0 §8.3: JWE ECDH-ES

fn oid4vp_example() -> (Value, RecipientKey) {
    let v = json_file("oid4vp-1.0/jwe_ecdh_es_a128gcm_example.json");
    let d = b64::decode_url(v["recipient_jwk_with_private"]["d"].as_str().unwrap()).unwrap();
    let key = RecipientKey::from_private_bytes(&d).unwrap();
    (v, key)
}

#[test]
fn oid4vp_example_decrypts_to_the_expected_plaintext() {
    let (v, key) = oid4vp_example();
    // The private key is the one of the published public JWK.
    let jwk = jwe::encryption_jwk(&key, "ac");
    let published = &v["recipient_jwk_with_private"];
    for member in ["kty", "crv", "x", "y", "kid", "use", "alg"] {
        assert_eq!(jwk[member], published[member], "{member}");
    }
    let token = v["jwe_compact"].as_str().unwrap();
    let out = jwe::decrypt(
        token,
        JweKey {
            key: &key,
            kid: Some("ac"),
        },
    )
    .unwrap();
    assert_eq!(
        String::from_utf8(out.plaintext).unwrap(),
        v["expected_plaintext"].as_str().unwrap()
    );
    assert_eq!(out.enc, ContentEncryption::A128Gcm);
    assert_eq!(Value::Object(out.header), v["protected_header"]);
    // As `credential.data` of a `dc_api.jwt` answer.
    let data = json!({ "response": token }).to_string();
    let params = jwe::open_authorization_response(
        &data,
        Some(JweKey {
            key: &key,
            kid: Some("ac"),
        }),
        true,
    )
    .unwrap();
    assert_eq!(
        params["vp_token"]["example_credential_id"][0],
        "eyJhb...YMetA"
    );
}

#[test]
fn oid4vp_example_refusals() {
    let (v, key) = oid4vp_example();
    let token = v["jwe_compact"].as_str().unwrap();
    let with = |kid| JweKey { key: &key, kid };
    let failed = Err(Error::DecryptFailed { scheme: "jwe" });
    // Another request's key (its kid matching or not given).
    let other = RecipientKey::derive(&[4; 32]).unwrap();
    assert_eq!(
        jwe::decrypt(
            token,
            JweKey {
                key: &other,
                kid: None
            }
        )
        .map(|d| d.plaintext),
        failed
    );
    // Another kid.
    assert_eq!(
        jwe::decrypt(token, with(Some("other"))).map(|d| d.plaintext),
        Err(Error::JweKidMismatch { kid: "ac".into() })
    );
    // Tampered IV, ciphertext, tag.
    let parts: Vec<&str> = token.split('.').collect();
    for (part, reason) in [(2, "iv"), (3, "ciphertext"), (4, "tag")] {
        let mut bytes = b64::decode_url(parts[part]).unwrap();
        bytes[0] ^= 0x01;
        let mut p = parts.clone();
        let changed = b64::encode_url(&bytes);
        p[part] = &changed;
        assert_eq!(
            jwe::decrypt(&p.join("."), with(None)).map(|d| d.plaintext),
            failed,
            "{reason}"
        );
    }
    // The header is the AAD: the same header re-encoded with another member order does
    // not open.
    let header: Value = serde_json::from_slice(&b64::decode_url(parts[0]).unwrap()).unwrap();
    let reordered = b64::encode_url(
        serde_json::to_string(&json!({
            "enc": header["enc"], "alg": header["alg"], "kid": header["kid"], "epk": header["epk"]
        }))
        .unwrap()
        .as_bytes(),
    );
    let mut p = parts.clone();
    p[0] = &reordered;
    assert_eq!(
        jwe::decrypt(&p.join("."), with(Some("ac"))).map(|d| d.plaintext),
        failed
    );
    // Not five parts, a non-empty encrypted key, a short IV, a long tag.
    let fmt = |reason| Err(Error::JweFormat { reason });
    assert_eq!(
        jwe::decrypt(&parts[..4].join("."), with(None)).map(|d| d.plaintext),
        fmt("parts")
    );
    assert_eq!(
        jwe::decrypt(&format!("{token}."), with(None)).map(|d| d.plaintext),
        fmt("parts")
    );
    let mut p = parts.clone();
    p[1] = "AAAA";
    assert_eq!(
        jwe::decrypt(&p.join("."), with(None)).map(|d| d.plaintext),
        fmt("encrypted-key")
    );
    let mut p = parts.clone();
    p[2] = "AAAAAAAAAAAA";
    assert_eq!(
        jwe::decrypt(&p.join("."), with(None)).map(|d| d.plaintext),
        fmt("iv")
    );
    let mut p = parts.clone();
    let long_tag = b64::encode_url(&[0; 17]);
    p[4] = &long_tag;
    assert_eq!(
        jwe::decrypt(&p.join("."), with(None)).map(|d| d.plaintext),
        fmt("tag")
    );
}

// An independent JWE sealer: p256 arithmetic, RFC 7518 §4.6.2 Concat KDF written here, the
// aes-gcm crate's one-shot API.

fn independent_concat_kdf(z: &[u8], alg_id: &str, apu: &[u8], apv: &[u8], bits: u32) -> Vec<u8> {
    let mut other_info = Vec::new();
    for field in [alg_id.as_bytes(), apu, apv] {
        other_info.extend_from_slice(&u32::try_from(field.len()).unwrap().to_be_bytes());
        other_info.extend_from_slice(field);
    }
    other_info.extend_from_slice(&bits.to_be_bytes());
    let mut input = vec![0, 0, 0, 1];
    input.extend_from_slice(z);
    input.extend_from_slice(&other_info);
    Sha256::digest(&input)[..(bits / 8) as usize].to_vec()
}

/// Seals `plaintext` to `recipient` with the sender scalar `e`, under `header` (whose `epk` is
/// filled in unless present), the content key derived for `kdf_enc` with `apu`/`apv` as
/// decoded from the header.
fn independent_seal(recipient: &[u8], e: [u8; 32], mut header: Value, plaintext: &[u8]) -> String {
    let scalar = p256::NonZeroScalar::try_from(&e[..]).unwrap();
    let epk = p256::PublicKey::from_secret_scalar(&scalar);
    let peer = p256::PublicKey::from_sec1_bytes(recipient).unwrap();
    let z = (peer.to_projective() * *scalar).to_affine().x();
    if header.get("epk").is_none() {
        let point = epk.as_affine();
        header["epk"] = json!({
            "kty": "EC", "crv": "P-256",
            "x": b64::encode_url(&point.x()), "y": b64::encode_url(&point.y()),
        });
    }
    let enc = header["enc"].as_str().unwrap_or("A128GCM").to_owned();
    let member = |name: &str| {
        header
            .get(name)
            .and_then(Value::as_str)
            .and_then(b64::decode_url)
            .unwrap_or_default()
    };
    let (apu, apv) = (member("apu"), member("apv"));
    let h = b64::encode_url(header.to_string().as_bytes());
    let iv = [7u8; 12];
    let mut ct = plaintext.to_vec();
    let nonce = Nonce::from(iv);
    let tag = if enc == "A256GCM" {
        let cek = independent_concat_kdf(&z, &enc, &apu, &apv, 256);
        Aes256Gcm::new_from_slice(&cek)
            .unwrap()
            .encrypt_inout_detached(&nonce, h.as_bytes(), ct.as_mut_slice().into())
            .unwrap()
    } else {
        let cek = independent_concat_kdf(&z, &enc, &apu, &apv, 128);
        Aes128Gcm::new_from_slice(&cek)
            .unwrap()
            .encrypt_inout_detached(&nonce, h.as_bytes(), ct.as_mut_slice().into())
            .unwrap()
    };
    format!(
        "{h}..{}.{}.{}",
        b64::encode_url(&iv),
        b64::encode_url(&ct),
        b64::encode_url(&tag)
    )
}

const RESPONSE: &[u8] = br#"{"vp_token":{"pid":["eyJ0eXAiOiJkYytzZC1qd3QifQ.e30.sig~"]}}"#;

#[test]
fn a256gcm_with_apu_apv_sealed_independently_opens() {
    let key = RecipientKey::derive(&[0x5a; 32]).unwrap();
    let header = json!({
        "alg": "ECDH-ES", "enc": "A256GCM", "kid": "req-1",
        "apu": b64::encode_url(b"wallet nonce"), "apv": b64::encode_url(b"verifier nonce"),
    });
    let token = independent_seal(&key.public_sec1(), [0x17; 32], header, RESPONSE);
    let out = jwe::decrypt(
        &token,
        JweKey {
            key: &key,
            kid: Some("req-1"),
        },
    )
    .unwrap();
    assert_eq!(out.enc, ContentEncryption::A256Gcm);
    assert_eq!(out.plaintext, RESPONSE);
    // apu/apv are KDF inputs: the same JWE with them swapped is another header (AAD) and another
    // key; with them absent too.
    let header = json!({
        "alg": "ECDH-ES", "enc": "A256GCM",
        "apu": b64::encode_url(b"verifier nonce"), "apv": b64::encode_url(b"wallet nonce"),
    });
    let swapped = independent_seal(&key.public_sec1(), [0x17; 32], header, RESPONSE);
    assert!(jwe::decrypt(
        &swapped,
        JweKey {
            key: &key,
            kid: None
        }
    )
    .is_ok());
    // And A128GCM with no kid in the header, the request key having one.
    let token = independent_seal(
        &key.public_sec1(),
        [0x18; 32],
        json!({"alg": "ECDH-ES", "enc": "A128GCM"}),
        RESPONSE,
    );
    let out = jwe::decrypt(
        &token,
        JweKey {
            key: &key,
            kid: Some("req-1"),
        },
    )
    .unwrap();
    assert_eq!(out.enc, ContentEncryption::A128Gcm);
    assert_eq!(out.plaintext, RESPONSE);
}

#[test]
fn library_encrypt_is_opened_by_the_library() {
    let key = RecipientKey::derive(&[0x61; 32]).unwrap();
    for enc in [ContentEncryption::A128Gcm, ContentEncryption::A256Gcm] {
        let token = jwe::encrypt(
            RESPONSE,
            &key.public_key(),
            Some("k"),
            enc,
            &[0x62; 32],
            [1; 12],
        )
        .unwrap();
        let out = jwe::decrypt(
            &token,
            JweKey {
                key: &key,
                kid: Some("k"),
            },
        )
        .unwrap();
        assert_eq!((out.enc, out.plaintext.as_slice()), (enc, RESPONSE));
    }
}

#[test]
fn unsupported_algorithms_are_refused_by_name() {
    let key = RecipientKey::derive(&[0x5b; 32]).unwrap();
    let open = |header: Value| {
        let token = independent_seal(&key.public_sec1(), [0x19; 32], header, RESPONSE);
        jwe::decrypt(
            &token,
            JweKey {
                key: &key,
                kid: None,
            },
        )
        .map(|d| d.plaintext)
    };
    let unsupported = |parameter, value: &str| {
        Err(Error::JweUnsupported {
            parameter,
            value: value.into(),
        })
    };
    // Control: the sealer's output opens when nothing is unsupported.
    assert!(open(json!({"alg": "ECDH-ES", "enc": "A128GCM"})).is_ok());
    for alg in [
        "ECDH-ES+A128KW",
        "ECDH-ES+A256KW",
        "RSA-OAEP-256",
        "dir",
        "none",
        "ecdh-es",
    ] {
        assert_eq!(
            open(json!({"alg": alg, "enc": "A128GCM"})),
            unsupported("alg", alg)
        );
    }
    assert_eq!(
        open(json!({"alg": 1, "enc": "A128GCM"})),
        unsupported("alg", "1")
    );
    for enc in ["A128CBC-HS256", "A192GCM", "A256CBC-HS512", "a128gcm"] {
        assert_eq!(
            open(json!({"alg": "ECDH-ES", "enc": enc})),
            unsupported("enc", enc)
        );
    }
    // Compression and critical extensions.
    assert_eq!(
        open(json!({"alg": "ECDH-ES", "enc": "A128GCM", "zip": "DEF"})),
        unsupported("zip", "DEF")
    );
    assert_eq!(
        open(json!({"alg": "ECDH-ES", "enc": "A128GCM", "crit": ["exp"], "exp": 1})),
        unsupported("crit", r#"["exp"]"#)
    );
    // Other curves and key types for epk (the ones OpenID4VP's example request lists).
    let p384 = json!({"kty": "EC", "crv": "P-384",
        "x": "iHytgLNtXjEyYMAIGwfgjINZRmLfObYbmjPhkaPD8OiTkJtRHjegTNdH31Mxg4nV",
        "y": "MizXWSqNB7sSt_SNjg3spvaJnmjB-LpxsPpLUaea33rvINL3Mq-gEaANErRQpbLx"});
    assert_eq!(
        open(json!({"alg": "ECDH-ES", "enc": "A128GCM", "epk": p384})),
        unsupported("epk.crv", "P-384")
    );
    let x25519 = json!({"kty": "OKP", "crv": "X25519",
        "x": "WPX7wnwq10hFNK9aDSyG1QlLswE_CJY14LdhcFUIVVc"});
    assert_eq!(
        open(json!({"alg": "ECDH-ES", "enc": "A128GCM", "epk": x25519})),
        unsupported("epk.kty", "OKP")
    );
}

#[test]
fn malformed_headers_are_format_errors() {
    let key = RecipientKey::derive(&[0x5c; 32]).unwrap();
    let kp = RecipientKey::derive(&[0x5d; 32]).unwrap().public_sec1();
    let (x, y) = (b64::encode_url(&kp[1..33]), b64::encode_url(&kp[33..]));
    let open = |header: Value| {
        let token = independent_seal(&key.public_sec1(), [0x1a; 32], header, RESPONSE);
        jwe::decrypt(
            &token,
            JweKey {
                key: &key,
                kid: Some("k"),
            },
        )
        .map(|d| d.plaintext)
    };
    let fmt = |reason| Err(Error::JweFormat { reason });
    let base = |extra: Value| {
        let mut h = json!({"alg": "ECDH-ES", "enc": "A128GCM"});
        for (k, v) in extra.as_object().unwrap() {
            h[k] = v.clone();
        }
        h
    };
    // A private epk, a point off the curve, a short coordinate, no coordinates.
    assert_eq!(
        open(base(
            json!({"epk": {"kty": "EC", "crv": "P-256", "x": x, "y": y, "d": x}})
        )),
        fmt("epk")
    );
    let mut off = kp;
    off[64] ^= 1;
    assert_eq!(
        open(base(json!({"epk": {"kty": "EC", "crv": "P-256", "x": x,
            "y": b64::encode_url(&off[33..])}}))),
        fmt("epk")
    );
    assert_eq!(
        open(base(json!({"epk": {"kty": "EC", "crv": "P-256", "x": x,
            "y": b64::encode_url(&kp[34..])}}))),
        fmt("epk")
    );
    assert_eq!(open(base(json!({"epk": "key"}))), fmt("epk"));
    // apu/apv not base64url; a kid that is not a string; alg or enc missing.
    assert_eq!(open(base(json!({"apu": "a+b"}))), fmt("apu"));
    assert_eq!(open(base(json!({"apv": 5}))), fmt("apv"));
    assert_eq!(open(base(json!({"kid": 5}))), fmt("header"));
    assert_eq!(open(json!({"enc": "A128GCM"})), fmt("header"));
    assert_eq!(open(json!({"alg": "ECDH-ES"})), fmt("header"));
    // A header that is not an object, or names a member twice (strict JSON).
    let key_ref = JweKey {
        key: &key,
        kid: None,
    };
    let with_header = |h: &str| {
        format!(
            "{}..{}.{}.{}",
            b64::encode_url(h.as_bytes()),
            b64::encode_url(&[0; 12]),
            b64::encode_url(b"x"),
            b64::encode_url(&[0; 16])
        )
    };
    assert_eq!(
        jwe::decrypt(&with_header("[]"), key_ref).map(|d| d.plaintext),
        fmt("header")
    );
    assert_eq!(
        jwe::decrypt(
            &with_header(r#"{"alg":"ECDH-ES","enc":"A128GCM","enc":"A256GCM"}"#),
            key_ref
        )
        .map(|d| d.plaintext),
        Err(Error::JsonDuplicateMember { name: "enc".into() })
    );
}

#[test]
fn authorization_response_requires_encryption_when_asked() {
    let key = RecipientKey::derive(&[0x70; 32]).unwrap();
    let k = || {
        Some(JweKey {
            key: &key,
            kid: None,
        })
    };
    let plain = std::str::from_utf8(RESPONSE).unwrap();
    // In the clear: refused when encryption was requested, read otherwise.
    assert_eq!(
        jwe::open_authorization_response(plain, k(), true),
        Err(Error::ResponseNotEncrypted)
    );
    let params = jwe::open_authorization_response(plain, None, false).unwrap();
    assert!(params.contains_key("vp_token"));
    // An error response may come in the clear (a wallet that cannot encrypt).
    let error = r#"{"error":"access_denied"}"#;
    assert_eq!(
        jwe::open_authorization_response(error, k(), true).unwrap()["error"],
        "access_denied"
    );
    // ... but not an error response that also carries a vp_token.
    let both = r#"{"error":"x","vp_token":{}}"#;
    assert_eq!(
        jwe::open_authorization_response(both, k(), true),
        Err(Error::ResponseNotEncrypted)
    );
    // Encrypted: opened; a payload that is not an object, or members beside `response`, refused.
    let sealed = |payload: &[u8]| {
        let token = independent_seal(
            &key.public_sec1(),
            [0x71; 32],
            json!({"alg": "ECDH-ES", "enc": "A256GCM"}),
            payload,
        );
        json!({ "response": token }).to_string()
    };
    let params = jwe::open_authorization_response(&sealed(RESPONSE), k(), true).unwrap();
    assert_eq!(
        params["vp_token"]["pid"][0],
        "eyJ0eXAiOiJkYytzZC1qd3QifQ.e30.sig~"
    );
    assert_eq!(
        jwe::open_authorization_response(&sealed(b"[1]"), k(), true),
        Err(Error::JweFormat { reason: "payload" })
    );
    let mut mixed: Value = serde_json::from_str(&sealed(RESPONSE)).unwrap();
    mixed["vp_token"] = json!({});
    assert_eq!(
        jwe::open_authorization_response(&mixed.to_string(), k(), true),
        Err(Error::JweFormat { reason: "payload" })
    );
    assert_eq!(
        jwe::open_authorization_response(r#"{"response":5}"#, k(), true),
        Err(Error::JweFormat { reason: "payload" })
    );
    // No key to open with.
    assert_eq!(
        jwe::open_authorization_response(&sealed(RESPONSE), None, false),
        Err(Error::DecryptionKeyInvalid)
    );
    assert_eq!(
        jwe::open_authorization_response(plain, None, true),
        Err(Error::DecryptionKeyInvalid)
    );
}

#[test]
fn request_side_key_material() {
    // The same caller bytes give the same key; its JWK and client_metadata are public only.
    let key = RecipientKey::derive(&[0x42; 32]).unwrap();
    let again = RecipientKey::from_private_bytes(&key.private_bytes()).unwrap();
    assert_eq!(key.public_sec1(), again.public_sec1());
    let meta = jwe::client_metadata(&key, "req-7");
    let jwk = &meta["jwks"]["keys"][0];
    assert_eq!(jwk["kid"], "req-7");
    assert_eq!(jwk["use"], "enc");
    assert_eq!(jwk["alg"], "ECDH-ES");
    assert!(jwk.get("d").is_none());
    assert_eq!(
        meta["encrypted_response_enc_values_supported"],
        json!(["A128GCM", "A256GCM"])
    );
    let public = cccd_verify::crypto::PublicKey::from_jwk(&json!({
        "kty": jwk["kty"], "crv": jwk["crv"], "x": jwk["x"], "y": jwk["y"]
    }))
    .unwrap();
    assert_eq!(public, key.public_key());
}

// ---------------------------------------------------------------------------------------------
// Fuzz seeds (`fuzz/corpus/hpke/`, `fuzz/corpus/jwe/`), built with the fuzz bodies' own key and
// SessionTranscript.

#[path = "../fuzz/bodies/hpke.rs"]
mod hpke_body;
#[path = "../fuzz/bodies/jwe.rs"]
mod jwe_body;

fn fuzz_seeds() -> Vec<(&'static str, &'static str, Vec<u8>)> {
    let mut out = Vec::new();
    // hpke: Annex C envelopes (CBOR; the body base64url-encodes them).
    let key = hpke_body::key().unwrap();
    let transcript = hpke_body::transcript();
    let mut device_response = Encoder::new();
    device_response.map(2).text("version").text("1.0");
    device_response.text("status").uint(0);
    let plain = device_response.into_bytes();
    let sealed =
        annex_c::seal_response(&plain, &key.public_sec1(), &[0x47; 32], &transcript).unwrap();
    let other = annex_c::seal_response(&plain, &key.public_sec1(), &[0x48; 32], b"other").unwrap();
    let parts = annex_c::parse_response(&sealed).unwrap();
    let with = |tag: &str, extra: bool, enc: &[u8]| {
        let mut e = Encoder::new();
        e.array(2).text(tag).map(if extra { 3 } else { 2 });
        e.text("enc")
            .bytes(enc)
            .text("cipherText")
            .bytes(parts.cipher_text);
        if extra {
            e.text("x").null();
        }
        e.into_bytes()
    };
    let mut off_curve = parts.enc.to_vec();
    off_curve[64] ^= 1;
    out.push(("hpke", "sealed", sealed.clone()));
    out.push(("hpke", "sealed_other_transcript", other));
    out.push(("hpke", "plain_device_response", plain));
    out.push(("hpke", "wrong_protocol", with("mdoc", false, parts.enc)));
    out.push(("hpke", "extra_member", with("dcapi", true, parts.enc)));
    out.push(("hpke", "enc_off_curve", with("dcapi", false, &off_curve)));
    out.push(("hpke", "truncated", sealed[..sealed.len() - 5].to_vec()));
    out.push((
        "hpke",
        "encryption_info",
        annex_c::encryption_info(b"n0nce", &key),
    ));
    // jwe: compact JWEs and `credential.data` objects.
    let key = jwe_body::key().unwrap();
    let public = key.public_key();
    let seal = |kid: &str, enc| {
        jwe::encrypt(RESPONSE, &public, Some(kid), enc, &[0x4b; 32], [2; 12]).unwrap()
    };
    let a128 = seal(jwe_body::KID, ContentEncryption::A128Gcm);
    let a256 = seal(jwe_body::KID, ContentEncryption::A256Gcm);
    let reheader = |token: &str, header: Value| {
        let rest = &token[token.find('.').unwrap()..];
        format!("{}{rest}", b64::encode_url(header.to_string().as_bytes()))
    };
    let header: Value =
        serde_json::from_slice(&b64::decode_url(a128.split('.').next().unwrap()).unwrap()).unwrap();
    let mut kw = header.clone();
    kw["alg"] = json!("ECDH-ES+A128KW");
    let mut zip = header.clone();
    zip["zip"] = json!("DEF");
    let mut x25519 = header.clone();
    x25519["epk"] = json!({"kty": "OKP", "crv": "X25519",
        "x": "WPX7wnwq10hFNK9aDSyG1QlLswE_CJY14LdhcFUIVVc"});
    out.push(("jwe", "a128gcm", a128.clone().into_bytes()));
    out.push(("jwe", "a256gcm", a256.clone().into_bytes()));
    out.push((
        "jwe",
        "other_kid",
        seal("other", ContentEncryption::A128Gcm).into_bytes(),
    ));
    out.push(("jwe", "alg_kw", reheader(&a128, kw).into_bytes()));
    out.push(("jwe", "zip", reheader(&a128, zip).into_bytes()));
    out.push(("jwe", "epk_x25519", reheader(&a128, x25519).into_bytes()));
    out.push((
        "jwe",
        "four_parts",
        a128.as_bytes()[..a128.rfind('.').unwrap()].to_vec(),
    ));
    out.push((
        "jwe",
        "response_object",
        json!({ "response": a256 }).to_string().into_bytes(),
    ));
    out.push(("jwe", "plain_vp_token", RESPONSE.to_vec()));
    out.push((
        "jwe",
        "error_response",
        br#"{"error":"access_denied"}"#.to_vec(),
    ));
    out
}

/// `REGENERATE_DECRYPT_SEEDS=1 cargo test --test encrypted_responses fuzz_seeds` writes the
/// seeds to `fuzz/corpus/{hpke,jwe}/`; they must match this builder.
#[test]
fn fuzz_seeds_match_the_builder() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    let seeds = fuzz_seeds();
    if std::env::var_os("REGENERATE_DECRYPT_SEEDS").is_some() {
        for (target, name, bytes) in &seeds {
            std::fs::create_dir_all(corpus.join(target)).unwrap();
            std::fs::write(corpus.join(target).join(name), bytes).unwrap();
        }
    }
    for (target, name, bytes) in &seeds {
        let on_disk = std::fs::read(corpus.join(target).join(name))
            .unwrap_or_else(|e| panic!("{target}/{name}: {e}"));
        assert!(
            &on_disk == bytes,
            "{target}/{name} is stale: run with REGENERATE_DECRYPT_SEEDS=1"
        );
    }
    // The bodies accept exactly the seeds made to open.
    let opened: Vec<_> = seeds
        .iter()
        .filter(|(target, _, bytes)| match *target {
            "hpke" => hpke_body::run(bytes),
            _ => jwe_body::run(bytes),
        })
        .map(|(target, name, _)| format!("{target}/{name}"))
        .collect();
    assert_eq!(opened, ["hpke/sealed", "jwe/a128gcm", "jwe/a256gcm"]);
}

#[test]
fn oversized_inputs_are_refused_before_decoding() {
    use cccd_verify::budget::{MAX_DCAPI_RESPONSE_CHARS, MAX_JWE_CHARS};
    let key = RecipientKey::derive(&[0x7a; 32]).unwrap();
    let big = "A".repeat(MAX_JWE_CHARS + 1);
    let too_large = Error::InputTooLarge {
        len: MAX_JWE_CHARS + 1,
        max: MAX_JWE_CHARS,
    };
    assert_eq!(
        jwe::decrypt(
            &big,
            JweKey {
                key: &key,
                kid: None
            }
        )
        .unwrap_err(),
        too_large
    );
    assert_eq!(
        jwe::open_authorization_response(&big, None, false).unwrap_err(),
        too_large
    );
    // At the limit, the same text gets as far as the format check.
    assert_eq!(
        jwe::decrypt(
            &big[1..],
            JweKey {
                key: &key,
                kid: None
            }
        )
        .map(|d| d.plaintext),
        Err(Error::JweFormat { reason: "parts" })
    );
    let big = "A".repeat(MAX_DCAPI_RESPONSE_CHARS + 1);
    assert_eq!(
        annex_c::open_response(&big, &key, b"", true),
        Err(Error::InputTooLarge {
            len: MAX_DCAPI_RESPONSE_CHARS + 1,
            max: MAX_DCAPI_RESPONSE_CHARS,
        })
    );
    assert!(!matches!(
        annex_c::open_response(&big[..MAX_DCAPI_RESPONSE_CHARS - 1], &key, b"", true),
        Err(Error::InputTooLarge { .. })
    ));
}

// ---------------------------------------------------------------------------------------------
// Properties: whatever is sealed opens under the same inputs, and any one flipped bit of the
// ciphertext, tag or IV, or any other info, does not.

mod properties {
    use super::*;
    use proptest::collection::vec;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn hpke_round_trip_and_bit_flips(
            seed in any::<[u8; 32]>(),
            ikm_e in any::<[u8; 32]>(),
            info in vec(any::<u8>(), 0..64),
            plaintext in vec(any::<u8>(), 0..300),
            flip in any::<usize>(),
            bit in 0..8u8,
        ) {
            let key = RecipientKey::derive(&seed).unwrap();
            let (enc, ct) = hpke::seal(&key.public_sec1(), &ikm_e, &info, b"", &plaintext).unwrap();
            prop_assert_eq!(hpke::open(&key, &enc, &info, b"", &ct).unwrap(), plaintext);
            let mut bad = ct.clone();
            let i = flip % bad.len();
            bad[i] ^= 1 << bit;
            prop_assert_eq!(hpke::open(&key, &enc, &info, b"", &bad), Err(hpke::OpenError::Decrypt));
            let mut other = info.clone();
            other.push(0);
            prop_assert_eq!(hpke::open(&key, &enc, &other, b"", &ct), Err(hpke::OpenError::Decrypt));
        }

        #[test]
        fn jwe_round_trip_and_bit_flips(
            seed in any::<[u8; 32]>(),
            ikm_e in any::<[u8; 32]>(),
            iv in any::<[u8; 12]>(),
            wide in any::<bool>(),
            plaintext in vec(any::<u8>(), 1..300),
            part in 2..5usize,
            flip in any::<usize>(),
            bit in 0..8u8,
        ) {
            let key = RecipientKey::derive(&seed).unwrap();
            let enc = if wide { ContentEncryption::A256Gcm } else { ContentEncryption::A128Gcm };
            let token = jwe::encrypt(&plaintext, &key.public_key(), Some("k"), enc, &ikm_e, iv).unwrap();
            let k = JweKey { key: &key, kid: Some("k") };
            prop_assert_eq!(&jwe::decrypt(&token, k).unwrap().plaintext, &plaintext);
            let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
            let mut bytes = b64::decode_url(&parts[part]).unwrap();
            let i = flip % bytes.len();
            bytes[i] ^= 1 << bit;
            parts[part] = b64::encode_url(&bytes);
            prop_assert_eq!(
                jwe::decrypt(&parts.join("."), k).map(|d| d.plaintext),
                Err(Error::DecryptFailed { scheme: "jwe" })
            );
        }
    }
}
