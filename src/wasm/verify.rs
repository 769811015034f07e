//! `#[wasm_bindgen]` glue for the `verify` feature: SD-JWT VC, trust lists, and the host ECDSA hook.

use serde_json::{json, Value};
use wasm_bindgen::prelude::wasm_bindgen;

use super::usage;
use crate::{Error, Lang};

// Host ECDSA (see `crypto::host`): the Node entry registers a synchronous verifier (node:crypto)
// through this module-private snippet — not a global, so page scripts cannot plant one; without
// one, or on any doubt, Rust verifies. The hook is set at instantiation, so a restarted instance
// has it too. The host is asked `(alg, key, msg, sig)`: `alg` a JOSE name (`"ES256"`, `"ES384"`),
// `key` the uncompressed SEC1 point, `sig` the IEEE P1363 `r‖s` form (already range-checked).
#[wasm_bindgen(
    inline_js = "let impl = null;\nexport function registerHostVerify(f) { impl = typeof f === 'function' ? f : null; }\nexport function hostVerify(alg, key, msg, sig) {\n  if (impl === null) return -1;\n  try { const r = impl(alg, key, msg, sig); return r === true ? 1 : r === false ? 0 : -1; } catch { return -1; }\n}\n"
)]
extern "C" {
    #[wasm_bindgen(js_name = hostVerify)]
    fn host_verify(alg: &str, key: &[u8], msg: &[u8], sig: &[u8]) -> i32;
}

fn host_hook(
    alg: crate::crypto::SigAlg,
    key: &crate::crypto::PublicKey,
    msg: &[u8],
    sig: &[u8],
) -> Option<bool> {
    let name = match alg {
        crate::crypto::SigAlg::ES256 => "ES256",
        crate::crypto::SigAlg::ES384 => "ES384",
        _ => return None,
    };
    match host_verify(name, key.sec1()?, msg, sig) {
        1 => Some(true),
        0 => Some(false),
        _ => None,
    }
}

/// Runs at instantiation.
#[wasm_bindgen(start)]
pub fn start() {
    crate::crypto::host::register(host_hook);
}

/// The base64 DER certificates in `o[key]` as trust anchors for `purpose`. `Err(Err(usage))` for
/// something that is not base64 text (a caller bug), `Err(Ok(error))` for a bad certificate.
fn anchors(
    o: &Value,
    key: &str,
    label: &str,
    purpose: crate::x509::Purpose,
) -> Result<Vec<crate::x509::TrustAnchor>, Result<Error, String>> {
    let mut out = Vec::new();
    for a in o.get(key).and_then(Value::as_array).into_iter().flatten() {
        let der = a
            .as_str()
            .and_then(crate::jose::b64::decode_std)
            .ok_or_else(|| Err(usage(&format!("{label} must be base64 DER certificates"))))?;
        out.push(crate::x509::TrustAnchor::from_der(&der, purpose).map_err(Ok)?);
    }
    Ok(out)
}

/// Reads `{ jws, signers: [base64 DER], accepted: null | { sequence, digest (base64url) },
/// stale: "hard" | "warn" | { graceSeconds }, leeway }` and verifies the list at `now`.
fn trust_list(o: &Value, now: i64) -> Result<crate::trust::TrustList, Result<Error, String>> {
    let jws = o
        .get("jws")
        .and_then(Value::as_str)
        .ok_or_else(|| Err(usage("trustList.jws must be a string")))?;
    let signers = anchors(
        o,
        "signers",
        "trustList.signers",
        crate::x509::Purpose::TrustListSigner,
    )?;
    let accepted = match o.get("accepted").filter(|v| !v.is_null()) {
        None => None,
        Some(a) => {
            let sequence = a.get("sequence").and_then(Value::as_u64);
            let digest = a
                .get("digest")
                .and_then(Value::as_str)
                .and_then(crate::jose::b64::decode_url);
            match (sequence, digest.and_then(|d| <[u8; 32]>::try_from(d).ok())) {
                (Some(sequence), Some(digest)) => Some(crate::trust::Accepted { sequence, digest }),
                _ => {
                    return Err(Err(usage(
                        "trustList.accepted must be { sequence, digest (base64url SHA-256) }",
                    )))
                }
            }
        }
    };
    let stale = match o.get("stale") {
        Some(Value::String(s)) if s == "warn" => crate::trust::StalePolicy::Warn,
        Some(Value::Object(g)) => match g
            .get("graceSeconds")
            .and_then(Value::as_u64)
            .and_then(|v| u32::try_from(v).ok())
        {
            Some(seconds) => crate::trust::StalePolicy::Grace { seconds },
            None => {
                return Err(Err(usage(
                    "trustList.stale.graceSeconds must be a non-negative integer",
                )))
            }
        },
        _ => crate::trust::StalePolicy::Hard,
    };
    let policy = crate::trust::ListPolicy {
        signers: &signers,
        accepted,
        stale,
        now,
        leeway: o.get("leeway").and_then(Value::as_i64).unwrap_or(60),
        budget: crate::trust::ListBudget::default(),
    };
    crate::trust::verify_trust_list(jws, &policy).map_err(Ok)
}

/// Verifies a signed trust list. `options` is the JSON read by `trust_list` plus `now`.
#[wasm_bindgen(js_name = verifyTrustList)]
pub fn verify_trust_list(options: &str, lang: &str) -> String {
    let Some(lang) = Lang::parse(lang) else {
        return usage("lang must be \"en\" or \"vi\"");
    };
    let Ok(o) = serde_json::from_str::<Value>(options) else {
        return usage("options must be JSON");
    };
    let Some(now) = o.get("now").and_then(Value::as_i64) else {
        return usage("now must be Unix seconds");
    };
    match trust_list(&o, now) {
        Ok(list) => json!({ "ok": true, "list": list.to_json() }).to_string(),
        Err(Ok(e)) => json!({ "ok": false, "error": e.to_json(lang) }).to_string(),
        Err(Err(u)) => u,
    }
}

/// Verifies an SD-JWT VC presentation. `options` is JSON: `{ anchors: [base64 DER…], now: unix
/// seconds, keyBinding: null | { nonce, audience, maxAge }, algorithms: ["ES256"], issuerBinding:
/// "san" | "subject", acceptLegacyTyp, requiredClaims: [...], leeway }`.
#[wasm_bindgen(js_name = verifySdJwtVc)]
pub fn verify_sd_jwt_vc(presentation: &str, options: &str, lang: &str) -> String {
    let Some(lang) = Lang::parse(lang) else {
        return usage("lang must be \"en\" or \"vi\"");
    };
    let Ok(o) = serde_json::from_str::<Value>(options) else {
        return usage("options must be JSON");
    };
    let strings = |k: &str| -> Vec<String> {
        o.get(k)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let issuer_anchors = match anchors(
        &o,
        "anchors",
        "anchors",
        crate::x509::Purpose::SdJwtVcIssuer,
    ) {
        Ok(a) => a,
        Err(Ok(e)) => return json!({ "ok": false, "error": e.to_json(lang) }).to_string(),
        Err(Err(u)) => return u,
    };
    let mut algorithms = Vec::new();
    for a in strings("algorithms") {
        match crate::jose::Algorithm::from_name(&a) {
            Some(alg) => algorithms.push(alg),
            None => return usage("algorithms may only contain \"ES256\" and \"ES384\""),
        }
    }
    let Some(now) = o.get("now").and_then(Value::as_i64) else {
        return usage("now must be Unix seconds");
    };
    let kb = o.get("keyBinding").filter(|v| !v.is_null());
    let nonce = kb
        .and_then(|k| k.get("nonce"))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let audience = kb
        .and_then(|k| k.get("audience"))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let max_age = kb
        .and_then(|k| k.get("maxAge"))
        .and_then(Value::as_i64)
        .unwrap_or(300);
    let required = strings("requiredClaims");
    let required: Vec<&str> = required.iter().map(String::as_str).collect();
    let binding = match o.get("issuerBinding").and_then(Value::as_str) {
        Some("subject") => crate::sd_jwt::IssuerBinding::SubjectOnly,
        _ => crate::sd_jwt::IssuerBinding::SanUriOrDns,
    };
    let policy = crate::sd_jwt::Policy {
        algorithms: &algorithms,
        sd_algs: &[crate::sd_jwt::SdAlg::Sha256],
        key_binding: kb.map(|_| crate::sd_jwt::KeyBinding {
            nonce: &nonce,
            audience: &audience,
            max_age,
        }),
        now,
        leeway: o.get("leeway").and_then(Value::as_i64).unwrap_or(60),
        accept_legacy_typ: o
            .get("acceptLegacyTyp")
            .and_then(Value::as_bool)
            .unwrap_or(false),
        required_claims: &required,
        budget: crate::sd_jwt::Budget::default(),
    };
    let mut status_anchors = match anchors(
        &o,
        "statusAnchors",
        "statusAnchors",
        crate::x509::Purpose::StatusListIssuer,
    ) {
        Ok(a) => a,
        Err(Ok(e)) => return json!({ "ok": false, "error": e.to_json(lang) }).to_string(),
        Err(Err(u)) => return u,
    };
    let lists = strings("statusLists");
    let lists: Vec<&str> = lists.iter().map(String::as_str).collect();
    // With a trust list, the issuer must be in it (for its vct); otherwise in `anchors`.
    let list = match o.get("trustList").filter(|v| !v.is_null()) {
        None => None,
        Some(t) => match trust_list(t, now) {
            Ok(l) => Some(l),
            Err(Ok(e)) => return json!({ "ok": false, "error": e.to_json(lang) }).to_string(),
            Err(Err(u)) => return u,
        },
    };
    if let Some(l) = &list {
        status_anchors.extend(l.anchors(crate::x509::Purpose::StatusListIssuer));
    }
    let trusted = match &list {
        Some(l) => {
            crate::trust::verify_sd_jwt_vc_with_list(presentation, l, binding, &policy).map(|t| {
                let json = t.to_json();
                (t.into_vc(), json)
            })
        }
        None => {
            crate::sd_jwt::verify_vc(presentation, &issuer_anchors, binding, &policy).map(|v| {
                let json = v.to_json();
                (v, json)
            })
        }
    };
    let verified = trusted.and_then(|(v, json)| {
        let status = crate::status::check_credential_status(
            &v.credential.claims,
            &lists,
            &status_anchors,
            &algorithms,
            now,
            crate::status::StatusBudget::default(),
        )?;
        Ok((json, status))
    });
    match verified {
        Ok((mut result, status)) => {
            if let Some(m) = result.as_object_mut() {
                m.insert("status".into(), status.to_json());
            }
            json!({ "ok": true, "result": result })
        }
        Err(e) => json!({ "ok": false, "error": e.to_json(lang) }),
    }
    .to_string()
}
