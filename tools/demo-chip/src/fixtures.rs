//! The DEMO PKI (CSCAs, link certificate, document signers, master list signer), the chip
//! dumps, the negative dumps and `expected.json`.

use crate::b64;
use crate::card::{self, Person};
use crate::der::{self, seq, unix_of};
use crate::ec::{CurveId, EcKey};
use crate::hash::{hex, Hash};
use crate::jpeg;
use crate::pki::{self, name, Cert, CertSpec, CmsSpec, Profile, Signer};
use crate::rsa::RsaKey;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// The fixtures' clock: 2026-11-27T00:00:00Z, the project's test clock (tools/demo-issuer).
pub const NOW: i64 = 1_795_737_600;

const OID_LDS: &str = "2.23.136.1.1.1";
const OID_ML: &str = "2.23.136.1.1.2";

pub struct Ca {
    pub signer: Signer,
    pub cert: Cert,
    pub file: &'static str,
}

pub struct World {
    pub csca1: Ca,
    pub csca2: Ca,
    pub link: Cert,
    pub csca_rsa: Ca,
    pub rogue_csca: Ca,
    pub dsc1: Ca,
    pub dsc_rsa: Ca,
    pub dsc_pkcs1: Ca,
    pub dsc3: Ca,
    pub dsc_expired: Ca,
    pub dsc_rogue: Ca,
    pub unknown_csca: Ca,
    pub dsc_unknown: Ca,
    pub ml_root: Ca,
    pub ml_signer: Ca,
    pub rogue_ml_root: Ca,
    pub rogue_ml_signer: Ca,
}

fn d(y: i64, m: u32, day: u32) -> i64 {
    unix_of(y, m, day)
}

/// The same calendar day `n` years later (a CSCA key is used for signing for five years).
fn years_after(t: i64, n: i64) -> i64 {
    let (y, m, day, ..) = der::civil(t);
    unix_of(y + n, m, day)
}

struct Issue<'a> {
    serial: u64,
    cn: &'a str,
    ou: Option<&'a str>,
    from: i64,
    to: i64,
    pkup: Option<(i64, i64)>,
    profile: Profile,
}

fn issue(key: &Signer, issuer: Option<(&Signer, &[u8])>, i: Issue) -> Cert {
    let subject = name(i.cn, i.ou);
    let (ik, iname) = match issuer {
        Some((k, n)) => (k, n.to_vec()),
        None => (key, subject.clone()),
    };
    pki::certificate(&CertSpec {
        serial: i.serial,
        subject,
        issuer: iname,
        not_before: i.from,
        not_after: i.to,
        key_usage_period: i.pkup,
        subject_key: key,
        issuer_key: ik,
        profile: i.profile,
    })
}

fn subject_of(cert: &Cert) -> Vec<u8> {
    // Certificate → tbsCertificate → 6th element (subject)
    let tbs = der::content(&cert.der)
        .and_then(der::children)
        .and_then(|c| c.first().copied())
        .and_then(der::content)
        .and_then(der::children);
    tbs.and_then(|t| t.get(5).map(|s| s.to_vec()))
        .unwrap_or_default()
}

impl World {
    pub fn new() -> World {
        let bp512 = |seed| Signer::ec(CurveId::BrainpoolP512r1, seed, true, Hash::Sha512);
        let csca_issue = |serial, cn, from, to| Issue {
            serial,
            cn,
            ou: None,
            from,
            to,
            pkup: Some((from, years_after(from, 5))),
            profile: Profile::Csca,
        };
        let csca1_key = bp512(0xa1);
        let csca1_cert = issue(
            &csca1_key,
            None,
            csca_issue(1, "cccd-verify DEMO CSCA 1", d(2020, 6, 1), d(2035, 6, 1)),
        );
        let csca2_key = bp512(0xa2);
        let csca2_cert = issue(
            &csca2_key,
            None,
            csca_issue(2, "cccd-verify DEMO CSCA 2", d(2024, 1, 1), d(2039, 1, 1)),
        );
        let link = issue(
            &csca2_key,
            Some((&csca1_key, &subject_of(&csca1_cert))),
            Issue {
                pkup: Some((d(2024, 1, 1), d(2029, 1, 1))),
                ..csca_issue(3, "cccd-verify DEMO CSCA 2", d(2024, 1, 1), d(2035, 6, 1))
            },
        );
        let rsa_key = Signer::rsa(0xa3, 3072, Hash::Sha256, true);
        let rsa_cert = issue(
            &rsa_key,
            None,
            csca_issue(
                4,
                "cccd-verify DEMO CSCA RSA-PSS",
                d(2020, 6, 1),
                d(2035, 6, 1),
            ),
        );
        // Same name as CSCA 1, another key: a look-alike that must not be trusted.
        let rogue_key = bp512(0xa4);
        let rogue_cert = issue(
            &rogue_key,
            None,
            csca_issue(1, "cccd-verify DEMO CSCA 1", d(2020, 6, 1), d(2035, 6, 1)),
        );

        let dsc_issue = |serial, cn, from: i64, to: i64, pkup| Issue {
            serial,
            cn,
            ou: Some("Document Signer"),
            from,
            to,
            pkup,
            profile: Profile::Dsc,
        };
        let csca1_name = subject_of(&csca1_cert);
        let dsc1_key = Signer::ec(CurveId::BrainpoolP384r1, 0xb1, true, Hash::Sha256);
        let dsc1_cert = issue(
            &dsc1_key,
            Some((&csca1_key, &csca1_name)),
            dsc_issue(
                101,
                "cccd-verify DEMO DS 1",
                d(2020, 7, 1),
                d(2033, 7, 1),
                Some((d(2020, 7, 1), d(2025, 7, 1))),
            ),
        );
        let dsc_rsa_key = Signer::rsa(0xb2, 2048, Hash::Sha256, true);
        let dsc_rsa_cert = issue(
            &dsc_rsa_key,
            Some((&rsa_key, &subject_of(&rsa_cert))),
            dsc_issue(
                102,
                "cccd-verify DEMO DS RSA-PSS",
                d(2020, 7, 1),
                d(2033, 7, 1),
                Some((d(2020, 7, 1), d(2025, 7, 1))),
            ),
        );
        let dsc_pkcs1_key = Signer::rsa(0xb7, 2048, Hash::Sha256, false);
        let dsc_pkcs1_cert = issue(
            &dsc_pkcs1_key,
            Some((&rsa_key, &subject_of(&rsa_cert))),
            dsc_issue(
                107,
                "cccd-verify DEMO DS RSA PKCS1",
                d(2020, 7, 1),
                d(2033, 7, 1),
                Some((d(2020, 7, 1), d(2025, 7, 1))),
            ),
        );
        let dsc3_key = Signer::ec(CurveId::BrainpoolP256r1, 0xb3, false, Hash::Sha256);
        let dsc3_cert = issue(
            &dsc3_key,
            Some((&csca2_key, &subject_of(&csca2_cert))),
            dsc_issue(
                103,
                "cccd-verify DEMO DS 3",
                d(2024, 2, 1),
                d(2037, 2, 1),
                Some((d(2024, 2, 1), d(2029, 2, 1))),
            ),
        );
        let dsc_exp_key = Signer::ec(CurveId::BrainpoolP384r1, 0xb4, true, Hash::Sha256);
        let dsc_exp_cert = issue(
            &dsc_exp_key,
            Some((&csca1_key, &csca1_name)),
            dsc_issue(
                104,
                "cccd-verify DEMO DS 4 (expired)",
                d(2020, 7, 1),
                d(2021, 1, 1),
                None,
            ),
        );
        let dsc_rogue_key = Signer::ec(CurveId::BrainpoolP384r1, 0xb5, true, Hash::Sha256);
        let dsc_rogue_cert = issue(
            &dsc_rogue_key,
            Some((&rogue_key, &subject_of(&rogue_cert))),
            dsc_issue(
                101,
                "cccd-verify DEMO DS 1",
                d(2020, 7, 1),
                d(2033, 7, 1),
                Some((d(2020, 7, 1), d(2025, 7, 1))),
            ),
        );

        // A CSCA nobody configured (another name), and a document signer under it.
        let unknown_key = bp512(0xa5);
        let unknown_cert = issue(
            &unknown_key,
            None,
            csca_issue(
                5,
                "cccd-verify DEMO CSCA 9 (not configured)",
                d(2020, 6, 1),
                d(2035, 6, 1),
            ),
        );
        let dsc_unknown_key = Signer::ec(CurveId::BrainpoolP384r1, 0xb6, true, Hash::Sha256);
        let dsc_unknown_cert = issue(
            &dsc_unknown_key,
            Some((&unknown_key, &subject_of(&unknown_cert))),
            dsc_issue(
                106,
                "cccd-verify DEMO DS 6",
                d(2020, 7, 1),
                d(2033, 7, 1),
                Some((d(2020, 7, 1), d(2025, 7, 1))),
            ),
        );

        let p256 = |seed| Signer::ec(CurveId::P256, seed, false, Hash::Sha256);
        let root_issue = |serial, cn| Issue {
            serial,
            cn,
            ou: None,
            from: d(2024, 1, 1),
            to: d(2036, 1, 1),
            pkup: None,
            profile: Profile::Root,
        };
        let signer_issue = |serial, cn| Issue {
            serial,
            cn,
            ou: None,
            from: d(2026, 1, 1),
            to: d(2028, 1, 1),
            pkup: None,
            profile: Profile::MlSigner,
        };
        let ml_root_key = p256(0xe1);
        let ml_root_cert = issue(
            &ml_root_key,
            None,
            root_issue(201, "cccd-verify DEMO Master List Root"),
        );
        let ml_signer_key = p256(0xe2);
        let ml_signer_cert = issue(
            &ml_signer_key,
            Some((&ml_root_key, &subject_of(&ml_root_cert))),
            signer_issue(202, "cccd-verify DEMO Master List Signer"),
        );
        let rogue_ml_root_key = p256(0xe3);
        let rogue_ml_root_cert = issue(
            &rogue_ml_root_key,
            None,
            root_issue(301, "cccd-verify DEMO Master List Root (untrusted)"),
        );
        let rogue_ml_signer_key = p256(0xe4);
        let rogue_ml_signer_cert = issue(
            &rogue_ml_signer_key,
            Some((&rogue_ml_root_key, &subject_of(&rogue_ml_root_cert))),
            signer_issue(302, "cccd-verify DEMO Master List Signer"),
        );
        let ca = |signer, cert, file| Ca { signer, cert, file };
        World {
            csca1: ca(csca1_key, csca1_cert, "csca-1-brainpoolP512r1"),
            csca2: ca(csca2_key, csca2_cert, "csca-2-brainpoolP512r1"),
            link,
            csca_rsa: ca(rsa_key, rsa_cert, "csca-rsapss"),
            rogue_csca: ca(rogue_key, rogue_cert, "csca-1-lookalike"),
            dsc1: ca(dsc1_key, dsc1_cert, "dsc-1-brainpoolP384r1"),
            dsc_rsa: ca(dsc_rsa_key, dsc_rsa_cert, "dsc-rsapss"),
            dsc_pkcs1: ca(dsc_pkcs1_key, dsc_pkcs1_cert, "dsc-rsa-pkcs1"),
            dsc3: ca(dsc3_key, dsc3_cert, "dsc-3-brainpoolP256r1"),
            dsc_expired: ca(dsc_exp_key, dsc_exp_cert, "dsc-4-expired"),
            dsc_rogue: ca(dsc_rogue_key, dsc_rogue_cert, "dsc-lookalike"),
            unknown_csca: ca(unknown_key, unknown_cert, "csca-9-not-configured"),
            dsc_unknown: ca(dsc_unknown_key, dsc_unknown_cert, "dsc-6-under-csca-9"),
            ml_root: ca(ml_root_key, ml_root_cert, "ml-root"),
            ml_signer: ca(ml_signer_key, ml_signer_cert, "ml-signer"),
            rogue_ml_root: ca(rogue_ml_root_key, rogue_ml_root_cert, "ml-root-untrusted"),
            rogue_ml_signer: ca(
                rogue_ml_signer_key,
                rogue_ml_signer_cert,
                "ml-signer-untrusted",
            ),
        }
    }
}

impl Default for World {
    fn default() -> Self {
        World::new()
    }
}

/// The chip's Active Authentication key (DG15).
pub enum AaKey {
    Rsa(RsaKey),
    Ec(EcKey),
}

impl AaKey {
    fn spki(&self) -> Vec<u8> {
        match self {
            AaKey::Rsa(k) => k.spki(),
            AaKey::Ec(k) => k.spki(),
        }
    }
    /// The chip's answer to `challenge`: ISO/IEC 9796-2 scheme 1 (RSA, `hash` picks the
    /// trailer) or plain ECDSA over SHA-256 (the hash DG14's ActiveAuthenticationInfo names).
    pub fn respond(&self, slug: &str, hash: Hash, challenge: &[u8]) -> Vec<u8> {
        match self {
            AaKey::Rsa(k) => {
                let seed = [
                    format!("cccd-verify demo-chip AA nonce {slug} ").as_bytes(),
                    challenge,
                ]
                .concat();
                k.sign_9796_2(hash, &seed, challenge).0
            }
            AaKey::Ec(k) => k.sign_plain(Hash::Sha256, challenge),
        }
    }
    fn describe(&self, hash: Hash) -> String {
        match self {
            AaKey::Rsa(k) => format!(
                "RSA {} ISO/IEC 9796-2 scheme 1, {} (trailer {})",
                k.bits,
                hash.name().to_uppercase(),
                if hash == Hash::Sha1 { "0xBC" } else { "0x34CC" }
            ),
            AaKey::Ec(k) => format!(
                "ECDSA {} plain r||s, SHA256 (DG14 ecdsa-plain-SHA256)",
                k.curve.id.name()
            ),
        }
    }
}

/// Seeds: AA keys 0xc1.. and chip authentication keys 0xd1.., one per person (in `people()` order).
pub fn aa_key(index: usize) -> AaKey {
    let seed = 0xc1 + index as u8;
    if index % 2 == 0 {
        AaKey::Rsa(RsaKey::from_seed(seed, 2048))
    } else {
        AaKey::Ec(EcKey::from_seed(CurveId::P256, seed, false))
    }
}

pub fn ca_key(index: usize) -> EcKey {
    EcKey::from_seed(CurveId::BrainpoolP256r1, 0xd1 + index as u8, false)
}

pub fn challenge(label: &str) -> Vec<u8> {
    Hash::Sha256
        .digest(format!("cccd-verify demo-chip AA challenge {label}").as_bytes())
        .into_iter()
        .take(8)
        .collect()
}

/// A chip dump: EF.COM, the data groups (number → bytes as read) and EF.SOD.
#[derive(Clone)]
pub struct Dump {
    pub com: Vec<u8>,
    pub dgs: BTreeMap<u8, Vec<u8>>,
    pub sod: Vec<u8>,
    pub aa: Option<(Vec<u8>, Vec<u8>)>,
}

pub fn data_groups(p: &Person, index: usize, aa: &AaKey) -> BTreeMap<u8, Vec<u8>> {
    let mut dgs = BTreeMap::new();
    dgs.insert(1, card::dg1(&p.mrz()));
    let shade = Hash::Sha256
        .digest(p.id.as_bytes())
        .first()
        .copied()
        .unwrap_or(0);
    dgs.insert(2, card::dg2(&jpeg::encode(&jpeg::face(shade)), p.male));
    dgs.insert(13, card::dg13(p));
    dgs.insert(
        14,
        card::dg14(&ca_key(index).spki(), matches!(aa, AaKey::Ec(_))),
    );
    dgs.insert(15, card::dg15(&aa.spki()));
    dgs
}

/// LDSSecurityObject v0 (ICAO 9303 Part 10 §4.6.2.2): version 0, hash algorithm, DG hashes.
pub fn lds(declared: Hash, hashes: &BTreeMap<u8, Vec<u8>>) -> Vec<u8> {
    let entries: Vec<Vec<u8>> = hashes
        .iter()
        .map(|(n, h)| seq(&[der::int(u64::from(*n)), der::octets(h)]))
        .collect();
    seq(&[der::int(0), declared.alg_id(), seq(&entries)])
}

/// LDSSecurityObject v1: as v0 with version 1 and LDSVersionInfo { "0108", "040000" }
/// (ICAO 9303 Part 10 §4.6.2.2).
pub fn lds_v1(declared: Hash, hashes: &BTreeMap<u8, Vec<u8>>) -> Vec<u8> {
    let entries: Vec<Vec<u8>> = hashes
        .iter()
        .map(|(n, h)| seq(&[der::int(u64::from(*n)), der::octets(h)]))
        .collect();
    seq(&[
        der::int(1),
        declared.alg_id(),
        seq(&entries),
        seq(&[der::printable("0108"), der::printable("040000")]),
    ])
}

pub fn hashes(hash: Hash, dgs: &BTreeMap<u8, Vec<u8>>) -> BTreeMap<u8, Vec<u8>> {
    dgs.iter().map(|(n, b)| (*n, hash.digest(b))).collect()
}

/// EF.SOD: tag 0x77 around the CMS SignedData of the LDSSecurityObject.
pub fn sod(lds_bytes: &[u8], dsc: &Ca, signing_time: i64, break_signature: bool) -> Vec<u8> {
    der::tlv(
        0x77,
        &pki::signed_data(&CmsSpec {
            econtent_type: OID_LDS,
            econtent: lds_bytes,
            signer: &dsc.signer,
            signer_cert: &dsc.cert,
            signing_time,
            break_signature,
        }),
    )
}

pub fn signing_time(p: &Person) -> i64 {
    // 09:00 in Hà Nội (UTC+7) on the issue date.
    unix_of(i64::from(p.issued.2), p.issued.1, p.issued.0) + 2 * 3600
}

/// CscaMasterList (ICAO 9303 Part 12 §9): { version 0, certList SET OF Certificate }.
pub fn master_list(world: &World, signer: &Ca, extra: Option<&[u8]>) -> Vec<u8> {
    let mut certs = vec![
        world.csca1.cert.der.clone(),
        world.csca2.cert.der.clone(),
        world.link.der.clone(),
        world.csca_rsa.cert.der.clone(),
    ];
    let content = seq(&[der::int(0), der::set_of(&certs)]);
    let signed = pki::signed_data(&CmsSpec {
        econtent_type: OID_ML,
        econtent: &content,
        signer: &signer.signer,
        signer_cert: &signer.cert,
        signing_time: unix_of(2026, 11, 1),
        break_signature: false,
    });
    match extra {
        None => signed,
        Some(cert) => {
            // Tampered after signing: a certificate slipped into the signed content.
            certs.push(cert.to_vec());
            let tampered = seq(&[der::int(0), der::set_of(&certs)]);
            replace_once(&signed, &der::octets(&content), &der::octets(&tampered))
        }
    }
}

fn replace_once(hay: &[u8], old: &[u8], new: &[u8]) -> Vec<u8> {
    // Re-encode every enclosing length: rebuild by splicing and fixing the outer TLVs.
    // The content sits at a fixed path (ContentInfo → [0] → SignedData → encapContentInfo →
    // [0] → OCTET STRING), so rebuild along that path.
    let Some(ci) = der::content(hay).and_then(der::children) else {
        return hay.to_vec();
    };
    let (Some(oid), Some(explicit)) = (ci.first(), ci.get(1)) else {
        return hay.to_vec();
    };
    let Some(sd_parts) = der::content(explicit)
        .and_then(der::content)
        .and_then(der::children)
    else {
        return hay.to_vec();
    };
    let parts: Vec<Vec<u8>> = sd_parts
        .iter()
        .map(|p| {
            if p.windows(old.len()).any(|w| w == old) {
                let inner = der::content(p).and_then(der::children).unwrap_or_default();
                let ty = inner.first().map(|t| t.to_vec()).unwrap_or_default();
                seq(&[ty, der::ctx(0, new)])
            } else {
                p.to_vec()
            }
        })
        .collect();
    seq(&[oid.to_vec(), der::ctx(0, &seq(&parts))])
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum DscChoice {
    Dsc1,
    Dsc1Sha512,
    Rsa,
    RsaPkcs1,
}

pub fn dsc_of<'w>(w: &'w World, c: DscChoice, sha512: &'w Ca) -> &'w Ca {
    match c {
        DscChoice::Dsc1 => &w.dsc1,
        DscChoice::Dsc1Sha512 => sha512,
        DscChoice::Rsa => &w.dsc_rsa,
        DscChoice::RsaPkcs1 => &w.dsc_pkcs1,
    }
}

pub fn dump_json(d: &Dump) -> Value {
    let mut dgs = Map::new();
    for (n, b) in &d.dgs {
        dgs.insert(format!("DG{n}"), Value::String(b64::encode_std(b)));
    }
    let mut o = Map::new();
    o.insert("format".into(), json!("icao9303-dump/1"));
    o.insert("sod".into(), json!(b64::encode_std(&d.sod)));
    o.insert("com".into(), json!(b64::encode_std(&d.com)));
    o.insert("dataGroups".into(), Value::Object(dgs));
    if let Some((c, s)) = &d.aa {
        o.insert(
            "activeAuthentication".into(),
            json!({"challenge": hex(c), "signature": b64::encode_std(s)}),
        );
    }
    Value::Object(o)
}

/// The files of a folder dump (docs/chip-data.md "A folder of raw EF files"): EF.COM.bin,
/// EF.SOD.bin and DG<n>.bin, bytes exactly as read. A folder carries no Active Authentication.
pub fn dump_files(d: &Dump) -> Vec<(String, Vec<u8>)> {
    let mut files = vec![
        ("EF.COM.bin".to_string(), d.com.clone()),
        ("EF.SOD.bin".to_string(), d.sod.clone()),
    ];
    for (n, b) in &d.dgs {
        files.push((format!("DG{n}.bin"), b.clone()));
    }
    files
}

/// Every output file (path relative to the fixture directory → bytes) and `expected.json`.
pub fn all() -> Vec<(String, Vec<u8>)> {
    let w = World::new();
    let dsc1_512 = Ca {
        signer: Signer::ec(CurveId::BrainpoolP384r1, 0xb1, true, Hash::Sha512),
        cert: Cert {
            der: w.dsc1.cert.der.clone(),
            issuer: w.dsc1.cert.issuer.clone(),
            serial: w.dsc1.cert.serial,
        },
        file: "dsc-1-brainpoolP384r1",
    };
    let people = card::people();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut dump_entries: Vec<Value> = Vec::new();

    // PKI files
    let mut pki_entries = Vec::new();
    let pki_list: Vec<(&Ca, &str, &str)> = vec![
        (&w.csca1, "CSCA 1 (trust anchor): self-signed", "csca"),
        (&w.csca2, "CSCA 2 (the successor): self-signed", "csca"),
        (
            &w.csca_rsa,
            "RSA-PSS CSCA (trust anchor): self-signed",
            "csca",
        ),
        (
            &w.rogue_csca,
            "Look-alike: same name as CSCA 1, another key (never trusted)",
            "untrusted",
        ),
        (&w.dsc1, "Document signer 1 under CSCA 1", "dsc"),
        (
            &w.dsc_rsa,
            "RSA-PSS document signer under the RSA-PSS CSCA",
            "dsc",
        ),
        (
            &w.dsc_pkcs1,
            "RSA PKCS #1 v1.5 document signer (sha256WithRSAEncryption) under the RSA-PSS CSCA",
            "dsc",
        ),
        (
            &w.dsc3,
            "Document signer 3 under CSCA 2 (chains to CSCA 1 through the link certificate)",
            "dsc",
        ),
        (
            &w.dsc_expired,
            "Document signer 4 under CSCA 1, expired on 2021-01-01",
            "dsc",
        ),
        (
            &w.dsc_rogue,
            "Document signer under the look-alike CSCA",
            "dsc",
        ),
        (
            &w.unknown_csca,
            "A CSCA of another name that no verifier is configured with",
            "untrusted",
        ),
        (
            &w.dsc_unknown,
            "Document signer 6 under the unconfigured CSCA 9",
            "dsc",
        ),
        (
            &w.ml_root,
            "Master list signer root (pin this)",
            "masterListRoot",
        ),
        (
            &w.ml_signer,
            "Master list signer under the root",
            "masterListSigner",
        ),
        (&w.rogue_ml_root, "Untrusted master list root", "untrusted"),
        (
            &w.rogue_ml_signer,
            "Master list signer under the untrusted root",
            "untrusted",
        ),
    ];
    for (ca, what, role) in &pki_list {
        files.push((format!("pki/{}.der", ca.file), ca.cert.der.clone()));
        files.push((format!("pki/{}.pem", ca.file), pki::pem_cert(&ca.cert.der)));
        pki_entries.push(json!({
            "file": format!("pki/{}.pem", ca.file),
            "der": format!("pki/{}.der", ca.file),
            "role": role,
            "description": what,
            "key": ca.signer.describe(),
            "sha256": hex(&Hash::Sha256.digest(&ca.cert.der)),
        }));
    }
    files.push(("pki/link-csca-1-to-2.der".into(), w.link.der.clone()));
    files.push((
        "pki/link-csca-1-to-2.pem".into(),
        pki::pem_cert(&w.link.der),
    ));
    pki_entries.push(json!({
        "file": "pki/link-csca-1-to-2.pem",
        "der": "pki/link-csca-1-to-2.der",
        "role": "link",
        "description": "Link certificate: CSCA 2's key and name, issued by CSCA 1",
        "key": w.csca2.signer.describe(),
        "sha256": hex(&Hash::Sha256.digest(&w.link.der)),
    }));

    // Master lists
    let ml = master_list(&w, &w.ml_signer, None);
    let ml_resigned = master_list(&w, &w.rogue_ml_signer, None);
    let ml_tampered = master_list(&w, &w.ml_signer, Some(&w.rogue_csca.cert.der));
    files.push(("masterlist.ml".into(), ml));
    files.push(("masterlist.resigned.rejects.ml".into(), ml_resigned));
    files.push(("masterlist.tampered.rejects.ml".into(), ml_tampered));
    let ml_entries = json!([
        {"file": "masterlist.ml", "expected": "ok",
         "description": "CSCA master list: CSCA 1, CSCA 2, the link certificate 1→2, the RSA-PSS CSCA; signed by the master list signer (P-256, SHA-256), signing time 2026-11-01",
         "contents": [w.csca1.file, w.csca2.file, "link-csca-1-to-2", w.csca_rsa.file]},
        {"file": "masterlist.resigned.rejects.ml", "expected": "ERR_CERT_UNKNOWN_ISSUER",
         "description": "The same content re-signed by a signer of the same name under another root: it does not chain to the pinned master list root"},
        {"file": "masterlist.tampered.rejects.ml", "expected": "ERR_MASTER_LIST_SIGNATURE",
         "description": "The look-alike CSCA slipped into the signed content after signing: message-digest no longer matches (the verifier may report ERR_CHIP_SOD_ATTRIBUTE_MISMATCH-style attribute failure under this code)"}
    ]);

    // Valid dumps, one per person
    let mut an_parts: Option<(BTreeMap<u8, Vec<u8>>, Dump)> = None;
    for (i, p) in people.iter().enumerate() {
        let aa = aa_key(i);
        let dgs = data_groups(p, i, &aa);
        let dsc_choice = match p.slug {
            "tran-thi-binh" => DscChoice::Rsa,
            "pham-van-dung" => DscChoice::Dsc1Sha512,
            "le-thi-cuc" => DscChoice::RsaPkcs1,
            _ => DscChoice::Dsc1,
        };
        let lds_hash = if dsc_choice == DscChoice::Dsc1Sha512 {
            Hash::Sha512
        } else {
            Hash::Sha256
        };
        let dsc = dsc_of(&w, dsc_choice, &dsc1_512);
        // The long-address chip's SOD is an LDSSecurityObject v1 (with LDSVersionInfo).
        let lds_bytes = if p.residence.len() > 127 {
            lds_v1(lds_hash, &hashes(lds_hash, &dgs))
        } else {
            lds(lds_hash, &hashes(lds_hash, &dgs))
        };
        let sodb = sod(&lds_bytes, dsc, signing_time(p), false);
        let ch = challenge(p.slug);
        let resp = aa.respond(p.slug, Hash::Sha256, &ch);
        let dump = Dump {
            com: card::com(&dgs.keys().copied().collect::<Vec<_>>()),
            dgs: dgs.clone(),
            sod: sodb,
            aa: Some((ch.clone(), resp)),
        };
        let file = format!("{}.valid.json", p.slug);
        files.push((file.clone(), pretty(&dump_json(&dump))));
        dump_entries.push(entry(
            &file,
            p,
            &dump,
            dsc,
            lds_hash,
            &aa,
            Hash::Sha256,
            "ok",
            &describe_valid(p, dsc_choice),
        ));
        if p.slug == "nguyen-van-an" {
            // The same chip answering with the SHA-1 trailer (0xBC), the usual eMRTD form.
            let resp1 = aa.respond(p.slug, Hash::Sha1, &ch);
            let d1 = Dump {
                aa: Some((ch.clone(), resp1)),
                ..dump.clone()
            };
            let f = format!("{}.aa-sha1.rejects.json", p.slug);
            files.push((f.clone(), pretty(&dump_json(&d1))));
            dump_entries.push(entry(&f, p, &d1, dsc, lds_hash, &aa, Hash::Sha1, "ERR_CHIP_ALGORITHM_NOT_ALLOWED",
                "As nguyen-van-an.valid.json, but the Active Authentication answer uses ISO/IEC 9796-2 with SHA-1 (implicit trailer 0xBC), as most eMRTD chips do: refused by the default allow-list (no SHA-1); ok when the caller allows SHA-1"));
            // The folder form
            for (name, bytes) in dump_files(&dump) {
                files.push((format!("{}.valid/{name}", p.slug), bytes));
            }
            an_parts = Some((dgs.clone(), dump));
        }
        if p.slug == "le-thi-cuc" {
            // DG13 text in NFD (decomposed), consistently signed.
            let mut dn = dgs.clone();
            dn.insert(13, card::dg13_nfd(p));
            let sodn = sod(
                &lds(lds_hash, &hashes(lds_hash, &dn)),
                dsc,
                signing_time(p),
                false,
            );
            let chn = challenge("le-thi-cuc nfd");
            let dnfd = Dump {
                com: card::com(&dn.keys().copied().collect::<Vec<_>>()),
                dgs: dn,
                sod: sodn,
                aa: Some((chn.clone(), aa.respond(p.slug, Hash::Sha256, &chn))),
            };
            let f = format!("{}.dg13-nfd.valid.json", p.slug);
            files.push((f.clone(), pretty(&dump_json(&dnfd))));
            dump_entries.push(entry(&f, p, &dnfd, dsc, lds_hash, &aa, Hash::Sha256, "ok",
                "As le-thi-cuc.valid.json, but every DG13 text is NFD (decomposed diacritics), consistently signed: passive authentication succeeds, and a parser that normalises reads the same (NFC) fields as from le-thi-cuc.valid.json"));
        }
        if p.slug == "pham-van-dung" {
            // Re-signed under CSCA 2: chains to CSCA 1 through the link certificate.
            let sodl = sod(
                &lds(Hash::Sha256, &hashes(Hash::Sha256, &dgs)),
                &w.dsc3,
                signing_time(p),
                false,
            );
            let ch2 = challenge("pham-van-dung link");
            let dl = Dump {
                sod: sodl,
                aa: Some((ch2.clone(), aa.respond(p.slug, Hash::Sha256, &ch2))),
                ..Dump {
                    com: card::com(&dgs.keys().copied().collect::<Vec<_>>()),
                    dgs: dgs.clone(),
                    sod: vec![],
                    aa: None,
                }
            };
            let f = format!("{}.link.valid.json", p.slug);
            files.push((f.clone(), pretty(&dump_json(&dl))));
            dump_entries.push(entry(&f, p, &dl, &w.dsc3, Hash::Sha256, &aa, Hash::Sha256, "ok",
                "Signed by document signer 3 (brainpoolP256r1, named curve) under CSCA 2: trusted through CSCA 2 itself, or through CSCA 1 plus the link certificate (pki/link-csca-1-to-2.pem); not under CSCA 1 alone"));
        }
    }

    // Negative dumps, all from Nguyễn Văn An's chip (people()[0], RSA AA key)
    if let (Some((dgs, good)), Some(p)) = (an_parts, people.first()) {
        let aa = aa_key(0);
        let st = signing_time(p);
        let com = good.com.clone();
        let mk = |dgs: BTreeMap<u8, Vec<u8>>, sodb: Vec<u8>| Dump {
            com: com.clone(),
            dgs,
            sod: sodb,
            aa: good.aa.clone(),
        };
        let mut neg: Vec<(&str, Dump, &Ca, Hash, &str, String)> = Vec::new();

        // 1. DG13 changed after signing
        let mut t = dgs.clone();
        if let Some(dg13) = t.get_mut(&13) {
            let pos = find(dg13, "Số 1 Ngõ 2".as_bytes())
                .map(|x| x + 3)
                .unwrap_or(20);
            if let Some(b) = dg13.get_mut(pos) {
                *b = b'7';
            }
        }
        neg.push((
            "dg13-tampered",
            mk(t, good.sod.clone()),
            &w.dsc1,
            Hash::Sha256,
            "ERR_CHIP_DG_HASH_MISMATCH",
            "DG13's residence changed after signing ('Số 1' → 'Số 7'); EF.SOD unchanged".into(),
        ));

        // 2. Declared hash algorithm is not the one the hashes were made with
        let s = sod(
            &lds(Hash::Sha384, &hashes(Hash::Sha256, &dgs)),
            &w.dsc1,
            st,
            false,
        );
        neg.push(("hash-algorithm-mismatch", mk(dgs.clone(), s), &w.dsc1, Hash::Sha384, "ERR_CHIP_SOD_FORMAT",
            "LDSSecurityObject declares SHA-384 but holds 32-byte SHA-256 hashes (validly signed): a hash value of the wrong length for its algorithm is malformed (a verifier that compares without checking the length reports ERR_CHIP_DG_HASH_MISMATCH)".into()));

        // 3. SHA-1 data group hashes (allowed by ICAO, outside the default allow-list)
        let s = sod(
            &lds(Hash::Sha1, &hashes(Hash::Sha1, &dgs)),
            &w.dsc1,
            st,
            false,
        );
        neg.push(("dg-hash-sha1", mk(dgs.clone(), s), &w.dsc1, Hash::Sha1, "ERR_CHIP_ALGORITHM_NOT_ALLOWED",
            "Consistent SHA-1 data group hashes: rejected under the default allow-list (no SHA-1); ok when the caller allows SHA-1".into()));

        // 4. DSC expired before the signing time
        let s = sod(
            &lds(Hash::Sha256, &hashes(Hash::Sha256, &dgs)),
            &w.dsc_expired,
            st,
            false,
        );
        neg.push(("dsc-expired", mk(dgs.clone(), s), &w.dsc_expired, Hash::Sha256, "ERR_CERT_EXPIRED",
            "Signed 2021-04-20 by document signer 4, whose certificate expired on 2021-01-01 (and is expired at now)".into()));

        // 5. DSC not under the CSCA (a look-alike CSCA with the same name)
        let s = sod(
            &lds(Hash::Sha256, &hashes(Hash::Sha256, &dgs)),
            &w.dsc_rogue,
            st,
            false,
        );
        neg.push(("dsc-not-under-csca", mk(dgs.clone(), s), &w.dsc_rogue, Hash::Sha256, "ERR_CERT_SIGNATURE_INVALID",
            "The document signer is issued by a look-alike of CSCA 1 (same subject name, same serial 1, another key): the name matches CSCA 1, the signature does not (a path builder that matches the authorityKeyIdentifier first reports ERR_CERT_UNKNOWN_ISSUER)".into()));

        // 5b. DSC under a CSCA of another name that is not configured
        let s = sod(
            &lds(Hash::Sha256, &hashes(Hash::Sha256, &dgs)),
            &w.dsc_unknown,
            st,
            false,
        );
        neg.push(("dsc-unknown-csca", mk(dgs.clone(), s), &w.dsc_unknown, Hash::Sha256, "ERR_CERT_UNKNOWN_ISSUER",
            "The document signer is issued by CSCA 9, which no verifier is configured with (not in the master list either): the data is intact, the issuer unverified".into()));

        // 6. SOD signature broken
        let s = sod(
            &lds(Hash::Sha256, &hashes(Hash::Sha256, &dgs)),
            &w.dsc1,
            st,
            true,
        );
        neg.push((
            "sod-signature-broken",
            mk(dgs.clone(), s),
            &w.dsc1,
            Hash::Sha256,
            "ERR_CHIP_SOD_SIGNATURE",
            "The last byte of the SignerInfo signature flipped (still valid DER)".into(),
        ));

        // 7. LDSSecurityObject changed after signing (message-digest attribute no longer matches)
        let mut t = dgs.clone();
        if let Some(dg13) = t.get_mut(&13) {
            let pos = find(dg13, "Số 1 Ngõ 2".as_bytes())
                .map(|x| x + 3)
                .unwrap_or(20);
            if let Some(b) = dg13.get_mut(pos) {
                *b = b'7';
            }
        }
        let signed_lds = lds(Hash::Sha256, &hashes(Hash::Sha256, &dgs));
        let altered_lds = lds(Hash::Sha256, &hashes(Hash::Sha256, &t));
        let s_good = sod(&signed_lds, &w.dsc1, st, false);
        let s = splice_lds(&s_good, &signed_lds, &altered_lds);
        neg.push(("lds-altered", mk(t, s), &w.dsc1, Hash::Sha256, "ERR_CHIP_SOD_ATTRIBUTE_MISMATCH",
            "DG13 tampered AND its hash in the LDSSecurityObject replaced to match; the signed message-digest attribute still holds the original digest".into()));

        // 8. DG13 listed in the SOD but absent from the dump
        let mut t = dgs.clone();
        t.remove(&13);
        let missing = mk(t, good.sod.clone());
        let f = "nguyen-van-an.dg13-missing.reported.json";
        files.push((f.to_string(), pretty(&dump_json(&missing))));
        let mut e = entry(f, p, &missing, &w.dsc1, Hash::Sha256, &aa, Hash::Sha256, "ok",
            "EF.SOD (and EF.COM) list DG13, the dump leaves it out: passive authentication of what was handed over succeeds, and DG13 must be reported as not read, never as valid and never silently dropped (a strict caller may refuse the dump; ERR_CHIP_DG_MISSING would be the code)");
        if let Some(o) = e.as_object_mut() {
            o.insert("expectedDataGroups".into(), json!({"DG1": "valid", "DG2": "valid", "DG13": "notRead", "DG14": "valid", "DG15": "valid"}));
        }
        dump_entries.push(e);

        // 9. DG15 in the dump but not in the SOD (as BSI TR-03105-5 set A)
        let mut signed = dgs.clone();
        signed.remove(&15);
        let s = sod(
            &lds(Hash::Sha256, &hashes(Hash::Sha256, &signed)),
            &w.dsc1,
            st,
            false,
        );
        neg.push(("dg15-not-in-sod", mk(dgs.clone(), s), &w.dsc1, Hash::Sha256, "ERR_CHIP_DG_NOT_IN_SOD",
            "DG15 (the AA key) handed over but EF.SOD hashes only DG1, DG2, DG13, DG14: a substituted AA key would go unnoticed".into()));

        // 10. Active Authentication answer forged (another key's valid 9796-2 signature)
        let forger = AaKey::Rsa(RsaKey::from_seed(0xc9, 2048));
        let ch = good.aa.as_ref().map(|(c, _)| c.clone()).unwrap_or_default();
        let forged = Dump {
            aa: Some((ch.clone(), forger.respond(p.slug, Hash::Sha256, &ch))),
            ..good.clone()
        };
        neg.push(("aa-forged", forged, &w.dsc1, Hash::Sha256, "ERR_CHIP_AA_FAILED",
            "Copied chip data (passive authentication passes) with an AA answer made by another RSA key (seed 0xc9): does not verify with DG15".into()));

        // 11. AA answer replayed for another challenge
        let other = challenge("nguyen-van-an replay");
        let replay = Dump {
            aa: Some((ch.clone(), aa.respond(p.slug, Hash::Sha256, &other))),
            ..good.clone()
        };
        neg.push((
            "aa-replayed",
            replay,
            &w.dsc1,
            Hash::Sha256,
            "ERR_CHIP_AA_FAILED",
            format!(
                "The genuine chip's answer to an earlier challenge ({}) presented for this one",
                hex(&other)
            ),
        ));

        // 12. DG1 with a wrong check digit, consistently signed
        let mut mrz = p.mrz();
        mrz[1] = {
            let l = &mrz[1];
            let wrong = if l.get(6..7) == Some("9") { "0" } else { "9" };
            format!(
                "{}{}{}",
                l.get(..6).unwrap_or_default(),
                wrong,
                l.get(7..).unwrap_or_default()
            )
        };
        let mut t = dgs.clone();
        t.insert(1, card::dg1(&mrz));
        let s = sod(
            &lds(Hash::Sha256, &hashes(Hash::Sha256, &t)),
            &w.dsc1,
            st,
            false,
        );
        neg.push(("dg1-check-digit", mk(t, s), &w.dsc1, Hash::Sha256, "ERR_MRZ_CHECK_DIGIT",
            "DG1's date-of-birth check digit is wrong; EF.SOD covers it (passive authentication passes; the MRZ rule fails)".into()));

        // 13. No certificate in the SOD
        let s = strip_certificates(&good.sod);
        neg.push(("dsc-missing", mk(dgs.clone(), s), &w.dsc1, Hash::Sha256, "ERR_CHIP_DSC_MISSING",
            "EF.SOD without its certificates field: no document signer key (unless the caller supplies pki/dsc-1-brainpoolP384r1.pem)".into()));

        for (rule, dump, dsc, hash, code, why) in neg {
            let file = format!("nguyen-van-an.{rule}.rejects.json");
            files.push((file.clone(), pretty(&dump_json(&dump))));
            dump_entries.push(entry(
                &file,
                p,
                &dump,
                dsc,
                hash,
                &aa,
                Hash::Sha256,
                code,
                &why,
            ));
        }
        // 14. Not the hand-off format
        let mut bad = dump_json(&good);
        if let Some(o) = bad.as_object_mut() {
            o.insert("format".into(), json!("icao9303-dump/2"));
        }
        files.push(("nguyen-van-an.bad-format.rejects.json".into(), pretty(&bad)));
        dump_entries.push(json!({
            "file": "nguyen-van-an.bad-format.rejects.json",
            "expected": "ERR_CHIP_DUMP_FORMAT",
            "reason": "format is \"icao9303-dump/2\", not \"icao9303-dump/1\""
        }));
    }

    let expected = json!({
        "DEMO_ONLY": "Every file here is DEMO data from tools/demo-chip: synthetic people, keys from published one-byte seeds (anyone can sign with them). Never trust these CSCAs outside tests.",
        "now": NOW,
        "nowIso": "2026-11-27T00:00:00Z",
        "trust": {
            "cscas": [format!("pki/{}.pem", w.csca1.file), format!("pki/{}.pem", w.csca_rsa.file)],
            "linkCertificates": ["pki/link-csca-1-to-2.pem"],
            "masterList": "masterlist.ml",
            "masterListSigner": format!("pki/{}.pem", w.ml_root.file),
            "note": "Outcomes assume these anchors: CSCA 1 and the RSA-PSS CSCA pinned with the link certificate (or every CSCA of masterlist.ml, read with pki/ml-root.pem pinned), now = 2026-11-27T00:00:00Z, the challenge of each dump being the relying party's own, and the default allow-list (SHA-224/256/384/512 for signatures, data group hashes and Active Authentication; explicit parameters only when they equal a named curve). reportedIn says where the code appears: an error, or issuer.error of a result whose verdict is intactIssuerNotVerified. expectedWithSha1Allowed: the outcome when the caller adds SHA-1."
        },
        "pki": pki_entries,
        "masterLists": ml_entries,
        "dumps": dump_entries,
        "folders": [{
            "dir": "nguyen-van-an.valid",
            "sameAs": "nguyen-van-an.valid.json",
            "expected": "ok",
            "files": "EF.COM.bin, EF.SOD.bin, DG1.bin, DG2.bin, DG13.bin, DG14.bin, DG15.bin",
            "note": "The same chip as the JSON dump, without Active Authentication (a folder has no place for it): expected ok, with Active Authentication not performed"
        }]
    });
    files.push(("expected.json".into(), pretty(&expected)));
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

fn describe_valid(p: &Person, dsc: DscChoice) -> String {
    let signer = match dsc {
        DscChoice::Rsa => "the RSA-PSS document signer (RSA 2048, PSS SHA-256) under the RSA-PSS CSCA (RSA 3072)",
        DscChoice::RsaPkcs1 => "the RSA PKCS #1 v1.5 document signer (RSA 2048, sha256WithRSAEncryption) under the RSA-PSS CSCA (RSA 3072)",
        DscChoice::Dsc1Sha512 => "document signer 1 with ecdsa-with-SHA512, SHA-512 data group hashes",
        _ => "document signer 1 (brainpoolP384r1, explicit parameters) under CSCA 1 (brainpoolP512r1, explicit parameters, ecdsa-with-SHA512)",
    };
    let mut s = format!("{}'s chip, signed by {signer}", p.name);
    if p.residence.len() > 127 {
        s.push_str(&format!(
            "; LDSSecurityObject v1 (LDS 1.8, Unicode 4.0.0); DG13 residence of {} bytes (long-form BER lengths)",
            p.residence.len()
        ));
    }
    if p.parents == card::ParentsNesting::Together {
        s.push_str("; DG13 field 13 as SEQUENCE { 13, SEQUENCE { father, mother } }");
    }
    if p.old_id.is_none() {
        s.push_str("; no old ID (DG13 field 15 absent)");
    }
    if p.spouse.is_none() {
        s.push_str("; no spouse (field 14 holds only its number)");
    }
    s
}

#[allow(clippy::too_many_arguments)]
fn entry(
    file: &str,
    p: &Person,
    d: &Dump,
    dsc: &Ca,
    lds_hash: Hash,
    aa: &AaKey,
    aa_hash: Hash,
    expected: &str,
    why: &str,
) -> Value {
    let reported_in = if expected == "ok" {
        "result"
    } else if expected.starts_with("ERR_CERT_") {
        "issuer.error (the result's verdict is intactIssuerNotVerified: data intact, issuer not verified)"
    } else {
        "error"
    };
    let with_sha1 = (expected == "ERR_CHIP_ALGORITHM_NOT_ALLOWED").then_some("ok");
    json!({
        "file": file,
        "expected": expected,
        "expectedWithSha1Allowed": with_sha1,
        "reportedIn": reported_in,
        "reason": why,
        "person": p.slug,
        "qr": p.qr,
        "mrz": p.mrz().to_vec(),
        "dataGroups": d.dgs.keys().map(|n| format!("DG{n}")).collect::<Vec<_>>(),
        "documentSigner": format!("pki/{}.pem", dsc.file),
        "sodSignature": dsc.signer.describe(),
        "ldsHash": lds_hash.name(),
        "signingTime": iso(signing_time(p)),
        "activeAuthentication": d.aa.as_ref().map(|(c, _)| json!({"challenge": hex(c), "scheme": aa.describe(aa_hash)})),
        "dg13": {
            "idNumber": p.id, "fullName": p.name, "dateOfBirth": card::ddmmyyyy(p.dob, "/"),
            "sex": p.sex_vi(), "residence": p.residence, "residenceBytes": p.residence.len(),
            "placeOfOrigin": p.origin, "dateOfIssue": card::ddmmyyyy(p.issued, "/"),
            "dateOfExpiry": card::ddmmyyyy(p.expiry, "/"), "father": p.father, "mother": p.mother,
            "spouse": p.spouse, "oldIdNumber": p.old_id, "field16": p.field16
        }
    })
}

fn iso(t: i64) -> String {
    let (y, mo, d, h, mi, s) = der::civil(t);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

pub fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Replaces the signed LDSSecurityObject inside an EF.SOD by another of the same length
/// (same hash sizes), leaving the signed attributes and the signature as they were.
fn splice_lds(sod: &[u8], old: &[u8], new: &[u8]) -> Vec<u8> {
    match find(sod, old) {
        Some(pos) if old.len() == new.len() => {
            let mut out = sod.to_vec();
            if let Some(slot) = out.get_mut(pos..pos + old.len()) {
                slot.copy_from_slice(new);
            }
            out
        }
        _ => sod.to_vec(),
    }
}

/// EF.SOD without the SignedData `certificates` field (rebuilt with the right lengths).
fn strip_certificates(sod: &[u8]) -> Vec<u8> {
    let parts = der::content(sod)
        .and_then(der::content)
        .and_then(der::children)
        .and_then(|ci| {
            let oid = ci.first()?.to_vec();
            let sd = der::content(ci.get(1)?)
                .and_then(der::content)
                .and_then(der::children)?;
            Some((oid, sd))
        });
    let Some((oid, sd)) = parts else {
        return sod.to_vec();
    };
    let kept: Vec<Vec<u8>> = sd
        .iter()
        .filter(|p| p.first() != Some(&0xA0))
        .map(|p| p.to_vec())
        .collect();
    der::tlv(0x77, &seq(&[oid, der::ctx(0, &seq(&kept))]))
}

pub fn pretty(v: &Value) -> Vec<u8> {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s.into_bytes()
}
