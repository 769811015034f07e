//! Every limit on attacker-sized input, in one place to read. Each limit is defined beside the
//! code it bounds (so that code reads plainly); this module re-exports them all, and its test
//! keeps the table below true. A limit that is exceeded is always a typed error, never a panic
//! or unbounded work.
//!
//! | input | limit (default) | error | defined in |
//! |---|---|---|---|
//! | QR payload | [`MAX_PAYLOAD_BYTES`] (4096 bytes) | `ERR_INPUT_TOO_LARGE` | `src/cccd/mod.rs` |
//! | MRZ text | [`MAX_MRZ_BYTES`] (1024 bytes) | `ERR_INPUT_TOO_LARGE` | `src/cccd/mrz.rs` |
//! | a name to fold or compare | [`MAX_NAME_BYTES`] (1024 bytes) | `ERR_INPUT_TOO_LARGE` | `src/cccd/names.rs` |
//! | an image | [`MAX_IMAGE_PIXELS`] (16 MP) | `ERR_IMAGE_TOO_LARGE` | `src/qr/mod.rs` |
//! | an image file (PNG/JPEG bytes) | [`MAX_IMAGE_FILE_BYTES`] (64 MiB) | `ERR_INPUT_TOO_LARGE` | `src/qr/mod.rs` |
//! | decoding work on an image | [`MAX_FINDERS`] (96) finder-like patterns per bitmap for rqrr's detector | `ERR_IMAGE_TOO_COMPLEX` | `src/qr/mod.rs` |
//! | options of a verification | [`MAX_STATUS_LISTS`] (16) status lists, [`MAX_ANCHORS`] (64) anchors of each kind, [`MAX_LEEWAY_SECONDS`] (3600) | `TypeError` (JS) / `OptionsError` | `src/request.rs` |
//! | CBOR (mdoc) | [`CborBudget`]: input 4 MiB, depth 32 (never above [`CBOR_MAX_DEPTH_CEILING`] = 256), 100 000 items, strings 1 MiB | `ERR_CBOR_BUDGET_EXCEEDED`, `ERR_CBOR_TOO_DEEP` | `src/cbor/mod.rs` |
//! | an mdoc DeviceResponse | [`CborBudget`] as above, [`MDOC_MAX_DOCUMENTS`] (1) documents (`Policy::max_documents`), the certificate path as below | `ERR_MDOC_TOO_MANY_DOCUMENTS`, … | `src/mdoc/mod.rs` |
//! | a JWS | [`MAX_JWS_BYTES`] (64 KiB) | `ERR_INPUT_TOO_LARGE` | `src/jose/mod.rs` |
//! | JSON nesting | [`MAX_JSON_DEPTH`] (32) | `ERR_JSON_TOO_DEEP` | `src/jose/mod.rs` |
//! | one certificate | [`MAX_CERT_DER_BYTES`] (16 KiB) | `ERR_CERT_TOO_LARGE` | `src/x509/mod.rs` |
//! | a certificate path | [`PathBudget`]: 5 certificates, 16 signature checks | `ERR_CERT_CHAIN_TOO_LONG`, … | `src/x509/mod.rs` |
//! | an SD-JWT VC presentation | [`SdJwtBudget`]: 256 KiB, 1024 disclosures | `ERR_INPUT_TOO_LARGE`, … | `src/sd_jwt/mod.rs` |
//! | a Status List Token | [`StatusBudget`]: token [`DEFAULT_MAX_TOKEN_BYTES`] (2 MiB), array [`DEFAULT_MAX_DECOMPRESSED_BYTES`] (16 MiB) | `ERR_INPUT_TOO_LARGE`, `ERR_STATUS_LIST_TOO_LARGE` | `src/status/mod.rs` |
//! | a trust list | [`ListBudget`]: [`DEFAULT_MAX_LIST_BYTES`] (2 MiB), [`DEFAULT_MAX_ENTRIES`] (512) entities/services, [`DEFAULT_MAX_CERTS_PER_ENTRY`] (8) certificates per service; sequence ≤ [`MAX_SEQUENCE`] (2^53 − 1) | `ERR_INPUT_TOO_LARGE`, `ERR_TRUST_LIST_TOO_MANY_*`, `ERR_TRUST_LIST_FORMAT` | `src/trust/list.rs` |
//! | an encrypted wallet response | [`MAX_JWE_CHARS`] (6 MiB) for a JWE or `credential.data`, [`MAX_DCAPI_RESPONSE_CHARS`] (~5.3 MiB of base64url: a 4 MiB CBOR envelope) for an ISO 18013-7 Annex C `response` | `ERR_INPUT_TOO_LARGE` | `src/jose/jwe.rs`, `src/hpke/annex_c.rs` |
//! | an ICAO chip dump (feature `chip`) | [`MAX_DUMP_JSON_BYTES`] (2 MiB) of JSON, EF.SOD [`MAX_SOD_BYTES`] (64 KiB), a data group [`MAX_DG_BYTES`] (256 KiB), BER indefinite-length nesting [`BER_MAX_DEPTH`] (32); the DSC's path: 3 certificates, 48 signature checks | `ERR_CHIP_DUMP_FORMAT`, `ERR_CHIP_SOD_FORMAT`, `ERR_CHIP_DG_FORMAT` (`too-large`, `too-deep`), `ERR_CERT_*` | `src/icao/` |
//! | a CSCA master list (feature `chip`) | [`MAX_MASTER_LIST_BYTES`] (8 MiB), [`MAX_MASTER_LIST_CERTS`] (4096) certificates | `ERR_MASTER_LIST_FORMAT` | `src/icao/masterlist.rs` |
//!
//! Not re-exported (internal to their parser): DER nesting in certificates (24,
//! `src/x509/der.rs`), the QR decoder's working resolution and crop sizes and its attempt count
//! (`src/qr/mod.rs`, `DecodeOptions`).

pub use crate::cbor::{Budget as CborBudget, MAX_DEPTH_CEILING as CBOR_MAX_DEPTH_CEILING};
pub use crate::cccd::mrz::MAX_MRZ_BYTES;
pub use crate::cccd::names::MAX_NAME_BYTES;
pub use crate::cccd::MAX_PAYLOAD_BYTES;
#[cfg(feature = "decrypt")]
pub use crate::hpke::annex_c::MAX_RESPONSE_CHARS as MAX_DCAPI_RESPONSE_CHARS;
#[cfg(feature = "decrypt")]
pub use crate::jose::jwe::MAX_JWE_CHARS;
#[cfg(feature = "chip")]
pub use crate::icao::{
    ber::MAX_DEPTH as BER_MAX_DEPTH, dg::MAX_DG_BYTES, sod::MAX_SOD_BYTES, MAX_DUMP_JSON_BYTES,
    MAX_MASTER_LIST_BYTES, MAX_MASTER_LIST_CERTS,
};
#[cfg(feature = "verify")]
pub use crate::jose::{MAX_JSON_DEPTH, MAX_JWS_BYTES};
#[cfg(feature = "mdoc")]
pub use crate::mdoc::DEFAULT_MAX_DOCUMENTS as MDOC_MAX_DOCUMENTS;
pub use crate::qr::{MAX_FINDERS, MAX_IMAGE_FILE_BYTES, MAX_IMAGE_PIXELS};
#[cfg(feature = "verify")]
pub use crate::request::{MAX_ANCHORS, MAX_LEEWAY_SECONDS, MAX_STATUS_LISTS};
#[cfg(feature = "verify")]
pub use crate::sd_jwt::Budget as SdJwtBudget;
#[cfg(feature = "verify")]
pub use crate::status::{StatusBudget, DEFAULT_MAX_DECOMPRESSED_BYTES, DEFAULT_MAX_TOKEN_BYTES};
#[cfg(feature = "verify")]
pub use crate::trust::{
    ListBudget, DEFAULT_MAX_CERTS_PER_ENTRY, DEFAULT_MAX_ENTRIES, DEFAULT_MAX_LIST_BYTES,
    MAX_SEQUENCE,
};
#[cfg(feature = "verify")]
pub use crate::x509::{Budget as PathBudget, MAX_CERT_DER_BYTES};

#[cfg(test)]
mod tests {
    use super::*;

    /// The table above states these numbers; a changed default must change the table too.
    #[test]
    fn the_table_states_the_defaults() {
        assert_eq!(MAX_PAYLOAD_BYTES, 4096);
        assert_eq!(MAX_MRZ_BYTES, 1024);
        assert_eq!(MAX_NAME_BYTES, 1024);
        assert_eq!(MAX_IMAGE_PIXELS, 16 << 20);
        let cbor = CborBudget::default();
        assert_eq!(
            (cbor.max_input_bytes, cbor.max_depth, cbor.max_items),
            (4 << 20, 32, 100_000)
        );
        assert_eq!(
            (cbor.max_string_bytes, CBOR_MAX_DEPTH_CEILING),
            (1 << 20, 256)
        );
    }

    #[cfg(feature = "chip")]
    #[test]
    fn the_table_states_the_chip_defaults() {
        assert_eq!(
            (
                MAX_DUMP_JSON_BYTES,
                MAX_SOD_BYTES,
                MAX_DG_BYTES,
                BER_MAX_DEPTH
            ),
            (2 << 20, 64 << 10, 256 << 10, 32)
        );
        assert_eq!(
            (MAX_MASTER_LIST_BYTES, MAX_MASTER_LIST_CERTS),
            (8 << 20, 4096)
        );
    }

    #[cfg(feature = "verify")]
    #[test]
    fn the_table_states_the_verify_defaults() {
        assert_eq!((MAX_JWS_BYTES, MAX_JSON_DEPTH), (64 << 10, 32));
        assert_eq!(MAX_CERT_DER_BYTES, 16 << 10);
        let path = PathBudget::default();
        assert_eq!((path.max_chain_len, path.max_signature_checks), (5, 16));
        let sd = SdJwtBudget::default();
        assert_eq!((sd.max_bytes, sd.max_disclosures), (256 << 10, 1024));
        let status = StatusBudget::default();
        assert_eq!(
            (status.max_token_bytes, status.max_decompressed_bytes),
            (DEFAULT_MAX_TOKEN_BYTES, DEFAULT_MAX_DECOMPRESSED_BYTES)
        );
        assert_eq!(
            (DEFAULT_MAX_TOKEN_BYTES, DEFAULT_MAX_DECOMPRESSED_BYTES),
            (2 << 20, 16 << 20)
        );
        let list = ListBudget::default();
        assert_eq!(
            (list.max_bytes, list.max_entries, list.max_certs_per_entry),
            (2 << 20, 512, 8)
        );
        assert_eq!(
            (
                DEFAULT_MAX_LIST_BYTES,
                DEFAULT_MAX_ENTRIES,
                DEFAULT_MAX_CERTS_PER_ENTRY
            ),
            (2 << 20, 512, 8)
        );
        assert_eq!(MAX_SEQUENCE, (1 << 53) - 1);
    }

    #[cfg(feature = "decrypt")]
    #[test]
    fn encrypted_response_limits() {
        assert_eq!(MAX_JWE_CHARS, 6 << 20);
        // Whole base64url groups of the CBOR reader's default 4 MiB, and a little more.
        assert!(MAX_DCAPI_RESPONSE_CHARS / 4 * 3 >= CborBudget::default().max_input_bytes);
        assert_eq!(MAX_DCAPI_RESPONSE_CHARS, 5_592_412);
    }

    #[cfg(feature = "mdoc")]
    #[test]
    fn the_table_states_the_mdoc_defaults() {
        assert_eq!(MDOC_MAX_DOCUMENTS, 1);
    }
}
