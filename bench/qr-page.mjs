// The browser half of `make bench-qr` (bench/qr.html in headless Chromium): the same decoders as
// bench/qr.mjs, through the package's browser entry, on the same RGBA pixels.
import { runFrames, runSequences, formatTable, luma } from './qr-run.mjs';
import { init, decodeQr, scanFrame, resetTracker } from '/pkg/dist/scan-core.js';

try {
  await init();
  const { prepareZXingModule, readBarcodes } = globalThis.ZXingWASM;
  prepareZXingModule({
    overrides: { locateFile: (path, prefix) => (path.endsWith('.wasm') ? '/nm/zxing-wasm/dist/reader/zxing_reader.wasm' : prefix + path) },
    fireImmediately: true,
  });
  await readBarcodes(new ImageData(4, 4), { formats: ['QRCode'] }).catch(() => []);
  const decoders = {
    ours: { run: (img) => decodeQr(luma(img), { mode: 'thorough' }).map((c) => c.text) },
    'ours-fast': {
      run: (img) => decodeQr(img, { mode: 'fast' }).map((c) => c.text),
      track: {
        reset: () => resetTracker(),
        frame: (img) => {
          const r = scanFrame(img, { now: '2026-11-27', lang: 'en' });
          const qr = r.result ? r.result.qr : r.qr;
          return qr ? [qr.text] : [];
        },
      },
    },
    jsQR: {
      run: (img) => {
        const r = globalThis.jsQR(img.data, img.width, img.height, { inversionAttempts: 'attemptBoth' });
        return r ? [r.data] : [];
      },
    },
    'zxing-wasm': {
      run: async (img) => (await readBarcodes(img, { formats: ['QRCode'], tryHarder: true, maxNumberOfSymbols: 4 })).filter((r) => r.isValid).map((r) => r.text),
    },
  };
  for (const [n, d] of Object.entries(decoders)) d.name = n;
  const jobs = await (await fetch('/jobs')).json();
  const load = async (i) => {
    const res = await fetch(`/rgba?i=${i}`);
    const data = new Uint8ClampedArray(await res.arrayBuffer());
    return new ImageData(data, Number(res.headers.get('x-width')), Number(res.headers.get('x-height')));
  };
  const tables = [];
  if (jobs.frames.length) tables.push(formatTable(`${jobs.frameTitle} — Chromium`, await runFrames(decoders, jobs.frames, load)));
  if (jobs.sequences.length) tables.push(formatTable(`${jobs.seqTitle} — Chromium`, await runSequences(decoders, jobs.sequences, load)));
  window.__bench = { tables, userAgent: navigator.userAgent };
} catch (e) {
  window.__bench = { tables: [`(the browser run failed: ${e && e.stack || e})`], userAgent: navigator.userAgent };
}
