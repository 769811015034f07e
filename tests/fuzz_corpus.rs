//! Replays the fuzz corpora (`fuzz/corpus/<target>/`) and any saved crash inputs
//! (`fuzz/regressions/<target>/`) through the same calls as the cargo-fuzz targets, on stable
//! Rust, so a fixed crash stays fixed without a nightly toolchain.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};

use cccd_verify::qr::{decode, decode_image_file, DecodeOptions, Gray};
use cccd_verify::{cross_check, parse_mrz, parse_qr_bytes, parse_qr_text, Date, Lang};

const FUZZ_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz");

const CARD: &str = "001090000123|012345678|Nguyễn Văn An|15031990|Nam|Số 1 Ngõ 2, Phường Láng Hạ, Quận Đống Đa, Hà Nội|20042021";

fn now() -> Date {
    Date::new(2026, 11, 27).unwrap()
}

/// Every file in `fuzz/corpus/<target>/` and `fuzz/regressions/<target>/` (if it exists).
fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for kind in ["corpus", "regressions"] {
        let dir = Path::new(FUZZ_DIR).join(kind).join(target);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            assert_ne!(kind, "corpus", "missing {}", dir.display());
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_file() {
                let bytes = std::fs::read(&path).unwrap();
                out.push((path, bytes));
            }
        }
    }
    out.sort();
    out
}

/// The body of `fuzz/fuzz_targets/qr_payload.rs`.
fn qr_payload(data: &[u8]) {
    if let Ok(card) = parse_qr_bytes(data, now()) {
        let _ = card.to_json(Lang::En);
    }
    if let Ok(text) = std::str::from_utf8(data) {
        match parse_qr_text(text, now()) {
            Ok(card) => {
                let _ = card.to_json(Lang::Vi);
            }
            Err(e) => {
                let _ = e.to_json(Lang::Vi);
            }
        }
    }
}

/// The body of `fuzz/fuzz_targets/mrz.rs`; true when the MRZ parsed.
fn mrz(data: &[u8]) -> bool {
    let text = String::from_utf8_lossy(data);
    let Ok(mrz) = parse_mrz(&text) else {
        return false;
    };
    let card = parse_qr_text(CARD, now()).unwrap();
    let _ = cross_check(&card, &mrz);
    let _ = card.with_mrz(mrz).to_json(Lang::En);
    true
}

/// Runs `f` on every input, naming the file of any panic.
fn replay(target: &str, f: impl Fn(&[u8]) + std::panic::RefUnwindSafe) -> usize {
    let inputs = inputs(target);
    let mut panicked = Vec::new();
    for (path, bytes) in &inputs {
        if std::panic::catch_unwind(|| f(bytes)).is_err() {
            panicked.push(path.display().to_string());
        }
    }
    assert!(panicked.is_empty(), "panicked on {panicked:#?}");
    inputs.len()
}

#[test]
fn qr_payload_corpus_replays_without_panic() {
    let n = replay("qr_payload", qr_payload);
    assert!(n > 0, "no qr_payload corpus files were read");
}

#[test]
fn mrz_corpus_replays_without_panic() {
    let n = replay("mrz", |b| {
        let _ = mrz(b);
    });
    assert!(n > 0, "no mrz corpus files were read");
}

#[test]
fn corpora_contain_parseable_inputs() {
    // The seeds include the synthetic examples, so some inputs must get past the parsers;
    // this catches a corpus emptied of everything but garbage.
    let qr_ok = inputs("qr_payload")
        .iter()
        .filter(|(_, b)| parse_qr_bytes(b, now()).is_ok())
        .count();
    assert!(qr_ok > 0);
    let mrz_ok = inputs("mrz").iter().filter(|(_, b)| mrz(b)).count();
    assert!(mrz_ok > 0);
}

#[test]
fn every_corpus_directory_is_replayed() {
    // A new fuzz target needs its replay here too.
    let mut dirs: Vec<String> = std::fs::read_dir(Path::new(FUZZ_DIR).join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    dirs.sort();
    assert_eq!(
        dirs,
        [
            "cbor",
            "image_file",
            "mrz",
            "qr_image",
            "qr_payload",
            "sd_jwt",
            "status_list",
            "trust_list",
            "x509_chain"
        ]
    );
}

/// The body of `fuzz/fuzz_targets/qr_image.rs`: a panic inside a decoder attempt (rqrr) is
/// skipped as the JS layer does after a trap; a panic elsewhere propagates.
fn qr_image(data: &[u8]) {
    let (Some((&w, rest)), true) = (data.split_first(), data.len() > 2) else {
        return;
    };
    let (&h, px) = rest.split_first().unwrap();
    let (w, h) = (usize::from(w % 97), usize::from(h % 97));
    if w == 0 || h == 0 || px.is_empty() {
        return;
    }
    let img = Gray::new(w, h, px.iter().copied().cycle().take(w * h).collect()).unwrap();
    let mut opts = DecodeOptions::thorough();
    loop {
        let last = std::cell::Cell::new(usize::MAX);
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            decode(&img, &opts, &mut |i| last.set(i))
        }));
        match r {
            Ok(_) => break,
            Err(e) if last.get() == usize::MAX => std::panic::resume_unwind(e),
            Err(_) => opts.skip.push(last.get()),
        }
    }
}

#[test]
fn qr_image_corpus_replays_without_panic_outside_rqrr() {
    let n = replay("qr_image", qr_image);
    assert!(n > 0, "no qr_image corpus files were read");
}

#[test]
fn image_file_corpus_replays_without_panic() {
    let n = replay("image_file", |b| {
        let _ = decode_image_file(b);
    });
    assert!(n > 0, "no image_file corpus files were read");
    // The seeds include valid PNGs.
    assert!(inputs("image_file")
        .iter()
        .any(|(_, b)| decode_image_file(b).is_ok()));
}

/// `x509_chain` inputs: certificates separated by this marker.
const X509_MARKER: &[u8] = b"--x5c--";

/// `data` split on the marker, at most 8 pieces (as in the fuzz target).
fn x509_split(data: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut rest = data;
    while out.len() < 7 {
        match rest
            .windows(X509_MARKER.len())
            .position(|w| w == X509_MARKER)
        {
            Some(i) => {
                out.push(&rest[..i]);
                rest = &rest[i + X509_MARKER.len()..];
            }
            None => break,
        }
    }
    out.push(rest);
    out
}

/// The body of `fuzz/fuzz_targets/x509_chain.rs`; true when the path verified.
fn x509_chain(data: &[u8]) -> bool {
    use cccd_verify::x509::{
        verify_path, verify_path_with, Budget, Profile, Purpose, TrustAnchor, ValidityAt,
    };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/x509");
    let a = TrustAnchor::from_der(
        &std::fs::read(dir.join("root_p256.der")).unwrap(),
        Purpose::SdJwtVcIssuer,
    )
    .unwrap();
    let b = TrustAnchor::from_der(
        &std::fs::read(dir.join("root_p384.der")).unwrap(),
        Purpose::TrustListSigner,
    )
    .unwrap();
    let chain = x509_split(data);
    if let Some(first) = chain.first() {
        if let Err(e) = TrustAnchor::from_der(first, Purpose::MdocIaca) {
            let _ = e.to_json(Lang::En);
        }
    }
    for profile in [
        Profile::mdoc_document_signer(),
        Profile::vical_signer(),
        Profile::icao_document_signer(),
        Profile::icao_master_list_signer(),
    ] {
        let at = ValidityAt::Both(1_795_737_600, 1_795_737_600 - 86_400);
        if let Err(e) = verify_path_with(
            &chain,
            &[a.clone(), b.clone()],
            &profile,
            at,
            Budget::default(),
        ) {
            let _ = e.to_json(Lang::En);
        }
    }
    // The fuzz target's clock: 2026-11-27T00:00:00Z.
    match verify_path(
        &chain,
        &[a, b],
        Purpose::SdJwtVcIssuer,
        1_795_737_600,
        Budget::default(),
    ) {
        Ok(p) => {
            let _ = (p.public_key().sec1(), p.subject(), p.san_uris());
            true
        }
        Err(e) => {
            let _ = e.to_json(Lang::Vi);
            false
        }
    }
}

#[test]
fn x509_chain_corpus_replays_without_panic() {
    let n = replay("x509_chain", |b| {
        let _ = x509_chain(b);
    });
    assert!(n > 0, "no x509_chain corpus files were read");
    // The seeds include valid chains.
    assert!(inputs("x509_chain").iter().any(|(_, b)| x509_chain(b)));
}

/// The body of `fuzz/fuzz_targets/status_list.rs`; true when a token verified.
fn status_list(data: &[u8]) -> bool {
    use cccd_verify::jose::{Algorithm, PublicKey};
    use cccd_verify::status::{StatusArray, StatusBudget, StatusListToken};
    const MAX: usize = 1 << 20;
    // The public key of private scalar 1 (the P-256 base point), as the fuzz target uses.
    let g = "046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c2964fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5";
    let sec1: Vec<u8> = (0..g.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&g[i..i + 2], 16).unwrap())
        .collect();
    if let Some((&sel, zlib)) = data.split_first() {
        let bits = match sel % 5 {
            0 => 1,
            1 => 2,
            2 => 4,
            3 => 8,
            _ => sel,
        };
        match StatusArray::decompress(bits, zlib, MAX) {
            Ok(a) => {
                assert!(a.as_bytes().len() <= MAX);
                let n = a.len();
                for i in [0, n / 2, n.saturating_sub(1), n, u64::MAX] {
                    let _ = a.status(i);
                }
            }
            Err(e) => {
                let _ = e.to_json(Lang::En);
            }
        }
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return false;
    };
    let key = PublicKey::p256_from_sec1(&sec1).unwrap();
    let mut budget = StatusBudget::default();
    budget.max_decompressed_bytes = MAX;
    match StatusListToken::verify(
        text,
        &key,
        &[Algorithm::Es256],
        1_795_737_600,
        "https://status.example.vn/statuslists/1",
        budget,
    ) {
        Ok(list) => {
            let _ = list.status(0);
            true
        }
        Err(e) => {
            let _ = e.to_json(Lang::Vi);
            false
        }
    }
}

#[test]
fn status_list_corpus_replays_without_panic() {
    let n = replay("status_list", |b| {
        let _ = status_list(b);
    });
    assert!(n > 0, "no status_list corpus files were read");
    assert!(inputs("status_list").iter().any(|(_, b)| status_list(b)));
}

/// The body of `fuzz/fuzz_targets/sd_jwt.rs`; true when the input parsed as a JWS.
fn sd_jwt(data: &[u8]) -> bool {
    use cccd_verify::jose::{Algorithm, Jws, PublicKey};
    use cccd_verify::sd_jwt::{verify, Budget, KeyBinding, Policy, SdAlg};
    const G: &str = "046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c2964fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5";
    let Ok(text) = std::str::from_utf8(data) else {
        return false;
    };
    let parsed = Jws::parse(text.split('~').next().unwrap_or_default()).is_ok();
    if let Ok(jws) = Jws::parse(text) {
        let _ = jws.claims();
        let _ = jws.x5c();
    }
    let sec1: Vec<u8> = (0..G.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&G[i..i + 2], 16).unwrap())
        .collect();
    let key = PublicKey::p256_from_sec1(&sec1).unwrap();
    for kb in [
        None,
        Some(KeyBinding {
            nonce: "n",
            audience: "origin:https://rp.example",
            max_age: 300,
        }),
    ] {
        let policy = Policy {
            algorithms: &[Algorithm::Es256],
            sd_algs: &[SdAlg::Sha256],
            key_binding: kb,
            now: 1_795_737_600,
            leeway: 60,
            accept_legacy_typ: false,
            required_claims: &["iss"],
            budget: Budget::default(),
        };
        if let Err(e) = verify(text, &key, &policy) {
            let _ = e.to_json(Lang::Vi);
        }
    }
    parsed
}

#[test]
fn sd_jwt_corpus_replays_without_panic() {
    let n = replay("sd_jwt", |b| {
        let _ = sd_jwt(b);
    });
    assert!(n > 0, "no sd_jwt corpus files were read");
    // The seeds include real presentations, whose issuer JWT parses.
    assert!(inputs("sd_jwt").iter().any(|(_, b)| sd_jwt(b)));
}

/// Part (1) of `fuzz/fuzz_targets/trust_list.rs`: the input as a signed trust list (compact JWS)
/// against a pinned signer anchor. (Part (2), which signs the input as a payload, needs the
/// test certificate builder and runs under cargo-fuzz.)
fn trust_list(data: &[u8]) {
    use cccd_verify::trust::{verify_trust_list, ListBudget, ListPolicy, StalePolicy};
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let anchor_der = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/sd-jwt/anchor.pem"
    ))
    .unwrap();
    let pem = String::from_utf8(anchor_der).unwrap();
    let b64: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let der = cccd_verify::jose::b64::decode_std(&b64).unwrap();
    let signers = [cccd_verify::x509::TrustAnchor::from_der(
        &der,
        cccd_verify::x509::Purpose::TrustListSigner,
    )
    .unwrap()];
    let policy = ListPolicy {
        signers: &signers,
        accepted: None,
        stale: StalePolicy::Warn,
        now: 1_795_737_600,
        leeway: 60,
        budget: ListBudget::default(),
    };
    if let Err(e) = verify_trust_list(text, &policy) {
        let _ = e.to_json(Lang::Vi);
    }
}

#[test]
fn trust_list_corpus_replays_without_panic() {
    let n = replay("trust_list", trust_list);
    assert!(n > 0, "no trust_list corpus files were read");
}

include!("../fuzz/bodies/cbor.rs");

#[test]
fn cbor_corpus_replays_without_panic() {
    let n = replay("cbor", |b| {
        let _ = cbor_body(b);
    });
    assert!(n > 0, "no cbor corpus files were read");
    // The seeds include well-formed items, and some that are refused.
    let parsed = inputs("cbor").iter().filter(|(_, b)| cbor_body(b)).count();
    assert!(parsed > 0 && parsed < n, "{parsed} of {n} parsed");
}

#[test]
fn cbor_body_holds_on_real_mdoc_responses() {
    // Real data, read in place (not copied into the corpus): the reader/writer invariants of
    // the fuzz body hold on every DeviceResponse in ../shared/vectors.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/vectors");
    let mut n = 0;
    for rel in [
        "iso18013-5-annex-d/full-keys/device_response.cbor",
        "iso18013-5-annex-d/full-keys/device_request.cbor",
        "iso18013-5-annex-d/full-keys/session_transcript_bytes.cbor",
        "mdoc-real/auth0-mdl/example1/deviceResponse.cbor",
        "mdoc-real/owf-mdoc-ts/google-dcapi-draft24/deviceResponse.cbor",
        "mdoc-real/owf-mdoc-ts/bdr-issuersigned-only/issuerSignedBytes.cbor",
        "dcapi-annex-c/synthetic/deviceResponse.cbor",
    ] {
        let bytes = std::fs::read(root.join(rel)).unwrap();
        assert!(cbor_body(&bytes), "{rel}");
        n += 1;
    }
    assert_eq!(n, 7);
}
