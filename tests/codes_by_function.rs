//! The per-function error unions (`API_ERRORS` in src/error/table.rs, `ThrownBy` in
//! js/codes.d.ts) cover what the Rust side of each function returns: the Rust entry each JS
//! function calls runs over the test data, the fuzz corpora and mutations of valid inputs, and
//! every code it returns must be in that function's union. (A static proof over the call graph
//! was measured and is too coarse at file level: `verifySdJwtVc` reaches 96 of the 130 variants
//! through shared modules, e.g. the text checks of `src/cccd`.)
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;
use std::path::Path;

use cccd_verify::error_codes::API_ERRORS;
use cccd_verify::{Date, Error};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn union(function: &str) -> Vec<&'static str> {
    API_ERRORS
        .iter()
        .find(|a| a.function == function)
        .unwrap_or_else(|| panic!("{function} is not in API_ERRORS"))
        .union()
}

/// Every file of a directory (sorted), or none when it does not exist.
fn files(dir: &str) -> Vec<(String, Vec<u8>)> {
    let Ok(entries) = std::fs::read_dir(Path::new(ROOT).join(dir)) else {
        return Vec::new();
    };
    let mut out: Vec<(String, Vec<u8>)> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect();
    out.sort();
    out
}

/// Deterministic mutations of a valid input: truncations, single byte flips and deletions
/// spread over the input.
fn mutations(input: &[u8], count: usize) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let n = input.len().max(1);
    for k in 0..count {
        let at = (k * 7919 + 13) % n;
        let mut flip = input.to_vec();
        if let Some(b) = flip.get_mut(at) {
            *b ^= 1 << (k % 7);
        }
        out.push(flip);
        out.push(input.get(..at).unwrap_or_default().to_vec());
        let mut del = input.to_vec();
        if at < del.len() {
            del.remove(at);
        }
        out.push(del);
    }
    out
}

/// Records each code returned, with one input that produced it.
#[derive(Default)]
struct Seen(BTreeMap<&'static str, String>);

impl Seen {
    fn add<T>(&mut self, r: &Result<T, Error>, input: &str) {
        if let Err(e) = r {
            self.0.entry(e.code()).or_insert_with(|| input.to_owned());
        }
    }

    fn check(&self, function: &str, at_least: usize) {
        let allowed = union(function);
        let outside: Vec<String> = self
            .0
            .iter()
            .filter(|(c, _)| !allowed.contains(c))
            .map(|(c, input)| format!("{c} (from {input})"))
            .collect();
        assert!(
            outside.is_empty(),
            "{function} returned codes outside its union in API_ERRORS: {outside:?}"
        );
        // The inputs are rich enough to say something.
        assert!(
            self.0.len() >= at_least,
            "{function}: only {:?} seen",
            self.0.keys().collect::<Vec<_>>()
        );
    }
}

fn now() -> Date {
    Date::new(2026, 12, 4).unwrap()
}

#[test]
fn parse_cccd_and_parse_mrz_return_only_their_codes() {
    let mut card = Seen::default();
    let mut mrz = Seen::default();
    let mrzs = files("fuzz/corpus/mrz");
    for (name, bytes) in files("fuzz/corpus/qr_payload") {
        let r = cccd_verify::parse_qr_bytes(&bytes, now());
        card.add(&r, &name);
        // With an MRZ to cross-check, as `parseCccd(…, { mrz })` does.
        if let (Ok(c), Some((mname, m))) = (r, mrzs.get(name.len() % mrzs.len().max(1))) {
            let text = String::from_utf8_lossy(m);
            card.add(&cccd_verify::parse_mrz(&text).map(|m| c.with_mrz(m)), mname);
        }
        for m in mutations(&bytes, 4) {
            card.add(&cccd_verify::parse_qr_bytes(&m, now()), &name);
        }
    }
    for (name, bytes) in &mrzs {
        let text = String::from_utf8_lossy(bytes);
        mrz.add(&cccd_verify::parse_mrz(&text), name);
        for m in mutations(bytes, 4) {
            mrz.add(&cccd_verify::parse_mrz(&String::from_utf8_lossy(&m)), name);
        }
    }
    card.check("parseCccd", 6);
    mrz.check("parseMrz", 2);
}

#[test]
fn names_return_only_their_codes() {
    let mut seen = Seen::default();
    for len in [0, 10, 1024, 1025, 5000] {
        let name = "Ă".repeat(len / 2);
        seen.add(&cccd_verify::fold_name(&name), "long name");
        seen.add(&cccd_verify::compare_names(&name, "An"), "long name");
        seen.add(&cccd_verify::icao_transliterate(&name), "long name");
    }
    for f in ["compareNames", "foldName", "icaoTransliterate"] {
        seen.check(f, 1);
    }
}

#[test]
fn decode_qr_and_scan_cccd_return_only_their_codes() {
    use cccd_verify::qr::{self, DecodeOptions};
    let mut decode = Seen::default();
    let mut scan = Seen::default();
    let opts = DecodeOptions::default();
    let mut inputs = files("fuzz/corpus/image_file");
    inputs.extend(files("fuzz/corpus/qr_image"));
    for (name, bytes) in inputs {
        for b in std::iter::once(bytes.clone()).chain(mutations(&bytes, 3)) {
            match qr::decode_image_file(&b) {
                Ok(img) => {
                    decode.add(&qr::decode(&img, &opts, &mut |_| {}), &name);
                    scan.add(&qr::scan_cccd(&img, &opts, now(), &mut |_| {}), &name);
                }
                Err(e) => {
                    let r: Result<(), Error> = Err(e);
                    decode.add(&r, &name);
                    scan.add(&r, &name);
                }
            }
        }
    }
    decode.check("decodeQr", 1);
    scan.check("scanCccd", 2);
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(Path::new(ROOT).join(rel)).unwrap()
}

fn pem_b64(pem: &str) -> Vec<String> {
    pem.split("-----BEGIN CERTIFICATE-----")
        .skip(1)
        .map(|p| {
            p.split("-----END CERTIFICATE-----")
                .next()
                .unwrap()
                .split_whitespace()
                .collect()
        })
        .collect()
}

#[test]
fn verify_sd_jwt_vc_and_load_trust_list_return_only_their_codes() {
    use cccd_verify::request::{parse_options, verify_sd_jwt_vc, SdJwtVcOptions, TrustListOptions};
    let dir = "tests/data/sd-jwt";
    let spec: serde_json::Value =
        serde_json::from_str(&read(&format!("{dir}/expected.json"))).unwrap();
    let anchors = pem_b64(&read(&format!("{dir}/anchor.pem")));
    let lists: Vec<String> = files(dir)
        .into_iter()
        .filter(|(n, _)| n.contains("status-list."))
        .map(|(_, b)| String::from_utf8(b).unwrap().trim().to_owned())
        .collect();
    let mut presentations: Vec<(String, String)> = files(dir)
        .into_iter()
        .filter(|(n, _)| n.contains("presentation.") || n.contains("credential"))
        .map(|(n, b)| (n, String::from_utf8(b).unwrap().trim().to_owned()))
        .collect();
    for (name, b) in files("fuzz/corpus/sd_jwt") {
        presentations.push((name, String::from_utf8_lossy(&b).into_owned()));
    }
    let valid = read(&format!("{dir}/presentation.with-status.valid.txt"));
    for m in mutations(valid.trim().as_bytes(), 60) {
        presentations.push((
            "mutated presentation.with-status.valid.txt".into(),
            String::from_utf8_lossy(&m).into_owned(),
        ));
    }
    let mut seen = Seen::default();
    let kb = serde_json::json!({ "nonce": spec["nonce"], "audience": spec["audience"] });
    let policies = [
        serde_json::json!({ "anchors": anchors, "statusAnchors": anchors, "keyBinding": kb, "now": spec["now"], "statusLists": lists }),
        serde_json::json!({ "anchors": anchors, "keyBinding": null, "now": spec["now"], "statusLists": lists, "status": "required" }),
        serde_json::json!({ "anchors": anchors, "keyBinding": kb, "now": 0 }),
    ];
    for p in &policies {
        let o: SdJwtVcOptions = parse_options(&p.to_string()).unwrap();
        for (name, text) in &presentations {
            seen.add(&verify_sd_jwt_vc(text, &o), name);
        }
    }
    // With a trust list as `trust`: its re-check at each use.
    let trust_lists: Vec<(String, String)> = files(dir)
        .into_iter()
        .filter(|(n, _)| n.contains("trust-list."))
        .map(|(n, b)| (n, String::from_utf8(b).unwrap().trim().to_owned()))
        .collect();
    // The pinned trust-list signer is the DEMO root too (expected.json, `signerAnchorNote`).
    let signers = anchors.clone();
    let mut load = Seen::default();
    for (name, jws) in &trust_lists {
        let mut variants = vec![jws.clone()];
        variants.extend(
            mutations(jws.as_bytes(), 20)
                .into_iter()
                .map(|m| String::from_utf8_lossy(&m).into_owned()),
        );
        for v in variants {
            let tl = serde_json::json!({ "jws": v, "signers": signers, "now": spec["now"] });
            let o: TrustListOptions = parse_options(&tl.to_string()).unwrap();
            load.add(&o.verify(spec["now"].as_i64().unwrap()), name);
            let mut tl = tl;
            tl.as_object_mut().unwrap().remove("now");
            let p = serde_json::json!({ "trustList": tl, "keyBinding": kb, "now": spec["now"], "statusLists": lists });
            let o: SdJwtVcOptions = parse_options(&p.to_string()).unwrap();
            seen.add(&verify_sd_jwt_vc(valid.trim(), &o), name);
        }
    }
    for (name, b) in files("fuzz/corpus/trust_list") {
        let tl = serde_json::json!({ "jws": String::from_utf8_lossy(&b), "signers": signers, "now": spec["now"] });
        let o: TrustListOptions = parse_options(&tl.to_string()).unwrap();
        load.add(&o.verify(spec["now"].as_i64().unwrap()), &name);
    }
    seen.check("verifySdJwtVc", 15);
    seen.check("verifySdJwtVcAsync", 15);
    load.check("loadTrustList", 3);
}

#[cfg(feature = "mdoc")]
#[test]
fn verify_mdoc_and_load_vical_return_only_their_codes() {
    use cccd_verify::mdoc::request::{verify_mdoc, MdocOptions, VicalOptions};
    use cccd_verify::request::parse_options;
    let dir = "tests/data/mdoc";
    let spec: serde_json::Value =
        serde_json::from_str(&read(&format!("{dir}/expected.json"))).unwrap();
    let anchors = pem_b64(&read(&format!("{dir}/iaca.pem")));
    let vical_root = pem_b64(&read(&format!("{dir}/vical-root.pem")));
    let now = spec["now"].as_i64().unwrap_or(1_795_737_600);
    let b64url = |b: &[u8]| cccd_verify::jose::b64::encode_url(b);
    let mut responses: Vec<(String, Vec<u8>)> = files(dir)
        .into_iter()
        .filter(|(n, _)| n.ends_with(".cbor") && !n.contains("transcript"))
        .collect();
    responses.extend(files("fuzz/corpus/mdoc"));
    responses.extend(files("fuzz/corpus/cbor"));
    let base = responses.clone();
    for (name, b) in base.iter().filter(|(n, _)| n.contains(".valid.")).take(3) {
        for m in mutations(b, 40) {
            responses.push((format!("mutated {name}"), m));
        }
    }
    let transcripts: Vec<Vec<u8>> = files(dir)
        .into_iter()
        .filter(|(n, _)| n.contains("transcript"))
        .map(|(_, b)| b)
        .collect();
    let mut seen = Seen::default();
    for t in transcripts.iter().take(2) {
        let o = serde_json::json!({ "anchors": anchors, "now": now, "transcript": { "bytes": b64url(t) } });
        let o: MdocOptions = parse_options(&o.to_string()).unwrap();
        for (name, bytes) in &responses {
            seen.add(&verify_mdoc(bytes, &o), name);
        }
    }
    seen.check("verifyMdoc", 10);
    let mut vical = Seen::default();
    let mut vicals = files("fuzz/corpus/vical");
    vicals.extend(
        files(dir)
            .into_iter()
            .filter(|(n, _)| n.contains("vical") && n.ends_with(".cbor")),
    );
    for (name, b) in vicals {
        for v in std::iter::once(b.clone()).chain(mutations(&b, 20)) {
            let o = serde_json::json!({ "signers": vical_root, "now": now });
            let o: VicalOptions = parse_options(&o.to_string()).unwrap();
            vical.add(&o.verify_bytes(&v, now), &name);
        }
    }
    vical.check("loadVical", 2);
}

/// The unions are smaller than the whole table, the point of having them: none holds a code
/// of the ICAO chip (not in a shipped wasm module), and only the Digital Credentials API flow
/// holds the decryption codes.
#[test]
fn unions_are_narrower_than_every_code() {
    use cccd_verify::error_codes::ERRORS;
    const DCAPI: [&str; 2] = ["createCredentialRequest", "verifyCredentialResponse"];
    for a in API_ERRORS {
        let u = a.union();
        assert!(u.len() < ERRORS.len(), "{}: every code", a.function);
        let decrypts = DCAPI.contains(&a.function);
        for e in ERRORS
            .iter()
            .filter(|e| e.domain == "Chip" || (e.domain == "Decrypt" && !decrypts))
        {
            assert!(!u.contains(&e.code), "{}: {}", a.function, e.code);
        }
    }
}
