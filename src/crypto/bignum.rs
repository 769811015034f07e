//! Just enough multi-precision arithmetic for RSA and the generic short-Weierstrass verifier:
//! Montgomery multiplication (CIOS) modulo an odd modulus over 64-bit limbs, little-endian.
//! Public data only, so variable time. Our own, rather than `crypto-bigint`'s boxed types,
//! because those bring ~100 KB of Karatsuba monomorphisations into a wasm build (measured in
//! `docs/architecture.md`); this is a few KB and fast enough for verification.
// RSA and the curve verifier each use part of this.
#![cfg_attr(
    not(all(feature = "crypto-brainpool", feature = "crypto-rsa")),
    allow(dead_code)
)]

use core::cmp::Ordering;

/// A number as `len` little-endian 64-bit limbs.
pub(super) type Limbs = Vec<u64>;

/// Big-endian bytes as `len` limbs; `None` if the value does not fit.
pub(super) fn from_be(bytes: &[u8], len: usize) -> Option<Limbs> {
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    let bytes = bytes.get(start..)?;
    if bytes.len() > len * 8 {
        return None;
    }
    let mut out = vec![0u64; len];
    for (limb, chunk) in out.iter_mut().zip(bytes.rchunks(8)) {
        *limb = chunk.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
    }
    Some(out)
}

/// `x` as exactly `out_len` big-endian bytes (high bytes dropped if `x` is longer).
pub(super) fn to_be(x: &[u64], out_len: usize) -> Vec<u8> {
    let mut all: Vec<u8> = x.iter().rev().flat_map(|l| l.to_be_bytes()).collect();
    if all.len() < out_len {
        let mut padded = vec![0u8; out_len - all.len()];
        padded.append(&mut all);
        return padded;
    }
    all.split_off(all.len() - out_len)
}

/// Compares two numbers of the same length.
pub(super) fn cmp(a: &[u64], b: &[u64]) -> Ordering {
    for (x, y) in a.iter().rev().zip(b.iter().rev()) {
        match x.cmp(y) {
            Ordering::Equal => {}
            o => return o,
        }
    }
    a.len().cmp(&b.len())
}

pub(super) fn is_zero(a: &[u64]) -> bool {
    a.iter().all(|&l| l == 0)
}

/// Bit `i` of `a`.
pub(super) fn bit(a: &[u64], i: usize) -> bool {
    a.get(i / 64).is_some_and(|l| (l >> (i % 64)) & 1 == 1)
}

/// Number of significant bits.
pub(super) fn bit_len(a: &[u64]) -> usize {
    for (i, l) in a.iter().enumerate().rev() {
        if *l != 0 {
            return i * 64 + 64 - usize::try_from(l.leading_zeros()).unwrap_or(64);
        }
    }
    0
}

/// `a -= b` in place; returns the borrow.
fn sub_assign(a: &mut [u64], b: &[u64]) -> bool {
    let mut borrow = false;
    for (x, &y) in a.iter_mut().zip(b) {
        let (d1, b1) = x.overflowing_sub(y);
        let (d2, b2) = d1.overflowing_sub(u64::from(borrow));
        *x = d2;
        borrow = b1 || b2;
    }
    borrow
}

/// `a += b` in place; returns the carry.
fn add_assign(a: &mut [u64], b: &[u64]) -> bool {
    let mut carry = false;
    for (x, &y) in a.iter_mut().zip(b) {
        let (s1, c1) = x.overflowing_add(y);
        let (s2, c2) = s1.overflowing_add(u64::from(carry));
        *x = s2;
        carry = c1 || c2;
    }
    carry
}

/// Low and high halves of a 128-bit value.
fn split(v: u128) -> (u64, u64) {
    let lo = u64::try_from(v & u128::from(u64::MAX)).unwrap_or(0);
    let hi = u64::try_from(v >> 64).unwrap_or(0);
    (lo, hi)
}

/// An odd modulus `n > 1` with its Montgomery constants (`R = 2^(64·len)`).
#[derive(Clone)]
pub(super) struct Modulus {
    n: Limbs,
    /// −n⁻¹ mod 2⁶⁴.
    n0: u64,
    /// R² mod n.
    r2: Limbs,
    /// R mod n: 1 in Montgomery form.
    one: Limbs,
}

impl Modulus {
    /// `n` (big-endian) as a modulus of `len` limbs; `None` if even, ≤ 1, or too long.
    pub(super) fn new(n_be: &[u8], len: usize) -> Option<Modulus> {
        let n = from_be(n_be, len)?;
        let low = *n.first()?;
        if low & 1 == 0 || bit_len(&n) < 2 {
            return None;
        }
        // Newton's iteration for n⁻¹ mod 2⁶⁴: each step doubles the correct low bits.
        let mut inv: u64 = low;
        for _ in 0..6 {
            inv = inv.wrapping_mul(2u64.wrapping_sub(low.wrapping_mul(inv)));
        }
        // R mod n and R² mod n by doubling 1 modulo n, 64·len and 128·len times.
        let mut x = vec![0u64; len];
        if let Some(l) = x.first_mut() {
            *l = 1;
        }
        let mut one = Vec::new();
        for step in 1..=128 * len {
            let top = x.last().is_some_and(|l| l >> 63 == 1);
            let mut carry = 0u64;
            for l in x.iter_mut() {
                let next = *l >> 63;
                *l = (*l << 1) | carry;
                carry = next;
            }
            if top || cmp(&x, &n) != Ordering::Less {
                sub_assign(&mut x, &n);
            }
            if step == 64 * len {
                one = x.clone();
            }
        }
        Some(Modulus {
            n,
            n0: inv.wrapping_neg(),
            r2: x,
            one,
        })
    }

    /// Limbs per number.
    pub(super) fn len(&self) -> usize {
        self.n.len()
    }

    /// The modulus.
    pub(super) fn modulus(&self) -> &[u64] {
        &self.n
    }

    /// Montgomery product `a·b·R⁻¹ mod n` (CIOS). Needs `a < R` and `b < n`; the result is
    /// fully reduced.
    pub(super) fn mul(&self, a: &[u64], b: &[u64]) -> Limbs {
        let len = self.n.len();
        let mut t = vec![0u64; len + 2];
        for &bi in b.iter().take(len) {
            // t += a · bi
            let mut carry: u64 = 0;
            for (tj, &aj) in t.iter_mut().zip(a.iter().take(len)) {
                let v = u128::from(*tj) + u128::from(aj) * u128::from(bi) + u128::from(carry);
                let (lo, hi) = split(v);
                *tj = lo;
                carry = hi;
            }
            let (lo, hi) = split(u128::from(t.get(len).copied().unwrap_or(0)) + u128::from(carry));
            if let Some(x) = t.get_mut(len) {
                *x = lo;
            }
            if let Some(x) = t.get_mut(len + 1) {
                *x = hi;
            }
            // t = (t + m·n) / 2⁶⁴ with m chosen so the low limb vanishes.
            let t0 = t.first().copied().unwrap_or(0);
            let m = t0.wrapping_mul(self.n0);
            let (_, mut carry) = split(
                u128::from(t0) + u128::from(m) * u128::from(self.n.first().copied().unwrap_or(0)),
            );
            for j in 1..len {
                let v = u128::from(t.get(j).copied().unwrap_or(0))
                    + u128::from(m) * u128::from(self.n.get(j).copied().unwrap_or(0))
                    + u128::from(carry);
                let (lo, hi) = split(v);
                if let Some(x) = t.get_mut(j - 1) {
                    *x = lo;
                }
                carry = hi;
            }
            let (lo, hi) = split(u128::from(t.get(len).copied().unwrap_or(0)) + u128::from(carry));
            if let Some(x) = t.get_mut(len - 1) {
                *x = lo;
            }
            let top = t.get(len + 1).copied().unwrap_or(0).wrapping_add(hi);
            if let Some(x) = t.get_mut(len) {
                *x = top;
            }
        }
        let overflow = t.get(len).copied().unwrap_or(0) != 0;
        t.truncate(len);
        if overflow || cmp(&t, &self.n) != Ordering::Less {
            sub_assign(&mut t, &self.n);
        }
        t
    }

    /// `a` (any value below R) into Montgomery form, reduced mod n.
    pub(super) fn mont(&self, a: &[u64]) -> Limbs {
        self.mul(a, &self.r2)
    }

    /// Out of Montgomery form.
    pub(super) fn unmont(&self, a: &[u64]) -> Limbs {
        let mut unit = vec![0u64; self.n.len()];
        if let Some(l) = unit.first_mut() {
            *l = 1;
        }
        self.mul(a, &unit)
    }

    /// 1 in Montgomery form.
    pub(super) fn one(&self) -> Limbs {
        self.one.clone()
    }

    /// 0.
    pub(super) fn zero(&self) -> Limbs {
        vec![0u64; self.n.len()]
    }

    /// `a + b mod n` (Montgomery form or not, both below n).
    pub(super) fn add(&self, a: &[u64], b: &[u64]) -> Limbs {
        let mut s = a.to_vec();
        let carry = add_assign(&mut s, b);
        if carry || cmp(&s, &self.n) != Ordering::Less {
            sub_assign(&mut s, &self.n);
        }
        s
    }

    /// `a − b mod n`.
    pub(super) fn sub(&self, a: &[u64], b: &[u64]) -> Limbs {
        let mut d = a.to_vec();
        if sub_assign(&mut d, b) {
            add_assign(&mut d, &self.n);
        }
        d
    }

    /// `base^exp` with `base` in Montgomery form and `exp` a plain number; Montgomery form.
    pub(super) fn pow(&self, base: &[u64], exp: &[u64]) -> Limbs {
        let mut acc = self.one();
        for i in (0..bit_len(exp)).rev() {
            acc = self.mul(&acc, &acc);
            if bit(exp, i) {
                acc = self.mul(&acc, base);
            }
        }
        acc
    }

    /// `a⁻¹` by Fermat (`a^(n−2)`), Montgomery form in and out: correct for a prime modulus;
    /// `None` for 0.
    pub(super) fn inv(&self, a: &[u64]) -> Option<Limbs> {
        if is_zero(a) {
            return None;
        }
        let mut e = self.n.clone();
        let mut two = vec![0u64; e.len()];
        if let Some(l) = two.first_mut() {
            *l = 2;
        }
        sub_assign(&mut e, &two);
        Some(self.pow(a, &e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Small numbers against u128 arithmetic.
    #[test]
    fn matches_u128_arithmetic() {
        // An odd two-limb modulus below 2^127, so the reference below cannot overflow.
        let n: u128 = 0x7fff_ffff_ffff_ffc5_0000_0000_1234_5679;
        let m = Modulus::new(&n.to_be_bytes(), 2).unwrap();
        let limbs = |v: u128| from_be(&v.to_be_bytes(), 2).unwrap();
        let value = |l: &[u64]| u128::from_be_bytes(to_be(l, 16).try_into().unwrap());
        let mulmod = |a: u128, b: u128| -> u128 {
            let (mut r, mut a, mut b) = (0u128, a % n, b);
            while b > 0 {
                if b & 1 == 1 {
                    r = (r + a) % n;
                }
                a = (a << 1) % n;
                b >>= 1;
            }
            r
        };
        for (a, b) in [
            (3u128, 5u128),
            (n - 1, n - 1),
            (1 << 100, (1 << 90) + 12345),
            (n / 3, n / 7),
        ] {
            let am = m.mont(&limbs(a));
            let bm = m.mont(&limbs(b));
            assert_eq!(value(&m.unmont(&m.mul(&am, &bm))), mulmod(a, b), "{a} {b}");
            assert_eq!(value(&m.add(&limbs(a), &limbs(b))), (a + b) % n);
            assert_eq!(value(&m.sub(&limbs(a), &limbs(b))), (a + n - b) % n);
        }
        // A value above n reduces: to_mont then from_mont is `mod n`.
        assert_eq!(value(&m.unmont(&m.mont(&limbs(u128::MAX)))), u128::MAX % n);
        // 3^(p-1) = 1 and 3·3⁻¹ = 1 modulo the prime 2^127 - 1.
        let p = (1u128 << 127) - 1;
        let mp = Modulus::new(&p.to_be_bytes(), 2).unwrap();
        let three = mp.mont(&limbs(3));
        assert_eq!(value(&mp.unmont(&mp.pow(&three, &limbs(p - 1)))), 1);
        let inv = mp.inv(&three).unwrap();
        assert_eq!(value(&mp.unmont(&mp.mul(&inv, &three))), 1);
        assert!(mp.inv(&mp.zero()).is_none());
        assert!(Modulus::new(&[4], 1).is_none());
        assert!(Modulus::new(&[1], 1).is_none());
    }

    #[test]
    fn byte_conversions() {
        assert_eq!(from_be(&[0, 0, 1, 2], 1), Some(vec![0x0102]));
        assert_eq!(from_be(&[1; 9], 1), None);
        assert_eq!(to_be(&[0x0102], 3), vec![0, 1, 2]);
        assert_eq!(to_be(&[0x0102, 0], 2), vec![1, 2]);
        assert_eq!(bit_len(&[0, 1]), 65);
        assert_eq!(cmp(&[1, 2], &[2, 1]), Ordering::Greater);
    }
}
