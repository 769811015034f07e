//! Module-space equalisation of a sampled grid. At 1.5–2 px per module with ~1 px of blur, a
//! module's sampled value is pulled towards its neighbours' (a light module between dark ones
//! reads dark): errors that averaging frames does not remove, because every frame blurs alike.
//! The finder patterns are known modules with known neighbours, so each grid tells how much its
//! neighbours leak into a module; the leak is then subtracted with the neighbours' decided
//! values, a few passes over the grid (decision feedback).

use super::sampler::Sampled;

/// The modules every code of `size` has in the same place: the finder patterns with their
/// separators and the timing patterns (ISO/IEC 18004 §6.3.3–6.3.5), as (x, y, dark).
pub(super) fn known_modules(size: usize) -> impl Iterator<Item = (usize, usize, bool)> {
    let finders = [(0usize, 0usize), (size - 7, 0), (0, size - 7)]
        .into_iter()
        .flat_map(move |(fx, fy)| {
            (0..9usize).flat_map(move |j| {
                (0..9usize).filter_map(move |i| {
                    // The finder (7 × 7) and its one-module light separator, inside the symbol.
                    let (x, y) = ((fx + i).checked_sub(1)?, (fy + j).checked_sub(1)?);
                    if x >= size || y >= size {
                        return None;
                    }
                    let d = i.abs_diff(4).max(j.abs_diff(4));
                    Some((x, y, d != 2 && d != 4))
                })
            })
        });
    let timing = (8..size.saturating_sub(8)).flat_map(|i| [(i, 6, i % 2 == 0), (6, i, i % 2 == 0)]);
    finders.chain(timing)
}

/// Decision-feedback passes over the grid.
const PASSES: usize = 3;

/// The grid's modules (true = dark) after equalisation, or `None` when the finders do not
/// determine the model (a grid on something other than a code).
///
/// Model: value = c0 + c1·dark + c2·(dark edge neighbours) + c3·(dark corner neighbours), the
/// quiet zone outside the symbol light; c fitted by least squares on the finder modules (all of
/// whose neighbours are known).
pub(super) fn equalize(s: &Sampled) -> Option<Vec<bool>> {
    let n = s.size;
    let mut known: Vec<Option<bool>> = vec![None; n * n];
    for (x, y, dark) in known_modules(n) {
        if let Some(k) = known.get_mut(y * n + x) {
            *k = Some(dark);
        }
    }
    let value = |x: usize, y: usize| f32::from(s.values.get(y * n + x).copied().unwrap_or(255));
    // Dark neighbours (edge, corner) of (x, y) under `bit`; outside the symbol is light.
    let around = |bit: &dyn Fn(usize, usize) -> Option<bool>, x: usize, y: usize| {
        let (mut edge, mut corner) = (0f32, 0f32);
        for dy in 0..3usize {
            for dx in 0..3usize {
                if dx == 1 && dy == 1 {
                    continue;
                }
                let (Some(xx), Some(yy)) = ((x + dx).checked_sub(1), (y + dy).checked_sub(1))
                else {
                    continue;
                };
                if xx >= n || yy >= n {
                    continue;
                }
                let d = f32::from(u8::from(bit(xx, yy)?));
                if dx == 1 || dy == 1 {
                    edge += d;
                } else {
                    corner += d;
                }
            }
        }
        Some((edge, corner))
    };
    // Normal equations over the finder modules (7 × 7 each: their neighbours are all known).
    let mut a = [[0f64; 5]; 4];
    let known_bit = |x: usize, y: usize| known.get(y * n + x).copied().flatten();
    for (fx, fy) in [(0usize, 0usize), (n - 7, 0), (0, n - 7)] {
        for y in fy..fy + 7 {
            for x in fx..fx + 7 {
                let (Some(dark), Some((edge, corner))) =
                    (known_bit(x, y), around(&known_bit, x, y))
                else {
                    continue;
                };
                let row = [
                    1.0,
                    f64::from(u8::from(dark)),
                    f64::from(edge),
                    f64::from(corner),
                ];
                let v = f64::from(value(x, y));
                for (i, ai) in a.iter_mut().enumerate() {
                    let ri = row.get(i).copied().unwrap_or(0.0);
                    for (j, aij) in ai.iter_mut().take(4).enumerate() {
                        *aij += ri * row.get(j).copied().unwrap_or(0.0);
                    }
                    if let Some(last) = ai.get_mut(4) {
                        *last += ri * v;
                    }
                }
            }
        }
    }
    let c = solve4(a)?;
    let [c0, c1, c2, c3] = c.map(|v| v as f32);
    // The module's own weight must dominate its neighbours', else the fit is not of a code.
    if c1 > -8.0 || c2 + c3 < 2.0 * c1 / 3.0 {
        return None;
    }
    let mut bits: Vec<bool> = s.bits(4, 0);
    for (b, k) in bits.iter_mut().zip(known.iter()) {
        if let Some(d) = k {
            *b = *d;
        }
    }
    for _ in 0..PASSES {
        for y in 0..n {
            for x in 0..n {
                if known_bit(x, y).is_some() {
                    continue;
                }
                let current = |xx: usize, yy: usize| bits.get(yy * n + xx).copied();
                let Some((edge, corner)) = around(&current, x, y) else {
                    continue;
                };
                let r = value(x, y) - c0 - c2 * edge - c3 * corner;
                if let Some(b) = bits.get_mut(y * n + x) {
                    *b = r < c1 / 2.0;
                }
            }
        }
    }
    Some(bits)
}

/// Solves the 4 × 4 system `a` (augmented with its right-hand side) by Gaussian elimination
/// with partial pivoting; `None` when it is singular.
fn solve4(mut a: [[f64; 5]; 4]) -> Option<[f64; 4]> {
    for col in 0..4 {
        let pivot = (col..4).max_by(|&p, &q| {
            let vp = a.get(p).and_then(|r| r.get(col)).map_or(0.0, |v| v.abs());
            let vq = a.get(q).and_then(|r| r.get(col)).map_or(0.0, |v| v.abs());
            vp.total_cmp(&vq)
        })?;
        a.swap(col, pivot);
        let row = *a.get(col)?;
        let p = *row.get(col)?;
        if p.abs() < 1e-9 {
            return None;
        }
        for (r, other) in a.iter_mut().enumerate() {
            if r == col {
                continue;
            }
            let f = other.get(col).copied().unwrap_or(0.0) / p;
            for (o, v) in other.iter_mut().zip(row.iter()) {
                *o -= f * v;
            }
        }
    }
    let mut out = [0f64; 4];
    for (i, o) in out.iter_mut().enumerate() {
        let r = a.get(i)?;
        *o = r.get(4)? / r.get(i)?;
    }
    Some(out)
}
