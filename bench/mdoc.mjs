// mdoc DeviceResponse verification benchmark (issue 8 item 10): our verifier (the packaged wasm,
// under Node) against @auth0/mdl on the same responses in the same run. `make bench-verify`
// installs the peers and runs this after the SD-JWT VC benchmark.
//
//   node bench/mdoc.mjs [--seconds 3] [--rounds 3] [--warmup 1]
//
// Input: examples/demo/mdoc (DEMO fixtures of tools/demo-issuer): DeviceResponses with issuerAuth
// (x5chain = the DS) chained to iaca.pem, deviceSignature over the flow's SessionTranscript;
// fixed clock `now` from expected.json. Each verifier must accept mdl.oid4vp-dcapi.valid.cbor and
// reject mdl.tampered-element.rejects.cbor before anything is timed. Then every fixture goes
// through every verifier, for information: which negatives a peer accepts is printed (ours must
// get every fixture right). The timed loop verifies mdl.oid4vp-dcapi.valid.cbor (issuerAuth
// signature, DS → IACA chain, value digests, validity, deviceSignature); rounds interleave.
//
// @auth0/mdl takes no clock: it reads `new Date()`. Its calls run under a fixed clock (the Date
// constructor and Date.now answer `now`) so that the fixtures are judged at their own time.
// @auth0/mdl wants the SessionTranscript as tag-24-wrapped bytes; it is given that.
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Verifier } from '@auth0/mdl';
import * as ours from '../npm/pkg/dist/node.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const SECONDS = Number(args.seconds ?? 3);
const ROUNDS = Number(args.rounds ?? 3);
const WARMUP = Number(args.warmup ?? 1);

const DATA = join(here, '../examples/demo/mdoc');
const spec = JSON.parse(readFileSync(join(DATA, 'expected.json'), 'utf8'));
const NOW = spec.now;
const iacaPem = readFileSync(join(DATA, 'iaca.pem'), 'utf8');
const read = (f) => new Uint8Array(readFileSync(join(DATA, f)));
const VALID = 'mdl.oid4vp-dcapi.valid.cbor';
const TAMPERED = 'mdl.tampered-element.rejects.cbor';
const byFile = Object.fromEntries(spec.responses.map((r) => [r.file, r]));

// --- ours -----------------------------------------------------------------------------------
function oursVerify(file) {
  const r = byFile[file];
  const options = { trust: { anchors: [iacaPem] }, transcript: read(r.sessionTranscript), now: NOW };
  const hex = spec.flows[r.flow]?.readerPrivateKeyHex;
  if (hex) options.readerKey = Uint8Array.from(Buffer.from(hex, 'hex'));
  else options.allowDeviceMac = false;
  return ours.verifyMdoc(read(file), options);
}

// --- @auth0/mdl -----------------------------------------------------------------------------
const auth0 = new Verifier([iacaPem]);
const tag24 = (b) => {
  const n = b.length;
  const head = n < 24 ? [0x40 + n] : n < 256 ? [0x58, n] : [0x59, n >> 8, n & 255];
  return Buffer.concat([Buffer.from([0xd8, 0x18, ...head]), Buffer.from(b)]);
};
const RealDate = Date;
class FixedDate extends RealDate {
  constructor(...a) {
    if (a.length === 0) super(NOW * 1000);
    else super(...a);
  }
  static now() {
    return NOW * 1000;
  }
}
async function atFixedClock(fn) {
  globalThis.Date = FixedDate;
  try {
    return await fn();
  } finally {
    globalThis.Date = RealDate;
  }
}
const auth0Inputs = {};
function auth0Verify(file) {
  const r = byFile[file];
  if (!auth0Inputs[file]) auth0Inputs[file] = { bytes: read(file), st: tag24(read(r.sessionTranscript)) };
  const { bytes, st } = auth0Inputs[file];
  return atFixedClock(() => auth0.verify(bytes, { encodedSessionTranscript: st }));
}

const verifiers = [
  { name: 'cccd-verify (wasm, Node)', verify: async (f) => oursVerify(f) },
  { name: '@auth0/mdl 3.0.1', verify: auth0Verify },
];

async function outcome(v, file) {
  try {
    await v.verify(file);
    return 'ok';
  } catch (e) {
    return e?.code ?? `rejected (${String(e?.message ?? e).slice(0, 60)})`;
  }
}

// 1. Sanity: accept the valid response, reject the tampered one.
for (const v of verifiers) {
  const good = await outcome(v, VALID);
  const bad = await outcome(v, TAMPERED);
  if (good !== 'ok' || bad === 'ok') {
    console.error(`${v.name}: valid → ${good}, tampered → ${bad}; not comparable`);
    process.exit(1);
  }
}

// 2. Every fixture through every verifier (deviceMac fixtures: ours gets the reader key; the
// peer's own format for it is not wired, so those rows say what it answered).
const accepted = Object.fromEntries(verifiers.map((v) => [v.name, []]));
let oursWrong = 0;
for (const r of spec.responses) {
  for (const v of verifiers) {
    const got = await outcome(v, r.file);
    const expectOk = r.expected === 'ok';
    if (v === verifiers[0]) {
      if ((got === 'ok') !== expectOk || (!expectOk && got !== r.expected)) {
        oursWrong += 1;
        console.error(`ours: ${r.file}: expected ${r.expected}, got ${got}`);
      }
    } else if (!expectOk && got === 'ok') {
      accepted[v.name].push(`${r.file} (${r.rule})`);
    }
  }
}
if (oursWrong) {
  console.error(`ours got ${oursWrong} fixture(s) wrong`);
  process.exit(1);
}

// 3. Timed, interleaved rounds.
async function timed(v, ms) {
  const end = performance.now() + ms;
  let n = 0;
  while (performance.now() < end) {
    await v.verify(VALID);
    n += 1;
  }
  return n;
}
for (const v of verifiers) await timed(v, WARMUP * 1000);
const counts = verifiers.map(() => 0);
const slice = (SECONDS * 1000) / ROUNDS;
for (let round = 0; round < ROUNDS; round++) {
  for (const [i, v] of verifiers.entries()) counts[i] += await timed(v, slice);
}
const rates = counts.map((c) => c / SECONDS);
console.log(`\nmdoc DeviceResponse verification (issuerAuth + DS→IACA chain + digests + deviceSignature), Node ${process.version}, ${SECONDS} s each in ${ROUNDS} interleaved rounds\n`);
console.log('| verifier | verifications/s | ours ÷ peer |');
console.log('|---|---|---|');
for (const [i, v] of verifiers.entries()) {
  console.log(`| ${v.name} | ${rates[i].toFixed(0)} | ${i === 0 ? '—' : (rates[0] / rates[i]).toFixed(2)} |`);
}
const negatives = spec.responses.filter((r) => r.expected !== 'ok').length;
for (const v of verifiers.slice(1)) {
  console.log(`\n${v.name} accepts ${accepted[v.name].length} of ${negatives} negative fixtures ours rejects:`);
  for (const a of accepted[v.name]) console.log(`- ${a}`);
}
