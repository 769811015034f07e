//! Pixels → QR codes: our front end around the `rqrr` decoder.
//!
//! rqrr (a quirc port) reads clean, large codes well but fails on camera frames where a module
//! is 1.5–3 px, and its own row-wise threshold is weak (`shared/reference/qr-landscape.md`).
//! So we prepare the bitmaps it sees: cheap finder-pattern proposals first, each cropped,
//! upscaled to ~7 px/module, sharpened and thresholded several ways; then whole-image
//! fallbacks (rqrr's own threshold, a block-hybrid threshold, Otsu, 2× upscale, inversion).
//! Attempts run in a fixed order within a budget and stop at the first that decodes.

#![allow(
    // Float → integer `as` casts saturate in Rust (no UB, no panic); pixel coordinates are
    // clamped before use, so truncation is the intended rounding here.
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_precision_loss
)]

pub(crate) mod binarize;
mod camera;
#[cfg(all(test, feature = "image-files"))]
mod diag;
mod equalize;
#[cfg(feature = "image-files")]
pub(crate) mod files;
pub(crate) mod finder;
mod hint;
pub(crate) mod image;
#[cfg(feature = "image-files")]
mod png;
mod register;
mod sampler;
#[cfg(feature = "shift-jis")]
mod sjis;
mod symbol;

use serde::Serialize;

use crate::wire::{ts_union, wire_struct};

use self::binarize::Bitmap;
pub use self::camera::{FrameInfo, Track, Tracker};
#[cfg(feature = "image-files")]
pub use self::files::decode_image_file;
use self::finder::Proposal;
pub use self::hint::{Hint, BLUR_SHARPNESS, GLARE_SATURATED, MOVE_CLOSER_MODULE_PX};
#[doc(hidden)]
pub use self::hint::{HintInfo, HINTS};
pub use self::image::Gray;
use crate::error::Error;

/// Largest image accepted, in pixels (a 16 MP photo). Larger inputs are rejected rather than
/// risking seconds of work or running out of memory in a browser tab.
pub const MAX_IMAGE_PIXELS: usize = 16_777_216;
/// The largest image file (PNG/JPEG bytes) accepted, 64 MiB; its pixels are limited by
/// [`MAX_IMAGE_PIXELS`].
pub const MAX_IMAGE_FILE_BYTES: usize = 64 << 20;
/// Longest side decoded at full resolution; larger images are halved until they fit.
const WORK_SIDE: usize = 1600;
/// Target module size on crops, in pixels: enough for rqrr's one-pixel sampler.
const CROP_PX_PER_MODULE: f32 = 7.0;
/// Module size of the first, cheapest read of a crop.
const FIRST_PX_PER_MODULE: f32 = 4.5;
/// Largest side of an upscaled crop.
const MAX_CROP_SIDE: f32 = 1100.0;

wire_struct! {
    /// A point in image pixels.
    #[ts = "Point"]
    #[derive(Clone, Copy, Debug, PartialEq)]
    pub struct Point {
        /// x, in pixels from the left.
        pub x: f32,
        /// y, in pixels from the top.
        pub y: f32,
    }
}

ts_union! {
    /// Error-correction level of a symbol.
    EcLevel = "EcLevel" [EcLevel::L, EcLevel::M, EcLevel::Q, EcLevel::H]
}

ts_union! {
    /// `utf-8` when the bytes are valid UTF-8; otherwise a guess: `shift_jis`, else `iso-8859-1`.
    Charset = "Charset" [Charset::Utf8, Charset::ShiftJis, Charset::Latin1]
}

/// Error-correction level of a symbol (ISO/IEC 18004 §7.5.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum EcLevel {
    /// ~7 % recovery.
    L,
    /// ~15 %.
    M,
    /// ~25 %.
    Q,
    /// ~30 %.
    H,
}

/// How the payload bytes were turned into text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Charset {
    /// Valid UTF-8 (the CCCD payload's encoding).
    #[serde(rename = "utf-8")]
    Utf8,
    /// Not UTF-8 but valid Shift_JIS (common in Japanese codes), a guess.
    #[serde(rename = "shift_jis")]
    ShiftJis,
    /// Neither (without the `shift-jis` feature: not UTF-8); read as ISO-8859-1 (the QR
    /// default), a guess.
    #[serde(rename = "iso-8859-1")]
    Latin1,
}

wire_struct! {
    /// One decoded QR symbol.
    #[ts = "QrCode"]
    #[derive(Clone, Debug, PartialEq)]
    pub struct QrCode {
        /// The payload as text, decoded as `charset`.
        pub text: String,
        /// The payload bytes as encoded in the symbol (added by the wasm glue, not serde).
        #[serde(skip)]
        pub bytes: Vec<u8> as "Uint8Array",
        /// `utf-8` when the bytes are valid UTF-8; otherwise a guess: `shift_jis`, else `iso-8859-1`.
        pub charset: Charset,
        /// True when `charset` is a guess (the decoder does not see ECI designators).
        pub charset_guessed: bool,
        /// Corners in input pixels: top-left, top-right, bottom-right, bottom-left of the symbol.
        pub corners: [Point; 4],
        /// Symbol version 1–40.
        pub version: u8,
        /// Error-correction level (ISO/IEC 18004 §7.5.1).
        pub ec_level: EcLevel,
        /// Which front-end attempt read it (diagnostics).
        pub attempt: &'static str,
    }
}

/// How hard to try.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeOptions {
    /// At most this many decoder runs.
    pub max_attempts: usize,
    /// Attempt indices to skip (set by the JS layer after an attempt trapped).
    pub skip: Vec<usize>,
    /// Keep looking for more codes after the first (several codes per image).
    pub multiple: bool,
    /// Live camera frames: a bounded amount of work per frame (no whole-image fallbacks; the
    /// next frame comes anyway), see [`decode_frame`].
    pub camera: bool,
}

impl DecodeOptions {
    /// For live camera frames: proposals and the cheapest whole-frame reads.
    pub fn fast() -> DecodeOptions {
        DecodeOptions {
            max_attempts: 6,
            skip: Vec::new(),
            multiple: false,
            camera: true,
        }
    }

    /// For photos and files: everything.
    pub fn thorough() -> DecodeOptions {
        DecodeOptions {
            max_attempts: 40,
            skip: Vec::new(),
            multiple: true,
            camera: false,
        }
    }
}

impl Default for DecodeOptions {
    fn default() -> Self {
        DecodeOptions::thorough()
    }
}

/// Checks dimensions and buffer size for an RGBA image.
pub fn gray_from_rgba(w: usize, h: usize, rgba: &[u8]) -> Result<Gray, Error> {
    check_size(w, h)?;
    Gray::from_rgba(w, h, rgba).ok_or(Error::ImageFormat)
}

/// Checks dimensions and buffer size for an 8-bit greyscale image with row `stride`.
pub fn gray_from_luma(w: usize, h: usize, stride: usize, data: &[u8]) -> Result<Gray, Error> {
    check_size(w, h)?;
    Gray::from_strided(w, h, stride, data).ok_or(Error::ImageFormat)
}

fn check_size(w: usize, h: usize) -> Result<(), Error> {
    if w == 0 || h == 0 {
        return Err(Error::ImageFormat);
    }
    match w.checked_mul(h) {
        Some(n) if n <= MAX_IMAGE_PIXELS => Ok(()),
        _ => Err(Error::ImageTooLarge {
            width: w,
            height: h,
            max_pixels: MAX_IMAGE_PIXELS,
        }),
    }
}

/// An image in the coordinate frame of the input: `scale` input px per image px, offset.
struct View {
    img: Gray,
    /// Input x = x0 + x / scale.
    x0: f32,
    y0: f32,
    scale: f32,
}

#[derive(Clone, Copy)]
enum Prep {
    /// rqrr's own threshold.
    Rqrr,
    Hybrid,
    Otsu,
    Sauvola,
    Mean(i32),
    InvertedHybrid,
}

/// Reads every QR code it can find in `image`, trying the front end's attempts in order until
/// one decodes. `progress(i)` is called before attempt `i` runs. Returns an empty list when
/// no code is found.
///
/// The work per image is bounded: attempts with rqrr's detector (whose grouping of finder
/// patterns grows faster than linearly) are skipped on a bitmap with more than [`MAX_FINDERS`]
/// finder-like patterns, and our own sampler reads at most the best 24. If such an image yields no code, the result is
/// [`Error::ImageTooComplex`] — a crafted image of many squares cannot hold the caller for
/// seconds.
pub fn decode(
    image: &Gray,
    opts: &DecodeOptions,
    progress: &mut dyn FnMut(usize),
) -> Result<Vec<QrCode>, Error> {
    if opts.camera {
        return decode_frame(image, opts, &mut Tracker::new(), progress).0;
    }
    decode_still(image, opts, progress)
}

/// One live camera frame ([`DecodeOptions::camera`]): looks where `tracker` saw the code
/// first, bounds the work, combines the samples of a code seen but not read with those of the
/// previous frames, and reports what the frame showed (for guidance hints and the next frame).
pub fn decode_frame(
    image: &Gray,
    opts: &DecodeOptions,
    tracker: &mut Tracker,
    progress: &mut dyn FnMut(usize),
) -> (Result<Vec<QrCode>, Error>, FrameInfo) {
    let mut info = FrameInfo::default();
    let mut work = View {
        img: image.clone(),
        x0: 0.0,
        y0: 0.0,
        scale: 1.0,
    };
    while work.img.width().max(work.img.height()) > WORK_SIDE {
        work.img = work.img.half();
        work.scale /= 2.0;
    }
    if work.img.width().min(work.img.height()) < 21 {
        return (Ok(Vec::new()), info);
    }
    let mut run = Runner {
        opts,
        progress,
        index: 0,
        found: Vec::new(),
        too_complex: None,
        combined: 1,
        strict: false,
    };
    camera::decode(&work, &mut run, tracker, &mut info);
    if run.found.is_empty() {
        info.hint = info.unread_hint();
    } else {
        info.frames_combined = run.combined;
    }
    let result = match run.too_complex {
        Some(finders) if run.found.is_empty() => Err(Error::ImageTooComplex {
            finders,
            max: MAX_FINDERS,
        }),
        _ => Ok(run.found),
    };
    (result, info)
}

fn decode_still(
    image: &Gray,
    opts: &DecodeOptions,
    progress: &mut dyn FnMut(usize),
) -> Result<Vec<QrCode>, Error> {
    let mut work = View {
        img: image.clone(),
        x0: 0.0,
        y0: 0.0,
        scale: 1.0,
    };
    while work.img.width().max(work.img.height()) > WORK_SIDE {
        work.img = work.img.half();
        work.scale /= 2.0;
    }
    let mut run = Runner {
        opts,
        progress,
        index: 0,
        found: Vec::new(),
        too_complex: None,
        combined: 1,
        strict: false,
    };
    // A QR code is at least 21 modules a side: a thinner image holds none.
    if work.img.width().min(work.img.height()) < 21 {
        return Ok(Vec::new());
    }

    // 1. Proposals from finder patterns on a hybrid bitmap (a few ms even on 720p frames).
    let hybrid = binarize::hybrid(&work.img);
    let (finders, finder_count) =
        finder::find_counted(finder::Bits::Map(&hybrid), 1, FIRST_FINDERS);
    run.check_finders(finder_count);
    let proposals = finder::propose(&finders, work.img.width(), work.img.height());
    // Each finder triple may be a separate code. Round by round (plain crop first, then the
    // sharpened variants), read every triple not yet decoded.
    let triples: Vec<&Proposal> = proposals
        .iter()
        .filter(|p| p.finders == 3)
        .take(MAX_TRIPLES)
        .collect();
    let work_ref = &work;
    // The plain read uses a crop at ~4.5 px/module (cheap, enough for clean codes); the
    // sharpened reads a larger one at ~7 px/module (rqrr samples one pixel per module).
    let crops: Vec<_> = triples
        .iter()
        .map(|p| Lazy::new(move || crop_view(work_ref, p, FIRST_PX_PER_MODULE)))
        .collect();
    let sharps: Vec<_> = triples
        .iter()
        .map(|p| Lazy::new(move || sharpen(&crop_view(work_ref, p, CROP_PX_PER_MODULE), p)))
        .collect();
    let mut decoded = vec![false; triples.len()];
    // Round 0: our own sampler on the work image — no crop, no rqrr detector; ~1 ms.
    for (i, done) in decoded.iter_mut().enumerate() {
        if (!opts.multiple && !run.found.is_empty()) || !run.start() {
            continue;
        }
        if let Some(t) = triples.get(i).and_then(|p| p.triple.as_ref()) {
            let before = run.found.len();
            run.read_sampled("grid", &work, t, true);
            *done = run.found.len() > before;
        }
    }
    for (name, prep, sharpened) in [
        ("crop-gray", Prep::Rqrr, false),
        ("crop-sharp-gray", Prep::Rqrr, true),
        ("crop-sharp-sauvola", Prep::Sauvola, true),
    ] {
        for (i, done) in decoded.iter_mut().enumerate() {
            // Crops are for the code we have not read yet; once one code is read, further
            // codes are only looked for with the cheap sampler above.
            if *done || !run.found.is_empty() || !run.start() {
                continue;
            }
            let before = run.found.len();
            let view = if sharpened {
                sharps.get(i).map(Lazy::get)
            } else {
                crops.get(i).map(Lazy::get)
            };
            if let Some(view) = view {
                run.read(name, view, prep, None);
            }
            *done = run.found.len() > before;
        }
    }
    // A sheet of many codes (more finders than the first pass keeps), when every code is
    // wanted: group up to 3 × MAX_CODES finders with their nearest neighbours and sample every
    // triple — one attempt for all (our sampler cannot trap; attempts are counted for rqrr).
    if opts.multiple && finder_count > FIRST_FINDERS && run.start() {
        let (many, _) = finder::find_counted(finder::Bits::Map(&hybrid), 1, 3 * MAX_CODES);
        let props = finder::propose(&many, work.img.width(), work.img.height());
        for p in props.iter().filter(|p| p.finders == 3).take(MAX_CODES) {
            if let Some(t) = p.triple.as_ref() {
                run.read_sampled("sheet-grid", &work, t, false);
            }
        }
    }
    if !run.found.is_empty() {
        return Ok(run.found);
    }
    // 1b. Small, blurred codes: finder patterns 1.5–2 px per module merge after thresholding,
    // so look for them again on a 2× upscaled, sharpened image and sample there. ~50 ms on a
    // 720p frame, so only in thorough mode: a camera gets another frame soon anyway.
    if opts.multiple && work.img.width().max(work.img.height()) <= WORK_SIDE && run.start() {
        let (w, h) = (work.img.width() as f32, work.img.height() as f32);
        let up = View {
            img: work.img.crop_scaled(0.0, 0.0, w, h, 2.0).unsharp(2, 1.0),
            x0: 0.0,
            y0: 0.0,
            scale: work.scale * 2.0,
        };
        let up_bits = binarize::hybrid(&up.img);
        let (up_finders, up_count) =
            finder::find_counted(finder::Bits::Map(&up_bits), 1, FIRST_FINDERS);
        run.check_finders(up_count);
        let up_props = finder::propose(&up_finders, up.img.width(), up.img.height());
        for p in up_props.iter().filter(|p| p.finders == 3).take(MAX_TRIPLES) {
            if let Some(t) = p.triple.as_ref() {
                run.read_sampled("up2-grid", &up, t, true);
            }
            if !run.found.is_empty() {
                return Ok(run.found);
            }
        }
    }
    // 2. Pairs and single finders: the code is somewhere around them.
    for p in proposals.iter().filter(|p| p.finders < 3).take(3) {
        let crop = Lazy::new(|| crop_view(&work, p, CROP_PX_PER_MODULE));
        for (name, prep) in [
            ("near-finders-gray", Prep::Rqrr),
            ("near-finders-hybrid", Prep::Hybrid),
        ] {
            if run.found.is_empty() && run.start() {
                run.strict = true;
                run.read(name, crop.get(), prep, None);
                run.strict = false;
            }
        }
    }
    // 3. Whole-image fallbacks, cheapest first.
    let side = work.img.width().max(work.img.height());
    let up = Lazy::new(|| {
        let (w, h) = (work.img.width() as f32, work.img.height() as f32);
        View {
            img: work.img.crop_scaled(0.0, 0.0, w, h, 2.0),
            x0: 0.0,
            y0: 0.0,
            scale: work.scale * 2.0,
        }
    });
    let down = Lazy::new(|| View {
        img: work.img.half(),
        x0: 0.0,
        y0: 0.0,
        scale: work.scale / 2.0,
    });
    let steps: [(&'static str, Option<Prep>, u8); 9] = [
        ("gray", Some(Prep::Rqrr), 0),
        ("hybrid", None, 0),
        ("otsu", Some(Prep::Otsu), 0),
        ("up2-gray", Some(Prep::Rqrr), 1),
        ("up2-hybrid", Some(Prep::Hybrid), 1),
        ("up2-mean", Some(Prep::Mean(6)), 1),
        ("mean", Some(Prep::Mean(4)), 0),
        ("inverted", Some(Prep::InvertedHybrid), 0),
        ("down2-gray", Some(Prep::Rqrr), 2),
    ];
    for (name, prep, which) in steps {
        let applicable = match which {
            1 => side <= 900,
            2 => image.width().max(image.height()) >= 1000,
            _ => true,
        };
        if !applicable || !run.found.is_empty() || !run.start() {
            continue;
        }
        let view = match which {
            1 => up.get(),
            2 => down.get(),
            _ => &work,
        };
        match prep {
            // On the work image itself, the hybrid bitmap's finders were counted first of all.
            Some(prep) => run.read(name, view, prep, (which == 0).then_some(finder_count)),
            // The hybrid bitmap of the work image: its finders were counted first of all.
            #[cfg(feature = "rqrr")]
            None if finder_count <= MAX_FINDERS => {
                let codes = read_bitmap(&hybrid);
                run.keep(name, view, codes);
            }
            #[cfg(not(feature = "rqrr"))]
            None if finder_count <= MAX_FINDERS => run.read_triples(name, view, &hybrid),
            None => {}
        }
    }
    match run.too_complex {
        Some(finders) if run.found.is_empty() => Err(Error::ImageTooComplex {
            finders,
            max: MAX_FINDERS,
        }),
        _ => Ok(run.found),
    }
}

/// The most finder-like patterns a bitmap may hold for rqrr's detector to run on it (a sheet of
/// ~30 codes has 90; textured photos of one code reach 70, e.g. qrcode-2/2.png turned 270°). More
/// make an image "too complex": see [`decode`]. The worst crafted case within it, a field of
/// 9×9 finder-like squares, takes ~1.3 s natively in thorough mode (400 squares took 15 s before
/// the budget; now 0.2 s).
pub const MAX_FINDERS: usize = 96;

/// At most this many finder triples (separate codes) are read per image in the first pass.
const MAX_TRIPLES: usize = 4;

/// Finder patterns the first pass keeps (those seen on most rows): enough for a few codes.
const FIRST_FINDERS: usize = 24;

/// At most this many codes are read from one image when every code is asked for
/// ([`DecodeOptions::multiple`]): a sheet of 200 codes is read whole. Each costs one pass of our
/// sampler (no rqrr detector), so the work stays bounded.
pub const MAX_CODES: usize = 256;

/// A value computed on first use (attempts that never run cost nothing).
struct Lazy<T, F: Fn() -> T> {
    cell: core::cell::OnceCell<T>,
    init: F,
}

impl<T, F: Fn() -> T> Lazy<T, F> {
    fn new(init: F) -> Self {
        Lazy {
            cell: core::cell::OnceCell::new(),
            init,
        }
    }

    fn get(&self) -> &T {
        self.cell.get_or_init(&self.init)
    }
}

fn sharpen(crop: &View, p: &Proposal) -> View {
    let module_px = p.module * crop.img.width() as f32 / p.size.max(1.0);
    let r = (module_px / 3.0).round().max(1.0) as usize;
    View {
        img: crop.img.unsharp(r, 1.5),
        x0: crop.x0,
        y0: crop.y0,
        scale: crop.scale,
    }
}

/// `x.clamp(lo, hi)` for bounds known only at run time, without `f32::clamp`'s assertion that
/// `lo <= hi`: its panic message formats the floats, which links core's float formatting
/// (~10 KB gzip) into the scan module. The same result whenever `lo <= hi` (every caller's
/// bounds are: `lo` is 0 and `hi` at least 0); NaN stays NaN.
pub(crate) fn clamp_f32(x: f32, lo: f32, hi: f32) -> f32 {
    let mut x = x;
    if x < lo {
        x = lo;
    }
    if x > hi {
        x = hi;
    }
    x
}

#[cfg(test)]
#[test]
fn clamp_f32_is_f32_clamp() {
    let values = [
        f32::NEG_INFINITY,
        -1e30,
        -2.5,
        -0.0,
        0.0,
        0.3,
        1.0,
        7.5,
        255.0,
        1e30,
        f32::INFINITY,
    ];
    for lo in [0.0_f32, -3.0, 1.0] {
        for hi in [0.0_f32, 1.0, 254.5, f32::INFINITY] {
            if lo > hi {
                continue;
            }
            for x in values {
                assert_eq!(
                    clamp_f32(x, lo, hi).to_bits(),
                    x.clamp(lo, hi).to_bits(),
                    "{x} {lo} {hi}"
                );
            }
            assert!(clamp_f32(f32::NAN, lo, hi).is_nan() && f32::NAN.clamp(lo, hi).is_nan());
        }
    }
}

fn crop_view(work: &View, p: &Proposal, px_per_module: f32) -> View {
    let scale = (px_per_module / p.module.max(0.5))
        .clamp(1.0, 4.0)
        .min(MAX_CROP_SIDE / p.size.max(1.0))
        .max(0.25);
    let img = work.img.crop_scaled(p.x0, p.y0, p.size, p.size, scale);
    View {
        img,
        x0: p.x0 / work.scale,
        y0: p.y0 / work.scale,
        scale: work.scale * scale,
    }
}

struct Runner<'a> {
    opts: &'a DecodeOptions,
    progress: &'a mut dyn FnMut(usize),
    index: usize,
    found: Vec<QrCode>,
    /// The largest finder count over [`MAX_FINDERS`] seen in a bitmap of the whole image.
    too_complex: Option<usize>,
    /// Frames whose samples were combined for the read (camera path).
    combined: u8,
    /// Our sampler's reads accept a symbol only when every block needed less than half its
    /// correction capacity ([`Runner::read_grid`]): set for the crops around a finder pair or a
    /// single finder, where a textured photo gives triples of unrelated patterns.
    strict: bool,
}

impl Runner<'_> {
    fn check_finders(&mut self, n: usize) {
        if n > MAX_FINDERS {
            self.too_complex = Some(self.too_complex.unwrap_or(0).max(n));
        }
    }

    /// One attempt with rqrr's detector on a prepared view. The bitmap's finder-like patterns
    /// are counted first (for rqrr's own threshold, those of a hybrid bitmap stand in: `hybrid`
    /// when the caller has counted them already), and the detector — quadratic or worse in
    /// them — runs only when they are within [`MAX_FINDERS`].
    fn read(&mut self, name: &'static str, view: &View, prep: Prep, hybrid: Option<usize>) {
        let img = &view.img;
        let bitmap = match prep {
            Prep::Rqrr => None,
            Prep::Hybrid => Some(binarize::hybrid(img)),
            Prep::Otsu => Some(binarize::otsu(img)),
            Prep::Sauvola => Some(binarize::sauvola(
                img,
                (4.0 * CROP_PX_PER_MODULE) as usize,
                0.25,
            )),
            Prep::Mean(offset) => Some(binarize::local_mean(img, 15, offset)),
            Prep::InvertedHybrid => Some(binarize::hybrid(img).inverted()),
        };
        let n = match (&bitmap, hybrid) {
            (Some(b), _) => finder::find_counted(finder::Bits::Map(b), 1, 0).1,
            (None, Some(n)) => n,
            (None, None) => finder::find_counted(finder::Bits::Map(&binarize::hybrid(img)), 1, 0).1,
        };
        self.check_finders(n);
        if n > MAX_FINDERS {
            return;
        }
        #[cfg(feature = "rqrr")]
        {
            let codes = match &bitmap {
                Some(b) => read_bitmap(b),
                None => read_gray(img),
            };
            self.keep(name, view, codes);
        }
        #[cfg(not(feature = "rqrr"))]
        {
            let bitmap = bitmap.unwrap_or_else(|| binarize::hybrid(img));
            self.read_triples(name, view, &bitmap);
        }
    }

    /// Without rqrr: the finder triples of `bitmap` (the best [`MAX_TRIPLES`]), each read by our
    /// sampler on the grey image, then on the bitmap itself as an image (the only way an
    /// inverted code reads: its grey modules are light-on-dark). With the grid fitted to the
    /// function patterns ([`sampler::refine`]) the zxing photo set reads 173 / 173 / 173 / 170
    /// of 179 this way (rqrr's detector: 167 / 167 / 168 / 166), so the shipped scan module
    /// goes without rqrr (docs/architecture.md).
    #[cfg(not(feature = "rqrr"))]
    fn read_triples(&mut self, name: &'static str, view: &View, bitmap: &Bitmap) {
        let (finders, _) = finder::find_counted(finder::Bits::Map(bitmap), 1, FIRST_FINDERS);
        let props = finder::propose(&finders, bitmap.w, bitmap.h);
        let as_image = Lazy::new(|| {
            bitmap.to_gray().map(|img| View {
                img,
                x0: view.x0,
                y0: view.y0,
                scale: view.scale,
            })
        });
        for p in props.iter().filter(|p| p.finders == 3).take(MAX_TRIPLES) {
            let Some(t) = p.triple.as_ref() else {
                continue;
            };
            let before = self.found.len();
            self.read_sampled(name, view, t, true);
            if let (true, Some(image)) = (self.found.len() == before, as_image.get()) {
                self.read_sampled(name, image, t, true);
            }
            if self.found.len() > before {
                return;
            }
        }
    }

    fn start(&mut self) -> bool {
        let i = self.index;
        self.index += 1;
        if i >= self.opts.max_attempts || self.opts.skip.contains(&i) {
            return false;
        }
        (self.progress)(i);
        true
    }

    /// Reads the symbol of finder triple `t` with our sampler: each candidate size as the
    /// finders and the alignment pattern place it, then (with `refine`) the two that fit the
    /// function patterns best, refined. Not `refine` for a sheet of many codes, which could
    /// otherwise refine [`MAX_CODES`] triples that are no codes.
    fn read_sampled(
        &mut self,
        name: &'static str,
        view: &View,
        t: &[finder::Finder; 3],
        refine: bool,
    ) {
        let triple = [&t[0], &t[1], &t[2]];
        let mut fitted = Vec::new();
        for size in sampler::candidate_sizes(triple) {
            let Some(sampled) = sampler::sample(&view.img, triple, size) else {
                continue;
            };
            if self.read_grid(name, view, &sampled) {
                return;
            }
            if refine {
                let score = sampler::pattern_score(&view.img, &sampled.transform, size);
                fitted.push((-score, size, sampled.transform));
            }
        }
        // None read: the two sizes whose function patterns fit best, with the transform
        // refined to them (perspective, curvature the four points above misplace).
        let module = (t[0].module + t[1].module + t[2].module) / 3.0;
        crate::sort::stable_by_key(&mut fitted, |f| f.0);
        for (_, size, h) in fitted.into_iter().take(2) {
            let h = sampler::refine(&view.img, h, size, module);
            if self.read_grid(name, view, &sampler::sample_grid(&view.img, h, size)) {
                return;
            }
        }
    }

    /// Thresholds a sampled grid a few ways and decodes it; true when a code was read.
    fn read_grid(&mut self, name: &'static str, view: &View, sampled: &sampler::Sampled) -> bool {
        [(4, 0), (2, 0), (6, -8)]
            .iter()
            .any(|&(r, bias)| self.read_bits(name, view, sampled, &sampled.bits(r, bias)))
    }

    /// Decodes the grid's modules `bits` (true = dark); true when a code was read.
    fn read_bits(
        &mut self,
        name: &'static str,
        view: &View,
        sampled: &sampler::Sampled,
        bits: &[bool],
    ) -> bool {
        let size = sampled.size;
        let module = |x: usize, y: usize| bits.get(y * size + x).copied().unwrap_or(false);
        let Ok(sym) = symbol::decode(size, &module) else {
            return false;
        };
        // The strict reads (near-finders crops) take a symbol only when every block used under
        // half its error-correction capacity.
        if self.strict && sym.errors.0 * 2 >= sym.errors.1 {
            return false;
        }
        let corners = sampled.corners().map(|(x, y)| (x as i32, y as i32));
        let raw = Raw {
            bytes: sym.bytes,
            bounds: corners,
            version: sym.version,
            ec: sym.ec,
        };
        self.keep(name, view, vec![raw]);
        true
    }

    fn keep(&mut self, name: &'static str, view: &View, codes: Vec<Raw>) {
        for raw in codes {
            if self.found.iter().any(|c| c.bytes == raw.bytes) {
                continue;
            }
            let map = |(x, y): (i32, i32)| Point {
                x: view.x0 + x as f32 / view.scale,
                y: view.y0 + y as f32 / view.scale,
            };
            let (text, charset, guessed) = to_text(&raw.bytes);
            self.found.push(QrCode {
                text,
                bytes: raw.bytes,
                charset,
                charset_guessed: guessed,
                corners: raw.bounds.map(map),
                version: raw.version,
                ec_level: raw.ec,
                attempt: name,
            });
        }
    }
}

struct Raw {
    bytes: Vec<u8>,
    /// Corners in the view's pixels.
    bounds: [(i32, i32); 4],
    version: u8,
    ec: EcLevel,
}

/// rqrr's image buffer type is not nameable outside the crate, so the shared part of reading
/// a prepared image is a macro rather than a function.
#[cfg(feature = "rqrr")]
macro_rules! read_grids {
    ($prepared:expr) => {{
        let mut prepared = $prepared;
        let mut out = Vec::new();
        for grid in prepared.detect_grids() {
            // rqrr finds and samples the grid; `symbol` decodes it.
            use rqrr::BitGrid;
            let size = grid.grid.size();
            if let Ok(sym) = symbol::decode(size, &|x, y| grid.grid.bit(y, x)) {
                out.push(Raw {
                    bytes: sym.bytes,
                    bounds: grid.bounds.map(|p| (p.x, p.y)),
                    version: sym.version,
                    ec: sym.ec,
                });
            }
        }
        out
    }};
}

#[cfg(feature = "rqrr")]
fn read_gray(img: &Gray) -> Vec<Raw> {
    read_grids!(rqrr::PreparedImage::prepare_from_greyscale(
        img.width(),
        img.height(),
        |x, y| img
            .pixels()
            .get(y * img.width() + x)
            .copied()
            .unwrap_or(255)
    ))
}

#[cfg(feature = "rqrr")]
fn read_bitmap(b: &Bitmap) -> Vec<Raw> {
    read_grids!(rqrr::PreparedImage::prepare_from_bitmap(
        b.w,
        b.h,
        |x, y| b.get(x, y) == 1
    ))
}

/// Bytes → text: UTF-8 when valid; else Shift_JIS when valid (with the `shift-jis` feature);
/// else ISO-8859-1. rqrr does not report ECI designators, so anything but UTF-8 is a guess.
fn to_text(bytes: &[u8]) -> (String, Charset, bool) {
    if let Ok(s) = core::str::from_utf8(bytes) {
        return (s.to_owned(), Charset::Utf8, false);
    }
    #[cfg(feature = "shift-jis")]
    if let Some(s) = sjis::decode(bytes) {
        return (s, Charset::ShiftJis, true);
    }
    (
        bytes.iter().map(|&b| char::from(b)).collect(),
        Charset::Latin1,
        true,
    )
}

/// Reads the first QR code in `image` that holds a CCCD payload and parses it.
/// No code at all → [`Error::NoQrFound`]; codes but none a CCCD payload → the parse error of
/// the first code (usually [`Error::NotCccdPayload`]).
pub fn scan_cccd(
    image: &Gray,
    opts: &DecodeOptions,
    now: crate::Date,
    progress: &mut dyn FnMut(usize),
) -> Result<(crate::Card, QrCode), Error> {
    first_card(decode(image, opts, progress)?, now)
}

/// [`scan_cccd`] for one live camera frame ([`decode_frame`] in fast mode), with what the
/// frame showed: no code in view, module size, sharpness, glare, the [`Hint`] — and `tracker`
/// updated for the next frame. A code read that is not a CCCD payload is the parse error
/// (usually [`Error::NotCccdPayload`]), with the hint [`Hint::WrongCode`].
pub fn scan_frame(
    image: &Gray,
    tracker: &mut Tracker,
    now: crate::Date,
    progress: &mut dyn FnMut(usize),
) -> (Result<(crate::Card, QrCode), Error>, FrameInfo) {
    let s = scan_frame_rejected(image, tracker, now, progress);
    (s.card, s.info)
}

/// One camera frame as [`scan_frame_rejected`] returns it.
#[derive(Debug)]
pub struct FrameScan {
    /// The card and its code, or the error.
    pub card: Result<(crate::Card, QrCode), Error>,
    /// When codes were read but none is a card: the code whose parse error `card` is (the
    /// scanner reports its text once, without decoding the frame again).
    pub rejected: Option<QrCode>,
    /// What the frame showed.
    pub info: FrameInfo,
}

/// [`scan_frame`], keeping the code that was read but is not a card.
pub fn scan_frame_rejected(
    image: &Gray,
    tracker: &mut Tracker,
    now: crate::Date,
    progress: &mut dyn FnMut(usize),
) -> FrameScan {
    let (codes, mut info) = decode_frame(image, &DecodeOptions::fast(), tracker, progress);
    let mut rejected = None;
    let card = codes.and_then(|codes| {
        let mut first_err = None;
        for code in codes {
            match crate::parse_qr_bytes(&code.bytes, now) {
                Ok(card) => return Ok((card, code)),
                Err(e) if first_err.is_none() => {
                    first_err = Some(e);
                    rejected = Some(code);
                }
                Err(_) => {}
            }
        }
        Err(first_err.unwrap_or(Error::NoQrFound))
    });
    if rejected.is_some() {
        info.hint = Some(Hint::WrongCode);
    }
    FrameScan {
        card,
        rejected,
        info,
    }
}

fn first_card(codes: Vec<QrCode>, now: crate::Date) -> Result<(crate::Card, QrCode), Error> {
    let mut first_err = None;
    for code in codes {
        match crate::parse_qr_bytes(&code.bytes, now) {
            Ok(card) => return Ok((card, code)),
            Err(e) => {
                first_err.get_or_insert(e);
            }
        }
    }
    Err(first_err.unwrap_or(Error::NoQrFound))
}

#[cfg(test)]
mod strict_tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// Reads a v1-M grid with `flips` codeword errors (4 correctable) through
    /// [`Runner::read_grid`], `strict` or not.
    fn reads(flips: usize, strict: bool) -> bool {
        let (dark, _) = symbol::tests::v1m_with_errors(flips);
        let sampled = sampler::Sampled {
            size: 21,
            values: dark.iter().map(|&d| if d { 0 } else { 255 }).collect(),
            transform: sampler::Homography::from_points(
                [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)],
                [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)],
            )
            .unwrap(),
        };
        let opts = DecodeOptions::thorough();
        let mut progress = |_| {};
        let mut run = Runner {
            opts: &opts,
            progress: &mut progress,
            index: 0,
            found: Vec::new(),
            too_complex: None,
            combined: 1,
            strict,
        };
        let view = View {
            img: Gray::new(21, 21, vec![255; 21 * 21]).unwrap(),
            x0: 0.0,
            y0: 0.0,
            scale: 1.0,
        };
        run.read_grid("test", &view, &sampled)
    }

    /// Strict reads refuse a symbol that needed half a block's correction capacity or more (2
    /// or 3 of 4 errors) and take one below it (1 of 4); non-strict reads take them all.
    #[test]
    fn strict_reads_refuse_symbols_corrected_to_half_capacity() {
        assert!(reads(0, true));
        assert!(reads(1, true));
        assert!(!reads(2, true));
        assert!(!reads(3, true));
        assert!(reads(2, false));
        assert!(reads(4, false));
    }
}

#[cfg(all(test, feature = "image-files"))]
mod profile {
    use super::*;
    use std::time::Instant;

    /// Stage timings on generated frames: `make frames`, then
    /// `cargo test --release --lib qr::profile -- --ignored --nocapture`.
    #[test]
    #[ignore = "manual profiling"]
    fn stage_timings_on_frames() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/target/bench-frames");
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "jpg"))
            .collect();
        files.sort();
        for f in files.iter().step_by(7) {
            let img = decode_image_file(&std::fs::read(f).unwrap()).unwrap();
            let t = Instant::now();
            let hybrid = binarize::hybrid(&img);
            let t_h = t.elapsed().as_secs_f64() * 1e3;
            let finders = finder::find_counted(finder::Bits::Map(&hybrid), 1, FIRST_FINDERS).0;
            let t_f = t.elapsed().as_secs_f64() * 1e3;
            let props = finder::propose(&finders, img.width(), img.height());
            let work = View {
                img: img.clone(),
                x0: 0.0,
                y0: 0.0,
                scale: 1.0,
            };
            let mut line = format!(
                "{:>14} hybrid {t_h:5.1} finder {:5.1} ({} finders, {} props)",
                f.file_name().unwrap().to_string_lossy(),
                t_f - t_h,
                finders.len(),
                props.len()
            );
            if let Some(p) = props.first() {
                let t = Instant::now();
                let crop = crop_view(&work, p, CROP_PX_PER_MODULE);
                let t_c = t.elapsed().as_secs_f64() * 1e3;
                let codes = read_gray(&crop.img);
                let t_r = t.elapsed().as_secs_f64() * 1e3;
                line += &format!(
                    " | crop {}x{} m={:.1} {t_c:5.1} rqrr {:5.1} ok={}",
                    crop.img.width(),
                    crop.img.height(),
                    p.module,
                    t_r - t_c,
                    codes.len()
                );
            }
            let t = Instant::now();
            let all = decode(&img, &DecodeOptions::fast(), &mut |_| {}).unwrap_or_default();
            line += &format!(
                " | total {:5.1} {:?}",
                t.elapsed().as_secs_f64() * 1e3,
                all.first().map(|c| c.attempt)
            );
            println!("{line}");
        }
    }
}
