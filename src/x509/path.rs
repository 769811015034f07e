//! Path validation over an ordered `x5c` chain (RFC 5280 §6.1, RFC 7515 §4.1.6).

use super::cert::{check_time, Cert};
use super::signature::{self, Failure};
use super::{Budget, PublicKey, Purpose, TrustAnchor, VerifiedPath, MAX_CERT_DER_BYTES};
use crate::crypto::Hash;
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
pub fn verify_path(
    chain: &[&[u8]],
    anchors: &[TrustAnchor],
    purpose: Purpose,
    now_unix: i64,
    budget: Budget,
) -> Result<VerifiedPath, Error> {
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
    let mut algs: Vec<Hash> = Vec::with_capacity(certs.len());
    // Non-self-issued intermediates below the certificate being checked (RFC 5280 §6.1.4 (l)).
    let mut intermediates_below: u64 = 0;
    for (i, c) in certs.iter().enumerate() {
        let at = CertRef::Chain(i);
        c.check_extensions(at)?;
        algs.push(c.signature_alg(at)?);
        keys.push(c.public_key(at)?);
        c.check_time(now_unix, at)?;
        if i == 0 {
            let ku = c.key_usage();
            if c.is_ca() || ku.is_some_and(|ku| ku.key_cert_sign()) {
                return Err(Error::EndEntityIsCa);
            }
            if ku.is_some_and(|ku| !ku.digital_signature()) {
                return Err(Error::KeyUsageMissing {
                    cert: at,
                    usage: KeyUsageBit::DigitalSignature,
                });
            }
        } else {
            check_issuer(c, at, intermediates_below)?;
            if !c.is_self_issued() {
                intermediates_below = intermediates_below.saturating_add(1);
            }
        }
    }

    let mut checks = SignatureChecks {
        left: budget.max_signature_checks,
        max: budget.max_signature_checks,
    };

    // HAIP 1.0 §6.1.1: the end entity MUST NOT be self-signed. Self-issued alone is not enough
    // (a CA may issue under its own name after a key change), so the signature decides.
    if let (true, Some(key), Some(&alg)) = (leaf.is_self_issued(), keys.first(), algs.first()) {
        checks.take()?;
        if signature::verify(key, alg, leaf.tbs(), leaf.signature()).is_ok() {
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
        verify_link(child, CertRef::Chain(i), alg, key)?;
    }

    // The anchor: first those held for `purpose`; then, only to explain a failure, the others.
    let top_at = CertRef::Chain(certs.len().saturating_sub(1));
    let top_alg = algs.last().copied().ok_or(Error::CertChainEmpty)?;
    let mut best = Error::UnknownIssuer;
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
            now_unix,
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
            now_unix,
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
    Err(best)
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
fn verify_link(child: &Cert<'_>, at: CertRef, alg: Hash, key: &PublicKey) -> Result<(), Error> {
    signature::verify(key, alg, child.tbs(), child.signature()).map_err(|f| match f {
        Failure::AlgorithmMismatch => Error::CertAlgorithmUnsupported { cert: at },
        Failure::Invalid => Error::CertSignatureInvalid { cert: at },
    })
}

/// Whether `anchor` issued `top` and its own constraints hold at `now_unix`.
fn check_anchor(
    anchor: &TrustAnchor,
    top: &Cert<'_>,
    top_at: CertRef,
    top_alg: Hash,
    intermediates: u64,
    now_unix: i64,
    checks: &mut SignatureChecks,
) -> Result<(), Error> {
    if anchor.subject_der != top.issuer_der() {
        return Err(Error::UnknownIssuer);
    }
    check_time(
        anchor.not_before,
        anchor.not_after,
        now_unix,
        CertRef::Anchor,
    )?;
    check_path_len(anchor.path_len, intermediates, CertRef::Anchor)?;
    checks.take()?;
    verify_link(top, top_at, top_alg, &anchor.key)
}

/// How specific an error is, for choosing among the failures of several anchors (higher wins).
pub(super) fn rank(e: &Error) -> u32 {
    match e {
        Error::CertExpired { .. } | Error::CertNotYetValid { .. } => 290,
        Error::CertSignatureInvalid { .. } => 260,
        Error::CertAlgorithmUnsupported { .. } => 250,
        Error::PathLenExceeded { .. } => 220,
        Error::UnknownIssuer => 0,
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
