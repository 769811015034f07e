// QR benchmark: our decoder (the packaged wasm, under Node) against jsQR and zxing-wasm on the
// same decoded pixels in the same run. `make bench-qr` installs the peers and the frames.
//
//   node bench/qr.mjs [--frames DIR] [--rotations 0,90,180,270] [--only zxing|frames]
//
// Correct = some returned text equals the expected text exactly. Wrong = text returned but
// none equal. Times cover the decoder call only (pixels in, texts out), not file decoding.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import jsQR from 'jsqr';
import { readBarcodes, prepareZXingModule } from 'zxing-wasm/reader';
import * as ours from '../npm/pkg/dist/node.js';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const ZXING_SET = join(here, '../../shared/qr-bench/zxing');
const rotations = (args.rotations ?? '0,90,180,270').split(',').map(Number);

// zxing-wasm: load its wasm from node_modules (its default would fetch from a CDN).
prepareZXingModule({
  overrides: { wasmBinary: readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm')).buffer },
  fireImmediately: true,
});
await readBarcodes(new Uint8Array(4), { formats: ['QRCode'] }).catch(() => []);

function load(file) {
  const buf = readFileSync(file);
  if (file.endsWith('.png')) {
    const png = PNG.sync.read(buf);
    return { width: png.width, height: png.height, data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length) };
  }
  const j = jpeg.decode(buf, { useTArray: true, formatAsRGBA: true });
  return { width: j.width, height: j.height, data: new Uint8ClampedArray(j.data.buffer) };
}

function rotate(img, deg) {
  if (deg === 0) return img;
  const { width: w, height: h, data } = img;
  const turns = deg / 90;
  const [ow, oh] = turns % 2 ? [h, w] : [w, h];
  const out = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      const [sx, sy] = turns === 1 ? [y, h - 1 - x] : turns === 2 ? [w - 1 - x, h - 1 - y] : [w - 1 - y, x];
      const s = (sy * w + sx) * 4;
      const d = (y * ow + x) * 4;
      out[d] = data[s];
      out[d + 1] = data[s + 1];
      out[d + 2] = data[s + 2];
      out[d + 3] = 255;
    }
  }
  return { width: ow, height: oh, data: out };
}

function luma({ width, height, data }) {
  const out = new Uint8Array(width * height);
  for (let i = 0, p = 0; i < out.length; i++, p += 4) out[i] = (77 * data[p] + 150 * data[p + 1] + 29 * data[p + 2]) >> 8;
  return { luma: out, width, height };
}

const decoders = {
  ours: {
    // Grey conversion is part of our cost: the camera scanner does it in JS before the copy.
    run: (img) => ours.decodeQr(luma(img), { mode: 'thorough' }).map((c) => c.text),
  },
  'ours-fast': {
    // As the camera worker calls it: RGBA pixels (ImageData), grey conversion in wasm.
    run: (img) => ours.decodeQr(img, { mode: 'fast' }).map((c) => c.text),
    framesOnly: true,
  },
  jsQR: {
    run: (img) => {
      const r = jsQR(img.data, img.width, img.height, { inversionAttempts: 'attemptBoth' });
      return r ? [r.data] : [];
    },
  },
  'zxing-wasm': {
    run: async (img) => (await readBarcodes(img, { formats: ['QRCode'], tryHarder: true, maxNumberOfSymbols: 4 })).filter((r) => r.isValid).map((r) => r.text),
  },
};

async function measure(name, img, expected) {
  const t0 = performance.now();
  let texts;
  try {
    texts = await decoders[name].run(img);
  } catch (e) {
    texts = [];
    if (!(e instanceof ours.CccdVerifyError)) console.error(`${name}: ${e.message}`);
  }
  const ms = performance.now() - t0;
  return { ok: texts.includes(expected), wrong: texts.length > 0 && !texts.includes(expected), ms };
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN;
};

function table(title, header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  console.log(`\n${title}\n${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

const names = Object.keys(decoders);

if (args.only !== 'frames') {
  const images = [];
  for (const dir of readdirSync(ZXING_SET).filter((d) => /^qrcode-\d$/.test(d)).sort()) {
    for (const f of readdirSync(join(ZXING_SET, dir)).filter((f) => f.endsWith('.png')).sort()) {
      images.push({ dir, file: join(ZXING_SET, dir, f), expected: readFileSync(join(ZXING_SET, dir, f.replace('.png', '.txt')), 'utf8') });
    }
  }
  const rows = [];
  const byFolder = {};
  for (const rot of rotations) {
    const stats = Object.fromEntries(names.filter((n) => !decoders[n].framesOnly).map((n) => [n, { ok: 0, wrong: 0, ms: [] }]));
    for (const im of images) {
      const img = rotate(load(im.file), rot);
      for (const n of Object.keys(stats)) {
        const r = await measure(n, img, im.expected);
        stats[n].ok += r.ok;
        stats[n].wrong += r.wrong;
        stats[n].ms.push(r.ms);
        const key = `${n}|${im.dir}|${rot}`;
        byFolder[key] = (byFolder[key] ?? 0) + r.ok;
      }
    }
    for (const [n, s] of Object.entries(stats)) {
      rows.push([`${rot}°`, n, `${s.ok}/${images.length}`, s.wrong, pct(s.ms, 0.5).toFixed(1), pct(s.ms, 0.95).toFixed(1)]);
    }
  }
  table(`zxing QR photo set (${images.length} images per rotation)`, ['rotation', 'decoder', 'correct', 'wrong text', 'median ms', 'p95 ms'], rows);
  const folders = [...new Set(images.map((i) => i.dir))];
  const frows = [];
  for (const n of names.filter((n) => !decoders[n].framesOnly)) {
    for (const rot of rotations) frows.push([n, `${rot}°`, ...folders.map((d) => byFolder[`${n}|${d}|${rot}`] ?? 0)]);
  }
  table('correct per folder', ['decoder', 'rotation', ...folders], frows);
}

const framesDir = args.frames;
if (args.only !== 'zxing' && framesDir && existsSync(join(framesDir, 'manifest.json'))) {
  const manifest = JSON.parse(readFileSync(join(framesDir, 'manifest.json'), 'utf8'));
  const frames = manifest.frames ?? manifest;
  const tiers = [...new Set(frames.map((f) => f.tier))];
  const stats = Object.fromEntries(names.map((n) => [n, { ok: {}, wrong: 0, ms: [] }]));
  for (const f of frames) {
    const file = join(framesDir, f.file);
    const expected = readFileSync(file.replace(/\.(jpg|png)$/, '.txt'), 'utf8');
    const img = load(file);
    for (const n of names) {
      const r = await measure(n, img, expected);
      stats[n].ok[f.tier] = (stats[n].ok[f.tier] ?? 0) + r.ok;
      stats[n].wrong += r.wrong;
      stats[n].ms.push(r.ms);
    }
  }
  const counts = Object.fromEntries(tiers.map((t) => [t, frames.filter((f) => f.tier === t).length]));
  table(
    `synthetic CCCD frames (${frames.length}, ${frames[0] ? `${frames[0].width ?? 1280}×${frames[0].height ?? 720}` : ''})`,
    ['decoder', ...tiers.map((t) => `${t} /${counts[t]}`), 'total', 'wrong text', 'median ms', 'p95 ms'],
    names.map((n) => {
      const s = stats[n];
      const total = tiers.reduce((a, t) => a + (s.ok[t] ?? 0), 0);
      return [n, ...tiers.map((t) => s.ok[t] ?? 0), `${total}/${frames.length}`, s.wrong, pct(s.ms, 0.5).toFixed(1), pct(s.ms, 0.95).toFixed(1)];
    }),
  );
} else if (args.only !== 'zxing') {
  console.log(`\n(no synthetic frames: pass --frames DIR with a manifest.json from tools/framegen)`);
}
