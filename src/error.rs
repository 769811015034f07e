//! The one error type of the crate, with stable codes and messages in English and Vietnamese.

use core::fmt;

use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::date::format_unix_utc;
use crate::purpose::Purpose;

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
    /// The certificate chain (`x5c`) has no certificate.
    CertChainEmpty,
    /// The chain has more certificates than the budget allows ([`crate::x509::Budget`]).
    ChainTooLong {
        /// Number of certificates given.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// A certificate is larger than [`crate::x509::MAX_CERT_DER_BYTES`].
    CertTooLarge {
        /// The certificate.
        cert: CertRef,
        /// Its size in bytes.
        len: usize,
        /// The limit in bytes.
        max: usize,
    },
    /// Not one well-formed DER X.509 v3 certificate (RFC 5280 §4.1): trailing bytes, a malformed
    /// or duplicated extension, mismatched signature algorithm fields, an invalid public key.
    CertParse {
        /// The certificate.
        cert: CertRef,
        /// `malformed` (not one X.509 v3 certificate, or an inconsistent or invalid field), or
        /// the DER rule it breaks: `der-length`, `der-integer`, `der-boolean`, `der-default`,
        /// `der-primitive` (see `src/x509/der.rs`).
        reason: &'static str,
    },
    /// The certificate's key or signature algorithm is not supported (ECDSA P-256 with SHA-256
    /// and P-384 with SHA-384 are), or does not match its issuer's key.
    CertAlgorithmUnsupported {
        /// The certificate.
        cert: CertRef,
    },
    /// The certificate's signature does not verify with its issuer's public key.
    CertSignatureInvalid {
        /// The certificate whose signature failed.
        cert: CertRef,
    },
    /// `now` is after the certificate's `notAfter` (RFC 5280 §4.1.2.5).
    CertExpired {
        /// The certificate.
        cert: CertRef,
        /// `notAfter`, seconds since the Unix epoch.
        not_after: i64,
    },
    /// `now` is before the certificate's `notBefore` (RFC 5280 §4.1.2.5).
    CertNotYetValid {
        /// The certificate.
        cert: CertRef,
        /// `notBefore`, seconds since the Unix epoch.
        not_before: i64,
    },
    /// The last certificate of the chain was issued by none of the trust anchors given.
    UnknownIssuer,
    /// `x5c[index + 1]` is not the issuer of `x5c[index]` (its subject is not `x5c[index]`'s
    /// issuer name): `x5c` must be ordered from the end entity up (RFC 7515 §4.1.6).
    ChainOrder {
        /// The certificate whose successor is not its issuer.
        index: usize,
    },
    /// An issuing certificate (or an anchor) is not a CA: no basicConstraints with `cA` true
    /// (RFC 5280 §4.2.1.9).
    CertNotCa {
        /// The certificate.
        cert: CertRef,
    },
    /// A CA's pathLenConstraint allows fewer intermediate certificates below it than the chain
    /// has (RFC 5280 §4.2.1.9, §6.1.4 (l)).
    PathLenExceeded {
        /// The CA whose constraint is violated.
        cert: CertRef,
    },
    /// The certificate has a keyUsage extension without the bit its role needs.
    KeyUsageMissing {
        /// The certificate.
        cert: CertRef,
        /// The missing bit.
        usage: KeyUsageBit,
    },
    /// The certificate has a critical extension that the verifier does not process (RFC 5280 §4.2).
    UnsupportedCriticalExtension {
        /// The certificate.
        cert: CertRef,
        /// The extension's OID, dotted.
        oid: String,
    },
    /// The certificate has a nameConstraints extension (RFC 5280 §4.2.1.10), which the verifier
    /// does not implement.
    NameConstraintsUnsupported {
        /// The certificate.
        cert: CertRef,
    },
    /// Checking the chain would take more signature verifications than the budget allows.
    SignatureBudgetExceeded {
        /// The limit.
        max: usize,
    },
    /// The chain is valid, but only up to a trust anchor held for another purpose.
    AnchorPurposeMismatch {
        /// The purpose asked for.
        expected: Purpose,
        /// The purpose of the anchor the chain leads to.
        found: Purpose,
    },
    /// `x5c` contains a trust anchor (the same certificate, or the same subject and key);
    /// HAIP 1.0 §6.1.1 forbids it.
    AnchorInChain {
        /// Where in `x5c`.
        index: usize,
    },
    /// The end-entity certificate is a CA (basicConstraints `cA` true, or keyUsage keyCertSign).
    EndEntityIsCa,
    /// The end-entity certificate is self-signed (HAIP 1.0 §6.1.1 forbids it).
    SelfSignedEndEntity,
    /// A JWS is not `header.payload.signature` of base64url JSON (RFC 7515 §7.1).
    JwsFormat,
    /// The JWS `alg` is not in the caller's allow-list (`none` never is; RFC 8725 §3.1).
    JwsAlgorithmNotAllowed,
    /// A signature does not verify.
    JwsSignatureInvalid,
    /// The JWS header has a `crit` parameter this verifier does not understand (RFC 7515 §4.1.11).
    JwsCritUnsupported,
    /// A JWK is not a public EC P-256 key (or carries private members).
    JwkInvalid,
    /// The presentation is not `<JWT>~<disclosure>~…~[<KB-JWT>]` (RFC 9901 §4).
    SdJwtFormat,
    /// The issuer JWT `typ` is not `dc+sd-jwt` (SD-JWT VC §2.2.1).
    SdJwtTypInvalid,
    /// `_sd_alg` is unknown or not allowed by policy (RFC 9901 §4.1.1, §7.1).
    SdJwtSdAlgNotAllowed,
    /// `_sd_alg` appears below the top level (RFC 9901 §4.1.1).
    SdJwtSdAlgNested,
    /// A disclosure is not base64url JSON of the right shape and arity (RFC 9901 §4.2, §7.1).
    SdJwtDisclosureInvalid,
    /// A digest occurs more than once (RFC 9901 §7.1 step 4).
    SdJwtDuplicateDigest,
    /// A presented disclosure is referenced by no digest (RFC 9901 §7.1 step 5).
    SdJwtUnreferencedDisclosure,
    /// A disclosure names `_sd` or `...` (RFC 9901 §7.1).
    SdJwtReservedClaimName,
    /// Key binding is required by policy but the presentation has no KB-JWT (RFC 9901 §7.3).
    KbMissing,
    /// Key binding is not expected by policy but a KB-JWT is present (RFC 9901 §7.1).
    KbUnexpected,
    /// The KB-JWT `typ` is not `kb+jwt` (RFC 9901 §4.3).
    KbTypInvalid,
    /// The KB-JWT `nonce` is not the verifier's nonce.
    KbNonceMismatch,
    /// The KB-JWT `aud` is not this verifier (a single string is required).
    KbAudienceMismatch,
    /// The KB-JWT `iat` is missing, in the future or too old.
    KbIatOutOfWindow,
    /// The KB-JWT `sd_hash` does not match the presented SD-JWT (RFC 9901 §4.3.1).
    KbSdHashMismatch,
    /// Key binding is required but the credential has no `cnf.jwk`.
    KbNoHolderKey,
    /// The issuer JWT has no `x5c` header, the only key resolution that works offline.
    IssuerKeyUnresolved,
    /// `iss` matches no subjectAltName URI or DNS name of the issuer certificate.
    IssuerBindingMismatch,
    /// JSON nests deeper than the limit.
    JsonTooDeep {
        /// See the variant.
        max: usize,
    },
    /// A JSON object names the same member twice (refused, as RFC 7515 §4 allows).
    JsonDuplicateMember {
        /// The member name (at most its first 64 characters).
        name: String,
    },
    /// A disclosed claim name already exists at its level (RFC 9901 §7.1).
    SdJwtClaimNameCollision {
        /// See the variant.
        name: String,
    },
    /// A claim SD-JWT VC forbids making selectively disclosable was disclosed (draft §2.2.2.3).
    SdJwtNonDisclosableClaim {
        /// See the variant.
        name: String,
    },
    /// More disclosures than the budget allows.
    SdJwtTooManyDisclosures {
        /// See the variant.
        max: usize,
    },
    /// A claim the policy requires is missing after processing (RFC 9901 §7.1 step 6).
    ClaimMissing {
        /// See the variant.
        name: String,
    },
    /// A claim is present but not of its JSON type (`iss: 5`).
    ClaimType {
        /// The claim.
        name: String,
        /// The JSON type it must have: `string`, `number` or `object`.
        expected: &'static str,
    },
    /// The credential's `exp` is past.
    TokenExpired {
        /// See the variant.
        exp: i64,
    },
    /// The credential's `nbf` is in the future.
    TokenNotYetValid {
        /// See the variant.
        nbf: i64,
    },
    /// A Status List Token claim is missing or malformed (draft-ietf-oauth-status-list §5.1).
    StatusListFormat {
        /// The claim: `sub`, `iat`, `exp`, `nbf`, `ttl`, `status_list`, `status_list.lst` or
        /// `status_list.aggregation_uri`.
        claim: String,
    },
    /// The Status List Token's `typ` is not `statuslist+jwt`.
    StatusListTyp,
    /// The Status List Token's `sub` is not the `uri` the credential references.
    StatusListSubjectMismatch,
    /// `now` is at or after the Status List Token's `exp`.
    StatusListExpired {
        /// `exp`, seconds since the Unix epoch.
        exp: i64,
    },
    /// `now` is before the Status List Token's `nbf`.
    StatusListNotYetValid {
        /// `nbf`, seconds since the Unix epoch.
        nbf: i64,
    },
    /// The Status List Token is older than its `ttl` allows ([`crate::status::TtlPolicy`]).
    StatusListStale {
        /// When a fresh copy was due (`iat` or fetch time, plus `ttl`), Unix seconds.
        refresh_at: i64,
    },
    /// `status_list.bits` is missing or not 1, 2, 4 or 8.
    StatusListBits,
    /// `status_list.lst` is not one valid zlib (RFC 1950) stream.
    StatusListDecompress,
    /// The status list decompresses to more bytes than the budget allows.
    StatusListTooLarge {
        /// The limit in bytes.
        max: usize,
    },
    /// The credential's status index is past the end of the status list.
    StatusIndexOutOfRange {
        /// The index (`idx`).
        index: u64,
        /// Number of entries in the list.
        len: u64,
    },
    /// The credential's `status` claim is not `{"status_list": {"idx": uint, "uri": string}}`.
    StatusClaimInvalid,
    /// The Status List Token has no `x5c` certificate chain to take the signer's key from.
    StatusListKeyUnresolved,
    /// Two Status List Tokens for the credential's list have the same `iat` but different
    /// statuses: which one is current cannot be told.
    StatusListConflict {
        /// The `iat` both tokens carry, seconds since the Unix epoch.
        iat: i64,
    },
    /// The trust list's JWS `typ` is not `trust-list+jwt` (`docs/trust-list.md`).
    TrustListTyp,
    /// The trust list has no `x5c` certificate chain to take the signer's key from.
    TrustListKeyUnresolved,
    /// A trust list field is missing or malformed (`docs/trust-list.md`).
    TrustListFormat {
        /// The field, as a path from the payload root (e.g.
        /// `LoTE.ListAndSchemeInformation.NextUpdate`).
        field: String,
    },
    /// The trust list has more trusted entities, or services, than the budget allows.
    TrustListTooManyEntries {
        /// The limit.
        max: usize,
    },
    /// A trust list service has more certificates than the budget allows.
    TrustListTooManyCerts {
        /// The limit.
        max: usize,
    },
    /// The trust list's `LoTESequenceNumber` is lower than the one last accepted (rollback).
    TrustListRollback {
        /// The list's sequence number.
        sequence: u64,
        /// The sequence number last accepted.
        accepted: u64,
    },
    /// The trust list has the sequence number last accepted but another signed payload
    /// (equivocation).
    TrustListEquivocation {
        /// The sequence number.
        sequence: u64,
    },
    /// The trust list's `ListIssueDateTime` is in the future, beyond the leeway.
    TrustListIssuedInFuture {
        /// `ListIssueDateTime`, seconds since the Unix epoch.
        issued_at: i64,
    },
    /// The trust list is past its `NextUpdate` and the stale policy does not accept it.
    TrustListStale {
        /// `NextUpdate`, seconds since the Unix epoch.
        next_update: i64,
    },
    /// The credential's issuer is in the trust list, but not for this credential type (`vct`).
    TrustListVctNotAllowed {
        /// The credential's `vct`.
        vct: String,
    },
    /// `error` arose in a status list or trust list consulted while verifying a credential, not
    /// in the credential itself. It has `error`'s code; its params are `error`'s plus `in`
    /// (`statusList` or `trustList`) and, when known, `uri`. [`Error::root`] gives `error`.
    InList {
        /// Which kind of list.
        origin: ListOrigin,
        /// The list's URI (a status list's `sub`), when known.
        uri: Option<String>,
        /// What went wrong in it.
        error: Box<Error>,
    },
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

    /// The stable code (`ERR_…`), exposed in JS as `err.code`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InList { error, .. } => error.code(),
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
            Error::CertChainEmpty => "ERR_CERT_CHAIN_EMPTY",
            Error::ChainTooLong { .. } => "ERR_CERT_CHAIN_TOO_LONG",
            Error::CertTooLarge { .. } => "ERR_CERT_TOO_LARGE",
            Error::CertParse { .. } => "ERR_CERT_PARSE",
            Error::CertAlgorithmUnsupported { .. } => "ERR_CERT_ALGORITHM_UNSUPPORTED",
            Error::CertSignatureInvalid { .. } => "ERR_CERT_SIGNATURE_INVALID",
            Error::CertExpired { .. } => "ERR_CERT_EXPIRED",
            Error::CertNotYetValid { .. } => "ERR_CERT_NOT_YET_VALID",
            Error::UnknownIssuer => "ERR_CERT_UNKNOWN_ISSUER",
            Error::ChainOrder { .. } => "ERR_CERT_CHAIN_ORDER",
            Error::CertNotCa { .. } => "ERR_CERT_NOT_CA",
            Error::PathLenExceeded { .. } => "ERR_CERT_PATH_LEN_EXCEEDED",
            Error::KeyUsageMissing { .. } => "ERR_CERT_KEY_USAGE_MISSING",
            Error::UnsupportedCriticalExtension { .. } => "ERR_CERT_UNSUPPORTED_CRITICAL_EXTENSION",
            Error::NameConstraintsUnsupported { .. } => "ERR_CERT_NAME_CONSTRAINTS_UNSUPPORTED",
            Error::SignatureBudgetExceeded { .. } => "ERR_CERT_SIGNATURE_BUDGET_EXCEEDED",
            Error::AnchorPurposeMismatch { .. } => "ERR_CERT_ANCHOR_PURPOSE_MISMATCH",
            Error::AnchorInChain { .. } => "ERR_CERT_ANCHOR_IN_CHAIN",
            Error::EndEntityIsCa => "ERR_CERT_END_ENTITY_IS_CA",
            Error::SelfSignedEndEntity => "ERR_CERT_SELF_SIGNED_END_ENTITY",
            Error::JwsFormat => "ERR_JWS_FORMAT",
            Error::JwsAlgorithmNotAllowed => "ERR_JWS_ALG_NOT_ALLOWED",
            Error::JwsSignatureInvalid => "ERR_JWS_SIGNATURE_INVALID",
            Error::JwsCritUnsupported => "ERR_JWS_CRIT_UNSUPPORTED",
            Error::JwkInvalid => "ERR_JWK_INVALID",
            Error::SdJwtFormat => "ERR_SDJWT_FORMAT",
            Error::SdJwtTypInvalid => "ERR_SDJWT_TYP",
            Error::SdJwtSdAlgNotAllowed => "ERR_SDJWT_SD_ALG",
            Error::SdJwtSdAlgNested => "ERR_SDJWT_SD_ALG_NESTED",
            Error::SdJwtDisclosureInvalid => "ERR_SDJWT_DISCLOSURE_INVALID",
            Error::SdJwtDuplicateDigest => "ERR_SDJWT_DUPLICATE_DIGEST",
            Error::SdJwtUnreferencedDisclosure => "ERR_SDJWT_UNREFERENCED_DISCLOSURE",
            Error::SdJwtReservedClaimName => "ERR_SDJWT_RESERVED_CLAIM_NAME",
            Error::KbMissing => "ERR_KB_MISSING",
            Error::KbUnexpected => "ERR_KB_UNEXPECTED",
            Error::KbTypInvalid => "ERR_KB_TYP",
            Error::KbNonceMismatch => "ERR_KB_NONCE_MISMATCH",
            Error::KbAudienceMismatch => "ERR_KB_AUDIENCE_MISMATCH",
            Error::KbIatOutOfWindow => "ERR_KB_IAT",
            Error::KbSdHashMismatch => "ERR_KB_SD_HASH_MISMATCH",
            Error::KbNoHolderKey => "ERR_KB_NO_HOLDER_KEY",
            Error::IssuerKeyUnresolved => "ERR_ISSUER_KEY_UNRESOLVED",
            Error::IssuerBindingMismatch => "ERR_ISSUER_BINDING_MISMATCH",
            Error::JsonTooDeep { .. } => "ERR_JSON_TOO_DEEP",
            Error::JsonDuplicateMember { .. } => "ERR_JSON_DUPLICATE_MEMBER",
            Error::SdJwtClaimNameCollision { .. } => "ERR_SDJWT_CLAIM_NAME_COLLISION",
            Error::SdJwtNonDisclosableClaim { .. } => "ERR_SDJWT_NON_DISCLOSABLE_CLAIM",
            Error::SdJwtTooManyDisclosures { .. } => "ERR_SDJWT_TOO_MANY_DISCLOSURES",
            Error::ClaimMissing { .. } => "ERR_CLAIM_MISSING",
            Error::ClaimType { .. } => "ERR_CLAIM_TYPE",
            Error::TokenExpired { .. } => "ERR_TOKEN_EXPIRED",
            Error::TokenNotYetValid { .. } => "ERR_TOKEN_NOT_YET_VALID",
            Error::StatusListFormat { .. } => "ERR_STATUS_LIST_FORMAT",
            Error::StatusListTyp => "ERR_STATUS_LIST_TYP",
            Error::StatusListSubjectMismatch => "ERR_STATUS_LIST_SUBJECT_MISMATCH",
            Error::StatusListExpired { .. } => "ERR_STATUS_LIST_EXPIRED",
            Error::StatusListNotYetValid { .. } => "ERR_STATUS_LIST_NOT_YET_VALID",
            Error::StatusListStale { .. } => "ERR_STATUS_LIST_STALE",
            Error::StatusListBits => "ERR_STATUS_LIST_BITS",
            Error::StatusListDecompress => "ERR_STATUS_LIST_DECOMPRESS",
            Error::StatusListTooLarge { .. } => "ERR_STATUS_LIST_TOO_LARGE",
            Error::StatusIndexOutOfRange { .. } => "ERR_STATUS_INDEX_OUT_OF_RANGE",
            Error::StatusClaimInvalid => "ERR_STATUS_CLAIM_INVALID",
            Error::StatusListKeyUnresolved => "ERR_STATUS_LIST_KEY_UNRESOLVED",
            Error::StatusListConflict { .. } => "ERR_STATUS_LIST_CONFLICT",
            Error::TrustListTyp => "ERR_TRUST_LIST_TYP",
            Error::TrustListKeyUnresolved => "ERR_TRUST_LIST_KEY_UNRESOLVED",
            Error::TrustListFormat { .. } => "ERR_TRUST_LIST_FORMAT",
            Error::TrustListTooManyEntries { .. } => "ERR_TRUST_LIST_TOO_MANY_ENTRIES",
            Error::TrustListTooManyCerts { .. } => "ERR_TRUST_LIST_TOO_MANY_CERTS",
            Error::TrustListRollback { .. } => "ERR_TRUST_LIST_ROLLBACK",
            Error::TrustListEquivocation { .. } => "ERR_TRUST_LIST_EQUIVOCATION",
            Error::TrustListIssuedInFuture { .. } => "ERR_TRUST_LIST_ISSUED_IN_FUTURE",
            Error::TrustListStale { .. } => "ERR_TRUST_LIST_STALE",
            Error::TrustListVctNotAllowed { .. } => "ERR_TRUST_LIST_VCT_NOT_ALLOWED",
        }
    }

    /// A sentence for people, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Error::InList { origin, uri, error }, _) => match uri {
                Some(uri) => format!("{} {uri}: {}", origin.label(lang), error.message(lang)),
                None => format!("{}: {}", origin.label(lang), error.message(lang)),
            },
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
            (Error::JwsFormat, _) => lang.pick("The signed token is malformed.", "Mã thông báo có chữ ký sai định dạng.").into(),
            (Error::JwsAlgorithmNotAllowed, _) => lang.pick("The token's signature algorithm is not allowed.", "Thuật toán chữ ký của mã thông báo không được phép.").into(),
            (Error::JwsSignatureInvalid, _) => lang.pick("The signature is not valid.", "Chữ ký không hợp lệ.").into(),
            (Error::JwsCritUnsupported, _) => lang.pick("The token requires an extension this verifier does not support.", "Mã thông báo yêu cầu phần mở rộng mà bộ kiểm tra không hỗ trợ.").into(),
            (Error::JwkInvalid, _) => lang.pick("The key is not a valid public key.", "Khóa không phải khóa công khai hợp lệ.").into(),
            (Error::SdJwtFormat, _) => lang.pick("The credential presentation is malformed.", "Bản trình bày chứng chỉ sai định dạng.").into(),
            (Error::SdJwtTypInvalid, _) => lang.pick("The credential has the wrong type header.", "Chứng chỉ có tiêu đề loại không đúng.").into(),
            (Error::SdJwtSdAlgNotAllowed, _) => lang.pick("The credential's digest algorithm is not allowed.", "Thuật toán băm của chứng chỉ không được phép.").into(),
            (Error::SdJwtSdAlgNested, _) => lang.pick("The credential declares its digest algorithm in the wrong place.", "Chứng chỉ khai báo thuật toán băm sai vị trí.").into(),
            (Error::SdJwtDisclosureInvalid, _) => lang.pick("A disclosed claim is malformed.", "Một thông tin được tiết lộ sai định dạng.").into(),
            (Error::SdJwtDuplicateDigest, _) => lang.pick("The credential repeats a claim digest.", "Chứng chỉ lặp lại một giá trị băm.").into(),
            (Error::SdJwtUnreferencedDisclosure, _) => lang.pick("The presentation contains a disclosure that the credential does not reference.", "Bản trình bày chứa thông tin tiết lộ không thuộc chứng chỉ.").into(),
            (Error::SdJwtReservedClaimName, _) => lang.pick("A disclosed claim uses a reserved name.", "Một thông tin được tiết lộ dùng tên dành riêng.").into(),
            (Error::KbMissing, _) => lang.pick("The presentation is not bound to the holder's key.", "Bản trình bày không được ràng buộc với khóa của người giữ.").into(),
            (Error::KbUnexpected, _) => lang.pick("The presentation carries an unexpected key-binding proof.", "Bản trình bày có bằng chứng ràng buộc khóa không mong đợi.").into(),
            (Error::KbTypInvalid, _) => lang.pick("The key-binding proof has the wrong type header.", "Bằng chứng ràng buộc khóa có tiêu đề loại không đúng.").into(),
            (Error::KbNonceMismatch, _) => lang.pick("The presentation was made for another request (nonce mismatch).", "Bản trình bày được tạo cho yêu cầu khác (nonce không khớp).").into(),
            (Error::KbAudienceMismatch, _) => lang.pick("The presentation was made for another verifier (audience mismatch).", "Bản trình bày được tạo cho bên kiểm tra khác (aud không khớp).").into(),
            (Error::KbIatOutOfWindow, _) => lang.pick("The presentation is too old or dated in the future.", "Bản trình bày quá cũ hoặc có thời điểm ở tương lai.").into(),
            (Error::KbSdHashMismatch, _) => lang.pick("The key-binding proof does not cover the presented data.", "Bằng chứng ràng buộc khóa không khớp với dữ liệu được trình bày.").into(),
            (Error::IssuerKeyUnresolved, _) => lang.pick("The credential does not carry its issuer's certificate (x5c).", "Chứng chỉ không kèm chứng thư số của bên cấp (x5c).").into(),
            (Error::IssuerBindingMismatch, _) => lang.pick("The credential's issuer does not match its certificate.", "Bên cấp ghi trong chứng chỉ không khớp với chứng thư số.").into(),
            (Error::KbNoHolderKey, _) => lang.pick("The credential names no holder key to check the key binding against.", "Chứng chỉ không có khóa của người giữ để kiểm tra ràng buộc.").into(),
            (Error::JsonTooDeep { max }, Lang::En) => format!("The data nests deeper than {max} levels."),
            (Error::JsonTooDeep { max }, Lang::Vi) => format!("Dữ liệu lồng sâu quá {max} cấp."),
            (Error::JsonDuplicateMember { name }, Lang::En) => format!("The data names the member \"{name}\" more than once."),
            (Error::JsonDuplicateMember { name }, Lang::Vi) => format!("Dữ liệu có trường \"{name}\" xuất hiện nhiều lần."),
            (Error::SdJwtClaimNameCollision { name }, Lang::En) => format!("The disclosed claim \"{name}\" collides with another claim."),
            (Error::SdJwtClaimNameCollision { name }, Lang::Vi) => format!("Thông tin \"{name}\" được tiết lộ trùng tên với thông tin khác."),
            (Error::SdJwtNonDisclosableClaim { name }, Lang::En) => format!("The claim \"{name}\" must not be selectively disclosable."),
            (Error::SdJwtNonDisclosableClaim { name }, Lang::Vi) => format!("Thông tin \"{name}\" không được phép tiết lộ có chọn lọc."),
            (Error::SdJwtTooManyDisclosures { max }, Lang::En) => format!("The presentation has more than {max} disclosures."),
            (Error::SdJwtTooManyDisclosures { max }, Lang::Vi) => format!("Bản trình bày có hơn {max} thông tin tiết lộ."),
            (Error::ClaimMissing { name }, Lang::En) => format!("The required claim \"{name}\" is missing."),
            (Error::ClaimMissing { name }, Lang::Vi) => format!("Thiếu thông tin bắt buộc \"{name}\"."),
            (Error::ClaimType { name, expected }, Lang::En) => format!("The claim \"{name}\" must be a JSON {expected}."),
            (Error::ClaimType { name, expected }, Lang::Vi) => format!(
                "Thông tin \"{name}\" phải có kiểu JSON {}.",
                match *expected {
                    "string" => "chuỗi (string)",
                    "number" => "số (number)",
                    "object" => "đối tượng (object)",
                    other => other,
                }
            ),
            (Error::TokenExpired { exp }, Lang::En) => format!("The credential expired (exp {exp})."),
            (Error::TokenExpired { exp }, Lang::Vi) => format!("Chứng chỉ đã hết hạn (exp {exp})."),
            (Error::TokenNotYetValid { nbf }, Lang::En) => format!("The credential is not valid yet (nbf {nbf})."),
            (Error::TokenNotYetValid { nbf }, Lang::Vi) => format!("Chứng chỉ chưa có hiệu lực (nbf {nbf})."),
            (Error::StatusListFormat { claim }, Lang::En) => {
                format!("The status list token has a missing or malformed \"{claim}\" claim.")
            }
            (Error::StatusListFormat { claim }, Lang::Vi) => {
                format!("Danh sách trạng thái thiếu hoặc sai định dạng thông tin \"{claim}\".")
            }
            (Error::StatusListTyp, _) => lang
                .pick(
                    "The token is not a status list token (typ must be statuslist+jwt).",
                    "Mã thông báo không phải danh sách trạng thái (typ phải là statuslist+jwt).",
                )
                .into(),
            (Error::StatusListSubjectMismatch, _) => lang
                .pick(
                    "The status list is not the one the credential refers to (sub does not match uri).",
                    "Danh sách trạng thái không phải danh sách mà chứng chỉ tham chiếu (sub không khớp uri).",
                )
                .into(),
            (Error::StatusListExpired { exp }, Lang::En) => {
                format!("The status list expired on {}.", format_unix_utc(*exp))
            }
            (Error::StatusListExpired { exp }, Lang::Vi) => {
                format!("Danh sách trạng thái đã hết hạn từ {}.", format_unix_utc(*exp))
            }
            (Error::StatusListNotYetValid { nbf }, Lang::En) => {
                format!("The status list is not valid before {}.", format_unix_utc(*nbf))
            }
            (Error::StatusListNotYetValid { nbf }, Lang::Vi) => format!(
                "Danh sách trạng thái chưa có hiệu lực trước {}.",
                format_unix_utc(*nbf)
            ),
            (Error::StatusListStale { refresh_at }, Lang::En) => format!(
                "The status list is out of date: a fresh copy was due on {} (ttl).",
                format_unix_utc(*refresh_at)
            ),
            (Error::StatusListStale { refresh_at }, Lang::Vi) => format!(
                "Danh sách trạng thái đã cũ: cần lấy bản mới từ {} (ttl).",
                format_unix_utc(*refresh_at)
            ),
            (Error::StatusListBits, _) => lang
                .pick(
                    "The status list's bits value must be 1, 2, 4 or 8.",
                    "Giá trị bits của danh sách trạng thái phải là 1, 2, 4 hoặc 8.",
                )
                .into(),
            (Error::StatusListDecompress, _) => lang
                .pick(
                    "The status list data is not valid zlib-compressed data.",
                    "Dữ liệu danh sách trạng thái không phải dữ liệu nén zlib hợp lệ.",
                )
                .into(),
            (Error::StatusListTooLarge { max }, Lang::En) => {
                format!("The status list decompresses to more than {max} bytes.")
            }
            (Error::StatusListTooLarge { max }, Lang::Vi) => {
                format!("Danh sách trạng thái khi giải nén vượt quá {max} byte.")
            }
            (Error::StatusIndexOutOfRange { index, len }, Lang::En) => {
                format!("Status index {index} is outside the status list ({len} entries).")
            }
            (Error::StatusIndexOutOfRange { index, len }, Lang::Vi) => {
                format!("Chỉ số trạng thái {index} nằm ngoài danh sách trạng thái ({len} mục).")
            }
            (Error::StatusClaimInvalid, _) => lang
                .pick(
                    "The credential's status reference (status.status_list with idx and uri) is malformed.",
                    "Tham chiếu trạng thái của chứng chỉ (status.status_list gồm idx và uri) sai định dạng.",
                )
                .into(),
            (Error::StatusListKeyUnresolved, _) => lang
                .pick(
                    "The status list token does not carry its signer's certificate (x5c).",
                    "Danh sách trạng thái không kèm chứng thư số của bên ký (x5c).",
                )
                .into(),
            (Error::StatusListConflict { iat }, Lang::En) => format!(
                "Two status lists for this credential were issued at the same time ({}) with different statuses.",
                format_unix_utc(*iat)
            ),
            (Error::StatusListConflict { iat }, Lang::Vi) => format!(
                "Có hai danh sách trạng thái cho chứng chỉ này cùng thời điểm phát hành ({}) nhưng trạng thái khác nhau.",
                format_unix_utc(*iat)
            ),
            (Error::TrustListTyp, _) => lang
                .pick(
                    "The token is not a trust list (typ must be trust-list+jwt).",
                    "Mã thông báo không phải danh sách tin cậy (typ phải là trust-list+jwt).",
                )
                .into(),
            (Error::TrustListKeyUnresolved, _) => lang
                .pick(
                    "The trust list does not carry its signer's certificate (x5c).",
                    "Danh sách tin cậy không kèm chứng thư số của bên ký (x5c).",
                )
                .into(),
            (Error::TrustListFormat { field }, Lang::En) => {
                format!("The trust list has a missing or malformed field \"{field}\".")
            }
            (Error::TrustListFormat { field }, Lang::Vi) => {
                format!("Danh sách tin cậy thiếu hoặc sai định dạng trường \"{field}\".")
            }
            (Error::TrustListTooManyEntries { max }, Lang::En) => {
                format!("The trust list has more than {max} entities or services.")
            }
            (Error::TrustListTooManyEntries { max }, Lang::Vi) => {
                format!("Danh sách tin cậy có hơn {max} tổ chức hoặc dịch vụ.")
            }
            (Error::TrustListTooManyCerts { max }, Lang::En) => {
                format!("A trust list service has more than {max} certificates.")
            }
            (Error::TrustListTooManyCerts { max }, Lang::Vi) => {
                format!("Một dịch vụ trong danh sách tin cậy có hơn {max} chứng thư số.")
            }
            (Error::TrustListRollback { sequence, accepted }, Lang::En) => format!(
                "The trust list is older (number {sequence}) than the one already accepted (number {accepted})."
            ),
            (Error::TrustListRollback { sequence, accepted }, Lang::Vi) => format!(
                "Danh sách tin cậy cũ hơn (số {sequence}) bản đã chấp nhận (số {accepted})."
            ),
            (Error::TrustListEquivocation { sequence }, Lang::En) => format!(
                "The trust list differs from the one already accepted under the same number ({sequence})."
            ),
            (Error::TrustListEquivocation { sequence }, Lang::Vi) => format!(
                "Danh sách tin cậy khác với bản đã chấp nhận dù cùng số ({sequence})."
            ),
            (Error::TrustListIssuedInFuture { issued_at }, Lang::En) => format!(
                "The trust list is dated in the future ({}).",
                format_unix_utc(*issued_at)
            ),
            (Error::TrustListIssuedInFuture { issued_at }, Lang::Vi) => format!(
                "Danh sách tin cậy có ngày phát hành ở tương lai ({}).",
                format_unix_utc(*issued_at)
            ),
            (Error::TrustListStale { next_update }, Lang::En) => format!(
                "The trust list is out of date: a new one was due on {}.",
                format_unix_utc(*next_update)
            ),
            (Error::TrustListStale { next_update }, Lang::Vi) => format!(
                "Danh sách tin cậy đã cũ: cần bản mới từ {}.",
                format_unix_utc(*next_update)
            ),
            (Error::TrustListVctNotAllowed { vct }, Lang::En) => format!(
                "The trust list does not allow this issuer to issue credentials of type \"{vct}\"."
            ),
            (Error::TrustListVctNotAllowed { vct }, Lang::Vi) => format!(
                "Danh sách tin cậy không cho phép bên cấp này cấp chứng chỉ loại \"{vct}\"."
            ),
            (Error::NoQrFound, _) => lang
                .pick(
                    "No QR code was found in the image.",
                    "Không tìm thấy mã QR trong ảnh.",
                )
                .into(),
            (Error::CertChainEmpty, _) => lang
                .pick(
                    "The certificate chain (x5c) is empty.",
                    "Chuỗi chứng thư số (x5c) trống.",
                )
                .into(),
            (Error::ChainTooLong { len, max }, Lang::En) => {
                format!("The certificate chain has {len} certificates; at most {max} are accepted.")
            }
            (Error::ChainTooLong { len, max }, Lang::Vi) => {
                format!("Chuỗi chứng thư số có {len} chứng thư; tối đa chỉ nhận {max}.")
            }
            (Error::CertTooLarge { cert, len, max }, Lang::En) => format!(
                "{} is {len} bytes; at most {max} are accepted.",
                capitalize(&cert.label(lang))
            ),
            (Error::CertTooLarge { cert, len, max }, Lang::Vi) => format!(
                "{} dài {len} byte; tối đa chỉ nhận {max} byte.",
                capitalize(&cert.label(lang))
            ),
            (Error::CertParse { cert, .. }, Lang::En) => format!(
                "{} is not a well-formed X.509 certificate (DER).",
                capitalize(&cert.label(lang))
            ),
            (Error::CertParse { cert, .. }, Lang::Vi) => format!(
                "{} không phải chứng thư số X.509 (DER) hợp lệ.",
                capitalize(&cert.label(lang))
            ),
            (Error::CertAlgorithmUnsupported { cert }, Lang::En) => format!(
                "{} uses an unsupported key or signature algorithm (ECDSA P-256/SHA-256 and P-384/SHA-384 are supported).",
                capitalize(&cert.label(lang))
            ),
            (Error::CertAlgorithmUnsupported { cert }, Lang::Vi) => format!(
                "{} dùng thuật toán khóa hoặc chữ ký không được hỗ trợ (hỗ trợ ECDSA P-256/SHA-256 và P-384/SHA-384).",
                capitalize(&cert.label(lang))
            ),
            (Error::CertSignatureInvalid { cert }, Lang::En) => format!(
                "The signature on {} does not verify with its issuer's key.",
                cert.label(lang)
            ),
            (Error::CertSignatureInvalid { cert }, Lang::Vi) => format!(
                "Chữ ký trên {} không khớp với khóa của bên cấp.",
                cert.label(lang)
            ),
            (Error::CertExpired { cert, not_after }, Lang::En) => format!(
                "{} expired on {}.",
                capitalize(&cert.label(lang)),
                format_unix_utc(*not_after)
            ),
            (Error::CertExpired { cert, not_after }, Lang::Vi) => format!(
                "{} đã hết hạn từ {}.",
                capitalize(&cert.label(lang)),
                format_unix_utc(*not_after)
            ),
            (Error::CertNotYetValid { cert, not_before }, Lang::En) => format!(
                "{} is not valid before {}.",
                capitalize(&cert.label(lang)),
                format_unix_utc(*not_before)
            ),
            (Error::CertNotYetValid { cert, not_before }, Lang::Vi) => format!(
                "{} chưa có hiệu lực trước {}.",
                capitalize(&cert.label(lang)),
                format_unix_utc(*not_before)
            ),
            (Error::UnknownIssuer, _) => lang
                .pick(
                    "The certificate chain does not lead to any trusted certificate.",
                    "Chuỗi chứng thư số không dẫn tới chứng thư số gốc tin cậy nào.",
                )
                .into(),
            (Error::ChainOrder { index }, Lang::En) => format!(
                "Certificate x5c[{}] is not the issuer of x5c[{index}]; x5c must be ordered from the signer's certificate up.",
                index.saturating_add(1)
            ),
            (Error::ChainOrder { index }, Lang::Vi) => format!(
                "Chứng thư số x5c[{}] không phải bên cấp của x5c[{index}]; x5c phải xếp từ chứng thư của bên ký trở lên.",
                index.saturating_add(1)
            ),
            (Error::CertNotCa { cert }, Lang::En) => format!(
                "{} is not a certification authority (CA) certificate, so it cannot issue certificates.",
                capitalize(&cert.label(lang))
            ),
            (Error::CertNotCa { cert }, Lang::Vi) => format!(
                "{} không phải chứng thư số của tổ chức cấp (CA) nên không được cấp chứng thư khác.",
                capitalize(&cert.label(lang))
            ),
            (Error::PathLenExceeded { cert }, Lang::En) => format!(
                "The chain has more intermediate certificates below {} than its path length constraint allows.",
                cert.label(lang)
            ),
            (Error::PathLenExceeded { cert }, Lang::Vi) => format!(
                "Chuỗi có nhiều chứng thư trung gian dưới {} hơn giới hạn độ dài đường dẫn của nó.",
                cert.label(lang)
            ),
            (Error::KeyUsageMissing { cert, usage }, Lang::En) => format!(
                "{} does not allow the key usage {}.",
                capitalize(&cert.label(lang)),
                usage.name()
            ),
            (Error::KeyUsageMissing { cert, usage }, Lang::Vi) => format!(
                "{} không cho phép mục đích sử dụng khóa {}.",
                capitalize(&cert.label(lang)),
                usage.name()
            ),
            (Error::UnsupportedCriticalExtension { cert, oid }, Lang::En) => format!(
                "{} has a critical extension ({oid}) that this verifier does not process.",
                capitalize(&cert.label(lang))
            ),
            (Error::UnsupportedCriticalExtension { cert, oid }, Lang::Vi) => format!(
                "{} có phần mở rộng bắt buộc ({oid}) mà bộ kiểm tra không xử lý được.",
                capitalize(&cert.label(lang))
            ),
            (Error::NameConstraintsUnsupported { cert }, Lang::En) => format!(
                "{} has name constraints, which this verifier does not support.",
                capitalize(&cert.label(lang))
            ),
            (Error::NameConstraintsUnsupported { cert }, Lang::Vi) => format!(
                "{} có ràng buộc tên (name constraints), bộ kiểm tra chưa hỗ trợ.",
                capitalize(&cert.label(lang))
            ),
            (Error::SignatureBudgetExceeded { max }, Lang::En) => format!(
                "Checking this certificate chain needs more than {max} signature verifications."
            ),
            (Error::SignatureBudgetExceeded { max }, Lang::Vi) => {
                format!("Kiểm tra chuỗi chứng thư số này cần hơn {max} lần xác minh chữ ký.")
            }
            (Error::AnchorPurposeMismatch { expected, found }, Lang::En) => format!(
                "The chain leads to a trusted certificate held for {}, not for {}.",
                found.label(lang),
                expected.label(lang)
            ),
            (Error::AnchorPurposeMismatch { expected, found }, Lang::Vi) => format!(
                "Chuỗi dẫn tới chứng thư số gốc dùng cho {}, không phải cho {}.",
                found.label(lang),
                expected.label(lang)
            ),
            (Error::AnchorInChain { index }, Lang::En) => format!(
                "Certificate x5c[{index}] is a trust anchor; the chain must not include it."
            ),
            (Error::AnchorInChain { index }, Lang::Vi) => format!(
                "Chứng thư số x5c[{index}] là chứng thư số gốc tin cậy; chuỗi không được chứa nó."
            ),
            (Error::EndEntityIsCa, _) => lang
                .pick(
                    "The signer's certificate (x5c[0]) is a CA certificate, not an end-entity certificate.",
                    "Chứng thư số của bên ký (x5c[0]) là chứng thư của tổ chức cấp (CA), không phải chứng thư cuối.",
                )
                .into(),
            (Error::SelfSignedEndEntity, _) => lang
                .pick(
                    "The signer's certificate (x5c[0]) is self-signed.",
                    "Chứng thư số của bên ký (x5c[0]) là chứng thư tự ký.",
                )
                .into(),
        }
    }

    /// The variant's data as a JSON object (field names in camelCase).
    pub fn params(&self) -> Map<String, Value> {
        let v = match self {
            Error::InList { origin, uri, error } => {
                let mut m = error.params();
                m.insert("in".into(), origin.name().into());
                if let Some(uri) = uri {
                    m.insert("uri".into(), uri.as_str().into());
                }
                return m;
            }
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
            Error::JsonTooDeep { max } => json!({ "max": max }),
            Error::JsonDuplicateMember { name } => json!({ "name": name }),
            Error::SdJwtClaimNameCollision { name } => json!({ "name": name }),
            Error::SdJwtNonDisclosableClaim { name } => json!({ "name": name }),
            Error::SdJwtTooManyDisclosures { max } => json!({ "max": max }),
            Error::ClaimMissing { name } => json!({ "name": name }),
            Error::ClaimType { name, expected } => json!({ "name": name, "expected": expected }),
            Error::TokenExpired { exp } => json!({ "exp": exp }),
            Error::TokenNotYetValid { nbf } => json!({ "nbf": nbf }),
            Error::StatusListFormat { claim } => json!({ "claim": claim }),
            Error::StatusListExpired { exp } => json!({ "exp": exp }),
            Error::StatusListNotYetValid { nbf } => json!({ "nbf": nbf }),
            Error::StatusListStale { refresh_at } => json!({ "refreshAt": refresh_at }),
            Error::StatusListTooLarge { max } => json!({ "max": max }),
            Error::StatusListConflict { iat } => json!({ "iat": iat }),
            Error::StatusIndexOutOfRange { index, len } => json!({ "index": index, "len": len }),
            Error::TrustListFormat { field } => json!({ "field": field }),
            Error::TrustListTooManyEntries { max } | Error::TrustListTooManyCerts { max } => {
                json!({ "max": max })
            }
            Error::TrustListRollback { sequence, accepted } => {
                json!({ "sequence": sequence, "accepted": accepted })
            }
            Error::TrustListEquivocation { sequence } => json!({ "sequence": sequence }),
            Error::TrustListIssuedInFuture { issued_at } => json!({ "issuedAt": issued_at }),
            Error::TrustListStale { next_update } => json!({ "nextUpdate": next_update }),
            Error::TrustListVctNotAllowed { vct } => json!({ "vct": vct }),
            Error::ChainTooLong { len, max } => json!({ "len": len, "max": max }),
            Error::CertTooLarge { cert, len, max } => {
                let mut m = cert.params();
                m.insert("len".into(), (*len).into());
                m.insert("max".into(), (*max).into());
                return m;
            }
            Error::CertParse { cert, reason } => {
                let mut m = cert.params();
                m.insert("reason".into(), (*reason).into());
                return m;
            }
            Error::CertAlgorithmUnsupported { cert }
            | Error::CertSignatureInvalid { cert }
            | Error::CertNotCa { cert }
            | Error::PathLenExceeded { cert }
            | Error::NameConstraintsUnsupported { cert } => return cert.params(),
            Error::CertExpired { cert, not_after } => {
                let mut m = cert.params();
                m.insert("notAfter".into(), (*not_after).into());
                return m;
            }
            Error::CertNotYetValid { cert, not_before } => {
                let mut m = cert.params();
                m.insert("notBefore".into(), (*not_before).into());
                return m;
            }
            Error::KeyUsageMissing { cert, usage } => {
                let mut m = cert.params();
                m.insert("usage".into(), usage.name().into());
                return m;
            }
            Error::UnsupportedCriticalExtension { cert, oid } => {
                let mut m = cert.params();
                m.insert("oid".into(), oid.as_str().into());
                return m;
            }
            Error::ChainOrder { index } | Error::AnchorInChain { index } => {
                json!({ "index": index })
            }
            Error::SignatureBudgetExceeded { max } => json!({ "max": max }),
            Error::AnchorPurposeMismatch { expected, found } => {
                json!({ "expected": expected.name(), "found": found.name() })
            }
            Error::InputEmpty
            | Error::CertChainEmpty
            | Error::UnknownIssuer
            | Error::EndEntityIsCa
            | Error::SelfSignedEndEntity
            | Error::NotCccdPayload
            | Error::IdNumberFormat
            | Error::SexValue
            | Error::ImageFormat
            | Error::ImageDecode
            | Error::NoQrFound
            | Error::JwsFormat
            | Error::JwsAlgorithmNotAllowed
            | Error::JwsSignatureInvalid
            | Error::JwsCritUnsupported
            | Error::JwkInvalid
            | Error::SdJwtFormat
            | Error::SdJwtTypInvalid
            | Error::SdJwtSdAlgNotAllowed
            | Error::SdJwtSdAlgNested
            | Error::SdJwtDisclosureInvalid
            | Error::SdJwtDuplicateDigest
            | Error::SdJwtUnreferencedDisclosure
            | Error::SdJwtReservedClaimName
            | Error::KbMissing
            | Error::KbUnexpected
            | Error::KbTypInvalid
            | Error::KbNonceMismatch
            | Error::KbAudienceMismatch
            | Error::KbIatOutOfWindow
            | Error::KbSdHashMismatch
            | Error::KbNoHolderKey
            | Error::IssuerKeyUnresolved
            | Error::IssuerBindingMismatch
            | Error::StatusListTyp
            | Error::StatusListSubjectMismatch
            | Error::StatusListBits
            | Error::StatusListDecompress
            | Error::StatusClaimInvalid
            | Error::StatusListKeyUnresolved
            | Error::TrustListTyp
            | Error::TrustListKeyUnresolved => json!({}),
        };
        match v {
            Value::Object(m) => m,
            _ => Map::new(),
        }
    }
}

/// `s` with its first character in upper case (for labels that start a sentence).
fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
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
