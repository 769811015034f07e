//! "Verify this DeviceResponse under these options", with the options as JSON text: what the
//! wasm glue (and through it the JS API and the CLI's `--format mdoc`) hands over, read as
//! strictly as `crate::request` reads the SD-JWT VC options (unknown keys, wrong types and
//! out-of-range values are an [`OptionsError`] naming the option). Certificates are base64 DER,
//! byte strings base64url, `now` Unix seconds.
//!
//! ```json
//! { "anchors": ["MIIB…"], "now": 1767312000,
//!   "transcript": { "dcapi": { "encryptionInfo": "gmVkY2Fwa…", "origin": "https://rp.example" } },
//!   "docType": "org.iso.18013.5.1.mDL", "allowDeviceMac": false }
//! ```
//!
//! `transcript` is one of `{ "bytes": base64url }` (SessionTranscript CBOR as given, bare or
//! tag-24), `{ "dcapi": { encryptionInfo, origin } }`, `{ "openid4vpDcApi": { origin, nonce,
//! jwkThumbprint? } }`, `{ "openid4vpRedirect": { clientId, nonce, jwkThumbprint?, responseUri }
//! }` (`jwkThumbprint`: base64url of the 32-byte RFC 7638 thumbprint).

use serde::Deserialize;

use super::{verify_device_response, Policy, SessionTranscript, VerifiedDeviceResponse};
use crate::jose::b64;
use crate::request::{Checked, OptionsError, MAX_ANCHORS};
use crate::x509::{Purpose, TrustAnchor};
use crate::{CertRef, Error};

/// How the SessionTranscript is obtained (see the module docs).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub enum TranscriptOptions {
    /// The SessionTranscript's CBOR bytes, base64url.
    Bytes(String),
    /// ISO 18013-7 Annex C.
    #[serde(rename_all = "camelCase")]
    Dcapi {
        /// The request's `encryptionInfo`, as sent.
        encryption_info: String,
        /// The caller's origin.
        origin: String,
    },
    /// OpenID4VP 1.0 over the Digital Credentials API.
    #[serde(rename_all = "camelCase")]
    Openid4vpDcApi {
        /// The caller's origin (no `origin:` prefix).
        origin: String,
        /// The request nonce.
        nonce: String,
        /// base64url RFC 7638 thumbprint of the encryption key, for encrypted responses.
        #[serde(default)]
        jwk_thumbprint: Option<String>,
    },
    /// OpenID4VP 1.0 redirect flows.
    #[serde(rename_all = "camelCase")]
    Openid4vpRedirect {
        /// The Client Identifier.
        client_id: String,
        /// The request nonce.
        nonce: String,
        /// base64url RFC 7638 thumbprint of the encryption key, for encrypted responses.
        #[serde(default)]
        jwk_thumbprint: Option<String>,
        /// The `response_uri`.
        response_uri: String,
    },
}

/// Options of an mdoc DeviceResponse verification.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct MdocOptions {
    /// IACA roots, base64 DER.
    #[serde(default)]
    pub anchors: Vec<String>,
    /// Document Signer certificates trusted as they are, base64 DER.
    #[serde(default)]
    pub pinned_signers: Vec<String>,
    /// Unix seconds.
    pub now: i64,
    /// The transcript of this request.
    pub transcript: TranscriptOptions,
    /// The reader's ephemeral P-256 private key, base64url (32 bytes), for deviceMac.
    #[serde(default)]
    pub reader_key: Option<String>,
    /// Accept deviceMac (default true; false for Digital Credentials API flows).
    #[serde(default = "yes")]
    pub allow_device_mac: bool,
    /// The docType asked for.
    #[serde(default)]
    pub doc_type: Option<String>,
    /// Most documents accepted (default 1, at most 16).
    #[serde(default = "one")]
    pub max_documents: usize,
    /// Leave unauthorized device-signed elements out instead of refusing (default false).
    #[serde(default)]
    pub drop_unauthorized_device_elements: bool,
}

fn yes() -> bool {
    true
}

fn one() -> usize {
    super::DEFAULT_MAX_DOCUMENTS
}

/// The largest `maxDocuments` accepted.
pub const MAX_DOCUMENTS_OPTION: usize = 16;

fn bad(path: &str, message: &str) -> OptionsError {
    OptionsError {
        path: path.to_owned(),
        message: message.to_owned(),
    }
}

fn thumbprint(t: &Option<String>, path: &str) -> Result<Option<Vec<u8>>, OptionsError> {
    match t {
        None => Ok(None),
        Some(s) => match b64::decode_url(s) {
            Some(b) if b.len() == 32 => Ok(Some(b)),
            _ => Err(bad(path, "must be base64url of 32 bytes")),
        },
    }
}

impl TranscriptOptions {
    /// The transcript (its inputs were checked with the options).
    fn build(&self) -> Result<SessionTranscript, Error> {
        let bad = || Error::MdocSessionTranscript { reason: "format" };
        let tp = |t: &Option<String>| thumbprint(t, "").map_err(|_| bad());
        Ok(match self {
            TranscriptOptions::Bytes(b) => {
                SessionTranscript::from_bytes(&b64::decode_url(b).ok_or_else(bad)?)?
            }
            TranscriptOptions::Dcapi {
                encryption_info,
                origin,
            } => SessionTranscript::dcapi(encryption_info, origin),
            TranscriptOptions::Openid4vpDcApi {
                origin,
                nonce,
                jwk_thumbprint,
            } => SessionTranscript::oid4vp_dc_api(origin, nonce, tp(jwk_thumbprint)?.as_deref()),
            TranscriptOptions::Openid4vpRedirect {
                client_id,
                nonce,
                jwk_thumbprint,
                response_uri,
            } => SessionTranscript::oid4vp_redirect(
                client_id,
                nonce,
                tp(jwk_thumbprint)?.as_deref(),
                response_uri,
            ),
        })
    }
}

impl Checked for MdocOptions {
    fn check(&self) -> Result<(), OptionsError> {
        if self.anchors.is_empty() && self.pinned_signers.is_empty() {
            return Err(bad(
                "anchors",
                "must list at least one IACA (or pinnedSigners one Document Signer)",
            ));
        }
        if self.anchors.len() > MAX_ANCHORS || self.pinned_signers.len() > MAX_ANCHORS {
            return Err(bad(
                "anchors",
                &format!("at most {MAX_ANCHORS} anchors of each kind"),
            ));
        }
        if self.max_documents == 0 || self.max_documents > MAX_DOCUMENTS_OPTION {
            return Err(bad(
                "maxDocuments",
                &format!("must be 1 to {MAX_DOCUMENTS_OPTION}"),
            ));
        }
        if let Some(k) = &self.reader_key {
            if b64::decode_url(k).map(|b| b.len()) != Some(32) {
                return Err(bad("readerKey", "must be base64url of 32 bytes"));
            }
        }
        match &self.transcript {
            TranscriptOptions::Bytes(b) => {
                if b64::decode_url(b).is_none() {
                    return Err(bad("transcript.bytes", "must be base64url"));
                }
            }
            TranscriptOptions::Dcapi { origin, .. }
            | TranscriptOptions::Openid4vpDcApi { origin, .. }
                if origin.is_empty() =>
            {
                return Err(bad("transcript.origin", "must not be empty"));
            }
            TranscriptOptions::Openid4vpDcApi { jwk_thumbprint, .. } => {
                thumbprint(jwk_thumbprint, "transcript.openid4vpDcApi.jwkThumbprint")?;
            }
            TranscriptOptions::Openid4vpRedirect { jwk_thumbprint, .. } => {
                thumbprint(jwk_thumbprint, "transcript.openid4vpRedirect.jwkThumbprint")?;
            }
            TranscriptOptions::Dcapi { .. } => {}
        }
        Ok(())
    }
}

fn certificates(list: &[String]) -> Result<Vec<Vec<u8>>, Error> {
    list.iter()
        .map(|a| {
            b64::decode_std(a).ok_or(Error::CertParse {
                cert: CertRef::Anchor,
                reason: "malformed",
            })
        })
        .collect()
}

/// Verifies a DeviceResponse (CBOR bytes) under `options` (read with
/// [`crate::request::parse_options`]).
pub fn verify_mdoc(
    response: &[u8],
    options: &MdocOptions,
) -> Result<VerifiedDeviceResponse, Error> {
    let anchors = certificates(&options.anchors)?
        .iter()
        .map(|der| TrustAnchor::from_der(der, Purpose::MdocIaca))
        .collect::<Result<Vec<_>, _>>()?;
    let pinned_der = certificates(&options.pinned_signers)?;
    let pinned: Vec<&[u8]> = pinned_der.iter().map(Vec::as_slice).collect();
    let reader = options.reader_key.as_deref().and_then(b64::decode_url);
    let transcript = options.transcript.build()?;
    let mut policy = Policy::new(options.now, &anchors, &transcript);
    policy.pinned_signers = &pinned;
    policy.reader_key = reader.as_deref();
    policy.allow_device_mac = options.allow_device_mac;
    policy.doc_type = options.doc_type.as_deref();
    policy.max_documents = options.max_documents;
    policy.drop_unauthorized_device_elements = options.drop_unauthorized_device_elements;
    verify_device_response(response, &policy)
}
