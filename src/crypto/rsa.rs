//! RSA signature verification (RFC 8017): RSASSA-PKCS1-v1_5 (§8.2.2, EMSA-PKCS1-v1_5 §9.2) and
//! RSASSA-PSS (§8.1.2, EMSA-PSS §9.1.2 with MGF1 §B.2.1 on the same hash), modulus 2048–4096
//! bits (checked when the key is read). The public operation `s^e mod n` uses our Montgomery
//! arithmetic (`bignum.rs`); variable time is fine, everything is public.

use super::bignum::{self, Modulus};
use super::{CryptoError, Hash};

/// `DigestInfo` DER prefixes with NULL parameters (RFC 8017 §9.2, note 1).
fn digest_info_prefix(hash: Hash) -> &'static [u8] {
    match hash {
        Hash::Sha1 => &[
            0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04,
            0x14,
        ],
        Hash::Sha224 => &[
            0x30, 0x2d, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            0x04, 0x05, 0x00, 0x04, 0x1c,
        ],
        Hash::Sha256 => &[
            0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            0x01, 0x05, 0x00, 0x04, 0x20,
        ],
        Hash::Sha384 => &[
            0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            0x02, 0x05, 0x00, 0x04, 0x30,
        ],
        Hash::Sha512 => &[
            0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            0x03, 0x05, 0x00, 0x04, 0x40,
        ],
    }
}

/// RSAVP1 (RFC 8017 §5.2.2) with the length checks of §8.1.2/§8.2.2 step 1: the signature must
/// be exactly `k` bytes (the modulus length) and smaller than `n`. Returns `m` as `k` bytes.
fn public_op(n: &[u8], e: &[u8], sig: &[u8]) -> Result<Vec<u8>, CryptoError> {
    let k = n.len();
    if sig.len() != k {
        return Err(CryptoError::SignatureMalformed);
    }
    let len = k.div_ceil(bignum::LIMB_BYTES);
    let modulus = Modulus::new(n, len).ok_or(CryptoError::KeyInvalid)?;
    let s = bignum::from_be(sig, len).ok_or(CryptoError::SignatureMalformed)?;
    if bignum::cmp(&s, modulus.modulus()).is_ge() {
        return Err(CryptoError::SignatureMalformed);
    }
    let e = bignum::from_be(e, len).ok_or(CryptoError::KeyInvalid)?;
    let m = modulus.unmont(&modulus.pow(&modulus.mont(&s), &e));
    Ok(bignum::to_be(&m, k))
}

/// RSAVP1 (RFC 8017 §5.2.2) for ISO/IEC 9796-2 message recovery, as ICAO 9303 Active
/// Authentication uses it: the modulus (big-endian, leading zeros allowed) must be odd and of
/// 1024–4096 bits (chips' AA keys are often 1024 bits, below [`super::RSA_MIN_BITS`]); the
/// signature exactly as long as the modulus and smaller than it. Returns `s^e mod n` as that
/// many bytes.
pub(crate) fn recover(n: &[u8], e: &[u8], sig: &[u8]) -> Result<Vec<u8>, CryptoError> {
    let start = n
        .iter()
        .position(|&b| b != 0)
        .ok_or(CryptoError::KeyInvalid)?;
    let n = n.get(start..).ok_or(CryptoError::KeyInvalid)?;
    let lead = n.first().map_or(8, |b| b.leading_zeros());
    let bits = (n.len() * 8).saturating_sub(usize::try_from(lead).unwrap_or(8));
    if !(1024..=super::RSA_MAX_BITS).contains(&bits) {
        return Err(CryptoError::KeyUnsupported);
    }
    if n.last().is_none_or(|b| b & 1 == 0) || e.iter().all(|&b| b == 0) {
        return Err(CryptoError::KeyInvalid);
    }
    public_op(n, e, sig)
}

/// RSASSA-PKCS1-v1_5 verification: the encoded message is rebuilt and compared whole, so no
/// parsing of the padding can be fooled (RFC 8017 §8.2.2 step 3–4).
pub(super) fn verify_pkcs1v15(
    n: &[u8],
    e: &[u8],
    hash: Hash,
    message: &[u8],
    sig: &[u8],
) -> Result<(), CryptoError> {
    let em = public_op(n, e, sig)?;
    let prefix = digest_info_prefix(hash);
    let t_len = prefix.len() + hash.len();
    let k = n.len();
    let ps = k
        .checked_sub(t_len + 3)
        .filter(|&ps| ps >= 8)
        .ok_or(CryptoError::KeyUnsupported)?;
    let mut expected = Vec::with_capacity(k);
    expected.extend_from_slice(&[0x00, 0x01]);
    expected.resize(2 + ps, 0xff);
    expected.push(0x00);
    expected.extend_from_slice(prefix);
    expected.extend_from_slice(&hash.digest(message)?);
    if em == expected {
        Ok(())
    } else {
        Err(CryptoError::SignatureInvalid)
    }
}

/// MGF1 (RFC 8017 §B.2.1) of `seed`, `len` bytes.
fn mgf1(hash: Hash, seed: &[u8], len: usize) -> Result<Vec<u8>, CryptoError> {
    let mut out = Vec::with_capacity(len + hash.len());
    let mut counter: u32 = 0;
    while out.len() < len {
        let mut block = seed.to_vec();
        block.extend_from_slice(&counter.to_be_bytes());
        out.extend_from_slice(&hash.digest(&block)?);
        counter = counter
            .checked_add(1)
            .ok_or(CryptoError::SignatureInvalid)?;
    }
    out.truncate(len);
    Ok(out)
}

/// RSASSA-PSS verification with MGF1 on `hash` and a salt of exactly `salt_len` bytes (RFC 8017
/// §9.1.2).
pub(super) fn verify_pss(
    n: &[u8],
    e: &[u8],
    hash: Hash,
    salt_len: usize,
    message: &[u8],
    sig: &[u8],
) -> Result<(), CryptoError> {
    let m = public_op(n, e, sig)?;
    let invalid = CryptoError::SignatureInvalid;
    // emBits = modBits - 1; the k-byte m is EM with one extra leading zero byte when emBits is
    // a multiple of 8.
    let mod_bits = n.len() * 8
        - n.first()
            .map_or(8, |b| usize::try_from(b.leading_zeros()).unwrap_or(8));
    let em_bits = mod_bits - 1;
    let em_len = em_bits.div_ceil(8);
    let (lead, em) = m.split_at(m.len() - em_len);
    if lead.iter().any(|&b| b != 0) {
        return Err(invalid);
    }
    let h_len = hash.len();
    if em_len < h_len + salt_len + 2 {
        return Err(invalid);
    }
    let (masked_db, rest) = em.split_at(em_len - h_len - 1);
    let (h, trailer) = rest.split_at(h_len);
    if trailer != [0xbc] {
        return Err(invalid);
    }
    // The top 8·emLen − emBits bits of maskedDB must be zero.
    let top_bits = 8 * em_len - em_bits;
    let top_mask = u8::try_from(0xffu16 >> top_bits).unwrap_or(0);
    let first = masked_db.first().copied().unwrap_or(0);
    if first & !top_mask != 0 {
        return Err(invalid);
    }
    let mask = mgf1(hash, h, masked_db.len())?;
    let mut db: Vec<u8> = masked_db.iter().zip(&mask).map(|(a, b)| a ^ b).collect();
    if let Some(b) = db.first_mut() {
        *b &= top_mask;
    }
    let ps_len = em_len - h_len - salt_len - 2;
    let (ps, rest) = db.split_at(ps_len);
    let (one, salt) = rest.split_at(1);
    if ps.iter().any(|&b| b != 0) || one != [0x01] {
        return Err(invalid);
    }
    let mut m_prime = vec![0u8; 8];
    m_prime.extend_from_slice(&hash.digest(message)?);
    m_prime.extend_from_slice(salt);
    if hash.digest(&m_prime)? == h {
        Ok(())
    } else {
        Err(invalid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mgf1_expands_with_a_counter() {
        // MGF1 output is Hash(seed‖0) ‖ Hash(seed‖1) … truncated.
        let out = mgf1(Hash::Sha256, b"seed", 40).unwrap();
        assert_eq!(out.len(), 40);
        assert_eq!(out[..32], Hash::Sha256.digest(b"seed\0\0\0\0").unwrap()[..]);
        assert_eq!(
            out[32..],
            Hash::Sha256.digest(b"seed\0\0\0\x01").unwrap()[..8]
        );
    }
}
