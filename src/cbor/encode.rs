//! The writer: definite lengths, shortest heads, shortest floats, map entries in the order
//! the caller gives (ISO 18013-5 structures are built field by field in their defined order).

use super::float::{f32_to_f16_exact, f64_to_f32_exact};
use super::{Item, Value, TAG_ENCODED_CBOR};

/// Builds CBOR bytes item by item. Containers are written as a head with their length, then
/// that many items (maps: key, value, key, value…); the caller supplies the right count.
#[derive(Clone, Debug, Default)]
pub struct Encoder {
    buf: Vec<u8>,
}

impl Encoder {
    /// An empty encoder.
    pub fn new() -> Self {
        Encoder::default()
    }

    /// The bytes written so far.
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf
    }

    /// The bytes written.
    pub fn into_bytes(self) -> Vec<u8> {
        self.buf
    }

    fn head(&mut self, major: u8, arg: u64) -> &mut Self {
        let m = major << 5;
        if let Ok(small) = u8::try_from(arg) {
            if small < 24 {
                self.buf.push(m | small);
            } else {
                self.buf.extend_from_slice(&[m | 24, small]);
            }
        } else if let Ok(n) = u16::try_from(arg) {
            self.buf.push(m | 25);
            self.buf.extend_from_slice(&n.to_be_bytes());
        } else if let Ok(n) = u32::try_from(arg) {
            self.buf.push(m | 26);
            self.buf.extend_from_slice(&n.to_be_bytes());
        } else {
            self.buf.push(m | 27);
            self.buf.extend_from_slice(&arg.to_be_bytes());
        }
        self
    }

    /// An unsigned integer.
    pub fn uint(&mut self, n: u64) -> &mut Self {
        self.head(0, n)
    }

    /// The negative integer `-1 - n`.
    pub fn negative(&mut self, n: u64) -> &mut Self {
        self.head(1, n)
    }

    /// A signed integer.
    pub fn int(&mut self, n: i64) -> &mut Self {
        match u64::try_from(n) {
            Ok(u) => self.uint(u),
            // -1 - n ≥ 0 when n < 0, and fits: -1 - i64::MIN = i64::MAX.
            Err(_) => self.negative(u64::try_from(-1 - i128::from(n)).unwrap_or(0)),
        }
    }

    /// A byte string.
    pub fn bytes(&mut self, b: &[u8]) -> &mut Self {
        self.head(2, b.len() as u64);
        self.buf.extend_from_slice(b);
        self
    }

    /// A text string.
    pub fn text(&mut self, s: &str) -> &mut Self {
        self.head(3, s.len() as u64);
        self.buf.extend_from_slice(s.as_bytes());
        self
    }

    /// The head of an array of `len` items.
    pub fn array(&mut self, len: usize) -> &mut Self {
        self.head(4, len as u64)
    }

    /// The head of a map of `len` entries.
    pub fn map(&mut self, len: usize) -> &mut Self {
        self.head(5, len as u64)
    }

    /// A tag head; the next item is its content.
    pub fn tag(&mut self, tag: u64) -> &mut Self {
        self.head(6, tag)
    }

    /// `false` / `true`.
    pub fn bool(&mut self, b: bool) -> &mut Self {
        self.buf.push(if b { 0xf5 } else { 0xf4 });
        self
    }

    /// `null`.
    pub fn null(&mut self) -> &mut Self {
        self.buf.push(0xf6);
        self
    }

    /// `undefined`.
    pub fn undefined(&mut self) -> &mut Self {
        self.buf.push(0xf7);
        self
    }

    /// A simple value other than false/true/null/undefined: 0–19 or 32–255. For 20–31 it
    /// writes nothing and returns `false` (they have their own methods, or are not well-formed).
    pub fn simple(&mut self, n: u8) -> bool {
        match n {
            0..=19 => self.buf.push(0xe0 | n),
            32..=255 => self.buf.extend_from_slice(&[0xf8, n]),
            _ => return false,
        }
        true
    }

    /// A float, in the shortest of half, single and double precision that keeps its value
    /// (NaN as the half-precision quiet NaN).
    pub fn float(&mut self, f: f64) -> &mut Self {
        if f.is_nan() {
            self.buf.extend_from_slice(&[0xf9, 0x7e, 0x00]);
        } else if let Some(single) = f64_to_f32_exact(f) {
            if let Some(half) = f32_to_f16_exact(single) {
                self.buf.push(0xf9);
                self.buf.extend_from_slice(&half.to_be_bytes());
            } else {
                self.buf.push(0xfa);
                self.buf.extend_from_slice(&single.to_be_bytes());
            }
        } else {
            self.buf.push(0xfb);
            self.buf.extend_from_slice(&f.to_be_bytes());
        }
        self
    }

    /// Bytes that already are one encoded item, copied as they are (e.g. a received
    /// `DeviceNameSpacesBytes` placed into DeviceAuthentication: never re-encoded).
    pub fn raw(&mut self, item: &[u8]) -> &mut Self {
        self.buf.extend_from_slice(item);
        self
    }

    /// `#6.24(bstr)`: tag 24 around the encoded item `item`.
    pub fn embedded(&mut self, item: &[u8]) -> &mut Self {
        self.tag(TAG_ENCODED_CBOR).bytes(item)
    }

    /// `item`'s value, re-encoded in preferred serialization (map entries in received order).
    pub fn item(&mut self, item: &Item<'_>) -> &mut Self {
        match item.value() {
            Value::Unsigned(n) => self.uint(*n),
            Value::Negative(n) => self.negative(*n),
            Value::Bytes(b) => self.bytes(b),
            Value::Text(s) => self.text(s),
            Value::Array(items) => {
                self.array(items.len());
                for i in items {
                    self.item(i);
                }
                self
            }
            Value::Map(entries) => {
                self.map(entries.len());
                for (k, v) in entries {
                    self.item(k).item(v);
                }
                self
            }
            Value::Tag(tag, content) => self.tag(*tag).item(content),
            Value::Bool(b) => self.bool(*b),
            Value::Null => self.null(),
            Value::Undefined => self.undefined(),
            Value::Simple(n) => {
                // Only well-formed simple values are ever decoded.
                let _ = self.simple(*n);
                self
            }
            Value::Float(f) => self.float(*f),
        }
    }
}

/// `item` re-encoded in preferred serialization (see [`Encoder::item`]).
pub fn encode(item: &Item<'_>) -> Vec<u8> {
    let mut e = Encoder::new();
    e.item(item);
    e.into_bytes()
}
