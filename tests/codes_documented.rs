//! Every stable code the core can produce is documented (docs/findings.md) and typed for JS.
//! Codes come from the error table (src/error/table.rs) and the finding table
//! (src/cccd/findings.rs), and the files that list them are generated from those
//! (tests/codes_generated.rs), so these checks hold by construction and guard the wiring.
#![allow(clippy::unwrap_used)]

use cccd_verify::error_codes::{samples, ERRORS, FINDINGS};
use cccd_verify::{Date, Field, Finding, Repair, Sex};

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
        Finding::TextControlCharacter {
            field: Field::FullName,
            code_point: "U+202E".into(),
        },
        Finding::TextZeroWidth {
            field: Field::Address,
            code_point: "U+200B".into(),
        },
        Finding::NameMixedScripts {
            code_point: "U+0430".into(),
        },
        Finding::ClaimControlCharacter {
            path: "given_name".into(),
            code_point: "U+202E".into(),
        },
        Finding::ClaimZeroWidth {
            path: "address.street_address".into(),
            code_point: "U+200D".into(),
        },
        Finding::ClaimMixedScripts {
            path: "family_name".into(),
            code_point: "U+0416".into(),
        },
    ]
}

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn every_finding_code_is_documented_and_typed() {
    let docs = read("docs/findings.md");
    let dts = read("js/codes.d.ts");
    for f in FINDINGS {
        let code = f.code;
        assert!(
            docs.contains(&format!("| `{code}` |")),
            "{code} missing from docs/findings.md"
        );
        assert!(
            dts.contains(&format!("| '{code}'")) && dts.contains(&format!("  {code}: ")),
            "{code} missing from FindingCode or FindingParams in js/codes.d.ts"
        );
        let sev = if f.error { "error" } else { "warning" };
        assert!(
            docs.contains(&format!("| `{code}` | {sev}")),
            "{code} documented with the wrong severity"
        );
    }
}

/// The hand-made samples cover the finding table, in order, and each sample's severity and
/// params are what its row declares.
#[test]
fn finding_samples_match_the_table() {
    let samples = all_findings();
    let codes: Vec<&str> = samples.iter().map(Finding::code).collect();
    let table: Vec<&str> = FINDINGS.iter().map(|f| f.code).collect();
    assert_eq!(
        codes, table,
        "all_findings() must list one sample per row, in table order"
    );
    for (f, info) in samples.iter().zip(FINDINGS) {
        let error = f.severity() == cccd_verify::Severity::Error;
        // `warning when` rows: the sample has the field false, so the severity is the row's.
        assert_eq!(error, info.error, "{}: severity", info.code);
        let params = f.params();
        let have: Vec<&str> = params.keys().map(String::as_str).collect();
        let mut want: Vec<&str> = info.params.iter().map(|p| p.name).collect();
        want.sort_unstable();
        assert_eq!(have, want, "{}: params keys", info.code);
        for p in info.params {
            let v = params.get(p.name).unwrap();
            let ok = match p.ts {
                "number" => v.is_number(),
                "string" => v.is_string(),
                "boolean" => v.is_boolean(),
                union => union
                    .split(" | ")
                    .any(|alt| v.as_str() == Some(alt.trim_matches('\''))),
            };
            assert!(ok, "{}: params.{} = {v} is not {}", info.code, p.name, p.ts);
        }
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
