//! The reader: one recursive descent over the input, bounded by the [`Budget`].

use std::collections::BTreeSet;

use super::float::{f16_to_f64, f32_to_f16_exact, f64_to_f32_exact};
use super::{
    encode, Budget, Item, Options, Value, MAX_DEPTH_CEILING, TAG_DATE_TIME, TAG_ENCODED_CBOR,
    TAG_EPOCH, TAG_FULL_DATE,
};
use crate::error::Error;

/// Decodes exactly one data item from `input` (nothing may follow it) under `options`.
pub fn decode<'a>(input: &'a [u8], options: &Options) -> Result<Item<'a>, Error> {
    decode_at(input, 0, options)
}

/// [`decode`] for bytes found at `base` inside a larger input (a tag-24 byte string): offsets
/// in items and errors count from the start of that larger input.
pub(super) fn decode_at<'a>(
    input: &'a [u8],
    base: usize,
    options: &Options,
) -> Result<Item<'a>, Error> {
    let budget = options.budget;
    if input.len() > budget.max_input_bytes {
        return Err(Error::CborBudgetExceeded {
            what: "input-bytes",
            max: budget.max_input_bytes,
        });
    }
    let mut reader = Reader {
        input,
        pos: 0,
        base,
        budget,
        max_depth: budget.max_depth.min(MAX_DEPTH_CEILING),
        require_preferred: options.require_preferred,
        items: 0,
    };
    let item = reader.item(0)?;
    if reader.pos != input.len() {
        return Err(reader.format(reader.pos, "trailing-bytes"));
    }
    Ok(item)
}

struct Reader<'a> {
    input: &'a [u8],
    pos: usize,
    base: usize,
    budget: Budget,
    max_depth: usize,
    require_preferred: bool,
    items: usize,
}

impl<'a> Reader<'a> {
    fn format(&self, at: usize, reason: &'static str) -> Error {
        Error::CborFormat {
            offset: self.base.saturating_add(at),
            reason,
        }
    }

    /// The next `n` bytes; `truncated` (reported at `start`, the item's head) when there are
    /// fewer.
    fn take(&mut self, n: usize, start: usize) -> Result<&'a [u8], Error> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&end| end <= self.input.len())
            .ok_or_else(|| self.format(start, "truncated"))?;
        let bytes = self
            .input
            .get(self.pos..end)
            .ok_or_else(|| self.format(start, "truncated"))?;
        self.pos = end;
        Ok(bytes)
    }

    /// A big-endian argument of `N` bytes.
    fn uint<const N: usize>(&mut self, start: usize) -> Result<[u8; N], Error> {
        let bytes = self.take(N, start)?;
        <[u8; N]>::try_from(bytes).map_err(|_| self.format(start, "truncated"))
    }

    /// Counts `n` more items against the budget.
    fn count(&mut self, n: u64) -> Result<(), Error> {
        let room = self.budget.max_items.saturating_sub(self.items);
        match usize::try_from(n) {
            Ok(n) if n <= room => {
                self.items += n;
                Ok(())
            }
            _ => Err(Error::CborBudgetExceeded {
                what: "items",
                max: self.budget.max_items,
            }),
        }
    }

    /// The argument of a head with additional information `ai` (0–27), and whether it is as
    /// short as possible.
    fn argument(&mut self, ai: u8, start: usize) -> Result<(u64, bool), Error> {
        Ok(match ai {
            0..=23 => (u64::from(ai), true),
            24 => {
                let [b] = self.uint::<1>(start)?;
                (u64::from(b), b >= 24)
            }
            25 => {
                let n = u16::from_be_bytes(self.uint(start)?);
                (u64::from(n), n > 0xff)
            }
            26 => {
                let n = u32::from_be_bytes(self.uint(start)?);
                (u64::from(n), n > 0xffff)
            }
            27 => {
                let n = u64::from_be_bytes(self.uint(start)?);
                (n, n > 0xffff_ffff)
            }
            _ => return Err(self.format(start, "reserved")),
        })
    }

    fn item(&mut self, depth: usize) -> Result<Item<'a>, Error> {
        let start = self.pos;
        self.count(1)?;
        let [initial] = self.uint::<1>(start)?;
        let major = initial >> 5;
        let ai = initial & 0x1f;
        let (value, preferred) = if major == 7 {
            self.major7(ai, start)?
        } else {
            if ai == 31 {
                let reason = match major {
                    2..=5 => "indefinite-length",
                    _ => "reserved",
                };
                return Err(self.format(start, reason));
            }
            let (arg, preferred) = self.argument(ai, start)?;
            let value = match major {
                0 => Value::Unsigned(arg),
                1 => Value::Negative(arg),
                2 => Value::Bytes(self.string(arg, start)?),
                3 => {
                    let bytes = self.string(arg, start)?;
                    let text = std::str::from_utf8(bytes).map_err(|e| {
                        let head = self.pos - bytes.len();
                        self.format(head + e.valid_up_to(), "utf8")
                    })?;
                    Value::Text(text)
                }
                4 => {
                    self.enter(depth, start)?;
                    // Each item still counts when read; this refuses absurd lengths at once.
                    self.fits(arg, 1, start)?;
                    let mut items = Vec::new();
                    for _ in 0..arg {
                        items.push(self.item(depth + 1)?);
                    }
                    Value::Array(items)
                }
                5 => {
                    self.enter(depth, start)?;
                    self.fits(arg, 2, start)?;
                    let mut entries = Vec::new();
                    let mut seen = BTreeSet::new();
                    for _ in 0..arg {
                        let key = self.item(depth + 1)?;
                        // Keys compare by value (the shortest encoding), not by received bytes.
                        if !seen.insert(encode(&key)) {
                            return Err(Error::CborDuplicateKey { offset: key.offset });
                        }
                        let value = self.item(depth + 1)?;
                        entries.push((key, value));
                    }
                    Value::Map(entries)
                }
                _ => {
                    self.enter(depth, start)?;
                    let content = self.item(depth + 1)?;
                    let ok = match arg {
                        TAG_DATE_TIME | TAG_FULL_DATE => matches!(content.value, Value::Text(_)),
                        TAG_EPOCH => matches!(
                            content.value,
                            Value::Unsigned(_) | Value::Negative(_) | Value::Float(_)
                        ),
                        TAG_ENCODED_CBOR => matches!(content.value, Value::Bytes(_)),
                        _ => true,
                    };
                    if !ok {
                        return Err(self.format(content.offset - self.base, "tag-content"));
                    }
                    Value::Tag(arg, Box::new(content))
                }
            };
            (value, preferred)
        };
        if self.require_preferred && !preferred {
            return Err(self.format(start, "non-preferred"));
        }
        let raw = self
            .input
            .get(start..self.pos)
            .ok_or_else(|| self.format(start, "truncated"))?;
        Ok(Item {
            value,
            raw,
            offset: self.base.saturating_add(start),
            preferred,
        })
    }

    /// Simple values and floats.
    fn major7(&mut self, ai: u8, start: usize) -> Result<(Value<'a>, bool), Error> {
        Ok(match ai {
            0..=19 => (Value::Simple(ai), true),
            20 => (Value::Bool(false), true),
            21 => (Value::Bool(true), true),
            22 => (Value::Null, true),
            23 => (Value::Undefined, true),
            24 => {
                let [b] = self.uint::<1>(start)?;
                if b < 32 {
                    return Err(self.format(start, "simple-value"));
                }
                (Value::Simple(b), true)
            }
            25 => {
                let h = u16::from_be_bytes(self.uint(start)?);
                let f = f16_to_f64(h);
                // One NaN is preferred: the quiet NaN 0x7e00, which the writer emits.
                (Value::Float(f), !f.is_nan() || h == 0x7e00)
            }
            26 => {
                let f = f32::from_be_bytes(self.uint(start)?);
                let shorter = !f.is_nan() && f32_to_f16_exact(f).is_some();
                (Value::Float(f64::from(f)), !shorter && !f.is_nan())
            }
            27 => {
                let f = f64::from_be_bytes(self.uint(start)?);
                let shorter = f64_to_f32_exact(f).is_some();
                (Value::Float(f), !shorter && !f.is_nan())
            }
            31 => return Err(self.format(start, "break")),
            _ => return Err(self.format(start, "reserved")),
        })
    }

    /// A string of `len` bytes, within the budget.
    fn string(&mut self, len: u64, start: usize) -> Result<&'a [u8], Error> {
        let max = self.budget.max_string_bytes;
        let len =
            usize::try_from(len)
                .ok()
                .filter(|&n| n <= max)
                .ok_or(Error::CborBudgetExceeded {
                    what: "string-bytes",
                    max,
                })?;
        self.take(len, start)
    }

    /// One more level of nesting for the container starting at `start`.
    fn enter(&self, depth: usize, start: usize) -> Result<(), Error> {
        if depth >= self.max_depth {
            return Err(Error::CborTooDeep {
                offset: self.base.saturating_add(start),
                max: self.max_depth,
            });
        }
        Ok(())
    }

    /// Refuses a container of `n` entries of `per` items each when it could not fit in the
    /// rest of the input (one byte per item at least) or the item budget.
    fn fits(&self, n: u64, per: u64, start: usize) -> Result<(), Error> {
        let needed = n.saturating_mul(per);
        let room = self.budget.max_items.saturating_sub(self.items);
        if usize::try_from(needed).map_or(true, |needed| needed > room) {
            return Err(Error::CborBudgetExceeded {
                what: "items",
                max: self.budget.max_items,
            });
        }
        let left = self.input.len() - self.pos;
        if usize::try_from(needed).map_or(true, |needed| needed > left) {
            return Err(self.format(start, "truncated"));
        }
        Ok(())
    }
}
