//! A small deterministic CBOR encoder (RFC 8949): preferred serialization (shortest argument,
//! definite lengths) and the core deterministic map order of §4.2.1 (keys sorted by the bytes of
//! their encoding). Only what the demo mdoc needs. Two escape hatches make the negative
//! fixtures: [`Value::Raw`] embeds bytes as they are, [`Value::RawMap`] keeps pairs in the given
//! order, duplicates included.

/// A CBOR data item.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Major type 0 (`n`) or 1 (`-1 - n`) chosen by sign.
    Int(i64),
    Bytes(Vec<u8>),
    Text(String),
    Array(Vec<Value>),
    /// Encoded in core deterministic order, whatever the order here.
    Map(Vec<(Value, Value)>),
    /// Encoded exactly in this order, duplicates kept (negative fixtures only).
    RawMap(Vec<(Value, Value)>),
    Tag(u64, Box<Value>),
    Bool(bool),
    Null,
    /// Bytes spliced in as they are (must be one well-formed item to keep the output valid).
    Raw(Vec<u8>),
}

/// Tag 0: RFC 3339 date-time text (`tdate`).
pub const TAG_TDATE: u64 = 0;
/// Tag 2: unsigned bignum (`biguint`).
pub const TAG_BIGUINT: u64 = 2;
/// Tag 24: encoded CBOR data item in a byte string.
pub const TAG_CBOR: u64 = 24;
/// Tag 1004: RFC 8943 full-date text.
pub const TAG_FULL_DATE: u64 = 1004;

pub fn text(s: &str) -> Value {
    Value::Text(s.to_owned())
}

pub fn bytes(b: &[u8]) -> Value {
    Value::Bytes(b.to_vec())
}

pub fn int(n: i64) -> Value {
    Value::Int(n)
}

/// A map with text keys.
pub fn tmap(pairs: Vec<(&str, Value)>) -> Value {
    Value::Map(pairs.into_iter().map(|(k, v)| (text(k), v)).collect())
}

/// A map with integer keys.
pub fn imap(pairs: Vec<(i64, Value)>) -> Value {
    Value::Map(pairs.into_iter().map(|(k, v)| (int(k), v)).collect())
}

/// `#6.24(bstr .cbor v)`.
pub fn tag24(v: &Value) -> Value {
    Value::Tag(TAG_CBOR, Box::new(Value::Bytes(encode(v))))
}

/// `tdate` (tag 0) of Unix seconds, `YYYY-MM-DDTHH:MM:SSZ` (no fraction).
pub fn tdate(secs: i64) -> Value {
    Value::Tag(TAG_TDATE, Box::new(Value::Text(rfc3339(secs))))
}

/// `full-date` (tag 1004), `YYYY-MM-DD`.
pub fn full_date(iso: &str) -> Value {
    Value::Tag(TAG_FULL_DATE, Box::new(text(iso)))
}

/// `YYYY-MM-DDTHH:MM:SSZ` of Unix seconds (proleptic Gregorian, UTC).
pub fn rfc3339(secs: i64) -> String {
    let d = crate::card::Date::from_unix(secs);
    let tod = secs.rem_euclid(86_400);
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        d.iso(),
        tod / 3600,
        tod % 3600 / 60,
        tod % 60
    )
}

fn head(out: &mut Vec<u8>, major: u8, arg: u64) {
    let m = major << 5;
    if arg < 24 {
        out.push(m | arg as u8);
    } else if let Ok(a) = u8::try_from(arg) {
        out.extend([m | 24, a]);
    } else if let Ok(a) = u16::try_from(arg) {
        out.push(m | 25);
        out.extend(a.to_be_bytes());
    } else if let Ok(a) = u32::try_from(arg) {
        out.push(m | 26);
        out.extend(a.to_be_bytes());
    } else {
        out.push(m | 27);
        out.extend(arg.to_be_bytes());
    }
}

fn len(n: usize) -> u64 {
    // usize is at most 64 bits on every supported target.
    u64::try_from(n).unwrap_or(u64::MAX)
}

fn encode_into(v: &Value, out: &mut Vec<u8>) {
    match v {
        Value::Int(n) if *n >= 0 => head(out, 0, n.unsigned_abs()),
        Value::Int(n) => head(out, 1, n.unsigned_abs() - 1),
        Value::Bytes(b) => {
            head(out, 2, len(b.len()));
            out.extend_from_slice(b);
        }
        Value::Text(s) => {
            head(out, 3, len(s.len()));
            out.extend_from_slice(s.as_bytes());
        }
        Value::Array(items) => {
            head(out, 4, len(items.len()));
            for i in items {
                encode_into(i, out);
            }
        }
        Value::Map(pairs) => {
            let mut enc: Vec<(Vec<u8>, Vec<u8>)> =
                pairs.iter().map(|(k, v)| (encode(k), encode(v))).collect();
            enc.sort_by(|a, b| a.0.cmp(&b.0));
            head(out, 5, len(enc.len()));
            for (k, v) in enc {
                out.extend(k);
                out.extend(v);
            }
        }
        Value::RawMap(pairs) => {
            head(out, 5, len(pairs.len()));
            for (k, v) in pairs {
                encode_into(k, out);
                encode_into(v, out);
            }
        }
        Value::Tag(t, inner) => {
            head(out, 6, *t);
            encode_into(inner, out);
        }
        Value::Bool(false) => out.push(0xf4),
        Value::Bool(true) => out.push(0xf5),
        Value::Null => out.push(0xf6),
        Value::Raw(b) => out.extend_from_slice(b),
    }
}

/// The encoding of `v`.
pub fn encode(v: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    encode_into(v, &mut out);
    out
}

impl Value {
    /// The member `key` (text) of a map, mutable.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        match self {
            Value::Map(p) | Value::RawMap(p) => p
                .iter_mut()
                .find(|(k, _)| matches!(k, Value::Text(t) if t == key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// Sets (or adds) the member `key` (text) of a map.
    pub fn set(&mut self, key: &str, value: Value) {
        if let Some(v) = self.get_mut(key) {
            *v = value;
        } else if let Value::Map(p) | Value::RawMap(p) = self {
            p.push((text(key), value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }

    #[test]
    fn preferred_heads() {
        // RFC 8949 Appendix A examples.
        for (n, want) in [
            (0, "00"),
            (23, "17"),
            (24, "1818"),
            (255, "18ff"),
            (256, "190100"),
            (65_536, "1a00010000"),
            (4_294_967_296, "1b0000000100000000"),
            (-1, "20"),
            (-24, "37"),
            (-25, "3818"),
            (-7, "26"),
            (-65_537, "3a00010000"),
        ] {
            assert_eq!(hex(&encode(&int(n))), want, "{n}");
        }
        assert_eq!(hex(&encode(&int(i64::MIN))), "3b7fffffffffffffff");
        assert_eq!(hex(&encode(&text("IETF"))), "6449455446");
        assert_eq!(hex(&encode(&bytes(&[1, 2, 3, 4]))), "4401020304");
        assert_eq!(hex(&encode(&Value::Null)), "f6");
        assert_eq!(
            hex(&encode(&tdate(1_363_896_240))),
            "c074323031332d30332d32315432303a30343a30305a"
        );
    }

    #[test]
    fn deterministic_map_order() {
        // §4.2.1: 10, 100, -1, "z", "aa" (by encoded bytes: shorter heads first).
        let m = Value::Map(vec![
            (text("aa"), int(5)),
            (text("z"), int(4)),
            (int(-1), int(3)),
            (int(100), int(2)),
            (int(10), int(1)),
        ]);
        assert_eq!(hex(&encode(&m)), "a50a011864022003617a0462616105");
        let raw = Value::RawMap(vec![(text("a"), int(1)), (text("a"), int(2))]);
        assert_eq!(hex(&encode(&raw)), "a2616101616102");
    }
}
