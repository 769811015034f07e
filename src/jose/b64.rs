//! Strict base64 decoding and base64url encoding (RFC 4648 §4, §5).
//!
//! JOSE uses base64url without padding (RFC 7515 §2); `x5c` uses standard base64 with padding
//! (RFC 7515 §4.1.6). Decoding is strict: wrong alphabet, stray padding or non-zero trailing
//! bits are errors, so one token has exactly one encoding.

const URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const STD: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// base64url without padding.
pub fn encode_url(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            let idx = usize::try_from((n >> (18 - 6 * i)) & 63).unwrap_or(0);
            out.push(char::from(URL.get(idx).copied().unwrap_or(b'A')));
        }
    }
    out
}

/// Standard base64 with padding (for `x5c`).
pub fn encode_std(data: &[u8]) -> String {
    let url = encode_url(data);
    let mut out: String = url
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    while out.len() % 4 != 0 {
        out.push('=');
    }
    out
}

fn value(alphabet: &[u8; 64], c: u8) -> Option<u32> {
    alphabet
        .iter()
        .position(|&a| a == c)
        .and_then(|p| u32::try_from(p).ok())
}

fn decode(alphabet: &[u8; 64], s: &[u8]) -> Option<Vec<u8>> {
    if s.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    for chunk in s.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= value(alphabet, c)? << (18 - 6 * i);
        }
        let bytes = n.to_be_bytes();
        let keep = chunk.len() - 1;
        // Bits beyond the last whole byte must be zero (canonical encoding).
        let spare = match keep {
            1 => n & 0xFFFF,
            2 => n & 0xFF,
            _ => 0,
        };
        if spare != 0 {
            return None;
        }
        out.extend_from_slice(bytes.get(1..1 + keep)?);
    }
    Some(out)
}

/// Decodes base64url without padding; `None` on any deviation.
pub fn decode_url(s: &str) -> Option<Vec<u8>> {
    decode(URL, s.as_bytes())
}

/// Decodes standard base64 with canonical padding; `None` on any deviation.
pub fn decode_std(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    if b.len() % 4 != 0 {
        return None;
    }
    let pad = b.iter().rev().take_while(|&&c| c == b'=').count();
    if pad > 2 {
        return None;
    }
    decode(STD, b.get(..b.len() - pad)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc4648_vectors() {
        for (plain, url) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode_url(plain.as_bytes()), url);
            assert_eq!(decode_url(url).unwrap(), plain.as_bytes());
        }
        assert_eq!(decode_std("Zm9vYg==").unwrap(), b"foob");
        assert_eq!(decode_url("_-8").unwrap(), [0xFF, 0xEF]);
    }

    #[test]
    fn rejects_non_canonical_and_foreign_alphabets() {
        assert_eq!(decode_url("Zm9vYg=="), None); // padding in base64url
        assert_eq!(decode_url("Zh"), None); // non-zero trailing bits
        assert_eq!(decode_url("Z"), None); // impossible length
        assert_eq!(decode_url("ab+/"), None); // standard alphabet
        assert_eq!(decode_std("Zm9vYg"), None); // missing padding
        assert_eq!(decode_std("Zm9v===="), None);
    }

    #[test]
    fn round_trips_all_byte_values() {
        let data: Vec<u8> = (0..=255).collect();
        assert_eq!(decode_url(&encode_url(&data)).unwrap(), data);
    }
}
