//! The `sd_jwt` fuzz target: its body is `fuzz/bodies/sd_jwt.rs`, which `tests/fuzz_corpus.rs`
//! replays on stable Rust.
#![no_main]

#[path = "../bodies/sd_jwt.rs"]
mod body;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = body::run(data);
});
