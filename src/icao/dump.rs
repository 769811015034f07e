//! The chip-data hand-off format `icao9303-dump/1` (`docs/chip-data.md`): what a native app
//! or an NFC reader read from the chip, as JSON, for the web page or the relying party's
//! server to verify.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::error::Error;
use crate::jose::b64;

/// The value of `format`.
pub const DUMP_FORMAT: &str = "icao9303-dump/1";

/// Largest hand-off document accepted, in bytes (DG2 faces are 15–30 KB, base64 a third more).
pub const MAX_DUMP_JSON_BYTES: usize = 2 * 1024 * 1024;

/// The chip's answer to an Active Authentication challenge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActiveAuthentication {
    /// The challenge sent to the chip (INTERNAL AUTHENTICATE data, usually 8 bytes).
    pub challenge: Vec<u8>,
    /// The chip's signature.
    pub signature: Vec<u8>,
}

/// What was read from the chip: EF.SOD, EF.COM and the data groups, each exactly as read
/// (outer tag included), and an Active Authentication answer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChipDump {
    /// EF.SOD (tag `0x77` included).
    pub sod: Vec<u8>,
    /// EF.COM, if read (not covered by the SOD; informational).
    pub com: Option<Vec<u8>>,
    /// Data groups by number (1–16).
    pub data_groups: BTreeMap<u8, Vec<u8>>,
    /// Active Authentication, if performed.
    pub active_authentication: Option<ActiveAuthentication>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Json {
    format: String,
    sod: String,
    #[serde(default)]
    com: Option<String>,
    #[serde(default)]
    data_groups: BTreeMap<String, String>,
    #[serde(default)]
    active_authentication: Option<AaJson>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AaJson {
    challenge: String,
    signature: String,
}

fn bad(reason: String) -> Error {
    Error::ChipDumpFormat { reason }
}

fn base64(member: &str, s: &str) -> Result<Vec<u8>, Error> {
    b64::decode_std(s).ok_or_else(|| bad(format!("{member}: not base64")))
}

fn hex(member: &str, s: &str) -> Result<Vec<u8>, Error> {
    let err = || bad(format!("{member}: not hex"));
    if s.len() % 2 != 0 {
        return Err(err());
    }
    (0..s.len())
        .step_by(2)
        .map(|i| {
            s.get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(err)
        })
        .collect()
}

/// The data group number of a file name: `DG1` … `DG16`.
pub(super) fn dg_number(name: &str) -> Option<u8> {
    let n: u8 = name.strip_prefix("DG")?.parse().ok()?;
    ((1..=16).contains(&n) && name == format!("DG{n}")).then_some(n)
}

impl ChipDump {
    /// Reads an `icao9303-dump/1` JSON document (`docs/chip-data.md`): unknown members, an
    /// unknown data group name, base64 that is not canonical standard base64 or a challenge
    /// that is not hex are [`Error::ChipDumpFormat`].
    #[inline(never)]
    pub fn from_json(text: &str) -> Result<ChipDump, Error> {
        if text.len() > MAX_DUMP_JSON_BYTES {
            return Err(bad(format!("larger than {MAX_DUMP_JSON_BYTES} bytes")));
        }
        let j: Json = serde_json::from_str(text).map_err(|e| bad(e.to_string()))?;
        if j.format != DUMP_FORMAT {
            return Err(bad(format!("format: not \"{DUMP_FORMAT}\"")));
        }
        let mut data_groups = BTreeMap::new();
        for (name, value) in &j.data_groups {
            let n =
                dg_number(name).ok_or_else(|| bad(format!("dataGroups.{name}: not DG1…DG16")))?;
            data_groups.insert(n, base64(&format!("dataGroups.{name}"), value)?);
        }
        let active_authentication = match &j.active_authentication {
            None => None,
            Some(aa) => Some(ActiveAuthentication {
                challenge: hex("activeAuthentication.challenge", &aa.challenge)?,
                signature: base64("activeAuthentication.signature", &aa.signature)?,
            }),
        };
        Ok(ChipDump {
            sod: base64("sod", &j.sod)?,
            com: j.com.as_deref().map(|c| base64("com", c)).transpose()?,
            data_groups,
            active_authentication,
        })
    }

    /// Builds a dump from files named as ICAO 9303 Part 10 names the elementary files:
    /// `EF.SOD` / `SOD`, `EF.COM` / `COM`, `EF.DG1` / `DG1` … (an extension such as `.bin` is
    /// ignored, case-insensitive). Other names are [`Error::ChipDumpFormat`]. For the CLI's
    /// folder input; the core reads no files.
    pub fn from_files<'a>(
        files: impl IntoIterator<Item = (&'a str, Vec<u8>)>,
    ) -> Result<ChipDump, Error> {
        let mut dump = ChipDump::default();
        let mut have_sod = false;
        for (name, bytes) in files {
            let stem = name
                .split('.')
                .find(|p| !p.eq_ignore_ascii_case("ef"))
                .unwrap_or_default()
                .to_ascii_uppercase();
            match stem.as_str() {
                "SOD" => {
                    dump.sod = bytes;
                    have_sod = true;
                }
                "COM" => dump.com = Some(bytes),
                other => {
                    let n = dg_number(other)
                        .ok_or_else(|| bad(format!("{name}: not EF.SOD, EF.COM or EF.DG1…16")))?;
                    dump.data_groups.insert(n, bytes);
                }
            }
        }
        if !have_sod {
            return Err(bad("no EF.SOD".to_owned()));
        }
        Ok(dump)
    }
}
