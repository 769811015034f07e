// The camera scanner's own, smaller build of the core: QR decoding and the card parser only
// (built without the `verify` and `image-files` features), so a checkout page that only scans
// never downloads the credential-verification code. Same API shape as index.js for what it has.
import initGlue, * as glue from './wasm-scan/cccd_verify.js';
import { createApi } from './api.js';

let ready = false;
let pending;

/** Loads the scan-only wasm (idempotent). */
export function init(options) {
  if (ready) return Promise.resolve();
  if (!pending) {
    const source = options && options.wasm;
    pending = initGlue(source === undefined ? undefined : { module_or_path: source }).then(
      () => { ready = true; },
      (e) => { pending = undefined; throw e; },
    );
  }
  return pending;
}

const api = createApi({
  ready: () => ready,
  restart() {
    glue.initSync({ module: glue.__wbg_reset() });
  },
}, glue);

export const { parseCccd, decodeQr, scanCccd } = api;
export { CccdVerifyError } from './api.js';
