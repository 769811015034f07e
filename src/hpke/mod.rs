//! HPKE (RFC 9180) in base mode with one suite: DHKEM(P-256, HKDF-SHA256) (KEM 0x0010),
//! HKDF-SHA256 (KDF 0x0001), AES-128-GCM (AEAD 0x0001) — what ISO 18013-7 Annex C uses for
//! `org-iso-mdoc` responses over the Digital Credentials API (`../shared/domain/presentations.md`
//! §3.3; [`annex_c`]). Single-shot only: one message per encapsulation, sequence number 0
//! (RFC 9180 §6.1). Feature `decrypt`.
//!
//! The recipient side ([`open`]) is what a verifier needs; [`seal`] exists for tests and demo
//! wallets and takes the sender's ephemeral key material from the caller (no randomness here).

pub mod annex_c;

use crate::crypto::ecdh::{RecipientKey, P256_POINT_LEN};
use crate::crypto::kdf::{hkdf_expand, hkdf_extract, SHA256_LEN};
use crate::crypto::{aes_gcm_open, aes_gcm_seal, NONCE_LEN, TAG_LEN};
use crate::error::Error;

/// KEM identifier of DHKEM(P-256, HKDF-SHA256) (RFC 9180 §7.1).
pub const KEM_ID: u16 = 0x0010;
/// KDF identifier of HKDF-SHA256 (RFC 9180 §7.2).
pub const KDF_ID: u16 = 0x0001;
/// AEAD identifier of AES-128-GCM (RFC 9180 §7.3).
pub const AEAD_ID: u16 = 0x0001;

/// `Nk`: the AES-128-GCM key length.
const NK: u16 = 16;
/// `Nn`: the AES-128-GCM nonce length.
const NN: u16 = 12;
/// `Nsecret`: the KEM shared secret length of DHKEM(P-256, HKDF-SHA256).
const NSECRET: u16 = 32;
/// Mode `mode_base` (RFC 9180 §5).
const MODE_BASE: u8 = 0x00;

/// `"KEM" ‖ I2OSP(kem_id, 2)` (RFC 9180 §4.1).
const KEM_SUITE: [u8; 5] = [b'K', b'E', b'M', 0x00, 0x10];
/// `"HPKE" ‖ I2OSP(kem_id, 2) ‖ I2OSP(kdf_id, 2) ‖ I2OSP(aead_id, 2)` (RFC 9180 §5.1).
const HPKE_SUITE: [u8; 10] = [b'H', b'P', b'K', b'E', 0x00, 0x10, 0x00, 0x01, 0x00, 0x01];

/// `LabeledExtract(salt, label, ikm)` (RFC 9180 §4).
fn labeled_extract(suite: &[u8], salt: &[u8], label: &[u8], ikm: &[u8]) -> [u8; SHA256_LEN] {
    hkdf_extract(salt, &[b"HPKE-v1", suite, label, ikm])
}

/// `LabeledExpand(prk, label, info, L)` (RFC 9180 §4); `L` ≤ 255 × 32 here always.
fn labeled_expand(
    suite: &[u8],
    prk: &[u8],
    label: &[u8],
    info: &[u8],
    len: u16,
) -> Option<Vec<u8>> {
    hkdf_expand(
        prk,
        &[&len.to_be_bytes(), b"HPKE-v1", suite, label, info],
        usize::from(len),
    )
}

/// RFC 9180 §7.1.3 `DeriveKeyPair(ikm)` for P-256: rejection sampling over HKDF output;
/// `None` in the (probability ~2^-8160) case of 256 rejections.
pub(crate) fn derive_key_pair(ikm: &[u8]) -> Option<RecipientKey> {
    let prk = labeled_extract(&KEM_SUITE, b"", b"dkp_prk", ikm);
    for counter in 0..=255u8 {
        // Bitmask 0xff for P-256: the whole first byte is kept.
        let bytes = labeled_expand(&KEM_SUITE, &prk, b"candidate", &[counter], 32)?;
        if let Ok(sk) = RecipientKey::from_private_bytes(&bytes) {
            return Some(sk);
        }
    }
    None
}

/// `ExtractAndExpand(dh, kem_context)` of DHKEM (RFC 9180 §4.1).
fn extract_and_expand(dh: &[u8], kem_context: &[u8]) -> Option<Vec<u8>> {
    let prk = labeled_extract(&KEM_SUITE, b"", b"eae_prk", dh);
    labeled_expand(&KEM_SUITE, &prk, b"shared_secret", kem_context, NSECRET)
}

/// `KeySchedule` in base mode (RFC 9180 §5.1): the AEAD key and base nonce. The exporter
/// secret is not derived: nothing here exports.
fn key_schedule(shared_secret: &[u8], info: &[u8]) -> Option<(Vec<u8>, [u8; NONCE_LEN])> {
    let psk_id_hash = labeled_extract(&HPKE_SUITE, b"", b"psk_id_hash", b"");
    let info_hash = labeled_extract(&HPKE_SUITE, b"", b"info_hash", info);
    let mut context = Vec::with_capacity(1 + 2 * SHA256_LEN);
    context.push(MODE_BASE);
    context.extend_from_slice(&psk_id_hash);
    context.extend_from_slice(&info_hash);
    let secret = labeled_extract(&HPKE_SUITE, shared_secret, b"secret", b"");
    let key = labeled_expand(&HPKE_SUITE, &secret, b"key", &context, NK)?;
    let nonce = labeled_expand(&HPKE_SUITE, &secret, b"base_nonce", &context, NN)?;
    Some((key, nonce.try_into().ok()?))
}

/// The `Decap` shared secret (RFC 9180 §4.1), or `None` when `enc` is not an uncompressed
/// P-256 point (`DeserializePublicKey`, RFC 9180 §7.1.1: exactly `Npk` = 65 bytes).
fn decap(enc: &[u8], key: &RecipientKey) -> Option<Vec<u8>> {
    if enc.len() != P256_POINT_LEN || enc.first() != Some(&0x04) {
        return None;
    }
    let dh = key.agree(enc)?;
    let mut kem_context = Vec::with_capacity(2 * P256_POINT_LEN);
    kem_context.extend_from_slice(enc);
    kem_context.extend_from_slice(&key.public_sec1());
    extract_and_expand(&dh, &kem_context)
}

/// Why [`open`] failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenError {
    /// `enc` is not an uncompressed P-256 point on the curve.
    Enc,
    /// The ciphertext is shorter than its tag, or does not authenticate under the key, `info`
    /// and `aad` (wrong key, other `info`, or altered).
    Decrypt,
}

/// Single-shot base-mode open (RFC 9180 §6.1 `OpenBase`): the plaintext of `ciphertext`
/// (which ends with its 16-byte tag) sealed to `key` with encapsulated key `enc`, under
/// `info` and `aad`.
pub fn open(
    key: &RecipientKey,
    enc: &[u8],
    info: &[u8],
    aad: &[u8],
    ciphertext: &[u8],
) -> Result<Vec<u8>, OpenError> {
    let shared = decap(enc, key).ok_or(OpenError::Enc)?;
    let (k, nonce) = key_schedule(&shared, info).ok_or(OpenError::Decrypt)?;
    let split = ciphertext
        .len()
        .checked_sub(TAG_LEN)
        .ok_or(OpenError::Decrypt)?;
    let (ct, tag) = ciphertext.split_at(split);
    let tag: &[u8; TAG_LEN] = tag.try_into().map_err(|_| OpenError::Decrypt)?;
    // Sequence number 0: the nonce is the base nonce.
    aes_gcm_open(&k, &nonce, aad, ct, tag).ok_or(OpenError::Decrypt)
}

/// Single-shot base-mode seal (RFC 9180 §6.1 `SealBase`) to `recipient` (an uncompressed or
/// compressed P-256 point), the sender's ephemeral key derived from `ikm_e` (at least 32
/// random bytes; `DeriveKeyPair`): `(enc, ciphertext ‖ tag)`. For tests and demo wallets.
pub fn seal(
    recipient: &[u8],
    ikm_e: &[u8],
    info: &[u8],
    aad: &[u8],
    plaintext: &[u8],
) -> Result<(Vec<u8>, Vec<u8>), Error> {
    let ephemeral = RecipientKey::derive(ikm_e)?;
    let pk_rm = crate::crypto::ecdh::p256_point(recipient).ok_or(Error::JwkInvalid)?;
    let dh = ephemeral.agree(&pk_rm).ok_or(Error::JwkInvalid)?;
    let enc = ephemeral.public_sec1();
    let mut kem_context = Vec::with_capacity(2 * P256_POINT_LEN);
    kem_context.extend_from_slice(&enc);
    kem_context.extend_from_slice(&pk_rm);
    let internal = || Error::DecryptionKeyInvalid;
    let shared = extract_and_expand(&dh, &kem_context).ok_or_else(internal)?;
    let (k, nonce) = key_schedule(&shared, info).ok_or_else(internal)?;
    let (mut ct, tag) = aes_gcm_seal(&k, &nonce, aad, plaintext).ok_or_else(internal)?;
    ct.extend_from_slice(&tag);
    Ok((enc.to_vec(), ct))
}

#[cfg(test)]
mod tests;
