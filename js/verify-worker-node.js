// cccd-verify/verify/worker under Node: the same async API, run on the calling thread (Node's
// verification already uses OpenSSL for ECDSA; a call takes well under a millisecond to a few ms).
// For true parallelism in a server, run cccd-verify in your own worker_threads pool.
import * as lib from './node.js';

export { CccdVerifyError, ERROR_CODES, TrustList, Vical } from './node.js';

export const VERIFY_FUNCTIONS = Object.freeze(['verifySdJwtVc', 'verifyMdoc', 'loadTrustList', 'loadVical']);

class Verifier {
  constructor(options = {}) {
    if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
    const unknown = Object.keys(options).filter((k) => !['workerUrl', 'wasmUrl', 'worker'].includes(k));
    if (unknown.length) throw new TypeError(`options: unknown key ${unknown.map((k) => JSON.stringify(k)).join(', ')}; expected workerUrl, wasmUrl, worker`);
    for (const fn of VERIFY_FUNCTIONS) this[fn] = async (...args) => lib[fn](...args);
  }

  /** Loads the verify module now. */
  async preload() {
    await lib.init({ capabilities: ['verify'] });
  }

  /** Always false in Node: calls run on the calling thread. */
  get usesWorker() {
    return false;
  }

  terminate() {}
}

export function createVerifier(options) {
  return new Verifier(options);
}

const shared = new Verifier();
export const preload = () => shared.preload();
export const verifySdJwtVc = (...args) => shared.verifySdJwtVc(...args);
export const verifyMdoc = (...args) => shared.verifyMdoc(...args);
export const loadTrustList = (...args) => shared.loadTrustList(...args);
export const loadVical = (...args) => shared.loadVical(...args);
