//! The `qr_payload` fuzz target: its body is `fuzz/bodies/qr_payload.rs`, which `tests/fuzz_corpus.rs`
//! replays on stable Rust.
#![no_main]

#[path = "../bodies/qr_payload.rs"]
mod body;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = body::run(data);
});
