//! The 12-digit personal ID number (`cccd.md` §3): place code, century/sex digit, birth year,
//! and its cross-checks against the other QR fields.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use cccd_verify::{parse_qr_text, Card, Date, Error, Finding, IdNumber, Place, Severity, Sex};

fn now() -> Date {
    Date::new(2026, 11, 27).unwrap()
}

/// A 7-field payload with the given ID, date of birth and sex, issued 20/04/2021.
fn card(id: &str, dob: &str, sex: &str) -> Card {
    let text = format!("{id}|012345678|Nguyễn Văn An|{dob}|{sex}|Hà Nội|20042021");
    parse_qr_text(&text, now()).unwrap()
}

fn codes(card: &Card) -> Vec<&'static str> {
    card.findings.iter().map(Finding::code).collect()
}

fn province(code: &str, name: &'static str, successor: &'static str) -> Place {
    Place::Province {
        code: code.into(),
        name,
        successor_2025: successor,
    }
}

#[test]
fn place_codes_decode_to_province_and_2025_successor() {
    let cases = [
        ("001", "Hà Nội", "Hà Nội"),
        ("002", "Hà Giang", "Tuyên Quang"),
        ("017", "Hòa Bình", "Phú Thọ"),
        ("030", "Hải Dương", "Hải Phòng"),
        ("036", "Nam Định", "Ninh Bình"),
        ("046", "Thừa Thiên Huế", "Huế"),
        ("052", "Bình Định", "Gia Lai"),
        ("062", "Kon Tum", "Quảng Ngãi"),
        ("067", "Đắk Nông", "Lâm Đồng"),
        ("077", "Bà Rịa - Vũng Tàu", "Hồ Chí Minh"),
        ("079", "Hồ Chí Minh", "Hồ Chí Minh"),
        ("091", "Kiên Giang", "An Giang"),
        ("096", "Cà Mau", "Cà Mau"),
    ];
    for (code, name, successor) in cases {
        let id = IdNumber::parse(&format!("{code}090000123")).unwrap();
        assert_eq!(id.place, province(code, name, successor), "{code}");
        assert_eq!(id.value, format!("{code}090000123"));
    }
}

#[test]
fn place_code_of_a_parsed_card_names_the_province() {
    let c = card("079090000123", "15031990", "Nam");
    assert_eq!(
        c.id_number.place,
        province("079", "Hồ Chí Minh", "Hồ Chí Minh")
    );
    assert!(c.findings.is_empty());
    let json = c.to_json(cccd_verify::Lang::En);
    assert_eq!(json["idNumber"]["place"]["kind"], "province");
    assert_eq!(json["idNumber"]["place"]["successor2025"], "Hồ Chí Minh");
}

#[test]
fn first_digit_not_zero_is_a_birth_registered_abroad_not_an_error() {
    for code in ["175", "101", "139", "279", "295", "999"] {
        let id = IdNumber::parse(&format!("{code}090000123")).unwrap();
        assert_eq!(id.place, Place::Abroad { code: code.into() }, "{code}");
        assert_eq!(id.birth_year, 1990);
    }
    let c = card("175090000123", "15031990", "Nam");
    assert_eq!(c.id_number.place, Place::Abroad { code: "175".into() });
    assert!(c.findings.is_empty(), "{:?}", c.findings);
    assert!(c.is_valid());
}

#[test]
fn unassigned_gap_codes_give_an_id_place_code_unassigned_error() {
    for gap in [
        "000", "003", "005", "021", "029", "050", "090", "097", "098", "099",
    ] {
        let id = IdNumber::parse(&format!("{gap}090000123")).unwrap();
        assert_eq!(id.place, Place::Unassigned { code: gap.into() }, "{gap}");
        let c = card(&format!("{gap}090000123"), "15031990", "Nam");
        assert_eq!(
            c.findings,
            vec![Finding::IdPlaceCodeUnassigned { code: gap.into() }],
            "{gap}"
        );
        assert_eq!(c.findings[0].severity(), Severity::Error);
        assert_eq!(c.findings[0].params()["placeCode"], gap);
        assert!(!c.is_valid());
    }
}

#[test]
fn century_digits_zero_to_nine_give_century_and_sex() {
    let cases = [
        (0, 1990, Sex::M),
        (1, 1990, Sex::F),
        (2, 2090, Sex::M),
        (3, 2090, Sex::F),
        (4, 2190, Sex::M),
        (5, 2190, Sex::F),
        (6, 2290, Sex::M),
        (7, 2290, Sex::F),
        (8, 2390, Sex::M),
        (9, 2390, Sex::F),
    ];
    for (g, year, sex) in cases {
        let id = IdNumber::parse(&format!("001{g}90000123")).unwrap();
        assert_eq!(id.century_digit, g);
        assert_eq!((id.birth_year, id.sex), (year, sex), "digit {g}");
    }
    // Year digits 00 and 99 at both ends of a century.
    assert_eq!(IdNumber::parse("001000000001").unwrap().birth_year, 1900);
    assert_eq!(IdNumber::parse("001199000001").unwrap().birth_year, 1999);
    assert_eq!(IdNumber::parse("001200000001").unwrap().birth_year, 2000);
    assert_eq!(IdNumber::parse("001326000001").unwrap().birth_year, 2026);
}

#[test]
fn consistent_id_dob_and_sex_give_no_findings() {
    assert!(card("001090000123", "15031990", "Nam").findings.is_empty());
    assert!(card("001190000123", "15031990", "Nữ").findings.is_empty());
    assert!(card("001203000123", "01012003", "Nam").findings.is_empty());
    assert!(card("001305000123", "02092005", "Nữ").findings.is_empty());
}

#[test]
fn id_birth_year_differing_from_dob_is_an_id_birth_year_mismatch_error() {
    let c = card("001090000123", "15031991", "Nam");
    assert_eq!(
        c.findings,
        vec![Finding::IdBirthYearMismatch {
            id_birth_year: 1990,
            dob_year: 1991
        }]
    );
    assert_eq!(codes(&c), vec!["ID_BIRTH_YEAR_MISMATCH"]);
    assert!(!c.is_valid());
    // Same two year digits, wrong century: 1990 vs 2090 is a mismatch too (and in the future).
    let c = card("001290000123", "15031990", "Nam");
    assert!(c.findings.contains(&Finding::IdBirthYearMismatch {
        id_birth_year: 2090,
        dob_year: 1990
    }));
    assert!(c.findings.contains(&Finding::IdBirthYearInFuture {
        id_birth_year: 2090
    }));
}

#[test]
fn id_sex_differing_from_sex_field_is_an_id_sex_mismatch_error() {
    let c = card("001090000123", "15031990", "Nữ");
    assert_eq!(
        c.findings,
        vec![Finding::IdSexMismatch {
            id_sex: Sex::M,
            field_sex: Sex::F
        }]
    );
    assert_eq!(c.findings[0].severity(), Severity::Error);
    let c = card("001190000123", "15031990", "Nam");
    assert_eq!(
        c.findings,
        vec![Finding::IdSexMismatch {
            id_sex: Sex::F,
            field_sex: Sex::M
        }]
    );
    assert!(!c.is_valid());
}

#[test]
fn century_digits_four_to_nine_are_birth_years_in_the_future() {
    for g in 4..=9u8 {
        let sex = if g % 2 == 0 { "Nam" } else { "Nữ" };
        let c = card(&format!("001{g}90000123"), "15031990", sex);
        let id_year = 1900 + 100 * u16::from(g / 2) + 90;
        assert_eq!(
            c.findings,
            vec![
                Finding::IdBirthYearInFuture {
                    id_birth_year: id_year
                },
                Finding::IdBirthYearMismatch {
                    id_birth_year: id_year,
                    dob_year: 1990
                },
            ],
            "digit {g}"
        );
        assert!(!c.is_valid());
    }
}

#[test]
fn birth_year_in_the_future_within_this_century_is_flagged() {
    // Digit 2, year 27: born 2027, a year after `now`; the DOB agrees, so no mismatch.
    let text = "001227000123||Nguyễn Văn An|01012027|Nam|Hà Nội|20042021";
    let c = parse_qr_text(text, now()).unwrap();
    assert_eq!(
        codes(&c),
        vec![
            "ID_BIRTH_YEAR_IN_FUTURE",
            "BIRTH_DATE_IN_FUTURE",
            "ISSUED_BEFORE_BIRTH"
        ]
    );
    // Born in the current year is not in the future.
    let c = card("001226000123", "01012026", "Nam");
    assert!(!codes(&c).contains(&"ID_BIRTH_YEAR_IN_FUTURE"));
}

#[test]
fn nine_digit_cmnd_in_field_one_is_not_decoded_as_a_personal_id() {
    // The CMND's first digits encode the issuing province under another scheme (§2, §7.13):
    // none of these must produce place, century, sex or year findings.
    for cmnd in ["012345678", "215000111", "999999999", "003190000"] {
        let c = card("001090000123", "15031990", "Nam");
        let text = format!("001090000123|{cmnd}|Nguyễn Văn An|15031990|Nam|Hà Nội|20042021");
        let with_cmnd = parse_qr_text(&text, now()).unwrap();
        assert_eq!(with_cmnd.old_id_number.as_deref(), Some(cmnd));
        assert_eq!(with_cmnd.id_number, c.id_number, "{cmnd}");
        assert!(
            with_cmnd.findings.is_empty(),
            "{cmnd}: {:?}",
            with_cmnd.findings
        );
    }
    // A 12-digit old number with a gap code, another century and the other sex is not decoded.
    let text = "001090000123|003391000000|Nguyễn Văn An|15031990|Nam|Hà Nội|20042021";
    let c = parse_qr_text(text, now()).unwrap();
    assert_eq!(c.old_id_number.as_deref(), Some("003391000000"));
    assert!(c.findings.is_empty(), "{:?}", c.findings);
    // And a 9-digit number in field 0 is not accepted as the personal ID.
    let text = "012345678|001090000123|Nguyễn Văn An|15031990|Nam|Hà Nội|20042021";
    assert_eq!(parse_qr_text(text, now()), Err(Error::IdNumberFormat));
}

#[test]
fn ids_that_are_not_twelve_ascii_digits_are_rejected() {
    for bad in [
        "",
        "00109000012",
        "0010900001234",
        "00109000012a",
        "-01090000123",
        "+01090000123",
        "００1090000123",
        "٠01090000123",
    ] {
        assert_eq!(IdNumber::parse(bad), Err(Error::IdNumberFormat), "{bad:?}");
    }
}
