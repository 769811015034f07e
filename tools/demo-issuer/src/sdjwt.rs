//! Issuing (RFC 9901 §4, SD-JWT VC draft §2) and presenting (RFC 9901 §4.3) SD-JWT VCs,
//! deterministically: salts come from a hash of a seed and the claim path, ECDSA is RFC 6979.
//! DEMO ONLY: deterministic salts are guessable, which breaks the confidentiality of
//! undisclosed claims; a real issuer draws every salt from a CSPRNG (RFC 9901 §9.3).

use std::collections::{BTreeSet, HashMap};

use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey, VerifyingKey};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use crate::b64;
use crate::card::{Claim, Sd};

/// base64url(SHA-256(ASCII(s))): disclosure digests and `sd_hash` (RFC 9901 §4.2.3, §4.3.1).
pub fn digest(s: &str) -> String {
    b64::encode_url(&Sha256::digest(s.as_bytes()))
}

/// 128 bits from SHA-256(label ‖ 0 ‖ seed ‖ 0 ‖ path), base64url (22 characters).
fn derived(label: &str, seed: &str, path: &str) -> String {
    let mut h = Sha256::new();
    for part in [
        label.as_bytes(),
        b"\0",
        seed.as_bytes(),
        b"\0",
        path.as_bytes(),
    ] {
        h.update(part);
    }
    let out = h.finalize();
    b64::encode_url(out.get(..16).unwrap_or_default())
}

/// The salt of the disclosure at `path` (e.g. `address.formatted`) of the credential `seed`.
pub fn salt(seed: &str, path: &str) -> String {
    derived("cccd-verify demo-issuer salt v1", seed, path)
}

/// A disclosure `[salt, name, value]`, base64url of its compact JSON (UTF-8).
pub fn disclosure(salt: &str, name: &str, value: &Value) -> String {
    b64::encode_url(json!([salt, name, value]).to_string().as_bytes())
}

/// A compact JWS with ES256 (64-byte r‖s signature, RFC 7518 §3.4). JSON members are in
/// sorted order (serde_json's map), so the output is reproducible.
pub fn jws(key: &SigningKey, header: &Value, payload: &Value) -> String {
    let input = format!(
        "{}.{}",
        b64::encode_url(header.to_string().as_bytes()),
        b64::encode_url(payload.to_string().as_bytes())
    );
    let sig: Signature = key.sign(input.as_bytes());
    format!("{input}.{}", b64::encode_url(&sig.to_bytes()))
}

/// The public JWK of a P-256 key (RFC 7518 §6.2.1).
pub fn jwk(key: &VerifyingKey) -> Value {
    let point = key.to_sec1_point(false);
    let bytes = point.as_bytes();
    json!({
        "kty": "EC",
        "crv": "P-256",
        "x": b64::encode_url(bytes.get(1..33).unwrap_or_default()),
        "y": b64::encode_url(bytes.get(33..65).unwrap_or_default()),
    })
}

/// The private JWK of a DEMO key (`d` included) with a note saying so: for the in-page DEMO
/// wallets (`examples/wallet-onboarding/demo-wallet.js`), which sign with WebCrypto.
pub fn demo_private_jwk(key: &SigningKey, seed: u8, role: &str) -> Vec<u8> {
    let mut jwk = jwk(key.verifying_key());
    if let Value::Object(m) = &mut jwk {
        m.insert("d".into(), b64::encode_url(&key.to_bytes()).into());
        m.insert(
            "DEMO_ONLY".into(),
            format!("DEMO {role} private key: the published seed 0x{seed:02x} repeated 32 times (tools/demo-issuer/README.md). Anyone can sign with it.").into(),
        );
    }
    format!(
        "{}\n",
        serde_json::to_string_pretty(&jwk).unwrap_or_default()
    )
    .into_bytes()
}

/// Everything an issuance needs; the fixture set varies these one at a time.
pub struct IssueParams<'a> {
    pub claims: &'a [Claim],
    /// Salt seed: distinct per credential.
    pub seed: &'a str,
    pub iss: &'a str,
    pub vct: &'a str,
    pub iat: i64,
    /// `None` leaves `exp` out of the payload (only for the non-disclosable-claim fixture,
    /// which makes it a disclosure instead).
    pub exp: Option<i64>,
    pub typ: &'a str,
    /// DER certificates, end entity first, anchor excluded.
    pub x5c: Vec<&'a [u8]>,
    pub signer: &'a SigningKey,
    pub holder: &'a VerifyingKey,
    /// The `status` claim (a Token Status List reference), never selectively disclosable.
    pub status: Option<Value>,
    /// Decoy digests added to the top-level `_sd` (RFC 9901 §4.2.5).
    pub decoys: usize,
}

/// An issued SD-JWT: the issuer JWT and every disclosure, in claim order.
pub struct Issued {
    pub jwt: String,
    pub disclosures: Vec<String>,
}

impl Issued {
    /// `<jwt>~<d1>~…~<dn>~`.
    pub fn serialize(&self) -> String {
        sd_jwt(&self.jwt, &self.disclosures)
    }
}

/// `<jwt>~<d1>~…~<dn>~` (RFC 9901 §4: the trailing `~` is always there).
pub fn sd_jwt(jwt: &str, disclosures: &[String]) -> String {
    let mut s = format!("{jwt}~");
    for d in disclosures {
        s.push_str(d);
        s.push('~');
    }
    s
}

/// Issues the SD-JWT VC: every claim of `p.claims` selectively disclosable, object claims
/// recursively (the object and each member); `_sd` arrays sorted, so their order says nothing
/// about the claims.
pub fn issue(p: &IssueParams<'_>) -> Issued {
    let mut top = Vec::new();
    let mut disclosures = Vec::new();
    for claim in p.claims {
        match &claim.value {
            Sd::Plain(v) => {
                let d = disclosure(&salt(p.seed, &claim.name), &claim.name, v);
                top.push(digest(&d));
                disclosures.push(d);
            }
            Sd::Object(members) => {
                let inner: Vec<String> = members
                    .iter()
                    .map(|(k, v)| disclosure(&salt(p.seed, &format!("{}.{k}", claim.name)), k, v))
                    .collect();
                let mut digests: Vec<String> = inner.iter().map(|d| digest(d)).collect();
                digests.sort();
                let outer = disclosure(
                    &salt(p.seed, &claim.name),
                    &claim.name,
                    &json!({ "_sd": digests }),
                );
                top.push(digest(&outer));
                disclosures.push(outer);
                disclosures.extend(inner);
            }
        }
    }
    for i in 0..p.decoys {
        top.push(digest(&derived(
            "cccd-verify demo-issuer decoy v1",
            p.seed,
            &i.to_string(),
        )));
    }
    top.sort();
    let mut payload = json!({
        "iss": p.iss,
        "vct": p.vct,
        "iat": p.iat,
        "cnf": { "jwk": jwk(p.holder) },
        "_sd_alg": "sha-256",
        "_sd": top,
    });
    if let Some(obj) = payload.as_object_mut() {
        if let Some(exp) = p.exp {
            obj.insert("exp".into(), json!(exp));
        }
        if let Some(status) = &p.status {
            obj.insert("status".into(), status.clone());
        }
    }
    let header = json!({
        "alg": "ES256",
        "typ": p.typ,
        "x5c": p.x5c.iter().map(|c| b64::encode_std(c)).collect::<Vec<_>>(),
    });
    Issued {
        jwt: jws(p.signer, &header, &payload),
        disclosures,
    }
}

/// The holder's Key Binding JWT over `sd` (`<jwt>~<d1>~…~`) (RFC 9901 §4.3).
pub fn kb_jwt(holder: &SigningKey, sd: &str, nonce: &str, aud: &str, iat: i64) -> String {
    jws(
        holder,
        &json!({"alg": "ES256", "typ": "kb+jwt"}),
        &json!({"iat": iat, "aud": aud, "nonce": nonce, "sd_hash": digest(sd)}),
    )
}

/// A presentation: `<jwt>~<chosen disclosures>~<KB-JWT>`.
pub fn present(
    jwt: &str,
    disclosures: &[String],
    holder: &SigningKey,
    nonce: &str,
    aud: &str,
    iat: i64,
) -> String {
    let sd = sd_jwt(jwt, disclosures);
    let kb = kb_jwt(holder, &sd, nonce, aud, iat);
    format!("{sd}{kb}")
}

/// An issued credential read back from its serialization, each disclosure labelled with its
/// claim path (`address`, `address.formatted`, …).
pub struct Credential {
    pub jwt: String,
    pub payload: Map<String, Value>,
    /// (path, disclosure), in the order of the serialization.
    pub items: Vec<(String, String)>,
}

fn decode_json(part: &str, what: &str) -> Result<Value, String> {
    let bytes = b64::decode_url(part).ok_or_else(|| format!("{what}: not base64url"))?;
    serde_json::from_slice(&bytes).map_err(|e| format!("{what}: not JSON ({e})"))
}

/// Parses `<jwt>~<d1>~…~<dn>~` (an SD-JWT without key binding).
pub fn parse_credential(s: &str) -> Result<Credential, String> {
    let s = s.trim();
    let parts: Vec<&str> = s.split('~').collect();
    let (Some(&jwt), Some(&last)) = (parts.first(), parts.last()) else {
        return Err("empty credential".into());
    };
    if parts.len() < 2 || !last.is_empty() {
        return Err("expected an issued SD-JWT ending in '~' (no KB-JWT)".into());
    }
    let payload_part = jwt
        .split('.')
        .nth(1)
        .ok_or("issuer JWT: not a compact JWS")?;
    let Value::Object(payload) = decode_json(payload_part, "issuer JWT payload")? else {
        return Err("issuer JWT payload is not an object".into());
    };
    if payload
        .get("_sd_alg")
        .and_then(Value::as_str)
        .unwrap_or("sha-256")
        != "sha-256"
    {
        return Err("only _sd_alg sha-256 is supported".into());
    }
    let discs: Vec<&str> = parts.get(1..parts.len() - 1).unwrap_or_default().to_vec();
    let mut by_digest: HashMap<String, (usize, Value)> = HashMap::new();
    for (i, d) in discs.iter().enumerate() {
        by_digest.insert(digest(d), (i, decode_json(d, "disclosure")?));
    }
    let mut paths: Vec<Option<String>> = vec![None; discs.len()];
    walk(&payload, "", &by_digest, &mut paths)?;
    let items = discs
        .iter()
        .zip(paths)
        .map(|(d, p)| {
            p.map(|p| (p, (*d).to_owned()))
                .ok_or_else(|| format!("disclosure {d} is not referenced by the credential"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Credential {
        jwt: jwt.to_owned(),
        payload,
        items,
    })
}

fn walk(
    obj: &Map<String, Value>,
    prefix: &str,
    by_digest: &HashMap<String, (usize, Value)>,
    paths: &mut [Option<String>],
) -> Result<(), String> {
    let Some(Value::Array(sd)) = obj.get("_sd") else {
        return Ok(());
    };
    for dg in sd.iter().filter_map(Value::as_str) {
        let Some((i, Value::Array(arr))) = by_digest.get(dg) else {
            continue;
        };
        let [_, Value::String(name), value] = arr.as_slice() else {
            return Err("a disclosure is not [salt, name, value]".into());
        };
        let path = format!("{prefix}{name}");
        if let Value::Object(inner) = value {
            walk(inner, &format!("{path}."), by_digest, paths)?;
        }
        if let Some(slot) = paths.get_mut(*i) {
            *slot = Some(path);
        }
    }
    Ok(())
}

impl Credential {
    /// Every disclosure path.
    pub fn paths(&self) -> Vec<&str> {
        self.items.iter().map(|(p, _)| p.as_str()).collect()
    }

    /// The paths a request discloses: naming `a` discloses `a` and everything inside it;
    /// naming `a.b` discloses `a` (the container) and `a.b`.
    pub fn expand(&self, requested: &[&str]) -> Result<BTreeSet<String>, String> {
        let mut out = BTreeSet::new();
        for r in requested {
            if !self.items.iter().any(|(p, _)| p == r) {
                return Err(format!(
                    "{r:?} is not a disclosure of this credential; it has: {}",
                    self.paths().join(", ")
                ));
            }
            for (p, _) in &self.items {
                let ancestor = r.starts_with(&format!("{p}."));
                let descendant = p.starts_with(&format!("{r}."));
                if p == r || ancestor || descendant {
                    out.insert(p.clone());
                }
            }
        }
        Ok(out)
    }

    /// The disclosures for `requested`, in credential order.
    pub fn select(&self, requested: &[&str]) -> Result<Vec<String>, String> {
        let chosen = self.expand(requested)?;
        Ok(self
            .items
            .iter()
            .filter(|(p, _)| chosen.contains(p))
            .map(|(_, d)| d.clone())
            .collect())
    }
}
