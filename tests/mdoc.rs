//! ISO 18013-5 mdoc verification (`src/mdoc/`) on every mdoc vector of `../shared/vectors/`
//! (its README), each at its own clock, and one negative test per rule, built by mutating
//! vector bytes or from small CBOR written here.
#![cfg(feature = "mdoc")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::Path;

use cccd_verify::mdoc::{
    verify_device_response, verify_issuer_signed, MdocValue, Policy, SessionTranscript,
    VerifiedDeviceResponse,
};
use cccd_verify::x509::{Purpose, TrustAnchor};
use cccd_verify::Error;

const VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/vectors");

fn read(rel: &str) -> Vec<u8> {
    let path = Path::new(VECTORS).join(rel);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if rel.ends_with(".hex") {
        hex(&String::from_utf8(bytes).unwrap())
    } else if rel.ends_with(".pem") {
        let text = String::from_utf8(bytes).unwrap();
        let b64: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
        cccd_verify::jose::b64::decode_std(&b64).unwrap()
    } else {
        bytes
    }
}

fn hex(s: &str) -> Vec<u8> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn json(rel: &str) -> serde_json::Value {
    serde_json::from_slice(&read(rel)).unwrap()
}

/// Unix seconds of an RFC 3339 UTC date-time (`…Z`), for the vectors' `validate_at`.
fn unix(s: &str) -> i64 {
    let (date, time) = s.trim_end_matches('Z').split_once('T').unwrap();
    let d: Vec<i64> = date.split('-').map(|p| p.parse().unwrap()).collect();
    let t: Vec<i64> = time.split(':').map(|p| p.parse().unwrap()).collect();
    // Days from civil (Howard Hinnant's algorithm).
    let (y, m) = if d[1] <= 2 {
        (d[0] - 1, d[1] + 9)
    } else {
        (d[0], d[1] - 3)
    };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * m + 2) / 5 + d[2] - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    days * 86_400 + t[0] * 3600 + t[1] * 60 + t[2]
}

fn annex_d_now() -> i64 {
    unix("2021-01-01T00:00:00Z")
}

const ANNEX_D_READER_KEY: &str = "de3b4b9e5f72dd9b58406ae3091434da48a6f9fd010d88fcb0958e2cebec947c";

fn annex_d_anchor() -> Vec<TrustAnchor> {
    vec![TrustAnchor::from_der(
        &read("iso18013-5-annex-d/iaca-root.der.hex"),
        Purpose::MdocIaca,
    )
    .unwrap()]
}

fn annex_d_transcript() -> SessionTranscript {
    SessionTranscript::from_bytes(&read(
        "iso18013-5-annex-d/full-keys/session_transcript_bytes.cbor",
    ))
    .unwrap()
}

/// The Annex D response verified with its IACA, transcript and reader key, at `now`.
fn annex_d(
    bytes: &[u8],
    tweak: impl FnOnce(&mut Policy<'_>),
) -> Result<VerifiedDeviceResponse, Error> {
    let anchors = annex_d_anchor();
    let transcript = annex_d_transcript();
    let reader = hex(ANNEX_D_READER_KEY);
    let mut policy = Policy::new(annex_d_now(), &anchors, &transcript);
    policy.reader_key = Some(&reader);
    tweak(&mut policy);
    verify_device_response(bytes, &policy)
}

fn text(v: &MdocValue) -> &str {
    v.as_text().unwrap()
}

#[test]
fn annex_d_end_to_end() {
    let bytes = read("iso18013-5-annex-d/device-response.hex");
    let r = annex_d(&bytes, |_| {}).unwrap();
    assert_eq!(
        (r.version.as_str(), r.status, r.documents.len()),
        ("1.0", 0, 1)
    );
    let d = &r.documents[0];
    assert_eq!(d.doc_type, "org.iso.18013.5.1.mDL");
    assert_eq!(d.device_auth, "mac");
    assert_eq!(d.digest_algorithm, "SHA-256");
    let ns = &d.claims["org.iso.18013.5.1"];
    assert_eq!(ns.len(), 6);
    assert_eq!(text(&ns["family_name"]), "Doe");
    assert_eq!(text(&ns["document_number"]), "123456789");
    assert!(
        matches!(&ns["issue_date"], MdocValue::FullDate { value } if value == "2019-10-20"),
        "{:?}",
        ns["issue_date"]
    );
    assert!(
        matches!(
            &ns["portrait"],
            MdocValue::Bytes {
                mime: Some("image/jpeg"),
                ..
            }
        ),
        "{:?}",
        ns["portrait"]
    );
    assert!(matches!(&ns["driving_privileges"], MdocValue::Array { .. }));
    assert_eq!(d.issuer.ds_subject, "CN=utopia ds, C=US");
    assert!(
        d.issuer.iaca_subject.contains("utopia iaca"),
        "{}",
        d.issuer.iaca_subject
    );
    assert!(!d.issuer.pinned);
    assert_eq!(d.validity.valid_from, unix("2020-10-01T13:30:02Z"));
    assert_eq!(d.validity.valid_until, unix("2021-10-01T13:30:02Z"));
    // The device key is the Annex D static device key.
    assert_eq!(
        d.device_key["x"],
        cccd_verify::jose::b64::encode_url(&hex(
            "96313d6c63e24e3372742bfdb1a33ba2c897dcd68ab8c753e4fbd48dca6b7f9a"
        ))
    );
    assert_eq!(d.device_key_thumbprint.len(), 43);
    // The same bytes from the multipaz copy.
    let again = annex_d(
        &read("iso18013-5-annex-d/full-keys/device_response.cbor"),
        |_| {},
    )
    .unwrap();
    assert_eq!(again, r);
    // And the JSON form carries the typed values.
    let j: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
    assert_eq!(
        j["documents"][0]["claims"]["org.iso.18013.5.1"]["family_name"],
        serde_json::json!({"type": "text", "value": "Doe"})
    );
    assert_eq!(j["documents"][0]["deviceAuth"], "mac");
}

/// An owf-mdoc-ts vector directory: response, transcript, clock, and its trust (an IACA
/// anchor, or the DS pinned).
fn owf(
    dir: &str,
    anchor: Option<&str>,
    pinned: Option<&str>,
) -> Result<VerifiedDeviceResponse, Error> {
    let base = format!("mdoc-real/owf-mdoc-ts/{dir}");
    let params = json(&format!("{base}/params.json"));
    let now = unix(params["validate_at"].as_str().unwrap());
    let anchors: Vec<TrustAnchor> = anchor
        .map(|a| TrustAnchor::from_der(&read(&format!("{base}/{a}")), Purpose::MdocIaca).unwrap())
        .into_iter()
        .collect();
    let pinned_der = pinned.map(|p| read(&format!("{base}/{p}")));
    let pinned: Vec<&[u8]> = pinned_der.iter().map(Vec::as_slice).collect();
    let st_bytes = read(&format!("{base}/sessionTranscript.cbor"));
    // The transcript file is the one in params.json.
    assert_eq!(
        st_bytes,
        hex(params["sessionTranscript_hex"].as_str().unwrap())
    );
    let transcript = SessionTranscript::from_bytes(&st_bytes).unwrap();
    let mut policy = Policy::new(now, &anchors, &transcript);
    policy.pinned_signers = &pinned;
    policy.doc_type = params["docType"].as_str();
    verify_device_response(&read(&format!("{base}/deviceResponse.cbor")), &policy)
}

#[test]
fn owf_animo_oid4vp_1_0_redirect_with_its_iaca() {
    let r = owf("animo-oid4vp10-redirect", Some("rootCertificate.pem"), None).unwrap();
    let d = &r.documents[0];
    assert_eq!(d.doc_type, "eu.europa.ec.eudi.pid.1");
    assert_eq!(d.device_auth, "signature");
    assert!(!d.issuer.pinned);
    assert_eq!(d.issuer.ds_subject, "CN=credo dcs, C=NL");
    assert!(!d.claims["eu.europa.ec.eudi.pid.1"].is_empty());
    // The transcript built from the request parameters is the one the wallet signed over.
    let p = json("mdoc-real/owf-mdoc-ts/animo-oid4vp10-redirect/params.json");
    let built = SessionTranscript::oid4vp_redirect(
        p["clientId"].as_str().unwrap(),
        p["nonce"].as_str().unwrap(),
        Some(&hex(p["jwkThumbprint_hex"].as_str().unwrap())),
        p["responseUri"].as_str().unwrap(),
    );
    assert_eq!(
        built.as_bytes(),
        hex(p["sessionTranscript_hex"].as_str().unwrap())
    );
}

#[test]
fn owf_google_dc_api_pre_1_0_handover_fractional_tdates() {
    let r = owf("google-dcapi-draft24", None, Some("signingCertificate.pem")).unwrap();
    let d = &r.documents[0];
    assert!(d.issuer.pinned);
    assert_eq!(d.device_auth, "signature");
    // A pre-1.0 handover: the 1.0 builder with the same origin and nonce gives other bytes.
    let p = json("mdoc-real/owf-mdoc-ts/google-dcapi-draft24/params.json");
    let one_oh = SessionTranscript::oid4vp_dc_api(
        p["origin"].as_str().unwrap(),
        p["nonce"].as_str().unwrap(),
        None,
    );
    assert_ne!(
        one_oh.as_bytes(),
        hex(p["sessionTranscript_hex"].as_str().unwrap())
    );
    // With that transcript the device signature fails.
    let base = "mdoc-real/owf-mdoc-ts/google-dcapi-draft24";
    let pinned_der = read(&format!("{base}/signingCertificate.pem"));
    let pinned = [pinned_der.as_slice()];
    let mut policy = Policy::new(unix(p["validate_at"].as_str().unwrap()), &[], &one_oh);
    policy.pinned_signers = &pinned;
    assert_eq!(
        verify_device_response(&read(&format!("{base}/deviceResponse.cbor")), &policy).err(),
        Some(Error::MdocDeviceAuth {
            reason: "signature-invalid"
        })
    );
    // Not pinned, and no anchor: unknown issuer.
    policy.pinned_signers = &[];
    assert!(matches!(
        verify_device_response(&read(&format!("{base}/deviceResponse.cbor")), &policy).err(),
        Some(Error::UnknownIssuer { anchors: 0, .. })
    ));
}

#[test]
fn owf_draft_18_handovers() {
    for dir in ["france-oid4vp-draft18", "ubique-oid4vp-draft18"] {
        let r = owf(dir, None, Some("issuerCertificate.pem"))
            .unwrap_or_else(|e| panic!("{dir}: {e:?}"));
        assert_eq!(r.documents[0].device_auth, "signature", "{dir}");
    }
}

#[test]
fn owf_france_chains_to_the_annex_d_iaca() {
    // The France vector's DS is the Annex D "utopia ds": it chains to the Annex D IACA too.
    let base = "mdoc-real/owf-mdoc-ts/france-oid4vp-draft18";
    let p = json(&format!("{base}/params.json"));
    let transcript =
        SessionTranscript::from_bytes(&read(&format!("{base}/sessionTranscript.cbor"))).unwrap();
    let anchors = annex_d_anchor();
    let policy = Policy::new(
        unix(p["validate_at"].as_str().unwrap()),
        &anchors,
        &transcript,
    );
    let r = verify_device_response(&read(&format!("{base}/deviceResponse.cbor")), &policy).unwrap();
    assert!(!r.documents[0].issuer.pinned);
}

#[test]
fn bdr_issuer_signed_only() {
    let base = "mdoc-real/owf-mdoc-ts/bdr-issuersigned-only";
    let p = json(&format!("{base}/params.json"));
    let pinned_der = read(&format!("{base}/issuerCertificate.pem"));
    let pinned = [pinned_der.as_slice()];
    let transcript = SessionTranscript::from_bytes(&[0x83, 0xf6, 0xf6, 0xf6]).unwrap();
    let mut policy = Policy::new(unix(p["validate_at"].as_str().unwrap()), &[], &transcript);
    policy.pinned_signers = &pinned;
    let d =
        verify_issuer_signed(&read(&format!("{base}/issuerSignedBytes.cbor")), &policy).unwrap();
    assert_eq!(d.device_auth, "none");
    let total: usize = d.claims.values().map(|m| m.len()).sum();
    assert_eq!(total, 18);
    assert!(d.claims.contains_key("org.iso.18013.5.1.DE"));
}

fn auth0(ex: &str, tweak: impl FnOnce(&mut Policy<'_>)) -> Result<VerifiedDeviceResponse, Error> {
    let issuer = read("mdoc-real/auth0-mdl/issuer.pem");
    let pinned = [issuer.as_slice()];
    let transcript = SessionTranscript::from_bytes(&read(&format!(
        "mdoc-real/auth0-mdl/{ex}/sessionTranscriptBytes_tag24.cbor"
    )))
    .unwrap();
    // Inside the issuer certificate's and the MSOs' validity.
    let mut policy = Policy::new(unix("2023-11-14T22:13:20Z"), &[], &transcript);
    policy.pinned_signers = &pinned;
    tweak(&mut policy);
    verify_device_response(
        &read(&format!("mdoc-real/auth0-mdl/{ex}/deviceResponse.cbor")),
        &policy,
    )
}

#[test]
fn auth0_examples_with_their_quirks() {
    // Non-preferred CBOR hashed as received, one-element x5chain arrays, embedded device
    // payloads equal to the computed DeviceAuthenticationBytes.
    for ex in ["example1", "example2"] {
        let r = auth0(ex, |_| {}).unwrap_or_else(|e| panic!("{ex}: {e:?}"));
        assert_eq!(r.documents[0].device_auth, "signature");
        assert!(r.documents[0].issuer.pinned);
    }
    // example3 has a tampered family_name.
    assert_eq!(
        auth0("example3", |_| {}).err(),
        Some(Error::MdocDigestMismatch {
            namespace: "org.iso.18013.5.1".into(),
            element: "family_name".into(),
            digest_id: 0,
        })
    );
    // example4 device-signs two elements its MSO has no keyAuthorizations for: rejected by
    // default, accepted without them when the policy drops such elements.
    assert_eq!(
        auth0("example4", |_| {}).err(),
        Some(Error::MdocKeyUnauthorized {
            namespace: "org.iso.wallet.mDL".into(),
            element: "version".into(),
        })
    );
    let r = auth0("example4", |p| p.drop_unauthorized_device_elements = true).unwrap();
    assert!(r.documents[0].device_claims.values().all(|m| m.is_empty()));
}

#[test]
fn dcapi_annex_c_synthetic_mdoc() {
    let base = "dcapi-annex-c/synthetic";
    let v = json(&format!("{base}/vector.json"));
    let anchors =
        [
            TrustAnchor::from_der(&read(&format!("{base}/iaca_root.pem")), Purpose::MdocIaca)
                .unwrap(),
        ];
    let enc_info = v["dc_api_request"]["data"]["encryptionInfo"]
        .as_str()
        .unwrap();
    let origin = v["origin"].as_str().unwrap();
    let transcript = SessionTranscript::dcapi(enc_info, origin);
    assert_eq!(
        transcript.as_bytes(),
        hex(v["sessionTranscript_hex"].as_str().unwrap())
    );
    assert_eq!(
        transcript.as_bytes(),
        read(&format!("{base}/sessionTranscript.cbor"))
    );
    let mut policy = Policy::new(
        unix(v["validate_at"].as_str().unwrap()),
        &anchors,
        &transcript,
    );
    policy.allow_device_mac = false;
    // Its throwaway DS certificate has no key identifiers, which the Annex B profile requires:
    // under the IACA it is refused; pinned, it is accepted.
    assert_eq!(
        verify_device_response(&read(&format!("{base}/deviceResponse.cbor")), &policy).err(),
        Some(Error::ProfileViolation {
            cert: cccd_verify::CertRef::Chain(0),
            rule: "key-identifier-missing"
        })
    );
    let ds = read(&format!("{base}/ds_cert.pem"));
    let pinned = [ds.as_slice()];
    policy.pinned_signers = &pinned;
    let r = verify_device_response(&read(&format!("{base}/deviceResponse.cbor")), &policy).unwrap();
    let d = &r.documents[0];
    let mut names: Vec<&str> = d
        .claims
        .values()
        .flat_map(|m| m.keys().map(String::as_str))
        .collect();
    names.sort_unstable();
    assert_eq!(names, ["document_number", "family_name"]);
    // Another origin: another transcript, and the device signature no longer verifies.
    let other = SessionTranscript::dcapi(enc_info, "https://evil.example");
    policy.session_transcript = &other;
    assert_eq!(
        verify_device_response(&read(&format!("{base}/deviceResponse.cbor")), &policy).err(),
        Some(Error::MdocDeviceAuth {
            reason: "signature-invalid"
        })
    );
}

#[test]
fn oid4vp_1_0_session_transcripts_byte_for_byte() {
    let v = json("oid4vp-1.0/handover_session_transcript_vectors.json");
    // The thumbprint the handovers use is the RFC 7638 thumbprint of the JWK.
    let jwk = &v["jwk_for_thumbprint"];
    let key = cccd_verify::jose::b64::decode_url(jwk["x"].as_str().unwrap())
        .zip(cccd_verify::jose::b64::decode_url(
            jwk["y"].as_str().unwrap(),
        ))
        .map(|(x, y)| {
            cccd_verify::crypto::PublicKey::from_ec_coordinates(
                cccd_verify::crypto::Curve::P256,
                &x,
                &y,
            )
            .unwrap()
        })
        .unwrap();
    let thumbprint = cccd_verify::jose::b64::decode_url(&key.thumbprint()).unwrap();
    assert_eq!(thumbprint, hex(v["jwk_thumbprint_hex"].as_str().unwrap()));

    let handover = |t: &SessionTranscript| {
        let item = cccd_verify::cbor::decode(t.as_bytes(), &Default::default()).unwrap();
        item.as_array().unwrap()[2].raw().to_vec()
    };
    let r = &v["redirect"];
    let (client_id, nonce, uri) = (
        r["clientId"].as_str().unwrap(),
        r["nonce"].as_str().unwrap(),
        r["responseUri"].as_str().unwrap(),
    );
    assert_eq!(
        cccd_verify::mdoc::oid4vp_redirect_info(client_id, nonce, Some(&thumbprint), uri),
        hex(r["OpenID4VPHandoverInfo_hex"].as_str().unwrap())
    );
    let t = SessionTranscript::oid4vp_redirect(client_id, nonce, Some(&thumbprint), uri);
    assert_eq!(
        handover(&t),
        hex(r["OpenID4VPHandover_hex"].as_str().unwrap())
    );
    assert_eq!(
        t.as_bytes(),
        hex(r["SessionTranscript_hex"].as_str().unwrap())
    );
    assert_ne!(
        SessionTranscript::oid4vp_redirect(client_id, nonce, None, uri),
        t
    );

    let d = &v["dc_api"];
    let (origin, nonce) = (d["origin"].as_str().unwrap(), d["nonce"].as_str().unwrap());
    assert_eq!(
        cccd_verify::mdoc::oid4vp_dc_api_info(origin, nonce, Some(&thumbprint)),
        hex(d["OpenID4VPDCAPIHandoverInfo_hex"].as_str().unwrap())
    );
    let t = SessionTranscript::oid4vp_dc_api(origin, nonce, Some(&thumbprint));
    assert_eq!(
        handover(&t),
        hex(d["OpenID4VPDCAPIHandover_hex"].as_str().unwrap())
    );
    assert_eq!(
        t.as_bytes(),
        hex(d["SessionTranscript_hex"].as_str().unwrap())
    );
    // Without the thumbprint (unencrypted response) the info carries null.
    let unencrypted = cccd_verify::mdoc::oid4vp_dc_api_info(origin, nonce, None);
    assert_eq!(unencrypted.last(), Some(&0xf6));
    assert_ne!(SessionTranscript::oid4vp_dc_api(origin, nonce, None), t);
}

#[test]
fn annex_c_dcapi_info_byte_for_byte() {
    let v = json("dcapi-annex-c/synthetic/vector.json");
    let enc_info = v["dc_api_request"]["data"]["encryptionInfo"]
        .as_str()
        .unwrap();
    let origin = v["origin"].as_str().unwrap();
    assert_eq!(
        cccd_verify::mdoc::dcapi_info(enc_info, origin),
        hex(v["dcapiInfo_hex"].as_str().unwrap())
    );
}

#[test]
fn transcript_bytes_as_given() {
    // Bare and tag-24 wrapped forms are the same transcript; the bytes are kept as received.
    let bare = read("mdoc-real/owf-mdoc-ts/france-oid4vp-draft18/sessionTranscript.cbor");
    let mut wrapped = vec![0xd8, 0x18];
    let mut e = cccd_verify::cbor::Encoder::new();
    e.bytes(&bare);
    wrapped.extend(e.into_bytes());
    let a = SessionTranscript::from_bytes(&bare).unwrap();
    let b = SessionTranscript::from_bytes(&wrapped).unwrap();
    assert_eq!(a, b);
    assert_eq!(a.as_bytes(), bare);
    assert_eq!(a.tagged_bytes(), wrapped);
    // Annex D's SessionTranscriptBytes round-trip.
    let annex = read("iso18013-5-annex-d/full-keys/session_transcript_bytes.cbor");
    assert_eq!(
        SessionTranscript::from_bytes(&annex)
            .unwrap()
            .tagged_bytes(),
        annex
    );
    let bad = Some(Error::MdocSessionTranscript { reason: "format" });
    for b in [
        &[0x82, 0xf6, 0xf6][..],
        &[0xa0],
        &[0xd8, 0x18, 0x41, 0xa0],
        &[0x83, 0xf6, 0xf6],
        &[0x83, 0xf6, 0xf6, 0xf6, 0x00],
    ] {
        assert_eq!(SessionTranscript::from_bytes(b).err(), bad, "{b:02x?}");
    }
}

mod options {
    use super::*;
    use cccd_verify::jose::b64::{encode_std, encode_url};
    use cccd_verify::mdoc::request::{verify_mdoc, MdocOptions};
    use cccd_verify::request::parse_options;

    fn annex_d_options(extra: &str) -> String {
        format!(
            r#"{{"anchors":["{}"],"now":{},"transcript":{{"bytes":"{}"}},"readerKey":"{}"{extra}}}"#,
            encode_std(&read("iso18013-5-annex-d/iaca-root.der.hex")),
            annex_d_now(),
            encode_url(&read(
                "iso18013-5-annex-d/full-keys/session_transcript_bytes.cbor"
            )),
            encode_url(&hex(ANNEX_D_READER_KEY)),
        )
    }

    #[test]
    fn annex_d_through_json_options() {
        let bytes = read("iso18013-5-annex-d/device-response.hex");
        let o: MdocOptions = parse_options(&annex_d_options("")).unwrap();
        let r = verify_mdoc(&bytes, &o).unwrap();
        assert_eq!(r.documents[0].device_auth, "mac");
        // The same response where the flow forbids deviceMac, or for another docType.
        let o: MdocOptions = parse_options(&annex_d_options(r#","allowDeviceMac":false"#)).unwrap();
        assert_eq!(
            verify_mdoc(&bytes, &o).err(),
            Some(Error::MdocDeviceAuth {
                reason: "mac-not-allowed"
            })
        );
        let o: MdocOptions =
            parse_options(&annex_d_options(r#","docType":"eu.europa.ec.eudi.pid.1""#)).unwrap();
        assert!(matches!(
            verify_mdoc(&bytes, &o),
            Err(Error::MdocDocTypeMismatch { .. })
        ));
    }

    #[test]
    fn annex_c_through_json_options() {
        let base = "dcapi-annex-c/synthetic";
        let v = json(&format!("{base}/vector.json"));
        let json = format!(
            r#"{{"pinnedSigners":["{}"],"now":{},"allowDeviceMac":false,"transcript":{{"dcapi":{{"encryptionInfo":"{}","origin":"{}"}}}}}}"#,
            encode_std(&read(&format!("{base}/ds_cert.pem"))),
            unix(v["validate_at"].as_str().unwrap()),
            v["dc_api_request"]["data"]["encryptionInfo"]
                .as_str()
                .unwrap(),
            v["origin"].as_str().unwrap(),
        );
        let o: MdocOptions = parse_options(&json).unwrap();
        assert!(verify_mdoc(&read(&format!("{base}/deviceResponse.cbor")), &o).is_ok());
    }

    #[test]
    fn options_are_strict() {
        for (extra, path) in [
            (r#","unknown":1"#, "unknown"),
            (r#","maxDocuments":0"#, "maxDocuments"),
            (r#","maxDocuments":17"#, "maxDocuments"),
            (r#","allowDeviceMac":"no""#, "allowDeviceMac"),
        ] {
            let e = parse_options::<MdocOptions>(&annex_d_options(extra)).unwrap_err();
            assert!(e.to_string().contains(path), "{extra}: {e}");
        }
        let e = parse_options::<MdocOptions>(
            r#"{"now":1,"transcript":{"dcapi":{"encryptionInfo":"x","origin":"https://a"}}}"#,
        )
        .unwrap_err();
        assert_eq!(e.path, "anchors");
        let e = parse_options::<MdocOptions>(
            r#"{"anchors":["AA"],"now":1,"readerKey":"AAAA","transcript":{"dcapi":{"encryptionInfo":"x","origin":"https://a"}}}"#,
        )
        .unwrap_err();
        assert_eq!(e.path, "readerKey");
        let e = parse_options::<MdocOptions>(
            r#"{"anchors":["AA"],"now":1,"transcript":{"openid4vpDcApi":{"origin":"https://a","nonce":"n","jwkThumbprint":"AAAA"}}}"#,
        )
        .unwrap_err();
        assert_eq!(e.path, "transcript.openid4vpDcApi.jwkThumbprint");
        let e =
            parse_options::<MdocOptions>(r#"{"anchors":["AA"],"now":1,"transcript":{"other":{}}}"#)
                .unwrap_err();
        assert!(e.path.starts_with("transcript"), "{e}");
    }
}

mod wire {
    use std::collections::{BTreeMap, BTreeSet};

    use super::*;
    use cccd_verify::cbor::{decode, Encoder, Options};
    use serde_json::Value;

    fn types_dts() -> String {
        cccd_verify::wire::declarations().concat()
    }

    /// Members of `export interface <name>`, `?` marking optional ones.
    fn members(name: &str) -> BTreeSet<String> {
        let text = types_dts();
        let start = text
            .find(&format!("export interface {name} "))
            .unwrap_or_else(|| panic!("no interface {name}"));
        let body = &text[start..];
        let body = &body[..body.find("\n}\n").unwrap()];
        body.lines()
            .filter_map(|l| l.strip_prefix("  "))
            .filter(|l| !l.starts_with(' ') && !l.starts_with('/') && !l.starts_with('*'))
            .filter_map(|l| l.split_once(':').map(|(k, _)| k.to_owned()))
            .collect()
    }

    fn assert_shape(name: &str, v: &Value) {
        let m = members(name);
        let keys: BTreeSet<String> = v.as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys, m, "{name}");
    }

    /// `type` → member names of each member of the `MdocValue` union.
    fn value_shapes() -> BTreeMap<String, BTreeSet<String>> {
        let text = types_dts();
        let start = text.find("export type MdocValue =").unwrap();
        let body = &text[start
            ..text[start..]
                .find(";\n\n")
                .map_or(text.len(), |e| start + e)];
        body.lines()
            .filter_map(|l| l.trim().strip_prefix("| { "))
            .map(|l| {
                let l = l.trim_end_matches(" }").trim_end_matches(" };");
                let parts: Vec<&str> = l.split("; ").collect();
                let ty = parts[0]
                    .trim_start_matches("type: '")
                    .trim_end_matches('\'')
                    .to_owned();
                let keys = parts
                    .iter()
                    .map(|p| p.split(':').next().unwrap().to_owned())
                    .collect();
                (ty, keys)
            })
            .collect()
    }

    fn check_value(
        v: &Value,
        shapes: &BTreeMap<String, BTreeSet<String>>,
        seen: &mut BTreeSet<String>,
    ) {
        let ty = v["type"].as_str().unwrap().to_owned();
        let keys: BTreeSet<String> = v.as_object().unwrap().keys().cloned().collect();
        assert_eq!(Some(&keys), shapes.get(&ty), "{v}");
        match ty.as_str() {
            "array" => v["value"]
                .as_array()
                .unwrap()
                .iter()
                .for_each(|i| check_value(i, shapes, seen)),
            "map" => v["value"].as_array().unwrap().iter().for_each(|kv| {
                check_value(&kv[0], shapes, seen);
                check_value(&kv[1], shapes, seen);
            }),
            "tag" => check_value(&v["value"], shapes, seen),
            _ => {}
        }
        seen.insert(ty);
    }

    #[test]
    fn result_json_matches_its_interfaces() {
        let r = annex_d(&read("iso18013-5-annex-d/device-response.hex"), |_| {}).unwrap();
        let j: Value = serde_json::from_str(&r.to_json()).unwrap();
        assert_shape("VerifiedDeviceResponse", &j);
        let d = &j["documents"][0];
        assert_shape("VerifiedMdoc", d);
        assert_shape("MdocIssuer", &d["issuer"]);
        assert_shape("MdocValidity", &d["validity"]);
    }

    #[test]
    fn every_value_kind_matches_the_union() {
        let mut e = Encoder::new();
        e.array(15)
            .text("t")
            .int(-5)
            .uint(1 << 60)
            .float(1.5)
            .bool(true)
            .null()
            .undefined()
            .bytes(&[0xff, 0xd8, 0xff, 0x00]);
        e.tag(1004).text("2020-01-02");
        e.tag(0).text("2020-10-01T13:30:02.5Z");
        e.array(1).bytes(&[1]);
        e.map(1).int(1).text("x");
        e.tag(42).text("y");
        e.simple(99);
        e.negative(u64::MAX);
        let bytes = e.into_bytes();
        let item = decode(&bytes, &Options::default()).unwrap();
        let v = serde_json::to_value(MdocValue::from_item(&item)).unwrap();
        let shapes = value_shapes();
        let mut seen = BTreeSet::new();
        check_value(&v, &shapes, &mut seen);
        let all: BTreeSet<String> = shapes.keys().cloned().collect();
        assert_eq!(seen, all);
        let items = v["value"].as_array().unwrap();
        assert_eq!(
            items[2],
            serde_json::json!({"type": "big-int", "value": "1152921504606846976"})
        );
        assert_eq!(items[9]["unix"], unix("2020-10-01T13:30:02Z"));
        assert_eq!(items[7]["mime"], "image/jpeg");
        assert_eq!(items[14]["value"], "-18446744073709551616");
    }
}

/// The wasm module's result text (`to_wire_json`, written directly) is the text serde_json
/// writes for the result as a `Value`, byte for byte: on real responses, and with every kind of
/// element value, element errors, document errors and an `expectedUpdate`.
#[test]
fn wire_json_is_what_serde_json_writes() {
    let mut responses = vec![
        annex_d(&read("iso18013-5-annex-d/device-response.hex"), |_| {}).unwrap(),
        auth0("example1", |_| {}).unwrap(),
        auth0("example4", |p| p.drop_unauthorized_device_elements = true).unwrap(),
    ];
    let mut all = responses[0].clone();
    let leaf = |v| MdocValue::Text { value: v };
    let values = vec![
        leaf("a \"q\" \\ \u{1} \n é 𝄞".into()),
        MdocValue::Int { value: -42 },
        MdocValue::BigInt {
            value: "-18446744073709551616".into(),
        },
        MdocValue::Float { value: 1.5 },
        MdocValue::Float { value: f64::NAN },
        MdocValue::Float { value: 1e300 },
        MdocValue::Bool { value: true },
        MdocValue::Null,
        MdocValue::Undefined,
        MdocValue::Bytes {
            value: "AAE".into(),
            mime: None,
        },
        MdocValue::Bytes {
            value: "_9j_".into(),
            mime: Some("image/jpeg"),
        },
        MdocValue::FullDate {
            value: "2024-01-02".into(),
        },
        MdocValue::Tdate {
            value: "2024-01-02T00:00:00Z".into(),
            unix: Some(1_704_153_600),
        },
        MdocValue::Tdate {
            value: "x".into(),
            unix: None,
        },
        MdocValue::Simple { value: 7 },
        MdocValue::Tag {
            tag: 99,
            value: Box::new(MdocValue::Null),
        },
    ];
    let nested = vec![
        MdocValue::Array {
            value: values.clone(),
        },
        MdocValue::Array { value: vec![] },
        MdocValue::Map {
            value: vec![
                (leaf("k".into()), MdocValue::Int { value: 1 }),
                (
                    MdocValue::Int { value: 2 },
                    MdocValue::Array {
                        value: values.clone(),
                    },
                ),
            ],
        },
        MdocValue::Map { value: vec![] },
    ];
    let d = &mut all.documents[0];
    for (i, v) in values.into_iter().chain(nested).enumerate() {
        d.claims
            .entry("z.ns".into())
            .or_default()
            .insert(format!("e{i:02}"), v.clone());
        d.device_claims
            .entry("d\"ns".into())
            .or_default()
            .insert(format!("e{i:02}"), v);
    }
    d.errors
        .entry("ns".into())
        .or_default()
        .insert("missing".into(), 0);
    d.errors
        .entry("ns".into())
        .or_default()
        .insert("other".into(), -3);
    d.validity.expected_update = Some(1_700_000_000);
    all.document_errors.push(cccd_verify::mdoc::DocumentError {
        doc_type: "x.y".into(),
        code: 10,
    });
    all.document_errors.push(cccd_verify::mdoc::DocumentError {
        doc_type: "a".into(),
        code: 0,
    });
    responses.push(all);
    for r in &responses {
        assert_eq!(
            r.to_wire_json(),
            serde_json::to_value(r).unwrap().to_string()
        );
    }
}
