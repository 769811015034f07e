//! The real verifier (`mdoc::request::verify_mdoc`, what the wasm module, the JS API and the CLI
//! run) on EVERY DEMO mdoc fixture of `tools/demo-issuer` (`tests/data/mdoc/expected.json`): each
//! response must give exactly its manifest outcome (`ok` or the error code), under the manifest's
//! policy (its clock, the flow's SessionTranscript file, the DEMO IACA, deviceMac only outside
//! the DC API flows, the reader key of the proximity flow). Also the VICALs: each run of the
//! manifest, and the docType restriction of `vical.mdl-only.cbor` on every valid response.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use cccd_verify::jose::b64;
use cccd_verify::mdoc::request::{verify_mdoc, MdocOptions, VicalOptions};
use cccd_verify::request::parse_options;
use serde_json::{json, Value as Json};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/mdoc");

fn read(name: &str) -> Vec<u8> {
    std::fs::read(format!("{DIR}/{name}")).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn manifest() -> Json {
    serde_json::from_slice(&read("expected.json")).unwrap()
}

fn der_b64(pem_file: &str) -> String {
    let pem = String::from_utf8(read(pem_file)).unwrap();
    pem.lines().filter(|l| !l.starts_with("-----")).collect()
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// The manifest's policy for response `r`, as the JSON options the JS API sends.
fn options(m: &Json, r: &Json, trust: Json) -> MdocOptions {
    let flow_name = r["flow"].as_str().unwrap();
    let flow = &m["flows"][flow_name];
    let mut o = json!({
        "now": m["now"],
        "transcript": { "bytes": b64::encode_url(&read(r["sessionTranscript"].as_str().unwrap())) },
        "allowDeviceMac": flow_name == "proximity",
        "docType": r["docType"],
    });
    if let Some(k) = flow["readerPrivateKeyHex"].as_str() {
        o["readerKey"] = json!(b64::encode_url(&hex(k)));
    }
    for (k, v) in trust.as_object().unwrap() {
        o[k] = v.clone();
    }
    parse_options(&o.to_string()).unwrap()
}

fn outcome(result: Result<impl Sized, cccd_verify::Error>) -> String {
    match result {
        Ok(_) => "ok".to_owned(),
        Err(e) => e.code().to_owned(),
    }
}

fn iaca() -> Json {
    json!({ "anchors": [der_b64("iaca.pem")] })
}

fn vical_trust(file: &str) -> Json {
    json!({ "vical": { "vical": b64::encode_url(&read(file)), "signers": [der_b64("vical-root.pem")] } })
}

#[test]
fn every_response_gives_its_manifest_outcome() {
    let m = manifest();
    let mut checked = 0;
    let mut failures = Vec::new();
    for r in m["responses"].as_array().unwrap() {
        let file = r["file"].as_str().unwrap();
        let got = outcome(verify_mdoc(&read(file), &options(&m, r, iaca())));
        if got != r["expected"].as_str().unwrap() {
            failures.push(format!("{file}: expected {}, got {got}", r["expected"]));
        }
        checked += 1;
    }
    assert!(failures.is_empty(), "{failures:#?}");
    assert_eq!(checked, 37);
}

#[test]
fn valid_responses_show_the_disclosed_elements_as_the_manifest_renders_them() {
    let m = manifest();
    for r in m["responses"].as_array().unwrap() {
        if r["expected"] != "ok" || r["disclosed"].is_null() {
            continue;
        }
        let file = r["file"].as_str().unwrap();
        let v = verify_mdoc(&read(file), &options(&m, r, iaca())).unwrap();
        let doc = &v.documents[0];
        assert_eq!(doc.doc_type, r["docType"].as_str().unwrap(), "{file}");
        let claims = serde_json::to_value(&doc.claims).unwrap();
        for (ns, elements) in r["disclosed"].as_object().unwrap() {
            let got = claims[ns].as_object().unwrap();
            assert_eq!(
                got.keys().collect::<Vec<_>>(),
                elements.as_object().unwrap().keys().collect::<Vec<_>>(),
                "{file}"
            );
        }
        assert_eq!(
            doc.issuer.iaca_subject,
            m["trust"]["iaca"]["subject"].as_str().unwrap()
        );
    }
}

#[test]
fn every_vical_run_gives_its_manifest_outcome() {
    let m = manifest();
    let mut runs = 0;
    for l in m["vicals"]["lists"].as_array().unwrap() {
        let file = l["file"].as_str().unwrap();
        for run in l["runs"].as_array().unwrap() {
            let mut o = json!({
                "vical": b64::encode_url(&read(file)),
                "signers": [der_b64("vical-root.pem")],
                "now": m["now"],
            });
            if let Some(prev) = run["accepted"]["file"].as_str() {
                let first: VicalOptions = parse_options(
                    &json!({ "vical": b64::encode_url(&read(prev)), "signers": o["signers"], "now": m["now"] })
                        .to_string(),
                )
                .unwrap();
                let a = first.verify(0).unwrap().accepted();
                assert_eq!(
                    a.sequence,
                    run["accepted"]["vicalIssueID"].as_u64().unwrap()
                );
                o["accepted"] =
                    json!({ "sequence": a.sequence, "digest": b64::encode_url(&a.digest) });
            }
            let opts: VicalOptions = parse_options(&o.to_string()).unwrap();
            assert_eq!(
                outcome(opts.verify(0)),
                run["expected"].as_str().unwrap(),
                "{file} after {}",
                run["accepted"]
            );
            runs += 1;
        }
    }
    assert_eq!(runs, 10);
}

#[test]
fn a_vical_restricts_its_iacas_to_the_doc_types_of_their_entries() {
    let m = manifest();
    let mut refused = 0;
    for r in m["responses"].as_array().unwrap() {
        if r["expected"] != "ok" {
            continue;
        }
        let file = r["file"].as_str().unwrap();
        let bytes = read(file);
        // Listed for both docTypes: every valid response verifies under the VICAL alone.
        assert_eq!(
            outcome(verify_mdoc(
                &bytes,
                &options(&m, r, vical_trust("vical.cbor"))
            )),
            "ok",
            "{file}"
        );
        // Listed for the mDL only: the PID responses are refused, naming the docType and IACA.
        let got = verify_mdoc(&bytes, &options(&m, r, vical_trust("vical.mdl-only.cbor")));
        if file.starts_with("pid.") {
            let e = got.unwrap_err();
            assert_eq!(e.code(), "ERR_TRUST_LIST_DOCTYPE_NOT_ALLOWED", "{file}");
            let p = e.params();
            assert_eq!(p["docType"], "vn.cccd-verify.pid.1");
            assert_eq!(p["iaca"], m["trust"]["iaca"]["subject"]);
            refused += 1;
        } else {
            assert!(got.is_ok(), "{file}: {got:?}");
        }
        // The same IACA also pinned as an anchor: the pin is not restricted by the VICAL.
        let mut both = vical_trust("vical.mdl-only.cbor");
        both["anchors"] = json!([der_b64("iaca.pem")]);
        assert_eq!(
            outcome(verify_mdoc(&bytes, &options(&m, r, both))),
            "ok",
            "{file}"
        );
    }
    assert_eq!(refused, 6);
}

#[test]
fn a_vical_that_fails_refuses_the_response_with_the_list_error() {
    let m = manifest();
    let r = &m["responses"][0];
    let bytes = read(r["file"].as_str().unwrap());
    let stale = verify_mdoc(&bytes, &options(&m, r, vical_trust("vical.stale.cbor"))).unwrap_err();
    assert_eq!(stale.code(), "ERR_TRUST_LIST_STALE");
    assert_eq!(stale.params()["in"], "trustList");
    let mut warn = vical_trust("vical.stale.cbor");
    warn["vical"]["stale"] = json!("warn");
    assert_eq!(outcome(verify_mdoc(&bytes, &options(&m, r, warn))), "ok");
    let forged = vical_trust("vical.other-key.rejects.cbor");
    assert_eq!(
        outcome(verify_mdoc(&bytes, &options(&m, r, forged))),
        "ERR_COSE_SIGNATURE_INVALID"
    );
    // No trust at all is an options error, and `vical.now` belongs to the verification.
    let none = json!({ "now": 0, "transcript": { "bytes": "gPb2" } }).to_string();
    assert_eq!(
        parse_options::<MdocOptions>(&none).unwrap_err().path,
        "anchors"
    );
    let mut with_now = vical_trust("vical.cbor");
    with_now["vical"]["now"] = json!(1);
    with_now["now"] = json!(0);
    with_now["transcript"] = json!({ "bytes": "gPb2" });
    assert_eq!(
        parse_options::<MdocOptions>(&with_now.to_string())
            .unwrap_err()
            .path,
        "vical.now"
    );
}
