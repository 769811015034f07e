//! Verifying the answer: the `DigitalCredential` the page got (`{ protocol, data }`), the
//! [`State`] of its request and the trust options → one [`VerifiedCredentialResponse`].
//!
//! ```json
//! { "now": 1796342460, "maxAgeSeconds": 600,
//!   "trust": { "mdoc": { "anchors": ["MIIB…"] },
//!              "sdJwt": { "anchors": ["MIIB…"], "statusLists": [] } } }
//! ```
//!
//! `trust.mdoc` takes the options of [`crate::mdoc::request::MdocOptions`] except what the
//! state decides (`now`, `transcript`, `readerKey`, `allowDeviceMac`, `docType`,
//! `maxDocuments`); `trust.sdJwt` those of [`crate::request::SdJwtVcOptions`] except `now`
//! and `keyBinding` (its nonce is the state's, its audience `origin:` + the state's origin,
//! OpenID4VP 1.0 §A.4). Each is required when the request asked for that format.

use serde_json::{Map, Value};

use super::{read, AnnexCState, FlowError, Oid4vpState, State, MDOC_QUERY_ID, SD_JWT_QUERY_ID};
use crate::crypto::ecdh::RecipientKey;
use crate::error::Error;
use crate::hpke::annex_c;
use crate::jose::jwe::{self, JweKey};
use crate::jose::{b64, parse_json};
use crate::mdoc::request::{verify_mdoc, MdocOptions, TranscriptOptions};
use crate::mdoc::{SessionTranscript, VerifiedDeviceResponse};
use crate::request::{Checked, FromOptions, KeyBindingOptions, OptionsError, SdJwtVcOptions};
use crate::wire::wire_struct;

/// `maxAgeSeconds` when not given: ten minutes.
pub const DEFAULT_MAX_AGE_SECONDS: u32 = 600;
/// The largest `maxAgeSeconds` accepted: one day.
pub const MAX_MAX_AGE_SECONDS: u32 = 86_400;
/// How far in the future a state's `created` may be (clock differences), seconds.
const CREATED_LEEWAY: i64 = 60;
/// Largest `DigitalCredential` JSON accepted, in bytes: the largest JWE (or Annex C
/// `response`) and its envelope.
pub const MAX_CREDENTIAL_BYTES: usize = jwe::MAX_JWE_CHARS + 1024;
/// Longest wallet value quoted back in an error, in characters.
const MAX_QUOTED: usize = 64;

/// Trust options, per format.
#[derive(Clone, Debug)]
pub struct TrustOptions {
    /// For mdocs (both protocols).
    pub mdoc: Option<MdocOptions>,
    /// For SD-JWT VCs.
    pub sd_jwt: Option<SdJwtVcOptions>,
}

/// `verifyCredentialResponse` options.
#[derive(Clone, Debug)]
pub struct ResponseOptions {
    /// Unix seconds.
    pub now: i64,
    /// Oldest request state accepted, seconds after its `created` (when it has one).
    pub max_age_seconds: u32,
    /// The trust options.
    pub trust: TrustOptions,
}

/// `trust` as given: each part is read as the verification options of its format.
struct RawTrust {
    mdoc: Option<Map<String, Value>>,
    sd_jwt: Option<Map<String, Value>>,
}

/// The options as given.
struct RawOptions {
    trust: RawTrust,
    now: i64,
    max_age_seconds: u32,
}

fn bad(path: &str, message: &str) -> OptionsError {
    OptionsError {
        path: path.to_owned(),
        message: message.to_owned(),
    }
}

impl Checked for RawOptions {
    fn check(&self) -> Result<(), OptionsError> {
        if self.trust.mdoc.is_none() && self.trust.sd_jwt.is_none() {
            return Err(bad("trust", "must give mdoc or sdJwt trust options"));
        }
        if self.max_age_seconds == 0 || self.max_age_seconds > MAX_MAX_AGE_SECONDS {
            return Err(bad(
                "maxAgeSeconds",
                &format!("must be 1 to {MAX_MAX_AGE_SECONDS}"),
            ));
        }
        Ok(())
    }
}

/// Reads the inner options of `trust.<name>` as `T`, after refusing the members the state
/// decides and filling them with placeholders (replaced before use).
fn inner<T: FromOptions + Checked>(
    name: &str,
    mut map: Map<String, Value>,
    forbidden: &[&str],
    fill: &[(&str, Value)],
) -> Result<T, OptionsError> {
    for f in forbidden {
        if map.contains_key(*f) {
            return Err(bad(
                &format!("trust.{name}.{f}"),
                "is set from the request state, not an option here",
            ));
        }
    }
    for (k, v) in fill {
        map.insert((*k).to_owned(), v.clone());
    }
    T::read_at(&Value::Object(map), "")
        .and_then(|t| t.check().map(|()| t))
        .map_err(|e| OptionsError {
            path: format!("trust.{name}.{}", e.path),
            message: e.message,
        })
}

/// [`RawOptions`] from JSON, strictly (written out: see `src/read.rs`).
fn read_raw_options(json: &str) -> Result<RawOptions, OptionsError> {
    let v = read::parse(json)?;
    let m = read::object(&v, "", &["trust", "now", "maxAgeSeconds"])?;
    let t = read::object(read::required(m, "", "trust")?, "trust", &["mdoc", "sdJwt"])?;
    let part = |key: &str| -> Result<Option<Map<String, Value>>, OptionsError> {
        read::member(t, key)
            .map(|v| {
                v.as_object().cloned().ok_or_else(|| {
                    read::err(
                        &read::join("trust", key),
                        "invalid type: expected an object",
                    )
                })
            })
            .transpose()
    };
    let max_age = match read::member(m, "maxAgeSeconds") {
        None => DEFAULT_MAX_AGE_SECONDS,
        Some(v) => v
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| read::err("maxAgeSeconds", "invalid type: expected a u32"))?,
    };
    let raw = RawOptions {
        trust: RawTrust {
            mdoc: part("mdoc")?,
            sd_jwt: part("sdJwt")?,
        },
        now: read::int(read::required(m, "", "now")?, "now")?,
        max_age_seconds: max_age,
    };
    raw.check()?;
    Ok(raw)
}

/// A JSON object of strings (not `json!`, whose every value goes through
/// `to_value(…).unwrap()`: more code in the wasm module).
fn object(members: &[(&str, &str)]) -> Value {
    let mut m = Map::new();
    for (k, v) in members {
        m.insert((*k).to_owned(), Value::from(*v));
    }
    Value::Object(m)
}

/// Reads `verifyCredentialResponse` options strictly.
pub fn parse_response_options(json: &str) -> Result<ResponseOptions, OptionsError> {
    let raw = read_raw_options(json)?;
    let now = Value::from(raw.now);
    let mdoc = match raw.trust.mdoc {
        None => None,
        Some(m) => Some(inner::<MdocOptions>(
            "mdoc",
            m,
            &[
                "now",
                "transcript",
                "readerKey",
                "allowDeviceMac",
                "docType",
                "maxDocuments",
            ],
            &[
                ("now", now.clone()),
                (
                    "transcript",
                    object(&[("bytes", &b64::encode_url(&[0x83, 0xf6, 0xf6, 0xf6]))]),
                ),
            ],
        )?),
    };
    let sd_jwt = match raw.trust.sd_jwt {
        None => None,
        Some(m) => Some(inner::<SdJwtVcOptions>(
            "sdJwt",
            m,
            &["now", "keyBinding"],
            &[
                ("now", now),
                ("keyBinding", object(&[("nonce", "-"), ("audience", "-")])),
            ],
        )?),
    };
    Ok(ResponseOptions {
        now: raw.now,
        max_age_seconds: raw.max_age_seconds,
        trust: TrustOptions { mdoc, sd_jwt },
    })
}

wire_struct! {
    /// A verified answer to `createCredentialRequest`'s request, whichever protocol and format
    /// the wallet chose. The origin and nonce are the request's (from its state): the response
    /// was checked to be bound to them.
    #[ts = "VerifiedCredentialResponse"]
    #[derive(Clone, Debug, PartialEq)]
    pub struct VerifiedCredentialResponse {
        /// The protocol the wallet answered with.
        pub protocol: &'static str as "'org-iso-mdoc' | 'openid4vp-v1-unsigned'",
        /// The credential format presented.
        pub format: &'static str as "'mso_mdoc' | 'dc+sd-jwt'",
        /// The request's origin.
        pub origin: String,
        /// The request's nonce.
        pub nonce: String,
        /// The verified mdoc DeviceResponse (format `mso_mdoc`).
        #[serde(skip_serializing_if = "Option::is_none")]
        pub mdoc: Option<VerifiedDeviceResponse>,
        /// The verified SD-JWT VC (format `dc+sd-jwt`).
        #[serde(skip_serializing_if = "Option::is_none")]
        pub sd_jwt: Option<Value> as "VerifiedSdJwtVc",
        /// Claims requested but not presented: `[namespace, element]` for an mdoc, the claims
        /// path for an SD-JWT VC. Empty when everything asked for is there.
        pub missing_claims: Vec<Vec<Value>> as "(string | number | null)[][]",
    }
}

impl VerifiedCredentialResponse {
    /// The result as the wasm module returns it: what the `Serialize` derive gives through a
    /// `serde_json::Value` (members sorted by name), written directly.
    pub fn to_wire_json(&self) -> String {
        let mut j = crate::wire::JsonText::new();
        j.open().key("format").str(self.format);
        if let Some(m) = &self.mdoc {
            j.key("mdoc");
            m.write_json(&mut j);
        }
        j.key("missingClaims").open_array();
        for path in &self.missing_claims {
            j.open_array();
            for v in path {
                j.raw(&v.to_string());
            }
            j.close(']');
        }
        j.close(']')
            .key("nonce")
            .str(&self.nonce)
            .key("origin")
            .str(&self.origin)
            .key("protocol")
            .str(self.protocol);
        if let Some(v) = &self.sd_jwt {
            j.key("sdJwt").raw(&v.to_string());
        }
        j.close('}');
        j.finish()
    }
}

fn quoted(s: &str) -> String {
    s.chars().take(MAX_QUOTED).collect()
}

fn state_key(private_key: &str) -> Result<RecipientKey, Error> {
    let d = b64::decode_url(private_key).ok_or(Error::DcapiState { reason: "key" })?;
    RecipientKey::from_private_bytes(&d).map_err(|_| Error::DcapiState { reason: "key" })
}

/// Verifies `credential_json` (the `DigitalCredential`'s `{ protocol, data }`) against
/// `state_json` (from [`super::create_credential_request`]) under `options_json`
/// (see the module docs). Returns the JSON of a [`VerifiedCredentialResponse`].
pub fn verify_credential_response(
    credential_json: &str,
    state_json: &str,
    options_json: &str,
) -> Result<String, FlowError> {
    let verified = verify_credential_response_typed(credential_json, state_json, options_json)?;
    Ok(serde_json::to_string(&verified).unwrap_or_default())
}

/// [`verify_credential_response`] with the result as a [`VerifiedCredentialResponse`].
pub fn verify_credential_response_typed(
    credential_json: &str,
    state_json: &str,
    options_json: &str,
) -> Result<VerifiedCredentialResponse, FlowError> {
    let options = parse_response_options(options_json)?;
    let state = State::from_json(state_json)?;
    if state.mdoc.is_some() && options.trust.mdoc.is_none() {
        return Err(bad("trust.mdoc", "is required: the request asked for an mdoc").into());
    }
    if state.sd_jwt.is_some() && options.trust.sd_jwt.is_none() {
        return Err(bad(
            "trust.sdJwt",
            "is required: the request asked for an SD-JWT VC",
        )
        .into());
    }
    Ok(verify(credential_json, &state, &options)?)
}

/// [`verify_credential_response`] with its inputs read.
pub fn verify(
    credential_json: &str,
    state: &State,
    options: &ResponseOptions,
) -> Result<VerifiedCredentialResponse, Error> {
    if let Some(created) = state.created {
        let age = options.now.saturating_sub(created);
        if age > i64::from(options.max_age_seconds) || age < -CREATED_LEEWAY {
            return Err(Error::DcapiStateExpired {
                age,
                max: i64::from(options.max_age_seconds),
            });
        }
    }
    if credential_json.len() > MAX_CREDENTIAL_BYTES {
        return Err(Error::InputTooLarge {
            len: credential_json.len(),
            max: MAX_CREDENTIAL_BYTES,
        });
    }
    let credential = parse_json(credential_json.as_bytes())
        .map_err(|_| Error::DcapiCredential { reason: "json" })?;
    let Value::Object(credential) = credential else {
        return Err(Error::DcapiCredential { reason: "shape" });
    };
    if credential
        .keys()
        .any(|k| !matches!(k.as_str(), "protocol" | "data" | "type" | "id"))
    {
        return Err(Error::DcapiCredential { reason: "shape" });
    }
    let protocol = credential
        .get("protocol")
        .and_then(Value::as_str)
        .ok_or(Error::DcapiCredential { reason: "shape" })?;
    let Some(Value::Object(data)) = credential.get("data") else {
        return Err(Error::DcapiCredential { reason: "data" });
    };
    match (
        protocol,
        &state.protocols.org_iso_mdoc,
        &state.protocols.openid4vp,
    ) {
        ("org-iso-mdoc", Some(st), _) => annex_c_response(data, st, state, options),
        ("openid4vp-v1-unsigned", _, Some(st)) => oid4vp_response(data, st, state, options),
        (other, _, _) => Err(Error::DcapiProtocol {
            protocol: quoted(other),
        }),
    }
}

fn mdoc_options(options: &ResponseOptions) -> Result<MdocOptions, Error> {
    // Both are checked before: a state asking for an mdoc comes with trust.mdoc.
    options
        .trust
        .mdoc
        .clone()
        .ok_or(Error::DcapiState { reason: "protocol" })
}

/// Verifies an mdoc DeviceResponse for the state's request under `transcript`.
fn verify_mdoc_for(
    device_response: &[u8],
    state: &State,
    options: &ResponseOptions,
    transcript: TranscriptOptions,
) -> Result<(VerifiedDeviceResponse, Vec<Vec<Value>>), Error> {
    let asked = state
        .mdoc
        .as_ref()
        .ok_or(Error::DcapiState { reason: "protocol" })?;
    let mut o = mdoc_options(options)?;
    o.now = options.now;
    o.transcript = transcript;
    o.reader_key = None;
    // Digital Credentials API flows: the wallet signs (presentations.md §2.3).
    o.allow_device_mac = false;
    o.doc_type = Some(asked.doc_type.clone());
    o.max_documents = 1;
    let verified = verify_mdoc(device_response, &o)?;
    let missing = asked
        .claims
        .iter()
        .filter(|(ns, el)| {
            !verified.documents.iter().any(|d| {
                d.claims.get(ns).is_some_and(|m| m.contains_key(el))
                    || d.device_claims.get(ns).is_some_and(|m| m.contains_key(el))
            })
        })
        .map(|(ns, el)| vec![Value::from(ns.clone()), Value::from(el.clone())])
        .collect();
    Ok((verified, missing))
}

fn annex_c_response(
    data: &Map<String, Value>,
    st: &AnnexCState,
    state: &State,
    options: &ResponseOptions,
) -> Result<VerifiedCredentialResponse, Error> {
    let response = match data.get("response") {
        Some(Value::String(r)) if data.len() == 1 => r,
        _ => return Err(Error::DcapiCredential { reason: "response" }),
    };
    let key = state_key(&st.private_key)?;
    let info =
        annex_c::parse_encryption_info(&st.encryption_info).map_err(|_| Error::DcapiState {
            reason: "encryption-info",
        })?;
    // The nonce is bound through `encryptionInfo` itself (it is in the SessionTranscript).
    if info.recipient != key.public_sec1() {
        return Err(Error::DcapiState {
            reason: "encryption-info",
        });
    }
    let transcript = SessionTranscript::dcapi(&st.encryption_info, &state.origin);
    let device_response = annex_c::open_response(response, &key, transcript.as_bytes(), true)?;
    let (mdoc, missing_claims) = verify_mdoc_for(
        &device_response,
        state,
        options,
        TranscriptOptions::Dcapi {
            encryption_info: st.encryption_info.clone(),
            origin: state.origin.clone(),
        },
    )?;
    Ok(VerifiedCredentialResponse {
        protocol: "org-iso-mdoc",
        format: "mso_mdoc",
        origin: state.origin.clone(),
        nonce: state.nonce.clone(),
        mdoc: Some(mdoc),
        sd_jwt: None,
        missing_claims,
    })
}

/// The one presentation of a `vp_token`: its credential query id and the string.
fn single_presentation<'v>(
    vp_token: Option<&'v Value>,
    state: &State,
) -> Result<(&'v str, &'v str), Error> {
    let vp = |reason| Error::DcapiVpToken { reason };
    let token = vp_token.ok_or(vp("missing"))?;
    let entries = token.as_object().ok_or(vp("shape"))?;
    let mut found = None;
    let mut count = 0usize;
    for (id, list) in entries {
        let known = (id == MDOC_QUERY_ID && state.mdoc.is_some())
            || (id == SD_JWT_QUERY_ID && state.sd_jwt.is_some());
        if !known {
            return Err(vp("unknown-id"));
        }
        let list = list.as_array().ok_or(vp("shape"))?;
        for p in list {
            let p = p.as_str().ok_or(vp("presentation"))?;
            count = count.saturating_add(1);
            found = Some((id.as_str(), p));
        }
    }
    match found {
        Some(f) if count == 1 => Ok(f),
        _ => Err(vp("count")),
    }
}

fn oid4vp_response(
    data: &Map<String, Value>,
    st: &Oid4vpState,
    state: &State,
    options: &ResponseOptions,
) -> Result<VerifiedCredentialResponse, Error> {
    let key = state_key(&st.private_key)?;
    let thumbprint = key.public_key().thumbprint();
    if st.kid != thumbprint {
        return Err(Error::DcapiState { reason: "key" });
    }
    let data_text = Value::Object(data.clone()).to_string();
    let params = jwe::open_authorization_response(
        &data_text,
        Some(JweKey {
            key: &key,
            kid: Some(&st.kid),
        }),
        true,
    )?;
    if let Some(error) = params.get("error") {
        let text = match error {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        return Err(Error::DcapiWalletError {
            error: quoted(&text),
        });
    }
    let (id, presentation) = single_presentation(params.get("vp_token"), state)?;
    if id == MDOC_QUERY_ID {
        // OpenID4VP 1.0 §B.2.5: base64url of the DeviceResponse.
        let bytes = b64::decode_url(presentation).ok_or(Error::DcapiVpToken {
            reason: "presentation",
        })?;
        let (mdoc, missing_claims) = verify_mdoc_for(
            &bytes,
            state,
            options,
            TranscriptOptions::Openid4vpDcApi {
                origin: state.origin.clone(),
                nonce: state.nonce.clone(),
                jwk_thumbprint: Some(thumbprint),
            },
        )?;
        return Ok(VerifiedCredentialResponse {
            protocol: "openid4vp-v1-unsigned",
            format: "mso_mdoc",
            origin: state.origin.clone(),
            nonce: state.nonce.clone(),
            mdoc: Some(mdoc),
            sd_jwt: None,
            missing_claims,
        });
    }
    let asked = state
        .sd_jwt
        .as_ref()
        .ok_or(Error::DcapiState { reason: "protocol" })?;
    let mut o = options
        .trust
        .sd_jwt
        .clone()
        .ok_or(Error::DcapiState { reason: "protocol" })?;
    o.now = options.now;
    let max_age_seconds = o.key_binding.as_ref().map_or(300, |kb| kb.max_age_seconds);
    o.key_binding = Some(KeyBindingOptions {
        nonce: state.nonce.clone(),
        // OpenID4VP 1.0 §A.4 (dc_api_response): the audience is the origin with `origin:`.
        audience: format!("origin:{}", state.origin),
        max_age_seconds,
    });
    let verified = crate::request::verify_sd_jwt_vc(presentation, &o)?;
    let vct = verified
        .get("vct")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if vct != asked.vct {
        return Err(Error::DcapiCredentialMismatch {
            expected: asked.vct.clone(),
            found: vct.chars().take(128).collect(),
        });
    }
    let claims = verified.get("claims").cloned().unwrap_or(Value::Null);
    let missing_claims = asked
        .claims
        .iter()
        .filter(|p| !path_present(&claims, p))
        .cloned()
        .collect();
    Ok(VerifiedCredentialResponse {
        protocol: "openid4vp-v1-unsigned",
        format: "dc+sd-jwt",
        origin: state.origin.clone(),
        nonce: state.nonce.clone(),
        mdoc: None,
        sd_jwt: Some(verified),
        missing_claims,
    })
}

/// Whether a claims path (OpenID4VP 1.0 §7.1) selects something in `claims`: a string selects
/// an object member, an integer an array element, `null` every element of an array.
fn path_present(claims: &Value, path: &[Value]) -> bool {
    let Some((head, rest)) = path.split_first() else {
        return true;
    };
    match (head, claims) {
        (Value::String(k), Value::Object(m)) => m.get(k).is_some_and(|v| path_present(v, rest)),
        (Value::Number(n), Value::Array(a)) => n
            .as_u64()
            .and_then(|i| usize::try_from(i).ok())
            .and_then(|i| a.get(i))
            .is_some_and(|v| path_present(v, rest)),
        (Value::Null, Value::Array(a)) => a.iter().any(|v| path_present(v, rest)),
        _ => false,
    }
}
