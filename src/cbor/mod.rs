//! A strict, bounded CBOR reader and a small deterministic writer, for ISO 18013-5 mdoc
//! (`../shared/domain/presentations.md` §2) and later COSE, VICALs and CWT status lists.
//! The rules and why: `docs/architecture.md`, "Encodings".
//!
//! Reading ([`decode`]) takes exactly one data item with nothing after it and refuses, with a
//! typed [`Error`] and the byte offset: indefinite lengths, reserved encodings, stray breaks,
//! text that is not UTF-8, a map that repeats a key, tags 0/1004/1/24 on the wrong kind of
//! content, and anything past a [`Budget`] (input size, nesting depth, item count, string
//! length). Integer and length heads longer than needed (not the "preferred" serialization) are
//! accepted by default, because real wallets write them (`../shared/vectors/README.md`,
//! auth0-mdl), and refused with [`Options::strict`]; [`Item::first_non_preferred`] finds them.
//!
//! Every [`Item`] borrows the input: strings are slices of it, and [`Item::raw`] is the exact
//! bytes the item was received as. Digests over tag-24 items (the mdoc `valueDigests`) must be
//! computed over those bytes, never over a re-encoding.
//!
//! Writing ([`Encoder`]) is for structures we build and sign or MAC ourselves
//! (SessionTranscript, DeviceAuthentication): definite lengths, shortest heads, shortest
//! floats, map entries in the order given.

mod decode;
mod encode;
mod float;

pub use decode::decode;
pub use encode::{encode, Encoder};

use crate::date::{parse_rfc3339_utc, Date};
use crate::error::Error;

/// Limits on what [`decode`] reads. The defaults fit ISO 18013-5 DeviceResponses with
/// portraits and VICALs with hundreds of certificates, with a wide margin.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Budget {
    /// Largest input, in bytes (default 4 MiB).
    pub max_input_bytes: usize,
    /// Deepest nesting of arrays, maps and tags (default 32; a top-level array is depth 1).
    /// Values above [`MAX_DEPTH_CEILING`] count as that ceiling (the reader recurses).
    pub max_depth: usize,
    /// Most data items in all, keys, values and tag contents included (default 100 000).
    pub max_items: usize,
    /// Longest byte or text string, in bytes (default 1 MiB).
    pub max_string_bytes: usize,
}

/// The deepest nesting [`decode`] ever follows, whatever the [`Budget`] says: the reader is
/// recursive and the wasm stack is small.
pub const MAX_DEPTH_CEILING: usize = 256;

impl Default for Budget {
    fn default() -> Self {
        Budget {
            max_input_bytes: 4 << 20,
            max_depth: 32,
            max_items: 100_000,
            max_string_bytes: 1 << 20,
        }
    }
}

/// How [`decode`] reads.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// The limits.
    pub budget: Budget,
    /// Refuse heads and floats longer than needed (`reason: "non-preferred"`). Off by default:
    /// ISO 18013-5 issuers and wallets do write them (the auth0-mdl vectors' `b9 0003` map
    /// heads), and digests are taken over the received bytes anyway.
    pub require_preferred: bool,
}

impl Options {
    /// Default budget, preferred serialization required.
    pub fn strict() -> Self {
        Options {
            budget: Budget::default(),
            require_preferred: true,
        }
    }
}

/// One CBOR data item as received: its value, its exact bytes and where it started.
#[derive(Clone, Debug)]
pub struct Item<'a> {
    value: Value<'a>,
    raw: &'a [u8],
    offset: usize,
    preferred: bool,
}

/// The value of an [`Item`].
#[derive(Clone, Debug, PartialEq)]
pub enum Value<'a> {
    /// Major type 0: an unsigned integer.
    Unsigned(u64),
    /// Major type 1: the integer `-1 - n` (see [`Item::as_i128`]).
    Negative(u64),
    /// Major type 2: a byte string (a slice of the input).
    Bytes(&'a [u8]),
    /// Major type 3: a UTF-8 text string (a slice of the input).
    Text(&'a str),
    /// Major type 4: an array.
    Array(Vec<Item<'a>>),
    /// Major type 5: a map, entries in the order received; no key occurs twice.
    Map(Vec<(Item<'a>, Item<'a>)>),
    /// Major type 6: a tag number and its content.
    Tag(u64, Box<Item<'a>>),
    /// `false` / `true`.
    Bool(bool),
    /// `null`.
    Null,
    /// `undefined`.
    Undefined,
    /// Any other simple value (0–19, 32–255).
    Simple(u8),
    /// A half-, single- or double-precision float, widened.
    Float(f64),
}

/// Tag 0: an RFC 3339 date/time text string (ISO 18013-5 `tdate`).
pub const TAG_DATE_TIME: u64 = 0;
/// Tag 1: seconds since the Unix epoch, an integer or a float.
pub const TAG_EPOCH: u64 = 1;
/// Tag 24: an encoded CBOR data item inside a byte string (`#6.24(bstr .cbor …)`).
pub const TAG_ENCODED_CBOR: u64 = 24;
/// Tag 1004: an RFC 3339 `full-date` text string (ISO 18013-5 `full-date`).
pub const TAG_FULL_DATE: u64 = 1004;

/// Items compare by value: the same value sent with a longer head is equal.
impl PartialEq for Item<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<'a> Item<'a> {
    /// The value.
    pub fn value(&self) -> &Value<'a> {
        &self.value
    }

    /// The exact bytes of this item as received (head, content and, for a tag, the tag head).
    pub fn raw(&self) -> &'a [u8] {
        self.raw
    }

    /// Where the item starts, in bytes from the start of the outermost input.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Whether this item's own head (or float) is as short as possible. Says nothing about
    /// the items inside it; see [`Item::first_non_preferred`].
    pub fn is_preferred(&self) -> bool {
        self.preferred
    }

    /// The offset of the first item, in this one or inside it, whose head or float is longer
    /// than needed; `None` when the whole item is in preferred serialization. (Does not look
    /// inside tag-24 byte strings: they are separate items, decoded on demand.)
    pub fn first_non_preferred(&self) -> Option<usize> {
        if !self.preferred {
            return Some(self.offset);
        }
        match &self.value {
            Value::Array(items) => items.iter().find_map(Item::first_non_preferred),
            Value::Map(entries) => entries
                .iter()
                .find_map(|(k, v)| k.first_non_preferred().or_else(|| v.first_non_preferred())),
            Value::Tag(_, content) => content.first_non_preferred(),
            _ => None,
        }
    }

    /// The text, for a text string.
    pub fn as_text(&self) -> Option<&'a str> {
        match self.value {
            Value::Text(s) => Some(s),
            _ => None,
        }
    }

    /// The bytes, for a byte string.
    pub fn as_bytes(&self) -> Option<&'a [u8]> {
        match self.value {
            Value::Bytes(b) => Some(b),
            _ => None,
        }
    }

    /// The items, for an array.
    pub fn as_array(&self) -> Option<&[Item<'a>]> {
        match &self.value {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The entries in received order, for a map.
    pub fn as_map(&self) -> Option<&[(Item<'a>, Item<'a>)]> {
        match &self.value {
            Value::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// The value under text key `key`, for a map.
    pub fn get(&self, key: &str) -> Option<&Item<'a>> {
        self.as_map()?
            .iter()
            .find(|(k, _)| k.as_text() == Some(key))
            .map(|(_, v)| v)
    }

    /// The value under integer key `key` (COSE header labels), for a map.
    pub fn get_int(&self, key: i64) -> Option<&Item<'a>> {
        self.as_map()?
            .iter()
            .find(|(k, _)| k.as_i128() == Some(i128::from(key)))
            .map(|(_, v)| v)
    }

    /// The integer, for major types 0 and 1 (the whole range, -2^64 … 2^64-1).
    pub fn as_i128(&self) -> Option<i128> {
        match self.value {
            Value::Unsigned(n) => Some(i128::from(n)),
            Value::Negative(n) => Some(-1 - i128::from(n)),
            _ => None,
        }
    }

    /// The integer, when it is unsigned.
    pub fn as_u64(&self) -> Option<u64> {
        match self.value {
            Value::Unsigned(n) => Some(n),
            _ => None,
        }
    }

    /// The integer, when it fits an `i64`.
    pub fn as_i64(&self) -> Option<i64> {
        self.as_i128().and_then(|n| i64::try_from(n).ok())
    }

    /// The boolean, for `false` / `true`.
    pub fn as_bool(&self) -> Option<bool> {
        match self.value {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// Whether the item is `null`.
    pub fn is_null(&self) -> bool {
        self.value == Value::Null
    }

    /// The tag number and content, for a tag.
    pub fn as_tag(&self) -> Option<(u64, &Item<'a>)> {
        match &self.value {
            Value::Tag(n, content) => Some((*n, content)),
            _ => None,
        }
    }

    /// For a tag-0 item (`tdate`), its RFC 3339 date-time as seconds since the Unix epoch; for
    /// a tag-1 item, its number of seconds. Fractions round down, offsets other than `Z` are
    /// refused: the rules of `src/date.rs`, the same as for JWT and trust-list times.
    pub fn as_date_time(&self) -> Option<i64> {
        match self.as_tag()? {
            (TAG_DATE_TIME, content) => parse_rfc3339_utc(content.as_text()?),
            (TAG_EPOCH, content) => match content.value {
                Value::Float(f) if f.is_finite() => {
                    // `as` saturates beyond `i64`; the value is finite.
                    #[allow(clippy::cast_possible_truncation)]
                    Some(f.floor() as i64)
                }
                Value::Float(_) => None,
                _ => content.as_i64(),
            },
            _ => None,
        }
    }

    /// For a tag-1004 item (`full-date`, `YYYY-MM-DD`), the date.
    pub fn as_full_date(&self) -> Option<Date> {
        match self.as_tag()? {
            (TAG_FULL_DATE, content) => Date::parse_iso(content.as_text()?),
            _ => None,
        }
    }

    /// For a tag-24 item, the content of its byte string: the embedded item's own bytes.
    /// (The digest input of an mdoc `IssuerSignedItemBytes` is [`Item::raw`], the whole tag.)
    pub fn embedded_bytes(&self) -> Option<&'a [u8]> {
        match self.as_tag() {
            Some((TAG_ENCODED_CBOR, content)) => content.as_bytes(),
            _ => None,
        }
    }

    /// For a tag-24 item, the embedded item decoded with `options` (offsets in its errors and
    /// items stay relative to the outermost input); `None` for any other item.
    pub fn decode_embedded(&self, options: &Options) -> Option<Result<Item<'a>, Error>> {
        let (_, content) = self.as_tag()?;
        let bytes = self.embedded_bytes()?;
        let header = content.raw.len().checked_sub(bytes.len())?;
        Some(decode::decode_at(
            bytes,
            content.offset.saturating_add(header),
            options,
        ))
    }
}

#[cfg(test)]
mod tests;
