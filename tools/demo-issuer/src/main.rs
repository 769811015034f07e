//! `demo-issuer`: a deterministic DEMO issuer and holder for the cccd-verify "CCCD PID" SD-JWT
//! VC profile (docs/cccd-pid-profile.md). Fixed seeds, fixed clock, no randomness: the same
//! command always writes the same bytes. DEMO ONLY: every private key is published.

// The shared test builder indexes a byte it has just written (its NonMinimalSerial quirk).
#[allow(clippy::indexing_slicing)]
#[path = "../../../tests/support/certs.rs"]
mod certs;

mod b64;
mod card;
mod cbor;
mod fixtures;
mod mdoc;
mod mdoc_fixtures;
#[cfg(test)]
mod mdoc_tests;
mod mdocpki;
mod pki;
mod sdjwt;
mod status;
mod trustlist;
mod vical;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use card::Card;
use pki::{seed, signing_key, Pki};
use status::StatusRef;

/// 2026-11-27T00:00:00Z, the clock of the test suite.
const DEFAULT_NOW: i64 = certs::NOW;

const USAGE: &str = "demo-issuer: DEMO ONLY, deterministic SD-JWT VC issuer for cccd-verify

Usage:
  demo-issuer pki --out DIR [--now SECONDS]
  demo-issuer credential --card \"<CCCD QR payload>\" --out FILE [--now SECONDS]
                         [--status-idx N [--status-uri URI]]
  demo-issuer present --credential FILE --disclose PATH[,PATH…] --nonce N --aud A
                      [--iat SECONDS] [--now SECONDS] --out FILE
  demo-issuer status-list --out FILE [--set INDEX=STATUS[,…]] [--entries N] [--bits B]
                          [--uri URI] [--iat SECONDS] [--exp SECONDS] [--ttl SECONDS]
                          [--now SECONDS]
  demo-issuer trust-list --out FILE [--sequence N] [--iat SECONDS] [--next-update SECONDS]
                         [--vcts VCT[,VCT…]] [--no-status-service] [--untrusted-signer]
                         [--now SECONDS]
  demo-issuer fixtures --out DIR [--mdoc-out DIR] [--now SECONDS]
  demo-issuer mdoc pki --out DIR [--now SECONDS]
  demo-issuer mdoc response --doc mdl|pid --flow FLOW --out FILE [--transcript-out FILE]
                            [--card \"<CCCD QR payload>\"] [--disclose ID[,ID…]]
                            [--origin O] [--nonce N] [--client-id C] [--response-uri U]
                            [--now SECONDS]
  demo-issuer mdoc vical --out FILE [--issue-id N] [--iat SECONDS] [--next-update SECONDS]
                         [--doc-types T[,T…]] [--now SECONDS]
  demo-issuer mdoc fixtures --out DIR [--now SECONDS]

--now defaults to 1795737600 (2026-11-27T00:00:00Z); --iat defaults to --now.
PATH is a claim name (family_name, address, …) or object.member (age_equal_or_over.18,
address.formatted).
--status-uri and --uri default to https://status.demo.cccd-verify.invalid/lists/1.
status-list: --entries 64, --bits 2, --exp = --iat + 86400, --ttl 3600 by default; every
entry is VALID unless --set (STATUS: valid, invalid, revoked, suspended, or 0-255).
trust-list: --sequence 1, --iat = ListIssueDateTime, --next-update = --iat + 30 days,
--vcts urn:cccd-verify:pid:vn:1 by default.
mdoc: FLOW is annex-c, oid4vp-dcapi, oid4vp-dcapi-jwk, oid4vp-redirect or proximity
(deviceMac); --disclose defaults to the fixtures' elements; vical: --issue-id 1,
--next-update = --iat + 30 days, --doc-types org.iso.18013.5.1.mDL,vn.cccd-verify.pid.1.
Every key is derived from a published seed: nothing this tool signs proves anything.";

#[derive(Default)]
struct Args {
    command: Option<String>,
    out: Option<PathBuf>,
    now: Option<i64>,
    iat: Option<i64>,
    card: Option<String>,
    credential: Option<PathBuf>,
    disclose: Option<String>,
    nonce: Option<String>,
    aud: Option<String>,
    status_idx: Option<u64>,
    status_uri: Option<String>,
    set: Option<String>,
    entries: Option<usize>,
    bits: Option<u8>,
    uri: Option<String>,
    exp: Option<i64>,
    ttl: Option<i64>,
    sequence: Option<u64>,
    next_update: Option<i64>,
    vcts: Option<String>,
    no_status_service: bool,
    untrusted_signer: bool,
    sub: Option<String>,
    mdoc_out: Option<PathBuf>,
    doc: Option<String>,
    flow: Option<String>,
    transcript_out: Option<PathBuf>,
    origin: Option<String>,
    client_id: Option<String>,
    response_uri: Option<String>,
    issue_id: Option<u64>,
    doc_types: Option<String>,
}

enum Failure {
    Usage(String),
    Run(String),
}

fn parse_args(argv: &[String]) -> Result<Args, Failure> {
    let mut a = Args::default();
    let mut it = argv.iter();
    while let Some(arg) = it.next() {
        let mut value = || {
            it.next()
                .cloned()
                .ok_or_else(|| Failure::Usage(format!("{arg} needs a value")))
        };
        let seconds = |v: String| {
            v.parse::<i64>()
                .map_err(|_| Failure::Usage(format!("{arg}: expected Unix seconds, got {v:?}")))
        };
        match arg.as_str() {
            "--out" => a.out = Some(PathBuf::from(value()?)),
            "--now" => a.now = Some(seconds(value()?)?),
            "--iat" => a.iat = Some(seconds(value()?)?),
            "--card" => a.card = Some(value()?),
            "--credential" => a.credential = Some(PathBuf::from(value()?)),
            "--disclose" => a.disclose = Some(value()?),
            "--nonce" => a.nonce = Some(value()?),
            "--aud" => a.aud = Some(value()?),
            "--status-idx" => a.status_idx = Some(number(arg, value()?)?),
            "--status-uri" => a.status_uri = Some(value()?),
            "--set" => a.set = Some(value()?),
            "--entries" => a.entries = Some(number(arg, value()?)?),
            "--bits" => a.bits = Some(number(arg, value()?)?),
            "--uri" => a.uri = Some(value()?),
            "--exp" => a.exp = Some(seconds(value()?)?),
            "--ttl" => a.ttl = Some(seconds(value()?)?),
            "--sequence" => a.sequence = Some(number(arg, value()?)?),
            "--next-update" => a.next_update = Some(seconds(value()?)?),
            "--vcts" => a.vcts = Some(value()?),
            "--no-status-service" => a.no_status_service = true,
            "--untrusted-signer" => a.untrusted_signer = true,
            "--mdoc-out" => a.mdoc_out = Some(PathBuf::from(value()?)),
            "--doc" => a.doc = Some(value()?),
            "--flow" => a.flow = Some(value()?),
            "--transcript-out" => a.transcript_out = Some(PathBuf::from(value()?)),
            "--origin" => a.origin = Some(value()?),
            "--client-id" => a.client_id = Some(value()?),
            "--response-uri" => a.response_uri = Some(value()?),
            "--issue-id" => a.issue_id = Some(number(arg, value()?)?),
            "--doc-types" => a.doc_types = Some(value()?),
            "-h" | "--help" => a.command = Some("help".into()),
            s if s.starts_with("--") => return Err(Failure::Usage(format!("unknown option {s}"))),
            s if a.command.is_none() => a.command = Some(s.into()),
            s if a.command.as_deref() == Some("mdoc") && a.sub.is_none() => a.sub = Some(s.into()),
            s => return Err(Failure::Usage(format!("unexpected argument {s:?}"))),
        }
    }
    Ok(a)
}

fn number<T: std::str::FromStr>(arg: &str, v: String) -> Result<T, Failure> {
    v.parse::<T>()
        .map_err(|_| Failure::Usage(format!("{arg}: expected a non-negative integer, got {v:?}")))
}

fn required<T>(v: Option<T>, name: &str) -> Result<T, Failure> {
    v.ok_or_else(|| Failure::Usage(format!("{name} is required")))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| Failure::Run(format!("{}: {e}", dir.display())))?;
    }
    std::fs::write(path, bytes).map_err(|e| Failure::Run(format!("{}: {e}", path.display())))?;
    eprintln!("wrote {} ({} bytes)", path.display(), bytes.len());
    Ok(())
}

/// The PKI files of `demo-issuer pki`, as (name, bytes).
fn pki_files(now: i64) -> Vec<(String, Vec<u8>)> {
    let p = Pki::demo(now);
    let certs: [(&str, &[u8]); 5] = [
        ("root", &p.issuer.root),
        ("issuer-ca", &p.issuer.ca),
        ("issuer", &p.issuer.leaf),
        ("trust-list-operator", &p.trust_list_operator),
        ("status-list-signer", &p.status_list_signer),
    ];
    let mut files = Vec::new();
    for (name, der) in certs {
        files.push((format!("{name}.der"), der.to_vec()));
        files.push((
            format!("{name}.pem"),
            b64::pem("CERTIFICATE", der).into_bytes(),
        ));
    }
    files.push((
        "issuer-chain.pem".into(),
        format!(
            "{}{}",
            b64::pem("CERTIFICATE", &p.issuer.leaf),
            b64::pem("CERTIFICATE", &p.issuer.ca)
        )
        .into_bytes(),
    ));
    files
}

fn run(argv: &[String]) -> Result<(), Failure> {
    let a = parse_args(argv)?;
    let now = a.now.unwrap_or(DEFAULT_NOW);
    match a.command.as_deref() {
        Some("pki") => {
            let dir = required(a.out, "--out DIR")?;
            for (name, bytes) in pki_files(now) {
                write(&dir.join(name), &bytes)?;
            }
            Ok(())
        }
        Some("credential") => {
            let card = Card::parse(&required(a.card, "--card")?).map_err(Failure::Run)?;
            let out = required(a.out, "--out FILE")?;
            let uri = a.status_uri.as_deref().unwrap_or(status::URI);
            if a.status_uri.is_some() && a.status_idx.is_none() {
                return Err(Failure::Usage("--status-uri needs --status-idx".into()));
            }
            let status = a.status_idx.map(|idx| StatusRef { idx, uri });
            let issued = fixtures::issue_card(&card, now, &Pki::demo(now), status);
            write(&out, issued.serialize().as_bytes())
        }
        Some("present") => {
            let file = required(a.credential, "--credential FILE")?;
            let disclose = required(a.disclose, "--disclose")?;
            let nonce = required(a.nonce, "--nonce")?;
            let aud = required(a.aud, "--aud")?;
            let out = required(a.out, "--out FILE")?;
            let text = std::fs::read_to_string(&file)
                .map_err(|e| Failure::Run(format!("{}: {e}", file.display())))?;
            let cred = sdjwt::parse_credential(&text).map_err(Failure::Run)?;
            let holder = signing_key(seed::HOLDER);
            let cnf = cred.payload.get("cnf").and_then(|c| c.get("jwk"));
            if cnf != Some(&sdjwt::jwk(holder.verifying_key())) {
                return Err(Failure::Run(
                    "the credential's cnf.jwk is not the demo holder key: cannot make its key binding"
                        .into(),
                ));
            }
            let paths: Vec<&str> = disclose
                .split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect();
            let chosen = cred.select(&paths).map_err(Failure::Run)?;
            let pres = sdjwt::present(
                &cred.jwt,
                &chosen,
                &holder,
                &nonce,
                &aud,
                a.iat.unwrap_or(now),
            );
            write(&out, pres.as_bytes())
        }
        Some("status-list") => {
            let out = required(a.out, "--out FILE")?;
            let entries = a.entries.unwrap_or(status::DEFAULT_ENTRIES);
            if entries > 1 << 24 {
                return Err(Failure::Usage("--entries: at most 16777216".into()));
            }
            let mut values = vec![status::VALID; entries];
            if let Some(set) = &a.set {
                status::apply_settings(&mut values, set).map_err(Failure::Usage)?;
            }
            let bits = a.bits.unwrap_or(status::DEFAULT_BITS);
            if !matches!(bits, 1 | 2 | 4 | 8) {
                return Err(Failure::Usage(format!(
                    "--bits must be 1, 2, 4 or 8, not {bits}"
                )));
            }
            let iat = a.iat.unwrap_or(now);
            let p = Pki::demo(now);
            let jwt = status::token(&status::ListParams {
                uri: a.uri.as_deref().unwrap_or(status::URI),
                bits,
                values: &values,
                iat,
                exp: Some(a.exp.unwrap_or(iat + certs::DAY)),
                ttl: Some(a.ttl.unwrap_or(status::DEFAULT_TTL)),
                x5c: vec![&p.status_list_signer],
                signer: &signing_key(seed::STATUS_LIST_SIGNER),
            })
            .map_err(Failure::Run)?;
            write(&out, jwt.as_bytes())
        }
        Some("trust-list") => {
            let out = required(a.out, "--out FILE")?;
            let sequence = a.sequence.unwrap_or(1);
            if sequence == 0 {
                return Err(Failure::Usage("--sequence must be at least 1".into()));
            }
            let vcts_arg = a.vcts.unwrap_or_else(|| card::VCT.into());
            let vcts: Vec<&str> = vcts_arg
                .split(',')
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .collect();
            if vcts.is_empty() {
                return Err(Failure::Usage("--vcts needs at least one vct".into()));
            }
            let issued = a.iat.unwrap_or(now);
            let next_update = a
                .next_update
                .unwrap_or(issued + trustlist::DEFAULT_VALIDITY);
            if next_update <= issued {
                return Err(Failure::Usage(
                    "--next-update must be later than --iat (ListIssueDateTime)".into(),
                ));
            }
            let jwt = fixtures::demo_trust_list(
                now,
                &Pki::demo(now),
                &fixtures::DemoList {
                    sequence,
                    issued,
                    next_update,
                    vcts: &vcts,
                    status_service: !a.no_status_service,
                    untrusted_signer: a.untrusted_signer,
                },
            );
            write(&out, jwt.as_bytes())
        }
        Some("fixtures") => {
            let dir = required(a.out, "--out DIR")?;
            for (name, bytes) in fixtures::fixtures(now).map_err(Failure::Run)? {
                write(&dir.join(name), &bytes)?;
            }
            if let Some(mdir) = &a.mdoc_out {
                for (name, bytes) in mdoc_fixtures::fixtures(now).map_err(Failure::Run)? {
                    write(&mdir.join(name), &bytes)?;
                }
            }
            Ok(())
        }
        Some("mdoc") => run_mdoc(a, now),
        Some("help") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(Failure::Usage(format!("unknown command {other:?}"))),
        None => Err(Failure::Usage("no command".into())),
    }
}

fn run_mdoc(a: Args, now: i64) -> Result<(), Failure> {
    use mdoc_fixtures::{Ctx, Request};
    match a.sub.as_deref() {
        Some("pki") => {
            let dir = required(a.out, "--out DIR")?;
            let p = mdocpki::MdocPki::demo(now);
            for (name, der) in [
                ("iaca", &p.iaca),
                ("ds", &p.ds),
                ("vical-root", &p.vical_root),
                ("vical-signer", &p.vical_signer),
            ] {
                write(&dir.join(format!("{name}.der")), der)?;
                write(
                    &dir.join(format!("{name}.pem")),
                    b64::pem("CERTIFICATE", der).as_bytes(),
                )?;
            }
            Ok(())
        }
        Some("response") => {
            let out = required(a.out, "--out FILE")?;
            let doc_type = match required(a.doc, "--doc mdl|pid")?.as_str() {
                "mdl" => mdoc::MDL_DOCTYPE,
                "pid" => mdoc::PID_DOCTYPE,
                other => return Err(Failure::Usage(format!("--doc: mdl or pid, not {other:?}"))),
            };
            let flow_name = required(a.flow, "--flow")?;
            let ctx = match &a.card {
                Some(c) => Ctx::with_card(now, c),
                None => Ctx::new(now),
            }
            .map_err(Failure::Run)?;
            let d = mdoc_fixtures::DEFAULT_REQUEST;
            let req = Request {
                origin: a.origin.as_deref().unwrap_or(d.origin),
                nonce: a.nonce.as_deref().unwrap_or(d.nonce),
                client_id: a.client_id.as_deref().unwrap_or(d.client_id),
                response_uri: a.response_uri.as_deref().unwrap_or(d.response_uri),
            };
            let flows = mdoc_fixtures::flows_for(&req);
            let flow = flows.iter().find(|f| f.name == flow_name).ok_or_else(|| {
                Failure::Usage(format!(
                    "--flow: one of {}, not {flow_name:?}",
                    mdoc_fixtures::FLOW_NAMES.join(", ")
                ))
            })?;
            let issued = ctx.issue(doc_type);
            let bytes = match &a.disclose {
                None => ctx.response(&issued, flow),
                Some(list) => {
                    let ids: Vec<&str> = list.split(',').map(str::trim).collect();
                    let known: Vec<&str> = issued.items.iter().map(|i| i.id.as_str()).collect();
                    if let Some(bad) = ids.iter().find(|i| !known.contains(i)) {
                        return Err(Failure::Run(format!(
                            "--disclose: unknown element {bad:?}; available: {}",
                            known.join(", ")
                        )));
                    }
                    let doc = ctx.doc_disclosing(&issued, flow, &ids);
                    cbor::encode(&mdoc::device_response(vec![doc]))
                }
            };
            write(&out, &bytes)?;
            if let Some(t) = &a.transcript_out {
                write(t, &cbor::encode(&flow.transcript))?;
            }
            Ok(())
        }
        Some("vical") => {
            let out = required(a.out, "--out FILE")?;
            let issued = a.iat.unwrap_or(now);
            let next_update = a.next_update.unwrap_or(issued + 30 * certs::DAY);
            if next_update <= issued {
                return Err(Failure::Usage(
                    "--next-update must be later than --iat".into(),
                ));
            }
            let types_arg = a
                .doc_types
                .unwrap_or_else(|| format!("{},{}", mdoc::MDL_DOCTYPE, mdoc::PID_DOCTYPE));
            let types: Vec<&str> = types_arg
                .split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .collect();
            if types.is_empty() {
                return Err(Failure::Usage(
                    "--doc-types needs at least one docType".into(),
                ));
            }
            let bytes = mdoc_fixtures::demo_vical(
                now,
                a.issue_id.unwrap_or(1),
                issued,
                next_update,
                &types,
            );
            write(&out, &bytes)
        }
        Some("fixtures") => {
            let dir = required(a.out, "--out DIR")?;
            for (name, bytes) in mdoc_fixtures::fixtures(now).map_err(Failure::Run)? {
                write(&dir.join(name), &bytes)?;
            }
            Ok(())
        }
        Some(other) => Err(Failure::Usage(format!("unknown mdoc command {other:?}"))),
        None => Err(Failure::Usage(
            "mdoc needs a command: pki, response, vical or fixtures".into(),
        )),
    }
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    match run(&argv) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(m)) => {
            eprintln!("demo-issuer: {m}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Run(m)) => {
            eprintln!("demo-issuer: {m}");
            ExitCode::from(1)
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn payload(jwt: &str) -> Value {
        let part = jwt.split('.').nth(1).unwrap();
        serde_json::from_slice(&b64::decode_url(part).unwrap()).unwrap()
    }

    #[test]
    fn status_fixtures() {
        let files: std::collections::HashMap<String, Vec<u8>> = fixtures::fixtures(DEFAULT_NOW)
            .unwrap()
            .into_iter()
            .collect();
        let text = |name: &str| String::from_utf8(files[name].clone()).unwrap();
        // The status claim is in the issuer JWT, in the clear, and only where asked for.
        let cred = sdjwt::parse_credential(&text("credential.with-status.txt")).unwrap();
        assert_eq!(
            cred.payload["status"],
            json!({"status_list": {"idx": 7, "uri": status::URI}})
        );
        assert!(!cred.paths().contains(&"status"));
        let plain = sdjwt::parse_credential(&text("credential.txt")).unwrap();
        assert!(!plain.payload.contains_key("status"));
        // Its own salts: no disclosure in common with the credential without status.
        assert!(cred
            .items
            .iter()
            .all(|(_, d)| !plain.items.iter().any(|(_, e)| e == d)));
        let pres = text("presentation.with-status.valid.txt");
        assert!(pres.starts_with(&format!("{}~", cred.jwt)));

        // Entry 7 of each list, read LSB first; the other entries as documented.
        for (name, sub, entry7, fresh) in [
            ("valid", status::URI, status::VALID, true),
            ("revoked", status::URI, status::INVALID, true),
            ("suspended", status::URI, status::SUSPENDED, true),
            (
                "wrong-sub",
                "https://status.demo.cccd-verify.invalid/lists/2",
                status::VALID,
                true,
            ),
            ("expired", status::URI, status::VALID, false),
        ] {
            let jwt = text(&format!("status-list.{name}.jwt"));
            let header: Value =
                serde_json::from_slice(&b64::decode_url(jwt.split('.').next().unwrap()).unwrap())
                    .unwrap();
            assert_eq!(header["typ"], "statuslist+jwt");
            assert_eq!(header["x5c"].as_array().unwrap().len(), 1);
            let p = payload(&jwt);
            assert_eq!((p["sub"].as_str(), &p["ttl"]), (Some(sub), &json!(3600)));
            let (iat, exp) = (p["iat"].as_i64().unwrap(), p["exp"].as_i64().unwrap());
            assert_eq!(exp - iat, certs::DAY);
            assert_eq!(
                fresh,
                DEFAULT_NOW < exp && iat + 3600 >= DEFAULT_NOW,
                "{name}"
            );
            assert_eq!(p["status_list"]["bits"], 2);
            let lst = b64::decode_url(p["status_list"]["lst"].as_str().unwrap()).unwrap();
            let bytes = miniz_oxide::inflate::decompress_to_vec_zlib(&lst).unwrap();
            assert_eq!(bytes.len(), 16);
            let entry = |i: usize| (bytes[i / 4] >> (2 * (i % 4))) & 3;
            assert_eq!(entry(7), entry7, "{name}");
            for i in (0..64).filter(|&i| i != 7) {
                let want = fixtures::OTHER_ENTRIES
                    .iter()
                    .find(|(j, _)| *j == i)
                    .map_or(0, |(_, v)| *v);
                assert_eq!(entry(i), want, "{name} entry {i}");
            }
        }
    }

    #[test]
    fn trust_list_fixtures() {
        let files: std::collections::HashMap<String, Vec<u8>> = fixtures::fixtures(DEFAULT_NOW)
            .unwrap()
            .into_iter()
            .collect();
        let text = |name: &str| String::from_utf8(files[name].clone()).unwrap();
        let decode = |part: &str| -> Value {
            serde_json::from_slice(&b64::decode_url(part).unwrap()).unwrap()
        };
        let p = Pki::demo(DEFAULT_NOW);
        let root = b64::encode_std(&p.issuer.root);
        let day = certs::DAY;
        // (file, sequence, issued, next update, vct, status service listed, untrusted signer)
        let cases: [(&str, u64, i64, i64, &str, bool, bool); 6] = [
            ("trust-list.jwt", 7, -day, 29 * day, card::VCT, true, false),
            (
                "trust-list.seq6.jwt",
                6,
                -15 * day,
                15 * day,
                card::VCT,
                true,
                false,
            ),
            (
                "trust-list.seq7-other.jwt",
                7,
                -day,
                29 * day,
                card::VCT,
                false,
                false,
            ),
            (
                "trust-list.stale.jwt",
                5,
                -31 * day,
                -day,
                card::VCT,
                true,
                false,
            ),
            (
                "trust-list.other-vct.jwt",
                8,
                -day / 2,
                59 * day / 2,
                fixtures::OTHER_VCT,
                true,
                false,
            ),
            (
                "trust-list.untrusted-signer.jwt",
                7,
                -day,
                29 * day,
                card::VCT,
                true,
                true,
            ),
        ];
        for (name, seq, issued, next, vct, status_listed, untrusted) in cases {
            let signer = if untrusted {
                Pki::untrusted_trust_list_operator(DEFAULT_NOW)
            } else {
                p.trust_list_operator.clone()
            };
            let jwt = text(name);
            let parts: Vec<&str> = jwt.split('.').collect();
            assert_eq!(parts.len(), 3);
            assert_eq!(
                decode(parts[0]),
                json!({"alg": "ES256", "typ": "trust-list+jwt", "x5c": [b64::encode_std(&signer)]}),
                "{name}"
            );
            let lote = &decode(parts[1])["LoTE"];
            let info = &lote["ListAndSchemeInformation"];
            assert_eq!(info["LoTESequenceNumber"], seq, "{name}");
            assert_eq!(info["LoTEVersionIdentifier"], 1);
            assert_eq!(
                info["ListIssueDateTime"],
                trustlist::rfc3339(DEFAULT_NOW + issued)
            );
            assert_eq!(info["NextUpdate"], trustlist::rfc3339(DEFAULT_NOW + next));
            let entities = lote["TrustedEntitiesList"].as_array().unwrap();
            assert_eq!(entities.len(), 1 + usize::from(status_listed), "{name}");
            let issuer = &entities[0]["TrustedEntityServices"][0]["ServiceInformation"];
            assert_eq!(
                issuer["ServiceTypeIdentifier"],
                trustlist::SVC_SD_JWT_VC_ISSUER
            );
            assert_eq!(
                issuer["ServiceDigitalIdentity"]["X509Certificates"],
                json!([{ "val": root }])
            );
            assert_eq!(
                issuer["ServiceInformationExtensions"],
                json!([{ "AllowedVcts": [vct] }])
            );
            if status_listed {
                let status = &entities[1]["TrustedEntityServices"][0]["ServiceInformation"];
                assert_eq!(
                    status["ServiceTypeIdentifier"],
                    trustlist::SVC_STATUS_LIST_ISSUER
                );
                assert_eq!(
                    status["ServiceDigitalIdentity"]["X509Certificates"],
                    json!([{ "val": root }])
                );
            }
        }
        // The untrusted signer signed the current list's payload, byte for byte.
        let payload = |name: &str| text(name).split('.').nth(1).unwrap().to_string();
        assert_eq!(
            payload("trust-list.jwt"),
            payload("trust-list.untrusted-signer.jwt")
        );
        assert_ne!(text("trust-list.jwt"), text("trust-list.seq7-other.jwt"));
        // The rollback state in expected.json is the SHA-256 of trust-list.jwt's signed payload.
        let expected: Value = serde_json::from_slice(&files["expected.json"]).unwrap();
        let signed = b64::decode_url(&payload("trust-list.jwt")).unwrap();
        let digest = <sha2::Sha256 as sha2::Digest>::digest(&signed);
        let acc = &expected["trustLists"]["accepted"];
        assert_eq!(acc["digest"], b64::encode_url(&digest));
        assert_eq!(acc["sequence"], 7);
        assert_eq!(expected["trustLists"]["lists"].as_array().unwrap().len(), 6);
    }

    #[test]
    fn trust_list_command_reproduces_the_fixture() {
        let files: std::collections::HashMap<String, Vec<u8>> = fixtures::fixtures(DEFAULT_NOW)
            .unwrap()
            .into_iter()
            .collect();
        let dir = std::env::temp_dir().join(format!("demo-issuer-tl-{}", std::process::id()));
        let out = dir.join("tl.jwt");
        let args = |extra: &[&str]| -> Vec<String> {
            ["trust-list", "--out", out.to_str().unwrap()]
                .iter()
                .chain(extra)
                .map(|s| s.to_string())
                .collect()
        };
        for (extra, file) in [
            (
                vec!["--sequence", "7", "--iat", "1795651200"],
                "trust-list.jwt",
            ),
            (
                vec!["--sequence", "6", "--iat", "1794441600"],
                "trust-list.seq6.jwt",
            ),
            (
                vec![
                    "--sequence",
                    "8",
                    "--iat",
                    "1795694400",
                    "--vcts",
                    fixtures::OTHER_VCT,
                ],
                "trust-list.other-vct.jwt",
            ),
            (
                vec![
                    "--sequence",
                    "7",
                    "--iat",
                    "1795651200",
                    "--untrusted-signer",
                ],
                "trust-list.untrusted-signer.jwt",
            ),
            (
                vec![
                    "--sequence",
                    "7",
                    "--iat",
                    "1795651200",
                    "--no-status-service",
                ],
                "trust-list.seq7-other.jwt",
            ),
        ] {
            assert!(run(&args(&extra)).is_ok());
            let written = std::fs::read(&out).unwrap();
            assert_eq!(written, files[file], "{file}");
        }
        assert!(matches!(
            run(&args(&["--sequence", "0"])),
            Err(Failure::Usage(_))
        ));
        assert!(matches!(
            run(&args(&["--iat", "10", "--next-update", "10"])),
            Err(Failure::Usage(_))
        ));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn mdoc_commands_reproduce_the_fixtures() {
        let files: std::collections::HashMap<String, Vec<u8>> =
            mdoc_fixtures::fixtures(DEFAULT_NOW)
                .unwrap()
                .into_iter()
                .collect();
        let dir = std::env::temp_dir().join(format!("demo-issuer-mdoc-{}", std::process::id()));
        let out = dir.join("out.cbor");
        let transcript = dir.join("transcript.cbor");
        let args = |cmd: &[&str], extra: &[&str]| -> Vec<String> {
            ["mdoc"]
                .iter()
                .chain(cmd)
                .chain(&["--out", out.to_str().unwrap()])
                .chain(extra)
                .map(|s| s.to_string())
                .collect()
        };
        for (doc, flow) in [
            ("mdl", "annex-c"),
            ("pid", "proximity"),
            ("mdl", "oid4vp-redirect"),
        ] {
            // Twice: the same command writes the same bytes.
            for _ in 0..2 {
                let a = args(
                    &["response", "--doc", doc, "--flow", flow],
                    &["--transcript-out", transcript.to_str().unwrap()],
                );
                assert!(run(&a).is_ok());
                assert_eq!(
                    std::fs::read(&out).unwrap(),
                    files[&format!("{doc}.{flow}.valid.cbor")]
                );
                assert_eq!(
                    std::fs::read(&transcript).unwrap(),
                    files[&format!("transcript.{flow}.cbor")]
                );
            }
        }
        let day = certs::DAY;
        let now = DEFAULT_NOW;
        for (extra, file) in [
            (
                vec![
                    "--issue-id".to_string(),
                    "7".into(),
                    "--iat".into(),
                    (now - day).to_string(),
                    "--next-update".into(),
                    (now + 29 * day).to_string(),
                ],
                "vical.cbor",
            ),
            (
                vec![
                    "--issue-id".to_string(),
                    "8".into(),
                    "--iat".into(),
                    (now - day / 2).to_string(),
                    "--next-update".into(),
                    (now + 30 * day).to_string(),
                    "--doc-types".into(),
                    mdoc::MDL_DOCTYPE.into(),
                ],
                "vical.mdl-only.cbor",
            ),
        ] {
            let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
            assert!(run(&args(&["vical"], &extra)).is_ok());
            assert_eq!(std::fs::read(&out).unwrap(), files[file], "{file}");
        }
        // Another request gives another transcript, and so another device signature.
        let a = args(
            &["response", "--doc", "mdl", "--flow", "annex-c"],
            &["--origin", "https://other.demo.cccd-verify.invalid"],
        );
        assert!(run(&a).is_ok());
        assert_ne!(
            std::fs::read(&out).unwrap(),
            files["mdl.annex-c.valid.cbor"]
        );
        assert!(matches!(
            run(&args(&["response", "--doc", "mdl", "--flow", "nfc"], &[])),
            Err(Failure::Usage(_))
        ));
        assert!(matches!(
            run(&args(
                &["response", "--doc", "passport", "--flow", "annex-c"],
                &[]
            )),
            Err(Failure::Usage(_))
        ));
        assert!(matches!(
            run(&args(
                &["response", "--doc", "pid", "--flow", "annex-c"],
                &["--disclose", "family_name,shoe_size"]
            )),
            Err(Failure::Run(_))
        ));
        assert!(matches!(
            run(&args(&["vical"], &["--iat", "10", "--next-update", "10"])),
            Err(Failure::Usage(_))
        ));
        assert!(matches!(
            run(&args(&["bogus"], &[])),
            Err(Failure::Usage(_))
        ));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn fixtures_are_deterministic() {
        let a = fixtures::fixtures(DEFAULT_NOW).unwrap();
        let b = fixtures::fixtures(DEFAULT_NOW).unwrap();
        assert_eq!(a, b);
        assert_eq!(pki_files(DEFAULT_NOW), pki_files(DEFAULT_NOW));
        // Another clock gives other tokens.
        assert_ne!(a, fixtures::fixtures(DEFAULT_NOW + 1).unwrap());
    }

    #[test]
    fn presentation_discloses_only_what_was_asked() {
        let card = Card::parse(fixtures::DEMO_CARD).unwrap();
        let issued = fixtures::issue_card(&card, DEFAULT_NOW, &Pki::demo(DEFAULT_NOW), None);
        let cred = sdjwt::parse_credential(&issued.serialize()).unwrap();
        assert_eq!(cred.items.len(), issued.disclosures.len());
        let chosen = cred.expand(&fixtures::VALID_DISCLOSE).unwrap();
        let expect: Vec<&str> = vec![
            "age_equal_or_over",
            "age_equal_or_over.18",
            "birthdate",
            "family_name",
            "given_name",
            "nationalities",
        ];
        assert_eq!(
            chosen.iter().map(String::as_str).collect::<Vec<_>>(),
            expect
        );
        let all = cred.expand(&["address"]).unwrap();
        assert!(all.contains("address.formatted") && all.contains("address.country"));
        assert!(cred.expand(&["email"]).is_err());
        // The payload keeps no personal data in the clear.
        let jwt_payload = serde_json::Value::Object(cred.payload.clone()).to_string();
        assert!(!jwt_payload.contains("Cúc") && !jwt_payload.contains("079301000789"));
    }
}
