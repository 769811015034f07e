//! The body of the `status_list` fuzz target, replayed by `tests/fuzz_corpus.rs`: any bytes (1)
//! as a compressed status array: the first byte picks `bits` (1, 2, 4 or 8, or itself, to
//! exercise the refusal), the rest is inflated as zlib with a 1 MiB budget and read at its first,
//! middle, last and out-of-range indices; and (2), when UTF-8, as a Status List Token verified
//! with a fixed key at a fixed clock (nothing the fuzzer writes carries a valid signature, but all
//! the parsing before the signature check runs). Nothing may panic. Seeds:
//! `fuzz/corpus/status_list/` (from `tests/status_list.rs`).
#![allow(dead_code)]

use cccd_verify::jose::{Algorithm, PublicKey};
use cccd_verify::status::{StatusArray, StatusBudget, StatusListToken};
use cccd_verify::Lang;

/// 2026-11-27T00:00:00Z, the clock of `tests/status_list.rs`.
const NOW: i64 = 1_795_737_600;
const URI: &str = "https://status.example.vn/statuslists/1";
/// Small so that each run is fast; the limit logic is the same at any size.
const MAX_DECOMPRESSED: usize = 1 << 20;
/// The P-256 base point G (SEC 2 §2.4.2), uncompressed: the public key of the private scalar 1,
/// so seeds signed with that scalar (`tests/status_list.rs`) get past the signature check.
const KEY_SEC1: [u8; 65] = [
    0x04, 0x6b, 0x17, 0xd1, 0xf2, 0xe1, 0x2c, 0x42, 0x47, 0xf8, 0xbc, 0xe6, 0xe5, 0x63, 0xa4, 0x40,
    0xf2, 0x77, 0x03, 0x7d, 0x81, 0x2d, 0xeb, 0x33, 0xa0, 0xf4, 0xa1, 0x39, 0x45, 0xd8, 0x98, 0xc2,
    0x96, 0x4f, 0xe3, 0x42, 0xe2, 0xfe, 0x1a, 0x7f, 0x9b, 0x8e, 0xe7, 0xeb, 0x4a, 0x7c, 0x0f, 0x9e,
    0x16, 0x2b, 0xce, 0x33, 0x57, 0x6b, 0x31, 0x5e, 0xce, 0xcb, 0xb6, 0x40, 0x68, 0x37, 0xbf, 0x51,
    0xf5,
];

/// Runs the body on one input; true when the input verified as a Status List Token.
pub fn run(data: &[u8]) -> bool {
    if let Some((&selector, zlib)) = data.split_first() {
        let bits = match selector % 5 {
            0 => 1,
            1 => 2,
            2 => 4,
            3 => 8,
            _ => selector,
        };
        match StatusArray::decompress(bits, zlib, MAX_DECOMPRESSED) {
            Ok(array) => {
                assert!(array.as_bytes().len() <= MAX_DECOMPRESSED);
                let n = array.len();
                for i in [0, n / 2, n.saturating_sub(1), n, u64::MAX] {
                    let _ = array.status(i);
                }
            }
            Err(e) => {
                let _ = e.to_json(Lang::En);
            }
        }
    }
    let (Ok(text), Ok(key)) = (
        std::str::from_utf8(data),
        PublicKey::p256_from_sec1(&KEY_SEC1),
    ) else {
        return false;
    };
    let mut budget = StatusBudget::default();
    budget.max_decompressed_bytes = MAX_DECOMPRESSED;
    match StatusListToken::verify(text, &key, &[Algorithm::Es256], NOW, URI, budget) {
        Ok(list) => {
            let _ = list.status(0);
            true
        }
        Err(e) => {
            let _ = e.to_json(Lang::Vi);
            false
        }
    }
}
