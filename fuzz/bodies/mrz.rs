//! The body of the `mrz` fuzz target, replayed by `tests/fuzz_corpus.rs`: any bytes, read as
//! lossy UTF-8, through `parse_mrz`; a parsed MRZ is cross-checked against a fixed valid card.
//! Nothing may panic.
#![allow(dead_code)]

use cccd_verify::{cross_check, parse_mrz, parse_qr_text, Date, Lang};

const CARD: &str = "001090000123|012345678|Nguyễn Văn An|15031990|Nam|Số 1 Ngõ 2, Phường Láng Hạ, Quận Đống Đa, Hà Nội|20042021";

/// Runs the body on one input; true when the MRZ parsed and was cross-checked.
pub fn run(data: &[u8]) -> bool {
    let text = String::from_utf8_lossy(data);
    let Ok(mrz) = parse_mrz(&text) else {
        return false;
    };
    let Some(now) = Date::new(2026, 11, 27) else {
        return false;
    };
    let Ok(card) = parse_qr_text(CARD, now) else {
        return false;
    };
    let _ = cross_check(&card, &mrz);
    let _ = card.with_mrz(mrz).to_json(Lang::En);
    true
}
