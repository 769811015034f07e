//! Still-image attempts on photos of the public zxing set (`../shared/qr-bench/zxing`, read in
//! place), for the rules that only real photos show.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use cccd_verify::qr::{decode, decode_image_file, DecodeOptions, Gray};

fn photo(name: &str) -> (Gray, String) {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/qr-bench/zxing");
    let img = decode_image_file(&std::fs::read(format!("{root}/{name}.png")).unwrap()).unwrap();
    let text = std::fs::read_to_string(format!("{root}/{name}.txt")).unwrap();
    (img, text)
}

#[test]
fn a_perspective_photo_is_read_from_another_grouping_of_its_finders() {
    // qrcode-3/21 turned 90°: a square inside the code makes a better right angle with two of
    // the finders than the third finder does, so the first pass samples the wrong triple (and
    // rqrr's crops fail too); the next grouping of the same finders is the code's.
    let (img, text) = photo("qrcode-3/21");
    let codes = decode(&img.rotate(1), &DecodeOptions::thorough(), &mut |_| {}).unwrap();
    assert_eq!(codes.len(), 1);
    assert_eq!(codes[0].text, text);
    assert_eq!(codes[0].attempt, "grouping-grid");
    // Upright, the first pass groups the finders right: no other grouping is tried.
    let codes = decode(&img, &DecodeOptions::thorough(), &mut |_| {}).unwrap();
    assert_eq!(codes[0].text, text);
    assert_eq!(codes[0].attempt, "grid");
}
