//! The TD1 machine-readable zone on the back of the card (ICAO 9303;
//! `shared/domain/cccd.md` §5.3).
//!
//! ```text
//! line 1: doc code(2) state(3) doc number(9) cd  ID(12) << cd
//! line 2: birth(6) cd sex expiry(6) cd nationality(3) optional(11) composite cd
//! line 3: SURNAME<<GIVEN<NAMES
//! ```
//! The document number is the **last** 9 digits of the 12-digit ID; the full ID is in the
//! optional data with its own check digit (§7 item 8).

use super::findings::Finding;
use super::{Card, PartialDate, Sex};
use crate::date::Date;
use crate::error::{Error, MrzField};
use crate::wire::wire_struct;

const LINE_LEN: usize = 30;

wire_struct! {
    /// A parsed TD1 MRZ whose five check digits matched.
    #[ts = "Mrz"]
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct Mrz {
        /// Document code, e.g. `ID`.
        pub document_code: String,
        /// Issuing state, e.g. `VNM`.
        pub issuing_state: String,
        /// 9 characters: the last 9 digits of the ID number on Vietnamese cards.
        pub document_number: String,
        /// The 12-digit ID number from the optional data.
        pub id_number: String,
        /// Century taken from the ID number's century digit.
        pub date_of_birth: PartialDate,
        /// Sex, or null when unspecified (`<`).
        pub sex: Option<Sex>,
        /// `YYYY-MM-DD` (years 2000–2099), or null when blank (`<<<<<<`).
        pub date_of_expiry: Option<Date>,
        /// Nationality, e.g. `VNM`.
        pub nationality: String,
        /// Primary identifier (surname), `<` as space.
        pub surname: String,
        /// Secondary identifier (given names), `<` as space.
        pub given_names: String,
        /// Line 3 without trailing fillers, e.g. `NGUYEN<<VAN<AN`.
        pub name_field: String,
    }
}

/// The ICAO 9303 check digit (`shared/domain/cccd.md` §5.3: the 7-3-1 rule): weights 7-3-1,
/// digits as themselves, A–Z as 10–35, `<` as 0.
pub fn check_digit(s: &[u8]) -> u8 {
    const WEIGHTS: [u32; 3] = [7, 3, 1];
    let sum: u32 = s
        .iter()
        .zip(WEIGHTS.iter().cycle())
        .map(|(&c, &w)| {
            let v = match c {
                b'0'..=b'9' => u32::from(c - b'0'),
                b'A'..=b'Z' => u32::from(c - b'A') + 10,
                _ => 0,
            };
            v * w
        })
        .sum();
    // sum % 10 < 10, so the cast cannot truncate.
    b'0' + u8::try_from(sum % 10).unwrap_or(0)
}

fn slice(line: &[u8], from: usize, to: usize) -> &[u8] {
    line.get(from..to).unwrap_or_default()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn check(data: &[u8], digit: Option<&u8>, field: MrzField) -> Result<(), Error> {
    if digit == Some(&check_digit(data)) {
        Ok(())
    } else {
        Err(Error::MrzCheckDigit { field })
    }
}

/// Splits the input into three 30-character lines: three lines (any line breaks, surrounding
/// spaces ignored) or one 90-character run.
fn lines(input: &str) -> Result<[Vec<u8>; 3], Error> {
    let parts: Vec<&str> = input
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let joined: String = match parts.as_slice() {
        [one] if one.len() == 3 * LINE_LEN => (*one).to_owned(),
        [a, b, c] if [a, b, c].iter().all(|l| l.len() == LINE_LEN) => [*a, *b, *c].concat(),
        _ => return Err(Error::MrzFormat { line: 0 }),
    };
    let bytes = joined.into_bytes();
    for (i, chunk) in bytes.chunks(LINE_LEN).enumerate() {
        if !chunk
            .iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == b'<')
        {
            return Err(Error::MrzFormat { line: line_no(i) });
        }
    }
    let mut it = bytes.chunks(LINE_LEN).map(<[u8]>::to_vec);
    match (it.next(), it.next(), it.next()) {
        (Some(a), Some(b), Some(c)) => Ok([a, b, c]),
        _ => Err(Error::MrzFormat { line: 0 }),
    }
}

fn line_no(i: usize) -> u8 {
    u8::try_from(i + 1).unwrap_or(0)
}

/// Two digits, or `None` for `<<` (unknown); anything else is malformed.
fn two(b: &[u8]) -> Result<Option<u8>, ()> {
    match b {
        [b'<', b'<'] => Ok(None),
        [x, y] if x.is_ascii_digit() && y.is_ascii_digit() => {
            Ok(Some((x - b'0') * 10 + (y - b'0')))
        }
        _ => Err(()),
    }
}

fn filler_to_space(b: &[u8]) -> String {
    let s = text(b).replace('<', " ");
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Longest MRZ text [`parse_mrz`] reads, in bytes: three 30-character lines need 92 with line
/// breaks; the rest is room for surrounding whitespace from OCR or copy-paste.
pub const MAX_MRZ_BYTES: usize = 1024;

/// Parses and checks a TD1 MRZ. Every check digit must match.
pub fn parse_mrz(input: &str) -> Result<Mrz, Error> {
    if input.len() > MAX_MRZ_BYTES {
        return Err(Error::InputTooLarge {
            len: input.len(),
            max: MAX_MRZ_BYTES,
        });
    }
    let [l1, l2, l3] = lines(input)?;

    let document_number = slice(&l1, 5, 14);
    check(document_number, l1.get(14), MrzField::DocumentNumber)?;
    let id = slice(&l1, 15, 27);
    if !id.iter().all(u8::is_ascii_digit) || slice(&l1, 27, 29) != b"<<" {
        return Err(Error::MrzFormat { line: 1 });
    }
    check(id, l1.get(29), MrzField::IdNumber)?;

    let birth = slice(&l2, 0, 6);
    check(birth, l2.get(6), MrzField::DateOfBirth)?;
    let expiry = slice(&l2, 8, 14);
    check(expiry, l2.get(14), MrzField::DateOfExpiry)?;
    let mut composite = slice(&l1, 5, 30).to_vec();
    composite.extend_from_slice(slice(&l2, 0, 7));
    composite.extend_from_slice(slice(&l2, 8, 15));
    composite.extend_from_slice(slice(&l2, 18, 29));
    check(&composite, l2.get(29), MrzField::Composite)?;

    // A closure, not a cloned value: `Error::clone` is one large function over every variant.
    let bad2 = || Error::MrzFormat { line: 2 };
    // Birth century from the ID number's century digit (`shared/domain/cccd.md` §3.1).
    let g = id.get(3).map_or(0, |c| c - b'0');
    let yy = two(slice(birth, 0, 2))
        .map_err(|()| bad2())?
        .ok_or_else(bad2)?;
    let year = 1900 + 100 * u16::from(g / 2) + u16::from(yy);
    // Unknown day or month: `<<` (ICAO) or `00` (as in the QR); neither is documented for VN.
    let unknown_as_none = |v: Option<u8>| v.filter(|&x| x != 0);
    let month = two(slice(birth, 2, 4))
        .map_err(|()| bad2())
        .map(unknown_as_none)?;
    let day = two(slice(birth, 4, 6))
        .map_err(|()| bad2())
        .map(unknown_as_none)?;
    let date_of_birth = PartialDate::new(year, month, day).ok_or_else(bad2)?;

    let sex = match l2.get(7) {
        Some(b'M') => Some(Sex::M),
        Some(b'F') => Some(Sex::F),
        Some(b'<' | b'X') => None,
        _ => return Err(bad2()),
    };
    let date_of_expiry = if expiry == b"<<<<<<" {
        None
    } else {
        let parts = (
            two(slice(expiry, 0, 2)),
            two(slice(expiry, 2, 4)),
            two(slice(expiry, 4, 6)),
        );
        match parts {
            (Ok(Some(y)), Ok(Some(m)), Ok(Some(d))) => {
                Some(Date::new(2000 + u16::from(y), m, d).ok_or(Error::MrzFormat { line: 2 })?)
            }
            _ => return Err(Error::MrzFormat { line: 2 }),
        }
    };

    let name_field = text(&l3).trim_end_matches('<').to_owned();
    // The first `<<` by bytes (ASCII, so both cuts are on character boundaries), not
    // `split_once("<<")`, whose substring searcher is ~2 KB of the scan module.
    let cut = name_field.as_bytes().windows(2).position(|w| w == b"<<");
    let (surname, given) =
        match cut.and_then(|i| Some((name_field.get(..i)?, name_field.get(i + 2..)?))) {
            Some((s, g)) => (s.to_owned(), g.to_owned()),
            None => (name_field.clone(), String::new()),
        };
    if surname.is_empty() && given.is_empty() {
        return Err(Error::MrzFormat { line: 3 });
    }

    Ok(Mrz {
        document_code: filler_to_space(slice(&l1, 0, 2)),
        issuing_state: filler_to_space(slice(&l1, 2, 5)),
        document_number: text(document_number),
        id_number: text(id),
        date_of_birth,
        sex,
        date_of_expiry,
        nationality: filler_to_space(slice(&l2, 15, 18)),
        surname: filler_to_space(surname.as_bytes()),
        given_names: filler_to_space(given.as_bytes()),
        name_field,
    })
}

/// Compares a QR card with the MRZ of the same card: ID, document number, date of birth,
/// sex, expiry and name. Returns one finding per mismatch (empty when all agree).
pub fn cross_check(card: &Card, mrz: &Mrz) -> Vec<Finding> {
    let mut out = Vec::new();
    let id = card.id_number.value.as_str();
    if mrz.id_number != id {
        out.push(Finding::MrzIdMismatch);
    }
    if id.get(3..) != Some(mrz.document_number.as_str()) {
        out.push(Finding::MrzDocumentNumberMismatch);
    }
    let (a, b) = (&card.date_of_birth, &mrz.date_of_birth);
    let known_equal = |x: Option<u8>, y: Option<u8>| match (x, y) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    };
    if a.year != b.year || !known_equal(a.month, b.month) || !known_equal(a.day, b.day) {
        out.push(Finding::MrzBirthDateMismatch);
    }
    if mrz.sex.is_some_and(|s| s != card.sex) {
        out.push(Finding::MrzSexMismatch);
    }
    if card.expiry.date() != mrz.date_of_expiry {
        let approximate = card.date_of_birth.is_partial();
        out.push(Finding::MrzExpiryMismatch { approximate });
    }
    // ICAO truncates the name field to the line; compare what fits.
    let mut expected = card.name.icao.clone();
    expected.truncate(LINE_LEN);
    if expected.trim_end_matches('<') != mrz.name_field {
        out.push(Finding::MrzNameMismatch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const NGUYEN: &str = "IDVNM0900001233001090000123<<4\n9003152M3003150VNM<<<<<<<<<<<0\nNGUYEN<<VAN<AN<<<<<<<<<<<<<<<<";

    #[test]
    fn parses_the_synthetic_example_with_all_check_digits() {
        let m = parse_mrz(NGUYEN).unwrap();
        assert_eq!(m.document_number, "090000123");
        assert_eq!(m.id_number, "001090000123");
        assert_eq!(m.date_of_birth.iso, "1990-03-15");
        assert_eq!(m.sex, Some(Sex::M));
        assert_eq!(m.date_of_expiry, Date::new(2030, 3, 15));
        assert_eq!(
            (m.surname.as_str(), m.given_names.as_str()),
            ("NGUYEN", "VAN AN")
        );
        assert_eq!(m.name_field, "NGUYEN<<VAN<AN");
    }

    #[test]
    fn check_digit_matches_icao_example() {
        // The ICAO 9303 worked example (Part 3 §4.9, not in this repo): 520727 → 3.
        assert_eq!(check_digit(b"520727"), b'3');
        assert_eq!(check_digit(b"AB2134<<<"), b'5');
    }

    #[test]
    fn each_check_digit_is_enforced() {
        let cases = [
            (0, 14, MrzField::DocumentNumber),
            (0, 29, MrzField::IdNumber),
            (1, 6, MrzField::DateOfBirth),
            (1, 14, MrzField::DateOfExpiry),
            (1, 29, MrzField::Composite),
        ];
        for (line, pos, field) in cases {
            let mut lines: Vec<Vec<u8>> = NGUYEN.lines().map(|l| l.as_bytes().to_vec()).collect();
            let c = &mut lines[line][pos];
            *c = if *c == b'9' { b'0' } else { *c + 1 };
            let text = lines
                .iter()
                .map(|l| String::from_utf8(l.clone()).unwrap())
                .collect::<Vec<_>>()
                .join("\n");
            assert_eq!(
                parse_mrz(&text),
                Err(Error::MrzCheckDigit { field }),
                "{field:?}"
            );
        }
    }

    #[test]
    fn accepts_one_run_of_90_characters() {
        let run: String = NGUYEN.lines().collect();
        assert_eq!(parse_mrz(&run).unwrap().id_number, "001090000123");
    }

    #[test]
    fn rejects_wrong_shapes() {
        assert_eq!(parse_mrz(""), Err(Error::MrzFormat { line: 0 }));
        assert_eq!(parse_mrz("IDVNM\nX\nY"), Err(Error::MrzFormat { line: 0 }));
        let lower = NGUYEN.replace("NGUYEN<<", "nguyen<<");
        assert_eq!(parse_mrz(&lower), Err(Error::MrzFormat { line: 3 }));
    }
}
