//! Replays the fuzz corpora (`fuzz/corpus/<target>/`) and any saved crash inputs
//! (`fuzz/regressions/<target>/`) through the fuzz targets' own bodies (`fuzz/bodies/<target>.rs`,
//! included here as modules), on stable Rust, so a fixed crash stays fixed without a nightly
//! toolchain. A panic fails the test with the input's file and the panic's file:line; the only
//! panics tolerated are those located in rqrr, and only by the `qr_image` body, which then skips
//! that decoder attempt (`fuzz/bodies/panics.rs`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::{Path, PathBuf};

#[path = "../fuzz/bodies/icao_crl.rs"]
mod icao_crl;
#[path = "../fuzz/bodies/icao_dg1.rs"]
mod icao_dg1;
#[path = "../fuzz/bodies/icao_dg13.rs"]
mod icao_dg13;
#[path = "../fuzz/bodies/icao_master_list.rs"]
mod icao_master_list;
#[path = "../fuzz/bodies/icao_sod.rs"]
mod icao_sod;
#[path = "../fuzz/bodies/image_file.rs"]
mod image_file;
#[path = "../fuzz/bodies/mrz.rs"]
mod mrz;
#[path = "../fuzz/bodies/panics.rs"]
mod panics;
#[path = "../fuzz/bodies/qr_image.rs"]
mod qr_image;
#[path = "../fuzz/bodies/qr_payload.rs"]
mod qr_payload;
#[path = "../fuzz/bodies/sd_jwt.rs"]
mod sd_jwt;
#[path = "../fuzz/bodies/status_list.rs"]
mod status_list;
#[path = "../fuzz/bodies/trust_list.rs"]
mod trust_list;
// Like `trust_list`, it builds its signer with tests/support/certs.rs.
#[cfg(feature = "mdoc")]
#[allow(clippy::duplicate_mod)]
#[path = "../fuzz/bodies/vical.rs"]
mod vical;
#[path = "../fuzz/bodies/x509_chain.rs"]
mod x509_chain;

const FUZZ_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz");

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

/// Runs `body` on one input; on a panic, where it happened (file:line: message).
fn run_one(body: impl Fn(&[u8]) -> bool, bytes: &[u8]) -> Result<bool, String> {
    panics::install();
    panics::clear();
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| body(bytes))).map_err(|_| {
        panics::last().map_or_else(|| "(no panic site recorded)".to_string(), |s| s.to_string())
    })
}

/// Runs `body` on every input of `target`, failing with each input that panicked and where;
/// returns (inputs read, inputs for which the body returned true).
fn replay(target: &str, body: impl Fn(&[u8]) -> bool) -> (usize, usize) {
    let inputs = inputs(target);
    let mut panicked = Vec::new();
    let mut accepted = 0;
    for (path, bytes) in &inputs {
        match run_one(&body, bytes) {
            Ok(ok) => accepted += usize::from(ok),
            Err(site) => panicked.push(format!("{}: panicked at {site}", path.display())),
        }
    }
    assert!(panicked.is_empty(), "{target}: {panicked:#?}");
    (inputs.len(), accepted)
}

#[test]
fn qr_payload_corpus_replays_without_panic() {
    let (n, ok) = replay("qr_payload", qr_payload::run);
    assert!(n > 0, "no qr_payload corpus files were read");
    // The seeds include the synthetic examples, so some inputs must get past the parser; this
    // catches a corpus emptied of everything but garbage.
    assert!(ok > 0, "no qr_payload input parsed");
}

#[test]
fn mrz_corpus_replays_without_panic() {
    let (n, ok) = replay("mrz", mrz::run);
    assert!(n > 0, "no mrz corpus files were read");
    assert!(ok > 0, "no mrz input parsed");
}

#[test]
fn every_corpus_directory_is_replayed() {
    // A new fuzz target needs its body in fuzz/bodies/ and its replay here too.
    let mut dirs: Vec<String> = std::fs::read_dir(Path::new(FUZZ_DIR).join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    dirs.sort();
    assert_eq!(
        dirs,
        [
            "cbor",
            "cose",
            "dcapi",
            "hpke",
            "icao_crl",
            "icao_dg1",
            "icao_dg13",
            "icao_master_list",
            "icao_sod",
            "image_file",
            "jwe",
            "mdoc",
            "mrz",
            "qr_image",
            "qr_payload",
            "sd_jwt",
            "status_list",
            "trust_list",
            "vical",
            "x509_chain"
        ]
    );
}

#[test]
fn every_fuzz_target_runs_its_shared_body() {
    // One body per target: each target in fuzz/fuzz_targets/ includes fuzz/bodies/<target>.rs,
    // the file replayed above, rather than a copy of it.
    let dir = Path::new(FUZZ_DIR).join("fuzz_targets");
    let mut targets = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let src = std::fs::read_to_string(&path).unwrap();
        assert!(
            src.contains(&format!("#[path = \"../bodies/{name}.rs\"]")),
            "{} does not include fuzz/bodies/{name}.rs",
            path.display()
        );
        assert!(
            Path::new(FUZZ_DIR)
                .join("bodies")
                .join(format!("{name}.rs"))
                .is_file(),
            "no fuzz/bodies/{name}.rs"
        );
        targets.push(name);
    }
    targets.sort();
    let mut dirs: Vec<String> = std::fs::read_dir(Path::new(FUZZ_DIR).join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    dirs.sort();
    assert_eq!(targets, dirs);
}

#[test]
fn qr_image_corpus_replays_without_panic_outside_rqrr() {
    let (n, _) = replay("qr_image", qr_image::run);
    assert!(n > 0, "no qr_image corpus files were read");
}

#[test]
fn image_file_corpus_replays_without_panic() {
    let (n, ok) = replay("image_file", image_file::run);
    assert!(n > 0, "no image_file corpus files were read");
    // The seeds include valid PNGs.
    assert!(ok > 0, "no image_file input decoded");
}

#[test]
fn x509_chain_corpus_replays_without_panic() {
    let (n, ok) = replay("x509_chain", x509_chain::run);
    assert!(n > 0, "no x509_chain corpus files were read");
    // The seeds include valid chains.
    assert!(ok > 0, "no x509_chain input verified");
}

#[test]
fn status_list_corpus_replays_without_panic() {
    let (n, ok) = replay("status_list", status_list::run);
    assert!(n > 0, "no status_list corpus files were read");
    assert!(ok > 0, "no status_list input verified");
}

#[test]
fn sd_jwt_corpus_replays_without_panic() {
    let (n, ok) = replay("sd_jwt", sd_jwt::run);
    assert!(n > 0, "no sd_jwt corpus files were read");
    // The seeds include real presentations, whose issuer JWT parses.
    assert!(ok > 0, "no sd_jwt input parsed");
}

#[test]
fn trust_list_corpus_replays_without_panic() {
    let (n, ok) = replay("trust_list", trust_list::run);
    assert!(n > 0, "no trust_list corpus files were read");
    // The seeds are LoTE payloads that the body signs: some must be accepted.
    assert!(ok > 0, "no trust_list input was accepted");
}

#[cfg(feature = "mdoc")]
#[test]
fn vical_corpus_replays_without_panic() {
    let (n, ok) = replay("vical", vical::run);
    assert!(n > 0, "no vical corpus files were read");
    // The seeds include VICAL payloads that the body signs: some must be accepted.
    assert!(ok > 0, "no vical input was accepted");
}

// The panic policy itself.

/// The line of the `panic!` in [`panic_here`].
const PANIC_LINE: u32 = line!() + 3;
/// A panic in our own code, at a line this test knows.
fn panic_here() -> bool {
    panic!("a bug in our code")
}

#[test]
fn rqrr_files_are_told_from_ours() {
    for rqrr in [
        "/home/u/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/rqrr-0.11.0/src/identify/mod.rs",
        "/root/.cargo/registry/src/github.com-1ecc6299db9ec823/rqrr-0.6.0/src/decode.rs",
        r"C:\Users\u\.cargo\registry\src\index.crates.io-6f17d22bba15001f\rqrr-0.11.0\src\prepare.rs",
        "/work/x/vendor/rqrr-0.11.0/src/geometry.rs",
    ] {
        assert!(panics::is_rqrr_file(rqrr), "{rqrr}");
    }
    for ours in [
        "src/qr/symbol.rs",
        "src/qr/binarize.rs",
        "src/qr/sampler.rs",
        "/work/cccd-verify/src/qr/mod.rs",
        // Our checkout in a directory that merely looks like rqrr's.
        "/home/u/rqrr-0.11.0/src/qr/mod.rs",
        "/home/u/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/cccd-verify-0.1.0/src/qr/finder.rs",
        "/home/u/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/rqrr-ext-0.1.0/src/lib.rs",
        "/rustc/59807616e/library/core/src/slice/index.rs",
        "",
    ] {
        assert!(!panics::is_rqrr_file(ours), "{ours}");
    }
}

#[test]
fn a_panic_in_our_code_is_reported_with_its_site() {
    let err = run_one(|_| panic_here(), b"").unwrap_err();
    assert!(
        err.starts_with(&format!(
            "tests/fuzz_corpus.rs:{PANIC_LINE}: a bug in our code"
        )),
        "{err}"
    );
}

#[test]
fn a_panic_located_in_rqrr_is_recognised_as_rqrr() {
    // A real panic inside rqrr: its buffer size check (`w * h` overflows).
    panics::install();
    panics::clear();
    let r = std::panic::catch_unwind(|| {
        let _ = rqrr::PreparedImage::prepare_from_bitmap(usize::MAX, 2, |_, _| false);
    });
    assert!(r.is_err());
    let site = panics::last().unwrap();
    assert!(site.in_rqrr(), "{site}");
}

#[test]
fn the_qr_body_skips_an_attempt_that_panicked_in_rqrr() {
    use cccd_verify::qr::DecodeOptions;
    let mut calls = Vec::new();
    let out = qr_image::tolerating_rqrr(DecodeOptions::thorough(), |opts, progress| {
        calls.push(opts.skip.clone());
        for i in 0..4 {
            if opts.skip.contains(&i) {
                continue;
            }
            progress(i);
            if i == 1 || i == 3 {
                let _ = rqrr::PreparedImage::prepare_from_bitmap(usize::MAX, 2, |_, _| false);
            }
        }
        "done"
    });
    assert_eq!(out, "done");
    assert_eq!(calls, [vec![], vec![1], vec![1, 3]]);
}

#[test]
fn the_qr_body_does_not_skip_a_panic_in_our_code() {
    use cccd_verify::qr::DecodeOptions;
    // Inside a decoder attempt, as a panic in our binarisation or crop code would be.
    let err = run_one(
        |_| {
            qr_image::tolerating_rqrr(DecodeOptions::thorough(), |opts, progress| {
                for i in (0..4).filter(|i| !opts.skip.contains(i)) {
                    progress(i);
                    if i == 2 {
                        panic_here();
                    }
                }
                true
            })
        },
        b"",
    )
    .unwrap_err();
    assert!(
        err.starts_with(&format!("tests/fuzz_corpus.rs:{PANIC_LINE}: ")),
        "{err}"
    );
    // And a panic in rqrr outside any attempt has nothing to skip: it propagates too.
    let err = run_one(
        |_| {
            qr_image::tolerating_rqrr(DecodeOptions::thorough(), |_, _| {
                let _ = rqrr::PreparedImage::prepare_from_bitmap(usize::MAX, 2, |_, _| false);
                true
            })
        },
        b"",
    )
    .unwrap_err();
    assert!(err.contains("rqrr-"), "{err}");
}

#[path = "../fuzz/bodies/cbor.rs"]
mod cbor;

#[test]
fn cbor_corpus_replays_without_panic() {
    let (n, parsed) = replay("cbor", cbor::run);
    assert!(n > 0, "no cbor corpus files were read");
    // The seeds include well-formed items, and some that are refused.
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
        assert!(cbor::run(&bytes), "{rel}");
        n += 1;
    }
    assert_eq!(n, 7);
}

#[path = "../fuzz/bodies/hpke.rs"]
mod hpke;
#[path = "../fuzz/bodies/jwe.rs"]
mod jwe;

#[test]
fn hpke_corpus_replays_without_panic() {
    let (n, opened) = replay("hpke", hpke::run);
    assert!(n > 0, "no hpke corpus files were read");
    // The seeds include a response sealed to the body's key, and refusals.
    assert!(opened > 0 && opened < n, "{opened} of {n} opened");
}

#[test]
fn jwe_corpus_replays_without_panic() {
    let (n, opened) = replay("jwe", jwe::run);
    assert!(n > 0, "no jwe corpus files were read");
    assert!(opened > 0 && opened < n, "{opened} of {n} decrypted");
}

#[path = "../fuzz/bodies/mdoc.rs"]
mod mdoc;

#[cfg(feature = "dcapi")]
#[allow(clippy::duplicate_mod)]
#[path = "../fuzz/bodies/dcapi.rs"]
mod dcapi;

#[cfg(feature = "dcapi")]
#[test]
fn dcapi_corpus_replays_without_panic() {
    let (n, opened) = replay("dcapi", dcapi::run);
    assert!(n > 0, "no dcapi corpus files were read");
    // The seeds include answers sealed to the body's request, and refusals.
    assert!(opened > 0 && opened < n, "{opened} of {n} opened");
}

#[allow(clippy::duplicate_mod)]
#[path = "../fuzz/bodies/cose.rs"]
mod cose;

#[test]
fn cose_corpus_replays_without_panic() {
    let (n, ok) = replay("cose", cose::run);
    assert!(n > 0, "no cose corpus files were read");
    // The seeds hold a COSE_Sign1 signed by the body's key (verified) and refusals.
    assert!(ok > 0 && ok < n, "{ok} of {n} accepted");
}

#[test]
fn mdoc_corpus_replays_without_panic() {
    let (n, ok) = replay("mdoc", mdoc::run);
    assert!(n > 0, "no mdoc corpus files were read");
    // The seeds include DeviceResponses and MSOs issued by tests/mdoc_rules.rs that verify.
    assert!(ok > 0 && ok < n, "{ok} of {n} accepted");
}

#[test]
fn mdoc_body_holds_on_real_mdoc_responses() {
    // Real data, read in place: every mode of the body on every mdoc vector, without a panic
    // (they are not issued by the body's DS, so none is accepted as a response).
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/vectors");
    for rel in [
        "iso18013-5-annex-d/full-keys/device_response.cbor",
        "iso18013-5-annex-d/full-keys/session_transcript_bytes.cbor",
        "mdoc-real/auth0-mdl/example1/deviceResponse.cbor",
        "mdoc-real/auth0-mdl/example4/deviceResponse.cbor",
        "mdoc-real/owf-mdoc-ts/google-dcapi-draft24/deviceResponse.cbor",
        "mdoc-real/owf-mdoc-ts/animo-oid4vp10-redirect/deviceResponse.cbor",
        "mdoc-real/owf-mdoc-ts/bdr-issuersigned-only/issuerSignedBytes.cbor",
        "dcapi-annex-c/synthetic/deviceResponse.cbor",
    ] {
        let bytes = std::fs::read(root.join(rel)).unwrap();
        for mode in 0..6u8 {
            let mut input = vec![mode];
            input.extend_from_slice(&bytes);
            let accepted = run_one(mdoc::run, &input).unwrap_or_else(|e| panic!("{rel}: {e}"));
            assert!(mode % 3 == 2 || !accepted, "{rel} mode {mode}");
        }
    }
}

#[test]
fn icao_corpora_replay_without_panic() {
    for (target, body) in [
        ("icao_sod", icao_sod::run as fn(&[u8]) -> bool),
        ("icao_master_list", icao_master_list::run),
        ("icao_crl", icao_crl::run),
        ("icao_dg13", icao_dg13::run),
        ("icao_dg1", icao_dg1::run),
    ] {
        let (n, ok) = replay(target, body);
        assert!(n > 0, "no {target} corpus files were read");
        // The seeds are synthetic chips and lists (tools/icao-vectors/gen.py): they parse.
        assert!(ok > 0, "no {target} input accepted");
    }
}
