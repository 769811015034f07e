//! 8-bit greyscale images and the few operations the front end needs: luma conversion,
//! cropping, resampling, blur and unsharp masking. All access is bounds-checked; out-of-range
//! reads return the nearest edge pixel.

/// An 8-bit greyscale image, row-major, no padding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gray {
    w: usize,
    h: usize,
    px: Vec<u8>,
}

impl Gray {
    /// An image from row-major pixels; `None` if the buffer is shorter than `w * h`.
    pub fn new(w: usize, h: usize, mut px: Vec<u8>) -> Option<Gray> {
        let n = w.checked_mul(h)?;
        if px.len() < n {
            return None;
        }
        px.truncate(n);
        Some(Gray { w, h, px })
    }

    /// Luma (BT.601, integer weights 77/150/29) of an RGBA buffer; `None` if too short.
    pub fn from_rgba(w: usize, h: usize, rgba: &[u8]) -> Option<Gray> {
        let n = w.checked_mul(h)?;
        if rgba.len() < n.checked_mul(4)? {
            return None;
        }
        // One pass, written out (at opt-level "z" an iterator chain here is not inlined).
        let mut px = vec![0u8; n];
        for (d, p) in px.iter_mut().zip(rgba.chunks_exact(4)) {
            if let [r, g, b, _] = *p {
                *d = luma(r, g, b);
            }
        }
        Some(Gray { w, h, px })
    }

    /// Copies a greyscale buffer whose rows are `stride` bytes apart.
    pub fn from_strided(w: usize, h: usize, stride: usize, data: &[u8]) -> Option<Gray> {
        if stride < w || h == 0 || w == 0 {
            return Gray::new(w, h, Vec::new()).filter(|_| w == 0 || h == 0);
        }
        let needed = stride.checked_mul(h - 1)?.checked_add(w)?;
        let rows = data.get(..needed)?;
        let mut px = Vec::with_capacity(w * h);
        for row in rows.chunks(stride) {
            px.extend_from_slice(row.get(..w)?);
        }
        Gray::new(w, h, px)
    }

    /// Width in pixels.
    pub fn width(&self) -> usize {
        self.w
    }

    /// Height in pixels.
    pub fn height(&self) -> usize {
        self.h
    }

    /// The pixels, row-major.
    pub fn pixels(&self) -> &[u8] {
        &self.px
    }

    /// The pixel at (x, y), clamped to the image.
    #[inline]
    pub fn at(&self, x: isize, y: isize) -> u8 {
        let x = x.clamp(0, to_isize(self.w) - 1);
        let y = y.clamp(0, to_isize(self.h) - 1);
        self.px
            .get(to_usize(y) * self.w + to_usize(x))
            .copied()
            .unwrap_or(255)
    }

    /// Bilinear sample at a real position (pixel centres at integer + 0.5).
    #[inline(always)]
    pub fn sample(&self, x: f32, y: f32) -> f32 {
        let fx = x - 0.5;
        let fy = y - 0.5;
        // Inside the image (the usual case): the four pixels directly, no clamping, and the
        // integer part by truncation (`floor` of a non-negative value; at opt-level "z" `floor`
        // is a libm call).
        if fx >= 0.0 && fy >= 0.0 && fx + 1.0 < self.w as f32 && fy + 1.0 < self.h as f32 {
            let (xi, yi) = (fx as usize, fy as usize);
            let (ax, ay) = (fx - xi as f32, fy - yi as f32);
            let i = yi * self.w + xi;
            if let (Some(&[a, b]), Some(&[c, d])) = (
                self.px
                    .get(i..i + 2)
                    .and_then(|s| <&[u8; 2]>::try_from(s).ok()),
                self.px
                    .get(i + self.w..i + self.w + 2)
                    .and_then(|s| <&[u8; 2]>::try_from(s).ok()),
            ) {
                let top = f32::from(a) + (f32::from(b) - f32::from(a)) * ax;
                let bottom = f32::from(c) + (f32::from(d) - f32::from(c)) * ax;
                return top + (bottom - top) * ay;
            }
        }
        let (x0, y0) = (fx.floor(), fy.floor());
        let (ax, ay) = (fx - x0, fy - y0);
        let (xi, yi) = (x0 as isize, y0 as isize);
        let p = |dx: isize, dy: isize| f32::from(self.at(xi + dx, yi + dy));
        let top = p(0, 0) * (1.0 - ax) + p(1, 0) * ax;
        let bottom = p(0, 1) * (1.0 - ax) + p(1, 1) * ax;
        top * (1.0 - ay) + bottom * ay
    }

    /// [`Gray::sample`] at a point.
    pub fn sample_at(&self, p: (f32, f32)) -> f32 {
        self.sample(p.0, p.1)
    }

    /// The rectangle `[x0, x0+w) × [y0, y0+h)` scaled by `scale` with bilinear sampling;
    /// parts outside the image repeat the edge.
    pub fn crop_scaled(&self, x0: f32, y0: f32, w: f32, h: f32, scale: f32) -> Gray {
        let ow = ((w * scale).round().max(1.0)) as usize;
        let oh = ((h * scale).round().max(1.0)) as usize;
        let inv = 1.0 / scale;
        // Per output column: the two source columns (clamped) and the weight of the right one
        // in 1/256ths; per row the same vertically.
        let taps = |o: usize, origin: f32, len: usize| -> (usize, usize, u32) {
            let s = origin + (o as f32 + 0.5) * inv - 0.5;
            let f = s.floor();
            let last = len.saturating_sub(1) as f32;
            let a = super::clamp_f32(f, 0.0, last) as usize;
            let b = super::clamp_f32(f + 1.0, 0.0, last) as usize;
            (a, b, ((s - f) * 256.0) as u32)
        };
        if self.w == 0 || self.h == 0 {
            return Gray {
                w: ow,
                h: oh,
                px: vec![255; ow * oh],
            };
        }
        // The source columns the taps read (the taps grow with the column), and the taps
        // relative to the first of them.
        let lo = taps(0, x0, self.w).0;
        let hi = taps(ow - 1, x0, self.w).1;
        let cols: Vec<(usize, usize, u32)> = (0..ow)
            .map(|o| {
                let (a, b, wx) = taps(o, x0, self.w);
                (a.saturating_sub(lo), b.saturating_sub(lo), wx)
            })
            .collect();
        // Each output row: the two source rows blended over those columns (exact integers),
        // then each output pixel from two of the blended values — the same sum of the four
        // weighted pixels as blending each pixel's four at once, in half the reads.
        let mut mix = vec![0u32; hi.saturating_sub(lo) + 1];
        let mut px = vec![0u8; ow * oh];
        for (oy, out) in px.chunks_exact_mut(ow).enumerate() {
            let (ya, yb, wy) = taps(oy, y0, self.h);
            let ra = self.row(ya).get(lo..=hi).unwrap_or_default();
            let rb = self.row(yb).get(lo..=hi).unwrap_or_default();
            for ((m, &a), &b) in mix.iter_mut().zip(ra).zip(rb) {
                *m = u32::from(a) * (256 - wy) + u32::from(b) * wy;
            }
            for (o, &(xa, xb, wx)) in out.iter_mut().zip(&cols) {
                let a = mix.get(xa).copied().unwrap_or(0);
                let b = mix.get(xb).copied().unwrap_or(0);
                *o = u8::try_from((a * (256 - wx) + b * wx + (1 << 15)) >> 16).unwrap_or(255);
            }
        }
        Gray { w: ow, h: oh, px }
    }

    /// Halves both dimensions by averaging 2×2 blocks.
    pub fn half(&self) -> Gray {
        let (ow, oh) = (self.w / 2, self.h / 2);
        let mut px = Vec::with_capacity(ow * oh);
        for oy in 0..oh {
            let r0 = self.row(2 * oy);
            let r1 = self.row(2 * oy + 1);
            for (a, b) in r0.chunks_exact(2).zip(r1.chunks_exact(2)).take(ow) {
                let s: u16 = a.iter().chain(b).map(|&v| u16::from(v)).sum();
                px.push(u8::try_from((s + 2) / 4).unwrap_or(255));
            }
        }
        Gray { w: ow, h: oh, px }
    }

    /// Row `y` (empty if out of range).
    pub fn row(&self, y: usize) -> &[u8] {
        self.px
            .get(y * self.w..(y + 1) * self.w)
            .unwrap_or_default()
    }

    /// Box blur of radius `r` (a (2r+1)² mean), edges clamped.
    pub fn box_blur(&self, r: usize) -> Gray {
        if r == 0 || self.w == 0 || self.h == 0 {
            return self.clone();
        }
        let w = self.w;
        let m = reciprocal(r);
        let mut px = vec![0u8; w * self.h];
        self.blur_rows(r).column_sums(r, |y, sums| {
            if let Some(dst) = px.get_mut(y * w..(y + 1) * w) {
                for (d, &s) in dst.iter_mut().zip(sums) {
                    *d = u8::try_from((u64::from(s) * m) >> 32).unwrap_or(255);
                }
            }
        });
        Gray { w, h: self.h, px }
    }

    /// The horizontal pass of [`Gray::box_blur`]: each pixel the floored mean of the 2r + 1
    /// pixels around it in its row, edges clamped.
    fn blur_rows(&self, r: usize) -> Gray {
        let (w, h) = (self.w, self.h);
        let m = reciprocal(r);
        let mut px = vec![0u8; w * h];
        // Running sums along each row, over a copy of the row padded with its edge pixels.
        let mut pad = vec![0u8; w + 2 * r + 1];
        for (src, dst) in self
            .px
            .chunks_exact(w.max(1))
            .zip(px.chunks_exact_mut(w.max(1)))
        {
            let (first, last) = (
                src.first().copied().unwrap_or(0),
                src.last().copied().unwrap_or(0),
            );
            if let Some(p) = pad.get_mut(..r) {
                p.fill(first);
            }
            if let Some(p) = pad.get_mut(r..r + src.len()) {
                p.copy_from_slice(src);
            }
            if let Some(p) = pad.get_mut(r + src.len()..) {
                p.fill(last);
            }
            let mut sum: u32 = pad.iter().take(2 * r + 1).map(|&v| u32::from(v)).sum();
            for ((d, &add), &sub) in dst.iter_mut().zip(pad.iter().skip(2 * r + 1)).zip(&pad) {
                *d = u8::try_from((u64::from(sum) * m) >> 32).unwrap_or(255);
                sum = sum + u32::from(add) - u32::from(sub);
            }
        }
        Gray { w, h, px }
    }

    /// For each row `y`, the sums of every column over rows y − r ..= y + r (edges clamped),
    /// handed to `emit(y, sums)`: running sums, a row added and a row dropped per step.
    fn column_sums(&self, r: usize, mut emit: impl FnMut(usize, &[u32])) {
        if self.w == 0 || self.h == 0 {
            return;
        }
        let (ri, last) = (to_isize(r), to_isize(self.h) - 1);
        let row = |y: isize| self.row(to_usize(y.clamp(0, last)));
        let mut sums = vec![0u32; self.w];
        for y in -ri..=ri {
            for (s, &p) in sums.iter_mut().zip(row(y)) {
                *s += u32::from(p);
            }
        }
        for y in 0..self.h {
            emit(y, &sums);
            let yi = to_isize(y);
            for ((s, &add), &sub) in sums.iter_mut().zip(row(yi + ri + 1)).zip(row(yi - ri)) {
                *s = *s + u32::from(add) - u32::from(sub);
            }
        }
    }

    /// Unsharp mask: `p + amount · (p − blur_r(p))`, rounded half away from zero and clamped;
    /// `amount` in halves (1.0, 1.5, 3.0 …), integer arithmetic.
    pub fn unsharp(&self, r: usize, amount: f32) -> Gray {
        let (w, h) = (self.w, self.h);
        if r == 0 || w == 0 || h == 0 {
            // The blur of radius 0 is the image: no change.
            return self.clone();
        }
        let k = (amount * 2.0).round() as i32;
        // The box blur's vertical pass fused with the mask: each blurred value used where it
        // is made.
        let m = reciprocal(r);
        let mut px = vec![0u8; w * h];
        self.blur_rows(r).column_sums(r, |y, sums| {
            let Some(dst) = px.get_mut(y * w..(y + 1) * w) else {
                return;
            };
            for ((d, &s), &p) in dst.iter_mut().zip(sums).zip(self.row(y)) {
                let b = i32::try_from((u64::from(s) * m) >> 32).unwrap_or(255);
                let p = i32::from(p);
                // Twice the value, then halved rounding half up; a negative value clamps to 0
                // either way.
                let v2 = 2 * p + k * (p - b);
                *d = u8::try_from(((v2.max(0) + 1) / 2).min(255)).unwrap_or(255);
            }
        });
        Gray { w, h, px }
    }

    /// The image rotated by 90° clockwise `quarter_turns` times.
    pub fn rotate(&self, quarter_turns: u8) -> Gray {
        let (w, h) = (self.w, self.h);
        let turns = quarter_turns % 4;
        let (ow, oh) = if turns % 2 == 1 { (h, w) } else { (w, h) };
        let mut px = Vec::with_capacity(w * h);
        for oy in 0..oh {
            for ox in 0..ow {
                let (sx, sy) = match turns {
                    1 => (oy, h - 1 - ox),
                    2 => (w - 1 - ox, h - 1 - oy),
                    3 => (w - 1 - oy, ox),
                    _ => (ox, oy),
                };
                px.push(self.at(to_isize(sx), to_isize(sy)));
            }
        }
        Gray { w: ow, h: oh, px }
    }
}

/// ⌈2³² / (2r + 1)⌉: `(sum · m) >> 32` is the floored mean of 2r + 1 pixels, exact for sums up
/// to 255 · (2r + 1) with 2r + 1 < 4096 (a division per pixel was a third of the blur's time).
fn reciprocal(r: usize) -> u64 {
    (1u64 << 32).div_ceil(u64::try_from(2 * r + 1).unwrap_or(1))
}

/// BT.601 luma with integer weights summing to 256.
#[inline]
pub fn luma(r: u8, g: u8, b: u8) -> u8 {
    let y = 77 * u32::from(r) + 150 * u32::from(g) + 29 * u32::from(b);
    u8::try_from(y >> 8).unwrap_or(255)
}

#[inline]
pub(crate) fn to_isize(v: usize) -> isize {
    isize::try_from(v).unwrap_or(isize::MAX)
}

#[inline]
pub(crate) fn to_usize(v: isize) -> usize {
    usize::try_from(v).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    /// The straightforward forms of [`Gray::crop_scaled`] and [`Gray::unsharp`] (four taps per
    /// pixel; blur, then mask): the fast ones must give the same pixels.
    fn crop_scaled_reference(g: &Gray, x0: f32, y0: f32, w: f32, h: f32, scale: f32) -> Gray {
        let ow = ((w * scale).round().max(1.0)) as usize;
        let oh = ((h * scale).round().max(1.0)) as usize;
        let inv = 1.0 / scale;
        let taps = |o: usize, origin: f32, len: usize| -> (usize, usize, u32) {
            let s = origin + (o as f32 + 0.5) * inv - 0.5;
            let f = s.floor();
            let last = len.saturating_sub(1) as f32;
            let a = f.clamp(0.0, last) as usize;
            let b = (f + 1.0).clamp(0.0, last) as usize;
            (a, b, ((s - f) * 256.0) as u32)
        };
        let mut px = Vec::new();
        for oy in 0..oh {
            let (ya, yb, wy) = taps(oy, y0, g.height());
            for ox in 0..ow {
                let (xa, xb, wx) = taps(ox, x0, g.width());
                let p = |x: usize, y: usize| u32::from(g.pixels()[y * g.width() + x]);
                let top = p(xa, ya) * (256 - wx) + p(xb, ya) * wx;
                let bottom = p(xa, yb) * (256 - wx) + p(xb, yb) * wx;
                px.push(((top * (256 - wy) + bottom * wy + (1 << 15)) >> 16) as u8);
            }
        }
        Gray::new(ow, oh, px).unwrap()
    }

    fn unsharp_reference(g: &Gray, r: usize, amount: f32) -> Gray {
        let blurred = g.box_blur(r);
        let k = (amount * 2.0).round() as i32;
        let px = g
            .pixels()
            .iter()
            .zip(blurred.pixels())
            .map(|(&p, &b)| {
                let (p, b) = (i32::from(p), i32::from(b));
                let v2 = 2 * p + k * (p - b);
                let v = if v2 >= 0 {
                    (v2 + 1) / 2
                } else {
                    -((1 - v2) / 2)
                };
                v.clamp(0, 255) as u8
            })
            .collect();
        Gray::new(g.width(), g.height(), px).unwrap()
    }

    /// Pseudo-random pixels (xorshift), with flat and saturated patches.
    fn noise(w: usize, h: usize, seed: u32) -> Gray {
        let mut x = seed.max(1);
        let px = (0..w * h)
            .map(|i| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                match (i / w / 5 + i % w / 7) % 4 {
                    0 => 255,
                    1 => 0,
                    _ => (x >> 8) as u8,
                }
            })
            .collect();
        Gray::new(w, h, px).unwrap()
    }

    #[test]
    fn fast_crop_and_unsharp_equal_the_straightforward_forms() {
        let mut cases = 0;
        for (seed, (w, h)) in [
            (1, (37, 23)),
            (2, (64, 64)),
            (3, (5, 90)),
            (4, (120, 7)),
            (5, (1, 1)),
        ]
        .into_iter()
        {
            let g = noise(w, h, seed);
            for r in [1usize, 2, 3, 4, 7] {
                for amount in [1.0f32, 1.5, 4.0, 8.0] {
                    assert_eq!(
                        g.unsharp(r, amount),
                        unsharp_reference(&g, r, amount),
                        "{w}x{h} r {r} amount {amount}"
                    );
                    cases += 1;
                }
            }
            for (x0, y0, side, scale) in [
                (0.0, 0.0, w as f32, 2.0),
                (3.3, 1.7, 20.5, 2.67),
                (-5.0, -3.0, 40.0, 1.5),
                (w as f32 - 4.0, h as f32 - 2.0, 30.0, 3.0),
                (10.25, 4.75, 17.0, 1.0),
                (2.0, 2.0, 50.0, 0.6),
            ] {
                assert_eq!(
                    g.crop_scaled(x0, y0, side, side, scale),
                    crop_scaled_reference(&g, x0, y0, side, side, scale),
                    "{w}x{h} at ({x0}, {y0}) side {side} scale {scale}"
                );
                cases += 1;
            }
        }
        assert_eq!(cases, 5 * (5 * 4 + 6));
    }

    use super::*;

    fn ramp(w: usize, h: usize) -> Gray {
        Gray::new(w, h, (0..w * h).map(|i| (i % 251) as u8).collect()).unwrap()
    }

    #[test]
    fn rejects_short_buffers() {
        assert!(Gray::new(10, 10, vec![0; 99]).is_none());
        assert!(Gray::from_rgba(2, 2, &[0; 15]).is_none());
        assert!(Gray::from_strided(4, 2, 8, &[0; 11]).is_none());
        assert!(Gray::new(usize::MAX, 2, vec![]).is_none());
    }

    #[test]
    fn strided_copy_drops_padding() {
        let g = Gray::from_strided(2, 2, 3, &[1, 2, 99, 3, 4]).unwrap();
        assert_eq!(g.pixels(), &[1, 2, 3, 4]);
    }

    #[test]
    fn luma_of_primaries() {
        assert_eq!(luma(255, 255, 255), 255);
        assert_eq!(luma(0, 0, 0), 0);
        assert!(luma(0, 255, 0) > luma(255, 0, 0) && luma(255, 0, 0) > luma(0, 0, 255));
    }

    #[test]
    fn four_quarter_turns_are_identity() {
        let g = ramp(7, 3);
        let r = g.rotate(1);
        assert_eq!((r.width(), r.height()), (3, 7));
        assert_eq!(r.rotate(1).rotate(1).rotate(1), g);
        assert_eq!(g.rotate(2).at(0, 0), g.at(6, 2));
    }

    #[test]
    fn blur_is_the_mean_of_the_clamped_window() {
        // Every pixel against the (2r+1)² mean computed directly, edges clamped.
        let (w, h) = (23, 17);
        let px: Vec<u8> = (0..w * h)
            .map(|i| ((i * 97 + i / 7 * 31) % 256) as u8)
            .collect();
        let img = Gray::from_strided(w, h, w, &px).unwrap();
        for r in [1usize, 2, 3, 5, 9] {
            let blurred = img.box_blur(r);
            let ri = to_isize(r);
            let clamp = |v: isize, n: usize| to_usize(v.clamp(0, to_isize(n) - 1));
            for y in 0..h {
                for x in 0..w {
                    // Horizontal means first, floored, then their vertical mean, as the passes do.
                    let row_mean = |yy: usize| {
                        let s: u32 = (-ri..=ri)
                            .map(|d| u32::from(px[yy * w + clamp(to_isize(x) + d, w)]))
                            .sum();
                        s / (2 * r as u32 + 1)
                    };
                    let s: u32 = (-ri..=ri)
                        .map(|d| row_mean(clamp(to_isize(y) + d, h)))
                        .sum();
                    let want = (s / (2 * r as u32 + 1)) as u8;
                    assert_eq!(blurred.pixels()[y * w + x], want, "r {r} at ({x}, {y})");
                }
            }
        }
    }

    #[test]
    fn blur_preserves_flat_images_and_half_averages() {
        let flat = Gray::new(9, 9, vec![100; 81]).unwrap();
        assert_eq!(flat.box_blur(2), flat);
        assert_eq!(flat.unsharp(2, 3.0), flat);
        let g = Gray::new(2, 2, vec![0, 100, 100, 200]).unwrap();
        assert_eq!(g.half().pixels(), &[100]);
    }

    #[test]
    fn crop_scaled_doubles_size() {
        let g = ramp(10, 10);
        let c = g.crop_scaled(2.0, 2.0, 4.0, 4.0, 2.0);
        assert_eq!((c.width(), c.height()), (8, 8));
    }
}
