//! The body of the `qr_payload` fuzz target, replayed by `tests/fuzz_corpus.rs`: any bytes
//! through `parse_qr_bytes`, and through `parse_qr_text` when they are UTF-8 (fixed `now` =
//! 2026-11-27). Nothing may panic; a parsed card must serialise.
#![allow(dead_code)]

use cccd_verify::{parse_qr_bytes, parse_qr_text, Date, Lang};

/// Runs the body on one input; true when the bytes parsed as a card.
pub fn run(data: &[u8]) -> bool {
    let Some(now) = Date::new(2026, 11, 27) else {
        return false;
    };
    let parsed = match parse_qr_bytes(data, now) {
        Ok(card) => {
            let _ = card.to_json(Lang::En);
            true
        }
        Err(_) => false,
    };
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
    parsed
}
