// Sizes of the shipped wasm modules (npm/pkg, built by `make package`) against their budgets.
//   node npm/size.mjs           print raw / gzip -9 / brotli bytes per module
//   node npm/size.mjs --check   also exit 1 when a module, or all of them together, is over budget
// Budgets are gzip -9 bytes (KB = 1000 B): what a browser downloads from a gzip-serving host.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';

const dist = resolve(dirname(fileURLToPath(import.meta.url)), 'pkg/dist');

/** gzip -9 budget per module (scan and verify: issue 7; image: ours), and for all modules together. */
export const BUDGETS = { scan: 150_000, verify: 250_000, image: 100_000 };
export const TOTAL_BUDGET = 400_000;

const rows = Object.keys(BUDGETS).map((cap) => {
  const bytes = readFileSync(join(dist, `wasm-${cap}`, 'cccd_verify_bg.wasm'));
  // GNU gzip, as `gzip -9` (Node's zlib at level 9 gives ~2 % more).
  const gzip = execFileSync('gzip', ['-9', '-c'], { input: bytes, maxBuffer: 1 << 28 }).length;
  const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  return { module: cap, raw: bytes.length, gzip, brotli, budget: BUDGETS[cap] };
});
const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });

const pad = (v, n) => String(v).padStart(n);
console.log(`${'module'.padEnd(8)} ${pad('raw', 9)} ${pad('gzip -9', 9)} ${pad('brotli', 9)} ${pad('budget', 9)}`);
for (const r of rows) {
  console.log(`${r.module.padEnd(8)} ${pad(r.raw, 9)} ${pad(r.gzip, 9)} ${pad(r.brotli, 9)} ${pad(r.budget, 9)}${r.gzip > r.budget ? '  OVER' : ''}`);
}
console.log(`${'total'.padEnd(8)} ${pad(total.raw, 9)} ${pad(total.gzip, 9)} ${pad(total.brotli, 9)} ${pad(TOTAL_BUDGET, 9)}${total.gzip > TOTAL_BUDGET ? '  OVER' : ''}`);

if (process.argv.includes('--check')) {
  const over = rows.filter((r) => r.gzip > r.budget).map((r) => `${r.module} ${r.gzip} > ${r.budget}`);
  if (total.gzip > TOTAL_BUDGET) over.push(`total ${total.gzip} > ${TOTAL_BUDGET}`);
  if (over.length) {
    console.error(`size budget exceeded (gzip -9 bytes): ${over.join('; ')}`);
    process.exit(1);
  }
  console.log('size budgets: met');
}
