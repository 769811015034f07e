//! DEMO ISO 18013-5 mdocs (`shared/domain/presentations.md` §2): IssuerSignedItems with derived
//! salts, the MobileSecurityObject signed as COSE_Sign1 ES256 with `x5chain`, the
//! SessionTranscripts of the flows of §2.2, and DeviceResponses authenticated by deviceSignature
//! or deviceMac. The profile (docTypes, namespaces, elements) is docs/mdoc-profile.md.
//! Deterministic: derived salts and digestIDs, RFC 6979 signatures. DEMO ONLY.

use hmac::{KeyInit, Mac};
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};

use crate::card::{Card, Date, AGE_THRESHOLDS};
use crate::cbor::{self, bytes, encode, full_date, imap, int, tag24, text, tmap, Value};

pub const MDL_DOCTYPE: &str = "org.iso.18013.5.1.mDL";
pub const MDL_NS: &str = "org.iso.18013.5.1";
/// The demo PID's docType and its one namespace (docs/mdoc-profile.md).
pub const PID_DOCTYPE: &str = "vn.cccd-verify.pid.1";
pub const PID_NS: &str = "vn.cccd-verify.pid.1";
/// The namespace the device key may sign elements in (`keyAuthorizations` of the demo mDL).
pub const DEVICE_NS: &str = "vn.cccd-verify.device.1";
pub const MDL_AUTHORITY: &str =
    "cccd-verify DEMO Driving Licence Authority (not a government authority)";

/// COSE labels and values (RFC 9052 §3.1, RFC 9053, RFC 9360).
const COSE_ALG: i64 = 1;
const COSE_X5CHAIN: i64 = 33;
const ES256: i64 = -7;
const HMAC_256_256: i64 = 5;

type HmacSha256 = hmac::Hmac<Sha256>;

fn hmac(key: &[u8], data: &[&[u8]]) -> [u8; 32] {
    // HMAC takes keys of any length (RFC 2104), so this cannot fail.
    let mut m = match HmacSha256::new_from_slice(key) {
        Ok(m) => m,
        Err(_) => unreachable!("HMAC accepts any key length"),
    };
    for d in data {
        m.update(d);
    }
    m.finalize().into_bytes().into()
}

/// HKDF-SHA256 (RFC 5869) with a 32-byte output (one block).
pub fn hkdf32(salt: &[u8], ikm: &[u8], info: &[u8]) -> [u8; 32] {
    let prk = hmac(salt, &[ikm]);
    hmac(&prk, &[info, &[1]])
}

pub fn sha256(data: &[u8]) -> [u8; 32] {
    Sha256::digest(data).into()
}

/// 32 bytes derived from a label (salts, nonces): SHA-256 of a fixed prefix and the label.
pub fn derived(label: &str) -> [u8; 32] {
    sha256(format!("cccd-verify demo mdoc|{label}").as_bytes())
}

/// COSE_Key EC2 P-256 (RFC 9053 §7.1.1): {1: 2, -1: 1, -2: x, -3: y}.
pub fn cose_key(key: &VerifyingKey) -> Value {
    let point = key.to_sec1_point(false);
    let raw = point.as_bytes();
    imap(vec![
        (1, int(2)),
        (-1, int(1)),
        (-2, bytes(raw.get(1..33).unwrap_or_default())),
        (-3, bytes(raw.get(33..65).unwrap_or_default())),
    ])
}

/// RFC 7638 thumbprint (SHA-256) of a P-256 public JWK: `{"crv","kty","x","y"}` in that order.
pub fn jwk_thumbprint(key: &VerifyingKey) -> [u8; 32] {
    let point = key.to_sec1_point(false);
    let raw = point.as_bytes();
    let x = crate::b64::encode_url(raw.get(1..33).unwrap_or_default());
    let y = crate::b64::encode_url(raw.get(33..65).unwrap_or_default());
    sha256(format!(r#"{{"crv":"P-256","kty":"EC","x":"{x}","y":"{y}"}}"#).as_bytes())
}

// ---- COSE ------------------------------------------------------------------------------------

/// COSE_Sign1 (RFC 9052 §4.2), untagged as in ISO 18013-5. `protected` is the encoded header
/// map (empty for none); `attached` is the payload carried in the structure (None: detached,
/// `null`); `signed` is the payload the signature covers. ES256, raw r‖s signature.
pub fn sign1(
    protected: &[u8],
    unprotected: Value,
    attached: Option<&[u8]>,
    signed: &[u8],
    key: &SigningKey,
) -> Value {
    let tbs = encode(&Value::Array(vec![
        text("Signature1"),
        bytes(protected),
        bytes(&[]),
        bytes(signed),
    ]));
    let sig: Signature = key.sign(&tbs);
    Value::Array(vec![
        bytes(protected),
        unprotected,
        attached.map_or(Value::Null, bytes),
        bytes(&sig.to_bytes()),
    ])
}

/// The protected header `{1: -7}` (alg ES256).
pub fn es256_protected() -> Vec<u8> {
    encode(&imap(vec![(COSE_ALG, int(ES256))]))
}

/// `{33: bstr}`: `x5chain` with one certificate (RFC 9360 §2).
pub fn x5chain(cert: &[u8]) -> Value {
    imap(vec![(COSE_X5CHAIN, bytes(cert))])
}

/// COSE_Mac0 (RFC 9052 §6.2), HMAC 256/256, detached payload.
pub fn mac0(key: &[u8; 32], payload: &[u8]) -> Value {
    let protected = encode(&imap(vec![(COSE_ALG, int(HMAC_256_256))]));
    let mac_structure = encode(&Value::Array(vec![
        text("MAC0"),
        bytes(&protected),
        bytes(&[]),
        bytes(payload),
    ]));
    Value::Array(vec![
        bytes(&protected),
        Value::Map(vec![]),
        Value::Null,
        bytes(&hmac(key, &[&mac_structure])),
    ])
}

// ---- documents -------------------------------------------------------------------------------

/// One data element before issuing.
#[derive(Clone, Debug)]
pub struct Element {
    pub ns: &'static str,
    pub id: String,
    pub value: Value,
}

fn el(ns: &'static str, id: &str, value: Value) -> Element {
    Element {
        ns,
        id: id.into(),
        value,
    }
}

/// An issued element: its digestID and the IssuerSignedItemBytes (`#6.24(bstr)`, encoded).
#[derive(Clone, Debug)]
pub struct Item {
    pub ns: &'static str,
    pub id: String,
    pub digest_id: u64,
    pub random: Vec<u8>,
    pub value: Value,
    pub bytes: Vec<u8>,
}

/// The encoded IssuerSignedItemBytes of one element.
pub fn item_bytes(digest_id: u64, random: &[u8], id: &str, value: &Value) -> Vec<u8> {
    let item = tmap(vec![
        (
            "digestID",
            int(i64::try_from(digest_id).unwrap_or(i64::MAX)),
        ),
        ("random", bytes(random)),
        ("elementIdentifier", text(id)),
        ("elementValue", value.clone()),
    ]);
    encode(&tag24(&item))
}

/// The mDL elements of a card's holder (namespace org.iso.18013.5.1; docs/mdoc-profile.md §2).
pub fn mdl_elements(card: &Card, issued: i64, portrait: &[u8]) -> Vec<Element> {
    let (family, given) = card.split_name();
    let issue = Date::from_unix(issued);
    let expiry = Date {
        year: issue.year + 5,
        ..issue
    };
    let age = card.birth.age_on(issue);
    // Category A1 (motorcycles) from the card's issue date; category B from a year later,
    // 10 years (synthetic history).
    let b_issue = Date {
        year: card.issued.year + 1,
        ..card.issued
    };
    let b_expiry = Date {
        year: b_issue.year + 10,
        ..b_issue
    };
    let privileges = Value::Array(vec![
        tmap(vec![
            ("vehicle_category_code", text("A1")),
            ("issue_date", full_date(&card.issued.iso())),
        ]),
        tmap(vec![
            ("vehicle_category_code", text("B")),
            ("issue_date", full_date(&b_issue.iso())),
            ("expiry_date", full_date(&b_expiry.iso())),
        ]),
    ]);
    let number = format!("DEMO{}", card.id_number.get(6..).unwrap_or_default());
    vec![
        el(MDL_NS, "family_name", text(&family)),
        el(MDL_NS, "given_name", text(&given)),
        el(MDL_NS, "birth_date", full_date(&card.birth.iso())),
        el(MDL_NS, "issue_date", full_date(&issue.iso())),
        el(MDL_NS, "expiry_date", full_date(&expiry.iso())),
        el(MDL_NS, "issuing_country", text("VN")),
        el(MDL_NS, "issuing_authority", text(MDL_AUTHORITY)),
        el(MDL_NS, "document_number", text(&number)),
        el(MDL_NS, "portrait", bytes(portrait)),
        el(MDL_NS, "driving_privileges", privileges),
        el(MDL_NS, "un_distinguishing_sign", text("VN")),
        el(MDL_NS, "age_over_18", Value::Bool(age >= 18)),
        el(MDL_NS, "sex", int(i64::from(card.sex.iso5218()))),
    ]
}

/// The CCCD PID mdoc elements (namespace vn.cccd-verify.pid.1; docs/mdoc-profile.md §3): the
/// SD-JWT profile's claims (docs/cccd-pid-profile.md §3.1) under EUDI PID mdoc names.
pub fn pid_elements(card: &Card, issued: i64, expires: i64) -> Vec<Element> {
    let (family, given) = card.split_name();
    let today = Date::from_unix(issued);
    let age = card.birth.age_on(today);
    let mut out = vec![
        el(PID_NS, "family_name", text(&family)),
        el(PID_NS, "given_name", text(&given)),
        el(PID_NS, "birth_date", full_date(&card.birth.iso())),
    ];
    for t in AGE_THRESHOLDS {
        out.push(el(
            PID_NS,
            &format!("age_over_{t}"),
            Value::Bool(age >= i64::from(t)),
        ));
    }
    out.extend([
        el(PID_NS, "sex", int(i64::from(card.sex.iso5218()))),
        el(PID_NS, "nationality", Value::Array(vec![text("VN")])),
    ]);
    if let Some(province) = card.birth_province() {
        out.push(el(
            PID_NS,
            "place_of_birth",
            tmap(vec![("country", text("VN")), ("region", text(province))]),
        ));
    }
    out.extend([
        el(PID_NS, "resident_address", text(&card.address)),
        el(PID_NS, "resident_country", text("VN")),
        el(
            PID_NS,
            "personal_administrative_number",
            text(&card.id_number),
        ),
        el(PID_NS, "vn_full_name", text(&card.full_name)),
    ]);
    if let Some(old) = &card.old_id_number {
        out.push(el(PID_NS, "vn_old_id_number", text(old)));
    }
    out.extend([
        el(
            PID_NS,
            "vn_card_date_of_issue",
            full_date(&card.issued.iso()),
        ),
        el(
            PID_NS,
            "issuing_authority",
            text(crate::card::ISSUING_AUTHORITY),
        ),
        el(PID_NS, "issuing_country", text("VN")),
        el(PID_NS, "issuance_date", full_date(&today.iso())),
        el(
            PID_NS,
            "expiry_date",
            full_date(&Date::from_unix(expires).iso()),
        ),
    ]);
    out
}

/// What the MSO says besides the digests.
#[derive(Clone, Debug)]
pub struct MsoParams {
    pub doc_type: String,
    pub version: &'static str,
    /// "SHA-256" (also "SHA-1" for a negative fixture).
    pub digest_alg: &'static str,
    pub signed: i64,
    pub valid_from: i64,
    pub valid_until: i64,
    pub device_key: VerifyingKey,
    pub key_authorizations: Option<Value>,
}

/// An issued document: items, MSO and issuerAuth.
#[derive(Clone, Debug)]
pub struct Issued {
    pub doc_type: String,
    pub items: Vec<Item>,
    pub mso_bytes: Vec<u8>,
    pub issuer_auth: Value,
}

fn digest(alg: &str, data: &[u8]) -> Vec<u8> {
    match alg {
        "SHA-1" => sha1::Sha1::digest(data).to_vec(),
        _ => Sha256::digest(data).to_vec(),
    }
}

/// Issues `elements`: salts and digestIDs derived from `salt_seed` (digestIDs are the elements'
/// ranks in the order of a derived hash, so they reveal nothing about the element order).
pub fn issue(
    elements: &[Element],
    p: &MsoParams,
    salt_seed: &str,
    ds_cert: &[u8],
    ds_key: &SigningKey,
) -> Issued {
    let mut order: Vec<(usize, [u8; 32])> = elements
        .iter()
        .enumerate()
        .map(|(i, e)| {
            (
                i,
                derived(&format!("digestID|{salt_seed}|{}|{}", e.ns, e.id)),
            )
        })
        .collect();
    order.sort_by_key(|o| o.1);
    let mut ids = vec![0u64; elements.len()];
    for (rank, (i, _)) in order.iter().enumerate() {
        if let Some(slot) = ids.get_mut(*i) {
            *slot = u64::try_from(rank).unwrap_or(u64::MAX);
        }
    }
    let items: Vec<Item> = elements
        .iter()
        .zip(ids)
        .map(|(e, digest_id)| {
            let random = derived(&format!("random|{salt_seed}|{}|{}", e.ns, e.id)).to_vec();
            Item {
                ns: e.ns,
                id: e.id.clone(),
                digest_id,
                bytes: item_bytes(digest_id, &random, &e.id, &e.value),
                random,
                value: e.value.clone(),
            }
        })
        .collect();
    seal(items, p, ds_cert, ds_key)
}

/// Makes the MSO of `items` (as they are, bytes included) and signs it: issuerAuth.
pub fn seal(items: Vec<Item>, p: &MsoParams, ds_cert: &[u8], ds_key: &SigningKey) -> Issued {
    let mso = mso(&items, p);
    let mso_bytes = encode(&tag24(&mso));
    let issuer_auth = sign1(
        &es256_protected(),
        x5chain(ds_cert),
        Some(&mso_bytes),
        &mso_bytes,
        ds_key,
    );
    Issued {
        doc_type: p.doc_type.clone(),
        items,
        mso_bytes,
        issuer_auth,
    }
}

/// The MobileSecurityObject of `items`.
pub fn mso(items: &[Item], p: &MsoParams) -> Value {
    let mut namespaces: Vec<&str> = items.iter().map(|i| i.ns).collect();
    namespaces.dedup();
    let value_digests = Value::Map(
        namespaces
            .iter()
            .map(|ns| {
                let digests = items
                    .iter()
                    .filter(|i| i.ns == *ns)
                    .map(|i| {
                        (
                            int(i64::try_from(i.digest_id).unwrap_or(i64::MAX)),
                            Value::Bytes(digest(p.digest_alg, &i.bytes)),
                        )
                    })
                    .collect();
                (text(ns), Value::Map(digests))
            })
            .collect(),
    );
    let mut device_key_info = vec![("deviceKey", cose_key(&p.device_key))];
    if let Some(ka) = &p.key_authorizations {
        device_key_info.push(("keyAuthorizations", ka.clone()));
    }
    tmap(vec![
        ("version", text(p.version)),
        ("digestAlgorithm", text(p.digest_alg)),
        ("valueDigests", value_digests),
        ("deviceKeyInfo", tmap(device_key_info)),
        ("docType", text(&p.doc_type)),
        (
            "validityInfo",
            tmap(vec![
                ("signed", cbor::tdate(p.signed)),
                ("validFrom", cbor::tdate(p.valid_from)),
                ("validUntil", cbor::tdate(p.valid_until)),
            ]),
        ),
    ])
}

impl Issued {
    /// `IssuerSigned` disclosing the elements named (in the issuer's element order), items as
    /// their exact bytes.
    pub fn issuer_signed(&self, disclose: &[&str]) -> Value {
        let mut namespaces: Vec<&str> = self.items.iter().map(|i| i.ns).collect();
        namespaces.dedup();
        let ns_map = namespaces
            .iter()
            .filter_map(|ns| {
                let items: Vec<Value> = self
                    .items
                    .iter()
                    .filter(|i| i.ns == *ns && disclose.contains(&i.id.as_str()))
                    .map(|i| Value::Raw(i.bytes.clone()))
                    .collect();
                (!items.is_empty()).then(|| (text(ns), Value::Array(items)))
            })
            .collect();
        tmap(vec![
            ("nameSpaces", Value::Map(ns_map)),
            ("issuerAuth", self.issuer_auth.clone()),
        ])
    }
}

// ---- session transcripts ---------------------------------------------------------------------

/// `[null, null, Handover]`, the form of every browser and OpenID4VP flow.
pub fn transcript(handover: Value) -> Value {
    Value::Array(vec![Value::Null, Value::Null, handover])
}

/// ISO 18013-7 Annex C EncryptionInfo `["dcapi", {"nonce", "recipientPublicKey"}]`.
pub fn encryption_info(nonce: &[u8], recipient: &VerifyingKey) -> Value {
    Value::Array(vec![
        text("dcapi"),
        tmap(vec![
            ("nonce", bytes(nonce)),
            ("recipientPublicKey", cose_key(recipient)),
        ]),
    ])
}

/// Annex C handover `["dcapi", sha256(cbor([base64url(EncryptionInfo), origin]))]`.
pub fn dcapi_handover(encryption_info_b64: &str, origin: &str) -> Value {
    let info = encode(&Value::Array(vec![text(encryption_info_b64), text(origin)]));
    Value::Array(vec![text("dcapi"), bytes(&sha256(&info))])
}

/// OpenID4VP 1.0 §B.2.6.2 `["OpenID4VPDCAPIHandover", sha256(cbor([origin, nonce, jkt/null]))]`.
pub fn oid4vp_dcapi_handover(origin: &str, nonce: &str, jkt: Option<&[u8]>) -> Value {
    let info = encode(&Value::Array(vec![
        text(origin),
        text(nonce),
        jkt.map_or(Value::Null, bytes),
    ]));
    Value::Array(vec![text("OpenID4VPDCAPIHandover"), bytes(&sha256(&info))])
}

/// OpenID4VP 1.0 §B.2.6.1 `["OpenID4VPHandover", sha256(cbor([client_id, nonce, jkt/null,
/// response_uri]))]`.
pub fn oid4vp_redirect_handover(
    client_id: &str,
    nonce: &str,
    jkt: Option<&[u8]>,
    response_uri: &str,
) -> Value {
    let info = encode(&Value::Array(vec![
        text(client_id),
        text(nonce),
        jkt.map_or(Value::Null, bytes),
        text(response_uri),
    ]));
    Value::Array(vec![text("OpenID4VPHandover"), bytes(&sha256(&info))])
}

/// A proximity (QR engagement) transcript: `[DeviceEngagementBytes, EReaderKeyBytes, null]`,
/// DeviceEngagement = {0: "1.0", 1: [1, EDeviceKeyBytes]} (18013-5 §9.1.5.1).
pub fn proximity_transcript(e_device: &VerifyingKey, e_reader: &VerifyingKey) -> Value {
    let engagement = imap(vec![
        (0, text("1.0")),
        (1, Value::Array(vec![int(1), tag24(&cose_key(e_device))])),
    ]);
    Value::Array(vec![
        tag24(&engagement),
        tag24(&cose_key(e_reader)),
        Value::Null,
    ])
}

// ---- device authentication -------------------------------------------------------------------

/// DeviceAuthenticationBytes = #6.24(bstr .cbor ["DeviceAuthentication", SessionTranscript,
/// DocType, DeviceNameSpacesBytes]).
pub fn device_authentication_bytes(
    transcript: &Value,
    doc_type: &str,
    device_namespaces_bytes: &Value,
) -> Vec<u8> {
    encode(&tag24(&Value::Array(vec![
        text("DeviceAuthentication"),
        transcript.clone(),
        text(doc_type),
        device_namespaces_bytes.clone(),
    ])))
}

/// EMacKey = HKDF-SHA256(ECDH(device, reader), salt = SHA-256(SessionTranscriptBytes),
/// info "EMacKey", 32 bytes) (18013-5 §9.1.3.5, `shared/domain/presentations.md` §2.1).
pub fn emac_key(
    device: &p256::SecretKey,
    reader: &p256::PublicKey,
    transcript: &Value,
) -> [u8; 32] {
    let shared = p256::ecdh::diffie_hellman(device.to_nonzero_scalar(), reader.as_affine());
    let transcript_bytes = encode(&tag24(transcript));
    hkdf32(
        &sha256(&transcript_bytes),
        shared.raw_secret_bytes().as_slice(),
        b"EMacKey",
    )
}

/// How the device authenticates a document.
pub enum DeviceAuth<'a> {
    Signature(&'a SigningKey),
    /// The device's static key and the reader's ephemeral public key.
    Mac(&'a p256::SecretKey, &'a p256::PublicKey),
}

/// `DeviceSigned` for a document: device namespaces (`{}` for none) and its DeviceAuth over
/// `transcript`.
pub fn device_signed(
    transcript: &Value,
    doc_type: &str,
    device_namespaces: &Value,
    auth: &DeviceAuth<'_>,
) -> Value {
    let dns_bytes = tag24(device_namespaces);
    let da = device_authentication_bytes(transcript, doc_type, &dns_bytes);
    let device_auth = match auth {
        DeviceAuth::Signature(key) => tmap(vec![(
            "deviceSignature",
            sign1(&es256_protected(), Value::Map(vec![]), None, &da, key),
        )]),
        DeviceAuth::Mac(device, reader) => tmap(vec![(
            "deviceMac",
            mac0(&emac_key(device, reader, transcript), &da),
        )]),
    };
    tmap(vec![("nameSpaces", dns_bytes), ("deviceAuth", device_auth)])
}

pub fn document(doc_type: &str, issuer_signed: Value, device_signed: Value) -> Value {
    tmap(vec![
        ("docType", text(doc_type)),
        ("issuerSigned", issuer_signed),
        ("deviceSigned", device_signed),
    ])
}

pub fn device_response(documents: Vec<Value>) -> Value {
    tmap(vec![
        ("version", text("1.0")),
        ("documents", Value::Array(documents)),
        ("status", int(0)),
    ])
}

// ---- portrait --------------------------------------------------------------------------------

/// A tiny baseline JPEG (ITU-T T.81): JFIF, 8×8, one grey component, one block whose DC and AC
/// coefficients are all 0, which decodes to mid grey (level 128). Quantisation table of ones;
/// Huffman tables with one code each (DC category 0, AC end-of-block), so the scan is two bits,
/// "0" (DC difference 0) and "0" (EOB), padded with ones.
pub fn tiny_jpeg() -> Vec<u8> {
    let seg = |marker: u8, body: &[u8]| {
        let mut s = vec![0xff, marker];
        let n = u16::try_from(body.len() + 2).unwrap_or(u16::MAX);
        s.extend(n.to_be_bytes());
        s.extend_from_slice(body);
        s
    };
    let mut out = vec![0xff, 0xd8];
    // APP0 JFIF 1.01, no density units, 1:1, no thumbnail.
    out.extend(seg(
        0xe0,
        &[b'J', b'F', b'I', b'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0],
    ));
    // DQT: table 0, 8-bit, 64 ones.
    let mut dqt = vec![0x00];
    dqt.extend([1u8; 64]);
    out.extend(seg(0xdb, &dqt));
    // SOF0: 8-bit, 8×8, one component (id 1, 1×1 sampling, table 0).
    out.extend(seg(0xc0, &[8, 0, 8, 0, 8, 1, 1, 0x11, 0]));
    // DHT DC 0: one code of length 1 → symbol 0; DHT AC 0: one code of length 1 → 0x00 (EOB).
    let mut dc = vec![0x00, 1];
    dc.extend([0u8; 15]);
    dc.push(0x00);
    out.extend(seg(0xc4, &dc));
    let mut ac = vec![0x10, 1];
    ac.extend([0u8; 15]);
    ac.push(0x00);
    out.extend(seg(0xc4, &ac));
    // SOS: one component (1, DC 0 / AC 0), Ss 0, Se 63, Ah/Al 0.
    out.extend(seg(0xda, &[1, 1, 0x00, 0, 63, 0]));
    out.push(0b0011_1111);
    out.extend([0xff, 0xd9]);
    out
}
