//! Every stable code the core can produce is documented (docs/findings.md) and typed for JS
//! (js/index.d.ts, js/api.js ERROR_CODES), so the docs and the TS union cannot fall behind.
#![allow(clippy::unwrap_used)]

use cccd_verify::x509::Purpose;
use cccd_verify::{
    CertRef, Date, Error, Field, Finding, KeyUsageBit, ListOrigin, MrzField, Repair, Sex,
};

fn all_findings() -> Vec<Finding> {
    let d = Date::new(2030, 1, 1).unwrap();
    vec![
        Finding::IdPlaceCodeUnassigned { code: "003".into() },
        Finding::IdBirthYearMismatch {
            id_birth_year: 1,
            dob_year: 2,
        },
        Finding::IdSexMismatch {
            id_sex: Sex::M,
            field_sex: Sex::F,
        },
        Finding::IdBirthYearInFuture {
            id_birth_year: 2190,
        },
        Finding::BirthDateInFuture,
        Finding::IssueDateInFuture,
        Finding::IssuedBeforeBirth,
        Finding::CardExpired { valid_until: d },
        Finding::TextRepaired {
            from: Repair::Latin1,
        },
        Finding::TextMojibake,
        Finding::BirthDatePartial,
        Finding::ExpiryApproximate,
        Finding::ExtraFields { count: 1 },
        Finding::FieldCountUnusual { count: 9 },
        Finding::OldIdNumberFormat,
        Finding::AddressEmpty,
        Finding::IssuedUnderMinimumAge { age: 10 },
        Finding::GenerationMismatch,
        Finding::IssueDateBeforeQrCards,
        Finding::MrzIdMismatch,
        Finding::MrzDocumentNumberMismatch,
        Finding::MrzBirthDateMismatch,
        Finding::MrzSexMismatch,
        Finding::MrzExpiryMismatch { approximate: false },
        Finding::MrzNameMismatch,
    ]
}

fn all_errors() -> Vec<Error> {
    vec![
        Error::InputEmpty,
        Error::InputTooLarge {
            len: 5000,
            max: 4096,
        },
        Error::PayloadEncoding { offset: 1 },
        Error::NotCccdPayload,
        Error::FieldMissing {
            field: Field::Sex,
            found: 4,
        },
        Error::FieldEmpty {
            field: Field::FullName,
        },
        Error::IdNumberFormat,
        Error::DateFormat {
            field: Field::IssueDate,
        },
        Error::SexValue,
        Error::MrzFormat { line: 0 },
        Error::MrzCheckDigit {
            field: MrzField::Composite,
        },
        Error::CertChainEmpty,
        Error::ChainTooLong { len: 6, max: 5 },
        Error::CertTooLarge {
            cert: CertRef::Chain(0),
            len: 20_000,
            max: 16_384,
        },
        Error::CertParse {
            cert: CertRef::Anchor,
            reason: "malformed",
        },
        Error::CertAlgorithmUnsupported {
            cert: CertRef::Chain(1),
        },
        Error::CertSignatureInvalid {
            cert: CertRef::Chain(0),
        },
        Error::CertExpired {
            cert: CertRef::Chain(0),
            not_after: 1_795_737_600,
        },
        Error::CertNotYetValid {
            cert: CertRef::Anchor,
            not_before: 1_795_737_600,
        },
        Error::UnknownIssuer,
        Error::ChainOrder { index: 0 },
        Error::CertNotCa {
            cert: CertRef::Chain(1),
        },
        Error::PathLenExceeded {
            cert: CertRef::Anchor,
        },
        Error::KeyUsageMissing {
            cert: CertRef::Chain(1),
            usage: KeyUsageBit::KeyCertSign,
        },
        Error::UnsupportedCriticalExtension {
            cert: CertRef::Chain(1),
            oid: "1.3.6.1.4.1.55555.1".into(),
        },
        Error::NameConstraintsUnsupported {
            cert: CertRef::Chain(1),
        },
        Error::SignatureBudgetExceeded { max: 16 },
        Error::AnchorPurposeMismatch {
            expected: Purpose::SdJwtVcIssuer,
            found: Purpose::MdocIaca,
        },
        Error::AnchorInChain { index: 2 },
        Error::EndEntityIsCa,
        Error::SelfSignedEndEntity,
        Error::ImageFormat,
        Error::ImageTooLarge {
            width: 9000,
            height: 9000,
            max_pixels: 16_777_216,
        },
        Error::ImageDecode,
        Error::NoQrFound,
        Error::JwsFormat,
        Error::JwsAlgorithmNotAllowed,
        Error::JwsSignatureInvalid,
        Error::JwsCritUnsupported,
        Error::JwkInvalid,
        Error::JsonTooDeep { max: 32 },
        Error::JsonDuplicateMember { name: "alg".into() },
        Error::SdJwtFormat,
        Error::SdJwtTypInvalid,
        Error::SdJwtSdAlgNotAllowed,
        Error::SdJwtSdAlgNested,
        Error::SdJwtDisclosureInvalid,
        Error::SdJwtDuplicateDigest,
        Error::SdJwtUnreferencedDisclosure,
        Error::SdJwtReservedClaimName,
        Error::SdJwtClaimNameCollision { name: "x".into() },
        Error::SdJwtNonDisclosableClaim { name: "exp".into() },
        Error::SdJwtTooManyDisclosures { max: 1024 },
        Error::ClaimMissing { name: "vct".into() },
        Error::ClaimType {
            name: "iss".into(),
            expected: "string",
        },
        Error::TokenExpired { exp: 1 },
        Error::TokenNotYetValid { nbf: 1 },
        Error::KbMissing,
        Error::KbUnexpected,
        Error::KbTypInvalid,
        Error::KbNonceMismatch,
        Error::KbAudienceMismatch,
        Error::KbIatOutOfWindow,
        Error::KbSdHashMismatch,
        Error::KbNoHolderKey,
        Error::IssuerKeyUnresolved,
        Error::IssuerBindingMismatch,
        Error::StatusListFormat {
            claim: "status_list.lst".into(),
        },
        Error::StatusListTyp,
        Error::StatusListSubjectMismatch,
        Error::StatusListExpired { exp: 1_795_737_600 },
        Error::StatusListNotYetValid { nbf: 1_795_737_600 },
        Error::StatusListStale {
            refresh_at: 1_795_737_600,
        },
        Error::StatusListBits,
        Error::StatusListDecompress,
        Error::StatusListTooLarge { max: 16_777_216 },
        Error::StatusIndexOutOfRange {
            index: 1_048_576,
            len: 1_048_576,
        },
        Error::StatusClaimInvalid,
        Error::StatusListKeyUnresolved,
        Error::StatusListConflict { iat: 1_795_000_000 },
        Error::TrustListTyp,
        Error::TrustListKeyUnresolved,
        Error::TrustListFormat {
            field: "LoTE.ListAndSchemeInformation.NextUpdate".into(),
        },
        Error::TrustListTooManyEntries { max: 512 },
        Error::TrustListTooManyCerts { max: 8 },
        Error::TrustListRollback {
            sequence: 4,
            accepted: 5,
        },
        Error::TrustListEquivocation { sequence: 5 },
        Error::TrustListIssuedInFuture {
            issued_at: 1_795_737_600,
        },
        Error::TrustListStale {
            next_update: 1_795_737_600,
        },
        Error::TrustListVctNotAllowed {
            vct: "urn:eudi:pid:vn:cccd:1".into(),
        },
        Error::in_list(
            ListOrigin::StatusList,
            Some("https://status.example.vn/1"),
            Error::UnknownIssuer,
        ),
        Error::in_list(ListOrigin::TrustList, None, Error::JwsFormat),
    ]
}

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn every_finding_code_is_documented_and_typed() {
    let docs = read("docs/findings.md");
    let dts = read("js/index.d.ts");
    for f in all_findings() {
        let code = f.code();
        assert!(
            docs.contains(&format!("| `{code}` |")),
            "{code} missing from docs/findings.md"
        );
        assert!(
            dts.contains(&format!("| '{code}'")),
            "{code} missing from FindingCode in js/index.d.ts"
        );
        let sev = if f.severity() == cccd_verify::Severity::Error {
            "error"
        } else {
            "warning"
        };
        assert!(
            docs.contains(&format!("| `{code}` | {sev}")),
            "{code} documented with the wrong severity"
        );
    }
}

#[test]
fn every_error_code_is_documented_typed_and_listed() {
    let docs = read("docs/findings.md");
    let dts = read("js/index.d.ts");
    let api = read("js/api.js");
    for e in all_errors() {
        let code = e.code();
        assert!(
            docs.contains(&format!("| `{code}` |")),
            "{code} missing from docs/findings.md"
        );
        assert!(
            dts.contains(&format!("| '{code}'")),
            "{code} missing from ErrorCode in js/index.d.ts"
        );
        assert!(
            api.contains(&format!("'{code}'")),
            "{code} missing from ERROR_CODES in js/api.js"
        );
    }
}

#[test]
fn every_message_exists_in_both_languages_and_differs() {
    use cccd_verify::Lang;
    for f in all_findings() {
        let (en, vi) = (f.message(Lang::En), f.message(Lang::Vi));
        assert!(
            !en.is_empty() && !vi.is_empty() && en != vi,
            "{}: {en} / {vi}",
            f.code()
        );
    }
    for e in all_errors() {
        let (en, vi) = (e.message(Lang::En), e.message(Lang::Vi));
        assert!(
            !en.is_empty() && !vi.is_empty() && en != vi,
            "{}: {en} / {vi}",
            e.code()
        );
    }
}
