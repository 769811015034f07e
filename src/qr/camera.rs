//! The camera path ([`DecodeOptions::fast`]): a bounded amount of work per frame, because the
//! next frame comes anyway.
//!
//! 1. Where the previous frames saw a code ([`Tracker`]): that region alone, cropped and scaled
//!    to ~4 px/module, finders found again and the grid sampled. When it reads, nothing else runs.
//! 2. The whole frame: the hybrid threshold's block levels, a finder scan of every other row
//!    thresholded on the fly (zxing scans every few rows too), and our sampler on each triple.
//! 3. Only when step 2 saw finders but read nothing: the best three proposals, cropped, upscaled
//!    and sharpened, finders again, sampler; a crop's best triple not read is sampled once more
//!    on a sharper copy of the crop. A triple's candidate sizes are ranked by their timing
//!    patterns and only the best is sampled whole. When none of them read or fit a code, the
//!    region that looks most like a code whether its finders showed or not ([`textured`]), and
//!    one more candidate in turn. No whole-frame fallbacks (rqrr, 2× frames): a frame
//!    with no finder costs one threshold pass and one scan.
//!
//! The work per frame is bounded: the crops of a frame share a pixel budget ([`CROP_BUDGET`]),
//! and a triple whose timing patterns do not show ([`MIN_TIMING`]) is neither sampled whole nor
//! given the sharper second look.
//!
//! Every sampled grid of a code found but not read is kept in the [`Tracker`] with the grids of
//! the same code in the previous frames (each frame registered by its own homography, so module
//! (x, y) is the same module in every frame); their average is decoded too — a code too small or
//! noisy for one frame can be read from several.

use super::binarize::Levels;
use super::finder::{self, Bits, Finder, Proposal};
use super::sampler;
use super::{Runner, View, FIRST_FINDERS, MAX_TRIPLES};
use crate::qr::image::Gray;

/// Where a code was seen: a square region in input pixels and its module size.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Track {
    /// Left edge of the region, input px.
    pub x: f32,
    /// Top edge of the region, input px.
    pub y: f32,
    /// Side of the region, input px.
    pub size: f32,
    /// Module size, input px.
    pub module: f32,
}

/// What one camera frame showed, for the next frame and for guidance hints.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FrameInfo {
    /// Finder patterns of the best candidate: 3 a whole triple, 2 or 1 part of a code, 0 no
    /// code in view.
    pub finders: u8,
    /// Estimated module size in input pixels, when finders were seen (under ~2 px: too far).
    pub module_px: Option<f32>,
    /// Sharpness over the candidate region: mean absolute difference of neighbouring pixels
    /// divided by the region's contrast (percentiles 5–95); a sharp code is ≳ 0.25, motion or
    /// focus blur lower.
    pub sharpness: Option<f32>,
    /// Share of the code's 2 × 2-module cells with no pixel under 230: washed out by glare (a
    /// clean code: under 0.1).
    pub saturated: Option<f32>,
    /// Frames whose samples were combined for the read (1 = this frame alone).
    pub frames_combined: u8,
    /// Where the code is, for the next frame.
    pub track: Option<Track>,
    /// What the person holding the card should do (none when a card was read, or the frame
    /// shows nothing to fix): [`FrameInfo::unread_hint`], or [`super::Hint::WrongCode`].
    pub hint: Option<super::Hint>,
}

/// At most this many frames' samples of one code are averaged.
const MAX_HISTORY: usize = 8;

/// Camera state across frames: where the code was and the samples of a code not yet read.
#[derive(Clone, Debug, Default)]
pub struct Tracker {
    track: Option<Track>,
    /// Frames since the code was last seen.
    missed: u8,
    /// Frames seen.
    pub(super) frame: u32,
    /// Per symbol size: the module values of the last frames, newest last.
    history: Vec<(usize, Vec<Grid>)>,
    /// This frame's best-fitting grid not read: its fit and region, for the next frame.
    fitted: Option<(f32, Track)>,
    /// The last grid that fitted a code: its size and corners (input px, TL, TR, BR, BL).
    last: Option<(usize, [(f32, f32); 4])>,
}

/// One frame's module values of a code, normalised by its own function patterns.
#[derive(Clone, Debug)]
struct Grid {
    frame: u32,
    /// [`fit`]'s contrast-to-noise ratio of the known modules: how well this grid sits on a code.
    quality: f32,
    /// Module values, 0 = the frame's dark level, 255 = its light level.
    values: Vec<u8>,
    /// Per module, how much the frame's value counts (0–255): low where the neighbourhood
    /// shows no contrast (washed out by glare, or in shadow).
    weights: Vec<u8>,
}

impl Tracker {
    /// A tracker with no history.
    pub fn new() -> Tracker {
        Tracker::default()
    }

    /// Where the code was last seen.
    pub fn track(&self) -> Option<Track> {
        self.track
    }

    /// Forgets everything (a new card, or after a read).
    pub fn reset(&mut self) {
        *self = Tracker::default();
    }
}

/// Module size aimed at in crops: enough for the finder scan and the sampler.
const CROP_MODULE_PX: f32 = 4.0;
/// Longest side of a crop, px.
const MAX_SIDE: f32 = 480.0;
/// Largest symbol sampled on the camera path: version 20.
const MAX_CAMERA_SIZE: usize = 17 + 4 * 20;
/// Largest module (px) of a finder pair or single worth a crop.
const MAX_LONE_MODULE: f32 = 5.0;
/// Timing-pattern score (grey levels, [`sampler::timing_score`]) below which a triple is not
/// sampled whole and a crop gets no sharper second look: on the generated frames and sequences
/// no grid read below 16, and the second look read only after a first look of 21 or more, while
/// the frames that read nothing spent half their time on triples scoring under 8.
const MIN_TIMING: f32 = 10.0;
/// Crop pixels per frame (the tracked region's and the candidates'): three and a half crops of
/// the largest side. A candidate whose crop would go over is skipped. The frames that read
/// nothing cropped up to four of the largest (the p95 of the camera path); every crop that read
/// on the generated frames and sequences came within this (at two and a half, one hard glare
/// sequence was lost to the fourth candidate: 31 → 30 of 40).
const CROP_BUDGET: f32 = 3.5 * MAX_SIDE * MAX_SIDE;

/// The camera path on the work image. Fills `info`; decoded codes go to `run.found`.
pub(super) fn decode(work: &View, run: &mut Runner, tracker: &mut Tracker, info: &mut FrameInfo) {
    tracker.frame = tracker.frame.wrapping_add(1);
    tracker.fitted = None;
    let mut seen: Option<(Proposal, u8)> = None;
    let mut budget = CROP_BUDGET;
    // 1. The region where the code was, grown by a quarter for the hand's motion.
    if let Some(t) = tracker.track {
        if run.start() {
            let size = 1.25 * t.size * work.scale;
            let p = Proposal {
                x0: (t.x + t.size / 2.0) * work.scale - size / 2.0,
                y0: (t.y + t.size / 2.0) * work.scale - size / 2.0,
                size,
                module: t.module * work.scale,
                finders: 3,
                triple: None,
            };
            let side = crop_scale(&p) * p.size;
            budget -= side * side;
            seen = read_region(work, run, &p, "track-grid", tracker);
        }
    }
    // The whole frame unless the tracked region read: skipping it while the region showed three
    // finders lost sequences that single frames read (hard sequences tracked 19 → 22 of 40).
    if run.found.is_empty() {
        seen = None;
        // 2. The whole frame, every other row.
        let levels = Levels::new(&work.img);
        let (mut finders, mut count) =
            finder::find_counted(Bits::Hybrid(&work.img, &levels), 2, FIRST_FINDERS);
        // Nothing of a code's size: every row (a finder of 1.5 px/module spans ten rows, and
        // blur leaves only a few of them with the 1:1:3:1:1 runs).
        if !finders.iter().any(|f| f.module <= MAX_LONE_MODULE) {
            (finders, count) =
                finder::find_counted(Bits::Hybrid(&work.img, &levels), 1, FIRST_FINDERS);
        }
        run.check_finders(count);
        let proposals = finder::propose(&finders, work.img.width(), work.img.height());
        if run.start() {
            for t in proposals
                .iter()
                .filter_map(|p| p.triple.as_ref())
                .take(MAX_TRIPLES)
            {
                read_triple(work, run, t, "grid", tracker, false);
                if !run.found.is_empty() {
                    break;
                }
            }
        }
        if seen.is_none() {
            seen = proposals.first().map(|p| (*p, p.finders));
        }
        // 3. The best three candidates, upscaled and sharpened (a "finder" of over 5 px/module
        // without two partners is some other square on the card). Small squares of the card's
        // text often make the first triples; on the hard frames one / two / three candidates
        // read 17 / 20 / 22 of 40 (natively).
        let candidates: Vec<&Proposal> = proposals
            .iter()
            .filter(|p| p.finders == 3 || p.module <= MAX_LONE_MODULE)
            .collect();
        // 4. While no code fits: one more candidate per frame, in turn — the later proposals,
        // then single finders the proposals left out. A card held still shows the same
        // candidates frame after frame, so a code ranked low is cropped within a few frames
        // and tracked from then on.
        let extra = more_candidates(&finders, &candidates, work);
        let turn = extra.get(tracker.frame as usize % extra.len().max(1));
        // 5. Where the frame looks most like a code, finders or not ([`textured`]): after the
        // first three, when none of them read, and not inside one of them.
        let mut k = 0;
        for slot in 0..5 {
            // Checked before the next candidate is made (the texture scan costs a pass).
            if !run.found.is_empty() || (k >= 3 && tracker.fitted.is_some_and(|f| f.0 >= TRACK_FIT))
            {
                break;
            }
            let p = match slot {
                0..=2 => candidates.get(slot).map(|p| **p),
                3 => textured(&work.img).filter(|t| {
                    let (x, y) = (t.x0 + t.size / 2.0, t.y0 + t.size / 2.0);
                    !candidates
                        .iter()
                        .take(3)
                        .any(|p| x >= p.x0 && x <= p.x0 + p.size && y >= p.y0 && y <= p.y0 + p.size)
                }),
                _ => turn.copied(),
            };
            let Some(p) = p else {
                continue;
            };
            k += 1;
            let p = &p;
            let side = crop_scale(p) * p.size;
            if side * side > budget {
                continue;
            }
            budget -= side * side;
            if !run.start() {
                break;
            }
            // The texture candidate is a guess: what it shows stands for the frame's code (in
            // the hints, and tracked) only when it shows a whole triple.
            let texture = p.finders == 0;
            let name = if texture { "texture-grid" } else { "crop-grid" };
            if let Some(q) = read_region(work, run, p, name, tracker) {
                if (!texture || q.1 == 3) && q.1 >= seen.map_or(0, |s| s.1) {
                    seen = Some(q);
                }
            }
        }
    }
    // A grid that fits a code well but was not read: that is where the code is.
    let fitted = tracker
        .fitted
        .filter(|f| f.0 >= TRACK_FIT && run.found.is_empty());
    if let Some((_, t)) = fitted {
        let p = Proposal {
            x0: t.x * work.scale,
            y0: t.y * work.scale,
            size: t.size * work.scale,
            module: t.module * work.scale,
            finders: 3,
            triple: None,
        };
        seen = Some((p, 3));
    }
    // What the frame showed: the code read, else the best candidate.
    if let Some(code) = run.found.first() {
        let c = code.corners;
        let n = 17.0 + 4.0 * f32::from(code.version);
        let side = (c[1].x - c[0].x).hypot(c[1].y - c[0].y);
        let m = side / n * work.scale;
        let xs = c.map(|p| p.x * work.scale);
        let ys = c.map(|p| p.y * work.scale);
        let (x0, x1) = (
            xs.iter().copied().fold(f32::MAX, f32::min),
            xs.iter().copied().fold(f32::MIN, f32::max),
        );
        let (y0, y1) = (
            ys.iter().copied().fold(f32::MAX, f32::min),
            ys.iter().copied().fold(f32::MIN, f32::max),
        );
        let size = (x1 - x0).max(y1 - y0) + 16.0 * m;
        let p = Proposal {
            x0: (x0 + x1) / 2.0 - size / 2.0,
            y0: (y0 + y1) / 2.0 - size / 2.0,
            size,
            module: m,
            finders: 3,
            triple: None,
        };
        seen = Some((p, 3));
    }
    let Some((p, finders)) = seen else {
        tracker.missed = tracker.missed.saturating_add(1);
        if tracker.missed > 3 {
            tracker.reset();
        }
        return;
    };
    tracker.missed = 0;
    info.finders = finders;
    info.module_px = Some(p.module / work.scale);
    let (sharpness, saturated) = region_signals(&work.img, &p);
    info.sharpness = sharpness;
    info.saturated = saturated;
    // Tracked: a code read, or three finders (one or two are often other squares on the card).
    if finders == 3 || !run.found.is_empty() {
        let track = Track {
            x: p.x0 / work.scale,
            y: p.y0 / work.scale,
            size: p.size / work.scale,
            module: p.module / work.scale,
        };
        tracker.track = Some(track);
        info.track = Some(track);
    }
}

/// A grid whose known modules fit at least this well ([`fit`]) is taken for the code: the
/// camera tracks it and looks no further for candidates in that frame.
const TRACK_FIT: f32 = 2.0;

/// Grids fitting their known modules at least this well are re-registered (other squares of
/// the card fit under 1).
const REFINE_FIT: f32 = 1.0;

/// Candidates after the first three: the later proposals (triples, or pairs and singles of
/// small modules), then a region around each small finder not inside one of the first three.
fn more_candidates(finders: &[Finder], first: &[&Proposal], work: &View) -> Vec<Proposal> {
    let inside = |x: f32, y: f32, p: &Proposal| {
        x >= p.x0 && x <= p.x0 + p.size && y >= p.y0 && y <= p.y0 + p.size
    };
    let mut out: Vec<Proposal> = first.iter().skip(3).map(|p| **p).collect();
    for f in finders.iter().filter(|f| f.module <= MAX_LONE_MODULE) {
        if first.iter().take(3).any(|p| inside(f.x, f.y, p))
            || out.iter().any(|p| inside(f.x, f.y, p) && p.finders == 1)
        {
            continue;
        }
        let size = (110.0 * f.module).min(work.img.width().max(work.img.height()) as f32);
        out.push(Proposal {
            x0: super::clamp_f32(
                f.x - size / 2.0,
                0.0,
                (work.img.width() as f32 - size).max(0.0),
            ),
            y0: super::clamp_f32(
                f.y - size / 2.0,
                0.0,
                (work.img.height() as f32 - size).max(0.0),
            ),
            size,
            module: f.module,
            finders: 1,
            triple: None,
        });
    }
    out
}

/// Side of [`textured`]'s cells, px.
const CELL: usize = 8;
/// Cells a side of [`textured`]'s window: inside the smallest code it looks for (~45 modules of
/// ~1.3 px).
const WINDOW: usize = 6;

/// The region where the frame looks most like a small code, whether or not its finders showed:
/// a square of [`WINDOW`] × [`WINDOW`] cells each both darker than the card (a code is about half
/// dark modules; the card's text and guilloché are mostly light) and busy with edges both ways
/// (the card's photo is dark but smooth), scored by the weaker of the two. Every other row.
fn textured(img: &Gray) -> Option<Proposal> {
    let (cw, ch) = (img.width() / CELL, img.height() / CELL);
    if cw < WINDOW || ch < WINDOW {
        return None;
    }
    // Per cell: sum of values, of horizontal and of vertical differences, on every other row.
    let mut cells = vec![(0u32, 0u32, 0u32); cw * ch];
    for y in (0..ch * CELL).step_by(2) {
        let (row, next) = (img.row(y), img.row(y + 1));
        let Some(line) = cells.get_mut((y / CELL) * cw..(y / CELL + 1) * cw) else {
            continue;
        };
        for (cx, c) in line.iter_mut().enumerate() {
            let x = cx * CELL;
            let (Some(a), Some(b)) = (
                row.get(x..(x + CELL + 1).min(row.len())),
                next.get(x..x + CELL),
            ) else {
                continue;
            };
            let (mut sum, mut dx, mut dy) = (0u32, 0u32, 0u32);
            for (i, (&p, &q)) in a.iter().zip(b.iter()).enumerate() {
                sum += u32::from(p);
                dy += u32::from(p.abs_diff(q));
                dx += u32::from(a.get(i + 1).map_or(0, |r| p.abs_diff(*r)));
            }
            c.0 += sum;
            c.1 += dx;
            c.2 += dy;
        }
    }
    let n = (CELL * CELL / 2) as u32;
    // The card's light level: the brightest cells (90th percentile of the cell means).
    let mut hist = [0u32; 256];
    for c in &cells {
        if let Some(h) = hist.get_mut((c.0 / n).min(255) as usize) {
            *h += 1;
        }
    }
    let (mut acc, mut light) = (0usize, 255u32);
    for (v, &k) in hist.iter().enumerate().rev() {
        acc += k as usize;
        if 10 * acc >= cells.len() {
            light = v as u32;
            break;
        }
    }
    // Per cell: the weaker of its darkness under the card and its edge activity, in grey levels.
    let score: Vec<u32> = cells
        .iter()
        .map(|c| {
            let dark = light.saturating_sub(c.0 / n);
            let edges = 2 * c.1.min(c.2) / n;
            dark.min(edges)
        })
        .collect();
    // Window sums from the running sums of the cell scores (row-major, one extra row and column).
    let mut sums = vec![0u32; (cw + 1) * (ch + 1)];
    for y in 0..ch {
        let mut run = 0u32;
        for x in 0..cw {
            run += score.get(y * cw + x).copied().unwrap_or(0);
            let above = sums.get(y * (cw + 1) + x + 1).copied().unwrap_or(0);
            if let Some(v) = sums.get_mut((y + 1) * (cw + 1) + x + 1) {
                *v = above + run;
            }
        }
    }
    let at_sum = |x: usize, y: usize| sums.get(y * (cw + 1) + x).copied().unwrap_or(0);
    let (mut best, mut at) = (0u32, (0usize, 0usize));
    for y in 0..=ch - WINDOW {
        for x in 0..=cw - WINDOW {
            let s = (at_sum(x + WINDOW, y + WINDOW) + at_sum(x, y))
                .saturating_sub(at_sum(x + WINDOW, y) + at_sum(x, y + WINDOW));
            if s > best {
                (best, at) = (s, (x, y));
            }
        }
    }
    // Some contrast in every cell on average: a code, not a smooth or blank frame.
    if best < (WINDOW * WINDOW) as u32 * TEXTURE_MIN {
        return None;
    }
    let module = 1.8;
    let size = (TEXTURE_SIDE * module).min(img.width().min(img.height()) as f32);
    let (cx, cy) = (
        ((at.0 * 2 + WINDOW) * CELL / 2) as f32,
        ((at.1 * 2 + WINDOW) * CELL / 2) as f32,
    );
    Some(Proposal {
        x0: super::clamp_f32(cx - size / 2.0, 0.0, (img.width() as f32 - size).max(0.0)),
        y0: super::clamp_f32(cy - size / 2.0, 0.0, (img.height() as f32 - size).max(0.0)),
        size,
        module,
        finders: 0,
        triple: None,
    })
}

/// A [`textured`] window's least mean cell score (grey levels).
const TEXTURE_MIN: u32 = 6;
/// [`textured`]'s crop: this many modules of ~1.8 px a side (a version-10 code and its margin).
const TEXTURE_SIDE: f32 = 90.0;

/// The upscale of a proposal's crop: ~[`CROP_MODULE_PX`] px/module, at most [`MAX_SIDE`] a side.
fn crop_scale(p: &Proposal) -> f32 {
    (CROP_MODULE_PX / p.module.max(0.5))
        .clamp(1.0, 3.0)
        .min(MAX_SIDE / p.size.max(1.0))
        .max(0.25)
}

/// The proposal's region cropped at ~[`CROP_MODULE_PX`] px/module (sharpened when upscaled),
/// finders found again there and every triple sampled. Returns the region (work px) of the best
/// finder group seen and its finder count.
pub(super) fn read_region(
    work: &View,
    run: &mut Runner,
    p: &Proposal,
    name: &'static str,
    tracker: &mut Tracker,
) -> Option<(Proposal, u8)> {
    let scale = crop_scale(p);
    let raw = work.img.crop_scaled(p.x0, p.y0, p.size, p.size, scale);
    let radius = scale.round() as usize;
    // A strong unsharp mask (amount 4, radius ≈ the upscale factor) restores the module
    // edges that ~1 px of blur at 1.5–2.4 px/module merges: on the generated frames amounts
    // 1 / 2 / 4 / 6 read 89 / 92 / 95 / 96 of 120, and 11 / 15 / 18 / 19 of the 40 hard
    // sequences (another seed) from their best frame.
    let img = if scale >= 1.5 {
        raw.unsharp(radius, 4.0)
    } else {
        raw.clone()
    };
    let mut view = View {
        img,
        x0: p.x0 / work.scale,
        y0: p.y0 / work.scale,
        scale: work.scale * scale,
    };
    // The first triple's timing score: the sharper look below is for that triple.
    let mut first = None;
    let levels = Levels::new(&view.img);
    let (finders, count) = finder::find_counted(Bits::Hybrid(&view.img, &levels), 1, FIRST_FINDERS);
    if count > super::MAX_FINDERS {
        return None;
    }
    let props = finder::propose(&finders, view.img.width(), view.img.height());
    for t in props
        .iter()
        .filter_map(|q| q.triple.as_ref())
        .take(MAX_TRIPLES)
    {
        let score = read_triple(&view, run, t, name, tracker, true);
        first.get_or_insert(score);
        if !run.found.is_empty() {
            break;
        }
    }
    // The best triple found but not read: once more on a sharper crop (radius + 1, amount 8),
    // with the same finder centres, when its timing patterns showed. With the true geometry,
    // the hard frames' module errors drop by about a third from the first sharpening to this one.
    if let (true, true, true, Some(t)) = (
        run.found.is_empty(),
        scale >= 1.5,
        first.is_some_and(|s| s >= MIN_TIMING),
        props.iter().find_map(|q| q.triple.as_ref()),
    ) {
        view.img = raw.unsharp(radius + 1, 8.0);
        read_triple(&view, run, t, name, tracker, true);
    }
    // No triple that fits a code: the last frames' code where it should be.
    if run.found.is_empty() && tracker.fitted.is_none_or(|f| f.0 < TRACK_FIT) {
        if let Some((h, size)) = predicted(&view, tracker) {
            read_transform(&view, run, name, tracker, h, size);
        }
    }
    let best = props.first()?;
    // Back to work-image pixels.
    let to_work = work.scale / view.scale;
    Some((
        Proposal {
            x0: (view.x0 * work.scale) + best.x0 * to_work,
            y0: (view.y0 * work.scale) + best.y0 * to_work,
            size: best.size * to_work,
            module: best.module * to_work,
            finders: best.finders,
            triple: None,
        },
        best.finders,
    ))
}

/// Our sampler on one finder triple of `view`: its candidate sizes (the estimate first) ranked,
/// and the best sampled whole when its timing patterns score at least [`MIN_TIMING`] (or its
/// version blocks match); the samples are also combined with those of the previous frames.
/// Returns the best ranking score (the timing score, or 1000 × the version blocks' match).
///
/// `in_crop`, for a triple not seen at an angle ([`skewed`]): the sizes are ranked through the
/// three finders' affine map, and the alignment pattern is searched only for the size sampled.
/// The timing patterns and version blocks lie between the finders, where the alignment pattern
/// barely moves the grid of a code seen square-on, and that search (a few hundred positions per
/// size) was a third of a crop's time on the frames that read nothing. On the whole frame, and
/// for a skewed triple, the full transform ranks: a code seen at an angle drifts out of phase
/// along an affine timing pattern (zxing photos `qrcode-1/1`, `qrcode-3/01`, `3/09`, `5/01` in
/// fast mode read only so).
fn read_triple(
    view: &View,
    run: &mut Runner,
    t: &[Finder; 3],
    name: &'static str,
    tracker: &mut Tracker,
    in_crop: bool,
) -> f32 {
    let triple = [&t[0], &t[1], &t[2]];
    let mut sizes = sampler::candidate_sizes(triple);
    // A camera frame of a card: versions up to 20 (CCCD payloads fit in 10); a larger guess is
    // a triple of unrelated squares, and sampling it would cost up to 30,000 modules.
    sizes.retain(|&s| s <= MAX_CAMERA_SIZE);
    // The estimate and one version either side (the still path tries two): the same reads on
    // the generated frames and sequences, a third less sampling on frames that read nothing.
    sizes.truncate(3);
    // The sizes in order of how well their timing patterns show (the estimate from blurred
    // finders is often a version off), and only the best sampled whole.
    let affine = in_crop && !skewed(triple);
    let mut alignment = None;
    let mut ranked: Vec<(f32, usize, sampler::Homography)> = sizes
        .iter()
        .filter_map(|&size| {
            let h = if affine {
                sampler::affine_for(triple, size)?
            } else {
                sampler::transform_for(&view.img, triple, size, &mut alignment)?
            };
            // A version 7+ code's version blocks say which size it is (ISO/IEC 18004 §7.10):
            // at 1.5–2 px/module they show where the timing patterns' alternation is blurred
            // away. A size whose blocks match well goes first, the rest by timing.
            let key = match version_match(&view.img, &h, size) {
                Some(c) if c >= VERSION_MATCH => -1000.0 * c,
                _ => -sampler::timing_score(&view.img, &h, size),
            };
            Some((key, size, h))
        })
        .collect();
    // At most three: a bubble pass each (a generic sort links several KB into the wasm).
    for _ in 0..ranked.len() {
        for i in 1..ranked.len() {
            if ranked.get(i - 1).map(|r| r.0) > ranked.get(i).map(|r| r.0) {
                ranked.swap(i - 1, i);
            }
        }
    }
    let Some(&(key, size, h)) = ranked.first() else {
        return 0.0;
    };
    if -key >= MIN_TIMING {
        let h = if affine {
            sampler::transform_for(&view.img, triple, size, &mut alignment)
        } else {
            Some(h)
        };
        if let Some(h) = h {
            read_transform(view, run, name, tracker, h, size);
        }
    }
    -key
}

/// A triple seen at an angle: the finders' two sides differ by over an eighth. On the hard
/// generated frames 9 in 10 crop triples differ by under 9 %; zxing photos whose affine timing
/// did not show, 16–43 %.
fn skewed(t: [&Finder; 3]) -> bool {
    let [tl, tr, bl] = sampler::orient(t);
    let a = (tr.0 - tl.0).hypot(tr.1 - tl.1);
    let b = (bl.0 - tl.0).hypot(bl.1 - tl.1);
    8.0 * a.max(b) > 9.0 * a.min(b)
}

/// Samples the grid of a `size`-module code through `h` and decodes it; then re-registered
/// ([`super::register`]); then the better-fitting grid combined with the previous frames'.
/// True when a code was read.
fn read_transform(
    view: &View,
    run: &mut Runner,
    name: &'static str,
    tracker: &mut Tracker,
    h: sampler::Homography,
    size: usize,
) -> bool {
    let sampled = sampler::sample_grid(&view.img, h, size);
    if run.read_grid(name, view, &sampled) || read_equalized(run, name, view, &sampled) {
        tracker.history.clear();
        return true;
    }
    let mut fitted = fit(&sampled);
    let mut sampled = sampled;
    let refined = (fitted.2 >= REFINE_FIT)
        .then(|| super::register::refine(&view.img, &h, size, 4))
        .flatten();
    if let Some(r) = refined {
        let moved = sampler::sample_grid(&view.img, r, size);
        if run.read_grid(name, view, &moved) || read_equalized(run, name, view, &moved) {
            tracker.history.clear();
            return true;
        }
        let f = fit(&moved);
        if f.2 > fitted.2 {
            (sampled, fitted) = (moved, f);
        }
    }
    // Combine with the previous frames' samples at this size.
    if tracker.fitted.is_none_or(|f| f.0 < fitted.2) {
        tracker.fitted = Some((fitted.2, region(view, &sampled)));
        if fitted.2 >= TRACK_FIT {
            let c = sampled
                .corners()
                .map(|(x, y)| (view.x0 + x / view.scale, view.y0 + y / view.scale));
            tracker.last = Some((size, c));
        }
    }
    if remember(tracker, &sampled, fitted) {
        if let Some((values, n)) = combine(tracker, size) {
            let grid = sampler::Sampled {
                size,
                values,
                transform: sampled.transform,
            };
            if run.read_grid("multi-frame-grid", view, &grid)
                || read_equalized(run, "multi-frame-grid", view, &grid)
            {
                run.combined = n;
                tracker.history.clear();
                return true;
            }
        }
    }
    false
}

/// Where the last frames' code should be in `view`, when its finders were not all found: the
/// previous grid's corners, each finder and the alignment pattern searched for up to two
/// modules around them ([`super::register`]). A hand moves a card a module or two between
/// frames; the grid is registered on the function patterns it must show.
fn predicted(view: &View, tracker: &Tracker) -> Option<(sampler::Homography, usize)> {
    let (size, c) = tracker.last?;
    let (w, h) = (view.img.width() as f32, view.img.height() as f32);
    let c = c.map(|(x, y)| ((x - view.x0) * view.scale, (y - view.y0) * view.scale));
    if c.iter().any(|&(x, y)| x < 0.0 || y < 0.0 || x > w || y > h) {
        return None;
    }
    let s = size as f32;
    let [tl, tr, br, bl] = c;
    let prev = sampler::Homography::from_points(
        [(0.0, 0.0), (s, 0.0), (s, s), (0.0, s)],
        [tl, tr, br, bl],
    )?;
    Some((super::register::refine(&view.img, &prev, size, 8)?, size))
}

/// The grid equalised ([`super::equalize`]) and decoded; true when a code was read.
fn read_equalized(
    run: &mut Runner,
    name: &'static str,
    view: &View,
    sampled: &sampler::Sampled,
) -> bool {
    super::equalize::equalize(sampled).is_some_and(|bits| run.read_bits(name, view, sampled, &bits))
}

/// A version-block correlation at or above this picks the size.
const VERSION_MATCH: f32 = 0.4;

/// How well the two version blocks of a `size`-module symbol (version 7 and up) seen through
/// `h` match that version's code: the correlation (−1 to 1) of the 36 sampled values with the
/// code's light (+1) and dark (−1) modules.
fn version_match(img: &Gray, h: &sampler::Homography, size: usize) -> Option<f32> {
    let version = u32::try_from(size.checked_sub(17)? / 4).ok()?;
    if version < 7 {
        return None;
    }
    let code = (version << 12) | super::symbol::bch(version, 12, 0x1F25);
    let (mut xs, mut es) = ([0f32; 36], [0f32; 36]);
    for i in 0..18usize {
        let light = if (code >> i) & 1 == 1 { -1.0 } else { 1.0 };
        let (a, b) = ((i / 3) as f32 + 0.5, (size - 11 + i % 3) as f32 + 0.5);
        for (k, (x, y)) in [(a, b), (b, a)].into_iter().enumerate() {
            if let (Some(v), Some(e)) = (xs.get_mut(2 * i + k), es.get_mut(2 * i + k)) {
                *v = img.sample_at(h.map(x, y));
                *e = light;
            }
        }
    }
    let mean = xs.iter().sum::<f32>() / 36.0;
    let (mut dot, mut sq) = (0.0f32, 0.0f32);
    for (v, e) in xs.iter().zip(es.iter()) {
        dot += (v - mean) * e;
        sq += (v - mean) * (v - mean);
    }
    Some(dot / (sq.sqrt() * 6.0).max(1e-3))
}

/// The square region (input px) around a sampled grid's code with 8 modules of margin.
fn region(view: &View, sampled: &sampler::Sampled) -> Track {
    let c = sampled
        .corners()
        .map(|(x, y)| (view.x0 + x / view.scale, view.y0 + y / view.scale));
    let (mut x0, mut x1, mut y0, mut y1) = (f32::MAX, f32::MIN, f32::MAX, f32::MIN);
    for (x, y) in c {
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    let [a, b, ..] = c;
    let module = (b.0 - a.0).hypot(b.1 - a.1) / sampled.size as f32;
    let size = (x1 - x0).max(y1 - y0) + 16.0 * module;
    Track {
        x: (x0 + x1 - size) / 2.0,
        y: (y0 + y1 - size) / 2.0,
        size,
        module,
    }
}

/// The dark and light levels of a sampled grid on its known modules, and their contrast over
/// the spread around them (a grid on the code: ≳ 3; on other squares of the card: ≲ 1.5).
fn fit(sampled: &sampler::Sampled) -> (f32, f32, f32) {
    let size = sampled.size;
    let (mut sum, mut sq, mut n) = ([0f32; 2], [0f32; 2], [0f32; 2]);
    for (x, y, dark) in super::equalize::known_modules(size) {
        let v = f32::from(sampled.values.get(y * size + x).copied().unwrap_or(255));
        let k = usize::from(dark);
        if let (Some(s), Some(q), Some(c)) = (sum.get_mut(k), sq.get_mut(k), n.get_mut(k)) {
            *s += v;
            *q += v * v;
            *c += 1.0;
        }
    }
    let at = |a: &[f32; 2], k: usize| a.get(k).copied().unwrap_or(0.0);
    let mean = |k: usize| at(&sum, k) / at(&n, k).max(1.0);
    let var = |k: usize| (at(&sq, k) / at(&n, k).max(1.0) - mean(k) * mean(k)).max(0.0);
    let (light, dark) = (mean(0), mean(1));
    let spread = ((var(0) + var(1)) / 2.0).sqrt();
    (dark, light, (light - dark) / (spread + 4.0))
}

/// Keeps this frame's grid at its size, normalised to its own dark and light levels (light and
/// glare change between frames); within one frame the best-fitting grid is kept. True when
/// other frames' grids are held too.
fn remember(tracker: &mut Tracker, sampled: &sampler::Sampled, fitted: (f32, f32, f32)) -> bool {
    let size = sampled.size;
    let (dark, light, quality) = fitted;
    if light - dark < 8.0 {
        return false;
    }
    let values: Vec<u8> = sampled
        .values
        .iter()
        .map(|&v| {
            let t = (f32::from(v) - dark) * 255.0 / (light - dark);
            super::clamp_f32(t, 0.0, 255.0) as u8
        })
        .collect();
    // The range of values over each module's 5 × 5 neighbourhood: a full range where the code
    // shows, little where glare washes it out.
    let weights = (0..size * size)
        .map(|i| {
            let (x, y) = (i % size, i / size);
            let (mut lo, mut hi) = (255u8, 0u8);
            for yy in y.saturating_sub(2)..(y + 3).min(size) {
                for xx in x.saturating_sub(2)..(x + 3).min(size) {
                    let v = values.get(yy * size + xx).copied().unwrap_or(255);
                    lo = lo.min(v);
                    hi = hi.max(v);
                }
            }
            let r = u32::from(hi - lo);
            u8::try_from(r * r / 255).unwrap_or(255).max(4)
        })
        .collect();
    let grid = Grid {
        frame: tracker.frame,
        quality,
        values,
        weights,
    };
    let slot = match tracker.history.iter().position(|h| h.0 == size) {
        Some(i) => i,
        None => {
            tracker.history.push((size, Vec::new()));
            tracker.history.len() - 1
        }
    };
    let Some((_, frames)) = tracker.history.get_mut(slot) else {
        return false;
    };
    match frames.last_mut() {
        Some(last) if last.frame == tracker.frame => {
            if quality > last.quality {
                *last = grid;
            }
        }
        _ => frames.push(grid),
    }
    if frames.len() > MAX_HISTORY {
        frames.remove(0);
    }
    frames.len() >= 2
}

/// The average of the remembered grids at `size` that fit a code ([`REFINE_FIT`]: a frame
/// whose triple was some other squares of the card fits far worse; a glared frame's fit drops
/// yet its unglared modules count), and how many frames that is.
fn combine(tracker: &Tracker, size: usize) -> Option<(Vec<u8>, u8)> {
    let (_, frames) = tracker.history.iter().find(|h| h.0 == size)?;
    let mut used: Vec<&Grid> = frames.iter().filter(|g| g.quality >= REFINE_FIT).collect();
    if used.len() < 2 {
        return None;
    }
    // A frame whose grid slipped (a finder or the alignment pattern misplaced) fits its known
    // modules yet disagrees with the others: left out when under 3/4 of its modules agree
    // with the average.
    if used.len() >= 3 {
        let mean = average(&used, size);
        used.retain(|g| {
            let agree = g
                .values
                .iter()
                .zip(mean.iter())
                .filter(|(a, b)| (**a < 128) == (**b < 128))
                .count();
            4 * agree >= 3 * size * size
        });
        if used.len() < 2 {
            return None;
        }
    }
    Some((
        average(&used, size),
        u8::try_from(used.len()).unwrap_or(u8::MAX),
    ))
}

/// The grids' module values averaged, each module weighted by its local contrast in its frame.
fn average(used: &[&Grid], size: usize) -> Vec<u8> {
    (0..size * size)
        .map(|i| {
            let (mut s, mut total) = (0f32, 0f32);
            for g in used {
                let w = f32::from(g.weights.get(i).copied().unwrap_or(0));
                s += w * f32::from(g.values.get(i).copied().unwrap_or(255));
                total += w;
            }
            (s / total.max(1e-3) + 0.5) as u8
        })
        .collect()
}

/// Sharpness and washed-out share over the code inside a proposal's region (work px): the disc
/// the code surely covers, in cells of 2 × 2 modules sampled every half module.
fn region_signals(img: &Gray, p: &Proposal) -> (Option<f32>, Option<f32>) {
    let m = p.module.max(1.0);
    let margin = if p.size > 26.0 * m { 8.0 * m } else { 0.0 };
    let x0 = (p.x0 + margin).max(0.0) as usize;
    let y0 = (p.y0 + margin).max(0.0) as usize;
    let x1 = ((p.x0 + p.size - margin) as usize).min(img.width().saturating_sub(1));
    let y1 = ((p.y0 + p.size - margin) as usize).min(img.height().saturating_sub(1));
    let cell = (2.0 * m).max(2.0) as usize;
    // Every half module, at most ~96 samples across.
    let step = (m / 2.0).max((p.size - 2.0 * margin) / 96.0).max(1.0) as usize;
    let mut hist = [0u32; 256];
    let (mut diff, mut n, mut cells, mut washed) = (0u64, 0u64, 0u32, 0u32);
    // Cells whose centre is inside the circle the code's square surely covers at any rotation:
    // its side is about (size − 16 modules) / √2 + 7 modules.
    let (ccx, ccy) = (p.x0 + p.size / 2.0, p.y0 + p.size / 2.0);
    let radius = if margin > 0.0 {
        0.45 * ((p.size - 2.0 * margin) * core::f32::consts::FRAC_1_SQRT_2 + 7.0 * m)
    } else {
        p.size
    };
    for cy in (y0..y1).step_by(cell) {
        for cx in (x0..x1).step_by(cell) {
            let half = cell as f32 / 2.0;
            if (cx as f32 + half - ccx).hypot(cy as f32 + half - ccy) > radius {
                continue;
            }
            let mut lo = 255u8;
            for y in (cy..(cy + cell).min(y1)).step_by(step) {
                let row = img.row(y);
                for x in (cx..(cx + cell).min(x1)).step_by(step) {
                    let (Some(&a), Some(&b)) = (row.get(x), row.get(x + 1)) else {
                        continue;
                    };
                    if let Some(h) = hist.get_mut(usize::from(a)) {
                        *h += 1;
                    }
                    diff += u64::from(a.abs_diff(b));
                    lo = lo.min(a);
                    n += 1;
                }
            }
            cells += 1;
            washed += u32::from(lo >= 230);
        }
    }
    if n < 16 || cells == 0 {
        return (None, None);
    }
    let pct = |q: u64| {
        let mut acc = 0u64;
        for (v, &c) in hist.iter().enumerate() {
            acc += u64::from(c);
            if acc * 100 >= q * n {
                return v as f32;
            }
        }
        255.0
    };
    let contrast = (pct(95) - pct(5)).max(1.0);
    // Neighbouring pixels differ by about contrast / (module px) across module edges.
    let sharp = diff as f32 / n as f32 / contrast * m;
    (Some(sharp), Some(washed as f32 / cells as f32))
}

/// Diagnostics: module errors (by `errors`) of each remembered grid at `size` thresholded as
/// [`sampler::Sampled::bits`] does and equalised, then of their combination.
#[cfg(all(test, feature = "image-files"))]
#[allow(clippy::unwrap_used)]
pub(super) fn history_errors(
    tracker: &Tracker,
    size: usize,
    errors: &dyn Fn(&[bool]) -> usize,
) -> Vec<String> {
    let Some((_, frames)) = tracker.history.iter().find(|h| h.0 == size) else {
        return vec![];
    };
    let as_sampled = |values: Vec<u8>| sampler::Sampled {
        size,
        values,
        transform: sampler::Homography::from_points(
            [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)],
            [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)],
        )
        .unwrap(),
    };
    let mut out: Vec<String> = frames
        .iter()
        .map(|g| {
            let s = as_sampled(g.values.clone());
            format!(
                "f{} q{:.1} e{}/{}",
                g.frame,
                g.quality,
                errors(&s.bits(4, 0)),
                super::equalize::equalize(&s).map_or(9999, |b| errors(&b))
            )
        })
        .collect();
    if let Some((values, k)) = combine(tracker, size) {
        let s = as_sampled(values);
        out.push(format!(
            "combined {k}: e{}/{}",
            errors(&s.bits(4, 0)),
            super::equalize::equalize(&s).map_or(9999, |b| errors(&b))
        ));
    }
    out
}

#[cfg(all(test, feature = "image-files"))]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::qr::{decode_frame, decode_image_file, DecodeOptions};

    /// easy-000 with the data modules of the code's upper middle painted light (too much for
    /// error correction); with `wipe_timing`, its timing patterns (row and column 6) and version
    /// blocks too.
    fn damaged(wipe_timing: bool) -> Gray {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/frames");
        let img =
            decode_image_file(&std::fs::read(format!("{dir}/easy-000.jpg")).unwrap()).unwrap();
        let (codes, _) = decode_frame(
            &img,
            &DecodeOptions::fast(),
            &mut Tracker::new(),
            &mut |_| {},
        );
        let code = codes.unwrap().remove(0);
        let n = 17.0 + 4.0 * f32::from(code.version);
        let [tl, tr, _, bl] = code.corners;
        // Module (u, v) → input px, over the symbol's two edges.
        let at = |u: f32, v: f32| {
            let (s, t) = (u / n, v / n);
            (
                tl.x + s * (tr.x - tl.x) + t * (bl.x - tl.x),
                tl.y + s * (tr.y - tl.y) + t * (bl.y - tl.y),
            )
        };
        let light = |u: f32, v: f32| {
            let data = (9.0..n - 9.0).contains(&u) && (9.0..n / 2.0).contains(&v);
            let row6 = (8.0..n - 8.0).contains(&u) && (6.0..7.0).contains(&v);
            let col6 = (8.0..n - 8.0).contains(&v) && (6.0..7.0).contains(&u);
            // The version blocks too (version 7+): they alone rank a size first (`version_match`).
            let version = ((n - 11.0..n - 8.0).contains(&u) && (0.0..6.0).contains(&v))
                || ((0.0..6.0).contains(&u) && (n - 11.0..n - 8.0).contains(&v));
            data || (wipe_timing && (row6 || col6 || version))
        };
        let (w, h) = (img.width(), img.height());
        let mut px = img.pixels().to_vec();
        // Every pixel of the module grid (sampled finer than a pixel), painted when its module is.
        for j in 0..(8.0 * n) as usize {
            for i in 0..(8.0 * n) as usize {
                let (u, v) = (i as f32 / 8.0, j as f32 / 8.0);
                if light(u.floor(), v.floor()) {
                    let (x, y) = at(u, v);
                    px[y as usize * w + x as usize] = 235;
                }
            }
        }
        Gray::from_strided(w, h, w, &px).unwrap()
    }

    #[test]
    fn a_triple_whose_timing_patterns_do_not_show_is_not_sampled() {
        // Timing patterns intact: the grid is sampled (not read) and kept for the next frames.
        let mut tracker = Tracker::new();
        let (codes, _) = decode_frame(
            &damaged(false),
            &DecodeOptions::fast(),
            &mut tracker,
            &mut |_| {},
        );
        assert_eq!(codes.unwrap(), vec![]);
        assert_eq!(tracker.history.len(), 1);
        // `fitted` is set by every grid sampled in the frame (`read_transform`).
        assert!(tracker.fitted.is_some());
        // Wiped: the finders are there, but no size of the triple shows a timing pattern (nor
        // version blocks that would rank it first).
        let mut tracker = Tracker::new();
        let (codes, _) = decode_frame(
            &damaged(true),
            &DecodeOptions::fast(),
            &mut tracker,
            &mut |_| {},
        );
        assert_eq!(codes.unwrap(), vec![]);
        assert!(tracker.fitted.is_none(), "a grid was sampled");
        assert!(tracker.history.is_empty(), "{:?}", tracker.history.len());
    }
}
