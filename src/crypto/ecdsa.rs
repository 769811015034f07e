//! ECDSA verification (FIPS 186-5 §6.4.2): key and signature decoding for every curve, the
//! verification itself on our generic curve code (`weierstrass.rs`).

use super::der::{self, tag, Reader};
use super::key::{Domain, EcKey};
use super::{weierstrass, CryptoError, Curve, SigEncoding};

/// Reads a SEC1 point on a named curve and returns the key with the point uncompressed.
/// Compressed points are read on the NIST curves only.
pub(super) fn named_key(curve: Curve, sec1: &[u8]) -> Result<EcKey, CryptoError> {
    // Off features leave the curve without parameters.
    let domain = Domain::named(curve).ok_or(CryptoError::KeyUnsupported)?;
    let c = weierstrass::Curve::new(&domain)?;
    let point = match sec1.first() {
        Some(0x02 | 0x03) if matches!(curve, Curve::P256 | Curve::P384 | Curve::P521) => {
            c.decompress(sec1)?
        }
        _ => {
            c.check_point(sec1)?;
            sec1.to_vec()
        }
    };
    Ok(EcKey {
        curve,
        point,
        domain: None,
    })
}

/// A key on explicit domain parameters that are not a named curve.
#[cfg(feature = "crypto-brainpool")]
pub(super) fn explicit_key(domain: Domain, sec1: &[u8]) -> Result<EcKey, CryptoError> {
    weierstrass::Curve::new(&domain)?.check_point(sec1)?;
    Ok(EcKey {
        curve: Curve::Explicit,
        point: sec1.to_vec(),
        domain: Some(Box::new(domain)),
    })
}

/// A key on explicit domain parameters that are not a named curve: needs `crypto-brainpool`.
#[cfg(not(feature = "crypto-brainpool"))]
pub(super) fn explicit_key(_domain: Domain, _sec1: &[u8]) -> Result<EcKey, CryptoError> {
    Err(CryptoError::KeyUnsupported)
}

/// The signature as `r‖s`, each left-padded to the scalar length, with `1 <= r, s < n`.
pub(super) fn decode_signature(
    key: &EcKey,
    signature: &[u8],
    encoding: SigEncoding,
) -> Result<Vec<u8>, CryptoError> {
    let n = key.order().ok_or(CryptoError::KeyUnsupported)?;
    // The width of `r` and `s` in a raw signature: the byte length of n.
    let len = n.len();
    let malformed = |_| CryptoError::SignatureMalformed;
    let rs = match encoding {
        SigEncoding::Raw => {
            if signature.len() != 2 * len {
                return Err(CryptoError::SignatureMalformed);
            }
            signature.to_vec()
        }
        SigEncoding::Der => {
            let mut r = Reader::new(der::only(signature, tag::SEQUENCE).map_err(malformed)?);
            let (sr, ss) = (r.uint().map_err(malformed)?, r.uint().map_err(malformed)?);
            r.finish().map_err(malformed)?;
            let mut out = vec![0u8; 2 * len];
            for (v, at) in [(sr, 0), (ss, len)] {
                let start = (at + len)
                    .checked_sub(v.len())
                    .filter(|&s| s >= at)
                    .ok_or(CryptoError::SignatureMalformed)?;
                out.get_mut(start..at + len)
                    .ok_or(CryptoError::SignatureMalformed)?
                    .copy_from_slice(v);
            }
            out
        }
    };
    let (r, s) = rs.split_at(len);
    if !in_range(r, &n) || !in_range(s, &n) {
        return Err(CryptoError::SignatureMalformed);
    }
    Ok(rs)
}

/// `1 <= v < n` for big-endian `v` (fixed width) and `n` (no leading zeros).
fn in_range(v: &[u8], n: &[u8]) -> bool {
    let start = v.iter().position(|&b| b != 0).unwrap_or(v.len());
    let v = v.get(start..).unwrap_or_default();
    !v.is_empty() && (v.len() < n.len() || (v.len() == n.len() && v < n))
}

/// Verifies `r‖s` (from [`decode_signature`]) over the message digest `prehash`.
pub(super) fn verify_prehash(key: &EcKey, prehash: &[u8], rs: &[u8]) -> Result<(), CryptoError> {
    let domain = key.domain().ok_or(CryptoError::AlgorithmDisabled)?;
    let curve = weierstrass::Curve::new(&domain)?;
    let (r, s) = rs.split_at(rs.len() / 2);
    curve.verify(&key.point, prehash, r, s)
}
