//! The one error type of the crate, with stable codes and messages in English and Vietnamese.

use core::fmt;

use serde::Serialize;
use serde_json::{json, Map, Value};

/// Language of human-readable messages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// English (the default).
    #[default]
    En,
    /// Vietnamese.
    Vi,
}

impl Lang {
    /// `"vi"` → Vietnamese, `"en"` → English; anything else → `None`.
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "en" => Some(Lang::En),
            "vi" => Some(Lang::Vi),
            _ => None,
        }
    }

    pub(crate) fn pick(self, en: &'static str, vi: &'static str) -> &'static str {
        match self {
            Lang::En => en,
            Lang::Vi => vi,
        }
    }
}

/// The fields of the CCCD QR payload, in wire order (`cccd.md` §1.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Field {
    /// Field 0: the 12-digit personal identification number.
    IdNumber,
    /// Field 1: the old 9-digit CMND number (may be empty).
    OldIdNumber,
    /// Field 2: the full name.
    FullName,
    /// Field 3: the date of birth, `DDMMYYYY`.
    DateOfBirth,
    /// Field 4: the sex, `Nam` or `Nữ`.
    Sex,
    /// Field 5: the address.
    Address,
    /// Field 6: the date of issue, `DDMMYYYY`.
    IssueDate,
}

impl Field {
    /// The seven fields every payload carries, in order.
    pub const REQUIRED: [Field; 7] = [
        Field::IdNumber,
        Field::OldIdNumber,
        Field::FullName,
        Field::DateOfBirth,
        Field::Sex,
        Field::Address,
        Field::IssueDate,
    ];

    /// 0-based position in the payload.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The camelCase name used in JSON and JS.
    pub fn name(self) -> &'static str {
        match self {
            Field::IdNumber => "idNumber",
            Field::OldIdNumber => "oldIdNumber",
            Field::FullName => "fullName",
            Field::DateOfBirth => "dateOfBirth",
            Field::Sex => "sex",
            Field::Address => "address",
            Field::IssueDate => "issueDate",
        }
    }

    fn label(self, lang: Lang) -> &'static str {
        match self {
            Field::IdNumber => lang.pick("ID number", "số định danh"),
            Field::OldIdNumber => lang.pick("old ID (CMND) number", "số CMND cũ"),
            Field::FullName => lang.pick("full name", "họ và tên"),
            Field::DateOfBirth => lang.pick("date of birth", "ngày sinh"),
            Field::Sex => lang.pick("sex", "giới tính"),
            Field::Address => lang.pick("address", "nơi cư trú"),
            Field::IssueDate => lang.pick("date of issue", "ngày cấp"),
        }
    }
}

/// The check-digit-protected fields of a TD1 MRZ (ICAO 9303 Part 5, §4.2.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum MrzField {
    /// Line 1, positions 6–14: the document number (last 9 digits of the ID).
    DocumentNumber,
    /// Line 1, optional data: the full 12-digit ID, with its own check digit (Vietnamese use).
    IdNumber,
    /// Line 2, positions 1–6: date of birth.
    DateOfBirth,
    /// Line 2, positions 9–14: date of expiry.
    DateOfExpiry,
    /// Line 2, position 30: the composite check digit.
    Composite,
}

impl MrzField {
    fn label(self, lang: Lang) -> &'static str {
        match self {
            MrzField::DocumentNumber => lang.pick("document number", "số giấy tờ"),
            MrzField::IdNumber => lang.pick("12-digit ID number", "số định danh 12 số"),
            MrzField::DateOfBirth => lang.pick("date of birth", "ngày sinh"),
            MrzField::DateOfExpiry => lang.pick("date of expiry", "ngày hết hạn"),
            MrzField::Composite => lang.pick("composite", "tổng hợp"),
        }
    }
}

/// Why an input was rejected. Every variant has a stable [`Error::code`].
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// The input is empty (after trimming surrounding whitespace).
    InputEmpty,
    /// The input is larger than the parser accepts.
    InputTooLarge {
        /// Input length in bytes.
        len: usize,
        /// The limit in bytes.
        max: usize,
    },
    /// The bytes are not valid UTF-8 (the QR payload is UTF-8, `cccd.md` §1.4).
    PayloadEncoding {
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// The text has no `|` separator at all: it is not a CCCD QR payload.
    NotCccdPayload,
    /// The payload has fewer than the 7 fields every card carries.
    FieldMissing {
        /// The first missing field.
        field: Field,
        /// How many fields were found.
        found: usize,
    },
    /// A field that is never empty on a card is empty.
    FieldEmpty {
        /// The empty field.
        field: Field,
    },
    /// The ID number is not 12 ASCII digits.
    IdNumberFormat,
    /// A date field is not `DDMMYYYY`, or names a day that does not exist.
    DateFormat {
        /// The date field.
        field: Field,
    },
    /// The sex field is neither `Nam` nor `Nữ`.
    SexValue,
    /// The MRZ is not three lines of 30 characters of the TD1 alphabet, or a field has the wrong shape.
    MrzFormat {
        /// 1-based line number, or 0 when the line count or length is wrong.
        line: u8,
    },
    /// An MRZ check digit does not match (ICAO 9303 Part 3, §4.9).
    MrzCheckDigit {
        /// The protected field.
        field: MrzField,
    },
    /// The image has a zero dimension or its buffer is shorter than its dimensions say.
    ImageFormat,
    /// The image has more pixels than the decoder accepts.
    ImageTooLarge {
        /// Width in pixels.
        width: usize,
        /// Height in pixels.
        height: usize,
        /// The limit in pixels.
        max_pixels: usize,
    },
    /// An image file (PNG, JPEG) could not be decoded.
    ImageDecode,
    /// No QR code could be read in the image.
    NoQrFound,
}

impl Error {
    /// The stable code (`ERR_…`), exposed in JS as `err.code`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InputEmpty => "ERR_INPUT_EMPTY",
            Error::InputTooLarge { .. } => "ERR_INPUT_TOO_LARGE",
            Error::PayloadEncoding { .. } => "ERR_PAYLOAD_ENCODING",
            Error::NotCccdPayload => "ERR_NOT_CCCD_PAYLOAD",
            Error::FieldMissing { .. } => "ERR_FIELD_MISSING",
            Error::FieldEmpty { .. } => "ERR_FIELD_EMPTY",
            Error::IdNumberFormat => "ERR_ID_NUMBER_FORMAT",
            Error::DateFormat { .. } => "ERR_DATE_FORMAT",
            Error::SexValue => "ERR_SEX_VALUE",
            Error::MrzFormat { .. } => "ERR_MRZ_FORMAT",
            Error::MrzCheckDigit { .. } => "ERR_MRZ_CHECK_DIGIT",
            Error::ImageFormat => "ERR_IMAGE_FORMAT",
            Error::ImageTooLarge { .. } => "ERR_IMAGE_TOO_LARGE",
            Error::ImageDecode => "ERR_IMAGE_DECODE",
            Error::NoQrFound => "ERR_NO_QR_FOUND",
        }
    }

    /// A sentence for people, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Error::InputEmpty, _) => lang
                .pick("The input is empty.", "Dữ liệu đầu vào trống.")
                .into(),
            (Error::InputTooLarge { len, max }, Lang::En) => {
                format!("The input is {len} bytes; at most {max} are accepted.")
            }
            (Error::InputTooLarge { len, max }, Lang::Vi) => {
                format!("Dữ liệu dài {len} byte; tối đa chỉ nhận {max} byte.")
            }
            (Error::PayloadEncoding { offset }, Lang::En) => {
                format!("The QR bytes are not valid UTF-8 (at byte {offset}).")
            }
            (Error::PayloadEncoding { offset }, Lang::Vi) => {
                format!("Dữ liệu QR không phải UTF-8 hợp lệ (tại byte {offset}).")
            }
            (Error::NotCccdPayload, _) => lang
                .pick(
                    "This QR code is not a CCCD / Căn cước code.",
                    "Mã QR này không phải mã QR trên thẻ CCCD / Căn cước.",
                )
                .into(),
            (Error::FieldMissing { field, found }, Lang::En) => format!(
                "The QR payload has {found} fields; the {} (field {}) is missing.",
                field.label(lang),
                field.index() + 1
            ),
            (Error::FieldMissing { field, found }, Lang::Vi) => format!(
                "Dữ liệu QR chỉ có {found} trường; thiếu {} (trường thứ {}).",
                field.label(lang),
                field.index() + 1
            ),
            (Error::FieldEmpty { field }, Lang::En) => {
                format!("The {} in the QR code is empty.", field.label(lang))
            }
            (Error::FieldEmpty { field }, Lang::Vi) => {
                format!("Trường {} trong mã QR bị trống.", field.label(lang))
            }
            (Error::IdNumberFormat, _) => lang
                .pick(
                    "The ID number must be exactly 12 digits.",
                    "Số định danh phải gồm đúng 12 chữ số.",
                )
                .into(),
            (Error::DateFormat { field }, Lang::En) => {
                format!("The {} is not a date in DDMMYYYY form.", field.label(lang))
            }
            (Error::DateFormat { field }, Lang::Vi) => format!(
                "Trường {} không phải ngày hợp lệ dạng DDMMYYYY.",
                field.label(lang)
            ),
            (Error::SexValue, _) => lang
                .pick(
                    "The sex field must be \"Nam\" or \"Nữ\".",
                    "Giới tính phải là \"Nam\" hoặc \"Nữ\".",
                )
                .into(),
            (Error::MrzFormat { line: 0 }, _) => lang
                .pick(
                    "The MRZ must be three lines of 30 characters (TD1).",
                    "Vùng MRZ phải gồm ba dòng, mỗi dòng 30 ký tự (TD1).",
                )
                .into(),
            (Error::MrzFormat { line }, Lang::En) => format!("MRZ line {line} is malformed."),
            (Error::MrzFormat { line }, Lang::Vi) => format!("Dòng {line} của MRZ sai định dạng."),
            (Error::MrzCheckDigit { field }, Lang::En) => format!(
                "The MRZ check digit of the {} does not match.",
                field.label(lang)
            ),
            (Error::MrzCheckDigit { field }, Lang::Vi) => {
                format!("Chữ số kiểm tra MRZ của {} không khớp.", field.label(lang))
            }
            (Error::ImageFormat, _) => lang
                .pick(
                    "The image is empty or its pixel buffer does not match its size.",
                    "Ảnh trống hoặc dữ liệu điểm ảnh không khớp kích thước.",
                )
                .into(),
            (
                Error::ImageTooLarge {
                    width,
                    height,
                    max_pixels,
                },
                Lang::En,
            ) => format!(
                "The image is {width}×{height} pixels; at most {max_pixels} pixels are accepted."
            ),
            (
                Error::ImageTooLarge {
                    width,
                    height,
                    max_pixels,
                },
                Lang::Vi,
            ) => format!(
                "Ảnh có kích thước {width}×{height}; tối đa chỉ nhận {max_pixels} điểm ảnh."
            ),
            (Error::ImageDecode, _) => lang
                .pick(
                    "The file is not a PNG or JPEG image that can be read.",
                    "Tệp không phải ảnh PNG hoặc JPEG đọc được.",
                )
                .into(),
            (Error::NoQrFound, _) => lang
                .pick(
                    "No QR code was found in the image.",
                    "Không tìm thấy mã QR trong ảnh.",
                )
                .into(),
        }
    }

    /// The variant's data as a JSON object (field names in camelCase).
    pub fn params(&self) -> Map<String, Value> {
        let v = match self {
            Error::InputTooLarge { len, max } => json!({ "len": len, "max": max }),
            Error::PayloadEncoding { offset } => json!({ "offset": offset }),
            Error::FieldMissing { field, found } => {
                json!({ "field": field.name(), "index": field.index(), "found": found })
            }
            Error::FieldEmpty { field } | Error::DateFormat { field } => {
                json!({ "field": field.name(), "index": field.index() })
            }
            Error::MrzFormat { line } => json!({ "line": line }),
            Error::MrzCheckDigit { field } => json!({ "field": field }),
            Error::ImageTooLarge {
                width,
                height,
                max_pixels,
            } => {
                json!({ "width": width, "height": height, "maxPixels": max_pixels })
            }
            Error::InputEmpty
            | Error::NotCccdPayload
            | Error::IdNumberFormat
            | Error::SexValue
            | Error::ImageFormat
            | Error::ImageDecode
            | Error::NoQrFound => json!({}),
        };
        match v {
            Value::Object(m) => m,
            _ => Map::new(),
        }
    }
}

impl Error {
    /// `{code, message, params}` as JSON, the shape the JS layer turns into a `CccdVerifyError`.
    pub fn to_json(&self, lang: Lang) -> Value {
        json!({ "code": self.code(), "message": self.message(lang), "params": self.params() })
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code(), self.message(Lang::En))
    }
}

impl std::error::Error for Error {}
