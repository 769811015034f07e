// Chip passive authentication benchmark (issue 9 item 10, `make bench-chip`): verifyChip (the
// packaged wasm, under Node) against a node:crypto / OpenSSL verifier (bench/chip-peer.mjs) on
// the same dump, in the same run.
//
//   node bench/chip.mjs [--seconds 3] [--rounds 3] [--warmup 1]
//
// Input: examples/demo/chip (DEMO chips of tools/demo-chip), fixed clock `now` from expected.json.
// The timed dump is nguyen-van-an.valid.json: CSCA 1 (brainpoolP512r1, explicit parameters,
// ecdsa-with-SHA512, like Vietnam's ePassport CSCA) → document signer 1 (brainpoolP384r1,
// explicit parameters) → EF.SOD (ecdsa-with-SHA256) and five SHA-256 data-group hashes (DG1,
// DG2, DG13, DG14, DG15), with its Active Authentication answer removed: passive authentication
// only, as the peer does. One verification = JSON text in, verdict out, the CSCA certificates
// (PEM) parsed each time by both. Before timing, both must find the timed dump authentic and
// reject the tampered DG13; then every dump goes through both, for information.
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ours from '../npm/pkg/dist/node.js';
import { peerVerify } from './chip-peer.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const SECONDS = Number(args.seconds ?? 3);
const ROUNDS = Number(args.rounds ?? 3);
const WARMUP = Number(args.warmup ?? 1);

const DATA = join(here, '../examples/demo/chip');
const spec = JSON.parse(readFileSync(join(DATA, 'expected.json'), 'utf8'));
const NOW = spec.now;
const cscas = spec.trust.cscas.map((f) => readFileSync(join(DATA, f), 'utf8'));
const links = spec.trust.linkCertificates.map((f) => readFileSync(join(DATA, f), 'utf8'));
const read = (f) => readFileSync(join(DATA, f), 'utf8');
const TIMED = 'nguyen-van-an.valid.json';
const TAMPERED = 'nguyen-van-an.dg13-tampered.rejects.json';
const passiveOnly = (json) => {
  const d = JSON.parse(json);
  delete d.activeAuthentication;
  return JSON.stringify(d);
};
const timedJson = passiveOnly(read(TIMED));

const verifiers = [
  { name: 'cccd-verify verifyChip (wasm, Node)', verify: (json) => ours.verifyChip(json, { trust: { cscas }, now: NOW }).verdict },
  { name: `node:crypto (OpenSSL ${process.versions.openssl}) + own DER reader`, verify: (json) => peerVerify(json, { cscas, now: NOW }).verdict },
];

function outcome(v, json) {
  try {
    return v.verify(json);
  } catch (e) {
    return e?.code ?? `rejected (${String(e?.message ?? e).slice(0, 50)})`;
  }
}

// 1. Sanity: the timed dump authentic, the tampered one rejected, by both.
for (const v of verifiers) {
  const good = outcome(v, timedJson);
  const bad = outcome(v, passiveOnly(read(TAMPERED)));
  if (good !== 'authentic' || bad === 'authentic' || bad === 'intactIssuerNotVerified') {
    console.error(`${v.name}: valid → ${good}, tampered → ${bad}; not comparable`);
    process.exit(1);
  }
}

// 2. Every dump through both, with the dump's own challenge for ours (the peer does no Active
// Authentication) and the link certificate in ours's trust: what each says, for information.
const rows = spec.dumps.map((d) => {
  const json = read(d.file);
  const challenge = JSON.parse(json).activeAuthentication?.challenge;
  const o = outcome({ verify: (j) => {
    const r = ours.verifyChip(j, { trust: { cscas: [...cscas, ...links] }, challenge, now: NOW });
    return r.verdict === 'authentic' ? 'authentic' : `intact, ${r.issuer?.error?.code}`;
  } }, json);
  let p = outcome(verifiers[1], json);
  if (p === 'intactIssuerNotVerified') p = 'intact, issuer not verified';
  return { file: d.file, expected: d.expected, ours: o, peer: p };
});

// 3. Timed, interleaved rounds.
function timed(v, ms) {
  const end = performance.now() + ms;
  let n = 0;
  while (performance.now() < end) {
    v.verify(timedJson);
    n += 1;
  }
  return n;
}
for (const v of verifiers) timed(v, WARMUP * 1000);
const counts = verifiers.map(() => 0);
const slice = (SECONDS * 1000) / ROUNDS;
for (let round = 0; round < ROUNDS; round++) {
  for (const [i, v] of verifiers.entries()) counts[i] += timed(v, slice);
}
const rates = counts.map((c) => c / SECONDS);
console.log(`\nChip passive authentication (CSCA brainpoolP512r1 → DSC brainpoolP384r1 → EF.SOD, 5 DG hashes), ${TIMED}, Node ${process.version}, ${SECONDS} s each in ${ROUNDS} interleaved rounds\n`);
console.log('| verifier | verifications/s | ms each | ours ÷ peer |');
console.log('|---|---|---|---|');
for (const [i, v] of verifiers.entries()) {
  console.log(`| ${v.name} | ${rates[i].toFixed(1)} | ${(1000 / rates[i]).toFixed(2)} | ${i === 0 ? '—' : (rates[0] / rates[i]).toFixed(2)} |`);
}
console.log('\nEvery DEMO dump (ours: with the link certificate and the dump\'s own challenge; the peer: passive authentication only, no allow-list):\n');
console.log('| dump | expected | ours | peer |');
console.log('|---|---|---|---|');
for (const r of rows) console.log(`| ${r.file} | ${r.expected} | ${r.ours} | ${r.peer} |`);
