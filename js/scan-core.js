// The camera scanner's module: QR decoding and the card parser only, so a checkout page that
// only scans never downloads the credential-verification code. Same API shape as index.js for
// what it has. PNG/JPEG bytes need the `image` module too: `init({ capabilities: ['scan', 'image'] })`.
import { createApi, initModules, CccdVerifyError, ERROR_CODES, errorMessage, findingMessage, qrCode, nowDay } from './api.js';
import { scanModule } from './load-scan.js';
import { imageModule } from './load-image.js';

const modules = { scan: scanModule, image: imageModule };

/** Loads the `scan` wasm (idempotent); `{ capabilities: ['scan', 'image'] }` adds file decoding. */
const initCaps = initModules(modules, ['scan']);
export function init(options) {
  // `init({ wasm: URL | … })` names the scan module itself (the worker passes it on).
  const w = options && options.wasm;
  if (w !== undefined && (w === null || typeof w !== 'object' || w instanceof URL || ArrayBuffer.isView(w) || w instanceof ArrayBuffer
    || (typeof Response !== 'undefined' && w instanceof Response) || w instanceof WebAssembly.Module)) {
    return initCaps({ ...options, wasm: { scan: w } }).then(() => loaded);
  }
  return initCaps(options).then(() => loaded);
}

export const { parseCccd, decodeQr, scanCccd } = createApi(modules);
// What `init()` resolves to: the functions of `cccd-verify/scan` that need the module, ready.
const loaded = Object.freeze({ parseCccd, decodeQr, scanCccd, CccdVerifyError, ERROR_CODES });
export { CccdVerifyError, ERROR_CODES } from './api.js';

/**
 * One live camera frame (the scanner's worker): `scanCccd` in fast mode, plus what the frame
 * showed and the module's tracking state between frames (where the code was, the samples of a
 * code seen but not yet read). `image` is ImageData-like RGBA; `now` a `NowInput` (as parseCccd's).
 * Returns `{ result: { card, qr } | null, error: CccdVerifyError | null, qr, frame }`: `qr`
 * is the code read that is not a card (the error is its parse error), else null; `frame` has
 * `finders` (0 = no code in view), `modulePx`, `sharpness`, `saturated`, `framesCombined`,
 * `track` and `hint` (a `HintCode` or null). A trap restarts the module (its tracking state is lost).
 */
export function scanFrame(image, { now, lang = 'en' }) {
  const day = nowDay(now);
  const m = modules.scan;
  const { data, width, height } = image;
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  let r;
  try {
    r = JSON.parse(m.glue.scanFrame('rgba', bytes, width, height, width * 4, day, lang));
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) m.backend.restart();
    throw e;
  }
  if (r.usage) throw new TypeError(r.usage);
  if (r.ok) {
    // Messages are rendered here, from the generated templates (the module carries none).
    for (const f of r.card.findings) f.message = findingMessage(f, lang);
    return { result: { card: r.card, qr: qrCode(r.qr) }, error: null, qr: null, frame: r.frame };
  }
  const error = new CccdVerifyError(r.error.code, errorMessage(r.error, lang), r.error.params);
  return { result: null, error, qr: r.qr ? qrCode(r.qr) : null, frame: r.frame };
}

/** Forgets the tracking state of `scanFrame` (a new scan session). */
export function resetTracker() {
  const m = modules.scan;
  if (m.backend.ready() && m.glue.resetTracker) m.glue.resetTracker();
}
