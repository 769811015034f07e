//! End-to-end flows with their options as data: "verify this SD-JWT VC under this policy",
//! "load this trust list". The wasm glue (and through it the JS API and the CLI) hands the
//! caller's options here as JSON; they are read into strict types — a wrong type, an unknown
//! key or a value out of range is a [`OptionsError`] naming the option (a `TypeError` in JS) —
//! and every default lives here, once. Each type is read by hand ([`FromOptions`], over
//! `src/read.rs`) with the paths and messages its serde derive gives; the derives are the
//! reference the readers are tested against (`tests/options_readers.rs`), not used to read.
//!
//! The JSON shapes are the JS API's option objects (`js/index.d.ts`), with certificates as
//! base64 DER and `now` as Unix seconds.

use serde::Deserialize;
use serde_json::Value;

use crate::read::{as_unsigned, as_variant, err, Struct};

use crate::jose::Algorithm;
use crate::sd_jwt::{Budget, IssuerBinding, KeyBinding, Policy, SdAlg};
use crate::status::{StatusBudget, StatusPolicy};
use crate::trust::{Accepted, ListBudget, ListPolicy, StalePolicy, TrustList};
use crate::x509::{Purpose, TrustAnchor};
use crate::{Error, ListOrigin};

/// At most this many Status List Tokens per verification.
pub const MAX_STATUS_LISTS: usize = 16;
/// At most this many trust anchors (or pinned signers) per option.
pub const MAX_ANCHORS: usize = 64;
/// The largest `leewaySeconds` accepted (one hour).
pub const MAX_LEEWAY_SECONDS: u32 = 3600;

/// Options that do not fit their type: `path` names the option (`keyBinding.maxAgeSeconds`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionsError {
    /// Where, as a dotted path (`requiredClaims[0]`); empty for the options object itself.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl core::fmt::Display for OptionsError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        if self.path.is_empty() || self.path == "." {
            write!(f, "options: {}", self.message)
        } else {
            write!(f, "options.{}: {}", self.path, self.message)
        }
    }
}

/// Reads options of type `T` from JSON text, strictly: [`FromOptions`], then [`Checked`].
pub fn parse_options<T: FromOptions + Checked>(json: &str) -> Result<T, OptionsError> {
    let value = T::read_at(&crate::read::parse(json)?, "")?;
    value.check()?;
    Ok(value)
}

/// Option types read from parsed JSON by hand (`src/read.rs`), with the paths and messages of
/// their serde derives (which stay as the reference: `tests/options_readers.rs`).
pub trait FromOptions: Sized {
    /// Reads `v`, found at `path` (`""` for the options object itself).
    fn read_at(v: &Value, path: &str) -> Result<Self, OptionsError>;
}

/// Range checks that serde's types cannot express.
pub trait Checked {
    /// `Err` naming the option whose value is out of range.
    fn check(&self) -> Result<(), OptionsError>;
}

fn out_of_range(path: &str, message: &str) -> OptionsError {
    OptionsError {
        path: path.to_owned(),
        message: message.to_owned(),
    }
}

/// How the credential's `iss` is bound to its certificate (`issuerBinding`).
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Binding {
    /// `iss` is an https URL equal to a SAN URI, or whose host is a SAN DNS name (default).
    #[default]
    San,
    /// Not compared: one anchor per issuer.
    Subject,
}

/// `keyBinding`: the nonce and audience the holder must have signed.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct KeyBindingOptions {
    /// The verifier's nonce (non-empty).
    pub nonce: String,
    /// The verifier's audience (non-empty).
    pub audience: String,
    /// Oldest accepted KB-JWT `iat`, seconds before `now` (default 300).
    #[serde(default = "default_max_age")]
    pub max_age_seconds: u32,
}

fn default_max_age() -> u32 {
    300
}

fn default_leeway() -> u32 {
    60
}

/// `algorithms` when not given.
const DEFAULT_ALGORITHMS: &[&str] = &["ES256"];
/// `requiredClaims` when not given.
const DEFAULT_REQUIRED_CLAIMS: &[&str] = &["iss", "vct"];

fn default_algorithms() -> Vec<String> {
    DEFAULT_ALGORITHMS.iter().map(|a| (*a).into()).collect()
}

fn default_required_claims() -> Vec<String> {
    DEFAULT_REQUIRED_CLAIMS
        .iter()
        .map(|c| (*c).into())
        .collect()
}

/// `stale`: what to do past a trust list's `NextUpdate`.
#[derive(Clone, Copy, Debug, Default, Deserialize)]
#[serde(untagged)]
pub enum StaleOptions {
    /// `"hard"` (default) or `"warn"`.
    Named(StaleName),
    /// `{ graceSeconds }`.
    Grace {
        /// Accept, flagged stale, until `NextUpdate` plus this many seconds.
        #[serde(rename = "graceSeconds")]
        grace_seconds: u32,
    },
    /// Absent: `hard`.
    #[default]
    #[serde(skip)]
    Default,
}

/// `"hard"` or `"warn"`.
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StaleName {
    /// Reject.
    Hard,
    /// Accept, flagged stale.
    Warn,
}

/// `accepted`: the rollback state from the last list accepted.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcceptedOptions {
    /// Its `LoTESequenceNumber`.
    pub sequence: u64,
    /// SHA-256 of its signed payload, base64url.
    pub digest: String,
}

/// `loadTrustList` options, and the `trustList` of a verification.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct TrustListOptions {
    /// The list (a compact JWS).
    pub jws: String,
    /// The pinned list-signer certificates, base64 DER.
    pub signers: Vec<String>,
    /// The last accepted state, or `null` for the first list.
    #[serde(default)]
    pub accepted: Option<AcceptedOptions>,
    /// Past `NextUpdate`: `"hard"` (default), `"warn"` or `{ graceSeconds }`.
    #[serde(default)]
    pub stale: StaleOptions,
    /// Tolerated clock difference for an issue date in the future, seconds (default 60).
    #[serde(default = "default_leeway")]
    pub leeway_seconds: u32,
    /// Unix seconds: required by `loadTrustList`, absent inside a verification (which has its own).
    #[serde(default)]
    pub now: Option<i64>,
}

impl Checked for TrustListOptions {
    fn check(&self) -> Result<(), OptionsError> {
        self.check_at("")
    }
}

impl TrustListOptions {
    fn check_at(&self, prefix: &str) -> Result<(), OptionsError> {
        if self.signers.is_empty() || self.signers.len() > MAX_ANCHORS {
            return Err(out_of_range(
                &format!("{prefix}signers"),
                &format!("must list 1 to {MAX_ANCHORS} pinned signer certificates"),
            ));
        }
        if self.leeway_seconds > MAX_LEEWAY_SECONDS {
            return Err(out_of_range(
                &format!("{prefix}leewaySeconds"),
                &format!("must be at most {MAX_LEEWAY_SECONDS}"),
            ));
        }
        if let Some(a) = &self.accepted {
            let digest = crate::jose::b64::decode_url(&a.digest);
            if digest.is_none_or(|d| d.len() != 32) {
                return Err(out_of_range(
                    &format!("{prefix}accepted.digest"),
                    "must be the base64url SHA-256 digest from the list accepted before",
                ));
            }
        }
        Ok(())
    }

    /// Verifies the list at `now` (this list's own `now` when it has one).
    pub fn verify(&self, now: i64) -> Result<TrustList, Error> {
        let signers = anchors(&self.signers, Purpose::TrustListSigner)?;
        let accepted = match &self.accepted {
            None => None,
            Some(a) => Some(Accepted {
                sequence: a.sequence,
                digest: crate::jose::b64::decode_url(&a.digest)
                    .and_then(|d| <[u8; 32]>::try_from(d).ok())
                    // Checked by `check_at`: not reached with parsed options.
                    .ok_or(Error::TrustListFormat {
                        field: "accepted.digest".into(),
                    })?,
            }),
        };
        let stale = match self.stale {
            StaleOptions::Named(StaleName::Warn) => StalePolicy::Warn,
            StaleOptions::Grace { grace_seconds } => StalePolicy::Grace {
                seconds: grace_seconds,
            },
            StaleOptions::Named(StaleName::Hard) | StaleOptions::Default => StalePolicy::Hard,
        };
        let policy = ListPolicy {
            signers: &signers,
            accepted,
            stale,
            now: self.now.unwrap_or(now),
            leeway: i64::from(self.leeway_seconds),
            budget: ListBudget::default(),
        };
        crate::trust::verify_trust_list(self.jws.trim(), &policy)
    }
}

/// `verifySdJwtVc` options.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SdJwtVcOptions {
    /// Issuer trust anchors, base64 DER (unless `trustList` is given).
    #[serde(default)]
    pub anchors: Vec<String>,
    /// Status-list signer anchors, base64 DER.
    #[serde(default)]
    pub status_anchors: Vec<String>,
    /// A trust list naming the issuers instead of `anchors`.
    #[serde(default)]
    pub trust_list: Option<TrustListOptions>,
    /// Unix seconds.
    pub now: i64,
    /// Required, and may be `null` to refuse key binding.
    #[serde(deserialize_with = "Option::deserialize")]
    pub key_binding: Option<KeyBindingOptions>,
    /// Accepted JWS algorithms (default `["ES256"]`).
    #[serde(default = "default_algorithms")]
    pub algorithms: Vec<String>,
    /// How `iss` is bound to the certificate (default `"san"`).
    #[serde(default)]
    pub issuer_binding: Binding,
    /// Accept `typ: vc+sd-jwt` too (default false).
    #[serde(default)]
    pub accept_legacy_typ: bool,
    /// Claims that must be present after processing (default `["iss", "vct"]`).
    #[serde(default = "default_required_claims")]
    pub required_claims: Vec<String>,
    /// Status List Tokens fetched beforehand.
    #[serde(default)]
    pub status_lists: Vec<String>,
    /// Tolerated clock difference, seconds (default 60).
    #[serde(default = "default_leeway")]
    pub leeway_seconds: u32,
    /// What the credential's status may be: `"enforce"` (default: revoked, suspended or any
    /// other non-valid status throws), `"required"` (also throws when the credential refers to a
    /// list that was not given) or `"report"` (never throws for a status; read `status`).
    #[serde(default)]
    pub status: StatusPolicy,
}

impl Checked for SdJwtVcOptions {
    fn check(&self) -> Result<(), OptionsError> {
        if let Some(kb) = &self.key_binding {
            if kb.nonce.is_empty() {
                return Err(out_of_range("keyBinding.nonce", "must not be empty"));
            }
            if kb.audience.is_empty() {
                return Err(out_of_range("keyBinding.audience", "must not be empty"));
            }
        }
        match &self.trust_list {
            Some(t) => {
                t.check_at("trustList.")?;
                if t.now.is_some() {
                    return Err(out_of_range("trustList.now", "is not an option here"));
                }
            }
            None if self.anchors.is_empty() => {
                return Err(out_of_range(
                    "trust",
                    "must be a TrustList or { anchors } with at least one anchor",
                ))
            }
            None => {}
        }
        if self.anchors.len() > MAX_ANCHORS || self.status_anchors.len() > MAX_ANCHORS {
            return Err(out_of_range(
                "trust",
                &format!("at most {MAX_ANCHORS} anchors of each kind"),
            ));
        }
        if self.algorithms.is_empty() {
            return Err(out_of_range(
                "algorithms",
                "must list at least one algorithm",
            ));
        }
        for (i, a) in self.algorithms.iter().enumerate() {
            if Algorithm::from_name(a).is_none() {
                return Err(out_of_range(
                    &format!("algorithms[{i}]"),
                    "must be \"ES256\" or \"ES384\"",
                ));
            }
        }
        if self.status_lists.len() > MAX_STATUS_LISTS {
            return Err(out_of_range(
                "statusLists",
                &format!("at most {MAX_STATUS_LISTS} status lists"),
            ));
        }
        if self.leeway_seconds > MAX_LEEWAY_SECONDS {
            return Err(out_of_range(
                "leewaySeconds",
                &format!("must be at most {MAX_LEEWAY_SECONDS}"),
            ));
        }
        Ok(())
    }
}

// ---- the readers (as the derives above read; `src/read.rs`) ----

/// `issuerBinding`.
fn read_binding(v: &Value, path: &str) -> Result<Binding, OptionsError> {
    as_variant(
        v,
        path,
        &[("san", Binding::San), ("subject", Binding::Subject)],
    )
}

/// `status`.
fn read_status_policy(v: &Value, path: &str) -> Result<StatusPolicy, OptionsError> {
    as_variant(
        v,
        path,
        &[
            ("enforce", StatusPolicy::Enforce),
            ("required", StatusPolicy::Required),
            ("report", StatusPolicy::Report),
        ],
    )
}

/// `stale`: `"hard"`, `"warn"` or `{ graceSeconds }` (only that member).
pub(crate) fn read_stale(v: &Value, path: &str) -> Result<StaleOptions, OptionsError> {
    let grace = |m: &serde_json::Map<String, Value>| match (m.len(), m.get("graceSeconds")) {
        (1, Some(g)) => as_unsigned::<u32>(g, path, "u32").ok(),
        _ => None,
    };
    let stale = match v {
        Value::String(s) if s == "hard" => Some(StaleOptions::Named(StaleName::Hard)),
        Value::String(s) if s == "warn" => Some(StaleOptions::Named(StaleName::Warn)),
        Value::Object(m) => grace(m).map(|grace_seconds| StaleOptions::Grace { grace_seconds }),
        _ => None,
    };
    stale.ok_or_else(|| {
        err(
            path,
            "data did not match any variant of untagged enum StaleOptions",
        )
    })
}

impl FromOptions for AcceptedOptions {
    fn read_at(v: &Value, path: &str) -> Result<Self, OptionsError> {
        let s = Struct::new(v, path, "struct AcceptedOptions", &["sequence", "digest"])?;
        Ok(AcceptedOptions {
            sequence: as_unsigned(s.required("sequence")?, &s.at("sequence"), "u64")?,
            digest: s.string("digest")?,
        })
    }
}

impl FromOptions for KeyBindingOptions {
    fn read_at(v: &Value, path: &str) -> Result<Self, OptionsError> {
        let s = Struct::new(
            v,
            path,
            "struct KeyBindingOptions",
            &["nonce", "audience", "maxAgeSeconds"],
        )?;
        Ok(KeyBindingOptions {
            nonce: s.string("nonce")?,
            audience: s.string("audience")?,
            max_age_seconds: s.unsigned_or("maxAgeSeconds", "u32", default_max_age())?,
        })
    }
}

impl FromOptions for TrustListOptions {
    fn read_at(v: &Value, path: &str) -> Result<Self, OptionsError> {
        let s = Struct::new(
            v,
            path,
            "struct TrustListOptions",
            &[
                "jws",
                "signers",
                "accepted",
                "stale",
                "leewaySeconds",
                "now",
            ],
        )?;
        let jws = s.string("jws")?;
        let m = ListMembers::read(&s)?;
        Ok(TrustListOptions {
            jws,
            signers: m.signers,
            accepted: m.accepted,
            stale: m.stale,
            leeway_seconds: m.leeway_seconds,
            now: m.now,
        })
    }
}

/// The members the options of every signed list share (a JWS trust list's and a VICAL's):
/// `signers`, `accepted`, `stale`, `leewaySeconds`, `now`, read in that order.
pub(crate) struct ListMembers {
    pub signers: Vec<String>,
    pub accepted: Option<AcceptedOptions>,
    pub stale: StaleOptions,
    pub leeway_seconds: u32,
    pub now: Option<i64>,
}

impl ListMembers {
    pub(crate) fn read(s: &Struct) -> Result<ListMembers, OptionsError> {
        Ok(ListMembers {
            signers: crate::read::as_strings(s.required("signers")?, &s.at("signers"))?,
            accepted: s
                .optional("accepted")
                .map(|a| AcceptedOptions::read_at(a, &s.at("accepted")))
                .transpose()?,
            stale: match s.get("stale") {
                None => StaleOptions::Default,
                Some(v) => read_stale(v, &s.at("stale"))?,
            },
            leeway_seconds: s.unsigned_or("leewaySeconds", "u32", default_leeway())?,
            now: s.opt_i64("now")?,
        })
    }
}

impl FromOptions for SdJwtVcOptions {
    fn read_at(v: &Value, path: &str) -> Result<Self, OptionsError> {
        let s = Struct::new(
            v,
            path,
            "struct SdJwtVcOptions",
            &[
                "anchors",
                "statusAnchors",
                "trustList",
                "now",
                "keyBinding",
                "algorithms",
                "issuerBinding",
                "acceptLegacyTyp",
                "requiredClaims",
                "statusLists",
                "leewaySeconds",
                "status",
            ],
        )?;
        let key_binding = s.required("keyBinding")?;
        Ok(SdJwtVcOptions {
            anchors: s.strings_or("anchors", &[])?,
            status_anchors: s.strings_or("statusAnchors", &[])?,
            trust_list: s
                .optional("trustList")
                .map(|t| TrustListOptions::read_at(t, &s.at("trustList")))
                .transpose()?,
            now: s.i64("now")?,
            key_binding: match key_binding {
                Value::Null => None,
                kb => Some(KeyBindingOptions::read_at(kb, &s.at("keyBinding"))?),
            },
            algorithms: s.strings_or("algorithms", DEFAULT_ALGORITHMS)?,
            issuer_binding: s
                .get("issuerBinding")
                .map(|b| read_binding(b, &s.at("issuerBinding")))
                .transpose()?
                .unwrap_or_default(),
            accept_legacy_typ: s.bool_or("acceptLegacyTyp", false)?,
            required_claims: s.strings_or("requiredClaims", DEFAULT_REQUIRED_CLAIMS)?,
            status_lists: s.strings_or("statusLists", &[])?,
            leeway_seconds: s.unsigned_or("leewaySeconds", "u32", default_leeway())?,
            status: s
                .get("status")
                .map(|p| read_status_policy(p, &s.at("status")))
                .transpose()?
                .unwrap_or_default(),
        })
    }
}

fn anchors(list: &[String], purpose: Purpose) -> Result<Vec<TrustAnchor>, Error> {
    list.iter()
        .map(|a| {
            let der = crate::jose::b64::decode_std(a).ok_or(Error::CertParse {
                cert: crate::CertRef::Anchor,
                reason: "malformed",
            })?;
            TrustAnchor::from_der(&der, purpose)
        })
        .collect()
}

/// Verifies an SD-JWT VC presentation under `options`: the issuer against `anchors` or the
/// trust list, then its status against the status lists under the `status` policy
/// ([`StatusPolicy`]: fail closed by default). The result is the JSON the JS API returns
/// (claims, issuer, key binding, trust list, `status`).
pub fn verify_sd_jwt_vc(presentation: &str, options: &SdJwtVcOptions) -> Result<Value, Error> {
    let now = options.now;
    let issuer_anchors = anchors(&options.anchors, Purpose::SdJwtVcIssuer)?;
    let mut status_anchors = anchors(&options.status_anchors, Purpose::StatusListIssuer)?;
    let algorithms: Vec<Algorithm> = options
        .algorithms
        .iter()
        .filter_map(|a| Algorithm::from_name(a))
        .collect();
    let required: Vec<&str> = options.required_claims.iter().map(String::as_str).collect();
    let binding = match options.issuer_binding {
        Binding::San => IssuerBinding::SanUriOrDns,
        Binding::Subject => IssuerBinding::SubjectOnly,
    };
    let policy = Policy {
        algorithms: &algorithms,
        sd_algs: &[SdAlg::Sha256],
        key_binding: options.key_binding.as_ref().map(|kb| KeyBinding {
            nonce: &kb.nonce,
            audience: &kb.audience,
            max_age: i64::from(kb.max_age_seconds),
        }),
        now,
        leeway: i64::from(options.leeway_seconds),
        accept_legacy_typ: options.accept_legacy_typ,
        required_claims: &required,
        budget: Budget::default(),
    };
    // With a trust list, the issuer must be in it (for its vct); otherwise in `anchors`. Its
    // failures are said to be about the trust list: its signer's chain fails with the same codes
    // as the credential's issuer chain.
    let list = match &options.trust_list {
        None => None,
        Some(t) => Some(
            t.verify(now)
                .map_err(|e| Error::in_list(ListOrigin::TrustList, None, e))?,
        ),
    };
    if let Some(l) = &list {
        status_anchors.extend(l.anchors(Purpose::StatusListIssuer));
    }
    let (vc, mut result) = match &list {
        Some(l) => {
            let t = crate::trust::verify_sd_jwt_vc_with_list(presentation, l, binding, &policy)?;
            let wire = t.wire();
            (t.into_vc(), wire)
        }
        None => {
            let v = crate::sd_jwt::verify_vc(presentation, &issuer_anchors, binding, &policy)?;
            let wire = v.wire();
            (v, wire)
        }
    };
    let lists: Vec<&str> = options.status_lists.iter().map(|l| l.trim()).collect();
    let status = crate::status::check_credential_status(
        vc.credential().claims(),
        &lists,
        &status_anchors,
        &algorithms,
        now,
        StatusBudget::default(),
    )?;
    options.status.apply(&status)?;
    result.status = Some(status.wire());
    Ok(serde_json::to_value(result).unwrap_or(Value::Null))
}
