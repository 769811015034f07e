//! Undoing a scanner's charset mistakes (`shared/domain/cccd.md` §1.4, §7 item 3).
//!
//! The payload is UTF-8. Some scanners decode its bytes as Latin-1 or Windows-1252 and hand
//! over text such as `Nguyá»…n`; that is reversible, so we map the characters back to the bytes
//! they came from and decode those as UTF-8. zbar-based scanners guess Big5 or Shift_JIS
//! instead (`Hu廙軟h`); undoing that needs the full CJK tables, which this crate does not ship,
//! so that case is only detected and reported.

use serde::Serialize;

use crate::wire::ts_union;

ts_union! {
    /// The charset a mis-decoded UTF-8 text had been read as, before it was repaired.
    Repair = "Repair" [Repair::Latin1, Repair::Windows1252]
}

/// The mistaken charset that a repaired text had been decoded with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Repair {
    /// UTF-8 bytes had been decoded as ISO-8859-1.
    #[serde(rename = "iso-8859-1")]
    Latin1,
    /// UTF-8 bytes had been decoded as Windows-1252.
    #[serde(rename = "windows-1252")]
    Windows1252,
}

/// Windows-1252 bytes 0x80–0x9F and the characters they decode to (unassigned bytes map to
/// the C1 control of the same value, as browsers and most libraries do).
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// The byte a Latin-1/Windows-1252 decoder turned into `c`, and whether only Windows-1252
/// explains it.
fn single_byte(c: char) -> Option<(u8, bool)> {
    let cp = u32::from(c);
    if cp < 0x80 || (0xA0..=0xFF).contains(&cp) || (0x80..=0x9F).contains(&cp) {
        return u8::try_from(cp).ok().map(|b| (b, false));
    }
    let pos = CP1252_HIGH.iter().position(|&x| x == c)?;
    u8::try_from(0x80 + pos).ok().map(|b| (b, true))
}

/// If `text` is UTF-8 mis-decoded as a single-byte charset, the repaired text and what it had
/// been decoded as. Text that is already right is returned as `None`: real Vietnamese text
/// contains letters outside Latin-1 (ễ, ư, ơ, đ…), and the Latin-1 letters it does contain
/// (ê, á, ô…) do not form valid UTF-8 when read back as bytes.
pub fn repair_mojibake(text: &str) -> Option<(String, Repair)> {
    let mut bytes = Vec::with_capacity(text.len());
    let mut cp1252 = false;
    for c in text.chars() {
        let (b, only_1252) = single_byte(c)?;
        cp1252 |= only_1252;
        bytes.push(b);
    }
    if bytes.is_ascii() {
        return None;
    }
    let fixed = String::from_utf8(bytes).ok()?;
    let how = if cp1252 {
        Repair::Windows1252
    } else {
        Repair::Latin1
    };
    Some((fixed, how))
}

/// True when the text contains CJK ideographs, kana or bopomofo: in a Vietnamese card this is
/// the signature of UTF-8 decoded as Big5 or Shift_JIS.
pub fn looks_like_cjk_mojibake(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(u32::from(c),
            0x3040..=0x30FF   // hiragana, katakana
            | 0x3100..=0x312F // bopomofo
            | 0x3400..=0x4DBF // CJK extension A
            | 0x4E00..=0x9FFF // CJK unified ideographs
            | 0xF900..=0xFAFF // CJK compatibility ideographs
            | 0xFF61..=0xFF9F // half-width katakana
        )
    })
}

/// True when the text still shows UTF-8 read as a single-byte charset but could not be repaired:
/// a replacement character (a byte the scanner's charset does not define became U+FFFD), or the
/// two-character spellings of Vietnamese letters such as `á»` (ễ, ộ…), `áº` (ạ, ấ…), `Ä‘` (đ),
/// `Æ°` (ư), `Æ¡` (ơ), `Ã` + a continuation character (à, á, â…).
pub fn looks_like_latin_mojibake(text: &str) -> bool {
    // Pairs of adjacent characters, not `str::contains(&str)`: its substring searcher is ~2 KB
    // of the scan module.
    const SIGNATURES: [(char, char); 5] =
        [('á', '»'), ('á', 'º'), ('Ä', '‘'), ('Æ', '°'), ('Æ', '¡')];
    text.contains('\u{FFFD}')
        || text.chars().zip(text.chars().skip(1)).any(|(a, b)| {
            SIGNATURES.contains(&(a, b)) || (a == 'Ã' && (u32::from(b) & 0xFFC0) == 0x80)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn as_latin1(s: &str) -> String {
        s.bytes().map(char::from).collect()
    }

    fn as_cp1252(s: &str) -> String {
        s.bytes()
            .map(|b| match b {
                0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)],
                _ => char::from(b),
            })
            .collect()
    }

    #[test]
    fn repairs_latin1_mojibake() {
        let original = "Nguyễn Văn An|Hà Nội";
        let (fixed, how) = repair_mojibake(&as_latin1(original)).unwrap();
        assert_eq!(fixed, original);
        assert_eq!(how, Repair::Latin1);
    }

    #[test]
    fn repairs_windows_1252_mojibake() {
        let original = "Phạm Văn Dũng, Bình Định";
        let garbled = as_cp1252(original);
        assert!(garbled.contains('»') || garbled.contains('‘') || garbled.contains('¡'));
        let (fixed, _) = repair_mojibake(&garbled).unwrap();
        assert_eq!(fixed, original);
    }

    #[test]
    fn leaves_correct_text_alone() {
        for ok in [
            "Nguyễn Văn An",
            "Lê Thị Cúc",
            "Trần Thị Bình",
            "plain ascii",
            "Café",
        ] {
            assert_eq!(repair_mojibake(ok), None, "{ok}");
        }
    }

    #[test]
    fn detects_unrepairable_latin_mojibake() {
        // ọ = E1 BB 8D: 0x8D is undefined in Windows-1252, so a scanner printed U+FFFD.
        assert!(looks_like_latin_mojibake("Nguyá»…n VÄƒn Há»\u{FFFD}c"));
        assert!(looks_like_latin_mojibake("Ä‘Æ°á»\u{9d}ng"));
        for ok in ["Nguyễn Văn Học", "Lê Thị Cúc", "Ánh", "Hà Nội"] {
            assert!(!looks_like_latin_mojibake(ok), "{ok}");
        }
        // Each two-character signature on its own, and not with its characters apart.
        for sig in ["á»", "áº", "Ä‘", "Æ°", "Æ¡"] {
            assert!(looks_like_latin_mojibake(&format!("x{sig}y")), "{sig}");
            let apart: String = sig.chars().flat_map(|c| [c, ' ']).collect();
            assert!(!looks_like_latin_mojibake(&apart), "{apart}");
        }
    }

    #[test]
    fn detects_cjk_mojibake() {
        assert!(looks_like_cjk_mojibake("Hu廙軟h Hi廕簑"));
        assert!(!looks_like_cjk_mojibake("Huỳnh Hiếu Thuận"));
    }
}
