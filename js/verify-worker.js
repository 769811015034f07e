// cccd-verify/verify/worker — verification off the main thread. Every function of
// `cccd-verify/verify` (verifySdJwtVc, verifyMdoc, loadTrustList, loadVical), async, run in a Web
// Worker: the page compiles the verify module once (shared with `cccd-verify/verify` if the page
// also uses it) and posts it to the worker, which verifies SD-JWT signatures through WebCrypto
// where the algorithm allows (as verifySdJwtVcAsync). Results are those of the synchronous API;
// errors are re-created as CccdVerifyError with the same code, message and params (or the same
// TypeError). Where no worker can start (no Worker, a cross-origin script refused, a CSP), the
// same calls run on the main thread, still async; `usesWorker` says which. Loading is implicit:
// the first call (or `preload()`) loads the module and starts the worker.
// In Node this entry resolves to verify-worker-node.js (async on the calling thread).
import { CccdVerifyError } from './api.js';
import { verifyModule } from './load-verify.js';
import { recordWorker, workerCandidates, WorkerClient } from './worker-start.js';
import { decodeError, decodeLists, encodeLists } from './verify-wire.js';

export { CccdVerifyError, ERROR_CODES, TrustList, Vical } from './api.js';

/** The functions a Verifier offers (those of `cccd-verify/verify`). */
export const VERIFY_FUNCTIONS = Object.freeze(['verifySdJwtVc', 'verifyMdoc', 'loadTrustList', 'loadVical']);

/** The verification worker as the bundler made it (see `recordWorker`). */
function bundledWorker() {
  return recordWorker(() => new Worker(new URL('./verify-thread.js', import.meta.url), { type: 'module' }));
}

class Verifier {
  #options;
  #ready;
  #client = null;
  #inline = null;

  constructor(options = {}) {
    if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
    const unknown = Object.keys(options).filter((k) => !['workerUrl', 'wasmUrl', 'worker'].includes(k));
    if (unknown.length) throw new TypeError(`options: unknown key ${unknown.map((k) => JSON.stringify(k)).join(', ')}; expected workerUrl, wasmUrl, worker`);
    this.#options = { ...options };
    for (const fn of VERIFY_FUNCTIONS) this[fn] = (...args) => this.#call(fn, args);
  }

  /** Loads the verify module and starts the worker now (the first call does it otherwise). */
  preload() {
    if (this.#client && this.#client.dead) {
      this.#client = null;
      this.#ready = undefined;
    }
    this.#ready ??= this.#start().catch((e) => {
      this.#ready = undefined;
      throw e;
    });
    return this.#ready;
  }

  async #start() {
    const o = this.#options;
    const module = await verifyModule.compile(o.wasmUrl);
    if (o.worker !== false && typeof Worker === 'function') {
      for (const spawn of workerCandidates(o.workerUrl, o.workerUrl === undefined ? bundledWorker() : undefined)) {
        let worker;
        try {
          worker = spawn();
        } catch {
          continue; // SecurityError (cross-origin), a Trusted Types or CSP refusal: the next way
        }
        const client = new WorkerClient(worker, decodeError);
        try {
          await client.request({ type: 'init', module });
        } catch (e) {
          client.terminate(e);
          if (e instanceof CccdVerifyError) throw e;
          continue;
        }
        this.#client = client;
        return;
      }
    }
    const lib = await import('./verify.js');
    await lib.init({ wasm: { verify: module } });
    this.#inline = { ...lib, verifySdJwtVc: lib.verifySdJwtVcAsync };
  }

  /** True when calls run in a Web Worker (false: on the main thread, or not started yet). */
  get usesWorker() {
    return Boolean(this.#client && !this.#client.dead);
  }

  async #call(fn, args) {
    await this.preload();
    if (this.#inline) return this.#inline[fn](...args);
    let r;
    try {
      r = await this.#client.request({ type: 'call', fn, args: encodeLists(args) });
    } catch (e) {
      if (e && e.name === 'DataCloneError') throw new TypeError(`${fn}: arguments must be plain data (${e.message})`);
      throw e;
    }
    return decodeLists(r.value);
  }

  /** Ends the worker; pending calls reject; a later call starts a new one. */
  terminate() {
    if (this.#client) this.#client.terminate(new CccdVerifyError('ERR_INTERNAL', 'the verifier was terminated', {}));
    this.#client = null;
    this.#ready = undefined;
  }
}

/** A verifier with its own worker: `workerUrl` / `wasmUrl` say where the files are; `worker: false` runs on the main thread. */
export function createVerifier(options) {
  return new Verifier(options);
}

let shared;
const verifier = () => (shared ??= new Verifier());

/** Loads the verify module and starts the shared worker before the first call. */
export const preload = () => verifier().preload();
export const verifySdJwtVc = (...args) => verifier().verifySdJwtVc(...args);
export const verifyMdoc = (...args) => verifier().verifyMdoc(...args);
export const loadTrustList = (...args) => verifier().loadTrustList(...args);
export const loadVical = (...args) => verifier().loadVical(...args);
