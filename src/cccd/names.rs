//! Names: normalisation, splitting, folding for comparison, ICAO 9303 transliteration.
//!
//! The same person's name appears as title case with diacritics (QR), upper case with
//! diacritics (card face) and upper-case ASCII (MRZ) (`shared/domain/cccd.md` §7 item 4). Tone
//! marks may sit on different vowels in old and new spelling styles (Hòa / Hoà, §7 item 5), which
//! NFC does not unify.

use crate::unicode::{is_alphanumeric, is_combining_mark, to_lower, to_upper, Normalize};
use serde::Serialize;

use crate::wire::wire_struct;

use crate::error::Error;

/// Longest name accepted by [`fold_name`], [`compare_names`] and [`icao_transliterate`], in
/// UTF-8 bytes. Names on cards are well under 100 characters (a few hundred bytes with
/// diacritics); without a bound, normalising a hostile 16 M-character string takes seconds.
pub const MAX_NAME_BYTES: usize = 1024;

fn check_len(s: &str) -> Result<(), Error> {
    if s.len() > MAX_NAME_BYTES {
        return Err(Error::InputTooLarge {
            len: s.len(),
            max: MAX_NAME_BYTES,
        });
    }
    Ok(())
}

/// The five Vietnamese tone marks as combining characters (grave, acute, tilde, hook above, dot below).
const TONE_MARKS: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

wire_struct! {
    /// The name split and keyed for comparison.
    #[ts = "CardName"]
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct Name {
        /// Họ (family name): the first word.
        pub family: String,
        /// Tên đệm (middle words), `""` when none.
        pub middle: String,
        /// Tên (given name): the last word.
        pub given: String,
        /// Lower case, no diacritics, `đ` → `d`: see {@link foldName}.
        pub folded: String,
        /// ICAO 9303 MRZ form, `FAMILY<<MIDDLE<GIVEN`, untruncated.
        pub icao: String,
    }
}

impl Name {
    /// Splits a full name (already normalised with [`normalize_name`]).
    pub fn split(full: &str) -> Name {
        let words: Vec<&str> = full.split(' ').filter(|w| !w.is_empty()).collect();
        let (family, middle, given) = match words.as_slice() {
            [] => ("", Vec::new(), ""),
            [only] => ("", Vec::new(), *only),
            [first, mid @ .., last] => (*first, mid.to_vec(), *last),
        };
        let middle = middle.join(" ");
        let rest: Vec<&str> = [middle.as_str(), given]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        let icao = [transliterate(family), transliterate(&rest.join(" "))].join("<<");
        Name {
            family: family.to_owned(),
            middle,
            given: given.to_owned(),
            folded: fold(full),
            icao,
        }
    }
}

/// NFC, surrounding whitespace trimmed, inner runs of whitespace collapsed to one space.
pub fn normalize_name(s: &str) -> String {
    let nfc: String = s.nfc().collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The loose comparison key: lower case, every diacritic removed, `Đ`/`đ` → `d`, ICAO
/// substitutions for other letters (`ß` → `ss`), punctuation as space, whitespace collapsed.
/// `fold_name("Nguyễn  Văn  Đức") == Ok("nguyen van duc".into())`.
///
/// A name longer than [`MAX_NAME_BYTES`] fails with [`Error::InputTooLarge`].
pub fn fold_name(s: &str) -> Result<String, Error> {
    check_len(s)?;
    Ok(fold(s))
}

/// [`fold_name`] without the size check (card fields are bounded by the payload size).
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match icao_substitute(c) {
            Some(sub) => out.push_str(&sub.to_ascii_lowercase()),
            None if is_alphanumeric(c) => out.extend(to_lower(c)),
            None => out.push(' '),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A key equal for two spellings that differ only in case, Unicode form, whitespace or the
/// vowel a tone mark sits on (`Hòa` / `Hoà`, `Thủy` / `Thuỷ`). Diacritics other than position
/// still count: `Hòa` and `Hoa` differ.
pub(crate) fn tone_key(s: &str) -> String {
    let mut words = Vec::new();
    for word in s.split_whitespace() {
        let mut tone = None;
        let mut base = String::new();
        for c in word.nfd().flat_map(to_lower) {
            if TONE_MARKS.contains(&c) {
                tone = Some(c);
            } else {
                base.push(c);
            }
        }
        let mut key: String = base.nfc().collect();
        if let Some(t) = tone {
            key.push('#');
            key.push(t);
        }
        words.push(key);
    }
    words.join(" ")
}

/// How closely two names match.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NameMatch {
    /// Equal after NFC and whitespace normalisation.
    Exact,
    /// Equal up to case and tone-mark placement.
    Equivalent,
    /// Equal only once all diacritics are removed (e.g. a name against its MRZ form).
    WithoutDiacritics,
    /// Different names.
    Different,
}

/// Compares two names, from the strictest to the loosest notion of equality. Either name
/// longer than [`MAX_NAME_BYTES`] fails with [`Error::InputTooLarge`].
pub fn compare_names(a: &str, b: &str) -> Result<NameMatch, Error> {
    check_len(a)?;
    check_len(b)?;
    let (a, b) = (normalize_name(a), normalize_name(b));
    Ok(if a == b {
        NameMatch::Exact
    } else if tone_key(&a) == tone_key(&b) {
        NameMatch::Equivalent
    } else if fold(&a) == fold(&b) {
        NameMatch::WithoutDiacritics
    } else {
        NameMatch::Different
    })
}

/// ICAO 9303 transliteration to the MRZ alphabet (`shared/domain/cccd.md` §5.3, §7 item 4):
/// upper-case A–Z, digits, and `<` for spaces, hyphens and apostrophes; diacritics dropped;
/// `Đ` → `D`. A name longer than
/// [`MAX_NAME_BYTES`] fails with [`Error::InputTooLarge`].
pub fn icao_transliterate(s: &str) -> Result<String, Error> {
    check_len(s)?;
    Ok(transliterate(s))
}

/// [`icao_transliterate`] without the size check.
fn transliterate(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        if let Some(sub) = icao_substitute(c) {
            out.push_str(sub);
            continue;
        }
        for u in to_upper(c) {
            if u.is_ascii_uppercase() || u.is_ascii_digit() {
                out.push(u);
            } else if u.is_whitespace() || matches!(u, '-' | '\'' | ',' | '.') {
                out.push('<');
            }
        }
    }
    let mut collapsed = String::with_capacity(out.len());
    for c in out.chars() {
        if !(c == '<' && collapsed.ends_with('<')) {
            collapsed.push(c);
        }
    }
    collapsed.trim_matches('<').to_owned()
}

/// Letters that do not decompose into a base letter plus marks, with their ICAO 9303 Part 3
/// Table A transliterations.
fn icao_substitute(c: char) -> Option<&'static str> {
    Some(match c {
        'Đ' | 'đ' | 'Ð' | 'ð' => "D",
        'Æ' | 'æ' => "AE",
        'Ø' | 'ø' | 'Œ' | 'œ' => "OE",
        'ß' => "SS",
        'Þ' | 'þ' => "TH",
        'Ł' | 'ł' => "L",
        'Ħ' | 'ħ' => "H",
        'ı' => "I",
        'Ĳ' | 'ĳ' => "IJ",
        'Ŋ' | 'ŋ' => "N",
        'ĸ' => "K",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_family_middle_given() {
        let n = Name::split("Nguyễn Văn An");
        assert_eq!(
            (n.family.as_str(), n.middle.as_str(), n.given.as_str()),
            ("Nguyễn", "Văn", "An")
        );
        assert_eq!(n.icao, "NGUYEN<<VAN<AN");
        let n = Name::split("Tôn Nữ Thị Hoàng Yến");
        assert_eq!(n.middle, "Nữ Thị Hoàng");
        assert_eq!(n.icao, "TON<<NU<THI<HOANG<YEN");
        let n = Name::split("Lê Cúc");
        assert_eq!(
            (n.family.as_str(), n.middle.as_str(), n.given.as_str()),
            ("Lê", "", "Cúc")
        );
        assert_eq!(n.icao, "LE<<CUC");
    }

    #[test]
    fn folds_case_diacritics_and_d_with_stroke() {
        assert_eq!(fold("ĐẶNG  Thị   Đào"), "dang thi dao");
        assert_eq!(fold("Nguyễn Văn An"), fold("NGUYEN VAN AN"));
    }

    #[test]
    fn tone_placement_variants_are_equivalent() {
        assert_eq!(
            compare_names("Lê Văn Hòa", "Lê Văn Hoà").unwrap(),
            NameMatch::Equivalent
        );
        assert_eq!(
            compare_names("Nguyễn Thị Thủy", "NGUYỄN THỊ THUỶ").unwrap(),
            NameMatch::Equivalent
        );
        assert_eq!(
            compare_names("Lê Văn Hòa", "Lê Văn Hoa").unwrap(),
            NameMatch::WithoutDiacritics
        );
        assert_eq!(
            compare_names("Lê Văn Hòa", "Lê Văn Hòa").unwrap(),
            NameMatch::Exact
        );
        assert_eq!(
            compare_names("Lê Văn Hòa", "Lê Văn Hùng").unwrap(),
            NameMatch::Different
        );
    }

    #[test]
    fn nfd_input_is_exact_after_normalisation() {
        let nfd: String = "Trần Thị Bình".nfd().collect();
        assert_ne!(nfd, "Trần Thị Bình");
        assert_eq!(
            compare_names(&nfd, "Trần Thị Bình").unwrap(),
            NameMatch::Exact
        );
    }

    #[test]
    fn public_functions_refuse_names_over_the_budget() {
        let at_max = "a".repeat(MAX_NAME_BYTES);
        let over = "a".repeat(MAX_NAME_BYTES + 1);
        let too_large = Err(Error::InputTooLarge {
            len: MAX_NAME_BYTES + 1,
            max: MAX_NAME_BYTES,
        });
        assert_eq!(fold_name(&at_max), Ok(at_max.clone()));
        assert_eq!(fold_name(&over), too_large);
        assert_eq!(icao_transliterate(&over), too_large);
        assert_eq!(compare_names(&at_max, &at_max), Ok(NameMatch::Exact));
        assert_eq!(
            compare_names(&over, "a"),
            too_large.clone().map(|_: String| NameMatch::Exact)
        );
        assert_eq!(
            compare_names("a", &over),
            too_large.map(|_: String| NameMatch::Exact)
        );
    }

    #[test]
    fn icao_transliterates_vietnamese_and_table_letters() {
        assert_eq!(transliterate("Đỗ Thị Ánh"), "DO<THI<ANH");
        assert_eq!(transliterate("Strauß"), "STRAUSS");
        assert_eq!(transliterate("  O'Neil-Smith "), "O<NEIL<SMITH");
    }
}
