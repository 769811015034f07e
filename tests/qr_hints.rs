//! Guidance hints (`FrameInfo::hint`, `src/qr/hint.rs`) on generated frames (`tools/framegen`,
//! `tests/data/frames`): a small code far away, motion blur, glare, no code, a code that is not
//! a card — and none on clean frames.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_precision_loss
)]

#[path = "support/pixels.rs"]
mod pixels;
use pixels::glare;

use cccd_verify::qr::{
    decode_image_file, scan_frame_rejected, FrameInfo, FrameScan, Gray, Hint, Tracker,
};
use cccd_verify::Date;

const NOW: fn() -> Date = || Date::new(2026, 11, 27).unwrap();

fn frame(name: &str) -> Gray {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/frames");
    decode_image_file(&std::fs::read(format!("{dir}/{name}.jpg")).unwrap()).unwrap()
}

fn scan(img: &Gray, tracker: &mut Tracker) -> FrameScan {
    scan_frame_rejected(img, tracker, NOW(), &mut |_| {})
}

fn once(img: &Gray) -> FrameScan {
    scan(img, &mut Tracker::new())
}

/// Horizontal motion blur: the mean of `len` neighbouring pixels along x.
fn motion_blur(img: &Gray, len: usize) -> Gray {
    let w = img.width();
    let px = img.pixels();
    let out = (0..px.len())
        .map(|i| {
            let (x, y) = (i % w, i / w);
            let (a, b) = (x.saturating_sub(len / 2), (x + len.div_ceil(2)).min(w));
            let s: u32 = (a..b).map(|x| u32::from(px[y * w + x])).sum();
            (s / (b - a) as u32) as u8
        })
        .collect();
    Gray::new(w, img.height(), out).unwrap()
}

/// The frame at 1/k of its size (a box filter): the same code further away.
fn shrink(img: &Gray, k: usize) -> Gray {
    let (w, h) = (img.width() / k, img.height() / k);
    let px = (0..h)
        .flat_map(|y| (0..w).map(move |x| (x, y)))
        .map(|(x, y)| {
            let mut s = 0u32;
            for dy in 0..k {
                for dx in 0..k {
                    s += u32::from(img.pixels()[(k * y + dy) * img.width() + k * x + dx]);
                }
            }
            (s / (k * k) as u32) as u8
        })
        .collect();
    Gray::new(w, h, px).unwrap()
}

/// Prints the signals and hints of every frame of a framegen directory (`make frames`):
/// `CCCD_FRAMES=target/bench-frames cargo test --test qr_hints -- --ignored --nocapture`.
#[test]
#[ignore = "calibration"]
fn signals_on_generated_frames() {
    let dir = std::env::var("CCCD_FRAMES").unwrap();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jpg"))
        .collect();
    files.sort();
    let show = |i: &FrameInfo| {
        format!(
            "f{} m{:.2} s{:.2} g{:.2} {:?}",
            i.finders,
            i.module_px.unwrap_or(-1.0),
            i.sharpness.unwrap_or(-1.0),
            i.saturated.unwrap_or(-1.0),
            i.hint
        )
    };
    for f in files {
        let img = decode_image_file(&std::fs::read(&f).unwrap()).unwrap();
        let a = once(&img);
        let b = once(&motion_blur(&img, 5));
        let c = once(&shrink(&img, 2));
        println!(
            "{:>14} read {} | {} | blur5 read {} {} | half read {} {}",
            f.file_name().unwrap().to_string_lossy(),
            a.card.is_ok(),
            show(&a.info),
            b.card.is_ok(),
            show(&b.info),
            c.card.is_ok(),
            show(&c.info),
        );
    }
}

fn info(finders: u8, module: f32, sharpness: f32, saturated: f32) -> FrameInfo {
    FrameInfo {
        finders,
        module_px: (finders > 0).then_some(module),
        sharpness: (finders > 0).then_some(sharpness),
        saturated: (finders > 0).then_some(saturated),
        ..FrameInfo::default()
    }
}

/// The rule on its own, either side of each threshold, in its order.
#[test]
fn the_rule_takes_the_first_signal_that_applies() {
    assert_eq!(
        info(0, 0.0, 0.0, 0.0).unread_hint(),
        Some(Hint::NoCodeInView)
    );
    assert_eq!(
        info(3, 1.9, 0.1, 0.5).unread_hint(),
        Some(Hint::ReduceGlare)
    );
    assert_eq!(
        info(3, 1.9, 0.1, 0.15).unread_hint(),
        Some(Hint::MoveCloser)
    );
    assert_eq!(info(3, 2.3, 0.5, 0.0).unread_hint(), Some(Hint::MoveCloser));
    assert_eq!(
        info(3, 2.5, 0.1, 0.3).unread_hint(),
        Some(Hint::ReduceGlare)
    );
    assert_eq!(info(3, 2.5, 0.5, 0.15).unread_hint(), None);
    assert_eq!(info(3, 3.0, 0.3, 0.0).unread_hint(), Some(Hint::HoldStill));
    assert_eq!(info(3, 3.0, 0.4, 0.0).unread_hint(), None);
    // One or two finders: a softer region is not yet blur.
    assert_eq!(info(1, 8.0, 0.3, 0.0).unread_hint(), None);
    assert_eq!(info(1, 8.0, 0.1, 0.0).unread_hint(), Some(Hint::HoldStill));
}

/// The frame's corners of its code (from a clean read): centre and side.
fn code_at(img: &Gray) -> ((f32, f32), f32) {
    let s = once(img);
    let c = s.card.unwrap().1.corners;
    let side = (c[1].x - c[0].x).hypot(c[1].y - c[0].y);
    (((c[0].x + c[2].x) / 2.0, (c[0].y + c[2].y) / 2.0), side)
}

const FRAMES: [&str; 4] = ["easy-000", "easy-001", "medium-000", "medium-001"];

#[test]
fn clean_frames_read_with_no_hint() {
    for name in FRAMES {
        let s = once(&frame(name));
        assert!(s.card.is_ok(), "{name}");
        assert_eq!((s.info.hint, s.rejected.is_none()), (None, true), "{name}");
    }
}

/// Frames of `tests/data/frames` changed as a camera would see them, each with the hint it must
/// give. Which distortions make which frame unreadable varies (the finders of a frame blurred
/// too much are not found at all: no code in view), so each case names its frame.
#[test]
fn a_small_code_far_away_asks_to_move_closer() {
    // The same scene four or three times further away: ~1.1–1.4 px per module.
    for (name, k) in [("easy-000", 4), ("medium-001", 3)] {
        let s = once(&shrink(&frame(name), k));
        assert!(s.card.is_err(), "{name}: read at 1/{k} of its size");
        assert_eq!(s.info.finders, 3, "{name}: {:?}", s.info);
        assert_eq!(s.info.hint, Some(Hint::MoveCloser), "{name}: {:?}", s.info);
    }
}

#[test]
fn motion_blur_asks_to_hold_still() {
    for name in ["medium-000", "medium-001"] {
        let s = once(&motion_blur(&frame(name), 7));
        assert!(s.card.is_err(), "{name}: read under 7 px of motion blur");
        assert_eq!(s.info.hint, Some(Hint::HoldStill), "{name}: {:?}", s.info);
    }
    // easy-000's larger modules are read through the same blur (the sharper second look of the
    // camera path): a frame that reads gives no hint.
    let s = once(&motion_blur(&frame("easy-000"), 7));
    assert!(s.card.is_ok(), "easy-000: {:?}", s.info);
    assert_eq!(s.info.hint, None, "easy-000: {:?}", s.info);
}

#[test]
fn glare_over_the_code_asks_to_reduce_it() {
    // (medium-001 under this glare is seen as a larger, smaller-moduled candidate: MOVE_CLOSER.)
    for name in ["easy-000", "easy-001", "medium-000"] {
        let img = frame(name);
        let ((cx, cy), side) = code_at(&img);
        let s = once(&glare(&img, cx, cy, 0.3 * side));
        assert!(s.card.is_err(), "{name}: read under glare");
        assert_eq!(s.info.hint, Some(Hint::ReduceGlare), "{name}: {:?}", s.info);
        // Glare beside the code (on the card) changes nothing.
        let s = once(&glare(&img, cx + 1.2 * side, cy, 0.3 * side));
        assert_eq!(s.info.hint, None, "{name}: {:?}", s.info);
    }
}

#[test]
fn no_code_in_view_says_so() {
    let blank = Gray::new(
        1280,
        720,
        (0..1280 * 720)
            .map(|i| 90 + ((i % 1280) / 10) as u8)
            .collect(),
    )
    .unwrap();
    let s = once(&blank);
    assert_eq!(s.info.hint, Some(Hint::NoCodeInView));
    assert!(s.card.is_err() && s.rejected.is_none());
}

/// A page with one QR code of `text` (4 px modules) on a light background.
fn qr_page(text: &str) -> Gray {
    let code =
        qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M).unwrap();
    let (n, module, (w, h)) = (code.width(), 4, (640, 480));
    let mut px = vec![230u8; w * h];
    for (k, c) in code.to_colors().iter().enumerate() {
        if *c == qrcode::Color::Dark {
            let (x0, y0) = (200 + (k % n) * module, 100 + (k / n) * module);
            for y in y0..y0 + module {
                px[y * w + x0..y * w + x0 + module].fill(20);
            }
        }
    }
    Gray::new(w, h, px).unwrap()
}

#[test]
fn a_code_that_is_not_a_card_is_kept_with_its_text_and_the_wrong_code_hint() {
    let s = once(&qr_page("https://example.com/menu"));
    assert!(
        matches!(s.card, Err(cccd_verify::Error::NotCccdPayload)),
        "{:?}",
        s.card
    );
    assert_eq!(s.rejected.unwrap().text, "https://example.com/menu");
    assert_eq!(s.info.hint, Some(Hint::WrongCode));
}

#[test]
fn tracked_frames_give_the_same_hints() {
    // A tracker that saw the code up close, then the card moved away: the tracked region no
    // longer holds it at the right scale, and the hint follows the frame.
    let img = frame("medium-001");
    let mut tracker = Tracker::new();
    assert!(scan(&img, &mut tracker).card.is_ok());
    let s = scan(&shrink(&img, 3), &mut tracker);
    assert_eq!(s.info.hint, Some(Hint::MoveCloser), "{:?}", s.info);
}
