//! The one JSON reader for signed data (JOSE headers and payloads, SD-JWT disclosures, trust
//! lists, status lists): strict where RFC 7515 §4 allows it to be, and bounded.
//!
//! - A member name that occurs twice in one object is refused ([`Error::JsonDuplicateMember`]):
//!   RFC 7515 §4 lets a JWS parser either reject duplicate header parameter names or keep the
//!   last one; keeping one silently lets two readers of the same bytes see different values.
//! - The member name `__proto__` is refused ([`Error::JsonForbiddenMember`]): claims reach
//!   JavaScript as objects, where an own `__proto__` property turns into a prototype change as
//!   soon as the object is copied with `Object.assign` or spread into another (prototype
//!   pollution). No registered claim or header has that name.
//! - Nesting deeper than [`MAX_JSON_DEPTH`] is refused ([`Error::JsonTooDeep`]) while parsing,
//!   before serde_json's own recursion limit (128) could turn it into a syntax error.
//! - Anything else that is not one JSON value is [`Error::JwsFormat`]; callers map it to their
//!   own format error where one fits better.

use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use super::MAX_JSON_DEPTH;
use crate::error::Error;

/// Longest member name quoted back in [`Error::JsonDuplicateMember`], in characters.
const MAX_NAME_IN_ERROR: usize = 64;

/// Parses one JSON value from `bytes`, refusing duplicate member names and nesting deeper than
/// [`MAX_JSON_DEPTH`] (a scalar is depth 0, each array or object adds 1).
pub(crate) fn parse_strict(bytes: &[u8]) -> Result<Value, Error> {
    let fault = Cell::new(None);
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let parsed = Seed {
        level: 0,
        fault: &fault,
    }
    .deserialize(&mut de)
    .and_then(|v| de.end().map(|()| v));
    match (parsed, fault.take()) {
        (_, Some(e)) => Err(e),
        (Ok(v), None) => Ok(v),
        (Err(_), None) => Err(Error::JwsFormat),
    }
}

/// Builds a [`Value`] at nesting `level`, recording why it stopped in `fault`.
#[derive(Clone, Copy)]
struct Seed<'f> {
    level: usize,
    fault: &'f Cell<Option<Error>>,
}

impl Seed<'_> {
    /// The seed for the members of a container at this level, or a fault when too deep.
    fn enter<E: de::Error>(self) -> Result<Self, E> {
        let level = self.level.saturating_add(1);
        if level > MAX_JSON_DEPTH {
            self.fault.set(Some(Error::JsonTooDeep {
                max: MAX_JSON_DEPTH,
            }));
            return Err(E::custom("too deep"));
        }
        Ok(Seed {
            level,
            fault: self.fault,
        })
    }
}

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::Number(n.into()))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(Value::Number(n.into()))
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<Value, E> {
        Number::from_f64(n)
            .map(Value::Number)
            .ok_or_else(|| E::custom("not a finite number"))
    }

    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_owned()))
    }

    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let inner = self.enter()?;
        let mut out = Vec::new();
        while let Some(v) = seq.next_element_seed(inner)? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let inner = self.enter()?;
        let mut out = Map::new();
        while let Some(name) = map.next_key::<String>()? {
            if name == "__proto__" {
                self.fault.set(Some(Error::JsonForbiddenMember { name }));
                return Err(de::Error::custom("forbidden member"));
            }
            if out.contains_key(&name) {
                self.fault.set(Some(Error::JsonDuplicateMember {
                    name: name.chars().take(MAX_NAME_IN_ERROR).collect(),
                }));
                return Err(de::Error::custom("duplicate member"));
            }
            let value = map.next_value_seed(inner)?;
            out.insert(name, value);
        }
        Ok(Value::Object(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_names_are_refused_at_every_level() {
        for doc in [
            r#"{"a":1,"a":1}"#,
            r#"{"a":1,"b":{"c":1,"c":2}}"#,
            r#"[{"x":[{"a":null,"a":null}]}]"#,
            // Same name once escaped: still the same member (RFC 8259 §8.3 compares code units).
            r#"{"alg":"ES256","\u0061lg":"none"}"#,
        ] {
            assert!(
                matches!(
                    parse_strict(doc.as_bytes()),
                    Err(Error::JsonDuplicateMember { .. })
                ),
                "{doc}"
            );
        }
        assert_eq!(
            parse_strict(br#"{"alg":"ES256","\u0061lg":"none"}"#),
            Err(Error::JsonDuplicateMember { name: "alg".into() })
        );
        // The same name in two different objects is fine.
        assert_eq!(
            parse_strict(br#"{"a":{"a":1},"b":[{"a":2},{"a":3}]}"#).unwrap(),
            serde_json::json!({"a":{"a":1},"b":[{"a":2},{"a":3}]})
        );
    }

    #[test]
    fn a_proto_member_is_refused_at_every_level() {
        for json in [
            r#"{"__proto__":{"admin":true}}"#,
            r#"{"a":[{"b":{"__proto__":1}}]}"#,
        ] {
            assert_eq!(
                parse_strict(json.as_bytes()),
                Err(Error::JsonForbiddenMember {
                    name: "__proto__".into()
                }),
                "{json}"
            );
        }
        // Other names of Object.prototype are ordinary member names.
        assert!(parse_strict(br#"{"constructor":1,"prototype":2,"toString":3}"#).is_ok());
    }

    #[test]
    fn depth_is_bounded_while_parsing() {
        let ok = format!(
            "{}{}",
            "[".repeat(MAX_JSON_DEPTH),
            "]".repeat(MAX_JSON_DEPTH)
        );
        assert!(parse_strict(ok.as_bytes()).is_ok());
        let too_deep = Err(Error::JsonTooDeep {
            max: MAX_JSON_DEPTH,
        });
        for n in [MAX_JSON_DEPTH + 1, 200, 5000] {
            let arrays = format!("{}{}", "[".repeat(n), "]".repeat(n));
            assert_eq!(parse_strict(arrays.as_bytes()), too_deep, "{n}");
            let objects = format!("{}1{}", r#"{"a":"#.repeat(n), "}".repeat(n));
            assert_eq!(parse_strict(objects.as_bytes()), too_deep, "{n}");
        }
        // Unterminated deep input is still "too deep", not a syntax error.
        assert_eq!(parse_strict("[".repeat(5000).as_bytes()), too_deep);
    }

    #[test]
    fn values_match_serde_json_and_syntax_errors_are_format_errors() {
        let doc =
            r#"{"n":-1,"u":18446744073709551615,"f":1.5,"s":"\u00e9","t":true,"z":null,"a":[]}"#;
        let expected: Value = serde_json::from_str(doc).unwrap();
        assert_eq!(parse_strict(doc.as_bytes()).unwrap(), expected);
        for bad in ["", "{", "[1,]", "{} {}", "1e400", "nul", "\"\\ud800\""] {
            assert_eq!(parse_strict(bad.as_bytes()), Err(Error::JwsFormat), "{bad}");
        }
    }
}
