//! A minimal JSON value and pretty printer (deterministic formatting).

/// JSON value. Numbers carry the number of decimals to print.
#[derive(Clone, Debug)]
pub enum Json {
    /// null
    Null,
    /// true / false
    Bool(bool),
    /// Integer.
    Int(i64),
    /// Float printed with the given number of decimals.
    Num(f64, usize),
    /// String.
    Str(String),
    /// Array.
    Arr(Vec<Json>),
    /// Object with keys in insertion order.
    Obj(Vec<(String, Json)>),
}

/// Builds an object from `(key, value)` pairs.
pub fn obj(pairs: Vec<(&str, Json)>) -> Json {
    Json::Obj(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

fn escape(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

impl Json {
    fn write(&self, out: &mut String, indent: usize) {
        let pad = |out: &mut String, n: usize| out.extend(std::iter::repeat_n(' ', n));
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Int(i) => out.push_str(&i.to_string()),
            Json::Num(v, d) => {
                if v.is_finite() {
                    let s = format!("{v:.d$}", d = *d);
                    // Avoid "-0.000".
                    if s.trim_start_matches('-')
                        .bytes()
                        .all(|b| b == b'0' || b == b'.')
                    {
                        out.push_str(s.trim_start_matches('-'));
                    } else {
                        out.push_str(&s);
                    }
                } else {
                    out.push_str("null");
                }
            }
            Json::Str(s) => escape(s, out),
            Json::Arr(items) => {
                // Short arrays of scalars stay on one line.
                let flat = items.len() <= 4
                    && items
                        .iter()
                        .all(|i| !matches!(i, Json::Arr(_) | Json::Obj(_)))
                    || items.iter().all(|i| match i {
                        Json::Arr(a) => {
                            a.len() <= 2
                                && a.iter().all(|j| matches!(j, Json::Num(..) | Json::Int(_)))
                        }
                        _ => false,
                    });
                if items.is_empty() {
                    out.push_str("[]");
                } else if flat {
                    out.push('[');
                    for (i, it) in items.iter().enumerate() {
                        if i > 0 {
                            out.push_str(", ");
                        }
                        it.write(out, indent);
                    }
                    out.push(']');
                } else {
                    out.push_str("[\n");
                    for (i, it) in items.iter().enumerate() {
                        pad(out, indent + 2);
                        it.write(out, indent + 2);
                        if i + 1 < items.len() {
                            out.push(',');
                        }
                        out.push('\n');
                    }
                    pad(out, indent);
                    out.push(']');
                }
            }
            Json::Obj(pairs) => {
                if pairs.is_empty() {
                    out.push_str("{}");
                    return;
                }
                out.push_str("{\n");
                for (i, (k, v)) in pairs.iter().enumerate() {
                    pad(out, indent + 2);
                    escape(k, out);
                    out.push_str(": ");
                    v.write(out, indent + 2);
                    if i + 1 < pairs.len() {
                        out.push(',');
                    }
                    out.push('\n');
                }
                pad(out, indent);
                out.push('}');
            }
        }
    }

    /// Pretty-printed text with a trailing newline.
    pub fn to_pretty(&self) -> String {
        let mut s = String::new();
        self.write(&mut s, 0);
        s.push('\n');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_numbers() {
        let j = obj(vec![
            ("a", Json::Str("x\"y\\|Nữ\n".into())),
            ("b", Json::Num(-0.0001, 2)),
            ("c", Json::Arr(vec![Json::Int(1), Json::Null])),
        ]);
        assert_eq!(
            j.to_pretty(),
            "{\n  \"a\": \"x\\\"y\\\\|Nữ\\n\",\n  \"b\": 0.00,\n  \"c\": [1, null]\n}\n"
        );
    }
}
