//! A DER strictness pass over a certificate (ITU-T X.690 §10 and §11, as RFC 5280 §4.1 requires
//! for certificates), on top of the reader (`cert.rs`), which accepts some BER. One certificate
//! must have one encoding: a lenient reader lets two byte strings carry the same signed
//! certificate, and lets two parsers read different values from one.
//!
//! Checked over every TLV of the certificate, and inside the values of the extensions this
//! verifier reads (basicConstraints, keyUsage, subjectAltName, extKeyUsage, key identifiers):
//! - lengths are definite and minimal (short form below 128, no leading zero octets);
//! - tags are in the low-tag-number form (every tag of a certificate is);
//! - a BOOLEAN is one octet, `0x00` or `0xFF`;
//! - an INTEGER (serial numbers included) or ENUMERATED is non-empty and minimal;
//! - a BIT STRING has at most 7 unused bits, all zero, and none without content; a NULL is empty;
//!   an OBJECT IDENTIFIER has minimal sub-identifiers; strings are primitive (only SEQUENCE and
//!   SET are constructed) and there is no end-of-contents;
//! - a DEFAULT value is never encoded: an extension's `critical` FALSE, basicConstraints `cA`
//!   FALSE;
//! - keyUsage, a named bit list, has no trailing zero bits.

/// Deepest nesting walked; certificates nest about ten levels.
const MAX_DEPTH: usize = 24;

/// Why a certificate is not DER; `params.reason` of `ERR_CERT_PARSE`.
pub(super) mod reason {
    /// Not parseable at all, or not one certificate.
    pub const MALFORMED: &str = "malformed";
    /// An indefinite or non-minimal length, or a multi-octet tag.
    pub const LENGTH: &str = "der-length";
    /// An empty or non-minimal INTEGER (such as a serial number).
    pub const INTEGER: &str = "der-integer";
    /// A BOOLEAN other than one octet `0x00` / `0xFF`.
    pub const BOOLEAN: &str = "der-boolean";
    /// A DEFAULT value that is encoded (`critical` FALSE, `cA` FALSE).
    pub const DEFAULT: &str = "der-default";
    /// A malformed BIT STRING, NULL or OBJECT IDENTIFIER, or a constructed string.
    pub const PRIMITIVE: &str = "der-primitive";
}

/// DER contents of the OIDs of the extensions whose values are checked.
const EXT_BASIC_CONSTRAINTS: &[u8] = &[0x55, 0x1d, 0x13];
const EXT_KEY_USAGE: &[u8] = &[0x55, 0x1d, 0x0f];
const CHECKED_EXTENSIONS: [&[u8]; 6] = [
    EXT_BASIC_CONSTRAINTS,
    EXT_KEY_USAGE,
    &[0x55, 0x1d, 0x11], // subjectAltName
    &[0x55, 0x1d, 0x25], // extKeyUsage
    &[0x55, 0x1d, 0x0e], // subjectKeyIdentifier
    &[0x55, 0x1d, 0x23], // authorityKeyIdentifier
];

const BOOLEAN: u8 = 0x01;
const INTEGER: u8 = 0x02;
const BIT_STRING: u8 = 0x03;
const OCTET_STRING: u8 = 0x04;
const NULL: u8 = 0x05;
const OID: u8 = 0x06;
const ENUMERATED: u8 = 0x0a;
const SEQUENCE: u8 = 0x30;
const SET: u8 = 0x31;
/// `[3] EXPLICIT Extensions` of TBSCertificate.
const EXTENSIONS: u8 = 0xa3;

#[derive(Clone, Copy)]
struct Tlv<'a> {
    tag: u8,
    content: &'a [u8],
}

/// One TLV from the front of `input`, and what follows it.
fn read(input: &[u8]) -> Result<(Tlv<'_>, &[u8]), &'static str> {
    let (&tag, rest) = input.split_first().ok_or(reason::MALFORMED)?;
    if tag & 0x1f == 0x1f {
        return Err(reason::LENGTH);
    }
    let (&first, rest) = rest.split_first().ok_or(reason::MALFORMED)?;
    let (len, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let n = usize::from(first & 0x7f);
        // 0x80 is the indefinite form; more than 4 length octets is beyond any certificate.
        if n == 0 || n > 4 {
            return Err(reason::LENGTH);
        }
        let octets = rest.get(..n).ok_or(reason::MALFORMED)?;
        if octets.first() == Some(&0) {
            return Err(reason::LENGTH);
        }
        let len = octets
            .iter()
            .fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
        if len < 0x80 {
            return Err(reason::LENGTH);
        }
        (len, rest.get(n..).ok_or(reason::MALFORMED)?)
    };
    let content = rest.get(..len).ok_or(reason::MALFORMED)?;
    let after = rest.get(len..).ok_or(reason::MALFORMED)?;
    Ok((Tlv { tag, content }, after))
}

/// The TLVs that make up `content`, in order.
fn items(content: &[u8]) -> Result<Vec<Tlv<'_>>, &'static str> {
    let mut out = Vec::new();
    let mut rest = content;
    while !rest.is_empty() {
        let (tlv, after) = read(rest)?;
        out.push(tlv);
        rest = after;
    }
    Ok(out)
}

/// `input` is exactly one TLV.
fn single(input: &[u8]) -> Result<Tlv<'_>, &'static str> {
    match read(input)? {
        (tlv, []) => Ok(tlv),
        _ => Err(reason::MALFORMED),
    }
}

/// Checks `tlv` and, if constructed, everything inside it.
fn walk(tlv: Tlv<'_>, depth: usize) -> Result<(), &'static str> {
    if depth > MAX_DEPTH {
        return Err(reason::MALFORMED);
    }
    // Universal class: end-of-contents (tag 0) belongs to indefinite lengths, and only SEQUENCE
    // and SET may be constructed (DER encodes strings primitive, X.690 §10.2).
    if tlv.tag == 0 {
        return Err(reason::LENGTH);
    }
    if tlv.tag & 0xe0 == 0x20 && tlv.tag != SEQUENCE && tlv.tag != SET {
        return Err(reason::PRIMITIVE);
    }
    if tlv.tag & 0x20 != 0 {
        for item in items(tlv.content)? {
            walk(item, depth + 1)?;
        }
        return Ok(());
    }
    // Universal primitive types only: context-specific ones are IMPLICIT strings.
    match tlv.tag {
        BOOLEAN if !matches!(tlv.content, [0x00] | [0xff]) => Err(reason::BOOLEAN),
        INTEGER | ENUMERATED => match tlv.content {
            [] => Err(reason::INTEGER),
            [0x00, b, ..] if b & 0x80 == 0 => Err(reason::INTEGER),
            [0xff, b, ..] if b & 0x80 != 0 => Err(reason::INTEGER),
            _ => Ok(()),
        },
        BIT_STRING => match tlv.content {
            [] => Err(reason::PRIMITIVE),
            [unused] if *unused != 0 => Err(reason::PRIMITIVE),
            [unused, .., last] if *unused > 7 || last & !(0xffu8 << unused) != 0 => {
                Err(reason::PRIMITIVE)
            }
            _ => Ok(()),
        },
        NULL if !tlv.content.is_empty() => Err(reason::PRIMITIVE),
        OID => {
            // Each sub-identifier: no leading 0x80 octet; the last octet ends one.
            let starts_ok = tlv.content.iter().enumerate().all(|(i, &b)| {
                b != 0x80
                    || i.checked_sub(1)
                        .and_then(|p| tlv.content.get(p))
                        .is_some_and(|&p| p & 0x80 != 0)
            });
            match tlv.content.last() {
                Some(last) if last & 0x80 == 0 && starts_ok => Ok(()),
                _ => Err(reason::PRIMITIVE),
            }
        }
        _ => Ok(()),
    }
}

/// Checks one Extension: `critical` FALSE not encoded, and the value of a checked extension.
fn extension(ext: Tlv<'_>) -> Result<(), &'static str> {
    let fields = items(ext.content)?;
    let (oid, value) = match fields.as_slice() {
        [oid, critical, value] if critical.tag == BOOLEAN => {
            if critical.content == [0x00] {
                return Err(reason::DEFAULT);
            }
            (oid, value)
        }
        [oid, value] => (oid, value),
        _ => return Err(reason::MALFORMED),
    };
    if oid.tag != OID || value.tag != OCTET_STRING {
        return Err(reason::MALFORMED);
    }
    if !CHECKED_EXTENSIONS.contains(&oid.content) {
        return Ok(());
    }
    let inner = single(value.content)?;
    walk(inner, 0)?;
    if oid.content == EXT_BASIC_CONSTRAINTS {
        // BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLen INTEGER OPTIONAL }
        if let Some(first) = items(inner.content)?.first() {
            if first.tag == BOOLEAN && first.content == [0x00] {
                return Err(reason::DEFAULT);
            }
        }
    }
    if oid.content == EXT_KEY_USAGE {
        // A named bit list has no trailing zero bits (X.690 §11.2.2): the last content octet
        // has its lowest used bit set.
        if let [unused, .., last] = inner.content {
            if last.checked_shr(u32::from(*unused)).unwrap_or(0) & 1 == 0 {
                return Err(reason::PRIMITIVE);
            }
        }
    }
    Ok(())
}

/// The contents of the OIDs of a DER `SEQUENCE SIZE (1..MAX) OF OBJECT IDENTIFIER` (the value
/// of extKeyUsage, RFC 5280 §4.2.1.12).
pub(super) fn oid_sequence(value: &[u8]) -> Result<Vec<&[u8]>, &'static str> {
    let seq = single(value)?;
    if seq.tag != SEQUENCE {
        return Err(reason::MALFORMED);
    }
    let oids = items(seq.content)?;
    if oids.is_empty() || oids.iter().any(|t| t.tag != OID || t.content.is_empty()) {
        return Err(reason::MALFORMED);
    }
    Ok(oids.into_iter().map(|t| t.content).collect())
}

/// Checks that `der` is one certificate in DER, as far as listed in the module documentation.
pub(super) fn check_certificate(der: &[u8]) -> Result<(), &'static str> {
    let cert = single(der)?;
    walk(cert, 0)?;
    let tbs = items(cert.content)?
        .first()
        .copied()
        .filter(|t| t.tag == SEQUENCE)
        .ok_or(reason::MALFORMED)?;
    for field in items(tbs.content)? {
        if field.tag == EXTENSIONS {
            let list = single(field.content)?;
            for ext in items(list.content)? {
                extension(ext)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prim(tag: u8, content: &[u8]) -> Result<(), &'static str> {
        let mut der = vec![tag, u8::try_from(content.len()).unwrap()];
        der.extend_from_slice(content);
        walk(single(&der)?, 0)
    }

    #[test]
    fn lengths_must_be_definite_and_minimal() {
        assert!(single(&[0x04, 0x01, 0xaa]).is_ok());
        assert_eq!(
            single(&[0x04, 0x81, 0x01, 0xaa]).err(),
            Some(reason::LENGTH)
        );
        assert_eq!(
            single(&[0x30, 0x80, 0x00, 0x00]).err(),
            Some(reason::LENGTH)
        );
        let mut long = vec![0x04, 0x82, 0x00, 0x80];
        long.extend([0u8; 0x80]);
        assert_eq!(single(&long).err(), Some(reason::LENGTH));
        let mut ok = vec![0x04, 0x81, 0x80];
        ok.extend([0u8; 0x80]);
        assert!(single(&ok).is_ok());
        assert_eq!(single(&[0x1f, 0x20, 0x00]).err(), Some(reason::LENGTH));
        assert_eq!(single(&[0x04, 0x02, 0xaa]).err(), Some(reason::MALFORMED));
    }

    #[test]
    fn primitives_must_be_canonical() {
        assert_eq!(prim(BOOLEAN, &[0x01]), Err(reason::BOOLEAN));
        assert_eq!(prim(BOOLEAN, &[]), Err(reason::BOOLEAN));
        assert_eq!(prim(BOOLEAN, &[0xff, 0xff]), Err(reason::BOOLEAN));
        assert!(prim(BOOLEAN, &[0xff]).is_ok() && prim(BOOLEAN, &[0x00]).is_ok());
        assert_eq!(prim(INTEGER, &[]), Err(reason::INTEGER));
        assert_eq!(prim(INTEGER, &[0x00, 0x01]), Err(reason::INTEGER));
        assert_eq!(prim(INTEGER, &[0xff, 0x80]), Err(reason::INTEGER));
        for ok in [&[0x00][..], &[0x00, 0x80], &[0x7f], &[0xff, 0x7f], &[0x80]] {
            assert!(prim(INTEGER, ok).is_ok(), "{ok:?}");
        }
        assert_eq!(prim(BIT_STRING, &[]), Err(reason::PRIMITIVE));
        assert_eq!(prim(BIT_STRING, &[0x01]), Err(reason::PRIMITIVE));
        assert_eq!(prim(BIT_STRING, &[0x08, 0x00]), Err(reason::PRIMITIVE));
        assert_eq!(prim(BIT_STRING, &[0x01, 0x81]), Err(reason::PRIMITIVE));
        assert!(prim(BIT_STRING, &[0x01, 0x82]).is_ok() && prim(BIT_STRING, &[0x00]).is_ok());
        assert_eq!(prim(NULL, &[0x00]), Err(reason::PRIMITIVE));
        assert_eq!(prim(OID, &[]), Err(reason::PRIMITIVE));
        assert_eq!(prim(OID, &[0x2a, 0x80, 0x01]), Err(reason::PRIMITIVE));
        assert_eq!(prim(OID, &[0x2a, 0x86]), Err(reason::PRIMITIVE));
        assert!(prim(OID, &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01]).is_ok());
        assert!(prim(OID, &[0x55, 0x1d, 0x80 | 0x01, 0x00]).is_ok());
    }

    #[test]
    fn only_sequence_and_set_are_constructed_and_no_end_of_contents() {
        // OCTET STRING in constructed form: "ab" as two segments.
        let segmented = [0x24, 0x06, 0x04, 0x01, b'a', 0x04, 0x01, b'b'];
        assert_eq!(walk(single(&segmented).unwrap(), 0), Err(reason::PRIMITIVE));
        let utf8 = [0x2c, 0x03, 0x0c, 0x01, b'a'];
        assert_eq!(walk(single(&utf8).unwrap(), 0), Err(reason::PRIMITIVE));
        assert_eq!(
            walk(single(&[0x30, 0x02, 0x00, 0x00]).unwrap(), 0),
            Err(reason::LENGTH)
        );
        let nested = [0x30, 0x05, 0x31, 0x03, 0xa0, 0x01, 0x05];
        assert_eq!(walk(single(&nested).unwrap(), 0), Err(reason::MALFORMED));
        let ok = [0x30, 0x06, 0x31, 0x04, 0xa0, 0x02, 0x05, 0x00];
        assert!(walk(single(&ok).unwrap(), 0).is_ok());
    }
}
