//! Certificate signature verification through `crypto::`, under the allow-list of the profile
//! the path is checked with: ECDSA P-256/SHA-256 and P-384/SHA-384 (RFC 5758 §3.2) for the HAIP
//! profiles; for ICAO 9303 chips, the algorithms of `crate::icao` (brainpool and explicit
//! curves, RSA PKCS #1 v1.5 and PSS). Signatures are DER.

use super::PublicKey;
use crate::crypto::{self, CryptoError, Curve, KeyKind, SigAlg, SigEncoding};

/// The certificate signature algorithms accepted on a HAIP path: each curve with its own hash.
pub(super) const HAIP: [SigAlg; 2] = [SigAlg::ES256, SigAlg::ES384];

/// Why a signature was not accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Failure {
    /// The signature algorithm is not allowed, not in this build, or does not go with the
    /// signer's key (P-256 signs with SHA-256 and P-384 with SHA-384 on HAIP paths; an RSA
    /// algorithm with an EC key).
    AlgorithmMismatch,
    /// The signature is malformed or does not verify.
    Invalid,
}

/// Whether `key` can verify with some algorithm of `allowed` (its kind, and for EC its curve).
pub(super) fn key_possible(key: &PublicKey, allowed: &[SigAlg]) -> bool {
    allowed.iter().any(|a| match (a, key.kind()) {
        (SigAlg::Ecdsa { curve, .. }, KeyKind::Ec(c)) => *curve == c,
        (SigAlg::RsaPkcs1v15 { .. } | SigAlg::RsaPss { .. }, KeyKind::Rsa { .. }) => true,
        (SigAlg::Ed25519, KeyKind::Ed25519) => true,
        _ => false,
    })
}

/// Whether the DER `AlgorithmIdentifier` can name some algorithm of `allowed` for some signer
/// key: ECDSA identifiers name only the hash (the curve is the issuer key's), so an ECDSA
/// identifier is possible when `allowed` has ECDSA with that hash on any curve.
pub(super) fn identifier_possible(alg_der: &[u8], allowed: &[SigAlg]) -> bool {
    // Any EC key will do to read the identifier: the P-256 base point (FIPS 186-5 / SEC 2).
    const G: &str = "046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c2964fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5";
    let Some(probe) = hex(G).and_then(|g| PublicKey::from_sec1(Curve::P256, &g).ok()) else {
        return false;
    };
    match SigAlg::from_algorithm_identifier(alg_der, &probe) {
        Ok(SigAlg::Ecdsa { hash, .. }) => allowed
            .iter()
            .any(|a| matches!(a, SigAlg::Ecdsa { hash: h, .. } if *h == hash)),
        Ok(named) => allowed.contains(&named),
        Err(_) => false,
    }
}

/// Bytes of a lowercase hex string.
fn hex(s: &str) -> Option<Vec<u8>> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

/// Verifies the DER `signature` over `message`, made with the algorithm the DER
/// `AlgorithmIdentifier` `alg_der` names, with the issuer's `key`; the algorithm must be in
/// `allowed`.
pub(super) fn verify(
    allowed: &[SigAlg],
    key: &PublicKey,
    alg_der: &[u8],
    message: &[u8],
    signature: &[u8],
) -> Result<(), Failure> {
    let alg =
        SigAlg::from_algorithm_identifier(alg_der, key).map_err(|_| Failure::AlgorithmMismatch)?;
    crypto::verify(allowed, alg, key, message, signature, SigEncoding::Der).map_err(|e| match e {
        CryptoError::AlgorithmNotAllowed
        | CryptoError::AlgorithmUnsupported
        | CryptoError::AlgorithmDisabled
        | CryptoError::KeyMismatch => Failure::AlgorithmMismatch,
        _ => Failure::Invalid,
    })
}
