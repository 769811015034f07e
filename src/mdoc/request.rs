//! "Verify this DeviceResponse under these options", with the options as JSON text: what the
//! wasm glue (and through it the JS API and the CLI's `--format mdoc`) hands over, read as
//! strictly as `crate::request` reads the SD-JWT VC options (unknown keys, wrong types and
//! out-of-range values are an [`OptionsError`] naming the option). Certificates are base64 DER,
//! byte strings base64url, `now` Unix seconds.
//!
//! ```json
//! { "anchors": ["MIIB…"], "now": 1767312000,
//!   "transcript": { "dcapi": { "encryptionInfo": "gmVkY2Fwa…", "origin": "https://rp.example" } },
//!   "docType": "org.iso.18013.5.1.mDL", "allowDeviceMac": false }
//! ```
//!
//! `transcript` is one of `{ "bytes": base64url }` (SessionTranscript CBOR as given, bare or
//! tag-24), `{ "dcapi": { encryptionInfo, origin } }`, `{ "openid4vpDcApi": { origin, nonce,
//! jwkThumbprint? } }`, `{ "openid4vpRedirect": { clientId, nonce, jwkThumbprint?, responseUri }
//! }` (`jwkThumbprint`: base64url of the 32-byte RFC 7638 thumbprint).
//!
//! IACAs come from `anchors`, from a JSON trust list (`trustList`, its `mdocIaca` entries; the
//! options of `crate::request::TrustListOptions`) and from a VICAL (`vical`: [`VicalOptions`]);
//! an IACA that only the VICAL gives may sign only the docTypes its entry lists
//! (`ERR_TRUST_LIST_DOCTYPE_NOT_ALLOWED`).
//!
//! The options are read by hand ([`FromOptions`]), with the paths and messages of their serde
//! derives (the reference, `tests/options_readers.rs`).

use serde::Deserialize;
use serde_json::Value;

use super::{verify_device_response, Policy, SessionTranscript, VerifiedDeviceResponse};
use crate::jose::b64;
use crate::read::{as_string, err, Struct};
use crate::request::{
    AcceptedOptions, Checked, FromOptions, ListMembers, OptionsError, StaleName, StaleOptions,
    TrustListOptions, MAX_ANCHORS, MAX_LEEWAY_SECONDS,
};
use crate::trust::{Accepted, ListBudget, ListPolicy, StalePolicy, Vical};
use crate::x509::{Purpose, TrustAnchor};
use crate::{CertRef, Error, ListOrigin};

/// How the SessionTranscript is obtained (see the module docs).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub enum TranscriptOptions {
    /// The SessionTranscript's CBOR bytes, base64url.
    Bytes(String),
    /// ISO 18013-7 Annex C.
    #[serde(rename_all = "camelCase")]
    Dcapi {
        /// The request's `encryptionInfo`, as sent.
        encryption_info: String,
        /// The caller's origin.
        origin: String,
    },
    /// OpenID4VP 1.0 over the Digital Credentials API.
    #[serde(rename_all = "camelCase")]
    Openid4vpDcApi {
        /// The caller's origin (no `origin:` prefix).
        origin: String,
        /// The request nonce.
        nonce: String,
        /// base64url RFC 7638 thumbprint of the encryption key, for encrypted responses.
        #[serde(default)]
        jwk_thumbprint: Option<String>,
    },
    /// OpenID4VP 1.0 redirect flows.
    #[serde(rename_all = "camelCase")]
    Openid4vpRedirect {
        /// The Client Identifier.
        client_id: String,
        /// The request nonce.
        nonce: String,
        /// base64url RFC 7638 thumbprint of the encryption key, for encrypted responses.
        #[serde(default)]
        jwk_thumbprint: Option<String>,
        /// The `response_uri`.
        response_uri: String,
    },
}

/// Options of an mdoc DeviceResponse verification.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct MdocOptions {
    /// IACA roots, base64 DER.
    #[serde(default)]
    pub anchors: Vec<String>,
    /// Document Signer certificates trusted as they are, base64 DER.
    #[serde(default)]
    pub pinned_signers: Vec<String>,
    /// Unix seconds.
    pub now: i64,
    /// The transcript of this request.
    pub transcript: TranscriptOptions,
    /// The reader's ephemeral P-256 private key, base64url (32 bytes), for deviceMac.
    #[serde(default)]
    pub reader_key: Option<String>,
    /// Accept deviceMac (default true; false for Digital Credentials API flows).
    #[serde(default = "yes")]
    pub allow_device_mac: bool,
    /// The docType asked for.
    #[serde(default)]
    pub doc_type: Option<String>,
    /// Most documents accepted (default 1, at most 16).
    #[serde(default = "one")]
    pub max_documents: usize,
    /// Leave unauthorized device-signed elements out instead of refusing (default false).
    #[serde(default)]
    pub drop_unauthorized_device_elements: bool,
    /// A VICAL whose IACAs are anchors too, each for the docTypes its entry lists.
    #[serde(default)]
    pub vical: Option<VicalOptions>,
    /// A signed JSON trust list whose `mdocIaca` entries are anchors too (any docType).
    #[serde(default)]
    pub trust_list: Option<TrustListOptions>,
}

/// A VICAL and how to accept it: `verifyVical`'s options, and the `vical` of an mdoc
/// verification (the same keys as the JSON trust list's options, `docs/trust-list.md`).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct VicalOptions {
    /// The VICAL as published (COSE_Sign1 CBOR), base64url; required inside an mdoc
    /// verification, absent when the bytes come apart ([`VicalOptions::verify_bytes`]).
    #[serde(default)]
    pub vical: Option<String>,
    /// Pinned roots of the VICAL signer, base64 DER.
    pub signers: Vec<String>,
    /// The last accepted state (`sequence` = its `vicalIssueID`), or `null` for the first.
    #[serde(default)]
    pub accepted: Option<AcceptedOptions>,
    /// Past `nextUpdate`: `"hard"` (default), `"warn"` or `{ graceSeconds }`.
    #[serde(default)]
    pub stale: StaleOptions,
    /// Tolerated clock difference for a `date` in the future, seconds (default 60).
    #[serde(default = "sixty")]
    pub leeway_seconds: u32,
    /// Unix seconds: required by `verifyVical`, absent inside an mdoc verification.
    #[serde(default)]
    pub now: Option<i64>,
}

fn sixty() -> u32 {
    60
}

impl VicalOptions {
    fn check_at(&self, prefix: &str) -> Result<(), OptionsError> {
        if self.signers.is_empty() || self.signers.len() > MAX_ANCHORS {
            return Err(bad(
                &format!("{prefix}signers"),
                &format!("must list 1 to {MAX_ANCHORS} pinned VICAL signer root certificates"),
            ));
        }
        if self
            .vical
            .as_deref()
            .is_some_and(|v| b64::decode_url(v).is_none())
        {
            return Err(bad(&format!("{prefix}vical"), "must be base64url"));
        }
        if self.leeway_seconds > MAX_LEEWAY_SECONDS {
            return Err(bad(
                &format!("{prefix}leewaySeconds"),
                &format!("must be at most {MAX_LEEWAY_SECONDS}"),
            ));
        }
        if let Some(a) = &self.accepted {
            if b64::decode_url(&a.digest).is_none_or(|d| d.len() != 32) {
                return Err(bad(
                    &format!("{prefix}accepted.digest"),
                    "must be the base64url SHA-256 digest from the VICAL accepted before",
                ));
            }
        }
        Ok(())
    }

    /// Verifies the VICAL of `self.vical` at `now` (its own `now` when it has one).
    pub fn verify(&self, now: i64) -> Result<Vical, Error> {
        let bytes = self
            .vical
            .as_deref()
            .and_then(b64::decode_url)
            .ok_or_else(|| Error::TrustListFormat {
                field: "vical".to_owned(),
            })?;
        self.verify_bytes(&bytes, now)
    }

    /// Verifies the VICAL `bytes` at `now` (its own `now` when it has one).
    pub fn verify_bytes(&self, bytes: &[u8], now: i64) -> Result<Vical, Error> {
        let signers = certificates(&self.signers)?
            .iter()
            .map(|der| TrustAnchor::from_der(der, Purpose::TrustListSigner))
            .collect::<Result<Vec<_>, _>>()?;
        let format = |field: &str| Error::TrustListFormat {
            field: field.to_owned(),
        };
        let accepted = match &self.accepted {
            None => None,
            Some(a) => Some(Accepted {
                sequence: a.sequence,
                digest: b64::decode_url(&a.digest)
                    .and_then(|d| <[u8; 32]>::try_from(d).ok())
                    .ok_or_else(|| format("accepted.digest"))?,
            }),
        };
        let stale = match self.stale {
            StaleOptions::Named(StaleName::Warn) => StalePolicy::Warn,
            StaleOptions::Grace { grace_seconds } => StalePolicy::Grace {
                seconds: grace_seconds,
            },
            StaleOptions::Named(StaleName::Hard) | StaleOptions::Default => StalePolicy::Hard,
        };
        crate::trust::verify_vical(
            bytes,
            &ListPolicy {
                signers: &signers,
                accepted,
                stale,
                now: self.now.unwrap_or(now),
                leeway: i64::from(self.leeway_seconds),
                budget: ListBudget::default(),
            },
        )
    }
}

impl Checked for VicalOptions {
    fn check(&self) -> Result<(), OptionsError> {
        self.check_at("")
    }
}

fn yes() -> bool {
    true
}

fn one() -> usize {
    super::DEFAULT_MAX_DOCUMENTS
}

/// The largest `maxDocuments` accepted.
pub const MAX_DOCUMENTS_OPTION: usize = 16;

fn bad(path: &str, message: &str) -> OptionsError {
    OptionsError {
        path: path.to_owned(),
        message: message.to_owned(),
    }
}

fn thumbprint(t: &Option<String>, path: &str) -> Result<Option<Vec<u8>>, OptionsError> {
    match t {
        None => Ok(None),
        Some(s) => match b64::decode_url(s) {
            Some(b) if b.len() == 32 => Ok(Some(b)),
            _ => Err(bad(path, "must be base64url of 32 bytes")),
        },
    }
}

impl TranscriptOptions {
    /// The transcript (its inputs were checked with the options).
    fn build(&self) -> Result<SessionTranscript, Error> {
        let bad = || Error::MdocSessionTranscript { reason: "format" };
        let tp = |t: &Option<String>| thumbprint(t, "").map_err(|_| bad());
        Ok(match self {
            TranscriptOptions::Bytes(b) => {
                SessionTranscript::from_bytes(&b64::decode_url(b).ok_or_else(bad)?)?
            }
            TranscriptOptions::Dcapi {
                encryption_info,
                origin,
            } => SessionTranscript::dcapi(encryption_info, origin),
            TranscriptOptions::Openid4vpDcApi {
                origin,
                nonce,
                jwk_thumbprint,
            } => SessionTranscript::oid4vp_dc_api(origin, nonce, tp(jwk_thumbprint)?.as_deref()),
            TranscriptOptions::Openid4vpRedirect {
                client_id,
                nonce,
                jwk_thumbprint,
                response_uri,
            } => SessionTranscript::oid4vp_redirect(
                client_id,
                nonce,
                tp(jwk_thumbprint)?.as_deref(),
                response_uri,
            ),
        })
    }
}

impl Checked for MdocOptions {
    fn check(&self) -> Result<(), OptionsError> {
        if self.anchors.is_empty()
            && self.pinned_signers.is_empty()
            && self.vical.is_none()
            && self.trust_list.is_none()
        {
            return Err(bad(
                "anchors",
                "must list at least one IACA (or pinnedSigners one Document Signer, or give a vical or trustList)",
            ));
        }
        if let Some(v) = &self.vical {
            v.check_at("vical.")?;
            if v.now.is_some() {
                return Err(bad("vical.now", "is not an option here"));
            }
            if v.vical.is_none() {
                return Err(bad("vical.vical", "must be the VICAL, base64url"));
            }
        }
        if let Some(t) = &self.trust_list {
            t.check()
                .map_err(|e| bad(&format!("trustList.{}", e.path), &e.message))?;
            if t.now.is_some() {
                return Err(bad("trustList.now", "is not an option here"));
            }
        }
        if self.anchors.len() > MAX_ANCHORS || self.pinned_signers.len() > MAX_ANCHORS {
            return Err(bad(
                "anchors",
                &format!("at most {MAX_ANCHORS} anchors of each kind"),
            ));
        }
        if self.max_documents == 0 || self.max_documents > MAX_DOCUMENTS_OPTION {
            return Err(bad(
                "maxDocuments",
                &format!("must be 1 to {MAX_DOCUMENTS_OPTION}"),
            ));
        }
        if let Some(k) = &self.reader_key {
            if b64::decode_url(k).map(|b| b.len()) != Some(32) {
                return Err(bad("readerKey", "must be base64url of 32 bytes"));
            }
        }
        match &self.transcript {
            TranscriptOptions::Bytes(b) => {
                if b64::decode_url(b).is_none() {
                    return Err(bad("transcript.bytes", "must be base64url"));
                }
            }
            TranscriptOptions::Dcapi { origin, .. }
            | TranscriptOptions::Openid4vpDcApi { origin, .. }
                if origin.is_empty() =>
            {
                return Err(bad("transcript.origin", "must not be empty"));
            }
            TranscriptOptions::Openid4vpDcApi { jwk_thumbprint, .. } => {
                thumbprint(jwk_thumbprint, "transcript.openid4vpDcApi.jwkThumbprint")?;
            }
            TranscriptOptions::Openid4vpRedirect { jwk_thumbprint, .. } => {
                thumbprint(jwk_thumbprint, "transcript.openid4vpRedirect.jwkThumbprint")?;
            }
            TranscriptOptions::Dcapi { .. } => {}
        }
        Ok(())
    }
}

fn certificates(list: &[String]) -> Result<Vec<Vec<u8>>, Error> {
    list.iter()
        .map(|a| {
            b64::decode_std(a).ok_or(Error::CertParse {
                cert: CertRef::Anchor,
                reason: "malformed",
            })
        })
        .collect()
}

// ---- the readers (as the derives above read; `src/read.rs`) ----

impl FromOptions for TranscriptOptions {
    /// An object of one member naming the variant (anything else is serde_json's `expected
    /// value`; a variant's name alone, serde's `invalid type: unit variant`).
    fn read_at(v: &Value, path: &str) -> Result<Self, OptionsError> {
        const VARIANTS: [&str; 4] = ["bytes", "dcapi", "openid4vpDcApi", "openid4vpRedirect"];
        let (name, inner) = match v {
            Value::Object(m) if m.len() == 1 => match m.iter().next() {
                Some((k, inner)) => (k.as_str(), Some(inner)),
                None => return Err(err(path, "expected value")),
            },
            Value::String(k) => (k.as_str(), None),
            _ => return Err(err(path, "expected value")),
        };
        if !VARIANTS.contains(&name) {
            return Err(err(
                path,
                &format!(
                    "unknown variant `{name}`, expected one of `bytes`, `dcapi`, `openid4vpDcApi`, `openid4vpRedirect`"
                ),
            ));
        }
        let at = crate::read::join(path, name);
        let Some(inner) = inner else {
            let kind = if name == "bytes" { "newtype" } else { "struct" };
            return Err(err(
                &at,
                &format!("invalid type: unit variant, expected {kind} variant"),
            ));
        };
        let fields = |expected: &str, fields: &[&str]| Struct::new(inner, &at, expected, fields);
        Ok(match name {
            "bytes" => TranscriptOptions::Bytes(as_string(inner, &at)?),
            "dcapi" => {
                let s = fields(
                    "struct variant TranscriptOptions::Dcapi",
                    &["encryptionInfo", "origin"],
                )?;
                TranscriptOptions::Dcapi {
                    encryption_info: s.string("encryptionInfo")?,
                    origin: s.string("origin")?,
                }
            }
            "openid4vpDcApi" => {
                let s = fields(
                    "struct variant TranscriptOptions::Openid4vpDcApi",
                    &["origin", "nonce", "jwkThumbprint"],
                )?;
                TranscriptOptions::Openid4vpDcApi {
                    origin: s.string("origin")?,
                    nonce: s.string("nonce")?,
                    jwk_thumbprint: s.opt_string("jwkThumbprint")?,
                }
            }
            _ => {
                let s = fields(
                    "struct variant TranscriptOptions::Openid4vpRedirect",
                    &["clientId", "nonce", "jwkThumbprint", "responseUri"],
                )?;
                TranscriptOptions::Openid4vpRedirect {
                    client_id: s.string("clientId")?,
                    nonce: s.string("nonce")?,
                    jwk_thumbprint: s.opt_string("jwkThumbprint")?,
                    response_uri: s.string("responseUri")?,
                }
            }
        })
    }
}

impl FromOptions for VicalOptions {
    fn read_at(v: &Value, path: &str) -> Result<Self, OptionsError> {
        let s = Struct::new(
            v,
            path,
            "struct VicalOptions",
            &[
                "vical",
                "signers",
                "accepted",
                "stale",
                "leewaySeconds",
                "now",
            ],
        )?;
        let vical = s.opt_string("vical")?;
        let m = ListMembers::read(&s)?;
        Ok(VicalOptions {
            vical,
            signers: m.signers,
            accepted: m.accepted,
            stale: m.stale,
            leeway_seconds: m.leeway_seconds,
            now: m.now,
        })
    }
}

impl FromOptions for MdocOptions {
    fn read_at(v: &Value, path: &str) -> Result<Self, OptionsError> {
        let s = Struct::new(
            v,
            path,
            "struct MdocOptions",
            &[
                "anchors",
                "pinnedSigners",
                "now",
                "transcript",
                "readerKey",
                "allowDeviceMac",
                "docType",
                "maxDocuments",
                "dropUnauthorizedDeviceElements",
                "vical",
                "trustList",
            ],
        )?;
        Ok(MdocOptions {
            anchors: s.strings_or("anchors", &[])?,
            pinned_signers: s.strings_or("pinnedSigners", &[])?,
            now: s.i64("now")?,
            transcript: TranscriptOptions::read_at(s.required("transcript")?, &s.at("transcript"))?,
            reader_key: s.opt_string("readerKey")?,
            allow_device_mac: s.bool_or("allowDeviceMac", yes())?,
            doc_type: s.opt_string("docType")?,
            max_documents: s.unsigned_or("maxDocuments", "usize", one())?,
            drop_unauthorized_device_elements: s
                .bool_or("dropUnauthorizedDeviceElements", false)?,
            vical: s
                .optional("vical")
                .map(|t| VicalOptions::read_at(t, &s.at("vical")))
                .transpose()?,
            trust_list: s
                .optional("trustList")
                .map(|t| TrustListOptions::read_at(t, &s.at("trustList")))
                .transpose()?,
        })
    }
}

/// Verifies a DeviceResponse (CBOR bytes) under `options` (read with
/// [`crate::request::parse_options`]).
pub fn verify_mdoc(
    response: &[u8],
    options: &MdocOptions,
) -> Result<VerifiedDeviceResponse, Error> {
    let mut anchors = certificates(&options.anchors)?
        .iter()
        .map(|der| TrustAnchor::from_der(der, Purpose::MdocIaca))
        .collect::<Result<Vec<_>, _>>()?;
    // IACAs from a trust list (any docType) and from a VICAL (the docTypes of their entries).
    // An IACA also given in `anchors` or the trust list is not restricted by the VICAL.
    if let Some(t) = &options.trust_list {
        let list = t
            .verify(options.now)
            .map_err(|e| Error::in_list(ListOrigin::TrustList, None, e))?;
        for a in list.anchors(Purpose::MdocIaca) {
            if !anchors.iter().any(|b| b.fingerprint() == a.fingerprint()) {
                anchors.push(a);
            }
        }
    }
    let mut limits: Vec<([u8; 32], Vec<String>)> = Vec::new();
    if let Some(v) = &options.vical {
        let vical = v
            .verify(options.now)
            .map_err(|e| Error::in_list(ListOrigin::TrustList, None, e))?;
        for a in vical.anchors() {
            let fingerprint = a.fingerprint();
            if anchors.iter().any(|b| b.fingerprint() == fingerprint) {
                continue;
            }
            let types = vical.doc_types(fingerprint).unwrap_or_default();
            limits.push((fingerprint, types.into_iter().map(str::to_owned).collect()));
            anchors.push(a);
        }
    }
    let pinned_der = certificates(&options.pinned_signers)?;
    let pinned: Vec<&[u8]> = pinned_der.iter().map(Vec::as_slice).collect();
    let reader = options.reader_key.as_deref().and_then(b64::decode_url);
    let transcript = options.transcript.build()?;
    let mut policy = Policy::new(options.now, &anchors, &transcript);
    policy.pinned_signers = &pinned;
    policy.reader_key = reader.as_deref();
    policy.allow_device_mac = options.allow_device_mac;
    policy.doc_type = options.doc_type.as_deref();
    policy.max_documents = options.max_documents;
    policy.drop_unauthorized_device_elements = options.drop_unauthorized_device_elements;
    policy.doc_type_limits = &limits;
    verify_device_response(response, &policy)
}
