//! base64 (RFC 4648): base64url without padding for JOSE, standard base64 with padding for
//! `x5c` and PEM. Written here to keep the dependency list to p256/p384, sha2 and serde_json.

const URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const STD: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn encode(data: &[u8], alphabet: &[u8; 64], pad: bool) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            let idx = usize::try_from((n >> (18 - 6 * i)) & 63).unwrap_or(0);
            out.push(char::from(alphabet.get(idx).copied().unwrap_or(b'A')));
        }
        if pad {
            for _ in chunk.len()..3 {
                out.push('=');
            }
        }
    }
    out
}

/// base64url without padding (RFC 4648 §5; RFC 7515 §2).
pub fn encode_url(data: &[u8]) -> String {
    encode(data, URL, false)
}

/// Standard base64 with padding (RFC 4648 §4; `x5c`, PEM).
pub fn encode_std(data: &[u8]) -> String {
    encode(data, STD, true)
}

/// base64url without padding; `None` on any character outside the alphabet or a bad length.
pub fn decode_url(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() / 4 * 3 + 2);
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    for c in s.bytes() {
        let v = URL.iter().position(|&a| a == c)?;
        acc = (acc << 6) | u32::try_from(v).ok()?;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(u8::try_from((acc >> bits) & 0xff).ok()?);
        }
    }
    if s.len() % 4 == 1 {
        return None;
    }
    Some(out)
}

/// A PEM block (RFC 7468 §2): 64-character lines, no explanatory text (some PEM readers,
/// including the JS wrapper of cccd-verify, accept nothing else).
pub fn pem(label: &str, der: &[u8]) -> String {
    let b = encode_std(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    let mut rest = b.as_str();
    while !rest.is_empty() {
        let (line, tail) = rest.split_at(rest.len().min(64));
        out.push_str(line);
        out.push('\n');
        rest = tail;
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn rfc4648_vectors() {
        assert_eq!(encode_std(b"foob"), "Zm9vYg==");
        assert_eq!(encode_std(b"fooba"), "Zm9vYmE=");
        assert_eq!(encode_url(&[0xfb, 0xff]), "-_8");
        assert_eq!(decode_url("-_8"), Some(vec![0xfb, 0xff]));
        assert_eq!(decode_url("Zm9vYmFy"), Some(b"foobar".to_vec()));
        assert_eq!(decode_url("Zm9v="), None);
    }
}
