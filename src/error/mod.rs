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
    pub use super::table::{samples, samples_nth, API_ERRORS, DOMAINS, ERRORS};
    pub use crate::cccd::findings::finding_samples_nth;
    pub use crate::cccd::findings::FINDINGS;
    pub use crate::qr::{HintInfo, HINTS};
    use serde_json::Value;

    /// The codes one function of the JS API can throw ([`API_ERRORS`]).
    #[derive(Clone, Copy, Debug)]
    pub struct ApiErrors {
        /// The function (`verifySdJwtVc`; `CameraScanner.start` for a method).
        pub function: &'static str,
        /// Every code of these domains (the table's section names).
        pub domains: &'static [&'static str],
        /// And these codes.
        pub codes: &'static [&'static str],
    }

    impl ApiErrors {
        /// The union, in table order.
        pub fn union(&self) -> Vec<&'static str> {
            ERRORS
                .iter()
                .filter(|e| self.domains.contains(&e.domain) || self.codes.contains(&e.code))
                .map(|e| e.code)
                .collect()
        }
    }

    /// One parameter of an error's `params` object.
    #[derive(Clone, Copy, Debug)]
    pub struct ParamInfo {
        /// The JSON key (camelCase); a trailing `?` marks an optional key.
        pub name: &'static str,
        /// Its TypeScript type.
        pub ts: &'static str,
        /// A note for the docs (e.g. the unit).
        pub note: Option<&'static str>,
        /// The Rust expression of its value (`stringify!`; empty for local rows), from which
        /// the generator knows which param carries which field to the JS message templates.
        pub expr: &'static str,
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
        /// The Rust expression of the merged map (`cert.params()`), with `params_base`.
        pub params_base_expr: Option<&'static str>,
        /// The params, besides `params_base`.
        pub params: &'static [ParamInfo],
        /// The variant's fields: (name, Rust type).
        pub fields: &'static [(&'static str, &'static str)],
        /// The `let` values of the messages: (name, Rust expression).
        pub lets: &'static [(&'static str, &'static str)],
        /// The English message template (`format!` syntax, naming fields or `let` values).
        pub en: &'static str,
        /// The Vietnamese message template.
        pub vi: &'static str,
        /// The templates of the message's special case (`when`), if any.
        pub special: Option<(&'static str, &'static str)>,
        /// The condition of the special case (Rust expression).
        pub special_when: Option<&'static str>,
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

    /// One label: (key, English, Vietnamese).
    pub type LabelRow = (String, String, String);

    /// The labels the messages use, for the JS renderer `make codes` writes into `js/codes.js`:
    /// (kind, [(key, en, vi)]), keyed as the params carry them. `CertRef`'s `chain` entry holds
    /// `{i}` where the index goes.
    pub fn message_labels() -> Vec<(&'static str, Vec<LabelRow>)> {
        use super::{json_type_vi, CertRef, Field, Lang, ListOrigin, MrzField, JSON_TYPES};
        use crate::cccd::Sex;
        use crate::purpose::Purpose;
        let both = |f: &dyn Fn(Lang) -> String| (f(Lang::En), f(Lang::Vi));
        let row = |key: String, f: &dyn Fn(Lang) -> String| {
            let (en, vi) = both(f);
            (key, en, vi)
        };
        let json_name = |v: Value| v.as_str().map(str::to_owned).unwrap_or_default();
        let chain = |lang| {
            // The index as a marker no label contains, then `{i}` in its place.
            CertRef::Chain(987_654_321)
                .label(lang)
                .replace("987654321", "{i}")
        };
        vec![
            (
                "Field",
                Field::REQUIRED
                    .iter()
                    .map(|&f| row(f.name().to_owned(), &|l| f.label(l).to_owned()))
                    .collect(),
            ),
            (
                "MrzField",
                [
                    MrzField::DocumentNumber,
                    MrzField::IdNumber,
                    MrzField::DateOfBirth,
                    MrzField::DateOfExpiry,
                    MrzField::Composite,
                ]
                .iter()
                .map(|&m| row(json_name(super::to_value(&m)), &|l| m.label(l).to_owned()))
                .collect(),
            ),
            (
                "Purpose",
                [
                    Purpose::SdJwtVcIssuer,
                    Purpose::TrustListSigner,
                    Purpose::MdocIaca,
                    Purpose::StatusListIssuer,
                    Purpose::IcaoCsca,
                ]
                .iter()
                .map(|&p| row(p.name().to_owned(), &|l| p.label(l).to_owned()))
                .collect(),
            ),
            (
                "Sex",
                [Sex::M, Sex::F]
                    .iter()
                    .map(|&x| row(json_name(super::to_value(&x)), &|l| x.label(l).to_owned()))
                    .collect(),
            ),
            (
                "ListOrigin",
                [ListOrigin::StatusList, ListOrigin::TrustList]
                    .iter()
                    .map(|&o| row(o.name().to_owned(), &|l| o.label(l).to_owned()))
                    .collect(),
            ),
            (
                "JsonTypeVi",
                JSON_TYPES
                    .iter()
                    .map(|&t| row(t.to_owned(), &|_| json_type_vi(t).to_owned()))
                    .collect(),
            ),
            (
                "CertRef",
                vec![
                    row("chain0".into(), &|l| CertRef::Chain(0).label(l)),
                    row("chain".into(), &chain),
                    row("anchor".into(), &|l| CertRef::Anchor.label(l)),
                ],
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
        /// The variant's fields: (name, Rust type).
        pub fields: &'static [(&'static str, &'static str)],
        /// The `let` values of the message: (name, Rust expression).
        pub lets: &'static [(&'static str, &'static str)],
        /// The English message template.
        pub en: &'static str,
        /// The Vietnamese message template.
        pub vi: &'static str,
    }

    /// A value of a field type, to build one value of every variant ([`samples`]).
    pub trait Sample: Sized {
        /// The value.
        fn sample() -> Self;

        /// Value `k` of a few that cover every case the messages distinguish (labels, special
        /// cases, numbers JS cannot hold exactly); repeats with `k`.
        fn nth(k: usize) -> Self;
    }

    macro_rules! sample {
        ($($t:ty = $e:expr $(, [$($n:expr),+ $(,)?])?;)*) => {
            $(impl Sample for $t {
                fn sample() -> Self { $e }
                #[allow(unused_variables)]
                fn nth(k: usize) -> Self {
                    $(
                        let all = [$($n),+];
                        if let Some(v) = all.get(k % all.len()) {
                            return v.clone();
                        }
                    )?
                    $e
                }
            })*
        };
    }
    use super::{CertRef, Field, KeyUsageBit, MrzField};
    use crate::purpose::Purpose;
    sample! {
        u8 = 1, [1, 0, 2];
        u16 = 1990, [1990, 0, 2031];
        bool = true, [true, false];
        usize = 2, [2, 0, 1, 4_294_967_295];
        u64 = 3, [3, 0, u64::MAX, 9_007_199_254_740_993];
        i64 = 1_795_737_600, [
            1_795_737_600, -1, 951_782_399, 253_402_300_799, i64::MIN, i64::MAX,
            -62_167_219_201, 9_007_199_254_740_993,
        ];
        String = "x".into(), [
            "x".into(), String::new(), "a`b${c}\\d'e\"f{g}".into(), "Tiếng Việt ünï".into(),
        ];
        &'static str = "malformed", ["malformed", "string", "number", "object", "other"];
        Field = Field::FullName, [
            Field::FullName, Field::IdNumber, Field::OldIdNumber, Field::DateOfBirth, Field::Sex,
            Field::Address, Field::IssueDate,
        ];
        MrzField = MrzField::Composite, [
            MrzField::Composite, MrzField::DocumentNumber, MrzField::IdNumber,
            MrzField::DateOfBirth, MrzField::DateOfExpiry,
        ];
        CertRef = CertRef::Chain(1), [CertRef::Chain(1), CertRef::Chain(0), CertRef::Anchor, CertRef::Chain(12)];
        KeyUsageBit = KeyUsageBit::KeyCertSign, [KeyUsageBit::KeyCertSign, KeyUsageBit::DigitalSignature];
        Purpose = Purpose::MdocIaca, [
            Purpose::MdocIaca, Purpose::SdJwtVcIssuer, Purpose::TrustListSigner,
            Purpose::StatusListIssuer, Purpose::IcaoCsca,
        ];
        crate::cccd::Sex = crate::cccd::Sex::M, [crate::cccd::Sex::M, crate::cccd::Sex::F];
        crate::cccd::charset::Repair = crate::cccd::charset::Repair::Latin1, [
            crate::cccd::charset::Repair::Latin1, crate::cccd::charset::Repair::Windows1252,
        ];
        crate::date::Date = crate::date::Date::MIN, [
            crate::date::Date::new(2031, 11, 27).unwrap_or(crate::date::Date::MIN),
            crate::date::Date::MIN,
            crate::date::Date::new(2040, 2, 9).unwrap_or(crate::date::Date::MIN),
        ];
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
    #[cfg(feature = "verify")]
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

/// The JSON types a claim must have (`ERR_CLAIM_TYPE`'s `expected`), in English.
pub(crate) const JSON_TYPES: [&str; 3] = ["string", "number", "object"];

/// A JSON type's name in Vietnamese messages (`ERR_CLAIM_TYPE`); others as they are.
fn json_type_vi(t: &str) -> &str {
    match t {
        "string" => "chuỗi (string)",
        "number" => "số (number)",
        "object" => "đối tượng (object)",
        other => other,
    }
}

/// `s` with its first character in upper case (for labels that start a sentence).
#[cfg(feature = "verify")]
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
    #[cfg(feature = "verify")]
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
            #[cfg(feature = "verify")]
            Error::InList { error, .. } => error.root(),
            other => other,
        }
    }

    /// `code()` of a wrapper variant: the wrapped error's.
    #[cfg(feature = "verify")]
    fn wrapper_code(&self) -> &'static str {
        self.root().code()
    }

    /// `message()` of a wrapper variant: the list it arose in, then the wrapped error's.
    #[cfg(feature = "verify")]
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
    #[cfg(feature = "verify")]
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
    /// `{code, message, params}` as JSON: what a `CccdVerifyError` carries.
    pub fn to_json(&self, lang: Lang) -> Value {
        json!({ "code": self.code(), "message": self.message(lang), "params": self.params() })
    }

    /// The error as the wasm modules return it, without a message: `{code, params}`, which the
    /// JS layer renders in the language asked for (`errorMessage` in `js/api.js`, from the
    /// templates `make codes` generates from the table), so no message text or formatting code
    /// is linked into the modules. Also `big` (`{key: "decimal"}`, the integer params a JS
    /// number cannot hold exactly) when there are some, and for [`Error::InList`] `in`, `uri`
    /// (when known) and `error` (the wrapped error's wire form).
    pub fn to_wire(&self) -> Value {
        let params = self.params();
        let mut m = Map::new();
        m.insert("code".into(), self.code().into());
        // Inserted one by one: collecting into the map sorts first, which links a stable sort.
        let mut big = Map::new();
        for (k, v) in &params {
            let unsafe_int = v.as_i64().map_or(v.is_u64(), |n| {
                !(-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(&n)
            });
            if unsafe_int {
                // The digits by integer `Display` (what `Value`'s gives), not through `Value`'s
                // writer, whose `io::Error` path the scan module would otherwise link.
                let digits = v
                    .as_u64()
                    .map_or_else(|| v.as_i64().unwrap_or(0).to_string(), |n| n.to_string());
                big.insert(k.clone(), Value::String(digits));
            }
        }
        if !big.is_empty() {
            m.insert("big".into(), Value::Object(big));
        }
        m.insert("params".into(), Value::Object(params));
        #[cfg(feature = "verify")]
        if let Error::InList { origin, uri, error } = self {
            m.insert("in".into(), origin.name().into());
            if let Some(uri) = uri {
                m.insert("uri".into(), uri.as_str().into());
            }
            m.insert("error".into(), error.to_wire());
        }
        Value::Object(m)
    }
}

/// 2^53 - 1 (`Number.MAX_SAFE_INTEGER`): integers beyond ± this a JS number may not hold exactly.
const MAX_SAFE_INTEGER: i64 = (1 << 53) - 1;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code(), self.message(Lang::En))
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod wire_tests {
    use super::*;

    /// Integer params a JS number cannot hold come again in `big` as their decimal digits;
    /// safe ones do not.
    #[test]
    fn unsafe_integers_are_in_big_as_digits() {
        let e = Error::InputTooLarge {
            len: usize::MAX,
            max: 1 << 53,
        };
        let w = e.to_wire();
        assert_eq!(w["big"]["len"], Value::String(usize::MAX.to_string()));
        assert_eq!(w["big"]["max"], Value::String("9007199254740992".into()));
        assert_eq!(w["params"]["max"], Value::from(1u64 << 53));
        let small = Error::InputTooLarge { len: 5, max: 4 }.to_wire();
        assert!(small.get("big").is_none(), "{small}");
    }
}
