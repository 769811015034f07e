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

use p256::elliptic_curve::point::AffineCoordinates;
use p256::{NonZeroScalar, ProjectivePoint};

use super::{Curve, PublicKey};
use crate::error::Error;

/// Bytes of a P-256 private scalar, big-endian.
pub const P256_SCALAR_LEN: usize = 32;
/// Bytes of an uncompressed SEC1 P-256 point (`04 ‖ x ‖ y`).
pub const P256_POINT_LEN: usize = 65;
/// The fewest random bytes [`RecipientKey::derive`] takes (RFC 9180 §7.1.3: `ikm` should
/// have at least `Nsk` = 32 bytes of entropy).
pub const MIN_SEED_LEN: usize = 32;

/// A P-256 private key for key agreement, with its public point. `Debug` shows only the
/// public point.
#[derive(Clone)]
pub struct RecipientKey {
    secret: NonZeroScalar,
    public: p256::PublicKey,
}

impl fmt::Debug for RecipientKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RecipientKey")
            .field("public", &crate::jose::b64::encode_url(&self.public_sec1()))
            .finish_non_exhaustive()
    }
}

impl RecipientKey {
    /// From a private scalar, 32 bytes big-endian in `1 … n-1`
    /// ([`Error::DecryptionKeyInvalid`] otherwise): a key kept in the request state.
    pub fn from_private_bytes(d: &[u8]) -> Result<RecipientKey, Error> {
        let secret = NonZeroScalar::try_from(d).map_err(|_| Error::DecryptionKeyInvalid)?;
        Ok(RecipientKey::from_scalar(secret))
    }

    pub(crate) fn from_scalar(secret: NonZeroScalar) -> RecipientKey {
        RecipientKey {
            public: p256::PublicKey::from_secret_scalar(&secret),
            secret,
        }
    }

    /// A new key from at least [`MIN_SEED_LEN`] random bytes, by RFC 9180 §7.1.3
    /// `DeriveKeyPair` for DHKEM(P-256, HKDF-SHA256) (the same bytes give the same key).
    pub fn derive(seed: &[u8]) -> Result<RecipientKey, Error> {
        if seed.len() < MIN_SEED_LEN {
            return Err(Error::DecryptionKeyInvalid);
        }
        crate::hpke::derive_key_pair(seed).ok_or(Error::DecryptionKeyInvalid)
    }

    /// The private scalar, 32 bytes big-endian, for the caller's request state. It opens every
    /// response encrypted to this key: keep it only as long as the request.
    pub fn private_bytes(&self) -> [u8; P256_SCALAR_LEN] {
        self.secret.to_bytes().into()
    }

    /// The public point, uncompressed SEC1 (`04 ‖ x ‖ y`).
    pub fn public_sec1(&self) -> [u8; P256_POINT_LEN] {
        sec1_of(&self.public)
    }

    /// The public key, as the crate's [`PublicKey`] (JWK, thumbprint).
    pub fn public_key(&self) -> PublicKey {
        PublicKey::from(p256::ecdsa::VerifyingKey::from(self.public))
    }

    /// ECDH with `peer`, a SEC1 point on P-256 (checked on the curve): the x-coordinate of
    /// `d·peer`. `None` when `peer` is not a P-256 point.
    pub fn agree(&self, peer: &[u8]) -> Option<[u8; P256_SCALAR_LEN]> {
        let peer = p256::PublicKey::from_sec1_bytes(peer).ok()?;
        Some(self.agree_with(&peer))
    }

    /// ECDH with a key already checked (a [`PublicKey`] on P-256); `None` for other keys.
    pub fn agree_with_key(&self, peer: &PublicKey) -> Option<[u8; P256_SCALAR_LEN]> {
        match peer.kind() {
            super::KeyKind::Ec(Curve::P256) => self.agree(peer.sec1()?),
            _ => None,
        }
    }

    fn agree_with(&self, peer: &p256::PublicKey) -> [u8; P256_SCALAR_LEN] {
        // A valid point times a non-zero scalar below the (prime) group order is never the
        // identity, so the x-coordinate exists.
        let shared = (ProjectivePoint::from(*peer.as_affine()) * *self.secret).to_affine();
        shared.x().into()
    }
}

/// The uncompressed SEC1 form of a P-256 point.
pub(crate) fn sec1_of(public: &p256::PublicKey) -> [u8; P256_POINT_LEN] {
    let point = public.as_affine();
    let mut out = [0u8; P256_POINT_LEN];
    let (head, xy) = out.split_at_mut(1);
    let (x, y) = xy.split_at_mut(P256_SCALAR_LEN);
    head.copy_from_slice(&[0x04]);
    x.copy_from_slice(&point.x());
    y.copy_from_slice(&point.y());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
