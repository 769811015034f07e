//! ECDSA verification over arbitrary short-Weierstrass domain parameters `y² = x³ + ax + b` over
//! GF(p) (FIPS 186-5 §6.4.2; SEC 1 §4.1.4): the brainpool curves and the explicit parameters of
//! ICAO 9303 chips. Verification only, on public data, so variable time; Jacobian coordinates
//! with Montgomery arithmetic from `crypto-bigint`.
//!
//! Checked on the parameters: p odd and > 3, at most [`MAX_BITS`] bits; a, b < p; the curve is
//! not singular (4a³ + 27b² ≠ 0); G is on the curve; n odd and > 1 and no larger than p + 1 + 2√p
//! allows (bit length at most that of p plus one); the cofactor non-zero. Primality of p and n is
//! not tested (parameters come from signed certificates or configuration, and a key on bad
//! parameters only weakens the signatures of whoever chose them). Public points must be
//! uncompressed, on the curve, and not the identity.

use crypto_bigint::modular::{BoxedMontyForm as Fe, BoxedMontyParams};
use crypto_bigint::{BoxedUint, NonZero, Odd};

use super::key::Domain;
use super::CryptoError;

/// Largest field size accepted, in bits (P-521 is the largest curve in use).
pub(super) const MAX_BITS: u32 = 576;

/// A point in Jacobian coordinates; `z = 0` is the identity.
#[derive(Clone)]
struct Jac {
    x: Fe,
    y: Fe,
    z: Fe,
}

/// Checked domain parameters, ready for arithmetic.
pub(super) struct Curve {
    fp: BoxedMontyParams,
    prec: u32,
    plen: usize,
    a: Fe,
    b: Fe,
    g: Jac,
    n: NonZero<BoxedUint>,
    fn_: BoxedMontyParams,
    n_bits: u32,
}

fn bool_of(c: crypto_bigint::Choice) -> bool {
    c.to_bool()
}

impl Curve {
    pub(super) fn new(d: &Domain) -> Result<Curve, CryptoError> {
        let bad = CryptoError::KeyInvalid;
        let bits = |v: &[u8]| u32::try_from(v.len() * 8).unwrap_or(u32::MAX);
        if bits(&d.p) > MAX_BITS + 8 || bits(&d.n) > MAX_BITS + 16 {
            return Err(CryptoError::KeyUnsupported);
        }
        let prec = bits(&d.p).max(bits(&d.n)).div_ceil(64) * 64;
        let int = |v: &[u8]| BoxedUint::from_be_slice(v, prec).map_err(|_| bad);
        let p = int(&d.p)?;
        let n = int(&d.n)?;
        let (p_bits, n_bits) = (p.bit_width(), n.bit_width());
        if !(3..=MAX_BITS).contains(&p_bits) || n_bits < 2 || n_bits > p_bits + 1 {
            return Err(CryptoError::KeyUnsupported);
        }
        let p_odd = Odd::new(p.clone()).into_option().ok_or(bad)?;
        let n_odd = Odd::new(n.clone()).into_option().ok_or(bad)?;
        if d.h.iter().all(|&b| b == 0) {
            return Err(bad);
        }
        let fp = BoxedMontyParams::new_vartime(p_odd);
        let fn_ = BoxedMontyParams::new_vartime(n_odd);
        let elem = |v: &[u8]| -> Result<Fe, CryptoError> {
            let x = int(v)?;
            if x.cmp_vartime(&p).is_ge() {
                return Err(bad);
            }
            Ok(Fe::new(x, &fp))
        };
        let a = elem(&d.a)?;
        let b = elem(&d.b)?;
        // 4a³ + 27b² ≠ 0 (mod p).
        let small = |k: u64| {
            Fe::new(
                BoxedUint::from_be_slice(&k.to_be_bytes(), prec)
                    .unwrap_or(BoxedUint::zero_with_precision(prec)),
                &fp,
            )
        };
        let disc = small(4)
            .mul(&a.square().mul(&a))
            .add(&small(27).mul(&b.square()));
        if bool_of(disc.is_zero()) {
            return Err(bad);
        }
        let (gx, gy) = (elem(&d.gx)?, elem(&d.gy)?);
        let one = Fe::one(&fp);
        let curve = Curve {
            n: NonZero::new(n).into_option().ok_or(bad)?,
            fn_,
            n_bits,
            plen: d.p.len(),
            prec,
            a,
            b,
            g: Jac {
                x: gx,
                y: gy,
                z: one,
            },
            fp,
        };
        if !curve.on_curve(&curve.g.x, &curve.g.y) {
            return Err(bad);
        }
        Ok(curve)
    }

    fn on_curve(&self, x: &Fe, y: &Fe) -> bool {
        let rhs = x.square().mul(x).add(&self.a.mul(x)).add(&self.b);
        bool_of(y.square().sub(&rhs).is_zero())
    }

    /// An uncompressed SEC1 point `04‖x‖y` on the curve, not the identity.
    pub(super) fn point(&self, sec1: &[u8]) -> Result<(Fe, Fe), CryptoError> {
        let bad = CryptoError::KeyInvalid;
        let xy = match sec1 {
            [0x04, xy @ ..] if xy.len() == 2 * self.plen => xy,
            [0x02 | 0x03, ..] => return Err(CryptoError::KeyUnsupported),
            _ => return Err(bad),
        };
        let (x, y) = xy.split_at(self.plen);
        let elem = |v: &[u8]| -> Result<Fe, CryptoError> {
            let v = BoxedUint::from_be_slice(v, self.prec).map_err(|_| bad)?;
            if v.cmp_vartime(self.fp.modulus().as_ref()).is_ge() {
                return Err(bad);
            }
            Ok(Fe::new(v, &self.fp))
        };
        let (x, y) = (elem(x)?, elem(y)?);
        if !self.on_curve(&x, &y) {
            return Err(bad);
        }
        Ok((x, y))
    }

    fn identity(&self) -> Jac {
        Jac {
            x: Fe::one(&self.fp),
            y: Fe::one(&self.fp),
            z: Fe::zero(&self.fp),
        }
    }

    fn is_identity(p: &Jac) -> bool {
        bool_of(p.z.is_zero())
    }

    /// 2P, for any `a`.
    fn double(&self, p: &Jac) -> Jac {
        if Curve::is_identity(p) || bool_of(p.y.is_zero()) {
            return self.identity();
        }
        let xx = p.x.square();
        let yy = p.y.square();
        let yyyy = yy.square();
        let zz = p.z.square();
        // S = 4·X·Y², M = 3·X² + a·Z⁴
        let s = p.x.mul(&yy).double().double();
        let m = xx.double().add(&xx).add(&self.a.mul(&zz.square()));
        let x3 = m.square().sub(&s.double());
        let y3 = m.mul(&s.sub(&x3)).sub(&yyyy.double().double().double());
        let z3 = p.y.mul(&p.z).double();
        Jac {
            x: x3,
            y: y3,
            z: z3,
        }
    }

    /// P + Q.
    fn add(&self, p: &Jac, q: &Jac) -> Jac {
        if Curve::is_identity(p) {
            return q.clone();
        }
        if Curve::is_identity(q) {
            return p.clone();
        }
        let z1z1 = p.z.square();
        let z2z2 = q.z.square();
        let u1 = p.x.mul(&z2z2);
        let u2 = q.x.mul(&z1z1);
        let s1 = p.y.mul(&q.z).mul(&z2z2);
        let s2 = q.y.mul(&p.z).mul(&z1z1);
        let h = u2.sub(&u1);
        let r = s2.sub(&s1);
        if bool_of(h.is_zero()) {
            return if bool_of(r.is_zero()) {
                self.double(p)
            } else {
                self.identity()
            };
        }
        let hh = h.square();
        let hhh = hh.mul(&h);
        let v = u1.mul(&hh);
        let x3 = r.square().sub(&hhh).sub(&v.double());
        let y3 = r.mul(&v.sub(&x3)).sub(&s1.mul(&hhh));
        let z3 = p.z.mul(&q.z).mul(&h);
        Jac {
            x: x3,
            y: y3,
            z: z3,
        }
    }

    /// The ECDSA verification equation for `r`, `s` (big-endian, already checked to be in
    /// [1, n-1]) over the digest `prehash`, with public point `(qx, qy)`.
    pub(super) fn verify(
        &self,
        q: (Fe, Fe),
        prehash: &[u8],
        r: &[u8],
        s: &[u8],
    ) -> Result<(), CryptoError> {
        let malformed = |_| CryptoError::SignatureMalformed;
        let r = BoxedUint::from_be_slice(r, self.prec).map_err(malformed)?;
        let s = BoxedUint::from_be_slice(s, self.prec).map_err(malformed)?;
        // e: the leftmost n_bits bits of the digest, reduced mod n.
        let n_bytes = usize::try_from(self.n_bits.div_ceil(8)).unwrap_or(usize::MAX);
        let taken = prehash.get(..n_bytes).unwrap_or(prehash);
        let excess = u32::try_from(taken.len() * 8)
            .unwrap_or(0)
            .saturating_sub(self.n_bits);
        let e = BoxedUint::from_be_slice(taken, self.prec)
            .map_err(malformed)?
            .shr_vartime(excess)
            .ok_or(CryptoError::SignatureMalformed)?
            .rem_vartime(&self.n);
        let sm = Fe::new(s, &self.fn_);
        let w = sm
            .invert_vartime()
            .into_option()
            .ok_or(CryptoError::SignatureMalformed)?;
        let u1 = Fe::new(e, &self.fn_).mul(&w).retrieve();
        let u2 = Fe::new(r.clone(), &self.fn_).mul(&w).retrieve();
        let q = Jac {
            x: q.0,
            y: q.1,
            z: Fe::one(&self.fp),
        };
        // u1·G + u2·Q, both scalars at once (Shamir's trick).
        let gq = self.add(&self.g, &q);
        let mut acc = self.identity();
        for i in (0..self.n_bits).rev() {
            acc = self.double(&acc);
            match (bool_of(u1.bit(i)), bool_of(u2.bit(i))) {
                (true, true) => acc = self.add(&acc, &gq),
                (true, false) => acc = self.add(&acc, &self.g),
                (false, true) => acc = self.add(&acc, &q),
                (false, false) => {}
            }
        }
        if Curve::is_identity(&acc) {
            return Err(CryptoError::SignatureInvalid);
        }
        let zinv = acc
            .z
            .invert_vartime()
            .into_option()
            .ok_or(CryptoError::SignatureInvalid)?;
        let x = acc.x.mul(&zinv.square()).retrieve().rem_vartime(&self.n);
        if x.cmp_vartime(&r).is_eq() {
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
        for c in crate::crypto::curves::ALL {
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
