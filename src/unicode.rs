//! Unicode normalisation (UAX #15 NFD and NFC) for the Latin scripts, with tables generated at
//! build time from `unicode-normalization` (`build.rs`): ~4 KB in the wasm instead of ~100 KB.
//!
//! Covered exactly: U+0000–U+036F (Basic Latin to Latin Extended-B, IPA, spacing modifiers, the
//! combining diacritical marks) and U+1E00–U+1EFF (Latin Extended Additional, where the
//! precomposed Vietnamese letters are). Characters outside these ranges pass through unchanged and count as starters:
//! correct for every script without precomposed letters (CJK, for instance), and for everything
//! the CCCD data carries; precomposed Greek, Cyrillic or Hangul are not decomposed. The unit tests
//! compare both forms with `unicode-normalization` on every covered character and on random text.

include!(concat!(env!("OUT_DIR"), "/unicode_tables.rs"));

/// The combining class of `c` (0 for starters and everything outside the covered marks).
fn ccc(c: char) -> u8 {
    let i = u32::from(c).wrapping_sub(0x300);
    usize::try_from(i)
        .ok()
        .and_then(|i| CCC.get(i))
        .copied()
        .unwrap_or(0)
}

/// `char` of a table entry (every one is a valid scalar below U+2000).
fn ch(u: u16) -> char {
    char::from_u32(u32::from(u)).unwrap_or('\u{FFFD}')
}

fn decompose_into(c: char, out: &mut Vec<char>) {
    let Ok(key) = u16::try_from(u32::from(c)) else {
        out.push(c);
        return;
    };
    match DECOMP.binary_search_by_key(&key, |&(k, _)| k) {
        Ok(i) => match DECOMP.get(i) {
            Some((_, parts)) => out.extend(parts.iter().filter(|&&p| p != 0).map(|&p| ch(p))),
            None => out.push(c),
        },
        Err(_) => out.push(c),
    }
}

/// Canonical ordering: each run of non-starters sorted (stably) by combining class.
fn reorder(chars: &mut [char]) {
    let mut start = 0;
    while start < chars.len() {
        let len = chars
            .get(start..)
            .map_or(0, |rest| rest.iter().take_while(|&&c| ccc(c) != 0).count());
        if let Some(run) = chars.get_mut(start..start + len) {
            crate::sort::stable_by_key(run, |&c| ccc(c));
        }
        start += len.max(1);
    }
}

fn compose_pair(a: char, b: char) -> Option<char> {
    let (a, b) = (
        u16::try_from(u32::from(a)).ok()?,
        u16::try_from(u32::from(b)).ok()?,
    );
    let i = COMPOSE
        .binary_search_by_key(&(a, b), |&(x, y, _)| (x, y))
        .ok()?;
    COMPOSE.get(i).map(|&(_, _, c)| ch(c))
}

/// NFD of `s`.
pub(crate) fn nfd(s: &str) -> Vec<char> {
    let mut out = Vec::with_capacity(s.len());
    for c in s.chars() {
        decompose_into(c, &mut out);
    }
    reorder(&mut out);
    out
}

/// NFC of `s`: NFD, then canonical composition (UAX #15 §1.3).
pub(crate) fn nfc(s: &str) -> Vec<char> {
    let d = nfd(s);
    let mut out: Vec<char> = Vec::with_capacity(d.len());
    let mut starter: Option<usize> = None;
    let mut last_ccc: Option<u8> = None;
    for c in d {
        let class = ccc(c);
        if let Some(si) = starter {
            // Not blocked: nothing since the starter, or every char in between has a lower class.
            let blocked = match last_ccc {
                None => false,
                Some(prev) => prev == 0 || prev >= class,
            };
            if !blocked {
                if let Some(composed) = out.get(si).and_then(|&s0| compose_pair(s0, c)) {
                    if let Some(slot) = out.get_mut(si) {
                        *slot = composed;
                    }
                    continue;
                }
            }
        }
        if class == 0 {
            starter = Some(out.len());
            last_ccc = None;
        } else {
            last_ccc = Some(class);
        }
        out.push(c);
    }
    out
}

/// Normalisation forms on string slices, as the `unicode-normalization` crate spells them.
pub(crate) trait Normalize {
    /// NFD, as characters.
    fn nfd(&self) -> std::vec::IntoIter<char>;
    /// NFC, as characters.
    fn nfc(&self) -> std::vec::IntoIter<char>;
}

impl Normalize for str {
    fn nfd(&self) -> std::vec::IntoIter<char> {
        nfd(self).into_iter()
    }
    fn nfc(&self) -> std::vec::IntoIter<char> {
        nfc(self).into_iter()
    }
}

/// Padding of a case mapping shorter than three characters.
const NONE: u32 = u32::MAX;

/// Up to three characters: what a case mapping gives.
pub(crate) struct Mapped {
    chars: [u32; 3],
    at: usize,
}

impl Iterator for Mapped {
    type Item = char;
    fn next(&mut self) -> Option<char> {
        let u = *self.chars.get(self.at)?;
        self.at += 1;
        if u == NONE {
            self.at = 3;
            return None;
        }
        char::from_u32(u)
    }
}

fn mapped(runs: &[(u32, u32, i32, u32)], multi: &[(u32, [u32; 3])], c: char) -> Mapped {
    let u = u32::from(c);
    // The last run starting at or before `u`: runs do not overlap, so only it can hold `u`.
    let i = runs.partition_point(|&(first, ..)| first <= u);
    let single = i
        .checked_sub(1)
        .and_then(|i| runs.get(i))
        .filter(|&&(first, last, _, stride)| u <= last && (u - first) % stride.max(1) == 0)
        .and_then(|&(_, _, delta, _)| u.checked_add_signed(delta));
    let chars = match (single, multi.binary_search_by_key(&u, |&(k, _)| k)) {
        (Some(m), _) => [m, NONE, NONE],
        (None, Ok(i)) => multi.get(i).map_or([u, NONE, NONE], |&(_, m)| m),
        (None, Err(_)) => [u, NONE, NONE],
    };
    Mapped { chars, at: 0 }
}

/// Lower case, for the covered blocks (Latin, Vietnamese); other characters are kept as they
/// are (scripts outside Latin compare case-sensitively).
pub(crate) fn to_lower(c: char) -> Mapped {
    if c.is_ascii() {
        return Mapped {
            chars: [u32::from(c.to_ascii_lowercase()), NONE, NONE],
            at: 0,
        };
    }
    mapped(LOWER, LOWER_MULTI, c)
}

/// Upper case, for the covered blocks and every character whose upper case is ASCII; other
/// characters are kept as they are.
pub(crate) fn to_upper(c: char) -> Mapped {
    if c.is_ascii() {
        return Mapped {
            chars: [u32::from(c.to_ascii_uppercase()), NONE, NONE],
            at: 0,
        };
    }
    mapped(UPPER, UPPER_MULTI, c)
}

/// Alphanumeric, exactly for the covered blocks; outside them every character but whitespace
/// and the punctuation and symbol blocks (U+2000–U+2BFF, U+3000–U+303F, U+FE30–U+FE4F,
/// U+FF00–U+FF0F) counts as a letter.
pub(crate) fn is_alphanumeric(c: char) -> bool {
    let u = u32::from(c);
    if matches!(u, 0..=0x36F | 0x1E00..=0x1EFF) {
        return ALNUM
            .binary_search_by(|&(lo, hi)| {
                if hi < u {
                    core::cmp::Ordering::Less
                } else if lo > u {
                    core::cmp::Ordering::Greater
                } else {
                    core::cmp::Ordering::Equal
                }
            })
            .is_ok();
    }
    !c.is_whitespace()
        && !matches!(u, 0x2000..=0x2BFF | 0x3000..=0x303F | 0xFE30..=0xFE4F | 0xFF00..=0xFF0F)
}

/// The first character of `s` that can hide or reorder text: C0 and C1 controls, DEL, and the
/// bidirectional-text controls (ALM, LRM, RLM, embeddings and overrides, isolates).
pub(crate) fn first_control(s: &str) -> Option<char> {
    s.chars().find(|&c| {
        matches!(
            u32::from(c),
            0..=0x1F | 0x7F..=0x9F | 0x61C | 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069
        )
    })
}

/// The first zero-width character of `s` (ZWSP, ZWNJ, ZWJ, word joiner, BOM).
pub(crate) fn first_zero_width(s: &str) -> Option<char> {
    s.chars()
        .find(|&c| matches!(u32::from(c), 0x200B..=0x200D | 0x2060 | 0xFEFF))
}

/// The first letter of `s` outside the Latin blocks (U+0000–U+024F, U+1E00–U+1EFF).
pub(crate) fn first_non_latin_letter(s: &str) -> Option<char> {
    s.chars().find(|&c| {
        let u = u32::from(c);
        !matches!(u, 0..=0x24F | 0x1E00..=0x1EFF) && !is_combining_mark(c) && is_alphanumeric(c)
    })
}

/// `U+XXXX`.
pub(crate) fn code_point(c: char) -> String {
    let v = u32::from(c);
    // Four hex digits at least, more when the code point needs them.
    let digits = (1..=8)
        .rev()
        .find(|&k| v >> (4 * (k - 1)) != 0)
        .unwrap_or(1)
        .max(4);
    let mut s = String::from("U+");
    for k in (0..digits).rev() {
        s.push(char::from(
            b"0123456789ABCDEF"
                .get(((v >> (4 * k)) & 15) as usize)
                .copied()
                .unwrap_or(b'0'),
        ));
    }
    s
}

/// A combining mark of one of the combining-diacritics blocks (U+0300–U+036F, U+1AB0–U+1AFF,
/// U+1DC0–U+1DFF, U+20D0–U+20FF, U+FE20–U+FE2F): what name folding strips after NFD.
pub(crate) fn is_combining_mark(c: char) -> bool {
    matches!(u32::from(c), 0x300..=0x36F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

#[cfg(test)]
mod tests {
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn code_points_have_four_hex_digits_or_more() {
        use super::code_point;
        assert_eq!(code_point('\0'), "U+0000");
        assert_eq!(code_point('A'), "U+0041");
        assert_eq!(code_point('\u{1EA0}'), "U+1EA0");
        assert_eq!(code_point('\u{FEFF}'), "U+FEFF");
        assert_eq!(code_point('\u{1F600}'), "U+1F600");
        assert_eq!(code_point('\u{10FFFF}'), "U+10FFFF");
    }

    fn covered() -> impl Iterator<Item = char> {
        (0u32..=0x36F)
            .chain(0x1E00..=0x1EFF)
            .filter_map(char::from_u32)
    }

    #[test]
    fn every_covered_character_matches_the_reference() {
        for c in covered() {
            let s = c.to_string();
            assert_eq!(
                super::nfd(&s),
                s.nfd().collect::<Vec<_>>(),
                "NFD of U+{:04X}",
                u32::from(c)
            );
            assert_eq!(
                super::nfc(&s),
                s.nfc().collect::<Vec<_>>(),
                "NFC of U+{:04X}",
                u32::from(c)
            );
        }
    }

    #[test]
    fn random_latin_text_with_stacked_marks_matches_the_reference() {
        // A deterministic xorshift over covered letters and marks (marks often, to stack them).
        let letters: Vec<char> = covered().collect();
        let marks: Vec<char> = (0x300u32..=0x36F).filter_map(char::from_u32).collect();
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |n: usize| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            usize::try_from(x % n as u64).unwrap()
        };
        for _ in 0..20_000 {
            let len = 1 + next(8);
            let s: String = (0..len)
                .map(|_| {
                    if next(3) == 0 {
                        marks[next(marks.len())]
                    } else {
                        letters[next(letters.len())]
                    }
                })
                .collect();
            assert_eq!(super::nfd(&s), s.nfd().collect::<Vec<_>>(), "NFD of {s:?}");
            assert_eq!(super::nfc(&s), s.nfc().collect::<Vec<_>>(), "NFC of {s:?}");
        }
    }

    #[test]
    fn vietnamese_in_both_forms() {
        let composed = "Nguyễn Thị Hoà Đặng Ưng Thuỷ";
        let decomposed: String = composed.nfd().collect();
        assert_eq!(
            super::nfc(&decomposed).into_iter().collect::<String>(),
            composed
        );
        assert_eq!(
            super::nfd(composed).into_iter().collect::<String>(),
            decomposed
        );
    }

    #[test]
    fn case_and_alphanumeric_match_core_on_the_covered_blocks() {
        for c in covered() {
            assert_eq!(
                super::to_lower(c).collect::<String>(),
                c.to_lowercase().collect::<String>(),
                "{c:?}"
            );
            assert_eq!(
                super::to_upper(c).collect::<String>(),
                c.to_uppercase().collect::<String>(),
                "{c:?}"
            );
            assert_eq!(super::is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
        // Outside: upper case where it is ASCII (the MRZ keeps these letters), else unchanged.
        let outside = (0x370..0x1E00_u32).chain(0x1F00..=0x10FFFF);
        for c in outside.filter_map(char::from_u32) {
            let core: String = c.to_uppercase().collect();
            let expected = if core.is_ascii() { core } else { c.to_string() };
            assert_eq!(super::to_upper(c).collect::<String>(), expected, "{c:?}");
            assert_eq!(
                super::to_lower(c).collect::<String>(),
                c.to_string(),
                "{c:?}"
            );
        }
        assert_eq!(super::to_upper('\u{FB00}').collect::<String>(), "FF");
        assert_eq!(super::to_upper('α').collect::<String>(), "α");
        assert!(
            super::is_alphanumeric('中')
                && !super::is_alphanumeric('\u{3000}')
                && !super::is_alphanumeric('—')
        );
    }

    #[test]
    fn outside_the_covered_ranges_text_passes_through() {
        for s in ["中文 テスト", "Ελληνικά", "한국어"] {
            assert_eq!(super::nfc(s).into_iter().collect::<String>(), s);
        }
        assert!(super::is_combining_mark('\u{323}'));
        assert!(!super::is_combining_mark('a'));
    }
}
