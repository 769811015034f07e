// The shared suite against the Node build of the package (npm/pkg, built by `make package`).
import { test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import * as lib from '../../npm/pkg/dist/node.js';
import { suite } from './suite.mjs';

const load = async (path) => new Uint8Array(await readFile(new URL(`../../../shared/${path}`, import.meta.url)));
const loadRepo = async (path) => new Uint8Array(await readFile(new URL(`../../${path}`, import.meta.url)));
for (const c of suite(lib, { load, loadRepo })) test(c.name, c.fn);

test('Node loads the module on first use, without init()', () => {
  const script = `import { parseCccd } from ${JSON.stringify(new URL('../../npm/pkg/dist/node.js', import.meta.url).href)};
    process.stdout.write(parseCccd('036305000456||Trần Thị Bình|02092005|Nữ|Thôn Đông|10052021', { now: '2026-11-27' }).idNumber.place.name);`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (out !== 'Nam Định') throw new Error(`got ${JSON.stringify(out)}`);
});

test('Node verifies ECDSA signatures with node:crypto, and the Rust fallback gives the same outcomes', async () => {
  const { registerHostVerify } = await import('../../npm/pkg/dist/wasm/host.js');
  const { createPublicKey, verify } = await import('node:crypto');
  const sd = new URL('../../tests/data/sd-jwt/', import.meta.url);
  const spec = JSON.parse(await readFile(new URL('expected.json', sd), 'utf8'));
  const anchor = await readFile(new URL('anchor.pem', sd), 'utf8');
  const options = { trust: { anchors: [anchor] }, keyBinding: { nonce: spec.nonce, audience: spec.audience }, now: spec.now };
  const outcome = async (file) => {
    try {
      lib.verifySdJwtVc((await readFile(new URL(file, sd), 'utf8')).trim(), options);
      return 'ok';
    } catch (e) {
      return e.code;
    }
  };
  let calls = 0;
  const nodeP256 = (alg, sec1, msg, sig) => {
    if (alg !== 'ES256') return undefined;
    calls++;
    const b = Buffer.from(sec1);
    const key = createPublicKey({ format: 'jwk', key: { kty: 'EC', crv: 'P-256', x: b.subarray(1, 33).toString('base64url'), y: b.subarray(33).toString('base64url') } });
    return verify('sha256', msg, { key, dsaEncoding: 'ieee-p1363' }, sig);
  };
  try {
    registerHostVerify(nodeP256);
    const host = [];
    for (const p of spec.presentations) host.push(await outcome(p.file));
    if (calls < spec.presentations.length) throw new Error(`host verifier called ${calls} times`);
    registerHostVerify(null); // Rust only
    const rust = [];
    for (const p of spec.presentations) rust.push(await outcome(p.file));
    const expected = spec.presentations.map((p) => p.expected);
    if (JSON.stringify(host) !== JSON.stringify(expected)) throw new Error(`host: ${host}`);
    if (JSON.stringify(rust) !== JSON.stringify(expected)) throw new Error(`rust: ${rust}`);
  } finally {
    registerHostVerify(nodeP256);
  }
});
