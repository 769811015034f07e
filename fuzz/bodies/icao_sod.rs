//! The body of the `icao_sod` fuzz target (EF.SOD: tag 0x77, CMS SignedData, the
//! LDSSecurityObject), shared by `fuzz/fuzz_targets/icao_sod.rs` and `tests/fuzz_corpus.rs`.
//! Nothing may panic; a parsed SOD lists 1–16 data groups with hashes of its hash's length, and
//! a full `verify_chip` on it ends in a result or a typed error. Returns true when the SOD
//! parsed.

pub fn run(data: &[u8]) -> bool {
    use cccd_verify::icao::{sod, verify_chip, ChipDump, ChipOptions};
    let parsed = match sod::parse(data) {
        Ok(s) => {
            assert!(!s.hashes.is_empty());
            for (n, h) in &s.hashes {
                assert!((1..=16).contains(n));
                assert_eq!(h.len(), s.hash.len());
            }
            true
        }
        Err(e) => {
            assert!(e.code().starts_with("ERR_CHIP_SOD"));
            let _ = e.message(cccd_verify::Lang::Vi);
            false
        }
    };
    let dump = ChipDump {
        sod: data.to_vec(),
        ..ChipDump::default()
    };
    match verify_chip(&dump, &ChipOptions::new(1_750_000_000).allow_sha1()) {
        Ok(r) => {
            assert!(parsed);
            let _ = r.to_json();
        }
        Err(e) => {
            let _ = e.params();
        }
    }
    parsed
}
