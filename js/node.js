// Entry for Node (>= 18): each wasm module (`scan`, `verify`, `image`) is read and instantiated
// synchronously on first use of a function that needs it, so `init()` is optional here; it exists
// so code can be shared with browsers.
import { readFileSync } from 'node:fs';
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import * as scanGlue from './wasm-scan/cccd_verify.js';
import * as verifyGlue from './wasm-verify/cccd_verify.js';
import * as imageGlue from './wasm-image/cccd_verify.js';
import { registerHostVerify } from './wasm-verify/host.js';
import { createApi, initModules } from './api.js';

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
// The hook is registered once per process: if something outside the package took it first, a
// verifier that accepts forged signatures could be in place, so refuse to load. With
// CCCD_VERIFY_HOST_CRYPTO=off every signature is checked by the Rust code (tests compare both).
if (!registerHostVerify(process.env.CCCD_VERIFY_HOST_CRYPTO === 'off' ? null : hostVerify)) {
  throw new Error('cccd-verify: the host crypto hook was registered from outside the package; refusing to load');
}

/** A module loaded from the file next to its glue, on first use. */
function nodeModule(glue, dir) {
  let ready = false;
  const backend = {
    ready() {
      if (!ready) {
        const bytes = readFileSync(new URL(`./${dir}/cccd_verify_bg.wasm`, import.meta.url));
        glue.initSync({ module: new WebAssembly.Module(bytes) });
        ready = true;
      }
      return true;
    },
    restart() {
      glue.initSync({ module: glue.__wbg_reset() });
    },
  };
  return { glue, backend, init: () => Promise.resolve(backend.ready()) };
}

const modules = {
  scan: nodeModule(scanGlue, 'wasm-scan'),
  verify: nodeModule(verifyGlue, 'wasm-verify'),
  image: nodeModule(imageGlue, 'wasm-image'),
};

/** Loads the wasm modules now (synchronously; all by default). Returns a promise, as in browsers. */
export const init = initModules(modules, ['scan', 'verify', 'image']);

const api = createApi(modules);

export const { parseCccd, parseMrz, compareNames, foldName, icaoTransliterate, decodeQr, scanCccd, verifySdJwtVc, verifySdJwtVcAsync, loadTrustList, verifyMdoc, loadVical } = api;
// ICAO 9303 chips (verify module)
export const { verifyChip } = api;
export { CccdVerifyError, ERROR_CODES, TrustList, Vical } from './api.js';
