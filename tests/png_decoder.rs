//! Our PNG decoder (src/qr/png.rs) against the `png` crate, which it replaced: the same grey
//! pixels for every PNG of the QR benchmark and for generated files of every colour type × bit
//! depth, interlaced or not, every filter, odd sizes; and typed errors for broken files.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::cast_possible_truncation
)]

use cccd_verify::qr::decode_image_file;
use cccd_verify::Error;
use miniz_oxide::deflate::compress_to_vec_zlib;

/// What the previous implementation returned: `png` with `EXPAND | STRIP_16`, then our luma.
fn reference(bytes: &[u8]) -> Option<(usize, usize, Vec<u8>)> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().ok()?;
    let (w, h) = (reader.info().width as usize, reader.info().height as usize);
    let mut buf = vec![0; reader.output_buffer_size()];
    let out = reader.next_frame(&mut buf).ok()?;
    let channels = match out.color_type {
        png::ColorType::Grayscale => 1,
        png::ColorType::GrayscaleAlpha => 2,
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        png::ColorType::Indexed => return None,
    };
    let mut px = Vec::with_capacity(w * h);
    for row in buf[..out.buffer_size()].chunks(out.line_size).take(h) {
        for p in row.chunks_exact(channels).take(w) {
            px.push(match p {
                [g] | [g, _] => *g,
                [r, g, b] | [r, g, b, _] => {
                    let y = 77 * u32::from(*r) + 150 * u32::from(*g) + 29 * u32::from(*b);
                    (y >> 8) as u8
                }
                _ => unreachable!(),
            });
        }
    }
    Some((w, h, px))
}

fn ours(bytes: &[u8]) -> Result<(usize, usize, Vec<u8>), Error> {
    decode_image_file(bytes).map(|g| (g.width(), g.height(), g.pixels().to_vec()))
}

fn assert_same(bytes: &[u8], what: &str) {
    let want = reference(bytes).unwrap_or_else(|| panic!("{what}: the png crate refused it"));
    let got = ours(bytes).unwrap_or_else(|e| panic!("{what}: {e:?}"));
    assert_eq!((got.0, got.1), (want.0, want.1), "{what}: dimensions");
    assert!(got.2 == want.2, "{what}: pixels differ");
}

#[test]
fn every_benchmark_png_decodes_as_before() {
    let mut files = Vec::new();
    let mut dirs = vec![std::path::PathBuf::from("../shared/qr-bench")];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x.eq_ignore_ascii_case("png")) {
                files.push(p);
            }
        }
    }
    assert!(files.len() >= 100, "only {} PNGs found", files.len());
    for f in &files {
        assert_same(&std::fs::read(f).unwrap(), &f.display().to_string());
    }
}

/// Deterministic bytes (an LCG).
fn noise(n: usize, seed: u32) -> Vec<u8> {
    let mut s = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
    (0..n)
        .map(|_| {
            s = s.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (s >> 16) as u8
        })
        .collect()
}

const COMBOS: [(u8, &[u8]); 5] = [
    (0, &[1, 2, 4, 8, 16]),
    (2, &[8, 16]),
    (3, &[1, 2, 4, 8]),
    (4, &[8, 16]),
    (6, &[8, 16]),
];

fn channels(color: u8) -> usize {
    match color {
        2 => 3,
        4 => 2,
        6 => 4,
        _ => 1,
    }
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let mut crc = crc32fast::Hasher::new();
    crc.update(kind);
    crc.update(data);
    out.extend_from_slice(&crc.finalize().to_be_bytes());
}

fn ihdr(w: u32, h: u32, depth: u8, color: u8, interlace: u8) -> Vec<u8> {
    let mut d = Vec::new();
    d.extend_from_slice(&w.to_be_bytes());
    d.extend_from_slice(&h.to_be_bytes());
    d.extend_from_slice(&[depth, color, 0, 0, interlace]);
    d
}

/// A PNG file from its parts; `zlib` is the whole IDAT payload.
fn file(ihdr_data: &[u8], plte: Option<&[u8]>, zlib: &[u8]) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut out, b"IHDR", ihdr_data);
    if let Some(p) = plte {
        chunk(&mut out, b"PLTE", p);
    }
    chunk(&mut out, b"IDAT", zlib);
    chunk(&mut out, b"IEND", &[]);
    out
}

/// Forward filter `f` of one row (`prev` is the previous raw row of the pass, or zeros).
fn filter_row(f: u8, bpp: usize, row: &[u8], prev: &[u8]) -> Vec<u8> {
    let mut out = vec![f];
    for i in 0..row.len() {
        let a = if i >= bpp { row[i - bpp] } else { 0 };
        let b = prev[i];
        let c = if i >= bpp { prev[i - bpp] } else { 0 };
        let pred = match f {
            0 => 0,
            1 => a,
            2 => b,
            3 => ((u16::from(a) + u16::from(b)) / 2) as u8,
            _ => {
                let p = i16::from(a) + i16::from(b) - i16::from(c);
                let (pa, pb, pc) = (
                    (p - i16::from(a)).abs(),
                    (p - i16::from(b)).abs(),
                    (p - i16::from(c)).abs(),
                );
                if pa <= pb && pa <= pc {
                    a
                } else if pb <= pc {
                    b
                } else {
                    c
                }
            }
        };
        out.push(row[i].wrapping_sub(pred));
    }
    out
}

/// An Adam7 file of random rows (the `png` crate's encoder writes no interlaced files): each
/// pass's rows filtered with filter (row + pass) mod 5.
fn interlaced(w: usize, h: usize, color: u8, depth: u8, seed: u32) -> Vec<u8> {
    let bits = channels(color) * usize::from(depth);
    let bpp = bits.div_ceil(8);
    let mut raw = Vec::new();
    let passes = [
        (0, 0, 8, 8),
        (4, 0, 8, 8),
        (0, 4, 4, 8),
        (2, 0, 4, 4),
        (0, 2, 2, 4),
        (1, 0, 2, 2),
        (0, 1, 1, 2),
    ];
    for (k, (x0, y0, dx, dy)) in passes.into_iter().enumerate() {
        let pw = (w.saturating_sub(x0)).div_ceil(dx);
        let ph = (h.saturating_sub(y0)).div_ceil(dy);
        if pw == 0 || ph == 0 {
            continue;
        }
        let rb = (pw * bits).div_ceil(8);
        let mut prev = vec![0u8; rb];
        for r in 0..ph {
            let row = noise(rb, seed + (k * 1000 + r) as u32);
            raw.extend(filter_row(((r + k) % 5) as u8, bpp, &row, &prev));
            prev = row;
        }
    }
    let plte = noise(3 * 5, seed);
    file(
        &ihdr(w as u32, h as u32, depth, color, 1),
        (color == 3).then_some(&plte[..]),
        &compress_to_vec_zlib(&raw, 6),
    )
}

/// A non-interlaced file written by the `png` crate with filter `f`.
fn encoded(w: usize, h: usize, color: u8, depth: u8, f: png::FilterType, seed: u32) -> Vec<u8> {
    let bits = channels(color) * usize::from(depth);
    let data = noise((w * bits).div_ceil(8) * h, seed);
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, w as u32, h as u32);
    enc.set_color(png::ColorType::from_u8(color).unwrap());
    enc.set_depth(png::BitDepth::from_u8(depth).unwrap());
    enc.set_filter(f);
    if color == 3 {
        // Five entries: higher indices are past the palette (black).
        enc.set_palette(noise(15, seed + 1));
    }
    let mut wr = enc.write_header().unwrap();
    wr.write_image_data(&data).unwrap();
    wr.finish().unwrap();
    out
}

#[test]
fn generated_pngs_of_every_kind_decode_as_before() {
    let filters = [
        png::FilterType::NoFilter,
        png::FilterType::Sub,
        png::FilterType::Up,
        png::FilterType::Avg,
        png::FilterType::Paeth,
    ];
    let mut n = 0;
    for (color, depths) in COMBOS {
        for &depth in depths {
            for (i, &(w, h)) in [(1, 1), (3, 5), (7, 2), (13, 9), (33, 17)]
                .iter()
                .enumerate()
            {
                let seed = u32::from(color) * 100 + u32::from(depth) * 10 + i as u32;
                for f in filters {
                    let what = format!("colour {color} depth {depth} {w}x{h} {f:?}");
                    assert_same(&encoded(w, h, color, depth, f, seed), &what);
                    n += 1;
                }
                let what = format!("colour {color} depth {depth} {w}x{h} interlaced");
                assert_same(&interlaced(w, h, color, depth, seed), &what);
                n += 1;
            }
        }
    }
    assert_eq!(n, 15 * 5 * 6);
}

/// A valid 9×7 8-bit RGB file built by hand, with its raw (filtered) image data.
fn small() -> (Vec<u8>, Vec<u8>) {
    let mut raw = Vec::new();
    for r in 0..7u32 {
        raw.push((r % 5) as u8);
        raw.extend(noise(27, r));
    }
    (ihdr(9, 7, 8, 2, 0), raw)
}

fn small_file() -> Vec<u8> {
    let (hd, raw) = small();
    file(&hd, None, &compress_to_vec_zlib(&raw, 6))
}

#[test]
fn the_hand_built_file_decodes() {
    assert_same(&small_file(), "hand-built");
}

#[test]
fn a_bad_crc_is_refused() {
    let good = small_file();
    for at in [12, 20, 29, 40, good.len() - 5] {
        let mut bad = good.clone();
        bad[at] ^= 1;
        assert_eq!(ours(&bad), Err(Error::ImageDecode), "byte {at} flipped");
    }
}

#[test]
fn a_truncated_file_is_refused() {
    let good = small_file();
    for cut in 0..good.len() {
        assert!(ours(&good[..cut]).is_err(), "cut at {cut}");
    }
    assert_eq!(
        ours(&good[..good.len() - 12]),
        Err(Error::ImageDecode),
        "no IEND"
    );
}

#[test]
fn anything_after_iend_is_refused() {
    let mut bad = small_file();
    bad.push(0);
    assert_eq!(ours(&bad), Err(Error::ImageDecode));
}

#[test]
fn an_unknown_filter_type_is_refused() {
    let (hd, mut raw) = small();
    for f in [5u8, 255] {
        raw[28 * 3] = f;
        assert_eq!(
            ours(&file(&hd, None, &compress_to_vec_zlib(&raw, 6))),
            Err(Error::ImageDecode),
            "filter {f}"
        );
    }
}

#[test]
fn image_data_of_the_wrong_length_is_refused() {
    let (hd, raw) = small();
    let short = &raw[..raw.len() - 1];
    assert_eq!(
        ours(&file(&hd, None, &compress_to_vec_zlib(short, 6))),
        Err(Error::ImageDecode)
    );
    let mut long = raw.clone();
    long.push(0);
    assert_eq!(
        ours(&file(&hd, None, &compress_to_vec_zlib(&long, 6))),
        Err(Error::ImageDecode)
    );
}

#[test]
fn zlib_errors_are_refused() {
    let (hd, raw) = small();
    let z = compress_to_vec_zlib(&raw, 6);
    // Header check bits wrong (CMF·256 + FLG not a multiple of 31).
    let mut bad = z.clone();
    bad[1] ^= 1;
    assert_eq!(
        ours(&file(&hd, None, &bad)),
        Err(Error::ImageDecode),
        "header"
    );
    // Not deflate (CM 9).
    let mut bad = z.clone();
    bad[0] = 0x79;
    bad[1] = 0x01 + (31 - ((0x79u32 * 256 + 0x01) % 31)) as u8 % 31;
    assert_eq!(
        ours(&file(&hd, None, &bad)),
        Err(Error::ImageDecode),
        "method"
    );
    // Reserved block type 11.
    let mut bad = z.clone();
    bad[2] |= 0b110;
    assert_eq!(
        ours(&file(&hd, None, &bad)),
        Err(Error::ImageDecode),
        "block type"
    );
    // Cut inside the stream, and bytes after it.
    assert_eq!(
        ours(&file(&hd, None, &z[..z.len() - 6])),
        Err(Error::ImageDecode),
        "cut"
    );
    let mut bad = z.clone();
    bad.push(0);
    assert_eq!(
        ours(&file(&hd, None, &bad)),
        Err(Error::ImageDecode),
        "trailing"
    );
}

#[test]
fn oversize_dimensions_are_refused_before_decoding() {
    // No image data at all: the dimensions alone decide.
    let big = file(&ihdr(5000, 5000, 8, 0, 0), None, &[]);
    assert_eq!(
        ours(&big),
        Err(Error::ImageTooLarge {
            width: 5000,
            height: 5000,
            max_pixels: 16_777_216
        })
    );
    let fits = file(&ihdr(4096, 4096, 8, 0, 0), None, &[]);
    assert_eq!(
        ours(&fits),
        Err(Error::ImageDecode),
        "fits, but has no image data"
    );
    for (w, h) in [(0, 1), (1, 0), (0x8000_0000, 1)] {
        assert_eq!(
            ours(&file(&ihdr(w, h, 8, 0, 0), None, &[])),
            Err(Error::ImageDecode),
            "{w}x{h}"
        );
    }
}

#[test]
fn header_and_chunk_order_rules() {
    let (hd, raw) = small();
    let z = compress_to_vec_zlib(&raw, 6);
    // Invalid bit depth for the colour type, unknown colour type, compression/filter/interlace.
    for (i, v) in [(8, 4u8), (9, 5), (10, 1), (11, 1), (12, 2)] {
        let mut h2 = hd.clone();
        h2[i] = v;
        assert_eq!(
            ours(&file(&h2, None, &z)),
            Err(Error::ImageDecode),
            "IHDR byte {i} = {v}"
        );
    }
    // A palette image without PLTE; the same with it decodes.
    let pal_hd = ihdr(9, 7, 8, 3, 0);
    let pal_raw: Vec<u8> = (0..7)
        .flat_map(|_| std::iter::once(0).chain(noise(9, 3)))
        .collect();
    let pz = compress_to_vec_zlib(&pal_raw, 6);
    assert_eq!(
        ours(&file(&pal_hd, None, &pz)),
        Err(Error::ImageDecode),
        "no PLTE"
    );
    assert_same(&file(&pal_hd, Some(&noise(30, 1)), &pz), "with PLTE");
    assert_eq!(
        ours(&file(&pal_hd, Some(&noise(31, 1)), &pz)),
        Err(Error::ImageDecode),
        "PLTE length"
    );
    // An unknown critical chunk is refused, an unknown ancillary one skipped; split IDATs join,
    // but not across another chunk.
    let with = |kind: &[u8; 4], split: bool| {
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        chunk(&mut out, b"IHDR", &hd);
        let (a, b) = z.split_at(10);
        chunk(&mut out, b"IDAT", a);
        if split {
            chunk(&mut out, kind, b"x");
        }
        chunk(&mut out, b"IDAT", b);
        if !split {
            chunk(&mut out, kind, b"x");
        }
        chunk(&mut out, b"IEND", &[]);
        out
    };
    assert_same(&with(b"teXt", false), "ancillary chunk");
    assert_same(&with(b"teXt", false), "ancillary chunk after the IDATs");
    assert_eq!(
        ours(&with(b"teXt", true)),
        Err(Error::ImageDecode),
        "chunk between IDATs"
    );
    assert_eq!(
        ours(&with(b"ABCD", false)),
        Err(Error::ImageDecode),
        "critical chunk"
    );
    // IHDR only once.
    let mut split = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut split, b"IHDR", &hd);
    chunk(&mut split, b"IHDR", &hd);
    chunk(&mut split, b"IDAT", &z);
    chunk(&mut split, b"IEND", &[]);
    assert_eq!(ours(&split), Err(Error::ImageDecode), "two IHDRs");
}

#[test]
fn the_fuzz_seed_pngs_decode_as_before() {
    let mut n = 0;
    for e in std::fs::read_dir("fuzz/corpus/image_file").unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "png") {
            assert_same(&std::fs::read(&p).unwrap(), &p.display().to_string());
            n += 1;
        }
    }
    // (`seed_plte_not_multiple_of_3`, without the extension, made the `png` crate panic.)
    assert!(n >= 6, "{n} seeds");
}
