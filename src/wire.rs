//! Wire types: the JSON objects the JS API returns, as Rust types deriving `Serialize`, and
//! their TypeScript declarations. `tests/types_generated.rs` writes `js/types.d.ts` from
//! [`declarations`] (and fails when the committed file is stale; `make codes` rewrites it).
//!
//! A struct is declared with [`wire_struct!`]: its doc comments become the interface's JSDoc,
//! its fields (camelCase, as serde writes them) the members, each typed by [`TsType`] unless the
//! field says `as "…"`. Unit enums get a string union from their serialized values
//! ([`ts_union!`]); the few shapes serde cannot tag by a string (the status result, tagged enums
//! with struct variants) are written out once, here.

use serde::Serialize;
use serde_json::{Map, Value};

/// A Rust type with a TypeScript counterpart.
pub trait TsType {
    /// The TypeScript type expression (the name, for a declared type).
    fn ts() -> String;
    /// The type of an optional member (`name?:`): `Option<T>` drops its `| null` there.
    fn ts_optional() -> String {
        Self::ts()
    }
    /// The declaration (`export interface …` / `export type …`), for declared types.
    fn declaration() -> String {
        String::new()
    }
}

macro_rules! ts_prim {
    ($ts:literal: $($t:ty),*) => {
        $( impl TsType for $t { fn ts() -> String { $ts.to_owned() } } )*
    };
}
ts_prim!("string": String, &'static str, crate::date::Date);
ts_prim!("number": u8, u16, u32, u64, usize, i64, f32, f64);
ts_prim!("boolean": bool);
ts_prim!("unknown": Value);
ts_prim!("Record<string, unknown>": Map<String, Value>);

impl<T: TsType> TsType for Option<T> {
    fn ts() -> String {
        format!("{} | null", T::ts())
    }
    fn ts_optional() -> String {
        T::ts()
    }
}

impl<T: TsType> TsType for Vec<T> {
    fn ts() -> String {
        let t = T::ts();
        if t.contains(['|', ' ']) {
            format!("({t})[]")
        } else {
            format!("{t}[]")
        }
    }
}

impl<T: TsType, const N: usize> TsType for [T; N] {
    fn ts() -> String {
        format!("[{}]", vec![T::ts(); N].join(", "))
    }
}

/// `/** … */` from doc-comment lines (each with rustdoc's leading space), indented.
pub fn jsdoc(lines: &[&str], indent: &str) -> String {
    let lines: Vec<&str> = lines
        .iter()
        .map(|l| l.strip_prefix(' ').unwrap_or(l).trim_end())
        .collect();
    match lines.as_slice() {
        [] => String::new(),
        [one] => format!("{indent}/** {} */\n", one.replace("*/", "*\\/")),
        many => {
            let mut s = format!("{indent}/**\n");
            for l in many {
                let l = l.replace("*/", "*\\/");
                if l.is_empty() {
                    s += &format!("{indent} *\n");
                } else {
                    s += &format!("{indent} * {l}\n");
                }
            }
            s + &format!("{indent} */\n")
        }
    }
}

/// serde's `rename_all = "camelCase"` of a field name.
pub fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// One member of a generated interface.
#[doc(hidden)]
pub struct Member {
    pub name: &'static str,
    pub docs: &'static [&'static str],
    pub optional: bool,
    pub ts: String,
}

/// `export interface Name { … }` with its members.
pub fn interface(docs: &[&str], name: &str, members: &[Member]) -> String {
    let mut s = jsdoc(docs, "");
    s += &format!("export interface {name} {{\n");
    for m in members {
        s += &jsdoc(m.docs, "  ");
        let opt = if m.optional { "?" } else { "" };
        s += &format!("  {}{opt}: {};\n", camel(m.name), m.ts);
    }
    s + "}\n"
}

/// `'a' | 'b'` from the JSON strings the values serialize to.
pub fn string_union<T: Serialize>(values: &[T]) -> String {
    values
        .iter()
        .map(|v| match serde_json::to_value(v) {
            Ok(Value::String(s)) => format!("'{s}'"),
            other => format!("never /* {other:?} */"),
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

/// Declares a wire struct: `Serialize` with camelCase members, and its TypeScript interface
/// (named by `#[ts = "…"]`; the name up to `<` is how other types refer to it). A member is
/// optional (`name?:`) when serde skips it if `None` (`skip_serializing_if = "Option::is_none"`;
/// another predicate marks a member the Rust side fills in later, required in TypeScript); `as "…"` gives a member's TypeScript type.
macro_rules! wire_struct {
    (
        $(#[doc = $doc:literal])*
        #[ts = $tsname:literal]
        $(#[$attr:meta])*
        $vis:vis struct $Name:ident {
            $(
                $(#[doc = $fdoc:literal])*
                $(#[serde($($sattr:tt)*)])*
                $fvis:vis $f:ident : $ft:ty $(as $ts:literal)?
            ),* $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(serde::Serialize)]
        #[serde(rename_all = "camelCase")]
        $(#[$attr])*
        $vis struct $Name {
            $( $(#[doc = $fdoc])* $(#[serde($($sattr)*)])* $fvis $f: $ft, )*
        }

        impl $crate::wire::TsType for $Name {
            fn ts() -> String {
                $tsname.split('<').next().unwrap_or($tsname).to_owned()
            }
            fn declaration() -> String {
                let members = [$(
                    {
                        let optional = stringify!($($($sattr)*)*).contains("\"Option::is_none\"");
                        $crate::wire::Member {
                            name: stringify!($f),
                            docs: &[$($fdoc),*],
                            optional,
                            ts: $crate::wire::wire_struct!(@ts optional, $ft $(, $ts)?),
                        }
                    }
                ),*];
                $crate::wire::interface(&[$($doc),*], $tsname, &members)
            }
        }
    };
    (@ts $opt:expr, $ft:ty) => {
        if $opt {
            <$ft as $crate::wire::TsType>::ts_optional()
        } else {
            <$ft as $crate::wire::TsType>::ts()
        }
    };
    (@ts $opt:expr, $ft:ty, $ts:literal) => {
        $ts.to_owned()
    };
}
pub(crate) use wire_struct;

/// `export type Name = 'a' | 'b';` for a unit enum, from the values serde writes for `$v`.
macro_rules! ts_union {
    ($(#[doc = $doc:literal])* $T:ty = $name:literal [$($v:expr),* $(,)?]) => {
        impl $crate::wire::TsType for $T {
            fn ts() -> String {
                $name.to_owned()
            }
            fn declaration() -> String {
                format!(
                    "{}export type {} = {};\n",
                    $crate::wire::jsdoc(&[$($doc),*], ""),
                    $name,
                    $crate::wire::string_union(&[$($v),*])
                )
            }
        }
    };
}
pub(crate) use ts_union;

/// A declared type whose TypeScript is written out by hand (a union serde cannot tag by string).
macro_rules! ts_declared {
    ($T:ty = $name:literal, $decl:expr) => {
        impl $crate::wire::TsType for $T {
            fn ts() -> String {
                $name.to_owned()
            }
            fn declaration() -> String {
                $decl.to_owned()
            }
        }
    };
}
pub(crate) use ts_declared;

/// Every declaration of `js/types.d.ts`, in file order.
pub fn declarations() -> Vec<String> {
    use crate::cccd;
    #[cfg_attr(not(feature = "verify"), allow(unused_mut))]
    let mut d = vec![
        <cccd::Sex as TsType>::declaration(),
        <cccd::PartialDate as TsType>::declaration(),
        <cccd::id_number::Place as TsType>::declaration(),
        <cccd::id_number::IdNumber as TsType>::declaration(),
        <cccd::names::Name as TsType>::declaration(),
        <cccd::expiry::Law as TsType>::declaration(),
        <cccd::expiry::Expiry as TsType>::declaration(),
        <cccd::findings::Severity as TsType>::declaration(),
        <cccd::findings::FindingJson as TsType>::declaration(),
        "/** One result of the card's cross-checks. Any `error` makes `card.valid` false. `switch (f.code)` narrows `f.params`. */\nexport type Finding = { [C in FindingCode]: FindingOf<C> }[FindingCode];\n".to_owned(),
        <cccd::mrz::Mrz as TsType>::declaration(),
        <cccd::Generation as TsType>::declaration(),
        <cccd::CardGeneration as TsType>::declaration(),
        <cccd::charset::Repair as TsType>::declaration(),
        <cccd::CardExtra as TsType>::declaration(),
        <cccd::CardJson as TsType>::declaration(),
        <crate::qr::Point as TsType>::declaration(),
        <crate::qr::Charset as TsType>::declaration(),
        <crate::qr::EcLevel as TsType>::declaration(),
        <crate::qr::QrCode as TsType>::declaration(),
    ];
    #[cfg(feature = "verify")]
    d.extend(verify_declarations());
    #[cfg(feature = "mdoc")]
    d.extend(mdoc_declarations());
    #[cfg(feature = "dcapi")]
    d.push(<crate::dcapi::VerifiedCredentialResponse as TsType>::declaration());
    // ICAO 9303 chips (src/icao/result.rs)
    #[cfg(feature = "chip")]
    d.extend(crate::icao::declarations());
    d
}

#[cfg(feature = "mdoc")]
fn mdoc_declarations() -> Vec<String> {
    use crate::mdoc;
    vec![
        <mdoc::MdocValue as TsType>::declaration(),
        <mdoc::MdocIssuer as TsType>::declaration(),
        <mdoc::MdocValidity as TsType>::declaration(),
        <mdoc::VerifiedMdoc as TsType>::declaration(),
        <mdoc::DocumentError as TsType>::declaration(),
        <mdoc::VerifiedDeviceResponse as TsType>::declaration(),
    ]
}

#[cfg(feature = "verify")]
fn verify_declarations() -> Vec<String> {
    vec![
        <crate::sd_jwt::VcIssuer as TsType>::declaration(),
        <crate::sd_jwt::VcHeader as TsType>::declaration(),
        <crate::trust::TrustListUse as TsType>::declaration(),
        <crate::status::StatusJson as TsType>::declaration(),
        <crate::sd_jwt::VerifiedVcJson as TsType>::declaration(),
        <crate::trust::AcceptedJson as TsType>::declaration(),
        <crate::trust::SignerJson as TsType>::declaration(),
        <crate::trust::AnchorJson as TsType>::declaration(),
        <crate::trust::EntryJson as TsType>::declaration(),
        <crate::trust::TrustListJson as TsType>::declaration(),
    ]
}

/// JSON text written as it goes, without building a `serde_json::Value` tree first (smaller
/// in wasm: no map inserts, clones or drops per member). The caller gives object members in
/// the order a `serde_json::Map` writes them (sorted by name), so the text is the same as
/// `Value::to_string` of the tree; strings are escaped as serde_json escapes them.
#[cfg(feature = "mdoc")]
pub(crate) struct JsonText {
    out: String,
    /// Whether the next member or element needs a `,` before it.
    comma: bool,
}

#[cfg(feature = "mdoc")]
impl JsonText {
    pub(crate) fn new() -> JsonText {
        JsonText {
            out: String::new(),
            comma: false,
        }
    }

    /// The text written.
    pub(crate) fn finish(self) -> String {
        self.out
    }

    fn sep(&mut self) {
        if self.comma {
            self.out.push(',');
        }
    }

    /// Writes `text` (one JSON value, or an opening bracket) as the next value.
    fn value_text(&mut self, text: &str) -> &mut Self {
        self.sep();
        self.out.push_str(text);
        self.comma = !text.ends_with(['{', '[']);
        self
    }

    /// `{`.
    pub(crate) fn open(&mut self) -> &mut Self {
        self.value_text("{")
    }

    /// `[`.
    pub(crate) fn open_array(&mut self) -> &mut Self {
        self.value_text("[")
    }

    /// `}` or `]`.
    pub(crate) fn close(&mut self, bracket: char) -> &mut Self {
        self.out.push(bracket);
        self.comma = true;
        self
    }

    /// A member name; its value comes next.
    pub(crate) fn key(&mut self, name: &str) -> &mut Self {
        self.sep();
        write_json_str(&mut self.out, name);
        self.out.push(':');
        self.comma = false;
        self
    }

    /// A string value.
    pub(crate) fn str(&mut self, s: &str) -> &mut Self {
        self.sep();
        write_json_str(&mut self.out, s);
        self.comma = true;
        self
    }

    /// A value given as JSON text (`true`, `null`, a number, a serialised `Value`).
    pub(crate) fn raw(&mut self, json: &str) -> &mut Self {
        self.value_text(json)
    }

    /// An integer.
    pub(crate) fn int(&mut self, n: i64) -> &mut Self {
        self.raw(&n.to_string())
    }

    /// `null`, or what `write` writes.
    pub(crate) fn opt<T>(&mut self, v: Option<T>, write: impl FnOnce(&mut Self, T)) -> &mut Self {
        match v {
            Some(v) => write(self, v),
            None => {
                self.raw("null");
            }
        }
        self
    }

    /// `true` or `false`.
    pub(crate) fn bool(&mut self, b: bool) -> &mut Self {
        self.raw(if b { "true" } else { "false" })
    }

    /// An array of strings.
    pub(crate) fn strs(&mut self, items: &[&str]) -> &mut Self {
        self.open_array();
        for s in items {
            self.str(s);
        }
        self.close(']')
    }
}

/// `value` as a `serde_json::Value` (serialising the crate's wire types cannot fail).
#[cfg(feature = "mdoc")]
pub(crate) fn value_of<T: Serialize + ?Sized>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// `value` as compact JSON text, byte for byte what `value.to_string()` gives, for the scan
/// module's results: `Value`'s `Display` writes through an `io::Write` adapter whose error path
/// links `io::Error`, a boxed message and `char`'s debug escaping into the module. Keys in map
/// order; strings escaped as serde_json does (`\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, other
/// control characters as `\u00xx`); numbers by their `Display` (the same digits).
pub fn json_text(value: &Value) -> String {
    let mut out = String::new();
    write_json(&mut out, value);
    out
}

fn write_json(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) => write_json_str(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(out, v);
            }
            out.push(']');
        }
        Value::Object(m) => {
            out.push('{');
            for (i, (k, v)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json_str(out, k);
                out.push(':');
                write_json(out, v);
            }
            out.push('}');
        }
    }
}

fn write_json_str(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if u32::from(c) < 0x20 => {
                let b = u32::from(c);
                out.push_str("\\u00");
                for d in [b >> 4, b & 15] {
                    let digit = HEX
                        .get(usize::try_from(d).unwrap_or(0))
                        .copied()
                        .unwrap_or(b'0');
                    out.push(char::from(digit));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod json_text_tests {
    use super::*;

    /// Every kind of value, every escape, numbers of each representation: the same text as
    /// serde_json's writer.
    #[test]
    fn json_text_is_serde_json_text() {
        let mut control = String::new();
        for b in 0u8..0x20 {
            control.push(char::from(b));
        }
        let values = [
            Value::Null,
            true.into(),
            false.into(),
            0.into(),
            (-17i64).into(),
            u64::MAX.into(),
            i64::MIN.into(),
            1.5f64.into(),
            (-0.000_123_4f64).into(),
            1e300f64.into(),
            f64::from(0.1f32).into(),
            f64::from(123.456f32).into(),
            "".into(),
            "plain".into(),
            "quote \" backslash \\ slash / del \u{7f} ü Nguyễn 😀".into(),
            control.into(),
            serde_json::json!([]),
            serde_json::json!({}),
            serde_json::json!({"b": [1, "x\n", null, {"z": true, "a": 2.25}], "a": {"k": []}}),
        ];
        for v in &values {
            assert_eq!(json_text(v), v.to_string(), "{v:?}");
        }
    }
}

#[cfg(all(test, feature = "mdoc"))]
mod json_writer_tests {
    use super::JsonText;

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut all: String = (0u32..0x250).filter_map(char::from_u32).collect();
        all.push_str("\u{2028}\u{fffd}𝄞");
        for s in [all.as_str(), "", "plain", "\"\\/"] {
            let mut j = JsonText::new();
            j.str(s);
            assert_eq!(j.finish(), serde_json::to_string(s).unwrap());
        }
    }

    #[test]
    fn members_and_elements_are_separated() {
        let mut j = JsonText::new();
        j.open()
            .key("a")
            .open_array()
            .open()
            .close('}')
            .strs(&["x", "y"])
            .strs(&[])
            .bool(true)
            .raw("null")
            .close(']')
            .key("b")
            .open()
            .close('}')
            .close('}');
        assert_eq!(j.finish(), r#"{"a":[{},["x","y"],[],true,null],"b":{}}"#);
    }
}
