//! Property tests: no input makes the parsers panic, every outcome is a card or a typed error,
//! and valid synthetic payloads and MRZs round-trip.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use cccd_verify::{
    check_digit, cross_check, parse_mrz, parse_qr_bytes, parse_qr_text, Card, Date, Error, Lang,
    Place, Severity, Sex, MAX_PAYLOAD_BYTES,
};
use proptest::collection::vec;
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

const EXAMPLES: [&str; 4] = [
    "001090000123|012345678|Nguyễn Văn An|15031990|Nam|Số 1 Ngõ 2, Phường Láng Hạ, Quận Đống Đa, Hà Nội|20042021",
    "036305000456||Trần Thị Bình|02092005|Nữ|Thôn Đông, Xã Hải Anh, Huyện Hải Hậu, Nam Định|10052021",
    "052092000321|215000111|Phạm Văn Dũng|21081992|Nam|Thôn 3, Xã Cát Hanh, Huyện Phù Cát, Bình Định|18112024||||",
    "079301000789||Lê Thị Cúc|30112001|Nữ|12/3 Đường Số 5, Phường 7, Quận Gò Vấp, TP. Hồ Chí Minh|15082024||||",
];
const NGUYEN_MRZ: &str = "IDVNM0900001233001090000123<<4\n9003152M3003150VNM<<<<<<<<<<<0\nNGUYEN<<VAN<AN<<<<<<<<<<<<<<<<";

const VIET_LETTERS: &str =
    "[a-zA-Z àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĐÂĂÊÔƠƯỄỆ,./-]";

fn now() -> Date {
    Date::new(2026, 11, 27).unwrap()
}

fn date(y: u16, m: u8, d: u8) -> Date {
    Date::new(y, m, d).unwrap()
}

// ---------------------------------------------------------------------------------------------
// Invariants of any outcome.

fn check_card(input: &str, card: &Card) {
    assert!(card.field_count >= 7);
    // Charset repair and NFC never add or remove a `|`.
    assert_eq!(card.field_count, input.matches('|').count() + 1);
    assert_eq!(card.id_number.value.len(), 12);
    assert!(card.id_number.value.bytes().all(|b| b.is_ascii_digit()));
    assert!(!card.full_name.is_empty());
    let has_error = card
        .findings
        .iter()
        .any(|f| f.severity() == Severity::Error);
    assert_eq!(card.is_valid(), !has_error);
    // Errors first.
    let first_warning = card
        .findings
        .iter()
        .position(|f| f.severity() == Severity::Warning)
        .unwrap_or(card.findings.len());
    assert!(card.findings[first_warning..]
        .iter()
        .all(|f| f.severity() == Severity::Warning));
    assert_eq!(
        card.expired,
        card.findings.iter().any(|f| f.code() == "CARD_EXPIRED")
    );
    for f in &card.findings {
        assert!(!f.code().is_empty());
        assert!(!f.message(Lang::Vi).is_empty());
    }
    let json = card.to_json(Lang::En);
    assert_eq!(json["fieldCount"], card.field_count);
    assert_eq!(json["valid"], card.is_valid());
}

fn check_error(e: &Error) {
    assert!(e.code().starts_with("ERR_"), "{e:?}");
    assert!(!e.message(Lang::En).is_empty());
    assert!(!e.message(Lang::Vi).is_empty());
    assert_eq!(e.to_json(Lang::En)["code"], e.code());
}

fn check_text(input: &str) {
    match parse_qr_text(input, now()) {
        Ok(card) => check_card(input, &card),
        Err(e) => check_error(&e),
    }
}

fn check_bytes(input: &[u8]) {
    let result = parse_qr_bytes(input, now());
    if input.len() > MAX_PAYLOAD_BYTES {
        assert_eq!(
            result,
            Err(Error::InputTooLarge {
                len: input.len(),
                max: MAX_PAYLOAD_BYTES
            })
        );
        return;
    }
    let body = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
    match std::str::from_utf8(body) {
        Ok(text) => assert_eq!(result, parse_qr_text(text, now())),
        Err(e) => assert_eq!(
            result,
            Err(Error::PayloadEncoding {
                offset: input.len() - body.len() + e.valid_up_to()
            })
        ),
    }
}

fn check_mrz(input: &str, card: &Card) {
    match parse_mrz(input) {
        Ok(m) => {
            assert_eq!(m.document_number.len(), 9);
            assert_eq!(m.id_number.len(), 12);
            assert!(m.id_number.bytes().all(|b| b.is_ascii_digit()));
            assert!(!m.name_field.is_empty());
            let findings = cross_check(card, &m);
            assert!(findings.len() <= 6);
            let _ = card.clone().with_mrz(m).to_json(Lang::Vi);
        }
        Err(e) => check_error(&e),
    }
}

// ---------------------------------------------------------------------------------------------
// Strategies.

/// One field, biased towards what real fields look like.
fn field() -> BoxedStrategy<String> {
    prop_oneof![
        2 => "[0-9]{0,14}",
        2 => "[0-9]{12}",
        2 => "[0-3][0-9][01][0-9](19|20)[0-9]{2}",
        1 => "[0-9]{2}[0-9]{2}[0-9]{4}",
        1 => prop_oneof![Just("Nam"), Just("Nữ"), Just("NAM"), Just("nữ"), Just("")]
            .prop_map(str::to_owned),
        3 => proptest::string::string_regex(&format!("{VIET_LETTERS}{{0,24}}")).unwrap(),
        1 => any::<String>(),
        1 => "[ \t\r\n\u{feff}]{0,3}",
    ]
    .boxed()
}

/// `|`-separated fields, mostly 5 to 12 of them.
fn pipe_payload() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => vec(field(), 5..13),
        1 => vec(field(), 0..20),
    ]
    .prop_map(|fields| fields.join("|"))
}

/// An example payload with a random edit: a range replaced by random text.
fn mutated_example() -> impl Strategy<Value = String> {
    (
        0..EXAMPLES.len(),
        any::<prop::sample::Index>(),
        0usize..6,
        field(),
    )
        .prop_map(|(which, at, len, insert)| {
            let chars: Vec<char> = EXAMPLES[which].chars().collect();
            let start = at.index(chars.len() + 1);
            let end = (start + len).min(chars.len());
            let mut out: String = chars[..start].iter().collect();
            out.push_str(&insert);
            out.extend(&chars[end..]);
            out
        })
}

/// UTF-8 bytes of a payload with random bytes overwritten.
fn mutated_bytes() -> impl Strategy<Value = Vec<u8>> {
    (
        prop_oneof![pipe_payload(), mutated_example()],
        vec((any::<prop::sample::Index>(), any::<u8>()), 0..4),
        any::<bool>(),
    )
        .prop_map(|(text, flips, bom)| {
            let mut bytes = if bom {
                b"\xEF\xBB\xBF".to_vec()
            } else {
                Vec::new()
            };
            bytes.extend_from_slice(text.as_bytes());
            if !bytes.is_empty() {
                for (at, b) in flips {
                    let i = at.index(bytes.len());
                    bytes[i] = b;
                }
            }
            bytes
        })
}

/// A Card to cross-check MRZs against.
fn fixed_card() -> Card {
    parse_qr_text(EXAMPLES[0], now()).unwrap()
}

/// Three lines of 30 characters of the MRZ alphabet.
fn mrz_alphabet_lines() -> impl Strategy<Value = String> {
    vec("[A-Z0-9<]{30}", 3).prop_map(|lines| lines.join("\n"))
}

/// A real MRZ with characters overwritten by MRZ-alphabet characters.
fn mutated_mrz() -> impl Strategy<Value = String> {
    vec((any::<prop::sample::Index>(), "[A-Z0-9<]"), 1..4).prop_map(|edits| {
        let mut lines: Vec<String> = NGUYEN_MRZ.lines().map(str::to_owned).collect();
        for (at, c) in edits {
            let i = at.index(90);
            lines[i / 30].replace_range(i % 30..i % 30 + 1, &c);
        }
        lines.join("\n")
    })
}

// ---------------------------------------------------------------------------------------------
// Round trips.

/// (year, month, day) clamped to a real date.
fn real_date(y: u16, m: u8, d: u8) -> Date {
    Date::new(y, m, d).or_else(|| Date::new(y, m, 28)).unwrap()
}

#[derive(Debug, Clone)]
struct Synthetic {
    place: &'static str,
    birth: Date,
    female: bool,
    random: String,
    old_id: Option<String>,
    name: String,
    address: String,
    issued: Date,
}

impl Synthetic {
    fn id(&self) -> String {
        let g = (self.birth.year() - 1900) / 100 * 2 + u16::from(self.female);
        format!(
            "{}{g}{:02}{}",
            self.place,
            self.birth.year() % 100,
            self.random
        )
    }

    fn field_count(&self) -> usize {
        if self.issued >= date(2024, 7, 1) {
            11
        } else {
            7
        }
    }

    fn payload(&self) -> String {
        let (b, i) = (self.birth, self.issued);
        let trailing = if self.field_count() == 11 { "||||" } else { "" };
        format!(
            "{}|{}|{}|{:02}{:02}{:04}|{}|{}|{:02}{:02}{:04}{trailing}",
            self.id(),
            self.old_id.as_deref().unwrap_or(""),
            self.name,
            b.day(),
            b.month(),
            b.year(),
            if self.female { "Nữ" } else { "Nam" },
            self.address,
            i.day(),
            i.month(),
            i.year()
        )
    }
}

/// The expiry of `cccd.md` §4.1, written as its table.
fn reference_expiry(birth: Date, issued: Date) -> Option<Date> {
    let mut age = issued.year() - birth.year();
    if (issued.month(), issued.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    let can_cuoc = issued >= date(2024, 7, 1);
    let renewal = match age {
        a if can_cuoc && a < 12 => 14,
        a if a < 23 => 25,
        a if a < 38 => 40,
        a if a < 58 => 60,
        _ => return None,
    };
    Some(real_date(
        birth.year() + renewal,
        birth.month(),
        birth.day(),
    ))
}

fn synthetic() -> impl Strategy<Value = Synthetic> {
    let places = prop::sample::select(vec![
        "001", "002", "036", "046", "052", "077", "079", "096", "175", "279",
    ]);
    let words = prop::sample::select(vec![
        "Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Đặng", "Văn", "Thị", "Hữu", "Ngọc", "An", "Bình",
        "Cúc", "Dũng", "Hòa", "Thuỷ", "Đức", "Yến", "Phương", "Thơ",
    ]);
    (
        places,
        (1900u16..=2026, 1u8..=12, 1u8..=31),
        any::<bool>(),
        "[0-9]{6}",
        proptest::option::of("[0-9]{9}"),
        vec(words, 2..5),
        "[A-Za-z0-9Đđàáạâầấêềếôồốơờớưừứỗộệễĩịũụ ,./]{1,40}",
        (2021u16..=2026, 1u8..=12, 1u8..=31),
    )
        .prop_map(
            |(place, (by, bm, bd), female, random, old_id, words, address, (iy, im, id))| {
                let issued = real_date(iy, im, id).min(now());
                let birth = real_date(by, bm, bd).min(issued);
                Synthetic {
                    place,
                    birth,
                    female,
                    random,
                    old_id,
                    name: words.join(" "),
                    address,
                    issued,
                }
            },
        )
}

/// Fields of a valid TD1 MRZ, and the MRZ built from them.
fn valid_mrz() -> impl Strategy<Value = (String, String, String, Option<Sex>, Date, String)> {
    (
        "0[0-9]{2}[0-9][0-9]{8}",
        (0u8..=99, 1u8..=12, 1u8..=31),
        prop_oneof![Just(Some(Sex::M)), Just(Some(Sex::F)), Just(None)],
        (2000u16..=2099, 1u8..=12, 1u8..=31),
        vec("[A-Z]{1,8}", 1..4),
        "[A-Z]{1,10}",
    )
        .prop_map(|(id, (yy, m, d), sex, (ey, em, ed), given, surname)| {
            let g = u16::from(id.as_bytes()[3] - b'0');
            let year = 1900 + 100 * (g / 2) + u16::from(yy);
            let birth = real_date(year, m, d);
            let expiry = real_date(ey, em, ed);
            let name = format!("{surname}<<{}", given.join("<"));
            let name: String = name.chars().take(30).collect();
            let name = name.trim_end_matches('<').to_owned();
            let cd = |s: &str| char::from(check_digit(s.as_bytes()));
            let doc = &id[3..];
            let b = format!(
                "{:02}{:02}{:02}",
                birth.year() % 100,
                birth.month(),
                birth.day()
            );
            let e = format!(
                "{:02}{:02}{:02}",
                expiry.year() % 100,
                expiry.month(),
                expiry.day()
            );
            let l1 = format!("IDVNM{doc}{}{id}<<{}", cd(doc), cd(&id));
            let opt = "<<<<<<<<<<<";
            let composite = format!("{}{b}{}{e}{}{opt}", &l1[5..], cd(&b), cd(&e));
            let s = match sex {
                Some(Sex::M) => 'M',
                Some(Sex::F) => 'F',
                None => '<',
            };
            let l2 = format!("{b}{}{s}{e}{}VNM{opt}{}", cd(&b), cd(&e), cd(&composite));
            let mrz = format!("{l1}\n{l2}\n{name:<<30}");
            (mrz, id, birth.to_string(), sex, expiry, name)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_string_gives_a_card_or_a_typed_error(s in any::<String>()) {
        check_text(&s);
    }

    #[test]
    fn pipe_separated_fields_give_a_card_or_a_typed_error(s in pipe_payload()) {
        check_text(&s);
    }

    #[test]
    fn mutated_examples_give_a_card_or_a_typed_error(s in mutated_example()) {
        check_text(&s);
        let nfd: String = s.nfd().collect();
        check_text(&nfd);
    }

    #[test]
    fn any_bytes_give_a_card_or_a_typed_error(b in vec(any::<u8>(), 0..600)) {
        check_bytes(&b);
    }

    #[test]
    fn mutated_payload_bytes_give_a_card_or_a_typed_error(b in mutated_bytes()) {
        check_bytes(&b);
    }

    #[test]
    fn parse_mrz_never_panics_on_any_string(s in any::<String>()) {
        check_mrz(&s, &fixed_card());
    }

    #[test]
    fn parse_mrz_never_panics_on_three_lines_of_the_mrz_alphabet(s in mrz_alphabet_lines()) {
        check_mrz(&s, &fixed_card());
        let run: String = s.lines().collect();
        check_mrz(&run, &fixed_card());
    }

    #[test]
    fn parse_mrz_never_panics_on_edited_real_mrz(s in mutated_mrz()) {
        check_mrz(&s, &fixed_card());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn valid_synthetic_payloads_round_trip(s in synthetic()) {
        let text = s.payload();
        let card = parse_qr_text(&text, now()).unwrap();
        let id = s.id();
        prop_assert_eq!(&card.id_number.value, &id);
        match &card.id_number.place {
            Place::Province { code, .. } => prop_assert_eq!(code.as_str(), s.place),
            Place::Abroad { code } => {
                prop_assert_eq!(code.as_str(), s.place);
                prop_assert!(!s.place.starts_with('0'));
            }
            Place::Unassigned { .. } => prop_assert!(false, "unassigned {}", s.place),
        }
        prop_assert_eq!(card.id_number.birth_year, s.birth.year());
        prop_assert_eq!(card.old_id_number.clone(), s.old_id.clone());
        prop_assert_eq!(&card.full_name, &s.name);
        prop_assert_eq!(card.date_of_birth.iso.clone(), s.birth.to_string());
        prop_assert_eq!(card.sex, if s.female { Sex::F } else { Sex::M });
        prop_assert_eq!(card.id_number.sex, card.sex);
        prop_assert_eq!(card.address.clone(), s.address.trim().nfc().collect::<String>());
        prop_assert_eq!(card.issue_date, s.issued);
        prop_assert_eq!(card.field_count, s.field_count());
        prop_assert!(card.extras.is_empty());
        prop_assert_eq!(card.repaired, None);

        let expiry = reference_expiry(s.birth, s.issued);
        prop_assert_eq!(card.expiry.date(), expiry);
        let valid_until = expiry.map(|d| {
            if (date(2024, 1, 15)..=date(2024, 6, 30)).contains(&d) { date(2024, 6, 30) } else { d }
        });
        prop_assert_eq!(card.expiry.valid_until(), valid_until);
        prop_assert_eq!(card.expired, valid_until.is_some_and(|d| d < now()));

        // Only these can appear for a consistent payload.
        let allowed = ["CARD_EXPIRED", "ISSUED_UNDER_MINIMUM_AGE", "ADDRESS_EMPTY"];
        for f in &card.findings {
            prop_assert!(allowed.contains(&f.code()), "{} in {}", f.code(), text);
        }
        prop_assert_eq!(card.is_valid(), !card.expired);

        // The same through bytes, NFD and a Latin-1 mis-decoding.
        prop_assert_eq!(&parse_qr_bytes(text.as_bytes(), now()).unwrap(), &card);
        let nfd: String = text.nfd().collect();
        prop_assert_eq!(&parse_qr_text(&nfd, now()).unwrap(), &card);
        let latin1: String = text.bytes().map(char::from).collect();
        let repaired = parse_qr_text(&latin1, now()).unwrap();
        prop_assert_eq!(&repaired.full_name, &card.full_name);
        prop_assert_eq!(&repaired.address, &card.address);
    }

    #[test]
    fn valid_mrz_round_trips((mrz, id, birth, sex, expiry, name) in valid_mrz()) {
        let m = parse_mrz(&mrz).unwrap();
        prop_assert_eq!(&m.id_number, &id);
        prop_assert_eq!(&m.document_number, &id[3..]);
        prop_assert_eq!(&m.date_of_birth.iso, &birth);
        prop_assert_eq!(m.sex, sex);
        prop_assert_eq!(m.date_of_expiry, Some(expiry));
        prop_assert_eq!(&m.name_field, &name);
        prop_assert_eq!(m.nationality.as_str(), "VNM");
    }
}

proptest! {
    /// Any control or bidi control, anywhere in a genuine name or address, makes the card invalid
    /// with TEXT_CONTROL_CHARACTER naming that field and character.
    #[test]
    fn a_control_anywhere_in_shown_text_is_an_error(
        which in 0usize..2,
        at in 0usize..40,
        c in prop::sample::select(vec![
            '\u{0}', '\u{8}', '\u{1b}', '\u{7f}', '\u{9b}', '\u{61c}', '\u{200e}', '\u{200f}',
            '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}',
            '\u{2068}', '\u{2069}',
        ]),
    ) {
        let name = "Nguyễn Thị Minh Khai";
        let address = "Số 1 Ngõ 2, Phường Láng Hạ, Hà Nội";
        let insert = |s: &str| {
            let chars: Vec<char> = s.chars().collect();
            let i = at % (chars.len() + 1);
            chars[..i].iter().chain(std::iter::once(&c)).chain(chars[i..].iter()).collect::<String>()
        };
        let (n, a, field) = if which == 0 { (insert(name), address.to_owned(), "fullName") } else { (name.to_owned(), insert(address), "address") };
        let payload = format!("001086000321||{n}|15031986|Nam|{a}|05012026||||");
        let now = cccd_verify::Date::new(2026, 12, 4).unwrap();
        // A control at the very start or end of the name may be trimmed away with whitespace;
        // when it is kept in the text, it must be reported.
        if let Ok(card) = cccd_verify::parse_qr_text(&payload, now) {
            let f = card.findings.iter().find(|f| f.code() == "TEXT_CONTROL_CHARACTER");
            prop_assert!(f.is_some(), "{payload:?}");
            prop_assert_eq!(&f.unwrap().params()["field"], field);
            prop_assert!(!card.is_valid());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Text that cannot spoof a reviewer (issue 11 item 11), MRZ side: the MRZ is read only in its
// own alphabet (ICAO 9303 Part 3 §4.3: A–Z, 0–9, `<`), so a control, bidirectional or
// zero-width character, or a letter of another script, can never reach a text field of a
// parsed MRZ: such an MRZ is refused (ERR_MRZ_FORMAT), and every text field that is accepted
// is plain ASCII capitals, digits and spaces.

/// The characters that make text lie to a reviewer, and look-alike letters of other scripts
/// (and a tab, which the reader trims around a line).
const SPOOFING: &[char] = &[
    '\u{0}', '\u{9}', '\u{1b}', '\u{7f}', '\u{85}', '\u{61c}', '\u{200b}', '\u{200d}', '\u{200e}',
    '\u{202e}', '\u{2066}', '\u{2069}', '\u{feff}', 'А', 'О', 'Ν', 'Ｎ', 'ǅ',
];

fn mrz_text_fields(m: &cccd_verify::Mrz) -> [&str; 7] {
    [
        &m.document_code,
        &m.issuing_state,
        &m.document_number,
        &m.id_number,
        &m.nationality,
        &m.surname,
        &m.given_names,
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn an_mrz_with_a_spoofing_character_is_refused(
        mrz in mutated_mrz(), at in any::<prop::sample::Index>(), c in proptest::sample::select(SPOOFING),
        replace in any::<bool>(),
    ) {
        let mut chars: Vec<char> = mrz.chars().collect();
        let i = at.index(chars.len());
        if replace { chars[i] = c } else { chars.insert(i, c) }
        let text: String = chars.into_iter().collect();
        match parse_mrz(&text) {
            Err(Error::MrzFormat { .. }) => {}
            // Whitespace around a line (a tab, U+0085 before its end) is trimmed: it reaches no field.
            Ok(m) if c.is_whitespace() => {
                for f in mrz_text_fields(&m) {
                    prop_assert!(!f.contains(c), "{text:?}: {f:?}");
                }
            }
            // (Then the rest of the edited MRZ decides, e.g. a check digit.)
            Err(_) if c.is_whitespace() => {}
            other => prop_assert!(false, "{text:?}: {other:?}"),
        }
    }

    #[test]
    fn accepted_mrz_text_fields_are_plain_ascii(mrz in prop_oneof![mutated_mrz(), mrz_alphabet_lines()]) {
        if let Ok(m) = parse_mrz(&mrz) {
            for f in mrz_text_fields(&m) {
                prop_assert!(f.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b' ' || b == b'<'), "{f:?}");
            }
            prop_assert!(m.name_field.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'<'), "{:?}", m.name_field);
        }
    }
}
