//! Binarisations: global (Otsu), block-based hybrid, and local (mean and Sauvola) thresholds.
//! A bitmap is one byte per pixel, 1 = dark (a QR module), 0 = light.

use super::image::Gray;

/// A binary image: 1 = dark, 0 = light.
#[derive(Clone, Debug)]
pub struct Bitmap {
    pub(crate) w: usize,
    pub(crate) h: usize,
    pub(crate) bits: Vec<u8>,
}

impl Bitmap {
    /// 1 if (x, y) is dark; out of range is light.
    #[inline]
    pub fn get(&self, x: usize, y: usize) -> u8 {
        if x >= self.w {
            return 0;
        }
        self.bits.get(y * self.w + x).copied().unwrap_or(0)
    }

    /// Row `y`.
    pub fn row(&self, y: usize) -> &[u8] {
        self.bits
            .get(y * self.w..(y + 1) * self.w)
            .unwrap_or_default()
    }

    /// The same bitmap with dark and light swapped (for light-on-dark codes).
    /// The bitmap as an image: dark 0, light 255.
    #[cfg(not(feature = "rqrr"))]
    pub(crate) fn to_gray(&self) -> Option<Gray> {
        let px = self
            .bits
            .iter()
            .map(|&b| if b == 1 { 0 } else { 255 })
            .collect();
        Gray::new(self.w, self.h, px)
    }

    pub fn inverted(&self) -> Bitmap {
        Bitmap {
            w: self.w,
            h: self.h,
            bits: self.bits.iter().map(|b| b ^ 1).collect(),
        }
    }
}

fn threshold_map(g: &Gray, mut dark: impl FnMut(usize, usize, u8) -> bool) -> Bitmap {
    let (w, h) = (g.width(), g.height());
    let mut bits = Vec::with_capacity(w * h);
    for y in 0..h {
        for (x, &p) in g.row(y).iter().enumerate() {
            bits.push(u8::from(dark(x, y, p)));
        }
    }
    Bitmap { w, h, bits }
}

/// Otsu's global threshold: the level that maximises between-class variance.
pub fn otsu(g: &Gray) -> Bitmap {
    let level = otsu_level(g);
    threshold_map(g, |_, _, p| p <= level)
}

fn otsu_level(g: &Gray) -> u8 {
    let mut hist = [0u64; 256];
    for &p in g.pixels() {
        if let Some(c) = hist.get_mut(usize::from(p)) {
            *c += 1;
        }
    }
    let total: u64 = hist.iter().sum();
    let sum_all: f64 = hist
        .iter()
        .enumerate()
        .map(|(i, &c)| i as f64 * c as f64)
        .sum();
    let (mut w_b, mut sum_b, mut best, mut level) = (0u64, 0f64, -1f64, 128u8);
    for (t, &c) in hist.iter().enumerate() {
        w_b += c;
        if w_b == 0 {
            continue;
        }
        let w_f = total - w_b;
        if w_f == 0 {
            break;
        }
        sum_b += t as f64 * c as f64;
        let m_b = sum_b / w_b as f64;
        let m_f = (sum_all - sum_b) / w_f as f64;
        let between = w_b as f64 * w_f as f64 * (m_b - m_f) * (m_b - m_f);
        if between > best {
            best = between;
            level = u8::try_from(t).unwrap_or(128);
        }
    }
    level
}

const BLOCK: usize = 8;
/// Blocks whose range is below this are treated as flat (zxing's hybrid binariser uses 24).
const MIN_DYNAMIC_RANGE: i32 = 24;

/// A block-based local threshold in the spirit of zxing's hybrid binariser: each 8×8 block
/// gets a level from its mean (or, for flat blocks, from its neighbours), and each pixel is
/// compared with the average level of the surrounding 5×5 blocks.
pub fn hybrid(g: &Gray) -> Bitmap {
    let levels = Levels::new(g);
    let w = g.width();
    let mut bits = vec![0u8; w * g.height()];
    for (y, row) in bits.chunks_exact_mut(w.max(1)).enumerate() {
        levels.threshold_row(g, y, row);
    }
    Bitmap {
        w: g.width(),
        h: g.height(),
        bits,
    }
}

/// The thresholds of [`hybrid`], one per 8×8 block, without the bitmap: rows (and single
/// pixels) are thresholded only where they are looked at — the camera path's finder scan reads
/// every other row, so half the image is never thresholded.
#[derive(Clone, Debug)]
pub struct Levels {
    bw: usize,
    /// The threshold of each block (dark is `p <= level`).
    avg: Vec<i32>,
}

impl Levels {
    /// The block thresholds of `g` (images under 5×5 blocks: Otsu's level everywhere).
    pub fn new(g: &Gray) -> Levels {
        let (w, h) = (g.width(), g.height());
        let bw = w.div_ceil(BLOCK);
        let bh = h.div_ceil(BLOCK);
        if bw < 5 || bh < 5 {
            return Levels {
                bw,
                avg: vec![i32::from(otsu_level(g)); bw * bh],
            };
        }
        // Block statistics, one pass over the rows; the inner loop is written out by hand (at
        // opt-level "z" the compiler calls chunk iterators and min/max rather than inlining).
        let mut sum = vec![0i32; bw * bh];
        let mut min = vec![255i32; bw * bh];
        let mut max = vec![0i32; bw * bh];
        for y in 0..h {
            let base = (y / BLOCK) * bw;
            let (Some(srow), Some(lrow), Some(hrow)) = (
                sum.get_mut(base..base + bw),
                min.get_mut(base..base + bw),
                max.get_mut(base..base + bw),
            ) else {
                continue;
            };
            let mut it = g.row(y).iter();
            for ((s, lo), hi) in srow.iter_mut().zip(lrow.iter_mut()).zip(hrow.iter_mut()) {
                let (mut bs, mut bl, mut bmax) = (0i32, *lo, *hi);
                let mut k = 0;
                while k < BLOCK {
                    let Some(&p) = it.next() else { break };
                    let p = i32::from(p);
                    bs += p;
                    if p < bl {
                        bl = p;
                    }
                    if p > bmax {
                        bmax = p;
                    }
                    k += 1;
                }
                *s += bs;
                *lo = bl;
                *hi = bmax;
            }
        }
        let mut levels = vec![0i32; bw * bh];
        for by in 0..bh {
            for bx in 0..bw {
                let i = by * bw + bx;
                let at = |v: &[i32], j: usize| v.get(j).copied().unwrap_or(0);
                let rows = (h - by * BLOCK).min(BLOCK);
                let cols = (w - bx * BLOCK).min(BLOCK);
                let n = i32::try_from(rows * cols).unwrap_or(1).max(1);
                let (lo, hi) = (at(&min, i), at(&max, i));
                let mut level = at(&sum, i) / n;
                if hi - lo <= MIN_DYNAMIC_RANGE {
                    // A flat block: assume light background unless its neighbours say otherwise.
                    level = lo / 2;
                    if by > 0 && bx > 0 {
                        let nb = (at(&levels, i - bw)
                            + 2 * at(&levels, i - 1)
                            + at(&levels, i - bw - 1))
                            / 4;
                        if lo < nb {
                            level = nb;
                        }
                    }
                }
                if let Some(l) = levels.get_mut(i) {
                    *l = level;
                }
            }
        }
        // Average over the 5×5 neighbourhood of blocks (clamped to the image): sums of 5 along
        // each block row first, then of 5 of those down each column.
        let mut across = vec![0i32; bw * bh];
        for by in 0..bh {
            let row = levels.get(by * bw..(by + 1) * bw).unwrap_or_default();
            let out = across.get_mut(by * bw..(by + 1) * bw).unwrap_or_default();
            for (bx, o) in out.iter_mut().enumerate() {
                let cx = bx.clamp(2, bw - 3);
                *o = row.get(cx - 2..cx + 3).unwrap_or_default().iter().sum();
            }
        }
        let mut avg = vec![0i32; bw * bh];
        for by in 0..bh {
            let cy = by.clamp(2, bh - 3);
            let out = avg.get_mut(by * bw..(by + 1) * bw).unwrap_or_default();
            for (bx, o) in out.iter_mut().enumerate() {
                let mut s = 0;
                for k in 0..5 {
                    s += across.get((cy - 2 + k) * bw + bx).copied().unwrap_or(0);
                }
                *o = s / 25;
            }
        }
        Levels { bw, avg }
    }

    /// Row `y` of the hybrid bitmap of `g` (1 = dark) into `out` (the image's width).
    pub fn threshold_row(&self, g: &Gray, y: usize, out: &mut [u8]) {
        let base = (y / BLOCK) * self.bw;
        let row_levels = self.avg.get(base..base + self.bw).unwrap_or_default();
        let row = g.row(y);
        for ((d, s), &t) in out.chunks_mut(BLOCK).zip(row.chunks(BLOCK)).zip(row_levels) {
            for (d, &p) in d.iter_mut().zip(s) {
                *d = u8::from(i32::from(p) <= t);
            }
        }
    }

    /// 1 if (x, y) of `g` is dark in the hybrid bitmap; out of range is light.
    #[inline(always)]
    pub fn dark(&self, g: &Gray, x: usize, y: usize) -> u8 {
        if x >= g.width() {
            return 0;
        }
        let (Some(&p), Some(&t)) = (
            g.pixels().get(y * g.width() + x),
            self.avg.get((y / BLOCK) * self.bw + x / BLOCK),
        ) else {
            return 0;
        };
        u8::from(i32::from(p) <= t)
    }
}

/// Summed-area tables of values and squares, with a zero first row and column.
struct Integral {
    w1: usize,
    sum: Vec<u32>,
    sq: Vec<u64>,
}

impl Integral {
    fn new(g: &Gray, squares: bool) -> Integral {
        let (w, h) = (g.width(), g.height());
        let w1 = w + 1;
        let mut sum = vec![0u32; w1 * (h + 1)];
        let mut sq = if squares {
            vec![0u64; w1 * (h + 1)]
        } else {
            Vec::new()
        };
        for y in 0..h {
            let (mut rs, mut rq) = (0u32, 0u64);
            // Sums wrap for images over 16 MP; differences of wrapped sums are still exact.
            for (x, &p) in g.row(y).iter().enumerate() {
                rs = rs.wrapping_add(u32::from(p));
                let above = sum.get(y * w1 + x + 1).copied().unwrap_or(0);
                if let Some(s) = sum.get_mut((y + 1) * w1 + x + 1) {
                    *s = above.wrapping_add(rs);
                }
                if squares {
                    rq += u64::from(p) * u64::from(p);
                    let above = sq.get(y * w1 + x + 1).copied().unwrap_or(0);
                    if let Some(s) = sq.get_mut((y + 1) * w1 + x + 1) {
                        *s = above + rq;
                    }
                }
            }
        }
        Integral { w1, sum, sq }
    }

    /// (sum, sum of squares, count) over [x0, x1) × [y0, y1).
    fn window(&self, x0: usize, y0: usize, x1: usize, y1: usize) -> (u32, u64, u32) {
        let s = |x: usize, y: usize| self.sum.get(y * self.w1 + x).copied().unwrap_or(0);
        let q = |x: usize, y: usize| self.sq.get(y * self.w1 + x).copied().unwrap_or(0);
        let sum = s(x1, y1)
            .wrapping_add(s(x0, y0))
            .wrapping_sub(s(x0, y1).wrapping_add(s(x1, y0)));
        let sq = q(x1, y1)
            .wrapping_add(q(x0, y0))
            .wrapping_sub(q(x0, y1).wrapping_add(q(x1, y0)));
        let n = u32::try_from((x1 - x0) * (y1 - y0)).unwrap_or(1).max(1);
        (sum, sq, n)
    }
}

fn window_bounds(x: usize, y: usize, r: usize, w: usize, h: usize) -> (usize, usize, usize, usize) {
    (
        x.saturating_sub(r),
        y.saturating_sub(r),
        (x + r + 1).min(w),
        (y + r + 1).min(h),
    )
}

/// Dark where the pixel is below the mean of its (2r+1)² window minus `offset`.
pub fn local_mean(g: &Gray, r: usize, offset: i32) -> Bitmap {
    let integral = Integral::new(g, false);
    let (w, h) = (g.width(), g.height());
    threshold_map(g, |x, y, p| {
        let (x0, y0, x1, y1) = window_bounds(x, y, r, w, h);
        let (sum, _, n) = integral.window(x0, y0, x1, y1);
        let mean = i32::try_from(sum / n).unwrap_or(128);
        i32::from(p) < mean - offset
    })
}

/// Sauvola's threshold `mean · (1 + k · (σ/128 − 1))`, contrast-gated: in flat windows
/// (σ below 6) nothing is dark, so flat paper does not turn into noise.
pub fn sauvola(g: &Gray, r: usize, k: f32) -> Bitmap {
    let integral = Integral::new(g, true);
    let (w, h) = (g.width(), g.height());
    threshold_map(g, |x, y, p| {
        let (x0, y0, x1, y1) = window_bounds(x, y, r, w, h);
        let (sum, sq, n) = integral.window(x0, y0, x1, y1);
        let mean = sum as f32 / n as f32;
        let var = (sq as f32 / n as f32 - mean * mean).max(0.0);
        let sd = var.sqrt();
        if sd < 6.0 {
            return f32::from(p) < mean - 40.0;
        }
        f32::from(p) < mean * (1.0 + k * (sd / 128.0 - 1.0))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Vertical stripes 4 px wide (dark 40–60, light 180–200, with a lighting gradient),
    /// like QR modules; a large uniformly dark area is not what these binarisers are for.
    fn stripes(w: usize, h: usize) -> Gray {
        let px = (0..h)
            .flat_map(|y| {
                (0..w).map(move |x| {
                    if (x / 4) % 2 == 0 {
                        40 + (y % 20) as u8
                    } else {
                        200 - (y % 20) as u8
                    }
                })
            })
            .collect();
        Gray::new(w, h, px).unwrap()
    }

    #[test]
    fn every_binariser_separates_dark_from_light() {
        let g = stripes(64, 64);
        for (name, b) in [
            ("otsu", otsu(&g)),
            ("hybrid", hybrid(&g)),
            ("mean", local_mean(&g, 12, 0)),
            ("sauvola", sauvola(&g, 12, 0.25)),
        ] {
            assert_eq!(b.get(33, 30), 1, "{name} dark stripe");
            assert_eq!(b.get(37, 30), 0, "{name} light stripe");
        }
    }

    #[test]
    fn inversion_swaps() {
        let b = otsu(&stripes(16, 16)).inverted();
        assert_eq!((b.get(1, 1), b.get(5, 1)), (0, 1));
    }

    #[test]
    fn tiny_and_empty_images_do_not_panic() {
        for (w, h) in [(0, 0), (1, 1), (3, 50), (50, 3)] {
            let g = Gray::new(w, h, vec![7; w * h]).unwrap();
            let _ = (
                otsu(&g),
                hybrid(&g),
                local_mean(&g, 5, 3),
                sauvola(&g, 5, 0.2),
            );
        }
    }
}
