// Decoding off the main thread: the camera scanner posts frames (ImageBitmap or RGBA pixels)
// here; this worker crops, converts and runs the wasm decoder, and posts back the result.
import { init, scanCccd, scanFrame, resetTracker, parseCccd, CccdVerifyError } from './scan-core.js';

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

function errorOf(e) {
  return e instanceof CccdVerifyError
    ? { code: e.code, message: e.message, params: e.params }
    : { code: 'ERR_INTERNAL', message: String((e && e.message) || e), params: {} };
}

self.onmessage = async (event) => {
  const msg = event.data;
  const reply = (body) => self.postMessage({ id: msg.id, ...body });
  try {
    await init(msg.wasm ? { wasm: msg.wasm } : undefined);
    if (msg.type === 'init') return reply({ ok: true });
    if (msg.type === 'parse') return reply({ ok: true, card: parseCccd(msg.text, { now: msg.now, lang: msg.lang }) });
    if (msg.type === 'reset') {
      resetTracker();
      return reply({ ok: true });
    }
    const t0 = performance.now();
    const image = pixels(msg);
    if (msg.mode === 'fast') {
      // Camera frames: tracked across frames; `frame` tells what this one showed (for hints).
      const r = scanFrame(image, { now: msg.now, lang: msg.lang });
      const ms = performance.now() - t0;
      return reply(r.error ? { ok: false, error: errorOf(r.error), frame: r.frame, ms } : { ok: true, result: r.result, frame: r.frame, ms });
    }
    const result = scanCccd(image, { mode: msg.mode, now: msg.now, lang: msg.lang });
    reply({ ok: true, result, ms: performance.now() - t0 });
  } catch (e) {
    if (msg.bitmap && typeof msg.bitmap.close === 'function') msg.bitmap.close();
    reply({ ok: false, error: errorOf(e) });
  }
};
