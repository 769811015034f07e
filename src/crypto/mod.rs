//! Signature verification for every credential format of the crate: one algorithm enum
//! ([`SigAlg`]), one public-key type ([`PublicKey`]) and one entry point ([`verify`]) that
//! checks the caller's allow-list first. Verification only: no key generation, no signing, no
//! randomness. Verification is variable time (everything it sees is public data).
//!
//! With the `decrypt` feature it also opens what wallets encrypt to the verifier
//! (`docs/encryption.md`): the request's ephemeral P-256 key made from caller-provided random
//! bytes and ECDH ([`ecdh`], on a constant-time path of our curve code: `docs/architecture.md`,
//! "Constant time for ECDH"), HMAC-SHA-256 and HKDF-SHA256 ([`kdf`]), AES-GCM
//! ([`aes_gcm_open`]). Still no randomness source: the caller brings the bytes.
//!
//! | family | algorithms | cargo feature |
//! |---|---|---|
//! | ECDSA | P-256, P-384 with SHA-224/256/384/512 | `crypto` (part of `verify`) |
//! | ECDSA | P-521 | `crypto-p521` |
//! | ECDSA | brainpoolP256r1/P384r1/P512r1, explicit domain parameters | `crypto-brainpool` |
//! | RSA | PKCS #1 v1.5 and PSS (MGF1), 2048–4096-bit moduli | `crypto-rsa` |
//! | EdDSA | Ed25519 (RFC 8032, pure), strict verification | `crypto-ed25519` |
//! | hashes | SHA-1 (legacy ICAO 9303 signatures) | `crypto-sha1` |
//!
//! An algorithm whose feature is off is refused with [`CryptoError::AlgorithmDisabled`], never
//! a panic. ECDSA signatures come as raw `r‖s` (JOSE, RFC 7518 §3.4; COSE) or as DER
//! `ECDSA-Sig-Value` (X.509 and CMS, RFC 3279 §2.2.3), see [`SigEncoding`]. High-s signatures
//! are accepted, as OpenSSL and WebCrypto do: ECDSA signatures are malleable, so callers must
//! never identify a signed object by its signature bytes.
//!
//! ```
//! use cccd_verify::crypto::{verify, CryptoError, PublicKey, SigAlg, SigEncoding};
//!
//! # fn demo(key: &PublicKey, msg: &[u8], sig: &[u8]) -> Result<(), CryptoError> {
//! verify(&[SigAlg::ES256], SigAlg::ES256, key, msg, sig, SigEncoding::Raw)?;
//! # Ok(()) }
//! ```
//!
//! The host acceleration hook (Node's OpenSSL through the wasm glue) is private to the crate:
//!
//! ```compile_fail
//! cccd_verify::crypto::host::register(|_, _, _, _| Some(true));
//! ```

#[cfg(feature = "decrypt")]
mod aead;
mod algid;
mod bignum;
mod curves;
mod der;
// Its errors (`Error::DecryptionKeyInvalid`) and its key's `Debug` (base64url) come with `verify`.
#[cfg(feature = "verify")]
pub mod ecdh;
mod ecdsa;
pub(crate) mod host;
pub mod kdf;
mod key;
#[cfg(feature = "crypto-rsa")]
mod rsa;
mod weierstrass;

#[cfg(feature = "decrypt")]
pub use aead::{aes_gcm_open, aes_gcm_seal, NONCE_LEN, TAG_LEN};
#[cfg(feature = "verify")]
pub use ecdh::RecipientKey;
pub use key::{KeyKind, PublicKey, RSA_MAX_BITS, RSA_MIN_BITS};

/// A message digest used by a signature algorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Hash {
    /// SHA-1 (FIPS 180-4). Only for legacy ICAO 9303 documents; feature `crypto-sha1`.
    Sha1,
    /// SHA-224 (FIPS 180-4).
    Sha224,
    /// SHA-256 (FIPS 180-4).
    Sha256,
    /// SHA-384 (FIPS 180-4).
    Sha384,
    /// SHA-512 (FIPS 180-4).
    Sha512,
}

impl Hash {
    /// The digest length in bytes.
    pub fn len(self) -> usize {
        match self {
            Hash::Sha1 => 20,
            Hash::Sha224 => 28,
            Hash::Sha256 => 32,
            Hash::Sha384 => 48,
            Hash::Sha512 => 64,
        }
    }

    /// Always false (a digest is never empty); here because clippy pairs `is_empty` with `len`.
    pub fn is_empty(self) -> bool {
        false
    }

    /// Whether this build can compute the hash.
    pub fn enabled(self) -> bool {
        self != Hash::Sha1 || cfg!(feature = "crypto-sha1")
    }

    /// The digest of `msg`.
    pub fn digest(self, msg: &[u8]) -> Result<Vec<u8>, CryptoError> {
        use sha2::Digest;
        Ok(match self {
            #[cfg(feature = "crypto-sha1")]
            Hash::Sha1 => sha1::Sha1::digest(msg).to_vec(),
            #[cfg(not(feature = "crypto-sha1"))]
            Hash::Sha1 => return Err(CryptoError::AlgorithmDisabled),
            Hash::Sha224 => sha2::Sha224::digest(msg).to_vec(),
            Hash::Sha256 => sha2::Sha256::digest(msg).to_vec(),
            Hash::Sha384 => sha2::Sha384::digest(msg).to_vec(),
            Hash::Sha512 => sha2::Sha512::digest(msg).to_vec(),
        })
    }
}

/// An elliptic curve (short Weierstrass form).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Curve {
    /// NIST P-256 (secp256r1, prime256v1).
    P256,
    /// NIST P-384 (secp384r1).
    P384,
    /// NIST P-521 (secp521r1); feature `crypto-p521`.
    P521,
    /// brainpoolP256r1 (RFC 5639 §3.4); feature `crypto-brainpool`.
    BrainpoolP256r1,
    /// brainpoolP384r1 (RFC 5639 §3.6); feature `crypto-brainpool`.
    BrainpoolP384r1,
    /// brainpoolP512r1 (RFC 5639 §3.7); feature `crypto-brainpool`.
    BrainpoolP512r1,
    /// Domain parameters carried explicitly with the key (RFC 3279 §2.3.5 `ECParameters`, as
    /// ICAO 9303 chips do) that are not one of the named curves above; feature
    /// `crypto-brainpool`. Explicit parameters equal to a named curve's are that named curve.
    Explicit,
}

impl Curve {
    /// Whether this build can verify signatures on the curve.
    pub fn enabled(self) -> bool {
        match self {
            Curve::P256 | Curve::P384 => true,
            Curve::P521 => cfg!(feature = "crypto-p521"),
            Curve::BrainpoolP256r1
            | Curve::BrainpoolP384r1
            | Curve::BrainpoolP512r1
            | Curve::Explicit => cfg!(feature = "crypto-brainpool"),
        }
    }
}

/// A signature algorithm: everything that decides how a signature is checked except the key.
///
/// For ECDSA the curve is part of the algorithm, so an allow-list can say "P-256 with SHA-256"
/// (JOSE `ES256`) without also admitting P-384 with SHA-256; for X.509 and CMS, whose
/// algorithm identifiers name only the hash, build it from the signer key with
/// [`SigAlg::ecdsa_for`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SigAlg {
    /// ECDSA (FIPS 186-5 §6.4.2) on `curve` over the `hash` of the message.
    Ecdsa {
        /// The curve of the key.
        curve: Curve,
        /// The message digest.
        hash: Hash,
    },
    /// RSASSA-PKCS1-v1_5 (RFC 8017 §8.2) with `hash`; `DigestInfo` with NULL parameters.
    RsaPkcs1v15 {
        /// The message digest.
        hash: Hash,
    },
    /// RSASSA-PSS (RFC 8017 §8.1) with `hash`, MGF1 on the same hash, trailer `0xbc`, and a salt
    /// of exactly `salt_len` bytes.
    RsaPss {
        /// The message digest, also used by MGF1.
        hash: Hash,
        /// The salt length in bytes.
        salt_len: u16,
    },
    /// Ed25519 (RFC 8032 §5.1.7), pure (no prehash), verified strictly: `S < L`, and neither
    /// the key nor `R` of small order (ed25519-dalek's `verify_strict`). JOSE `EdDSA`/`Ed25519`.
    Ed25519,
}

impl SigAlg {
    /// JOSE `ES256`: ECDSA P-256 with SHA-256 (RFC 7518 §3.4).
    pub const ES256: SigAlg = SigAlg::Ecdsa {
        curve: Curve::P256,
        hash: Hash::Sha256,
    };
    /// JOSE `ES384`: ECDSA P-384 with SHA-384 (RFC 7518 §3.4).
    pub const ES384: SigAlg = SigAlg::Ecdsa {
        curve: Curve::P384,
        hash: Hash::Sha384,
    };
    /// JOSE `ES512`: ECDSA P-521 with SHA-512 (RFC 7518 §3.4).
    pub const ES512: SigAlg = SigAlg::Ecdsa {
        curve: Curve::P521,
        hash: Hash::Sha512,
    };

    /// JOSE `RS256`: RSASSA-PKCS1-v1_5 with SHA-256 (RFC 7518 §3.3).
    pub const RS256: SigAlg = SigAlg::RsaPkcs1v15 { hash: Hash::Sha256 };
    /// JOSE `RS384`.
    pub const RS384: SigAlg = SigAlg::RsaPkcs1v15 { hash: Hash::Sha384 };
    /// JOSE `RS512`.
    pub const RS512: SigAlg = SigAlg::RsaPkcs1v15 { hash: Hash::Sha512 };
    /// JOSE `PS256`: RSASSA-PSS with SHA-256 and a 32-byte salt (RFC 7518 §3.5).
    pub const PS256: SigAlg = SigAlg::RsaPss {
        hash: Hash::Sha256,
        salt_len: 32,
    };
    /// JOSE `PS384`: SHA-384, 48-byte salt.
    pub const PS384: SigAlg = SigAlg::RsaPss {
        hash: Hash::Sha384,
        salt_len: 48,
    };
    /// JOSE `PS512`: SHA-512, 64-byte salt.
    pub const PS512: SigAlg = SigAlg::RsaPss {
        hash: Hash::Sha512,
        salt_len: 64,
    };

    /// ECDSA with `hash` on the curve of `key`; `None` if `key` is no EC key.
    pub fn ecdsa_for(key: &PublicKey, hash: Hash) -> Option<SigAlg> {
        match key.kind() {
            KeyKind::Ec(curve) => Some(SigAlg::Ecdsa { curve, hash }),
            _ => None,
        }
    }

    /// Whether this build can verify the algorithm (its cargo features are on).
    pub fn enabled(self) -> bool {
        match self {
            SigAlg::Ecdsa { curve, hash } => curve.enabled() && hash.enabled(),
            SigAlg::RsaPkcs1v15 { hash } | SigAlg::RsaPss { hash, .. } => {
                cfg!(feature = "crypto-rsa") && hash.enabled()
            }
            SigAlg::Ed25519 => cfg!(feature = "crypto-ed25519"),
        }
    }
}

/// How an ECDSA signature is encoded. Other algorithms have one encoding and ignore it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SigEncoding {
    /// `r‖s`, each left-padded to the byte length of the curve order (JOSE RFC 7518 §3.4, COSE,
    /// IEEE P1363).
    Raw,
    /// DER `ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }` (RFC 3279 §2.2.3), strict DER.
    Der,
}

/// Why a key was not read or a signature not accepted. Callers map these to their own
/// context-specific [`crate::Error`] codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CryptoError {
    /// The algorithm is not in the caller's allow-list.
    AlgorithmNotAllowed,
    /// An algorithm identifier this crate does not know, or with parameters it does not
    /// support (from [`SigAlg::from_algorithm_identifier`]).
    AlgorithmUnsupported,
    /// The algorithm is allowed but this build does not include it (a cargo feature is off).
    AlgorithmDisabled,
    /// The key does not go with the algorithm (another key type or curve).
    KeyMismatch,
    /// The key is malformed: bad encoding, a point not on the curve or at infinity, an RSA
    /// modulus that is even, and the like.
    KeyInvalid,
    /// The key is well-formed but of a kind or size this crate does not verify with.
    KeyUnsupported,
    /// The signature is malformed: wrong length, bad DER, `r` or `s` outside `[1, n-1]`.
    SignatureMalformed,
    /// The signature does not verify.
    SignatureInvalid,
}

impl core::fmt::Display for CryptoError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            CryptoError::AlgorithmNotAllowed => "signature algorithm not allowed",
            CryptoError::AlgorithmUnsupported => "unsupported signature algorithm",
            CryptoError::AlgorithmDisabled => "signature algorithm not included in this build",
            CryptoError::KeyMismatch => "key does not match the signature algorithm",
            CryptoError::KeyInvalid => "invalid public key",
            CryptoError::KeyUnsupported => "unsupported public key",
            CryptoError::SignatureMalformed => "malformed signature",
            CryptoError::SignatureInvalid => "signature does not verify",
        })
    }
}

impl std::error::Error for CryptoError {}

/// Verifies `signature` over `message` with `key` and algorithm `alg`, which must be in `allow`.
///
/// Checked in order: `alg` is in `allow` ([`CryptoError::AlgorithmNotAllowed`]); this build
/// includes it ([`CryptoError::AlgorithmDisabled`]); `key` goes with it
/// ([`CryptoError::KeyMismatch`]); the signature is well-formed
/// ([`CryptoError::SignatureMalformed`]); it verifies ([`CryptoError::SignatureInvalid`]).
pub fn verify(
    allow: &[SigAlg],
    alg: SigAlg,
    key: &PublicKey,
    message: &[u8],
    signature: &[u8],
    encoding: SigEncoding,
) -> Result<(), CryptoError> {
    if !allow.contains(&alg) {
        return Err(CryptoError::AlgorithmNotAllowed);
    }
    if !alg.enabled() {
        return Err(CryptoError::AlgorithmDisabled);
    }
    match alg {
        SigAlg::Ecdsa { curve, hash } => {
            let ec = key.ec().ok_or(CryptoError::KeyMismatch)?;
            if ec.curve != curve {
                return Err(CryptoError::KeyMismatch);
            }
            let rs = ecdsa::decode_signature(ec, signature, encoding)?;
            if let Some(valid) = host::ask(alg, key, message, &rs) {
                return if valid {
                    Ok(())
                } else {
                    Err(CryptoError::SignatureInvalid)
                };
            }
            let digest = hash.digest(message)?;
            ecdsa::verify_prehash(ec, &digest, &rs)
        }
        SigAlg::RsaPkcs1v15 { hash } => {
            let (n, e, pss_only) = key.rsa().ok_or(CryptoError::KeyMismatch)?;
            if pss_only {
                return Err(CryptoError::KeyMismatch);
            }
            rsa_pkcs1v15(n, e, hash, message, signature)
        }
        SigAlg::RsaPss { hash, salt_len } => {
            let (n, e, _) = key.rsa().ok_or(CryptoError::KeyMismatch)?;
            rsa_pss(n, e, hash, usize::from(salt_len), message, signature)
        }
        SigAlg::Ed25519 => {
            let k = key.ed25519().ok_or(CryptoError::KeyMismatch)?;
            ed25519(k, message, signature)
        }
    }
}

#[cfg(feature = "crypto-rsa")]
use rsa::{verify_pkcs1v15 as rsa_pkcs1v15, verify_pss as rsa_pss};

/// RSAVP1 for ISO/IEC 9796-2 message recovery (ICAO 9303 Active Authentication), 1024–4096-bit
/// moduli; see `rsa::recover`.
#[cfg(all(feature = "crypto-rsa", feature = "chip"))]
pub(crate) use rsa::recover as rsa_recover;

#[cfg(not(feature = "crypto-rsa"))]
fn rsa_pkcs1v15(_: &[u8], _: &[u8], _: Hash, _: &[u8], _: &[u8]) -> Result<(), CryptoError> {
    Err(CryptoError::AlgorithmDisabled)
}

#[cfg(not(feature = "crypto-rsa"))]
fn rsa_pss(_: &[u8], _: &[u8], _: Hash, _: usize, _: &[u8], _: &[u8]) -> Result<(), CryptoError> {
    Err(CryptoError::AlgorithmDisabled)
}

/// Ed25519 verification (see [`SigAlg::Ed25519`]).
#[cfg(feature = "crypto-ed25519")]
fn ed25519(key: &[u8; 32], message: &[u8], signature: &[u8]) -> Result<(), CryptoError> {
    let vk = ed25519_dalek::VerifyingKey::from_bytes(key).map_err(|_| CryptoError::KeyInvalid)?;
    let sig = <[u8; 64]>::try_from(signature).map_err(|_| CryptoError::SignatureMalformed)?;
    let sig = ed25519_dalek::Signature::from_bytes(&sig);
    vk.verify_strict(message, &sig)
        .map_err(|_| CryptoError::SignatureInvalid)
}

#[cfg(not(feature = "crypto-ed25519"))]
fn ed25519(_: &[u8; 32], _: &[u8], _: &[u8]) -> Result<(), CryptoError> {
    Err(CryptoError::AlgorithmDisabled)
}
