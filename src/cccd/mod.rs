//! The CCCD / Căn cước card: QR payload → typed card, ID number, provinces, expiry, names, MRZ.
//!
//! Wire format (`shared/domain/cccd.md` §1.2): one line, fields separated by `|`, no quoting:
//! `ID|old CMND|full name|DDMMYYYY birth|Nam/Nữ|address|DDMMYYYY issue` and, on cards issued
//! from July 2024, four more (so far empty) fields.

pub(crate) mod charset;
pub(crate) mod expiry;
pub(crate) mod findings;
pub(crate) mod id_number;
pub(crate) mod mrz;
pub(crate) mod names;
mod provinces;

use crate::unicode::{self, Normalize};
use serde::Serialize;
use serde_json::Value;

use self::charset::Repair;
use self::expiry::{Expiry, Law, CAN_CUOC_LAW_IN_FORCE};
use self::findings::{Finding, Severity};
use self::id_number::IdNumber;
use self::mrz::Mrz;
use self::names::{normalize_name, Name};
use crate::date::{digits, Date};
use crate::error::{Error, Field, Lang};
use crate::wire::{ts_union, wire_struct};

ts_union! {
    /// `M` (Nam) or `F` (Nữ).
    Sex = "Sex" [Sex::M, Sex::F]
}

ts_union! {
    /// The card generation, inferred from the field count.
    Generation = "Generation" [Generation::Cccd2021, Generation::CanCuoc2024, Generation::Unknown]
}

/// Largest input accepted, in bytes: more than any QR symbol can hold (2,953 bytes at version
/// 40-L), so only input that did not come from a QR code reaches it.
pub const MAX_PAYLOAD_BYTES: usize = 4096;

/// Field count of the 2021 chip CCCD payload.
const FIELDS_CCCD_2021: usize = 7;
/// Field count of the Căn cước (July 2024) payload: 7 + 4 trailing fields.
const FIELDS_CAN_CUOC_2024: usize = 11;

/// Chip CCCDs, the first cards with this QR code, were issued from 2021
/// (`shared/domain/cccd.md` §0).
const FIRST_QR_CARDS: Date = match Date::new(2021, 1, 1) {
    Some(d) => d,
    None => Date::MIN,
};

/// Sex as the card states it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Sex {
    /// Male (`Nam`).
    M,
    /// Female (`Nữ`).
    F,
}

impl Sex {
    pub(crate) fn label(self, lang: Lang) -> &'static str {
        match self {
            Sex::M => lang.pick("male", "Nam"),
            Sex::F => lang.pick("female", "Nữ"),
        }
    }
}

wire_struct! {
    /// A date whose day or month may be unknown (`00` in the QR, `<<` in the MRZ).
    #[ts = "PartialDate"]
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct PartialDate {
        /// `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` when the day / month is unknown.
        pub iso: String,
        /// Year.
        pub year: u16,
        /// Month 1–12, if known.
        pub month: Option<u8>,
        /// Day of the month, if known (never known without the month).
        pub day: Option<u8>,
    }
}

impl PartialDate {
    /// A partial date; `None` when the known parts do not form a real date.
    pub fn new(year: u16, month: Option<u8>, day: Option<u8>) -> Option<PartialDate> {
        let day = month.and(day);
        Date::new(year, month.unwrap_or(1), day.unwrap_or(1))?;
        // `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
        let mut iso = String::with_capacity(10);
        crate::date::push_digits(&mut iso, u32::from(year), 4);
        for part in [month, day].into_iter().flatten() {
            iso.push('-');
            crate::date::push_digits(&mut iso, u32::from(part), 2);
        }
        Some(PartialDate {
            iso,
            year,
            month,
            day,
        })
    }

    /// True when the day or month is unknown.
    pub fn is_partial(&self) -> bool {
        self.day.is_none()
    }

    /// The date, or the earliest it can be when partial (1 January / the 1st).
    pub fn earliest(&self) -> Date {
        Date::new(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1)).unwrap_or(Date::MIN)
    }

    /// The date, or the latest it can be when partial (31 December / the month's last day).
    pub fn latest(&self) -> Date {
        let month = self.month.unwrap_or(12);
        let day = self
            .day
            .unwrap_or(crate::date::days_in_month(self.year, month));
        Date::new(self.year, month, day).unwrap_or_else(|| self.earliest())
    }
}

/// Which card the payload came from, inferred from its shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Generation {
    /// Chip CCCD (2021 – June 2024): 7 fields.
    Cccd2021,
    /// Căn cước (from July 2024): 11 fields.
    CanCuoc2024,
    /// A field count never observed.
    Unknown,
}

/// A card read from an unsigned QR payload. Nothing here is proof of identity: anyone can
/// print a QR code with any content (`shared/domain/cccd.md` §1.5, §7 item 15).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Card {
    /// The card generation, inferred from the field count.
    pub generation: Generation,
    /// Number of `|`-separated fields in the payload.
    pub field_count: usize,
    /// The decoded ID number.
    pub id_number: IdNumber,
    /// The old CMND number, if the field is not empty.
    pub old_id_number: Option<String>,
    /// Full name as printed, NFC, whitespace collapsed.
    pub full_name: String,
    /// The name split and folded.
    pub name: Name,
    /// Date of birth.
    pub date_of_birth: PartialDate,
    /// Sex from the sex field.
    pub sex: Sex,
    /// Address as printed (NFC).
    pub address: String,
    /// Date of issue.
    pub issue_date: Date,
    /// Computed expiry.
    pub expiry: Expiry,
    /// True when `now` is past the last valid day.
    pub expired: bool,
    /// Non-empty fields after the seventh, with their 0-based positions.
    pub extras: Vec<(usize, String)>,
    /// Set when the text was repaired from a charset mistake.
    pub repaired: Option<Repair>,
    /// The MRZ this card was cross-checked against, if any.
    pub mrz: Option<Mrz>,
    /// Everything the checks found, errors first.
    pub findings: Vec<Finding>,
}

impl Card {
    /// True when no finding is an error.
    pub fn is_valid(&self) -> bool {
        self.findings
            .iter()
            .all(|f| f.severity() != Severity::Error)
    }

    /// Cross-checks this card against the MRZ of the card's back and records the mismatches.
    pub fn with_mrz(mut self, mrz: Mrz) -> Card {
        self.findings.extend(mrz::cross_check(&self, &mrz));
        crate::sort::stable_by_key(&mut self.findings, |f| f.severity() != Severity::Error);
        self.mrz = Some(mrz);
        self
    }

    /// The card as the JSON object the JS API returns, with messages in `lang`.
    pub fn to_json(&self, lang: Lang) -> Value {
        serde_json::to_value(self.wire(lang)).unwrap_or(Value::Null)
    }

    /// The card as the JS API returns it ([`CardJson`]), with messages in `lang`.
    pub fn wire(&self, lang: Lang) -> CardJson {
        let law = match &self.expiry {
            Expiry::Date { law, .. } | Expiry::None { law, .. } => *law,
        };
        CardJson {
            assurance: "unsigned",
            generation: CardGeneration {
                value: self.generation,
                inferred: true,
                basis: "fieldCount",
            },
            field_count: self.field_count,
            id_number: self.id_number.clone(),
            old_id_number: self.old_id_number.clone(),
            full_name: self.full_name.clone(),
            name: self.name.clone(),
            date_of_birth: self.date_of_birth.clone(),
            sex: self.sex,
            address: self.address.clone(),
            issue_date: self.issue_date,
            law,
            expiry: self.expiry.clone(),
            expired: self.expired,
            extras: self
                .extras
                .iter()
                .map(|(index, value)| CardExtra {
                    index: *index,
                    value: value.clone(),
                })
                .collect(),
            repaired_from: self.repaired,
            mrz: self.mrz.clone(),
            valid: self.is_valid(),
            findings: self.findings.iter().map(|f| f.wire(lang)).collect(),
        }
    }
}

wire_struct! {
    /// The card generation, inferred from the field count (7 → 2021 chip CCCD, 11 → 2024 Căn cước).
    #[ts = "CardGeneration"]
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct CardGeneration {
        /// What the field count points to.
        pub value: Generation,
        /// Always true: the QR code does not say.
        pub inferred: bool as "true",
        /// Always `fieldCount`.
        pub basis: &'static str as "'fieldCount'",
    }
}

wire_struct! {
    /// A non-empty field after the seventh, kept raw.
    #[ts = "CardExtra"]
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct CardExtra {
        /// Its 0-based position among the `|`-separated fields.
        pub index: usize,
        /// The field as read.
        pub value: String,
    }
}

wire_struct! {
    /// A card read from a CCCD / Căn cước QR code.
    #[ts = "CccdCard"]
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct CardJson {
        /// Always `"unsigned"`: the QR code carries no signature; anyone can make one.
        pub assurance: &'static str as "'unsigned'",
        /// The card generation, inferred from the field count (7 → 2021 chip CCCD, 11 → 2024 Căn cước).
        pub generation: CardGeneration,
        /// Number of `|`-separated fields in the payload.
        pub field_count: usize,
        /// The decoded ID number.
        pub id_number: IdNumber,
        /// The old 9-digit CMND number, or null when the field is empty.
        pub old_id_number: Option<String>,
        /// As printed in the QR, NFC, whitespace collapsed.
        pub full_name: String,
        /// The name split and keyed for comparison.
        pub name: Name,
        /// Date of birth.
        pub date_of_birth: PartialDate,
        /// Sex from the sex field.
        pub sex: Sex,
        /// Address as printed (NFC).
        pub address: String,
        /// `YYYY-MM-DD`.
        pub issue_date: Date,
        /// The law the card was issued under (by issue date).
        pub law: Law,
        /// The computed expiry: the QR carries none.
        pub expiry: Expiry,
        /// True when `now` is past `expiry.validUntil`.
        pub expired: bool,
        /// Non-empty fields after the seventh, kept raw.
        pub extras: Vec<CardExtra>,
        /// Set when the scanner had mis-decoded the UTF-8 text and it was repaired.
        pub repaired_from: Option<Repair>,
        /// The MRZ cross-checked against, when `options.mrz` was given.
        pub mrz: Option<Mrz>,
        /// False when any finding is an error.
        pub valid: bool,
        /// Errors first, then warnings.
        pub findings: Vec<findings::FindingJson> as "Finding[]",
    }
}

/// Reads a QR payload given as raw bytes: decoded as UTF-8 (a leading BOM is ignored), then
/// as [`parse_qr_text`].
pub fn parse_qr_bytes(bytes: &[u8], now: Date) -> Result<Card, Error> {
    if bytes.len() > MAX_PAYLOAD_BYTES {
        return Err(Error::InputTooLarge {
            len: bytes.len(),
            max: MAX_PAYLOAD_BYTES,
        });
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // The offset indexes the caller's bytes, so it counts a stripped BOM.
    let text = core::str::from_utf8(body).map_err(|e| Error::PayloadEncoding {
        offset: bytes.len() - body.len() + e.valid_up_to(),
    })?;
    parse_qr_text(text, now)
}

/// Reads a QR payload given as text and checks it against itself and `now`.
///
/// Structural problems (not a payload, a required field missing or malformed) are errors;
/// inconsistencies (ID vs date of birth, expired card…) are [`Finding`]s on the card.
pub fn parse_qr_text(text: &str, now: Date) -> Result<Card, Error> {
    if text.len() > MAX_PAYLOAD_BYTES {
        return Err(Error::InputTooLarge {
            len: text.len(),
            max: MAX_PAYLOAD_BYTES,
        });
    }
    let trimmed = text
        .trim_matches(|c: char| c == '\r' || c == '\n' || c == ' ' || c == '\t')
        .trim_start_matches('\u{feff}')
        .trim_matches(|c: char| c == '\r' || c == '\n' || c == ' ' || c == '\t');
    if trimmed.is_empty() {
        return Err(Error::InputEmpty);
    }
    let mut findings = Vec::new();
    let (repaired_text, repaired) = match charset::repair_mojibake(trimmed) {
        Some((fixed, how)) => {
            findings.push(Finding::TextRepaired { from: how });
            (fixed, Some(how))
        }
        None => (trimmed.to_owned(), None),
    };
    if charset::looks_like_cjk_mojibake(&repaired_text)
        || (repaired.is_none() && charset::looks_like_latin_mojibake(&repaired_text))
    {
        findings.push(Finding::TextMojibake);
    }
    let payload: String = repaired_text.nfc().collect();

    let fields: Vec<&str> = payload.split('|').collect();
    let field_count = fields.len();
    if field_count == 1 {
        return Err(Error::NotCccdPayload);
    }
    if let Some(&field) = Field::REQUIRED.get(field_count) {
        return Err(Error::FieldMissing {
            field,
            found: field_count,
        });
    }
    let get = |f: Field| fields.get(f.index()).map_or("", |s| s.trim());

    let id_raw = get(Field::IdNumber);
    if id_raw.is_empty() {
        return Err(Error::FieldEmpty {
            field: Field::IdNumber,
        });
    }
    let id_number = IdNumber::parse(id_raw)?;

    let old_id_number = Some(get(Field::OldIdNumber))
        .filter(|s| !s.is_empty())
        .map(str::to_owned);
    if let Some(old) = &old_id_number {
        if !(old.len() == 9 || old.len() == 12) || !old.bytes().all(|b| b.is_ascii_digit()) {
            findings.push(Finding::OldIdNumberFormat);
        }
    }

    let full_name = normalize_name(get(Field::FullName));
    if full_name.is_empty() {
        return Err(Error::FieldEmpty {
            field: Field::FullName,
        });
    }
    let date_of_birth = parse_birth_date(get(Field::DateOfBirth))?;
    let sex = parse_sex(get(Field::Sex))?;
    let address = get(Field::Address).to_owned();
    if address.is_empty() {
        findings.push(Finding::AddressEmpty);
    }
    let issue_date = parse_full_date(get(Field::IssueDate), Field::IssueDate)?;
    // Text shown to people must not hide or reorder itself (the fields are one line of plain
    // text, shared/domain/cccd.md §1.2); checked on the fields as read, before any clean-up.
    for field in [Field::FullName, Field::Address, Field::OldIdNumber] {
        let raw = fields.get(field.index()).copied().unwrap_or("");
        if let Some(c) = unicode::first_control(raw) {
            findings.push(Finding::TextControlCharacter {
                field,
                code_point: unicode::code_point(c),
            });
        }
        if let Some(c) = unicode::first_zero_width(raw) {
            findings.push(Finding::TextZeroWidth {
                field,
                code_point: unicode::code_point(c),
            });
        }
    }
    // (Not on top of TEXT_MOJIBAKE, whose garbled letters are non-Latin by nature.)
    let mojibake = findings.contains(&Finding::TextMojibake);
    if let Some(c) = unicode::first_non_latin_letter(&full_name).filter(|_| !mojibake) {
        findings.push(Finding::NameMixedScripts {
            code_point: unicode::code_point(c),
        });
    }

    let extras: Vec<(usize, String)> = fields
        .iter()
        .enumerate()
        .skip(FIELDS_CCCD_2021)
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(i, v)| (i, (*v).to_owned()))
        .collect();
    if !extras.is_empty() {
        findings.push(Finding::ExtraFields {
            count: extras.len(),
        });
    }
    let generation = match field_count {
        FIELDS_CCCD_2021 => Generation::Cccd2021,
        FIELDS_CAN_CUOC_2024 => Generation::CanCuoc2024,
        n => {
            findings.push(Finding::FieldCountUnusual { count: n });
            Generation::Unknown
        }
    };

    // Cross-checks: the ID number against the other fields and against `now`.
    if let id_number::Place::Unassigned { code } = &id_number.place {
        findings.push(Finding::IdPlaceCodeUnassigned { code: code.clone() });
    }
    if id_number.birth_year > now.year() {
        findings.push(Finding::IdBirthYearInFuture {
            id_birth_year: id_number.birth_year,
        });
    }
    if id_number.birth_year != date_of_birth.year {
        findings.push(Finding::IdBirthYearMismatch {
            id_birth_year: id_number.birth_year,
            dob_year: date_of_birth.year,
        });
    }
    if id_number.sex != sex {
        findings.push(Finding::IdSexMismatch {
            id_sex: id_number.sex,
            field_sex: sex,
        });
    }
    let birth = date_of_birth.earliest();
    if birth > now {
        findings.push(Finding::BirthDateInFuture);
    }
    if issue_date > now {
        findings.push(Finding::IssueDateInFuture);
    }
    if issue_date < birth {
        findings.push(Finding::IssuedBeforeBirth);
    }
    if issue_date < FIRST_QR_CARDS {
        findings.push(Finding::IssueDateBeforeQrCards);
    }
    let law = Law::for_issue_date(issue_date);
    let conflicting = match generation {
        Generation::Cccd2021 => issue_date >= CAN_CUOC_LAW_IN_FORCE,
        Generation::CanCuoc2024 => issue_date < CAN_CUOC_LAW_IN_FORCE,
        Generation::Unknown => false,
    };
    if conflicting {
        findings.push(Finding::GenerationMismatch);
    }
    let age_at_issue = birth.whole_years_until(issue_date);
    if law == Law::Cccd2014 && age_at_issue < 14 && issue_date >= birth {
        findings.push(Finding::IssuedUnderMinimumAge { age: age_at_issue });
    }
    if date_of_birth.is_partial() {
        findings.push(Finding::BirthDatePartial);
        findings.push(Finding::ExpiryApproximate);
    }
    let expiry = if date_of_birth.is_partial() {
        // The birthday is unknown: take the earliest expiry any possible birthday gives, so a
        // partial date can never make an expired card look valid
        // (`shared/domain/cccd.md` §7 item 7).
        let a = Expiry::compute(birth, issue_date, true);
        let b = Expiry::compute(date_of_birth.latest(), issue_date, true);
        match (a.valid_until(), b.valid_until()) {
            (Some(x), Some(y)) if y < x => b,
            (None, Some(_)) => b,
            _ => a,
        }
    } else {
        Expiry::compute(birth, issue_date, false)
    };
    let expired = expiry.is_expired(now);
    if let (true, Some(valid_until)) = (expired, expiry.valid_until()) {
        findings.push(Finding::CardExpired { valid_until });
    }
    crate::sort::stable_by_key(&mut findings, |f| f.severity() != Severity::Error);

    Ok(Card {
        generation,
        field_count,
        name: Name::split(&full_name),
        id_number,
        old_id_number,
        full_name,
        date_of_birth,
        sex,
        address,
        issue_date,
        expiry,
        expired,
        extras,
        repaired,
        mrz: None,
        findings,
    })
}

/// `DDMMYYYY` → (day, month, year) as raw numbers, or `None` if not 8 digits.
fn ddmmyyyy(s: &str) -> Option<(u8, u8, u16)> {
    let b = s.as_bytes();
    if b.len() != 8 {
        return None;
    }
    let day = u8::try_from(digits(b.get(0..2)?)?).ok()?;
    let month = u8::try_from(digits(b.get(2..4)?)?).ok()?;
    let year = u16::try_from(digits(b.get(4..8)?)?).ok()?;
    Some((day, month, year))
}

fn parse_full_date(s: &str, field: Field) -> Result<Date, Error> {
    ddmmyyyy(s)
        .and_then(|(d, m, y)| Date::new(y, m, d))
        .ok_or(Error::DateFormat { field })
}

/// A birth date whose day or month may be `00` (unknown); `shared/domain/cccd.md` §7 item 7
/// says such dates must not crash a decoder.
fn parse_birth_date(s: &str) -> Result<PartialDate, Error> {
    // A closure, not a cloned value: `Error::clone` is one large function over every variant.
    let err = || Error::DateFormat {
        field: Field::DateOfBirth,
    };
    let (d, m, y) = ddmmyyyy(s).ok_or_else(err)?;
    let known = |v: u8| (v != 0).then_some(v);
    PartialDate::new(y, known(m), known(d)).ok_or_else(err)
}

fn parse_sex(s: &str) -> Result<Sex, Error> {
    let lower: String = s.chars().flat_map(crate::unicode::to_lower).collect();
    match lower.as_str() {
        "nam" => Ok(Sex::M),
        "nữ" => Ok(Sex::F),
        _ => Err(Error::SexValue),
    }
}
