//! The ID-1 card as a texture: light guilloché background, glyph-like text,
//! a photo-like rectangle, an emblem or a chip, MRZ-like lines, and the QR
//! with its 4-module quiet zone in a top corner. Layouts are loosely inspired
//! by the 2021 chip CCCD (front) and the 2024 Căn cước (back); they are not
//! faithful reproductions.

use crate::qr::QrMatrix;
use crate::rng::Rng;

/// ID-1 width in mm.
pub const CARD_W: f64 = 85.6;
/// ID-1 height in mm.
pub const CARD_H: f64 = 54.0;
/// ID-1 corner radius in mm.
pub const CARD_R: f64 = 3.18;

/// Which card side the layout imitates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// 2021 chip CCCD front: emblem, photo, QR top right.
    Front2021,
    /// 2024 Căn cước back: QR top left, chip, MRZ.
    Back2024,
}

impl Layout {
    /// Name used in the manifest.
    pub fn name(self) -> &'static str {
        match self {
            Layout::Front2021 => "front2021",
            Layout::Back2024 => "back2024",
        }
    }
}

/// RGB colour with components in [0, 1].
pub type Rgb = [f32; 3];

/// The rendered card.
pub struct Card {
    /// Layout.
    pub layout: Layout,
    /// Texels per mm.
    pub tpm: f64,
    /// Texture width in texels.
    pub tw: usize,
    /// Texture height in texels.
    pub th: usize,
    /// Interleaved RGB texels.
    pub rgb: Vec<u8>,
    /// QR symbol (without quiet zone): top-left corner in mm.
    pub qr_x: f64,
    /// See `qr_x`.
    pub qr_y: f64,
    /// Module size in mm.
    pub module_mm: f64,
    /// Modules per side (symbol only).
    pub qr_modules: usize,
}

impl Card {
    /// Side of the symbol in mm (no quiet zone).
    pub fn qr_side(&self) -> f64 {
        self.module_mm * self.qr_modules as f64
    }

    /// Centre of the QR symbol in card mm.
    pub fn qr_center(&self) -> (f64, f64) {
        let s = self.qr_side() / 2.0;
        (self.qr_x + s, self.qr_y + s)
    }

    /// The four corners of the QR symbol (TL, TR, BR, BL) in card mm,
    /// optionally grown by `pad_modules` modules (4 = quiet zone).
    pub fn qr_corners(&self, pad_modules: f64) -> [(f64, f64); 4] {
        let p = pad_modules * self.module_mm;
        let (x0, y0) = (self.qr_x - p, self.qr_y - p);
        let (x1, y1) = (
            self.qr_x + self.qr_side() + p,
            self.qr_y + self.qr_side() + p,
        );
        [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    }

    /// Bilinear texture lookup at card coordinates (mm), returning [0,1] RGB.
    #[inline]
    pub fn sample(&self, u: f64, v: f64) -> Rgb {
        let fx = (u * self.tpm - 0.5).clamp(0.0, (self.tw - 1) as f64);
        let fy = (v * self.tpm - 0.5).clamp(0.0, (self.th - 1) as f64);
        let x0 = fx as usize;
        let y0 = fy as usize;
        let x1 = (x0 + 1).min(self.tw - 1);
        let y1 = (y0 + 1).min(self.th - 1);
        let ax = (fx - x0 as f64) as f32;
        let ay = (fy - y0 as f64) as f32;
        let i00 = (y0 * self.tw + x0) * 3;
        let i01 = (y0 * self.tw + x1) * 3;
        let i10 = (y1 * self.tw + x0) * 3;
        let i11 = (y1 * self.tw + x1) * 3;
        let t = &self.rgb;
        let mut out = [0.0f32; 3];
        for (c, o) in out.iter_mut().enumerate() {
            let top = f32::from(t[i00 + c]) * (1.0 - ax) + f32::from(t[i01 + c]) * ax;
            let bot = f32::from(t[i10 + c]) * (1.0 - ax) + f32::from(t[i11 + c]) * ax;
            *o = (top * (1.0 - ay) + bot * ay) * (1.0 / 255.0);
        }
        out
    }
}

/// True if card point (u, v) mm lies on the card (rounded rectangle).
#[inline]
pub fn inside_card(u: f64, v: f64) -> bool {
    if !(0.0..=CARD_W).contains(&u) || !(0.0..=CARD_H).contains(&v) {
        return false;
    }
    let cx = u.clamp(CARD_R, CARD_W - CARD_R);
    let cy = v.clamp(CARD_R, CARD_H - CARD_R);
    let (dx, dy) = (u - cx, v - cy);
    dx * dx + dy * dy <= CARD_R * CARD_R
}

/// Integer lattice hash to [0, 1).
#[inline]
pub fn hash01(x: i64, y: i64, seed: u64) -> f32 {
    let mut h = seed ^ (x as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h ^= (y as u64).wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    h = (h ^ (h >> 31)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h = (h ^ (h >> 29)).wrapping_mul(0x94D0_49BB_1331_11EB);
    h ^= h >> 32;
    (h >> 40) as f32 * (1.0 / (1u64 << 24) as f32)
}

/// Smooth value noise in [0, 1) at continuous coordinates.
#[inline]
pub fn value_noise(x: f64, y: f64, seed: u64) -> f32 {
    let xf = x.floor();
    let yf = y.floor();
    let (ix, iy) = (xf as i64, yf as i64);
    let tx = (x - xf) as f32;
    let ty = (y - yf) as f32;
    let sx = tx * tx * (3.0 - 2.0 * tx);
    let sy = ty * ty * (3.0 - 2.0 * ty);
    let a = hash01(ix, iy, seed);
    let b = hash01(ix + 1, iy, seed);
    let c = hash01(ix, iy + 1, seed);
    let d = hash01(ix + 1, iy + 1, seed);
    let top = a + (b - a) * sx;
    let bot = c + (d - c) * sx;
    top + (bot - top) * sy
}

/// Triangle wave in [-1, 1] with period 1.
#[inline]
pub fn tri(x: f64) -> f64 {
    let f = x - x.floor();
    4.0 * (f - 0.5).abs() - 1.0
}

struct Painter {
    tpm: f64,
    tw: usize,
    th: usize,
    px: Vec<Rgb>,
}

// Glyph stroke bits.
const GL: u16 = 1; // left vertical
const GR: u16 = 2; // right vertical
const GT: u16 = 4; // top bar
const GM: u16 = 8; // middle bar
const GB: u16 = 16; // bottom bar
const GC: u16 = 32; // centre vertical
const GRU: u16 = 64; // right upper half
const GRL: u16 = 128; // right lower half
const GLU: u16 = 256; // left upper half
const GLL: u16 = 512; // left lower half

/// Letter-like stroke combinations (H E O I L T U N A F P G C B S J ...).
const GLYPHS: [u16; 18] = [
    GL | GR | GM,
    GL | GT | GM | GB,
    GL | GR | GT | GB,
    GC,
    GL | GB,
    GT | GC,
    GL | GR | GB,
    GL | GR | GT,
    GL | GR | GT | GM,
    GL | GT | GM,
    GL | GT | GM | GRU,
    GL | GT | GB | GRL,
    GL | GT | GB,
    GL | GR | GT | GM | GB,
    GT | GM | GB | GLU | GRL,
    GR | GB | GLL,
    GC | GM,
    GLU | GRU | GM | GC,
];

impl Painter {
    fn idx(&self, x: usize, y: usize) -> usize {
        y * self.tw + x
    }

    fn tex_range(&self, a: f64, b: f64, limit: usize) -> (usize, usize) {
        let lo = (a * self.tpm).round().max(0.0) as usize;
        let hi = ((b * self.tpm).round().max(0.0) as usize).min(limit);
        (lo.min(limit), hi)
    }

    fn rect(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, c: Rgb, alpha: f32) {
        let (ax, bx) = self.tex_range(x0, x1, self.tw);
        let (ay, by) = self.tex_range(y0, y1, self.th);
        for y in ay..by {
            for x in ax..bx {
                let i = self.idx(x, y);
                let p = &mut self.px[i];
                for k in 0..3 {
                    p[k] += (c[k] - p[k]) * alpha;
                }
            }
        }
    }

    /// Filled ellipse with a shading callback `f(nx, ny) -> colour`, where
    /// (nx, ny) are the normalised ellipse coordinates.
    fn ellipse_with<F: Fn(f64, f64) -> Rgb>(
        &mut self,
        cx: f64,
        cy: f64,
        rx: f64,
        ry: f64,
        clip: (f64, f64, f64, f64),
        f: F,
    ) {
        let (ax, bx) = self.tex_range((cx - rx).max(clip.0), (cx + rx).min(clip.2), self.tw);
        let (ay, by) = self.tex_range((cy - ry).max(clip.1), (cy + ry).min(clip.3), self.th);
        for y in ay..by {
            for x in ax..bx {
                let u = (x as f64 + 0.5) / self.tpm;
                let v = (y as f64 + 0.5) / self.tpm;
                let nx = (u - cx) / rx;
                let ny = (v - cy) / ry;
                if nx * nx + ny * ny <= 1.0 {
                    let i = self.idx(x, y);
                    self.px[i] = f(nx, ny);
                }
            }
        }
    }

    fn ellipse(&mut self, cx: f64, cy: f64, rx: f64, ry: f64, c: Rgb) {
        let all = (0.0, 0.0, CARD_W, CARD_H);
        self.ellipse_with(cx, cy, rx, ry, all, |_, _| c);
    }

    #[allow(clippy::too_many_arguments)]
    fn glyph(&mut self, x: f64, y: f64, w: f64, h: f64, stroke: f64, mask: u16, c: Rgb) {
        let s = stroke;
        let mid = y + (h - s) / 2.0;
        if mask & GL != 0 {
            self.rect(x, y, x + s, y + h, c, 1.0);
        }
        if mask & GR != 0 {
            self.rect(x + w - s, y, x + w, y + h, c, 1.0);
        }
        if mask & GT != 0 {
            self.rect(x, y, x + w, y + s, c, 1.0);
        }
        if mask & GM != 0 {
            self.rect(x, mid, x + w, mid + s, c, 1.0);
        }
        if mask & GB != 0 {
            self.rect(x, y + h - s, x + w, y + h, c, 1.0);
        }
        if mask & GC != 0 {
            let cx = x + (w - s) / 2.0;
            self.rect(cx, y, cx + s, y + h, c, 1.0);
        }
        if mask & GRU != 0 {
            self.rect(x + w - s, y, x + w, mid + s, c, 1.0);
        }
        if mask & GRL != 0 {
            self.rect(x + w - s, mid, x + w, y + h, c, 1.0);
        }
        if mask & GLU != 0 {
            self.rect(x, y, x + s, mid + s, c, 1.0);
        }
        if mask & GLL != 0 {
            self.rect(x, mid, x + s, y + h, c, 1.0);
        }
    }

    /// A line of upper-case "words" made of glyphs; returns the x where it ended.
    #[allow(clippy::too_many_arguments)]
    fn text_line(
        &mut self,
        rng: &mut Rng,
        x0: f64,
        y: f64,
        cap_h: f64,
        max_w: f64,
        words: usize,
        bold: bool,
        c: Rgb,
    ) -> f64 {
        let stroke = cap_h * if bold { 0.17 } else { 0.12 };
        let mut x = x0;
        for w in 0..words {
            let letters = rng.int(2, 8) as usize;
            let word_w: f64 = letters as f64 * cap_h * 0.85;
            if x + word_w > x0 + max_w {
                if w == 0 {
                    continue;
                }
                break;
            }
            for _ in 0..letters {
                let gw = cap_h * rng.range(0.55, 0.75);
                let mask = *rng.pick(&GLYPHS);
                self.glyph(x, y, gw, cap_h, stroke, mask, c);
                if rng.chance(0.3) {
                    // Vietnamese diacritic above the capital.
                    let mw = gw * rng.range(0.3, 0.5);
                    let mx = x + (gw - mw) / 2.0 + rng.range(-0.1, 0.1) * gw;
                    self.rect(
                        mx,
                        y - cap_h * 0.32,
                        mx + mw,
                        y - cap_h * 0.32 + stroke * 0.8,
                        c,
                        1.0,
                    );
                } else if rng.chance(0.06) {
                    let cx = x + gw / 2.0 - stroke / 2.0;
                    self.rect(
                        cx,
                        y + cap_h * 1.12,
                        cx + stroke,
                        y + cap_h * 1.12 + stroke,
                        c,
                        1.0,
                    );
                }
                x += gw + cap_h * 0.16;
            }
            x += cap_h * 0.45;
        }
        x
    }
}

fn jitter(rng: &mut Rng, c: Rgb, amount: f64) -> Rgb {
    let mut o = c;
    for v in &mut o {
        *v = (*v + rng.range(-amount, amount) as f32).clamp(0.0, 1.0);
    }
    o
}

/// Builds a card texture. `texels_per_module` (integer, >= 3) fixes the
/// texture resolution so that QR modules land on whole texels.
pub fn build_card(rng: &mut Rng, qr: &QrMatrix, layout: Layout, texels_per_module: usize) -> Card {
    let n = qr.size;
    // Printed symbol side 13..17 mm.
    let side_mm = rng.range(13.0, 17.0);
    let module_mm = side_mm / n as f64;
    let k = texels_per_module.max(3);
    let tpm = k as f64 / module_mm;
    let tw = (CARD_W * tpm).ceil() as usize;
    let th = (CARD_H * tpm).ceil() as usize;
    let total_mm = module_mm * (n + 8) as f64;

    // Quiet-zone box in a top corner, aligned to the texel grid.
    let margin_x = rng.range(1.2, 3.0);
    let margin_y = rng.range(1.2, 3.0);
    let qz_x = match layout {
        Layout::Front2021 => CARD_W - margin_x - total_mm,
        Layout::Back2024 => margin_x,
    };
    let qz_xt = (qz_x * tpm).round();
    let qz_yt = (margin_y * tpm).round();
    let qr_xt = qz_xt as usize + 4 * k;
    let qr_yt = qz_yt as usize + 4 * k;

    let mut p = Painter {
        tpm,
        tw,
        th,
        px: vec![[0.0; 3]; tw * th],
    };

    // Background: pale tint, guilloché waves, blotches and grain.
    let base: Rgb = match layout {
        Layout::Front2021 => jitter(rng, [0.90, 0.92, 0.88], 0.025),
        Layout::Back2024 => jitter(rng, [0.93, 0.90, 0.86], 0.025),
    };
    let wave: Rgb = match layout {
        Layout::Front2021 => [-0.06, -0.02, 0.02],
        Layout::Back2024 => [0.01, -0.04, -0.05],
    };
    let (f1, f2, f3) = (
        rng.range(0.9, 1.4),
        rng.range(0.08, 0.14),
        rng.range(0.5, 0.9),
    );
    let wave_amp = rng.range(0.5, 1.0) as f32;
    let seed_blot = rng.next_u64();
    let seed_grain = rng.next_u64();
    for y in 0..th {
        let v = (y as f64 + 0.5) / tpm;
        for x in 0..tw {
            let u = (x as f64 + 0.5) / tpm;
            let g1 = tri(u * f1 * 0.5 + 0.9 * tri(v * f2 + u * 0.02));
            let g2 = tri(v * f3 * 0.5 + 0.7 * tri(u * f2 * 0.7));
            let g = ((g1 * g2) as f32 * 0.5 + 0.5) * wave_amp;
            let blot = value_noise(u / 9.0, v / 9.0, seed_blot) - 0.5;
            let grain = hash01(x as i64, y as i64, seed_grain) - 0.5;
            let i = y * tw + x;
            for c in 0..3 {
                p.px[i][c] = base[c] + wave[c] * g + blot * 0.035 + grain * 0.02;
            }
        }
    }

    let ink: Rgb = jitter(rng, [0.09, 0.09, 0.12], 0.02);
    let grey: Rgb = jitter(rng, [0.30, 0.31, 0.35], 0.03);
    let red: Rgb = jitter(rng, [0.72, 0.12, 0.12], 0.03);
    let qz_x0 = qz_xt / tpm;
    let qz_x1 = qz_x0 + total_mm;
    let qz_y1 = qz_yt / tpm + total_mm;

    match layout {
        Layout::Front2021 => {
            // Emblem.
            p.ellipse(9.0, 9.5, 6.4, 6.4, jitter(rng, [0.78, 0.16, 0.13], 0.03));
            p.ellipse(9.0, 9.5, 4.2, 4.2, [0.93, 0.75, 0.2]);
            p.ellipse(9.0, 9.5, 2.6, 2.6, jitter(rng, [0.80, 0.18, 0.14], 0.03));
            // Header lines and title, centred between emblem and QR.
            let (hx0, hx1) = (17.0, qz_x0 - 1.5);
            let hw = hx1 - hx0;
            p.text_line(rng, hx0 + hw * 0.05, 3.0, 1.5, hw * 0.9, 8, true, ink);
            p.text_line(rng, hx0 + hw * 0.18, 5.9, 1.3, hw * 0.64, 5, false, ink);
            p.text_line(rng, hx0 + hw * 0.12, 10.2, 2.3, hw * 0.76, 4, true, red);
            // Photo.
            photo(&mut p, rng, 2.5, 17.5, 22.0, 44.5);
            p.text_line(rng, 3.0, 47.0, 1.0, 18.0, 3, false, grey);
            p.text_line(rng, 3.0, 49.3, 1.3, 18.0, 2, true, ink);
            // Label / value rows.
            let mut y = 16.0;
            while y + 3.6 < CARD_H - 1.5 {
                let xmax = if y < qz_y1 + 0.8 {
                    qz_x0 - 1.5
                } else {
                    CARD_W - 3.5
                };
                let w = xmax - 25.0;
                let words = rng.int(1, 3) as usize;
                p.text_line(rng, 25.0, y, 1.0, w * 0.6, words, false, grey);
                let words = rng.int(1, 5) as usize;
                p.text_line(rng, 25.0, y + 1.7, 1.6, w, words, true, ink);
                y += rng.range(5.0, 5.8);
            }
        }
        Layout::Back2024 => {
            // Text rows to the right of the QR.
            let x0 = qz_x1 + 2.0;
            let mut y = 3.5;
            while y + 3.6 < 36.0 {
                let xmax = if y < 18.5 {
                    CARD_W - 17.0
                } else {
                    CARD_W - 3.5
                };
                let w = xmax - x0;
                let words = rng.int(1, 4) as usize;
                p.text_line(rng, x0, y, 1.0, w * 0.7, words, false, grey);
                let words = rng.int(2, 6) as usize;
                p.text_line(rng, x0, y + 1.6, 1.5, w, words, true, ink);
                y += rng.range(4.8, 5.6);
            }
            // Under the QR: small rows.
            let mut y = qz_y1 + 1.5;
            while y + 2.0 < 36.0 {
                p.text_line(rng, 3.0, y, 1.1, qz_x1 - 3.0, 2, true, ink);
                y += 2.6;
            }
            // Chip.
            let (cx0, cy0) = (CARD_W - 14.5, 5.0);
            p.rect(
                cx0,
                cy0,
                cx0 + 11.0,
                cy0 + 9.0,
                jitter(rng, [0.80, 0.66, 0.32], 0.03),
                1.0,
            );
            let line = [0.55, 0.43, 0.18];
            p.rect(cx0 + 3.6, cy0, cx0 + 3.9, cy0 + 9.0, line, 1.0);
            p.rect(cx0 + 7.1, cy0, cx0 + 7.4, cy0 + 9.0, line, 1.0);
            p.rect(cx0, cy0 + 3.0, cx0 + 3.6, cy0 + 3.3, line, 1.0);
            p.rect(cx0, cy0 + 5.9, cx0 + 3.6, cy0 + 6.2, line, 1.0);
            p.rect(cx0 + 7.4, cy0 + 3.0, cx0 + 11.0, cy0 + 3.3, line, 1.0);
            p.rect(cx0 + 7.4, cy0 + 5.9, cx0 + 11.0, cy0 + 6.2, line, 1.0);
            // MRZ band: 3 lines of 30 monospace characters.
            p.rect(0.0, 37.5, CARD_W, CARD_H, [0.96, 0.95, 0.93], 0.6);
            let pitch = (CARD_W - 7.0) / 30.0;
            for line_no in 0..3 {
                let y = 39.6 + line_no as f64 * 4.4;
                for i in 0..30 {
                    let x = 3.5 + i as f64 * pitch + 0.3;
                    if rng.chance(0.3) {
                        // '<' filler: a thin chevron-ish mark.
                        p.rect(x + 0.3, y + 1.0, x + 1.5, y + 1.35, ink, 1.0);
                        p.rect(x + 0.3, y + 0.6, x + 0.65, y + 1.8, ink, 1.0);
                    } else {
                        let mask = *rng.pick(&GLYPHS);
                        p.glyph(x, y, 1.7, 2.5, 0.36, mask, ink);
                    }
                }
            }
        }
    }

    // QR: white quiet-zone box, then modules on whole texels.
    let white: Rgb = jitter(rng, [0.95, 0.95, 0.94], 0.015);
    let dark: Rgb = jitter(rng, [0.10, 0.10, 0.12], 0.03);
    let qzt = (n + 8) * k;
    let (bx, by) = (qz_xt as usize, qz_yt as usize);
    for y in by..(by + qzt).min(th) {
        for x in bx..(bx + qzt).min(tw) {
            let i = y * tw + x;
            let g = (hash01(x as i64, y as i64, seed_grain ^ 1) - 0.5) * 0.02;
            p.px[i] = [white[0] + g, white[1] + g, white[2] + g];
        }
    }
    for my in 0..n {
        for mx in 0..n {
            if !qr.get(mx, my) {
                continue;
            }
            for y in 0..k {
                for x in 0..k {
                    let tx = qr_xt + mx * k + x;
                    let ty = qr_yt + my * k + y;
                    if tx < tw && ty < th {
                        let i = ty * tw + tx;
                        let g = (hash01(tx as i64, ty as i64, seed_grain ^ 2) - 0.5) * 0.04;
                        p.px[i] = [dark[0] + g, dark[1] + g, dark[2] + g];
                    }
                }
            }
        }
    }

    let rgb =
        p.px.iter()
            .flat_map(|c| c.map(|v| (v * 255.0).round().clamp(0.0, 255.0) as u8))
            .collect();
    Card {
        layout,
        tpm,
        tw,
        th,
        rgb,
        qr_x: qr_xt as f64 / tpm,
        qr_y: qr_yt as f64 / tpm,
        module_mm,
        qr_modules: n,
    }
}

/// A crude portrait: backdrop, shoulders, neck, hair, face, eyes, mouth.
fn photo(p: &mut Painter, rng: &mut Rng, x0: f64, y0: f64, x1: f64, y1: f64) {
    let clip = (x0, y0, x1, y1);
    let bg = jitter(rng, [0.80, 0.86, 0.92], 0.04);
    p.rect(x0, y0, x1, y1, bg, 1.0);
    let w = x1 - x0;
    let h = y1 - y0;
    let cx = x0 + w / 2.0 + rng.range(-0.8, 0.8);
    let skin = jitter(rng, [0.86, 0.70, 0.58], 0.05);
    let hair = jitter(rng, [0.10, 0.08, 0.07], 0.03);
    let shirt = if rng.chance(0.5) {
        jitter(rng, [0.93, 0.93, 0.93], 0.03)
    } else {
        jitter(rng, [0.15, 0.18, 0.28], 0.05)
    };
    let shade = |c: Rgb, k: f64| -> Rgb { c.map(|v| v * k as f32) };
    p.ellipse_with(cx, y1 + h * 0.05, w * 0.55, h * 0.32, clip, |nx, _| {
        shade(shirt, 1.0 - 0.15 * nx.abs())
    });
    p.rect(
        cx - w * 0.1,
        y0 + h * 0.55,
        cx + w * 0.1,
        y0 + h * 0.8,
        shade(skin, 0.85),
        1.0,
    );
    let fy = y0 + h * 0.42;
    p.ellipse_with(cx, fy - h * 0.06, w * 0.3, h * 0.27, clip, |_, _| hair);
    p.ellipse_with(cx, fy + h * 0.02, w * 0.25, h * 0.24, clip, |nx, ny| {
        shade(skin, 1.0 - 0.18 * (nx * nx + ny * ny))
    });
    // Fringe.
    p.ellipse_with(cx, fy - h * 0.2, w * 0.26, h * 0.09, clip, |_, _| hair);
    let eye_y = fy - h * 0.01;
    p.ellipse(
        cx - w * 0.1,
        eye_y,
        w * 0.035,
        h * 0.015,
        [0.08, 0.06, 0.06],
    );
    p.ellipse(
        cx + w * 0.1,
        eye_y,
        w * 0.035,
        h * 0.015,
        [0.08, 0.06, 0.06],
    );
    p.rect(
        cx - w * 0.02,
        eye_y + h * 0.03,
        cx + w * 0.02,
        eye_y + h * 0.08,
        shade(skin, 0.85),
        1.0,
    );
    p.rect(
        cx - w * 0.08,
        fy + h * 0.13,
        cx + w * 0.08,
        fy + h * 0.145,
        [0.6, 0.3, 0.3],
        1.0,
    );
}
