// QR benchmark: our decoder (the packaged wasm, under Node) against jsQR and zxing-wasm on the
// same decoded pixels in the same run. `make bench-qr` installs the peers and the frames.
//
//   node bench/qr.mjs [--frames DIR] [--sequences DIR] [--rotations 0,90,180,270]
//                     [--only zxing|frames] [--browser off]
//
// Correct = some returned text equals the expected text exactly. Wrong = text returned but
// none equal. Times cover the decoder call only (pixels in, texts out), not file decoding.
// The synthetic frames and sequences are then decoded again by the same decoders in headless
// Chromium (bench/qr.html; the same RGBA pixels, served by this script), a second set of tables.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import jsQR from 'jsqr';
import { readBarcodes, prepareZXingModule } from 'zxing-wasm/reader';
import * as ours from '../npm/pkg/dist/node.js';
import * as scanGlue from '../npm/pkg/dist/wasm-scan/cccd_verify.js';
import { measure as measureWith, pct, runFrames, runSequences, formatTable, luma } from './qr-run.mjs';

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
// The camera scanner's own path on a sequence: the scan module's tracked frame (as the worker
// calls it), its state kept from frame to frame and reset between sequences.
decoders['ours-fast'].track = {
  reset: () => scanGlue.resetTracker(),
  frame: (img) => {
    const bytes = new Uint8Array(img.data.buffer, img.data.byteOffset, img.data.byteLength);
    const r = JSON.parse(scanGlue.scanFrame('rgba', bytes, img.width, img.height, img.width * 4, '2026-11-27', 'en'));
    return r.qr ? [r.qr.text] : [];
  },
};
for (const [n, d] of Object.entries(decoders)) d.name = n;

async function measure(name, img, expected) {
  return measureWith(decoders[name], img, expected);
}

function table(title, header, rows) {
  console.log(formatTable(title, { header, rows }));
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
const seqDir = args.sequences;
const frameJobs = [];
if (args.only !== 'zxing' && framesDir && existsSync(join(framesDir, 'manifest.json'))) {
  const manifest = JSON.parse(readFileSync(join(framesDir, 'manifest.json'), 'utf8'));
  for (const f of manifest.frames ?? manifest) {
    const file = join(framesDir, f.file);
    frameJobs.push({ tier: f.tier, file, expected: readFileSync(file.replace(/\.(jpg|png)$/, '.txt'), 'utf8'), width: f.width, height: f.height });
  }
} else if (args.only !== 'zxing') {
  console.log(`\n(no synthetic frames: pass --frames DIR with a manifest.json from tools/framegen)`);
}
const seqJobs = [];
if (args.only !== 'zxing' && seqDir && existsSync(join(seqDir, 'manifest.json'))) {
  const manifest = JSON.parse(readFileSync(join(seqDir, 'manifest.json'), 'utf8'));
  for (const q of manifest.sequences) {
    seqJobs.push({ tier: q.tier, motion: q.motion, expected: q.expected, files: q.frames.map((f) => join(seqDir, q.dir, f)) });
  }
}
const frameTitle = `synthetic CCCD frames (${frameJobs.length}, 1280×720)`;
const seqTitle = seqJobs.length ? `synthetic CCCD sequences (${seqJobs.length} × ${seqJobs[0].files.length} frames: shake, approach, blur, glare, light)` : '';
const loadFile = async (file) => load(file);
if (frameJobs.length) console.log(formatTable(`${frameTitle} — Node`, await runFrames(decoders, frameJobs, loadFile)));
if (seqJobs.length) console.log(formatTable(`${seqTitle} — Node`, await runSequences(decoders, seqJobs, loadFile)));

// The same frames and sequences in headless Chromium: bench/qr.html loads the package's browser
// entry, jsQR and zxing-wasm from bench/node_modules, and asks this server for each frame's RGBA
// pixels (decoded here with jpeg-js, so both runs decode the same pixels).
if (args.browser !== 'off' && (frameJobs.length || seqJobs.length)) {
  const { launch, CHROMIUM } = await import('../tests/js/chromium.mjs');
  if (!existsSync(CHROMIUM)) {
    console.log(`\n(no Chromium at ${CHROMIUM}: browser tables skipped)`);
  } else {
    const files = [...new Set([...frameJobs.map((f) => f.file), ...seqJobs.flatMap((q) => q.files)])];
    const index = new Map(files.map((f, i) => [f, i]));
    const statics = { '/bench/': here, '/pkg/': join(here, '../npm/pkg'), '/nm/': join(here, 'node_modules') };
    const types = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.html': 'text/html', '.wasm': 'application/wasm', '.json': 'application/json' };
    const server = createServer((req, res) => {
      const url = new URL(req.url, 'http://x');
      if (url.pathname === '/favicon.ico') return void res.writeHead(204).end();
      try {
        if (url.pathname === '/jobs') {
          const strip = (f) => index.get(f);
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
            frames: frameJobs.map((f) => ({ ...f, file: strip(f.file) })),
            sequences: seqJobs.map((q) => ({ ...q, files: q.files.map(strip) })),
            frameTitle,
            seqTitle,
          }));
          return;
        }
        if (url.pathname === '/rgba') {
          const img = load(files[Number(url.searchParams.get('i'))]);
          res.writeHead(200, { 'content-type': 'application/octet-stream', 'x-width': String(img.width), 'x-height': String(img.height) });
          res.end(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength));
          return;
        }
        const prefix = Object.keys(statics).find((p) => url.pathname.startsWith(p));
        if (!prefix || url.pathname.includes('..')) throw new Error('not found');
        const file = join(statics[prefix], url.pathname.slice(prefix.length));
        const ext = file.slice(file.lastIndexOf('.'));
        res.writeHead(200, { 'content-type': types[ext] ?? 'application/octet-stream' }).end(readFileSync(file));
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${server.address().port}`;
    const browser = await launch();
    try {
      const page = await browser.newPage();
      page.on('console', (m) => { if (m.type() === 'error') console.error(`chromium: ${m.text()}`); });
      page.on('pageerror', (e) => console.error(`chromium: ${e.message}`));
      await page.goto(`${base}/bench/qr.html`);
      const out = await page.waitForFunction(() => window.__bench, null, { timeout: 0, polling: 1000 });
      const { tables, userAgent } = await out.jsonValue();
      console.log(`\nheadless Chromium (${userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? userAgent}):`);
      for (const t of tables) console.log(t);
    } finally {
      await browser.close();
      server.close();
    }
  }
}
