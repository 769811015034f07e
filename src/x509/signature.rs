//! Certificate signature verification: ECDSA P-256/SHA-256 and P-384/SHA-384 (RFC 5758 §3.2).

use p256::ecdsa::signature::Verifier;

use super::{KeyAlgorithm, PublicKey};

/// A supported certificate signature algorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum SigAlg {
    /// ecdsa-with-SHA256.
    EcdsaSha256,
    /// ecdsa-with-SHA384.
    EcdsaSha384,
}

/// Why a signature was not accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Failure {
    /// The signer's key is not the curve that goes with the algorithm (P-256 signs with SHA-256,
    /// P-384 with SHA-384; the cross pairs are not accepted).
    AlgorithmMismatch,
    /// The signature is malformed or does not verify.
    Invalid,
}

/// Verifies the DER ECDSA `signature` over `message` with the issuer's `key`.
pub(super) fn verify(
    key: &PublicKey,
    alg: SigAlg,
    message: &[u8],
    signature: &[u8],
) -> Result<(), Failure> {
    match (key.algorithm, alg) {
        (KeyAlgorithm::EcP256, SigAlg::EcdsaSha256) => {
            // DER must parse for both paths, so the host cannot accept what p256 would not.
            p256::ecdsa::Signature::from_der(signature).map_err(|_| Failure::Invalid)?;
            if crate::jose::host::verify_p256(
                &key.sec1,
                message,
                signature,
                crate::jose::host::SigEncoding::Der,
            ) {
                Ok(())
            } else {
                Err(Failure::Invalid)
            }
        }
        (KeyAlgorithm::EcP384, SigAlg::EcdsaSha384) => {
            let vk = p384::ecdsa::VerifyingKey::from_sec1_bytes(&key.sec1)
                .map_err(|_| Failure::Invalid)?;
            let sig = p384::ecdsa::Signature::from_der(signature).map_err(|_| Failure::Invalid)?;
            vk.verify(message, &sig).map_err(|_| Failure::Invalid)
        }
        _ => Err(Failure::AlgorithmMismatch),
    }
}
