//! ICAO 9303 chip verification on real vectors (`../shared/vectors/icao/`, README there):
//! ten real SODs, the German CSCA master list, BSI TR-03105-5 sets, the Vietnamese CSCA.
#![cfg(feature = "chip")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::cast_possible_wrap
)]

use cccd_verify::icao::{
    classify, read_master_list, verify_chip, CertInfo, ChipDump, ChipOptions, CscaStore, Kind,
    MasterListPolicy, Verdict,
};
use cccd_verify::x509::{icao_algorithms, Purpose, TrustAnchor};

const V: &str = "../shared/vectors/icao";

fn read(path: &str) -> Vec<u8> {
    std::fs::read(format!("{V}/{path}")).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Unix seconds of a UTC date.
fn at(y: i32, m: u32, d: u32) -> i64 {
    // Days from civil (proleptic Gregorian).
    let (y, m) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * m + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy as i32;
    (i64::from(era) * 146_097 + i64::from(doe) - 719_468) * 86_400
}

fn sod_only(country: &str) -> ChipDump {
    ChipDump {
        sod: read(&format!("gmrtd-real-sod/{country}_EF_SOD.bin")),
        ..ChipDump::default()
    }
}

#[test]
fn every_real_sod_verifies_with_its_embedded_signer() {
    for c in ["AT", "DE", "FI", "FR", "NZ", "PH", "RU", "SG", "UK", "US"] {
        let dump = sod_only(c);
        let opts = ChipOptions::new(at(2024, 1, 1)).allow_sha1();
        let r = verify_chip(&dump, &opts).unwrap_or_else(|e| panic!("{c}: {e:?}"));
        assert_eq!(r.verdict, Verdict::IntactIssuerNotVerified, "{c}");
        println!(
            "{c}: {} {}",
            r.sod.signature_algorithm, r.document_signer.subject
        );
    }
}

fn de_root() -> TrustAnchor {
    TrustAnchor::from_der(
        &read("masterlists/DE_ROOT_CA_CSCA07.cer"),
        Purpose::IcaoCsca,
    )
    .unwrap()
}

fn ml_bytes() -> Vec<u8> {
    let dir = format!("{V}/masterlists");
    let name = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().into_string().unwrap())
        .find(|n| n.starts_with("DE_ML_") && n.ends_with(".ml"))
        .unwrap();
    read(&format!("masterlists/{name}"))
}

/// When the German master list was signed (its signingTime), and a clock just after.
const ML_SIGNED: i64 = 1_779_949_725; // 2026-05-28T06:28:45Z

fn ml_policy(anchors: &[TrustAnchor]) -> MasterListPolicy<'_> {
    MasterListPolicy {
        signer_anchors: anchors,
        now: ML_SIGNED + 86_400,
        min_signed_at: None,
        algorithms: Box::leak(icao_algorithms(false, false).into_boxed_slice()),
    }
}

#[test]
fn german_master_list_verifies_under_the_german_root() {
    let anchors = [de_root()];
    let ml = read_master_list(&ml_bytes(), &ml_policy(&anchors)).unwrap();
    assert_eq!(ml.certificates.len(), 588);
    assert_eq!(ml.signing_time, Some(ML_SIGNED));
    assert!(
        ml.signer_subject.contains("Master List Signer") || ml.signer_subject.contains("master"),
        "{}",
        ml.signer_subject
    );
    let store = CscaStore::from_master_list(&ml);
    println!(
        "anchors {} links {} skipped {}",
        store.anchors().len(),
        store.link_count(),
        store.skipped()
    );
    assert!(store.anchors().len() > 300);
}

fn ml_store() -> CscaStore {
    let anchors = [de_root()];
    let ml = read_master_list(&ml_bytes(), &ml_policy(&anchors)).unwrap();
    CscaStore::from_master_list(&ml)
}

#[test]
fn real_sods_chain_through_the_german_master_list() {
    let store = ml_store();
    for c in ["AT", "DE", "FI", "FR", "NZ", "PH", "RU", "SG", "UK", "US"] {
        let dump = sod_only(c);
        let mut opts = ChipOptions::new(at(2024, 1, 1)).allow_sha1();
        opts.trust = Some(&store);
        let r = verify_chip(&dump, &opts).unwrap_or_else(|e| panic!("{c}: {e:?}"));
        println!(
            "{c}: {:?} link={} {:?}",
            r.verdict,
            r.issuer.via_link_certificate,
            r.issuer.error.as_ref().map(|e| (&e.code, &e.message))
        );
    }
}

/// The Singapore CSCAs "Singapore Passport CA 4" (root), "CA 5" (root) and the link "CA 5"
/// certified by "CA 4", from the German master list.
fn sg_cscas() -> (Vec<u8>, Vec<u8>, Vec<u8>) {
    let anchors = [de_root()];
    let ml = read_master_list(&ml_bytes(), &ml_policy(&anchors)).unwrap();
    let find = |subject: &str, issuer: &str| {
        ml.certificates
            .iter()
            .find(|c| {
                let i = CertInfo::parse(c).unwrap();
                i.subject.ends_with(subject) && i.issuer.ends_with(issuer)
            })
            .unwrap()
            .clone()
    };
    (
        find("CN=Singapore Passport CA 4", "CN=Singapore Passport CA 4"),
        find("CN=Singapore Passport CA 5", "CN=Singapore Passport CA 5"),
        find("CN=Singapore Passport CA 5", "CN=Singapore Passport CA 4"),
    )
}

#[test]
fn singapore_chains_through_a_link_certificate() {
    let (ca4, ca5, link) = sg_cscas();
    assert_eq!(classify(&link), Some(Kind::Link));
    assert_eq!(classify(&ca4), Some(Kind::Root));
    let dump = sod_only("SG");
    let check = |store: &CscaStore| {
        let mut opts = ChipOptions::new(at(2024, 1, 1));
        opts.trust = Some(store);
        verify_chip(&dump, &opts).unwrap()
    };
    // CA 4 and the link: through the link.
    let r = check(&CscaStore::from_certificates(&[&ca4, &link]));
    assert_eq!(r.verdict, Verdict::Authentic);
    assert!(r.issuer.via_link_certificate);
    assert!(r
        .issuer
        .csca
        .unwrap()
        .subject
        .ends_with("CN=Singapore Passport CA 4"));
    // CA 5 itself: directly.
    let r = check(&CscaStore::from_certificates(&[&ca5]));
    assert_eq!(r.verdict, Verdict::Authentic);
    assert!(!r.issuer.via_link_certificate);
    // CA 4 without the link: no path, and the verdict says so.
    let r = check(&CscaStore::from_certificates(&[&ca4]));
    assert_eq!(r.verdict, Verdict::IntactIssuerNotVerified);
    assert_eq!(r.issuer.error.unwrap().code, "ERR_CERT_UNKNOWN_ISSUER");
}
