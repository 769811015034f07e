// The public API over the wasm core. Loader-agnostic: `index.js` (browsers, bundlers), `node.js`
// (Node) and `scan-core.js` (the camera worker's scan-only build) each hand it the wasm-bindgen
// glue of their module and a backend that knows how to (re-)instantiate it.

/** Codes a `CccdVerifyError` can carry; see index.d.ts for their meaning. */
export const ERROR_CODES = Object.freeze([
  'ERR_INPUT_EMPTY', 'ERR_INPUT_TOO_LARGE', 'ERR_PAYLOAD_ENCODING', 'ERR_NOT_CCCD_PAYLOAD',
  'ERR_FIELD_MISSING', 'ERR_FIELD_EMPTY', 'ERR_ID_NUMBER_FORMAT', 'ERR_DATE_FORMAT', 'ERR_SEX_VALUE',
  'ERR_MRZ_FORMAT', 'ERR_MRZ_CHECK_DIGIT', 'ERR_IMAGE_FORMAT', 'ERR_IMAGE_TOO_LARGE', 'ERR_IMAGE_DECODE',
  'ERR_NO_QR_FOUND', 'ERR_CAMERA_UNAVAILABLE',
  'ERR_CERT_CHAIN_EMPTY', 'ERR_CERT_CHAIN_TOO_LONG', 'ERR_CERT_TOO_LARGE', 'ERR_CERT_PARSE',
  'ERR_CERT_ALGORITHM_UNSUPPORTED', 'ERR_CERT_SIGNATURE_INVALID', 'ERR_CERT_EXPIRED', 'ERR_CERT_NOT_YET_VALID',
  'ERR_CERT_UNKNOWN_ISSUER', 'ERR_CERT_CHAIN_ORDER', 'ERR_CERT_NOT_CA', 'ERR_CERT_PATH_LEN_EXCEEDED',
  'ERR_CERT_KEY_USAGE_MISSING', 'ERR_CERT_UNSUPPORTED_CRITICAL_EXTENSION', 'ERR_CERT_NAME_CONSTRAINTS_UNSUPPORTED', 'ERR_CERT_SIGNATURE_BUDGET_EXCEEDED',
  'ERR_CERT_ANCHOR_PURPOSE_MISMATCH', 'ERR_CERT_ANCHOR_IN_CHAIN', 'ERR_CERT_END_ENTITY_IS_CA', 'ERR_CERT_SELF_SIGNED_END_ENTITY',
  'ERR_JWS_FORMAT', 'ERR_JWS_ALG_NOT_ALLOWED', 'ERR_JWS_SIGNATURE_INVALID', 'ERR_JWS_CRIT_UNSUPPORTED', 'ERR_JWK_INVALID', 'ERR_JSON_TOO_DEEP', 'ERR_JSON_DUPLICATE_MEMBER', 'ERR_SDJWT_FORMAT', 'ERR_SDJWT_TYP', 'ERR_SDJWT_SD_ALG', 'ERR_SDJWT_SD_ALG_NESTED', 'ERR_SDJWT_DISCLOSURE_INVALID', 'ERR_SDJWT_DUPLICATE_DIGEST', 'ERR_SDJWT_UNREFERENCED_DISCLOSURE', 'ERR_SDJWT_RESERVED_CLAIM_NAME', 'ERR_SDJWT_CLAIM_NAME_COLLISION', 'ERR_SDJWT_NON_DISCLOSABLE_CLAIM', 'ERR_SDJWT_TOO_MANY_DISCLOSURES', 'ERR_CLAIM_MISSING', 'ERR_CLAIM_TYPE', 'ERR_TOKEN_EXPIRED', 'ERR_TOKEN_NOT_YET_VALID', 'ERR_KB_MISSING', 'ERR_KB_UNEXPECTED', 'ERR_KB_TYP', 'ERR_KB_NONCE_MISMATCH', 'ERR_KB_AUDIENCE_MISMATCH', 'ERR_KB_IAT', 'ERR_KB_SD_HASH_MISMATCH', 'ERR_KB_NO_HOLDER_KEY', 'ERR_ISSUER_KEY_UNRESOLVED', 'ERR_ISSUER_BINDING_MISMATCH',
  'ERR_STATUS_LIST_FORMAT', 'ERR_STATUS_LIST_TYP', 'ERR_STATUS_LIST_SUBJECT_MISMATCH', 'ERR_STATUS_LIST_EXPIRED',
  'ERR_STATUS_LIST_NOT_YET_VALID', 'ERR_STATUS_LIST_STALE', 'ERR_STATUS_LIST_BITS', 'ERR_STATUS_LIST_DECOMPRESS',
  'ERR_STATUS_LIST_TOO_LARGE', 'ERR_STATUS_INDEX_OUT_OF_RANGE', 'ERR_STATUS_CLAIM_INVALID', 'ERR_STATUS_LIST_KEY_UNRESOLVED', 'ERR_STATUS_LIST_CONFLICT',
  'ERR_TRUST_LIST_TYP', 'ERR_TRUST_LIST_KEY_UNRESOLVED', 'ERR_TRUST_LIST_FORMAT', 'ERR_TRUST_LIST_TOO_MANY_ENTRIES',
  'ERR_TRUST_LIST_TOO_MANY_CERTS', 'ERR_TRUST_LIST_ROLLBACK', 'ERR_TRUST_LIST_EQUIVOCATION', 'ERR_TRUST_LIST_ISSUED_IN_FUTURE',
  'ERR_TRUST_LIST_STALE', 'ERR_TRUST_LIST_VCT_NOT_ALLOWED',
  'ERR_NOT_INITIALIZED', 'ERR_INTERNAL',
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

function statusListsArg(lists) {
  if (lists === undefined) return [];
  if (!Array.isArray(lists) || lists.some((l) => typeof l !== 'string')) throw new TypeError('options.statusLists must be an array of Status List Token (JWT) strings');
  return lists.map((l) => l.trim());
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

function qrCode(c) {
  return { ...c, bytes: Uint8Array.from(c.bytes) };
}

function stringArg(value, name) {
  if (typeof value !== 'string') throw new TypeError(`${name} must be a string`);
  return value;
}

/**
 * For browsers and bundlers: an idempotent `init()` that fetches the glue's .wasm (next to the
 * glue, never a CDN) and a backend whose `restart()` instantiates the compiled module again —
 * cheap and synchronous for a module this size.
 */
export function webBackend(glue) {
  let ready = false;
  let pending;
  function init(options) {
    if (ready) return Promise.resolve();
    if (!pending) {
      const source = options && options.wasm;
      pending = glue.default(source === undefined ? undefined : { module_or_path: source }).then(
        () => { ready = true; },
        (e) => { pending = undefined; throw e; },
      );
    }
    return pending;
  }
  const backend = {
    ready: () => ready,
    restart() {
      glue.initSync({ module: glue.__wbg_reset() });
    },
  };
  return { init, backend };
}

/**
 * Builds the API around a backend `{ ready(): boolean, restart(): void }`.
 * Every call into wasm goes through `call`, which turns a trap into a typed error and
 * restarts the instance so that the next call works.
 */
export function createApi(backend, glue) {
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

  // Names over MAX_NAME_BYTES (UTF-8) fail with ERR_INPUT_TOO_LARGE.
  function compareNames(a, b) {
    stringArg(a, 'a');
    stringArg(b, 'b');
    return unwrap(call('en', () => glue.compareNames(a, b)), 'value');
  }

  function foldName(name) {
    stringArg(name, 'name');
    return unwrap(call('en', () => glue.foldName(name)), 'value');
  }

  function icaoTransliterate(name) {
    stringArg(name, 'name');
    return unwrap(call('en', () => glue.icaoTransliterate(name)), 'value');
  }

  // Image arguments → (kind, bytes, width, height, stride) for the wasm side.
  function imageArgs(image) {
    if (image instanceof Uint8Array || image instanceof ArrayBuffer) {
      return ['file', image instanceof ArrayBuffer ? new Uint8Array(image) : image, 0, 0, 0];
    }
    if (image === null || typeof image !== 'object') {
      throw new TypeError('image must be an ImageData, a {data, width, height} RGBA image, a {luma, width, height} grey image, or PNG/JPEG bytes');
    }
    const { width, height } = image;
    if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
      throw new TypeError('image.width and image.height must be non-negative integers');
    }
    const bytes = (d, name) => {
      if (!(d instanceof Uint8Array || d instanceof Uint8ClampedArray)) throw new TypeError(`image.${name} must be a Uint8Array or Uint8ClampedArray`);
      return new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
    };
    if (image.luma !== undefined) {
      const stride = image.stride ?? width;
      if (!Number.isInteger(stride) || stride < width) throw new TypeError('image.stride must be an integer >= width');
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
      if (!backend.ready()) throw localError('ERR_NOT_INITIALIZED', lang);
      try {
        return run(new Uint32Array(skip));
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
    const [kind, data, w, h, stride] = imageArgs(image);
    const mode = modeArg(o.mode);
    const codes = unwrap(decodeCall(lang, (skip) => glue.decodeQr(kind, data, w, h, stride, mode, skip, lang)), 'codes');
    return codes.map(qrCode);
  }

  function scanCccd(image, options) {
    const o = optionsArg(options);
    const lang = langArg(o.lang);
    const now = nowArg(o.now);
    const [kind, data, w, h, stride] = imageArgs(image);
    const mode = modeArg(o.mode);
    const r = JSON.parse(decodeCall(lang, (skip) => glue.scanCccd(kind, data, w, h, stride, mode, skip, now, lang)));
    if (r.ok) return { card: r.card, qr: qrCode(r.qr) };
    if (r.usage) throw new TypeError(r.usage);
    throw new CccdVerifyError(r.error.code, r.error.message, r.error.params);
  }

  function verifySdJwtVc(presentation, options) {
    stringArg(presentation, 'presentation');
    if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
    const lang = langArg(options.lang);
    if (!('keyBinding' in options)) {
      throw new TypeError('options.keyBinding is required: { nonce, audience } to require key binding, or null to refuse it');
    }
    const kb = options.keyBinding;
    if (kb !== null) {
      if (typeof kb !== 'object' || typeof kb.nonce !== 'string' || typeof kb.audience !== 'string' || !kb.nonce || !kb.audience) {
        throw new TypeError('options.keyBinding must be null or { nonce: string, audience: string, maxAgeSeconds?: number }');
      }
    }
    const trust = options.trust;
    const list = trust instanceof TrustList ? TrustList.source(trust) : null;
    if (!list && (!trust || !Array.isArray(trust.anchors) || trust.anchors.length === 0)) {
      throw new TypeError('options.trust must be a TrustList (loadTrustList) or { anchors: [PEM string | DER Uint8Array, …] } with at least one anchor');
    }
    const algorithms = options.algorithms ?? ['ES256'];
    if (!Array.isArray(algorithms) || algorithms.length === 0 || algorithms.some((a) => a !== 'ES256' && a !== 'ES384')) {
      throw new TypeError('options.algorithms must list "ES256" and/or "ES384"');
    }
    const binding = options.issuerBinding ?? 'san';
    if (binding !== 'san' && binding !== 'subject') throw new TypeError('options.issuerBinding must be "san" or "subject"');
    const json = JSON.stringify({
      anchors: list ? [] : trust.anchors.map(derBase64),
      trustList: list,
      now: unixSeconds(options.now),
      keyBinding: kb === null ? null : { nonce: kb.nonce, audience: kb.audience, maxAge: kb.maxAgeSeconds ?? 300 },
      algorithms,
      issuerBinding: binding,
      acceptLegacyTyp: Boolean(options.acceptLegacyTyp),
      requiredClaims: options.requiredClaims ?? ['iss', 'vct'],
      statusLists: statusListsArg(options.statusLists),
      statusAnchors: (list ? [] : trust.statusAnchors ?? []).map(derBase64),
    });
    return unwrap(call(lang, () => glue.verifySdJwtVc(presentation, json, lang)), 'result');
  }

  function loadTrustList(jws, options) {
    stringArg(jws, 'jws');
    if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
    const lang = langArg(options.lang);
    if (!Array.isArray(options.signers) || options.signers.length === 0) {
      throw new TypeError('options.signers must list the pinned trust-list signer certificates (PEM or DER)');
    }
    const accepted = options.accepted ?? null;
    if (accepted !== null && (typeof accepted !== 'object' || !Number.isSafeInteger(accepted.sequence) || typeof accepted.digest !== 'string')) {
      throw new TypeError('options.accepted must be null or { sequence, digest } from a previous list');
    }
    const stale = options.stale ?? 'hard';
    if (!(stale === 'hard' || stale === 'warn' || (typeof stale === 'object' && Number.isSafeInteger(stale.graceSeconds) && stale.graceSeconds >= 0))) {
      throw new TypeError('options.stale must be "hard", "warn" or { graceSeconds }');
    }
    const source = { jws: jws.trim(), signers: options.signers.map(derBase64), accepted, stale, leeway: options.leewaySeconds ?? 60 };
    const summary = unwrap(call(lang, () => glue.verifyTrustList(JSON.stringify({ ...source, now: unixSeconds(options.now) }), lang)), 'list');
    return new TrustList(source, summary);
  }

  /** Traps inside wasm on purpose; exists so tests can exercise the recovery path. */
  function __trapForTests() {
    call('en', () => glue.__trapForTests());
  }

  return { parseCccd, parseMrz, compareNames, foldName, icaoTransliterate, decodeQr, scanCccd, verifySdJwtVc, loadTrustList, __trapForTests };
}

