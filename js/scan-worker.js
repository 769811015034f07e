// Decoding off the main thread: the camera scanner posts frames (ImageBitmap, VideoFrame or RGBA
// pixels) here; this worker crops, converts and runs the wasm decoder, and posts back the result.
import { init, scanCccd, scanFrame as trackedFrame, resetTracker, parseCccd, decodeQr, CccdVerifyError } from './scan-core.js';
import { LOCAL_MESSAGES } from './codes.js';

let canvas;
let ctx;

function pixels(msg) {
  if (msg.bitmap) {
    const { bitmap, region } = msg;
    // An ImageBitmap, or a VideoFrame (its visible rectangle is the scan region).
    const w = bitmap.displayWidth ?? bitmap.width;
    const h = bitmap.displayHeight ?? bitmap.height;
    const r = region ?? { x: 0, y: 0, width: w, height: h };
    if (!canvas || canvas.width !== r.width || canvas.height !== r.height) {
      canvas = new OffscreenCanvas(r.width, r.height);
      ctx = canvas.getContext('2d', { willReadFrequently: true });
    }
    ctx.drawImage(bitmap, r.x, r.y, r.width, r.height, 0, 0, r.width, r.height);
    bitmap.close();
    return ctx.getImageData(0, 0, r.width, r.height);
  }
  return { data: new Uint8ClampedArray(msg.rgba), width: msg.width, height: msg.height };
}

/** True when `e` is the browser refusing to compile WebAssembly under the page's CSP. */
function wasmBlocked(e) {
  const name = (e && e.name) || '';
  return (name === 'CompileError' || name === 'EvalError' || e instanceof WebAssembly.CompileError)
    && /Content.Security.Policy|unsafe-eval|\bCSP\b/i.test(String(e && e.message));
}

function errorOf(e, lang) {
  if (e instanceof CccdVerifyError) return { code: e.code, message: e.message, params: e.params };
  if (wasmBlocked(e)) {
    const m = LOCAL_MESSAGES.ERR_WASM_BLOCKED;
    return { code: 'ERR_WASM_BLOCKED', message: m[lang] ?? m.en, params: {} };
  }
  return { code: 'ERR_INTERNAL', message: String((e && e.message) || e), params: {} };
}

/**
 * A camera frame. In fast mode (the live camera) the module's tracked path reads it: where the
 * code was in earlier frames is read first, samples of a code seen but not read are combined
 * over frames, and `frame` says what this frame showed (finders, module size, sharpness, glare)
 * for hints. Otherwise, and when a code was read that is not a card: every QR code in it, then
 * the first that is a CCCD payload; the rejection carries the text of the code that gave it
 * (`text`).
 */
function scanFrame(image, msg) {
  let frame;
  if (msg.mode === 'fast') {
    const r = trackedFrame(image, { now: msg.now, lang: msg.lang });
    if (!r.error) return { ok: true, result: r.result, frame: r.frame };
    if (!(r.error instanceof CccdVerifyError)) throw r.error;
    if (r.error.code === 'ERR_NO_QR_FOUND') {
      return { ok: false, error: errorOf(r.error, msg.lang), frame: r.frame };
    }
    frame = r.frame;
  }
  const codes = decodeQr(image, { mode: msg.mode, lang: msg.lang });
  if (codes.length === 0) return { ok: false, error: { code: 'ERR_NO_QR_FOUND', message: '', params: {} }, frame };
  let first;
  for (const qr of codes) {
    try {
      return { ok: true, result: { card: parseCccd(qr.bytes, { now: msg.now, lang: msg.lang }), qr }, frame };
    } catch (e) {
      if (!(e instanceof CccdVerifyError)) throw e;
      first ??= { ...errorOf(e, msg.lang), text: qr.text };
    }
  }
  return { ok: false, error: first, frame };
}

self.onmessage = async (event) => {
  const msg = event.data;
  const reply = (body) => self.postMessage({ id: msg.id, ...body });
  try {
    // The page posts the scan module it compiled (one fetch and one compile per page), or a URL.
    const wasm = msg.module ?? msg.wasm;
    await init(wasm === undefined ? undefined : { wasm });
    if (msg.type === 'init') return reply({ ok: true });
    if (msg.type === 'parse') return reply({ ok: true, card: parseCccd(msg.text, { now: msg.now, lang: msg.lang }) });
    if (msg.type === 'reset') {
      resetTracker();
      return reply({ ok: true });
    }
    const t0 = performance.now();
    const image = pixels(msg);
    if (msg.type === 'frame') return reply({ ...scanFrame(image, msg), ms: performance.now() - t0 });
    const result = scanCccd(image, { mode: msg.mode, now: msg.now, lang: msg.lang });
    reply({ ok: true, result, ms: performance.now() - t0 });
  } catch (e) {
    if (msg.bitmap && typeof msg.bitmap.close === 'function') msg.bitmap.close();
    reply({ ok: false, error: errorOf(e, msg.lang) });
  }
};
