// SD-JWT VC verification benchmark: our verifier (the packaged wasm, under Node) against
// @sd-jwt/sd-jwt-vc (+ @noble/curves p256, @noble/hashes sha256) and a minimal jose-based
// verifier, on the same presentations in the same run. `make bench-verify` installs the peers.
//
//   node bench/verify.mjs [--seconds 3] [--rounds 3] [--warmup 1]
//
// --seconds is the timed total per verifier, split into --rounds interleaved rounds.
//
// Input: tests/data/sd-jwt (DEMO fixtures): an SD-JWT VC + KB-JWT whose issuer JWT carries
// x5c = [leaf, issuer CA], chained to anchor.pem; fixed clock `now` from expected.json.
// Every verifier must accept presentation.valid.txt and reject
// presentation.wrong-nonce.rejects.txt before anything is timed. Then every fixture goes through
// every verifier, for information: a peer's wrong outcome is printed, not fatal; ours must get
// all right. The timed loop verifies presentation.valid.txt; the rounds are interleaved (ours,
// peer 1, peer 2, ours, …) so that load on the machine hits all three alike.
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { X509Certificate, createHash } from 'node:crypto';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { importX509, importJWK, jwtVerify, decodeProtectedHeader } from 'jose';
import * as ours from '../npm/pkg/dist/node.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const SECONDS = Number(args.seconds ?? 3);
const ROUNDS = Number(args.rounds ?? 3);
const WARMUP = Number(args.warmup ?? 1);

const DATA = join(here, '../tests/data/sd-jwt');
const spec = JSON.parse(readFileSync(join(DATA, 'expected.json'), 'utf8'));
const read = (f) => readFileSync(join(DATA, f), 'utf8').trim();
const NOW = spec.now; // Unix seconds, the fixed clock for every verifier
const NOW_MS = NOW * 1000;
const NONCE = spec.nonce;
const AUDIENCE = spec.audience;
const MAX_AGE = spec.policy.keyBinding.maxAge; // 300 s, our default
const LEEWAY = spec.policy.leeway; // 60 s, our default
const REQUIRED = spec.policy.requiredClaims; // ['iss', 'vct']
const anchorPem = readFileSync(join(DATA, 'anchor.pem'), 'utf8');
const VALID = read('presentation.valid.txt');
const WRONG_NONCE = read('presentation.wrong-nonce.rejects.txt');

// ---------------------------------------------------------------------------------------------
// Shared by both peers (neither library does X.509): the x5c chain check with Node's
// crypto.X509Certificate. The anchor is configuration, parsed once; the x5c certificates come
// with each presentation and are parsed on every verification.
const root = new X509Certificate(anchorPem);
const b64u = (s) => Buffer.from(s, 'base64url');

function checkChain(x5c, nowMs) {
  if (!Array.isArray(x5c) || x5c.length === 0 || x5c.length > 4) throw new Error('x5c missing or too long');
  const certs = x5c.map((c) => new X509Certificate(Buffer.from(c, 'base64')));
  for (let i = 0; i < certs.length; i++) {
    const c = certs[i];
    if (c.fingerprint256 === root.fingerprint256) throw new Error('trust anchor inside x5c');
    if (Date.parse(c.validFrom) > nowMs || Date.parse(c.validTo) < nowMs) throw new Error(`certificate ${i} outside its validity`);
    const issuer = certs[i + 1] ?? root;
    if (c.issuer !== issuer.subject) throw new Error(`certificate ${i}: issuer name does not match`);
    if (i > 0 && !c.ca) throw new Error(`certificate ${i} is not a CA`);
    if (i === 0 && c.ca) throw new Error('end-entity certificate is a CA');
    if (!c.verify(issuer.publicKey)) throw new Error(`certificate ${i}: signature invalid`);
  }
  return certs[0];
}

// iss ↔ certificate binding as ours does by default ('san'): iss is a SAN URI of the leaf, or
// an https URL whose host is a SAN DNS name.
function checkIssuerBinding(leaf, iss) {
  const san = (leaf.subjectAltName ?? '').split(', ');
  if (typeof iss !== 'string') throw new Error('iss missing');
  if (san.includes(`URI:${iss}`)) return;
  const host = iss.startsWith('https://') ? new URL(iss).hostname : null;
  if (host && san.includes(`DNS:${host}`)) return;
  throw new Error('iss not bound to the certificate');
}

function kbIatInWindow(iat) {
  if (typeof iat !== 'number' || iat > NOW + LEEWAY || iat < NOW - MAX_AGE) throw new Error('KB-JWT iat out of window');
}

// ---------------------------------------------------------------------------------------------
// Peer 1: @sd-jwt/sd-jwt-vc with hand-written noble verifiers and hasher.
const enc = new TextEncoder();
const jwkPoint = (jwk) => {
  if (jwk?.kty !== 'EC' || jwk.crv !== 'P-256') throw new Error('not a P-256 JWK');
  const out = new Uint8Array(65);
  out[0] = 4;
  out.set(b64u(jwk.x), 1);
  out.set(b64u(jwk.y), 33);
  return out;
};
// JWS ES256 signatures are r||s (64 bytes), high S allowed (RFC 7518 says nothing of low S).
const es256 = (data, sig, point) => p256.verify(b64u(sig), enc.encode(data), point, { lowS: false });

const sdJwtVc = new SDJwtVcInstance({
  hasher: (data) => sha256(typeof data === 'string' ? enc.encode(data) : new Uint8Array(data)),
  hashAlg: 'sha-256',
  // The issuer key comes from our own x5c check, handed over through the verify options.
  verifier: (data, sig, options) => es256(data, sig, options.issuerKey),
  kbVerifier: (data, sig, payload) => es256(data, sig, jwkPoint(payload?.cnf?.jwk)),
  // verify() fetches the status list whenever the credential has `status` (its default fetcher
  // goes to the network). Ours leaves status to a separate call; this bench stays offline.
  statusListFetcher: () => {
    throw new Error('offline bench: status list not fetched');
  },
});

async function verifySdJwtJs(presentation) {
  const header = JSON.parse(b64u(presentation.slice(0, presentation.indexOf('.'))).toString('utf8'));
  if (header.alg !== 'ES256') throw new Error('alg not allowed');
  if (header.typ !== 'dc+sd-jwt') throw new Error('typ'); // the library does not check it
  const leaf = checkChain(header.x5c, NOW_MS);
  const issuerKey = jwkPoint(leaf.publicKey.export({ format: 'jwk' }));
  const r = await sdJwtVc.verify(presentation, {
    issuerKey,
    currentDate: NOW,
    skewSeconds: LEEWAY,
    requiredClaimKeys: REQUIRED,
    keyBindingNonce: NONCE, // makes the library require and verify a KB-JWT
  });
  checkIssuerBinding(leaf, r.payload.iss);
  // The library checks that aud and iat are present but compares neither: do it here.
  if (r.kb?.payload?.aud !== AUDIENCE) throw new Error('KB-JWT aud mismatch');
  kbIatInWindow(r.kb.payload.iat);
  return r.payload;
}

// ---------------------------------------------------------------------------------------------
// Peer 2: a minimal verifier on jose + node:crypto.
const sdDigest = (s) => createHash('sha256').update(s).digest('base64url');
const currentDate = new Date(NOW_MS);
// SD-JWT VC: these top-level claims must not be selectively disclosed.
const NON_DISCLOSABLE = new Set(['iss', 'nbf', 'exp', 'cnf', 'vct', 'vct#integrity', 'status']);

function processSd(payload, disclosures) {
  const seen = new Set();
  const walk = (v, top) => {
    if (Array.isArray(v)) {
      const out = [];
      for (const item of v) {
        const d = item && typeof item === 'object' && !Array.isArray(item) && Object.keys(item).length === 1 ? item['...'] : undefined;
        if (typeof d !== 'string') {
          out.push(walk(item, false));
          continue;
        }
        if (seen.has(d)) throw new Error('duplicate digest');
        seen.add(d);
        const disc = disclosures.get(d);
        if (!disc) continue;
        disc.used = true;
        if (disc.value.length !== 2 || typeof disc.value[0] !== 'string') throw new Error('bad array disclosure');
        out.push(walk(disc.value[1], false));
      }
      return out;
    }
    if (v === null || typeof v !== 'object') return v;
    const out = {};
    for (const [k, val] of Object.entries(v)) {
      if (k === '_sd') continue;
      if (k === '_sd_alg') {
        if (top) continue;
        throw new Error('nested _sd_alg');
      }
      out[k] = walk(val, false);
    }
    if (v._sd !== undefined) {
      if (!Array.isArray(v._sd)) throw new Error('_sd not an array');
      for (const d of v._sd) {
        if (typeof d !== 'string') throw new Error('_sd entry not a string');
        if (seen.has(d)) throw new Error('duplicate digest');
        seen.add(d);
        const disc = disclosures.get(d);
        if (!disc) continue;
        disc.used = true;
        const [salt, name, value] = disc.value;
        if (disc.value.length !== 3 || typeof salt !== 'string' || typeof name !== 'string') throw new Error('bad object disclosure');
        if (name === '_sd' || name === '...') throw new Error('reserved claim name');
        if (Object.hasOwn(out, name)) throw new Error('claim name collision');
        if (top && NON_DISCLOSABLE.has(name)) throw new Error(`${name} must not be selectively disclosable`);
        out[name] = walk(value, false);
      }
    }
    return out;
  };
  const claims = walk(payload, true);
  for (const disc of disclosures.values()) if (!disc.used) throw new Error('unreferenced disclosure');
  return claims;
}

async function verifyJose(presentation) {
  const parts = presentation.split('~');
  if (parts.length < 2) throw new Error('not an SD-JWT');
  const jwt = parts[0];
  const kbJwt = parts[parts.length - 1];
  if (!kbJwt) throw new Error('KB-JWT missing');
  const header = decodeProtectedHeader(jwt);
  const leaf = checkChain(header.x5c, NOW_MS);
  const issuerKey = await importX509(`-----BEGIN CERTIFICATE-----\n${header.x5c[0]}\n-----END CERTIFICATE-----`, 'ES256');
  const { payload } = await jwtVerify(jwt, issuerKey, { algorithms: ['ES256'], typ: 'dc+sd-jwt', currentDate, clockTolerance: LEEWAY });
  if ((payload._sd_alg ?? 'sha-256') !== 'sha-256') throw new Error('_sd_alg not allowed');
  const disclosures = new Map();
  for (let i = 1; i < parts.length - 1; i++) {
    const s = parts[i];
    const d = sdDigest(s);
    if (disclosures.has(d)) throw new Error('duplicate disclosure');
    const value = JSON.parse(b64u(s).toString('utf8'));
    if (!Array.isArray(value)) throw new Error('disclosure not an array');
    disclosures.set(d, { value, used: false });
  }
  const claims = processSd(payload, disclosures);
  for (const k of REQUIRED) if (!(k in claims)) throw new Error(`claim ${k} missing`);
  checkIssuerBinding(leaf, claims.iss);
  const holderKey = await importJWK(claims.cnf?.jwk, 'ES256');
  const kb = await jwtVerify(kbJwt, holderKey, { algorithms: ['ES256'], typ: 'kb+jwt', currentDate, clockTolerance: LEEWAY });
  kbIatInWindow(kb.payload.iat);
  if (kb.payload.nonce !== NONCE) throw new Error('KB-JWT nonce mismatch');
  if (kb.payload.aud !== AUDIENCE) throw new Error('KB-JWT aud mismatch');
  if (kb.payload.sd_hash !== sdDigest(presentation.slice(0, presentation.length - kbJwt.length))) throw new Error('sd_hash mismatch');
  return claims;
}

// ---------------------------------------------------------------------------------------------
// Ours.
const oursOptions = { trust: { anchors: [anchorPem] }, keyBinding: { nonce: NONCE, audience: AUDIENCE }, now: NOW };
const verifyOurs = (presentation) => ours.verifySdJwtVc(presentation, oursOptions).claims;

const verifiers = {
  'cccd-verify (wasm)': verifyOurs,
  '@sd-jwt/sd-jwt-vc + noble': verifySdJwtJs,
  'jose + node:crypto': verifyJose,
};
// --baseline path/to/dist/node.js: another build of ours (e.g. the previous release) in the
// same run, to tell a regression from machine load.
if (args.baseline) {
  const base = await import(new URL(args.baseline, `file://${process.cwd()}/`).href);
  verifiers['cccd-verify baseline'] = (presentation) => base.verifySdJwtVc(presentation, oursOptions).claims;
}
const names = Object.keys(verifiers);
const isOurs = (n) => n.startsWith('cccd-verify');

const pkgVersion = (name) => JSON.parse(readFileSync(join(here, 'node_modules', name, 'package.json'), 'utf8')).version;
const oursVersion = JSON.parse(readFileSync(join(here, '../npm/pkg/package.json'), 'utf8')).version;

function table(title, header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  console.log(`\n${title}\n${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

async function outcome(fn, presentation) {
  try {
    await fn(presentation);
    return 'ok';
  } catch (e) {
    return `rejects (${e.code ?? e.message})`;
  }
}

console.log(
  `SD-JWT VC + KB-JWT, x5c = [leaf, issuer CA] → anchor; now = ${NOW} (${new Date(NOW_MS).toISOString()}); Node ${process.version}`,
);
console.log(
  `versions: cccd-verify ${oursVersion}; @sd-jwt/sd-jwt-vc ${pkgVersion('@sd-jwt/sd-jwt-vc')} (core ${pkgVersion('@sd-jwt/core')}), ` +
    `@noble/curves ${pkgVersion('@noble/curves')}, @noble/hashes ${pkgVersion('@noble/hashes')}; jose ${pkgVersion('jose')}`,
);

// 1. Every verifier must accept the valid presentation with the expected claims and reject the
//    replayed one (wrong nonce). Nothing is timed otherwise.
const expectedClaims = spec.presentations.find((p) => p.file === 'presentation.valid.txt').claims;
const canon = (v) => JSON.stringify(v, (_, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort()) : x));
let failed = false;
for (const n of names) {
  let claims;
  try {
    claims = await verifiers[n](VALID);
  } catch (e) {
    console.error(`FAIL ${n}: rejects presentation.valid.txt: ${e.code ?? e.message}`);
    failed = true;
    continue;
  }
  const { _sd_alg, ...rest } = claims; // peers differ on whether they strip _sd_alg
  if (canon(rest) !== canon(expectedClaims)) {
    console.error(`FAIL ${n}: claims differ from expected.json:\n${canon(rest)}\n${canon(expectedClaims)}`);
    failed = true;
  }
  const r = await outcome(verifiers[n], WRONG_NONCE);
  if (r === 'ok') {
    console.error(`FAIL ${n}: accepts presentation.wrong-nonce.rejects.txt`);
    failed = true;
  }
}
if (failed) process.exit(1);
console.log('preconditions: all three accept presentation.valid.txt (expected claims) and reject presentation.wrong-nonce.rejects.txt');

// 2. For information: every fixture through every verifier (not a pass/fail gate for peers).
const fixtures = readdirSync(DATA).filter((f) => f.startsWith('presentation.')).sort();
const expectedOf = Object.fromEntries(spec.presentations.map((p) => [p.file, p.expected]));
const matrix = [];
const misses = Object.fromEntries(names.map((n) => [n, []]));
for (const f of fixtures) {
  const row = [f.replace(/^presentation\./, '').replace(/\.txt$/, ''), expectedOf[f]];
  for (const n of names) {
    const r = await outcome(verifiers[n], read(f));
    const right = expectedOf[f] === 'ok' ? r === 'ok' : r !== 'ok';
    if (!right) misses[n].push(`${f} (${r === 'ok' ? 'accepted' : r})`);
    row.push(right ? (r === 'ok' ? 'ok' : 'rejects') : r === 'ok' ? 'ACCEPTS' : 'REJECTS');
  }
  matrix.push(row);
}
table('outcome per fixture (tests/data/sd-jwt; upper case = wrong outcome)', ['fixture', 'expected', ...names], matrix);
for (const n of names) {
  if (misses[n].length) console.log(`note: ${n} gets ${misses[n].length} fixture(s) wrong:\n  ${misses[n].join('\n  ')}`);
}
if (misses[names[0]].length) {
  console.error('FAIL: ours gets a fixture wrong');
  process.exit(1);
}

// 3. Timing.
async function runFor(fn, seconds) {
  const end = performance.now() + seconds * 1000;
  let n = 0;
  const t0 = performance.now();
  let t = t0;
  while (t < end) {
    // batches of 8 between clock reads; each call awaited (the peers are async)
    for (let i = 0; i < 8; i++) await fn(VALID);
    n += 8;
    t = performance.now();
  }
  return { n, ms: t - t0 };
}

for (const n of names) await runFor(verifiers[n], WARMUP);
const totals = Object.fromEntries(names.map((n) => [n, { n: 0, ms: 0, perRound: [] }]));
for (let r = 0; r < ROUNDS; r++) {
  for (const n of names) {
    const { n: count, ms } = await runFor(verifiers[n], SECONDS / ROUNDS);
    totals[n].n += count;
    totals[n].ms += ms;
    totals[n].perRound.push((count * 1000) / ms);
  }
}
const rate = (n) => (totals[n].n * 1000) / totals[n].ms;
const fastestPeer = names.filter((n) => !isOurs(n)).reduce((a, b) => (rate(a) >= rate(b) ? a : b));
table(
  `presentation.valid.txt (${VALID.length} bytes, ${VALID.split('~').length - 2} disclosures), ${SECONDS} s per verifier in ${ROUNDS} interleaved rounds after ${WARMUP} s warm-up`,
  ['verifier', 'verifications/s', 'mean µs', 'rounds (verif./s)', 'vs fastest peer'],
  names.map((n) => [
    n,
    rate(n).toFixed(0),
    ((totals[n].ms * 1000) / totals[n].n).toFixed(1),
    totals[n].perRound.map((x) => x.toFixed(0)).join(' / '),
    n === fastestPeer ? '1.00× (fastest peer)' : `${(rate(n) / rate(fastestPeer)).toFixed(2)}×`,
  ]),
);
console.log(
  `\nours / fastest peer (${fastestPeer}) = ${(rate(names[0]) / rate(fastestPeer)).toFixed(2)}× ` +
    `(target ≥ 1.00×: ${rate(names[0]) >= rate(fastestPeer) ? 'met' : 'NOT met'})`,
);
