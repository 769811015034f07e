//! RFC 9180 Appendix A.3.1: DHKEM(P-256, HKDF-SHA256), HKDF-SHA256, AES-128-GCM, base mode
//! (the values of the RFC's test vector, first encryption, sequence number 0).

use super::*;

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

const INFO: &str = "4f6465206f6e2061204772656369616e2055726e";
const IKM_E: &str = "4270e54ffd08d79d5928020af4686d8f6b7d35dbe470265f1f5aa22816ce860e";
const PK_EM: &str = "04a92719c6195d5085104f469a8b9814d5838ff72b60501e2c4466e5e67b325ac98536d7b61a1af4b78e5b7f951c0900be863c403ce65c9bfcb9382657222d18c4";
const SK_EM: &str = "4995788ef4b9d6132b249ce59a77281493eb39af373d236a1fe415cb0c2d7beb";
const IKM_R: &str = "668b37171f1072f3cf12ea8a236a45df23fc13b82af3609ad1e354f6ef817550";
const PK_RM: &str = "04fe8c19ce0905191ebc298a9245792531f26f0cece2460639e8bc39cb7f706a826a779b4cf969b8a0e539c7f62fb3d30ad6aa8f80e30f1d128aafd68a2ce72ea0";
const SK_RM: &str = "f3ce7fdae57e1a310d87f1ebbde6f328be0a99cdbcadf4d6589cf29de4b8ffd2";
const SHARED_SECRET: &str = "c0d26aeab536609a572b07695d933b589dcf363ff9d93c93adea537aeabb8cb8";
const PT: &str = "4265617574792069732074727574682c20747275746820626561757479";
const AAD0: &str = "436f756e742d30";
const CT0: &str =
    "5ad590bb8baa577f8619db35a36311226a896e7342a6d836d8b7bcd2f20b6c7f9076ac232e3ab2523f39513434";

fn recipient() -> RecipientKey {
    RecipientKey::from_private_bytes(&hex(SK_RM)).unwrap()
}

#[test]
fn derive_key_pair_matches_rfc9180() {
    let r = derive_key_pair(&hex(IKM_R)).unwrap();
    assert_eq!(r.private_bytes().to_vec(), hex(SK_RM));
    assert_eq!(r.public_sec1().to_vec(), hex(PK_RM));
    let e = derive_key_pair(&hex(IKM_E)).unwrap();
    assert_eq!(e.private_bytes().to_vec(), hex(SK_EM));
    assert_eq!(e.public_sec1().to_vec(), hex(PK_EM));
}

#[test]
fn decap_gives_the_shared_secret() {
    assert_eq!(
        decap(&hex(PK_EM), &recipient()).unwrap(),
        hex(SHARED_SECRET)
    );
}

#[test]
fn open_matches_rfc9180() {
    let pt = open(&recipient(), &hex(PK_EM), &hex(INFO), &hex(AAD0), &hex(CT0)).unwrap();
    assert_eq!(pt, hex(PT));
}

#[test]
fn seal_matches_rfc9180() {
    let (enc, ct) = seal(&hex(PK_RM), &hex(IKM_E), &hex(INFO), &hex(AAD0), &hex(PT)).unwrap();
    assert_eq!(enc, hex(PK_EM));
    assert_eq!(ct, hex(CT0));
}

#[test]
fn open_refuses_every_change() {
    let (key, enc, info, aad, ct) = (recipient(), hex(PK_EM), hex(INFO), hex(AAD0), hex(CT0));
    // Another recipient key.
    let other = RecipientKey::from_private_bytes(&[0x33; 32]).unwrap();
    assert_eq!(
        open(&other, &enc, &info, &aad, &ct),
        Err(OpenError::Decrypt)
    );
    // Another info, aad, a flipped ciphertext or tag bit, a truncated ciphertext.
    assert_eq!(open(&key, &enc, b"", &aad, &ct), Err(OpenError::Decrypt));
    assert_eq!(open(&key, &enc, &info, b"", &ct), Err(OpenError::Decrypt));
    for i in [0, ct.len() - 1] {
        let mut bad = ct.clone();
        bad[i] ^= 0x01;
        assert_eq!(
            open(&key, &enc, &info, &aad, &bad),
            Err(OpenError::Decrypt),
            "{i}"
        );
    }
    assert_eq!(
        open(&key, &enc, &info, &aad, &ct[..15]),
        Err(OpenError::Decrypt)
    );
    assert_eq!(open(&key, &enc, &info, &aad, &[]), Err(OpenError::Decrypt));
    // Another valid point as enc: opens nothing.
    assert_eq!(
        open(&key, &other.public_sec1(), &info, &aad, &ct),
        Err(OpenError::Decrypt)
    );
    // enc off the curve, compressed, truncated, or not a point at all.
    let mut off = enc.clone();
    off[64] ^= 0x01;
    assert_eq!(open(&key, &off, &info, &aad, &ct), Err(OpenError::Enc));
    let p = p256::PublicKey::from_sec1_bytes(&enc).unwrap();
    let compressed = p256::elliptic_curve::sec1::ToSec1Point::to_sec1_point(&p, true);
    assert_eq!(
        open(&key, compressed.as_bytes(), &info, &aad, &ct),
        Err(OpenError::Enc)
    );
    assert_eq!(
        open(&key, &enc[..64], &info, &aad, &ct),
        Err(OpenError::Enc)
    );
    assert_eq!(
        open(&key, &[0u8; 65], &info, &aad, &ct),
        Err(OpenError::Enc)
    );
}

#[test]
fn round_trip_with_empty_aad_and_large_plaintext() {
    let r = RecipientKey::derive(&[5; 32]).unwrap();
    let msg: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
    let (enc, ct) = seal(&r.public_sec1(), &[6; 32], b"transcript", b"", &msg).unwrap();
    assert_eq!(ct.len(), msg.len() + TAG_LEN);
    assert_eq!(open(&r, &enc, b"transcript", b"", &ct).unwrap(), msg);
    assert!(seal(&[4; 65], &[6; 32], b"", b"", b"").is_err());
}
