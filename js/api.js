// The public API over the wasm core. Loader-agnostic: `index.js` (browsers, bundlers) and
// `node.js` (Node) each hand it a backend that knows how to (re-)instantiate the module.
import * as glue from './wasm/cccd_verify.js';

/** Codes a `CccdVerifyError` can carry; see index.d.ts for their meaning. */
export const ERROR_CODES = Object.freeze([
  'ERR_INPUT_EMPTY', 'ERR_INPUT_TOO_LARGE', 'ERR_PAYLOAD_ENCODING', 'ERR_NOT_CCCD_PAYLOAD',
  'ERR_FIELD_MISSING', 'ERR_FIELD_EMPTY', 'ERR_ID_NUMBER_FORMAT', 'ERR_DATE_FORMAT', 'ERR_SEX_VALUE',
  'ERR_MRZ_FORMAT', 'ERR_MRZ_CHECK_DIGIT', 'ERR_IMAGE_FORMAT', 'ERR_IMAGE_TOO_LARGE', 'ERR_IMAGE_DECODE',
  'ERR_NO_QR_FOUND', 'ERR_NOT_INITIALIZED', 'ERR_INTERNAL',
]);

const LOCAL_MESSAGES = {
  ERR_NOT_INITIALIZED: {
    en: 'cccd-verify is not initialised: await init() first.',
    vi: 'cccd-verify chưa được khởi tạo: hãy gọi await init() trước.',
  },
  ERR_INTERNAL: {
    en: 'Internal error in the verifier; it has been restarted. Please try again.',
    vi: 'Lỗi nội bộ trong bộ kiểm tra; đã khởi động lại. Vui lòng thử lại.',
  },
};

/** A rejection with a stable `code`. */
export class CccdVerifyError extends Error {
  constructor(code, message, params = {}, options) {
    super(message, options);
    this.name = 'CccdVerifyError';
    this.code = code;
    this.params = params;
  }
}

function localError(code, lang, cause) {
  return new CccdVerifyError(code, LOCAL_MESSAGES[code][lang], {}, cause ? { cause } : undefined);
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

function stringArg(value, name) {
  if (typeof value !== 'string') throw new TypeError(`${name} must be a string`);
  return value;
}

/**
 * Builds the API around a backend `{ ready(): boolean, restart(): void }`.
 * Every call into wasm goes through `call`, which turns a trap into a typed error and
 * restarts the instance so that the next call works.
 */
export function createApi(backend) {
  function call(lang, fn) {
    if (!backend.ready()) throw localError('ERR_NOT_INITIALIZED', lang);
    try {
      return fn();
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError) {
        backend.restart();
        throw localError('ERR_INTERNAL', lang, e);
      }
      throw e;
    }
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
      json = call(lang, () => glue.parseQrText(input, now, lang, mrz));
    } else if (input instanceof Uint8Array) {
      json = call(lang, () => glue.parseQrBytes(input, now, lang, mrz));
    } else {
      throw new TypeError('input must be a string or a Uint8Array');
    }
    return unwrap(json, 'card');
  }

  function parseMrz(text, options) {
    const lang = langArg(optionsArg(options).lang);
    stringArg(text, 'text');
    return unwrap(call(lang, () => glue.parseMrz(text, lang)), 'mrz');
  }

  function compareNames(a, b) {
    stringArg(a, 'a');
    stringArg(b, 'b');
    return call('en', () => glue.compareNames(a, b));
  }

  function foldName(name) {
    stringArg(name, 'name');
    return call('en', () => glue.foldName(name));
  }

  function icaoTransliterate(name) {
    stringArg(name, 'name');
    return call('en', () => glue.icaoTransliterate(name));
  }

  /** Traps inside wasm on purpose; exists so tests can exercise the recovery path. */
  function __trapForTests() {
    call('en', () => glue.__trapForTests());
  }

  return { parseCccd, parseMrz, compareNames, foldName, icaoTransliterate, __trapForTests };
}

