//! Small arbitrary greyscale images through the QR front end (`qr::decode`). rqrr itself can
//! panic on some geometries (its issue #54); the JS layer then restarts the module and skips that
//! attempt, so this target does the same: a panic inside an attempt is skipped, and a panic
//! anywhere else (our own code outside rqrr) is a crash. `tests/fuzz_corpus.rs` replays it.
#![no_main]

use cccd_verify::qr::{decode, DecodeOptions, Gray};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(img) = image(data) else { return };
    let mut opts = DecodeOptions::thorough();
    loop {
        let last = std::cell::Cell::new(usize::MAX);
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            decode(&img, &opts, &mut |i| last.set(i))
        }));
        match r {
            Ok(_) => break,
            Err(e) if last.get() == usize::MAX => std::panic::resume_unwind(e),
            Err(_) => opts.skip.push(last.get()),
        }
    }
});

/// [width, height, pixels…]: up to 96×96, pixels repeated to fill.
fn image(data: &[u8]) -> Option<Gray> {
    let (&w, rest) = data.split_first()?;
    let (&h, px) = rest.split_first()?;
    let (w, h) = (usize::from(w % 97), usize::from(h % 97));
    if w == 0 || h == 0 || px.is_empty() {
        return None;
    }
    Gray::new(w, h, px.iter().copied().cycle().take(w * h).collect())
}
