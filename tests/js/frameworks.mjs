// The framework examples (examples/react, examples/vue), built from the packed package and run in
// headless Chromium with the fake camera playing a generated card (tools/framegen): each reads the
// card through its useCccdScanner hook/composable and through <cccd-scanner>, and leaves no camera
// track live once the components are unmounted — React under StrictMode, whose mount → unmount →
// mount must not leave the first mount's camera on.
//
// The framework packages come from the npm registry once, into target/framework-deps/<name>
// (reused while the example's dependency list is unchanged); each example is built inside that
// directory (its own node_modules holds only the packed cccd-verify, installed offline), so Node
// resolution finds the framework one level up.
//   node tests/js/frameworks.mjs      (after `make package` and `make framegen`)
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { serve } from './serve.mjs';
import { launch, report } from './chromium.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const framegen = join(root, 'tools/framegen/target/release/framegen');
const pkgDir = process.env.CCCD_PKG_DIR ?? join(root, 'npm/pkg');
const cache = join(root, 'target/framework-deps');
const work = mkdtempSync(join(tmpdir(), 'cccd-frameworks-'));
const NOW = '2026-11-27';
// Next.js is opt-in (FRAMEWORKS=react,vue,nextjs or `make test-nextjs`): its install is ~330 MB
// and a build of this one page takes ~2 minutes on the CI machine.
const EXAMPLES = (process.env.FRAMEWORKS ?? 'react,vue').split(',');
const results = [];
const check = async (name, fn) => {
  const t0 = Date.now();
  try {
    await fn();
    results.push({ name: `${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`, ok: true });
  } catch (e) {
    results.push({ name, ok: false, error: String((e && e.stack) || e) });
  }
};
const assert = (cond, msg) => {
  if (!cond) throw new Error(msg);
};
const run = (cmd, args, cwd) => {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_UPDATE_NOTIFIER: '1' } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
};
const npm = (args, cwd) => run('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], cwd);

/** The framework packages of an example, installed once into the cache (by exact version). */
function frameworkDeps(name) {
  const manifest = JSON.parse(readFileSync(join(root, 'examples', name, 'package.json'), 'utf8'));
  const deps = Object.fromEntries(Object.entries(manifest.dependencies).filter(([k]) => k !== 'cccd-verify'));
  for (const [k, v] of Object.entries(deps)) assert(/^\d+\.\d+\.\d+$/.test(v), `examples/${name}: pin ${k} exactly (got ${v})`);
  const dir = join(cache, name);
  const stamp = join(dir, 'node_modules/.cccd-deps.json');
  const want = JSON.stringify(deps);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return { dir, installed: false };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `cccd-${name}-deps`, private: true, dependencies: deps }));
  npm(['install', '--ignore-scripts'], dir);
  writeFileSync(stamp, want);
  return { dir, installed: true };
}

/** Bytes a page fetched: raw and gzip -9 (the test server sends them uncompressed). */
async function transferred(page) {
  const got = (await Promise.all(page.bodies)).filter(Boolean);
  const raw = got.reduce((n, r) => n + r.body.length, 0);
  const gz = got.reduce((n, r) => n + gzipSync(r.body, { level: 9 }).length, 0);
  return `${got.length} responses, ${raw} bytes (${gz} gzip -9)`;
}

// Counts the camera tracks the browser hands out (the real getUserMedia, wrapped) before any page script.
const INIT = () => {
  const streams = [];
  const md = navigator.mediaDevices;
  const real = md.getUserMedia.bind(md);
  md.getUserMedia = async (c) => {
    const s = await real(c);
    streams.push(s);
    return s;
  };
  window.liveTracks = () => streams.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live').length;
  window.openedTracks = () => streams.length;
};

const y4m = join(work, 'card.y4m');
execFileSync(framegen, ['y4m', '--seed', '14', '--out', y4m, '--width', '1280', '--height', '720', '--frames', '12', '--tier', 'easy'], { stdio: 'pipe' });
const camId = readFileSync(join(work, 'card.txt'), 'utf8').slice(0, 12);

// A card whose name hides a right-to-left override (U+202E): it reads as a card (with a
// TEXT_CONTROL_CHARACTER finding), and the examples must show the character, not obey it.
const RLO = '001090000123|012345678|Nguyễn Văn \u202eAn|15031990|Nam|Số 1 Ngõ 2, Hà Nội|20042021';
const rloY4m = join(work, 'rlo.y4m');
execFileSync(framegen, ['y4m', '--seed', '15', '--out', rloY4m, '--width', '1280', '--height', '720', '--frames', '12', '--tier', 'easy', '--text', RLO], { stdio: 'pipe' });

const packed = JSON.parse(npm(['pack', pkgDir, '--pack-destination', work, '--json'], work));
const tarball = join(work, packed[0].filename);
const camera = (file) => launch(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${file}`]);
const browser = await camera(y4m);
const rloBrowser = await camera(rloY4m);

async function openPage(url, b = browser) {
  const page = await b.newPage();
  const errors = [];
  page.bodies = [];
  page.on('response', (res) => page.bodies.push(res.body().then((body) => ({ url: res.url(), body }), () => null)));
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon/.test(m.text() + (m.location().url ?? ''))) errors.push(`console.error: ${m.text()}`);
  });
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.hostname !== '127.0.0.1' && !['data:', 'blob:'].includes(u.protocol)) errors.push(`request left 127.0.0.1: ${r.url()}`);
  });
  await page.addInitScript(INIT);
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  return { page, errors };
}

const tracks = (page) => page.evaluate(() => ({ live: liveTracks(), opened: openedTracks() }));

try {
  for (const name of EXAMPLES) {
    let dist;
    await check(`${name}: framework packages from the cache (or the registry once), the packed cccd-verify offline, ${name === 'nextjs' ? 'next build (static export: prerendered on the server without loading the scanner)' : 'vite build'}`, () => {
      const t0 = Date.now();
      const { dir, installed } = frameworkDeps(name);
      const tDeps = Date.now();
      const app = join(dir, 'app');
      rmSync(app, { recursive: true, force: true });
      cpSync(join(root, 'examples', name), app, { recursive: true, filter: (s) => !/node_modules|\/dist($|\/)/.test(s.slice(root.length)) });
      writeFileSync(join(app, 'package.json'), JSON.stringify({ name: `${name}-app`, private: true, type: 'module' }));
      npm(['install', tarball, '--offline'], app);
      const tInstall = Date.now();
      const next = name === 'nextjs';
      if (next) run(join(dir, 'node_modules/.bin/next'), ['build'], app);
      else run(join(root, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], app);
      dist = join(app, next ? 'out' : 'dist');
      const assets = next ? join(dist, '_next/static') : join(dist, 'assets');
      const files = readdirSync(assets, { recursive: true }).map(String);
      assert(files.some((f) => f.endsWith('.wasm')), `no .wasm emitted: ${files.join(', ')}`);
      const js = files.filter((f) => f.endsWith('.js')).reduce((n, f) => n + statSync(join(assets, f)).size, 0);
      console.log(`# ${name}: deps ${installed ? 'installed from the registry' : 'from the cache'} in ${((tDeps - t0) / 1000).toFixed(1)} s, tarball ${((tInstall - tDeps) / 1000).toFixed(1)} s, ${next ? 'next' : 'vite'} build ${((Date.now() - tInstall) / 1000).toFixed(1)} s; ${js} bytes of JS`);
    });
    if (!dist) continue;
    // Every page under the README's strict policy, Trusted Types included. Next.js's static export
    // bootstraps with inline scripts: those are allowed by their sha256 hashes (computed here from
    // the exported HTML, as a deployment would at build time), never by 'unsafe-inline'.
    const inline = name === 'nextjs' ? [...readFileSync(join(dist, 'index.html'), 'utf8').matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).filter((t) => t.length > 0) : [];
    const hashes = inline.map((t) => ` 'sha256-${createHash('sha256').update(t).digest('base64')}'`).join('');
    const csp = `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'${hashes}; worker-src 'self'; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'`;
    const server = await serve(dist, {}, { headers: { 'content-security-policy': csp } });
    try {
      await check(`${name}: the hook reads the card from the fake camera; unmounting leaves no live track`, async () => {
        const { page, errors } = await openPage(`${server.url}/index.html?now=${NOW}`);
        await page.click('#hook-start');
        await page.waitForSelector('#hook-card[data-id]', { timeout: 30000 });
        const id = await page.getAttribute('#hook-card', 'data-id');
        assert(id === camId, `read ${id}, expected ${camId}`);
        const during = await tracks(page);
        assert(during.live === 1, `while scanning: ${JSON.stringify(during)}`);
        await page.click('#toggle'); // unmount
        await page.waitForFunction(() => liveTracks() === 0, null, { timeout: 5000 }).catch(() => {});
        const after = await tracks(page);
        assert(after.live === 0, `after unmount: ${JSON.stringify(after)}`);
        assert(errors.length === 0, errors.join('\n'));
        // The wasm came from the app's own build output (Next.js: /_next/static), never from elsewhere.
        const wasm = (await Promise.all(page.bodies)).filter((r) => r && new URL(r.url).pathname.endsWith('.wasm')).map((r) => new URL(r.url).pathname);
        assert(wasm.length > 0 && wasm.every((p) => p.startsWith(name === 'nextjs' ? '/_next/static/' : '/assets/')), `wasm fetched: ${wasm.join(', ')}`);
        console.log(`# ${name} example, first load through the first card: ${await transferred(page)}`);
        await page.close();
      });

      await check(`${name}: started on mount${name === 'vue' ? '' : ' under StrictMode (mount, unmount, mount)'}: one camera track while scanning, none after unmount`, async () => {
        const { page, errors } = await openPage(`${server.url}/index.html?now=${NOW}&autostart`);
        await page.waitForSelector('#hook-card[data-id]', { timeout: 30000 });
        const during = await tracks(page);
        assert(during.live === 1, `while scanning: ${JSON.stringify(during)}`);
        await page.click('#toggle');
        await page.waitForFunction(() => liveTracks() === 0, null, { timeout: 5000 }).catch(() => {});
        const after = await tracks(page);
        assert(after.live === 0, `after unmount: ${JSON.stringify(after)}`);
        // Unmounted while the camera is still opening: nothing opens afterwards.
        await page.click('#toggle'); // mount: starts at once
        await page.click('#toggle'); // and unmount before the stream arrives
        await new Promise((ok) => setTimeout(ok, 2000));
        const late = await tracks(page);
        assert(late.live === 0, `unmounted while starting: ${JSON.stringify(late)}`);
        assert(errors.length === 0, errors.join('\n'));
        await page.close();
      });

      await check(`${name}: <cccd-scanner> inside the app reads the card and releases the camera`, async () => {
        const { page, errors } = await openPage(`${server.url}/index.html?now=${NOW}`);
        await page.click('cccd-scanner button[part~="start"]');
        await page.waitForSelector('#el-card[data-id]', { timeout: 30000 });
        const id = await page.getAttribute('#el-card', 'data-id');
        assert(id === camId, `read ${id}, expected ${camId}`);
        await page.click('#toggle');
        await page.waitForFunction(() => liveTracks() === 0, null, { timeout: 5000 }).catch(() => {});
        const after = await tracks(page);
        assert(after.live === 0, `after unmount: ${JSON.stringify(after)}`);
        assert(errors.length === 0, errors.join('\n'));
        await page.close();
      });

      await check(`${name}: a name with a hidden U+202E is shown with the character made visible, never obeyed`, async () => {
        const { page, errors } = await openPage(`${server.url}/index.html?now=${NOW}`, rloBrowser);
        await page.click('#hook-start');
        await page.waitForSelector('#hook-card[data-id]', { timeout: 30000 });
        const name = await page.textContent('#hook-card dd');
        assert(name === 'Nguyễn Văn ⟦U+202E⟧An', `shown as ${JSON.stringify(name)}`);
        await page.click('#toggle');
        assert(errors.length === 0, errors.join('\n'));
        await page.close();
      });
    } finally {
      await server.close();
    }
  }
} finally {
  await rloBrowser.close();
  await browser.close();
  if (!process.env.KEEP_TMP) rmSync(work, { recursive: true, force: true });
}

const { passed, failed } = report('frameworks', { results, errors: [] });
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
