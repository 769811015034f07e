//! The 12-digit personal identification number (`shared/domain/cccd.md` §3): place code,
//! century/sex digit, birth-year digits, 6 random digits. There is no check digit.

use serde::Serialize;

use super::provinces::PROVINCES;
use super::Sex;
use crate::error::Error;
use crate::wire::{ts_declared, wire_struct};

/// Where the holder's birth was registered, from the first three digits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Place {
    /// One of the 63 pre-2025 provinces (first digit `0`).
    #[serde(rename_all = "camelCase")]
    Province {
        /// The 3-digit code, e.g. `"001"`.
        code: String,
        /// The province as named when the code was assigned, e.g. `"Hà Nội"`.
        name: &'static str,
        /// The provincial unit it belongs to after the 2025 merger.
        successor_2025: &'static str,
    },
    /// A first digit `0` with a code that no province has (one of the gaps in 001–096).
    Unassigned {
        /// The 3-digit code.
        code: String,
    },
    /// Birth registered abroad: the first digit is not `0` and the code names a country.
    Abroad {
        /// The 3-digit country code.
        code: String,
    },
}

wire_struct! {
    /// The decoded 12-digit personal ID number.
    #[ts = "IdNumber"]
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct IdNumber {
        /// 12 digits, leading zeros kept.
        pub value: String,
        /// Place of birth registration.
        pub place: Place,
        /// The 4th digit: century and sex.
        pub century_digit: u8,
        /// Sex encoded by the century digit (odd → female).
        pub sex: Sex,
        /// Birth year encoded by the 4th–6th digits: 1900 + 100·⌊G/2⌋ + the 5th–6th digits.
        pub birth_year: u16,
    }
}

ts_declared!(
    Place = "Place",
    "\
/** Place of birth registration, from the ID number's first three digits. */
export type Place =
  /** One of the 63 pre-2025 provinces, with the unit it belongs to after the 2025 merger. */
  | { kind: 'province'; code: string; name: string; successor2025: string }
  /** A domestic-looking code (first digit 0) that no province has. */
  | { kind: 'unassigned'; code: string }
  /** Birth registered abroad: a country code (first digit not 0). */
  | { kind: 'abroad'; code: string };
"
);

impl IdNumber {
    /// Decodes a 12-digit ID number; anything but 12 ASCII digits is [`Error::IdNumberFormat`].
    pub fn parse(s: &str) -> Result<IdNumber, Error> {
        let b = s.as_bytes();
        if b.len() != 12 || !b.iter().all(u8::is_ascii_digit) {
            return Err(Error::IdNumberFormat);
        }
        let d = |i: usize| b.get(i).map_or(0, |c| c - b'0');
        let place_code = u16::from(d(0)) * 100 + u16::from(d(1)) * 10 + u16::from(d(2));
        let code = s.get(0..3).unwrap_or_default().to_owned();
        let place = if d(0) != 0 {
            Place::Abroad { code }
        } else {
            match PROVINCES.iter().find(|(c, _, _)| *c == place_code) {
                Some((_, name, successor)) => Place::Province {
                    code,
                    name,
                    successor_2025: successor,
                },
                None => Place::Unassigned { code },
            }
        };
        let g = d(3);
        let yy = u16::from(d(4)) * 10 + u16::from(d(5));
        Ok(IdNumber {
            value: s.to_owned(),
            place,
            century_digit: g,
            sex: if g % 2 == 1 { Sex::F } else { Sex::M },
            birth_year: 1900 + 100 * u16::from(g / 2) + yy,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_domestic_number() {
        let id = IdNumber::parse("036305000456").unwrap();
        assert_eq!(
            id.place,
            Place::Province {
                code: "036".into(),
                name: "Nam Định",
                successor_2025: "Ninh Bình"
            }
        );
        assert_eq!(id.century_digit, 3);
        assert_eq!(id.sex, Sex::F);
        assert_eq!(id.birth_year, 2005);
    }

    #[test]
    fn first_digit_not_zero_is_abroad_not_invalid() {
        let id = IdNumber::parse("175090000123").unwrap();
        assert_eq!(id.place, Place::Abroad { code: "175".into() });
    }

    #[test]
    fn gap_codes_are_unassigned() {
        for gap in ["003", "005", "021", "090", "097", "099"] {
            let id = IdNumber::parse(&format!("{gap}090000123")).unwrap();
            assert_eq!(id.place, Place::Unassigned { code: gap.into() }, "{gap}");
        }
    }

    #[test]
    fn century_digits_map_to_centuries_and_sex() {
        let cases = [
            (0, 1990, Sex::M),
            (1, 1990, Sex::F),
            (2, 2090, Sex::M),
            (3, 2090, Sex::F),
            (4, 2190, Sex::M),
            (9, 2390, Sex::F),
        ];
        for (g, year, sex) in cases {
            let id = IdNumber::parse(&format!("001{g}90000123")).unwrap();
            assert_eq!((id.birth_year, id.sex), (year, sex), "digit {g}");
        }
    }

    #[test]
    fn rejects_wrong_length_and_non_digits() {
        for bad in [
            "",
            "00109000012",
            "0010900001234",
            "00109000012a",
            "００1090000123",
        ] {
            assert_eq!(IdNumber::parse(bad), Err(Error::IdNumberFormat), "{bad:?}");
        }
    }
}
