//! The QR payload: the four synthetic examples of `cccd.md` §1.5, field counts, encodings,
//! charset repair, partial and malformed dates, sex values and input limits.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use cccd_verify::{
    parse_qr_bytes, parse_qr_text, Card, Date, Error, Expiry, Field, Finding, Generation, Lang,
    Law, Place, Repair, Severity, Sex, MAX_PAYLOAD_BYTES,
};
use unicode_normalization::UnicodeNormalization;

const EX1_CCCD_WITH_CMND: &str = "001090000123|012345678|Nguyễn Văn An|15031990|Nam|Số 1 Ngõ 2, Phường Láng Hạ, Quận Đống Đa, Hà Nội|20042021";
const EX2_CCCD_NO_CMND: &str = "036305000456||Trần Thị Bình|02092005|Nữ|Thôn Đông, Xã Hải Anh, Huyện Hải Hậu, Nam Định|10052021";
const EX3_CAN_CUOC_WITH_CMND: &str = "052092000321|215000111|Phạm Văn Dũng|21081992|Nam|Thôn 3, Xã Cát Hanh, Huyện Phù Cát, Bình Định|18112024||||";
const EX4_CAN_CUOC_NO_CMND: &str = "079301000789||Lê Thị Cúc|30112001|Nữ|12/3 Đường Số 5, Phường 7, Quận Gò Vấp, TP. Hồ Chí Minh|15082024||||";

fn now() -> Date {
    Date::new(2026, 11, 27).unwrap()
}

fn date(y: u16, m: u8, d: u8) -> Date {
    Date::new(y, m, d).unwrap()
}

fn codes(card: &Card) -> Vec<&'static str> {
    card.findings.iter().map(Finding::code).collect()
}

fn error_codes(card: &Card) -> Vec<&'static str> {
    card.findings
        .iter()
        .filter(|f| f.severity() == Severity::Error)
        .map(Finding::code)
        .collect()
}

/// A 7-field payload built from the given fields.
fn payload(fields: [&str; 7]) -> String {
    fields.join("|")
}

/// Example 1 with one field replaced.
fn ex1_with(index: usize, value: &str) -> String {
    let mut fields: Vec<&str> = EX1_CCCD_WITH_CMND.split('|').collect();
    fields[index] = value;
    fields.join("|")
}

fn province(code: &str, name: &'static str, successor: &'static str) -> Place {
    Place::Province {
        code: code.into(),
        name,
        successor_2025: successor,
    }
}

fn renewal_age(e: &Expiry) -> Option<u16> {
    match e {
        Expiry::Date { renewal_age, .. } => Some(*renewal_age),
        Expiry::None { .. } => None,
    }
}

fn law(e: &Expiry) -> Law {
    match e {
        Expiry::Date { law, .. } | Expiry::None { law, .. } => *law,
    }
}

/// Maps each UTF-8 byte to the ISO-8859-1 character of the same value.
fn as_latin1(s: &str) -> String {
    s.bytes().map(char::from).collect()
}

/// Maps each UTF-8 byte to its Windows-1252 character (unassigned bytes to the C1 control).
fn as_cp1252(s: &str) -> String {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    s.bytes()
        .map(|b| match b {
            0x80..=0x9F => HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The four synthetic examples of cccd.md §1.5, every field.

#[test]
fn seven_field_2021_payload_with_cmnd_reads_every_field() {
    let card = parse_qr_text(EX1_CCCD_WITH_CMND, now()).unwrap();
    assert_eq!(card.id_number.value, "001090000123");
    assert_eq!(card.id_number.place, province("001", "Hà Nội", "Hà Nội"));
    assert_eq!(card.id_number.birth_year, 1990);
    assert_eq!(card.old_id_number.as_deref(), Some("012345678"));
    assert_eq!(card.full_name, "Nguyễn Văn An");
    assert_eq!(card.date_of_birth.iso, "1990-03-15");
    assert_eq!(card.date_of_birth.month, Some(3));
    assert_eq!(card.date_of_birth.day, Some(15));
    assert_eq!(card.sex, Sex::M);
    assert_eq!(
        card.address,
        "Số 1 Ngõ 2, Phường Láng Hạ, Quận Đống Đa, Hà Nội"
    );
    assert_eq!(card.issue_date, date(2021, 4, 20));
    assert_eq!(card.generation, Generation::Cccd2021);
    assert_eq!(card.field_count, 7);
    // 31 at issue under the 2014 law → 40th birthday.
    assert_eq!(card.expiry.date(), Some(date(2030, 3, 15)));
    assert_eq!(card.expiry.valid_until(), Some(date(2030, 3, 15)));
    assert_eq!(renewal_age(&card.expiry), Some(40));
    assert_eq!(law(&card.expiry), Law::Cccd2014);
    assert!(!card.expired);
    assert!(card.extras.is_empty());
    assert_eq!(card.repaired, None);
    assert_eq!(card.mrz, None);
    assert!(card.is_valid());
    assert_eq!(codes(&card), Vec::<&str>::new());
}

#[test]
fn seven_field_2021_payload_with_empty_cmnd_keeps_field_positions() {
    let card = parse_qr_text(EX2_CCCD_NO_CMND, now()).unwrap();
    assert_eq!(card.id_number.value, "036305000456");
    assert_eq!(
        card.id_number.place,
        province("036", "Nam Định", "Ninh Bình")
    );
    assert_eq!(card.old_id_number, None);
    // The empty field 1 must not shift the name into the CMND slot.
    assert_eq!(card.full_name, "Trần Thị Bình");
    assert_eq!(card.date_of_birth.iso, "2005-09-02");
    assert_eq!(card.sex, Sex::F);
    assert_eq!(
        card.address,
        "Thôn Đông, Xã Hải Anh, Huyện Hải Hậu, Nam Định"
    );
    assert_eq!(card.issue_date, date(2021, 5, 10));
    assert_eq!(card.generation, Generation::Cccd2021);
    assert_eq!(card.field_count, 7);
    // 15 at issue under the 2014 law → 25th birthday.
    assert_eq!(card.expiry.date(), Some(date(2030, 9, 2)));
    assert_eq!(renewal_age(&card.expiry), Some(25));
    assert_eq!(law(&card.expiry), Law::Cccd2014);
    assert!(!card.expired);
    assert!(card.is_valid());
    assert_eq!(codes(&card), Vec::<&str>::new());
}

#[test]
fn eleven_field_2024_payload_with_cmnd_reads_every_field() {
    let card = parse_qr_text(EX3_CAN_CUOC_WITH_CMND, now()).unwrap();
    assert_eq!(card.id_number.value, "052092000321");
    assert_eq!(
        card.id_number.place,
        province("052", "Bình Định", "Gia Lai")
    );
    assert_eq!(card.old_id_number.as_deref(), Some("215000111"));
    assert_eq!(card.full_name, "Phạm Văn Dũng");
    assert_eq!(card.date_of_birth.iso, "1992-08-21");
    assert_eq!(card.sex, Sex::M);
    assert_eq!(
        card.address,
        "Thôn 3, Xã Cát Hanh, Huyện Phù Cát, Bình Định"
    );
    assert_eq!(card.issue_date, date(2024, 11, 18));
    assert_eq!(card.generation, Generation::CanCuoc2024);
    assert_eq!(card.field_count, 11);
    // 32 at issue under the 2023 law → 40th birthday.
    assert_eq!(card.expiry.date(), Some(date(2032, 8, 21)));
    assert_eq!(renewal_age(&card.expiry), Some(40));
    assert_eq!(law(&card.expiry), Law::CanCuoc2023);
    assert!(!card.expired);
    assert!(
        card.extras.is_empty(),
        "empty trailing fields are not extras"
    );
    assert!(card.is_valid());
    assert_eq!(codes(&card), Vec::<&str>::new());
}

#[test]
fn eleven_field_2024_payload_with_empty_cmnd_and_trailing_empties_keeps_field_positions() {
    let card = parse_qr_text(EX4_CAN_CUOC_NO_CMND, now()).unwrap();
    assert_eq!(card.id_number.value, "079301000789");
    assert_eq!(
        card.id_number.place,
        province("079", "Hồ Chí Minh", "Hồ Chí Minh")
    );
    assert_eq!(card.old_id_number, None);
    assert_eq!(card.full_name, "Lê Thị Cúc");
    assert_eq!(card.date_of_birth.iso, "2001-11-30");
    assert_eq!(card.sex, Sex::F);
    assert_eq!(
        card.address,
        "12/3 Đường Số 5, Phường 7, Quận Gò Vấp, TP. Hồ Chí Minh"
    );
    assert_eq!(card.issue_date, date(2024, 8, 15));
    assert_eq!(card.generation, Generation::CanCuoc2024);
    assert_eq!(card.field_count, 11);
    // 22 at issue under the 2023 law → 25th birthday, three days after `now`.
    assert_eq!(card.expiry.date(), Some(date(2026, 11, 30)));
    assert_eq!(renewal_age(&card.expiry), Some(25));
    assert_eq!(law(&card.expiry), Law::CanCuoc2023);
    assert!(!card.expired);
    assert!(card.extras.is_empty());
    assert!(card.is_valid());
    assert_eq!(codes(&card), Vec::<&str>::new());
}

#[test]
fn example_card_json_reports_unsigned_assurance_and_computed_expiry() {
    let card = parse_qr_text(EX1_CCCD_WITH_CMND, now()).unwrap();
    let json = card.to_json(Lang::En);
    assert_eq!(json["assurance"], "unsigned");
    assert_eq!(json["fieldCount"], 7);
    assert_eq!(json["generation"]["value"], "cccd2021");
    assert_eq!(json["oldIdNumber"], "012345678");
    assert_eq!(json["dateOfBirth"]["iso"], "1990-03-15");
    assert_eq!(json["issueDate"], "2021-04-20");
    assert_eq!(json["expiry"]["kind"], "date");
    assert_eq!(json["expiry"]["date"], "2030-03-15");
    assert_eq!(json["expiry"]["renewalAge"], 40);
    assert_eq!(json["law"], "cccd2014");
    assert_eq!(json["valid"], true);
    assert_eq!(json["findings"].as_array().map(Vec::len), Some(0));
    let json = parse_qr_text(EX2_CCCD_NO_CMND, now())
        .unwrap()
        .to_json(Lang::Vi);
    assert!(json["oldIdNumber"].is_null());
}

// ---------------------------------------------------------------------------------------------
// Field count.

#[test]
fn fewer_than_seven_fields_names_first_missing_field_and_count_found() {
    let fields: Vec<&str> = EX1_CCCD_WITH_CMND.split('|').collect();
    for found in 2..7 {
        let text = fields[..found].join("|");
        assert_eq!(
            parse_qr_text(&text, now()),
            Err(Error::FieldMissing {
                field: Field::REQUIRED[found],
                found
            }),
            "{found} fields"
        );
    }
    let err = parse_qr_text("001090000123|012345678|Nguyễn Văn An", now()).unwrap_err();
    assert_eq!(
        err,
        Error::FieldMissing {
            field: Field::DateOfBirth,
            found: 3
        }
    );
    assert_eq!(err.code(), "ERR_FIELD_MISSING");
    assert_eq!(err.params()["field"], "dateOfBirth");
    assert_eq!(err.params()["found"], 3);
    assert!(err.message(Lang::En).contains("has 3 fields"));
}

#[test]
fn six_field_layout_without_cmnd_is_rejected_not_misindexed() {
    // The wrong 6-field layout of cccd.md §1.3 / §7.2.
    let six = "001090000123|Nguyễn Văn An|15031990|Nam|Hà Nội|20042021";
    assert_eq!(
        parse_qr_text(six, now()),
        Err(Error::FieldMissing {
            field: Field::IssueDate,
            found: 6
        })
    );
}

#[test]
fn text_without_pipe_is_not_a_cccd_payload() {
    for text in [
        "001090000123",
        "https://example.invalid/?id=001090000123",
        "Nguyễn Văn An",
        "CCCD:001090000123",
    ] {
        assert_eq!(
            parse_qr_text(text, now()),
            Err(Error::NotCccdPayload),
            "{text}"
        );
    }
    assert_eq!(
        parse_qr_text("just text", now()).unwrap_err().code(),
        "ERR_NOT_CCCD_PAYLOAD"
    );
}

#[test]
fn empty_or_whitespace_only_input_is_input_empty() {
    for text in ["", " ", "\r\n", "\t \n", "\u{feff}"] {
        assert_eq!(
            parse_qr_text(text, now()),
            Err(Error::InputEmpty),
            "{text:?}"
        );
    }
    assert_eq!(parse_qr_bytes(b"", now()), Err(Error::InputEmpty));
    assert_eq!(
        parse_qr_bytes(b"\xEF\xBB\xBF", now()),
        Err(Error::InputEmpty)
    );
}

#[test]
fn non_empty_trailing_fields_are_kept_in_extras_with_their_index() {
    let text = "079301000789||Lê Thị Cúc|30112001|Nữ|Quận Gò Vấp|15082024||079088000111||Ghi chú";
    let card = parse_qr_text(text, now()).unwrap();
    assert_eq!(card.field_count, 11);
    assert_eq!(card.generation, Generation::CanCuoc2024);
    assert_eq!(
        card.extras,
        vec![(8, "079088000111".to_owned()), (10, "Ghi chú".to_owned())]
    );
    assert_eq!(codes(&card), vec!["EXTRA_FIELDS"]);
    assert_eq!(card.findings[0], Finding::ExtraFields { count: 2 });
    assert_eq!(card.findings[0].severity(), Severity::Warning);
    assert!(card.is_valid());
}

#[test]
fn whitespace_only_trailing_fields_are_not_extras() {
    // Example 4 ends in 4 empty fields; make them whitespace.
    let text = EX4_CAN_CUOC_NO_CMND.replace("||||", "| |\t| |");
    assert!(text.ends_with("15082024| |\t| |"));
    let card = parse_qr_text(&text, now()).unwrap();
    assert_eq!(card.field_count, 11);
    assert!(card.extras.is_empty());
    assert_eq!(codes(&card), Vec::<&str>::new());
}

#[test]
fn nine_fields_are_unusual_and_generation_unknown() {
    let text = format!("{EX1_CCCD_WITH_CMND}||");
    let card = parse_qr_text(&text, now()).unwrap();
    assert_eq!(card.field_count, 9);
    assert_eq!(card.generation, Generation::Unknown);
    assert!(card.extras.is_empty());
    assert_eq!(codes(&card), vec!["FIELD_COUNT_UNUSUAL"]);
    assert_eq!(card.findings[0], Finding::FieldCountUnusual { count: 9 });
    assert_eq!(card.findings[0].severity(), Severity::Warning);
    assert!(card.is_valid());
    // The seven fields are still read in place.
    assert_eq!(card.full_name, "Nguyễn Văn An");
    assert_eq!(card.issue_date, date(2021, 4, 20));
}

#[test]
fn eight_and_twelve_fields_are_unusual_too() {
    for (extra, count) in [("|", 8), ("|||||", 12)] {
        let card = parse_qr_text(&format!("{EX1_CCCD_WITH_CMND}{extra}"), now()).unwrap();
        assert_eq!(card.field_count, count);
        assert_eq!(card.generation, Generation::Unknown);
        assert_eq!(card.findings, vec![Finding::FieldCountUnusual { count }]);
    }
}

#[test]
fn seven_fields_issued_after_july_2024_is_a_generation_mismatch_warning() {
    let card = parse_qr_text(&ex1_with(6, "01082024"), now()).unwrap();
    assert_eq!(card.generation, Generation::Cccd2021);
    assert_eq!(codes(&card), vec!["GENERATION_MISMATCH"]);
    assert!(card.is_valid());
    let eleven_early = EX4_CAN_CUOC_NO_CMND.replace("15082024", "30062024");
    let card = parse_qr_text(&eleven_early, now()).unwrap();
    assert_eq!(card.generation, Generation::CanCuoc2024);
    assert_eq!(codes(&card), vec!["GENERATION_MISMATCH"]);
}

// ---------------------------------------------------------------------------------------------
// Bytes and encodings.

#[test]
fn utf8_bytes_parse_like_text() {
    for ex in [
        EX1_CCCD_WITH_CMND,
        EX2_CCCD_NO_CMND,
        EX3_CAN_CUOC_WITH_CMND,
        EX4_CAN_CUOC_NO_CMND,
    ] {
        assert_eq!(
            parse_qr_bytes(ex.as_bytes(), now()),
            parse_qr_text(ex, now())
        );
    }
}

#[test]
fn leading_utf8_bom_is_ignored_in_bytes_and_text() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(EX1_CCCD_WITH_CMND.as_bytes());
    let card = parse_qr_bytes(&bytes, now()).unwrap();
    assert_eq!(card.id_number.value, "001090000123");
    assert_eq!(card, parse_qr_text(EX1_CCCD_WITH_CMND, now()).unwrap());
    let text = format!("\u{feff}{EX1_CCCD_WITH_CMND}");
    assert_eq!(parse_qr_text(&text, now()).unwrap(), card);
}

#[test]
fn invalid_utf8_is_payload_encoding_with_offset_of_first_bad_byte() {
    // Byte 23 is the first byte of the name.
    let mut bytes = EX1_CCCD_WITH_CMND.as_bytes().to_vec();
    assert_eq!(&bytes[23..28], b"Nguy\xE1");
    bytes[23] = 0xFF;
    let err = parse_qr_bytes(&bytes, now()).unwrap_err();
    assert_eq!(err, Error::PayloadEncoding { offset: 23 });
    assert_eq!(err.code(), "ERR_PAYLOAD_ENCODING");
    assert_eq!(err.params()["offset"], 23);

    // "ễ" (E1 BB 85) cut after two bytes: invalid at its first byte, offset 27.
    let mut truncated = b"001090000123|012345678|Nguy\xE1\xBB".to_vec();
    truncated.extend_from_slice(b"n Van An|15031990|Nam|Ha Noi|20042021");
    assert_eq!(
        parse_qr_bytes(&truncated, now()),
        Err(Error::PayloadEncoding { offset: 27 })
    );

    // Latin-1 bytes (not UTF-8) are rejected, not guessed.
    let latin1_bytes: Vec<u8> = "001090000123||Lê Văn|15031990|Nam|Hà|20042021"
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect();
    assert_eq!(
        parse_qr_bytes(&latin1_bytes, now()),
        Err(Error::PayloadEncoding { offset: 15 })
    );
}

#[test]
fn invalid_utf8_offset_counts_the_bom_the_caller_passed() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(EX1_CCCD_WITH_CMND.as_bytes());
    bytes[3 + 23] = 0xFF;
    // The offset indexes the caller's bytes, BOM included.
    assert_eq!(
        parse_qr_bytes(&bytes, now()),
        Err(Error::PayloadEncoding { offset: 26 })
    );
}

#[test]
fn latin1_mojibake_is_repaired_and_reported() {
    let garbled = as_latin1(EX1_CCCD_WITH_CMND);
    assert!(garbled.contains("Nguyá»\u{85}n"), "{garbled}");
    let card = parse_qr_text(&garbled, now()).unwrap();
    assert_eq!(card.repaired, Some(Repair::Latin1));
    assert_eq!(codes(&card), vec!["TEXT_REPAIRED"]);
    assert_eq!(
        card.findings[0],
        Finding::TextRepaired {
            from: Repair::Latin1
        }
    );
    assert_eq!(card.findings[0].severity(), Severity::Warning);
    assert!(card.is_valid());
    let clean = parse_qr_text(EX1_CCCD_WITH_CMND, now()).unwrap();
    assert_eq!(card.full_name, "Nguyễn Văn An");
    assert_eq!(card.address, clean.address);
    assert_eq!(card.name, clean.name);
    assert_eq!(card.expiry, clean.expiry);
    let json = card.to_json(Lang::En);
    assert_eq!(json["repairedFrom"], "iso-8859-1");
}

#[test]
fn windows_1252_mojibake_is_repaired_and_reported() {
    let garbled = as_cp1252(EX3_CAN_CUOC_WITH_CMND);
    // "ạ" is E1 BA A1: Windows-1252 gives "áº¡"; "ũ" is C5 A9: "Å©".
    assert!(garbled.contains("Pháº¡m VÄƒn DÅ©ng"), "{garbled}");
    let card = parse_qr_text(&garbled, now()).unwrap();
    assert_eq!(card.repaired, Some(Repair::Windows1252));
    assert_eq!(codes(&card), vec!["TEXT_REPAIRED"]);
    assert_eq!(card.full_name, "Phạm Văn Dũng");
    assert_eq!(
        card.address,
        "Thôn 3, Xã Cát Hanh, Huyện Phù Cát, Bình Định"
    );
    assert_eq!(card.field_count, 11);
    assert!(card.is_valid());
    assert_eq!(card.to_json(Lang::En)["repairedFrom"], "windows-1252");
}

#[test]
fn correct_vietnamese_text_is_not_repaired() {
    for ex in [
        EX1_CCCD_WITH_CMND,
        EX2_CCCD_NO_CMND,
        EX3_CAN_CUOC_WITH_CMND,
        EX4_CAN_CUOC_NO_CMND,
    ] {
        assert_eq!(parse_qr_text(ex, now()).unwrap().repaired, None);
    }
    // A payload of Latin-1 letters only, none forming UTF-8 when read back as bytes.
    let text = "001090000123|012345678|Hà Lê Tú|15031990|Nam|Hà Nam, Tây Ninh|20042021";
    assert!(text.chars().all(|c| u32::from(c) <= 0xFF));
    let card = parse_qr_text(text, now()).unwrap();
    assert_eq!(card.repaired, None);
    assert_eq!(card.full_name, "Hà Lê Tú");
    assert!(card.findings.is_empty());
}

#[test]
fn cjk_mojibake_is_an_error_finding() {
    let text =
        "001090000123|012345678|Hu廙軟h Hi廕簑|15031990|Nam|V藺nh Phong, V藺nh B廕υ|20042021";
    let card = parse_qr_text(text, now()).unwrap();
    assert_eq!(error_codes(&card), vec!["TEXT_MOJIBAKE"]);
    assert_eq!(card.findings, vec![Finding::TextMojibake]);
    assert!(!card.is_valid());
    assert_eq!(card.repaired, None);
    // The fields are still read in place (the name as the scanner gave it).
    assert_eq!(card.full_name, "Hu廙軟h Hi廕簑");
    assert_eq!(card.date_of_birth.iso, "1990-03-15");
}

#[test]
fn nfd_input_is_normalised_to_nfc() {
    let nfd: String = EX1_CCCD_WITH_CMND.nfd().collect();
    assert_ne!(nfd, EX1_CCCD_WITH_CMND);
    let card = parse_qr_text(&nfd, now()).unwrap();
    assert_eq!(card.full_name, "Nguyễn Văn An");
    assert_eq!(card.full_name.chars().count(), 13);
    assert_eq!(
        card.address,
        "Số 1 Ngõ 2, Phường Láng Hạ, Quận Đống Đa, Hà Nội"
    );
    assert_eq!(card.repaired, None);
    assert_eq!(card, parse_qr_text(EX1_CCCD_WITH_CMND, now()).unwrap());
    let nfd_female: String = EX2_CCCD_NO_CMND.nfd().collect();
    assert_eq!(parse_qr_text(&nfd_female, now()).unwrap().sex, Sex::F);
}

#[test]
fn surrounding_cr_lf_and_whitespace_are_tolerated() {
    let clean = parse_qr_text(EX3_CAN_CUOC_WITH_CMND, now()).unwrap();
    for wrapped in [
        format!("{EX3_CAN_CUOC_WITH_CMND}\r\n"),
        format!("{EX3_CAN_CUOC_WITH_CMND}\n"),
        format!("  \t{EX3_CAN_CUOC_WITH_CMND} \r\n"),
        format!("\r\n{EX3_CAN_CUOC_WITH_CMND}\r\n\r\n"),
    ] {
        assert_eq!(
            parse_qr_text(&wrapped, now()).unwrap(),
            clean,
            "{wrapped:?}"
        );
        assert_eq!(
            parse_qr_bytes(wrapped.as_bytes(), now()).unwrap(),
            clean,
            "{wrapped:?}"
        );
    }
    // Spaces inside fields are trimmed too.
    let spaced = payload([
        " 001090000123 ",
        " 012345678 ",
        "  Nguyễn   Văn  An ",
        " 15031990",
        " Nam ",
        " Hà Nội ",
        "20042021 ",
    ]);
    let card = parse_qr_text(&spaced, now()).unwrap();
    assert_eq!(card.id_number.value, "001090000123");
    assert_eq!(card.old_id_number.as_deref(), Some("012345678"));
    assert_eq!(card.full_name, "Nguyễn Văn An");
    assert_eq!(card.address, "Hà Nội");
    assert_eq!(card.issue_date, date(2021, 4, 20));
}

#[test]
fn input_over_4096_bytes_is_input_too_large() {
    assert_eq!(MAX_PAYLOAD_BYTES, 4096);
    let head = "001090000123|012345678|Nguyễn Văn An|15031990|Nam|";
    let tail = "|20042021";
    let fill = MAX_PAYLOAD_BYTES - head.len() - tail.len();
    let at_limit = format!("{head}{}{tail}", "a".repeat(fill));
    assert_eq!(at_limit.len(), 4096);
    assert_eq!(parse_qr_text(&at_limit, now()).unwrap().address.len(), fill);
    assert!(parse_qr_bytes(at_limit.as_bytes(), now()).is_ok());

    let over = format!("{head}{}{tail}", "a".repeat(fill + 1));
    let expected = Error::InputTooLarge {
        len: 4097,
        max: 4096,
    };
    assert_eq!(parse_qr_text(&over, now()), Err(expected.clone()));
    assert_eq!(
        parse_qr_bytes(over.as_bytes(), now()),
        Err(expected.clone())
    );
    assert_eq!(expected.code(), "ERR_INPUT_TOO_LARGE");
    // Even invalid bytes are rejected for size first.
    assert_eq!(
        parse_qr_bytes(&[0xFF; 5000], now()),
        Err(Error::InputTooLarge {
            len: 5000,
            max: 4096
        })
    );
}

// ---------------------------------------------------------------------------------------------
// Dates.

#[test]
fn birth_date_with_unknown_day_is_partial_and_expiry_approximate() {
    let card = parse_qr_text(&ex1_with(3, "00031990"), now()).unwrap();
    assert_eq!(card.date_of_birth.iso, "1990-03");
    assert_eq!(card.date_of_birth.year, 1990);
    assert_eq!(card.date_of_birth.month, Some(3));
    assert_eq!(card.date_of_birth.day, None);
    assert!(card.date_of_birth.is_partial());
    assert_eq!(
        codes(&card),
        vec!["BIRTH_DATE_PARTIAL", "EXPIRY_APPROXIMATE"]
    );
    assert!(card
        .findings
        .iter()
        .all(|f| f.severity() == Severity::Warning));
    assert!(card.is_valid());
    // Computed from the 1st of the month.
    assert_eq!(card.expiry.date(), Some(date(2030, 3, 1)));
    assert!(matches!(
        card.expiry,
        Expiry::Date {
            approximate: true,
            renewal_age: 40,
            ..
        }
    ));
}

#[test]
fn birth_date_with_unknown_day_and_month_is_year_only() {
    let card = parse_qr_text(&ex1_with(3, "00001990"), now()).unwrap();
    assert_eq!(card.date_of_birth.iso, "1990");
    assert_eq!(card.date_of_birth.month, None);
    assert_eq!(card.date_of_birth.day, None);
    assert_eq!(
        codes(&card),
        vec!["BIRTH_DATE_PARTIAL", "EXPIRY_APPROXIMATE"]
    );
    assert_eq!(card.expiry.date(), Some(date(2030, 1, 1)));
    assert!(matches!(
        card.expiry,
        Expiry::Date {
            approximate: true,
            ..
        }
    ));
    assert_eq!(card.to_json(Lang::En)["dateOfBirth"]["iso"], "1990");
}

#[test]
fn birth_date_with_unknown_month_but_known_day_drops_the_day() {
    let card = parse_qr_text(&ex1_with(3, "15001990"), now()).unwrap();
    assert_eq!(card.date_of_birth.iso, "1990");
    assert_eq!(card.date_of_birth.month, None);
    assert_eq!(card.date_of_birth.day, None);
    assert_eq!(
        codes(&card),
        vec!["BIRTH_DATE_PARTIAL", "EXPIRY_APPROXIMATE"]
    );
}

#[test]
fn full_birth_date_has_no_partial_findings() {
    let card = parse_qr_text(EX1_CCCD_WITH_CMND, now()).unwrap();
    assert!(!card.date_of_birth.is_partial());
    assert!(matches!(
        card.expiry,
        Expiry::Date {
            approximate: false,
            ..
        }
    ));
}

#[test]
fn malformed_birth_dates_are_date_format_errors_naming_the_field() {
    for bad in [
        "31022000",
        "2000-01-01",
        "1990/03/15",
        "15/03/1990",
        "1503199",
        "150319900",
        "15a31990",
        "32011990",
        "15131990",
        "29022001",
        "31041990",
        "00000000",
        "15030000",
        "",
        "１５031990",
    ] {
        let err = parse_qr_text(&ex1_with(3, bad), now()).unwrap_err();
        assert_eq!(
            err,
            Error::DateFormat {
                field: Field::DateOfBirth
            },
            "{bad:?}"
        );
        assert_eq!(err.params()["field"], "dateOfBirth");
    }
    // A real leap day is fine.
    let text = ex1_with(3, "29022000").replace("001090000123", "001200000123");
    let card = parse_qr_text(&text, now()).unwrap();
    assert_eq!(card.date_of_birth.iso, "2000-02-29");
    // 21 at issue → 25th birthday, in a common year: 28 February 2025, long expired.
    assert_eq!(card.expiry.date(), Some(date(2025, 2, 28)));
    assert_eq!(codes(&card), vec!["CARD_EXPIRED"]);
}

#[test]
fn malformed_issue_dates_are_date_format_errors_naming_the_field() {
    for bad in [
        "31022021",
        "2021-04-20",
        "20/04/2021",
        "2004202",
        "00042021",
        "20002021",
        "29022023",
        "",
    ] {
        let err = parse_qr_text(&ex1_with(6, bad), now()).unwrap_err();
        assert_eq!(
            err,
            Error::DateFormat {
                field: Field::IssueDate
            },
            "{bad:?}"
        );
        assert_eq!(err.params()["field"], "issueDate");
        assert_eq!(err.params()["index"], 6);
    }
}

// ---------------------------------------------------------------------------------------------
// Other fields.

#[test]
fn sex_field_accepts_nam_and_nu_in_any_case_and_form() {
    let nfd_nu: String = "Nữ".nfd().collect();
    for (value, expected) in [
        ("Nam", Sex::M),
        ("NAM", Sex::M),
        ("nam", Sex::M),
        (" Nam ", Sex::M),
        ("Nữ", Sex::F),
        ("NỮ", Sex::F),
        ("nữ", Sex::F),
        (nfd_nu.as_str(), Sex::F),
    ] {
        let card = parse_qr_text(&ex1_with(4, value), now()).unwrap();
        assert_eq!(card.sex, expected, "{value:?}");
    }
}

#[test]
fn other_sex_values_are_sex_value_errors() {
    for bad in [
        "Nu", "NU", "M", "F", "Male", "Female", "Nữa", "Na m", "", "0",
    ] {
        let err = parse_qr_text(&ex1_with(4, bad), now()).unwrap_err();
        assert_eq!(err, Error::SexValue, "{bad:?}");
        assert_eq!(err.code(), "ERR_SEX_VALUE");
    }
}

#[test]
fn empty_name_is_field_empty() {
    for empty in ["", "   ", "\t"] {
        assert_eq!(
            parse_qr_text(&ex1_with(2, empty), now()),
            Err(Error::FieldEmpty {
                field: Field::FullName
            }),
            "{empty:?}"
        );
    }
    let err = parse_qr_text(&ex1_with(2, ""), now()).unwrap_err();
    assert_eq!(err.code(), "ERR_FIELD_EMPTY");
    assert_eq!(err.params()["field"], "fullName");
    assert_eq!(err.params()["index"], 2);
}

#[test]
fn empty_id_number_is_field_empty() {
    assert_eq!(
        parse_qr_text(&ex1_with(0, ""), now()),
        Err(Error::FieldEmpty {
            field: Field::IdNumber
        })
    );
}

#[test]
fn id_number_that_is_not_twelve_digits_is_id_number_format() {
    for bad in [
        "00109000012",
        "0010900001234",
        "00109000012a",
        "001 090 000 123",
        "001-090-000-123",
        "０01090000123",
    ] {
        assert_eq!(
            parse_qr_text(&ex1_with(0, bad), now()),
            Err(Error::IdNumberFormat),
            "{bad:?}"
        );
    }
}

#[test]
fn empty_address_is_a_warning() {
    let card = parse_qr_text(&ex1_with(5, ""), now()).unwrap();
    assert_eq!(card.address, "");
    assert_eq!(card.findings, vec![Finding::AddressEmpty]);
    assert!(card.is_valid());
}

#[test]
fn old_id_of_unusual_shape_is_kept_with_a_warning() {
    for odd in ["12345", "01234567A", "0123456789"] {
        let card = parse_qr_text(&ex1_with(1, odd), now()).unwrap();
        assert_eq!(card.old_id_number.as_deref(), Some(odd));
        assert_eq!(card.findings, vec![Finding::OldIdNumberFormat], "{odd}");
        assert!(card.is_valid());
    }
    // 12 digits (a 12-digit CMND) is a normal shape.
    let card = parse_qr_text(&ex1_with(1, "001090000999"), now()).unwrap();
    assert_eq!(card.old_id_number.as_deref(), Some("001090000999"));
    assert!(card.findings.is_empty());
}

#[test]
fn issue_date_before_2021_is_a_warning() {
    let card = parse_qr_text(&ex1_with(6, "31122020"), now()).unwrap();
    assert_eq!(card.issue_date, date(2020, 12, 31));
    assert_eq!(codes(&card), vec!["ISSUE_DATE_BEFORE_QR_CARDS"]);
    assert!(card.is_valid());
}

#[test]
fn error_findings_are_listed_before_warnings() {
    // Sex mismatch (error) and an empty address (warning) and a partial date (warnings).
    let text = payload([
        "001090000123",
        "",
        "Nguyễn Văn An",
        "00031990",
        "Nữ",
        "",
        "20042021",
    ]);
    let card = parse_qr_text(&text, now()).unwrap();
    let severities: Vec<Severity> = card.findings.iter().map(Finding::severity).collect();
    assert_eq!(severities[0], Severity::Error);
    assert!(severities[1..].iter().all(|s| *s == Severity::Warning));
    assert_eq!(
        codes(&card),
        vec![
            "ID_SEX_MISMATCH",
            "ADDRESS_EMPTY",
            "BIRTH_DATE_PARTIAL",
            "EXPIRY_APPROXIMATE"
        ]
    );
}

#[test]
fn windows_1252_mojibake_with_lost_bytes_is_reported_not_accepted() {
    // "Nguyễn Văn Học" whose ọ (E1 BB 8D) lost its 0x8D byte to U+FFFD in the scanner.
    let p = "001090000123||Nguyá»…n VÄƒn Há»\u{FFFD}c|15031990|Nam|Hà Nội|20042021";
    let c = cccd_verify::parse_qr_text(p, cccd_verify::Date::new(2026, 11, 27).unwrap()).unwrap();
    assert!(!c.is_valid());
    assert_eq!(
        c.findings.first().map(cccd_verify::Finding::code),
        Some("TEXT_MOJIBAKE")
    );
}

#[test]
fn bom_after_leading_whitespace_is_ignored() {
    let p = "\n\u{feff}001090000123|012345678|Nguyễn Văn An|15031990|Nam|Hà Nội|20042021\r\n";
    let c = cccd_verify::parse_qr_text(p, cccd_verify::Date::new(2026, 11, 27).unwrap()).unwrap();
    assert_eq!(c.id_number.value, "001090000123");
}

/// Text that could hide or reorder itself before a reviewer's eyes (issue 11, "text that cannot
/// spoof"): controls and bidi controls are errors, zero-width characters and non-Latin letters in
/// the name warnings — in every field shown to people, wherever they sit.
#[test]
fn control_bidi_zero_width_and_foreign_letters_are_findings() {
    let now = cccd_verify::Date::new(2026, 12, 4).unwrap();
    let base = [
        "001086000321",
        "",
        "Nguyễn Văn An",
        "15031986",
        "Nam",
        "Số 1 Ngõ 2, Phường Láng Hạ, Quận Đống Đa, Hà Nội",
        "05012026",
        "",
        "",
        "",
        "",
    ];
    let card = |field: usize, text: &str| {
        let mut f = base.map(str::to_owned);
        f[field] = text.to_owned();
        cccd_verify::parse_qr_text(&f.join("|"), now).unwrap()
    };
    let codes = |c: &cccd_verify::Card| c.findings.iter().map(|f| f.code()).collect::<Vec<_>>();
    assert!(card(2, "Nguyễn Văn An").is_valid());
    for (field, name) in [(2, "fullName"), (5, "address"), (1, "oldIdNumber")] {
        for bad in [
            '\u{0}', '\u{1b}', '\u{7f}', '\u{85}', '\u{61c}', '\u{200e}', '\u{200f}', '\u{202a}',
            '\u{202e}', '\u{2066}', '\u{2069}',
        ] {
            let value = if field == 1 {
                format!("0123{bad}45678")
            } else {
                format!("Nguyễn {bad}Văn An")
            };
            let c = card(field, &value);
            assert!(!c.is_valid(), "{name} with U+{:04X}", u32::from(bad));
            let f = c
                .findings
                .iter()
                .find(|f| f.code() == "TEXT_CONTROL_CHARACTER")
                .unwrap();
            assert_eq!(f.params()["field"], name);
            assert_eq!(f.params()["codePoint"], format!("U+{:04X}", u32::from(bad)));
        }
    }
    // Right-to-left override at the end of an otherwise genuine name.
    assert!(codes(&card(2, "Nguyễn Văn An\u{202e}")).contains(&"TEXT_CONTROL_CHARACTER"));
    for zw in ['\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}'] {
        let c = card(2, &format!("Nguyễn Văn{zw} An"));
        assert!(
            codes(&c).contains(&"TEXT_ZERO_WIDTH"),
            "U+{:04X}",
            u32::from(zw)
        );
        assert!(c.is_valid(), "zero-width is a warning");
    }
    // A Cyrillic "а" (U+0430) in place of the Latin "a".
    let c = card(2, "Nguyễn Văn \u{430}n");
    assert_eq!(codes(&c), ["NAME_MIXED_SCRIPTS"]);
    assert_eq!(c.findings[0].params()["codePoint"], "U+0430");
    // Vietnamese letters, decomposed or not, and ordinary punctuation are none of these.
    assert!(codes(&card(2, "Đặng Thị Hoà-Bình O'Neil")).is_empty());
    assert!(codes(&card(5, "12/3 Đường Số 5, P.7 (cũ)")).is_empty());
}
