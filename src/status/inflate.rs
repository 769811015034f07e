//! Bounded zlib (RFC 1950) decompression for Status Lists, on `miniz_oxide`'s core inflater.
//!
//! The output buffer grows by doubling and never beyond the caller's limit, so a decompression
//! bomb costs at most `max` bytes of memory before it is rejected; the inflater's own state is
//! a fixed ~11 KB.

use miniz_oxide::inflate::core::inflate_flags::{
    TINFL_FLAG_PARSE_ZLIB_HEADER, TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF,
};
use miniz_oxide::inflate::core::{decompress, DecompressorOxide};
use miniz_oxide::inflate::TINFLStatus;

use crate::error::Error;

/// First output allocation. Status lists compress very well (mostly zero bytes), so the first
/// guess is a multiple of the input; doubling from there takes a handful of steps.
const INITIAL_OUTPUT: usize = 4096;

/// Inflates the whole zlib stream `input` into `out` (cleared first), writing at most `max`
/// bytes. The header, every block and the Adler-32 trailer must be valid, and nothing may
/// follow the stream.
///
/// Errors: [`Error::StatusListTooLarge`] when the output would exceed `max` (or memory for it
/// cannot be reserved), [`Error::StatusListDecompress`] for anything else.
pub(crate) fn inflate_zlib(input: &[u8], max: usize, out: &mut Vec<u8>) -> Result<(), Error> {
    out.clear();
    let flags = TINFL_FLAG_PARSE_ZLIB_HEADER | TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    let first = input.len().saturating_mul(8).max(INITIAL_OUTPUT).min(max);
    grow_to(out, first, max)?;
    let mut inflater = Box::<DecompressorOxide>::default();
    let mut in_pos = 0usize;
    let mut out_pos = 0usize;
    loop {
        let rest = input.get(in_pos..).ok_or(Error::StatusListDecompress)?;
        // Without TINFL_FLAG_HAS_MORE_INPUT: `input` is the whole stream, so running out of it
        // is an error (truncation), not a request for more.
        let (status, consumed, written) = decompress(&mut inflater, rest, out, out_pos, flags);
        in_pos = in_pos.saturating_add(consumed);
        out_pos = out_pos.saturating_add(written);
        match status {
            TINFLStatus::Done => {
                if in_pos != input.len() {
                    // Bytes after the Adler-32 trailer are not part of a zlib stream.
                    return Err(Error::StatusListDecompress);
                }
                out.truncate(out_pos);
                return Ok(());
            }
            TINFLStatus::HasMoreOutput => {
                if out.len() >= max {
                    return Err(Error::StatusListTooLarge { max });
                }
                let next = out.len().saturating_mul(2).min(max);
                grow_to(out, next, max)?;
            }
            _ => return Err(Error::StatusListDecompress),
        }
    }
}

/// Zero-extends `out` to `len` bytes, reserving exactly what is needed; an allocation failure
/// (e.g. a wasm memory limit) is reported as the list being too large, not as an abort.
fn grow_to(out: &mut Vec<u8>, len: usize, max: usize) -> Result<(), Error> {
    let extra = len.saturating_sub(out.len());
    out.try_reserve_exact(extra)
        .map_err(|_| Error::StatusListTooLarge { max })?;
    out.resize(len, 0);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A zlib stream of `n` zero bytes built by hand: one fixed-Huffman block (RFC 1951
    /// §3.2.6) with a literal 0 and then copies of (length 258, distance 1), 13 bits each, so
    /// `n` can be far larger than anything we would want to compress in a test.
    fn zeros_bomb(n: usize) -> Vec<u8> {
        struct Bits {
            out: Vec<u8>,
            acc: u64,
            nbits: u32,
        }
        impl Bits {
            /// `len` bits of `v`, least significant first (header fields, extra bits).
            fn lsb(&mut self, v: u64, len: u32) {
                self.acc |= v << self.nbits;
                self.nbits += len;
                while self.nbits >= 8 {
                    self.out.push(self.acc.to_le_bytes()[0]);
                    self.acc >>= 8;
                    self.nbits -= 8;
                }
            }
            /// A Huffman code: most significant bit first.
            fn code(&mut self, code: u64, len: u32) {
                let rev = (0..len).fold(0, |r, i| (r << 1) | ((code >> i) & 1));
                self.lsb(rev, len);
            }
        }
        let mut b = Bits {
            out: vec![0x78, 0xda],
            acc: 0,
            nbits: 0,
        };
        b.lsb(1, 1); // BFINAL
        b.lsb(1, 2); // BTYPE = 01, fixed Huffman
        b.code(0b0011_0000, 8); // literal 0
        let copies = (n - 1) / 258;
        let tail = (n - 1) % 258;
        for _ in 0..copies {
            b.code(0b1100_0101, 8); // length code 285 = 258, no extra bits
            b.code(0, 5); // distance code 0 = 1
        }
        for _ in 0..tail {
            b.code(0b0011_0000, 8);
        }
        b.code(0, 7); // end of block (256)
        if b.nbits > 0 {
            let pad = 8 - b.nbits;
            b.lsb(0, pad);
        }
        // Adler-32 of n zeros: a = 1, b = n mod 65521.
        let adler = (u32::try_from(n % 65_521).unwrap() << 16) | 1;
        b.out.extend_from_slice(&adler.to_be_bytes());
        b.out
    }

    #[test]
    fn hand_built_stream_is_valid_zlib() {
        let mut out = Vec::new();
        inflate_zlib(&zeros_bomb(100_000), 100_000, &mut out).unwrap();
        assert_eq!(out.len(), 100_000);
        assert!(out.iter().all(|&b| b == 0));
    }

    #[test]
    fn bomb_is_stopped_at_the_budget_without_allocating_its_size() {
        // 256 MiB of output from ~1.7 MB of input; the budget is 1 MiB.
        let bomb = zeros_bomb(256 << 20);
        let mut out = Vec::new();
        assert_eq!(
            inflate_zlib(&bomb, 1 << 20, &mut out),
            Err(Error::StatusListTooLarge { max: 1 << 20 })
        );
        assert!(out.capacity() <= 1 << 20, "capacity {}", out.capacity());
    }

    #[test]
    fn output_of_exactly_the_budget_is_accepted() {
        let mut out = Vec::new();
        inflate_zlib(&zeros_bomb(65_536), 65_536, &mut out).unwrap();
        assert_eq!(out.len(), 65_536);
        assert_eq!(
            inflate_zlib(&zeros_bomb(65_537), 65_536, &mut out),
            Err(Error::StatusListTooLarge { max: 65_536 })
        );
    }

    #[test]
    fn truncated_or_trailing_input_is_rejected() {
        let good = zeros_bomb(1000);
        let mut out = Vec::new();
        for cut in [0, 1, 2, 5, good.len() - 4, good.len() - 1] {
            assert_eq!(
                inflate_zlib(&good[..cut], 1 << 20, &mut out),
                Err(Error::StatusListDecompress),
                "cut at {cut}"
            );
        }
        let mut trailing = good.clone();
        trailing.push(0);
        assert_eq!(
            inflate_zlib(&trailing, 1 << 20, &mut out),
            Err(Error::StatusListDecompress)
        );
    }
}
