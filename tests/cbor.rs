//! The CBOR reader (`src/cbor/`) on real ISO 18013-5 data, read in place from
//! `../shared/vectors/` (see its README): the Annex D DeviceResponse and real wallets'
//! responses. The end-to-end check of "digests over the received bytes": every disclosed
//! `IssuerSignedItemBytes` (a tag-24 item) is hashed exactly as kept by the reader and must
//! equal the digest the issuer signed in the MSO's `valueDigests` (presentations.md §2.1).
#![cfg(feature = "verify")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::Path;

use cccd_verify::cbor::{decode, Encoder, Item, Options, Value, TAG_DATE_TIME, TAG_ENCODED_CBOR};
use sha2::{Digest, Sha256, Sha384, Sha512};

const VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/vectors");

fn read(rel: &str) -> Vec<u8> {
    let path = Path::new(VECTORS).join(rel);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if rel.ends_with(".hex") {
        let text: String = String::from_utf8(bytes)
            .unwrap()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        (0..text.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
            .collect()
    } else {
        bytes
    }
}

fn lenient() -> Options {
    Options::default()
}

/// What one IssuerSigned structure yields.
#[derive(Debug, Default)]
struct Checked {
    items: usize,
    mismatches: Vec<String>,
    doc_type: String,
}

fn digest(alg: &str, bytes: &[u8]) -> Vec<u8> {
    match alg {
        "SHA-256" => Sha256::digest(bytes).to_vec(),
        "SHA-384" => Sha384::digest(bytes).to_vec(),
        "SHA-512" => Sha512::digest(bytes).to_vec(),
        other => panic!("digest algorithm {other}"),
    }
}

/// Checks one `IssuerSigned` map: the issuerAuth COSE_Sign1's payload is
/// MobileSecurityObjectBytes (tag 24), and each disclosed item's received bytes hash to the MSO
/// digest under its namespace and digestID.
fn check_issuer_signed(issuer_signed: &Item<'_>) -> Checked {
    let auth = issuer_signed.get("issuerAuth").unwrap().as_array().unwrap();
    assert_eq!(
        auth.len(),
        4,
        "COSE_Sign1 is [protected, unprotected, payload, signature]"
    );
    // The protected header is a byte string holding a map with alg (label 1).
    let protected = decode(auth[0].as_bytes().unwrap(), &lenient()).unwrap();
    assert!(protected.get_int(1).unwrap().as_i64().unwrap() < 0);
    // x5chain (label 33) in the unprotected header: one certificate or an array of them.
    let x5chain = auth[1].get_int(33).unwrap();
    let first_cert = match x5chain.value() {
        Value::Bytes(b) => *b,
        Value::Array(certs) => certs[0].as_bytes().unwrap(),
        other => panic!("x5chain {other:?}"),
    };
    assert_eq!(first_cert[0], 0x30, "a DER SEQUENCE");
    let payload = decode(auth[2].as_bytes().unwrap(), &lenient()).unwrap();
    assert_eq!(payload.as_tag().unwrap().0, TAG_ENCODED_CBOR);
    let mso = payload.decode_embedded(&lenient()).unwrap().unwrap();
    let validity = mso.get("validityInfo").unwrap();
    for field in ["signed", "validFrom", "validUntil"] {
        let (tag, text) = validity.get(field).unwrap().as_tag().unwrap();
        assert_eq!(tag, TAG_DATE_TIME, "{field}");
        assert!(text.as_text().unwrap().ends_with('Z'), "{field}");
    }
    // Read with the crate's time rules (src/date.rs; Google's tdates carry fractions).
    let at = |f: &str| validity.get(f).unwrap().as_date_time().unwrap();
    assert!(at("validFrom") <= at("validUntil"));
    assert!(at("signed") <= at("validUntil"));
    let alg = mso.get("digestAlgorithm").unwrap().as_text().unwrap();
    let value_digests = mso.get("valueDigests").unwrap();
    let mut out = Checked {
        doc_type: mso.get("docType").unwrap().as_text().unwrap().to_owned(),
        ..Checked::default()
    };
    for (ns, items) in issuer_signed.get("nameSpaces").unwrap().as_map().unwrap() {
        let ns = ns.as_text().unwrap();
        let digests = value_digests.get(ns).unwrap();
        for wrapped in items.as_array().unwrap() {
            assert_eq!(wrapped.as_tag().unwrap().0, TAG_ENCODED_CBOR);
            let item = wrapped.decode_embedded(&lenient()).unwrap().unwrap();
            let id = item.get("digestID").unwrap().as_i64().unwrap();
            let name = item.get("elementIdentifier").unwrap().as_text().unwrap();
            let expected = digests.get_int(id).unwrap().as_bytes().unwrap();
            if digest(alg, wrapped.raw()) != expected {
                out.mismatches.push(format!("{ns}/{name}"));
            }
            out.items += 1;
        }
    }
    out
}

/// Every document of a DeviceResponse.
fn check_device_response(bytes: &[u8]) -> Vec<Checked> {
    let response = decode(bytes, &lenient()).unwrap();
    assert_eq!(response.get("version").unwrap().as_text(), Some("1.0"));
    assert_eq!(response.get("status").unwrap().as_u64(), Some(0));
    let docs = response.get("documents").unwrap().as_array().unwrap();
    docs.iter()
        .map(|doc| {
            let checked = check_issuer_signed(doc.get("issuerSigned").unwrap());
            assert_eq!(
                doc.get("docType").unwrap().as_text(),
                Some(checked.doc_type.as_str())
            );
            // DeviceNameSpacesBytes is a tag-24 item too.
            let device_ns = doc.get("deviceSigned").unwrap().get("nameSpaces").unwrap();
            assert!(device_ns.embedded_bytes().is_some());
            assert!(device_ns
                .decode_embedded(&lenient())
                .unwrap()
                .unwrap()
                .as_map()
                .is_some());
            checked
        })
        .collect()
}

#[test]
fn annex_d_device_response_digests_match_over_received_bytes() {
    let bytes = read("iso18013-5-annex-d/device-response.hex");
    assert_eq!(bytes.len(), 3562);
    let docs = check_device_response(&bytes);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].doc_type, "org.iso.18013.5.1.mDL");
    assert_eq!(docs[0].items, 6);
    assert!(docs[0].mismatches.is_empty(), "{:?}", docs[0].mismatches);
    // The annex is in preferred serialization throughout, and the writer reproduces it.
    let strict = decode(&bytes, &Options::strict()).unwrap();
    assert_eq!(cccd_verify::cbor::encode(&strict), bytes);
    // The same bytes are in the full-keys copy.
    assert_eq!(
        read("iso18013-5-annex-d/full-keys/device_response.cbor"),
        bytes
    );
}

#[test]
fn annex_d_mso_lists_the_documented_digests() {
    let bytes = read("iso18013-5-annex-d/device-response.hex");
    let response = decode(&bytes, &lenient()).unwrap();
    let doc = &response.get("documents").unwrap().as_array().unwrap()[0];
    let auth = doc.get("issuerSigned").unwrap().get("issuerAuth").unwrap();
    let payload = decode(auth.as_array().unwrap()[2].as_bytes().unwrap(), &lenient()).unwrap();
    let mso = payload.decode_embedded(&lenient()).unwrap().unwrap();
    let digests = mso.get("valueDigests").unwrap();
    let count = |ns: &str| digests.get(ns).unwrap().as_map().unwrap().len();
    assert_eq!(count("org.iso.18013.5.1"), 13);
    assert_eq!(count("org.iso.18013.5.1.US"), 4);
    let validity = mso.get("validityInfo").unwrap();
    assert_eq!(
        validity
            .get("validFrom")
            .unwrap()
            .as_tag()
            .unwrap()
            .1
            .as_text(),
        Some("2020-10-01T13:30:02Z")
    );
    assert_eq!(
        validity.get("validFrom").unwrap().as_date_time(),
        Some(1_601_559_002)
    );
    // The disclosed digestIDs.
    let ids: Vec<i64> = doc
        .get("issuerSigned")
        .unwrap()
        .get("nameSpaces")
        .unwrap()
        .get("org.iso.18013.5.1")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            let item = w.decode_embedded(&lenient()).unwrap().unwrap();
            item.get("digestID").unwrap().as_i64().unwrap()
        })
        .collect();
    assert_eq!(ids, [0, 3, 4, 7, 8, 9]);
}

#[test]
fn tampering_one_received_byte_breaks_exactly_that_digest() {
    // Guards the test above: change one byte of family_name's value ("Doe" -> "Doa") inside
    // the response; the reader still parses it and only that item's digest fails.
    let mut bytes = read("iso18013-5-annex-d/device-response.hex");
    let at = bytes.windows(4).position(|w| w == b"cDoe").unwrap();
    bytes[at + 3] = b'a';
    let docs = check_device_response(&bytes);
    assert_eq!(docs[0].mismatches, ["org.iso.18013.5.1/family_name"]);
}

#[test]
fn annex_d_device_authentication_bytes_rebuilt_with_the_writer() {
    // DeviceAuthenticationBytes = #6.24(bstr .cbor ["DeviceAuthentication", SessionTranscript,
    // DocType, DeviceNameSpacesBytes]) (presentations.md §2.1): rebuilt from the received
    // SessionTranscript and DeviceNameSpacesBytes, copied raw, it equals the annex's bytes.
    let expected = read("iso18013-5-annex-d/device-authentication-bytes.hex");
    let transcript_bytes = read("iso18013-5-annex-d/full-keys/session_transcript_bytes.cbor");
    let transcript_item = decode(&transcript_bytes, &Options::strict()).unwrap();
    let transcript = transcript_item.embedded_bytes().unwrap();
    let response_bytes = read("iso18013-5-annex-d/device-response.hex");
    let response = decode(&response_bytes, &lenient()).unwrap();
    let doc = &response.get("documents").unwrap().as_array().unwrap()[0];
    let device_ns = doc.get("deviceSigned").unwrap().get("nameSpaces").unwrap();
    let mut inner = Encoder::new();
    inner
        .array(4)
        .text("DeviceAuthentication")
        .raw(transcript)
        .text(doc.get("docType").unwrap().as_text().unwrap())
        .raw(device_ns.raw());
    let mut outer = Encoder::new();
    outer.embedded(inner.as_bytes());
    assert_eq!(outer.into_bytes(), expected);
    // And the SessionTranscript inside is the bare array [DeviceEngagementBytes,
    // EReaderKeyBytes, Handover].
    let parsed = decode(&expected, &Options::strict()).unwrap();
    let auth = parsed.decode_embedded(&Options::strict()).unwrap().unwrap();
    let st = &auth.as_array().unwrap()[1];
    assert_eq!(st.raw(), transcript);
    assert_eq!(st.as_array().unwrap().len(), 3);
}

#[test]
fn real_wallet_responses_parse_and_their_digests_match() {
    for dir in [
        "mdoc-real/owf-mdoc-ts/animo-oid4vp10-redirect",
        "mdoc-real/owf-mdoc-ts/google-dcapi-draft24",
        "mdoc-real/owf-mdoc-ts/france-oid4vp-draft18",
        "mdoc-real/owf-mdoc-ts/ubique-oid4vp-draft18",
        "mdoc-real/auth0-mdl/example1",
        "mdoc-real/auth0-mdl/example2",
        "mdoc-real/auth0-mdl/example4",
        "dcapi-annex-c/synthetic",
    ] {
        let docs = check_device_response(&read(&format!("{dir}/deviceResponse.cbor")));
        assert!(!docs.is_empty(), "{dir}");
        for d in &docs {
            assert!(d.items > 0, "{dir}");
            assert!(d.mismatches.is_empty(), "{dir}: {:?}", d.mismatches);
        }
    }
}

#[test]
fn auth0_example3_is_tampered_and_caught() {
    // The vectors' README: example3 has a tampered family_name.
    let docs = check_device_response(&read("mdoc-real/auth0-mdl/example3/deviceResponse.cbor"));
    let mismatches: Vec<&String> = docs.iter().flat_map(|d| &d.mismatches).collect();
    assert_eq!(mismatches.len(), 1);
    assert!(mismatches[0].ends_with("/family_name"), "{mismatches:?}");
}

#[test]
fn bdr_issuer_signed_only() {
    let bytes = read("mdoc-real/owf-mdoc-ts/bdr-issuersigned-only/issuerSignedBytes.cbor");
    let issuer_signed = decode(&bytes, &lenient()).unwrap();
    let checked = check_issuer_signed(&issuer_signed);
    assert_eq!(checked.items, 18);
    assert!(checked.mismatches.is_empty(), "{:?}", checked.mismatches);
    // Its top-level map head is `b9 0002`: accepted, detectable, refused when strict.
    assert_eq!(issuer_signed.first_non_preferred(), Some(0));
    assert!(decode(&bytes, &Options::strict()).is_err());
}

#[test]
fn auth0_responses_are_not_in_preferred_serialization_but_hash_as_received() {
    // The vectors' README: `b9 0003` map heads, also inside IssuerSignedItemBytes. A digest
    // over a re-encoding would differ; over the received bytes it matches (tests above).
    let bytes = read("mdoc-real/auth0-mdl/example1/deviceResponse.cbor");
    let response = decode(&bytes, &lenient()).unwrap();
    assert!(response.first_non_preferred().is_some());
    assert!(decode(&bytes, &Options::strict()).is_err());
    let doc = &response.get("documents").unwrap().as_array().unwrap()[0];
    let items = doc
        .get("issuerSigned")
        .unwrap()
        .get("nameSpaces")
        .unwrap()
        .as_map()
        .unwrap()[0]
        .1
        .as_array()
        .unwrap();
    let sloppy = items
        .iter()
        .find(|w| {
            let inner = w.decode_embedded(&lenient()).unwrap().unwrap();
            inner.first_non_preferred().is_some()
        })
        .expect("an IssuerSignedItem with a long map head");
    let inner = sloppy.decode_embedded(&lenient()).unwrap().unwrap();
    let mut re = Encoder::new();
    re.embedded(&cccd_verify::cbor::encode(&inner));
    assert_ne!(re.as_bytes(), sloppy.raw());
    // Its tag-24 transcript wrapper parses too.
    let st = read("mdoc-real/auth0-mdl/example1/sessionTranscriptBytes_tag24.cbor");
    let st = decode(&st, &lenient()).unwrap();
    assert!(st
        .decode_embedded(&lenient())
        .unwrap()
        .unwrap()
        .as_array()
        .is_some());
}
