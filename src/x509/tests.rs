//! Unit tests of the pieces of path validation; whole paths are tested in `tests/x509.rs`.

#[path = "../../tests/support/certs.rs"]
mod certs;

use super::cert::{check_time, Cert};
use super::path::{check_path_len, rank, SignatureChecks};
use super::{Budget, KeyKind, Purpose};
use crate::crypto::Curve;
use crate::error::{CertRef, Error};
use certs::{CertBuilder, Key, NOW};

const AT: CertRef = CertRef::Chain(0);

/// Replaces the last occurrence of `from` in `der` by `to` (same length).
fn patch_last(der: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    assert_eq!(from.len(), to.len());
    let pos = der
        .windows(from.len())
        .rposition(|w| w == from)
        .expect("pattern present");
    let mut out = der.to_vec();
    out[pos..pos + to.len()].copy_from_slice(to);
    out
}

#[test]
fn budget_defaults_are_the_documented_numbers() {
    let b = Budget::default();
    assert_eq!((b.max_chain_len, b.max_signature_checks), (5, 16));
}

#[test]
fn signature_budget_counts_down_then_fails() {
    let mut c = SignatureChecks { left: 2, max: 2 };
    assert!(c.take().is_ok());
    assert!(c.take().is_ok());
    assert_eq!(c.take(), Err(Error::SignatureBudgetExceeded { max: 2 }));
    assert_eq!(c.take(), Err(Error::SignatureBudgetExceeded { max: 2 }));
}

#[test]
fn path_len_counts_intermediates_below() {
    assert!(check_path_len(None, 100, AT).is_ok());
    assert!(check_path_len(Some(0), 0, AT).is_ok());
    assert!(check_path_len(Some(1), 1, AT).is_ok());
    assert_eq!(
        check_path_len(Some(1), 2, AT),
        Err(Error::PathLenExceeded { cert: AT })
    );
    assert!(check_path_len(Some(u32::MAX), u64::from(u32::MAX), AT).is_ok());
}

#[test]
fn validity_bounds_are_inclusive() {
    assert!(check_time(10, 20, 10, AT).is_ok());
    assert!(check_time(10, 20, 20, AT).is_ok());
    assert_eq!(
        check_time(10, 20, 9, AT),
        Err(Error::CertNotYetValid {
            cert: AT,
            not_before: 10
        })
    );
    assert_eq!(
        check_time(10, 20, 21, AT),
        Err(Error::CertExpired {
            cert: AT,
            not_after: 20
        })
    );
}

#[test]
fn rank_orders_errors_from_most_to_least_specific() {
    let order = [
        Error::CertExpired {
            cert: CertRef::Anchor,
            not_after: 0,
        },
        Error::CertSignatureInvalid { cert: AT },
        Error::CertAlgorithmUnsupported { cert: AT },
        Error::PathLenExceeded {
            cert: CertRef::Anchor,
        },
        Error::UnknownIssuer {
            purpose: Purpose::SdJwtVcIssuer,
            anchors: 1,
        },
    ];
    for pair in order.windows(2) {
        assert!(rank(&pair[0]) > rank(&pair[1]), "{pair:?}");
    }
    assert_eq!(
        rank(&Error::CertNotYetValid {
            cert: AT,
            not_before: 0
        }),
        rank(&order[0])
    );
}

#[test]
fn purpose_names_are_distinct() {
    let all = [
        Purpose::SdJwtVcIssuer,
        Purpose::TrustListSigner,
        Purpose::MdocIaca,
        Purpose::StatusListIssuer,
        Purpose::IcaoCsca,
    ];
    let names: std::collections::BTreeSet<_> = all.iter().map(|p| p.name()).collect();
    assert_eq!(names.len(), all.len());
}

#[test]
fn parses_a_certificate_and_reads_its_facts() {
    let key = Key::p256(9);
    let der = CertBuilder::ca("Unit CA", &key).path_len(3).build();
    let c = Cert::parse(&der, AT).unwrap();
    assert!(c.is_ca() && c.is_self_issued());
    assert_eq!(c.path_len_constraint(), Some(3));
    assert!(c.key_usage().unwrap().key_cert_sign());
    assert_eq!(
        c.public_key(AT, &super::signature::HAIP).unwrap().kind(),
        KeyKind::Ec(Curve::P256)
    );
    assert_eq!(
        c.public_key(AT, &super::signature::HAIP).unwrap().sec1(),
        Some(key.sec1().as_slice())
    );
    assert_eq!(c.subject_der(), certs::name("Unit CA").as_slice());
    assert!(c.check_time(NOW, AT).is_ok());
}

#[test]
fn path_len_of_a_non_ca_is_ignored() {
    let key = Key::p256(9);
    let der = CertBuilder::leaf("Unit EE", &key)
        .not_ca()
        .path_len(0)
        .build();
    let c = Cert::parse(&der, AT).unwrap();
    assert!(!c.is_ca());
    assert_eq!(c.path_len_constraint(), None);
}

#[test]
fn outer_and_inner_signature_algorithms_must_match() {
    let der = CertBuilder::leaf("Unit EE", &Key::p256(9)).build();
    // The outer AlgorithmIdentifier is the last ecdsa-with-SHA256 OID; make it SHA-384.
    let bad = patch_last(&der, &[0x3d, 0x04, 0x03, 0x02], &[0x3d, 0x04, 0x03, 0x03]);
    assert_eq!(
        Cert::parse(&bad, AT).err(),
        Some(Error::CertParse {
            cert: AT,
            reason: "malformed"
        })
    );
}

#[test]
fn unsupported_curve_is_an_algorithm_error() {
    let der = CertBuilder::leaf("Unit EE", &Key::p256(9)).build();
    // prime256v1 (1.2.840.10045.3.1.7) → prime239v3 (…3.1.6).
    let other = patch_last(&der, &[0x3d, 0x03, 0x01, 0x07], &[0x3d, 0x03, 0x01, 0x06]);
    let c = Cert::parse(&other, AT).unwrap();
    assert_eq!(
        c.public_key(AT, &super::signature::HAIP),
        Err(Error::CertAlgorithmUnsupported { cert: AT })
    );
}

#[test]
fn point_off_the_curve_is_a_parse_error() {
    let key = Key::p256(9);
    let der = CertBuilder::leaf("Unit EE", &key).build();
    let point = key.sec1();
    let mut off = point.clone();
    off[40] ^= 1; // change y
    let bad = patch_last(&der, &point, &off);
    let c = Cert::parse(&bad, AT).unwrap();
    assert_eq!(
        c.public_key(AT, &super::signature::HAIP),
        Err(Error::CertParse {
            cert: AT,
            reason: "malformed"
        })
    );
}

#[test]
fn reads_subject_alt_names() {
    let der = CertBuilder::leaf("Unit EE", &Key::p256(9))
        .san_uri("https://a.example/x")
        .san_dns("a.example")
        .san_dns("b.example")
        .build();
    let (uris, dns) = Cert::parse(&der, AT).unwrap().san();
    assert_eq!(uris, ["https://a.example/x"]);
    assert_eq!(dns, ["a.example", "b.example"]);
}

#[test]
fn every_error_message_is_non_empty_in_both_languages() {
    for cert in [CertRef::Chain(0), CertRef::Chain(3), CertRef::Anchor] {
        for e in [
            Error::CertParse {
                cert,
                reason: "malformed",
            },
            Error::CertExpired {
                cert,
                not_after: NOW,
            },
            Error::CertTooLarge {
                cert,
                len: 20_000,
                max: 16_384,
            },
        ] {
            let (en, vi) = (e.message(crate::Lang::En), e.message(crate::Lang::Vi));
            assert!(en.starts_with(char::is_uppercase), "{en}");
            assert!(vi.starts_with(char::is_uppercase), "{vi}");
            assert_ne!(en, vi);
        }
    }
}

#[test]
fn renders_multi_attribute_names() {
    use certs::{oid, seq, tlv};
    let atv = |o: &[u8], v: Vec<u8>| seq(&[oid(o), v]);
    let set = |parts: &[Vec<u8>]| tlv(0x31, &parts.concat());
    let der = seq(&[
        set(&[atv(&[0x55, 0x04, 0x06], tlv(0x13, b"VN"))]),
        set(&[atv(
            &[0x55, 0x04, 0x0a],
            tlv(0x0c, "Bộ Công an, C06".as_bytes()),
        )]),
        set(&[
            atv(&[0x55, 0x04, 0x03], tlv(0x0c, b"x")),
            atv(&[0x2a, 0x03, 0x04], tlv(0x02, &[0x05])),
        ]),
    ]);
    assert_eq!(
        super::name::render(&der),
        "C=VN, O=Bộ Công an\\, C06, CN=x+1.2.3.4=#05"
    );
}

#[test]
fn extended_key_usage_is_a_non_empty_sequence_of_oids() {
    use super::der::oid_sequence;
    let two = [0x30, 0x07, 0x06, 0x01, 0x2a, 0x06, 0x02, 0x2a, 0x03];
    assert_eq!(oid_sequence(&two), Ok(vec![&[0x2a][..], &[0x2a, 0x03][..]]));
    for bad in [
        &[0x30, 0x00][..],                         // empty
        &[0x30, 0x03, 0x02, 0x01, 0x05][..],       // an INTEGER
        &[0x30, 0x02, 0x06, 0x00][..],             // an empty OID
        &[0x31, 0x03, 0x06, 0x01, 0x2a][..],       // a SET
        &[0x30, 0x03, 0x06, 0x01, 0x2a, 0x00][..], // trailing byte
    ] {
        assert!(oid_sequence(bad).is_err(), "{bad:02x?}");
    }
}

#[test]
fn extended_key_usage_reads_as_dotted_oids() {
    let der = CertBuilder::leaf("Unit EE", &Key::p256(9))
        .extension(
            &[0x55, 0x1d, 0x25],
            true,
            certs::seq(&[certs::oid(&[0x28, 0x81, 0x8c, 0x5d, 0x05, 0x01, 0x02])]),
        )
        .build();
    let c = Cert::parse(&der, AT).unwrap();
    assert_eq!(
        c.ext_key_usage(AT).unwrap(),
        Some((true, vec!["1.0.18013.5.1.2".to_owned()]))
    );
    let plain = CertBuilder::leaf("Unit EE", &Key::p256(9)).build();
    assert_eq!(Cert::parse(&plain, AT).unwrap().ext_key_usage(AT), Ok(None));
    // Well-formed DER, but not a list of OIDs.
    let odd = CertBuilder::leaf("Unit EE", &Key::p256(9))
        .extension(
            &[0x55, 0x1d, 0x25],
            false,
            certs::seq(&[vec![0x02, 0x01, 0x05]]),
        )
        .build();
    assert_eq!(
        Cert::parse(&odd, AT).unwrap().ext_key_usage(AT),
        Err(Error::CertParse {
            cert: AT,
            reason: "malformed"
        })
    );
}

#[test]
fn validity_instants_in_checking_order() {
    use super::ValidityAt;
    assert_eq!(ValidityAt::Instant(5).instants().collect::<Vec<_>>(), [5]);
    assert_eq!(
        ValidityAt::Both(7, 3).instants().collect::<Vec<_>>(),
        [7, 3]
    );
}
