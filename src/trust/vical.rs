//! ISO 18013-5 VICAL (Verified Issuer Certificate Authority List): a CBOR list of IACA
//! certificates, each with the docTypes it may issue, signed as a COSE_Sign1 whose `x5chain`
//! leads to a signer the integrator pins (`shared/domain/presentations.md` §4: signer EKU
//! `1.0.18013.5.1.8`, `vicalIssueID` "unique and monotonically increasing", `nextUpdate`).
//!
//! The same [`ListPolicy`] as the JSON trust list decides everything: pinned signers, what was
//! last accepted (`vicalIssueID` and a digest of the signed payload: rollback and equivocation),
//! the staleness policy and the size budget. The accepted IACAs are anchors of
//! [`Purpose::MdocIaca`] together with the docTypes each may sign ([`Vical::doc_types`]); the
//! mdoc verifier refuses a document whose IACA's entry does not list its docType.
//!
//! Lenient where published lists differ and nothing is at stake: unknown keys (the AAMVA list
//! writes `Extensions` capitalised) are ignored, `ski` is not compared (AAMVA wraps it in a DER
//! OCTET STRING, RDW does not), `x5chain` may be one certificate or an array that ends with a
//! copy of the root.

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::list::{check_rollback, Accepted, ListPolicy, StalePolicy};
use crate::cbor::{self, Item, Options};
use crate::cose::{Sign1, DEFAULT_SIG_ALGS};
use crate::error::Error;
use crate::jose::b64;
use crate::x509::{self, Profile, Purpose, TrustAnchor, ValidityAt, VerifiedPath};

/// One IACA of a VICAL.
#[derive(Clone, Debug)]
pub struct VicalEntry {
    anchor: TrustAnchor,
    doc_types: Vec<String>,
    issuing_country: Option<String>,
    issuing_authority: Option<String>,
    state_or_province: Option<String>,
}

impl VicalEntry {
    /// The IACA certificate as a trust anchor ([`Purpose::MdocIaca`]).
    pub fn anchor(&self) -> &TrustAnchor {
        &self.anchor
    }

    /// The docTypes this IACA may issue.
    pub fn doc_types(&self) -> &[String] {
        &self.doc_types
    }

    /// `issuingCountry`, when given.
    pub fn issuing_country(&self) -> Option<&str> {
        self.issuing_country.as_deref()
    }
}

/// A verified VICAL.
#[derive(Clone, Debug)]
pub struct Vical {
    version: String,
    provider: String,
    date: i64,
    issue_id: Option<u64>,
    next_update: Option<i64>,
    stale: bool,
    stale_policy: StalePolicy,
    entries: Vec<VicalEntry>,
    skipped: Vec<(usize, &'static str)>,
    accepted: Accepted,
    signer: VerifiedPath,
}

impl Vical {
    /// `vicalProvider`.
    pub fn provider(&self) -> &str {
        &self.provider
    }

    /// `vicalIssueID`, when given.
    pub fn issue_id(&self) -> Option<u64> {
        self.issue_id
    }

    /// `date`, Unix seconds.
    pub fn date(&self) -> i64 {
        self.date
    }

    /// `nextUpdate`, Unix seconds, when given.
    pub fn next_update(&self) -> Option<i64> {
        self.next_update
    }

    /// Whether the list was past `nextUpdate` when verified (and accepted by the policy).
    pub fn stale(&self) -> bool {
        self.stale
    }

    /// Applies the staleness policy again at `now` (a list kept in memory goes stale too).
    pub fn check_fresh(&self, now: i64) -> Result<bool, Error> {
        match self.next_update {
            Some(next) => self.stale_policy.check(next, now),
            None => Ok(false),
        }
    }

    /// The IACAs, in list order.
    pub fn entries(&self) -> &[VicalEntry] {
        &self.entries
    }

    /// Entries left out, as (index in `certificateInfos`, error code): certificates this build
    /// cannot use as anchors — a key algorithm it does not verify with
    /// (`ERR_CERT_ALGORITHM_UNSUPPORTED`), not strict DER (`ERR_CERT_PARSE`), not a CA
    /// (`ERR_CERT_NOT_CA`; the RDW test list holds three such).
    pub fn skipped(&self) -> &[(usize, &'static str)] {
        &self.skipped
    }

    /// Every IACA as a trust anchor, each certificate once.
    pub fn anchors(&self) -> Vec<TrustAnchor> {
        let mut out: Vec<TrustAnchor> = Vec::new();
        for e in &self.entries {
            if !out
                .iter()
                .any(|a| a.fingerprint() == e.anchor.fingerprint())
            {
                out.push(e.anchor.clone());
            }
        }
        out
    }

    /// The docTypes the IACA with this fingerprint may issue (all its entries together), or
    /// `None` when the list does not hold that certificate.
    pub fn doc_types(&self, anchor_fingerprint: [u8; 32]) -> Option<Vec<&str>> {
        let mut found = false;
        let mut out: Vec<&str> = Vec::new();
        for e in self
            .entries
            .iter()
            .filter(|e| e.anchor.fingerprint() == anchor_fingerprint)
        {
            found = true;
            for d in &e.doc_types {
                if !out.contains(&d.as_str()) {
                    out.push(d);
                }
            }
        }
        found.then_some(out)
    }

    /// The value to persist and pass back as [`ListPolicy::accepted`] next time
    /// (`sequence` is the `vicalIssueID`).
    pub fn accepted(&self) -> Accepted {
        self.accepted
    }

    /// The certificate path of the list's signer to the pinned anchor.
    pub fn signer(&self) -> &VerifiedPath {
        &self.signer
    }

    /// The list's summary as the JS API returns it.
    pub fn wire(&self) -> VicalJson {
        VicalJson {
            version: self.version.clone(),
            provider: self.provider.clone(),
            date: self.date,
            issue_id: self.issue_id,
            next_update: self.next_update,
            stale: self.stale,
            accepted: AcceptedVicalJson {
                issue_id: self.accepted.sequence,
                digest: b64::encode_url(&self.accepted.digest),
            },
            signer: self.signer.subject().to_owned(),
            skipped: self
                .skipped
                .iter()
                .map(|&(index, code)| SkippedJson { index, code })
                .collect(),
            entries: self
                .entries
                .iter()
                .map(|e| VicalEntryJson {
                    subject: e.anchor.subject().to_owned(),
                    fingerprint: b64::encode_url(&e.anchor.fingerprint()),
                    doc_types: e.doc_types.clone(),
                    issuing_country: e.issuing_country.clone(),
                    issuing_authority: e.issuing_authority.clone(),
                    state_or_province: e.state_or_province.clone(),
                })
                .collect(),
        }
    }
}

/// A verified VICAL, as JSON (camelCase).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VicalJson {
    /// `version`.
    pub version: String,
    /// `vicalProvider`.
    pub provider: String,
    /// `date`, Unix seconds.
    pub date: i64,
    /// `vicalIssueID`.
    pub issue_id: Option<u64>,
    /// `nextUpdate`, Unix seconds.
    pub next_update: Option<i64>,
    /// Past `nextUpdate` and accepted by the policy.
    pub stale: bool,
    /// What to persist for the next update.
    pub accepted: AcceptedVicalJson,
    /// The signer's subject.
    pub signer: String,
    /// Entries left out (certificates this build cannot use as anchors).
    pub skipped: Vec<SkippedJson>,
    /// The IACAs.
    pub entries: Vec<VicalEntryJson>,
}

/// An entry of a VICAL that was left out, as JSON.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SkippedJson {
    /// Index in `certificateInfos`.
    pub index: usize,
    /// Why, as an error code.
    pub code: &'static str,
}

/// Rollback state of a VICAL, as JSON.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AcceptedVicalJson {
    /// `vicalIssueID` (0 when the list has none).
    pub issue_id: u64,
    /// SHA-256 of the signed payload, base64url.
    pub digest: String,
}

/// One IACA of a VICAL, as JSON.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VicalEntryJson {
    /// The certificate's subject.
    pub subject: String,
    /// SHA-256 of the certificate, base64url.
    pub fingerprint: String,
    /// The docTypes it may issue.
    pub doc_types: Vec<String>,
    /// `issuingCountry`.
    pub issuing_country: Option<String>,
    /// `issuingAuthority`.
    pub issuing_authority: Option<String>,
    /// `stateOrProvinceName`.
    pub state_or_province: Option<String>,
}

impl VicalJson {
    /// The summary as the wasm module returns it: what the `Serialize` derive gives through a
    /// `serde_json::Value` (members sorted by name), written directly.
    pub fn to_wire_json(&self) -> String {
        let mut j = crate::wire::JsonText::new();
        let opt_int = |j: &mut crate::wire::JsonText, n: Option<String>| {
            j.opt(n, |j, n| {
                j.raw(&n);
            });
        };
        let opt_str = |j: &mut crate::wire::JsonText, s: &Option<String>| {
            j.opt(s.as_deref(), |j, s| {
                j.str(s);
            });
        };
        j.open()
            .key("accepted")
            .open()
            .key("digest")
            .str(&self.accepted.digest)
            .key("issueId")
            .raw(&self.accepted.issue_id.to_string())
            .close('}')
            .key("date")
            .int(self.date)
            .key("entries")
            .open_array();
        for e in &self.entries {
            j.open().key("docTypes").open_array();
            for t in &e.doc_types {
                j.str(t);
            }
            j.close(']')
                .key("fingerprint")
                .str(&e.fingerprint)
                .key("issuingAuthority");
            opt_str(&mut j, &e.issuing_authority);
            j.key("issuingCountry");
            opt_str(&mut j, &e.issuing_country);
            j.key("stateOrProvince");
            opt_str(&mut j, &e.state_or_province);
            j.key("subject").str(&e.subject).close('}');
        }
        j.close(']').key("issueId");
        opt_int(&mut j, self.issue_id.map(|n| n.to_string()));
        j.key("nextUpdate");
        opt_int(&mut j, self.next_update.map(|n| n.to_string()));
        j.key("provider")
            .str(&self.provider)
            .key("signer")
            .str(&self.signer)
            .key("skipped")
            .open_array();
        for k in &self.skipped {
            j.open()
                .key("code")
                .str(k.code)
                .key("index")
                .raw(&k.index.to_string())
                .close('}');
        }
        j.close(']')
            .key("stale")
            .bool(self.stale)
            .key("version")
            .str(&self.version)
            .close('}');
        j.finish()
    }
}

fn format_error(field: &str) -> Error {
    Error::TrustListFormat {
        field: field.to_owned(),
    }
}

fn text(map: &Item<'_>, key: &str, field: &str) -> Result<Option<String>, Error> {
    match map.get(key) {
        None => Ok(None),
        Some(v) => v
            .as_text()
            .map(|s| Some(s.to_owned()))
            .ok_or_else(|| format_error(field)),
    }
}

fn date(map: &Item<'_>, key: &str, field: &str) -> Result<Option<i64>, Error> {
    match map.get(key) {
        None => Ok(None),
        Some(v) => match v.as_tag() {
            Some((cbor::TAG_DATE_TIME | cbor::TAG_EPOCH, _)) => v
                .as_date_time()
                .map(Some)
                .ok_or_else(|| format_error(field)),
            _ => Err(format_error(field)),
        },
    }
}

/// Verifies a VICAL (the COSE_Sign1 bytes as published) at `policy.now`. In order (the first
/// failure is returned):
///
/// 1. size: at most [`super::ListBudget::max_bytes`] ([`Error::InputTooLarge`]);
/// 2. one COSE_Sign1 (tagged or not), strict CBOR; `alg` from the protected header, ES256,
///    ES384 or ES512 (`ERR_COSE_*`);
/// 3. `x5chain` (one certificate or an array) validates to one of `policy.signers` under the
///    VICAL signer profile (EKU `1.0.18013.5.1.8`) at `now` (`ERR_CERT_*`);
/// 4. the signature verifies with the key of `x5chain[0]`;
/// 5. the payload is a VICAL map: `version`, `vicalProvider`, `date`, `certificateInfos`, each
///    with a `certificate` byte string and a non-empty `docType` array, within the entry
///    budget ([`Error::TrustListFormat`] names the first bad field); an entry whose certificate
///    is no usable IACA anchor is left out and listed in [`Vical::skipped`];
/// 6. rollback: a lower `vicalIssueID` than `policy.accepted` is rejected
///    ([`Error::TrustListRollback`]); the same number with another signed payload too
///    ([`Error::TrustListEquivocation`]); a list without `vicalIssueID` cannot be checked for
///    rollback and is refused when `policy.accepted` is given;
/// 7. `date <= now + leeway` ([`Error::TrustListIssuedInFuture`]);
/// 8. `nextUpdate`, when given, by the [`StalePolicy`] ([`Error::TrustListStale`]).
pub fn verify_vical(bytes: &[u8], policy: &ListPolicy<'_>) -> Result<Vical, Error> {
    verify(bytes, policy, &[])
}

/// [`verify_vical`] for a list whose signer certificate itself is pinned (DER, byte for byte
/// `x5chain[0]`), for providers that publish the signer but not its root (the RDW test list):
/// no path is built, the certificate must be valid at `now`; `policy.signers` are tried when
/// `x5chain[0]` is not one of `signer_certs`.
pub fn verify_vical_pinned(
    bytes: &[u8],
    signer_certs: &[&[u8]],
    policy: &ListPolicy<'_>,
) -> Result<Vical, Error> {
    verify(bytes, policy, signer_certs)
}

fn verify(bytes: &[u8], policy: &ListPolicy<'_>, pinned: &[&[u8]]) -> Result<Vical, Error> {
    if bytes.len() > policy.budget.max_bytes {
        return Err(Error::InputTooLarge {
            len: bytes.len(),
            max: policy.budget.max_bytes,
        });
    }
    let options = Options::default();
    let sign1 = Sign1::decode(bytes, &options)?;
    sign1.sig_alg(&DEFAULT_SIG_ALGS)?;
    let chain = sign1.headers.x5chain()?;
    let now = ValidityAt::Instant(policy.now);
    let signer = if chain.first().is_some_and(|leaf| pinned.contains(leaf)) {
        x509::verify_pinned(&chain, pinned, Purpose::TrustListSigner, now)?
    } else {
        x509::verify_path_with(
            &chain,
            policy.signers,
            &Profile::vical_signer(),
            now,
            x509::Budget::default(),
        )?
    };
    let payload = sign1
        .payload()
        .ok_or(Error::CosePayload { reason: "missing" })?;
    sign1.verify(signer.public_key(), &DEFAULT_SIG_ALGS, None)?;

    let map = cbor::decode(payload, &options)?;
    if map.as_map().is_none() {
        return Err(format_error("VICAL"));
    }
    let version = text(&map, "version", "version")?.ok_or_else(|| format_error("version"))?;
    let provider = text(&map, "vicalProvider", "vicalProvider")?
        .ok_or_else(|| format_error("vicalProvider"))?;
    let issued = date(&map, "date", "date")?.ok_or_else(|| format_error("date"))?;
    let issue_id = match map.get("vicalIssueID") {
        None => None,
        Some(v) => Some(v.as_u64().ok_or_else(|| format_error("vicalIssueID"))?),
    };
    let next_update = date(&map, "nextUpdate", "nextUpdate")?;
    let infos = map
        .get("certificateInfos")
        .and_then(Item::as_array)
        .ok_or_else(|| format_error("certificateInfos"))?;
    if infos.len() > policy.budget.max_entries {
        return Err(Error::TrustListTooManyEntries {
            max: policy.budget.max_entries,
        });
    }
    let mut entries = Vec::with_capacity(infos.len());
    let mut skipped = Vec::new();
    for (i, info) in infos.iter().enumerate() {
        let field = |name: &str| format!("certificateInfos[{i}].{name}");
        if info.as_map().is_none() {
            return Err(format_error(&format!("certificateInfos[{i}]")));
        }
        let der = info
            .get("certificate")
            .and_then(Item::as_bytes)
            .ok_or_else(|| format_error(&field("certificate")))?;
        let anchor = match TrustAnchor::from_der(der, Purpose::MdocIaca) {
            Ok(a) => a,
            // A certificate this build cannot use as an anchor (a key algorithm it does not
            // verify with, or a certificate that is not strict DER): the entry is left out
            // and said so ([`Vical::skipped`]); the rest of the list stays usable.
            Err(e) => {
                skipped.push((i, e.code()));
                continue;
            }
        };
        let doc_types = info
            .get("docType")
            .and_then(Item::as_array)
            .filter(|a| !a.is_empty())
            .ok_or_else(|| format_error(&field("docType")))?
            .iter()
            .map(|d| d.as_text().map(str::to_owned))
            .collect::<Option<Vec<String>>>()
            .ok_or_else(|| format_error(&field("docType")))?;
        entries.push(VicalEntry {
            anchor,
            doc_types,
            issuing_country: text(info, "issuingCountry", &field("issuingCountry"))?,
            issuing_authority: text(info, "issuingAuthority", &field("issuingAuthority"))?,
            state_or_province: text(info, "stateOrProvinceName", &field("stateOrProvinceName"))?,
        });
    }

    let digest: [u8; 32] = Sha256::digest(payload).into();
    let sequence = match (issue_id, policy.accepted) {
        (Some(id), _) => id,
        (None, None) => 0,
        (None, Some(_)) => return Err(format_error("vicalIssueID")),
    };
    check_rollback(policy.accepted, sequence, &digest, None)?;
    if issued > policy.now.saturating_add(policy.leeway.max(0)) {
        return Err(Error::TrustListIssuedInFuture { issued_at: issued });
    }
    let stale = match next_update {
        Some(next) => policy.stale.check(next, policy.now)?,
        None => false,
    };
    Ok(Vical {
        version,
        provider,
        date: issued,
        issue_id,
        next_update,
        stale,
        stale_policy: policy.stale,
        entries,
        skipped,
        accepted: Accepted { sequence, digest },
        signer,
    })
}
