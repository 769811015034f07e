// Entry for browsers and bundlers. `await init()` once; it fetches the .wasm modules that sit next
// to this file (never a CDN): `scan`, `verify` and `image` by default, or only the capabilities
// named in `init({ capabilities })`. Bundlers see `new URL(…, import.meta.url)` in each module's
// glue and ship the files; a module is downloaded only when `init` asks for it. Pages that only
// scan or only verify can import `cccd-verify/scan` or `cccd-verify/verify` instead.
import { createApi, initModules, registerWebCrypto, webBackend, CAPABILITIES } from './api.js';

const modules = {
  scan: webBackend(() => import('./wasm-scan/cccd_verify.js')),
  verify: webBackend(() => import('./wasm-verify/cccd_verify.js'), registerWebCrypto),
  image: webBackend(() => import('./wasm-image/cccd_verify.js')),
};

/**
 * Loads the wasm modules (all by default). Idempotent: a module already loaded is not fetched again.
 * @param {{ capabilities?: ('scan'|'verify'|'image')[], wasm?: { scan?: any, verify?: any, image?: any } }} [options]
 */
export const init = initModules(modules, CAPABILITIES);

const api = createApi(modules);

export const { parseCccd, parseMrz, compareNames, foldName, icaoTransliterate, decodeQr, scanCccd, verifySdJwtVc, verifySdJwtVcAsync, loadTrustList, verifyMdoc, loadVical } = api;
// ICAO 9303 chips (verify module)
export const { verifyChip } = api;
export { CccdVerifyError, ERROR_CODES, TrustList, Vical } from './api.js';
