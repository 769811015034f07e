//! Findings: what a parsed card's cross-checks found, each with a stable code and a severity.

use serde::Serialize;
use serde_json::{json, Map, Value};

use super::charset::Repair;
use super::Sex;
use crate::date::Date;
use crate::error::Lang;

/// How much a finding matters. A card with any `Error` finding is not valid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The card must not be accepted.
    Error,
    /// Worth a look; the card may still be accepted.
    Warning,
}

/// One observation about a card. Every variant has a stable [`Finding::code`].
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    /// The first digit is `0` but the 3-digit place code is none of the 63 provinces.
    IdPlaceCodeUnassigned {
        /// The code.
        code: String,
    },
    /// The birth year encoded in the ID number differs from the date of birth.
    IdBirthYearMismatch {
        /// Year from the ID number.
        id_birth_year: u16,
        /// Year from the date-of-birth field.
        dob_year: u16,
    },
    /// The sex encoded in the ID number differs from the sex field.
    IdSexMismatch {
        /// Sex from the ID number's century digit.
        id_sex: Sex,
        /// Sex from the sex field.
        field_sex: Sex,
    },
    /// The ID number's century digit puts the birth year after `now` (digits 4–9, §7.12).
    IdBirthYearInFuture {
        /// Year from the ID number.
        id_birth_year: u16,
    },
    /// The date of birth is after `now`.
    BirthDateInFuture,
    /// The date of issue is after `now`.
    IssueDateInFuture,
    /// The date of issue is before the date of birth.
    IssuedBeforeBirth,
    /// The card's validity ended before `now`.
    CardExpired {
        /// Last day of validity.
        valid_until: Date,
    },
    /// The text was UTF-8 mis-decoded by the scanner and has been repaired.
    TextRepaired {
        /// What it had been mis-decoded as.
        from: Repair,
    },
    /// The text is UTF-8 mis-decoded by the scanner in a way that cannot be undone (as Big5 or
    /// Shift_JIS, or as Windows-1252 with bytes lost); names and address are garbled.
    TextMojibake,
    /// The day or month of birth is unknown (`00`).
    BirthDatePartial,
    /// The expiry rests on an assumed birthday because the date of birth is partial.
    ExpiryApproximate,
    /// Fields beyond the seventh are not empty; they are kept raw in `extras`.
    ExtraFields {
        /// How many non-empty extra fields.
        count: usize,
    },
    /// The payload has a field count never observed on cards (neither 7 nor 11).
    FieldCountUnusual {
        /// The count.
        count: usize,
    },
    /// The old ID number is neither 9 nor 12 digits.
    OldIdNumberFormat,
    /// The address field is empty.
    AddressEmpty,
    /// A CCCD issued under the 2014 law to someone younger than 14.
    IssuedUnderMinimumAge {
        /// Age at issue.
        age: u16,
    },
    /// The field count suggests one card generation and the issue date the other.
    GenerationMismatch,
    /// The issue date is before 2021, when the first cards carrying this QR code were issued.
    IssueDateBeforeQrCards,
    /// The MRZ's 12-digit ID differs from the QR's.
    MrzIdMismatch,
    /// The MRZ document number is not the last 9 digits of the QR's ID number (§7.8).
    MrzDocumentNumberMismatch,
    /// The MRZ date of birth differs from the QR's.
    MrzBirthDateMismatch,
    /// The MRZ sex differs from the QR's.
    MrzSexMismatch,
    /// The MRZ expiry differs from the expiry computed from the QR.
    MrzExpiryMismatch {
        /// True when the computed expiry is approximate (partial date of birth): then a warning.
        approximate: bool,
    },
    /// The MRZ name differs from the ICAO transliteration of the QR's name.
    MrzNameMismatch,
}

impl Finding {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Finding::IdPlaceCodeUnassigned { .. } => "ID_PLACE_CODE_UNASSIGNED",
            Finding::IdBirthYearMismatch { .. } => "ID_BIRTH_YEAR_MISMATCH",
            Finding::IdSexMismatch { .. } => "ID_SEX_MISMATCH",
            Finding::IdBirthYearInFuture { .. } => "ID_BIRTH_YEAR_IN_FUTURE",
            Finding::BirthDateInFuture => "BIRTH_DATE_IN_FUTURE",
            Finding::IssueDateInFuture => "ISSUE_DATE_IN_FUTURE",
            Finding::IssuedBeforeBirth => "ISSUED_BEFORE_BIRTH",
            Finding::CardExpired { .. } => "CARD_EXPIRED",
            Finding::TextRepaired { .. } => "TEXT_REPAIRED",
            Finding::TextMojibake => "TEXT_MOJIBAKE",
            Finding::BirthDatePartial => "BIRTH_DATE_PARTIAL",
            Finding::ExpiryApproximate => "EXPIRY_APPROXIMATE",
            Finding::ExtraFields { .. } => "EXTRA_FIELDS",
            Finding::FieldCountUnusual { .. } => "FIELD_COUNT_UNUSUAL",
            Finding::OldIdNumberFormat => "OLD_ID_NUMBER_FORMAT",
            Finding::AddressEmpty => "ADDRESS_EMPTY",
            Finding::IssuedUnderMinimumAge { .. } => "ISSUED_UNDER_MINIMUM_AGE",
            Finding::GenerationMismatch => "GENERATION_MISMATCH",
            Finding::IssueDateBeforeQrCards => "ISSUE_DATE_BEFORE_QR_CARDS",
            Finding::MrzIdMismatch => "MRZ_ID_MISMATCH",
            Finding::MrzDocumentNumberMismatch => "MRZ_DOCUMENT_NUMBER_MISMATCH",
            Finding::MrzBirthDateMismatch => "MRZ_BIRTH_DATE_MISMATCH",
            Finding::MrzSexMismatch => "MRZ_SEX_MISMATCH",
            Finding::MrzExpiryMismatch { .. } => "MRZ_EXPIRY_MISMATCH",
            Finding::MrzNameMismatch => "MRZ_NAME_MISMATCH",
        }
    }

    /// Error findings make the card invalid; warnings do not.
    pub fn severity(&self) -> Severity {
        match self {
            Finding::IdPlaceCodeUnassigned { .. }
            | Finding::IdBirthYearMismatch { .. }
            | Finding::IdSexMismatch { .. }
            | Finding::IdBirthYearInFuture { .. }
            | Finding::BirthDateInFuture
            | Finding::IssueDateInFuture
            | Finding::IssuedBeforeBirth
            | Finding::CardExpired { .. }
            | Finding::TextMojibake
            | Finding::MrzIdMismatch
            | Finding::MrzDocumentNumberMismatch
            | Finding::MrzBirthDateMismatch
            | Finding::MrzSexMismatch
            | Finding::MrzExpiryMismatch { approximate: false }
            | Finding::MrzNameMismatch => Severity::Error,
            Finding::TextRepaired { .. }
            | Finding::BirthDatePartial
            | Finding::ExpiryApproximate
            | Finding::ExtraFields { .. }
            | Finding::FieldCountUnusual { .. }
            | Finding::OldIdNumberFormat
            | Finding::AddressEmpty
            | Finding::IssuedUnderMinimumAge { .. }
            | Finding::GenerationMismatch
            | Finding::IssueDateBeforeQrCards
            | Finding::MrzExpiryMismatch { approximate: true } => Severity::Warning,
        }
    }

    /// A sentence for people, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        match self {
            Finding::IdPlaceCodeUnassigned { code } if vi => {
                format!("Mã nơi đăng ký khai sinh {code} trong số định danh không thuộc tỉnh nào.")
            }
            Finding::IdPlaceCodeUnassigned { code } => {
                format!("The ID number's place code {code} belongs to no province.")
            }
            Finding::IdBirthYearMismatch { id_birth_year, dob_year } if vi => format!(
                "Năm sinh theo số định danh ({id_birth_year}) khác năm sinh trên thẻ ({dob_year})."
            ),
            Finding::IdBirthYearMismatch { id_birth_year, dob_year } => format!(
                "The ID number encodes birth year {id_birth_year}, but the date of birth is in {dob_year}."
            ),
            Finding::IdSexMismatch { id_sex, field_sex } if vi => format!(
                "Giới tính theo số định danh ({}) khác giới tính trên thẻ ({}).",
                id_sex.label(lang),
                field_sex.label(lang)
            ),
            Finding::IdSexMismatch { id_sex, field_sex } => format!(
                "The ID number encodes sex {}, but the sex field says {}.",
                id_sex.label(lang),
                field_sex.label(lang)
            ),
            Finding::IdBirthYearInFuture { id_birth_year } if vi => {
                format!("Số định danh mã hóa năm sinh {id_birth_year}, ở tương lai.")
            }
            Finding::IdBirthYearInFuture { id_birth_year } => {
                format!("The ID number encodes birth year {id_birth_year}, which is in the future.")
            }
            Finding::BirthDateInFuture => pick(vi, "The date of birth is in the future.", "Ngày sinh ở tương lai."),
            Finding::IssueDateInFuture => pick(vi, "The date of issue is in the future.", "Ngày cấp ở tương lai."),
            Finding::IssuedBeforeBirth => pick(vi, "The date of issue is before the date of birth.", "Ngày cấp trước ngày sinh."),
            Finding::CardExpired { valid_until } if vi => {
                let (y, m, d) = (valid_until.year(), valid_until.month(), valid_until.day());
                format!("Thẻ đã hết hạn (có giá trị đến {d:02}/{m:02}/{y}).")
            }
            Finding::CardExpired { valid_until } => format!("The card expired (valid until {valid_until})."),
            Finding::TextRepaired { .. } => pick(
                vi,
                "The scanner had decoded the text with the wrong charset; it was repaired.",
                "Máy quét đã giải mã sai bảng mã; văn bản đã được sửa lại.",
            ),
            Finding::TextMojibake => pick(
                vi,
                "The name and address are garbled (the scanner read UTF-8 with the wrong charset); read the QR's raw bytes instead.",
                "Họ tên và địa chỉ bị lỗi phông (máy quét đọc UTF-8 sai bảng mã); hãy đọc dữ liệu byte gốc của mã QR.",
            ),
            Finding::BirthDatePartial => pick(
                vi,
                "The day or month of birth is unknown.",
                "Không rõ ngày hoặc tháng sinh.",
            ),
            Finding::ExpiryApproximate => pick(
                vi,
                "The expiry date is approximate because the date of birth is incomplete.",
                "Ngày hết hạn là ước tính vì ngày sinh không đầy đủ.",
            ),
            Finding::ExtraFields { count } if vi => format!("Mã QR có thêm {count} trường không trống; đã giữ nguyên."),
            Finding::ExtraFields { count } => format!("The QR code has {count} extra non-empty field(s); kept as they are."),
            Finding::FieldCountUnusual { count } if vi => format!("Mã QR có {count} trường, khác 7 hoặc 11 trường thường gặp."),
            Finding::FieldCountUnusual { count } => format!("The QR code has {count} fields, not the usual 7 or 11."),
            Finding::OldIdNumberFormat => pick(
                vi,
                "The old ID (CMND) number is neither 9 nor 12 digits.",
                "Số CMND cũ không phải 9 hoặc 12 chữ số.",
            ),
            Finding::AddressEmpty => pick(vi, "The address is empty.", "Địa chỉ bị trống."),
            Finding::IssuedUnderMinimumAge { age } if vi => format!("Thẻ CCCD được cấp khi mới {age} tuổi (luật 2014 cấp từ 14 tuổi)."),
            Finding::IssuedUnderMinimumAge { age } => format!("The CCCD was issued at age {age}; the 2014 law issues it from age 14."),
            Finding::GenerationMismatch => pick(
                vi,
                "The number of fields and the date of issue point to different card generations.",
                "Số trường dữ liệu và ngày cấp không cùng một loại thẻ.",
            ),
            Finding::IssueDateBeforeQrCards => pick(
                vi,
                "The date of issue is before 2021, when cards with this QR code were first issued.",
                "Ngày cấp trước năm 2021, khi thẻ có mã QR này bắt đầu được cấp.",
            ),
            Finding::MrzIdMismatch => pick(vi, "The ID number in the MRZ differs from the QR code.", "Số định danh trong MRZ khác mã QR."),
            Finding::MrzDocumentNumberMismatch => pick(
                vi,
                "The MRZ document number is not the last 9 digits of the ID number.",
                "Số giấy tờ trong MRZ không phải 9 số cuối của số định danh.",
            ),
            Finding::MrzBirthDateMismatch => pick(vi, "The MRZ date of birth differs from the QR code.", "Ngày sinh trong MRZ khác mã QR."),
            Finding::MrzSexMismatch => pick(vi, "The MRZ sex differs from the QR code.", "Giới tính trong MRZ khác mã QR."),
            Finding::MrzExpiryMismatch { .. } => pick(
                vi,
                "The MRZ expiry differs from the expiry computed from the QR code.",
                "Ngày hết hạn trong MRZ khác ngày hết hạn tính từ mã QR.",
            ),
            Finding::MrzNameMismatch => pick(vi, "The MRZ name differs from the QR code.", "Họ tên trong MRZ khác mã QR."),
        }
    }

    /// The variant's data as a JSON object (camelCase keys).
    pub fn params(&self) -> Map<String, Value> {
        let v = match self {
            Finding::IdPlaceCodeUnassigned { code } => json!({ "placeCode": code }),
            Finding::IdBirthYearMismatch {
                id_birth_year,
                dob_year,
            } => {
                json!({ "idBirthYear": id_birth_year, "dobYear": dob_year })
            }
            Finding::IdSexMismatch { id_sex, field_sex } => {
                json!({ "idSex": id_sex, "fieldSex": field_sex })
            }
            Finding::IdBirthYearInFuture { id_birth_year } => {
                json!({ "idBirthYear": id_birth_year })
            }
            Finding::CardExpired { valid_until } => json!({ "validUntil": valid_until }),
            Finding::TextRepaired { from } => json!({ "from": from }),
            Finding::ExtraFields { count } | Finding::FieldCountUnusual { count } => {
                json!({ "count": count })
            }
            Finding::IssuedUnderMinimumAge { age } => json!({ "age": age }),
            Finding::MrzExpiryMismatch { approximate } => json!({ "approximate": approximate }),
            _ => json!({}),
        };
        match v {
            Value::Object(m) => m,
            _ => Map::new(),
        }
    }

    /// `{code, severity, message, ...params}` as JSON.
    pub fn to_json(&self, lang: Lang) -> Value {
        let mut m = Map::new();
        m.insert("code".into(), self.code().into());
        m.insert("severity".into(), json!(self.severity()));
        m.insert("message".into(), self.message(lang).into());
        if !self.params().is_empty() {
            m.insert("params".into(), Value::Object(self.params()));
        }
        Value::Object(m)
    }
}

fn pick(vi: bool, en: &str, vi_text: &str) -> String {
    if vi { vi_text } else { en }.to_owned()
}
