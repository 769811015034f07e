//! A minimal strict DER reader (X.690 §10) for the few structures `crypto::` reads itself:
//! SubjectPublicKeyInfo (RFC 5280 §4.1), ECParameters (RFC 3279 §2.3.5), RSAPublicKey
//! (RFC 8017 §A.1.1) and ECDSA-Sig-Value (RFC 3279 §2.2.3). Definite, minimal lengths only;
//! every read is bounds-checked.

/// The tags used here (universal class).
pub(super) mod tag {
    pub const INTEGER: u8 = 0x02;
    pub const BIT_STRING: u8 = 0x03;
    pub const OCTET_STRING: u8 = 0x04;
    pub const NULL: u8 = 0x05;
    pub const OID: u8 = 0x06;
    pub const SEQUENCE: u8 = 0x30;
}

/// Malformed DER.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Malformed;

/// Reads TLVs from a byte slice, front to back.
pub(super) struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { rest: bytes }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    /// The next tag without consuming it.
    pub(super) fn peek_tag(&self) -> Option<u8> {
        self.rest.first().copied()
    }

    /// The next TLV: `(tag, contents)`. Only single-byte tags (all we read) are accepted.
    pub(super) fn any(&mut self) -> Result<(u8, &'a [u8]), Malformed> {
        let (&t, rest) = self.rest.split_first().ok_or(Malformed)?;
        if t & 0x1f == 0x1f {
            return Err(Malformed);
        }
        let (&first, mut rest) = rest.split_first().ok_or(Malformed)?;
        let len = if first < 0x80 {
            usize::from(first)
        } else {
            let n = usize::from(first & 0x7f);
            // 0x80 is the indefinite form (not DER); more than 3 length bytes is never needed here.
            if n == 0 || n > 3 {
                return Err(Malformed);
            }
            let (bytes, r) = rest.split_at_checked(n).ok_or(Malformed)?;
            rest = r;
            let len = bytes
                .iter()
                .fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
            // Minimal: no leading zero byte, and the long form only from 128 on.
            if bytes.first() == Some(&0) || len < 0x80 {
                return Err(Malformed);
            }
            len
        };
        let (contents, rest) = rest.split_at_checked(len).ok_or(Malformed)?;
        self.rest = rest;
        Ok((t, contents))
    }

    /// The next TLV, which must have tag `t`; its contents.
    pub(super) fn expect(&mut self, t: u8) -> Result<&'a [u8], Malformed> {
        match self.any()? {
            (got, contents) if got == t => Ok(contents),
            _ => Err(Malformed),
        }
    }

    /// A non-negative INTEGER: its magnitude, big-endian, without leading zero bytes (empty for 0).
    pub(super) fn uint(&mut self) -> Result<&'a [u8], Malformed> {
        uint(self.expect(tag::INTEGER)?)
    }

    /// Requires that everything has been read.
    pub(super) fn finish(&self) -> Result<(), Malformed> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(Malformed)
        }
    }
}

/// The magnitude of a DER INTEGER's contents; negative or non-minimal encodings are malformed.
pub(super) fn uint(contents: &[u8]) -> Result<&[u8], Malformed> {
    match contents {
        [] => Err(Malformed),
        [b, ..] if b & 0x80 != 0 => Err(Malformed),
        [0] => Ok(&[]),
        [0, b, ..] if b & 0x80 == 0 => Err(Malformed),
        [0, rest @ ..] => Ok(rest),
        _ => Ok(contents),
    }
}

/// Reads one complete TLV of tag `t` spanning all of `bytes`.
pub(super) fn only(bytes: &[u8], t: u8) -> Result<&[u8], Malformed> {
    let mut r = Reader::new(bytes);
    let contents = r.expect(t)?;
    r.finish()?;
    Ok(contents)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_must_be_minimal_and_definite() {
        assert_eq!(
            only(&[0x04, 0x01, 0xaa], tag::OCTET_STRING),
            Ok(&[0xaa][..])
        );
        // Long form for a short length, a leading zero length byte, the indefinite form.
        assert!(only(&[0x04, 0x81, 0x01, 0xaa], tag::OCTET_STRING).is_err());
        assert!(only(&[0x04, 0x82, 0x00, 0x01, 0xaa], tag::OCTET_STRING).is_err());
        assert!(only(&[0x04, 0x80, 0xaa, 0x00, 0x00], tag::OCTET_STRING).is_err());
        // Truncated, trailing data.
        assert!(only(&[0x04, 0x02, 0xaa], tag::OCTET_STRING).is_err());
        assert!(only(&[0x04, 0x01, 0xaa, 0x00], tag::OCTET_STRING).is_err());
        let long: Vec<u8> = [0x04, 0x81, 0x80].into_iter().chain([7u8; 128]).collect();
        assert_eq!(only(&long, tag::OCTET_STRING).map(<[u8]>::len), Ok(128));
    }

    #[test]
    fn integers_must_be_minimal_and_non_negative() {
        assert_eq!(uint(&[0x00]), Ok(&[][..]));
        assert_eq!(uint(&[0x7f]), Ok(&[0x7f][..]));
        assert_eq!(uint(&[0x00, 0x80]), Ok(&[0x80][..]));
        assert!(uint(&[]).is_err());
        assert!(uint(&[0x80]).is_err());
        assert!(uint(&[0x00, 0x7f]).is_err());
        assert!(uint(&[0x00, 0x00]).is_err());
    }
}
