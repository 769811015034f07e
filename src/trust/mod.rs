//! Trust anchors from configuration and from signed trust lists (`shared/domain/presentations.md`
//! §0 item 7, §4; format in `docs/trust-list.md`).
//!
//! - [`PinnedAnchors`]: certificates the integrator pins, each for one [`Purpose`]. Enough for
//!   simple setups, and where the trust-list signers live.
//! - [`verify_trust_list`]: a JSON List of Trusted Entities (modelled on ETSI TS 119 602,
//!   `shared/domain/presentations.md` §4) signed
//!   as a compact JWS by a pinned [`Purpose::TrustListSigner`], with rollback, equivocation
//!   and staleness checks. The result, a [`TrustList`], hands out anchors by purpose and says
//!   which credential types (`vct`) each issuer may issue.
//! - [`verify_sd_jwt_vc_with_list`]: an SD-JWT VC checked against a list's issuers, including
//!   the `vct` allow-list.
//!
//! ```no_run
//! use cccd_verify::sd_jwt::{IssuerBinding, Policy};
//! use cccd_verify::trust::{
//!     verify_sd_jwt_vc_with_list, verify_trust_list, Accepted, ListBudget, ListPolicy,
//!     PinnedAnchors, StalePolicy,
//! };
//! use cccd_verify::x509::Purpose;
//!
//! # fn demo(signer_root: &[u8], list_jws: &str, last: Option<Accepted>, presentation: &str,
//! #         vc_policy: &Policy<'_>, now: i64) -> Result<(), cccd_verify::Error> {
//! let mut pins = PinnedAnchors::new();
//! pins.pin_der(signer_root, Purpose::TrustListSigner)?;
//! let list = verify_trust_list(list_jws, &ListPolicy {
//!     signers: &pins.anchors(Purpose::TrustListSigner),
//!     accepted: last,
//!     stale: StalePolicy::Grace { seconds: 72 * 3600 },
//!     now,
//!     leeway: 300,
//!     budget: ListBudget::default(),
//! })?;
//! let store_me = list.accepted(); // persist: the rollback state for the next update
//! let vc = verify_sd_jwt_vc_with_list(presentation, &list, IssuerBinding::SanUriOrDns, vc_policy)?;
//! if vc.list_stale() { /* tell the operator the list needs refreshing */ }
//! # let _ = store_me; Ok(()) }
//! ```
//!
//! The core never reads the clock: `now` is always a parameter.

mod list;
mod pinned;
#[cfg(feature = "mdoc")]
mod vical;

use serde_json::Value;

use crate::error::Error;
use crate::sd_jwt::{verify_vc, IssuerBinding, Policy, VerifiedVc};
use crate::wire::wire_struct;
use crate::x509::Purpose;

pub use list::{
    verify_trust_list, Accepted, AcceptedJson, AnchorJson, Entry, EntryJson, ListBudget,
    ListPolicy, SignerJson, StalePolicy, TrustList, TrustListJson, DEFAULT_MAX_CERTS_PER_ENTRY,
    DEFAULT_MAX_ENTRIES, DEFAULT_MAX_LIST_BYTES, LOTE_VERSION, MAX_SEQUENCE, SVC_TYPE_MDOC_IACA,
    SVC_TYPE_SD_JWT_VC_ISSUER, SVC_TYPE_STATUS_LIST_ISSUER, TYP,
};
pub use pinned::PinnedAnchors;
#[cfg(feature = "mdoc")]
pub use vical::{verify_vical, verify_vical_pinned, Vical, VicalEntry, VicalJson};

/// An SD-JWT VC verified against a trust list: the credential, and the state of the list that
/// trusted it. Infrastructure state (a stale list) is reported here, apart from security
/// failures, which are errors. Only [`verify_sd_jwt_vc_with_list`] makes one.
#[derive(Clone, Debug)]
pub struct TrustedVc {
    vc: VerifiedVc,
    issuer_name: String,
    list_sequence: u64,
    list_stale: bool,
    list_next_update: i64,
}

impl TrustedVc {
    /// The verified credential and its issuer path.
    pub fn vc(&self) -> &VerifiedVc {
        &self.vc
    }

    /// The verified credential, by value.
    pub fn into_vc(self) -> VerifiedVc {
        self.vc
    }

    /// The name (`TEName`) of the list entry that trusted the issuer.
    pub fn issuer_name(&self) -> &str {
        &self.issuer_name
    }

    /// `LoTESequenceNumber` of the list used.
    pub fn list_sequence(&self) -> u64 {
        self.list_sequence
    }

    /// Whether the list was past its `NextUpdate` at the credential's `now` (accepted by the
    /// list's [`StalePolicy`]).
    pub fn list_stale(&self) -> bool {
        self.list_stale
    }

    /// The list's `NextUpdate`, seconds since the Unix epoch.
    pub fn list_next_update(&self) -> i64 {
        self.list_next_update
    }

    /// [`VerifiedVc::to_json`] with a `trustList` member (`sequence`, `stale`, `nextUpdate`,
    /// `issuerName`).
    pub fn to_json(&self) -> Value {
        serde_json::to_value(self.wire()).unwrap_or(Value::Null)
    }

    /// [`VerifiedVc::wire`] with `trust_list` set.
    pub fn wire(&self) -> crate::sd_jwt::VerifiedVcJson {
        let mut w = self.vc.wire();
        w.trust_list = Some(TrustListUse {
            sequence: self.list_sequence,
            stale: self.list_stale,
            next_update: self.list_next_update,
            issuer_name: self.issuer_name.clone(),
        });
        w
    }
}

wire_struct! {
    /// The trust list an SD-JWT VC was verified with.
    #[ts = "TrustListUse"]
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct TrustListUse {
        /// The list's `LoTESequenceNumber`.
        pub sequence: u64,
        /// True when the list was past its `NextUpdate` (accepted by its stale policy).
        pub stale: bool,
        /// The list's `NextUpdate`, seconds since the Unix epoch.
        pub next_update: i64,
        /// The name (`TEName`) of the entry that trusted the issuer.
        pub issuer_name: String,
    }
}

/// Verifies an SD-JWT VC presentation whose issuer must be in `list`:
///
/// 1. the list's [`StalePolicy`] is applied again at `policy.now`
///    ([`TrustList::check_fresh`]; [`Error::TrustListStale`]);
/// 2. [`verify_vc`] with the list's [`Purpose::SdJwtVcIssuer`] anchors only (anchors of other
///    purposes are not passed, so an issuer listed only as, say, a status-list signer fails
///    with [`Error::UnknownIssuer`], and a CA listed for another purpose may still appear in a
///    credential's `x5c`);
/// 3. the credential's `vct` (a string: [`Error::ClaimType`] otherwise, [`Error::ClaimMissing`]
///    when absent) is allowed for an entry holding the anchor that verified the chain ([`crate::x509::VerifiedPath::anchor_fingerprint`]),
///    else [`Error::TrustListVctNotAllowed`].
pub fn verify_sd_jwt_vc_with_list(
    presentation: &str,
    list: &TrustList,
    binding: IssuerBinding,
    policy: &Policy<'_>,
) -> Result<TrustedVc, Error> {
    let list_stale = list.check_fresh(policy.now)?;
    let anchors = list.anchors(Purpose::SdJwtVcIssuer);
    let vc = verify_vc(presentation, &anchors, binding, policy)?;
    let vct = vc
        .credential()
        .claims()
        .get("vct")
        .and_then(Value::as_str)
        .ok_or(Error::ClaimMissing { name: "vct".into() })?;
    let entry = list
        .issuer_entry(vc.path().anchor_fingerprint(), vct)
        .ok_or_else(|| Error::TrustListVctNotAllowed {
            vct: vct.to_owned(),
        })?;
    let issuer_name = entry.name().to_owned();
    Ok(TrustedVc {
        vc,
        issuer_name,
        list_sequence: list.sequence(),
        list_stale,
        list_next_update: list.next_update(),
    })
}
