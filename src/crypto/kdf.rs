//! HMAC-SHA-256 (RFC 2104) and HKDF-SHA256 (RFC 5869) over `sha2`, for HPKE (RFC 9180 §4),
//! COSE_Mac0 and the ISO 18013-5 EMacKey (`crate::cose`), and anything else that derives keys
//! from a shared secret. Checked against RFC 4231 and RFC 5869 vectors.

use sha2::{Digest, Sha256};

/// The output length of SHA-256 (HKDF's `HashLen`), in bytes.
pub const SHA256_LEN: usize = 32;

/// The most HKDF-SHA256 can expand to: 255 blocks (RFC 5869 §2.3).
pub const HKDF_SHA256_MAX: usize = 255 * SHA256_LEN;

/// SHA-256's block size, which HMAC pads the key to.
const BLOCK: usize = 64;

/// HMAC-SHA-256 of the concatenation of `parts` under `key` (any length; a key longer than the
/// block is hashed first).
pub fn hmac_sha256(key: &[u8], parts: &[&[u8]]) -> [u8; SHA256_LEN] {
    let mut k = [0u8; BLOCK];
    let hashed;
    let key = if key.len() > BLOCK {
        hashed = Sha256::digest(key);
        hashed.as_slice()
    } else {
        key
    };
    for (d, s) in k.iter_mut().zip(key) {
        *d = *s;
    }
    let mut inner = Sha256::new();
    inner.update(k.map(|b| b ^ 0x36));
    for part in parts {
        inner.update(part);
    }
    let mut outer = Sha256::new();
    outer.update(k.map(|b| b ^ 0x5c));
    outer.update(inner.finalize());
    outer.finalize().into()
}

/// HKDF-Extract (RFC 5869 §2.2): the pseudorandom key of `ikm` under `salt` (an empty salt is
/// `HashLen` zero bytes, which HMAC pads to the same key). The input key material may come in
/// parts, as RFC 9180's labelled extraction writes it.
pub fn hkdf_extract(salt: &[u8], ikm: &[&[u8]]) -> [u8; SHA256_LEN] {
    hmac_sha256(salt, ikm)
}

/// HKDF-Expand (RFC 5869 §2.3): `len` bytes of output keying material from `prk` and the
/// concatenation of `info`; `None` when `len` is over [`HKDF_SHA256_MAX`].
pub fn hkdf_expand(prk: &[u8], info: &[&[u8]], len: usize) -> Option<Vec<u8>> {
    if len > HKDF_SHA256_MAX {
        return None;
    }
    let mut out = Vec::with_capacity(len);
    let mut block: [u8; SHA256_LEN] = [0; SHA256_LEN];
    let mut counter: u8 = 0;
    while out.len() < len {
        counter = counter.checked_add(1)?;
        let previous: &[u8] = if counter == 1 { &[] } else { &block };
        let mut parts: Vec<&[u8]> = Vec::with_capacity(info.len() + 2);
        parts.push(previous);
        parts.extend_from_slice(info);
        let counter_bytes = [counter];
        parts.push(&counter_bytes);
        block = hmac_sha256(prk, &parts);
        let take = (len - out.len()).min(SHA256_LEN);
        out.extend_from_slice(block.get(..take)?);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    #[test]
    fn rfc5869_test_case_1() {
        // RFC 5869 Appendix A.1 (SHA-256, basic).
        let ikm = [0x0b; 22];
        let salt = hex("000102030405060708090a0b0c");
        let info = hex("f0f1f2f3f4f5f6f7f8f9");
        let prk = hkdf_extract(&salt, &[&ikm]);
        assert_eq!(
            prk.to_vec(),
            hex("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5")
        );
        // The info in two parts is the same info.
        let okm = hkdf_expand(&prk, &[&info[..3], &info[3..]], 42).unwrap();
        assert_eq!(
            okm,
            hex("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865")
        );
    }

    #[test]
    fn rfc5869_test_case_3_empty_salt_and_info() {
        // RFC 5869 Appendix A.3: zero-length salt and info.
        let ikm = [0x0b; 22];
        let prk = hkdf_extract(&[], &[&ikm]);
        assert_eq!(
            prk.to_vec(),
            hex("19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04")
        );
        assert_eq!(
            hkdf_expand(&prk, &[], 42).unwrap(),
            hex("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8")
        );
    }

    #[test]
    fn expand_lengths() {
        let prk = [7u8; 32];
        assert_eq!(hkdf_expand(&prk, &[b"x"], 0).unwrap(), Vec::<u8>::new());
        let long = hkdf_expand(&prk, &[b"x"], HKDF_SHA256_MAX).unwrap();
        assert_eq!(long.len(), HKDF_SHA256_MAX);
        // A prefix of a longer output is the shorter output.
        assert_eq!(hkdf_expand(&prk, &[b"x"], 33).unwrap(), long[..33]);
        assert_eq!(hkdf_expand(&prk, &[b"x"], HKDF_SHA256_MAX + 1), None);
    }
}
