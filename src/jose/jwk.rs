//! JWK (RFC 7517) reading and writing for [`PublicKey`], and RFC 7638 thumbprints.

use serde_json::Value;
use sha2::{Digest, Sha256};

use super::b64;
use crate::crypto::{Curve, KeyKind, PublicKey};
use crate::error::Error;

/// The JOSE `crv` name of a curve that has one (RFC 7518 §6.2.1.1).
fn crv_name(curve: Curve) -> Option<&'static str> {
    match curve {
        Curve::P256 => Some("P-256"),
        Curve::P384 => Some("P-384"),
        Curve::P521 => Some("P-521"),
        _ => None,
    }
}

impl PublicKey {
    /// From an uncompressed or compressed SEC1 point on P-256 ([`Error::JwkInvalid`] if not).
    pub fn p256_from_sec1(bytes: &[u8]) -> Result<PublicKey, Error> {
        PublicKey::from_sec1(Curve::P256, bytes).map_err(|_| Error::JwkInvalid)
    }

    /// From an uncompressed or compressed SEC1 point on P-384 ([`Error::JwkInvalid`] if not).
    pub fn p384_from_sec1(bytes: &[u8]) -> Result<PublicKey, Error> {
        PublicKey::from_sec1(Curve::P384, bytes).map_err(|_| Error::JwkInvalid)
    }

    /// From a JWK object (`kty` `EC`, `crv` `P-256` or `P-384`, `x`, `y`). Private members are
    /// refused: a verifier must never be handed a private key.
    pub fn from_jwk(jwk: &Value) -> Result<PublicKey, Error> {
        let obj = jwk.as_object().ok_or(Error::JwkInvalid)?;
        if obj.contains_key("d") {
            return Err(Error::JwkInvalid);
        }
        let field = |k: &str| obj.get(k).and_then(Value::as_str).ok_or(Error::JwkInvalid);
        let curve = match (field("kty")?, field("crv")?) {
            ("EC", "P-256") => Curve::P256,
            ("EC", "P-384") => Curve::P384,
            _ => return Err(Error::JwkInvalid),
        };
        let x = b64::decode_url(field("x")?).ok_or(Error::JwkInvalid)?;
        let y = b64::decode_url(field("y")?).ok_or(Error::JwkInvalid)?;
        PublicKey::from_ec_coordinates(curve, &x, &y).map_err(|_| Error::JwkInvalid)
    }

    /// The public JWK of this key: `EC` for the NIST curves, `RSA`, `OKP` for Ed25519
    /// (RFC 8037 §2); `null` for keys JOSE has no registered form for (brainpool, explicit
    /// parameters).
    pub fn to_jwk(&self) -> Value {
        // Not `json!`: each of its interpolations goes through `to_value(…).unwrap()` (more code
        // in the wasm module). The members are the same; a `Map` sorts them either way.
        let jwk = |members: &[(&str, String)]| {
            let mut m = serde_json::Map::new();
            for (k, v) in members {
                m.insert((*k).to_owned(), Value::String(v.clone()));
            }
            Value::Object(m)
        };
        match self.kind() {
            KeyKind::Ec(curve) => {
                let (Some(crv), Some(point)) = (crv_name(curve), self.sec1()) else {
                    return Value::Null;
                };
                let len = (point.len().saturating_sub(1)) / 2;
                let x = point.get(1..1 + len).unwrap_or_default();
                let y = point.get(1 + len..).unwrap_or_default();
                jwk(&[
                    ("kty", "EC".into()),
                    ("crv", crv.into()),
                    ("x", b64::encode_url(x)),
                    ("y", b64::encode_url(y)),
                ])
            }
            KeyKind::Rsa { .. } => match self.rsa_components() {
                Some((n, e)) => jwk(&[
                    ("kty", "RSA".into()),
                    ("n", b64::encode_url(n)),
                    ("e", b64::encode_url(e)),
                ]),
                None => Value::Null,
            },
            KeyKind::Ed25519 => match self.ed25519() {
                Some(k) => jwk(&[
                    ("kty", "OKP".into()),
                    ("crv", "Ed25519".into()),
                    ("x", b64::encode_url(k)),
                ]),
                None => Value::Null,
            },
        }
    }

    /// RFC 7638 JWK thumbprint (SHA-256, base64url): the hash of the required members in
    /// lexicographic order, without whitespace. Empty for a key without a JWK form.
    pub fn thumbprint(&self) -> String {
        let jwk = self.to_jwk();
        let s = |k: &str| jwk.get(k).and_then(Value::as_str).unwrap_or_default();
        let canonical = match s("kty") {
            "EC" => format!(
                r#"{{"crv":"{}","kty":"EC","x":"{}","y":"{}"}}"#,
                s("crv"),
                s("x"),
                s("y")
            ),
            "RSA" => format!(r#"{{"e":"{}","kty":"RSA","n":"{}"}}"#, s("e"), s("n")),
            "OKP" => format!(r#"{{"crv":"{}","kty":"OKP","x":"{}"}}"#, s("crv"), s("x")),
            _ => return String::new(),
        };
        b64::encode_url(&Sha256::digest(canonical.as_bytes()))
    }
}
