//! JWS compact serialization (RFC 7515) and JWK (RFC 7517) for verification only, with an
//! explicit algorithm allow-list from the caller: the algorithm is never taken from the token
//! alone and `none` is never accepted (RFC 8725 §3.1–3.2).

pub mod b64;
pub mod host;
mod json;

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::error::Error;

/// Largest JWS accepted (compact form), in bytes. SD-JWT VCs with a 2-certificate `x5c` are a
/// few KB; 64 KiB leaves room for large credentials while bounding work on hostile input.
pub const MAX_JWS_BYTES: usize = 65_536;
/// Deepest JSON nesting accepted in headers and payloads. Real credentials nest a handful of
/// levels; deep nesting is a known denial-of-service shape for JSON parsers.
pub const MAX_JSON_DEPTH: usize = 32;

/// JWS algorithms this library can verify (RFC 7518 §3.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Algorithm {
    /// ECDSA with P-256 and SHA-256 — required by HAIP.
    Es256,
    /// ECDSA with P-384 and SHA-384.
    Es384,
}

impl Algorithm {
    /// The `alg` header value.
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Es256 => "ES256",
            Algorithm::Es384 => "ES384",
        }
    }

    /// From an `alg` header value; `None` for anything unsupported (including `none`).
    pub fn from_name(s: &str) -> Option<Algorithm> {
        match s {
            "ES256" => Some(Algorithm::Es256),
            "ES384" => Some(Algorithm::Es384),
            _ => None,
        }
    }
}

/// A public key that can verify signatures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PublicKey {
    /// An ECDSA P-256 key.
    P256(p256::ecdsa::VerifyingKey),
    /// An ECDSA P-384 key.
    P384(p384::ecdsa::VerifyingKey),
}

impl PublicKey {
    /// From an uncompressed or compressed SEC1 point on P-256.
    pub fn p256_from_sec1(bytes: &[u8]) -> Result<PublicKey, Error> {
        p256::ecdsa::VerifyingKey::from_sec1_bytes(bytes)
            .map(PublicKey::P256)
            .map_err(|_| Error::JwkInvalid)
    }

    /// From an uncompressed or compressed SEC1 point on P-384.
    pub fn p384_from_sec1(bytes: &[u8]) -> Result<PublicKey, Error> {
        p384::ecdsa::VerifyingKey::from_sec1_bytes(bytes)
            .map(PublicKey::P384)
            .map_err(|_| Error::JwkInvalid)
    }

    /// From a certificate's key (`x509::PublicKey`).
    pub fn from_x509(key: &crate::x509::PublicKey) -> Result<PublicKey, Error> {
        match key.algorithm() {
            crate::x509::KeyAlgorithm::EcP256 => PublicKey::p256_from_sec1(key.sec1()),
            crate::x509::KeyAlgorithm::EcP384 => PublicKey::p384_from_sec1(key.sec1()),
        }
    }

    /// From a JWK object (`kty` `EC`, `crv` `P-256` or `P-384`, `x`, `y`). Private members are refused:
    /// a verifier must never be handed a private key.
    pub fn from_jwk(jwk: &Value) -> Result<PublicKey, Error> {
        let obj = jwk.as_object().ok_or(Error::JwkInvalid)?;
        if obj.contains_key("d") {
            return Err(Error::JwkInvalid);
        }
        let field = |k: &str| obj.get(k).and_then(Value::as_str).ok_or(Error::JwkInvalid);
        let len = match (field("kty")?, field("crv")?) {
            ("EC", "P-256") => 32,
            ("EC", "P-384") => 48,
            _ => return Err(Error::JwkInvalid),
        };
        let x = b64::decode_url(field("x")?).ok_or(Error::JwkInvalid)?;
        let y = b64::decode_url(field("y")?).ok_or(Error::JwkInvalid)?;
        if x.len() != len || y.len() != len {
            return Err(Error::JwkInvalid);
        }
        let mut sec1 = Vec::with_capacity(1 + 2 * len);
        sec1.push(0x04);
        sec1.extend_from_slice(&x);
        sec1.extend_from_slice(&y);
        if len == 32 {
            PublicKey::p256_from_sec1(&sec1)
        } else {
            PublicKey::p384_from_sec1(&sec1)
        }
    }

    /// The public JWK of this key.
    pub fn to_jwk(&self) -> Value {
        let (crv, point) = match self {
            PublicKey::P256(k) => ("P-256", k.to_sec1_point(false).as_bytes().to_vec()),
            PublicKey::P384(k) => ("P-384", k.to_sec1_point(false).as_bytes().to_vec()),
        };
        let len = (point.len().saturating_sub(1)) / 2;
        let x = point.get(1..1 + len).unwrap_or_default();
        let y = point.get(1 + len..).unwrap_or_default();
        serde_json::json!({ "kty": "EC", "crv": crv, "x": b64::encode_url(x), "y": b64::encode_url(y) })
    }

    /// RFC 7638 JWK thumbprint (SHA-256, base64url): the hash of the required members in
    /// lexicographic order, without whitespace.
    pub fn thumbprint(&self) -> String {
        let jwk = self.to_jwk();
        let s = |k: &str| {
            jwk.get(k)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned()
        };
        let canonical = format!(
            r#"{{"crv":"{}","kty":"{}","x":"{}","y":"{}"}}"#,
            s("crv"),
            s("kty"),
            s("x"),
            s("y")
        );
        b64::encode_url(&Sha256::digest(canonical.as_bytes()))
    }

    fn verify(&self, alg: Algorithm, input: &[u8], sig: &[u8]) -> Result<(), Error> {
        match (self, alg) {
            (PublicKey::P256(k), Algorithm::Es256) => {
                // JWS ECDSA signatures are the 64-byte r‖s form (RFC 7518 §3.4), never DER.
                if sig.len() != 64 {
                    return Err(Error::JwsSignatureInvalid);
                }
                let sec1 = k.to_sec1_point(false);
                if host::verify_p256(sec1.as_bytes(), input, sig, host::SigEncoding::Raw) {
                    Ok(())
                } else {
                    Err(Error::JwsSignatureInvalid)
                }
            }
            (PublicKey::P384(k), Algorithm::Es384) => {
                use p384::ecdsa::signature::Verifier;
                // 96-byte r‖s (RFC 7518 §3.4).
                let sig = p384::ecdsa::Signature::from_slice(sig)
                    .map_err(|_| Error::JwsSignatureInvalid)?;
                k.verify(input, &sig)
                    .map_err(|_| Error::JwsSignatureInvalid)
            }
            // A key of one curve with the other curve's algorithm (RFC 7518 §3.4 pairs them).
            _ => Err(Error::JwsSignatureInvalid),
        }
    }
}

/// A parsed, not yet verified, JWS in compact serialization.
#[derive(Clone, Debug)]
pub struct Jws<'a> {
    /// The protected header.
    pub header: Map<String, Value>,
    /// The decoded payload bytes.
    pub payload: Vec<u8>,
    signing_input: &'a str,
    signature: Vec<u8>,
}

/// Parses JSON strictly: duplicate member names and nesting deeper than [`MAX_JSON_DEPTH`] are
/// refused while parsing (`json::parse_strict`). Every JSON that arrives signed goes through here.
pub(crate) fn parse_json(bytes: &[u8]) -> Result<Value, Error> {
    json::parse_strict(bytes)
}

/// Nesting depth of a JSON value (a scalar is 0).
pub(crate) fn depth(v: &Value) -> usize {
    match v {
        Value::Array(a) => 1 + a.iter().map(depth).max().unwrap_or(0),
        Value::Object(o) => 1 + o.values().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

impl<'a> Jws<'a> {
    /// Splits and decodes `header.payload.signature`; checks sizes, JSON shape and that the
    /// header is an object without unsupported `crit` extensions.
    pub fn parse(token: &'a str) -> Result<Jws<'a>, Error> {
        Jws::parse_with_limit(token, MAX_JWS_BYTES)
    }

    /// [`Jws::parse`] with another size limit than [`MAX_JWS_BYTES`], for tokens that are
    /// legitimately larger than credentials (Status List Tokens, `crate::status`).
    pub fn parse_with_limit(token: &'a str, max_bytes: usize) -> Result<Jws<'a>, Error> {
        if token.len() > max_bytes {
            return Err(Error::InputTooLarge {
                len: token.len(),
                max: max_bytes,
            });
        }
        let mut parts = token.split('.');
        let (Some(h), Some(p), Some(s), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(Error::JwsFormat);
        };
        let header = match parse_json(&b64::decode_url(h).ok_or(Error::JwsFormat)?)? {
            Value::Object(m) => m,
            _ => return Err(Error::JwsFormat),
        };
        // RFC 7515 §4.1.11: a `crit` we do not understand makes the JWS invalid.
        if header.contains_key("crit") {
            return Err(Error::JwsCritUnsupported);
        }
        let payload = b64::decode_url(p).ok_or(Error::JwsFormat)?;
        let signature = b64::decode_url(s).ok_or(Error::JwsFormat)?;
        let signing_input = token.get(..h.len() + 1 + p.len()).ok_or(Error::JwsFormat)?;
        Ok(Jws {
            header,
            payload,
            signing_input,
            signature,
        })
    }

    /// The header's `alg`, checked against the caller's allow-list (`none` is never allowed).
    pub fn algorithm(&self, allowed: &[Algorithm]) -> Result<Algorithm, Error> {
        let name = self
            .header
            .get("alg")
            .and_then(Value::as_str)
            .ok_or(Error::JwsFormat)?;
        match Algorithm::from_name(name) {
            Some(a) if allowed.contains(&a) => Ok(a),
            _ => Err(Error::JwsAlgorithmNotAllowed),
        }
    }

    /// A string header parameter.
    pub fn header_str(&self, name: &str) -> Option<&str> {
        self.header.get(name).and_then(Value::as_str)
    }

    /// The `x5c` header: DER certificates, leaf first (standard base64, RFC 7515 §4.1.6).
    pub fn x5c(&self) -> Result<Vec<Vec<u8>>, Error> {
        match self.header.get("x5c") {
            None => Ok(Vec::new()),
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| v.as_str().and_then(b64::decode_std).ok_or(Error::JwsFormat))
                .collect(),
            Some(_) => Err(Error::JwsFormat),
        }
    }

    /// Verifies the signature with `key`, the algorithm checked against `allowed`.
    pub fn verify(&self, key: &PublicKey, allowed: &[Algorithm]) -> Result<(), Error> {
        let alg = self.algorithm(allowed)?;
        key.verify(alg, self.signing_input.as_bytes(), &self.signature)
    }

    /// The payload as a JSON object (depth-limited).
    pub fn claims(&self) -> Result<Map<String, Value>, Error> {
        match parse_json(&self.payload)? {
            Value::Object(m) => Ok(m),
            _ => Err(Error::JwsFormat),
        }
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Signing helpers for tests: deterministic keys (RFC 6979 signatures need no RNG).
    use super::b64;
    use p256::ecdsa::signature::Signer;
    use p256::ecdsa::{Signature, SigningKey};
    use serde_json::Value;

    pub fn key(seed: u8) -> SigningKey {
        let mut bytes = [0u8; 32];
        bytes[31] = seed.max(1);
        bytes[0] = 0x42;
        SigningKey::from_slice(&bytes).unwrap()
    }

    pub fn sign(key: &SigningKey, header: &Value, payload: &[u8]) -> String {
        let input = format!(
            "{}.{}",
            b64::encode_url(header.to_string().as_bytes()),
            b64::encode_url(payload)
        );
        let sig: Signature = key.sign(input.as_bytes());
        format!("{input}.{}", b64::encode_url(&sig.to_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{key, sign};
    use super::*;
    use serde_json::json;

    fn public(seed: u8) -> PublicKey {
        PublicKey::P256(*key(seed).verifying_key())
    }

    #[test]
    fn verifies_es256_and_rejects_tampering() {
        let jws = sign(&key(1), &json!({"alg": "ES256"}), b"{\"a\":1}");
        let parsed = Jws::parse(&jws).unwrap();
        parsed.verify(&public(1), &[Algorithm::Es256]).unwrap();
        assert_eq!(
            parsed.verify(&public(2), &[Algorithm::Es256]),
            Err(Error::JwsSignatureInvalid)
        );
        let tampered = jws.replacen("eyJhIjoxfQ", "eyJhIjoyfQ", 1);
        assert_eq!(
            Jws::parse(&tampered)
                .unwrap()
                .verify(&public(1), &[Algorithm::Es256]),
            Err(Error::JwsSignatureInvalid)
        );
    }

    #[test]
    fn never_accepts_none_or_unlisted_algorithms() {
        for alg in ["none", "HS256", "RS256", "ES512", "es256"] {
            let jws = sign(&key(1), &json!({"alg": alg}), b"{}");
            assert_eq!(
                Jws::parse(&jws)
                    .unwrap()
                    .verify(&public(1), &[Algorithm::Es256]),
                Err(Error::JwsAlgorithmNotAllowed),
                "{alg}"
            );
        }
        let jws = sign(&key(1), &json!({"alg": "ES256"}), b"{}");
        assert_eq!(
            Jws::parse(&jws).unwrap().verify(&public(1), &[]),
            Err(Error::JwsAlgorithmNotAllowed)
        );
    }

    #[test]
    fn rejects_malformed_compact_forms() {
        for bad in ["", "a.b", "a.b.c.d", "!!.e30.AA", "e30.e30.A", "W10.e30.AA"] {
            assert!(Jws::parse(bad).is_err(), "{bad}");
        }
        let crit = sign(&key(1), &json!({"alg": "ES256", "crit": ["exp"]}), b"{}");
        assert_eq!(Jws::parse(&crit).unwrap_err(), Error::JwsCritUnsupported);
    }

    #[test]
    fn rejects_deep_json() {
        let deep = format!("{}{}", "[".repeat(40), "]".repeat(40));
        let jws = sign(&key(1), &json!({"alg": "ES256"}), deep.as_bytes());
        assert_eq!(
            Jws::parse(&jws).unwrap().claims(),
            Err(Error::JsonTooDeep {
                max: MAX_JSON_DEPTH
            })
        );
    }

    #[test]
    fn p384_jwk_round_trips_and_keys_never_cross_algorithms() {
        let k = p384::ecdsa::SigningKey::from_slice(&[3u8; 48]).unwrap();
        let p384_key = PublicKey::P384(*k.verifying_key());
        let jwk = p384_key.to_jwk();
        assert_eq!(jwk["crv"], "P-384");
        assert_eq!(PublicKey::from_jwk(&jwk).unwrap(), p384_key);
        // A P-256 key with ES384, or a P-384 key with ES256, is an invalid signature.
        let jws = sign(&key(1), &json!({"alg": "ES384"}), b"{}");
        assert_eq!(
            Jws::parse(&jws)
                .unwrap()
                .verify(&public(1), &[Algorithm::Es384]),
            Err(Error::JwsSignatureInvalid)
        );
        let jws = sign(&key(1), &json!({"alg": "ES256"}), b"{}");
        assert_eq!(
            Jws::parse(&jws)
                .unwrap()
                .verify(&p384_key, &[Algorithm::Es256]),
            Err(Error::JwsSignatureInvalid)
        );
    }

    #[test]
    fn jwk_round_trip_and_rfc7638_thumbprint() {
        // RFC 9901 Appendix A.5 example issuer key.
        let jwk = json!({"kty": "EC", "crv": "P-256", "x": "b28d4MwZMjw8-00CG4xfnn9SLMVMM19SlqZpVb_uNtQ", "y": "Xv5zWwuoaTgdS6hV43yI6gBwTnjukmFQQnJ_kCxzqk8"});
        let k = PublicKey::from_jwk(&jwk).unwrap();
        assert_eq!(k.to_jwk(), jwk);
        assert_eq!(k.thumbprint().len(), 43);
        let mut private = jwk.clone();
        private["d"] = json!("AAAA");
        assert_eq!(PublicKey::from_jwk(&private), Err(Error::JwkInvalid));
        let mut off_curve = jwk;
        off_curve["y"] = json!("Xv5zWwuoaTgdS6hV43yI6gBwTnjukmFQQnJ_kCxzqk9");
        assert!(PublicKey::from_jwk(&off_curve).is_err());
    }
}
