//! Glue of the `image` module: PNG/JPEG file bytes → 8-bit grey pixels, handed by the JS layer
//! to the `scan` module. Pages that pass camera frames or `ImageData` never load it.
//!
//! An error comes back as its kind and size, and the `scan` module (always loaded with it) turns
//! that into the typed error (`imageError`), so the error table's params code is not shipped
//! twice; the JS layer renders the message, as for every error.

use wasm_bindgen::prelude::wasm_bindgen;

use crate::{qr, Error};

/// Decodes a PNG or JPEG file. The result is one byte array: `[1, width (u32 LE), height (u32
/// LE), luma…]` on success; on failure `[0, kind, width (u32 LE), height (u32 LE)]` with kind 1
/// for `ERR_IMAGE_DECODE`, 2 for `ERR_IMAGE_TOO_LARGE` and 3 for `ERR_INPUT_TOO_LARGE` (the
/// file's size in place of the width); see `imageError` in the scan glue.
#[wasm_bindgen(js_name = decodeImageFile)]
pub fn decode_image_file(data: &[u8]) -> Vec<u8> {
    let le = |v: usize| u32::try_from(v).unwrap_or(u32::MAX).to_le_bytes();
    match qr::decode_image_file(data) {
        Ok(img) => {
            let mut out = Vec::with_capacity(9 + img.pixels().len());
            out.push(1);
            out.extend_from_slice(&le(img.width()));
            out.extend_from_slice(&le(img.height()));
            out.extend_from_slice(img.pixels());
            out
        }
        Err(Error::ImageTooLarge { width, height, .. }) => {
            let mut out = vec![0, 2];
            out.extend_from_slice(&le(width));
            out.extend_from_slice(&le(height));
            out
        }
        Err(Error::InputTooLarge { len, .. }) => {
            let mut out = vec![0, 3];
            out.extend_from_slice(&le(len));
            out.extend_from_slice(&le(0));
            out
        }
        Err(_) => vec![0, 1, 0, 0, 0, 0, 0, 0, 0, 0],
    }
}
