//! The QR front end on committed generated camera frames (`tests/data/frames/`): every frame
//! must decode to its exact payload, in fast (camera) and thorough mode, and scan to a card.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use cccd_verify::qr::{decode, decode_image_file, scan_cccd, DecodeOptions};
use cccd_verify::{parse_qr_text, Date};

fn frames() -> Vec<(String, Vec<u8>, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/frames");
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jpg"))
        .map(|p| {
            let expected = std::fs::read_to_string(p.with_extension("txt")).unwrap();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
                expected,
            )
        })
        .collect();
    out.sort();
    assert_eq!(out.len(), 4, "the fixture set changed: update this test");
    out
}

#[test]
fn every_committed_frame_decodes_to_its_payload_in_fast_and_thorough_mode() {
    for (name, bytes, expected) in frames() {
        let img = decode_image_file(&bytes).unwrap();
        assert_eq!((img.width(), img.height()), (1280, 720), "{name}");
        for opts in [DecodeOptions::fast(), DecodeOptions::thorough()] {
            let codes = decode(&img, &opts, &mut |_| {}).unwrap();
            assert!(
                codes.iter().any(|c| c.text == expected),
                "{name} ({opts:?}): {codes:?}"
            );
            let c = codes.iter().find(|c| c.text == expected).unwrap();
            assert_eq!(c.bytes, expected.as_bytes(), "{name}");
            // Corners lie inside the frame and span a plausible QR (at least 20 px wide).
            assert!(
                c.corners
                    .iter()
                    .all(|p| (0.0..1280.0).contains(&p.x) && (0.0..720.0).contains(&p.y)),
                "{name}: {:?}",
                c.corners
            );
            let width = (c.corners[1].x - c.corners[0].x).hypot(c.corners[1].y - c.corners[0].y);
            assert!(width > 20.0, "{name}: {width}");
            assert!((1..=40).contains(&c.version));
        }
    }
}

#[test]
fn scanning_a_frame_gives_the_same_card_as_parsing_its_payload() {
    let now = Date::new(2026, 11, 27).unwrap();
    for (name, bytes, expected) in frames() {
        let img = decode_image_file(&bytes).unwrap();
        let (card, code) = scan_cccd(&img, &DecodeOptions::fast(), now, &mut |_| {}).unwrap();
        assert_eq!(code.text, expected, "{name}");
        assert_eq!(card, parse_qr_text(&expected, now).unwrap(), "{name}");
    }
}

#[test]
fn a_frame_rotated_a_quarter_turn_still_decodes() {
    for (name, bytes, expected) in frames() {
        let img = decode_image_file(&bytes).unwrap().rotate(1);
        let codes = decode(&img, &DecodeOptions::thorough(), &mut |_| {}).unwrap();
        assert!(codes.iter().any(|c| c.text == expected), "{name} rotated");
    }
}
