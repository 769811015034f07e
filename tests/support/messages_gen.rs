//! The JS message templates of `js/codes.js` and the message fixture `tests/data/messages.json`,
//! both generated from the error and finding tables by `make codes` (`tests/codes_generated.rs`).
//!
//! The wasm modules return an error as its code and params (`Error::to_wire`) and a finding
//! without its message; the JS layer renders the message from these templates
//! (`errorMessage` / `findingMessage` in `js/api.js`). Each row's `format!` templates are
//! translated to JS template literals: a placeholder naming a field becomes the param that
//! carries it, a `let` value the JS form of its expression. Only the expression forms below
//! are translated; a row using another one fails here, naming it (add its translation, and a
//! formatter in `js/api.js` if it needs one). The fixture (Rust-rendered messages of sample
//! errors and findings, both languages) is compared with the JS rendering by
//! `tests/js/messages.test.mjs`.

use std::collections::HashMap;
use std::fmt::Write as _;

use cccd_verify::error_codes::{
    finding_samples_nth, message_labels, samples_nth, ErrorInfo, FindingInfo, ParamInfo, ERRORS,
    FINDINGS,
};
use cccd_verify::{Error, Lang};
use serde_json::{json, Value};

/// How many sample values of each field type the fixture goes through (`Sample::nth`).
const SAMPLES: usize = 8;

fn norm(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// `q.key`, or `q["key"]` when the key is not an identifier.
fn param_js(key: &str) -> String {
    if key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        format!("q.{key}")
    } else {
        format!("q[{}]", serde_json::to_string(key).unwrap())
    }
}

/// What the translation of one row knows: the row's params, and the JS value and Rust type of
/// each field and `let` name.
struct Env<'a> {
    code: &'a str,
    params: &'a [ParamInfo],
    names: HashMap<String, (String, String)>,
}

impl<'a> Env<'a> {
    fn new(
        code: &'a str,
        fields: &[(&str, &str)],
        params: &'a [ParamInfo],
        base_expr: Option<&str>,
        lets: &[(&str, &str)],
    ) -> Self {
        let mut env = Env {
            code,
            params,
            names: HashMap::new(),
        };
        for (f, ty) in fields {
            let ty = norm(ty);
            let ty = ty.rsplit("::").next().unwrap_or(&ty).to_owned();
            let carried = params
                .iter()
                .find(|p| {
                    let e = norm(p.expr);
                    e == *f || e == format!("{f}.name()")
                })
                .map(|p| param_js(p.name))
                .or_else(|| {
                    (base_expr.map(norm) == Some(format!("{f}.params()"))).then(|| "q".into())
                });
            if let Some(js) = carried {
                env.names.insert((*f).to_owned(), (js, ty));
            }
        }
        for (b, e) in lets {
            let js = env.expr(e);
            env.names.insert((*b).to_owned(), (js, "let".into()));
        }
        env
    }

    /// The JS of a Rust expression of the table (`let` values, `when` conditions, placeholders).
    fn expr(&self, rust: &str) -> String {
        let e = norm(rust);
        let e = e.trim_start_matches(['*', '&']);
        if let Some(p) = self.params.iter().find(|p| norm(p.expr) == e) {
            return param_js(p.name);
        }
        if let Some((js, _)) = self.names.get(e) {
            return js.clone();
        }
        let call = |name: &str| {
            e.strip_prefix(&format!("{name}("))
                .and_then(|r| r.strip_suffix(')'))
                .map(|inner| self.expr(inner))
        };
        if let Some(inner) = call("capitalize") {
            return format!("f.cap({inner})");
        }
        if let Some(inner) = call("format_unix_utc") {
            return format!("f.utc({inner})");
        }
        if let Some(inner) = call("dmy") {
            return format!("f.dmy({inner})");
        }
        if let Some(inner) = call("json_type_vi") {
            return format!("f.label('JsonTypeVi', {inner}, vi)");
        }
        if let Some(x) = e.strip_suffix(".label(lang)") {
            let (js, ty) = self
                .names
                .get(x)
                .unwrap_or_else(|| panic!("{}: `{x}` is not carried by a param", self.code));
            return match ty.as_str() {
                "CertRef" => format!("f.cert({js}, vi)"),
                "Field" | "MrzField" | "Purpose" | "Sex" => format!("f.label('{ty}', {js}, vi)"),
                other => panic!("{}: no JS label for a {other}", self.code),
            };
        }
        if let Some(x) = e
            .strip_suffix("+1")
            .or_else(|| e.strip_suffix(".saturating_add(1)"))
        {
            return format!("({} + 1)", self.expr(x));
        }
        if let Some((x, n)) = e.split_once("==") {
            if n.parse::<i64>().is_ok() {
                return format!("{} === {n}", self.expr(x));
            }
        }
        panic!(
            "{}: no JS translation for the expression `{rust}`: add one in tests/support/messages_gen.rs (and a formatter in js/api.js)",
            self.code
        )
    }

    /// A `format!` template as a JS template literal.
    fn template(&self, t: &str) -> String {
        let mut out = String::from("`");
        let mut chars = t.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    out.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    out.push('}');
                }
                '{' => {
                    let name: String = chars.by_ref().take_while(|&c| c != '}').collect();
                    assert!(
                        name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
                        "{}: placeholder `{{{name}}}`: only plain `{{name}}` placeholders can be rendered in JS",
                        self.code
                    );
                    write!(out, "${{{}}}", self.expr(&name)).unwrap();
                }
                '`' | '\\' | '$' => {
                    out.push('\\');
                    out.push(c);
                }
                c => out.push(c),
            }
        }
        out.push('`');
        out
    }
}

fn pair(env: &Env<'_>, en: &str, vi: &str) -> String {
    format!("vi ? {} : {}", env.template(vi), env.template(en))
}

fn error_fn(e: &ErrorInfo) -> String {
    let env = Env::new(e.code, e.fields, e.params, e.params_base_expr, e.lets);
    let body = match (e.special, e.special_when) {
        (Some((gen, gvi)), Some(when)) => format!(
            "{} ? ({}) : {}",
            env.expr(when),
            pair(&env, gen, gvi),
            pair(&env, e.en, e.vi)
        ),
        _ => pair(&env, e.en, e.vi),
    };
    format!("(q, vi, f) => {body}")
}

fn finding_fn(r: &FindingInfo) -> String {
    let env = Env::new(r.code, r.fields, r.params, None, r.lets);
    format!("(q, vi, f) => {}", pair(&env, r.en, r.vi))
}

fn js_str(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// The part of `js/codes.js` that renders messages.
pub fn messages_js() -> String {
    let mut s = String::new();
    s += "/** The labels messages use, `[en, vi]` by the key the params carry (`CertRef.chain`: `{i}` is the index). */\n";
    s += "export const MESSAGE_LABELS = Object.freeze({\n";
    for (kind, rows) in message_labels() {
        writeln!(s, "  {kind}: Object.freeze({{").unwrap();
        for (key, en, vi) in rows {
            writeln!(
                s,
                "    {}: [{}, {}],",
                js_str(&key),
                js_str(&en),
                js_str(&vi)
            )
            .unwrap();
        }
        s += "  }),\n";
    }
    s += "});\n\n";
    s += "/**\n * The message of each error code the wasm modules return: `(q, vi, f) => string`, with `q` the\n * params (integers a JS number cannot hold exactly as decimal strings), `vi` true for Vietnamese\n * and `f` the formatters of `js/api.js` (`errorMessage`).\n */\n";
    s += "export const ERROR_MESSAGES = Object.freeze({\n";
    for e in ERRORS.iter().filter(|e| e.variant.is_some()) {
        writeln!(s, "  {}: {},", e.code, error_fn(e)).unwrap();
    }
    s += "});\n\n";
    s += "/** The message of each finding code, as `ERROR_MESSAGES` (`findingMessage` in `js/api.js`). */\n";
    s += "export const FINDING_MESSAGES = Object.freeze({\n";
    for r in FINDINGS {
        writeln!(s, "  {}: {},", r.code, finding_fn(r)).unwrap();
    }
    s += "});\n";
    s
}

/// Sample errors for the fixture: every variant with each of [`SAMPLES`] sample values, and the
/// list wrapper around some of them.
fn sample_errors() -> Vec<Error> {
    let mut out: Vec<Error> = Vec::new();
    for k in 0..SAMPLES {
        for e in samples_nth(k) {
            if !out.contains(&e) {
                out.push(e);
            }
        }
    }
    let inner = [
        Error::StatusListMissing {
            uri: "https://inner.example/list".into(),
            idx: 9_007_199_254_740_993,
        },
        Error::JwsSignatureInvalid,
        Error::CertExpired {
            cert: cccd_verify::CertRef::Anchor,
            not_after: -1,
        },
    ];
    use cccd_verify::ListOrigin;
    for (i, e) in inner.into_iter().enumerate() {
        let (origin, uri) = if i % 2 == 0 {
            (ListOrigin::StatusList, Some("https://status.example/1"))
        } else {
            (ListOrigin::TrustList, None)
        };
        let wrapped = Error::in_list(origin, uri, e.clone());
        out.push(Error::in_list(ListOrigin::TrustList, None, wrapped.clone()));
        out.push(Error::in_list(origin, None, e));
        out.push(wrapped);
    }
    out
}

/// `tests/data/messages.json`: each sample's wire form (as the wasm modules return it) and its
/// Rust-rendered message in both languages.
pub fn messages_fixture() -> String {
    let mut errors = Vec::new();
    for e in sample_errors() {
        errors.push(json!({
            "wire": e.to_wire(),
            "en": e.message(Lang::En),
            "vi": e.message(Lang::Vi),
        }));
    }
    let mut findings: Vec<Value> = Vec::new();
    for k in 0..SAMPLES {
        for f in finding_samples_nth(k) {
            let en = f.wire(Lang::En);
            let vi = f.wire(Lang::Vi);
            let mut wire = serde_json::to_value(&en).unwrap();
            wire["message"] = "".into();
            let entry = json!({ "wire": wire, "en": en.message, "vi": vi.message });
            if !findings.contains(&entry) {
                findings.push(entry);
            }
        }
    }
    let v = json!({
        "//": "Generated by `make codes` (tests/support/messages_gen.rs) from the error and finding tables: Rust-rendered messages of sample errors and findings, compared with the JS rendering by tests/js/messages.test.mjs.",
        "errors": errors,
        "findings": findings,
    });
    serde_json::to_string_pretty(&v).unwrap() + "\n"
}
