//! The one time module: calendar dates, RFC 3339 date-times, JWT NumericDates and Unix-time
//! formatting, without a clock (the core never reads the time; callers pass `now`).
//!
//! Sub-second times: every parser here rounds down to whole seconds since the Unix epoch
//! (a JWT `exp` of `t + 0.5` expires at `t`; an RFC 3339 `…:05.9Z` is `…:05`). Rounding down
//! makes an expiry earlier, never later; a not-before or issued-at moves by under a second,
//! far below the leeways callers use.

use core::fmt;

use serde::{Serialize, Serializer};
use serde_json::Value;

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
        let mut s = String::with_capacity(10);
        push_digits(&mut s, u32::from(self.year), 4);
        s.push('-');
        push_digits(&mut s, u32::from(self.month), 2);
        s.push('-');
        push_digits(&mut s, u32::from(self.day), 2);
        f.write_str(&s)
    }
}

/// Appends `v` in decimal, zero-padded to `width` digits (at most 10; by hand: `format!`'s padding
/// machinery costs the scan module more than this).
pub(crate) fn push_digits(out: &mut String, v: u32, width: usize) {
    let mut buf = [b'0'; 10];
    let (mut v, mut i) = (v, buf.len());
    while v > 0 && i > 0 {
        i -= 1;
        if let Some(d) = buf.get_mut(i) {
            *d = b'0' + (v % 10) as u8;
        }
        v /= 10;
    }
    let start = i.min(buf.len().saturating_sub(width));
    for &d in buf.get(start..).unwrap_or_default() {
        out.push(char::from(d));
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
#[cfg_attr(not(feature = "verify"), allow(dead_code))] // messages of the verify domains only
pub(crate) fn format_unix_utc(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let tod = secs.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC",
        tod / 3600,
        tod % 3600 / 60,
        tod % 60
    )
}

/// `YYYY-MM-DDTHH:MM:SS[.fraction]Z` (RFC 3339 §5.6 in UTC, upper-case `T` and `Z`) as seconds
/// since the Unix epoch. A fraction is rounded down (dropped: the whole seconds count from the
/// epoch, so this is the floor also before 1970), the one rule for sub-second times here (see
/// [`numeric_date`]). Offsets other than `Z`, leap seconds and impossible dates are refused.
/// Used for trust lists' `ListIssueDateTime`/`NextUpdate` and mdoc `tdate`s.
#[cfg_attr(not(feature = "verify"), allow(dead_code))]
pub(crate) fn parse_rfc3339_utc(s: &str) -> Option<i64> {
    parse_rfc3339_with(s, false)
}

/// Any RFC 3339 §5.6 `date-time`: `YYYY-MM-DDTHH:MM:SS[.fraction]` then `Z` or `±HH:MM`, `T` and
/// `Z` in either case (§5.6's note allows lower case). Seconds since the Unix epoch of that
/// instant, the fraction rounded down as in [`parse_rfc3339_utc`]; leap seconds (`:60`) are
/// refused (Unix time has no place for them), as are impossible dates and offsets past `23:59`.
pub(crate) fn parse_rfc3339(s: &str) -> Option<i64> {
    parse_rfc3339_with(s, true)
}

/// The one RFC 3339 reader: `lenient` allows numeric offsets and lower-case `t`/`z`.
fn parse_rfc3339_with(s: &str, lenient: bool) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 20 {
        return None;
    }
    let (main, rest) = b.split_at(19);
    // The offset: `Z`, or `±HH:MM` (6 bytes) when lenient.
    let (body, offset) = match rest.split_last() {
        Some((&b'Z', body)) => (body, 0),
        Some((&b'z', body)) if lenient => (body, 0),
        _ if lenient && rest.len() >= 6 => {
            let (body, off) = rest.split_at(rest.len() - 6);
            let sign = match off.first() {
                Some(b'+') => 1,
                Some(b'-') => -1,
                _ => return None,
            };
            if off.get(3) != Some(&b':') {
                return None;
            }
            let hours = i64::from(digits(off.get(1..3)?)?);
            let minutes = i64::from(digits(off.get(4..6)?)?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            (body, sign * (hours * 3600 + minutes * 60))
        }
        _ => return None,
    };
    if let Some((&dot, frac_digits)) = body.split_first() {
        if dot != b'.' || frac_digits.is_empty() || !frac_digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
    }
    let t_ok = |c: Option<&u8>| c == Some(&b'T') || (lenient && c == Some(&b't'));
    let separators = [(4, b'-'), (7, b'-'), (13, b':'), (16, b':')];
    if !t_ok(main.get(10)) || separators.iter().any(|&(i, c)| main.get(i) != Some(&c)) {
        return None;
    }
    let num = |from: usize, to: usize| main.get(from..to).and_then(digits).map(i64::from);
    let (year, month, day) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
    let (hour, minute, second) = (num(11, 13)?, num(14, 16)?, num(17, 19)?);
    let max_day = days_in_month(u16::try_from(year).ok()?, u8::try_from(month).ok()?);
    if year == 0 || day == 0 || day > i64::from(max_day) || hour > 23 || minute > 59 || second > 59
    {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offset)
}

/// Vietnam's offset from UTC in seconds: UTC+7 all year (no daylight saving), the zone
/// `Asia/Ho_Chi_Minh`. Card dates are civil dates there.
pub(crate) const VIETNAM_UTC_OFFSET_SECONDS: i64 = 7 * 3600;

/// The calendar date in Vietnam (UTC+7) at `secs` since the Unix epoch, or `None` when that
/// date is outside the years 1–9999 that [`Date`] holds.
pub(crate) fn vietnam_date(secs: i64) -> Option<Date> {
    let days = secs
        .checked_add(VIETNAM_UTC_OFFSET_SECONDS)?
        .div_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    Date::new(
        u16::try_from(year).ok()?,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
    )
}

/// The `now` a caller gives, as the JS API reads it (`js/api.js` `nowSeconds`/`nowDay`, type
/// `NowInput`): an instant, or a calendar day in Vietnam where a date is enough (card checks).
///
/// Text forms ([`Now::parse`]): an RFC 3339 date-time with any offset (`2026-12-04T09:30:00+07:00`,
/// `2026-12-04T02:30:00Z`), or a date `YYYY-MM-DD`. Instants are limited to the years the
/// calendar types hold, `0001-01-01T00:00:00Z` ..= `9999-12-31T23:59:59Z` ([`Now::at`]).
/// A date-only `now` means that whole day in Vietnam; it has no time of day, so it is refused
/// where an instant is needed ([`Now::unix_seconds`] is `None`): a token's `exp` is to the
/// second. An instant used for a date-only check (card expiry, age) is read as the date in
/// Vietnam at that instant ([`Now::day_in_vietnam`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Now {
    /// Seconds since the Unix epoch.
    At(i64),
    /// A calendar day in Vietnam.
    Day(Date),
}

impl Now {
    /// `0001-01-01T00:00:00Z`, the earliest instant a `now` may be.
    pub const MIN_SECONDS: i64 = -62_135_596_800;
    /// `9999-12-31T23:59:59Z`, the latest instant a `now` may be.
    pub const MAX_SECONDS: i64 = 253_402_300_799;

    /// An instant, `None` outside [`Now::MIN_SECONDS`]`..=`[`Now::MAX_SECONDS`].
    pub fn at(secs: i64) -> Option<Now> {
        (Now::MIN_SECONDS..=Now::MAX_SECONDS)
            .contains(&secs)
            .then_some(Now::At(secs))
    }

    /// Reads an RFC 3339 date-time (any offset, see [`Now`]) or a `YYYY-MM-DD` date.
    pub fn parse(s: &str) -> Option<Now> {
        if s.len() == 10 {
            return Date::parse_iso(s).map(Now::Day);
        }
        Now::at(parse_rfc3339(s)?)
    }

    /// The instant, or `None` for a date-only `now` (no time of day).
    pub fn unix_seconds(self) -> Option<i64> {
        match self {
            Now::At(secs) => Some(secs),
            Now::Day(_) => None,
        }
    }

    /// The calendar date in Vietnam: the date itself, or the date at the instant in UTC+7
    /// (`None` past `9999-12-31T16:59:59Z`, when that date is in year 10000).
    pub fn day_in_vietnam(self) -> Option<Date> {
        match self {
            Now::At(secs) => vietnam_date(secs),
            Now::Day(d) => Some(d),
        }
    }
}

/// The proleptic Gregorian date `days` after 1970-01-01 (H. Hinnant, "chrono-Compatible
/// Low-Level Date Algorithms", `civil_from_days`), as (year, month, day).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
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
    (year, month, day)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, "chrono-Compatible
/// Low-Level Date Algorithms", `days_from_civil`).
pub(crate) fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A JWT NumericDate (RFC 7519 §2): a JSON number of seconds since the Unix epoch, integer or
/// not. Non-integers round down (as [`parse_rfc3339_utc`] does); values beyond `i64` saturate
/// (an `exp` of 1e300 never expires). `None` when `v` is not a number. Used by SD-JWT VC
/// (`iat`, `nbf`, `exp`, KB-JWT `iat`) and Status List Tokens (`iat`, `nbf`, `exp`) alike.
#[cfg_attr(not(feature = "verify"), allow(dead_code))]
pub(crate) fn numeric_date(v: &Value) -> Option<i64> {
    if let Some(n) = v.as_i64() {
        return Some(n);
    }
    // `as` from a float saturates at the bounds of `i64` (JSON has no NaN or infinity).
    #[allow(clippy::cast_possible_truncation)]
    v.as_f64().map(|f| f.floor() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_zero_padded_to_the_width_and_never_cut() {
        let put = |v: u32, width: usize| {
            let mut s = String::from(">");
            push_digits(&mut s, v, width);
            s
        };
        assert_eq!(put(7, 2), ">07");
        assert_eq!(put(0, 4), ">0000");
        assert_eq!(put(0, 1), ">0");
        assert_eq!(put(2026, 4), ">2026");
        assert_eq!(put(2026, 1), ">2026");
        assert_eq!(put(123_456, 2), ">123456");
        assert_eq!(put(42, 10), ">0000000042");
        assert_eq!(put(u32::MAX, 10), ">4294967295");
        assert_eq!(Date::new(987, 3, 9).unwrap().to_string(), "0987-03-09");
    }
    use serde_json::json;

    #[test]
    fn parses_rfc3339_utc() {
        assert_eq!(parse_rfc3339_utc("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(
            parse_rfc3339_utc("2026-11-27T00:00:00Z"),
            Some(1_795_737_600)
        );
        assert_eq!(
            parse_rfc3339_utc("2026-11-27T01:02:03.456Z"),
            Some(1_795_737_600 + 3723)
        );
        assert_eq!(
            parse_rfc3339_utc("2024-02-29T23:59:59Z"),
            Some(1_709_251_199)
        );
        assert_eq!(parse_rfc3339_utc("1969-12-31T23:59:59Z"), Some(-1));
    }

    #[test]
    fn refuses_other_forms() {
        for bad in [
            "",
            "Z",
            "2026-11-27",
            "2026-11-27T00:00:00",
            "2026-11-27T00:00:00+00:00",
            "2026-11-27T00:00:00+07:00",
            "2026-11-27t00:00:00z",
            "2026-11-27 00:00:00Z",
            "2026-11-27T00:00:00.Z",
            "2026-11-27T00:00:60Z",
            "2026-11-27T24:00:00Z",
            "2025-02-29T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-00-01T00:00:00Z",
            "0000-01-01T00:00:00Z",
            "+2026-11-27T00:00:00Z",
            "2026-1-27T00:00:00Z",
            "2026-11-27T00:00:00.1a2Z",
        ] {
            assert_eq!(parse_rfc3339_utc(bad), None, "{bad}");
        }
    }

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

    #[test]
    fn sub_second_times_round_down_everywhere() {
        // The same instant, 2026-11-27T00:00:00.75Z, as RFC 3339 and as a NumericDate.
        let t = 1_795_737_600;
        assert_eq!(parse_rfc3339_utc("2026-11-27T00:00:00.75Z"), Some(t));
        assert_eq!(numeric_date(&json!(1_795_737_600.75)), Some(t));
        assert_eq!(numeric_date(&json!(1_795_737_600)), Some(t));
        assert_eq!(parse_rfc3339_utc("2026-11-27T00:00:00.999999999Z"), Some(t));
        // Before 1970 too: down, not toward zero.
        assert_eq!(parse_rfc3339_utc("1969-12-31T23:59:59.5Z"), Some(-1));
        assert_eq!(numeric_date(&json!(-0.5)), Some(-1));
        assert_eq!(numeric_date(&json!(-1.5)), Some(-2));
    }

    #[test]
    fn numeric_dates_saturate_and_refuse_non_numbers() {
        assert_eq!(numeric_date(&json!(1e300)), Some(i64::MAX));
        assert_eq!(numeric_date(&json!(-1e300)), Some(i64::MIN));
        assert_eq!(numeric_date(&json!(u64::MAX)), Some(i64::MAX));
        assert_eq!(numeric_date(&json!(i64::MIN)), Some(i64::MIN));
        for v in [
            json!("1795737600"),
            json!(null),
            json!(true),
            json!([1]),
            json!({}),
        ] {
            assert_eq!(numeric_date(&v), None, "{v}");
        }
    }

    /// The table `js/api.js`'s `nowSeconds`/`nowDay` are tested against too (tests/js), so the
    /// two readers accept and refuse the same `now` text.
    #[test]
    fn now_reads_the_shared_table() {
        let table: Value = serde_json::from_str(include_str!("../tests/data/now.json")).unwrap();
        let cases = table["cases"].as_array().unwrap();
        assert!(cases.len() > 40);
        for case in cases {
            let input = case["input"].as_str().unwrap();
            let now = Now::parse(input);
            let seconds = now.and_then(Now::unix_seconds);
            let day = now.and_then(Now::day_in_vietnam).map(|d| d.to_string());
            assert_eq!(seconds, case["seconds"].as_i64(), "{input:?} seconds");
            assert_eq!(day.as_deref(), case["day"].as_str(), "{input:?} day");
        }
    }

    #[test]
    fn now_takes_offsets_and_lower_case() {
        let utc = Now::parse("2026-12-04T02:30:00Z").unwrap();
        assert_eq!(utc, Now::At(1_796_351_400));
        for same in [
            "2026-12-04T09:30:00+07:00",
            "2026-12-03T21:30:00-05:00",
            "2026-12-04t02:30:00z",
            "2026-12-04T02:30:00-00:00",
            "2026-12-04T09:30:00.75+07:00",
        ] {
            assert_eq!(Now::parse(same), Some(utc), "{same}");
        }
        // The trust-list reader stays strict: `Z` and upper case only.
        assert_eq!(parse_rfc3339_utc("2026-12-04T09:30:00+07:00"), None);
        assert_eq!(parse_rfc3339_utc("2026-12-04t02:30:00z"), None);
        assert_eq!(
            parse_rfc3339_utc("2026-12-04T02:30:00Z"),
            Some(1_796_351_400)
        );
    }

    #[test]
    fn now_refuses_bad_offsets_and_leap_seconds() {
        for bad in [
            "2026-12-04T02:30:00+24:00",
            "2026-12-04T02:30:00+07:60",
            "2026-12-04T02:30:00+0700",
            "2026-12-04T02:30:00*07:00",
            "2026-12-04T02:30:00+07-00",
            "2026-12-04T02:30:00.+07:00",
            "2026-12-31T23:59:60Z",
            "2026-12-04T02:30:00",
            "2026-12-04T02:30",
            "2026-12-04 02:30:00Z",
            "1796351400",
            "",
        ] {
            assert_eq!(Now::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_date_only_now_is_a_day_not_an_instant() {
        let d = Now::parse("2026-12-04").unwrap();
        assert_eq!(d, Now::Day(Date::new(2026, 12, 4).unwrap()));
        assert_eq!(d.unix_seconds(), None);
        assert_eq!(d.day_in_vietnam(), Date::new(2026, 12, 4));
        assert_eq!(Now::parse("2026-02-29"), None);
    }

    #[test]
    fn instants_are_days_in_vietnam() {
        // 2026-12-04T16:59:59Z is 23:59:59 in Hà Nội; one second later it is 5 December there.
        let last = Now::at(1_796_403_599).unwrap();
        assert_eq!(last.day_in_vietnam(), Date::new(2026, 12, 4));
        assert_eq!(
            Now::At(1_796_403_600).day_in_vietnam(),
            Date::new(2026, 12, 5)
        );
        // Not the UTC date: at 2026-12-04T20:00:00Z it is still 4 December in UTC.
        assert_eq!(
            Now::At(1_796_414_400).day_in_vietnam(),
            Date::new(2026, 12, 5)
        );
        assert_eq!(Now::At(-25_200).day_in_vietnam(), Date::new(1970, 1, 1));
        assert_eq!(Now::At(-25_201).day_in_vietnam(), Date::new(1969, 12, 31));
    }

    #[test]
    fn now_is_limited_to_years_1_to_9999() {
        assert_eq!(Now::at(Now::MIN_SECONDS), Some(Now::At(-62_135_596_800)));
        assert_eq!(Now::at(Now::MIN_SECONDS - 1), None);
        assert_eq!(Now::at(Now::MAX_SECONDS), Some(Now::At(253_402_300_799)));
        assert_eq!(Now::at(Now::MAX_SECONDS + 1), None);
        assert_eq!(Now::at(i64::MIN), None);
        assert_eq!(Now::at(i64::MAX), None);
        assert_eq!(
            Now::parse("0001-01-01T00:00:00Z").and_then(Now::day_in_vietnam),
            Date::new(1, 1, 1)
        );
        assert_eq!(Now::parse("0001-01-01T00:00:00+00:01"), None);
        // The last instant is 1 January 10000 in Vietnam: no card date.
        assert_eq!(Now::At(Now::MAX_SECONDS).day_in_vietnam(), None);
        assert_eq!(vietnam_date(i64::MAX), None);
        assert_eq!(vietnam_date(i64::MIN), None);
    }
}
