// Times tools/crypto-bench/crypto_wasm.rs (built by run.sh) under Node: ms per ECDSA
// verification in WebAssembly, per curve, best of 3 rounds.
import { run, count, check, ecdh } from '../../target/crypto-bench/crypto_bench.js';

// First every vector's outcome (valid and invalid) in wasm.
const wrong = check();
if (wrong) throw new Error(`vectors disagree in wasm: ${wrong}`);
console.log('every ECDSA and RSA vector of tests/data/crypto: expected outcome in wasm');
// `make test` (test-crypto-wasm) stops here: the check is the test, the timing is the bench.
if (process.argv.includes('--check')) process.exit(0);

const curves = [
  ['P-256', 'SHA-256'],
  ['P-384', 'SHA-384'],
  ['P-521', 'SHA-512'],
  ['brainpoolP256r1', 'SHA-256'],
  ['brainpoolP384r1', 'SHA-384'],
  ['brainpoolP512r1', 'SHA-512'],
];
const rounds = Number(process.env.ROUNDS ?? 5);
for (const [curve, hash] of curves) {
  const n = count(curve, hash);
  run(curve, hash, 1);
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const ok = run(curve, hash, rounds);
    const ms = performance.now() - t;
    if (ok !== n * rounds) throw new Error(`${curve}: ${ok} of ${n * rounds} verified`);
    best = Math.min(best, ms / (n * rounds));
  }
  console.log(`${curve.padEnd(16)} ${best.toFixed(3)} ms per verification (wasm, best of 3, ${n} vectors)`);
}

// P-256 ECDH and key generation with a secret scalar (the constant-time path): one of each.
{
  ecdh(2);
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    ecdh(rounds * 4);
    best = Math.min(best, (performance.now() - t) / (rounds * 4));
  }
  console.log(`P-256 ECDH + key generation ${best.toFixed(3)} ms per pair (wasm, best of 3)`);
}
