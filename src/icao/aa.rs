//! Active Authentication (ICAO 9303 Part 11 §6.1): the chip signs the relying party's
//! challenge with the private key whose public half is in DG15. RSA keys sign with ISO/IEC
//! 9796-2 digital signature scheme 1 (partial message recovery, the challenge as the
//! non-recoverable part M2); EC keys with ECDSA, the signature in plain `r‖s` form (BSI
//! TR-03111, as ICAO 9303 Part 11 §6.1 prescribes).

use super::dg::AaKey;
use crate::crypto::{self, CryptoError, Hash, SigAlg, SigEncoding};
use crate::error::Error;

fn fail(reason: &'static str) -> Error {
    Error::ChipAaFailed { reason }
}

/// The ISO/IEC 10118-3 hash identifier of a two-byte 9796-2 trailer `xx CC`.
fn trailer_hash(id: u8) -> Option<Hash> {
    match id {
        0x33 => Some(Hash::Sha1),
        0x38 => Some(Hash::Sha224),
        0x34 => Some(Hash::Sha256),
        0x36 => Some(Hash::Sha384),
        0x35 => Some(Hash::Sha512),
        _ => None,
    }
}

/// Verifies `signature` over `challenge` with the DG15 key. `hashes` are the hashes allowed
/// (the RSA trailer names its own, `BC` meaning SHA-1; for ECDSA, `ec_hash` from DG14's
/// ActiveAuthenticationInfo, else each allowed hash is tried). Returns the hash used.
#[inline(never)]
pub fn verify(
    key: &AaKey,
    challenge: &[u8],
    signature: &[u8],
    hashes: &[Hash],
    ec_hash: Option<Hash>,
) -> Result<Hash, Error> {
    if challenge.is_empty() {
        return Err(fail("challenge"));
    }
    match key {
        AaKey::Rsa { n, e } => verify_rsa(n, e, challenge, signature, hashes),
        AaKey::Ec(k) => {
            let candidates: Vec<Hash> = match ec_hash {
                Some(h) => vec![h],
                None => hashes.to_vec(),
            };
            let mut last = fail("signature-invalid");
            for hash in candidates {
                if !hashes.contains(&hash) {
                    return Err(super::hash_not_allowed("activeAuthentication", hash));
                }
                let alg = SigAlg::ecdsa_for(k, hash).ok_or(fail("key"))?;
                match crypto::verify(&[alg], alg, k, challenge, signature, SigEncoding::Raw) {
                    Ok(()) => return Ok(hash),
                    Err(CryptoError::SignatureMalformed) => {
                        return Err(fail("signature-malformed"))
                    }
                    Err(CryptoError::SignatureInvalid) => last = fail("signature-invalid"),
                    Err(_) => last = fail("key"),
                }
            }
            Err(last)
        }
    }
}

#[cfg(feature = "crypto-rsa")]
fn verify_rsa(n: &[u8], e: &[u8], m2: &[u8], sig: &[u8], hashes: &[Hash]) -> Result<Hash, Error> {
    let f = crypto::rsa_recover(n, e, sig).map_err(|err| match err {
        CryptoError::SignatureMalformed => fail("signature-malformed"),
        _ => fail("key"),
    })?;
    // ISO/IEC 9796-2 scheme 1: F = header 0x6A (partial recovery, padding `1010`) ‖ M1 ‖ H ‖
    // trailer (`BC` for SHA-1, or `xx CC` naming the hash).
    let (hash, trailer_len) = match f.as_slice() {
        [.., 0xbc] => (Hash::Sha1, 1),
        [.., id, 0xcc] => (trailer_hash(*id).ok_or(fail("trailer"))?, 2),
        _ => return Err(fail("trailer")),
    };
    if !hashes.contains(&hash) {
        return Err(super::hash_not_allowed("activeAuthentication", hash));
    }
    if f.first() != Some(&0x6a) {
        return Err(fail("signature-invalid"));
    }
    let h_end = f.len().checked_sub(trailer_len).ok_or(fail("trailer"))?;
    let h_start = h_end.checked_sub(hash.len()).ok_or(fail("trailer"))?;
    let m1 = f.get(1..h_start).ok_or(fail("signature-invalid"))?;
    let h = f.get(h_start..h_end).ok_or(fail("signature-invalid"))?;
    let mut m = m1.to_vec();
    m.extend_from_slice(m2);
    let d = hash
        .digest(&m)
        .map_err(|_| super::hash_not_allowed("activeAuthentication", hash))?;
    if d.as_slice() == h {
        Ok(hash)
    } else {
        Err(fail("signature-invalid"))
    }
}

#[cfg(not(feature = "crypto-rsa"))]
fn verify_rsa(_: &[u8], _: &[u8], _: &[u8], _: &[u8], _: &[Hash]) -> Result<Hash, Error> {
    Err(Error::ChipAlgorithmNotAllowed {
        what: "activeAuthentication",
        algorithm: "rsa-iso9796-2".to_owned(),
    })
}
