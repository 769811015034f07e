//! One positive and one negative test per mdoc rule (`src/mdoc/`, `docs/mdoc.md`), on
//! DeviceResponses issued here: an IACA and a Document Signer built with `tests/support/certs.rs`,
//! MSOs and DeviceAuthentication signed with fixed P-256 keys (RFC 6979), the deviceMac key
//! derived here with p256's own ECDH from the device side. Each negative changes one thing.
#![cfg(feature = "mdoc")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::cast_possible_truncation,
    clippy::type_complexity
)]

#[path = "support/certs.rs"]
mod certs;

use certs::{oid, seq, tlv, CertBuilder, Key, NOW, YEAR};
use p256::ecdsa::signature::Signer;
use sha2::{Digest, Sha256, Sha384, Sha512};

use cccd_verify::cbor::Encoder;
use cccd_verify::cose::{hkdf_sha256, hmac_sha256, mac_structure, sig_structure};
use cccd_verify::mdoc::{
    device_authentication_bytes, verify_device_response, MdocValue, Policy, SessionTranscript,
    VerifiedDeviceResponse,
};
use cccd_verify::x509::{Purpose, TrustAnchor};
use cccd_verify::{CertRef, Error};

const IACA: &str = "Test IACA";
const DS: &str = "Test Document Signer";
const MDL: &str = "org.iso.18013.5.1.mDL";
const NS: &str = "org.iso.18013.5.1";
const OID_SKI: &[u8] = &[0x55, 0x1d, 0x0e];
const OID_AKI: &[u8] = &[0x55, 0x1d, 0x23];
const OID_EKU: &[u8] = &[0x55, 0x1d, 0x25];
/// 1.0.18013.5.1.2, mdoc Document Signer.
const KP_MDL_DS: &[u8] = &[0x28, 0x81, 0x8c, 0x5d, 0x05, 0x01, 0x02];

const IACA_SEED: u8 = 0x31;
const DS_SEED: u8 = 0x32;
const DEVICE_SEED: u8 = 0x33;
const READER_SEED: u8 = 0x34;

fn key_id(k: &Key) -> Vec<u8> {
    k.sec1()[1..21].to_vec()
}

fn iaca_cert() -> Vec<u8> {
    let k = Key::p256(IACA_SEED);
    CertBuilder::ca(IACA, &k)
        .path_len(0)
        .extension(OID_SKI, false, tlv(0x04, &key_id(&k)))
        .build()
}

fn ds_cert(with_eku: bool) -> Vec<u8> {
    let (i, d) = (Key::p256(IACA_SEED), Key::p256(DS_SEED));
    let mut b = CertBuilder::leaf(DS, &d)
        .issued_by(IACA, &i)
        .extension(OID_AKI, false, seq(&[tlv(0x80, &key_id(&i))]))
        .extension(OID_SKI, false, tlv(0x04, &key_id(&d)));
    if with_eku {
        b = b.extension(OID_EKU, true, seq(&[oid(KP_MDL_DS)]));
    }
    b.build()
}

fn p256_key(seed: u8) -> p256::ecdsa::SigningKey {
    p256::ecdsa::SigningKey::from_slice(&[seed; 32]).unwrap()
}

fn raw_sign(seed: u8, msg: &[u8]) -> Vec<u8> {
    let s: p256::ecdsa::Signature = p256_key(seed).sign(msg);
    s.to_bytes().to_vec()
}

/// RFC 3339 `…Z` of Unix seconds.
fn rfc3339(t: i64) -> String {
    let days = t.div_euclid(86_400);
    let secs = t.rem_euclid(86_400);
    // Civil from days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

fn cbor(f: impl FnOnce(&mut Encoder)) -> Vec<u8> {
    let mut e = Encoder::new();
    f(&mut e);
    e.into_bytes()
}

fn tstr(s: &str) -> Vec<u8> {
    cbor(|e| {
        e.text(s);
    })
}

fn tdate(t: i64) -> Vec<u8> {
    cbor(|e| {
        e.tag(0).text(&rfc3339(t));
    })
}

/// How the device authenticates.
#[derive(Clone, Copy, PartialEq)]
enum DevAuth {
    Signature,
    /// deviceSignature with the payload embedded (`Some(true)`: the right bytes, `Some(false)`:
    /// other bytes, signed).
    SignatureEmbedded(bool),
    Mac,
    Both,
    Missing,
}

/// One disclosed item: namespace, digestID, element, CBOR value.
#[derive(Clone)]
struct Disclosed {
    ns: String,
    id: u64,
    element: String,
    value: Vec<u8>,
}

/// A DeviceResponse to issue, one thing at a time changed by the tests.
#[derive(Clone)]
struct Issue {
    response_version: &'static str,
    doc_type: &'static str,
    mso_doc_type: &'static str,
    mso_version: &'static str,
    digest_alg: &'static str,
    signed: i64,
    valid_from: i64,
    valid_until: i64,
    items: Vec<Disclosed>,
    /// (ns, id) digests in valueDigests without a disclosed item (undisclosed elements).
    undisclosed: Vec<(String, u64)>,
    /// Index of an item whose value is changed after its digest was taken.
    tamper: Option<usize>,
    /// Items whose digest is left out of valueDigests.
    unsigned: Vec<usize>,
    key_authorizations: Option<Vec<u8>>,
    device_namespaces: Vec<u8>,
    device_auth: DevAuth,
    /// The transcript the device signs or MACs over.
    transcript: SessionTranscript,
    /// The issuerAuth protected header bytes and unprotected map bytes (`x5chain` is added).
    issuer_protected: Vec<u8>,
    issuer_unprotected_extra: Vec<(i64, Vec<u8>)>,
    /// x5chain: `[DS]` as an array, or the bare DS; plus the IACA copy.
    x5chain_array: bool,
    x5chain_with_iaca: bool,
    ds: Vec<u8>,
    device_key: Vec<u8>,
    tamper_issuer_signature: bool,
    errors: Option<Vec<u8>>,
    documents: usize,
    /// Send the first item as the bare IssuerSignedItem map, without its tag-24 wrapping.
    untag_first_item: bool,
}

fn device_cose_key(seed: u8) -> Vec<u8> {
    let p = Key::p256(seed).sec1();
    cbor(|e| {
        e.map(4)
            .int(1)
            .int(2)
            .int(-1)
            .int(1)
            .int(-2)
            .bytes(&p[1..33])
            .int(-3)
            .bytes(&p[33..]);
    })
}

fn transcript() -> SessionTranscript {
    SessionTranscript::oid4vp_dc_api("https://rp.example", "nonce-123", None)
}

impl Issue {
    fn new() -> Issue {
        let item = |id: u64, element: &str, value: Vec<u8>| Disclosed {
            ns: NS.into(),
            id,
            element: element.into(),
            value,
        };
        Issue {
            response_version: "1.0",
            doc_type: MDL,
            mso_doc_type: MDL,
            mso_version: "1.0",
            digest_alg: "SHA-256",
            signed: NOW - 10 * 86_400,
            valid_from: NOW - 10 * 86_400,
            valid_until: NOW + YEAR,
            items: vec![
                item(0, "family_name", tstr("Nguyễn")),
                item(
                    7,
                    "birth_date",
                    cbor(|e| {
                        e.tag(1004).text("1990-03-15");
                    }),
                ),
                item(
                    9,
                    "portrait",
                    cbor(|e| {
                        e.bytes(&[0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
                    }),
                ),
                item(3, "age_over_18", vec![0xf5]),
            ],
            undisclosed: vec![(NS.into(), 1), (NS.into(), 2)],
            tamper: None,
            unsigned: vec![],
            key_authorizations: None,
            device_namespaces: vec![0xa0],
            device_auth: DevAuth::Signature,
            transcript: transcript(),
            issuer_protected: vec![0xa1, 0x01, 0x26],
            issuer_unprotected_extra: vec![],
            x5chain_array: false,
            x5chain_with_iaca: false,
            ds: ds_cert(true),
            device_key: device_cose_key(DEVICE_SEED),
            tamper_issuer_signature: false,
            errors: None,
            documents: 1,
            untag_first_item: false,
        }
    }

    fn digest(&self, bytes: &[u8]) -> Vec<u8> {
        match self.digest_alg {
            "SHA-384" => Sha384::digest(bytes).to_vec(),
            "SHA-512" => Sha512::digest(bytes).to_vec(),
            _ => Sha256::digest(bytes).to_vec(),
        }
    }

    /// `IssuerSignedItemBytes` of item `i`, with `value` as its elementValue.
    fn item_bytes(d: &Disclosed, value: &[u8]) -> Vec<u8> {
        let random = [d.id as u8; 16];
        let inner = cbor(|e| {
            e.map(4)
                .text("digestID")
                .uint(d.id)
                .text("random")
                .bytes(&random)
                .text("elementIdentifier")
                .text(&d.element)
                .text("elementValue")
                .raw(value);
        });
        cbor(|e| {
            e.embedded(&inner);
        })
    }

    fn mso(&self) -> Vec<u8> {
        // valueDigests: namespace → id → digest, from the items as issued.
        let mut by_ns: Vec<(String, Vec<(u64, Vec<u8>)>)> = Vec::new();
        let mut add =
            |ns: &str, id: u64, digest: Vec<u8>| match by_ns.iter_mut().find(|(n, _)| n == ns) {
                Some((_, v)) => v.push((id, digest)),
                None => by_ns.push((ns.to_owned(), vec![(id, digest)])),
            };
        for (i, d) in self.items.iter().enumerate() {
            if !self.unsigned.contains(&i) {
                add(&d.ns, d.id, self.digest(&Issue::item_bytes(d, &d.value)));
            }
        }
        for (ns, id) in &self.undisclosed {
            add(ns, *id, self.digest(&[*id as u8]));
        }
        let mut e = Encoder::new();
        let entries = 6;
        e.map(entries)
            .text("version")
            .text(self.mso_version)
            .text("digestAlgorithm")
            .text(self.digest_alg)
            .text("valueDigests")
            .map(by_ns.len());
        for (ns, ids) in &by_ns {
            e.text(ns).map(ids.len());
            for (id, d) in ids {
                e.uint(*id).bytes(d);
            }
        }
        e.text("deviceKeyInfo");
        match &self.key_authorizations {
            Some(ka) => {
                e.map(2)
                    .text("deviceKey")
                    .raw(&self.device_key)
                    .text("keyAuthorizations")
                    .raw(ka);
            }
            None => {
                e.map(1).text("deviceKey").raw(&self.device_key);
            }
        }
        e.text("docType").text(self.mso_doc_type);
        e.text("validityInfo")
            .map(3)
            .text("signed")
            .raw(&tdate(self.signed))
            .text("validFrom")
            .raw(&tdate(self.valid_from))
            .text("validUntil")
            .raw(&tdate(self.valid_until));
        cbor(|o| {
            o.embedded(e.as_bytes());
        })
    }

    fn issuer_auth(&self) -> Vec<u8> {
        let payload = self.mso();
        let mut sig = raw_sign(DS_SEED, &sig_structure(&self.issuer_protected, &payload));
        if self.tamper_issuer_signature {
            sig[5] ^= 1;
        }
        let mut e = Encoder::new();
        e.array(4).bytes(&self.issuer_protected);
        e.map(1 + self.issuer_unprotected_extra.len());
        for (k, v) in &self.issuer_unprotected_extra {
            e.int(*k).raw(v);
        }
        e.uint(33);
        if self.x5chain_array || self.x5chain_with_iaca {
            e.array(1 + usize::from(self.x5chain_with_iaca))
                .bytes(&self.ds);
            if self.x5chain_with_iaca {
                e.bytes(&iaca_cert());
            }
        } else {
            e.bytes(&self.ds);
        }
        e.bytes(&payload).bytes(&sig);
        e.into_bytes()
    }

    fn device_auth(&self, device_ns_bytes: &[u8]) -> Vec<u8> {
        let dab = device_authentication_bytes(&self.transcript, self.doc_type, device_ns_bytes);
        let signature = |embedded: Option<bool>| {
            let payload = match embedded {
                Some(false) => b"other bytes".to_vec(),
                _ => dab.clone(),
            };
            let sig = raw_sign(DEVICE_SEED, &sig_structure(&[0xa1, 0x01, 0x26], &payload));
            cbor(|e| {
                e.array(4).bytes(&[0xa1, 0x01, 0x26]).map(0);
                match embedded {
                    Some(_) => e.bytes(&payload),
                    None => e.null(),
                };
                e.bytes(&sig);
            })
        };
        let mac = || {
            // The device side of ECDH: the device's private key and the reader's public key.
            use p256::elliptic_curve::point::AffineCoordinates;
            let reader_pub =
                p256::PublicKey::from_sec1_bytes(&Key::p256(READER_SEED).sec1()).unwrap();
            let device = p256::SecretKey::from_slice(&[DEVICE_SEED; 32]).unwrap();
            let shared = (reader_pub.to_projective() * *device.to_nonzero_scalar()).to_affine();
            let salt = Sha256::digest(self.transcript.tagged_bytes());
            let key = hkdf_sha256(&shared.x(), &salt, b"EMacKey", 32).unwrap();
            let tag = hmac_sha256(&key, &mac_structure(&[0xa1, 0x01, 0x05], &dab));
            cbor(|e| {
                e.array(4)
                    .bytes(&[0xa1, 0x01, 0x05])
                    .map(0)
                    .null()
                    .bytes(&tag);
            })
        };
        cbor(|e| match self.device_auth {
            DevAuth::Signature => {
                e.map(1).text("deviceSignature").raw(&signature(None));
            }
            DevAuth::SignatureEmbedded(right) => {
                e.map(1)
                    .text("deviceSignature")
                    .raw(&signature(Some(right)));
            }
            DevAuth::Mac => {
                e.map(1).text("deviceMac").raw(&mac());
            }
            DevAuth::Both => {
                e.map(2)
                    .text("deviceSignature")
                    .raw(&signature(None))
                    .text("deviceMac")
                    .raw(&mac());
            }
            DevAuth::Missing => {
                e.map(0);
            }
        })
    }

    fn document(&self) -> Vec<u8> {
        let mut by_ns: Vec<(String, Vec<Vec<u8>>)> = Vec::new();
        for (i, d) in self.items.iter().enumerate() {
            let value = if self.tamper == Some(i) {
                tstr("tampered")
            } else {
                d.value.clone()
            };
            let mut bytes = Issue::item_bytes(d, &value);
            if i == 0 && self.untag_first_item {
                // d8 18 (tag 24) and the byte string head (one byte more for ≥ 24 bytes).
                let head = if bytes[2] & 0x1f == 24 { 4 } else { 3 };
                bytes = bytes[head..].to_vec();
            }
            match by_ns.iter_mut().find(|(n, _)| *n == d.ns) {
                Some((_, v)) => v.push(bytes),
                None => by_ns.push((d.ns.clone(), vec![bytes])),
            }
        }
        let device_ns_bytes = cbor(|e| {
            e.embedded(&self.device_namespaces);
        });
        let mut e = Encoder::new();
        e.map(3 + usize::from(self.errors.is_some()))
            .text("docType")
            .text(self.doc_type)
            .text("issuerSigned")
            .map(2)
            .text("nameSpaces")
            .map(by_ns.len());
        for (ns, items) in &by_ns {
            e.text(ns).array(items.len());
            for i in items {
                e.raw(i);
            }
        }
        e.text("issuerAuth").raw(&self.issuer_auth());
        e.text("deviceSigned")
            .map(2)
            .text("nameSpaces")
            .raw(&device_ns_bytes)
            .text("deviceAuth")
            .raw(&self.device_auth(&device_ns_bytes));
        if let Some(errors) = &self.errors {
            e.text("errors").raw(errors);
        }
        e.into_bytes()
    }

    fn response(&self) -> Vec<u8> {
        let doc = self.document();
        cbor(|e| {
            e.map(3)
                .text("version")
                .text(self.response_version)
                .text("documents")
                .array(self.documents);
            for _ in 0..self.documents {
                e.raw(&doc);
            }
            e.text("status").uint(0);
        })
    }
}

fn anchors() -> Vec<TrustAnchor> {
    vec![TrustAnchor::from_der(&iaca_cert(), Purpose::MdocIaca).unwrap()]
}

fn reader_key() -> Vec<u8> {
    vec![READER_SEED; 32]
}

/// Verifies `bytes` with the IACA, the default transcript and the reader key, at `now`.
fn verify_at(
    bytes: &[u8],
    now: i64,
    tweak: impl FnOnce(&mut Policy<'_>),
) -> Result<VerifiedDeviceResponse, Error> {
    let anchors = anchors();
    let t = transcript();
    let reader = reader_key();
    let mut policy = Policy::new(now, &anchors, &t);
    policy.reader_key = Some(&reader);
    tweak(&mut policy);
    verify_device_response(bytes, &policy)
}

fn verify(issue: &Issue) -> Result<VerifiedDeviceResponse, Error> {
    verify_at(&issue.response(), NOW, |_| {})
}

fn with(f: impl FnOnce(&mut Issue)) -> Issue {
    let mut i = Issue::new();
    f(&mut i);
    i
}

#[test]
fn issued_response_verifies_with_typed_claims() {
    let r = verify(&Issue::new()).unwrap();
    let d = &r.documents[0];
    assert_eq!(d.doc_type, MDL);
    assert_eq!(d.device_auth, "signature");
    assert_eq!(d.issuer.ds_subject, format!("CN={DS}"));
    assert_eq!(d.issuer.iaca_subject, format!("CN={IACA}"));
    let ns = &d.claims[NS];
    assert_eq!(
        ns["family_name"],
        MdocValue::Text {
            value: "Nguyễn".into()
        }
    );
    assert_eq!(
        ns["birth_date"],
        MdocValue::FullDate {
            value: "1990-03-15".into()
        }
    );
    assert_eq!(ns["age_over_18"], MdocValue::Bool { value: true });
    assert!(matches!(
        &ns["portrait"],
        MdocValue::Bytes {
            mime: Some("image/jpeg"),
            ..
        }
    ));
    assert_eq!(d.validity.valid_until, NOW + YEAR);
    assert!(d.errors.is_empty() && r.document_errors.is_empty());
}

#[test]
fn digests_sha384_and_sha512_and_the_allow_list() {
    for alg in ["SHA-384", "SHA-512"] {
        let issue = with(|i| i.digest_alg = alg);
        assert_eq!(verify(&issue).unwrap().documents[0].digest_algorithm, alg);
    }
    for alg in ["SHA-1", "MD5", "sha-256"] {
        assert_eq!(
            verify(&with(|i| i.digest_alg = alg)).err(),
            Some(Error::MdocDigestAlgorithm { found: alg.into() })
        );
    }
    // Narrowed by policy.
    let bytes = with(|i| i.digest_alg = "SHA-512").response();
    assert_eq!(
        verify_at(&bytes, NOW, |p| p.digest_algs =
            &[cccd_verify::crypto::Hash::Sha256])
        .err(),
        Some(Error::MdocDigestAlgorithm {
            found: "SHA-512".into()
        })
    );
}

#[test]
fn every_disclosed_digest_is_checked() {
    for (i, element) in ["family_name", "birth_date", "portrait", "age_over_18"]
        .iter()
        .enumerate()
    {
        let id = Issue::new().items[i].id;
        assert_eq!(
            verify(&with(|x| x.tamper = Some(i))).err(),
            Some(Error::MdocDigestMismatch {
                namespace: NS.into(),
                element: (*element).into(),
                digest_id: id,
            })
        );
    }
}

#[test]
fn unknown_and_duplicate_digest_ids_are_refused() {
    // A disclosed item whose digestID has no valueDigests entry.
    assert_eq!(
        verify(&with(|i| i.unsigned = vec![1])).err(),
        Some(Error::MdocDigestUnknown {
            namespace: NS.into(),
            digest_id: 7
        })
    );
    // A namespace the MSO has no digests for at all.
    let issue = with(|i| {
        i.items.push(Disclosed {
            ns: "org.example.other".into(),
            id: 0,
            element: "x".into(),
            value: vec![1],
        });
        i.unsigned = vec![4];
    });
    assert_eq!(
        verify(&issue).err(),
        Some(Error::MdocDigestUnknown {
            namespace: "org.example.other".into(),
            digest_id: 0
        })
    );
    // The same item disclosed twice: the same digestID twice.
    let issue = with(|i| {
        let first = i.items[0].clone();
        i.items.push(first);
        i.unsigned = vec![4];
    });
    assert_eq!(
        verify(&issue).err(),
        Some(Error::MdocDigestDuplicate {
            namespace: NS.into(),
            digest_id: 0
        })
    );
    // Two items (own digestIDs, both signed) naming the same element.
    let issue = with(|i| {
        i.items.push(Disclosed {
            ns: NS.into(),
            id: 20,
            element: "family_name".into(),
            value: tstr("B"),
        });
    });
    assert!(matches!(
        verify(&issue),
        Err(Error::MdocFormat {
            reason: "duplicate-element",
            ..
        })
    ));
    // Signed but undisclosed digests are fine (the baseline has two).
    assert!(verify(&Issue::new()).is_ok());
}

#[test]
fn mso_validity_is_checked_at_now() {
    let issue = Issue::new();
    let (from, until) = (issue.valid_from, issue.valid_until);
    let bytes = issue.response();
    assert!(verify_at(&bytes, from, |_| {}).is_ok());
    assert!(verify_at(&bytes, until, |_| {}).is_ok());
    assert_eq!(
        verify_at(&bytes, from - 1, |_| {}).err(),
        Some(Error::MdocValidity {
            reason: "not-yet-valid",
            valid_from: from,
            valid_until: until
        })
    );
    assert_eq!(
        verify_at(&bytes, until + 1, |_| {}).err(),
        Some(Error::MdocValidity {
            reason: "expired",
            valid_from: from,
            valid_until: until
        })
    );
}

#[test]
fn mso_signed_within_the_ds_validity() {
    // The DS certificate is valid from NOW - 1 year (tests/support/certs.rs).
    let ok = with(|i| i.signed = NOW - YEAR);
    assert!(verify(&ok).is_ok());
    let early = with(|i| i.signed = NOW - YEAR - 1);
    assert!(matches!(
        verify(&early),
        Err(Error::MdocSignedOutsideCert { signed, .. }) if signed == NOW - YEAR - 1
    ));
}

#[test]
fn mso_version_and_doctype() {
    assert_eq!(
        verify(&with(|i| i.mso_version = "1.1")).err(),
        Some(Error::MdocVersion {
            what: "MobileSecurityObject",
            found: "1.1".into()
        })
    );
    assert_eq!(
        verify(&with(|i| i.response_version = "2.0")).err(),
        Some(Error::MdocVersion {
            what: "DeviceResponse",
            found: "2.0".into()
        })
    );
    assert!(verify(&with(|i| i.response_version = "1.1")).is_ok());
    for v in ["1", "1.", "1.x", "10.0"] {
        assert_eq!(
            verify(&with(|i| i.response_version = v)).err(),
            Some(Error::MdocVersion {
                what: "DeviceResponse",
                found: v.into()
            })
        );
    }
    assert_eq!(
        verify(&with(|i| i.mso_doc_type = "eu.europa.ec.eudi.pid.1")).err(),
        Some(Error::MdocDocTypeMismatch {
            expected: MDL.into(),
            found: "eu.europa.ec.eudi.pid.1".into()
        })
    );
    // The docType the caller asked for.
    let bytes = Issue::new().response();
    assert!(verify_at(&bytes, NOW, |p| p.doc_type = Some(MDL)).is_ok());
    assert_eq!(
        verify_at(&bytes, NOW, |p| p.doc_type =
            Some("eu.europa.ec.eudi.pid.1"))
        .err(),
        Some(Error::MdocDocTypeMismatch {
            expected: "eu.europa.ec.eudi.pid.1".into(),
            found: MDL.into()
        })
    );
}

#[test]
fn document_signer_chain_under_the_annex_b_profile() {
    // x5chain as a one-element array, and with a trailing copy of the IACA.
    assert!(verify(&with(|i| i.x5chain_array = true)).is_ok());
    assert!(verify(&with(|i| i.x5chain_with_iaca = true)).is_ok());
    // A DS without the mdlDS extended key usage.
    assert_eq!(
        verify(&with(|i| i.ds = ds_cert(false))).err(),
        Some(Error::EkuMissing {
            cert: CertRef::Chain(0),
            oid: "1.0.18013.5.1.2".into()
        })
    );
    // No anchor: unknown issuer; the DS pinned instead: accepted without a path.
    let bytes = Issue::new().response();
    assert!(matches!(
        verify_at(&bytes, NOW, |p| p.anchors = &[]).err(),
        Some(Error::UnknownIssuer { anchors: 0, .. })
    ));
    let ds = ds_cert(true);
    let pinned = [ds.as_slice()];
    let t = transcript();
    let mut policy = Policy::new(NOW, &[], &t);
    policy.pinned_signers = &pinned;
    let r = verify_device_response(&bytes, &policy).unwrap();
    assert!(r.documents[0].issuer.pinned);
    // Pinned, but past the certificate's validity.
    policy.now = NOW + 5 * YEAR + 1;
    assert!(matches!(
        verify_device_response(&bytes, &policy),
        Err(Error::CertExpired { .. })
    ));
}

#[test]
fn issuer_auth_signature_and_alg() {
    assert_eq!(
        verify(&with(|i| i.tamper_issuer_signature = true)).err(),
        Some(Error::CoseSignatureInvalid)
    );
    // alg only in the unprotected header.
    let issue = with(|i| {
        i.issuer_protected = vec![];
        i.issuer_unprotected_extra = vec![(1, vec![0x26])];
    });
    assert_eq!(
        verify(&issue).err(),
        Some(Error::CoseAlgNotAllowed {
            alg: "missing".into()
        })
    );
    // ES256 not allowed by policy.
    let bytes = Issue::new().response();
    assert_eq!(
        verify_at(&bytes, NOW, |p| p.sig_algs =
            &[cccd_verify::crypto::SigAlg::ES384])
        .err(),
        Some(Error::CoseAlgNotAllowed { alg: "-7".into() })
    );
}

#[test]
fn device_key_must_be_ec2() {
    // An OKP (Ed25519) device key.
    let okp = cbor(|e| {
        e.map(3)
            .int(1)
            .int(1)
            .int(-1)
            .int(6)
            .int(-2)
            .bytes(&[0u8; 32]);
    });
    assert_eq!(
        verify(&with(|i| i.device_key = okp)).err(),
        Some(Error::CoseKeyUnsupported { reason: "kty" })
    );
}

#[test]
fn device_signature_over_device_authentication_bytes() {
    // Signed over another transcript (another nonce).
    let issue = with(|i| {
        i.transcript = SessionTranscript::oid4vp_dc_api("https://rp.example", "other", None)
    });
    assert_eq!(
        verify(&issue).err(),
        Some(Error::MdocDeviceAuth {
            reason: "signature-invalid"
        })
    );
    // Signed by another key than the MSO's device key.
    let issue = with(|i| i.device_key = device_cose_key(0x44));
    assert_eq!(
        verify(&issue).err(),
        Some(Error::MdocDeviceAuth {
            reason: "signature-invalid"
        })
    );
    // An embedded payload: accepted only when it is the computed DeviceAuthenticationBytes.
    assert!(verify(&with(|i| i.device_auth = DevAuth::SignatureEmbedded(true))).is_ok());
    assert_eq!(
        verify(&with(|i| i.device_auth = DevAuth::SignatureEmbedded(false))).err(),
        Some(Error::MdocDeviceAuth {
            reason: "payload-differs"
        })
    );
    assert_eq!(
        verify(&with(|i| i.device_auth = DevAuth::Missing)).err(),
        Some(Error::MdocDeviceAuth { reason: "missing" })
    );
    assert_eq!(
        verify(&with(|i| i.device_auth = DevAuth::Both)).err(),
        Some(Error::MdocDeviceAuth { reason: "both" })
    );
}

#[test]
fn device_mac_with_the_reader_key() {
    let bytes = with(|i| i.device_auth = DevAuth::Mac).response();
    assert_eq!(
        verify_at(&bytes, NOW, |_| {}).unwrap().documents[0].device_auth,
        "mac"
    );
    assert_eq!(
        verify_at(&bytes, NOW, |p| p.allow_device_mac = false).err(),
        Some(Error::MdocDeviceAuth {
            reason: "mac-not-allowed"
        })
    );
    assert_eq!(
        verify_at(&bytes, NOW, |p| p.reader_key = None).err(),
        Some(Error::MdocDeviceAuth {
            reason: "no-reader-key"
        })
    );
    let anchors = anchors();
    let t = transcript();
    let mut policy = Policy::new(NOW, &anchors, &t);
    let other = [0x35u8; 32];
    policy.reader_key = Some(&other);
    assert_eq!(
        verify_device_response(&bytes, &policy).err(),
        Some(Error::MdocDeviceAuth {
            reason: "mac-invalid"
        })
    );
    let zero = [0u8; 32];
    policy.reader_key = Some(&zero);
    assert_eq!(
        verify_device_response(&bytes, &policy).err(),
        Some(Error::MdocDeviceAuth {
            reason: "reader-key-invalid"
        })
    );
    // Over another transcript.
    let issue = with(|i| {
        i.device_auth = DevAuth::Mac;
        i.transcript = SessionTranscript::oid4vp_dc_api("https://evil.example", "nonce-123", None);
    });
    assert_eq!(
        verify(&issue).err(),
        Some(Error::MdocDeviceAuth {
            reason: "mac-invalid"
        })
    );
}

#[test]
fn key_authorizations_bound_device_signed_elements() {
    let device_ns = cbor(|e| {
        e.map(1)
            .text("org.example.device")
            .map(1)
            .text("nickname")
            .text("An");
    });
    // No keyAuthorizations: refused, or left out when the policy says so.
    let issue = with(|i| i.device_namespaces = device_ns.clone());
    assert_eq!(
        verify(&issue).err(),
        Some(Error::MdocKeyUnauthorized {
            namespace: "org.example.device".into(),
            element: "nickname".into()
        })
    );
    let r = verify_at(&issue.response(), NOW, |p| {
        p.drop_unauthorized_device_elements = true
    })
    .unwrap();
    assert!(r.documents[0].device_claims.values().all(|m| m.is_empty()));
    // Authorized by namespace.
    let by_ns = cbor(|e| {
        e.map(1)
            .text("nameSpaces")
            .array(1)
            .text("org.example.device");
    });
    let issue = with(|i| {
        i.device_namespaces = device_ns.clone();
        i.key_authorizations = Some(by_ns);
    });
    let r = verify(&issue).unwrap();
    assert_eq!(
        r.documents[0].device_claims["org.example.device"]["nickname"],
        MdocValue::Text { value: "An".into() }
    );
    // Authorized by element; another element of the namespace is not.
    let by_element = |el: &str| {
        cbor(|e| {
            e.map(1)
                .text("dataElements")
                .map(1)
                .text("org.example.device")
                .array(1)
                .text(el);
        })
    };
    let issue = with(|i| {
        i.device_namespaces = device_ns.clone();
        i.key_authorizations = Some(by_element("nickname"));
    });
    assert!(verify(&issue).is_ok());
    let issue = with(|i| {
        i.device_namespaces = device_ns.clone();
        i.key_authorizations = Some(by_element("other"));
    });
    assert!(matches!(
        verify(&issue),
        Err(Error::MdocKeyUnauthorized { .. })
    ));
}

#[test]
fn documents_status_and_errors() {
    // errors surfaced.
    let errors = cbor(|e| {
        e.map(1).text(NS).map(1).text("driving_privileges").uint(0);
    });
    let r = verify(&with(|i| i.errors = Some(errors))).unwrap();
    assert_eq!(r.documents[0].errors[NS]["driving_privileges"], 0);
    // One document per response by default.
    let two = with(|i| i.documents = 2).response();
    assert_eq!(
        verify_at(&two, NOW, |_| {}).err(),
        Some(Error::MdocTooManyDocuments { count: 2, max: 1 })
    );
    assert_eq!(
        verify_at(&two, NOW, |p| p.max_documents = 2)
            .unwrap()
            .documents
            .len(),
        2
    );
    // No document: the status and documentErrors say why.
    let none = cbor(|e| {
        e.map(3)
            .text("version")
            .text("1.0")
            .text("documentErrors")
            .array(1)
            .map(1)
            .text(MDL)
            .uint(0)
            .text("status")
            .uint(10);
    });
    assert_eq!(
        verify_at(&none, NOW, |_| {}).err(),
        Some(Error::MdocNoDocument {
            status: 10,
            errors: 1
        })
    );
}

#[test]
fn strict_decoding() {
    let bytes = Issue::new().response();
    // Trailing bytes.
    let mut trailing = bytes.clone();
    trailing.push(0);
    assert!(matches!(
        verify_at(&trailing, NOW, |_| {}),
        Err(Error::CborFormat {
            reason: "trailing-bytes",
            ..
        })
    ));
    // A repeated key ("status" twice).
    let dup = cbor(|e| {
        e.map(3)
            .text("version")
            .text("1.0")
            .text("status")
            .uint(0)
            .text("status")
            .uint(0);
    });
    assert!(matches!(
        verify_at(&dup, NOW, |_| {}),
        Err(Error::CborDuplicateKey { .. })
    ));
    // Truncated.
    assert!(matches!(
        verify_at(&bytes[..bytes.len() - 1], NOW, |_| {}),
        Err(Error::CborFormat {
            reason: "truncated",
            ..
        })
    ));
    // An IssuerSignedItem not wrapped in tag 24.
    assert_eq!(
        verify(&with(|i| i.untag_first_item = true)).err(),
        Some(Error::MdocFormat {
            path: format!("documents[0].issuerSigned.nameSpaces.{NS}[0]"),
            reason: "not-tag24"
        })
    );
    // Missing members and wrong types.
    let no_status = cbor(|e| {
        e.map(1).text("version").text("1.0");
    });
    assert_eq!(
        verify_at(&no_status, NOW, |_| {}).err(),
        Some(Error::MdocFormat {
            path: "DeviceResponse.status".into(),
            reason: "missing"
        })
    );
    assert_eq!(
        verify_at(&[0x80], NOW, |_| {}).err(),
        Some(Error::MdocFormat {
            path: "DeviceResponse".into(),
            reason: "type"
        })
    );
}

/// The seeds of the `mdoc` fuzz target (`fuzz/bodies/mdoc.rs`: first byte = mode), issued here
/// with the same keys as the body's. `REGENERATE_MDOC_SEEDS=1` writes them; otherwise they
/// must be what this test issues (RFC 6979 signatures: byte-for-byte reproducible).
#[test]
fn fuzz_seeds_are_current() {
    let device_ns = cbor(|e| {
        e.map(1)
            .text("org.example.device")
            .map(1)
            .text("nickname")
            .text("An");
    });
    let with_mode = |mode: u8, bytes: Vec<u8>| {
        let mut v = vec![mode];
        v.extend(bytes);
        v
    };
    let mac = with(|i| i.device_auth = DevAuth::Mac).response();
    let seeds: Vec<(&str, Vec<u8>)> = vec![
        ("response_signature", with_mode(0, Issue::new().response())),
        ("response_mac", with_mode(0, mac.clone())),
        ("response_mac_refused", with_mode(0x18, mac)),
        (
            "response_unauthorized_dropped",
            with_mode(
                0x12,
                with(|i| i.device_namespaces = device_ns.clone()).response(),
            ),
        ),
        (
            "response_tampered",
            with_mode(0, with(|i| i.tamper = Some(0)).response()),
        ),
        (
            "response_two_documents",
            with_mode(0x20 * 3, with(|i| i.documents = 2).response()),
        ),
        (
            "response_truncated",
            with_mode(0, Issue::new().response()[..200].to_vec()),
        ),
        ("mso", with_mode(1, Issue::new().mso())),
        (
            "mso_sha1",
            with_mode(1, with(|i| i.digest_alg = "SHA-1").mso()),
        ),
        (
            "mso_expired",
            with_mode(1, with(|i| i.valid_until = NOW - 1).mso()),
        ),
        ("cose_issuer_auth", with_mode(2, Issue::new().issuer_auth())),
        (
            "cose_device_key",
            with_mode(2, device_cose_key(DEVICE_SEED)),
        ),
    ];
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/mdoc");
    let write = std::env::var_os("REGENERATE_MDOC_SEEDS").is_some();
    for (name, bytes) in seeds {
        let path = dir.join(name);
        if write {
            std::fs::write(&path, &bytes).unwrap();
        } else {
            assert_eq!(
                std::fs::read(&path).ok(),
                Some(bytes),
                "{} is stale: REGENERATE_MDOC_SEEDS=1",
                path.display()
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Text that cannot spoof a reviewer (issue 11 item 11): the text elements of a verified mdoc
// get the findings an SD-JWT VC's claims get.

fn codes_at(d: &cccd_verify::mdoc::VerifiedMdoc) -> Vec<(&'static str, String)> {
    d.findings
        .iter()
        .map(|f| {
            let path = f
                .params
                .as_ref()
                .and_then(|p| p.get("path"))
                .and_then(|p| p.as_str())
                .unwrap_or_default()
                .to_owned();
            (f.code, path)
        })
        .collect()
}

#[test]
fn text_elements_with_bidi_controls_or_zero_width_characters_are_findings() {
    // U+202E (right-to-left override) in a name: an error finding, the signature still valid.
    let r = verify(&with(|i| i.items[0].value = tstr("Nguyễn\u{202e}nỹugN"))).unwrap();
    assert_eq!(
        codes_at(&r.documents[0]),
        vec![("CLAIM_CONTROL_CHARACTER", format!("{NS}.family_name"))]
    );
    assert_eq!(
        r.documents[0].findings[0].severity,
        cccd_verify::Severity::Error
    );
    // A zero-width joiner and a Cyrillic letter in a name: two warnings.
    let r = verify(&with(|i| i.items[0].value = tstr("Nguy\u{200d}ễn Vаn"))).unwrap();
    assert_eq!(
        codes_at(&r.documents[0]),
        vec![
            ("CLAIM_ZERO_WIDTH", format!("{NS}.family_name")),
            ("CLAIM_MIXED_SCRIPTS", format!("{NS}.family_name")),
        ]
    );
    // Inside arrays and maps (an address in a map), with the path down to the value.
    let r = verify(&with(|i| {
        i.items[0].value = cbor(|e| {
            e.map(1).text("street").array(1).text("Số 1\u{0000}");
        })
    }))
    .unwrap();
    assert_eq!(
        codes_at(&r.documents[0]),
        vec![(
            "CLAIM_CONTROL_CHARACTER",
            format!("{NS}.family_name.street.0")
        )]
    );
    // A clean document has none.
    assert!(verify(&Issue::new()).unwrap().documents[0]
        .findings
        .is_empty());
}

mod text_properties {
    use std::collections::BTreeMap;

    use cccd_verify::mdoc::{text_findings, MdocValue};
    use proptest::prelude::*;

    /// Letters of Vietnamese names (and spaces), which never give a finding.
    const VIET: &str =
        "[a-zA-ZàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđĐ ]{0,24}";
    /// C0, DEL, C1 and the bidirectional controls: each one is an error finding.
    const CONTROLS: &[char] = &[
        '\u{0}', '\u{7}', '\u{1b}', '\u{7f}', '\u{85}', '\u{9f}', '\u{61c}', '\u{200e}',
        '\u{200f}', '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}',
        '\u{2067}', '\u{2068}', '\u{2069}',
    ];

    fn doc(element: &str, v: MdocValue) -> BTreeMap<String, BTreeMap<String, MdocValue>> {
        BTreeMap::from([(
            "org.iso.18013.5.1".to_owned(),
            BTreeMap::from([(element.to_owned(), v)]),
        )])
    }

    fn text(s: String) -> MdocValue {
        MdocValue::Text { value: s }
    }

    proptest! {
        #[test]
        fn vietnamese_text_has_no_findings(name in VIET, element in "(family_name|given_name|resident_address|nationality)") {
            let nested = MdocValue::Array { value: vec![text(name.clone())] };
            prop_assert!(text_findings(&doc(&element, text(name)), &BTreeMap::new()).is_empty());
            prop_assert!(text_findings(&BTreeMap::new(), &doc(&element, nested)).is_empty());
        }

        #[test]
        fn a_control_anywhere_is_an_error_naming_the_element(
            head in VIET, tail in VIET, c in proptest::sample::select(CONTROLS), element in "[a-z_]{1,12}", device in any::<bool>(),
        ) {
            let v = text(format!("{head}{c}{tail}"));
            let (issuer, dev) = if device { (BTreeMap::new(), doc(&element, v)) } else { (doc(&element, v), BTreeMap::new()) };
            let f = text_findings(&issuer, &dev);
            let prefix = if device { "deviceSigned." } else { "" };
            prop_assert_eq!(f.len(), 1);
            prop_assert_eq!(f[0].code(), "CLAIM_CONTROL_CHARACTER");
            prop_assert_eq!(f[0].severity(), cccd_verify::Severity::Error);
            let path = format!("{prefix}org.iso.18013.5.1.{element}");
            let want = format!("U+{:04X}", u32::from(c));
            prop_assert_eq!(
                f[0].params(),
                serde_json::json!({ "path": path, "codePoint": want }).as_object().unwrap().clone()
            );
        }

        #[test]
        fn findings_are_bounded(n in 0usize..80) {
            let many = MdocValue::Array { value: (0..n).map(|_| text("\u{202e}".into())).collect() };
            prop_assert_eq!(text_findings(&doc("x", many), &BTreeMap::new()).len(), n.min(32));
        }
    }
}
