//! [`SigAlg`] from an X.509 / CMS signature `AlgorithmIdentifier` (RFC 5280 §4.1.1.2): ECDSA
//! (RFC 5758 §3.2, RFC 3279 §2.2.3), RSA PKCS #1 v1.5 and RSASSA-PSS (RFC 4055 §3.1, §5),
//! Ed25519 (RFC 8410 §3).

use super::der::{self, tag, Reader};
use super::{CryptoError, Hash, PublicKey, SigAlg};

/// DER contents of the OIDs read here.
mod oid {
    pub const ECDSA_SHA1: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x01];
    pub const ECDSA_SHA224: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x01];
    pub const ECDSA_SHA256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02];
    pub const ECDSA_SHA384: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x03];
    pub const ECDSA_SHA512: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x04];
    const PKCS1: [u8; 8] = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01];
    pub const fn pkcs1(last: u8) -> [u8; 9] {
        [
            PKCS1[0], PKCS1[1], PKCS1[2], PKCS1[3], PKCS1[4], PKCS1[5], PKCS1[6], PKCS1[7], last,
        ]
    }
    /// sha1WithRSAEncryption 1.2.840.113549.1.1.5
    pub const RSA_SHA1: [u8; 9] = pkcs1(0x05);
    /// id-RSASSA-PSS 1.2.840.113549.1.1.10
    pub const RSA_PSS: [u8; 9] = pkcs1(0x0a);
    /// sha256WithRSAEncryption .11, sha384 .12, sha512 .13, sha224 .14
    pub const RSA_SHA256: [u8; 9] = pkcs1(0x0b);
    pub const RSA_SHA384: [u8; 9] = pkcs1(0x0c);
    pub const RSA_SHA512: [u8; 9] = pkcs1(0x0d);
    pub const RSA_SHA224: [u8; 9] = pkcs1(0x0e);
    /// id-mgf1 1.2.840.113549.1.1.8
    pub const MGF1: [u8; 9] = pkcs1(0x08);
    /// id-Ed25519 1.3.101.112
    pub const ED25519: &[u8] = &[0x2b, 0x65, 0x70];
    /// id-sha1 1.3.14.3.2.26
    pub const SHA1: &[u8] = &[0x2b, 0x0e, 0x03, 0x02, 0x1a];
    /// id-sha256 2.16.840.1.101.3.4.2.1, sha384 .2, sha512 .3, sha224 .4
    pub const SHA256: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01];
    pub const SHA384: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02];
    pub const SHA512: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03];
    pub const SHA224: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x04];
}

/// An `AlgorithmIdentifier` read: the OID's contents and the parameters' `(tag, contents)`.
type AlgId<'a> = (&'a [u8], Option<(u8, &'a [u8])>);

/// Reads `AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL }`:
/// the OID and the parameters TLV, if any.
fn alg_id(der: &[u8]) -> Result<AlgId<'_>, CryptoError> {
    alg_id_contents(der::only(der, tag::SEQUENCE).map_err(|_| CryptoError::AlgorithmUnsupported)?)
}

/// [`alg_id`] on the contents of the SEQUENCE.
fn alg_id_contents(contents: &[u8]) -> Result<AlgId<'_>, CryptoError> {
    let bad = |_| CryptoError::AlgorithmUnsupported;
    let mut r = Reader::new(contents);
    let oid = r.expect(tag::OID).map_err(bad)?;
    let params = if r.is_empty() {
        None
    } else {
        Some(r.any().map_err(bad)?)
    };
    r.finish().map_err(bad)?;
    Ok((oid, params))
}

/// A hash `AlgorithmIdentifier` (parameters absent or NULL, RFC 4055 §2.1), as the OID and
/// parameters from [`alg_id`].
fn hash_alg((oid, params): AlgId<'_>) -> Result<Hash, CryptoError> {
    if !matches!(params, None | Some((tag::NULL, []))) {
        return Err(CryptoError::AlgorithmUnsupported);
    }
    match oid {
        oid::SHA1 => Ok(Hash::Sha1),
        oid::SHA224 => Ok(Hash::Sha224),
        oid::SHA256 => Ok(Hash::Sha256),
        oid::SHA384 => Ok(Hash::Sha384),
        oid::SHA512 => Ok(Hash::Sha512),
        _ => Err(CryptoError::AlgorithmUnsupported),
    }
}

/// `RSASSA-PSS-params` (RFC 4055 §3.1): `[0] hashAlgorithm DEFAULT sha1, [1] maskGenAlgorithm
/// DEFAULT mgf1SHA1, [2] saltLength DEFAULT 20, [3] trailerField DEFAULT 1`. MGF1 must use the
/// same hash as the message; the trailer must be 1. Defaults written out explicitly (not DER,
/// but common in older encoders) are accepted.
fn pss_params(der: &[u8]) -> Result<SigAlg, CryptoError> {
    let bad = |_| CryptoError::AlgorithmUnsupported;
    let mut r = Reader::new(der);
    let mut hash = Hash::Sha1;
    let mut mgf_hash = Hash::Sha1;
    let mut salt_len: u16 = 20;
    let mut last_tag = None;
    while !r.is_empty() {
        let (t, body) = r.any().map_err(bad)?;
        // Fields in order, each at most once.
        if last_tag.is_some_and(|l| t <= l) {
            return Err(CryptoError::AlgorithmUnsupported);
        }
        last_tag = Some(t);
        match t {
            0xa0 => hash = hash_alg(alg_id(body)?)?,
            0xa1 => {
                let (oid, params) = alg_id(body)?;
                match (oid, params) {
                    // The MGF1 parameter is the hash's AlgorithmIdentifier.
                    (o, Some((tag::SEQUENCE, inner))) if o == oid::MGF1 => {
                        mgf_hash = hash_alg(alg_id_contents(inner)?)?;
                    }
                    _ => return Err(CryptoError::AlgorithmUnsupported),
                }
            }
            0xa2 => {
                let v = der::uint(der::only(body, tag::INTEGER).map_err(bad)?).map_err(bad)?;
                let v = match v {
                    [] => 0,
                    [b] => u16::from(*b),
                    [hi, lo] => u16::from_be_bytes([*hi, *lo]),
                    _ => return Err(CryptoError::AlgorithmUnsupported),
                };
                salt_len = v;
            }
            0xa3 => {
                let v = der::uint(der::only(body, tag::INTEGER).map_err(bad)?).map_err(bad)?;
                if v != [1] {
                    return Err(CryptoError::AlgorithmUnsupported);
                }
            }
            _ => return Err(CryptoError::AlgorithmUnsupported),
        }
    }
    if mgf_hash != hash {
        return Err(CryptoError::AlgorithmUnsupported);
    }
    Ok(SigAlg::RsaPss { hash, salt_len })
}

impl SigAlg {
    /// The algorithm named by a DER signature `AlgorithmIdentifier` (X.509 `signatureAlgorithm`,
    /// CMS `signatureAlgorithm`), for a signature by `signer`: ECDSA takes its curve from the
    /// key ([`CryptoError::KeyMismatch`] for a non-EC key); the others do not depend on it.
    /// Unknown or malformed identifiers are [`CryptoError::AlgorithmUnsupported`].
    pub fn from_algorithm_identifier(
        der: &[u8],
        signer: &PublicKey,
    ) -> Result<SigAlg, CryptoError> {
        let (o, params) = alg_id(der)?;
        let ecdsa = |hash| {
            // RFC 5758 §3.2: the parameters MUST be absent.
            if params.is_some() {
                return Err(CryptoError::AlgorithmUnsupported);
            }
            SigAlg::ecdsa_for(signer, hash).ok_or(CryptoError::KeyMismatch)
        };
        let pkcs1 = |hash| {
            // RFC 4055 §5: NULL parameters (absent is tolerated, as many encoders do).
            if matches!(params, None | Some((tag::NULL, []))) {
                Ok(SigAlg::RsaPkcs1v15 { hash })
            } else {
                Err(CryptoError::AlgorithmUnsupported)
            }
        };
        match o {
            oid::ECDSA_SHA1 => ecdsa(Hash::Sha1),
            oid::ECDSA_SHA224 => ecdsa(Hash::Sha224),
            oid::ECDSA_SHA256 => ecdsa(Hash::Sha256),
            oid::ECDSA_SHA384 => ecdsa(Hash::Sha384),
            oid::ECDSA_SHA512 => ecdsa(Hash::Sha512),
            o if o == oid::RSA_SHA1 => pkcs1(Hash::Sha1),
            o if o == oid::RSA_SHA224 => pkcs1(Hash::Sha224),
            o if o == oid::RSA_SHA256 => pkcs1(Hash::Sha256),
            o if o == oid::RSA_SHA384 => pkcs1(Hash::Sha384),
            o if o == oid::RSA_SHA512 => pkcs1(Hash::Sha512),
            o if o == oid::RSA_PSS => match params {
                // RFC 4055 §3.1: parameters are required in a signature algorithm identifier.
                Some((tag::SEQUENCE, p)) => pss_params(p),
                _ => Err(CryptoError::AlgorithmUnsupported),
            },
            oid::ED25519 if params.is_none() => Ok(SigAlg::Ed25519),
            _ => Err(CryptoError::AlgorithmUnsupported),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn der_len(n: usize) -> Vec<u8> {
        match (u8::try_from(n), u16::try_from(n)) {
            (Ok(b), _) if b < 0x80 => vec![b],
            (Ok(b), _) => vec![0x81, b],
            (_, Ok(w)) => {
                let [hi, lo] = w.to_be_bytes();
                vec![0x82, hi, lo]
            }
            _ => vec![0x80], // never a valid length here: the reader refuses it
        }
    }

    fn tlv(t: u8, body: &[u8]) -> Vec<u8> {
        let mut v = vec![t];
        v.extend_from_slice(&der_len(body.len()));
        v.extend_from_slice(body);
        v
    }

    fn algid(o: &[u8], params: Option<Vec<u8>>) -> Vec<u8> {
        let mut body = tlv(tag::OID, o);
        body.extend(params.unwrap_or_default());
        tlv(tag::SEQUENCE, &body)
    }

    fn rsa_key() -> PublicKey {
        let mut n = vec![0xc5; 256];
        n[255] = 1;
        PublicKey::from_rsa_components(&n, &[1, 0, 1]).unwrap()
    }

    fn pss(hash: &[u8], mgf: &[u8], salt: Option<u8>, trailer: Option<u8>) -> Vec<u8> {
        let mut p = Vec::new();
        p.extend(tlv(0xa0, &algid(hash, Some(vec![0x05, 0x00]))));
        p.extend(tlv(0xa1, &algid(&oid::MGF1, Some(algid(mgf, None)))));
        if let Some(s) = salt {
            p.extend(tlv(0xa2, &[0x02, 0x01, s]));
        }
        if let Some(t) = trailer {
            p.extend(tlv(0xa3, &[0x02, 0x01, t]));
        }
        algid(&oid::RSA_PSS, Some(tlv(tag::SEQUENCE, &p)))
    }

    #[test]
    fn ecdsa_takes_the_curve_from_the_key_and_refuses_parameters() {
        let sk = p256::ecdsa::SigningKey::from_slice(&[9u8; 32]).unwrap();
        let ec = PublicKey::from_sec1(
            crate::crypto::Curve::P256,
            sk.verifying_key().to_sec1_point(false).as_bytes(),
        )
        .unwrap();
        assert_eq!(
            SigAlg::from_algorithm_identifier(&algid(oid::ECDSA_SHA256, None), &ec),
            Ok(SigAlg::ES256)
        );
        assert_eq!(
            SigAlg::from_algorithm_identifier(&algid(oid::ECDSA_SHA256, Some(vec![5, 0])), &ec),
            Err(CryptoError::AlgorithmUnsupported)
        );
        assert_eq!(
            SigAlg::from_algorithm_identifier(&algid(oid::ECDSA_SHA256, None), &rsa_key()),
            Err(CryptoError::KeyMismatch)
        );
    }

    #[test]
    fn rsa_pkcs1_and_pss_parameters() {
        let k = rsa_key();
        let from = |d: &[u8]| SigAlg::from_algorithm_identifier(d, &k);
        assert_eq!(
            from(&algid(&oid::RSA_SHA256, Some(vec![5, 0]))),
            Ok(SigAlg::RS256)
        );
        assert_eq!(from(&algid(&oid::RSA_SHA256, None)), Ok(SigAlg::RS256));
        assert_eq!(
            from(&algid(&oid::RSA_SHA256, Some(vec![4, 0]))),
            Err(CryptoError::AlgorithmUnsupported)
        );
        assert_eq!(
            from(&pss(oid::SHA256, oid::SHA256, Some(32), None)),
            Ok(SigAlg::PS256)
        );
        assert_eq!(
            from(&pss(oid::SHA256, oid::SHA256, None, Some(1))),
            Ok(SigAlg::RsaPss {
                hash: Hash::Sha256,
                salt_len: 20
            })
        );
        // All defaults: SHA-1, MGF1-SHA-1, salt 20.
        assert_eq!(
            from(&algid(&oid::RSA_PSS, Some(vec![0x30, 0x00]))),
            Ok(SigAlg::RsaPss {
                hash: Hash::Sha1,
                salt_len: 20
            })
        );
        // MGF1 hash differs, trailer 2, no parameters at all.
        assert_eq!(
            from(&pss(oid::SHA256, oid::SHA1, Some(32), None)),
            Err(CryptoError::AlgorithmUnsupported)
        );
        assert_eq!(
            from(&pss(oid::SHA256, oid::SHA256, Some(32), Some(2))),
            Err(CryptoError::AlgorithmUnsupported)
        );
        assert_eq!(
            from(&algid(&oid::RSA_PSS, None)),
            Err(CryptoError::AlgorithmUnsupported)
        );
        assert_eq!(from(&algid(oid::ED25519, None)), Ok(SigAlg::Ed25519));
        assert_eq!(
            from(&algid(oid::ED25519, Some(vec![5, 0]))),
            Err(CryptoError::AlgorithmUnsupported)
        );
        assert_eq!(
            from(&algid(&[0x2a, 0x03], None)),
            Err(CryptoError::AlgorithmUnsupported)
        );
    }
}
