//! HMAC-SHA-256 and HKDF-SHA-256 as COSE_Mac0 (alg 5) and the ISO 18013-5 §9.1.3.5 EMacKey
//! derivation call them: single-message forms of `crate::crypto::kdf`. Checked against RFC 4231
//! and RFC 5869 test vectors in `tests.rs`.

use crate::crypto::kdf;

/// HMAC-SHA-256(`key`, `msg`) (RFC 2104; a key longer than the block is hashed first).
pub fn hmac_sha256(key: &[u8], msg: &[u8]) -> [u8; 32] {
    kdf::hmac_sha256(key, &[msg])
}

/// HKDF-SHA-256 (RFC 5869): extract with `salt`, expand with `info` to `len` bytes; `None`
/// when `len` is over 255 × 32.
pub fn hkdf_sha256(ikm: &[u8], salt: &[u8], info: &[u8], len: usize) -> Option<Vec<u8>> {
    kdf::hkdf_expand(&kdf::hkdf_extract(salt, &[ikm]), &[info], len)
}
