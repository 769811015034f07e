// A development build (cargo feature dev-panic-hook, `make package DEV=1`) logs a panic's
// message to the console through console_error_panic_hook; release builds trap silently.
//   node tests/js/dev-build.mjs DIR   (DIR: wasm-bindgen --target web output of that build)
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = resolve(process.argv[2]);
const glue = await import(pathToFileURL(`${dir}/cccd_verify.js`).href);
glue.initSync({ module: new WebAssembly.Module(readFileSync(`${dir}/cccd_verify_bg.wasm`)) });
const logged = [];
const original = console.error;
console.error = (...args) => logged.push(args.join(' '));
let trapped = false;
try {
  glue.__trapForTests();
} catch (e) {
  trapped = e instanceof WebAssembly.RuntimeError;
} finally {
  console.error = original;
}
const ok = trapped && logged.some((l) => l.includes('cccd-verify: trap requested by a test'));
console.log(`${ok ? 'ok' : 'not ok'} - [dev build] a panic traps and its message reaches console.error${ok ? '' : `: trapped=${trapped}, logged=${JSON.stringify(logged)}`}`);
console.log(`${ok ? 1 : 0} passed, ${ok ? 0 : 1} failed`);
process.exitCode = ok ? 0 : 1;
