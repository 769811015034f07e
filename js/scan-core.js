// The camera scanner's module: QR decoding and the card parser only, so a checkout page that
// only scans never downloads the credential-verification code. Same API shape as index.js for
// what it has. PNG/JPEG bytes need the `image` module too: `init({ capabilities: ['scan', 'image'] })`.
import { createApi, initModules, webBackend } from './api.js';

const modules = {
  scan: webBackend(() => import('./wasm-scan/cccd_verify.js')),
  image: webBackend(() => import('./wasm-image/cccd_verify.js')),
};

/** Loads the `scan` wasm (idempotent); `{ capabilities: ['scan', 'image'] }` adds file decoding. */
const initCaps = initModules(modules, ['scan']);
export function init(options) {
  // `init({ wasm: URL | … })` names the scan module itself (the worker passes it on).
  const w = options && options.wasm;
  if (w !== undefined && (w === null || typeof w !== 'object' || w instanceof URL || ArrayBuffer.isView(w) || w instanceof ArrayBuffer
    || (typeof Response !== 'undefined' && w instanceof Response) || w instanceof WebAssembly.Module)) {
    return initCaps({ ...options, wasm: { scan: w } });
  }
  return initCaps(options);
}

export const { parseCccd, decodeQr, scanCccd } = createApi(modules);
export { CccdVerifyError } from './api.js';
