// Entry for browsers and bundlers. `await init()` once; it fetches the .wasm modules that sit next
// to this file (never a CDN): `scan`, `verify` and `image` by default, or only the capabilities
// named in `init({ capabilities })`. Bundlers see `new URL(…, import.meta.url)` in each module's
// glue and ship the files; a module is downloaded only when `init` asks for it. Pages that only
// scan or only verify can import `cccd-verify/scan` or `cccd-verify/verify` instead.
// The modules are shared with the other entries (load-*.js): `init()` here also readies
// `cccd-verify/scan` and `cccd-verify/verify`, and no .wasm is fetched twice on a page.
import { createApi, initModules, CAPABILITIES, CccdVerifyError, ERROR_CODES, TrustList, Vical } from './api.js';
import { scanModule } from './load-scan.js';
import { verifyModule } from './load-verify.js';
import { imageModule } from './load-image.js';

const modules = { scan: scanModule, verify: verifyModule, image: imageModule };

const api = createApi(modules);
const initCaps = initModules(modules, CAPABILITIES);
const loaded = Object.freeze({ ...api, CccdVerifyError, ERROR_CODES, TrustList, Vical });

/**
 * Loads the wasm modules (all by default). Idempotent: a module already loaded is not fetched
 * again. Resolves to this entry's functions, ready to call: `const { parseCccd } = await init()`.
 * @param {{ capabilities?: ('scan'|'verify'|'image')[], wasm?: { scan?: any, verify?: any, image?: any } }} [options]
 */
export function init(options) {
  return initCaps(options).then(() => loaded);
}

export const { parseCccd, parseMrz, compareNames, foldName, icaoTransliterate, decodeQr, scanCccd, verifySdJwtVc, verifySdJwtVcAsync, loadTrustList, verifyMdoc, loadVical, createCredentialRequest, verifyCredentialResponse } = api;
// ICAO 9303 chips (verify module)
export const { verifyChip } = api;
export { CccdVerifyError, ERROR_CODES, TrustList, Vical } from './api.js';
