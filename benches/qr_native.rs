//! Native quick look at the QR front end on the zxing photo set (the real benchmark, against
//! peers, is `make bench-qr`, which runs our wasm under Node). `cargo bench --bench qr_native`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::time::Instant;

use cccd_verify::qr::{decode, decode_image_file, DecodeOptions};

fn main() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/qr-bench/zxing");
    let rotations: Vec<u8> = std::env::var("ROT")
        .map(|r| r.split(',').map(|x| x.parse().unwrap()).collect())
        .unwrap_or(vec![0]);
    for rot in rotations {
        let (mut ok, mut total, mut wrong) = (0, 0, 0);
        let mut times = Vec::new();
        for dir in 1..=6 {
            let d = format!("{root}/qrcode-{dir}");
            let mut files: Vec<_> = std::fs::read_dir(&d)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "png"))
                .collect();
            files.sort();
            let (mut dok, mut dn) = (0, 0);
            for f in files {
                let expected = std::fs::read_to_string(f.with_extension("txt")).unwrap();
                let img = decode_image_file(&std::fs::read(&f).unwrap())
                    .unwrap()
                    .rotate(rot);
                let t = Instant::now();
                let codes = std::panic::catch_unwind(|| {
                    decode(&img, &DecodeOptions::thorough(), &mut |_| {})
                })
                .ok()
                .and_then(Result::ok)
                .unwrap_or_default();
                times.push(t.elapsed().as_secs_f64() * 1000.0);
                dn += 1;
                if codes.iter().any(|c| c.text == expected) {
                    dok += 1;
                } else if !codes.is_empty() {
                    wrong += 1;
                    if std::env::var("VERBOSE").is_ok() {
                        println!(
                            "  wrong {}: {:?}",
                            f.display(),
                            codes
                                .iter()
                                .map(|c| c.text.chars().take(40).collect::<String>())
                                .collect::<Vec<_>>()
                        );
                    }
                } else if std::env::var("VERBOSE").is_ok() {
                    println!("  miss {}", f.display());
                }
            }
            println!("rot {rot} qrcode-{dir}: {dok}/{dn}");
            ok += dok;
            total += dn;
        }
        times.sort_by(f64::total_cmp);
        println!(
            "rot {rot}: {ok}/{total} correct, {wrong} other text; median {:.1} ms, p95 {:.1} ms",
            times[times.len() / 2],
            times[times.len() * 95 / 100]
        );
    }
}
