//! The verifier's ephemeral P-256 key-agreement key ([`RecipientKey`]) and ECDH on P-256
//! (SEC 1 §3.3.1: the shared secret is the x-coordinate of `d·Q`). One key per request: its
//! public half goes into the request (a COSE_Key in the ISO 18013-7 Annex C `EncryptionInfo`,
//! a JWK in OpenID4VP `client_metadata.jwks`), its private half stays with the caller's request
//! state and opens the wallet's answer (feature `decrypt`). The ECDH is also that of the
//! deviceMac key (`mdoc::emac_key`).
//!
//! No randomness source here: the caller passes random bytes (in browsers
//! `crypto.getRandomValues`) and [`RecipientKey::derive`] turns them into a key with
//! RFC 9180 §7.1.3 `DeriveKeyPair`.

use std::fmt;

use super::key::Domain;
use super::{weierstrass, Curve, PublicKey};
use crate::error::Error;

/// Bytes of a P-256 private scalar, big-endian.
pub const P256_SCALAR_LEN: usize = 32;
/// Bytes of an uncompressed SEC1 P-256 point (`04 ‖ x ‖ y`).
pub const P256_POINT_LEN: usize = 65;
/// The fewest random bytes [`RecipientKey::derive`] takes (RFC 9180 §7.1.3: `ikm` should
/// have at least `Nsk` = 32 bytes of entropy).
pub const MIN_SEED_LEN: usize = 32;

/// A P-256 private key for key agreement, with its public point. `Debug` shows only the
/// public point. The scalar multiplications with the private scalar are constant time (our
/// curve code, `weierstrass.rs`; `docs/architecture.md`, "Constant time for ECDH").
#[derive(Clone)]
pub struct RecipientKey {
    secret: [u8; P256_SCALAR_LEN],
    public: [u8; P256_POINT_LEN],
}

impl fmt::Debug for RecipientKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RecipientKey")
            .field("public", &crate::jose::b64::encode_url(&self.public_sec1()))
            .finish_non_exhaustive()
    }
}

/// The P-256 curve (its parameters are constants: this cannot fail in a build with `crypto`).
fn p256() -> Option<weierstrass::Curve> {
    weierstrass::Curve::new(&Domain::named(Curve::P256)?).ok()
}

/// A P-256 point, SEC1 uncompressed or compressed, checked to be on the curve (the identity
/// has no such encoding), as uncompressed `04 ‖ x ‖ y`; `None` otherwise.
pub(crate) fn p256_point(sec1: &[u8]) -> Option<[u8; P256_POINT_LEN]> {
    let key = PublicKey::from_sec1(Curve::P256, sec1).ok()?;
    key.sec1()?.try_into().ok()
}

impl RecipientKey {
    /// From a private scalar, 32 bytes big-endian in `1 … n-1`
    /// ([`Error::DecryptionKeyInvalid`] otherwise): a key kept in the request state.
    pub fn from_private_bytes(d: &[u8]) -> Result<RecipientKey, Error> {
        let bad = Error::DecryptionKeyInvalid;
        let secret: [u8; P256_SCALAR_LEN] = d.try_into().map_err(|_| bad.clone())?;
        let public = p256()
            .ok_or(bad.clone())?
            .public_of(&secret)
            .map_err(|_| bad.clone())?;
        Ok(RecipientKey {
            secret,
            public: public.as_slice().try_into().map_err(|_| bad)?,
        })
    }

    /// A new key from at least [`MIN_SEED_LEN`] random bytes, by RFC 9180 §7.1.3
    /// `DeriveKeyPair` for DHKEM(P-256, HKDF-SHA256) (the same bytes give the same key).
    /// Feature `decrypt` (the KEM's `DeriveKeyPair` is `hpke::derive_key_pair`).
    #[cfg(feature = "decrypt")]
    pub fn derive(seed: &[u8]) -> Result<RecipientKey, Error> {
        if seed.len() < MIN_SEED_LEN {
            return Err(Error::DecryptionKeyInvalid);
        }
        crate::hpke::derive_key_pair(seed).ok_or(Error::DecryptionKeyInvalid)
    }

    /// The private scalar, 32 bytes big-endian, for the caller's request state. It opens every
    /// response encrypted to this key: keep it only as long as the request.
    pub fn private_bytes(&self) -> [u8; P256_SCALAR_LEN] {
        self.secret
    }

    /// The public point, uncompressed SEC1 (`04 ‖ x ‖ y`).
    pub fn public_sec1(&self) -> [u8; P256_POINT_LEN] {
        self.public
    }

    /// The public key, as the crate's [`PublicKey`] (JWK, thumbprint).
    pub fn public_key(&self) -> PublicKey {
        PublicKey::p256_checked(self.public.to_vec())
    }

    /// ECDH with `peer`, a SEC1 point on P-256 (checked on the curve): the x-coordinate of
    /// `d·peer`. `None` when `peer` is not a P-256 point (or, impossible for a valid point
    /// and key, the result is all zeros).
    pub fn agree(&self, peer: &[u8]) -> Option<[u8; P256_SCALAR_LEN]> {
        let peer = p256_point(peer)?;
        let z = p256()?.ecdh(&self.secret, &peer).ok()?;
        z.as_slice().try_into().ok()
    }

    /// ECDH with a key already checked (a [`PublicKey`] on P-256); `None` for other keys.
    pub fn agree_with_key(&self, peer: &PublicKey) -> Option<[u8; P256_SCALAR_LEN]> {
        match peer.kind() {
            super::KeyKind::Ec(Curve::P256) => self.agree(peer.sec1()?),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::CryptoError;

    #[test]
    fn private_bytes_round_trip_and_range() {
        let k = RecipientKey::from_private_bytes(&[0x11; 32]).unwrap();
        assert_eq!(k.private_bytes(), [0x11; 32]);
        assert_eq!(
            RecipientKey::from_private_bytes(&k.private_bytes())
                .unwrap()
                .public_sec1(),
            k.public_sec1()
        );
        // Zero, the group order, all-ones, wrong lengths.
        let n = [
            0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
            0xff, 0xff, 0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2,
            0xfc, 0x63, 0x25, 0x51,
        ];
        let mut below = n;
        below[31] -= 1;
        assert!(RecipientKey::from_private_bytes(&below).is_ok());
        for bad in [&[0u8; 32][..], &n, &[0xff; 32], &[1; 31], &[1; 33], &[]] {
            assert_eq!(
                RecipientKey::from_private_bytes(bad).unwrap_err(),
                Error::DecryptionKeyInvalid
            );
        }
    }

    #[test]
    fn agreement_is_symmetric_and_checks_points() {
        let a = RecipientKey::from_private_bytes(&[0x21; 32]).unwrap();
        let b = RecipientKey::from_private_bytes(&[0x42; 32]).unwrap();
        let ab = a.agree(&b.public_sec1()).unwrap();
        assert_eq!(Some(ab), b.agree(&a.public_sec1()));
        assert_eq!(Some(ab), b.agree_with_key(&a.public_key()));
        let mut off_curve = b.public_sec1();
        off_curve[64] ^= 1;
        assert_eq!(a.agree(&off_curve), None);
        assert_eq!(a.agree(&[0]), None);
        // Debug never shows the private scalar.
        assert!(!format!("{a:?}").contains("21212121"));
    }

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    fn sec1(x: &str, y: &str) -> Vec<u8> {
        [vec![4], hex(x), hex(y)].concat()
    }

    /// Key generation: the three P-256 keys of ISO 18013-5 Annex D
    /// (`../shared/vectors/iso18013-5-annex-d/README.md`, "Keys"), d → (x, y).
    #[test]
    fn public_points_of_the_annex_d_keys() {
        for (d, x, y) in [
            (
                "de3b4b9e5f72dd9b58406ae3091434da48a6f9fd010d88fcb0958e2cebec947c",
                "60e3392385041f51403051f2415531cb56dd3f999c71687013aac6768bc8187e",
                "e58deb8fdbe907f7dd5368245551a34796f7d2215c440c339bb0f7b67beccdfa",
            ),
            (
                "c1917a1579949a042f1ba9fc53a2df9b1bc47adf31c10f813ed75702d1c1f136",
                "5a88d182bce5f42efa59943f33359d2e8a968ff289d93e5fa444b624343167fe",
                "b16e8cf858ddc7690407ba61d4c338237a8cfcf3de6aa672fc60a557aa32fc67",
            ),
            (
                "6ed542ad4783f0b18c833fadf2171273a35d969c581691ef704359cc7cf1e8c0",
                "96313d6c63e24e3372742bfdb1a33ba2c897dcd68ab8c753e4fbd48dca6b7f9a",
                "1fb3269edd418857de1b39a4e4a44b92fa484caa722c228288f01d0c03a2c3d6",
            ),
        ] {
            let k = RecipientKey::from_private_bytes(&hex(d)).unwrap();
            assert_eq!(k.public_sec1().to_vec(), sec1(x, y));
        }
    }

    /// ECDH known answer: the P-256 example of RFC 5903 §8.1 (numbers only; the RFC is not in
    /// ../shared): i, g^i = (gix, giy), r, g^r, and the shared x-coordinate girx.
    #[test]
    fn ecdh_known_answer() {
        let i = RecipientKey::from_private_bytes(&hex(
            "c88f01f510d9ac3f70a292daa2316de544e9aab8afe84049c62a9c57862d1433",
        ))
        .unwrap();
        let r = RecipientKey::from_private_bytes(&hex(
            "c6ef9c5d78ae012a011164acb397ce2088685d8f06bf9be0b283ab46476bee53",
        ))
        .unwrap();
        let gi = sec1(
            "dad0b65394221cf9b051e1feca5787d098dfe637fc90b9ef945d0c3772581180",
            "5271a0461cdb8252d61f1c456fa3e59ab1f45b33accf5f58389e0577b8990bb3",
        );
        let gr = sec1(
            "d12dfb5289c8d4f81208b70270398c342296970a0bccb74c736fc7554494bf63",
            "56fbf3ca366cc23e8157854c13c58d6aac23f046ada30f8353e74f33039872ab",
        );
        assert_eq!(i.public_sec1().to_vec(), gi);
        assert_eq!(r.public_sec1().to_vec(), gr);
        let girx = hex("d6840f6b42f6edafd13116e0e12565202fef8e9ece7dce03812464d04b9442de");
        assert_eq!(i.agree(&gr).unwrap().to_vec(), girx);
        assert_eq!(r.agree(&gi).unwrap().to_vec(), girx);
        // The compressed form of the same point agrees the same.
        let mut compressed = vec![2 + (gr[64] & 1)];
        compressed.extend_from_slice(&gr[1..33]);
        assert_eq!(i.agree(&compressed).unwrap().to_vec(), girx);
    }

    fn curve() -> weierstrass::Curve {
        p256().unwrap()
    }

    fn g() -> Vec<u8> {
        let c = crate::crypto::curves::named(Curve::P256).unwrap();
        [
            vec![4],
            crate::crypto::curves::bytes(c.gx),
            crate::crypto::curves::bytes(c.gy),
        ]
        .concat()
    }

    /// Scalars 0, n, n + 1 and 2^256 − 1 are refused by the constant-time range check itself
    /// (not only by `from_private_bytes`' callers); 1 and n − 1 are accepted.
    #[test]
    fn secret_scalars_out_of_range_are_refused() {
        let c = curve();
        let n = crate::crypto::curves::bytes(crate::crypto::curves::P256.n);
        let mut n_plus_1 = n.clone();
        n_plus_1[31] += 1;
        let mut n_minus_1 = n.clone();
        n_minus_1[31] -= 1;
        let mut one = vec![0u8; 32];
        one[31] = 1;
        for bad in [
            vec![0u8; 32],
            n.clone(),
            n_plus_1,
            vec![0xff; 32],
            vec![1; 31],
        ] {
            assert_eq!(c.public_of(&bad).err(), Some(CryptoError::KeyInvalid));
            assert_eq!(c.ecdh(&bad, &g()).err(), Some(CryptoError::KeyInvalid));
        }
        assert_eq!(c.public_of(&one).unwrap(), g());
        // (n − 1)·G = −G: same x, y negated.
        let minus_g = c.public_of(&n_minus_1).unwrap();
        assert_eq!(minus_g[..33], g()[..33]);
        assert_ne!(minus_g, g());
        assert_eq!(c.ecdh(&n_minus_1, &g()).unwrap(), g()[1..33].to_vec());
    }

    /// The peer's point: off the curve, the identity (SEC1 `00`), truncated, with a coordinate
    /// ≥ p: refused before any multiplication.
    #[test]
    fn peer_points_are_checked() {
        let c = curve();
        let d = [0x21; 32];
        let mut off = g();
        off[64] ^= 1;
        let p = crate::crypto::curves::bytes(crate::crypto::curves::P256.p);
        let big_x = [vec![4], p, g()[33..].to_vec()].concat();
        for bad in [off, vec![0], g()[..64].to_vec(), big_x] {
            assert!(c.ecdh(&d, &bad).is_err());
            assert_eq!(
                RecipientKey::from_private_bytes(&d).unwrap().agree(&bad),
                None
            );
        }
    }

    /// A point with x = 0 exists on P-256 (b is a square mod p): 1·(0, √b) has an all-zero
    /// x-coordinate, which ECDH refuses.
    #[test]
    fn an_all_zero_shared_secret_is_refused() {
        let c = curve();
        let mut x0 = vec![2u8];
        x0.extend_from_slice(&[0; 32]);
        let point = c.decompress(&x0).unwrap();
        let mut one = [0u8; 32];
        one[31] = 1;
        assert_eq!(c.ecdh(&one, &point).err(), Some(CryptoError::KeyInvalid));
        // Any other scalar gives a non-zero secret with the same point.
        one[31] = 2;
        assert!(c.ecdh(&one, &point).is_ok());
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(300))]
        /// ECDH(a, bG) = ECDH(b, aG), and both keys and the secret equal the `p256` crate's.
        #[test]
        fn agreement_matches_the_p256_crate(a in proptest::array::uniform32(0u8..), b in proptest::array::uniform32(0u8..)) {
            use p256::elliptic_curve::sec1::ToSec1Point;
            let (Ok(ka), Ok(kb)) = (RecipientKey::from_private_bytes(&a), RecipientKey::from_private_bytes(&b)) else {
                // Out of range for both implementations alike.
                proptest::prop_assert!(p256::SecretKey::from_slice(&a).is_err() || p256::SecretKey::from_slice(&b).is_err());
                return Ok(());
            };
            let (ra, rb) = (p256::SecretKey::from_slice(&a).unwrap(), p256::SecretKey::from_slice(&b).unwrap());
            let (pa, pb) = (ra.public_key().to_sec1_point(false), rb.public_key().to_sec1_point(false));
            let (qa, qb) = (ka.public_sec1(), kb.public_sec1());
            proptest::prop_assert_eq!(qa.as_slice(), pa.as_bytes());
            proptest::prop_assert_eq!(qb.as_slice(), pb.as_bytes());
            let ab = ka.agree(&kb.public_sec1()).unwrap();
            proptest::prop_assert_eq!(Some(ab), kb.agree(&ka.public_sec1()));
            let reference = p256::ecdh::diffie_hellman(ra.to_nonzero_scalar(), rb.public_key().as_affine());
            proptest::prop_assert_eq!(ab.as_slice(), reference.raw_secret_bytes().as_slice());
        }
    }

    #[test]
    fn derive_needs_enough_seed() {
        assert_eq!(
            RecipientKey::derive(&[7; 31]).unwrap_err(),
            Error::DecryptionKeyInvalid
        );
        let k = RecipientKey::derive(&[7; 32]).unwrap();
        assert_eq!(
            k.public_sec1(),
            RecipientKey::derive(&[7; 32]).unwrap().public_sec1()
        );
        assert_ne!(
            k.public_sec1(),
            RecipientKey::derive(&[8; 32]).unwrap().public_sec1()
        );
    }
}
