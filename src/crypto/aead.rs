//! AES-GCM (NIST SP 800-38D) with 96-bit nonces and 128-bit tags, through the `aes-gcm`
//! crate: AES-128-GCM for HPKE (RFC 9180 §7.3, AEAD id 0x0001) and JWE `A128GCM` / `A256GCM`
//! (RFC 7518 §5.3). Feature `decrypt`.

use aes_gcm::aead::AeadInOut;
use aes_gcm::{Aes128Gcm, Aes256Gcm, KeyInit, Nonce, Tag};

/// Length of the nonce (IV), in bytes.
pub const NONCE_LEN: usize = 12;
/// Length of the authentication tag, in bytes.
pub const TAG_LEN: usize = 16;

/// Decrypts `ciphertext` (without its tag) under a 16-byte (AES-128) or 32-byte (AES-256)
/// `key`; `None` when the key has another length or the tag does not authenticate `nonce`,
/// `aad` and `ciphertext` under the key.
pub fn aes_gcm_open(
    key: &[u8],
    nonce: &[u8; NONCE_LEN],
    aad: &[u8],
    ciphertext: &[u8],
    tag: &[u8; TAG_LEN],
) -> Option<Vec<u8>> {
    let mut buf = ciphertext.to_vec();
    let n = Nonce::from(*nonce);
    let t = Tag::from(*tag);
    let ok = match key.len() {
        16 => Aes128Gcm::new_from_slice(key).ok()?.decrypt_inout_detached(
            &n,
            aad,
            buf.as_mut_slice().into(),
            &t,
        ),
        32 => Aes256Gcm::new_from_slice(key).ok()?.decrypt_inout_detached(
            &n,
            aad,
            buf.as_mut_slice().into(),
            &t,
        ),
        _ => return None,
    };
    ok.ok().map(|()| buf)
}

/// Encrypts `plaintext` under a 16- or 32-byte `key`: the ciphertext and its tag; `None` for
/// another key length. For building test responses and demo wallets: a verifier only opens.
pub fn aes_gcm_seal(
    key: &[u8],
    nonce: &[u8; NONCE_LEN],
    aad: &[u8],
    plaintext: &[u8],
) -> Option<(Vec<u8>, [u8; TAG_LEN])> {
    let mut buf = plaintext.to_vec();
    let n = Nonce::from(*nonce);
    let tag = match key.len() {
        16 => Aes128Gcm::new_from_slice(key).ok()?.encrypt_inout_detached(
            &n,
            aad,
            buf.as_mut_slice().into(),
        ),
        32 => Aes256Gcm::new_from_slice(key).ok()?.encrypt_inout_detached(
            &n,
            aad,
            buf.as_mut_slice().into(),
        ),
        _ => return None,
    }
    .ok()?;
    Some((buf, tag.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_tampering() {
        for key_len in [16, 32] {
            let key = vec![9u8; key_len];
            let nonce = [1u8; NONCE_LEN];
            let (ct, tag) = aes_gcm_seal(&key, &nonce, b"aad", b"hello").unwrap();
            assert_eq!(ct.len(), 5);
            assert_eq!(
                aes_gcm_open(&key, &nonce, b"aad", &ct, &tag).unwrap(),
                b"hello"
            );
            assert_eq!(aes_gcm_open(&key, &nonce, b"aaD", &ct, &tag), None);
            let mut bad = tag;
            bad[0] ^= 1;
            assert_eq!(aes_gcm_open(&key, &nonce, b"aad", &ct, &bad), None);
            let mut ct2 = ct.clone();
            ct2[4] ^= 0x80;
            assert_eq!(aes_gcm_open(&key, &nonce, b"aad", &ct2, &tag), None);
            assert_eq!(aes_gcm_open(&key, &[2; 12], b"aad", &ct, &tag), None);
        }
        assert_eq!(aes_gcm_seal(&[0; 24], &[0; 12], b"", b""), None);
        assert_eq!(aes_gcm_open(&[0; 24], &[0; 12], b"", b"", &[0; 16]), None);
    }

    #[test]
    fn nist_gcm_test_case_2() {
        // The GCM specification's test case 2 (AES-128, zero key and IV, one zero block).
        let key = [0u8; 16];
        let (ct, tag) = aes_gcm_seal(&key, &[0; 12], b"", &[0; 16]).unwrap();
        assert_eq!(
            ct,
            [
                0x03, 0x88, 0xda, 0xce, 0x60, 0xb6, 0xa3, 0x92, 0xf3, 0x28, 0xc2, 0xb9, 0x71, 0xb2,
                0xfe, 0x78
            ]
        );
        assert_eq!(
            tag,
            [
                0xab, 0x6e, 0x47, 0xd4, 0x2c, 0xec, 0x13, 0xbd, 0xf5, 0x3a, 0x67, 0xb2, 0x12, 0x57,
                0xbd, 0xdf
            ]
        );
    }
}
