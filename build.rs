//! Generates the Shift_JIS → Unicode table used by the QR charset fallback (`src/qr/sjis.rs`).
//! The mapping is the WHATWG Encoding Standard's Shift_JIS, taken from `encoding_rs` at build
//! time, so the shipped wasm carries a 23 KB table instead of every legacy encoding.
use std::fmt::Write;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    glue_cfg();
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
