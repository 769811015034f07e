//! Offline reading and checking of Vietnamese CCCD / Căn cước identity data.
//!
//! ```
//! use cccd_verify::{parse_qr_text, Date};
//!
//! let now = Date::new(2026, 11, 27).unwrap();
//! let card = parse_qr_text(
//!     "001090000123|012345678|Nguyễn Văn An|15031990|Nam|Số 1 Ngõ 2, Phường Láng Hạ, Quận Đống Đa, Hà Nội|20042021",
//!     now,
//! )?;
//! assert_eq!(card.name.given, "An");
//! assert_eq!(card.expiry.date(), Date::new(2030, 3, 15));
//! assert!(card.is_valid());
//! # Ok::<(), cccd_verify::Error>(())
//! ```
//!
//! The QR code is **unsigned**: a [`Card`] is what the code says, not proof of identity.
//! The core never reads the clock: `now` is always a parameter.
#![cfg_attr(
    test,
    allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::expect_used)
)]

pub mod budget;
pub mod cbor;
mod cccd;
#[cfg(feature = "mdoc")]
pub mod cose;
#[cfg(feature = "crypto")]
pub mod crypto;
mod date;
#[cfg(feature = "dcapi")]
pub mod dcapi;
mod error;
#[cfg(feature = "decrypt")]
pub mod hpke;
/// ICAO 9303 chip verification (feature `chip`).
#[cfg(feature = "chip")]
pub mod icao;
#[cfg(feature = "verify")]
pub mod jose;
#[cfg(feature = "mdoc")]
pub mod mdoc;
mod purpose;
pub mod qr;
#[cfg(feature = "verify")]
mod read;
#[cfg(feature = "verify")]
pub mod request;
#[cfg(feature = "verify")]
pub mod sd_jwt;
mod sort;
#[cfg(feature = "verify")]
pub mod status;
#[cfg(feature = "verify")]
pub mod trust;
mod unicode;
#[cfg(target_arch = "wasm32")]
mod wasm;
/// Wire types and their TypeScript declarations (`js/types.d.ts`), for the generator only.
#[doc(hidden)]
pub mod wire;
#[cfg(feature = "verify")]
pub mod x509;

pub use cccd::charset::Repair;
pub use cccd::expiry::{Expiry, Law};
pub use cccd::findings::{Finding, Severity};
pub use cccd::id_number::{IdNumber, Place};
pub use cccd::mrz::{check_digit, cross_check, parse_mrz, Mrz};
pub use cccd::names::{
    compare_names, fold_name, icao_transliterate, normalize_name, Name, NameMatch, MAX_NAME_BYTES,
};
pub use cccd::{
    parse_qr_bytes, parse_qr_text, Card, Generation, PartialDate, Sex, MAX_PAYLOAD_BYTES,
};
pub use date::{Date, Now};
/// The error table's metadata (`src/error/table.rs`), for the generator and tests only.
#[doc(hidden)]
pub use error::meta as error_codes;
pub use error::{CertRef, Error, Field, KeyUsageBit, Lang, ListOrigin, MrzField};
