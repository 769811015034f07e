//! Strict base64 decoding and base64url encoding (RFC 4648 §4, §5), through the `base64` crate.
//!
//! JOSE uses base64url without padding (RFC 7515 §2); `x5c` uses standard base64 with padding
//! (RFC 7515 §4.1.6). Decoding is strict: wrong alphabet, stray padding or non-zero trailing
//! bits are errors, so one token has exactly one encoding.

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;

/// base64url: no padding written, none accepted, trailing bits must be zero.
const URL: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::RequireNone)
        .with_decode_allow_trailing_bits(false),
);

/// Standard base64: canonical padding written and required, trailing bits must be zero.
const STD: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_encode_padding(true)
        .with_decode_padding_mode(DecodePaddingMode::RequireCanonical)
        .with_decode_allow_trailing_bits(false),
);

/// base64url without padding.
pub fn encode_url(data: &[u8]) -> String {
    URL.encode(data)
}

/// Standard base64 with padding (for `x5c`).
pub fn encode_std(data: &[u8]) -> String {
    STD.encode(data)
}

/// Decodes base64url without padding; `None` on any deviation.
pub fn decode_url(s: &str) -> Option<Vec<u8>> {
    URL.decode(s).ok()
}

/// Decodes standard base64 with canonical padding; `None` on any deviation.
pub fn decode_std(s: &str) -> Option<Vec<u8>> {
    STD.decode(s).ok()
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

    #[test]
    fn round_trips_all_byte_values() {
        let data: Vec<u8> = (0..=255).collect();
        assert_eq!(decode_url(&encode_url(&data)).unwrap(), data);
    }
}
