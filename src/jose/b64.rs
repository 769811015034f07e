//! Strict base64 decoding and base64url encoding (RFC 4648 §4, §5).
//!
//! JOSE uses base64url without padding (RFC 7515 §2); `x5c` uses standard base64 with padding
//! (RFC 7515 §4.1.6). Decoding is strict: wrong alphabet, stray padding or non-zero trailing
//! bits are errors, so one token has exactly one encoding. Written here rather than through the
//! `base64` crate's engines (a smaller wasm module); the tests check it against the crate's
//! strict configurations.

/// The value of one base64 (or, with `url`, base64url) character.
fn sextet(c: u8, url: bool) -> Option<u32> {
    let v = match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'-' if url => 62,
        b'_' if url => 63,
        b'+' if !url => 62,
        b'/' if !url => 63,
        _ => return None,
    };
    Some(u32::from(v))
}

/// The character of a 6-bit value.
fn symbol(v: u32, url: bool) -> char {
    let c = match v & 63 {
        v @ 0..=25 => u32::from(b'A') + v,
        v @ 26..=51 => u32::from(b'a') + v - 26,
        v @ 52..=61 => u32::from(b'0') + v - 52,
        62 => u32::from(if url { b'-' } else { b'+' }),
        _ => u32::from(if url { b'_' } else { b'/' }),
    };
    char::from_u32(c).unwrap_or('A')
}

fn encode(data: &[u8], url: bool) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3).saturating_mul(4));
    for chunk in data.chunks(3) {
        let byte = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
        let n = (byte(0) << 16) | (byte(1) << 8) | byte(2);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(symbol(n >> (18 - 6 * i), url));
            } else if !url {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes `body` (no padding left in it); `None` on a character outside the alphabet, an
/// impossible length or non-zero trailing bits.
fn decode(body: &[u8], url: bool) -> Option<Vec<u8>> {
    if body.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(body.len() / 4 * 3 + 2);
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    for &c in body {
        acc = (acc << 6) | sextet(c, url)?;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(u8::try_from(acc >> bits).ok()?);
            acc &= (1 << bits) - 1;
        }
    }
    (acc == 0).then_some(out)
}

/// base64url without padding.
pub fn encode_url(data: &[u8]) -> String {
    encode(data, true)
}

/// Standard base64 with padding (for `x5c`).
pub fn encode_std(data: &[u8]) -> String {
    encode(data, false)
}

/// Decodes base64url without padding; `None` on any deviation.
pub fn decode_url(s: &str) -> Option<Vec<u8>> {
    decode(s.as_bytes(), true)
}

/// Decodes standard base64 with canonical padding; `None` on any deviation.
pub fn decode_std(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    if b.len() % 4 != 0 {
        return None;
    }
    // At most two `=`, at the end; one inside is refused by `decode`.
    let pad = b.iter().rev().take(2).take_while(|&&c| c == b'=').count();
    decode(b.get(..b.len() - pad)?, false)
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
        assert_eq!(decode_std("Zm9vYg="), None); // short padding
        assert_eq!(decode_std("Zm9vYh=="), None); // non-zero trailing bits, padded
        assert_eq!(decode_std("Zm9vYmE="), Some(b"fooba".to_vec()));
        assert_eq!(decode_std("Zm9vYmE=Zm9v"), None); // padding inside
        assert_eq!(decode_std("-_8="), None); // url alphabet in standard base64
        assert_eq!(decode_url("Zm9v\n"), None); // whitespace
        assert_eq!(decode_url("Zm9v=="), None);
        assert_eq!(encode_std(b"foob"), "Zm9vYg==");
        assert_eq!(encode_std(&[0xfb, 0xff]), "+/8=");
    }

    /// The same results as the `base64` crate's strict engines (what this module used before),
    /// on every length of random data and on random strings over both alphabets, `=` and
    /// whitespace.
    #[test]
    fn agrees_with_the_base64_crate() {
        use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
        use base64::engine::DecodePaddingMode;
        use base64::{alphabet, Engine};
        let url = GeneralPurpose::new(
            &alphabet::URL_SAFE,
            GeneralPurposeConfig::new()
                .with_encode_padding(false)
                .with_decode_padding_mode(DecodePaddingMode::RequireNone)
                .with_decode_allow_trailing_bits(false),
        );
        let std = GeneralPurpose::new(
            &alphabet::STANDARD,
            GeneralPurposeConfig::new()
                .with_encode_padding(true)
                .with_decode_padding_mode(DecodePaddingMode::RequireCanonical)
                .with_decode_allow_trailing_bits(false),
        );
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize
        };
        for len in 0..200 {
            let data: Vec<u8> = (0..len).map(|_| next().to_le_bytes()[0]).collect();
            assert_eq!(encode_url(&data), url.encode(&data));
            assert_eq!(encode_std(&data), std.encode(&data));
            assert_eq!(decode_url(&encode_url(&data)).unwrap(), data);
            assert_eq!(decode_std(&encode_std(&data)).unwrap(), data);
        }
        let chars = b"AQgwZaz09+/-_= \n";
        let mut accepted = 0;
        for _ in 0..200_000 {
            let len = next() % 13;
            let s: String = (0..len)
                .map(|_| char::from(chars[next() % chars.len()]))
                .collect();
            let ours = (decode_url(&s), decode_std(&s));
            assert_eq!(ours.0, url.decode(&s).ok(), "url {s:?}");
            assert_eq!(ours.1, std.decode(&s).ok(), "std {s:?}");
            accepted += usize::from(ours.0.is_some()) + usize::from(ours.1.is_some());
        }
        assert!(accepted > 1000, "{accepted}");
    }

    #[test]
    fn round_trips_all_byte_values() {
        let data: Vec<u8> = (0..=255).collect();
        assert_eq!(decode_url(&encode_url(&data)).unwrap(), data);
    }
}
