//! The option readers written by hand (`src/read.rs`, over a parsed `serde_json::Value`) against
//! the serde derives of the same types read the way they were before (`serde_path_to_error` over
//! the JSON text, then the range checks): the same options from valid JSON, and the same
//! `OptionsError` — path and message — for every single fault we can make of it (an unknown
//! member, a member removed, each member and each list's first element replaced by a value of
//! every JSON type, `null` included). The deliberate differences (src/read.rs) are checked too.
#![cfg(all(feature = "mdoc", feature = "chip"))]
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use std::fmt::Debug;

use cccd_verify::icao::ChipRequest;
use cccd_verify::mdoc::request::{MdocOptions, VicalOptions};
use cccd_verify::request::{
    parse_options, Checked, FromOptions, OptionsError, SdJwtVcOptions, TrustListOptions,
};
use serde::Deserialize;
use serde_json::{json, Value};

/// How the options were read before the hand-written readers (src/request.rs at 3e18d48).
fn derived<T: for<'de> Deserialize<'de> + Checked>(json: &str) -> Result<T, OptionsError> {
    let mut de = serde_json::Deserializer::from_str(json);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| OptionsError {
        path: e.path().to_string(),
        message: e
            .inner()
            .to_string()
            .split(" at line ")
            .next()
            .unwrap_or_default()
            .to_owned(),
    })?;
    de.end().map_err(|e| OptionsError {
        path: String::new(),
        message: e.to_string(),
    })?;
    value.check()?;
    Ok(value)
}

fn outcome<T: Debug>(r: &Result<T, OptionsError>) -> String {
    match r {
        Ok(t) => format!("ok {t:?}"),
        Err(e) => format!("error at {:?}: {}", e.path, e.message),
    }
}

/// Values of every JSON type, put in place of each member and of each list's first element.
fn replacements() -> Vec<Value> {
    vec![
        Value::Null,
        json!(true),
        json!(false),
        json!(0),
        json!(1),
        json!(-1),
        json!(1.5),
        json!(1e300),
        json!(4_294_967_296_u64),
        json!(u64::MAX),
        json!(i64::MIN),
        // Beyond u64 and i64: serde_json reads them as floats.
        serde_json::from_str("18446744073709551616").unwrap(),
        serde_json::from_str("-9223372036854775809").unwrap(),
        json!(""),
        json!("s"),
        json!("a\"b\\c\n\u{e9}\u{301}\u{7}"),
        json!("hard"),
        json!("san"),
        json!("now"),
        json!("bytes"),
        json!([]),
        json!(["s"]),
        json!([1]),
        json!({}),
    ]
}

/// One mutation: where, and the options it gives.
struct Mutation {
    what: String,
    options: Value,
    /// What was there before, when replaced.
    original: Option<Value>,
    /// What is there now, when replaced.
    replacement: Option<Value>,
}

/// Every single fault made of `v`: for each object an unknown member, each member removed and
/// replaced; for each list its first element replaced.
fn mutations(root: &Value) -> Vec<Mutation> {
    let mut pointers = Vec::new();
    collect(root, String::new(), &mut pointers);
    let mut out = Vec::new();
    for p in pointers {
        let node = root.pointer(&p).unwrap();
        let mut with = |what: String, f: &dyn Fn(&mut Value)| {
            let mut options = root.clone();
            f(&mut options);
            out.push(Mutation {
                what,
                options,
                original: None,
                replacement: None,
            });
        };
        if let Value::Object(m) = node {
            with(format!("{p}: unknown member"), &|o: &mut Value| {
                o.pointer_mut(&p)
                    .unwrap()
                    .as_object_mut()
                    .unwrap()
                    .insert("zz".into(), json!(1));
            });
            for k in m.keys() {
                with(format!("{p}/{k} removed"), &|o: &mut Value| {
                    o.pointer_mut(&p)
                        .unwrap()
                        .as_object_mut()
                        .unwrap()
                        .remove(k);
                });
            }
        }
        let children: Vec<String> = match node {
            Value::Object(m) => m.keys().map(|k| format!("{p}/{k}")).collect(),
            Value::Array(a) if !a.is_empty() => vec![format!("{p}/0")],
            _ => Vec::new(),
        };
        for c in children {
            for r in replacements() {
                let mut options = root.clone();
                let slot = options.pointer_mut(&c).unwrap();
                let original = slot.clone();
                *slot = r.clone();
                out.push(Mutation {
                    what: format!("{c} = {r}"),
                    options,
                    original: Some(original),
                    replacement: Some(r),
                });
            }
        }
    }
    out
}

fn collect(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            out.push(at.clone());
            for (k, c) in m {
                collect(c, format!("{at}/{k}"), out);
            }
        }
        Value::Array(a) => {
            out.push(at.clone());
            if let Some(first) = a.first() {
                collect(first, format!("{at}/0"), out);
            }
        }
        _ => {}
    }
}

/// The deliberate differences: an array where an options object goes (the derives read it as
/// the struct's members in order; `stale`'s `{ graceSeconds }` too), an object where a name goes
/// (`{ "san": null }` is a name to the derives), and a `{ graceSeconds }` with another member
/// (the derive ignores it). The hand-written reader refuses each.
fn deliberate(m: &Mutation, by_hand: &Result<impl Debug, OptionsError>) -> bool {
    let refused_array = match (by_hand, &m.replacement) {
        (Err(e), Some(Value::Array(_))) => {
            e.message
                .starts_with("invalid type: sequence, expected struct")
                || e.path.ends_with("stale")
        }
        _ => false,
    };
    let object_for_name = matches!(
        (&m.original, &m.replacement),
        (Some(Value::String(_)), Some(Value::Object(o))) if !o.is_empty()
    );
    refused_array || object_for_name || m.what.ends_with("/stale: unknown member")
}

/// Compares the two readers on `base` and every mutation of it; returns how many agreed and
/// how many were refused.
fn agree<T: FromOptions + Checked + for<'de> Deserialize<'de> + Debug>(
    base: &Value,
) -> (usize, usize) {
    let text = base.to_string();
    let by_hand = parse_options::<T>(&text);
    assert!(by_hand.is_ok(), "{base}: {}", outcome(&by_hand));
    assert_eq!(outcome(&by_hand), outcome(&derived::<T>(&text)), "{base}");
    let (mut same, mut refused) = (1, 0);
    for m in mutations(base) {
        let text = m.options.to_string();
        let by_hand = parse_options::<T>(&text);
        if deliberate(&m, &by_hand) {
            // Refused by hand whatever the derive does (`deliberate_differences`).
            assert!(by_hand.is_err(), "{}: accepted by hand", m.what);
            continue;
        }
        assert_eq!(
            outcome(&by_hand),
            outcome(&derived::<T>(&text)),
            "{} (in {})",
            m.what,
            base
        );
        same += 1;
        refused += usize::from(by_hand.is_err());
    }
    (same, refused)
}

const CERT: &str = "MIIBAA==";
const DIGEST: &str = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

fn trust_list(now: bool) -> Value {
    let mut t = json!({
        "jws": "a.b.c",
        "signers": [CERT],
        "accepted": { "sequence": 7, "digest": DIGEST },
        "stale": { "graceSeconds": 3600 },
        "leewaySeconds": 30,
    });
    if now {
        t["now"] = json!(1_767_312_000);
    }
    t
}

#[test]
fn sd_jwt_vc_options_read_as_the_derive_reads_them() {
    let full = json!({
        "anchors": [CERT],
        "statusAnchors": [CERT],
        "trustList": trust_list(false),
        "now": 1_767_312_000,
        "keyBinding": { "nonce": "n", "audience": "a", "maxAgeSeconds": 60 },
        "algorithms": ["ES256", "ES384"],
        "issuerBinding": "subject",
        "acceptLegacyTyp": true,
        "requiredClaims": ["iss"],
        "statusLists": ["x.y.z"],
        "leewaySeconds": 10,
        "status": "report",
    });
    let minimal = json!({ "anchors": [CERT], "now": 0, "keyBinding": null });
    let warn = json!({ "anchors": [CERT], "now": 0, "keyBinding": null,
        "trustList": { "jws": "a", "signers": [CERT], "stale": "warn", "accepted": null } });
    let (mut same, mut refused) = (0, 0);
    for base in [full, minimal, warn] {
        let (s, r) = agree::<SdJwtVcOptions>(&base);
        same += s;
        refused += r;
    }
    assert!(
        same > 1000 && refused > 800,
        "{same} compared, {refused} refused"
    );
}

#[test]
fn trust_list_options_read_as_the_derive_reads_them() {
    let (same, refused) = agree::<TrustListOptions>(&trust_list(true));
    assert!(
        same > 150 && refused > 100,
        "{same} compared, {refused} refused"
    );
    agree::<TrustListOptions>(&json!({ "jws": "a", "signers": [CERT], "stale": "hard" }));
}

fn vical(now: bool) -> Value {
    let mut v = json!({
        "vical": "gPb2",
        "signers": [CERT],
        "accepted": { "sequence": 1, "digest": DIGEST },
        "stale": "warn",
        "leewaySeconds": 0,
    });
    if now {
        v["now"] = json!(5);
    }
    v
}

#[test]
fn mdoc_options_read_as_the_derive_reads_them() {
    let transcripts = [
        json!({ "bytes": "gPb2" }),
        json!({ "dcapi": { "encryptionInfo": "x", "origin": "https://rp.example" } }),
        json!({ "openid4vpDcApi": { "origin": "https://rp.example", "nonce": "n", "jwkThumbprint": DIGEST } }),
        json!({ "openid4vpRedirect": { "clientId": "c", "nonce": "n", "jwkThumbprint": null, "responseUri": "https://rp.example/r" } }),
    ];
    let (mut same, mut refused) = (0, 0);
    for (i, t) in transcripts.into_iter().enumerate() {
        let base = if i == 0 {
            json!({
                "anchors": [CERT],
                "pinnedSigners": [CERT],
                "now": 1,
                "transcript": t,
                "readerKey": DIGEST,
                "allowDeviceMac": false,
                "docType": "org.iso.18013.5.1.mDL",
                "maxDocuments": 2,
                "dropUnauthorizedDeviceElements": true,
                "vical": vical(false),
                "trustList": trust_list(false),
            })
        } else {
            json!({ "anchors": [CERT], "now": 1, "transcript": t })
        };
        let (s, r) = agree::<MdocOptions>(&base);
        same += s;
        refused += r;
    }
    assert!(
        same > 1000 && refused > 700,
        "{same} compared, {refused} refused"
    );
}

#[test]
fn vical_options_read_as_the_derive_reads_them() {
    let (same, refused) = agree::<VicalOptions>(&vical(true));
    assert!(
        same > 150 && refused > 100,
        "{same} compared, {refused} refused"
    );
}

#[test]
fn chip_options_read_as_the_derive_reads_them() {
    let pinned = json!({
        "now": 1_796_000_000,
        "trust": { "cscas": [CERT], "crls": [CERT] },
        "challenge": "0102030405060708",
        "allowSha1": true,
        "dscValidity": "signingTime",
        "dsc": CERT,
        "qr": "001099012345|",
        "mrz": "IDVNM",
    });
    let master_list = json!({
        "now": 0,
        "trust": { "masterList": "AAAA", "masterListSigners": [CERT], "minMasterListSignedAt": 5, "cscas": [] },
    });
    let no_csca = json!({ "now": 0, "trust": { "cscas": [] }, "dscValidity": "now" });
    let (mut same, mut refused) = (0, 0);
    for base in [pinned, master_list, no_csca, json!({ "now": 0 })] {
        let (s, r) = agree::<ChipRequest>(&base);
        same += s;
        refused += r;
    }
    assert!(
        same > 550 && refused > 400,
        "{same} compared, {refused} refused"
    );
}

/// The messages themselves, as the JS API shows them (`options.<path>: <message>`).
#[test]
fn messages_name_the_member_as_before() {
    let sd = |patch: Value| {
        let mut o =
            json!({ "anchors": [CERT], "now": 0, "keyBinding": { "nonce": "n", "audience": "a" } });
        for (k, v) in patch.as_object().unwrap() {
            o[k] = v.clone();
        }
        parse_options::<SdJwtVcOptions>(&o.to_string())
            .unwrap_err()
            .to_string()
    };
    for (patch, message) in [
        (
            json!({ "keyBinding": { "nonce": "n", "audience": "a", "maxAgeSeconds": "1" } }),
            "options.keyBinding.maxAgeSeconds: invalid type: string \"1\", expected u32",
        ),
        (
            json!({ "requiredClaims": [42] }),
            "options.requiredClaims[0]: invalid type: integer `42`, expected a string",
        ),
        (
            json!({ "leewaySeconds": 1e300 }),
            "options.leewaySeconds: invalid type: floating point `1e+300`, expected u32",
        ),
        (
            json!({ "leewaySeconds": -1 }),
            "options.leewaySeconds: invalid value: integer `-1`, expected u32",
        ),
        (
            json!({ "requiredClaim": ["vct"] }),
            "options.requiredClaim: unknown field `requiredClaim`, expected one of `anchors`, `statusAnchors`, `trustList`, `now`, `keyBinding`, `algorithms`, `issuerBinding`, `acceptLegacyTyp`, `requiredClaims`, `statusLists`, `leewaySeconds`, `status`",
        ),
        (
            json!({ "keyBinding": { "nonce": "n" } }),
            "options.keyBinding: missing field `audience`",
        ),
        (
            json!({ "status": "open" }),
            "options.status: unknown variant `open`, expected one of `enforce`, `required`, `report`",
        ),
        (json!({ "issuerBinding": null }), "options.issuerBinding: expected value"),
        (
            json!({ "trustList": { "jws": "a", "signers": [CERT], "stale": "soft" } }),
            "options.trustList.stale: data did not match any variant of untagged enum StaleOptions",
        ),
    ] {
        assert_eq!(sd(patch.clone()), message, "{patch}");
        // And the derive says the same.
        let mut o = json!({ "anchors": [CERT], "now": 0, "keyBinding": { "nonce": "n", "audience": "a" } });
        for (k, v) in patch.as_object().unwrap() {
            o[k] = v.clone();
        }
        assert_eq!(
            derived::<SdJwtVcOptions>(&o.to_string())
                .unwrap_err()
                .to_string(),
            message
        );
    }
    let missing = parse_options::<SdJwtVcOptions>(r#"{"anchors":["AA=="],"now":0}"#).unwrap_err();
    assert_eq!(missing.to_string(), "options: missing field `keyBinding`");
    let transcript = parse_options::<MdocOptions>(
        r#"{"anchors":["AA=="],"now":0,"transcript":{"dcapi":{"origin":"o"}}}"#,
    )
    .unwrap_err();
    assert_eq!(
        transcript.to_string(),
        "options.transcript.dcapi: missing field `encryptionInfo`"
    );
}

/// What the hand-written readers refuse and the derives read (src/read.rs): options objects
/// given as arrays, names given as objects, `{ graceSeconds }` with another member. Malformed
/// JSON names no member.
#[test]
fn deliberate_differences() {
    let kb = json!({ "anchors": [CERT], "now": 0, "keyBinding": ["n", "a"] });
    assert!(derived::<SdJwtVcOptions>(&kb.to_string()).is_ok());
    assert_eq!(
        parse_options::<SdJwtVcOptions>(&kb.to_string())
            .unwrap_err()
            .to_string(),
        "options.keyBinding: invalid type: sequence, expected struct KeyBindingOptions"
    );
    let top = json!([[CERT], [], null, 0, null]);
    assert!(derived::<SdJwtVcOptions>(&top.to_string()).is_ok());
    assert_eq!(
        parse_options::<SdJwtVcOptions>(&top.to_string())
            .unwrap_err()
            .to_string(),
        "options: invalid type: sequence, expected struct SdJwtVcOptions"
    );
    let name = json!({ "anchors": [CERT], "now": 0, "keyBinding": null, "issuerBinding": { "subject": null } });
    assert!(derived::<SdJwtVcOptions>(&name.to_string()).is_ok());
    assert_eq!(
        parse_options::<SdJwtVcOptions>(&name.to_string())
            .unwrap_err()
            .to_string(),
        "options.issuerBinding: expected value"
    );
    let grace = json!({ "jws": "a", "signers": [CERT], "now": 0, "stale": { "graceSeconds": 5, "grace": 9 } });
    assert!(derived::<TrustListOptions>(&grace.to_string()).is_ok());
    assert_eq!(
        parse_options::<TrustListOptions>(&grace.to_string())
            .unwrap_err()
            .path,
        "stale"
    );
    for text in ["{", r#"{"now":0} x"#, ""] {
        let e = parse_options::<ChipRequest>(text).unwrap_err();
        assert_eq!(
            (e.path.as_str(), e.message.as_str()),
            (".", "not valid JSON")
        );
        assert!(derived::<ChipRequest>(text).is_err());
    }
}
