//! SD-JWT (RFC 9901) and SD-JWT VC (draft-ietf-oauth-sd-jwt-vc) verification, given the
//! issuer's key. Every verifier rule of RFC 9901 §7.1 and §7.3 is enforced, in the order the
//! RFC gives (summarised in `shared/domain/presentations.md` §1.4–1.5); key binding is required
//! or refused by policy and never inferred from the token.

mod vc;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};
use sha2::{Digest, Sha256, Sha384, Sha512};

use crate::date::numeric_date;
use crate::error::Error;
use crate::jose::{b64, depth, parse_json, Algorithm, Jws, PublicKey, MAX_JSON_DEPTH};

pub use vc::{verify_vc, IssuerBinding, VcHeader, VcIssuer, VerifiedVc, VerifiedVcJson};

/// Claims that SD-JWT VC forbids making selectively disclosable (draft §2.2.2.3).
const NON_DISCLOSABLE: [&str; 7] = ["iss", "nbf", "exp", "cnf", "vct", "vct#integrity", "status"];

/// Digest algorithms for disclosures (`_sd_alg`, IANA Named Information registry).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SdAlg {
    /// `sha-256`, the default and mandatory one.
    Sha256,
    /// `sha-384`.
    Sha384,
    /// `sha-512`.
    Sha512,
}

impl SdAlg {
    fn from_name(s: &str) -> Option<SdAlg> {
        match s {
            "sha-256" => Some(SdAlg::Sha256),
            "sha-384" => Some(SdAlg::Sha384),
            "sha-512" => Some(SdAlg::Sha512),
            _ => None,
        }
    }

    /// base64url(hash(ASCII(input))) — RFC 9901 §4.2.3.
    pub fn digest(self, input: &str) -> String {
        let b = input.as_bytes();
        match self {
            SdAlg::Sha256 => b64::encode_url(&Sha256::digest(b)),
            SdAlg::Sha384 => b64::encode_url(&Sha384::digest(b)),
            SdAlg::Sha512 => b64::encode_url(&Sha512::digest(b)),
        }
    }
}

/// What the verifier expects of the holder's Key Binding JWT (RFC 9901 §4.3, §7.3).
#[derive(Clone, Debug)]
pub struct KeyBinding<'a> {
    /// The nonce this verifier sent.
    pub nonce: &'a str,
    /// This verifier's identifier: the client_id, or `origin:<origin>` over the Digital
    /// Credentials API (OpenID4VP 1.0 §B.3.6, §A.4).
    pub audience: &'a str,
    /// Oldest acceptable `iat`, in seconds before `now`.
    pub max_age: i64,
}

/// Limits on attacker-sized input.
#[derive(Clone, Copy, Debug)]
pub struct Budget {
    /// Whole presentation, bytes.
    pub max_bytes: usize,
    /// Disclosures presented.
    pub max_disclosures: usize,
}

impl Default for Budget {
    fn default() -> Self {
        // RFC 9901 sets no limits. A PID with every claim disclosable has well under 100
        // disclosures; 1024 bounds hashing and lookup work on hostile input.
        Budget {
            max_bytes: 256 * 1024,
            max_disclosures: 1024,
        }
    }
}

/// Verification policy: the caller decides everything.
#[derive(Clone, Debug)]
pub struct Policy<'a> {
    /// JWS algorithms allowed for the issuer JWT and the KB-JWT.
    pub algorithms: &'a [Algorithm],
    /// `_sd_alg` values allowed.
    pub sd_algs: &'a [SdAlg],
    /// `Some` = key binding required with these expectations; `None` = a KB-JWT is refused.
    pub key_binding: Option<KeyBinding<'a>>,
    /// Current time, seconds since the Unix epoch.
    pub now: i64,
    /// Tolerated clock difference for `exp`, `nbf`, `iat`, seconds.
    pub leeway: i64,
    /// Accept the pre-draft-06 `typ` `vc+sd-jwt` as well as `dc+sd-jwt`
    /// (`shared/domain/presentations.md` §0 item 1).
    pub accept_legacy_typ: bool,
    /// Claims that must be present after processing (e.g. `iss`, `vct`).
    pub required_claims: &'a [&'a str],
    /// Size limits.
    pub budget: Budget,
}

/// A presentation that passed every check. Only [`verify`] makes one; its fields are read
/// through methods, and it cannot be built elsewhere:
///
/// ```compile_fail
/// use cccd_verify::sd_jwt::Verified;
/// let forged = Verified {
///     claims: serde_json::Map::new(),
///     header: serde_json::Map::new(),
///     holder_key: None,
///     disclosures: 0,
/// };
/// ```
#[derive(Clone, Debug)]
pub struct Verified {
    claims: Map<String, Value>,
    header: Map<String, Value>,
    holder_key: Option<PublicKey>,
    disclosures: usize,
}

impl Verified {
    /// The processed payload: disclosed claims in place, `_sd`/`_sd_alg` removed.
    pub fn claims(&self) -> &Map<String, Value> {
        &self.claims
    }

    /// The processed payload, by value.
    pub fn into_claims(self) -> Map<String, Value> {
        self.claims
    }

    /// The issuer JWT's protected header.
    pub fn header(&self) -> &Map<String, Value> {
        &self.header
    }

    /// The holder key from `cnf.jwk`, when present.
    pub fn holder_key(&self) -> Option<&PublicKey> {
        self.holder_key.as_ref()
    }

    /// How many disclosures were presented (and all were used).
    pub fn disclosures(&self) -> usize {
        self.disclosures
    }
}

struct Disclosure {
    value: Value,
    referenced: bool,
}

struct Walker {
    disclosures: BTreeMap<String, Disclosure>,
    seen: BTreeSet<String>,
    /// Top-level claim names inserted from disclosures.
    disclosed_top: Vec<String>,
}

impl Walker {
    fn digest_seen(&mut self, d: &str) -> Result<(), Error> {
        if !self.seen.insert(d.to_owned()) {
            return Err(Error::SdJwtDuplicateDigest);
        }
        Ok(())
    }

    /// Takes the disclosure for `digest`, if one was presented.
    fn take(&mut self, digest: &str) -> Option<Value> {
        let d = self.disclosures.get_mut(digest)?;
        d.referenced = true;
        Some(d.value.clone())
    }

    fn object(
        &mut self,
        obj: &Map<String, Value>,
        level: usize,
        top: bool,
    ) -> Result<Map<String, Value>, Error> {
        if level > MAX_JSON_DEPTH {
            return Err(Error::JsonTooDeep {
                max: MAX_JSON_DEPTH,
            });
        }
        let mut out = Map::new();
        for (k, v) in obj {
            match k.as_str() {
                "_sd" => {}
                "_sd_alg" if top => {}
                "_sd_alg" => return Err(Error::SdJwtSdAlgNested),
                _ => {
                    out.insert(k.clone(), self.value(v, level + 1)?);
                }
            }
        }
        if let Some(sd) = obj.get("_sd") {
            let Value::Array(digests) = sd else {
                return Err(Error::SdJwtFormat);
            };
            for d in digests {
                let d = d.as_str().ok_or(Error::SdJwtFormat)?;
                self.digest_seen(d)?;
                let Some(disclosure) = self.take(d) else {
                    continue;
                };
                // Object-property disclosures are [salt, name, value] (RFC 9901 §4.2.1).
                let Value::Array(items) = disclosure else {
                    return Err(Error::SdJwtDisclosureInvalid);
                };
                let [salt, name, value] = items.as_slice() else {
                    return Err(Error::SdJwtDisclosureInvalid);
                };
                let (Some(_), Some(name)) = (salt.as_str(), name.as_str()) else {
                    return Err(Error::SdJwtDisclosureInvalid);
                };
                if name == "_sd" || name == "..." {
                    return Err(Error::SdJwtReservedClaimName);
                }
                // The claims become a JS object: see `jose::json` on `__proto__`.
                if name == "__proto__" {
                    return Err(Error::JsonForbiddenMember {
                        name: name.to_owned(),
                    });
                }
                if out.contains_key(name) || obj.contains_key(name) {
                    return Err(Error::SdJwtClaimNameCollision {
                        name: name.to_owned(),
                    });
                }
                if top {
                    self.disclosed_top.push(name.to_owned());
                }
                let processed = self.value(value, level + 1)?;
                out.insert(name.to_owned(), processed);
            }
        }
        Ok(out)
    }

    fn value(&mut self, v: &Value, level: usize) -> Result<Value, Error> {
        if level > MAX_JSON_DEPTH {
            return Err(Error::JsonTooDeep {
                max: MAX_JSON_DEPTH,
            });
        }
        match v {
            Value::Object(o) => Ok(Value::Object(self.object(o, level, false)?)),
            Value::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    // An array-element digest is an object with exactly the key "..." (§4.2.4.2).
                    let digest = match item {
                        Value::Object(o) if o.len() == 1 => o.get("...").and_then(Value::as_str),
                        _ => None,
                    };
                    let Some(d) = digest else {
                        out.push(self.value(item, level + 1)?);
                        continue;
                    };
                    self.digest_seen(d)?;
                    let Some(disclosure) = self.take(d) else {
                        continue;
                    };
                    // Array-element disclosures are [salt, value].
                    let Value::Array(parts) = disclosure else {
                        return Err(Error::SdJwtDisclosureInvalid);
                    };
                    let [salt, value] = parts.as_slice() else {
                        return Err(Error::SdJwtDisclosureInvalid);
                    };
                    if salt.as_str().is_none() {
                        return Err(Error::SdJwtDisclosureInvalid);
                    }
                    out.push(self.value(value, level + 1)?);
                }
                Ok(Value::Array(out))
            }
            other => Ok(other.clone()),
        }
    }
}

/// A NumericDate claim, rounded down to whole seconds ([`crate::date::numeric_date`]).
/// Present but not a number: [`Error::ClaimType`].
fn number(claims: &Map<String, Value>, name: &str) -> Result<Option<i64>, Error> {
    match claims.get(name) {
        None => Ok(None),
        Some(v) => numeric_date(v)
            .map(Some)
            .ok_or_else(|| claim_type(name, "number")),
    }
}

fn claim_type(name: &str, expected: &'static str) -> Error {
    Error::ClaimType {
        name: name.to_owned(),
        expected,
    }
}

/// The registered claims this verifier reads, when present, must have their JSON type: `iss`
/// and `vct` strings (SD-JWT VC §2.2.2), `iat`, `nbf`, `exp` numbers (RFC 7519 §4.1), `cnf` an
/// object (RFC 7800 §3.1). A claim of another type is [`Error::ClaimType`], never "missing".
fn check_claim_types(claims: &Map<String, Value>) -> Result<(), Error> {
    for name in ["iss", "vct"] {
        if claims.get(name).is_some_and(|v| !v.is_string()) {
            return Err(claim_type(name, "string"));
        }
    }
    for name in ["iat", "nbf", "exp"] {
        number(claims, name)?;
    }
    if claims.get("cnf").is_some_and(|v| !v.is_object()) {
        return Err(claim_type("cnf", "object"));
    }
    Ok(())
}

/// Verifies an SD-JWT VC presentation (`<issuer JWT>~<disclosure>~…~[<KB-JWT>]`) whose issuer
/// JWT must be signed by `issuer_key`. Resolving and trusting that key (x5c → trust anchor) is
/// the caller's step before this one.
pub fn verify(
    presentation: &str,
    issuer_key: &PublicKey,
    policy: &Policy<'_>,
) -> Result<Verified, Error> {
    if presentation.len() > policy.budget.max_bytes {
        return Err(Error::InputTooLarge {
            len: presentation.len(),
            max: policy.budget.max_bytes,
        });
    }
    // 1. Split on '~' (RFC 9901 §4): issuer JWT, disclosures, then the KB-JWT or "".
    let parts: Vec<&str> = presentation.split('~').collect();
    let (Some(&jwt), Some(&last)) = (parts.first(), parts.last()) else {
        return Err(Error::SdJwtFormat);
    };
    if parts.len() < 2 {
        return Err(Error::SdJwtFormat);
    }
    let disclosure_strs = parts.get(1..parts.len() - 1).unwrap_or_default();
    if disclosure_strs.len() > policy.budget.max_disclosures {
        return Err(Error::SdJwtTooManyDisclosures {
            max: policy.budget.max_disclosures,
        });
    }
    if disclosure_strs.iter().any(|d| d.is_empty()) {
        return Err(Error::SdJwtFormat);
    }
    match (&policy.key_binding, last.is_empty()) {
        (Some(_), true) => return Err(Error::KbMissing),
        (None, false) => return Err(Error::KbUnexpected),
        _ => {}
    }

    // 2. The issuer-signed JWT: algorithm allow-list, signature, typ.
    let issuer = Jws::parse(jwt)?;
    issuer.verify(issuer_key, policy.algorithms)?;
    match issuer.header_str("typ") {
        Some("dc+sd-jwt") => {}
        Some("vc+sd-jwt") if policy.accept_legacy_typ => {}
        _ => return Err(Error::SdJwtTypInvalid),
    }
    let payload = issuer.claims()?;
    let alg = match payload.get("_sd_alg") {
        None => SdAlg::Sha256,
        Some(v) => v
            .as_str()
            .and_then(SdAlg::from_name)
            .ok_or(Error::SdJwtSdAlgNotAllowed)?,
    };
    if !policy.sd_algs.contains(&alg) {
        return Err(Error::SdJwtSdAlgNotAllowed);
    }

    // 3. Hash and decode every disclosure (over the string as sent; never re-serialise).
    let mut disclosures = BTreeMap::new();
    for d in disclosure_strs {
        let bytes = b64::decode_url(d).ok_or(Error::SdJwtDisclosureInvalid)?;
        let value = parse_json(&bytes).map_err(|e| match e {
            Error::JsonTooDeep { .. }
            | Error::JsonDuplicateMember { .. }
            | Error::JsonForbiddenMember { .. } => e,
            _ => Error::SdJwtDisclosureInvalid,
        })?;
        if disclosures
            .insert(
                alg.digest(d),
                Disclosure {
                    value,
                    referenced: false,
                },
            )
            .is_some()
        {
            // The same disclosure twice would put one digest in two places.
            return Err(Error::SdJwtDuplicateDigest);
        }
    }

    // 4–6. Walk the payload, substituting disclosures; then every disclosure must have been used.
    let mut walker = Walker {
        disclosures,
        seen: BTreeSet::new(),
        disclosed_top: Vec::new(),
    };
    let claims = walker.object(&payload, 0, true)?;
    if walker.disclosures.values().any(|d| !d.referenced) {
        return Err(Error::SdJwtUnreferencedDisclosure);
    }
    if let Some(name) = walker
        .disclosed_top
        .iter()
        .find(|n| NON_DISCLOSABLE.contains(&n.as_str()))
    {
        return Err(Error::SdJwtNonDisclosableClaim { name: name.clone() });
    }
    // Depth of the processed object, without cloning it: 1 + its deepest member.
    if 1 + claims.values().map(depth).max().unwrap_or(0) > MAX_JSON_DEPTH {
        return Err(Error::JsonTooDeep {
            max: MAX_JSON_DEPTH,
        });
    }

    // 7. Validity claims on the processed payload.
    check_claim_types(&claims)?;
    if let Some(exp) = number(&claims, "exp")? {
        if policy.now > exp.saturating_add(policy.leeway) {
            return Err(Error::TokenExpired { exp });
        }
    }
    if let Some(nbf) = number(&claims, "nbf")? {
        if policy.now.saturating_add(policy.leeway) < nbf {
            return Err(Error::TokenNotYetValid { nbf });
        }
    }
    for name in policy.required_claims {
        if !claims.contains_key(*name) {
            return Err(Error::ClaimMissing {
                name: (*name).to_owned(),
            });
        }
    }
    let holder_key = match claims.get("cnf").and_then(|c| c.get("jwk")) {
        Some(jwk) => Some(PublicKey::from_jwk(jwk)?),
        None => None,
    };

    // 8. Key binding, when required.
    if let Some(kb) = &policy.key_binding {
        let key = holder_key.as_ref().ok_or(Error::KbNoHolderKey)?;
        let kb_jws = Jws::parse(last)?;
        kb_jws.verify(key, policy.algorithms)?;
        if kb_jws.header_str("typ") != Some("kb+jwt") {
            return Err(Error::KbTypInvalid);
        }
        let kc = kb_jws.claims()?;
        let iat = number(&kc, "iat")?.ok_or(Error::KbIatOutOfWindow {
            bound: "missing",
            iat: 0,
            limit: 0,
        })?;
        let (latest, earliest) = (
            policy.now.saturating_add(policy.leeway),
            policy.now.saturating_sub(kb.max_age),
        );
        if iat > latest {
            return Err(Error::KbIatOutOfWindow {
                bound: "future",
                iat,
                limit: latest,
            });
        }
        if iat < earliest {
            return Err(Error::KbIatOutOfWindow {
                bound: "maxAge",
                iat,
                limit: earliest,
            });
        }
        if kc.get("nonce").and_then(Value::as_str) != Some(kb.nonce) {
            return Err(Error::KbNonceMismatch);
        }
        // `aud` is a single string (RFC 9901 §4.3); an array is not accepted.
        if kc.get("aud").and_then(Value::as_str) != Some(kb.audience) {
            return Err(Error::KbAudienceMismatch);
        }
        let presented = presentation
            .get(..presentation.len() - last.len())
            .unwrap_or_default();
        if kc.get("sd_hash").and_then(Value::as_str) != Some(alg.digest(presented).as_str()) {
            return Err(Error::KbSdHashMismatch);
        }
    }

    Ok(Verified {
        claims,
        header: issuer.header.clone(),
        holder_key,
        disclosures: disclosure_strs.len(),
    })
}
