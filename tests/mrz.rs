//! The TD1 MRZ (`cccd.md` §5.3, §7.8): parsing, the five check digits, shapes, and the
//! cross-check against a QR card.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use cccd_verify::{
    check_digit, cross_check, parse_mrz, parse_qr_text, Card, Date, Error, Expiry, Finding,
    MrzField, Severity, Sex,
};

const NGUYEN: &str = "IDVNM0900001233001090000123<<4\n9003152M3003150VNM<<<<<<<<<<<0\nNGUYEN<<VAN<AN<<<<<<<<<<<<<<<<";
const LE_THI_CUC: &str = "IDVNM3010007894079301000789<<4\n0111300F2611309VNM<<<<<<<<<<<0\nLE<<THI<CUC<<<<<<<<<<<<<<<<<<<";

const QR_NGUYEN: &str = "001090000123|012345678|Nguyễn Văn An|15031990|Nam|Số 1 Ngõ 2, Phường Láng Hạ, Quận Đống Đa, Hà Nội|20042021";
const QR_LE_THI_CUC: &str = "079301000789||Lê Thị Cúc|30112001|Nữ|12/3 Đường Số 5, Phường 7, Quận Gò Vấp, TP. Hồ Chí Minh|15082024||||";

fn now() -> Date {
    Date::new(2026, 11, 27).unwrap()
}

fn date(y: u16, m: u8, d: u8) -> Date {
    Date::new(y, m, d).unwrap()
}

fn qr(text: &str) -> Card {
    parse_qr_text(text, now()).unwrap()
}

fn cd(s: &str) -> char {
    char::from(check_digit(s.as_bytes()))
}

/// Builds a TD1 MRZ with every check digit computed.
fn build(doc: &str, id: &str, birth: &str, sex: char, expiry: &str, name: &str) -> String {
    assert_eq!(
        (doc.len(), id.len(), birth.len(), expiry.len()),
        (9, 12, 6, 6)
    );
    let l1 = format!("IDVNM{doc}{}{id}<<{}", cd(doc), cd(id));
    let (birth_cd, expiry_cd) = (cd(birth), cd(expiry));
    let optional = "<<<<<<<<<<<";
    let composite = format!("{}{birth}{birth_cd}{expiry}{expiry_cd}{optional}", &l1[5..]);
    let l2 = format!(
        "{birth}{birth_cd}{sex}{expiry}{expiry_cd}VNM{optional}{}",
        cd(&composite)
    );
    let l3 = format!("{name:<<30}");
    assert_eq!((l1.len(), l2.len(), l3.len()), (30, 30, 30));
    format!("{l1}\n{l2}\n{l3}")
}

fn codes(findings: &[Finding]) -> Vec<&'static str> {
    findings.iter().map(Finding::code).collect()
}

/// Replaces the character at `line`, `pos` with a different digit.
fn tamper(mrz: &str, line: usize, pos: usize) -> String {
    let mut lines: Vec<Vec<u8>> = mrz.lines().map(|l| l.as_bytes().to_vec()).collect();
    let c = &mut lines[line][pos];
    *c = if *c == b'9' { b'0' } else { *c + 1 };
    lines
        .into_iter()
        .map(|l| String::from_utf8(l).unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn builder_reproduces_the_synthetic_examples() {
    assert_eq!(
        build(
            "090000123",
            "001090000123",
            "900315",
            'M',
            "300315",
            "NGUYEN<<VAN<AN"
        ),
        NGUYEN
    );
    assert_eq!(
        build(
            "301000789",
            "079301000789",
            "011130",
            'F',
            "261130",
            "LE<<THI<CUC"
        ),
        LE_THI_CUC
    );
}

// ---------------------------------------------------------------------------------------------
// Parsing.

#[test]
fn nguyen_example_parses_with_all_five_check_digits() {
    let m = parse_mrz(NGUYEN).unwrap();
    assert_eq!(m.document_code, "ID");
    assert_eq!(m.issuing_state, "VNM");
    assert_eq!(m.document_number, "090000123");
    assert_eq!(m.id_number, "001090000123");
    assert_eq!(m.date_of_birth.iso, "1990-03-15");
    assert_eq!(m.sex, Some(Sex::M));
    assert_eq!(m.date_of_expiry, Some(date(2030, 3, 15)));
    assert_eq!(m.nationality, "VNM");
    assert_eq!(m.surname, "NGUYEN");
    assert_eq!(m.given_names, "VAN AN");
    assert_eq!(m.name_field, "NGUYEN<<VAN<AN");
}

#[test]
fn le_thi_cuc_example_parses_with_all_five_check_digits() {
    let m = parse_mrz(LE_THI_CUC).unwrap();
    assert_eq!(m.document_number, "301000789");
    assert_eq!(m.id_number, "079301000789");
    // Century from the ID's century digit 3: 2001, not 1901.
    assert_eq!(m.date_of_birth.iso, "2001-11-30");
    assert_eq!(m.sex, Some(Sex::F));
    assert_eq!(m.date_of_expiry, Some(date(2026, 11, 30)));
    assert_eq!(m.surname, "LE");
    assert_eq!(m.given_names, "THI CUC");
    assert_eq!(m.name_field, "LE<<THI<CUC");
}

#[test]
fn check_digit_follows_icao_7_3_1() {
    assert_eq!(check_digit(b"520727"), b'3');
    assert_eq!(check_digit(b"AB2134<<<"), b'5');
    assert_eq!(check_digit(b"090000123"), b'3');
    assert_eq!(check_digit(b"001090000123"), b'4');
    assert_eq!(check_digit(b"079301000789"), b'4');
    assert_eq!(check_digit(b""), b'0');
}

#[test]
fn each_tampered_check_digit_is_an_mrz_check_digit_error_naming_the_field() {
    let cases = [
        (0, 14, MrzField::DocumentNumber),
        (0, 29, MrzField::IdNumber),
        (1, 6, MrzField::DateOfBirth),
        (1, 14, MrzField::DateOfExpiry),
        (1, 29, MrzField::Composite),
    ];
    for mrz in [NGUYEN, LE_THI_CUC] {
        for (line, pos, field) in cases {
            let err = parse_mrz(&tamper(mrz, line, pos)).unwrap_err();
            assert_eq!(err, Error::MrzCheckDigit { field }, "{field:?}");
            assert_eq!(err.code(), "ERR_MRZ_CHECK_DIGIT");
        }
    }
}

#[test]
fn each_tampered_protected_field_is_caught_by_its_check_digit() {
    let cases = [
        (0, 8, MrzField::DocumentNumber),
        (0, 20, MrzField::IdNumber),
        (1, 1, MrzField::DateOfBirth),
        (1, 10, MrzField::DateOfExpiry),
    ];
    for (line, pos, field) in cases {
        assert_eq!(
            parse_mrz(&tamper(NGUYEN, line, pos)),
            Err(Error::MrzCheckDigit { field }),
            "{field:?}"
        );
    }
    // The optional data of line 2 is covered by the composite only. ('A' = 10 would go
    // unnoticed: it weighs the same as '<' modulo 10, a known limit of the 7-3-1 scheme.)
    let mut lines: Vec<String> = NGUYEN.lines().map(str::to_owned).collect();
    lines[1].replace_range(20..21, "B");
    assert_eq!(
        parse_mrz(&lines.join("\n")),
        Err(Error::MrzCheckDigit {
            field: MrzField::Composite
        })
    );
}

#[test]
fn one_run_of_90_characters_crlf_and_surrounding_spaces_are_accepted() {
    let expected = parse_mrz(NGUYEN).unwrap();
    let run: String = NGUYEN.lines().collect();
    assert_eq!(parse_mrz(&run).unwrap(), expected);
    assert_eq!(parse_mrz(&NGUYEN.replace('\n', "\r\n")).unwrap(), expected);
    let spaced = NGUYEN
        .lines()
        .map(|l| format!("  {l} "))
        .collect::<Vec<_>>()
        .join("\n\n");
    assert_eq!(parse_mrz(&format!("\n{spaced}\n")).unwrap(), expected);
}

#[test]
fn wrong_line_count_or_length_is_mrz_format_line_0() {
    let lines: Vec<&str> = NGUYEN.lines().collect();
    let bad = [
        String::new(),
        "   ".to_owned(),
        lines[..2].join("\n"),
        format!("{NGUYEN}\n{}", lines[2]),
        NGUYEN.replacen("<<4\n", "<<\n", 1),
        NGUYEN.replacen("<<4\n", "<<4<\n", 1),
        NGUYEN.lines().collect::<String>()[1..].to_owned(),
        // A non-ASCII letter makes the line 31 bytes.
        NGUYEN.replace("NGUYEN", "NGUYÊN"),
    ];
    for text in bad {
        assert_eq!(
            parse_mrz(&text),
            Err(Error::MrzFormat { line: 0 }),
            "{text:?}"
        );
    }
}

#[test]
fn characters_outside_the_mrz_alphabet_are_mrz_format_naming_the_line() {
    assert_eq!(
        parse_mrz(&NGUYEN.replace("IDVNM", "idVNM")),
        Err(Error::MrzFormat { line: 1 })
    );
    assert_eq!(
        parse_mrz(&NGUYEN.replace("VNM<<<<", "VNM <<<")),
        Err(Error::MrzFormat { line: 2 })
    );
    assert_eq!(
        parse_mrz(&NGUYEN.replace("NGUYEN<<", "NGUYEN--")),
        Err(Error::MrzFormat { line: 3 })
    );
    assert_eq!(
        parse_mrz(&NGUYEN.replace("NGUYEN<<", "nguyen<<")),
        Err(Error::MrzFormat { line: 3 })
    );
}

#[test]
fn malformed_fields_with_valid_check_digits_are_mrz_format() {
    // Letters in the 12-digit ID.
    let m = build(
        "090000123",
        "00109000012A",
        "900315",
        'M',
        "300315",
        "NGUYEN<<VAN<AN",
    );
    assert_eq!(parse_mrz(&m), Err(Error::MrzFormat { line: 1 }));
    // Impossible month of birth.
    let m = build(
        "090000123",
        "001090000123",
        "901315",
        'M',
        "300315",
        "NGUYEN<<VAN<AN",
    );
    assert_eq!(parse_mrz(&m), Err(Error::MrzFormat { line: 2 }));
    // Unknown year of birth.
    let m = build(
        "090000123",
        "001090000123",
        "<<0315",
        'M',
        "300315",
        "NGUYEN<<VAN<AN",
    );
    assert_eq!(parse_mrz(&m), Err(Error::MrzFormat { line: 2 }));
    // Impossible expiry.
    let m = build(
        "090000123",
        "001090000123",
        "900315",
        'M',
        "300230",
        "NGUYEN<<VAN<AN",
    );
    assert_eq!(parse_mrz(&m), Err(Error::MrzFormat { line: 2 }));
    // Half-blank expiry.
    let m = build(
        "090000123",
        "001090000123",
        "900315",
        'M',
        "30<<<<",
        "NGUYEN<<VAN<AN",
    );
    assert_eq!(parse_mrz(&m), Err(Error::MrzFormat { line: 2 }));
    // Sex letter other than M, F, X or <.
    let m = build(
        "090000123",
        "001090000123",
        "900315",
        'Z',
        "300315",
        "NGUYEN<<VAN<AN",
    );
    assert_eq!(parse_mrz(&m), Err(Error::MrzFormat { line: 2 }));
    // Empty name line.
    let m = build("090000123", "001090000123", "900315", 'M', "300315", "");
    assert_eq!(parse_mrz(&m), Err(Error::MrzFormat { line: 3 }));
}

#[test]
fn unspecified_sex_blank_expiry_and_partial_birth_date_parse() {
    let m = build(
        "090000123",
        "001090000123",
        "90<<<<",
        '<',
        "<<<<<<",
        "NGUYEN<<VAN<AN",
    );
    let m = parse_mrz(&m).unwrap();
    assert_eq!(m.sex, None);
    assert_eq!(m.date_of_expiry, None);
    assert_eq!(m.date_of_birth.iso, "1990");
    assert_eq!(m.date_of_birth.month, None);
    let m = build(
        "090000123",
        "001090000123",
        "9003<<",
        'X',
        "300315",
        "NGUYEN<<VAN<AN",
    );
    let m = parse_mrz(&m).unwrap();
    assert_eq!(m.sex, None);
    assert_eq!(m.date_of_birth.iso, "1990-03");
}

#[test]
fn overlong_mrz_input_is_input_too_large() {
    let long = format!("{NGUYEN}{}", " ".repeat(1024));
    assert_eq!(
        parse_mrz(&long),
        Err(Error::InputTooLarge {
            len: long.len(),
            max: 1024
        })
    );
}

// ---------------------------------------------------------------------------------------------
// Cross-check against the QR card.

#[test]
fn nguyen_qr_card_and_mrz_agree() {
    let card = qr(QR_NGUYEN);
    let mrz = parse_mrz(NGUYEN).unwrap();
    assert_eq!(cross_check(&card, &mrz), vec![]);
    let checked = card.clone().with_mrz(mrz.clone());
    assert_eq!(checked.findings, card.findings);
    assert_eq!(checked.mrz, Some(mrz));
    assert!(checked.is_valid());
    assert_eq!(
        checked.to_json(cccd_verify::Lang::En)["mrz"]["documentNumber"],
        "090000123"
    );
}

#[test]
fn le_thi_cuc_qr_card_and_mrz_agree_including_the_computed_expiry() {
    let card = qr(QR_LE_THI_CUC);
    let mrz = parse_mrz(LE_THI_CUC).unwrap();
    // Born 30/11/2001, Căn cước issued 15/08/2024 at 22 → 25th birthday, as the MRZ says.
    assert_eq!(card.expiry.date(), Some(date(2026, 11, 30)));
    assert_eq!(mrz.date_of_expiry, card.expiry.date());
    assert_eq!(cross_check(&card, &mrz), vec![]);
    let checked = card.with_mrz(mrz);
    assert!(checked.findings.is_empty());
    assert!(checked.is_valid());
}

#[test]
fn mrz_of_another_card_mismatches_everything() {
    let card = qr(QR_NGUYEN);
    let other = parse_mrz(LE_THI_CUC).unwrap();
    assert_eq!(
        codes(&cross_check(&card, &other)),
        vec![
            "MRZ_ID_MISMATCH",
            "MRZ_DOCUMENT_NUMBER_MISMATCH",
            "MRZ_BIRTH_DATE_MISMATCH",
            "MRZ_SEX_MISMATCH",
            "MRZ_EXPIRY_MISMATCH",
            "MRZ_NAME_MISMATCH"
        ]
    );
}

#[test]
fn each_mrz_mismatch_produces_its_own_finding() {
    let card = qr(QR_NGUYEN);
    let base = (
        "090000123",
        "001090000123",
        "900315",
        'M',
        "300315",
        "NGUYEN<<VAN<AN",
    );
    let check = |mrz: String| cross_check(&card, &parse_mrz(&mrz).unwrap());

    let (doc, _, birth, sex, expiry, name) = base;
    assert_eq!(
        check(build(doc, "002090000123", birth, sex, expiry, name)),
        vec![Finding::MrzIdMismatch]
    );
    // The first 9 digits instead of the last 9 (§7.8).
    let (_, id, birth, sex, expiry, name) = base;
    assert_eq!(
        check(build("001090000", id, birth, sex, expiry, name)),
        vec![Finding::MrzDocumentNumberMismatch]
    );
    let (doc, id, _, sex, expiry, name) = base;
    assert_eq!(
        check(build(doc, id, "900316", sex, expiry, name)),
        vec![Finding::MrzBirthDateMismatch]
    );
    assert_eq!(
        check(build(doc, id, "900415", sex, expiry, name)),
        vec![Finding::MrzBirthDateMismatch]
    );
    // Same YYMMDD but the other century cannot happen: the century comes from the ID.
    let (doc, id, birth, _, expiry, name) = base;
    assert_eq!(
        check(build(doc, id, birth, 'F', expiry, name)),
        vec![Finding::MrzSexMismatch]
    );
    assert_eq!(check(build(doc, id, birth, '<', expiry, name)), vec![]);
    let (doc, id, birth, sex, _, name) = base;
    assert_eq!(
        check(build(doc, id, birth, sex, "300316", name)),
        vec![Finding::MrzExpiryMismatch { approximate: false }]
    );
    assert_eq!(
        check(build(doc, id, birth, sex, "<<<<<<", name)),
        vec![Finding::MrzExpiryMismatch { approximate: false }]
    );
    let (doc, id, birth, sex, expiry, _) = base;
    assert_eq!(
        check(build(doc, id, birth, sex, expiry, "NGUYEN<<VAN<ANH")),
        vec![Finding::MrzNameMismatch]
    );
    assert_eq!(
        check(build(doc, id, birth, sex, expiry, "NGUYEN<VAN<AN")),
        vec![Finding::MrzNameMismatch]
    );
}

#[test]
fn mrz_mismatch_findings_make_the_card_invalid_and_sort_first() {
    let card = qr(&QR_NGUYEN.replace("|Số 1 Ngõ 2, Phường Láng Hạ, Quận Đống Đa, Hà Nội|", "||"));
    assert_eq!(codes(&card.findings), vec!["ADDRESS_EMPTY"]);
    let mrz = build(
        "090000123",
        "001090000123",
        "900315",
        'F',
        "300315",
        "NGUYEN<<VAN<AN",
    );
    let checked = card.with_mrz(parse_mrz(&mrz).unwrap());
    assert_eq!(
        codes(&checked.findings),
        vec!["MRZ_SEX_MISMATCH", "ADDRESS_EMPTY"]
    );
    assert_eq!(checked.findings[0].severity(), Severity::Error);
    assert!(!checked.is_valid());
}

#[test]
fn expiry_mismatch_is_a_warning_when_the_birth_date_is_partial() {
    let card = qr(&QR_NGUYEN.replace("15031990", "00031990"));
    // Computed from 01/03/1990, approximate; the MRZ has the real 15/03.
    assert_eq!(card.expiry.date(), Some(date(2030, 3, 1)));
    let mrz = parse_mrz(NGUYEN).unwrap();
    let findings = cross_check(&card, &mrz);
    assert_eq!(
        findings,
        vec![Finding::MrzExpiryMismatch { approximate: true }]
    );
    assert_eq!(findings[0].severity(), Severity::Warning);
    // Unknown day on the QR side is not a birth-date mismatch.
    assert!(card.with_mrz(mrz).is_valid());
}

#[test]
fn long_names_compare_on_the_30_characters_that_fit() {
    let text = QR_NGUYEN.replace("Nguyễn Văn An", "Tôn Nữ Thị Hoàng Yến Nguyễn Phương");
    let card = qr(&text);
    assert_eq!(card.name.icao.len(), 35);
    let truncated = "TON<<NU<THI<HOANG<YEN<NGUYEN<P";
    assert_eq!(truncated.len(), 30);
    let mrz = build(
        "090000123",
        "001090000123",
        "900315",
        'M',
        "300315",
        truncated,
    );
    assert_eq!(cross_check(&card, &parse_mrz(&mrz).unwrap()), vec![]);
    let wrong = build(
        "090000123",
        "001090000123",
        "900315",
        'M',
        "300315",
        "TON<<NU<THI<HOANG<YEN<NGUYEN<Q",
    );
    assert_eq!(
        cross_check(&card, &parse_mrz(&wrong).unwrap()),
        vec![Finding::MrzNameMismatch]
    );
}

#[test]
fn lifetime_card_agrees_with_a_blank_mrz_expiry() {
    // Born 01/05/1960, issued 2021 at 61: never expires.
    let text = "001060000123||Nguyễn Văn An|01051960|Nam|Hà Nội|01062021";
    let card = qr(text);
    assert!(matches!(card.expiry, Expiry::None { .. }));
    let blank = build(
        "060000123",
        "001060000123",
        "600501",
        'M',
        "<<<<<<",
        "NGUYEN<<VAN<AN",
    );
    assert_eq!(cross_check(&card, &parse_mrz(&blank).unwrap()), vec![]);
    let dated = build(
        "060000123",
        "001060000123",
        "600501",
        'M',
        "990501",
        "NGUYEN<<VAN<AN",
    );
    assert_eq!(
        cross_check(&card, &parse_mrz(&dated).unwrap()),
        vec![Finding::MrzExpiryMismatch { approximate: false }]
    );
}

#[test]
fn mrz_birth_date_with_00_day_and_month_is_partial_not_rejected() {
    let mrz = build(
        "090000123",
        "001090000123",
        "900000",
        'M',
        "300315",
        "NGUYEN<<VAN<AN",
    );
    let m = parse_mrz(&mrz).unwrap();
    assert_eq!(
        (
            m.date_of_birth.iso.as_str(),
            m.date_of_birth.month,
            m.date_of_birth.day
        ),
        ("1990", None, None)
    );
}
