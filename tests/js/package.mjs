// Packaging test: `npm pack` the built package, install the tarball into fresh directories and use
// it as users do — Node import and CLI, a plain browser page, a Vite build, and `tsc --strict`.
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, cpSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';
import { launch, report } from './chromium.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = (name) => join(root, 'node_modules/.bin', name);
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
const run = (cmd, args, cwd, extra = {}) => spawnSync(cmd, args, { cwd, encoding: 'utf8', ...extra });
const npm = (args, cwd) => {
  const r = run('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], cwd);
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
};

const work = mkdtempSync(join(tmpdir(), 'cccd-verify-pkg-'));
const AN = '001090000123|012345678|Nguyễn Văn An|15031990|Nam|Số 1 Ngõ 2, Phường Láng Hạ, Quận Đống Đa, Hà Nội|20042021';

try {
  // 1. Pack: only the allow-listed files go in.
  const packJson = JSON.parse(npm(['pack', join(root, 'npm/pkg'), '--pack-destination', work, '--json'], work));
  const tarball = join(work, packJson[0].filename);
  await check('npm pack ships only dist/, docs/, examples/ (without DEMO data), README, CHANGELOG, SECURITY, LICENSE and package.json', () => {
    const files = packJson[0].files.map((f) => f.path).sort();
    const allowed = /^(package\.json|README\.md|CHANGELOG\.md|SECURITY\.md|LICENSE|dist\/[\w./-]+|docs\/[\w./-]+\.md|examples\/(?!demo\/)[\w./-]+)$/;
    const bad = files.filter((f) => !allowed.test(f));
    assert(bad.length === 0, `unexpected files in tarball: ${bad.join(', ')}`);
    for (const f of ['dist/index.js', 'dist/node.js', 'dist/verify.js', 'dist/index.d.ts', 'dist/verify.d.ts', 'dist/cli.js', 'dist/scanner-element.js', 'dist/scanner-element.d.ts', ...['scan', 'verify', 'image'].flatMap((m) => [`dist/wasm-${m}/cccd_verify_bg.wasm`, `dist/wasm-${m}/cccd_verify.js`])]) {
      assert(files.includes(f), `${f} missing from tarball (${files.join(', ')})`);
    }
  });
  await check('every relative link of the shipped README resolves inside the tarball (docs, API reference, examples)', () => {
    const files = packJson[0].files.map((f) => f.path);
    const readme = readFileSync(join(root, 'npm/pkg/README.md'), 'utf8');
    const links = [...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]).filter((l) => !/^[a-z]+:/.test(l));
    assert(links.length >= 10, `only ${links.length} relative links found`);
    const missing = links.filter((l) => !files.some((f) => f === l || f.startsWith(`${l.replace(/\/$/, '')}/`)));
    assert(missing.length === 0, `README links not in the tarball: ${missing.join(', ')}`);
    assert(files.includes('docs/api/README.md'), 'the API reference (docs/api) is not shipped');
  });

  // 2. A fresh Node project installs the tarball (no registry needed: the package has no dependencies).
  const app = join(work, 'app');
  cpSync(join(root, 'examples/browser'), app, { recursive: true });
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  npm(['install', tarball, '--offline'], app);

  await check('Node: `import` of the installed package works without flags or init()', () => {
    const script = `import { parseCccd, CccdVerifyError } from 'cccd-verify';
      const c = parseCccd(${JSON.stringify(AN)}, { now: '2026-11-27' });
      let code; try { parseCccd('not a card'); } catch (e) { code = e instanceof CccdVerifyError && e.code; }
      console.log(JSON.stringify([c.fullName, c.assurance, c.expiry.date, code]));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: app, encoding: 'utf8' });
    assert(out.trim() === JSON.stringify(['Nguyễn Văn An', 'unsigned', '2030-03-15', 'ERR_NOT_CCCD_PAYLOAD']), `got ${out}`);
  });

  await check('Node: cccd-verify/verify imports and verifies; deep imports outside the exports map are refused', () => {
    const sd = join(root, 'tests/data/sd-jwt');
    const script = `import { readFileSync } from 'node:fs';
      import { init, verifySdJwtVc } from 'cccd-verify/verify';
      await init();
      const read = (f) => readFileSync(${JSON.stringify(sd)} + '/' + f, 'utf8');
      const spec = JSON.parse(read('expected.json'));
      const vc = verifySdJwtVc(read('presentation.valid.txt').trim(), { trust: { anchors: [read('anchor.pem')] }, keyBinding: { nonce: spec.nonce, audience: spec.audience }, now: spec.now });
      let deep; try { await import('cccd-verify/dist/wasm-verify/host.js'); deep = 'imported'; } catch (e) { deep = e.code; }
      console.log(JSON.stringify([vc.issuer.iss === spec.iss, deep]));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: app, encoding: 'utf8' });
    assert(out.trim() === JSON.stringify([true, 'ERR_PACKAGE_PATH_NOT_EXPORTED']), `got ${out}`);
  });

  await check('Node: cccd-verify/verify verifies a DEMO mdoc and refuses a tampered one', () => {
    const md = join(root, 'examples/demo/mdoc');
    const script = `import { readFileSync } from 'node:fs';
      import { init, verifyMdoc, CccdVerifyError } from 'cccd-verify/verify';
      await init();
      const read = (f) => new Uint8Array(readFileSync(${JSON.stringify(md)} + '/' + f));
      const o = { trust: { anchors: [read('iaca.der')] }, transcript: read('transcript.annex-c.cbor'), now: 1795737600 };
      const v = verifyMdoc(read('mdl.annex-c.valid.cbor'), o);
      let code; try { verifyMdoc(read('mdl.tampered-element.rejects.cbor'), o); } catch (e) { code = e instanceof CccdVerifyError && e.code; }
      console.log(JSON.stringify([v.documents[0].claims['org.iso.18013.5.1'].family_name, code]));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: app, encoding: 'utf8' });
    assert(out.trim() === JSON.stringify(['Lê', 'ERR_MDOC_DIGEST_MISMATCH']), `got ${out}`);
  });

  await check('Node: the examples/node script runs against the installed package', () => {
    cpSync(join(root, 'examples/node/parse.mjs'), join(app, 'parse.mjs'));
    const r = run(process.execPath, ['parse.mjs', AN], app);
    assert(r.status === 0 && r.stdout.includes('Nguyễn Văn An — 001090000123'), `exit ${r.status}: ${r.stdout}${r.stderr}`);
    // Its built-in card reads as valid with today's date (it used to expire on 2026-11-30).
    const d = run(process.execPath, ['parse.mjs'], app);
    assert(d.status === 0 && d.stdout.includes('hết hạn: 2046-03-15'), `built-in card: exit ${d.status}: ${d.stdout}${d.stderr}`);
  });

  await check('CLI: npx cccd-verify parse — exit 0 valid, 1 rejected with JSON code, 2 usage', () => {
    const cli = (...args) => run('npx', ['--offline', 'cccd-verify', ...args], app);
    let r = cli('parse', '--now', '2026-11-27', AN);
    assert(r.status === 0 && /Nguyễn Văn An/.test(r.stdout), `valid: exit ${r.status}\n${r.stdout}${r.stderr}`);
    r = cli('parse', '--json', '--now', '2026-11-27', AN.replace('15031990', '15031991'));
    assert(r.status === 1 && JSON.parse(r.stdout).code === 'ID_BIRTH_YEAR_MISMATCH', `rejected card: exit ${r.status}\n${r.stdout}`);
    r = cli('parse', '--json', '--lang', 'vi', '001090000123|x');
    const j = JSON.parse(r.stdout);
    assert(r.status === 1 && j.ok === false && j.code === 'ERR_FIELD_MISSING' && /thiếu/.test(j.message), `bad payload: exit ${r.status}\n${r.stdout}`);
    const mrz = readFileSync(join(root, 'examples/demo/mrz-nguyen-van-an.txt'), 'utf8');
    r = cli('parse', '--json', '--now', '2026-11-27', '--mrz', mrz, AN);
    assert(r.status === 0 && JSON.parse(r.stdout).card.mrz.documentNumber === '090000123', `--mrz: exit ${r.status}\n${r.stdout}${r.stderr}`);
    r = cli('parse', '--json', '--mrz', mrz.replace('NGUYEN<<VAN<AN', 'NGUYEN<<VAN<BA'), AN, '--now', '2026-11-27');
    assert(r.status === 1 && JSON.parse(r.stdout).code === 'MRZ_NAME_MISMATCH', `--mrz mismatch: exit ${r.status}\n${r.stdout}`);
    r = run('npx', ['--offline', 'cccd-verify', 'parse', '-', '--now', '2026-11-27', '--json'], app, { input: AN + '\n' });
    assert(r.status === 0 && JSON.parse(r.stdout).ok === true, `stdin: exit ${r.status}\n${r.stdout}${r.stderr}`);
    for (const args of [[], ['parse'], ['frobnicate', 'x'], ['parse', '--lang', 'fr', AN], ['parse', '--bogus', AN], ['parse', '--now', 'yesterday', AN]]) {
      r = cli(...args);
      assert(r.status === 2, `usage ${JSON.stringify(args)}: exit ${r.status}\n${r.stdout}${r.stderr}`);
    }
    r = cli('--version');
    assert(r.status === 0 && r.stdout.trim() === packJson[0].version, `--version: ${r.stdout}`);
  });

  await check('CLI: npx cccd-verify scan — card from a frame, JSON line per file, exit 1 when a file has no code', () => {
    const frame = join(root, 'tests/data/frames/easy-000.jpg');
    const payload = readFileSync(join(root, 'tests/data/frames/easy-000.txt'), 'utf8');
    let r = run('npx', ['--offline', 'cccd-verify', 'scan', '--now', '2026-11-27', frame], app);
    assert(r.status === 0 && r.stdout.includes(payload), `single file: exit ${r.status}\n${r.stdout}${r.stderr}`);
    const blank = join(root, 'tests/data/frames/README.md');
    r = run('npx', ['--offline', 'cccd-verify', 'scan', '--now', '2026-11-27', frame, blank, join(work, 'missing.png')], app);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert(r.status === 1 && lines.length === 3, `several files: exit ${r.status}\n${r.stdout}${r.stderr}`);
    assert(lines[0].file === frame && lines[0].codes[0].text === payload && lines[0].card.idNumber.value === payload.slice(0, 12), `line 1: ${JSON.stringify(lines[0]).slice(0, 300)}`);
    assert(lines[1].card === null && lines[1].code === 'ERR_IMAGE_DECODE', `line 2: ${JSON.stringify(lines[1])}`);
    assert(lines[2].code === 'ERR_FILE_READ', `line 3: ${JSON.stringify(lines[2])}`);
    r = run('npx', ['--offline', 'cccd-verify', 'scan'], app);
    assert(r.status === 2, `scan without files: exit ${r.status}`);
  });

  await check('CLI: npx cccd-verify verify — exit 0 verified, 1 rejected with JSON code, 2 usage', () => {
    const sd = join(root, 'tests/data/sd-jwt');
    const spec = JSON.parse(readFileSync(join(sd, 'expected.json'), 'utf8'));
    const base = ['--nonce', spec.nonce, '--aud', spec.audience, '--anchor', join(sd, 'anchor.pem'), '--now', String(spec.now), '--json'];
    let r = run('npx', ['--offline', 'cccd-verify', 'verify', join(sd, 'presentation.valid.txt'), ...base], app);
    assert(r.status === 0 && JSON.parse(r.stdout).ok === true && JSON.parse(r.stdout).claims.given_name === 'Thị Cúc', `valid: exit ${r.status}\n${r.stdout}${r.stderr}`);
    r = run('npx', ['--offline', 'cccd-verify', 'verify', '-', ...base], app, { input: readFileSync(join(sd, 'presentation.wrong-audience.rejects.txt')) });
    assert(r.status === 1 && JSON.parse(r.stdout).code === 'ERR_KB_AUDIENCE_MISMATCH', `rejected: exit ${r.status}\n${r.stdout}${r.stderr}`);
    const withStatus = [join(sd, 'presentation.with-status.valid.txt'), ...base, '--status-anchor', join(sd, 'anchor.pem'), '--status-list'];
    r = run('npx', ['--offline', 'cccd-verify', 'verify', ...withStatus, join(sd, 'status-list.valid.jwt')], app);
    assert(r.status === 0 && JSON.parse(r.stdout).status.verdict === 'valid', `status valid: exit ${r.status}\n${r.stdout}${r.stderr}`);
    r = run('npx', ['--offline', 'cccd-verify', 'verify', ...withStatus, join(sd, 'status-list.suspended.jwt')], app);
    assert(r.status === 1 && JSON.parse(r.stdout).code === 'ERR_STATUS_SUSPENDED', `status suspended: exit ${r.status}\n${r.stdout}${r.stderr}`);
    r = run('npx', ['--offline', 'cccd-verify', 'verify', ...withStatus.slice(0, -1), '--status', 'required'], app);
    assert(r.status === 1 && JSON.parse(r.stdout).code === 'ERR_STATUS_LIST_MISSING', `status required, no list: exit ${r.status}\n${r.stdout}${r.stderr}`);
    const viaList = [join(sd, 'presentation.valid.txt'), '--nonce', spec.nonce, '--aud', spec.audience, '--trust-list-signer', join(sd, 'anchor.pem'), '--now', String(spec.now), '--json', '--trust-list'];
    r = run('npx', ['--offline', 'cccd-verify', 'verify', ...viaList, join(sd, 'trust-list.jwt')], app);
    assert(r.status === 0 && JSON.parse(r.stdout).trustList.sequence === 7, `trust list: exit ${r.status}\n${r.stdout}${r.stderr}`);
    r = run('npx', ['--offline', 'cccd-verify', 'verify', ...viaList, join(sd, 'trust-list.seq6.jwt'), '--min-sequence', '7'], app);
    assert(r.status === 1 && JSON.parse(r.stdout).code === 'ERR_TRUST_LIST_ROLLBACK', `min sequence: exit ${r.status}\n${r.stdout}${r.stderr}`);
    r = run('npx', ['--offline', 'cccd-verify', 'verify', ...viaList, join(sd, 'trust-list.other-vct.jwt')], app);
    assert(r.status === 1 && JSON.parse(r.stdout).code === 'ERR_TRUST_LIST_VCT_NOT_ALLOWED', `vct: exit ${r.status}\n${r.stdout}${r.stderr}`);
    r = run('npx', ['--offline', 'cccd-verify', 'verify', ...viaList, join(sd, 'trust-list.stale.jwt'), '--stale', 'warn'], app);
    assert(r.status === 0 && JSON.parse(r.stdout).trustList.stale === true, `stale warn: exit ${r.status}\n${r.stdout}${r.stderr}`);
    for (const args of [[join(sd, 'presentation.valid.txt'), '--nonce', 'n', '--aud', 'a'], [join(sd, 'presentation.valid.txt'), '--anchor', join(sd, 'anchor.pem')], [join(sd, 'presentation.valid.txt'), '--anchor', join(sd, 'anchor.pem'), '--no-key-binding', '--nonce', 'n']]) {
      r = run('npx', ['--offline', 'cccd-verify', 'verify', ...args], app);
      assert(r.status === 2, `usage ${JSON.stringify(args)}: exit ${r.status}\n${r.stdout}${r.stderr}`);
    }
  });

  await check('CLI: files and stdin are read up to their budget only (/dev/zero is refused, not read until killed)', () => {
    if (process.platform === 'win32') return;
    const sd = join(root, 'tests/data/sd-jwt');
    const spec = JSON.parse(readFileSync(join(sd, 'expected.json'), 'utf8'));
    const cliJs = join(app, 'node_modules/cccd-verify/dist/cli.js');
    // node directly (not npx), so that the timeout kills the process that reads.
    const cli = (args, { stdin = 'pipe', input } = {}) => {
      const r = spawnSync(process.execPath, [cliJs, ...args], { cwd: app, encoding: 'utf8', timeout: 20000, killSignal: 'SIGKILL', stdio: [stdin, 'pipe', 'pipe'], input });
      assert(!r.error && r.signal === null, `${JSON.stringify(args)}: ${r.error || r.signal} (not bounded?)`);
      return r;
    };
    const tooLarge = (r, what) => {
      const line = JSON.parse(r.stdout.trim().split('\n')[0]);
      assert(r.status === 1 && line.code === 'ERR_INPUT_TOO_LARGE', `${what}: exit ${r.status}\n${r.stdout}${r.stderr}`);
      return line;
    };
    const zero = openSync('/dev/zero', 'r');
    try {
      const j = tooLarge(cli(['parse', '-', '--json'], { stdin: zero }), 'parse - < /dev/zero');
      assert(j.params.max === 4096 && j.params.len === 4097, `parse params ${JSON.stringify(j.params)}`);
    } finally {
      closeSync(zero);
    }
    const base = ['--nonce', spec.nonce, '--aud', spec.audience, '--now', String(spec.now), '--json'];
    const anchor = join(sd, 'anchor.pem');
    tooLarge(cli(['verify', '/dev/zero', ...base, '--anchor', anchor]), 'verify /dev/zero');
    tooLarge(cli(['verify', join(sd, 'presentation.valid.txt'), ...base, '--anchor', '/dev/zero']), '--anchor /dev/zero');
    tooLarge(cli(['verify', join(sd, 'presentation.with-status.valid.txt'), ...base, '--anchor', anchor, '--status-anchor', anchor, '--status-list', '/dev/zero']), '--status-list /dev/zero');
    tooLarge(cli(['verify', join(sd, 'presentation.valid.txt'), ...base, '--trust-list-signer', anchor, '--trust-list', '/dev/zero']), '--trust-list /dev/zero');
    const scanned = tooLarge(cli(['scan', '--json', '/dev/zero']), 'scan /dev/zero');
    assert(scanned.file === '/dev/zero' && scanned.card === null, JSON.stringify(scanned));
    // Inputs within the budget still work, from a file and from stdin.
    const r = cli(['verify', '-', ...base, '--anchor', anchor], { input: readFileSync(join(sd, 'presentation.valid.txt')) });
    assert(r.status === 0 && JSON.parse(r.stdout).ok === true, `stdin presentation: exit ${r.status}\n${r.stdout}${r.stderr}`);
  });

  await check('CLI: control characters from the QR code never reach the terminal raw', () => {
    // ESC ] 0 ; … BEL sets the terminal title; U+009B is the C1 CSI.
    const evil = AN.replace('Nguyễn Văn An', 'Nguyễn Văn An\x1b]0;pwned\x07').replace('Số 1', 'Số 1\u009b2J');
    const raw = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
    let r = run('npx', ['--offline', 'cccd-verify', 'parse', '--now', '2026-11-27', evil], app);
    // Exit 1: controls in shown text make the card invalid (TEXT_CONTROL_CHARACTER).
    assert(r.status === 1 && !raw.test(r.stdout) && !raw.test(r.stderr), `human output carries raw controls (exit ${r.status}):\n${JSON.stringify(r.stdout)}`);
    assert(r.stdout.includes('TEXT_CONTROL_CHARACTER'), `no TEXT_CONTROL_CHARACTER finding:\n${r.stdout}`);
    assert(r.stdout.includes('An\\x1B]0;pwned\\x07') && r.stdout.includes('1\\x9B2J'), `escapes missing:\n${r.stdout}`);
    r = run('npx', ['--offline', 'cccd-verify', 'parse', '--json', '--now', '2026-11-27', evil], app);
    assert(r.status === 1 && !raw.test(r.stdout), `JSON output carries raw controls (exit ${r.status}):\n${JSON.stringify(r.stdout)}`);
    const card = JSON.parse(r.stdout).card;
    assert(card.fullName === 'Nguyễn Văn An\x1b]0;pwned\x07' && card.address.startsWith('Số 1\u009b2J'), 'JSON must carry the text unchanged');
  });

  // 3. TypeScript: the typed usage example compiles under --strict; misuse does not.
  await check('tsc --strict accepts the typed usage example', () => {
    cpSync(join(root, 'examples/typed-usage.ts'), join(app, 'typed-usage.ts'));
    const r = run(bin('tsc'), ['--strict', '--noEmit', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--lib', 'es2022,dom', 'typed-usage.ts'], app);
    assert(r.status === 0, `tsc failed:\n${r.stdout}${r.stderr}`);
  });
  await check('tsc --strict rejects misuse (wrong input type, unknown error code, unnarrowed expiry)', () => {
    cpSync(join(root, 'tests/js/types-misuse.ts'), join(app, 'types-misuse.ts'));
    const r = run(bin('tsc'), ['--strict', '--noEmit', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--lib', 'es2022,dom', 'types-misuse.ts'], app);
    const got = [...new Set([...r.stdout.matchAll(/^types-misuse\.ts\((\d+),\d+\): error TS\d+/gm)].map((m) => Number(m[1])))];
    const want = readFileSync(join(root, 'tests/js/types-misuse.ts'), 'utf8')
      .split('\n')
      .flatMap((line, i) => (line.startsWith('// @expect-error') ? [i + 2] : []));
    assert(r.status !== 0 && JSON.stringify(got) === JSON.stringify(want), `type errors on lines ${got}, expected on ${want}:\n${r.stdout}`);
  });

  // 4. Browsers: the plain page (import map into node_modules) and a Vite build.
  const bundler = join(work, 'bundler');
  cpSync(join(root, 'examples/bundler'), bundler, { recursive: true, filter: (s) => !s.includes('node_modules') && !s.includes('/dist') });
  writeFileSync(join(bundler, 'package.json'), JSON.stringify({ name: 'bundler-app', private: true, type: 'module' }));
  npm(['install', tarball, '--offline'], bundler);
  await check('Vite builds the bundler example and emits the .wasm as an asset', () => {
    const r = run(bin('vite'), ['build', '--logLevel', 'warn'], bundler);
    assert(r.status === 0, `vite build failed:\n${r.stdout}${r.stderr}`);
    const assets = readdirSync(join(bundler, 'dist/assets'));
    assert(assets.some((f) => f.endsWith('.wasm')), `no .wasm in dist/assets: ${assets.join(', ')}`);
  });

  const browser = await launch();
  try {
    const pageCheck = async (name, dir, path, act, headers = {}) => {
      const server = await serve(dir, {}, { headers });
      try {
        await check(name, async () => {
          const page = await browser.newPage();
          const errors = [];
          page.on('pageerror', (e) => errors.push(e.message));
          page.on('console', (m) => { if (/Content.Security.Policy|Trusted Type/i.test(m.text())) errors.push(`console: ${m.text()}`); });
          page.on('request', (req) => {
            if (!req.url().startsWith(server.url) && !req.url().startsWith('data:')) errors.push(`request left 127.0.0.1: ${req.url()}`);
          });
          await page.addInitScript(() => {
            window.__violations = [];
            document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
          });
          await page.goto(`${server.url}${path}`);
          const text = await act(page);
          await page.close();
          assert(errors.length === 0, errors.join('\n'));
          assert(server.requests.some((p) => p.endsWith('.wasm')), `the page never fetched a .wasm: ${server.requests.join(', ')}`);
          return text;
        });
      } finally {
        await server.close();
      }
    };
    await pageCheck('browser: the plain example page reads a card from the installed package, under the strict CSP', app, '/index.html', async (page) => {
      await page.waitForSelector('body[data-ready="true"]');
      await page.click('#read');
      const status = await page.getAttribute('#out', 'data-status');
      const text = await page.textContent('#out');
      assert(status === 'valid' && text.includes('Nguyễn Văn An'), `status ${status}: ${text}`);
      await page.fill('#payload', '001090000123|x');
      await page.click('#read');
      assert((await page.getAttribute('#out', 'data-status')) === 'ERR_FIELD_MISSING', 'error status');
      // Under the README's strict policy: a violation is reported by the page and fails the check.
      const violations = await page.evaluate(() => window.__violations ?? []);
      assert(violations.length === 0, `CSP violations: ${violations.join('; ')}`);
    }, { 'content-security-policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; require-trusted-types-for 'script'; object-src 'none'; base-uri 'none'" });
    await pageCheck('browser: the Vite build runs under the strict CSP', join(bundler, 'dist'), '/index.html', async (page) => {
      await page.waitForSelector('#out[data-status]');
      const text = await page.textContent('#out');
      assert(text.includes('Phạm Văn Dũng · 052092000321 · canCuoc2024') && text.includes('unsigned'), text);
      const violations = await page.evaluate(() => window.__violations ?? []);
      assert(violations.length === 0, `CSP violations: ${violations.join('; ')}`);
    }, { 'content-security-policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; require-trusted-types-for 'script'; object-src 'none'; base-uri 'none'" });
  } finally {
    await browser.close();
  }
} finally {
  if (!process.env.KEEP_TMP) rmSync(work, { recursive: true, force: true });
  else console.log(`kept ${work}`);
}

const { passed, failed } = report('package', { results, errors: [] });
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
