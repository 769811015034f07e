//! Native quick look at the QR front end on the zxing photo set (the real benchmark, against
//! peers, is `make bench-qr`, which runs our wasm under Node). `cargo bench --bench qr_native`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::time::Instant;

use cccd_verify::qr::{decode, decode_frame, decode_image_file, DecodeOptions, Tracker};

/// `FRAMES=target/bench-frames [MODE=fast|thorough] cargo bench --bench qr_native`: the
/// generated camera frames instead, per tier, with the attempt that read each frame.
fn frames(dir: &str) {
    // MODE=fast (default), thorough, or fast-still (fast without the camera path: as before).
    let opts = match std::env::var("MODE").as_deref() {
        Ok("thorough") => DecodeOptions::thorough(),
        Ok("fast-still") => DecodeOptions {
            camera: false,
            ..DecodeOptions::fast()
        },
        _ => DecodeOptions::fast(),
    };
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jpg"))
        .collect();
    files.sort();
    let mut tiers: std::collections::BTreeMap<String, (u32, u32)> = Default::default();
    let mut attempts: std::collections::BTreeMap<&str, u32> = Default::default();
    let (mut times, mut wrong) = (Vec::new(), 0);
    for f in &files {
        let expected = std::fs::read_to_string(f.with_extension("txt")).unwrap();
        let img = decode_image_file(&std::fs::read(f).unwrap()).unwrap();
        // REPEAT=n: the fastest of n runs (a steadier figure on a busy machine).
        let repeat: usize = std::env::var("REPEAT").map_or(1, |r| r.parse().unwrap());
        let mut ms = f64::MAX;
        let mut codes = Vec::new();
        for _ in 0..repeat.max(1) {
            let t = Instant::now();
            codes = decode(&img, &opts, &mut |_| {}).unwrap_or_default();
            ms = ms.min(t.elapsed().as_secs_f64() * 1000.0);
        }
        times.push(ms);
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let tier = tiers
            .entry(name.split('-').next().unwrap().to_owned())
            .or_default();
        tier.1 += 1;
        match codes.iter().find(|c| c.text == expected) {
            Some(c) => {
                tier.0 += 1;
                *attempts.entry(c.attempt).or_default() += 1;
            }
            None if !codes.is_empty() => wrong += 1,
            None => {}
        }
        if std::env::var("VERBOSE").is_ok() {
            let read = codes.iter().find(|c| c.text == expected).map(|c| c.attempt);
            println!("  {name} {ms:6.1} ms {read:?}");
        }
    }
    times.sort_by(f64::total_cmp);
    for (t, (ok, n)) in &tiers {
        print!("{t} {ok}/{n}  ");
    }
    let ok: u32 = tiers.values().map(|t| t.0).sum();
    println!(
        "\ntotal {ok}/{}, {wrong} wrong; median {:.1} ms, p95 {:.1} ms; by attempt {attempts:?}",
        files.len(),
        times[times.len() / 2],
        times[times.len() * 95 / 100]
    );
}

/// `SEQUENCES=target/bench-seq cargo bench --bench qr_native`: frame sequences from
/// `framegen sequences`; a sequence counts for single frames when any one frame reads alone (the
/// best single frame), and for the camera path when one tracker fed the frames in order reads it.
fn sequences(dir: &str) {
    let mut dirs: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let mut by: std::collections::BTreeMap<String, [u32; 4]> = Default::default();
    let mut attempts: std::collections::BTreeMap<&str, u32> = Default::default();
    let (mut wrong, mut times) = (0, Vec::new());
    for d in &dirs {
        let expected = std::fs::read_to_string(d.join("expected.txt")).unwrap();
        let mut files: Vec<_> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "jpg"))
            .collect();
        files.sort();
        let frames: Vec<_> = files
            .iter()
            .map(|f| decode_image_file(&std::fs::read(f).unwrap()).unwrap())
            .collect();
        let (mut single, mut frames_read) = (false, 0);
        for img in &frames {
            let (r, _) = decode_frame(
                img,
                &DecodeOptions::fast(),
                &mut Tracker::new(),
                &mut |_| {},
            );
            let codes = r.unwrap_or_default();
            if codes.iter().any(|c| c.text == expected) {
                single = true;
                frames_read += 1;
            } else if !codes.is_empty() {
                wrong += 1;
            }
        }
        let mut tracker = Tracker::new();
        let mut multi = None;
        for img in &frames {
            let t = Instant::now();
            let (r, info) = decode_frame(img, &DecodeOptions::fast(), &mut tracker, &mut |_| {});
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            if std::env::var("VERBOSE").is_ok_and(|v| v == "2") {
                println!(
                    "    finders {} module {:?} combined {}",
                    info.finders, info.module_px, info.frames_combined
                );
            }
            let codes = r.unwrap_or_default();
            if let Some(c) = codes.iter().find(|c| c.text == expected) {
                multi.get_or_insert((c.attempt, info.frames_combined));
            } else if !codes.is_empty() {
                wrong += 1;
            }
        }
        if let Some((a, _)) = multi {
            *attempts.entry(a).or_default() += 1;
        }
        let name = d.file_name().unwrap().to_string_lossy().into_owned();
        let mut parts = name.split('-');
        let tier = parts.next().unwrap().to_owned();
        let motion = parts.nth(1).unwrap().to_owned();
        for key in [tier.clone(), format!("{tier} {motion}")] {
            let e = by.entry(key).or_default();
            e[0] += 1;
            e[1] += u32::from(single);
            e[2] += u32::from(multi.is_some());
            e[3] += frames_read;
        }
        if std::env::var("VERBOSE").is_ok() {
            println!(
                "  {name}: single {frames_read}/{} frames, tracked {multi:?}",
                frames.len()
            );
        }
    }
    times.sort_by(f64::total_cmp);
    println!(
        "| sequences | n | best single frame (fast) | tracked + multi-frame | frames read alone |"
    );
    println!("|---|---|---|---|---|");
    for (k, [n, s, m, f]) in &by {
        println!("| {k} | {n} | {s} | {m} | {f} |");
    }
    println!(
        "{wrong} wrong; tracked per-frame median {:.1} ms, p95 {:.1} ms; tracked reads by attempt {attempts:?}",
        times[times.len() / 2],
        times[times.len() * 95 / 100]
    );
}

fn main() {
    if let Ok(dir) = std::env::var("SEQUENCES") {
        return sequences(&dir);
    }
    if let Ok(dir) = std::env::var("FRAMES") {
        return frames(&dir);
    }
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/qr-bench/zxing");
    let rotations: Vec<u8> = std::env::var("ROT")
        .map(|r| r.split(',').map(|x| x.parse().unwrap()).collect())
        .unwrap_or(vec![0]);
    for rot in rotations {
        let (mut ok, mut total, mut wrong) = (0, 0, 0);
        let mut times = Vec::new();
        let mut attempts: std::collections::BTreeMap<&str, u32> = Default::default();
        for dir in 1..=6 {
            let d = format!("{root}/qrcode-{dir}");
            let mut files: Vec<_> = std::fs::read_dir(&d)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "png"))
                .collect();
            files.sort();
            // ONLY=qrcode-3/04,qrcode-2/13: just those photos (`dir/name` prefixes).
            if let Ok(only) = std::env::var("ONLY") {
                files.retain(|f| {
                    let name = format!("qrcode-{dir}/{}", f.file_name().unwrap().to_string_lossy());
                    only.split(',').any(|o| name.starts_with(o))
                });
            }
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
                if let Some(c) = codes.iter().find(|c| c.text == expected) {
                    dok += 1;
                    *attempts.entry(c.attempt).or_default() += 1;
                } else if !codes.is_empty() {
                    wrong += 1;
                    if std::env::var("VERBOSE").is_ok() {
                        println!(
                            "  wrong {}: {:?}",
                            f.display(),
                            codes
                                .iter()
                                .map(|c| (c.attempt, c.text.chars().take(40).collect::<String>()))
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
        if times.is_empty() {
            continue;
        }
        println!(
            "rot {rot}: {ok}/{total} correct, {wrong} other text; median {:.1} ms, p95 {:.1} ms; by attempt {attempts:?}",
            times[times.len() / 2],
            times[times.len() * 95 / 100]
        );
    }
}
