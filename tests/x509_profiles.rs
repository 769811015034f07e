//! Certificate profiles (`x509::Profile`, `docs/x509.md` "Profiles"): the rules each one adds on
//! top of RFC 5280 path validation, on certificates built by `tests/support/certs.rs` at one
//! fixed clock, and on the public ISO 18013-5 Annex D and AAMVA VICAL certificates in
//! `../shared/vectors`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

#[path = "support/certs.rs"]
mod certs;

use cccd_verify::x509::{
    verify_path, verify_path_with, Budget, Profile, Purpose, TrustAnchor, ValidityAt, VerifiedPath,
    EKU_CSCA_MASTER_LIST_SIGNER, EKU_MDL_DS, EKU_VICAL_SIGNER,
};
use cccd_verify::{CertRef, Error, KeyUsageBit};
use certs::{oid, seq, tlv, CertBuilder, Key, DAY, KU_KEY_CERT_SIGN, NOW, YEAR};

const IACA: &str = "Test IACA";
const DS: &str = "Test Document Signer";
const ROOT: &str = "Test List Root";
const SUB: &str = "Test Issuing CA";
const CSCA: &str = "Test CSCA";
const DSC: &str = "Test DSC";

/// OID contents (RFC 5280 §4.2.1; `shared/domain/presentations.md` §2.4 and §4).
const OID_SKI: &[u8] = &[0x55, 0x1d, 0x0e];
const OID_KU: &[u8] = &[0x55, 0x1d, 0x0f];
const OID_BC: &[u8] = &[0x55, 0x1d, 0x13];
const OID_AKI: &[u8] = &[0x55, 0x1d, 0x23];
const OID_EKU: &[u8] = &[0x55, 0x1d, 0x25];
const OID_POLICY_MAPPINGS: &[u8] = &[0x55, 0x1d, 0x21];
const OID_FRESHEST_CRL: &[u8] = &[0x55, 0x1d, 0x2e];
const OID_INHIBIT_ANY_POLICY: &[u8] = &[0x55, 0x1d, 0x36];
/// 1.0.18013.5.1.2, mdoc Document Signer.
const KP_MDL_DS: &[u8] = &[0x28, 0x81, 0x8c, 0x5d, 0x05, 0x01, 0x02];
/// 1.0.18013.5.1.8, VICAL signer.
const KP_VICAL: &[u8] = &[0x28, 0x81, 0x8c, 0x5d, 0x05, 0x01, 0x08];
/// 2.23.136.1.1.3, CSCA master list signer.
const KP_ML_SIGNER: &[u8] = &[0x67, 0x81, 0x08, 0x01, 0x01, 0x03];
/// 2.5.29.37.0, anyExtendedKeyUsage.
const KP_ANY: &[u8] = &[0x55, 0x1d, 0x25, 0x00];
/// keyUsage nonRepudiation (contentCommitment), bit 1.
const KU_NON_REPUDIATION: u16 = 1 << 1;

fn key_id(k: &Key) -> Vec<u8> {
    k.sec1()[1..21].to_vec()
}

fn ski(k: &Key) -> Vec<u8> {
    tlv(0x04, &key_id(k))
}

fn aki(k: &Key) -> Vec<u8> {
    seq(&[tlv(0x80, &key_id(k))])
}

fn eku(purposes: &[&[u8]]) -> Vec<u8> {
    seq(&purposes.iter().map(|p| oid(p)).collect::<Vec<_>>())
}

/// An IACA root as Annex B Table B.1 describes it: self-signed, critical basicConstraints with
/// pathLenConstraint 0, critical keyUsage keyCertSign + cRLSign, subjectKeyIdentifier.
fn iaca(k: &Key) -> CertBuilder<'_> {
    CertBuilder::ca(IACA, k)
        .path_len(0)
        .extension(OID_SKI, false, ski(k))
}

/// A Document Signer under `issuer` with critical keyUsage digitalSignature and nothing else.
fn ds_base<'k>(k: &'k Key, issuer: &'k Key) -> CertBuilder<'k> {
    CertBuilder::leaf(DS, k).issued_by(IACA, issuer)
}

/// [`ds_base`] with what Annex B Table B.3 adds: critical extKeyUsage mdlDS, AKI, SKI.
fn ds<'k>(k: &'k Key, issuer: &'k Key) -> CertBuilder<'k> {
    ds_base(k, issuer)
        .extension(OID_EKU, true, eku(&[KP_MDL_DS]))
        .extension(OID_AKI, false, aki(issuer))
        .extension(OID_SKI, false, ski(k))
}

fn anchor(der: &[u8], purpose: Purpose) -> TrustAnchor {
    TrustAnchor::from_der(der, purpose).unwrap()
}

fn check(
    chain: &[&Vec<u8>],
    anchors: &[TrustAnchor],
    profile: &Profile,
    at: ValidityAt,
) -> Result<VerifiedPath, Error> {
    let refs: Vec<&[u8]> = chain.iter().map(|c| c.as_slice()).collect();
    verify_path_with(&refs, anchors, profile, at, Budget::default())
}

fn now() -> ValidityAt {
    ValidityAt::Instant(NOW)
}

fn today(chain: &[&Vec<u8>], anchors: &[TrustAnchor], purpose: Purpose) -> Result<(), Error> {
    let refs: Vec<&[u8]> = chain.iter().map(|c| c.as_slice()).collect();
    verify_path(&refs, anchors, purpose, NOW, Budget::default()).map(|_| ())
}

fn violation(cert: CertRef, rule: &'static str) -> Error {
    Error::ProfileViolation { cert, rule }
}

fn eku_missing(oid: &str) -> Error {
    Error::EkuMissing {
        cert: CertRef::Chain(0),
        oid: oid.into(),
    }
}

// ---- ISO 18013-5 Annex B: IACA and Document Signer ------------------------------------------

#[test]
fn mdoc_document_signer_under_an_iaca_verifies() {
    let (i, d) = (Key::p256(21), Key::p256(22));
    let root = iaca(&i).build();
    let ds = ds(&d, &i).build();
    let anchors = [anchor(&root, Purpose::MdocIaca)];
    let profile = Profile::mdoc_document_signer();
    let path = check(&[&ds], &anchors, &profile, now()).unwrap();
    assert_eq!(path.subject(), format!("CN={DS}"));
    assert_eq!(path.public_key().sec1(), Some(d.sec1().as_slice()));
    // An x5chain that ends with the IACA itself: the copy is set aside.
    assert_eq!(
        check(&[&ds, &root], &anchors, &profile, now())
            .unwrap()
            .anchor_index(),
        0
    );
    // HAIP's rule keeps refusing it.
    assert_eq!(
        today(&[&ds, &root], &anchors, Purpose::MdocIaca),
        Err(Error::AnchorInChain { index: 1 })
    );
}

#[test]
fn mdoc_document_signer_needs_the_critical_ds_extended_key_usage() {
    let (i, d) = (Key::p256(21), Key::p256(22));
    let anchors = [anchor(&iaca(&i).build(), Purpose::MdocIaca)];
    let profile = Profile::mdoc_document_signer();
    let with_eku = |critical: bool, purposes: &[&[u8]]| {
        ds_base(&d, &i)
            .extension(OID_EKU, critical, eku(purposes))
            .extension(OID_AKI, false, aki(&i))
            .extension(OID_SKI, false, ski(&d))
            .build()
    };
    let no_eku = ds_base(&d, &i)
        .extension(OID_AKI, false, aki(&i))
        .extension(OID_SKI, false, ski(&d))
        .build();
    assert_eq!(
        check(&[&no_eku], &anchors, &profile, now()).unwrap_err(),
        eku_missing(EKU_MDL_DS)
    );
    // The rules verify_path has always applied accept it: the EKU is the profile's.
    assert_eq!(today(&[&no_eku], &anchors, Purpose::MdocIaca), Ok(()));
    for other in [KP_VICAL, KP_ANY] {
        assert_eq!(
            check(&[&with_eku(true, &[other])], &anchors, &profile, now()).unwrap_err(),
            eku_missing(EKU_MDL_DS)
        );
    }
    assert!(check(
        &[&with_eku(true, &[KP_VICAL, KP_MDL_DS])],
        &anchors,
        &profile,
        now()
    )
    .is_ok());
    assert_eq!(
        check(&[&with_eku(false, &[KP_MDL_DS])], &anchors, &profile, now()).unwrap_err(),
        violation(CertRef::Chain(0), "eku-not-critical")
    );
}

#[test]
fn mdoc_document_signer_needs_critical_key_usage() {
    let (i, d) = (Key::p256(21), Key::p256(22));
    let anchors = [anchor(&iaca(&i).build(), Purpose::MdocIaca)];
    let profile = Profile::mdoc_document_signer();
    let absent = ds(&d, &i).no_key_usage().build();
    assert_eq!(
        check(&[&absent], &anchors, &profile, now()).unwrap_err(),
        violation(CertRef::Chain(0), "key-usage-absent")
    );
    // digitalSignature, not critical (BIT STRING 07 80).
    let lax = ds(&d, &i)
        .no_key_usage()
        .extension(OID_KU, false, vec![0x03, 0x02, 0x07, 0x80])
        .build();
    assert_eq!(
        check(&[&lax], &anchors, &profile, now()).unwrap_err(),
        violation(CertRef::Chain(0), "key-usage-not-critical")
    );
    assert_eq!(today(&[&lax], &anchors, Purpose::MdocIaca), Ok(()));
}

#[test]
fn mdoc_document_signer_needs_both_key_identifiers() {
    let (i, d) = (Key::p256(21), Key::p256(22));
    let anchors = [anchor(&iaca(&i).build(), Purpose::MdocIaca)];
    let profile = Profile::mdoc_document_signer();
    let ekued = || ds_base(&d, &i).extension(OID_EKU, true, eku(&[KP_MDL_DS]));
    let no_aki = ekued().extension(OID_SKI, false, ski(&d)).build();
    let no_ski = ekued().extension(OID_AKI, false, aki(&i)).build();
    for der in [no_aki, no_ski] {
        assert_eq!(
            check(&[&der], &anchors, &profile, now()).unwrap_err(),
            violation(CertRef::Chain(0), "key-identifier-missing")
        );
    }
}

#[test]
fn annex_b_forbidden_extensions_are_refused_even_when_not_critical() {
    let (i, d) = (Key::p256(21), Key::p256(22));
    let root = iaca(&i).build();
    let anchors = [anchor(&root, Purpose::MdocIaca)];
    let profile = Profile::mdoc_document_signer();
    for o in [OID_POLICY_MAPPINGS, OID_FRESHEST_CRL] {
        let der = ds(&d, &i).extension(o, false, seq(&[])).build();
        assert_eq!(
            check(&[&der], &anchors, &profile, now()).unwrap_err(),
            violation(CertRef::Chain(0), "extension-forbidden")
        );
        assert_eq!(today(&[&der], &anchors, Purpose::MdocIaca), Ok(()));
    }
    // On the IACA too (inhibitAnyPolicy, SkipCerts 0).
    let inhibiting = iaca(&i)
        .extension(OID_INHIBIT_ANY_POLICY, false, vec![0x02, 0x01, 0x00])
        .build();
    let anchors = [anchor(&inhibiting, Purpose::MdocIaca)];
    let ds = ds(&d, &i).build();
    assert_eq!(
        check(&[&ds], &anchors, &profile, now()).unwrap_err(),
        violation(CertRef::Anchor, "extension-forbidden")
    );
}

#[test]
fn mdoc_document_signer_is_issued_by_the_iaca_directly() {
    let (i, s, d) = (Key::p256(21), Key::p256(23), Key::p256(22));
    // The intermediate is refused as such, before the IACA's pathLenConstraint 0 is reached.
    let root = iaca(&i).build();
    let sub = CertBuilder::ca(SUB, &s).issued_by(IACA, &i).build();
    let ds = ds(&d, &s).issued_by(SUB, &s).build();
    let anchors = [anchor(&root, Purpose::MdocIaca)];
    assert_eq!(
        check(
            &[&ds, &sub],
            &anchors,
            &Profile::mdoc_document_signer(),
            now()
        )
        .unwrap_err(),
        violation(CertRef::Chain(1), "intermediate-forbidden")
    );
}

#[test]
fn iaca_anchor_must_have_the_annex_b_form() {
    let (i, d) = (Key::p256(21), Key::p256(22));
    let ds = ds(&d, &i).build();
    let profile = Profile::mdoc_document_signer();
    let cases: [(CertBuilder<'_>, &str); 6] = [
        (
            CertBuilder::ca(IACA, &i).extension(OID_SKI, false, ski(&i)),
            "path-len-not-zero",
        ),
        (iaca(&i).path_len(1), "path-len-not-zero"),
        (
            CertBuilder::ca(IACA, &i)
                .no_basic_constraints()
                .extension(
                    OID_BC,
                    false,
                    seq(&[vec![0x01, 0x01, 0xff], vec![0x02, 0x01, 0x00]]),
                )
                .extension(OID_SKI, false, ski(&i)),
            "basic-constraints-not-critical",
        ),
        (
            // keyCertSign + cRLSign (BIT STRING 01 06), not critical.
            iaca(&i)
                .no_key_usage()
                .extension(OID_KU, false, vec![0x03, 0x02, 0x01, 0x06]),
            "key-usage-not-critical",
        ),
        (iaca(&i).key_usage(KU_KEY_CERT_SIGN), "crl-sign-missing"),
        (
            CertBuilder::ca(IACA, &i).path_len(0),
            "key-identifier-missing",
        ),
    ];
    for (builder, rule) in cases {
        let anchors = [anchor(&builder.build(), Purpose::MdocIaca)];
        assert_eq!(
            check(&[&ds], &anchors, &profile, now()).unwrap_err(),
            violation(CertRef::Anchor, rule),
            "{rule}"
        );
        assert_eq!(today(&[&ds], &anchors, Purpose::MdocIaca), Ok(()), "{rule}");
    }
}

#[test]
fn iaca_anchor_must_be_self_signed() {
    let (i, d, o) = (Key::p256(21), Key::p256(22), Key::p256(24));
    let ds = ds(&d, &i).build();
    let profile = Profile::mdoc_document_signer();
    // Issued under another name, and self-issued but signed by another key.
    for issuer in ["Another Root", IACA] {
        let root = iaca(&i).issued_by(issuer, &o).build();
        let anchors = [anchor(&root, Purpose::MdocIaca)];
        assert_eq!(
            check(&[&ds], &anchors, &profile, now()).unwrap_err(),
            violation(CertRef::Anchor, "anchor-not-self-signed"),
            "{issuer}"
        );
        assert_eq!(today(&[&ds], &anchors, Purpose::MdocIaca), Ok(()));
    }
}

// ---- VICAL signer ---------------------------------------------------------------------------

#[test]
fn under_a_shared_root_only_the_leaf_with_the_vical_usage_signs_a_vical() {
    let (r, a, b) = (Key::p256(41), Key::p256(42), Key::p256(43));
    let root = CertBuilder::ca(ROOT, &r).build();
    let signer = CertBuilder::leaf("VICAL Signer", &a)
        .issued_by(ROOT, &r)
        .extension(OID_EKU, true, eku(&[KP_VICAL]))
        .build();
    // Like the demo fixtures' leaves: digitalSignature, no extKeyUsage.
    let other = CertBuilder::leaf("Status Signer", &b)
        .issued_by(ROOT, &r)
        .build();
    let anchors = [anchor(&root, Purpose::TrustListSigner)];
    let vical = Profile::vical_signer();
    assert!(check(&[&signer], &anchors, &vical, now()).is_ok());
    assert_eq!(
        check(&[&other], &anchors, &vical, now()).unwrap_err(),
        eku_missing(EKU_VICAL_SIGNER)
    );
    // The trust-list signer profile checks no usage by default (the demo fixtures rely on it);
    // requiring one is opt-in.
    assert!(check(&[&other], &anchors, &Profile::trust_list_signer(), now()).is_ok());
    let strict = Profile::trust_list_signer().require_eku(EKU_VICAL_SIGNER);
    assert_eq!(strict.required_eku(), Some(EKU_VICAL_SIGNER));
    assert_eq!(
        check(&[&other], &anchors, &strict, now()).unwrap_err(),
        eku_missing(EKU_VICAL_SIGNER)
    );
    assert!(check(&[&signer], &anchors, &strict, now()).is_ok());
    let status = Profile::status_list_signer().require_eku("1.2.3.4");
    assert_eq!(
        check(
            &[&other],
            &[anchor(&root, Purpose::StatusListIssuer)],
            &status,
            now()
        )
        .unwrap_err(),
        eku_missing("1.2.3.4")
    );
}

#[test]
fn vical_signer_may_sign_with_non_repudiation_and_needs_key_usage() {
    let (r, a) = (Key::p256(41), Key::p256(42));
    let anchors = [anchor(
        &CertBuilder::ca(ROOT, &r).build(),
        Purpose::TrustListSigner,
    )];
    let leaf = || {
        CertBuilder::leaf("VICAL Signer", &a)
            .issued_by(ROOT, &r)
            .extension(OID_EKU, true, eku(&[KP_VICAL]))
    };
    let non_repudiation = leaf().key_usage(KU_NON_REPUDIATION).build();
    assert!(check(
        &[&non_repudiation],
        &anchors,
        &Profile::vical_signer(),
        now()
    )
    .is_ok());
    // Not for the HAIP profiles.
    assert_eq!(
        check(
            &[&non_repudiation],
            &anchors,
            &Profile::trust_list_signer(),
            now()
        )
        .unwrap_err(),
        Error::KeyUsageMissing {
            cert: CertRef::Chain(0),
            usage: KeyUsageBit::DigitalSignature
        }
    );
    assert_eq!(
        check(
            &[&leaf().no_key_usage().build()],
            &anchors,
            &Profile::vical_signer(),
            now()
        )
        .unwrap_err(),
        violation(CertRef::Chain(0), "key-usage-absent")
    );
}

#[test]
fn vical_chain_may_end_with_a_copy_of_its_own_root_only() {
    let (r, s, a, q) = (Key::p256(41), Key::p256(44), Key::p256(42), Key::p256(45));
    let root = CertBuilder::ca(ROOT, &r).build();
    let sub = CertBuilder::ca(SUB, &s).issued_by(ROOT, &r).build();
    let signer = CertBuilder::leaf("VICAL Signer", &a)
        .issued_by(SUB, &s)
        .extension(OID_EKU, true, eku(&[KP_VICAL]))
        .build();
    let other_root = CertBuilder::ca("Issuer Root", &q).build();
    let anchors = [
        anchor(&root, Purpose::TrustListSigner),
        anchor(&other_root, Purpose::SdJwtVcIssuer),
    ];
    let vical = Profile::vical_signer();
    assert!(check(&[&signer, &sub, &root], &anchors, &vical, now()).is_ok());
    assert_eq!(
        check(
            &[&signer, &sub, &root],
            &anchors,
            &Profile::trust_list_signer(),
            now()
        )
        .unwrap_err(),
        Error::AnchorInChain { index: 2 }
    );
    // Not in the middle, not alone, not an anchor held for another purpose.
    assert_eq!(
        check(&[&signer, &root, &sub], &anchors, &vical, now()).unwrap_err(),
        Error::AnchorInChain { index: 1 }
    );
    assert_eq!(
        check(&[&root], &anchors, &vical, now()).unwrap_err(),
        Error::AnchorInChain { index: 0 }
    );
    let foreign = CertBuilder::leaf("VICAL Signer", &a)
        .issued_by("Issuer Root", &q)
        .extension(OID_EKU, true, eku(&[KP_VICAL]))
        .build();
    assert_eq!(
        check(&[&foreign, &other_root], &anchors, &vical, now()).unwrap_err(),
        Error::AnchorInChain { index: 1 }
    );
}

// ---- ICAO 9303: CSCA, Document Signer, master list signer -----------------------------------

fn csca(k: &Key) -> CertBuilder<'_> {
    CertBuilder::ca(CSCA, k).path_len(0)
}

fn dsc<'k>(k: &'k Key, csca: &'k Key) -> CertBuilder<'k> {
    CertBuilder::leaf(DSC, k).issued_by(CSCA, csca)
}

#[test]
fn icao_document_signer_under_a_csca_needs_key_usage() {
    let (c, d) = (Key::p384(51), Key::p256(52));
    let anchors = [anchor(&csca(&c).build(), Purpose::IcaoCsca)];
    let profile = Profile::icao_document_signer();
    assert!(check(&[&dsc(&d, &c).build()], &anchors, &profile, now()).is_ok());
    let bare = dsc(&d, &c).no_key_usage().build();
    assert_eq!(
        check(&[&bare], &anchors, &profile, now()).unwrap_err(),
        violation(CertRef::Chain(0), "key-usage-absent")
    );
    assert_eq!(today(&[&bare], &anchors, Purpose::IcaoCsca), Ok(()));
    let signing = dsc(&d, &c).key_usage(KU_NON_REPUDIATION).build();
    assert_eq!(
        check(&[&signing], &anchors, &profile, now()).unwrap_err(),
        Error::KeyUsageMissing {
            cert: CertRef::Chain(0),
            usage: KeyUsageBit::DigitalSignature
        }
    );
}

#[test]
fn icao_link_certificates_and_only_they_may_stand_between() {
    let (old, new, d, s) = (Key::p256(53), Key::p256(54), Key::p256(52), Key::p256(55));
    let root = csca(&old).build();
    // The CSCA's next key, certified by its previous one: a self-issued link certificate.
    let link = csca(&new).issued_by(CSCA, &old).serial(2).build();
    let dsc_new = dsc(&d, &new).build();
    let anchors = [anchor(&root, Purpose::IcaoCsca)];
    let profile = Profile::icao_document_signer();
    let path = check(&[&dsc_new, &link], &anchors, &profile, now()).unwrap();
    assert_eq!(path.anchor_index(), 0);
    // A subordinate CA under another name is no link certificate.
    let sub = CertBuilder::ca(SUB, &s).issued_by(CSCA, &old).build();
    let dsc_sub = CertBuilder::leaf(DSC, &d).issued_by(SUB, &s).build();
    let root_open = CertBuilder::ca(CSCA, &old).build();
    let anchors = [anchor(&root_open, Purpose::IcaoCsca)];
    assert_eq!(
        check(&[&dsc_sub, &sub], &anchors, &profile, now()).unwrap_err(),
        violation(CertRef::Chain(1), "intermediate-not-link")
    );
    assert_eq!(
        today(&[&dsc_sub, &sub], &anchors, Purpose::IcaoCsca),
        Ok(())
    );
}

#[test]
fn csca_anchor_must_be_self_signed() {
    let (c, d, o) = (Key::p256(51), Key::p256(52), Key::p256(56));
    let not_self = csca(&c).issued_by(CSCA, &o).build();
    let anchors = [anchor(&not_self, Purpose::IcaoCsca)];
    let dsc = dsc(&d, &c).build();
    assert_eq!(
        check(&[&dsc], &anchors, &Profile::icao_document_signer(), now()).unwrap_err(),
        violation(CertRef::Anchor, "anchor-not-self-signed")
    );
    assert_eq!(today(&[&dsc], &anchors, Purpose::IcaoCsca), Ok(()));
}

#[test]
fn icao_validity_at_the_signing_time_now_or_both() {
    let (c, d) = (Key::p256(51), Key::p256(52));
    let signed = NOW - 2 * YEAR;
    let anchors = [anchor(
        &csca(&c).validity(NOW - 10 * YEAR, NOW + 10 * YEAR).build(),
        Purpose::IcaoCsca,
    )];
    let profile = Profile::icao_document_signer();
    // Expired by now, valid when the document was signed.
    let expired = dsc(&d, &c).validity(NOW - 3 * YEAR, NOW - YEAR).build();
    let expired_err = Error::CertExpired {
        cert: CertRef::Chain(0),
        not_after: NOW - YEAR,
    };
    assert!(check(&[&expired], &anchors, &profile, ValidityAt::Instant(signed)).is_ok());
    assert_eq!(
        check(&[&expired], &anchors, &profile, ValidityAt::Instant(NOW)).unwrap_err(),
        expired_err
    );
    for both in [ValidityAt::Both(NOW, signed), ValidityAt::Both(signed, NOW)] {
        assert_eq!(
            check(&[&expired], &anchors, &profile, both).unwrap_err(),
            expired_err
        );
    }
    // Valid now, not yet valid at the claimed signing time.
    let later = dsc(&d, &c).validity(NOW - YEAR, NOW + YEAR).build();
    assert!(check(&[&later], &anchors, &profile, now()).is_ok());
    assert_eq!(
        check(&[&later], &anchors, &profile, ValidityAt::Both(NOW, signed)).unwrap_err(),
        Error::CertNotYetValid {
            cert: CertRef::Chain(0),
            not_before: NOW - YEAR
        }
    );
    // The anchor too: a CSCA that expired yesterday still anchors what it signed before.
    let old_csca = [anchor(
        &csca(&c).validity(NOW - 10 * YEAR, NOW - DAY).build(),
        Purpose::IcaoCsca,
    )];
    assert!(check(
        &[&expired],
        &old_csca,
        &profile,
        ValidityAt::Instant(signed)
    )
    .is_ok());
    assert_eq!(
        check(
            &[&expired],
            &old_csca,
            &profile,
            ValidityAt::Both(signed, NOW)
        )
        .unwrap_err(),
        expired_err
    );
    let valid_dsc = dsc(&d, &c).validity(NOW - 3 * YEAR, NOW + YEAR).build();
    assert_eq!(
        check(
            &[&valid_dsc],
            &old_csca,
            &profile,
            ValidityAt::Both(signed, NOW)
        )
        .unwrap_err(),
        Error::CertExpired {
            cert: CertRef::Anchor,
            not_after: NOW - DAY
        }
    );
}

#[test]
fn only_the_master_list_signer_under_a_csca_signs_master_lists() {
    let (c, m, d) = (Key::p256(51), Key::p256(57), Key::p256(52));
    let anchors = [anchor(&csca(&c).build(), Purpose::IcaoCsca)];
    let ml_signer = CertBuilder::leaf("Test Master List Signer", &m)
        .issued_by(CSCA, &c)
        .extension(OID_EKU, true, eku(&[KP_ML_SIGNER]))
        .build();
    let dsc = dsc(&d, &c).build();
    let ml = Profile::icao_master_list_signer();
    assert!(check(&[&ml_signer], &anchors, &ml, now()).is_ok());
    assert_eq!(
        check(&[&dsc], &anchors, &ml, now()).unwrap_err(),
        eku_missing(EKU_CSCA_MASTER_LIST_SIGNER)
    );
}

// ---- the profiles themselves ----------------------------------------------------------------

#[test]
fn profiles_name_their_anchor_purpose_and_usage() {
    let all = [
        (
            Profile::haip_sd_jwt_vc_issuer(),
            "haipSdJwtVcIssuer",
            Purpose::SdJwtVcIssuer,
            None,
        ),
        (
            Profile::trust_list_signer(),
            "trustListSigner",
            Purpose::TrustListSigner,
            None,
        ),
        (
            Profile::status_list_signer(),
            "statusListSigner",
            Purpose::StatusListIssuer,
            None,
        ),
        (
            Profile::mdoc_document_signer(),
            "mdocDocumentSigner",
            Purpose::MdocIaca,
            Some(EKU_MDL_DS),
        ),
        (
            Profile::vical_signer(),
            "vicalSigner",
            Purpose::TrustListSigner,
            Some(EKU_VICAL_SIGNER),
        ),
        (
            Profile::icao_document_signer(),
            "icaoDocumentSigner",
            Purpose::IcaoCsca,
            None,
        ),
        (
            Profile::icao_master_list_signer(),
            "icaoMasterListSigner",
            Purpose::IcaoCsca,
            Some(EKU_CSCA_MASTER_LIST_SIGNER),
        ),
    ];
    for (profile, name, purpose, eku) in &all {
        assert_eq!((profile.name(), profile.purpose()), (*name, *purpose));
        assert_eq!(profile.required_eku(), *eku, "{name}");
    }
    assert_eq!(EKU_MDL_DS, "1.0.18013.5.1.2");
    assert_eq!(EKU_VICAL_SIGNER, "1.0.18013.5.1.8");
    assert_eq!(EKU_CSCA_MASTER_LIST_SIGNER, "2.23.136.1.1.3");
    assert_eq!(
        Profile::for_purpose(Purpose::SdJwtVcIssuer),
        Profile::haip_sd_jwt_vc_issuer()
    );
    assert_eq!(
        Profile::for_purpose(Purpose::TrustListSigner),
        Profile::trust_list_signer()
    );
    assert_eq!(
        Profile::for_purpose(Purpose::StatusListIssuer),
        Profile::status_list_signer()
    );
    for p in [Purpose::MdocIaca, Purpose::IcaoCsca] {
        let profile = Profile::for_purpose(p);
        assert_eq!(
            (profile.name(), profile.purpose(), profile.required_eku()),
            (p.name(), p, None)
        );
    }
}

// ---- public certificates (`../shared/vectors`) ----------------------------------------------

fn shared(rel: &str) -> Vec<u8> {
    let path = format!("{}/../shared/vectors/{rel}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn unhex(text: &[u8]) -> Vec<u8> {
    let digits: Vec<u8> = text.iter().copied().filter(u8::is_ascii_hexdigit).collect();
    digits
        .chunks(2)
        .map(|p| u8::from_str_radix(std::str::from_utf8(p).unwrap(), 16).unwrap())
        .collect()
}

/// 2021-01-01T00:00:00Z, inside the Annex D validity (2020-10-01 … 2021-10-01).
const ANNEX_D_AT: i64 = 1_609_459_200;

#[test]
fn annex_d_document_signer_meets_the_iaca_profile() {
    let root = unhex(&shared("iso18013-5-annex-d/iaca-root.der.hex"));
    let ds = shared("iso18013-5-annex-d/full-keys/ds_cert.der");
    let anchors = [anchor(&root, Purpose::MdocIaca)];
    let at = ValidityAt::Instant(ANNEX_D_AT);
    let path = check(&[&ds], &anchors, &Profile::mdoc_document_signer(), at).unwrap();
    assert_eq!(path.subject(), "CN=utopia ds, C=US");
    // The DS certificate expired on 2021-10-01.
    assert!(matches!(
        check(
            &[&ds],
            &anchors,
            &Profile::mdoc_document_signer(),
            ValidityAt::Both(ANNEX_D_AT, NOW)
        ),
        Err(Error::CertExpired {
            cert: CertRef::Chain(0),
            ..
        })
    ));
    // A Document Signer is no VICAL signer, even under a root trusted for lists.
    let as_list_root = [anchor(&root, Purpose::TrustListSigner)];
    assert_eq!(
        check(&[&ds], &as_list_root, &Profile::vical_signer(), at).unwrap_err(),
        eku_missing(EKU_VICAL_SIGNER)
    );
}

/// The DER certificates in CBOR byte strings of two-byte length (`59 hh ll 30 82 …`), in file
/// order: in a COSE_Sign1 the unprotected header's `x5chain` comes before the payload.
fn certificates_in_cbor(cbor: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + 5 < cbor.len() {
        if cbor[i] == 0x59 && cbor[i + 3] == 0x30 && cbor[i + 4] == 0x82 {
            let len = usize::from(u16::from_be_bytes([cbor[i + 1], cbor[i + 2]]));
            out.push(cbor[i + 3..i + 3 + len].to_vec());
            i += 3 + len;
        } else {
            i += 1;
        }
    }
    out
}

#[test]
fn aamva_vical_signer_chain_meets_the_vical_profile() {
    let pem = String::from_utf8(shared("vical/aamva_dts_root_ca.crt")).unwrap();
    let b64: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let root = cccd_verify::jose::b64::decode_std(&b64).unwrap();
    let certs = certificates_in_cbor(&shared("vical/aamva-vical-2025-11-18-1763491092481.cbor"));
    let (signer, issuing, copy) = (&certs[0], &certs[1], &certs[2]);
    assert_eq!(copy, &root, "x5chain ends with the AAMVA DTS root");
    let anchors = [anchor(&root, Purpose::TrustListSigner)];
    // 2025-11-18T12:00:00Z, the VICAL's date.
    let at = ValidityAt::Instant(1_763_467_200);
    let path = check(
        &[signer, issuing, copy],
        &anchors,
        &Profile::vical_signer(),
        at,
    )
    .unwrap();
    assert!(
        path.subject().contains("CN=AAMVA Prod Vical-Signer-01"),
        "{}",
        path.subject()
    );
    assert!(check(&[signer, issuing], &anchors, &Profile::vical_signer(), at).is_ok());
    // The HAIP rules refuse the root in x5chain, and the signer's keyUsage (nonRepudiation only).
    let haip = Profile::trust_list_signer();
    assert_eq!(
        check(&[signer, issuing, copy], &anchors, &haip, at).unwrap_err(),
        Error::AnchorInChain { index: 2 }
    );
    assert_eq!(
        check(&[signer, issuing], &anchors, &haip, at).unwrap_err(),
        Error::KeyUsageMissing {
            cert: CertRef::Chain(0),
            usage: KeyUsageBit::DigitalSignature
        }
    );
}

// ---- the demo fixtures (`tests/data/sd-jwt`) ------------------------------------------------

/// The DER certificates of a compact JWS's `x5c` header.
fn x5c_of(jws_file: &str) -> Vec<Vec<u8>> {
    let path = format!(
        "{}/tests/data/sd-jwt/{jws_file}",
        env!("CARGO_MANIFEST_DIR")
    );
    let jws = std::fs::read_to_string(path).unwrap();
    let header = cccd_verify::jose::b64::decode_url(jws.split('.').next().unwrap()).unwrap();
    let header: serde_json::Value = serde_json::from_slice(&header).unwrap();
    header["x5c"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| cccd_verify::jose::b64::decode_std(c.as_str().unwrap()).unwrap())
        .collect()
}

/// The demo PKI pins one DEMO Root for three purposes, and its trust-list and status-list
/// signers carry no extKeyUsage: the default profiles accept them, which is why requiring a
/// usage is opt-in for these two profiles.
#[test]
fn demo_fixture_signers_pass_the_default_profiles_and_fail_an_opt_in_usage() {
    let pem = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/sd-jwt/anchor.pem"
    ))
    .unwrap();
    let b64: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let root = cccd_verify::jose::b64::decode_std(&b64).unwrap();
    for (file, profile) in [
        ("trust-list.jwt", Profile::trust_list_signer()),
        ("status-list.valid.jwt", Profile::status_list_signer()),
    ] {
        let chain = x5c_of(file);
        let refs: Vec<&Vec<u8>> = chain.iter().collect();
        let anchors = [anchor(&root, profile.purpose())];
        assert!(check(&refs, &anchors, &profile, now()).is_ok(), "{file}");
        assert_eq!(
            check(&refs, &anchors, &profile.require_eku("1.2.3.4"), now()).unwrap_err(),
            eku_missing("1.2.3.4"),
            "{file}"
        );
    }
    // The trust-list operator's certificate cannot sign a VICAL.
    let chain = x5c_of("trust-list.jwt");
    let anchors = [anchor(&root, Purpose::TrustListSigner)];
    assert_eq!(
        check(&[&chain[0]], &anchors, &Profile::vical_signer(), now()).unwrap_err(),
        eku_missing(EKU_VICAL_SIGNER)
    );
}
