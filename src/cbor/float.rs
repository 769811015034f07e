//! IEEE 754 half precision, by hand (no `f16` on stable Rust), and the "shortest float that
//! keeps the value" rule of preferred serialization.

/// A half-precision float (its bits) widened to `f64`, exactly.
pub(super) fn f16_to_f64(h: u16) -> f64 {
    let negative = h & 0x8000 != 0;
    let exp = i32::from((h >> 10) & 0x1f);
    let mant = f64::from(h & 0x3ff);
    let magnitude = match exp {
        0 => mant * 2f64.powi(-24),
        31 if mant == 0.0 => f64::INFINITY,
        31 => f64::NAN,
        _ => (mant + 1024.0) * 2f64.powi(exp - 25),
    };
    if negative {
        -magnitude
    } else {
        magnitude
    }
}

/// The half-precision bits of `f`, when `f` (not NaN) has an exact half-precision value.
pub(super) fn f32_to_f16_exact(f: f32) -> Option<u16> {
    let bits = f.to_bits();
    let sign = u16::try_from((bits >> 16) & 0x8000).ok()?;
    let exp = (bits >> 23) & 0xff;
    let mant = bits & 0x7f_ffff;
    if exp == 0xff {
        // Infinity only; NaNs are the caller's business.
        return (mant == 0).then_some(sign | 0x7c00);
    }
    if exp == 0 {
        // Zero; single-precision subnormals are far below half precision's range.
        return (mant == 0).then_some(sign);
    }
    let e = i64::from(exp) - 127;
    if (-14..=15).contains(&e) {
        // Normal half: 10 mantissa bits, the 13 lower ones must be zero.
        if mant & 0x1fff != 0 {
            return None;
        }
        let biased = u16::try_from(e + 15).ok()?;
        return Some(sign | (biased << 10) | u16::try_from(mant >> 13).ok()?);
    }
    if (-24..=-15).contains(&e) {
        // Subnormal half: value = m × 2^-24 with m < 1024.
        let significand = (1u32 << 23) | mant;
        let shift = u32::try_from(-1 - e).ok()?;
        if significand & ((1u32 << shift) - 1) != 0 {
            return None;
        }
        return Some(sign | u16::try_from(significand >> shift).ok()?);
    }
    None
}

/// `f` as single precision, when that keeps its value exactly (NaN never does here).
pub(super) fn f64_to_f32_exact(f: f64) -> Option<f32> {
    // The narrowing is checked by widening back.
    #[allow(clippy::cast_possible_truncation)]
    let narrow = f as f32;
    (f64::from(narrow) == f || (f.is_infinite() && narrow.is_infinite())).then_some(narrow)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_precision_values() {
        // RFC 8949 Appendix A examples.
        assert_eq!(f16_to_f64(0x0000), 0.0);
        assert!(f16_to_f64(0x8000).is_sign_negative());
        assert_eq!(f16_to_f64(0x3c00), 1.0);
        assert_eq!(f16_to_f64(0x3e00), 1.5);
        assert_eq!(f16_to_f64(0x7bff), 65504.0);
        assert_eq!(f16_to_f64(0x0001), 5.960464477539063e-8);
        assert_eq!(f16_to_f64(0x0400), 0.00006103515625);
        assert_eq!(f16_to_f64(0xc400), -4.0);
        assert_eq!(f16_to_f64(0x7c00), f64::INFINITY);
        assert_eq!(f16_to_f64(0xfc00), f64::NEG_INFINITY);
        assert!(f16_to_f64(0x7e00).is_nan());
    }

    #[test]
    fn every_half_round_trips_through_single() {
        for h in 0..=u16::MAX {
            let v = f16_to_f64(h);
            if v.is_nan() {
                continue;
            }
            let f = f64_to_f32_exact(v).unwrap();
            assert_eq!(f32_to_f16_exact(f), Some(h), "{h:#06x}");
        }
    }

    #[test]
    fn inexact_narrowings_are_refused() {
        assert_eq!(f32_to_f16_exact(100_000.0), None);
        assert_eq!(f32_to_f16_exact(1.1), None);
        assert_eq!(f32_to_f16_exact(2f32.powi(-25)), None);
        assert_eq!(f64_to_f32_exact(1.1), None);
        assert_eq!(f64_to_f32_exact(1.0e300), None);
        assert_eq!(f64_to_f32_exact(100_000.0), Some(100_000.0));
        assert_eq!(f64_to_f32_exact(f64::NAN), None);
    }
}
