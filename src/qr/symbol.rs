//! Module grid → payload bytes (ISO/IEC 18004:2015 §7): format information, data masks, codeword
//! placement, block de-interleaving, Reed–Solomon correction and the segment modes.
//!
//! Our own instead of rqrr's decoder: rqrr's Galois-field arithmetic carries two 64 KiB
//! multiplication tables (~66 KB of the wasm scan module, gzip), where log/exp tables take
//! 512 bytes; and reading the grid here means no input can panic inside a dependency.
//! Cross-checked against an independent encoder (the `qrcode` crate) for every version and
//! error-correction level, with errors injected up to the correction capacity (`tests` below and
//! `tests/qr_symbol.rs`).

use super::EcLevel;

/// What a grid decodes to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Symbol {
    /// The payload: byte segments as they are, numeric and alphanumeric as ASCII, Kanji as
    /// Shift_JIS; ECI designators are read and dropped.
    pub bytes: Vec<u8>,
    /// 1..=40.
    pub version: u8,
    pub ec: EcLevel,
    /// The most byte errors corrected in one block, and how many a block may have corrected.
    pub errors: (usize, usize),
}

/// Why a grid does not decode (kept internal: the caller tries the next grid).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fail {
    /// The side is not 17 + 4·v for v in 1..=40.
    Size,
    /// Neither copy of the format information is within 3 bit errors of a codeword.
    Format,
    /// A block has more errors than its error-correction codewords can fix.
    Ecc,
    /// The corrected bit stream is malformed (unknown mode, count past the end).
    Data,
}

/// GF(2^8) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11D), generator α = 2:
/// `EXP[i] = α^i` for i in 0..510 (doubled so products need no modulo), `LOG[α^i] = i`.
struct Gf {
    exp: [u8; 512],
    log: [u8; 256],
}

// Evaluated at compile time: an out-of-range index would fail the build, not panic at run time.
#[allow(clippy::indexing_slicing, clippy::cast_possible_truncation)]
const GF: Gf = {
    let mut exp = [0u8; 512];
    let mut log = [0u8; 256];
    let mut x: u16 = 1;
    let mut i = 0;
    while i < 255 {
        exp[i] = x as u8;
        exp[i + 255] = x as u8;
        log[x as usize] = i as u8;
        x <<= 1;
        if x & 0x100 != 0 {
            x ^= 0x11D;
        }
        i += 1;
    }
    exp[510] = exp[0];
    exp[511] = exp[1];
    Gf { exp, log }
};

fn exp(i: usize) -> u8 {
    GF.exp.get(i % 255).copied().unwrap_or(0)
}

fn log(x: u8) -> usize {
    usize::from(GF.log.get(usize::from(x)).copied().unwrap_or(0))
}

fn mul(a: u8, b: u8) -> u8 {
    if a == 0 || b == 0 {
        0
    } else {
        GF.exp.get(log(a) + log(b)).copied().unwrap_or(0)
    }
}

fn div(a: u8, b: u8) -> u8 {
    if a == 0 || b == 0 {
        0
    } else {
        exp(log(a) + 255 - log(b))
    }
}

/// p(x) with `p[k]` the coefficient of x^k.
fn eval(p: &[u8], x: u8) -> u8 {
    p.iter().rev().fold(0, |acc, &c| mul(acc, x) ^ c)
}

/// Corrects `block` (data then EC codewords, first byte the highest power) in place, fixing at
/// most `max_errors` byte errors. Berlekamp–Massey, Chien search, Forney (first root α^0).
fn correct(block: &mut [u8], ecc: usize, max_errors: usize) -> Result<usize, Fail> {
    let n = block.len();
    if n > 255 || ecc >= n {
        return Err(Fail::Ecc);
    }
    let syndromes = |b: &[u8]| -> Vec<u8> {
        (0..ecc)
            .map(|j| b.iter().fold(0, |acc, &c| mul(acc, exp(j)) ^ c))
            .collect()
    };
    let s = syndromes(block);
    if s.iter().all(|&x| x == 0) {
        return Ok(0);
    }
    // Berlekamp–Massey: the error locator Λ(x) = 1 + Λ1·x + … (coefficients by power).
    let mut lambda = vec![0u8; ecc + 1];
    let mut prev = vec![0u8; ecc + 1];
    if let (Some(l0), Some(p0)) = (lambda.first_mut(), prev.first_mut()) {
        *l0 = 1;
        *p0 = 1;
    }
    let (mut len, mut shift, mut last_d) = (0usize, 1usize, 1u8);
    for k in 0..ecc {
        let mut d = s.get(k).copied().unwrap_or(0);
        for i in 1..=len {
            d ^= mul(
                lambda.get(i).copied().unwrap_or(0),
                s.get(k.wrapping_sub(i)).copied().unwrap_or(0),
            );
        }
        if d == 0 {
            shift += 1;
            continue;
        }
        let coef = div(d, last_d);
        let before = lambda.clone();
        for i in shift..=ecc {
            let p = prev.get(i - shift).copied().unwrap_or(0);
            if let Some(l) = lambda.get_mut(i) {
                *l ^= mul(coef, p);
            }
        }
        if 2 * len <= k {
            len = k + 1 - len;
            prev = before;
            last_d = d;
            shift = 1;
        } else {
            shift += 1;
        }
    }
    if len == 0 || len > max_errors {
        return Err(Fail::Ecc);
    }
    lambda.truncate(len + 1);
    // Ω(x) = S(x)·Λ(x) mod x^ecc.
    let mut omega = vec![0u8; ecc];
    for (i, &si) in s.iter().enumerate() {
        for (j, &lj) in lambda.iter().enumerate() {
            if let Some(o) = omega.get_mut(i + j) {
                *o ^= mul(si, lj);
            }
        }
    }
    // Λ'(x): the odd-power terms, lowered by one.
    let deriv: Vec<u8> = lambda
        .iter()
        .enumerate()
        .skip(1)
        .map(|(k, &c)| if k % 2 == 1 { c } else { 0 })
        .collect();
    let mut found = 0;
    for i in 0..n {
        // Byte i is the coefficient of x^(n-1-i): its locator is X = α^(n-1-i).
        let power = n - 1 - i;
        let x_inv = exp(255 - power % 255);
        if eval(&lambda, x_inv) != 0 {
            continue;
        }
        let denom = eval(&deriv, x_inv);
        if denom == 0 {
            return Err(Fail::Ecc);
        }
        let magnitude = mul(exp(power), div(eval(&omega, x_inv), denom));
        if let Some(b) = block.get_mut(i) {
            *b ^= magnitude;
        }
        found += 1;
    }
    if found != len || syndromes(block).iter().any(|&x| x != 0) {
        return Err(Fail::Ecc);
    }
    Ok(found)
}

/// Error-correction codewords per block, by level (L, M, Q, H) and version − 1 (Table 9).
const ECC_PER_BLOCK: [[u8; 40]; 4] = [
    [
        7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30,
        30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
    ],
    [
        10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28,
        28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
    ],
    [
        13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30,
        30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
    ],
    [
        17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30,
        30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
    ],
];

/// Number of error-correction blocks, by level (L, M, Q, H) and version − 1 (Table 9).
const BLOCKS: [[u8; 40]; 4] = [
    [
        1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13,
        14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25,
    ],
    [
        1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23,
        25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
    ],
    [
        1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29,
        34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68,
    ],
    [
        1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35,
        37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81,
    ],
];

/// Index into the tables above: L, M, Q, H.
fn level_index(ec: EcLevel) -> usize {
    match ec {
        EcLevel::L => 0,
        EcLevel::M => 1,
        EcLevel::Q => 2,
        EcLevel::H => 3,
    }
}

/// Codewords that only guard against misdecoding (Table 9's `p`): they lower the number of
/// errors a block may have corrected below half its EC codewords.
fn misdecode_protection(version: u8, ec: EcLevel) -> usize {
    match (version, ec) {
        (1, EcLevel::L) => 3,
        (1, EcLevel::M) | (2, EcLevel::L) => 2,
        (1, EcLevel::Q) | (1, EcLevel::H) | (3, EcLevel::L) => 1,
        _ => 0,
    }
}

/// Alignment pattern centre coordinates of `version` (Annex E), by the closed form: evenly
/// spaced (even steps) from size − 7 down, plus 6.
pub(crate) fn alignment_positions(version: u8) -> Vec<usize> {
    if version < 2 {
        return Vec::new();
    }
    let v = usize::from(version);
    let count = v / 7 + 2;
    let step = if v == 32 {
        26
    } else {
        (v * 4 + count * 2 + 1) / (count * 2 - 2) * 2
    };
    let size = 17 + 4 * v;
    let mut out = vec![6];
    for k in (0..count - 1).rev() {
        out.push(size - 7 - k * step);
    }
    out
}

/// The function-pattern modules that carry no data (finders, separators, format and version
/// information, timing, alignment, the dark module), as a row-major mask.
fn function_modules(version: u8) -> Vec<bool> {
    let size = 17 + 4 * usize::from(version);
    let mut f = vec![false; size * size];
    let mut set = |x: usize, y: usize| {
        if let Some(m) = f.get_mut(y * size + x) {
            *m = true;
        }
    };
    for i in 0..size {
        set(6, i);
        set(i, 6);
    }
    for y in 0..9 {
        for x in 0..9 {
            set(x, y);
        }
        for x in size - 8..size {
            set(x, y);
        }
    }
    for y in size - 8..size {
        for x in 0..9 {
            set(x, y);
        }
    }
    if version >= 7 {
        for a in 0..6 {
            for b in size - 11..size - 8 {
                set(a, b);
                set(b, a);
            }
        }
    }
    let pos = alignment_positions(version);
    let last = pos.len().saturating_sub(1);
    for (i, &cy) in pos.iter().enumerate() {
        for (j, &cx) in pos.iter().enumerate() {
            // The three corners the finder patterns occupy have none.
            let corner = matches!(
                (i == 0, j == 0, i == last, j == last),
                (true, true, _, _) | (true, _, _, true) | (_, true, true, _)
            );
            if corner {
                continue;
            }
            for y in cy - 2..=cy + 2 {
                for x in cx - 2..=cx + 2 {
                    set(x, y);
                }
            }
        }
    }
    f
}

/// Data mask `m` at row `y`, column `x` (Table 10): true where the module is inverted.
fn mask(m: u8, x: usize, y: usize) -> bool {
    match m {
        0 => (y + x) % 2 == 0,
        1 => y % 2 == 0,
        2 => x % 3 == 0,
        3 => (y + x) % 3 == 0,
        4 => (y / 2 + x / 3) % 2 == 0,
        5 => (y * x) % 2 + (y * x) % 3 == 0,
        6 => ((y * x) % 2 + (y * x) % 3) % 2 == 0,
        _ => ((y + x) % 2 + (y * x) % 3) % 2 == 0,
    }
}

/// The remainder of `data << bits` divided by `generator` over GF(2) (BCH codes of §7.9, §7.10).
pub(super) fn bch(data: u32, bits: u32, generator: u32) -> u32 {
    let degree = 31 - generator.leading_zeros();
    let mut r = data << bits;
    while r != 0 && 31 - r.leading_zeros() >= degree {
        r ^= generator << (31 - r.leading_zeros() - degree);
    }
    r
}

/// The 5 format bits (EC level, mask) of the codeword within 3 bit errors of `raw`, if any.
fn correct_format(raw: u32) -> Option<u32> {
    (0u32..32)
        .map(|d| (d, ((d << 10) | bch(d, 10, 0x537)) ^ 0x5412))
        .map(|(d, code)| (d, (code ^ raw).count_ones()))
        .filter(|&(_, dist)| dist <= 3)
        .min_by_key(|&(_, dist)| dist)
        .map(|(d, _)| d)
}

/// Reads the format information: copy 1 around the top-left finder, else copy 2 (split between
/// the bottom-left and top-right finders). Bit 14 is the first read.
fn read_format(module: &dyn Fn(usize, usize) -> bool, size: usize) -> Option<(EcLevel, u8)> {
    const XS: [usize; 15] = [8, 8, 8, 8, 8, 8, 8, 8, 7, 5, 4, 3, 2, 1, 0];
    const YS: [usize; 15] = [0, 1, 2, 3, 4, 5, 7, 8, 8, 8, 8, 8, 8, 8, 8];
    let mut first = 0u32;
    for (&x, &y) in XS.iter().zip(YS.iter()).rev() {
        first = (first << 1) | u32::from(module(x, y));
    }
    let mut second = 0u32;
    for i in 0..7 {
        second = (second << 1) | u32::from(module(8, size - 1 - i));
    }
    for i in 0..8 {
        second = (second << 1) | u32::from(module(size - 8 + i, 8));
    }
    let data = correct_format(first).or_else(|| correct_format(second))?;
    let ec = match data >> 3 {
        0 => EcLevel::M,
        1 => EcLevel::L,
        2 => EcLevel::H,
        _ => EcLevel::Q,
    };
    Some((ec, u8::try_from(data & 7).unwrap_or(0)))
}

/// Decodes a QR symbol of `size` × `size` modules; `module(x, y)` is true for a dark module at
/// column `x`, row `y`.
pub(crate) fn decode(size: usize, module: &dyn Fn(usize, usize) -> bool) -> Result<Symbol, Fail> {
    if !(21..=177).contains(&size) || (size - 17) % 4 != 0 {
        return Err(Fail::Size);
    }
    let version = u8::try_from((size - 17) / 4).map_err(|_| Fail::Size)?;
    let (ec, mask_id) = read_format(module, size).ok_or(Fail::Format)?;

    // Codewords in placement order (§7.7.3): two-module columns from the right, up then down,
    // skipping the vertical timing pattern.
    let function = function_modules(version);
    let mut codewords = Vec::with_capacity(size * size / 8);
    let (mut acc, mut nbits) = (0u8, 0);
    let mut right = size - 1;
    loop {
        if right == 6 {
            right = 5;
        }
        let upward = (right + 1) & 2 == 0;
        for vert in 0..size {
            let y = if upward { size - 1 - vert } else { vert };
            for x in [right, right - 1] {
                if function.get(y * size + x).copied().unwrap_or(true) {
                    continue;
                }
                acc = (acc << 1) | u8::from(module(x, y) ^ mask(mask_id, x, y));
                nbits += 1;
                if nbits == 8 {
                    codewords.push(acc);
                    (acc, nbits) = (0, 0);
                }
            }
        }
        if right < 2 {
            break;
        }
        right -= 2;
    }

    // De-interleave (§7.6): data codewords go round the blocks (short blocks first, one data
    // codeword fewer), then the EC codewords.
    let li = level_index(ec);
    let vi = usize::from(version - 1);
    let ecc = usize::from(
        ECC_PER_BLOCK
            .get(li)
            .and_then(|r| r.get(vi))
            .copied()
            .unwrap_or(0),
    );
    let nblocks = usize::from(BLOCKS.get(li).and_then(|r| r.get(vi)).copied().unwrap_or(0));
    let total = codewords.len();
    if nblocks == 0 || total < nblocks * (ecc + 1) {
        return Err(Fail::Data);
    }
    let short_len = total / nblocks;
    let long_blocks = total % nblocks;
    let short_blocks = nblocks - long_blocks;
    let data_len = |b: usize| short_len - ecc + usize::from(b >= short_blocks);
    let mut blocks: Vec<Vec<u8>> = (0..nblocks)
        .map(|b| Vec::with_capacity(short_len + 1 - usize::from(b < short_blocks)))
        .collect();
    let mut it = codewords.iter().copied();
    for i in 0..=short_len - ecc {
        for (b, block) in blocks.iter_mut().enumerate() {
            if i < data_len(b) {
                block.push(it.next().ok_or(Fail::Data)?);
            }
        }
    }
    for _ in 0..ecc {
        for block in &mut blocks {
            block.push(it.next().ok_or(Fail::Data)?);
        }
    }
    let max_errors = (ecc - misdecode_protection(version, ec)) / 2;
    let mut data = Vec::with_capacity(total);
    let mut worst = 0;
    for (b, block) in blocks.iter_mut().enumerate() {
        worst = worst.max(correct(block, ecc, max_errors)?);
        data.extend_from_slice(block.get(..data_len(b)).ok_or(Fail::Data)?);
    }
    Ok(Symbol {
        bytes: segments(&data, version)?,
        version,
        ec,
        errors: (worst, max_errors),
    })
}

/// Big-endian bit reader over the data codewords.
struct Bits<'a> {
    data: &'a [u8],
    pos: usize,
}

impl Bits<'_> {
    fn left(&self) -> usize {
        self.data.len() * 8 - self.pos
    }

    fn take(&mut self, n: usize) -> Result<u32, Fail> {
        if n > self.left() || n > 32 {
            return Err(Fail::Data);
        }
        let mut v = 0u32;
        for _ in 0..n {
            let byte = self.data.get(self.pos / 8).copied().unwrap_or(0);
            v = (v << 1) | u32::from((byte >> (7 - self.pos % 8)) & 1);
            self.pos += 1;
        }
        Ok(v)
    }
}

/// The segments of the data bit stream (§7.4) → payload bytes.
fn segments(data: &[u8], version: u8) -> Result<Vec<u8>, Fail> {
    const ALNUM: &[u8; 45] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    // Character-count bits for versions 1–9, 10–26, 27–40 (Table 3).
    let band = match version {
        1..=9 => 0,
        10..=26 => 1,
        _ => 2,
    };
    let count_bits = |bits: [usize; 3]| bits.get(band).copied().unwrap_or(16);
    let mut r = Bits { data, pos: 0 };
    let mut out = Vec::new();
    while r.left() >= 4 {
        match r.take(4)? {
            0 => break,
            // Numeric: groups of 3 digits in 10 bits, then 2 in 7 or 1 in 4.
            1 => {
                let mut n = r.take(count_bits([10, 12, 14]))? as usize;
                while n > 0 {
                    let (digits, bits) = match n {
                        1 => (1, 4),
                        2 => (2, 7),
                        _ => (3, 10),
                    };
                    let v = r.take(bits)?;
                    if v >= 10u32.pow(digits) {
                        return Err(Fail::Data);
                    }
                    // The group's digits, zero-padded, most significant first.
                    for k in (0..digits).rev() {
                        out.push(b'0' + (v / 10u32.pow(k) % 10) as u8);
                    }
                    n -= digits as usize;
                }
            }
            // Alphanumeric: pairs in 11 bits, a last single in 6.
            2 => {
                let mut n = r.take(count_bits([9, 11, 13]))? as usize;
                while n > 0 {
                    let (chars, bits) = if n == 1 { (1, 6) } else { (2, 11) };
                    let v = r.take(bits)? as usize;
                    let pair = if chars == 2 { [v / 45, v % 45] } else { [v, 0] };
                    for &c in pair.get(..chars).unwrap_or(&[]) {
                        out.push(*ALNUM.get(c).ok_or(Fail::Data)?);
                    }
                    n -= chars;
                }
            }
            // Byte.
            4 => {
                let n = r.take(count_bits([8, 16, 16]))? as usize;
                if n * 8 > r.left() {
                    return Err(Fail::Data);
                }
                for _ in 0..n {
                    out.push(u8::try_from(r.take(8)?).unwrap_or(0));
                }
            }
            // Kanji: 13 bits per character, written out as its Shift_JIS double byte.
            8 => {
                let n = r.take(count_bits([8, 10, 12]))? as usize;
                if n * 13 > r.left() {
                    return Err(Fail::Data);
                }
                for _ in 0..n {
                    let v = r.take(13)?;
                    let word = ((v / 0xC0) << 8) | (v % 0xC0);
                    let sjis = if word + 0x8140 <= 0x9FFC {
                        word + 0x8140
                    } else {
                        word + 0xC140
                    };
                    out.extend_from_slice(&[(sjis >> 8) as u8, (sjis & 0xFF) as u8]);
                }
            }
            // ECI designator: 1, 2 or 3 bytes by its leading bits; read and dropped.
            7 => {
                let first = r.take(8)?;
                if first & 0x80 == 0x80 {
                    r.take(if first & 0xC0 == 0x80 { 8 } else { 16 })?;
                }
            }
            // Structured append (symbol index, count, parity): the part is read as it is.
            3 => {
                r.take(16)?;
            }
            // FNC1 in first position (GS1): no data; in second position: an application indicator.
            5 => {}
            9 => {
                r.take(8)?;
            }
            _ => return Err(Fail::Data),
        }
    }
    Ok(out)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn gf_tables_invert() {
        for a in 1..=255u8 {
            assert_eq!(mul(a, div(1, a)), 1);
            assert_eq!(exp(log(a)), a);
        }
    }

    #[test]
    fn alignment_positions_match_annex_e() {
        assert_eq!(alignment_positions(1), Vec::<usize>::new());
        assert_eq!(alignment_positions(2), [6, 18]);
        assert_eq!(alignment_positions(7), [6, 22, 38]);
        assert_eq!(alignment_positions(15), [6, 26, 48, 70]);
        assert_eq!(alignment_positions(32), [6, 34, 60, 86, 112, 138]);
        assert_eq!(alignment_positions(36), [6, 24, 50, 76, 102, 128, 154]);
        assert_eq!(alignment_positions(40), [6, 30, 58, 86, 114, 142, 170]);
    }

    #[test]
    fn data_capacity_matches_table_7() {
        // Data codewords of a few symbols (Table 7): total − blocks × EC per block.
        for (v, ec, want) in [
            (1, EcLevel::L, 19),
            (1, EcLevel::H, 9),
            (5, EcLevel::Q, 62),
            (10, EcLevel::M, 216),
            (40, EcLevel::L, 2956),
            (40, EcLevel::H, 1276),
        ] {
            let size = 17 + 4 * usize::from(v);
            let free = function_modules(v).iter().filter(|&&f| !f).count();
            // The remainder bits (0, 3, 4 or 7 modules) are not codewords.
            let total = free / 8;
            let (li, vi) = (level_index(ec), usize::from(v - 1));
            let ecc = usize::from(ECC_PER_BLOCK[li][vi]) * usize::from(BLOCKS[li][vi]);
            assert_eq!(total - ecc, want, "version {v} {ec:?} (size {size})");
        }
    }

    #[test]
    fn format_codewords_correct_three_errors() {
        for d in 0..32 {
            let code = ((d << 10) | bch(d, 10, 0x537)) ^ 0x5412;
            assert_eq!(correct_format(code), Some(d));
            assert_eq!(correct_format(code ^ 0b100_0000_0100_0001), Some(d));
        }
    }

    #[test]
    fn reed_solomon_corrects_up_to_capacity_and_refuses_beyond() {
        // A codeword: data, then the remainder of data·x^ecc by the generator ∏(x − α^i).
        let ecc = 10;
        let mut g = vec![1u8];
        for i in 0..ecc {
            let mut next = vec![0u8; g.len() + 1];
            for (k, &c) in g.iter().enumerate() {
                next[k] ^= c;
                next[k + 1] ^= mul(c, exp(i));
            }
            g = next;
        }
        let data: Vec<u8> = (0..16u8)
            .map(|i| i.wrapping_mul(37).wrapping_add(5))
            .collect();
        let mut rem = data.clone();
        rem.extend(vec![0; ecc]);
        for i in 0..data.len() {
            let c = rem[i];
            if c != 0 {
                for (k, &gk) in g.iter().enumerate() {
                    rem[i + k] ^= mul(gk, c);
                }
            }
        }
        let mut block = data.clone();
        block.extend_from_slice(&rem[data.len()..]);
        let clean = block.clone();
        correct(&mut block, ecc, 5).unwrap();
        assert_eq!(block, clean);
        for errs in 1..=5 {
            let mut b = clean.clone();
            for e in 0..errs {
                b[e * 5 + 1] ^= 0x5A ^ (e as u8);
            }
            correct(&mut b, ecc, 5).unwrap();
            assert_eq!(b, clean, "{errs} errors");
        }
        let mut b = clean.clone();
        for e in 0..6 {
            b[e * 4] ^= 0xFF;
        }
        assert!(correct(&mut b, ecc, 5).is_err() || b != clean);
    }

    /// Symbols from the `qrcode` crate (an independent encoder) for every version and level,
    /// with numeric, alphanumeric and byte segments, decode to their data — also with two
    /// data modules flipped.
    #[test]
    fn decodes_an_independent_encoder_at_every_version_and_level() {
        use qrcode::{EcLevel as L, QrCode, Version};
        for v in 1..=40i16 {
            for (ec, want) in [
                (L::L, EcLevel::L),
                (L::M, EcLevel::M),
                (L::Q, EcLevel::Q),
                (L::H, EcLevel::H),
            ] {
                let n = usize::try_from(v).unwrap() * 6 + 1;
                let data: Vec<u8> = b"0123456789012345HELLO WORLD $%*+-./:"
                    .iter()
                    .copied()
                    .chain((0..).map(|i: u32| (i * 131 % 251) as u8))
                    .take(n)
                    .collect();
                let code = QrCode::with_version(&data, Version::Normal(v), ec).unwrap();
                let size = code.width();
                let dark: Vec<bool> = code
                    .to_colors()
                    .into_iter()
                    .map(|c| c == qrcode::Color::Dark)
                    .collect();
                let sym = decode(size, &|x, y| dark[y * size + x]).unwrap();
                assert_eq!((sym.version, sym.ec), (u8::try_from(v).unwrap(), want));
                assert_eq!(sym.bytes, data, "version {v} {want:?}");
                // Two flipped data modules: at most two codewords wrong, always correctable.
                let version = u8::try_from(v).unwrap();
                let free: Vec<usize> = function_modules(version)
                    .iter()
                    .enumerate()
                    .filter(|&(_, &f)| !f)
                    .map(|(i, _)| i)
                    .collect();
                let mut noisy = dark.clone();
                for k in [free.len() / 3, 2 * free.len() / 3] {
                    noisy[free[k]] ^= true;
                }
                let sym = decode(size, &|x, y| noisy[y * size + x]).unwrap();
                assert_eq!(sym.bytes, data, "version {v} {want:?} with errors");
            }
        }
    }

    /// A version-1-M symbol (one block, 10 EC codewords, 2 of them misdecode protection: 4
    /// errors correctable) with `flips` modules flipped, each in its own codeword.
    pub(crate) fn v1m_with_errors(flips: usize) -> (Vec<bool>, Vec<u8>) {
        use qrcode::{EcLevel as L, QrCode, Version};
        let data = b"HELLO 1-M".to_vec();
        let code = QrCode::with_version(&data, Version::Normal(1), L::M).unwrap();
        let mut dark: Vec<bool> = code
            .to_colors()
            .into_iter()
            .map(|c| c == qrcode::Color::Dark)
            .collect();
        // Codewords 0, 1, 2 start at rows 20, 16, 12 of column 20; codeword 3 at (18, 9).
        for &(x, y) in [(20, 20), (20, 16), (20, 12), (18, 9)].iter().take(flips) {
            dark[y * 21 + x] ^= true;
        }
        (dark, data)
    }

    #[test]
    fn reports_the_errors_corrected() {
        for flips in 0..=4 {
            let (dark, data) = v1m_with_errors(flips);
            let sym = decode(21, &|x, y| dark[y * 21 + x]).unwrap();
            assert_eq!(sym.bytes, data);
            assert_eq!(sym.errors, (flips, 4));
        }
    }

    #[test]
    fn wrong_sizes_and_blank_grids_are_refused() {
        assert_eq!(decode(20, &|_, _| false), Err(Fail::Size));
        assert_eq!(decode(181, &|_, _| false), Err(Fail::Size));
        assert!(decode(21, &|_, _| false).is_err());
        assert!(decode(25, &|x, y| (x * 7 + y * 3) % 5 == 0).is_err());
    }
}
