//! A small, deterministic DER X.509 certificate builder for tests (hand-encoded DER, RFC 5280
//! §4.1). Keys come from fixed bytes and ECDSA signing is RFC 6979 deterministic, so every
//! certificate is byte-for-byte reproducible. Used by `tests/x509.rs` and the unit tests in
//! `src/x509/tests.rs`; not part of the library.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::cast_possible_truncation
)]

use p256::ecdsa::signature::Signer;

/// The fixed clock of the X.509 tests: 2026-11-27T00:00:00Z.
pub const NOW: i64 = 1_795_737_600;
/// One day in seconds.
pub const DAY: i64 = 86_400;
/// One (365-day) year in seconds.
pub const YEAR: i64 = 365 * DAY;

/// keyUsage bits (RFC 5280 §4.2.1.3), numbered as in the ASN.1: bit 0 is digitalSignature.
pub const KU_DIGITAL_SIGNATURE: u16 = 1 << 0;
pub const KU_KEY_CERT_SIGN: u16 = 1 << 5;
pub const KU_CRL_SIGN: u16 = 1 << 6;

/// OID contents.
pub const OID_NAME_CONSTRAINTS: &[u8] = &[0x55, 0x1d, 0x1e];
pub const OID_POLICY_CONSTRAINTS: &[u8] = &[0x55, 0x1d, 0x24];
pub const OID_CERT_POLICIES: &[u8] = &[0x55, 0x1d, 0x20];
/// 1.3.6.1.4.1.55555.1 (an arbitrary private-enterprise OID, for "unknown" extensions).
pub const OID_PRIVATE: &[u8] = &[0x2b, 0x06, 0x01, 0x04, 0x01, 0x83, 0xb2, 0x03, 0x01];
/// ecdsa-with-SHA512, 1.2.840.10045.4.3.4 (not supported by the verifier).
pub const OID_ECDSA_SHA512: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x04];
const OID_ECDSA_SHA256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02];
const OID_ECDSA_SHA384: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x03];
const OID_EC_PUBLIC_KEY: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
const OID_P256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
const OID_P384: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x22];
const OID_CN: &[u8] = &[0x55, 0x04, 0x03];
const OID_BASIC_CONSTRAINTS: &[u8] = &[0x55, 0x1d, 0x13];
const OID_KEY_USAGE: &[u8] = &[0x55, 0x1d, 0x0f];
const OID_SAN: &[u8] = &[0x55, 0x1d, 0x11];

// ---- DER primitives -------------------------------------------------------------------------

pub fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let n = content.len();
    if n < 0x80 {
        out.push(n as u8);
    } else {
        let bytes: Vec<u8> = n
            .to_be_bytes()
            .iter()
            .copied()
            .skip_while(|&b| b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend_from_slice(&bytes);
    }
    out.extend_from_slice(content);
    out
}

pub fn seq(parts: &[Vec<u8>]) -> Vec<u8> {
    tlv(0x30, &parts.concat())
}

fn set(parts: &[Vec<u8>]) -> Vec<u8> {
    tlv(0x31, &parts.concat())
}

pub fn oid(content: &[u8]) -> Vec<u8> {
    tlv(0x06, content)
}

fn uint(v: u64) -> Vec<u8> {
    let mut b: Vec<u8> = v
        .to_be_bytes()
        .iter()
        .copied()
        .skip_while(|&b| b == 0)
        .collect();
    if b.first().is_none_or(|&x| x & 0x80 != 0) {
        b.insert(0, 0);
    }
    tlv(0x02, &b)
}

fn boolean_true() -> Vec<u8> {
    vec![0x01, 0x01, 0xff]
}

fn bit_string(unused: u8, bytes: &[u8]) -> Vec<u8> {
    let mut c = vec![unused];
    c.extend_from_slice(bytes);
    tlv(0x03, &c)
}

fn octet_string(bytes: &[u8]) -> Vec<u8> {
    tlv(0x04, bytes)
}

/// Name ::= SEQUENCE OF RDN, with one CN attribute (UTF8String).
pub fn name(cn: &str) -> Vec<u8> {
    seq(&[set(&[seq(&[oid(OID_CN), tlv(0x0c, cn.as_bytes())])])])
}

/// Unix seconds → (year, month, day, hour, minute, second), proleptic Gregorian.
fn civil(secs: i64) -> (i64, i64, i64, i64, i64, i64) {
    let days = secs.div_euclid(DAY);
    let tod = secs.rem_euclid(DAY);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d, tod / 3600, tod % 3600 / 60, tod % 60)
}

/// RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050.
fn time(secs: i64) -> Vec<u8> {
    let (y, mo, d, h, mi, s) = civil(secs);
    if (1950..2050).contains(&y) {
        let t = format!("{:02}{mo:02}{d:02}{h:02}{mi:02}{s:02}Z", y % 100);
        tlv(0x17, t.as_bytes())
    } else {
        let t = format!("{y:04}{mo:02}{d:02}{h:02}{mi:02}{s:02}Z");
        tlv(0x18, t.as_bytes())
    }
}

// ---- keys -----------------------------------------------------------------------------------

/// A fixed test key.
pub enum Key {
    P256(p256::ecdsa::SigningKey),
    P384(p384::ecdsa::SigningKey),
}

impl Key {
    /// A P-256 key whose private scalar is 32 bytes of `seed` (seed 1..=0xfe is a valid scalar).
    pub fn p256(seed: u8) -> Key {
        Key::P256(p256::ecdsa::SigningKey::from_slice(&[seed; 32]).unwrap())
    }

    /// A P-384 key whose private scalar is 48 bytes of `seed`.
    pub fn p384(seed: u8) -> Key {
        Key::P384(p384::ecdsa::SigningKey::from_slice(&[seed; 48]).unwrap())
    }

    /// The uncompressed SEC1 public point.
    pub fn sec1(&self) -> Vec<u8> {
        match self {
            Key::P256(k) => k.verifying_key().to_sec1_point(false).as_bytes().to_vec(),
            Key::P384(k) => k.verifying_key().to_sec1_point(false).as_bytes().to_vec(),
        }
    }

    /// SubjectPublicKeyInfo (RFC 5480 §2).
    pub fn spki(&self) -> Vec<u8> {
        let curve = match self {
            Key::P256(_) => OID_P256,
            Key::P384(_) => OID_P384,
        };
        seq(&[
            seq(&[oid(OID_EC_PUBLIC_KEY), oid(curve)]),
            bit_string(0, &self.sec1()),
        ])
    }

    /// The signature algorithm this key signs with: P-256 → SHA-256, P-384 → SHA-384.
    fn sig_alg_oid(&self) -> &'static [u8] {
        match self {
            Key::P256(_) => OID_ECDSA_SHA256,
            Key::P384(_) => OID_ECDSA_SHA384,
        }
    }

    /// DER ECDSA signature (RFC 6979 nonce: deterministic).
    pub fn sign(&self, msg: &[u8]) -> Vec<u8> {
        match self {
            Key::P256(k) => {
                let s: p256::ecdsa::DerSignature = k.sign(msg);
                s.as_bytes().to_vec()
            }
            Key::P384(k) => {
                let s: p384::ecdsa::DerSignature = k.sign(msg);
                s.as_bytes().to_vec()
            }
        }
    }
}

// ---- certificates ---------------------------------------------------------------------------

/// A BER encoding that DER forbids, built into an otherwise valid, correctly signed certificate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NonDer {
    /// The serial number's length in long form (`81 01`) where the short form fits.
    LongFormLength,
    /// A serial number INTEGER with no content octets.
    EmptySerial,
    /// A serial number with a superfluous leading zero octet (`00 01`).
    NonMinimalSerial,
    /// The critical flags encoded as BOOLEAN `01` instead of `FF`.
    BooleanOne,
    /// basicConstraints with `cA FALSE` encoded, although FALSE is the DEFAULT.
    ExplicitCaFalse,
    /// Non-critical extensions with `critical FALSE` encoded, although FALSE is the DEFAULT.
    ExplicitCriticalFalse,
}

/// Builds one certificate; defaults give a valid certificate at [`NOW`].
pub struct CertBuilder<'k> {
    serial: u64,
    subject: String,
    subject_key: &'k Key,
    issuer: String,
    issuer_key: &'k Key,
    not_before: i64,
    not_after: i64,
    /// `(cA, pathLen, critical)`.
    basic_constraints: Option<(bool, Option<u32>, bool)>,
    key_usage: Option<u16>,
    san_uris: Vec<String>,
    san_dns: Vec<String>,
    extra: Vec<(Vec<u8>, bool, Vec<u8>)>,
    sig_alg: Option<Vec<u8>>,
    tamper: bool,
    version: u64,
    non_der: Option<NonDer>,
}

impl<'k> CertBuilder<'k> {
    fn new(subject: &str, key: &'k Key) -> Self {
        CertBuilder {
            serial: 1,
            subject: subject.into(),
            subject_key: key,
            issuer: subject.into(),
            issuer_key: key,
            not_before: NOW - YEAR,
            not_after: NOW + 5 * YEAR,
            basic_constraints: None,
            key_usage: None,
            san_uris: Vec::new(),
            san_dns: Vec::new(),
            extra: Vec::new(),
            sig_alg: None,
            tamper: false,
            version: 2,
            non_der: None,
        }
    }

    /// A self-signed CA (root): critical basicConstraints cA, critical keyUsage
    /// keyCertSign + cRLSign, valid 1 year before to 10 years after [`NOW`].
    pub fn ca(subject: &str, key: &'k Key) -> Self {
        let mut b = Self::new(subject, key);
        b.basic_constraints = Some((true, None, true));
        b.key_usage = Some(KU_KEY_CERT_SIGN | KU_CRL_SIGN);
        b.not_after = NOW + 10 * YEAR;
        b
    }

    /// An end-entity certificate: critical keyUsage digitalSignature, no basicConstraints.
    /// Self-issued until [`CertBuilder::issued_by`].
    pub fn leaf(subject: &str, key: &'k Key) -> Self {
        let mut b = Self::new(subject, key);
        b.key_usage = Some(KU_DIGITAL_SIGNATURE);
        b
    }

    pub fn issued_by(mut self, issuer: &str, key: &'k Key) -> Self {
        self.issuer = issuer.into();
        self.issuer_key = key;
        self
    }

    pub fn serial(mut self, serial: u64) -> Self {
        self.serial = serial;
        self
    }

    pub fn validity(mut self, not_before: i64, not_after: i64) -> Self {
        self.not_before = not_before;
        self.not_after = not_after;
        self
    }

    pub fn path_len(mut self, n: u32) -> Self {
        let (ca, _, critical) = self.basic_constraints.unwrap_or((true, None, true));
        self.basic_constraints = Some((ca, Some(n), critical));
        self
    }

    /// basicConstraints present, cA false.
    pub fn not_ca(mut self) -> Self {
        self.basic_constraints = Some((false, None, true));
        self
    }

    /// basicConstraints present, cA true.
    pub fn make_ca(mut self) -> Self {
        self.basic_constraints = Some((true, None, true));
        self
    }

    pub fn no_basic_constraints(mut self) -> Self {
        self.basic_constraints = None;
        self
    }

    pub fn key_usage(mut self, bits: u16) -> Self {
        self.key_usage = Some(bits);
        self
    }

    pub fn no_key_usage(mut self) -> Self {
        self.key_usage = None;
        self
    }

    pub fn san_uri(mut self, uri: &str) -> Self {
        self.san_uris.push(uri.into());
        self
    }

    pub fn san_dns(mut self, dns: &str) -> Self {
        self.san_dns.push(dns.into());
        self
    }

    /// An extra extension with DER `value` (wrapped in the OCTET STRING here).
    pub fn extension(mut self, oid_content: &[u8], critical: bool, value: Vec<u8>) -> Self {
        self.extra.push((oid_content.to_vec(), critical, value));
        self
    }

    /// Claims this signature algorithm OID (in both AlgorithmIdentifier fields); still signs
    /// with the issuer key's own hash.
    pub fn signature_algorithm(mut self, oid_content: &[u8]) -> Self {
        self.sig_alg = Some(oid_content.to_vec());
        self
    }

    /// Changes the serial number after signing, so the signature no longer matches.
    pub fn tampered(mut self) -> Self {
        self.tamper = true;
        self
    }

    /// Encodes one field in a way DER forbids (the certificate is still signed over it).
    pub fn non_der(mut self, how: NonDer) -> Self {
        self.non_der = Some(how);
        self
    }

    /// `version` field value (0 = v1, 2 = v3); v1 omits the field and extensions.
    pub fn version(mut self, v: u64) -> Self {
        self.version = v;
        self
    }

    fn extensions(&self) -> Vec<Vec<u8>> {
        let quirk = self.non_der;
        let ext = |o: &[u8], critical: bool, value: &[u8]| {
            let mut parts = vec![oid(o)];
            if critical && quirk == Some(NonDer::BooleanOne) {
                parts.push(vec![0x01, 0x01, 0x01]);
            } else if critical {
                parts.push(boolean_true());
            } else if quirk == Some(NonDer::ExplicitCriticalFalse) {
                parts.push(vec![0x01, 0x01, 0x00]);
            }
            parts.push(octet_string(value));
            seq(&parts)
        };
        let mut out = Vec::new();
        if let Some((ca, path_len, critical)) = self.basic_constraints {
            let mut parts = Vec::new();
            if ca {
                parts.push(boolean_true());
            } else if quirk == Some(NonDer::ExplicitCaFalse) {
                parts.push(vec![0x01, 0x01, 0x00]);
            }
            if let Some(n) = path_len {
                parts.push(uint(u64::from(n)));
            }
            out.push(ext(OID_BASIC_CONSTRAINTS, critical, &seq(&parts)));
        }
        if let Some(bits) = self.key_usage {
            out.push(ext(OID_KEY_USAGE, true, &key_usage_value(bits)));
        }
        if !self.san_uris.is_empty() || !self.san_dns.is_empty() {
            let mut names: Vec<Vec<u8>> = Vec::new();
            for u in &self.san_uris {
                names.push(tlv(0x86, u.as_bytes()));
            }
            for d in &self.san_dns {
                names.push(tlv(0x82, d.as_bytes()));
            }
            out.push(ext(OID_SAN, false, &seq(&names)));
        }
        for (o, critical, value) in &self.extra {
            out.push(ext(o, *critical, value));
        }
        out
    }

    fn tbs(&self, serial: u64) -> Vec<u8> {
        let alg = seq(&[oid(self
            .sig_alg
            .as_deref()
            .unwrap_or(self.issuer_key.sig_alg_oid()))]);
        let mut parts = Vec::new();
        if self.version != 0 {
            parts.push(tlv(0xa0, &uint(self.version)));
        }
        let serial = match self.non_der {
            Some(NonDer::LongFormLength) => {
                let mut s = uint(serial);
                s.insert(1, 0x81);
                s
            }
            Some(NonDer::EmptySerial) => vec![0x02, 0x00],
            Some(NonDer::NonMinimalSerial) => {
                let mut s = uint(serial);
                s.insert(2, 0x00);
                s[1] += 1;
                s
            }
            _ => uint(serial),
        };
        parts.extend([
            serial,
            alg,
            name(&self.issuer),
            seq(&[time(self.not_before), time(self.not_after)]),
            name(&self.subject),
            self.subject_key.spki(),
        ]);
        let exts = self.extensions();
        if self.version == 2 && !exts.is_empty() {
            parts.push(tlv(0xa3, &seq(&exts)));
        }
        seq(&parts)
    }

    pub fn build(&self) -> Vec<u8> {
        let tbs = self.tbs(self.serial);
        let sig = self.issuer_key.sign(&tbs);
        let tbs = if self.tamper {
            self.tbs(self.serial + 1)
        } else {
            tbs
        };
        let alg = seq(&[oid(self
            .sig_alg
            .as_deref()
            .unwrap_or(self.issuer_key.sig_alg_oid()))]);
        seq(&[tbs, alg, bit_string(0, &sig)])
    }
}

/// KeyUsage ::= BIT STRING, DER (no trailing zero bits).
fn key_usage_value(bits: u16) -> Vec<u8> {
    let b0 = (bits as u8).reverse_bits();
    let b1 = ((bits >> 8) as u8).reverse_bits();
    let bytes: Vec<u8> = if b1 != 0 { vec![b0, b1] } else { vec![b0] };
    let last = *bytes.last().unwrap();
    let unused = if last == 0 {
        0
    } else {
        last.trailing_zeros() as u8
    };
    bit_string(unused, &bytes)
}
