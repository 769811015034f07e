//! The `qr_image` fuzz target: its body is `fuzz/bodies/qr_image.rs`, which
//! `tests/fuzz_corpus.rs` replays on stable Rust. A panic located in rqrr skips that decoder
//! attempt (`fuzz/bodies/panics.rs`, whose hook keeps libFuzzer's abort for every other panic).
#![no_main]

#[path = "../bodies/panics.rs"]
mod panics;

#[path = "../bodies/qr_image.rs"]
mod body;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = body::run(data);
});
