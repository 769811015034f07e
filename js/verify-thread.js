// The verification worker (`cccd-verify/verify/worker`): the page posts the compiled verify module
// once, then calls; each call runs the synchronous API here (verifySdJwtVc through WebCrypto, as
// verifySdJwtVcAsync) and posts back the result or the error (verify-wire.js).
// The glue is imported statically: Vite 7 builds workers as one IIFE file (no dynamic import).
import * as glue from './wasm-verify/cccd_verify.js';
import { registerHostVerify } from './wasm-verify/host.js';
import { createApi, initModules, registerWebCrypto } from './api.js';
import { webModule } from './load.js';
import { decodeLists, encodeError, encodeLists } from './verify-wire.js';

const verify = webModule(glue, () => new URL('./wasm-verify/cccd_verify_bg.wasm', import.meta.url), () => registerWebCrypto(registerHostVerify));
const modules = { verify };
const init = initModules(modules, ['verify']);
const api = createApi(modules);
// What a call runs: the verify module's functions, signatures through WebCrypto where it can.
const CALLS = { ...api, verifySdJwtVc: api.verifySdJwtVcAsync };
const SCAN_ONLY = new Set(['parseCccd', 'parseMrz', 'compareNames', 'foldName', 'icaoTransliterate', 'decodeQr', 'scanCccd']);

self.onmessage = async (event) => {
  const msg = event.data;
  const reply = (body) => self.postMessage({ id: msg.id, ...body });
  try {
    await init(msg.module === undefined ? undefined : { wasm: { verify: msg.module } });
    if (msg.type === 'init') return reply({ ok: true });
    const fn = Object.hasOwn(CALLS, msg.fn) && !SCAN_ONLY.has(msg.fn) ? CALLS[msg.fn] : undefined;
    if (typeof fn !== 'function') throw new TypeError(`cccd-verify/verify/worker: no function ${String(msg.fn)}`);
    const value = await fn(...decodeLists(msg.args));
    reply({ ok: true, value: encodeLists(value) });
  } catch (e) {
    reply({ ok: false, error: encodeError(e) });
  }
};
