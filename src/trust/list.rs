//! Signed trust lists: a JSON "List of Trusted Entities" modelled on ETSI TS 119 602's JSON
//! binding (`shared/domain/presentations.md` §4), carried as the payload of a compact JWS. The
//! exact format is in `docs/trust-list.md`; the rules, in order, in [`verify_trust_list`].

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::crypto::Curve;
use crate::date::parse_rfc3339_utc;
use crate::error::Error;
use crate::jose::{b64, Algorithm, Jws};
use crate::wire::wire_struct;
use crate::x509::{KeyKind, Profile, Purpose, TrustAnchor, VerifiedPath};

/// The JWS `typ` of a trust list (our choice; `application/trust-list+jwt` is accepted too,
/// RFC 7515 §4.1.9).
pub const TYP: &str = "trust-list+jwt";

/// `ServiceTypeIdentifier` of a service whose certificates anchor SD-JWT VC issuers
/// ([`Purpose::SdJwtVcIssuer`]).
pub const SVC_TYPE_SD_JWT_VC_ISSUER: &str = "urn:cccd-verify:19602:SvcType:SdJwtVcIssuer";
/// `ServiceTypeIdentifier` of a service whose certificates anchor Token Status List signers
/// ([`Purpose::StatusListIssuer`]).
pub const SVC_TYPE_STATUS_LIST_ISSUER: &str = "urn:cccd-verify:19602:SvcType:StatusListIssuer";
/// `ServiceTypeIdentifier` of a service whose certificates are ISO 18013-5 IACA roots
/// ([`Purpose::MdocIaca`]).
pub const SVC_TYPE_MDOC_IACA: &str = "urn:cccd-verify:19602:SvcType:MdocIaca";

/// The only `LoTEVersionIdentifier` defined (TS 119 602 V1.1.1): a list in another version has
/// other parsing rules.
pub const LOTE_VERSION: u64 = 1;

/// Largest `LoTESequenceNumber` accepted: 2^53 − 1. The number goes back and forth through
/// JavaScript (`accepted.sequence`), whose numbers hold integers exactly only up to 2^53 − 1; a
/// larger one would come back rounded and break every later update (rollback or equivocation).
pub const MAX_SEQUENCE: u64 = (1 << 53) - 1;

/// Default [`ListBudget::max_bytes`]: 2 MiB.
///
/// A service with two EC certificates is about 3.5 KiB of JSON, 4.7 KiB once base64url-encoded
/// in the JWS; 2 MiB holds some 400 of them, ten times the credential issuers and status-list
/// signers a national scheme has, while bounding base64 and JSON work.
pub const DEFAULT_MAX_LIST_BYTES: usize = 2 << 20;
/// Default [`ListBudget::max_entries`]: 512 services.
///
/// Each recognised service costs one certificate parse per certificate, and every later
/// credential check scans the entries; 512 is well above any national issuer list (34
/// provinces and the ministries) and keeps both linear.
pub const DEFAULT_MAX_ENTRIES: usize = 512;
/// Default [`ListBudget::max_certs_per_entry`]: 8.
///
/// One service normally has one CA certificate; a key rollover adds the next one and a
/// re-issued or cross-certified CA one or two more. 8 leaves room for that while keeping the
/// anchors sharing one issuer name (each a signature check in `x509::verify_path`, whose
/// default budget is 16) few.
pub const DEFAULT_MAX_CERTS_PER_ENTRY: usize = 8;

/// Limits on the work a list may cause. `ListBudget::default()` suits national lists; fields can
/// be changed on a value (`let mut b = ListBudget::default(); b.max_entries = 64;`).
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ListBudget {
    /// Largest JWS accepted, in bytes ([`DEFAULT_MAX_LIST_BYTES`]); larger ones fail with
    /// [`Error::InputTooLarge`] before anything is decoded.
    pub max_bytes: usize,
    /// Most trusted entities, and most services over all entities ([`DEFAULT_MAX_ENTRIES`]);
    /// more fail with [`Error::TrustListTooManyEntries`].
    pub max_entries: usize,
    /// Most certificates in one service ([`DEFAULT_MAX_CERTS_PER_ENTRY`]); more fail with
    /// [`Error::TrustListTooManyCerts`].
    pub max_certs_per_entry: usize,
}

impl Default for ListBudget {
    fn default() -> Self {
        ListBudget {
            max_bytes: DEFAULT_MAX_LIST_BYTES,
            max_entries: DEFAULT_MAX_ENTRIES,
            max_certs_per_entry: DEFAULT_MAX_CERTS_PER_ENTRY,
        }
    }
}

/// What the caller last accepted for this list: persist [`TrustList::accepted`] and pass it back
/// on the next update. It is the rollback and equivocation state
/// (`shared/domain/presentations.md` §4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Accepted {
    /// `LoTESequenceNumber` of that list.
    pub sequence: u64,
    /// SHA-256 of the signed payload of that list: the decoded JWS payload bytes, so a list
    /// re-signed with the same content (a new signature, or ECDSA's `s → n − s`) is the same
    /// list. A digest of the whole JWS, as earlier builds stored, is still recognised.
    pub digest: [u8; 32],
}

/// What to do with a list past its `NextUpdate` (`shared/domain/presentations.md` §4, item 4). A
/// stale list that is accepted is never silently treated as fresh: [`TrustList::stale`] says so.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StalePolicy {
    /// Reject once `now` is past `NextUpdate` ([`Error::TrustListStale`]): fail closed.
    Hard,
    /// Accept, flagged stale, until `NextUpdate + seconds`; reject after.
    Grace {
        /// The grace period, seconds.
        seconds: u32,
    },
    /// Accept, flagged stale, however old.
    Warn,
}

impl StalePolicy {
    /// Whether a list with this `next_update` is stale at `now` (`now > next_update`), or
    /// [`Error::TrustListStale`] when the policy does not accept it.
    pub fn check(self, next_update: i64, now: i64) -> Result<bool, Error> {
        if now <= next_update {
            return Ok(false);
        }
        let accepted = match self {
            StalePolicy::Hard => false,
            StalePolicy::Grace { seconds } => now <= next_update.saturating_add(i64::from(seconds)),
            StalePolicy::Warn => true,
        };
        if accepted {
            Ok(true)
        } else {
            Err(Error::TrustListStale { next_update })
        }
    }
}

/// How a trust list is verified: the caller decides everything.
#[derive(Clone, Debug)]
pub struct ListPolicy<'a> {
    /// The pinned list-signer anchors: the `x5c` chain must lead to one held for
    /// [`Purpose::TrustListSigner`]. Anchors of other purposes are never used to accept a list
    /// (they only explain a failure, [`Error::AnchorPurposeMismatch`]).
    pub signers: &'a [TrustAnchor],
    /// What was last accepted for this list, or `None` for the first list.
    pub accepted: Option<Accepted>,
    /// What to do past `NextUpdate`.
    pub stale: StalePolicy,
    /// Current time, seconds since the Unix epoch.
    pub now: i64,
    /// Tolerated clock difference for `ListIssueDateTime` in the future, seconds (negative
    /// counts as 0).
    pub leeway: i64,
    /// Size limits.
    pub budget: ListBudget,
}

/// One service of one trusted entity: the certificates that anchor it, for one purpose.
#[derive(Clone, Debug)]
pub struct Entry {
    names: Vec<(String, String)>,
    purpose: Purpose,
    anchors: Vec<TrustAnchor>,
    vcts: Vec<String>,
}

impl Entry {
    /// The entity's name (`TEName`): the first value the list gives.
    pub fn name(&self) -> &str {
        self.names.first().map_or("", |(_, v)| v.as_str())
    }

    /// Every `TEName`, as `(lang, value)`, in list order.
    pub fn names(&self) -> &[(String, String)] {
        &self.names
    }

    /// What the certificates are trusted for (from `ServiceTypeIdentifier`).
    pub fn purpose(&self) -> Purpose {
        self.purpose
    }

    /// The service's certificates, as trust anchors of [`Entry::purpose`].
    pub fn anchors(&self) -> &[TrustAnchor] {
        &self.anchors
    }

    /// The `vct` values this issuer may issue (empty unless the purpose is
    /// [`Purpose::SdJwtVcIssuer`]).
    pub fn vcts(&self) -> &[String] {
        &self.vcts
    }
}

/// A verified trust list. Only [`verify_trust_list`] makes one.
#[derive(Clone, Debug)]
pub struct TrustList {
    sequence: u64,
    issued_at: i64,
    next_update: i64,
    stale: bool,
    stale_policy: StalePolicy,
    age_seconds: i64,
    scheme_operator: String,
    lote_type: Option<String>,
    entries: Vec<Entry>,
    accepted: Accepted,
    signer: VerifiedPath,
}

impl TrustList {
    /// `LoTESequenceNumber`.
    pub fn sequence(&self) -> u64 {
        self.sequence
    }

    /// `ListIssueDateTime`, seconds since the Unix epoch.
    pub fn issued_at(&self) -> i64 {
        self.issued_at
    }

    /// `NextUpdate`, seconds since the Unix epoch.
    pub fn next_update(&self) -> i64 {
        self.next_update
    }

    /// Whether the list was past `NextUpdate` when it was verified (accepted by
    /// [`StalePolicy::Grace`] or [`StalePolicy::Warn`]). See [`TrustList::check_fresh`] for a
    /// later time.
    pub fn stale(&self) -> bool {
        self.stale
    }

    /// The policy the list was accepted under.
    pub fn stale_policy(&self) -> StalePolicy {
        self.stale_policy
    }

    /// `now - ListIssueDateTime` at verification, seconds (0 for a list dated within the
    /// leeway in the future).
    pub fn age_seconds(&self) -> i64 {
        self.age_seconds
    }

    /// Applies the list's [`StalePolicy`] again at `now`: a list kept in memory goes stale too.
    /// `Ok(stale)`, or [`Error::TrustListStale`].
    pub fn check_fresh(&self, now: i64) -> Result<bool, Error> {
        self.stale_policy.check(self.next_update, now)
    }

    /// `SchemeOperatorName`: the first value the list gives.
    pub fn scheme_operator(&self) -> &str {
        &self.scheme_operator
    }

    /// `LoTEType`, when present.
    pub fn lote_type(&self) -> Option<&str> {
        self.lote_type.as_deref()
    }

    /// The recognised, granted services, in list order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The value to persist and pass back as [`ListPolicy::accepted`] next time.
    pub fn accepted(&self) -> Accepted {
        self.accepted
    }

    /// The certificate path of the list's signer (`x5c[0]`) to the pinned anchor.
    pub fn signer(&self) -> &VerifiedPath {
        &self.signer
    }

    /// Every anchor the list holds for `purpose`, in list order, each certificate once.
    pub fn anchors(&self, purpose: Purpose) -> Vec<TrustAnchor> {
        let mut out: Vec<TrustAnchor> = Vec::new();
        for a in self
            .entries
            .iter()
            .filter(|e| e.purpose == purpose)
            .flat_map(|e| e.anchors.iter())
        {
            if !out.iter().any(|b| b.fingerprint() == a.fingerprint()) {
                out.push(a.clone());
            }
        }
        out
    }

    /// Whether an SD-JWT VC issuer entry holding the anchor with this fingerprint
    /// ([`VerifiedPath::anchor_fingerprint`]) may issue `vct` (exact string match). When one
    /// certificate is in several entries, any of them may allow it.
    pub fn vct_allowed(&self, anchor_fingerprint: [u8; 32], vct: &str) -> bool {
        self.issuer_entry(anchor_fingerprint, vct).is_some()
    }

    /// The first SD-JWT VC issuer entry holding that anchor and allowing `vct`.
    pub(crate) fn issuer_entry(&self, anchor_fingerprint: [u8; 32], vct: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| {
            e.purpose == Purpose::SdJwtVcIssuer
                && e.anchors
                    .iter()
                    .any(|a| a.fingerprint() == anchor_fingerprint)
                && e.vcts.iter().any(|v| v == vct)
        })
    }

    /// The list as JSON (camelCase), for display and the JS API. Fingerprints and the digest
    /// are base64url.
    pub fn to_json(&self) -> Value {
        serde_json::to_value(self.wire()).unwrap_or(Value::Null)
    }

    /// The list's summary as the JS API returns it.
    pub fn wire(&self) -> TrustListJson {
        TrustListJson {
            sequence: self.sequence,
            issued_at: self.issued_at,
            next_update: self.next_update,
            stale: self.stale,
            age_seconds: self.age_seconds,
            scheme_operator: self.scheme_operator.clone(),
            lote_type: self.lote_type.clone(),
            accepted: AcceptedJson {
                sequence: self.accepted.sequence,
                digest: b64::encode_url(&self.accepted.digest),
            },
            signer: SignerJson {
                subject: self.signer.subject().to_owned(),
                anchor_fingerprint: b64::encode_url(&self.signer.anchor_fingerprint()),
            },
            entries: self
                .entries
                .iter()
                .map(|e| EntryJson {
                    name: e.name().to_owned(),
                    purpose: e.purpose.name(),
                    anchors: e
                        .anchors
                        .iter()
                        .map(|a| AnchorJson {
                            subject: a.subject().to_owned(),
                            fingerprint: b64::encode_url(&a.fingerprint()),
                        })
                        .collect(),
                    vcts: e.vcts.clone(),
                })
                .collect(),
        }
    }
}

wire_struct! {
    /// What was accepted last time: store it and pass it back as `accepted` (rollback protection).
    #[ts = "AcceptedTrustList"]
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct AcceptedJson {
        /// `LoTESequenceNumber` (at most 2^53 − 1, so it is exact in a JS number).
        pub sequence: u64,
        /// SHA-256 of the list's signed payload (the decoded JWS payload), base64url: a re-signed list
        /// with the same content is the same list. A stored digest of the whole JWS is still recognised.
        pub digest: String,
    }
}

wire_struct! {
    /// The certificate that signed a trust list, and the pinned anchor it chains to.
    #[ts = "TrustListSigner"]
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct SignerJson {
        /// The signer certificate's subject (RFC 4514 string).
        pub subject: String,
        /// SHA-256 of the pinned anchor certificate, base64url.
        pub anchor_fingerprint: String,
    }
}

wire_struct! {
    /// A trust anchor of a list entry.
    #[ts = "TrustListAnchor"]
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct AnchorJson {
        /// The certificate's subject (RFC 4514 string).
        pub subject: String,
        /// SHA-256 of the certificate, base64url.
        pub fingerprint: String,
    }
}

wire_struct! {
    /// One entity of a trust list, the purpose it is trusted for and its anchors.
    #[ts = "TrustListEntry"]
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct EntryJson {
        /// `TEName`.
        pub name: String,
        /// What the entry's anchors are trusted for.
        pub purpose: &'static str,
        /// The entry's certificates.
        pub anchors: Vec<AnchorJson>,
        /// The credential types (`vct`) the entry may issue.
        pub vcts: Vec<String>,
    }
}

wire_struct! {
    /// A verified signed trust list (docs/trust-list.md), as {@link TrustList} carries it.
    #[ts = "TrustListSummary"]
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct TrustListJson {
        /// `LoTESequenceNumber`.
        pub sequence: u64,
        /// `ListIssueDateTime`, seconds since the Unix epoch.
        pub issued_at: i64,
        /// `NextUpdate`, seconds since the Unix epoch.
        pub next_update: i64,
        /// True when past `NextUpdate` and accepted by the `'warn'` or grace policy.
        pub stale: bool,
        /// Seconds since `ListIssueDateTime`.
        pub age_seconds: i64,
        /// `SchemeOperatorName`.
        pub scheme_operator: String,
        /// `LoTEType`, when present.
        pub lote_type: Option<String>,
        /// Store this; pass it as `accepted` when loading the next list.
        pub accepted: AcceptedJson,
        /// The certificate that signed the list.
        pub signer: SignerJson,
        /// The list's entities.
        pub entries: Vec<EntryJson>,
    }
}

/// Verifies a signed trust list at `policy.now`. The checks, in order (the first failure is
/// returned):
///
/// 1. size: at most [`ListBudget::max_bytes`] ([`Error::InputTooLarge`]);
/// 2. JWS compact form, no unknown `crit`; `alg` is `ES256` (never `none`);
/// 3. header `typ` is [`TYP`] ([`Error::TrustListTyp`]);
/// 4. header `x5c` is present ([`Error::TrustListKeyUnresolved`]) and validates
///    (`x509::verify_path`) to one of `policy.signers` held for [`Purpose::TrustListSigner`];
/// 5. the signature verifies with the key of `x5c[0]`;
/// 6. the payload is the LoTE JSON of `docs/trust-list.md` ([`Error::TrustListFormat`] names
///    the first bad field), within the entry and certificate budgets; every certificate of a
///    recognised, granted service is a valid trust anchor (`TrustAnchor::from_der`);
/// 7. rollback: a lower `LoTESequenceNumber` than `policy.accepted` is rejected
///    ([`Error::TrustListRollback`]); the same number with another signed payload too
///    ([`Error::TrustListEquivocation`]); the same payload again is accepted, whatever its
///    signature;
/// 8. `ListIssueDateTime <= now + leeway` ([`Error::TrustListIssuedInFuture`]);
/// 9. `NextUpdate` by the [`StalePolicy`] ([`Error::TrustListStale`]).
pub fn verify_trust_list(jws: &str, policy: &ListPolicy<'_>) -> Result<TrustList, Error> {
    let parsed = Jws::parse_with_limit(jws, policy.budget.max_bytes)?;
    // Cheap refusals before any certificate work.
    parsed.algorithm(&[Algorithm::Es256])?;
    if !parsed.header_str("typ").is_some_and(is_trust_list_typ) {
        return Err(Error::TrustListTyp);
    }
    let signer = parsed.x5c_signer(
        policy.signers,
        &Profile::trust_list_signer(),
        policy.now,
        Error::TrustListKeyUnresolved,
    )?;
    // Only ES256 is accepted for trust lists: a P-384 signer is refused before verifying.
    if signer.public_key().kind() != KeyKind::Ec(Curve::P256) {
        return Err(Error::JwsAlgorithmNotAllowed);
    }
    parsed.verify(signer.public_key(), &[Algorithm::Es256])?;
    let content = parse_lote(&parsed.claims()?, &policy.budget)?;

    // Equivocation is judged on the signed content, never on the signature: ECDSA signatures
    // are malleable and a list may be re-signed.
    let digest: [u8; 32] = Sha256::digest(&parsed.payload).into();
    // A stored digest of the whole JWS (the earlier rule) still recognises the same bytes.
    let legacy: [u8; 32] = Sha256::digest(jws.as_bytes()).into();
    check_rollback(policy.accepted, content.sequence, &digest, Some(&legacy))?;
    if content.issued_at > policy.now.saturating_add(policy.leeway.max(0)) {
        return Err(Error::TrustListIssuedInFuture {
            issued_at: content.issued_at,
        });
    }
    let stale = policy.stale.check(content.next_update, policy.now)?;
    Ok(TrustList {
        sequence: content.sequence,
        issued_at: content.issued_at,
        next_update: content.next_update,
        stale,
        stale_policy: policy.stale,
        age_seconds: policy.now.saturating_sub(content.issued_at).max(0),
        scheme_operator: content.scheme_operator,
        lote_type: content.lote_type,
        entries: content.entries,
        accepted: Accepted {
            sequence: content.sequence,
            digest,
        },
        signer,
    })
}

/// Rollback and equivocation against what was last accepted: a lower sequence number is
/// [`Error::TrustListRollback`]; the same number with a signed payload whose digest is neither
/// `digest` nor `also` is [`Error::TrustListEquivocation`].
pub(crate) fn check_rollback(
    prev: Option<Accepted>,
    sequence: u64,
    digest: &[u8; 32],
    also: Option<&[u8; 32]>,
) -> Result<(), Error> {
    let Some(prev) = prev else { return Ok(()) };
    if sequence < prev.sequence {
        return Err(Error::TrustListRollback {
            sequence,
            accepted: prev.sequence,
        });
    }
    let same = *digest == prev.digest || also.is_some_and(|d| *d == prev.digest);
    if sequence == prev.sequence && !same {
        return Err(Error::TrustListEquivocation { sequence });
    }
    Ok(())
}

/// Whether a JWS `typ` names `application/trust-list+jwt` (RFC 7515 §4.1.9: the `application/`
/// prefix may be omitted; media types compare case-insensitively).
fn is_trust_list_typ(typ: &str) -> bool {
    let bare = match typ.get(..12) {
        Some(prefix) if prefix.eq_ignore_ascii_case("application/") => typ.get(12..).unwrap_or(""),
        _ => typ,
    };
    bare.eq_ignore_ascii_case(TYP)
}

/// The parsed payload.
struct Content {
    sequence: u64,
    issued_at: i64,
    next_update: i64,
    scheme_operator: String,
    lote_type: Option<String>,
    entries: Vec<Entry>,
}

fn format_error(field: impl Into<String>) -> Error {
    Error::TrustListFormat {
        field: field.into(),
    }
}

fn object<'a>(
    parent: &'a Map<String, Value>,
    key: &str,
    path: &str,
) -> Result<&'a Map<String, Value>, Error> {
    parent
        .get(key)
        .and_then(Value::as_object)
        .ok_or_else(|| format_error(format!("{path}.{key}")))
}

fn array<'a>(parent: &'a Map<String, Value>, key: &str, path: &str) -> Result<&'a [Value], Error> {
    match parent.get(key) {
        Some(Value::Array(a)) if !a.is_empty() => Ok(a),
        _ => Err(format_error(format!("{path}.{key}"))),
    }
}

fn optional_string(
    parent: &Map<String, Value>,
    key: &str,
    path: &str,
) -> Result<Option<String>, Error> {
    match parent.get(key) {
        None => Ok(None),
        Some(Value::String(s)) if !s.is_empty() => Ok(Some(s.clone())),
        Some(_) => Err(format_error(format!("{path}.{key}"))),
    }
}

/// A TS 119 602 multilingual string list: a non-empty array of `{"lang", "value"}`, each a
/// non-empty string. Returned as `(lang, value)`.
fn multilingual(
    parent: &Map<String, Value>,
    key: &str,
    path: &str,
) -> Result<Vec<(String, String)>, Error> {
    array(parent, key, path)?
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let field = |k: &str| {
                item.get(k)
                    .and_then(Value::as_str)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .ok_or_else(|| format_error(format!("{path}.{key}[{i}].{k}")))
            };
            Ok((field("lang")?, field("value")?))
        })
        .collect()
}

fn date_time(parent: &Map<String, Value>, key: &str, path: &str) -> Result<i64, Error> {
    parent
        .get(key)
        .and_then(Value::as_str)
        .and_then(parse_rfc3339_utc)
        .ok_or_else(|| format_error(format!("{path}.{key}")))
}

fn parse_lote(payload: &Map<String, Value>, budget: &ListBudget) -> Result<Content, Error> {
    let lote = payload
        .get("LoTE")
        .and_then(Value::as_object)
        .ok_or_else(|| format_error("LoTE"))?;
    let path = "LoTE.ListAndSchemeInformation";
    let info = object(lote, "ListAndSchemeInformation", "LoTE")?;
    if info.get("LoTEVersionIdentifier").and_then(Value::as_u64) != Some(LOTE_VERSION) {
        return Err(format_error(format!("{path}.LoTEVersionIdentifier")));
    }
    // TS 119 602: 1 at the first release, incremented at each one, never recycled.
    let sequence = info
        .get("LoTESequenceNumber")
        .and_then(Value::as_u64)
        .filter(|&n| (1..=MAX_SEQUENCE).contains(&n))
        .ok_or_else(|| format_error(format!("{path}.LoTESequenceNumber")))?;
    let lote_type = optional_string(info, "LoTEType", path)?;
    let scheme_operator = multilingual(info, "SchemeOperatorName", path)?
        .into_iter()
        .next()
        .map(|(_, v)| v)
        .unwrap_or_default();
    let issued_at = date_time(info, "ListIssueDateTime", path)?;
    let next_update = date_time(info, "NextUpdate", path)?;
    if next_update <= issued_at {
        return Err(format_error(format!("{path}.NextUpdate")));
    }

    // Optional in TS 119 602 (a list may name nobody); an empty array is accepted as the same.
    let entities: &[Value] = match lote.get("TrustedEntitiesList") {
        None => &[],
        Some(Value::Array(a)) => a,
        Some(_) => return Err(format_error("LoTE.TrustedEntitiesList")),
    };
    let too_many = Error::TrustListTooManyEntries {
        max: budget.max_entries,
    };
    if entities.len() > budget.max_entries {
        return Err(too_many);
    }
    let mut services_seen: usize = 0;
    let mut entries = Vec::new();
    for (i, entity) in entities.iter().enumerate() {
        let path = format!("LoTE.TrustedEntitiesList[{i}]");
        let entity = entity
            .as_object()
            .ok_or_else(|| format_error(path.as_str()))?;
        let information = object(entity, "TrustedEntityInformation", &path)?;
        let names = multilingual(
            information,
            "TEName",
            &format!("{path}.TrustedEntityInformation"),
        )?;
        let services = array(entity, "TrustedEntityServices", &path)?;
        for (j, service) in services.iter().enumerate() {
            services_seen = services_seen.saturating_add(1);
            if services_seen > budget.max_entries {
                return Err(too_many);
            }
            let path = format!("{path}.TrustedEntityServices[{j}]");
            let service = service
                .as_object()
                .ok_or_else(|| format_error(path.as_str()))?;
            if let Some(entry) = parse_service(service, &names, &path, budget)? {
                entries.push(entry);
            }
        }
    }
    Ok(Content {
        sequence,
        issued_at,
        next_update,
        scheme_operator,
        lote_type,
        entries,
    })
}

/// One `TrustedEntityService`: `None` when its type is not one of ours or its status is not
/// granted (it is then not trusted, and not checked further).
fn parse_service(
    service: &Map<String, Value>,
    names: &[(String, String)],
    path: &str,
    budget: &ListBudget,
) -> Result<Option<Entry>, Error> {
    let info = object(service, "ServiceInformation", path)?;
    let path = format!("{path}.ServiceInformation");
    let service_type = info
        .get("ServiceTypeIdentifier")
        .and_then(Value::as_str)
        .ok_or_else(|| format_error(format!("{path}.ServiceTypeIdentifier")))?;
    let purpose = match service_type {
        SVC_TYPE_SD_JWT_VC_ISSUER => Purpose::SdJwtVcIssuer,
        SVC_TYPE_STATUS_LIST_ISSUER => Purpose::StatusListIssuer,
        SVC_TYPE_MDOC_IACA => Purpose::MdocIaca,
        // Services for other relying parties (wallet providers, access certificates, …). A list
        // never names trust-list signers: those are pinned by the integrator.
        _ => return Ok(None),
    };
    // TS 119 612-style status URIs end in `/granted`; anything else (withdrawn, suspended, a
    // status we do not know) is not trusted. Absent: the service is current.
    match info.get("ServiceStatus") {
        None => {}
        Some(Value::String(s)) if is_granted(s) => {}
        Some(Value::String(_)) => return Ok(None),
        Some(_) => return Err(format_error(format!("{path}.ServiceStatus"))),
    }

    let identity_path = format!("{path}.ServiceDigitalIdentity");
    let identity = object(info, "ServiceDigitalIdentity", &path)?;
    let certificates = array(identity, "X509Certificates", &identity_path)?;
    if certificates.len() > budget.max_certs_per_entry {
        return Err(Error::TrustListTooManyCerts {
            max: budget.max_certs_per_entry,
        });
    }
    let mut anchors = Vec::with_capacity(certificates.len());
    for (k, c) in certificates.iter().enumerate() {
        let der = c
            .get("val")
            .and_then(Value::as_str)
            .and_then(b64::decode_std)
            .ok_or_else(|| format_error(format!("{identity_path}.X509Certificates[{k}].val")))?;
        anchors.push(TrustAnchor::from_der(&der, purpose)?);
    }

    let vcts = allowed_vcts(info, &path)?;
    let vcts = match (purpose, vcts) {
        (Purpose::SdJwtVcIssuer, Some(v)) => v,
        (Purpose::SdJwtVcIssuer, None) | (_, Some(_)) => {
            return Err(format_error(format!(
                "{path}.ServiceInformationExtensions.AllowedVcts"
            )))
        }
        (_, None) => Vec::new(),
    };
    Ok(Some(Entry {
        names: names.to_vec(),
        purpose,
        anchors,
        vcts,
    }))
}

fn is_granted(status: &str) -> bool {
    status
        .rsplit('/')
        .next()
        .is_some_and(|last| last.eq_ignore_ascii_case("granted"))
}

/// Our `AllowedVcts` extension: `ServiceInformationExtensions` is an array of one-member
/// objects (the TS 119 602 JSON extension point); the one named `AllowedVcts` holds a non-empty
/// array of non-empty strings. Other extensions are ignored; `AllowedVcts` twice is an error.
fn allowed_vcts(info: &Map<String, Value>, path: &str) -> Result<Option<Vec<String>>, Error> {
    let field = format!("{path}.ServiceInformationExtensions");
    let extensions = match info.get("ServiceInformationExtensions") {
        None => return Ok(None),
        Some(Value::Array(a)) => a,
        Some(_) => return Err(format_error(field)),
    };
    let mut found: Option<Vec<String>> = None;
    for (i, ext) in extensions.iter().enumerate() {
        let ext = ext
            .as_object()
            .ok_or_else(|| format_error(format!("{field}[{i}]")))?;
        let Some(value) = ext.get("AllowedVcts") else {
            continue;
        };
        let bad = || format_error(format!("{field}[{i}].AllowedVcts"));
        if found.is_some() {
            return Err(bad());
        }
        let items = match value {
            Value::Array(a) if !a.is_empty() => a,
            _ => return Err(bad()),
        };
        let vcts = items
            .iter()
            .map(|v| {
                v.as_str()
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .ok_or_else(bad)
            })
            .collect::<Result<Vec<_>, _>>()?;
        found = Some(vcts);
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typ_accepts_the_media_type_with_or_without_prefix() {
        assert!(is_trust_list_typ("trust-list+jwt"));
        assert!(is_trust_list_typ("application/trust-list+jwt"));
        assert!(is_trust_list_typ("Application/Trust-List+JWT"));
        for bad in ["jwt", "tl+jwt", "statuslist+jwt", "application/", ""] {
            assert!(!is_trust_list_typ(bad), "{bad}");
        }
    }

    #[test]
    fn stale_policies() {
        let next = 1000;
        for p in [
            StalePolicy::Hard,
            StalePolicy::Grace { seconds: 10 },
            StalePolicy::Warn,
        ] {
            assert_eq!(p.check(next, next), Ok(false));
        }
        let stale = Err(Error::TrustListStale { next_update: next });
        assert_eq!(StalePolicy::Hard.check(next, next + 1), stale);
        assert_eq!(
            StalePolicy::Grace { seconds: 10 }.check(next, next + 10),
            Ok(true)
        );
        assert_eq!(
            StalePolicy::Grace { seconds: 10 }.check(next, next + 11),
            stale
        );
        assert_eq!(StalePolicy::Warn.check(next, i64::MAX), Ok(true));
        assert_eq!(
            StalePolicy::Grace { seconds: u32::MAX }.check(i64::MAX - 1, i64::MAX),
            Ok(true)
        );
    }

    #[test]
    fn status_uris_ending_in_granted() {
        assert!(is_granted(
            "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted"
        ));
        assert!(is_granted("https://yivi.app/19602/Svcstatus/Granted"));
        assert!(is_granted("granted"));
        assert!(!is_granted(
            "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/withdrawn"
        ));
        assert!(!is_granted("https://example/granted/suspended"));
        assert!(!is_granted(""));
    }
}
