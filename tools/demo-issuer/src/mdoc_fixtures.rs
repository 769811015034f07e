//! The mdoc fixture set (`tests/data/mdoc/`, `examples/demo/mdoc/`) and its `expected.json`:
//! the DEMO IACA, DS and VICAL PKI, an mDL and a CCCD PID mdoc, DeviceResponses for every flow
//! with their SessionTranscripts, VICALs, and one negative fixture per verification rule, each
//! derived from a valid response by exactly the change it names. DEMO ONLY.

use p256::ecdsa::SigningKey;
use serde_json::{json, Map, Value as Json};

use crate::b64;
use crate::card::Card;
use crate::cbor::{self, bytes, encode, imap, int, tag24, text, tmap, Value};
use crate::certs::{Key, DAY, YEAR};
use crate::fixtures::{DEMO_CARD, OTHER_CARD};
use crate::mdoc::{
    self, device_response, device_signed, document, es256_protected, item_bytes, seal, sign1,
    DeviceAuth, Issued, MsoParams, DEVICE_NS, MDL_DOCTYPE, MDL_NS, PID_DOCTYPE,
};
use crate::mdocpki::{self, seed, MdocPki};
use crate::pki::signing_key;
use crate::vical;

pub const NOTICE: &str = "DEMO MATERIAL ONLY: every file in this directory. Synthetic people; every key comes from a seed published in tools/demo-issuer/README.md, so anyone can sign with it. Nothing here identifies a real person or proves anything. Never trust the IACA or the VICAL root outside tests and demos.";

/// The flows' request parameters.
pub const ORIGIN: &str = "https://wallet-onboarding.demo.cccd-verify.invalid";
pub const NONCE: &str = "demo-nonce-20261127";
pub const OTHER_NONCE: &str = "demo-nonce-20261126";
pub const CLIENT_ID: &str = "x509_san_dns:wallet-onboarding.demo.cccd-verify.invalid";
pub const RESPONSE_URI: &str = "https://wallet-onboarding.demo.cccd-verify.invalid/response";

/// The elements every valid mDL response discloses.
pub const MDL_DISCLOSE: [&str; 10] = [
    "family_name",
    "given_name",
    "birth_date",
    "issue_date",
    "expiry_date",
    "issuing_country",
    "document_number",
    "portrait",
    "driving_privileges",
    "un_distinguishing_sign",
];
/// The elements every valid PID response discloses (as the SD-JWT presentation does).
pub const PID_DISCLOSE: [&str; 5] = [
    "family_name",
    "given_name",
    "birth_date",
    "age_over_18",
    "nationality",
];

pub fn key(s: u8) -> SigningKey {
    signing_key(s)
}

fn secret(s: u8) -> p256::SecretKey {
    match p256::SecretKey::from_slice(&[s; 32]) {
        Ok(k) => k,
        Err(_) => unreachable!("seed {s:#04x} is not a valid P-256 scalar"),
    }
}

fn public(s: u8) -> p256::PublicKey {
    secret(s).public_key()
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// One flow: its name, SessionTranscript and what a verifier needs to rebuild it.
pub struct Flow {
    pub name: &'static str,
    pub transcript: Value,
    pub params: Json,
    /// deviceMac (proximity) rather than deviceSignature.
    pub mac: bool,
}

/// The Annex C EncryptionInfo (base64url) of the demo request.
/// The request parameters a flow's transcript is built from.
pub struct Request<'a> {
    pub origin: &'a str,
    pub nonce: &'a str,
    pub client_id: &'a str,
    pub response_uri: &'a str,
}

pub const DEFAULT_REQUEST: Request<'static> = Request {
    origin: ORIGIN,
    nonce: NONCE,
    client_id: CLIENT_ID,
    response_uri: RESPONSE_URI,
};

pub const FLOW_NAMES: [&str; 5] = [
    "annex-c",
    "oid4vp-dcapi",
    "oid4vp-dcapi-jwk",
    "oid4vp-redirect",
    "proximity",
];

pub fn annex_c_encryption_info(nonce: &str) -> String {
    let n = mdoc::derived(&format!("annex-c nonce|{nonce}"));
    let info = mdoc::encryption_info(
        n.get(..16).unwrap_or_default(),
        key(seed::ANNEX_C_RECIPIENT).verifying_key(),
    );
    b64::encode_url(&encode(&info))
}

pub fn flows() -> Vec<Flow> {
    flows_for(&DEFAULT_REQUEST)
}

pub fn flows_for(r: &Request<'_>) -> Vec<Flow> {
    let (origin, nonce, client_id, response_uri) = (r.origin, r.nonce, r.client_id, r.response_uri);
    let enc_key = key(seed::VERIFIER_ENC);
    let jkt = mdoc::jwk_thumbprint(enc_key.verifying_key());
    let enc_jwk = crate::sdjwt::jwk(enc_key.verifying_key());
    let info = annex_c_encryption_info(nonce);
    let reader = key(seed::READER);
    let e_device = key(seed::DEVICE_EPHEMERAL);
    vec![
        Flow {
            name: "annex-c",
            transcript: mdoc::transcript(mdoc::dcapi_handover(&info, origin)),
            params: json!({
                "protocol": "org-iso-mdoc",
                "handover": "dcapi (ISO 18013-7 Annex C)",
                "origin": origin,
                "encryptionInfo": info,
                "recipientPrivateKeyHex": hex(&[seed::ANNEX_C_RECIPIENT; 32]),
                "note": "The responses here are the plaintext DeviceResponses (HPKE is not applied)."
            }),
            mac: false,
        },
        Flow {
            name: "oid4vp-dcapi",
            transcript: mdoc::transcript(mdoc::oid4vp_dcapi_handover(origin, nonce, None)),
            params: json!({
                "protocol": "openid4vp-v1-unsigned", "responseMode": "dc_api",
                "handover": "OpenID4VPDCAPIHandover (OpenID4VP 1.0 B.2.6.2), jwkThumbprint null",
                "origin": origin, "nonce": nonce
            }),
            mac: false,
        },
        Flow {
            name: "oid4vp-dcapi-jwk",
            transcript: mdoc::transcript(mdoc::oid4vp_dcapi_handover(origin, nonce, Some(&jkt))),
            params: json!({
                "protocol": "openid4vp-v1-unsigned", "responseMode": "dc_api.jwt",
                "handover": "OpenID4VPDCAPIHandover (OpenID4VP 1.0 B.2.6.2) with the encryption key's RFC 7638 thumbprint",
                "origin": origin, "nonce": nonce, "encryptionJwk": enc_jwk,
                "jwkThumbprintHex": hex(&jkt),
                "note": "The responses here are the plaintext DeviceResponses (no JWE)."
            }),
            mac: false,
        },
        Flow {
            name: "oid4vp-redirect",
            transcript: mdoc::transcript(mdoc::oid4vp_redirect_handover(
                client_id,
                nonce,
                Some(&jkt),
                response_uri,
            )),
            params: json!({
                "responseMode": "direct_post.jwt",
                "handover": "OpenID4VPHandover (OpenID4VP 1.0 B.2.6.1) with the encryption key's RFC 7638 thumbprint",
                "clientId": client_id, "nonce": nonce, "responseUri": response_uri,
                "encryptionJwk": enc_jwk, "jwkThumbprintHex": hex(&jkt)
            }),
            mac: false,
        },
        Flow {
            name: "proximity",
            transcript: mdoc::proximity_transcript(
                e_device.verifying_key(),
                reader.verifying_key(),
            ),
            params: json!({
                "handover": "none (QR engagement, ISO 18013-5 9.1.5.1): [DeviceEngagementBytes, EReaderKeyBytes, null]",
                "readerPrivateKeyHex": hex(&[seed::READER; 32]),
                "note": "deviceMac: EMacKey = HKDF-SHA256(ECDH(reader private key, MSO deviceKey), salt = SHA-256(#6.24(SessionTranscript)), info \"EMacKey\", 32 bytes)."
            }),
            mac: true,
        },
    ]
}

/// The issuing context: PKI, keys, cards.
pub struct Ctx {
    pub now: i64,
    pub pki: MdocPki,
    pub ds_key: SigningKey,
    pub device: SigningKey,
    pub mdl_card: Card,
    pub pid_card: Card,
    pub portrait: Vec<u8>,
}

impl Ctx {
    pub fn new(now: i64) -> Result<Ctx, String> {
        Ctx::with_card(now, DEMO_CARD)
    }

    pub fn with_card(now: i64, card: &str) -> Result<Ctx, String> {
        Ok(Ctx {
            now,
            pki: MdocPki::demo(now),
            ds_key: key(seed::DS),
            device: key(seed::DEVICE),
            mdl_card: Card::parse(card)?,
            pid_card: Card::parse(card)?,
            portrait: mdoc::tiny_jpeg(),
        })
    }

    /// MSO parameters: signed = validFrom = now − 1 day, validUntil = signed + 365 days.
    pub fn params(&self, doc_type: &str) -> MsoParams {
        let signed = self.now - DAY;
        MsoParams {
            doc_type: doc_type.into(),
            version: "1.0",
            digest_alg: "SHA-256",
            signed,
            valid_from: signed,
            valid_until: signed + 365 * DAY,
            device_key: *self.device.verifying_key(),
            key_authorizations: (doc_type == MDL_DOCTYPE)
                .then(|| tmap(vec![("nameSpaces", Value::Array(vec![text(DEVICE_NS)]))])),
        }
    }

    pub fn elements(&self, doc_type: &str) -> Vec<mdoc::Element> {
        let p = self.params(doc_type);
        if doc_type == MDL_DOCTYPE {
            mdoc::mdl_elements(&self.mdl_card, p.signed, &self.portrait)
        } else {
            mdoc::pid_elements(&self.pid_card, p.signed, p.valid_until)
        }
    }

    fn salt_seed(&self, doc_type: &str) -> String {
        let card = if doc_type == MDL_DOCTYPE {
            &self.mdl_card
        } else {
            &self.pid_card
        };
        format!("{doc_type}|{}", card.id_number)
    }

    /// Issues with the real DS; the same salts and digestIDs whatever `p` says.
    pub fn issue_with(
        &self,
        doc_type: &str,
        p: &MsoParams,
        ds: &[u8],
        ds_key: &SigningKey,
    ) -> Issued {
        mdoc::issue(
            &self.elements(doc_type),
            p,
            &self.salt_seed(doc_type),
            ds,
            ds_key,
        )
    }

    pub fn issue(&self, doc_type: &str) -> Issued {
        self.issue_with(doc_type, &self.params(doc_type), &self.pki.ds, &self.ds_key)
    }

    pub fn disclose(doc_type: &str) -> &'static [&'static str] {
        if doc_type == MDL_DOCTYPE {
            &MDL_DISCLOSE
        } else {
            &PID_DISCLOSE
        }
    }

    /// One document for `flow`, device-authenticated over `transcript`.
    pub fn doc(&self, issued: &Issued, flow: &Flow, transcript: &Value, dns: &Value) -> Value {
        let reader = public(seed::READER);
        let device_secret = secret(seed::DEVICE);
        let auth = if flow.mac {
            DeviceAuth::Mac(&device_secret, &reader)
        } else {
            DeviceAuth::Signature(&self.device)
        };
        document(
            &issued.doc_type,
            issued.issuer_signed(Self::disclose(&issued.doc_type)),
            device_signed(transcript, &issued.doc_type, dns, &auth),
        )
    }

    /// One document disclosing `ids`, device-authenticated for `flow` (no device elements).
    pub fn doc_disclosing(&self, issued: &Issued, flow: &Flow, ids: &[&str]) -> Value {
        let reader = public(seed::READER);
        let device_secret = secret(seed::DEVICE);
        let auth = if flow.mac {
            DeviceAuth::Mac(&device_secret, &reader)
        } else {
            DeviceAuth::Signature(&self.device)
        };
        document(
            &issued.doc_type,
            issued.issuer_signed(ids),
            device_signed(
                &flow.transcript,
                &issued.doc_type,
                &Value::Map(vec![]),
                &auth,
            ),
        )
    }

    pub fn response(&self, issued: &Issued, flow: &Flow) -> Vec<u8> {
        encode(&device_response(vec![self.doc(
            issued,
            flow,
            &flow.transcript,
            &Value::Map(vec![]),
        )]))
    }
}

/// One fixture response (or VICAL) and what a verifier should say.
pub struct Case {
    pub file: String,
    /// The holder's card (QR payload).
    pub card: &'static str,
    pub bytes: Vec<u8>,
    pub flow: &'static str,
    pub doc_type: &'static str,
    pub expected: &'static str,
    pub rule: &'static str,
    pub reason: &'static str,
    /// The valid fixture this one was made from, and the CBOR paths where it differs
    /// (`/`-separated; a tag-24 byte string is entered as `#24`, the issuerAuth payload too).
    pub source: Option<String>,
    pub changes: Vec<&'static str>,
}

fn doc_short(doc_type: &str) -> &'static str {
    if doc_type == MDL_DOCTYPE {
        "mdl"
    } else {
        "pid"
    }
}

const ITEMS: &str = "documents/0/issuerSigned/nameSpaces";
const ISSUER_AUTH: &str = "documents/0/issuerSigned/issuerAuth";
const DEVICE_AUTH: &str = "documents/0/deviceSigned/deviceAuth";
const DEVICE_NAMESPACES: &str = "documents/0/deviceSigned/nameSpaces";

/// Every response fixture: the valid ones first, then one negative per rule.
pub fn response_cases(ctx: &Ctx) -> Result<Vec<Case>, String> {
    let flows = flows();
    let flow = |name: &str| {
        flows
            .iter()
            .find(|f| f.name == name)
            .ok_or_else(|| format!("no flow {name}"))
    };
    let mut cases = Vec::new();
    let mdl = ctx.issue(MDL_DOCTYPE);
    let pid = ctx.issue(PID_DOCTYPE);
    for issued in [&mdl, &pid] {
        for f in &flows {
            cases.push(Case {
                file: format!("{}.{}.valid.cbor", doc_short(&issued.doc_type), f.name),
                card: DEMO_CARD,
                bytes: ctx.response(issued, f),
                flow: f.name,
                doc_type: if issued.doc_type == MDL_DOCTYPE { MDL_DOCTYPE } else { PID_DOCTYPE },
                expected: "ok",
                rule: "valid",
                reason: if f.mac {
                    "Valid: issuerAuth by the DEMO DS under the DEMO IACA, every disclosed digest matches, MSO valid at now, deviceMac over this flow's transcript."
                } else {
                    "Valid: issuerAuth by the DEMO DS under the DEMO IACA, every disclosed digest matches, MSO valid at now, deviceSignature over this flow's transcript."
                },
                source: None,
                changes: vec![],
            });
        }
    }
    // The tool's second synthetic person, in one flow.
    let other = Ctx::with_card(ctx.now, OTHER_CARD)?;
    let other_flow = flow("oid4vp-dcapi")?;
    for doc_type in [MDL_DOCTYPE, PID_DOCTYPE] {
        cases.push(Case {
            file: format!("{}.other-person.{}.valid.cbor", doc_short(doc_type), other_flow.name),
            card: OTHER_CARD,
            bytes: other.response(&other.issue(doc_type), other_flow),
            flow: other_flow.name,
            doc_type,
            expected: "ok",
            rule: "valid",
            reason: "Valid: the same issuer and flow, for the second synthetic card holder (Trần Thị Bình).",
            source: None,
            changes: vec![],
        });
    }
    let base_flow = flow("annex-c")?;
    let source = "mdl.annex-c.valid.cbor".to_string();
    let empty = Value::Map(vec![]);
    let mut neg = |name: &str,
                   bytes: Vec<u8>,
                   flow: &'static str,
                   expected: &'static str,
                   rule: &'static str,
                   reason: &'static str,
                   changes: Vec<&'static str>| {
        cases.push(Case {
            file: format!("mdl.{name}.cbor"),
            card: DEMO_CARD,
            bytes,
            flow,
            doc_type: MDL_DOCTYPE,
            expected,
            rule,
            reason,
            source: Some(if flow == "proximity" {
                "mdl.proximity.valid.cbor".into()
            } else {
                source.clone()
            }),
            changes,
        });
    };
    // A response from a (possibly altered) document.
    let respond = |issued: &Issued| ctx.response(issued, base_flow);

    // Positive: a device-signed element in the namespace keyAuthorizations allows.
    let authorized = tmap(vec![(
        DEVICE_NS,
        tmap(vec![("holder_consent", Value::Bool(true))]),
    )]);
    cases_push_device(ctx, &mut neg, &mdl, base_flow, &authorized)?;

    // 1. An element's value changed after issuance (same digestID and salt).
    let mut t = mdl.clone();
    if let Some(it) = t.items.iter_mut().find(|i| i.id == "family_name") {
        it.value = text("Lò");
        it.bytes = item_bytes(it.digest_id, &it.random, &it.id, &it.value);
    }
    neg(
        "tampered-element.rejects",
        respond(&t),
        "annex-c",
        "ERR_MDOC_DIGEST_MISMATCH",
        "digest",
        "family_name's IssuerSignedItem re-encoded with the value \"Lò\" (same digestID and random): its SHA-256 is not valueDigests[org.iso.18013.5.1][digestID].",
        vec!["documents/0/issuerSigned/nameSpaces/org.iso.18013.5.1/0"],
    );
    // 1b. An item spliced in from another person's mDL (same issuer): her family_name item
    // (digestID 7, which is the given_name digest in this MSO) replaces this one's family_name;
    // given_name is left out so that no digestID appears twice.
    let theirs = other.issue(MDL_DOCTYPE);
    let spliced = theirs
        .items
        .iter()
        .find(|i| i.id == "family_name")
        .ok_or("no family_name")?;
    let mut t = mdl.clone();
    if let Some(it) = t.items.iter_mut().find(|i| i.id == "family_name") {
        it.bytes = spliced.bytes.clone();
    }
    let ids: Vec<&str> = MDL_DISCLOSE
        .iter()
        .copied()
        .filter(|i| *i != "given_name")
        .collect();
    neg(
        "spliced-item.rejects",
        encode(&device_response(vec![ctx.doc_disclosing(&t, base_flow, &ids)])),
        "annex-c",
        "ERR_MDOC_DIGEST_MISMATCH",
        "digest",
        "family_name's IssuerSignedItemBytes taken from the other person's mDL by the same issuer (\"Trần\", its own salt, digestID 7); given_name not disclosed. valueDigests[org.iso.18013.5.1][7] is this mDL's given_name digest.",
        vec![ITEMS],
    );
    // 2. A digestID the MSO does not list.
    let mut t = mdl.clone();
    if let Some(it) = t.items.iter_mut().find(|i| i.id == "given_name") {
        it.digest_id = 999;
        it.bytes = item_bytes(it.digest_id, &it.random, &it.id, &it.value);
    }
    neg(
        "unknown-digest-id.rejects",
        respond(&t),
        "annex-c",
        "ERR_MDOC_DIGEST_UNKNOWN",
        "digest-id-unknown",
        "given_name's IssuerSignedItem carries digestID 999, which valueDigests[org.iso.18013.5.1] does not have.",
        vec!["documents/0/issuerSigned/nameSpaces/org.iso.18013.5.1/1"],
    );
    // 3. The same item disclosed twice.
    let mut doc = ctx.doc(&mdl, base_flow, &base_flow.transcript, &empty);
    if let Some(Value::Array(items)) = doc
        .get_mut("issuerSigned")
        .and_then(|s| s.get_mut("nameSpaces"))
        .and_then(|n| n.get_mut(MDL_NS))
    {
        if let Some(first) = items.first().cloned() {
            items.insert(1, first);
        }
    }
    neg(
        "duplicate-digest-id.rejects",
        encode(&device_response(vec![doc])),
        "annex-c",
        "ERR_MDOC_DIGEST_DUPLICATE",
        "digest-id-duplicate",
        "family_name's IssuerSignedItemBytes appear twice in the namespace: two items with one digestID (each digest matches).",
        vec![ITEMS],
    );
    // 4. Document docType differs from the MSO's; the device signed the document's docType.
    let mut doc = ctx.doc(&mdl, base_flow, &base_flow.transcript, &empty);
    doc.set("docType", text(PID_DOCTYPE));
    doc.set(
        "deviceSigned",
        device_signed(
            &base_flow.transcript,
            PID_DOCTYPE,
            &empty,
            &DeviceAuth::Signature(&ctx.device),
        ),
    );
    neg(
        "wrong-doctype.rejects",
        encode(&device_response(vec![doc])),
        "annex-c",
        "ERR_MDOC_DOCTYPE_MISMATCH",
        "doctype",
        "Document docType vn.cccd-verify.pid.1 while the MSO says org.iso.18013.5.1.mDL; the deviceSignature covers the document's docType, so only the docType comparison catches it.",
        vec!["documents/0/docType", DEVICE_AUTH],
    );
    // 5–7. Validity.
    let base = ctx.params(MDL_DOCTYPE);
    let reissue = |p: &MsoParams| ctx.issue_with(MDL_DOCTYPE, p, &ctx.pki.ds, &ctx.ds_key);
    let now = ctx.now;
    neg(
        "mso-expired.rejects",
        respond(&reissue(&MsoParams {
            signed: now - 366 * DAY,
            valid_from: now - 366 * DAY,
            valid_until: now - DAY,
            ..base.clone()
        })),
        "annex-c",
        "ERR_MDOC_VALIDITY",
        "mso-validity",
        "MSO validUntil = now - 1 day (signed = validFrom = now - 366 days, inside the DS validity).",
        vec![ISSUER_AUTH],
    );
    neg(
        "mso-not-yet-valid.rejects",
        respond(&reissue(&MsoParams {
            valid_from: now + DAY,
            valid_until: now + 366 * DAY,
            ..base.clone()
        })),
        "annex-c",
        "ERR_MDOC_VALIDITY",
        "mso-validity",
        "MSO validFrom = now + 1 day (signed = now - 1 day).",
        vec![ISSUER_AUTH],
    );
    neg(
        "mso-signed-outside-ds-validity.rejects",
        respond(&reissue(&MsoParams {
            signed: ctx.pki.ds_not_before - DAY,
            ..base.clone()
        })),
        "annex-c",
        "ERR_MDOC_SIGNED_OUTSIDE_DS_VALIDITY",
        "mso-signed-in-ds-validity",
        "MSO signed = the DS notBefore - 1 day (now - 2 years - 1 day); validFrom/validUntil as the valid fixture, so the MSO itself is current. A verifier that checks the DS path at the signing time too (x509::ValidityAt::Both(now, signed)) meets ERR_CERT_NOT_YET_VALID there first.",
        vec![ISSUER_AUTH],
    );
    // 8–9. Certificates.
    neg(
        "ds-without-eku.rejects",
        respond(&ctx.issue_with(MDL_DOCTYPE, &base, &ctx.pki.ds_no_eku, &ctx.ds_key)),
        "annex-c",
        "ERR_CERT_EKU_MISSING",
        "ds-eku",
        "The DS certificate (same key, subject, IACA and validity) has no extKeyUsage 1.0.18013.5.1.2.",
        vec![ISSUER_AUTH],
    );
    neg(
        "ds-not-under-iaca.rejects",
        respond(&ctx.issue_with(
            MDL_DOCTYPE,
            &base,
            &ctx.pki.untrusted_ds,
            &key(seed::UNTRUSTED_DS),
        )),
        "annex-c",
        "ERR_CERT_UNKNOWN_ISSUER",
        "ds-chain",
        "issuerAuth by a DS (same subject, Annex B form) issued by \"cccd-verify DEMO IACA (untrusted)\", which is not the pinned IACA.",
        vec![ISSUER_AUTH],
    );
    // 10. issuerAuth signature.
    let mut t = mdl.clone();
    if let Value::Array(parts) = &mut t.issuer_auth {
        if let Some(Value::Bytes(sig)) = parts.get_mut(3) {
            if let Some(b) = sig.last_mut() {
                *b ^= 0x01;
            }
        }
    }
    neg(
        "issuer-auth-signature.rejects",
        respond(&t),
        "annex-c",
        "ERR_COSE_SIGNATURE_INVALID",
        "issuer-auth-signature",
        "The last byte of the issuerAuth signature flipped.",
        vec![ISSUER_AUTH],
    );
    // 11. alg only in the unprotected header (signature re-made over the empty protected header).
    let mut t = mdl.clone();
    t.issuer_auth = sign1(
        &[],
        imap(vec![(1, int(-7)), (33, bytes(&ctx.pki.ds))]),
        Some(&mdl.mso_bytes),
        &mdl.mso_bytes,
        &ctx.ds_key,
    );
    neg(
        "alg-unprotected.rejects",
        respond(&t),
        "annex-c",
        "ERR_COSE_ALG_NOT_ALLOWED",
        "cose-alg-protected",
        "issuerAuth has an empty protected header and alg ES256 in the unprotected one; the signature is valid over that (empty) protected header. alg must come from the protected header.",
        vec![ISSUER_AUTH],
    );
    // 12. x5chain missing.
    let mut t = mdl.clone();
    t.issuer_auth = sign1(
        &es256_protected(),
        Value::Map(vec![]),
        Some(&mdl.mso_bytes),
        &mdl.mso_bytes,
        &ctx.ds_key,
    );
    neg(
        "x5chain-missing.rejects",
        respond(&t),
        "annex-c",
        "ERR_COSE_X5CHAIN",
        "cose-x5chain",
        "issuerAuth without x5chain (label 33): no DS certificate to verify with.",
        vec![ISSUER_AUTH],
    );
    // 13. MSO version and digest algorithm.
    neg(
        "mso-version.rejects",
        respond(&reissue(&MsoParams {
            version: "2.0",
            ..base.clone()
        })),
        "annex-c",
        "ERR_MDOC_VERSION",
        "mso-version",
        "MSO version \"2.0\" (only \"1.0\" is defined).",
        vec![ISSUER_AUTH],
    );
    neg(
        "digest-sha1.rejects",
        respond(&reissue(&MsoParams {
            digest_alg: "SHA-1",
            ..base.clone()
        })),
        "annex-c",
        "ERR_MDOC_DIGEST_ALG",
        "digest-algorithm",
        "MSO digestAlgorithm \"SHA-1\" with correct SHA-1 digests: not in the allow-list (SHA-256/384/512).",
        vec![ISSUER_AUTH],
    );
    // 14. Strict decoding inside issuer-signed data: the issuer signed the odd bytes.
    let mut items = mdl.items.clone();
    if let Some(it) = items.iter_mut().find(|i| i.id == "family_name") {
        let item = Value::RawMap(vec![
            (
                text("digestID"),
                int(i64::try_from(it.digest_id).unwrap_or(0)),
            ),
            (text("random"), bytes(&it.random)),
            (text("elementIdentifier"), text("family_name")),
            (text("elementValue"), text("Lê")),
            (text("elementValue"), text("Lò")),
        ]);
        it.bytes = encode(&tag24(&item));
    }
    neg(
        "duplicate-key.rejects",
        respond(&seal(items, &base, &ctx.pki.ds, &ctx.ds_key)),
        "annex-c",
        "ERR_CBOR_DUPLICATE_KEY",
        "cbor-duplicate-key",
        "family_name's IssuerSignedItem has elementValue twice (\"Lê\", then \"Lò\"); the issuer signed these bytes, so the digest matches and only the duplicate-key rule catches it.",
        vec!["documents/0/issuerSigned/nameSpaces/org.iso.18013.5.1/0", ISSUER_AUTH],
    );
    let mut items = mdl.items.clone();
    if let Some(it) = items.iter_mut().find(|i| i.id == "given_name") {
        // text(5) "Th\xff C" — not UTF-8.
        it.value = Value::Raw(vec![0x65, b'T', b'h', 0xff, b' ', b'C']);
        it.bytes = item_bytes(it.digest_id, &it.random, &it.id, &it.value);
    }
    neg(
        "invalid-utf8.rejects",
        respond(&seal(items, &base, &ctx.pki.ds, &ctx.ds_key)),
        "annex-c",
        "ERR_CBOR_FORMAT",
        "cbor-utf8",
        "given_name's elementValue is a text string holding the byte 0xff (not UTF-8); issuer-signed, so only strict decoding catches it.",
        vec!["documents/0/issuerSigned/nameSpaces/org.iso.18013.5.1/1", ISSUER_AUTH],
    );
    let mut trailing = respond(&mdl);
    trailing.push(0x00);
    neg(
        "trailing-bytes.rejects",
        trailing,
        "annex-c",
        "ERR_CBOR_FORMAT",
        "cbor-trailing",
        "The valid response followed by one byte 0x00 (a second data item).",
        vec!["$trailing"],
    );
    // 15. Device authentication.
    let other = mdoc::transcript(mdoc::dcapi_handover(
        &annex_c_encryption_info(OTHER_NONCE),
        ORIGIN,
    ));
    let mut doc = ctx.doc(&mdl, base_flow, &base_flow.transcript, &empty);
    doc.set(
        "deviceSigned",
        device_signed(
            &other,
            MDL_DOCTYPE,
            &empty,
            &DeviceAuth::Signature(&ctx.device),
        ),
    );
    neg(
        "device-signature-other-transcript.rejects",
        encode(&device_response(vec![doc])),
        "annex-c",
        "ERR_MDOC_DEVICE_AUTH",
        "device-signature",
        "deviceSignature over the Annex C transcript of another request (nonce demo-nonce-20261126): replay.",
        vec![DEVICE_AUTH],
    );
    let prox = flow("proximity")?;
    let mut doc = ctx.doc(&mdl, prox, &prox.transcript, &empty);
    let (device_secret, other_reader) = (secret(seed::DEVICE), public(seed::OTHER_READER));
    doc.set(
        "deviceSigned",
        device_signed(
            &prox.transcript,
            MDL_DOCTYPE,
            &empty,
            &DeviceAuth::Mac(&device_secret, &other_reader),
        ),
    );
    neg(
        "device-mac-wrong-key.rejects",
        encode(&device_response(vec![doc])),
        "proximity",
        "ERR_MDOC_DEVICE_AUTH",
        "device-mac",
        "deviceMac with an EMacKey from ECDH against another reader key (seed 0xb4): the tag does not verify with the reader key of the flow.",
        vec![DEVICE_AUTH],
    );
    let recipient = public(seed::ANNEX_C_RECIPIENT);
    let mut doc = ctx.doc(&mdl, base_flow, &base_flow.transcript, &empty);
    doc.set(
        "deviceSigned",
        device_signed(
            &base_flow.transcript,
            MDL_DOCTYPE,
            &empty,
            &DeviceAuth::Mac(&device_secret, &recipient),
        ),
    );
    neg(
        "device-mac-in-dcapi.rejects",
        encode(&device_response(vec![doc])),
        "annex-c",
        "ERR_MDOC_DEVICE_AUTH",
        "device-mac-not-in-dc-api",
        "deviceMac in the Annex C flow (keyed by ECDH with the HPKE recipient key): DC API flows take deviceSignature only.",
        vec![DEVICE_AUTH],
    );
    let unauthorized = tmap(vec![(MDL_NS, tmap(vec![("family_name", text("Lò"))]))]);
    let doc = ctx.doc(&mdl, base_flow, &base_flow.transcript, &unauthorized);
    neg(
        "device-signed-unauthorized.rejects",
        encode(&device_response(vec![doc])),
        "annex-c",
        "ERR_MDOC_KEY_UNAUTHORIZED",
        "key-authorizations",
        "The device signs family_name in org.iso.18013.5.1; keyAuthorizations allows only the namespace vn.cccd-verify.device.1.",
        vec![DEVICE_NAMESPACES, DEVICE_AUTH],
    );
    // 16. Response shape.
    let pid_doc = ctx.doc(&pid, base_flow, &base_flow.transcript, &empty);
    let mdl_doc = ctx.doc(&mdl, base_flow, &base_flow.transcript, &empty);
    neg(
        "two-documents.rejects",
        encode(&device_response(vec![mdl_doc, pid_doc])),
        "annex-c",
        "ERR_MDOC_TOO_MANY_DOCUMENTS",
        "one-document",
        "Two documents (the valid mDL and the valid PID, each verifiable alone): one document per response by policy.",
        vec!["documents"],
    );
    neg(
        "no-document.rejects",
        encode(&tmap(vec![
            ("version", text("1.0")),
            (
                "documentErrors",
                Value::Array(vec![tmap(vec![(MDL_DOCTYPE, int(0))])]),
            ),
            ("status", int(0)),
        ])),
        "annex-c",
        "ERR_MDOC_NO_DOCUMENT",
        "no-document",
        "No documents; documentErrors {org.iso.18013.5.1.mDL: 0} (data not returned).",
        vec!["documents", "documentErrors"],
    );
    Ok(cases)
}

/// The positive device-signed fixture (kept apart so its source is the same valid response).
fn cases_push_device(
    ctx: &Ctx,
    neg: &mut impl FnMut(
        &str,
        Vec<u8>,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        Vec<&'static str>,
    ),
    mdl: &Issued,
    flow: &Flow,
    dns: &Value,
) -> Result<(), String> {
    let doc = ctx.doc(mdl, flow, &flow.transcript, dns);
    neg(
        "device-signed-authorized.valid",
        encode(&device_response(vec![doc])),
        "annex-c",
        "ok",
        "key-authorizations",
        "The device signs holder_consent = true in vn.cccd-verify.device.1, the namespace keyAuthorizations allows.",
        vec![DEVICE_NAMESPACES, DEVICE_AUTH],
    );
    Ok(())
}

fn iaca_entry<'a>(now: i64, iaca: &'a [u8], doc_types: Vec<&'a str>) -> vical::Entry<'a> {
    vical::Entry {
        certificate: iaca,
        serial: mdocpki::serial(mdocpki::IACA_CN),
        ski: mdocpki::key_id(&Key::p256(seed::IACA)),
        issuer_name: mdocpki::name(mdocpki::IACA_CN),
        subject_name: mdocpki::name(mdocpki::IACA_CN),
        not_before: now - 2 * YEAR,
        not_after: now + 10 * YEAR,
        doc_types,
        issuing_authority: mdocpki::ORG,
    }
}

/// A VICAL listing the DEMO IACA for `doc_types`, signed by the DEMO VICAL signer.
pub fn demo_vical(
    now: i64,
    issue_id: u64,
    date: i64,
    next_update: i64,
    doc_types: &[&str],
) -> Vec<u8> {
    let p = MdocPki::demo(now);
    let mut entry = iaca_entry(now, &p.iaca, vec![]);
    entry.doc_types = doc_types.to_vec();
    let payload = encode(&vical::payload(&vical::Params {
        issue_id,
        date,
        next_update,
        entries: vec![entry],
    }));
    vical::sign(&payload, &p.vical_signer, &key(seed::VICAL_SIGNER))
}

/// The VICAL fixtures: (file, bytes, expected json).
pub fn vical_cases(ctx: &Ctx) -> Vec<(String, Vec<u8>, Json)> {
    let now = ctx.now;
    let p = &ctx.pki;
    let entry = |doc_types: Vec<&'static str>| iaca_entry(now, &p.iaca, doc_types);
    let both = || vec![MDL_DOCTYPE, PID_DOCTYPE];
    let payload = |issue_id, date, next_update, doc_types| {
        encode(&vical::payload(&vical::Params {
            issue_id,
            date,
            next_update,
            entries: vec![entry(doc_types)],
        }))
    };
    let signer = key(seed::VICAL_SIGNER);
    let main = payload(7, now - DAY, now + 29 * DAY, both());
    let mut out = Vec::new();
    let mut push = |file: &str, bytes: Vec<u8>, j: Json| out.push((file.to_string(), bytes, j));
    push(
        "vical.cbor",
        vical::sign(&main, &p.vical_signer, &signer),
        json!({"vicalIssueID": 7, "date": cbor::rfc3339(now - DAY), "nextUpdate": cbor::rfc3339(now + 29 * DAY),
               "docTypes": both(),
               "runs": [{"accepted": null, "expected": "ok"}],
               "responses": "every valid response: ok (the IACA is listed for both docTypes)",
               "reason": "The current VICAL: vicalIssueID 7, date now - 1 day, nextUpdate now + 29 days, the DEMO IACA for org.iso.18013.5.1.mDL and vn.cccd-verify.pid.1."}),
    );
    push(
        "vical.seq6.cbor",
        vical::sign(
            &payload(6, now - 15 * DAY, now + 15 * DAY, both()),
            &p.vical_signer,
            &signer,
        ),
        json!({"vicalIssueID": 6, "runs": [{"accepted": null, "expected": "ok"},
               {"accepted": {"file": "vical.cbor", "vicalIssueID": 7}, "expected": "ERR_TRUST_LIST_ROLLBACK"}],
               "reason": "The previous VICAL (vicalIssueID 6, now - 15 days to now + 15 days): a lower issue ID after vical.cbor is a rollback."}),
    );
    push(
        "vical.seq7-other.cbor",
        vical::sign(
            &payload(7, now - DAY, now + 29 * DAY, vec![MDL_DOCTYPE]),
            &p.vical_signer,
            &signer,
        ),
        json!({"vicalIssueID": 7, "docTypes": [MDL_DOCTYPE],
               "runs": [{"accepted": null, "expected": "ok"},
               {"accepted": {"file": "vical.cbor", "vicalIssueID": 7}, "expected": "ERR_TRUST_LIST_EQUIVOCATION"}],
               "reason": "vicalIssueID 7 and the dates of vical.cbor, but the IACA listed for the mDL only: the same issue ID with other content is an equivocation after vical.cbor."}),
    );
    let mdl_only = payload(8, now - DAY / 2, now + 30 * DAY, vec![MDL_DOCTYPE]);
    push(
        "vical.mdl-only.cbor",
        vical::sign(&mdl_only, &p.vical_signer, &signer),
        json!({"vicalIssueID": 8, "docTypes": [MDL_DOCTYPE],
               "runs": [{"accepted": null, "expected": "ok"}],
               "responses": {"mdl.*.valid.cbor": "ok", "pid.*.valid.cbor": "ERR_TRUST_LIST_DOCTYPE_NOT_ALLOWED"},
               "reason": "vicalIssueID 8: the DEMO IACA may issue org.iso.18013.5.1.mDL only, so PID responses under it are refused."}),
    );
    push(
        "vical.stale.cbor",
        vical::sign(
            &payload(5, now - 31 * DAY, now - DAY, both()),
            &p.vical_signer,
            &signer,
        ),
        json!({"vicalIssueID": 5, "runs": [{"accepted": null, "stale": "hard", "expected": "ERR_TRUST_LIST_STALE"}],
               "reason": "vicalIssueID 5, date now - 31 days, nextUpdate now - 1 day: stale."}),
    );
    push(
        "vical.other-key.rejects.cbor",
        vical::sign(&main, &p.vical_signer, &key(seed::OTHER_VICAL_KEY)),
        json!({"runs": [{"accepted": null, "expected": "ERR_COSE_SIGNATURE_INVALID"}],
               "reason": "The payload of vical.cbor re-signed by another key (seed 0xb7); x5chain still the real VICAL signer."}),
    );
    push(
        "vical.untrusted-signer.rejects.cbor",
        vical::sign(
            &main,
            &p.untrusted_vical_signer,
            &key(seed::UNTRUSTED_VICAL_SIGNER),
        ),
        json!({"runs": [{"accepted": null, "expected": "ERR_CERT_UNKNOWN_ISSUER"}],
               "reason": "The payload of vical.cbor signed by a VICAL signer (same subject, EKU 1.0.18013.5.1.8) under \"cccd-verify DEMO VICAL Root (untrusted)\"."}),
    );
    push(
        "vical.signer-no-eku.rejects.cbor",
        vical::sign(&main, &p.vical_signer_no_eku, &signer),
        json!({"runs": [{"accepted": null, "expected": "ERR_CERT_EKU_MISSING"}],
               "reason": "The payload of vical.cbor signed by the VICAL signer's key under a certificate without extKeyUsage 1.0.18013.5.1.8."}),
    );
    out
}

/// Renders a CBOR element value as JSON for expected.json: full-date/tdate as their text,
/// byte strings as `{"base64url": …}`.
fn to_json(v: &Value) -> Json {
    match v {
        Value::Int(n) => json!(n),
        Value::Bytes(b) => json!({ "base64url": b64::encode_url(b) }),
        Value::Text(s) => json!(s),
        Value::Array(a) => Json::Array(a.iter().map(to_json).collect()),
        Value::Map(p) | Value::RawMap(p) => {
            let mut m = Map::new();
            for (k, v) in p {
                let key = match k {
                    Value::Text(s) => s.clone(),
                    other => format!("{other:?}"),
                };
                m.insert(key, to_json(v));
            }
            Json::Object(m)
        }
        Value::Tag(_, inner) => to_json(inner),
        Value::Bool(b) => json!(b),
        Value::Null | Value::Raw(_) => Json::Null,
    }
}

fn disclosed_json(now: i64, card: &str, doc_type: &str) -> Result<Json, String> {
    let ctx = Ctx::with_card(now, card)?;
    let issued = ctx.issue(doc_type);
    let mut m = Map::new();
    for it in &issued.items {
        if Ctx::disclose(doc_type).contains(&it.id.as_str()) {
            m.insert(it.id.clone(), to_json(&it.value));
        }
    }
    let ns = if doc_type == MDL_DOCTYPE {
        MDL_NS
    } else {
        mdoc::PID_NS
    };
    let mut out = Map::new();
    out.insert(ns.into(), Json::Object(m));
    Ok(Json::Object(out))
}

/// Every mdoc fixture file, as (name, bytes), in a fixed order.
pub fn fixtures(now: i64) -> Result<Vec<(String, Vec<u8>)>, String> {
    let ctx = Ctx::new(now)?;
    let p = &ctx.pki;
    let mut files: Vec<(String, Vec<u8>)> = vec![
        (
            "iaca.pem".into(),
            b64::pem("CERTIFICATE", &p.iaca).into_bytes(),
        ),
        ("iaca.der".into(), p.iaca.clone()),
        ("ds.pem".into(), b64::pem("CERTIFICATE", &p.ds).into_bytes()),
        (
            "vical-root.pem".into(),
            b64::pem("CERTIFICATE", &p.vical_root).into_bytes(),
        ),
        (
            "vical-signer.pem".into(),
            b64::pem("CERTIFICATE", &p.vical_signer).into_bytes(),
        ),
        ("portrait.jpg".into(), ctx.portrait.clone()),
        (
            "device-key.demo.jwk".into(),
            crate::sdjwt::demo_private_jwk(&key(seed::DEVICE), seed::DEVICE, "mdoc device"),
        ),
    ];
    let flows = flows();
    let mut flows_json = Map::new();
    for f in &flows {
        let file = format!("transcript.{}.cbor", f.name);
        files.push((file.clone(), encode(&f.transcript)));
        let mut params = f.params.clone();
        if let Json::Object(o) = &mut params {
            o.insert("sessionTranscript".into(), json!(file));
            o.insert(
                "deviceAuth".into(),
                json!(if f.mac {
                    "deviceMac"
                } else {
                    "deviceSignature"
                }),
            );
        }
        flows_json.insert(f.name.into(), params);
    }
    let cases = response_cases(&ctx)?;
    let mut responses = Vec::new();
    for c in &cases {
        files.push((c.file.clone(), c.bytes.clone()));
        let mut r = json!({
            "file": c.file,
            "card": c.card,
            "flow": c.flow,
            "sessionTranscript": format!("transcript.{}.cbor", c.flow),
            "docType": c.doc_type,
            "expected": c.expected,
            "rule": c.rule,
            "reason": c.reason,
        });
        if let Json::Object(o) = &mut r {
            if let Some(s) = &c.source {
                o.insert("source".into(), json!(s));
                o.insert("changes".into(), json!(c.changes));
            }
            if c.expected == "ok" {
                o.insert("disclosed".into(), disclosed_json(now, c.card, c.doc_type)?);
            }
        }
        responses.push(r);
    }
    let mut vicals = Vec::new();
    for (file, bytes, mut j) in vical_cases(&ctx) {
        files.push((file.clone(), bytes));
        if let Json::Object(o) = &mut j {
            o.insert("file".into(), json!(file));
        }
        vicals.push(j);
    }
    let signed = now - DAY;
    let expected = json!({
        "DEMO_ONLY": NOTICE,
        "now": now,
        "nowRfc3339": cbor::rfc3339(now),
        "profile": {
            "mdl": {"docType": MDL_DOCTYPE, "nameSpace": MDL_NS},
            "pid": {"docType": PID_DOCTYPE, "nameSpace": mdoc::PID_NS},
            "deviceNameSpace": DEVICE_NS,
            "doc": "docs/mdoc-profile.md"
        },
        "trust": {
            "iaca": {"file": "iaca.pem", "subject": format!("C=VN, O={}, CN={}", mdocpki::ORG, mdocpki::IACA_CN),
                     "note": "The anchor of every response (Purpose::MdocIaca, Profile::mdoc_document_signer). x5chain carries the DS alone."},
            "ds": {"file": "ds.pem", "subject": format!("C=VN, O={}, CN={}", mdocpki::ORG, mdocpki::DS_CN),
                   "notBefore": cbor::rfc3339(p.ds_not_before), "notAfter": cbor::rfc3339(p.ds_not_after)},
            "vicalSignerAnchor": {"file": "vical-root.pem", "subject": format!("C=VN, O={}, CN={}", mdocpki::ORG, mdocpki::VICAL_ROOT_CN),
                                  "note": "Pinned for the VICAL signer (Purpose::TrustListSigner, Profile::vical_signer); the VICALs' x5chain is the signer alone."}
        },
        "mso": {"signed": cbor::rfc3339(signed), "validFrom": cbor::rfc3339(signed),
                "validUntil": cbor::rfc3339(signed + 365 * DAY), "digestAlgorithm": "SHA-256",
                "deviceKey": "P-256, seed 0xa3 (tools/demo-issuer/README.md)",
                "keyAuthorizations": {"mdl": {"nameSpaces": [DEVICE_NS]}, "pid": null}},
        "policy": "verify with now, the flow's SessionTranscript, the IACA anchor, one document per response, deviceMac accepted only outside DC API flows; leeway 0",
        "flows": flows_json,
        "responses": responses,
        "vicals": {
            "note": "Each VICAL is verified against vical-root.pem at now; 'accepted' is the rollback state before the run. A listed IACA stands as the anchor of the responses for the docTypes its entry names.",
            "lists": vicals
        },
        "codeNote": "Codes are a proposal, to be reconciled with the verifier's error table; 'rule' names the check each fixture targets."
    });
    let text = serde_json::to_string_pretty(&expected).map_err(|e| e.to_string())?;
    files.push(("expected.json".into(), format!("{text}\n").into_bytes()));
    Ok(files)
}
