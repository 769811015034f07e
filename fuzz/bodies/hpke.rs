//! The body of the `hpke` fuzz target, replayed by `tests/fuzz_corpus.rs`: any bytes (1) as the
//! CBOR of an ISO 18013-7 Annex C response (`annex_c::parse_response`, and `open_response` on
//! its base64url with a fixed key and SessionTranscript, encryption required and not), (2) as
//! an `EncryptionInfo`, (3) when UTF-8, as the base64url `response` text itself, and (4) split
//! after 65 bytes into HPKE `enc` and ciphertext (`hpke::open`). Nothing may panic; a response
//! that opens with encryption required opens the same without. Seeds:
//! `fuzz/corpus/hpke/` (from `tests/encrypted_responses.rs`, `REGENERATE_DECRYPT_SEEDS=1`).
#![allow(dead_code)]

use cccd_verify::crypto::RecipientKey;
use cccd_verify::hpke::{self, annex_c};
use cccd_verify::jose::b64;
use cccd_verify::Lang;

/// The caller bytes of the fixed recipient key.
pub const SEED: [u8; 32] = [0x46; 32];

/// The fixed SessionTranscript: `[null, null, ["dcapi", h'11…11']]` (32 bytes).
pub fn transcript() -> Vec<u8> {
    let mut t = vec![0x83, 0xf6, 0xf6, 0x82, 0x65];
    t.extend_from_slice(b"dcapi");
    t.extend_from_slice(&[0x58, 0x20]);
    t.extend_from_slice(&[0x11; 32]);
    t
}

/// The fixed recipient key.
pub fn key() -> Option<RecipientKey> {
    RecipientKey::derive(&SEED).ok()
}

/// Runs the body on one input; true when the input opened as an encrypted Annex C response.
pub fn run(data: &[u8]) -> bool {
    let Some(key) = key() else {
        return false;
    };
    let transcript = transcript();
    let text = b64::encode_url(data);
    let strict = annex_c::open_response(&text, &key, &transcript, true);
    let lenient = annex_c::open_response(&text, &key, &transcript, false);
    if let Ok(plain) = &strict {
        assert_eq!(lenient.as_ref(), Ok(plain));
    }
    for e in [&strict, &lenient]
        .into_iter()
        .filter_map(|r| r.as_ref().err())
    {
        let _ = e.to_json(Lang::Vi);
    }
    if let Ok(sealed) = annex_c::parse_response(data) {
        let _ = hpke::open(&key, sealed.enc, &transcript, b"", sealed.cipher_text);
    }
    let _ = annex_c::parse_encryption_info(&text);
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = annex_c::open_response(s, &key, &transcript, true);
        let _ = annex_c::parse_encryption_info(s);
    }
    if let Some((enc, ct)) = data.split_at_checked(65) {
        let _ = hpke::open(&key, enc, &transcript, b"", ct);
    }
    strict.is_ok()
}
