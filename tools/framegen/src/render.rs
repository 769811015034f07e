//! Scene sampling and rendering: the card placed by a homography over a
//! background, inverse-mapped with supersampled bilinear lookups, then
//! lighting, glare, Gaussian blur and sensor noise.

use crate::card::{
    self, build_card, inside_card, tri, value_noise, Card, Layout, Rgb, CARD_H, CARD_W,
};
use crate::dmath;
use crate::geom::{camera_homography, Mat3};
use crate::qr::QrMatrix;
use crate::rng::Rng;
use crate::tier::{Tier, TierSpec};

/// Subsamples per pixel side for the card (3x3 = 9 bilinear lookups).
const SUPERSAMPLE: usize = 3;

/// Frame background kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BgStyle {
    /// Wood grain.
    Wood,
    /// Plain mottled surface.
    Plain,
    /// Woven fabric.
    Fabric,
}

impl BgStyle {
    /// Manifest name.
    pub fn name(self) -> &'static str {
        match self {
            BgStyle::Wood => "wood",
            BgStyle::Plain => "plain",
            BgStyle::Fabric => "fabric",
        }
    }
}

/// `(a + (b - a) * m) * gain` per channel.
#[inline]
fn mix(a: Rgb, b: Rgb, m: f32, gain: f32) -> Rgb {
    std::array::from_fn(|k| (a[k] + (b[k] - a[k]) * m) * gain)
}

/// Background surface.
#[derive(Clone, Debug)]
pub struct Background {
    /// Kind.
    pub style: BgStyle,
    c1: Rgb,
    c2: Rgb,
    dir_cos: f64,
    dir_sin: f64,
    period: f64,
    seed: u64,
}

impl Background {
    fn sample(rng: &mut Rng) -> Background {
        let style = *rng.pick(&[
            BgStyle::Wood,
            BgStyle::Plain,
            BgStyle::Plain,
            BgStyle::Fabric,
        ]);
        let j = |rng: &mut Rng, c: Rgb| -> Rgb {
            let k = rng.range(0.85, 1.15) as f32;
            c.map(|v| (v * k).min(1.0))
        };
        let (c1, c2) = match style {
            BgStyle::Wood => (j(rng, [0.56, 0.39, 0.25]), j(rng, [0.36, 0.23, 0.13])),
            BgStyle::Plain => {
                let c = *rng.pick(&[
                    [0.18, 0.18, 0.20],
                    [0.07, 0.07, 0.08],
                    [0.32, 0.36, 0.42],
                    [0.66, 0.62, 0.55],
                    [0.80, 0.80, 0.78],
                    [0.25, 0.30, 0.25],
                ]);
                let c = j(rng, c);
                (c, c)
            }
            BgStyle::Fabric => {
                let c = *rng.pick(&[[0.20, 0.25, 0.40], [0.45, 0.16, 0.15], [0.30, 0.30, 0.30]]);
                let c = j(rng, c);
                (c, c.map(|v| v * 0.8))
            }
        };
        let (s, c) = dmath::sin_cos(rng.range(0.0, std::f64::consts::PI));
        Background {
            style,
            c1,
            c2,
            dir_cos: c,
            dir_sin: s,
            period: rng.range(18.0, 45.0),
            seed: rng.next_u64(),
        }
    }

    #[inline]
    fn color(&self, x: f64, y: f64) -> Rgb {
        let grain = card::hash01(x as i64, y as i64, self.seed ^ 7) - 0.5;
        match self.style {
            BgStyle::Wood => {
                let a = x * self.dir_cos + y * self.dir_sin;
                let b = -x * self.dir_sin + y * self.dir_cos;
                let t =
                    a / self.period + 1.3 * f64::from(value_noise(a / 70.0, b / 400.0, self.seed));
                let fine = value_noise(a / 2.5, b / 60.0, self.seed ^ 3) - 0.5;
                let m = (0.5 + 0.5 * tri(t)) as f32;
                let m = m * m;
                mix(self.c1, self.c2, m, 1.0 + 0.12 * fine + 0.03 * grain)
            }
            BgStyle::Plain => {
                let big = value_noise(x / 220.0, y / 220.0, self.seed) - 0.5;
                let mid = value_noise(x / 25.0, y / 25.0, self.seed ^ 5) - 0.5;
                let k = 1.0 + 0.16 * big + 0.06 * mid + 0.03 * grain;
                self.c1.map(|v| v * k)
            }
            BgStyle::Fabric => {
                let a = x * self.dir_cos + y * self.dir_sin;
                let b = -x * self.dir_sin + y * self.dir_cos;
                let weave = (tri(a / 3.3) * tri(b / 3.3)) as f32;
                let big = value_noise(x / 180.0, y / 180.0, self.seed) - 0.5;
                let m = 0.5 + 0.5 * weave;
                mix(self.c1, self.c2, m, 1.0 + 0.15 * big + 0.04 * grain)
            }
        }
    }
}

/// A thumb holding the card: a capsule coming from outside the card, in
/// card millimetre coordinates.
#[derive(Clone, Debug)]
pub struct Thumb {
    tip_x: f64,
    tip_y: f64,
    dir_x: f64,
    dir_y: f64,
    len: f64,
    radius: f64,
    skin: Rgb,
}

impl Thumb {
    #[inline]
    fn color(&self, u: f64, v: f64) -> Option<Rgb> {
        let (du, dv) = (u - self.tip_x, v - self.tip_y);
        let along = du * self.dir_x + dv * self.dir_y;
        let across = -du * self.dir_y + dv * self.dir_x;
        if along < -self.len {
            return None;
        }
        let d2 = if along > 0.0 {
            along * along + across * across
        } else {
            across * across
        };
        let r2 = self.radius * self.radius;
        if d2 > r2 {
            return None;
        }
        let q = d2 / r2;
        let shade = (0.7 + 0.3 * (1.0 - q)) as f32;
        // Nail near the tip.
        let (np, nq) = (
            (along + 0.5 * self.radius) / (0.55 * self.radius),
            across / (0.62 * self.radius),
        );
        if np * np + nq * nq <= 1.0 {
            let nail = [0.90, 0.76, 0.72];
            let mut c = [0.0f32; 3];
            for k in 0..3 {
                c[k] = (0.45 * self.skin[k] + 0.55 * nail[k]) * (0.8 + 0.2 * shade);
            }
            return Some(c);
        }
        Some(self.skin.map(|c| c * shade))
    }

    fn bbox_mm(&self) -> [(f64, f64); 4] {
        let (bx, by) = (
            self.tip_x - self.dir_x * self.len,
            self.tip_y - self.dir_y * self.len,
        );
        let r = self.radius;
        let b = bbox(&[(self.tip_x, self.tip_y), (bx, by)]);
        [
            (b.0 - r, b.1 - r),
            (b.2 + r, b.1 - r),
            (b.2 + r, b.3 + r),
            (b.0 - r, b.3 + r),
        ]
    }
}

/// Illumination: exposure, linear gradient, vignette and colour tint.
#[derive(Clone, Copy, Debug)]
pub struct Light {
    /// Overall gain.
    pub exposure: f64,
    /// Horizontal gradient (relative change from centre to edge).
    pub grad_x: f64,
    /// Vertical gradient.
    pub grad_y: f64,
    /// Vignette strength at the corners.
    pub vignette: f64,
    /// Warm (+) / cool (-) white-balance tint.
    pub tint: f64,
}

/// A soft specular glare blob (frame pixels, additive, on the card only).
#[derive(Clone, Copy, Debug)]
pub struct Glare {
    /// Centre x.
    pub x: f64,
    /// Centre y.
    pub y: f64,
    /// Gaussian radius (sigma) in px.
    pub radius: f64,
    /// Peak added intensity (0..1 of full scale).
    pub amp: f64,
}

/// Contact shadow of the card on the surface.
#[derive(Clone, Copy, Debug)]
pub struct Shadow {
    /// Offset x in px.
    pub dx: i64,
    /// Offset y in px.
    pub dy: i64,
    /// Box radius in px (applied twice).
    pub radius: usize,
    /// Darkening at full shadow.
    pub strength: f64,
}

/// Everything needed to render one frame.
pub struct Scene {
    /// Frame width.
    pub width: usize,
    /// Frame height.
    pub height: usize,
    /// The card texture.
    pub card: Card,
    /// Card mm -> frame px.
    pub h: Mat3,
    /// Surface under the card.
    pub bg: Background,
    /// Optional thumb.
    pub thumb: Option<Thumb>,
    /// Lighting.
    pub light: Light,
    /// Optional glare.
    pub glare: Option<Glare>,
    /// Shadow.
    pub shadow: Shadow,
    /// Gaussian blur sigma (px).
    pub blur_sigma: f64,
    /// Noise sigma (8-bit levels).
    pub noise_sigma: f64,
}

/// Pose and measurements recorded in the manifest.
#[derive(Clone, Debug)]
pub struct FrameInfo {
    /// Tier.
    pub tier: Tier,
    /// Requested module size.
    pub target_module_px: f64,
    /// Module px at the QR centre (sqrt of the local area scale).
    pub module_px: f64,
    /// Smallest module px over the QR corners and centre.
    pub module_px_min: f64,
    /// Largest module px over the QR corners and centre.
    pub module_px_max: f64,
    /// In-plane rotation, degrees (clockwise on screen).
    pub angle_deg: f64,
    /// Tilt about the card's horizontal axis, degrees.
    pub tilt_x_deg: f64,
    /// Tilt about the card's vertical axis, degrees.
    pub tilt_y_deg: f64,
    /// Card layout.
    pub layout: Layout,
    /// QR version.
    pub qr_version: i16,
    /// QR modules per side.
    pub qr_modules: usize,
    /// Printed module size, mm.
    pub module_mm: f64,
    /// QR symbol corners (TL, TR, BR, BL of the symbol as printed, i.e.
    /// rotated with the card) in frame px, pixel-edge origin.
    pub qr_corners: [(f64, f64); 4],
    /// Card corners (of the unrounded rectangle) in frame px.
    pub card_corners: [(f64, f64); 4],
    /// Whether the whole card is inside the frame.
    pub card_fully_visible: bool,
    /// Fraction of the frame covered by the card (approximate).
    pub card_area_frac: f64,
    /// Background style.
    pub background: BgStyle,
    /// Whether a thumb overlaps the card.
    pub thumb: bool,
    /// Glare.
    pub glare: Option<Glare>,
    /// Peak glare intensity on the QR (over its corners and centre).
    pub glare_on_qr: f64,
    /// Lighting.
    pub light: Light,
    /// Blur sigma.
    pub blur_sigma: f64,
    /// Noise sigma.
    pub noise_sigma: f64,
    /// JPEG quality (used only when writing JPEG).
    pub jpeg_quality: u8,
}

fn bbox(pts: &[(f64, f64)]) -> (f64, f64, f64, f64) {
    let mut b = (
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    );
    for &(x, y) in pts {
        b.0 = b.0.min(x);
        b.1 = b.1.min(y);
        b.2 = b.2.max(x);
        b.3 = b.3.max(y);
    }
    b
}

fn project4(h: &Mat3, pts: &[(f64, f64); 4]) -> [(f64, f64); 4] {
    pts.map(|(u, v)| h.apply(u, v))
}

fn card_rect() -> [(f64, f64); 4] {
    [(0.0, 0.0), (CARD_W, 0.0), (CARD_W, CARD_H), (0.0, CARD_H)]
}

/// Picks a translation along one axis: inside `inner` (whole card visible)
/// when possible; otherwise inside `outer` (QR visible), near `centred` (the
/// offset that centres the card, as a person aiming at the card would).
fn pick_offset(rng: &mut Rng, inner: (f64, f64), outer: (f64, f64), centred: f64) -> f64 {
    let lo = inner.0.max(outer.0);
    let hi = inner.1.min(outer.1);
    if lo <= hi {
        rng.range(lo, hi)
    } else if outer.0 <= outer.1 {
        let span = outer.1 - outer.0;
        let c = centred.clamp(outer.0, outer.1);
        (c + rng.range(-0.3, 0.3) * span).clamp(outer.0, outer.1)
    } else {
        (outer.0 + outer.1) / 2.0
    }
}

/// Samples a complete scene for a payload's QR in the given tier.
/// `allow_flip` enables the occasional upside-down (about 180°) card.
pub fn sample_scene(
    rng: &mut Rng,
    tier: Tier,
    qr: &QrMatrix,
    eleven_fields: bool,
    width: usize,
    height: usize,
    allow_flip: bool,
) -> (Scene, FrameInfo) {
    let spec: TierSpec = tier.spec();
    let target = rng.range(spec.module_px.0, spec.module_px.1);
    let layout = if eleven_fields {
        Layout::Back2024
    } else {
        Layout::Front2021
    };
    let k = ((2.0 * target).ceil() as usize).max(3);
    let card = build_card(rng, qr, layout, k);

    // Pose.
    let mut angle = rng.range(-25.0, 25.0);
    if rng.chance(0.1) && allow_flip {
        angle += 180.0;
        if angle > 180.0 {
            angle -= 360.0;
        }
    }
    let tilt_x = rng.range(-spec.tilt_max, spec.tilt_max);
    let tilt_y = rng.range(-spec.tilt_max, spec.tilt_max);
    let dist = rng.range(180.0, 400.0);
    let focal = width as f64 * rng.range(0.75, 1.2);
    let h0 = camera_homography(CARD_W, CARD_H, angle, tilt_x, tilt_y, dist, focal);
    let (qcx, qcy) = card.qr_center();
    let s = target / (h0.local_scale(qcx, qcy) * card.module_mm);
    let mut h1 = Mat3::scale(s).mul(&h0);

    // Keep the QR with its quiet zone inside the frame (shrink if it cannot fit).
    let margin = 6.0;
    let qz = bbox(&project4(&h1, &card.qr_corners(4.0)));
    let fit = ((width as f64 - 2.0 * margin) / (qz.2 - qz.0))
        .min((height as f64 - 2.0 * margin) / (qz.3 - qz.1));
    if fit < 1.0 {
        h1 = Mat3::scale(fit * 0.98).mul(&h1);
    }
    let qz = bbox(&project4(&h1, &card.qr_corners(4.0)));
    let cb = bbox(&project4(&h1, &card_rect()));
    let (w, hgt) = (width as f64, height as f64);
    let cm = 4.0;
    let dx = pick_offset(
        rng,
        (cm - cb.0, w - cm - cb.2),
        (margin - qz.0, w - margin - qz.2),
        (w - cb.0 - cb.2) / 2.0,
    );
    let dy = pick_offset(
        rng,
        (cm - cb.1, hgt - cm - cb.3),
        (margin - qz.1, hgt - margin - qz.3),
        (hgt - cb.1 - cb.3) / 2.0,
    );
    let h = Mat3::translate(dx, dy).mul(&h1);

    // Thumb on an edge away from the QR.
    let thumb = if rng.chance(0.35) {
        let (ex, ey, ix, iy) = match (layout, rng.chance(0.6)) {
            (Layout::Front2021, true) => (rng.range(10.0, 60.0), CARD_H, 0.0, -1.0),
            (Layout::Front2021, false) => (0.0, rng.range(22.0, 46.0), 1.0, 0.0),
            (Layout::Back2024, true) => (rng.range(25.0, 75.0), CARD_H, 0.0, -1.0),
            (Layout::Back2024, false) => (CARD_W, rng.range(22.0, 46.0), -1.0, 0.0),
        };
        let (s, c) = dmath::sin_cos(dmath::rad(rng.range(-25.0, 25.0)));
        let (dx, dy) = (ix * c - iy * s, ix * s + iy * c);
        let radius = rng.range(7.5, 9.5);
        let depth = rng.range(6.0, 14.0);
        let skin = *rng.pick(&[[0.85, 0.66, 0.53], [0.78, 0.58, 0.45], [0.66, 0.47, 0.35]]);
        let t = Thumb {
            tip_x: ex + dx * depth,
            tip_y: ey + dy * depth,
            dir_x: dx,
            dir_y: dy,
            len: 70.0,
            radius,
            skin,
        };
        // Keep the QR and one module of margin beyond its quiet zone clear.
        let qb = bbox(&card.qr_corners(5.0));
        let mut overlap = false;
        let steps = 24;
        for iy in 0..=steps {
            for ix in 0..=steps {
                let u = qb.0 + (qb.2 - qb.0) * ix as f64 / steps as f64;
                let v = qb.1 + (qb.3 - qb.1) * iy as f64 / steps as f64;
                overlap |= t.color(u, v).is_some();
            }
        }
        (!overlap).then_some(t)
    } else {
        None
    };

    let bg = Background::sample(rng);
    let light = Light {
        exposure: rng.range(0.85, 1.08),
        grad_x: rng.range(-0.18, 0.18),
        grad_y: rng.range(-0.18, 0.18),
        vignette: rng.range(0.0, 0.3),
        tint: rng.range(-1.0, 1.0),
    };
    let px_per_mm = h.local_scale(CARD_W / 2.0, CARD_H / 2.0);
    let glare = rng.chance(spec.glare_p).then(|| {
        let (gx, gy) = h.apply(rng.range(0.0, CARD_W), rng.range(0.0, CARD_H));
        Glare {
            x: gx,
            y: gy,
            radius: rng.range(5.0, 16.0) * px_per_mm,
            amp: rng.range(0.15, 0.5),
        }
    });
    let shadow = Shadow {
        dx: (rng.range(-1.0, 1.0) * px_per_mm).round() as i64,
        dy: (rng.range(0.5, 2.0) * px_per_mm).round() as i64,
        radius: ((rng.range(0.8, 2.0) * px_per_mm).round() as usize).max(1),
        strength: rng.range(0.2, 0.45),
    };
    let blur_sigma = rng.range(spec.blur.0, spec.blur.1);
    let noise_sigma = rng.range(spec.noise.0, spec.noise.1);
    let jpeg_quality = rng.int(spec.jpeg.0, spec.jpeg.1) as u8;

    // Measurements.
    let qr_pts = card.qr_corners(0.0);
    let mut scales: Vec<f64> = qr_pts.iter().map(|&(u, v)| h.local_scale(u, v)).collect();
    scales.push(h.local_scale(qcx, qcy));
    let module_px = h.local_scale(qcx, qcy) * card.module_mm;
    let module_px_min = scales.iter().copied().fold(f64::INFINITY, f64::min) * card.module_mm;
    let module_px_max = scales.iter().copied().fold(0.0, f64::max) * card.module_mm;
    let card_corners = project4(&h, &card_rect());
    let cbf = bbox(&card_corners);
    let card_fully_visible = cbf.0 >= 0.0 && cbf.1 >= 0.0 && cbf.2 <= w && cbf.3 <= hgt;
    let glare_on_qr = glare.map_or(0.0, |g| {
        let mut pts = project4(&h, &qr_pts).to_vec();
        pts.push(h.apply(qcx, qcy));
        pts.iter()
            .map(|&(x, y)| {
                let d2 = (x - g.x) * (x - g.x) + (y - g.y) * (y - g.y);
                g.amp * dmath::exp(-d2 / (2.0 * g.radius * g.radius))
            })
            .fold(0.0, f64::max)
    });
    let info = FrameInfo {
        tier,
        target_module_px: target,
        module_px,
        module_px_min,
        module_px_max,
        angle_deg: angle,
        tilt_x_deg: tilt_x,
        tilt_y_deg: tilt_y,
        layout,
        qr_version: qr.version,
        qr_modules: qr.size,
        module_mm: card.module_mm,
        qr_corners: project4(&h, &qr_pts),
        card_corners,
        card_fully_visible,
        card_area_frac: 0.0,
        background: bg.style,
        thumb: thumb.is_some(),
        glare,
        glare_on_qr,
        light,
        blur_sigma,
        noise_sigma,
        jpeg_quality,
    };
    let scene = Scene {
        width,
        height,
        card,
        h,
        bg,
        thumb,
        light,
        glare,
        shadow,
        blur_sigma,
        noise_sigma,
    };
    (scene, info)
}

fn box_blur(buf: &mut [f32], w: usize, h: usize, r: usize) {
    let mut tmp = vec![0.0f32; w.max(h)];
    let norm = 1.0 / (2 * r + 1) as f32;
    let clampi = |i: i64, n: usize| i.clamp(0, n as i64 - 1) as usize;
    for y in 0..h {
        let row = &mut buf[y * w..(y + 1) * w];
        let mut acc: f32 = 0.0;
        for i in -(r as i64)..=(r as i64) {
            acc += row[clampi(i, w)];
        }
        for x in 0..w {
            tmp[x] = acc * norm;
            acc += row[clampi(x as i64 + r as i64 + 1, w)] - row[clampi(x as i64 - r as i64, w)];
        }
        row.copy_from_slice(&tmp[..w]);
    }
    for x in 0..w {
        let mut acc: f32 = 0.0;
        for i in -(r as i64)..=(r as i64) {
            acc += buf[clampi(i, h) * w + x];
        }
        for y in 0..h {
            tmp[y] = acc * norm;
            acc += buf[clampi(y as i64 + r as i64 + 1, h) * w + x]
                - buf[clampi(y as i64 - r as i64, h) * w + x];
        }
        for y in 0..h {
            buf[y * w + x] = tmp[y];
        }
    }
}

/// Separable Gaussian blur of an RGB float image (edges clamped).
pub fn gaussian_blur(img: &mut [Rgb], w: usize, h: usize, sigma: f64) {
    if sigma <= 0.05 {
        return;
    }
    let r = (3.0 * sigma).ceil() as usize;
    let mut k: Vec<f32> = (0..=2 * r)
        .map(|i| {
            let d = i as f64 - r as f64;
            dmath::exp(-d * d / (2.0 * sigma * sigma)) as f32
        })
        .collect();
    let sum: f32 = k.iter().sum();
    for v in &mut k {
        *v /= sum;
    }
    let mut tmp = vec![[0.0f32; 3]; w.max(h)];
    let ri = r as i64;
    for y in 0..h {
        let row = &mut img[y * w..(y + 1) * w];
        for (x, t) in tmp.iter_mut().enumerate().take(w) {
            let mut acc = [0.0f32; 3];
            for (j, &kw) in k.iter().enumerate() {
                let sx = (x as i64 + j as i64 - ri).clamp(0, w as i64 - 1) as usize;
                let p = row[sx];
                acc[0] += p[0] * kw;
                acc[1] += p[1] * kw;
                acc[2] += p[2] * kw;
            }
            *t = acc;
        }
        row.copy_from_slice(&tmp[..w]);
    }
    for x in 0..w {
        for (y, t) in tmp.iter_mut().enumerate().take(h) {
            let mut acc = [0.0f32; 3];
            for (j, &kw) in k.iter().enumerate() {
                let sy = (y as i64 + j as i64 - ri).clamp(0, h as i64 - 1) as usize;
                let p = img[sy * w + x];
                acc[0] += p[0] * kw;
                acc[1] += p[1] * kw;
                acc[2] += p[2] * kw;
            }
            *t = acc;
        }
        for y in 0..h {
            img[y * w + x] = tmp[y];
        }
    }
}

impl Scene {
    #[inline]
    fn foreground(&self, u: f64, v: f64) -> Option<Rgb> {
        if let Some(t) = &self.thumb {
            if let Some(c) = t.color(u, v) {
                return Some(c);
            }
        }
        if inside_card(u, v) {
            Some(self.card.sample(u, v))
        } else {
            None
        }
    }

    /// Renders to interleaved 8-bit RGB, drawing sensor noise from `noise`.
    /// Also returns the fraction of the frame covered by the card.
    pub fn render(&self, noise: &mut Rng) -> (Vec<u8>, f64) {
        let (w, h) = (self.width, self.height);
        let n = w * h;
        let mut bg = vec![[0.0f32; 3]; n];
        for y in 0..h {
            for x in 0..w {
                bg[y * w + x] = self.bg.color(x as f64, y as f64);
            }
        }

        // Foreground: supersampled inverse mapping.
        let mut fg = vec![[0.0f32; 3]; n];
        let mut cov = vec![0.0f32; n];
        let mut pts = project4(&self.h, &card_rect()).to_vec();
        if let Some(t) = &self.thumb {
            pts.extend(project4(&self.h, &t.bbox_mm()));
        }
        let b = bbox(&pts);
        let x0 = (b.0.floor() - 1.0).clamp(0.0, w as f64) as usize;
        let y0 = (b.1.floor() - 1.0).clamp(0.0, h as f64) as usize;
        let x1 = (b.2.ceil() + 1.0).clamp(0.0, w as f64) as usize;
        let y1 = (b.3.ceil() + 1.0).clamp(0.0, h as f64) as usize;
        let hi = self.h.inverse();
        let ss = SUPERSAMPLE;
        let inv_n = 1.0 / (ss * ss) as f32;
        let offs: Vec<f64> = (0..ss).map(|i| (i as f64 + 0.5) / ss as f64).collect();
        let mut covered_total = 0.0f64;
        for y in y0..y1 {
            for x in x0..x1 {
                let mut acc = [0.0f32; 3];
                let mut hits = 0u32;
                for &oy in &offs {
                    for &ox in &offs {
                        let (u, v) = hi.apply(x as f64 + ox, y as f64 + oy);
                        if let Some(c) = self.foreground(u, v) {
                            acc[0] += c[0];
                            acc[1] += c[1];
                            acc[2] += c[2];
                            hits += 1;
                        }
                    }
                }
                if hits > 0 {
                    let i = y * w + x;
                    fg[i] = acc.map(|a| a * inv_n);
                    cov[i] = hits as f32 * inv_n;
                    covered_total += f64::from(cov[i]);
                }
            }
        }

        // Contact shadow: shifted, blurred coverage.
        let sh = &self.shadow;
        let mut shadow = vec![0.0f32; n];
        for y in 0..h {
            let sy = y as i64 - sh.dy;
            if sy < 0 || sy >= h as i64 {
                continue;
            }
            for x in 0..w {
                let sx = x as i64 - sh.dx;
                if sx >= 0 && sx < w as i64 {
                    shadow[y * w + x] = cov[sy as usize * w + sx as usize];
                }
            }
        }
        box_blur(&mut shadow, w, h, sh.radius);
        box_blur(&mut shadow, w, h, sh.radius);

        // Composite, light, glare.
        let l = &self.light;
        let tint = [1.0 + 0.05 * l.tint, 1.0, 1.0 - 0.05 * l.tint].map(|v| v as f32);
        let mut img = bg;
        for y in 0..h {
            let ny = 2.0 * (y as f64 + 0.5) / h as f64 - 1.0;
            for x in 0..w {
                let nx = 2.0 * (x as f64 + 0.5) / w as f64 - 1.0;
                let i = y * w + x;
                let lum = l.exposure
                    * (1.0 + l.grad_x * nx + l.grad_y * ny)
                    * (1.0 - l.vignette * (nx * nx + ny * ny) / 2.0);
                let c = cov[i];
                let shade = 1.0 - sh.strength as f32 * shadow[i];
                let mut glare = 0.0f32;
                if let Some(g) = &self.glare {
                    let (ddx, ddy) = (x as f64 + 0.5 - g.x, y as f64 + 0.5 - g.y);
                    let d2 = ddx * ddx + ddy * ddy;
                    let r2 = g.radius * g.radius;
                    if d2 < 16.0 * r2 {
                        glare = (g.amp * dmath::exp(-d2 / (2.0 * r2))) as f32 * c;
                    }
                }
                let p = &mut img[i];
                for k in 0..3 {
                    let v = fg[i][k] + (1.0 - c) * p[k] * shade;
                    p[k] = v * lum as f32 * tint[k] + glare;
                }
            }
        }

        gaussian_blur(&mut img, w, h, self.blur_sigma);

        // Sensor noise (mostly luminance, some chroma) and quantisation.
        let s = self.noise_sigma;
        let mut out = Vec::with_capacity(n * 3);
        for p in &img {
            let nl = noise.normal() * s;
            for &v in p {
                let nc = noise.normal() * s * 0.4;
                let q = (f64::from(v) * 255.0 + nl + nc).round().clamp(0.0, 255.0);
                out.push(q as u8);
            }
        }
        (out, covered_total / n as f64)
    }
}
