//! Our own grid sampler: from three finder patterns (and the alignment pattern, found by a
//! local search) to a perspective transform, then every module sampled on the greyscale image
//! with a local threshold. The resulting bit grid goes to our symbol decoder (`symbol.rs`:
//! format info, Reed–Solomon, segments), without rqrr's detector, whose perspective fitting
//! costs ~10 ms per grid and which samples one binarised pixel per module. On still images a
//! grid that does not decode is fitted to its function patterns ([`refine`]) and sampled again.

use super::finder::Finder;
use super::image::Gray;

/// A perspective transform from grid coordinates (modules) to image pixels.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Homography([f32; 8]);

impl Homography {
    /// The transform mapping the four `from` points onto the four `to` points, or `None` when
    /// they are degenerate (three in a line).
    pub(crate) fn from_points(from: [(f32, f32); 4], to: [(f32, f32); 4]) -> Option<Homography> {
        // Solve the 8×8 system for h in x' = (h0 x + h1 y + h2) / (h6 x + h7 y + 1), etc.
        let mut m = [[0f64; 9]; 8];
        for (i, ((x, y), (u, v))) in from.iter().zip(to.iter()).enumerate() {
            let (x, y, u, v) = (f64::from(*x), f64::from(*y), f64::from(*u), f64::from(*v));
            let r0 = m.get_mut(2 * i)?;
            *r0 = [x, y, 1.0, 0.0, 0.0, 0.0, -u * x, -u * y, u];
            let r1 = m.get_mut(2 * i + 1)?;
            *r1 = [0.0, 0.0, 0.0, x, y, 1.0, -v * x, -v * y, v];
        }
        // Gaussian elimination with partial pivoting.
        for col in 0..8 {
            let pivot = (col..8).max_by(|&a, &b| {
                let va = m.get(a).and_then(|r| r.get(col)).map_or(0.0, |v| v.abs());
                let vb = m.get(b).and_then(|r| r.get(col)).map_or(0.0, |v| v.abs());
                va.total_cmp(&vb)
            })?;
            m.swap(col, pivot);
            let p = *m.get(col)?.get(col)?;
            if p.abs() < 1e-9 {
                return None;
            }
            let row = *m.get(col)?;
            for (r, other) in m.iter_mut().enumerate() {
                if r == col {
                    continue;
                }
                let f = other.get(col).copied().unwrap_or(0.0) / p;
                for (o, v) in other.iter_mut().zip(row.iter()) {
                    *o -= f * v;
                }
            }
        }
        let mut h = [0f32; 8];
        for (i, hv) in h.iter_mut().enumerate() {
            let r = m.get(i)?;
            *hv = (r.get(8)? / r.get(i)?) as f32;
        }
        Some(Homography(h))
    }

    #[inline]
    pub(crate) fn map(&self, x: f32, y: f32) -> (f32, f32) {
        let [a, b, c, d, e, f, g, h] = self.0;
        let w = g * x + h * y + 1.0;
        let w = if w.abs() < 1e-6 { 1e-6 } else { w };
        ((a * x + b * y + c) / w, (d * x + e * y + f) / w)
    }
}

/// A sampled grid: `size`² module values (0–255) and the transform used.
pub(crate) struct Sampled {
    pub size: usize,
    pub values: Vec<u8>,
    pub transform: Homography,
}

impl Sampled {
    /// Image corners of the symbol: top-left, top-right, bottom-right, bottom-left.
    pub fn corners(&self) -> [(f32, f32); 4] {
        let s = self.size as f32;
        [(0.0, 0.0), (s, 0.0), (s, s), (0.0, s)].map(|(x, y)| self.transform.map(x, y))
    }

    /// Dark modules under a local threshold: the mean of the module's (2r+1)² neighbourhood of
    /// modules, shifted by `bias`.
    pub fn bits(&self, r: usize, bias: i32) -> Vec<bool> {
        let n = self.size;
        // Summed-area table of module values, (n+1)² with a zero border.
        let n1 = n + 1;
        let mut sat = vec![0i32; n1 * n1];
        for y in 0..n {
            let mut row = 0i32;
            for x in 0..n {
                row += i32::from(self.values.get(y * n + x).copied().unwrap_or(255));
                let above = sat.get(y * n1 + x + 1).copied().unwrap_or(0);
                if let Some(c) = sat.get_mut((y + 1) * n1 + x + 1) {
                    *c = above + row;
                }
            }
        }
        let at = |x: usize, y: usize| sat.get(y * n1 + x).copied().unwrap_or(0);
        let mut out = Vec::with_capacity(n * n);
        for y in 0..n {
            let (y0, y1) = (y.saturating_sub(r), (y + r + 1).min(n));
            for x in 0..n {
                let (x0, x1) = (x.saturating_sub(r), (x + r + 1).min(n));
                let sum = at(x1, y1) - at(x0, y1) - at(x1, y0) + at(x0, y0);
                let count = i32::try_from((x1 - x0) * (y1 - y0)).unwrap_or(1).max(1);
                let v = i32::from(self.values.get(y * n + x).copied().unwrap_or(255));
                out.push(v * count < sum + bias * count);
            }
        }
        out
    }
}

/// Orders a finder triple as (top-left, top-right, bottom-left): top-left is opposite the
/// longest side; the other two are ordered so that the code is not mirrored.
pub(crate) fn orient(f: [&Finder; 3]) -> [(f32, f32); 3] {
    let p = f.map(|f| (f.x, f.y));
    let d = |a: (f32, f32), b: (f32, f32)| (a.0 - b.0).hypot(a.1 - b.1);
    let [a, b, c] = p;
    let (tl, p1, p2) = if d(b, c) >= d(a, b) && d(b, c) >= d(a, c) {
        (a, b, c)
    } else if d(a, c) >= d(a, b) {
        (b, a, c)
    } else {
        (c, a, b)
    };
    let cross = (p1.0 - tl.0) * (p2.1 - tl.1) - (p1.1 - tl.1) * (p2.0 - tl.0);
    if cross > 0.0 {
        [tl, p1, p2]
    } else {
        [tl, p2, p1]
    }
}

/// Symbol sizes to try for a finder triple, most likely first.
pub(crate) fn candidate_sizes(f: [&Finder; 3]) -> Vec<usize> {
    let [tl, tr, bl] = orient(f);
    let m = (f[0].module + f[1].module + f[2].module) / 3.0;
    let d = |a: (f32, f32), b: (f32, f32)| (a.0 - b.0).hypot(a.1 - b.1);
    let modules = (d(tl, tr) + d(tl, bl)) / 2.0 / m.max(0.1) + 7.0;
    let version = ((modules - 17.0) / 4.0).round().clamp(1.0, 40.0) as usize;
    let mut out = vec![version];
    for delta in [1usize, 2] {
        if version > delta {
            out.push(version - delta);
        }
        if version + delta <= 40 {
            out.push(version + delta);
        }
    }
    out.into_iter().map(|v| 17 + 4 * v).collect()
}

/// Finds the bottom-right alignment pattern near `guess` (image pixels): the point whose
/// centre is dark, ring at one module light, ring at two modules dark, best matches.
fn find_alignment(img: &Gray, guess: (f32, f32), module: f32, radius: f32) -> (f32, f32) {
    let step = (module / 3.0).max(0.5);
    let n = (radius / step).ceil() as i32;
    // The eight directions k·45°.
    const D: f32 = core::f32::consts::FRAC_1_SQRT_2;
    const DIRS: [(f32, f32); 8] = [
        (1.0, 0.0),
        (D, D),
        (0.0, 1.0),
        (-D, D),
        (-1.0, 0.0),
        (-D, -D),
        (0.0, -1.0),
        (D, -D),
    ];
    let ring = |cx: f32, cy: f32, r: f32| -> f32 {
        let mut s = 0.0;
        for (dx, dy) in DIRS {
            s += img.sample(cx + r * dx, cy + r * dy);
        }
        s / 8.0
    };
    let score = |cx: f32, cy: f32| {
        let centre = img.sample(cx, cy);
        let light = ring(cx, cy, module);
        let dark = ring(cx, cy, 2.0 * module);
        // Prefer the guess slightly when scores tie.
        let off = (cx - guess.0).hypot(cy - guess.1) / step;
        light - (centre + dark) / 2.0 - 0.02 * off
    };
    let mut best = (f32::MIN, guess);
    for j in 0..2 * n + 1 {
        for i in 0..2 * n + 1 {
            let (cx, cy) = (
                guess.0 + (i - n) as f32 * step,
                guess.1 + (j - n) as f32 * step,
            );
            let s = score(cx, cy);
            if s > best.0 {
                best = (s, (cx, cy));
            }
        }
    }
    best.1
}

/// Samples a `size`-module symbol whose finder centres are the triple `f`.
pub(crate) fn sample(img: &Gray, f: [&Finder; 3], size: usize) -> Option<Sampled> {
    sample_with(img, f, size, &mut None)
}

/// [`sample`], sharing the alignment pattern between the sizes tried for one triple: once
/// found (`alignment`), later sizes only look within two modules of it.
pub(crate) fn sample_with(
    img: &Gray,
    f: [&Finder; 3],
    size: usize,
    alignment: &mut Option<(f32, f32)>,
) -> Option<Sampled> {
    let transform = transform_for(img, f, size, alignment)?;
    Some(sample_grid(img, transform, size))
}

/// How well the timing patterns (row and column 6 between the finders, alternating dark and
/// light from a dark module 8) show through `transform` at `size`: the mean light-minus-dark
/// difference, in grey levels. A wrong size drifts out of phase along the pattern and scores
/// near zero.
pub(crate) fn timing_score(img: &Gray, transform: &Homography, size: usize) -> f32 {
    let (mut score, mut n) = (0.0f32, 0.0f32);
    for i in 8..size.saturating_sub(8) {
        let t = i as f32 + 0.5;
        let v = img.sample_at(transform.map(t, 6.5)) + img.sample_at(transform.map(6.5, t));
        score += if i % 2 == 0 { -v } else { v };
        n += 2.0;
    }
    score / n.max(1.0)
}

/// The transform of a `size`-module symbol whose finder centres are the triple `f` (the
/// bottom-right alignment pattern found near where the finders predict it, or within two
/// modules of `alignment` when an earlier size found it).
pub(crate) fn transform_for(
    img: &Gray,
    f: [&Finder; 3],
    size: usize,
    alignment: &mut Option<(f32, f32)>,
) -> Option<Homography> {
    let [tl, tr, bl] = orient(f);
    let m = (f[0].module + f[1].module + f[2].module) / 3.0;
    let s = size as f32;
    let (c0, c1) = (3.5f32, s - 3.5);
    let affine = |u: f32, v: f32| {
        let t = (u - c0) / (c1 - c0);
        let w = (v - c0) / (c1 - c0);
        (
            tl.0 + t * (tr.0 - tl.0) + w * (bl.0 - tl.0),
            tl.1 + t * (tr.1 - tl.1) + w * (bl.1 - tl.1),
        )
    };
    if size > 21 {
        let a = s - 6.5;
        let guess = affine(a, a);
        let span = (tr.0 - tl.0).hypot(tr.1 - tl.1);
        let found = match *alignment {
            Some(at) => find_alignment(img, at, m, 2.0 * m),
            None => find_alignment(img, guess, m, (4.0 * m).max(0.12 * span)),
        };
        *alignment = Some(found);
        Homography::from_points([(c0, c0), (c1, c0), (c0, c1), (a, a)], [tl, tr, bl, found])
    } else {
        affine_for(f, size)
    }
}

/// The affine map of a `size`-module symbol whose finder centres are the triple `f` (no
/// alignment pattern searched: the fourth corner where the three finders put it).
pub(crate) fn affine_for(f: [&Finder; 3], size: usize) -> Option<Homography> {
    let [tl, tr, bl] = orient(f);
    let (c0, c1) = (3.5f32, size as f32 - 3.5);
    let br = (
        tl.0 + (tr.0 - tl.0) + (bl.0 - tl.0),
        tl.1 + (tr.1 - tl.1) + (bl.1 - tl.1),
    );
    Homography::from_points([(c0, c0), (c1, c0), (c0, c1), (c1, c1)], [tl, tr, bl, br])
}

/// Every module of a `size`-module symbol through `transform`.
pub(crate) fn sample_grid(img: &Gray, transform: Homography, size: usize) -> Sampled {
    let mut values = Vec::with_capacity(size * size);
    // Module centres row by row (one projective map per module); the cross's arms are a fifth
    // of the steps to the neighbouring centres (the map is locally affine at this scale).
    let centres = |y: usize| -> Vec<(f32, f32)> {
        (0..=size)
            .map(|x| transform.map(x as f32 + 0.5, y as f32 + 0.5))
            .collect()
    };
    let mut row = centres(0);
    for y in 0..size {
        let next = centres(y + 1);
        for x in 0..size {
            // Average a small cross around the module centre to resist noise.
            let (Some(&(px, py)), Some(&(rx, ry)), Some(&(dx, dy))) =
                (row.get(x), row.get(x + 1), next.get(x))
            else {
                continue;
            };
            let (hx, hy) = (0.2 * (rx - px), 0.2 * (ry - py));
            let (vx, vy) = (0.2 * (dx - px), 0.2 * (dy - py));
            let acc = img.sample(px, py)
                + img.sample(px + hx, py + hy)
                + img.sample(px - hx, py - hy)
                + img.sample(px + vx, py + vy)
                + img.sample(px - vx, py - vy);
            // Non-negative: + 0.5 and truncation round it (no libm `round` call).
            values.push((acc / 5.0 + 0.5) as u8);
        }
        row = next;
    }
    Sampled {
        size,
        values,
        transform,
    }
}

/// How well the function patterns of a `size`-module symbol show through `transform`: the mean
/// grey of the modules that must be light minus that of those that must be dark — the three
/// finder patterns with their separators, both timing patterns and every alignment pattern
/// (ISO/IEC 18004 §6.3) — one sample per module centre.
pub(crate) fn pattern_score(img: &Gray, transform: &Homography, size: usize) -> f32 {
    let (mut light, mut dark, mut n_light, mut n_dark) = (0.0f32, 0.0f32, 0.0f32, 0.0f32);
    let mut add = |x: usize, y: usize, is_dark: bool| {
        let v = img.sample_at(transform.map(x as f32 + 0.5, y as f32 + 0.5));
        if is_dark {
            dark += v;
            n_dark += 1.0;
        } else {
            light += v;
            n_light += 1.0;
        }
    };
    let s = size.saturating_sub(1);
    // Finder patterns (centres at 3 from the corners) and their one-module separators.
    for (cx, cy) in [
        (3usize, 3usize),
        (s.saturating_sub(3), 3),
        (3, s.saturating_sub(3)),
    ] {
        for y in cy.saturating_sub(4)..=(cy + 4).min(s) {
            for x in cx.saturating_sub(4)..=(cx + 4).min(s) {
                let ring = x.abs_diff(cx).max(y.abs_diff(cy));
                add(x, y, ring != 2 && ring != 4);
            }
        }
    }
    // Timing patterns: dark on even indices between the separators.
    for i in 8..size.saturating_sub(8) {
        add(i, 6, i % 2 == 0);
        add(6, i, i % 2 == 0);
    }
    // Alignment patterns: 5×5, dark centre and outer ring; none over a finder.
    let version = u8::try_from(size.saturating_sub(17) / 4).unwrap_or(0);
    let centres = super::symbol::alignment_positions(version);
    for &ay in &centres {
        for &ax in &centres {
            let (left, top) = (ax < 9, ay < 9);
            let over_finder = (left && (top || ay + 9 > s)) || (top && ax + 9 > s);
            if over_finder {
                continue;
            }
            for y in ay.saturating_sub(2)..=ay + 2 {
                for x in ax.saturating_sub(2)..=ax + 2 {
                    let ring = x.abs_diff(ax).max(y.abs_diff(ay));
                    add(x, y, ring != 1);
                }
            }
        }
    }
    light / n_light.max(1.0) - dark / n_dark.max(1.0)
}

/// `transform` adjusted so that the function patterns of a `size`-module symbol fit the image
/// best ([`pattern_score`]): the image points of four grid points (the three finder centres and
/// the point diagonal to the top-left one) each move by ±`step` along x and y while the score
/// improves, the step halving from half a module to a sixteenth. Recovers the perspective of
/// a tilted or curved photo, where the finder centres and the alignment search alone misplace
/// the far corner. `module` is the module size in image pixels.
pub(crate) fn refine(img: &Gray, transform: Homography, size: usize, module: f32) -> Homography {
    let s = size as f32;
    let grid = [
        (3.5, 3.5),
        (s - 3.5, 3.5),
        (3.5, s - 3.5),
        (s - 3.5, s - 3.5),
    ];
    let mut points = grid.map(|(x, y)| transform.map(x, y));
    let mut best = (pattern_score(img, &transform, size), transform);
    let mut step = module / 2.0;
    while step >= module / 16.0 {
        let mut moved = true;
        let mut rounds = 0;
        while moved && rounds < 4 {
            moved = false;
            rounds += 1;
            for i in 0..4 {
                for (dx, dy) in [(step, 0.0), (-step, 0.0), (0.0, step), (0.0, -step)] {
                    let mut trial = points;
                    if let Some(p) = trial.get_mut(i) {
                        *p = (p.0 + dx, p.1 + dy);
                    }
                    let Some(h) = Homography::from_points(grid, trial) else {
                        continue;
                    };
                    let score = pattern_score(img, &h, size);
                    if score > best.0 {
                        best = (score, h);
                        points = trial;
                        moved = true;
                    }
                }
            }
        }
        step /= 2.0;
    }
    best.1
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    /// A version-5 symbol from an independent encoder (`qrcode`), drawn at ~9 px per module
    /// under a strong perspective (`corners`: the symbol's four corners in the image).
    fn tilted_code() -> (Gray, usize, Vec<u8>, [(f32, f32); 4]) {
        use qrcode::{EcLevel as L, QrCode, Version};
        let data = b"perspective: the far corner of a tilted photo".to_vec();
        let code = QrCode::with_version(&data, Version::Normal(5), L::M).unwrap();
        let size = code.width();
        let dark: Vec<bool> = code
            .to_colors()
            .into_iter()
            .map(|c| c == qrcode::Color::Dark)
            .collect();
        let s = size as f32;
        let corners = [(60.0, 40.0), (380.0, 90.0), (400.0, 410.0), (30.0, 360.0)];
        let to_grid =
            Homography::from_points(corners, [(0.0, 0.0), (s, 0.0), (s, s), (0.0, s)]).unwrap();
        let (w, h) = (440usize, 440usize);
        let mut px = vec![255u8; w * h];
        for y in 0..h {
            for x in 0..w {
                let (gx, gy) = to_grid.map(x as f32 + 0.5, y as f32 + 0.5);
                if gx >= 0.0
                    && gy >= 0.0
                    && gx < s
                    && gy < s
                    && dark[gy as usize * size + gx as usize]
                {
                    px[y * w + x] = 20;
                }
            }
        }
        (Gray::new(w, h, px).unwrap(), size, data, corners)
    }

    fn decodes(img: &Gray, h: Homography, size: usize) -> Option<Vec<u8>> {
        let sampled = sample_grid(img, h, size);
        let bits = sampled.bits(4, 0);
        super::super::symbol::decode(size, &|x, y| bits[y * size + x])
            .ok()
            .map(|s| s.bytes)
    }

    /// The far corner misplaced by two modules (as when the alignment search or the finder
    /// centres are off on a tilted photo): the grid does not decode as sampled, and does once
    /// `refine` has fitted the function patterns.
    #[test]
    fn refine_recovers_a_misplaced_far_corner() {
        let (img, size, data, corners) = tilted_code();
        let s = size as f32;
        let truth =
            Homography::from_points([(0.0, 0.0), (s, 0.0), (s, s), (0.0, s)], corners).unwrap();
        assert_eq!(decodes(&img, truth, size).as_deref(), Some(&data[..]));
        let grid = [
            (3.5, 3.5),
            (s - 3.5, 3.5),
            (3.5, s - 3.5),
            (s - 3.5, s - 3.5),
        ];
        let mut points = grid.map(|(x, y)| truth.map(x, y));
        let module = 9.0;
        points[3] = (points[3].0 - 2.0 * module, points[3].1 + 1.0 * module);
        let off = Homography::from_points(grid, points).unwrap();
        assert_eq!(decodes(&img, off, size), None, "decodes without refining");
        let refined = refine(&img, off, size, module);
        assert!(pattern_score(&img, &refined, size) > pattern_score(&img, &off, size));
        assert_eq!(decodes(&img, refined, size).as_deref(), Some(&data[..]));
    }

    /// A wrong symbol size fits the function patterns worse than the right one.
    #[test]
    fn pattern_score_prefers_the_true_size() {
        let (img, size, _, corners) = tilted_code();
        let at = |n: usize| {
            let s = n as f32;
            // The same image corners for each size: a wrong size puts modules out of phase.
            let h =
                Homography::from_points([(0.0, 0.0), (s, 0.0), (s, s), (0.0, s)], corners).unwrap();
            pattern_score(&img, &h, n)
        };
        assert!(at(size) > 100.0, "{}", at(size));
        assert!(at(size) > at(size - 4) + 50.0 && at(size) > at(size + 4) + 50.0);
    }
}
