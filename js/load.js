// How the web entries (index.js, scan-core.js, verify.js and the workers) load a wasm module: one
// loader per capability (load-scan.js, load-verify.js, load-image.js), shared by every entry of the
// page, so that each .wasm is fetched and compiled once per page whichever entry calls `init()`,
// and the compiled `WebAssembly.Module` can be handed to a worker instead of fetched again there.
// Works in browsers, bundlers (each loader names its .wasm with `new URL('./…', import.meta.url)`,
// the pattern Vite, webpack 5 and Rollup ship as an asset) and Node (a `file:` URL is read from
// disk: fetch() cannot).
import { CccdVerifyError } from './api.js';
import { LOCAL_MESSAGES } from './codes.js';

/** A JS-made error with the table's message in `lang`. */
export function localError(code, lang, params = {}, cause) {
  const m = LOCAL_MESSAGES[code];
  return new CccdVerifyError(code, m[lang] ?? m.en, params, cause === undefined ? undefined : { cause });
}

/**
 * A URL of a file of this package, as the page can fetch it. Vite 7's dev server pre-bundles
 * dependencies into `node_modules/.vite/deps/` (esbuild), which moves this code away from its
 * files and leaves `new URL('./x', import.meta.url)` pointing into that folder, where they are
 * not; the package's own files are served at `node_modules/cccd-verify/dist/`. Anywhere else
 * (Vite 8, which rewrites these URLs, production builds, plain ESM) the URL is returned as is.
 */
export function packageUrl(url) {
  const u = new URL(url);
  const m = /^(.*\/node_modules\/)\.vite\/deps(?:_temp_[^/]*)?\/(.*)$/.exec(u.pathname);
  if (m && u.protocol !== 'file:') {
    u.pathname = `${m[1]}cccd-verify/dist/${m[2]}`;
    u.search = '';
  }
  return u;
}

/** True when `e` is the browser refusing to compile WebAssembly under the page's CSP. */
export function wasmBlocked(e) {
  const name = (e && e.name) || '';
  return (name === 'CompileError' || name === 'EvalError' || e instanceof WebAssembly.CompileError)
    && /Content.Security.Policy|unsafe-eval|\bCSP\b/i.test(String(e && e.message));
}

/** A failure to load a module as its code: `ERR_WASM_BLOCKED` (CSP) or `ERR_WASM_LOAD` naming the file. */
export function loadError(e, url, lang = 'en') {
  if (e instanceof CccdVerifyError) return e;
  if (wasmBlocked(e)) return localError('ERR_WASM_BLOCKED', lang, {}, e);
  return localError('ERR_WASM_LOAD', lang, { url: url === undefined ? '' : String(url), reason: String((e && e.message) || e) }, e);
}

// Hidden from bundlers (a variable specifier): only Node, reading a `file:` URL, gets here.
const NODE_FS = 'node:fs/promises';

async function compileResponse(res, url) {
  if (!res.ok) throw new Error(`HTTP ${res.status} for ${url}`);
  if (typeof WebAssembly.compileStreaming === 'function' && /^application\/wasm\b/i.test(res.headers.get('content-type') ?? '')) {
    return WebAssembly.compileStreaming(res);
  }
  return WebAssembly.compile(await res.arrayBuffer());
}

/** The URL a source names, if it names one. */
function sourceUrl(source) {
  if (source instanceof URL) return packageUrl(source);
  if (typeof source === 'string') return packageUrl(new URL(source, globalThis.location?.href));
  if (typeof Response !== 'undefined' && source instanceof Response) return source.url;
  return undefined;
}

/** Compiles a wasm source: a URL (string or URL), a Response, bytes, or an already compiled Module. */
export async function compileWasm(source) {
  if (source instanceof WebAssembly.Module) return source;
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) return WebAssembly.compile(source);
  if (typeof Response !== 'undefined' && source instanceof Response) return compileResponse(source, source.url);
  if (typeof source !== 'string' && !(source instanceof URL)) {
    throw new TypeError('a wasm source must be a URL (string or URL), a Response, bytes or a WebAssembly.Module');
  }
  const url = sourceUrl(source);
  if (url.protocol === 'file:') {
    const fs = await import(/* @vite-ignore */ /* webpackIgnore: true */ NODE_FS);
    return WebAssembly.compile(await fs.readFile(url));
  }
  return compileResponse(await fetch(url), url);
}

/**
 * One wasm module of the package: its glue (`glue`: the glue module, or a function importing it
 * on first use) and its .wasm, fetched and compiled (`defaultUrl`) only when asked, once. `compile()` gives the compiled module (the scanner posts it to its worker);
 * `init()` instantiates it on this thread. `restart()` instantiates it again after a trap.
 */
export function webModule(glue, defaultUrl, afterLoad) {
  let ready = false;
  let pending;
  let compiled;
  const m = {
    glue: undefined,
    /** The compiled module (the first source asked for wins; later sources are ignored). */
    compile(source) {
      if (!compiled) {
        const src = source ?? defaultUrl();
        compiled = compileWasm(src).catch((e) => {
          compiled = undefined;
          throw loadError(e, sourceUrl(src));
        });
      }
      return compiled;
    },
    init(source) {
      if (ready) return Promise.resolve();
      if (!pending) {
        let g;
        pending = Promise.all([typeof glue === 'function' ? glue() : glue, m.compile(source)])
          .then(([loaded, module]) => {
            g = loaded;
            return g.default({ module_or_path: module });
          })
          .then(() => { m.glue = g; })
          .then(() => afterLoad && afterLoad())
          .then(
            () => { ready = true; },
            (e) => {
              pending = undefined;
              throw loadError(e, undefined);
            },
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
