//! Calendar dates without a clock: the core never reads the time, callers pass `now`.

use core::fmt;

use serde::{Serialize, Serializer};

/// A proleptic Gregorian calendar date (no time, no time zone).
///
/// Card dates are Vietnamese civil dates; callers turning an instant into a `Date`
/// should use Vietnam's offset (UTC+7, no daylight saving), as the JS layer does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// A date, or `None` when the day does not exist (e.g. 31 April, 29 February 2023)
    /// or the year is outside 1..=9999.
    pub const fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        if year == 0 || year > 9999 || month == 0 || month > 12 {
            return None;
        }
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// 1 January of year 1, the earliest representable date.
    pub(crate) const MIN: Date = Date {
        year: 1,
        month: 1,
        day: 1,
    };

    /// Parses `YYYY-MM-DD` (ISO 8601 calendar date, extended format).
    pub fn parse_iso(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
            return None;
        }
        let year = digits(b.get(0..4)?)?;
        let month = digits(b.get(5..7)?)?;
        let day = digits(b.get(8..10)?)?;
        Date::new(
            u16::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1–31.
    pub fn day(self) -> u8 {
        self.day
    }

    /// The anniversary of this date in `year`. A 29 February falls on 28 February in
    /// common years (the earlier of the two candidates, so a computed expiry is never late).
    pub fn anniversary(self, year: u16) -> Option<Date> {
        Date::new(
            year,
            self.month,
            self.day.min(days_in_month(year, self.month)),
        )
    }

    /// Whole years from `self` to `later` (an age), or 0 when `later` is earlier.
    pub fn whole_years_until(self, later: Date) -> u16 {
        if later < self {
            return 0;
        }
        let mut years = later.year - self.year;
        if (later.month, later.day) < (self.month, self.day) {
            years = years.saturating_sub(1);
        }
        years
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

pub(crate) const fn is_leap(year: u16) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub(crate) const fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => {
            if is_leap(year) {
                29
            } else {
                28
            }
        }
        _ => 0,
    }
}

/// The value of a run of ASCII digits, or `None` if any byte is not a digit.
pub(crate) fn digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() || b.len() > 9 {
        return None;
    }
    b.iter().try_fold(0u32, |acc, &c| {
        c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
    })
}

/// `secs` since the Unix epoch as `YYYY-MM-DD HH:MM:SS UTC` (proleptic Gregorian), for messages.
/// Total over `i64`: years outside 0..=9999 print with more digits or a sign.
pub(crate) fn format_unix_utc(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let tod = secs.rem_euclid(86_400);
    // Days to civil date (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms").
    let z = days.saturating_add(719_468);
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe
        .saturating_add(era.saturating_mul(400))
        .saturating_add(i64::from(month <= 2));
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC",
        tod / 3600,
        tod % 3600 / 60,
        tod % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_impossible_days() {
        assert!(Date::new(2023, 2, 29).is_none());
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(1900, 2, 29).is_none());
        assert!(Date::new(2000, 2, 29).is_some());
        assert!(Date::new(2021, 4, 31).is_none());
        assert!(Date::new(2021, 13, 1).is_none());
        assert!(Date::new(2021, 0, 1).is_none());
        assert!(Date::new(0, 1, 1).is_none());
    }

    #[test]
    fn parses_and_prints_iso_dates() {
        let d = Date::parse_iso("2026-11-27").unwrap();
        assert_eq!(d.to_string(), "2026-11-27");
        assert!(Date::parse_iso("2026-1-27").is_none());
        assert!(Date::parse_iso("2026-02-30").is_none());
        assert!(Date::parse_iso("2026/11/27").is_none());
        assert!(Date::parse_iso("+026-11-27").is_none());
    }

    #[test]
    fn leap_day_anniversary_falls_on_28_february() {
        let d = Date::new(2004, 2, 29).unwrap();
        assert_eq!(
            d.anniversary(2029).unwrap(),
            Date::new(2029, 2, 28).unwrap()
        );
        assert_eq!(d.anniversary(2028).unwrap(), d.anniversary(2028).unwrap());
        assert_eq!(d.anniversary(2028).unwrap().day(), 29);
    }

    #[test]
    fn formats_unix_times() {
        assert_eq!(format_unix_utc(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(format_unix_utc(1_795_737_600), "2026-11-27 00:00:00 UTC");
        assert_eq!(format_unix_utc(951_782_399), "2000-02-28 23:59:59 UTC");
        assert_eq!(format_unix_utc(951_868_800), "2000-03-01 00:00:00 UTC");
        assert_eq!(format_unix_utc(-1), "1969-12-31 23:59:59 UTC");
        assert_eq!(format_unix_utc(253_402_300_799), "9999-12-31 23:59:59 UTC");
        // No panic at the extremes.
        let _ = format_unix_utc(i64::MIN);
        let _ = format_unix_utc(i64::MAX);
    }

    #[test]
    fn counts_whole_years() {
        let b = Date::new(1990, 3, 15).unwrap();
        assert_eq!(b.whole_years_until(Date::new(2021, 3, 14).unwrap()), 30);
        assert_eq!(b.whole_years_until(Date::new(2021, 3, 15).unwrap()), 31);
        assert_eq!(b.whole_years_until(Date::new(1980, 1, 1).unwrap()), 0);
    }
}
