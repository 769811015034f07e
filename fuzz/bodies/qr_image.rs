//! The body of the `qr_image` fuzz target, replayed by `tests/fuzz_corpus.rs`: small arbitrary
//! greyscale images (`[w, h, pixels…]`, up to 96×96, pixels repeated to fill) through the QR
//! front end (`qr::decode`, thorough mode, and `qr::decode_frame`, the camera path).
//!
//! rqrr's grid detector (called in the fallbacks) can panic on some geometries (its issue #54);
//! the JS layer then restarts the module and skips that attempt, so this body does the same —
//! but only for a panic located in rqrr's own source (`crate::panics`, which the including crate
//! declares). A panic anywhere else (binarisation, crops, sampler, symbol decoder) is a crash.
#![allow(dead_code)]

use std::cell::Cell;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};

use cccd_verify::qr::{decode, decode_frame, DecodeOptions, Gray, Tracker};

use crate::panics;

/// Runs the body on one input; true when a QR code was read.
pub fn run(data: &[u8]) -> bool {
    let Some(img) = image(data) else {
        return false;
    };
    let codes = tolerating_rqrr(DecodeOptions::thorough(), |opts, progress| {
        decode(&img, opts, progress)
    });
    // The camera path (never rqrr, so any panic is a crash): twice through one tracker, so the
    // tracked region and the combined samples run too.
    let mut tracker = Tracker::new();
    for _ in 0..2 {
        let _ = decode_frame(&img, &DecodeOptions::fast(), &mut tracker, &mut |_| {});
    }
    codes.is_ok_and(|c| !c.is_empty())
}

/// [width, height, pixels…]: up to 96×96, pixels repeated to fill.
pub fn image(data: &[u8]) -> Option<Gray> {
    let (&w, rest) = data.split_first()?;
    let (&h, px) = rest.split_first()?;
    let (w, h) = (usize::from(w % 97), usize::from(h % 97));
    if w == 0 || h == 0 || px.is_empty() {
        return None;
    }
    Gray::new(w, h, px.iter().copied().cycle().take(w * h).collect())
}

/// Calls `decode` with `opts` until it returns. A panic located in rqrr during an attempt (the
/// last index `decode` reported through its progress callback) adds that attempt to
/// `opts.skip` and retries; any other panic — outside rqrr, or in rqrr with no attempt to
/// skip — propagates (its site stays in [`panics::last`]).
pub fn tolerating_rqrr<T>(
    mut opts: DecodeOptions,
    mut decode: impl FnMut(&DecodeOptions, &mut dyn FnMut(usize)) -> T,
) -> T {
    panics::install();
    loop {
        let attempt = Cell::new(None);
        panics::clear();
        let result = catch_unwind(AssertUnwindSafe(|| {
            decode(&opts, &mut |i| attempt.set(Some(i)))
        }));
        match result {
            Ok(value) => return value,
            Err(e) => match (panics::last(), attempt.get()) {
                (Some(site), Some(i)) if site.in_rqrr() && !opts.skip.contains(&i) => {
                    opts.skip.push(i);
                }
                _ => resume_unwind(e),
            },
        }
    }
}
