// The camera scanner's own, smaller build of the core: QR decoding and the card parser only
// (built without the `verify` and `image-files` features), so a checkout page that only scans
// never downloads the credential-verification code. Same API shape as index.js for what it has.
import * as glue from './wasm-scan/cccd_verify.js';
import { createApi, webBackend } from './api.js';

/** Loads the scan-only wasm (idempotent). */
const { init, backend } = webBackend(glue);
export { init };

export const { parseCccd, decodeQr, scanCccd } = createApi(backend, glue);
export { CccdVerifyError } from './api.js';
