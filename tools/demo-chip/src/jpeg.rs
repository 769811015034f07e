//! A tiny baseline JPEG encoder (ITU-T T.81): one 8×8 grayscale block, integer DCT (cosines
//! as fixed-point constants, so the bytes never depend on a libm), one quantiser, and Huffman
//! tables built for exactly the symbols used (T.81 Annex C allows any table).

/// cos(kπ/16) · 4096, k = 0..8, rounded.
const COS: [i64; 9] = [4096, 4017, 3784, 3406, 2896, 2276, 1567, 799, 0];
const Q: i64 = 4;

/// T.81 Figure A.6: the zig-zag sequence.
const ZIGZAG: [usize; 64] = [
    0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20,
    13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59,
    52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
];

/// cos((2x+1)uπ/16) · 4096, with the 1/√2 of C(0) folded in for u = 0.
fn basis(x: usize, u: usize) -> i64 {
    if u == 0 {
        return COS[4];
    }
    let k = ((2 * x + 1) * u) % 32;
    let (idx, neg) = match k {
        0..=8 => (k, false),
        9..=16 => (16 - k, true),
        17..=24 => (k - 16, true),
        _ => (32 - k, false),
    };
    let v = COS.get(idx).copied().unwrap_or(0);
    if neg {
        -v
    } else {
        v
    }
}

fn div_round(a: i64, d: i64) -> i64 {
    if a >= 0 {
        (a + d / 2) / d
    } else {
        -((-a + d / 2) / d)
    }
}

/// Quantised DCT coefficients of an 8×8 block (row-major pixels), in zig-zag order.
fn coefficients(pixels: &[u8; 64]) -> Vec<i64> {
    let mut out = vec![0i64; 64];
    for v in 0..8 {
        for u in 0..8 {
            let mut sum = 0i64;
            for (i, p) in pixels.iter().enumerate() {
                let (y, x) = (i / 8, i % 8);
                sum += (i64::from(*p) - 128) * basis(x, u) * basis(y, v);
            }
            let q = div_round(sum, 4 * 4096 * 4096 * Q);
            if let Some(slot) = ZIGZAG
                .iter()
                .position(|z| *z == v * 8 + u)
                .and_then(|zi| out.get_mut(zi))
            {
                *slot = q;
            }
        }
    }
    out
}

fn category(v: i64) -> u8 {
    (64 - v.unsigned_abs().leading_zeros()) as u8
}

fn magnitude_bits(v: i64, cat: u8) -> u32 {
    if v >= 0 {
        v as u32
    } else {
        ((v - 1) & ((1i64 << cat) - 1)) as u32
    }
}

struct Bits {
    out: Vec<u8>,
    acc: u32,
    n: u32,
}

impl Bits {
    fn put(&mut self, value: u32, len: u32) {
        for i in (0..len).rev() {
            self.acc = (self.acc << 1) | ((value >> i) & 1);
            self.n += 1;
            if self.n == 8 {
                let b = self.acc as u8;
                self.out.push(b);
                if b == 0xFF {
                    self.out.push(0x00); // T.81 F.1.2.3 byte stuffing
                }
                self.acc = 0;
                self.n = 0;
            }
        }
    }
    fn finish(mut self) -> Vec<u8> {
        while self.n != 0 {
            self.put(1, 1);
        }
        self.out
    }
}

/// A Huffman table giving every symbol the same code length L (codes 0, 1, …; never all ones).
struct Table {
    symbols: Vec<u8>,
    len: u32,
}

impl Table {
    fn new(mut symbols: Vec<u8>) -> Table {
        symbols.sort_unstable();
        symbols.dedup();
        let mut len = 1;
        while (1usize << len) <= symbols.len() {
            len += 1;
        }
        Table { symbols, len }
    }
    fn code(&self, sym: u8) -> u32 {
        self.symbols.iter().position(|s| *s == sym).unwrap_or(0) as u32
    }
    fn dht(&self, class_id: u8) -> Vec<u8> {
        let mut counts = [0u8; 16];
        if let Some(c) = counts.get_mut(self.len as usize - 1) {
            *c = self.symbols.len() as u8;
        }
        let body = [vec![class_id], counts.to_vec(), self.symbols.clone()].concat();
        segment(0xC4, &body)
    }
}

fn segment(marker: u8, body: &[u8]) -> Vec<u8> {
    let l = (body.len() + 2) as u16;
    [vec![0xFF, marker], l.to_be_bytes().to_vec(), body.to_vec()].concat()
}

/// Encodes an 8×8 grayscale image as a baseline JFIF JPEG.
pub fn encode(pixels: &[u8; 64]) -> Vec<u8> {
    let zz = coefficients(pixels);
    let dc = zz.first().copied().unwrap_or(0);
    // Run-length symbols of the AC coefficients (T.81 F.1.2.2).
    let mut ac: Vec<(u8, i64)> = Vec::new();
    let mut run = 0u8;
    let last_nz = zz.iter().rposition(|c| *c != 0).unwrap_or(0);
    for (i, c) in zz.iter().enumerate().skip(1) {
        if i > last_nz {
            ac.push((0x00, 0)); // EOB
            break;
        }
        if *c == 0 {
            run += 1;
            if run == 16 {
                ac.push((0xF0, 0)); // ZRL
                run = 0;
            }
            continue;
        }
        ac.push(((run << 4) | category(*c), *c));
        run = 0;
    }
    let dc_table = Table::new(vec![category(dc)]);
    let ac_table = Table::new(ac.iter().map(|(s, _)| *s).collect());

    let mut bits = Bits {
        out: Vec::new(),
        acc: 0,
        n: 0,
    };
    let dcat = category(dc);
    bits.put(dc_table.code(dcat), dc_table.len);
    bits.put(magnitude_bits(dc, dcat), u32::from(dcat));
    for (sym, v) in &ac {
        bits.put(ac_table.code(*sym), ac_table.len);
        let cat = sym & 0x0F;
        if cat > 0 {
            bits.put(magnitude_bits(*v, cat), u32::from(cat));
        }
    }
    let scan = bits.finish();

    let mut out = vec![0xFF, 0xD8];
    out.extend(segment(0xE0, b"JFIF\0\x01\x01\x00\x00\x01\x00\x01\x00\x00"));
    out.extend(segment(0xDB, &[vec![0x00], vec![Q as u8; 64]].concat()));
    out.extend(segment(0xC0, &[8, 0, 8, 0, 8, 1, 1, 0x11, 0]));
    out.extend(dc_table.dht(0x00));
    out.extend(ac_table.dht(0x10));
    out.extend(segment(0xDA, &[1, 1, 0x00, 0, 63, 0]));
    out.extend(scan);
    out.extend([0xFF, 0xD9]);
    out
}

/// A synthetic 8×8 "face": a light oval on a darker background, two eyes and a mouth, its
/// shades varied by `shade` so each person's DG2 differs.
pub fn face(shade: u8) -> [u8; 64] {
    let mut px = [0u8; 64];
    let skin = 170u8.saturating_add(shade % 40);
    for (i, p) in px.iter_mut().enumerate() {
        let (y, x) = ((i / 8) as i32, (i % 8) as i32);
        let dx = 2 * x - 7;
        let dy = 2 * y - 7;
        // Oval: (dx/6)² + (dy/7)² ≤ 1
        let inside = 49 * dx * dx + 36 * dy * dy <= 36 * 49;
        *p = if inside {
            skin
        } else {
            60u8.saturating_add(shade % 30)
        };
    }
    for (y, x, v) in [(3usize, 2usize, 40u8), (3, 5, 40), (5, 3, 90), (5, 4, 90)] {
        if let Some(p) = px.get_mut(y * 8 + x) {
            *p = v;
        }
    }
    px
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basis_matches_cosine_table() {
        // cos(3·2π/16) = cos(6π/16); x = 1, u = 2 → k = 6
        assert_eq!(basis(1, 2), 1567);
        // x = 7, u = 1 → k = 15 → cos(15π/16) = −cos(π/16)
        assert_eq!(basis(7, 1), -4017);
        assert_eq!(basis(3, 0), 2896);
    }

    #[test]
    fn flat_block_has_only_dc() {
        let c = coefficients(&[128 + 40; 64]);
        // DC = 8 · 40 / Q = 80
        assert_eq!(c.first(), Some(&80));
        assert!(c.iter().skip(1).all(|v| *v == 0));
    }

    #[test]
    fn jpeg_markers() {
        let j = encode(&face(7));
        assert_eq!(j.get(..2), Some(&[0xFF, 0xD8][..]));
        assert_eq!(j.get(j.len() - 2..), Some(&[0xFF, 0xD9][..]));
    }
}
