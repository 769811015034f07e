// The customer's page: scan the card's QR (camera, decoded in a worker, or a photo), look the
// account up (or register it), and verify a chip dump from the company's native app. Everything
// the page concludes is for the customer's eyes: server.mjs re-verifies and decides. Modules by
// path (an import map is an inline script, which the strict CSP blocks); the verify module
// (chips) loads only when a dump is chosen.
import { CameraScanner, init, parseCccd, scanImageFile } from './node_modules/cccd-verify/dist/scan.js';
import { addressProvince, maskId, provinceTable, summarize, verdictRows } from './portal.js';

const TEXT = {
  vi: {
    title: 'Cổng khách hàng điện nước', language: 'Ngôn ngữ', scanTitle: 'Đăng ký hoặc tra cứu bằng thẻ CCCD',
    intro: 'Quét mã QR trên thẻ CCCD / Căn cước của chủ hợp đồng.', camera: 'Quét bằng camera', stop: 'Dừng camera', photo: 'Chọn ảnh thẻ',
    scanning: 'Đưa mã QR trên thẻ vào khung…', reading: 'Đang đọc ảnh…', cardRead: 'Đã đọc thẻ.',
    unsigned: 'Mã QR trên thẻ không có chữ ký số: nó giúp tìm tài khoản và điền thông tin, nhưng không chứng minh danh tính. Xác minh chip (bên dưới) mới chứng minh được.',
    cardTitle: 'Thẻ vừa quét', name: 'Họ và tên', id: 'Số CCCD', dob: 'Ngày sinh', address: 'Địa chỉ thường trú',
    province: 'Tỉnh/thành (từ 1/7/2025)', birthProvince: 'Nơi đăng ký khai sinh', services: 'Dịch vụ', electricity: 'Điện', water: 'Nước',
    registerButton: 'Đăng ký tài khoản', accountTitle: 'Tài khoản', accountNumber: 'Mã khách hàng', serviceAddress: 'Địa chỉ',
    chipStatus: 'Xác minh chip', chipTitle: 'Xác minh chip (qua ứng dụng của công ty)',
    chipIntro: 'Ứng dụng điện thoại của công ty đọc chip qua NFC, trả lời thử thách dưới đây, và xuất tệp icao9303-dump/1. Chọn tệp đó để xác minh.',
    demoCscas: 'CSCA DEMO của kho mã nguồn: chỉ chip DEMO mới "xác thực"; khóa của chúng được công bố, đừng tin ngoài thử nghiệm.',
    challenge: 'Thử thách (Active Authentication)', dumpFile: 'Chọn tệp dữ liệu chip (.json)', serverCheck: 'Máy chủ xác minh',
    browserCheck: 'Trình duyệt xác minh (chỉ để hiển thị)',
    looking: 'Đang tra cứu…', found: 'Đã tìm thấy tài khoản.', registered: 'Đã đăng ký.', verifying: 'Đang xác minh chip…',
    renamed: (p) => `${p.name} → ${p.successor} (sáp nhập 2025)`, same: (p) => `${p.name} (không đổi)`,
    unknownProvince: 'Không nhận ra tỉnh/thành cũ ở cuối địa chỉ.', abroad: 'Ngoài Việt Nam', noChip: 'Chưa xác minh',
    chipLinked: (c) => (c.verdict === 'authentic' ? 'Chip thật, dữ liệu xác thực' : `Chip thật, dữ liệu nguyên vẹn; chưa xác minh cơ quan cấp (${c.issuerError ?? 'chưa cấu hình CSCA'})`),
    linked: 'Máy chủ đã gắn chip với tài khoản.', notLinked: 'Máy chủ KHÔNG gắn chip với tài khoản.', rejected: 'Bị từ chối',
    svc: { electricity: 'Điện', water: 'Nước' },
  },
  en: {
    title: 'Electricity & water customer portal', language: 'Language', scanTitle: 'Register or look up with your CCCD card',
    intro: 'Scan the QR code on the account holder\'s CCCD / Căn cước card.', camera: 'Scan with camera', stop: 'Stop camera', photo: 'Choose a photo',
    scanning: 'Hold the QR code on the card inside the frame…', reading: 'Reading the photo…', cardRead: 'Card read.',
    unsigned: 'The QR code on the card is not digitally signed: it finds your account and fills in details, but does not prove identity. Only the chip check below does.',
    cardTitle: 'Card scanned', name: 'Full name', id: 'ID number', dob: 'Date of birth', address: 'Permanent address',
    province: 'Province (since 1 Jul 2025)', birthProvince: 'Birth registered in', services: 'Services', electricity: 'Electricity', water: 'Water',
    registerButton: 'Register an account', accountTitle: 'Account', accountNumber: 'Customer number', serviceAddress: 'Address',
    chipStatus: 'Chip check', chipTitle: 'Chip check (through the company app)',
    chipIntro: 'The company\'s phone app reads the chip over NFC, answers the challenge below, and exports an icao9303-dump/1 file. Choose that file to verify it.',
    demoCscas: 'The repository\'s DEMO CSCAs: only DEMO chips are "authentic"; their keys are published, never trust them outside tests.',
    challenge: 'Challenge (Active Authentication)', dumpFile: 'Choose the chip data file (.json)', serverCheck: 'Checked by the server',
    browserCheck: 'Checked by this browser (display only)',
    looking: 'Looking up…', found: 'Account found.', registered: 'Registered.', verifying: 'Verifying the chip…',
    renamed: (p) => `${p.name} → ${p.successor} (2025 merger)`, same: (p) => `${p.name} (unchanged)`,
    unknownProvince: 'No former province recognised at the end of the address.', abroad: 'Outside Viet Nam', noChip: 'Not verified',
    chipLinked: (c) => (c.verdict === 'authentic' ? 'Genuine chip, authentic data' : `Genuine chip, intact data; issuer not verified (${c.issuerError ?? 'no CSCA configured'})`),
    linked: 'The server linked the chip to the account.', notLinked: 'The server did NOT link the chip to the account.', rejected: 'Rejected',
    svc: { electricity: 'Electricity', water: 'Water' },
  },
};

const $ = (id) => document.getElementById(id);
let lang = 'vi';
const t = (k) => TEXT[lang][k];
const state = { qr: null, account: null, session: null, local: null, server: null };
let config;
let scanner = null;
let provinces;
let verifyModule;

async function post(path, data) {
  const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...data, lang }) });
  return res.json();
}

function text(id, value) {
  $(id).textContent = value ?? '';
}

function provinceText(p) {
  if (!p) return t('unknownProvince');
  return p.renamed ? t('renamed')(p) : t('same')(p);
}

function renderCard() {
  if (!state.qr) return;
  const card = parseCccd(state.qr, { now: config.today ?? undefined, lang });
  text('card-name', card.fullName);
  text('card-id', maskId(card.idNumber.value));
  text('card-dob', card.dateOfBirth.iso);
  text('card-address', card.address);
  text('card-province', provinceText(addressProvince(card.address, provinces)));
  const place = card.idNumber.place;
  text('card-birth', place.kind === 'province' ? provinceText({ name: place.name, successor: place.successor2025, renamed: place.name !== place.successor2025 }) : place.kind === 'abroad' ? t('abroad') : place.code);
  $('card-findings').replaceChildren(...card.findings.map((f) => {
    const li = document.createElement('li');
    li.className = f.severity;
    li.dataset.code = f.code;
    li.textContent = f.message;
    return li;
  }));
  $('card').hidden = false;
}

function renderAccount() {
  const a = state.account;
  if (!a) return;
  text('acc-number', a.number);
  text('acc-name', a.name);
  text('acc-id', a.idMasked);
  text('acc-address', a.address);
  text('acc-province', provinceText(a.addressProvince));
  text('acc-services', a.services.map((s) => t('svc')[s]).join(', '));
  text('acc-chip', a.chip ? t('chipLinked')(a.chip) : t('noChip'));
  $('account').hidden = false;
  $('chip').hidden = false;
}

function renderRows(id, outcome) {
  const list = $(id);
  if (!outcome) return list.replaceChildren();
  if (outcome.code) {
    const li = document.createElement('li');
    li.className = 'bad';
    li.dataset.code = outcome.code;
    li.textContent = `${t('rejected')}: ${outcome.code} — ${outcome.message}`;
    return list.replaceChildren(li);
  }
  list.replaceChildren(...verdictRows(outcome.summary, lang).map((r) => {
    const li = document.createElement('li');
    li.className = r.ok === true ? 'good' : r.ok === false ? 'bad' : 'unknown';
    li.dataset.key = r.key;
    li.dataset.ok = String(r.ok);
    li.textContent = r.text;
    return li;
  }));
}

function render() {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll('[data-t]')) el.textContent = t(el.dataset.t);
  $('camera').textContent = scanner ? t('stop') : t('camera');
  renderCard();
  renderAccount();
  renderRows('chip-local', state.local);
  renderRows('chip-server', state.server);
}

function showAccount(account) {
  state.account = account;
  document.body.dataset.account = account.number;
  $('register').hidden = true;
  renderAccount();
  return newChallenge();
}

/** A fresh challenge from the server for the next chip read (single use). */
async function newChallenge() {
  const r = await post('/api/chip/challenge', { account: state.account.number });
  if (!r.ok) return;
  state.session = r;
  text('challenge', r.challenge);
  document.body.dataset.challenge = r.challenge;
}

async function onCard({ card, qr }) {
  state.qr = qr.text;
  state.account = null;
  state.local = state.server = null;
  for (const k of ['lookup', 'account', 'error', 'challenge', 'chipLocal', 'chipServer', 'chipLinked']) delete document.body.dataset[k];
  $('account').hidden = $('chip').hidden = $('register').hidden = true;
  render();
  document.body.dataset.card = card.valid ? 'valid' : 'invalid';
  text('lookup', t('looking'));
  const r = await post('/api/lookup', { qr: state.qr });
  if (!r.ok) {
    text('lookup', `${r.code}: ${r.message}`);
    document.body.dataset.error = r.code;
    return;
  }
  document.body.dataset.lookup = r.found ? 'found' : 'not-found';
  if (r.found) {
    text('lookup', t('found'));
    await showAccount(r.account);
  } else {
    text('lookup', r.message);
    $('register').hidden = false;
  }
}

async function register() {
  const services = ['electricity', 'water'].filter((s) => $(`svc-${s}`).checked);
  const r = await post('/api/register', { qr: state.qr, services });
  if (!r.ok) {
    text('lookup', `${r.code}: ${r.message}`);
    document.body.dataset.error = r.code;
    return;
  }
  text('lookup', t('registered'));
  await showAccount(r.account);
}

/** The browser's own check: the verify module, loaded on first use. */
async function verifyLocally(dumpText) {
  if (!verifyModule) {
    verifyModule = await import('./node_modules/cccd-verify/dist/verify.js');
    await verifyModule.init();
  }
  try {
    const r = verifyModule.verifyChip(dumpText, {
      trust: config.cscas.length ? { cscas: config.cscas } : undefined, // none: at best "issuer not verified"
      challenge: state.session.challenge,
      qr: state.qr,
      now: config.now ?? undefined,
      lang,
    });
    return { summary: summarize(r) };
  } catch (e) {
    if (!(e instanceof verifyModule.CccdVerifyError)) throw e;
    return { code: e.code, message: e.message };
  }
}

async function onDump(file) {
  if (!file || !state.session) return;
  const dumpText = await file.text();
  text('chip-status', t('verifying'));
  state.local = await verifyLocally(dumpText);
  document.body.dataset.chipLocal = state.local.code ?? state.local.summary.verdict;
  renderRows('chip-local', state.local);
  const r = await post('/api/chip/verify', { session: state.session.session, dump: dumpText });
  state.server = r.ok ? { summary: r.summary } : { code: r.code, message: r.message };
  renderRows('chip-server', state.server);
  text('chip-status', r.ok ? `${r.linked ? t('linked') : t('notLinked')}${r.message ? ` ${r.message}` : ''}` : '');
  if (r.ok) {
    state.account = r.account;
    renderAccount();
  }
  document.body.dataset.chipLinked = String(Boolean(r.linked));
  document.body.dataset.chipServer = r.ok ? r.summary.verdict : r.code;
  await newChallenge(); // the one just used is spent
}

function stopCamera() {
  if (scanner) scanner.destroy(); // the camera and the worker
  scanner = null;
  $('preview').hidden = true;
  $('camera').textContent = t('camera');
}

async function startCamera() {
  scanner = new CameraScanner({ video: $('video'), lang, now: config.today ?? undefined });
  scanner.addEventListener('card', (e) => {
    stopCamera();
    text('scan-status', t('cardRead'));
    onCard(e.detail);
  });
  scanner.addEventListener('reject', (e) => text('scan-status', e.detail.message));
  scanner.addEventListener('error', (e) => {
    text('scan-status', e.detail.message);
    document.body.dataset.error = e.detail.code;
    stopCamera();
  });
  $('preview').hidden = false;
  $('camera').textContent = t('stop');
  text('scan-status', t('scanning'));
  const current = scanner;
  try {
    await scanner.start();
  } catch (e) {
    if (e.name === 'AbortError') return; // stopped while starting
    // ERR_CAMERA_PERMISSION_DENIED, ERR_CAMERA_NOT_FOUND, ERR_INSECURE_CONTEXT…: what to do next.
    text('scan-status', e.message);
    document.body.dataset.error = e.code;
    if (scanner === current) stopCamera();
  }
}

$('camera').addEventListener('click', () => (scanner ? stopCamera() : startCamera()));
$('photo').addEventListener('change', async (e) => {
  const file = e.target.files[0];
  e.target.value = '';
  if (!file) return;
  text('scan-status', t('reading'));
  try {
    const result = await scanImageFile(file, { lang, now: config.today ?? undefined });
    text('scan-status', t('cardRead'));
    await onCard(result);
  } catch (err) {
    text('scan-status', err.message);
    document.body.dataset.error = err.code;
  }
});
$('register-button').addEventListener('click', register);
$('dump').addEventListener('change', (e) => {
  onDump(e.target.files[0]);
  e.target.value = ''; // the same file may be chosen again, with a new challenge
});
$('lang').addEventListener('change', (e) => {
  lang = e.target.value;
  render();
});

config = await (await fetch('/api/config')).json();
$('demo-cscas').hidden = !config.demoCscas;
await init(); // loads the scan module early so the first scan is instant
provinces = provinceTable(parseCccd, config.today ?? undefined);
render();
document.body.dataset.ready = 'true';
