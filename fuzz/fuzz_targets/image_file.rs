//! Arbitrary bytes as a PNG/JPEG file (`qr::decode_image_file`): a typed error or an image,
//! never a panic. `tests/fuzz_corpus.rs` replays the corpus.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = cccd_verify::qr::decode_image_file(data);
});
