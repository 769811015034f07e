//! The Digital Credentials API flow (`src/dcapi/`): requests checked against the WPT canonical
//! `org-iso-mdoc` request (`../shared/vectors/dcapi-annex-c/`) and OpenID4VP 1.0 Appendix A, and
//! full round trips for both protocols where the test plays the wallet: mdocs issued here with
//! the DEMO Document Signer and device keys (seeds `0xa2`, `0xa3`, `tools/demo-issuer/README.md`)
//! for the transcript the request implies, sealed with HPKE (Annex C) or put in a `vp_token`
//! and encrypted as a JWE (OpenID4VP); SD-JWT VCs from `tests/support/jws.rs`. Then one
//! negative per rule, the demo fixtures and the synthetic Annex C vector through the same API.
#![cfg(feature = "dcapi")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::cast_possible_truncation
)]

#[path = "support/certs.rs"]
mod certs;
#[path = "support/jws.rs"]
mod jws;

use std::fs;

use certs::{CertBuilder, Key, NOW, YEAR};
use p256::ecdsa::signature::Signer;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use cccd_verify::cbor::{self, Encoder, Options};
use cccd_verify::cose::sig_structure;
use cccd_verify::dcapi::{create_credential_request, verify_credential_response, FlowError};
use cccd_verify::hpke::annex_c;
use cccd_verify::jose::b64::{decode_std, decode_url, encode_std, encode_url};
use cccd_verify::jose::jwe::{encrypt, ContentEncryption};
use cccd_verify::jose::PublicKey;
use cccd_verify::mdoc::{device_authentication_bytes, SessionTranscript};

const ORIGIN: &str = "https://shop.example.vn";
const MDL: &str = "org.iso.18013.5.1.mDL";
const NS: &str = "org.iso.18013.5.1";
const DS_SEED: u8 = 0xa2;
const DEVICE_SEED: u8 = 0xa3;
const ISSUER_SAN: &str = "https://issuer.example.vn";

fn read(rel: &str) -> Vec<u8> {
    fs::read(rel).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn pem_der(rel: &str) -> Vec<u8> {
    let text = String::from_utf8(read(rel)).unwrap();
    let body: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
    decode_std(&body).unwrap()
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

fn cbor(f: impl FnOnce(&mut Encoder)) -> Vec<u8> {
    let mut e = Encoder::new();
    f(&mut e);
    e.into_bytes()
}

fn sign(seed: u8, msg: &[u8]) -> Vec<u8> {
    let k = p256::ecdsa::SigningKey::from_slice(&[seed; 32]).unwrap();
    let s: p256::ecdsa::Signature = k.sign(msg);
    s.to_bytes().to_vec()
}

// ---------------------------------------------------------------------------------------------
// The wallet: an mDL issued by the DEMO Document Signer, device-signed for a transcript.

/// A DeviceResponse with one mDL disclosing `elements` (name, CBOR value), device-signed over
/// `transcript`.
fn device_response(transcript: &SessionTranscript, elements: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let items: Vec<Vec<u8>> = elements
        .iter()
        .enumerate()
        .map(|(i, (name, value))| {
            let inner = cbor(|e| {
                e.map(4)
                    .text("digestID")
                    .uint(i as u64)
                    .text("random")
                    .bytes(&[i as u8 ^ 0x5c; 16])
                    .text("elementIdentifier")
                    .text(name)
                    .text("elementValue")
                    .raw(value);
            });
            cbor(|e| {
                e.embedded(&inner);
            })
        })
        .collect();
    let device = Key::p256(DEVICE_SEED).sec1();
    let tdate = |t: &str| {
        cbor(|e| {
            e.tag(0).text(t);
        })
    };
    let mut mso = Encoder::new();
    mso.map(6)
        .text("version")
        .text("1.0")
        .text("digestAlgorithm")
        .text("SHA-256")
        .text("valueDigests")
        .map(1)
        .text(NS)
        .map(items.len());
    for (i, item) in items.iter().enumerate() {
        mso.uint(i as u64).bytes(&Sha256::digest(item));
    }
    mso.text("deviceKeyInfo")
        .map(1)
        .text("deviceKey")
        .map(4)
        .int(1)
        .int(2)
        .int(-1)
        .int(1)
        .int(-2)
        .bytes(&device[1..33])
        .int(-3)
        .bytes(&device[33..]);
    mso.text("docType").text(MDL);
    mso.text("validityInfo")
        .map(3)
        .text("signed")
        .raw(&tdate("2026-11-26T00:00:00Z"))
        .text("validFrom")
        .raw(&tdate("2026-11-26T00:00:00Z"))
        .text("validUntil")
        .raw(&tdate("2027-11-26T00:00:00Z"));
    let payload = cbor(|e| {
        e.embedded(mso.as_bytes());
    });
    let protected = [0xa1, 0x01, 0x26];
    let issuer_sig = sign(DS_SEED, &sig_structure(&protected, &payload));
    let device_ns = cbor(|e| {
        e.embedded(&[0xa0]);
    });
    let dab = device_authentication_bytes(transcript, MDL, &device_ns);
    let device_sig = sign(DEVICE_SEED, &sig_structure(&protected, &dab));
    let mut doc = Encoder::new();
    doc.map(3)
        .text("docType")
        .text(MDL)
        .text("issuerSigned")
        .map(2)
        .text("nameSpaces")
        .map(1)
        .text(NS)
        .array(items.len());
    for item in &items {
        doc.raw(item);
    }
    doc.text("issuerAuth")
        .array(4)
        .bytes(&protected)
        .map(1)
        .uint(33)
        .bytes(&pem_der("tests/data/mdoc/ds.pem"))
        .bytes(&payload)
        .bytes(&issuer_sig);
    doc.text("deviceSigned")
        .map(2)
        .text("nameSpaces")
        .raw(&device_ns)
        .text("deviceAuth")
        .map(1)
        .text("deviceSignature")
        .array(4)
        .bytes(&protected)
        .map(0)
        .null()
        .bytes(&device_sig);
    cbor(|e| {
        e.map(3)
            .text("version")
            .text("1.0")
            .text("documents")
            .array(1)
            .raw(doc.as_bytes())
            .text("status")
            .uint(0);
    })
}

fn text(s: &str) -> Vec<u8> {
    cbor(|e| {
        e.text(s);
    })
}

/// The elements the wallet discloses by default.
fn all_elements() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("family_name", text("Nguyễn")),
        (
            "birth_date",
            cbor(|e| {
                e.tag(1004).text("1990-03-15");
            }),
        ),
        ("age_over_18", vec![0xf5]),
    ]
}

/// An SD-JWT VC presentation of `vct` by the issuer under [`sd_root`], `given_name` disclosed,
/// key-bound to `nonce` and `aud`.
fn sd_jwt_presentation(vct: &str, nonce: &str, aud: &str) -> String {
    let leaf_key = jws::p256_key(0x62);
    let (d, digest) = jws::disclosure(&json!(["salt-1", "given_name", "An"]));
    let header = json!({"alg": "ES256", "typ": "dc+sd-jwt", "x5c": [encode_std(&sd_leaf())]});
    let payload = json!({
        "iss": ISSUER_SAN, "vct": vct, "iat": NOW - 60, "exp": NOW + 86_400,
        "_sd": [digest], "cnf": {"jwk": jws::public(&jws::holder()).to_jwk()},
        "nationalities": ["VN"], "address": { "country": "VN" },
    });
    let sd = format!("{}~{d}~", jws::jws(&leaf_key, &header, &payload));
    format!(
        "{sd}{}",
        jws::kb_jwt(&jws::holder(), &sd, nonce, &json!(aud), NOW)
    )
}

fn sd_root() -> Vec<u8> {
    CertBuilder::ca("Demo SD-JWT Root", &Key::p256(0x61)).build()
}

fn sd_leaf() -> Vec<u8> {
    CertBuilder::leaf("Demo PID Issuer", &Key::p256(0x62))
        .issued_by("Demo SD-JWT Root", &Key::p256(0x61))
        .san_uri(ISSUER_SAN)
        .build()
}

// ---------------------------------------------------------------------------------------------
// Requests and the wallet's side of each protocol.

fn options() -> Value {
    json!({
        "protocols": ["org-iso-mdoc", "openid4vp-v1-unsigned"],
        "mdoc": { "docType": MDL, "claims": { NS: ["family_name", "birth_date"] } },
        "sdJwt": { "vct": jws::PID_VCT, "claims": ["given_name"] },
        "origin": ORIGIN,
        "now": NOW,
    })
}

fn create(options: &Value, seed: u8) -> (Value, String) {
    let (request, state) = create_credential_request(&options.to_string(), &[seed; 48]).unwrap();
    (serde_json::from_str(&request).unwrap(), state)
}

fn request_data<'a>(request: &'a Value, protocol: &str) -> &'a Value {
    request["requests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["protocol"] == protocol)
        .map(|r| &r["data"])
        .unwrap()
}

fn trust() -> Value {
    json!({
        "now": NOW + 30,
        "trust": {
            "mdoc": { "anchors": [encode_std(&read("tests/data/mdoc/iaca.der"))] },
            "sdJwt": { "anchors": [encode_std(&sd_root())] },
        },
    })
}

/// The Annex C wallet: seals `device_response` for the request's `encryptionInfo` (the
/// transcript is built with `origin`).
fn annex_c_answer(
    request: &Value,
    origin: &str,
    elements: &[(&str, Vec<u8>)],
) -> (Value, SessionTranscript) {
    let info = request_data(request, "org-iso-mdoc")["encryptionInfo"]
        .as_str()
        .unwrap();
    let transcript = SessionTranscript::dcapi(info, origin);
    let dr = device_response(&transcript, elements);
    (annex_c_seal(request, &transcript, &dr), transcript)
}

fn annex_c_seal(request: &Value, transcript: &SessionTranscript, dr: &[u8]) -> Value {
    let info = request_data(request, "org-iso-mdoc")["encryptionInfo"]
        .as_str()
        .unwrap();
    let recipient = annex_c::parse_encryption_info(info).unwrap().recipient;
    let sealed =
        annex_c::seal_response(dr, &recipient, &[0x77; 32], transcript.as_bytes()).unwrap();
    json!({ "protocol": "org-iso-mdoc", "data": { "response": encode_url(&sealed) } })
}

/// The OpenID4VP request's encryption key and `kid`.
fn oid4vp_key(request: &Value) -> (PublicKey, String) {
    let jwk = &request_data(request, "openid4vp-v1-unsigned")["client_metadata"]["jwks"]["keys"][0];
    let kid = jwk["kid"].as_str().unwrap().to_owned();
    let mut public = jwk.clone();
    for k in ["kid", "use", "alg"] {
        public.as_object_mut().unwrap().remove(k);
    }
    (PublicKey::from_jwk(&public).unwrap(), kid)
}

/// The OpenID4VP wallet: encrypts the authorization response `params` to the request's key.
fn oid4vp_seal(request: &Value, params: &Value) -> Value {
    let (key, kid) = oid4vp_key(request);
    let jwe = encrypt(
        params.to_string().as_bytes(),
        &key,
        Some(&kid),
        ContentEncryption::A128Gcm,
        &[0x66; 32],
        [7; 12],
    )
    .unwrap();
    json!({ "protocol": "openid4vp-v1-unsigned", "data": { "response": jwe } })
}

/// The mdoc over OpenID4VP: a DeviceResponse for the `OpenID4VPDCAPIHandover` of `origin`, the
/// request's nonce and its key's thumbprint.
fn oid4vp_mdoc_answer(request: &Value, origin: &str, elements: &[(&str, Vec<u8>)]) -> Value {
    let nonce = request_data(request, "openid4vp-v1-unsigned")["nonce"]
        .as_str()
        .unwrap();
    let (key, _) = oid4vp_key(request);
    let tp = decode_url(&key.thumbprint()).unwrap();
    let transcript = SessionTranscript::oid4vp_dc_api(origin, nonce, Some(&tp));
    let dr = device_response(&transcript, elements);
    oid4vp_seal(
        request,
        &json!({ "vp_token": { "mdoc": [encode_url(&dr)] } }),
    )
}

fn oid4vp_sd_jwt_answer(request: &Value, vct: &str, origin: &str) -> Value {
    let nonce = request_data(request, "openid4vp-v1-unsigned")["nonce"]
        .as_str()
        .unwrap();
    let p = sd_jwt_presentation(vct, nonce, &format!("origin:{origin}"));
    oid4vp_seal(request, &json!({ "vp_token": { "sd_jwt": [p] } }))
}

fn verify(credential: &Value, state: &str, options: &Value) -> Result<Value, FlowError> {
    let r = verify_credential_response(&credential.to_string(), state, &options.to_string())
        .map(|r| serde_json::from_str(&r).unwrap());
    // What the wasm module returns (`to_wire_json`, written directly) is the text serde_json
    // writes for the result as a `Value`, byte for byte.
    if let Ok(typed) = cccd_verify::dcapi::verify_credential_response_typed(
        &credential.to_string(),
        state,
        &options.to_string(),
    ) {
        assert_eq!(
            typed.to_wire_json(),
            serde_json::to_value(&typed).unwrap().to_string()
        );
        if let Some(m) = &typed.mdoc {
            assert_eq!(
                m.to_wire_json(),
                serde_json::to_value(m).unwrap().to_string()
            );
        }
    }
    r
}

/// The stable code of a failed verification (the options path for a usage error).
fn code(r: Result<Value, FlowError>) -> String {
    match r {
        Ok(v) => panic!("verified: {v}"),
        Err(FlowError::Failed(e)) => e.code().to_owned(),
        Err(FlowError::Options(o)) => format!("options:{}", o.path),
    }
}

fn usage(options: &Value, random: &[u8]) -> String {
    match create_credential_request(&options.to_string(), random) {
        Ok(_) => panic!("accepted: {options}"),
        Err(FlowError::Options(o)) => o.path,
        Err(FlowError::Failed(e)) => panic!("failed with {}", e.code()),
    }
}

// ---------------------------------------------------------------------------------------------
// Requests.

#[test]
fn org_iso_mdoc_request_matches_the_wpt_canonical_request() {
    let wpt = json_file("../shared/vectors/dcapi-annex-c/wpt_canonical_request.json");
    let (request, state) = create(
        &json!({
            "protocols": ["org-iso-mdoc"],
            "mdoc": { "docType": MDL, "claims": [[NS, "family_name"], [NS, "document_number"]] },
            "origin": ORIGIN,
        }),
        1,
    );
    let requests = request["requests"].as_array().unwrap();
    assert_eq!(requests.len(), 1);
    let r = &requests[0];
    assert_eq!(r["protocol"], wpt["protocol"]);
    // The same members as the WPT request, nothing else.
    let keys = |v: &Value| {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(keys(&r["data"]), keys(&wpt["data"]));
    assert_eq!(keys(r), vec!["data", "protocol"]);
    // Same docType, elements and IntentToRetain: the DeviceRequest is byte for byte WPT's.
    assert_eq!(r["data"]["deviceRequest"], wpt["data"]["deviceRequest"]);
    // encryptionInfo: the structure of WPT's (["dcapi", {nonce, recipientPublicKey}] with an
    // EC2 P-256 COSE_Key), with this request's nonce and key.
    let ours = r["data"]["encryptionInfo"].as_str().unwrap();
    let theirs = wpt["data"]["encryptionInfo"].as_str().unwrap();
    let shape = |b64: &str| {
        let bytes = decode_url(b64).unwrap();
        let item = cbor::decode(&bytes, &Options::default()).unwrap();
        let [tag, body] = item.as_array().unwrap() else {
            panic!()
        };
        let key = body.get("recipientPublicKey").unwrap();
        let mut labels: Vec<i64> = key
            .as_map()
            .unwrap()
            .iter()
            .map(|(k, _)| k.as_i64().unwrap())
            .collect();
        labels.sort_unstable();
        (
            tag.as_text().unwrap().to_owned(),
            body.as_map().unwrap().len(),
            labels,
        )
    };
    assert_eq!(shape(ours), shape(theirs));
    let info = annex_c::parse_encryption_info(ours).unwrap();
    let state: Value = serde_json::from_str(&state).unwrap();
    assert_eq!(info.nonce, state["nonce"].as_str().unwrap().as_bytes());
    assert_eq!(state["origin"], ORIGIN);
    assert_eq!(state["protocols"]["org-iso-mdoc"]["encryptionInfo"], ours);
    assert!(state["protocols"]["openid4vp-v1-unsigned"].is_null());
    // Another random gives another key and nonce.
    let (other, _) = create(
        &json!({
            "protocols": ["org-iso-mdoc"],
            "mdoc": { "docType": MDL, "claims": [[NS, "family_name"]] },
            "origin": ORIGIN,
        }),
        2,
    );
    let other_info = annex_c::parse_encryption_info(
        other["requests"][0]["data"]["encryptionInfo"]
            .as_str()
            .unwrap(),
    )
    .unwrap();
    assert_ne!(other_info.recipient, info.recipient);
    assert_ne!(other_info.nonce, info.nonce);
}

#[test]
fn intent_to_retain_and_namespace_maps_go_into_the_device_request() {
    let (request, _) = create(
        &json!({
            "protocols": ["org-iso-mdoc"],
            "mdoc": { "docType": MDL, "claims": { NS: ["portrait"], "org.example.1": ["x"] },
                      "intentToRetain": true },
            "origin": "http://localhost:8080",
            "nonce": "fixed-nonce",
        }),
        3,
    );
    let data = &request["requests"][0]["data"];
    let bytes = decode_url(data["deviceRequest"].as_str().unwrap()).unwrap();
    let dr = cbor::decode(&bytes, &Options::default()).unwrap();
    assert_eq!(dr.get("version").unwrap().as_text(), Some("1.0"));
    let doc_requests = dr.get("docRequests").unwrap().as_array().unwrap();
    let items = doc_requests[0]
        .get("itemsRequest")
        .unwrap()
        .decode_embedded(&Options::default())
        .unwrap()
        .unwrap();
    assert_eq!(items.get("docType").unwrap().as_text(), Some(MDL));
    let ns = items.get("nameSpaces").unwrap();
    assert_eq!(ns.as_map().unwrap().len(), 2);
    assert_eq!(
        ns.get(NS).unwrap().get("portrait").unwrap().as_bool(),
        Some(true)
    );
    assert_eq!(
        ns.get("org.example.1").unwrap().get("x").unwrap().as_bool(),
        Some(true)
    );
    let info = annex_c::parse_encryption_info(data["encryptionInfo"].as_str().unwrap()).unwrap();
    assert_eq!(info.nonce, b"fixed-nonce");
}

#[test]
fn openid4vp_request_follows_appendix_a() {
    let (request, state) = create(&options(), 4);
    let data = request_data(&request, "openid4vp-v1-unsigned");
    let state: Value = serde_json::from_str(&state).unwrap();
    assert_eq!(data["response_type"], "vp_token");
    assert_eq!(data["response_mode"], "dc_api.jwt");
    assert_eq!(data["nonce"], state["nonce"]);
    // Unsigned requests omit client_id (§A.2).
    assert!(data.get("client_id").is_none());
    let creds = data["dcql_query"]["credentials"].as_array().unwrap();
    assert_eq!(
        creds[0],
        json!({ "id": "mdoc", "format": "mso_mdoc", "meta": { "doctype_value": MDL },
                "claims": [{ "path": [NS, "family_name"], "intent_to_retain": false },
                           { "path": [NS, "birth_date"], "intent_to_retain": false }] })
    );
    assert_eq!(
        creds[1],
        json!({ "id": "sd_jwt", "format": "dc+sd-jwt", "meta": { "vct_values": [jws::PID_VCT] },
                "claims": [{ "path": ["given_name"] }] })
    );
    // Either credential answers the request.
    assert_eq!(
        data["dcql_query"]["credential_sets"],
        json!([{ "options": [["mdoc"], ["sd_jwt"]] }])
    );
    let meta = &data["client_metadata"];
    let jwk = &meta["jwks"]["keys"][0];
    assert_eq!(jwk["use"], "enc");
    assert_eq!(jwk["alg"], "ECDH-ES");
    assert_eq!(jwk["crv"], "P-256");
    assert!(jwk.get("d").is_none());
    assert_eq!(
        jwk["kid"],
        state["protocols"]["openid4vp-v1-unsigned"]["kid"]
    );
    let enc = meta["encrypted_response_enc_values_supported"]
        .as_array()
        .unwrap();
    assert!(enc.contains(&json!("A128GCM")));
    assert!(meta["vp_formats_supported"]["mso_mdoc"].is_object());
    assert!(meta["vp_formats_supported"]["dc+sd-jwt"].is_object());
    // One key per protocol.
    let (oid_key, _) = oid4vp_key(&request);
    let annex_key = annex_c::parse_encryption_info(
        request_data(&request, "org-iso-mdoc")["encryptionInfo"]
            .as_str()
            .unwrap(),
    )
    .unwrap()
    .recipient;
    assert_ne!(oid_key.sec1().unwrap(), &annex_key[..]);
    // Order of the protocols is the caller's.
    assert_eq!(request["requests"][0]["protocol"], "org-iso-mdoc");
    // SD-JWT only: no mso_mdoc format, no credential_sets.
    let (only, _) = create(
        &json!({ "protocols": ["openid4vp-v1-unsigned"],
                 "sdJwt": { "vct": jws::PID_VCT, "claims": [["address", "locality"], ["nationalities", null]] },
                 "origin": ORIGIN }),
        5,
    );
    let d = &only["requests"][0]["data"];
    assert!(d["dcql_query"].get("credential_sets").is_none());
    assert!(d["client_metadata"]["vp_formats_supported"]
        .get("mso_mdoc")
        .is_none());
    assert_eq!(
        d["dcql_query"]["credentials"][0]["claims"],
        json!([{ "path": ["address", "locality"] }, { "path": ["nationalities", null] }])
    );
}

#[test]
fn wrong_request_options_are_usage_errors() {
    let r = [9u8; 48];
    let with = |f: &dyn Fn(&mut Value)| {
        let mut o = options();
        f(&mut o);
        o
    };
    assert_eq!(
        usage(&with(&|o| o["protocols"] = json!([])), &r),
        "protocols"
    );
    assert_eq!(
        usage(
            &with(&|o| o["protocols"] = json!(["openid4vp-v1-signed"])),
            &r
        ),
        "protocols[0]"
    );
    assert_eq!(
        usage(
            &with(&|o| o["protocols"] = json!(["org-iso-mdoc", "org-iso-mdoc"])),
            &r
        ),
        "protocols"
    );
    assert_eq!(
        usage(
            &with(&|o| {
                o.as_object_mut().unwrap().remove("mdoc");
                o["protocols"] = json!(["org-iso-mdoc"]);
            }),
            &r
        ),
        "mdoc"
    );
    assert_eq!(
        usage(&with(&|o| o["protocols"] = json!(["org-iso-mdoc"])), &r),
        "sdJwt"
    );
    for origin in [
        "https://shop.example.vn/",
        "https://shop.example.vn/path",
        "shop.example.vn",
        "",
    ] {
        assert_eq!(usage(&with(&|o| o["origin"] = json!(origin)), &r), "origin");
    }
    assert_eq!(
        usage(
            &with(&|o| o["mdoc"]["claims"] = json!([[NS, "a"], [NS, "a"]])),
            &r
        ),
        "mdoc.claims"
    );
    assert_eq!(
        usage(&with(&|o| o["mdoc"]["claims"] = json!({})), &r),
        "mdoc.claims"
    );
    assert_eq!(
        usage(&with(&|o| o["sdJwt"]["claims"] = json!([[-1]])), &r),
        "sdJwt.claims[0]"
    );
    assert_eq!(
        usage(&with(&|o| o["sdJwt"]["claims"] = json!([[]])), &r),
        "sdJwt.claims[0]"
    );
    assert_eq!(usage(&with(&|o| o["nonce"] = json!("")), &r), "nonce");
    assert_eq!(usage(&with(&|o| o["extra"] = json!(1)), &r), "extra");
    assert_eq!(
        usage(&with(&|o| o["mdoc"]["doc_type"] = json!(MDL)), &r),
        "mdoc.doc_type"
    );
    // Too few random bytes.
    assert_eq!(usage(&options(), &[9u8; 47]), "random");
    assert!(create_credential_request(&options().to_string(), &[9u8; 48]).is_ok());
}

// ---------------------------------------------------------------------------------------------
// Round trips.

#[test]
fn annex_c_round_trip() {
    let (request, state) = create(&options(), 10);
    let (credential, _) = annex_c_answer(&request, ORIGIN, &all_elements());
    let r = verify(&credential, &state, &trust()).unwrap();
    assert_eq!(r["protocol"], "org-iso-mdoc");
    assert_eq!(r["format"], "mso_mdoc");
    assert_eq!(r["origin"], ORIGIN);
    assert!(r.get("sdJwt").is_none());
    let doc = &r["mdoc"]["documents"][0];
    assert_eq!(doc["docType"], MDL);
    assert_eq!(doc["claims"][NS]["family_name"]["value"], "Nguyễn");
    assert_eq!(doc["deviceAuth"], "signature");
    assert_eq!(r["missingClaims"], json!([]));
}

#[test]
fn openid4vp_mdoc_round_trip() {
    let (request, state) = create(&options(), 11);
    let credential = oid4vp_mdoc_answer(&request, ORIGIN, &all_elements());
    let r = verify(&credential, &state, &trust()).unwrap();
    assert_eq!(r["protocol"], "openid4vp-v1-unsigned");
    assert_eq!(r["format"], "mso_mdoc");
    assert_eq!(
        r["mdoc"]["documents"][0]["claims"][NS]["birth_date"]["type"],
        "full-date"
    );
    assert_eq!(r["missingClaims"], json!([]));
    // Without the thumbprint in the handover (a `dc_api` transcript) it does not verify.
    let nonce = request_data(&request, "openid4vp-v1-unsigned")["nonce"]
        .as_str()
        .unwrap();
    let dr = device_response(
        &SessionTranscript::oid4vp_dc_api(ORIGIN, nonce, None),
        &all_elements(),
    );
    let c = oid4vp_seal(
        &request,
        &json!({ "vp_token": { "mdoc": [encode_url(&dr)] } }),
    );
    assert_eq!(code(verify(&c, &state, &trust())), "ERR_MDOC_DEVICE_AUTH");
}

#[test]
fn openid4vp_sd_jwt_round_trip() {
    let (request, state) = create(&options(), 12);
    let credential = oid4vp_sd_jwt_answer(&request, jws::PID_VCT, ORIGIN);
    let r = verify(&credential, &state, &trust()).unwrap();
    assert_eq!(r["protocol"], "openid4vp-v1-unsigned");
    assert_eq!(r["format"], "dc+sd-jwt");
    assert!(r.get("mdoc").is_none());
    assert_eq!(r["sdJwt"]["claims"]["given_name"], "An");
    assert_eq!(r["sdJwt"]["vct"], jws::PID_VCT);
    assert_eq!(r["missingClaims"], json!([]));
}

// ---------------------------------------------------------------------------------------------
// Negatives: one per rule.

#[test]
fn origin_comes_from_the_state() {
    let (request, state) = create(&options(), 13);
    // The wallet was called from another origin (a phishing page relaying the request).
    let evil = "https://shop-example.vn";
    let (annex, _) = annex_c_answer(&request, evil, &all_elements());
    assert_eq!(code(verify(&annex, &state, &trust())), "ERR_DECRYPT_FAILED");
    let mdoc = oid4vp_mdoc_answer(&request, evil, &all_elements());
    assert_eq!(
        code(verify(&mdoc, &state, &trust())),
        "ERR_MDOC_DEVICE_AUTH"
    );
    let sd = oid4vp_sd_jwt_answer(&request, jws::PID_VCT, evil);
    assert_eq!(
        code(verify(&sd, &state, &trust())),
        "ERR_KB_AUDIENCE_MISMATCH"
    );
    // And the state's origin is the one checked: the right answers fail under a state whose
    // origin was changed.
    let mut s: Value = serde_json::from_str(&state).unwrap();
    s["origin"] = json!(evil);
    let changed = s.to_string();
    let (annex, _) = annex_c_answer(&request, ORIGIN, &all_elements());
    assert!(verify(&annex, &state, &trust()).is_ok());
    assert_eq!(
        code(verify(&annex, &changed, &trust())),
        "ERR_DECRYPT_FAILED"
    );
    let sd = oid4vp_sd_jwt_answer(&request, jws::PID_VCT, ORIGIN);
    assert!(verify(&sd, &state, &trust()).is_ok());
    assert_eq!(
        code(verify(&sd, &changed, &trust())),
        "ERR_KB_AUDIENCE_MISMATCH"
    );
}

#[test]
fn nonce_comes_from_the_state() {
    let (request, state) = create(&options(), 14);
    let mut s: Value = serde_json::from_str(&state).unwrap();
    s["nonce"] = json!("another-nonce");
    let changed = s.to_string();
    let mdoc = oid4vp_mdoc_answer(&request, ORIGIN, &all_elements());
    assert!(verify(&mdoc, &state, &trust()).is_ok());
    assert_eq!(
        code(verify(&mdoc, &changed, &trust())),
        "ERR_MDOC_DEVICE_AUTH"
    );
    let sd = oid4vp_sd_jwt_answer(&request, jws::PID_VCT, ORIGIN);
    assert_eq!(
        code(verify(&sd, &changed, &trust())),
        "ERR_KB_NONCE_MISMATCH"
    );
    // Annex C: the nonce is in encryptionInfo; a wallet answering an encryptionInfo with
    // another nonce (same key) does not open.
    let info = request_data(&request, "org-iso-mdoc")["encryptionInfo"]
        .as_str()
        .unwrap();
    let parsed = annex_c::parse_encryption_info(info).unwrap();
    let mut other_info_bytes = decode_url(info).unwrap();
    let at = other_info_bytes
        .windows(parsed.nonce.len())
        .position(|w| w == parsed.nonce.as_slice())
        .unwrap();
    other_info_bytes[at] ^= 1;
    let other_info = encode_url(&other_info_bytes);
    assert_eq!(
        annex_c::parse_encryption_info(&other_info)
            .unwrap()
            .recipient,
        parsed.recipient
    );
    let t = SessionTranscript::dcapi(&other_info, ORIGIN);
    let c = annex_c_seal(&request, &t, &device_response(&t, &all_elements()));
    assert_eq!(code(verify(&c, &state, &trust())), "ERR_DECRYPT_FAILED");
}

#[test]
fn a_response_to_another_request_is_refused() {
    let (request_a, state_a) = create(&options(), 15);
    let (request_b, state_b) = create(&options(), 16);
    let (annex, _) = annex_c_answer(&request_b, ORIGIN, &all_elements());
    assert!(verify(&annex, &state_b, &trust()).is_ok());
    assert_eq!(
        code(verify(&annex, &state_a, &trust())),
        "ERR_DECRYPT_FAILED"
    );
    let mdoc = oid4vp_mdoc_answer(&request_b, ORIGIN, &all_elements());
    assert!(verify(&mdoc, &state_b, &trust()).is_ok());
    assert_eq!(
        code(verify(&mdoc, &state_a, &trust())),
        "ERR_JWE_KID_MISMATCH"
    );
    let _ = request_a;
}

#[test]
fn plaintext_is_refused_when_encryption_was_requested() {
    let (request, state) = create(&options(), 17);
    let (_, transcript) = annex_c_answer(&request, ORIGIN, &all_elements());
    let dr = device_response(&transcript, &all_elements());
    let clear = json!({ "protocol": "org-iso-mdoc", "data": { "response": encode_url(&dr) } });
    assert_eq!(
        code(verify(&clear, &state, &trust())),
        "ERR_RESPONSE_NOT_ENCRYPTED"
    );
    let nonce = request_data(&request, "openid4vp-v1-unsigned")["nonce"]
        .as_str()
        .unwrap();
    let (key, _) = oid4vp_key(&request);
    let tp = decode_url(&key.thumbprint()).unwrap();
    let dr = device_response(
        &SessionTranscript::oid4vp_dc_api(ORIGIN, nonce, Some(&tp)),
        &all_elements(),
    );
    let clear = json!({ "protocol": "openid4vp-v1-unsigned",
                        "data": { "vp_token": { "mdoc": [encode_url(&dr)] } } });
    assert_eq!(
        code(verify(&clear, &state, &trust())),
        "ERR_RESPONSE_NOT_ENCRYPTED"
    );
    // The same, encrypted, verifies.
    let sealed = oid4vp_seal(
        &request,
        &json!({ "vp_token": { "mdoc": [encode_url(&dr)] } }),
    );
    assert!(verify(&sealed, &state, &trust()).is_ok());
}

#[test]
fn protocol_must_be_one_requested() {
    let (request, state) = create(&options(), 18);
    let (mut annex, _) = annex_c_answer(&request, ORIGIN, &all_elements());
    annex["protocol"] = json!("openid4vp-v1-signed");
    assert_eq!(code(verify(&annex, &state, &trust())), "ERR_DCAPI_PROTOCOL");
    // A request that offered only org-iso-mdoc does not take an OpenID4VP answer.
    let mdoc_only = json!({ "protocols": ["org-iso-mdoc"],
                            "mdoc": { "docType": MDL, "claims": [[NS, "family_name"]] },
                            "origin": ORIGIN });
    let (_, state_mdoc_only) = create(&mdoc_only, 18);
    let oid = oid4vp_mdoc_answer(&request, ORIGIN, &all_elements());
    assert_eq!(
        code(verify(&oid, &state_mdoc_only, &trust())),
        "ERR_DCAPI_PROTOCOL"
    );
    let (annex, _) = annex_c_answer(&request, ORIGIN, &all_elements());
    assert!(verify(&annex, &state_mdoc_only, &trust()).is_ok());
    // Malformed credentials.
    for (bad, reason) in [
        (json!([]), "ERR_DCAPI_CREDENTIAL"),
        (
            json!({ "protocol": "org-iso-mdoc" }),
            "ERR_DCAPI_CREDENTIAL",
        ),
        (
            json!({ "protocol": "org-iso-mdoc", "data": "x" }),
            "ERR_DCAPI_CREDENTIAL",
        ),
        (
            json!({ "protocol": "org-iso-mdoc", "data": {} }),
            "ERR_DCAPI_CREDENTIAL",
        ),
        (
            json!({ "protocol": "org-iso-mdoc", "data": { "response": "x", "more": 1 } }),
            "ERR_DCAPI_CREDENTIAL",
        ),
        (json!({ "protocol": 1, "data": {} }), "ERR_DCAPI_CREDENTIAL"),
    ] {
        assert_eq!(code(verify(&bad, &state, &trust())), reason, "{bad}");
    }
    // Oversized answers are refused before parsing.
    let (mut huge, _) = annex_c_answer(&request, ORIGIN, &all_elements());
    huge["type"] = json!("x".repeat(cccd_verify::dcapi::MAX_CREDENTIAL_BYTES));
    assert_eq!(code(verify(&huge, &state, &trust())), "ERR_INPUT_TOO_LARGE");
    // Members beside protocol and data (and Credential's id and type) are refused.
    let (mut extra, _) = annex_c_answer(&request, ORIGIN, &all_elements());
    extra["type"] = json!("digital");
    extra["id"] = json!("");
    assert!(verify(&extra, &state, &trust()).is_ok());
    extra["x"] = json!(1);
    assert_eq!(
        code(verify(&extra, &state, &trust())),
        "ERR_DCAPI_CREDENTIAL"
    );
    assert_eq!(
        verify_credential_response(
            r#"{"protocol":"org-iso-mdoc","protocol":"org-iso-mdoc","data":{}}"#,
            &state,
            &trust().to_string()
        )
        .err()
        .map(|e| e.to_string()),
        Some("ERR_DCAPI_CREDENTIAL".to_owned())
    );
}

#[test]
fn missing_claims_are_reported() {
    let (request, state) = create(&options(), 19);
    let only_name = vec![("family_name", text("Nguyễn"))];
    let (annex, _) = annex_c_answer(&request, ORIGIN, &only_name);
    let r = verify(&annex, &state, &trust()).unwrap();
    assert_eq!(r["missingClaims"], json!([[NS, "birth_date"]]));
    let oid = oid4vp_mdoc_answer(&request, ORIGIN, &only_name);
    let r = verify(&oid, &state, &trust()).unwrap();
    assert_eq!(r["missingClaims"], json!([[NS, "birth_date"]]));
    // SD-JWT VC paths: a string selects a member, an integer an element, null every element
    // of an array (and nothing else).
    let mut o = options();
    o["sdJwt"]["claims"] = json!([
        "given_name",
        ["address", "locality"],
        ["address", "country"],
        ["nationalities", null],
        ["nationalities", 0],
        ["nationalities", 1],
        ["given_name", null],
        ["birthdate", null],
        ["vct"]
    ]);
    let (request, state) = create(&o, 20);
    let sd = oid4vp_sd_jwt_answer(&request, jws::PID_VCT, ORIGIN);
    let r = verify(&sd, &state, &trust()).unwrap();
    assert_eq!(
        r["missingClaims"],
        json!([
            ["address", "locality"],
            ["nationalities", 1],
            ["given_name", null],
            ["birthdate", null]
        ])
    );
}

#[test]
fn tampered_ciphertexts_do_not_open() {
    let (request, state) = create(&options(), 21);
    let (annex, _) = annex_c_answer(&request, ORIGIN, &all_elements());
    let mut sealed = decode_url(annex["data"]["response"].as_str().unwrap()).unwrap();
    let last = sealed.len() - 20;
    sealed[last] ^= 0x01;
    let bad = json!({ "protocol": "org-iso-mdoc", "data": { "response": encode_url(&sealed) } });
    assert_eq!(code(verify(&bad, &state, &trust())), "ERR_DECRYPT_FAILED");
    let oid = oid4vp_mdoc_answer(&request, ORIGIN, &all_elements());
    let jwe = oid["data"]["response"].as_str().unwrap();
    let mut parts: Vec<String> = jwe.split('.').map(str::to_owned).collect();
    let mut ct = decode_url(&parts[3]).unwrap();
    ct[3] ^= 0x80;
    parts[3] = encode_url(&ct);
    let bad =
        json!({ "protocol": "openid4vp-v1-unsigned", "data": { "response": parts.join(".") } });
    assert_eq!(code(verify(&bad, &state, &trust())), "ERR_DECRYPT_FAILED");
}

#[test]
fn vp_token_must_hold_one_requested_presentation() {
    let (request, state) = create(&options(), 22);
    let sd = sd_jwt_presentation(
        jws::PID_VCT,
        request_data(&request, "openid4vp-v1-unsigned")["nonce"]
            .as_str()
            .unwrap(),
        &format!("origin:{ORIGIN}"),
    );
    for (params, reason) in [
        (json!({}), "missing"),
        (json!({ "vp_token": [sd] }), "shape"),
        (json!({ "vp_token": { "other": [sd] } }), "unknown-id"),
        (json!({ "vp_token": { "sd_jwt": sd } }), "shape"),
        (json!({ "vp_token": { "sd_jwt": [1] } }), "presentation"),
        (json!({ "vp_token": { "sd_jwt": [sd, sd] } }), "count"),
        (json!({ "vp_token": { "sd_jwt": [] } }), "count"),
        (json!({ "vp_token": { "mdoc": ["***"] } }), "presentation"),
    ] {
        let c = oid4vp_seal(&request, &params);
        match verify(&c, &state, &trust()) {
            Err(FlowError::Failed(e)) => {
                assert_eq!(e.code(), "ERR_DCAPI_VP_TOKEN", "{params}");
                assert_eq!(e.params()["reason"], reason, "{params}");
            }
            other => panic!("{params}: {other:?}"),
        }
    }
    let ok = oid4vp_seal(&request, &json!({ "vp_token": { "sd_jwt": [sd] } }));
    assert!(verify(&ok, &state, &trust()).is_ok());
    // A credential id the request did not ask for: an SD-JWT-only request gets an mdoc.
    let (req_sd, state_sd) = create(
        &json!({ "protocols": ["openid4vp-v1-unsigned"],
                 "sdJwt": { "vct": jws::PID_VCT, "claims": ["given_name"] }, "origin": ORIGIN }),
        23,
    );
    let c = oid4vp_seal(&req_sd, &json!({ "vp_token": { "mdoc": ["AA"] } }));
    assert_eq!(code(verify(&c, &state_sd, &trust())), "ERR_DCAPI_VP_TOKEN");
}

#[test]
fn wallet_errors_and_other_credential_types() {
    let (request, state) = create(&options(), 24);
    let c = oid4vp_seal(&request, &json!({ "error": "access_denied" }));
    assert_eq!(code(verify(&c, &state, &trust())), "ERR_DCAPI_WALLET_ERROR");
    // An error may come in the clear (a wallet that could not encrypt).
    let clear =
        json!({ "protocol": "openid4vp-v1-unsigned", "data": { "error": "access_denied" } });
    assert_eq!(
        code(verify(&clear, &state, &trust())),
        "ERR_DCAPI_WALLET_ERROR"
    );
    let other = oid4vp_sd_jwt_answer(&request, "urn:example:other:1", ORIGIN);
    assert_eq!(
        code(verify(&other, &state, &trust())),
        "ERR_DCAPI_CREDENTIAL_MISMATCH"
    );
    // The mdoc's docType is the one asked for.
    let mut o = options();
    o["mdoc"]["docType"] = json!("eu.europa.ec.eudi.pid.1");
    let (request, state) = create(&o, 25);
    let (annex, _) = annex_c_answer(&request, ORIGIN, &all_elements());
    assert_eq!(
        code(verify(&annex, &state, &trust())),
        "ERR_MDOC_DOCTYPE_MISMATCH"
    );
}

#[test]
fn state_is_checked_and_expires() {
    let (request, state) = create(&options(), 26);
    let (annex, _) = annex_c_answer(&request, ORIGIN, &all_elements());
    let at = |now: i64, max: Option<u32>| {
        let mut t = trust();
        t["now"] = json!(now);
        if let Some(m) = max {
            t["maxAgeSeconds"] = json!(m);
        }
        t
    };
    assert!(verify(&annex, &state, &at(NOW + 600, None)).is_ok());
    assert_eq!(
        code(verify(&annex, &state, &at(NOW + 601, None))),
        "ERR_DCAPI_STATE_EXPIRED"
    );
    assert!(verify(&annex, &state, &at(NOW + 1200, Some(1200))).is_ok());
    assert_eq!(
        code(verify(&annex, &state, &at(NOW - 61, None))),
        "ERR_DCAPI_STATE_EXPIRED"
    );
    // Without `now` at creation there is no age to check.
    let mut o = options();
    o.as_object_mut().unwrap().remove("now");
    let (request, state_no_time) = create(&o, 26);
    let (annex2, _) = annex_c_answer(&request, ORIGIN, &all_elements());
    assert!(verify(&annex2, &state_no_time, &at(NOW + 86_400, None)).is_ok());
    // Broken states.
    let mut s: Value = serde_json::from_str(&state).unwrap();
    s["protocols"]["org-iso-mdoc"]["privateKey"] = json!(encode_url(&[0u8; 32]));
    assert_eq!(
        code(verify(&annex, &s.to_string(), &trust())),
        "ERR_DCAPI_STATE"
    );
    let mut s: Value = serde_json::from_str(&state).unwrap();
    s["protocols"]["org-iso-mdoc"]["privateKey"] = json!(encode_url(&[0x11u8; 32]));
    assert_eq!(
        code(verify(&annex, &s.to_string(), &trust())),
        "ERR_DCAPI_STATE"
    );
    let mut s: Value = serde_json::from_str(&state).unwrap();
    s["v"] = json!(2);
    assert_eq!(
        code(verify(&annex, &s.to_string(), &trust())),
        "ERR_DCAPI_STATE"
    );
    let mut s: Value = serde_json::from_str(&state).unwrap();
    s["extra"] = json!(1);
    assert_eq!(
        code(verify(&annex, &s.to_string(), &trust())),
        "ERR_DCAPI_STATE"
    );
    assert_eq!(code(verify(&annex, "{", &trust())), "ERR_DCAPI_STATE");
    // The OpenID4VP key's kid is its thumbprint.
    let oid = oid4vp_mdoc_answer(&request, ORIGIN, &all_elements());
    assert!(verify(&oid, &state, &trust()).is_ok());
    let mut s: Value = serde_json::from_str(&state).unwrap();
    s["protocols"]["openid4vp-v1-unsigned"]["kid"] = json!("another-kid");
    assert_eq!(
        code(verify(&oid, &s.to_string(), &trust())),
        "ERR_DCAPI_STATE"
    );
}

#[test]
fn wrong_verify_options_are_usage_errors() {
    let (request, state) = create(&options(), 27);
    let (annex, _) = annex_c_answer(&request, ORIGIN, &all_elements());
    let with = |f: &dyn Fn(&mut Value)| {
        let mut t = trust();
        f(&mut t);
        t
    };
    for (t, path) in [
        (with(&|t| t["trust"] = json!({})), "trust"),
        (
            with(&|t| t["trust"]["mdoc"]["now"] = json!(NOW)),
            "trust.mdoc.now",
        ),
        (
            with(&|t| t["trust"]["mdoc"]["allowDeviceMac"] = json!(true)),
            "trust.mdoc.allowDeviceMac",
        ),
        (
            with(&|t| t["trust"]["sdJwt"]["keyBinding"] = json!(null)),
            "trust.sdJwt.keyBinding",
        ),
        (
            with(&|t| t["trust"]["mdoc"]["anchors"] = json!([])),
            "trust.mdoc.anchors",
        ),
        (
            with(&|t| t["trust"]["sdJwt"]["algorithms"] = json!(["RS1"])),
            "trust.sdJwt.algorithms[0]",
        ),
        (with(&|t| t["maxAgeSeconds"] = json!(0)), "maxAgeSeconds"),
        (with(&|t| t["extra"] = json!(0)), "extra"),
        (
            with(&|t| {
                t["trust"].as_object_mut().unwrap().remove("sdJwt");
            }),
            "trust.sdJwt",
        ),
    ] {
        assert_eq!(
            code(verify(&annex, &state, &t)),
            format!("options:{path}"),
            "{t}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Fixtures and vectors through the same API, with states built from their published keys.

#[test]
fn demo_fixtures_round_trip_through_both_protocols() {
    let expected = json_file("tests/data/mdoc/expected.json");
    let now = expected["now"].as_i64().unwrap();
    let opts = json!({ "now": now, "trust": { "mdoc": {
        "anchors": [encode_std(&read("tests/data/mdoc/iaca.der"))] } } });
    // Annex C: the plaintext fixture, sealed to its recipient key (seed 0xa8).
    let flow = &expected["flows"]["annex-c"];
    let origin = flow["origin"].as_str().unwrap();
    let info = flow["encryptionInfo"].as_str().unwrap();
    let key = hex(flow["recipientPrivateKeyHex"].as_str().unwrap());
    let state = json!({
        "v": 1, "origin": origin, "nonce": "fixture", "created": null,
        "mdoc": { "docType": MDL, "claims": [[NS, "family_name"]], "intentToRetain": false },
        "sdJwt": null,
        "protocols": { "org-iso-mdoc": { "privateKey": encode_url(&key), "encryptionInfo": info } },
    })
    .to_string();
    let dr = read("tests/data/mdoc/mdl.annex-c.valid.cbor");
    let recipient = annex_c::parse_encryption_info(info).unwrap().recipient;
    let t = SessionTranscript::dcapi(info, origin);
    let sealed = annex_c::seal_response(&dr, &recipient, &[0x42; 32], t.as_bytes()).unwrap();
    let c = json!({ "protocol": "org-iso-mdoc", "data": { "response": encode_url(&sealed) } });
    let r = verify(&c, &state, &opts).unwrap();
    assert_eq!(r["mdoc"]["documents"][0]["docType"], MDL);
    // The proximity fixture (deviceMac) is not for this flow.
    let prox = read("tests/data/mdoc/mdl.device-mac-in-dcapi.rejects.cbor");
    let sealed = annex_c::seal_response(&prox, &recipient, &[0x42; 32], t.as_bytes()).unwrap();
    let c = json!({ "protocol": "org-iso-mdoc", "data": { "response": encode_url(&sealed) } });
    match verify(&c, &state, &opts) {
        Err(FlowError::Failed(e)) => {
            assert_eq!(e.code(), "ERR_MDOC_DEVICE_AUTH");
            assert_eq!(e.params()["reason"], "mac-not-allowed");
        }
        other => panic!("{other:?}"),
    }
    // OpenID4VP with the thumbprint of the verifier key (seed 0xa7).
    let flow = &expected["flows"]["oid4vp-dcapi-jwk"];
    let key = [0xa7u8; 32];
    let public = PublicKey::from_jwk(&flow["encryptionJwk"]).unwrap();
    let kid = public.thumbprint();
    assert_eq!(
        hex(flow["jwkThumbprintHex"].as_str().unwrap()),
        decode_url(&kid).unwrap()
    );
    let state = json!({
        "v": 1, "origin": flow["origin"], "nonce": flow["nonce"], "created": null,
        "mdoc": { "docType": MDL, "claims": [[NS, "family_name"]], "intentToRetain": false },
        "sdJwt": null,
        "protocols": { "openid4vp-v1-unsigned": { "privateKey": encode_url(&key), "kid": kid } },
    })
    .to_string();
    let dr = read("tests/data/mdoc/mdl.oid4vp-dcapi-jwk.valid.cbor");
    let params = json!({ "vp_token": { "mdoc": [encode_url(&dr)] } });
    let jwe = encrypt(
        params.to_string().as_bytes(),
        &public,
        Some(&kid),
        ContentEncryption::A256Gcm,
        &[0x43; 32],
        [1; 12],
    )
    .unwrap();
    let c = json!({ "protocol": "openid4vp-v1-unsigned", "data": { "response": jwe } });
    let r = verify(&c, &state, &opts).unwrap();
    assert_eq!(r["format"], "mso_mdoc");
    // The fixture made for the handover without the thumbprint (`dc_api`) is refused here.
    let dr = read("tests/data/mdoc/mdl.oid4vp-dcapi.valid.cbor");
    let params = json!({ "vp_token": { "mdoc": [encode_url(&dr)] } });
    let jwe = encrypt(
        params.to_string().as_bytes(),
        &public,
        Some(&kid),
        ContentEncryption::A128Gcm,
        &[0x43; 32],
        [1; 12],
    )
    .unwrap();
    let c = json!({ "protocol": "openid4vp-v1-unsigned", "data": { "response": jwe } });
    assert_eq!(code(verify(&c, &state, &opts)), "ERR_MDOC_DEVICE_AUTH");
}

#[test]
fn synthetic_annex_c_vector_through_verify_credential_response() {
    let base = "../shared/vectors/dcapi-annex-c/synthetic";
    let v = json_file(&format!("{base}/vector.json"));
    // Its own clock.
    let now = 1_767_312_000; // 2026-01-02T00:00:00Z, `validate_at`
    let info = v["dc_api_request"]["data"]["encryptionInfo"]
        .as_str()
        .unwrap();
    let nonce = annex_c::parse_encryption_info(info).unwrap().nonce;
    let state = |origin: &str| {
        json!({
            "v": 1, "origin": origin, "nonce": encode_url(&nonce), "created": null,
            "mdoc": { "docType": MDL, "claims": [[NS, "family_name"], [NS, "document_number"]],
                      "intentToRetain": false },
            "sdJwt": null,
            "protocols": { "org-iso-mdoc": {
                "privateKey": encode_url(&hex(v["recipient_private_key_hex"].as_str().unwrap())),
                "encryptionInfo": info } },
        })
        .to_string()
    };
    // Its throwaway DS has no key identifiers (the Annex B profile refuses it under the IACA):
    // it is pinned.
    let opts = json!({ "now": now, "trust": { "mdoc": {
        "pinnedSigners": [encode_std(&pem_der(&format!("{base}/ds_cert.pem")))] } } });
    let credential = &v["dc_api_response"];
    let origin = v["origin"].as_str().unwrap();
    let r = verify(credential, &state(origin), &opts).unwrap();
    let claims = &r["mdoc"]["documents"][0]["claims"][NS];
    let mut names: Vec<&String> = claims.as_object().unwrap().keys().collect();
    names.sort();
    assert_eq!(names, ["document_number", "family_name"]);
    assert_eq!(r["missingClaims"], json!([]));
    // Another origin in the state: the transcript differs and HPKE does not open.
    assert_eq!(
        code(verify(
            credential,
            &state("https://verifier.example.com"),
            &opts
        )),
        "ERR_DECRYPT_FAILED"
    );
    // Under the IACA (not pinned) the profile refuses the DS.
    let opts = json!({ "now": now, "trust": { "mdoc": {
        "anchors": [encode_std(&pem_der(&format!("{base}/iaca_root.pem")))] } } });
    assert_eq!(
        code(verify(credential, &state(origin), &opts)),
        "ERR_CERT_PROFILE_VIOLATION"
    );
    let _ = YEAR;
}

// ---------------------------------------------------------------------------------------------
// Fuzz seeds (`fuzz/corpus/dcapi/`): answers to the fuzz body's fixed request.

#[allow(clippy::duplicate_mod)]
#[path = "../fuzz/bodies/dcapi.rs"]
mod fuzz_body;

fn fuzz_seeds() -> Vec<(&'static str, Vec<u8>)> {
    let (request, state) = fuzz_body::request().unwrap();
    let request: Value = serde_json::from_str(&request).unwrap();
    let origin = fuzz_body::ORIGIN;
    let (annex, transcript) = annex_c_answer(&request, origin, &all_elements());
    let dr = device_response(&transcript, &all_elements());
    let seeds = [
        ("annex_c", annex),
        (
            "oid4vp_mdoc",
            oid4vp_mdoc_answer(&request, origin, &all_elements()),
        ),
        (
            "oid4vp_sd_jwt",
            oid4vp_sd_jwt_answer(&request, "urn:eudi:pid:1", origin),
        ),
        (
            "oid4vp_two",
            oid4vp_seal(&request, &json!({ "vp_token": { "sd_jwt": ["a", "b"] } })),
        ),
        (
            "wallet_error",
            oid4vp_seal(&request, &json!({ "error": "access_denied" })),
        ),
        (
            "annex_c_plaintext",
            json!({ "protocol": "org-iso-mdoc", "data": { "response": encode_url(&dr) } }),
        ),
        (
            "other_protocol",
            json!({ "protocol": "openid4vp-v1-signed", "data": { "request": "x" } }),
        ),
    ];
    let mut out: Vec<(&'static str, Vec<u8>)> = seeds
        .into_iter()
        .map(|(n, v)| (n, v.to_string().into_bytes()))
        .collect();
    out.push(("request_options", fuzz_body::request_options().into_bytes()));
    out.push(("state", state.into_bytes()));
    out
}

#[test]
fn fuzz_seeds_are_current_and_some_open() {
    let dir = std::path::Path::new("fuzz/corpus/dcapi");
    let regenerate = std::env::var_os("REGENERATE_DCAPI_SEEDS").is_some();
    let mut opened = 0;
    for (name, bytes) in fuzz_seeds() {
        let path = dir.join(name);
        if regenerate {
            fs::write(&path, &bytes).unwrap();
        }
        assert_eq!(
            fs::read(&path).unwrap(),
            bytes,
            "{name}: REGENERATE_DCAPI_SEEDS=1"
        );
        opened += usize::from(fuzz_body::run(&bytes));
    }
    assert_eq!(opened, 4);
}

/// The flow's JSON is read and written by hand (`src/read.rs`, smaller in wasm than the
/// serde derives): the same states and options as the derives, and the same refusals.
#[test]
fn hand_written_readers_agree_with_the_serde_derives() {
    use cccd_verify::dcapi::{RequestOptions, State};
    let mut with_pairs = options();
    with_pairs["mdoc"]["claims"] = json!([[NS, "family_name"], ["other.ns", "x"]]);
    with_pairs["mdoc"]["intentToRetain"] = json!(true);
    with_pairs["sdJwt"]["claims"] = json!([
        "given_name",
        ["address", "locality"],
        ["nationalities", null],
        ["a", 0]
    ]);
    with_pairs["nonce"] = json!("n-0123456789abcdef");
    let mut mdoc_only = options();
    mdoc_only["protocols"] = json!(["org-iso-mdoc"]);
    mdoc_only.as_object_mut().unwrap().remove("sdJwt");
    mdoc_only.as_object_mut().unwrap().remove("now");
    for o in [options(), with_pairs, mdoc_only] {
        let text = o.to_string();
        let derived: RequestOptions = serde_json::from_str(&text).unwrap();
        let by_hand = RequestOptions::from_json(&text).unwrap();
        assert_eq!(format!("{derived:?}"), format!("{by_hand:?}"));
        let (_, state) = create(&o, 41);
        let derived: State = serde_json::from_str(&state).unwrap();
        assert_eq!(State::from_json(&state).unwrap(), derived);
        let reserialized: Value = serde_json::from_str(&derived.to_json()).unwrap();
        assert_eq!(reserialized, serde_json::to_value(&derived).unwrap());
    }
    // Wrong members are refused by both.
    for bad in [
        json!({ "protocols": ["org-iso-mdoc"], "origin": ORIGIN, "mdoc": { "docType": MDL, "claims": [[NS]] } }),
        json!({ "protocols": ["org-iso-mdoc"], "origin": ORIGIN, "mdoc": { "docType": MDL, "claims": { NS: "x" } } }),
        json!({ "protocols": "org-iso-mdoc", "origin": ORIGIN, "mdoc": { "docType": MDL, "claims": [[NS, "a"]] } }),
        json!({ "protocols": ["org-iso-mdoc"], "mdoc": { "docType": MDL, "claims": [[NS, "a"]] } }),
        json!({ "protocols": ["org-iso-mdoc"], "origin": ORIGIN, "now": "1", "mdoc": { "docType": MDL, "claims": [[NS, "a"]] } }),
        json!({ "protocols": ["openid4vp-v1-unsigned"], "origin": ORIGIN, "sdJwt": { "vct": "v", "claims": [1] } }),
        json!({ "protocols": ["openid4vp-v1-unsigned"], "origin": ORIGIN, "sdJwt": { "vct": "v", "claims": ["a"], "x": 1 } }),
    ] {
        assert!(
            serde_json::from_str::<RequestOptions>(&bad.to_string()).is_err(),
            "{bad}"
        );
        assert!(
            RequestOptions::from_json(&bad.to_string()).is_err(),
            "{bad}"
        );
    }
    let (_, state) = create(&options(), 42);
    let s: Value = serde_json::from_str(&state).unwrap();
    for (ptr, v) in [
        ("/mdoc/intentToRetain", Value::Null),
        ("/mdoc/claims", json!([["a"]])),
        ("/sdJwt/claims", json!(["a"])),
        ("/protocols/org-iso-mdoc/kid", json!("k")),
        ("/origin", json!(1)),
        ("/created", json!("1")),
    ] {
        let mut t = s.clone();
        match t.pointer_mut(ptr) {
            Some(slot) => *slot = v,
            None => {
                let (parent, key) = ptr.rsplit_once('/').unwrap();
                t.pointer_mut(parent)
                    .unwrap()
                    .as_object_mut()
                    .unwrap()
                    .insert(key.into(), v);
            }
        }
        let text = t.to_string();
        assert!(serde_json::from_str::<State>(&text).is_err(), "{ptr}");
        assert_eq!(
            State::from_json(&text).unwrap_err().code(),
            "ERR_DCAPI_STATE",
            "{ptr}"
        );
    }
}

/// The request and the state are written as text directly (`wire::JsonText`), not through a
/// `serde_json::Value`: the text must be exactly what serde_json writes for the same values
/// (members sorted by name, serde_json's escapes), for every shape of request.
#[test]
fn request_and_state_text_is_what_serde_json_writes() {
    let mut quoted = options();
    quoted["nonce"] = json!("n \"q\" \\ é ✓ 𝄞");
    quoted["mdoc"]["claims"] = json!([[NS, "a\"b"], ["ns\\x", "ü"]]);
    quoted["mdoc"]["intentToRetain"] = json!(true);
    quoted["sdJwt"]["claims"] = json!(["given_name", ["address", null, 0], ["x\"y"]]);
    let mut mdoc_only = options();
    mdoc_only["protocols"] = json!(["org-iso-mdoc"]);
    mdoc_only.as_object_mut().unwrap().remove("sdJwt");
    mdoc_only.as_object_mut().unwrap().remove("now");
    let mut sd_jwt_only = options();
    sd_jwt_only["protocols"] = json!(["openid4vp-v1-unsigned"]);
    sd_jwt_only.as_object_mut().unwrap().remove("mdoc");
    let mut oid4vp_mdoc = options();
    oid4vp_mdoc["protocols"] = json!(["openid4vp-v1-unsigned", "org-iso-mdoc"]);
    oid4vp_mdoc.as_object_mut().unwrap().remove("sdJwt");
    for o in [options(), quoted, mdoc_only, sd_jwt_only, oid4vp_mdoc] {
        let (request, state) = create_credential_request(&o.to_string(), &[7; 48]).unwrap();
        for text in [&request, &state] {
            let value: Value = serde_json::from_str(text).unwrap();
            assert_eq!(&value.to_string(), text);
        }
    }
}
