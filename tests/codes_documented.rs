//! Every stable code the core can produce is documented (docs/findings.md) and typed for JS.
//! Finding codes are listed here by hand; error codes come from the error table
//! (src/error/table.rs), and the files that list them are generated from it
//! (tests/codes_generated.rs), so these checks hold by construction and guard the wiring.
#![allow(clippy::unwrap_used)]

use cccd_verify::error_codes::{samples, ERRORS};
use cccd_verify::{Date, Finding, Repair, Sex};

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
    let dts = read("js/codes.d.ts");
    let index_dts = read("js/index.d.ts");
    let js = read("js/codes.js");
    let api = read("js/api.js");
    for e in ERRORS {
        let code = e.code;
        assert!(
            docs.contains(&format!("| `{code}` |")),
            "{code} missing from docs/findings.md"
        );
        assert!(
            dts.contains(&format!("| '{code}'")) && dts.contains(&format!("  {code}: ")),
            "{code} missing from ErrorCode or ErrorParams in js/codes.d.ts"
        );
        assert!(
            js.contains(&format!("'{code}'")),
            "{code} missing from ERROR_CODES in js/codes.js"
        );
    }
    assert!(
        api.contains("import { ERROR_CODES, LOCAL_MESSAGES } from './codes.js';")
            && api.contains("export { ERROR_CODES };"),
        "js/api.js must take ERROR_CODES and LOCAL_MESSAGES from the generated js/codes.js"
    );
    assert!(
        index_dts.contains("from './codes.js';") && !index_dts.contains("| 'ERR_"),
        "js/index.d.ts must re-export the generated types, not list codes itself"
    );
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
    for e in samples() {
        let (en, vi) = (e.message(Lang::En), e.message(Lang::Vi));
        assert!(
            !en.is_empty() && !vi.is_empty() && en != vi,
            "{}: {en} / {vi}",
            e.code()
        );
    }
}
