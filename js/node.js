// Entry for Node (>= 18): the .wasm next to this file is read and instantiated synchronously
// on first use, so `init()` is optional here; it exists so code can be shared with browsers.
import { readFileSync } from 'node:fs';
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { initSync, __wbg_reset } from './wasm/cccd_verify.js';
import { registerHostVerify } from './wasm/host.js';
import * as glue from './wasm/cccd_verify.js';
import { createApi } from './api.js';

// ECDSA P-256 / SHA-256 and P-384 / SHA-384 through Node's OpenSSL, ~8x faster than the pure-Rust
// code in wasm. The core asks through `crypto::host` after checking the allow-list, the key and
// the signature's form; any exception or doubt falls back to the Rust verifier.
const HOST_ALGS = { ES256: ['P-256', 'sha256', 32], ES384: ['P-384', 'sha384', 48] };
const keyCache = new Map();
function hostVerify(alg, sec1, msg, sig) {
  const spec = HOST_ALGS[alg];
  if (!spec) return undefined;
  const [crv, hash, len] = spec;
  const id = `${alg}:${Buffer.from(sec1).toString('base64')}`;
  let key = keyCache.get(id);
  if (!key) {
    if (sec1.length !== 1 + 2 * len || sec1[0] !== 4) throw new Error('not an uncompressed point');
    key = createPublicKey({ format: 'jwk', key: { kty: 'EC', crv, x: Buffer.from(sec1.subarray(1, 1 + len)).toString('base64url'), y: Buffer.from(sec1.subarray(1 + len)).toString('base64url') } });
    if (keyCache.size > 256) keyCache.clear();
    keyCache.set(id, key);
  }
  return nodeVerify(hash, msg, { key, dsaEncoding: 'ieee-p1363' }, sig);
}
registerHostVerify(hostVerify);

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
