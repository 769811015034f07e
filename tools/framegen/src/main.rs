//! `framegen` command line.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use framegen::json::{obj, Json};
use framegen::tier::Tier;
use framegen::{
    encode_frame, list_payload, make_frame, make_sequence, make_y4m_clip, manifest_entry, Error,
    Format, Motion,
};

const USAGE: &str = "\
framegen: seeded synthetic CCCD camera frames (all people are synthetic)

USAGE:
  framegen frames   --seed S --count N --out DIR [--tier easy|medium|hard|mixed]
                    [--width 1280] [--height 720] [--format jpg|png]
  framegen y4m      --seed S --out FILE.y4m [--width 640] [--height 480]
                    [--frames 20] [--fps 10] [--tier easy] [--text QR_TEXT]
                    [--approach S0]  (the card approaches: scale S0 → 1 over 2/3 of the clip)
  framegen sequences --seed S --count N --out DIR [--tier easy|medium|hard|mixed]
                    [--len 6] [--width 1280] [--height 720]
  framegen payloads --seed S --count N
";

struct Args {
    cmd: String,
    opts: Vec<(String, String)>,
}

impl Args {
    fn parse() -> Result<Args, Error> {
        let mut it = std::env::args().skip(1);
        let cmd = it.next().ok_or_else(|| Error("missing command".into()))?;
        if cmd == "-h" || cmd == "--help" || cmd == "help" {
            return Ok(Args {
                cmd: "help".into(),
                opts: vec![],
            });
        }
        let mut opts = Vec::new();
        while let Some(k) = it.next() {
            if k == "-h" || k == "--help" {
                return Ok(Args {
                    cmd: "help".into(),
                    opts: vec![],
                });
            }
            let key = k
                .strip_prefix("--")
                .ok_or_else(|| Error(format!("unexpected argument {k:?}")))?;
            let (key, val) = match key.split_once('=') {
                Some((a, b)) => (a.to_string(), b.to_string()),
                None => (
                    key.to_string(),
                    it.next()
                        .ok_or_else(|| Error(format!("--{key} needs a value")))?,
                ),
            };
            opts.push((key, val));
        }
        Ok(Args { cmd, opts })
    }

    fn check(&self, allowed: &[&str]) -> Result<(), Error> {
        for (k, _) in &self.opts {
            if !allowed.contains(&k.as_str()) {
                return Err(Error(format!("unknown option --{k} for {}", self.cmd)));
            }
        }
        Ok(())
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.opts
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn req(&self, key: &str) -> Result<&str, Error> {
        self.get(key)
            .ok_or_else(|| Error(format!("--{key} is required")))
    }

    fn num<T: std::str::FromStr>(&self, key: &str, default: Option<T>) -> Result<T, Error> {
        match self.get(key) {
            Some(v) => v
                .parse()
                .map_err(|_| Error(format!("--{key}: invalid number {v:?}"))),
            None => default.ok_or_else(|| Error(format!("--{key} is required"))),
        }
    }
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    std::fs::write(path, bytes).map_err(|e| Error(format!("{}: {e}", path.display())))
}

fn cmd_frames(a: &Args) -> Result<(), Error> {
    a.check(&["seed", "count", "out", "tier", "width", "height", "format"])?;
    let seed: u64 = a.num("seed", None)?;
    let count: u64 = a.num("count", None)?;
    let out = PathBuf::from(a.req("out")?);
    let width: usize = a.num("width", Some(1280))?;
    let height: usize = a.num("height", Some(720))?;
    let format = match a.get("format").unwrap_or("jpg") {
        "jpg" | "jpeg" => Format::Jpg,
        "png" => Format::Png,
        f => return Err(Error(format!("--format must be jpg or png, not {f:?}"))),
    };
    let tier_arg = a.get("tier").unwrap_or("mixed");
    let plan: Vec<(Tier, u64)> = if tier_arg == "mixed" {
        let (q, r) = (count / 3, count % 3);
        Tier::ALL
            .iter()
            .enumerate()
            .map(|(i, &t)| (t, q + u64::from((i as u64) < r)))
            .collect()
    } else {
        let t = Tier::parse(tier_arg).ok_or_else(|| {
            Error(format!(
                "--tier must be easy, medium, hard or mixed, not {tier_arg:?}"
            ))
        })?;
        vec![(t, count)]
    };
    std::fs::create_dir_all(&out).map_err(|e| Error(format!("{}: {e}", out.display())))?;
    let digits = plan
        .iter()
        .map(|&(_, n)| n)
        .max()
        .unwrap_or(0)
        .saturating_sub(1)
        .to_string()
        .len()
        .max(3);
    let mut entries = Vec::new();
    let started = Instant::now();
    let mut total_bytes = 0usize;
    for &(tier, n) in &plan {
        for i in 0..n {
            let stem = format!("{}-{:0digits$}", tier.name(), i);
            let frame = make_frame(seed, tier, i, width, height)?;
            let bytes = encode_frame(&frame, format)?;
            total_bytes += bytes.len();
            let file = format!("{stem}.{}", format.ext());
            let text_file = format!("{stem}.txt");
            write(&out.join(&file), &bytes)?;
            write(&out.join(&text_file), frame.payload.text.as_bytes())?;
            entries.push(manifest_entry(&frame, &file, &text_file, format));
        }
    }
    let manifest = obj(vec![
        (
            "generator",
            Json::Str(format!("framegen {}", env!("CARGO_PKG_VERSION"))),
        ),
        (
            "note",
            Json::Str("All people, numbers and addresses are synthetic.".into()),
        ),
        ("seed", Json::Str(seed.to_string())),
        ("tier", Json::Str(tier_arg.to_string())),
        ("width", Json::Int(width as i64)),
        ("height", Json::Int(height as i64)),
        ("format", Json::Str(format.ext().into())),
        ("count", Json::Int(entries.len() as i64)),
        ("frames", Json::Arr(entries)),
    ]);
    write(&out.join("manifest.json"), manifest.to_pretty().as_bytes())?;
    let n = plan.iter().map(|&(_, n)| n).sum::<u64>();
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "wrote {} frames to {} in {:.1} s ({:.0} ms/frame, {:.0} KiB/frame)",
        n,
        out.display(),
        secs,
        secs * 1000.0 / n.max(1) as f64,
        total_bytes as f64 / 1024.0 / n.max(1) as f64
    );
    Ok(())
}

fn cmd_y4m(a: &Args) -> Result<(), Error> {
    a.check(&[
        "seed", "out", "width", "height", "frames", "fps", "tier", "text", "approach",
    ])?;
    let seed: u64 = a.num("seed", None)?;
    let out = PathBuf::from(a.req("out")?);
    let width: usize = a.num("width", Some(640))?;
    let height: usize = a.num("height", Some(480))?;
    let frames: usize = a.num("frames", Some(20))?;
    let fps: u32 = a.num("fps", Some(10))?;
    let tier_arg = a.get("tier").unwrap_or("easy");
    let tier = Tier::parse(tier_arg).ok_or_else(|| {
        Error(format!(
            "--tier must be easy, medium or hard, not {tier_arg:?}"
        ))
    })?;
    let approach: Option<f64> = match a.get("approach") {
        Some(_) => Some(a.num("approach", None)?),
        None => None,
    };
    let (bytes, payload, info) = make_y4m_clip(
        seed,
        tier,
        width,
        height,
        frames,
        fps,
        a.get("text"),
        approach,
    )?;
    write(&out, &bytes)?;
    let txt = out.with_extension("txt");
    write(&txt, payload.text.as_bytes())?;
    eprintln!(
        "wrote {} ({} frames, {:.2} px/module) and {}",
        out.display(),
        frames,
        info.module_px,
        txt.display()
    );
    Ok(())
}

fn cmd_payloads(a: &Args) -> Result<(), Error> {
    a.check(&["seed", "count"])?;
    let seed: u64 = a.num("seed", None)?;
    let count: u64 = a.num("count", None)?;
    let mut s = String::new();
    for i in 0..count {
        s.push_str(&list_payload(seed, i).text);
        s.push('\n');
    }
    use std::io::Write;
    std::io::stdout().write_all(s.as_bytes())?;
    Ok(())
}

/// N short sequences per tier: DIR/<tier>-<index>-<motion>/<k>.jpg (+ expected.txt), the
/// motions cycling through shake, approach, blur, glare and light; DIR/manifest.json.
fn cmd_sequences(a: &Args) -> Result<(), Error> {
    a.check(&["seed", "count", "out", "tier", "len", "width", "height"])?;
    let seed: u64 = a.num("seed", None)?;
    let count: u64 = a.num("count", None)?;
    let len: usize = a.num("len", Some(6))?;
    let out = PathBuf::from(a.req("out")?);
    let width: usize = a.num("width", Some(1280))?;
    let height: usize = a.num("height", Some(720))?;
    let tier_arg = a.get("tier").unwrap_or("mixed");
    let tiers: Vec<Tier> = if tier_arg == "mixed" {
        Tier::ALL.to_vec()
    } else {
        vec![Tier::parse(tier_arg).ok_or_else(|| {
            Error(format!(
                "--tier must be easy, medium, hard or mixed, not {tier_arg:?}"
            ))
        })?]
    };
    let mut entries = Vec::new();
    for &tier in &tiers {
        for i in 0..count {
            let motion = Motion::ALL[(i % Motion::ALL.len() as u64) as usize];
            let name = format!("{}-{:03}-{}", tier.name(), i, motion.name());
            let dir = out.join(&name);
            std::fs::create_dir_all(&dir).map_err(|e| Error(format!("{}: {e}", dir.display())))?;
            let frames = make_sequence(seed, tier, i, motion, len, width, height)?;
            let mut files = Vec::new();
            for (k, frame) in frames.iter().enumerate() {
                let file = format!("{k:02}.jpg");
                write(&dir.join(&file), &encode_frame(frame, Format::Jpg)?)?;
                files.push(Json::Str(file));
            }
            let first = frames
                .first()
                .ok_or_else(|| Error("--len must be at least 1".into()))?;
            write(&dir.join("expected.txt"), first.payload.text.as_bytes())?;
            entries.push(obj(vec![
                ("dir", Json::Str(name)),
                ("tier", Json::Str(tier.name().into())),
                ("motion", Json::Str(motion.name().into())),
                ("expected", Json::Str(first.payload.text.clone())),
                ("module_px", Json::Num(first.info.module_px, 3)),
                ("blur_sigma", Json::Num(first.info.blur_sigma, 3)),
                ("frames", Json::Arr(files)),
            ]));
        }
    }
    let manifest = obj(vec![
        (
            "generator",
            Json::Str(format!("framegen {}", env!("CARGO_PKG_VERSION"))),
        ),
        (
            "note",
            Json::Str("All people, numbers and addresses are synthetic.".into()),
        ),
        ("seed", Json::Str(seed.to_string())),
        ("len", Json::Int(len as i64)),
        ("sequences", Json::Arr(entries)),
    ]);
    write(&out.join("manifest.json"), manifest.to_pretty().as_bytes())?;
    Ok(())
}

fn main() -> ExitCode {
    let result = Args::parse().and_then(|a| match a.cmd.as_str() {
        "frames" => cmd_frames(&a),
        "y4m" => cmd_y4m(&a),
        "sequences" => cmd_sequences(&a),
        "payloads" => cmd_payloads(&a),
        "help" => {
            print!("{USAGE}");
            Ok(())
        }
        other => Err(Error(format!("unknown command {other:?}"))),
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("framegen: {e}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}
