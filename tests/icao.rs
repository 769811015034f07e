//! ICAO 9303 chip verification on real vectors (`../shared/vectors/icao/`, README there):
//! ten real SODs, the German CSCA master list, BSI TR-03105-5 sets, the Vietnamese CSCA.
#![cfg(feature = "chip")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::cast_possible_wrap,
    clippy::cast_possible_truncation
)]

use cccd_verify::crypto::SigAlg;
use cccd_verify::icao::{
    ber, classify, cross_check_chip, read_master_list, verify_chip, AaStatus, CaStatus, CertInfo,
    ChipDump, ChipOptions, CscaStore, DataGroupStatus, DscValidity, Kind, MasterListPolicy,
    Verdict,
};
use cccd_verify::x509::{icao_algorithms, Purpose, TrustAnchor};
use cccd_verify::Error;

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
            r.issuer.error.as_ref().map(|e| (&e.code, &e.params))
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

fn bsi(set: &str) -> ChipDump {
    let prefix = match set {
        "A" => "bsi-tr03105-5-via-pymrtd/A_EF_SOD_0142fd5cf927__",
        _ => "bsi-tr03105-5-via-pymrtd/B_EACAA_EF_SOD_0130846f2b3e__",
    };
    let mut dump = ChipDump {
        sod: read(&format!("{prefix}SOD.bin")),
        ..ChipDump::default()
    };
    for n in [1u8, 14, 15] {
        dump.data_groups
            .insert(n, read(&format!("{prefix}DG{n}.bin")));
    }
    dump
}

/// Inside the set B document signer's validity (2011-06-12 … 2012-06-06).
const BSI_B_NOW: i64 = 1_325_376_000; // 2012-01-01
/// Inside the set A document signer's validity (2013-12-16 … 2014-12-11).
const BSI_A_NOW: i64 = 1_404_172_800; // 2014-07-01

#[test]
fn bsi_set_b_is_accepted_with_every_data_group_hash() {
    let r = verify_chip(&bsi("B"), &ChipOptions::new(BSI_B_NOW)).unwrap();
    assert_eq!(r.verdict, Verdict::IntactIssuerNotVerified);
    assert!(r.sod.signature_algorithm.starts_with("rsa-pss-sha256"));
    let valid: Vec<u8> = r
        .data_groups
        .iter()
        .filter(|d| d.status == DataGroupStatus::Valid)
        .map(|d| d.number)
        .collect();
    assert_eq!(valid, vec![1, 14, 15]);
    assert!(r.aa_key.as_deref().unwrap().starts_with("rsa-"));
    assert_eq!(r.chip_authentication, CaStatus::NotVerifiedNeedsLiveChip);
    // DG14's chip authentication key: ECDH with explicit parameters of a 224-bit curve
    // (brainpoolP224r1's), which the crate does not name.
    assert_eq!(
        r.dg14.as_ref().unwrap().chip_authentication_key.as_deref(),
        Some("ec-explicit")
    );
    assert_eq!(r.active_authentication, AaStatus::NotPerformed);
    // DG1 is a TD3 passport MRZ (88 characters): kept as text, not parsed as TD1.
    let mrz = r.mrz.unwrap();
    assert_eq!(mrz.mrz_text.len(), 88);
    assert!(mrz.td1.is_none());
}

#[test]
fn bsi_set_a_is_rejected_because_dg15_is_not_in_the_sod() {
    assert_eq!(
        verify_chip(&bsi("A"), &ChipOptions::new(BSI_A_NOW)).unwrap_err(),
        Error::ChipDgNotInSod { data_group: 15 }
    );
    // Without DG15 it passes: the rule is the only reason for the rejection.
    let mut dump = bsi("A");
    dump.data_groups.remove(&15);
    assert!(verify_chip(&dump, &ChipOptions::new(BSI_A_NOW)).is_ok());
}

#[test]
fn a_tampered_data_group_is_a_hash_mismatch() {
    let mut dump = bsi("B");
    let dg1 = dump.data_groups.get_mut(&1).unwrap();
    let last = dg1.len() - 1;
    dg1[last] ^= 0x01;
    assert_eq!(
        verify_chip(&dump, &ChipOptions::new(BSI_B_NOW)).unwrap_err(),
        Error::ChipDgHashMismatch { data_group: 1 }
    );
}

#[test]
fn a_data_group_under_another_number_is_rejected() {
    // DG14's bytes handed over as DG15: the hash differs.
    let mut dump = bsi("B");
    let dg14 = dump.data_groups[&14].clone();
    dump.data_groups.insert(15, dg14);
    assert_eq!(
        verify_chip(&dump, &ChipOptions::new(BSI_B_NOW)).unwrap_err(),
        Error::ChipDgHashMismatch { data_group: 15 }
    );
}

/// Flips one bit of `bytes` at `offset`.
fn flip(mut bytes: Vec<u8>, offset: usize) -> Vec<u8> {
    bytes[offset] ^= 0x01;
    bytes
}

/// The offset of `needle` in `hay`.
fn find(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len()).position(|w| w == needle).unwrap()
}

#[test]
fn a_broken_sod_signature_is_rejected() {
    for c in ["DE", "FR", "PH"] {
        let mut dump = sod_only(c);
        let last = dump.sod.len() - 3;
        dump.sod = flip(dump.sod, last);
        let opts = ChipOptions::new(at(2024, 1, 1));
        assert_eq!(
            verify_chip(&dump, &opts).unwrap_err(),
            Error::ChipSodSignature,
            "{c}"
        );
    }
}

#[test]
fn an_altered_lds_security_object_breaks_the_message_digest() {
    // A data-group hash inside the signed content changes: the message-digest attribute no
    // longer matches.
    let mut dump = sod_only("UK");
    let at_hash = find(&dump.sod, &[0x02, 0x01, 0x01, 0x04]) + 6;
    dump.sod = flip(dump.sod, at_hash);
    assert_eq!(
        verify_chip(&dump, &ChipOptions::new(at(2024, 1, 1))).unwrap_err(),
        Error::ChipSodAttributeMismatch {
            attribute: "messageDigest"
        }
    );
}

#[test]
fn the_content_type_attribute_must_name_the_lds_security_object() {
    // The content-type attribute's value 2.23.136.1.1.1 → 2.23.136.1.1.2 (it follows the
    // attribute's OID 1.2.840.113549.1.9.3 and its SET header).
    let mut dump = sod_only("US");
    let attr = find(
        &dump.sod,
        &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x03, 0x31],
    );
    let value_last = attr + 9 + 2 + 2 + 5;
    assert_eq!(dump.sod[value_last], 0x01);
    dump.sod[value_last] = 0x02;
    assert_eq!(
        verify_chip(&dump, &ChipOptions::new(at(2024, 1, 1))).unwrap_err(),
        Error::ChipSodAttributeMismatch {
            attribute: "contentType"
        }
    );
}

#[test]
fn sha1_is_refused_by_default() {
    let dump = sod_only("RU");
    assert_eq!(
        verify_chip(&dump, &ChipOptions::new(at(2024, 1, 1))).unwrap_err(),
        Error::ChipAlgorithmNotAllowed {
            what: "sodSignature",
            algorithm: "sha1".into()
        }
    );
    assert!(verify_chip(&dump, &ChipOptions::new(at(2024, 1, 1)).allow_sha1()).is_ok());
}

#[test]
fn the_signature_algorithm_allow_list_is_applied() {
    // Only ECDSA brainpool allowed: the RSA-PSS SOD of the Philippines is refused.
    let mut opts = ChipOptions::new(at(2024, 1, 1));
    opts.algorithms
        .retain(|a| matches!(a, SigAlg::Ecdsa { .. }));
    assert_eq!(
        verify_chip(&sod_only("PH"), &opts).unwrap_err(),
        Error::ChipAlgorithmNotAllowed {
            what: "sodSignature",
            algorithm: "rsa-pss-sha256-salt32".into()
        }
    );
    assert!(verify_chip(&sod_only("AT"), &opts).is_ok());
}

#[test]
fn ef_sod_must_be_tag_77() {
    let mut dump = sod_only("FI");
    dump.sod[0] = 0x78;
    assert_eq!(
        verify_chip(&dump, &ChipOptions::new(at(2024, 1, 1))).unwrap_err(),
        Error::ChipSodFormat {
            offset: 0,
            reason: "unexpected-tag"
        }
    );
    dump.sod.truncate(100);
    assert!(matches!(
        verify_chip(&dump, &ChipOptions::new(at(2024, 1, 1))).unwrap_err(),
        Error::ChipSodFormat { .. }
    ));
}

/// A DER TLV with a one-byte tag.
fn tlv(tag: u8, contents: &[u8]) -> Vec<u8> {
    let mut v = vec![tag];
    let n = contents.len();
    if n < 0x80 {
        v.push(n as u8);
    } else if n < 0x100 {
        v.extend([0x81, n as u8]);
    } else {
        v.extend([0x82, (n >> 8) as u8, n as u8]);
    }
    v.extend_from_slice(contents);
    v
}

/// EF.SOD without its `certificates` field (outside what the signature covers).
fn without_certificates(sod: &[u8]) -> Vec<u8> {
    let outer = ber::single(sod, true).unwrap();
    let ci = ber::single(outer.contents, true).unwrap();
    let mut r = ci.children(true);
    let oid = r.next_tlv().unwrap();
    let explicit = r.next_tlv().unwrap();
    let sd = ber::single(explicit.contents, true).unwrap();
    let mut kept = Vec::new();
    let mut sr = sd.children(true);
    while !sr.is_empty() {
        let t = sr.next_tlv().unwrap();
        if t.tag != 0xa0 {
            kept.extend_from_slice(t.raw);
        }
    }
    let sd = tlv(0x30, &kept);
    let ci = tlv(0x30, &[oid.raw, &tlv(0xa0, &sd)].concat());
    tlv(0x77, &ci)
}

#[test]
fn the_document_signer_comes_from_the_sod_or_the_options() {
    let mut dump = bsi("B");
    dump.sod = without_certificates(&dump.sod);
    let mut opts = ChipOptions::new(BSI_B_NOW);
    assert_eq!(
        verify_chip(&dump, &opts).unwrap_err(),
        Error::ChipDscMissing
    );
    // Another signer's certificate does not stand in.
    let other = read("bsi-tr03105-5-via-pymrtd/dsc_de_0142fd5cf927.cer");
    opts.dsc = Some(&other);
    assert_eq!(
        verify_chip(&dump, &opts).unwrap_err(),
        Error::ChipDscMissing
    );
    // The right one, given by the caller, does.
    let own = read("bsi-tr03105-5-via-pymrtd/dsc_de_0130846f2b3e.cer");
    opts.dsc = Some(&own);
    let r = verify_chip(&dump, &opts).unwrap();
    assert_eq!(r.document_signer.certificate, own);
}

#[test]
fn the_dsc_must_be_valid_at_the_signing_time_and_now() {
    let store = ml_store();
    let dump = sod_only("FR"); // DSC 2017-07-18 … 2027-10-18, signed 2017
    let mut opts = ChipOptions::new(at(2028, 1, 1));
    opts.trust = Some(&store);
    let r = verify_chip(&dump, &opts).unwrap();
    assert_eq!(r.verdict, Verdict::IntactIssuerNotVerified);
    assert_eq!(r.issuer.error.unwrap().code, "ERR_CERT_EXPIRED");
    opts.validity = DscValidity::SigningTime;
    assert_eq!(
        verify_chip(&dump, &opts).unwrap().verdict,
        Verdict::Authentic
    );
}

#[test]
fn a_master_list_signed_by_another_signer_or_tampered_is_rejected() {
    let anchors = [de_root()];
    let policy = ml_policy(&anchors);
    let ml = ml_bytes();
    // A certificate inside the list changed: message-digest fails.
    let tampered = flip(ml.clone(), 1000);
    assert_eq!(
        read_master_list(&tampered, &policy).unwrap_err(),
        Error::MasterListSignature
    );
    // The signature value changed.
    let sig = flip(ml.clone(), ml.len() - 5);
    assert_eq!(
        read_master_list(&sig, &policy).unwrap_err(),
        Error::MasterListSignature
    );
    // Pinned to another CSCA (Vietnam's): the signer does not chain.
    let vn = [TrustAnchor::from_der(
        &read("vn/CSCA_ePassport_Vietnam_2022-06-29.der"),
        Purpose::IcaoCsca,
    )
    .unwrap()];
    assert!(matches!(
        read_master_list(&ml, &ml_policy(&vn)).unwrap_err(),
        Error::UnknownIssuer { .. }
    ));
}

#[test]
fn an_older_master_list_than_the_minimum_is_a_rollback() {
    let anchors = [de_root()];
    let mut policy = ml_policy(&anchors);
    policy.min_signed_at = Some(ML_SIGNED + 1);
    assert_eq!(
        read_master_list(&ml_bytes(), &policy).unwrap_err(),
        Error::MasterListStale {
            signed_at: ML_SIGNED,
            minimum: ML_SIGNED + 1
        }
    );
    policy.min_signed_at = Some(ML_SIGNED);
    assert!(read_master_list(&ml_bytes(), &policy).is_ok());
}

#[test]
fn the_master_list_signer_must_be_valid_now() {
    let anchors = [de_root()];
    let mut policy = ml_policy(&anchors);
    policy.now = at(2045, 1, 1);
    assert!(matches!(
        read_master_list(&ml_bytes(), &policy).unwrap_err(),
        Error::CertExpired { .. }
    ));
}

#[test]
fn the_vietnamese_csca_is_a_brainpool_p512r1_anchor_with_explicit_parameters() {
    let der = read("vn/CSCA_ePassport_Vietnam_2022-06-29.der");
    assert_eq!(classify(&der), Some(Kind::Root));
    let a = TrustAnchor::from_der(&der, Purpose::IcaoCsca).unwrap();
    assert!(
        a.subject().contains("CSCA ePassport Vietnam"),
        "{}",
        a.subject()
    );
    let info = CertInfo::parse(&der).unwrap();
    assert_eq!(
        info.public_key().unwrap().kind(),
        cccd_verify::crypto::KeyKind::Ec(cccd_verify::crypto::Curve::BrainpoolP512r1)
    );
    let store = CscaStore::from_certificates(&[&der]);
    assert_eq!((store.anchors().len(), store.skipped()), (1, 0));
    // It is also in the German master list.
    let ml = ml_store();
    assert!(ml
        .anchors()
        .iter()
        .any(|x| x.fingerprint() == a.fingerprint()));
    // No real SOD chains to it: the German passport's SOD is intact but not issued by it.
    let mut opts = ChipOptions::new(at(2024, 1, 1));
    opts.trust = Some(&store);
    let r = verify_chip(&sod_only("DE"), &opts).unwrap();
    assert_eq!(r.verdict, Verdict::IntactIssuerNotVerified);
}

// --- synthetic chips (tools/icao-vectors/gen.py) --------------------------------------------

fn synthetic() -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string("tests/data/icao/synthetic.json").unwrap())
        .unwrap()
}

fn b64(s: &serde_json::Value) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(s.as_str().unwrap())
        .unwrap()
}

fn synthetic_dump(label: &str) -> (ChipDump, serde_json::Value) {
    let v = synthetic();
    let text = serde_json::to_string(&v["dumps"][label]).unwrap();
    (ChipDump::from_json(&text).unwrap(), v)
}

const AA_CASES: [&str; 3] = [
    "rsa2048-sha256",
    "rsa1024-sha1",
    "ecdsa-brainpoolP256r1-sha256",
];

#[test]
fn a_synthetic_chip_is_authentic_and_genuine_under_its_csca() {
    for label in AA_CASES {
        let (dump, v) = synthetic_dump(label);
        let csca = b64(&v["csca"]);
        let store = CscaStore::from_certificates(&[&csca]);
        let challenge = hex(v["challenge"].as_str().unwrap());
        let mut opts = ChipOptions::new(v["validateAt"].as_i64().unwrap());
        opts.trust = Some(&store);
        opts.challenge = Some(&challenge);
        if label.contains("sha1") {
            opts = opts.allow_sha1();
        }
        let r = verify_chip(&dump, &opts).unwrap_or_else(|e| panic!("{label}: {e:?}"));
        assert_eq!(r.verdict, Verdict::Authentic, "{label}");
        assert_eq!(r.active_authentication, AaStatus::Verified, "{label}");
        assert_eq!(r.sod.signature_algorithm, "ecdsa-brainpoolP384r1-sha384");
        assert!(r
            .issuer
            .csca
            .as_ref()
            .unwrap()
            .subject
            .contains("DEMO CSCA"));
        // Without our challenge: the signature verifies, but it may be a replay.
        opts.challenge = None;
        let r = verify_chip(&dump, &opts).unwrap();
        assert_eq!(
            r.active_authentication,
            AaStatus::ChallengeNotChecked,
            "{label}"
        );
        // Another challenge than the one answered: rejected.
        let other = [9u8; 8];
        opts.challenge = Some(&other);
        assert_eq!(
            verify_chip(&dump, &opts).unwrap_err(),
            Error::ChipAaFailed {
                reason: "challenge"
            },
            "{label}"
        );
    }
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

#[test]
fn a_forged_active_authentication_answer_is_rejected() {
    for label in AA_CASES {
        let (mut dump, v) = synthetic_dump(label);
        let challenge = hex(v["challenge"].as_str().unwrap());
        let mut opts = ChipOptions::new(v["validateAt"].as_i64().unwrap()).allow_sha1();
        opts.challenge = Some(&challenge);
        // The chip answered another challenge (the dump claims ours).
        let aa = dump.active_authentication.as_mut().unwrap();
        aa.challenge[0] ^= 1;
        let ours = aa.challenge.clone();
        opts.challenge = Some(&ours);
        assert_eq!(
            verify_chip(&dump, &opts).unwrap_err(),
            Error::ChipAaFailed {
                reason: "signature-invalid"
            },
            "{label}"
        );
        // A changed signature.
        let (mut dump, _) = synthetic_dump(label);
        let aa = dump.active_authentication.as_mut().unwrap();
        aa.signature[10] ^= 1;
        opts.challenge = Some(&challenge);
        let e = verify_chip(&dump, &opts).unwrap_err();
        assert!(
            matches!(e, Error::ChipAaFailed { reason } if reason == "signature-invalid" || reason == "trailer"),
            "{label}: {e:?}"
        );
        // No DG15 to verify with.
        let (mut dump, _) = synthetic_dump(label);
        dump.data_groups.remove(&15);
        assert_eq!(
            verify_chip(&dump, &opts).unwrap_err(),
            Error::ChipAaFailed { reason: "no-dg15" }
        );
    }
}

#[test]
fn sha1_active_authentication_needs_sha1_allowed() {
    let (dump, v) = synthetic_dump("rsa1024-sha1");
    let challenge = hex(v["challenge"].as_str().unwrap());
    let mut opts = ChipOptions::new(v["validateAt"].as_i64().unwrap());
    opts.challenge = Some(&challenge);
    assert_eq!(
        verify_chip(&dump, &opts).unwrap_err(),
        Error::ChipAlgorithmNotAllowed {
            what: "activeAuthentication",
            algorithm: "sha1".into()
        }
    );
}

#[test]
fn the_synthetic_chip_data_groups_are_read() {
    let (dump, v) = synthetic_dump("rsa2048-sha256");
    let r = verify_chip(&dump, &ChipOptions::new(v["validateAt"].as_i64().unwrap())).unwrap();
    assert_eq!(r.verdict, Verdict::IntactIssuerNotVerified);
    assert!(r.issuer.error.is_none() && r.issuer.source.is_none());
    let td1 = r.mrz.unwrap().td1.unwrap();
    assert_eq!(td1.id_number, "001090000123");
    let dg13 = r.dg13.unwrap();
    assert_eq!(dg13.id_number.as_deref(), Some("001090000123"));
    assert_eq!(dg13.full_name.as_deref(), Some("Nguyễn Văn An"));
    assert_eq!(
        dg13.date_of_birth.unwrap().date,
        cccd_verify::Date::new(1990, 3, 15)
    );
    // The address is over 127 bytes: a long-form BER length.
    let address = dg13.place_of_residence.unwrap();
    assert_eq!(address, v["address"].as_str().unwrap());
    assert!(address.len() > 127);
    assert_eq!(dg13.father_name.as_deref(), Some("Nguyễn Văn Bình"));
    assert_eq!(dg13.mother_name.as_deref(), Some("Trần Thị Cúc"));
    assert_eq!(dg13.spouse_name, None);
    assert_eq!(dg13.old_id_number.as_deref(), Some("012345678"));
    assert!(dg13.findings.is_empty(), "{:?}", dg13.findings);
    let face = r.face.unwrap();
    assert_eq!(
        (face.mime, face.width, face.height),
        ("image/jpeg", 240, 320)
    );
    assert!(face.image.starts_with(&[0xff, 0xd8, 0xff]));
    assert_eq!(r.aa_key.as_deref(), Some("rsa-2048"));
    // The JSON result carries the same.
    let json: serde_json::Value = serde_json::from_str(&r_json(&dump, &v)).unwrap();
    assert_eq!(json["verdict"], "intactIssuerNotVerified");
    assert_eq!(json["dg13"]["placeOfResidence"], v["address"]);
    assert_eq!(json["face"]["mime"], "image/jpeg");
}

fn r_json(dump: &ChipDump, v: &serde_json::Value) -> String {
    verify_chip(dump, &ChipOptions::new(v["validateAt"].as_i64().unwrap()))
        .unwrap()
        .to_json()
}

#[test]
fn the_dsc_must_chain_to_the_configured_csca() {
    let (dump, v) = synthetic_dump("rsa2048-sha256");
    // The German root is no CSCA of this chip.
    let de = read("masterlists/DE_ROOT_CA_CSCA07.cer");
    let store = CscaStore::from_certificates(&[&de]);
    let mut opts = ChipOptions::new(v["validateAt"].as_i64().unwrap());
    opts.trust = Some(&store);
    let r = verify_chip(&dump, &opts).unwrap();
    assert_eq!(r.verdict, Verdict::IntactIssuerNotVerified);
    assert_eq!(r.issuer.error.unwrap().code, "ERR_CERT_UNKNOWN_ISSUER");
    // Its own CSCA, but before the document signer's validity.
    let csca = b64(&v["csca"]);
    let store = CscaStore::from_certificates(&[&csca]);
    opts.trust = Some(&store);
    opts.now = at(2024, 6, 1);
    let r = verify_chip(&dump, &opts).unwrap();
    assert_eq!(r.issuer.error.unwrap().code, "ERR_CERT_NOT_YET_VALID");
}

#[test]
fn a_synthetic_master_list_gives_the_csca_of_a_synthetic_chip() {
    let v = synthetic();
    let csca = b64(&v["csca"]);
    let anchors = [TrustAnchor::from_der(&csca, Purpose::IcaoCsca).unwrap()];
    let algorithms = icao_algorithms(false, false);
    let now = v["validateAt"].as_i64().unwrap();
    let policy = MasterListPolicy {
        signer_anchors: &anchors,
        now,
        min_signed_at: None,
        algorithms: &algorithms,
    };
    let ml = read_master_list(&b64(&v["masterList"]), &policy).unwrap();
    assert_eq!(ml.certificates, vec![csca]);
    let store = CscaStore::from_master_list(&ml);
    let (dump, _) = synthetic_dump("rsa2048-sha256");
    let mut opts = ChipOptions::new(now);
    opts.trust = Some(&store);
    let r = verify_chip(&dump, &opts).unwrap();
    assert_eq!(r.verdict, Verdict::Authentic);
    assert_eq!(
        r.issuer.source,
        Some(cccd_verify::icao::TrustSource::MasterList)
    );
    // The German root does not sign this list.
    let de = [de_root()];
    let policy = MasterListPolicy {
        signer_anchors: &de,
        ..policy
    };
    assert!(matches!(
        read_master_list(&b64(&v["masterList"]), &policy).unwrap_err(),
        Error::UnknownIssuer { .. }
    ));
}

// --- cross-checks: chip ↔ QR ↔ printed MRZ -----------------------------------------------------

const QR: &str = "001090000123|012345678|Nguyễn Văn An|15031990|Nam|Số 123, Ngõ 45, Đường Nguyễn Chí Thanh, Tổ dân phố 7, Phường Láng Thượng, Quận Đống Đa, Thành phố Hà Nội|20042021";
const MRZ: &str = "IDVNM0900001233001090000123<<4\n9003152M3003150VNM<<<<<<<<<<<0\nNGUYEN<<VAN<AN<<<<<<<<<<<<<<<<";
const OTHER_MRZ: &str = "IDVNM3010007894079301000789<<4\n0111300F2611309VNM<<<<<<<<<<<0\nLE<<THI<CUC<<<<<<<<<<<<<<<<<<<";

fn synthetic_result() -> cccd_verify::icao::ChipVerification {
    let (dump, v) = synthetic_dump("rsa2048-sha256");
    verify_chip(&dump, &ChipOptions::new(v["validateAt"].as_i64().unwrap())).unwrap()
}

#[test]
fn the_qr_and_the_printed_mrz_of_the_same_card_agree_with_the_chip() {
    let chip = synthetic_result();
    let now = cccd_verify::Date::new(2025, 6, 1).unwrap();
    let card = cccd_verify::parse_qr_text(QR, now).unwrap();
    let mrz = cccd_verify::parse_mrz(MRZ).unwrap();
    let c = cross_check_chip(&chip, Some(&card), Some(&mrz));
    assert_eq!(c.findings, vec![]);
    assert_eq!(
        (c.qr_consistent, c.mrz_consistent),
        (Some(true), Some(true))
    );
    // Through verify_chip's options, the same.
    let (dump, v) = synthetic_dump("rsa2048-sha256");
    let mut opts = ChipOptions::new(v["validateAt"].as_i64().unwrap());
    opts.qr = Some(&card);
    opts.printed_mrz = Some(&mrz);
    let r = verify_chip(&dump, &opts).unwrap();
    assert_eq!(r.consistency.unwrap().qr_consistent, Some(true));
    // Nothing to compare: unknown, not consistent.
    let c = cross_check_chip(&chip, None, None);
    assert_eq!((c.qr_consistent, c.mrz_consistent), (None, None));
}

#[test]
fn a_qr_of_another_person_or_another_card_is_inconsistent() {
    let chip = synthetic_result();
    let now = cccd_verify::Date::new(2025, 6, 1).unwrap();
    let fields = |c: &cccd_verify::icao::Consistency| -> Vec<(&str, &str)> {
        c.findings.iter().map(|f| (f.code, f.field)).collect()
    };
    // Another name, date of birth and issue date.
    let other = QR
        .replace("Nguyễn Văn An", "Nguyễn Văn Anh")
        .replace("20042021", "21042021");
    let card = cccd_verify::parse_qr_text(&other, now).unwrap();
    let c = cross_check_chip(&chip, Some(&card), None);
    assert_eq!(c.qr_consistent, Some(false));
    assert!(
        fields(&c).contains(&("CHIP_QR_MISMATCH", "fullName")),
        "{c:?}"
    );
    assert!(
        fields(&c).contains(&("CHIP_QR_MISMATCH", "dateOfIssue")),
        "{c:?}"
    );
    // Another old ID number and sex.
    let other = QR
        .replace("012345678", "012345679")
        .replace("|Nam|", "|Nữ|");
    let card = cccd_verify::parse_qr_text(&other, now).unwrap();
    let c = cross_check_chip(&chip, Some(&card), None);
    assert!(
        fields(&c).contains(&("CHIP_QR_MISMATCH", "oldIdNumber")),
        "{c:?}"
    );
    assert!(fields(&c).contains(&("CHIP_QR_MISMATCH", "sex")), "{c:?}");
    // The same name without its accents: a warning only.
    let card =
        cccd_verify::parse_qr_text(&QR.replace("Nguyễn Văn An", "Nguyen Van An"), now).unwrap();
    let c = cross_check_chip(&chip, Some(&card), None);
    assert_eq!(fields(&c), vec![("CHIP_QR_NAME_DIACRITICS", "fullName")]);
    assert_eq!(c.qr_consistent, Some(true));
    // Another ID number (and so another MRZ on the chip's DG1 side too).
    let card =
        cccd_verify::parse_qr_text(&QR.replace("001090000123", "001090000124"), now).unwrap();
    let c = cross_check_chip(&chip, Some(&card), None);
    assert!(
        fields(&c).contains(&("CHIP_QR_MISMATCH", "idNumber")),
        "{c:?}"
    );
    assert!(fields(&c).contains(&("MRZ_ID_MISMATCH", "dg1")), "{c:?}");
}

#[test]
fn a_printed_mrz_of_another_card_is_inconsistent_with_dg1() {
    let chip = synthetic_result();
    let other = cccd_verify::parse_mrz(OTHER_MRZ).unwrap();
    let c = cross_check_chip(&chip, None, Some(&other));
    assert_eq!(c.mrz_consistent, Some(false));
    assert_eq!(c.findings[0].code, "CHIP_MRZ_MISMATCH");
}

// --- the hand-off format ---------------------------------------------------------------------

#[test]
fn the_hand_off_json_is_strict() {
    let (_, v) = synthetic_dump("rsa2048-sha256");
    let good = v["dumps"]["rsa2048-sha256"].clone();
    let check = |edit: &dyn Fn(&mut serde_json::Value), needle: &str| {
        let mut j = good.clone();
        edit(&mut j);
        match ChipDump::from_json(&j.to_string()) {
            Err(Error::ChipDumpFormat { reason }) => assert!(reason.contains(needle), "{reason}"),
            other => panic!("{needle}: {other:?}"),
        }
    };
    check(&|j| j["format"] = "icao9303-dump/2".into(), "format");
    check(&|j| j["extra"] = 1.into(), "unknown field");
    check(&|j| j["dataGroups"]["DG17"] = "AA==".into(), "DG17");
    check(&|j| j["dataGroups"]["DG01"] = "AA==".into(), "DG01");
    check(
        &|j| j["dataGroups"]["DG1"] = "not base64!".into(),
        "dataGroups.DG1",
    );
    check(&|j| j["sod"] = "AA=".into(), "sod");
    check(
        &|j| j["activeAuthentication"]["challenge"] = "xyz".into(),
        "challenge",
    );
    check(
        &|j| {
            j.as_object_mut().unwrap().remove("sod");
        },
        "sod",
    );
    assert!(ChipDump::from_json("[]").is_err());
    // The original reads, with every member.
    let d = ChipDump::from_json(&good.to_string()).unwrap();
    assert_eq!(
        d.data_groups.keys().copied().collect::<Vec<_>>(),
        vec![1, 2, 13, 14, 15]
    );
    assert_eq!(d.active_authentication.unwrap().challenge.len(), 8);
}

#[test]
fn a_folder_of_elementary_files_reads_like_the_json() {
    let (dump, _) = synthetic_dump("rsa2048-sha256");
    let mut files: Vec<(&str, Vec<u8>)> = vec![("EF.SOD", dump.sod.clone())];
    let names = ["DG1.bin", "EF.DG2", "dg13.bin", "EF.DG14.bin", "DG15"];
    for (name, (_, bytes)) in names.iter().zip(&dump.data_groups) {
        files.push((name, bytes.clone()));
    }
    let from_files = ChipDump::from_files(files.clone()).unwrap();
    assert_eq!(from_files.sod, dump.sod);
    assert_eq!(from_files.data_groups, dump.data_groups);
    files.push(("README.txt", vec![]));
    assert!(matches!(
        ChipDump::from_files(files),
        Err(Error::ChipDumpFormat { .. })
    ));
    assert!(matches!(
        ChipDump::from_files(vec![("DG1", vec![])]),
        Err(Error::ChipDumpFormat { .. })
    ));
}

#[test]
fn the_result_has_typescript_declarations_matching_its_json() {
    let d = cccd_verify::icao::declarations().join("\n");
    assert!(d.contains("export interface ChipVerification {"), "{d}");
    assert!(d.contains("  verdict: ChipVerdict;"), "{d}");
    assert!(d.contains("  face: ChipFace | null;"), "{d}");
    assert!(
        d.contains("export type ChipVerdict = 'authentic' | 'intactIssuerNotVerified';"),
        "{d}"
    );
    // Every member of the JSON of a full result is declared.
    let json: serde_json::Value = serde_json::from_str(&synthetic_result().to_json()).unwrap();
    let top = d
        .split("export interface ChipVerification {")
        .nth(1)
        .unwrap()
        .split('}')
        .next()
        .unwrap();
    for key in json.as_object().unwrap().keys() {
        assert!(top.contains(&format!("  {key}: ")), "{key} not declared");
    }
}

#[test]
fn the_data_group_hash_algorithm_has_its_own_allow_list_check() {
    // The synthetic SOD's signer digests with SHA-384 and hashes the data groups with SHA-256.
    let (dump, v) = synthetic_dump("rsa2048-sha256");
    let mut opts = ChipOptions::new(v["validateAt"].as_i64().unwrap());
    opts.hashes = vec![cccd_verify::crypto::Hash::Sha384];
    assert_eq!(
        verify_chip(&dump, &opts).unwrap_err(),
        Error::ChipAlgorithmNotAllowed {
            what: "dataGroupHash",
            algorithm: "sha256".into()
        }
    );
}

#[test]
fn a_sod_or_garbage_is_no_master_list() {
    let anchors = [de_root()];
    let policy = ml_policy(&anchors);
    // A SOD is SignedData, but of an LDSSecurityObject.
    let sod = read("gmrtd-real-sod/FR_EF_SOD.bin");
    assert_eq!(
        read_master_list(&sod[4..], &policy).unwrap_err(),
        Error::MasterListFormat {
            offset: 0,
            reason: "content-type"
        }
    );
    assert!(matches!(
        read_master_list(b"\x30\x03\x02\x01\x00", &policy).unwrap_err(),
        Error::MasterListFormat { .. }
    ));
    // A truncated list.
    let ml = ml_bytes();
    assert!(matches!(
        read_master_list(&ml[..ml.len() / 2], &policy).unwrap_err(),
        Error::MasterListFormat {
            reason: "truncated",
            ..
        }
    ));
}

#[test]
fn a_csca_crl_that_lists_the_document_signer_removes_the_trust() {
    let (dump, v) = synthetic_dump("rsa2048-sha256");
    let csca = b64(&v["csca"]);
    let check = |crl: &[u8]| {
        let mut store = CscaStore::from_certificates(&[&csca]);
        store.add_crl(crl);
        let mut opts = ChipOptions::new(v["validateAt"].as_i64().unwrap());
        opts.trust = Some(&store);
        verify_chip(&dump, &opts).unwrap()
    };
    // A CRL listing another serial: still authentic.
    let r = check(&b64(&v["crlRevokingOther"]));
    assert_eq!(r.verdict, Verdict::Authentic);
    // The DSC revoked on 2025-05-01.
    let r = check(&b64(&v["crlRevokingDsc"]));
    assert_eq!(r.verdict, Verdict::IntactIssuerNotVerified);
    let e = r.issuer.error.unwrap();
    assert_eq!(e.code, "ERR_CHIP_DSC_REVOKED");
    assert_eq!(e.params["revokedAt"], 1_746_057_600);
    // A CRL whose signature was changed: revocation cannot be checked, so no trust.
    let mut bad = b64(&v["crlRevokingOther"]);
    let n = bad.len();
    bad[n - 4] ^= 1;
    let r = check(&bad);
    assert_eq!(r.verdict, Verdict::IntactIssuerNotVerified);
    assert_eq!(r.issuer.error.unwrap().code, "ERR_CHIP_CRL_INVALID");
    // Not a CRL at all.
    let r = check(b"\x30\x00");
    assert_eq!(r.issuer.error.unwrap().params["reason"], "malformed");
}

// --- options as JSON (the JS / CLI flow) -----------------------------------------------------

#[test]
fn verify_chip_from_json_options() {
    use cccd_verify::icao::{verify_chip_request, ChipRequest};
    use cccd_verify::request::parse_options;
    let v = synthetic();
    let dump = serde_json::to_string(&v["dumps"]["ecdsa-brainpoolP256r1-sha256"]).unwrap();
    let now = v["validateAt"].as_i64().unwrap();
    let opts = |j: serde_json::Value| parse_options::<ChipRequest>(&j.to_string());
    // Pinned CSCA, our challenge, the QR: authentic, genuine, consistent.
    let o = opts(serde_json::json!({
        "now": now,
        "trust": { "cscas": [v["csca"]] },
        "challenge": v["challenge"],
        "qr": QR,
    }))
    .unwrap();
    let r = verify_chip_request(&dump, &o).unwrap();
    assert_eq!(r.verdict, Verdict::Authentic);
    assert_eq!(r.active_authentication, AaStatus::Verified);
    assert_eq!(r.consistency.unwrap().qr_consistent, Some(true));
    // Through the master list, signed under the CSCA.
    let o = opts(serde_json::json!({
        "now": now,
        "trust": { "masterList": v["masterList"], "masterListSigners": [v["csca"]] },
    }))
    .unwrap();
    let r = verify_chip_request(&dump, &o).unwrap();
    assert_eq!(
        r.issuer.source,
        Some(cccd_verify::icao::TrustSource::MasterList)
    );
    assert_eq!(r.verdict, Verdict::Authentic);
    // Rolled back below the floor.
    let o = opts(serde_json::json!({
        "now": now,
        "trust": { "masterList": v["masterList"], "masterListSigners": [v["csca"]], "minMasterListSignedAt": now + 1 },
    }))
    .unwrap();
    assert!(matches!(
        verify_chip_request(&dump, &o).unwrap_err(),
        Error::MasterListStale { .. }
    ));
    // A revoking CRL.
    let o = opts(serde_json::json!({
        "now": now,
        "trust": { "cscas": [v["csca"]], "crls": [v["crlRevokingDsc"]] },
    }))
    .unwrap();
    let r = verify_chip_request(&dump, &o).unwrap();
    assert_eq!(r.issuer.error.unwrap().code, "ERR_CHIP_DSC_REVOKED");
    // Wrong options name themselves.
    let err = |j: serde_json::Value| opts(j).unwrap_err().to_string();
    assert_eq!(
        err(serde_json::json!({ "now": now, "trust": {} })),
        "options.trust: must be { cscas } (an empty list when you have no CSCA: the issuer is then not verified), or { masterList, masterListSigners }"
    );
    assert!(
        err(serde_json::json!({ "now": now, "challenge": "0g" })).starts_with("options.challenge")
    );
    assert!(
        err(serde_json::json!({ "now": now, "dscValidity": "later" }))
            .starts_with("options.dscValidity")
    );
    assert!(err(serde_json::json!({ "now": now, "extra": 1 })).contains("extra"));
    assert!(
        err(serde_json::json!({ "now": now, "trust": { "masterList": "AA==" } }))
            .starts_with("options.trust.masterListSigners")
    );
}

/// `trust: { cscas: [] }` is a relying party without a CSCA (none public signs CCCD document
/// signers): the data is checked (a tampered DG still throws), the verdict is "data intact,
/// issuer not verified" with no issuer check, as without `trust`; never authentic.
#[test]
fn an_empty_csca_list_checks_the_data_and_not_the_issuer() {
    use cccd_verify::icao::{verify_chip_request, ChipRequest};
    use cccd_verify::request::parse_options;
    let v = synthetic();
    let dump = serde_json::to_string(&v["dumps"]["ecdsa-brainpoolP256r1-sha256"]).unwrap();
    let now = v["validateAt"].as_i64().unwrap();
    let run = |dump: &str, j: serde_json::Value| {
        verify_chip_request(dump, &parse_options::<ChipRequest>(&j.to_string()).unwrap())
    };
    let base = serde_json::json!({ "now": now, "challenge": v["challenge"], "qr": QR });
    let without = run(&dump, base.clone()).unwrap();
    assert_eq!(without.verdict, Verdict::IntactIssuerNotVerified);
    for trust in [
        serde_json::json!({ "cscas": [] }),
        serde_json::json!({ "cscas": [], "crls": [v["crlRevokingDsc"]] }),
    ] {
        let mut o = base.clone();
        o["trust"] = trust.clone();
        let r = run(&dump, o).unwrap();
        assert_eq!(r.verdict, Verdict::IntactIssuerNotVerified, "{trust}");
        assert_eq!(r.issuer.source, None, "{trust}");
        assert!(r.issuer.error.is_none(), "{trust}");
        assert_eq!(r.active_authentication, AaStatus::Verified, "{trust}");
        assert_eq!(r.to_json(), without.to_json(), "{trust}");
    }
    // The same CSCA list with the CSCA in it: authentic.
    let mut pinned = base.clone();
    pinned["trust"] = serde_json::json!({ "cscas": [v["csca"]] });
    assert_eq!(run(&dump, pinned).unwrap().verdict, Verdict::Authentic);
    // The data is still checked: a data group changed after signing throws.
    let mut tampered = v["dumps"]["ecdsa-brainpoolP256r1-sha256"].clone();
    let mut bytes = b64(&tampered["dataGroups"]["DG1"]);
    *bytes.last_mut().unwrap() ^= 1;
    tampered["dataGroups"]["DG1"] = cccd_verify::jose::b64::encode_std(&bytes).into();
    let mut o = base.clone();
    o["trust"] = serde_json::json!({ "cscas": [] });
    assert_eq!(
        run(&tampered.to_string(), o).unwrap_err().code(),
        "ERR_CHIP_DG_HASH_MISMATCH"
    );
}
