// Wallet onboarding — the relying party's server. It issues single-use nonces, and re-verifies
// every presentation the browser already checked: the browser's verdict is for the user
// experience only; the decision to onboard is made here, where the page cannot tamper with it.
//
//   node server.mjs   (PORT=8090, ORIGIN=http://127.0.0.1:8090, ANCHORS=issuer-root.pem[,…]; default: the DEMO root)
//
// No dependencies beyond cccd-verify; nothing is fetched from the network.
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { verifySdJwtVc, CccdVerifyError } from 'cccd-verify';

const here = fileURLToPath(new URL('.', import.meta.url));
const PORT = Number(process.env.PORT ?? 8090);
// The origin the browser is on. Configured, never taken from the request or the response: the
// key binding's audience must be the origin the user actually saw ("origin:<origin>").
const ORIGIN = process.env.ORIGIN ?? `http://127.0.0.1:${PORT}`;
const ANCHORS = (process.env.ANCHORS ?? join(here, '../demo/sd-jwt/anchor.pem')).split(',').map((f) => readFileSync(f, 'utf8'));
const NONCE_TTL_MS = 5 * 60 * 1000;
// Verification time, Unix seconds. Unset = the real clock. Set it only to run the demo material,
// whose credentials and key-binding times are pinned to 2026-11-27.
const NOW = process.env.NOW ? Number(process.env.NOW) : undefined;
const VCT = process.env.VCT ?? 'urn:cccd-verify:pid:vn:1';

/** The DCQL query (OpenID4VP 1.0 §6) for the CCCD PID profile (docs/cccd-pid-profile.md). */
export const DCQL = {
  credentials: [
    {
      id: 'cccd_pid',
      format: 'dc+sd-jwt',
      meta: { vct_values: [VCT] },
      claims: [{ path: ['family_name'] }, { path: ['given_name'] }, { path: ['birthdate'] }, { path: ['age_over_18'] }],
    },
  ],
};

const sessions = new Map(); // session id → { nonce, expires }

function json(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function body(req) {
  let size = 0;
  const chunks = [];
  for await (const c of req) {
    size += c.length;
    if (size > 256 * 1024) throw new Error('body too large');
    chunks.push(c);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function decide(presentation, nonce) {
  try {
    const vc = verifySdJwtVc(presentation, {
      trust: { anchors: ANCHORS },
      keyBinding: { nonce, audience: `origin:${ORIGIN}` },
      now: NOW,
      lang: 'vi',
    });
    // Policy of this relying party: adults only, with the claims it asked for.
    const c = vc.claims;
    const adult = c.age_over_18 === true || c.age_equal_or_over?.['18'] === true;
    if (!adult) return { ok: false, code: 'NOT_ADULT', message: 'Chưa đủ 18 tuổi.' };
    return { ok: true, decision: 'onboard', issuer: vc.issuer.iss, holderKeyThumbprint: vc.holderKeyThumbprint, claims: { family_name: c.family_name, given_name: c.given_name, birthdate: c.birthdate } };
  } catch (e) {
    if (e instanceof CccdVerifyError) return { ok: false, code: e.code, message: e.message };
    throw e;
  }
}

const STATIC = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm', '.pem': 'text/plain', '.css': 'text/css', '.json': 'application/json' };
const pkgDir = fileURLToPath(new URL('.', import.meta.resolve('cccd-verify'))).replace(/dist[\\/]$/, '');

const server = createServer(async (req, res) => {
  const url = new URL(req.url, ORIGIN);
  try {
    if (req.method === 'POST' && url.pathname === '/api/request') {
      const session = randomBytes(16).toString('base64url');
      const nonce = randomBytes(16).toString('base64url');
      sessions.set(session, { nonce, expires: Date.now() + NONCE_TTL_MS });
      return json(res, 200, { session, nonce, dcql_query: DCQL, audience: `origin:${ORIGIN}`, now: NOW ?? null });
    }
    if (req.method === 'POST' && url.pathname === '/api/verify') {
      const { session, presentation } = await body(req);
      const s = sessions.get(session);
      sessions.delete(session); // single use, whatever the outcome
      if (!s || s.expires < Date.now()) return json(res, 400, { ok: false, code: 'UNKNOWN_SESSION', message: 'Phiên không hợp lệ hoặc đã hết hạn.' });
      if (typeof presentation !== 'string') return json(res, 400, { ok: false, code: 'BAD_REQUEST', message: 'presentation must be a string' });
      return json(res, 200, decide(presentation, s.nonce));
    }
    if (req.method !== 'GET') return json(res, 405, { ok: false });
    if (url.pathname === '/demo-anchor.pem') {
      // The browser's own check uses the same anchor as the server.
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.end(ANCHORS[0]);
    }
    // Static files: the page, the demo anchor, and the cccd-verify package (for the browser).
    let base = here;
    let path = url.pathname === '/' ? '/index.html' : url.pathname;
    if (path.startsWith('/node_modules/cccd-verify/')) {
      base = pkgDir;
      path = path.slice('/node_modules/cccd-verify'.length);
    }
    const file = normalize(join(base, path));
    if (!file.startsWith(normalize(base + sep))) return json(res, 403, { ok: false });
    const data = readFileSync(file);
    res.writeHead(200, { 'content-type': STATIC[extname(file)] ?? 'application/octet-stream' });
    res.end(data);
  } catch (e) {
    if (e.code === 'ENOENT') return json(res, 404, { ok: false });
    json(res, 400, { ok: false, code: 'BAD_REQUEST', message: String(e.message) });
  }
});

server.listen(PORT, '127.0.0.1', () => console.log(`wallet onboarding on ${ORIGIN}`));
