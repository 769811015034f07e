//! A readable rendering of an X.501 `Name`, for display only (comparisons use the DER).
//!
//! Our own small renderer rather than x509-parser's `Display`, which pulls its whole OID
//! registry (about 70 KB) into the wasm module.

use core::fmt::Write;

use x509_parser::asn1_rs::Tag;
use x509_parser::x509::X509Name;

/// `CN=…, O=…, C=…`: RDNs in encoded order (as OpenSSL prints them), multi-valued RDNs joined
/// with `+`, special characters backslash-escaped as in RFC 4514 §2.4. Attribute types other
/// than the common ones print as dotted OIDs; non-string values as `#` and the hex of their
/// contents.
pub(super) fn render(name: &X509Name<'_>) -> String {
    let mut out = String::new();
    for (i, rdn) in name.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        for (j, atv) in rdn.iter().enumerate() {
            if j > 0 {
                out.push('+');
            }
            match label(atv.attr_type().as_bytes()) {
                Some(l) => out.push_str(l),
                None => out.push_str(&atv.attr_type().to_id_string()),
            }
            out.push('=');
            let value = atv.attr_value();
            match string_value(value.tag(), value.data) {
                Some(s) => escape_into(&mut out, &s),
                None => {
                    out.push('#');
                    for b in value.data {
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
fn string_value(tag: Tag, data: &[u8]) -> Option<String> {
    match tag {
        Tag::Utf8String
        | Tag::PrintableString
        | Tag::Ia5String
        | Tag::NumericString
        | Tag::VisibleString
        | Tag::TeletexString => core::str::from_utf8(data).ok().map(str::to_owned),
        Tag::BmpString => {
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
            string_value(Tag::BmpString, &[0x00, 0x41, 0x1e, 0xa1]).as_deref(),
            Some("Aạ")
        );
        assert_eq!(string_value(Tag::BmpString, &[0x00]), None);
        assert_eq!(string_value(Tag::Integer, &[0x01]), None);
    }
}
