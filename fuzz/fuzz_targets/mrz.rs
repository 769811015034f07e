//! Any bytes, read as lossy UTF-8, through `parse_mrz`; a parsed MRZ is cross-checked against
//! a fixed valid card. Nothing may panic. `tests/fuzz_corpus.rs` replays the corpus with the
//! same calls on stable Rust.
#![no_main]

use cccd_verify::{cross_check, parse_mrz, parse_qr_text, Date, Lang};
use libfuzzer_sys::fuzz_target;

const CARD: &str = "001090000123|012345678|Nguyễn Văn An|15031990|Nam|Số 1 Ngõ 2, Phường Láng Hạ, Quận Đống Đa, Hà Nội|20042021";

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(mrz) = parse_mrz(&text) else {
        return;
    };
    let Some(now) = Date::new(2026, 11, 27) else {
        return;
    };
    let Ok(card) = parse_qr_text(CARD, now) else {
        return;
    };
    let _ = cross_check(&card, &mrz);
    let _ = card.with_mrz(mrz).to_json(Lang::En);
});
