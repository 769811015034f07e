//! Reading option JSON strictly, by walking a parsed `serde_json::Value`: unknown members, wrong
//! types and missing members are an [`OptionsError`] naming the member. Written out rather than
//! derived: serde's derived readers (with `serde_path_to_error` for the path) cost the verify
//! wasm module several KB per option type (docs/architecture.md, "Wasm modules, sizes").
//!
//! Two families:
//! - [`Struct`] and the functions after it read exactly as the serde derives of the option types
//!   read JSON text (`#[serde(deny_unknown_fields)]`, `serde_path_to_error` for the path), with
//!   the same path and message: `invalid type: string "1", expected u32`, `unknown field `x`,
//!   expected one of `a`, `b``, `missing field `now``. `tests/options_readers.rs` checks each
//!   reader against the derives, on valid options and on each kind of fault. Deliberate
//!   differences, checked there too: an array where an options object is expected is refused
//!   (the derives read it as the struct's fields in order), so is an object where a name is
//!   expected (`{ "san": null }`); when several members are wrong, the one named may differ (members
//!   are read in the object's sorted order, not the text's); a member given twice counts once
//!   (the last), and malformed JSON is "not valid JSON" with no member named.
//! - `object`, `member`, `required`, `string`, … read the Digital Credentials API flow's own
//!   JSON (`src/dcapi/`): `null` is an absent member, messages are shorter.

use serde_json::{Map, Number, Value};

use crate::request::OptionsError;

/// An [`OptionsError`] at `path` (`.` for the options object itself).
pub(crate) fn err(path: &str, message: &str) -> OptionsError {
    OptionsError {
        path: if path.is_empty() {
            ".".into()
        } else {
            path.into()
        },
        message: message.into(),
    }
}

/// `prefix.key` (or `key` at the top).
pub(crate) fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.into()
    } else {
        format!("{prefix}.{key}")
    }
}

/// JSON text → a value (a syntax error names no member).
pub(crate) fn parse(json: &str) -> Result<Value, OptionsError> {
    serde_json::from_str(json).map_err(|_| err("", "not valid JSON"))
}

// ---- as the serde derives read JSON text ----

/// serde's `Unexpected`, as serde_json renders it: `null`, `boolean `true``, `integer `1``,
/// `floating point `1.5``, `string "x"`, `sequence`, `map`.
fn unexpected(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) if n.is_f64() => format!("floating point `{n}`"),
        Value::Number(n) => format!("integer `{n}`"),
        Value::String(s) => format!("string {s:?}"),
        Value::Array(_) => "sequence".into(),
        Value::Object(_) => "map".into(),
    }
}

/// `invalid type: <what v is>, expected <expected>`.
pub(crate) fn invalid_type(v: &Value, path: &str, expected: &str) -> OptionsError {
    err(
        path,
        &format!("invalid type: {}, expected {expected}", unexpected(v)),
    )
}

/// serde's `OneOf`: `` `a` ``, `` `a` or `b` ``, `` one of `a`, `b`, `c` ``.
fn one_of(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [a] => format!("expected `{a}`"),
        [a, b] => format!("expected `{a}` or `{b}`"),
        _ => {
            let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            format!("expected one of {}", quoted.join(", "))
        }
    }
}

/// An object read as the struct `name` with exactly the members `fields` (in declaration order:
/// they are listed in that order when a member is unknown).
pub(crate) struct Struct<'v> {
    map: &'v Map<String, Value>,
    path: String,
}

impl<'v> Struct<'v> {
    /// `v` as a struct (`expected`: `struct Name`, `struct variant Enum::Name`): an object
    /// (anything else is `invalid type: …, expected <expected>`) without members outside `fields`.
    pub(crate) fn new(
        v: &'v Value,
        path: &str,
        expected: &str,
        fields: &[&str],
    ) -> Result<Self, OptionsError> {
        let map = v
            .as_object()
            .ok_or_else(|| invalid_type(v, path, expected))?;
        Self::members(map, path, fields)
    }

    /// The members of an object already known to be one.
    pub(crate) fn members(
        map: &'v Map<String, Value>,
        path: &str,
        fields: &[&str],
    ) -> Result<Self, OptionsError> {
        if let Some(k) = map.keys().find(|k| !fields.contains(&k.as_str())) {
            let expected = match fields {
                [] => "there are no fields".into(),
                _ => one_of(fields),
            };
            return Err(err(
                &join(path, k),
                &format!("unknown field `{k}`, {expected}"),
            ));
        }
        Ok(Struct {
            map,
            path: path.into(),
        })
    }

    /// The path of member `key`.
    pub(crate) fn at(&self, key: &str) -> String {
        join(&self.path, key)
    }

    /// Member `key` as given (`null` included).
    pub(crate) fn get(&self, key: &str) -> Option<&'v Value> {
        self.map.get(key)
    }

    /// A member without default: `missing field `key`` (at the struct's path) when absent.
    pub(crate) fn required(&self, key: &str) -> Result<&'v Value, OptionsError> {
        self.get(key)
            .ok_or_else(|| err(&self.path, &format!("missing field `{key}`")))
    }

    /// An `Option` member: absent and `null` are `None`.
    pub(crate) fn optional(&self, key: &str) -> Option<&'v Value> {
        self.get(key).filter(|v| !v.is_null())
    }

    /// A required string.
    pub(crate) fn string(&self, key: &str) -> Result<String, OptionsError> {
        as_string(self.required(key)?, &self.at(key))
    }

    /// An optional string (`Option<String>`, `null` allowed).
    pub(crate) fn opt_string(&self, key: &str) -> Result<Option<String>, OptionsError> {
        self.optional(key)
            .map(|v| as_string(v, &self.at(key)))
            .transpose()
    }

    /// A list of strings, `default` when absent (`null` is a wrong type).
    pub(crate) fn strings_or(
        &self,
        key: &str,
        default: &[&str],
    ) -> Result<Vec<String>, OptionsError> {
        match self.get(key) {
            None => Ok(default.iter().map(|s| (*s).to_owned()).collect()),
            Some(v) => as_strings(v, &self.at(key)),
        }
    }

    /// A boolean, `default` when absent.
    pub(crate) fn bool_or(&self, key: &str, default: bool) -> Result<bool, OptionsError> {
        match self.get(key) {
            None => Ok(default),
            Some(v) => as_bool(v, &self.at(key)),
        }
    }

    /// An unsigned integer (`ty`: `u32`, `u64`, `usize`), `default` when absent.
    pub(crate) fn unsigned_or<T: TryFrom<u64>>(
        &self,
        key: &str,
        ty: &str,
        default: T,
    ) -> Result<T, OptionsError> {
        match self.get(key) {
            None => Ok(default),
            Some(v) => as_unsigned(v, &self.at(key), ty),
        }
    }

    /// A required `i64`.
    pub(crate) fn i64(&self, key: &str) -> Result<i64, OptionsError> {
        as_i64(self.required(key)?, &self.at(key))
    }

    /// An optional `i64` (`Option<i64>`, `null` allowed).
    pub(crate) fn opt_i64(&self, key: &str) -> Result<Option<i64>, OptionsError> {
        self.optional(key)
            .map(|v| as_i64(v, &self.at(key)))
            .transpose()
    }
}

/// A string (`String`).
pub(crate) fn as_string(v: &Value, path: &str) -> Result<String, OptionsError> {
    v.as_str()
        .map(str::to_owned)
        .ok_or_else(|| invalid_type(v, path, "a string"))
}

/// A list of strings (`Vec<String>`); elements are named `path[i]`.
pub(crate) fn as_strings(v: &Value, path: &str) -> Result<Vec<String>, OptionsError> {
    let list = v
        .as_array()
        .ok_or_else(|| invalid_type(v, path, "a sequence"))?;
    list.iter()
        .enumerate()
        .map(|(i, s)| as_string(s, &format!("{path}[{i}]")))
        .collect()
}

/// A boolean (`bool`).
pub(crate) fn as_bool(v: &Value, path: &str) -> Result<bool, OptionsError> {
    v.as_bool()
        .ok_or_else(|| invalid_type(v, path, "a boolean"))
}

/// A number that is not an integer is a wrong type; an integer out of range a wrong value.
fn number<'v>(v: &'v Value, path: &str, ty: &str) -> Result<&'v Number, OptionsError> {
    match v {
        Value::Number(n) if !n.is_f64() => Ok(n),
        _ => Err(invalid_type(v, path, ty)),
    }
}

fn invalid_value(n: &Number, path: &str, ty: &str) -> OptionsError {
    err(
        path,
        &format!("invalid value: integer `{n}`, expected {ty}"),
    )
}

/// An unsigned integer of type `T`, named `ty` (`u32`, `u64`, `usize`).
pub(crate) fn as_unsigned<T: TryFrom<u64>>(
    v: &Value,
    path: &str,
    ty: &str,
) -> Result<T, OptionsError> {
    let n = number(v, path, ty)?;
    n.as_u64()
        .and_then(|u| T::try_from(u).ok())
        .ok_or_else(|| invalid_value(n, path, ty))
}

/// An `i64`.
pub(crate) fn as_i64(v: &Value, path: &str) -> Result<i64, OptionsError> {
    let n = number(v, path, "i64")?;
    n.as_i64().ok_or_else(|| invalid_value(n, path, "i64"))
}

/// One of `variants` by its name (a fieldless enum): another name is `unknown variant`, anything
/// but a string `expected value` (serde_json's message).
pub(crate) fn as_variant<T: Copy>(
    v: &Value,
    path: &str,
    variants: &[(&str, T)],
) -> Result<T, OptionsError> {
    let name = v.as_str().ok_or_else(|| err(path, "expected value"))?;
    variants
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
        .ok_or_else(|| {
            let names: Vec<&str> = variants.iter().map(|(n, _)| *n).collect();
            err(
                path,
                &format!("unknown variant `{name}`, {}", one_of(&names)),
            )
        })
}

// ---- the Digital Credentials API flow's JSON (src/dcapi/) ----

/// An object with only members of `allowed`.
pub(crate) fn object<'v>(
    v: &'v Value,
    path: &str,
    allowed: &[&str],
) -> Result<&'v Map<String, Value>, OptionsError> {
    let m = v
        .as_object()
        .ok_or_else(|| err(path, "invalid type: expected an object"))?;
    if let Some(k) = m.keys().find(|k| !allowed.contains(&k.as_str())) {
        return Err(err(
            &join(path, k),
            &format!(
                "unknown field `{k}`, expected one of {}",
                allowed.join(", ")
            ),
        ));
    }
    Ok(m)
}

/// A member that is present and not `null`.
pub(crate) fn member<'v>(m: &'v Map<String, Value>, key: &str) -> Option<&'v Value> {
    m.get(key).filter(|v| !v.is_null())
}

/// A required member.
pub(crate) fn required<'v>(
    m: &'v Map<String, Value>,
    path: &str,
    key: &str,
) -> Result<&'v Value, OptionsError> {
    member(m, key).ok_or_else(|| err(path, &format!("missing field `{key}`")))
}

/// A string (short message).
pub(crate) fn string(v: &Value, path: &str) -> Result<String, OptionsError> {
    v.as_str()
        .map(str::to_owned)
        .ok_or_else(|| err(path, "invalid type: expected a string"))
}

/// A boolean (short message).
pub(crate) fn boolean(v: &Value, path: &str) -> Result<bool, OptionsError> {
    v.as_bool()
        .ok_or_else(|| err(path, "invalid type: expected a boolean"))
}

/// An integer (short message).
pub(crate) fn int(v: &Value, path: &str) -> Result<i64, OptionsError> {
    v.as_i64()
        .ok_or_else(|| err(path, "invalid type: expected an integer"))
}

/// An array.
pub(crate) fn array<'v>(v: &'v Value, path: &str) -> Result<&'v Vec<Value>, OptionsError> {
    v.as_array()
        .ok_or_else(|| err(path, "invalid type: expected an array"))
}

/// An optional string member (short message).
pub(crate) fn opt_string(
    m: &Map<String, Value>,
    path: &str,
    key: &str,
) -> Result<Option<String>, OptionsError> {
    member(m, key)
        .map(|v| string(v, &join(path, key)))
        .transpose()
}
