//! The status policy of `verifySdJwtVc` (`status`: `enforce` by default, `required`, `report`)
//! through the end-to-end flow `request::verify_sd_jwt_vc`, the one the wasm glue, the JS API
//! (sync and async) and the CLI all run. Fixtures and clock: tests/data/sd-jwt/expected.json
//! (`statusLists`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use cccd_verify::request::{parse_options, verify_sd_jwt_vc, SdJwtVcOptions};
use cccd_verify::status::{Status, StatusOutcome, StatusPolicy, StatusReference};
use cccd_verify::Error;
use serde_json::{json, Value};

const NOW: i64 = 1_795_737_600;
const URI: &str = "https://status.demo.cccd-verify.invalid/lists/1";
const IDX: u64 = 7;

fn fixture(name: &str) -> String {
    let root = env!("CARGO_MANIFEST_DIR");
    std::fs::read_to_string(format!("{root}/tests/data/sd-jwt/{name}"))
        .unwrap()
        .trim()
        .to_owned()
}

/// The `n`-th certificate of a PEM file, as base64 DER.
fn pem_cert(name: &str, n: usize) -> String {
    let text = fixture(name);
    let blocks: Vec<String> = text
        .split("-----END CERTIFICATE-----")
        .filter(|b| b.contains("-----BEGIN CERTIFICATE-----"))
        .map(|b| b.lines().filter(|l| !l.starts_with("-----")).collect())
        .collect();
    blocks[n].clone()
}

fn options(extra: Value) -> SdJwtVcOptions {
    let mut o = json!({
        "anchors": [pem_cert("anchor.pem", 0)],
        "statusAnchors": [pem_cert("anchor.pem", 0)],
        "now": NOW,
        "keyBinding": {
            "nonce": "demo-nonce-20261127",
            "audience": "origin:https://wallet-onboarding.demo.cccd-verify.invalid",
        },
    });
    for (k, v) in extra.as_object().unwrap() {
        o[k] = v.clone();
    }
    parse_options(&o.to_string()).unwrap()
}

fn verify(extra: Value) -> Result<Value, Error> {
    verify_sd_jwt_vc(
        &fixture("presentation.with-status.valid.txt"),
        &options(extra),
    )
}

fn lists(files: &[&str]) -> Value {
    Value::from(files.iter().map(|f| fixture(f)).collect::<Vec<_>>())
}

#[test]
fn by_default_a_revoked_or_suspended_credential_throws() {
    let revoked = verify(json!({ "statusLists": lists(&["status-list.revoked.jwt"]) }));
    assert_eq!(
        revoked.unwrap_err(),
        Error::StatusRevoked {
            uri: URI.into(),
            idx: IDX
        }
    );
    let suspended = verify(json!({ "statusLists": lists(&["status-list.suspended.jwt"]) }));
    assert_eq!(
        suspended.unwrap_err(),
        Error::StatusSuspended {
            uri: URI.into(),
            idx: IDX
        }
    );
    // `enforce` is the default, spelled out.
    let enforce =
        verify(json!({ "status": "enforce", "statusLists": lists(&["status-list.revoked.jwt"]) }));
    assert_eq!(enforce.unwrap_err().code(), "ERR_STATUS_REVOKED");
    let e = Error::StatusRevoked {
        uri: URI.into(),
        idx: IDX,
    };
    assert_eq!(e.params()["uri"], URI);
    assert_eq!(e.params()["idx"], IDX);
}

#[test]
fn a_valid_status_passes_under_every_policy() {
    for policy in ["enforce", "required", "report"] {
        let r =
            verify(json!({ "status": policy, "statusLists": lists(&["status-list.valid.jwt"]) }))
                .unwrap();
        assert_eq!(r["status"]["verdict"], "valid", "{policy}");
    }
}

#[test]
fn report_returns_the_verdict_instead_of_throwing() {
    for (file, verdict) in [
        ("status-list.revoked.jwt", "invalid"),
        ("status-list.suspended.jwt", "suspended"),
    ] {
        let r = verify(json!({ "status": "report", "statusLists": lists(&[file]) })).unwrap();
        assert_eq!(r["status"]["checked"], true);
        assert_eq!(r["status"]["verdict"], verdict);
    }
}

#[test]
fn required_throws_when_the_credentials_list_was_not_given() {
    for given in [lists(&[]), lists(&["status-list.wrong-sub.jwt"])] {
        let e = verify(json!({ "status": "required", "statusLists": given })).unwrap_err();
        assert_eq!(
            e,
            Error::StatusListMissing {
                uri: URI.into(),
                idx: IDX
            }
        );
        assert_eq!(e.params()["uri"], URI);
    }
    // Without `required`, a missing list is reported, not thrown.
    for policy in ["enforce", "report"] {
        let r = verify(json!({ "status": policy })).unwrap();
        assert_eq!(r["status"]["reason"], "no-list-supplied", "{policy}");
    }
    // A credential with no status reference has nothing to require.
    let plain = verify_sd_jwt_vc(
        &fixture("presentation.valid.txt"),
        &options(json!({ "status": "required" })),
    )
    .unwrap();
    assert_eq!(plain["status"]["reason"], "no-status-reference");
}

#[test]
fn a_missing_status_list_anchor_has_its_own_code_naming_the_list() {
    let e =
        verify(json!({ "statusAnchors": [], "statusLists": lists(&["status-list.valid.jwt"]) }))
            .unwrap_err();
    assert_eq!(
        e,
        Error::StatusListAnchorMissing {
            uri: URI.into(),
            anchors: 0
        }
    );
    assert_eq!(e.code(), "ERR_STATUS_LIST_ANCHOR_MISSING");
    assert_eq!(e.params()["uri"], URI);
    assert!(e
        .message(cccd_verify::Lang::En)
        .contains("trust.statusAnchors"));
    assert!(e.message(cccd_verify::Lang::Vi).contains(URI));
    // An anchor that is not the signer's root: the same code, with the count.
    let other_ca = pem_cert("issuer-chain.pem", 1);
    let e = verify(
        json!({ "statusAnchors": [other_ca], "statusLists": lists(&["status-list.valid.jwt"]) }),
    )
    .unwrap_err();
    assert_eq!(
        e,
        Error::StatusListAnchorMissing {
            uri: URI.into(),
            anchors: 1
        }
    );
}

#[test]
fn the_policy_refuses_every_status_but_valid() {
    let reference = StatusReference {
        idx: IDX,
        uri: URI.into(),
    };
    let checked = |v: u8| StatusOutcome::Checked {
        reference: reference.clone(),
        status: Status::from_value(v),
    };
    for v in [0x03, 0x0C, 0x07, 0xFF] {
        assert_eq!(
            StatusPolicy::Enforce.apply(&checked(v)),
            Err(Error::StatusNotValid {
                uri: URI.into(),
                idx: IDX,
                value: v
            })
        );
        assert_eq!(StatusPolicy::Report.apply(&checked(v)), Ok(()));
    }
    assert_eq!(StatusPolicy::Required.apply(&checked(0)), Ok(()));
    assert_eq!(StatusPolicy::default(), StatusPolicy::Enforce);
    let not_checked = StatusOutcome::NotChecked { reference };
    assert_eq!(StatusPolicy::Enforce.apply(&not_checked), Ok(()));
    assert_eq!(StatusPolicy::Report.apply(&not_checked), Ok(()));
    assert!(StatusPolicy::Required.apply(&not_checked).is_err());
    assert_eq!(
        StatusPolicy::Required.apply(&StatusOutcome::NoReference),
        Ok(())
    );
}

#[test]
fn the_status_option_is_strict() {
    let mut o =
        json!({ "anchors": ["AA=="], "now": NOW, "keyBinding": null, "status": "fail-open" });
    let e = parse_options::<SdJwtVcOptions>(&o.to_string()).unwrap_err();
    assert_eq!(e.path, "status");
    o["status"] = json!({ "onRevoked": "report" });
    assert_eq!(
        parse_options::<SdJwtVcOptions>(&o.to_string())
            .unwrap_err()
            .path,
        "status"
    );
}
