//! Offline revocation checking with the IETF Token Status List (draft-ietf-oauth-status-list,
//! JWT form; digest in `shared/domain/presentations.md` §5.1). The caller supplies the Status
//! List Token (synced by its backend, stapled by the wallet, …): nothing is ever fetched, and
//! the clock is a parameter. See `docs/status-list.md`.
//!
//! ```no_run
//! use cccd_verify::jose::{Algorithm, PublicKey};
//! use cccd_verify::status::{check_status, StatusBudget, StatusListToken, StatusOutcome, StatusReference};
//! use serde_json::Value;
//!
//! # fn demo(claims: &serde_json::Map<String, Value>, list_jwt: &str, key: &PublicKey, now: i64)
//! #     -> Result<(), cccd_verify::Error> {
//! // The verified credential's `status` claim names the list (`uri`) and the entry (`idx`).
//! if let Some(reference) = StatusReference::from_claim(claims.get("status"))? {
//!     let list = StatusListToken::verify(
//!         list_jwt, key, &[Algorithm::Es256], now, &reference.uri, StatusBudget::default(),
//!     )?;
//!     match check_status(claims.get("status"), Some(&list))? {
//!         StatusOutcome::Checked { status, .. } if status.is_valid() => { /* not revoked */ }
//!         other => { /* revoked, suspended, or another status: see `other` */ let _ = other; }
//!     }
//! }
//! # Ok(()) }
//! ```
//!
//! What [`StatusListToken::verify`] checks, in order (the first failure is returned):
//! 1. size: the token is at most [`StatusBudget::max_token_bytes`];
//! 2. JWS: compact form, no unknown `crit`, `alg` in the caller's allow-list (never `none`),
//!    signature by the given key;
//! 3. header `typ` is `statuslist+jwt` (or the same media type written
//!    `application/statuslist+jwt`, RFC 7515 §4.1.9);
//! 4. `sub` is a string equal, byte for byte, to the `uri` the credential references;
//! 5. `iat` is present (a NumericDate; like `exp` and `nbf`, rounded down to whole seconds);
//! 6. `exp`, if present: `now < exp` (RFC 7519 §4.1.4);
//! 7. `nbf`, if present: `nbf <= now` (RFC 7519 §4.1.5);
//! 8. `ttl`, if present, is a positive integer, and the list is not stale by the
//!    [`TtlPolicy`] of the budget (default: stale once `iat + ttl < now`);
//! 9. `status_list` is an object with `bits` ∈ {1, 2, 4, 8} and `lst` = base64url (no padding)
//!    of a zlib stream (RFC 1950) that inflates to at most
//!    [`StatusBudget::max_decompressed_bytes`], with a valid Adler-32 and no trailing bytes.

mod inflate;

use serde_json::{Map, Value};

use crate::date::numeric_date;
use crate::error::{Error, ListOrigin};
use crate::jose::{b64, Algorithm, Jws, PublicKey};
use crate::x509::{Profile, TrustAnchor, VerifiedPath};

/// The JWT `typ` of a Status List Token (draft §5.1).
pub const TYP: &str = "statuslist+jwt";

/// Default [`StatusBudget::max_token_bytes`]: 2 MiB.
///
/// `lst` is base64url inside a base64url payload, so a token is about 1.8 × its compressed
/// list. The draft's size table (Appendix "Size Comparison") puts a 1-bit list of 1M entries at
/// ≤ 122 KB compressed at any revocation rate, and 10M entries at 673 KB with 10 % revoked:
/// 2 MiB admits all of those while bounding base64 and JSON work on hostile input.
pub const DEFAULT_MAX_TOKEN_BYTES: usize = 2 << 20;

/// Default [`StatusBudget::max_decompressed_bytes`]: 16 MiB.
///
/// The draft's test vectors use 2^20 entries (128 KiB at 1 bit, 1 MiB at 8 bits) and its size
/// table goes up to 100M entries at 1 bit (12.5 MB uncompressed); 16 MiB = 2^24 entries at
/// 8 bits, or 2^27 at 1 bit, covers both. A zlib stream can expand about 1000-fold, so without
/// a cap a 2 MiB token could demand gigabytes; with it, a bomb costs at most 16 MiB (the output
/// buffer grows by doubling up to the cap, never beyond).
pub const DEFAULT_MAX_DECOMPRESSED_BYTES: usize = 16 << 20;

/// How the `ttl` claim ("time to live", draft §5.1 and §13.7) limits the use of a list.
///
/// `ttl` says how long a consumer may cache the token "before a fresh copy SHOULD be
/// retrieved", counted from when it was fetched. An offline verifier does not know when its
/// caller fetched the token, so the default counts from `iat`, which is never later than the
/// fetch: the strictest reading, the draft's option for critical use (§13.7, "checks for
/// updates at time of `iat` + `ttl`"). Callers that track their own fetch time can count from
/// it; callers that accept any unexpired list (only `exp` then limits it) can ignore `ttl`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TtlPolicy {
    /// Stale once `iat + ttl < now` (the default).
    #[default]
    FromIssuedAt,
    /// Stale once `fetched_at + ttl < now`: the draft's recommended caching rule, for callers
    /// that record when they obtained the token (Unix seconds).
    FromFetch {
        /// When the caller obtained the token, seconds since the Unix epoch.
        fetched_at: i64,
    },
    /// `ttl` is checked for shape and surfaced ([`StatusList::ttl`]) but never rejects.
    Ignore,
}

/// Limits on attacker-sized input, and how stale a list may be.
///
/// `StatusBudget::default()` suits national-scale lists; fields can be changed on a value
/// (`let mut b = StatusBudget::default(); b.ttl = TtlPolicy::Ignore;`).
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatusBudget {
    /// Largest token accepted, in bytes ([`DEFAULT_MAX_TOKEN_BYTES`]); larger ones fail with
    /// [`Error::InputTooLarge`].
    pub max_token_bytes: usize,
    /// Largest decompressed status array, in bytes ([`DEFAULT_MAX_DECOMPRESSED_BYTES`]);
    /// larger ones fail with [`Error::StatusListTooLarge`].
    pub max_decompressed_bytes: usize,
    /// How `ttl` is enforced.
    pub ttl: TtlPolicy,
}

impl Default for StatusBudget {
    fn default() -> Self {
        StatusBudget {
            max_token_bytes: DEFAULT_MAX_TOKEN_BYTES,
            max_decompressed_bytes: DEFAULT_MAX_DECOMPRESSED_BYTES,
            ttl: TtlPolicy::FromIssuedAt,
        }
    }
}

/// A status value, as registered in the draft's "OAuth Status Types" registry (§7.1, §14.5).
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    /// `0x00` VALID: the credential is valid.
    Valid,
    /// `0x01` INVALID: revoked, annulled, taken back, recalled or cancelled.
    Invalid,
    /// `0x02` SUSPENDED: temporarily invalid.
    Suspended,
    /// `0x03` or `0x0C`–`0x0F`: reserved for application-specific use; what they mean is up to
    /// the ecosystem.
    ApplicationSpecific(u8),
    /// Any other value: reserved for future registration, meaning unknown to this verifier.
    Unknown(u8),
}

impl Status {
    /// The status for a raw value.
    pub fn from_value(value: u8) -> Status {
        match value {
            0x00 => Status::Valid,
            0x01 => Status::Invalid,
            0x02 => Status::Suspended,
            0x03 | 0x0C..=0x0F => Status::ApplicationSpecific(value),
            _ => Status::Unknown(value),
        }
    }

    /// The raw value.
    pub fn value(self) -> u8 {
        match self {
            Status::Valid => 0x00,
            Status::Invalid => 0x01,
            Status::Suspended => 0x02,
            Status::ApplicationSpecific(v) | Status::Unknown(v) => v,
        }
    }

    /// The registry name: `VALID`, `INVALID`, `SUSPENDED`, `APPLICATION_SPECIFIC`, or `UNKNOWN`.
    pub fn name(self) -> &'static str {
        match self {
            Status::Valid => "VALID",
            Status::Invalid => "INVALID",
            Status::Suspended => "SUSPENDED",
            Status::ApplicationSpecific(_) => "APPLICATION_SPECIFIC",
            Status::Unknown(_) => "UNKNOWN",
        }
    }

    /// True only for [`Status::Valid`]. Every other value, including application-specific and
    /// unknown ones, is something the caller must decide about; none of them means "valid".
    pub fn is_valid(self) -> bool {
        self == Status::Valid
    }
}

/// The uncompressed status array of a Status List (draft §4.1): `bits` per entry, entries packed
/// from the least significant bit of each byte, bytes in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusArray {
    bits: u8,
    bytes: Vec<u8>,
}

impl StatusArray {
    /// An array of `bits`-bit entries over `bytes` (already uncompressed).
    pub fn new(bits: u8, bytes: Vec<u8>) -> Result<StatusArray, Error> {
        if !matches!(bits, 1 | 2 | 4 | 8) {
            return Err(Error::StatusListBits);
        }
        Ok(StatusArray { bits, bytes })
    }

    /// Inflates `zlib` (RFC 1950 zlib wrapper around DEFLATE) into an array of `bits`-bit
    /// entries, writing at most `max_decompressed_bytes`. **No signature is involved**: this is
    /// the decoding step alone, for lists whose integrity is established otherwise.
    pub fn decompress(
        bits: u8,
        zlib: &[u8],
        max_decompressed_bytes: usize,
    ) -> Result<StatusArray, Error> {
        if !matches!(bits, 1 | 2 | 4 | 8) {
            return Err(Error::StatusListBits);
        }
        let mut bytes = Vec::new();
        inflate::inflate_zlib(zlib, max_decompressed_bytes, &mut bytes)?;
        Ok(StatusArray { bits, bytes })
    }

    /// Bits per entry: 1, 2, 4 or 8.
    pub fn bits(&self) -> u8 {
        self.bits
    }

    /// Number of entries: `8 × bytes / bits`. Issuers may allocate more entries than they use;
    /// unused ones read as whatever the issuer initialised them to (usually VALID).
    pub fn len(&self) -> u64 {
        let bytes = u64::try_from(self.bytes.len()).unwrap_or(u64::MAX);
        bytes.saturating_mul(8) / u64::from(self.bits.max(1))
    }

    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The uncompressed bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The raw status value at `index`: bits `[index × bits mod 8, +bits)` of byte
    /// `⌊index × bits / 8⌋`, counted from the least significant bit (draft §4.1, §11.1).
    /// An index past the end fails with [`Error::StatusIndexOutOfRange`]: the draft says no
    /// statement can be made and the credential MUST be rejected (§8.3 step 6).
    pub fn get(&self, index: u64) -> Result<u8, Error> {
        let len = self.len();
        let out_of_range = Error::StatusIndexOutOfRange { index, len };
        if index >= len {
            return Err(out_of_range);
        }
        let bits = u64::from(self.bits);
        let bit = index.saturating_mul(bits);
        let byte = usize::try_from(bit / 8)
            .ok()
            .and_then(|i| self.bytes.get(i))
            .ok_or(out_of_range)?;
        let shift = u32::try_from(bit % 8).unwrap_or(0);
        let mask = u8::MAX >> (8 - self.bits.clamp(1, 8));
        Ok(byte.checked_shr(shift).unwrap_or(0) & mask)
    }

    /// The [`Status`] at `index`.
    pub fn status(&self, index: u64) -> Result<Status, Error> {
        self.get(index).map(Status::from_value)
    }
}

/// A Status List Token whose signature and claims have been verified. Only
/// [`StatusListToken::verify`] and [`StatusListToken::verify_with_anchors`] make one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusList {
    statuses: StatusArray,
    uri: String,
    issued_at: i64,
    expires_at: Option<i64>,
    ttl: Option<i64>,
    aggregation_uri: Option<String>,
}

impl StatusList {
    /// The raw status value at `index` (see [`StatusArray::get`]).
    pub fn get(&self, index: u64) -> Result<u8, Error> {
        self.statuses.get(index)
    }

    /// The [`Status`] at `index`.
    pub fn status(&self, index: u64) -> Result<Status, Error> {
        self.statuses.status(index)
    }

    /// Number of entries.
    pub fn len(&self) -> u64 {
        self.statuses.len()
    }

    /// True when the list has no entries.
    pub fn is_empty(&self) -> bool {
        self.statuses.is_empty()
    }

    /// Bits per entry.
    pub fn bits(&self) -> u8 {
        self.statuses.bits()
    }

    /// The decompressed array.
    pub fn statuses(&self) -> &StatusArray {
        &self.statuses
    }

    /// `sub`: the URI of this list, equal to the credential's `status.status_list.uri`.
    pub fn uri(&self) -> &str {
        &self.uri
    }

    /// `iat`, seconds since the Unix epoch: the statuses are as of this time.
    pub fn issued_at(&self) -> i64 {
        self.issued_at
    }

    /// `exp`, if the token has one.
    pub fn expires_at(&self) -> Option<i64> {
        self.expires_at
    }

    /// `ttl` in seconds, if the token has one.
    pub fn ttl(&self) -> Option<i64> {
        self.ttl
    }

    /// When a fresh copy should be obtained: `fetched_at + ttl`, or `iat + ttl` without a
    /// fetch time; `None` without `ttl` (then `exp`, if any, is the limit).
    pub fn refresh_due(&self, fetched_at: Option<i64>) -> Option<i64> {
        let ttl = self.ttl?;
        Some(fetched_at.unwrap_or(self.issued_at).saturating_add(ttl))
    }

    /// `status_list.aggregation_uri`, if present (not used: nothing is fetched).
    pub fn aggregation_uri(&self) -> Option<&str> {
        self.aggregation_uri.as_deref()
    }
}

/// A Status List Token together with the certificate path that authenticated its signer. Only
/// [`StatusListToken::verify_with_anchors`] makes one:
///
/// ```compile_fail
/// use cccd_verify::status::{AnchoredStatusList, StatusList};
/// use cccd_verify::x509::VerifiedPath;
/// fn pair(list: StatusList, path: VerifiedPath) -> AnchoredStatusList {
///     AnchoredStatusList { list, path }
/// }
/// ```
#[derive(Clone, Debug)]
pub struct AnchoredStatusList {
    list: StatusList,
    path: VerifiedPath,
}

impl AnchoredStatusList {
    /// The verified list.
    pub fn list(&self) -> &StatusList {
        &self.list
    }

    /// The verified list, by value.
    pub fn into_list(self) -> StatusList {
        self.list
    }

    /// The path from the signer's certificate (`x5c[0]`) to the trust anchor used.
    pub fn path(&self) -> &VerifiedPath {
        &self.path
    }
}

/// Verification of Status List Tokens in JWT form (draft §5.1). The CWT form is not supported.
#[derive(Debug)]
pub enum StatusListToken {}

impl StatusListToken {
    /// Verifies `jwt` signed by `key` (see the module documentation for every check, in
    /// order), for the credential whose `status.status_list.uri` is `expected_uri`, at `now`
    /// (seconds since the Unix epoch).
    pub fn verify(
        jwt: &str,
        key: &PublicKey,
        algorithms: &[Algorithm],
        now: i64,
        expected_uri: &str,
        budget: StatusBudget,
    ) -> Result<StatusList, Error> {
        let jws = Jws::parse_with_limit(jwt, budget.max_token_bytes)?;
        verify_parsed(&jws, key, algorithms, now, expected_uri, budget)
    }

    /// Like [`StatusListToken::verify`], with the signer's key taken from the token's `x5c`
    /// header after validating that chain up to one of `anchors` held for
    /// [`crate::x509::Purpose::StatusListIssuer`] ([`crate::x509::verify_path_with`] with
    /// [`Profile::status_list_signer`], default path budget; the anchor must not
    /// be in `x5c`). Without `x5c`, fails with [`Error::StatusListKeyUnresolved`].
    ///
    /// The draft's extended key usage `id-kp-oauthStatusSigning` has no OID assigned yet and
    /// is not checked: trust comes from the anchors' purpose.
    pub fn verify_with_anchors(
        jwt: &str,
        anchors: &[TrustAnchor],
        algorithms: &[Algorithm],
        now: i64,
        expected_uri: &str,
        budget: StatusBudget,
    ) -> Result<AnchoredStatusList, Error> {
        let jws = Jws::parse_with_limit(jwt, budget.max_token_bytes)?;
        // Cheap refusals (`none`, unlisted algorithms) before any certificate work.
        jws.algorithm(algorithms)?;
        let path = jws.x5c_signer(
            anchors,
            &Profile::status_list_signer(),
            now,
            Error::StatusListKeyUnresolved,
        )?;
        let key = path.public_key().clone();
        let list = verify_parsed(&jws, &key, algorithms, now, expected_uri, budget)?;
        Ok(AnchoredStatusList { list, path })
    }
}

/// Whether a JWT `typ` names the `application/statuslist+jwt` media type (RFC 7515 §4.1.9:
/// the `application/` prefix may be omitted; media types compare case-insensitively).
fn is_status_list_typ(typ: &str) -> bool {
    let bare = match typ.get(..12) {
        Some(prefix) if prefix.eq_ignore_ascii_case("application/") => typ.get(12..).unwrap_or(""),
        _ => typ,
    };
    bare.eq_ignore_ascii_case(TYP)
}

/// An integer claim (`ttl`): `Ok(None)` when absent, [`Error::StatusListFormat`] when not an
/// integer.
fn int_claim(claims: &Map<String, Value>, name: &str) -> Result<Option<i64>, Error> {
    match claims.get(name) {
        None => Ok(None),
        Some(v) => v.as_i64().map(Some).ok_or_else(|| format_error(name)),
    }
}

/// A NumericDate claim (`iat`, `nbf`, `exp`), rounded down to whole seconds as everywhere
/// ([`crate::date::numeric_date`]): `Ok(None)` when absent, [`Error::StatusListFormat`] when
/// not a number.
fn date_claim(claims: &Map<String, Value>, name: &str) -> Result<Option<i64>, Error> {
    match claims.get(name) {
        None => Ok(None),
        Some(v) => numeric_date(v).map(Some).ok_or_else(|| format_error(name)),
    }
}

fn format_error(claim: &str) -> Error {
    Error::StatusListFormat {
        claim: claim.to_owned(),
    }
}

fn verify_parsed(
    jws: &Jws<'_>,
    key: &PublicKey,
    algorithms: &[Algorithm],
    now: i64,
    expected_uri: &str,
    budget: StatusBudget,
) -> Result<StatusList, Error> {
    jws.verify(key, algorithms)?;
    if !jws.header_str("typ").is_some_and(is_status_list_typ) {
        return Err(Error::StatusListTyp);
    }
    let claims = jws.claims()?;

    let uri = claims
        .get("sub")
        .and_then(Value::as_str)
        .ok_or_else(|| format_error("sub"))?;
    if uri != expected_uri {
        return Err(Error::StatusListSubjectMismatch);
    }
    let issued_at = date_claim(&claims, "iat")?.ok_or_else(|| format_error("iat"))?;
    let expires_at = date_claim(&claims, "exp")?;
    if let Some(exp) = expires_at {
        if now >= exp {
            return Err(Error::StatusListExpired { exp });
        }
    }
    if let Some(nbf) = date_claim(&claims, "nbf")? {
        if now < nbf {
            return Err(Error::StatusListNotYetValid { nbf });
        }
    }
    let ttl = int_claim(&claims, "ttl")?;
    if let Some(ttl) = ttl {
        if ttl <= 0 {
            return Err(format_error("ttl"));
        }
        let reference = match budget.ttl {
            TtlPolicy::FromIssuedAt => Some(issued_at),
            TtlPolicy::FromFetch { fetched_at } => Some(fetched_at),
            TtlPolicy::Ignore => None,
        };
        if let Some(refresh_at) = reference.map(|r| r.saturating_add(ttl)) {
            // Draft §8.3 step 4.d: a fresh copy is due once (resolved + ttl < now).
            if refresh_at < now {
                return Err(Error::StatusListStale { refresh_at });
            }
        }
    }

    let Some(Value::Object(list)) = claims.get("status_list") else {
        return Err(format_error("status_list"));
    };
    let bits = list
        .get("bits")
        .and_then(Value::as_u64)
        .and_then(|b| u8::try_from(b).ok())
        .ok_or(Error::StatusListBits)?;
    if !matches!(bits, 1 | 2 | 4 | 8) {
        return Err(Error::StatusListBits);
    }
    let zlib = list
        .get("lst")
        .and_then(Value::as_str)
        .and_then(b64::decode_url)
        .ok_or_else(|| format_error("status_list.lst"))?;
    let aggregation_uri = match list.get("aggregation_uri") {
        None => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => return Err(format_error("status_list.aggregation_uri")),
    };
    let statuses = StatusArray::decompress(bits, &zlib, budget.max_decompressed_bytes)?;
    Ok(StatusList {
        statuses,
        uri: uri.to_owned(),
        issued_at,
        expires_at,
        ttl,
        aggregation_uri,
    })
}

/// A credential's reference into a Status List: `status.status_list` (draft §6.2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusReference {
    /// `idx`: the entry for this credential.
    pub idx: u64,
    /// `uri`: the Status List Token's `sub`.
    pub uri: String,
}

impl StatusReference {
    /// Reads the credential's `status` claim value (`{"status_list": {"idx": N, "uri": "…"}}`).
    ///
    /// `Ok(None)` when there is no `status` claim, or it has no `status_list` member (another
    /// status mechanism): the credential is not on a Token Status List.
    /// [`Error::StatusClaimInvalid`] when `status` is not an object, or `status_list` is not an
    /// object with a non-negative integer `idx` and a non-empty string `uri`.
    pub fn from_claim(status: Option<&Value>) -> Result<Option<StatusReference>, Error> {
        let Some(status) = status else {
            return Ok(None);
        };
        let status = status.as_object().ok_or(Error::StatusClaimInvalid)?;
        let Some(list) = status.get("status_list") else {
            return Ok(None);
        };
        let list = list.as_object().ok_or(Error::StatusClaimInvalid)?;
        let idx = list
            .get("idx")
            .and_then(Value::as_u64)
            .ok_or(Error::StatusClaimInvalid)?;
        let uri = list
            .get("uri")
            .and_then(Value::as_str)
            .filter(|u| !u.is_empty())
            .ok_or(Error::StatusClaimInvalid)?;
        Ok(Some(StatusReference {
            idx,
            uri: uri.to_owned(),
        }))
    }
}

/// What can be said about a credential's status.
///
/// Only `Checked` is a statement about the credential. `NotChecked` and `NoReference` are
/// deliberately distinct from any [`Status`]: "no list was supplied" must never read as
/// "valid", nor as "revoked".
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StatusOutcome {
    /// The list was checked: `status` is the entry at `reference.idx`.
    Checked {
        /// The credential's reference.
        reference: StatusReference,
        /// Its status in the list.
        status: Status,
    },
    /// The credential references a Status List, but none was supplied: no statement can be made.
    NotChecked {
        /// The credential's reference (the list to obtain).
        reference: StatusReference,
    },
    /// The credential has no `status.status_list` reference, so it cannot be revoked through a
    /// Token Status List.
    NoReference,
}

/// The status of the credential whose `status` claim is `status_claim` (e.g.
/// `claims.get("status")`), according to `list` if one is supplied.
///
/// The list must be the one the credential references: a list for another `uri` fails with
/// [`Error::StatusListSubjectMismatch`]; an `idx` past its end with
/// [`Error::StatusIndexOutOfRange`]; a malformed claim with [`Error::StatusClaimInvalid`].
/// The credential itself must have been verified first (draft §8.3: an expired credential is
/// expired whatever its status).
pub fn check_status(
    status_claim: Option<&Value>,
    list: Option<&StatusList>,
) -> Result<StatusOutcome, Error> {
    let Some(reference) = StatusReference::from_claim(status_claim)? else {
        return Ok(StatusOutcome::NoReference);
    };
    let Some(list) = list else {
        return Ok(StatusOutcome::NotChecked { reference });
    };
    if list.uri() != reference.uri {
        return Err(Error::StatusListSubjectMismatch);
    }
    let status = list.status(reference.idx)?;
    Ok(StatusOutcome::Checked { reference, status })
}

/// The status of a verified credential (its processed `claims`) against the Status List Tokens
/// the caller supplied: every token whose `sub` is the credential's `status_list.uri` is verified
/// (signer `x5c` to one of `anchors`, for [`crate::x509::Purpose::StatusListIssuer`]) and the newest of them
/// (highest `iat`) is consulted, so an older list still within its validity cannot hide a later
/// revocation. Two lists for the URI with the same `iat` but different statuses fail with
/// [`Error::StatusListConflict`]. Tokens for other lists are skipped; a token for this list that
/// fails verification fails the whole check (closed: a list that cannot be trusted says
/// nothing), with its error wrapped in [`Error::InList`] (`params.in = "statusList"`, `uri`) so
/// that it cannot be mistaken for the credential's own. No matching token →
/// [`StatusOutcome::NotChecked`].
pub fn check_credential_status(
    claims: &serde_json::Map<String, Value>,
    tokens: &[&str],
    anchors: &[TrustAnchor],
    algorithms: &[Algorithm],
    now: i64,
    budget: StatusBudget,
) -> Result<StatusOutcome, Error> {
    let Some(reference) = StatusReference::from_claim(claims.get("status"))? else {
        return Ok(StatusOutcome::NoReference);
    };
    let mut newest: Option<StatusList> = None;
    for token in tokens {
        let list = match StatusListToken::verify_with_anchors(
            token,
            anchors,
            algorithms,
            now,
            &reference.uri,
            budget,
        ) {
            Ok(anchored) => anchored.list,
            Err(Error::StatusListSubjectMismatch) => continue,
            // No anchor for this list's signer: its own code, naming the list.
            Err(Error::UnknownIssuer { .. }) => {
                return Err(Error::StatusListAnchorMissing {
                    uri: reference.uri.clone(),
                    anchors: anchors.len(),
                })
            }
            // Said to be about the list, not the credential (the same codes occur in both).
            Err(e) => {
                return Err(Error::in_list(
                    ListOrigin::StatusList,
                    Some(&reference.uri),
                    e,
                ))
            }
        };
        newest = match newest {
            None => Some(list),
            Some(kept) if list.issued_at() > kept.issued_at() => Some(list),
            Some(kept)
                if list.issued_at() == kept.issued_at() && list.statuses() != kept.statuses() =>
            {
                return Err(Error::StatusListConflict {
                    iat: list.issued_at(),
                });
            }
            Some(kept) => Some(kept),
        };
    }
    match newest {
        Some(list) => check_status(claims.get("status"), Some(&list)),
        None => Ok(StatusOutcome::NotChecked { reference }),
    }
}

/// What a verification does with a credential's status (`status` in the options of
/// `verifySdJwtVc`, and of the mdoc verification when it lands): one policy over a
/// [`StatusOutcome`], whatever the status mechanism that produced it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StatusPolicy {
    /// The default: fail closed on what a list says. A credential its list gives any status
    /// but `VALID` is refused ([`Error::StatusRevoked`], [`Error::StatusSuspended`],
    /// [`Error::StatusNotValid`]); a credential whose list was not given passes, reported as
    /// [`StatusOutcome::NotChecked`].
    #[default]
    Enforce,
    /// As `Enforce`, and a credential that refers to a list none of the given lists is fails
    /// with [`Error::StatusListMissing`].
    Required,
    /// Never refuses for a status: the outcome is only reported (the caller must look at it).
    Report,
}

impl StatusPolicy {
    /// `Ok` when `outcome` is acceptable under this policy; otherwise the error to throw.
    pub fn apply(self, outcome: &StatusOutcome) -> Result<(), Error> {
        if self == StatusPolicy::Report {
            return Ok(());
        }
        match outcome {
            StatusOutcome::NoReference => Ok(()),
            StatusOutcome::NotChecked { reference } => match self {
                StatusPolicy::Required => Err(Error::StatusListMissing {
                    uri: reference.uri.clone(),
                    idx: reference.idx,
                }),
                StatusPolicy::Enforce | StatusPolicy::Report => Ok(()),
            },
            StatusOutcome::Checked { reference, status } => {
                let (uri, idx) = (reference.uri.clone(), reference.idx);
                match status {
                    Status::Valid => Ok(()),
                    Status::Invalid => Err(Error::StatusRevoked { uri, idx }),
                    Status::Suspended => Err(Error::StatusSuspended { uri, idx }),
                    other => Err(Error::StatusNotValid {
                        uri,
                        idx,
                        value: other.value(),
                    }),
                }
            }
        }
    }
}

impl StatusOutcome {
    /// `{checked, verdict?, reason?, idx?, uri?}` as the JS API returns it.
    pub fn to_json(&self) -> Value {
        serde_json::to_value(self.wire()).unwrap_or(Value::Null)
    }

    /// The outcome as the JS API returns it.
    pub fn wire(&self) -> StatusJson {
        match self {
            StatusOutcome::Checked { reference, status } => StatusJson::Checked {
                checked: true,
                verdict: status.name().to_ascii_lowercase().replace('_', "-"),
                value: status.value(),
                idx: reference.idx,
                uri: reference.uri.clone(),
            },
            StatusOutcome::NotChecked { reference } => StatusJson::NotChecked {
                checked: false,
                reason: "no-list-supplied",
                idx: reference.idx,
                uri: reference.uri.clone(),
            },
            StatusOutcome::NoReference => StatusJson::NoReference {
                checked: false,
                reason: "no-status-reference",
            },
        }
    }
}

/// A [`StatusOutcome`] as the JS API returns it: `checked` tells the shapes apart (a boolean,
/// which serde cannot use as a tag, hence `untagged` and the TypeScript written out below).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(untagged)]
pub enum StatusJson {
    /// The list was consulted.
    Checked {
        /// Always true.
        checked: bool,
        /// The status name, lower case with `-`.
        verdict: String,
        /// The status value.
        value: u8,
        /// The credential's index in the list.
        idx: u64,
        /// The list's URI.
        uri: String,
    },
    /// The credential references a list that was not supplied.
    NotChecked {
        /// Always false.
        checked: bool,
        /// `no-list-supplied`.
        reason: &'static str,
        /// The credential's index in the list.
        idx: u64,
        /// The list's URI.
        uri: String,
    },
    /// The credential has no `status` claim.
    NoReference {
        /// Always false.
        checked: bool,
        /// `no-status-reference`.
        reason: &'static str,
    },
}

crate::wire::ts_declared!(StatusJson = "SdJwtVcStatus", "\
/**
 * Revocation: `checked: true` with the list's verdict (`valid`, `invalid` = revoked,
 * `suspended`, `application-specific`, `unknown`), or `checked: false` with the reason —
 * `no-list-supplied` (the credential references a list you did not pass) or
 * `no-status-reference`. Only `verdict === 'valid'` means \"not revoked\".
 */
export type SdJwtVcStatus =
  | { checked: true; verdict: 'valid' | 'invalid' | 'suspended' | 'application-specific' | 'unknown'; value: number; idx: number; uri: string }
  | { checked: false; reason: 'no-list-supplied'; idx: number; uri: string }
  | { checked: false; reason: 'no-status-reference' };
");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typ_accepts_the_media_type_with_or_without_prefix() {
        assert!(is_status_list_typ("statuslist+jwt"));
        assert!(is_status_list_typ("application/statuslist+jwt"));
        assert!(is_status_list_typ("Application/StatusList+JWT"));
        for bad in [
            "",
            "jwt",
            "statuslist+cwt",
            "application/",
            "x/statuslist+jwt",
            "application/statuslist+jwt ",
        ] {
            assert!(!is_status_list_typ(bad), "{bad}");
        }
    }

    #[test]
    fn mask_and_shift_cover_every_bit_width() {
        let a = StatusArray::new(8, vec![0xAB]).unwrap();
        assert_eq!((a.len(), a.get(0)), (1, Ok(0xAB)));
        let a = StatusArray::new(4, vec![0xAB]).unwrap();
        assert_eq!((a.get(0), a.get(1)), (Ok(0xB), Ok(0xA)));
        let a = StatusArray::new(2, vec![0b1110_0100]).unwrap();
        assert_eq!(
            (0..4).map(|i| a.get(i).unwrap()).collect::<Vec<_>>(),
            [0, 1, 2, 3]
        );
        assert_eq!(StatusArray::new(3, vec![]), Err(Error::StatusListBits));
        assert_eq!(
            StatusArray::new(1, vec![]).unwrap().get(0),
            Err(Error::StatusIndexOutOfRange { index: 0, len: 0 })
        );
        assert_eq!(
            StatusArray::new(1, vec![0xff]).unwrap().get(u64::MAX),
            Err(Error::StatusIndexOutOfRange {
                index: u64::MAX,
                len: 8
            })
        );
    }
}
