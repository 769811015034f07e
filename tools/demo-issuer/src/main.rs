//! `demo-issuer`: a deterministic DEMO issuer and holder for the cccd-verify "CCCD PID" SD-JWT
//! VC profile (docs/cccd-pid-profile.md). Fixed seeds, fixed clock, no randomness: the same
//! command always writes the same bytes. DEMO ONLY: every private key is published.

#[path = "../../../tests/support/certs.rs"]
mod certs;

mod b64;
mod card;
mod fixtures;
mod pki;
mod sdjwt;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use card::Card;
use pki::{seed, signing_key, Pki};

/// 2026-11-27T00:00:00Z, the clock of the test suite.
const DEFAULT_NOW: i64 = certs::NOW;

const USAGE: &str = "demo-issuer: DEMO ONLY, deterministic SD-JWT VC issuer for cccd-verify

Usage:
  demo-issuer pki --out DIR [--now SECONDS]
  demo-issuer credential --card \"<CCCD QR payload>\" --out FILE [--now SECONDS]
  demo-issuer present --credential FILE --disclose PATH[,PATH…] --nonce N --aud A
                      [--iat SECONDS] [--now SECONDS] --out FILE
  demo-issuer fixtures --out DIR [--now SECONDS]

--now defaults to 1795737600 (2026-11-27T00:00:00Z); --iat defaults to --now.
PATH is a claim name (family_name, address, …) or object.member (age_equal_or_over.18,
address.formatted). Every key is derived from a published seed: nothing this tool signs
proves anything.";

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
            "-h" | "--help" => a.command = Some("help".into()),
            s if s.starts_with("--") => return Err(Failure::Usage(format!("unknown option {s}"))),
            s if a.command.is_none() => a.command = Some(s.into()),
            s => return Err(Failure::Usage(format!("unexpected argument {s:?}"))),
        }
    }
    Ok(a)
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
            let issued = fixtures::issue_card(&card, now, &Pki::demo(now));
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
        Some("fixtures") => {
            let dir = required(a.out, "--out DIR")?;
            for (name, bytes) in fixtures::fixtures(now).map_err(Failure::Run)? {
                write(&dir.join(name), &bytes)?;
            }
            Ok(())
        }
        Some("help") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(Failure::Usage(format!("unknown command {other:?}"))),
        None => Err(Failure::Usage("no command".into())),
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
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

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
        let issued = fixtures::issue_card(&card, DEFAULT_NOW, &Pki::demo(DEFAULT_NOW));
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
