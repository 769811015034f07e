//! The `mdoc` fuzz target: its body is `fuzz/bodies/mdoc.rs`, which `tests/fuzz_corpus.rs`
//! replays on stable Rust.
#![no_main]

#[path = "../bodies/mdoc.rs"]
mod body;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = body::run(data);
});
