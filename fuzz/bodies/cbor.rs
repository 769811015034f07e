//! The body of the `cbor` fuzz target, shared by `fuzz/fuzz_targets/cbor.rs` and
//! `tests/fuzz_corpus.rs` (both include it as a module). Nothing may panic, and the reader and writer
//! must agree with each other:
//! - a decoded item's `raw()` is the whole input;
//! - its re-encoding decodes under `Options::strict()` and re-encodes to itself;
//! - strict decoding succeeds exactly when the lenient reading finds no non-preferred head, and
//!   then the re-encoding is the input itself;
//! - every tag-24 item inside decodes (or fails with a typed error) on demand.
//!
//! Returns true when the input decoded under the default options.

/// Decodes every tag-24 item inside `item`, recursively.
fn cbor_embedded(item: &cccd_verify::cbor::Item<'_>, options: &cccd_verify::cbor::Options) {
    use cccd_verify::cbor::Value;
    match item.value() {
        Value::Array(items) => items.iter().for_each(|i| cbor_embedded(i, options)),
        Value::Map(entries) => entries.iter().for_each(|(k, v)| {
            cbor_embedded(k, options);
            cbor_embedded(v, options);
        }),
        Value::Tag(_, content) => {
            match item.decode_embedded(options) {
                Some(Ok(inner)) => cbor_embedded(&inner, options),
                Some(Err(e)) => {
                    let _ = e.to_json(cccd_verify::Lang::En);
                }
                None => {}
            }
            cbor_embedded(content, options);
        }
        _ => {}
    }
}

pub fn run(data: &[u8]) -> bool {
    use cccd_verify::cbor::{decode, encode, Options};
    let mut small = Options::default();
    small.budget.max_depth = 8;
    small.budget.max_items = 256;
    small.budget.max_string_bytes = 64;
    let mut parsed = false;
    for (n, options) in [Options::default(), Options::strict(), small]
        .iter()
        .enumerate()
    {
        let item = match decode(data, options) {
            Ok(item) => item,
            Err(e) => {
                let _ = e.to_json(cccd_verify::Lang::Vi);
                continue;
            }
        };
        assert_eq!(item.raw(), data);
        let again = encode(&item);
        let mut strict = *options;
        strict.require_preferred = true;
        let reread = decode(&again, &strict).map(|i| encode(&i));
        assert_eq!(reread.as_deref(), Ok(&again[..]));
        if n == 0 {
            parsed = true;
            let preferred = item.first_non_preferred().is_none();
            assert_eq!(decode(data, &Options::strict()).is_ok(), preferred);
            if preferred {
                assert_eq!(again, data);
            }
        }
        cbor_embedded(&item, options);
    }
    parsed
}
