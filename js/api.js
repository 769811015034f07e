// The public API over the wasm core. Loader-agnostic: `index.js` (browsers, bundlers), `node.js`
// (Node), `verify.js` and `scan-core.js` (the subpath entries) each hand it the wasm modules they
// offer — one per capability: `scan` (pixels → QR → card, MRZ, names), `verify` (SD-JWT VC,
// trust lists, mdoc, VICALs) and `image` (PNG/JPEG files → pixels) — with a loader that knows how to
// (re-)instantiate each.

/**
 * Test hooks, keyed by an entry's `parseCccd`: reachable only by importing this file by its path
 * (the package's `exports` map does not list it), never through the package's API.
 */
export const testHooks = new WeakMap();

/** The wasm modules of the package, one per capability. */
export const CAPABILITIES = Object.freeze(['scan', 'verify', 'image']);

import { ERROR_CODES, LOCAL_MESSAGES } from './codes.js';
import { MESSAGE_LABELS, ERROR_MESSAGES, FINDING_MESSAGES } from './codes.js';

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

/**
 * An ISO 18013-5 VICAL that verified. Made by `loadVical`; pass it as `trust` (or `trust.vical`)
 * to `verifyMdoc`: its IACAs become anchors, each for the docTypes its entry lists. `accepted`
 * is what to store for rollback protection next time (`issueId`, `digest`).
 */
export class Vical {
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

// Messages are rendered here, not in wasm: the modules return an error as its code and params
// (`Error::to_wire`) and a finding with an empty message, and the templates `make codes`
// generates from the Rust tables (`ERROR_MESSAGES`, `FINDING_MESSAGES` in codes.js) give the
// same text the Rust `message()` gives (tests/js/messages.test.mjs checks every code, both
// languages). These are the formatters the templates call.
const pick = (pair, vi) => pair[vi ? 1 : 0];
const pad = (v, n) => (v < 0n ? `-${(-v).toString().padStart(n - 1, '0')}` : v.toString().padStart(n, '0'));
const floorDiv = (a, b) => (a % b !== 0n && (a < 0n) !== (b < 0n) ? a / b - 1n : a / b);
const formatters = {
  label: (kind, key, vi) => (Object.hasOwn(MESSAGE_LABELS[kind], key) ? pick(MESSAGE_LABELS[kind][key], vi) : String(key)),
  cap: (s) => s.charAt(0).toUpperCase() + s.slice(1),
  // `CertRef` params: `{ cert: 'chain', index }` or `{ cert: 'anchor' }`.
  cert(q, vi) {
    const l = MESSAGE_LABELS.CertRef;
    if (q.cert === 'anchor') return pick(l.anchor, vi);
    return String(q.index) === '0' ? pick(l.chain0, vi) : pick(l.chain, vi).replace('{i}', String(q.index));
  },
  // Unix seconds (a number, or a decimal string past 2^53) as `YYYY-MM-DD HH:MM:SS UTC`, with
  // the arithmetic of `date::format_unix_utc` on exact integers.
  utc(secs) {
    const s = BigInt(secs);
    const days = floorDiv(s, 86400n);
    const tod = s - days * 86400n;
    const z = days + 719468n;
    const era = floorDiv(z, 146097n);
    const doe = z - era * 146097n;
    const yoe = (doe - doe / 1460n + doe / 36524n - doe / 146096n) / 365n;
    const doy = doe - (365n * yoe + yoe / 4n - yoe / 100n);
    const mp = (5n * doy + 2n) / 153n;
    const day = doy - (153n * mp + 2n) / 5n + 1n;
    const month = mp < 10n ? mp + 3n : mp - 9n;
    const year = yoe + era * 400n + (month <= 2n ? 1n : 0n);
    return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)} ${pad(tod / 3600n, 2)}:${pad((tod % 3600n) / 60n, 2)}:${pad(tod % 60n, 2)} UTC`;
  },
  // `YYYY-MM-DD` → `DD/MM/YYYY` (the year unpadded).
  dmy(d) {
    const [y, m, day] = d.split('-');
    return `${day}/${m}/${Number(y)}`;
  },
};

/** The message of an error in its wire form (`{ code, params, big?, in?, uri?, error? }`), in `lang`. */
export function errorMessage(wire, lang) {
  const vi = lang === 'vi';
  if (wire.error) {
    const list = formatters.label('ListOrigin', wire.in, vi);
    return `${list}${wire.uri === undefined ? '' : ` ${wire.uri}`}: ${errorMessage(wire.error, lang)}`;
  }
  const render = ERROR_MESSAGES[wire.code];
  return render ? render({ ...wire.params, ...wire.big }, vi, formatters) : wire.code;
}

/** The message of a finding (`{ code, params? }`), in `lang`. */
export function findingMessage(finding, lang) {
  const render = FINDING_MESSAGES[finding.code];
  return render ? render({ ...finding.params }, lang === 'vi', formatters) : finding.code;
}

/** A card from a wasm module, its findings' messages rendered in `lang`. */
function withMessages(card, lang) {
  for (const f of card.findings) f.message = findingMessage(f, lang);
  return card;
}

function wireError(wire, lang) {
  return new CccdVerifyError(wire.code, errorMessage(wire, lang), wire.params);
}

function localError(code, lang, cause, params = {}) {
  return new CccdVerifyError(code, LOCAL_MESSAGES[code][lang], params, cause ? { cause } : undefined);
}

// ---- `now`: the one reader of every `now` option (type `NowInput` in index.d.ts; the Rust twin is
// `date::Now` in src/date.rs, and both are tested against tests/data/now.json) ----
// Accepted: a Date; Unix seconds (a number; a fraction rounds down); an RFC 3339 date-time
// (`2026-12-04T09:30:00+07:00`, `…Z`, any offset, `T`/`Z` in either case; a fraction rounds down;
// no leap second); and, where a calendar date is enough (card checks: parseCccd, scanCccd, the
// scanner), `YYYY-MM-DD`: that day in Vietnam. An instant given for a card check is read as the
// date in Vietnam (UTC+7, Asia/Ho_Chi_Minh, no daylight saving) at that instant. A date alone is
// refused where an instant is needed (a token's expiry is to the second). Instants are limited to
// 0001-01-01T00:00:00Z … 9999-12-31T23:59:59Z. Anything else is a TypeError naming the option.
const VIETNAM_OFFSET_S = 7 * 3600; // UTC+7, no daylight saving
const MIN_NOW_S = -62135596800; // 0001-01-01T00:00:00Z
const MAX_NOW_S = 253402300799; // 9999-12-31T23:59:59Z
const NOW_FORMS = 'a Date, an RFC 3339 date-time such as "2026-12-04T09:30:00+07:00", or Unix seconds (a number)';
const ISO_DAY = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;
const RFC3339 = /^([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]+)?(?:[Zz]|([+-])([0-9]{2}):([0-9]{2}))$/;

const leap = (y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const monthDays = (y, m) => [31, leap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
const realDay = (y, m, d) => y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= monthDays(y, m);
// Days since 1970-01-01 of a proleptic Gregorian date, and back (as date::days_from_civil /
// date::civil_from_days; exact in doubles over the years 1–9999).
function daysFromCivil(y, m, d) {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * ((m + 9) % 12) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}
function civilFromDays(days) {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}
const two = (n) => String(n).padStart(2, '0');

function describe(v) {
  if (v === null) return 'null';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return `an object (${v.constructor?.name ?? 'no prototype'})`;
  return `a ${typeof v}`;
}

function instant(secs, name) {
  if (secs < MIN_NOW_S || secs > MAX_NOW_S) throw new TypeError(`${name} is out of range: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z`);
  return secs;
}

/** `value` (not undefined) as `{ seconds }` or, for a date alone when `dayAllowed`, `{ day }`. */
function readNow(value, name, dayAllowed) {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw new TypeError(`${name} is an invalid Date`);
    return { seconds: instant(Math.floor(ms / 1000), name) };
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${name} must be a finite number of Unix seconds, not ${value}`);
    return { seconds: instant(Math.floor(value), name) };
  }
  if (typeof value === 'string') {
    let m = ISO_DAY.exec(value);
    if (m) {
      if (!realDay(Number(m[1]), Number(m[2]), Number(m[3]))) throw new TypeError(`${name}: ${value} is not a date`);
      if (!dayAllowed) throw new TypeError(`${name}: a date alone (${value}) has no time of day; give ${NOW_FORMS}`);
      return { day: value };
    }
    m = RFC3339.exec(value);
    if (m) {
      const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
      const oh = m[8] === undefined ? 0 : Number(m[8]);
      const om = m[9] === undefined ? 0 : Number(m[9]);
      if (!realDay(y, mo, d) || h > 23 || mi > 59 || s > 59 || oh > 23 || om > 59) {
        throw new TypeError(`${name}: ${JSON.stringify(value)} is not a valid RFC 3339 date-time (no leap seconds)`);
      }
      const offset = (m[7] === '-' ? -1 : 1) * (oh * 3600 + om * 60);
      return { seconds: instant(daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - offset, name) };
    }
  }
  throw new TypeError(`${name} must be ${NOW_FORMS}${dayAllowed ? ', or a date YYYY-MM-DD' : ''}; got ${describe(value)}`);
}

/**
 * `now` for checks at an instant (tokens, certificates, lists): whole Unix seconds. `undefined` is
 * the current time; anything but a `NowInput` instant is a TypeError naming `name`.
 */
export function nowSeconds(value, name = 'options.now') {
  if (value === undefined) return Math.floor(Date.now() / 1000);
  return readNow(value, name, false).seconds;
}

/**
 * `now` for card checks (expiry, age): the calendar date in Vietnam, `YYYY-MM-DD`. `undefined` is
 * today in Vietnam; a date `YYYY-MM-DD` is that day; an instant is the date in UTC+7 then.
 */
export function nowDay(value, name = 'options.now') {
  const r = value === undefined ? { seconds: Math.floor(Date.now() / 1000) } : readNow(value, name, true);
  if (r.day !== undefined) return r.day;
  const [y, m, d] = civilFromDays(Math.floor((r.seconds + VIETNAM_OFFSET_S) / 86400));
  if (y > 9999) throw new TypeError(`${name} is out of range for a card date: after 9999-12-31 in Vietnam`);
  return `${String(y).padStart(4, '0')}-${two(m)}-${two(d)}`;
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

/** A QR code from a wasm module: `bytes` as a Uint8Array, Shift_JIS text decoded by the platform. */
export function qrCode(c) {
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
export function registerWebCrypto(registerHostVerify) {
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

/** base64url (or base64) text → bytes; anything else is a TypeError. */
function base64urlBytes(text) {
  if (!/^[A-Za-z0-9_\-+/]*={0,2}$/.test(text)) throw new TypeError('a text response must be base64url');
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '').padEnd(Math.ceil(text.replace(/=+$/, '').length / 4) * 4, '='));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * An mdoc element value (the core's tagged `MdocValue`) as a JS value: text → string, int →
 * number, big-int → bigint, float → number, bool → boolean, null → null, undefined → undefined,
 * bytes → Uint8Array, full-date → its `YYYY-MM-DD` text (a calendar date, no time zone), tdate →
 * Date (its text when not an RFC 3339 UTC instant), array → array, map → object when every key is
 * text (a Map otherwise), another tag → { tag, value }, a simple value → { simple }.
 */
function mdocValue(v) {
  switch (v.type) {
    case 'text': case 'int': case 'float': case 'bool': case 'full-date':
      return v.value;
    case 'big-int': return BigInt(v.value);
    case 'null': return null;
    case 'undefined': return undefined;
    case 'bytes': return base64urlBytes(v.value);
    case 'tdate': return v.unix === null ? v.value : new Date(v.unix * 1000);
    case 'array': return v.value.map(mdocValue);
    case 'map':
      if (v.value.every(([k]) => k.type === 'text')) {
        const o = {};
        for (const [k, x] of v.value) Object.defineProperty(o, k.value, { value: mdocValue(x), enumerable: true, writable: true, configurable: true });
        return o;
      }
      return new Map(v.value.map(([k, x]) => [mdocValue(k), mdocValue(x)]));
    case 'tag': return { tag: v.tag, value: mdocValue(v.value) };
    default: return { simple: v.value };
  }
}

/** The claims of one namespace map as JS values, and the MIME types of image byte strings. */
function mdocClaims(claims, mimeTypes) {
  const out = {};
  for (const [ns, elements] of Object.entries(claims)) {
    out[ns] = {};
    for (const [el, v] of Object.entries(elements)) {
      out[ns][el] = mdocValue(v);
      if (mimeTypes && v.type === 'bytes' && v.mime) (mimeTypes[ns] ??= {})[el] = v.mime;
    }
  }
  return out;
}

function mdocResult(r, lang) {
  return {
    ...r,
    documents: r.documents.map((d) => {
      const mimeTypes = {};
      return withMessages({ ...d, claims: mdocClaims(d.claims, mimeTypes), deviceClaims: mdocClaims(d.deviceClaims), mimeTypes }, lang);
    }),
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
    if (size > max) unwrap(call(cap, lang, (g) => g.tooLarge(size, max, lang)), 'never', lang);
  }

  function unwrap(json, key, lang) {
    const r = JSON.parse(json);
    if (r.ok) return r[key];
    if (r.usage) throw new TypeError(r.usage);
    throw wireError(r.error, lang);
  }

  function parseCccd(input, options) {
    const o = optionsArg(options);
    const lang = langArg(o.lang);
    const now = nowDay(o.now);
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
    return withMessages(unwrap(json, 'card', lang), lang);
  }

  function parseMrz(text, options) {
    const lang = langArg(optionsArg(options).lang);
    stringArg(text, 'text');
    checkSize('scan', lang, 'mrz', text.length);
    return unwrap(call('scan', lang, (g) => g.parseMrz(text, lang)), 'mrz', lang);
  }

  // Names over MAX_NAME_BYTES (UTF-8) fail with ERR_INPUT_TOO_LARGE.
  function compareNames(a, b) {
    stringArg(a, 'a');
    stringArg(b, 'b');
    checkSize('scan', 'en', 'name', Math.max(a.length, b.length));
    return unwrap(call('scan', 'en', (g) => g.compareNames(a, b)), 'value', 'en');
  }

  function foldName(name) {
    stringArg(name, 'name');
    checkSize('scan', 'en', 'name', name.length);
    return unwrap(call('scan', 'en', (g) => g.foldName(name)), 'value', 'en');
  }

  function icaoTransliterate(name) {
    stringArg(name, 'name');
    checkSize('scan', 'en', 'name', name.length);
    return unwrap(call('scan', 'en', (g) => g.icaoTransliterate(name)), 'value', 'en');
  }

  // PNG/JPEG bytes → grey pixels, in the `image` module (loaded only for files); its errors
  // are turned into typed errors by the scan module (`imageError`), messages rendered here.
  function decodeFile(bytes, lang) {
    checkSize('scan', lang, 'imageFile', bytes.byteLength);
    const out = call('image', lang, (g) => g.decodeImageFile(bytes));
    const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
    if (out[0] !== 1) {
      // [0, kind, width, height]: made a typed error by the scan module.
      unwrap(call('scan', lang, (g) => g.imageError(out[1], view.getUint32(2, true), view.getUint32(6, true), lang)), 'never', lang);
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
    const codes = unwrap(decodeCall(lang, (g, skip) => g.decodeQr(kind, data, w, h, stride, mode, skip, lang)), 'codes', lang);
    return codes.map(qrCode);
  }

  function scanCccd(image, options) {
    const o = optionsArg(options);
    const lang = langArg(o.lang);
    const now = nowDay(o.now);
    const mode = modeArg(o.mode);
    const [kind, data, w, h, stride] = imageArgs(image, lang);
    const r = JSON.parse(decodeCall(lang, (g, skip) => g.scanCccd(kind, data, w, h, stride, mode, skip, now, lang)));
    if (r.ok) return { card: withMessages(r.card, lang), qr: qrCode(r.qr) };
    if (r.usage) throw new TypeError(r.usage);
    throw wireError(r.error, lang);
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
      now: nowSeconds(now),
      anchors: list ? [] : trust.anchors.map(derBase64),
      statusAnchors: list ? [] : (trust.statusAnchors ?? []).map(derBase64),
      trustList: list,
    });
    return withMessages(unwrap(call('verify', lang, (g) => g.verifySdJwtVc(presentation, json, lang)), 'result', lang), lang);
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
    const summary = unwrap(call('verify', lang, (g) => g.verifyTrustList(optionsJson({ ...source, now: nowSeconds(now) }), lang)), 'list', lang);
    return new TrustList(source, summary);
  }

  // ISO 18013-5 mdoc. Byte strings cross as base64url inside the JSON options, except the
  // response and the VICAL, which are copied in as bytes.
  function bytesArg(value, name) {
    if (value instanceof Uint8Array) return value;
    if (value instanceof ArrayBuffer) return new Uint8Array(value);
    throw new TypeError(`${name} must be a Uint8Array or an ArrayBuffer`);
  }

  function b64url(value, name) {
    if (typeof value === 'string') return value;
    return b64(bytesArg(value, name)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function loadVical(bytes, options) {
    const data = bytesArg(bytes, 'bytes');
    if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
    const { lang: langOption, now, signers, accepted, ...rest } = options;
    const lang = langArg(langOption);
    if (!Array.isArray(signers) || signers.length === 0) {
      throw new TypeError('options.signers must list the pinned VICAL signer root certificates (PEM or DER)');
    }
    checkSize('verify', lang, 'vical', data.byteLength);
    // `accepted` as a Vical's `accepted` ({ issueId, digest }) or a trust list's ({ sequence, digest }).
    const acc = accepted == null ? accepted : { sequence: accepted.issueId ?? accepted.sequence, digest: accepted.digest };
    const source = { ...rest, ...(acc === undefined ? {} : { accepted: acc }), signers: signers.map(derBase64) };
    const summary = unwrap(call('verify', lang, (g) => g.verifyVical(data, optionsJson({ ...source, now: nowSeconds(now) }), lang)), 'list');
    return new Vical({ ...source, vical: b64url(data) }, summary);
  }

  function transcriptArg(t) {
    if (t instanceof Uint8Array || t instanceof ArrayBuffer) return { bytes: b64url(t, 'options.transcript') };
    if (t === null || typeof t !== 'object') {
      throw new TypeError('options.transcript must be the SessionTranscript bytes (Uint8Array) or { dcapi } | { openid4vpDcApi } | { openid4vpRedirect }');
    }
    const out = {};
    for (const [k, v] of Object.entries(t)) {
      out[k] = v !== null && typeof v === 'object' && v.jwkThumbprint !== undefined && typeof v.jwkThumbprint !== 'string'
        ? { ...v, jwkThumbprint: b64url(v.jwkThumbprint, `options.transcript.${k}.jwkThumbprint`) }
        : v;
    }
    return out;
  }

  function trustArg(trust) {
    if (trust instanceof Vical) return { vical: Vical.source(trust) };
    if (trust instanceof TrustList) return { trustList: TrustList.source(trust) };
    if (trust === null || typeof trust !== 'object') {
      throw new TypeError('options.trust must be a Vical (loadVical), a TrustList (loadTrustList) or { anchors?, pinnedSigners?, vical?, trustList? }');
    }
    const unknown = Object.keys(trust).filter((k) => !['anchors', 'pinnedSigners', 'vical', 'trustList'].includes(k));
    if (unknown.length) throw new TypeError(`options.trust: unknown key ${unknown.map((k) => JSON.stringify(k)).join(', ')}; expected anchors, pinnedSigners, vical, trustList`);
    for (const k of ['anchors', 'pinnedSigners']) {
      if (trust[k] !== undefined && !Array.isArray(trust[k])) throw new TypeError(`options.trust.${k} must be an array of certificates`);
    }
    if (trust.vical !== undefined && !(trust.vical instanceof Vical)) throw new TypeError('options.trust.vical must be a Vical (loadVical)');
    if (trust.trustList !== undefined && !(trust.trustList instanceof TrustList)) throw new TypeError('options.trust.trustList must be a TrustList (loadTrustList)');
    return {
      anchors: (trust.anchors ?? []).map(derBase64),
      pinnedSigners: (trust.pinnedSigners ?? []).map(derBase64),
      vical: trust.vical ? Vical.source(trust.vical) : undefined,
      trustList: trust.trustList ? TrustList.source(trust.trustList) : undefined,
    };
  }

  function verifyMdoc(response, options) {
    const data = typeof response === 'string' ? base64urlBytes(response.trim()) : bytesArg(response, 'response');
    if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
    const { lang: langOption, trust, now, transcript, readerKey, ...rest } = options;
    const lang = langArg(langOption);
    checkSize('verify', lang, 'mdocResponse', data.byteLength);
    const json = optionsJson({
      ...rest,
      ...trustArg(trust),
      now: nowSeconds(now),
      transcript: transcriptArg(transcript),
      readerKey: readerKey === undefined ? undefined : b64url(readerKey, 'options.readerKey'),
    });
    return mdocResult(unwrap(call('verify', lang, (g) => g.verifyMdoc(data, json, lang)), 'result'), lang);
  }

  // The Digital Credentials API flow (src/dcapi/, docs/dcapi.md). The core takes randomness as
  // an argument: it comes from the platform's CSPRNG here. The request and the state cross as
  // JSON text; the state stays text (it is what to keep, and it holds private keys).
  const RANDOM_BYTES = 48;
  function createCredentialRequest(options) {
    if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
    const { lang: langOption, now, ...rest } = options;
    const lang = langArg(langOption);
    const rng = globalThis.crypto;
    if (!rng || typeof rng.getRandomValues !== 'function') throw new TypeError('createCredentialRequest needs crypto.getRandomValues (a secure context or Node >= 20)');
    const random = rng.getRandomValues(new Uint8Array(RANDOM_BYTES));
    const json = optionsJson({ ...rest, now: now === undefined ? undefined : nowSeconds(now) });
    let out;
    try {
      out = JSON.parse(call('verify', lang, (g) => g.createCredentialRequest(json, random, lang)));
    } finally {
      random.fill(0);
    }
    if (out.usage) throw new TypeError(out.usage);
    if (!out.ok) throw wireError(out.error, lang);
    return { request: JSON.parse(out.request), state: out.state };
  }

  function credentialJson(credential) {
    if (credential === null || typeof credential !== 'object') throw new TypeError('credential must be the DigitalCredential from navigator.credentials.get, or its { protocol, data }');
    const { protocol, data } = credential;
    if (typeof protocol !== 'string') throw new TypeError('credential.protocol must be a string');
    if (data === null || typeof data !== 'object') throw new TypeError('credential.data must be an object');
    return optionsJson({ protocol, data });
  }

  function verifyCredentialResponse(credential, state, options) {
    const json = credentialJson(credential);
    stringArg(state, 'state');
    if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
    const { lang: langOption, trust, now, maxAgeSeconds, mdoc, sdJwt } = options;
    const lang = langArg(langOption);
    const unknown = Object.keys(options).filter((k) => !['lang', 'trust', 'now', 'maxAgeSeconds', 'mdoc', 'sdJwt'].includes(k));
    if (unknown.length) throw new TypeError(`options: unknown key ${unknown.map((k) => JSON.stringify(k)).join(', ')}; expected trust, now, maxAgeSeconds, mdoc, sdJwt, lang`);
    if (trust === null || typeof trust !== 'object') throw new TypeError('options.trust must be { mdoc?, sdJwt? }: the trust for each format the request asked for');
    const badTrust = Object.keys(trust).filter((k) => k !== 'mdoc' && k !== 'sdJwt');
    if (badTrust.length) throw new TypeError(`options.trust: unknown key ${badTrust.map((k) => JSON.stringify(k)).join(', ')}; expected mdoc, sdJwt`);
    for (const [k, v] of [['mdoc', mdoc], ['sdJwt', sdJwt]]) {
      if (v !== undefined && (v === null || typeof v !== 'object')) throw new TypeError(`options.${k} must be an object`);
    }
    const sdTrust = (t) => {
      if (t instanceof TrustList) return { anchors: [], statusAnchors: [], trustList: TrustList.source(t) };
      if (t === null || typeof t !== 'object' || !Array.isArray(t.anchors) || t.anchors.length === 0) {
        throw new TypeError('options.trust.sdJwt must be a TrustList (loadTrustList) or { anchors: [PEM string | DER Uint8Array, …], statusAnchors? } with at least one anchor');
      }
      const bad = Object.keys(t).filter((k) => k !== 'anchors' && k !== 'statusAnchors');
      if (bad.length) throw new TypeError(`options.trust.sdJwt: unknown key ${bad.map((k) => JSON.stringify(k)).join(', ')}; expected anchors, statusAnchors`);
      if (t.statusAnchors !== undefined && !Array.isArray(t.statusAnchors)) throw new TypeError('options.trust.sdJwt.statusAnchors must be an array of certificates');
      return { anchors: t.anchors.map(derBase64), statusAnchors: (t.statusAnchors ?? []).map(derBase64) };
    };
    const core = {
      now: nowSeconds(now),
      maxAgeSeconds,
      trust: {
        mdoc: trust.mdoc === undefined ? undefined : { ...(mdoc ?? {}), ...trustArg(trust.mdoc) },
        sdJwt: trust.sdJwt === undefined ? undefined : { ...(sdJwt ?? {}), ...sdTrust(trust.sdJwt) },
      },
    };
    const r = unwrap(call('verify', lang, (g) => g.verifyCredentialResponse(json, state, optionsJson(core), lang)), 'result', lang);
    if (r.mdoc) r.mdoc = mdocResult(r.mdoc);
    if (r.sdJwt) withMessages(r.sdJwt, lang);
    return r;
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
      minMasterListSignedAt: trust.minMasterListSignedAt === undefined ? undefined : nowSeconds(trust.minMasterListSignedAt, 'options.trust.minMasterListSignedAt'),
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
      now: nowSeconds(now),
      trust: chipTrust(trust),
      challenge: chipChallenge(challenge),
      dsc: dsc === undefined ? undefined : chipBase64(dsc, 'options.dsc'),
    });
    const r = unwrap(call('verify', lang, (g) => g.verifyChip(text, json, lang)), 'result', lang);
    // Why the issuer was not verified: a CccdVerifyError with its message in `lang`.
    if (r.issuer.error) r.issuer.error = wireError(r.issuer.error, lang);
    return r;
  }
  // ---- end ICAO 9303 chips ----

  const api = { parseCccd, parseMrz, compareNames, foldName, icaoTransliterate, decodeQr, scanCccd, verifySdJwtVc, verifySdJwtVcAsync, loadTrustList, verifyMdoc, loadVical, createCredentialRequest, verifyCredentialResponse };
  api.verifyChip = verifyChip; // ICAO 9303 chips
  // Not part of the API: traps inside wasm on purpose, so tests can exercise the recovery path.
  testHooks.set(parseCccd, { trap: () => call('scan', 'en', (g) => g.__trapForTests()) });
  return api;
}

