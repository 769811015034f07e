//! The body of the `jwe` fuzz target, replayed by `tests/fuzz_corpus.rs`: the input, when
//! UTF-8, as a compact JWE (`jwe::decrypt` with a fixed key, with and without its `kid`) and as
//! the `credential.data` JSON of an OpenID4VP answer (`jwe::open_authorization_response`,
//! encryption required and not, with and without a key). Nothing may panic; what decrypts with
//! the `kid` decrypts without it. Seeds: `fuzz/corpus/jwe/` (from
//! `tests/encrypted_responses.rs`, `REGENERATE_DECRYPT_SEEDS=1`).
#![allow(dead_code)]

use cccd_verify::crypto::RecipientKey;
use cccd_verify::jose::jwe::{self, JweKey};
use cccd_verify::Lang;

/// The caller bytes of the fixed recipient key.
pub const SEED: [u8; 32] = [0x4a; 32];
/// The `kid` of its JWK.
pub const KID: &str = "fuzz-1";

/// The fixed recipient key.
pub fn key() -> Option<RecipientKey> {
    RecipientKey::derive(&SEED).ok()
}

/// Runs the body on one input; true when the input decrypted as a compact JWE.
pub fn run(data: &[u8]) -> bool {
    let (Ok(text), Some(key)) = (std::str::from_utf8(data), key()) else {
        return false;
    };
    let with_kid = JweKey {
        key: &key,
        kid: Some(KID),
    };
    let decrypted = jwe::decrypt(text, with_kid);
    match &decrypted {
        Ok(d) => {
            let again = jwe::decrypt(
                text,
                JweKey {
                    key: &key,
                    kid: None,
                },
            );
            assert_eq!(again.as_ref(), Ok(d));
        }
        Err(e) => {
            let _ = e.to_json(Lang::En);
        }
    }
    for required in [true, false] {
        if let Err(e) = jwe::open_authorization_response(text, Some(with_kid), required) {
            let _ = e.to_json(Lang::Vi);
        }
    }
    let _ = jwe::open_authorization_response(text, None, false);
    decrypted.is_ok()
}
