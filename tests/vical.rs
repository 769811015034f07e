//! ISO 18013-5 VICALs (`src/trust/vical.rs`): both published lists of `../shared/vectors/vical/`
//! at their own dates, and one negative test per rule on lists signed here.
#![cfg(feature = "mdoc")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

#[path = "support/certs.rs"]
mod certs;

use cccd_verify::cbor::Encoder;
use cccd_verify::trust::{
    verify_vical, verify_vical_pinned, Accepted, ListBudget, ListPolicy, StalePolicy,
};
use cccd_verify::x509::{Purpose, TrustAnchor};
use cccd_verify::Error;
use certs::{oid, seq, tlv, CertBuilder, Key, DAY, NOW};
use p256::ecdsa::signature::Signer;

const VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/vectors/vical");

fn read(name: &str) -> Vec<u8> {
    std::fs::read(format!("{VECTORS}/{name}")).unwrap()
}

fn pem(name: &str) -> Vec<u8> {
    let text = String::from_utf8(read(name)).unwrap();
    let b64: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
    cccd_verify::jose::b64::decode_std(&b64).unwrap()
}

fn policy<'a>(signers: &'a [TrustAnchor], now: i64) -> ListPolicy<'a> {
    ListPolicy {
        signers,
        accepted: None,
        stale: StalePolicy::Hard,
        now,
        leeway: 0,
        budget: ListBudget::default(),
    }
}

/// 2025-11-18T19:00:00Z, after the AAMVA list's `date` and before its `nextUpdate`.
const AAMVA_AT: i64 = 1_763_492_400;
const AAMVA: &str = "aamva-vical-2025-11-18-1763491092481.cbor";

#[test]
fn the_aamva_vical_verifies_to_its_root() {
    let root =
        [TrustAnchor::from_der(&pem("aamva_dts_root_ca.crt"), Purpose::TrustListSigner).unwrap()];
    let v = verify_vical(&read(AAMVA), &policy(&root, AAMVA_AT)).unwrap();
    assert_eq!(v.provider(), "AAMVA");
    assert_eq!(v.issue_id(), Some(227_602));
    assert_eq!(v.entries().len(), 14);
    assert!(!v.stale());
    assert!(v
        .entries()
        .iter()
        .all(|e| e.doc_types() == ["org.iso.18013.5.1.mDL"]));
    assert!(v.anchors().iter().all(|a| a.purpose() == Purpose::MdocIaca));
    let first = v.entries()[0].anchor().fingerprint();
    assert_eq!(v.doc_types(first), Some(vec!["org.iso.18013.5.1.mDL"]));
    assert_eq!(v.doc_types([0; 32]), None);
    // The next day it is past nextUpdate: a hard policy refuses it, a warning policy flags it.
    let next_day = AAMVA_AT + DAY;
    assert!(matches!(
        verify_vical(&read(AAMVA), &policy(&root, next_day)),
        Err(Error::TrustListStale { .. })
    ));
    let mut warn = policy(&root, next_day);
    warn.stale = StalePolicy::Warn;
    assert!(verify_vical(&read(AAMVA), &warn).unwrap().stale());
    assert!(v.check_fresh(next_day).is_err());
}

#[test]
fn the_aamva_vical_is_refused_under_another_root_or_tampered() {
    // Its issuing CA is not a list-signer anchor of ours: the root is what must be pinned.
    let other = Key::p256(91);
    let other_root = CertBuilder::ca("Other Root", &other).build();
    let pins = [TrustAnchor::from_der(&other_root, Purpose::TrustListSigner).unwrap()];
    assert!(matches!(
        verify_vical(&read(AAMVA), &policy(&pins, AAMVA_AT)),
        Err(Error::UnknownIssuer { .. })
    ));
    // One byte of the payload changed (inside the vicalProvider text): the signature fails.
    let mut bytes = read(AAMVA);
    let key = bytes
        .windows(13)
        .position(|w| w == b"vicalProvider")
        .unwrap();
    assert_eq!(&bytes[key + 13..key + 19], b"\x65AAMVA");
    bytes[key + 14] = b'B';
    let root =
        [TrustAnchor::from_der(&pem("aamva_dts_root_ca.crt"), Purpose::TrustListSigner).unwrap()];
    assert!(matches!(
        verify_vical(&bytes, &policy(&root, AAMVA_AT)),
        Err(Error::CoseSignatureInvalid)
    ));
}

#[test]
fn the_rdw_test_vical_verifies_with_its_embedded_signer_pinned() {
    // The RDW root is not published with it; the signer certificate itself is pinned.
    let bytes = read("rdw-test-vical-2025-02-25.vical");
    let sign1 = cccd_verify::cose::Sign1::decode(&bytes, &Default::default()).unwrap();
    let signer = sign1.headers.x5chain().unwrap()[0].to_vec();
    // 2025-02-25T12:00:00Z.
    let at = 1_740_484_800;
    // Nothing pinned: refused.
    assert!(matches!(
        verify_vical(&bytes, &policy(&[], at)),
        Err(Error::UnknownIssuer { .. })
    ));
    let v = verify_vical_pinned(&bytes, &[&signer], &policy(&[], at)).unwrap();
    assert_eq!(v.provider(), "RDW");
    assert_eq!(v.issue_id(), Some(5));
    // Every entry is an IACA anchor, or left out with the reason (a key this build does not
    // verify with), never silently dropped.
    assert_eq!(v.entries().len() + v.skipped().len(), 45);
    let w = v.wire();
    assert_eq!(
        w.to_wire_json(),
        serde_json::to_value(&w).unwrap().to_string()
    );
    assert!(v.skipped().iter().all(|&(_, code)| {
        // Keys this build does not verify with, BER booleans, and three end-entity
        // certificates listed as if they were IACAs.
        [
            "ERR_CERT_ALGORITHM_UNSUPPORTED",
            "ERR_CERT_PARSE",
            "ERR_CERT_NOT_CA",
        ]
        .contains(&code)
    }));
    assert!(v.entries().len() >= 30, "{} usable", v.entries().len());
    // Restrictions per IACA are kept: a PID-only issuer is no mDL issuer.
    let pid_only = v
        .entries()
        .iter()
        .find(|e| e.doc_types() == ["eu.europa.ec.eudi.pid.1"])
        .unwrap();
    let allowed = v.doc_types(pid_only.anchor().fingerprint()).unwrap();
    assert!(!allowed.contains(&"org.iso.18013.5.1.mDL"), "{allowed:?}");
    // A pinned signer that is not this list's: refused.
    let other = CertBuilder::leaf("Other", &Key::p256(92)).build();
    assert!(matches!(
        verify_vical_pinned(&bytes, &[&other], &policy(&[], at)),
        Err(Error::UnknownIssuer { .. })
    ));
}

// --- lists signed here -------------------------------------------------------------------

/// 1.0.18013.5.1.8, VICAL signer; 1.0.18013.5.1.2, mdoc DS.
const KP_VICAL: &[u8] = &[0x28, 0x81, 0x8c, 0x5d, 0x05, 0x01, 0x08];
const KP_MDL_DS: &[u8] = &[0x28, 0x81, 0x8c, 0x5d, 0x05, 0x01, 0x02];
const OID_EKU: &[u8] = &[0x55, 0x1d, 0x25];
const OID_SKI: &[u8] = &[0x55, 0x1d, 0x0e];

struct Pki {
    root: Key,
    signer: Key,
    iaca: Key,
}

impl Pki {
    fn new() -> Pki {
        Pki {
            root: Key::p256(81),
            signer: Key::p256(82),
            iaca: Key::p256(83),
        }
    }

    fn root_cert(&self) -> Vec<u8> {
        CertBuilder::ca("VICAL Root", &self.root).build()
    }

    fn signer_cert(&self, purpose: &[u8]) -> Vec<u8> {
        CertBuilder::leaf("VICAL Signer", &self.signer)
            .issued_by("VICAL Root", &self.root)
            .extension(OID_EKU, true, seq(&[oid(purpose)]))
            .build()
    }

    fn iaca_cert(&self) -> Vec<u8> {
        CertBuilder::ca("Test IACA", &self.iaca)
            .path_len(0)
            .extension(OID_SKI, false, tlv(0x04, &[7; 20]))
            .build()
    }

    fn pins(&self) -> Vec<TrustAnchor> {
        vec![TrustAnchor::from_der(&self.root_cert(), Purpose::TrustListSigner).unwrap()]
    }
}

struct List<'a> {
    issue_id: Option<u64>,
    date: &'a str,
    next_update: Option<&'a str>,
    doc_types: &'a [&'a str],
    certificate: Vec<u8>,
}

fn tdate(e: &mut Encoder, s: &str) {
    e.tag(0).text(s);
}

fn payload(l: &List<'_>) -> Vec<u8> {
    let mut e = Encoder::new();
    let n = 4 + usize::from(l.issue_id.is_some()) + usize::from(l.next_update.is_some());
    e.map(n);
    e.text("version").text("1.0");
    e.text("vicalProvider").text("Test Provider");
    e.text("date");
    tdate(&mut e, l.date);
    if let Some(id) = l.issue_id {
        e.text("vicalIssueID").uint(id);
    }
    if let Some(next) = l.next_update {
        e.text("nextUpdate");
        tdate(&mut e, next);
    }
    e.text("certificateInfos").array(1);
    e.map(3);
    e.text("certificate").bytes(&l.certificate);
    e.text("docType").array(l.doc_types.len());
    for d in l.doc_types {
        e.text(d);
    }
    e.text("Extensions").map(0);
    e.into_bytes()
}

/// COSE_Sign1 (untagged, like both published lists) with ES256 and `x5chain`.
fn sign(key: &Key, chain: &[Vec<u8>], payload: &[u8]) -> Vec<u8> {
    let mut prot = Encoder::new();
    prot.map(1).int(1).int(-7);
    let prot = prot.into_bytes();
    let tbs = cccd_verify::cose::sig_structure(&prot, payload);
    let Key::P256(k) = key else {
        panic!("P-256 only")
    };
    let sig: p256::ecdsa::Signature = k.sign(&tbs);
    let mut e = Encoder::new();
    e.array(4).bytes(&prot).map(1).int(33);
    if let [one] = chain {
        e.bytes(one);
    } else {
        e.array(chain.len());
        for c in chain {
            e.bytes(c);
        }
    }
    e.bytes(payload).bytes(&sig.to_bytes());
    e.into_bytes()
}

fn good(pki: &Pki) -> List<'static> {
    List {
        issue_id: Some(7),
        date: "2026-11-20T00:00:00Z",
        next_update: Some("2026-12-20T00:00:00Z"),
        doc_types: &["org.iso.18013.5.1.mDL"],
        certificate: pki.iaca_cert(),
    }
}

fn signed(pki: &Pki, l: &List<'_>) -> Vec<u8> {
    sign(&pki.signer, &[pki.signer_cert(KP_VICAL)], &payload(l))
}

#[test]
fn a_list_signed_here_verifies_and_gives_its_iacas_with_their_doc_types() {
    let pki = Pki::new();
    let pins = pki.pins();
    let v = verify_vical(&signed(&pki, &good(&pki)), &policy(&pins, NOW)).unwrap();
    assert_eq!(v.issue_id(), Some(7));
    let a = &v.anchors()[0];
    assert_eq!(a.der(), pki.iaca_cert().as_slice());
    assert_eq!(
        v.doc_types(a.fingerprint()),
        Some(vec!["org.iso.18013.5.1.mDL"])
    );
    assert_eq!(v.accepted().sequence, 7);
    // The x5chain as an array ending with a copy of the root verifies as well.
    let chain = [pki.signer_cert(KP_VICAL), pki.root_cert()];
    assert!(verify_vical(
        &sign(&pki.signer, &chain, &payload(&good(&pki))),
        &policy(&pins, NOW)
    )
    .is_ok());
}

#[test]
fn a_signer_without_the_vical_eku_is_refused() {
    let pki = Pki::new();
    let bytes = sign(
        &pki.signer,
        &[pki.signer_cert(KP_MDL_DS)],
        &payload(&good(&pki)),
    );
    let r = verify_vical(&bytes, &policy(&pki.pins(), NOW));
    assert!(matches!(r, Err(Error::EkuMissing { .. })), "{r:?}");
}

#[test]
fn a_list_signed_by_another_key_is_refused() {
    let pki = Pki::new();
    let intruder = Key::p256(99);
    let bytes = sign(
        &intruder,
        &[pki.signer_cert(KP_VICAL)],
        &payload(&good(&pki)),
    );
    assert!(matches!(
        verify_vical(&bytes, &policy(&pki.pins(), NOW)),
        Err(Error::CoseSignatureInvalid)
    ));
}

#[test]
fn rollback_and_equivocation_are_refused_and_the_same_list_again_is_accepted() {
    let pki = Pki::new();
    let pins = pki.pins();
    let first = verify_vical(&signed(&pki, &good(&pki)), &policy(&pins, NOW)).unwrap();
    let mut p = policy(&pins, NOW);
    p.accepted = Some(first.accepted());
    // Same list again: fine.
    assert!(verify_vical(&signed(&pki, &good(&pki)), &p).is_ok());
    // Lower issue ID.
    let older = List {
        issue_id: Some(6),
        ..good(&pki)
    };
    assert!(matches!(
        verify_vical(&signed(&pki, &older), &p),
        Err(Error::TrustListRollback {
            sequence: 6,
            accepted: 7
        })
    ));
    // Same issue ID, other content.
    let other = List {
        doc_types: &["org.iso.18013.5.1.mDL", "eu.europa.ec.eudi.pid.1"],
        ..good(&pki)
    };
    assert!(matches!(
        verify_vical(&signed(&pki, &other), &p),
        Err(Error::TrustListEquivocation { sequence: 7 })
    ));
    // No issue ID at all cannot be checked for rollback once something was accepted.
    let none = List {
        issue_id: None,
        ..good(&pki)
    };
    assert!(verify_vical(&signed(&pki, &none), &policy(&pins, NOW)).is_ok());
    assert!(matches!(
        verify_vical(&signed(&pki, &none), &p),
        Err(Error::TrustListFormat { field }) if field == "vicalIssueID"
    ));
    // A higher one is accepted.
    let newer = List {
        issue_id: Some(8),
        ..good(&pki)
    };
    assert_eq!(
        verify_vical(&signed(&pki, &newer), &p).unwrap().issue_id(),
        Some(8)
    );
}

#[test]
fn dates_are_checked() {
    let pki = Pki::new();
    let pins = pki.pins();
    let future = List {
        date: "2026-11-28T00:00:00Z",
        ..good(&pki)
    };
    assert!(matches!(
        verify_vical(&signed(&pki, &future), &policy(&pins, NOW)),
        Err(Error::TrustListIssuedInFuture { .. })
    ));
    let stale = List {
        next_update: Some("2026-11-26T00:00:00Z"),
        ..good(&pki)
    };
    assert!(matches!(
        verify_vical(&signed(&pki, &stale), &policy(&pins, NOW)),
        Err(Error::TrustListStale { .. })
    ));
    let mut grace = policy(&pins, NOW);
    grace.stale = StalePolicy::Grace {
        seconds: 2 * 86_400,
    };
    assert!(verify_vical(&signed(&pki, &stale), &grace).unwrap().stale());
}

#[test]
fn malformed_entries_name_the_field() {
    let pki = Pki::new();
    let pins = pki.pins();
    let no_types = List {
        doc_types: &[],
        ..good(&pki)
    };
    assert!(matches!(
        verify_vical(&signed(&pki, &no_types), &policy(&pins, NOW)),
        Err(Error::TrustListFormat { field }) if field == "certificateInfos[0].docType"
    ));
    // A certificate that is no usable anchor is left out with its reason, not trusted.
    let bad_cert = List {
        certificate: vec![0x30, 0x03, 0x02, 0x01, 0x01],
        ..good(&pki)
    };
    let v = verify_vical(&signed(&pki, &bad_cert), &policy(&pins, NOW)).unwrap();
    assert!(v.entries().is_empty() && v.anchors().is_empty());
    assert_eq!(v.skipped(), [(0, "ERR_CERT_PARSE")]);
    assert_eq!(
        v.wire().to_wire_json(),
        serde_json::to_value(v.wire()).unwrap().to_string()
    );
    // Not a COSE_Sign1 at all, and trailing bytes after one.
    assert!(verify_vical(&[0xa0], &policy(&pins, NOW)).is_err());
    let mut trailing = signed(&pki, &good(&pki));
    trailing.push(0);
    assert!(matches!(
        verify_vical(&trailing, &policy(&pins, NOW)),
        Err(Error::CborFormat {
            reason: "trailing-bytes",
            ..
        })
    ));
    // Over the size budget, before decoding.
    let mut small = policy(&pins, NOW);
    small.budget.max_bytes = 100;
    assert!(matches!(
        verify_vical(&signed(&pki, &good(&pki)), &small),
        Err(Error::InputTooLarge { .. })
    ));
}

#[test]
fn accepted_state_round_trips_as_the_trust_list_one() {
    // The persisted state is the same type as the JSON trust list's.
    let pki = Pki::new();
    let v = verify_vical(&signed(&pki, &good(&pki)), &policy(&pki.pins(), NOW)).unwrap();
    let a: Accepted = v.accepted();
    let json = serde_json::to_value(v.wire()).unwrap();
    // What the wasm module returns (written directly) is serde_json's text of the same value.
    assert_eq!(v.wire().to_wire_json(), json.to_string());
    assert_eq!(json["accepted"]["issueId"], 7);
    assert_eq!(json["entries"][0]["docTypes"][0], "org.iso.18013.5.1.mDL");
    assert_eq!(a.sequence, 7);
}
