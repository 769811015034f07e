//! A small, strict PNG decoder to greyscale, over `miniz_oxide`'s core inflater with an output
//! buffer of exactly the size the header implies.
//!
//! Accepted: every colour type and bit depth of the specification (grey 1/2/4/8/16, RGB 8/16,
//! palette 1/2/4/8, grey+alpha 8/16, RGBA 8/16), Adam7 interlacing, the five filters. Checked:
//! the signature, IHDR first, every chunk's CRC-32, PLTE before the IDATs (required for palette
//! images), consecutive IDATs whose zlib stream inflates to exactly the image's size with nothing
//! after it, IEND last with nothing after it; unknown critical chunks are refused, ancillary
//! ones (tRNS, gAMA, text…) skipped. Alpha is dropped and the Adler-32 of the zlib stream is not
//! checked (as the `png` crate did before: chunk CRCs already cover the data).
//!
//! The grey value is the one the `png` crate gave with `EXPAND | STRIP_16` followed by our
//! [`luma`]: low-depth grey scaled to 0–255, the high byte of 16-bit samples, palette entries
//! past the end of PLTE black.

use miniz_oxide::inflate::core::inflate_flags::{
    TINFL_FLAG_IGNORE_ADLER32, TINFL_FLAG_PARSE_ZLIB_HEADER,
    TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF,
};
use miniz_oxide::inflate::core::{decompress, DecompressorOxide};
use miniz_oxide::inflate::TINFLStatus;

use super::image::{luma, Gray};
use crate::error::Error;

const SIGNATURE: &[u8; 8] = b"\x89PNG\r\n\x1a\n";

/// Adam7 passes: (x0, y0, dx, dy).
const ADAM7: [(usize, usize, usize, usize); 7] = [
    (0, 0, 8, 8),
    (4, 0, 8, 8),
    (0, 4, 4, 8),
    (2, 0, 4, 4),
    (0, 2, 2, 4),
    (1, 0, 2, 2),
    (0, 1, 1, 2),
];
const NOT_INTERLACED: [(usize, usize, usize, usize); 1] = [(0, 0, 1, 1)];

/// CRC-32 (the PNG chunk CRC, polynomial 0xEDB88320 reflected), four bits at a time:
/// entry `n` is the CRC register after shifting the nibble `n` through it.
const CRC_NIBBLE: [u32; 16] = [
    0x0000_0000,
    0x1DB7_1064,
    0x3B6E_20C8,
    0x26D9_30AC,
    0x76DC_4190,
    0x6B6B_51F4,
    0x4DB2_6158,
    0x5005_713C,
    0xEDB8_8320,
    0xF00F_9344,
    0xD6D6_A3E8,
    0xCB61_B38C,
    0x9B64_C2B0,
    0x86D3_D2D4,
    0xA00A_E278,
    0xBDBD_F21C,
];

fn crc32(parts: &[&[u8]]) -> u32 {
    let mut c = !0u32;
    for part in parts {
        for &b in *part {
            c ^= u32::from(b);
            for _ in 0..2 {
                c = (c >> 4) ^ CRC_NIBBLE.get((c & 15) as usize).copied().unwrap_or(0);
            }
        }
    }
    !c
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    let s: [u8; 4] = b.get(at..at.checked_add(4)?)?.try_into().ok()?;
    Some(u32::from_be_bytes(s))
}

/// The header fields we use.
struct Header {
    w: usize,
    h: usize,
    depth: u8,
    color: u8,
    interlaced: bool,
}

impl Header {
    /// Samples per pixel.
    fn channels(&self) -> usize {
        match self.color {
            2 => 3,
            4 => 2,
            6 => 4,
            _ => 1,
        }
    }
    fn bits_per_pixel(&self) -> usize {
        self.channels() * usize::from(self.depth)
    }
    /// Bytes of one filtered row of `pw` pixels, without the filter byte.
    fn row_bytes(&self, pw: usize) -> Option<usize> {
        Some(pw.checked_mul(self.bits_per_pixel())?.div_ceil(8))
    }
}

fn parse_header(d: &[u8]) -> Result<Header, Error> {
    let [w0, w1, w2, w3, h0, h1, h2, h3, depth, color, compression, filter, interlace] = *d else {
        return Err(Error::ImageDecode);
    };
    let w = u32::from_be_bytes([w0, w1, w2, w3]);
    let h = u32::from_be_bytes([h0, h1, h2, h3]);
    let depth_ok = match color {
        0 => matches!(depth, 1 | 2 | 4 | 8 | 16),
        3 => matches!(depth, 1 | 2 | 4 | 8),
        2 | 4 | 6 => matches!(depth, 8 | 16),
        _ => false,
    };
    // Width and height are at most 2^31 - 1 (and not 0): anything else is not a PNG.
    if !depth_ok || compression != 0 || filter != 0 || interlace > 1 {
        return Err(Error::ImageDecode);
    }
    if w == 0 || h == 0 || w > 0x7FFF_FFFF || h > 0x7FFF_FFFF {
        return Err(Error::ImageDecode);
    }
    Ok(Header {
        w: usize::try_from(w).unwrap_or(usize::MAX),
        h: usize::try_from(h).unwrap_or(usize::MAX),
        depth,
        color,
        interlaced: interlace == 1,
    })
}

/// The (x0, y0, dx, dy) passes and, for each, its width and height in pixels.
fn passes(hd: &Header) -> impl Iterator<Item = ((usize, usize, usize, usize), usize, usize)> + '_ {
    let list: &'static [(usize, usize, usize, usize)] = if hd.interlaced {
        &ADAM7
    } else {
        &NOT_INTERLACED
    };
    list.iter().map(move |&(x0, y0, dx, dy)| {
        let pw = hd.w.saturating_sub(x0).div_ceil(dx);
        let ph = hd.h.saturating_sub(y0).div_ceil(dy);
        ((x0, y0, dx, dy), pw, ph)
    })
}

/// Inflated size of the image data: per non-empty pass, one filter byte and the row per line.
fn raw_size(hd: &Header) -> Option<usize> {
    passes(hd).try_fold(0usize, |acc, (_, pw, ph)| {
        if pw == 0 || ph == 0 {
            return Some(acc);
        }
        acc.checked_add(hd.row_bytes(pw)?.checked_add(1)?.checked_mul(ph)?)
    })
}

/// Decodes a PNG file to greyscale. [`Error::ImageTooLarge`] / [`Error::ImageFormat`] from the
/// dimensions (checked before any pixel buffer is allocated), [`Error::ImageDecode`] for
/// everything else.
pub(crate) fn decode_png(bytes: &[u8]) -> Result<Gray, Error> {
    let mut rest = bytes.strip_prefix(SIGNATURE).ok_or(Error::ImageDecode)?;
    let mut header: Option<Header> = None;
    let mut palette: &[u8] = &[];
    let mut idat: Vec<u8> = Vec::new();
    // 0: before the first IDAT, 1: in the IDAT run, 2: after it.
    let mut idat_state = 0u8;
    loop {
        let len = be32(rest, 0).ok_or(Error::ImageDecode)?;
        if len > 0x7FFF_FFFF {
            return Err(Error::ImageDecode);
        }
        let len = usize::try_from(len).map_err(|_| Error::ImageDecode)?;
        let end = len.checked_add(12).ok_or(Error::ImageDecode)?;
        let chunk = rest.get(..end).ok_or(Error::ImageDecode)?;
        let kind = chunk.get(4..8).ok_or(Error::ImageDecode)?;
        let data = chunk.get(8..8 + len).ok_or(Error::ImageDecode)?;
        if be32(chunk, 8 + len) != Some(crc32(&[kind, data])) {
            return Err(Error::ImageDecode);
        }
        rest = rest.get(end..).ok_or(Error::ImageDecode)?;
        if header.is_none() && kind != b"IHDR" {
            return Err(Error::ImageDecode);
        }
        if idat_state == 1 && kind != b"IDAT" {
            idat_state = 2;
        }
        match kind {
            b"IHDR" => {
                if header.is_some() {
                    return Err(Error::ImageDecode);
                }
                let hd = parse_header(data)?;
                super::check_size(hd.w, hd.h)?;
                header = Some(hd);
            }
            b"PLTE" => {
                if idat_state != 0 || !palette.is_empty() {
                    return Err(Error::ImageDecode);
                }
                if data.is_empty() || data.len() % 3 != 0 || data.len() > 768 {
                    return Err(Error::ImageDecode);
                }
                palette = data;
            }
            b"IDAT" => {
                if idat_state == 2 {
                    return Err(Error::ImageDecode);
                }
                idat_state = 1;
                idat.try_reserve(data.len())
                    .map_err(|_| Error::ImageDecode)?;
                idat.extend_from_slice(data);
            }
            b"IEND" => {
                if !data.is_empty() || !rest.is_empty() || idat_state == 0 {
                    return Err(Error::ImageDecode);
                }
                break;
            }
            // Bit 5 of the first byte clear: a critical chunk we do not know.
            [first, ..] if first & 0x20 == 0 => return Err(Error::ImageDecode),
            _ => {}
        }
    }
    let hd = header.ok_or(Error::ImageDecode)?;
    if hd.color == 3 && palette.is_empty() {
        return Err(Error::ImageDecode);
    }
    let size = raw_size(&hd).ok_or(Error::ImageDecode)?;
    let mut raw = Vec::new();
    raw.try_reserve_exact(size)
        .map_err(|_| Error::ImageDecode)?;
    raw.resize(size, 0);
    inflate_exact(&idat, &mut raw)?;
    drop(idat);
    to_gray(&hd, palette, &mut raw)
}

/// Inflates the zlib stream `input` into exactly `out.len()` bytes: a stream that ends early,
/// would write more, or is followed by anything is an error.
fn inflate_exact(input: &[u8], out: &mut [u8]) -> Result<(), Error> {
    let flags = TINFL_FLAG_PARSE_ZLIB_HEADER
        | TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF
        | TINFL_FLAG_IGNORE_ADLER32;
    let mut inflater = Box::<DecompressorOxide>::default();
    // Without TINFL_FLAG_HAS_MORE_INPUT: `input` is the whole stream.
    let (status, consumed, written) = decompress(&mut inflater, input, out, 0, flags);
    match status {
        TINFLStatus::Done if consumed == input.len() && written == out.len() => Ok(()),
        _ => Err(Error::ImageDecode),
    }
}

/// Undoes the filters of every pass in place and converts the pixels to grey.
fn to_gray(hd: &Header, palette: &[u8], raw: &mut [u8]) -> Result<Gray, Error> {
    let n = hd.w.checked_mul(hd.h).ok_or(Error::ImageDecode)?;
    let mut px = Vec::new();
    px.try_reserve_exact(n).map_err(|_| Error::ImageDecode)?;
    px.resize(n, 0);
    let bpp = hd.bits_per_pixel().div_ceil(8);
    let mut at = 0usize;
    for ((x0, y0, dx, dy), pw, ph) in passes(hd) {
        if pw == 0 || ph == 0 {
            continue;
        }
        let rb = hd.row_bytes(pw).ok_or(Error::ImageDecode)?;
        let stride = rb + 1;
        let pass = raw
            .get_mut(at..at + stride * ph)
            .ok_or(Error::ImageDecode)?;
        at += stride * ph;
        for r in 0..ph {
            let (done, now) = pass.split_at_mut(r * stride);
            let prev = match r {
                0 => None,
                _ => done.get(done.len() - rb..),
            };
            let (ftype, line) = now.split_first_mut().ok_or(Error::ImageDecode)?;
            let line = line.get_mut(..rb).ok_or(Error::ImageDecode)?;
            unfilter(*ftype, bpp, prev, line)?;
            let y = y0 + r * dy;
            let out = px
                .get_mut(y * hd.w..(y + 1) * hd.w)
                .ok_or(Error::ImageDecode)?;
            for i in 0..pw {
                if let Some(p) = out.get_mut(x0 + i * dx) {
                    *p = grey_of(hd, palette, line, i);
                }
            }
        }
    }
    Gray::new(hd.w, hd.h, px).ok_or(Error::ImageDecode)
}

/// Reverses filter `ftype` on `line` given the previous (already unfiltered) line of the pass.
fn unfilter(ftype: u8, bpp: usize, prev: Option<&[u8]>, line: &mut [u8]) -> Result<(), Error> {
    let up = |i: usize| prev.and_then(|p| p.get(i).copied()).unwrap_or(0);
    for i in 0..line.len() {
        let a = match i.checked_sub(bpp) {
            Some(j) => line.get(j).copied().unwrap_or(0),
            None => 0,
        };
        let b = up(i);
        let c = i.checked_sub(bpp).map_or(0, up);
        let add = match ftype {
            0 => 0,
            1 => a,
            2 => b,
            3 => ((u16::from(a) + u16::from(b)) / 2).to_le_bytes()[0],
            4 => paeth(a, b, c),
            _ => return Err(Error::ImageDecode),
        };
        if let Some(x) = line.get_mut(i) {
            *x = x.wrapping_add(add);
        }
    }
    Ok(())
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let (ia, ib, ic) = (i16::from(a), i16::from(b), i16::from(c));
    let p = ia + ib - ic;
    let (pa, pb, pc) = ((p - ia).abs(), (p - ib).abs(), (p - ic).abs());
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

/// Sample `s` of an unfiltered line, reduced to 8 bits as `png`'s `STRIP_16` did (the high
/// byte); below 8 bits, the raw value.
fn sample(depth: u8, line: &[u8], s: usize) -> u8 {
    match depth {
        16 => line.get(2 * s).copied().unwrap_or(0),
        8 => line.get(s).copied().unwrap_or(0),
        _ => {
            let d = usize::from(depth);
            let bit = s * d;
            let byte = line.get(bit / 8).copied().unwrap_or(0);
            let shift = 8 - d - bit % 8;
            (byte >> shift) & ((1u8 << d) - 1)
        }
    }
}

fn grey_of(hd: &Header, palette: &[u8], line: &[u8], i: usize) -> u8 {
    let ch = hd.channels();
    let s = |k: usize| sample(hd.depth, line, i * ch + k);
    match hd.color {
        // Low-depth grey scaled to 0–255 (1 bit ×255, 2 bits ×85, 4 bits ×17).
        0 | 4 if hd.depth < 8 => s(0).wrapping_mul(255 / ((1u8 << hd.depth) - 1)),
        0 | 4 => s(0),
        3 => {
            let k = usize::from(s(0)) * 3;
            match palette.get(k..k + 3) {
                Some(&[r, g, b]) => luma(r, g, b),
                _ => luma(0, 0, 0),
            }
        }
        _ => luma(s(0), s(1), s(2)),
    }
}
