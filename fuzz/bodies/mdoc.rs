//! The body of the `mdoc` fuzz target, replayed by `tests/fuzz_corpus.rs`. The first byte picks
//! what the rest is (nothing may panic; every refusal is a typed error):
//! - `0 mod 3`: a DeviceResponse, verified (`mdoc::verify_device_response`) against a fixed IACA
//!   and Document Signer (`tests/support/certs.rs`, the keys of `tests/mdoc_rules.rs`), a fixed
//!   transcript and reader key, with policy switches taken from the first byte; also as an
//!   IssuerSigned (`verify_issuer_signed`);
//! - `1 mod 3`: a MobileSecurityObjectBytes payload that this body signs as issuerAuth with the
//!   Document Signer's key (RFC 6979, deterministic), so the MSO parsing, validity, digest and
//!   COSE_Key rules run on fuzzer-chosen content;
//! - `2 mod 3`: any CBOR, every item of which is read as COSE_Sign1, COSE_Mac0, COSE_Key and
//!   `x5chain`, and the whole as a SessionTranscript.
//!
//! Returns true when a response, an IssuerSigned or a COSE_Sign1 was accepted. Seeds:
//! `tests/mdoc_rules.rs` writes them (`REGENERATE_MDOC_SEEDS=1`).
#![allow(dead_code)]

// `tests/fuzz_corpus.rs` includes the trust_list body too, which loads the same file.
#[allow(clippy::duplicate_mod)]
#[path = "../../tests/support/certs.rs"]
mod mdoc_certs;

use std::sync::OnceLock;

use cccd_verify::cbor::{self, Encoder, Item, Options, Value};
use cccd_verify::cose::{cose_key, sig_structure, Mac0, Sign1, DEFAULT_SIG_ALGS};
use cccd_verify::mdoc::{verify_device_response, verify_issuer_signed, Policy, SessionTranscript};
use cccd_verify::x509::{Purpose, TrustAnchor};
use cccd_verify::Lang;
use mdoc_certs::{oid, seq, tlv, CertBuilder, Key, NOW};
use p256::ecdsa::signature::Signer;

pub struct Fixed {
    pub anchors: Vec<TrustAnchor>,
    pub ds: Vec<u8>,
    pub transcript: SessionTranscript,
    pub reader: Vec<u8>,
}

/// The IACA (seed 0x31) and DS (seed 0x32) of `tests/mdoc_rules.rs`, its transcript and reader
/// key (seed 0x34).
pub fn fixed() -> Option<&'static Fixed> {
    static FIXED: OnceLock<Option<Fixed>> = OnceLock::new();
    FIXED
        .get_or_init(|| {
            let (i, d) = (Key::p256(0x31), Key::p256(0x32));
            let key_id = |k: &Key| k.sec1()[1..21].to_vec();
            let iaca = CertBuilder::ca("Test IACA", &i)
                .path_len(0)
                .extension(&[0x55, 0x1d, 0x0e], false, tlv(0x04, &key_id(&i)))
                .build();
            let ds = CertBuilder::leaf("Test Document Signer", &d)
                .issued_by("Test IACA", &i)
                .extension(&[0x55, 0x1d, 0x23], false, seq(&[tlv(0x80, &key_id(&i))]))
                .extension(&[0x55, 0x1d, 0x0e], false, tlv(0x04, &key_id(&d)))
                .extension(
                    &[0x55, 0x1d, 0x25],
                    true,
                    seq(&[oid(&[0x28, 0x81, 0x8c, 0x5d, 0x05, 0x01, 0x02])]),
                )
                .build();
            Some(Fixed {
                anchors: vec![TrustAnchor::from_der(&iaca, Purpose::MdocIaca).ok()?],
                ds,
                transcript: SessionTranscript::oid4vp_dc_api(
                    "https://rp.example",
                    "nonce-123",
                    None,
                ),
                reader: vec![0x34; 32],
            })
        })
        .as_ref()
}

/// Every item of a tree, depth first.
fn each<'a>(item: &Item<'a>, f: &mut dyn FnMut(&Item<'a>)) {
    f(item);
    match item.value() {
        Value::Array(items) => items.iter().for_each(|i| each(i, f)),
        Value::Map(entries) => entries.iter().for_each(|(k, v)| {
            each(k, f);
            each(v, f);
        }),
        Value::Tag(_, content) => each(content, f),
        _ => {}
    }
}

fn cose_items(data: &[u8]) -> bool {
    let _ = SessionTranscript::from_bytes(data).map(|t| t.tagged_bytes());
    let Ok(root) = cbor::decode(data, &Options::default()) else {
        return false;
    };
    let mut accepted = false;
    let key = Key::p256(0x32).sec1();
    let ds_key = cccd_verify::crypto::PublicKey::from_sec1(cccd_verify::crypto::Curve::P256, &key);
    each(&root, &mut |item| {
        if let Ok(s) = Sign1::from_item(item) {
            let _ = s.headers.x5chain();
            let _ = s.sig_alg(&DEFAULT_SIG_ALGS);
            if let Ok(k) = &ds_key {
                accepted |= s.verify(k, &DEFAULT_SIG_ALGS, Some(b"detached")).is_ok();
            }
        }
        if let Ok(m) = Mac0::from_item(item) {
            let _ = m.verify(&[7u8; 32], Some(b"detached"));
        }
        if let Ok(k) = cose_key(item) {
            let _ = k.thumbprint();
        }
    });
    accepted
}

/// `issuerSigned = {issuerAuth: COSE_Sign1(payload)}` signed by the fixed DS.
fn signed_issuer(f: &Fixed, payload: &[u8]) -> Vec<u8> {
    let protected = [0xa1, 0x01, 0x26];
    let Ok(sk) = p256::ecdsa::SigningKey::from_slice(&[0x32; 32]) else {
        return Vec::new();
    };
    let sig: p256::ecdsa::Signature = sk.sign(&sig_structure(&protected, payload));
    let mut e = Encoder::new();
    e.map(1)
        .text("issuerAuth")
        .array(4)
        .bytes(&protected)
        .map(1)
        .uint(33)
        .bytes(&f.ds)
        .bytes(payload)
        .bytes(&sig.to_bytes());
    e.into_bytes()
}

pub fn run(data: &[u8]) -> bool {
    let (Some(&mode), Some(f)) = (data.first(), fixed()) else {
        return false;
    };
    let rest = data.get(1..).unwrap_or_default();
    let mut policy = Policy::new(NOW, &f.anchors, &f.transcript);
    policy.reader_key = Some(&f.reader);
    policy.allow_device_mac = mode & 0x08 == 0;
    policy.drop_unauthorized_device_elements = mode & 0x10 != 0;
    policy.max_documents = 1 + usize::from(mode >> 5);
    let show = |e: cccd_verify::Error| {
        let _ = e.to_json(Lang::Vi);
        false
    };
    match mode % 3 {
        0 => {
            let a = verify_device_response(rest, &policy).map_or_else(show, |r| {
                let _ = r.to_json();
                true
            });
            let b = verify_issuer_signed(rest, &policy).map_or_else(show, |d| {
                let _ = d.to_json();
                true
            });
            a || b
        }
        1 => verify_issuer_signed(&signed_issuer(f, rest), &policy).map_or_else(show, |d| {
            let _ = d.to_json();
            true
        }),
        _ => cose_items(rest),
    }
}
