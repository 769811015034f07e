//! `verifyChip` as data (like `crate::request` for SD-JWT VCs): the hand-off JSON and the
//! options JSON in, the result JSON out, for the wasm glue, the JS API and the CLI. Options are
//! read strictly ([`crate::request::parse_options`], by hand with the paths and messages of the
//! serde derives below: `tests/options_readers.rs`): a wrong type, an unknown key or a value
//! out of range is an [`OptionsError`] naming the option. Certificates, lists and CRLs are
//! base64 DER, the challenge hex, `now` Unix seconds.

use serde::Deserialize;
use serde_json::Value;

use super::{
    read_master_list, verify_chip, ChipDump, ChipOptions, ChipVerification, CscaStore, DscValidity,
    MasterListPolicy,
};
use crate::error::Error;
use crate::jose::b64;
use crate::read::{as_strings, as_variant, Struct};
use crate::request::{Checked, FromOptions, OptionsError, MAX_ANCHORS};
use crate::x509::{icao_algorithms, Purpose, TrustAnchor};
use crate::CertRef;

/// `trust` of [`ChipRequest`]: pinned CSCAs, or a master list and the CSCAs that sign it.
///
/// `{ cscas: [] }` (no master list) says "I have no CSCA": no public CSCA is known to sign CCCD
/// document signers (`../shared/domain/cccd.md` §5.7), so a relying party without one still
/// checks the data's integrity, and the verdict is `intactIssuerNotVerified` with no issuer
/// check, as without `trust` (CRLs are then unused). `{}` names no trust at all and is refused,
/// as a likely mistake.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ChipTrust {
    /// Pinned CSCA certificates (and link certificates), base64 DER; `Some(vec![])` (given
    /// empty): no CSCA.
    #[serde(default)]
    pub cscas: Option<Vec<String>>,
    /// A CSCA master list, base64.
    #[serde(default)]
    pub master_list: Option<String>,
    /// The CSCA certificates the master list's signer must chain to, base64 DER.
    #[serde(default)]
    pub master_list_signers: Vec<String>,
    /// The oldest master list signing time accepted (Unix seconds): rollback protection.
    #[serde(default)]
    pub min_master_list_signed_at: Option<i64>,
    /// CRLs of the CSCAs, base64 DER.
    #[serde(default)]
    pub crls: Vec<String>,
}

/// When the document signer must be valid (`dscValidity`).
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub enum ValidityName {
    /// At the signing time and now (default).
    #[default]
    SigningTimeAndNow,
    /// At the signing time only.
    SigningTime,
    /// Now only.
    Now,
}

/// `verifyChip` options.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ChipRequest {
    /// Unix seconds.
    pub now: i64,
    /// The CSCAs; without, the verdict is at most `intactIssuerNotVerified`.
    #[serde(default)]
    pub trust: Option<ChipTrust>,
    /// The relying party's Active Authentication challenge, hex.
    #[serde(default)]
    pub challenge: Option<String>,
    /// Accept SHA-1 (default false).
    #[serde(default)]
    pub allow_sha1: bool,
    /// When the document signer must be valid.
    #[serde(default)]
    pub dsc_validity: ValidityName,
    /// A document signer certificate for an EF.SOD that carries none, base64 DER.
    #[serde(default)]
    pub dsc: Option<String>,
    /// The card's QR code text, to cross-check.
    #[serde(default)]
    pub qr: Option<String>,
    /// The printed MRZ (three lines), to cross-check with DG1.
    #[serde(default)]
    pub mrz: Option<String>,
}

// ---- the readers (as the derives above read; `src/read.rs`) ----

impl FromOptions for ChipTrust {
    fn read_at(v: &Value, path: &str) -> Result<Self, OptionsError> {
        let s = Struct::new(
            v,
            path,
            "struct ChipTrust",
            &[
                "cscas",
                "masterList",
                "masterListSigners",
                "minMasterListSignedAt",
                "crls",
            ],
        )?;
        Ok(ChipTrust {
            cscas: s
                .optional("cscas")
                .map(|c| as_strings(c, &s.at("cscas")))
                .transpose()?,
            master_list: s.opt_string("masterList")?,
            master_list_signers: s.strings_or("masterListSigners", &[])?,
            min_master_list_signed_at: s.opt_i64("minMasterListSignedAt")?,
            crls: s.strings_or("crls", &[])?,
        })
    }
}

impl FromOptions for ChipRequest {
    fn read_at(v: &Value, path: &str) -> Result<Self, OptionsError> {
        let s = Struct::new(
            v,
            path,
            "struct ChipRequest",
            &[
                "now",
                "trust",
                "challenge",
                "allowSha1",
                "dscValidity",
                "dsc",
                "qr",
                "mrz",
            ],
        )?;
        Ok(ChipRequest {
            now: s.i64("now")?,
            trust: s
                .optional("trust")
                .map(|t| ChipTrust::read_at(t, &s.at("trust")))
                .transpose()?,
            challenge: s.opt_string("challenge")?,
            allow_sha1: s.bool_or("allowSha1", false)?,
            dsc_validity: match s.get("dscValidity") {
                None => ValidityName::default(),
                Some(d) => as_variant(
                    d,
                    &s.at("dscValidity"),
                    &[
                        ("signingTimeAndNow", ValidityName::SigningTimeAndNow),
                        ("signingTime", ValidityName::SigningTime),
                        ("now", ValidityName::Now),
                    ],
                )?,
            },
            dsc: s.opt_string("dsc")?,
            qr: s.opt_string("qr")?,
            mrz: s.opt_string("mrz")?,
        })
    }
}

fn option(path: &str, message: &str) -> OptionsError {
    OptionsError {
        path: path.to_owned(),
        message: message.to_owned(),
    }
}

impl Checked for ChipRequest {
    fn check(&self) -> Result<(), OptionsError> {
        if let Some(t) = &self.trust {
            match (&t.master_list, &t.cscas) {
                (None, None) => {
                    return Err(option(
                        "trust",
                        "must be { cscas } (an empty list when you have no CSCA: the issuer is then not verified), or { masterList, masterListSigners }",
                    ))
                }
                (Some(_), _) if t.master_list_signers.is_empty() => {
                    return Err(option(
                        "trust.masterListSigners",
                        "must list the CSCA the master list signer chains to",
                    ))
                }
                _ => {}
            }
            if t.cscas.as_ref().map_or(0, Vec::len) > MAX_ANCHORS
                || t.master_list_signers.len() > MAX_ANCHORS
                || t.crls.len() > MAX_ANCHORS
            {
                return Err(option(
                    "trust",
                    &format!("at most {MAX_ANCHORS} certificates or CRLs of each kind"),
                ));
            }
        }
        if let Some(c) = &self.challenge {
            if c.is_empty() || c.len() % 2 != 0 || !c.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(option("challenge", "must be non-empty hex"));
            }
        }
        Ok(())
    }
}

fn der(s: &str, at: CertRef) -> Result<Vec<u8>, Error> {
    b64::decode_std(s).ok_or(Error::CertParse {
        cert: at,
        reason: "malformed",
    })
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .filter_map(|i| s.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()))
        .collect()
}

/// Verifies a chip hand-off (`icao9303-dump/1` JSON) under `options`: the master list first
/// (when given), then [`verify_chip`]. The result as [`ChipVerification`] (`to_json` for JS).
pub fn verify_chip_request(
    dump_json: &str,
    options: &ChipRequest,
) -> Result<ChipVerification, Error> {
    let dump = ChipDump::from_json(dump_json)?;
    let algorithms = icao_algorithms(options.allow_sha1, false);
    let store = match &options.trust {
        // No CSCA (no trust, or `cscas: []` without a master list): the issuer is not checked.
        None => None,
        Some(t) if t.master_list.is_none() && t.cscas.as_ref().is_none_or(Vec::is_empty) => None,
        Some(t) => {
            let cscas: &[String] = t.cscas.as_deref().unwrap_or_default();
            let mut store = match &t.master_list {
                Some(ml) => {
                    let signers = t
                        .master_list_signers
                        .iter()
                        .map(|s| {
                            TrustAnchor::from_der(&der(s, CertRef::Anchor)?, Purpose::IcaoCsca)
                        })
                        .collect::<Result<Vec<_>, Error>>()?;
                    let bytes = b64::decode_std(ml).ok_or(Error::MasterListFormat {
                        offset: 0,
                        reason: "base64",
                    })?;
                    let list = read_master_list(
                        &bytes,
                        &MasterListPolicy {
                            signer_anchors: &signers,
                            now: options.now,
                            min_signed_at: t.min_master_list_signed_at,
                            algorithms: &algorithms,
                        },
                    )?;
                    let mut s = CscaStore::from_master_list(&list);
                    for c in cscas {
                        s.add(&der(c, CertRef::Anchor)?);
                    }
                    s
                }
                None => {
                    let ders = cscas
                        .iter()
                        .map(|c| der(c, CertRef::Anchor))
                        .collect::<Result<Vec<_>, Error>>()?;
                    let refs: Vec<&[u8]> = ders.iter().map(Vec::as_slice).collect();
                    CscaStore::from_certificates(&refs)
                }
            };
            for c in &t.crls {
                store.add_crl(&der(c, CertRef::Anchor)?);
            }
            Some(store)
        }
    };
    let challenge = options.challenge.as_deref().map(hex);
    let dsc = options
        .dsc
        .as_deref()
        .map(|d| der(d, CertRef::Chain(0)))
        .transpose()?;
    // The QR card's date checks use the day in Vietnam (docs/architecture.md, "Time").
    let today = crate::date::vietnam_date(options.now);
    let card = match (&options.qr, today) {
        (Some(q), Some(d)) => Some(crate::parse_qr_text(q, d)?),
        _ => None,
    };
    let mrz = options.mrz.as_deref().map(crate::parse_mrz).transpose()?;
    let mut o = ChipOptions::new(options.now);
    if options.allow_sha1 {
        o = o.allow_sha1();
    }
    o.trust = store.as_ref();
    o.challenge = challenge.as_deref();
    o.validity = match options.dsc_validity {
        ValidityName::SigningTimeAndNow => DscValidity::SigningTimeAndNow,
        ValidityName::SigningTime => DscValidity::SigningTime,
        ValidityName::Now => DscValidity::Now,
    };
    o.dsc = dsc.as_deref();
    o.qr = card.as_ref();
    o.printed_mrz = mrz.as_ref();
    verify_chip(&dump, &o)
}
