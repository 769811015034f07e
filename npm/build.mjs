// Assembles the npm package in npm/pkg from the release .wasm and the hand-written js/ layer.
//   node npm/build.mjs [path/to/cccd_verify.wasm]
// Needs `wasm-bindgen` (the version pinned in Cargo.lock) on PATH; `make package` provides it.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const input = resolve(process.argv[2] ?? join(root, 'target/wasm32-unknown-unknown/release/cccd_verify.wasm'));
const out = join(root, 'npm/pkg');
const dist = join(out, 'dist');
const wasmDir = join(dist, 'wasm');

const cargoToml = readFileSync(join(root, 'Cargo.toml'), 'utf8');
const version = /^version = "([^"]+)"/m.exec(cargoToml)[1];

rmSync(out, { recursive: true, force: true });
mkdirSync(wasmDir, { recursive: true });

execFileSync(
  'wasm-bindgen',
  ['--target', 'web', '--remove-name-section', '--remove-producers-section', '--out-dir', wasmDir, input],
  { stdio: 'inherit' },
);
rmSync(join(wasmDir, 'cccd_verify_bg.wasm.d.ts'));

// Trap recovery: after a wasm trap the instance's state is undefined, so the JS layer drops it
// and instantiates the compiled module again. The generated glue keeps its instance in
// module-level variables and offers no reset, so we add one. wasm-bindgen is pinned to an exact
// version; if its glue changes shape, fail here rather than ship a package that cannot recover.
const gluePath = join(wasmDir, 'cccd_verify.js');
let glue = readFileSync(gluePath, 'utf8');
for (const needle of ['let wasmModule, wasmInstance, wasm;', 'let __wbg_init_promise;', 'function __wbg_finalize_init(']) {
  if (!glue.includes(needle)) throw new Error(`wasm-bindgen glue changed: "${needle}" not found; update npm/build.mjs`);
}
glue += `
/** Forgets the current instance and returns the compiled module, so it can be instantiated again. */
export function __wbg_reset() {
    const module = wasmModule;
    wasm = undefined;
    wasmInstance = undefined;
    __wbg_init_promise = undefined;
    return module;
}
`;
writeFileSync(gluePath, glue);

for (const f of ['api.js', 'index.js', 'node.js', 'cli.js', 'index.d.ts', 'scan.js', 'scan-worker.js', 'scan.d.ts']) {
  copyFileSync(join(root, 'js', f), join(dist, f));
}
for (const f of ['README.md', 'CHANGELOG.md', 'SECURITY.md', 'LICENSE']) {
  copyFileSync(join(root, f), join(out, f));
}

const pkg = {
  name: 'cccd-verify',
  version,
  description: 'Offline reading and checking of Vietnamese CCCD / Căn cước identity data (QR payload, MRZ) in browsers, bundlers and Node — Rust compiled to WebAssembly',
  license: 'MIT',
  type: 'module',
  sideEffects: false,
  engines: { node: '>=18' },
  keywords: ['cccd', 'can-cuoc', 'vietnam', 'identity', 'ekyc', 'mrz', 'qr', 'wasm'],
  main: './dist/node.js',
  module: './dist/index.js',
  browser: './dist/index.js',
  types: './dist/index.d.ts',
  exports: {
    '.': {
      types: './dist/index.d.ts',
      node: './dist/node.js',
      default: './dist/index.js',
    },
    './scan': {
      types: './dist/scan.d.ts',
      default: './dist/scan.js',
    },
    './wasm': './dist/wasm/cccd_verify_bg.wasm',
    './package.json': './package.json',
  },
  bin: { 'cccd-verify': './dist/cli.js' },
  files: ['dist/', 'README.md', 'CHANGELOG.md', 'SECURITY.md', 'LICENSE'],
};
writeFileSync(join(out, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');

const wasm = readFileSync(join(wasmDir, 'cccd_verify_bg.wasm'));
console.log(
  `npm/pkg: cccd-verify@${version}; cccd_verify_bg.wasm ${statSync(join(wasmDir, 'cccd_verify_bg.wasm')).size} bytes, ` +
    `${gzipSync(wasm, { level: 9 }).length} gzip`,
);
