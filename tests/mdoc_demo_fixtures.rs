//! The DEMO mdoc fixtures of `tools/demo-issuer` (`tests/data/mdoc/`, index `expected.json`)
//! against what the library already has: the strict CBOR reader (`src/cbor`) and the ISO
//! 18013-5 certificate profiles (`x509::Profile::mdoc_document_signer`, `vical_signer`). The
//! outcomes these parts decide must be the ones the manifest gives.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use cccd_verify::cbor::{decode, Item, Options};
use cccd_verify::x509::{verify_path_with, Budget, Profile, Purpose, TrustAnchor, ValidityAt};
use serde_json::Value as Json;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/mdoc");

fn read(name: &str) -> Vec<u8> {
    std::fs::read(format!("{DIR}/{name}")).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn manifest() -> Json {
    serde_json::from_slice(&read("expected.json")).unwrap()
}

/// Decodes every tag-24 item below `item` with `options` (IssuerSignedItemBytes, the MSO inside
/// the issuerAuth payload, DeviceNameSpacesBytes); the first error wins.
fn walk(item: &Item<'_>, options: &Options) -> Result<(), cccd_verify::Error> {
    if let Some(inner) = item.decode_embedded(options) {
        return walk(&inner?, options);
    }
    if let Some(bytes) = item.as_bytes() {
        // The issuerAuth payload: MobileSecurityObjectBytes, itself a tag-24 item.
        if bytes.starts_with(&[0xd8, 0x18]) {
            return walk(&decode(bytes, options)?, options);
        }
    }
    if let Some(items) = item.as_array() {
        for i in items {
            walk(i, options)?;
        }
    }
    if let Some(pairs) = item.as_map() {
        for (k, v) in pairs {
            walk(k, options)?;
            walk(v, options)?;
        }
    }
    Ok(())
}

fn strict_decode(bytes: &[u8]) -> Result<(), cccd_verify::Error> {
    let options = Options::strict();
    walk(&decode(bytes, &options)?, &options)
}

#[test]
fn the_strict_cbor_reader_gives_the_cbor_outcomes() {
    let m = manifest();
    let mut cbor_rules = 0;
    for r in m["responses"].as_array().unwrap() {
        let file = r["file"].as_str().unwrap();
        let got = strict_decode(&read(file));
        match r["rule"].as_str().unwrap() {
            "cbor-trailing" | "cbor-duplicate-key" | "cbor-utf8" => {
                cbor_rules += 1;
                assert_eq!(
                    got.map_err(|e| e.code()),
                    Err(r["expected"].as_str().unwrap()),
                    "{file}"
                );
            }
            // Every other fixture is well-formed, preferred CBOR all the way down.
            _ => assert!(got.is_ok(), "{file}: {got:?}"),
        }
        strict_decode(&read(r["sessionTranscript"].as_str().unwrap())).unwrap();
    }
    assert_eq!(cbor_rules, 3);
    for l in m["vicals"]["lists"].as_array().unwrap() {
        strict_decode(&read(l["file"].as_str().unwrap())).unwrap();
    }
}

fn pem_der(name: &str) -> Vec<u8> {
    let text = String::from_utf8(read(name)).unwrap();
    let b64: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
    cccd_verify::jose::b64::decode_std(&b64).unwrap()
}

/// `x5chain` (label 33, one certificate) of a COSE_Sign1 item.
fn x5chain<'a>(sign1: &Item<'a>) -> Option<&'a [u8]> {
    sign1.as_array()?.get(1)?.get_int(33)?.as_bytes()
}

#[test]
fn the_mdoc_profile_gives_the_certificate_outcomes() {
    let m = manifest();
    let now = m["now"].as_i64().unwrap();
    let iaca = TrustAnchor::from_der(&read("iaca.der"), Purpose::MdocIaca).unwrap();
    let profile = Profile::mdoc_document_signer();
    let lenient = Options::default();
    let mut cert_rules = 0;
    for r in m["responses"].as_array().unwrap() {
        let file = r["file"].as_str().unwrap();
        let rule = r["rule"].as_str().unwrap();
        let bytes = read(file);
        let Ok(resp) = decode(&bytes, &lenient) else {
            continue;
        };
        let Some(docs) = resp.get("documents").and_then(Item::as_array) else {
            continue;
        };
        let auth = docs[0]
            .get("issuerSigned")
            .unwrap()
            .get("issuerAuth")
            .unwrap();
        let Some(ds) = x5chain(auth) else {
            assert_eq!(rule, "cose-x5chain", "{file}");
            continue;
        };
        let got = verify_path_with(
            &[ds],
            std::slice::from_ref(&iaca),
            &profile,
            ValidityAt::Instant(now),
            Budget::default(),
        );
        // The MSO's `signed`, checked against the DS as well (ValidityAt::Both): only the
        // fixture signed before the DS's notBefore fails there.
        let payload = auth.as_array().unwrap()[2].as_bytes().unwrap();
        let mso = decode(payload, &lenient)
            .unwrap()
            .decode_embedded(&lenient)
            .unwrap()
            .unwrap();
        let signed = mso
            .get("validityInfo")
            .and_then(|v| v.get("signed"))
            .and_then(Item::as_date_time)
            .unwrap();
        let at_signing = verify_path_with(
            &[ds],
            std::slice::from_ref(&iaca),
            &profile,
            ValidityAt::Both(now, signed),
            Budget::default(),
        )
        .map(|_| ())
        .map_err(|e| e.code());
        if rule == "mso-signed-in-ds-validity" {
            assert_eq!(at_signing, Err("ERR_CERT_NOT_YET_VALID"), "{file}");
        } else if got.is_ok() {
            assert_eq!(at_signing, Ok(()), "{file}");
        }
        if rule == "ds-eku" || rule == "ds-chain" {
            cert_rules += 1;
            assert_eq!(
                got.map(|_| ()).map_err(|e| e.code()),
                Err(r["expected"].as_str().unwrap()),
                "{file}"
            );
        } else {
            assert!(got.is_ok(), "{file}: {:?}", got.err());
        }
    }
    assert_eq!(cert_rules, 2);
}

#[test]
fn the_vical_signer_profile_gives_the_certificate_outcomes() {
    let m = manifest();
    let now = m["now"].as_i64().unwrap();
    let root = TrustAnchor::from_der(&pem_der("vical-root.pem"), Purpose::TrustListSigner).unwrap();
    let profile = Profile::vical_signer();
    for l in m["vicals"]["lists"].as_array().unwrap() {
        let file = l["file"].as_str().unwrap();
        let bytes = read(file);
        let v = decode(&bytes, &Options::strict()).unwrap();
        let signer = x5chain(&v).unwrap();
        let got = verify_path_with(
            &[signer],
            std::slice::from_ref(&root),
            &profile,
            ValidityAt::Instant(now),
            Budget::default(),
        )
        .map(|_| ())
        .map_err(|e| e.code());
        match l["runs"][0]["expected"].as_str().unwrap() {
            code @ ("ERR_CERT_EKU_MISSING" | "ERR_CERT_UNKNOWN_ISSUER") => {
                assert_eq!(got, Err(code), "{file}")
            }
            _ => assert_eq!(got, Ok(()), "{file}"),
        }
    }
}
