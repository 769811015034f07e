//! The body of the `cose` fuzz target, replayed by `tests/fuzz_corpus.rs`: any CBOR, every item of
//! which is read as COSE_Sign1 (headers, `alg` from the protected header, `x5chain`, a detached
//! payload verified against a fixed P-256 key), COSE_Mac0 (HMAC 256/256 with a fixed key) and
//! COSE_Key (thumbprint), and the whole as a SessionTranscript. It is the `2 mod 3` path of the
//! `mdoc` body, as a target of its own so that the fuzzer spends all of its time on COSE.
//!
//! Returns true when a COSE_Sign1 verified. Seeds: the COSE seeds of the `mdoc` corpus (written
//! by `tests/mdoc_rules.rs`) without their mode byte.
#![allow(dead_code)]

#[allow(clippy::duplicate_mod)]
#[path = "mdoc.rs"]
mod mdoc;

pub fn run(data: &[u8]) -> bool {
    let mut input = Vec::with_capacity(data.len() + 1);
    input.push(2);
    input.extend_from_slice(data);
    mdoc::run(&input)
}
