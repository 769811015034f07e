//! Path validation over an ordered `x5c` chain (RFC 5280 §6.1, RFC 7515 §4.1.6).

use super::cert::{check_time, Cert};
use super::profile::{AnchorCopy, Intermediates, Profile, ValidityAt};
use super::signature::{self, Failure};
use super::{Budget, PublicKey, Purpose, TrustAnchor, VerifiedPath, MAX_CERT_DER_BYTES};
use crate::error::{CertRef, Error, KeyUsageBit};

/// Validates `chain` (DER certificates, end entity first, each issued by the next; HAIP 1.0
/// §6.1.1) up to one of `anchors` held for `purpose`, at `now_unix` (seconds since the Unix epoch).
///
/// The anchor is never taken from the chain: a chain element equal to an anchor (same DER, or
/// same subject and public key) is rejected with [`Error::AnchorInChain`], as HAIP 1.0 requires.
/// Every element of `chain` must be used: the last one must be issued by an anchor.
///
/// When no anchor of `purpose` completes the path, the error is
/// [`Error::AnchorPurposeMismatch`] if an anchor held for another purpose would have; otherwise
/// the most specific of the anchors' errors (like rustls-webpki's `Error::rank`): validity-period
/// errors, then bad signatures, algorithm mismatches, path length, and [`Error::UnknownIssuer`].
///
/// This is [`verify_path_with`] with [`Profile::for_purpose`]`(purpose)` at
/// [`ValidityAt::Instant`]`(now_unix)`.
pub fn verify_path(
    chain: &[&[u8]],
    anchors: &[TrustAnchor],
    purpose: Purpose,
    now_unix: i64,
    budget: Budget,
) -> Result<VerifiedPath, Error> {
    verify_path_with(
        chain,
        anchors,
        &Profile::for_purpose(purpose),
        ValidityAt::Instant(now_unix),
        budget,
    )
}

/// Validates `chain` as [`verify_path`] does, up to one of `anchors` held for
/// `profile.purpose()`, with the rules of `profile` on top (extended key usage, required and
/// forbidden extensions, which intermediates may stand in the path, the anchor's form; see
/// [`Profile`]), every certificate and the anchor valid at each instant of `valid_at`.
///
/// Profile rules are checked after the RFC 5280 checks of the same certificate, so a path
/// that fails those fails as [`verify_path`] would. Breaking a profile rule is
/// [`Error::EkuMissing`] or [`Error::ProfileViolation`].
pub fn verify_path_with(
    chain: &[&[u8]],
    anchors: &[TrustAnchor],
    profile: &Profile,
    valid_at: ValidityAt,
    budget: Budget,
) -> Result<VerifiedPath, Error> {
    let purpose = profile.purpose;
    if chain.is_empty() {
        return Err(Error::CertChainEmpty);
    }
    if chain.len() > budget.max_chain_len {
        return Err(Error::ChainTooLong {
            len: chain.len(),
            max: budget.max_chain_len,
        });
    }
    for (i, der) in chain.iter().enumerate() {
        if der.len() > MAX_CERT_DER_BYTES {
            return Err(Error::CertTooLarge {
                cert: CertRef::Chain(i),
                len: der.len(),
                max: MAX_CERT_DER_BYTES,
            });
        }
    }
    // A trailing copy of an anchor of this purpose adds nothing; where the profile allows it,
    // it is set aside and the anchor itself is used.
    let chain = match chain.split_last() {
        Some((last, rest))
            if profile.anchor_copy == AnchorCopy::IgnoreLast
                && !rest.is_empty()
                && anchors
                    .iter()
                    .any(|a| a.purpose == purpose && a.der.as_slice() == *last) =>
        {
            rest
        }
        _ => chain,
    };
    let certs = chain
        .iter()
        .enumerate()
        .map(|(i, der)| Cert::parse(der, CertRef::Chain(i)))
        .collect::<Result<Vec<_>, _>>()?;
    let (Some(leaf), Some(top)) = (certs.first(), certs.last()) else {
        return Err(Error::CertChainEmpty);
    };

    // HAIP 1.0 §6.1.1: the trust anchor MUST NOT be in x5c. Also catches a re-encoded copy.
    for (index, c) in certs.iter().enumerate() {
        let is_anchor = |a: &TrustAnchor| {
            a.der == c.der() || (a.subject_der == c.subject_der() && a.spki_der == c.spki_der())
        };
        if anchors.iter().any(is_anchor) {
            return Err(Error::AnchorInChain { index });
        }
    }

    // Issuer-independent checks, end entity first; no cryptography yet.
    let mut keys: Vec<PublicKey> = Vec::with_capacity(certs.len());
    let allowed: &[crate::crypto::SigAlg] = &profile.algorithms;
    let mut algs: Vec<&[u8]> = Vec::with_capacity(certs.len());
    // Non-self-issued intermediates below the certificate being checked (RFC 5280 §6.1.4 (l)).
    let mut intermediates_below: u64 = 0;
    for (i, c) in certs.iter().enumerate() {
        let at = CertRef::Chain(i);
        c.check_extensions(at)?;
        algs.push(c.signature_alg(at, allowed)?);
        keys.push(c.public_key(at, allowed)?);
        for t in valid_at.instants() {
            c.check_time(t, at)?;
        }
        if i == 0 {
            let ku = c.key_usage();
            if c.is_ca() || ku.is_some_and(|ku| ku.key_cert_sign()) {
                return Err(Error::EndEntityIsCa);
            }
            let signs = |ku: &super::cert::KeyUsage| {
                ku.digital_signature()
                    || (profile.leaf_non_repudiation_signs && ku.non_repudiation())
            };
            if ku.is_some_and(|ku| !signs(&ku)) {
                return Err(Error::KeyUsageMissing {
                    cert: at,
                    usage: KeyUsageBit::DigitalSignature,
                });
            }
            check_end_entity_profile(c, at, profile)?;
        } else {
            check_issuer(c, at, intermediates_below)?;
            check_intermediate_profile(c, at, profile)?;
            if !c.is_self_issued() && !profile.links_exempt_from_path_len {
                intermediates_below = intermediates_below.saturating_add(1);
            }
        }
        check_forbidden(c, at, profile)?;
    }

    let mut checks = SignatureChecks {
        left: budget.max_signature_checks,
        max: budget.max_signature_checks,
    };

    // HAIP 1.0 §6.1.1: the end entity MUST NOT be self-signed. Self-issued alone is not enough
    // (a CA may issue under its own name after a key change), so the signature decides.
    if let (true, Some(key), Some(&alg)) = (leaf.is_self_issued(), keys.first(), algs.first()) {
        checks.take()?;
        if signature::verify(allowed, key, alg, leaf.tbs(), leaf.signature()).is_ok() {
            return Err(Error::SelfSignedEndEntity);
        }
    }

    // Links: x5c[i + 1] issued x5c[i].
    for (i, ((child, parent), (&alg, key))) in certs
        .iter()
        .zip(certs.iter().skip(1))
        .zip(algs.iter().zip(keys.iter().skip(1)))
        .enumerate()
    {
        if child.issuer_der() != parent.subject_der() {
            return Err(Error::ChainOrder { index: i });
        }
        checks.take()?;
        verify_link(child, CertRef::Chain(i), allowed, alg, key)?;
    }

    // The anchor: first those held for `purpose`; then, only to explain a failure, the others.
    let top_at = CertRef::Chain(certs.len().saturating_sub(1));
    let top_alg = algs.last().copied().ok_or(Error::CertChainEmpty)?;
    let held = anchors.iter().filter(|a| a.purpose == purpose).count();
    let unknown = || Error::UnknownIssuer {
        purpose,
        anchors: held,
    };
    let mut best = unknown();
    for (index, anchor) in anchors.iter().enumerate() {
        if anchor.purpose != purpose {
            continue;
        }
        match check_anchor(
            anchor,
            top,
            top_at,
            top_alg,
            intermediates_below,
            valid_at,
            profile,
            &mut checks,
        ) {
            Ok(()) => {
                let (san_uris, san_dns_names) = leaf.san();
                let public_key = keys.into_iter().next().ok_or(Error::CertChainEmpty)?;
                return Ok(VerifiedPath {
                    public_key,
                    subject: leaf.subject_string(),
                    subject_der: leaf.subject_der().to_vec(),
                    san_uris,
                    san_dns_names,
                    anchor_index: index,
                    anchor_fingerprint: anchor.fingerprint,
                    validity: leaf.validity_unix(),
                    anchor_subject: anchor.subject.clone(),
                });
            }
            Err(e @ Error::SignatureBudgetExceeded { .. }) => return Err(e),
            Err(e) => {
                if rank(&e) > rank(&best) {
                    best = e;
                }
            }
        }
    }
    // Only to explain the failure: would an anchor held for another purpose complete the path?
    // Their failures say nothing about this purpose, and running out of budget here just ends
    // the explanation.
    for anchor in anchors.iter().filter(|a| a.purpose != purpose) {
        match check_anchor(
            anchor,
            top,
            top_at,
            top_alg,
            intermediates_below,
            valid_at,
            profile,
            &mut checks,
        ) {
            Ok(()) => {
                return Err(Error::AnchorPurposeMismatch {
                    expected: purpose,
                    found: anchor.purpose,
                })
            }
            Err(Error::SignatureBudgetExceeded { .. }) => break,
            Err(_) => {}
        }
    }
    Err(match best {
        Error::UnknownIssuer { .. } => unknown(),
        e => e,
    })
}

/// The profile's rules on the end entity (after the RFC 5280 ones).
fn check_end_entity_profile(c: &Cert<'_>, at: CertRef, profile: &Profile) -> Result<(), Error> {
    let violation = |rule| Err(Error::ProfileViolation { cert: at, rule });
    if profile.leaf_key_usage_required || profile.leaf_key_usage_critical {
        match c.key_usage_critical() {
            None => return violation(rule::KEY_USAGE_ABSENT),
            Some(false) if profile.leaf_key_usage_critical => {
                return violation(rule::KEY_USAGE_NOT_CRITICAL)
            }
            Some(_) => {}
        }
    }
    if let Some(required) = profile.eku.as_deref() {
        let missing = || {
            Err(Error::EkuMissing {
                cert: at,
                oid: required.to_owned(),
            })
        };
        match c.ext_key_usage(at)? {
            None => return missing(),
            Some((_, oids)) if !oids.iter().any(|o| o == required) => return missing(),
            Some((false, _)) if profile.eku_critical => return violation(rule::EKU_NOT_CRITICAL),
            Some(_) => {}
        }
    }
    if profile.leaf_key_ids && c.key_identifiers() != (true, true) {
        return violation(rule::KEY_IDENTIFIER_MISSING);
    }
    Ok(())
}

/// The profile's rule on which issuing certificates may stand in the path.
fn check_intermediate_profile(c: &Cert<'_>, at: CertRef, profile: &Profile) -> Result<(), Error> {
    let rule = match profile.intermediates {
        Intermediates::Any => return Ok(()),
        Intermediates::None => rule::INTERMEDIATE_FORBIDDEN,
        Intermediates::LinksOnly if c.is_self_issued() => return Ok(()),
        Intermediates::LinksOnly => rule::INTERMEDIATE_NOT_LINK,
    };
    Err(Error::ProfileViolation { cert: at, rule })
}

/// Extensions the profile forbids, critical or not.
fn check_forbidden(c: &Cert<'_>, at: CertRef, profile: &Profile) -> Result<(), Error> {
    if profile.forbidden.iter().any(|o| c.extension(o).is_some()) {
        return Err(Error::ProfileViolation {
            cert: at,
            rule: rule::EXTENSION_FORBIDDEN,
        });
    }
    Ok(())
}

/// The profile's rules on the anchor, without cryptography (the self-signature is checked in
/// [`check_anchor`]).
fn check_anchor_form(anchor: &Cert<'_>, profile: &Profile) -> Result<(), Error> {
    let at = CertRef::Anchor;
    let violation = |rule| Err(Error::ProfileViolation { cert: at, rule });
    if profile.anchor_self_signed && !anchor.is_self_issued() {
        return violation(rule::ANCHOR_NOT_SELF_SIGNED);
    }
    if profile.anchor_iaca_form {
        if anchor.basic_constraints_critical() != Some(true) {
            return violation(rule::BASIC_CONSTRAINTS_NOT_CRITICAL);
        }
        if anchor.path_len_constraint() != Some(0) {
            return violation(rule::PATH_LEN_NOT_ZERO);
        }
        if anchor.key_usage_critical() != Some(true) {
            return violation(rule::KEY_USAGE_NOT_CRITICAL);
        }
        if !anchor.key_usage().is_some_and(|ku| ku.crl_sign()) {
            return violation(rule::CRL_SIGN_MISSING);
        }
        if !anchor.key_identifiers().1 {
            return violation(rule::KEY_IDENTIFIER_MISSING);
        }
    }
    check_forbidden(anchor, at, profile)
}

/// The `params.rule` values of [`Error::ProfileViolation`].
pub(super) mod rule {
    /// The profile requires keyUsage on the end entity.
    pub const KEY_USAGE_ABSENT: &str = "key-usage-absent";
    /// The profile requires keyUsage to be critical.
    pub const KEY_USAGE_NOT_CRITICAL: &str = "key-usage-not-critical";
    /// The profile requires extKeyUsage to be critical.
    pub const EKU_NOT_CRITICAL: &str = "eku-not-critical";
    /// authorityKeyIdentifier or subjectKeyIdentifier is missing.
    pub const KEY_IDENTIFIER_MISSING: &str = "key-identifier-missing";
    /// An extension the profile forbids is present.
    pub const EXTENSION_FORBIDDEN: &str = "extension-forbidden";
    /// The profile allows no certificate between the end entity and the anchor.
    pub const INTERMEDIATE_FORBIDDEN: &str = "intermediate-forbidden";
    /// The profile allows only link certificates (self-issued CAs) as intermediates.
    pub const INTERMEDIATE_NOT_LINK: &str = "intermediate-not-link";
    /// The anchor is not self-signed.
    pub const ANCHOR_NOT_SELF_SIGNED: &str = "anchor-not-self-signed";
    /// basicConstraints is not critical.
    pub const BASIC_CONSTRAINTS_NOT_CRITICAL: &str = "basic-constraints-not-critical";
    /// pathLenConstraint is not 0.
    pub const PATH_LEN_NOT_ZERO: &str = "path-len-not-zero";
    /// keyUsage lacks cRLSign.
    pub const CRL_SIGN_MISSING: &str = "crl-sign-missing";
}

/// Issuer-independent checks of an issuing certificate (RFC 5280 §6.1.4 (k)–(n)).
fn check_issuer(c: &Cert<'_>, at: CertRef, intermediates_below: u64) -> Result<(), Error> {
    if !c.is_ca() {
        return Err(Error::CertNotCa { cert: at });
    }
    if c.key_usage().is_some_and(|ku| !ku.key_cert_sign()) {
        return Err(Error::KeyUsageMissing {
            cert: at,
            usage: KeyUsageBit::KeyCertSign,
        });
    }
    check_path_len(c.path_len_constraint(), intermediates_below, at)
}

/// pathLenConstraint: at most that many non-self-issued intermediates below the CA.
pub(super) fn check_path_len(
    constraint: Option<u32>,
    below: u64,
    at: CertRef,
) -> Result<(), Error> {
    match constraint {
        Some(max) if below > u64::from(max) => Err(Error::PathLenExceeded { cert: at }),
        _ => Ok(()),
    }
}

/// Verifies `child`'s signature with its issuer's `key`.
fn verify_link(
    child: &Cert<'_>,
    at: CertRef,
    allowed: &[crate::crypto::SigAlg],
    alg: &[u8],
    key: &PublicKey,
) -> Result<(), Error> {
    signature::verify(allowed, key, alg, child.tbs(), child.signature()).map_err(|f| match f {
        Failure::AlgorithmMismatch => Error::CertAlgorithmUnsupported { cert: at },
        Failure::Invalid => Error::CertSignatureInvalid { cert: at },
    })
}

/// Whether `anchor` issued `top`, its own constraints hold at every instant of `valid_at`,
/// and it has the form `profile` requires.
#[allow(clippy::too_many_arguments)]
fn check_anchor(
    anchor: &TrustAnchor,
    top: &Cert<'_>,
    top_at: CertRef,
    top_alg: &[u8],
    intermediates: u64,
    valid_at: ValidityAt,
    profile: &Profile,
    checks: &mut SignatureChecks,
) -> Result<(), Error> {
    if anchor.subject_der != top.issuer_der() {
        return Err(Error::UnknownIssuer {
            purpose: profile.purpose,
            anchors: 0,
        });
    }
    for t in valid_at.instants() {
        check_time(anchor.not_before, anchor.not_after, t, CertRef::Anchor)?;
    }
    check_path_len(anchor.path_len, intermediates, CertRef::Anchor)?;
    if profile.anchor_self_signed || profile.anchor_iaca_form || !profile.forbidden.is_empty() {
        let c = Cert::parse(&anchor.der, CertRef::Anchor)?;
        check_anchor_form(&c, profile)?;
        if profile.anchor_self_signed {
            checks.take()?;
            let alg = c.signature_alg(CertRef::Anchor, &profile.algorithms)?;
            signature::verify(
                &profile.algorithms,
                &anchor.key,
                alg,
                c.tbs(),
                c.signature(),
            )
            .map_err(|f| match f {
                Failure::AlgorithmMismatch => Error::CertAlgorithmUnsupported {
                    cert: CertRef::Anchor,
                },
                Failure::Invalid => Error::ProfileViolation {
                    cert: CertRef::Anchor,
                    rule: rule::ANCHOR_NOT_SELF_SIGNED,
                },
            })?;
        }
    }
    checks.take()?;
    verify_link(top, top_at, &profile.algorithms, top_alg, &anchor.key)
}

/// How specific an error is, for choosing among the failures of several anchors (higher wins).
pub(super) fn rank(e: &Error) -> u32 {
    match e {
        Error::CertExpired { .. } | Error::CertNotYetValid { .. } => 290,
        Error::CertSignatureInvalid { .. } => 260,
        Error::CertAlgorithmUnsupported { .. } => 250,
        Error::PathLenExceeded { .. } => 220,
        Error::UnknownIssuer { .. } => 0,
        _ => 100,
    }
}

/// The signature verification budget.
pub(super) struct SignatureChecks {
    pub(super) left: usize,
    pub(super) max: usize,
}

impl SignatureChecks {
    pub(super) fn take(&mut self) -> Result<(), Error> {
        self.left = self
            .left
            .checked_sub(1)
            .ok_or(Error::SignatureBudgetExceeded { max: self.max })?;
        Ok(())
    }
}
