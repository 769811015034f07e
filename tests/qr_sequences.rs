//! Multi-frame reading on the camera path (issue 10 items 3 and 5): the first three frames of a
//! hard generated sequence (`tools/framegen sequences --seed 20261204 --count 40 --tier hard`,
//! `hard-003-glare`: 2.0 px per module, blur σ 1.0, a glare blob crossing the code), none of which
//! reads on its own, read when fed in order to one `Tracker` — the third frame's grid averaged
//! with the second's. The same frames with the tracker reset before each read nothing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use cccd_verify::qr::{decode_frame, decode_image_file, DecodeOptions, Gray, Tracker};

fn sequence() -> (Vec<Gray>, String) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sequence-hard");
    let frames = (0..3)
        .map(|k| decode_image_file(&std::fs::read(format!("{dir}/{k:02}.jpg")).unwrap()).unwrap())
        .collect();
    let text = std::fs::read_to_string(format!("{dir}/expected.txt")).unwrap();
    (frames, text)
}

#[test]
fn no_single_frame_of_the_sequence_reads() {
    let (frames, _) = sequence();
    for (k, img) in frames.iter().enumerate() {
        let (r, info) = decode_frame(
            img,
            &DecodeOptions::fast(),
            &mut Tracker::new(),
            &mut |_| {},
        );
        assert_eq!(r.unwrap(), vec![], "frame {k}");
        assert!(info.finders >= 2, "frame {k}: the code is seen");
    }
}

#[test]
fn the_sequence_reads_by_combining_frames() {
    let (frames, text) = sequence();
    let mut tracker = Tracker::new();
    let mut read = Vec::new();
    for img in &frames {
        let (r, info) = decode_frame(img, &DecodeOptions::fast(), &mut tracker, &mut |_| {});
        read.push((r.unwrap(), info.frames_combined));
    }
    assert!(read[0].0.is_empty() && read[1].0.is_empty(), "{read:?}");
    let (codes, combined) = &read[2];
    assert_eq!(codes.len(), 1);
    assert_eq!(codes[0].text, text);
    assert_eq!(codes[0].attempt, "multi-frame-grid");
    assert!(*combined >= 2, "{combined}");
}

#[test]
fn without_the_previous_frames_the_sequence_does_not_read() {
    let (frames, _) = sequence();
    let mut tracker = Tracker::new();
    for (k, img) in frames.iter().enumerate() {
        tracker.reset();
        let (r, _) = decode_frame(img, &DecodeOptions::fast(), &mut tracker, &mut |_| {});
        assert_eq!(r.unwrap(), vec![], "frame {k}");
    }
}

/// Frame 2 of `hard-004-light` (same seed; `tests/data/frames-hard/seq-004-light-02.jpg`, 1.5 px
/// per module, blur σ 1.0, a moving light): the whole-frame finder scan ranks squares of the
/// card above the code's finders, so no finder candidate covers the code; the region that
/// looks most like a code (dark and busy with edges both ways) is cropped and read. Without
/// that candidate, no frame of the sequence reads alone.
#[test]
fn a_code_whose_finders_the_frame_scan_misses_is_read_where_the_frame_looks_like_a_code() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/frames-hard");
    let img =
        decode_image_file(&std::fs::read(format!("{dir}/seq-004-light-02.jpg")).unwrap()).unwrap();
    let text = std::fs::read_to_string(format!("{dir}/seq-004-light-02.txt")).unwrap();
    let (r, info) = decode_frame(
        &img,
        &DecodeOptions::fast(),
        &mut Tracker::new(),
        &mut |_| {},
    );
    let codes = r.unwrap();
    assert_eq!(codes.len(), 1, "{codes:?}");
    assert_eq!(codes[0].text, text);
    assert_eq!(codes[0].attempt, "texture-grid");
    assert_eq!(info.frames_combined, 1);
    // A frame showing no code: no candidate by texture either, and nothing read.
    let flat = Gray::new(1280, 720, vec![200; 1280 * 720]).unwrap();
    let (r, info) = decode_frame(
        &flat,
        &DecodeOptions::fast(),
        &mut Tracker::new(),
        &mut |_| {},
    );
    assert_eq!(r.unwrap(), vec![]);
    assert_eq!(info.finders, 0);
}
