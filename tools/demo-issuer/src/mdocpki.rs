//! The DEMO mdoc PKI: an IACA root and a Document Signer (DS) in the ISO 18013-5 Annex B form
//! (`shared/domain/presentations.md` §2.4), a VICAL root and a VICAL signer (EKU
//! `1.0.18013.5.1.8`, §4), and the broken variants the negative fixtures need. The names carry
//! countryName `VN` and a commonName, which `tests/support/certs.rs` cannot write (its names are
//! CN only), so this module has its own TBSCertificate; it reuses that file's DER primitives and
//! keys. Deterministic: RFC 6979 signatures, serials derived from the subject. DEMO ONLY.

use sha1::Sha1;
use sha2::{Digest, Sha256};

use crate::certs::{oid, seq, tlv, Key, DAY, YEAR};

/// Seed bytes of the demo mdoc keys (private scalar = the byte repeated 32 times). Published.
pub mod seed {
    /// "cccd-verify DEMO IACA": the mdoc trust anchor (IACA root).
    pub const IACA: u8 = 0xa1;
    /// "cccd-verify DEMO Document Signer": signs every MSO.
    pub const DS: u8 = 0xa2;
    /// The holder's device key (MSO `deviceKeyInfo.deviceKey`): deviceSignature, deviceMac.
    pub const DEVICE: u8 = 0xa3;
    /// The reader's ephemeral key of the proximity flow (EReaderKey): deviceMac.
    pub const READER: u8 = 0xa4;
    /// "cccd-verify DEMO VICAL Root": the pinned anchor of the VICAL signer.
    pub const VICAL_ROOT: u8 = 0xa5;
    /// "cccd-verify DEMO VICAL Signer".
    pub const VICAL_SIGNER: u8 = 0xa6;
    /// The verifier's response-encryption key of OpenID4VP `dc_api.jwt` (its JWK thumbprint
    /// goes into the handover).
    pub const VERIFIER_ENC: u8 = 0xa7;
    /// The verifier's HPKE recipient key of ISO 18013-7 Annex C (`recipientPublicKey`).
    pub const ANNEX_C_RECIPIENT: u8 = 0xa8;
    /// The holder device's ephemeral key in the proximity flow's DeviceEngagement.
    pub const DEVICE_EPHEMERAL: u8 = 0xa9;
    /// "cccd-verify DEMO IACA (untrusted)": an IACA nobody pins.
    pub const UNTRUSTED_IACA: u8 = 0xb1;
    /// A Document Signer under the untrusted IACA.
    pub const UNTRUSTED_DS: u8 = 0xb2;
    /// Another reader key (the wrong-deviceMac fixture).
    pub const OTHER_READER: u8 = 0xb4;
    /// "cccd-verify DEMO VICAL Root (untrusted)".
    pub const UNTRUSTED_VICAL_ROOT: u8 = 0xb5;
    /// A VICAL signer under the untrusted VICAL root.
    pub const UNTRUSTED_VICAL_SIGNER: u8 = 0xb6;
    /// A key that is not the VICAL signer's (the re-signed VICAL fixture).
    pub const OTHER_VICAL_KEY: u8 = 0xb7;
}

pub const IACA_CN: &str = "cccd-verify DEMO IACA";
pub const DS_CN: &str = "cccd-verify DEMO Document Signer";
pub const VICAL_ROOT_CN: &str = "cccd-verify DEMO VICAL Root";
pub const VICAL_SIGNER_CN: &str = "cccd-verify DEMO VICAL Signer";
pub const UNTRUSTED_IACA_CN: &str = "cccd-verify DEMO IACA (untrusted)";
pub const UNTRUSTED_VICAL_ROOT_CN: &str = "cccd-verify DEMO VICAL Root (untrusted)";
pub const ORG: &str = "cccd-verify DEMO (not a government authority)";
/// IssuerAlternativeName of the IACA, copied into the DS (Annex B).
pub const IACA_URI: &str = "https://iaca.demo.cccd-verify.invalid";
/// CRLDistributionPoints of the IACA, copied into the DS (Annex B). No CRL is published.
pub const IACA_CRL: &str = "https://iaca.demo.cccd-verify.invalid/crl/iaca.crl";

/// OID contents.
const OID_C: &[u8] = &[0x55, 0x04, 0x06];
const OID_O: &[u8] = &[0x55, 0x04, 0x0a];
const OID_CN: &[u8] = &[0x55, 0x04, 0x03];
const OID_ECDSA_SHA256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02];
const OID_SKI: &[u8] = &[0x55, 0x1d, 0x0e];
const OID_KEY_USAGE: &[u8] = &[0x55, 0x1d, 0x0f];
const OID_IAN: &[u8] = &[0x55, 0x1d, 0x12];
const OID_BASIC_CONSTRAINTS: &[u8] = &[0x55, 0x1d, 0x13];
const OID_CRL_DP: &[u8] = &[0x55, 0x1d, 0x1f];
const OID_AKI: &[u8] = &[0x55, 0x1d, 0x23];
const OID_EKU: &[u8] = &[0x55, 0x1d, 0x25];
/// 1.0.18013.5.1.2, id-mdl-kp-mdlDS.
pub const OID_EKU_MDL_DS: &[u8] = &[0x28, 0x81, 0x8c, 0x5d, 0x05, 0x01, 0x02];
/// 1.0.18013.5.1.8, the VICAL signer usage.
pub const OID_EKU_VICAL_SIGNER: &[u8] = &[0x28, 0x81, 0x8c, 0x5d, 0x05, 0x01, 0x08];

/// Name ::= C=VN, O=…, CN=… (countryName PrintableString, the others UTF8String).
pub fn name(cn: &str) -> Vec<u8> {
    let rdn = |o: &[u8], value: Vec<u8>| tlv(0x31, &seq(&[oid(o), value]));
    seq(&[
        rdn(OID_C, tlv(0x13, b"VN")),
        rdn(OID_O, tlv(0x0c, ORG.as_bytes())),
        rdn(OID_CN, tlv(0x0c, cn.as_bytes())),
    ])
}

/// INTEGER from unsigned big-endian bytes (minimal, non-negative).
fn uint_bytes(b: &[u8]) -> Vec<u8> {
    let mut c: Vec<u8> = b.iter().copied().skip_while(|&x| x == 0).collect();
    if c.first().is_none_or(|&x| x & 0x80 != 0) {
        c.insert(0, 0);
    }
    tlv(0x02, &c)
}

/// UTCTime through 2049 (RFC 5280 §4.1.2.5), GeneralizedTime after.
fn time(secs: i64) -> Vec<u8> {
    let d = crate::card::Date::from_unix(secs);
    let tod = secs.rem_euclid(DAY);
    let hms = format!("{:02}{:02}{:02}Z", tod / 3600, tod % 3600 / 60, tod % 60);
    if (1950..2050).contains(&d.year) {
        let t = format!("{:02}{:02}{:02}{hms}", d.year % 100, d.month, d.day);
        tlv(0x17, t.as_bytes())
    } else {
        let t = format!("{:04}{:02}{:02}{hms}", d.year, d.month, d.day);
        tlv(0x18, t.as_bytes())
    }
}

/// The serial number: 16 bytes of SHA-256 over a label, top bit cleared (positive, at least
/// 63 bits that look random, as Annex B and RFC 5280 §4.1.2.2 want).
pub fn serial(label: &str) -> Vec<u8> {
    let mut s: Vec<u8> = Sha256::digest(format!("cccd-verify demo mdoc serial|{label}").as_bytes())
        .iter()
        .take(16)
        .copied()
        .collect();
    if let Some(first) = s.first_mut() {
        *first = (*first & 0x7f) | 0x40;
    }
    s
}

/// The key identifier of RFC 5280 §4.2.1.2 method (1): SHA-1 of the subjectPublicKey bits.
pub fn key_id(key: &Key) -> Vec<u8> {
    Sha1::digest(key.sec1()).to_vec()
}

/// What goes into one certificate.
pub struct Spec<'k> {
    pub subject: String,
    pub subject_key: &'k Key,
    pub issuer: String,
    pub issuer_key: &'k Key,
    pub serial: Vec<u8>,
    pub not_before: i64,
    pub not_after: i64,
    pub ca: bool,
    /// ExtendedKeyUsage OID content (critical), for end entities.
    pub eku: Option<&'static [u8]>,
    /// IssuerAlternativeName URI and CRL distribution point URI.
    pub ian_crl: Option<(&'static str, &'static str)>,
}

fn ext(o: &[u8], critical: bool, value: Vec<u8>) -> Vec<u8> {
    let mut parts = vec![oid(o)];
    if critical {
        parts.push(vec![0x01, 0x01, 0xff]);
    }
    parts.push(tlv(0x04, &value));
    seq(&parts)
}

impl Spec<'_> {
    fn extensions(&self) -> Vec<u8> {
        let mut out = Vec::new();
        if self.ca {
            // cA TRUE, pathLenConstraint 0.
            out.push(ext(
                OID_BASIC_CONSTRAINTS,
                true,
                seq(&[vec![0x01, 0x01, 0xff], vec![0x02, 0x01, 0x00]]),
            ));
            // keyCertSign (bit 5) + cRLSign (bit 6): 0000 0110, one unused bit.
            out.push(ext(OID_KEY_USAGE, true, vec![0x03, 0x02, 0x01, 0x06]));
        } else {
            // digitalSignature (bit 0): 1000 0000, seven unused bits.
            out.push(ext(OID_KEY_USAGE, true, vec![0x03, 0x02, 0x07, 0x80]));
        }
        out.push(ext(OID_SKI, false, tlv(0x04, &key_id(self.subject_key))));
        if !self.ca || self.subject != self.issuer {
            out.push(ext(
                OID_AKI,
                false,
                seq(&[tlv(0x80, &key_id(self.issuer_key))]),
            ));
        }
        if let Some(eku) = self.eku {
            out.push(ext(OID_EKU, true, seq(&[oid(eku)])));
        }
        if let Some((uri, crl)) = self.ian_crl {
            out.push(ext(OID_IAN, false, seq(&[tlv(0x86, uri.as_bytes())])));
            let full_name = tlv(0xa0, &tlv(0x86, crl.as_bytes()));
            out.push(ext(
                OID_CRL_DP,
                false,
                seq(&[seq(&[tlv(0xa0, &full_name)])]),
            ));
        }
        tlv(0xa3, &seq(&out))
    }

    /// The DER certificate, signed by `issuer_key` (ecdsa-with-SHA256, RFC 6979).
    pub fn build(&self) -> Vec<u8> {
        let alg = seq(&[oid(OID_ECDSA_SHA256)]);
        let tbs = seq(&[
            tlv(0xa0, &[0x02, 0x01, 0x02]),
            uint_bytes(&self.serial),
            alg.clone(),
            name(&self.issuer),
            seq(&[time(self.not_before), time(self.not_after)]),
            name(&self.subject),
            self.subject_key.spki(),
            self.extensions(),
        ]);
        let sig = self.issuer_key.sign(&tbs);
        let mut bits = vec![0];
        bits.extend(sig);
        seq(&[tbs, alg, tlv(0x03, &bits)])
    }
}

/// Every certificate of the demo mdoc PKI (DER).
pub struct MdocPki {
    /// IACA: self-signed, `now` − 2 years to `now` + 10 years.
    pub iaca: Vec<u8>,
    /// DS: `now` − 2 years to `now` + 1 year (1095 days, inside the IACA's validity).
    pub ds: Vec<u8>,
    pub ds_not_before: i64,
    pub ds_not_after: i64,
    /// The DS's key and validity, without the extended key usage.
    pub ds_no_eku: Vec<u8>,
    /// A DS like the real one (same subject, Annex B form) under an IACA nobody pins.
    pub untrusted_ds: Vec<u8>,
    /// VICAL root (pinned by the verifier for the VICAL signer) and signer.
    pub vical_root: Vec<u8>,
    pub vical_signer: Vec<u8>,
    /// The VICAL signer's key and validity without the VICAL extended key usage.
    pub vical_signer_no_eku: Vec<u8>,
    /// A VICAL signer under another root.
    pub untrusted_vical_signer: Vec<u8>,
}

impl MdocPki {
    pub fn demo(now: i64) -> MdocPki {
        let keys = |s: u8| Key::p256(s);
        let (iaca_k, ds_k) = (keys(seed::IACA), keys(seed::DS));
        let (uiaca_k, uds_k) = (keys(seed::UNTRUSTED_IACA), keys(seed::UNTRUSTED_DS));
        let (vr_k, vs_k) = (keys(seed::VICAL_ROOT), keys(seed::VICAL_SIGNER));
        let (uvr_k, uvs_k) = (
            keys(seed::UNTRUSTED_VICAL_ROOT),
            keys(seed::UNTRUSTED_VICAL_SIGNER),
        );
        let root = |cn: &str, k| Spec {
            subject: cn.into(),
            subject_key: k,
            issuer: cn.into(),
            issuer_key: k,
            serial: serial(cn),
            not_before: now - 2 * YEAR,
            not_after: now + 10 * YEAR,
            ca: true,
            eku: None,
            ian_crl: None,
        };
        let (ds_nb, ds_na) = (now - 2 * YEAR, now + YEAR);
        let leaf = |cn: &str, label: &str, k, issuer: &str, ik, eku| Spec {
            subject: cn.into(),
            subject_key: k,
            issuer: issuer.into(),
            issuer_key: ik,
            serial: serial(label),
            not_before: ds_nb,
            not_after: ds_na,
            ca: false,
            eku,
            ian_crl: None,
        };
        let iaca_ext = Some((IACA_URI, IACA_CRL));
        MdocPki {
            iaca: Spec {
                ian_crl: iaca_ext,
                ..root(IACA_CN, &iaca_k)
            }
            .build(),
            ds: Spec {
                ian_crl: iaca_ext,
                ..leaf(DS_CN, DS_CN, &ds_k, IACA_CN, &iaca_k, Some(OID_EKU_MDL_DS))
            }
            .build(),
            ds_not_before: ds_nb,
            ds_not_after: ds_na,
            ds_no_eku: Spec {
                ian_crl: iaca_ext,
                ..leaf(DS_CN, "ds without eku", &ds_k, IACA_CN, &iaca_k, None)
            }
            .build(),
            untrusted_ds: Spec {
                ian_crl: iaca_ext,
                ..leaf(
                    DS_CN,
                    "ds under the untrusted iaca",
                    &uds_k,
                    UNTRUSTED_IACA_CN,
                    &uiaca_k,
                    Some(OID_EKU_MDL_DS),
                )
            }
            .build(),
            vical_root: root(VICAL_ROOT_CN, &vr_k).build(),
            vical_signer: leaf(
                VICAL_SIGNER_CN,
                VICAL_SIGNER_CN,
                &vs_k,
                VICAL_ROOT_CN,
                &vr_k,
                Some(OID_EKU_VICAL_SIGNER),
            )
            .build(),
            vical_signer_no_eku: leaf(
                VICAL_SIGNER_CN,
                "vical signer without eku",
                &vs_k,
                VICAL_ROOT_CN,
                &vr_k,
                None,
            )
            .build(),
            untrusted_vical_signer: leaf(
                VICAL_SIGNER_CN,
                "vical signer under the untrusted root",
                &uvs_k,
                UNTRUSTED_VICAL_ROOT_CN,
                &uvr_k,
                Some(OID_EKU_VICAL_SIGNER),
            )
            .build(),
        }
    }
}
