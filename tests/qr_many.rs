//! Many codes in one image (issue 10, item 8): the thorough mode (`multiple`) promises "every QR
//! code", so an image holding 50 or 200 distinct codes must yield all of them, within the work
//! budget. Images are drawn here from an independent encoder (the `qrcode` crate).
#![allow(
    clippy::unwrap_used,
    clippy::cast_possible_truncation,
    clippy::indexing_slicing
)]

use cccd_verify::qr::{decode, gray_from_luma, DecodeOptions, Gray};
use qrcode::{EcLevel, QrCode};

/// `cols`×`rows` distinct codes ("code 000", "code 001", …), each `module` px per module with a
/// 4-module quiet zone, in a grid.
fn sheet(cols: usize, rows: usize, module: usize) -> (Gray, Vec<String>) {
    let texts: Vec<String> = (0..cols * rows).map(|i| format!("code {i:03}")).collect();
    let codes: Vec<QrCode> = texts
        .iter()
        .map(|t| QrCode::with_error_correction_level(t.as_bytes(), EcLevel::M).unwrap())
        .collect();
    let n = codes[0].width();
    assert!(codes.iter().all(|c| c.width() == n));
    let cell = (n + 8) * module;
    let (w, h) = (cols * cell, rows * cell);
    let mut px = vec![255u8; w * h];
    for (i, code) in codes.iter().enumerate() {
        let (ox, oy) = (
            (i % cols) * cell + 4 * module,
            (i / cols) * cell + 4 * module,
        );
        for (k, c) in code.to_colors().iter().enumerate() {
            if *c == qrcode::Color::Dark {
                let (mx, my) = (k % n, k / n);
                for y in 0..module {
                    let row = (oy + my * module + y) * w;
                    px[row + ox + mx * module..row + ox + (mx + 1) * module].fill(0);
                }
            }
        }
    }
    (gray_from_luma(w, h, w, &px).unwrap(), texts)
}

fn read_all(img: &Gray) -> Vec<String> {
    let mut found: Vec<String> = decode(img, &DecodeOptions::thorough(), &mut |_| {})
        .unwrap()
        .into_iter()
        .map(|c| c.text)
        .collect();
    found.sort();
    found
}

#[test]
fn fifty_codes_in_one_image_are_all_read() {
    let (img, texts) = sheet(10, 5, 4);
    assert_eq!(read_all(&img), texts);
}

#[test]
fn two_hundred_codes_in_one_image_are_all_read() {
    let (img, texts) = sheet(16, 13, 3);
    let found = read_all(&img);
    assert_eq!(found.len(), 208, "read {} of 208", found.len());
    assert_eq!(found, texts);
}

#[test]
fn the_camera_mode_stops_at_the_first_code() {
    let (img, _) = sheet(4, 2, 4);
    let found = decode(&img, &DecodeOptions::fast(), &mut |_| {}).unwrap();
    assert_eq!(found.len(), 1);
}
