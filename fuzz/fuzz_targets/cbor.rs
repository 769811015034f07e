//! Any bytes through the CBOR reader (`cbor::decode`) with the default, the strict and a small
//! budget, checked against the writer (`cbor::encode`); every tag-24 item inside is decoded on
//! demand. The body is `fuzz/bodies/cbor.rs`, which `tests/fuzz_corpus.rs` replays on stable
//! Rust. Nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

include!("../bodies/cbor.rs");

fuzz_target!(|data: &[u8]| {
    let _ = cbor_body(data);
});
