//! Card expiry computed from the QR's date of birth and date of issue (`cccd.md` §4.1), the
//! Art. 46 transition (§0), and `expired` relative to `now`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use cccd_verify::{parse_qr_text, Card, Date, Expiry, Finding, Law, Severity};

fn now() -> Date {
    Date::new(2026, 11, 27).unwrap()
}

fn d(s: &str) -> Date {
    Date::parse_iso(s).unwrap()
}

/// A consistent payload (ID digits agree with the DOB; 7 fields before July 2024, 11 after).
fn payload(dob: &str, issued: &str) -> String {
    let (b, i) = (d(dob), d(issued));
    let century = (b.year() - 1900) / 100 * 2; // male
    let id = format!("001{century}{:02}000123", b.year() % 100);
    let trailing = if i >= d("2024-07-01") { "||||" } else { "" };
    format!(
        "{id}||Nguyễn Văn An|{:02}{:02}{:04}|Nam|Hà Nội|{:02}{:02}{:04}{trailing}",
        b.day(),
        b.month(),
        b.year(),
        i.day(),
        i.month(),
        i.year()
    )
}

fn card_at(dob: &str, issued: &str, now: Date) -> Card {
    parse_qr_text(&payload(dob, issued), now).unwrap()
}

fn card(dob: &str, issued: &str) -> Card {
    card_at(dob, issued, now())
}

/// (expiry date, renewal age, law) of a card that expires.
fn expiry_of(dob: &str, issued: &str) -> (Date, u16, Law) {
    match card(dob, issued).expiry {
        Expiry::Date {
            date,
            renewal_age,
            law,
            ..
        } => (date, renewal_age, law),
        other @ Expiry::None { .. } => unreachable!("{dob} {issued}: {other:?}"),
    }
}

fn codes(card: &Card) -> Vec<&'static str> {
    card.findings.iter().map(Finding::code).collect()
}

#[test]
fn test_payload_helper_builds_a_consistent_card() {
    assert_eq!(
        payload("1990-03-15", "2021-04-20"),
        "001090000123||Nguyễn Văn An|15031990|Nam|Hà Nội|20042021"
    );
    assert_eq!(
        payload("2015-03-01", "2024-08-01"),
        "001215000123||Nguyễn Văn An|01032015|Nam|Hà Nội|01082024||||"
    );
    assert!(card("1990-03-15", "2021-04-20").findings.is_empty());
}

// ---------------------------------------------------------------------------------------------
// Luật CCCD 2014 (issued before 1 July 2024): 25, 40, 60.

#[test]
fn cccd_law_issued_at_14_expires_at_25() {
    assert_eq!(
        expiry_of("2007-01-10", "2021-06-01"),
        (d("2032-01-10"), 25, Law::Cccd2014)
    );
}

#[test]
fn cccd_law_two_year_rule_at_25_both_edges() {
    // 22 at issue (the day before the 23rd birthday) → 25th birthday.
    assert_eq!(
        expiry_of("1998-08-02", "2021-08-01"),
        (d("2023-08-02"), 25, Law::Cccd2014)
    );
    // 23 at issue (on the 23rd birthday, 2 years before 25) → 40th birthday.
    assert_eq!(
        expiry_of("1998-08-01", "2021-08-01"),
        (d("2038-08-01"), 40, Law::Cccd2014)
    );
}

#[test]
fn cccd_law_two_year_rule_at_40_both_edges() {
    assert_eq!(
        expiry_of("1983-08-02", "2021-08-01"),
        (d("2023-08-02"), 40, Law::Cccd2014)
    );
    assert_eq!(
        expiry_of("1983-08-01", "2021-08-01"),
        (d("2043-08-01"), 60, Law::Cccd2014)
    );
}

#[test]
fn cccd_law_two_year_rule_at_60_both_edges() {
    // 57 at issue → 60th birthday.
    assert_eq!(
        expiry_of("1963-08-02", "2021-08-01"),
        (d("2023-08-02"), 60, Law::Cccd2014)
    );
    // 58 at issue → never expires.
    let c = card("1963-08-01", "2021-08-01");
    assert_eq!(
        c.expiry,
        Expiry::None {
            law: Law::Cccd2014,
            approximate: false
        }
    );
    assert_eq!(c.expiry.date(), None);
    assert_eq!(c.expiry.valid_until(), None);
    assert!(!c.expired);
    assert!(c.findings.is_empty());
}

#[test]
fn cccd_law_has_no_renewal_at_14() {
    // Issued at 13 on the last day of the 2014 law: 25th birthday, plus a minimum-age warning.
    let c = card("2011-03-01", "2024-06-30");
    assert_eq!(c.expiry.date(), Some(d("2036-03-01")));
    assert!(matches!(
        c.expiry,
        Expiry::Date {
            renewal_age: 25,
            law: Law::Cccd2014,
            ..
        }
    ));
    assert_eq!(c.findings, vec![Finding::IssuedUnderMinimumAge { age: 13 }]);
    assert_eq!(c.findings[0].severity(), Severity::Warning);
}

// ---------------------------------------------------------------------------------------------
// Luật Căn cước 2023 (issued from 1 July 2024): 14, 25, 40, 60.

#[test]
fn can_cuoc_law_issued_to_a_young_child_expires_at_14() {
    assert_eq!(
        expiry_of("2019-03-01", "2024-07-01"),
        (d("2033-03-01"), 14, Law::CanCuoc2023)
    );
    // Issued in the year of birth.
    assert_eq!(
        expiry_of("2025-01-05", "2025-02-01"),
        (d("2039-01-05"), 14, Law::CanCuoc2023)
    );
}

#[test]
fn can_cuoc_law_two_year_rule_at_14_both_edges() {
    // 11 at issue → 14th birthday.
    assert_eq!(
        expiry_of("2013-07-02", "2025-07-01"),
        (d("2027-07-02"), 14, Law::CanCuoc2023)
    );
    // 12 at issue → 25th birthday.
    assert_eq!(
        expiry_of("2013-07-01", "2025-07-01"),
        (d("2038-07-01"), 25, Law::CanCuoc2023)
    );
}

#[test]
fn can_cuoc_law_two_year_rule_at_25_40_and_60_both_edges() {
    let cases = [
        ("2002-07-02", "2025-07-01", "2027-07-02", 25),
        ("2002-07-01", "2025-07-01", "2042-07-01", 40),
        ("1987-07-02", "2025-07-01", "2027-07-02", 40),
        ("1987-07-01", "2025-07-01", "2047-07-01", 60),
        ("1967-07-02", "2025-07-01", "2027-07-02", 60),
    ];
    for (dob, issued, expiry, age) in cases {
        assert_eq!(
            expiry_of(dob, issued),
            (d(expiry), age, Law::CanCuoc2023),
            "{dob} issued {issued}"
        );
    }
    let c = card("1967-07-01", "2025-07-01");
    assert_eq!(
        c.expiry,
        Expiry::None {
            law: Law::CanCuoc2023,
            approximate: false
        }
    );
    assert!(!c.expired);
}

#[test]
fn law_switches_on_1_july_2024() {
    // The same 10-year-old: 25th birthday under the 2014 law, 14th under the 2023 law.
    assert_eq!(
        expiry_of("2014-03-01", "2024-06-30"),
        (d("2039-03-01"), 25, Law::Cccd2014)
    );
    assert_eq!(
        expiry_of("2014-03-01", "2024-07-01"),
        (d("2028-03-01"), 14, Law::CanCuoc2023)
    );
}

#[test]
fn worked_example_born_1985_issued_2024_expires_2045() {
    // cccd.md §4.1: born 10/05/1985, issued 2024 at 39 → 10/05/2045 (60th birthday),
    // under either law.
    for issued in ["2024-03-01", "2024-06-30", "2024-07-01", "2024-12-31"] {
        let (date, age, _) = expiry_of("1985-05-10", issued);
        assert_eq!((date, age), (d("2045-05-10"), 60), "issued {issued}");
    }
    let c = card("1985-05-10", "2024-09-01");
    assert_eq!(c.expiry.valid_until(), Some(d("2045-05-10")));
    assert!(c.is_valid());
}

#[test]
fn issued_at_58_or_older_never_expires_even_far_in_the_future() {
    let far = Date::new(9999, 12, 31).unwrap();
    for (dob, issued) in [
        ("1960-05-01", "2021-06-01"),
        ("1930-01-01", "2023-01-01"),
        ("1966-09-01", "2024-09-01"),
    ] {
        let c = card_at(dob, issued, far);
        assert_eq!(c.expiry.date(), None, "{dob}");
        assert!(!c.expired, "{dob}");
        assert!(!codes(&c).contains(&"CARD_EXPIRED"));
        assert_eq!(c.to_json(cccd_verify::Lang::En)["expiry"]["kind"], "none");
    }
}

#[test]
fn leap_day_birthday_expires_on_28_february_in_common_years() {
    let (date, age, _) = expiry_of("2000-02-29", "2021-03-01");
    assert_eq!((date, age), (d("2025-02-28"), 25));
    let (date, _, _) = expiry_of("2004-02-29", "2022-03-01");
    assert_eq!(date, d("2029-02-28"));
    // 40th birthday of someone born 29/02/1988 falls on a real 29 February.
    let (date, age, _) = expiry_of("1988-02-29", "2021-03-01");
    assert_eq!((date, age), (d("2028-02-29"), 40));
}

// ---------------------------------------------------------------------------------------------
// `expired` relative to `now`.

#[test]
fn card_is_valid_on_its_expiry_day_and_expired_the_day_after() {
    // Example 4 of §1.5: expires 30/11/2026.
    let text = "079301000789||Lê Thị Cúc|30112001|Nữ|12/3 Đường Số 5, Phường 7, Quận Gò Vấp, TP. Hồ Chí Minh|15082024||||";
    for (today, expired) in [
        ("2026-11-27", false),
        ("2026-11-29", false),
        ("2026-11-30", false),
        ("2026-12-01", true),
        ("2030-01-01", true),
    ] {
        let c = parse_qr_text(text, d(today)).unwrap();
        assert_eq!(c.expiry.date(), Some(d("2026-11-30")));
        assert_eq!(c.expired, expired, "now {today}");
        assert_eq!(c.is_valid(), !expired, "now {today}");
        if expired {
            assert_eq!(
                c.findings,
                vec![Finding::CardExpired {
                    valid_until: d("2026-11-30")
                }]
            );
            assert_eq!(c.findings[0].severity(), Severity::Error);
            assert_eq!(c.findings[0].params()["validUntil"], "2026-11-30");
        } else {
            assert!(c.findings.is_empty());
        }
    }
}

#[test]
fn expired_card_has_a_card_expired_error_finding() {
    // Born 1999-08-01, issued 2021 at 21 → 25th birthday 2024-08-01 (after the transition).
    let c = card("1999-08-01", "2021-08-01");
    assert_eq!(c.expiry.date(), Some(d("2024-08-01")));
    assert_eq!(c.expiry.valid_until(), Some(d("2024-08-01")));
    assert!(c.expired);
    assert_eq!(codes(&c), vec!["CARD_EXPIRED"]);
    assert!(!c.is_valid());
    assert_eq!(c.to_json(cccd_verify::Lang::En)["expired"], true);
}

// ---------------------------------------------------------------------------------------------
// Art. 46 Luật Căn cước 2023: cards expiring 15/01/2024 – 30/06/2024 valid until 30/06/2024.

#[test]
fn expiry_inside_the_art_46_window_is_valid_until_30_june_2024() {
    for (dob, expiry) in [
        ("1999-01-15", "2024-01-15"),
        ("1999-02-01", "2024-02-01"),
        ("1999-06-30", "2024-06-30"),
    ] {
        let c = card_at(dob, "2021-03-01", d("2024-06-30"));
        assert_eq!(c.expiry.date(), Some(d(expiry)), "{dob}");
        assert_eq!(c.expiry.valid_until(), Some(d("2024-06-30")), "{dob}");
        assert!(!c.expired, "{dob} on 30/06/2024");
        let c = card_at(dob, "2021-03-01", d("2024-07-01"));
        assert!(c.expired, "{dob} on 01/07/2024");
        assert_eq!(
            c.findings,
            vec![Finding::CardExpired {
                valid_until: d("2024-06-30")
            }]
        );
    }
}

#[test]
fn expiry_outside_the_art_46_window_is_not_extended() {
    // 14/01/2024: the day before the window.
    let c = card_at("1999-01-14", "2021-03-01", d("2024-01-15"));
    assert_eq!(c.expiry.date(), Some(d("2024-01-14")));
    assert_eq!(c.expiry.valid_until(), Some(d("2024-01-14")));
    assert!(c.expired);
    // 01/07/2024: the day after the window.
    let c = card_at("1999-07-01", "2021-03-01", d("2024-07-01"));
    assert_eq!(c.expiry.valid_until(), Some(d("2024-07-01")));
    assert!(!c.expired);
    let c = card_at("1999-07-01", "2021-03-01", d("2024-07-02"));
    assert!(c.expired);
}

#[test]
fn transition_card_json_reports_printed_date_and_valid_until() {
    let c = card_at("1999-02-01", "2021-03-01", d("2024-03-01"));
    let json = c.to_json(cccd_verify::Lang::En);
    assert_eq!(json["expiry"]["date"], "2024-02-01");
    assert_eq!(json["expiry"]["validUntil"], "2024-06-30");
    assert_eq!(json["expired"], false);
}

// ---------------------------------------------------------------------------------------------
// Impossible dates relative to each other and to `now`.

#[test]
fn issue_date_in_the_future_is_an_error() {
    let c = card("1990-03-15", "2026-11-28");
    assert_eq!(codes(&c), vec!["ISSUE_DATE_IN_FUTURE"]);
    assert!(!c.is_valid());
    // Issued today is fine.
    assert!(card("1990-03-15", "2026-11-27").findings.is_empty());
}

#[test]
fn issued_before_birth_is_an_error() {
    let c = card("2005-09-02", "2021-05-10");
    assert!(c.findings.is_empty());
    let text = "036305000456||Trần Thị Bình|02092005|Nữ|Nam Định|10052004";
    let c = parse_qr_text(text, now()).unwrap();
    assert_eq!(
        codes(&c),
        vec!["ISSUED_BEFORE_BIRTH", "ISSUE_DATE_BEFORE_QR_CARDS"]
    );
    assert!(!c.is_valid());
    // Never a panic, and an expiry is still computed (from age 0).
    assert!(c.expiry.date().is_some());
}

#[test]
fn date_of_birth_in_the_future_is_an_error() {
    // Born tomorrow, ID digits agree (2026), issued today: only the birth date is impossible.
    let text = "001226000123||Nguyễn Văn An|28112026|Nam|Hà Nội|27112026||||";
    let c = parse_qr_text(text, now()).unwrap();
    assert_eq!(
        codes(&c),
        vec!["BIRTH_DATE_IN_FUTURE", "ISSUED_BEFORE_BIRTH"]
    );
    assert!(!c.is_valid());
    // Born today is not in the future.
    let text = "001226000123||Nguyễn Văn An|27112026|Nam|Hà Nội|27112026||||";
    assert!(parse_qr_text(text, now()).unwrap().findings.is_empty());
}

#[test]
fn partial_birth_date_takes_the_earliest_possible_expiry_so_an_expired_card_is_not_hidden() {
    // Born some day in 1998, issued 2021-06-01: a birthday after 1 June makes the holder 22 at
    // issue (→ 25th birthday, by 2023-12-31 at the latest); before it, 23 (→ 40th). The card
    // must be treated as the earlier one, hence expired in 2026.
    let c = parse_qr_text(
        "001098000123||Nguyễn Văn An|00001998|Nam|Hà Nội|01062021",
        now(),
    )
    .unwrap();
    assert_eq!(c.expiry.date(), Some(d("2023-12-31")));
    assert!(matches!(
        c.expiry,
        Expiry::Date {
            renewal_age: 25,
            approximate: true,
            ..
        }
    ));
    assert!(c.expired);
    assert!(codes(&c).contains(&"CARD_EXPIRED"));
    assert!(codes(&c).contains(&"EXPIRY_APPROXIMATE"));
    // Month known, day unknown: every July birthday gives the 25th birthday; the earliest day wins.
    let c = parse_qr_text(
        "001098000123||Nguyễn Văn An|00071998|Nam|Hà Nội|01062021",
        now(),
    )
    .unwrap();
    assert_eq!(c.expiry.date(), Some(d("2023-07-01")));
}
