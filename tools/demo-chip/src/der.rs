//! A minimal DER/BER writer (X.690): definite lengths, short form below 128, long form above.

/// The length octets of X.690 §8.1.3: short form below 128, otherwise `0x80 | n` and n big-endian bytes.
pub fn len(n: usize) -> Vec<u8> {
    if n < 0x80 {
        return vec![n as u8];
    }
    let bytes: Vec<u8> = n
        .to_be_bytes()
        .iter()
        .copied()
        .skip_while(|b| *b == 0)
        .collect();
    let mut out = vec![0x80 | bytes.len() as u8];
    out.extend(bytes);
    out
}

/// A TLV with a one-byte tag.
pub fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    out.extend(len(content.len()));
    out.extend_from_slice(content);
    out
}

/// A TLV with a multi-byte tag given as its bytes (e.g. `[0x5F, 0x1F]`, `[0x7F, 0x61]`).
pub fn tlv_tag(tag: &[u8], content: &[u8]) -> Vec<u8> {
    let mut out = tag.to_vec();
    out.extend(len(content.len()));
    out.extend_from_slice(content);
    out
}

pub fn cat(parts: &[Vec<u8>]) -> Vec<u8> {
    parts.concat()
}

pub fn seq(parts: &[Vec<u8>]) -> Vec<u8> {
    tlv(0x30, &cat(parts))
}

/// SET OF in DER order (X.690 §11.6: elements sorted by their encodings).
pub fn set_of(parts: &[Vec<u8>]) -> Vec<u8> {
    let mut sorted = parts.to_vec();
    sorted.sort();
    tlv(0x31, &cat(&sorted))
}

/// SET in the order given (BER; used where a card's own order is kept, e.g. DG13, DG14).
pub fn set_as_given(parts: &[Vec<u8>]) -> Vec<u8> {
    tlv(0x31, &cat(parts))
}

/// Context-specific constructed \[n\] (EXPLICIT, or IMPLICIT over a constructed type).
pub fn ctx(n: u8, content: &[u8]) -> Vec<u8> {
    tlv(0xA0 | n, content)
}

/// Context-specific primitive \[n\] IMPLICIT.
pub fn ctx_prim(n: u8, content: &[u8]) -> Vec<u8> {
    tlv(0x80 | n, content)
}

/// INTEGER from unsigned big-endian magnitude bytes (minimal, with a 0x00 when the top bit is set).
pub fn uint(bytes: &[u8]) -> Vec<u8> {
    let trimmed: Vec<u8> = bytes.iter().copied().skip_while(|b| *b == 0).collect();
    let mut content = Vec::new();
    match trimmed.first() {
        None => content.push(0),
        Some(b) if *b >= 0x80 => {
            content.push(0);
            content.extend(trimmed);
        }
        Some(_) => content.extend(trimmed),
    }
    tlv(0x02, &content)
}

pub fn int(n: u64) -> Vec<u8> {
    uint(&n.to_be_bytes())
}

/// OBJECT IDENTIFIER from dotted text (X.690 §8.19).
pub fn oid(dotted: &str) -> Vec<u8> {
    tlv(0x06, &oid_content(dotted))
}

pub fn oid_content(dotted: &str) -> Vec<u8> {
    let arcs: Vec<u64> = dotted.split('.').filter_map(|a| a.parse().ok()).collect();
    let mut out = Vec::new();
    let first = arcs.first().copied().unwrap_or(0);
    let second = arcs.get(1).copied().unwrap_or(0);
    let mut all = vec![first * 40 + second];
    all.extend(arcs.iter().skip(2));
    for arc in all {
        let mut groups = vec![(arc & 0x7F) as u8];
        let mut rest = arc >> 7;
        while rest > 0 {
            groups.push(0x80 | (rest & 0x7F) as u8);
            rest >>= 7;
        }
        groups.reverse();
        out.extend(groups);
    }
    out
}

pub fn octets(content: &[u8]) -> Vec<u8> {
    tlv(0x04, content)
}

pub fn bits(content: &[u8]) -> Vec<u8> {
    let mut c = vec![0u8];
    c.extend_from_slice(content);
    tlv(0x03, &c)
}

pub fn null() -> Vec<u8> {
    vec![0x05, 0x00]
}

pub fn boolean(v: bool) -> Vec<u8> {
    vec![0x01, 0x01, if v { 0xFF } else { 0x00 }]
}

pub fn utf8(s: &str) -> Vec<u8> {
    tlv(0x0C, s.as_bytes())
}

pub fn printable(s: &str) -> Vec<u8> {
    tlv(0x13, s.as_bytes())
}

/// (year, month, day, hour, minute, second) of a Unix time (proleptic Gregorian, UTC).
pub fn civil(unix: i64) -> (i64, u32, u32, u32, u32, u32) {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    // Howard Hinnant's days-from-civil inverse.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = if m <= 2 { y + 1 } else { y };
    (
        y,
        m,
        d,
        (secs / 3600) as u32,
        ((secs % 3600) / 60) as u32,
        (secs % 60) as u32,
    )
}

/// Unix time of a civil date at 00:00:00 UTC.
pub fn unix_of(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe - 719_468) * 86_400
}

/// X.509 Time (RFC 5280 §4.1.2.5): UTCTime through 2049, GeneralizedTime from 2050.
pub fn time(unix: i64) -> Vec<u8> {
    let (y, mo, d, h, mi, s) = civil(unix);
    if (1950..2050).contains(&y) {
        tlv(
            0x17,
            format!("{:02}{mo:02}{d:02}{h:02}{mi:02}{s:02}Z", y % 100).as_bytes(),
        )
    } else {
        generalized(unix)
    }
}

pub fn generalized(unix: i64) -> Vec<u8> {
    let (y, mo, d, h, mi, s) = civil(unix);
    tlv(
        0x18,
        format!("{y:04}{mo:02}{d:02}{h:02}{mi:02}{s:02}Z").as_bytes(),
    )
}

/// Reads one TLV at the start of `data`: (tag byte, header length, content length).
/// Single-byte and two-byte tags, definite lengths; enough for the tool's own re-reading.
pub fn header(data: &[u8]) -> Option<(Vec<u8>, usize, usize)> {
    let first = *data.first()?;
    let mut pos = 1;
    let mut tag = vec![first];
    if first & 0x1F == 0x1F {
        loop {
            let b = *data.get(pos)?;
            tag.push(b);
            pos += 1;
            if b & 0x80 == 0 {
                break;
            }
        }
    }
    let l0 = *data.get(pos)?;
    pos += 1;
    let len = if l0 < 0x80 {
        usize::from(l0)
    } else {
        let n = usize::from(l0 & 0x7F);
        let mut v = 0usize;
        for i in 0..n {
            v = (v << 8) | usize::from(*data.get(pos + i)?);
        }
        pos += n;
        v
    };
    Some((tag, pos, len))
}

/// The content bytes of the TLV at the start of `data`.
pub fn content(data: &[u8]) -> Option<&[u8]> {
    let (_, h, l) = header(data)?;
    data.get(h..h + l)
}

/// The children of a constructed TLV's content, each as its full TLV bytes.
pub fn children(content: &[u8]) -> Option<Vec<&[u8]>> {
    let mut out = Vec::new();
    let mut rest = content;
    while !rest.is_empty() {
        let (_, h, l) = header(rest)?;
        out.push(rest.get(..h + l)?);
        rest = rest.get(h + l..)?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_short_and_long_form() {
        assert_eq!(len(0x7F), vec![0x7F]);
        assert_eq!(len(0x80), vec![0x81, 0x80]);
        assert_eq!(len(0x1234), vec![0x82, 0x12, 0x34]);
    }

    #[test]
    fn oid_encoding() {
        // 1.2.840.10045.2.1 = 06 07 2A 86 48 CE 3D 02 01 (X.690 §8.19 example arithmetic)
        assert_eq!(
            oid("1.2.840.10045.2.1"),
            vec![0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01]
        );
        assert_eq!(
            oid("2.23.136.1.1.1"),
            vec![0x06, 0x06, 0x67, 0x81, 0x08, 0x01, 0x01, 0x01]
        );
    }

    #[test]
    fn civil_round_trip() {
        assert_eq!(civil(1_795_737_600), (2026, 11, 27, 0, 0, 0));
        assert_eq!(unix_of(2026, 11, 27), 1_795_737_600);
        assert_eq!(unix_of(2000, 3, 1), 951_868_800);
        assert_eq!(time(1_795_737_600), tlv(0x17, b"261127000000Z"));
        assert_eq!(time(unix_of(2050, 1, 1)), tlv(0x18, b"20500101000000Z"));
    }

    #[test]
    fn integers_are_minimal_and_positive() {
        assert_eq!(uint(&[0, 0, 0x7F]), vec![2, 1, 0x7F]);
        assert_eq!(uint(&[0x80]), vec![2, 2, 0, 0x80]);
        assert_eq!(uint(&[]), vec![2, 1, 0]);
    }
}
