//! Names (`cccd.md` §7.4, §7.5): folding, comparison levels, splitting into family / middle /
//! given names, and ICAO 9303 transliteration for the MRZ.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use cccd_verify::{
    compare_names, fold_name, icao_transliterate, normalize_name, parse_qr_text, Date, Name,
    NameMatch,
};
use unicode_normalization::UnicodeNormalization;

fn now() -> Date {
    Date::new(2026, 11, 27).unwrap()
}

fn card_name(full: &str) -> Name {
    let text = format!("001090000123|012345678|{full}|15031990|Nam|Hà Nội|20042021");
    parse_qr_text(&text, now()).unwrap().name
}

fn nfd(s: &str) -> String {
    s.nfd().collect()
}

// ---------------------------------------------------------------------------------------------
// fold_name

#[test]
fn fold_removes_case_and_diacritics() {
    assert_eq!(fold_name("Nguyễn Văn An").unwrap(), "nguyen van an");
    assert_eq!(fold_name("NGUYỄN VĂN AN").unwrap(), "nguyen van an");
    assert_eq!(fold_name("NGUYEN VAN AN").unwrap(), "nguyen van an");
    assert_eq!(fold_name("Trương Thị Thơ").unwrap(), "truong thi tho");
    assert_eq!(fold_name("Lê Thị Cúc").unwrap(), "le thi cuc");
}

#[test]
fn fold_maps_d_with_stroke_to_d() {
    // Đ does not decompose under NFD (§7.4): it needs an explicit mapping.
    assert_eq!(fold_name("Đặng Thị Đào").unwrap(), "dang thi dao");
    assert_eq!(fold_name("ĐỖ ĐỨC ĐẠT").unwrap(), "do duc dat");
    assert_eq!(fold_name("đinh").unwrap(), "dinh");
}

#[test]
fn fold_is_the_same_for_nfc_and_nfd() {
    for name in [
        "Nguyễn Văn An",
        "Đặng Thị Đào",
        "Huỳnh Hiếu Thuận",
        "Trần Thị Bình",
    ] {
        assert_ne!(nfd(name), name);
        assert_eq!(
            fold_name(&nfd(name)).unwrap(),
            fold_name(name).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn fold_unifies_tone_placement_variants() {
    assert_eq!(fold_name("Hòa").unwrap(), "hoa");
    assert_eq!(fold_name("Hoà").unwrap(), "hoa");
    assert_eq!(fold_name("Thủy").unwrap(), fold_name("Thuỷ").unwrap());
    assert_eq!(
        fold_name("Khánh Hòa").unwrap(),
        fold_name("Khánh Hoà").unwrap()
    );
}

#[test]
fn fold_collapses_whitespace_and_punctuation() {
    assert_eq!(
        fold_name("  Nguyễn \t Văn   An  ").unwrap(),
        "nguyen van an"
    );
    assert_eq!(fold_name("Lê-Văn O'Neil").unwrap(), "le van o neil");
    assert_eq!(fold_name("").unwrap(), "");
}

// ---------------------------------------------------------------------------------------------
// compare_names

#[test]
fn compare_identical_names_after_normalisation_is_exact() {
    assert_eq!(
        compare_names("Nguyễn Văn An", "Nguyễn Văn An").unwrap(),
        NameMatch::Exact
    );
    assert_eq!(
        compare_names(&nfd("Nguyễn Văn An"), "Nguyễn Văn An").unwrap(),
        NameMatch::Exact
    );
    assert_eq!(
        compare_names("  Nguyễn  Văn An ", "Nguyễn Văn An").unwrap(),
        NameMatch::Exact
    );
}

#[test]
fn compare_case_and_tone_placement_variants_is_equivalent() {
    assert_eq!(
        compare_names("NGUYỄN VĂN AN", "Nguyễn Văn An").unwrap(),
        NameMatch::Equivalent
    );
    assert_eq!(
        compare_names("Lê Văn Hòa", "Lê Văn Hoà").unwrap(),
        NameMatch::Equivalent
    );
    assert_eq!(
        compare_names("Nguyễn Thị Thủy", "NGUYỄN THỊ THUỶ").unwrap(),
        NameMatch::Equivalent
    );
    assert_eq!(
        compare_names(&nfd("Lê Văn Hoà"), "LÊ VĂN HÒA").unwrap(),
        NameMatch::Equivalent
    );
}

#[test]
fn compare_against_the_mrz_form_is_without_diacritics() {
    assert_eq!(
        compare_names("Nguyễn Văn An", "NGUYEN VAN AN").unwrap(),
        NameMatch::WithoutDiacritics
    );
    assert_eq!(
        compare_names("Đặng Thị Đào", "DANG THI DAO").unwrap(),
        NameMatch::WithoutDiacritics
    );
    // A different tone (or none) is not a placement variant.
    assert_eq!(
        compare_names("Lê Văn Hòa", "Lê Văn Hoa").unwrap(),
        NameMatch::WithoutDiacritics
    );
    assert_eq!(
        compare_names("Lê Văn Hòa", "Lê Văn Hóa").unwrap(),
        NameMatch::WithoutDiacritics
    );
}

#[test]
fn compare_different_names_is_different() {
    assert_eq!(
        compare_names("Lê Văn Hòa", "Lê Văn Hùng").unwrap(),
        NameMatch::Different
    );
    assert_eq!(
        compare_names("Nguyễn Văn An", "Nguyễn Văn Anh").unwrap(),
        NameMatch::Different
    );
    assert_eq!(
        compare_names("Nguyễn Văn An", "Văn An").unwrap(),
        NameMatch::Different
    );
    assert_eq!(
        compare_names("Nguyễn Văn An", "").unwrap(),
        NameMatch::Different
    );
}

#[test]
fn normalize_name_gives_nfc_with_single_spaces() {
    assert_eq!(normalize_name(&nfd("  Trần   Thị\tBình ")), "Trần Thị Bình");
    assert_eq!(normalize_name("Trần Thị Bình"), "Trần Thị Bình");
}

// ---------------------------------------------------------------------------------------------
// Split into family / middle / given.

#[test]
fn split_three_words_into_family_middle_given() {
    let n = card_name("Nguyễn Văn An");
    assert_eq!(
        (n.family.as_str(), n.middle.as_str(), n.given.as_str()),
        ("Nguyễn", "Văn", "An")
    );
    assert_eq!(n.folded, "nguyen van an");
    assert_eq!(n.icao, "NGUYEN<<VAN<AN");
}

#[test]
fn split_keeps_several_middle_names_together() {
    let n = card_name("Tôn Nữ Thị Hoàng Yến");
    assert_eq!(
        (n.family.as_str(), n.middle.as_str(), n.given.as_str()),
        ("Tôn", "Nữ Thị Hoàng", "Yến")
    );
    assert_eq!(n.icao, "TON<<NU<THI<HOANG<YEN");
}

#[test]
fn split_two_words_has_an_empty_middle_name() {
    let n = card_name("Lê Cúc");
    assert_eq!(
        (n.family.as_str(), n.middle.as_str(), n.given.as_str()),
        ("Lê", "", "Cúc")
    );
    assert_eq!(n.icao, "LE<<CUC");
}

#[test]
fn split_one_word_is_a_given_name_only() {
    let n = card_name("Hùng");
    assert_eq!(
        (n.family.as_str(), n.middle.as_str(), n.given.as_str()),
        ("", "", "Hùng")
    );
    assert_eq!(n.icao, "<<HUNG");
}

#[test]
fn split_of_a_card_name_uses_the_normalised_name() {
    let text = format!(
        "001090000123|012345678|{}|15031990|Nam|Hà Nội|20042021",
        nfd("  Đặng   Thị  Đào ")
    );
    let card = parse_qr_text(&text, now()).unwrap();
    assert_eq!(card.full_name, "Đặng Thị Đào");
    assert_eq!(card.name.family, "Đặng");
    assert_eq!(card.name.middle, "Thị");
    assert_eq!(card.name.given, "Đào");
    assert_eq!(card.name.folded, "dang thi dao");
    assert_eq!(card.name.icao, "DANG<<THI<DAO");
    assert_eq!(Name::split("Đặng Thị Đào"), card.name);
}

// ---------------------------------------------------------------------------------------------
// ICAO 9303 transliteration.

#[test]
fn icao_transliteration_drops_diacritics_and_uses_filler_for_spaces() {
    assert_eq!(
        icao_transliterate("Nguyễn Văn An").unwrap(),
        "NGUYEN<VAN<AN"
    );
    assert_eq!(icao_transliterate("Đỗ Thị Ánh").unwrap(), "DO<THI<ANH");
    assert_eq!(
        icao_transliterate("Trương Thị Thơ").unwrap(),
        "TRUONG<THI<THO"
    );
    assert_eq!(
        icao_transliterate("Huỳnh Hiếu Thuận").unwrap(),
        "HUYNH<HIEU<THUAN"
    );
    assert_eq!(
        icao_transliterate(&nfd("Phạm Văn Dũng")).unwrap(),
        "PHAM<VAN<DUNG"
    );
}

#[test]
fn icao_transliteration_handles_hyphens_apostrophes_and_table_letters() {
    assert_eq!(
        icao_transliterate("  O'Neil-Smith ").unwrap(),
        "O<NEIL<SMITH"
    );
    assert_eq!(icao_transliterate("Lê -  Văn").unwrap(), "LE<VAN");
    assert_eq!(icao_transliterate("Strauß").unwrap(), "STRAUSS");
    assert_eq!(icao_transliterate("Ærø").unwrap(), "AEROE");
    assert_eq!(icao_transliterate("Łódź").unwrap(), "LODZ");
    assert_eq!(icao_transliterate("").unwrap(), "");
}

#[test]
fn icao_transliteration_output_is_in_the_mrz_alphabet() {
    for name in [
        "Nguyễn Văn An",
        "Hu廙軟h Hi廕簑",
        "Tôn Nữ Thị Hoàng Yến",
        "Αλέξανδρος",
        "李小龍",
        "a\u{0}b|c",
    ] {
        let t = icao_transliterate(name).unwrap();
        assert!(
            t.bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'<'),
            "{name}: {t}"
        );
        assert!(
            !t.starts_with('<') && !t.ends_with('<') && !t.contains("<<"),
            "{t}"
        );
    }
}

#[test]
fn icao_name_field_of_the_example_cards() {
    assert_eq!(card_name("Nguyễn Văn An").icao, "NGUYEN<<VAN<AN");
    assert_eq!(card_name("Trần Thị Bình").icao, "TRAN<<THI<BINH");
    assert_eq!(card_name("Phạm Văn Dũng").icao, "PHAM<<VAN<DUNG");
    assert_eq!(card_name("Lê Thị Cúc").icao, "LE<<THI<CUC");
    let long = card_name("Tôn Nữ Thị Hoàng Yến Nguyễn Phương");
    // Untruncated here; the MRZ cross-check truncates to 30.
    assert_eq!(long.icao, "TON<<NU<THI<HOANG<YEN<NGUYEN<PHUONG");
    assert_eq!(long.icao.len(), 35);
}
