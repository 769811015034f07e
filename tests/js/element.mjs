// <cccd-scanner> (cccd-verify/scan/element) and the strict-CSP example pages in headless Chromium
// with the fake camera playing a generated card (tools/framegen). The element example and the
// checkout example are served with a strict Content-Security-Policy and Trusted Types; the page
// must read the card with no policy violation. The element: `card` with the code's outline drawn,
// camera released when removed or when the tab is hidden (and reopened when visible), the
// permission-denied / no-camera / insecure-context / blocked-wasm screens with `error` events and
// the table's messages, vi/en strings, keyboard access to every button, and the photo fallback.
//   node tests/js/element.mjs        (after `make package` and `make framegen`)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';
import { launch, report } from './chromium.mjs';
import { LOCAL_MESSAGES } from '../../npm/pkg/dist/codes.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const framegen = join(root, 'tools/framegen/target/release/framegen');
const work = mkdtempSync(join(tmpdir(), 'cccd-element-'));
const NOW = '2026-11-27';
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

/** The policy the README documents (section "Content Security Policy"). */
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; require-trusted-types-for 'script'";

const y4m = join(work, 'card.y4m');
execFileSync(framegen, ['y4m', '--seed', '14', '--out', y4m, '--width', '1280', '--height', '720', '--frames', '12', '--tier', 'easy'], { stdio: 'pipe' });
const camPayload = readFileSync(join(work, 'card.txt'), 'utf8');
execFileSync(framegen, ['frames', '--seed', '12', '--count', '1', '--tier', 'easy', '--out', join(work, 'photo')], { stdio: 'pipe' });
const photo = join(work, 'photo/easy-000.jpg');
const photoPayload = readFileSync(join(work, 'photo/easy-000.txt'), 'utf8');
const NOT_A_CARD = 'https://shop.example.invalid/not-a-card?id=7';
execFileSync(framegen, ['y4m', '--seed', '13', '--out', join(work, 'other.y4m'), '--width', '1280', '--height', '720', '--frames', '12', '--tier', 'easy', '--text', NOT_A_CARD], { stdio: 'pipe' });
const junk = join(work, 'junk.png');
writeFileSync(junk, 'not an image');

await check('Node (SSR): importing cccd-verify/scan/element does nothing; defineCccdScanner() says it needs a browser', async () => {
  const m = await import('../../npm/pkg/dist/scanner-element.js');
  let err;
  try {
    m.defineCccdScanner();
  } catch (e) {
    err = e;
  }
  assert(err instanceof TypeError && /needs a browser/.test(err.message), String(err));
});

const pkgMount = { '/node_modules/cccd-verify/': join(root, 'npm/pkg') };
const strict = await serve(join(root, 'examples/scanner-element'), pkgMount, { headers: { 'content-security-policy': STRICT_CSP } });
const checkout = await serve(join(root, 'examples/checkout'), pkgMount, { headers: { 'content-security-policy': STRICT_CSP } });
// The same element page under a policy without 'wasm-unsafe-eval'.
const noWasm = await serve(join(root, 'examples/scanner-element'), pkgMount, { headers: { 'content-security-policy': "default-src 'self'; script-src 'self'; worker-src 'self'" } });
const fakeCamera = (file) => ['--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${file}`];
const browser = await launch(['--use-fake-ui-for-media-stream', ...fakeCamera(y4m), '--host-resolver-rules=MAP insecure.test 127.0.0.1']);

// Before any page script: keep a list of the camera streams the browser hands out (the real
// getUserMedia, wrapped), stage a browser error on request, and record CSP violations.
const INIT = () => {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  const streams = [];
  window.__gumFail = null;
  const md = navigator.mediaDevices;
  if (md && md.getUserMedia) {
    const real = md.getUserMedia.bind(md);
    md.getUserMedia = async (c) => {
      if (window.__gumFail) {
        const name = window.__gumFail;
        window.__gumFail = null;
        throw new DOMException('staged by the test', name);
      }
      const s = await real(c);
      streams.push(s);
      return s;
    };
  }
  window.liveTracks = () => streams.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live').length;
};

async function openPage(b, url, { ready = 'body[data-ready="true"]' } = {}) {
  const page = await b.newPage();
  const errors = [];
  // Every response body (the worker's requests included), for the first-load byte counts.
  page.bodies = [];
  page.on('response', (res) => page.bodies.push(res.body().then((body) => ({ url: res.url(), body }), () => null)));
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon/.test(m.text() + (m.location().url ?? ''))) errors.push(`console.error: ${m.text()}`);
  });
  await page.addInitScript(INIT);
  await page.goto(url);
  await page.waitForSelector(ready, { timeout: 30000 });
  return { page, errors };
}

/** Bytes the page fetched so far: raw and gzip -9 (the test server sends them uncompressed). */
async function transferred(page) {
  const got = (await Promise.all(page.bodies)).filter(Boolean);
  const raw = got.reduce((n, r) => n + r.body.length, 0);
  const gz = got.reduce((n, r) => n + gzipSync(r.body, { level: 9 }).length, 0);
  return `${got.length} responses, ${raw} bytes (${gz} gzip -9)`;
}

/** Resolves with the next `type` event's detail (code for errors), recorded in the page. */
const listen = (page, type) => page.evaluate((t) => {
  window.__events ??= {};
  window.__events[t] = [];
  document.getElementById('scanner').addEventListener(t, (e) => window.__events[t].push(e.detail instanceof Error ? { code: e.detail.code, message: e.detail.message } : { id: e.detail.card?.idNumber?.value, corners: e.detail.qr?.corners, text: e.detail.text }));
}, type);
const events = (page, type) => page.evaluate((t) => window.__events[t], type);
/** Runs `fn(host, shadowRoot = host.shadowRoot)` on the page's <cccd-scanner id=scanner>. */
const shadow = (page, fn) => page.$eval('#scanner', fn);

try {
  await check('element example under a strict CSP + Trusted Types: Start reads the card from the fake camera, fires `card`, draws the outline, releases the camera; no violation', async () => {
    const { page, errors } = await openPage(browser, `${strict.url}/index.html`);
    await page.evaluate((now) => document.getElementById('scanner').setAttribute('now', now), NOW);
    await listen(page, 'card');
    await page.click('cccd-scanner button[part~="start"]');
    await page.waitForSelector('body[data-filled]', { timeout: 30000 });
    const r = await shadow(page, (host, sr = host.shadowRoot) => {
      const outline = sr.querySelector('[part~="outline"]');
      return {
        points: outline.getAttribute('points'),
        shown: getComputedStyle(outline).display !== 'none',
        viewBox: sr.querySelector('svg').getAttribute('viewBox'),
        status: sr.querySelector('[part~="status"]').textContent,
        state: host.dataset.state,
        live: liveTracks(),
        usesWorker: host.scanner.usesWorker,
        adopted: sr.adoptedStyleSheets.length,
        styleTags: sr.querySelectorAll('style').length,
        filled: document.getElementById('name').textContent,
        violations: window.__violations,
      };
    });
    const ev = await events(page, 'card');
    assert(ev.length === 1 && ev[0].id === camPayload.slice(0, 12), `card events ${JSON.stringify(ev)}`);
    const pts = r.points.trim().split(/\s+/).map((p) => p.split(',').map(Number));
    const same = pts.every(([x, y], i) => Math.abs(x - ev[0].corners[i].x) < 0.01 && Math.abs(y - ev[0].corners[i].y) < 0.01);
    assert(pts.length === 4 && same && r.shown && r.viewBox === '0 0 1280 720', `outline ${JSON.stringify(r)} vs ${JSON.stringify(ev[0].corners)}`);
    assert(r.state === 'idle' && r.live === 0 && r.usesWorker, `after the card: ${JSON.stringify(r)}`);
    assert(r.status.startsWith('Đã đọc thẻ') && r.filled.length > 0, `status ${r.status}`);
    // The ID number is masked on screen: its last three digits only.
    const id = camPayload.slice(0, 12);
    assert(!r.status.includes(id) && r.status.includes(`(${'•'.repeat(9)}${id.slice(-3)})`), `status shows the ID unmasked: ${r.status}`);
    assert(r.adopted === 1 && r.styleTags === 0, `styles: ${r.adopted} adopted, ${r.styleTags} <style>`);
    assert(r.violations.length === 0, `CSP violations: ${r.violations.join('; ')}`);
    assert(errors.length === 0, errors.join('\n'));
    console.log(`# element example, first load through the first card: ${await transferred(page)}`);
    await page.close();
  });

  await check('checkout example under the same strict CSP + Trusted Types: the camera fills the form in a worker, no violation', async () => {
    const { page, errors } = await openPage(browser, `${checkout.url}/index.html`);
    await page.click('#camera');
    await page.waitForSelector('body[data-filled]', { timeout: 30000 });
    const r = await page.evaluate(() => ({ id: document.getElementById('id').value, decodedIn: document.body.dataset.decodedIn, violations: window.__violations, tt: typeof trustedTypes }));
    assert(r.id === camPayload.slice(0, 12) && r.decodedIn === 'worker', JSON.stringify(r));
    assert(r.violations.length === 0, `CSP violations: ${r.violations.join('; ')}`);
    assert(errors.length === 0, errors.join('\n'));
    console.log(`# checkout example, first load through the first card: ${await transferred(page)}`);
    await page.close();
  });

  await check('removed from the DOM while scanning, and while starting; stop() or a hidden tab right after start(): no live track', async () => {
    const { page, errors } = await openPage(browser, `${strict.url}/index.html`);
    const r = await page.evaluate(async () => {
      const host = document.getElementById('scanner');
      host.setAttribute('region', '0.2'); // a corner-free centre: the card is not read, scanning goes on
      await host.start();
      const during = { state: host.dataset.state, live: liveTracks() };
      host.remove();
      const after = { live: liveTracks(), scanner: host.scanner };
      // Removed while the camera is still opening.
      const other = document.createElement('cccd-scanner');
      document.body.append(other);
      const p = other.start();
      other.remove();
      await p;
      await new Promise((ok) => setTimeout(ok, 1500));
      // stop() right after start(), and a tab hidden right after start(): nothing opens later.
      const third = document.createElement('cccd-scanner');
      third.setAttribute('region', '0.2'); // no card read: a camera opened late would stay open
      document.body.append(third);
      const q = third.start();
      third.stop();
      await q;
      let visibility = 'visible';
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
      const fourth = document.createElement('cccd-scanner');
      fourth.setAttribute('region', '0.2');
      document.body.append(fourth);
      const w = fourth.start();
      visibility = 'hidden';
      document.dispatchEvent(new Event('visibilitychange'));
      await w;
      await new Promise((ok) => setTimeout(ok, 1500));
      const late = { live: liveTracks(), third: third.dataset.state, fourth: fourth.dataset.state };
      third.remove();
      fourth.remove();
      return { during, after, starting: liveTracks(), otherScanner: other.scanner, late };
    });
    assert(r.during.state === 'scanning' && r.during.live === 1 && r.after.live === 0 && r.after.scanner === null && r.starting === 0 && r.otherScanner === null, JSON.stringify(r));
    assert(r.late.live === 0 && r.late.third === 'idle' && r.late.fourth === 'idle', `stopped or hidden right after start(): ${JSON.stringify(r.late)}`);
    assert(errors.length === 0, errors.join('\n'));
    await page.close();
  });

  await check('a hidden tab stops the camera; visible again, scanning resumes; a scanner stopped by the user stays stopped', async () => {
    const { page, errors } = await openPage(browser, `${strict.url}/index.html`);
    const r = await page.evaluate(async () => {
      const host = document.getElementById('scanner');
      host.setAttribute('region', '0.2');
      let visibility = 'visible';
      // Headless Chromium has no tab to hide: the document's visibility is staged, the element's handling is real.
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
      const flip = (v) => {
        visibility = v;
        document.dispatchEvent(new Event('visibilitychange'));
      };
      const until = async (cond) => {
        for (let i = 0; i < 100 && !cond(); i++) await new Promise((ok) => setTimeout(ok, 100));
        return cond();
      };
      await host.start();
      const out = { before: liveTracks() };
      flip('hidden');
      out.hidden = { live: liveTracks(), state: host.dataset.state };
      flip('visible');
      out.resumed = await until(() => host.dataset.state === 'scanning' && liveTracks() === 1);
      host.stop();
      flip('hidden');
      flip('visible');
      await new Promise((ok) => setTimeout(ok, 800));
      out.userStopped = { live: liveTracks(), state: host.dataset.state };
      host.remove();
      return out;
    });
    assert(r.before === 1 && r.hidden.live === 0 && r.hidden.state === 'idle' && r.resumed && r.userStopped.live === 0 && r.userStopped.state === 'idle', JSON.stringify(r));
    assert(errors.length === 0, errors.join('\n'));
    await page.close();
  });

  await check('facing attribute changed while scanning: the camera is reopened with that facing mode, one live track', async () => {
    const { page, errors } = await openPage(browser, `${strict.url}/index.html`);
    const r = await page.evaluate(async () => {
      const host = document.getElementById('scanner');
      host.setAttribute('region', '0.2');
      await host.start();
      host.setAttribute('facing', 'user');
      for (let i = 0; i < 100 && !(host.scanner.state === 'scanning' && liveTracks() === 1 && host.scanner.options.facingMode === 'user'); i++) await new Promise((ok) => setTimeout(ok, 100));
      const out = { state: host.scanner.state, live: liveTracks(), facing: host.scanner.options.facingMode };
      host.remove();
      out.after = liveTracks();
      return out;
    });
    assert(r.state === 'scanning' && r.live === 1 && r.facing === 'user' && r.after === 0, JSON.stringify(r));
    assert(errors.length === 0, errors.join('\n'));
    await page.close();
  });

  await check('lang: vi strings by default (from the attribute), en when it changes, and from an ancestor\'s lang', async () => {
    const { page, errors } = await openPage(browser, `${strict.url}/index.html`);
    const texts = () => shadow(page, (host, sr = host.shadowRoot) => ({
      start: sr.querySelector('[part~="start"]').textContent,
      file: sr.querySelector('[part~="file"]').textContent,
      label: host.getAttribute('aria-label'),
    }));
    const vi = await texts();
    await page.selectOption('#lang', 'en');
    const en = await texts();
    const inherited = await page.evaluate(() => {
      const wrap = document.createElement('div');
      wrap.lang = 'vi-VN';
      const el = document.createElement('cccd-scanner');
      wrap.append(el);
      document.body.append(wrap);
      const t = el.shadowRoot.querySelector('[part~="start"]').textContent;
      wrap.remove();
      return t;
    });
    assert(vi.start === 'Quét bằng camera' && vi.file === 'Chọn ảnh thẻ' && vi.label === 'Quét thẻ CCCD', JSON.stringify(vi));
    assert(en.start === 'Scan with camera' && en.file === 'Choose a photo' && en.label === 'CCCD card scanner', JSON.stringify(en));
    assert(inherited === 'Quét bằng camera', inherited);
    assert(errors.length === 0, errors.join('\n'));
    await page.close();
  });

  await check('the now attribute: a bad value shows the error screen with a TypeError naming it (no camera opened); an RFC 3339 value or Unix seconds reads the card', async () => {
    const { page, errors } = await openPage(browser, `${strict.url}/index.html`);
    await listen(page, 'error');
    await listen(page, 'card');
    await page.evaluate(() => document.getElementById('scanner').setAttribute('now', '2026-11-27T25:00:00+07:00'));
    await page.click('cccd-scanner button[part~="start"]');
    await page.waitForSelector('cccd-scanner[data-error]', { timeout: 30000 });
    const bad = { code: await page.$eval('#scanner', (h) => h.dataset.error), live: await page.evaluate(() => liveTracks()), events: await events(page, 'error') };
    assert(bad.code === 'TypeError' && bad.live === 0 && bad.events.length === 1 && /the now attribute/.test(bad.events[0].message), JSON.stringify(bad));
    // Unix seconds as digits (2026-11-27T03:00:00Z), then an RFC 3339 value while scanning: both read the card.
    await page.evaluate(() => document.getElementById('scanner').setAttribute('now', '1796266800'));
    await page.click('cccd-scanner button[part~="retry"]');
    await page.waitForFunction(() => window.__events.card.length > 0, null, { timeout: 30000 });
    await page.evaluate(() => document.getElementById('scanner').setAttribute('now', '2026-11-27T10:00:00+07:00'));
    await page.click('cccd-scanner button[part~="start"]');
    await page.waitForFunction(() => window.__events.card.length > 1, null, { timeout: 30000 });
    const cards = await events(page, 'card');
    assert(cards.length === 2 && cards.every((c) => c.id === camPayload.slice(0, 12)), JSON.stringify(cards));
    assert(errors.length === 0, errors.join('\n'));
    await page.close();
  });

  await check('photo fallback: "choose a photo" decodes a card image (card event); a file that is not an image gives an error event', async () => {
    const { page, errors } = await openPage(browser, `${strict.url}/index.html`);
    await page.evaluate((now) => document.getElementById('scanner').setAttribute('now', now), NOW);
    await listen(page, 'card');
    await listen(page, 'error');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('cccd-scanner button[part~="file"]')]);
    await chooser.setFiles(photo);
    await page.waitForFunction(() => window.__events.card.length > 0, null, { timeout: 30000 });
    await page.setInputFiles('cccd-scanner input[type=file]', junk);
    await page.waitForFunction(() => window.__events.error.length > 0, null, { timeout: 30000 });
    const card = await events(page, 'card');
    const err = await events(page, 'error');
    const status = await shadow(page, (h, sr = h.shadowRoot) => sr.querySelector('[part~="status"]').textContent);
    assert(card.length === 1 && card[0].id === photoPayload.slice(0, 12), JSON.stringify(card));
    assert(err.length === 1 && err[0].code === 'ERR_IMAGE_DECODE' && status === err[0].message, `${JSON.stringify(err)} / ${status}`);
    assert(errors.length === 0, errors.join('\n'));
    await page.close();
  });

  await check('no camera (the browser\'s NotFoundError): the no-camera screen in vi, an `error` event, a retry that works', async () => {
    const { page, errors } = await openPage(browser, `${strict.url}/index.html`);
    await listen(page, 'error');
    await page.evaluate(() => { window.__gumFail = 'NotFoundError'; document.getElementById('scanner').setAttribute('region', '0.2'); });
    await page.click('cccd-scanner button[part~="start"]');
    await page.waitForSelector('cccd-scanner[data-error]', { timeout: 30000 });
    const r = await shadow(page, (host, sr = host.shadowRoot) => ({
      code: host.dataset.error,
      title: sr.querySelector('[part~="screen-title"]').textContent,
      message: sr.querySelector('[part~="screen-message"]').textContent,
      retry: !sr.querySelector('[part~="retry"]').hidden,
      focus: sr.activeElement?.getAttribute('part'),
    }));
    const ev = await events(page, 'error');
    assert(r.code === 'ERR_CAMERA_NOT_FOUND' && r.title === 'Không tìm thấy camera' && r.message === LOCAL_MESSAGES.ERR_CAMERA_NOT_FOUND.vi && r.retry && r.focus === 'screen-title', JSON.stringify(r));
    assert(ev.length === 1 && ev[0].code === 'ERR_CAMERA_NOT_FOUND', JSON.stringify(ev));
    await page.click('cccd-scanner button[part~="retry"]');
    await page.waitForSelector('cccd-scanner[data-state="scanning"]:not([data-error])', { timeout: 30000 });
    const after = await shadow(page, (host, sr = host.shadowRoot) => ({ screen: sr.querySelector('[part~="screen"]').hidden, focus: sr.activeElement?.getAttribute('part'), live: liveTracks() }));
    assert(after.screen && after.focus === 'button start' && after.live === 1, JSON.stringify(after));
    assert(errors.length === 0, errors.join('\n'));
    await page.close();
  });

  await check('no camera listed: the no-camera screen without a permission prompt (getUserMedia never called)', async () => {
    const { page, errors } = await openPage(browser, `${strict.url}/index.html`);
    await listen(page, 'error');
    // A machine without cameras, staged on the browser's device list.
    await page.evaluate(() => {
      window.__gumCalls = 0;
      const gum = navigator.mediaDevices.getUserMedia;
      navigator.mediaDevices.getUserMedia = (c) => { window.__gumCalls++; return gum(c); };
      navigator.mediaDevices.enumerateDevices = async () => [];
    });
    await page.click('cccd-scanner button[part~="start"]');
    await page.waitForSelector('cccd-scanner[data-error]', { timeout: 30000 });
    const r = await shadow(page, (host, sr = host.shadowRoot) => ({ code: host.dataset.error, title: sr.querySelector('[part~="screen-title"]').textContent, message: sr.querySelector('[part~="screen-message"]').textContent, gum: window.__gumCalls }));
    const ev = await events(page, 'error');
    assert(r.code === 'ERR_CAMERA_NOT_FOUND' && r.title === 'Không tìm thấy camera' && r.message === LOCAL_MESSAGES.ERR_CAMERA_NOT_FOUND.vi && r.gum === 0 && ev.length === 1, JSON.stringify({ r, ev }));
    assert(errors.length === 0, errors.join('\n'));
    await page.close();
  });

  await check('preload attribute: the worker and the wasm load when the element is connected, before any click; the camera stays closed', async () => {
    const { page, errors } = await openPage(browser, `${strict.url}/index.html`);
    const r = await page.evaluate(async () => {
      const el = document.createElement('cccd-scanner');
      el.setAttribute('preload', '');
      document.body.append(el);
      const ready = el.scanner ? await el.scanner.preload().then(() => true) : false; // joins the load in progress
      const out = { ready, worker: el.scanner?.usesWorker, state: el.dataset.state, live: liveTracks() };
      const plain = document.createElement('cccd-scanner');
      document.body.append(plain);
      out.plain = plain.scanner;
      el.remove();
      plain.remove();
      return out;
    });
    assert(r.ready && r.worker === true && r.state === 'idle' && r.live === 0 && r.plain === null, JSON.stringify(r));
    assert(errors.length === 0, errors.join('\n'));
    await page.close();
  });

  await check('an insecure page (http on a non-local host): the insecure-context screen (en), no retry button, an `error` event', async () => {
    const port = new URL(strict.url).port;
    const { page, errors } = await openPage(browser, `http://insecure.test:${port}/index.html`);
    await listen(page, 'error');
    await page.selectOption('#lang', 'en');
    await page.click('cccd-scanner button[part~="start"]');
    await page.waitForSelector('cccd-scanner[data-error]', { timeout: 30000 });
    const r = await shadow(page, (host, sr = host.shadowRoot) => ({ code: host.dataset.error, title: sr.querySelector('[part~="screen-title"]').textContent, message: sr.querySelector('[part~="screen-message"]').textContent, retry: sr.querySelector('[part~="retry"]').hidden }));
    const ev = await events(page, 'error');
    assert(r.code === 'ERR_INSECURE_CONTEXT' && r.title === 'This page is not secure' && r.message === LOCAL_MESSAGES.ERR_INSECURE_CONTEXT.en && r.retry && ev.length === 1, JSON.stringify({ r, ev }));
    assert(errors.length === 0, errors.join('\n'));
    await page.close();
  });

  await check('a CSP without \'wasm-unsafe-eval\': the blocked screen naming the directive (vi), an `error` event ERR_WASM_BLOCKED, the camera never opened', async () => {
    const { page, errors } = await openPage(browser, `${noWasm.url}/index.html`);
    await listen(page, 'error');
    await page.click('cccd-scanner button[part~="start"]');
    await page.waitForSelector('cccd-scanner[data-error]', { timeout: 30000 });
    const r = await shadow(page, (host, sr = host.shadowRoot) => ({ code: host.dataset.error, title: sr.querySelector('[part~="screen-title"]').textContent, message: sr.querySelector('[part~="screen-message"]').textContent, live: liveTracks(), status: sr.querySelector('[part~="status"]').textContent }));
    const ev = await events(page, 'error');
    assert(r.code === 'ERR_WASM_BLOCKED' && r.title === 'Trình quét bị chặn trên trang này' && r.message === LOCAL_MESSAGES.ERR_WASM_BLOCKED.vi && r.live === 0 && ev.length === 1 && ev[0].code === 'ERR_WASM_BLOCKED', JSON.stringify({ r, ev }));
    assert(r.status.includes(r.message), `live region: ${r.status}`);
    // The blocked compile is reported by the browser itself (console + violation): expected here.
    assert(errors.every((e) => /wasm-unsafe-eval|WebAssembly|Content Security Policy/i.test(e)), errors.join('\n'));
    await page.close();
  });
} finally {
  await browser.close();
}

// Two fake cameras (Chromium's generated pattern: with a video file it offers one device).
const twoCameras = await launch(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream=device-count=2']);
try {
  await check('keyboard: Tab reaches start, switch camera (2 cameras) and torch (when the camera has one); Enter switches camera and toggles the torch (aria-pressed)', async () => {
    const { page, errors } = await openPage(twoCameras, `${strict.url}/index.html`);
    // The fake camera has no torch: its capability and constraint are staged on the browser's track.
    await page.evaluate(() => {
      const caps = MediaStreamTrack.prototype.getCapabilities;
      MediaStreamTrack.prototype.getCapabilities = function () { return { ...caps.call(this), torch: true }; };
      MediaStreamTrack.prototype.applyConstraints = async function () {};
      document.getElementById('scanner').setAttribute('region', '0.2');
    });
    await page.focus('#lang');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // start
    await page.waitForSelector('cccd-scanner[data-state="scanning"]', { timeout: 30000 });
    await page.waitForSelector('cccd-scanner button[part~="switch"]:not([hidden])', { timeout: 10000 });
    await page.waitForSelector('cccd-scanner button[part~="torch"]:not([hidden])', { timeout: 10000 });
    const focused = () => page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute('part') ?? document.activeElement?.id);
    const order = [await focused()];
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      order.push(await focused());
    }
    assert(JSON.stringify(order) === JSON.stringify(['button start', 'button switch', 'button torch', 'button file']), `tab order ${JSON.stringify(order)}`);
    const before = await page.evaluate(() => document.getElementById('scanner').scanner.track.getSettings().deviceId);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter'); // switch camera
    await page.waitForFunction((d) => { const s = document.getElementById('scanner').scanner; return s.state === 'scanning' && s.track.getSettings().deviceId !== d; }, before, { timeout: 15000 });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // torch
    await page.waitForSelector('cccd-scanner button[part~="torch"][aria-pressed="true"]', { timeout: 5000 });
    const r = await page.evaluate(() => ({ live: liveTracks(), torch: document.getElementById('scanner').scanner.torchOn }));
    assert(r.live === 1 && r.torch, JSON.stringify(r));
    assert(errors.length === 0, errors.join('\n'));
    await page.close();
  });

} finally {
  await twoCameras.close();
}

// A fake camera showing a QR code that is not a CCCD payload.
const other = await launch(['--use-fake-ui-for-media-stream', ...fakeCamera(join(work, 'other.y4m'))]);
try {
  await check('a QR code that is not a CCCD: one `reject` event with its text, its message in the live region, no `card`, still scanning', async () => {
    const { page, errors } = await openPage(other, `${strict.url}/index.html`);
    await listen(page, 'reject');
    await listen(page, 'card');
    await page.click('cccd-scanner button[part~="start"]');
    await page.waitForFunction(() => window.__events.reject.length > 0, null, { timeout: 30000 });
    await page.waitForTimeout(2000);
    const rejects = await events(page, 'reject');
    const r = await shadow(page, (host, sr = host.shadowRoot) => ({ status: sr.querySelector('[part~="status"]').textContent, state: host.dataset.state }));
    assert(rejects.length === 1 && rejects[0].text === NOT_A_CARD && (await events(page, 'card')).length === 0, JSON.stringify(rejects));
    assert(r.state === 'scanning' && r.status.length > 0 && !r.status.includes(NOT_A_CARD), JSON.stringify(r));
    assert(errors.length === 0, errors.join('\n'));
    await page.close();
  });
} finally {
  await other.close();
}

const denying = await launch([...fakeCamera(y4m), '--deny-permission-prompts']);
try {
  await check('permission denied: the permission screen in vi saying what to do, an `error` event, announced in the live region', async () => {
    const { page, errors } = await openPage(denying, `${strict.url}/index.html`);
    await listen(page, 'error');
    await page.focus('cccd-scanner button[part~="start"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('cccd-scanner[data-error]', { timeout: 30000 });
    const r = await shadow(page, (host, sr = host.shadowRoot) => ({
      code: host.dataset.error,
      title: sr.querySelector('[part~="screen-title"]').textContent,
      message: sr.querySelector('[part~="screen-message"]').textContent,
      status: sr.querySelector('[role="status"]').textContent,
      statusWidth: sr.querySelector('[role="status"]').getBoundingClientRect().width, // announced, not shown twice
      focus: sr.activeElement?.getAttribute('part'),
      live: liveTracks(),
    }));
    const ev = await events(page, 'error');
    assert(r.code === 'ERR_CAMERA_PERMISSION_DENIED' && r.title === 'Camera đang bị chặn' && r.message === LOCAL_MESSAGES.ERR_CAMERA_PERMISSION_DENIED.vi, JSON.stringify(r));
    assert(r.status === `${r.title}. ${r.message}` && r.statusWidth <= 1 && r.focus === 'screen-title' && r.live === 0, JSON.stringify(r));
    assert(ev.length === 1 && ev[0].code === 'ERR_CAMERA_PERMISSION_DENIED', JSON.stringify(ev));
    assert(errors.length === 0, errors.join('\n'));
    await page.close();
  });
} finally {
  await denying.close();
  await strict.close();
  await checkout.close();
  await noWasm.close();
  rmSync(work, { recursive: true, force: true });
}

const { passed, failed } = report('element', { results, errors: [] });
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
