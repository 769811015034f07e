//! A DEMO VICAL (ISO 18013-5 Annex C, `shared/domain/presentations.md` §4): the CBOR list of
//! IACA certificates with per-IACA docType restrictions, signed as an untagged COSE_Sign1 ES256
//! with the signer certificate in `x5chain`. Field names as in the public VICALs of
//! `shared/vectors/vical/`. DEMO ONLY.

use p256::ecdsa::SigningKey;

use crate::cbor::{bytes, encode, int, tdate, text, tmap, Value, TAG_BIGUINT};
use crate::mdoc::{es256_protected, sign1, x5chain};

pub const PROVIDER: &str = "cccd-verify DEMO VICAL provider (not a government authority)";

/// One listed IACA.
pub struct Entry<'a> {
    pub certificate: &'a [u8],
    pub serial: Vec<u8>,
    pub ski: Vec<u8>,
    pub issuer_name: Vec<u8>,
    pub subject_name: Vec<u8>,
    pub not_before: i64,
    pub not_after: i64,
    pub doc_types: Vec<&'a str>,
    pub issuing_authority: &'a str,
}

pub struct Params<'a> {
    pub issue_id: u64,
    pub date: i64,
    pub next_update: i64,
    pub entries: Vec<Entry<'a>>,
}

/// The VICAL structure (the COSE payload).
pub fn payload(p: &Params<'_>) -> Value {
    let infos = p
        .entries
        .iter()
        .map(|e| {
            tmap(vec![
                ("certificate", bytes(e.certificate)),
                (
                    "serialNumber",
                    Value::Tag(TAG_BIGUINT, Box::new(bytes(&e.serial))),
                ),
                ("ski", bytes(&e.ski)),
                (
                    "docType",
                    Value::Array(e.doc_types.iter().map(|d| text(d)).collect()),
                ),
                ("issuingAuthority", text(e.issuing_authority)),
                ("issuingCountry", text("VN")),
                ("issuer", bytes(&e.issuer_name)),
                ("subject", bytes(&e.subject_name)),
                ("notBefore", tdate(e.not_before)),
                ("notAfter", tdate(e.not_after)),
            ])
        })
        .collect();
    tmap(vec![
        ("version", text("1.0")),
        ("vicalProvider", text(PROVIDER)),
        ("date", tdate(p.date)),
        (
            "vicalIssueID",
            int(i64::try_from(p.issue_id).unwrap_or(i64::MAX)),
        ),
        ("nextUpdate", tdate(p.next_update)),
        ("certificateInfos", Value::Array(infos)),
    ])
}

/// The signed VICAL: COSE_Sign1 {1: -7} / {33: signer} / payload.
pub fn sign(payload_bytes: &[u8], signer_cert: &[u8], key: &SigningKey) -> Vec<u8> {
    encode(&sign1(
        &es256_protected(),
        x5chain(signer_cert),
        Some(payload_bytes),
        payload_bytes,
        key,
    ))
}
