//! The body of the `dcapi` fuzz target, replayed by `tests/fuzz_corpus.rs`: the input, when
//! UTF-8, as the `DigitalCredential` JSON answering a fixed request
//! (`dcapi::verify_credential_response`), as that request's state, and as
//! `createCredentialRequest` options. Nothing may panic. Seeds: `fuzz/corpus/dcapi/` (from
//! `tests/dcapi.rs`, `REGENERATE_DCAPI_SEEDS=1`).
#![allow(dead_code)]

use cccd_verify::dcapi::{create_credential_request, verify_credential_response, FlowError};

/// The random bytes of the fixed request.
pub const RANDOM: [u8; 48] = [0x4d; 48];
/// Its origin.
pub const ORIGIN: &str = "https://fuzz.example";

/// The fixed request's options: both protocols, an mDL and an SD-JWT VC.
pub fn request_options() -> String {
    format!(
        r#"{{"protocols":["org-iso-mdoc","openid4vp-v1-unsigned"],
            "mdoc":{{"docType":"org.iso.18013.5.1.mDL","claims":{{"org.iso.18013.5.1":["family_name"]}}}},
            "sdJwt":{{"vct":"urn:eudi:pid:1","claims":["given_name"]}},"origin":"{ORIGIN}"}}"#
    )
}

/// The fixed request and its state.
pub fn request() -> Option<(String, String)> {
    create_credential_request(&request_options(), &RANDOM).ok()
}

/// Trust options that parse: a pinned Document Signer that matches nothing (what decrypts gets
/// as far as the mdoc checks), an SD-JWT anchor that is not a certificate.
pub const OPTIONS: &str = r#"{"now":1796342400,"trust":{"mdoc":{"pinnedSigners":["AA=="]},"sdJwt":{"anchors":["AA=="]}}}"#;

/// Runs the body on one input; true when the input, as a credential, opened (decrypted and
/// reached the vp_token or mdoc checks).
pub fn run(data: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(data) else {
        return false;
    };
    let _ = create_credential_request(text, &RANDOM);
    let Some((_, state)) = request() else {
        return false;
    };
    let _ = verify_credential_response(
        r#"{"protocol":"org-iso-mdoc","data":{"response":"gg"}}"#,
        text,
        OPTIONS,
    );
    match verify_credential_response(text, &state, OPTIONS) {
        Ok(_) => true,
        Err(FlowError::Options(_)) => false,
        Err(FlowError::Failed(e)) => {
            let code = e.code();
            code.starts_with("ERR_MDOC")
                || code.starts_with("ERR_CBOR")
                || code.starts_with("ERR_CERT")
                || code == "ERR_DCAPI_VP_TOKEN"
        }
    }
}
