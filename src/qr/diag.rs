//! Diagnostics on generated frames (`tools/framegen`, whose manifest gives each frame's true QR
//! corners): where the camera path loses a code — finders, geometry, sampling or error
//! correction. `cargo test --release --lib qr::diag -- --ignored --nocapture` with
//! `DIAG_FRAMES=DIR` (a `framegen frames` output).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use super::binarize::Levels;
use super::finder::{self, Bits};
use super::image::Gray;
use super::sampler::{self, Homography, Sampled};
use super::*;

/// The true module grid of `text` as framegen encodes it (byte segment, EC M, minimal version).
fn truth(text: &str) -> (usize, Vec<bool>) {
    use qrcode::bits::Bits as QBits;
    use qrcode::{EcLevel as L, QrCode, Version};
    for v in 1..=40i16 {
        let mut bits = QBits::new(Version::Normal(v));
        if bits.push_byte_data(text.as_bytes()).is_err() || bits.push_terminator(L::M).is_err() {
            continue;
        }
        let code = QrCode::with_bits(bits, L::M).unwrap();
        let dark = code
            .to_colors()
            .into_iter()
            .map(|c| c == qrcode::Color::Dark)
            .collect();
        return (code.width(), dark);
    }
    unreachable!()
}

fn sample_h(img: &Gray, h: &Homography, size: usize) -> Sampled {
    let mut values = Vec::new();
    for y in 0..size {
        for x in 0..size {
            let (cx, cy) = (x as f32 + 0.5, y as f32 + 0.5);
            let mut acc = 0.0;
            for (dx, dy) in [(0.0, 0.0), (0.2, 0.0), (-0.2, 0.0), (0.0, 0.2), (0.0, -0.2)] {
                let (px, py) = h.map(cx + dx, cy + dy);
                acc += img.sample(px, py);
            }
            values.push((acc / 5.0).round().clamp(0.0, 255.0) as u8);
        }
    }
    Sampled {
        size,
        values,
        transform: *h,
    }
}

fn errors(s: &Sampled, dark: &[bool]) -> usize {
    s.bits(4, 0)
        .iter()
        .zip(dark)
        .filter(|(a, b)| a != b)
        .count()
}

fn decodes(s: &Sampled) -> bool {
    let size = s.size;
    [(4, 0), (2, 0), (6, -8)].iter().any(|&(r, b)| {
        let bits = s.bits(r, b);
        symbol::decode(size, &|x, y| bits[y * size + x]).is_ok()
    })
}

#[test]
#[ignore = "manual diagnostics"]
fn where_frames_fail() {
    let Ok(dir) = std::env::var("DIAG_FRAMES") else {
        return;
    };
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(format!("{dir}/manifest.json")).unwrap()).unwrap();
    for f in manifest["frames"].as_array().unwrap() {
        let file = f["file"].as_str().unwrap();
        let text = f["expected"].as_str().unwrap();
        let img = decode_image_file(&std::fs::read(format!("{dir}/{file}")).unwrap()).unwrap();
        let (n, dark) = truth(text);
        let c: Vec<(f32, f32)> = f["qr_corners"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p[0].as_f64().unwrap() as f32, p[1].as_f64().unwrap() as f32))
            .collect();
        let s = n as f32;
        let gt = Homography::from_points(
            [(0.0, 0.0), (s, 0.0), (s, s), (0.0, s)],
            [c[0], c[1], c[2], c[3]],
        )
        .unwrap();
        let gs = sample_h(&img, &gt, n);
        let gt_err = errors(&gs, &dark);
        let gt_ok = decodes(&gs);
        let m = f["module_px"].as_f64().unwrap() as f32;
        // The camera path as it is.
        let (r, info) = decode_frame(
            &img,
            &DecodeOptions::fast(),
            &mut Tracker::new(),
            &mut |_| {},
        );
        let read = r
            .ok()
            .and_then(|c| c.first().map(|c| (c.text == text, c.attempt)));
        // Whole-frame finders near the true finder centres.
        let levels = Levels::new(&img);
        let (fs, _) = finder::find_counted(Bits::Hybrid(&img, &levels), 2, FIRST_FINDERS);
        let centres = [(3.5, 3.5), (s - 3.5, 3.5), (3.5, s - 3.5)].map(|(x, y)| gt.map(x, y));
        let near = |fs: &[finder::Finder], scale: f32, ox: f32, oy: f32| {
            centres
                .iter()
                .map(|&(x, y)| {
                    fs.iter()
                        .map(|q| (ox + q.x / scale - x).hypot(oy + q.y / scale - y) / m)
                        .fold(f32::MAX, f32::min)
                })
                .collect::<Vec<_>>()
        };
        let whole = near(&fs, 1.0, 0.0, 0.0);
        let qc = gt.map(s / 2.0, s / 2.0);
        let wprops = finder::propose(&fs, img.width(), img.height());
        let plist: Vec<String> = wprops
            .iter()
            .map(|p| {
                let inside =
                    qc.0 > p.x0 && qc.0 < p.x0 + p.size && qc.1 > p.y0 && qc.1 < p.y0 + p.size;
                let full = c.iter().all(|q| {
                    q.0 > p.x0 && q.0 < p.x0 + p.size && q.1 > p.y0 && q.1 < p.y0 + p.size
                });
                format!(
                    "{}{}{} m{:.1} s{:.0}",
                    p.finders,
                    if inside { "i" } else { "" },
                    if full { "F" } else { "" },
                    p.module,
                    p.size
                )
            })
            .collect();
        if std::env::var("PROPS").is_ok() {
            println!("{file} props {plist:?} finders {}", fs.len());
        }
        // A crop around the true code as read_region makes it.
        let (minx, maxx) = c
            .iter()
            .fold((f32::MAX, f32::MIN), |a, p| (a.0.min(p.0), a.1.max(p.0)));
        let (miny, maxy) = c
            .iter()
            .fold((f32::MAX, f32::MIN), |a, p| (a.0.min(p.1), a.1.max(p.1)));
        let size = (maxx - minx).max(maxy - miny) + 16.0 * m;
        let (x0, y0) = ((minx + maxx - size) / 2.0, (miny + maxy - size) / 2.0);
        let scale = (4.0 / m).clamp(1.0, 3.0);
        let crop = img.crop_scaled(x0, y0, size, size, scale);
        let crop = if scale >= 1.5 {
            crop.unsharp(scale.round() as usize, 4.0)
        } else {
            crop
        };
        let cl = Levels::new(&crop);
        let (cf, _) = finder::find_counted(Bits::Hybrid(&crop, &cl), 1, FIRST_FINDERS);
        let cnear = near(&cf, scale, x0, y0);
        // The true geometry on the crop, and on a few other sharpenings.
        let cc = [c[0], c[1], c[2], c[3]].map(|(x, y)| ((x - x0) * scale, (y - y0) * scale));
        let cgt = Homography::from_points(
            [(0.0, 0.0), (s, 0.0), (s, s), (0.0, s)],
            [cc[0], cc[1], cc[2], cc[3]],
        )
        .unwrap();
        let raw = img.crop_scaled(x0, y0, size, size, scale);
        let mut gtc = String::new();
        for (r, a) in [
            (0usize, 0.0f32),
            (2, 4.0),
            (3, 4.0),
            (2, 6.0),
            (3, 8.0),
            (4, 4.0),
        ] {
            let im = if r == 0 {
                raw.clone()
            } else {
                raw.unsharp(r, a)
            };
            let sm = sample_h(&im, &cgt, n);
            gtc += &format!(
                " {r}/{a}:{}{}",
                errors(&sm, &dark),
                if decodes(&sm) { "+" } else { "" }
            );
        }
        // The crop's best triple sampled at the true size: module errors.
        let props = finder::propose(&cf, crop.width(), crop.height());
        let mut ours = String::from("-");
        if let Some(t) = props.iter().find_map(|p| p.triple.as_ref()) {
            let triple = [&t[0], &t[1], &t[2]];
            if let Some(sm) = sampler::sample(&crop, triple, n) {
                // Compare in the grid's own orientation: try the four rotations of the truth.
                let mut best = usize::MAX;
                for rot in 0..4 {
                    let rd: Vec<bool> = (0..n * n)
                        .map(|i| {
                            let (x, y) = (i % n, i / n);
                            let (sx, sy) = match rot {
                                0 => (x, y),
                                1 => (y, n - 1 - x),
                                2 => (n - 1 - x, n - 1 - y),
                                _ => (n - 1 - y, x),
                            };
                            dark[sy * n + sx]
                        })
                        .collect();
                    best = best.min(errors(&sm, &rd));
                }
                ours = format!("crop-triple err {best} ok {}", decodes(&sm));
            }
        }
        println!(
            "{file} v{} m={m:.2} blur={:.2} | read {read:?} finders {} | GT err {gt_err} ok {gt_ok} crop{gtc} | whole {:?} | crop {:?} | {ours}",
            (n - 17) / 4,
            f["blur_sigma"].as_f64().unwrap(),
            info.finders,
            whole.iter().map(|d| format!("{:.1}", d.min(99.0))).collect::<Vec<_>>(),
            cnear.iter().map(|d| format!("{:.1}", d.min(99.0))).collect::<Vec<_>>(),
        );
    }
}

/// Why photos of the zxing set fail (thorough mode): `QR_PHOTOS="qrcode-4/05 qrcode-2/12" ROT=1
/// cargo test --lib qr::diag::photo -- --ignored --nocapture`. Per photo: finders on the hybrid
/// bitmap, finder triples, and per triple and candidate size the decoder's verdict (format
/// information, error correction, data) at each threshold of the sampled grid; then rqrr's grids.
#[test]
#[ignore = "manual diagnostics"]
fn photo_failures() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/qr-bench/zxing");
    let rot: u8 = std::env::var("ROT").map_or(0, |r| r.parse().unwrap());
    for name in std::env::var("QR_PHOTOS")
        .unwrap_or_default()
        .split_whitespace()
    {
        let img = decode_image_file(&std::fs::read(format!("{root}/{name}.png")).unwrap())
            .unwrap()
            .rotate(rot);
        let hybrid = binarize::hybrid(&img);
        let (finders, count) = finder::find_counted(Bits::Map(&hybrid), 1, FIRST_FINDERS);
        let props = finder::propose(&finders, img.width(), img.height());
        let kinds: Vec<u8> = props.iter().map(|p| p.finders).collect();
        println!("{name} rot {rot}: {count} finders, proposals {kinds:?}");
        for p in props.iter().filter(|p| p.finders == 3).take(MAX_TRIPLES) {
            let t = p.triple.as_ref().unwrap();
            let triple = [&t[0], &t[1], &t[2]];
            let mods: Vec<String> = t
                .iter()
                .map(|f| format!("({:.0},{:.0} m{:.1})", f.x, f.y, f.module))
                .collect();
            print!("  triple {}:", mods.join(" "));
            for size in sampler::candidate_sizes(triple) {
                let Some(s) = sampler::sample(&img, triple, size) else {
                    continue;
                };
                let h = s.transform;
                let ts = sampler::timing_score(&img, &h, size);
                let verdicts: Vec<String> = [(4, 0), (2, 0), (6, -8)]
                    .iter()
                    .map(|&(r, b)| {
                        let bits = s.bits(r, b);
                        let module =
                            |x: usize, y: usize| bits.get(y * size + x).copied().unwrap_or(false);
                        match symbol::decode(size, &module) {
                            Ok(_) => "ok".to_owned(),
                            Err(e) => format!("{e:?}"),
                        }
                    })
                    .collect();
                print!(" size {size} ts {ts:.0} {verdicts:?};");
            }
            println!();
        }
        #[cfg(feature = "rqrr")]
        {
            let mut prepared =
                rqrr::PreparedImage::prepare_from_greyscale(img.width(), img.height(), |x, y| {
                    img.pixels()[y * img.width() + x]
                });
            for g in prepared.detect_grids() {
                use rqrr::BitGrid;
                let size = g.grid.size();
                let r = symbol::decode(size, &|x, y| g.grid.bit(y, x));
                println!("  rqrr grid size {size}: {:?}", r.map(|_| "ok"));
                if std::env::var_os("RQRR_DECODE").is_some() {
                    let mut raw = Vec::new();
                    println!(
                        "  rqrr's own decoder: {:?} {raw:?}",
                        g.decode_to(&mut raw)
                            .map(|m| (m.version.0, m.ecc_level, m.mask))
                    );
                }
            }
        }
    }
}

/// Sequences (`framegen sequences`, `SEQ_DIAG=DIR`, `SEQ_CORNERS=FILE` with "index x0 y0 … x3
/// y3" per line: each scene's true QR corners before the motion): per frame, whether the
/// whole-frame scan sees the code's finders and whether a crop of the true region reads.
#[test]
#[ignore = "manual diagnostics"]
fn where_sequences_fail() {
    let (Ok(dir), Ok(corners)) = (std::env::var("SEQ_DIAG"), std::env::var("SEQ_CORNERS")) else {
        return;
    };
    let only: Vec<String> = std::env::var("SEQ_ONLY")
        .map(|s| s.split(',').map(str::to_owned).collect())
        .unwrap_or_default();
    let corners: Vec<Vec<f32>> = std::fs::read_to_string(corners)
        .unwrap()
        .lines()
        .map(|l| l.split(' ').skip(1).map(|v| v.parse().unwrap()).collect())
        .collect();
    let mut dirs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for d in dirs {
        let name = d.file_name().unwrap().to_string_lossy().into_owned();
        if !only.is_empty() && !only.iter().any(|o| name.contains(o.as_str())) {
            continue;
        }
        let idx: usize = name.split('-').nth(1).unwrap().parse().unwrap();
        let c = &corners[idx];
        let q = [(c[0], c[1]), (c[2], c[3]), (c[4], c[5]), (c[6], c[7])];
        let text = std::fs::read_to_string(d.join("expected.txt")).unwrap();
        let (n, _) = truth(&text);
        let s = n as f32;
        let gt = Homography::from_points([(0.0, 0.0), (s, 0.0), (s, s), (0.0, s)], q).unwrap();
        let m = (q[1].0 - q[0].0).hypot(q[1].1 - q[0].1) / s;
        println!("{name} v{} m={m:.2}", (n - 17) / 4);
        let centres = [(3.5, 3.5), (s - 3.5, 3.5), (3.5, s - 3.5)].map(|(x, y)| gt.map(x, y));
        let (n, dark) = truth(&text);
        let mut seq_tracker = Tracker::new();
        for k in 0..6 {
            seq_tracker.frame += 1;
            let img =
                decode_image_file(&std::fs::read(d.join(format!("{k:02}.jpg"))).unwrap()).unwrap();
            let levels = Levels::new(&img);
            let (fs, _) = finder::find_counted(Bits::Hybrid(&img, &levels), 2, FIRST_FINDERS);
            let near: Vec<String> = centres
                .iter()
                .map(|&(x, y)| {
                    let d = fs
                        .iter()
                        .map(|f| (f.x - x).hypot(f.y - y) / m)
                        .fold(f32::MAX, f32::min);
                    format!("{:.1}", d.min(99.0))
                })
                .collect();
            // The true region as the tracker would give it.
            let (minx, maxx) = q
                .iter()
                .fold((f32::MAX, f32::MIN), |a, p| (a.0.min(p.0), a.1.max(p.0)));
            let (miny, maxy) = q
                .iter()
                .fold((f32::MAX, f32::MIN), |a, p| (a.0.min(p.1), a.1.max(p.1)));
            let size = (maxx - minx).max(maxy - miny) + 16.0 * m;
            let p = Proposal {
                x0: (minx + maxx - size) / 2.0,
                y0: (miny + maxy - size) / 2.0,
                size,
                module: m,
                finders: 3,
                triple: None,
            };
            let work = View {
                img: img.clone(),
                x0: 0.0,
                y0: 0.0,
                scale: 1.0,
            };
            let opts = DecodeOptions::fast();
            let mut progress = |_| {};
            let mut run = Runner {
                opts: &opts,
                progress: &mut progress,
                index: 0,
                found: Vec::new(),
                too_complex: None,
                combined: 1,
                strict: false,
            };
            let seen = camera::read_region(&work, &mut run, &p, "x", &mut seq_tracker);
            let read = run.found.iter().any(|c| c.text == text);
            let errs = camera::history_errors(&seq_tracker, n, &|g: &[bool]| {
                let mut best = usize::MAX;
                for rot in 0..4 {
                    let e = (0..n * n)
                        .filter(|&i| {
                            let (x, y) = (i % n, i / n);
                            let (sx, sy) = match rot {
                                0 => (x, y),
                                1 => (y, n - 1 - x),
                                2 => (n - 1 - x, n - 1 - y),
                                _ => (n - 1 - y, x),
                            };
                            g[i] != dark[sy * n + sx]
                        })
                        .count();
                    best = best.min(e);
                }
                best
            });
            println!("     history errors {errs:?}");
            println!(
                "  {k}: whole {near:?} ({} finders) | true crop: finders {:?} read {read}",
                fs.len(),
                seen.map(|s| (s.1, s.0.module))
            );
        }
    }
}
