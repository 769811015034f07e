// The loading model in real deployments, in headless Chromium, with the packed tarball:
// - the package on another origin (a CDN: a second local port with CORS) through an import map:
//   the cross-origin worker is refused by the browser and the scanner falls back to a blob: worker;
//   under a CSP whose worker-src refuses blob: too, to decoding on the main thread;
// - `workerUrl` / `wasmUrl` naming files on that other origin; a wasm URL that 404s (ERR_WASM_LOAD);
// - a Vite app with no configuration (tests/js/loading-app) under the Vite 7 and Vite 8 dev
//   servers and from their builds, and the same app built by webpack 5 with no configuration.
// Every page runs tests/js/loading-scenario.js and must give what the package gives in Node; the
// requests of each page are counted: each .wasm is fetched at most once (the scan module is
// compiled once and posted to the worker), the worker script once.
// Vite and webpack are installed from the registry once into target/loading/ (reused while their
// versions hold).
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serve } from './serve.mjs';
import { launch, report } from './chromium.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = join(root, 'npm/pkg');
const cache = join(root, 'target/loading');
const VITES = { vite7: '7.3.8', vite8: '8.4.1' };
const WEBPACK = ['5.113.0', '6.0.1']; // webpack, webpack-cli
const FRAME = join(root, 'tests/data/frames/easy-000.jpg');
const FRAME_ID = readFileSync(join(root, 'tests/data/frames/easy-000.txt'), 'utf8').slice(0, 12);
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
const npm = (args, cwd) => {
  const r = spawnSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
};

// What the package says in Node, for the pages to match.
const node = await import(pathToFileURL(join(pkg, 'dist/node.js')).href);
const expected = (() => {
  const code = (fn) => {
    try {
      fn();
    } catch (e) {
      return e.code;
    }
    return null;
  };
  const e = {
    name: 'Nguyễn Văn An',
    rejected: code(() => node.parseCccd('not a card')),
    photoId: FRAME_ID,
    fileId: FRAME_ID,
    verifyRejected: code(() => node.verifySdJwtVc('x', { trust: { anchors: ['AAAA'] }, keyBinding: null, now: 0 })),
  };
  e.workerRejected = [e.verifyRejected, true];
  return e;
})();

/** Opens `url`, waits for the scenario, returns { result, requests, errors }. */
async function runScenario(browser, url, { allowConsoleErrors = false } = {}) {
  const page = await browser.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (!allowConsoleErrors && m.type() === 'error') errors.push(`console.error: ${m.text()}`);
  });
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.__results !== undefined || window.__fatal !== undefined, null, { timeout: 60000 });
    const { result, fatal } = await page.evaluate(() => ({ result: window.__results, fatal: window.__fatal }));
    if (fatal) errors.push(`fatal: ${fatal}`);
    return { result, requests, errors };
  } finally {
    await page.close();
  }
}

/**
 * Each .wasm fetched at most once, `wasm` in all; the worker script once per decoder started (the
 * scenario starts two: the scanner's and scanImageFile's; the test server sends no-store).
 */
function countFetches({ requests }, { wasm, workers = 2 }) {
  // The scenario starts two scan decoders and one verifier; where workers are refused, none.
  const paths = requests.map((u) => new URL(u)).filter((u) => u.protocol.startsWith('http')).map((u) => u.pathname);
  const count = (re) => paths.filter((p) => re.test(p)).length;
  const wasmPaths = paths.filter((p) => p.endsWith('.wasm'));
  const twice = wasmPaths.filter((p, i) => wasmPaths.indexOf(p) !== i);
  assert(twice.length === 0, `fetched more than once: ${twice.join(', ')} (all: ${wasmPaths.join(', ')})`);
  assert(wasmPaths.length === wasm, `${wasmPaths.length} .wasm fetches, expected ${wasm}: ${wasmPaths.join(', ')}`);
  if (workers === null) return `${wasmPaths.length} wasm`; // webpack names worker chunks by number
  const w = count(/scan-worker[^/]*\.js$/);
  assert(w === workers, `the worker script was fetched ${w} times, expected ${workers}`);
  const v = count(/verify-thread[^/]*\.js$/);
  assert(v === Math.min(workers, 1), `the verification worker was fetched ${v} times`);
  return `${wasmPaths.length} wasm, ${w} scan workers, ${v} verification worker`;
}

function same(result, want, what) {
  const got = JSON.stringify(result);
  const exp = JSON.stringify(want);
  assert(got === exp, `${what}: expected ${exp}, got ${got}`);
}

const work = mkdtempSync(join(tmpdir(), 'cccd-loading-'));
const browser = await launch();
try {
  // The tarball, installed as users install it.
  const packJson = JSON.parse(npm(['pack', pkg, '--pack-destination', work, '--json'], work));
  const tarball = join(work, packJson[0].filename);
  const installed = join(work, 'installed');
  mkdirSync(installed);
  writeFileSync(join(installed, 'package.json'), JSON.stringify({ name: 'installed', private: true, type: 'module' }));
  npm(['install', tarball, '--offline'], installed);
  const dist = join(installed, 'node_modules/cccd-verify/dist');

  await check('Node: every web entry loads there too (file: URLs are read from disk), with CccdVerifyError; verify/worker is async on the calling thread', async () => {
    const script = `import * as scan from 'cccd-verify/scan';
      import { init, loadTrustList } from 'cccd-verify/verify';
      const main = await import('cccd-verify');
      await scan.init();
      const card = scan.parseCccd('001090000123|012345678|Nguyễn Văn An|15031990|Nam|Số 1|20042021', { now: '2026-11-27' });
      let code; try { scan.parseCccd('x'); } catch (e) { code = e instanceof scan.CccdVerifyError && e instanceof main.CccdVerifyError && e.code; }
      await init();
      const { scanCccd } = await scan.init({ capabilities: ['scan', 'image'] });
      const photo = scanCccd(new Uint8Array((await import('node:fs')).readFileSync(${JSON.stringify(FRAME)})), { now: '2026-11-27' }).card.idNumber.value;
      const w = await import('cccd-verify/verify/worker');
      const v = w.createVerifier();
      let wcode; await v.verifySdJwtVc('x', { trust: { anchors: ['AAAA'] }, keyBinding: null, now: 0 }).catch((e) => { wcode = e instanceof main.CccdVerifyError && e.code; });
      console.log(JSON.stringify([card.idNumber.value, code, typeof loadTrustList, wcode, v.usesWorker, photo]));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: installed, encoding: 'utf8' });
    assert(r.status === 0, `exit ${r.status}: ${r.stderr}`);
    same(JSON.parse(r.stdout), ['001090000123', expected.rejected, 'function', expected.verifyRejected, false, FRAME_ID], 'node');
  });

  // Two origins: the page's, and a "CDN" serving the installed package with CORS.
  const pages = join(work, 'pages');
  mkdirSync(pages);
  copyFileSync(FRAME, join(pages, 'frame.jpg'));
  copyFileSync(join(root, 'tests/js/loading-scenario.js'), join(pages, 'scenario.js'));
  const cdn = await serve(installed, {}, { headers: { 'access-control-allow-origin': '*' } });
  const cdnDist = `${cdn.url}/node_modules/cccd-verify/dist/`;
  const page = (file, { importMap, options = 'undefined', body = '' }) => {
    const map = importMap ? `<script type="importmap">${JSON.stringify({ imports: { 'cccd-verify': `${importMap}index.js`, 'cccd-verify/scan': `${importMap}scan.js`, 'cccd-verify/verify': `${importMap}verify.js`, 'cccd-verify/verify/worker': `${importMap}verify-worker.js`, 'cccd-verify/scan/element': `${importMap}scanner-element.js` } })}</script>` : '';
    writeFileSync(join(pages, file), `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">${map}
<script type="module">
  import * as main from 'cccd-verify';
  import * as scan from 'cccd-verify/scan';
  import * as verify from 'cccd-verify/verify';
  import * as verifyWorker from 'cccd-verify/verify/worker';
  import * as element from 'cccd-verify/scan/element';
  import { scenario } from './scenario.js';
  ${body ? `(async () => { ${body} })().catch((e) => { window.__fatal = String((e && e.stack) || e); });` : `scenario({ main, scan, verify, verifyWorker, element }, './frame.jpg', ${options}).then((r) => { window.__results = r; }, (e) => { window.__fatal = String((e && e.stack) || e); });`}
</script>`);
  };
  page('cdn.html', { importMap: cdnDist });
  page('local.html', { importMap: '/pkg/', options: `{ workerUrl: '${cdnDist}scan-worker.js', wasmUrl: '${cdnDist}wasm-scan/cccd_verify_bg.wasm' }` });
  page('missing.html', {
    importMap: '/pkg/',
    body: `const out = {};
  try { await new scan.CameraScanner({ wasmUrl: '${cdn.url}/missing.wasm', lang: 'vi' }).preload(); } catch (e) { out.preload = [e instanceof scan.CccdVerifyError, e.code, e.params && e.params.url, /wasm/.test(e.message)]; }
  try { await main.init({ capabilities: ['verify'], wasm: { verify: './index.html' } }); } catch (e) { out.init = [e instanceof main.CccdVerifyError, e.code, e.params && e.params.url.endsWith('/index.html'), e.params && e.params.reason.length > 0]; }
  await verify.init();
  out.afterRetry = typeof verify.verifyMdoc;
  window.__results = out;`,
  });
  const site = await serve(pages, { '/pkg/': dist });
  // The same pages where the CSP refuses blob: workers (worker-src 'self').
  const strict = await serve(pages, { '/pkg/': dist }, { headers: { 'content-security-policy': "worker-src 'self'" } });
  try {
    await check('CDN via an import map: the cross-origin worker is refused, a blob: worker imports it; each module fetched once', async () => {
      const r = await runScenario(browser, `${site.url}/cdn.html`);
      assert(r.errors.length === 0, r.errors.join('\n'));
      same(r.result, { usesWorker: true, ...expected }, 'cdn');
      const fromCdn = { requests: r.requests.filter((u) => u.startsWith(cdn.url)) };
      console.log(`# cdn: ${countFetches(fromCdn, { wasm: 3 })} from the CDN origin`);
      assert(!r.requests.some((u) => u.startsWith(site.url) && /\.wasm$|scan-worker/.test(u)), 'something came from the page origin');
    });
    await check('CDN under worker-src \'self\': no worker can start, decoding runs on the main thread with the same results', async () => {
      const r = await runScenario(browser, `${strict.url}/cdn.html`, { allowConsoleErrors: true });
      assert(r.errors.length === 0, r.errors.join('\n'));
      same(r.result, { usesWorker: false, ...expected, workerRejected: [expected.verifyRejected, false] }, 'cdn, strict worker-src');
      countFetches(r, { wasm: 3, workers: 0 });
    });
    await check('workerUrl and wasmUrl name files on another origin: fetched from there only, once', async () => {
      const r = await runScenario(browser, `${site.url}/local.html`);
      assert(r.errors.length === 0, r.errors.join('\n'));
      same(r.result, { usesWorker: true, ...expected }, 'options');
      countFetches(r, { wasm: 3 });
      assert(r.requests.filter((u) => u === `${cdnDist}wasm-scan/cccd_verify_bg.wasm`).length === 1, 'the scan module did not come from wasmUrl');
      assert(r.requests.filter((u) => u === `${cdnDist}scan-worker.js`).length === 2, 'the worker did not come from workerUrl');
      assert(!r.requests.some((u) => u.startsWith(site.url) && u.includes('wasm-scan/cccd_verify_bg.wasm')), 'the default scan module was fetched too');
    });
    await check('a wasm URL that 404s or serves HTML: ERR_WASM_LOAD naming the URL (localized), and a later init() still works', async () => {
      const r = await runScenario(browser, `${site.url}/missing.html`, { allowConsoleErrors: true });
      assert(r.errors.length === 0, r.errors.join('\n'));
      same(r.result, { preload: [true, 'ERR_WASM_LOAD', `${cdn.url}/missing.wasm`, true], init: [true, 'ERR_WASM_LOAD', true, true], afterRetry: 'function' }, 'missing');
    });
  } finally {
    await Promise.all([site.close(), strict.close(), cdn.close()]);
  }

  // Vite 7 and 8, no configuration: the dev server and the build.
  for (const [name, version] of process.env.LOADING_SKIP_VITE ? [] : Object.entries(VITES)) {
    const app = join(cache, name);
    mkdirSync(app, { recursive: true });
    const have = existsSync(join(app, 'node_modules/vite/package.json')) && JSON.parse(readFileSync(join(app, 'node_modules/vite/package.json'), 'utf8')).version;
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: `loading-${name}`, private: true, type: 'module', dependencies: { vite: version } }, null, 2));
    if (have !== version) npm(['install'], app);
    npm(['install', '--no-save', '--offline', tarball], app);
    for (const f of ['index.html', 'main.js']) copyFileSync(join(root, 'tests/js/loading-app', f), join(app, f));
    copyFileSync(join(root, 'tests/js/loading-scenario.js'), join(app, 'scenario.js'));
    mkdirSync(join(app, 'public'), { recursive: true });
    copyFileSync(FRAME, join(app, 'public/frame.jpg'));
    rmSync(join(app, 'node_modules/.vite'), { recursive: true, force: true });
    rmSync(join(app, 'dist'), { recursive: true, force: true });
    const vite = join(app, 'node_modules/vite/bin/vite.js');

    await check(`Vite ${version} dev server, no config: the scenario passes, each module fetched once, worker in use`, async () => {
      const child = spawn(process.execPath, [vite, '--host', '127.0.0.1', '--port', '0', '--clearScreen', 'false'], { cwd: app, stdio: ['ignore', 'pipe', 'pipe'] });
      let log = '';
      try {
        const url = await new Promise((ok, fail) => {
          const timer = setTimeout(() => fail(new Error(`vite did not start:\n${log}`)), 30000);
          const onData = (d) => {
            log += d;
            // eslint-disable-next-line no-control-regex
            const m = /Local:\s+(http:\/\/\S+)/.exec(log.replace(/\x1b\[[0-9;]*m/g, ''));
            if (m) {
              clearTimeout(timer);
              ok(m[1]);
            }
          };
          child.stdout.on('data', onData);
          child.stderr.on('data', onData);
          child.on('exit', (c) => fail(new Error(`vite exited ${c}:\n${log}`)));
        });
        const r = await runScenario(browser, url);
        assert(r.errors.length === 0, `${r.errors.join('\n')}\nvite log:\n${log}`);
        same(r.result, { usesWorker: true, ...expected }, `vite ${version} dev`);
        console.log(`# vite ${version} dev: ${countFetches(r, { wasm: 3 })}`);
        assert(!/optimizeDeps|does not exist/.test(log), `vite warned:\n${log}`);
      } finally {
        child.kill();
      }
    });

    await check(`Vite ${version} build, no config: the worker is bundled, the scenario passes, each module fetched once`, async () => {
      const b = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: app, encoding: 'utf8' });
      assert(b.status === 0, `vite build failed:\n${b.stdout}${b.stderr}`);
      const server = await serve(join(app, 'dist'));
      try {
        const r = await runScenario(browser, `${server.url}/index.html`);
        assert(r.errors.length === 0, r.errors.join('\n'));
        same(r.result, { usesWorker: true, ...expected }, `vite ${version} build`);
        console.log(`# vite ${version} build: ${countFetches(r, { wasm: 3 })}`);
      } finally {
        await server.close();
      }
    });
  }

  // webpack 5, no configuration (its defaults: src/index.js → dist/main.js, production mode).
  await check(`webpack ${WEBPACK[0]} build, no config: workers bundled, the scenario passes, each module fetched once`, async () => {
    if (process.env.LOADING_SKIP_VITE) return;
    const app = join(cache, 'webpack');
    mkdirSync(join(app, 'src'), { recursive: true });
    const version = (p) => existsSync(join(app, `node_modules/${p}/package.json`)) && JSON.parse(readFileSync(join(app, `node_modules/${p}/package.json`), 'utf8')).version;
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'loading-webpack', private: true, dependencies: { webpack: WEBPACK[0], 'webpack-cli': WEBPACK[1] } }, null, 2));
    if (version('webpack') !== WEBPACK[0] || version('webpack-cli') !== WEBPACK[1]) npm(['install'], app);
    npm(['install', '--no-save', '--offline', tarball], app);
    copyFileSync(join(root, 'tests/js/loading-app/main.js'), join(app, 'src/index.js'));
    copyFileSync(join(root, 'tests/js/loading-scenario.js'), join(app, 'src/scenario.js'));
    rmSync(join(app, 'dist'), { recursive: true, force: true });
    const b = spawnSync(process.execPath, [join(app, 'node_modules/webpack-cli/bin/cli.js'), '--mode', 'production', '--no-stats'], { cwd: app, encoding: 'utf8' });
    assert(b.status === 0, `webpack failed:\n${b.stdout}${b.stderr}`);
    writeFileSync(join(app, 'dist/index.html'), readFileSync(join(root, 'tests/js/loading-app/index.html'), 'utf8'));
    copyFileSync(FRAME, join(app, 'dist/frame.jpg'));
    const server = await serve(join(app, 'dist'));
    try {
      const r = await runScenario(browser, `${server.url}/index.html`);
      assert(r.errors.length === 0, r.errors.join('\n'));
      same(r.result, { usesWorker: true, ...expected }, 'webpack build');
      console.log(`# webpack build: ${countFetches(r, { wasm: 3, workers: null })}`);
    } finally {
      await server.close();
    }
  });
} finally {
  await browser.close();
  if (!process.env.KEEP_TMP) rmSync(work, { recursive: true, force: true });
}

const { passed, failed } = report('loading', { results, errors: [] });
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
