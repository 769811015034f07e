//! Just enough multi-precision arithmetic for RSA and the generic short-Weierstrass verifier:
//! Montgomery multiplication modulo an odd modulus, little-endian limbs. The multiplication,
//! reduction, addition and subtraction have no data-dependent branch or index (the ECDH path of
//! `weierstrass.rs` uses them on secret values, with [`Field::inv_prime`]); comparisons, byte
//! conversions, `pow`'s exponent and the binary inversion are variable time (public data). Our own, rather than `crypto-bigint`'s boxed types, because those bring
//! ~100 KB of Karatsuba monomorphisations into a wasm build (measured in
//! `docs/architecture.md`); this is a few KB.
//!
//! Limbs are 32 bits in WebAssembly, whose `i64.mul` gives a whole 32 × 32 → 64-bit product
//! (a 64 × 64 → 128-bit product is a call to a software routine there), and 64 bits elsewhere.
//! One routine ([`mont_mul`]) does every product: over heap vectors for RSA ([`Modulus`]),
//! over fixed arrays on the stack for the curves ([`Field`], at most [`MAX_BITS`] bits).
// RSA uses only part of this.
#![cfg_attr(not(feature = "crypto-rsa"), allow(dead_code))]

use core::cmp::Ordering;

/// One limb.
#[cfg(target_arch = "wasm32")]
pub(super) type Limb = u32;
#[cfg(target_arch = "wasm32")]
type Wide = u64;
/// One limb.
#[cfg(not(target_arch = "wasm32"))]
pub(super) type Limb = u64;
#[cfg(not(target_arch = "wasm32"))]
type Wide = u128;

/// Bytes per limb.
pub(super) const LIMB_BYTES: usize = core::mem::size_of::<Limb>();
/// Bits per limb.
pub(super) const LIMB_BITS: usize = 8 * LIMB_BYTES;

/// Largest field or order size of a [`Field`], in bits (P-521 is the largest curve in use).
pub(super) const MAX_BITS: usize = 576;
/// Limbs of a [`Fe`].
pub(super) const MAX_LIMBS: usize = MAX_BITS / LIMB_BITS;

/// A field element or scalar of a [`Field`]: its `len` low limbs are the number.
pub(super) type Fe = [Limb; MAX_LIMBS];

/// A number as little-endian limbs.
pub(super) type Limbs = Vec<Limb>;

fn lo(v: Wide) -> Limb {
    Limb::try_from(v & Wide::from(Limb::MAX)).unwrap_or(0)
}

fn hi(v: Wide) -> Limb {
    Limb::try_from(v >> LIMB_BITS).unwrap_or(Limb::MAX)
}

/// Big-endian bytes as `len` limbs; `None` if the value does not fit.
pub(super) fn from_be(bytes: &[u8], len: usize) -> Option<Limbs> {
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    let bytes = bytes.get(start..)?;
    if bytes.len() > len * LIMB_BYTES {
        return None;
    }
    let mut out = vec![0; len];
    for (limb, chunk) in out.iter_mut().zip(bytes.rchunks(LIMB_BYTES)) {
        *limb = chunk.iter().fold(0, |acc, &b| (acc << 8) | Limb::from(b));
    }
    Some(out)
}

/// `x` as exactly `out_len` big-endian bytes (high bytes dropped if `x` is longer).
pub(super) fn to_be(x: &[Limb], out_len: usize) -> Vec<u8> {
    let mut all: Vec<u8> = x.iter().rev().flat_map(|l| l.to_be_bytes()).collect();
    if all.len() < out_len {
        let mut padded = vec![0u8; out_len - all.len()];
        padded.append(&mut all);
        return padded;
    }
    all.split_off(all.len() - out_len)
}

/// Compares two numbers of the same length.
pub(super) fn cmp(a: &[Limb], b: &[Limb]) -> Ordering {
    for (x, y) in a.iter().rev().zip(b.iter().rev()) {
        match x.cmp(y) {
            Ordering::Equal => {}
            o => return o,
        }
    }
    a.len().cmp(&b.len())
}

pub(super) fn is_zero(a: &[Limb]) -> bool {
    a.iter().all(|&l| l == 0)
}

/// Bit `i` of `a`.
pub(super) fn bit(a: &[Limb], i: usize) -> bool {
    a.get(i / LIMB_BITS)
        .is_some_and(|l| (l >> (i % LIMB_BITS)) & 1 == 1)
}

/// Number of significant bits.
pub(super) fn bit_len(a: &[Limb]) -> usize {
    for (i, l) in a.iter().enumerate().rev() {
        if *l != 0 {
            return (i + 1) * LIMB_BITS - usize::try_from(l.leading_zeros()).unwrap_or(0);
        }
    }
    0
}

/// `a -= b` in place (`b` no longer than `a`); returns the borrow.
pub(super) fn sub_in(a: &mut [Limb], b: &[Limb]) -> bool {
    let mut borrow = false;
    for (x, &y) in a.iter_mut().zip(b) {
        let (d1, b1) = x.overflowing_sub(y);
        let (d2, b2) = d1.overflowing_sub(Limb::from(borrow));
        *x = d2;
        borrow = b1 | b2;
    }
    borrow
}

/// `a += b` in place (`b` no longer than `a`); returns the carry.
fn add_in(a: &mut [Limb], b: &[Limb]) -> bool {
    let mut carry = false;
    for (x, &y) in a.iter_mut().zip(b) {
        let (s1, c1) = x.overflowing_add(y);
        let (s2, c2) = s1.overflowing_add(Limb::from(carry));
        *x = s2;
        carry = c1 | c2;
    }
    carry
}

/// `a >>= 1`, `top` shifted in as the new most significant bit.
fn shr1(a: &mut [Limb], top: bool) {
    let mut carry = Limb::from(top);
    for l in a.iter_mut().rev() {
        let next = *l & 1;
        *l = (*l >> 1) | (carry << (LIMB_BITS - 1));
        carry = next;
    }
}

/// The Montgomery product `a·b·R⁻¹ mod n` (`R = 2^(LIMB_BITS·len)`, `len = n.len()`) into
/// `out` (`len` limbs), fully reduced; `n0 = −n⁻¹ mod 2^LIMB_BITS`. Needs `a·b < n·R` (e.g.
/// `a < R` and `b < n`). `w` is scratch space of at least `2·len + 1` limbs. The product first
/// (operand scanning), then the reduction, a row at a time.
fn mont_mul(out: &mut [Limb], w: &mut [Limb], a: &[Limb], b: &[Limb], n: &[Limb], n0: Limb) {
    let len = n.len();
    let Some(w) = w.get_mut(..2 * len + 1) else {
        return;
    };
    w.fill(0);
    for (i, &ai) in a.iter().take(len).enumerate() {
        let Some(row) = w.get_mut(i..=i + len) else {
            break;
        };
        let (body, top) = row.split_at_mut(len);
        let mut c: Limb = 0;
        for (wj, &bj) in body.iter_mut().zip(b) {
            let v = Wide::from(*wj) + Wide::from(ai) * Wide::from(bj) + Wide::from(c);
            *wj = lo(v);
            c = hi(v);
        }
        if let Some(t) = top.first_mut() {
            *t = c;
        }
    }
    reduce(out, w, n, n0);
}

/// Montgomery reduction of the product `w` (`2·len + 1` limbs, below `n·R`) into `out`.
/// Constant time for a given `len` (ECDH runs on secret scalars, `ecdh.rs`): every row carries
/// into one limb above it (the carry out of the row before is at most 1), and the final
/// subtraction of `n` is computed always and kept by a mask.
fn reduce(out: &mut [Limb], w: &mut [Limb], n: &[Limb], n0: Limb) {
    let len = n.len();
    let mut top: Limb = 0;
    for i in 0..len {
        let Some(row) = w.get_mut(i..) else {
            break;
        };
        let m = row.first().copied().unwrap_or(0).wrapping_mul(n0);
        let (body, rest) = row.split_at_mut(len);
        let mut c: Limb = 0;
        for (wj, &nj) in body.iter_mut().zip(n) {
            let v = Wide::from(*wj) + Wide::from(m) * Wide::from(nj) + Wide::from(c);
            *wj = lo(v);
            c = hi(v);
        }
        if let Some(wj) = rest.first_mut() {
            let v = Wide::from(*wj) + Wide::from(c) + Wide::from(top);
            *wj = lo(v);
            top = hi(v);
        }
    }
    // The result, below 2n, is top·R + w[len..2·len].
    let (_, res) = w.split_at(len);
    let res = res.get(..len).unwrap_or_default();
    for (o, &r) in out.iter_mut().zip(res) {
        *o = r;
    }
    // Stack scratch for the curves, heap for RSA moduli.
    let mut stack = [0; MAX_LIMBS];
    let mut heap = Vec::new();
    let d = match stack.get_mut(..len) {
        Some(d) => d,
        None => {
            heap.resize(len, 0);
            &mut heap
        }
    };
    d.copy_from_slice(out.get(..len).unwrap_or_default());
    let borrow = sub_in(d, n);
    // Keep r − n when it did not borrow or when r had the top bit.
    select(out, d, mask(top | Limb::from(!borrow)));
}

/// All ones if `bit` (0 or 1) is 1, else 0.
pub(super) fn mask(bit: Limb) -> Limb {
    (0 as Limb).wrapping_sub(bit & 1)
}

/// `a = b` where `m` is all ones, unchanged where it is 0 (no branch).
pub(super) fn select(a: &mut [Limb], b: &[Limb], m: Limb) {
    for (x, &y) in a.iter_mut().zip(b) {
        *x ^= m & (*x ^ y);
    }
}

/// −n⁻¹ mod 2^LIMB_BITS for odd `low` (Newton's iteration: each step doubles the correct low
/// bits, from 3).
fn neg_inv(low: Limb) -> Limb {
    let mut inv: Limb = low;
    for _ in 0..5 {
        inv = inv.wrapping_mul((2 as Limb).wrapping_sub(low.wrapping_mul(inv)));
    }
    inv.wrapping_neg()
}

/// An odd modulus `n > 1` of any size with its Montgomery constants, over heap vectors (RSA).
#[derive(Clone)]
pub(super) struct Modulus {
    n: Limbs,
    /// −n⁻¹ mod 2^LIMB_BITS.
    n0: Limb,
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
        // R mod n and R² mod n by doubling 1 modulo n, LIMB_BITS·len and twice that times.
        let mut x = vec![0; len];
        if let Some(l) = x.first_mut() {
            *l = 1;
        }
        let mut one = Vec::new();
        for step in 1..=2 * LIMB_BITS * len {
            let top = x.last().is_some_and(|l| l >> (LIMB_BITS - 1) == 1);
            let mut carry = 0;
            for l in x.iter_mut() {
                let next = *l >> (LIMB_BITS - 1);
                *l = (*l << 1) | carry;
                carry = next;
            }
            if top || cmp(&x, &n) != Ordering::Less {
                sub_in(&mut x, &n);
            }
            if step == LIMB_BITS * len {
                one = x.clone();
            }
        }
        Some(Modulus {
            n0: neg_inv(low),
            n,
            r2: x,
            one,
        })
    }

    /// The modulus.
    pub(super) fn modulus(&self) -> &[Limb] {
        &self.n
    }

    /// Montgomery product `a·b·R⁻¹ mod n`; needs `a < R` and `b < n`.
    pub(super) fn mul(&self, a: &[Limb], b: &[Limb]) -> Limbs {
        let mut out = vec![0; self.n.len()];
        let mut w = vec![0; 2 * self.n.len() + 1];
        mont_mul(&mut out, &mut w, a, b, &self.n, self.n0);
        out
    }

    /// `a` (any value below R) into Montgomery form, reduced mod n.
    pub(super) fn mont(&self, a: &[Limb]) -> Limbs {
        self.mul(a, &self.r2)
    }

    /// Out of Montgomery form.
    pub(super) fn unmont(&self, a: &[Limb]) -> Limbs {
        let mut unit = vec![0; self.n.len()];
        if let Some(l) = unit.first_mut() {
            *l = 1;
        }
        self.mul(a, &unit)
    }

    /// `base^exp` with `base` in Montgomery form and `exp` a plain number; Montgomery form.
    pub(super) fn pow(&self, base: &[Limb], exp: &[Limb]) -> Limbs {
        let mut acc = self.one.clone();
        for i in (0..bit_len(exp)).rev() {
            acc = self.mul(&acc, &acc);
            if bit(exp, i) {
                acc = self.mul(&acc, base);
            }
        }
        acc
    }
}

/// An odd modulus of at most [`MAX_BITS`] bits (a curve's p or n) over stack arrays.
#[derive(Clone)]
pub(super) struct Field {
    n: Fe,
    len: usize,
    n0: Limb,
    r2: Fe,
    one: Fe,
}

/// The `len` limbs of `x` that are the number.
fn part(x: &Fe, len: usize) -> &[Limb] {
    x.get(..len).unwrap_or_default()
}

fn part_mut(x: &mut Fe, len: usize) -> &mut [Limb] {
    x.get_mut(..len).unwrap_or_default()
}

fn fe(limbs: &[Limb]) -> Fe {
    let mut out = [0; MAX_LIMBS];
    for (o, &l) in out.iter_mut().zip(limbs) {
        *o = l;
    }
    out
}

impl Field {
    /// `n` (big-endian) as a modulus of `len` limbs (`len ≤ MAX_LIMBS`); `None` if even, ≤ 1,
    /// or too long.
    pub(super) fn new(n_be: &[u8], len: usize) -> Option<Field> {
        if len > MAX_LIMBS {
            return None;
        }
        let m = Modulus::new(n_be, len)?;
        Some(Field {
            n: fe(&m.n),
            len,
            n0: m.n0,
            r2: fe(&m.r2),
            one: fe(&m.one),
        })
    }

    /// Limbs per number.
    pub(super) fn len(&self) -> usize {
        self.len
    }

    /// The modulus.
    pub(super) fn modulus(&self) -> &Fe {
        &self.n
    }

    /// Big-endian bytes as a plain number below the modulus.
    pub(super) fn read(&self, bytes: &[u8]) -> Option<Fe> {
        let x = fe(&from_be(bytes, self.len)?);
        self.lt(&x, &self.n).then_some(x)
    }

    /// A plain number as big-endian bytes.
    pub(super) fn to_be(&self, x: &Fe, out_len: usize) -> Vec<u8> {
        to_be(part(x, self.len), out_len)
    }

    /// `a < b`.
    pub(super) fn lt(&self, a: &Fe, b: &Fe) -> bool {
        cmp(part(a, self.len), part(b, self.len)) == Ordering::Less
    }

    pub(super) fn eq(&self, a: &Fe, b: &Fe) -> bool {
        part(a, self.len) == part(b, self.len)
    }

    pub(super) fn is_zero(&self, a: &Fe) -> bool {
        is_zero(part(a, self.len))
    }

    /// The Montgomery product `a·b·R⁻¹ mod n`; needs `a < R` and `b < n`.
    pub(super) fn mul(&self, a: &Fe, b: &Fe) -> Fe {
        let len = self.len;
        let mut out = [0; MAX_LIMBS];
        let mut w = [0; 2 * MAX_LIMBS + 1];
        mont_mul(
            part_mut(&mut out, len),
            &mut w,
            part(a, len),
            part(b, len),
            part(&self.n, len),
            self.n0,
        );
        out
    }

    /// `a²·R⁻¹ mod n` (`a < n`). A dedicated squaring (each cross product once) was measured
    /// and dropped: no faster in wasm or natively here, and more code.
    pub(super) fn sqr(&self, a: &Fe) -> Fe {
        self.mul(a, a)
    }

    /// `a + b mod n` (both below n); constant time.
    pub(super) fn add(&self, a: &Fe, b: &Fe) -> Fe {
        let len = self.len;
        let mut s = *a;
        let carry = add_in(part_mut(&mut s, len), part(b, len));
        let mut d = s;
        let borrow = sub_in(part_mut(&mut d, len), part(&self.n, len));
        select(&mut s, &d, mask(Limb::from(carry | !borrow)));
        s
    }

    /// `a − b mod n` (both below n); constant time.
    pub(super) fn sub(&self, a: &Fe, b: &Fe) -> Fe {
        let len = self.len;
        let mut d = *a;
        let borrow = sub_in(part_mut(&mut d, len), part(b, len));
        let mut n = self.n;
        let m = mask(Limb::from(borrow));
        n.iter_mut().for_each(|l| *l &= m);
        add_in(part_mut(&mut d, len), part(&n, len));
        d
    }

    /// `−a mod n`.
    pub(super) fn neg(&self, a: &Fe) -> Fe {
        self.sub(&[0; MAX_LIMBS], a)
    }

    /// `a` (any value below R) into Montgomery form, reduced mod n.
    pub(super) fn mont(&self, a: &Fe) -> Fe {
        self.mul(a, &self.r2)
    }

    /// Out of Montgomery form.
    pub(super) fn unmont(&self, a: &Fe) -> Fe {
        let mut unit = [0; MAX_LIMBS];
        unit[0] = 1;
        self.mul(a, &unit)
    }

    /// 1 in Montgomery form.
    pub(super) fn one(&self) -> Fe {
        self.one
    }

    /// `base^exp`, `base` in Montgomery form, `exp` a plain number; Montgomery form.
    pub(super) fn pow(&self, base: &Fe, exp: &[Limb]) -> Fe {
        let mut acc = self.one;
        for i in (0..bit_len(exp)).rev() {
            acc = self.sqr(&acc);
            if bit(exp, i) {
                acc = self.mul(&acc, base);
            }
        }
        acc
    }

    /// The inverse of `a` (Montgomery form, in and out) modulo a PRIME n, by Fermat's little
    /// theorem: `a^(n−2)`. The exponent is public and fixed, so the time does not depend on
    /// `a` (for secret values, `ecdh.rs`); 0 gives 0.
    pub(super) fn inv_prime(&self, a: &Fe) -> Fe {
        let mut e = self.n;
        let mut two = [0; MAX_LIMBS];
        two[0] = 2;
        sub_in(part_mut(&mut e, self.len), part(&two, self.len));
        self.pow(a, part(&e, self.len))
    }

    /// The inverse of a plain number `a` modulo n (plain too), by the binary extended Euclidean
    /// algorithm; `None` if `a` is 0 or shares a factor with n.
    pub(super) fn inv(&self, a: &Fe) -> Option<Fe> {
        let len = self.len;
        let n = part(&self.n, len);
        if self.is_zero(a) {
            return None;
        }
        // Invariants: x1·a ≡ u and x2·a ≡ v (mod n), u and v positive.
        let (mut u, mut v) = (*a, self.n);
        let (mut x1, mut x2) = ([0; MAX_LIMBS], [0; MAX_LIMBS]);
        x1[0] = 1;
        let halve = |x: &mut Fe| {
            let x = part_mut(x, len);
            let carry = x.first().is_some_and(|l| l & 1 == 1) && add_in(x, n);
            shr1(x, carry);
        };
        let is_one = |x: &Fe| x[0] == 1 && is_zero(part(x, len).get(1..).unwrap_or_default());
        loop {
            while u[0] & 1 == 0 {
                shr1(part_mut(&mut u, len), false);
                halve(&mut x1);
            }
            while v[0] & 1 == 0 {
                shr1(part_mut(&mut v, len), false);
                halve(&mut x2);
            }
            if is_one(&u) {
                return Some(x1);
            }
            if is_one(&v) {
                return Some(x2);
            }
            if self.lt(&u, &v) {
                sub_in(part_mut(&mut v, len), part(&u, len));
                x2 = self.sub(&x2, &x1);
            } else {
                sub_in(part_mut(&mut u, len), part(&v, len));
                x1 = self.sub(&x1, &x2);
            }
            if self.is_zero(&u) || self.is_zero(&v) {
                return None;
            }
        }
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
        let len = 16 / LIMB_BYTES;
        let m = Modulus::new(&n.to_be_bytes(), len).unwrap();
        let f = Field::new(&n.to_be_bytes(), len).unwrap();
        let limbs = |v: u128| from_be(&v.to_be_bytes(), len).unwrap();
        let value = |l: &[Limb]| u128::from_be_bytes(to_be(&l[..len], 16).try_into().unwrap());
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
            let (fa, fb) = (fe(&limbs(a)), fe(&limbs(b)));
            let (fam, fbm) = (f.mont(&fa), f.mont(&fb));
            assert_eq!(value(&f.unmont(&f.mul(&fam, &fbm))), mulmod(a, b));
            assert_eq!(value(&f.unmont(&f.sqr(&fam))), mulmod(a, a));
            assert_eq!(f.sqr(&fbm), f.mul(&fbm, &fbm));
            assert_eq!(value(&f.add(&fa, &fb)), (a + b) % n);
            assert_eq!(value(&f.sub(&fa, &fb)), (a + n - b) % n);
            assert_eq!(value(&f.neg(&fa)), (n - a) % n);
            // The inverse, checked by multiplication (n is not prime: a and n may share a
            // factor, then there is none).
            match f.inv(&fa) {
                Some(i) => assert_eq!(mulmod(a, value(&i)), 1, "{a}"),
                None => assert!(gcd(a, n) != 1, "{a}"),
            }
        }
        // A value above n reduces: to_mont then from_mont is `mod n`.
        assert_eq!(value(&m.unmont(&m.mont(&limbs(u128::MAX)))), u128::MAX % n);
        // 3^(p-1) = 1 and 3·3⁻¹ = 1 modulo the prime 2^127 - 1.
        let p = (1u128 << 127) - 1;
        let mp = Modulus::new(&p.to_be_bytes(), len).unwrap();
        let three = mp.mont(&limbs(3));
        assert_eq!(value(&mp.unmont(&mp.pow(&three, &limbs(p - 1)))), 1);
        let fp = Field::new(&p.to_be_bytes(), len).unwrap();
        let three = fe(&limbs(3));
        assert_eq!(
            value(&fp.unmont(&fp.pow(&fp.mont(&three), &limbs(p - 1)))),
            1
        );
        for a in [1u128, 2, 3, p - 1, p / 3, 0x1234_5678_9abc_def0] {
            let i = fp.inv(&fe(&limbs(a))).unwrap();
            let prod = fp.mul(&fp.mont(&fe(&limbs(a))), &i);
            assert_eq!(value(&prod), 1, "{a}");
        }
        assert!(fp.inv(&[0; MAX_LIMBS]).is_none());
        assert!(Modulus::new(&[4], 1).is_none());
        assert!(Modulus::new(&[1], 1).is_none());
        assert!(Field::new(&[0xff; 80], 80 / LIMB_BYTES).is_none());
    }

    fn gcd(a: u128, b: u128) -> u128 {
        if b == 0 {
            a
        } else {
            gcd(b, a % b)
        }
    }

    #[test]
    fn byte_conversions() {
        assert_eq!(from_be(&[0, 0, 1, 2], 1), Some(vec![0x0102]));
        assert_eq!(from_be(&[1; 9], 1), None);
        assert_eq!(to_be(&[0x0102], 3), vec![0, 1, 2]);
        assert_eq!(to_be(&[0x0102, 0], 2), vec![1, 2]);
        assert_eq!(bit_len(&[0, 1]), LIMB_BITS + 1);
        assert_eq!(cmp(&[1, 2], &[2, 1]), Ordering::Greater);
    }
}
