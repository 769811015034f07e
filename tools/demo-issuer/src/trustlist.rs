//! Signed trust lists (`docs/trust-list.md`): an ETSI TS 119 602-style "List of Trusted
//! Entities" (LoTE, JSON binding) as the payload of a compact JWS with `typ` `trust-list+jwt`,
//! ES256 and `x5c` = [the list signer (+ intermediates)], anchor excluded. Deterministic: JSON
//! members in sorted order (serde_json's map), ES256 by RFC 6979. DEMO ONLY.

use p256::ecdsa::SigningKey;
use serde_json::{json, Value};

use crate::b64;
use crate::sdjwt::jws;

/// The JWS `typ` of a trust list.
pub const TYP: &str = "trust-list+jwt";
/// `ServiceTypeIdentifier` of an SD-JWT VC issuer service (`Purpose::SdJwtVcIssuer`).
pub const SVC_SD_JWT_VC_ISSUER: &str = "urn:cccd-verify:19602:SvcType:SdJwtVcIssuer";
/// `ServiceTypeIdentifier` of a Token Status List signer service (`Purpose::StatusListIssuer`).
pub const SVC_STATUS_LIST_ISSUER: &str = "urn:cccd-verify:19602:SvcType:StatusListIssuer";
/// `LoTEType` of the demo lists (informational; not interpreted by the verifier).
pub const LOTE_TYPE: &str = "urn:cccd-verify:19602:LoTEType:Demo";
/// `ServiceStatus` of a current service (TS 119 612 style URI; the last segment is what counts).
pub const GRANTED: &str = "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted";
/// `LoTEVersionIdentifier` (TS 119 602 V1.1.1).
pub const LOTE_VERSION: u64 = 1;
/// Default `NextUpdate` − `ListIssueDateTime` of `demo-issuer trust-list`: 30 days.
pub const DEFAULT_VALIDITY: i64 = 30 * 86_400;

/// The operator's name (`SchemeOperatorName`): Vietnamese first, so `scheme_operator()` is the
/// Vietnamese value.
pub const OPERATOR_NAME_VI: &str = "Đơn vị vận hành danh sách tin cậy DEMO của cccd-verify";
pub const OPERATOR_NAME_EN: &str = "cccd-verify DEMO Trust List Operator";
/// The PID issuer's `TEName` (the first value is what `TrustedVc::issuer_name()` returns).
pub const PID_ISSUER_NAME_VI: &str = "Đơn vị cấp PID DEMO của cccd-verify";
pub const PID_ISSUER_NAME_EN: &str = "cccd-verify DEMO PID Issuer";
/// The status-list signer's `TEName`.
pub const STATUS_NAME_VI: &str = "Dịch vụ trạng thái DEMO của cccd-verify";
pub const STATUS_NAME_EN: &str = "cccd-verify DEMO Status List Signer";

/// `YYYY-MM-DDTHH:MM:SSZ` (RFC 3339 in UTC, the only form the verifier accepts) of Unix seconds.
pub fn rfc3339(unix: i64) -> String {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    // Howard Hinnant's civil_from_days (proleptic Gregorian).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// A TS 119 602 multilingual string: `[{lang, value}, …]`.
fn multilingual(values: &[(&str, &str)]) -> Value {
    Value::Array(
        values
            .iter()
            .map(|(lang, value)| json!({ "lang": lang, "value": value }))
            .collect(),
    )
}

/// One `{ "ServiceInformation": … }`: a granted service of `svc_type` anchored at `certs` (DER
/// CA certificates, standard base64 in `X509Certificates[].val`), with `AllowedVcts` when
/// `vcts` is given (required for SD-JWT VC issuers, forbidden otherwise).
pub fn service(svc_type: &str, name_en: &str, certs: &[&[u8]], vcts: Option<&[&str]>) -> Value {
    let certs: Vec<Value> = certs
        .iter()
        .map(|c| json!({ "val": b64::encode_std(c) }))
        .collect();
    let mut info = json!({
        "ServiceName": multilingual(&[("en", name_en)]),
        "ServiceTypeIdentifier": svc_type,
        "ServiceStatus": GRANTED,
        "ServiceDigitalIdentity": { "X509Certificates": certs },
    });
    if let (Some(v), Some(obj)) = (vcts, info.as_object_mut()) {
        obj.insert(
            "ServiceInformationExtensions".into(),
            json!([{ "AllowedVcts": v }]),
        );
    }
    json!({ "ServiceInformation": info })
}

/// One trusted entity: `TEName` (in the order given) and its services.
pub fn entity(names: &[(&str, &str)], services: Vec<Value>) -> Value {
    json!({
        "TrustedEntityInformation": { "TEName": multilingual(names) },
        "TrustedEntityServices": services,
    })
}

/// The demo entities: the PID issuer (SD-JWT VC issuer service, anchored at `issuer_anchor`,
/// allowed `vcts`), and, if `status_anchor` is given, the status-list signer (status-list
/// issuer service anchored there).
pub fn demo_entities(
    issuer_anchor: &[u8],
    vcts: &[&str],
    status_anchor: Option<&[u8]>,
) -> Vec<Value> {
    let mut out = vec![entity(
        &[("vi", PID_ISSUER_NAME_VI), ("en", PID_ISSUER_NAME_EN)],
        vec![service(
            SVC_SD_JWT_VC_ISSUER,
            "SD-JWT VC issuance (CCCD PID demo profile)",
            &[issuer_anchor],
            Some(vcts),
        )],
    )];
    if let Some(anchor) = status_anchor {
        out.push(entity(
            &[("vi", STATUS_NAME_VI), ("en", STATUS_NAME_EN)],
            vec![service(
                SVC_STATUS_LIST_ISSUER,
                "Token Status List signing",
                &[anchor],
                None,
            )],
        ));
    }
    out
}

/// The LoTE payload.
pub fn lote(sequence: u64, issued: i64, next_update: i64, entities: Vec<Value>) -> Value {
    json!({
        "LoTE": {
            "ListAndSchemeInformation": {
                "LoTEVersionIdentifier": LOTE_VERSION,
                "LoTESequenceNumber": sequence,
                "LoTEType": LOTE_TYPE,
                "SchemeOperatorName": multilingual(&[("vi", OPERATOR_NAME_VI), ("en", OPERATOR_NAME_EN)]),
                "ListIssueDateTime": rfc3339(issued),
                "NextUpdate": rfc3339(next_update),
            },
            "TrustedEntitiesList": entities,
        }
    })
}

/// The signed list: header `{alg: ES256, typ: trust-list+jwt, x5c}` over `payload`. `x5c` is
/// the signer first, anchor excluded.
pub fn token(payload: &Value, x5c: &[&[u8]], signer: &SigningKey) -> String {
    let header = json!({
        "alg": "ES256",
        "typ": TYP,
        "x5c": x5c.iter().map(|c| b64::encode_std(c)).collect::<Vec<_>>(),
    });
    jws(signer, &header, payload)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_dates() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_795_737_600), "2026-11-27T00:00:00Z");
        assert_eq!(rfc3339(1_795_737_600 - 86_400 / 2), "2026-11-26T12:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_798_761_599), "2026-12-31T23:59:59Z");
        assert_eq!(rfc3339(-1), "1969-12-31T23:59:59Z");
    }

    #[test]
    fn list_shape() {
        let key = crate::pki::signing_key(crate::pki::seed::TRUST_LIST_OPERATOR);
        let payload = lote(
            3,
            10,
            20,
            demo_entities(b"root", &["urn:x"], Some(b"status")),
        );
        let jwt = token(&payload, &[b"cert"], &key);
        let parts: Vec<&str> = jwt.split('.').collect();
        let decode =
            |s: &str| -> Value { serde_json::from_slice(&b64::decode_url(s).unwrap()).unwrap() };
        assert_eq!(
            decode(parts[0]),
            json!({"alg": "ES256", "typ": "trust-list+jwt", "x5c": ["Y2VydA=="]})
        );
        let p = decode(parts[1]);
        let info = &p["LoTE"]["ListAndSchemeInformation"];
        assert_eq!(info["LoTESequenceNumber"], 3);
        assert_eq!(info["LoTEVersionIdentifier"], 1);
        assert_eq!(info["ListIssueDateTime"], "1970-01-01T00:00:10Z");
        let entities = p["LoTE"]["TrustedEntitiesList"].as_array().unwrap();
        assert_eq!(entities.len(), 2);
        let issuer = &entities[0]["TrustedEntityServices"][0]["ServiceInformation"];
        assert_eq!(issuer["ServiceTypeIdentifier"], SVC_SD_JWT_VC_ISSUER);
        assert_eq!(
            issuer["ServiceInformationExtensions"],
            json!([{"AllowedVcts": ["urn:x"]}])
        );
        assert_eq!(
            issuer["ServiceDigitalIdentity"]["X509Certificates"],
            json!([{"val": "cm9vdA=="}])
        );
        let status = &entities[1]["TrustedEntityServices"][0]["ServiceInformation"];
        assert_eq!(status["ServiceTypeIdentifier"], SVC_STATUS_LIST_ISSUER);
        assert!(status.get("ServiceInformationExtensions").is_none());
        assert_eq!(
            entities[0]["TrustedEntityInformation"]["TEName"][0]["value"],
            PID_ISSUER_NAME_VI
        );
    }
}
