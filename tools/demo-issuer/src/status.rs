//! Token Status List (draft-ietf-oauth-status-list, JWT form): the `status` claim of a
//! credential (§6.2) and Status List Tokens (§5.1) signed by the demo status-list signer.
//! Deterministic: zlib by `miniz_oxide` at a fixed level, ES256 by RFC 6979. DEMO ONLY.

use p256::ecdsa::SigningKey;
use serde_json::{json, Value};

use crate::b64;
use crate::sdjwt::jws;

/// The demo list every fixture credential references (`status.status_list.uri`, the token's
/// `sub`). Under the signer certificate's SAN URI.
pub const URI: &str = "https://status.demo.cccd-verify.invalid/lists/1";
/// The JWT `typ` of a Status List Token (§5.1).
pub const TYP: &str = "statuslist+jwt";
/// Status Types (§7.1).
pub const VALID: u8 = 0x00;
pub const INVALID: u8 = 0x01;
pub const SUSPENDED: u8 = 0x02;
/// Defaults of `demo-issuer status-list`: 2 bits (room for SUSPENDED), 64 entries, `ttl` one
/// hour.
pub const DEFAULT_BITS: u8 = 2;
pub const DEFAULT_ENTRIES: usize = 64;
pub const DEFAULT_TTL: i64 = 3600;
/// zlib level: 10 is miniz_oxide's highest ("uber"); the draft recommends the highest (§4.1).
const ZLIB_LEVEL: u8 = 10;

/// A credential's reference into a Status List.
#[derive(Clone, Copy, Debug)]
pub struct StatusRef<'a> {
    pub idx: u64,
    pub uri: &'a str,
}

impl StatusRef<'_> {
    /// `{"status_list": {"idx": N, "uri": "…"}}` (§6.2).
    pub fn claim(&self) -> Value {
        json!({ "status_list": { "idx": self.idx, "uri": self.uri } })
    }
}

/// A status value by name (`valid`, `invalid`/`revoked`, `suspended`) or number (`0`–`255`).
pub fn parse_status(s: &str) -> Result<u8, String> {
    match s.to_ascii_lowercase().as_str() {
        "valid" => Ok(VALID),
        "invalid" | "revoked" => Ok(INVALID),
        "suspended" => Ok(SUSPENDED),
        other => {
            let parsed = match other.strip_prefix("0x") {
                Some(hex) => u8::from_str_radix(hex, 16),
                None => other.parse::<u8>(),
            };
            parsed.map_err(|_| {
                format!("status {s:?}: expected valid, invalid, suspended or a number 0-255")
            })
        }
    }
}

/// The uncompressed byte array (§4.1): `bits` per entry, packed from the least significant bit
/// of each byte, bytes in order; the last byte is padded with VALID entries.
pub fn pack(bits: u8, values: &[u8]) -> Result<Vec<u8>, String> {
    if !matches!(bits, 1 | 2 | 4 | 8) {
        return Err(format!("bits must be 1, 2, 4 or 8, not {bits}"));
    }
    let per_byte = usize::from(8 / bits);
    let mut out = vec![0u8; values.len().div_ceil(per_byte)];
    for (i, &v) in values.iter().enumerate() {
        if u16::from(v) >> bits != 0 {
            return Err(format!("entry {i}: status {v} does not fit in {bits} bits"));
        }
        let shift = (i % per_byte) * usize::from(bits);
        if let Some(byte) = out.get_mut(i / per_byte) {
            *byte |= v << shift;
        }
    }
    Ok(out)
}

/// zlib (RFC 1950) around DEFLATE (RFC 1951), miniz_oxide's highest level.
pub fn zlib(bytes: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(bytes, ZLIB_LEVEL)
}

/// Everything a Status List Token needs.
pub struct ListParams<'a> {
    /// `sub`: the list's URI.
    pub uri: &'a str,
    pub bits: u8,
    /// One status value per entry.
    pub values: &'a [u8],
    pub iat: i64,
    pub exp: Option<i64>,
    pub ttl: Option<i64>,
    /// DER certificates, signer first, anchor excluded.
    pub x5c: Vec<&'a [u8]>,
    pub signer: &'a SigningKey,
}

/// A Status List Token (JWT, §5.1): header `{alg: ES256, typ: statuslist+jwt, x5c}`, claims
/// `sub`, `iat`, `exp`, `ttl`, `status_list {bits, lst}`.
pub fn token(p: &ListParams<'_>) -> Result<String, String> {
    let lst = b64::encode_url(&zlib(&pack(p.bits, p.values)?));
    let mut payload = json!({
        "sub": p.uri,
        "iat": p.iat,
        "status_list": { "bits": p.bits, "lst": lst },
    });
    if let Some(obj) = payload.as_object_mut() {
        if let Some(exp) = p.exp {
            obj.insert("exp".into(), json!(exp));
        }
        if let Some(ttl) = p.ttl {
            obj.insert("ttl".into(), json!(ttl));
        }
    }
    let header = json!({
        "alg": "ES256",
        "typ": TYP,
        "x5c": p.x5c.iter().map(|c| b64::encode_std(c)).collect::<Vec<_>>(),
    });
    Ok(jws(p.signer, &header, &payload))
}

/// `values` with `idx=status` settings applied (`--set 7=invalid,12=suspended`); the list grows
/// to cover an index past its end.
pub fn apply_settings(values: &mut Vec<u8>, settings: &str) -> Result<(), String> {
    for item in settings.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let (idx, status) = item
            .split_once('=')
            .ok_or_else(|| format!("--set {item:?}: expected INDEX=STATUS"))?;
        let idx: usize = idx
            .trim()
            .parse()
            .map_err(|_| format!("--set {item:?}: index is not a non-negative integer"))?;
        if idx >= 1 << 24 {
            return Err(format!("--set {item:?}: index too large for a demo list"));
        }
        let status = parse_status(status.trim())?;
        if values.len() <= idx {
            values.resize(idx + 1, VALID);
        }
        if let Some(slot) = values.get_mut(idx) {
            *slot = status;
        }
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }

    #[test]
    fn packs_least_significant_bit_first_as_in_the_draft() {
        // draft §4.1, 1 bit: 16 entries -> B9 A3.
        let one = [1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1];
        assert_eq!(pack(1, &one).unwrap(), [0xB9, 0xA3]);
        // draft §4.1, 2 bits: 12 entries -> C9 44 F9.
        let two = [1, 2, 0, 3, 0, 1, 0, 1, 1, 2, 3, 3];
        assert_eq!(pack(2, &two).unwrap(), [0xC9, 0x44, 0xF9]);
        // Entry 7 of a 2-bit list: bits 6-7 of byte 1.
        let mut v = vec![VALID; 8];
        v[7] = SUSPENDED;
        assert_eq!(pack(2, &v).unwrap(), [0x00, 0x80]);
        // Padding, and values that do not fit.
        assert_eq!(pack(2, &[3]).unwrap(), [0x03]);
        assert!(pack(1, &[2]).is_err() && pack(3, &[]).is_err());
        assert_eq!(pack(8, &[0xff, 0x0c]).unwrap(), [0xff, 0x0c]);
    }

    #[test]
    fn zlib_round_trips() {
        let bytes = pack(2, &[1, 2, 0, 3, 0, 1, 0, 1, 1, 2, 3, 3]).unwrap();
        let z = zlib(&bytes);
        assert_eq!(z.first(), Some(&0x78));
        assert_eq!(
            miniz_oxide::inflate::decompress_to_vec_zlib(&z).unwrap(),
            bytes
        );
        // The draft's compressed example, byte for byte.
        assert_eq!(hex(&zlib(&[0xB9, 0xA3])), "78dadbb918000217015d");
    }

    #[test]
    fn settings_and_names() {
        let mut v = vec![VALID; 4];
        apply_settings(&mut v, "1=invalid, 2=suspended,3=0x03,6=revoked").unwrap();
        assert_eq!(v, [0, 1, 2, 3, 0, 0, 1]);
        assert!(apply_settings(&mut v, "1").is_err());
        assert!(apply_settings(&mut v, "x=valid").is_err());
        assert!(apply_settings(&mut v, "1=gone").is_err());
        assert!(parse_status("256").is_err());
    }

    #[test]
    fn token_claims() {
        let key = crate::pki::signing_key(crate::pki::seed::STATUS_LIST_SIGNER);
        let jwt = token(&ListParams {
            uri: URI,
            bits: 2,
            values: &[0, 1, 2],
            iat: 10,
            exp: Some(20),
            ttl: Some(5),
            x5c: vec![b"cert"],
            signer: &key,
        })
        .unwrap();
        let parts: Vec<&str> = jwt.split('.').collect();
        let decode =
            |s: &str| -> Value { serde_json::from_slice(&b64::decode_url(s).unwrap()).unwrap() };
        assert_eq!(
            decode(parts[0]),
            json!({"alg": "ES256", "typ": "statuslist+jwt", "x5c": ["Y2VydA=="]})
        );
        let payload = decode(parts[1]);
        assert_eq!(payload["sub"], URI);
        assert_eq!(
            (&payload["iat"], &payload["exp"], &payload["ttl"]),
            (&json!(10), &json!(20), &json!(5))
        );
        let lst = b64::decode_url(payload["status_list"]["lst"].as_str().unwrap()).unwrap();
        assert_eq!(
            miniz_oxide::inflate::decompress_to_vec_zlib(&lst).unwrap(),
            [0b0010_0100]
        );
    }
}
