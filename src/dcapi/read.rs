//! Reading the flow's JSON (request options, response options, the state) strictly, by walking
//! a parsed `serde_json::Value`: unknown members, wrong types and missing members are an
//! [`OptionsError`] naming the member, as [`crate::request::parse_options`] gives. Written out
//! rather than derived: the derived readers of these types cost the verify wasm module more than
//! the rest of the flow (docs/dcapi.md, "Size"). Equivalence with the serde derives is tested
//! (`tests/dcapi.rs`).

use serde_json::{Map, Value};

use crate::request::OptionsError;

pub(super) fn err(path: &str, message: &str) -> OptionsError {
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
pub(super) fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.into()
    } else {
        format!("{prefix}.{key}")
    }
}

/// JSON text → a value (a syntax error names no member).
pub(super) fn parse(json: &str) -> Result<Value, OptionsError> {
    serde_json::from_str(json).map_err(|_| err("", "not valid JSON"))
}

/// An object with only members of `allowed`.
pub(super) fn object<'v>(
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
pub(super) fn member<'v>(m: &'v Map<String, Value>, key: &str) -> Option<&'v Value> {
    m.get(key).filter(|v| !v.is_null())
}

/// A required member.
pub(super) fn required<'v>(
    m: &'v Map<String, Value>,
    path: &str,
    key: &str,
) -> Result<&'v Value, OptionsError> {
    member(m, key).ok_or_else(|| err(path, &format!("missing field `{key}`")))
}

pub(super) fn string(v: &Value, path: &str) -> Result<String, OptionsError> {
    v.as_str()
        .map(str::to_owned)
        .ok_or_else(|| err(path, "invalid type: expected a string"))
}

pub(super) fn boolean(v: &Value, path: &str) -> Result<bool, OptionsError> {
    v.as_bool()
        .ok_or_else(|| err(path, "invalid type: expected a boolean"))
}

pub(super) fn int(v: &Value, path: &str) -> Result<i64, OptionsError> {
    v.as_i64()
        .ok_or_else(|| err(path, "invalid type: expected an integer"))
}

pub(super) fn array<'v>(v: &'v Value, path: &str) -> Result<&'v Vec<Value>, OptionsError> {
    v.as_array()
        .ok_or_else(|| err(path, "invalid type: expected an array"))
}

/// An optional string member.
pub(super) fn opt_string(
    m: &Map<String, Value>,
    path: &str,
    key: &str,
) -> Result<Option<String>, OptionsError> {
    member(m, key)
        .map(|v| string(v, &join(path, key)))
        .transpose()
}
