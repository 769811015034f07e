//! Making the request: the caller's options (read as strictly as [`crate::request`] reads
//! verification options) → `{ "requests": [...] }` for `navigator.credentials.get({ digital })`
//! and the [`State`].
//!
//! ```json
//! { "protocols": ["org-iso-mdoc", "openid4vp-v1-unsigned"],
//!   "mdoc": { "docType": "org.iso.18013.5.1.mDL",
//!             "claims": { "org.iso.18013.5.1": ["family_name", "birth_date"] },
//!             "intentToRetain": false },
//!   "sdJwt": { "vct": "urn:eudi:pid:1", "claims": ["given_name", ["address", "locality"]] },
//!   "origin": "https://shop.example", "nonce": "…", "now": 1796342400 }
//! ```
//!
//! `mdoc.claims` is `{ namespace: [elements] }` or `[[namespace, element], …]`; `sdJwt.claims`
//! lists claims paths (OpenID4VP 1.0 §7.1: arrays of strings, non-negative integers and `null`;
//! a string alone is a one-element path). `nonce` defaults to base64url of 16 random bytes;
//! `now` (Unix seconds) is kept in the state as its creation time.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;
use serde_json::Value;

use super::{
    read, AnnexCState, FlowError, MdocState, Oid4vpState, ProtocolStates, SdJwtState, State,
    MDOC_QUERY_ID, SD_JWT_QUERY_ID, STATE_VERSION,
};
use crate::cbor::Encoder;
use crate::crypto::ecdh::RecipientKey;
use crate::hpke::annex_c;
use crate::jose::{b64, jwe};
use crate::request::{Checked, OptionsError};
use crate::wire::JsonText;

/// Random bytes [`create_credential_request`] needs: 32 for the keys, 16 for the nonce.
pub const MIN_RANDOM_LEN: usize = 48;
/// Most claims asked for, per credential.
pub const MAX_CLAIMS: usize = 256;
/// Longest nonce, origin, docType, vct, namespace or element name, in bytes.
pub const MAX_TEXT: usize = 512;
/// The COSE algorithms the mdoc verifier accepts (ES256, ES384, ES512), for
/// `vp_formats_supported`.
const COSE_ALGS: &str = "[-7,-35,-36]";

/// A presentation protocol of the Digital Credentials API this verifier speaks.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
pub enum Protocol {
    /// ISO 18013-7 Annex C.
    #[serde(rename = "org-iso-mdoc")]
    OrgIsoMdoc,
    /// OpenID4VP 1.0 Appendix A, unsigned request.
    #[serde(rename = "openid4vp-v1-unsigned")]
    Openid4vpUnsigned,
}

impl Protocol {
    /// The protocol identifier.
    pub fn name(self) -> &'static str {
        match self {
            Protocol::OrgIsoMdoc => "org-iso-mdoc",
            Protocol::Openid4vpUnsigned => "openid4vp-v1-unsigned",
        }
    }
}

/// The mdoc elements asked for.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum MdocClaims {
    /// `{ namespace: [elements] }`.
    ByNamespace(BTreeMap<String, Vec<String>>),
    /// `[[namespace, element], …]`.
    Pairs(Vec<(String, String)>),
}

impl MdocClaims {
    fn pairs(&self) -> Vec<(String, String)> {
        match self {
            MdocClaims::ByNamespace(m) => m
                .iter()
                .flat_map(|(ns, els)| els.iter().map(move |e| (ns.clone(), e.clone())))
                .collect(),
            MdocClaims::Pairs(p) => p.clone(),
        }
    }
}

/// `mdoc`: the document asked for.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct MdocQuery {
    /// The docType.
    pub doc_type: String,
    /// The elements.
    pub claims: MdocClaims,
    /// ISO 18013-5 `IntentToRetain` for every element (default false).
    #[serde(default)]
    pub intent_to_retain: bool,
}

/// A claims path, or a claim name alone.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum ClaimPath {
    /// A top-level claim.
    Name(String),
    /// A path.
    Path(Vec<Value>),
}

impl ClaimPath {
    fn path(&self) -> Vec<Value> {
        match self {
            ClaimPath::Name(n) => vec![Value::String(n.clone())],
            ClaimPath::Path(p) => p.clone(),
        }
    }
}

/// `sdJwt`: the SD-JWT VC asked for.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SdJwtQuery {
    /// The `vct`.
    pub vct: String,
    /// The claims paths.
    pub claims: Vec<ClaimPath>,
}

/// `createCredentialRequest` options.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RequestOptions {
    /// The protocols offered to the browser, in order of preference.
    pub protocols: Vec<Protocol>,
    /// The mdoc asked for.
    #[serde(default)]
    pub mdoc: Option<MdocQuery>,
    /// The SD-JWT VC asked for (OpenID4VP only).
    #[serde(default)]
    pub sd_jwt: Option<SdJwtQuery>,
    /// The nonce (default: from the random bytes).
    #[serde(default)]
    pub nonce: Option<String>,
    /// The page's origin, `location.origin`.
    pub origin: String,
    /// Unix seconds, kept in the state as its creation time (for `maxAgeSeconds`).
    #[serde(default)]
    pub now: Option<i64>,
}

impl RequestOptions {
    /// Reads the options strictly (unknown members refused) and checks them: the reader behind
    /// [`create_credential_request`] (the serde derive reads the same).
    pub fn from_json(json: &str) -> Result<RequestOptions, OptionsError> {
        let v = read::parse(json)?;
        let m = read::object(
            &v,
            "",
            &["protocols", "mdoc", "sdJwt", "nonce", "origin", "now"],
        )?;
        let mut protocols = Vec::new();
        for (i, p) in read::array(read::required(m, "", "protocols")?, "protocols")?
            .iter()
            .enumerate()
        {
            let at = format!("protocols[{i}]");
            protocols.push(match read::string(p, &at)?.as_str() {
                "org-iso-mdoc" => Protocol::OrgIsoMdoc,
                "openid4vp-v1-unsigned" => Protocol::Openid4vpUnsigned,
                other => {
                    return Err(read::err(
                        &at,
                        &format!("unknown variant `{other}`, expected `org-iso-mdoc` or `openid4vp-v1-unsigned`"),
                    ))
                }
            });
        }
        let mdoc = read::member(m, "mdoc").map(read_mdoc).transpose()?;
        let sd_jwt = read::member(m, "sdJwt").map(read_sd_jwt).transpose()?;
        let options = RequestOptions {
            protocols,
            mdoc,
            sd_jwt,
            nonce: read::opt_string(m, "", "nonce")?,
            origin: read::string(read::required(m, "", "origin")?, "origin")?,
            now: read::member(m, "now")
                .map(|v| read::int(v, "now"))
                .transpose()?,
        };
        options.check()?;
        Ok(options)
    }
}

fn read_mdoc(v: &Value) -> Result<MdocQuery, OptionsError> {
    let m = read::object(v, "mdoc", &["docType", "claims", "intentToRetain"])?;
    let claims_v = read::required(m, "mdoc", "claims")?;
    let claims = if let Some(by_ns) = claims_v.as_object() {
        let mut out = BTreeMap::new();
        for (ns, els) in by_ns {
            let at = format!("mdoc.claims.{ns}");
            let mut list = Vec::new();
            for (i, e) in read::array(els, &at)?.iter().enumerate() {
                list.push(read::string(e, &format!("{at}[{i}]"))?);
            }
            out.insert(ns.clone(), list);
        }
        MdocClaims::ByNamespace(out)
    } else {
        let mut pairs = Vec::new();
        for (i, p) in read::array(claims_v, "mdoc.claims")?.iter().enumerate() {
            let at = format!("mdoc.claims[{i}]");
            match read::array(p, &at)?.as_slice() {
                [ns, el] => pairs.push((read::string(ns, &at)?, read::string(el, &at)?)),
                _ => return Err(read::err(&at, "must be [namespace, element]")),
            }
        }
        MdocClaims::Pairs(pairs)
    };
    Ok(MdocQuery {
        doc_type: read::string(read::required(m, "mdoc", "docType")?, "mdoc.docType")?,
        claims,
        intent_to_retain: read::member(m, "intentToRetain")
            .map(|b| read::boolean(b, "mdoc.intentToRetain"))
            .transpose()?
            .unwrap_or(false),
    })
}

fn read_sd_jwt(v: &Value) -> Result<SdJwtQuery, OptionsError> {
    let m = read::object(v, "sdJwt", &["vct", "claims"])?;
    let mut claims = Vec::new();
    for (i, c) in read::array(read::required(m, "sdJwt", "claims")?, "sdJwt.claims")?
        .iter()
        .enumerate()
    {
        claims.push(match c {
            Value::String(s) => ClaimPath::Name(s.clone()),
            Value::Array(a) => ClaimPath::Path(a.clone()),
            _ => {
                return Err(read::err(
                    &format!("sdJwt.claims[{i}]"),
                    "must be a claim name or a claims path (an array)",
                ))
            }
        });
    }
    Ok(SdJwtQuery {
        vct: read::string(read::required(m, "sdJwt", "vct")?, "sdJwt.vct")?,
        claims,
    })
}

fn bad(path: &str, message: &str) -> OptionsError {
    OptionsError {
        path: path.to_owned(),
        message: message.to_owned(),
    }
}

fn check_text(path: &str, s: &str) -> Result<(), OptionsError> {
    if s.is_empty() || s.len() > MAX_TEXT {
        return Err(bad(path, &format!("must be 1 to {MAX_TEXT} bytes")));
    }
    if s.chars().any(char::is_control) {
        return Err(bad(path, "must not contain control characters"));
    }
    Ok(())
}

/// A serialized origin: `https://host[:port]` (or `http://`), nothing after the authority.
fn is_origin(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|host| {
        !host.is_empty()
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b))
    })
}

impl Checked for RequestOptions {
    fn check(&self) -> Result<(), OptionsError> {
        if self.protocols.is_empty() {
            return Err(bad("protocols", "must list at least one protocol"));
        }
        let repeated = self
            .protocols
            .iter()
            .enumerate()
            .any(|(i, p)| self.protocols.iter().take(i).any(|q| q == p));
        if repeated {
            return Err(bad("protocols", "must not repeat a protocol"));
        }
        check_text("origin", &self.origin)?;
        if !is_origin(&self.origin) {
            return Err(bad(
                "origin",
                "must be a serialized origin (location.origin): https://host[:port]",
            ));
        }
        if let Some(n) = &self.nonce {
            check_text("nonce", n)?;
        }
        let mdoc_flow = self.protocols.contains(&Protocol::OrgIsoMdoc);
        let oid4vp = self.protocols.contains(&Protocol::Openid4vpUnsigned);
        if mdoc_flow && self.mdoc.is_none() {
            return Err(bad("mdoc", "is required with protocol org-iso-mdoc"));
        }
        if oid4vp && self.mdoc.is_none() && self.sd_jwt.is_none() {
            return Err(bad(
                "mdoc",
                "mdoc or sdJwt is required with protocol openid4vp-v1-unsigned",
            ));
        }
        if self.sd_jwt.is_some() && !oid4vp {
            return Err(bad(
                "sdJwt",
                "needs protocol openid4vp-v1-unsigned (org-iso-mdoc carries mdocs only)",
            ));
        }
        if let Some(m) = &self.mdoc {
            check_text("mdoc.docType", &m.doc_type)?;
            let pairs = m.claims.pairs();
            if pairs.is_empty() || pairs.len() > MAX_CLAIMS {
                return Err(bad(
                    "mdoc.claims",
                    &format!("must name 1 to {MAX_CLAIMS} elements"),
                ));
            }
            let mut seen = BTreeSet::new();
            for (ns, el) in &pairs {
                check_text("mdoc.claims", ns)?;
                check_text("mdoc.claims", el)?;
                if !seen.insert((ns, el)) {
                    return Err(bad("mdoc.claims", &format!("names {ns} {el} twice")));
                }
            }
        }
        if let Some(s) = &self.sd_jwt {
            check_text("sdJwt.vct", &s.vct)?;
            if s.claims.is_empty() || s.claims.len() > MAX_CLAIMS {
                return Err(bad(
                    "sdJwt.claims",
                    &format!("must list 1 to {MAX_CLAIMS} claims paths"),
                ));
            }
            for (i, c) in s.claims.iter().enumerate() {
                let path = c.path();
                let at = format!("sdJwt.claims[{i}]");
                if path.is_empty() {
                    return Err(bad(&at, "must not be an empty path"));
                }
                for v in &path {
                    match v {
                        Value::String(s) => check_text(&at, s)?,
                        Value::Null => {}
                        Value::Number(n) if n.is_u64() => {}
                        _ => {
                            return Err(bad(
                                &at,
                                "path elements must be strings, non-negative integers or null",
                            ))
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

/// The request's ephemeral key for `protocol`, from the 32-byte seed (one key per protocol,
/// domain-separated by the protocol name).
fn protocol_key(seed: &[u8], protocol: Protocol) -> Result<RecipientKey, crate::Error> {
    let mut ikm = seed.to_vec();
    ikm.extend_from_slice(protocol.name().as_bytes());
    RecipientKey::derive(&ikm)
}

/// ISO 18013-5 `DeviceRequest` (§8.3.2.1.2.1) asking for one document:
/// `{"version": "1.0", "docRequests": [{"itemsRequest": #6.24(ItemsRequest)}]}`.
pub fn device_request(doc_type: &str, claims: &[(String, String)], intent: bool) -> Vec<u8> {
    // ItemsRequest = {"docType": tstr, "nameSpaces": {ns: {element: IntentToRetain}}}, in the
    // order given.
    let mut namespaces: Vec<(&str, Vec<&str>)> = Vec::new();
    for (ns, el) in claims {
        match namespaces.iter_mut().find(|(n, _)| n == ns) {
            Some((_, els)) => els.push(el),
            None => namespaces.push((ns, vec![el])),
        }
    }
    let mut items = Encoder::new();
    items
        .map(2)
        .text("docType")
        .text(doc_type)
        .text("nameSpaces")
        .map(namespaces.len());
    for (ns, els) in &namespaces {
        items.text(ns).map(els.len());
        for el in els {
            items.text(el).bool(intent);
        }
    }
    let mut e = Encoder::new();
    e.map(2)
        .text("version")
        .text("1.0")
        .text("docRequests")
        .array(1)
        .map(1)
        .text("itemsRequest")
        .embedded(items.as_bytes());
    e.into_bytes()
}

/// The DCQL query (OpenID4VP 1.0 §6): one credential query per credential asked for and, with
/// both, a credential set letting the wallet answer with either.
fn dcql(j: &mut JsonText, mdoc: Option<&MdocState>, sd_jwt: Option<&SdJwtState>) {
    j.open();
    if mdoc.is_some() && sd_jwt.is_some() {
        j.key("credential_sets")
            .open_array()
            .open()
            .key("options")
            .open_array()
            .strs(&[MDOC_QUERY_ID])
            .strs(&[SD_JWT_QUERY_ID])
            .close(']')
            .close('}')
            .close(']');
    }
    j.key("credentials").open_array();
    if let Some(m) = mdoc {
        j.open().key("claims").open_array();
        for (ns, el) in &m.claims {
            j.open()
                .key("intent_to_retain")
                .bool(m.intent_to_retain)
                .key("path")
                .strs(&[ns, el])
                .close('}');
        }
        j.close(']')
            .key("format")
            .str("mso_mdoc")
            .key("id")
            .str(MDOC_QUERY_ID)
            .key("meta")
            .open()
            .key("doctype_value")
            .str(&m.doc_type)
            .close('}')
            .close('}');
    }
    if let Some(s) = sd_jwt {
        j.open().key("claims").open_array();
        for p in &s.claims {
            j.open().key("path").open_array();
            for v in p {
                j.raw(&v.to_string());
            }
            j.close(']').close('}');
        }
        j.close(']')
            .key("format")
            .str("dc+sd-jwt")
            .key("id")
            .str(SD_JWT_QUERY_ID)
            .key("meta")
            .open()
            .key("vct_values")
            .strs(&[&s.vct])
            .close('}')
            .close('}');
    }
    j.close(']').close('}');
}

/// `vp_formats_supported` for the formats asked for (OpenID4VP 1.0 §11.1, B.2.2, B.3.4).
fn vp_formats(j: &mut JsonText, mdoc: bool, sd_jwt: bool) {
    j.open();
    if sd_jwt {
        j.key("dc+sd-jwt")
            .open()
            .key("kb-jwt_alg_values")
            .strs(&["ES256"])
            .key("sd-jwt_alg_values")
            .strs(&["ES256", "ES384"])
            .close('}');
    }
    if mdoc {
        j.key("mso_mdoc")
            .open()
            .key("deviceauth_alg_values")
            .raw(COSE_ALGS)
            .key("issuerauth_alg_values")
            .raw(COSE_ALGS)
            .close('}');
    }
    j.close('}');
}

/// Makes a Digital Credentials API request from `options_json` ([`RequestOptions`]) and
/// `random` (at least [`MIN_RANDOM_LEN`] bytes from a CSPRNG: the first 32 make the keys, the
/// next 16 the nonce when none is given). Returns the JSON of `{ "requests": [...] }` (the
/// `digital` member of `navigator.credentials.get`) and of the [`State`] (**secret**: it holds
/// the private keys).
pub fn create_credential_request(
    options_json: &str,
    random: &[u8],
) -> Result<(String, String), FlowError> {
    let options = RequestOptions::from_json(options_json)?;
    let (Some(seed), Some(nonce_bytes)) = (random.get(..32), random.get(32..MIN_RANDOM_LEN)) else {
        return Err(bad(
            "random",
            &format!("at least {MIN_RANDOM_LEN} random bytes are needed"),
        )
        .into());
    };
    let nonce = options
        .nonce
        .clone()
        .unwrap_or_else(|| b64::encode_url(nonce_bytes));
    let mdoc = options.mdoc.as_ref().map(|m| MdocState {
        doc_type: m.doc_type.clone(),
        claims: m.claims.pairs(),
        intent_to_retain: m.intent_to_retain,
    });
    let sd_jwt = options.sd_jwt.as_ref().map(|s| SdJwtState {
        vct: s.vct.clone(),
        claims: s.claims.iter().map(ClaimPath::path).collect(),
    });
    // `{"requests":[{"data":{…},"protocol":…},…]}`.
    let mut j = JsonText::new();
    j.open().key("requests").open_array();
    let mut protocols = ProtocolStates {
        org_iso_mdoc: None,
        openid4vp: None,
    };
    for &protocol in &options.protocols {
        let key = protocol_key(seed, protocol)?;
        let private_key = b64::encode_url(&key.private_bytes());
        match protocol {
            Protocol::OrgIsoMdoc => {
                // Checked: org-iso-mdoc comes with `mdoc`.
                let Some(m) = &mdoc else { continue };
                let encryption_info = annex_c::encryption_info_b64(nonce.as_bytes(), &key);
                let device_request = device_request(&m.doc_type, &m.claims, m.intent_to_retain);
                j.open()
                    .key("data")
                    .open()
                    .key("deviceRequest")
                    .str(&b64::encode_url(&device_request))
                    .key("encryptionInfo")
                    .str(&encryption_info)
                    .close('}');
                protocols.org_iso_mdoc = Some(AnnexCState {
                    private_key,
                    encryption_info,
                });
            }
            Protocol::Openid4vpUnsigned => {
                let kid = key.public_key().thumbprint();
                // `client_metadata` (`jwe::client_metadata`) with `vp_formats_supported`.
                j.open()
                    .key("data")
                    .open()
                    .key("client_metadata")
                    .open()
                    .key("encrypted_response_enc_values_supported")
                    .strs(&["A128GCM", "A256GCM"])
                    .key("jwks")
                    .open()
                    .key("keys")
                    .open_array()
                    .raw(&jwe::encryption_jwk(&key, &kid).to_string())
                    .close(']')
                    .close('}')
                    .key("vp_formats_supported");
                vp_formats(&mut j, mdoc.is_some(), sd_jwt.is_some());
                j.close('}').key("dcql_query");
                dcql(&mut j, mdoc.as_ref(), sd_jwt.as_ref());
                j.key("nonce")
                    .str(&nonce)
                    .key("response_mode")
                    .str("dc_api.jwt")
                    .key("response_type")
                    .str("vp_token")
                    .close('}');
                protocols.openid4vp = Some(Oid4vpState { private_key, kid });
            }
        }
        j.key("protocol").str(protocol.name()).close('}');
    }
    j.close(']').close('}');
    let state = State {
        v: STATE_VERSION,
        origin: options.origin,
        nonce,
        created: options.now,
        mdoc,
        sd_jwt,
        protocols,
    };
    Ok((j.finish(), state.to_json()))
}
