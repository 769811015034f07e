// Entry for Node (>= 18): the .wasm next to this file is read and instantiated synchronously
// on first use, so `init()` is optional here; it exists so code can be shared with browsers.
import { readFileSync } from 'node:fs';
import { initSync, __wbg_reset } from './wasm/cccd_verify.js';
import { createApi } from './api.js';

let ready = false;

function load() {
  if (!ready) {
    const bytes = readFileSync(new URL('./wasm/cccd_verify_bg.wasm', import.meta.url));
    initSync({ module: new WebAssembly.Module(bytes) });
    ready = true;
  }
  return true;
}

/** Loads the wasm module (synchronously, once). Returns a resolved promise. */
export function init() {
  try {
    load();
    return Promise.resolve();
  } catch (e) {
    return Promise.reject(e);
  }
}

const api = createApi({
  ready: load,
  restart() {
    initSync({ module: __wbg_reset() });
  },
});

export const { parseCccd, parseMrz, compareNames, foldName, icaoTransliterate, decodeQr, scanCccd, verifySdJwtVc, loadTrustList, __trapForTests } = api;
export { CccdVerifyError, ERROR_CODES, TrustList } from './api.js';
