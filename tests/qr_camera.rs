//! The camera path (`decode_frame`, `scan_frame`): what a frame reports (no code in view, module
//! size, sharpness, glare), the tracked region read first, and samples combined across frames.
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

use cccd_verify::qr::{decode_frame, decode_image_file, scan_frame, DecodeOptions, Gray, Tracker};
use cccd_verify::{Date, Error};

fn frame(name: &str) -> (Gray, String) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/frames");
    let img = decode_image_file(&std::fs::read(format!("{dir}/{name}.jpg")).unwrap()).unwrap();
    let text = std::fs::read_to_string(format!("{dir}/{name}.txt")).unwrap();
    (img, text)
}

const FRAMES: [&str; 4] = ["easy-000", "easy-001", "medium-000", "medium-001"];

fn fast(
    img: &Gray,
    tracker: &mut Tracker,
) -> (Vec<cccd_verify::qr::QrCode>, cccd_verify::qr::FrameInfo) {
    let (r, info) = decode_frame(img, &DecodeOptions::fast(), tracker, &mut |_| {});
    (r.unwrap_or_default(), info)
}

/// The code's centre, its two edge vectors (top-left → top-right, top-left → bottom-left) and
/// its side, from a clean read.
type Xy = (f32, f32);

fn geometry(img: &Gray) -> (Xy, Xy, Xy, f32) {
    let codes = fast(img, &mut Tracker::new()).0;
    let c = &codes[0].corners;
    let u = (c[1].x - c[0].x, c[1].y - c[0].y);
    let v = (c[3].x - c[0].x, c[3].y - c[0].y);
    (
        ((c[0].x + c[2].x) / 2.0, (c[0].y + c[2].y) / 2.0),
        u,
        v,
        u.0.hypot(u.1),
    )
}

#[test]
fn a_code_no_single_frame_reads_under_moving_glare_is_read_from_two_frames() {
    for name in FRAMES {
        let (img, text) = frame(name);
        let ((cx, cy), u, v, side) = geometry(&img);
        // A saturated disc over a quarter of the code, somewhere else in each frame.
        let frames: Vec<Gray> = [(-0.12f32, -0.12f32), (0.12, 0.12), (0.12, -0.12)]
            .iter()
            .map(|&(a, b)| {
                glare(
                    &img,
                    cx + a * u.0 + b * v.0,
                    cy + a * u.1 + b * v.1,
                    0.26 * side,
                )
            })
            .collect();
        for f in &frames {
            let (codes, info) = fast(f, &mut Tracker::new());
            assert!(
                codes.is_empty(),
                "{name}: a single glared frame read: {codes:?}"
            );
            assert_eq!(info.finders, 3, "{name}: the code is still seen");
        }
        let mut tracker = Tracker::new();
        let (first, _) = fast(&frames[0], &mut tracker);
        assert!(first.is_empty());
        let (codes, info) = fast(&frames[1], &mut tracker);
        assert_eq!(codes.len(), 1, "{name}");
        assert_eq!(codes[0].text, text, "{name}");
        assert_eq!(codes[0].attempt, "multi-frame-grid", "{name}");
        assert_eq!(info.frames_combined, 2, "{name}");
    }
}

#[test]
fn the_region_where_the_code_was_is_read_first() {
    let (img, text) = frame("easy-000");
    let mut tracker = Tracker::new();
    let (codes, info) = fast(&img, &mut tracker);
    assert_eq!(
        (codes[0].text.as_str(), codes[0].attempt),
        (text.as_str(), "grid")
    );
    let track = info.track.unwrap();
    assert_eq!(tracker.track(), Some(track));
    // The region holds the code.
    for p in &codes[0].corners {
        assert!(
            p.x >= track.x && p.x <= track.x + track.size,
            "{p:?} {track:?}"
        );
        assert!(
            p.y >= track.y && p.y <= track.y + track.size,
            "{p:?} {track:?}"
        );
    }
    let (codes, info) = fast(&img, &mut tracker);
    assert_eq!(
        (codes[0].text.as_str(), codes[0].attempt),
        (text.as_str(), "track-grid")
    );
    assert_eq!(info.frames_combined, 1);
    // A tracker whose region no longer holds the code (the card moved 400 px to the right)
    // falls back to the whole frame.
    let mut elsewhere = Tracker::new();
    let blank = Gray::new(1280, 720, vec![200; 1280 * 720]).unwrap();
    fast(&img, &mut elsewhere);
    let shifted = Gray::new(
        1280,
        720,
        (0..720)
            .flat_map(|y| (0..1280).map(move |x| (x, y)))
            .map(|(x, y): (usize, usize)| {
                if x >= 400 {
                    img.pixels()[y * 1280 + x - 400]
                } else {
                    blank.pixels()[0]
                }
            })
            .collect(),
    )
    .unwrap();
    let (codes, _) = fast(&shifted, &mut elsewhere);
    assert_eq!(codes.len(), 1);
    assert_eq!(codes[0].attempt, "grid");
}

#[test]
fn a_frame_reports_finders_module_size_sharpness_and_glare() {
    let (img, _) = frame("medium-000");
    let (_, info) = fast(&img, &mut Tracker::new());
    assert_eq!(info.finders, 3);
    let module = info.module_px.unwrap();
    assert!((1.8..3.5).contains(&module), "{module}");
    // The same frame at half size: modules half as large (too far: the hint to move closer).
    let (_, half) = fast(&half_size(&img), &mut Tracker::new());
    let m2 = half.module_px.unwrap();
    assert!((m2 / module - 0.5).abs() < 0.15, "{m2} vs {module}");
    // Blur lowers the sharpness measure.
    let sharp = info.sharpness.unwrap();
    let (_, blurred) = fast(&img.box_blur(1), &mut Tracker::new());
    assert_eq!(blurred.finders, 3, "{blurred:?}");
    assert!(
        blurred.sharpness.unwrap() < 0.8 * sharp,
        "{blurred:?} vs {sharp}"
    );
    // Glare over the code raises the saturated share.
    let ((cx, cy), _, _, side) = geometry(&img);
    let (_, glared) = fast(&glare(&img, cx, cy, 0.3 * side), &mut Tracker::new());
    assert!(glared.saturated.unwrap() > 0.25, "{glared:?}");
    // A clean code is not washed out anywhere (bright cards included).
    for name in FRAMES {
        let (_, info) = fast(&frame(name).0, &mut Tracker::new());
        assert!(info.saturated.unwrap() < 0.1, "{name}: {info:?}");
    }
}

fn half_size(img: &Gray) -> Gray {
    let (w, h) = (img.width() / 2, img.height() / 2);
    let px = (0..h)
        .flat_map(|y| (0..w).map(move |x| (x, y)))
        .map(|(x, y)| {
            let p = |dx: usize, dy: usize| {
                u16::from(img.pixels()[(2 * y + dy) * img.width() + 2 * x + dx])
            };
            ((p(0, 0) + p(1, 0) + p(0, 1) + p(1, 1) + 2) / 4) as u8
        })
        .collect();
    Gray::new(w, h, px).unwrap()
}

#[test]
fn no_code_in_view_is_reported_and_forgets_the_track_after_a_few_frames() {
    let (img, _) = frame("easy-001");
    let blank = Gray::new(
        1280,
        720,
        (0..1280 * 720)
            .map(|i| 120 + ((i % 1280) / 20) as u8)
            .collect(),
    )
    .unwrap();
    let mut tracker = Tracker::new();
    let now = Date::new(2026, 11, 27).unwrap();
    let (card, info) = scan_frame(&img, &mut tracker, now, &mut |_| {});
    assert!(card.is_ok());
    assert_eq!(info.finders, 3);
    assert!(tracker.track().is_some());
    for k in 0..5 {
        let (r, info) = scan_frame(&blank, &mut tracker, now, &mut |_| {});
        assert!(matches!(r, Err(Error::NoQrFound)), "{r:?}");
        assert_eq!((info.finders, info.module_px, info.track), (0, None, None));
        // Kept through short gaps (a hand passing), forgotten after four frames without it.
        assert_eq!(
            tracker.track().is_some(),
            k < 3,
            "after {} blank frames",
            k + 1
        );
    }
}
