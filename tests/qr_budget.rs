//! Work per image is bounded (issue 7, item 10: "decoding time is unbounded on crafted images").
//! A field of finder-like squares made rqrr's grouping of finder patterns grow faster than
//! linearly (an 800×800 field of 400 took 15 s natively, ~50 s in wasm). Now such an image is
//! refused with `ERR_IMAGE_TOO_COMPLEX` after the bounded attempts, and the counts asserted here
//! are deterministic (no timing). `make bench-qr` shows the time on real images is unchanged.
#![allow(
    clippy::unwrap_used,
    clippy::cast_possible_truncation,
    clippy::indexing_slicing,
    clippy::panic
)]

use cccd_verify::qr::{decode, gray_from_luma, DecodeOptions, Gray, MAX_FINDERS};
use cccd_verify::Error;

/// `n`×`n` finder-like squares (7×7 modules: dark ring, light ring, dark 3×3 core).
fn finder_field(n: usize, module: usize, gap: usize) -> Gray {
    let cell = 7 * module + gap;
    let side = n * cell + gap;
    let mut px = vec![255u8; side * side];
    for gy in 0..n {
        for gx in 0..n {
            let (x0, y0) = (gap + gx * cell, gap + gy * cell);
            for y in 0..7 * module {
                for x in 0..7 * module {
                    let (mx, my) = (x / module, y / module);
                    let ring = mx == 0 || my == 0 || mx == 6 || my == 6;
                    let core = (2..=4).contains(&mx) && (2..=4).contains(&my);
                    if ring || core {
                        px[(y0 + y) * side + x0 + x] = 0;
                    }
                }
            }
        }
    }
    gray_from_luma(side, side, side, &px).unwrap()
}

#[test]
fn a_field_of_400_finder_squares_is_refused_as_too_complex() {
    let img = finder_field(20, 5, 5);
    let mut attempts = 0;
    let r = decode(&img, &DecodeOptions::thorough(), &mut |_| attempts += 1);
    match r {
        Err(Error::ImageTooComplex { finders, max }) => {
            assert!(finders > MAX_FINDERS && finders <= 400, "{finders} finders");
            assert_eq!(max, MAX_FINDERS);
        }
        other => panic!("expected ERR_IMAGE_TOO_COMPLEX, got {other:?}"),
    }
    assert!(attempts <= DecodeOptions::thorough().max_attempts);
}

#[test]
fn a_few_finder_squares_are_not_too_complex() {
    // 25 squares: within the budget; no code, and no error either.
    let img = finder_field(5, 5, 5);
    assert_eq!(
        decode(&img, &DecodeOptions::thorough(), &mut |_| {}).unwrap(),
        vec![]
    );
}

#[test]
fn an_image_thinner_than_a_code_is_answered_at_once() {
    // A 1 × 16 M strip cannot hold a 21-module code: no attempt runs.
    let strip = gray_from_luma(1 << 24, 1, 1 << 24, &vec![128u8; 1 << 24]).unwrap();
    let mut attempts = 0;
    assert_eq!(
        decode(&strip, &DecodeOptions::thorough(), &mut |_| attempts += 1).unwrap(),
        vec![]
    );
    assert_eq!(attempts, 0);
}

#[test]
fn a_sheet_of_finder_triples_that_are_no_codes_stays_bounded() {
    // 28×28 squares 17 modules apart: every corner with two neighbours looks like a code's
    // three finders (hundreds of right-angled triples). The sampler reads at most
    // `MAX_CODES` of them, all counted as one attempt; no code, refused as too complex.
    let img = finder_field(28, 3, 30);
    let mut attempts = 0;
    let r = decode(&img, &DecodeOptions::thorough(), &mut |_| attempts += 1);
    assert!(matches!(r, Err(Error::ImageTooComplex { .. })), "{r:?}");
    assert!(attempts <= DecodeOptions::thorough().max_attempts);
}

/// A 1280×720 light frame with finder-like squares (`module` px) centred at `centres`.
fn frame_with_finders(module: usize, centres: &[(usize, usize)]) -> Gray {
    let (w, h) = (1280, 720);
    let mut px = vec![255u8; w * h];
    for &(cx, cy) in centres {
        let (x0, y0) = (cx - 7 * module / 2, cy - 7 * module / 2);
        for y in 0..7 * module {
            for x in 0..7 * module {
                let (mx, my) = (x / module, y / module);
                let ring = mx == 0 || my == 0 || mx == 6 || my == 6;
                let core = (2..=4).contains(&mx) && (2..=4).contains(&my);
                if ring || core {
                    px[(y0 + y) * w + x0 + x] = 0;
                }
            }
        }
    }
    gray_from_luma(w, h, w, &px).unwrap()
}

/// Attempts a camera frame starts: the whole-frame scan, then one per candidate cropped.
fn camera_attempts(img: &Gray) -> usize {
    let mut attempts = 0;
    let codes = decode(img, &DecodeOptions::fast(), &mut |_| attempts += 1).unwrap();
    assert_eq!(codes, vec![]);
    attempts
}

#[test]
fn a_camera_frame_crops_its_candidates_within_a_pixel_budget() {
    // Four pairs of finders (2 px modules, 50 modules apart): three candidates and a fourth
    // taken in turn, no triple. Each pair's region crops to the largest side (480 px): the
    // fourth crop would go over three and a half crops of the largest side, so it is skipped.
    let lone = (640, 660);
    let far = [
        (200, 150),
        (300, 150),
        (900, 150),
        (1000, 150),
        (200, 450),
        (300, 450),
        (900, 450),
        (1000, 450),
    ];
    assert_eq!(camera_attempts(&frame_with_finders(2, &far)), 1 + 3);
    // Pairs 20 modules apart crop to ~250 px: all three candidates fit, and so does the one
    // more candidate an unread frame crops in turn (src/qr/camera.rs, step 4).
    let near = [(200, 150), (240, 150), (900, 150), (940, 150), lone];
    assert_eq!(camera_attempts(&frame_with_finders(2, &near)), 1 + 3 + 1);
}
