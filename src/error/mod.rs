//! The one error type of the crate, with stable codes and messages in English and Vietnamese.

use core::fmt;

use serde::Serialize;
use serde_json::{json, Map, Value};

#[macro_use]
mod define;
mod table;

pub use table::Error;

/// The error table's metadata, for the generator and tests (`tests/codes_generated.rs`):
/// not part of the supported API.
#[doc(hidden)]
pub mod meta {
    pub use super::table::{samples, DOMAINS, ERRORS};
    pub use crate::cccd::findings::FINDINGS;
    use serde_json::Value;

    /// One parameter of an error's `params` object.
    #[derive(Clone, Copy, Debug)]
    pub struct ParamInfo {
        /// The JSON key (camelCase); a trailing `?` marks an optional key.
        pub name: &'static str,
        /// Its TypeScript type.
        pub ts: &'static str,
        /// A note for the docs (e.g. the unit).
        pub note: Option<&'static str>,
    }

    /// One row of the error table.
    #[derive(Clone, Copy, Debug)]
    pub struct ErrorInfo {
        /// The stable code.
        pub code: &'static str,
        /// The Rust variant, or `None` for a code made by the JS layer only.
        pub variant: Option<&'static str>,
        /// The domain (section of the table).
        pub domain: &'static str,
        /// What the code means, one line of Markdown.
        pub doc: &'static str,
        /// A TS type the params extend (e.g. `CertParams`), when a whole map is merged in.
        pub params_base: Option<&'static str>,
        /// The params, besides `params_base`.
        pub params: &'static [ParamInfo],
        /// The English message template (`format!` syntax, naming fields or `let` values).
        pub en: &'static str,
        /// The Vietnamese message template.
        pub vi: &'static str,
        /// The templates of the message's special case (`when`), if any.
        pub special: Option<(&'static str, &'static str)>,
    }

    /// The TypeScript unions of the names that params carry: (type name, doc, names). Each list
    /// is checked against an exhaustive `match`, so a new variant cannot be left out silently.
    pub fn name_types() -> Vec<(&'static str, &'static str, Vec<String>)> {
        use super::{Field, KeyUsageBit, MrzField};
        use crate::purpose::Purpose;
        let fields = Field::REQUIRED;
        let mrz = [
            MrzField::DocumentNumber,
            MrzField::IdNumber,
            MrzField::DateOfBirth,
            MrzField::DateOfExpiry,
            MrzField::Composite,
        ];
        let usages = [KeyUsageBit::DigitalSignature, KeyUsageBit::KeyCertSign];
        let purposes = [
            Purpose::SdJwtVcIssuer,
            Purpose::TrustListSigner,
            Purpose::MdocIaca,
            Purpose::StatusListIssuer,
            Purpose::IcaoCsca,
        ];
        // Exhaustive: a new variant fails to compile here until it is listed above as well.
        let _ = |f: Field, m: MrzField, u: KeyUsageBit, p: Purpose| {
            match f {
                Field::IdNumber
                | Field::OldIdNumber
                | Field::FullName
                | Field::DateOfBirth
                | Field::Sex
                | Field::Address
                | Field::IssueDate => {}
            }
            match m {
                MrzField::DocumentNumber
                | MrzField::IdNumber
                | MrzField::DateOfBirth
                | MrzField::DateOfExpiry
                | MrzField::Composite => {}
            }
            match u {
                KeyUsageBit::DigitalSignature | KeyUsageBit::KeyCertSign => {}
            }
            match p {
                Purpose::SdJwtVcIssuer
                | Purpose::TrustListSigner
                | Purpose::MdocIaca
                | Purpose::StatusListIssuer
                | Purpose::IcaoCsca => {}
            }
        };
        let json_name = |v: Value| v.as_str().map(str::to_owned).unwrap_or_default();
        vec![
            (
                "FieldName",
                "A field of the QR payload (`params.field`).",
                fields.iter().map(|f| f.name().to_owned()).collect(),
            ),
            (
                "MrzFieldName",
                "A check-digit-protected MRZ field (`params.field`).",
                mrz.iter().map(|m| json_name(super::to_value(m))).collect(),
            ),
            (
                "KeyUsageName",
                "A keyUsage bit (RFC 5280 §4.2.1.3).",
                usages.iter().map(|u| u.name().to_owned()).collect(),
            ),
            (
                "PurposeName",
                "What a trust anchor is trusted for.",
                purposes.iter().map(|p| p.name().to_owned()).collect(),
            ),
        ]
    }

    /// The TypeScript type of `CertRef` params (`CertRef::params`): the certificate an X.509
    /// error is about.
    pub const CERT_PARAMS_TS: &str = "{ cert: 'chain'; index: number } | { cert: 'anchor' }";

    /// One row of the finding table (`src/cccd/findings.rs`).
    #[derive(Clone, Copy, Debug)]
    pub struct FindingInfo {
        /// The stable code.
        pub code: &'static str,
        /// The Rust variant.
        pub variant: &'static str,
        /// Severity error (else warning).
        pub error: bool,
        /// The bool field (and param) that turns an error into a warning while true.
        pub warning_when: Option<&'static str>,
        /// What the code means, one line of Markdown.
        pub doc: &'static str,
        /// The params.
        pub params: &'static [ParamInfo],
        /// The English message template.
        pub en: &'static str,
        /// The Vietnamese message template.
        pub vi: &'static str,
    }

    /// A value of a field type, to build one value of every variant ([`samples`]).
    pub trait Sample {
        /// The value.
        fn sample() -> Self;
    }

    macro_rules! sample {
        ($($t:ty = $e:expr;)*) => { $(impl Sample for $t { fn sample() -> Self { $e } })* };
    }
    sample! {
        u8 = 1;
        usize = 2;
        u64 = 3;
        i64 = 1_795_737_600;
        String = "x".into();
        &'static str = "malformed";
        super::Field = super::Field::FullName;
        super::MrzField = super::MrzField::Composite;
        super::CertRef = super::CertRef::Chain(1);
        super::KeyUsageBit = super::KeyUsageBit::KeyCertSign;
        crate::purpose::Purpose = crate::purpose::Purpose::MdocIaca;
    }
}

/// A params value as JSON (serialising these types cannot fail).
fn to_value<T: Serialize + ?Sized>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

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

/// The fields of the CCCD QR payload, in wire order (`shared/domain/cccd.md` §1.2).
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

    pub(crate) fn label(self, lang: Lang) -> &'static str {
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

/// The check-digit-protected fields of a TD1 MRZ (`shared/domain/cccd.md` §5.3).
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

/// Which certificate an X.509 error is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CertRef {
    /// `x5c[index]` of the chain given to [`crate::x509::verify_path`]; 0 is the end entity.
    Chain(usize),
    /// The trust anchor certificate.
    Anchor,
}

impl CertRef {
    fn label(self, lang: Lang) -> String {
        match (self, lang) {
            (CertRef::Chain(0), Lang::En) => "the end-entity certificate (x5c[0])".into(),
            (CertRef::Chain(0), Lang::Vi) => "chứng thư số của bên ký (x5c[0])".into(),
            (CertRef::Chain(i), Lang::En) => format!("certificate x5c[{i}]"),
            (CertRef::Chain(i), Lang::Vi) => format!("chứng thư số x5c[{i}]"),
            (CertRef::Anchor, _) => lang
                .pick(
                    "the trust anchor certificate",
                    "chứng thư số gốc tin cậy (trust anchor)",
                )
                .into(),
        }
    }

    /// `cert: "chain" | "anchor"` and, for the chain, `index`.
    fn params(self) -> Map<String, Value> {
        let mut m = Map::new();
        match self {
            CertRef::Chain(i) => {
                m.insert("cert".into(), "chain".into());
                m.insert("index".into(), i.into());
            }
            CertRef::Anchor => {
                m.insert("cert".into(), "anchor".into());
            }
        }
        m
    }
}

/// A keyUsage bit that a certificate's role requires (RFC 5280 §4.2.1.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyUsageBit {
    /// `digitalSignature` (bit 0): required of the end entity when keyUsage is present.
    DigitalSignature,
    /// `keyCertSign` (bit 5): required of every issuing certificate when keyUsage is present.
    KeyCertSign,
}

impl KeyUsageBit {
    /// The RFC 5280 name, as used in `params.usage`.
    pub fn name(self) -> &'static str {
        match self {
            KeyUsageBit::DigitalSignature => "digitalSignature",
            KeyUsageBit::KeyCertSign => "keyCertSign",
        }
    }
}

/// `s` with its first character in upper case (for labels that start a sentence).
fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => crate::unicode::to_upper(c).chain(chars).collect(),
        None => String::new(),
    }
}

/// The signed list an error arose in, when it is not the credential itself
/// ([`Error::InList`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListOrigin {
    /// A Token Status List consulted for the credential's status.
    StatusList,
    /// The trust list that names the credential's issuer.
    TrustList,
}

impl ListOrigin {
    /// `statusList` or `trustList`, as in `params.in`.
    pub fn name(self) -> &'static str {
        match self {
            ListOrigin::StatusList => "statusList",
            ListOrigin::TrustList => "trustList",
        }
    }

    fn label(self, lang: Lang) -> &'static str {
        match self {
            ListOrigin::StatusList => lang.pick("Status list", "Danh sách trạng thái"),
            ListOrigin::TrustList => lang.pick("Trust list", "Danh sách tin cậy"),
        }
    }
}

impl Error {
    /// `error` marked as having arisen in a list of kind `origin` ([`Error::InList`]).
    pub fn in_list(origin: ListOrigin, uri: Option<&str>, error: Error) -> Error {
        Error::InList {
            origin,
            uri: uri.map(str::to_owned),
            error: Box::new(error),
        }
    }

    /// The error itself, without the list it arose in ([`Error::InList`]); `self` otherwise.
    pub fn root(&self) -> &Error {
        match self {
            Error::InList { error, .. } => error.root(),
            other => other,
        }
    }

    /// `code()` of a wrapper variant: the wrapped error's.
    fn wrapper_code(&self) -> &'static str {
        self.root().code()
    }

    /// `message()` of a wrapper variant: the list it arose in, then the wrapped error's.
    fn wrapper_message(&self, lang: Lang) -> String {
        match self {
            Error::InList {
                origin,
                uri: Some(uri),
                error,
            } => {
                format!("{} {uri}: {}", origin.label(lang), error.message(lang))
            }
            Error::InList {
                origin,
                uri: None,
                error,
            } => {
                format!("{}: {}", origin.label(lang), error.message(lang))
            }
            other => other.root().message(lang),
        }
    }

    /// `params()` of a wrapper variant: the wrapped error's, plus `in` and `uri`.
    fn wrapper_params(&self) -> Map<String, Value> {
        match self {
            Error::InList { origin, uri, error } => {
                let mut m = error.params();
                m.insert("in".into(), origin.name().into());
                if let Some(uri) = uri {
                    m.insert("uri".into(), uri.as_str().into());
                }
                m
            }
            other => other.root().params(),
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
