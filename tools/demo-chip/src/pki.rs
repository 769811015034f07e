//! Keys, certificates (RFC 5280, ICAO 9303 Part 12 profiles) and CMS SignedData (RFC 5652).

use crate::der::{self, seq};
use crate::ec::{CurveId, EcKey};
use crate::hash::Hash;
use crate::rsa::{self, RsaKey};

pub enum Key {
    Ec(EcKey),
    Rsa(RsaKey),
}

/// A key with the signature scheme it signs with.
pub struct Signer {
    pub key: Key,
    pub hash: Hash,
    /// RSA only: RSASSA-PSS instead of PKCS #1 v1.5.
    pub pss: bool,
}

impl Signer {
    pub fn ec(id: CurveId, seed: u8, explicit: bool, hash: Hash) -> Signer {
        Signer {
            key: Key::Ec(EcKey::from_seed(id, seed, explicit)),
            hash,
            pss: false,
        }
    }
    pub fn rsa(seed: u8, bits: u64, hash: Hash, pss: bool) -> Signer {
        Signer {
            key: Key::Rsa(RsaKey::from_seed(seed, bits)),
            hash,
            pss,
        }
    }
    pub fn spki(&self) -> Vec<u8> {
        match &self.key {
            Key::Ec(k) => k.spki(),
            Key::Rsa(k) => k.spki(),
        }
    }
    pub fn alg_id(&self) -> Vec<u8> {
        match &self.key {
            Key::Ec(_) => seq(&[der::oid(self.hash.ecdsa_oid())]),
            Key::Rsa(_) if self.pss => rsa::pss_alg_id(self.hash),
            Key::Rsa(_) => rsa::pkcs1_alg_id(self.hash),
        }
    }
    pub fn sign(&self, msg: &[u8]) -> Vec<u8> {
        match &self.key {
            Key::Ec(k) => k.sign_der(self.hash, msg),
            Key::Rsa(k) if self.pss => k.sign_pss(self.hash, msg),
            Key::Rsa(k) => k.sign_pkcs1(self.hash, msg),
        }
    }
    /// RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING value.
    pub fn key_id(&self) -> Vec<u8> {
        let pk = match &self.key {
            Key::Ec(k) => k.point(),
            Key::Rsa(k) => seq(&[der::uint(&k.n.to_bytes_be()), der::uint(&k.e.to_bytes_be())]),
        };
        Hash::Sha1.digest(&pk)
    }
    pub fn describe(&self) -> String {
        match &self.key {
            Key::Ec(k) => format!(
                "ECDSA {} ({}) with {}",
                k.curve.id.name(),
                if k.explicit {
                    "explicit parameters"
                } else {
                    "named curve"
                },
                self.hash.name().to_uppercase()
            ),
            Key::Rsa(k) => format!(
                "RSA {} {} with {}",
                k.bits,
                if self.pss {
                    "RSASSA-PSS (MGF1, salt = hash length)"
                } else {
                    "PKCS #1 v1.5"
                },
                self.hash.name().to_uppercase()
            ),
        }
    }
}

/// Name: C=VN, O=cccd-verify DEMO, [OU], CN.
pub fn name(cn: &str, ou: Option<&str>) -> Vec<u8> {
    let rdn = |oid: &str, v: Vec<u8>| der::set_of(&[seq(&[der::oid(oid), v])]);
    let mut rdns = vec![
        rdn("2.5.4.6", der::printable("VN")),
        rdn("2.5.4.10", der::utf8("cccd-verify DEMO")),
    ];
    if let Some(ou) = ou {
        rdns.push(rdn("2.5.4.11", der::utf8(ou)));
    }
    rdns.push(rdn("2.5.4.3", der::utf8(cn)));
    seq(&rdns)
}

fn ext(oid: &str, critical: bool, value: Vec<u8>) -> Vec<u8> {
    if critical {
        seq(&[der::oid(oid), der::boolean(true), der::octets(&value)])
    } else {
        seq(&[der::oid(oid), der::octets(&value)])
    }
}

pub enum Profile {
    /// CSCA or link certificate: basicConstraints CA pathLen 0, keyCertSign + cRLSign.
    Csca,
    /// Document signer: digitalSignature, DocumentTypeList {"ID"} (ICAO 9303 Part 12 §7.1.1.4).
    Dsc,
    /// Master list signer: digitalSignature, extendedKeyUsage id-icao-cscaMasterListSigningKey.
    MlSigner,
    /// A plain root CA (the master list signer's DEMO root).
    Root,
}

pub struct CertSpec<'a> {
    pub serial: u64,
    pub subject: Vec<u8>,
    pub issuer: Vec<u8>,
    pub not_before: i64,
    pub not_after: i64,
    /// privateKeyUsagePeriod (2.5.29.16), when given.
    pub key_usage_period: Option<(i64, i64)>,
    pub subject_key: &'a Signer,
    pub issuer_key: &'a Signer,
    pub profile: Profile,
}

pub struct Cert {
    pub der: Vec<u8>,
    pub issuer: Vec<u8>,
    pub serial: u64,
}

pub fn certificate(spec: &CertSpec) -> Cert {
    let mut exts = vec![
        ext(
            "2.5.29.35",
            false,
            seq(&[der::ctx_prim(0, &spec.issuer_key.key_id())]),
        ),
        ext("2.5.29.14", false, der::octets(&spec.subject_key.key_id())),
    ];
    if let Some((a, b)) = spec.key_usage_period {
        let g = |t: i64, tag: u8| {
            let mut v = der::generalized(t);
            if let Some(first) = v.first_mut() {
                *first = tag;
            }
            v
        };
        exts.push(ext("2.5.29.16", false, seq(&[g(a, 0x80), g(b, 0x81)])));
    }
    match spec.profile {
        Profile::Csca | Profile::Root => {
            exts.push(ext(
                "2.5.29.19",
                true,
                seq(&[der::boolean(true), der::int(0)]),
            ));
            exts.push(ext("2.5.29.15", true, vec![0x03, 0x02, 0x01, 0x06]));
        }
        Profile::Dsc => {
            exts.push(ext("2.5.29.15", true, vec![0x03, 0x02, 0x07, 0x80]));
            exts.push(ext(
                "2.23.136.1.1.6.2",
                false,
                seq(&[der::int(0), der::set_of(&[der::printable("ID")])]),
            ));
        }
        Profile::MlSigner => {
            exts.push(ext("2.5.29.15", true, vec![0x03, 0x02, 0x07, 0x80]));
            exts.push(ext("2.5.29.37", false, seq(&[der::oid("2.23.136.1.1.3")])));
        }
    }
    let tbs = seq(&[
        der::ctx(0, &der::int(2)),
        der::int(spec.serial),
        spec.issuer_key.alg_id(),
        spec.issuer.clone(),
        seq(&[der::time(spec.not_before), der::time(spec.not_after)]),
        spec.subject.clone(),
        spec.subject_key.spki(),
        der::ctx(3, &seq(&exts)),
    ]);
    let sig = spec.issuer_key.sign(&tbs);
    Cert {
        der: seq(&[tbs, spec.issuer_key.alg_id(), der::bits(&sig)]),
        issuer: spec.issuer.clone(),
        serial: spec.serial,
    }
}

/// What to sign in a CMS SignedData, and how.
pub struct CmsSpec<'a> {
    pub econtent_type: &'a str,
    pub econtent: &'a [u8],
    pub signer: &'a Signer,
    pub signer_cert: &'a Cert,
    pub signing_time: i64,
    /// Damage applied after signing (negative fixtures).
    pub break_signature: bool,
}

/// ContentInfo { id-signedData, [0] SignedData v3 } with one SignerInfo v1 (issuerAndSerialNumber),
/// signed attributes content-type, signing-time, message-digest (RFC 5652 §5.3, §11), and the
/// signer certificate in `certificates`.
pub fn signed_data(spec: &CmsSpec) -> Vec<u8> {
    let h = spec.signer.hash;
    let attr = |oid: &str, v: Vec<u8>| seq(&[der::oid(oid), der::set_of(&[v])]);
    let attrs = vec![
        attr("1.2.840.113549.1.9.3", der::oid(spec.econtent_type)),
        attr("1.2.840.113549.1.9.5", der::time(spec.signing_time)),
        attr(
            "1.2.840.113549.1.9.4",
            der::octets(&h.digest(spec.econtent)),
        ),
    ];
    let signed_attrs_set = der::set_of(&attrs);
    let mut sig = spec.signer.sign(&signed_attrs_set);
    if spec.break_signature {
        if let Some(last) = sig.last_mut() {
            *last ^= 0x01;
        }
    }
    let mut attrs_implicit = signed_attrs_set;
    if let Some(first) = attrs_implicit.first_mut() {
        *first = 0xA0;
    }
    let signer_info = seq(&[
        der::int(1),
        seq(&[
            spec.signer_cert.issuer.clone(),
            der::int(spec.signer_cert.serial),
        ]),
        h.alg_id(),
        attrs_implicit,
        spec.signer.alg_id(),
        der::octets(&sig),
    ]);
    let sd = seq(&[
        der::int(3),
        der::set_of(&[h.alg_id()]),
        seq(&[
            der::oid(spec.econtent_type),
            der::ctx(0, &der::octets(spec.econtent)),
        ]),
        der::ctx(0, &spec.signer_cert.der),
        der::set_of(&[signer_info]),
    ]);
    seq(&[der::oid("1.2.840.113549.1.7.2"), der::ctx(0, &sd)])
}

pub fn pem_cert(der: &[u8]) -> Vec<u8> {
    crate::b64::pem("CERTIFICATE", der).into_bytes()
}
