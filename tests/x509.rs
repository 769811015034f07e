//! RFC 5280 §6.1 path validation as `src/x509/` implements it (see `docs/x509.md`): every
//! certificate is built here, deterministically (`tests/support/certs.rs`), at one fixed clock.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

#[path = "support/certs.rs"]
mod certs;

use cccd_verify::crypto::Curve;
use cccd_verify::x509::{verify_path, Budget, KeyKind, Purpose, TrustAnchor, VerifiedPath};
use cccd_verify::{CertRef, Error, KeyUsageBit, Lang};
use certs::{CertBuilder, Key, DAY, NOW, YEAR};

const ROOT: &str = "Test Root CA";
const SUB: &str = "Test Issuing CA";
const LEAF: &str = "Test Credential Issuer";

/// The keys of the test PKI, by role.
struct Keys {
    root: Key,
    sub: Key,
    leaf: Key,
    other: Key,
}

fn keys() -> Keys {
    Keys {
        root: Key::p256(1),
        sub: Key::p256(2),
        leaf: Key::p256(3),
        other: Key::p256(4),
    }
}

fn root(k: &Keys) -> Vec<u8> {
    CertBuilder::ca(ROOT, &k.root).build()
}

fn sub(k: &Keys) -> CertBuilder<'_> {
    CertBuilder::ca(SUB, &k.sub)
        .issued_by(ROOT, &k.root)
        .serial(2)
        .path_len(0)
}

fn leaf_under_sub(k: &Keys) -> CertBuilder<'_> {
    CertBuilder::leaf(LEAF, &k.leaf)
        .issued_by(SUB, &k.sub)
        .serial(3)
        .san_uri("https://issuer.example")
        .san_dns("issuer.example")
}

fn leaf_under_root(k: &Keys) -> CertBuilder<'_> {
    CertBuilder::leaf(LEAF, &k.leaf)
        .issued_by(ROOT, &k.root)
        .serial(4)
}

fn anchor(der: &[u8]) -> TrustAnchor {
    TrustAnchor::from_der(der, Purpose::SdJwtVcIssuer).unwrap()
}

fn verify(chain: &[&Vec<u8>], anchors: &[TrustAnchor]) -> Result<VerifiedPath, Error> {
    verify_at(chain, anchors, NOW)
}

fn verify_at(chain: &[&Vec<u8>], anchors: &[TrustAnchor], now: i64) -> Result<VerifiedPath, Error> {
    let chain: Vec<&[u8]> = chain.iter().map(|c| c.as_slice()).collect();
    verify_path(
        &chain,
        anchors,
        Purpose::SdJwtVcIssuer,
        now,
        Budget::default(),
    )
}

fn err(r: Result<VerifiedPath, Error>) -> Error {
    match r {
        Ok(_) => panic!("expected an error, the path verified"),
        Err(e) => e,
    }
}

// ---- valid paths ----------------------------------------------------------------------------

#[test]
fn valid_two_cert_chain_verifies_to_anchor() {
    let k = keys();
    let (leaf, sub) = (leaf_under_sub(&k).build(), sub(&k).build());
    let anchors = [anchor(&root(&k))];
    let p = verify(&[&leaf, &sub], &anchors).unwrap();
    assert_eq!(p.public_key().kind(), KeyKind::Ec(Curve::P256));
    assert_eq!(p.public_key().sec1(), Some(k.leaf.sec1().as_slice()));
    assert_eq!(p.subject(), format!("CN={LEAF}"));
    assert_eq!(p.subject_der(), certs::name(LEAF).as_slice());
    assert_eq!(p.san_uris(), ["https://issuer.example"]);
    assert_eq!(p.san_dns_names(), ["issuer.example"]);
    assert_eq!(p.anchor_index(), 0);
    assert_eq!(p.anchor_fingerprint(), anchors[0].fingerprint());
}

#[test]
fn valid_leaf_signed_directly_by_anchor_verifies() {
    let k = keys();
    let leaf = leaf_under_root(&k).build();
    let p = verify(&[&leaf], &[anchor(&root(&k))]).unwrap();
    assert_eq!(p.public_key().sec1(), Some(k.leaf.sec1().as_slice()));
    assert!(p.san_uris().is_empty());
}

#[test]
fn valid_p384_anchor_signing_with_sha384_verifies() {
    let (root_key, leaf_key) = (Key::p384(5), Key::p384(6));
    let root = CertBuilder::ca("P-384 Root", &root_key).build();
    let leaf = CertBuilder::leaf(LEAF, &leaf_key)
        .issued_by("P-384 Root", &root_key)
        .build();
    let p = verify(&[&leaf], &[anchor(&root)]).unwrap();
    assert_eq!(p.public_key().kind(), KeyKind::Ec(Curve::P384));
    assert_eq!(p.public_key().sec1(), Some(leaf_key.sec1().as_slice()));
}

#[test]
fn valid_at_exactly_not_before_and_not_after() {
    let k = keys();
    let leaf = leaf_under_root(&k).validity(NOW - DAY, NOW + DAY).build();
    let anchors = [anchor(&root(&k))];
    assert!(verify_at(&[&leaf], &anchors, NOW - DAY).is_ok());
    assert!(verify_at(&[&leaf], &anchors, NOW + DAY).is_ok());
}

#[test]
fn valid_with_unknown_non_critical_extension() {
    let k = keys();
    let leaf = leaf_under_root(&k)
        .extension(certs::OID_PRIVATE, false, vec![0x05, 0x00])
        .build();
    assert!(verify(&[&leaf], &[anchor(&root(&k))]).is_ok());
}

#[test]
fn valid_leaf_without_key_usage_or_basic_constraints() {
    let k = keys();
    let leaf = leaf_under_root(&k)
        .no_key_usage()
        .no_basic_constraints()
        .build();
    assert!(verify(&[&leaf], &[anchor(&root(&k))]).is_ok());
}

#[test]
fn valid_after_key_rollover_picks_the_anchor_whose_key_signed() {
    let k = keys();
    let old_root = CertBuilder::ca(ROOT, &k.other).build();
    let leaf = leaf_under_root(&k).build();
    let p = verify(&[&leaf], &[anchor(&old_root), anchor(&root(&k))]).unwrap();
    assert_eq!(p.anchor_index(), 1);
}

#[test]
fn valid_path_prefers_the_anchor_of_the_requested_purpose() {
    let k = keys();
    let root = root(&k);
    let leaf = leaf_under_root(&k).build();
    let anchors = [
        TrustAnchor::from_der(&root, Purpose::TrustListSigner).unwrap(),
        anchor(&root),
    ];
    assert_eq!(verify(&[&leaf], &anchors).unwrap().anchor_index(), 1);
}

// ---- anchors --------------------------------------------------------------------------------

#[test]
fn wrong_anchor_gives_unknown_issuer() {
    let k = keys();
    let other_root = CertBuilder::ca("Other Root CA", &k.other).build();
    let (leaf, sub) = (leaf_under_sub(&k).build(), sub(&k).build());
    assert_eq!(
        err(verify(&[&leaf, &sub], &[anchor(&other_root)])),
        Error::UnknownIssuer {
            purpose: Purpose::SdJwtVcIssuer,
            anchors: 1
        }
    );
}

#[test]
fn no_anchors_gives_unknown_issuer() {
    let k = keys();
    let leaf = leaf_under_root(&k).build();
    assert_eq!(
        err(verify(&[&leaf], &[])),
        Error::UnknownIssuer {
            purpose: Purpose::SdJwtVcIssuer,
            anchors: 0
        }
    );
}

#[test]
fn anchor_with_another_purpose_gives_purpose_mismatch() {
    let k = keys();
    let leaf = leaf_under_root(&k).build();
    let anchors = [TrustAnchor::from_der(&root(&k), Purpose::MdocIaca).unwrap()];
    assert_eq!(
        err(verify(&[&leaf], &anchors)),
        Error::AnchorPurposeMismatch {
            expected: Purpose::SdJwtVcIssuer,
            found: Purpose::MdocIaca
        }
    );
}

#[test]
fn anchor_with_another_purpose_that_does_not_verify_gives_unknown_issuer() {
    // Its failure says nothing about the purpose asked for.
    let k = keys();
    let leaf = leaf_under_root(&k).tampered().build();
    let anchors = [TrustAnchor::from_der(&root(&k), Purpose::MdocIaca).unwrap()];
    assert_eq!(
        err(verify(&[&leaf], &anchors)),
        Error::UnknownIssuer {
            purpose: Purpose::SdJwtVcIssuer,
            anchors: 0
        }
    );
}

#[test]
fn budget_running_out_while_explaining_keeps_the_real_error() {
    let k = keys();
    let leaf = leaf_under_root(&k).build();
    let anchors = [
        anchor(&CertBuilder::ca(ROOT, &k.other).build()),
        TrustAnchor::from_der(&root(&k), Purpose::MdocIaca).unwrap(),
    ];
    let mut budget = Budget::default();
    budget.max_signature_checks = 1;
    let chain: [&[u8]; 1] = [&leaf];
    assert_eq!(
        verify_path(&chain, &anchors, Purpose::SdJwtVcIssuer, NOW, budget).unwrap_err(),
        Error::CertSignatureInvalid {
            cert: CertRef::Chain(0)
        }
    );
}

#[test]
fn expired_anchor_is_rejected() {
    let k = keys();
    let root = CertBuilder::ca(ROOT, &k.root)
        .validity(NOW - 10 * YEAR, NOW - DAY)
        .build();
    let leaf = leaf_under_root(&k).build();
    assert_eq!(
        err(verify(&[&leaf], &[anchor(&root)])),
        Error::CertExpired {
            cert: CertRef::Anchor,
            not_after: NOW - DAY
        }
    );
}

#[test]
fn anchor_path_len_zero_rejects_an_intermediate() {
    let k = keys();
    let root = CertBuilder::ca(ROOT, &k.root).path_len(0).build();
    let (leaf, sub) = (leaf_under_sub(&k).build(), sub(&k).build());
    assert_eq!(
        err(verify(&[&leaf, &sub], &[anchor(&root)])),
        Error::PathLenExceeded {
            cert: CertRef::Anchor
        }
    );
    // …but allows the end entity directly below it (the IACA profile).
    assert!(verify(&[&leaf_under_root(&k).build()], &[anchor(&root)]).is_ok());
}

#[test]
fn anchor_in_chain_is_rejected() {
    let k = keys();
    let root = root(&k);
    let (leaf, sub) = (leaf_under_sub(&k).build(), sub(&k).build());
    assert_eq!(
        err(verify(&[&leaf, &sub, &root], &[anchor(&root)])),
        Error::AnchorInChain { index: 2 }
    );
}

#[test]
fn reissued_anchor_in_chain_is_rejected() {
    // Same subject and key as the anchor, different certificate.
    let k = keys();
    let reissued = CertBuilder::ca(ROOT, &k.root).serial(99).build();
    let (leaf, sub) = (leaf_under_sub(&k).build(), sub(&k).build());
    assert_eq!(
        err(verify(&[&leaf, &sub, &reissued], &[anchor(&root(&k))])),
        Error::AnchorInChain { index: 2 }
    );
}

#[test]
fn trust_anchor_that_is_not_a_ca_is_rejected() {
    let k = keys();
    let der = CertBuilder::leaf("Not A CA", &k.root).build();
    assert_eq!(
        TrustAnchor::from_der(&der, Purpose::SdJwtVcIssuer).unwrap_err(),
        Error::CertNotCa {
            cert: CertRef::Anchor
        }
    );
}

#[test]
fn trust_anchor_with_name_constraints_is_rejected() {
    let k = keys();
    let nc = certs::seq(&[certs::tlv(
        0xa0,
        &certs::seq(&[certs::tlv(0x82, b"example")]),
    )]);
    let der = CertBuilder::ca(ROOT, &k.root)
        .extension(certs::OID_NAME_CONSTRAINTS, true, nc)
        .build();
    assert_eq!(
        TrustAnchor::from_der(&der, Purpose::MdocIaca).unwrap_err(),
        Error::NameConstraintsUnsupported {
            cert: CertRef::Anchor
        }
    );
}

#[test]
fn trust_anchor_from_garbage_is_a_parse_error() {
    assert_eq!(
        TrustAnchor::from_der(b"not a certificate", Purpose::TrustListSigner).unwrap_err(),
        Error::CertParse {
            cert: CertRef::Anchor,
            reason: "malformed",
        }
    );
}

#[test]
fn trust_anchor_accessors() {
    let k = keys();
    let der = root(&k);
    let a = TrustAnchor::from_der(&der, Purpose::StatusListIssuer).unwrap();
    assert_eq!(a.purpose(), Purpose::StatusListIssuer);
    assert_eq!(a.subject(), format!("CN={ROOT}"));
    assert_eq!(a.der(), der.as_slice());
    use sha2::Digest;
    assert_eq!(
        a.fingerprint(),
        <[u8; 32]>::from(sha2::Sha256::digest(&der))
    );
}

// ---- most specific error ----------------------------------------------------------------------

#[test]
fn most_specific_error_among_several_anchors() {
    let k = keys();
    let leaf = leaf_under_root(&k).build();
    let unrelated = anchor(&CertBuilder::ca("Unrelated Root", &k.other).build());
    let same_name_other_key = anchor(&CertBuilder::ca(ROOT, &k.other).build());
    let expired_right_key = anchor(
        &CertBuilder::ca(ROOT, &k.root)
            .validity(NOW - 10 * YEAR, NOW - YEAR)
            .build(),
    );
    let bad_sig = Error::CertSignatureInvalid {
        cert: CertRef::Chain(0),
    };
    let expired = Error::CertExpired {
        cert: CertRef::Anchor,
        not_after: NOW - YEAR,
    };
    // A bad signature says more than "unknown issuer", whatever the order.
    assert_eq!(
        err(verify(
            &[&leaf],
            &[unrelated.clone(), same_name_other_key.clone()]
        )),
        bad_sig
    );
    assert_eq!(
        err(verify(
            &[&leaf],
            &[same_name_other_key.clone(), unrelated.clone()]
        )),
        bad_sig
    );
    // An expired anchor (with the right name) says more than a bad signature.
    assert_eq!(
        err(verify(
            &[&leaf],
            &[
                same_name_other_key.clone(),
                expired_right_key.clone(),
                unrelated.clone()
            ]
        )),
        expired
    );
    assert_eq!(
        err(verify(&[&leaf], &[expired_right_key, same_name_other_key])),
        expired
    );
}

#[test]
fn purpose_mismatch_outranks_the_errors_of_other_anchors() {
    let k = keys();
    let leaf = leaf_under_root(&k).build();
    let same_name_other_key = anchor(&CertBuilder::ca(ROOT, &k.other).build());
    let other_purpose = TrustAnchor::from_der(&root(&k), Purpose::TrustListSigner).unwrap();
    assert_eq!(
        err(verify(&[&leaf], &[same_name_other_key, other_purpose])),
        Error::AnchorPurposeMismatch {
            expected: Purpose::SdJwtVcIssuer,
            found: Purpose::TrustListSigner
        }
    );
}

// ---- signatures and algorithms --------------------------------------------------------------

#[test]
fn tampered_leaf_signature_is_rejected() {
    let k = keys();
    let (leaf, sub) = (leaf_under_sub(&k).tampered().build(), sub(&k).build());
    assert_eq!(
        err(verify(&[&leaf, &sub], &[anchor(&root(&k))])),
        Error::CertSignatureInvalid {
            cert: CertRef::Chain(0)
        }
    );
}

#[test]
fn tampered_intermediate_signature_is_rejected() {
    let k = keys();
    let (leaf, sub) = (leaf_under_sub(&k).build(), sub(&k).tampered().build());
    assert_eq!(
        err(verify(&[&leaf, &sub], &[anchor(&root(&k))])),
        Error::CertSignatureInvalid {
            cert: CertRef::Chain(1)
        }
    );
}

#[test]
fn unsupported_signature_algorithm_is_rejected() {
    let k = keys();
    let leaf = leaf_under_root(&k)
        .signature_algorithm(certs::OID_ECDSA_SHA512)
        .build();
    assert_eq!(
        err(verify(&[&leaf], &[anchor(&root(&k))])),
        Error::CertAlgorithmUnsupported {
            cert: CertRef::Chain(0)
        }
    );
}

#[test]
fn sha256_signature_from_a_p384_issuer_is_rejected() {
    let root_key = Key::p384(5);
    let k = keys();
    let root = CertBuilder::ca("P-384 Root", &root_key).build();
    let leaf = CertBuilder::leaf(LEAF, &k.leaf)
        .issued_by("P-384 Root", &root_key)
        .signature_algorithm(&[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02])
        .build();
    assert_eq!(
        err(verify(&[&leaf], &[anchor(&root)])),
        Error::CertAlgorithmUnsupported {
            cert: CertRef::Chain(0)
        }
    );
}

#[test]
fn signature_budget_exceeded_is_rejected() {
    let k = keys();
    let (leaf, sub) = (leaf_under_sub(&k).build(), sub(&k).build());
    let mut budget = Budget::default();
    budget.max_signature_checks = 1;
    let chain: [&[u8]; 2] = [&leaf, &sub];
    assert_eq!(
        verify_path(
            &chain,
            &[anchor(&root(&k))],
            Purpose::SdJwtVcIssuer,
            NOW,
            budget
        )
        .unwrap_err(),
        Error::SignatureBudgetExceeded { max: 1 }
    );
}

// ---- validity periods -----------------------------------------------------------------------

#[test]
fn expired_leaf_is_rejected() {
    let k = keys();
    let leaf = leaf_under_sub(&k).validity(NOW - YEAR, NOW - 1).build();
    let sub = sub(&k).build();
    assert_eq!(
        err(verify(&[&leaf, &sub], &[anchor(&root(&k))])),
        Error::CertExpired {
            cert: CertRef::Chain(0),
            not_after: NOW - 1
        }
    );
}

#[test]
fn expired_intermediate_is_rejected() {
    let k = keys();
    let leaf = leaf_under_sub(&k).build();
    let sub = sub(&k).validity(NOW - 2 * YEAR, NOW - DAY).build();
    assert_eq!(
        err(verify(&[&leaf, &sub], &[anchor(&root(&k))])),
        Error::CertExpired {
            cert: CertRef::Chain(1),
            not_after: NOW - DAY
        }
    );
}

#[test]
fn not_yet_valid_leaf_is_rejected() {
    let k = keys();
    let leaf = leaf_under_root(&k).validity(NOW + 1, NOW + YEAR).build();
    assert_eq!(
        err(verify(&[&leaf], &[anchor(&root(&k))])),
        Error::CertNotYetValid {
            cert: CertRef::Chain(0),
            not_before: NOW + 1
        }
    );
}

#[test]
fn generalized_time_after_2049_is_read() {
    let k = keys();
    let leaf = leaf_under_root(&k)
        .validity(NOW - DAY, 2_556_143_999)
        .build(); // 2050-12-31
    assert!(verify(&[&leaf], &[anchor(&root(&k))]).is_ok());
    assert!(verify_at(&[&leaf], &[anchor(&root(&k))], 2_556_144_000).is_err());
}

#[test]
fn extreme_clock_values_do_not_panic() {
    let k = keys();
    let leaf = leaf_under_root(&k).build();
    let anchors = [anchor(&root(&k))];
    assert!(matches!(
        err(verify_at(&[&leaf], &anchors, i64::MIN)),
        Error::CertNotYetValid { .. }
    ));
    assert!(matches!(
        err(verify_at(&[&leaf], &anchors, i64::MAX)),
        Error::CertExpired { .. }
    ));
}

// ---- CA constraints -------------------------------------------------------------------------

#[test]
fn intermediate_without_ca_is_rejected() {
    let k = keys();
    let leaf = leaf_under_sub(&k).build();
    for sub in [
        sub(&k).not_ca().build(),
        sub(&k).no_basic_constraints().build(),
    ] {
        assert_eq!(
            err(verify(&[&leaf, &sub], &[anchor(&root(&k))])),
            Error::CertNotCa {
                cert: CertRef::Chain(1)
            }
        );
    }
}

#[test]
fn path_len_exceeded_is_rejected() {
    // root → sub (pathLen 0) → sub2 → leaf: one intermediate below `sub`, which allows none.
    let k = keys();
    let sub2_key = Key::p256(7);
    let sub = sub(&k).build();
    let sub2 = CertBuilder::ca("Test Sub-CA 2", &sub2_key)
        .issued_by(SUB, &k.sub)
        .build();
    let leaf = CertBuilder::leaf(LEAF, &k.leaf)
        .issued_by("Test Sub-CA 2", &sub2_key)
        .build();
    assert_eq!(
        err(verify(&[&leaf, &sub2, &sub], &[anchor(&root(&k))])),
        Error::PathLenExceeded {
            cert: CertRef::Chain(2)
        }
    );
}

#[test]
fn key_cert_sign_missing_is_rejected() {
    let k = keys();
    let leaf = leaf_under_sub(&k).build();
    let sub = sub(&k).key_usage(certs::KU_CRL_SIGN).build();
    assert_eq!(
        err(verify(&[&leaf, &sub], &[anchor(&root(&k))])),
        Error::KeyUsageMissing {
            cert: CertRef::Chain(1),
            usage: KeyUsageBit::KeyCertSign
        }
    );
}

#[test]
fn leaf_without_digital_signature_is_rejected() {
    let k = keys();
    let leaf = leaf_under_root(&k).key_usage(1 << 2).build(); // keyEncipherment
    assert_eq!(
        err(verify(&[&leaf], &[anchor(&root(&k))])),
        Error::KeyUsageMissing {
            cert: CertRef::Chain(0),
            usage: KeyUsageBit::DigitalSignature
        }
    );
}

#[test]
fn leaf_that_is_a_ca_is_rejected() {
    let k = keys();
    let leaf = leaf_under_root(&k).make_ca().build();
    assert_eq!(
        err(verify(&[&leaf], &[anchor(&root(&k))])),
        Error::EndEntityIsCa
    );
    let leaf = leaf_under_root(&k)
        .key_usage(certs::KU_DIGITAL_SIGNATURE | certs::KU_KEY_CERT_SIGN)
        .build();
    assert_eq!(
        err(verify(&[&leaf], &[anchor(&root(&k))])),
        Error::EndEntityIsCa
    );
}

#[test]
fn self_signed_leaf_is_rejected() {
    let k = keys();
    let leaf = CertBuilder::leaf(LEAF, &k.leaf).build();
    assert_eq!(
        err(verify(&[&leaf], &[anchor(&root(&k))])),
        Error::SelfSignedEndEntity
    );
}

// ---- extensions -----------------------------------------------------------------------------

#[test]
fn unknown_critical_extension_is_rejected() {
    let k = keys();
    let leaf = leaf_under_sub(&k).build();
    let sub = sub(&k)
        .extension(certs::OID_PRIVATE, true, vec![0x05, 0x00])
        .build();
    assert_eq!(
        err(verify(&[&leaf, &sub], &[anchor(&root(&k))])),
        Error::UnsupportedCriticalExtension {
            cert: CertRef::Chain(1),
            oid: "1.3.6.1.4.1.55555.1".into()
        }
    );
}

#[test]
fn critical_policy_constraints_are_rejected() {
    let k = keys();
    let leaf = leaf_under_sub(&k).build();
    // PolicyConstraints { requireExplicitPolicy [0] 0 }: policy processing is not implemented.
    let sub = sub(&k)
        .extension(
            certs::OID_POLICY_CONSTRAINTS,
            true,
            certs::seq(&[vec![0x80, 0x01, 0x00]]),
        )
        .build();
    assert_eq!(
        err(verify(&[&leaf, &sub], &[anchor(&root(&k))])),
        Error::UnsupportedCriticalExtension {
            cert: CertRef::Chain(1),
            oid: "2.5.29.36".into()
        }
    );
}

#[test]
fn name_constraints_are_rejected() {
    let k = keys();
    let leaf = leaf_under_sub(&k).build();
    // NameConstraints { permittedSubtrees [0] { GeneralSubtree { dNSName "example" } } }
    let nc = certs::seq(&[certs::tlv(
        0xa0,
        &certs::seq(&[certs::tlv(0x82, b"example")]),
    )]);
    let sub = sub(&k)
        .extension(certs::OID_NAME_CONSTRAINTS, true, nc)
        .build();
    assert_eq!(
        err(verify(&[&leaf, &sub], &[anchor(&root(&k))])),
        Error::NameConstraintsUnsupported {
            cert: CertRef::Chain(1)
        }
    );
}

#[test]
fn duplicate_extension_is_a_parse_error() {
    let k = keys();
    let leaf = leaf_under_root(&k)
        .san_uri("https://a.example")
        .extension(
            &[0x55, 0x1d, 0x11],
            false,
            certs::seq(&[certs::tlv(0x86, b"https://b.example")]),
        )
        .build();
    assert_eq!(
        err(verify(&[&leaf], &[anchor(&root(&k))])),
        Error::CertParse {
            cert: CertRef::Chain(0),
            reason: "malformed",
        }
    );
}

// ---- shape and budgets ----------------------------------------------------------------------

#[test]
fn empty_chain_is_rejected() {
    let k = keys();
    assert_eq!(
        err(verify(&[], &[anchor(&root(&k))])),
        Error::CertChainEmpty
    );
}

#[test]
fn chain_longer_than_budget_is_rejected() {
    let k = keys();
    let leaf = leaf_under_sub(&k).build();
    let sub = sub(&k).build();
    assert_eq!(
        err(verify(
            &[&leaf, &sub, &sub, &sub, &sub, &sub],
            &[anchor(&root(&k))]
        )),
        Error::ChainTooLong { len: 6, max: 5 }
    );
}

#[test]
fn oversize_certificate_is_rejected() {
    let k = keys();
    let leaf = leaf_under_root(&k)
        .extension(
            certs::OID_PRIVATE,
            false,
            certs::tlv(0x04, &[0u8; 16 * 1024]),
        )
        .build();
    assert_eq!(
        err(verify(&[&leaf], &[anchor(&root(&k))])),
        Error::CertTooLarge {
            cert: CertRef::Chain(0),
            len: leaf.len(),
            max: cccd_verify::x509::MAX_CERT_DER_BYTES
        }
    );
}

#[test]
fn garbage_bytes_give_parse_error() {
    let k = keys();
    let sub = sub(&k).build();
    for garbage in [
        b"not a certificate".to_vec(),
        vec![],
        vec![0x30],
        vec![0x30, 0x84, 0xff, 0xff, 0xff, 0xff],
    ] {
        assert_eq!(
            err(verify(&[&garbage, &sub], &[anchor(&root(&k))])),
            Error::CertParse {
                cert: CertRef::Chain(0),
                reason: "malformed",
            }
        );
    }
}

#[test]
fn trailing_bytes_give_parse_error() {
    let k = keys();
    let mut leaf = leaf_under_root(&k).build();
    leaf.push(0);
    assert_eq!(
        err(verify(&[&leaf], &[anchor(&root(&k))])),
        Error::CertParse {
            cert: CertRef::Chain(0),
            reason: "malformed",
        }
    );
}

#[test]
fn version_1_certificate_gives_parse_error() {
    let k = keys();
    let leaf = leaf_under_root(&k).version(0).build();
    assert_eq!(
        err(verify(&[&leaf], &[anchor(&root(&k))])),
        Error::CertParse {
            cert: CertRef::Chain(0),
            reason: "malformed",
        }
    );
}

#[test]
fn unordered_chain_gives_chain_order() {
    let k = keys();
    let leaf = leaf_under_sub(&k).build();
    let unrelated = CertBuilder::ca("Unrelated CA", &k.other)
        .issued_by(ROOT, &k.root)
        .build();
    assert_eq!(
        err(verify(&[&leaf, &unrelated], &[anchor(&root(&k))])),
        Error::ChainOrder { index: 0 }
    );
}

// ---- error presentation ---------------------------------------------------------------------

#[test]
fn errors_carry_the_certificate_in_params_and_messages() {
    let e = Error::CertExpired {
        cert: CertRef::Chain(1),
        not_after: NOW,
    };
    let j = e.to_json(Lang::En);
    assert_eq!(j["code"], "ERR_CERT_EXPIRED");
    assert_eq!(j["params"]["cert"], "chain");
    assert_eq!(j["params"]["index"], 1);
    assert_eq!(j["params"]["notAfter"], NOW);
    assert_eq!(
        j["message"],
        "Certificate x5c[1] expired on 2026-11-27 00:00:00 UTC."
    );
    let e = Error::CertNotCa {
        cert: CertRef::Anchor,
    };
    let j = e.to_json(Lang::Vi);
    assert_eq!(j["params"]["cert"], "anchor");
    assert!(j["params"].get("index").is_none());
    assert!(j["message"]
        .as_str()
        .unwrap()
        .starts_with("Chứng thư số gốc"));
    let e = Error::AnchorPurposeMismatch {
        expected: Purpose::SdJwtVcIssuer,
        found: Purpose::MdocIaca,
    };
    let j = e.to_json(Lang::En);
    assert_eq!(j["params"]["expected"], "sdJwtVcIssuer");
    assert_eq!(j["params"]["found"], "mdocIaca");
}

// ---- fixtures for the fuzz target -----------------------------------------------------------

/// Separates certificates in a `x509_chain` fuzz input (see `fuzz/bodies/x509_chain.rs`).
const FUZZ_MARKER: &[u8] = b"--x5c--";

/// The committed DER fixtures (`tests/data/x509/`) and fuzz seeds (`fuzz/corpus/x509_chain/`),
/// as this builder makes them.
fn generated_files() -> Vec<(&'static str, Vec<u8>)> {
    let k = keys();
    let join = |certs: &[&Vec<u8>]| {
        certs
            .iter()
            .map(|c| c.as_slice())
            .collect::<Vec<_>>()
            .join(FUZZ_MARKER)
    };
    let p384_root_key = Key::p384(5);
    let p384_root = CertBuilder::ca("P-384 Root", &p384_root_key).build();
    let p384_leaf = CertBuilder::leaf(LEAF, &k.leaf)
        .issued_by("P-384 Root", &p384_root_key)
        .build();
    let (root, sub, leaf) = (root(&k), sub(&k).build(), leaf_under_sub(&k).build());
    vec![
        ("tests/data/x509/root_p256.der", root.clone()),
        ("tests/data/x509/root_p384.der", p384_root.clone()),
        (
            "fuzz/corpus/x509_chain/seed_valid_leaf_sub",
            join(&[&leaf, &sub]),
        ),
        (
            "fuzz/corpus/x509_chain/seed_valid_leaf_only",
            leaf_under_root(&k).build(),
        ),
        ("fuzz/corpus/x509_chain/seed_p384_other_purpose", p384_leaf),
        (
            "fuzz/corpus/x509_chain/seed_expired_leaf",
            join(&[
                &leaf_under_sub(&k).validity(NOW - YEAR, NOW - 1).build(),
                &sub,
            ]),
        ),
        (
            "fuzz/corpus/x509_chain/seed_tampered_sub",
            join(&[&leaf, &sub_tampered(&k)]),
        ),
        (
            "fuzz/corpus/x509_chain/seed_anchor_in_chain",
            join(&[&leaf, &sub, &root]),
        ),
        (
            "fuzz/corpus/x509_chain/seed_self_signed_leaf",
            CertBuilder::leaf(LEAF, &k.leaf).build(),
        ),
        (
            "fuzz/corpus/x509_chain/seed_garbage",
            b"not a certificate".to_vec(),
        ),
    ]
}

fn sub_tampered(k: &Keys) -> Vec<u8> {
    sub(k).tampered().build()
}

/// The fixtures match the builder; `REGENERATE_X509_FIXTURES=1 cargo test --test x509`
/// rewrites them.
#[test]
fn committed_fixtures_match_the_builder() {
    let dir = env!("CARGO_MANIFEST_DIR");
    let regenerate = std::env::var_os("REGENERATE_X509_FIXTURES").is_some();
    for (rel, bytes) in generated_files() {
        let path = std::path::Path::new(dir).join(rel);
        if regenerate {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &bytes).unwrap();
        }
        let on_disk = std::fs::read(&path)
            .unwrap_or_else(|e| panic!("{rel}: {e} (run with REGENERATE_X509_FIXTURES=1)"));
        assert!(
            on_disk == bytes,
            "{rel} is stale: run with REGENERATE_X509_FIXTURES=1"
        );
    }
}

#[test]
fn fixture_anchors_verify_their_seeds() {
    let k = keys();
    let root = anchor(&root(&k));
    let p384 = TrustAnchor::from_der(
        &CertBuilder::ca("P-384 Root", &Key::p384(5)).build(),
        Purpose::TrustListSigner,
    )
    .unwrap();
    let (sub, leaf) = (sub(&k).build(), leaf_under_sub(&k).build());
    assert!(verify(&[&leaf, &sub], &[root.clone(), p384.clone()]).is_ok());
    let p384_leaf = CertBuilder::leaf(LEAF, &k.leaf)
        .issued_by("P-384 Root", &Key::p384(5))
        .build();
    assert!(matches!(
        err(verify(&[&p384_leaf], &[root, p384])),
        Error::AnchorPurposeMismatch { .. }
    ));
}

#[test]
fn certificates_that_are_ber_but_not_der_are_parse_errors() {
    use certs::NonDer;
    let k = keys();
    let anchors = [anchor(&root(&k))];
    let leaf = || {
        CertBuilder::leaf(LEAF, &k.leaf)
            .issued_by(ROOT, &k.root)
            .serial(4)
            .not_ca()
            .san_dns("issuer.example")
    };
    // Control: the same certificate in DER verifies.
    assert!(verify(&[&leaf().build()], &anchors).is_ok());
    for (how, reason) in [
        (NonDer::LongFormLength, "der-length"),
        (NonDer::EmptySerial, "der-integer"),
        (NonDer::NonMinimalSerial, "der-integer"),
        (NonDer::BooleanOne, "der-boolean"),
        (NonDer::ExplicitCaFalse, "der-default"),
        (NonDer::ExplicitCriticalFalse, "der-default"),
    ] {
        let der = leaf().non_der(how).build();
        let e = err(verify(&[&der], &anchors));
        assert_eq!(
            e,
            Error::CertParse {
                cert: CertRef::Chain(0),
                reason
            },
            "{how:?}"
        );
        assert_eq!(e.code(), "ERR_CERT_PARSE");
        assert_eq!(e.params()["reason"], reason);
    }
    // An anchor too.
    let root = CertBuilder::ca(ROOT, &k.root)
        .non_der(NonDer::BooleanOne)
        .build();
    assert_eq!(
        TrustAnchor::from_der(&root, Purpose::SdJwtVcIssuer).unwrap_err(),
        Error::CertParse {
            cert: CertRef::Anchor,
            reason: "der-boolean"
        }
    );
}
