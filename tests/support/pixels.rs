//! Pixel edits shared by the camera-path tests (`tests/qr_camera.rs`, `tests/qr_hints.rs`).

use cccd_verify::qr::Gray;

/// `img` with a saturated disc (glare) of radius `r` at (`cx`, `cy`).
pub fn glare(img: &Gray, cx: f32, cy: f32, r: f32) -> Gray {
    let w = img.width();
    let px = img
        .pixels()
        .iter()
        .enumerate()
        .map(|(i, &p)| {
            let (x, y) = ((i % w) as f32 + 0.5, (i / w) as f32 + 0.5);
            if (x - cx).hypot(y - cy) < r {
                255
            } else {
                p
            }
        })
        .collect();
    Gray::new(w, img.height(), px).unwrap()
}
