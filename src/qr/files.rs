//! PNG and JPEG files → greyscale, for the CLI and Node (browsers decode images themselves).
//! Dimensions are checked against [`super::MAX_IMAGE_PIXELS`] from the headers, before any
//! pixel buffer is allocated.

use super::image::Gray;
use super::png::decode_png;
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
