//! Signed trust lists (`src/trust/`, `docs/trust-list.md`): a JSON List of Trusted Entities
//! (modelled on ETSI TS 119 602) in a compact JWS whose `x5c` chains to a pinned trust-list
//! signer; rollback, equivocation, staleness and budgets; SD-JWT VC issuers and their `vct`
//! allow-lists. Every certificate and list is built here, deterministically, at one fixed clock.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

#[path = "support/certs.rs"]
mod certs;
#[path = "support/jws.rs"]
mod jws;

use cccd_verify::jose::b64::{encode_std, encode_url};
use cccd_verify::jose::Algorithm;
use cccd_verify::sd_jwt::{verify_vc, Budget, IssuerBinding, KeyBinding, Policy, SdAlg};
use cccd_verify::trust::{
    verify_sd_jwt_vc_with_list, verify_trust_list, Accepted, ListBudget, ListPolicy, PinnedAnchors,
    StalePolicy, TrustList, SVC_TYPE_SD_JWT_VC_ISSUER, SVC_TYPE_STATUS_LIST_ISSUER,
};
use cccd_verify::x509::{Purpose, TrustAnchor};
use cccd_verify::{CertRef, Error};
use certs::{CertBuilder, Key, DAY, NOW};
use jws::{jws_payload, p256_key, AUD, NONCE, PID_VCT as PID};
use p256::ecdsa::SigningKey;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

const ISS: &str = "https://issuer.example.vn";
/// `ListIssueDateTime` of the test lists: NOW − 7 days.
const ISSUED: &str = "2026-11-20T00:00:00Z";
const ISSUED_AT: i64 = NOW - 7 * DAY;
/// `NextUpdate` of fresh test lists: NOW + 23 days.
const NEXT: &str = "2026-12-20T00:00:00Z";
/// `NextUpdate` one day before NOW (a stale list).
const PAST: &str = "2026-11-26T00:00:00Z";
const LEEWAY: i64 = 300;

// ---- PKI ------------------------------------------------------------------------------------

/// Every certificate of the tests, with the JWS signing keys.
struct Pki {
    /// Pinned by the integrator for `TrustListSigner`.
    list_root: Vec<u8>,
    /// `x5c[0]` of the lists, issued by `list_root`.
    list_signer: Vec<u8>,
    list_signer_key: SigningKey,
    /// Issuer root (listed as an SD-JWT VC issuer) → issuer CA → issuer leaf (SAN URI `ISS`).
    issuer_root: Vec<u8>,
    issuer_ca: Vec<u8>,
    issuer_leaf: Vec<u8>,
    issuer_leaf_key: SigningKey,
    /// A status-list signer root.
    status_root: Vec<u8>,
}

fn pki() -> Pki {
    let (list_root_key, list_signer_key) = (Key::p256(11), Key::p256(12));
    let (issuer_root_key, issuer_ca_key, issuer_leaf_key) =
        (Key::p256(1), Key::p256(2), Key::p256(3));
    Pki {
        list_root: CertBuilder::ca("VN Trust List Root", &list_root_key).build(),
        list_signer: CertBuilder::leaf("VN Trust List Signer", &list_signer_key)
            .issued_by("VN Trust List Root", &list_root_key)
            .build(),
        list_signer_key: p256_key(12),
        issuer_root: CertBuilder::ca("Demo Root", &issuer_root_key).build(),
        issuer_ca: CertBuilder::ca("Demo Issuer CA", &issuer_ca_key)
            .issued_by("Demo Root", &issuer_root_key)
            .build(),
        issuer_leaf: CertBuilder::leaf("Demo PID Issuer", &issuer_leaf_key)
            .issued_by("Demo Issuer CA", &issuer_ca_key)
            .san_uri(ISS)
            .build(),
        issuer_leaf_key: p256_key(3),
        status_root: CertBuilder::ca("Demo Status Root", &Key::p256(21)).build(),
    }
}

fn anchor(der: &[u8], purpose: Purpose) -> TrustAnchor {
    TrustAnchor::from_der(der, purpose).unwrap()
}

// ---- lists ----------------------------------------------------------------------------------

fn service(svc_type: &str, certs: &[&[u8]], vcts: Option<&[&str]>) -> Value {
    let certs: Vec<Value> = certs
        .iter()
        .map(|c| json!({"val": encode_std(c)}))
        .collect();
    let mut info = json!({
        "ServiceName": [{"lang": "en", "value": "service"}],
        "ServiceTypeIdentifier": svc_type,
        "ServiceDigitalIdentity": {"X509Certificates": certs},
    });
    if let Some(v) = vcts {
        info["ServiceInformationExtensions"] = json!([{"AllowedVcts": v}]);
    }
    json!({ "ServiceInformation": info })
}

fn entity(name: &str, services: Vec<Value>) -> Value {
    json!({
        "TrustedEntityInformation": {"TEName": [{"lang": "vi", "value": name}, {"lang": "en", "value": "Demo issuer"}]},
        "TrustedEntityServices": services,
    })
}

fn lote(sequence: u64, issued: &str, next: &str, entities: Vec<Value>) -> Value {
    json!({
        "LoTE": {
            "ListAndSchemeInformation": {
                "LoTEVersionIdentifier": 1,
                "LoTESequenceNumber": sequence,
                "LoTEType": "urn:cccd-verify:19602:LoTEType:Demo",
                "SchemeOperatorName": [{"lang": "vi", "value": "Cơ quan vận hành thử"}],
                "ListIssueDateTime": issued,
                "NextUpdate": next,
            },
            "TrustedEntitiesList": entities,
        }
    })
}

/// The usual content: the PID issuer (root) for `PID`, and a status-list signer.
fn standard_entities(p: &Pki) -> Vec<Value> {
    vec![
        entity(
            "Nhà cấp PID thử",
            vec![service(
                SVC_TYPE_SD_JWT_VC_ISSUER,
                &[&p.issuer_root],
                Some(&[PID]),
            )],
        ),
        entity(
            "Dịch vụ trạng thái thử",
            vec![service(
                SVC_TYPE_STATUS_LIST_ISSUER,
                &[&p.status_root],
                None,
            )],
        ),
    ]
}

fn standard(p: &Pki, sequence: u64) -> Value {
    lote(sequence, ISSUED, NEXT, standard_entities(p))
}

fn header(p: &Pki) -> Value {
    json!({"alg": "ES256", "typ": "trust-list+jwt", "x5c": [encode_std(&p.list_signer)]})
}

/// `payload` signed by the list signer, `x5c` = [list signer].
fn sign(p: &Pki, payload: &Value) -> String {
    jws_payload(
        &p.list_signer_key,
        &header(p),
        payload.to_string().as_bytes(),
    )
}

fn list_policy<'a>(
    signers: &'a [TrustAnchor],
    accepted: Option<Accepted>,
    stale: StalePolicy,
) -> ListPolicy<'a> {
    ListPolicy {
        signers,
        accepted,
        stale,
        now: NOW,
        leeway: LEEWAY,
        budget: ListBudget::default(),
    }
}

/// Verifies with the list root pinned for `TrustListSigner`, at NOW.
fn verify(
    p: &Pki,
    jws: &str,
    accepted: Option<Accepted>,
    stale: StalePolicy,
) -> Result<TrustList, Error> {
    let signers = [anchor(&p.list_root, Purpose::TrustListSigner)];
    verify_trust_list(jws, &list_policy(&signers, accepted, stale))
}

fn verify_with_budget(p: &Pki, jws: &str, budget: ListBudget) -> Result<TrustList, Error> {
    let signers = [anchor(&p.list_root, Purpose::TrustListSigner)];
    let mut policy = list_policy(&signers, None, StalePolicy::Hard);
    policy.budget = budget;
    verify_trust_list(jws, &policy)
}

// ---- credentials ----------------------------------------------------------------------------

/// An SD-JWT VC of type `vct` by the PID issuer leaf (`x5c` = leaf, issuer CA), with key
/// binding (`tests/support/jws.rs`, as `tests/sd_jwt_vc.rs` builds them).
fn presentation(p: &Pki, vct: &str) -> String {
    jws::presentation(
        &p.issuer_leaf_key,
        &[&p.issuer_leaf, &p.issuer_ca],
        ISS,
        vct,
        NOW,
    )
}

fn vc_policy(now: i64) -> Policy<'static> {
    Policy {
        algorithms: &[Algorithm::Es256],
        sd_algs: &[SdAlg::Sha256],
        key_binding: Some(KeyBinding {
            nonce: NONCE,
            audience: AUD,
            max_age: 300,
        }),
        now,
        leeway: 60,
        accept_legacy_typ: false,
        required_claims: &["iss", "vct"],
        budget: Budget::default(),
    }
}

// ---- the list itself ------------------------------------------------------------------------

#[test]
fn valid_list_verifies_and_exposes_its_entries() {
    let p = pki();
    let jws = sign(&p, &standard(&p, 7));
    let list = verify(&p, &jws, None, StalePolicy::Hard).unwrap();
    assert_eq!(list.sequence(), 7);
    assert_eq!(list.issued_at(), ISSUED_AT);
    assert_eq!(list.next_update(), NOW + 23 * DAY);
    assert!(!list.stale());
    assert_eq!(list.age_seconds(), 7 * DAY);
    assert_eq!(list.scheme_operator(), "Cơ quan vận hành thử");
    assert_eq!(
        list.lote_type(),
        Some("urn:cccd-verify:19602:LoTEType:Demo")
    );
    assert_eq!(list.signer().subject(), "CN=VN Trust List Signer");
    // The digest covers the signed payload (docs/trust-list.md, "What the digest covers").
    let digest: [u8; 32] = Sha256::digest(standard(&p, 7).to_string().as_bytes()).into();
    assert_eq!(
        list.accepted(),
        Accepted {
            sequence: 7,
            digest
        }
    );

    let entries = list.entries();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0].name(), "Nhà cấp PID thử");
    assert_eq!(entries[0].names().len(), 2);
    assert_eq!(entries[0].purpose(), Purpose::SdJwtVcIssuer);
    assert_eq!(entries[0].vcts(), [PID.to_owned()]);
    assert_eq!(entries[1].purpose(), Purpose::StatusListIssuer);
    assert!(entries[1].vcts().is_empty());

    let issuers = list.anchors(Purpose::SdJwtVcIssuer);
    assert_eq!(issuers.len(), 1);
    assert_eq!(issuers[0].der(), p.issuer_root.as_slice());
    assert_eq!(issuers[0].purpose(), Purpose::SdJwtVcIssuer);
    let status = list.anchors(Purpose::StatusListIssuer);
    assert_eq!(status.len(), 1);
    assert_eq!(status[0].purpose(), Purpose::StatusListIssuer);
    assert!(list.anchors(Purpose::TrustListSigner).is_empty());
    assert!(list.anchors(Purpose::MdocIaca).is_empty());

    let issuer_fp = issuers[0].fingerprint();
    assert!(list.vct_allowed(issuer_fp, PID));
    assert!(!list.vct_allowed(issuer_fp, "urn:example:other"));
    assert!(!list.vct_allowed(status[0].fingerprint(), PID));

    let j = list.to_json();
    assert_eq!(j["sequence"], 7);
    assert_eq!(j["entries"][0]["purpose"], "sdJwtVcIssuer");
    assert_eq!(j["entries"][1]["purpose"], "statusListIssuer");
    assert_eq!(j["accepted"]["digest"], encode_url(&digest));
}

#[test]
fn application_prefixed_typ_is_accepted() {
    let p = pki();
    let mut h = header(&p);
    h["typ"] = json!("application/trust-list+jwt");
    let jws = jws_payload(
        &p.list_signer_key,
        &h,
        standard(&p, 1).to_string().as_bytes(),
    );
    assert!(verify(&p, &jws, None, StalePolicy::Hard).is_ok());
}

#[test]
fn signer_chaining_to_a_non_pinned_cert_is_rejected() {
    let p = pki();
    let jws = sign(&p, &standard(&p, 1));
    let other_root = CertBuilder::ca("VN Trust List Root", &Key::p256(13)).build();
    let signers = [anchor(&other_root, Purpose::TrustListSigner)];
    let r = verify_trust_list(&jws, &list_policy(&signers, None, StalePolicy::Hard));
    assert!(
        matches!(r, Err(Error::CertSignatureInvalid { .. })),
        "{r:?}"
    );
    let unrelated = CertBuilder::ca("Somebody Else", &Key::p256(14)).build();
    let signers = [anchor(&unrelated, Purpose::TrustListSigner)];
    let r = verify_trust_list(&jws, &list_policy(&signers, None, StalePolicy::Hard));
    assert_eq!(
        r.unwrap_err(),
        Error::UnknownIssuer {
            purpose: Purpose::TrustListSigner,
            anchors: 1
        }
    );
    let r = verify_trust_list(&jws, &list_policy(&[], None, StalePolicy::Hard));
    assert_eq!(
        r.unwrap_err(),
        Error::UnknownIssuer {
            purpose: Purpose::TrustListSigner,
            anchors: 0
        }
    );
}

#[test]
fn signer_anchor_with_another_purpose_is_rejected() {
    let p = pki();
    let jws = sign(&p, &standard(&p, 1));
    for purpose in [
        Purpose::SdJwtVcIssuer,
        Purpose::StatusListIssuer,
        Purpose::MdocIaca,
    ] {
        let signers = [anchor(&p.list_root, purpose)];
        let r = verify_trust_list(&jws, &list_policy(&signers, None, StalePolicy::Hard));
        assert_eq!(
            r.unwrap_err(),
            Error::AnchorPurposeMismatch {
                expected: Purpose::TrustListSigner,
                found: purpose
            }
        );
    }
}

#[test]
fn list_signed_by_a_key_other_than_the_x5c_leaf_is_rejected() {
    let p = pki();
    let other = p256_key(13);
    let jws = jws_payload(&other, &header(&p), standard(&p, 1).to_string().as_bytes());
    assert_eq!(
        verify(&p, &jws, None, StalePolicy::Hard).unwrap_err(),
        Error::JwsSignatureInvalid
    );
}

#[test]
fn tampered_payload_is_rejected() {
    let p = pki();
    let jws = sign(&p, &standard(&p, 1));
    let parts: Vec<&str> = jws.split('.').collect();
    let forged = encode_url(standard(&p, 99).to_string().as_bytes());
    let tampered = format!("{}.{forged}.{}", parts[0], parts[2]);
    assert_eq!(
        verify(&p, &tampered, None, StalePolicy::Hard).unwrap_err(),
        Error::JwsSignatureInvalid
    );
}

#[test]
fn lower_sequence_is_rejected_as_rollback() {
    let p = pki();
    let newer = verify(&p, &sign(&p, &standard(&p, 5)), None, StalePolicy::Hard).unwrap();
    let older = sign(&p, &standard(&p, 4));
    assert_eq!(
        verify(&p, &older, Some(newer.accepted()), StalePolicy::Hard).unwrap_err(),
        Error::TrustListRollback {
            sequence: 4,
            accepted: 5
        }
    );
}

#[test]
fn same_sequence_with_other_bytes_is_rejected_as_equivocation() {
    let p = pki();
    let first = verify(&p, &sign(&p, &standard(&p, 5)), None, StalePolicy::Hard).unwrap();
    let other = lote(5, ISSUED, NEXT, standard_entities(&p)[..1].to_vec());
    assert_eq!(
        verify(
            &p,
            &sign(&p, &other),
            Some(first.accepted()),
            StalePolicy::Hard
        )
        .unwrap_err(),
        Error::TrustListEquivocation { sequence: 5 }
    );
}

#[test]
fn same_list_again_is_accepted() {
    let p = pki();
    let jws = sign(&p, &standard(&p, 5));
    let first = verify(&p, &jws, None, StalePolicy::Hard).unwrap();
    let again = verify(&p, &jws, Some(first.accepted()), StalePolicy::Hard).unwrap();
    assert_eq!(again.accepted(), first.accepted());
}

#[test]
fn higher_sequence_is_accepted_and_becomes_the_new_state() {
    let p = pki();
    let first = verify(&p, &sign(&p, &standard(&p, 5)), None, StalePolicy::Hard).unwrap();
    let jws = sign(&p, &standard(&p, 6));
    let next = verify(&p, &jws, Some(first.accepted()), StalePolicy::Hard).unwrap();
    assert_eq!(next.accepted().sequence, 6);
    assert_ne!(next.accepted().digest, first.accepted().digest);
}

#[test]
fn list_at_exactly_next_update_is_not_stale() {
    let p = pki();
    let jws = sign(
        &p,
        &lote(1, ISSUED, "2026-11-27T00:00:00Z", standard_entities(&p)),
    );
    let list = verify(&p, &jws, None, StalePolicy::Hard).unwrap();
    assert!(!list.stale());
    assert_eq!(
        list.check_fresh(NOW + 1).unwrap_err(),
        Error::TrustListStale { next_update: NOW }
    );
}

#[test]
fn stale_list_is_rejected_under_hard() {
    let p = pki();
    let jws = sign(&p, &lote(1, ISSUED, PAST, standard_entities(&p)));
    assert_eq!(
        verify(&p, &jws, None, StalePolicy::Hard).unwrap_err(),
        Error::TrustListStale {
            next_update: NOW - DAY
        }
    );
}

#[test]
fn stale_list_inside_grace_is_accepted_and_flagged() {
    let p = pki();
    let jws = sign(&p, &lote(1, ISSUED, PAST, standard_entities(&p)));
    let list = verify(
        &p,
        &jws,
        None,
        StalePolicy::Grace {
            seconds: 2 * 86_400,
        },
    )
    .unwrap();
    assert!(list.stale());
    assert_eq!(list.next_update(), NOW - DAY);
    assert_eq!(list.to_json()["stale"], true);
}

#[test]
fn stale_list_past_grace_is_rejected() {
    let p = pki();
    let jws = sign(&p, &lote(1, ISSUED, PAST, standard_entities(&p)));
    assert_eq!(
        verify(&p, &jws, None, StalePolicy::Grace { seconds: 12 * 3600 }).unwrap_err(),
        Error::TrustListStale {
            next_update: NOW - DAY
        }
    );
}

#[test]
fn stale_list_under_warn_is_accepted_and_flagged() {
    let p = pki();
    let jws = sign(
        &p,
        &lote(
            1,
            "2025-01-01T00:00:00Z",
            "2025-02-01T00:00:00Z",
            standard_entities(&p),
        ),
    );
    let list = verify(&p, &jws, None, StalePolicy::Warn).unwrap();
    assert!(list.stale());
    assert_eq!(list.check_fresh(NOW + 365 * DAY), Ok(true));
}

#[test]
fn list_issued_in_the_future_beyond_the_leeway_is_rejected() {
    let p = pki();
    let future = lote(
        1,
        "2026-11-27T00:05:01Z",
        "2026-12-27T00:00:00Z",
        standard_entities(&p),
    );
    assert_eq!(
        verify(&p, &sign(&p, &future), None, StalePolicy::Hard).unwrap_err(),
        Error::TrustListIssuedInFuture {
            issued_at: NOW + LEEWAY + 1
        }
    );
    let within = lote(
        1,
        "2026-11-27T00:05:00Z",
        "2026-12-27T00:00:00Z",
        standard_entities(&p),
    );
    let list = verify(&p, &sign(&p, &within), None, StalePolicy::Hard).unwrap();
    assert_eq!(list.age_seconds(), 0);
}

#[test]
fn oversized_list_is_rejected_before_decoding() {
    let p = pki();
    let jws = sign(&p, &standard(&p, 1));
    let mut budget = ListBudget::default();
    budget.max_bytes = jws.len() - 1;
    assert_eq!(
        verify_with_budget(&p, &jws, budget).unwrap_err(),
        Error::InputTooLarge {
            len: jws.len(),
            max: jws.len() - 1
        }
    );
    budget.max_bytes = jws.len();
    assert!(verify_with_budget(&p, &jws, budget).is_ok());
}

#[test]
fn too_many_entries_are_rejected() {
    let p = pki();
    let issuer = || service(SVC_TYPE_SD_JWT_VC_ISSUER, &[&p.issuer_root], Some(&[PID]));
    let mut budget = ListBudget::default();
    budget.max_entries = 2;
    let three_entities = lote(
        1,
        ISSUED,
        NEXT,
        vec![
            entity("a", vec![issuer()]),
            entity("b", vec![issuer()]),
            entity("c", vec![issuer()]),
        ],
    );
    assert_eq!(
        verify_with_budget(&p, &sign(&p, &three_entities), budget).unwrap_err(),
        Error::TrustListTooManyEntries { max: 2 }
    );
    let three_services = lote(
        1,
        ISSUED,
        NEXT,
        vec![
            entity("a", vec![issuer(), issuer()]),
            entity("b", vec![issuer()]),
        ],
    );
    assert_eq!(
        verify_with_budget(&p, &sign(&p, &three_services), budget).unwrap_err(),
        Error::TrustListTooManyEntries { max: 2 }
    );
    let two = lote(1, ISSUED, NEXT, vec![entity("a", vec![issuer(), issuer()])]);
    assert!(verify_with_budget(&p, &sign(&p, &two), budget).is_ok());
}

#[test]
fn too_many_certificates_in_an_entry_are_rejected() {
    let p = pki();
    let second = CertBuilder::ca("Demo Root", &Key::p256(4)).build();
    let list = lote(
        1,
        ISSUED,
        NEXT,
        vec![entity(
            "a",
            vec![service(
                SVC_TYPE_SD_JWT_VC_ISSUER,
                &[&p.issuer_root, &second],
                Some(&[PID]),
            )],
        )],
    );
    let jws = sign(&p, &list);
    let mut budget = ListBudget::default();
    budget.max_certs_per_entry = 1;
    assert_eq!(
        verify_with_budget(&p, &jws, budget).unwrap_err(),
        Error::TrustListTooManyCerts { max: 1 }
    );
    budget.max_certs_per_entry = 2;
    let list = verify_with_budget(&p, &jws, budget).unwrap();
    assert_eq!(list.entries()[0].anchors().len(), 2);
}

#[test]
fn malformed_or_missing_fields_are_rejected_with_the_field_named() {
    let p = pki();
    let info = "/LoTE/ListAndSchemeInformation";
    let svc = "/LoTE/TrustedEntitiesList/0/TrustedEntityServices/0/ServiceInformation";
    let cases: Vec<(String, Value, &str)> = vec![
        ("".to_owned(), json!(null), "LoTE"),
        ("/LoTE".to_owned(), json!([]), "LoTE"),
        ("/LoTE/ListAndSchemeInformation".to_owned(), json!(null), "LoTE.ListAndSchemeInformation"),
        (format!("{info}/LoTEVersionIdentifier"), json!(2), "LoTE.ListAndSchemeInformation.LoTEVersionIdentifier"),
        (format!("{info}/LoTEVersionIdentifier"), json!(null), "LoTE.ListAndSchemeInformation.LoTEVersionIdentifier"),
        (format!("{info}/LoTESequenceNumber"), json!(null), "LoTE.ListAndSchemeInformation.LoTESequenceNumber"),
        (format!("{info}/LoTESequenceNumber"), json!(0), "LoTE.ListAndSchemeInformation.LoTESequenceNumber"),
        (format!("{info}/LoTESequenceNumber"), json!(-3), "LoTE.ListAndSchemeInformation.LoTESequenceNumber"),
        (format!("{info}/LoTESequenceNumber"), json!("7"), "LoTE.ListAndSchemeInformation.LoTESequenceNumber"),
        (format!("{info}/LoTESequenceNumber"), json!(1.5), "LoTE.ListAndSchemeInformation.LoTESequenceNumber"),
        (format!("{info}/LoTEType"), json!(7), "LoTE.ListAndSchemeInformation.LoTEType"),
        (format!("{info}/SchemeOperatorName"), json!([]), "LoTE.ListAndSchemeInformation.SchemeOperatorName"),
        (format!("{info}/SchemeOperatorName"), json!([{"lang": "vi"}]), "LoTE.ListAndSchemeInformation.SchemeOperatorName[0].value"),
        (format!("{info}/ListIssueDateTime"), json!(null), "LoTE.ListAndSchemeInformation.ListIssueDateTime"),
        (format!("{info}/ListIssueDateTime"), json!("2026-11-20"), "LoTE.ListAndSchemeInformation.ListIssueDateTime"),
        (format!("{info}/ListIssueDateTime"), json!("2026-11-20T07:00:00+07:00"), "LoTE.ListAndSchemeInformation.ListIssueDateTime"),
        (format!("{info}/NextUpdate"), json!(1_797_724_800), "LoTE.ListAndSchemeInformation.NextUpdate"),
        (format!("{info}/NextUpdate"), json!(ISSUED), "LoTE.ListAndSchemeInformation.NextUpdate"),
        (format!("{info}/NextUpdate"), json!("2026-11-19T00:00:00Z"), "LoTE.ListAndSchemeInformation.NextUpdate"),
        ("/LoTE/TrustedEntitiesList".to_owned(), json!({}), "LoTE.TrustedEntitiesList"),
        ("/LoTE/TrustedEntitiesList/0".to_owned(), json!("x"), "LoTE.TrustedEntitiesList[0]"),
        ("/LoTE/TrustedEntitiesList/0/TrustedEntityInformation".to_owned(), json!(null), "LoTE.TrustedEntitiesList[0].TrustedEntityInformation"),
        ("/LoTE/TrustedEntitiesList/0/TrustedEntityInformation/TEName".to_owned(), json!(null), "LoTE.TrustedEntitiesList[0].TrustedEntityInformation.TEName"),
        ("/LoTE/TrustedEntitiesList/0/TrustedEntityInformation/TEName/0/value".to_owned(), json!(""), "LoTE.TrustedEntitiesList[0].TrustedEntityInformation.TEName[0].value"),
        ("/LoTE/TrustedEntitiesList/0/TrustedEntityServices".to_owned(), json!([]), "LoTE.TrustedEntitiesList[0].TrustedEntityServices"),
        ("/LoTE/TrustedEntitiesList/0/TrustedEntityServices/0".to_owned(), json!(1), "LoTE.TrustedEntitiesList[0].TrustedEntityServices[0]"),
        ("/LoTE/TrustedEntitiesList/0/TrustedEntityServices/0/ServiceInformation".to_owned(), json!(null), "LoTE.TrustedEntitiesList[0].TrustedEntityServices[0].ServiceInformation"),
        (format!("{svc}/ServiceTypeIdentifier"), json!(null), "LoTE.TrustedEntitiesList[0].TrustedEntityServices[0].ServiceInformation.ServiceTypeIdentifier"),
        (format!("{svc}/ServiceStatus"), json!(true), "LoTE.TrustedEntitiesList[0].TrustedEntityServices[0].ServiceInformation.ServiceStatus"),
        (format!("{svc}/ServiceDigitalIdentity"), json!(null), "LoTE.TrustedEntitiesList[0].TrustedEntityServices[0].ServiceInformation.ServiceDigitalIdentity"),
        (format!("{svc}/ServiceDigitalIdentity/X509Certificates"), json!([]), "LoTE.TrustedEntitiesList[0].TrustedEntityServices[0].ServiceInformation.ServiceDigitalIdentity.X509Certificates"),
        (format!("{svc}/ServiceDigitalIdentity/X509Certificates/0/val"), json!("not base64!"), "LoTE.TrustedEntitiesList[0].TrustedEntityServices[0].ServiceInformation.ServiceDigitalIdentity.X509Certificates[0].val"),
        (format!("{svc}/ServiceDigitalIdentity/X509Certificates/0/val"), json!("AB-_"), "LoTE.TrustedEntitiesList[0].TrustedEntityServices[0].ServiceInformation.ServiceDigitalIdentity.X509Certificates[0].val"),
        (format!("{svc}/ServiceInformationExtensions"), json!(null), "LoTE.TrustedEntitiesList[0].TrustedEntityServices[0].ServiceInformation.ServiceInformationExtensions.AllowedVcts"),
        (format!("{svc}/ServiceInformationExtensions"), json!({}), "LoTE.TrustedEntitiesList[0].TrustedEntityServices[0].ServiceInformation.ServiceInformationExtensions"),
        (format!("{svc}/ServiceInformationExtensions"), json!([]), "LoTE.TrustedEntitiesList[0].TrustedEntityServices[0].ServiceInformation.ServiceInformationExtensions.AllowedVcts"),
        (format!("{svc}/ServiceInformationExtensions"), json!([{"Other": 1}]), "LoTE.TrustedEntitiesList[0].TrustedEntityServices[0].ServiceInformation.ServiceInformationExtensions.AllowedVcts"),
        (format!("{svc}/ServiceInformationExtensions"), json!(["AllowedVcts"]), "LoTE.TrustedEntitiesList[0].TrustedEntityServices[0].ServiceInformation.ServiceInformationExtensions[0]"),
        (format!("{svc}/ServiceInformationExtensions/0/AllowedVcts"), json!([]), "LoTE.TrustedEntitiesList[0].TrustedEntityServices[0].ServiceInformation.ServiceInformationExtensions[0].AllowedVcts"),
        (format!("{svc}/ServiceInformationExtensions/0/AllowedVcts"), json!([""]), "LoTE.TrustedEntitiesList[0].TrustedEntityServices[0].ServiceInformation.ServiceInformationExtensions[0].AllowedVcts"),
        (format!("{svc}/ServiceInformationExtensions/0/AllowedVcts"), json!(PID), "LoTE.TrustedEntitiesList[0].TrustedEntityServices[0].ServiceInformation.ServiceInformationExtensions[0].AllowedVcts"),
        (format!("{svc}/ServiceInformationExtensions"), json!([{"AllowedVcts": [PID]}, {"AllowedVcts": [PID]}]), "LoTE.TrustedEntitiesList[0].TrustedEntityServices[0].ServiceInformation.ServiceInformationExtensions[1].AllowedVcts"),
        // AllowedVcts on a status-list service.
        ("/LoTE/TrustedEntitiesList/1/TrustedEntityServices/0/ServiceInformation/ServiceInformationExtensions".to_owned(), json!([{"AllowedVcts": [PID]}]), "LoTE.TrustedEntitiesList[1].TrustedEntityServices[0].ServiceInformation.ServiceInformationExtensions.AllowedVcts"),
    ];
    for (pointer, value, field) in cases {
        let mut list = standard(&p, 1);
        if pointer.is_empty() {
            list = json!({"NotLoTE": {}});
        } else if value.is_null() {
            let (parent, key) = pointer.rsplit_once('/').unwrap();
            list.pointer_mut(parent)
                .unwrap()
                .as_object_mut()
                .unwrap()
                .remove(key)
                .unwrap();
        } else if let Some(slot) = list.pointer_mut(&pointer) {
            *slot = value;
        } else {
            let (parent, key) = pointer.rsplit_once('/').unwrap();
            list.pointer_mut(parent)
                .unwrap()
                .as_object_mut()
                .unwrap()
                .insert(key.into(), value);
        }
        assert_eq!(
            verify(&p, &sign(&p, &list), None, StalePolicy::Hard).unwrap_err(),
            Error::TrustListFormat {
                field: field.into()
            },
            "{pointer}"
        );
    }
}

#[test]
fn payload_that_is_not_a_json_object_is_rejected() {
    let p = pki();
    for payload in [&b"not json"[..], b"[1,2]", b"\"LoTE\""] {
        let jws = jws_payload(&p.list_signer_key, &header(&p), payload);
        assert_eq!(
            verify(&p, &jws, None, StalePolicy::Hard).unwrap_err(),
            Error::JwsFormat,
            "{payload:?}"
        );
    }
}

#[test]
fn header_without_the_trust_list_typ_is_rejected() {
    let p = pki();
    for typ in [json!("jwt"), json!("statuslist+jwt"), json!(null)] {
        let mut h = header(&p);
        if typ.is_null() {
            h.as_object_mut().unwrap().remove("typ");
        } else {
            h["typ"] = typ;
        }
        let jws = jws_payload(
            &p.list_signer_key,
            &h,
            standard(&p, 1).to_string().as_bytes(),
        );
        assert_eq!(
            verify(&p, &jws, None, StalePolicy::Hard).unwrap_err(),
            Error::TrustListTyp
        );
    }
}

#[test]
fn header_without_x5c_is_an_unresolved_signer_key() {
    let p = pki();
    let h = json!({"alg": "ES256", "typ": "trust-list+jwt"});
    let jws = jws_payload(
        &p.list_signer_key,
        &h,
        standard(&p, 1).to_string().as_bytes(),
    );
    assert_eq!(
        verify(&p, &jws, None, StalePolicy::Hard).unwrap_err(),
        Error::TrustListKeyUnresolved
    );
}

#[test]
fn algorithms_other_than_es256_are_rejected() {
    let p = pki();
    for alg in ["none", "ES384", "HS256", "es256"] {
        let mut h = header(&p);
        h["alg"] = json!(alg);
        let jws = jws_payload(
            &p.list_signer_key,
            &h,
            standard(&p, 1).to_string().as_bytes(),
        );
        assert_eq!(
            verify(&p, &jws, None, StalePolicy::Hard).unwrap_err(),
            Error::JwsAlgorithmNotAllowed,
            "{alg}"
        );
    }
}

#[test]
fn invalid_certificate_in_an_entry_rejects_the_whole_list() {
    let p = pki();
    let mut list = standard(&p, 1);
    let certs = "/LoTE/TrustedEntitiesList/0/TrustedEntityServices/0/ServiceInformation/ServiceDigitalIdentity/X509Certificates/0/val";
    *list.pointer_mut(certs).unwrap() = json!(encode_std(b"not a certificate"));
    assert_eq!(
        verify(&p, &sign(&p, &list), None, StalePolicy::Hard).unwrap_err(),
        Error::CertParse {
            cert: CertRef::Anchor,
            reason: "malformed",
        }
    );
    // An end-entity certificate is no anchor: the list names CAs (PKIX), not signers.
    *list.pointer_mut(certs).unwrap() = json!(encode_std(&p.issuer_leaf));
    assert_eq!(
        verify(&p, &sign(&p, &list), None, StalePolicy::Hard).unwrap_err(),
        Error::CertNotCa {
            cert: CertRef::Anchor
        }
    );
}

#[test]
fn unknown_service_types_and_services_not_granted_are_skipped() {
    let p = pki();
    let mut withdrawn = service(SVC_TYPE_SD_JWT_VC_ISSUER, &[&p.issuer_root], Some(&[PID]));
    withdrawn["ServiceInformation"]["ServiceStatus"] =
        json!("http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/withdrawn");
    let mut granted = service(SVC_TYPE_STATUS_LIST_ISSUER, &[&p.status_root], None);
    granted["ServiceInformation"]["ServiceStatus"] =
        json!("http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted");
    // Not checked further: its certificate is not even valid.
    let foreign = json!({"ServiceInformation": {
        "ServiceTypeIdentifier": "http://uri.etsi.org/19602/SvcType/WalletSolution/Issuance",
        "ServiceDigitalIdentity": {"X509Certificates": [{"val": "AAAA"}]},
    }});
    let list = lote(
        1,
        ISSUED,
        NEXT,
        vec![entity("a", vec![withdrawn, granted, foreign])],
    );
    let list = verify(&p, &sign(&p, &list), None, StalePolicy::Hard).unwrap();
    assert_eq!(list.entries().len(), 1);
    assert_eq!(list.entries()[0].purpose(), Purpose::StatusListIssuer);
    assert!(list.anchors(Purpose::SdJwtVcIssuer).is_empty());
}

#[test]
fn list_without_entities_is_valid_and_trusts_nobody() {
    let p = pki();
    let mut list = lote(1, ISSUED, NEXT, vec![]);
    let empty = verify(&p, &sign(&p, &list), None, StalePolicy::Hard).unwrap();
    assert!(empty.entries().is_empty());
    list["LoTE"]
        .as_object_mut()
        .unwrap()
        .remove("TrustedEntitiesList");
    let absent = verify(&p, &sign(&p, &list), None, StalePolicy::Hard).unwrap();
    assert!(absent.entries().is_empty());
}

// ---- purposes -------------------------------------------------------------------------------

#[test]
fn trust_list_signer_anchor_does_not_verify_an_sd_jwt_vc_issuer() {
    let p = pki();
    let pres = presentation(&p, PID);
    let r = verify_vc(
        &pres,
        &[anchor(&p.issuer_root, Purpose::TrustListSigner)],
        IssuerBinding::SanUriOrDns,
        &vc_policy(NOW),
    );
    assert_eq!(
        r.unwrap_err(),
        Error::AnchorPurposeMismatch {
            expected: Purpose::SdJwtVcIssuer,
            found: Purpose::TrustListSigner
        }
    );
}

// ---- credentials against a list -------------------------------------------------------------

#[test]
fn vc_from_a_listed_issuer_with_an_allowed_vct_verifies() {
    let p = pki();
    let list = verify(&p, &sign(&p, &standard(&p, 3)), None, StalePolicy::Hard).unwrap();
    let vc = verify_sd_jwt_vc_with_list(
        &presentation(&p, PID),
        &list,
        IssuerBinding::SanUriOrDns,
        &vc_policy(NOW),
    )
    .unwrap();
    assert_eq!(vc.issuer_name(), "Nhà cấp PID thử");
    assert_eq!(vc.list_sequence(), 3);
    assert!(!vc.list_stale());
    assert_eq!(vc.list_next_update(), NOW + 23 * DAY);
    assert_eq!(vc.vc().credential().claims()["given_name"], "An");
    assert_eq!(
        vc.vc().path().anchor_fingerprint(),
        anchor(&p.issuer_root, Purpose::SdJwtVcIssuer).fingerprint()
    );
    let j = vc.to_json();
    assert_eq!(j["trustList"]["sequence"], 3);
    assert_eq!(j["trustList"]["stale"], false);
    assert_eq!(j["vct"], PID);
}

#[test]
fn vc_with_a_vct_not_allowed_for_its_issuer_is_rejected() {
    let p = pki();
    let other_issuer = CertBuilder::ca("Other Root", &Key::p256(31)).build();
    // The PID issuer may issue another type only; a second issuer may issue PIDs.
    let list = lote(
        1,
        ISSUED,
        NEXT,
        vec![
            entity(
                "Nhà cấp PID thử",
                vec![service(
                    SVC_TYPE_SD_JWT_VC_ISSUER,
                    &[&p.issuer_root],
                    Some(&["urn:example:diploma:1"]),
                )],
            ),
            entity(
                "Other",
                vec![service(
                    SVC_TYPE_SD_JWT_VC_ISSUER,
                    &[&other_issuer],
                    Some(&[PID]),
                )],
            ),
        ],
    );
    let list = verify(&p, &sign(&p, &list), None, StalePolicy::Hard).unwrap();
    assert_eq!(
        verify_sd_jwt_vc_with_list(
            &presentation(&p, PID),
            &list,
            IssuerBinding::SanUriOrDns,
            &vc_policy(NOW)
        )
        .unwrap_err(),
        Error::TrustListVctNotAllowed { vct: PID.into() }
    );
    assert!(verify_sd_jwt_vc_with_list(
        &presentation(&p, "urn:example:diploma:1"),
        &list,
        IssuerBinding::SanUriOrDns,
        &vc_policy(NOW)
    )
    .is_ok());
}

#[test]
fn vc_from_an_issuer_listed_only_as_status_list_signer_is_rejected() {
    let p = pki();
    let list = lote(
        1,
        ISSUED,
        NEXT,
        vec![entity(
            "Nhà cấp PID thử",
            vec![service(
                SVC_TYPE_STATUS_LIST_ISSUER,
                &[&p.issuer_root],
                None,
            )],
        )],
    );
    let list = verify(&p, &sign(&p, &list), None, StalePolicy::Hard).unwrap();
    assert_eq!(list.anchors(Purpose::StatusListIssuer).len(), 1);
    assert_eq!(
        verify_sd_jwt_vc_with_list(
            &presentation(&p, PID),
            &list,
            IssuerBinding::SanUriOrDns,
            &vc_policy(NOW)
        )
        .unwrap_err(),
        Error::UnknownIssuer {
            purpose: Purpose::SdJwtVcIssuer,
            anchors: 0
        }
    );
}

#[test]
fn vc_checked_with_a_stale_list_surfaces_the_flag_or_fails_by_its_policy() {
    let p = pki();
    let jws = sign(&p, &lote(1, ISSUED, PAST, standard_entities(&p)));
    let warn = verify(&p, &jws, None, StalePolicy::Warn).unwrap();
    let vc = verify_sd_jwt_vc_with_list(
        &presentation(&p, PID),
        &warn,
        IssuerBinding::SanUriOrDns,
        &vc_policy(NOW),
    )
    .unwrap();
    assert!(vc.list_stale());
    assert_eq!(vc.to_json()["trustList"]["stale"], true);

    // A list accepted fresh under Hard goes stale in memory: checked again at the VC's `now`.
    let fresh = sign(
        &p,
        &lote(1, ISSUED, "2026-11-27T00:00:30Z", standard_entities(&p)),
    );
    let hard = verify(&p, &fresh, None, StalePolicy::Hard).unwrap();
    assert_eq!(
        verify_sd_jwt_vc_with_list(
            &presentation(&p, PID),
            &hard,
            IssuerBinding::SanUriOrDns,
            &vc_policy(NOW + 31)
        )
        .unwrap_err(),
        Error::TrustListStale {
            next_update: NOW + 30
        }
    );
}

// ---- pinned anchors -------------------------------------------------------------------------

#[test]
fn pinned_anchors_are_kept_once_per_purpose_and_handed_out_by_purpose() {
    let p = pki();
    let mut pins = PinnedAnchors::new();
    assert!(pins.is_empty());
    let fp = pins
        .pin_der(&p.list_root, Purpose::TrustListSigner)
        .unwrap();
    assert_eq!(pins.pin_der(&p.list_root, Purpose::TrustListSigner), Ok(fp));
    pins.pin(anchor(&p.issuer_root, Purpose::SdJwtVcIssuer));
    assert_eq!(pins.len(), 2);
    assert_eq!(pins.anchors(Purpose::TrustListSigner).len(), 1);
    assert_eq!(pins.anchors(Purpose::SdJwtVcIssuer).len(), 1);
    assert!(pins.anchors(Purpose::StatusListIssuer).is_empty());
    assert_eq!(
        pins.pin_der(&p.issuer_leaf, Purpose::SdJwtVcIssuer),
        Err(Error::CertNotCa {
            cert: CertRef::Anchor
        })
    );

    // The store's list-signer pins verify a list; the whole store (mixed purposes) does too.
    let jws = sign(&p, &standard(&p, 1));
    let signers = pins.anchors(Purpose::TrustListSigner);
    assert!(verify_trust_list(&jws, &list_policy(&signers, None, StalePolicy::Hard)).is_ok());
    assert!(verify_trust_list(&jws, &list_policy(pins.all(), None, StalePolicy::Hard)).is_ok());

    assert!(pins.unpin(fp, Purpose::TrustListSigner));
    assert!(!pins.unpin(fp, Purpose::TrustListSigner));
    assert!(pins.anchors(Purpose::TrustListSigner).is_empty());
}

#[test]
fn duplicate_member_names_are_refused_including_the_sequence_number() {
    let p = pki();
    let text = standard(&p, 7).to_string();
    // Control: the same text, signed as is, verifies.
    let plain = jws_payload(&p.list_signer_key, &header(&p), text.as_bytes());
    assert_eq!(
        verify(&p, &plain, None, StalePolicy::Hard)
            .unwrap()
            .sequence(),
        7
    );
    // A second `LoTESequenceNumber`: a last-wins reader sees 9, a first-wins reader 7.
    let twice = text.replacen(
        r#""LoTESequenceNumber":7"#,
        r#""LoTESequenceNumber":7,"LoTESequenceNumber":9"#,
        1,
    );
    assert_ne!(twice, text);
    let jws = jws_payload(&p.list_signer_key, &header(&p), twice.as_bytes());
    assert_eq!(
        verify(&p, &jws, None, StalePolicy::Hard).unwrap_err(),
        Error::JsonDuplicateMember {
            name: "LoTESequenceNumber".into()
        }
    );
}

#[test]
fn sequence_numbers_beyond_exact_javascript_integers_are_refused() {
    let p = pki();
    let max = (1u64 << 53) - 1;
    assert_eq!(cccd_verify::trust::MAX_SEQUENCE, max);
    // The largest exact value verifies and round-trips through its JSON form.
    let list = verify(&p, &sign(&p, &standard(&p, max)), None, StalePolicy::Hard).unwrap();
    assert_eq!(list.sequence(), max);
    assert_eq!(list.to_json()["accepted"]["sequence"], json!(max));
    for too_big in [max + 1, max + 2, u64::MAX] {
        assert_eq!(
            verify(
                &p,
                &sign(&p, &standard(&p, too_big)),
                None,
                StalePolicy::Hard
            )
            .unwrap_err(),
            Error::TrustListFormat {
                field: "LoTE.ListAndSchemeInformation.LoTESequenceNumber".into()
            },
            "{too_big}"
        );
    }
}

/// `jws` with its ECDSA signature replaced by the other valid one, `(r, n − s)` (P-256 order n).
fn malleated(jws: &str) -> String {
    const N: [u8; 32] = [
        0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xBC, 0xE6, 0xFA, 0xAD, 0xA7, 0x17, 0x9E, 0x84, 0xF3, 0xB9, 0xCA, 0xC2, 0xFC, 0x63,
        0x25, 0x51,
    ];
    let (input, sig) = jws.rsplit_once('.').unwrap();
    let mut sig = cccd_verify::jose::b64::decode_url(sig).unwrap();
    let mut borrow = 0i16;
    for i in (0..32).rev() {
        let d = i16::from(N[i]) - i16::from(sig[32 + i]) - borrow;
        borrow = i16::from(d < 0);
        sig[32 + i] = u8::try_from(d + 256 * borrow).unwrap();
    }
    format!("{input}.{}", encode_url(&sig))
}

#[test]
fn a_re_signed_identical_list_is_not_an_equivocation() {
    let p = pki();
    let jws = sign(&p, &standard(&p, 5));
    let first = verify(&p, &jws, None, StalePolicy::Hard).unwrap();
    // Same payload, the other valid ECDSA signature: other bytes, same content.
    let twin = malleated(&jws);
    assert_ne!(twin, jws);
    let again = verify(&p, &twin, Some(first.accepted()), StalePolicy::Hard).unwrap();
    assert_eq!(again.accepted(), first.accepted());
    // Same payload under another protected header (e.g. re-signed with a `kid` added).
    let mut h = header(&p);
    h["kid"] = json!("2026-12");
    let resigned = jws_payload(
        &p.list_signer_key,
        &h,
        standard(&p, 5).to_string().as_bytes(),
    );
    let again = verify(&p, &resigned, Some(first.accepted()), StalePolicy::Hard).unwrap();
    assert_eq!(again.accepted(), first.accepted());
    // But any change to the payload bytes is one, even whitespace.
    let spaced = format!("{} ", standard(&p, 5));
    let other = jws_payload(&p.list_signer_key, &header(&p), spaced.as_bytes());
    assert_eq!(
        verify(&p, &other, Some(first.accepted()), StalePolicy::Hard).unwrap_err(),
        Error::TrustListEquivocation { sequence: 5 }
    );
}

#[test]
fn a_stored_digest_of_the_whole_jws_still_recognises_the_same_list() {
    let p = pki();
    let jws = sign(&p, &standard(&p, 5));
    let legacy = Accepted {
        sequence: 5,
        digest: Sha256::digest(jws.as_bytes()).into(),
    };
    let list = verify(&p, &jws, Some(legacy), StalePolicy::Hard).unwrap();
    // The state moves to the payload digest.
    assert_ne!(list.accepted(), legacy);
    let again = verify(&p, &jws, Some(list.accepted()), StalePolicy::Hard).unwrap();
    assert_eq!(again.accepted(), list.accepted());
}
