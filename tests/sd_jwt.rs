//! SD-JWT VC verification (RFC 9901 §7.1, §7.3; SD-JWT VC draft §2.2): one test per rule, each
//! named after its outcome. Presentations are built here with deterministic P-256 keys
//! (RFC 6979 signatures), a fixed clock and the RFC's own disclosure-digest example.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

#[path = "support/jws.rs"]
mod jws;

use cccd_verify::jose::b64::encode_url;
use cccd_verify::jose::{Algorithm, PublicKey};
use cccd_verify::sd_jwt::{verify, Budget, KeyBinding, Policy, SdAlg, Verified};
use cccd_verify::Error;
use jws::{disclosure, jws, jws_raw};
use p256::ecdsa::SigningKey;
use serde_json::{json, Value};

const NOW: i64 = 1_795_000_000; // 2026-11-19
const NONCE: &str = "n-0S6_WzA2Mj";
const AUD: &str = "origin:https://shop.example.vn";

fn key(seed: u8) -> SigningKey {
    let mut b = [7u8; 32];
    b[31] = seed;
    SigningKey::from_slice(&b).unwrap()
}

fn public(seed: u8) -> PublicKey {
    PublicKey::from_sec1(
        cccd_verify::crypto::Curve::P256,
        key(seed).verifying_key().to_sec1_point(false).as_bytes(),
    )
    .unwrap()
}

struct Credential {
    jwt: String,
    disclosures: Vec<String>,
}

/// A PID-like credential: given_name, family_name and birthdate selectively disclosable, one
/// nationality in an array disclosable, a decoy digest, and the holder key (seed 2) in cnf.
fn credential_with(mutate: impl FnOnce(&mut Value, &mut Vec<String>)) -> Credential {
    let (given, dg) = disclosure(&json!(["2GLC42sKQveCfGfryNRN9w", "given_name", "An"]));
    let (family, df) = disclosure(&json!(["eluV5Og3gSNII8EYnsxA_A", "family_name", "Nguyễn"]));
    let (birth, db) = disclosure(&json!([
        "6Ij7tM-a5iVPGboS5tmvVA",
        "birthdate",
        "1990-03-15"
    ]));
    let (nat, dn) = disclosure(&json!(["lklxF5jMYlGTPUovMNIvCA", "VN"]));
    let decoy = SdAlg::Sha256.digest("decoy");
    let mut payload = json!({
        "iss": "https://issuer.example.vn",
        "vct": "urn:eudi:pid:vn:cccd:1",
        "iat": NOW - 3600,
        "exp": NOW + 86400,
        "_sd_alg": "sha-256",
        "_sd": [dg, df, db, decoy],
        "nationalities": [{"...": dn}, "VN-old"],
        "cnf": {"jwk": public(2).to_jwk()},
    });
    let mut disclosures = vec![given, family, birth, nat];
    mutate(&mut payload, &mut disclosures);
    Credential {
        jwt: jws(
            &key(1),
            &json!({"alg": "ES256", "typ": "dc+sd-jwt"}),
            &payload,
        ),
        disclosures,
    }
}

fn credential() -> Credential {
    credential_with(|_, _| {})
}

/// A KB-JWT by the holder (key 2) over `presented`.
fn kb_jwt(presented: &str, nonce: &str, aud: &Value, iat: i64) -> String {
    jws::kb_jwt(&key(2), presented, nonce, aud, iat)
}

/// `<jwt>~<d>~…~` plus a KB-JWT over it.
fn present(c: &Credential, which: &[usize]) -> String {
    let sd = sd_jwt(c, which);
    format!("{sd}{}", kb_jwt(&sd, NONCE, &json!(AUD), NOW - 10))
}

fn sd_jwt(c: &Credential, which: &[usize]) -> String {
    let mut s = format!("{}~", c.jwt);
    for &i in which {
        s.push_str(&c.disclosures[i]);
        s.push('~');
    }
    s
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

fn check(p: &str) -> Result<Verified, Error> {
    verify(p, &public(1), &policy())
}

#[test]
fn rfc9901_disclosure_digest_example_matches() {
    // RFC 9901 §4.2.3 example disclosure for family_name "Möbius".
    let d = "WyJfMjZiYzRMVC1hYzZxMktJNmNCVzVlcyIsICJmYW1pbHlfbmFtZSIsICJNw7ZiaXVzIl0";
    assert_eq!(
        SdAlg::Sha256.digest(d),
        "X9yH0Ajrdm1Oij4tWso9UzzKJvPoDxwmuEcO3XAdRC0"
    );
}

#[test]
fn full_presentation_with_key_binding_verifies_and_processes_claims() {
    let v = check(&present(&credential(), &[0, 1, 2, 3])).unwrap();
    assert_eq!(v.claims()["given_name"], "An");
    assert_eq!(v.claims()["family_name"], "Nguyễn");
    assert_eq!(v.claims()["birthdate"], "1990-03-15");
    assert_eq!(v.claims()["nationalities"], json!(["VN", "VN-old"]));
    assert!(!v.claims().contains_key("_sd") && !v.claims().contains_key("_sd_alg"));
    assert_eq!(v.holder_key(), Some(&public(2)));
    assert_eq!(v.disclosures(), 4);
}

#[test]
fn undisclosed_claims_and_array_elements_are_absent_and_decoys_ignored() {
    let v = check(&present(&credential(), &[0])).unwrap();
    assert_eq!(v.claims()["given_name"], "An");
    assert!(!v.claims().contains_key("family_name") && !v.claims().contains_key("birthdate"));
    assert_eq!(v.claims()["nationalities"], json!(["VN-old"]));
}

#[test]
fn recursive_disclosure_inside_a_disclosed_object_is_processed() {
    let (street, ds) = disclosure(&json!(["salt-street", "street_address", "Số 1 Ngõ 2"]));
    let (addr, da) =
        disclosure(&json!(["salt-addr", "address", {"_sd": [ds], "locality": "Hà Nội"}]));
    let c = credential_with(|p, d| {
        p["_sd"].as_array_mut().unwrap().push(json!(da));
        d.push(addr);
        d.push(street);
    });
    let v = check(&present(&c, &[4, 5])).unwrap();
    assert_eq!(
        v.claims()["address"],
        json!({"locality": "Hà Nội", "street_address": "Số 1 Ngõ 2"})
    );
    // The inner disclosure alone is unreferenced: its parent was not disclosed.
    assert_eq!(
        check(&present(&c, &[5])).unwrap_err(),
        Error::SdJwtUnreferencedDisclosure
    );
}

#[test]
fn unreferenced_disclosure_is_rejected() {
    let (stray, _) = disclosure(&json!(["s", "email", "a@example.vn"]));
    let mut c = credential();
    c.disclosures.push(stray);
    assert_eq!(
        check(&present(&c, &[0, 4])).unwrap_err(),
        Error::SdJwtUnreferencedDisclosure
    );
}

#[test]
fn duplicate_digest_in_the_payload_is_rejected() {
    let c = credential_with(|p, _| {
        let first = p["_sd"][0].clone();
        p["_sd"].as_array_mut().unwrap().push(first);
    });
    assert_eq!(
        check(&present(&c, &[0])).unwrap_err(),
        Error::SdJwtDuplicateDigest
    );
}

#[test]
fn the_same_disclosure_presented_twice_is_rejected() {
    assert_eq!(
        check(&present(&credential(), &[0, 0])).unwrap_err(),
        Error::SdJwtDuplicateDigest
    );
}

#[test]
fn disclosed_reserved_names_are_rejected() {
    for name in ["_sd", "..."] {
        let (d, dd) = disclosure(&json!(["s", name, "x"]));
        let c = credential_with(|p, ds| {
            p["_sd"].as_array_mut().unwrap().push(json!(dd));
            ds.push(d);
        });
        assert_eq!(
            check(&present(&c, &[4])).unwrap_err(),
            Error::SdJwtReservedClaimName,
            "{name}"
        );
    }
}

#[test]
fn a_proto_claim_is_refused_disclosed_or_plain() {
    // Disclosed: the name is an array element of the disclosure, checked when it becomes a claim.
    let (d, dd) = disclosure(&json!(["s", "__proto__", {"admin": true}]));
    let c = credential_with(|p, ds| {
        p["_sd"].as_array_mut().unwrap().push(json!(dd));
        ds.push(d);
    });
    let forbidden = Error::JsonForbiddenMember {
        name: "__proto__".into(),
    };
    assert_eq!(check(&present(&c, &[4])).unwrap_err(), forbidden);
    // Inside a disclosed value: refused by the JSON reader.
    let (d, dd) = disclosure(&json!(["s", "address", {"__proto__": {"admin": true}}]));
    let c = credential_with(|p, ds| {
        p["_sd"].as_array_mut().unwrap().push(json!(dd));
        ds.push(d);
    });
    assert_eq!(check(&present(&c, &[4])).unwrap_err(), forbidden);
}

#[test]
fn disclosed_name_colliding_with_a_plaintext_claim_is_rejected() {
    let (d, dd) = disclosure(&json!(["s", "vct", "urn:other"]));
    let c = credential_with(|p, ds| {
        p["_sd"].as_array_mut().unwrap().push(json!(dd));
        ds.push(d);
    });
    assert_eq!(
        check(&present(&c, &[4])).unwrap_err(),
        Error::SdJwtClaimNameCollision { name: "vct".into() }
    );
}

#[test]
fn disclosure_with_the_wrong_arity_is_rejected() {
    // A 2-element disclosure referenced from `_sd`, and a 3-element one from an array.
    let (two, d2) = disclosure(&json!(["s", "given_name"]));
    let c = credential_with(|p, ds| {
        p["_sd"].as_array_mut().unwrap().push(json!(d2));
        ds.push(two);
    });
    assert_eq!(
        check(&present(&c, &[4])).unwrap_err(),
        Error::SdJwtDisclosureInvalid
    );
    let (three, d3) = disclosure(&json!(["s", "x", "y"]));
    let c = credential_with(|p, ds| {
        p["nationalities"]
            .as_array_mut()
            .unwrap()
            .push(json!({"...": d3}));
        ds.push(three);
    });
    assert_eq!(
        check(&present(&c, &[4])).unwrap_err(),
        Error::SdJwtDisclosureInvalid
    );
}

#[test]
fn array_digest_object_with_extra_keys_is_an_ordinary_object() {
    let c = credential_with(|p, _| {
        p["nationalities"] = json!([{"...": "abc", "note": "x"}]);
    });
    let v = check(&present(&c, &[0])).unwrap();
    assert_eq!(
        v.claims()["nationalities"],
        json!([{"...": "abc", "note": "x"}])
    );
}

#[test]
fn nested_sd_alg_is_rejected() {
    let c = credential_with(|p, _| p["cnf"]["_sd_alg"] = json!("sha-256"));
    assert_eq!(
        check(&present(&c, &[0])).unwrap_err(),
        Error::SdJwtSdAlgNested
    );
}

#[test]
fn sd_alg_outside_the_allow_list_is_rejected() {
    for alg in ["sha-256-32", "md5", "sha-512"] {
        let c = credential_with(|p, _| p["_sd_alg"] = json!(alg));
        assert_eq!(
            check(&present(&c, &[])).unwrap_err(),
            Error::SdJwtSdAlgNotAllowed,
            "{alg}"
        );
    }
}

#[test]
fn selectively_disclosed_exp_is_rejected_as_non_disclosable() {
    let (d, dd) =
        disclosure(&json!(["s", "status", {"status_list": {"idx": 1, "uri": "https://x"}}]));
    let c = credential_with(|p, ds| {
        p["_sd"].as_array_mut().unwrap().push(json!(dd));
        ds.push(d);
    });
    assert_eq!(
        check(&present(&c, &[4])).unwrap_err(),
        Error::SdJwtNonDisclosableClaim {
            name: "status".into()
        }
    );
}

#[test]
fn required_claim_missing_after_processing_is_rejected() {
    let c = credential_with(|p, _| {
        p.as_object_mut().unwrap().remove("vct");
    });
    assert_eq!(
        check(&present(&c, &[0])).unwrap_err(),
        Error::ClaimMissing { name: "vct".into() }
    );
}

#[test]
fn expired_and_not_yet_valid_credentials_are_rejected() {
    let c = credential_with(|p, _| p["exp"] = json!(NOW - 61));
    assert_eq!(
        check(&present(&c, &[])).unwrap_err(),
        Error::TokenExpired { exp: NOW - 61 }
    );
    let c = credential_with(|p, _| p["nbf"] = json!(NOW + 61));
    assert_eq!(
        check(&present(&c, &[])).unwrap_err(),
        Error::TokenNotYetValid { nbf: NOW + 61 }
    );
}

#[test]
fn fractional_numeric_dates_round_down_as_in_status_lists() {
    // One rule for sub-second NumericDates in the whole crate (src/date.rs): rounded down.
    let c = credential_with(|p, _| p["exp"] = json!(NOW as f64 - 60.5));
    assert_eq!(
        check(&present(&c, &[])).unwrap_err(),
        Error::TokenExpired { exp: NOW - 61 }
    );
    let c = credential_with(|p, _| p["exp"] = json!(NOW as f64 - 59.5));
    assert!(check(&present(&c, &[])).is_ok());
    let c = credential_with(|p, _| p["nbf"] = json!(NOW as f64 + 61.5));
    assert_eq!(
        check(&present(&c, &[])).unwrap_err(),
        Error::TokenNotYetValid { nbf: NOW + 61 }
    );
}

#[test]
fn wrong_typ_is_rejected_and_legacy_typ_needs_the_option() {
    let mut payload = json!({"iss": "i", "vct": "v", "cnf": {"jwk": public(2).to_jwk()}});
    payload["_sd"] = json!([]);
    for typ in [None, Some("jwt"), Some("vc+sd-jwt")] {
        let header = match typ {
            Some(t) => json!({"alg": "ES256", "typ": t}),
            None => json!({"alg": "ES256"}),
        };
        let c = Credential {
            jwt: jws(&key(1), &header, &payload),
            disclosures: vec![],
        };
        assert_eq!(
            check(&present(&c, &[])).unwrap_err(),
            Error::SdJwtTypInvalid,
            "{typ:?}"
        );
    }
    let c = Credential {
        jwt: jws(
            &key(1),
            &json!({"alg": "ES256", "typ": "vc+sd-jwt"}),
            &payload,
        ),
        disclosures: vec![],
    };
    let legacy = Policy {
        accept_legacy_typ: true,
        ..policy()
    };
    assert!(verify(&present(&c, &[]), &public(1), &legacy).is_ok());
}

#[test]
fn issuer_signature_by_another_key_or_alg_none_is_rejected() {
    assert_eq!(
        verify(&present(&credential(), &[0]), &public(3), &policy()).unwrap_err(),
        Error::JwsSignatureInvalid
    );
    let c = credential();
    let unsigned = {
        let mut parts: Vec<&str> = c.jwt.split('.').collect();
        let header = encode_url(
            json!({"alg": "none", "typ": "dc+sd-jwt"})
                .to_string()
                .as_bytes(),
        );
        parts[0] = &header;
        format!("{}.{}.", parts[0], parts[1])
    };
    let c2 = Credential {
        jwt: unsigned,
        disclosures: c.disclosures,
    };
    assert_eq!(
        check(&present(&c2, &[0])).unwrap_err(),
        Error::JwsAlgorithmNotAllowed
    );
}

#[test]
fn key_binding_required_but_stripped_is_rejected() {
    assert_eq!(
        check(&sd_jwt(&credential(), &[0])).unwrap_err(),
        Error::KbMissing
    );
}

#[test]
fn key_binding_present_when_policy_refuses_it_is_rejected() {
    let no_kb = Policy {
        key_binding: None,
        ..policy()
    };
    assert_eq!(
        verify(&present(&credential(), &[0]), &public(1), &no_kb).unwrap_err(),
        Error::KbUnexpected
    );
    assert!(verify(&sd_jwt(&credential(), &[0]), &public(1), &no_kb).is_ok());
}

#[test]
fn key_binding_with_the_wrong_nonce_is_rejected() {
    let sd = sd_jwt(&credential(), &[0]);
    let p = format!("{sd}{}", kb_jwt(&sd, "other-nonce", &json!(AUD), NOW));
    assert_eq!(check(&p).unwrap_err(), Error::KbNonceMismatch);
}

#[test]
fn key_binding_for_another_audience_or_an_audience_array_is_rejected() {
    let sd = sd_jwt(&credential(), &[0]);
    for aud in [
        json!("origin:https://evil.example"),
        json!([AUD]),
        json!("https://shop.example.vn"),
    ] {
        let p = format!("{sd}{}", kb_jwt(&sd, NONCE, &aud, NOW));
        assert_eq!(check(&p).unwrap_err(), Error::KbAudienceMismatch, "{aud}");
    }
}

#[test]
fn key_binding_too_old_or_from_the_future_is_rejected() {
    let sd = sd_jwt(&credential(), &[0]);
    // `params` say which bound broke and where it was (max age 300 s, leeway 60 s).
    for (iat, bound, limit) in [
        (NOW - 301, "maxAge", NOW - 300),
        (NOW + 61, "future", NOW + 60),
    ] {
        let p = format!("{sd}{}", kb_jwt(&sd, NONCE, &json!(AUD), iat));
        assert_eq!(
            check(&p).unwrap_err(),
            Error::KbIatOutOfWindow { bound, iat, limit },
            "{iat}"
        );
    }
    // The bounds themselves are inside the window.
    for iat in [NOW - 300, NOW + 60] {
        let p = format!("{sd}{}", kb_jwt(&sd, NONCE, &json!(AUD), iat));
        assert!(check(&p).is_ok(), "{iat}");
    }
}

#[test]
fn key_binding_over_other_disclosures_is_rejected_by_sd_hash() {
    let c = credential();
    let signed_over = sd_jwt(&c, &[0]);
    let presented = sd_jwt(&c, &[0, 1]);
    let p = format!(
        "{presented}{}",
        kb_jwt(&signed_over, NONCE, &json!(AUD), NOW)
    );
    assert_eq!(check(&p).unwrap_err(), Error::KbSdHashMismatch);
}

#[test]
fn key_binding_signed_by_another_key_or_with_wrong_typ_is_rejected() {
    let sd = sd_jwt(&credential(), &[0]);
    let payload =
        json!({"nonce": NONCE, "aud": AUD, "iat": NOW, "sd_hash": SdAlg::Sha256.digest(&sd)});
    let p = format!(
        "{sd}{}",
        jws(&key(3), &json!({"alg": "ES256", "typ": "kb+jwt"}), &payload)
    );
    assert_eq!(check(&p).unwrap_err(), Error::JwsSignatureInvalid);
    let p = format!(
        "{sd}{}",
        jws(&key(2), &json!({"alg": "ES256", "typ": "jwt"}), &payload)
    );
    assert_eq!(check(&p).unwrap_err(), Error::KbTypInvalid);
}

#[test]
fn key_binding_without_a_holder_key_in_cnf_is_rejected() {
    let c = credential_with(|p, _| {
        p.as_object_mut().unwrap().remove("cnf");
    });
    assert_eq!(check(&present(&c, &[0])).unwrap_err(), Error::KbNoHolderKey);
}

#[test]
fn budgets_bound_disclosures_size_and_nesting() {
    let few = Policy {
        budget: Budget {
            max_bytes: 256 * 1024,
            max_disclosures: 2,
        },
        ..policy()
    };
    assert_eq!(
        verify(&present(&credential(), &[0, 1, 2]), &public(1), &few).unwrap_err(),
        Error::SdJwtTooManyDisclosures { max: 2 }
    );
    let small = Policy {
        budget: Budget {
            max_bytes: 100,
            max_disclosures: 10,
        },
        ..policy()
    };
    assert!(matches!(
        verify(&present(&credential(), &[0]), &public(1), &small).unwrap_err(),
        Error::InputTooLarge { .. }
    ));
    let mut deep = json!("x");
    for _ in 0..40 {
        deep = json!([deep]);
    }
    let c = credential_with(|p, _| p["deep"] = deep);
    assert!(matches!(
        check(&present(&c, &[])).unwrap_err(),
        Error::JsonTooDeep { .. }
    ));
}

#[test]
fn malformed_presentations_are_format_errors() {
    let c = credential();
    for bad in [
        String::new(),
        c.jwt.clone(),
        format!("{}~~{}~", c.jwt, c.disclosures[0]),
        format!("{}~!!!~", c.jwt),
    ] {
        let r = verify(
            &bad,
            &public(1),
            &Policy {
                key_binding: None,
                ..policy()
            },
        );
        assert!(
            matches!(
                r,
                Err(Error::SdJwtFormat | Error::SdJwtDisclosureInvalid | Error::JwsFormat)
            ),
            "{bad}: {r:?}"
        );
    }
}

/// `c` with its issuer JWT re-signed over `header` and `payload` edited as text.
fn resigned(c: &Credential, header: &str, edit_payload: impl FnOnce(String) -> String) -> String {
    let payload = c.jwt.split('.').nth(1).unwrap();
    let payload = String::from_utf8(cccd_verify::jose::b64::decode_url(payload).unwrap()).unwrap();
    let jwt = jws_raw(&key(1), header, edit_payload(payload));
    let sd = format!("{jwt}~{}~", c.disclosures[0]);
    format!("{sd}{}", kb_jwt(&sd, NONCE, &json!(AUD), NOW - 10))
}

#[test]
fn duplicate_member_names_are_refused_in_header_payload_and_disclosures() {
    let c = credential();
    const HEADER: &str = r#"{"alg":"ES256","typ":"dc+sd-jwt"}"#;
    // Control: the same text without duplicates verifies.
    assert!(check(&resigned(&c, HEADER, |p| p)).is_ok());
    // Header: two `typ`, the last one valid (a last-wins parser would accept it).
    let dup_header = r#"{"alg":"ES256","typ":"jwt","typ":"dc+sd-jwt"}"#;
    assert_eq!(
        check(&resigned(&c, dup_header, |p| p)).unwrap_err(),
        Error::JsonDuplicateMember { name: "typ".into() }
    );
    // Payload: two `iss`.
    let dup_iss = |p: String| p.replacen('{', r#"{"iss":"https://evil.example","#, 1);
    assert_eq!(
        check(&resigned(&c, HEADER, dup_iss)).unwrap_err(),
        Error::JsonDuplicateMember { name: "iss".into() }
    );
    // A disclosure whose value is an object with a repeated member.
    let d =
        encode_url(r#"["salt-addr","address",{"locality":"Hà Nội","locality":"Huế"}]"#.as_bytes());
    let digest = SdAlg::Sha256.digest(&d);
    let c = credential_with(|p, ds| {
        p["_sd"].as_array_mut().unwrap().push(json!(digest));
        ds.push(d);
    });
    assert_eq!(
        check(&present(&c, &[4])).unwrap_err(),
        Error::JsonDuplicateMember {
            name: "locality".into()
        }
    );
}

#[test]
fn very_deep_json_is_too_deep_not_a_format_error() {
    let c = credential();
    let header = r#"{"alg":"ES256","typ":"dc+sd-jwt"}"#;
    let deep = |p: String| {
        let open = "[".repeat(5000);
        let close = "]".repeat(5000);
        p.replacen('{', &format!(r#"{{"deep":{open}{close},"#), 1)
    };
    assert!(matches!(
        check(&resigned(&c, header, deep)).unwrap_err(),
        Error::JsonTooDeep { .. }
    ));
    // In the header too.
    let deep_header = format!(
        r#"{{"alg":"ES256","typ":"dc+sd-jwt","x":{}{}}}"#,
        "[".repeat(5000),
        "]".repeat(5000)
    );
    assert!(matches!(
        check(&resigned(&c, &deep_header, |p| p)).unwrap_err(),
        Error::JsonTooDeep { .. }
    ));
}

#[test]
fn registered_claims_of_the_wrong_type_are_type_errors() {
    let cases = [
        ("iss", json!(5), "string"),
        ("vct", json!({"id": "x"}), "string"),
        ("iat", json!("yesterday"), "number"),
        ("exp", json!("tomorrow"), "number"),
        ("nbf", json!(null), "number"),
        ("cnf", json!([public(2).to_jwk()]), "object"),
    ];
    for (name, value, expected) in cases {
        let c = credential_with(|p, _| p[name] = value.clone());
        assert_eq!(
            check(&present(&c, &[0])).unwrap_err(),
            Error::ClaimType {
                name: name.into(),
                expected
            },
            "{name}: {value}"
        );
    }
    // Absent is still "missing" when required.
    let c = credential_with(|p, _| {
        p.as_object_mut().unwrap().remove("iss");
    });
    assert_eq!(
        check(&present(&c, &[0])).unwrap_err(),
        Error::ClaimMissing { name: "iss".into() }
    );
}

#[test]
fn key_binding_iat_of_the_wrong_type_is_a_type_error() {
    let c = credential();
    let sd = sd_jwt(&c, &[0]);
    let kb = jws(
        &key(2),
        &json!({"alg": "ES256", "typ": "kb+jwt"}),
        &json!({"nonce": NONCE, "aud": AUD, "iat": "now", "sd_hash": SdAlg::Sha256.digest(&sd)}),
    );
    assert_eq!(
        check(&format!("{sd}{kb}")).unwrap_err(),
        Error::ClaimType {
            name: "iat".into(),
            expected: "number"
        }
    );
}
