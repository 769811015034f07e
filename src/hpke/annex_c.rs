//! ISO 18013-7 Annex C (`org-iso-mdoc` over the Digital Credentials API), the encryption part
//! (`../shared/domain/presentations.md` §2.2, §3.3):
//!
//! - the request carries `encryptionInfo` = base64url(CBOR
//!   `["dcapi", {"nonce": bstr, "recipientPublicKey": COSE_Key}]`), the public half of a
//!   [`RecipientKey`] made for that request ([`encryption_info`]);
//! - the wallet answers `response` = base64url(CBOR `["dcapi", {"enc": bstr, "cipherText": bstr}]`):
//!   an HPKE base-mode message ([`super`]) whose `info` is the SessionTranscript's CBOR bytes
//!   and whose `aad` is empty; the plaintext is the DeviceResponse ([`open_response`]).
//!
//! The SessionTranscript binds the origin and the `encryptionInfo` (so the nonce and the key):
//! a response made for another origin, nonce or key does not open.

use super::{open, OpenError};
use crate::cbor::{self, Encoder, Options};
use crate::crypto::ecdh::{RecipientKey, P256_POINT_LEN, P256_SCALAR_LEN};
use crate::error::Error;
use crate::jose::b64;

/// The protocol tag of both Annex C structures.
const DCAPI: &str = "dcapi";
/// COSE_Key labels and values (RFC 9052 §7, RFC 9053 §7.1): kty, EC2, crv, P-256, x, y.
const KTY: i64 = 1;
const KTY_EC2: i64 = 2;
const CRV: i64 = -1;
const CRV_P256: i64 = 1;
const X: i64 = -2;
const Y: i64 = -3;

/// Largest `response` accepted, in base64url characters: a 4 MiB CBOR response (the CBOR
/// reader's default input budget) and a little more.
pub const MAX_RESPONSE_CHARS: usize = (4 << 20) / 3 * 4 + 8;

fn format(reason: &'static str) -> Error {
    Error::DcapiFormat { reason }
}

/// The CBOR of an Annex C `EncryptionInfo` for `key`, with the request's `nonce`:
/// `["dcapi", {"nonce": nonce, "recipientPublicKey": {1: 2, -1: 1, -2: x, -3: y}}]`.
pub fn encryption_info(nonce: &[u8], key: &RecipientKey) -> Vec<u8> {
    let point = key.public_sec1();
    let x = point.get(1..1 + P256_SCALAR_LEN).unwrap_or_default();
    let y = point.get(1 + P256_SCALAR_LEN..).unwrap_or_default();
    let mut e = Encoder::new();
    e.array(2).text(DCAPI).map(2);
    e.text("nonce").bytes(nonce);
    e.text("recipientPublicKey").map(4);
    e.int(KTY).int(KTY_EC2).int(CRV).int(CRV_P256);
    e.int(X).bytes(x).int(Y).bytes(y);
    e.into_bytes()
}

/// [`encryption_info`] as the request's `data.encryptionInfo` string (base64url, no padding).
pub fn encryption_info_b64(nonce: &[u8], key: &RecipientKey) -> String {
    b64::encode_url(&encryption_info(nonce, key))
}

/// An `EncryptionInfo` read back (from a request kept in the caller's state, or a test
/// vector).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EncryptionInfo {
    /// The request nonce.
    pub nonce: Vec<u8>,
    /// The recipient's public key, uncompressed SEC1.
    pub recipient: [u8; P256_POINT_LEN],
}

/// Reads a base64url `EncryptionInfo` strictly: one CBOR item, `"dcapi"`, a map of exactly
/// `nonce` and `recipientPublicKey`, an EC2 P-256 COSE_Key (`kty`, `crv`, `x`, `y`, each once,
/// nothing else) on the curve. [`Error::DcapiFormat`] otherwise (or the CBOR reader's error).
pub fn parse_encryption_info(b64_text: &str) -> Result<EncryptionInfo, Error> {
    let bytes = b64::decode_url(b64_text).ok_or(format("base64url"))?;
    let item = cbor::decode(&bytes, &Options::default())?;
    let body = dcapi_body(&item, &["nonce", "recipientPublicKey"])?;
    let nonce = body
        .get("nonce")
        .and_then(cbor::Item::as_bytes)
        .ok_or(format("shape"))?;
    let key = body.get("recipientPublicKey").ok_or(format("shape"))?;
    let recipient = cose_key_p256(key).ok_or(format("recipient-key"))?;
    Ok(EncryptionInfo {
        nonce: nonce.to_vec(),
        recipient,
    })
}

/// The uncompressed point of an EC2 P-256 COSE_Key with exactly the labels 1, -1, -2, -3.
fn cose_key_p256(key: &cbor::Item<'_>) -> Option<[u8; P256_POINT_LEN]> {
    let entries = key.as_map()?;
    if entries.len() != 4
        || key.get_int(KTY)?.as_i64()? != KTY_EC2
        || key.get_int(CRV)?.as_i64()? != CRV_P256
    {
        return None;
    }
    let x = key.get_int(X)?.as_bytes()?;
    let y = key.get_int(Y)?.as_bytes()?;
    if x.len() != P256_SCALAR_LEN || y.len() != P256_SCALAR_LEN {
        return None;
    }
    let mut point = [0u8; P256_POINT_LEN];
    let (head, xy) = point.split_at_mut(1);
    let (px, py) = xy.split_at_mut(P256_SCALAR_LEN);
    head.copy_from_slice(&[0x04]);
    px.copy_from_slice(x);
    py.copy_from_slice(y);
    crate::crypto::ecdh::p256_point(&point)?;
    Some(point)
}

/// The map of `["dcapi", {…}]` whose text keys are exactly `keys` (any order).
fn dcapi_body<'i, 'a>(
    item: &'i cbor::Item<'a>,
    keys: &[&str],
) -> Result<&'i cbor::Item<'a>, Error> {
    let [tag, body] = item.as_array().ok_or(format("shape"))? else {
        return Err(format("shape"));
    };
    let entries = body.as_map().ok_or(format("shape"))?;
    if tag.as_text() != Some(DCAPI)
        || entries.len() != keys.len()
        || !keys.iter().all(|k| body.get(k).is_some())
    {
        return Err(format("shape"));
    }
    Ok(body)
}

/// The two parts of an Annex C response, borrowed from its CBOR.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SealedResponse<'a> {
    /// The HPKE encapsulated key: the wallet's ephemeral P-256 point, uncompressed.
    pub enc: &'a [u8],
    /// The HPKE ciphertext, tag included.
    pub cipher_text: &'a [u8],
}

/// What a response's CBOR turned out to be.
#[derive(Debug)]
enum Parsed<'a> {
    Sealed(SealedResponse<'a>),
    /// A map at the top: a DeviceResponse sent in the clear.
    Plain,
}

fn cbor_options() -> Options {
    let mut options = Options::default();
    // The envelope is flat: its one large string is the ciphertext (a whole DeviceResponse).
    options.budget.max_string_bytes = options.budget.max_input_bytes;
    options
}

fn parse(bytes: &[u8]) -> Result<Parsed<'_>, Error> {
    let item = cbor::decode(bytes, &cbor_options())?;
    if item.as_map().is_some() {
        return Ok(Parsed::Plain);
    }
    let body = dcapi_body(&item, &["enc", "cipherText"])?;
    let (Some(enc), Some(cipher_text)) = (
        body.get("enc").and_then(cbor::Item::as_bytes),
        body.get("cipherText").and_then(cbor::Item::as_bytes),
    ) else {
        return Err(format("shape"));
    };
    Ok(Parsed::Sealed(SealedResponse { enc, cipher_text }))
}

/// Reads the CBOR of an Annex C response (`["dcapi", {"enc": bstr, "cipherText": bstr}]`,
/// exactly those two keys) without decrypting it.
pub fn parse_response(cbor_bytes: &[u8]) -> Result<SealedResponse<'_>, Error> {
    match parse(cbor_bytes)? {
        Parsed::Sealed(s) => Ok(s),
        Parsed::Plain => Err(Error::ResponseNotEncrypted),
    }
}

/// Opens the `response` of an `org-iso-mdoc` answer (base64url, as in `credential.data`) with
/// the request's `key` and the SessionTranscript's CBOR bytes as HPKE `info` (`aad` empty):
/// the DeviceResponse's CBOR bytes.
///
/// A response that is a CBOR map (a DeviceResponse in the clear) is
/// [`Error::ResponseNotEncrypted`] when `encryption_required`, else returned as it is.
/// [`Error::DecryptFailed`] when it does not open: another key, another SessionTranscript
/// (origin, nonce or `encryptionInfo`), or altered bytes.
pub fn open_response(
    response: &str,
    key: &RecipientKey,
    session_transcript: &[u8],
    encryption_required: bool,
) -> Result<Vec<u8>, Error> {
    if response.len() > MAX_RESPONSE_CHARS {
        return Err(Error::InputTooLarge {
            len: response.len(),
            max: MAX_RESPONSE_CHARS,
        });
    }
    let bytes = b64::decode_url(response).ok_or(format("base64url"))?;
    let sealed = match parse(&bytes)? {
        Parsed::Sealed(s) => s,
        Parsed::Plain if encryption_required => return Err(Error::ResponseNotEncrypted),
        Parsed::Plain => return Ok(bytes),
    };
    open(key, sealed.enc, session_transcript, b"", sealed.cipher_text).map_err(|e| match e {
        OpenError::Enc => format("enc"),
        OpenError::Decrypt => Error::DecryptFailed { scheme: "hpke" },
    })
}

/// The CBOR of an Annex C response sealing `device_response` to `recipient` (SEC1 P-256)
/// under `session_transcript`, the wallet's ephemeral key derived from `ikm_e` (≥ 32 random
/// bytes). What a wallet does; for tests and demo wallets.
pub fn seal_response(
    device_response: &[u8],
    recipient: &[u8],
    ikm_e: &[u8],
    session_transcript: &[u8],
) -> Result<Vec<u8>, Error> {
    let (enc, ct) = super::seal(recipient, ikm_e, session_transcript, b"", device_response)?;
    let mut e = Encoder::new();
    e.array(2).text(DCAPI).map(2);
    e.text("enc").bytes(&enc).text("cipherText").bytes(&ct);
    Ok(e.into_bytes())
}
