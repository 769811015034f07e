// End to end: examples/wallet-onboarding in headless Chromium with its Node server, under the
// server's strict CSP + Trusted Types. The server makes each request with createCredentialRequest
// and keeps its state; the page hands the request to the wallet and the answer back to the server.
// The wallet is scripted: the test injects a `navigator.credentials.get` (and a DigitalCredential
// that allows the protocols of the browser it plays) whose answers come from the page's own DEMO
// wallet code (demo-wallet.js: HPKE for org-iso-mdoc, JWE for OpenID4VP, a deviceSignature or a
// KB-JWT over the live request) — the page's real code path runs. Mdocs over both protocols and
// the SD-JWT VC are verified with their claims; answers for another nonce or origin are refused
// with their code; a wallet that never answers times out with a message.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, report } from './chromium.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const demoDir = join(root, 'examples/demo');
const now = JSON.parse(readFileSync(join(demoDir, 'mdoc/expected.json'), 'utf8')).now;
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
  env: { ...process.env, PORT: String(port), ORIGIN: origin, DEMO_DIR: demoDir, NOW: String(now) },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise((ok, fail) => {
  server.stdout.on('data', (d) => String(d).includes('wallet onboarding') && ok());
  server.on('exit', (code) => fail(new Error(`server exited ${code}`)));
});
const browser = await launch();

/**
 * Runs the page once. `browserProtocols`: what the injected DigitalCredential allows (null: no
 * Digital Credentials API at all). `wallet`: `{ hang, origin, nonce }` for the scripted wallet.
 * `choose`: `{ kind, protocol, demo }` clicked in the page. `query`: the page's URL query.
 */
async function run({ browserProtocols = ['openid4vp-v1-unsigned', 'org-iso-mdoc'], wallet = {}, choose = {}, query = '' } = {}) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const wasm = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) errors.push(`request left the origin: ${r.url()}`);
    if (r.url().endsWith('.wasm')) wasm.push(r.url());
  });
  await page.addInitScript(({ browserProtocols, wallet, now }) => {
    globalThis.__seen = [];
    globalThis.__violations = [];
    globalThis.__aborted = false;
    document.addEventListener('securitypolicyviolation', (e) => globalThis.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    if (!browserProtocols) {
      delete globalThis.DigitalCredential;
      return;
    }
    globalThis.DigitalCredential = class DigitalCredential {
      static userAgentAllowsProtocol(p) {
        return browserProtocols.includes(p);
      }
    };
    navigator.credentials.get = async (options) => {
      globalThis.__seen.push(JSON.parse(JSON.stringify(options.digital)));
      if (wallet.hang) {
        // A wallet that never answers: only the page's abort ends the call, as in browsers.
        return new Promise((_, fail) => options.signal.addEventListener('abort', () => {
          globalThis.__aborted = true;
          fail(new DOMException('The request was aborted.', 'AbortError'));
        }));
      }
      const { loadDemoWallet } = await import('/demo-wallet.js');
      const w = await loadDemoWallet(async (path) => new Uint8Array(await (await fetch(`/demo/${path}`)).arrayBuffer()));
      // The browser would tell a real wallet the page's origin; the wallet offers the first
      // request in a protocol the browser allows.
      const digital = { requests: options.digital.requests.filter((r) => browserProtocols.includes(r.protocol)) };
      return w.answer(digital, wallet.origin ?? location.origin, { now, nonce: wallet.nonce });
    };
  }, { browserProtocols, wallet, now });
  await page.goto(`${origin}/${query}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  if (choose.kind) await page.check(`input[name="kind"][value="${choose.kind}"]`);
  if (choose.protocol) await page.check(`input[name="protocol"][value="${choose.protocol}"]`);
  if (choose.demo) await page.check('#use-demo');
  await page.click('#wallet');
  await page.waitForSelector('body[data-decision]', { timeout: 30000 });
  const out = await page.evaluate(() => ({
    decision: document.body.dataset.decision,
    protocol: document.body.dataset.protocol,
    walletKind: document.body.dataset.wallet,
    status: document.getElementById('status').textContent,
    claims: document.getElementById('claims').textContent,
    banner: !document.getElementById('demo-banner').hidden,
    env: document.getElementById('env').textContent,
    seen: globalThis.__seen,
    violations: globalThis.__violations,
    aborted: globalThis.__aborted,
  }));
  await page.close();
  return { ...out, errors, wasm };
}

const clean = (r) => {
  assert(r.errors.length === 0, r.errors.join('\n'));
  assert(r.violations.length === 0, `CSP violations: ${r.violations.join('; ')}`);
};

try {
  await check('Chromium-like browser: the CCCD PID mdoc over OpenID4VP (dc_api.jwt, JWE), verified by the server with its claims; no wasm in the page; strict CSP holds', async () => {
    const r = await run();
    clean(r);
    const req = r.seen[0];
    assert(req && req.requests.map((x) => x.protocol).join() === 'openid4vp-v1-unsigned,org-iso-mdoc', `offered: ${JSON.stringify(req && req.requests.map((x) => x.protocol))}`);
    const data = req.requests[0].data;
    assert(data.response_mode === 'dc_api.jwt' && data.dcql_query.credentials[0].format === 'mso_mdoc' && data.client_metadata.jwks.keys[0].kty === 'EC', JSON.stringify(data).slice(0, 300));
    assert(r.decision === 'onboard' && r.protocol === 'openid4vp-v1-unsigned', `decision ${r.decision} over ${r.protocol}: ${r.status}`);
    assert(/mso_mdoc/.test(r.status) && r.claims.includes('Thị Cúc') && r.claims.includes('2001-11-30'), `${r.status} ${r.claims}`);
    assert(r.walletKind === 'browser' && !r.banner, 'the browser wallet, no DEMO banner');
    assert(r.wasm.length === 0, `the page verifies nothing itself: ${r.wasm.join(', ')}`);
  });

  await check('Safari-like browser (org-iso-mdoc only): the CCCD PID mdoc over ISO 18013-7 Annex C, HPKE-encrypted, verified with its claims', async () => {
    const r = await run({ browserProtocols: ['org-iso-mdoc'] });
    clean(r);
    assert(r.seen[0].requests.length === 1 && r.seen[0].requests[0].protocol === 'org-iso-mdoc', JSON.stringify(r.seen[0].requests.map((x) => x.protocol)));
    assert(typeof r.seen[0].requests[0].data.encryptionInfo === 'string', 'encryptionInfo in the request');
    assert(r.decision === 'onboard' && r.protocol === 'org-iso-mdoc', `decision ${r.decision} over ${r.protocol}: ${r.status}`);
    assert(r.claims.includes('Lê') && r.claims.includes('Thị Cúc'), r.claims);
  });

  await check('the mDL over both protocols, and the SD-JWT VC over OpenID4VP', async () => {
    for (const protocol of ['org-iso-mdoc', 'openid4vp-v1-unsigned']) {
      const r = await run({ choose: { kind: 'mdl', protocol } });
      clean(r);
      assert(r.decision === 'onboard' && r.protocol === protocol, `mDL over ${protocol}: ${r.decision} ${r.status}`);
      assert(r.claims.includes('2001-11-30'), r.claims);
    }
    const r = await run({ choose: { kind: 'sd-jwt' } });
    clean(r);
    assert(r.seen[0].requests[0].data.dcql_query.credentials[0].format === 'dc+sd-jwt', 'a dc+sd-jwt DCQL query');
    assert(r.decision === 'onboard' && /dc\+sd-jwt/.test(r.status) && r.claims.includes('Thị Cúc'), `${r.decision}: ${r.status} ${r.claims}`);
  });

  await check('answers bound to another origin or nonce are refused by the server with their code', async () => {
    const annexC = await run({ browserProtocols: ['org-iso-mdoc'], wallet: { origin: 'https://evil.example' } });
    assert(annexC.decision === 'ERR_DECRYPT_FAILED', `Annex C for another origin: ${annexC.decision} ${annexC.status}`);
    assert(/ERR_DECRYPT_FAILED/.test(annexC.status) && annexC.claims === '', annexC.status);
    const mdoc = await run({ wallet: { nonce: 'another-nonce-0123456789' } });
    assert(mdoc.decision === 'ERR_MDOC_DEVICE_AUTH', `mdoc for another nonce: ${mdoc.decision} ${mdoc.status}`);
    const mdocOrigin = await run({ wallet: { origin: 'https://evil.example' } });
    assert(mdocOrigin.decision === 'ERR_MDOC_DEVICE_AUTH', `mdoc for another origin: ${mdocOrigin.decision}`);
    const sd = await run({ choose: { kind: 'sd-jwt' }, wallet: { nonce: 'another-nonce-0123456789' } });
    assert(sd.decision === 'ERR_KB_NONCE_MISMATCH', `SD-JWT VC for another nonce: ${sd.decision}`);
    const sdOrigin = await run({ choose: { kind: 'sd-jwt' }, wallet: { origin: 'https://evil.example' } });
    assert(sdOrigin.decision === 'ERR_KB_AUDIENCE_MISMATCH', `SD-JWT VC for another origin: ${sdOrigin.decision}`);
  });

  await check('a wallet that never answers: the request is aborted after the timeout, with a message (vi, en)', async () => {
    const vi = await run({ wallet: { hang: true }, query: '?timeout=1500' });
    clean(vi);
    assert(vi.decision === 'WALLET_TIMEOUT' && vi.aborted, `decision ${vi.decision}, aborted ${vi.aborted}`);
    assert(/Ví không trả lời sau 2 giây/.test(vi.status), vi.status);
    const en = await run({ wallet: { hang: true }, query: '?timeout=1500&lang=en' });
    assert(en.decision === 'WALLET_TIMEOUT' && /did not answer within 2 s/.test(en.status), en.status);
  });

  await check('without the Digital Credentials API (or by choice) the in-page DEMO wallet answers, clearly marked', async () => {
    const r = await run({ browserProtocols: null });
    clean(r);
    assert(r.walletKind === 'demo' && r.banner && /DEMO/.test(r.env + r.status) , `${r.walletKind} ${r.banner} ${r.env}`);
    assert(r.seen.length === 0, 'navigator.credentials.get not called');
    assert(r.decision === 'onboard' && r.claims.includes('Thị Cúc'), `${r.decision}: ${r.status}`);
    const chosen = await run({ choose: { demo: true, protocol: 'org-iso-mdoc' } });
    clean(chosen);
    assert(chosen.walletKind === 'demo' && chosen.seen.length === 0 && chosen.decision === 'onboard' && chosen.protocol === 'org-iso-mdoc', `${chosen.walletKind} ${chosen.decision} ${chosen.protocol}`);
  });

  await check('the server refuses a replayed session: each request state is used once', async () => {
    const { loadDemoWallet } = await import('../../examples/wallet-onboarding/demo-wallet.js');
    const wallet = await loadDemoWallet(async (p) => new Uint8Array(await readFile(join(demoDir, p))));
    const post = async (path, body) => (await fetch(`${origin}${path}`, { method: 'POST', body: JSON.stringify(body) })).json();
    const req = await post('/api/request', { kind: 'pid', protocols: ['org-iso-mdoc'] });
    const credential = await wallet.answer(req.request, origin, { now });
    const first = await post('/api/verify', { session: req.session, credential });
    const again = await post('/api/verify', { session: req.session, credential });
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
