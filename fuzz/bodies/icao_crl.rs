//! The body of the `icao_crl` fuzz target (a CSCA's CRL as an integrator passes it, read by
//! `x509::read_crl` through `icao::CscaStore::add_crl`), shared by `fuzz/fuzz_targets/icao_crl.rs`
//! and `tests/fuzz_corpus.rs`. The DEMO chip `nguyen-van-an.valid.json` is verified under its
//! pinned DEMO CSCA 1 with the input as a CRL: nothing may panic, the data stay intact, and the
//! only issuer errors a CRL may cause are `ERR_CHIP_CRL_INVALID` and `ERR_CHIP_DSC_REVOKED`.
//! Returns true when the chip is still authentic (the CRL read, of another issuer or not
//! listing the document signer).

pub fn run(data: &[u8]) -> bool {
    use cccd_verify::icao::{verify_chip, ChipDump, ChipOptions, CscaStore, Verdict};
    const DUMP: &str = include_str!("../../examples/demo/chip/nguyen-van-an.valid.json");
    const CSCA: &[u8] = include_bytes!("../../examples/demo/chip/pki/csca-1-brainpoolP512r1.der");
    let Ok(dump) = ChipDump::from_json(DUMP) else {
        return false;
    };
    let mut store = CscaStore::from_certificates(&[CSCA]);
    store.add_crl(data);
    let mut opts = ChipOptions::new(1_795_737_600);
    opts.trust = Some(&store);
    let r = verify_chip(&dump, &opts);
    assert!(
        r.is_ok(),
        "a CRL broke the chip's own verification: {:?}",
        r.err().map(|e| e.code())
    );
    let Ok(r) = r else {
        return false;
    };
    match &r.issuer.error {
        None => r.verdict == Verdict::Authentic,
        Some(e) => {
            assert!(
                matches!(e.code, "ERR_CHIP_CRL_INVALID" | "ERR_CHIP_DSC_REVOKED"),
                "{}",
                e.code
            );
            assert_eq!(r.verdict, Verdict::IntactIssuerNotVerified);
            false
        }
    }
}
