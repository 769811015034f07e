// Entry for Node (>= 18): the .wasm next to this file is read and instantiated synchronously
// on first use, so `init()` is optional here; it exists so code can be shared with browsers.
import { readFileSync } from 'node:fs';
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { initSync, __wbg_reset } from './wasm/cccd_verify.js';
import { registerHostP256 } from './wasm/host.js';
import * as glue from './wasm/cccd_verify.js';
import { createApi } from './api.js';

// ECDSA P-256 / SHA-256 through Node's OpenSSL, ~8x faster than the pure-Rust code in wasm. The
// core asks through `jose::host`; any exception or doubt falls back to the Rust verifier.
const keyCache = new Map();
function hostP256Verify(sec1, msg, sig, der) {
  const id = Buffer.from(sec1).toString('base64');
  let key = keyCache.get(id);
  if (!key) {
    if (sec1.length !== 65 || sec1[0] !== 4) throw new Error('not an uncompressed point');
    key = createPublicKey({ format: 'jwk', key: { kty: 'EC', crv: 'P-256', x: Buffer.from(sec1.subarray(1, 33)).toString('base64url'), y: Buffer.from(sec1.subarray(33)).toString('base64url') } });
    if (keyCache.size > 256) keyCache.clear();
    keyCache.set(id, key);
  }
  return nodeVerify('sha256', msg, { key, dsaEncoding: der ? 'der' : 'ieee-p1363' }, sig);
}
registerHostP256(hostP256Verify);

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
}, glue);

export const { parseCccd, parseMrz, compareNames, foldName, icaoTransliterate, decodeQr, scanCccd, verifySdJwtVc, loadTrustList, __trapForTests } = api;
export { CccdVerifyError, ERROR_CODES, TrustList } from './api.js';
