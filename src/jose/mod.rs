//! JWS compact serialization (RFC 7515) and JWK (RFC 7517) for verification only, with an
//! explicit algorithm allow-list from the caller: the algorithm is never taken from the token
//! alone and `none` is never accepted (RFC 8725 §3.1–3.2).

pub mod b64;
mod json;
#[cfg(feature = "decrypt")]
pub mod jwe;
mod jwk;
mod x5c;

use serde_json::{Map, Value};

use crate::crypto::{self, CryptoError, SigAlg, SigEncoding};
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

    /// The signature algorithm.
    pub fn sig_alg(self) -> SigAlg {
        match self {
            Algorithm::Es256 => SigAlg::ES256,
            Algorithm::Es384 => SigAlg::ES384,
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

pub use crate::crypto::PublicKey;

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
        let alg = self.algorithm(allowed)?.sig_alg();
        // JWS ECDSA signatures are the fixed-width r‖s form (RFC 7518 §3.4), never DER.
        crypto::verify(
            &[alg],
            alg,
            key,
            self.signing_input.as_bytes(),
            &self.signature,
            SigEncoding::Raw,
        )
        .map_err(|e| match e {
            CryptoError::AlgorithmNotAllowed | CryptoError::AlgorithmDisabled => {
                Error::JwsAlgorithmNotAllowed
            }
            // A key of one curve with the other curve's algorithm (RFC 7518 §3.4 pairs them),
            // a malformed or a wrong signature.
            _ => Error::JwsSignatureInvalid,
        })
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
        PublicKey::from_sec1(
            crate::crypto::Curve::P256,
            key(seed).verifying_key().to_sec1_point(false).as_bytes(),
        )
        .unwrap()
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
        let point = k.verifying_key().to_sec1_point(false);
        let p384_key = PublicKey::p384_from_sec1(point.as_bytes()).unwrap();
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
