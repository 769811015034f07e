//! QR encoding: the payload as a single byte segment, EC level M, smallest
//! version that fits (no ECI header, as on the cards).

use qrcode::bits::Bits;
use qrcode::types::{Color, QrError};
use qrcode::{EcLevel, QrCode, Version};

/// A QR symbol as a square module matrix (true = dark), without quiet zone.
#[derive(Clone, Debug)]
pub struct QrMatrix {
    /// QR version 1..=40.
    pub version: i16,
    /// Modules per side (17 + 4 * version).
    pub size: usize,
    /// Row-major, `size * size`.
    pub dark: Vec<bool>,
}

impl QrMatrix {
    /// Module at (x, y).
    pub fn get(&self, x: usize, y: usize) -> bool {
        self.dark[y * self.size + x]
    }
}

/// Encodes `text` as one byte segment at EC level M in the minimal version.
pub fn encode(text: &str) -> Result<QrMatrix, QrError> {
    for v in 1..=40i16 {
        let mut bits = Bits::new(Version::Normal(v));
        if bits.push_byte_data(text.as_bytes()).is_err() {
            continue;
        }
        if bits.push_terminator(EcLevel::M).is_err() {
            continue;
        }
        let code = QrCode::with_bits(bits, EcLevel::M)?;
        let size = code.width();
        let dark = code
            .to_colors()
            .into_iter()
            .map(|c| c == Color::Dark)
            .collect();
        return Ok(QrMatrix {
            version: v,
            size,
            dark,
        });
    }
    Err(QrError::DataTooLong)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_version_byte_mode() {
        // 106 bytes is the byte-mode capacity of 6-M; 107 needs version 7.
        let a = "x".repeat(106);
        let b = "x".repeat(107);
        assert_eq!(encode(&a).unwrap().version, 6);
        assert_eq!(encode(&b).unwrap().version, 7);
        assert_eq!(encode(&b).unwrap().size, 45);
    }
}
