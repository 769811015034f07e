// Wallet onboarding — the relying party's server. It makes each Digital Credentials API request
// (`createCredentialRequest`: fresh ephemeral keys and nonce) and keeps the request's state, which
// holds the private keys, here: the page only ever sees the request. The wallet's answer comes
// back through the page and is verified here (`verifyCredentialResponse`), bound to this server's
// origin and the state's nonce — never to anything the page or the response claims.
//
//   node server.mjs   (PORT=8090, ORIGIN=http://127.0.0.1:8090, ANCHORS=issuer-root.pem[,…],
//                      IACAS=iaca.pem[,…]; default: the DEMO roots of examples/demo)
//
// No dependencies beyond cccd-verify; nothing is fetched from the network.
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCredentialRequest, verifyCredentialResponse, CccdVerifyError } from 'cccd-verify';

const here = fileURLToPath(new URL('.', import.meta.url));
const PORT = Number(process.env.PORT ?? 8090);
// The origin the browser is on. Configured, never taken from the request or the response: the
// answer must be bound to the origin the user actually saw.
const ORIGIN = process.env.ORIGIN ?? `http://127.0.0.1:${PORT}`;
// The DEMO material (examples/demo): the in-page DEMO wallet's credentials, and the DEMO roots.
const DEMO = process.env.DEMO_DIR ?? join(here, '../demo');
const pems = (list) => list.split(',').map((f) => readFileSync(f, 'utf8'));
const ANCHORS = pems(process.env.ANCHORS ?? join(DEMO, 'sd-jwt/anchor.pem')); // SD-JWT VC issuer roots
const IACAS = pems(process.env.IACAS ?? join(DEMO, 'mdoc/iaca.pem')); // mdoc IACAs
const REQUEST_TTL_MS = 5 * 60 * 1000;
// Verification time, Unix seconds. Unset = the real clock. Set it only to run the demo material,
// whose credentials are pinned to 2026-11-27 (the example then runs green on any date).
const NOW = process.env.NOW ? Number(process.env.NOW) : undefined;
const VCT = process.env.VCT ?? 'urn:cccd-verify:pid:vn:1';
const PID = 'vn.cccd-verify.pid.1'; // docType and namespace (docs/mdoc-profile.md)
const MDL = 'org.iso.18013.5.1.mDL';
const MDL_NS = 'org.iso.18013.5.1';

/** What this relying party asks for, per credential kind the page offers. */
const ASK = {
  pid: { mdoc: { docType: PID, claims: { [PID]: ['family_name', 'given_name', 'birth_date', 'age_over_18'] } } },
  mdl: { mdoc: { docType: MDL, claims: { [MDL_NS]: ['family_name', 'given_name', 'birth_date', 'document_number'] } } },
  'sd-jwt': { sdJwt: { vct: VCT, claims: ['family_name', 'given_name', 'birthdate', ['age_equal_or_over', '18']] } },
};
const PROTOCOLS = ['org-iso-mdoc', 'openid4vp-v1-unsigned'];

const sessions = new Map(); // session id → { state, kind, expires }

function json(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function body(req) {
  let size = 0;
  const chunks = [];
  for await (const c of req) {
    size += c.length;
    if (size > 512 * 1024) throw new Error('body too large');
    chunks.push(c);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function newRequest({ kind, protocols }) {
  if (!Object.hasOwn(ASK, kind)) throw new Error('unknown credential kind');
  if (!Array.isArray(protocols) || protocols.length === 0 || protocols.some((p) => !PROTOCOLS.includes(p))) throw new Error('bad protocols');
  // An SD-JWT VC travels only over OpenID4VP.
  const offered = kind === 'sd-jwt' ? ['openid4vp-v1-unsigned'] : [...new Set(protocols)];
  const { request, state } = createCredentialRequest({ ...ASK[kind], protocols: offered, origin: ORIGIN, now: NOW ?? new Date() });
  const session = randomBytes(16).toString('base64url');
  sessions.set(session, { state, kind, expires: Date.now() + REQUEST_TTL_MS });
  return { session, request, now: NOW ?? null };
}

/** Age in whole years on the date `now` (YYYY-MM-DD) of someone born on `birth` (YYYY-MM-DD). */
function age(birth, now) {
  const [by, bm, bd] = birth.split('-').map(Number);
  const [ny, nm, nd] = now.split('-').map(Number);
  return ny - by - (nm < bm || (nm === bm && nd < bd) ? 1 : 0);
}

function decide(credential, { state, kind }) {
  try {
    const r = verifyCredentialResponse(credential, state, {
      trust: { mdoc: IACAS.length ? { anchors: IACAS } : undefined, sdJwt: { anchors: ANCHORS } },
      now: NOW,
      lang: 'vi',
    });
    // Policy of this relying party: adults only, with the claims it asked for.
    let c;
    let adult;
    if (r.format === 'mso_mdoc') {
      const doc = r.mdoc.documents[0];
      c = doc.claims[kind === 'pid' ? PID : MDL_NS];
      const today = new Date((NOW ?? Date.now() / 1000) * 1000).toISOString().slice(0, 10);
      adult = c.age_over_18 === true || (typeof c.birth_date === 'string' && age(c.birth_date, today) >= 18);
    } else {
      c = r.sdJwt.claims;
      adult = c.age_equal_or_over?.['18'] === true || c.age_over_18 === true;
    }
    if (!adult) return { ok: false, code: 'NOT_ADULT', message: 'Chưa đủ 18 tuổi.' };
    return {
      ok: true,
      decision: 'onboard',
      protocol: r.protocol,
      format: r.format,
      claims: { family_name: c.family_name, given_name: c.given_name, birth_date: c.birth_date ?? c.birthdate },
      missingClaims: r.missingClaims,
    };
  } catch (e) {
    if (e instanceof CccdVerifyError) return { ok: false, code: e.code, message: e.message };
    throw e;
  }
}

// The same strict policy as the other examples: no inline script or style, Trusted Types.
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; require-trusted-types-for 'script'";
const STATIC = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css', '.cbor': 'application/cbor', '.txt': 'text/plain; charset=utf-8', '.jwk': 'application/json' };
// The DEMO wallet's files, served from examples/demo (nothing else of it).
const DEMO_FILES = new Set(['mdoc/pid.annex-c.valid.cbor', 'mdoc/mdl.annex-c.valid.cbor', 'mdoc/device-key.demo.jwk', 'sd-jwt/credential.txt', 'sd-jwt/holder-key.demo.jwk']);

const server = createServer(async (req, res) => {
  const url = new URL(req.url, ORIGIN);
  try {
    if (req.method === 'POST' && url.pathname === '/api/request') {
      return json(res, 200, newRequest(await body(req)));
    }
    if (req.method === 'POST' && url.pathname === '/api/verify') {
      const { session, credential } = await body(req);
      const s = sessions.get(session);
      sessions.delete(session); // single use, whatever the outcome
      if (!s || s.expires < Date.now()) return json(res, 400, { ok: false, code: 'UNKNOWN_SESSION', message: 'Phiên không hợp lệ hoặc đã hết hạn.' });
      return json(res, 200, decide(credential, s));
    }
    if (req.method !== 'GET') return json(res, 405, { ok: false });
    let file;
    if (url.pathname.startsWith('/demo/') && DEMO_FILES.has(url.pathname.slice('/demo/'.length))) {
      file = join(DEMO, url.pathname.slice('/demo/'.length));
    } else {
      const path = url.pathname === '/' ? '/index.html' : url.pathname;
      file = normalize(join(here, path));
      if (!file.startsWith(normalize(here + sep)) || !['.html', '.js', '.css'].includes(extname(file)) || file.endsWith('.mjs')) return json(res, 404, { ok: false });
    }
    const data = readFileSync(file);
    res.writeHead(200, { 'content-type': STATIC[extname(file)] ?? 'application/octet-stream', 'content-security-policy': CSP });
    res.end(data);
  } catch (e) {
    if (e.code === 'ENOENT') return json(res, 404, { ok: false });
    json(res, 400, { ok: false, code: 'BAD_REQUEST', message: String(e.message) });
  }
});

server.listen(PORT, '127.0.0.1', () => console.log(`wallet onboarding on ${ORIGIN}`));
