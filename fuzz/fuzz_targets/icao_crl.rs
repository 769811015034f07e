//! The `icao_crl` fuzz target: its body is `fuzz/bodies/icao_crl.rs`, which `tests/fuzz_corpus.rs`
//! replays on stable Rust.
#![no_main]

#[path = "../bodies/icao_crl.rs"]
mod body;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = body::run(data);
});
