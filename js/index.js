// Entry for browsers and bundlers. `await init()` once; it fetches the .wasm that sits next to
// this file (never a CDN). Bundlers see `new URL(…, import.meta.url)` and ship the file.
import initGlue, { initSync, __wbg_reset } from './wasm/cccd_verify.js';
import * as glue from './wasm/cccd_verify.js';
import { createApi } from './api.js';

let ready = false;
let pending;

/**
 * Loads the wasm module. Idempotent: later calls return the first call's promise.
 * @param {{ wasm?: URL | string | Response | BufferSource | WebAssembly.Module }} [options]
 */
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
    // The compiled module is kept; a fresh instance of a small module is cheap and synchronous.
    initSync({ module: __wbg_reset() });
  },
}, glue);

export const { parseCccd, parseMrz, compareNames, foldName, icaoTransliterate, decodeQr, scanCccd, verifySdJwtVc, loadTrustList, __trapForTests } = api;
export { CccdVerifyError, ERROR_CODES, TrustList } from './api.js';

