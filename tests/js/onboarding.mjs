// End to end: examples/wallet-onboarding in headless Chromium with its Node server. The wallet
// is scripted: the test answers the page's Digital Credentials API request (OpenID4VP,
// unsigned) with a presentation it builds from the DEMO credential (tests/data/sd-jwt) and the
// DEMO holder key, bound to the nonce the server issued and the page's origin. Both the browser's
// and the server's verdicts are checked, for a valid presentation and for a replayed one.
import { spawn } from 'node:child_process';
import { createECDH, createHash, createPrivateKey, sign } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, report } from './chromium.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const sd = join(root, 'tests/data/sd-jwt');
const spec = JSON.parse(readFileSync(join(sd, 'expected.json'), 'utf8'));
const results = [];
const check = async (name, fn) => {
  try {
    await fn();
    results.push({ name, ok: true });
  } catch (e) {
    results.push({ name, ok: false, error: String((e && e.stack) || e) });
  }
};
const assert = (cond, msg) => {
  if (!cond) throw new Error(msg);
};

const b64url = (buf) => Buffer.from(buf).toString('base64url');

/** The DEMO holder key (tools/demo-issuer seed 0xd9: 32 bytes of 0xd9), as a Node key. */
function holderKey() {
  const d = Buffer.alloc(32, 0xd9);
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(d);
  const pub = ecdh.getPublicKey();
  return createPrivateKey({ format: 'jwk', key: { kty: 'EC', crv: 'P-256', d: b64url(d), x: b64url(pub.subarray(1, 33)), y: b64url(pub.subarray(33)) } });
}

/** The scripted wallet: every disclosure of the DEMO credential plus a KB-JWT for this request. */
function present(nonce, audience, iat) {
  const credential = readFileSync(join(sd, 'credential.txt'), 'utf8').trim();
  const sdJwt = credential.endsWith('~') ? credential : `${credential}~`;
  const header = b64url(JSON.stringify({ alg: 'ES256', typ: 'kb+jwt' }));
  const payload = b64url(JSON.stringify({ nonce, aud: audience, iat, sd_hash: b64url(createHash('sha256').update(sdJwt).digest()) }));
  const sig = sign('sha256', Buffer.from(`${header}.${payload}`), { key: holderKey(), dsaEncoding: 'ieee-p1363' });
  return `${sdJwt}${header}.${payload}.${b64url(sig)}`;
}

function freePort() {
  return new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

const work = mkdtempSync(join(tmpdir(), 'cccd-onboarding-'));
const app = join(work, 'app');
cpSync(join(root, 'examples/wallet-onboarding'), app, { recursive: true });
mkdirSync(join(app, 'node_modules'));
symlinkSync(join(root, 'npm/pkg'), join(app, 'node_modules/cccd-verify'), 'dir');
const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, ['server.mjs'], {
  cwd: app,
  env: { ...process.env, PORT: String(port), ORIGIN: origin, ANCHORS: join(sd, 'anchor.pem'), NOW: String(spec.now) },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise((ok, fail) => {
  server.stdout.on('data', (d) => String(d).includes('wallet onboarding') && ok());
  server.on('exit', (code) => fail(new Error(`server exited ${code}`)));
});
const browser = await launch();

async function run(answer) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const wasm = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) errors.push(`request left the origin: ${r.url()}`);
    if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname.replace(/^.*\/dist\//, ''));
  });
  const seen = [];
  await page.exposeFunction('__scriptedWallet', (requestJson) => {
    const req = JSON.parse(requestJson);
    seen.push(req);
    return answer(req);
  });
  await page.addInitScript(() => {
    globalThis.DigitalCredential = class DigitalCredential {
      static userAgentAllowsProtocol(p) {
        return p === 'openid4vp-v1-unsigned';
      }
    };
    navigator.credentials.get = async (options) => {
      const req = options.digital.requests[0];
      const vp = await globalThis.__scriptedWallet(JSON.stringify(req));
      return { protocol: req.protocol, data: { vp_token: { cccd_pid: [vp] } } };
    };
  });
  await page.goto(`${origin}/`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  await page.click('#wallet');
  await page.waitForSelector('body[data-decision]', { timeout: 30000 });
  const out = {
    decision: await page.getAttribute('body', 'data-decision'),
    local: await page.textContent('#local'),
    server: await page.textContent('#server'),
    claims: await page.textContent('#claims'),
    seen,
    errors,
    wasm,
  };
  await page.close();
  return out;
}

try {
  await check('the page asks the wallet over the DC API with an unsigned OpenID4VP request and DCQL for the CCCD PID', async () => {
    const r = await run((req) => present(req.data.nonce, `origin:${origin}`, spec.now));
    const req = r.seen[0];
    assert(req && req.protocol === 'openid4vp-v1-unsigned', `protocol ${req && req.protocol}`);
    assert(req.data.response_mode === 'dc_api' && req.data.response_type === 'vp_token' && req.data.nonce.length >= 16, JSON.stringify(req.data));
    const q = req.data.dcql_query.credentials[0];
    assert(q.format === 'dc+sd-jwt' && q.meta.vct_values.includes(spec.vct), JSON.stringify(q));
    assert(r.decision === 'onboard', `decision ${r.decision}: ${r.local} / ${r.server}`);
    // A page that only verifies downloads only the verify module.
    assert(JSON.stringify(r.wasm) === JSON.stringify(['wasm-verify/cccd_verify_bg.wasm']), `wasm fetched: ${JSON.stringify(r.wasm)}`);
    assert(/hợp lệ/.test(r.local) && r.claims.includes('Thị Cúc'), `browser: ${r.local} ${r.claims}`);
    assert(r.errors.length === 0, r.errors.join('\n'));
  });

  await check('a presentation bound to another nonce is rejected by the browser and by the server', async () => {
    const r = await run(() => present('some-other-nonce-0123456789', `origin:${origin}`, spec.now));
    assert(r.decision === 'ERR_KB_NONCE_MISMATCH', `decision ${r.decision}: ${r.server}`);
    assert(/ERR_KB_NONCE_MISMATCH/.test(r.local), `browser: ${r.local}`);
  });

  await check('a presentation for another origin is rejected (audience is origin:<page origin>)', async () => {
    const r = await run((req) => present(req.data.nonce, 'origin:https://evil.example', spec.now));
    assert(r.decision === 'ERR_KB_AUDIENCE_MISMATCH', `decision ${r.decision}: ${r.server}`);
  });

  await check('the server refuses a replayed session: nonces are single use', async () => {
    const req = await (await fetch(`${origin}/api/request`, { method: 'POST' })).json();
    const vp = present(req.nonce, `origin:${origin}`, spec.now);
    const first = await (await fetch(`${origin}/api/verify`, { method: 'POST', body: JSON.stringify({ session: req.session, presentation: vp }) })).json();
    const again = await (await fetch(`${origin}/api/verify`, { method: 'POST', body: JSON.stringify({ session: req.session, presentation: vp }) })).json();
    assert(first.ok === true && first.decision === 'onboard', JSON.stringify(first));
    assert(again.ok === false && again.code === 'UNKNOWN_SESSION', JSON.stringify(again));
  });
} finally {
  await browser.close();
  server.kill();
  rmSync(work, { recursive: true, force: true });
}

const { passed, failed } = report('onboarding', { results, errors: [] });
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
