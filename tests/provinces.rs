//! The 63 place-of-birth-registration codes: the crate's table must match
//! `shared/domain/provinces.csv` exactly, and every other code 000–099 is unassigned.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::collections::BTreeMap;

use cccd_verify::{parse_qr_text, Date, Finding, IdNumber, Place};

const CSV_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/domain/provinces.csv"
);

/// code → (province, 2025 successor), from the CSV.
fn csv() -> BTreeMap<String, (String, String)> {
    let text = std::fs::read_to_string(CSV_PATH)
        .unwrap_or_else(|e| unreachable!("cannot read {CSV_PATH}: {e}"));
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    assert_eq!(lines.next(), Some("code,province,successor_2025"));
    let mut map = BTreeMap::new();
    for line in lines {
        let cols: Vec<&str> = line.trim_end_matches('\r').split(',').collect();
        assert_eq!(cols.len(), 3, "{line}");
        assert_eq!(cols[0].len(), 3, "{line}");
        let previous = map.insert(cols[0].to_owned(), (cols[1].to_owned(), cols[2].to_owned()));
        assert!(previous.is_none(), "duplicate code in {line}");
    }
    map
}

#[test]
fn csv_lists_63_codes_in_001_to_096() {
    let map = csv();
    assert_eq!(map.len(), 63);
    assert_eq!(map.keys().next().map(String::as_str), Some("001"));
    assert_eq!(map.keys().last().map(String::as_str), Some("096"));
    // 23 merged units + 11 unchanged = 34 successors (cccd.md §3.3).
    let successors: std::collections::BTreeSet<&str> =
        map.values().map(|(_, s)| s.as_str()).collect();
    assert_eq!(successors.len(), 34);
}

#[test]
fn every_csv_code_decodes_to_exactly_that_province_and_successor() {
    for (code, (name, successor)) in csv() {
        let id = IdNumber::parse(&format!("{code}090000123")).unwrap();
        match id.place {
            Place::Province {
                code: got_code,
                name: got_name,
                successor_2025,
            } => {
                assert_eq!(got_code, code);
                assert_eq!(got_name, name, "{code}");
                assert_eq!(successor_2025, successor, "{code}");
            }
            other => unreachable!("{code} decoded as {other:?}"),
        }
    }
}

#[test]
fn every_other_code_from_000_to_099_is_unassigned() {
    let map = csv();
    let mut unassigned = 0;
    for n in 0..100u8 {
        let code = format!("{n:03}");
        if map.contains_key(&code) {
            continue;
        }
        let id = IdNumber::parse(&format!("{code}090000123")).unwrap();
        assert_eq!(id.place, Place::Unassigned { code: code.clone() });
        unassigned += 1;
    }
    assert_eq!(unassigned, 100 - 63);
}

#[test]
fn the_gaps_listed_in_the_brief_are_unassigned() {
    // cccd.md §3.2 "Validator implications".
    let gaps = "003 005 007 009 013 016 018 021 023 028 029 032 039 041 043 047 050 053 055 \
                057 059 061 063 065 069 071 073 076 078 081 085 088 090";
    let gaps: Vec<&str> = gaps.split_whitespace().collect();
    assert_eq!(gaps.len(), 33);
    let map = csv();
    for gap in gaps {
        assert!(!map.contains_key(gap), "{gap}");
        let id = IdNumber::parse(&format!("{gap}090000123")).unwrap();
        assert_eq!(id.place, Place::Unassigned { code: gap.into() });
    }
}

#[test]
fn only_unassigned_codes_produce_the_place_code_finding_on_a_card() {
    let map = csv();
    let now = Date::new(2026, 11, 27).unwrap();
    for n in 0..100u8 {
        let code = format!("{n:03}");
        let text = format!("{code}090000123||Nguyễn Văn An|15031990|Nam|Hà Nội|20042021");
        let card = parse_qr_text(&text, now).unwrap();
        if map.contains_key(&code) {
            assert!(card.findings.is_empty(), "{code}: {:?}", card.findings);
        } else {
            assert_eq!(
                card.findings,
                vec![Finding::IdPlaceCodeUnassigned { code: code.clone() }]
            );
        }
    }
}
