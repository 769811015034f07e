//! COSE (RFC 9052/9053) as ISO 18013-5 mdoc uses it: `COSE_Sign1` (issuerAuth, deviceSignature,
//! VICALs), `COSE_Mac0` (deviceMac), `COSE_Key` (the MSO device key) and the `x5chain` header
//! (RFC 9360). Verification only.
//!
//! Rules (`docs/mdoc.md`, "COSE"):
//! - the algorithm is read **only** from the protected header; an `alg` that is only in the
//!   unprotected header counts as missing ([`Error::CoseAlgNotAllowed`] `alg: "missing"`);
//! - `Sig_structure` / `MAC_structure` embed the protected header exactly as received (the byte
//!   string's content), never a re-encoding;
//! - a nil payload is detached and must be supplied by the caller; an embedded payload is used
//!   as is (callers that computed the payload compare it, see [`Sign1::payload`]);
//! - a label in both headers, and any `crit` header, are refused;
//! - `COSE_Key` is EC2 on P-256/P-384/P-521 only, public only.

mod mac;

pub use mac::{hkdf_sha256, hmac_sha256};

use crate::cbor::{self, Encoder, Item, Options, Value};
use crate::crypto::{self, Curve, PublicKey, SigAlg, SigEncoding};
use crate::error::Error;

/// COSE header label `alg` (RFC 9052 §3.1).
pub const HEADER_ALG: i64 = 1;
/// COSE header label `crit`.
pub const HEADER_CRIT: i64 = 2;
/// COSE header label `x5chain` (RFC 9360 §2).
pub const HEADER_X5CHAIN: i64 = 33;
/// CBOR tag of `COSE_Sign1_Tagged`.
pub const TAG_SIGN1: u64 = 18;
/// CBOR tag of `COSE_Mac0_Tagged`.
pub const TAG_MAC0: u64 = 17;
/// COSE algorithm `HMAC 256/256` (RFC 9053 §3.1), the deviceMac algorithm.
pub const ALG_HMAC_256_256: i64 = 5;

/// The signature algorithms COSE_Sign1 verification accepts unless the caller narrows them:
/// ES256, ES384, ES512 (ISO 18013-5 §9.1.2.4 lists these curves for issuerAuth).
pub const DEFAULT_SIG_ALGS: [SigAlg; 3] = [SigAlg::ES256, SigAlg::ES384, SigAlg::ES512];

/// The signature algorithm a COSE `alg` number names (RFC 9053 §2.1; the fully specified
/// ESP256/ESP384/ESP512 of RFC 9864 name the same curves). `None` for anything else.
pub fn sig_alg(alg: i64) -> Option<SigAlg> {
    match alg {
        -7 | -9 => Some(SigAlg::ES256),
        -35 | -51 => Some(SigAlg::ES384),
        -36 | -52 => Some(SigAlg::ES512),
        _ => None,
    }
}

/// The two header maps of a COSE message.
#[derive(Clone, Debug)]
pub struct Headers<'a> {
    /// The protected header's bytes exactly as received (the byte string's content; empty for
    /// an empty protected header).
    pub protected_bytes: &'a [u8],
    /// The protected header map (empty when `protected_bytes` is empty).
    pub protected: Vec<(Item<'a>, Item<'a>)>,
    /// The unprotected header map.
    pub unprotected: Vec<(Item<'a>, Item<'a>)>,
}

fn label(entries: &[(Item<'_>, Item<'_>)], label: i64) -> Option<usize> {
    entries
        .iter()
        .position(|(k, _)| k.as_i128() == Some(i128::from(label)))
}

impl<'a> Headers<'a> {
    fn parse(protected: &Item<'a>, unprotected: &Item<'a>) -> Result<Headers<'a>, Error> {
        let format = |reason| Error::CoseFormat { reason };
        let protected_bytes = protected.as_bytes().ok_or(format("protected"))?;
        let protected_map = if protected_bytes.is_empty() {
            Vec::new()
        } else {
            // An empty map (`a0`) is accepted too: RFC 9052 §3 only recommends the empty
            // string, and the signature covers the bytes as sent either way.
            let item = cbor::decode(protected_bytes, &Options::default())?;
            item.as_map().ok_or(format("protected"))?.to_vec()
        };
        let unprotected_map = unprotected.as_map().ok_or(format("structure"))?.to_vec();
        for (k, _) in &protected_map {
            if unprotected_map.iter().any(|(u, _)| u == k) {
                return Err(format("header-label-in-both"));
            }
        }
        if label(&protected_map, HEADER_CRIT).is_some()
            || label(&unprotected_map, HEADER_CRIT).is_some()
        {
            return Err(format("crit"));
        }
        Ok(Headers {
            protected_bytes,
            protected: protected_map,
            unprotected: unprotected_map,
        })
    }

    /// The value of `label` in the protected header.
    pub fn protected(&self, l: i64) -> Option<&Item<'a>> {
        label(&self.protected, l).and_then(|i| self.protected.get(i).map(|(_, v)| v))
    }

    /// The value of `label` in either header (protected first).
    pub fn any(&self, l: i64) -> Option<&Item<'a>> {
        self.protected(l).or_else(|| {
            label(&self.unprotected, l).and_then(|i| self.unprotected.get(i).map(|(_, v)| v))
        })
    }

    /// The `alg` of the protected header, as an integer; [`Error::CoseAlgNotAllowed`] when
    /// absent there (even if the unprotected header has one) or not an integer.
    pub fn alg(&self) -> Result<i64, Error> {
        let missing = || Error::CoseAlgNotAllowed {
            alg: "missing".into(),
        };
        let alg = self.protected(HEADER_ALG).ok_or_else(missing)?;
        match alg.as_i64() {
            Some(n) => Ok(n),
            None => Err(Error::CoseAlgNotAllowed {
                alg: alg.as_text().unwrap_or("non-integer").to_owned(),
            }),
        }
    }

    /// The DER certificates of `x5chain` (label 33, either header; RFC 9360 §2): one byte
    /// string, or an array of at least one.
    pub fn x5chain(&self) -> Result<Vec<&'a [u8]>, Error> {
        // Errors made where they happen, never cloned (`Error::clone` is one large function
        // over every variant in the wasm module).
        let malformed = || Error::CoseX5chain {
            reason: "malformed",
        };
        let item = self
            .any(HEADER_X5CHAIN)
            .ok_or(Error::CoseX5chain { reason: "missing" })?;
        if let Some(b) = item.as_bytes() {
            return Ok(vec![b]);
        }
        let items = item.as_array().ok_or_else(malformed)?;
        if items.is_empty() {
            return Err(malformed());
        }
        let mut chain = Vec::with_capacity(items.len());
        for i in items {
            chain.push(i.as_bytes().ok_or_else(malformed)?);
        }
        Ok(chain)
    }
}

/// The four elements of a COSE_Sign1 or COSE_Mac0, optionally tagged with `tag`.
fn four<'b, 'a>(item: &'b Item<'a>, tag: u64) -> Result<&'b [Item<'a>], Error> {
    let item = match item.as_tag() {
        Some((t, content)) if t == tag => content,
        Some(_) => {
            return Err(Error::CoseFormat {
                reason: "structure",
            })
        }
        None => item,
    };
    match item.as_array() {
        Some(parts) if parts.len() == 4 => Ok(parts),
        _ => Err(Error::CoseFormat {
            reason: "structure",
        }),
    }
}

/// The payload element: `Some(bytes)` embedded, `None` for nil (detached).
fn payload_of<'a>(item: &Item<'a>) -> Result<Option<&'a [u8]>, Error> {
    match item.value() {
        Value::Null => Ok(None),
        Value::Bytes(b) => Ok(Some(b)),
        _ => Err(Error::CosePayload {
            reason: "not-bytes",
        }),
    }
}

/// A decoded `COSE_Sign1` (RFC 9052 §4.2), borrowing the received bytes.
#[derive(Clone, Debug)]
pub struct Sign1<'a> {
    /// The headers.
    pub headers: Headers<'a>,
    payload: Option<&'a [u8]>,
    signature: &'a [u8],
}

impl<'a> Sign1<'a> {
    /// Reads a COSE_Sign1 (tagged 18 or not) from a decoded item.
    pub fn from_item(item: &Item<'a>) -> Result<Sign1<'a>, Error> {
        let parts = four(item, TAG_SIGN1)?;
        let [protected, unprotected, payload, signature] = parts else {
            return Err(Error::CoseFormat {
                reason: "structure",
            });
        };
        let headers = Headers::parse(protected, unprotected)?;
        let payload = payload_of(payload)?;
        let signature = signature.as_bytes().ok_or(Error::CoseFormat {
            reason: "structure",
        })?;
        Ok(Sign1 {
            headers,
            payload,
            signature,
        })
    }

    /// Decodes `bytes` as one COSE_Sign1.
    pub fn decode(bytes: &'a [u8], options: &Options) -> Result<Sign1<'a>, Error> {
        // The borrow of the decoded tree ends here; every field borrows `bytes`.
        let item = cbor::decode(bytes, options)?;
        Sign1::from_item(&item)
    }

    /// The embedded payload; `None` when detached (nil).
    pub fn payload(&self) -> Option<&'a [u8]> {
        self.payload
    }

    /// The signature algorithm, from the protected header only, checked against `allow`.
    pub fn sig_alg(&self, allow: &[SigAlg]) -> Result<SigAlg, Error> {
        let n = self.headers.alg()?;
        sig_alg(n)
            .filter(|a| allow.contains(a))
            .ok_or(Error::CoseAlgNotAllowed { alg: n.to_string() })
    }

    /// Verifies the signature with `key` over `Sig_structure = ["Signature1", protected, h'',
    /// payload]` (RFC 9052 §4.4), the payload being the embedded one or, when detached,
    /// `detached` ([`Error::CosePayload`] `missing` if neither). When both are present the
    /// embedded one is what was signed; callers that require equality check it first.
    ///
    /// Errors: [`Error::CoseAlgNotAllowed`]; [`Error::CoseSignatureInvalid`] for a signature
    /// that is malformed, does not verify, or whose key does not go with the algorithm.
    pub fn verify(
        &self,
        key: &PublicKey,
        allow: &[SigAlg],
        detached: Option<&[u8]>,
    ) -> Result<(), Error> {
        let alg = self.sig_alg(allow)?;
        let payload = self
            .payload
            .or(detached)
            .ok_or(Error::CosePayload { reason: "missing" })?;
        let tbs = sig_structure(self.headers.protected_bytes, payload);
        crypto::verify(allow, alg, key, &tbs, self.signature, SigEncoding::Raw).map_err(|e| match e
        {
            crypto::CryptoError::AlgorithmNotAllowed | crypto::CryptoError::AlgorithmDisabled => {
                Error::CoseAlgNotAllowed {
                    alg: self
                        .headers
                        .alg()
                        .map(|a| a.to_string())
                        .unwrap_or_default(),
                }
            }
            _ => Error::CoseSignatureInvalid,
        })
    }
}

/// `Sig_structure` for COSE_Sign1 with empty external AAD (RFC 9052 §4.4).
pub fn sig_structure(protected: &[u8], payload: &[u8]) -> Vec<u8> {
    let mut e = Encoder::new();
    e.array(4)
        .text("Signature1")
        .bytes(protected)
        .bytes(&[])
        .bytes(payload);
    e.into_bytes()
}

/// `MAC_structure` for COSE_Mac0 with empty external AAD (RFC 9052 §6.3).
pub fn mac_structure(protected: &[u8], payload: &[u8]) -> Vec<u8> {
    let mut e = Encoder::new();
    e.array(4)
        .text("MAC0")
        .bytes(protected)
        .bytes(&[])
        .bytes(payload);
    e.into_bytes()
}

/// A decoded `COSE_Mac0` (RFC 9052 §6.2).
#[derive(Clone, Debug)]
pub struct Mac0<'a> {
    /// The headers.
    pub headers: Headers<'a>,
    payload: Option<&'a [u8]>,
    tag: &'a [u8],
}

impl<'a> Mac0<'a> {
    /// Reads a COSE_Mac0 (tagged 17 or not) from a decoded item.
    pub fn from_item(item: &Item<'a>) -> Result<Mac0<'a>, Error> {
        let parts = four(item, TAG_MAC0)?;
        let [protected, unprotected, payload, tag] = parts else {
            return Err(Error::CoseFormat {
                reason: "structure",
            });
        };
        let headers = Headers::parse(protected, unprotected)?;
        let payload = payload_of(payload)?;
        let tag = tag.as_bytes().ok_or(Error::CoseFormat {
            reason: "structure",
        })?;
        Ok(Mac0 {
            headers,
            payload,
            tag,
        })
    }

    /// The embedded payload; `None` when detached (nil).
    pub fn payload(&self) -> Option<&'a [u8]> {
        self.payload
    }

    /// Checks the tag: `alg` (protected header) must be HMAC 256/256 (5), the tag
    /// HMAC-SHA-256(`key`, `MAC_structure`) compared in constant time. `Ok(false)` when it
    /// differs; errors for the algorithm and a missing payload.
    pub fn verify(&self, key: &[u8], detached: Option<&[u8]>) -> Result<bool, Error> {
        let alg = self.headers.alg()?;
        if alg != ALG_HMAC_256_256 {
            return Err(Error::CoseAlgNotAllowed {
                alg: alg.to_string(),
            });
        }
        let payload = self
            .payload
            .or(detached)
            .ok_or(Error::CosePayload { reason: "missing" })?;
        let expected = hmac_sha256(key, &mac_structure(self.headers.protected_bytes, payload));
        Ok(constant_time_eq(&expected, self.tag))
    }
}

/// Equality without an early exit on the first differing byte.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Reads a `COSE_Key` (RFC 9052 §7) that must be a public EC2 key (kty 2) on P-256 (crv 1),
/// P-384 (2) or P-521 (3) with both coordinates (RFC 9053 §7.1.1); anything else is
/// [`Error::CoseKeyUnsupported`] with the reason.
pub fn cose_key(item: &Item<'_>) -> Result<PublicKey, Error> {
    let err = |reason| Error::CoseKeyUnsupported { reason };
    let map = item.as_map().ok_or(err("format"))?;
    if map.iter().any(|(k, _)| k.as_i64().is_none()) {
        return Err(err("format"));
    }
    if item.get_int(1).and_then(Item::as_i64) != Some(2) {
        return Err(err("kty"));
    }
    if item.get_int(-4).is_some() {
        return Err(err("private"));
    }
    let curve = match item.get_int(-1).and_then(Item::as_i64) {
        Some(1) => Curve::P256,
        Some(2) => Curve::P384,
        Some(3) => Curve::P521,
        _ => return Err(err("crv")),
    };
    let x = item.get_int(-2).and_then(Item::as_bytes);
    let y = item.get_int(-3).and_then(Item::as_bytes);
    let (Some(x), Some(y)) = (x, y) else {
        return Err(err("coordinates"));
    };
    PublicKey::from_ec_coordinates(curve, x, y).map_err(|e| match e {
        crypto::CryptoError::AlgorithmDisabled | crypto::CryptoError::KeyUnsupported => err("crv"),
        _ => err("coordinates"),
    })
}

#[cfg(test)]
mod tests;
