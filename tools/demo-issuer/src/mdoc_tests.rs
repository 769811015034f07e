//! Tests of the mdoc fixtures with an independent minimal CBOR decoder (not the tool's encoder):
//! determinism, the handover vectors of `shared/vectors/`, a small checker that applies the
//! verification rules of `shared/domain/presentations.md` §2.3 to every fixture and must give
//! each one exactly its expected outcome, and a structural diff that shows every negative
//! fixture differs from its valid source only where it says.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::BTreeMap;

use hmac::{KeyInit, Mac};
use p256::ecdsa::signature::Verifier;
use p256::ecdsa::{Signature, VerifyingKey};
use serde_json::Value as Json;
use sha2::{Digest, Sha256};

use crate::certs::NOW;
use crate::mdoc_fixtures::{self as mf, Ctx};
use crate::mdocpki::{seed, MdocPki};

// ---- an independent CBOR decoder --------------------------------------------------------------

#[derive(Clone, Debug, PartialEq)]
enum C {
    U(u64),
    N(u64),
    B(Vec<u8>),
    /// Text; `None` when the bytes are not UTF-8.
    T(Option<String>, Vec<u8>),
    A(Vec<C>),
    M(Vec<(C, C)>),
    Tag(u64, Box<C>),
    Bool(bool),
    Null,
}

#[derive(Default)]
struct Issues {
    non_preferred: bool,
    unsorted: bool,
    duplicate: bool,
    bad_utf8: bool,
}

struct Dec<'a> {
    d: &'a [u8],
    pos: usize,
    issues: Issues,
}

impl Dec<'_> {
    fn byte(&mut self) -> Result<u8, String> {
        let b = *self.d.get(self.pos).ok_or("truncated")?;
        self.pos += 1;
        Ok(b)
    }

    fn take(&mut self, n: u64) -> Result<Vec<u8>, String> {
        let n = usize::try_from(n).map_err(|_| "length")?;
        let end = self.pos.checked_add(n).ok_or("length")?;
        let s = self.d.get(self.pos..end).ok_or("truncated")?.to_vec();
        self.pos = end;
        Ok(s)
    }

    fn arg(&mut self, info: u8) -> Result<u64, String> {
        let v = match info {
            0..=23 => return Ok(u64::from(info)),
            24 => u64::from(self.byte()?),
            25 => u64::from(u16::from_be_bytes(self.take(2)?.try_into().unwrap())),
            26 => u64::from(u32::from_be_bytes(self.take(4)?.try_into().unwrap())),
            27 => u64::from_be_bytes(self.take(8)?.try_into().unwrap()),
            _ => return Err(format!("unsupported additional info {info}")),
        };
        let min = match info {
            24 => 24,
            25 => 0x100,
            26 => 0x1_0000,
            _ => 0x1_0000_0000,
        };
        if v < min {
            self.issues.non_preferred = true;
        }
        Ok(v)
    }

    fn item(&mut self) -> Result<C, String> {
        let ib = self.byte()?;
        let (major, info) = (ib >> 5, ib & 0x1f);
        if major == 7 {
            return match info {
                20 => Ok(C::Bool(false)),
                21 => Ok(C::Bool(true)),
                22 => Ok(C::Null),
                _ => Err(format!("simple/float {info} not expected")),
            };
        }
        let n = self.arg(info)?;
        Ok(match major {
            0 => C::U(n),
            1 => C::N(n),
            2 => C::B(self.take(n)?),
            3 => {
                let raw = self.take(n)?;
                let s = String::from_utf8(raw.clone()).ok();
                if s.is_none() {
                    self.issues.bad_utf8 = true;
                }
                C::T(s, raw)
            }
            4 => C::A((0..n).map(|_| self.item()).collect::<Result<_, _>>()?),
            5 => {
                let mut pairs = Vec::new();
                let mut keys: Vec<Vec<u8>> = Vec::new();
                for _ in 0..n {
                    let start = self.pos;
                    let k = self.item()?;
                    let kb = self.d[start..self.pos].to_vec();
                    if keys.contains(&kb) {
                        self.issues.duplicate = true;
                    }
                    if keys.last().is_some_and(|last| *last > kb) {
                        self.issues.unsorted = true;
                    }
                    keys.push(kb);
                    pairs.push((k, self.item()?));
                }
                C::M(pairs)
            }
            6 => C::Tag(n, Box::new(self.item()?)),
            _ => unreachable!(),
        })
    }
}

/// Decodes one item; returns it, what the decoding noticed, and the number of trailing bytes.
fn decode(d: &[u8]) -> Result<(C, Issues, usize), String> {
    let mut dec = Dec {
        d,
        pos: 0,
        issues: Issues::default(),
    };
    let c = dec.item()?;
    Ok((c, dec.issues, d.len() - dec.pos))
}

impl C {
    fn get(&self, key: &str) -> Option<&C> {
        match self {
            C::M(p) => p
                .iter()
                .find(|(k, _)| matches!(k, C::T(Some(t), _) if t == key))
                .map(|(_, v)| v),
            _ => None,
        }
    }
    fn geti(&self, key: i64) -> Option<&C> {
        match self {
            C::M(p) => p.iter().find(|(k, _)| k.int() == Some(key)).map(|(_, v)| v),
            _ => None,
        }
    }
    fn int(&self) -> Option<i64> {
        match self {
            C::U(n) => i64::try_from(*n).ok(),
            C::N(n) => i64::try_from(*n).ok().map(|n| -1 - n),
            _ => None,
        }
    }
    fn text(&self) -> Option<&str> {
        match self {
            C::T(Some(s), _) => Some(s),
            C::Tag(_, inner) => inner.text(),
            _ => None,
        }
    }
    fn bytes(&self) -> Option<&[u8]> {
        match self {
            C::B(b) => Some(b),
            _ => None,
        }
    }
    fn arr(&self) -> &[C] {
        match self {
            C::A(a) => a,
            _ => &[],
        }
    }
    /// The content of `#6.24(bstr)`.
    fn tag24(&self) -> Option<&[u8]> {
        match self {
            C::Tag(24, inner) => inner.bytes(),
            _ => None,
        }
    }
}

// ---- an independent encoder for the few structures the checks rebuild ------------------------

fn head(major: u8, n: usize) -> Vec<u8> {
    let n = n as u64;
    let m = major << 5;
    match n {
        0..=23 => vec![m | n as u8],
        24..=0xff => vec![m | 24, n as u8],
        0x100..=0xffff => [vec![m | 25], (n as u16).to_be_bytes().to_vec()].concat(),
        _ => [vec![m | 26], (n as u32).to_be_bytes().to_vec()].concat(),
    }
}
fn e_bstr(b: &[u8]) -> Vec<u8> {
    [head(2, b.len()), b.to_vec()].concat()
}
fn e_tstr(s: &str) -> Vec<u8> {
    [head(3, s.len()), s.as_bytes().to_vec()].concat()
}
fn e_arr(items: &[Vec<u8>]) -> Vec<u8> {
    [head(4, items.len()), items.concat()].concat()
}
fn e_tag24(encoded: &[u8]) -> Vec<u8> {
    [vec![0xd8, 0x18], e_bstr(encoded)].concat()
}

fn hexs(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn shared(path: &str) -> String {
    let p = format!("{}/../../../shared/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

fn hmac256(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut m = <hmac::Hmac<Sha256>>::new_from_slice(key).unwrap();
    m.update(data);
    m.finalize().into_bytes().to_vec()
}

/// Parses `YYYY-MM-DDTHH:MM:SSZ` to Unix seconds (days from civil, H. Hinnant's algorithm).
fn tdate_secs(s: &str) -> i64 {
    let n = |r: std::ops::Range<usize>| s[r].parse::<i64>().unwrap();
    let (y, m, d) = (n(0..4), n(5..7), n(8..10));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    days * 86_400 + n(11..13) * 3600 + n(14..16) * 60 + n(17..19)
}

fn cose_key_to_vk(k: &C) -> VerifyingKey {
    assert_eq!(k.geti(1).and_then(C::int), Some(2), "kty EC2");
    assert_eq!(k.geti(-1).and_then(C::int), Some(1), "crv P-256");
    let x = k.geti(-2).and_then(C::bytes).unwrap();
    let y = k.geti(-3).and_then(C::bytes).unwrap();
    VerifyingKey::from_sec1_bytes(&[&[4u8][..], x, y].concat()).unwrap()
}

// ---- the rule checker -------------------------------------------------------------------------

/// Applies the verification rules to a response; `Err(rule)` names the first rule that fails.
fn check(resp: &[u8], transcript: &[u8], dc_api: bool, pki: &MdocPki) -> Result<(), &'static str> {
    let (r, issues, trailing) = decode(resp).map_err(|_| "cbor")?;
    if trailing != 0 {
        return Err("cbor-trailing");
    }
    if issues.duplicate {
        return Err("cbor-duplicate-key");
    }
    assert!(!issues.non_preferred && !issues.unsorted && !issues.bad_utf8);
    assert_eq!(r.get("version").and_then(C::text), Some("1.0"));
    assert_eq!(r.get("status").and_then(C::int), Some(0));
    let docs = r.get("documents").map(C::arr).unwrap_or_default();
    match docs.len() {
        0 => return Err("no-document"),
        1 => {}
        _ => return Err("one-document"),
    }
    let doc = &docs[0];
    let doc_type = doc.get("docType").and_then(C::text).unwrap();
    let is = doc.get("issuerSigned").unwrap();
    let ia = is.get("issuerAuth").unwrap().arr();
    let protected = ia[0].bytes().unwrap();
    let (ph, _, _) = decode(protected).unwrap_or((C::M(vec![]), Issues::default(), 0));
    if protected.is_empty() || ph.geti(1).and_then(C::int) != Some(-7) {
        return Err("cose-alg-protected");
    }
    let Some(cert) = ia[1].geti(33).and_then(C::bytes) else {
        return Err("cose-x5chain");
    };
    let eku_oid: &[u8] = &[0x06, 0x07, 0x28, 0x81, 0x8c, 0x5d, 0x05, 0x01, 0x02];
    if cert != pki.ds.as_slice() {
        let has_eku = cert.windows(eku_oid.len()).any(|w| w == eku_oid);
        return Err(if has_eku { "ds-chain" } else { "ds-eku" });
    }
    let payload = ia[2].bytes().unwrap();
    let sig_structure = e_arr(&[
        e_tstr("Signature1"),
        e_bstr(protected),
        e_bstr(&[]),
        e_bstr(payload),
    ]);
    let ds_key = *crate::mdoc_fixtures::key(seed::DS).verifying_key();
    let sig = Signature::from_slice(ia[3].bytes().unwrap()).unwrap();
    if ds_key.verify(&sig_structure, &sig).is_err() {
        return Err("issuer-auth-signature");
    }
    let (mso_tag, ..) = decode(payload).unwrap();
    let (mso, mso_issues, t) = decode(mso_tag.tag24().unwrap()).unwrap();
    assert!(t == 0 && !mso_issues.duplicate && !mso_issues.non_preferred && !mso_issues.unsorted);
    if mso.get("version").and_then(C::text) != Some("1.0") {
        return Err("mso-version");
    }
    let alg = mso.get("digestAlgorithm").and_then(C::text).unwrap();
    if alg != "SHA-256" {
        return Err("digest-algorithm");
    }
    if mso.get("docType").and_then(C::text) != Some(doc_type) {
        return Err("doctype");
    }
    let value_digests = mso.get("valueDigests").unwrap();
    if let Some(C::M(namespaces)) = is.get("nameSpaces") {
        for (ns, items) in namespaces {
            let digests = value_digests.get(ns.text().unwrap()).unwrap();
            let mut seen = Vec::new();
            for item in items.arr() {
                let content = item.tag24().unwrap();
                let (it, it_issues, t) = decode(content).map_err(|_| "cbor")?;
                assert_eq!(t, 0);
                if it_issues.duplicate {
                    return Err("cbor-duplicate-key");
                }
                if it_issues.bad_utf8 {
                    return Err("cbor-utf8");
                }
                let id = it.get("digestID").and_then(C::int).unwrap();
                let Some(want) = digests.geti(id).and_then(C::bytes) else {
                    return Err("digest-id-unknown");
                };
                if seen.contains(&id) {
                    return Err("digest-id-duplicate");
                }
                seen.push(id);
                let received = [vec![0xd8, 0x18], e_bstr(content)].concat();
                if Sha256::digest(&received).as_slice() != want {
                    return Err("digest");
                }
            }
        }
    }
    let vi = mso.get("validityInfo").unwrap();
    let secs = |k: &str| tdate_secs(vi.get(k).and_then(C::text).unwrap());
    if !(secs("validFrom") <= NOW && NOW <= secs("validUntil")) {
        return Err("mso-validity");
    }
    if !(pki.ds_not_before..=pki.ds_not_after).contains(&secs("signed")) {
        return Err("mso-signed-in-ds-validity");
    }
    let dki = mso.get("deviceKeyInfo").unwrap();
    let device_key = cose_key_to_vk(dki.get("deviceKey").unwrap());
    let ds = doc.get("deviceSigned").unwrap();
    let dns_content = ds.get("nameSpaces").and_then(C::tag24).unwrap();
    let (transcript_c, ..) = decode(transcript).unwrap();
    assert!(matches!(transcript_c, C::A(_)));
    let da = e_tag24(&e_arr(&[
        e_tstr("DeviceAuthentication"),
        transcript.to_vec(),
        e_tstr(doc_type),
        e_tag24(dns_content),
    ]));
    let auth = ds.get("deviceAuth").unwrap();
    if let Some(mac) = auth.get("deviceMac") {
        if dc_api {
            return Err("device-mac-not-in-dc-api");
        }
        let m = mac.arr();
        let reader = p256::SecretKey::from_slice(&[seed::READER; 32]).unwrap();
        let device_pub =
            p256::PublicKey::from_sec1_bytes(device_key.to_sec1_point(false).as_bytes()).unwrap();
        let z = p256::ecdh::diffie_hellman(reader.to_nonzero_scalar(), device_pub.as_affine());
        let salt = Sha256::digest(e_tag24(transcript));
        let prk = hmac256(&salt, z.raw_secret_bytes().as_slice());
        let emac = hmac256(&prk, b"EMacKey\x01");
        let mac_structure = e_arr(&[
            e_tstr("MAC0"),
            e_bstr(m[0].bytes().unwrap()),
            e_bstr(&[]),
            e_bstr(&da),
        ]);
        assert_eq!(m[2], C::Null, "detached");
        if hmac256(&emac, &mac_structure) != m[3].bytes().unwrap() {
            return Err("device-mac");
        }
    } else {
        let s = auth.get("deviceSignature").unwrap().arr();
        assert_eq!(s[2], C::Null, "detached");
        let tbs = e_arr(&[
            e_tstr("Signature1"),
            e_bstr(s[0].bytes().unwrap()),
            e_bstr(&[]),
            e_bstr(&da),
        ]);
        let sig = Signature::from_slice(s[3].bytes().unwrap()).unwrap();
        if device_key.verify(&tbs, &sig).is_err() {
            return Err("device-signature");
        }
    }
    let (dns, ..) = decode(dns_content).unwrap();
    if let C::M(pairs) = &dns {
        let allowed: Vec<&str> = dki
            .get("keyAuthorizations")
            .and_then(|k| k.get("nameSpaces"))
            .map(|a| a.arr().iter().filter_map(C::text).collect())
            .unwrap_or_default();
        if pairs
            .iter()
            .any(|(ns, _)| !allowed.contains(&ns.text().unwrap()))
        {
            return Err("key-authorizations");
        }
    }
    Ok(())
}

// ---- structural diff --------------------------------------------------------------------------

fn key_name(k: &C) -> String {
    match k {
        C::T(Some(s), _) => s.clone(),
        other => other.int().map_or("?".into(), |n| n.to_string()),
    }
}

fn join(path: &str, seg: &str) -> String {
    if path.is_empty() {
        seg.into()
    } else {
        format!("{path}/{seg}")
    }
}

fn diff(a: &C, b: &C, path: &str, out: &mut Vec<String>) {
    match (a, b) {
        _ if a == b => {}
        (C::Tag(24, x), C::Tag(24, y)) => {
            match (decode(x.bytes().unwrap()), decode(y.bytes().unwrap())) {
                (Ok((x, ..)), Ok((y, ..))) => diff(&x, &y, &join(path, "#24"), out),
                _ => out.push(path.into()),
            }
        }
        (C::B(x), C::B(y)) if x.starts_with(&[0xd8, 0x18]) && y.starts_with(&[0xd8, 0x18]) => {
            match (decode(x), decode(y)) {
                (Ok((x, ..)), Ok((y, ..))) => diff(&x, &y, path, out),
                _ => out.push(path.into()),
            }
        }
        (C::A(x), C::A(y)) if x.len() == y.len() => {
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                diff(p, q, &join(path, &i.to_string()), out);
            }
        }
        (C::M(x), C::M(y)) => {
            let group = |m: &[(C, C)]| {
                let mut g: BTreeMap<String, Vec<C>> = BTreeMap::new();
                for (k, v) in m {
                    g.entry(key_name(k)).or_default().push(v.clone());
                }
                g
            };
            let (gx, gy) = (group(x), group(y));
            let keys: std::collections::BTreeSet<&String> = gx.keys().chain(gy.keys()).collect();
            for k in keys {
                match (gx.get(k), gy.get(k)) {
                    (Some(vx), Some(vy)) if vx.len() == vy.len() => {
                        for (p, q) in vx.iter().zip(vy) {
                            diff(p, q, &join(path, k), out);
                        }
                    }
                    _ => out.push(join(path, k)),
                }
            }
        }
        _ => out.push(path.into()),
    }
}

fn diff_bytes(a: &[u8], b: &[u8]) -> Vec<String> {
    let (x, _, tx) = decode(a).unwrap();
    let (y, _, ty) = decode(b).unwrap();
    let mut out = Vec::new();
    diff(&x, &y, "", &mut out);
    if tx != ty {
        out.push("$trailing".into());
    }
    out
}

// ---- tests ------------------------------------------------------------------------------------

fn fixture_map() -> BTreeMap<String, Vec<u8>> {
    mf::fixtures(NOW).unwrap().into_iter().collect()
}

#[test]
fn mdoc_fixtures_are_deterministic() {
    assert_eq!(mf::fixtures(NOW).unwrap(), mf::fixtures(NOW).unwrap());
    // Another clock gives other bytes (the clock is really an input).
    assert_ne!(
        fixture_map().get("mdl.annex-c.valid.cbor"),
        mf::fixtures(NOW + 1)
            .unwrap()
            .into_iter()
            .collect::<BTreeMap<_, _>>()
            .get("mdl.annex-c.valid.cbor")
    );
}

#[test]
fn every_fixture_gets_its_expected_outcome() {
    let files = fixture_map();
    let pki = MdocPki::demo(NOW);
    let expected: Json = serde_json::from_slice(&files["expected.json"]).unwrap();
    let rules = expected["responses"].as_array().unwrap();
    assert!(rules.len() >= 30, "{} responses", rules.len());
    let mut covered = std::collections::BTreeSet::new();
    for r in rules {
        let file = r["file"].as_str().unwrap();
        let bytes = &files[file];
        let transcript = &files[r["sessionTranscript"].as_str().unwrap()];
        let flow = r["flow"].as_str().unwrap();
        let dc_api = flow != "proximity" && flow != "oid4vp-redirect";
        let got = check(bytes, transcript, dc_api, &pki);
        let (want, rule) = (r["expected"].as_str().unwrap(), r["rule"].as_str().unwrap());
        if want == "ok" {
            assert_eq!(got, Ok(()), "{file}");
        } else {
            assert_eq!(got, Err(rule), "{file} should fail {rule} ({want})");
            covered.insert(rule);
        }
        // Each file's docType in the manifest is the one it carries.
        if let Ok((c, ..)) = decode(bytes) {
            if let Some(d) = c.get("documents").and_then(|d| d.arr().first()) {
                if rule != "doctype" {
                    assert_eq!(d.get("docType").and_then(C::text), r["docType"].as_str());
                }
            }
        }
    }
    assert!(covered.len() >= 20, "{covered:?}");
}

#[test]
fn negatives_differ_from_their_source_only_where_they_say() {
    let files = fixture_map();
    let expected: Json = serde_json::from_slice(&files["expected.json"]).unwrap();
    for r in expected["responses"].as_array().unwrap() {
        let Some(source) = r["source"].as_str() else {
            continue;
        };
        let file = r["file"].as_str().unwrap();
        let changes: Vec<&str> = r["changes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        let diffs = diff_bytes(&files[source], &files[file]);
        assert!(!diffs.is_empty(), "{file} equals {source}");
        let covers = |c: &str, d: &str| d == c || d.starts_with(&format!("{c}/"));
        for d in &diffs {
            assert!(
                changes.iter().any(|c| covers(c, d)),
                "{file}: unexpected change at {d} (declared {changes:?})"
            );
        }
        for c in &changes {
            assert!(
                diffs.iter().any(|d| covers(c, d)),
                "{file}: declared change {c} not found in {diffs:?}"
            );
        }
    }
}

#[test]
fn valid_responses_are_preferred_and_deterministically_ordered() {
    for (name, bytes) in fixture_map() {
        if name.ends_with(".valid.cbor")
            || name.starts_with("transcript.")
            || name.starts_with("vical") && name.ends_with(".cbor") && !name.contains("rejects")
        {
            let (_, issues, trailing) = decode(&bytes).unwrap();
            assert_eq!(trailing, 0, "{name}");
            assert!(
                !issues.non_preferred && !issues.unsorted && !issues.duplicate && !issues.bad_utf8,
                "{name}"
            );
        }
    }
}

#[test]
fn handovers_match_the_openid4vp_vectors() {
    let v: Json = serde_json::from_str(&shared(
        "vectors/oid4vp-1.0/handover_session_transcript_vectors.json",
    ))
    .unwrap();
    let jwk = &v["jwk_for_thumbprint"];
    let coord = |k: &str| crate::b64::decode_url(jwk[k].as_str().unwrap()).unwrap();
    let vk = VerifyingKey::from_sec1_bytes(&[vec![4], coord("x"), coord("y")].concat()).unwrap();
    let jkt = crate::mdoc::jwk_thumbprint(&vk);
    assert_eq!(hexs(&jkt), v["jwk_thumbprint_hex"].as_str().unwrap());
    let rd = &v["redirect"];
    let t = crate::mdoc::transcript(crate::mdoc::oid4vp_redirect_handover(
        rd["clientId"].as_str().unwrap(),
        rd["nonce"].as_str().unwrap(),
        Some(&jkt),
        rd["responseUri"].as_str().unwrap(),
    ));
    assert_eq!(
        hexs(&crate::cbor::encode(&t)),
        rd["SessionTranscript_hex"].as_str().unwrap()
    );
    let dc = &v["dc_api"];
    let t = crate::mdoc::transcript(crate::mdoc::oid4vp_dcapi_handover(
        dc["origin"].as_str().unwrap(),
        dc["nonce"].as_str().unwrap(),
        Some(&jkt),
    ));
    assert_eq!(
        hexs(&crate::cbor::encode(&t)),
        dc["SessionTranscript_hex"].as_str().unwrap()
    );
}

#[test]
fn dcapi_handover_matches_the_annex_c_vector() {
    let v: Json =
        serde_json::from_str(&shared("vectors/dcapi-annex-c/synthetic/vector.json")).unwrap();
    let info = v["dc_api_request"]["data"]["encryptionInfo"]
        .as_str()
        .unwrap();
    let t = crate::mdoc::transcript(crate::mdoc::dcapi_handover(
        info,
        v["origin"].as_str().unwrap(),
    ));
    assert_eq!(
        hexs(&crate::cbor::encode(&t)),
        v["sessionTranscript_hex"].as_str().unwrap()
    );
    // Our own EncryptionInfo has the same shape: ["dcapi", {nonce: bstr(16), recipientPublicKey}].
    let ours = crate::b64::decode_url(&mf::annex_c_encryption_info(mf::NONCE)).unwrap();
    let (c, ..) = decode(&ours).unwrap();
    assert_eq!(c.arr()[0].text(), Some("dcapi"));
    assert_eq!(
        c.arr()[1].get("nonce").and_then(C::bytes).map(<[u8]>::len),
        Some(16)
    );
    let rpk = cose_key_to_vk(c.arr()[1].get("recipientPublicKey").unwrap());
    assert_eq!(rpk, *mf::key(seed::ANNEX_C_RECIPIENT).verifying_key());
}

#[test]
fn hkdf_matches_rfc5869_case_1() {
    // RFC 5869 A.1 (SHA-256), first 32 bytes of OKM.
    let okm = crate::mdoc::hkdf32(
        &unhex("000102030405060708090a0b0c"),
        &[0x0b; 22],
        &unhex("f0f1f2f3f4f5f6f7f8f9"),
    );
    assert_eq!(
        hexs(&okm),
        "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
    );
}

#[test]
fn response_command_reproduces_the_fixtures() {
    let files = fixture_map();
    let ctx = Ctx::new(NOW).unwrap();
    for f in mf::flows() {
        for (short, doc_type) in [
            ("mdl", crate::mdoc::MDL_DOCTYPE),
            ("pid", crate::mdoc::PID_DOCTYPE),
        ] {
            let issued = ctx.issue(doc_type);
            let ids = Ctx::disclose(doc_type);
            let doc = ctx.doc_disclosing(&issued, &f, ids);
            let bytes = crate::cbor::encode(&crate::mdoc::device_response(vec![doc]));
            assert_eq!(bytes, files[&format!("{short}.{}.valid.cbor", f.name)]);
        }
        assert_eq!(
            crate::cbor::encode(&f.transcript),
            files[&format!("transcript.{}.cbor", f.name)]
        );
    }
}

#[test]
fn vicals_have_the_annex_c_shape_and_verify() {
    let files = fixture_map();
    let pki = MdocPki::demo(NOW);
    let signer = *mf::key(seed::VICAL_SIGNER).verifying_key();
    let expected: Json = serde_json::from_slice(&files["expected.json"]).unwrap();
    let lists = expected["vicals"]["lists"].as_array().unwrap();
    assert_eq!(lists.len(), 8);
    for l in lists {
        let file = l["file"].as_str().unwrap();
        let (c, _, trailing) = decode(&files[file]).unwrap();
        assert_eq!(trailing, 0);
        let s = c.arr();
        let payload = s[2].bytes().unwrap();
        let (v, ..) = decode(payload).unwrap();
        assert_eq!(v.get("version").and_then(C::text), Some("1.0"));
        let id = v.get("vicalIssueID").and_then(C::int).unwrap();
        if let Some(want) = l["vicalIssueID"].as_i64() {
            assert_eq!(id, want, "{file}");
        }
        let next = tdate_secs(v.get("nextUpdate").and_then(C::text).unwrap());
        let date = tdate_secs(v.get("date").and_then(C::text).unwrap());
        assert!(date < next);
        let infos = v.get("certificateInfos").unwrap().arr();
        assert_eq!(
            infos[0].get("certificate").and_then(C::bytes),
            Some(pki.iaca.as_slice())
        );
        assert!(matches!(infos[0].get("serialNumber"), Some(C::Tag(2, _))));
        let tbs = e_arr(&[
            e_tstr("Signature1"),
            e_bstr(s[0].bytes().unwrap()),
            e_bstr(&[]),
            e_bstr(payload),
        ]);
        let sig = Signature::from_slice(s[3].bytes().unwrap()).unwrap();
        let cert = s[1].geti(33).and_then(C::bytes).unwrap();
        let outcome = l["runs"][0]["expected"].as_str().unwrap();
        let sig_ok = signer.verify(&tbs, &sig).is_ok();
        match outcome {
            "ERR_COSE_SIGNATURE_INVALID" => assert!(!sig_ok && cert == pki.vical_signer.as_slice()),
            "ERR_CERT_UNKNOWN_ISSUER" => assert!(cert == pki.untrusted_vical_signer.as_slice()),
            "ERR_CERT_EKU_MISSING" => assert!(sig_ok && cert == pki.vical_signer_no_eku.as_slice()),
            "ERR_TRUST_LIST_STALE" => assert!(sig_ok && next < NOW),
            _ => assert!(
                sig_ok && cert == pki.vical_signer.as_slice() && next > NOW,
                "{file}"
            ),
        }
    }
}

#[test]
fn portrait_is_a_baseline_jpeg() {
    let j = crate::mdoc::tiny_jpeg();
    assert!(j.starts_with(&[0xff, 0xd8, 0xff, 0xe0]) && j.ends_with(&[0xff, 0xd9]));
    // SOF0 says 8×8, one component.
    let sof = j.windows(2).position(|w| w == [0xff, 0xc0]).unwrap();
    assert_eq!(&j[sof + 5..sof + 10], &[0, 8, 0, 8, 1]);
}
