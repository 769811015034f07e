//! The data groups a relying party reads (ICAO 9303 Part 10 §4.7; `shared/domain/cccd.md`
//! §5.2–§5.5): DG1 (MRZ), DG2 (face), DG13 (Vietnamese personal data), DG14 (chip
//! authentication info, described only) and DG15 (Active Authentication key).

use crate::wire::wire_struct;

use super::ber::{self, BerError, Reader, Tlv};
use crate::cccd::mrz::{parse_mrz, Mrz};
use crate::crypto::{KeyKind, PublicKey};
use crate::date::Date;
use crate::error::Error;
use crate::unicode;

/// The outer tag of data group `n` (ICAO 9303 Part 10 §4.6.1, Table 34): DG1 `61`, DG2 `75`,
/// DG3 `63`, DG4 `76`, DG5 `65` … DG16 `70`.
pub fn tag_of(n: u8) -> Option<u32> {
    Some(match n {
        1 => 0x61,
        2 => 0x75,
        3 => 0x63,
        4 => 0x76,
        5..=16 => 0x60 + u32::from(n),
        _ => return None,
    })
}

/// Largest data group accepted (a DG2 face JPEG2000 is 15–30 KB; DG3 fingerprints more).
pub const MAX_DG_BYTES: usize = 256 * 1024;

fn dg_err(n: u8, e: BerError) -> Error {
    Error::ChipDgFormat {
        data_group: n,
        offset: e.offset,
        reason: e.reason,
    }
}

/// A structural failure at `offset` (made an [`Error::ChipDgFormat`] once, by the reader of each
/// data group: the readers below return [`BerError`], so that no conversion is written out at
/// every `?`).
fn fail(offset: usize, reason: &'static str) -> BerError {
    BerError { offset, reason }
}

/// Checks that `bytes` are one TLV with data group `n`'s tag (BER lengths accepted: chips write
/// non-minimal ones) and returns it.
pub fn outer(n: u8, bytes: &[u8]) -> Result<Tlv<'_>, Error> {
    outer_tlv(n, bytes).map_err(|e| dg_err(n, e))
}

fn outer_tlv(n: u8, bytes: &[u8]) -> Result<Tlv<'_>, BerError> {
    if bytes.len() > MAX_DG_BYTES {
        return Err(fail(MAX_DG_BYTES, "too-large"));
    }
    let tlv = ber::single(bytes, false)?;
    if Some(tlv.tag) != tag_of(n) {
        return Err(fail(0, "data-group-tag"));
    }
    Ok(tlv)
}

wire_struct! {
    /// DG1: the MRZ (tag `5F1F`), parsed as a TD1 MRZ when it is one (90 characters).
    #[ts = "ChipDg1"]
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct Dg1 {
        /// The MRZ characters as stored.
        pub mrz_text: String,
        /// The TD1 MRZ with its check digits verified; `None` for other formats (TD3 passports).
        pub td1: Option<Mrz>,
    }
}

/// Reads DG1. A 90-character MRZ must pass every TD1 check digit.
#[inline(never)]
pub fn dg1(bytes: &[u8]) -> Result<Dg1, Error> {
    let text = dg1_text(bytes).map_err(|e| dg_err(1, e))?;
    let td1 = if text.len() == 90 {
        let lines = format!(
            "{}\n{}\n{}",
            text.get(..30).unwrap_or_default(),
            text.get(30..60).unwrap_or_default(),
            text.get(60..).unwrap_or_default()
        );
        Some(parse_mrz(&lines)?)
    } else {
        None
    };
    Ok(Dg1 {
        mrz_text: text.to_owned(),
        td1,
    })
}

fn dg1_text(bytes: &[u8]) -> Result<&str, BerError> {
    let t = outer_tlv(1, bytes)?;
    let mut r = t.children(false);
    let m = r.expect(0x5f1f)?;
    r.finish()?;
    core::str::from_utf8(m.contents)
        .ok()
        .filter(|s| {
            s.bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'<')
        })
        .ok_or(fail(m.contents_offset, "mrz-characters"))
}

/// DG2: the first face image (ISO/IEC 19794-5 record in the biometric data block).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Face {
    /// `image/jpeg` or `image/jp2` (JPEG 2000, file format or codestream).
    pub mime: &'static str,
    /// Width and height in pixels, as the record says.
    pub width: u16,
    /// See `width`.
    pub height: u16,
    /// The image bytes, for the caller's face match.
    pub image: Vec<u8>,
}

/// Reads DG2: `75 { 7F61 { 02 count, 7F60 { A1 header, 5F2E|7F2E data } … } }`, the first
/// biometric data block as an ISO/IEC 19794-5 facial record, whose image must start with the
/// JPEG or JPEG 2000 signature its type announces.
#[inline(never)]
pub fn dg2(bytes: &[u8]) -> Result<Face, Error> {
    read_dg2(bytes).map_err(|e| dg_err(2, e))
}

fn read_dg2(bytes: &[u8]) -> Result<Face, BerError> {
    let t = outer_tlv(2, bytes)?;
    let mut r = t.children(false);
    let group = r.expect(0x7f61)?;
    let mut g = group.children(false);
    let count = ber::small_uint(&g.expect(0x02)?)?;
    if count == 0 {
        return Err(fail(group.contents_offset, "no-face"));
    }
    let tpl = g.expect(0x7f60)?;
    let mut tr = tpl.children(false);
    let _header = tr.expect(0xa1)?;
    let bdb = tr.next_tlv()?;
    if bdb.tag != 0x5f2e && bdb.tag != 0x7f2e {
        return Err(fail(bdb.offset, ber::reason::UNEXPECTED_TAG));
    }
    facial_record(bdb.contents, bdb.contents_offset)
}

/// ISO/IEC 19794-5:2005 facial record: general header (14 bytes, `FAC\0`), facial information
/// (20 bytes + 8 per feature point), image information (12 bytes), image data.
fn facial_record(b: &[u8], base: usize) -> Result<Face, BerError> {
    let bad = |at: usize, why| fail(base.saturating_add(at), why);
    if b.get(..4) != Some(b"FAC\0") {
        return Err(bad(0, "facial-record-header"));
    }
    let u16_at =
        |i: usize| -> Option<u16> { Some(u16::from_be_bytes([*b.get(i)?, *b.get(i + 1)?])) };
    let points = u16_at(18).ok_or(bad(18, ber::reason::TRUNCATED))?;
    let info = 14 + 20 + usize::from(points) * 8;
    let data_type = *b.get(info + 1).ok_or(bad(info, ber::reason::TRUNCATED))?;
    let width = u16_at(info + 2).ok_or(bad(info, ber::reason::TRUNCATED))?;
    let height = u16_at(info + 4).ok_or(bad(info, ber::reason::TRUNCATED))?;
    let start = info + 12;
    let image = b.get(start..).ok_or(bad(start, ber::reason::TRUNCATED))?;
    const JP2: &[u8] = &[
        0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a,
    ];
    let mime = match data_type {
        0 if image.starts_with(&[0xff, 0xd8, 0xff]) => "image/jpeg",
        1 if image.starts_with(JP2) || image.starts_with(&[0xff, 0x4f, 0xff, 0x51]) => "image/jp2",
        _ => return Err(bad(start, "image-type")),
    };
    Ok(Face {
        mime,
        width,
        height,
        image: image.to_vec(),
    })
}

wire_struct! {
    /// A DG13 date (`dd/mm/yyyy`) as received, and the date it names if it is one.
    #[ts = "ChipDg13Date"]
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct Dg13Date {
        /// The text as stored.
        pub text: String,
        /// The date, when the text is `dd/mm/yyyy` of a real day.
        pub date: Option<Date>,
    }
}

wire_struct! {
    /// DG13 of a Vietnamese card (`shared/domain/cccd.md` §5.4), field by field; absent fields are
    /// `None`. Texts are as stored (UTF-8; see `findings` for NFC and hidden characters).
    #[ts = "ChipDg13"]
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct Dg13 {
        /// Field 1: the 12-digit ID number.
        pub id_number: Option<String>,
        /// Field 2: full name.
        pub full_name: Option<String>,
        /// Field 3: date of birth.
        pub date_of_birth: Option<Dg13Date>,
        /// Field 4: sex (`Nam` / `Nữ`).
        pub sex: Option<String>,
        /// Field 5: nationality.
        pub nationality: Option<String>,
        /// Field 6: ethnicity.
        pub ethnicity: Option<String>,
        /// Field 7: religion.
        pub religion: Option<String>,
        /// Field 8: place of origin (quê quán).
        pub place_of_origin: Option<String>,
        /// Field 9: place of residence.
        pub place_of_residence: Option<String>,
        /// Field 10: identifying marks.
        pub identifying_marks: Option<String>,
        /// Field 11: date of issue.
        pub date_of_issue: Option<Dg13Date>,
        /// Field 12: date of expiry (may be text such as "Không thời hạn").
        pub date_of_expiry: Option<Dg13Date>,
        /// Field 13, first name: father.
        pub father_name: Option<String>,
        /// Field 13, second name: mother.
        pub mother_name: Option<String>,
        /// Field 14: spouse (absent, or a field holding only its number, when unmarried).
        pub spouse_name: Option<String>,
        /// Field 15 as stored (old 9-digit CMND number on the cards described; another document
        /// number per one reader, `cccd.md` §5.4).
        pub field15: Option<String>,
        /// Field 16 as stored (unknown 16-character value, or the old ID number per one profile).
        pub field16: Option<String>,
        /// The old ID (CMND) number: field 15 if it is 9 or 12 digits, else field 16 if it is.
        pub old_id_number: Option<String>,
        /// Field numbers outside 1–16, in order (kept out of the typed fields).
        pub unknown_fields: Vec<u64>,
        /// Text warnings: `TEXT_NOT_NFC`, `TEXT_CONTROL_CHARACTER`, `TEXT_ZERO_WIDTH` with the
        /// field number, and `FIELD_REPEATED`.
        pub findings: Vec<Dg13Finding>,
    }
}

wire_struct! {
    /// A remark about one DG13 field.
    #[ts = "ChipDg13Finding"]
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct Dg13Finding {
        /// `TEXT_NOT_NFC`, `TEXT_CONTROL_CHARACTER` (an error: C0/C1/DEL or bidi controls),
        /// `TEXT_ZERO_WIDTH` or `FIELD_REPEATED`.
        pub code: &'static str,
        /// The field number.
        pub field: u64,
        /// The first offending character (`U+XXXX`), for the text findings.
        pub code_point: Option<String>,
    }
}

const STRING_TAGS: [u32; 5] = [0x0c, 0x13, 0x16, 0x14, 0x1e];

/// Every string under `tlv`, depth first, in order.
fn strings<'a>(tlv: &Tlv<'a>, out: &mut Vec<Tlv<'a>>, depth: usize) -> Result<(), BerError> {
    if STRING_TAGS.contains(&tlv.tag) {
        out.push(*tlv);
        return Ok(());
    }
    if tlv.constructed && depth < 8 {
        let mut r = tlv.children(false);
        while !r.is_empty() {
            strings(&r.next_tlv()?, out, depth + 1)?;
        }
    }
    Ok(())
}

/// Reads DG13 with a BER parser (long-form lengths, any order, absent fields omitted):
/// `6D { SEQUENCE { INTEGER, OID, SET { SEQUENCE { INTEGER n, value… } … } } }`. The field
/// list may also be a SEQUENCE, and the version and OID may be missing. Field 13 is accepted
/// both as two SEQUENCEs (father, mother) and as one SEQUENCE holding both (`cccd.md` §5.4).
#[inline(never)]
pub fn dg13(bytes: &[u8]) -> Result<Dg13, Error> {
    read_dg13(bytes).map_err(|e| dg_err(13, e))
}

fn read_dg13(bytes: &[u8]) -> Result<Dg13, BerError> {
    let t = outer_tlv(13, bytes)?;
    let mut r = t.children(false);
    let seq = r.expect(0x30)?;
    r.finish()?;
    // Skip the version INTEGER and the OID; the first SET (or SEQUENCE) holds the fields.
    let mut sr = seq.children(false);
    let mut list = None;
    while !sr.is_empty() {
        let item = sr.next_tlv()?;
        match item.tag {
            0x02 | 0x06 => {}
            0x31 | 0x30 if list.is_none() => list = Some(item),
            _ => return Err(fail(item.offset, ber::reason::UNEXPECTED_TAG)),
        }
    }
    let list = list.ok_or(fail(seq.offset, "no-fields"))?;
    let mut out = Dg13::default();
    let mut seen: Vec<u64> = Vec::new();
    let mut lr = list.children(false);
    while !lr.is_empty() {
        let field = lr.expect(0x30)?;
        let mut fr = field.children(false);
        let n_tlv = fr.expect(0x02)?;
        let n = ber::small_uint(&n_tlv)?;
        if seen.contains(&n) {
            out.findings.push(Dg13Finding {
                code: "FIELD_REPEATED",
                field: n,
                code_point: None,
            });
            continue;
        }
        seen.push(n);
        let mut values = Vec::new();
        while !fr.is_empty() {
            strings(&fr.next_tlv()?, &mut values, 0)?;
        }
        let mut texts = Vec::with_capacity(values.len());
        for v in &values {
            let s = text(v).ok_or(fail(v.contents_offset, "utf8"))?;
            check_text(&mut out.findings, n, &s);
            // Text comes out NFC (issue 9 item 4): a chip that stored another form keeps its
            // `TEXT_NOT_NFC` finding, but callers compare and display one form.
            texts.push(unicode::nfc(&s).into_iter().collect::<String>());
        }
        let mut it = texts.into_iter();
        let first = it.next();
        match n {
            1 => out.id_number = first,
            2 => out.full_name = first,
            3 => out.date_of_birth = first.map(dg13_date),
            4 => out.sex = first,
            5 => out.nationality = first,
            6 => out.ethnicity = first,
            7 => out.religion = first,
            8 => out.place_of_origin = first,
            9 => out.place_of_residence = first,
            10 => out.identifying_marks = first,
            11 => out.date_of_issue = first.map(dg13_date),
            12 => out.date_of_expiry = first.map(dg13_date),
            13 => {
                out.father_name = first.filter(|s| !s.is_empty());
                out.mother_name = it.next().filter(|s| !s.is_empty());
            }
            14 => out.spouse_name = first.filter(|s| !s.is_empty()),
            15 => out.field15 = first,
            16 => out.field16 = first,
            other => out.unknown_fields.push(other),
        }
    }
    let old_id = |s: &Option<String>| {
        s.as_ref()
            .filter(|s| matches!(s.len(), 9 | 12) && s.bytes().all(|b| b.is_ascii_digit()))
            .cloned()
    };
    out.old_id_number = old_id(&out.field15).or_else(|| old_id(&out.field16));
    Ok(out)
}

/// A string value's text: UTF-8 for UTF8String, ASCII for the others (BMPString as UTF-16).
#[inline(never)]
fn text(v: &Tlv<'_>) -> Option<String> {
    match v.tag {
        0x1e => {
            let units: Vec<u16> = v
                .contents
                .chunks(2)
                .map(|c| match c {
                    [a, b] => Some(u16::from_be_bytes([*a, *b])),
                    _ => None,
                })
                .collect::<Option<_>>()?;
            String::from_utf16(&units).ok()
        }
        0x0c => core::str::from_utf8(v.contents).ok().map(str::to_owned),
        _ => core::str::from_utf8(v.contents)
            .ok()
            .filter(|s| s.is_ascii())
            .map(str::to_owned),
    }
}

#[inline(never)]
fn check_text(findings: &mut Vec<Dg13Finding>, field: u64, s: &str) {
    if let Some(c) = unicode::first_control(s) {
        findings.push(Dg13Finding {
            code: "TEXT_CONTROL_CHARACTER",
            field,
            code_point: Some(unicode::code_point(c)),
        });
    }
    if let Some(c) = unicode::first_zero_width(s) {
        findings.push(Dg13Finding {
            code: "TEXT_ZERO_WIDTH",
            field,
            code_point: Some(unicode::code_point(c)),
        });
    }
    if unicode::nfc(s).into_iter().ne(s.chars()) {
        findings.push(Dg13Finding {
            code: "TEXT_NOT_NFC",
            field,
            code_point: None,
        });
    }
}

#[inline(never)]
fn dg13_date(text: String) -> Dg13Date {
    let b = text.as_bytes();
    let date = (b.len() == 10 && b.get(2) == Some(&b'/') && b.get(5) == Some(&b'/'))
        .then(|| {
            let n = |a: usize, z: usize| b.get(a..z).and_then(crate::date::digits);
            let (d, m, y) = (n(0, 2)?, n(3, 5)?, n(6, 10)?);
            Date::new(
                u16::try_from(y).ok()?,
                u8::try_from(m).ok()?,
                u8::try_from(d).ok()?,
            )
        })
        .flatten();
    Dg13Date { text, date }
}

/// DG15: the Active Authentication public key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AaKey {
    /// RSA (ISO/IEC 9796-2 message recovery): modulus and exponent, big-endian.
    Rsa {
        /// The modulus.
        n: Vec<u8>,
        /// The public exponent.
        e: Vec<u8>,
    },
    /// ECDSA.
    Ec(PublicKey),
}

impl AaKey {
    /// `"rsa-1024"`, `"ec-brainpoolP256r1"`, … for the result.
    #[inline(never)]
    pub fn describe(&self) -> String {
        match self {
            AaKey::Rsa { n, .. } => {
                let start = n.iter().position(|&b| b != 0).unwrap_or(n.len());
                let m = n.get(start..).unwrap_or_default();
                let lead = m.first().map_or(0, |b| b.leading_zeros());
                let bits = (m.len() * 8).saturating_sub(usize::try_from(lead).unwrap_or(0));
                format!("rsa-{bits}")
            }
            AaKey::Ec(k) => match k.kind() {
                KeyKind::Ec(c) => format!("ec-{}", super::curve_name(c)),
                _ => "ec".to_owned(),
            },
        }
    }
}

/// rsaEncryption, 1.2.840.113549.1.1.1
const OID_RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];

/// Reads DG15: `6F { SubjectPublicKeyInfo }` (ICAO 9303 Part 11 §6.1). RSA keys of 1024 bits
/// and more are read here (the crate's certificate RSA floor of 2048 bits does not apply to
/// AA); EC keys through [`PublicKey::from_spki_der`].
#[inline(never)]
pub fn dg15(bytes: &[u8]) -> Result<AaKey, Error> {
    read_dg15(bytes).map_err(|e| dg_err(15, e))
}

fn read_dg15(bytes: &[u8]) -> Result<AaKey, BerError> {
    let t = outer_tlv(15, bytes)?;
    let mut r = t.children(false);
    let spki = r.expect(0x30)?;
    r.finish()?;
    let mut sr = spki.children(true);
    let alg = sr.expect(0x30)?;
    let bits = sr.expect(0x03)?;
    sr.finish()?;
    let mut ar = alg.children(true);
    let oid = ar.expect(0x06)?;
    if oid.contents == OID_RSA {
        let key = match bits.contents {
            [0, rest @ ..] => rest,
            _ => return Err(fail(bits.offset, "public-key")),
        };
        let mut kr = Reader::at(key, bits.contents_offset.saturating_add(1), true);
        let seq = kr.expect(0x30)?;
        kr.finish()?;
        let mut pr = seq.children(true);
        let n = pr.expect(0x02)?;
        let x = pr.expect(0x02)?;
        pr.finish()?;
        return Ok(AaKey::Rsa {
            n: n.contents.to_vec(),
            e: x.contents.to_vec(),
        });
    }
    PublicKey::from_spki_der(spki.raw)
        .map(AaKey::Ec)
        .map_err(|_| fail(spki.offset, "public-key"))
}

wire_struct! {
    /// What DG14 announces (ICAO 9303 Part 11 §6.2, §9.2): the protocol OIDs of its SecurityInfos
    /// (dotted), e.g. chip authentication, PACE, and the Active Authentication signature algorithm.
    #[ts = "ChipDg14"]
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct Dg14 {
        /// Each SecurityInfo's protocol OID, dotted, in order.
        pub protocols: Vec<String>,
        /// Whether a ChipAuthenticationInfo or ChipAuthenticationPublicKeyInfo
        /// (`0.4.0.127.0.7.2.2.3…` or `…2.2.1…`) is present.
        pub chip_authentication: bool,
        /// The chip authentication public key (ChipAuthenticationPublicKeyInfo), described:
        /// `ec-brainpoolP256r1`, `ec-explicit`, `dh`, or `unsupported`.
        pub chip_authentication_key: Option<String>,
        /// The ActiveAuthenticationInfo signature algorithm (`0.4.0.127.0.7.1.1.4.1.x`, ECDSA plain
        /// with SHA-1/224/256/384/512 for x = 1…5), dotted, if given.
        pub aa_signature_algorithm: Option<String>,
    }
}

/// Reads DG14: `6E { SET OF SecurityInfo { OID, … } }`, keeping only the OIDs.
#[inline(never)]
pub fn dg14(bytes: &[u8]) -> Result<Dg14, Error> {
    read_dg14(bytes).map_err(|e| dg_err(14, e))
}

fn read_dg14(bytes: &[u8]) -> Result<Dg14, BerError> {
    let t = outer_tlv(14, bytes)?;
    let mut r = t.children(false);
    let set = r.expect(0x31)?;
    r.finish()?;
    let mut out = Dg14::default();
    let mut sr = set.children(false);
    while !sr.is_empty() {
        let info = sr.expect(0x30)?;
        let mut ir = info.children(false);
        let oid = ir.expect(0x06)?;
        let dotted = dotted(oid.contents).ok_or(fail(oid.offset, "oid"))?;
        // id-CA 0.4.0.127.0.7.2.2.3, id-PK 0.4.0.127.0.7.2.2.1 (BSI TR-03110, as DG14 uses).
        if dotted.starts_with("0.4.0.127.0.7.2.2.3") || dotted.starts_with("0.4.0.127.0.7.2.2.1") {
            out.chip_authentication = true;
        }
        // id-PK-DH 0.4.0.127.0.7.2.2.1.1, id-PK-ECDH …2.2.1.2: { OID, SubjectPublicKeyInfo, … }.
        if dotted == "0.4.0.127.0.7.2.2.1.1" {
            out.chip_authentication_key = Some("dh".to_owned());
        }
        if dotted == "0.4.0.127.0.7.2.2.1.2" {
            let spki = ir.expect(0x30)?;
            out.chip_authentication_key = Some(match PublicKey::from_spki_der(spki.raw) {
                Ok(k) => match k.kind() {
                    KeyKind::Ec(c) => format!("ec-{}", super::curve_name(c)),
                    _ => "unsupported".to_owned(),
                },
                Err(_) => "unsupported".to_owned(),
            });
        }
        // id-icao-mrtd-security-aaProtocolObject 2.23.136.1.1.5: { OID, version, sigAlg OID }.
        if dotted == "2.23.136.1.1.5" {
            let _version = ir.expect(0x02)?;
            let alg = ir.expect(0x06)?;
            out.aa_signature_algorithm = dotted_of(alg.contents);
        }
        out.protocols.push(dotted);
    }
    Ok(out)
}

fn dotted_of(o: &[u8]) -> Option<String> {
    dotted(o)
}

/// An OID's contents in dotted form.
pub(super) fn dotted(o: &[u8]) -> Option<String> {
    let mut arcs: Vec<u64> = Vec::new();
    let mut v: u64 = 0;
    for &b in o {
        v = v.checked_mul(128)? | u64::from(b & 0x7f);
        if b & 0x80 == 0 {
            arcs.push(v);
            v = 0;
        }
    }
    if o.last().is_none_or(|b| b & 0x80 != 0) {
        return None;
    }
    let first = *arcs.first()?;
    let (a, b) = match first {
        0..=39 => (0, first),
        40..=79 => (1, first - 40),
        _ => (2, first - 80),
    };
    let mut s = format!("{a}.{b}");
    for x in arcs.iter().skip(1) {
        s.push('.');
        s.push_str(&x.to_string());
    }
    Some(s)
}

#[cfg(test)]
#[allow(clippy::cast_possible_truncation)]
mod tests {
    use super::*;

    fn tlv(tag: u32, body: &[u8]) -> Vec<u8> {
        let mut v = if tag > 0xff {
            tag.to_be_bytes()[2..].to_vec()
        } else {
            vec![tag as u8]
        };
        let n = body.len();
        if n < 0x80 {
            v.push(n as u8);
        } else if n < 0x100 {
            v.extend([0x81, n as u8]);
        } else {
            v.extend([0x82, (n >> 8) as u8, n as u8]);
        }
        v.extend_from_slice(body);
        v
    }

    fn int(n: u8) -> Vec<u8> {
        tlv(0x02, &[n])
    }

    fn utf8(s: &str) -> Vec<u8> {
        tlv(0x0c, s.as_bytes())
    }

    fn field(n: u8, value: &[u8]) -> Vec<u8> {
        tlv(0x30, &[int(n), value.to_vec()].concat())
    }

    fn dg13_of(fields: &[Vec<u8>]) -> Vec<u8> {
        let oid = tlv(0x06, &[0x28, 0xd3, 0x16, 0x01, 0x00, 0x08]);
        let set = tlv(0x31, &fields.concat());
        tlv(0x6d, &tlv(0x30, &[int(1), oid, set].concat()))
    }

    #[test]
    fn dg13_field_13_in_both_nestings() {
        // SEQUENCE{13, SEQUENCE{father}, SEQUENCE{mother}} (the sample card's bytes).
        let two = tlv(
            0x30,
            &[int(13), tlv(0x30, &utf8("Cha")), tlv(0x30, &utf8("Mẹ"))].concat(),
        );
        // SEQUENCE{13, SEQUENCE{father, mother}} (one reader's reading).
        let one = tlv(
            0x30,
            &[int(13), tlv(0x30, &[utf8("Cha"), utf8("Mẹ")].concat())].concat(),
        );
        for f in [two, one] {
            let d = dg13(&dg13_of(&[f])).unwrap();
            assert_eq!(d.father_name.as_deref(), Some("Cha"));
            assert_eq!(d.mother_name.as_deref(), Some("Mẹ"));
        }
    }

    #[test]
    fn dg13_absent_fields_spouse_and_old_id_variants() {
        // Only fields 1 and 14 (married) and 16 holding a 12-digit old number; 15 absent.
        let d = dg13(&dg13_of(&[
            field(1, &tlv(0x13, b"001090000123")),
            tlv(0x30, &[int(14), tlv(0x30, &utf8("Lê Thị Dung"))].concat()),
            field(16, &tlv(0x13, b"001090000999")),
        ]))
        .unwrap();
        assert_eq!(d.id_number.as_deref(), Some("001090000123"));
        assert_eq!(d.full_name, None);
        assert_eq!(d.spouse_name.as_deref(), Some("Lê Thị Dung"));
        assert_eq!(d.field15, None);
        assert_eq!(d.old_id_number.as_deref(), Some("001090000999"));
        // Field 15 a 9-digit CMND wins; field 16 a hex serial is not an ID number.
        let d = dg13(&dg13_of(&[
            field(15, &tlv(0x13, b"012345678")),
            field(16, &tlv(0x13, b"0123456789ABCDEF")),
        ]))
        .unwrap();
        assert_eq!(d.old_id_number.as_deref(), Some("012345678"));
        assert_eq!(d.field16.as_deref(), Some("0123456789ABCDEF"));
        // Field 15 another document number, 16 the old ID (the profile reading).
        let d = dg13(&dg13_of(&[
            field(15, &tlv(0x13, b"B1234567")),
            field(16, &tlv(0x13, b"012345678")),
        ]))
        .unwrap();
        assert_eq!(d.old_id_number.as_deref(), Some("012345678"));
    }

    #[test]
    fn dg13_long_values_dates_and_unknown_fields() {
        let long = "Số 1, ".repeat(40);
        let d = dg13(&dg13_of(&[
            field(9, &utf8(&long)),
            field(3, &tlv(0x13, b"31/02/1990")),
            field(11, &tlv(0x13, b"20/04/2021")),
            field(12, &utf8("Không thời hạn")),
            field(17, &utf8("?")),
        ]))
        .unwrap();
        assert_eq!(d.place_of_residence.as_deref(), Some(long.as_str()));
        assert_eq!(d.date_of_birth.as_ref().unwrap().date, None); // 31 February
        assert_eq!(
            d.date_of_issue.as_ref().unwrap().date,
            Date::new(2021, 4, 20)
        );
        assert_eq!(d.date_of_expiry.as_ref().unwrap().text, "Không thời hạn");
        assert_eq!(d.unknown_fields, vec![17]);
        // Non-minimal lengths (BER) are read too.
        let mut nm = vec![0x0c, 0x82, 0x00, 0x03];
        nm.extend_from_slice(b"Nam");
        let d = dg13(&dg13_of(&[field(4, &nm)])).unwrap();
        assert_eq!(d.sex.as_deref(), Some("Nam"));
    }

    #[test]
    fn dg13_text_findings() {
        let d = dg13(&dg13_of(&[
            field(2, &utf8("Nguye\u{302}\u{303}n")), // NFD
            field(8, &utf8("Hà\u{202e}Nội")),        // bidi override
            field(9, &utf8("Hà\u{200b}Nội")),        // zero width
            field(2, &utf8("again")),
        ]))
        .unwrap();
        let codes: Vec<(&str, u64)> = d.findings.iter().map(|f| (f.code, f.field)).collect();
        assert_eq!(
            codes,
            vec![
                ("TEXT_NOT_NFC", 2),
                ("TEXT_CONTROL_CHARACTER", 8),
                ("TEXT_ZERO_WIDTH", 9),
                ("FIELD_REPEATED", 2)
            ]
        );
        assert_eq!(d.findings[1].code_point.as_deref(), Some("U+202E"));
        // The first value is kept, not the repeated one, and it comes out NFC.
        assert_eq!(d.full_name.as_deref(), Some("Nguy\u{1ec5}n"));
        // Other text is left as it is.
        assert_eq!(d.place_of_residence.as_deref(), Some("Hà\u{200b}Nội"));
    }

    #[test]
    fn dg13_malformed_is_an_error() {
        // Wrong outer tag, truncated, invalid UTF-8, a field that is no SEQUENCE.
        assert!(matches!(
            dg13(&tlv(0x6c, &[])),
            Err(Error::ChipDgFormat {
                data_group: 13,
                reason: "data-group-tag",
                ..
            })
        ));
        let good = dg13_of(&[field(2, &utf8("An"))]);
        assert!(matches!(
            dg13(&good[..good.len() - 1]),
            Err(Error::ChipDgFormat {
                reason: "truncated",
                ..
            })
        ));
        assert!(matches!(
            dg13(&dg13_of(&[field(2, &tlv(0x0c, &[0xff, 0xfe]))])),
            Err(Error::ChipDgFormat { reason: "utf8", .. })
        ));
        assert!(matches!(
            dg13(&dg13_of(&[int(2)])),
            Err(Error::ChipDgFormat {
                reason: "unexpected-tag",
                ..
            })
        ));
    }

    #[test]
    fn dg1_td1_is_parsed_and_checked() {
        let mrz = "IDVNM0900001233001090000123<<49003152M3003150VNM<<<<<<<<<<<0NGUYEN<<VAN<AN<<<<<<<<<<<<<<<<";
        let d = dg1(&tlv(0x61, &tlv(0x5f1f, mrz.as_bytes()))).unwrap();
        assert_eq!(d.td1.unwrap().id_number, "001090000123");
        // A check digit off: the MRZ error.
        let bad = mrz.replacen("<<4", "<<5", 1);
        assert!(matches!(
            dg1(&tlv(0x61, &tlv(0x5f1f, bad.as_bytes()))),
            Err(Error::MrzCheckDigit { .. })
        ));
        // Lower case is no MRZ character.
        assert!(matches!(
            dg1(&tlv(0x61, &tlv(0x5f1f, b"idvnm"))),
            Err(Error::ChipDgFormat {
                data_group: 1,
                reason: "mrz-characters",
                ..
            })
        ));
    }

    fn face_record(data_type: u8, image: &[u8]) -> Vec<u8> {
        let mut r = b"FAC\x00010\x00".to_vec();
        r.extend([0, 0, 0, 0, 0, 1]);
        r.extend([0u8; 20]);
        r.extend([1, data_type, 0, 10, 0, 20, 0, 0, 0, 0, 0, 0]);
        r.extend_from_slice(image);
        r
    }

    fn dg2_of(bdb: &[u8]) -> Vec<u8> {
        let tpl = tlv(0x7f60, &[tlv(0xa1, &[]), tlv(0x5f2e, bdb)].concat());
        tlv(0x75, &tlv(0x7f61, &[int(1), tpl].concat()))
    }

    #[test]
    fn dg2_face_image_and_its_type() {
        let jp2 = [
            0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a, 1, 2,
        ];
        let f = dg2(&dg2_of(&face_record(1, &jp2))).unwrap();
        assert_eq!((f.mime, f.width, f.height), ("image/jp2", 10, 20));
        assert_eq!(f.image, jp2);
        let f = dg2(&dg2_of(&face_record(0, &[0xff, 0xd8, 0xff, 0xe0]))).unwrap();
        assert_eq!(f.mime, "image/jpeg");
        // The type says JPEG, the bytes are JPEG 2000: refused.
        assert!(matches!(
            dg2(&dg2_of(&face_record(0, &jp2))),
            Err(Error::ChipDgFormat {
                reason: "image-type",
                ..
            })
        ));
        assert!(matches!(
            dg2(&dg2_of(b"FAX\0")),
            Err(Error::ChipDgFormat {
                reason: "facial-record-header",
                ..
            })
        ));
    }

    #[test]
    fn dotted_oids() {
        assert_eq!(
            dotted(&[0x67, 0x81, 0x08, 0x01, 0x01, 0x05]).as_deref(),
            Some("2.23.136.1.1.5")
        );
        assert_eq!(
            dotted(&[0x04, 0x00, 0x7f, 0x00, 0x07]).as_deref(),
            Some("0.4.0.127.0.7")
        );
        assert_eq!(dotted(&[0x81]), None);
    }
}
