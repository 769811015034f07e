//! X.509 certification path validation (RFC 5280 §6.1, reduced to what verifiers of wallet
//! credentials need) from an `x5c` chain to a caller-supplied trust anchor.
//!
//! ```no_run
//! use cccd_verify::x509::{verify_path, Budget, Purpose, TrustAnchor};
//!
//! # fn demo(root_der: &[u8], x5c: &[Vec<u8>], now_unix: i64) -> Result<(), cccd_verify::Error> {
//! let anchors = [TrustAnchor::from_der(root_der, Purpose::SdJwtVcIssuer)?];
//! let chain: Vec<&[u8]> = x5c.iter().map(Vec::as_slice).collect();
//! let path = verify_path(&chain, &anchors, Purpose::SdJwtVcIssuer, now_unix, Budget::default())?;
//! let key = path.public_key(); // verify the JWS with this
//! # let _ = key; Ok(()) }
//! ```
//!
//! What is checked, in order (the first failure is returned; across several trust anchors the
//! most specific one, see `docs/x509.md`):
//! 1. budgets: chain length, size of each certificate;
//! 2. each certificate parses as one DER v3 certificate with no trailing bytes, no duplicate
//!    extension, matching inner and outer signature algorithms;
//! 3. no chain element is a trust anchor (HAIP 1.0 §6.1.1: the anchor MUST NOT be in `x5c`);
//! 4. per certificate: no unknown critical extension, no nameConstraints, supported algorithms,
//!    `notBefore <= now <= notAfter`; the end entity is no CA and has `digitalSignature` if it
//!    has keyUsage; every issuing certificate is a CA (`cA`), has `keyCertSign` if it has
//!    keyUsage, and its pathLenConstraint holds;
//! 5. the end entity is not self-signed;
//! 6. `x5c[i + 1]` issued `x5c[i]`: names chain (raw DER) and the signature verifies;
//! 7. a trust anchor of the requested [`Purpose`] issued the last certificate: name, anchor
//!    validity, anchor pathLenConstraint, signature.
//!
//! [`verify_path_with`] takes a named [`Profile`] instead of a purpose: the rules of one kind
//! of signer on top of these (HAIP issuers, trust-list and status-list signers, ISO 18013-5
//! Document Signers and VICAL signers, ICAO Document Signers and master list signers: extended
//! key usage, required and forbidden extensions, link certificates, self-signed roots), and
//! the instant(s) at which validity is checked ([`ValidityAt`]). `verify_path` is
//! [`Profile::for_purpose`], whose rules are those listed here. See `docs/x509.md`, "Profiles".
//!
//! Not implemented: name constraints (rejected), certificate policies (ignored), extended key
//! usage outside the profiles that require one, revocation (see `status/`), path building
//! from unordered or partial sets.
//! The core never reads the clock: `now_unix` is a parameter.

mod cert;
mod der;
#[cfg(test)]
mod differential;
mod name;
mod path;
mod profile;
mod signature;
#[cfg(test)]
mod tests;

use sha2::{Digest, Sha256};

use crate::error::{CertRef, Error, KeyUsageBit};

pub use path::{verify_path, verify_path_with};
// The certificate and CRL facts src/icao reads (its own certificate reader, not a crate's).
#[cfg(feature = "chip")]
pub(crate) use cert::{facts, read_crl, render_name};
pub use profile::{
    icao_algorithms, Profile, ValidityAt, EKU_CSCA_MASTER_LIST_SIGNER, EKU_MDL_DS, EKU_VICAL_SIGNER,
};

/// Largest certificate accepted, in DER bytes.
///
/// Wallet and IACA certificates with EC keys are 0.5–1.5 KiB, and even RSA-4096 certificates
/// with long policy extensions stay under 4 KiB; 16 KiB leaves ample margin while bounding the
/// parsing work an attacker-supplied `x5c` can cause (with [`Budget::max_chain_len`]).
pub const MAX_CERT_DER_BYTES: usize = 16 * 1024;

pub use crate::purpose::Purpose;

/// Limits on the work one [`verify_path`] call may do on attacker-supplied input.
///
/// `Budget::default()` suits wallet credentials; fields can be changed on a value
/// (`let mut b = Budget::default(); b.max_chain_len = 3;`).
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Budget {
    /// Most certificates accepted in `x5c` (default 5). Wallet PKIs put the end entity at most
    /// one or two CAs below the root, which is not in `x5c` (HAIP); mdoc Document Signers sit
    /// directly under the IACA. 5 leaves room for a bridge or cross-certificate while capping the
    /// parsing at 5 × [`MAX_CERT_DER_BYTES`].
    pub max_chain_len: usize,
    /// Most ECDSA verifications (default 16): one per link of a 5-certificate chain, one for the
    /// self-signature test of a self-issued end entity, and several anchors sharing the issuer's
    /// name (key rollover). A P-256 verification costs about a millisecond natively and a few in
    /// wasm, so 16 keeps the worst case well under a tenth of a second.
    pub max_signature_checks: usize,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            max_chain_len: 5,
            max_signature_checks: 16,
        }
    }
}

/// The public-key type of certificates: [`crate::crypto::PublicKey`], re-exported.
pub use crate::crypto::{KeyKind, PublicKey};

/// A certificate trusted by configuration for one [`Purpose`]. Its signature is not checked
/// (trust comes from configuration, RFC 5280 §6.1.1 (d)); its validity period and
/// pathLenConstraint are checked at [`verify_path`] time.
#[derive(Clone, Debug)]
pub struct TrustAnchor {
    der: Vec<u8>,
    purpose: Purpose,
    fingerprint: [u8; 32],
    subject: String,
    subject_der: Vec<u8>,
    spki_der: Vec<u8>,
    key: PublicKey,
    not_before: i64,
    not_after: i64,
    path_len: Option<u32>,
}

impl TrustAnchor {
    /// Reads a DER certificate as an anchor for `purpose`.
    ///
    /// The certificate must be a CA (basicConstraints `cA` true; with keyUsage, `keyCertSign`),
    /// have an ECDSA P-256 or P-384 key (for [`Purpose::IcaoCsca`]: a key of one of
    /// [`icao_algorithms`]`(true, true)`, each path's profile then deciding), no unknown critical extension and no nameConstraints;
    /// errors name [`CertRef::Anchor`]. Anchors are not checked for expiry here: that depends
    /// on `now`.
    pub fn from_der(der: &[u8], purpose: Purpose) -> Result<TrustAnchor, Error> {
        let at = CertRef::Anchor;
        if der.len() > MAX_CERT_DER_BYTES {
            return Err(Error::CertTooLarge {
                cert: at,
                len: der.len(),
                max: MAX_CERT_DER_BYTES,
            });
        }
        let c = cert::Cert::parse(der, at)?;
        c.check_extensions(at)?;
        if !c.is_ca() {
            return Err(Error::CertNotCa { cert: at });
        }
        if c.key_usage().is_some_and(|ku| !ku.key_cert_sign()) {
            return Err(Error::KeyUsageMissing {
                cert: at,
                usage: KeyUsageBit::KeyCertSign,
            });
        }
        let key = c.public_key(at, &anchor_algorithms(purpose))?;
        let (not_before, not_after) = c.validity_unix();
        Ok(TrustAnchor {
            der: der.to_vec(),
            purpose,
            fingerprint: Sha256::digest(der).into(),
            subject: c.subject_string(),
            subject_der: c.subject_der().to_vec(),
            spki_der: c.spki_der().to_vec(),
            key,
            not_before,
            not_after,
            path_len: c.path_len_constraint(),
        })
    }

    /// What this anchor is trusted for.
    pub fn purpose(&self) -> Purpose {
        self.purpose
    }

    /// SHA-256 of the anchor's DER certificate.
    pub fn fingerprint(&self) -> [u8; 32] {
        self.fingerprint
    }

    /// The subject name, readable (`name.rs`'s rendering: attributes in encoded order).
    pub fn subject(&self) -> &str {
        &self.subject
    }

    /// The DER certificate.
    pub fn der(&self) -> &[u8] {
        &self.der
    }
}

/// The algorithms whose keys an anchor held for `purpose` may have.
fn anchor_algorithms(purpose: Purpose) -> Vec<crate::crypto::SigAlg> {
    match purpose {
        Purpose::IcaoCsca => icao_algorithms(true, true),
        _ => signature::HAIP.to_vec(),
    }
}

/// The result of a successful [`verify_path`]: facts about the end-entity certificate and the
/// anchor used. Only the verifier constructs it.
#[derive(Clone, Debug)]
pub struct VerifiedPath {
    public_key: PublicKey,
    subject: String,
    subject_der: Vec<u8>,
    san_uris: Vec<String>,
    san_dns_names: Vec<String>,
    anchor_index: usize,
    anchor_fingerprint: [u8; 32],
    validity: (i64, i64),
    anchor_subject: String,
}

impl VerifiedPath {
    /// The end-entity certificate's public key: the key that signs the credential or list.
    pub fn public_key(&self) -> &PublicKey {
        &self.public_key
    }

    /// The end entity's subject name, readable (attributes in encoded order).
    pub fn subject(&self) -> &str {
        &self.subject
    }

    /// The end entity's subject name as DER (`Name`), for exact comparison.
    pub fn subject_der(&self) -> &[u8] {
        &self.subject_der
    }

    /// `uniformResourceIdentifier` entries of the end entity's subjectAltName, in order.
    pub fn san_uris(&self) -> &[String] {
        &self.san_uris
    }

    /// `dNSName` entries of the end entity's subjectAltName, in order.
    pub fn san_dns_names(&self) -> &[String] {
        &self.san_dns_names
    }

    /// Index, in the `anchors` slice given to [`verify_path`], of the anchor the path ends at.
    pub fn anchor_index(&self) -> usize {
        self.anchor_index
    }

    /// SHA-256 of that anchor's DER certificate ([`TrustAnchor::fingerprint`]).
    pub fn anchor_fingerprint(&self) -> [u8; 32] {
        self.anchor_fingerprint
    }

    /// The end entity's `(notBefore, notAfter)`, Unix seconds (e.g. to check that an mdoc MSO
    /// was signed within its Document Signer certificate's validity).
    pub fn validity(&self) -> (i64, i64) {
        self.validity
    }

    /// The anchor's subject name, readable (for a pinned certificate, its own subject).
    pub fn anchor_subject(&self) -> &str {
        &self.anchor_subject
    }
}

/// Accepts `chain[0]` because it is byte for byte one of `pinned` (DER certificates the caller
/// trusts directly, e.g. an mdoc Document Signer certificate distributed out of band, or a
/// self-signed test issuer): no path is built and no profile applies. The certificate must
/// parse, carry a supported key and be valid at each instant of `valid_at`; the rest of
/// `chain` is ignored. Not pinned is [`Error::UnknownIssuer`] for `purpose` (what the pinned
/// certificates are trusted for). `anchor_index` of the result is the index in `pinned`.
pub fn verify_pinned(
    chain: &[&[u8]],
    pinned: &[&[u8]],
    purpose: Purpose,
    valid_at: ValidityAt,
) -> Result<VerifiedPath, Error> {
    let leaf_der = chain.first().ok_or(Error::CertChainEmpty)?;
    let index = pinned
        .iter()
        .position(|p| p == leaf_der)
        .ok_or(Error::UnknownIssuer {
            purpose,
            anchors: pinned.len(),
        })?;
    let at = CertRef::Chain(0);
    if leaf_der.len() > MAX_CERT_DER_BYTES {
        return Err(Error::CertTooLarge {
            cert: at,
            len: leaf_der.len(),
            max: MAX_CERT_DER_BYTES,
        });
    }
    let c = cert::Cert::parse(leaf_der, at)?;
    let public_key = c.public_key(at, &signature::HAIP)?;
    for t in valid_at.instants() {
        c.check_time(t, at)?;
    }
    let (san_uris, san_dns_names) = c.san();
    let subject = c.subject_string();
    Ok(VerifiedPath {
        public_key,
        subject: subject.clone(),
        subject_der: c.subject_der().to_vec(),
        san_uris,
        san_dns_names,
        anchor_index: index,
        anchor_fingerprint: Sha256::digest(leaf_der).into(),
        validity: c.validity_unix(),
        anchor_subject: subject,
    })
}
