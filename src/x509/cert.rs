//! One parsed certificate and the facts path validation needs from it.

use x509_parser::certificate::{X509Certificate, X509CertificateParser};
use x509_parser::extensions::{BasicConstraints, GeneralName, KeyUsage, SubjectAlternativeName};
use x509_parser::nom::Parser;
use x509_parser::prelude::FromDer;
use x509_parser::x509::X509Version;

use super::PublicKey;
use crate::crypto::{CryptoError, SigAlg};
use crate::error::{CertRef, Error};

/// DER contents of the OIDs used here (RFC 5280 §4.2.1, RFC 5480 §2.1.1, RFC 5758 §3.2).
mod oid {
    /// id-ce-subjectKeyIdentifier, 2.5.29.14
    pub const SKI: &[u8] = &[0x55, 0x1d, 0x0e];
    /// id-ce-keyUsage, 2.5.29.15
    pub const KEY_USAGE: &[u8] = &[0x55, 0x1d, 0x0f];
    /// id-ce-subjectAltName, 2.5.29.17
    pub const SAN: &[u8] = &[0x55, 0x1d, 0x11];
    /// id-ce-basicConstraints, 2.5.29.19
    pub const BASIC_CONSTRAINTS: &[u8] = &[0x55, 0x1d, 0x13];
    /// id-ce-nameConstraints, 2.5.29.30
    pub const NAME_CONSTRAINTS: &[u8] = &[0x55, 0x1d, 0x1e];
    /// id-ce-certificatePolicies, 2.5.29.32
    pub const CERT_POLICIES: &[u8] = &[0x55, 0x1d, 0x20];
    /// id-ce-authorityKeyIdentifier, 2.5.29.35
    pub const AKI: &[u8] = &[0x55, 0x1d, 0x23];
    /// id-ce-extKeyUsage, 2.5.29.37
    pub const EXT_KEY_USAGE: &[u8] = &[0x55, 0x1d, 0x25];
}

/// A certificate that parsed as one DER v3 certificate (RFC 5280 §4.1) with consistent signature
/// algorithm fields, no duplicate extension, and well-formed basicConstraints, keyUsage and
/// subjectAltName (the extensions it reads).
pub(super) struct Cert<'a> {
    der: &'a [u8],
    x: X509Certificate<'a>,
    ca: bool,
    path_len: Option<u32>,
    key_usage: Option<KeyUsage>,
    san: Option<SubjectAlternativeName<'a>>,
}

impl<'a> Cert<'a> {
    /// Parses `der`; every failure is [`Error::CertParse`] for `at`.
    pub(super) fn parse(der: &'a [u8], at: CertRef) -> Result<Cert<'a>, Error> {
        let bad = malformed(at);
        // Extensions are parsed below, only those used: x509-parser's deep parsing would link
        // its parsers for every extension it knows into the wasm module.
        let (rest, x) = X509CertificateParser::new()
            .with_deep_parse_extensions(false)
            .parse(der)
            .map_err(|_| bad.clone())?;
        // Exactly one certificate: trailing bytes would be unauthenticated data.
        if !rest.is_empty() || x.tbs_certificate.version != X509Version::V3 {
            return Err(bad);
        }
        // RFC 5280 §4.1.1.2: signatureAlgorithm MUST equal tbsCertificate.signature.
        if x.signature_algorithm != x.tbs_certificate.signature
            || x.signature_value.unused_bits != 0
        {
            return Err(bad);
        }
        // RFC 5280 §4.2: at most one instance of an extension.
        if x.tbs_certificate.extensions_map().is_err() {
            return Err(bad);
        }
        // RFC 5280 §4.1: DER, which the parser does not fully enforce.
        super::der::check_certificate(der)
            .map_err(|reason| Error::CertParse { cert: at, reason })?;
        let mut cert = Cert {
            der,
            ca: false,
            path_len: None,
            key_usage: None,
            san: None,
            x,
        };
        for ext in cert.x.tbs_certificate.extensions() {
            match ext.oid.as_bytes() {
                oid::BASIC_CONSTRAINTS => {
                    let bc = whole::<BasicConstraints>(ext.value).ok_or(bad.clone())?;
                    cert.ca = bc.ca;
                    // Meaningful only for CAs (RFC 5280 §4.2.1.9).
                    cert.path_len = if bc.ca { bc.path_len_constraint } else { None };
                }
                oid::KEY_USAGE => {
                    cert.key_usage = Some(whole::<KeyUsage>(ext.value).ok_or(bad.clone())?);
                }
                oid::SAN => {
                    cert.san = Some(whole::<SubjectAlternativeName>(ext.value).ok_or(bad.clone())?);
                }
                _ => {}
            }
        }
        Ok(cert)
    }

    /// Rejects an unknown critical extension, and nameConstraints whatever its criticality (the
    /// verifier does not implement them, and ignoring a CA's constraints would widen its power).
    pub(super) fn check_extensions(&self, at: CertRef) -> Result<(), Error> {
        for ext in self.x.tbs_certificate.extensions() {
            let o = ext.oid.as_bytes();
            if o == oid::NAME_CONSTRAINTS {
                return Err(Error::NameConstraintsUnsupported { cert: at });
            }
            if ext.critical && !is_recognised(o) {
                return Err(Error::UnsupportedCriticalExtension {
                    cert: at,
                    oid: ext.oid.to_id_string(),
                });
            }
        }
        Ok(())
    }

    /// The DER `signatureAlgorithm` (`AlgorithmIdentifier`) this certificate is signed with;
    /// which algorithm it names is decided with the issuer's key when the signature is checked
    /// (ECDSA takes its curve from that key). An identifier none of `allowed` can be is refused
    /// here already.
    pub(super) fn signature_alg(&self, at: CertRef, allowed: &[SigAlg]) -> Result<&'a [u8], Error> {
        let der = signature_algorithm_der(self.der).ok_or(malformed(at))?;
        if !super::signature::identifier_possible(der, allowed) {
            return Err(Error::CertAlgorithmUnsupported { cert: at });
        }
        Ok(der)
    }

    /// The subject public key (RFC 5280 §4.1.2.7, through [`PublicKey::from_spki_der`]),
    /// checked to be usable with one of `allowed` (a key kind, or an EC curve, none of them
    /// verifies with is [`Error::CertAlgorithmUnsupported`]; a malformed key is
    /// [`Error::CertParse`]).
    pub(super) fn public_key(&self, at: CertRef, allowed: &[SigAlg]) -> Result<PublicKey, Error> {
        let spki = &self.x.tbs_certificate.subject_pki;
        let unsupported = Error::CertAlgorithmUnsupported { cert: at };
        if spki.subject_public_key.unused_bits != 0 {
            return Err(malformed(at));
        }
        let key = match read_spki(spki) {
            Ok(k) => k,
            Err(CryptoError::KeyInvalid) => return Err(malformed(at)),
            Err(_) => return Err(unsupported),
        };
        if !super::signature::key_possible(&key, allowed) {
            return Err(unsupported);
        }
        Ok(key)
    }

    /// `(notBefore, notAfter)` in seconds since the Unix epoch.
    pub(super) fn validity_unix(&self) -> (i64, i64) {
        let v = &self.x.tbs_certificate.validity;
        (v.not_before.timestamp(), v.not_after.timestamp())
    }

    /// `notBefore <= now <= notAfter` (RFC 5280 §4.1.2.5, both bounds inclusive).
    pub(super) fn check_time(&self, now_unix: i64, at: CertRef) -> Result<(), Error> {
        let (not_before, not_after) = self.validity_unix();
        check_time(not_before, not_after, now_unix, at)
    }

    pub(super) fn der(&self) -> &'a [u8] {
        self.der
    }

    /// basicConstraints present with `cA` true.
    pub(super) fn is_ca(&self) -> bool {
        self.ca
    }

    /// pathLenConstraint of a CA.
    pub(super) fn path_len_constraint(&self) -> Option<u32> {
        self.path_len
    }

    pub(super) fn key_usage(&self) -> Option<KeyUsage> {
        self.key_usage
    }

    pub(super) fn subject_der(&self) -> &'a [u8] {
        self.x.tbs_certificate.subject.as_raw()
    }

    pub(super) fn issuer_der(&self) -> &'a [u8] {
        self.x.tbs_certificate.issuer.as_raw()
    }

    /// The DER SubjectPublicKeyInfo.
    pub(super) fn spki_der(&self) -> &'a [u8] {
        self.x.tbs_certificate.subject_pki.raw
    }

    /// Subject and issuer names are equal (RFC 5280 §6.1: "self-issued"), compared as DER.
    pub(super) fn is_self_issued(&self) -> bool {
        self.subject_der() == self.issuer_der()
    }

    pub(super) fn subject_string(&self) -> String {
        super::name::render(&self.x.tbs_certificate.subject)
    }

    /// The signed bytes (DER TBSCertificate).
    pub(super) fn tbs(&self) -> &[u8] {
        self.x.tbs_certificate.as_ref()
    }

    /// The DER ECDSA signature (the BIT STRING's contents).
    pub(super) fn signature(&self) -> &[u8] {
        self.x.signature_value.data.as_ref()
    }

    /// `(critical, DER value)` of the extension `oid` (contents), if present.
    pub(super) fn extension(&self, oid: &[u8]) -> Option<(bool, &'a [u8])> {
        self.x
            .tbs_certificate
            .extensions()
            .iter()
            .find(|e| e.oid.as_bytes() == oid)
            .map(|e| (e.critical, e.value))
    }

    /// Whether keyUsage is marked critical (`None` without keyUsage).
    pub(super) fn key_usage_critical(&self) -> Option<bool> {
        self.extension(oid::KEY_USAGE).map(|(critical, _)| critical)
    }

    /// Whether basicConstraints is marked critical (`None` without it).
    pub(super) fn basic_constraints_critical(&self) -> Option<bool> {
        self.extension(oid::BASIC_CONSTRAINTS)
            .map(|(critical, _)| critical)
    }

    /// Whether both authorityKeyIdentifier and subjectKeyIdentifier are present:
    /// `(aki, ski)`.
    pub(super) fn key_identifiers(&self) -> (bool, bool) {
        (
            self.extension(oid::AKI).is_some(),
            self.extension(oid::SKI).is_some(),
        )
    }

    /// extKeyUsage (RFC 5280 §4.2.1.12): `(critical, dotted OIDs)`, or `None` without it.
    pub(super) fn ext_key_usage(&self, at: CertRef) -> Result<Option<(bool, Vec<String>)>, Error> {
        let Some((critical, value)) = self.extension(oid::EXT_KEY_USAGE) else {
            return Ok(None);
        };
        let oids = super::der::oid_sequence(value)
            .map_err(|reason| Error::CertParse { cert: at, reason })?;
        let dotted = oids
            .into_iter()
            .map(|o| x509_parser::asn1_rs::Oid::new(o.into()).to_id_string())
            .collect();
        Ok(Some((critical, dotted)))
    }

    /// `(URIs, DNS names)` of subjectAltName.
    pub(super) fn san(&self) -> (Vec<String>, Vec<String>) {
        let (mut uris, mut dns) = (Vec::new(), Vec::new());
        for name in self.san.iter().flat_map(|san| san.general_names.iter()) {
            match name {
                GeneralName::URI(u) => uris.push((*u).to_owned()),
                GeneralName::DNSName(d) => dns.push((*d).to_owned()),
                _ => {}
            }
        }
        (uris, dns)
    }
}

/// `T` parsed from all of `value` (an extension's OCTET STRING contents), or `None`.
fn whole<'a, T: FromDer<'a, x509_parser::error::X509Error>>(value: &'a [u8]) -> Option<T> {
    match T::from_der(value) {
        Ok(([], t)) => Some(t),
        _ => None,
    }
}

/// `notBefore <= now <= notAfter`, or the matching error for `at`.
pub(super) fn check_time(
    not_before: i64,
    not_after: i64,
    now_unix: i64,
    at: CertRef,
) -> Result<(), Error> {
    // Compared as Unix seconds rather than through `ASN1Time`: the same order (both come from
    // the same `OffsetDateTime`), and total for any `i64` now, where `ASN1Time::from_timestamp`
    // fails outside years ±9999. Never `ASN1Time::now()`: it panics in wasm and reads the clock.
    if now_unix < not_before {
        Err(Error::CertNotYetValid {
            cert: at,
            not_before,
        })
    } else if now_unix > not_after {
        Err(Error::CertExpired {
            cert: at,
            not_after,
        })
    } else {
        Ok(())
    }
}

/// [`Error::CertParse`] for a certificate that is not one well-formed X.509 v3 certificate.
fn malformed(at: CertRef) -> Error {
    Error::CertParse {
        cert: at,
        reason: super::der::reason::MALFORMED,
    }
}

/// Extensions the verifier processes or may safely ignore even when critical.
fn is_recognised(o: &[u8]) -> bool {
    [
        oid::BASIC_CONSTRAINTS,
        oid::KEY_USAGE,
        oid::EXT_KEY_USAGE,
        oid::SAN,
        oid::NAME_CONSTRAINTS,
        oid::AKI,
        oid::SKI,
        oid::CERT_POLICIES,
    ]
    .contains(&o)
}

/// The key of a SubjectPublicKeyInfo: every kind `crypto::` reads (feature `chip`, whose ICAO
/// profiles accept brainpool, explicit-parameter and RSA keys).
#[cfg(feature = "chip")]
fn read_spki(spki: &x509_parser::x509::SubjectPublicKeyInfo<'_>) -> Result<PublicKey, CryptoError> {
    PublicKey::from_spki_der(spki.raw)
}

/// The key of a SubjectPublicKeyInfo: without feature `chip` only what HAIP paths use,
/// id-ecPublicKey on P-256 or P-384 (RFC 5480 §2), so the wasm verify module does not carry
/// the general SPKI reader.
#[cfg(not(feature = "chip"))]
fn read_spki(spki: &x509_parser::x509::SubjectPublicKeyInfo<'_>) -> Result<PublicKey, CryptoError> {
    use crate::crypto::Curve;
    use x509_parser::asn1_rs::Tag;
    /// id-ecPublicKey, prime256v1, secp384r1.
    const EC: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
    const P256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
    const P384: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x22];
    if spki.algorithm.algorithm.as_bytes() != EC {
        return Err(CryptoError::KeyUnsupported);
    }
    let curve = match &spki.algorithm.parameters {
        Some(p) if p.tag() == Tag::Oid && p.data == P256 => Curve::P256,
        Some(p) if p.tag() == Tag::Oid && p.data == P384 => Curve::P384,
        _ => return Err(CryptoError::KeyUnsupported),
    };
    PublicKey::from_sec1(curve, spki.subject_public_key.data.as_ref())
        .map_err(|_| CryptoError::KeyInvalid)
}

/// The DER `signatureAlgorithm` of a DER certificate `SEQUENCE { tbsCertificate,
/// signatureAlgorithm, signatureValue }`: the second element, found by the lengths alone.
fn signature_algorithm_der(der: &[u8]) -> Option<&[u8]> {
    let (_, body) = der_tlv(der)?;
    let (tbs_len, _) = der_tlv(body)?;
    let rest = body.get(tbs_len..)?;
    let (alg_len, _) = der_tlv(rest)?;
    rest.get(..alg_len)
}

/// `(total length, contents)` of the definite-length TLV at the start of `bytes` (one-byte
/// tag; the DER pass has checked the certificate's encoding already).
fn der_tlv(bytes: &[u8]) -> Option<(usize, &[u8])> {
    let first = *bytes.get(1)?;
    let (header, len) = if first < 0x80 {
        (2usize, usize::from(first))
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 {
            return None;
        }
        let len = bytes
            .get(2..2 + n)?
            .iter()
            .fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
        (2 + n, len)
    };
    let total = header.checked_add(len)?;
    Some((total, bytes.get(header..total)?))
}
