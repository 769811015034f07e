//! One parsed certificate and the facts path validation needs from it.

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

/// keyUsage (RFC 5280 §4.2.1.3): the named bits, bit 0 (digitalSignature) lowest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct KeyUsage(u8);

impl KeyUsage {
    pub(super) fn digital_signature(self) -> bool {
        self.0 & 0x01 != 0
    }
    pub(super) fn non_repudiation(self) -> bool {
        self.0 & 0x02 != 0
    }
    pub(super) fn key_cert_sign(self) -> bool {
        self.0 & 0x20 != 0
    }
    pub(super) fn crl_sign(self) -> bool {
        self.0 & 0x40 != 0
    }
}

/// One Extension (RFC 5280 §4.1): OID contents, criticality, the OCTET STRING's contents.
#[derive(Clone, Copy)]
struct Ext<'a> {
    oid_tag: u8,
    oid: &'a [u8],
    critical: bool,
    value: &'a [u8],
}

/// A certificate that parsed as one DER v3 certificate (RFC 5280 §4.1) with consistent signature
/// algorithm fields, no duplicate extension, and well-formed basicConstraints, keyUsage and
/// subjectAltName (the extensions it reads).
pub(super) struct Cert<'a> {
    der: &'a [u8],
    /// The DER TBSCertificate (the signed bytes).
    tbs: &'a [u8],
    /// The serialNumber INTEGER's contents.
    #[cfg_attr(not(feature = "chip"), allow(dead_code))]
    serial: &'a [u8],
    issuer: &'a [u8],
    subject: &'a [u8],
    /// The DER SubjectPublicKeyInfo.
    spki: &'a [u8],
    not_before: i64,
    not_after: i64,
    /// The signatureValue BIT STRING's bits (no unused bits).
    signature: &'a [u8],
    /// The contents of signatureAlgorithm.
    signature_alg: &'a [u8],
    extensions: Vec<Ext<'a>>,
    ca: bool,
    path_len: Option<u32>,
    key_usage: Option<KeyUsage>,
    /// `(tag, contents)` of the GeneralNames of subjectAltName.
    san: Vec<(u8, &'a [u8])>,
}

impl<'a> Cert<'a> {
    /// Parses `der`; every failure is [`Error::CertParse`] for `at`.
    pub(super) fn parse(der: &'a [u8], at: CertRef) -> Result<Cert<'a>, Error> {
        // A closure, not a cloned value: `Error::clone` is one large function over every variant.
        let bad = || malformed(at);
        // The structure first (any failure "malformed"), then the DER strictness pass, whose
        // reasons are more specific: the reader accepts the non-minimal lengths, integers and
        // booleans that pass reports.
        let mut cert = read_certificate(der).ok_or_else(bad)?;
        // RFC 5280 §4.1: DER.
        super::der::check_certificate(der)
            .map_err(|reason| Error::CertParse { cert: at, reason })?;
        // The inner shape of names, algorithm identifiers and extension OIDs: after the DER
        // pass, so that a certificate that pass refuses gets its reason (as with x509-parser,
        // which read these fields loosely).
        check_inner_shape(&cert).ok_or_else(bad)?;
        for i in 0..cert.extensions.len() {
            let Some(ext) = cert.extensions.get(i).copied() else {
                break;
            };
            match ext.oid {
                oid::BASIC_CONSTRAINTS => {
                    let (ca, path_len) = basic_constraints(ext.value).ok_or_else(bad)?;
                    cert.ca = ca;
                    // Meaningful only for CAs (RFC 5280 §4.2.1.9).
                    cert.path_len = if ca { path_len } else { None };
                }
                oid::KEY_USAGE => {
                    cert.key_usage = Some(key_usage(ext.value).ok_or_else(bad)?);
                }
                oid::SAN => {
                    cert.san = general_names(ext.value).ok_or_else(bad)?;
                }
                _ => {}
            }
        }
        Ok(cert)
    }

    /// Rejects an unknown critical extension, and nameConstraints whatever its criticality (the
    /// verifier does not implement them, and ignoring a CA's constraints would widen its power).
    pub(super) fn check_extensions(&self, at: CertRef) -> Result<(), Error> {
        for ext in &self.extensions {
            let o = ext.oid;
            if o == oid::NAME_CONSTRAINTS {
                return Err(Error::NameConstraintsUnsupported { cert: at });
            }
            if ext.critical && !is_recognised(o) {
                return Err(Error::UnsupportedCriticalExtension {
                    cert: at,
                    oid: dotted(ext.oid),
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
        let unsupported = Error::CertAlgorithmUnsupported { cert: at };
        if spki_parts(self.spki).is_none() {
            return Err(malformed(at));
        }
        let key = match read_spki(self.spki) {
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
        (self.not_before, self.not_after)
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
        self.subject
    }

    pub(super) fn issuer_der(&self) -> &'a [u8] {
        self.issuer
    }

    /// The DER SubjectPublicKeyInfo.
    pub(super) fn spki_der(&self) -> &'a [u8] {
        self.spki
    }

    /// Subject and issuer names are equal (RFC 5280 §6.1: "self-issued"), compared as DER.
    pub(super) fn is_self_issued(&self) -> bool {
        self.subject_der() == self.issuer_der()
    }

    pub(super) fn subject_string(&self) -> String {
        super::name::render(self.subject)
    }

    /// The signed bytes (DER TBSCertificate).
    pub(super) fn tbs(&self) -> &[u8] {
        self.tbs
    }

    /// The DER ECDSA signature (the BIT STRING's contents).
    pub(super) fn signature(&self) -> &[u8] {
        self.signature
    }

    /// `(critical, DER value)` of the extension `oid` (contents), if present.
    pub(super) fn extension(&self, oid: &[u8]) -> Option<(bool, &'a [u8])> {
        self.extensions
            .iter()
            .find(|e| e.oid == oid)
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
        let dotted = oids.into_iter().map(dotted).collect();
        Ok(Some((critical, dotted)))
    }

    /// Every extension: `(OID contents, critical, value)`, in encoded order.
    #[cfg(test)]
    pub(super) fn extensions(&self) -> Vec<(&'a [u8], bool, &'a [u8])> {
        self.extensions
            .iter()
            .map(|e| (e.oid, e.critical, e.value))
            .collect()
    }

    /// `(URIs, DNS names)` of subjectAltName.
    pub(super) fn san(&self) -> (Vec<String>, Vec<String>) {
        let (mut uris, mut dns) = (Vec::new(), Vec::new());
        // dNSName [2] and uniformResourceIdentifier [6] (IA5String, RFC 5280 §4.2.1.6); one
        // that is not UTF-8 is skipped, as a name of another kind.
        for &(tag, value) in &self.san {
            let Ok(text) = core::str::from_utf8(value) else {
                continue;
            };
            match tag & 0x1f {
                6 => uris.push(text.to_owned()),
                2 => dns.push(text.to_owned()),
                _ => {}
            }
        }
        (uris, dns)
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
fn read_spki(spki: &[u8]) -> Result<PublicKey, CryptoError> {
    PublicKey::from_spki_der(spki)
}

/// The key of a SubjectPublicKeyInfo: without feature `chip` only what HAIP paths use,
/// id-ecPublicKey on P-256 or P-384 (RFC 5480 §2), so the wasm verify module does not carry
/// the general SPKI reader.
#[cfg(not(feature = "chip"))]
fn read_spki(spki: &[u8]) -> Result<PublicKey, CryptoError> {
    use crate::crypto::Curve;
    /// id-ecPublicKey, prime256v1, secp384r1.
    const EC: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
    const P256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
    const P384: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x22];
    // `read_certificate` has checked the shape: SEQUENCE { SEQUENCE { OID, params? },
    // BIT STRING with no unused bits }.
    let (alg, key) = spki_parts(spki).ok_or(CryptoError::KeyInvalid)?;
    let mut r = Reader::new(alg);
    if r.expect(OID) != Some(EC) {
        return Err(CryptoError::KeyUnsupported);
    }
    let curve = match r.next() {
        Some((OID, p, _)) if p == P256 => Curve::P256,
        Some((OID, p, _)) if p == P384 => Curve::P384,
        _ => return Err(CryptoError::KeyUnsupported),
    };
    PublicKey::from_sec1(curve, key).map_err(|_| CryptoError::KeyInvalid)
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

const BOOLEAN: u8 = 0x01;
const INTEGER: u8 = 0x02;
const BIT_STRING: u8 = 0x03;
const OCTET_STRING: u8 = 0x04;
const OID: u8 = 0x06;
const UTC_TIME: u8 = 0x17;
const GENERALIZED_TIME: u8 = 0x18;
const SEQUENCE: u8 = 0x30;
const SET: u8 = 0x31;

/// Reads TLVs front to back: one-octet tags, definite lengths. Lengths need not be minimal
/// here: [`super::der::check_certificate`] reports those with their own reason.
pub(super) struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { rest: bytes }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    fn peek(&self) -> Option<u8> {
        self.rest.first().copied()
    }

    /// The next TLV: `(tag, contents, whole TLV)`.
    pub(super) fn next(&mut self) -> Option<(u8, &'a [u8], &'a [u8])> {
        let all = self.rest;
        let (&tag, rest) = all.split_first()?;
        if tag & 0x1f == 0x1f {
            return None;
        }
        let (&first, rest) = rest.split_first()?;
        let (len, rest) = if first < 0x80 {
            (usize::from(first), rest)
        } else {
            let n = usize::from(first & 0x7f);
            // 0x80 is the indefinite form.
            if n == 0 || n > 4 {
                return None;
            }
            let (octets, rest) = rest.split_at_checked(n)?;
            let len = octets
                .iter()
                .fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
            (len, rest)
        };
        let (content, after) = rest.split_at_checked(len)?;
        let header = all.len().checked_sub(rest.len())?;
        let raw = all.get(..header.checked_add(len)?)?;
        self.rest = after;
        Some((tag, content, raw))
    }

    /// The contents of the next TLV, which must have tag `tag`.
    pub(super) fn expect(&mut self, tag: u8) -> Option<&'a [u8]> {
        match self.next()? {
            (t, content, _) if t == tag => Some(content),
            _ => None,
        }
    }

    /// The next TLV if it has tag `tag`: `(contents, whole TLV)`.
    fn optional(&mut self, tag: u8) -> Option<(&'a [u8], &'a [u8])> {
        if self.peek() != Some(tag) {
            return None;
        }
        self.next().map(|(_, content, raw)| (content, raw))
    }
}

/// `bytes` is exactly one TLV of tag `tag`: its contents.
fn only(bytes: &[u8], tag: u8) -> Option<&[u8]> {
    let mut r = Reader::new(bytes);
    let content = r.expect(tag)?;
    r.is_empty().then_some(content)
}

/// The structure of a certificate (RFC 5280 §4.1): `Certificate`, `TBSCertificate` v3 with its
/// fields in order, matching signature algorithms, a signatureValue without unused bits, unique
/// extension OIDs; nothing after the certificate.
fn read_certificate(der: &[u8]) -> Option<Cert<'_>> {
    let body = only(der, SEQUENCE)?;
    let mut outer = Reader::new(body);
    let (tbs_tag, tbs_body, tbs) = outer.next()?;
    let (alg_tag, outer_alg, _) = outer.next()?;
    let signature = match outer.expect(BIT_STRING)? {
        [0, bits @ ..] => bits,
        _ => return None,
    };
    if tbs_tag != SEQUENCE || alg_tag != SEQUENCE || !outer.is_empty() {
        return None;
    }
    let mut r = Reader::new(tbs_body);
    // version [0] EXPLICIT INTEGER: v3 (2) only.
    let version = only(r.expect(0xa0)?, INTEGER)?;
    if version.iter().skip_while(|&&b| b == 0).ne([2u8].iter()) {
        return None;
    }
    // serialNumber (its DER form is checked by the DER pass).
    let serial = r.expect(INTEGER)?;
    // signature: RFC 5280 §4.1.1.2, equal to signatureAlgorithm.
    let inner_alg = r.expect(SEQUENCE)?;
    if inner_alg != outer_alg {
        return None;
    }
    let (_, issuer) = r.optional(SEQUENCE)?;
    let mut validity = Reader::new(r.expect(SEQUENCE)?);
    let not_before = read_time(&mut validity)?;
    let not_after = read_time(&mut validity)?;
    if !validity.is_empty() {
        return None;
    }
    let (_, subject) = r.optional(SEQUENCE)?;
    let (_, spki) = r.optional(SEQUENCE)?;
    // The key's BIT STRING: at most 7 unused bits, zero, none without content (X.690 §11.2).
    let mut spki_fields = Reader::new(only(spki, SEQUENCE)?);
    algorithm_identifier(spki_fields.expect(SEQUENCE)?)?;
    match spki_fields.expect(BIT_STRING)? {
        [] => return None,
        [unused] if *unused != 0 => return None,
        [unused, .., last] if *unused > 7 || last & !(0xffu8 << unused) != 0 => return None,
        _ => {}
    }
    if !spki_fields.is_empty() {
        return None;
    }
    // issuerUniqueID [1], subjectUniqueID [2] (IMPLICIT BIT STRING), extensions [3].
    r.optional(0x81);
    r.optional(0x82);
    let mut extensions = Vec::new();
    if let Some((list, _)) = r.optional(0xa3) {
        let mut exts = Reader::new(only(list, SEQUENCE)?);
        while !exts.is_empty() {
            let ext = read_extension(exts.expect(SEQUENCE)?)?;
            // RFC 5280 §4.2: at most one instance of an extension.
            if extensions.iter().any(|e: &Ext<'_>| e.oid == ext.oid) {
                return None;
            }
            extensions.push(ext);
        }
    }
    if !r.is_empty() {
        return None;
    }
    Some(Cert {
        der,
        tbs,
        serial,
        issuer,
        subject,
        spki,
        not_before,
        not_after,
        signature,
        signature_alg: outer_alg,
        extensions,
        ca: false,
        path_len: None,
        key_usage: None,
        san: Vec::new(),
    })
}

/// What an ICAO 9303 chip or master list needs of a certificate (src/icao/certs.rs): the
/// structure [`read_certificate`] reads for path validation, the inner shapes, and
/// basicConstraints, subjectKeyIdentifier and the authorityKeyIdentifier's keyIdentifier
/// (RFC 5280 §4.2.1.1, §4.2.1.2, §4.2.1.9). Without the DER strictness pass: a document
/// signer that is not DER still has its facts reported, and path validation (which reads it
/// with [`Cert::parse`]) refuses it with its reason.
#[cfg(feature = "chip")]
pub(crate) struct Facts<'a> {
    /// The DER subject Name (whole TLV).
    pub(crate) subject: &'a [u8],
    /// The DER issuer Name (whole TLV).
    pub(crate) issuer: &'a [u8],
    /// The serialNumber INTEGER's contents.
    pub(crate) serial: &'a [u8],
    /// The DER SubjectPublicKeyInfo.
    pub(crate) spki: &'a [u8],
    pub(crate) not_before: i64,
    pub(crate) not_after: i64,
    /// basicConstraints present with `cA` true.
    pub(crate) ca: bool,
    /// subjectKeyIdentifier's KeyIdentifier.
    pub(crate) ski: Option<&'a [u8]>,
    /// authorityKeyIdentifier's keyIdentifier [0].
    pub(crate) aki_key_id: Option<&'a [u8]>,
}

/// Reads the [`Facts`] of one certificate (`der`, nothing after it).
#[cfg(feature = "chip")]
pub(crate) fn facts(der: &[u8]) -> Option<Facts<'_>> {
    let c = read_certificate(der)?;
    check_inner_shape(&c)?;
    let ca = match c.extension(oid::BASIC_CONSTRAINTS) {
        Some((_, v)) => basic_constraints(v)?.0,
        None => false,
    };
    let ski = match c.extension(oid::SKI) {
        Some((_, v)) => Some(only(v, OCTET_STRING)?),
        None => None,
    };
    // AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] IMPLICIT OCTET STRING OPTIONAL,
    // authorityCertIssuer [1] OPTIONAL, authorityCertSerialNumber [2] OPTIONAL }.
    let aki_key_id = match c.extension(oid::AKI) {
        Some((_, v)) => Reader::new(only(v, SEQUENCE)?)
            .optional(0x80)
            .map(|(id, _)| id),
        None => None,
    };
    Some(Facts {
        subject: c.subject,
        issuer: c.issuer,
        serial: c.serial,
        spki: c.spki,
        not_before: c.not_before,
        not_after: c.not_after,
        ca,
        ski,
        aki_key_id,
    })
}

/// `Name` (whole DER TLV) readable, as [`Cert::subject_string`] renders it.
#[cfg(feature = "chip")]
pub(crate) fn render_name(name: &[u8]) -> String {
    super::name::render(name)
}

/// A certificate revocation list (RFC 5280 §5.1) as read by [`read_crl`].
#[cfg(feature = "chip")]
pub(crate) struct Crl<'a> {
    /// The DER TBSCertList (the signed bytes).
    pub(crate) tbs: &'a [u8],
    /// The DER signatureAlgorithm (whole TLV).
    pub(crate) signature_alg: &'a [u8],
    /// The signatureValue BIT STRING's bits (no unused bits).
    pub(crate) signature: &'a [u8],
    /// The DER issuer Name (whole TLV).
    pub(crate) issuer: &'a [u8],
    /// `(userCertificate INTEGER contents, revocationDate)` of each revoked certificate.
    pub(crate) revoked: Vec<(&'a [u8], i64)>,
}

/// Reads `der` as one `CertificateList` (RFC 5280 §5.1), nothing after it: `TBSCertList` with
/// its fields in order (version v2 when present, signature equal to signatureAlgorithm, issuer,
/// thisUpdate, nextUpdate, revokedCertificates, crlExtensions [0]), a signatureValue without
/// unused bits. Extensions are not interpreted (a delta CRL or an issuing distribution point is
/// the caller's to avoid: ICAO 9303 Part 12 §7 CRLs carry neither).
#[cfg(feature = "chip")]
pub(crate) fn read_crl(der: &[u8]) -> Option<Crl<'_>> {
    let body = only(der, SEQUENCE)?;
    let mut outer = Reader::new(body);
    let (tbs_tag, tbs_body, tbs) = outer.next()?;
    let (alg_tag, outer_alg, signature_alg) = outer.next()?;
    let signature = match outer.expect(BIT_STRING)? {
        [0, bits @ ..] => bits,
        _ => return None,
    };
    if tbs_tag != SEQUENCE || alg_tag != SEQUENCE || !outer.is_empty() {
        return None;
    }
    algorithm_identifier(outer_alg)?;
    let mut r = Reader::new(tbs_body);
    // version INTEGER OPTIONAL: v2 (1) when present (RFC 5280 §5.1.2.1).
    if let Some((version, _)) = r.optional(INTEGER) {
        if version != [1] {
            return None;
        }
    }
    if r.expect(SEQUENCE)? != outer_alg {
        return None;
    }
    let (_, issuer) = r.optional(SEQUENCE)?;
    check_name(only(issuer, SEQUENCE)?)?;
    read_time(&mut r)?;
    if matches!(r.peek(), Some(UTC_TIME | GENERALIZED_TIME)) {
        read_time(&mut r)?;
    }
    let mut revoked = Vec::new();
    if let Some((list, _)) = r.optional(SEQUENCE) {
        let mut entries = Reader::new(list);
        while !entries.is_empty() {
            let mut e = Reader::new(entries.expect(SEQUENCE)?);
            let serial = e.expect(INTEGER)?;
            let date = read_time(&mut e)?;
            // crlEntryExtensions: SEQUENCE OF Extension.
            e.optional(SEQUENCE);
            if !e.is_empty() || serial.is_empty() {
                return None;
            }
            revoked.push((serial, date));
        }
    }
    // crlExtensions [0] EXPLICIT Extensions.
    if let Some((list, _)) = r.optional(0xa0) {
        let mut exts = Reader::new(only(list, SEQUENCE)?);
        while !exts.is_empty() {
            read_extension(exts.expect(SEQUENCE)?)?;
        }
    }
    r.is_empty().then_some(Crl {
        tbs,
        signature_alg,
        signature,
        issuer,
        revoked,
    })
}

/// Names, algorithm identifiers and extension OIDs have their ASN.1 shape.
fn check_inner_shape(c: &Cert<'_>) -> Option<()> {
    check_name(only(c.issuer, SEQUENCE)?)?;
    check_name(only(c.subject, SEQUENCE)?)?;
    algorithm_identifier(c.signature_alg)?;
    c.extensions.iter().all(|e| e.oid_tag == OID).then_some(())
}

/// `AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL }` (contents):
/// the OID's contents.
fn algorithm_identifier(body: &[u8]) -> Option<&[u8]> {
    let mut r = Reader::new(body);
    let oid = r.expect(OID)?;
    if !r.is_empty() {
        r.next()?;
    }
    r.is_empty().then_some(oid)
}

/// `Name ::= SEQUENCE OF SET SIZE (1..MAX) OF SEQUENCE { type OID, value ANY }` (contents of
/// the outer SEQUENCE).
fn check_name(body: &[u8]) -> Option<()> {
    let mut rdns = Reader::new(body);
    while !rdns.is_empty() {
        let mut atvs = Reader::new(rdns.expect(SET)?);
        if atvs.is_empty() {
            return None;
        }
        while !atvs.is_empty() {
            let mut atv = Reader::new(atvs.expect(SEQUENCE)?);
            atv.expect(OID)?;
            atv.next()?;
            if !atv.is_empty() {
                return None;
            }
        }
    }
    Some(())
}

/// `SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT
/// STRING }` (whole TLV): `(algorithm contents, BIT STRING contents)`.
fn spki_shape(spki: &[u8]) -> Option<(&[u8], &[u8])> {
    let mut r = Reader::new(only(spki, SEQUENCE)?);
    let alg = r.expect(SEQUENCE)?;
    algorithm_identifier(alg)?;
    let key = r.expect(BIT_STRING)?;
    r.is_empty().then_some((alg, key))
}

/// The algorithm (contents) and key bits of a SubjectPublicKeyInfo whose BIT STRING has no
/// unused bits.
fn spki_parts(spki: &[u8]) -> Option<(&[u8], &[u8])> {
    match spki_shape(spki)? {
        (alg, [0, key @ ..]) => Some((alg, key)),
        _ => None,
    }
}

/// `Extension ::= SEQUENCE { extnID OID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET
/// STRING }` (contents). A BOOLEAN of one octet is read as BER would (non-zero is TRUE): the
/// DER pass refuses other values than `0xFF`.
fn read_extension(body: &[u8]) -> Option<Ext<'_>> {
    let mut r = Reader::new(body);
    // Its tag is checked with the other inner shapes (`check_inner_shape`).
    let (oid_tag, oid, _) = r.next()?;
    if oid_tag & 0x20 != 0 {
        return None;
    }
    let critical = match r.optional(BOOLEAN) {
        Some((&[b], _)) => b != 0,
        Some(_) => return None,
        None => false,
    };
    let value = r.expect(OCTET_STRING)?;
    r.is_empty().then_some(Ext {
        oid_tag,
        oid,
        critical,
        value,
    })
}

/// `Time ::= CHOICE { utcTime UTCTime, generalTime GeneralizedTime }` in the forms RFC 5280
/// §4.1.2.5.1–2 require (`YYMMDDHHMMSSZ`, `YYYYMMDDHHMMSSZ`, no fraction), as Unix seconds.
/// UTCTime years 50–99 are 19xx, 00–49 20xx.
fn read_time(r: &mut Reader<'_>) -> Option<i64> {
    let (tag, text, _) = r.next()?;
    let num = |b: &[u8]| crate::date::digits(b).map(i64::from);
    let (year, rest) = match (tag, text) {
        (UTC_TIME, [y @ .., _, _, _, _, _, _, _, _, _, _, b'Z']) if y.len() == 2 => {
            let yy = num(y)?;
            (if yy >= 50 { 1900 + yy } else { 2000 + yy }, text.get(2..)?)
        }
        (GENERALIZED_TIME, [y @ .., _, _, _, _, _, _, _, _, _, _, b'Z']) if y.len() == 4 => {
            (num(y)?, text.get(4..)?)
        }
        _ => return None,
    };
    let field = |i: usize| rest.get(i..i + 2).and_then(num);
    let (month, day, hour, minute, second) =
        (field(0)?, field(2)?, field(4)?, field(6)?, field(8)?);
    let max_day = crate::date::days_in_month(u16::try_from(year).ok()?, u8::try_from(month).ok()?);
    if day == 0 || day > i64::from(max_day) || hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    Some(
        crate::date::days_from_civil(year, month, day) * 86_400
            + hour * 3600
            + minute * 60
            + second,
    )
}

/// basicConstraints (RFC 5280 §4.2.1.9): `SEQUENCE { cA BOOLEAN DEFAULT FALSE,
/// pathLenConstraint INTEGER (0..MAX) OPTIONAL }`, a pathLenConstraint up to `u32::MAX`.
fn basic_constraints(value: &[u8]) -> Option<(bool, Option<u32>)> {
    let mut r = Reader::new(only(value, SEQUENCE)?);
    let ca = match r.optional(BOOLEAN) {
        Some((&[b], _)) => b != 0,
        Some(_) => return None,
        None => false,
    };
    let path_len = match r.optional(INTEGER) {
        Some((n, _)) => Some(small_unsigned(n)?),
        None => None,
    };
    r.is_empty().then_some((ca, path_len))
}

/// A non-negative INTEGER's contents as `u32`.
fn small_unsigned(n: &[u8]) -> Option<u32> {
    let (&first, _) = n.split_first()?;
    if first & 0x80 != 0 {
        return None;
    }
    let digits: &[u8] = match n {
        [0, rest @ ..] => rest,
        _ => n,
    };
    if digits.len() > 4 {
        return None;
    }
    Some(
        digits
            .iter()
            .fold(0u32, |acc, &b| (acc << 8) | u32::from(b)),
    )
}

/// keyUsage (RFC 5280 §4.2.1.3): a BIT STRING; the bits read are in its first octet.
fn key_usage(value: &[u8]) -> Option<KeyUsage> {
    match only(value, BIT_STRING)? {
        [] => None,
        [_, first, ..] => Some(KeyUsage(first.reverse_bits())),
        [_] => Some(KeyUsage(0)),
    }
}

/// subjectAltName (RFC 5280 §4.2.1.6): `GeneralNames ::= SEQUENCE OF GeneralName`, each a
/// context-specific TLV: `(tag, contents)` of each.
fn general_names(value: &[u8]) -> Option<Vec<(u8, &[u8])>> {
    let mut r = Reader::new(only(value, SEQUENCE)?);
    let mut out = Vec::new();
    while !r.is_empty() {
        let (tag, content, _) = r.next()?;
        if tag & 0xc0 != 0x80 {
            return None;
        }
        out.push((tag, content));
    }
    Some(out)
}

/// An OBJECT IDENTIFIER's contents in dotted form (`2.5.29.99`); an arc beyond 64 bits gives
/// the contents' hex octets separated by spaces instead.
pub(super) fn dotted(oid: &[u8]) -> String {
    use core::fmt::Write;
    let Some((&first, rest)) = oid.split_first() else {
        return String::new();
    };
    let mut arcs: Vec<u64> = vec![u64::from(first / 40)];
    if oid != [0] {
        arcs.push(u64::from(first % 40));
    }
    let (mut arc, mut bits) = (0u64, 0u32);
    for &b in rest {
        arc = (arc << 7) | u64::from(b & 0x7f);
        bits += 7;
        if bits > 63 {
            let mut hex = String::new();
            for (i, b) in oid.iter().enumerate() {
                if i > 0 {
                    hex.push(' ');
                }
                let _ = write!(hex, "{b:02x}");
            }
            return hex;
        }
        if b & 0x80 == 0 {
            arcs.push(arc);
            (arc, bits) = (0, 0);
        }
    }
    if bits > 0 {
        arcs.push(arc);
    }
    let mut out = String::new();
    for (i, a) in arcs.iter().enumerate() {
        if i > 0 {
            out.push('.');
        }
        let _ = write!(out, "{a}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn time(tag: u8, text: &str) -> Option<i64> {
        let mut der = vec![tag, u8::try_from(text.len()).unwrap()];
        der.extend_from_slice(text.as_bytes());
        read_time(&mut Reader::new(&der))
    }

    #[test]
    fn times_in_the_rfc_5280_forms_only() {
        assert_eq!(time(UTC_TIME, "491231235959Z"), Some(2_524_607_999));
        assert_eq!(time(UTC_TIME, "500101000000Z"), Some(-631_152_000));
        assert_eq!(time(UTC_TIME, "240229120000Z"), Some(1_709_208_000));
        assert_eq!(
            time(GENERALIZED_TIME, "20500101000000Z"),
            Some(2_524_608_000)
        );
        for bad in [
            "5001010000Z",
            "500101000000",
            "500101000000+0000",
            "500230000000Z",
            "230229000000Z",
            "500101240000Z",
            "500101006000Z",
            "500101000060Z",
            "500001000000Z",
            "501301000000Z",
            "5001010000 0Z",
        ] {
            assert_eq!(time(UTC_TIME, bad), None, "{bad}");
        }
        for bad in ["20500101000000.5Z", "205001010000Z", "20500101000000+0000"] {
            assert_eq!(time(GENERALIZED_TIME, bad), None, "{bad}");
        }
        assert_eq!(time(OCTET_STRING, "500101000000Z"), None);
        assert_eq!(time(GENERALIZED_TIME, "500101000000Z"), None);
    }

    #[test]
    fn reader_takes_definite_lengths_and_low_tags() {
        let mut r = Reader::new(&[0x04, 0x81, 0x01, 0xaa, 0x05, 0x00]);
        assert_eq!(
            r.next(),
            Some((0x04, &[0xaa][..], &[0x04, 0x81, 0x01, 0xaa][..]))
        );
        assert_eq!(r.next(), Some((0x05, &[][..], &[0x05, 0x00][..])));
        assert!(r.is_empty());
        assert_eq!(Reader::new(&[0x30, 0x80, 0x00, 0x00]).next(), None);
        assert_eq!(Reader::new(&[0x1f, 0x20, 0x00]).next(), None);
        assert_eq!(Reader::new(&[0x04, 0x02, 0xaa]).next(), None);
        assert_eq!(Reader::new(&[0x04, 0x85, 0, 0, 0, 0, 1, 0xaa]).next(), None);
        assert_eq!(only(&[0x04, 0x00, 0x05, 0x00], 0x04), None);
        assert_eq!(only(&[0x04, 0x00], 0x05), None);
    }

    #[test]
    fn extension_values() {
        assert_eq!(basic_constraints(&[0x30, 0x00]), Some((false, None)));
        assert_eq!(
            basic_constraints(&[0x30, 0x06, 0x01, 0x01, 0xff, 0x02, 0x01, 0x03]),
            Some((true, Some(3)))
        );
        assert_eq!(basic_constraints(&[0x30, 0x03, 0x02, 0x01, 0x80]), None);
        let big = [0x30, 0x08, 0x02, 0x06, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00];
        assert_eq!(basic_constraints(&big), None);
        let max = [0x30, 0x07, 0x02, 0x05, 0x00, 0xff, 0xff, 0xff, 0xff];
        assert_eq!(basic_constraints(&max), Some((false, Some(u32::MAX))));
        assert_eq!(
            basic_constraints(&[0x30, 0x03, 0x01, 0x01, 0xff, 0x00]),
            None
        );
        let ku = key_usage(&[0x03, 0x02, 0x01, 0x86]).unwrap();
        assert!(ku.digital_signature() && ku.key_cert_sign() && ku.crl_sign());
        assert!(!ku.non_repudiation());
        assert_eq!(key_usage(&[0x03, 0x00]), None);
        assert_eq!(key_usage(&[0x04, 0x02, 0x01, 0x86]), None);
        assert_eq!(
            general_names(&[0x30, 0x05, 0x82, 0x03, b'a', b'.', b'b']),
            Some(vec![(0x82, &b"a.b"[..])])
        );
        assert_eq!(general_names(&[0x30, 0x03, 0x16, 0x01, b'a']), None);
    }

    #[cfg(feature = "chip")]
    fn tlv(tag: u8, parts: &[&[u8]]) -> Vec<u8> {
        let content: Vec<u8> = parts.concat();
        let mut out = vec![tag];
        let n = u16::try_from(content.len()).unwrap().to_be_bytes();
        match content.len() {
            0..=0x7f => out.push(n[1]),
            0x80..=0xff => out.extend([0x81, n[1]]),
            _ => out.extend([0x82, n[0], n[1]]),
        }
        out.extend(content);
        out
    }

    /// A CRL (RFC 5280 §5.1) with the parts given: `version` (None: absent), the inner and
    /// outer algorithms, the signature's unused-bits octet, extra bytes after the TBSCertList.
    #[cfg(feature = "chip")]
    fn crl(
        version: Option<u8>,
        inner: &[u8],
        outer: &[u8],
        unused: u8,
        tbs_extra: &[u8],
    ) -> Vec<u8> {
        let name = tlv(
            SEQUENCE,
            &[&tlv(
                SET,
                &[&tlv(
                    SEQUENCE,
                    &[&tlv(OID, &[&[0x55, 4, 3]]), &tlv(0x0c, &[b"CSCA"])],
                )],
            )],
        );
        let this_update = tlv(UTC_TIME, &[b"250101000000Z"]);
        let next_update = tlv(GENERALIZED_TIME, &[b"20260101000000Z"]);
        let entry = tlv(
            SEQUENCE,
            &[
                &tlv(INTEGER, &[&[0x01, 0x02]]),
                &tlv(UTC_TIME, &[b"250501000000Z"]),
            ],
        );
        let version = version.map(|v| tlv(INTEGER, &[&[v]])).unwrap_or_default();
        let tbs = tlv(
            SEQUENCE,
            &[
                &version,
                inner,
                &name,
                &this_update,
                &next_update,
                &tlv(SEQUENCE, &[&entry]),
                tbs_extra,
            ],
        );
        tlv(
            SEQUENCE,
            &[&tbs, outer, &tlv(BIT_STRING, &[&[unused], &[0x30, 0x00]])],
        )
    }

    #[cfg(feature = "chip")]
    #[test]
    fn crls_in_the_rfc_5280_structure_only() {
        let ecdsa = tlv(
            SEQUENCE,
            &[&tlv(
                OID,
                &[&[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02]],
            )],
        );
        let rsa = tlv(
            SEQUENCE,
            &[
                &tlv(
                    OID,
                    &[&[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b]],
                ),
                &[0x05, 0x00],
            ],
        );
        // v2 and v1 (no version) CRLs: the revoked serial with its date, the signed bytes.
        for version in [Some(1), None] {
            let der = crl(version, &ecdsa, &ecdsa, 0, &[]);
            let c = read_crl(&der).unwrap();
            assert_eq!(c.revoked, vec![(&[0x01u8, 0x02][..], 1_746_057_600)]);
            assert_eq!(c.signature_alg, ecdsa.as_slice());
            assert_eq!(c.signature, [0x30, 0x00]);
            assert!(der.windows(c.tbs.len()).any(|w| w == c.tbs));
        }
        // Another version, unlike algorithms, unused signature bits, an unknown field, trailing
        // bytes: refused.
        assert!(read_crl(&crl(Some(2), &ecdsa, &ecdsa, 0, &[])).is_none());
        assert!(read_crl(&crl(Some(1), &ecdsa, &rsa, 0, &[])).is_none());
        assert!(read_crl(&crl(Some(1), &ecdsa, &ecdsa, 1, &[])).is_none());
        assert!(read_crl(&crl(Some(1), &ecdsa, &ecdsa, 0, &tlv(INTEGER, &[&[1]]))).is_none());
        let mut trailing = crl(Some(1), &ecdsa, &ecdsa, 0, &[]);
        trailing.push(0);
        assert!(read_crl(&trailing).is_none());
        // crlExtensions [0] holding extensions are read past.
        let ext = tlv(
            0xa0,
            &[&tlv(
                SEQUENCE,
                &[&tlv(
                    SEQUENCE,
                    &[
                        &tlv(OID, &[&[0x55, 0x1d, 0x14]]),
                        &tlv(OCTET_STRING, &[&[0x02, 0x01, 0x07]]),
                    ],
                )],
            )],
        );
        assert!(read_crl(&crl(Some(1), &ecdsa, &ecdsa, 0, &ext)).is_some());
    }
}
