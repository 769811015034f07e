//! ECDSA verification over arbitrary short-Weierstrass domain parameters `y² = x³ + ax + b` over
//! GF(p) (FIPS 186-5 §6.4.2; SEC 1 §4.1.4): NIST P-256, P-384 and P-521, the brainpool curves
//! and the explicit parameters of ICAO 9303 chips. Verification is on public data, so variable
//! time; ECDH and key generation with a secret scalar (P-256, `ecdh.rs`) have their own
//! constant-time path at the end of this file ([`Curve::ecdh`], [`Curve::public_of`]).
//!
//! Arithmetic: Montgomery form (`bignum.rs`), Jacobian coordinates (doubling with the `a = −3`
//! shortcut where `a = p − 3`, as on the NIST curves), and `u1·G + u2·Q` in one pass over both
//! scalars in width-5 NAF (Shamir's trick, interleaved), with the odd multiples `G … 15G` and
//! `Q … 15Q` made affine by one shared inversion so that the loop adds in mixed coordinates.
//!
//! Checked on the parameters: p odd and > 3, at most [`MAX_BITS`] bits; a, b < p; the curve is
//! not singular (4a³ + 27b² ≠ 0); G is on the curve; n odd and > 1 and no longer than p plus one
//! bit; the cofactor non-zero. Primality of p and n is not tested (parameters come from signed
//! certificates or configuration, and a key on bad parameters only weakens the signatures of
//! whoever chose them; an inverse that does not exist fails the verification). Public points
//! must be on the curve and not the identity; a key or base point of order below 16 verifies
//! nothing (its odd multiples reach the identity).

use super::bignum::{self, Fe, Field, MAX_LIMBS};
use super::key::Domain;
use super::CryptoError;

pub(super) use super::bignum::MAX_BITS;

/// Window of the NAF recoding: digits are odd and in (−2⁴, 2⁴).
const W: usize = 5;
/// Odd multiples kept per point: P, 3P, …, 15P.
const TABLE: usize = 1 << (W - 2);

/// A point in Jacobian coordinates (Montgomery form); `z = 0` is the identity.
#[derive(Clone, Copy)]
struct Jac {
    x: Fe,
    y: Fe,
    z: Fe,
}

/// An affine point (Montgomery form), never the identity.
#[derive(Clone, Copy)]
struct Aff {
    x: Fe,
    y: Fe,
}

/// Checked domain parameters, ready for arithmetic.
pub(super) struct Curve {
    fp: Field,
    fn_: Field,
    /// Bytes of a field element.
    plen: usize,
    a: Fe,
    b: Fe,
    /// `a = p − 3`: the cheaper doubling.
    a_minus_3: bool,
    g: Aff,
    n_bits: usize,
    /// Cofactor 1: the group of points has the (odd) order n.
    prime_order: bool,
}

impl Curve {
    pub(super) fn new(d: &Domain) -> Result<Curve, CryptoError> {
        let bad = CryptoError::KeyInvalid;
        let bits =
            |v: &[u8]| bignum::bit_len(&bignum::from_be(v, v.len().max(1)).unwrap_or_default());
        let (p_bits, n_bits) = (bits(&d.p), bits(&d.n));
        if !(3..=MAX_BITS).contains(&p_bits) || n_bits < 2 || n_bits > p_bits + 1 {
            return Err(CryptoError::KeyUnsupported);
        }
        if d.h.iter().all(|&b| b == 0) {
            return Err(bad);
        }
        let len = p_bits.max(n_bits).div_ceil(bignum::LIMB_BITS);
        if len > MAX_LIMBS {
            return Err(CryptoError::KeyUnsupported);
        }
        let fp = Field::new(&d.p, len).ok_or(bad)?;
        let fn_ = Field::new(&d.n, len).ok_or(bad)?;
        let elem = |v: &[u8]| fp.read(v).map(|x| fp.mont(&x)).ok_or(bad);
        let a = elem(&d.a)?;
        let b = elem(&d.b)?;
        let small = |k: u8| {
            let mut v = [0; MAX_LIMBS];
            v[0] = bignum::Limb::from(k);
            fp.mont(&v)
        };
        // 4a³ + 27b² ≠ 0 (mod p).
        let a3 = fp.mul(&fp.sqr(&a), &a);
        let disc = fp.add(&fp.mul(&small(4), &a3), &fp.mul(&small(27), &fp.sqr(&b)));
        if fp.is_zero(&disc) {
            return Err(bad);
        }
        let a_minus_3 = fp.eq(&fp.add(&a, &small(3)), &[0; MAX_LIMBS]);
        let g = Aff {
            x: elem(&d.gx)?,
            y: elem(&d.gy)?,
        };
        let curve = Curve {
            plen: d.p.len(),
            a,
            b,
            a_minus_3,
            g,
            n_bits,
            prime_order: d.h == [1],
            fn_,
            fp,
        };
        if !curve.on_curve(&g.x, &g.y) {
            return Err(bad);
        }
        Ok(curve)
    }

    /// `x³ + ax + b`.
    fn rhs(&self, x: &Fe) -> Fe {
        let f = &self.fp;
        f.add(&f.mul(&f.add(&f.sqr(x), &self.a), x), &self.b)
    }

    fn on_curve(&self, x: &Fe, y: &Fe) -> bool {
        self.fp.eq(&self.fp.sqr(y), &self.rhs(x))
    }

    /// A coordinate: exactly `plen` bytes, below p; Montgomery form.
    fn coordinate(&self, v: &[u8]) -> Result<Fe, CryptoError> {
        let x = self.fp.read(v).ok_or(CryptoError::KeyInvalid)?;
        Ok(self.fp.mont(&x))
    }

    /// An uncompressed SEC1 point `04‖x‖y` on the curve (never the identity, which has no
    /// such encoding), in Montgomery form.
    fn point(&self, sec1: &[u8]) -> Result<Aff, CryptoError> {
        let bad = CryptoError::KeyInvalid;
        let xy = match sec1 {
            [0x04, xy @ ..] if xy.len() == 2 * self.plen => xy,
            [0x02 | 0x03, ..] => return Err(CryptoError::KeyUnsupported),
            _ => return Err(bad),
        };
        let (x, y) = xy.split_at(self.plen);
        let (x, y) = (self.coordinate(x)?, self.coordinate(y)?);
        if !self.on_curve(&x, &y) {
            return Err(bad);
        }
        Ok(Aff { x, y })
    }

    /// Checks an uncompressed SEC1 point (see [`Curve::point`]).
    pub(super) fn check_point(&self, sec1: &[u8]) -> Result<(), CryptoError> {
        self.point(sec1).map(|_| ())
    }

    /// A compressed SEC1 point `02‖x` or `03‖x` (SEC 1 §2.3.4) as uncompressed `04‖x‖y`, for
    /// `p ≡ 3 (mod 4)` (the NIST curves P-384 and P-521): `y = (x³ + ax + b)^((p+1)/4)`.
    pub(super) fn decompress(&self, sec1: &[u8]) -> Result<Vec<u8>, CryptoError> {
        let bad = CryptoError::KeyInvalid;
        let (odd, x_bytes) = match sec1 {
            [t @ (0x02 | 0x03), x @ ..] if x.len() == self.plen => (*t == 0x03, x),
            _ => return Err(bad),
        };
        let f = &self.fp;
        let p = f.modulus();
        if p[0] & 3 != 3 {
            return Err(CryptoError::KeyUnsupported);
        }
        let x = self.coordinate(x_bytes)?;
        let rhs = self.rhs(&x);
        // (p + 1) / 4, with a limb more for the carry of p + 1.
        let mut e: Vec<bignum::Limb> = p.iter().take(f.len()).copied().collect();
        e.push(0);
        for l in e.iter_mut() {
            let (s, carry) = l.overflowing_add(1);
            *l = s;
            if !carry {
                break;
            }
        }
        for _ in 0..2 {
            let mut carry = 0;
            for l in e.iter_mut().rev() {
                let next = *l & 1;
                *l = (*l >> 1) | (carry << (bignum::LIMB_BITS - 1));
                carry = next;
            }
        }
        let y = f.pow(&rhs, &e);
        if !f.eq(&f.sqr(&y), &rhs) {
            return Err(bad);
        }
        let mut y = f.unmont(&y);
        if (y[0] & 1 == 1) != odd {
            if f.is_zero(&y) {
                return Err(bad);
            }
            y = f.neg(&y);
        }
        let mut out = Vec::with_capacity(1 + 2 * self.plen);
        out.push(0x04);
        out.extend_from_slice(x_bytes);
        out.extend_from_slice(&f.to_be(&y, self.plen));
        Ok(out)
    }

    fn identity(&self) -> Jac {
        Jac {
            x: self.fp.one(),
            y: self.fp.one(),
            z: [0; MAX_LIMBS],
        }
    }

    fn is_identity(&self, p: &Jac) -> bool {
        self.fp.is_zero(&p.z)
    }

    /// 2P (dbl-2001-b for `a = −3`, dbl-2007-bl otherwise; both give the identity for the
    /// identity and for points with `y = 0`).
    fn double(&self, p: &Jac) -> Jac {
        let f = &self.fp;
        if self.a_minus_3 {
            let delta = f.sqr(&p.z);
            let gamma = f.sqr(&p.y);
            let beta = f.mul(&p.x, &gamma);
            let t = f.mul(&f.sub(&p.x, &delta), &f.add(&p.x, &delta));
            let alpha = f.add(&f.add(&t, &t), &t);
            let beta2 = f.add(&beta, &beta);
            let beta4 = f.add(&beta2, &beta2);
            let x3 = f.sub(&f.sqr(&alpha), &f.add(&beta4, &beta4));
            let z3 = f.sub(&f.sub(&f.sqr(&f.add(&p.y, &p.z)), &gamma), &delta);
            let g2 = f.sqr(&gamma);
            let g4 = f.add(&g2, &g2);
            let g8 = f.add(&f.add(&g4, &g4), &f.add(&g4, &g4));
            let y3 = f.sub(&f.mul(&alpha, &f.sub(&beta4, &x3)), &g8);
            return Jac {
                x: x3,
                y: y3,
                z: z3,
            };
        }
        let xx = f.sqr(&p.x);
        let yy = f.sqr(&p.y);
        let yyyy = f.sqr(&yy);
        let zz = f.sqr(&p.z);
        let t = f.sub(&f.sub(&f.sqr(&f.add(&p.x, &yy)), &xx), &yyyy);
        let s = f.add(&t, &t);
        let m = f.add(&f.add(&f.add(&xx, &xx), &xx), &f.mul(&self.a, &f.sqr(&zz)));
        let x3 = f.sub(&f.sqr(&m), &f.add(&s, &s));
        let y2 = f.add(&yyyy, &yyyy);
        let y4 = f.add(&y2, &y2);
        let y3 = f.sub(&f.mul(&m, &f.sub(&s, &x3)), &f.add(&y4, &y4));
        let z3 = f.sub(&f.sub(&f.sqr(&f.add(&p.y, &p.z)), &yy), &zz);
        Jac {
            x: x3,
            y: y3,
            z: z3,
        }
    }

    /// P + Q, both Jacobian (add-2007-bl; doubling and the identity handled).
    fn add(&self, p: &Jac, q: &Jac) -> Jac {
        let f = &self.fp;
        if self.is_identity(p) {
            return *q;
        }
        if self.is_identity(q) {
            return *p;
        }
        let z1z1 = f.sqr(&p.z);
        let z2z2 = f.sqr(&q.z);
        let u1 = f.mul(&p.x, &z2z2);
        let u2 = f.mul(&q.x, &z1z1);
        let s1 = f.mul(&f.mul(&p.y, &q.z), &z2z2);
        let s2 = f.mul(&f.mul(&q.y, &p.z), &z1z1);
        let h = f.sub(&u2, &u1);
        let r = f.sub(&s2, &s1);
        if f.is_zero(&h) {
            return if f.is_zero(&r) {
                self.double(p)
            } else {
                self.identity()
            };
        }
        let hh = f.sqr(&h);
        let hhh = f.mul(&hh, &h);
        let v = f.mul(&u1, &hh);
        let x3 = f.sub(&f.sub(&f.sqr(&r), &hhh), &f.add(&v, &v));
        let y3 = f.sub(&f.mul(&r, &f.sub(&v, &x3)), &f.mul(&s1, &hhh));
        let z3 = f.mul(&f.mul(&p.z, &q.z), &h);
        Jac {
            x: x3,
            y: y3,
            z: z3,
        }
    }

    /// P + Q with Q affine (madd-2007-bl; doubling and the identity handled).
    fn add_affine(&self, p: &Jac, q: &Aff) -> Jac {
        let f = &self.fp;
        if self.is_identity(p) {
            return Jac {
                x: q.x,
                y: q.y,
                z: f.one(),
            };
        }
        let z1z1 = f.sqr(&p.z);
        let u2 = f.mul(&q.x, &z1z1);
        let s2 = f.mul(&q.y, &f.mul(&p.z, &z1z1));
        let h = f.sub(&u2, &p.x);
        let r = f.sub(&s2, &p.y);
        if f.is_zero(&h) {
            return if f.is_zero(&r) {
                self.double(p)
            } else {
                self.identity()
            };
        }
        let r = f.add(&r, &r);
        let hh = f.sqr(&h);
        let i = f.add(&f.add(&hh, &hh), &f.add(&hh, &hh));
        let j = f.mul(&h, &i);
        let v = f.mul(&p.x, &i);
        let x3 = f.sub(&f.sub(&f.sqr(&r), &j), &f.add(&v, &v));
        let yj = f.mul(&p.y, &j);
        let y3 = f.sub(&f.mul(&r, &f.sub(&v, &x3)), &f.add(&yj, &yj));
        let z3 = f.sub(&f.sub(&f.sqr(&f.add(&p.z, &h)), &z1z1), &hh);
        Jac {
            x: x3,
            y: y3,
            z: z3,
        }
    }

    /// P, 3P, …, 15P (Jacobian).
    fn odd_multiples(&self, p: &Aff) -> [Jac; TABLE] {
        let first = Jac {
            x: p.x,
            y: p.y,
            z: self.fp.one(),
        };
        let twice = self.double(&first);
        let mut out = [first; TABLE];
        let mut prev = first;
        for slot in out.iter_mut().skip(1) {
            prev = self.add(&prev, &twice);
            *slot = prev;
        }
        out
    }

    /// Jacobian points as affine ones with one inversion (Montgomery's trick); `None` if one
    /// of them is the identity.
    fn to_affine<const K: usize>(&self, pts: &[Jac; K]) -> Option<[Aff; K]> {
        let f = &self.fp;
        // prefix[i] = z0·…·zi
        let mut prefix = [f.one(); K];
        let mut acc = f.one();
        for (slot, p) in prefix.iter_mut().zip(pts) {
            acc = f.mul(&acc, &p.z);
            *slot = acc;
        }
        // (z0·…·z_{K−1})⁻¹ in Montgomery form, from the plain inverse of the Montgomery value.
        let mut inv = f.mont(&f.mont(&f.inv(&acc)?));
        let mut out = [Aff {
            x: [0; MAX_LIMBS],
            y: [0; MAX_LIMBS],
        }; K];
        for i in (0..K).rev() {
            let (p, slot) = (pts.get(i)?, out.get_mut(i)?);
            // inv = (z0·…·zi)⁻¹
            let zi = match i.checked_sub(1) {
                Some(before) => f.mul(&inv, prefix.get(before)?),
                None => inv,
            };
            inv = f.mul(&inv, &p.z);
            let zi2 = f.sqr(&zi);
            *slot = Aff {
                x: f.mul(&p.x, &zi2),
                y: f.mul(&p.y, &f.mul(&zi2, &zi)),
            };
        }
        Some(out)
    }

    /// The width-[`W`] NAF of a plain scalar: `digits[i]` multiplies `2^i`, every non-zero
    /// digit odd and in (−2^(W−1), 2^(W−1)), at least W−1 zeros after each.
    fn naf(&self, k: &Fe) -> Vec<i8> {
        let len = self.fn_.len() + 1;
        let mut k: Vec<bignum::Limb> = k.iter().copied().take(len - 1).collect();
        k.push(0);
        let mut digits = Vec::with_capacity(self.n_bits + 1);
        let window = 1 << W;
        while !bignum::is_zero(&k) {
            let low = k.first().copied().unwrap_or(0);
            let mut d = 0i8;
            if low & 1 == 1 {
                let m = i16::try_from(low & (window - 1)).unwrap_or(0);
                let m = if m >= window_half() {
                    m - 2 * window_half()
                } else {
                    m
                };
                d = i8::try_from(m).unwrap_or(0);
                let small = bignum::Limb::from(m.unsigned_abs());
                // k −= d: the low W bits become zero (no borrow out of a positive k ≥ d).
                let first = k.first_mut();
                if let Some(l) = first {
                    if m > 0 {
                        *l -= small;
                    } else {
                        let (s, carry) = l.overflowing_add(small);
                        *l = s;
                        let mut carry = carry;
                        for l in k.iter_mut().skip(1) {
                            if !carry {
                                break;
                            }
                            let (s, c) = l.overflowing_add(1);
                            *l = s;
                            carry = c;
                        }
                    }
                }
            }
            digits.push(d);
            let mut carry = 0;
            for l in k.iter_mut().rev() {
                let next = *l & 1;
                *l = (*l >> 1) | (carry << (bignum::LIMB_BITS - 1));
                carry = next;
            }
        }
        digits
    }

    /// The ECDSA verification equation for `r`, `s` (big-endian, already checked to be in
    /// [1, n-1]) over the digest `prehash`, with the uncompressed SEC1 public point `q`.
    pub(super) fn verify(
        &self,
        q: &[u8],
        prehash: &[u8],
        r: &[u8],
        s: &[u8],
    ) -> Result<(), CryptoError> {
        let q = self.point(q)?;
        let fn_ = &self.fn_;
        let malformed = CryptoError::SignatureMalformed;
        let r = fn_.read(r).ok_or(malformed)?;
        let s = fn_.read(s).ok_or(malformed)?;
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
        let e = bignum::from_be(&e_bytes, fn_.len()).ok_or(malformed)?;
        let mut e_fe = [0; MAX_LIMBS];
        for (o, l) in e_fe.iter_mut().zip(e) {
            *o = l;
        }
        // w = s⁻¹ (plain); a Montgomery product of a Montgomery-form value and a plain one is
        // plain: u1 = e·w, u2 = r·w.
        let w = fn_.inv(&s).ok_or(malformed)?;
        let u1 = fn_.mul(&fn_.mont(&e_fe), &w);
        let u2 = fn_.mul(&fn_.mont(&r), &w);
        let (d1, d2) = (self.naf(&u1), self.naf(&u2));
        let mut both = [self.identity(); 2 * TABLE];
        let (tg, tq) = both.split_at_mut(TABLE);
        tg.copy_from_slice(&self.odd_multiples(&self.g));
        tq.copy_from_slice(&self.odd_multiples(&q));
        let table = self.to_affine(&both).ok_or(CryptoError::SignatureInvalid)?;
        let (tg, tq) = table.split_at(TABLE);
        let f = &self.fp;
        let mut acc = self.identity();
        for i in (0..d1.len().max(d2.len())).rev() {
            if !self.is_identity(&acc) {
                acc = self.double(&acc);
            }
            for (digits, t) in [(&d1, tg), (&d2, tq)] {
                let d = digits.get(i).copied().unwrap_or(0);
                if d == 0 {
                    continue;
                }
                let idx = usize::from(d.unsigned_abs() / 2);
                let Some(pt) = t.get(idx) else { continue };
                acc = if d > 0 {
                    self.add_affine(&acc, pt)
                } else {
                    self.add_affine(
                        &acc,
                        &Aff {
                            x: pt.x,
                            y: f.neg(&pt.y),
                        },
                    )
                };
            }
        }
        if self.is_identity(&acc) {
            return Err(CryptoError::SignatureInvalid);
        }
        // Affine x = X/Z², then x mod n (x < p; n may be smaller than p).
        let zinv = f.mont(&f.mont(&f.inv(&acc.z).ok_or(CryptoError::SignatureInvalid)?));
        let x = f.unmont(&f.mul(&acc.x, &f.sqr(&zinv)));
        let x = fn_.unmont(&fn_.mont(&x));
        if fn_.eq(&x, &r) {
            Ok(())
        } else {
            Err(CryptoError::SignatureInvalid)
        }
    }
}

/// A point in homogeneous projective coordinates `(X : Y : Z)`, `x = X/Z`, `y = Y/Z`
/// (Montgomery form); the identity is `(0 : 1 : 0)`. For the constant-time multiplication.
#[derive(Clone, Copy)]
struct Proj {
    x: Fe,
    y: Fe,
    z: Fe,
}

/// Key agreement and key generation with a SECRET scalar (`ecdh.rs`), in constant time: see
/// `docs/architecture.md` ("Constant time for ECDH").
impl Curve {
    /// P + Q by the complete addition formulas of Renes, Costello and Batina (2016),
    /// Algorithm 4 (`a = −3`, prime order): no exceptional case, doubling and the identity
    /// included, and no branch.
    fn add_complete(&self, p: &Proj, q: &Proj) -> Proj {
        let f = &self.fp;
        let b = &self.b;
        let t0 = f.mul(&p.x, &q.x);
        let t1 = f.mul(&p.y, &q.y);
        let t2 = f.mul(&p.z, &q.z);
        let t3 = f.mul(&f.add(&p.x, &p.y), &f.add(&q.x, &q.y));
        let t3 = f.sub(&t3, &f.add(&t0, &t1));
        let t4 = f.mul(&f.add(&p.y, &p.z), &f.add(&q.y, &q.z));
        let t4 = f.sub(&t4, &f.add(&t1, &t2));
        let x3 = f.mul(&f.add(&p.x, &p.z), &f.add(&q.x, &q.z));
        let y3 = f.sub(&x3, &f.add(&t0, &t2));
        let z3 = f.mul(b, &t2);
        let x3 = f.sub(&y3, &z3);
        let z3 = f.add(&x3, &x3);
        let x3 = f.add(&x3, &z3);
        let z3 = f.sub(&t1, &x3);
        let x3 = f.add(&t1, &x3);
        let y3 = f.mul(b, &y3);
        let t1 = f.add(&t2, &t2);
        let t2 = f.add(&t1, &t2);
        let y3 = f.sub(&f.sub(&y3, &t2), &t0);
        let y3 = f.add(&f.add(&y3, &y3), &y3);
        let t1 = f.add(&t0, &t0);
        let t0 = f.sub(&f.add(&t1, &t0), &t2);
        let t1 = f.mul(&t4, &y3);
        let t2 = f.mul(&t0, &y3);
        let y3 = f.add(&f.mul(&x3, &z3), &t2);
        let x3 = f.sub(&f.mul(&t3, &x3), &t1);
        let z3 = f.add(&f.mul(&t4, &z3), &f.mul(&t3, &t0));
        Proj {
            x: x3,
            y: y3,
            z: z3,
        }
    }

    /// A secret scalar: exactly the byte length of n, big-endian, in `[1, n−1]`; read and
    /// range-checked without a data-dependent branch. `None` otherwise.
    fn secret_scalar(&self, be: &[u8]) -> Option<Fe> {
        if be.len() != self.n_bits.div_ceil(8) {
            return None;
        }
        let mut k = [0; MAX_LIMBS];
        for (i, &byte) in be.iter().rev().enumerate() {
            let slot = k.get_mut(i / bignum::LIMB_BYTES)?;
            *slot |= bignum::Limb::from(byte) << (8 * (i % bignum::LIMB_BYTES));
        }
        let len = self.fn_.len();
        let mut d = k;
        let below_n = bignum::sub_in(d.get_mut(..len)?, self.fn_.modulus().get(..len)?);
        let any = k.iter().fold(0, |acc, &l| acc | l);
        // Both conditions folded into one decision at the end (a rejected key may leak).
        let nonzero = (any | any.wrapping_neg()) >> (bignum::LIMB_BITS - 1);
        (below_n && nonzero == 1).then_some(k)
    }

    /// `k·P` for a secret scalar `k` (plain, `[1, n−1]`) and a checked point `P`, as affine
    /// plain coordinates; `None` for the identity (impossible for such inputs on a curve of
    /// prime order). Fixed 4-bit windows from the top: four doublings and one addition of a
    /// table entry chosen by a masked scan of all 16 entries, every window, whatever `k`.
    fn mul_secret(&self, k: &Fe, p: &Aff) -> Option<(Fe, Fe)> {
        let f = &self.fp;
        let identity = Proj {
            x: [0; MAX_LIMBS],
            y: f.one(),
            z: [0; MAX_LIMBS],
        };
        let base = Proj {
            x: p.x,
            y: p.y,
            z: f.one(),
        };
        // table[i] = i·P.
        let mut table = [identity; 16];
        let mut prev = identity;
        for slot in table.iter_mut().skip(1) {
            prev = self.add_complete(&prev, &base);
            *slot = prev;
        }
        let mut acc = identity;
        let windows = self.n_bits.div_ceil(4);
        for w in (0..windows).rev() {
            for _ in 0..4 {
                acc = self.add_complete(&acc, &acc);
            }
            let bit = 4 * w;
            let limb = k.get(bit / bignum::LIMB_BITS).copied().unwrap_or(0);
            let digit = (limb >> (bit % bignum::LIMB_BITS)) & 15;
            let mut t = identity;
            for (i, e) in (0..).zip(table.iter()) {
                let x: bignum::Limb = i ^ digit;
                // 1 when x = 0.
                let m = bignum::mask(((x | x.wrapping_neg()) >> (bignum::LIMB_BITS - 1)) ^ 1);
                bignum::select(&mut t.x, &e.x, m);
                bignum::select(&mut t.y, &e.y, m);
                bignum::select(&mut t.z, &e.z, m);
            }
            acc = self.add_complete(&acc, &t);
        }
        // Z = 0 (the identity) tested over all limbs at once; only the outcome branches.
        if acc.z.iter().fold(0, |m, &l| m | l) == 0 {
            return None;
        }
        let zinv = f.inv_prime(&acc.z);
        Some((
            f.unmont(&f.mul(&acc.x, &zinv)),
            f.unmont(&f.mul(&acc.y, &zinv)),
        ))
    }

    /// Only `a = −3` curves of prime order have the complete formulas used here (P-256).
    fn secret_ok(&self) -> Result<(), CryptoError> {
        if self.a_minus_3 && self.prime_order {
            Ok(())
        } else {
            Err(CryptoError::KeyUnsupported)
        }
    }

    /// The public point `d·G` of the secret scalar `d` (big-endian, the byte length of n, in
    /// `[1, n−1]`), uncompressed SEC1. [`CryptoError::KeyInvalid`] for a scalar out of range.
    pub(super) fn public_of(&self, d: &[u8]) -> Result<Vec<u8>, CryptoError> {
        self.secret_ok()?;
        let k = self.secret_scalar(d).ok_or(CryptoError::KeyInvalid)?;
        let (x, y) = self
            .mul_secret(&k, &self.g)
            .ok_or(CryptoError::KeyInvalid)?;
        let mut out = Vec::with_capacity(1 + 2 * self.plen);
        out.push(0x04);
        out.extend_from_slice(&self.fp.to_be(&x, self.plen));
        out.extend_from_slice(&self.fp.to_be(&y, self.plen));
        Ok(out)
    }

    /// ECDH (SEC 1 §3.3.1): the x-coordinate of `d·Q` for the secret scalar `d` (as in
    /// [`Curve::public_of`]) and the peer's uncompressed SEC1 point `Q`, checked to be on the
    /// curve (so not the identity, which has no such encoding). [`CryptoError::KeyInvalid`] for
    /// a bad point, a scalar out of range, or an all-zero result.
    pub(super) fn ecdh(&self, d: &[u8], peer: &[u8]) -> Result<Vec<u8>, CryptoError> {
        self.secret_ok()?;
        let q = self.point(peer)?;
        let k = self.secret_scalar(d).ok_or(CryptoError::KeyInvalid)?;
        let (x, _) = self.mul_secret(&k, &q).ok_or(CryptoError::KeyInvalid)?;
        let z = self.fp.to_be(&x, self.plen);
        if z.iter().fold(0, |acc, &b| acc | b) == 0 {
            return Err(CryptoError::KeyInvalid);
        }
        Ok(z)
    }
}

/// 2^(W−1), the bound of a NAF digit.
const fn window_half() -> i16 {
    1 << (W - 1)
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
    fn a_minus_3_is_recognised() {
        let on = |c| Curve::new(&Domain::named(c).unwrap()).unwrap().a_minus_3;
        assert!(on(Named::P256) && on(Named::P384));
        assert!(!on(Named::BrainpoolP256r1) && !on(Named::BrainpoolP512r1));
    }

    #[test]
    fn naf_digits_rebuild_the_scalar() {
        let c = Curve::new(&bp256()).unwrap();
        let f = &c.fn_;
        let n_minus_1 = f.sub(f.modulus(), &{
            let mut one = [0; MAX_LIMBS];
            one[0] = 1;
            one
        });
        for k in [n_minus_1, [1; MAX_LIMBS], {
            let mut v = [0; MAX_LIMBS];
            v[0] = 0b1011_0111_0110_1111;
            v
        }] {
            let k = f.read(&f.to_be(&k, 32)).unwrap_or(n_minus_1);
            let digits = c.naf(&k);
            // Σ d_i·2^i, by Horner from the top, as i128 pieces is too small: rebuild mod n.
            let mut acc = [0; MAX_LIMBS];
            for &d in digits.iter().rev() {
                acc = f.add(&acc, &acc);
                let mut v = [0; MAX_LIMBS];
                v[0] = bignum::Limb::from(d.unsigned_abs());
                acc = if d >= 0 {
                    f.add(&acc, &v)
                } else {
                    f.sub(&acc, &v)
                };
                if d != 0 {
                    assert!(d % 2 != 0 && d.unsigned_abs() < 16);
                }
            }
            assert!(f.eq(&acc, &k));
            for w in digits.windows(W) {
                assert!(w[0] == 0 || w[1..].iter().all(|&d| d == 0));
            }
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
        assert!(c.check_point(&g).is_ok());
        let mut off = g.clone();
        *off.last_mut().unwrap() ^= 1;
        assert_eq!(c.check_point(&off).err(), Some(CryptoError::KeyInvalid));
        assert_eq!(c.check_point(&[0]).err(), Some(CryptoError::KeyInvalid));
        assert_eq!(c.check_point(&g[..64]).err(), Some(CryptoError::KeyInvalid));
        let mut compressed = vec![2u8];
        compressed.extend_from_slice(&d.gx);
        assert_eq!(
            c.check_point(&compressed).err(),
            Some(CryptoError::KeyUnsupported)
        );
        // Decompression gives G back (brainpoolP256r1's p is 3 mod 4 too).
        compressed[0] = 2 + (d.gy[31] & 1);
        assert_eq!(c.decompress(&compressed).unwrap(), g);
        compressed[0] ^= 1;
        assert_ne!(c.decompress(&compressed).unwrap(), g);
        // x = p is out of range even if x mod p would be on the curve.
        let mut big_x = vec![4u8];
        big_x.extend_from_slice(&d.p);
        big_x.extend_from_slice(&d.gy);
        assert_eq!(c.check_point(&big_x).err(), Some(CryptoError::KeyInvalid));
    }
}
