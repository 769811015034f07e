//! The body of the `vical` fuzz target, replayed by `tests/fuzz_corpus.rs`: any bytes (1) as a
//! published VICAL (COSE_Sign1) verified against a pinned signer root at a fixed clock — nothing
//! the fuzzer writes carries a valid signature, but the CBOR, COSE and `x5chain` handling before
//! the signature check runs; and (2) as the *payload* of a VICAL that this body signs with the
//! pinned signer's key (RFC 6979, deterministic), so the VICAL map, dates, entries, certificate
//! decoding, rollback and staleness checks run on fuzzer-chosen content. Accepted lists are
//! queried. Nothing may panic.
#![allow(dead_code)]

#[path = "../../tests/support/certs.rs"]
mod certs;

use std::sync::OnceLock;

use cccd_verify::cbor::Encoder;
use cccd_verify::cose::sig_structure;
use cccd_verify::trust::{verify_vical, Accepted, ListBudget, ListPolicy, StalePolicy};
use cccd_verify::x509::{Purpose, TrustAnchor};
use cccd_verify::Lang;
use certs::{oid, seq, CertBuilder, Key, NOW};
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};

/// 1.0.18013.5.1.8 (VICAL signer) and the extKeyUsage extension.
const KP_VICAL: &[u8] = &[0x28, 0x81, 0x8c, 0x5d, 0x05, 0x01, 0x08];
const OID_EKU: &[u8] = &[0x55, 0x1d, 0x25];

struct VicalSigner {
    anchors: Vec<TrustAnchor>,
    leaf: Vec<u8>,
    key: SigningKey,
}

fn signer() -> Option<&'static VicalSigner> {
    static SIGNER: OnceLock<Option<VicalSigner>> = OnceLock::new();
    SIGNER
        .get_or_init(|| {
            let (root_key, leaf_key) = (Key::p256(21), Key::p256(22));
            let root = CertBuilder::ca("VICAL Root", &root_key).build();
            let leaf = CertBuilder::leaf("VICAL Signer", &leaf_key)
                .issued_by("VICAL Root", &root_key)
                .extension(OID_EKU, true, seq(&[oid(KP_VICAL)]))
                .build();
            Some(VicalSigner {
                anchors: vec![TrustAnchor::from_der(&root, Purpose::TrustListSigner).ok()?],
                leaf,
                key: SigningKey::from_slice(&[22u8; 32]).ok()?,
            })
        })
        .as_ref()
}

fn check(bytes: &[u8], s: &VicalSigner, variant: u8) -> bool {
    let accepted = (variant & 1 == 1).then_some(Accepted {
        sequence: 3,
        digest: [variant; 32],
    });
    let stale = match variant % 3 {
        0 => StalePolicy::Hard,
        1 => StalePolicy::Grace { seconds: 86_400 },
        _ => StalePolicy::Warn,
    };
    let policy = ListPolicy {
        signers: &s.anchors,
        accepted,
        stale,
        now: NOW,
        leeway: 300,
        budget: ListBudget::default(),
    };
    match verify_vical(bytes, &policy) {
        Ok(v) => {
            for a in v.anchors() {
                let _ = v.doc_types(a.fingerprint());
            }
            let _ = serde_json::to_string(&v.wire());
            let _ = v.check_fresh(i64::MAX);
            let _ = v.check_fresh(i64::MIN);
            true
        }
        Err(e) => {
            let _ = e.to_json(Lang::Vi);
            false
        }
    }
}

/// Runs the body on one input; true when the input, as a payload signed here, was accepted.
pub fn run(data: &[u8]) -> bool {
    let Some(s) = signer() else {
        return false;
    };
    let variant = data.first().copied().unwrap_or(0);
    check(data, s, variant);
    let mut prot = Encoder::new();
    prot.map(1).int(1).int(-7);
    let prot = prot.into_bytes();
    let sig: Signature = s.key.sign(&sig_structure(&prot, data));
    let mut e = Encoder::new();
    e.array(4)
        .bytes(&prot)
        .map(1)
        .int(33)
        .bytes(&s.leaf)
        .bytes(data)
        .bytes(&sig.to_bytes());
    check(e.as_bytes(), s, variant)
}
