// `cccd-verify/verify`: signed credentials only (SD-JWT VC, trust lists, status lists, mdoc, VICALs). Its
// `init()` fetches the `verify` module alone, never the QR decoder.
import { createApi, initModules, registerWebCrypto, webBackend } from './api.js';

const modules = { verify: webBackend(() => import('./wasm-verify/cccd_verify.js'), registerWebCrypto) };

/** Loads the `verify` wasm module (idempotent). */
export const init = initModules(modules, ['verify']);

const api = createApi(modules);

export const { verifySdJwtVc, verifySdJwtVcAsync, loadTrustList, verifyMdoc, loadVical } = api;
// ICAO 9303 chips
export const { verifyChip } = api;
export { CccdVerifyError, ERROR_CODES, TrustList, Vical } from './api.js';
