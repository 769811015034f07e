//! Facts about the certificates a chip or a master list carries (document signers, master
//! list signers), read with our own certificate reader (`crate::x509::facts`, the structural
//! reader of path validation); path validation itself is `crate::x509`'s.

use sha2::{Digest, Sha256};

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
    #[inline(never)]
    pub fn parse(der: &[u8]) -> Option<CertInfo> {
        let x = crate::x509::facts(der)?;
        Some(CertInfo {
            subject: crate::x509::render_name(x.subject),
            subject_der: x.subject.to_vec(),
            issuer: crate::x509::render_name(x.issuer),
            issuer_der: x.issuer.to_vec(),
            serial: x.serial.to_vec(),
            ski: x.ski.map(<[u8]>::to_vec),
            spki: x.spki.to_vec(),
            not_before: x.not_before,
            not_after: x.not_after,
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
    #[inline(never)]
    pub fn public_key(&self) -> Result<PublicKey, CryptoError> {
        PublicKey::from_spki_der(&self.spki)
    }
}

/// Parses `der` and gives its [`Kind`].
pub fn kind(der: &[u8]) -> Option<Kind> {
    let x = crate::x509::facts(der)?;
    if !x.ca {
        return Some(Kind::Other);
    }
    if x.subject != x.issuer {
        return Some(Kind::Link);
    }
    Some(match (x.aki_key_id, x.ski) {
        (Some(a), Some(s)) if a != s => Kind::Link,
        (Some(_), None) => Kind::Link,
        _ => Kind::Root,
    })
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let digit = |v: u8| {
        DIGITS
            .get(usize::from(v & 15))
            .map_or('0', |&c| char::from(c))
    };
    let mut s = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        s.push(digit(b >> 4));
        s.push(digit(b));
    }
    s
}
