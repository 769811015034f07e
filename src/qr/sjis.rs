//! Shift_JIS decoding (WHATWG Encoding Standard), for QR byte segments that are not UTF-8.
//! Japanese QR codes commonly carry Shift_JIS without an ECI designator.

include!(concat!(env!("OUT_DIR"), "/sjis_table.rs"));

fn lead_index(b: u8) -> Option<usize> {
    match b {
        0x81..=0x9F => Some(usize::from(b - 0x81)),
        0xE0..=0xFC => Some(usize::from(b - 0xE0) + 31),
        _ => None,
    }
}

fn trail_index(b: u8) -> Option<usize> {
    match b {
        0x40..=0x7E => Some(usize::from(b - 0x40)),
        0x80..=0xFC => Some(usize::from(b - 0x80) + 63),
        _ => None,
    }
}

/// The text, or `None` if `bytes` is not valid Shift_JIS.
pub(crate) fn decode(bytes: &[u8]) -> Option<String> {
    let mut out = String::with_capacity(bytes.len() * 2);
    let mut it = bytes.iter().copied();
    while let Some(b) = it.next() {
        match b {
            0x00..=0x80 => out.push(char::from(b)),
            0xA1..=0xDF => out.push(char::from_u32(0xFF61 + u32::from(b - 0xA1))?),
            _ => {
                let lead = lead_index(b)?;
                let trail = trail_index(it.next()?)?;
                let cp = SJIS_DOUBLE
                    .get(lead * 188 + trail)
                    .copied()
                    .filter(|&c| c != 0)?;
                out.push(char::from_u32(u32::from(cp))?);
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn decodes_kana_kanji_and_halfwidth() {
        // "日本" = 93FA 967B; "ｱ" = B1; ASCII passes through.
        assert_eq!(
            decode(&[0x93, 0xFA, 0x96, 0x7B, 0xB1, b'a']).as_deref(),
            Some("日本ｱa")
        );
    }

    #[test]
    fn rejects_invalid_sequences() {
        assert_eq!(decode(&[0x93]), None); // truncated
        assert_eq!(decode(&[0x93, 0x20]), None); // bad trail byte
        assert_eq!(decode(&[0xFD]), None); // not a lead byte
    }
}
