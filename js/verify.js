// `cccd-verify/verify`: signed credentials only (SD-JWT VC, trust lists, status lists, mdoc, VICALs). Its
// `init()` fetches the `verify` module alone, never the QR decoder.
import { createApi, initModules, CccdVerifyError, ERROR_CODES, TrustList, Vical } from './api.js';
import { verifyModule } from './load-verify.js';

const modules = { verify: verifyModule };

const api = createApi(modules);
const initCaps = initModules(modules, ['verify']);
const loaded = Object.freeze({ ...api, CccdVerifyError, ERROR_CODES, TrustList, Vical });

/** Loads the `verify` wasm module (idempotent); resolves to this entry's functions, ready to call. */
export function init(options) {
  return initCaps(options).then(() => loaded);
}

export const { verifySdJwtVc, verifySdJwtVcAsync, loadTrustList, verifyMdoc, loadVical, createCredentialRequest, verifyCredentialResponse } = api;
// ICAO 9303 chips
export const { verifyChip } = api;
export { CccdVerifyError, ERROR_CODES, TrustList, Vical } from './api.js';
