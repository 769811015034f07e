//! The body of the `trust_list` fuzz target, replayed by `tests/fuzz_corpus.rs`: any bytes (1),
//! when UTF-8, as a signed trust list (compact JWS) verified against a pinned trust-list signer
//! at a fixed clock: nothing the fuzzer writes carries a valid signature, but the JWS, header and
//! `x5c` handling before the signature check runs; and (2) as the *payload* of a list that this
//! body signs with the pinned signer's key (RFC 6979, deterministic), so the LoTE JSON parsing,
//! budgets, certificate decoding, rollback and staleness checks all run on fuzzer-chosen content.
//! Accepted lists are queried (anchors by purpose, `vct_allowed`, `to_json`, `check_fresh`).
//! Nothing may panic.
//!
//! The certificates come from the deterministic builder of the Rust tests
//! (`tests/support/certs.rs`), hence the `p256`/`p384` dependencies of the fuzz crate. Good seeds
//! are LoTE JSON payloads as `tests/trust_list.rs` builds them (`docs/trust-list.md` has an
//! example).
#![allow(dead_code)]

#[path = "../../tests/support/certs.rs"]
mod certs;

use std::sync::OnceLock;

use cccd_verify::jose::b64::{encode_std, encode_url};
use cccd_verify::trust::{verify_trust_list, Accepted, ListBudget, ListPolicy, StalePolicy};
use cccd_verify::x509::{Purpose, TrustAnchor};
use cccd_verify::Lang;
use certs::{CertBuilder, Key, NOW};
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};

/// The pinned list signer: root (anchor) → signer leaf, with the leaf's signing key.
struct Signer256 {
    anchors: Vec<TrustAnchor>,
    header_b64: String,
    key: SigningKey,
}

fn signer() -> Option<&'static Signer256> {
    static SIGNER: OnceLock<Option<Signer256>> = OnceLock::new();
    SIGNER
        .get_or_init(|| {
            let (root_key, leaf_key) = (Key::p256(11), Key::p256(12));
            let root = CertBuilder::ca("VN Trust List Root", &root_key).build();
            let leaf = CertBuilder::leaf("VN Trust List Signer", &leaf_key)
                .issued_by("VN Trust List Root", &root_key)
                .build();
            let header = format!(
                r#"{{"alg":"ES256","typ":"trust-list+jwt","x5c":["{}"]}}"#,
                encode_std(&leaf)
            );
            Some(Signer256 {
                anchors: vec![TrustAnchor::from_der(&root, Purpose::TrustListSigner).ok()?],
                header_b64: encode_url(header.as_bytes()),
                key: SigningKey::from_slice(&[12u8; 32]).ok()?,
            })
        })
        .as_ref()
}

/// Verifies `jws` under a policy varied by `variant`; true when the list was accepted.
fn check(jws: &str, s: &Signer256, variant: u8) -> bool {
    // Vary the caller's state and policy with the input, so every branch is reachable.
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
    match verify_trust_list(jws, &policy) {
        Ok(list) => {
            for purpose in [
                Purpose::SdJwtVcIssuer,
                Purpose::StatusListIssuer,
                Purpose::MdocIaca,
                Purpose::TrustListSigner,
            ] {
                for a in list.anchors(purpose) {
                    let _ = list.vct_allowed(a.fingerprint(), "urn:eudi:pid:vn:cccd:1");
                }
            }
            let _ = list.to_json();
            let _ = list.check_fresh(i64::MAX);
            let _ = list.check_fresh(i64::MIN);
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
    if let Ok(text) = std::str::from_utf8(data) {
        check(text, s, variant);
    }
    let input = format!("{}.{}", s.header_b64, encode_url(data));
    let sig: Signature = s.key.sign(input.as_bytes());
    let jws = format!("{input}.{}", encode_url(&sig.to_bytes()));
    check(&jws, s, variant)
}
