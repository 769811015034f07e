//! ECDSA verification over arbitrary short-Weierstrass domain parameters `y² = x³ + ax + b` over
//! GF(p) (FIPS 186-5 §6.4.2; SEC 1 §4.1.4): the brainpool curves and the explicit parameters of
//! ICAO 9303 chips. Verification only, on public data, so variable time; Jacobian coordinates
//! with our Montgomery arithmetic (`bignum.rs`).
//!
//! Checked on the parameters: p odd and > 3, at most [`MAX_BITS`] bits; a, b < p; the curve is
//! not singular (4a³ + 27b² ≠ 0); G is on the curve; n odd and > 1 and no longer than p plus one
//! bit; the cofactor non-zero. Primality of p and n is not tested (parameters come from signed
//! certificates or configuration, and a key on bad parameters only weakens the signatures of
//! whoever chose them; inverses are computed as `a^(m−2)`, which then simply fails to verify).
//! Public points must be uncompressed, on the curve, and not the identity.

use super::bignum::{self, Limbs, Modulus};
use super::key::Domain;
use super::CryptoError;

/// Largest field size accepted, in bits (P-521 is the largest curve in use).
pub(super) const MAX_BITS: usize = 576;

/// A point in Jacobian coordinates (Montgomery form); `z = 0` is the identity.
#[derive(Clone)]
struct Jac {
    x: Limbs,
    y: Limbs,
    z: Limbs,
}

/// Checked domain parameters, ready for arithmetic.
pub(super) struct Curve {
    fp: Modulus,
    fn_: Modulus,
    /// Bytes of a field element.
    plen: usize,
    a: Limbs,
    b: Limbs,
    g: Jac,
    n_bits: usize,
}

impl Curve {
    pub(super) fn new(d: &Domain) -> Result<Curve, CryptoError> {
        let bad = CryptoError::KeyInvalid;
        let bits = |v: &[u8]| {
            bignum::bit_len(&bignum::from_be(v, v.len().div_ceil(8)).unwrap_or_default())
        };
        let (p_bits, n_bits) = (bits(&d.p), bits(&d.n));
        if !(3..=MAX_BITS).contains(&p_bits) || n_bits < 2 || n_bits > p_bits + 1 {
            return Err(CryptoError::KeyUnsupported);
        }
        if d.h.iter().all(|&b| b == 0) {
            return Err(bad);
        }
        let len = p_bits.max(n_bits).div_ceil(64);
        let fp = Modulus::new(&d.p, len).ok_or(bad)?;
        let fn_ = Modulus::new(&d.n, len).ok_or(bad)?;
        let elem = |v: &[u8]| -> Result<Limbs, CryptoError> {
            let x = bignum::from_be(v, len).ok_or(bad)?;
            if bignum::cmp(&x, fp.modulus()).is_ge() {
                return Err(bad);
            }
            Ok(fp.mont(&x))
        };
        let a = elem(&d.a)?;
        let b = elem(&d.b)?;
        let small = |k: u8| fp.mont(&bignum::from_be(&[k], len).unwrap_or_default());
        // 4a³ + 27b² ≠ 0 (mod p).
        let a3 = fp.mul(&fp.mul(&a, &a), &a);
        let disc = fp.add(
            &fp.mul(&small(4), &a3),
            &fp.mul(&small(27), &fp.mul(&b, &b)),
        );
        if bignum::is_zero(&disc) {
            return Err(bad);
        }
        let (gx, gy) = (elem(&d.gx)?, elem(&d.gy)?);
        let curve = Curve {
            plen: d.p.len(),
            a,
            b,
            g: Jac {
                x: gx,
                y: gy,
                z: fp.one(),
            },
            n_bits,
            fn_,
            fp,
        };
        if !curve.on_curve(&curve.g.x, &curve.g.y) {
            return Err(bad);
        }
        Ok(curve)
    }

    fn on_curve(&self, x: &[u64], y: &[u64]) -> bool {
        let f = &self.fp;
        let rhs = f.add(&f.add(&f.mul(&f.mul(x, x), x), &f.mul(&self.a, x)), &self.b);
        bignum::cmp(&f.mul(y, y), &rhs).is_eq()
    }

    /// An uncompressed SEC1 point `04‖x‖y` on the curve (never the identity, which has no
    /// such encoding), in Montgomery form.
    pub(super) fn point(&self, sec1: &[u8]) -> Result<(Limbs, Limbs), CryptoError> {
        let bad = CryptoError::KeyInvalid;
        let xy = match sec1 {
            [0x04, xy @ ..] if xy.len() == 2 * self.plen => xy,
            [0x02 | 0x03, ..] => return Err(CryptoError::KeyUnsupported),
            _ => return Err(bad),
        };
        let (x, y) = xy.split_at(self.plen);
        let elem = |v: &[u8]| -> Result<Limbs, CryptoError> {
            let v = bignum::from_be(v, self.fp.len()).ok_or(bad)?;
            if bignum::cmp(&v, self.fp.modulus()).is_ge() {
                return Err(bad);
            }
            Ok(self.fp.mont(&v))
        };
        let (x, y) = (elem(x)?, elem(y)?);
        if !self.on_curve(&x, &y) {
            return Err(bad);
        }
        Ok((x, y))
    }

    fn identity(&self) -> Jac {
        Jac {
            x: self.fp.one(),
            y: self.fp.one(),
            z: self.fp.zero(),
        }
    }

    fn is_identity(p: &Jac) -> bool {
        bignum::is_zero(&p.z)
    }

    /// 2P, for any `a`.
    fn double(&self, p: &Jac) -> Jac {
        let f = &self.fp;
        if Curve::is_identity(p) || bignum::is_zero(&p.y) {
            return self.identity();
        }
        let xx = f.mul(&p.x, &p.x);
        let yy = f.mul(&p.y, &p.y);
        let yyyy = f.mul(&yy, &yy);
        let zz = f.mul(&p.z, &p.z);
        // S = 4·X·Y², M = 3·X² + a·Z⁴
        let xyy = f.mul(&p.x, &yy);
        let s = f.add(&f.add(&xyy, &xyy), &f.add(&xyy, &xyy));
        let m = f.add(
            &f.add(&f.add(&xx, &xx), &xx),
            &f.mul(&self.a, &f.mul(&zz, &zz)),
        );
        let x3 = f.sub(&f.mul(&m, &m), &f.add(&s, &s));
        let y8 = {
            let y2 = f.add(&yyyy, &yyyy);
            let y4 = f.add(&y2, &y2);
            f.add(&y4, &y4)
        };
        let y3 = f.sub(&f.mul(&m, &f.sub(&s, &x3)), &y8);
        let yz = f.mul(&p.y, &p.z);
        let z3 = f.add(&yz, &yz);
        Jac {
            x: x3,
            y: y3,
            z: z3,
        }
    }

    /// P + Q.
    fn add(&self, p: &Jac, q: &Jac) -> Jac {
        let f = &self.fp;
        if Curve::is_identity(p) {
            return q.clone();
        }
        if Curve::is_identity(q) {
            return p.clone();
        }
        let z1z1 = f.mul(&p.z, &p.z);
        let z2z2 = f.mul(&q.z, &q.z);
        let u1 = f.mul(&p.x, &z2z2);
        let u2 = f.mul(&q.x, &z1z1);
        let s1 = f.mul(&f.mul(&p.y, &q.z), &z2z2);
        let s2 = f.mul(&f.mul(&q.y, &p.z), &z1z1);
        let h = f.sub(&u2, &u1);
        let r = f.sub(&s2, &s1);
        if bignum::is_zero(&h) {
            return if bignum::is_zero(&r) {
                self.double(p)
            } else {
                self.identity()
            };
        }
        let hh = f.mul(&h, &h);
        let hhh = f.mul(&hh, &h);
        let v = f.mul(&u1, &hh);
        let x3 = f.sub(&f.sub(&f.mul(&r, &r), &hhh), &f.add(&v, &v));
        let y3 = f.sub(&f.mul(&r, &f.sub(&v, &x3)), &f.mul(&s1, &hhh));
        let z3 = f.mul(&f.mul(&p.z, &q.z), &h);
        Jac {
            x: x3,
            y: y3,
            z: z3,
        }
    }

    /// The ECDSA verification equation for `r`, `s` (big-endian, already checked to be in
    /// [1, n-1]) over the digest `prehash`, with public point `q` from [`Curve::point`].
    pub(super) fn verify(
        &self,
        q: (Limbs, Limbs),
        prehash: &[u8],
        r: &[u8],
        s: &[u8],
    ) -> Result<(), CryptoError> {
        let fn_ = &self.fn_;
        let len = fn_.len();
        let malformed = CryptoError::SignatureMalformed;
        let r = bignum::from_be(r, len).ok_or(malformed)?;
        let s = bignum::from_be(s, len).ok_or(malformed)?;
        // e: the leftmost n_bits bits of the digest, reduced mod n (via Montgomery form).
        let n_bytes = self.n_bits.div_ceil(8);
        let taken = prehash.get(..n_bytes).unwrap_or(prehash);
        let excess = (taken.len() * 8).saturating_sub(self.n_bits);
        let mut e_bytes = taken.to_vec();
        if excess > 0 {
            // Shift right by `excess` (< 8) bits.
            let mut carry = 0u8;
            for b in e_bytes.iter_mut() {
                let next = *b << (8 - excess);
                *b = (*b >> excess) | carry;
                carry = next;
            }
        }
        let e = bignum::from_be(&e_bytes, len).ok_or(malformed)?;
        let w = fn_.inv(&fn_.mont(&s)).ok_or(malformed)?;
        let u1 = fn_.unmont(&fn_.mul(&fn_.mont(&e), &w));
        let u2 = fn_.unmont(&fn_.mul(&fn_.mont(&r), &w));
        let q = Jac {
            x: q.0,
            y: q.1,
            z: self.fp.one(),
        };
        // u1·G + u2·Q, both scalars at once (Shamir's trick).
        let gq = self.add(&self.g, &q);
        let mut acc = self.identity();
        for i in (0..self.n_bits).rev() {
            acc = self.double(&acc);
            match (bignum::bit(&u1, i), bignum::bit(&u2, i)) {
                (true, true) => acc = self.add(&acc, &gq),
                (true, false) => acc = self.add(&acc, &self.g),
                (false, true) => acc = self.add(&acc, &q),
                (false, false) => {}
            }
        }
        if Curve::is_identity(&acc) {
            return Err(CryptoError::SignatureInvalid);
        }
        let f = &self.fp;
        let zinv = f.inv(&acc.z).ok_or(CryptoError::SignatureInvalid)?;
        let x = f.unmont(&f.mul(&acc.x, &f.mul(&zinv, &zinv)));
        // x mod n (x < p; n may be smaller than p).
        let x = fn_.unmont(&fn_.mont(&x));
        if bignum::cmp(&x, &r).is_eq() {
            Ok(())
        } else {
            Err(CryptoError::SignatureInvalid)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::Curve as Named;

    fn bp256() -> Domain {
        Domain::named(Named::BrainpoolP256r1).unwrap()
    }

    #[test]
    fn named_parameters_are_accepted() {
        for &c in crate::crypto::curves::ALL {
            assert!(Curve::new(&Domain::named(c).unwrap()).is_ok(), "{c:?}");
        }
    }

    #[test]
    fn bad_parameters_are_refused() {
        let mut even_p = bp256();
        *even_p.p.last_mut().unwrap() &= 0xfe;
        assert_eq!(Curve::new(&even_p).err(), Some(CryptoError::KeyInvalid));
        let mut g_off = bp256();
        *g_off.gy.last_mut().unwrap() ^= 1;
        assert_eq!(Curve::new(&g_off).err(), Some(CryptoError::KeyInvalid));
        // a = b = 0: y² = x³ is singular.
        let mut singular = bp256();
        singular.a = vec![0];
        singular.b = vec![0];
        assert_eq!(Curve::new(&singular).err(), Some(CryptoError::KeyInvalid));
        let mut a_too_big = bp256();
        a_too_big.a = a_too_big.p.clone();
        assert_eq!(Curve::new(&a_too_big).err(), Some(CryptoError::KeyInvalid));
        let mut zero_h = bp256();
        zero_h.h = vec![0];
        assert_eq!(Curve::new(&zero_h).err(), Some(CryptoError::KeyInvalid));
        let mut huge = bp256();
        huge.p = vec![0xff; 80];
        assert_eq!(Curve::new(&huge).err(), Some(CryptoError::KeyUnsupported));
        let mut n_too_big = bp256();
        n_too_big.n = vec![0xff; 34];
        assert_eq!(
            Curve::new(&n_too_big).err(),
            Some(CryptoError::KeyUnsupported)
        );
    }

    #[test]
    fn points_must_be_uncompressed_on_the_curve_and_not_the_identity() {
        let d = bp256();
        let c = Curve::new(&d).unwrap();
        let mut g = vec![4u8];
        g.extend_from_slice(&d.gx);
        g.extend_from_slice(&d.gy);
        assert!(c.point(&g).is_ok());
        let mut off = g.clone();
        *off.last_mut().unwrap() ^= 1;
        assert_eq!(c.point(&off).err(), Some(CryptoError::KeyInvalid));
        assert_eq!(c.point(&[0]).err(), Some(CryptoError::KeyInvalid));
        assert_eq!(c.point(&g[..64]).err(), Some(CryptoError::KeyInvalid));
        let mut compressed = vec![2u8];
        compressed.extend_from_slice(&d.gx);
        assert_eq!(
            c.point(&compressed).err(),
            Some(CryptoError::KeyUnsupported)
        );
        // x = p is out of range even if x mod p would be on the curve.
        let mut big_x = vec![4u8];
        big_x.extend_from_slice(&d.p);
        big_x.extend_from_slice(&d.gy);
        assert_eq!(c.point(&big_x).err(), Some(CryptoError::KeyInvalid));
    }
}
