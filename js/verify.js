// `cccd-verify/verify`: signed credentials only (SD-JWT VC, trust lists, status lists, mdoc, VICALs). Its
// `init()` fetches the `verify` module alone, never the QR decoder.
import { createApi, initModules } from './api.js';
import { verifyModule } from './load-verify.js';

const modules = { verify: verifyModule };

/** Loads the `verify` wasm module (idempotent). */
export const init = initModules(modules, ['verify']);

export const { verifySdJwtVc, verifySdJwtVcAsync, loadTrustList, verifyMdoc, loadVical } = createApi(modules);
export { CccdVerifyError, ERROR_CODES, TrustList, Vical } from './api.js';
