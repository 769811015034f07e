// DEMO stand-in for the company's native app: it cannot read a chip, so it takes a DEMO chip dump
// (examples/demo/chip) and answers the server's Active Authentication challenge with that chip's
// DEMO key — keys anyone can rebuild from the seeds tools/demo-chip publishes
// (tools/demo-chip/README.md, "Keys and certificates"). Nothing here is needed in production,
// where the real chip signs the challenge inside the card.
//
//   node demo-native-app.mjs ../demo/chip/tran-thi-binh.valid.json <challenge hex> > chip.json
//
// Only the DEMO chips with an ECDSA P-256 Active Authentication key (tran-thi-binh, le-thi-cuc)
// are supported: the answer is the plain r ‖ s (BSI TR-03111) over SHA-256 of the challenge, as
// the chips of tools/demo-chip answer.
import { createECDH, createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
// tools/demo-chip's Active Authentication seeds (0xc1–0xc5; the EC ones are 0xc2 and 0xc4).
const AA_SEEDS = [0xc1, 0xc2, 0xc3, 0xc4, 0xc5];

/** tools/demo-chip's EC scalar: the seed byte repeated to the order's length, mod (n − 1), + 1. */
function demoKey(seed) {
  const d = (BigInt(`0x${seed.toString(16).repeat(32)}`) % (P256_ORDER - 1n)) + 1n;
  const priv = Buffer.from(d.toString(16).padStart(64, '0'), 'hex');
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(priv);
  const pub = ecdh.getPublicKey();
  const b64 = (b) => Buffer.from(b).toString('base64url');
  return createPrivateKey({ format: 'jwk', key: { kty: 'EC', crv: 'P-256', d: b64(priv), x: b64(pub.subarray(1, 33)), y: b64(pub.subarray(33)) } });
}

/** DG15 (tag 6F around a SubjectPublicKeyInfo) as a public key. */
function dg15Key(b64) {
  const dg15 = Buffer.from(b64, 'base64');
  const lenBytes = dg15[1] & 0x80 ? 1 + (dg15[1] & 0x7f) : 1;
  return createPublicKey({ key: dg15.subarray(1 + lenBytes), format: 'der', type: 'spki' });
}

/** The dump (JSON text) with its Active Authentication answer replaced by one to `challengeHex`. */
export function answerChallenge(dumpJson, challengeHex) {
  const dump = JSON.parse(dumpJson);
  if (!/^[0-9a-f]{16}$/i.test(challengeHex)) throw new Error('the challenge is 8 bytes, hex');
  const pub = dg15Key(dump.dataGroups.DG15).export({ format: 'jwk' });
  const seed = AA_SEEDS.find((s) => pub.kty === 'EC' && createPublicKey(demoKey(s)).export({ format: 'jwk' }).x === pub.x);
  if (seed === undefined) throw new Error('not a DEMO chip with an ECDSA P-256 Active Authentication key (tran-thi-binh, le-thi-cuc)');
  const challenge = Buffer.from(challengeHex, 'hex');
  const signature = sign('sha256', challenge, { key: demoKey(seed), dsaEncoding: 'ieee-p1363' });
  dump.activeAuthentication = { challenge: challenge.toString('hex'), signature: signature.toString('base64') };
  return JSON.stringify(dump, null, 2);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, challenge] = process.argv.slice(2);
  if (!file || !challenge) {
    console.error('usage: node demo-native-app.mjs DUMP.json CHALLENGE_HEX > answered.json');
    process.exit(2);
  }
  process.stdout.write(`${answerChallenge(readFileSync(file, 'utf8'), challenge)}\n`);
}
