//! Generates the Shift_JIS → Unicode table used by the QR charset fallback (`src/qr/sjis.rs`),
//! the Latin normalisation tables of `src/unicode.rs`, and the wasm glue's cfg.
//! The mapping is the WHATWG Encoding Standard's Shift_JIS, taken from `encoding_rs` at build
//! time, so the shipped wasm carries a 23 KB table instead of every legacy encoding.
use std::fmt::Write;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    glue_cfg();
    unicode_tables();
    let mut table = String::from(
        "/// Shift_JIS double-byte table: index (lead_index * 188 + trail_index), 0 = unmapped.\n\
         pub(crate) static SJIS_DOUBLE: [u16; 60 * 188] = [",
    );
    for lead in (0x81u8..=0x9F).chain(0xE0..=0xFC) {
        for trail in (0x40u8..=0x7E).chain(0x80..=0xFC) {
            let pair = [lead, trail];
            let (text, had_errors) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(&pair);
            let mut chars = text.chars();
            let v = match (had_errors, chars.next(), chars.next()) {
                (false, Some(c), None) => u16::try_from(u32::from(c)).unwrap_or(0),
                _ => 0,
            };
            write!(table, "{v},").unwrap_or(());
        }
    }
    table.push_str("];\n");
    let out = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    std::fs::write(format!("{out}/sjis_table.rs"), table).unwrap_or(());
}

/// `glue_scan` / `glue_verify` / `glue_image`: which `#[wasm_bindgen]` exports `src/wasm/` compiles,
/// from the `wasm-*` features. None selected → all three (the whole API in one module).
fn glue_cfg() {
    let on = |f: &str| std::env::var_os(format!("CARGO_FEATURE_WASM_{f}")).is_some();
    let any = on("SCAN") || on("VERIFY") || on("IMAGE");
    let verify = std::env::var_os("CARGO_FEATURE_VERIFY").is_some();
    let image = std::env::var_os("CARGO_FEATURE_IMAGE_FILES").is_some();
    for (cfg, wanted) in [
        ("glue_scan", on("SCAN") || !any),
        ("glue_verify", on("VERIFY") || (!any && verify)),
        ("glue_image", on("IMAGE") || (!any && image)),
    ] {
        println!("cargo:rustc-check-cfg=cfg({cfg})");
        if wanted {
            println!("cargo:rustc-cfg={cfg}");
        }
    }
}

/// Canonical decomposition, combining classes and composition pairs for U+0000–U+036F (Latin,
/// IPA, the combining diacritical marks) and U+1E00–U+1EFF (Latin Extended Additional), taken
/// from `unicode-normalization` at build time: ~4 KB of tables instead of the crate's ~100 KB.
/// `src/unicode.rs` documents what lies outside these ranges.
fn unicode_tables() {
    use unicode_normalization::char::{canonical_combining_class, compose};
    use unicode_normalization::UnicodeNormalization;
    // Latin, IPA, spacing modifiers and the combining marks; then Latin Extended Additional.
    let covered = || {
        (0u32..=0x36F)
            .chain(0x1E00..=0x1EFF)
            .filter_map(char::from_u32)
    };
    let marks = || (0x300u32..=0x36F).filter_map(char::from_u32);
    // Flat rows, no slice pointers: 8 bytes a row instead of 12 plus the parts (~4 KB less raw).
    let mut decomp = String::from("/// (char, full canonical decomposition padded with 0), sorted.\npub(crate) static DECOMP: &[(u16, [u16; 3])] = &[");
    let mut compose_pairs = Vec::new();
    for c in covered() {
        let d: Vec<char> = c.to_string().nfd().collect();
        if d != [c] {
            // Every decomposition in the covered blocks has at most three characters.
            assert!(d.len() <= 3, "{c:?}");
            let mut parts: Vec<String> = d.iter().map(|&x| u32::from(x).to_string()).collect();
            parts.resize(3, "0".into());
            write!(decomp, "({},[{}]),", u32::from(c), parts.join(",")).unwrap_or(());
        }
    }
    decomp.push_str("];\n");
    for a in covered() {
        for b in marks() {
            if let Some(c) = compose(a, b) {
                compose_pairs.push((u32::from(a), u32::from(b), u32::from(c)));
            }
        }
    }
    compose_pairs.sort_unstable();
    let mut table = decomp;
    table.push_str("/// (first, second, composite): canonical composition pairs, sorted.\npub(crate) static COMPOSE: &[(u16, u16, u16)] = &[");
    for (a, b, c) in compose_pairs {
        write!(table, "({a},{b},{c}),").unwrap_or(());
    }
    table.push_str(
        "];\n/// Canonical combining class of U+0300 + i.\npub(crate) static CCC: [u8; 112] = [",
    );
    for m in marks() {
        write!(table, "{},", canonical_combining_class(m)).unwrap_or(());
    }
    table.push_str("];\n");
    case_tables(&mut table);
    let out = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    std::fs::write(format!("{out}/unicode_tables.rs"), table).unwrap_or(());
}

/// Case mappings and the alphanumeric property for the same covered ranges, from `core` at build
/// time, so the library does not link core's Unicode case and property tables (~17 KB gzip):
/// `LOWER` and `UPPER` (char → up to three chars, where they differ), plus every character
/// anywhere whose upper case is ASCII (`ı`, `ſ`, `ﬀ`…: the MRZ keeps those letters), and
/// `ALNUM`, the alphanumeric ranges of the covered block.
fn case_tables(table: &mut String) {
    let covered = || {
        (0u32..=0x36F)
            .chain(0x1E00..=0x1EFF)
            .filter_map(char::from_u32)
    };
    let fmt = |c: char, m: &[char]| -> Option<String> {
        if m.len() > 3 || m == [c] {
            return None;
        }
        let mut parts: Vec<String> = m.iter().map(|&x| u32::from(x).to_string()).collect();
        parts.resize(3, u32::MAX.to_string());
        Some(format!("({},[{}]),", u32::from(c), parts.join(",")))
    };
    let in_covered = |c: char| matches!(u32::from(c), 0..=0x36F | 0x1E00..=0x1EFF);
    let lower: Vec<(char, Vec<char>)> =
        covered().map(|c| (c, c.to_lowercase().collect())).collect();
    let upper: Vec<(char, Vec<char>)> = (0u32..=0x10FFFF)
        .filter_map(char::from_u32)
        .map(|c| (c, c.to_uppercase().collect::<Vec<char>>()))
        .filter(|(c, m)| in_covered(*c) || (m != &[*c] && m.iter().all(char::is_ascii)))
        .collect();
    for (name, what, map) in [("LOWER", "lower", lower), ("UPPER", "upper", upper)] {
        case_runs(table, name, what, &map);
        table.push_str(&format!(
            "/// (char, {what} case, padded with u32::MAX), sorted: the mappings to several characters.\n\
             pub(crate) static {name}_MULTI: &[(u32, [u32; 3])] = &["
        ));
        for (c, m) in &map {
            if m.len() > 1 {
                if let Some(row) = fmt(*c, m) {
                    table.push_str(&row);
                }
            }
        }
        table.push_str("];\n");
    }
    table.push_str("/// Alphanumeric ranges (inclusive) within the covered blocks, sorted.\npub(crate) static ALNUM: &[(u32, u32)] = &[");
    let mut start: Option<u32> = None;
    let mut last = 0;
    for c in covered() {
        let u = u32::from(c);
        match (c.is_alphanumeric(), start) {
            (true, Some(_)) if u == last + 1 => {}
            (true, Some(s0)) => {
                write!(table, "({s0},{last}),").unwrap_or(());
                start = Some(u);
            }
            (true, None) => start = Some(u),
            (false, Some(s0)) => {
                write!(table, "({s0},{last}),").unwrap_or(());
                start = None;
            }
            (false, None) => {}
        }
        last = u;
    }
    if let Some(s0) = start {
        write!(table, "({s0},{last}),").unwrap_or(());
    }
    table.push_str("];\n");
}

/// The one-character case mappings of `map` as runs `(first, last, delta, stride)`: the
/// characters `first, first + stride, …, last` map to themselves plus `delta`. Each run is a
/// stretch of consecutive mappings (so runs do not overlap); stride 2 catches the alternating
/// upper/lower pairs of the Latin Extended blocks. ~130 runs instead of ~740 rows of 16 bytes.
fn case_runs(table: &mut String, name: &str, what: &str, map: &[(char, Vec<char>)]) {
    let single: Vec<(i64, i64)> = map
        .iter()
        .filter_map(|(c, m)| match m.as_slice() {
            [one] if one != c => Some((i64::from(u32::from(*c)), i64::from(u32::from(*one)))),
            _ => None,
        })
        .collect();
    let mut runs: Vec<(i64, i64, i64, i64)> = Vec::new();
    for &(c, m) in &single {
        let delta = m - c;
        match runs.last_mut() {
            Some((first, last, d, stride))
                if *d == delta && (c - *last == *stride || (*first == *last && c - *last <= 2)) =>
            {
                *stride = c - *last;
                *last = c;
            }
            _ => runs.push((c, c, delta, 1)),
        }
    }
    write!(
        table,
        "/// {what} case as runs (first, last, delta, stride), sorted: `first + k * stride` (up to\n\
         /// `last`) maps to itself plus `delta`.\n\
         pub(crate) static {name}: &[(u32, u32, i32, u32)] = &["
    )
    .unwrap_or(());
    for (first, last, delta, stride) in runs {
        write!(table, "({first},{last},{delta},{stride}),").unwrap_or(());
    }
    table.push_str("];\n");
}
