//! PNG and JPEG files → greyscale, for the CLI and Node (browsers decode images themselves).
//! Dimensions are checked against [`super::MAX_IMAGE_PIXELS`] from the headers, before any
//! pixel buffer is allocated.

use std::io::Cursor;

use super::image::{luma, Gray};
use super::MAX_IMAGE_FILE_BYTES;
use crate::error::Error;

/// Decodes a PNG or JPEG file (recognised by its signature) to greyscale.
pub fn decode_image_file(bytes: &[u8]) -> Result<Gray, Error> {
    if bytes.len() > MAX_IMAGE_FILE_BYTES {
        return Err(Error::InputTooLarge {
            len: bytes.len(),
            max: MAX_IMAGE_FILE_BYTES,
        });
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        decode_png(bytes)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        decode_jpeg(bytes)
    } else {
        Err(Error::ImageDecode)
    }
}

fn decode_png(bytes: &[u8]) -> Result<Gray, Error> {
    let mut decoder = png::Decoder::new(Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(|_| Error::ImageDecode)?;
    let (w, h) = {
        let info = reader.info();
        (
            usize::try_from(info.width).unwrap_or(usize::MAX),
            usize::try_from(info.height).unwrap_or(usize::MAX),
        )
    };
    super::check_size(w, h)?;
    let mut buf = vec![0; reader.output_buffer_size()];
    let out = reader
        .next_frame(&mut buf)
        .map_err(|_| Error::ImageDecode)?;
    let data = buf.get(..out.buffer_size()).ok_or(Error::ImageDecode)?;
    let channels = match out.color_type {
        png::ColorType::Grayscale => 1,
        png::ColorType::GrayscaleAlpha => 2,
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        png::ColorType::Indexed => return Err(Error::ImageDecode),
    };
    let stride = out.line_size;
    let mut px = Vec::with_capacity(w * h);
    for row in data.chunks(stride).take(h) {
        for p in row.chunks_exact(channels).take(w) {
            px.push(match p {
                [g] | [g, _] => *g,
                [r, g, b] | [r, g, b, _] => luma(*r, *g, *b),
                _ => 0,
            });
        }
    }
    Gray::new(w, h, px).ok_or(Error::ImageDecode)
}

fn decode_jpeg(bytes: &[u8]) -> Result<Gray, Error> {
    use zune_jpeg::zune_core::bytestream::ZCursor;
    use zune_jpeg::zune_core::colorspace::ColorSpace;
    use zune_jpeg::zune_core::options::DecoderOptions;

    let options = DecoderOptions::default().jpeg_set_out_colorspace(ColorSpace::Luma);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(bytes), options);
    decoder.decode_headers().map_err(|_| Error::ImageDecode)?;
    let info = decoder.info().ok_or(Error::ImageDecode)?;
    let (w, h) = (usize::from(info.width), usize::from(info.height));
    super::check_size(w, h)?;
    let px = decoder.decode().map_err(|_| Error::ImageDecode)?;
    Gray::new(w, h, px).ok_or(Error::ImageDecode)
}
