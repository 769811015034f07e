//! Certificate signature verification through `crypto::`, under the allow-list of the profile
//! the path is checked with: ECDSA P-256/SHA-256 and P-384/SHA-384 (RFC 5758 §3.2) for the HAIP
//! profiles; for ICAO 9303 chips, the algorithms of `crate::icao` (brainpool and explicit
//! curves, RSA PKCS #1 v1.5 and PSS). Signatures are DER.

use super::PublicKey;
#[cfg(feature = "chip")]
use crate::crypto::Curve;
use crate::crypto::{self, CryptoError, KeyKind, SigAlg, SigEncoding};

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
    match identify(alg_der) {
        Some(Identified::Ecdsa(hash)) => allowed
            .iter()
            .any(|a| matches!(a, SigAlg::Ecdsa { hash: h, .. } if *h == hash)),
        Some(Identified::Other(named)) => allowed.contains(&named),
        None => false,
    }
}

/// What an identifier names before the signer's key is known.
#[cfg_attr(not(feature = "chip"), allow(dead_code))]
enum Identified {
    /// ECDSA with this hash, on the signer's curve.
    Ecdsa(crate::crypto::Hash),
    /// An algorithm that does not depend on the key.
    Other(SigAlg),
}

/// Reads an identifier with any EC key (the P-256 base point, FIPS 186-5 / SEC 2) standing in
/// for the signer: only ECDSA identifiers depend on the key, and only for its curve.
#[cfg(feature = "chip")]
fn identify(alg_der: &[u8]) -> Option<Identified> {
    const G: &str = "046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c2964fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5";
    let g: Option<Vec<u8>> = (0..G.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(G.get(i..i + 2)?, 16).ok())
        .collect();
    let probe = PublicKey::from_sec1(Curve::P256, &g?).ok()?;
    match SigAlg::from_algorithm_identifier(alg_der, &probe).ok()? {
        SigAlg::Ecdsa { hash, .. } => Some(Identified::Ecdsa(hash)),
        other => Some(Identified::Other(other)),
    }
}

/// Without feature `chip`: ecdsa-with-SHA256 and ecdsa-with-SHA384 only (see [`algorithm`]).
#[cfg(not(feature = "chip"))]
fn identify(alg_der: &[u8]) -> Option<Identified> {
    ecdsa_hash(alg_der).map(Identified::Ecdsa)
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
    let alg = algorithm(alg_der, key).map_err(|_| Failure::AlgorithmMismatch)?;
    crypto::verify(allowed, alg, key, message, signature, SigEncoding::Der).map_err(|e| match e {
        CryptoError::AlgorithmNotAllowed
        | CryptoError::AlgorithmUnsupported
        | CryptoError::AlgorithmDisabled
        | CryptoError::KeyMismatch => Failure::AlgorithmMismatch,
        _ => Failure::Invalid,
    })
}

/// The algorithm a DER `AlgorithmIdentifier` names for a signature by `key`: every identifier
/// `crypto::` reads (feature `chip`).
#[cfg(feature = "chip")]
fn algorithm(alg_der: &[u8], key: &PublicKey) -> Result<SigAlg, CryptoError> {
    SigAlg::from_algorithm_identifier(alg_der, key)
}

/// Without feature `chip`: only ecdsa-with-SHA256 and ecdsa-with-SHA384 with absent parameters
/// (RFC 5758 §3.2), what HAIP paths accept, so the wasm verify module does not carry the
/// general identifier reader (RSASSA-PSS parameters and the like).
#[cfg(not(feature = "chip"))]
fn algorithm(alg_der: &[u8], key: &PublicKey) -> Result<SigAlg, CryptoError> {
    let hash = ecdsa_hash(alg_der).ok_or(CryptoError::AlgorithmUnsupported)?;
    SigAlg::ecdsa_for(key, hash).ok_or(CryptoError::KeyMismatch)
}

/// The hash of an ecdsa-with-SHA256 / ecdsa-with-SHA384 identifier with absent parameters.
#[cfg(not(feature = "chip"))]
fn ecdsa_hash(alg_der: &[u8]) -> Option<crate::crypto::Hash> {
    const SHA256: &[u8] = &[
        0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02,
    ];
    const SHA384: &[u8] = &[
        0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x03,
    ];
    match alg_der {
        SHA256 => Some(crate::crypto::Hash::Sha256),
        SHA384 => Some(crate::crypto::Hash::Sha384),
        _ => None,
    }
}
