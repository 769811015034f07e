//! A readable rendering of an X.501 `Name`, for display only (comparisons use the DER).
//!
//! Our own small renderer over the DER `Name` (no OID registry in the wasm module).

use core::fmt::Write;

use super::cert::{dotted, Reader};

/// The string types of a `DirectoryString` and the others met in names (X.680 tags).
mod tag {
    pub const UTF8_STRING: u8 = 0x0c;
    pub const NUMERIC_STRING: u8 = 0x12;
    pub const PRINTABLE_STRING: u8 = 0x13;
    pub const TELETEX_STRING: u8 = 0x14;
    pub const IA5_STRING: u8 = 0x16;
    pub const VISIBLE_STRING: u8 = 0x1a;
    pub const BMP_STRING: u8 = 0x1e;
}

/// `CN=…, O=…, C=…`: RDNs in encoded order (as OpenSSL prints them), multi-valued RDNs joined
/// with `+`, special characters backslash-escaped as in RFC 4514 §2.4. Attribute types other
/// than the common ones print as dotted OIDs; non-string values as `#` and the hex of their
/// contents.
pub(super) fn render(name: &[u8]) -> String {
    let mut out = String::new();
    // The certificate parser has checked the Name's shape; anything else renders as far as it
    // reads.
    let mut rdns = Reader::new(name);
    let Some(body) = rdns.expect(0x30) else {
        return out;
    };
    let mut rdns = Reader::new(body);
    let mut i = 0usize;
    while let Some(set) = rdns.expect(0x31) {
        if i > 0 {
            out.push_str(", ");
        }
        i += 1;
        let mut atvs = Reader::new(set);
        let mut j = 0usize;
        while let Some(atv) = atvs.expect(0x30) {
            let mut atv = Reader::new(atv);
            let (Some(oid), Some((value_tag, value, _))) = (atv.expect(0x06), atv.next()) else {
                break;
            };
            if j > 0 {
                out.push('+');
            }
            j += 1;
            match label(oid) {
                Some(l) => out.push_str(l),
                None => out.push_str(&dotted(oid)),
            }
            out.push('=');
            match string_value(value_tag & 0x1f, value) {
                Some(s) => escape_into(&mut out, &s),
                None => {
                    out.push('#');
                    for b in value {
                        let _ = write!(out, "{b:02x}");
                    }
                }
            }
        }
    }
    out
}

/// Short names of the attribute types met in wallet and IACA certificates (RFC 4519, RFC 5280).
fn label(oid: &[u8]) -> Option<&'static str> {
    Some(match oid {
        [0x55, 0x04, 0x03] => "CN",
        [0x55, 0x04, 0x04] => "SN",
        [0x55, 0x04, 0x05] => "serialNumber",
        [0x55, 0x04, 0x06] => "C",
        [0x55, 0x04, 0x07] => "L",
        [0x55, 0x04, 0x08] => "ST",
        [0x55, 0x04, 0x09] => "street",
        [0x55, 0x04, 0x0a] => "O",
        [0x55, 0x04, 0x0b] => "OU",
        [0x55, 0x04, 0x0c] => "title",
        [0x55, 0x04, 0x2a] => "GN",
        [0x55, 0x04, 0x61] => "organizationIdentifier",
        [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01] => "emailAddress",
        [0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x19] => "DC",
        [0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x01] => "UID",
        _ => return None,
    })
}

/// The text of a directory string; `None` for other types or invalid encodings.
fn string_value(t: u8, data: &[u8]) -> Option<String> {
    match t {
        tag::UTF8_STRING
        | tag::PRINTABLE_STRING
        | tag::IA5_STRING
        | tag::NUMERIC_STRING
        | tag::VISIBLE_STRING
        | tag::TELETEX_STRING => core::str::from_utf8(data).ok().map(str::to_owned),
        tag::BMP_STRING => {
            if data.len() % 2 != 0 {
                return None;
            }
            let units = data
                .chunks_exact(2)
                .map(|p| u16::from_be_bytes([p.first().copied()?, p.get(1).copied()?]).into())
                .collect::<Option<Vec<u16>>>()?;
            String::from_utf16(&units).ok()
        }
        _ => None,
    }
}

/// RFC 4514 §2.4 escaping: `"+,;<>\` anywhere, `#` or space first, space last, NUL as `\00`.
fn escape_into(out: &mut String, s: &str) {
    let last = s.chars().count().saturating_sub(1);
    for (i, c) in s.chars().enumerate() {
        match c {
            '"' | '+' | ',' | ';' | '<' | '>' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '#' | ' ' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            ' ' if i == last => out.push_str("\\ "),
            '\0' => out.push_str("\\00"),
            _ => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_special_characters() {
        let mut s = String::new();
        escape_into(&mut s, " #Bộ Công an, Cục C06+x; ");
        assert_eq!(s, "\\ #Bộ Công an\\, Cục C06\\+x\\;\\ ");
    }

    #[test]
    fn reads_bmp_strings() {
        assert_eq!(
            string_value(tag::BMP_STRING, &[0x00, 0x41, 0x1e, 0xa1]).as_deref(),
            Some("Aạ")
        );
        assert_eq!(string_value(tag::BMP_STRING, &[0x00]), None);
        assert_eq!(string_value(0x02, &[0x01]), None);
    }
}
