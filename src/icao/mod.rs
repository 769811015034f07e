//! ICAO 9303 chip verification, offline (Parts 10–12): passive authentication of EF.SOD and
//! the data groups, the document signer's path to a CSCA (pinned certificates or a verified
//! master list), Active Authentication with the relying party's challenge, and the data groups
//! a Vietnamese CCCD carries (`shared/domain/cccd.md` §5; `docs/chip-data.md`).
//!
//! ```no_run
//! use cccd_verify::icao::{verify_chip, ChipDump, ChipOptions, CscaStore};
//!
//! # fn demo(json: &str, csca_der: &[u8], challenge: &[u8]) -> Result<(), cccd_verify::Error> {
//! let dump = ChipDump::from_json(json)?;
//! let store = CscaStore::from_certificates(&[csca_der]);
//! let mut options = ChipOptions::new(1_796_000_000);
//! options.trust = Some(&store);
//! options.challenge = Some(challenge);
//! let result = verify_chip(&dump, &options)?;
//! if result.verdict == cccd_verify::icao::Verdict::Authentic { /* PA with a trusted CSCA */ }
//! # Ok(()) }
//! ```
//!
//! What is an error (`Err`) and what is a verdict: broken structure, a signature or hash that
//! does not verify, a data group the SOD does not cover, a failed Active Authentication, or an
//! algorithm outside the allow-list are errors. A document signer that does not chain to a
//! configured CSCA (or no CSCA configured) is not: the data is intact as signed by *someone*,
//! and the verdict says [`Verdict::IntactIssuerNotVerified`] with the path error, if any.
//!
//! The core never reads the clock: `now` is a parameter.
//!
//! Size: the parsers and checks [`verify_chip`] calls once (`dg::dg13`, `sod::parse`, `chain`,
//! the cross-checks, …) are `#[inline(never)]`. Inlined, they made `verify_chip` one ~28 KB
//! function of the verify module; apart, the module is 0.4 KB smaller gzip -9
//! (docs/architecture.md, "The ICAO chip").

mod aa;
pub mod ber;
mod certs;
pub mod cms;
mod crl;
mod cross;
pub mod dg;
mod dump;
mod masterlist;
mod request;
mod result;
pub mod sod;
mod time;

use crate::crypto::{CryptoError, Curve, Hash, SigAlg};
use crate::error::Error;
use crate::x509::{icao_algorithms, verify_path_with, Profile, Purpose, TrustAnchor, ValidityAt};

pub use certs::{kind as classify, CertInfo, Kind};
pub use cross::{cross_check_chip, Consistency, CrossFinding};
pub use dg::{AaKey, Dg1, Dg13, Dg13Date, Dg13Finding, Dg14, Face};
pub use dump::{ActiveAuthentication, ChipDump, DUMP_FORMAT, MAX_DUMP_JSON_BYTES};
pub use masterlist::{
    read_master_list, MasterList, MasterListPolicy, MAX_MASTER_LIST_BYTES, MAX_MASTER_LIST_CERTS,
};
pub use request::{verify_chip_request, ChipRequest, ChipTrust, ValidityName};
#[doc(hidden)]
pub use result::declarations;
pub use result::{
    AaStatus, CaStatus, ChipVerification, CscaJson, DataGroupCheck, DataGroupStatus,
    DocumentSigner, FaceJson, IssuerCheck, IssuerError, SodFacts, TrustSource, Verdict,
};

/// The CSCAs a document signer may chain to: self-signed CSCA certificates (anchors) and link
/// certificates (a CSCA's new key certified by its old one), from pinned certificates or a
/// verified master list.
#[derive(Clone, Debug, Default)]
pub struct CscaStore {
    anchors: Vec<TrustAnchor>,
    links: Vec<Vec<u8>>,
    crls: Vec<Vec<u8>>,
    skipped: usize,
    source: Option<TrustSource>,
}

impl CscaStore {
    /// Pinned CSCA certificates (DER). Each is sorted as an anchor (self-issued, its own key
    /// identifier) or a link certificate; certificates that are no usable CSCA (not a CA, an
    /// unsupported key, malformed) are counted in [`CscaStore::skipped`].
    pub fn from_certificates(ders: &[&[u8]]) -> CscaStore {
        let mut s = CscaStore {
            source: Some(TrustSource::Pinned),
            ..CscaStore::default()
        };
        for der in ders {
            s.add(der);
        }
        s
    }

    /// The certificates of a verified master list.
    pub fn from_master_list(list: &MasterList) -> CscaStore {
        let mut s = CscaStore {
            source: Some(TrustSource::MasterList),
            ..CscaStore::default()
        };
        for der in &list.certificates {
            s.add(der);
        }
        s
    }

    /// Adds one certificate (as [`CscaStore::from_certificates`] sorts them).
    pub fn add(&mut self, der: &[u8]) {
        match certs::kind(der) {
            Some(Kind::Root) => match TrustAnchor::from_der(der, Purpose::IcaoCsca) {
                Ok(a) => self.anchors.push(a),
                Err(_) => self.skipped += 1,
            },
            Some(Kind::Link) => self.links.push(der.to_vec()),
            _ => self.skipped += 1,
        }
    }

    /// Adds a CRL (DER) of one of the CSCAs: a document signer it lists is not trusted
    /// ([`Error::ChipDscRevoked`]); a CRL of a CSCA on the path whose signature does not verify
    /// is [`Error::ChipCrlInvalid`] (as `issuer.error`). CRLs of other issuers are ignored.
    pub fn add_crl(&mut self, der: &[u8]) {
        self.crls.push(der.to_vec());
    }

    /// The CSCA anchors.
    pub fn anchors(&self) -> &[TrustAnchor] {
        &self.anchors
    }

    /// How many link certificates the store holds.
    pub fn link_count(&self) -> usize {
        self.links.len()
    }

    /// How many certificates were not usable (see [`CscaStore::from_certificates`]).
    pub fn skipped(&self) -> usize {
        self.skipped
    }
}

/// When the document signer's path must be valid.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum DscValidity {
    /// At the SOD's signing time (signed attribute, when present) and at `now` (default: a
    /// document signer whose certificate has expired, or that was used outside its validity,
    /// is not trusted).
    #[default]
    SigningTimeAndNow,
    /// At the signing time only (at `now` when the SOD has no signing time): for verifying
    /// documents whose signer certificate has since expired.
    SigningTime,
    /// At `now` only.
    Now,
}

/// Options of [`verify_chip`].
#[derive(Clone, Debug)]
pub struct ChipOptions<'a> {
    /// Now, Unix seconds.
    pub now: i64,
    /// The CSCAs; `None`: the verdict can be at most [`Verdict::IntactIssuerNotVerified`].
    pub trust: Option<&'a CscaStore>,
    /// The relying party's own Active Authentication challenge (usually 8 bytes); the dump's
    /// `activeAuthentication.challenge` must equal it.
    pub challenge: Option<&'a [u8]>,
    /// Signature algorithms accepted for the SOD and the certificates (default
    /// [`icao_algorithms`]`(false, false)`: no SHA-1, no unnamed explicit curves).
    pub algorithms: Vec<SigAlg>,
    /// Hashes accepted for the data-group hashes and Active Authentication (default SHA-224,
    /// SHA-256, SHA-384, SHA-512).
    pub hashes: Vec<Hash>,
    /// When the document signer's path must be valid.
    pub validity: DscValidity,
    /// A document signer certificate (DER) to use when EF.SOD carries none.
    pub dsc: Option<&'a [u8]>,
    /// The card's QR code, parsed, to cross-check with the chip ([`cross_check_chip`]).
    pub qr: Option<&'a crate::Card>,
    /// The MRZ printed on the card, parsed, to cross-check with DG1.
    pub printed_mrz: Option<&'a crate::Mrz>,
}

impl<'a> ChipOptions<'a> {
    /// The defaults at `now`.
    pub fn new(now: i64) -> ChipOptions<'a> {
        ChipOptions {
            now,
            trust: None,
            challenge: None,
            algorithms: icao_algorithms(false, false),
            hashes: vec![Hash::Sha224, Hash::Sha256, Hash::Sha384, Hash::Sha512],
            validity: DscValidity::default(),
            dsc: None,
            qr: None,
            printed_mrz: None,
        }
    }

    /// Adds SHA-1 (older passports: ecdsa-with-SHA1 SODs, SHA-1 DG hashes) to the allow-lists.
    #[must_use]
    pub fn allow_sha1(mut self) -> ChipOptions<'a> {
        self.algorithms = icao_algorithms(true, false);
        if !self.hashes.contains(&Hash::Sha1) {
            self.hashes.insert(0, Hash::Sha1);
        }
        self
    }
}

/// `"sha256"`, … for results and errors.
pub fn hash_name(h: Hash) -> &'static str {
    match h {
        Hash::Sha1 => "sha1",
        Hash::Sha224 => "sha224",
        Hash::Sha256 => "sha256",
        Hash::Sha384 => "sha384",
        Hash::Sha512 => "sha512",
    }
}

/// [`Error::ChipAlgorithmNotAllowed`] for a hash outside the allow-list (one function for the
/// chip's many call sites).
#[inline(never)]
fn hash_not_allowed(what: &'static str, hash: Hash) -> Error {
    Error::ChipAlgorithmNotAllowed {
        what,
        algorithm: hash_name(hash).to_owned(),
    }
}

/// `"brainpoolP256r1"`, … for results and errors.
pub fn curve_name(c: Curve) -> &'static str {
    match c {
        Curve::P256 => "P-256",
        Curve::P384 => "P-384",
        Curve::P521 => "P-521",
        Curve::BrainpoolP256r1 => "brainpoolP256r1",
        Curve::BrainpoolP384r1 => "brainpoolP384r1",
        Curve::BrainpoolP512r1 => "brainpoolP512r1",
        _ => "explicit",
    }
}

/// `"ecdsa-brainpoolP256r1-sha256"`, `"rsa-pkcs1-sha256"`, `"rsa-pss-sha256"`.
#[inline(never)]
pub fn alg_name(a: SigAlg) -> String {
    match a {
        SigAlg::Ecdsa { curve, hash } => format!("ecdsa-{}-{}", curve_name(curve), hash_name(hash)),
        SigAlg::RsaPkcs1v15 { hash } => format!("rsa-pkcs1-{}", hash_name(hash)),
        SigAlg::RsaPss { hash, salt_len } => format!("rsa-pss-{}-salt{salt_len}", hash_name(hash)),
        SigAlg::Ed25519 => "ed25519".to_owned(),
    }
}

/// Maps a CMS signature failure: an algorithm outside the allow-list or build is
/// [`Error::ChipAlgorithmNotAllowed`], anything else `invalid`.
#[inline(never)]
fn signature_error(
    e: CryptoError,
    sd: &cms::SignedData<'_>,
    key: &crate::crypto::PublicKey,
    what: &'static str,
    invalid: Error,
) -> Error {
    match e {
        CryptoError::AlgorithmNotAllowed
        | CryptoError::AlgorithmDisabled
        | CryptoError::AlgorithmUnsupported => Error::ChipAlgorithmNotAllowed {
            what,
            algorithm: sd
                .sig_alg(key)
                .map(alg_name)
                .unwrap_or_else(|_| "unsupported".to_owned()),
        },
        _ => invalid,
    }
}

/// Verifies a chip dump: passive authentication (EF.SOD structure and signed attributes, the
/// SOD signature by the document signer, every data group's hash over its bytes as read, no
/// data group the SOD does not list), the document signer's path to `options.trust` (which
/// decides the [`Verdict`]), Active Authentication when the dump answers a challenge, and the
/// data groups read (DG1, DG2, DG13, DG14, DG15).
#[inline(never)]
pub fn verify_chip(dump: &ChipDump, options: &ChipOptions<'_>) -> Result<ChipVerification, Error> {
    let sod = sod::parse(&dump.sod)?;
    // Signed attributes.
    if !options.hashes.contains(&sod.cms.digest) {
        return Err(hash_not_allowed("sodSignature", sod.cms.digest));
    }
    let (ct_ok, md_ok) = sod
        .cms
        .attributes_match()
        .map_err(|_| hash_not_allowed("sodSignature", sod.cms.digest))?;
    if !ct_ok {
        return Err(Error::ChipSodAttributeMismatch {
            attribute: "contentType",
        });
    }
    if !md_ok {
        return Err(Error::ChipSodAttributeMismatch {
            attribute: "messageDigest",
        });
    }
    // The document signer and the SOD signature.
    let (dsc_der, dsc) = sod
        .cms
        .certificates
        .iter()
        .copied()
        .chain(options.dsc)
        .find_map(|der| {
            let info = CertInfo::parse(der)?;
            info.is_signer(&sod.cms.signer_id).then_some((der, info))
        })
        .ok_or(Error::ChipDscMissing)?;
    let key = dsc.public_key().map_err(|e| match e {
        CryptoError::KeyUnsupported => Error::ChipAlgorithmNotAllowed {
            what: "sodSignature",
            algorithm: "unsupported-key".to_owned(),
        },
        _ => Error::ChipSodSignature,
    })?;
    let sig_alg = sod
        .cms
        .verify_signature(&key, &options.algorithms)
        .map_err(|e| signature_error(e, &sod.cms, &key, "sodSignature", Error::ChipSodSignature))?;
    // Data groups: every one handed over must be listed and match.
    if !options.hashes.contains(&sod.hash) {
        return Err(hash_not_allowed("dataGroupHash", sod.hash));
    }
    for (&n, bytes) in &dump.data_groups {
        let Some((_, expected)) = sod.hashes.iter().find(|(m, _)| *m == n) else {
            return Err(Error::ChipDgNotInSod { data_group: n });
        };
        let actual = sod
            .hash
            .digest(bytes)
            .map_err(|_| hash_not_allowed("dataGroupHash", sod.hash))?;
        if &actual != expected {
            return Err(Error::ChipDgHashMismatch { data_group: n });
        }
    }
    let data_groups = sod
        .hashes
        .iter()
        .map(|(n, _)| DataGroupCheck {
            number: *n,
            status: if dump.data_groups.contains_key(n) {
                DataGroupStatus::Valid
            } else {
                DataGroupStatus::NotRead
            },
        })
        .collect();
    // Data groups' contents (only once their hashes matched).
    let dg = |n: u8| dump.data_groups.get(&n).map(Vec::as_slice);
    let dg1 = dg(1).map(dg::dg1).transpose()?;
    let face = dg(2).map(dg::dg2).transpose()?;
    let dg13 = dg(13).map(dg::dg13).transpose()?;
    let dg14 = dg(14).map(dg::dg14).transpose()?;
    let aa_key = dg(15).map(dg::dg15).transpose()?;
    // Active Authentication.
    let aa = match (&dump.active_authentication, &aa_key) {
        (None, _) => AaStatus::NotPerformed,
        (Some(_), None) => return Err(Error::ChipAaFailed { reason: "no-dg15" }),
        (Some(resp), Some(key)) => {
            let ec_hash = dg14
                .as_ref()
                .and_then(|d| d.aa_signature_algorithm.as_deref())
                .and_then(aa_hash_of);
            aa::verify(
                key,
                &resp.challenge,
                &resp.signature,
                &options.hashes,
                ec_hash,
            )?;
            match options.challenge {
                Some(ours) if ours == resp.challenge.as_slice() => AaStatus::Verified,
                Some(_) => {
                    return Err(Error::ChipAaFailed {
                        reason: "challenge",
                    })
                }
                None => AaStatus::ChallengeNotChecked,
            }
        }
    };
    // The issuer.
    let signing_time = sod.cms.signing_time;
    let valid_at = match (options.validity, signing_time) {
        (DscValidity::SigningTimeAndNow, Some(t)) => ValidityAt::Both(options.now, t),
        (DscValidity::SigningTime, Some(t)) => ValidityAt::Instant(t),
        _ => ValidityAt::Instant(options.now),
    };
    let issuer = match options.trust {
        None => IssuerCheck::unverified(None, None),
        Some(store) => chain(dsc_der, &dsc, store, &options.algorithms, valid_at),
    };
    let verdict = if issuer.verified {
        Verdict::Authentic
    } else {
        Verdict::IntactIssuerNotVerified
    };
    let (lds_version, unicode_version) = sod.lds_version.unzip();
    let mut result = ChipVerification {
        verdict,
        active_authentication: aa,
        chip_authentication: if dg14.as_ref().is_some_and(|d| d.chip_authentication) {
            result::CaStatus::NotVerifiedNeedsLiveChip
        } else {
            result::CaStatus::NotAvailable
        },
        sod: SodFacts {
            version: sod.version,
            lds_version,
            unicode_version,
            hash_algorithm: hash_name(sod.hash),
            digest_algorithm: hash_name(sod.cms.digest),
            signature_algorithm: alg_name(sig_alg),
            signing_time,
        },
        document_signer: DocumentSigner {
            subject: dsc.subject,
            issuer: dsc.issuer,
            serial_number: certs::hex(&dsc.serial),
            not_before: dsc.not_before,
            not_after: dsc.not_after,
            fingerprint: certs::hex(&dsc.fingerprint),
            certificate: dsc_der.to_vec(),
        },
        issuer,
        data_groups,
        mrz: dg1,
        dg13,
        face,
        dg14,
        aa_key: aa_key.as_ref().map(AaKey::describe),
        consistency: None,
    };
    if options.qr.is_some() || options.printed_mrz.is_some() {
        result.consistency = Some(cross_check_chip(&result, options.qr, options.printed_mrz));
    }
    Ok(result)
}

/// The hash of a DG14 ActiveAuthenticationInfo ECDSA algorithm (BSI TR-03111 `ecdsa-plain-*`,
/// `0.4.0.127.0.7.1.1.4.1.x`).
fn aa_hash_of(dotted: &str) -> Option<Hash> {
    match dotted.strip_prefix("0.4.0.127.0.7.1.1.4.1.")? {
        "1" => Some(Hash::Sha1),
        "2" => Some(Hash::Sha224),
        "3" => Some(Hash::Sha256),
        "4" => Some(Hash::Sha384),
        "5" => Some(Hash::Sha512),
        _ => None,
    }
}

/// The document signer's path: directly under an anchor of the same issuer name, else through
/// one link certificate. The most specific failure is kept.
#[inline(never)]
fn chain(
    dsc_der: &[u8],
    dsc: &CertInfo,
    store: &CscaStore,
    algorithms: &[SigAlg],
    valid_at: ValidityAt,
) -> IssuerCheck {
    let profile = Profile::icao_document_signer().with_algorithms(algorithms.to_vec());
    let budget = masterlist::chip_budget();
    let named = |issuer: &[u8]| -> Vec<TrustAnchor> {
        let mut out = Vec::new();
        for a in &store.anchors {
            if certs::CertInfo::parse(a.der()).is_some_and(|c| c.issuer_der == issuer) {
                out.push(a.clone());
            }
        }
        out
    };
    let direct = named(&dsc.issuer_der);
    let mut best: Option<Error> = None;
    let keep = |e: Error, best: &mut Option<Error>| {
        if best.is_none() || matches!(best, Some(Error::UnknownIssuer { .. })) {
            *best = Some(e);
        }
    };
    if !direct.is_empty() {
        match verify_path_with(&[dsc_der], &direct, &profile, valid_at, budget) {
            Ok(p) => {
                return revocation(store, dsc, algorithms).unwrap_or_else(|| {
                    IssuerCheck::verified(store, &direct, p.anchor_index(), false)
                });
            }
            Err(e) => keep(e, &mut best),
        }
    }
    for link in &store.links {
        let Some(info) = CertInfo::parse(link) else {
            continue;
        };
        if info.subject_der != dsc.issuer_der {
            continue;
        }
        let anchors = named(&info.issuer_der);
        if anchors.is_empty() {
            continue;
        }
        let link_profile = if info.subject_der == info.issuer_der {
            profile.clone()
        } else {
            profile.clone().allow_renamed_links()
        };
        match verify_path_with(&[dsc_der, link], &anchors, &link_profile, valid_at, budget) {
            Ok(p) => {
                return revocation(store, dsc, algorithms).unwrap_or_else(|| {
                    IssuerCheck::verified(store, &anchors, p.anchor_index(), true)
                });
            }
            Err(e) => keep(e, &mut best),
        }
    }
    IssuerCheck::unverified(
        store.source,
        Some(best.unwrap_or(Error::UnknownIssuer {
            purpose: Purpose::IcaoCsca,
            anchors: store.anchors.len(),
        })),
    )
}

/// The CRL check once a path verified: `Some` (not verified, with the error) when a CRL of
/// the DSC's issuer lists it or does not verify with any CSCA certificate of that name.
fn revocation(store: &CscaStore, dsc: &CertInfo, algorithms: &[SigAlg]) -> Option<IssuerCheck> {
    if store.crls.is_empty() {
        return None;
    }
    // A plain loop: the iterator chain this was (map, chain, filter_map, filter, collect) linked
    // its own adapter functions.
    let mut issuers: Vec<CertInfo> = Vec::new();
    let anchors = store.anchors.iter().map(TrustAnchor::der);
    for der in anchors.chain(store.links.iter().map(Vec::as_slice)) {
        if let Some(c) = CertInfo::parse(der) {
            if c.subject_der == dsc.issuer_der {
                issuers.push(c);
            }
        }
    }
    for der in &store.crls {
        match crl::revoked_at(der, dsc, &issuers, algorithms) {
            Ok(None) => {}
            Ok(Some(revoked_at)) => {
                return Some(IssuerCheck::unverified(
                    store.source,
                    Some(Error::ChipDscRevoked { revoked_at }),
                ))
            }
            Err(e) => return Some(IssuerCheck::unverified(store.source, Some(e))),
        }
    }
    None
}
