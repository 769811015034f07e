//! Any bytes through `parse_qr_bytes`, and through `parse_qr_text` when they are UTF-8.
//! Nothing may panic; a parsed card must serialise. `tests/fuzz_corpus.rs` replays the
//! corpus with the same calls on stable Rust.
#![no_main]

use cccd_verify::{parse_qr_bytes, parse_qr_text, Date, Lang};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(now) = Date::new(2026, 11, 27) else {
        return;
    };
    if let Ok(card) = parse_qr_bytes(data, now) {
        let _ = card.to_json(Lang::En);
    }
    if let Ok(text) = std::str::from_utf8(data) {
        match parse_qr_text(text, now) {
            Ok(card) => {
                let _ = card.to_json(Lang::Vi);
            }
            Err(e) => {
                let _ = e.to_json(Lang::Vi);
            }
        }
    }
});
