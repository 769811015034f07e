//! The `dcapi` fuzz target: its body is `fuzz/bodies/dcapi.rs`, which `tests/fuzz_corpus.rs`
//! replays on stable Rust.
#![no_main]

#[path = "../bodies/dcapi.rs"]
mod body;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = body::run(data);
});
