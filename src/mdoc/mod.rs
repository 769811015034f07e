//! ISO 18013-5 mdoc verification: a `DeviceResponse` (or an `IssuerSigned` alone) checked
//! offline against IACA trust anchors, with the caller's SessionTranscript and clock.
//! The structures and rules: `shared/domain/presentations.md` §2; what is checked, in order,
//! and why: `docs/mdoc.md`.
//!
//! ```no_run
//! use cccd_verify::mdoc::{verify_device_response, Policy, SessionTranscript};
//! use cccd_verify::x509::{Purpose, TrustAnchor};
//!
//! # fn demo(iaca_der: &[u8], response: &[u8], encryption_info: &str, now: i64) -> Result<(), cccd_verify::Error> {
//! let anchors = [TrustAnchor::from_der(iaca_der, Purpose::MdocIaca)?];
//! let transcript = SessionTranscript::dcapi(encryption_info, "https://shop.example");
//! let verified = verify_device_response(response, &Policy::new(now, &anchors, &transcript))?;
//! let mdl = &verified.documents[0];
//! # let _ = mdl; Ok(()) }
//! ```
//!
//! Per document, in order: docType (as the caller asked, if it did); issuerAuth `alg` (protected
//! header, allow-list); the Document Signer from `x5chain` to an IACA anchor under the Annex B
//! profile ([`crate::x509::Profile::mdoc_document_signer`]) or pinned by the caller; the issuerAuth
//! signature; the MSO (`version` 1.0, `digestAlgorithm` allowed, `docType` equal, `validityInfo`
//! around `now`, `signed` within the DS validity); every disclosed IssuerSignedItem against
//! `valueDigests` over its received tag-24 bytes (unknown and repeated digestIDs refused); the
//! device key (COSE_Key); DeviceAuth over DeviceAuthenticationBytes built from the transcript
//! (deviceSignature, or deviceMac with the reader's ephemeral key); `keyAuthorizations` for
//! device-signed elements.

pub mod request;
mod transcript;
mod value;

use std::collections::{BTreeMap, BTreeSet};

use sha2::{Digest, Sha256};

pub use transcript::{dcapi_info, oid4vp_dc_api_info, oid4vp_redirect_info, SessionTranscript};
pub use value::MdocValue;

use crate::cbor::{self, Encoder, Item, Options};
use crate::cose::{self, Mac0, Sign1, DEFAULT_SIG_ALGS};
use crate::crypto::{Curve, Hash, KeyKind, PublicKey, SigAlg};
use crate::error::Error;
use crate::wire::{wire_struct, JsonText};
use crate::x509::{self, Profile, TrustAnchor, ValidityAt, VerifiedPath};

/// The digest algorithms accepted in an MSO unless the caller narrows them (ISO 18013-5
/// §9.1.2.5: SHA-256, SHA-384, SHA-512).
pub const DEFAULT_DIGEST_ALGS: [Hash; 3] = [Hash::Sha256, Hash::Sha384, Hash::Sha512];

/// Most documents accepted in one DeviceResponse unless the policy raises it: one, the
/// document the verifier asked for (`ERR_MDOC_TOO_MANY_DOCUMENTS` beyond).
pub const DEFAULT_MAX_DOCUMENTS: usize = 1;

/// How a DeviceResponse is verified. [`Policy::new`] gives the defaults; fields can be changed
/// on the value.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Policy<'a> {
    /// The time, Unix seconds (the core never reads the clock).
    pub now: i64,
    /// IACA roots ([`crate::x509::Purpose::MdocIaca`]); the Document Signer must chain to one
    /// under the Annex B profile.
    pub anchors: &'a [TrustAnchor],
    /// Document Signer certificates (DER) trusted as they are, without a path: `x5chain[0]`
    /// equal to one of them is accepted if valid now (for issuers that publish only their DS,
    /// and test issuers). Empty by default.
    pub pinned_signers: &'a [&'a [u8]],
    /// The SessionTranscript this verifier built (or was given) for this request.
    pub session_transcript: &'a SessionTranscript,
    /// The reader's ephemeral P-256 private key (32-byte scalar), needed to check a deviceMac.
    pub reader_key: Option<&'a [u8]>,
    /// Whether deviceMac is accepted (default true). Set false for Digital Credentials API
    /// flows, where the wallet must sign (`shared/domain/presentations.md` §2.3).
    pub allow_device_mac: bool,
    /// What to do with a device-signed element that `keyAuthorizations` does not allow: `false`
    /// (default) rejects the response with [`Error::MdocKeyUnauthorized`]; `true` leaves the
    /// element out of the result (it stays covered by the device authentication). Some wallets
    /// send device-signed elements with no `keyAuthorizations` at all (the auth0-mdl example4
    /// vector).
    pub drop_unauthorized_device_elements: bool,
    /// The docType the caller asked for; `None` accepts any.
    pub doc_type: Option<&'a str>,
    /// Most documents accepted in one response (default 1).
    pub max_documents: usize,
    /// COSE signature algorithms accepted for issuerAuth and deviceSignature (default ES256,
    /// ES384, ES512).
    pub sig_algs: &'a [SigAlg],
    /// MSO digest algorithms accepted (default SHA-256, SHA-384, SHA-512).
    pub digest_algs: &'a [Hash],
    /// Limits of the CBOR reader.
    pub cbor_budget: cbor::Budget,
    /// docTypes an IACA may issue, by the anchor's SHA-256 fingerprint (from a VICAL:
    /// [`crate::trust::Vical::doc_types`]). A document whose Document Signer chains to a listed
    /// anchor must have one of its docTypes ([`Error::TrustListDocTypeNotAllowed`]); anchors not
    /// listed, and pinned Document Signers, are not restricted. Empty by default.
    pub doc_type_limits: &'a [([u8; 32], Vec<String>)],
}

impl<'a> Policy<'a> {
    /// The defaults, for `now`, IACA `anchors` and `session_transcript`.
    pub fn new(
        now: i64,
        anchors: &'a [TrustAnchor],
        session_transcript: &'a SessionTranscript,
    ) -> Policy<'a> {
        Policy {
            now,
            anchors,
            pinned_signers: &[],
            session_transcript,
            reader_key: None,
            allow_device_mac: true,
            drop_unauthorized_device_elements: false,
            doc_type: None,
            max_documents: DEFAULT_MAX_DOCUMENTS,
            sig_algs: &DEFAULT_SIG_ALGS,
            digest_algs: &DEFAULT_DIGEST_ALGS,
            cbor_budget: cbor::Budget::default(),
            doc_type_limits: &[],
        }
    }

    fn options(&self) -> Options {
        Options {
            budget: self.cbor_budget,
            require_preferred: false,
        }
    }
}

wire_struct! {
    /// Who issued an mdoc: the Document Signer and the IACA (or pinned certificate) it was
    /// trusted through.
    #[ts = "MdocIssuer"]
    #[derive(Clone, Debug, PartialEq)]
    pub struct MdocIssuer {
        /// The Document Signer certificate's subject.
        pub ds_subject: String,
        /// The IACA's subject; for a pinned Document Signer, its own subject.
        pub iaca_subject: String,
        /// SHA-256 of the anchor (or pinned) certificate, base64url.
        pub anchor_fingerprint: String,
        /// Whether the Document Signer was pinned rather than chained to an IACA.
        pub pinned: bool,
    }
}

wire_struct! {
    /// The MSO `validityInfo`, Unix seconds.
    #[ts = "MdocValidity"]
    #[derive(Clone, Debug, PartialEq)]
    pub struct MdocValidity {
        /// When the MSO was signed.
        pub signed: i64,
        /// Start of validity.
        pub valid_from: i64,
        /// End of validity.
        pub valid_until: i64,
        /// When the issuer expects to update it, if said.
        pub expected_update: Option<i64>,
    }
}

wire_struct! {
    /// A verified mdoc document.
    #[ts = "VerifiedMdoc"]
    #[derive(Clone, Debug, PartialEq)]
    pub struct VerifiedMdoc {
        /// The document type (e.g. `org.iso.18013.5.1.mDL`).
        pub doc_type: String,
        /// Issuer-signed elements, by namespace and element identifier; every one's digest was
        /// checked.
        pub claims: BTreeMap<String, BTreeMap<String, MdocValue>> as "Record<string, Record<string, MdocValue>>",
        /// Device-signed elements (allowed by `keyAuthorizations`), by namespace.
        pub device_claims: BTreeMap<String, BTreeMap<String, MdocValue>> as "Record<string, Record<string, MdocValue>>",
        /// The issuer.
        pub issuer: MdocIssuer,
        /// The MSO validity.
        pub validity: MdocValidity,
        /// The MSO `digestAlgorithm`.
        pub digest_algorithm: String,
        /// The device key (MSO `deviceKeyInfo.deviceKey`) as a public JWK.
        pub device_key: serde_json::Value as "Record<string, string>",
        /// RFC 7638 thumbprint of `deviceKey`, base64url.
        pub device_key_thumbprint: String,
        /// How the device authenticated the response: `signature` or `mac` (`none` for an
        /// IssuerSigned verified alone).
        pub device_auth: &'static str as "'signature' | 'mac' | 'none'",
        /// The document's `errors`: elements requested but not returned, by namespace, with the
        /// wallet's error code.
        pub errors: BTreeMap<String, BTreeMap<String, i64>> as "Record<string, Record<string, number>>",
        /// What the text elements would do to a reviewer (issue 11 item 11), as for an SD-JWT VC:
        /// control and bidirectional characters (`CLAIM_CONTROL_CHARACTER`, an error: do not
        /// display the value as it is), zero-width characters, and letters outside the Latin
        /// script in name elements (warnings). `path` is `namespace.element` (device-signed:
        /// `deviceSigned.namespace.element`), then array indexes and text map keys. The
        /// signatures are valid either way.
        pub findings: Vec<crate::cccd::findings::FindingJson> as "Finding[]",
    }
}

/// The text findings of a document's elements, in namespace and element order; at most
/// `MAX_TEXT_FINDINGS`.
pub fn text_findings(
    claims: &BTreeMap<String, BTreeMap<String, MdocValue>>,
    device_claims: &BTreeMap<String, BTreeMap<String, MdocValue>>,
) -> Vec<crate::cccd::findings::Finding> {
    use crate::cccd::findings::{claim_text_findings, Finding, MAX_TEXT_FINDINGS, NAME_CLAIMS};
    fn walk(path: &str, name: bool, v: &MdocValue, out: &mut Vec<Finding>, depth: usize) {
        if out.len() >= MAX_TEXT_FINDINGS || depth > 32 {
            return;
        }
        match v {
            MdocValue::Text { value } => claim_text_findings(path, name, value, out),
            MdocValue::Array { value } => {
                for (i, item) in value.iter().enumerate() {
                    walk(&sub(path, &i.to_string()), false, item, out, depth + 1);
                }
            }
            MdocValue::Map { value } => {
                for (k, item) in value {
                    match k {
                        // A text key is shown too: checked, and names the path.
                        MdocValue::Text { value: key } => {
                            claim_text_findings(&sub(path, key), false, key, out);
                            let name = NAME_CLAIMS.contains(&key.as_str());
                            walk(&sub(path, key), name, item, out, depth + 1);
                        }
                        _ => walk(path, false, item, out, depth + 1),
                    }
                }
            }
            MdocValue::Tag { value, .. } => walk(path, name, value, out, depth + 1),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for (prefix, set) in [("", claims), ("deviceSigned.", device_claims)] {
        for (ns, elements) in set {
            for (id, v) in elements {
                let path = format!("{prefix}{ns}.{id}");
                let name = NAME_CLAIMS.contains(&id.as_str());
                walk(&path, name, v, &mut out, 0);
            }
        }
    }
    out.truncate(MAX_TEXT_FINDINGS);
    out
}

wire_struct! {
    /// A `documentErrors` entry: a requested document the wallet did not return.
    #[ts = "MdocDocumentError"]
    #[derive(Clone, Debug, PartialEq)]
    pub struct DocumentError {
        /// The document type.
        pub doc_type: String,
        /// The wallet's error code.
        pub code: i64,
    }
}

wire_struct! {
    /// A verified DeviceResponse.
    #[ts = "VerifiedDeviceResponse"]
    #[derive(Clone, Debug, PartialEq)]
    pub struct VerifiedDeviceResponse {
        /// The DeviceResponse `version`.
        pub version: String,
        /// The DeviceResponse `status` (0 OK; 10 general error; 11 CBOR decoding error; 12 CBOR
        /// validation error).
        pub status: u64,
        /// The documents, each verified.
        pub documents: Vec<VerifiedMdoc>,
        /// `documentErrors`.
        pub document_errors: Vec<DocumentError>,
    }
}

impl VerifiedMdoc {
    /// The document as JSON text (the wire form).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl VerifiedDeviceResponse {
    /// The result as JSON text (the wire form).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The result as the wasm modules return it: what the `Serialize` derive gives through a
    /// `serde_json::Value` (members sorted by name), written directly (no `Value` tree, no
    /// derive code in the module).
    pub fn to_wire_json(&self) -> String {
        let mut j = JsonText::new();
        self.write_json(&mut j);
        j.finish()
    }

    pub(crate) fn write_json(&self, j: &mut JsonText) {
        j.open().key("documentErrors").open_array();
        for e in &self.document_errors {
            j.open()
                .key("code")
                .int(e.code)
                .key("docType")
                .str(&e.doc_type)
                .close('}');
        }
        j.close(']').key("documents").open_array();
        for d in &self.documents {
            d.write_json(j);
        }
        j.close(']')
            .key("status")
            .raw(&self.status.to_string())
            .key("version")
            .str(&self.version)
            .close('}');
    }
}

/// `{ namespace: { element: value } }`.
fn write_claims(j: &mut JsonText, claims: &BTreeMap<String, BTreeMap<String, MdocValue>>) {
    j.open();
    for (ns, elements) in claims {
        j.key(ns).open();
        for (id, v) in elements {
            j.key(id);
            v.write_json(j);
        }
        j.close('}');
    }
    j.close('}');
}

impl VerifiedMdoc {
    fn write_json(&self, j: &mut JsonText) {
        j.open().key("claims");
        write_claims(j, &self.claims);
        j.key("deviceAuth")
            .str(self.device_auth)
            .key("deviceClaims");
        write_claims(j, &self.device_claims);
        j.key("deviceKey")
            .raw(&self.device_key.to_string())
            .key("deviceKeyThumbprint")
            .str(&self.device_key_thumbprint)
            .key("digestAlgorithm")
            .str(&self.digest_algorithm)
            .key("docType")
            .str(&self.doc_type)
            .key("errors")
            .open();
        for (ns, elements) in &self.errors {
            j.key(ns).open();
            for (id, code) in elements {
                j.key(id).int(*code);
            }
            j.close('}');
        }
        j.close('}').key("findings").open_array();
        for f in &self.findings {
            j.raw(&crate::wire::value_of(f).to_string());
        }
        let i = &self.issuer;
        let v = &self.validity;
        j.close(']')
            .key("issuer")
            .open()
            .key("anchorFingerprint")
            .str(&i.anchor_fingerprint)
            .key("dsSubject")
            .str(&i.ds_subject)
            .key("iacaSubject")
            .str(&i.iaca_subject)
            .key("pinned")
            .bool(i.pinned)
            .close('}')
            .key("validity")
            .open()
            .key("expectedUpdate")
            .opt(v.expected_update, |j, t| {
                j.int(t);
            })
            .key("signed")
            .int(v.signed)
            .key("validFrom")
            .int(v.valid_from)
            .key("validUntil")
            .int(v.valid_until)
            .close('}')
            .close('}');
    }
}

/// `base.name`, a path in an error. Not `format!`: one small function instead of formatting
/// code at each of the many call sites (a smaller wasm module).
fn sub(base: &str, name: &str) -> String {
    [base, ".", name].concat()
}

/// `base[i]`.
fn index(base: &str, i: usize) -> String {
    [base, "[", &i.to_string(), "]"].concat()
}

fn format_error(path: &str, reason: &'static str) -> Error {
    Error::MdocFormat {
        path: path.to_owned(),
        reason,
    }
}

/// `map[key]`, for a map at `path`.
fn field<'b, 'a>(map: &'b Item<'a>, key: &str, path: &str) -> Result<&'b Item<'a>, Error> {
    if map.as_map().is_none() {
        return Err(format_error(path, "type"));
    }
    map.get(key)
        .ok_or_else(|| format_error(&sub(path, key), "missing"))
}

fn text<'a>(item: &Item<'a>, path: &str) -> Result<&'a str, Error> {
    item.as_text().ok_or_else(|| format_error(path, "type"))
}

fn map_of<'b, 'a>(item: &'b Item<'a>, path: &str) -> Result<&'b [(Item<'a>, Item<'a>)], Error> {
    item.as_map().ok_or_else(|| format_error(path, "type"))
}

fn array_of<'b, 'a>(item: &'b Item<'a>, path: &str) -> Result<&'b [Item<'a>], Error> {
    item.as_array().ok_or_else(|| format_error(path, "type"))
}

/// The item inside a `#6.24(bstr .cbor …)` member.
fn embedded<'a>(item: &Item<'a>, path: &str, options: &Options) -> Result<Item<'a>, Error> {
    item.decode_embedded(options)
        .ok_or_else(|| format_error(path, "not-tag24"))?
}

fn tdate(item: &Item<'_>, path: &str) -> Result<i64, Error> {
    match item.as_tag() {
        Some((cbor::TAG_DATE_TIME, _)) => item
            .as_date_time()
            .ok_or_else(|| format_error(path, "type")),
        _ => Err(format_error(path, "type")),
    }
}

/// Verifies a DeviceResponse (CBOR bytes) under `policy`: every document, up to
/// `policy.max_documents`. The first rule broken is the error.
pub fn verify_device_response(
    bytes: &[u8],
    policy: &Policy<'_>,
) -> Result<VerifiedDeviceResponse, Error> {
    let options = policy.options();
    let root = cbor::decode(bytes, &options)?;
    let p = "DeviceResponse";
    map_of(&root, p)?;
    let version = text(field(&root, "version", p)?, "DeviceResponse.version")?;
    // "1.0", or a later minor version of the same major one ("1.1").
    let minor = version.strip_prefix("1.");
    if !minor.is_some_and(|m| !m.is_empty() && m.bytes().all(|b| b.is_ascii_digit())) {
        return Err(Error::MdocVersion {
            what: "DeviceResponse",
            found: version.to_owned(),
        });
    }
    let status = field(&root, "status", p)?
        .as_u64()
        .ok_or_else(|| format_error("DeviceResponse.status", "type"))?;
    let mut document_errors = Vec::new();
    if let Some(errors) = root.get("documentErrors") {
        for (i, entry) in array_of(errors, "DeviceResponse.documentErrors")?
            .iter()
            .enumerate()
        {
            let path = index("DeviceResponse.documentErrors", i);
            for (k, v) in map_of(entry, &path)? {
                document_errors.push(DocumentError {
                    doc_type: text(k, &path)?.to_owned(),
                    code: v.as_i64().ok_or_else(|| format_error(&path, "type"))?,
                });
            }
        }
    }
    let documents = match root.get("documents") {
        Some(d) => array_of(d, "DeviceResponse.documents")?,
        None => &[],
    };
    if documents.is_empty() {
        return Err(Error::MdocNoDocument {
            status,
            errors: document_errors.len(),
        });
    }
    if documents.len() > policy.max_documents {
        return Err(Error::MdocTooManyDocuments {
            count: documents.len(),
            max: policy.max_documents,
        });
    }
    let documents = documents
        .iter()
        .enumerate()
        .map(|(i, d)| verify_document(d, &index("documents", i), policy, &options))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(VerifiedDeviceResponse {
        version: version.to_owned(),
        status,
        documents,
        document_errors,
    })
}

/// Verifies an `IssuerSigned` structure on its own (CBOR bytes; no device authentication, no
/// transcript: `policy.session_transcript` is not used): everything [`verify_device_response`]
/// checks up to the device key. The docType is the MSO's (checked against `policy.doc_type`).
/// For data at rest or issuer-signed-only exports; a presentation needs device authentication.
pub fn verify_issuer_signed(bytes: &[u8], policy: &Policy<'_>) -> Result<VerifiedMdoc, Error> {
    let options = policy.options();
    let root = cbor::decode(bytes, &options)?;
    let issuer = verify_issuer(&root, None, "IssuerSigned", policy, &options)?;
    Ok(issuer.into_result(BTreeMap::new(), "none", BTreeMap::new()))
}

/// What the issuer side of a document yields.
struct IssuerPart {
    doc_type: String,
    claims: BTreeMap<String, BTreeMap<String, MdocValue>>,
    issuer: MdocIssuer,
    validity: MdocValidity,
    digest_algorithm: String,
    device_key: PublicKey,
    /// `keyAuthorizations`: whole namespaces, and single elements by namespace.
    authorized_namespaces: BTreeSet<String>,
    authorized_elements: BTreeMap<String, BTreeSet<String>>,
}

impl IssuerPart {
    fn into_result(
        self,
        device_claims: BTreeMap<String, BTreeMap<String, MdocValue>>,
        device_auth: &'static str,
        errors: BTreeMap<String, BTreeMap<String, i64>>,
    ) -> VerifiedMdoc {
        let findings = text_findings(&self.claims, &device_claims)
            .iter()
            .map(|f| f.wire(crate::Lang::En))
            .collect();
        VerifiedMdoc {
            findings,
            doc_type: self.doc_type,
            claims: self.claims,
            device_claims,
            issuer: self.issuer,
            validity: self.validity,
            digest_algorithm: self.digest_algorithm,
            device_key: self.device_key.to_jwk(),
            device_key_thumbprint: self.device_key.thumbprint(),
            device_auth,
            errors,
        }
    }
}

/// The Document Signer: pinned by the caller, or chained to an IACA under the Annex B profile.
fn trust(chain: &[&[u8]], policy: &Policy<'_>) -> Result<(VerifiedPath, bool), Error> {
    let now = ValidityAt::Instant(policy.now);
    let pinned = chain
        .first()
        .is_some_and(|leaf| policy.pinned_signers.contains(leaf));
    if pinned {
        return Ok((
            x509::verify_pinned(chain, policy.pinned_signers, x509::Purpose::MdocIaca, now)?,
            true,
        ));
    }
    let path = x509::verify_path_with(
        chain,
        policy.anchors,
        &Profile::mdoc_document_signer(),
        now,
        x509::Budget::default(),
    )?;
    Ok((path, false))
}

fn digest_alg(name: &str) -> Option<Hash> {
    match name {
        "SHA-256" => Some(Hash::Sha256),
        "SHA-384" => Some(Hash::Sha384),
        "SHA-512" => Some(Hash::Sha512),
        _ => None,
    }
}

/// issuerAuth, the MSO and the disclosed items of one `IssuerSigned` at `path`.
/// `doc_type` is the Document's, when there is one.
fn verify_issuer(
    issuer_signed: &Item<'_>,
    doc_type: Option<&str>,
    path: &str,
    policy: &Policy<'_>,
    options: &Options,
) -> Result<IssuerPart, Error> {
    map_of(issuer_signed, path)?;
    let auth_path = sub(path, "issuerAuth");
    let issuer_auth = Sign1::from_item(field(issuer_signed, "issuerAuth", path)?)?;
    issuer_auth.sig_alg(policy.sig_algs)?;
    let chain = issuer_auth.headers.x5chain()?;
    let (ds, pinned) = trust(&chain, policy)?;
    issuer_auth.verify(ds.public_key(), policy.sig_algs, None)?;
    let payload = issuer_auth
        .payload()
        .ok_or(Error::CosePayload { reason: "missing" })?;

    // The MSO.
    let mso_path = sub(&auth_path, "payload");
    let mso_bytes = cbor::decode(payload, options)?;
    let mso = embedded(&mso_bytes, &mso_path, options)?;
    map_of(&mso, &mso_path)?;
    let version = text(field(&mso, "version", &mso_path)?, &mso_path)?;
    if version != "1.0" {
        return Err(Error::MdocVersion {
            what: "MobileSecurityObject",
            found: version.to_owned(),
        });
    }
    let alg_name = text(field(&mso, "digestAlgorithm", &mso_path)?, &mso_path)?;
    let hash = digest_alg(alg_name)
        .filter(|h| policy.digest_algs.contains(h))
        .ok_or_else(|| Error::MdocDigestAlgorithm {
            found: alg_name.to_owned(),
        })?;
    let mso_doc_type = text(field(&mso, "docType", &mso_path)?, &mso_path)?;
    let doc_type = match doc_type {
        Some(d) if d != mso_doc_type => {
            return Err(Error::MdocDocTypeMismatch {
                expected: d.to_owned(),
                found: mso_doc_type.to_owned(),
            })
        }
        Some(d) => d,
        None => {
            if let Some(want) = policy.doc_type.filter(|w| *w != mso_doc_type) {
                return Err(Error::MdocDocTypeMismatch {
                    expected: want.to_owned(),
                    found: mso_doc_type.to_owned(),
                });
            }
            mso_doc_type
        }
    };
    // The IACA's docTypes, when it came from a VICAL.
    if !pinned {
        let fingerprint = ds.anchor_fingerprint();
        let mut listed = policy
            .doc_type_limits
            .iter()
            .filter(|(f, _)| *f == fingerprint)
            .peekable();
        if listed.peek().is_some() && !listed.any(|(_, types)| types.iter().any(|t| t == doc_type))
        {
            return Err(Error::TrustListDocTypeNotAllowed {
                doc_type: doc_type.to_owned(),
                iaca: ds.anchor_subject().to_owned(),
            });
        }
    }

    let vpath = sub(&mso_path, "validityInfo");
    let validity_info = field(&mso, "validityInfo", &mso_path)?;
    let signed = tdate(
        field(validity_info, "signed", &vpath)?,
        &sub(&vpath, "signed"),
    )?;
    let valid_from = tdate(
        field(validity_info, "validFrom", &vpath)?,
        &sub(&vpath, "validFrom"),
    )?;
    let valid_until = tdate(
        field(validity_info, "validUntil", &vpath)?,
        &sub(&vpath, "validUntil"),
    )?;
    let expected_update = match validity_info.get("expectedUpdate") {
        Some(i) => Some(tdate(i, &sub(&vpath, "expectedUpdate"))?),
        None => None,
    };
    let reason = if policy.now < valid_from {
        Some("not-yet-valid")
    } else if policy.now > valid_until {
        Some("expired")
    } else {
        None
    };
    if let Some(reason) = reason {
        return Err(Error::MdocValidity {
            reason,
            valid_from,
            valid_until,
        });
    }
    let (not_before, not_after) = ds.validity();
    if signed < not_before || signed > not_after {
        return Err(Error::MdocSignedOutsideCert {
            signed,
            not_before,
            not_after,
        });
    }

    // valueDigests: namespace → digestID → digest.
    let dpath = sub(&mso_path, "valueDigests");
    let mut digests: BTreeMap<&str, BTreeMap<u64, &[u8]>> = BTreeMap::new();
    for (ns, ids) in map_of(field(&mso, "valueDigests", &mso_path)?, &dpath)? {
        let ns = text(ns, &dpath)?;
        let entry = digests.entry(ns).or_default();
        for (id, digest) in map_of(ids, &sub(&dpath, ns))? {
            let id = id
                .as_u64()
                .ok_or_else(|| format_error(&sub(&dpath, ns), "type"))?;
            let digest = digest
                .as_bytes()
                .ok_or_else(|| format_error(&sub(&dpath, ns), "type"))?;
            entry.insert(id, digest);
        }
    }

    // The device key and its authorizations.
    let kpath = sub(&mso_path, "deviceKeyInfo");
    let key_info = field(&mso, "deviceKeyInfo", &mso_path)?;
    let device_key = cose::cose_key(field(key_info, "deviceKey", &kpath)?)?;
    let mut authorized_namespaces = BTreeSet::new();
    let mut authorized_elements: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    if let Some(auth) = key_info.get("keyAuthorizations") {
        let apath = sub(&kpath, "keyAuthorizations");
        map_of(auth, &apath)?;
        if let Some(list) = auth.get("nameSpaces") {
            for ns in array_of(list, &apath)? {
                authorized_namespaces.insert(text(ns, &apath)?.to_owned());
            }
        }
        if let Some(elements) = auth.get("dataElements") {
            for (ns, list) in map_of(elements, &apath)? {
                let ns = text(ns, &apath)?.to_owned();
                let set = authorized_elements.entry(ns).or_default();
                for el in array_of(list, &apath)? {
                    set.insert(text(el, &apath)?.to_owned());
                }
            }
        }
    }

    // The disclosed items.
    let mut claims: BTreeMap<String, BTreeMap<String, MdocValue>> = BTreeMap::new();
    if let Some(namespaces) = issuer_signed.get("nameSpaces") {
        let npath = sub(path, "nameSpaces");
        for (ns, items) in map_of(namespaces, &npath)? {
            let ns = text(ns, &npath)?;
            let ipath = sub(&npath, ns);
            let signed_ns = digests.get(ns);
            let mut seen_ids = BTreeSet::new();
            let out = claims.entry(ns.to_owned()).or_default();
            for (i, tagged) in array_of(items, &ipath)?.iter().enumerate() {
                let item_path = index(&ipath, i);
                let item = embedded(tagged, &item_path, options)?;
                map_of(&item, &item_path)?;
                let id = field(&item, "digestID", &item_path)?
                    .as_u64()
                    .ok_or_else(|| format_error(&sub(&item_path, "digestID"), "type"))?;
                field(&item, "random", &item_path)?
                    .as_bytes()
                    .ok_or_else(|| format_error(&sub(&item_path, "random"), "type"))?;
                let element = text(
                    field(&item, "elementIdentifier", &item_path)?,
                    &sub(&item_path, "elementIdentifier"),
                )?;
                let value = field(&item, "elementValue", &item_path)?;
                if !seen_ids.insert(id) {
                    return Err(Error::MdocDigestDuplicate {
                        namespace: ns.to_owned(),
                        digest_id: id,
                    });
                }
                let expected =
                    signed_ns
                        .and_then(|d| d.get(&id))
                        .ok_or_else(|| Error::MdocDigestUnknown {
                            namespace: ns.to_owned(),
                            digest_id: id,
                        })?;
                // The digest input is the tag-24 item exactly as received.
                let actual = hash
                    .digest(tagged.raw())
                    .map_err(|_| Error::MdocDigestAlgorithm {
                        found: alg_name.to_owned(),
                    })?;
                if actual.as_slice() != *expected {
                    return Err(Error::MdocDigestMismatch {
                        namespace: ns.to_owned(),
                        element: element.to_owned(),
                        digest_id: id,
                    });
                }
                if out
                    .insert(element.to_owned(), MdocValue::from_item(value))
                    .is_some()
                {
                    return Err(format_error(&item_path, "duplicate-element"));
                }
            }
        }
    }

    let leaf_fingerprint = ds.anchor_fingerprint();
    Ok(IssuerPart {
        doc_type: doc_type.to_owned(),
        claims,
        issuer: MdocIssuer {
            ds_subject: ds.subject().to_owned(),
            iaca_subject: ds.anchor_subject().to_owned(),
            anchor_fingerprint: crate::jose::b64::encode_url(&leaf_fingerprint),
            pinned,
        },
        validity: MdocValidity {
            signed,
            valid_from,
            valid_until,
            expected_update,
        },
        digest_algorithm: alg_name.to_owned(),
        device_key,
        authorized_namespaces,
        authorized_elements,
    })
}

/// `DeviceAuthenticationBytes = #6.24(bstr .cbor ["DeviceAuthentication", SessionTranscript,
/// DocType, DeviceNameSpacesBytes])` (ISO 18013-5 §9.1.3.4), with the transcript and the
/// received DeviceNameSpacesBytes copied as they are.
pub fn device_authentication_bytes(
    transcript: &SessionTranscript,
    doc_type: &str,
    device_namespaces_bytes: &[u8],
) -> Vec<u8> {
    let mut inner = Encoder::new();
    inner
        .array(4)
        .text("DeviceAuthentication")
        .raw(transcript.as_bytes())
        .text(doc_type)
        .raw(device_namespaces_bytes);
    let mut e = Encoder::new();
    e.embedded(inner.as_bytes());
    e.into_bytes()
}

/// `EMacKey` (ISO 18013-5 §9.1.3.5): HKDF-SHA-256 over the ECDH secret of the reader's
/// ephemeral private key and the device key, salt SHA-256(SessionTranscriptBytes), info
/// `"EMacKey"`, 32 bytes. `None` if either key is unusable (not P-256).
pub fn emac_key(
    reader_private: &[u8],
    device_key: &PublicKey,
    transcript: &SessionTranscript,
) -> Option<Vec<u8>> {
    if device_key.kind() != KeyKind::Ec(Curve::P256) {
        return None;
    }
    // ECDH on P-256 (SEC 1 §3.3.1), the one of `crypto::ecdh`.
    let shared = crate::crypto::RecipientKey::from_private_bytes(reader_private)
        .ok()?
        .agree_with_key(device_key)?;
    let salt = Sha256::digest(transcript.tagged_bytes());
    cose::hkdf_sha256(&shared, &salt, b"EMacKey", 32)
}

fn device_auth_error(reason: &'static str) -> Error {
    Error::MdocDeviceAuth { reason }
}

fn verify_document(
    doc: &Item<'_>,
    path: &str,
    policy: &Policy<'_>,
    options: &Options,
) -> Result<VerifiedMdoc, Error> {
    map_of(doc, path)?;
    let doc_type = text(field(doc, "docType", path)?, &sub(path, "docType"))?;
    if let Some(want) = policy.doc_type.filter(|w| *w != doc_type) {
        return Err(Error::MdocDocTypeMismatch {
            expected: want.to_owned(),
            found: doc_type.to_owned(),
        });
    }
    let issuer = verify_issuer(
        field(doc, "issuerSigned", path)?,
        Some(doc_type),
        &sub(path, "issuerSigned"),
        policy,
        options,
    )?;

    // DeviceSigned.
    let dpath = sub(path, "deviceSigned");
    let device_signed = field(doc, "deviceSigned", path)?;
    let ns_item = field(device_signed, "nameSpaces", &dpath)?;
    let ns_path = sub(&dpath, "nameSpaces");
    let device_namespaces = embedded(ns_item, &ns_path, options)?;
    let mut device_claims: BTreeMap<String, BTreeMap<String, MdocValue>> = BTreeMap::new();
    for (ns, elements) in map_of(&device_namespaces, &ns_path)? {
        let ns = text(ns, &ns_path)?;
        let out = device_claims.entry(ns.to_owned()).or_default();
        for (el, value) in map_of(elements, &sub(&ns_path, ns))? {
            let el = text(el, &sub(&ns_path, ns))?;
            let allowed = issuer.authorized_namespaces.contains(ns)
                || issuer
                    .authorized_elements
                    .get(ns)
                    .is_some_and(|s| s.contains(el));
            if !allowed && policy.drop_unauthorized_device_elements {
                continue;
            }
            if !allowed {
                return Err(Error::MdocKeyUnauthorized {
                    namespace: ns.to_owned(),
                    element: el.to_owned(),
                });
            }
            out.insert(el.to_owned(), MdocValue::from_item(value));
        }
    }

    let apath = sub(&dpath, "deviceAuth");
    let device_auth = field(device_signed, "deviceAuth", &dpath)?;
    map_of(device_auth, &apath)?;
    let dab = device_authentication_bytes(policy.session_transcript, doc_type, ns_item.raw());
    let kind = match (
        device_auth.get("deviceSignature"),
        device_auth.get("deviceMac"),
    ) {
        (Some(_), Some(_)) => return Err(device_auth_error("both")),
        (None, None) => return Err(device_auth_error("missing")),
        (Some(sig), None) => {
            let sign1 = Sign1::from_item(sig)?;
            if sign1.payload().is_some_and(|p| p != dab.as_slice()) {
                return Err(device_auth_error("payload-differs"));
            }
            sign1
                .verify(&issuer.device_key, policy.sig_algs, Some(&dab))
                .map_err(|e| match e {
                    Error::CoseSignatureInvalid => device_auth_error("signature-invalid"),
                    e => e,
                })?;
            "signature"
        }
        (None, Some(mac)) => {
            if !policy.allow_device_mac {
                return Err(device_auth_error("mac-not-allowed"));
            }
            let mac0 = Mac0::from_item(mac)?;
            if mac0.payload().is_some_and(|p| p != dab.as_slice()) {
                return Err(device_auth_error("payload-differs"));
            }
            let reader = policy
                .reader_key
                .ok_or_else(|| device_auth_error("no-reader-key"))?;
            if issuer.device_key.kind() != KeyKind::Ec(Curve::P256) {
                return Err(device_auth_error("mac-curve"));
            }
            let key = emac_key(reader, &issuer.device_key, policy.session_transcript)
                .ok_or_else(|| device_auth_error("reader-key-invalid"))?;
            if !mac0.verify(&key, Some(&dab))? {
                return Err(device_auth_error("mac-invalid"));
            }
            "mac"
        }
    };

    let mut errors: BTreeMap<String, BTreeMap<String, i64>> = BTreeMap::new();
    if let Some(e) = doc.get("errors") {
        let epath = sub(path, "errors");
        for (ns, elements) in map_of(e, &epath)? {
            let ns = text(ns, &epath)?;
            let out = errors.entry(ns.to_owned()).or_default();
            for (el, code) in map_of(elements, &epath)? {
                out.insert(
                    text(el, &epath)?.to_owned(),
                    code.as_i64().ok_or_else(|| format_error(&epath, "type"))?,
                );
            }
        }
    }
    Ok(issuer.into_result(device_claims, kind, errors))
}
