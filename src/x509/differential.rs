//! Differential test of the certificate reader (`cert.rs`) against x509-parser, the crate it
//! replaced: every certificate found in the shared vectors and in tests/data is read by both,
//! through the checks `Cert::parse` made with x509-parser before (kept here as the reference),
//! and every fact path validation reads must agree, as must the outcome (error reason included).

use std::collections::BTreeSet;
use std::path::Path;

use base64::Engine;
use x509_parser::certificate::X509CertificateParser;
use x509_parser::extensions::{BasicConstraints, GeneralName, KeyUsage, SubjectAlternativeName};
use x509_parser::nom::Parser;
use x509_parser::prelude::FromDer;
use x509_parser::x509::{X509Name, X509Version};

use super::cert::Cert;
use crate::error::{CertRef, Error};

const AT: CertRef = CertRef::Chain(0);

/// What path validation reads from a certificate.
#[derive(Debug, PartialEq, Eq)]
struct Facts {
    tbs: Vec<u8>,
    issuer: Vec<u8>,
    subject: Vec<u8>,
    subject_string: String,
    spki: Vec<u8>,
    validity: (i64, i64),
    signature: Vec<u8>,
    /// `(dotted OID, OID contents, critical, value)`.
    extensions: Vec<(String, Vec<u8>, bool, Vec<u8>)>,
    ca: bool,
    path_len: Option<u32>,
    /// digitalSignature, nonRepudiation, keyCertSign, cRLSign.
    key_usage: Option<[bool; 4]>,
    san: (Vec<String>, Vec<String>),
    /// extKeyUsage as dotted OIDs.
    eku: Option<(bool, Vec<String>)>,
}

/// `Cert::parse` as it was on x509-parser: the outcome, and the facts of a certificate it took.
fn reference(der: &[u8]) -> Result<Facts, &'static str> {
    let malformed = super::der::reason::MALFORMED;
    let (rest, x) = X509CertificateParser::new()
        .with_deep_parse_extensions(false)
        .parse(der)
        .map_err(|_| malformed)?;
    if !rest.is_empty() || x.tbs_certificate.version != X509Version::V3 {
        return Err(malformed);
    }
    if x.signature_algorithm != x.tbs_certificate.signature || x.signature_value.unused_bits != 0 {
        return Err(malformed);
    }
    if x.tbs_certificate.extensions_map().is_err() {
        return Err(malformed);
    }
    super::der::check_certificate(der)?;
    fn whole<'a, T: FromDer<'a, x509_parser::error::X509Error>>(v: &'a [u8]) -> Option<T> {
        match T::from_der(v) {
            Ok(([], t)) => Some(t),
            _ => None,
        }
    }
    let tbs = &x.tbs_certificate;
    let (mut ca, mut path_len, mut key_usage, mut san, mut eku) = (false, None, None, None, None);
    for ext in tbs.extensions() {
        match ext.oid.as_bytes() {
            [0x55, 0x1d, 0x13] => {
                let bc = whole::<BasicConstraints>(ext.value).ok_or(malformed)?;
                ca = bc.ca;
                path_len = if bc.ca { bc.path_len_constraint } else { None };
            }
            [0x55, 0x1d, 0x0f] => {
                let ku = whole::<KeyUsage>(ext.value).ok_or(malformed)?;
                key_usage = Some([
                    ku.digital_signature(),
                    ku.non_repudiation(),
                    ku.key_cert_sign(),
                    ku.crl_sign(),
                ]);
            }
            [0x55, 0x1d, 0x11] => {
                san = Some(whole::<SubjectAlternativeName>(ext.value).ok_or(malformed)?);
            }
            [0x55, 0x1d, 0x25] => {
                eku = Some((ext.critical, ext.value));
            }
            _ => {}
        }
    }
    let (mut uris, mut dns) = (Vec::new(), Vec::new());
    for name in san.iter().flat_map(|s| s.general_names.iter()) {
        match name {
            GeneralName::URI(u) => uris.push((*u).to_owned()),
            GeneralName::DNSName(d) => dns.push((*d).to_owned()),
            _ => {}
        }
    }
    let eku = match eku {
        None => None,
        Some((critical, value)) => {
            let oids = super::der::oid_sequence(value).map_err(|_| "eku")?;
            let dotted = oids
                .into_iter()
                .map(|o| x509_parser::asn1_rs::Oid::new(o.into()).to_id_string())
                .collect();
            Some((critical, dotted))
        }
    };
    Ok(Facts {
        tbs: tbs.as_ref().to_vec(),
        issuer: tbs.issuer.as_raw().to_vec(),
        subject: tbs.subject.as_raw().to_vec(),
        subject_string: render(&tbs.subject),
        spki: tbs.subject_pki.raw.to_vec(),
        validity: (
            tbs.validity.not_before.timestamp(),
            tbs.validity.not_after.timestamp(),
        ),
        signature: x.signature_value.data.to_vec(),
        extensions: tbs
            .extensions()
            .iter()
            .map(|e| {
                (
                    e.oid.to_id_string(),
                    e.oid.as_bytes().to_vec(),
                    e.critical,
                    e.value.to_vec(),
                )
            })
            .collect(),
        ca,
        path_len,
        key_usage,
        san: (uris, dns),
        eku,
    })
}

/// The Name renderer as it was on x509-parser's `X509Name` (name.rs before the reader).
fn render(name: &X509Name<'_>) -> String {
    use core::fmt::Write;
    use x509_parser::asn1_rs::Tag;
    let mut out = String::new();
    for (i, rdn) in name.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        for (j, atv) in rdn.iter().enumerate() {
            if j > 0 {
                out.push('+');
            }
            let oid = atv.attr_type();
            // The labels are name.rs's own table; compare through a one-attribute rendering.
            out.push_str(&label_of(oid.as_bytes()).unwrap_or_else(|| oid.to_id_string()));
            out.push('=');
            let value = atv.attr_value();
            let text = match value.tag() {
                Tag::Utf8String
                | Tag::PrintableString
                | Tag::Ia5String
                | Tag::NumericString
                | Tag::VisibleString
                | Tag::TeletexString => core::str::from_utf8(value.data).ok().map(str::to_owned),
                Tag::BmpString => {
                    let units: Vec<u16> = value
                        .data
                        .chunks(2)
                        .map(|p| u16::from_be_bytes([p[0], *p.get(1).unwrap_or(&0)]))
                        .collect();
                    if value.data.len() % 2 == 0 {
                        String::from_utf16(&units).ok()
                    } else {
                        None
                    }
                }
                _ => None,
            };
            match text {
                Some(s) => out.push_str(&escape(&s)),
                None => {
                    out.push('#');
                    for b in value.data {
                        let _ = write!(out, "{b:02x}");
                    }
                }
            }
        }
    }
    out
}

/// The label name.rs gives an attribute type: read back from a rendering of a one-attribute
/// Name (the table itself is not duplicated here).
fn label_of(oid: &[u8]) -> Option<String> {
    let atv = [
        &[0x06, u8::try_from(oid.len()).ok()?][..],
        oid,
        &[0x05, 0x00],
    ]
    .concat();
    let atv = [&[0x30, u8::try_from(atv.len()).ok()?][..], &atv].concat();
    let set = [&[0x31, u8::try_from(atv.len()).ok()?][..], &atv].concat();
    let name = [&[0x30, u8::try_from(set.len()).ok()?][..], &set].concat();
    let rendered = super::name::render(&name);
    let label = rendered.strip_suffix("=#")?;
    (label != x509_parser::asn1_rs::Oid::new(oid.into()).to_id_string()).then(|| label.to_owned())
}

/// RFC 4514 §2.4 escaping as name.rs did it.
fn escape(s: &str) -> String {
    let mut out = String::new();
    let last = s.chars().count().saturating_sub(1);
    for (i, c) in s.chars().enumerate() {
        match c {
            '"' | '+' | ',' | ';' | '<' | '>' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '#' | ' ' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            ' ' if i == last => out.push_str("\\ "),
            '\0' => out.push_str("\\00"),
            _ => out.push(c),
        }
    }
    out
}

/// The new reader's outcome and facts.
fn ours(der: &[u8]) -> Result<Facts, &'static str> {
    let c = Cert::parse(der, AT).map_err(|e| match e {
        Error::CertParse { reason, .. } => reason,
        _ => "other",
    })?;
    let extensions = c
        .extensions()
        .into_iter()
        .map(|(o, critical, value)| (super::cert::dotted(o), o.to_vec(), critical, value.to_vec()))
        .collect();
    let key_usage = c.key_usage().map(|ku| {
        [
            ku.digital_signature(),
            ku.non_repudiation(),
            ku.key_cert_sign(),
            ku.crl_sign(),
        ]
    });
    Ok(Facts {
        tbs: c.tbs().to_vec(),
        issuer: c.issuer_der().to_vec(),
        subject: c.subject_der().to_vec(),
        subject_string: c.subject_string(),
        spki: c.spki_der().to_vec(),
        validity: c.validity_unix(),
        signature: c.signature().to_vec(),
        extensions,
        ca: c.is_ca(),
        path_len: c.path_len_constraint(),
        key_usage,
        san: c.san(),
        eku: c.ext_key_usage(AT).map_err(|_| "eku")?,
    })
}

/// Files under `dir`, recursively, except images.
fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if !matches!(
            p.extension().and_then(|x| x.to_str()),
            Some("png" | "jpg" | "jpeg" | "webp" | "gif" | "y4m" | "raw")
        ) {
            out.push(p);
        }
    }
}

/// Byte strings a file may hold certificates in: the file itself, the base64 of PEM blocks,
/// and long base64, base64url and hex runs of a text file.
fn blobs(bytes: &[u8]) -> Vec<Vec<u8>> {
    let mut out = vec![bytes.to_vec()];
    let Ok(text) = core::str::from_utf8(bytes) else {
        return out;
    };
    let lenient = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_allow_trailing_bits(true)
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
    );
    let decode = |token: &str| {
        let std: String = token
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| match c {
                '-' => '+',
                '_' => '/',
                c => c,
            })
            .collect();
        lenient.decode(std.trim_end_matches('=')).ok()
    };
    for block in text.split("-----BEGIN ").skip(1) {
        let body = block.split_once("-----").map(|(_, b)| b).unwrap_or("");
        let body = body.split("-----END").next().unwrap_or("");
        out.extend(decode(body));
    }
    let is_b64 = |c: char| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=' | '-' | '_');
    for token in text.split(|c: char| !is_b64(c)).filter(|t| t.len() >= 200) {
        if token.len() % 2 == 0 && token.chars().all(|c| c.is_ascii_hexdigit()) {
            let hex: Option<Vec<u8>> = (0..token.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(token.get(i..i + 2)?, 16).ok())
                .collect();
            out.extend(hex);
        }
        out.extend(decode(token));
    }
    out
}

/// Every `SEQUENCE` of 128 bytes or more (certificates and much else) inside `blob`.
fn sequences(blob: &[u8], out: &mut BTreeSet<Vec<u8>>) {
    for i in 0..blob.len() {
        let (Some(0x30), Some(&l)) = (blob.get(i), blob.get(i + 1)) else {
            continue;
        };
        let n = match l {
            0x81 => 1,
            0x82 => 2,
            0x83 => 3,
            _ => continue,
        };
        let Some(len_octets) = blob.get(i + 2..i + 2 + n) else {
            continue;
        };
        let len = len_octets
            .iter()
            .fold(0usize, |a, &b| (a << 8) | usize::from(b));
        if let Some(tlv) = blob.get(i..i + 2 + n + len) {
            out.insert(tlv.to_vec());
        }
    }
}

#[test]
fn reads_every_certificate_of_the_vectors_as_x509_parser_did() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    files(&root.join("../shared/vectors"), &mut paths);
    files(&root.join("tests/data"), &mut paths);
    assert!(paths.len() > 50, "vectors not found: {}", paths.len());
    let mut candidates = BTreeSet::new();
    for p in &paths {
        let bytes = std::fs::read(p).unwrap();
        for blob in blobs(&bytes) {
            sequences(&blob, &mut candidates);
        }
    }
    let (mut certificates, mut refused) = (0, 0);
    let mut subjects = BTreeSet::new();
    for der in &candidates {
        let (theirs, mine) = (reference(der), ours(der));
        assert_eq!(
            mine,
            theirs,
            "{}",
            der.iter().map(|b| format!("{b:02x}")).collect::<String>()
        );
        match mine {
            Ok(f) => {
                certificates += 1;
                subjects.insert(f.subject_string);
            }
            Err(r) if r != super::der::reason::MALFORMED => refused += 1,
            Err(_) => {}
        }
    }
    eprintln!(
        "{} files, {} SEQUENCEs, {certificates} certificates ({} subjects), {refused} refused as not DER",
        paths.len(),
        candidates.len(),
        subjects.len()
    );
    // The DE master list alone carries 588.
    assert!(certificates >= 600, "{certificates}");
}

#[test]
fn dotted_oids_as_asn1_rs_prints_them() {
    let ten_groups = [
        0x2a, 0x81, 0x81, 0x81, 0x81, 0x81, 0x81, 0x81, 0x81, 0x81, 0x01,
    ];
    let nine_groups = [0x2a, 0x81, 0x81, 0x81, 0x81, 0x81, 0x81, 0x81, 0x81, 0x01];
    for oid in [
        &[0x55, 0x1d, 0x13][..],
        &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01],
        &[0x28, 0x81, 0x8c, 0x71, 0x05, 0x01, 0x08],
        &[0x00],
        &[0x81, 0x05],
        &ten_groups,
        &nine_groups,
        &[0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37],
    ] {
        assert_eq!(
            super::cert::dotted(oid),
            x509_parser::asn1_rs::Oid::new(oid.into()).to_id_string(),
            "{oid:02x?}"
        );
    }
}

/// Every certificate of the vectors with one byte changed (40 random changes each, a fixed
/// xorshift seed): the reader never takes one x509-parser refused, and the ones both take read
/// the same. Where only x509-parser took one, ours refuses it as `malformed`: a Name, an
/// AlgorithmIdentifier or an extension OID not of its ASN.1 shape (x509-parser stopped reading
/// a Name at its first bad RDN and did not check some tags).
#[test]
fn mutated_certificates_are_never_taken_where_x509_parser_refused_them() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    files(&root.join("../shared/vectors"), &mut paths);
    files(&root.join("tests/data"), &mut paths);
    let mut candidates = BTreeSet::new();
    for p in &paths {
        for blob in blobs(&std::fs::read(p).unwrap()) {
            sequences(&blob, &mut candidates);
        }
    }
    let certs: Vec<_> = candidates.into_iter().filter(|d| ours(d).is_ok()).collect();
    assert!(certs.len() >= 600);
    let mut seed = 0x1234_5678_9abc_def0u64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let (mut taken, mut stricter) = (0, 0);
    for der in &certs {
        for _ in 0..40 {
            let mut m = der.clone();
            let len = u64::try_from(m.len()).unwrap();
            let i = usize::try_from(next() % len).unwrap();
            m[i] = next().to_le_bytes()[0];
            match (ours(&m), reference(&m)) {
                (Ok(a), b) => {
                    assert_eq!(Ok(a), b, "{i}");
                    taken += 1;
                }
                (Err(a), Ok(_)) => {
                    assert_eq!(a, super::der::reason::MALFORMED, "{i}");
                    stricter += 1;
                }
                (Err(_), Err(_)) => {}
            }
        }
    }
    eprintln!(
        "{} mutations: {taken} taken by both, {stricter} only by x509-parser",
        certs.len() * 40
    );
    assert!(taken > 1000);
}

/// The facts src/icao reads of a certificate (`cert::facts`), as it read them with
/// x509-parser before: subject and issuer (DER and rendered), serial, SKI, the AKI's key
/// identifier, cA, validity and the SubjectPublicKeyInfo.
#[cfg(feature = "chip")]
type ChipFacts = (
    (Vec<u8>, Vec<u8>, String, String),
    (Vec<u8>, Option<Vec<u8>>, Option<Vec<u8>>, bool),
    (i64, i64, Vec<u8>),
);

#[cfg(feature = "chip")]
fn chip_reference(der: &[u8]) -> Option<ChipFacts> {
    use x509_parser::extensions::ParsedExtension;
    let (rest, x) = x509_parser::certificate::X509Certificate::from_der(der).ok()?;
    if !rest.is_empty() {
        return None;
    }
    let tbs = &x.tbs_certificate;
    let (mut ski, mut aki, mut ca) = (None, None, false);
    for e in tbs.extensions() {
        match e.parsed_extension() {
            ParsedExtension::SubjectKeyIdentifier(k) => ski = Some(k.0.to_vec()),
            ParsedExtension::AuthorityKeyIdentifier(a) => {
                aki = a.key_identifier.as_ref().map(|k| k.0.to_vec())
            }
            ParsedExtension::BasicConstraints(b) => ca = b.ca,
            _ => {}
        }
    }
    Some((
        (
            tbs.subject.as_raw().to_vec(),
            tbs.issuer.as_raw().to_vec(),
            // The rendering the certificate differential checks (RFC 4514 escaping; x509-parser's
            // own Display did not escape).
            render(&tbs.subject),
            render(&tbs.issuer),
        ),
        (tbs.raw_serial().to_vec(), ski, aki, ca),
        (
            tbs.validity.not_before.timestamp(),
            tbs.validity.not_after.timestamp(),
            tbs.subject_pki.raw.to_vec(),
        ),
    ))
}

#[cfg(feature = "chip")]
fn chip_ours(der: &[u8]) -> Option<ChipFacts> {
    let f = super::cert::facts(der)?;
    Some((
        (
            f.subject.to_vec(),
            f.issuer.to_vec(),
            super::cert::render_name(f.subject),
            super::cert::render_name(f.issuer),
        ),
        (
            f.serial.to_vec(),
            f.ski.map(<[u8]>::to_vec),
            f.aki_key_id.map(<[u8]>::to_vec),
            f.ca,
        ),
        (f.not_before, f.not_after, f.spki.to_vec()),
    ))
}

/// The CRL facts src/icao reads (`cert::read_crl`): signed bytes, signature algorithm and
/// value, issuer, and each revoked serial with its date.
#[cfg(feature = "chip")]
type CrlFacts = (Vec<u8>, Vec<u8>, Vec<u8>, Vec<u8>, Vec<(Vec<u8>, i64)>);

#[cfg(feature = "chip")]
fn crl_reference(der: &[u8]) -> Option<CrlFacts> {
    use x509_parser::revocation_list::CertificateRevocationList;
    let (rest, crl) = CertificateRevocationList::from_der(der).ok()?;
    if !rest.is_empty() || crl.signature_value.unused_bits != 0 {
        return None;
    }
    let tbs = &crl.tbs_cert_list;
    // The outer signatureAlgorithm's TLV, found by lengths (as src/icao did).
    let mut r = super::cert::Reader::new(der);
    let (_, body, _) = r.next()?;
    let mut r = super::cert::Reader::new(body);
    r.next()?;
    let (_, _, alg) = r.next()?;
    Some((
        tbs.as_ref().to_vec(),
        alg.to_vec(),
        crl.signature_value.data.to_vec(),
        tbs.issuer.as_raw().to_vec(),
        tbs.revoked_certificates
            .iter()
            .map(|e| (e.raw_serial().to_vec(), e.revocation_date.timestamp()))
            .collect(),
    ))
}

#[cfg(feature = "chip")]
fn crl_ours(der: &[u8]) -> Option<CrlFacts> {
    let c = super::cert::read_crl(der)?;
    Some((
        c.tbs.to_vec(),
        c.signature_alg.to_vec(),
        c.signature.to_vec(),
        c.issuer.to_vec(),
        c.revoked.iter().map(|&(s, d)| (s.to_vec(), d)).collect(),
    ))
}

/// src/icao's certificate and CRL facts, from our reader, against x509-parser (which src/icao
/// used before) on every SEQUENCE of the vectors (the ICAO master lists and SODs included):
/// wherever ours reads a certificate or a CRL, x509-parser read the same facts; the only
/// certificates x509-parser took that ours does not are outside RFC 5280 §4.1's v3 structure
/// (counted, and fewer than one in a hundred).
#[cfg(feature = "chip")]
#[test]
fn icao_certificate_and_crl_facts_as_x509_parser_read_them() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    files(&root.join("../shared/vectors"), &mut paths);
    files(&root.join("tests/data"), &mut paths);
    files(&root.join("examples/demo/chip"), &mut paths);
    let mut candidates = BTreeSet::new();
    for p in &paths {
        let bytes = std::fs::read(p).unwrap();
        for blob in blobs(&bytes) {
            sequences(&blob, &mut candidates);
        }
    }
    let (mut both, mut only_theirs, mut crls) = (0usize, 0usize, 0usize);
    for der in &candidates {
        let hex = || der.iter().map(|b| format!("{b:02x}")).collect::<String>();
        let (mine, theirs) = (chip_ours(der), chip_reference(der));
        assert!(
            mine.is_none() || theirs.is_some(),
            "read a certificate x509-parser refused: {}",
            hex()
        );
        if let (Some(m), Some(t)) = (&mine, &theirs) {
            assert_eq!(m, t, "{}", hex());
            both += 1;
        } else if theirs.is_some() {
            only_theirs += 1;
        }
        let (mine, theirs) = (crl_ours(der), crl_reference(der));
        assert_eq!(
            mine.is_some(),
            theirs.is_some(),
            "CRL read by one reader only: {}",
            hex()
        );
        if mine.is_some() {
            assert_eq!(mine, theirs, "{}", hex());
            crls += 1;
        }
    }
    eprintln!("{both} certificates read alike, {only_theirs} only by x509-parser; {crls} CRLs");
    assert!(both >= 600, "{both}");
    assert!(only_theirs * 100 < both, "{only_theirs} of {both}");
    assert!(crls >= 2, "{crls}");
}
