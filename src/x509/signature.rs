//! Certificate signature verification through `crypto::`: ECDSA P-256/SHA-256 and
//! P-384/SHA-384 (RFC 5758 §3.2), DER signatures.

use super::PublicKey;
use crate::crypto::{self, CryptoError, Hash, SigAlg, SigEncoding};

/// The certificate signature algorithms accepted on a path (the HAIP profile): each curve with
/// its own hash.
const ALLOWED: [SigAlg; 2] = [SigAlg::ES256, SigAlg::ES384];

/// Why a signature was not accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Failure {
    /// The signer's key is not the curve that goes with the algorithm (P-256 signs with SHA-256,
    /// P-384 with SHA-384; the cross pairs are not accepted).
    AlgorithmMismatch,
    /// The signature is malformed or does not verify.
    Invalid,
}

/// Verifies the DER ECDSA `signature` (hash `hash`) over `message` with the issuer's `key`.
pub(super) fn verify(
    key: &PublicKey,
    hash: Hash,
    message: &[u8],
    signature: &[u8],
) -> Result<(), Failure> {
    let alg = SigAlg::ecdsa_for(key, hash).ok_or(Failure::AlgorithmMismatch)?;
    crypto::verify(&ALLOWED, alg, key, message, signature, SigEncoding::Der).map_err(|e| match e {
        CryptoError::AlgorithmNotAllowed
        | CryptoError::AlgorithmDisabled
        | CryptoError::KeyMismatch => Failure::AlgorithmMismatch,
        _ => Failure::Invalid,
    })
}
