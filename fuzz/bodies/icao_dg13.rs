//! The body of the `icao_dg13` fuzz target (the Vietnamese DG13 BER parser), shared by
//! `fuzz/fuzz_targets/icao_dg13.rs` and `tests/fuzz_corpus.rs`. Nothing may panic; an old ID
//! number taken from fields 15/16 is 9 or 12 digits; failures are `ERR_CHIP_DG_FORMAT` for DG13.
//! Returns true when it parsed.

pub fn run(data: &[u8]) -> bool {
    match cccd_verify::icao::dg::dg13(data) {
        Ok(d) => {
            if let Some(old) = &d.old_id_number {
                assert!(matches!(old.len(), 9 | 12) && old.bytes().all(|b| b.is_ascii_digit()));
            }
            true
        }
        Err(e) => {
            assert_eq!(e.code(), "ERR_CHIP_DG_FORMAT");
            assert_eq!(
                e.params().get("dataGroup").and_then(|v| v.as_u64()),
                Some(13)
            );
            false
        }
    }
}
