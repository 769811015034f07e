//! The body of the `image_file` fuzz target, replayed by `tests/fuzz_corpus.rs`: arbitrary bytes
//! as a PNG/JPEG file (`qr::decode_image_file`): a typed error or an image, never a panic.
#![allow(dead_code)]

/// Runs the body on one input; true when the bytes decoded as an image.
pub fn run(data: &[u8]) -> bool {
    cccd_verify::qr::decode_image_file(data).is_ok()
}
