//! Glue of the `image` module: PNG/JPEG file bytes → 8-bit grey pixels, handed by the JS layer
//! to the `scan` module. Pages that pass camera frames or `ImageData` never load it.

use wasm_bindgen::prelude::wasm_bindgen;

use super::usage;
use crate::{qr, Lang};

/// Decodes a PNG or JPEG file. The result is one byte array: `[1, width (u32 LE),
/// height (u32 LE), luma…]` on success, `[0, {"ok":false,…} JSON (UTF-8)…]` on failure — one copy out
/// of wasm memory and no serialisation of the pixels.
#[wasm_bindgen(js_name = decodeImageFile)]
pub fn decode_image_file(data: &[u8], lang: &str) -> Vec<u8> {
    let Some(lang) = Lang::parse(lang) else {
        let mut out = vec![0];
        out.extend_from_slice(usage("lang must be \"en\" or \"vi\"").as_bytes());
        return out;
    };
    match qr::decode_image_file(data) {
        Ok(img) => {
            let (w, h) = (img.width(), img.height());
            let mut out = Vec::with_capacity(9 + img.pixels().len());
            out.push(1);
            out.extend_from_slice(&u32::try_from(w).unwrap_or(0).to_le_bytes());
            out.extend_from_slice(&u32::try_from(h).unwrap_or(0).to_le_bytes());
            out.extend_from_slice(img.pixels());
            out
        }
        Err(e) => {
            let mut out = vec![0];
            let json = serde_json::json!({ "ok": false, "error": e.to_json(lang) });
            out.extend_from_slice(json.to_string().as_bytes());
            out
        }
    }
}
