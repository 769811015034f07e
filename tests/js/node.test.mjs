// The shared suite against the Node build of the package (npm/pkg, built by `make package`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import * as lib from '../../npm/pkg/dist/node.js';
import { suite } from './suite.mjs';
import { workerSuite } from './verify-worker-suite.mjs';

const load = async (path) => new Uint8Array(await readFile(new URL(`../../../shared/${path}`, import.meta.url)));
const loadRepo = async (path) => new Uint8Array(await readFile(new URL(`../../${path}`, import.meta.url)));
const { testHooks, errorMessage, findingMessage } = await import('../../npm/pkg/dist/api.js');
const trap = () => testHooks.get(lib.parseCccd).trap();
for (const c of suite(lib, { load, loadRepo, trap })) test(c.name, c.fn);

// cccd-verify/verify/worker under Node: async on the calling thread, the sync API's outcomes.
const workerLib = await import('../../npm/pkg/dist/verify-worker-node.js');
for (const c of workerSuite(lib, workerLib, { loadRepo }, { usesWorker: false })) test(c.name, c.fn);

// tests/data/messages.json (`make codes`): Rust-rendered messages of sample errors and findings
// (every code, several values of each param kind, both languages), as the wasm modules return
// them without a message. The JS rendering must give the same text.
test('JS renders every error and finding message as the Rust message() does, in both languages', async () => {
  const fixture = JSON.parse(readFileSync(new URL('../data/messages.json', import.meta.url), 'utf8'));
  const codes = new Set();
  const bad = [];
  for (const [kind, render] of [['errors', errorMessage], ['findings', findingMessage]]) {
    for (const { wire, en, vi } of fixture[kind]) {
      codes.add(wire.code);
      for (const [lang, want] of [['en', en], ['vi', vi]]) {
        const got = render(wire, lang);
        if (got !== want) bad.push(`${wire.code} ${lang} ${JSON.stringify(wire.params)}\n  rust: ${want}\n  js:   ${got}`);
      }
    }
  }
  if (bad.length) throw new Error(`${bad.length} messages differ:\n${bad.slice(0, 20).join('\n')}`);
  const { LOCAL_MESSAGES } = await import('../../npm/pkg/dist/codes.js');
  const missing = lib.ERROR_CODES.filter((c) => !codes.has(c) && !Object.hasOwn(LOCAL_MESSAGES, c));
  if (missing.length) throw new Error(`codes without a sample in the fixture: ${missing.join(', ')}`);
});

// The modules return errors and findings without messages (`Error::to_wire`): no message text,
// nor the code rendering it, is linked into them (docs/architecture.md, "Wasm modules").
test('no wasm module carries message text', () => {
  const fixture = JSON.parse(readFileSync(new URL('../data/messages.json', import.meta.url), 'utf8'));
  // Messages with no value in them (the template is the whole text), longer than a label.
  const texts = new Set();
  for (const { wire, en, vi } of [...fixture.errors, ...fixture.findings]) {
    if (Object.keys(wire.params ?? {}).length === 0 && !wire.error) for (const t of [en, vi]) if (t.length > 24) texts.add(t);
  }
  if (texts.size < 50) throw new Error(`only ${texts.size} fixed messages in the fixture`);
  for (const cap of ['scan', 'verify', 'image']) {
    const wasm = readFileSync(new URL(`../../npm/pkg/dist/wasm-${cap}/cccd_verify_bg.wasm`, import.meta.url));
    const found = [...texts].filter((t) => wasm.includes(Buffer.from(t, 'utf8')));
    if (found.length) throw new Error(`wasm-${cap} holds ${found.length} messages, e.g. ${JSON.stringify(found[0])}`);
  }
});

test('Node loads the module on first use, without init()', () => {
  const script = `import { parseCccd } from ${JSON.stringify(new URL('../../npm/pkg/dist/node.js', import.meta.url).href)};
    process.stdout.write(parseCccd('036305000456||Trần Thị Bình|02092005|Nữ|Thôn Đông|10052021', { now: '2026-11-27' }).idNumber.place.name);`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (out !== 'Nam Định') throw new Error(`got ${JSON.stringify(out)}`);
});

test('Node verifies ECDSA signatures with node:crypto, and the Rust code (CCCD_VERIFY_HOST_CRYPTO=off) gives the same outcomes', async () => {
  const sd = new URL('../../tests/data/sd-jwt/', import.meta.url);
  const entry = new URL('../../npm/pkg/dist/node.js', import.meta.url).href;
  const host = new URL('../../npm/pkg/dist/wasm-verify/host.js', import.meta.url).href;
  // Each run in its own process: the hook is registered once per process.
  const script = `import { readFileSync } from 'node:fs';
    const lib = await import(${JSON.stringify(entry)});
    const sd = ${JSON.stringify(sd.href)};
    const read = (f) => readFileSync(new URL(f, sd), 'utf8');
    const spec = JSON.parse(read('expected.json'));
    const options = { trust: { anchors: [read('anchor.pem')] }, keyBinding: { nonce: spec.nonce, audience: spec.audience }, now: spec.now };
    const out = spec.presentations.map((p) => { try { lib.verifySdJwtVc(read(p.file).trim(), options); return 'ok'; } catch (e) { return e.code; } });
    process.stdout.write(JSON.stringify({ out, expected: spec.presentations.map((p) => p.expected) }));`;
  for (const env of [{}, { CCCD_VERIFY_HOST_CRYPTO: 'off' }]) {
    const r = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, ...env } }));
    if (JSON.stringify(r.out) !== JSON.stringify(r.expected)) throw new Error(`${JSON.stringify(env)}: ${r.out}`);
  }
  // The package's own process took the hook: a deep import cannot replace it…
  const { registerHostVerify } = await import(host);
  lib.parseCccd('036305000456||Trần Thị Bình|02092005|Nữ|Thôn Đông|10052021', { now: '2026-11-27' });
  if (registerHostVerify(() => true) !== false) throw new Error('a second registration was accepted');
  const anchor = await readFile(new URL('anchor.pem', sd), 'utf8');
  const spec = JSON.parse(await readFile(new URL('expected.json', sd), 'utf8'));
  const tampered = await readFile(new URL('presentation.tampered-issuer-jwt.rejects.txt', sd), 'utf8');
  let code = 'ok';
  try { lib.verifySdJwtVc(tampered.trim(), { trust: { anchors: [anchor] }, keyBinding: { nonce: spec.nonce, audience: spec.audience }, now: spec.now }); } catch (e) { code = e.code; }
  if (code !== 'ERR_JWS_SIGNATURE_INVALID') throw new Error(`the tampered presentation gave ${code} after a deep-import registration`);
  // …and one made before the package loads makes the package refuse to load.
  const first = `const h = await import(${JSON.stringify(host)}); h.registerHostVerify(() => true);
    try { await import(${JSON.stringify(entry)}); process.stdout.write('loaded'); } catch (e) { process.stdout.write('refused: ' + e.message); }`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', first], { encoding: 'utf8' });
  if (!out.startsWith('refused')) throw new Error(`got ${out}`);
});

// The host hook end to end in the shipped package (src/crypto/host.rs ← src/wasm/verify.rs ←
// js/node.js): each child process wraps node:crypto's `verify` — the OpenSSL call js/node.js
// makes — in a recorder that calls the real one and returns its answer unchanged, then loads the
// package as shipped (ES module bindings of node:crypto follow `syncBuiltinESMExports`). Nothing
// of ours is replaced. `record`: what OpenSSL was asked and answered; `off`
// (CCCD_VERIFY_HOST_CRYPTO=off): the Rust path, which must ask OpenSSL nothing and give the same
// outcomes; `invert`: a fault injected into OpenSSL's answer only, which must change the outcome
// (the answer is used, not just asked for). Disconnected anywhere, `record` sees no call (or
// `invert` changes nothing) and the tests fail. Cases (inputs as text) come on stdin.
function hostCryptoRun(mode, cases) {
  const entry = new URL('../../npm/pkg/dist/node.js', import.meta.url).href;
  const script = `import { createRequire, syncBuiltinESMExports } from 'node:module';
    import { readFileSync } from 'node:fs';
    const crypto = createRequire(import.meta.url)('node:crypto');
    const real = crypto.verify;
    let calls = [];
    crypto.verify = function (hash, data, key, sig, cb) {
      const answer = real.call(this, hash, data, key, sig, cb);
      calls.push([hash, key?.key?.asymmetricKeyDetails?.namedCurve ?? null, key?.dsaEncoding ?? null, answer]);
      return ${JSON.stringify(mode)} === 'invert' && typeof answer === 'boolean' ? !answer : answer;
    };
    syncBuiltinESMExports();
    const lib = await import(${JSON.stringify(entry)});
    const out = [];
    for (const c of JSON.parse(readFileSync(0, 'utf8'))) {
      calls = [];
      let outcome = 'ok';
      try {
        if (c.kind === 'sd-jwt') lib.verifySdJwtVc(c.input, { trust: { anchors: c.anchors }, keyBinding: c.keyBinding, algorithms: c.algorithms, now: c.now });
        else outcome = lib.verifyChip(c.input, { trust: { cscas: c.anchors }, challenge: c.challenge, now: c.now }).verdict;
      } catch (e) { outcome = e.code ?? String(e); }
      out.push({ name: c.name, outcome, calls });
    }
    process.stdout.write(JSON.stringify(out));`;
  const env = { ...process.env, CCCD_VERIFY_HOST_CRYPTO: mode === 'off' ? 'off' : '' };
  const runs = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env, input: JSON.stringify(cases) }));
  return Object.fromEntries(runs.map((r) => [r.name, r]));
}

test('Node: ES256 verifications go to OpenSSL through the host hook and decide, with the outcomes of the Rust path', () => {
  const sd = new URL('../../tests/data/sd-jwt/', import.meta.url).pathname;
  const spec = JSON.parse(readFileSync(`${sd}expected.json`, 'utf8'));
  const anchor = readFileSync(`${sd}anchor.pem`, 'utf8');
  const cases = spec.presentations.map((p) => ({ kind: 'sd-jwt', name: p.file, input: readFileSync(`${sd}${p.file}`, 'utf8').trim(), anchors: [anchor], keyBinding: { nonce: spec.nonce, audience: spec.audience }, now: spec.now }));
  // A chip whose Active Authentication key is P-256 (the other demo chips use brainpool and RSA,
  // which the hook is never asked about).
  const chip = new URL('../../tests/data/chip/', import.meta.url).pathname;
  const chips = JSON.parse(readFileSync(`${chip}expected.json`, 'utf8'));
  const cuc = readFileSync(`${chip}le-thi-cuc.valid.json`, 'utf8');
  cases.push({ kind: 'chip', name: 'le-thi-cuc.valid.json', input: cuc, anchors: [...chips.trust.cscas, ...chips.trust.linkCertificates].map((c) => readFileSync(`${chip}${c}`, 'utf8')), challenge: JSON.parse(cuc).activeAuthentication.challenge, now: chips.now });
  const want = Object.fromEntries([...spec.presentations.map((p) => [p.file, p.expected === 'valid' ? 'ok' : p.expected]), ['le-thi-cuc.valid.json', 'authentic']]);
  const [host, off, invert] = ['record', 'off', 'invert'].map((m) => hostCryptoRun(m, cases));
  const outcomes = (run) => Object.fromEntries(Object.values(run).map((r) => [r.name, r.outcome]));
  assert.deepEqual(outcomes(host), want, 'with OpenSSL');
  assert.deepEqual(outcomes(off), want, 'the Rust path');
  // Only through the hook, and only when it is on: ECDSA P-256 / SHA-256 with r‖s signatures.
  assert.deepEqual(Object.values(off).flatMap((r) => r.calls), [], 'CCCD_VERIFY_HOST_CRYPTO=off asked OpenSSL');
  for (const r of Object.values(host)) for (const c of r.calls) assert.deepEqual(c.slice(0, 3), ['sha256', 'prime256v1', 'ieee-p1363'], r.name);
  // presentation.valid.txt: issuer certificate, issuer JWS, KB-JWT (at least), each answered true.
  const valid = host['presentation.valid.txt'];
  assert.ok(valid.calls.length >= 3 && valid.calls.every((c) => c[3] === true), JSON.stringify(valid.calls));
  // The tampered issuer JWT: OpenSSL says false, and that is the verdict.
  const tampered = host['presentation.tampered-issuer-jwt.rejects.txt'];
  assert.ok(tampered.calls.some((c) => c[3] === false), JSON.stringify(tampered.calls));
  assert.equal(tampered.outcome, 'ERR_JWS_SIGNATURE_INVALID');
  assert.ok(host['le-thi-cuc.valid.json'].calls.length >= 1, 'the chip\'s P-256 Active Authentication');
  // OpenSSL's answer decides: inverted, the first signature of each (the issuer certificate's,
  // the chip's Active Authentication) is refused.
  assert.equal(invert['presentation.valid.txt'].outcome, 'ERR_CERT_SIGNATURE_INVALID');
  assert.equal(invert['le-thi-cuc.valid.json'].outcome, 'ERR_CHIP_AA_FAILED');
});

// An ES384 SD-JWT VC made here (no fixture has P-384): a P-384 root and issuer certificate in
// minimal DER (docs/x509.md "Rules": v3, critical keyUsage, basicConstraints on the CA, the SAN
// URI the `iss` binding needs, ecdsa-with-SHA384 without parameters), signed by node:crypto.
function es384Credentials(now) {
  const len = (n) => (n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff]);
  const tlv = (tag, ...parts) => {
    const body = Buffer.concat(parts.map((x) => Buffer.from(x)));
    return Buffer.concat([Buffer.from([tag, ...len(body.length)]), body]);
  };
  const seq = (...x) => tlv(0x30, ...x);
  const oid = (hex) => tlv(0x06, Buffer.from(hex, 'hex'));
  const ecdsaSha384 = seq(oid('2a8648ce3d040303'));
  const name = (cn) => seq(tlv(0x31, seq(oid('550403'), tlv(0x0c, Buffer.from(cn)))));
  const critical = (id, value) => seq(oid(id), tlv(0x01, [0xff]), tlv(0x04, value));
  const utc = (t) => tlv(0x17, Buffer.from(`${new Date(t * 1000).toISOString().slice(2, 19).replace(/[-:T]/g, '')}Z`));
  const certificate = ({ serial, subject, issuer, key, signer, ca, uri }) => {
    const exts = ca
      ? [critical('551d13', seq(tlv(0x01, [0xff]))), critical('551d0f', tlv(0x03, [0x02, 0x04]))]
      : [critical('551d0f', tlv(0x03, [0x07, 0x80])), seq(oid('551d11'), tlv(0x04, seq(tlv(0x86, Buffer.from(uri)))))];
    const tbs = seq(tlv(0xa0, tlv(0x02, [2])), tlv(0x02, [serial]), ecdsaSha384, name(issuer), seq(utc(now - 86400), utc(now + 86400)),
      name(subject), key.export({ type: 'spki', format: 'der' }), tlv(0xa3, seq(...exts)));
    return seq(tbs, ecdsaSha384, tlv(0x03, [0], sign('sha384', tbs, signer)));
  };
  const p384 = () => generateKeyPairSync('ec', { namedCurve: 'P-384' });
  const [root, other, leaf] = [p384(), p384(), p384()];
  const iss = 'https://es384.issuer.test.invalid';
  const rootName = 'cccd-verify TEST ES384 root';
  const anchor = certificate({ serial: 1, subject: rootName, issuer: rootName, key: root.publicKey, signer: root.privateKey, ca: true });
  const issuer = (signer) => certificate({ serial: 2, subject: 'cccd-verify TEST ES384 issuer', issuer: rootName, key: leaf.publicKey, signer, uri: iss });
  const b64u = (x) => Buffer.from(typeof x === 'string' ? x : JSON.stringify(x)).toString('base64url');
  const jws = (cert, claims, signed = claims) => {
    const header = b64u({ alg: 'ES384', typ: 'dc+sd-jwt', x5c: [cert.toString('base64')] });
    const sig = sign('sha384', Buffer.from(`${header}.${b64u(signed)}`), { key: leaf.privateKey, dsaEncoding: 'ieee-p1363' });
    return `${header}.${b64u(claims)}.${sig.toString('base64url')}~`;
  };
  const claims = { iss, vct: 'urn:cccd-verify:test:es384', iat: now - 60, exp: now + 3600 };
  return {
    anchor: anchor.toString('base64'),
    valid: jws(issuer(root.privateKey), claims),
    // A well-formed signature over other claims, and a certificate signed by another P-384 key.
    jwsTampered: jws(issuer(root.privateKey), { ...claims, vct: 'urn:cccd-verify:test:other' }, claims),
    certTampered: jws(issuer(other.privateKey), claims),
  };
}

test('Node: ES384 verifications (P-384 certificate and JWS) go to OpenSSL through the host hook too, with the outcomes of the Rust path', () => {
  const now = Date.UTC(2026, 11, 5) / 1000;
  const made = es384Credentials(now);
  const sd = (name, input) => ({ kind: 'sd-jwt', name, input, anchors: [made.anchor], keyBinding: null, algorithms: ['ES384'], now });
  const cases = [sd('valid', made.valid), sd('jws-tampered', made.jwsTampered), sd('cert-tampered', made.certTampered)];
  const want = { valid: 'ok', 'jws-tampered': 'ERR_JWS_SIGNATURE_INVALID', 'cert-tampered': 'ERR_CERT_SIGNATURE_INVALID' };
  const [host, off, invert] = ['record', 'off', 'invert'].map((m) => hostCryptoRun(m, cases));
  const outcomes = (run) => Object.fromEntries(Object.values(run).map((r) => [r.name, r.outcome]));
  assert.deepEqual(outcomes(host), want, 'with OpenSSL');
  assert.deepEqual(outcomes(off), want, 'the Rust path');
  assert.deepEqual(Object.values(off).flatMap((r) => r.calls), [], 'CCCD_VERIFY_HOST_CRYPTO=off asked OpenSSL');
  // The issuer certificate (signed by the root), then the issuer JWS: P-384 / SHA-384, r‖s.
  assert.deepEqual(host.valid.calls, [['sha384', 'secp384r1', 'ieee-p1363', true], ['sha384', 'secp384r1', 'ieee-p1363', true]]);
  assert.deepEqual(host['jws-tampered'].calls, [['sha384', 'secp384r1', 'ieee-p1363', true], ['sha384', 'secp384r1', 'ieee-p1363', false]]);
  assert.deepEqual(host['cert-tampered'].calls, [['sha384', 'secp384r1', 'ieee-p1363', false]]);
  // OpenSSL's answer decides: inverted, the valid certificate is refused, and the tampered one
  // passes on to the (valid, so now refused) JWS.
  assert.equal(invert.valid.outcome, 'ERR_CERT_SIGNATURE_INVALID');
  assert.equal(invert['cert-tampered'].outcome, 'ERR_JWS_SIGNATURE_INVALID');
});

test('Node reads each wasm module only when a function needs it', async () => {
  const { cpSync, mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'cccd-verify-lazy-'));
  try {
    cpSync(new URL('../../npm/pkg/', import.meta.url), dir, { recursive: true });
    // Without the verify and image modules the card parser still works; verification cannot.
    rmSync(join(dir, 'dist/wasm-verify/cccd_verify_bg.wasm'));
    rmSync(join(dir, 'dist/wasm-image/cccd_verify_bg.wasm'));
    const script = `import { parseCccd, verifySdJwtVc } from ${JSON.stringify(new URL(`file://${join(dir, 'dist/node.js')}`).href)};
      const name = parseCccd('036305000456||Trần Thị Bình|02092005|Nữ|Thôn Đông|10052021', { now: '2026-11-27' }).idNumber.place.name;
      let missing; try { verifySdJwtVc('x', { trust: { anchors: ['x'] }, keyBinding: null }); } catch (e) { missing = e.code; }
      process.stdout.write(JSON.stringify([name, missing]));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    if (out !== JSON.stringify(['Nam Định', 'ENOENT'])) throw new Error(`got ${out}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('no decoder attempt traps inside the scan module on the public photo set (thorough mode)', async () => {
  // The module's glue, called directly, so that a trap (which the public API survives by
  // restarting the instance, and so hides) is seen. Grids are found, sampled and decoded by our
  // own code (the scan module carries no rqrr since 2026-12-04).
  const { readFileSync, readdirSync } = await import('node:fs');
  const dist = new URL('../../npm/pkg/dist/', import.meta.url);
  const scan = await import(new URL('wasm-scan/cccd_verify.js', dist));
  const image = await import(new URL('wasm-image/cccd_verify.js', dist));
  scan.initSync({ module: new WebAssembly.Module(readFileSync(new URL('wasm-scan/cccd_verify_bg.wasm', dist))) });
  image.initSync({ module: new WebAssembly.Module(readFileSync(new URL('wasm-image/cccd_verify_bg.wasm', dist))) });
  const root = new URL('../../../shared/qr-bench/zxing/', import.meta.url);
  let files = 0;
  const traps = [];
  for (const dir of readdirSync(root).filter((d) => d.startsWith('qrcode-')).sort()) {
    for (const f of readdirSync(new URL(`${dir}/`, root)).filter((f) => /\.(png|jpg)$/.test(f))) {
      const out = image.decodeImageFile(readFileSync(new URL(`${dir}/${f}`, root)), 'en');
      if (out[0] !== 1) throw new Error(`${dir}/${f} did not decode as an image`);
      const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
      const w = view.getUint32(1, true);
      files++;
      try {
        scan.decodeQr('luma', out.subarray(9), w, view.getUint32(5, true), w, 'thorough', new Uint32Array(), 'en');
      } catch (e) {
        traps.push(`${dir}/${f}: ${e}`);
        scan.initSync({ module: scan.__wbg_reset() });
      }
    }
  }
  if (files < 170) throw new Error(`only ${files} images`);
  if (traps.length) throw new Error(`traps:\n${traps.join('\n')}`);
});

test('inputs over their limit are refused before they are copied into wasm memory', async () => {
  const scan = await import('../../npm/pkg/dist/wasm-scan/cccd_verify.js');
  const verify = await import('../../npm/pkg/dist/wasm-verify/cccd_verify.js');
  lib.parseCccd('036305000456||Trần Thị Bình|02092005|Nữ|Thôn Đông|10052021', { now: '2026-11-27' });
  const sd = (f) => readFile(new URL(`../../tests/data/sd-jwt/${f}`, import.meta.url), 'utf8');
  const spec = JSON.parse(await sd('expected.json'));
  const options = { trust: { anchors: [await sd('anchor.pem')] }, keyBinding: { nonce: spec.nonce, audience: spec.audience }, now: spec.now };
  lib.verifySdJwtVc((await sd('presentation.valid.txt')).trim(), options);
  const before = [scan.__wbg_memory_bytes(), verify.__wbg_memory_bytes()];
  const big = '~'.repeat(50 * 1024 * 1024);
  const code = (fn) => { try { fn(); return 'ok'; } catch (e) { return `${e.code}:${e.params && e.params.max}`; } };
  const got = [
    code(() => lib.parseCccd(big)),
    code(() => lib.parseCccd(new Uint8Array(10 * 1024 * 1024))),
    code(() => lib.foldName(big)),
    code(() => lib.parseMrz(big)),
    code(() => lib.verifySdJwtVc(big, options)),
    code(() => lib.verifySdJwtVc((' ' + big).slice(1), { ...options, statusLists: [big] })),
    code(() => lib.loadTrustList(big, { signers: options.trust.anchors, now: spec.now })),
    code(() => lib.verifyMdoc(new Uint8Array(5 << 20), { trust: { anchors: options.trust.anchors }, transcript: new Uint8Array(1), now: spec.now })),
    code(() => lib.loadVical(new Uint8Array(3 << 20), { signers: options.trust.anchors, now: spec.now })),
  ];
  const want = ['ERR_INPUT_TOO_LARGE:4096', 'ERR_INPUT_TOO_LARGE:4096', 'ERR_INPUT_TOO_LARGE:1024', 'ERR_INPUT_TOO_LARGE:1024', 'ERR_INPUT_TOO_LARGE:262144', 'ERR_INPUT_TOO_LARGE:262144', 'ERR_INPUT_TOO_LARGE:2097152', 'ERR_INPUT_TOO_LARGE:4194304', 'ERR_INPUT_TOO_LARGE:2097152'];
  if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`got ${JSON.stringify(got)}`);
  const after = [scan.__wbg_memory_bytes(), verify.__wbg_memory_bytes()];
  if (JSON.stringify(after) !== JSON.stringify(before)) throw new Error(`wasm memory grew: ${before} → ${after}`);
});

test('CLI verify: revocation fails closed (ERR_STATUS_*), --status required, a missing status anchor names the list', () => {
  const cli = new URL('../../npm/pkg/dist/cli.js', import.meta.url).pathname;
  const sd = new URL('../data/sd-jwt/', import.meta.url).pathname;
  const spec = JSON.parse(readFileSync(`${sd}expected.json`, 'utf8'));
  const run = (args) => spawnSync(process.execPath, [cli, 'verify', `${sd}presentation.with-status.valid.txt`, '--nonce', spec.nonce, '--aud', spec.audience, '--anchor', `${sd}anchor.pem`, '--now', String(spec.now), '--json', ...args], { encoding: 'utf8' });
  const code = (r) => (r.stdout ? JSON.parse(r.stdout).code : undefined);
  const withAnchor = ['--status-anchor', `${sd}anchor.pem`];
  let r = run([...withAnchor, '--status-list', `${sd}status-list.revoked.jwt`]);
  if (r.status !== 1 || code(r) !== 'ERR_STATUS_REVOKED') throw new Error(`revoked: exit ${r.status} ${r.stdout}${r.stderr}`);
  r = run([...withAnchor, '--status-list', `${sd}status-list.valid.jwt`, '--status', 'required']);
  if (r.status !== 0 || JSON.parse(r.stdout).status.verdict !== 'valid') throw new Error(`valid, required: exit ${r.status} ${r.stdout}${r.stderr}`);
  r = run([...withAnchor, '--status', 'required']);
  if (r.status !== 1 || code(r) !== 'ERR_STATUS_LIST_MISSING') throw new Error(`required, no list: exit ${r.status} ${r.stdout}${r.stderr}`);
  r = run([]);
  if (r.status !== 0 || JSON.parse(r.stdout).status.reason !== 'no-list-supplied') throw new Error(`enforce, no list: exit ${r.status} ${r.stdout}${r.stderr}`);
  r = run(['--status-list', `${sd}status-list.valid.jwt`]);
  if (r.status !== 1 || code(r) !== 'ERR_STATUS_LIST_ANCHOR_MISSING' || JSON.parse(r.stdout).params.uri !== spec.statusLists.uri) throw new Error(`no status anchor: exit ${r.status} ${r.stdout}${r.stderr}`);
  r = run(['--status', 'report']);
  if (r.status !== 2) throw new Error(`--status report is a usage error in the CLI: exit ${r.status}`);
});

test('CLI verify --format mdoc: a verified mdoc (exit 0), rejections with the rule\'s code (exit 1), usage errors (exit 2), the format detected', () => {
  const cli = new URL('../../npm/pkg/dist/cli.js', import.meta.url).pathname;
  const d = new URL('../../examples/demo/mdoc/', import.meta.url).pathname;
  const spec = JSON.parse(readFileSync(`${d}expected.json`, 'utf8'));
  const run = (args, input) => spawnSync(process.execPath, [cli, 'verify', ...args], { encoding: 'utf8', input });
  const base = (file, flow = 'annex-c') => [`${d}${file}`, '--session-transcript', `${d}transcript.${flow}.cbor`, '--now', String(spec.now), '--json'];
  const anchor = ['--anchor', `${d}iaca.pem`];
  const out = (r) => JSON.parse(r.stdout);
  // Verified, with and without --format, and as base64url text on stdin.
  let r = run([...base('mdl.annex-c.valid.cbor'), ...anchor, '--format', 'mdoc', '--doc-type', 'org.iso.18013.5.1.mDL']);
  if (r.status !== 0 || out(r).documents[0].claims['org.iso.18013.5.1'].family_name !== 'Lê') throw new Error(`valid: exit ${r.status} ${r.stdout}${r.stderr}`);
  if (out(r).documents[0].claims['org.iso.18013.5.1'].portrait !== readFileSync(`${d}portrait.jpg`).toString('base64url')) throw new Error('portrait is not base64url in JSON');
  r = run(['-', ...base('x').slice(1), ...anchor], readFileSync(`${d}pid.annex-c.valid.cbor`).toString('base64url'));
  if (r.status !== 0 || out(r).documents[0].docType !== 'vn.cccd-verify.pid.1') throw new Error(`base64url on stdin: exit ${r.status} ${r.stdout}${r.stderr}`);
  r = run([...base('mdl.proximity.valid.cbor', 'proximity'), ...anchor, '--reader-key', spec.flows.proximity.readerPrivateKeyHex]);
  if (r.status !== 0 || out(r).documents[0].deviceAuth !== 'mac') throw new Error(`deviceMac: exit ${r.status} ${r.stdout}${r.stderr}`);
  // Rejected: the code names the rule.
  for (const [file, code] of [['mdl.tampered-element.rejects.cbor', 'ERR_MDOC_DIGEST_MISMATCH'], ['mdl.mso-expired.rejects.cbor', 'ERR_MDOC_VALIDITY'], ['mdl.device-signature-other-transcript.rejects.cbor', 'ERR_MDOC_DEVICE_AUTH'], ['mdl.trailing-bytes.rejects.cbor', 'ERR_CBOR_FORMAT']]) {
    r = run([...base(file), ...anchor]);
    if (r.status !== 1 || out(r).ok !== false || out(r).code !== code) throw new Error(`${file}: exit ${r.status} ${r.stdout}${r.stderr}`);
  }
  r = run([...base('mdl.annex-c.valid.cbor'), ...anchor, '--doc-type', 'vn.cccd-verify.pid.1']);
  if (r.status !== 1 || out(r).code !== 'ERR_MDOC_DOCTYPE_MISMATCH') throw new Error(`--doc-type: exit ${r.status} ${r.stdout}`);
  r = run([...base('mdl.annex-c.valid.cbor'), ...anchor, '--now', '2027-11-26T12:00:00Z']);
  if (r.status !== 1 || out(r).code !== 'ERR_MDOC_VALIDITY') throw new Error(`--now RFC 3339: exit ${r.status} ${r.stdout}`);
  // A VICAL: its docTypes, its issue ID against --min-sequence.
  const vical = (file) => ['--vical', `${d}${file}`, '--vical-signer', `${d}vical-root.pem`];
  r = run([...base('pid.oid4vp-dcapi.valid.cbor', 'oid4vp-dcapi'), ...vical('vical.cbor'), '--min-sequence', '7']);
  if (r.status !== 0) throw new Error(`VICAL: exit ${r.status} ${r.stdout}${r.stderr}`);
  r = run([...base('pid.oid4vp-dcapi.valid.cbor', 'oid4vp-dcapi'), ...vical('vical.mdl-only.cbor')]);
  if (r.status !== 1 || out(r).code !== 'ERR_TRUST_LIST_DOCTYPE_NOT_ALLOWED') throw new Error(`mDL-only VICAL: exit ${r.status} ${r.stdout}`);
  r = run([...base('mdl.oid4vp-dcapi.valid.cbor', 'oid4vp-dcapi'), ...vical('vical.cbor'), '--min-sequence', '8']);
  if (r.status !== 1 || out(r).code !== 'ERR_TRUST_LIST_ROLLBACK') throw new Error(`--min-sequence: exit ${r.status} ${r.stdout}`);
  r = run([...base('mdl.oid4vp-dcapi.valid.cbor', 'oid4vp-dcapi'), ...vical('vical.stale.cbor')]);
  if (r.status !== 1 || out(r).code !== 'ERR_TRUST_LIST_STALE') throw new Error(`stale VICAL: exit ${r.status} ${r.stdout}`);
  // Usage errors.
  const usage = [
    [`${d}mdl.annex-c.valid.cbor`, ...anchor],
    [...base('mdl.annex-c.valid.cbor')],
    [...base('mdl.annex-c.valid.cbor'), '--vical', `${d}vical.cbor`],
    [...base('mdl.annex-c.valid.cbor'), ...anchor, '--format', 'cbor'],
    [...base('mdl.annex-c.valid.cbor'), ...anchor, '--nonce', 'n', '--aud', 'a'],
    [...base('mdl.annex-c.valid.cbor'), ...anchor, '--reader-key', 'abc'],
    [...base('iaca.pem'), ...anchor],
  ];
  for (const args of usage) {
    r = run(args);
    if (r.status !== 2) throw new Error(`usage ${args.slice(1).join(' ')}: exit ${r.status} ${r.stdout}${r.stderr}`);
  }
});

// The camera scanner's hint throttle (js/scan.js), with a fake clock: frames 100 ms apart.
test('hint events: shown after two agreeing frames, kept at least 1.5 s, not repeated, cleared by a card', async () => {
  const { HintThrottle } = await import('../../npm/pkg/dist/scan.js');
  const h = new HintThrottle();
  let t = 0;
  const feed = (code) => h.frame(code, (t += 100));
  // One frame is not enough (a single noisy frame never flashes a hint).
  assert.equal(feed('MOVE_CLOSER'), undefined);
  assert.equal(feed('HOLD_STILL'), undefined);
  assert.equal(feed('MOVE_CLOSER'), undefined);
  assert.equal(feed('MOVE_CLOSER'), 'MOVE_CLOSER');
  const shownAt = t;
  // Not repeated while shown.
  for (let i = 0; i < 5; i++) assert.equal(feed('MOVE_CLOSER'), undefined);
  // Another hint replaces it only once the shown one has stayed 1.5 s.
  const other = [];
  while (t - shownAt < 4000) {
    const out = feed('REDUCE_GLARE');
    if (out !== undefined) other.push([out, t]);
  }
  assert.deepEqual(other.map((o) => o[0]), ['REDUCE_GLARE']);
  const glareAt = other[0][1];
  assert.ok(glareAt - shownAt >= 1500, `replaced after ${glareAt - shownAt} ms`);
  // Nothing to fix (null) clears it, after 1.5 s and two frames too.
  assert.equal(feed(null), undefined);
  let cleared;
  while (cleared === undefined) cleared = feed(null) === null ? t : undefined;
  assert.ok(cleared - glareAt >= 1500);
  // A card clears a shown hint at once; with none shown there is nothing to clear.
  feed('NO_CODE_IN_VIEW');
  assert.equal(feed('NO_CODE_IN_VIEW'), 'NO_CODE_IN_VIEW');
  assert.equal(h.card(), null);
  assert.equal(h.card(), undefined);
  // After a card the same hint can be shown again (two frames).
  assert.equal(feed('NO_CODE_IN_VIEW'), undefined);
  assert.equal(feed('NO_CODE_IN_VIEW'), 'NO_CODE_IN_VIEW');
});

// The scan module's tracked frame (what the worker calls): a QR code that is not a card comes
// back with its code (text) beside the error, and the WRONG_CODE hint; no code: NO_CODE_IN_VIEW.
test('scanFrame: a code that is not a card is returned with its text and WRONG_CODE, once decoded', async () => {
  const scan = await import('../../npm/pkg/dist/wasm-scan/cccd_verify.js');
  const image = await import('../../npm/pkg/dist/wasm-image/cccd_verify.js');
  lib.decodeQr(await load('qr-bench/zxing/qrcode-1/1.png'), { mode: 'thorough' }); // loads the scan and image modules
  const file = image.decodeImageFile(await load('qr-bench/zxing/qrcode-1/1.png'));
  assert.equal(file[0], 1);
  const dv = new DataView(file.buffer, file.byteOffset);
  const [w, h] = [dv.getUint32(1, true), dv.getUint32(5, true)];
  const luma = file.subarray(9);
  scan.resetTracker();
  const r = JSON.parse(scan.scanFrame('luma', luma, w, h, w, '2026-11-27', 'en'));
  const want = readFileSync(new URL('../../../shared/qr-bench/zxing/qrcode-1/1.txt', import.meta.url), 'utf8');
  assert.equal(r.ok, false);
  assert.equal(r.error.code, 'ERR_NOT_CCCD_PAYLOAD');
  assert.equal(r.qr.text, want);
  assert.equal(r.frame.hint, 'WRONG_CODE');
  const blank = new Uint8Array(320 * 240).fill(200);
  const b = JSON.parse(scan.scanFrame('luma', blank, 320, 240, 320, '2026-11-27', 'vi'));
  assert.equal(b.error.code, 'ERR_NO_QR_FOUND');
  assert.equal(b.qr, undefined);
  assert.equal(b.frame.hint, 'NO_CODE_IN_VIEW');
});

// ---- ICAO 9303 chips: `cccd-verify chip` on the DEMO chips of examples/demo/chip ----

test('CLI chip: authentic 0, tampered 1 naming the rule, unknown CSCA 1 with the issuer error, folder and master list, usage 2', async () => {
  const cli = new URL('../../npm/pkg/dist/cli.js', import.meta.url).pathname;
  const dir = new URL('../../examples/demo/chip/', import.meta.url).pathname;
  const spec = JSON.parse(readFileSync(`${dir}expected.json`, 'utf8'));
  const pinned = [...spec.trust.cscas, ...spec.trust.linkCertificates].flatMap((c) => ['--csca', `${dir}${c}`]);
  const challenge = (f) => JSON.parse(readFileSync(`${dir}${f}`, 'utf8')).activeAuthentication.challenge;
  const run = (input, args) => spawnSync(process.execPath, [cli, 'chip', `${dir}${input}`, '--now', spec.nowIso, ...args], { encoding: 'utf8' });
  const check = (r, status, code, what) => {
    const out = r.stdout ? JSON.parse(r.stdout) : {};
    if (r.status !== status || (code && out.code !== code)) throw new Error(`${what}: exit ${r.status} ${r.stdout}${r.stderr}`);
    return out;
  };
  const an = spec.dumps.find((d) => d.file === 'nguyen-van-an.valid.json');
  let out = check(run(an.file, [...pinned, '--challenge', challenge(an.file), '--qr', an.qr, '--mrz', an.mrz.join('\n'), '--json']), 0, undefined, 'authentic');
  if (!out.ok || out.verdict !== 'authentic' || out.activeAuthentication !== 'verified' || out.consistency.qrConsistent !== true) throw new Error(`authentic: ${JSON.stringify(out)}`);
  // Human-readable output too, and Unix seconds for --now.
  const human = spawnSync(process.execPath, [cli, 'chip', `${dir}${an.file}`, '--now', String(spec.now), ...pinned], { encoding: 'utf8' });
  if (human.status !== 0 || !/AUTHENTIC/.test(human.stdout) || !/Nguyễn Văn An/.test(human.stdout)) throw new Error(`human: ${human.status} ${human.stdout}${human.stderr}`);
  // Every rejection names its rule.
  for (const [file, code] of [['nguyen-van-an.dg13-tampered.rejects.json', 'ERR_CHIP_DG_HASH_MISMATCH'], ['nguyen-van-an.sod-signature-broken.rejects.json', 'ERR_CHIP_SOD_SIGNATURE'], ['nguyen-van-an.aa-forged.rejects.json', 'ERR_CHIP_AA_FAILED'], ['nguyen-van-an.bad-format.rejects.json', 'ERR_CHIP_DUMP_FORMAT']]) {
    const o = check(run(file, [...pinned, '--json']), 1, code, file);
    if (o.ok !== false) throw new Error(`${file}: ok ${o.ok}`);
  }
  // The relying party's own challenge: the valid answer to another one is refused.
  check(run(an.file, [...pinned, '--challenge', '0011223344556677', '--json']), 1, 'ERR_CHIP_AA_FAILED', 'other challenge');
  // Intact but issuer not verified: exit 1 with the issuer's error, the result attached.
  out = check(run('nguyen-van-an.dsc-unknown-csca.rejects.json', [...pinned, '--json']), 1, 'ERR_CERT_UNKNOWN_ISSUER', 'unknown CSCA');
  if (out.result.verdict !== 'intactIssuerNotVerified') throw new Error(`unknown CSCA: ${JSON.stringify(out)}`);
  check(run('nguyen-van-an.dsc-expired.rejects.json', [...pinned, '--json']), 1, 'ERR_CERT_EXPIRED', 'DSC expired');
  // An inconsistent QR code: exit 1 with the cross-check finding's code.
  out = check(run(an.file, [...pinned, '--qr', spec.dumps.find((d) => d.file === 'tran-thi-binh.valid.json').qr, '--json']), 1, undefined, 'other QR');
  if (out.ok !== false || typeof out.code !== 'string' || out.result.consistency.qrConsistent !== false) throw new Error(`other QR: ${JSON.stringify(out)}`);
  // The folder form, with trust from the master list.
  const ml = ['--master-list', `${dir}${spec.trust.masterList}`, '--master-list-signer', `${dir}${spec.trust.masterListSigner}`];
  out = check(run(spec.folders[0].dir, [...ml, '--json']), 0, undefined, 'folder');
  if (out.verdict !== 'authentic' || out.issuer.source !== 'masterList' || out.activeAuthentication !== 'notPerformed') throw new Error(`folder: ${JSON.stringify(out)}`);
  check(run(spec.folders[0].dir, ['--master-list', `${dir}masterlist.resigned.rejects.ml`, '--master-list-signer', `${dir}${spec.trust.masterListSigner}`, '--json']), 1, 'ERR_CERT_UNKNOWN_ISSUER', 're-signed master list');
  // Usage errors (no trust at all is not one: the next test).
  for (const args of [pinned.slice(0, 2).concat(ml), ['--master-list', `${dir}${spec.trust.masterList}`], ['--master-list-signer', `${dir}${spec.trust.masterListSigner}`], [...pinned, '--challenge', 'xyz'], [...pinned, '--now', 'yesterday']]) {
    const r = run(an.file, args);
    if (r.status !== 2) throw new Error(`usage ${args.join(' ')}: exit ${r.status} ${r.stdout}${r.stderr}`);
  }
});

test('CLI chip without --csca / --master-list: intact data exits 3 with the API\'s intactIssuerNotVerified result, a failed rule still 1', () => {
  const cli = new URL('../../npm/pkg/dist/cli.js', import.meta.url).pathname;
  const dir = new URL('../../examples/demo/chip/', import.meta.url).pathname;
  const spec = JSON.parse(readFileSync(`${dir}expected.json`, 'utf8'));
  const run = (input, args) => spawnSync(process.execPath, [cli, 'chip', `${dir}${input}`, '--now', spec.nowIso, ...args], { encoding: 'utf8' });
  const exit = (r, status, what) => {
    assert.equal(r.status, status, `${what}: exit ${r.status} ${r.stdout}${r.stderr}`);
    return r.stdout ? JSON.parse(r.stdout) : undefined;
  };
  const an = spec.dumps.find((d) => d.file === 'nguyen-van-an.valid.json');
  const dump = readFileSync(`${dir}${an.file}`, 'utf8');
  const challenge = JSON.parse(dump).activeAuthentication.challenge;
  // The whole result, as verifyChip gives it with no trust (and with `cscas: []`), under "ok": false.
  const out = exit(run(an.file, ['--challenge', challenge, '--qr', an.qr, '--mrz', an.mrz.join('\n'), '--json']), 3, 'no trust');
  const api = lib.verifyChip(dump, { challenge, qr: an.qr, mrz: an.mrz.join('\n'), now: spec.now });
  assert.deepEqual(JSON.parse(JSON.stringify(lib.verifyChip(dump, { trust: { cscas: [] }, challenge, qr: an.qr, mrz: an.mrz.join('\n'), now: spec.now }))), JSON.parse(JSON.stringify(api)));
  const { ok, ...rest } = out;
  assert.equal(ok, false);
  assert.equal(out.code, undefined);
  assert.deepEqual(rest, JSON.parse(JSON.stringify(api)));
  assert.deepEqual([out.verdict, out.issuer.source, out.issuer.error, out.activeAuthentication, out.consistency.qrConsistent, out.consistency.mrzConsistent], ['intactIssuerNotVerified', null, null, 'verified', true, true]);
  assert.ok(out.dataGroups.length > 0 && out.dataGroups.every((g) => g.status === 'valid'), JSON.stringify(out.dataGroups));
  // A DSC under an unknown CSCA is intact data too; pinned CSCAs make it exit 1 (previous test).
  assert.equal(exit(run('nguyen-van-an.dsc-unknown-csca.rejects.json', ['--json']), 3, 'unknown CSCA, no trust').verdict, 'intactIssuerNotVerified');
  // The folder form, and the human-readable output in both languages.
  assert.equal(exit(run(spec.folders[0].dir, ['--json']), 3, 'folder').verdict, 'intactIssuerNotVerified');
  for (const [lang, head] of [['en', 'INTACT, ISSUER NOT VERIFIED'], ['vi', 'NGUYÊN VẸN, CHƯA XÁC MINH CƠ QUAN CẤP']]) {
    const r = run(an.file, ['--lang', lang]);
    assert.equal(r.status, 3, `${lang}: ${r.stdout}${r.stderr}`);
    assert.ok(r.stdout.startsWith(`${head}: `) && /Nguyễn Văn An/.test(r.stdout) && !/AUTHENTIC:|XÁC THỰC:/.test(r.stdout), r.stdout);
  }
  // Every rule about the data still refuses, with its code: exit 1, never 3.
  for (const [file, code, args] of [['nguyen-van-an.dg13-tampered.rejects.json', 'ERR_CHIP_DG_HASH_MISMATCH', []], ['nguyen-van-an.sod-signature-broken.rejects.json', 'ERR_CHIP_SOD_SIGNATURE', []], ['nguyen-van-an.aa-forged.rejects.json', 'ERR_CHIP_AA_FAILED', []], ['nguyen-van-an.bad-format.rejects.json', 'ERR_CHIP_DUMP_FORMAT', []], [an.file, 'ERR_CHIP_AA_FAILED', ['--challenge', '0011223344556677']]]) {
    const o = exit(run(file, [...args, '--json']), 1, file);
    assert.deepEqual([o.ok, o.code], [false, code], file);
  }
  const other = exit(run(an.file, ['--qr', spec.dumps.find((d) => d.file === 'tran-thi-binh.valid.json').qr, '--json']), 1, 'other QR, no trust');
  assert.equal(other.result.consistency.qrConsistent, false);
});

test('verifyChip: a dump over MAX_DUMP_JSON_BYTES is refused before it is copied into wasm memory', async () => {
  const verify = await import('../../npm/pkg/dist/wasm-verify/cccd_verify.js');
  const dir = new URL('../../examples/demo/chip/', import.meta.url);
  const dump = readFileSync(new URL('nguyen-van-an.valid.json', dir), 'utf8');
  const now = JSON.parse(readFileSync(new URL('expected.json', dir), 'utf8')).now;
  lib.verifyChip(dump, { now });
  const before = verify.__wbg_memory_bytes();
  const big = JSON.stringify({ format: 'icao9303-dump/1', sod: 'A'.repeat(20 * 1024 * 1024), dataGroups: {} });
  let code;
  try {
    lib.verifyChip(big, { now });
  } catch (e) {
    code = `${e.code}:${e.params.max}`;
  }
  if (code !== 'ERR_INPUT_TOO_LARGE:2097152') throw new Error(`got ${code}`);
  if (verify.__wbg_memory_bytes() !== before) throw new Error('wasm memory grew');
});
// ---- end ICAO 9303 chips ----

// `now`: js/api.js and src/date.rs (`Now::parse`, its unit test) read the same table alike.
test('now: nowSeconds / nowDay accept and refuse the strings of tests/data/now.json as the Rust reader does', async () => {
  const { nowSeconds, nowDay } = await import('../../npm/pkg/dist/api.js');
  const { cases } = JSON.parse(readFileSync(new URL('../data/now.json', import.meta.url), 'utf8'));
  assert.ok(cases.length > 40);
  const read = (f, input) => {
    try {
      return f(input, 'options.now');
    } catch (e) {
      assert.ok(e instanceof TypeError && e.message.startsWith('options.now'), `${JSON.stringify(input)}: ${e}`);
      return null;
    }
  };
  for (const c of cases) {
    assert.equal(read(nowSeconds, c.input), c.seconds, `${JSON.stringify(c.input)} as an instant`);
    assert.equal(read(nowDay, c.input), c.day, `${JSON.stringify(c.input)} as a card date`);
  }
});

test('CLI --now: the NowInput forms as text (digits are Unix seconds), a date for parse and scan only; a bad one is exit 2 naming --now', () => {
  const cli = new URL('../../npm/pkg/dist/cli.js', import.meta.url).pathname;
  const an = '001090000123|012345678|Nguyễn Văn An|15031990|Nam|Số 1 Ngõ 2, Phường Láng Hạ, Quận Đống Đa, Hà Nội|20042021';
  const parse = (now) => spawnSync(process.execPath, [cli, 'parse', an, '--json', '--now', now], { encoding: 'utf8' });
  // The card expires on 15 March 2030, in Vietnam (16:59:59Z is 23:59:59 there).
  for (const now of ['2030-03-15', '2030-03-15T23:59:59+07:00', '2030-03-15T16:59:59Z', String(Date.UTC(2030, 2, 15, 16, 59, 59) / 1000)]) {
    const r = parse(now);
    assert.equal(r.status, 0, `${now}: ${r.stdout}${r.stderr}`);
    assert.equal(JSON.parse(r.stdout).card.expired, false, now);
  }
  for (const now of ['2030-03-16', '2030-03-16T00:00:00+07:00', '2030-03-15T17:00:00Z', String(Date.UTC(2030, 2, 15, 17) / 1000)]) {
    const r = parse(now);
    assert.equal(r.status, 1, `${now}: ${r.stdout}${r.stderr}`);
    assert.equal(JSON.parse(r.stdout).code, 'CARD_EXPIRED', now);
  }
  for (const now of ['yesterday', '2030-02-30', '2030-03-15T23:59:60Z', '2030-03-15 10:00:00Z', '']) {
    const r = parse(now);
    assert.equal(r.status, 2, `${JSON.stringify(now)}: exit ${r.status}`);
    assert.match(r.stderr, /--now/, now);
  }
  // verify needs an instant: a date alone is a usage error, as in the API.
  const sd = new URL('../data/sd-jwt/', import.meta.url).pathname;
  const spec = JSON.parse(readFileSync(`${sd}expected.json`, 'utf8'));
  const verify = (now) => spawnSync(process.execPath, [cli, 'verify', `${sd}presentation.valid.txt`, '--nonce', spec.nonce, '--aud', spec.audience, '--anchor', `${sd}anchor.pem`, '--json', '--now', now], { encoding: 'utf8' });
  const iso = new Date(spec.now * 1000).toISOString();
  for (const now of [String(spec.now), iso, iso.replace('Z', '+00:00')]) assert.equal(verify(now).status, 0, now);
  const day = verify(iso.slice(0, 10));
  assert.equal(day.status, 2, `a date alone: exit ${day.status}`);
  assert.match(day.stderr, /--now: a date alone/);
});
