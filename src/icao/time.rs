//! ASN.1 times in CMS signed attributes (RFC 5652 §11.3: UTCTime or GeneralizedTime, UTC).

use super::ber::Tlv;
use crate::date::parse_rfc3339_utc;

/// UTCTime `YYMMDDHHMMSSZ` (years 50–99 are 19xx, RFC 5280 §4.1.2.5.1) or GeneralizedTime
/// `YYYYMMDDHHMMSSZ`, as seconds since the Unix epoch.
pub(super) fn parse_time(t: &Tlv<'_>) -> Option<i64> {
    let s = core::str::from_utf8(t.contents).ok()?;
    let full = match (t.tag, s.len()) {
        (0x17, 13) => {
            let yy: u32 = s.get(..2)?.parse().ok()?;
            format!("{}{}", if yy >= 50 { "19" } else { "20" }, s)
        }
        (0x18, 15) => s.to_owned(),
        _ => return None,
    };
    let b = full.as_bytes();
    if b.last() != Some(&b'Z') || !b.get(..14)?.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let p = |a: usize, z: usize| full.get(a..z);
    parse_rfc3339_utc(&format!(
        "{}-{}-{}T{}:{}:{}Z",
        p(0, 4)?,
        p(4, 6)?,
        p(6, 8)?,
        p(8, 10)?,
        p(10, 12)?,
        p(12, 14)?
    ))
}

#[cfg(test)]
mod tests {
    use super::super::ber::single;
    use super::*;

    #[test]
    fn utc_and_generalized_times() {
        let utc = [&[0x17, 13][..], b"200122072158Z"].concat();
        assert_eq!(
            parse_time(&single(&utc, true).unwrap()),
            Some(1_579_677_718)
        );
        let old = [&[0x17, 13][..], b"991231235959Z"].concat();
        assert_eq!(parse_time(&single(&old, true).unwrap()), Some(946_684_799));
        let gen = [&[0x18, 15][..], b"20200122072158Z"].concat();
        assert_eq!(
            parse_time(&single(&gen, true).unwrap()),
            Some(1_579_677_718)
        );
        let bad = [&[0x17, 13][..], b"201322072158Z"].concat();
        assert_eq!(parse_time(&single(&bad, true).unwrap()), None);
    }
}
