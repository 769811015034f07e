//! SD-JWT VC with offline issuer trust: the issuer key comes from the `x5c` header, chained to a
//! caller-supplied trust anchor for the `SdJwtVcIssuer` purpose (never from `x5c` itself; HAIP
//! 1.0 §6.1.1), and `iss` is bound to the certificate by an explicit policy (SD-JWT VC draft
//! §2.5; `shared/domain/presentations.md` §1.6).

use serde_json::{Map, Value};

use super::{verify, Policy, Verified};
use crate::cccd::findings::{claim_text_findings, Finding, NAME_CLAIMS};
use crate::error::Error;
use crate::jose::{Jws, PublicKey};
use crate::wire::wire_struct;
use crate::x509::{Profile, TrustAnchor, VerifiedPath};

/// How `iss` must relate to the issuer's end-entity certificate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IssuerBinding {
    /// `iss` equals a URI in the certificate's subjectAltName, or `iss` is an `https` URL whose
    /// host equals a DNS name in it (the rule of drafts up to -09); such a URL must have no
    /// userinfo (`user@`) and no port other than digits.
    SanUriOrDns,
    /// The issuer is whoever the trusted certificate names; `iss` is not compared (current
    /// draft wording). Choose this only when every anchor is for one issuer.
    SubjectOnly,
}

/// A verified SD-JWT VC: the processed claims and the trusted path to the issuer. Only
/// [`verify_vc`] makes one (a credential and a path from two different checks cannot be paired):
///
/// ```compile_fail
/// use cccd_verify::sd_jwt::{Verified, VerifiedVc};
/// use cccd_verify::x509::VerifiedPath;
/// fn pair(credential: Verified, path: VerifiedPath) -> VerifiedVc {
///     VerifiedVc { credential, path }
/// }
/// ```
#[derive(Clone, Debug)]
pub struct VerifiedVc {
    credential: Verified,
    path: VerifiedPath,
}

impl VerifiedVc {
    /// Claims, holder key and header.
    pub fn credential(&self) -> &Verified {
        &self.credential
    }

    /// The certificate path from the issuer to the anchor that trusted it.
    pub fn path(&self) -> &VerifiedPath {
        &self.path
    }

    /// The credential and the path, by value.
    pub fn into_parts(self) -> (Verified, VerifiedPath) {
        (self.credential, self.path)
    }

    /// The result as the JSON object the JS API returns (without `status`).
    pub fn to_json(&self) -> Value {
        serde_json::to_value(self.wire()).unwrap_or(Value::Null)
    }

    /// The result as the JS API returns it, without `trustList` and `status`.
    pub fn wire(&self) -> VerifiedVcJson {
        let c = &self.credential;
        let header = |k: &str| c.header.get(k).cloned().unwrap_or(Value::Null);
        VerifiedVcJson {
            issuer: VcIssuer {
                iss: c.claims.get("iss").cloned(),
                subject: self.path.subject().to_owned(),
                san_uris: self.path.san_uris().to_vec(),
                san_dns_names: self.path.san_dns_names().to_vec(),
                anchor_fingerprint: crate::jose::b64::encode_url(&self.path.anchor_fingerprint()),
            },
            vct: c.claims.get("vct").cloned(),
            claims: c.claims.clone(),
            holder_key: c.holder_key.as_ref().map(PublicKey::to_jwk),
            holder_key_thumbprint: c.holder_key.as_ref().map(PublicKey::thumbprint),
            disclosures: c.disclosures,
            header: VcHeader {
                alg: header("alg"),
                typ: header("typ"),
            },
            findings: text_findings(&c.claims)
                .iter()
                .map(|f| f.wire(crate::Lang::En))
                .collect(),
            trust_list: None,
            status: None,
        }
    }
}

wire_struct! {
    /// The issuer of a verified SD-JWT VC.
    #[ts = "SdJwtVcIssuer"]
    #[derive(Clone, Debug, PartialEq)]
    pub struct VcIssuer {
        /// The `iss` claim.
        pub iss: Option<Value> as "string | null",
        /// The issuer certificate's subject (RFC 4514 string).
        pub subject: String,
        /// The issuer certificate's subjectAltName URIs.
        pub san_uris: Vec<String>,
        /// The issuer certificate's subjectAltName DNS names.
        pub san_dns_names: Vec<String>,
        /// SHA-256 of the trust anchor certificate, base64url.
        pub anchor_fingerprint: String,
    }
}

wire_struct! {
    /// The issuer JWT's protected header members.
    #[ts = "SdJwtVcHeader"]
    #[derive(Clone, Debug, PartialEq)]
    pub struct VcHeader {
        /// `alg`.
        pub alg: Value as "string",
        /// `typ`.
        pub typ: Value as "string",
    }
}

/// `status` is set by the end-to-end flow (`crate::request`), after the status lists.
fn status_not_set(status: &Option<crate::status::StatusJson>) -> bool {
    status.is_none()
}

wire_struct! {
    /// A verified SD-JWT VC presentation.
    #[ts = "VerifiedSdJwtVc"]
    #[derive(Clone, Debug, PartialEq)]
    pub struct VerifiedVcJson {
        /// Who issued it, and the anchor that trusted the issuer's certificate.
        pub issuer: VcIssuer,
        /// The `vct` claim.
        pub vct: Option<Value> as "string | null",
        /// The processed payload: disclosed claims in place, `_sd` and `_sd_alg` removed.
        pub claims: Map<String, Value>,
        /// The holder key (`cnf.jwk`), and its RFC 7638 thumbprint.
        pub holder_key: Option<Value> as "Record<string, string> | null",
        /// RFC 7638 thumbprint of `holderKey`, base64url.
        pub holder_key_thumbprint: Option<String>,
        /// Number of disclosures presented (every one was referenced).
        pub disclosures: usize,
        /// The issuer JWT's `alg` and `typ`.
        pub header: VcHeader,
        /// What the claims' text would do to a reviewer (issue 11 item 11): control and
        /// bidirectional characters (`CLAIM_CONTROL_CHARACTER`, an error: do not display the value
        /// as it is), zero-width characters and non-Latin letters in name claims (warnings). The
        /// signature is valid either way.
        pub findings: Vec<crate::cccd::findings::FindingJson> as "Finding[]",
        /// With a {@link TrustList}: the list used, whether it is stale, and the issuer's name in it.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub trust_list: Option<crate::trust::TrustListUse>,
        /// Revocation: `checked: true` with the list's verdict (`valid`, `invalid` = revoked,
        /// `suspended`, `application-specific`, `unknown`), or `checked: false` with the reason —
        /// `no-list-supplied` (the credential references a list you did not pass) or
        /// `no-status-reference`. Only `verdict === 'valid'` means "not revoked".
        #[serde(skip_serializing_if = "status_not_set")]
        pub status: Option<crate::status::StatusJson> as "SdJwtVcStatus",
    }
}

/// The host of an `https` URL, for comparison with a DNS SAN; `None` when there is none or the
/// authority is not plain `host[:port]`. Userinfo (`user@`, RFC 3986 §3.2.1) is refused: in
/// `https://issuer.example:443@evil.example/` the host is `evil.example`, and reading up to the
/// first `:` would bind it to `issuer.example`. Backslashes are refused too (URL parsers in
/// browsers read them as `/`).
fn host_of(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("https://")?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = rest.get(..end)?;
    if authority.contains(['@', '\\']) {
        return None;
    }
    let host = match authority.split_once(':') {
        Some((host, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => host,
        Some(_) => return None,
        None => authority,
    };
    Some(host).filter(|h| !h.is_empty())
}

/// Verifies a presentation end to end: x5c path to an anchor, then every SD-JWT rule with the
/// leaf key, then the issuer binding.
pub fn verify_vc(
    presentation: &str,
    anchors: &[TrustAnchor],
    binding: IssuerBinding,
    policy: &Policy<'_>,
) -> Result<VerifiedVc, Error> {
    let jwt = presentation.split('~').next().ok_or(Error::SdJwtFormat)?;
    let header = Jws::parse(jwt)?;
    let path = header.x5c_signer(
        anchors,
        &Profile::haip_sd_jwt_vc_issuer(),
        policy.now,
        Error::IssuerKeyUnresolved,
    )?;
    let key = path.public_key().clone();
    let credential = verify(presentation, &key, policy)?;
    if binding == IssuerBinding::SanUriOrDns {
        let iss = credential
            .claims
            .get("iss")
            .and_then(Value::as_str)
            .ok_or(Error::ClaimMissing { name: "iss".into() })?;
        let by_uri = path.san_uris().iter().any(|u| u == iss);
        let by_dns = host_of(iss).is_some_and(|h| {
            path.san_dns_names()
                .iter()
                .any(|d| d.eq_ignore_ascii_case(h))
        });
        if !(by_uri || by_dns) {
            return Err(Error::IssuerBindingMismatch);
        }
    }
    Ok(VerifiedVc { credential, path })
}

/// Text findings over every string in `claims` (nested objects and arrays included, paths
/// dotted), in document order; at most [`MAX_TEXT_FINDINGS`].
pub(crate) fn text_findings(claims: &Map<String, Value>) -> Vec<Finding> {
    fn walk(path: &str, key: Option<&str>, v: &Value, out: &mut Vec<Finding>, depth: usize) {
        if out.len() >= MAX_TEXT_FINDINGS || depth > 32 {
            return;
        }
        match v {
            Value::String(s) => {
                let name = key.is_some_and(|k| NAME_CLAIMS.contains(&k));
                claim_text_findings(path, name, s, out);
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(&format!("{path}.{i}"), None, item, out, depth + 1);
                }
            }
            Value::Object(map) => {
                for (k, item) in map {
                    walk(&format!("{path}.{k}"), Some(k), item, out, depth + 1);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for (k, v) in claims {
        walk(k, Some(k), v, &mut out, 0);
    }
    out.truncate(MAX_TEXT_FINDINGS);
    out
}

/// The most text findings reported for one credential.
pub use crate::cccd::findings::MAX_TEXT_FINDINGS;

#[cfg(test)]
mod tests {
    use super::host_of;

    #[test]
    fn host_of_https_urls_only() {
        assert_eq!(
            host_of("https://issuer.example.vn/pid"),
            Some("issuer.example.vn")
        );
        assert_eq!(
            host_of("https://issuer.example.vn:8443"),
            Some("issuer.example.vn")
        );
        assert_eq!(host_of("http://issuer.example.vn"), None);
        assert_eq!(host_of("https://"), None);
        assert_eq!(
            host_of("https://issuer.example.vn?x=1#f"),
            Some("issuer.example.vn")
        );
    }

    #[test]
    fn host_of_refuses_userinfo_and_odd_authorities() {
        for url in [
            "https://issuer.example:443@evil.example/",
            "https://issuer.example@evil.example",
            "https://user:pass@issuer.example/",
            "https://@issuer.example/",
            "https://issuer.example\\@evil.example/",
            "https://issuer.example:x/",
            "https://issuer.example:/",
            "https://issuer.example:443:443/",
            "https://:443/",
        ] {
            assert_eq!(host_of(url), None, "{url}");
        }
        // An `@` after the authority (in the path) is not userinfo.
        assert_eq!(
            host_of("https://issuer.example/pid@2026"),
            Some("issuer.example")
        );
    }
}
