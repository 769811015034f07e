// The public API over the wasm core. Loader-agnostic: `index.js` (browsers, bundlers), `node.js`
// (Node), `verify.js` and `scan-core.js` (the subpath entries) each hand it the wasm modules they
// offer — one per capability: `scan` (pixels → QR → card, MRZ, names), `verify` (SD-JWT VC,
// trust lists) and `image` (PNG/JPEG files → pixels) — with a loader that knows how to
// (re-)instantiate each.

/**
 * Test hooks, keyed by an entry's `parseCccd`: reachable only by importing this file by its path
 * (the package's `exports` map does not list it), never through the package's API.
 */
export const testHooks = new WeakMap();

/** The wasm modules of the package, one per capability. */
export const CAPABILITIES = Object.freeze(['scan', 'verify', 'image']);

import { ERROR_CODES, LOCAL_MESSAGES } from './codes.js';

/** Codes a `CccdVerifyError` can carry (generated from the error table; see codes.d.ts). */
export { ERROR_CODES };

/**
 * A signed trust list that verified. Made by `loadTrustList`; pass it as `trust` to
 * `verifySdJwtVc`. `accepted` is what to store for rollback protection next time.
 */
export class TrustList {
  #source;

  constructor(source, summary) {
    this.#source = source;
    Object.assign(this, summary);
    Object.freeze(this);
  }

  /** @internal The verified inputs, re-checked (signature, staleness) at every use. */
  static source(list) {
    return list.#source;
  }
}

/** A rejection with a stable `code`. */
export class CccdVerifyError extends Error {
  constructor(code, message, params = {}, options) {
    super(message, options);
    this.name = 'CccdVerifyError';
    this.code = code;
    this.params = params;
  }
}

function localError(code, lang, cause, params = {}) {
  return new CccdVerifyError(code, LOCAL_MESSAGES[code][lang], params, cause ? { cause } : undefined);
}

const VIETNAM_OFFSET_MS = 7 * 3600 * 1000; // UTC+7, no daylight saving

/** Today's date in Vietnam (`YYYY-MM-DD`) at instant `d`. */
export function vietnamDate(d) {
  return new Date(d.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

function nowArg(now) {
  if (now === undefined) return vietnamDate(new Date());
  if (now instanceof Date) {
    if (Number.isNaN(now.getTime())) throw new TypeError('options.now is an invalid Date');
    return vietnamDate(now);
  }
  if (typeof now === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(now)) return now;
    const d = new Date(now);
    if (/^\d{4}-\d{2}-\d{2}T/.test(now) && !Number.isNaN(d.getTime())) return vietnamDate(d);
  }
  throw new TypeError('options.now must be a Date, a YYYY-MM-DD string or an RFC 3339 timestamp');
}

function langArg(lang) {
  if (lang === undefined) return 'en';
  if (lang === 'en' || lang === 'vi') return lang;
  throw new TypeError('options.lang must be "en" or "vi"');
}

function optionsArg(options) {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
  return options;
}

/** A certificate as base64 DER: from a PEM string, a bare base64 string, or DER bytes. */
function derBase64(cert) {
  if (cert instanceof Uint8Array) {
    let bin = '';
    for (const b of cert) bin += String.fromCharCode(b);
    return btoa(bin);
  }
  if (typeof cert === 'string') {
    return cert.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  }
  throw new TypeError('a trust anchor must be a PEM string or DER bytes (Uint8Array)');
}

/** `now` for token checks: a Date, Unix seconds, or an RFC 3339 string; default the current time. */
function unixSeconds(now) {
  if (now === undefined) return Math.floor(Date.now() / 1000);
  if (typeof now === 'number' && Number.isFinite(now)) return Math.floor(now);
  const d = now instanceof Date ? now : typeof now === 'string' ? new Date(now) : null;
  if (!d || Number.isNaN(d.getTime())) throw new TypeError('options.now must be a Date, Unix seconds or an RFC 3339 string');
  return Math.floor(d.getTime() / 1000);
}

// The scan module has no Shift_JIS table (18 KB gzip): bytes that are not UTF-8 come back as an
// ISO-8859-1 guess, and Shift_JIS is tried here with the platform's decoder (the same WHATWG
// algorithm the Rust table implements), in the core's order: UTF-8, Shift_JIS, ISO-8859-1.
let sjisDecoder;
function shiftJis(bytes) {
  try {
    sjisDecoder ??= new TextDecoder('shift_jis', { fatal: true });
    return sjisDecoder.decode(bytes);
  } catch {
    return undefined;
  }
}

function qrCode(c) {
  const bytes = Uint8Array.from(c.bytes);
  if (c.charset === 'iso-8859-1') {
    const text = shiftJis(bytes);
    if (text !== undefined) return { ...c, text, charset: 'shift_jis', bytes };
  }
  return { ...c, bytes };
}

function stringArg(value, name) {
  if (typeof value !== 'string') throw new TypeError(`${name} must be a string`);
  return value;
}

/**
 * For browsers and bundlers: a module whose glue is imported, and whose .wasm is fetched (next to
 * the glue, never a CDN), only when `init` asks for it — `load` is `() => import('./wasm-…')`, so
 * bundlers split each module's glue into its own chunk. `restart()` instantiates the compiled
 * module again, cheap and synchronous for a module this size.
 */
export function webBackend(load, afterLoad) {
  let ready = false;
  let pending;
  const m = {
    glue: undefined,
    init(source) {
      if (ready) return Promise.resolve();
      if (!pending) {
        pending = load()
          .then((glue) => {
            m.glue = glue;
            return glue.default(source === undefined ? undefined : { module_or_path: source });
          })
          .then(() => afterLoad && afterLoad())
          .then(
            () => { ready = true; },
            (e) => { pending = undefined; throw e; },
          );
      }
      return pending;
    },
    backend: {
      ready: () => ready,
      restart() {
        m.glue.initSync({ module: m.glue.__wbg_reset() });
      },
    },
  };
  return m;
}

/**
 * WebCrypto for the async API in browsers. The verify module asks its host hook (registered once
 * per page by the web entries, `registerWebCrypto`) about each ECDSA P-256/P-384 signature, after
 * Rust has checked the algorithm, the key and the signature's form. `verifySdJwtVcAsync` runs a
 * verification three times over:
 * 1. recording — the hook answers "valid" to everything and writes each question down, so that
 *    the run goes on to every signature it would need; its outcome is thrown away (it is
 *    synchronous: no other code runs until the mode is reset);
 * 2. WebCrypto checks every question written down, in parallel;
 * 3. answering — the real run: the hook answers from step 2 for exactly those (algorithm, key,
 *    message, signature) tuples; anything else it leaves to Rust.
 * Outside `verifySdJwtVcAsync` the hook says "cannot tell", so Rust verifies.
 */
const webHost = { mode: 'off', asked: [], answers: new Map() };
const b64 = (u8) => {
  let s = '';
  for (let i = 0; i < u8.length; i += 0x8000) s += String.fromCharCode.apply(null, u8.subarray(i, i + 0x8000));
  return btoa(s);
};
const tupleKey = (alg, key, msg, sig) => `${alg}|${b64(key)}|${b64(msg)}|${b64(sig)}`;
const WEB_ALGS = { ES256: ['P-256', 'SHA-256'], ES384: ['P-384', 'SHA-384'] };

function webHook(alg, key, msg, sig) {
  if (webHost.mode === 'record') {
    webHost.asked.push([alg, key.slice(), msg.slice(), sig.slice()]);
    return true;
  }
  if (webHost.mode === 'answer') return webHost.answers.get(tupleKey(alg, key, msg, sig));
  return undefined;
}

/** Registers the WebCrypto hook with the verify module (once per page; refuses to go on if the slot was taken). */
export async function registerWebCrypto() {
  const { registerHostVerify } = await import('./wasm-verify/host.js');
  if (!registerHostVerify(webHook) && !webHost.registered) {
    throw new Error('cccd-verify: the host crypto hook was registered from outside the package; refusing to load');
  }
  webHost.registered = true;
}

async function webCryptoAnswers(asked) {
  const subtle = globalThis.crypto && globalThis.crypto.subtle;
  const answers = new Map();
  if (!subtle) return answers;
  await Promise.all(asked.map(async ([alg, key, msg, sig]) => {
    const spec = WEB_ALGS[alg];
    if (!spec) return;
    try {
      const k = await subtle.importKey('raw', key, { name: 'ECDSA', namedCurve: spec[0] }, false, ['verify']);
      answers.set(tupleKey(alg, key, msg, sig), await subtle.verify({ name: 'ECDSA', hash: spec[1] }, k, sig, msg));
    } catch {
      // Not answered: Rust decides.
    }
  }));
  return answers;
}

/**
 * `init(options)` of an entry offering `modules` (`{ scan?, verify?, image? }`, each from
 * `webBackend`): loads the capabilities asked for (default: `defaults`), each once.
 */
export function initModules(modules, defaults) {
  return function init(options) {
    try {
      const o = options === undefined ? {} : optionsArg(options);
      const caps = o.capabilities === undefined ? defaults : o.capabilities;
      if (!Array.isArray(caps) || caps.some((c) => typeof c !== 'string' || !Object.hasOwn(modules, c))) {
        throw new TypeError(`options.capabilities must list some of ${Object.keys(modules).map((c) => `"${c}"`).join(', ')}`);
      }
      const wasm = o.wasm === undefined ? {} : o.wasm;
      if (wasm === null || typeof wasm !== 'object' || Object.keys(wasm).some((k) => !Object.hasOwn(modules, k))) {
        throw new TypeError(`options.wasm must be an object keyed by capability (${Object.keys(modules).map((c) => `"${c}"`).join(', ')})`);
      }
      return Promise.all(caps.map((c) => modules[c].init(wasm[c]))).then(() => undefined);
    } catch (e) {
      return Promise.reject(e);
    }
  };
}

/**
 * Builds the API around the wasm modules an entry offers: `{ scan?, verify?, image? }`, each
 * `{ glue, backend: { ready(): boolean, restart(): void } }`. A function whose module is absent
 * or not loaded throws `ERR_NOT_INITIALIZED` naming the capability. Every call into wasm goes
 * through `call`, which turns a trap into a typed error and restarts that instance so that the
 * next call works.
 */
export function createApi(modules) {
  function loaded(cap, lang) {
    const m = modules[cap];
    if (!m || !m.backend.ready()) throw localError('ERR_NOT_INITIALIZED', lang, undefined, { capability: cap });
    return m;
  }

  function call(cap, lang, fn) {
    const m = loaded(cap, lang);
    try {
      return fn(m.glue);
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError) {
        m.backend.restart();
        throw localError('ERR_INTERNAL', lang, e);
      }
      throw e;
    }
  }

  // Sizes are checked before an argument is copied into wasm memory (which never shrinks): the
  // limits come from the module itself (`limits()`), and so does the error (`tooLarge`).
  const limitCache = {};
  function checkSize(cap, lang, name, size) {
    const m = loaded(cap, lang);
    limitCache[cap] ??= JSON.parse(m.glue.limits());
    const max = limitCache[cap][name];
    if (size > max) unwrap(call(cap, lang, (g) => g.tooLarge(size, max, lang)), 'never');
  }

  function unwrap(json, key) {
    const r = JSON.parse(json);
    if (r.ok) return r[key];
    if (r.usage) throw new TypeError(r.usage);
    throw new CccdVerifyError(r.error.code, r.error.message, r.error.params);
  }

  function parseCccd(input, options) {
    const o = optionsArg(options);
    const lang = langArg(o.lang);
    const now = nowArg(o.now);
    const mrz = o.mrz === undefined ? undefined : stringArg(o.mrz, 'options.mrz');
    let json;
    if (typeof input === 'string') {
      checkSize('scan', lang, 'payload', input.length);
      json = call('scan', lang, (g) => g.parseQrText(input, now, lang, mrz));
    } else if (input instanceof Uint8Array) {
      checkSize('scan', lang, 'payload', input.byteLength);
      json = call('scan', lang, (g) => g.parseQrBytes(input, now, lang, mrz));
    } else {
      throw new TypeError('input must be a string or a Uint8Array');
    }
    return unwrap(json, 'card');
  }

  function parseMrz(text, options) {
    const lang = langArg(optionsArg(options).lang);
    stringArg(text, 'text');
    checkSize('scan', lang, 'mrz', text.length);
    return unwrap(call('scan', lang, (g) => g.parseMrz(text, lang)), 'mrz');
  }

  // Names over MAX_NAME_BYTES (UTF-8) fail with ERR_INPUT_TOO_LARGE.
  function compareNames(a, b) {
    stringArg(a, 'a');
    stringArg(b, 'b');
    checkSize('scan', 'en', 'name', Math.max(a.length, b.length));
    return unwrap(call('scan', 'en', (g) => g.compareNames(a, b)), 'value');
  }

  function foldName(name) {
    stringArg(name, 'name');
    checkSize('scan', 'en', 'name', name.length);
    return unwrap(call('scan', 'en', (g) => g.foldName(name)), 'value');
  }

  function icaoTransliterate(name) {
    stringArg(name, 'name');
    checkSize('scan', 'en', 'name', name.length);
    return unwrap(call('scan', 'en', (g) => g.icaoTransliterate(name)), 'value');
  }

  // PNG/JPEG bytes → grey pixels, in the `image` module (loaded only for files); its errors
  // are rendered by the scan module, which holds the messages.
  function decodeFile(bytes, lang) {
    checkSize('scan', lang, 'imageFile', bytes.byteLength);
    const out = call('image', lang, (g) => g.decodeImageFile(bytes));
    const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
    if (out[0] !== 1) {
      // [0, kind, width, height]: rendered as a typed error by the scan module.
      unwrap(call('scan', lang, (g) => g.imageError(out[1], view.getUint32(2, true), view.getUint32(6, true), lang)), 'never');
    }
    // [1, width, height, luma…]
    const width = view.getUint32(1, true);
    return ['luma', out.subarray(9), width, view.getUint32(5, true), width];
  }

  // Image arguments → (kind, bytes, width, height, stride) for the wasm side.
  function imageArgs(image, lang) {
    if (image instanceof Uint8Array || image instanceof ArrayBuffer) {
      return decodeFile(image instanceof ArrayBuffer ? new Uint8Array(image) : image, lang);
    }
    if (image === null || typeof image !== 'object') {
      throw new TypeError('image must be an ImageData, a {data, width, height} RGBA image, a {luma, width, height} grey image, or PNG/JPEG bytes');
    }
    const { width, height } = image;
    // The wasm side takes u32s: anything larger would wrap (2^32 + 1 → 1), so it is refused here.
    const u32 = (v) => Number.isInteger(v) && v >= 0 && v <= 0xffffffff;
    if (!u32(width) || !u32(height)) {
      throw new TypeError('image.width and image.height must be non-negative integers');
    }
    const bytes = (d, name) => {
      if (!(d instanceof Uint8Array || d instanceof Uint8ClampedArray)) throw new TypeError(`image.${name} must be a Uint8Array or Uint8ClampedArray`);
      return new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
    };
    if (image.luma !== undefined) {
      const stride = image.stride ?? width;
      if (!u32(stride) || stride < width) throw new TypeError('image.stride must be an integer >= width and < 2^32');
      return ['luma', bytes(image.luma, 'luma'), width, height, stride];
    }
    return ['rgba', bytes(image.data, 'data'), width, height, width * 4];
  }

  function modeArg(mode) {
    if (mode === undefined) return 'thorough';
    if (mode === 'fast' || mode === 'thorough') return mode;
    throw new TypeError('options.mode must be "fast" or "thorough"');
  }

  // Runs a decoder call; if rqrr traps inside one attempt, restarts the instance and runs the
  // call again with that attempt skipped (the image is still here, in JS).
  const MAX_TRAPS = 8;
  function decodeCall(lang, run) {
    const skip = [];
    for (;;) {
      const { glue, backend } = loaded('scan', lang);
      try {
        return run(glue, new Uint32Array(skip));
      } catch (e) {
        if (!(e instanceof WebAssembly.RuntimeError)) throw e;
        const attempt = glue.lastAttempt();
        backend.restart();
        if (attempt === 0xffffffff || skip.includes(attempt) || skip.length >= MAX_TRAPS) {
          throw localError('ERR_INTERNAL', lang, e);
        }
        skip.push(attempt);
      }
    }
  }

  function decodeQr(image, options) {
    const o = optionsArg(options);
    const lang = langArg(o.lang);
    const mode = modeArg(o.mode);
    const [kind, data, w, h, stride] = imageArgs(image, lang);
    const codes = unwrap(decodeCall(lang, (g, skip) => g.decodeQr(kind, data, w, h, stride, mode, skip, lang)), 'codes');
    return codes.map(qrCode);
  }

  function scanCccd(image, options) {
    const o = optionsArg(options);
    const lang = langArg(o.lang);
    const now = nowArg(o.now);
    const mode = modeArg(o.mode);
    const [kind, data, w, h, stride] = imageArgs(image, lang);
    const r = JSON.parse(decodeCall(lang, (g, skip) => g.scanCccd(kind, data, w, h, stride, mode, skip, now, lang)));
    if (r.ok) return { card: r.card, qr: qrCode(r.qr) };
    if (r.usage) throw new TypeError(r.usage);
    throw new CccdVerifyError(r.error.code, r.error.message, r.error.params);
  }

  // Options cross to Rust as JSON and are read there into strict types (src/request.rs): a
  // wrong type, an unknown key or a value out of range is a TypeError naming the option, and
  // the defaults live there. Here only what JSON cannot carry is converted (certificates, dates,
  // the TrustList object); a value JSON would drop or change silently is refused.
  function optionsJson(value) {
    return JSON.stringify(value, function (key, v) {
      if (typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint') {
        throw new TypeError(`options${key ? `.${key}` : ''} must be plain data, not a ${typeof v}`);
      }
      if (typeof v === 'number' && !Number.isFinite(v)) {
        throw new TypeError(`options${key ? `.${key}` : ''} must be a finite number`);
      }
      if (v instanceof Set || v instanceof Map) {
        throw new TypeError(`options${key ? `.${key}` : ''} must be ${v instanceof Set ? 'an array' : 'an object'}, not a ${v.constructor.name}`);
      }
      return v;
    });
  }

  function verifySdJwtVc(presentation, options) {
    stringArg(presentation, 'presentation');
    if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
    const { lang: langOption, trust, now, ...rest } = options;
    const lang = langArg(langOption);
    if (!('keyBinding' in options)) {
      throw new TypeError('options.keyBinding is required: { nonce, audience } to require key binding, or null to refuse it');
    }
    checkSize('verify', lang, 'presentation', presentation.length);
    if (Array.isArray(rest.statusLists)) {
      for (const l of rest.statusLists) if (typeof l === 'string') checkSize('verify', lang, 'statusList', l.trim().length);
    }
    const list = trust instanceof TrustList ? TrustList.source(trust) : null;
    if (!list) {
      if (trust === null || typeof trust !== 'object' || !Array.isArray(trust.anchors) || trust.anchors.length === 0) {
        throw new TypeError('options.trust must be a TrustList (loadTrustList) or { anchors: [PEM string | DER Uint8Array, …] } with at least one anchor');
      }
      const unknown = Object.keys(trust).filter((k) => k !== 'anchors' && k !== 'statusAnchors');
      if (unknown.length) throw new TypeError(`options.trust: unknown key ${unknown.map((k) => JSON.stringify(k)).join(', ')}; expected anchors, statusAnchors`);
      if (trust.statusAnchors !== undefined && !Array.isArray(trust.statusAnchors)) throw new TypeError('options.trust.statusAnchors must be an array of certificates');
    }
    const json = optionsJson({
      ...rest,
      now: unixSeconds(now),
      anchors: list ? [] : trust.anchors.map(derBase64),
      statusAnchors: list ? [] : (trust.statusAnchors ?? []).map(derBase64),
      trustList: list,
    });
    return unwrap(call('verify', lang, (g) => g.verifySdJwtVc(presentation, json, lang)), 'result');
  }

  function loadTrustList(jws, options) {
    stringArg(jws, 'jws');
    if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
    const { lang: langOption, now, signers, ...rest } = options;
    const lang = langArg(langOption);
    if (!Array.isArray(signers) || signers.length === 0) {
      throw new TypeError('options.signers must list the pinned trust-list signer certificates (PEM or DER)');
    }
    checkSize('verify', lang, 'trustList', jws.trim().length);
    // Kept in the TrustList and re-checked (signature, staleness) at every use, at that use's `now`.
    const source = { ...rest, jws: jws.trim(), signers: signers.map(derBase64) };
    const summary = unwrap(call('verify', lang, (g) => g.verifyTrustList(optionsJson({ ...source, now: unixSeconds(now) }), lang)), 'list');
    return new TrustList(source, summary);
  }

  // The async form: in browsers, signatures through WebCrypto (see `webHost`); elsewhere (Node,
  // whose host hook is node:crypto already, or no WebCrypto) the same as `verifySdJwtVc`.
  // Being async, it also loads the verify module on first use when `init` has not.
  async function verifySdJwtVcAsync(presentation, options) {
    const m = modules.verify;
    if (m && !m.backend.ready() && m.init) await m.init();
    if (!webHost.registered) return verifySdJwtVc(presentation, options);
    webHost.mode = 'record';
    webHost.asked = [];
    try {
      verifySdJwtVc(presentation, options);
    } catch (e) {
      if (e instanceof TypeError) throw e;
    } finally {
      webHost.mode = 'off';
    }
    const asked = webHost.asked;
    webHost.asked = [];
    const answers = await webCryptoAnswers(asked);
    webHost.mode = 'answer';
    webHost.answers = answers;
    try {
      return verifySdJwtVc(presentation, options);
    } finally {
      webHost.mode = 'off';
      webHost.answers = new Map();
    }
  }

  // ---- ICAO 9303 chips (issue 9 item 7): verifyChip, in the verify module ----
  // The dump crosses as the hand-off JSON text (docs/chip-data.md); options as JSON read strictly
  // by src/icao/request.rs (ChipRequest): certificates, lists and CRLs base64 DER, the challenge
  // hex, `now` Unix seconds. The dump's size is checked before it is copied (MAX_DUMP_JSON_BYTES).
  const CHIP_TRUST_KEYS = ['cscas', 'masterList', 'masterListSigners', 'minMasterListSignedAt', 'crls'];
  function chipBase64(v, name) {
    if (v instanceof Uint8Array) return derBase64(v);
    if (typeof v === 'string') return v.replace(/-----(BEGIN|END) [A-Z0-9 ]+-----/g, '').replace(/\s+/g, '');
    throw new TypeError(`${name} must be a PEM or base64 string, or DER bytes (Uint8Array)`);
  }
  function chipList(v, name) {
    if (v === undefined) return undefined;
    if (!Array.isArray(v)) throw new TypeError(`${name} must be an array`);
    return v.map((c, i) => chipBase64(c, `${name}[${i}]`));
  }
  function chipTrust(trust) {
    if (trust === undefined || trust === null) return undefined;
    if (typeof trust !== 'object' || Array.isArray(trust)) throw new TypeError('options.trust must be { cscas } or { masterList, masterListSigners }');
    const unknown = Object.keys(trust).filter((k) => !CHIP_TRUST_KEYS.includes(k));
    if (unknown.length) throw new TypeError(`options.trust: unknown key ${unknown.map((k) => JSON.stringify(k)).join(', ')}; expected ${CHIP_TRUST_KEYS.join(', ')}`);
    return {
      cscas: chipList(trust.cscas, 'options.trust.cscas'),
      masterList: trust.masterList === undefined ? undefined : chipBase64(trust.masterList, 'options.trust.masterList'),
      masterListSigners: chipList(trust.masterListSigners, 'options.trust.masterListSigners'),
      minMasterListSignedAt: trust.minMasterListSignedAt === undefined ? undefined : unixSeconds(trust.minMasterListSignedAt),
      crls: chipList(trust.crls, 'options.trust.crls'),
    };
  }
  function chipChallenge(c) {
    if (c === undefined || c === null) return undefined;
    if (c instanceof Uint8Array) return Array.from(c, (b) => b.toString(16).padStart(2, '0')).join('');
    if (typeof c === 'string') return c;
    throw new TypeError('options.challenge must be a hex string or a Uint8Array');
  }

  function verifyChip(dump, options) {
    let text;
    if (typeof dump === 'string') text = dump;
    else if (dump !== null && typeof dump === 'object' && !Array.isArray(dump) && !(dump instanceof Uint8Array)) text = JSON.stringify(dump);
    else throw new TypeError('dump must be the icao9303-dump/1 JSON (a string or an object)');
    if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
    const { lang: langOption, now, trust, challenge, dsc, ...rest } = options;
    const lang = langArg(langOption);
    checkSize('verify', lang, 'chipDump', text.length);
    const json = optionsJson({
      ...rest,
      now: unixSeconds(now),
      trust: chipTrust(trust),
      challenge: chipChallenge(challenge),
      dsc: dsc === undefined ? undefined : chipBase64(dsc, 'options.dsc'),
    });
    return unwrap(call('verify', lang, (g) => g.verifyChip(text, json, lang)), 'result');
  }
  // ---- end ICAO 9303 chips ----

  const api = { parseCccd, parseMrz, compareNames, foldName, icaoTransliterate, decodeQr, scanCccd, verifySdJwtVc, verifySdJwtVcAsync, loadTrustList };
  api.verifyChip = verifyChip; // ICAO 9303 chips
  // Not part of the API: traps inside wasm on purpose, so tests can exercise the recovery path.
  testHooks.set(parseCccd, { trap: () => call('scan', 'en', (g) => g.__trapForTests()) });
  return api;
}

