//! One browser flow over the W3C Digital Credentials API, the verifier's side: JSON in, JSON
//! out, so that the JS layer only adds randomness and calls `navigator.credentials.get`
//! (`shared/domain/presentations.md` §3; `docs/dcapi.md`). Feature `dcapi`.
//!
//! 1. [`create_credential_request`] reads the caller's options (what to ask for, the origin)
//!    and random bytes, and returns the `digital` member of `navigator.credentials.get`
//!    (`{ "requests": [{ protocol, data }, …] }`) and the request **state**: the origin, the
//!    nonce, what was asked and the request's ephemeral **private keys**. The state must stay
//!    with the verifier (server-side, or in memory in the page) and be used once.
//! 2. [`verify_credential_response`] takes the `DigitalCredential` the page got
//!    (`{ protocol, data }`), that state and the trust options, and returns one typed result
//!    ([`VerifiedCredentialResponse`]) whichever protocol and format the wallet used. The
//!    origin and the nonce come from the state only, never from the response.
//!
//! Protocols: `org-iso-mdoc` (ISO 18013-7 Annex C: a DeviceRequest and an HPKE-encrypted
//! DeviceResponse, [`crate::hpke::annex_c`]) and `openid4vp-v1-unsigned` (OpenID4VP 1.0
//! Appendix A, `response_mode` `dc_api.jwt`: a DCQL query and a JWE-encrypted `vp_token`,
//! [`crate::jose::jwe`]) with `mso_mdoc` and `dc+sd-jwt` credentials. Signed OpenID4VP requests
//! are not made here.

mod request;
mod response;

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use request::{
    create_credential_request, ClaimPath, MdocClaims, MdocQuery, Protocol, RequestOptions,
    SdJwtQuery, MIN_RANDOM_LEN,
};
pub use response::{
    verify_credential_response, verify_credential_response_typed, ResponseOptions, TrustOptions,
    VerifiedCredentialResponse, DEFAULT_MAX_AGE_SECONDS, MAX_CREDENTIAL_BYTES,
};

use crate::error::Error;
use crate::read;
use crate::request::OptionsError;

/// The DCQL credential query id of the mdoc credential.
pub const MDOC_QUERY_ID: &str = "mdoc";
/// The DCQL credential query id of the SD-JWT VC credential.
pub const SD_JWT_QUERY_ID: &str = "sd_jwt";
/// The version of the state's JSON.
pub const STATE_VERSION: u32 = 1;

/// What went wrong in a flow: options that do not fit their types (a `TypeError` in JS), or a
/// failure with a stable code.
#[derive(Clone, Debug, PartialEq)]
pub enum FlowError {
    /// The options (or the random bytes) are wrong: a programming error of the caller.
    Options(OptionsError),
    /// The request or response failed a rule ([`Error::code`]).
    Failed(Error),
}

impl From<Error> for FlowError {
    fn from(e: Error) -> FlowError {
        FlowError::Failed(e)
    }
}

impl From<OptionsError> for FlowError {
    fn from(e: OptionsError) -> FlowError {
        FlowError::Options(e)
    }
}

impl core::fmt::Display for FlowError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            FlowError::Options(e) => e.fmt(f),
            FlowError::Failed(e) => f.write_str(e.code()),
        }
    }
}

/// The request state (its JSON is what [`create_credential_request`] returns). **It holds the
/// request's private keys**: keep it server-side or in memory, never in the page's URL, storage
/// shared with other origins, or logs; use it once.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct State {
    /// [`STATE_VERSION`].
    pub v: u32,
    /// The caller's origin (`https://host[:port]`).
    pub origin: String,
    /// The request nonce (for `org-iso-mdoc`, its UTF-8 bytes are the `EncryptionInfo` nonce).
    pub nonce: String,
    /// When the request was made (Unix seconds), when the caller said.
    pub created: Option<i64>,
    /// The mdoc asked for.
    pub mdoc: Option<MdocState>,
    /// The SD-JWT VC asked for.
    pub sd_jwt: Option<SdJwtState>,
    /// The key material of each protocol asked for.
    pub protocols: ProtocolStates,
}

/// The mdoc part of the state.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct MdocState {
    /// The docType.
    pub doc_type: String,
    /// The elements, `[namespace, element]`.
    pub claims: Vec<(String, String)>,
    /// `IntentToRetain`, for every element.
    pub intent_to_retain: bool,
}

/// The SD-JWT VC part of the state.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SdJwtState {
    /// The `vct` asked for.
    pub vct: String,
    /// The claims paths (strings, non-negative integers and `null`).
    pub claims: Vec<Vec<Value>>,
}

/// The key material of each protocol of the request.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ProtocolStates {
    /// `org-iso-mdoc`.
    #[serde(rename = "org-iso-mdoc", default)]
    pub org_iso_mdoc: Option<AnnexCState>,
    /// `openid4vp-v1-unsigned`.
    #[serde(rename = "openid4vp-v1-unsigned", default)]
    pub openid4vp: Option<Oid4vpState>,
}

/// What opens and binds an `org-iso-mdoc` answer.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AnnexCState {
    /// The HPKE recipient's private scalar, base64url (32 bytes). Secret.
    pub private_key: String,
    /// The request's `encryptionInfo`, as sent (it goes into the SessionTranscript).
    pub encryption_info: String,
}

/// What opens and binds an `openid4vp-v1-unsigned` answer.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Oid4vpState {
    /// The JWE recipient's private scalar, base64url (32 bytes). Secret.
    pub private_key: String,
    /// The `kid` of its JWK in `client_metadata.jwks` (its RFC 7638 thumbprint).
    pub kid: String,
}

impl State {
    /// Reads a state's JSON strictly ([`Error::DcapiState`] when it is not one).
    pub fn from_json(json: &str) -> Result<State, Error> {
        let state = State::read(json).map_err(|_| Error::DcapiState { reason: "json" })?;
        if state.v != STATE_VERSION {
            return Err(Error::DcapiState { reason: "version" });
        }
        Ok(state)
    }

    /// What the serde derive reads, written out (`src/read.rs`).
    fn read(json: &str) -> Result<State, OptionsError> {
        use read::{array, int, member, object, required, string};
        let v = read::parse(json)?;
        let m = object(
            &v,
            "",
            &[
                "v",
                "origin",
                "nonce",
                "created",
                "mdoc",
                "sdJwt",
                "protocols",
            ],
        )?;
        let text = |m: &serde_json::Map<String, Value>, k: &str| string(required(m, "", k)?, k);
        let mdoc = match member(m, "mdoc") {
            None => None,
            Some(v) => {
                let d = object(v, "mdoc", &["docType", "claims", "intentToRetain"])?;
                let mut claims = Vec::new();
                for p in array(required(d, "mdoc", "claims")?, "mdoc.claims")? {
                    match array(p, "mdoc.claims")?.as_slice() {
                        [ns, el] => claims.push((string(ns, "mdoc")?, string(el, "mdoc")?)),
                        _ => return Err(read::err("mdoc.claims", "pairs")),
                    }
                }
                let intent = required(d, "mdoc", "intentToRetain")?;
                Some(MdocState {
                    doc_type: text(d, "docType")?,
                    claims,
                    intent_to_retain: read::boolean(intent, "mdoc")?,
                })
            }
        };
        let sd_jwt = match member(m, "sdJwt") {
            None => None,
            Some(v) => {
                let d = object(v, "sdJwt", &["vct", "claims"])?;
                let mut claims = Vec::new();
                for p in array(required(d, "sdJwt", "claims")?, "sdJwt.claims")? {
                    claims.push(array(p, "sdJwt.claims")?.clone());
                }
                Some(SdJwtState {
                    vct: text(d, "vct")?,
                    claims,
                })
            }
        };
        let p = object(
            required(m, "", "protocols")?,
            "protocols",
            &["org-iso-mdoc", "openid4vp-v1-unsigned"],
        )?;
        let annex_c = match member(p, "org-iso-mdoc") {
            None => None,
            Some(v) => {
                let k = object(v, "protocols", &["privateKey", "encryptionInfo"])?;
                Some(AnnexCState {
                    private_key: text(k, "privateKey")?,
                    encryption_info: text(k, "encryptionInfo")?,
                })
            }
        };
        let openid4vp = match member(p, "openid4vp-v1-unsigned") {
            None => None,
            Some(v) => {
                let k = object(v, "protocols", &["privateKey", "kid"])?;
                Some(Oid4vpState {
                    private_key: text(k, "privateKey")?,
                    kid: text(k, "kid")?,
                })
            }
        };
        let version = required(m, "", "v")?
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| read::err("v", "u32"))?;
        Ok(State {
            v: version,
            origin: text(m, "origin")?,
            nonce: text(m, "nonce")?,
            created: member(m, "created")
                .map(|c| int(c, "created"))
                .transpose()?,
            mdoc,
            sd_jwt,
            protocols: ProtocolStates {
                org_iso_mdoc: annex_c,
                openid4vp,
            },
        })
    }

    /// The state's JSON text (what the serde derive writes, written out; members in the order
    /// a `serde_json::Map` writes them).
    pub fn to_json(&self) -> String {
        let mut j = crate::wire::JsonText::new();
        j.open().key("created");
        match self.created {
            Some(c) => j.raw(&c.to_string()),
            None => j.raw("null"),
        };
        j.key("mdoc");
        match &self.mdoc {
            Some(d) => {
                j.open().key("claims").open_array();
                for (ns, el) in &d.claims {
                    j.strs(&[ns, el]);
                }
                j.close(']')
                    .key("docType")
                    .str(&d.doc_type)
                    .key("intentToRetain")
                    .bool(d.intent_to_retain)
                    .close('}')
            }
            None => j.raw("null"),
        };
        j.key("nonce")
            .str(&self.nonce)
            .key("origin")
            .str(&self.origin)
            .key("protocols")
            .open()
            .key("openid4vp-v1-unsigned");
        match &self.protocols.openid4vp {
            Some(k) => j
                .open()
                .key("kid")
                .str(&k.kid)
                .key("privateKey")
                .str(&k.private_key)
                .close('}'),
            None => j.raw("null"),
        };
        j.key("org-iso-mdoc");
        match &self.protocols.org_iso_mdoc {
            Some(k) => j
                .open()
                .key("encryptionInfo")
                .str(&k.encryption_info)
                .key("privateKey")
                .str(&k.private_key)
                .close('}'),
            None => j.raw("null"),
        };
        j.close('}').key("sdJwt");
        match &self.sd_jwt {
            Some(d) => {
                j.open().key("claims").open_array();
                for p in &d.claims {
                    j.open_array();
                    for v in p {
                        j.raw(&v.to_string());
                    }
                    j.close(']');
                }
                j.close(']').key("vct").str(&d.vct).close('}')
            }
            None => j.raw("null"),
        };
        j.key("v").raw(&self.v.to_string()).close('}');
        j.finish()
    }
}
