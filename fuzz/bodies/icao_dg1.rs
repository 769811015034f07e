//! The body of the `icao_dg1` fuzz target (DG1: the MRZ in tag 5F1F, a TD1 MRZ checked), shared
//! by `fuzz/fuzz_targets/icao_dg1.rs` and `tests/fuzz_corpus.rs`. Nothing may panic; a TD1 MRZ
//! that parsed has 90 characters. Returns true when DG1 parsed.

pub fn run(data: &[u8]) -> bool {
    match cccd_verify::icao::dg::dg1(data) {
        Ok(d) => {
            if d.td1.is_some() {
                assert_eq!(d.mrz_text.len(), 90);
            }
            true
        }
        Err(e) => {
            assert!(e.code().starts_with("ERR_CHIP_DG_FORMAT") || e.code().starts_with("ERR_MRZ"));
            false
        }
    }
}
