//! SD-JWT VC with offline issuer trust: `x5c` leaf → intermediate → anchor (never from x5c), the
//! leaf key verifying the issuer JWT, and the `iss` ↔ certificate binding policy.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

#[path = "support/certs.rs"]
mod certs;
#[path = "support/jws.rs"]
mod jws;

use cccd_verify::jose::b64::encode_std;
use cccd_verify::jose::Algorithm;
use cccd_verify::sd_jwt::{verify_vc, Budget, IssuerBinding, KeyBinding, Policy, SdAlg};
use cccd_verify::x509::{Purpose, TrustAnchor};
use cccd_verify::Error;
use certs::{CertBuilder, Key, NOW};
use jws::{holder, jws, jws_es384, p256_key, public, with_key_binding, AUD, NONCE, PID_VCT};
use p256::ecdsa::SigningKey;
use serde_json::json;

struct Pki {
    root: Vec<u8>,
    intermediate: Vec<u8>,
    leaf: Vec<u8>,
    leaf_key: SigningKey,
}

/// Root CA (anchor) → issuer CA → issuer leaf with SAN URI https://issuer.example.vn.
fn pki(san: &str) -> Pki {
    let (root_key, ca_key, leaf_key) = (Key::p256(1), Key::p256(2), Key::p256(3));
    let root = CertBuilder::ca("Demo Root", &root_key).build();
    let intermediate = CertBuilder::ca("Demo Issuer CA", &ca_key)
        .issued_by("Demo Root", &root_key)
        .build();
    let leaf = CertBuilder::leaf("Demo PID Issuer", &leaf_key)
        .issued_by("Demo Issuer CA", &ca_key)
        .san_uri(san)
        .build();
    Pki {
        root,
        intermediate,
        leaf,
        leaf_key: p256_key(3),
    }
}

/// A PID presentation by the leaf key with `x5c` in the header (`tests/support/jws.rs`).
fn presentation(p: &Pki, iss: impl serde::Serialize, x5c: &[&[u8]]) -> String {
    jws::presentation(&p.leaf_key, x5c, iss, PID_VCT, NOW)
}

fn policy() -> Policy<'static> {
    Policy {
        algorithms: &[Algorithm::Es256],
        sd_algs: &[SdAlg::Sha256],
        key_binding: Some(KeyBinding {
            nonce: NONCE,
            audience: AUD,
            max_age: 300,
        }),
        now: NOW,
        leeway: 60,
        accept_legacy_typ: false,
        required_claims: &["iss", "vct"],
        budget: Budget::default(),
    }
}

fn anchor(der: &[u8], purpose: Purpose) -> TrustAnchor {
    TrustAnchor::from_der(der, purpose).unwrap()
}

#[test]
fn presentation_with_x5c_chain_to_the_anchor_verifies() {
    let p = pki("https://issuer.example.vn");
    let pres = presentation(&p, "https://issuer.example.vn", &[&p.leaf, &p.intermediate]);
    let v = verify_vc(
        &pres,
        &[anchor(&p.root, Purpose::SdJwtVcIssuer)],
        IssuerBinding::SanUriOrDns,
        &policy(),
    )
    .unwrap();
    assert_eq!(v.credential().claims()["given_name"], "An");
    assert_eq!(
        v.path().san_uris(),
        ["https://issuer.example.vn".to_owned()]
    );
    let j = v.to_json();
    assert_eq!(j["issuer"]["iss"], "https://issuer.example.vn");
    assert_eq!(j["holderKeyThumbprint"].as_str().unwrap().len(), 43);
}

#[test]
fn anchor_for_another_purpose_does_not_verify_an_issuer() {
    let p = pki("https://issuer.example.vn");
    let pres = presentation(&p, "https://issuer.example.vn", &[&p.leaf, &p.intermediate]);
    let r = verify_vc(
        &pres,
        &[anchor(&p.root, Purpose::TrustListSigner)],
        IssuerBinding::SanUriOrDns,
        &policy(),
    );
    assert!(
        matches!(r, Err(Error::AnchorPurposeMismatch { .. })),
        "{r:?}"
    );
}

#[test]
fn issuer_not_chaining_to_any_anchor_is_rejected() {
    let p = pki("https://issuer.example.vn");
    let other = CertBuilder::ca("Other Root", &Key::p256(7)).build();
    let pres = presentation(&p, "https://issuer.example.vn", &[&p.leaf, &p.intermediate]);
    let r = verify_vc(
        &pres,
        &[anchor(&other, Purpose::SdJwtVcIssuer)],
        IssuerBinding::SanUriOrDns,
        &policy(),
    );
    assert!(matches!(r, Err(Error::UnknownIssuer { .. })), "{r:?}");
}

#[test]
fn iss_not_matching_the_certificate_san_is_rejected_unless_subject_only_binding() {
    let p = pki("https://issuer.example.vn");
    let pres = presentation(&p, "https://evil.example", &[&p.leaf, &p.intermediate]);
    let anchors = [anchor(&p.root, Purpose::SdJwtVcIssuer)];
    assert_eq!(
        verify_vc(&pres, &anchors, IssuerBinding::SanUriOrDns, &policy()).unwrap_err(),
        Error::IssuerBindingMismatch
    );
    assert!(verify_vc(&pres, &anchors, IssuerBinding::SubjectOnly, &policy()).is_ok());
}

#[test]
fn iss_host_matching_a_san_dns_name_is_accepted() {
    let (root_key, leaf_key) = (Key::p256(1), Key::p256(3));
    let root = CertBuilder::ca("Demo Root", &root_key).build();
    let leaf = CertBuilder::leaf("Demo PID Issuer", &leaf_key)
        .issued_by("Demo Root", &root_key)
        .san_dns("issuer.example.vn")
        .build();
    let p = Pki {
        root,
        intermediate: vec![],
        leaf,
        leaf_key: p256_key(3),
    };
    let pres = presentation(&p, "https://issuer.example.vn/pid", &[&p.leaf]);
    assert!(verify_vc(
        &pres,
        &[anchor(&p.root, Purpose::SdJwtVcIssuer)],
        IssuerBinding::SanUriOrDns,
        &policy()
    )
    .is_ok());
}

#[test]
fn missing_x5c_is_an_unresolved_issuer_key() {
    let p = pki("https://issuer.example.vn");
    let pres = presentation(&p, "https://issuer.example.vn", &[]);
    assert_eq!(
        verify_vc(
            &pres,
            &[anchor(&p.root, Purpose::SdJwtVcIssuer)],
            IssuerBinding::SanUriOrDns,
            &policy()
        )
        .unwrap_err(),
        Error::IssuerKeyUnresolved
    );
}

#[test]
fn issuer_jwt_signed_by_a_key_other_than_the_leaf_is_rejected() {
    let mut p = pki("https://issuer.example.vn");
    p.leaf_key = p256_key(4);
    let pres = presentation(&p, "https://issuer.example.vn", &[&p.leaf, &p.intermediate]);
    assert_eq!(
        verify_vc(
            &pres,
            &[anchor(&p.root, Purpose::SdJwtVcIssuer)],
            IssuerBinding::SanUriOrDns,
            &policy()
        )
        .unwrap_err(),
        Error::JwsSignatureInvalid
    );
}

#[test]
fn es384_issuer_with_a_p384_leaf_verifies_only_when_es384_is_allowed() {
    let (root_key, ca_key, leaf_key) = (Key::p256(1), Key::p256(2), Key::p384(5));
    let root = CertBuilder::ca("Demo Root", &root_key).build();
    let intermediate = CertBuilder::ca("Demo Issuer CA", &ca_key)
        .issued_by("Demo Root", &root_key)
        .build();
    let leaf = CertBuilder::leaf("Demo PID Issuer P-384", &leaf_key)
        .issued_by("Demo Issuer CA", &ca_key)
        .san_uri("https://issuer.example.vn")
        .build();
    let signer = p384::ecdsa::SigningKey::from_slice(&[5u8; 48]).unwrap();
    let header = json!({"alg": "ES384", "typ": "dc+sd-jwt", "x5c": [encode_std(&leaf), encode_std(&intermediate)]});
    let payload = json!({"iss": "https://issuer.example.vn", "vct": PID_VCT, "iat": NOW - 60, "exp": NOW + 86_400,
        "cnf": {"jwk": public(&holder()).to_jwk()}});
    let pres = with_key_binding(&format!("{}~", jws_es384(&signer, &header, &payload)), NOW);
    let anchors = [anchor(&root, Purpose::SdJwtVcIssuer)];
    let both = Policy {
        algorithms: &[Algorithm::Es256, Algorithm::Es384],
        ..policy()
    };
    let v = verify_vc(&pres, &anchors, IssuerBinding::SanUriOrDns, &both).unwrap();
    assert_eq!(v.credential().header()["alg"], "ES384");
    assert_eq!(
        verify_vc(&pres, &anchors, IssuerBinding::SanUriOrDns, &policy()).unwrap_err(),
        Error::JwsAlgorithmNotAllowed
    );
    // An ES384 header over a P-256 leaf key never verifies, even with both algorithms allowed.
    let p = pki("https://issuer.example.vn");
    let header = json!({"alg": "ES384", "typ": "dc+sd-jwt", "x5c": [encode_std(&p.leaf), encode_std(&p.intermediate)]});
    let pres = with_key_binding(&format!("{}~", jws(&p.leaf_key, &header, &payload)), NOW);
    let r = verify_vc(
        &pres,
        &[anchor(&p.root, Purpose::SdJwtVcIssuer)],
        IssuerBinding::SanUriOrDns,
        &both,
    );
    assert_eq!(r.unwrap_err(), Error::JwsSignatureInvalid);
}

#[test]
fn iss_with_userinfo_does_not_bind_to_the_dns_san() {
    let (root_key, leaf_key) = (Key::p256(1), Key::p256(3));
    let root = CertBuilder::ca("Demo Root", &root_key).build();
    let leaf = CertBuilder::leaf("Demo PID Issuer", &leaf_key)
        .issued_by("Demo Root", &root_key)
        .san_dns("issuer.example")
        .build();
    let p = Pki {
        root,
        intermediate: vec![],
        leaf,
        leaf_key: p256_key(3),
    };
    let check = |iss: &str| {
        verify_vc(
            &presentation(&p, iss, &[&p.leaf]),
            &[anchor(&p.root, Purpose::SdJwtVcIssuer)],
            IssuerBinding::SanUriOrDns,
            &policy(),
        )
        .map(|_| ())
    };
    assert_eq!(check("https://issuer.example:443/pid"), Ok(()));
    // A URL parser reads host `evil.example` here: userinfo `issuer.example:443`.
    for iss in [
        "https://issuer.example:443@evil.example/",
        "https://issuer.example@evil.example/",
        "https://x:y@issuer.example/",
    ] {
        assert_eq!(check(iss), Err(Error::IssuerBindingMismatch), "{iss}");
    }
}

#[test]
fn iss_of_the_wrong_type_is_a_type_error_not_a_missing_claim() {
    let p = pki("https://issuer.example.vn");
    let anchors = [anchor(&p.root, Purpose::SdJwtVcIssuer)];
    for binding in [IssuerBinding::SanUriOrDns, IssuerBinding::SubjectOnly] {
        let r = verify_vc(
            &presentation(&p, 5, &[&p.leaf, &p.intermediate]),
            &anchors,
            binding,
            &policy(),
        );
        assert_eq!(
            r.map(|_| ()),
            Err(Error::ClaimType {
                name: "iss".into(),
                expected: "string"
            }),
            "{binding:?}"
        );
    }
}

/// A presentation whose disclosed `given_name` is `given` and which also discloses an address
/// object with `street` (issue 11 item 11: text that cannot spoof a reviewer).
fn presentation_with_text(p: &Pki, given: &str, street: &str) -> String {
    let (d1, h1) = jws::disclosure(&json!(["salt-1", "given_name", given]));
    let (d2, h2) = jws::disclosure(&json!(["salt-2", "address", {"street_address": street}]));
    let (d3, h3) = jws::disclosure(&json!(["salt-3", "family_name", "Lê"]));
    let header = json!({"alg": "ES256", "typ": "dc+sd-jwt", "x5c": [encode_std(&p.leaf), encode_std(&p.intermediate)]});
    let payload = json!({
        "iss": "https://issuer.example.vn", "vct": PID_VCT, "iat": NOW - 60, "exp": NOW + 86_400,
        "_sd": [h1, h2, h3], "cnf": {"jwk": public(&holder()).to_jwk()},
    });
    with_key_binding(
        &format!("{}~{d1}~{d2}~{d3}~", jws(&p.leaf_key, &header, &payload)),
        NOW,
    )
}

fn findings_of(given: &str, street: &str) -> Vec<(String, String, String)> {
    let p = pki("https://issuer.example.vn");
    let v = verify_vc(
        &presentation_with_text(&p, given, street),
        &[anchor(&p.root, Purpose::SdJwtVcIssuer)],
        IssuerBinding::SanUriOrDns,
        &policy(),
    )
    .unwrap();
    let j = v.to_json();
    j["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_owned(),
                f["severity"].as_str().unwrap().to_owned(),
                f["params"]["path"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn claims_text_that_could_spoof_a_reviewer_is_reported() {
    // Clean Vietnamese text: nothing to report.
    assert_eq!(findings_of("Thị Cúc", "12/3 Đường Số 5"), vec![]);
    // A right-to-left override in a name: an error finding naming the claim (the signature is
    // valid, the value must not be shown as it is).
    assert_eq!(
        findings_of("An\u{202e}gnaoH", "12/3 Đường Số 5"),
        vec![(
            "CLAIM_CONTROL_CHARACTER".to_owned(),
            "error".to_owned(),
            "given_name".to_owned()
        )]
    );
    // NUL inside a nested claim; a zero-width joiner; a Cyrillic letter in a name.
    let f = findings_of("\u{0410}n", "12/3\u{0} Đường\u{200d} Số 5");
    assert!(f.contains(&(
        "CLAIM_CONTROL_CHARACTER".to_owned(),
        "error".to_owned(),
        "address.street_address".to_owned()
    )));
    assert!(f.contains(&(
        "CLAIM_ZERO_WIDTH".to_owned(),
        "warning".to_owned(),
        "address.street_address".to_owned()
    )));
    assert!(f.contains(&(
        "CLAIM_MIXED_SCRIPTS".to_owned(),
        "warning".to_owned(),
        "given_name".to_owned()
    )));
    // A non-Latin letter outside a name claim is not a name finding.
    assert!(findings_of("An", "Đường \u{0416}").is_empty());
}
