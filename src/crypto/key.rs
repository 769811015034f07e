//! The one public-key type: read from a SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) or from raw
//! parts (JWK, RFC 7518 §6; COSE_Key), and checked when read.

use super::der::{self, tag, Reader};
use super::{curves, ecdsa, CryptoError, Curve};

/// DER contents of the OIDs read here.
mod oid {
    /// id-ecPublicKey, 1.2.840.10045.2.1 (RFC 5480 §2.1.1)
    pub const EC_PUBLIC_KEY: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
    /// prime-field, 1.2.840.10045.1.1 (RFC 3279 §2.3.5)
    pub const PRIME_FIELD: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x01, 0x01];
    /// secp256r1, 1.2.840.10045.3.1.7
    pub const P256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
    /// secp384r1, 1.3.132.0.34
    pub const P384: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x22];
    /// secp521r1, 1.3.132.0.35
    pub const P521: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x23];
    /// brainpoolP256r1, 1.3.36.3.3.2.8.1.1.7 (RFC 5639 §4.1)
    pub const BP256: &[u8] = &[0x2b, 0x24, 0x03, 0x03, 0x02, 0x08, 0x01, 0x01, 0x07];
    /// brainpoolP384r1, 1.3.36.3.3.2.8.1.1.11
    pub const BP384: &[u8] = &[0x2b, 0x24, 0x03, 0x03, 0x02, 0x08, 0x01, 0x01, 0x0b];
    /// brainpoolP512r1, 1.3.36.3.3.2.8.1.1.13
    pub const BP512: &[u8] = &[0x2b, 0x24, 0x03, 0x03, 0x02, 0x08, 0x01, 0x01, 0x0d];
    /// rsaEncryption, 1.2.840.113549.1.1.1 (RFC 8017 §A.1)
    pub const RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
    /// id-RSASSA-PSS, 1.2.840.113549.1.1.10 (RFC 4055 §3.1)
    pub const RSA_PSS: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a];
    /// id-Ed25519, 1.3.101.112 (RFC 8410 §3)
    pub const ED25519: &[u8] = &[0x2b, 0x65, 0x70];
}

/// Smallest and largest RSA modulus accepted, in bits.
pub const RSA_MIN_BITS: usize = 2048;
/// See [`RSA_MIN_BITS`].
pub const RSA_MAX_BITS: usize = 4096;

/// What kind of key a [`PublicKey`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeyKind {
    /// An elliptic-curve key (ECDSA).
    Ec(Curve),
    /// An RSA key with a modulus of `bits` bits.
    Rsa {
        /// The modulus size.
        bits: usize,
    },
    /// An Ed25519 key (RFC 8032).
    Ed25519,
}

/// Explicit domain parameters (big-endian magnitudes without leading zeros) of a key on
/// [`Curve::Explicit`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Domain {
    pub p: Vec<u8>,
    pub a: Vec<u8>,
    pub b: Vec<u8>,
    pub gx: Vec<u8>,
    pub gy: Vec<u8>,
    pub n: Vec<u8>,
    pub h: Vec<u8>,
}

impl Domain {
    pub(super) fn named(curve: Curve) -> Option<Domain> {
        let c = curves::named(curve)?;
        Some(Domain {
            p: curves::bytes(c.p),
            a: curves::bytes(c.a),
            b: curves::bytes(c.b),
            gx: curves::bytes(c.gx),
            gy: curves::bytes(c.gy),
            n: curves::bytes(c.n),
            h: curves::bytes(c.h),
        })
    }
}

/// An EC public key: the curve, the point as uncompressed SEC1 (`04‖x‖y`), checked to be on
/// the curve and not the identity, and for [`Curve::Explicit`] the parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct EcKey {
    pub curve: Curve,
    pub point: Vec<u8>,
    pub domain: Option<Box<Domain>>,
}

impl EcKey {
    /// The domain parameters: explicit, or the named curve's.
    pub fn domain(&self) -> Option<Domain> {
        match &self.domain {
            Some(d) => Some((**d).clone()),
            None => Domain::named(self.curve),
        }
    }

    /// The order n of the base point, big-endian without leading zeros.
    pub fn order(&self) -> Option<Vec<u8>> {
        match &self.domain {
            Some(d) => Some(d.n.clone()),
            None => curves::named(self.curve).map(|c| curves::bytes(c.n)),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Inner {
    Ec(EcKey),
    Rsa {
        n: Vec<u8>,
        e: Vec<u8>,
        /// Read from an `id-RSASSA-PSS` SubjectPublicKeyInfo: not for PKCS #1 v1.5.
        pss_only: bool,
    },
    Ed25519([u8; 32]),
}

/// A public key that can verify signatures with [`super::verify`]. Every constructor checks
/// the key (EC points on their curve, RSA sizes in range), so holding one means it is usable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicKey(Inner);

impl PublicKey {
    /// Reads a DER SubjectPublicKeyInfo (RFC 5280 §4.1.2.7): `id-ecPublicKey` with a named
    /// curve or explicit parameters (RFC 5480, RFC 3279 §2.3.5), `rsaEncryption` or
    /// `id-RSASSA-PSS` (RFC 8017, RFC 4055), `id-Ed25519` (RFC 8410).
    pub fn from_spki_der(der: &[u8]) -> Result<PublicKey, CryptoError> {
        let bad = |_| CryptoError::KeyInvalid;
        let mut spki = Reader::new(der::only(der, tag::SEQUENCE).map_err(bad)?);
        let mut alg = Reader::new(spki.expect(tag::SEQUENCE).map_err(bad)?);
        let bits = spki.expect(tag::BIT_STRING).map_err(bad)?;
        spki.finish().map_err(bad)?;
        let key = match bits {
            [0, key @ ..] => key,
            _ => return Err(CryptoError::KeyInvalid),
        };
        let algorithm = alg.expect(tag::OID).map_err(bad)?;
        let params = if alg.is_empty() {
            None
        } else {
            Some(alg.any().map_err(bad)?)
        };
        alg.finish().map_err(bad)?;
        match (algorithm, params) {
            (oid::EC_PUBLIC_KEY, Some((tag::OID, curve))) => {
                let curve = match curve {
                    oid::P256 => Curve::P256,
                    oid::P384 => Curve::P384,
                    oid::P521 => Curve::P521,
                    oid::BP256 => Curve::BrainpoolP256r1,
                    oid::BP384 => Curve::BrainpoolP384r1,
                    oid::BP512 => Curve::BrainpoolP512r1,
                    _ => return Err(CryptoError::KeyUnsupported),
                };
                PublicKey::from_sec1(curve, key)
            }
            (oid::EC_PUBLIC_KEY, Some((tag::SEQUENCE, params))) => {
                let domain = explicit_params(params)?;
                match curves::ALL
                    .iter()
                    .copied()
                    .find(|&c| Domain::named(c).as_ref() == Some(&domain))
                {
                    Some(curve) => PublicKey::from_sec1(curve, key),
                    None => ecdsa::explicit_key(domain, key).map(|k| PublicKey(Inner::Ec(k))),
                }
            }
            // implicitlyCA (NULL) or no parameters: the curve is not known.
            (oid::EC_PUBLIC_KEY, _) => Err(CryptoError::KeyUnsupported),
            (oid::RSA, None | Some((tag::NULL, []))) => rsa_key(key, false),
            // RFC 4055 §3.1: the parameters, if any, restrict the key's use; any PSS use with
            // the parameters the signature names is accepted here.
            (oid::RSA_PSS, None | Some((tag::SEQUENCE, _))) => rsa_key(key, true),
            (oid::ED25519, None) => PublicKey::from_ed25519(key),
            (oid::RSA | oid::RSA_PSS | oid::ED25519, _) => Err(CryptoError::KeyInvalid),
            _ => Err(CryptoError::KeyUnsupported),
        }
    }

    /// A point on a named `curve`, SEC1-encoded (uncompressed `04‖x‖y`, or compressed for the
    /// NIST curves).
    pub fn from_sec1(curve: Curve, bytes: &[u8]) -> Result<PublicKey, CryptoError> {
        ecdsa::named_key(curve, bytes).map(|k| PublicKey(Inner::Ec(k)))
    }

    /// A point on a named `curve` from its coordinates, each exactly the field's byte length
    /// (JWK `x`/`y`, RFC 7518 §6.2.1; COSE_Key -2/-3).
    pub fn from_ec_coordinates(curve: Curve, x: &[u8], y: &[u8]) -> Result<PublicKey, CryptoError> {
        let len = curves::named(curve)
            .map(|c| curves::bytes(c.p).len())
            .ok_or(CryptoError::KeyUnsupported)?;
        if x.len() != len || y.len() != len {
            return Err(CryptoError::KeyInvalid);
        }
        let mut sec1 = Vec::with_capacity(1 + 2 * len);
        sec1.push(0x04);
        sec1.extend_from_slice(x);
        sec1.extend_from_slice(y);
        PublicKey::from_sec1(curve, &sec1)
    }

    /// An RSA key from its modulus and public exponent, big-endian (JWK `n`/`e`, RFC 7518
    /// §6.3.1). The modulus must be odd and 2048–4096 bits; the exponent odd, at least 3 and
    /// smaller than the modulus.
    pub fn from_rsa_components(n: &[u8], e: &[u8]) -> Result<PublicKey, CryptoError> {
        rsa_components(n, e, false)
    }

    /// An Ed25519 key: the 32-byte encoding of RFC 8032 §5.1.5, which must decode to a point
    /// (checked when this build has `crypto-ed25519`; without it the key is only stored).
    pub fn from_ed25519(bytes: &[u8]) -> Result<PublicKey, CryptoError> {
        let k = <[u8; 32]>::try_from(bytes).map_err(|_| CryptoError::KeyInvalid)?;
        #[cfg(feature = "crypto-ed25519")]
        ed25519_dalek::VerifyingKey::from_bytes(&k).map_err(|_| CryptoError::KeyInvalid)?;
        Ok(PublicKey(Inner::Ed25519(k)))
    }

    /// The kind of key.
    pub fn kind(&self) -> KeyKind {
        match &self.0 {
            Inner::Ec(k) => KeyKind::Ec(k.curve),
            Inner::Rsa { n, .. } => KeyKind::Rsa { bits: bit_len(n) },
            Inner::Ed25519(_) => KeyKind::Ed25519,
        }
    }

    /// For an EC key, the uncompressed SEC1 point `04‖x‖y`.
    pub fn sec1(&self) -> Option<&[u8]> {
        self.ec().map(|k| k.point.as_slice())
    }

    /// For an RSA key, `(n, e)` big-endian without leading zeros.
    pub fn rsa_components(&self) -> Option<(&[u8], &[u8])> {
        match &self.0 {
            Inner::Rsa { n, e, .. } => Some((n, e)),
            _ => None,
        }
    }

    /// For an Ed25519 key, its 32 bytes.
    pub fn ed25519(&self) -> Option<&[u8; 32]> {
        match &self.0 {
            Inner::Ed25519(k) => Some(k),
            _ => None,
        }
    }

    pub(crate) fn ec(&self) -> Option<&EcKey> {
        match &self.0 {
            Inner::Ec(k) => Some(k),
            _ => None,
        }
    }

    pub(crate) fn rsa(&self) -> Option<(&[u8], &[u8], bool)> {
        match &self.0 {
            Inner::Rsa { n, e, pss_only } => Some((n, e, *pss_only)),
            _ => None,
        }
    }
}

impl PublicKey {
    /// A P-256 key from a point already known to be on the curve (made by `ecdh.rs`).
    pub(crate) fn p256_checked(point: Vec<u8>) -> PublicKey {
        PublicKey(Inner::Ec(EcKey {
            curve: Curve::P256,
            point,
            domain: None,
        }))
    }
}

/// Bits in a big-endian magnitude without leading zeros.
fn bit_len(be: &[u8]) -> usize {
    match be.first() {
        None => 0,
        Some(&top) => (be.len() - 1) * 8 + usize::try_from(8 - top.leading_zeros()).unwrap_or(8),
    }
}

fn strip_zeros(be: &[u8]) -> &[u8] {
    let start = be.iter().position(|&b| b != 0).unwrap_or(be.len());
    be.get(start..).unwrap_or_default()
}

/// `RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }` (RFC 8017 §A.1.1).
fn rsa_key(der: &[u8], pss_only: bool) -> Result<PublicKey, CryptoError> {
    let bad = |_| CryptoError::KeyInvalid;
    let mut r = Reader::new(der::only(der, tag::SEQUENCE).map_err(bad)?);
    let n = r.uint().map_err(bad)?;
    let e = r.uint().map_err(bad)?;
    r.finish().map_err(bad)?;
    rsa_components(n, e, pss_only)
}

fn rsa_components(n: &[u8], e: &[u8], pss_only: bool) -> Result<PublicKey, CryptoError> {
    let (n, e) = (strip_zeros(n), strip_zeros(e));
    let odd = |v: &[u8]| v.last().is_some_and(|b| b & 1 == 1);
    if !odd(n) || !odd(e) || e == [1] || bit_len(e) >= bit_len(n) {
        return Err(CryptoError::KeyInvalid);
    }
    if !(RSA_MIN_BITS..=RSA_MAX_BITS).contains(&bit_len(n)) {
        return Err(CryptoError::KeyUnsupported);
    }
    Ok(PublicKey(Inner::Rsa {
        n: n.to_vec(),
        e: e.to_vec(),
        pss_only,
    }))
}

/// `ECParameters` (RFC 3279 §2.3.5) over a prime field: `SEQUENCE { version 1, fieldID
/// { prime-field, p }, curve { a, b, seed BIT STRING OPTIONAL }, base ECPoint, order,
/// cofactor OPTIONAL }`. Only an uncompressed base point is read.
fn explicit_params(der: &[u8]) -> Result<Domain, CryptoError> {
    let bad = |_| CryptoError::KeyInvalid;
    let mut r = Reader::new(der);
    if r.uint().map_err(bad)? != [1] {
        return Err(CryptoError::KeyUnsupported);
    }
    let mut field = Reader::new(r.expect(tag::SEQUENCE).map_err(bad)?);
    if field.expect(tag::OID).map_err(bad)? != oid::PRIME_FIELD {
        // Characteristic-two fields are not supported.
        return Err(CryptoError::KeyUnsupported);
    }
    let p = field.uint().map_err(bad)?.to_vec();
    field.finish().map_err(bad)?;
    let mut curve = Reader::new(r.expect(tag::SEQUENCE).map_err(bad)?);
    let a = strip_zeros(curve.expect(tag::OCTET_STRING).map_err(bad)?).to_vec();
    let b = strip_zeros(curve.expect(tag::OCTET_STRING).map_err(bad)?).to_vec();
    if curve.peek_tag() == Some(tag::BIT_STRING) {
        curve.any().map_err(bad)?;
    }
    curve.finish().map_err(bad)?;
    let base = r.expect(tag::OCTET_STRING).map_err(bad)?;
    let n = r.uint().map_err(bad)?.to_vec();
    let h = if r.is_empty() {
        vec![1]
    } else {
        r.uint().map_err(bad)?.to_vec()
    };
    r.finish().map_err(bad)?;
    let coords = match base {
        [0x04, xy @ ..] if !xy.is_empty() && xy.len() % 2 == 0 => xy,
        [0x02 | 0x03, ..] => return Err(CryptoError::KeyUnsupported),
        _ => return Err(CryptoError::KeyInvalid),
    };
    let (gx, gy) = coords.split_at(coords.len() / 2);
    Ok(Domain {
        p,
        a,
        b,
        gx: strip_zeros(gx).to_vec(),
        gy: strip_zeros(gy).to_vec(),
        n,
        h,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bit_lengths() {
        assert_eq!(bit_len(&[]), 0);
        assert_eq!(bit_len(&[1]), 1);
        assert_eq!(bit_len(&[0x80, 0]), 16);
    }

    #[test]
    fn rsa_components_are_checked() {
        let mut n = vec![0xc5; 256];
        n[255] = 0x01;
        assert!(matches!(
            PublicKey::from_rsa_components(&n, &[1, 0, 1])
                .unwrap()
                .kind(),
            KeyKind::Rsa { bits: 2048 }
        ));
        // Leading zeros are not part of the size.
        let mut padded = vec![0, 0];
        padded.extend_from_slice(&n);
        assert_eq!(
            PublicKey::from_rsa_components(&padded, &[1, 0, 1]).unwrap(),
            PublicKey::from_rsa_components(&n, &[1, 0, 1]).unwrap()
        );
        // Even modulus, e = 1, even e, 2040-bit and 4104-bit moduli.
        let mut even = n.clone();
        even[255] = 0x02;
        assert_eq!(
            PublicKey::from_rsa_components(&even, &[3]),
            Err(CryptoError::KeyInvalid)
        );
        assert_eq!(
            PublicKey::from_rsa_components(&n, &[1]),
            Err(CryptoError::KeyInvalid)
        );
        assert_eq!(
            PublicKey::from_rsa_components(&n, &[4]),
            Err(CryptoError::KeyInvalid)
        );
        assert_eq!(
            PublicKey::from_rsa_components(&n[1..], &[3]),
            Err(CryptoError::KeyUnsupported)
        );
        let big = vec![0xff; 513];
        assert_eq!(
            PublicKey::from_rsa_components(&big, &[3]),
            Err(CryptoError::KeyUnsupported)
        );
    }
}
