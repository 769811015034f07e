//! CSCA master lists (ICAO 9303 Part 12 §9): CMS SignedData whose content is
//! `CscaMasterList ::= SEQUENCE { version INTEGER (0), certList SET OF Certificate }`, signed by
//! a master list signer whose certificate (extended key usage `2.23.136.1.1.3`) chains to a
//! CSCA the integrator pins. A master list has no sequence number: rollback protection is the
//! caller's minimum signing time (see [`MasterListPolicy::min_signed_at`]).

use super::ber::{self, Reader};
use super::certs::CertInfo;
use super::cms::{self, CmsError};
use crate::crypto::SigAlg;
use crate::error::Error;
use crate::x509::{verify_path_with, Budget, Profile, TrustAnchor, ValidityAt};

/// id-icao-cscaMasterList, 2.23.136.1.1.2.
const OID_CSCA_MASTER_LIST: &[u8] = &[0x67, 0x81, 0x08, 0x01, 0x01, 0x02];

/// Largest master list accepted (the German one is 0.9 MB with 588 certificates).
pub const MAX_MASTER_LIST_BYTES: usize = 8 * 1024 * 1024;
/// Most certificates read from one master list.
pub const MAX_MASTER_LIST_CERTS: usize = 4096;

fn format(offset: usize, reason: &'static str) -> Error {
    Error::MasterListFormat { offset, reason }
}

fn from_cms(e: CmsError) -> Error {
    format(e.offset, e.reason)
}

/// How a master list is accepted.
#[derive(Clone, Debug)]
pub struct MasterListPolicy<'a> {
    /// The pinned CSCA certificates the signer must chain to ([`crate::x509::Purpose::IcaoCsca`]).
    pub signer_anchors: &'a [TrustAnchor],
    /// Now, Unix seconds: the signer's path must be valid now and when the list was signed.
    pub now: i64,
    /// The oldest signing time accepted (Unix seconds), e.g. the signing time of the list last
    /// accepted: an older list is [`Error::MasterListStale`] (a rollback). `None`: no floor.
    pub min_signed_at: Option<i64>,
    /// Signature algorithms accepted for the list's signature and the signer's path.
    pub algorithms: &'a [SigAlg],
}

/// A master list whose signature and signer were verified. Its certificates are data until
/// [`super::CscaStore::from_master_list`] sorts them into anchors and link certificates.
#[derive(Clone, Debug)]
pub struct MasterList {
    /// The certificates of `certList`, DER as received.
    pub certificates: Vec<Vec<u8>>,
    /// The signer's certificate.
    pub signer: Vec<u8>,
    /// The signer's subject.
    pub signer_subject: String,
    /// The signing-time attribute, if present.
    pub signing_time: Option<i64>,
    /// The signing time used for the staleness check: signing-time, else the signer's
    /// notBefore.
    pub signed_at: i64,
}

/// Reads and verifies a CSCA master list: structure, signed attributes, the signature by the
/// signer certificate it carries, the signer's path (profile
/// [`Profile::icao_master_list_signer`]) to `policy.signer_anchors` at the signing time and
/// now, and the staleness floor.
#[inline(never)]
pub fn read_master_list(bytes: &[u8], policy: &MasterListPolicy<'_>) -> Result<MasterList, Error> {
    if bytes.len() > MAX_MASTER_LIST_BYTES {
        return Err(format(MAX_MASTER_LIST_BYTES, "too-large"));
    }
    let sd = cms::parse(bytes, 0).map_err(from_cms)?;
    if sd.content_type != OID_CSCA_MASTER_LIST {
        return Err(format(0, "content-type"));
    }
    let certificates = cert_list(&sd).map_err(from_cms)?;
    // The signer, its signature and attributes.
    let (signer_der, signer) = sd
        .certificates
        .iter()
        .find_map(|der| {
            let info = CertInfo::parse(der)?;
            info.is_signer(&sd.signer_id).then_some((*der, info))
        })
        .ok_or(format(0, "no-signer-certificate"))?;
    let (ct_ok, md_ok) = sd
        .attributes_match()
        .map_err(|_| super::hash_not_allowed("masterListSignature", sd.digest))?;
    if !ct_ok || !md_ok {
        return Err(Error::MasterListSignature);
    }
    let key = signer
        .public_key()
        .map_err(|_| Error::MasterListSignature)?;
    sd.verify_signature(&key, policy.algorithms).map_err(|e| {
        super::signature_error(
            e,
            &sd,
            &key,
            "masterListSignature",
            Error::MasterListSignature,
        )
    })?;
    let signed_at = sd.signing_time.unwrap_or(signer.not_before);
    if let Some(minimum) = policy.min_signed_at {
        if signed_at < minimum {
            return Err(Error::MasterListStale { signed_at, minimum });
        }
    }
    let profile = Profile::icao_master_list_signer().with_algorithms(policy.algorithms.to_vec());
    let budget = chip_budget();
    let chain: [&[u8]; 1] = [signer_der];
    verify_path_with(
        &chain,
        policy.signer_anchors,
        &profile,
        ValidityAt::Both(policy.now, signed_at),
        budget,
    )?;
    Ok(MasterList {
        certificates,
        signer: signer_der.to_vec(),
        signer_subject: signer.subject.clone(),
        signing_time: sd.signing_time,
        signed_at,
    })
}

/// `CscaMasterList ::= SEQUENCE { version 0, certList SET OF Certificate }` (ICAO 9303 Part 12
/// §9), the certificates DER as received; structural failures as [`CmsError`] (made an
/// [`Error::MasterListFormat`] once by the caller).
fn cert_list(sd: &cms::SignedData<'_>) -> Result<Vec<Vec<u8>>, CmsError> {
    let fail = |offset, reason| CmsError { offset, reason };
    let mut top = Reader::at(&sd.content, sd.content_offset, false);
    let seq = top.expect(0x30)?;
    top.finish()?;
    let mut r = seq.children(false);
    let v = r.expect(0x02)?;
    if ber::small_uint(&v)? != 0 {
        return Err(fail(v.offset, "version"));
    }
    let set = r.expect(0x31)?;
    r.finish()?;
    let mut certificates = Vec::new();
    let mut cr = set.children(false);
    while !cr.is_empty() {
        let c = cr.expect(0x30)?;
        if certificates.len() >= MAX_MASTER_LIST_CERTS {
            return Err(fail(c.offset, "too-many-certificates"));
        }
        certificates.push(c.raw.to_vec());
    }
    Ok(certificates)
}

/// The path budget for chips: a DSC, at most one link certificate, and several anchors with
/// the same name (key rollovers: a master list holds up to ten CSCAs of one country).
pub(super) fn chip_budget() -> Budget {
    Budget {
        max_chain_len: 3,
        max_signature_checks: 48,
    }
}
