//! An optional host implementation of ECDSA P-256 / SHA-256 verification.
//!
//! Inside WebAssembly the pure-Rust `p256` verification costs about 0.5 ms; a host with native
//! crypto (Node's OpenSSL) does it in well under 0.1 ms, and a presentation needs four. The
//! embedding may therefore register a synchronous verifier; the core still never calls out by
//! itself, and without a registration (browsers: WebCrypto is asynchronous) the Rust code runs.
//! A host answer of "cannot tell" also falls back to Rust. The host only ever makes a result
//! *stricter or equal*: both paths must accept exactly the same signatures (the JS suite runs
//! the same vectors through both).

use std::sync::OnceLock;

/// The signature encoding passed to the host.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SigEncoding {
    /// 64-byte r‖s (JWS, RFC 7518 §3.4).
    Raw,
    /// ASN.1 DER `ECDSA-Sig-Value` (X.509, RFC 5758 §3.2).
    Der,
}

/// `(SEC1 public key, message, signature, encoding)` → `Some(valid)`, or `None` to let Rust decide.
pub type HostP256Verify = fn(&[u8], &[u8], &[u8], SigEncoding) -> Option<bool>;

static HOST: OnceLock<HostP256Verify> = OnceLock::new();

/// Registers the host verifier (once; later calls are ignored).
pub fn set_host_p256_verifier(f: HostP256Verify) {
    let _ = HOST.set(f);
}

/// ECDSA P-256 with SHA-256: the host's answer if it gives one, else `p256`'s.
pub(crate) fn verify_p256(
    sec1: &[u8],
    message: &[u8],
    signature: &[u8],
    encoding: SigEncoding,
) -> bool {
    if let Some(answer) = HOST
        .get()
        .and_then(|f| f(sec1, message, signature, encoding))
    {
        return answer;
    }
    use p256::ecdsa::signature::Verifier;
    let Ok(key) = p256::ecdsa::VerifyingKey::from_sec1_bytes(sec1) else {
        return false;
    };
    let sig = match encoding {
        SigEncoding::Raw => p256::ecdsa::Signature::from_slice(signature),
        SigEncoding::Der => p256::ecdsa::Signature::from_der(signature),
    };
    sig.is_ok_and(|s| key.verify(message, &s).is_ok())
}
