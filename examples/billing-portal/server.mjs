// Electricity / water billing portal — the company's server (node:http, no framework). It serves
// the page and the cccd-verify package, keeps customer accounts in memory, and RE-VERIFIES
// everything the page sends: the page's checks are for the customer's eyes, the decisions are
// made here, on bytes the page cannot vouch for.
//
//   node server.mjs    PORT=8091  NOW=2026-11-27T00:00:00Z (the demo data's clock; unset = the real clock)
//                      CSCAS=a.pem,b.pem (the CSCAs you trust; default: the DEMO CSCAs; empty: none)
//
// - Card QR text → parseCccd (the QR is unsigned: it identifies, it does not prove).
// - Chip dump (icao9303-dump/1, from the company's native app) → verifyChip with the trusted CSCAs
//   and the Active Authentication challenge THIS server issued (single use, 5 minutes), and the
//   account's QR text for the QR ↔ chip cross-check.
// - The ID number is masked (********0456) in every answer and every log line.
// Nothing is fetched from the network.
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCccd, verifyChip, CccdVerifyError } from 'cccd-verify';
import { addressProvince, maskDigits, maskId, provinceTable, summarize } from './portal.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const PORT = Number(process.env.PORT ?? 8091);
// Verification time (RFC 3339 or Unix seconds). Unset = the real clock; set it only to run the
// DEMO data (2026-11-27). Chips are judged at this instant (Unix seconds), cards on its UTC date.
const NOW = process.env.NOW ? (/^\d+$/.test(process.env.NOW) ? Number(process.env.NOW) : Date.parse(process.env.NOW) / 1000) : undefined;
if (Number.isNaN(NOW)) throw new Error('NOW: RFC 3339 or Unix seconds');
// The card checks' day is the day in Vietnam (UTC+7), as parseCccd reads an instant.
const TODAY = NOW === undefined ? undefined : new Date((NOW + 7 * 3600) * 1000).toISOString().slice(0, 10);
// The repository's DEMO CSCAs (not in the npm package, which ships no DEMO data).
const DEMO_CSCAS = ['csca-1-brainpoolP512r1.pem', 'csca-rsapss.pem'].map((f) => join(here, '../demo/chip/pki', f));
const CSCA_FILES = process.env.CSCAS === undefined ? DEMO_CSCAS.filter((f) => existsSync(f)) : process.env.CSCAS.split(',').filter(Boolean);
const CSCAS = CSCA_FILES.map((f) => readFileSync(f, 'utf8'));
// No CSCA: no `trust` at all, and every chip is at best "data intact, issuer not verified".
const TRUST = CSCAS.length ? { cscas: CSCAS } : undefined;
const CHALLENGE_TTL_MS = 5 * 60 * 1000;
// The strict policy of the package README ("Content Security Policy"), plus no plugins, no <base>
// and no framing.
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; require-trusted-types-for 'script'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** Log lines carry codes, account numbers and masked IDs only; any long digit run is masked too. */
const log = (...parts) => console.log(maskDigits(parts.join(' ')));

const PROVINCES = provinceTable(parseCccd, TODAY);
const accounts = new Map(); // ID number → account (in memory: a real portal keeps a database)
const challenges = new Map(); // session → { challenge, account, expires }
let nextAccount = 1;

const SERVICES = new Set(['electricity', 'water']);
const MESSAGES = {
  vi: { notFound: 'Chưa có tài khoản cho thẻ này.', badCard: 'Thẻ có lỗi, không dùng được', session: 'Phiên xác minh chip không hợp lệ hoặc đã hết hạn: lấy thử thách mới.', other: 'Chip thuộc người khác, không phải chủ tài khoản này.' },
  en: { notFound: 'No account for this card yet.', badCard: 'The card has errors and cannot be used', session: 'Unknown or expired chip session: get a new challenge.', other: 'The chip belongs to someone else, not this account\'s holder.' },
};

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': CSP, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
  res.end(JSON.stringify(body));
}

async function body(req) {
  let size = 0;
  const chunks = [];
  for await (const c of req) {
    size += c.length;
    if (size > 1024 * 1024) throw new Error('body too large');
    chunks.push(c);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/** The card the QR text describes, re-read here; a card with an error finding is refused. */
function readCard(qr, lang) {
  if (typeof qr !== 'string') throw Object.assign(new Error('qr must be a string'), { status: 400 });
  return parseCccd(qr, { now: TODAY, lang });
}

/** What the page may see of an account: the ID number masked, never the QR text. */
function view(a) {
  return {
    number: a.number,
    name: a.name,
    idMasked: maskId(a.id),
    address: a.address,
    addressProvince: addressProvince(a.address, PROVINCES),
    birthProvince: a.birthPlace,
    services: a.services,
    chip: a.chip,
  };
}

function cardRefusal(card, lang) {
  const errors = card.findings.filter((f) => f.severity === 'error');
  return { ok: false, code: errors[0].code, message: `${MESSAGES[lang].badCard}: ${errors.map((f) => f.message).join(' ')}` };
}

const api = {
  'GET /api/config': () => ({ now: NOW ?? null, today: TODAY ?? null, cscas: CSCAS, demoCscas: process.env.CSCAS === undefined && CSCAS.length > 0 }),

  // Scan → look up. Unknown card: the page offers to register.
  'POST /api/lookup': ({ qr, lang }) => {
    const card = readCard(qr, lang);
    if (!card.valid) return cardRefusal(card, lang);
    const a = accounts.get(card.idNumber.value);
    log('lookup', `id=${maskId(card.idNumber.value)}`, a ? `found ${a.number}` : 'not found');
    return a ? { ok: true, found: true, account: view(a) } : { ok: true, found: false, message: MESSAGES[lang].notFound };
  },

  'POST /api/register': ({ qr, services, lang }) => {
    const card = readCard(qr, lang);
    if (!card.valid) return cardRefusal(card, lang);
    const wanted = Array.isArray(services) ? services.filter((s) => SERVICES.has(s)) : [];
    if (wanted.length === 0) return { ok: false, code: 'NO_SERVICE', message: lang === 'en' ? 'Choose electricity, water or both.' : 'Chọn điện, nước hoặc cả hai.' };
    let a = accounts.get(card.idNumber.value);
    if (!a) {
      const place = card.idNumber.place;
      a = {
        number: `KH${String(nextAccount++).padStart(6, '0')}`,
        id: card.idNumber.value,
        qr,
        name: card.fullName,
        address: card.address,
        birthPlace: place.kind === 'province' ? { name: place.name, successor: place.successor2025 } : null,
        services: [],
        chip: null,
      };
      accounts.set(a.id, a);
    }
    a.services = [...new Set([...a.services, ...wanted])];
    log('register', a.number, `id=${maskId(a.id)}`, `services=${a.services.join('+')}`);
    return { ok: true, account: view(a) };
  },

  // A fresh 8-byte Active Authentication challenge for the native app, bound to the account.
  'POST /api/chip/challenge': ({ account }) => {
    const a = [...accounts.values()].find((x) => x.number === account);
    if (!a) return { ok: false, code: 'UNKNOWN_ACCOUNT', message: 'unknown account' };
    const session = randomBytes(16).toString('base64url');
    const challenge = randomBytes(8).toString('hex');
    challenges.set(session, { challenge, account: a, expires: Date.now() + CHALLENGE_TTL_MS });
    log('chip challenge', a.number);
    return { ok: true, session, challenge };
  },

  // The dump, verified here against this server's challenge and the account's QR.
  'POST /api/chip/verify': ({ session, dump, lang }) => {
    const s = challenges.get(session);
    challenges.delete(session); // single use, whatever the outcome
    if (!s || s.expires < Date.now()) return { ok: false, code: 'UNKNOWN_SESSION', message: MESSAGES[lang].session };
    const a = s.account;
    let r;
    try {
      r = verifyChip(dump, { trust: TRUST, challenge: s.challenge, qr: a.qr, now: NOW, lang });
    } catch (e) {
      if (!(e instanceof CccdVerifyError)) throw e;
      log('chip', a.number, `rejected ${e.code}`);
      return { ok: false, code: e.code, message: e.message };
    }
    const summary = summarize(r);
    const sameHolder = Boolean(r.dg13 && r.dg13.idNumber === a.id);
    // Linked to the account only when the chip is this holder's, answered our challenge and
    // agrees with the card's QR code. "authentic" additionally needs a CSCA that chains.
    const linked = sameHolder && r.activeAuthentication === 'verified' && summary.qrConsistent === true;
    if (linked) a.chip = { verdict: r.verdict, activeAuthentication: r.activeAuthentication, issuerError: summary.issuerError };
    log('chip', a.number, `chip-id=${summary.chipIdMasked}`, `verdict=${r.verdict}`, `issuer=${summary.issuerError ?? 'ok'}`, `aa=${r.activeAuthentication}`, `qr=${summary.qrConsistent}`, linked ? 'linked' : 'not linked');
    return {
      ok: true,
      summary,
      linked,
      message: sameHolder ? null : MESSAGES[lang].other,
      account: view(a),
    };
  },
};

// Static files: an allow-list (never the server's own source), and the package for the browser.
const PAGE = { '/': 'index.html', '/index.html': 'index.html', '/app.js': 'app.js', '/portal.js': 'portal.js', '/style.css': 'style.css' };
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm', '.css': 'text/css; charset=utf-8', '.json': 'application/json' };
const pkgDist = fileURLToPath(new URL('.', import.meta.resolve('cccd-verify')));

const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const route = api[`${req.method} ${url.pathname}`];
  try {
    if (route) {
      const input = req.method === 'POST' ? await body(req) : {};
      const lang = input.lang === 'en' ? 'en' : 'vi';
      return send(res, 200, await route({ ...input, lang }));
    }
    if (req.method !== 'GET') return send(res, 405, { ok: false });
    let file;
    if (PAGE[url.pathname]) file = join(here, PAGE[url.pathname]);
    else if (url.pathname.startsWith('/node_modules/cccd-verify/dist/')) {
      file = normalize(join(pkgDist, decodeURIComponent(url.pathname.slice('/node_modules/cccd-verify/dist/'.length))));
      if (!file.startsWith(pkgDist.endsWith(sep) ? pkgDist : pkgDist + sep)) return send(res, 403, { ok: false });
    } else return send(res, 404, { ok: false });
    const data = readFileSync(file);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': CSP, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
    res.end(data);
  } catch (e) {
    if (e instanceof CccdVerifyError) {
      // Not a CCCD QR code, or a malformed one: the package's typed error, by code.
      log('refused', url.pathname, e.code);
      return send(res, 200, { ok: false, code: e.code, message: e.message });
    }
    if (e.code === 'ENOENT' || e.code === 'EISDIR') return send(res, 404, { ok: false });
    log('bad request', req.method, url.pathname, e.status ? e.message : (e.name ?? 'error'));
    send(res, e.status ?? 400, { ok: false, code: 'BAD_REQUEST', message: e.status ? e.message : 'bad request' });
  }
});

server.listen(PORT, '127.0.0.1', () => log(`billing portal on http://127.0.0.1:${PORT} (CSCAs: ${CSCA_FILES.length}, now: ${NOW === undefined ? 'the clock' : new Date(NOW * 1000).toISOString()})`));
