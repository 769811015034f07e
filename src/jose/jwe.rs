//! JWE compact serialization (RFC 7516 §7.1), decryption only, for OpenID4VP 1.0 encrypted
//! responses (`dc_api.jwt`, §8.3): `alg` `ECDH-ES` (direct key agreement, RFC 7518 §4.6) with an
//! ephemeral P-256 `epk`, `enc` `A128GCM` or `A256GCM` (RFC 7518 §5.3) — exactly what HAIP 1.0
//! requires verifiers to support (`../shared/spec/openid4vc-haip-1.0.md`). Everything else is
//! refused with [`Error::JweUnsupported`]. Feature `decrypt`.
//!
//! The verifier makes one [`RecipientKey`] per request and puts [`encryption_jwk`] (or the
//! whole [`client_metadata`]) into the request; [`open_authorization_response`] reads the
//! `credential.data` the wallet answered with, refusing plaintext when encryption was asked.
//!
//! Header choices: parsed with the strict JSON reader (duplicate members refused), `crit` and
//! `zip` refused, unknown members ignored (RFC 7516 §4). A header `kid` must equal the request
//! key's `kid` when both are there; a header without `kid` is accepted (only this request's
//! key can open it anyway).

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::{b64, parse_json};
use crate::crypto::ecdh::{RecipientKey, P256_SCALAR_LEN};
use crate::crypto::{aes_gcm_open, aes_gcm_seal, NONCE_LEN, TAG_LEN};
use crate::error::Error;

/// Largest compact JWE accepted, in characters: a few MB of `vp_token` (mdoc portraits).
pub const MAX_JWE_CHARS: usize = 6 << 20;
/// Longest header value quoted back in an error, in characters.
const MAX_VALUE_IN_ERROR: usize = 64;
/// The key agreement algorithm.
const ECDH_ES: &str = "ECDH-ES";

/// A JWE content encryption algorithm this verifier opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ContentEncryption {
    /// AES-128-GCM (`A128GCM`, OpenID4VP's default).
    A128Gcm,
    /// AES-256-GCM (`A256GCM`, HAIP's preference).
    A256Gcm,
}

impl ContentEncryption {
    /// The `enc` header value.
    pub fn name(self) -> &'static str {
        match self {
            ContentEncryption::A128Gcm => "A128GCM",
            ContentEncryption::A256Gcm => "A256GCM",
        }
    }

    /// From an `enc` value.
    pub fn from_name(name: &str) -> Option<ContentEncryption> {
        match name {
            "A128GCM" => Some(ContentEncryption::A128Gcm),
            "A256GCM" => Some(ContentEncryption::A256Gcm),
            _ => None,
        }
    }

    /// The content encryption key length in bytes.
    pub fn key_len(self) -> usize {
        match self {
            ContentEncryption::A128Gcm => 16,
            ContentEncryption::A256Gcm => 32,
        }
    }
}

/// The request's decryption key, with the `kid` its JWK carried (if any).
#[derive(Clone, Copy, Debug)]
pub struct JweKey<'a> {
    /// The private key made for the request.
    pub key: &'a RecipientKey,
    /// The `kid` of its JWK in the request.
    pub kid: Option<&'a str>,
}

/// A decrypted JWE.
#[derive(Clone, Debug, PartialEq)]
pub struct Decrypted {
    /// The protected header.
    pub header: Map<String, Value>,
    /// Its `enc`.
    pub enc: ContentEncryption,
    /// The plaintext.
    pub plaintext: Vec<u8>,
}

fn format(reason: &'static str) -> Error {
    Error::JweFormat { reason }
}

fn unsupported(parameter: &'static str, value: &Value) -> Error {
    let text = match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    Error::JweUnsupported {
        parameter,
        value: text.chars().take(MAX_VALUE_IN_ERROR).collect(),
    }
}

/// The public JWK of `key` for OpenID4VP `client_metadata.jwks` (§5.1, §8.3): `kty`, `crv`,
/// `x`, `y`, `use: "enc"`, `alg: "ECDH-ES"` and `kid`.
pub fn encryption_jwk(key: &RecipientKey, kid: &str) -> Value {
    let mut jwk = key.public_key().to_jwk();
    if let Value::Object(m) = &mut jwk {
        m.insert("use".into(), "enc".into());
        m.insert("alg".into(), ECDH_ES.into());
        m.insert("kid".into(), kid.into());
    }
    jwk
}

/// The `client_metadata` members for an encrypted response to `key`: `jwks` with
/// [`encryption_jwk`], and `encrypted_response_enc_values_supported` listing `A128GCM` and
/// `A256GCM` (HAIP 1.0 requires verifiers to list both).
pub fn client_metadata(key: &RecipientKey, kid: &str) -> Value {
    // Not `json!`: its interpolations go through the serializer (a larger wasm module).
    let mut jwks = Map::new();
    jwks.insert("keys".into(), vec![encryption_jwk(key, kid)].into());
    let mut m = Map::new();
    m.insert("jwks".into(), jwks.into());
    m.insert(
        "encrypted_response_enc_values_supported".into(),
        vec!["A128GCM", "A256GCM"].into(),
    );
    m.into()
}

/// The Concat KDF of RFC 7518 §4.6.2 (NIST SP 800-56A, SHA-256) for direct ECDH-ES: `key_len`
/// bytes from the shared secret `z`, `AlgorithmID` = the `enc` value, `PartyUInfo` = `apu`,
/// `PartyVInfo` = `apv`, `SuppPubInfo` = the key length in bits.
pub fn concat_kdf(z: &[u8], enc: &str, apu: &[u8], apv: &[u8], key_len: usize) -> Vec<u8> {
    let len32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX).to_be_bytes();
    let mut out = Vec::with_capacity(key_len + 32);
    let mut counter: u32 = 1;
    while out.len() < key_len {
        let mut h = Sha256::new();
        h.update(counter.to_be_bytes());
        h.update(z);
        h.update(len32(enc.len()));
        h.update(enc.as_bytes());
        h.update(len32(apu.len()));
        h.update(apu);
        h.update(len32(apv.len()));
        h.update(apv);
        h.update(len32(key_len.saturating_mul(8)));
        out.extend_from_slice(&h.finalize());
        counter = counter.saturating_add(1);
    }
    out.truncate(key_len);
    out
}

/// A base64url member of `header`, absent → empty.
fn b64_member(
    header: &Map<String, Value>,
    name: &str,
    reason: &'static str,
) -> Result<Vec<u8>, Error> {
    match header.get(name) {
        None => Ok(Vec::new()),
        Some(Value::String(s)) => b64::decode_url(s).ok_or(format(reason)),
        Some(_) => Err(format(reason)),
    }
}

/// The `epk`: a public EC P-256 JWK on the curve, uncompressed SEC1.
fn epk_point(header: &Map<String, Value>) -> Result<Vec<u8>, Error> {
    let epk = header
        .get("epk")
        .and_then(Value::as_object)
        .ok_or(format("epk"))?;
    let kty = epk.get("kty").ok_or(format("epk"))?;
    if kty.as_str() != Some("EC") {
        return Err(unsupported("epk.kty", kty));
    }
    let crv = epk.get("crv").ok_or(format("epk"))?;
    if crv.as_str() != Some("P-256") {
        return Err(unsupported("epk.crv", crv));
    }
    if epk.contains_key("d") {
        return Err(format("epk"));
    }
    let coordinate = |name: &str| {
        epk.get(name)
            .and_then(Value::as_str)
            .and_then(b64::decode_url)
            .filter(|c| c.len() == P256_SCALAR_LEN)
            .ok_or(format("epk"))
    };
    let mut point = vec![0x04];
    point.extend_from_slice(&coordinate("x")?);
    point.extend_from_slice(&coordinate("y")?);
    crate::crypto::ecdh::p256_point(&point).ok_or(format("epk"))?;
    Ok(point)
}

/// Decrypts a compact JWE with `key` (see the module docs for what is accepted).
pub fn decrypt(jwe: &str, key: JweKey<'_>) -> Result<Decrypted, Error> {
    if jwe.len() > MAX_JWE_CHARS {
        return Err(Error::InputTooLarge {
            len: jwe.len(),
            max: MAX_JWE_CHARS,
        });
    }
    let mut parts = jwe.split('.');
    let (Some(h), Some(ek), Some(iv), Some(ct), Some(tag), None) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return Err(format("parts"));
    };
    let header = match parse_json(&b64::decode_url(h).ok_or(format("header"))?)? {
        Value::Object(m) => m,
        _ => return Err(format("header")),
    };
    if let Some(crit) = header.get("crit") {
        return Err(unsupported("crit", crit));
    }
    let alg = header.get("alg").ok_or(format("header"))?;
    if alg.as_str() != Some(ECDH_ES) {
        return Err(unsupported("alg", alg));
    }
    let enc_value = header.get("enc").ok_or(format("header"))?;
    let enc = enc_value
        .as_str()
        .and_then(ContentEncryption::from_name)
        .ok_or_else(|| unsupported("enc", enc_value))?;
    if let Some(zip) = header.get("zip") {
        return Err(unsupported("zip", zip));
    }
    match (header.get("kid"), key.kid) {
        (Some(Value::String(got)), Some(want)) if got != want => {
            return Err(Error::JweKidMismatch {
                kid: got.chars().take(MAX_VALUE_IN_ERROR).collect(),
            })
        }
        (Some(Value::String(_)) | None, _) => {}
        (Some(_), _) => return Err(format("header")),
    }
    let epk = epk_point(&header)?;
    let apu = b64_member(&header, "apu", "apu")?;
    let apv = b64_member(&header, "apv", "apv")?;
    // ECDH-ES in direct key agreement mode has an empty JWE Encrypted Key (RFC 7518 §4.6).
    if !ek.is_empty() {
        return Err(format("encrypted-key"));
    }
    let iv: [u8; NONCE_LEN] = b64::decode_url(iv)
        .and_then(|v| v.try_into().ok())
        .ok_or(format("iv"))?;
    let ciphertext = b64::decode_url(ct).ok_or(format("base64url"))?;
    let tag: [u8; TAG_LEN] = b64::decode_url(tag)
        .and_then(|v| v.try_into().ok())
        .ok_or(format("tag"))?;
    let z = key.key.agree(&epk).ok_or(format("epk"))?;
    let cek = concat_kdf(&z, enc.name(), &apu, &apv, enc.key_len());
    // The AAD is the ASCII of the encoded protected header (RFC 7516 §5.1 step 14).
    let plaintext = aes_gcm_open(&cek, &iv, h.as_bytes(), &ciphertext, &tag)
        .ok_or(Error::DecryptFailed { scheme: "jwe" })?;
    Ok(Decrypted {
        header,
        enc,
        plaintext,
    })
}

/// Reads `credential.data` of an OpenID4VP answer over the Digital Credentials API (its JSON
/// text) into the authorization response parameters (`vp_token`, or `error` …):
///
/// - `{"response": "<JWE>"}` (`dc_api.jwt`, nothing else beside it) is decrypted with `key`
///   and its payload must be a JSON object;
/// - any other object is a response in the clear (`dc_api`): [`Error::ResponseNotEncrypted`]
///   when `encryption_required`, except an error response (`error` without `vp_token`), which
///   a wallet that cannot encrypt may send in the clear (OpenID4VP 1.0 §8.3.1, `direct_post.jwt`).
///
/// An encrypted answer without a `key`, or `encryption_required` without one, is
/// [`Error::DecryptionKeyInvalid`].
pub fn open_authorization_response(
    data: &str,
    key: Option<JweKey<'_>>,
    encryption_required: bool,
) -> Result<Map<String, Value>, Error> {
    if data.len() > MAX_JWE_CHARS {
        return Err(Error::InputTooLarge {
            len: data.len(),
            max: MAX_JWE_CHARS,
        });
    }
    let Value::Object(object) = parse_json(data.as_bytes())? else {
        return Err(format("payload"));
    };
    if encryption_required && key.is_none() {
        return Err(Error::DecryptionKeyInvalid);
    }
    match object.get("response") {
        Some(Value::String(jwe)) if object.len() == 1 => {
            let key = key.ok_or(Error::DecryptionKeyInvalid)?;
            match parse_json(&decrypt(jwe, key)?.plaintext)? {
                Value::Object(params) => Ok(params),
                _ => Err(format("payload")),
            }
        }
        Some(_) => Err(format("payload")),
        None => {
            let error_only = object.contains_key("error") && !object.contains_key("vp_token");
            if encryption_required && !error_only {
                return Err(Error::ResponseNotEncrypted);
            }
            Ok(object)
        }
    }
}

/// Encrypts `plaintext` to `recipient` (a P-256 public key) as a compact JWE with `ECDH-ES`
/// and `enc`, the sender's ephemeral key derived from `ikm_e` (≥ 32 random bytes) and the IV
/// given: what a wallet does, for tests and demo wallets.
pub fn encrypt(
    plaintext: &[u8],
    recipient: &crate::crypto::PublicKey,
    kid: Option<&str>,
    enc: ContentEncryption,
    ikm_e: &[u8],
    iv: [u8; NONCE_LEN],
) -> Result<String, Error> {
    let ephemeral = RecipientKey::derive(ikm_e)?;
    let z = ephemeral
        .agree_with_key(recipient)
        .ok_or(Error::JwkInvalid)?;
    let mut epk = ephemeral.public_key().to_jwk();
    let mut header = Map::new();
    header.insert("alg".into(), ECDH_ES.into());
    header.insert("enc".into(), enc.name().into());
    if let Some(kid) = kid {
        header.insert("kid".into(), kid.into());
    }
    if let Value::Object(m) = &mut epk {
        m.remove("kid");
    }
    header.insert("epk".into(), epk);
    let h = b64::encode_url(Value::Object(header).to_string().as_bytes());
    let cek = concat_kdf(&z, enc.name(), b"", b"", enc.key_len());
    let (ct, tag) =
        aes_gcm_seal(&cek, &iv, h.as_bytes(), plaintext).ok_or(Error::DecryptionKeyInvalid)?;
    Ok(format!(
        "{h}..{}.{}.{}",
        b64::encode_url(&iv),
        b64::encode_url(&ct),
        b64::encode_url(&tag)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concat_kdf_matches_rfc7518_appendix_c() {
        // RFC 7518 Appendix C: ECDH-ES, A128GCM, apu "Alice", apv "Bob".
        let z = [
            158, 86, 217, 29, 129, 113, 53, 211, 114, 131, 66, 131, 191, 132, 38, 156, 251, 49,
            110, 163, 218, 128, 106, 72, 246, 218, 167, 121, 140, 254, 144, 196,
        ];
        let cek = concat_kdf(&z, "A128GCM", b"Alice", b"Bob", 16);
        assert_eq!(b64::encode_url(&cek), "VqqN6vgjbSBcIijNcacQGg");
        // Longer keys: the first block, then the second (counter 2).
        let long = concat_kdf(&z, "A128GCM", b"Alice", b"Bob", 48);
        assert_eq!(long.len(), 48);
        assert_ne!(
            long[..16],
            cek[..],
            "SuppPubInfo (the length) changes the key"
        );
    }

    #[test]
    fn content_encryption_names() {
        for e in [ContentEncryption::A128Gcm, ContentEncryption::A256Gcm] {
            assert_eq!(ContentEncryption::from_name(e.name()), Some(e));
        }
        assert_eq!(ContentEncryption::from_name("a128gcm"), None);
        assert_eq!(ContentEncryption::from_name("A192GCM"), None);
    }
}
