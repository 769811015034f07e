//! Finding QR finder patterns (the three 7×7 "eyes") cheaply, to propose regions worth a full
//! decode. A finder crosses every scan line through its centre as dark:light:dark:light:dark
//! runs in the ratio 1:1:3:1:1 (ISO/IEC 18004 §6.3.3; `shared/reference/qr-landscape.md`),
//! vertically as well as horizontally.

use super::binarize::{Bitmap, Levels};
use super::image::Gray;

/// What the finder scan reads: a ready bitmap, or an image thresholded on the fly with the
/// hybrid binariser's block levels (only the scanned rows and the cross-checked columns).
#[derive(Clone, Copy)]
pub enum Bits<'a> {
    /// A prepared bitmap.
    Map(&'a Bitmap),
    /// `hybrid(g)`, computed where it is read.
    Hybrid(&'a Gray, &'a Levels),
}

impl Bits<'_> {
    fn size(&self) -> (usize, usize) {
        match self {
            Bits::Map(b) => (b.w, b.h),
            Bits::Hybrid(g, _) => (g.width(), g.height()),
        }
    }

    #[inline(always)]
    fn get(&self, x: usize, y: usize) -> u8 {
        match self {
            Bits::Map(b) => b.get(x, y),
            Bits::Hybrid(g, l) => l.dark(g, x, y),
        }
    }

    /// Row `y` into `buf` (resized to the width).
    fn row_into(&self, y: usize, buf: &mut Vec<u8>) {
        let w = self.size().0;
        if buf.len() != w {
            buf.resize(w, 0);
        }
        match self {
            Bits::Map(b) => {
                let r = b.row(y);
                if r.len() == w {
                    buf.copy_from_slice(r);
                }
            }
            Bits::Hybrid(g, l) => l.threshold_row(g, y, buf),
        }
    }
}

/// A finder-pattern candidate: centre and module size in pixels, with how many rows saw it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Finder {
    pub x: f32,
    pub y: f32,
    pub module: f32,
    pub hits: u32,
}

/// Where a QR code probably is: a square region and the module size inside it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Proposal {
    pub x0: f32,
    pub y0: f32,
    pub size: f32,
    pub module: f32,
    /// 3 = a finder triple, 2 = a pair, 1 = a single finder.
    pub finders: u8,
    /// The three finders of a triple.
    pub triple: Option<[Finder; 3]>,
}

/// True when five run lengths look like 1:1:3:1:1.
fn ratio_ok(runs: &[usize; 5]) -> Option<f32> {
    let total: usize = runs.iter().sum();
    let [a, b, c, d, e] = *runs;
    // The test below needs the centre run at least 1.38 units and every other run at most 1.81
    // units: a centre under 3/4 of another run cannot pass (a cheap integer test first).
    if total < 7 || 4 * c < 3 * a.max(b).max(d).max(e) {
        return None;
    }
    let unit = total as f32 / 7.0;
    let tol = unit * 0.6;
    let ok = runs
        .iter()
        .zip([1.0f32, 1.0, 3.0, 1.0, 1.0])
        .all(|(&r, m)| (r as f32 - m * unit).abs() <= tol * m.max(1.5) * 0.9);
    ok.then_some(unit)
}

/// Runs of equal bits along a column through (x, y): the dark run containing y and the
/// two light and two dark runs around it. Returns (runs, centre y).
fn vertical_runs(b: Bits, x: usize, y: usize, max_run: usize) -> Option<([usize; 5], f32)> {
    if b.get(x, y) != 1 {
        return None;
    }
    let h = isize::try_from(b.size().1).unwrap_or(0);
    let count = |mut yy: isize, step: isize, bit: u8| -> (usize, isize) {
        let mut n = 0;
        while (0..h).contains(&yy)
            && n <= max_run
            && b.get(x, usize::try_from(yy).unwrap_or(0)) == bit
        {
            n += 1;
            yy += step;
        }
        (n, yy)
    };
    let yi = isize::try_from(y).ok()?;
    let (up_c, y_up) = count(yi, -1, 1);
    let (down_c, y_down) = count(yi + 1, 1, 1);
    let centre = up_c + down_c;
    let (l_up, y2) = count(y_up, -1, 0);
    let (d_up, _) = count(y2, -1, 1);
    let (l_down, y3) = count(y_down, 1, 0);
    let (d_down, _) = count(y3, 1, 1);
    let runs = [d_up, l_up, centre, l_down, d_down];
    if runs.contains(&0) {
        return None;
    }
    let top = y_up + 1;
    Some((runs, top as f32 + centre as f32 / 2.0))
}

/// Scans every `step`-th row of the bitmap for finder patterns and merges the hits: the best
/// `keep` (most hits), and how many candidates there were before that cut.
pub fn find_counted(b: Bits, step: usize, keep: usize) -> (Vec<Finder>, usize) {
    let mut hits: Vec<Finder> = Vec::new();
    let step = step.max(1);
    let (w, h) = b.size();
    let mut row = Vec::with_capacity(w);
    for y in (0..h).step_by(step) {
        b.row_into(y, &mut row);
        // The last five runs of the row (start, length), oldest first; runs alternate, so a
        // window ending in a dark run that starts with a dark run is dark:light:dark:light:dark.
        let mut win = [(0usize, 0usize); 5];
        let mut seen = 0usize;
        let mut cur = 2u8;
        let mut start = 0usize;
        // The row's bits, then 2 (neither bit) to close the last run.
        for (x, &bit) in row.iter().chain(&[2u8]).enumerate() {
            if bit == cur {
                continue;
            }
            if x > 0 {
                win.rotate_left(1);
                if let Some(last) = win.last_mut() {
                    *last = (start, x - start);
                }
                seen += 1;
                if cur == 1 && seen >= 5 {
                    check_window(b, &win, y, &mut hits);
                }
            }
            cur = bit;
            start = x;
        }
    }
    // A real finder is crossed by about 3 modules' worth of scan lines.
    hits.retain(|f| f.hits as f32 * step as f32 >= (f.module * 1.2).clamp(1.0, 3.0));
    let mut hits = stable_sorted(hits, |f| -(f.hits as f32));
    let count = hits.len();
    hits.truncate(keep);
    (hits, count)
}

/// Checks five runs of row `y` for a finder (ratio, then a vertical cross-check) and merges a
/// hit into `hits`.
fn check_window(b: Bits, win: &[(usize, usize); 5], y: usize, hits: &mut Vec<Finder>) {
    let [a, l1, c, l2, e] = *win;
    let runs = [a.1, l1.1, c.1, l2.1, e.1];
    let Some(unit) = ratio_ok(&runs) else {
        return;
    };
    let cx = c.0 as f32 + c.1 as f32 / 2.0;
    let max_run = (unit * 5.0) as usize + 2;
    let Some((v, cy)) = vertical_runs(b, cx as usize, y, max_run) else {
        return;
    };
    let Some(vunit) = ratio_ok(&v) else { return };
    if (vunit / unit) > 1.6 || (unit / vunit) > 1.6 {
        return;
    }
    let module = (unit + vunit) / 2.0;
    match hits.iter_mut().find(|f| {
        (f.x - cx).abs() < 2.0 * f.module.max(module)
            && (f.y - cy).abs() < 2.0 * f.module.max(module)
    }) {
        Some(f) => {
            let n = f.hits as f32;
            f.x = (f.x * n + cx) / (n + 1.0);
            f.y = (f.y * n + cy) / (n + 1.0);
            f.module = (f.module * n + module) / (n + 1.0);
            f.hits += 1;
        }
        None => hits.push(Finder {
            x: cx,
            y: cy,
            module,
            hits: 1,
        }),
    }
}

/// `v` in ascending `key` order, equal keys in their original order (what `sort_by` does). All
/// the sorts here go through one non-generic unstable sort of (key, index) pairs: each generic
/// stable sort would link its own ~5 KB of sorting code into the wasm module.
fn stable_sorted<T: Copy>(v: Vec<T>, key: impl Fn(&T) -> f32) -> Vec<T> {
    let keys: Vec<(f32, usize)> = v.iter().enumerate().map(|(i, x)| (key(x), i)).collect();
    sort_keys(keys)
        .into_iter()
        .filter_map(|(_, i)| v.get(i).copied())
        .collect()
}

fn sort_keys(mut keys: Vec<(f32, usize)>) -> Vec<(f32, usize)> {
    crate::sort::unstable_by(&mut keys, |a, b| {
        a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).is_lt()
    });
    keys
}

fn dist(a: &Finder, b: &Finder) -> f32 {
    ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt()
}

/// Groups finders into likely codes: triples forming a right isosceles triangle, then pairs,
/// then singles. Regions are squares in image coordinates, with a margin for the quiet zone.
pub fn propose(finders: &[Finder], w: usize, h: usize) -> Vec<Proposal> {
    let mut out = Vec::new();
    let mut used = vec![false; finders.len()];
    let mut triples: Vec<(f32, [usize; 3])> = Vec::new();
    let n = finders.len();
    {
        for [i, j, k] in candidate_triples(finders) {
            {
                let (Some(a), Some(b), Some(c)) = (finders.get(i), finders.get(j), finders.get(k))
                else {
                    continue;
                };
                let ms = [a.module, b.module, c.module];
                let (mn, mx) = (
                    ms.iter().copied().fold(f32::MAX, f32::min),
                    ms.iter().copied().fold(0.0, f32::max),
                );
                if mx > mn * 1.5 {
                    continue;
                }
                let m = (a.module + b.module + c.module) / 3.0;
                // The right-angle corner is opposite the longest side.
                let d = [(dist(b, c), i), (dist(a, c), j), (dist(a, b), k)];
                let (hyp, corner) =
                    d.iter()
                        .copied()
                        .fold((0.0, i), |acc, x| if x.0 > acc.0 { x } else { acc });
                let legs: Vec<f32> = d.iter().filter(|x| x.1 != corner).map(|x| x.0).collect();
                let (l1, l2) = match legs.as_slice() {
                    [l1, l2] => (*l1, *l2),
                    _ => continue,
                };
                if l1.max(l2) > 1.45 * l1.min(l2) {
                    continue;
                }
                let expected = (l1 * l1 + l2 * l2).sqrt();
                if (hyp - expected).abs() > 0.2 * expected {
                    continue;
                }
                let modules = (l1 + l2) / 2.0 / m;
                if !(10.0..=190.0).contains(&modules) {
                    continue;
                }
                let score = (hyp - expected).abs() / expected + (l1 - l2).abs() / l1.max(l2);
                triples.push((score, [i, j, k]));
            }
        }
    }
    for (_, idx) in stable_sorted(triples, |t| t.0) {
        if idx.iter().any(|&i| used.get(i).copied().unwrap_or(true)) {
            continue;
        }
        let fs: Vec<&Finder> = idx.iter().filter_map(|&i| finders.get(i)).collect();
        let m = fs.iter().map(|f| f.module).sum::<f32>() / 3.0;
        let (minx, maxx) = fs.iter().fold((f32::MAX, f32::MIN), |acc, f| {
            (acc.0.min(f.x), acc.1.max(f.x))
        });
        let (miny, maxy) = fs.iter().fold((f32::MAX, f32::MIN), |acc, f| {
            (acc.0.min(f.y), acc.1.max(f.y))
        });
        // The fourth corner is the reflection of the right-angle finder; a box around all
        // three centres, grown to a square over the diagonal, contains it.
        let cx = (minx + maxx) / 2.0;
        let cy = (miny + maxy) / 2.0;
        let span = (maxx - minx).max(maxy - miny);
        let diag = fs
            .iter()
            .flat_map(|a| {
                fs.iter()
                    .map(move |b| ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt())
            })
            .fold(0.0, f32::max);
        let size = span.max(diag) + 16.0 * m;
        let mut p = square(cx, cy, size, m, 3, w, h);
        if let [a, b, c] = fs.as_slice() {
            p.triple = Some([**a, **b, **c]);
        }
        out.push(p);
        for &i in &idx {
            if let Some(u) = used.get_mut(i) {
                *u = true;
            }
        }
    }
    // Pairs of similar finders at a plausible distance; the code lies on either side.
    let mut pairs = Vec::new();
    for i in 0..n {
        for j in i + 1..n {
            if used.get(i).copied().unwrap_or(true) || used.get(j).copied().unwrap_or(true) {
                continue;
            }
            let (Some(a), Some(b)) = (finders.get(i), finders.get(j)) else {
                continue;
            };
            if a.module.max(b.module) > 1.5 * a.module.min(b.module) {
                continue;
            }
            let m = (a.module + b.module) / 2.0;
            let d = dist(a, b);
            if (10.0..=250.0).contains(&(d / m)) {
                pairs.push((a.hits + b.hits, i, j, d, m));
            }
        }
    }
    for (_, i, j, d, m) in stable_sorted(pairs, |p| -(p.0 as f32)).into_iter().take(2) {
        let (Some(a), Some(b)) = (finders.get(i), finders.get(j)) else {
            continue;
        };
        out.push(square(
            (a.x + b.x) / 2.0,
            (a.y + b.y) / 2.0,
            2.2 * (d + 8.0 * m),
            m,
            2,
            w,
            h,
        ));
    }
    for f in finders
        .iter()
        .enumerate()
        .filter(|(i, _)| !used.get(*i).copied().unwrap_or(true))
        .map(|(_, f)| f)
        .take(2)
    {
        out.push(square(f.x, f.y, 110.0 * f.module, f.module, 1, w, h));
    }
    out
}

/// A finder is grouped with at most this many nearest finders of a similar module size when
/// triples are formed from more than [`ALL_TRIPLES_UP_TO`] finders, which keeps the grouping
/// of a sheet of many codes near-linear (a finder's own code's other two finders are among its
/// nearest).
const NEIGHBOURS: usize = 10;

/// Up to this many finders (what the first pass keeps), every triple is scored.
const ALL_TRIPLES_UP_TO: usize = 24;

/// Index triples (ascending) worth scoring as one code's three finders.
fn candidate_triples(finders: &[Finder]) -> Vec<[usize; 3]> {
    let n = finders.len();
    let mut out = Vec::new();
    if n <= ALL_TRIPLES_UP_TO {
        for i in 0..n {
            for j in i + 1..n {
                for k in j + 1..n {
                    out.push([i, j, k]);
                }
            }
        }
        return out;
    }
    for (i, a) in finders.iter().enumerate() {
        let near: Vec<(f32, usize)> = finders
            .iter()
            .enumerate()
            .filter(|&(j, b)| j != i && a.module.max(b.module) <= 1.5 * a.module.min(b.module))
            .map(|(j, b)| (dist(a, b), j))
            .collect();
        let mut near = stable_sorted(near, |n| n.0);
        near.truncate(NEIGHBOURS);
        for (x, &(_, j)) in near.iter().enumerate() {
            for &(_, k) in near.iter().skip(x + 1) {
                let mut t = [i, j, k];
                crate::sort::unstable_by(&mut t, |a, b| a < b);
                out.push(t);
            }
        }
    }
    crate::sort::unstable_by(&mut out, |a, b| a < b);
    out.dedup();
    out
}

fn square(cx: f32, cy: f32, size: f32, module: f32, finders: u8, w: usize, h: usize) -> Proposal {
    let size = size.min(w.max(h) as f32);
    let x0 = super::clamp_f32(cx - size / 2.0, 0.0, (w as f32 - size).max(0.0));
    let y0 = super::clamp_f32(cy - size / 2.0, 0.0, (h as f32 - size).max(0.0));
    Proposal {
        x0,
        y0,
        size,
        module,
        finders,
        triple: None,
    }
}
