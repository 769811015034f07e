// The camera scanner (`cccd-verify/scan`) in headless Chromium with the fake camera playing a
// generated card (tools/framegen): every start/stop/setCamera interleaving (React StrictMode's
// start → stop → start included) ends with the right state and no live track after stop();
// AbortSignal, scanOnce, preload, hasCamera, torch, corners in video pixels, a track that ends,
// de-duplicated rejects carrying the QR text, and the precise camera errors with the table's
// messages, each on one channel (rejected, never also emitted).
//   node tests/js/scanner.mjs        (after `make package` and `make framegen`)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';
import { launch, report } from './chromium.mjs';
import { LOCAL_MESSAGES } from '../../npm/pkg/dist/codes.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const framegen = join(root, 'tools/framegen/target/release/framegen');
const work = mkdtempSync(join(tmpdir(), 'cccd-scanner-'));
const results = [];
const check = async (name, fn) => {
  try {
    await fn();
    results.push({ name, ok: true });
  } catch (e) {
    results.push({ name, ok: false, error: String((e && e.stack) || e) });
  }
};
const assert = (cond, msg) => {
  if (!cond) throw new Error(msg);
};

const y4m = (name, args) => {
  const out = join(work, `${name}.y4m`);
  execFileSync(framegen, ['y4m', '--out', out, '--width', '1280', '--height', '720', '--frames', '12', '--tier', 'easy', ...args], { stdio: 'pipe' });
  return out;
};
const cardVideo = y4m('card', ['--seed', '14']); // its QR code is far from the frame's top-left corner (the corners test needs that)
const cardPayload = readFileSync(join(work, 'card.txt'), 'utf8');
const NOT_A_CARD = 'https://shop.example.invalid/not-a-card?id=42';
const otherVideo = y4m('other', ['--seed', '13', '--text', NOT_A_CARD]);

const server = await serve(root);
const cspServer = await serve(root, {}, { headers: { 'content-security-policy': "default-src 'self'; script-src 'self'; worker-src 'self'" } });
const fakeCamera = (file) => ['--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${file}`];
const browser = await launch(['--use-fake-ui-for-media-stream', ...fakeCamera(cardVideo), '--host-resolver-rules=MAP insecure.test 127.0.0.1']);

async function openPage(b = browser, base = server.url, path = '/tests/js/scanner.html') {
  const page = await b.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}${path}`);
  await page.waitForSelector('body[data-ready]', { timeout: 30000 });
  const ready = await page.getAttribute('body', 'data-ready');
  assert(ready === 'true', `page did not load: ${await page.getAttribute('body', 'data-error')}`);
  return { page, errors };
}

/** Runs `fn` (a function of nothing, as source) in a fresh page; returns its value. */
async function inPage(fn, arg) {
  const { page, errors } = await openPage();
  try {
    const value = await page.evaluate(fn, arg);
    assert(errors.length === 0, `page errors: ${errors.join('\n')}`);
    return value;
  } finally {
    await page.close();
  }
}

try {
  await check('start() then stop() before the camera opened: idle, the start rejects with AbortError (not emitted), no live track', async () => {
    const r = await inPage(async () => {
      const s = new lib.CameraScanner();
      const emitted = [];
      s.addEventListener('error', (e) => emitted.push(e.detail.code));
      const p = s.start();
      s.stop();
      const outcome = await p.then(() => 'resolved', (e) => e.name);
      await new Promise((ok) => setTimeout(ok, 1500)); // a getUserMedia still in flight resolves meanwhile
      return { outcome, state: s.state, live: liveTracks(), emitted };
    });
    assert(r.outcome === 'AbortError' && r.state === 'idle' && r.live === 0 && r.emitted.length === 0, JSON.stringify(r));
  });

  await check('React StrictMode double mount (start, stop, start, then stop): one live track while scanning, none after', async () => {
    const r = await inPage(async () => {
      const s = new lib.CameraScanner();
      const first = s.start().catch((e) => e.name);
      s.stop();
      await s.start();
      const during = { state: s.state, live: liveTracks(), first: await first };
      await new Promise((ok) => setTimeout(ok, 1000));
      during.liveLater = liveTracks();
      s.stop();
      await new Promise((ok) => setTimeout(ok, 500));
      return { ...during, after: liveTracks(), stateAfter: s.state };
    });
    assert(r.first === 'AbortError' && r.state === 'scanning' && r.live === 1 && r.liveLater === 1 && r.after === 0 && r.stateAfter === 'idle', JSON.stringify(r));
  });

  await check('a second start() while one is pending joins it: one getUserMedia, one live track', async () => {
    const r = await inPage(async () => {
      const s = new lib.CameraScanner();
      const a = s.start();
      const b = s.start();
      const same = a === b;
      await Promise.all([a, b]);
      const out = { same, calls: __gumCalls, live: liveTracks(), state: s.state, third: await s.start().then(() => 'ok') };
      s.stop();
      out.after = liveTracks();
      return out;
    });
    assert(r.same && r.calls === 1 && r.live === 1 && r.state === 'scanning' && r.third === 'ok' && r.after === 0, JSON.stringify(r));
  });

  await check('setCamera during a start, while scanning and while paused: the state is kept, one live track at a time', async () => {
    const r = await inPage(async () => {
      const s = new lib.CameraScanner();
      const [cam] = await lib.listCameras();
      const p = s.start();
      const q = s.setCamera({ facingMode: 'user' }); // during the start
      const joined = p === q;
      await p;
      const a = { state: s.state, live: liveTracks() };
      await s.setCamera({ deviceId: cam.deviceId }); // while scanning
      const b = { state: s.state, live: liveTracks(), deviceId: s.track.getSettings().deviceId === cam.deviceId };
      s.pause();
      await s.setCamera({ facingMode: 'environment' }); // while paused
      const c = { state: s.state, live: liveTracks() };
      s.stop();
      return { joined, a, b, c, after: liveTracks() };
    });
    assert(r.joined && r.a.state === 'scanning' && r.a.live === 1 && r.b.state === 'scanning' && r.b.live === 1 && r.b.deviceId
      && r.c.state === 'paused' && r.c.live === 1 && r.after === 0, JSON.stringify(r));
  });

  await check('random interleavings of start/stop/setCamera/pause/resume (seeded, 60 steps × 4 runs): never more than one live track; none after stop()', async () => {
    const r = await inPage(async () => {
      let seed = 20261204;
      const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
      const report = [];
      for (let run = 0; run < 4; run++) {
        const s = new lib.CameraScanner();
        const pending = [];
        let maxLive = 0;
        for (let i = 0; i < 60; i++) {
          const op = Math.floor(rand() * 6);
          if (op === 0 || op === 1) pending.push(s.start().catch((e) => e.name));
          else if (op === 2) s.stop();
          else if (op === 3) pending.push(s.setCamera({ facingMode: rand() < 0.5 ? 'user' : 'environment' }).catch((e) => e.name));
          else if (op === 4) s.pause();
          else s.resume();
          if (rand() < 0.5) await new Promise((ok) => setTimeout(ok, Math.floor(rand() * 40)));
          maxLive = Math.max(maxLive, liveTracks());
        }
        // Settle with a start: scanning with one track; then a stop: none.
        await s.start();
        await new Promise((ok) => setTimeout(ok, 300));
        const settled = { state: s.state, live: liveTracks() };
        s.stop();
        const outcomes = await Promise.all(pending);
        await new Promise((ok) => setTimeout(ok, 800));
        report.push({ maxLive, settled, after: liveTracks(), state: s.state, odd: outcomes.filter((o) => o !== undefined && o !== 'AbortError') });
      }
      return report;
    });
    for (const run of r) {
      assert(run.maxLive <= 1 && run.settled.live === 1 && ['scanning', 'paused'].includes(run.settled.state) && run.after === 0 && run.state === 'idle' && run.odd.length === 0, JSON.stringify(r));
    }
  });

  await check('signal (AbortSignal option): aborting stops the scanner and cancels a pending start; start() afterwards rejects with the reason', async () => {
    const r = await inPage(async () => {
      const ctl = new AbortController();
      const s = new lib.CameraScanner({ signal: ctl.signal });
      await s.start();
      const live = liveTracks();
      ctl.abort(new DOMException('unmounted', 'AbortError'));
      const out = { live, state: s.state, after: liveTracks() };
      out.again = await s.start().then(() => 'resolved', (e) => `${e.name}:${e.message}`);
      const ctl2 = new AbortController();
      const s2 = new lib.CameraScanner({ signal: ctl2.signal });
      const p = s2.start();
      ctl2.abort();
      out.pending = await p.then(() => 'resolved', (e) => e.name);
      await new Promise((ok) => setTimeout(ok, 1000));
      out.final = liveTracks();
      return out;
    });
    assert(r.live === 1 && r.state === 'idle' && r.after === 0 && r.again === 'AbortError:unmounted' && r.pending === 'AbortError' && r.final === 0, JSON.stringify(r));
  });

  await check('scanOnce() reads the card and releases the camera it opened; corners are in video pixels, also with a scan region', async () => {
    const r = await inPage(async () => {
      const s = new lib.CameraScanner({ now: '2026-11-27' });
      const full = await s.scanOnce({ timeoutMs: 20000 });
      const after = { state: s.state, live: liveTracks() };
      const xs = full.qr.corners.map((p) => p.x);
      const ys = full.qr.corners.map((p) => p.y);
      const box = { x: Math.min(...xs) - 60, y: Math.min(...ys) - 60 };
      box.width = Math.max(...xs) + 60 - box.x;
      box.height = Math.max(...ys) + 60 - box.y;
      const t = new lib.CameraScanner({ now: '2026-11-27', scanRegion: box });
      const cropped = await t.scanOnce({ timeoutMs: 20000 });
      return { id: full.card.idNumber.value, after, box, full: full.qr.corners, cropped: cropped.qr.corners, live: liveTracks() };
    });
    assert(r.id === cardPayload.slice(0, 12), `card ${r.id}`);
    assert(r.after.state === 'idle' && r.after.live === 0 && r.live === 0, JSON.stringify(r.after));
    // The fake video jitters by a few pixels between frames; a region-relative result would be off by the region's offset (> 100 px).
    const off = Math.max(...r.full.map((p, i) => Math.hypot(p.x - r.cropped[i].x, p.y - r.cropped[i].y)));
    assert(r.box.x > 100 && r.box.y > 50 && off < 25, `corners ${JSON.stringify(r.full)} vs ${JSON.stringify(r.cropped)} (region ${JSON.stringify(r.box)})`);
  });

  await check('now: every NowInput form (a function returning one too), in the worker and inline; a bad one is a TypeError: thrown by the constructor, an error event that stops the scanner, a rejected scanImageFile', async () => {
    const r = await inPage(async () => {
      // The card was issued on a date D: ISSUE_DATE_IN_FUTURE until D begins in Vietnam (17:00Z the day before).
      const issued = (await new lib.CameraScanner({ now: '2026-11-27' }).scanOnce({ timeoutMs: 20000 })).card.issueDate;
      const start = Date.parse(`${issued}T00:00:00+07:00`) / 1000;
      const iso = (secs, off) => `${new Date((secs + off * 3600) * 1000).toISOString().slice(0, 19)}${off ? `+${String(off).padStart(2, '0')}:00` : 'Z'}`;
      const future = async (now, extra = {}) => {
        const { card } = await new lib.CameraScanner({ now, ...extra }).scanOnce({ timeoutMs: 20000 });
        return card.findings.some((f) => f.code === 'ISSUE_DATE_IN_FUTURE');
      };
      const out = { issued, before: [], from: [] };
      for (const now of [new Date((start - 1) * 1000), iso(start - 1, 7), iso(start - 1, 0), start - 1, () => iso(start - 1, 7)]) out.before.push(await future(now));
      for (const now of [new Date(start * 1000), iso(start, 7), iso(start, 0), start, issued, () => new Date(start * 1000)]) out.from.push(await future(now));
      // The inline decoder (no worker) reads the same forms: the RFC 3339 string once gave ERR_INTERNAL there.
      out.inline = [await future(iso(start - 1, 7), { worker: false }), await future(iso(start, 7), { worker: false })];
      out.ctor = [new Date('nope'), NaN, '', 'yesterday', '2026-11-27T10:00:00', null, 1e15, {}].map((now) => {
        try {
          new lib.CameraScanner({ now });
          return 'accepted';
        } catch (e) {
          return e instanceof TypeError && /options\.now/.test(e.message) ? 'TypeError' : String(e);
        }
      });
      // A function that returns a bad value: the first frame stops the scanner with an `error` event.
      const s = new lib.CameraScanner({ now: () => 'tomorrow' });
      const error = new Promise((ok) => s.addEventListener('error', (e) => ok(e.detail), { once: true }));
      await s.start();
      const e = await error;
      out.fn = { type: e instanceof TypeError, message: e.message, state: s.state, live: liveTracks() };
      out.file = await lib.scanImageFile(new Blob(['x']), { now: '' }).then(() => 'resolved', (x) => (x instanceof TypeError ? 'TypeError' : String(x)));
      return out;
    });
    assert(r.before.every((x) => x === true) && r.from.every((x) => x === false), `ISSUE_DATE_IN_FUTURE before/from ${r.issued}: ${JSON.stringify(r)}`);
    assert(JSON.stringify(r.inline) === '[true,false]', `inline: ${JSON.stringify(r.inline)}`);
    assert(r.ctor.every((x) => x === 'TypeError'), `constructor: ${JSON.stringify(r.ctor)}`);
    assert(r.fn.type && /options\.now\(\)/.test(r.fn.message) && r.fn.state === 'idle' && r.fn.live === 0, `now() returning a bad value: ${JSON.stringify(r.fn)}`);
    assert(r.file === 'TypeError', `scanImageFile: ${r.file}`);
  });

  await check('scanOnce(): an aborted signal rejects with its reason and stops the camera; stop() rejects it with AbortError', async () => {
    const r = await inPage(async () => {
      const s = new lib.CameraScanner({ scanRegion: { x: 0, y: 0, width: 64, height: 64 } }); // no code there
      const ctl = new AbortController();
      const p = s.scanOnce({ signal: ctl.signal });
      await new Promise((ok) => setTimeout(ok, 1500));
      ctl.abort(new Error('user left'));
      const a = await p.then(() => 'resolved', (e) => e.message);
      const out = { a, state: s.state, live: liveTracks() };
      const q = s.scanOnce();
      await new Promise((ok) => setTimeout(ok, 1500));
      s.stop();
      out.b = await q.then(() => 'resolved', (e) => e.name);
      out.timeout = await s.scanOnce({ timeoutMs: 800 }).then(() => 'resolved', (e) => e.code);
      out.final = liveTracks();
      return out;
    });
    assert(r.a === 'user left' && r.state === 'idle' && r.live === 0 && r.b === 'AbortError' && r.timeout === 'ERR_NO_QR_FOUND' && r.final === 0, JSON.stringify(r));
  });

  await check('preload() starts the worker before the click; start() then reuses it; hasCamera() is true', async () => {
    const r = await inPage(async () => {
      const s = new lib.CameraScanner();
      await s.preload();
      const decoder = s.decoder;
      const usesWorker = s.usesWorker;
      const gumBefore = __gumCalls;
      await s.start();
      const out = { usesWorker, gumBefore, same: s.decoder === decoder, has: await lib.hasCamera(), hasStatic: await lib.CameraScanner.hasCamera() };
      s.stop();
      await s.start(); // after stop() the worker is still warm
      out.sameAfterStop = s.decoder === decoder;
      s.destroy();
      out.destroyed = s.decoder === null && liveTracks() === 0;
      return out;
    });
    assert(r.usesWorker && r.gumBefore === 0 && r.same && r.has && r.hasStatic && r.sameAfterStop && r.destroyed, JSON.stringify(r));
  });

  await check('a camera track that ends while scanning: idle, every track stopped, ERR_CAMERA_ENDED emitted once (vi message from the table)', async () => {
    const r = await inPage(async () => {
      const s = new lib.CameraScanner({ lang: 'vi' });
      const emitted = [];
      s.addEventListener('error', (e) => emitted.push([e.detail.code, e.detail.message]));
      await s.start();
      // The fake device cannot be unplugged: the track's `ended` event is what the browser fires then.
      s.track.dispatchEvent(new Event('ended'));
      return { state: s.state, live: liveTracks(), emitted, video: document.createElement('video').srcObject === null };
    });
    assert(r.state === 'idle' && r.live === 0 && r.emitted.length === 1 && r.emitted[0][0] === 'ERR_CAMERA_ENDED' && r.emitted[0][1] === LOCAL_MESSAGES.ERR_CAMERA_ENDED.vi, JSON.stringify(r));
  });

  await check('torch: the fake camera has none; setTorch rejects ERR_TORCH_UNSUPPORTED (vi), not emitted; torchOn stays false', async () => {
    const r = await inPage(async () => {
      const s = new lib.CameraScanner({ lang: 'vi' });
      const emitted = [];
      s.addEventListener('error', (e) => emitted.push(e.detail.code));
      const before = await s.setTorch(true).then(() => 'ok', (e) => e.code); // no camera open
      await s.start();
      const e = await s.setTorch(true).then(() => null, (err) => err);
      const out = { before, has: s.hasTorch(), code: e && e.code, message: e && e.message, torchOn: s.torchOn, emitted };
      s.stop();
      return out;
    });
    assert(r.before === 'ERR_TORCH_UNSUPPORTED' && r.has === false && r.code === 'ERR_TORCH_UNSUPPORTED' && r.message === LOCAL_MESSAGES.ERR_TORCH_UNSUPPORTED.vi && r.torchOn === false && r.emitted.length === 0, JSON.stringify(r));
  });

  await check('camera errors are precise, in the scanner\'s lang, rejected and never emitted: not found, in use', async () => {
    const r = await inPage(async () => {
      const out = {};
      for (const [what, setup] of [
        ['notFound', (s) => s.setCamera({ deviceId: 'no-such-camera' })],
        // A camera held by another application cannot be staged with the fake device: the browser's error is.
        ['inUse', () => { window.__gumFail = 'NotReadableError'; }],
      ]) {
        const s = new lib.CameraScanner({ lang: 'vi' });
        const emitted = [];
        s.addEventListener('error', (e) => emitted.push(e.detail.code));
        await setup(s);
        const e = await s.start().then(() => null, (err) => err);
        out[what] = { code: e && e.code, message: e && e.message, name: e && e.params.name, emitted, state: s.state, live: liveTracks() };
      }
      return out;
    });
    const want = { notFound: ['ERR_CAMERA_NOT_FOUND', 'OverconstrainedError'], inUse: ['ERR_CAMERA_IN_USE', 'NotReadableError'] };
    for (const [k, [code, name]] of Object.entries(want)) {
      const x = r[k];
      assert(x.code === code && x.name === name && x.message === LOCAL_MESSAGES[code].vi && x.emitted.length === 0 && x.state === 'idle' && x.live === 0, `${k}: ${JSON.stringify(x)}`);
    }
  });

  await check('an insecure context (http on a non-local host): ERR_INSECURE_CONTEXT before any camera call', async () => {
    const port = new URL(server.url).port;
    const { page, errors } = await openPage(browser, `http://insecure.test:${port}`);
    const r = await page.evaluate(async () => {
      const s = new lib.CameraScanner({ lang: 'en' });
      const e = await s.start().then(() => null, (err) => err);
      return { secure: window.isSecureContext, code: e && e.code, message: e && e.message, state: s.state };
    });
    await page.close();
    assert(!r.secure && r.code === 'ERR_INSECURE_CONTEXT' && r.message === LOCAL_MESSAGES.ERR_INSECURE_CONTEXT.en && r.state === 'idle', JSON.stringify(r));
    assert(errors.length === 0, errors.join('\n'));
  });

  await check('a CSP without \'wasm-unsafe-eval\': start() rejects ERR_WASM_BLOCKED (not ERR_INTERNAL) and the camera is never opened', async () => {
    const { page, errors } = await openPage(browser, cspServer.url);
    const r = await page.evaluate(async () => {
      const s = new lib.CameraScanner({ lang: 'vi' });
      const emitted = [];
      s.addEventListener('error', (e) => emitted.push(e.detail.code));
      const pre = await s.preload().then(() => 'ok', (err) => err.code);
      const e = await s.start().then(() => null, (err) => err);
      return { pre, code: e && e.code, message: e && e.message, gum: __gumCalls, live: liveTracks(), emitted, state: s.state };
    });
    await page.close();
    assert(r.pre === 'ERR_WASM_BLOCKED' && r.code === 'ERR_WASM_BLOCKED' && r.message === LOCAL_MESSAGES.ERR_WASM_BLOCKED.vi && r.gum === 0 && r.live === 0 && r.emitted.length === 0 && r.state === 'idle', JSON.stringify(r));
    assert(errors.length === 0, errors.join('\n'));
  });
} finally {
  await browser.close();
}

// A browser that denies the permission prompt.
const denying = await launch([...fakeCamera(cardVideo), '--deny-permission-prompts']);
try {
  await check('permission denied by the browser: ERR_CAMERA_PERMISSION_DENIED (vi message from the table), rejected, not emitted, no track', async () => {
    const { page, errors } = await openPage(denying);
    const r = await page.evaluate(async () => {
      const s = new lib.CameraScanner({ lang: 'vi' });
      const emitted = [];
      s.addEventListener('error', (e) => emitted.push(e.detail.code));
      const e = await s.start().then(() => null, (err) => err);
      return { code: e && e.code, name: e && e.params.name, message: e && e.message, emitted, state: s.state, live: liveTracks() };
    });
    await page.close();
    assert(r.code === 'ERR_CAMERA_PERMISSION_DENIED' && r.name === 'NotAllowedError' && r.message === LOCAL_MESSAGES.ERR_CAMERA_PERMISSION_DENIED.vi
      && r.emitted.length === 0 && r.state === 'idle' && r.live === 0, JSON.stringify(r));
    assert(errors.length === 0, errors.join('\n'));
  });
} finally {
  await denying.close();
}

// A second browser whose fake camera shows a QR code that is not a CCCD payload.
const other = await launch(['--use-fake-ui-for-media-stream', ...fakeCamera(otherVideo)]);
try {
  await check('a QR code that is not a CCCD: one reject event while it stays in view (not one per frame), carrying its text; no card', async () => {
    const { page, errors } = await openPage(other);
    const r = await page.evaluate(async () => {
      const s = new lib.CameraScanner({ maxScansPerSecond: 10 });
      const rejects = [];
      let cards = 0;
      s.addEventListener('reject', (e) => rejects.push(e.detail));
      s.addEventListener('card', () => cards++);
      await s.start();
      await new Promise((ok) => setTimeout(ok, 5000));
      const frames = s.stats.frames;
      s.stop();
      return { rejects, cards, frames };
    });
    await page.close();
    assert(r.frames >= 10, `only ${r.frames} frames`);
    assert(r.cards === 0 && r.rejects.length === 1, `${r.rejects.length} rejects in ${r.frames} frames: ${JSON.stringify(r.rejects.slice(0, 3))}`);
    assert(r.rejects[0].text === NOT_A_CARD && r.rejects[0].code === 'ERR_NOT_CCCD_PAYLOAD' && typeof r.rejects[0].message === 'string', JSON.stringify(r.rejects[0]));
    assert(errors.length === 0, errors.join('\n'));
  });
} finally {
  await other.close();
  await server.close();
  await cspServer.close();
  rmSync(work, { recursive: true, force: true });
}

const { passed, failed } = report('scanner', { results, errors: [] });
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
