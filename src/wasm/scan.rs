//! Glue of the `scan` module: the card parser, MRZ, names and the QR decoder on pixels.

use serde_json::Value;
use wasm_bindgen::prelude::wasm_bindgen;

use core::sync::atomic::{AtomicU32, Ordering};

use super::{failure, result, to_value, usage};
use crate::qr::{self, DecodeOptions, Gray, QrCode};
use crate::{Card, Date, Error, Lang};

fn args(now: &str, lang: &str) -> Result<(Date, Lang), String> {
    let now = Date::parse_iso(now).ok_or_else(|| usage("now must be a YYYY-MM-DD date"))?;
    let lang = Lang::parse(lang).ok_or_else(|| usage("lang must be \"en\" or \"vi\""))?;
    Ok((now, lang))
}

fn card_result(card: Result<Card, Error>, mrz: Option<String>, lang: Lang) -> String {
    let card = card.and_then(|card| match mrz {
        Some(text) => crate::parse_mrz(&text).map(|m| card.with_mrz(m)),
        None => Ok(card),
    });
    match card {
        Ok(card) => result(true, [("card", card.to_json(lang))]),
        Err(e) => failure(&e),
    }
}

/// Parses QR text. `now` is `YYYY-MM-DD`; `mrz`, if given, is cross-checked.
#[wasm_bindgen(js_name = parseQrText)]
pub fn parse_qr_text(text: &str, now: &str, lang: &str, mrz: Option<String>) -> String {
    match args(now, lang) {
        Ok((now, lang)) => card_result(crate::parse_qr_text(text, now), mrz, lang),
        Err(u) => u,
    }
}

/// Parses raw QR bytes (UTF-8). Same result shape as `parseQrText`.
#[wasm_bindgen(js_name = parseQrBytes)]
pub fn parse_qr_bytes(bytes: &[u8], now: &str, lang: &str, mrz: Option<String>) -> String {
    match args(now, lang) {
        Ok((now, lang)) => card_result(crate::parse_qr_bytes(bytes, now), mrz, lang),
        Err(u) => u,
    }
}

/// Parses a TD1 MRZ on its own.
#[wasm_bindgen(js_name = parseMrz)]
pub fn parse_mrz(text: &str, lang: &str) -> String {
    if Lang::parse(lang).is_none() {
        return usage("lang must be \"en\" or \"vi\"");
    }
    match crate::parse_mrz(text) {
        Ok(m) => result(true, [("mrz", to_value(&m))]),
        Err(e) => failure(&e),
    }
}

/// `{ok: true, value}` or `{ok: false, error}` (names over `MAX_NAME_BYTES`).
fn name_result<T: serde::Serialize>(r: Result<T, crate::Error>) -> String {
    match r {
        Ok(v) => result(true, [("value", to_value(&v))]),
        Err(e) => failure(&e),
    }
}

/// `value`: `"exact"`, `"equivalent"`, `"without-diacritics"` or `"different"`.
#[wasm_bindgen(js_name = compareNames)]
pub fn compare_names(a: &str, b: &str) -> String {
    name_result(crate::compare_names(a, b))
}

/// `value`: the loose name-comparison key.
#[wasm_bindgen(js_name = foldName)]
pub fn fold_name(s: &str) -> String {
    name_result(crate::fold_name(s))
}

/// `value`: the ICAO 9303 transliteration.
#[wasm_bindgen(js_name = icaoTransliterate)]
pub fn icao_transliterate(s: &str) -> String {
    name_result(crate::icao_transliterate(s))
}

/// The index of the decoder attempt that last started. After a trap (rqrr can panic on some
/// images) the JS layer reads it, restarts the instance and retries with that attempt skipped.
static LAST_ATTEMPT: AtomicU32 = AtomicU32::new(u32::MAX);

/// See [`LAST_ATTEMPT`].
#[wasm_bindgen(js_name = lastAttempt)]
pub fn last_attempt() -> u32 {
    LAST_ATTEMPT.load(Ordering::Relaxed)
}

fn decode_options(mode: &str, skip: &[u32]) -> Result<DecodeOptions, String> {
    let mut opts = match mode {
        "fast" => DecodeOptions::fast(),
        "thorough" => DecodeOptions::thorough(),
        _ => return Err(usage("mode must be \"fast\" or \"thorough\"")),
    };
    opts.skip = skip
        .iter()
        .filter_map(|&i| usize::try_from(i).ok())
        .collect();
    Ok(opts)
}

fn record(i: usize) {
    LAST_ATTEMPT.store(u32::try_from(i).unwrap_or(u32::MAX), Ordering::Relaxed);
}

fn code_json(c: &QrCode) -> Value {
    let mut v = to_value(c);
    if let Some(m) = v.as_object_mut() {
        m.insert("bytes".into(), to_value(&c.bytes));
    }
    v
}

fn codes_json(codes: &[QrCode]) -> Value {
    codes.iter().map(code_json).collect()
}

fn image(kind: &str, data: &[u8], width: u32, height: u32, stride: u32) -> Result<Gray, Error> {
    let (w, h, s) = (width as usize, height as usize, stride as usize);
    match kind {
        "rgba" => qr::gray_from_rgba(w, h, data),
        "luma" => qr::gray_from_luma(w, h, s, data),
        // One module with every capability (`wasm-pack build`): files are decoded here too.
        #[cfg(glue_image)]
        _ => qr::decode_image_file(data),
        #[cfg(not(glue_image))]
        _ => Err(Error::ImageDecode),
    }
}

/// The typed error of an `image` module failure (`decodeImageFile`): `kind` 2 is
/// `ERR_IMAGE_TOO_LARGE` (with the size), anything else `ERR_IMAGE_DECODE`.
#[wasm_bindgen(js_name = imageError)]
pub fn image_error(kind: u8, width: u32, height: u32, lang: &str) -> String {
    if Lang::parse(lang).is_none() {
        return usage("lang must be \"en\" or \"vi\"");
    }
    let e = match kind {
        3 => Error::InputTooLarge {
            len: width as usize,
            max: qr::MAX_IMAGE_FILE_BYTES,
        },
        2 => Error::ImageTooLarge {
            width: width as usize,
            height: height as usize,
            max_pixels: qr::MAX_IMAGE_PIXELS,
        },
        _ => Error::ImageDecode,
    };
    failure(&e)
}

/// Decodes every QR code in an image. `kind` is `"rgba"` (ImageData layout), `"luma"` (8-bit
/// grey with `stride`) or `"file"` (PNG/JPEG bytes; width/height ignored).
#[wasm_bindgen(js_name = decodeQr)]
#[allow(clippy::too_many_arguments)] // a flat FFI signature: scalars and slices cross without serialisation
pub fn decode_qr(
    kind: &str,
    data: &[u8],
    width: u32,
    height: u32,
    stride: u32,
    mode: &str,
    skip: &[u32],
    lang: &str,
) -> String {
    let (Ok(opts), Some(_)) = (decode_options(mode, skip), Lang::parse(lang)) else {
        return usage("mode must be \"fast\" or \"thorough\" and lang \"en\" or \"vi\"");
    };
    LAST_ATTEMPT.store(u32::MAX, Ordering::Relaxed);
    match image(kind, data, width, height, stride)
        .and_then(|img| qr::decode(&img, &opts, &mut record))
    {
        Ok(codes) => result(true, [("codes", codes_json(&codes))]),
        Err(e) => failure(&e),
    }
}

std::thread_local! {
    /// The camera scanner's state between frames (one scanner per worker, one worker per
    /// module instance; a restart after a trap starts afresh).
    static TRACKER: core::cell::RefCell<qr::Tracker> = core::cell::RefCell::new(qr::Tracker::new());
}

/// One live camera frame: `scanCccd` in fast mode, looking first where the previous frames saw
/// the code and combining the samples of a code seen but not yet read across frames. The result
/// (`ok` or not) carries `frame`: what the frame showed (finders, module size, sharpness,
/// saturated share, where the code is), for guidance hints.
#[wasm_bindgen(js_name = scanFrame)]
#[allow(clippy::too_many_arguments)] // a flat FFI signature: scalars and slices cross without serialisation
pub fn scan_frame(
    kind: &str,
    data: &[u8],
    width: u32,
    height: u32,
    stride: u32,
    now: &str,
    lang: &str,
) -> String {
    let (now, lang) = match args(now, lang) {
        Ok(a) => a,
        Err(u) => return u,
    };
    LAST_ATTEMPT.store(u32::MAX, Ordering::Relaxed);
    let (outcome, frame) = match image(kind, data, width, height, stride) {
        Ok(img) => TRACKER.with(|t| {
            let mut t = t.borrow_mut();
            qr::scan_frame(&img, &mut t, now, &mut record)
        }),
        Err(e) => (Err(e), qr::FrameInfo::default()),
    };
    let frame = to_value(&frame);
    match outcome {
        Ok((card, code)) => {
            let qr = code_json(&code);
            result(
                true,
                [("card", card.to_json(lang)), ("qr", qr), ("frame", frame)],
            )
        }
        Err(e) => result(false, [("error", e.to_wire()), ("frame", frame)]),
    }
}

/// Forgets the camera state of [`scan_frame`] (a new scan session).
#[wasm_bindgen(js_name = resetTracker)]
pub fn reset_tracker() {
    TRACKER.with(|t| t.borrow_mut().reset());
}

/// Decodes the image and parses the first CCCD QR code in it.
#[wasm_bindgen(js_name = scanCccd)]
#[allow(clippy::too_many_arguments)] // a flat FFI signature: scalars and slices cross without serialisation
pub fn scan_cccd(
    kind: &str,
    data: &[u8],
    width: u32,
    height: u32,
    stride: u32,
    mode: &str,
    skip: &[u32],
    now: &str,
    lang: &str,
) -> String {
    let (opts, (now, lang)) = match (decode_options(mode, skip), args(now, lang)) {
        (Ok(o), Ok(a)) => (o, a),
        (Err(u), _) | (_, Err(u)) => return u,
    };
    LAST_ATTEMPT.store(u32::MAX, Ordering::Relaxed);
    let scanned = image(kind, data, width, height, stride)
        .and_then(|img| qr::scan_cccd(&img, &opts, now, &mut record));
    match scanned {
        Ok((card, code)) => {
            let qr = code_json(&code);
            result(true, [("card", card.to_json(lang)), ("qr", qr)])
        }
        Err(e) => failure(&e),
    }
}
