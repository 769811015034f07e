//! The host acceleration hook, private to the crate.
//!
//! Inside WebAssembly the pure-Rust ECDSA costs about 0.5 ms per P-256 verification; a host
//! with native crypto (Node's OpenSSL) does it in well under 0.1 ms, and a presentation needs
//! four. Only the crate's own wasm glue (`src/wasm/`) registers a verifier, at instantiation;
//! the core never calls out otherwise. The hook is asked only after Rust has checked the
//! allow-list, the key (on the curve) and the signature's form (`1 <= r, s < n`), so the host
//! decides only the verification equation; "cannot tell" falls back to Rust. Both paths must
//! accept exactly the same signatures (the JS suite runs the same vectors through both).

use std::sync::OnceLock;

use super::{PublicKey, SigAlg};

/// `(algorithm, key, message, signature as r‖s)` → `Some(valid)`, or `None` to let Rust decide.
/// Asked for ECDSA on P-256 with SHA-256 and on P-384 with SHA-384, with uncompressed keys.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) type HostVerify = fn(SigAlg, &PublicKey, &[u8], &[u8]) -> Option<bool>;

static HOST: OnceLock<HostVerify> = OnceLock::new();

/// Registers the host verifier (once; later calls are ignored).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) fn register(f: HostVerify) {
    let _ = HOST.set(f);
}

/// The host's answer for an ECDSA signature already checked for form, if a host is registered
/// and gives one.
pub(super) fn ask(alg: SigAlg, key: &PublicKey, message: &[u8], rs: &[u8]) -> Option<bool> {
    if alg != SigAlg::ES256 && alg != SigAlg::ES384 {
        return None;
    }
    HOST.get().and_then(|f| f(alg, key, message, rs))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::{verify, CryptoError, SigEncoding};
    use p256::ecdsa::signature::Signer;

    /// Answers only for messages starting with `host:`; `host:yes…` is "valid", `host:no…`
    /// "invalid". The registration is process-wide, and other tests' messages get `None`.
    fn fake(_: SigAlg, _: &PublicKey, msg: &[u8], _: &[u8]) -> Option<bool> {
        if msg.starts_with(b"host:yes") {
            Some(true)
        } else if msg.starts_with(b"host:no") {
            Some(false)
        } else {
            None
        }
    }

    #[test]
    fn host_decides_only_well_formed_allowed_signatures() {
        register(fake);
        let sk = p256::ecdsa::SigningKey::from_slice(&[7u8; 32]).unwrap();
        let key = PublicKey::from_sec1(
            crate::crypto::Curve::P256,
            sk.verifying_key().to_sec1_point(false).as_bytes(),
        )
        .unwrap();
        let sign = |m: &[u8]| {
            let s: p256::ecdsa::Signature = sk.sign(m);
            s.to_bytes().to_vec()
        };
        let es256 = [SigAlg::ES256];
        let v =
            |m: &[u8], sig: &[u8]| verify(&es256, SigAlg::ES256, &key, m, sig, SigEncoding::Raw);
        // The host's "invalid" wins over a signature Rust would accept …
        assert_eq!(
            v(b"host:no", &sign(b"host:no")),
            Err(CryptoError::SignatureInvalid)
        );
        // … and its "valid" decides the equation (which is why only the crate may register) …
        assert_eq!(v(b"host:yes", &sign(b"other")), Ok(()));
        // … but never for a signature out of range, an algorithm not allowed, or another curve.
        let mut zero_r = sign(b"host:yes");
        zero_r[..32].fill(0);
        assert_eq!(
            v(b"host:yes", &zero_r),
            Err(CryptoError::SignatureMalformed)
        );
        assert_eq!(
            verify(
                &[],
                SigAlg::ES256,
                &key,
                b"host:yes",
                &sign(b"host:yes"),
                SigEncoding::Raw
            ),
            Err(CryptoError::AlgorithmNotAllowed)
        );
        assert_eq!(
            verify(
                &[SigAlg::ES384],
                SigAlg::ES384,
                &key,
                b"host:yes",
                &[1u8; 96],
                SigEncoding::Raw
            ),
            Err(CryptoError::KeyMismatch)
        );
        // Without an answer, Rust verifies.
        assert_eq!(v(b"plain", &sign(b"plain")), Ok(()));
        assert_eq!(
            v(b"plain", &sign(b"plain.")),
            Err(CryptoError::SignatureInvalid)
        );
    }
}
