// Entry for browsers and bundlers. `await init()` once; it fetches the .wasm that sits next to
// this file (never a CDN). Bundlers see `new URL(…, import.meta.url)` and ship the file.
import * as glue from './wasm/cccd_verify.js';
import { createApi, webBackend } from './api.js';

const { init, backend } = webBackend(glue);

/**
 * Loads the wasm module. Idempotent: later calls return the first call's promise.
 * @param {{ wasm?: URL | string | Response | BufferSource | WebAssembly.Module }} [options]
 */
export { init };

const api = createApi(backend, glue);

export const { parseCccd, parseMrz, compareNames, foldName, icaoTransliterate, decodeQr, scanCccd, verifySdJwtVc, loadTrustList, __trapForTests } = api;
export { CccdVerifyError, ERROR_CODES, TrustList } from './api.js';
