//! Every stable code the core can produce is documented (docs/findings.md) and typed for JS
//! (js/index.d.ts, js/api.js ERROR_CODES), so the docs and the TS union cannot fall behind.
#![allow(clippy::unwrap_used)]

use cccd_verify::{Date, Error, Field, Finding, MrzField, Repair, Sex};

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
