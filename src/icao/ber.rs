//! A bounds-checked BER/DER TLV reader (ITU-T X.690 §8, §10) for what chips hand over: EF.SOD
//! (CMS, some of which use indefinite lengths), the data groups (multi-byte application tags
//! such as `5F1F` and `7F61`, long-form lengths) and master lists. Every read returns the
//! item's exact received bytes, so hashes and signatures are over what was read.

/// Deepest nesting scanned when looking for the end of an indefinite-length item.
pub const MAX_DEPTH: usize = 32;

/// Why bytes are not one well-formed TLV; `reason` is one of the constants below.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BerError {
    /// Byte offset (from the start of the outermost input) where the problem is.
    pub offset: usize,
    /// What is wrong.
    pub reason: &'static str,
}

/// `BerError::reason` values.
pub mod reason {
    /// The input ends inside a tag, a length or contents.
    pub const TRUNCATED: &str = "truncated";
    /// Bytes follow the item.
    pub const TRAILING: &str = "trailing-bytes";
    /// A tag of more than three bytes, or a length over four bytes.
    pub const TOO_LONG: &str = "length-too-long";
    /// An indefinite length where the rules require a definite one (a primitive item, or DER).
    pub const INDEFINITE: &str = "indefinite-length";
    /// A length that is not minimal where DER is required.
    pub const NON_MINIMAL: &str = "non-minimal-length";
    /// Indefinite-length items nest deeper than [`super::MAX_DEPTH`].
    pub const TOO_DEEP: &str = "too-deep";
    /// Another tag than the structure requires.
    pub const UNEXPECTED_TAG: &str = "unexpected-tag";
    /// A value of the right tag with the wrong contents (an INTEGER too large, …).
    pub const BAD_VALUE: &str = "bad-value";
}

/// One TLV as received.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tlv<'a> {
    /// The tag bytes as a number: `0x30`, `0x77`, `0x5F1F`, `0x7F61`.
    pub tag: u32,
    /// The constructed bit of the first tag byte.
    pub constructed: bool,
    /// The contents (without an indefinite item's end-of-contents octets).
    pub contents: &'a [u8],
    /// The whole item: tag, length, contents (and end-of-contents).
    pub raw: &'a [u8],
    /// Offset of the item in the outermost input.
    pub offset: usize,
    /// Offset of the contents in the outermost input.
    pub contents_offset: usize,
    /// Whether the length was indefinite.
    pub indefinite: bool,
}

impl<'a> Tlv<'a> {
    /// A reader over the contents (a constructed item's children), in the same mode.
    pub fn children(&self, der: bool) -> Reader<'a> {
        Reader::at(self.contents, self.contents_offset, der)
    }
}

/// Reads TLVs front to back. In DER mode lengths must be definite and minimal; in BER mode
/// non-minimal definite lengths are accepted, and indefinite lengths on constructed items.
#[derive(Clone, Debug)]
pub struct Reader<'a> {
    rest: &'a [u8],
    offset: usize,
    der: bool,
}

impl<'a> Reader<'a> {
    /// A reader over `bytes`, whose first byte is at offset 0.
    pub fn new(bytes: &'a [u8], der: bool) -> Reader<'a> {
        Reader::at(bytes, 0, der)
    }

    /// A reader over `bytes`, whose first byte is at `offset` of the outermost input.
    pub fn at(bytes: &'a [u8], offset: usize, der: bool) -> Reader<'a> {
        Reader {
            rest: bytes,
            offset,
            der,
        }
    }

    /// Nothing left.
    pub fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    /// The offset of the next byte.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The next item's tag, if any (without reading it).
    pub fn peek_tag(&self) -> Option<u32> {
        read_tag(self.rest, self.offset).ok().map(|(t, _, _)| t)
    }

    /// The next TLV.
    pub fn next_tlv(&mut self) -> Result<Tlv<'a>, BerError> {
        let tlv = read_tlv(self.rest, self.offset, self.der, 0)?;
        let len = tlv.raw.len();
        self.rest = self.rest.get(len..).unwrap_or_default();
        self.offset = self.offset.saturating_add(len);
        Ok(tlv)
    }

    /// The next TLV, which must have tag `tag`.
    pub fn expect(&mut self, tag: u32) -> Result<Tlv<'a>, BerError> {
        let at = self.offset;
        let tlv = self.next_tlv()?;
        if tlv.tag != tag {
            return Err(BerError {
                offset: at,
                reason: reason::UNEXPECTED_TAG,
            });
        }
        Ok(tlv)
    }

    /// The next TLV if its tag is `tag`.
    pub fn optional(&mut self, tag: u32) -> Result<Option<Tlv<'a>>, BerError> {
        if self.peek_tag() == Some(tag) {
            self.next_tlv().map(Some)
        } else {
            Ok(None)
        }
    }

    /// Everything must have been read.
    pub fn finish(&self) -> Result<(), BerError> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(BerError {
                offset: self.offset,
                reason: reason::TRAILING,
            })
        }
    }
}

/// Exactly one TLV spanning all of `bytes`.
pub fn single(bytes: &[u8], der: bool) -> Result<Tlv<'_>, BerError> {
    let mut r = Reader::new(bytes, der);
    let tlv = r.next_tlv()?;
    r.finish()?;
    Ok(tlv)
}

fn truncated(offset: usize) -> BerError {
    BerError {
        offset,
        reason: reason::TRUNCATED,
    }
}

/// `(tag, constructed, tag length)`.
fn read_tag(bytes: &[u8], offset: usize) -> Result<(u32, bool, usize), BerError> {
    let &first = bytes.first().ok_or(truncated(offset))?;
    let constructed = first & 0x20 != 0;
    if first & 0x1f != 0x1f {
        return Ok((u32::from(first), constructed, 1));
    }
    let mut tag = u32::from(first);
    for i in 1..4usize {
        let &b = bytes.get(i).ok_or(truncated(offset.saturating_add(i)))?;
        tag = (tag << 8) | u32::from(b);
        if b & 0x80 == 0 {
            return Ok((tag, constructed, i + 1));
        }
    }
    Err(BerError {
        offset,
        reason: reason::TOO_LONG,
    })
}

fn read_tlv(bytes: &[u8], offset: usize, der: bool, depth: usize) -> Result<Tlv<'_>, BerError> {
    if depth > MAX_DEPTH {
        return Err(BerError {
            offset,
            reason: reason::TOO_DEEP,
        });
    }
    let (tag, constructed, tag_len) = read_tag(bytes, offset)?;
    let len_at = offset.saturating_add(tag_len);
    let &first = bytes.get(tag_len).ok_or(truncated(len_at))?;
    let mut header = tag_len + 1;
    let definite = if first < 0x80 {
        Some(usize::from(first))
    } else if first == 0x80 {
        None
    } else {
        let n = usize::from(first & 0x7f);
        if n > 4 {
            return Err(BerError {
                offset: len_at,
                reason: reason::TOO_LONG,
            });
        }
        let len_bytes = bytes
            .get(header..header + n)
            .ok_or(truncated(len_at.saturating_add(1)))?;
        header += n;
        let len = len_bytes
            .iter()
            .fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
        if der && (len_bytes.first() == Some(&0) || len < 0x80) {
            return Err(BerError {
                offset: len_at,
                reason: reason::NON_MINIMAL,
            });
        }
        Some(len)
    };
    let contents_offset = offset.saturating_add(header);
    match definite {
        Some(len) => {
            let end = header.checked_add(len).ok_or(truncated(contents_offset))?;
            let contents = bytes.get(header..end).ok_or(truncated(contents_offset))?;
            let raw = bytes.get(..end).ok_or(truncated(offset))?;
            Ok(Tlv {
                tag,
                constructed,
                contents,
                raw,
                offset,
                contents_offset,
                indefinite: false,
            })
        }
        None => {
            if der || !constructed {
                return Err(BerError {
                    offset: len_at,
                    reason: reason::INDEFINITE,
                });
            }
            // Children until the end-of-contents octets 00 00.
            let body = bytes.get(header..).unwrap_or_default();
            let mut pos = 0usize;
            loop {
                let here = body.get(pos..).ok_or(truncated(contents_offset))?;
                if here.starts_with(&[0, 0]) {
                    break;
                }
                let child = read_tlv(here, contents_offset.saturating_add(pos), der, depth + 1)?;
                pos = pos.saturating_add(child.raw.len());
            }
            let contents = body.get(..pos).ok_or(truncated(contents_offset))?;
            let end = header.saturating_add(pos).saturating_add(2);
            let raw = bytes.get(..end).ok_or(truncated(offset))?;
            Ok(Tlv {
                tag,
                constructed,
                contents,
                raw,
                offset,
                contents_offset,
                indefinite: true,
            })
        }
    }
}

/// A small non-negative INTEGER's value (at most 8 content bytes, no sign bit).
pub fn small_uint(tlv: &Tlv<'_>) -> Result<u64, BerError> {
    let bad = BerError {
        offset: tlv.offset,
        reason: reason::BAD_VALUE,
    };
    if tlv.tag != 0x02 {
        return Err(BerError {
            offset: tlv.offset,
            reason: reason::UNEXPECTED_TAG,
        });
    }
    match tlv.contents {
        [] => Err(bad),
        [b, ..] if b & 0x80 != 0 => Err(bad),
        c if c.len() > 9 || (c.len() == 9 && c.first() != Some(&0)) => Err(bad),
        c => Ok(c.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b))),
    }
}

/// The contents of an OCTET STRING, primitive or (BER) constructed of primitive segments.
pub fn octets(tlv: &Tlv<'_>) -> Result<Vec<u8>, BerError> {
    match (tlv.tag, tlv.constructed) {
        (0x04, false) => Ok(tlv.contents.to_vec()),
        (0x24, true) => {
            let mut out = Vec::with_capacity(tlv.contents.len());
            let mut r = tlv.children(false);
            while !r.is_empty() {
                let seg = r.expect(0x04)?;
                out.extend_from_slice(seg.contents);
            }
            Ok(out)
        }
        _ => Err(BerError {
            offset: tlv.offset,
            reason: reason::UNEXPECTED_TAG,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multi_byte_tags_and_long_lengths() {
        let mut v = vec![0x5f, 0x1f, 0x81, 0x80];
        v.extend([b'A'; 128]);
        let t = single(&v, true).unwrap();
        assert_eq!(
            (t.tag, t.contents.len(), t.contents_offset),
            (0x5f1f, 128, 4)
        );
        // Non-minimal lengths: refused in DER, accepted in BER.
        let nm = [0x04, 0x82, 0x00, 0x01, 0xaa];
        assert_eq!(single(&nm, true).unwrap_err().reason, reason::NON_MINIMAL);
        assert_eq!(single(&nm, false).unwrap().contents, &[0xaa]);
        // Truncated and trailing.
        assert_eq!(
            single(&[0x04, 0x02, 0xaa], false).unwrap_err().reason,
            reason::TRUNCATED
        );
        assert_eq!(
            single(&[0x04, 0x01, 0xaa, 0], false).unwrap_err().reason,
            reason::TRAILING
        );
        // A five-byte length and a four-byte tag.
        assert_eq!(
            single(&[0x04, 0x85, 0, 0, 0, 0, 1, 0], false)
                .unwrap_err()
                .reason,
            reason::TOO_LONG
        );
        assert_eq!(
            single(&[0x7f, 0x81, 0x81, 0x81, 0x01, 0x00], false)
                .unwrap_err()
                .reason,
            reason::TOO_LONG
        );
    }

    #[test]
    fn indefinite_lengths_only_on_constructed_ber() {
        let v = [0x30, 0x80, 0x04, 0x01, 0xaa, 0x00, 0x00];
        let t = single(&v, false).unwrap();
        assert!(t.indefinite);
        assert_eq!(t.contents, &[0x04, 0x01, 0xaa]);
        assert_eq!(t.raw.len(), 7);
        assert_eq!(single(&v, true).unwrap_err().reason, reason::INDEFINITE);
        assert_eq!(
            single(&[0x04, 0x80, 0, 0], false).unwrap_err().reason,
            reason::INDEFINITE
        );
        // No end-of-contents.
        assert_eq!(
            single(&[0x30, 0x80, 0x04, 0x01, 0xaa], false)
                .unwrap_err()
                .reason,
            reason::TRUNCATED
        );
        // Nesting bound.
        let mut deep = Vec::new();
        for _ in 0..40 {
            deep.extend([0x30, 0x80]);
        }
        for _ in 0..40 {
            deep.extend([0, 0]);
        }
        assert_eq!(single(&deep, false).unwrap_err().reason, reason::TOO_DEEP);
    }

    #[test]
    fn integers_and_octets() {
        let t = single(&[0x02, 0x01, 0x0d], true).unwrap();
        assert_eq!(small_uint(&t), Ok(13));
        assert!(small_uint(&single(&[0x02, 0x01, 0x80], true).unwrap()).is_err());
        assert!(small_uint(&single(&[0x02, 0x00], true).unwrap()).is_err());
        let c = [0x24, 0x80, 0x04, 0x01, 1, 0x04, 0x02, 2, 3, 0, 0];
        assert_eq!(octets(&single(&c, false).unwrap()).unwrap(), vec![1, 2, 3]);
    }
}
