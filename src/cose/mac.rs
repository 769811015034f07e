//! HMAC-SHA-256 (RFC 2104) and HKDF-SHA-256 (RFC 5869) over `sha2`: what COSE_Mac0 (alg 5)
//! and the ISO 18013-5 §9.1.3.5 EMacKey derivation need. Checked against RFC 4231 and
//! RFC 5869 test vectors in `tests.rs`.

use sha2::{Digest, Sha256};

const BLOCK: usize = 64;

/// HMAC-SHA-256(`key`, `msg`) (RFC 2104; a key longer than the block is hashed first).
pub fn hmac_sha256(key: &[u8], msg: &[u8]) -> [u8; 32] {
    let mut k = [0u8; BLOCK];
    if key.len() > BLOCK {
        let h = Sha256::digest(key);
        for (d, s) in k.iter_mut().zip(h.iter()) {
            *d = *s;
        }
    } else {
        for (d, s) in k.iter_mut().zip(key) {
            *d = *s;
        }
    }
    let mut inner = Sha256::new();
    inner.update(k.map(|b| b ^ 0x36));
    inner.update(msg);
    let mut outer = Sha256::new();
    outer.update(k.map(|b| b ^ 0x5c));
    outer.update(inner.finalize());
    outer.finalize().into()
}

/// HKDF-SHA-256 (RFC 5869): extract with `salt`, expand with `info` to `len` bytes; `None`
/// when `len` is over 255 × 32.
pub fn hkdf_sha256(ikm: &[u8], salt: &[u8], info: &[u8], len: usize) -> Option<Vec<u8>> {
    if len > 255 * 32 {
        return None;
    }
    let prk = hmac_sha256(salt, ikm);
    let mut out = Vec::with_capacity(len);
    let mut t: Vec<u8> = Vec::new();
    let mut counter = 1u8;
    while out.len() < len {
        let mut msg = t.clone();
        msg.extend_from_slice(info);
        msg.push(counter);
        t = hmac_sha256(&prk, &msg).to_vec();
        out.extend_from_slice(&t);
        counter = counter.wrapping_add(1);
    }
    out.truncate(len);
    Some(out)
}
