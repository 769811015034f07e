//! Tool tests: determinism, and every signature checked by OpenSSL (an independent
//! implementation) when `openssl` is on PATH; structure checked with `openssl asn1parse`.

// serde_json::Value indexing returns Null for an absent member; it never panics.
#![allow(clippy::indexing_slicing)]

use crate::der;
use crate::fixtures;
use crate::hash::Hash;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

fn files() -> &'static BTreeMap<String, Vec<u8>> {
    static F: OnceLock<BTreeMap<String, Vec<u8>>> = OnceLock::new();
    F.get_or_init(|| fixtures::all().into_iter().collect())
}

fn file(name: &str) -> &'static [u8] {
    files()
        .get(name)
        .map(Vec::as_slice)
        .unwrap_or_else(|| unreachable!("missing fixture {name}"))
}

fn json(name: &str) -> Value {
    serde_json::from_slice(file(name)).unwrap_or(Value::Null)
}

fn b64(s: &str) -> Vec<u8> {
    let url: String = s
        .chars()
        .filter(|c| *c != '=')
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            c => c,
        })
        .collect();
    crate::b64::decode_url(&url).unwrap_or_default()
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len() / 2)
        .filter_map(|i| {
            s.get(2 * i..2 * i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        })
        .collect()
}

fn dg(dump: &Value, n: u8) -> Vec<u8> {
    b64(dump["dataGroups"][format!("DG{n}")].as_str().unwrap_or(""))
}

fn openssl() -> bool {
    static A: OnceLock<bool> = OnceLock::new();
    *A.get_or_init(|| {
        Command::new("openssl")
            .arg("version")
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false)
    })
}

fn tmpdir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("demo-chip-test-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    let _ = std::fs::create_dir_all(&d);
    d
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    let _ = std::fs::write(&p, bytes);
    p
}

fn run(args: &[&str]) -> (bool, String) {
    match Command::new("openssl").args(args).output() {
        Ok(o) => (
            o.status.success(),
            format!(
                "{}{}",
                String::from_utf8_lossy(&o.stdout),
                String::from_utf8_lossy(&o.stderr)
            ),
        ),
        Err(e) => (false, e.to_string()),
    }
}

/// The content of the TLV at the start of `data`, split into children.
fn kids(data: &[u8]) -> Vec<Vec<u8>> {
    der::content(data)
        .and_then(der::children)
        .unwrap_or_default()
        .into_iter()
        .map(<[u8]>::to_vec)
        .collect()
}

fn strip_77(sod: &[u8]) -> Vec<u8> {
    der::content(sod).unwrap_or_default().to_vec()
}

/// Checks a certificate's signature with `openssl dgst -verify` (OpenSSL's chain verifier
/// refuses explicit curve parameters, error 94, so the signature is checked directly).
fn verify_cert_sig(dir: &Path, cert: &[u8], issuer_pem: &Path, tag: &str) -> bool {
    let parts = kids(cert);
    let (Some(tbs), Some(alg), Some(sig)) = (parts.first(), parts.get(1), parts.get(2)) else {
        return false;
    };
    let sig_bytes = der::content(sig)
        .and_then(|c| c.get(1..))
        .unwrap_or_default();
    let pubkey = dir.join(format!("{tag}.issuer.pub"));
    let (ok, _) = run(&[
        "x509",
        "-in",
        &issuer_pem.to_string_lossy(),
        "-noout",
        "-pubkey",
        "-out",
        &pubkey.to_string_lossy(),
    ]);
    if !ok {
        return false;
    }
    let tbs_p = write(dir, &format!("{tag}.tbs"), tbs);
    let sig_p = write(dir, &format!("{tag}.sig"), sig_bytes);
    let digest = if alg == &der::seq(&[der::oid(Hash::Sha512.ecdsa_oid())]) {
        "-sha512"
    } else {
        "-sha256"
    };
    let mut args = vec![
        "dgst",
        digest,
        "-verify",
        pubkey.to_str().unwrap_or(""),
        "-signature",
        sig_p.to_str().unwrap_or(""),
    ];
    if alg == &crate::rsa::pss_alg_id(Hash::Sha256) {
        // RSASSA-PSS, salt 32
        args.extend([
            "-sigopt",
            "rsa_padding_mode:pss",
            "-sigopt",
            "rsa_pss_saltlen:32",
        ]);
    }
    let tbs_s = tbs_p.to_string_lossy().to_string();
    args.push(&tbs_s);
    run(&args).0
}

#[test]
fn fixtures_are_deterministic() {
    let again: BTreeMap<String, Vec<u8>> = fixtures::all().into_iter().collect();
    assert_eq!(files().len(), again.len());
    for (name, bytes) in files() {
        assert_eq!(
            again.get(name),
            Some(bytes),
            "{name} differs between two runs"
        );
    }
}

#[test]
fn every_dump_is_listed_with_an_outcome() {
    let expected = json("expected.json");
    let dumps = expected["dumps"].as_array().cloned().unwrap_or_default();
    let listed: Vec<&str> = dumps.iter().filter_map(|d| d["file"].as_str()).collect();
    for name in files()
        .keys()
        .filter(|n| n.ends_with(".json") && *n != "expected.json")
    {
        assert!(
            listed.contains(&name.as_str()),
            "{name} not in expected.json"
        );
    }
    for d in &dumps {
        let f = d["file"].as_str().unwrap_or("");
        let e = d["expected"].as_str().unwrap_or("");
        assert!(e == "ok" || e.starts_with("ERR_"), "{f}: {e}");
        assert_eq!(
            f.ends_with(".valid.json") || f.ends_with(".reported.json"),
            e == "ok",
            "{f}: name and outcome disagree"
        );
        assert_eq!(
            f.ends_with(".reported.json"),
            d["expectedDataGroups"].is_object(),
            "{f}"
        );
        if e != "ERR_CHIP_DUMP_FORMAT" {
            assert_eq!(json(f)["format"], "icao9303-dump/1");
        }
    }
}

#[test]
fn dumps_hash_consistently_except_where_a_rule_is_broken() {
    // Recompute each DG hash over the bytes as handed over and compare with the SOD's.
    let expected = json("expected.json");
    for d in expected["dumps"].as_array().cloned().unwrap_or_default() {
        let f = d["file"].as_str().unwrap_or("");
        let code = d["expected"].as_str().unwrap_or("");
        if code == "ERR_CHIP_DUMP_FORMAT" {
            continue;
        }
        let dump = json(f);
        let sod = b64(dump["sod"].as_str().unwrap_or(""));
        // 77 → ContentInfo → [0] → SignedData → encapContentInfo → [0] → OCTET STRING
        let ci = kids(&strip_77_tlv(&sod));
        let sd = ci
            .get(1)
            .map(|x| kids(x))
            .and_then(|v| v.first().cloned())
            .unwrap_or_default();
        let encap = kids(&sd).get(2).cloned().unwrap_or_default();
        let lds = kids(&encap)
            .get(1)
            .map(|x| {
                der::content(x)
                    .and_then(der::content)
                    .unwrap_or_default()
                    .to_vec()
            })
            .unwrap_or_default();
        let lds_parts = kids(&lds);
        let alg = lds_parts.get(1).cloned().unwrap_or_default();
        let hash = [Hash::Sha1, Hash::Sha256, Hash::Sha384, Hash::Sha512]
            .into_iter()
            .find(|h| h.alg_id() == alg)
            .unwrap_or(Hash::Sha256);
        let mut mismatches = 0;
        let mut in_sod = Vec::new();
        for entry in kids(lds_parts.get(2).map(Vec::as_slice).unwrap_or_default()) {
            let e = kids(&entry);
            let n = e
                .first()
                .and_then(|i| der::content(i))
                .and_then(|c| c.first().copied())
                .unwrap_or(0);
            let h = e
                .get(1)
                .and_then(|o| der::content(o))
                .unwrap_or_default()
                .to_vec();
            in_sod.push(n);
            let bytes = dg(&dump, n);
            if !bytes.is_empty() && hash.digest(&bytes) != h {
                mismatches += 1;
            }
        }
        let missing = in_sod.iter().filter(|n| dg(&dump, **n).is_empty()).count();
        let extra =
            dump["dataGroups"].as_object().map(|o| o.len()).unwrap_or(0) + missing - in_sod.len();
        match code {
            "ERR_CHIP_DG_HASH_MISMATCH" | "ERR_CHIP_SOD_FORMAT" => {
                assert!(mismatches > 0, "{f}")
            }
            _ if f.contains("dg13-missing") => {
                assert_eq!((mismatches, missing, extra), (0, 1, 0), "{f}")
            }
            "ERR_CHIP_DG_NOT_IN_SOD" => assert_eq!((mismatches, missing, extra), (0, 0, 1), "{f}"),
            _ => assert_eq!((mismatches, missing, extra), (0, 0, 0), "{f}"),
        }
    }
}

fn strip_77_tlv(sod: &[u8]) -> Vec<u8> {
    strip_77(sod)
}

#[test]
fn openssl_parses_every_der_file() {
    if !openssl() {
        eprintln!("openssl not on PATH: skipped");
        return;
    }
    let dir = tmpdir("asn1");
    for (name, bytes) in files()
        .iter()
        .filter(|(n, _)| n.ends_with(".der") || n.ends_with(".ml"))
    {
        let p = write(&dir, &name.replace('/', "_"), bytes);
        let (ok, out) = run(&["asn1parse", "-inform", "DER", "-in", &p.to_string_lossy()]);
        assert!(ok, "{name}: {out}");
    }
    // The CSCA has the Vietnamese ePassport CSCA's shape: explicit prime-field parameters,
    // ecdsa-with-SHA512, critical basicConstraints and keyUsage, privateKeyUsagePeriod.
    let p = write(&dir, "csca.der", file("pki/csca-1-brainpoolP512r1.der"));
    let (_, out) = run(&["asn1parse", "-inform", "DER", "-in", &p.to_string_lossy()]);
    for needle in [
        "prime-field",
        "ecdsa-with-SHA512",
        "X509v3 Basic Constraints",
        "X509v3 Private Key Usage Period",
        "X509v3 Key Usage",
    ] {
        assert!(out.contains(needle), "{needle}");
    }
    let vn = Path::new("../../../shared/vectors/icao/vn/CSCA_ePassport_Vietnam_2022-06-29.der");
    if vn.exists() {
        // Same SubjectPublicKeyInfo length (568-byte content) as the real one.
        let (_, real) = run(&["asn1parse", "-inform", "DER", "-in", &vn.to_string_lossy()]);
        assert!(real.contains("hl=4 l= 568 cons"));
        assert!(out.contains("hl=4 l= 568 cons"));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn openssl_verifies_every_certificate_signature() {
    if !openssl() {
        eprintln!("openssl not on PATH: skipped");
        return;
    }
    let dir = tmpdir("certs");
    let pem = |n: &str| write(&dir, &format!("{n}.pem"), file(&format!("pki/{n}.pem")));
    let pairs = [
        ("csca-1-brainpoolP512r1", "csca-1-brainpoolP512r1", true),
        ("csca-2-brainpoolP512r1", "csca-2-brainpoolP512r1", true),
        ("link-csca-1-to-2", "csca-1-brainpoolP512r1", true),
        ("csca-rsapss", "csca-rsapss", true),
        ("dsc-1-brainpoolP384r1", "csca-1-brainpoolP512r1", true),
        ("dsc-3-brainpoolP256r1", "csca-2-brainpoolP512r1", true),
        ("dsc-4-expired", "csca-1-brainpoolP512r1", true),
        ("dsc-rsapss", "csca-rsapss", true),
        ("dsc-rsa-pkcs1", "csca-rsapss", true),
        ("dsc-lookalike", "csca-1-lookalike", true),
        ("dsc-lookalike", "csca-1-brainpoolP512r1", false),
        ("dsc-6-under-csca-9", "csca-9-not-configured", true),
        ("dsc-6-under-csca-9", "csca-1-brainpoolP512r1", false),
        ("ml-signer", "ml-root", true),
        ("ml-signer-untrusted", "ml-root", false),
    ];
    for (i, (cert, issuer, good)) in pairs.iter().enumerate() {
        let ok = verify_cert_sig(
            &dir,
            file(&format!("pki/{cert}.der")),
            &pem(issuer),
            &format!("c{i}"),
        );
        assert_eq!(ok, *good, "{cert} signed by {issuer}");
    }
    // Full path validation where OpenSSL allows it (named curves, RSA).
    let (ok, out) = run(&[
        "verify",
        "-attime",
        "1795737600",
        "-CAfile",
        &pem("csca-rsapss").to_string_lossy(),
        &pem("dsc-rsapss").to_string_lossy(),
    ]);
    assert!(ok, "{out}");
    let (ok, out) = run(&[
        "verify",
        "-attime",
        "1795737600",
        "-CAfile",
        &pem("ml-root").to_string_lossy(),
        &pem("ml-signer").to_string_lossy(),
    ]);
    assert!(ok, "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn openssl_verifies_sods_and_master_lists() {
    if !openssl() {
        eprintln!("openssl not on PATH: skipped");
        return;
    }
    let dir = tmpdir("cms");
    let expected = json("expected.json");
    for d in expected["dumps"].as_array().cloned().unwrap_or_default() {
        let f = d["file"].as_str().unwrap_or("");
        let code = d["expected"].as_str().unwrap_or("");
        if code == "ERR_CHIP_DUMP_FORMAT" {
            continue;
        }
        let dump = json(f);
        let sod = b64(dump["sod"].as_str().unwrap_or(""));
        assert_eq!(sod.first(), Some(&0x77), "{f}");
        let p = write(&dir, &format!("{f}.cms"), &strip_77(&sod));
        let signer = dir.join(format!("{f}.signer.pem"));
        let mut args = vec![
            "cms",
            "-verify",
            "-inform",
            "DER",
            "-noverify",
            "-binary",
            "-out",
            "/dev/null",
        ];
        let ps = p.to_string_lossy().to_string();
        let ss = signer.to_string_lossy().to_string();
        args.extend(["-in", &ps]);
        let (has_cert, _) = run(&[
            "cms",
            "-cmsout",
            "-inform",
            "DER",
            "-in",
            &ps,
            "-print",
            "-out",
            "/dev/null",
        ]);
        if code == "ERR_CHIP_DSC_MISSING" {
            let dsc = dir.join("dsc1.pem");
            let _ = std::fs::write(&dsc, file("pki/dsc-1-brainpoolP384r1.pem"));
            let dsc_s = dsc.to_string_lossy().to_string();
            let (ok, out) = run(&[
                "cms",
                "-verify",
                "-inform",
                "DER",
                "-noverify",
                "-binary",
                "-out",
                "/dev/null",
                "-in",
                &ps,
                "-certfile",
                &dsc_s,
            ]);
            assert!(
                ok && has_cert,
                "{f}: the SOD verifies with the DSC supplied: {out}"
            );
            let (ok, _) = run(&[
                "cms",
                "-verify",
                "-inform",
                "DER",
                "-noverify",
                "-binary",
                "-out",
                "/dev/null",
                "-in",
                &ps,
            ]);
            assert!(!ok, "{f}: no certificate inside");
            continue;
        }
        args.extend(["-signer", &ss]);
        let (ok, out) = run(&args);
        let should = !matches!(
            code,
            "ERR_CHIP_SOD_SIGNATURE" | "ERR_CHIP_SOD_ATTRIBUTE_MISMATCH"
        );
        assert_eq!(ok, should, "{f} ({code}): {out}");
        if ok {
            // The embedded DSC is the one expected.json names, and is signed by its CSCA.
            let named = d["documentSigner"].as_str().unwrap_or("");
            let got = std::fs::read(&signer).unwrap_or_default();
            assert_eq!(got.as_slice(), file(named), "{f}");
        }
    }
    // RSA-PSS: the whole chain with OpenSSL's own path validation.
    let binh = json("tran-thi-binh.valid.json");
    let p = write(
        &dir,
        "binh.cms",
        &strip_77(&b64(binh["sod"].as_str().unwrap_or(""))),
    );
    let ca = write(&dir, "csca-rsapss.pem", file("pki/csca-rsapss.pem"));
    let (ok, out) = run(&[
        "cms",
        "-verify",
        "-inform",
        "DER",
        "-in",
        &p.to_string_lossy(),
        "-CAfile",
        &ca.to_string_lossy(),
        "-purpose",
        "any",
        "-attime",
        "1795737600",
        "-binary",
        "-out",
        "/dev/null",
    ]);
    assert!(ok, "{out}");
    // Master lists
    let root = write(&dir, "ml-root.pem", file("pki/ml-root.pem"));
    for (name, good) in [
        ("masterlist.ml", true),
        ("masterlist.resigned.rejects.ml", false),
        ("masterlist.tampered.rejects.ml", false),
    ] {
        let p = write(&dir, name, file(name));
        let out_p = dir.join(format!("{name}.content"));
        let (ok, out) = run(&[
            "cms",
            "-verify",
            "-inform",
            "DER",
            "-in",
            &p.to_string_lossy(),
            "-CAfile",
            &root.to_string_lossy(),
            "-purpose",
            "any",
            "-attime",
            "1795737600",
            "-binary",
            "-out",
            &out_p.to_string_lossy(),
        ]);
        assert_eq!(ok, good, "{name}: {out}");
        if good {
            // CscaMasterList { version 0, certList SET OF Certificate } holding the four CSCA certificates
            let content = std::fs::read(&out_p).unwrap_or_default();
            let parts = kids(&content);
            assert_eq!(parts.first(), Some(&der::int(0)));
            let certs = parts.get(1).map(|s| kids(s)).unwrap_or_default();
            assert_eq!(certs.len(), 4);
            assert!(certs
                .iter()
                .any(|c| c.as_slice() == file("pki/csca-1-brainpoolP512r1.der")));
            assert!(certs
                .iter()
                .any(|c| c.as_slice() == file("pki/link-csca-1-to-2.der")));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn openssl_verifies_active_authentication() {
    if !openssl() {
        eprintln!("openssl not on PATH: skipped");
        return;
    }
    let dir = tmpdir("aa");
    let expected = json("expected.json");
    for d in expected["dumps"].as_array().cloned().unwrap_or_default() {
        let f = d["file"].as_str().unwrap_or("");
        let code = d["expected"].as_str().unwrap_or("");
        if code == "ERR_CHIP_DUMP_FORMAT" {
            continue;
        }
        let dump = json(f);
        let (Some(ch), Some(sig)) = (
            dump["activeAuthentication"]["challenge"].as_str(),
            dump["activeAuthentication"]["signature"].as_str(),
        ) else {
            continue;
        };
        let challenge = unhex(ch);
        assert_eq!(challenge.len(), 8, "{f}");
        let sig = b64(sig);
        let dg15 = dg(&dump, 15);
        let spki = der::content(&dg15).unwrap_or_default();
        let key = write(&dir, &format!("{f}.dg15.der"), spki);
        let keys = key.to_string_lossy().to_string();
        let good = code != "ERR_CHIP_AA_FAILED";
        let scheme = d["activeAuthentication"]["scheme"].as_str().unwrap_or("");
        if scheme.starts_with("RSA") {
            // Recover the ISO/IEC 9796-2 block with the raw public operation, then check it.
            let sp = write(&dir, &format!("{f}.aa.sig"), &sig);
            let (ok, out) = run(&[
                "pkeyutl",
                "-verifyrecover",
                "-pubin",
                "-keyform",
                "DER",
                "-inkey",
                &keys,
                "-pkeyopt",
                "rsa_padding_mode:none",
                "-in",
                &sp.to_string_lossy(),
                "-out",
                &dir.join(format!("{f}.F")).to_string_lossy(),
            ]);
            assert!(ok, "{f}: {out}");
            let fblock = std::fs::read(dir.join(format!("{f}.F"))).unwrap_or_default();
            let n = fblock.len();
            let (hash, tlen) = match fblock.get(n.saturating_sub(2)..) {
                Some([_, 0xBC]) => (Some(Hash::Sha1), 1),
                Some([0x34, 0xCC]) => (Some(Hash::Sha256), 2),
                _ => (None, 0),
            };
            let valid = hash.is_some_and(|hash| {
                let m1 = fblock.get(1..n - tlen - hash.len()).unwrap_or_default();
                let digest = fblock
                    .get(n - tlen - hash.len()..n - tlen)
                    .unwrap_or_default();
                fblock.first() == Some(&0x6A) && hash.digest(&[m1, &challenge].concat()) == digest
            });
            if good {
                let want = if f.contains("aa-sha1") {
                    Hash::Sha1
                } else {
                    Hash::Sha256
                };
                assert_eq!(hash, Some(want), "{f}: trailer");
            }
            assert_eq!(valid, good, "{f}");
        } else {
            // Plain r‖s → DER ECDSA-Sig-Value, then openssl dgst -sha256 -verify.
            let half = sig.len() / 2;
            let (r, s) = (
                sig.get(..half).unwrap_or_default(),
                sig.get(half..).unwrap_or_default(),
            );
            let der_sig = der::seq(&[der::uint(r), der::uint(s)]);
            let sp = write(&dir, &format!("{f}.aa.der"), &der_sig);
            let cp = write(&dir, &format!("{f}.challenge"), &challenge);
            let (ok, out) = run(&[
                "dgst",
                "-sha256",
                "-verify",
                &keys,
                "-keyform",
                "DER",
                "-signature",
                &sp.to_string_lossy(),
                &cp.to_string_lossy(),
            ]);
            assert_eq!(ok, good, "{f}: {out}");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn dg1_check_digits_and_dg2_jpeg() {
    let expected = json("expected.json");
    for d in expected["dumps"].as_array().cloned().unwrap_or_default() {
        let f = d["file"].as_str().unwrap_or("");
        if d["expected"] == "ERR_CHIP_DUMP_FORMAT" {
            continue;
        }
        let dump = json(f);
        let dg1 = dg(&dump, 1);
        let mrz = String::from_utf8(dg1.get(5..).unwrap_or_default().to_vec()).unwrap_or_default();
        assert_eq!(
            dg1.get(..5),
            Some(&[0x61, 0x5D, 0x5F, 0x1F, 0x5A][..]),
            "{f}"
        );
        let l1 = mrz.get(0..30).unwrap_or_default();
        let l2 = mrz.get(30..60).unwrap_or_default();
        let cd = |s: &str| crate::card::check_digit(s).to_string();
        let all_ok = cd(l1.get(5..14).unwrap_or_default()) == l1.get(14..15).unwrap_or_default()
            && cd(l2.get(0..6).unwrap_or_default()) == l2.get(6..7).unwrap_or_default()
            && cd(l2.get(8..14).unwrap_or_default()) == l2.get(14..15).unwrap_or_default();
        assert_eq!(all_ok, d["expected"] != "ERR_MRZ_CHECK_DIGIT", "{f}: {mrz}");
        // DG2: 75 → 7F61 → 7F60 → 5F2E → "FAC\0" … JPEG
        let dg2 = dg(&dump, 2);
        let soi = dg2.windows(3).position(|w| w == [0xFF, 0xD8, 0xFF]);
        assert!(soi.is_some(), "{f}");
        assert!(dg2.windows(4).any(|w| w == b"FAC\0"));
    }
    // An independent JPEG decoder (zune-jpeg) reads every face back close to its source.
    for p in crate::card::people() {
        let dump = json(&format!("{}.valid.json", p.slug));
        let dg2 = dg(&dump, 2);
        let start = dg2
            .windows(3)
            .position(|w| w == [0xFF, 0xD8, 0xFF])
            .unwrap_or(0);
        let jpeg = dg2.get(start..).unwrap_or_default();
        use zune_jpeg::zune_core::bytestream::ZCursor;
        use zune_jpeg::zune_core::colorspace::ColorSpace;
        use zune_jpeg::zune_core::options::DecoderOptions;
        let options = DecoderOptions::default().jpeg_set_out_colorspace(ColorSpace::Luma);
        let mut decoder = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(jpeg), options);
        let px = decoder.decode().unwrap_or_default();
        assert_eq!(px.len(), 64, "{}: an 8×8 greyscale image", p.slug);
        let shade = Hash::Sha256
            .digest(p.id.as_bytes())
            .first()
            .copied()
            .unwrap_or(0);
        let src = crate::jpeg::face(shade);
        let max_err = px
            .iter()
            .zip(src.iter())
            .map(|(a, b)| (i16::from(*a) - i16::from(*b)).abs())
            .max()
            .unwrap_or(255);
        assert!(
            max_err < 8,
            "{}: decoded face too far from the source ({max_err})",
            p.slug
        );
    }
}

#[test]
fn dg13_is_nfc_and_long_form_where_long() {
    use unicode_normalization::UnicodeNormalization;
    let han = json("dang-thi-ngoc-han.valid.json");
    let dg13 = dg(&han, 13);
    assert_eq!(dg13.get(..2), Some(&[0x6D, 0x82][..]));
    let residence = han_residence();
    assert!(residence.len() > 127);
    let pos = fixtures::find(&dg13, residence.as_bytes()).unwrap_or(0);
    assert_eq!(
        dg13.get(pos - 3..pos),
        Some(&[0x0C, 0x81, residence.len() as u8][..])
    );
    for p in crate::card::people() {
        let dump = json(&format!("{}.valid.json", p.slug));
        let text = String::from_utf8_lossy(&dg(&dump, 13)).to_string();
        assert_eq!(text.nfc().collect::<String>(), text, "{}", p.slug);
        assert!(text.contains(p.name));
    }
    // The NFD variant: decomposed text, same fields.
    let cuc = json("le-thi-cuc.dg13-nfd.valid.json");
    let text = String::from_utf8_lossy(&dg(&cuc, 13)).to_string();
    let name_nfd: String = "Lê Thị Cúc".nfd().collect();
    assert!(text.contains(&name_nfd));
    assert!(!text.contains("Lê Thị Cúc"));
    assert_eq!(text.nfd().collect::<String>(), text);
}

fn han_residence() -> String {
    crate::card::people()
        .into_iter()
        .find(|p| p.slug == "dang-thi-ngoc-han")
        .map(|p| p.residence.to_string())
        .unwrap_or_default()
}

#[test]
fn folder_dump_equals_the_json_dump() {
    let dump = json("nguyen-van-an.valid.json");
    assert_eq!(
        file("nguyen-van-an.valid/EF.SOD.bin"),
        b64(dump["sod"].as_str().unwrap_or("")).as_slice()
    );
    assert_eq!(
        file("nguyen-van-an.valid/EF.COM.bin"),
        b64(dump["com"].as_str().unwrap_or("")).as_slice()
    );
    for n in [1u8, 2, 13, 14, 15] {
        assert_eq!(
            file(&format!("nguyen-van-an.valid/DG{n}.bin")),
            dg(&dump, n).as_slice()
        );
    }
    let in_folder = files()
        .keys()
        .filter(|k| k.starts_with("nguyen-van-an.valid/"))
        .count();
    assert_eq!(
        in_folder, 7,
        "EF.COM, EF.SOD and five data groups, nothing else"
    );
}

#[test]
fn committed_fixtures_are_current() {
    // The same check as `make test-chip-fixtures`, from the tool's own tests.
    for root in ["../../tests/data/chip", "../../examples/demo/chip"] {
        let root = Path::new(root);
        if !root.exists() {
            continue;
        }
        for (name, bytes) in files() {
            let on_disk = std::fs::read(root.join(name)).unwrap_or_default();
            assert!(
                on_disk == *bytes,
                "{} is stale: run demo-chip fixtures",
                root.join(name).display()
            );
        }
    }
}

#[test]
fn docs_example_matches_the_fixture() {
    // docs/chip-data.md shows nguyen-van-an.valid.json, shortened with "…": each shown value
    // must be a prefix of the real one.
    let Ok(doc) = std::fs::read_to_string("../../docs/chip-data.md") else {
        return;
    };
    let dump = json("nguyen-van-an.valid.json");
    let mut real: Vec<(String, String)> = vec![
        ("sod".into(), dump["sod"].as_str().unwrap_or("").into()),
        ("com".into(), dump["com"].as_str().unwrap_or("").into()),
        (
            "challenge".into(),
            dump["activeAuthentication"]["challenge"]
                .as_str()
                .unwrap_or("")
                .into(),
        ),
        (
            "signature".into(),
            dump["activeAuthentication"]["signature"]
                .as_str()
                .unwrap_or("")
                .into(),
        ),
    ];
    for n in [1, 2, 13, 14, 15] {
        let k = format!("DG{n}");
        let v = dump["dataGroups"][&k].as_str().unwrap_or("").to_string();
        real.push((k, v));
    }
    for (k, v) in real {
        let needle = format!("\"{k}\": \"");
        let start = doc.find(&needle).map(|i| i + needle.len());
        let shown = start
            .and_then(|s| doc.get(s..).and_then(|t| t.split('"').next()))
            .unwrap_or("")
            .trim_end_matches('…');
        assert!(
            !shown.is_empty() && v.starts_with(shown),
            "docs/chip-data.md: {k} is stale"
        );
    }
}
