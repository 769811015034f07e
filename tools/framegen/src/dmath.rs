//! Deterministic replacements for `exp`, `ln`, `sin` and `cos`.
//!
//! `f64::exp` and friends call the platform's libm, whose last-bit results
//! differ between C libraries. These versions use only IEEE-754 basic
//! operations (which are exactly specified), so every machine computes the
//! same bits. Accuracy is a few ulp, far more than image synthesis needs.

const LN2_HI: f64 = 6.931_471_803_691_238e-1;
const LN2_LO: f64 = 1.908_214_929_270_587_7e-10;
const LN2: f64 = std::f64::consts::LN_2;
const PIO2_HI: f64 = 1.570_796_326_734_125_6;
const PIO2_LO: f64 = 6.077_100_506_506_192e-11;

/// 2^k for k in [-1022, 1023] built from the bit pattern.
fn pow2i(k: i64) -> f64 {
    f64::from_bits(((k + 1023) as u64) << 52)
}

/// e^x.
pub fn exp(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x > 709.0 {
        return f64::INFINITY;
    }
    if x < -708.0 {
        return 0.0;
    }
    let k = (x * std::f64::consts::LOG2_E).round();
    let r = (x - k * LN2_HI) - k * LN2_LO;
    // Taylor series of e^r, |r| <= 0.35, Horner form up to r^14/14!.
    let mut sum = 1.0;
    let mut n = 14.0;
    while n >= 1.0 {
        sum = 1.0 + sum * r / n;
        n -= 1.0;
    }
    sum * pow2i(k as i64)
}

/// Natural logarithm for x > 0 (NaN for x < 0, -inf for 0).
pub fn ln(x: f64) -> f64 {
    if x.is_nan() || x < 0.0 {
        return f64::NAN;
    }
    if x == 0.0 {
        return f64::NEG_INFINITY;
    }
    if x.is_infinite() {
        return x;
    }
    let mut bits = x.to_bits();
    let mut e: i64 = 0;
    if (bits >> 52) & 0x7ff == 0 {
        // Subnormal: scale up by 2^54.
        bits = (x * pow2i(54)).to_bits();
        e -= 54;
    }
    e += ((bits >> 52) & 0x7ff) as i64 - 1023;
    let mut m = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000);
    if m > std::f64::consts::SQRT_2 {
        m *= 0.5;
        e += 1;
    }
    // ln m = 2 atanh(s), s = (m-1)/(m+1), |s| <= 0.1716.
    let s = (m - 1.0) / (m + 1.0);
    let s2 = s * s;
    let mut sum = 0.0;
    let mut k = 25.0;
    while k >= 1.0 {
        sum = 1.0 / k + s2 * sum;
        k -= 2.0;
    }
    e as f64 * LN2 + 2.0 * s * sum
}

fn sin_poly(r: f64) -> f64 {
    let r2 = r * r;
    // r - r^3/3! + ... up to r^19/19!
    let mut sum = 1.0;
    let mut n = 19.0;
    while n >= 3.0 {
        sum = 1.0 - sum * r2 / (n * (n - 1.0));
        n -= 2.0;
    }
    r * sum
}

fn cos_poly(r: f64) -> f64 {
    let r2 = r * r;
    let mut sum = 1.0;
    let mut n = 20.0;
    while n >= 2.0 {
        sum = 1.0 - sum * r2 / (n * (n - 1.0));
        n -= 2.0;
    }
    sum
}

/// (sin x, cos x). Intended for moderate |x| (well under 1e6).
pub fn sin_cos(x: f64) -> (f64, f64) {
    let k = (x / std::f64::consts::FRAC_PI_2).round();
    let r = (x - k * PIO2_HI) - k * PIO2_LO;
    let (s, c) = (sin_poly(r), cos_poly(r));
    match (k as i64).rem_euclid(4) {
        0 => (s, c),
        1 => (c, -s),
        2 => (-s, -c),
        _ => (-c, s),
    }
}

/// sin x.
pub fn sin(x: f64) -> f64 {
    sin_cos(x).0
}

/// cos x.
pub fn cos(x: f64) -> f64 {
    sin_cos(x).1
}

/// Degrees to radians.
pub fn rad(deg: f64) -> f64 {
    deg * (std::f64::consts::PI / 180.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_to_std() {
        let mut x = -40.0;
        while x < 40.0 {
            let rel = |a: f64, b: f64| (a - b).abs() / b.abs().max(1e-300);
            assert!(rel(exp(x), x.exp()) < 1e-14, "exp {x}");
            assert!((sin(x) - x.sin()).abs() < 1e-14, "sin {x}");
            assert!((cos(x) - x.cos()).abs() < 1e-14, "cos {x}");
            let y = x.abs() * 3.7 + 1e-9;
            assert!(
                (ln(y) - y.ln()).abs() < 1e-14 * y.ln().abs().max(1.0),
                "ln {y}"
            );
            x += 0.0137;
        }
        assert!((ln(1e-310) - 1e-310f64.ln()).abs() < 1e-12);
    }
}
