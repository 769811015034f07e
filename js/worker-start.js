// Starting the package's workers (the scanner's decoder, the verifier) in real deployments:
// bundled or not, same-origin or from a CDN, under Trusted Types. Main thread only.
import { packageUrl } from './load.js';

let policy;
const trusted = new Set();
/**
 * A script URL for `new Worker`. Under Trusted Types (CSP `require-trusted-types-for 'script'`) a
 * Worker needs a TrustedScriptURL: a policy named `cccd-verify` that passes the worker URLs this
 * module made itself and nothing else (a page with a `trusted-types` allow-list must list
 * `cccd-verify`).
 */
export function trustedScriptUrl(url) {
  const tt = globalThis.trustedTypes;
  if (!tt || typeof tt.createPolicy !== 'function') return url;
  if (policy === undefined) {
    try {
      policy = tt.createPolicy('cccd-verify', {
        createScriptURL: (u) => {
          if (!trusted.has(u)) throw new TypeError('cccd-verify: only its own worker scripts are allowed');
          return u;
        },
      });
    } catch {
      policy = null; // the page's allow-list refused the name: its default policy (if any) decides
    }
  }
  if (!policy) return url;
  trusted.add(url);
  return policy.createScriptURL(url);
}

/**
 * The worker script's URL and options as the page's bundler made them. `make` holds the literal
 * `new Worker(new URL('./x.js', import.meta.url), { type: 'module' })`, the pattern Vite and
 * webpack 5 recognise: they bundle the worker with its imports and rewrite the URL (webpack also
 * the options). It runs against a stand-in `Worker` that only records them, so that the real one
 * can be made with a Trusted Types URL and fall back when refused. Unbundled, the URL is the file
 * next to the caller.
 */
export function recordWorker(make) {
  const Real = globalThis.Worker;
  let got;
  try {
    globalThis.Worker = function RecordWorker(url, options) {
      got = { url: String(url), options: options ?? {} };
    };
    make();
  } catch {
    got = undefined; // a frozen global: no worker URL known, the caller runs on the main thread
  } finally {
    globalThis.Worker = Real;
  }
  return got;
}

/**
 * The ways to start a worker, tried in order until one answers: the script itself
 * (`workerUrl`, else `bundled` from {@link recordWorker}); then, when that script is on another
 * origin (a CDN, Vite's `base`, an import map: browsers refuse a cross-origin worker with a
 * SecurityError), a same-origin blob: worker that imports it (allowed when the CDN sends CORS and
 * the CSP's worker-src allows blob:). The caller falls back to the main thread after both.
 */
export function workerCandidates(workerUrl, bundled) {
  const given = workerUrl === undefined ? bundled : { url: String(workerUrl), options: { type: 'module' } };
  if (!given) return [];
  const url = packageUrl(new URL(given.url, globalThis.location?.href)).href;
  const options = { ...given.options };
  const spawn = (u) => new Worker(trustedScriptUrl(u), options);
  const out = [() => spawn(url)];
  const here = globalThis.location?.origin;
  if (here && new URL(url).origin !== here && typeof Blob === 'function' && typeof URL.createObjectURL === 'function') {
    out.push(() => {
      const body = options.type === 'module' ? `import ${JSON.stringify(url)};\n` : `importScripts(${JSON.stringify(url)});\n`;
      const blob = URL.createObjectURL(new Blob([body], { type: 'text/javascript' }));
      try {
        return spawn(blob);
      } finally {
        // The worker has its script once the fetch started; the blob URL is not needed after.
        setTimeout(() => URL.revokeObjectURL(blob), 10000);
      }
    });
  }
  return out;
}

/**
 * A worker with request/response by id. `decodeError(error, data)` turns a posted error (and the
 * rest of its message) into the error to throw; `loadError(message)` names a worker that failed to
 * load or crashed (default: an Error marked `workerFailed`).
 */
export class WorkerClient {
  constructor(worker, decodeError, loadError = (message) => Object.assign(new Error(message ?? 'the worker failed to load or crashed'), { workerFailed: true })) {
    this.worker = worker;
    this.pending = new Map();
    this.nextId = 1;
    this.dead = null;
    this.worker.onmessage = (e) => {
      const p = this.pending.get(e.data.id);
      if (!p) return;
      this.pending.delete(e.data.id);
      if (e.data.ok) p.resolve(e.data);
      else p.reject(decodeError(e.data.error, e.data));
    };
    // A script that failed to load (404, refused by CSP, CORS) gives a bare Event: named here.
    this.worker.onerror = (e) => {
      if (typeof e.preventDefault === 'function') e.preventDefault();
      this.fail(loadError(e.message ? String(e.message) : undefined));
    };
  }

  fail(err) {
    this.dead = err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  request(msg, transfer) {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      try {
        this.worker.postMessage({ ...msg, id }, transfer);
      } catch (e) {
        this.pending.delete(id);
        reject(e);
      }
    });
  }

  terminate(err) {
    this.worker.terminate();
    this.fail(err);
  }
}
