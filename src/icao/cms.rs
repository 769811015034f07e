//! CMS SignedData (RFC 5652 §5) as ICAO 9303 uses it, for EF.SOD (Part 10 §4.6.2) and CSCA
//! master lists (Part 12 §9): one signer, signed attributes with content-type and
//! message-digest, certificates carried inside. BER is accepted around the content (real SODs
//! use indefinite lengths); the signed attributes, which are what the signature covers, must
//! have a definite length.

use super::ber::{self, BerError, Reader, Tlv};
use crate::crypto::{self, CryptoError, Hash, PublicKey, SigAlg, SigEncoding};

/// DER contents of the OIDs read here.
pub(super) mod oid {
    /// id-signedData, 1.2.840.113549.1.7.2 (RFC 5652 §5.1)
    pub const SIGNED_DATA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];
    /// id-contentType, 1.2.840.113549.1.9.3 (RFC 5652 §11.1)
    pub const CONTENT_TYPE: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x03];
    /// id-messageDigest, 1.2.840.113549.1.9.4 (RFC 5652 §11.2)
    pub const MESSAGE_DIGEST: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x04];
    /// id-signingTime, 1.2.840.113549.1.9.5 (RFC 5652 §11.3)
    pub const SIGNING_TIME: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x05];
    /// rsaEncryption, 1.2.840.113549.1.1.1: as a CMS signature algorithm, PKCS #1 v1.5 with
    /// the signer's digest algorithm (RFC 3370 §3.2).
    pub const RSA_ENCRYPTION: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
    /// id-ecPublicKey, 1.2.840.10045.2.1: seen as a signature algorithm meaning ECDSA with
    /// the signer's digest algorithm.
    pub const EC_PUBLIC_KEY: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
    /// id-sha1 1.3.14.3.2.26
    pub const SHA1: &[u8] = &[0x2b, 0x0e, 0x03, 0x02, 0x1a];
    /// id-sha256 2.16.840.1.101.3.4.2.1, sha384 .2, sha512 .3, sha224 .4
    pub const SHA256: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01];
    pub const SHA384: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02];
    pub const SHA512: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03];
    pub const SHA224: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x04];
}

/// How a CMS structure is wrong: the structural reason and where.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CmsError {
    /// Byte offset in the input.
    pub offset: usize,
    /// What: a [`super::ber::reason`] or one of [`reason`].
    pub reason: &'static str,
}

impl From<BerError> for CmsError {
    fn from(e: BerError) -> Self {
        CmsError {
            offset: e.offset,
            reason: e.reason,
        }
    }
}

/// [`CmsError::reason`] values beyond the BER ones.
pub mod reason {
    /// Not a SignedData ContentInfo.
    pub const NOT_SIGNED_DATA: &str = "not-signed-data";
    /// Not exactly one SignerInfo.
    pub const SIGNER_COUNT: &str = "signer-count";
    /// No signed attributes (ICAO 9303 requires them).
    pub const NO_SIGNED_ATTRIBUTES: &str = "no-signed-attributes";
    /// content-type or message-digest missing, repeated, or with other than one value.
    pub const ATTRIBUTE: &str = "signed-attribute";
    /// An unknown hash algorithm.
    pub const HASH_ALGORITHM: &str = "hash-algorithm";
    /// No eContent.
    pub const NO_CONTENT: &str = "no-content";
}

/// How the signer is identified (RFC 5652 §5.3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignerId<'a> {
    /// `issuerAndSerialNumber`: the DER issuer Name and the serial INTEGER's contents.
    IssuerSerial(&'a [u8], &'a [u8]),
    /// `[0] subjectKeyIdentifier`.
    KeyId(&'a [u8]),
}

/// A parsed SignedData with one signer.
#[derive(Clone, Debug)]
pub struct SignedData<'a> {
    /// `eContentType`, the OID's contents.
    pub content_type: &'a [u8],
    /// The eContent octets.
    pub content: Vec<u8>,
    /// Offset of the eContent in the input.
    pub content_offset: usize,
    /// The `certificates` field, each certificate's bytes as received.
    pub certificates: Vec<&'a [u8]>,
    /// How many CRLs the `crls` field holds (not processed).
    pub crl_count: usize,
    /// The signer.
    pub signer_id: SignerId<'a>,
    /// The signer's digest algorithm.
    pub digest: Hash,
    /// The signed attributes as the signature covers them: `SET OF` (tag 0x31) and contents.
    pub signed_attrs_der: Vec<u8>,
    /// The content-type attribute's value (OID contents).
    pub attr_content_type: &'a [u8],
    /// The message-digest attribute's value.
    pub attr_message_digest: &'a [u8],
    /// The signing-time attribute, seconds since the Unix epoch, if present.
    pub signing_time: Option<i64>,
    /// The signature AlgorithmIdentifier (DER, as received).
    pub signature_algorithm: &'a [u8],
    /// The signature value.
    pub signature: &'a [u8],
}

fn err(offset: usize, reason: &'static str) -> CmsError {
    CmsError { offset, reason }
}

/// Reads a ContentInfo holding SignedData (RFC 5652 §3, §5.1) starting at `offset` of the input
/// (for error offsets).
pub fn parse(bytes: &[u8], offset: usize) -> Result<SignedData<'_>, CmsError> {
    let ci = {
        let mut r = Reader::at(bytes, offset, false);
        let t = r.expect(0x30)?;
        r.finish()?;
        t
    };
    let mut r = ci.children(false);
    let ct = r.expect(0x06)?;
    if ct.contents != oid::SIGNED_DATA {
        return Err(err(ct.offset, reason::NOT_SIGNED_DATA));
    }
    let explicit = r.expect(0xa0)?;
    r.finish()?;
    let sd = single_child(&explicit, 0x30)?;
    let mut r = sd.children(false);
    let version = r.expect(0x02)?;
    ber::small_uint(&version)?;
    let _digest_algorithms = r.expect(0x31)?;
    // encapContentInfo
    let eci = r.expect(0x30)?;
    let mut er = eci.children(false);
    let ect = er.expect(0x06)?;
    let e0 = er
        .optional(0xa0)?
        .ok_or(err(eci.offset, reason::NO_CONTENT))?;
    er.finish()?;
    let mut cr = e0.children(false);
    let octets_tlv = cr.next_tlv()?;
    cr.finish()?;
    let content = ber::octets(&octets_tlv)?;
    let mut certificates = Vec::new();
    if let Some(certs) = r.optional(0xa0)? {
        let mut cr = certs.children(false);
        while !cr.is_empty() {
            let c = cr.next_tlv()?;
            if c.tag == 0x30 {
                certificates.push(c.raw);
            }
        }
    }
    let mut crl_count = 0;
    if let Some(crls) = r.optional(0xa1)? {
        let mut cr = crls.children(false);
        while !cr.is_empty() {
            cr.next_tlv()?;
            crl_count += 1;
        }
    }
    let infos = r.expect(0x31)?;
    r.finish()?;
    let mut ir = infos.children(false);
    let si = ir.expect(0x30)?;
    if !ir.is_empty() {
        return Err(err(infos.offset, reason::SIGNER_COUNT));
    }
    parse_signer(
        si,
        ect.contents,
        content,
        octets_tlv.contents_offset,
        certificates,
        crl_count,
    )
}

/// The only child of a constructed item, which must have tag `tag`.
fn single_child<'a>(outer: &Tlv<'a>, tag: u32) -> Result<Tlv<'a>, CmsError> {
    let mut r = outer.children(false);
    let t = r.expect(tag)?;
    r.finish()?;
    Ok(t)
}

#[inline(never)]
fn parse_signer<'a>(
    si: Tlv<'a>,
    content_type: &'a [u8],
    content: Vec<u8>,
    content_offset: usize,
    certificates: Vec<&'a [u8]>,
    crl_count: usize,
) -> Result<SignedData<'a>, CmsError> {
    let mut r = si.children(false);
    ber::small_uint(&r.expect(0x02)?)?;
    let sid = r.next_tlv()?;
    let signer_id = match sid.tag {
        0x30 => {
            let mut sr = sid.children(false);
            let issuer = sr.expect(0x30)?;
            let serial = sr.expect(0x02)?;
            sr.finish()?;
            SignerId::IssuerSerial(issuer.raw, serial.contents)
        }
        0x80 => SignerId::KeyId(sid.contents),
        _ => return Err(err(sid.offset, ber::reason::UNEXPECTED_TAG)),
    };
    let digest_alg = r.expect(0x30)?;
    let digest = hash_of(&digest_alg)?;
    let attrs = r
        .optional(0xa0)?
        .ok_or(err(si.offset, reason::NO_SIGNED_ATTRIBUTES))?;
    if attrs.indefinite {
        return Err(err(attrs.offset, ber::reason::INDEFINITE));
    }
    // RFC 5652 §5.4: the signature covers the DER of `SET OF Attribute`, i.e. the received
    // bytes with the [0] IMPLICIT tag replaced by the SET tag.
    let mut signed_attrs_der = attrs.raw.to_vec();
    if let Some(first) = signed_attrs_der.first_mut() {
        *first = 0x31;
    }
    let mut ct_attr = None;
    let mut md_attr = None;
    let mut signing_time = None;
    let mut ar = attrs.children(false);
    while !ar.is_empty() {
        let attr = ar.expect(0x30)?;
        let mut a = attr.children(false);
        let t = a.expect(0x06)?;
        let values = a.expect(0x31)?;
        a.finish()?;
        let mut vr = values.children(false);
        let value = vr.next_tlv()?;
        let one = vr.is_empty();
        let slot = match t.contents {
            oid::CONTENT_TYPE => Some((&mut ct_attr, 0x06u32)),
            oid::MESSAGE_DIGEST => Some((&mut md_attr, 0x04u32)),
            oid::SIGNING_TIME => {
                if signing_time.is_some() || !one {
                    return Err(err(attr.offset, reason::ATTRIBUTE));
                }
                signing_time = Some(
                    super::time::parse_time(&value).ok_or(err(value.offset, reason::ATTRIBUTE))?,
                );
                None
            }
            _ => None,
        };
        if let Some((slot, tag)) = slot {
            // RFC 5652 §11.1, §11.2: one attribute, one value.
            if slot.is_some() || !one || value.tag != tag {
                return Err(err(attr.offset, reason::ATTRIBUTE));
            }
            *slot = Some(value.contents);
        }
    }
    let (Some(attr_content_type), Some(attr_message_digest)) = (ct_attr, md_attr) else {
        return Err(err(attrs.offset, reason::ATTRIBUTE));
    };
    let sig_alg = r.expect(0x30)?;
    let signature = r.expect(0x04)?;
    // unsignedAttrs [1] may follow; nothing after.
    r.optional(0xa1)?;
    r.finish()?;
    Ok(SignedData {
        content_type,
        content,
        content_offset,
        certificates,
        crl_count,
        signer_id,
        digest,
        signed_attrs_der,
        attr_content_type,
        attr_message_digest,
        signing_time,
        signature_algorithm: sig_alg.raw,
        signature: signature.contents,
    })
}

/// The hash an AlgorithmIdentifier names (parameters absent or NULL).
pub(super) fn hash_of(alg: &Tlv<'_>) -> Result<Hash, CmsError> {
    let mut r = alg.children(false);
    let o = r.expect(0x06)?;
    if let Some(p) = r.optional(0x05)? {
        if !p.contents.is_empty() {
            return Err(err(p.offset, reason::HASH_ALGORITHM));
        }
    }
    r.finish()?;
    match o.contents {
        oid::SHA1 => Ok(Hash::Sha1),
        oid::SHA224 => Ok(Hash::Sha224),
        oid::SHA256 => Ok(Hash::Sha256),
        oid::SHA384 => Ok(Hash::Sha384),
        oid::SHA512 => Ok(Hash::Sha512),
        _ => Err(err(o.offset, reason::HASH_ALGORITHM)),
    }
}

/// The ecdsa-with-* arc, 1.2.840.10045.4.
const ECDSA_ARC: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04];

impl SignedData<'_> {
    /// The signature algorithm, with the signer's key: the identifier read by
    /// [`SigAlg::from_algorithm_identifier`], or `rsaEncryption` / `id-ecPublicKey` meaning
    /// that family with the digest algorithm (RFC 3370 §3.2, and what some issuers write).
    #[inline(never)]
    pub fn sig_alg(&self, key: &PublicKey) -> Result<SigAlg, CryptoError> {
        if let Ok(t) = ber::single(self.signature_algorithm, false) {
            let mut r = t.children(false);
            if let Ok(o) = r.expect(0x06) {
                let params_ok = r.optional(0x05).is_ok() && r.finish().is_ok();
                if o.contents == oid::RSA_ENCRYPTION && params_ok {
                    return Ok(SigAlg::RsaPkcs1v15 { hash: self.digest });
                }
                if o.contents == oid::EC_PUBLIC_KEY && params_ok {
                    return SigAlg::ecdsa_for(key, self.digest).ok_or(CryptoError::KeyMismatch);
                }
                // ecdsa-with-SHA* with NULL parameters (RFC 5758 §3.2 says absent; some
                // issuers write NULL): read as absent.
                if o.contents.starts_with(ECDSA_ARC) && params_ok && t.contents.len() > o.raw.len()
                {
                    let mut der = vec![0x30, u8::try_from(o.raw.len()).unwrap_or(0)];
                    der.extend_from_slice(o.raw);
                    return SigAlg::from_algorithm_identifier(&der, key);
                }
            }
        }
        SigAlg::from_algorithm_identifier(self.signature_algorithm, key)
    }

    /// Verifies the signature over the signed attributes with `key`, `alg` in `allowed`.
    #[inline(never)]
    pub fn verify_signature(
        &self,
        key: &PublicKey,
        allowed: &[SigAlg],
    ) -> Result<SigAlg, CryptoError> {
        let alg = self.sig_alg(key)?;
        crypto::verify(
            allowed,
            alg,
            key,
            &self.signed_attrs_der,
            self.signature,
            SigEncoding::Der,
        )?;
        Ok(alg)
    }

    /// Whether the content-type attribute names the eContentType and the message-digest
    /// attribute is the digest of the eContent (RFC 5652 §5.4, §11.1–§11.2).
    #[inline(never)]
    pub fn attributes_match(&self) -> Result<(bool, bool), CryptoError> {
        let digest = self.digest.digest(&self.content)?;
        Ok((
            self.attr_content_type == self.content_type,
            digest.as_slice() == self.attr_message_digest,
        ))
    }
}

#[cfg(test)]
#[allow(clippy::cast_possible_truncation)]
mod tests {
    use super::*;

    fn tlv(tag: u8, body: &[u8]) -> Vec<u8> {
        let mut v = vec![tag];
        let n = body.len();
        if n < 0x80 {
            v.push(n as u8);
        } else {
            v.extend([0x82, (n >> 8) as u8, n as u8]);
        }
        v.extend_from_slice(body);
        v
    }

    fn oid(o: &[u8]) -> Vec<u8> {
        tlv(0x06, o)
    }

    fn attr(o: &[u8], values: &[Vec<u8>]) -> Vec<u8> {
        tlv(0x30, &[oid(o), tlv(0x31, &values.concat())].concat())
    }

    const LDS: &[u8] = &[0x67, 0x81, 0x08, 0x01, 0x01, 0x01];
    const ECDSA_SHA256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02];

    fn standard_attrs() -> Vec<Vec<u8>> {
        vec![
            attr(oid::CONTENT_TYPE, &[oid(LDS)]),
            attr(oid::MESSAGE_DIGEST, &[tlv(0x04, &[7; 32])]),
        ]
    }

    fn signer(attrs: Option<&[Vec<u8>]>, digest: &[u8]) -> Vec<u8> {
        let sid = tlv(0x30, &[tlv(0x30, &[]), tlv(0x02, &[1])].concat());
        let attrs = attrs.map(|a| tlv(0xa0, &a.concat())).unwrap_or_default();
        tlv(
            0x30,
            &[
                tlv(0x02, &[1]),
                sid,
                tlv(0x30, &oid(digest)),
                attrs,
                tlv(0x30, &oid(ECDSA_SHA256)),
                tlv(0x04, &[1, 2, 3]),
            ]
            .concat(),
        )
    }

    fn content_info(type_oid: &[u8], econtent: Option<&[u8]>, signers: &[Vec<u8>]) -> Vec<u8> {
        let eci = match econtent {
            Some(c) => tlv(0x30, &[oid(LDS), tlv(0xa0, &tlv(0x04, c))].concat()),
            None => tlv(0x30, &oid(LDS)),
        };
        let sd = tlv(
            0x30,
            &[
                tlv(0x02, &[3]),
                tlv(0x31, &[]),
                eci,
                tlv(0x31, &signers.concat()),
            ]
            .concat(),
        );
        tlv(0x30, &[oid(type_oid), tlv(0xa0, &sd)].concat())
    }

    fn reason(bytes: &[u8]) -> &'static str {
        parse(bytes, 0).map(|_| "ok").unwrap_or_else(|e| e.reason)
    }

    #[test]
    fn a_minimal_signed_data_parses() {
        let attrs = standard_attrs();
        let ci = content_info(
            oid::SIGNED_DATA,
            Some(b"lds"),
            &[signer(Some(&attrs), oid::SHA256)],
        );
        let sd = parse(&ci, 0).unwrap();
        assert_eq!(sd.content, b"lds");
        assert_eq!(sd.digest, Hash::Sha256);
        assert_eq!(sd.attr_content_type, LDS);
        assert_eq!(sd.signed_attrs_der[0], 0x31);
        assert_eq!(sd.signed_attrs_der[1..], tlv(0xa0, &attrs.concat())[1..]);
        assert_eq!(sd.signing_time, None);
        assert_eq!(sd.signer_id, SignerId::IssuerSerial(&[0x30, 0x00], &[1]));
    }

    #[test]
    fn each_structural_rule_is_enforced() {
        let attrs = standard_attrs();
        let good = signer(Some(&attrs), oid::SHA256);
        // Another content type than SignedData.
        let data_oid = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01];
        assert_eq!(
            reason(&content_info(
                &data_oid,
                Some(b"x"),
                std::slice::from_ref(&good)
            )),
            reason::NOT_SIGNED_DATA
        );
        // Two signers, none.
        assert_eq!(
            reason(&content_info(
                oid::SIGNED_DATA,
                Some(b"x"),
                &[good.clone(), good.clone()]
            )),
            reason::SIGNER_COUNT
        );
        assert_eq!(
            reason(&content_info(oid::SIGNED_DATA, Some(b"x"), &[])),
            ber::reason::TRUNCATED
        );
        // No eContent.
        assert_eq!(
            reason(&content_info(
                oid::SIGNED_DATA,
                None,
                std::slice::from_ref(&good)
            )),
            reason::NO_CONTENT
        );
        // No signed attributes.
        assert_eq!(
            reason(&content_info(
                oid::SIGNED_DATA,
                Some(b"x"),
                &[signer(None, oid::SHA256)]
            )),
            reason::NO_SIGNED_ATTRIBUTES
        );
        // Unknown digest algorithm (MD5).
        let md5 = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x05];
        assert_eq!(
            reason(&content_info(
                oid::SIGNED_DATA,
                Some(b"x"),
                &[signer(Some(&attrs), &md5)]
            )),
            reason::HASH_ALGORITHM
        );
        // content-type twice; message-digest with two values; message-digest missing; a
        // content-type that is no OID.
        let ct = attr(oid::CONTENT_TYPE, &[oid(LDS)]);
        let md = attr(oid::MESSAGE_DIGEST, &[tlv(0x04, &[7; 32])]);
        let cases = [
            vec![ct.clone(), ct.clone(), md.clone()],
            vec![
                ct.clone(),
                attr(oid::MESSAGE_DIGEST, &[tlv(0x04, &[1]), tlv(0x04, &[2])]),
            ],
            vec![ct.clone()],
            vec![attr(oid::CONTENT_TYPE, &[tlv(0x04, LDS)]), md.clone()],
        ];
        for a in cases {
            let ci = content_info(
                oid::SIGNED_DATA,
                Some(b"x"),
                &[signer(Some(&a), oid::SHA256)],
            );
            assert_eq!(reason(&ci), reason::ATTRIBUTE, "{a:?}");
        }
        // A signing time that is no time.
        let bad_time = attr(oid::SIGNING_TIME, &[tlv(0x17, b"not a time!!!")]);
        let a = [ct.clone(), md.clone(), bad_time];
        assert_eq!(
            reason(&content_info(
                oid::SIGNED_DATA,
                Some(b"x"),
                &[signer(Some(&a), oid::SHA256)]
            )),
            reason::ATTRIBUTE
        );
    }

    #[test]
    fn signed_attributes_need_a_definite_length() {
        let attrs = standard_attrs();
        let ci = content_info(
            oid::SIGNED_DATA,
            Some(b"x"),
            &[signer(Some(&attrs), oid::SHA256)],
        );
        // Re-encode the [0] signed attributes with an indefinite length: a0 80 … 00 00.
        let body = attrs.concat();
        let definite = tlv(0xa0, &body);
        let mut indefinite = vec![0xa0, 0x80];
        indefinite.extend_from_slice(&body);
        indefinite.extend([0, 0]);
        let at = ci
            .windows(definite.len())
            .position(|w| w == definite.as_slice())
            .unwrap();
        let mut si = signer(Some(&attrs), oid::SHA256);
        let si_at = si
            .windows(definite.len())
            .position(|w| w == definite.as_slice())
            .unwrap();
        si.splice(si_at..si_at + definite.len(), indefinite);
        assert!(at > 0);
        // The SignerInfo's own length grew by 2: rebuild it around the new contents.
        let inner = ber::single(&si, false)
            .map(|t| t.contents.to_vec())
            .unwrap_or_else(|_| {
                let mut r = Reader::new(&si[2..], false);
                let mut v = Vec::new();
                while let Ok(t) = r.next_tlv() {
                    v.extend_from_slice(t.raw);
                }
                v
            });
        let si = tlv(0x30, &inner);
        let ci = content_info(oid::SIGNED_DATA, Some(b"x"), &[si]);
        assert_eq!(reason(&ci), ber::reason::INDEFINITE);
    }
}
