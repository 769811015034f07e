// End to end: examples/billing-portal with its own Node server, in headless Chromium with the fake
// camera playing a generated card (tools/framegen) whose QR code is a DEMO person's
// (tests/data/chip/expected.json: Trần Thị Bình, an old address in Nam Định). The page scans with
// the CameraScanner (worker) under the server's strict CSP + Trusted Types, registers, looks the account up
// again, and verifies chip dumps: the DEMO chip answering the server's own Active Authentication
// challenge (the test plays the company's native app with examples/billing-portal/
// demo-native-app.mjs), a replayed answer, and a tampered dump. Both the page's and the server's
// verdicts are checked, the ID number must be masked in the DOM and in the server's log, and the
// server must re-verify what it is sent (direct requests that skip the page).
//   node tests/js/billing.mjs        (after `make package` and `make framegen`)
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, report } from './chromium.mjs';
import { answerChallenge } from '../../examples/billing-portal/demo-native-app.mjs';
import { addressProvince, maskDigits, maskId, provinceTable } from '../../examples/billing-portal/portal.js';
import { parseCccd } from '../../npm/pkg/dist/node.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const chipDir = join(root, 'tests/data/chip');
const spec = JSON.parse(readFileSync(join(chipDir, 'expected.json'), 'utf8'));
const framegen = join(root, 'tools/framegen/target/release/framegen');
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

const PERSON = spec.dumps.find((d) => d.file === 'tran-thi-binh.valid.json');
const ID = PERSON.qr.split('|')[0];
const MASKED = `********${ID.slice(-4)}`;
const TAMPERED = spec.dumps.find((d) => d.file === 'nguyen-van-an.dg13-tampered.rejects.json');
const CSCAS = spec.trust.cscas.map((f) => join(chipDir, f)).join(',');

await check('portal.js: the province an address ends with and its 2025 unit, from the package\'s table; masking', () => {
  const table = provinceTable(parseCccd, spec.nowIso.slice(0, 10));
  assert(table.filter((p) => p.former).length === 63, `${table.filter((p) => p.former).length} former provinces`);
  const cases = [
    ['Thôn 3, Xã Cát Hanh, Huyện Phù Cát, Bình Định', 'Bình Định', 'Gia Lai'],
    ['Xã Phú Mậu, Tỉnh Thừa Thiên Huế.', 'Thừa Thiên Huế', 'Huế'], // not "Huế": the longest name wins
    ['Phường Phú Xuân, Thành phố Huế', 'Huế', 'Huế'], // already the 2025 name
    ['Phường 1, TP Vũng Tàu, Bà Rịa-Vũng Tàu', 'Bà Rịa - Vũng Tàu', 'Hồ Chí Minh'], // hyphen spacing
    ['Xã Yên Hoà, Huyện Yên Thủy, Hoà Bình', 'Hòa Bình', 'Phú Thọ'], // old tone-mark placement
    ['12/3 Đường Số 5, Phường 7, Quận Gò Vấp, TP. Hồ Chí Minh', 'Hồ Chí Minh', 'Hồ Chí Minh'],
  ];
  for (const [address, name, successor] of cases) {
    const p = addressProvince(address, table);
    assert(p && p.name === name && p.successor === successor && p.renamed === (name !== successor), `${address}: ${JSON.stringify(p)}`);
  }
  // Not at the end, not on a word boundary, an abbreviation: no guess.
  for (const address of ['Nam Định, Phường 3', 'Khu phố ThanhHà Nam', 'Quận 1, TP.HCM']) {
    assert(addressProvince(address, table) === null, `${address}: ${JSON.stringify(addressProvince(address, table))}`);
  }
  assert(maskId(ID) === MASKED && maskId('012345678') === '*****5678', maskId(ID));
  assert(maskDigits(`id=${ID} old=012345678 tel=0912345`) === `id=${MASKED} old=*****5678 tel=0912345`, maskDigits(`id=${ID}`));
});

const work = mkdtempSync(join(tmpdir(), 'cccd-billing-'));
const y4m = join(work, 'card.y4m');
execFileSync(framegen, ['y4m', '--seed', '21', '--out', y4m, '--width', '1280', '--height', '720', '--frames', '12', '--tier', 'easy', '--text', PERSON.qr], { stdio: 'pipe' });
const app = join(work, 'app');
cpSync(join(root, 'examples/billing-portal'), app, { recursive: true });
mkdirSync(join(app, 'node_modules'));
symlinkSync(join(root, 'npm/pkg'), join(app, 'node_modules/cccd-verify'), 'dir');

function freePort() {
  return new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/** Starts server.mjs; resolves to { origin, output(), kill() } once it listens. */
async function startServer(env) {
  const port = await freePort();
  const child = spawn(process.execPath, ['server.mjs'], { cwd: app, env: { ...process.env, PORT: String(port), NOW: spec.nowIso, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  await new Promise((ok, fail) => {
    child.stdout.on('data', () => out.includes('billing portal on') && ok());
    child.on('exit', (code) => fail(new Error(`server exited ${code}: ${out}`)));
  });
  return { origin: `http://127.0.0.1:${port}`, output: () => out, kill: () => child.kill() };
}

const post = async (origin, path, data) => (await fetch(`${origin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(data) })).json();

const server = await startServer({ CSCAS });
const browser = await launch(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${y4m}`]);

// Before any page script: record CSP violations.
const INIT = () => {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
};

async function openPage() {
  const page = await browser.newPage();
  const errors = [];
  const wasm = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon/.test(m.text() + (m.location().url ?? ''))) errors.push(`console.error: ${m.text()}`);
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(server.origin) && !/^(data|blob):/.test(r.url())) errors.push(`request left the origin: ${r.url()}`);
    if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname.replace(/^.*\/dist\//, ''));
  });
  await page.addInitScript(INIT);
  const response = await page.goto(`${server.origin}/`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  return { page, errors, wasm, csp: response.headers()['content-security-policy'] };
}

/** Scans the card with the camera; resolves when the lookup answered. */
async function scan(page) {
  await page.click('#camera');
  await page.waitForSelector('body[data-lookup], body[data-error]', { timeout: 30000 });
}

/** Every text and attribute of the page. */
const pageText = (page) => page.evaluate(() => `${document.documentElement.outerHTML}\n${document.body.innerText}`);

/** Chooses a chip dump (JSON text) in the page; resolves when the server answered. */
async function uploadDump(page, json) {
  const file = join(work, `dump-${Date.now()}.json`);
  writeFileSync(file, json);
  await page.evaluate(() => {
    delete document.body.dataset.chipServer;
    delete document.body.dataset.chipLocal;
  });
  await page.setInputFiles('#dump', file);
  await page.waitForSelector('body[data-chip-server]', { timeout: 60000 });
  return page.evaluate(() => ({
    local: document.body.dataset.chipLocal,
    server: document.body.dataset.chipServer,
    linked: document.body.dataset.chipLinked,
    serverRows: [...document.querySelectorAll('#chip-server li')].map((li) => ({ key: li.dataset.key, ok: li.dataset.ok, code: li.dataset.code, text: li.textContent })),
    localRows: [...document.querySelectorAll('#chip-local li')].map((li) => ({ key: li.dataset.key, ok: li.dataset.ok, code: li.dataset.code })),
    chipStatus: document.getElementById('acc-chip').textContent,
  }));
}

let accountNumber;
try {
  await check('scan → no account → register: the account shows the ID masked, the old address\'s province with its 2025 successor; strict CSP + Trusted Types, no violation', async () => {
    const { page, errors, wasm, csp } = await openPage();
    assert(/require-trusted-types-for 'script'/.test(csp) && /script-src 'self' 'wasm-unsafe-eval'/.test(csp), `CSP ${csp}`);
    await scan(page);
    assert((await page.getAttribute('body', 'data-lookup')) === 'not-found', `lookup ${await page.getAttribute('body', 'data-lookup')} ${await page.getAttribute('body', 'data-error')}`);
    const card = await page.evaluate(() => ({ id: document.getElementById('card-id').textContent, province: document.getElementById('card-province').textContent, birth: document.getElementById('card-birth').textContent }));
    assert(card.id === MASKED, `card id shown as ${card.id}`);
    assert(card.province === 'Nam Định → Ninh Bình (sáp nhập 2025)', `address province ${card.province}`);
    assert(card.birth === 'Nam Định → Ninh Bình (sáp nhập 2025)', `birth province ${card.birth}`);
    await page.click('#svc-water');
    await page.click('#register-button');
    await page.waitForSelector('body[data-account]', { timeout: 30000 });
    const acc = await page.evaluate(() => Object.fromEntries(['number', 'name', 'id', 'province', 'services', 'chip'].map((k) => [k, document.getElementById(`acc-${k}`).textContent])));
    accountNumber = acc.number;
    assert(/^KH\d{6}$/.test(acc.number) && acc.name === 'Trần Thị Bình' && acc.id === MASKED, JSON.stringify(acc));
    assert(acc.province.startsWith('Nam Định → Ninh Bình') && acc.services === 'Điện, Nước' && acc.chip === 'Chưa xác minh', JSON.stringify(acc));
    assert(!(await pageText(page)).includes(ID), 'the full ID number is in the DOM');
    // Before any chip: the scan module only (the page's parser and the scanner's worker), never verify or image.
    assert(JSON.stringify([...new Set(wasm)]) === JSON.stringify(['wasm-scan/cccd_verify_bg.wasm']), `wasm before any chip: ${JSON.stringify(wasm)}`);
    assert((await page.evaluate(() => window.__violations)).length === 0, `CSP violations: ${await page.evaluate(() => window.__violations.join('; '))}`);
    assert(errors.length === 0, errors.join('\n'));
    // English: the same facts in English.
    await page.selectOption('#lang', 'en');
    const en = await page.evaluate(() => ({ province: document.getElementById('acc-province').textContent, services: document.getElementById('acc-services').textContent }));
    assert(en.province === 'Nam Định → Ninh Bình (2025 merger)' && en.services === 'Electricity, Water', JSON.stringify(en));
    await page.close();
  });

  await check('scanning the card again looks the account up (same customer number)', async () => {
    const { page, errors } = await openPage();
    await scan(page);
    assert((await page.getAttribute('body', 'data-lookup')) === 'found', `lookup ${await page.getAttribute('body', 'data-lookup')}`);
    assert((await page.getAttribute('body', 'data-account')) === accountNumber, 'another account');
    assert(errors.length === 0, errors.join('\n'));
    await page.close();
  });

  await check('chip: the DEMO chip answering the server\'s challenge → authentic data (demo CSCA), genuine chip, QR consistent, in the browser and on the server; linked to the account', async () => {
    const { page, errors, wasm } = await openPage();
    await scan(page);
    await page.waitForSelector('body[data-challenge]');
    const challenge = await page.getAttribute('body', 'data-challenge');
    assert(/^[0-9a-f]{16}$/.test(challenge) && challenge !== PERSON.activeAuthentication.challenge, `challenge ${challenge}`);
    const r = await uploadDump(page, answerChallenge(readFileSync(join(chipDir, PERSON.file), 'utf8'), challenge));
    assert(r.local === 'authentic' && r.server === 'authentic' && r.linked === 'true', JSON.stringify(r));
    assert(JSON.stringify(r.serverRows.map((x) => [x.key, x.ok])) === JSON.stringify([['data', 'true'], ['chip', 'true'], ['qr', 'true']]), JSON.stringify(r.serverRows));
    assert(JSON.stringify(r.localRows.map((x) => [x.key, x.ok])) === JSON.stringify([['data', 'true'], ['chip', 'true'], ['qr', 'true']]), JSON.stringify(r.localRows));
    assert(/Chip Authentication \(DG14\)/.test(r.serverRows[1].text), `DG14 reported: ${r.serverRows[1].text}`);
    assert(r.chipStatus === 'Chip thật, dữ liệu xác thực', `account chip status ${r.chipStatus}`);
    // The challenge is renewed after each use.
    assert((await page.getAttribute('body', 'data-challenge')) !== challenge, 'the challenge was not renewed');
    assert(wasm.includes('wasm-verify/cccd_verify_bg.wasm') && !wasm.some((w) => w.startsWith('wasm-image')), `wasm: ${JSON.stringify(wasm)}`);
    assert(!(await pageText(page)).includes(ID), 'the full ID number is in the DOM');
    assert(errors.length === 0, errors.join('\n'));
    await page.close();
  });

  await check('chip: another person\'s genuine chip (Lê Thị Cúc\'s, answering the challenge) on this account → QR NOT consistent, named fields; not linked', async () => {
    const { page, errors } = await openPage();
    await scan(page);
    await page.waitForSelector('body[data-challenge]');
    const challenge = await page.getAttribute('body', 'data-challenge');
    const r = await uploadDump(page, answerChallenge(readFileSync(join(chipDir, 'le-thi-cuc.valid.json'), 'utf8'), challenge));
    assert(r.server === 'authentic' && r.local === 'authentic' && r.linked === 'false', JSON.stringify(r));
    assert(JSON.stringify(r.serverRows.map((x) => [x.key, x.ok])) === JSON.stringify([['data', 'true'], ['chip', 'true'], ['qr', 'false']]), JSON.stringify(r.serverRows));
    assert(/idNumber/.test(r.serverRows[2].text) && /fullName/.test(r.serverRows[2].text), `mismatching fields: ${r.serverRows[2].text}`);
    const status = await page.textContent('#chip-status');
    assert(/KHÔNG gắn chip/.test(status) && /người khác/.test(status), `status ${status}`);
    assert(r.chipStatus === 'Chip thật, dữ liệu xác thực', `the account keeps its earlier chip: ${r.chipStatus}`);
    assert(!(await pageText(page)).includes('079301000789'), 'the other person\'s full ID number is in the DOM');
    assert(errors.length === 0, errors.join('\n'));
    await page.close();
  });

  await check('chip: the dump as shipped (its answer is to another challenge: a replay) is rejected by the browser and the server, ERR_CHIP_AA_FAILED', async () => {
    const { page, errors } = await openPage();
    await scan(page);
    await page.waitForSelector('body[data-challenge]');
    const r = await uploadDump(page, readFileSync(join(chipDir, PERSON.file), 'utf8'));
    assert(r.local === 'ERR_CHIP_AA_FAILED' && r.server === 'ERR_CHIP_AA_FAILED' && r.serverRows[0].code === 'ERR_CHIP_AA_FAILED', JSON.stringify(r));
    assert(errors.length === 0, errors.join('\n'));
    await page.close();
  });

  await check(`chip: a tampered dump (${TAMPERED.file}) is rejected by the browser and the server with ${TAMPERED.expected}`, async () => {
    const { page, errors } = await openPage();
    await scan(page);
    await page.waitForSelector('body[data-challenge]');
    const r = await uploadDump(page, readFileSync(join(chipDir, TAMPERED.file), 'utf8'));
    assert(r.local === TAMPERED.expected && r.server === TAMPERED.expected, JSON.stringify(r));
    assert(r.serverRows.length === 1 && r.serverRows[0].code === TAMPERED.expected && r.serverRows[0].text.includes(TAMPERED.expected), JSON.stringify(r.serverRows));
    assert(errors.length === 0, errors.join('\n'));
    await page.close();
  });
} finally {
  await browser.close();
}

await check('the server re-verifies: a QR text that is no CCCD, and one whose ID number contradicts its sex field, are refused with their codes; a chip session is single use', async () => {
  const notCard = await post(server.origin, '/api/register', { qr: 'https://shop.example.invalid/?id=7', services: ['water'] });
  assert(notCard.ok === false && /^ERR_/.test(notCard.code), JSON.stringify(notCard));
  const fields = PERSON.qr.split('|');
  fields[4] = 'Nam'; // the ID number's century digit says female
  const wrongSex = await post(server.origin, '/api/register', { qr: fields.join('|'), services: ['water'] });
  assert(wrongSex.ok === false && wrongSex.code === 'ID_SEX_MISMATCH', JSON.stringify(wrongSex));
  const ch = await post(server.origin, '/api/chip/challenge', { account: accountNumber });
  const dump = answerChallenge(readFileSync(join(chipDir, PERSON.file), 'utf8'), ch.challenge);
  const first = await post(server.origin, '/api/chip/verify', { session: ch.session, dump });
  const again = await post(server.origin, '/api/chip/verify', { session: ch.session, dump });
  assert(first.ok && first.summary.verdict === 'authentic' && again.ok === false && again.code === 'UNKNOWN_SESSION', JSON.stringify({ first, again }));
  const source = await fetch(`${server.origin}/server.mjs`);
  assert(source.status === 404, `server.mjs served: ${source.status}`);
});

for (const [label, cscas, issuerError] of [
  ['no CSCA configured (CSCAS empty: no public CSCA signs CCCD document signers today)', '', null],
  ['a configured CSCA the chip\'s document signer does not chain to (CSCA 1 only; Trần Thị Bình\'s chip is under the RSA-PSS CSCA)', join(chipDir, 'pki/csca-1-brainpoolP512r1.pem'), 'ERR_CERT_UNKNOWN_ISSUER'],
]) {
  await check(`${label}: the same chip is "data intact, issuer not verified" (${issuerError ?? 'no code'}), never authentic`, async () => {
    const other = await startServer({ CSCAS: cscas });
    try {
      const reg = await post(other.origin, '/api/register', { qr: PERSON.qr, services: ['electricity'] });
      const ch = await post(other.origin, '/api/chip/challenge', { account: reg.account.number });
      const r = await post(other.origin, '/api/chip/verify', { session: ch.session, dump: answerChallenge(readFileSync(join(chipDir, PERSON.file), 'utf8'), ch.challenge), lang: 'en' });
      assert(r.ok && r.summary.verdict === 'intactIssuerNotVerified' && r.summary.issuerError === issuerError, JSON.stringify(r));
      assert(r.summary.activeAuthentication === 'verified' && r.summary.qrConsistent === true && r.linked === true, JSON.stringify(r));
      assert(r.account.chip.verdict === 'intactIssuerNotVerified', JSON.stringify(r.account.chip));
      assert(!other.output().includes(ID), 'full ID in the log');
    } finally {
      other.kill();
    }
  });
}

await check('the server log names the account by number and masked ID only: no full ID number, no run of 9+ digits', async () => {
  const out = server.output();
  assert(out.includes(`id=${MASKED}`) && out.includes(`chip-id=${MASKED}`), `masked ID missing from the log:\n${out}`);
  assert(!out.includes(ID) && !/\d{9,}/.test(out), `unmasked digits in the log:\n${out}`);
  console.log(out.trim().split('\n').map((l) => `# server: ${l}`).join('\n'));
});

server.kill();
rmSync(work, { recursive: true, force: true });
const { passed, failed } = report('billing', { results, errors: [] });
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
