// What crosses between the page and the verification worker (verify-worker.js ↔ verify-thread.js):
// arguments and results are structured-cloned, except a TrustList or Vical (its verified source is
// private: sent as { source, summary } and made again on the other side, where it is re-checked at
// every use as always) and errors (re-created as CccdVerifyError with their code, message and
// params, or as the TypeError they were).
import { CccdVerifyError, TrustList, Vical } from './api.js';

const TAG = '__cccdVerifyList';

function plainObject(v) {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** `v` with every TrustList / Vical (in arrays and plain objects, a few levels deep) made cloneable. */
export function encodeLists(v, depth = 0) {
  if (v instanceof TrustList) return { [TAG]: 'TrustList', source: TrustList.source(v), summary: { ...v } };
  if (v instanceof Vical) return { [TAG]: 'Vical', source: Vical.source(v), summary: { ...v } };
  if (depth > 6 || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => encodeLists(x, depth + 1));
  if (!plainObject(v)) return v;
  const out = {};
  for (const [k, x] of Object.entries(v)) out[k] = encodeLists(x, depth + 1);
  return out;
}

/** The inverse of {@link encodeLists}. */
export function decodeLists(v, depth = 0) {
  if (depth > 6 || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => decodeLists(x, depth + 1));
  if (!plainObject(v)) return v;
  if (v[TAG] === 'TrustList') return new TrustList(v.source, v.summary);
  if (v[TAG] === 'Vical') return new Vical(v.source, v.summary);
  const out = {};
  for (const [k, x] of Object.entries(v)) out[k] = decodeLists(x, depth + 1);
  return out;
}

const ERROR_TYPES = { TypeError, RangeError };

export function encodeError(e) {
  if (e instanceof CccdVerifyError) return { kind: 'CccdVerifyError', code: e.code, message: e.message, params: e.params };
  const kind = e instanceof TypeError ? 'TypeError' : e instanceof RangeError ? 'RangeError' : 'Error';
  return { kind, name: (e && e.name) || 'Error', message: String((e && e.message) || e) };
}

export function decodeError(w) {
  if (w instanceof Error) return w;
  if (w.kind === 'CccdVerifyError') return new CccdVerifyError(w.code, w.message, w.params ?? {});
  const E = ERROR_TYPES[w.kind] ?? Error;
  const err = new E(w.message);
  if (!ERROR_TYPES[w.kind] && w.name) err.name = w.name;
  return err;
}
