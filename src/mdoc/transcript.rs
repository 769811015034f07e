//! SessionTranscripts (ISO 18013-5 §9.1.5.1: `[DeviceEngagementBytes, EReaderKeyBytes,
//! Handover]`): as given by the caller, or built for the browser flows, where both first
//! elements are `null` and the handover binds the origin, nonce and encryption key
//! (`shared/domain/presentations.md` §3.3–§3.4; OpenID4VP 1.0 Appendix B.2.6,
//! `shared/spec/`).

use sha2::{Digest, Sha256};

use crate::cbor::{self, Encoder, Options, TAG_ENCODED_CBOR};
use crate::error::Error;

/// The CBOR bytes of a SessionTranscript (the array itself, not wrapped in tag 24). Built by
/// the constructors below, or taken as given with [`SessionTranscript::from_bytes`]; either way
/// they go into DeviceAuthentication byte for byte.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionTranscript {
    bytes: Vec<u8>,
}

fn sha256(b: &[u8]) -> Vec<u8> {
    Sha256::digest(b).to_vec()
}

/// `[null, null, [name, h'hash']]`.
fn browser_transcript(name: &str, info: &[u8]) -> SessionTranscript {
    let mut e = Encoder::new();
    e.array(3)
        .null()
        .null()
        .array(2)
        .text(name)
        .bytes(&sha256(info));
    SessionTranscript {
        bytes: e.into_bytes(),
    }
}

/// `dcapiInfo = [Base64EncryptionInfo, SerializedOrigin]` of ISO 18013-7 Annex C, CBOR-encoded:
/// the `encryptionInfo` text exactly as sent in the request, and the origin.
pub fn dcapi_info(encryption_info: &str, origin: &str) -> Vec<u8> {
    let mut e = Encoder::new();
    e.array(2).text(encryption_info).text(origin);
    e.into_bytes()
}

/// `OpenID4VPDCAPIHandoverInfo = [origin, nonce, jwkThumbprint / null]` (OpenID4VP 1.0
/// §B.2.6.2), CBOR-encoded. `jwk_thumbprint` is the RFC 7638 SHA-256 thumbprint of the
/// verifier's encryption key when the response is encrypted.
pub fn oid4vp_dc_api_info(origin: &str, nonce: &str, jwk_thumbprint: Option<&[u8]>) -> Vec<u8> {
    let mut e = Encoder::new();
    e.array(3).text(origin).text(nonce);
    match jwk_thumbprint {
        Some(t) => e.bytes(t),
        None => e.null(),
    };
    e.into_bytes()
}

/// `OpenID4VPHandoverInfo = [clientId, nonce, jwkThumbprint / null, responseUri]` (OpenID4VP
/// 1.0 §B.2.6.1), CBOR-encoded.
pub fn oid4vp_redirect_info(
    client_id: &str,
    nonce: &str,
    jwk_thumbprint: Option<&[u8]>,
    response_uri: &str,
) -> Vec<u8> {
    let mut e = Encoder::new();
    e.array(4).text(client_id).text(nonce);
    match jwk_thumbprint {
        Some(t) => e.bytes(t),
        None => e.null(),
    };
    e.text(response_uri);
    e.into_bytes()
}

impl SessionTranscript {
    /// ISO 18013-7 Annex C (`org-iso-mdoc` over the Digital Credentials API):
    /// `[null, null, ["dcapi", SHA-256(dcapiInfo)]]`, see [`dcapi_info`].
    pub fn dcapi(encryption_info: &str, origin: &str) -> SessionTranscript {
        browser_transcript("dcapi", &dcapi_info(encryption_info, origin))
    }

    /// OpenID4VP 1.0 over the Digital Credentials API (§B.2.6.2):
    /// `[null, null, ["OpenID4VPDCAPIHandover", SHA-256(OpenID4VPDCAPIHandoverInfo)]]`. The origin
    /// is the caller's own, without the `origin:` prefix.
    pub fn oid4vp_dc_api(
        origin: &str,
        nonce: &str,
        jwk_thumbprint: Option<&[u8]>,
    ) -> SessionTranscript {
        browser_transcript(
            "OpenID4VPDCAPIHandover",
            &oid4vp_dc_api_info(origin, nonce, jwk_thumbprint),
        )
    }

    /// OpenID4VP 1.0 redirect flows (§B.2.6.1):
    /// `[null, null, ["OpenID4VPHandover", SHA-256(OpenID4VPHandoverInfo)]]`.
    pub fn oid4vp_redirect(
        client_id: &str,
        nonce: &str,
        jwk_thumbprint: Option<&[u8]>,
        response_uri: &str,
    ) -> SessionTranscript {
        browser_transcript(
            "OpenID4VPHandover",
            &oid4vp_redirect_info(client_id, nonce, jwk_thumbprint, response_uri),
        )
    }

    /// Transcript bytes as given (proximity flows, pre-1.0 handovers, anything built
    /// elsewhere): one CBOR array of three items, bare or as tag-24 `SessionTranscriptBytes`
    /// (which is unwrapped). The bytes are kept as received. Anything else is
    /// [`Error::MdocSessionTranscript`].
    pub fn from_bytes(bytes: &[u8]) -> Result<SessionTranscript, Error> {
        // Made where it happens, not cloned (a smaller wasm module).
        let bad = || Error::MdocSessionTranscript { reason: "format" };
        let item = cbor::decode(bytes, &Options::default()).map_err(|_| bad())?;
        let inner = match item.embedded_bytes() {
            Some(inner) => {
                let decoded = cbor::decode(inner, &Options::default()).map_err(|_| bad())?;
                if decoded.as_array().map(<[_]>::len) != Some(3) {
                    return Err(bad());
                }
                inner
            }
            None if item.as_array().map(<[_]>::len) == Some(3) => bytes,
            None => return Err(bad()),
        };
        Ok(SessionTranscript {
            bytes: inner.to_vec(),
        })
    }

    /// The SessionTranscript's CBOR bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// `SessionTranscriptBytes = #6.24(bstr .cbor SessionTranscript)`: the input of the
    /// deviceMac salt (ISO 18013-5 §9.1.3.5).
    pub fn tagged_bytes(&self) -> Vec<u8> {
        let mut e = Encoder::new();
        e.tag(TAG_ENCODED_CBOR).bytes(&self.bytes);
        e.into_bytes()
    }
}
