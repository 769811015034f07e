//! mdoc element values (any CBOR) as a typed, JSON-serializable enum: what the JS layer turns
//! into native values (`bytes` → `Uint8Array`, `full-date`/`tdate` → strings or `Date`).

use serde::Serialize;

use crate::cbor::{Item, Value, TAG_DATE_TIME, TAG_FULL_DATE};
use crate::wire::JsonText;

/// Largest integer a JS number holds exactly (2^53 − 1); beyond it an integer is `bigint`.
const MAX_SAFE_INTEGER: i128 = (1 << 53) - 1;

/// One element value of an mdoc (ISO 18013-5 `elementValue`, or a device-signed value), by CBOR
/// type. Serialized as `{ "type": …, … }`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum MdocValue {
    /// A text string.
    Text {
        /// The text.
        value: String,
    },
    /// An integer within ±(2^53 − 1).
    Int {
        /// The integer.
        value: i64,
    },
    /// An integer beyond ±(2^53 − 1), as decimal text.
    BigInt {
        /// Decimal digits, with `-` when negative.
        value: String,
    },
    /// A float (`null` in JSON when not finite).
    Float {
        /// The value.
        value: f64,
    },
    /// `true` / `false`.
    Bool {
        /// The value.
        value: bool,
    },
    /// `null`.
    Null,
    /// `undefined`.
    Undefined,
    /// A byte string (a portrait, a signature image), base64url without padding, and the image
    /// type its first bytes announce (`image/jpeg`, `image/jp2`, `image/png`), if any.
    Bytes {
        /// base64url, no padding.
        value: String,
        /// The MIME type sniffed from the content, or `null`.
        mime: Option<&'static str>,
    },
    /// Tag 1004 `full-date` (`YYYY-MM-DD`), as received.
    FullDate {
        /// The date text.
        value: String,
    },
    /// Tag 0 `tdate` (RFC 3339), as received, and its instant.
    Tdate {
        /// The date-time text.
        value: String,
        /// Seconds since the Unix epoch (fractions rounded down), or `null` if the text is not an
        /// RFC 3339 UTC date-time.
        unix: Option<i64>,
    },
    /// An array.
    Array {
        /// The items.
        value: Vec<MdocValue>,
    },
    /// A map, as `[key, value]` pairs in received order (keys need not be text).
    Map {
        /// The entries.
        value: Vec<(MdocValue, MdocValue)>,
    },
    /// Another tag and its content.
    Tag {
        /// The tag number.
        tag: u64,
        /// The content.
        value: Box<MdocValue>,
    },
    /// A simple value other than the four above.
    Simple {
        /// Its number.
        value: u8,
    },
}

crate::wire::ts_declared!(
    MdocValue = "MdocValue",
    "\
/**
 * One mdoc element value by CBOR type. `bytes` is base64url (the JS API gives a `Uint8Array`)
 * with the image type sniffed from it; `full-date` and `tdate` are the received text (`unix`:
 * seconds); integers beyond ±(2^53 − 1) are `big-int` decimal text; maps are `[key, value]` pairs.
 */
export type MdocValue =
  | { type: 'text'; value: string }
  | { type: 'int'; value: number }
  | { type: 'big-int'; value: string }
  | { type: 'float'; value: number | null }
  | { type: 'bool'; value: boolean }
  | { type: 'null' }
  | { type: 'undefined' }
  | { type: 'bytes'; value: string; mime: 'image/jpeg' | 'image/jp2' | 'image/png' | null }
  | { type: 'full-date'; value: string }
  | { type: 'tdate'; value: string; unix: number | null }
  | { type: 'array'; value: MdocValue[] }
  | { type: 'map'; value: [MdocValue, MdocValue][] }
  | { type: 'tag'; tag: number; value: MdocValue }
  | { type: 'simple'; value: number };
"
);

/// The image type a byte string starts with (ISO 18013-5 portraits are JPEG or JPEG 2000).
fn sniff(b: &[u8]) -> Option<&'static str> {
    if b.starts_with(&[0xff, 0xd8, 0xff]) {
        Some("image/jpeg")
    } else if b.starts_with(&[
        0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a,
    ]) || b.starts_with(&[0xff, 0x4f, 0xff, 0x51])
    {
        Some("image/jp2")
    } else if b.starts_with(&[0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a]) {
        Some("image/png")
    } else {
        None
    }
}

impl MdocValue {
    /// The value of a decoded item (recursion is bounded by the CBOR reader's depth budget).
    pub fn from_item(item: &Item<'_>) -> MdocValue {
        match item.value() {
            Value::Unsigned(_) | Value::Negative(_) => {
                let n = item.as_i128().unwrap_or_default();
                match i64::try_from(n) {
                    Ok(v) if n.abs() <= MAX_SAFE_INTEGER => MdocValue::Int { value: v },
                    _ => MdocValue::BigInt {
                        value: n.to_string(),
                    },
                }
            }
            Value::Bytes(b) => MdocValue::Bytes {
                value: crate::jose::b64::encode_url(b),
                mime: sniff(b),
            },
            Value::Text(s) => MdocValue::Text {
                value: (*s).to_owned(),
            },
            Value::Array(items) => MdocValue::Array {
                value: items.iter().map(MdocValue::from_item).collect(),
            },
            Value::Map(entries) => MdocValue::Map {
                value: entries
                    .iter()
                    .map(|(k, v)| (MdocValue::from_item(k), MdocValue::from_item(v)))
                    .collect(),
            },
            Value::Tag(TAG_FULL_DATE, content) if content.as_text().is_some() => {
                MdocValue::FullDate {
                    value: content.as_text().unwrap_or_default().to_owned(),
                }
            }
            Value::Tag(TAG_DATE_TIME, content) if content.as_text().is_some() => MdocValue::Tdate {
                value: content.as_text().unwrap_or_default().to_owned(),
                unix: item.as_date_time(),
            },
            Value::Tag(tag, content) => MdocValue::Tag {
                tag: *tag,
                value: Box::new(MdocValue::from_item(content)),
            },
            Value::Bool(b) => MdocValue::Bool { value: *b },
            Value::Null => MdocValue::Null,
            Value::Undefined => MdocValue::Undefined,
            Value::Simple(n) => MdocValue::Simple { value: *n },
            Value::Float(f) => MdocValue::Float { value: *f },
        }
    }

    /// Writes the value as the `Serialize` derive writes it through a `serde_json::Value`
    /// (members sorted by name), without building the `Value`.
    pub(crate) fn write_json(&self, j: &mut JsonText) {
        j.open();
        let (kind, value): (&str, Option<&str>) = match self {
            MdocValue::Text { value } => ("text", Some(value)),
            MdocValue::BigInt { value } => ("big-int", Some(value)),
            MdocValue::FullDate { value } => ("full-date", Some(value)),
            MdocValue::Null => ("null", None),
            MdocValue::Undefined => ("undefined", None),
            MdocValue::Int { value } => {
                j.key("type").str("int").key("value").int(*value);
                j.close('}');
                return;
            }
            MdocValue::Float { value } => {
                let v = serde_json::Value::from(*value).to_string();
                j.key("type").str("float").key("value").raw(&v);
                j.close('}');
                return;
            }
            MdocValue::Bool { value } => {
                j.key("type").str("bool").key("value").bool(*value);
                j.close('}');
                return;
            }
            MdocValue::Simple { value } => {
                j.key("type")
                    .str("simple")
                    .key("value")
                    .int(i64::from(*value));
                j.close('}');
                return;
            }
            MdocValue::Bytes { value, mime } => {
                j.key("mime").opt(*mime, |j, m| {
                    j.str(m);
                });
                ("bytes", Some(value))
            }
            MdocValue::Tdate { value, unix } => {
                j.key("type").str("tdate").key("unix").opt(*unix, |j, u| {
                    j.int(u);
                });
                j.key("value").str(value);
                j.close('}');
                return;
            }
            MdocValue::Array { value } => {
                j.key("type").str("array").key("value").open_array();
                for v in value {
                    v.write_json(j);
                }
                j.close(']').close('}');
                return;
            }
            MdocValue::Map { value } => {
                j.key("type").str("map").key("value").open_array();
                for (k, v) in value {
                    j.open_array();
                    k.write_json(j);
                    v.write_json(j);
                    j.close(']');
                }
                j.close(']').close('}');
                return;
            }
            MdocValue::Tag { tag, value } => {
                j.key("tag")
                    .raw(&tag.to_string())
                    .key("type")
                    .str("tag")
                    .key("value");
                value.write_json(j);
                j.close('}');
                return;
            }
        };
        j.key("type").str(kind);
        if let Some(v) = value {
            j.key("value").str(v);
        }
        j.close('}');
    }

    /// The text, for a text value.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            MdocValue::Text { value } => Some(value),
            _ => None,
        }
    }
}
