//! The camera path (`DecodeOptions::fast`) on zxing photos of codes seen at an angle
//! (`../shared/qr-bench/zxing`, read in place): ranking a triple's candidate sizes through the
//! finders' affine map, as the camera path does in crops for triples seen square-on, lost these
//! (the timing patterns of a code at an angle drift out of phase along an affine map), so the
//! whole frame and skewed triples rank through the full transform. Each photo must read at each
//! quarter turn listed, with its expected text.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use cccd_verify::qr::{decode, decode_image_file, DecodeOptions};

/// (folder/file, quarter turns clockwise) — every case lost by affine ranking everywhere.
const CASES: [(&str, &[u8]); 8] = [
    ("qrcode-1/1", &[0, 1, 2, 3]),
    ("qrcode-3/01", &[0, 1, 2, 3]),
    ("qrcode-3/04", &[0, 1, 2]),
    ("qrcode-3/07", &[3]),
    ("qrcode-3/09", &[0, 1, 2, 3]),
    ("qrcode-3/14", &[0, 1]),
    ("qrcode-5/01", &[0, 2]),
    ("qrcode-5/06", &[2]),
];

#[test]
fn photos_at_an_angle_read_on_the_camera_path() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/qr-bench/zxing");
    let mut read = 0;
    for (name, turns) in CASES {
        let img = decode_image_file(&std::fs::read(format!("{dir}/{name}.png")).unwrap()).unwrap();
        let want = std::fs::read_to_string(format!("{dir}/{name}.txt")).unwrap();
        for &t in turns {
            let codes =
                decode(&img.rotate(t), &DecodeOptions::fast(), &mut |_| {}).unwrap_or_default();
            assert!(
                codes.iter().any(|c| c.text == want),
                "{name} turned {t}× 90°: {:?}",
                codes.iter().map(|c| &c.text).collect::<Vec<_>>()
            );
            read += 1;
        }
    }
    assert_eq!(read, 21);
}
