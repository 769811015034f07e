//! Card expiry from date of birth and date of issue (`shared/domain/cccd.md` §4).
//!
//! The QR carries no expiry. The card is valid until the holder's next renewal age; a card
//! issued within 2 years before a renewal age is valid until the one after it; a card issued
//! at 58 or older never expires.

use serde::Serialize;

use crate::date::Date;
use crate::wire::{ts_declared, ts_union};

ts_union! {
    /// `cccd2014`: Luật CCCD 2014 (renewal at 25/40/60); `canCuoc2023`: Luật Căn cước 2023 (14/25/40/60), for cards issued from 1 July 2024.
    Law = "Law" [Law::Cccd2014, Law::CanCuoc2023]
}

ts_declared!(Expiry = "Expiry", "\
/** The computed expiry: the QR carries none. */
export type Expiry =
  | {
      kind: 'date';
      /** Expiry date as printed on the card (`YYYY-MM-DD`). */
      date: string;
      /** Last legally valid day: `date`, or 2024-06-30 for cards covered by the Art. 46 transition. */
      validUntil: string;
      /** The birthday the card expires on. */
      renewalAge: number;
      law: Law;
      /** True when the date of birth is partial and a birthday was assumed. */
      approximate: boolean;
    }
  | {
      /** Never expires: issued at 58 or older. */
      kind: 'none';
      law: Law;
      approximate: boolean;
    };
");

/// The law a card was issued under, chosen by its date of issue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Law {
    /// Luật Căn cước công dân 2014, Art. 21: renewal at 25, 40 and 60.
    Cccd2014,
    /// Luật Căn cước 2023 (26/2023/QH15, in force 1 July 2024), Art. 21: renewal at 14, 25, 40 and 60.
    CanCuoc2023,
}

impl Law {
    /// The law in force on the date of issue.
    pub fn for_issue_date(issued: Date) -> Law {
        if issued >= CAN_CUOC_LAW_IN_FORCE {
            Law::CanCuoc2023
        } else {
            Law::Cccd2014
        }
    }

    fn renewal_ages(self) -> &'static [u16] {
        match self {
            Law::Cccd2014 => &[25, 40, 60],
            Law::CanCuoc2023 => &[14, 25, 40, 60],
        }
    }
}

/// 1 July 2024: Luật Căn cước 2023 in force; cards issued from then on are Căn cước cards.
pub(crate) const CAN_CUOC_LAW_IN_FORCE: Date = date(2024, 7, 1);

/// Art. 46 Luật Căn cước 2023: CCCD and CMND cards expiring from 15 January to 30 June 2024
/// stayed valid until 30 June 2024.
const TRANSITION_FROM: Date = date(2024, 1, 15);
const TRANSITION_UNTIL: Date = date(2024, 6, 30);

/// A card issued within this many years before a renewal age is valid until the next one.
const EARLY_RENEWAL_YEARS: u16 = 2;

const fn date(year: u16, month: u8, day: u8) -> Date {
    match Date::new(year, month, day) {
        Some(d) => d,
        None => Date::MIN,
    }
}

/// When a card stops being valid.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Expiry {
    /// Valid until (and including) `date`, the holder's `renewal_age`th birthday.
    #[serde(rename_all = "camelCase")]
    Date {
        /// Expiry date as the card prints it.
        date: Date,
        /// Last day the card is legally valid: `date`, or 30 June 2024 under the Art. 46 transition.
        valid_until: Date,
        /// The birthday the expiry falls on.
        renewal_age: u16,
        /// The law applied.
        law: Law,
        /// True when computed from an assumed birthday (partial date of birth).
        approximate: bool,
    },
    /// Never expires: issued at 58 or older.
    #[serde(rename_all = "camelCase")]
    None {
        /// The law applied.
        law: Law,
        /// True when computed from an assumed birthday (partial date of birth).
        approximate: bool,
    },
}

impl Expiry {
    /// The expiry of a card issued on `issued` to someone born on `birth`.
    /// `approximate` is carried through for a birth date that was assumed.
    pub fn compute(birth: Date, issued: Date, approximate: bool) -> Expiry {
        let law = Law::for_issue_date(issued);
        let age_at_issue = birth.whole_years_until(issued);
        let renewal_age = law
            .renewal_ages()
            .iter()
            .copied()
            .find(|&age| age_at_issue + EARLY_RENEWAL_YEARS < age);
        let Some(renewal_age) = renewal_age else {
            return Expiry::None { law, approximate };
        };
        let expiry = birth
            .year()
            .checked_add(renewal_age)
            .and_then(|y| birth.anniversary(y));
        match expiry {
            Some(d) => {
                let valid_until = if (TRANSITION_FROM..=TRANSITION_UNTIL).contains(&d) {
                    TRANSITION_UNTIL
                } else {
                    d
                };
                Expiry::Date {
                    date: d,
                    valid_until,
                    renewal_age,
                    law,
                    approximate,
                }
            }
            // Only past year 9999: report as no expiry rather than invent a date.
            None => Expiry::None { law, approximate },
        }
    }

    /// The last valid day, or `None` for a card that never expires.
    pub fn valid_until(&self) -> Option<Date> {
        match self {
            Expiry::Date { valid_until, .. } => Some(*valid_until),
            Expiry::None { .. } => None,
        }
    }

    /// The printed expiry date, or `None` for a card that never expires.
    pub fn date(&self) -> Option<Date> {
        match self {
            Expiry::Date { date, .. } => Some(*date),
            Expiry::None { .. } => None,
        }
    }

    /// True once `now` is past the last valid day.
    pub fn is_expired(&self, now: Date) -> bool {
        self.valid_until().is_some_and(|d| now > d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    fn expiry_date(birth: &str, issued: &str) -> Option<Date> {
        Expiry::compute(d(birth), d(issued), false).date()
    }

    #[test]
    fn worked_example_from_the_brief() {
        // Born 10/05/1985, issued 2024 at 39 → 60th birthday.
        assert_eq!(
            expiry_date("1985-05-10", "2024-03-01"),
            Some(d("2045-05-10"))
        );
    }

    #[test]
    fn two_year_rule_moves_to_next_renewal_age() {
        // 22 at issue → 25th birthday; 23 at issue (within 2 years of 25) → 40th.
        assert_eq!(
            expiry_date("1999-06-01", "2021-05-31"),
            Some(d("2024-06-01"))
        );
        assert_eq!(
            expiry_date("1998-06-01", "2021-06-01"),
            Some(d("2038-06-01"))
        );
        assert_eq!(
            expiry_date("1983-06-01", "2021-06-01"),
            Some(d("2043-06-01"))
        );
        // 38 at issue → 60th.
        assert_eq!(
            expiry_date("1983-06-01", "2021-06-02").unwrap().year(),
            2043
        );
        assert_eq!(
            expiry_date("1982-06-01", "2021-06-01"),
            Some(d("2042-06-01"))
        );
    }

    #[test]
    fn issued_at_58_never_expires() {
        assert_eq!(expiry_date("1963-01-01", "2021-01-01"), None);
        assert_eq!(
            expiry_date("1963-01-02", "2021-01-01").unwrap().year(),
            2023
        );
    }

    #[test]
    fn can_cuoc_law_adds_renewal_at_14() {
        let e = Expiry::compute(d("2015-03-01"), d("2024-08-01"), false);
        assert_eq!(e.date(), Some(d("2029-03-01")));
        assert!(matches!(
            e,
            Expiry::Date {
                renewal_age: 14,
                law: Law::CanCuoc2023,
                ..
            }
        ));
        // Same child, CCCD law (before 1 July 2024) → 25th birthday.
        let e = Expiry::compute(d("2009-03-01"), d("2024-06-30"), false);
        assert!(matches!(
            e,
            Expiry::Date {
                renewal_age: 25,
                law: Law::Cccd2014,
                ..
            }
        ));
    }

    #[test]
    fn art_46_transition_extends_to_30_june_2024() {
        let e = Expiry::compute(d("1999-02-01"), d("2021-03-01"), false);
        assert_eq!(e.date(), Some(d("2024-02-01")));
        assert_eq!(e.valid_until(), Some(d("2024-06-30")));
        assert!(!e.is_expired(d("2024-06-30")));
        assert!(e.is_expired(d("2024-07-01")));
    }

    #[test]
    fn expiry_day_itself_is_still_valid() {
        let e = Expiry::compute(d("1990-03-15"), d("2021-04-20"), false);
        assert_eq!(e.date(), Some(d("2030-03-15")));
        assert!(!e.is_expired(d("2030-03-15")));
        assert!(e.is_expired(d("2030-03-16")));
    }
}
