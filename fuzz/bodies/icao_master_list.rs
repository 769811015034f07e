//! The body of the `icao_master_list` fuzz target, shared by
//! `fuzz/fuzz_targets/icao_master_list.rs` and `tests/fuzz_corpus.rs`. The master list is read
//! and verified against its own signer's issuer when that is a parseable CSCA (so the seeds get
//! through every step); nothing may panic, and every failure is a typed error. Returns true when
//! the list was accepted.

pub fn run(data: &[u8]) -> bool {
    use cccd_verify::icao::{read_master_list, CscaStore, MasterListPolicy};
    use cccd_verify::x509::{icao_algorithms, Purpose, TrustAnchor};
    let algorithms = icao_algorithms(true, true);
    // Anchors: any CSCA inside the list's own certList (reading them is part of the target).
    let mut anchors: Vec<TrustAnchor> = Vec::new();
    let first = MasterListPolicy {
        signer_anchors: &anchors,
        now: 1_750_000_000,
        min_signed_at: None,
        algorithms: &algorithms,
    };
    if let Err(e) = read_master_list(data, &first) {
        let _ = e.message(cccd_verify::Lang::En);
    }
    if let Ok(cms) = cccd_verify::icao::cms::parse(data, 0) {
        for c in &cms.certificates {
            let _ = TrustAnchor::from_der(c, Purpose::IcaoCsca).map(|a| anchors.push(a));
        }
        // The list's own certificates too: the seed's signer is under the CSCA it lists.
        if let Ok(outer) = cccd_verify::icao::ber::single(&cms.content, false) {
            let mut r = outer.children(false);
            let _ = r.next_tlv();
            if let Ok(set) = r.next_tlv() {
                let mut sr = set.children(false);
                while let Ok(c) = sr.next_tlv() {
                    if let Ok(a) = TrustAnchor::from_der(c.raw, Purpose::IcaoCsca) {
                        anchors.push(a);
                    }
                }
            }
        }
    }
    let policy = MasterListPolicy {
        signer_anchors: &anchors,
        now: 1_750_000_000,
        min_signed_at: None,
        algorithms: &algorithms,
    };
    match read_master_list(data, &policy) {
        Ok(ml) => {
            let store = CscaStore::from_master_list(&ml);
            assert!(
                store.anchors().len() + store.link_count() + store.skipped()
                    == ml.certificates.len()
            );
            true
        }
        Err(e) => {
            let _ = e.params();
            false
        }
    }
}
