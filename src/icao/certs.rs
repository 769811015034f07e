//! Facts about the certificates a chip or a master list carries (document signers, master
//! list signers), read with x509-parser; path validation itself is `crate::x509`'s.

use sha2::{Digest, Sha256};
use x509_parser::certificate::X509Certificate;
use x509_parser::extensions::ParsedExtension;
use x509_parser::prelude::FromDer;

use super::cms::SignerId;
use crate::crypto::{CryptoError, PublicKey};

/// What a self-issued CA certificate in a master list is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Self-issued, and its authority key identifier (if any) is its own subject key
    /// identifier: a CSCA root.
    Root,
    /// A CA certificate issued under another key of the CSCA (self-issued), or by its
    /// predecessor under another name: a link certificate.
    Link,
    /// Not a CA certificate.
    Other,
}

/// The facts read from one certificate.
#[derive(Clone, Debug)]
pub struct CertInfo {
    /// Subject, readable.
    pub subject: String,
    /// The DER subject Name.
    pub subject_der: Vec<u8>,
    /// Issuer, readable.
    pub issuer: String,
    /// The DER issuer Name.
    pub issuer_der: Vec<u8>,
    /// The serial number INTEGER's contents.
    pub serial: Vec<u8>,
    /// subjectKeyIdentifier, if present.
    pub ski: Option<Vec<u8>>,
    /// The DER SubjectPublicKeyInfo.
    pub spki: Vec<u8>,
    /// notBefore, Unix seconds.
    pub not_before: i64,
    /// notAfter, Unix seconds.
    pub not_after: i64,
    /// SHA-256 of the DER certificate.
    pub fingerprint: [u8; 32],
}

impl CertInfo {
    /// Reads `der` (one certificate, nothing after it).
    pub fn parse(der: &[u8]) -> Option<CertInfo> {
        let (rest, x) = X509Certificate::from_der(der).ok()?;
        if !rest.is_empty() {
            return None;
        }
        let tbs = &x.tbs_certificate;
        let ski = tbs
            .extensions()
            .iter()
            .find_map(|e| match e.parsed_extension() {
                ParsedExtension::SubjectKeyIdentifier(k) => Some(k.0.to_vec()),
                _ => None,
            });
        Some(CertInfo {
            subject: tbs.subject.to_string(),
            subject_der: tbs.subject.as_raw().to_vec(),
            issuer: tbs.issuer.to_string(),
            issuer_der: tbs.issuer.as_raw().to_vec(),
            serial: tbs.raw_serial().to_vec(),
            ski,
            spki: tbs.subject_pki.raw.to_vec(),
            not_before: tbs.validity.not_before.timestamp(),
            not_after: tbs.validity.not_after.timestamp(),
            fingerprint: Sha256::digest(der).into(),
        })
    }

    /// Whether this certificate is the one `sid` names (RFC 5652 §5.3).
    pub fn is_signer(&self, sid: &SignerId<'_>) -> bool {
        match sid {
            SignerId::IssuerSerial(issuer, serial) => {
                self.issuer_der.as_slice() == *issuer && self.serial.as_slice() == *serial
            }
            SignerId::KeyId(k) => self.ski.as_deref() == Some(*k),
        }
    }

    /// The subject public key.
    pub fn public_key(&self) -> Result<PublicKey, CryptoError> {
        PublicKey::from_spki_der(&self.spki)
    }
}

/// [`Kind`] of a parsed certificate.
pub fn kind_of(x: &X509Certificate<'_>) -> Kind {
    let tbs = &x.tbs_certificate;
    let is_ca = tbs
        .extensions()
        .iter()
        .any(|e| matches!(e.parsed_extension(), ParsedExtension::BasicConstraints(b) if b.ca));
    if !is_ca {
        return Kind::Other;
    }
    if tbs.subject.as_raw() != tbs.issuer.as_raw() {
        return Kind::Link;
    }
    let mut ski = None;
    let mut aki = None;
    for e in tbs.extensions() {
        match e.parsed_extension() {
            ParsedExtension::SubjectKeyIdentifier(k) => ski = Some(k.0),
            ParsedExtension::AuthorityKeyIdentifier(a) => {
                aki = a.key_identifier.as_ref().map(|k| k.0)
            }
            _ => {}
        }
    }
    match (aki, ski) {
        (Some(a), Some(s)) if a != s => Kind::Link,
        (Some(_), None) => Kind::Link,
        _ => Kind::Root,
    }
}

/// Parses `der` and gives its [`Kind`].
pub fn kind(der: &[u8]) -> Option<Kind> {
    let (_, x) = X509Certificate::from_der(der).ok()?;
    Some(kind_of(&x))
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The second element of a signed X.509 structure `SEQUENCE { tbs, signatureAlgorithm,
/// signatureValue }` (a certificate or a CRL): the DER signatureAlgorithm, found by lengths.
pub fn signature_algorithm_der(der: &[u8]) -> Option<&[u8]> {
    let outer = super::ber::single(der, true).ok()?;
    let mut r = outer.children(true);
    r.next_tlv().ok()?;
    Some(r.next_tlv().ok()?.raw)
}
