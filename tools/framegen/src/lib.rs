//! Seeded, deterministic synthetic CCCD camera-frame generator.
//!
//! Everything (payloads, card texture, pose, camera effects, JPEG/PNG bytes)
//! is a pure function of the seed: the PRNGs are implemented here, the maths
//! avoids platform libm calls (see [`dmath`]), and the encoders are pure Rust.
//! All people generated are synthetic.

pub mod card;
pub mod dmath;
pub mod geom;
pub mod json;
pub mod payload;
pub mod qr;
pub mod render;
pub mod rng;
pub mod tier;

use geom::Mat3;
use json::{obj, Json};
use payload::Payload;
use render::{FrameInfo, Scene};
use rng::{derive, Rng};
use tier::Tier;

/// Seed-derivation labels for independent streams.
const STREAM_PAYLOAD: u64 = 1;
const STREAM_SCENE: u64 = 2;
const STREAM_NOISE: u64 = 3;
const LIST_PAYLOADS: u64 = 0x5041_594C; // "PAYL"
const VIDEO: u64 = 0x0059_344D; // "Y4M"
const SEQUENCE: u64 = 0x0053_4551; // "SEQ"
const STREAM_MOTION: u64 = 4;

/// What changes from frame to frame in a sequence ([`make_sequence`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Motion {
    /// Hand shake: a few px of translation and under a degree of rotation per frame.
    Shake,
    /// Slow approach: the card grows from 80 % to 100 % of the tier's module size.
    Approach,
    /// Varying blur (σ up to 1.8× the frame's), with a little shake.
    Blur,
    /// A glare blob crossing the code.
    Glare,
    /// Exposure and lighting gradient changing, with a little shake.
    Light,
}

impl Motion {
    /// Every kind, in order.
    pub const ALL: [Motion; 5] = [
        Motion::Shake,
        Motion::Approach,
        Motion::Blur,
        Motion::Glare,
        Motion::Light,
    ];

    /// Name in file names and the manifest.
    pub fn name(self) -> &'static str {
        match self {
            Motion::Shake => "shake",
            Motion::Approach => "approach",
            Motion::Blur => "blur",
            Motion::Glare => "glare",
            Motion::Light => "light",
        }
    }
}

/// A short sequence of `len` consecutive frames of one card (the scene of sequence `index` of
/// `tier`), changing from frame to frame as `motion` says; sensor noise is drawn afresh for
/// every frame. Depends only on (seed, tier, index, motion, len, width, height).
pub fn make_sequence(
    seed: u64,
    tier: Tier,
    index: u64,
    motion: Motion,
    len: usize,
    width: usize,
    height: usize,
) -> Result<Vec<Frame>, Error> {
    if width < 64 || height < 64 || width > 8192 || height > 8192 {
        return Err(Error("frame size must be within 64..=8192".into()));
    }
    let base = derive(seed, &[SEQUENCE, tier.id(), index]);
    let (payload, mut scene, info) = build_scene(base, tier, width, height, true, None)?;
    let mut rng = Rng::new(derive(base, &[STREAM_MOTION]));
    let h0 = scene.h;
    let (light0, blur0) = (scene.light, scene.blur_sigma);
    let q = &info.qr_corners;
    let qc = (
        (q[0].0 + q[1].0 + q[2].0 + q[3].0) / 4.0,
        (q[0].1 + q[1].1 + q[2].1 + q[3].1) / 4.0,
    );
    let side = ((q[1].0 - q[0].0).powi(2) + (q[1].1 - q[0].1).powi(2)).sqrt();
    let about = |m: Mat3| {
        Mat3::translate(qc.0, qc.1)
            .mul(&m)
            .mul(&Mat3::translate(-qc.0, -qc.1))
    };
    let mut out = Vec::with_capacity(len);
    for k in 0..len {
        let t = if len > 1 {
            k as f64 / (len - 1) as f64
        } else {
            1.0
        };
        let (amp, deg) = match motion {
            Motion::Shake => (3.0, 0.8),
            _ => (1.0, 0.3),
        };
        let shake = Mat3::translate(rng.range(-amp, amp), rng.range(-amp, amp))
            .mul(&about(Mat3::rotate(rng.range(-deg, deg))));
        let mut h = shake.mul(&h0);
        let mut frame_info = info.clone();
        scene.blur_sigma = blur0;
        scene.light = light0;
        match motion {
            Motion::Approach => {
                let s = 0.8 + 0.2 * t;
                h = shake.mul(&about(Mat3::scale(s))).mul(&h0);
                frame_info.module_px = info.module_px * s;
            }
            Motion::Blur => scene.blur_sigma = blur0 * rng.range(1.0, 1.8),
            Motion::Glare => {
                let g = render::Glare {
                    x: qc.0 + (t - 0.5) * 0.8 * side,
                    y: qc.1 + (0.5 - t) * 0.4 * side,
                    radius: 0.2 * side,
                    amp: 0.8,
                };
                scene.glare = Some(g);
                frame_info.glare = Some(g);
            }
            Motion::Light => {
                scene.light.exposure = light0.exposure * rng.range(0.75, 1.2);
                scene.light.grad_x = light0.grad_x + rng.range(-0.25, 0.25);
                scene.light.grad_y = light0.grad_y + rng.range(-0.25, 0.25);
            }
            Motion::Shake => {}
        }
        scene.h = h;
        frame_info.blur_sigma = scene.blur_sigma;
        frame_info.light = scene.light;
        let (rgb, frac) = scene.render(&mut Rng::new(derive(base, &[STREAM_NOISE, k as u64])));
        frame_info.card_area_frac = frac;
        out.push(Frame {
            payload: payload.clone(),
            info: frame_info,
            rgb,
            width,
            height,
        });
    }
    Ok(out)
}

/// Output image format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Baseline JPEG at the frame's quality.
    Jpg,
    /// Lossless PNG (no JPEG artefacts).
    Png,
}

impl Format {
    /// File extension.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Jpg => "jpg",
            Format::Png => "png",
        }
    }
}

/// One generated frame.
pub struct Frame {
    /// The QR payload.
    pub payload: Payload,
    /// Recorded parameters.
    pub info: FrameInfo,
    /// Interleaved RGB, `width * height * 3` bytes.
    pub rgb: Vec<u8>,
    /// Width.
    pub width: usize,
    /// Height.
    pub height: usize,
}

/// Error type of this crate (a message).
#[derive(Debug)]
pub struct Error(pub String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error(e.to_string())
    }
}

fn build_scene(
    base: u64,
    tier: Tier,
    width: usize,
    height: usize,
    allow_flip: bool,
    text: Option<&str>,
) -> Result<(Payload, Scene, FrameInfo), Error> {
    let mut payload = payload::generate(&mut Rng::new(derive(base, &[STREAM_PAYLOAD])));
    // Another QR text on the same card (e.g. one that is not a CCCD payload).
    if let Some(t) = text {
        t.clone_into(&mut payload.text);
    }
    let qr = qr::encode(&payload.text).map_err(|e| Error(format!("QR encoding failed: {e:?}")))?;
    let mut rng = Rng::new(derive(base, &[STREAM_SCENE]));
    let (scene, info) = render::sample_scene(
        &mut rng,
        tier,
        &qr,
        payload.field_count == 11,
        width,
        height,
        allow_flip,
    );
    Ok((payload, scene, info))
}

/// Generates frame `index` of `tier` for `seed`. The result depends only on
/// (seed, tier, index, width, height), not on how many frames are generated.
pub fn make_frame(
    seed: u64,
    tier: Tier,
    index: u64,
    width: usize,
    height: usize,
) -> Result<Frame, Error> {
    if width < 64 || height < 64 || width > 8192 || height > 8192 {
        return Err(Error("frame size must be within 64..=8192".into()));
    }
    let base = derive(seed, &[tier.id(), index]);
    let (payload, scene, mut info) = build_scene(base, tier, width, height, true, None)?;
    let (rgb, frac) = scene.render(&mut Rng::new(derive(base, &[STREAM_NOISE])));
    info.card_area_frac = frac;
    Ok(Frame {
        payload,
        info,
        rgb,
        width,
        height,
    })
}

/// The `index`-th payload of the `payloads` listing for `seed`.
pub fn list_payload(seed: u64, index: u64) -> Payload {
    payload::generate(&mut Rng::new(derive(
        seed,
        &[LIST_PAYLOADS, index, STREAM_PAYLOAD],
    )))
}

/// Encodes RGB as baseline JPEG (4:2:0 below quality 90, as the encoder defaults).
pub fn encode_jpeg(rgb: &[u8], width: usize, height: usize, quality: u8) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    let w = u16::try_from(width).map_err(|_| Error("width too large for JPEG".into()))?;
    let h = u16::try_from(height).map_err(|_| Error("height too large for JPEG".into()))?;
    jpeg_encoder::Encoder::new(&mut out, quality)
        .encode(rgb, w, h, jpeg_encoder::ColorType::Rgb)
        .map_err(|e| Error(format!("JPEG: {e}")))?;
    Ok(out)
}

/// Encodes RGB as an 8-bit PNG.
pub fn encode_png(rgb: &[u8], width: usize, height: usize) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, width as u32, height as u32);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_compression(png::Compression::Fast);
        let mut wr = enc.write_header().map_err(|e| Error(format!("PNG: {e}")))?;
        wr.write_image_data(rgb)
            .map_err(|e| Error(format!("PNG: {e}")))?;
        wr.finish().map_err(|e| Error(format!("PNG: {e}")))?;
    }
    Ok(out)
}

/// Encodes a frame in `format`.
pub fn encode_frame(frame: &Frame, format: Format) -> Result<Vec<u8>, Error> {
    match format {
        Format::Jpg => encode_jpeg(
            &frame.rgb,
            frame.width,
            frame.height,
            frame.info.jpeg_quality,
        ),
        Format::Png => encode_png(&frame.rgb, frame.width, frame.height),
    }
}

fn pt(p: (f64, f64)) -> Json {
    Json::Arr(vec![Json::Num(p.0, 2), Json::Num(p.1, 2)])
}

/// The manifest entry of a frame.
pub fn manifest_entry(frame: &Frame, file: &str, text_file: &str, format: Format) -> Json {
    let i = &frame.info;
    let glare = match &i.glare {
        None => Json::Null,
        Some(g) => obj(vec![
            ("x", Json::Num(g.x, 1)),
            ("y", Json::Num(g.y, 1)),
            ("radius_px", Json::Num(g.radius, 1)),
            ("amplitude", Json::Num(g.amp, 3)),
            ("peak_on_qr", Json::Num(i.glare_on_qr, 3)),
        ]),
    };
    obj(vec![
        ("file", Json::Str(file.to_string())),
        ("text_file", Json::Str(text_file.to_string())),
        ("tier", Json::Str(i.tier.name().to_string())),
        ("expected", Json::Str(frame.payload.text.clone())),
        ("fields", Json::Int(frame.payload.field_count as i64)),
        ("qr_version", Json::Int(i64::from(i.qr_version))),
        ("qr_modules", Json::Int(i.qr_modules as i64)),
        ("ec_level", Json::Str("M".into())),
        ("module_px", Json::Num(i.module_px, 3)),
        ("module_px_min", Json::Num(i.module_px_min, 3)),
        ("module_px_max", Json::Num(i.module_px_max, 3)),
        ("module_mm", Json::Num(i.module_mm, 4)),
        ("blur_sigma", Json::Num(i.blur_sigma, 3)),
        ("noise_sigma", Json::Num(i.noise_sigma, 3)),
        ("angle_deg", Json::Num(i.angle_deg, 2)),
        ("tilt_x_deg", Json::Num(i.tilt_x_deg, 2)),
        ("tilt_y_deg", Json::Num(i.tilt_y_deg, 2)),
        (
            "jpeg_quality",
            match format {
                Format::Jpg => Json::Int(i64::from(i.jpeg_quality)),
                Format::Png => Json::Null,
            },
        ),
        ("glare", glare),
        (
            "light",
            obj(vec![
                ("exposure", Json::Num(i.light.exposure, 3)),
                ("grad_x", Json::Num(i.light.grad_x, 3)),
                ("grad_y", Json::Num(i.light.grad_y, 3)),
                ("vignette", Json::Num(i.light.vignette, 3)),
                ("tint", Json::Num(i.light.tint, 3)),
            ]),
        ),
        ("layout", Json::Str(i.layout.name().to_string())),
        ("background", Json::Str(i.background.name().to_string())),
        ("thumb", Json::Bool(i.thumb)),
        ("card_fully_visible", Json::Bool(i.card_fully_visible)),
        ("card_area_frac", Json::Num(i.card_area_frac, 3)),
        (
            "qr_corners",
            Json::Arr(i.qr_corners.iter().map(|&p| pt(p)).collect()),
        ),
        (
            "card_corners",
            Json::Arr(i.card_corners.iter().map(|&p| pt(p)).collect()),
        ),
    ])
}

/// Converts RGB to planar YUV 4:2:0 (BT.601 full range, JPEG-style chroma
/// siting: each chroma sample is the mean of a 2x2 block). `width` and
/// `height` must be even.
pub fn rgb_to_yuv420(rgb: &[u8], width: usize, height: usize) -> Vec<u8> {
    let (cw, ch) = (width / 2, height / 2);
    let mut y_plane = Vec::with_capacity(width * height);
    let mut u_plane = vec![0.0f32; cw * ch];
    let mut v_plane = vec![0.0f32; cw * ch];
    for y in 0..height {
        for x in 0..width {
            let i = (y * width + x) * 3;
            let (r, g, b) = (
                f32::from(rgb[i]),
                f32::from(rgb[i + 1]),
                f32::from(rgb[i + 2]),
            );
            let luma = 0.299 * r + 0.587 * g + 0.114 * b;
            y_plane.push(luma.round().clamp(0.0, 255.0) as u8);
            let cb = 128.0 - 0.168_736 * r - 0.331_264 * g + 0.5 * b;
            let cr = 128.0 + 0.5 * r - 0.418_688 * g - 0.081_312 * b;
            let ci = (y / 2) * cw + x / 2;
            u_plane[ci] += cb * 0.25;
            v_plane[ci] += cr * 0.25;
        }
    }
    let q = |v: &f32| v.round().clamp(0.0, 255.0) as u8;
    y_plane.extend(u_plane.iter().map(q));
    y_plane.extend(v_plane.iter().map(q));
    y_plane
}

/// A short YUV4MPEG2 clip of one card held in front of a camera, with a
/// little hand jitter between frames. Returns (file bytes, payload, info of
/// frame 0).
pub fn make_y4m(
    seed: u64,
    tier: Tier,
    width: usize,
    height: usize,
    frames: usize,
    fps: u32,
) -> Result<(Vec<u8>, Payload, FrameInfo), Error> {
    make_y4m_with_text(seed, tier, width, height, frames, fps, None)
}

/// [`make_y4m`] with the card's QR code carrying `text` instead of its payload (when given).
pub fn make_y4m_with_text(
    seed: u64,
    tier: Tier,
    width: usize,
    height: usize,
    frames: usize,
    fps: u32,
    text: Option<&str>,
) -> Result<(Vec<u8>, Payload, FrameInfo), Error> {
    make_y4m_clip(seed, tier, width, height, frames, fps, text, None)
}

/// [`make_y4m_with_text`], and with `approach` = `Some(s0)` the card approaching the camera: its
/// scale about the code's centre grows linearly from `s0` (e.g. 0.5: modules half the tier's
/// size) at the first frame to 1 at two thirds of the clip, and stays at 1 for the last third.
/// Without it (and for the frames of a clip without it) the bytes are those of
/// [`make_y4m_with_text`].
#[allow(clippy::too_many_arguments)]
pub fn make_y4m_clip(
    seed: u64,
    tier: Tier,
    width: usize,
    height: usize,
    frames: usize,
    fps: u32,
    text: Option<&str>,
    approach: Option<f64>,
) -> Result<(Vec<u8>, Payload, FrameInfo), Error> {
    if let Some(s0) = approach {
        if !(0.1..=1.0).contains(&s0) {
            return Err(Error("--approach must be within 0.1..=1".into()));
        }
    }
    if !width.is_multiple_of(2) || !height.is_multiple_of(2) {
        return Err(Error("y4m width and height must be even".into()));
    }
    if width < 64 || height < 64 || width > 8192 || height > 8192 {
        return Err(Error("frame size must be within 64..=8192".into()));
    }
    if frames == 0 || fps == 0 {
        return Err(Error("--frames and --fps must be positive".into()));
    }
    let base = derive(seed, &[VIDEO, tier.id()]);
    let (payload, mut scene, info) = build_scene(base, tier, width, height, false, text)?;
    let mut jr = Rng::new(derive(base, &[4]));
    let phases: Vec<f64> = (0..4)
        .map(|_| jr.range(0.0, 2.0 * std::f64::consts::PI))
        .collect();
    let base_h = scene.h;
    let (qcx, qcy) = scene.card.qr_center();
    let (cx, cy) = base_h.apply(qcx, qcy);
    let mut noise = Rng::new(derive(base, &[STREAM_NOISE]));
    let mut out = format!("YUV4MPEG2 W{width} H{height} F{fps}:1 Ip A1:1 C420jpeg\n").into_bytes();
    for f in 0..frames {
        let t = f as f64;
        let tau = 2.0 * std::f64::consts::PI;
        let ang = 0.8 * dmath::sin(tau * t / 13.0 + phases[0]);
        let dx = 3.0 * dmath::sin(tau * t / 17.0 + phases[1]);
        let dy = 2.0 * dmath::sin(tau * t / 11.0 + phases[2]);
        let mut sc = 1.0 + 0.015 * dmath::sin(tau * t / 19.0 + phases[3]);
        if let Some(s0) = approach {
            let end = (frames as f64 * 2.0 / 3.0).max(1.0);
            sc *= s0 + (1.0 - s0) * (t / end).min(1.0);
        }
        let jitter = geom::Mat3::translate(cx + dx, cy + dy)
            .mul(&geom::Mat3::rotate(ang))
            .mul(&geom::Mat3::scale(sc))
            .mul(&geom::Mat3::translate(-cx, -cy));
        scene.h = jitter.mul(&base_h);
        let (rgb, _) = scene.render(&mut noise);
        out.extend_from_slice(b"FRAME\n");
        out.extend_from_slice(&rgb_to_yuv420(&rgb, width, height));
    }
    Ok((out, payload, info))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_bytes() {
        let a = make_frame(7, Tier::Medium, 3, 320, 240).unwrap();
        let b = make_frame(7, Tier::Medium, 3, 320, 240).unwrap();
        assert_eq!(a.payload.text, b.payload.text);
        assert_eq!(a.rgb, b.rgb);
        let ja = encode_frame(&a, Format::Jpg).unwrap();
        let jb = encode_frame(&b, Format::Jpg).unwrap();
        assert_eq!(ja, jb);
        assert_eq!(
            manifest_entry(&a, "x", "y", Format::Jpg).to_pretty(),
            manifest_entry(&b, "x", "y", Format::Jpg).to_pretty()
        );
        let c = make_frame(8, Tier::Medium, 3, 320, 240).unwrap();
        assert_ne!(a.rgb, c.rgb);
    }

    #[test]
    fn sequences_are_deterministic_and_change_from_frame_to_frame() {
        for motion in Motion::ALL {
            let a = make_sequence(5, Tier::Hard, 1, motion, 3, 256, 192).unwrap();
            let b = make_sequence(5, Tier::Hard, 1, motion, 3, 256, 192).unwrap();
            assert_eq!(a.len(), 3);
            for (x, y) in a.iter().zip(&b) {
                assert_eq!(x.rgb, y.rgb, "{motion:?}");
            }
            // One card: the same payload in every frame, different pixels (noise, motion).
            assert!(a.iter().all(|f| f.payload.text == a[0].payload.text));
            assert_ne!(a[0].rgb, a[1].rgb, "{motion:?}");
        }
        // The approach grows the code by a quarter (80 % → 100 %).
        let s = make_sequence(5, Tier::Hard, 1, Motion::Approach, 3, 256, 192).unwrap();
        let ratio = s[2].info.module_px / s[0].info.module_px;
        assert!((ratio - 1.25).abs() < 1e-9, "{ratio}");
    }

    #[test]
    fn module_size_hits_tier_range() {
        for tier in Tier::ALL {
            let spec = tier.spec();
            for i in 0..4 {
                let f = make_frame(11, tier, i, 640, 480).unwrap();
                let m = f.info.module_px;
                assert!(
                    m >= spec.module_px.0 - 1e-9 && m <= spec.module_px.1 + 1e-9,
                    "{m}"
                );
                for &(x, y) in &f.info.qr_corners {
                    assert!(x > 0.0 && y > 0.0 && x < 640.0 && y < 480.0);
                }
            }
        }
    }

    #[test]
    fn an_approaching_clip_starts_small_and_ends_as_the_plain_clip() {
        let (plain, _, _) = make_y4m(3, Tier::Easy, 128, 96, 6, 10).unwrap();
        let (near, _, _) = make_y4m_clip(3, Tier::Easy, 128, 96, 6, 10, None, Some(0.5)).unwrap();
        let frame = 6 + 128 * 96 * 3 / 2;
        let header = plain.len() - 6 * frame;
        let at = |b: &[u8], k: usize| b[header + k * frame..header + (k + 1) * frame].to_vec();
        // Frames 4 and 5 are at full scale: the plain clip's frames.
        assert_eq!(at(&plain, 4), at(&near, 4));
        assert_eq!(at(&plain, 5), at(&near, 5));
        assert_ne!(at(&plain, 0), at(&near, 0));
        assert!(make_y4m_clip(3, Tier::Easy, 128, 96, 6, 10, None, Some(0.0)).is_err());
    }

    #[test]
    fn y4m_layout() {
        let (bytes, payload, _) = make_y4m(3, Tier::Easy, 128, 96, 2, 10).unwrap();
        let header = b"YUV4MPEG2 W128 H96 F10:1 Ip A1:1 C420jpeg\n";
        assert!(bytes.starts_with(header));
        let frame = 6 + 128 * 96 * 3 / 2;
        assert_eq!(bytes.len(), header.len() + 2 * frame);
        assert!(!payload.text.is_empty());
    }
}
