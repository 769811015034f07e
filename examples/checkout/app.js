// Checkout autofill from the CCCD QR code: camera (decoded in a worker) or an image file.
// Only the scan entry: its scan-only wasm (~290 KB gzip) is all this page downloads.
// By path, not 'cccd-verify/scan' through an import map: an inline import map is blocked by a
// strict CSP (with a bundler, import 'cccd-verify/scan').
import { CameraScanner, init, listCameras, parseCccd, scanImageFile } from './node_modules/cccd-verify/dist/scan.js';

const TEXT = {
  vi: {
    title: 'Thông tin người mua', language: 'Ngôn ngữ', intro: 'Quét mã QR trên thẻ CCCD / Căn cước để điền nhanh.',
    camera: 'Quét bằng camera', stop: 'Dừng camera', file: 'Chọn ảnh thẻ', torch: 'Đèn',
    unsigned: 'Mã QR trên thẻ không có chữ ký số: thông tin chỉ để điền sẵn, không chứng minh danh tính. Vui lòng kiểm tra lại.',
    name: 'Họ và tên', dob: 'Ngày sinh', sex: 'Giới tính', male: 'Nam', female: 'Nữ', id: 'Số CCCD', address: 'Địa chỉ', pay: 'Thanh toán',
    scanning: 'Đưa mã QR trên thẻ vào khung…', filled: 'Đã điền từ thẻ. Vui lòng kiểm tra lại.', reading: 'Đang đọc ảnh…',
    valid: 'Thẻ hợp lệ', invalid: 'Thẻ có vấn đề — xem bên dưới', noCamera: 'Không mở được camera',
  },
  en: {
    title: 'Buyer details', language: 'Language', intro: 'Scan the QR code on your CCCD / Căn cước card to fill this in.',
    camera: 'Scan with camera', stop: 'Stop camera', file: 'Choose a photo', torch: 'Torch',
    unsigned: 'The QR code on the card is not digitally signed: it only prefills this form and does not prove identity. Please check the details.',
    name: 'Full name', dob: 'Date of birth', sex: 'Sex', male: 'Male', female: 'Female', id: 'ID number', address: 'Address', pay: 'Pay',
    scanning: 'Hold the QR code on the card inside the frame…', filled: 'Filled from the card. Please check.', reading: 'Reading the photo…',
    valid: 'Card is valid', invalid: 'Problems with the card — see below', noCamera: 'Could not open the camera',
  },
};

const $ = (id) => document.getElementById(id);
let lang = 'vi';
let scanner = null;
let lastResult = null;

function t(key) {
  return TEXT[lang][key];
}

function applyLanguage() {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll('[data-t]')) el.textContent = t(el.dataset.t);
  $('camera').textContent = scanner ? t('stop') : t('camera');
  // Findings carry messages in the language they were read in: read the same bytes again.
  if (lastResult) showResult({ ...lastResult, card: parseCccd(lastResult.qr.bytes, { lang }) });
}

function setField(id, value) {
  const el = $(id);
  el.value = value ?? '';
  el.classList.toggle('filled', Boolean(value));
}

function showResult(result) {
  const { card } = result;
  setField('name', card.fullName);
  // A partial date of birth (unknown day or month) cannot go into a date input.
  setField('dob', card.dateOfBirth.iso.length === 10 ? card.dateOfBirth.iso : '');
  setField('sex', card.sex);
  setField('id', card.idNumber.value);
  setField('address', card.address);
  $('status').textContent = `${t('filled')} ${card.valid ? t('valid') : t('invalid')}.`;
  const list = $('findings');
  list.replaceChildren();
  for (const f of card.findings) {
    const li = document.createElement('li');
    li.className = f.severity;
    li.dataset.code = f.code;
    li.textContent = f.message;
    list.append(li);
  }
  document.body.dataset.filled = card.idNumber.value;
}

function onCard(result) {
  lastResult = result;
  if (scanner) {
    // Exposed for the end-to-end test: the longest main-thread slice a frame cost, and where decoding ran.
    document.body.dataset.maxMainThreadMs = scanner.stats.maxMainThreadMs.toFixed(2);
    document.body.dataset.mainThreadMs = scanner.stats.mainThreadMs.join(',');
    document.body.dataset.frames = String(scanner.stats.frames);
    document.body.dataset.decodedIn = scanner.usesWorker ? 'worker' : 'main';
  }
  showResult(result);
  stopCamera();
}

function stopCamera() {
  if (scanner) scanner.destroy(); // the camera and the worker
  scanner = null;
  $('preview').hidden = true;
  $('torch').hidden = true;
  $('camera').textContent = t('camera');
}

async function startCamera() {
  scanner = new CameraScanner({
    video: $('video'),
    lang,
    // The whole frame is decoded. To decode only a guide box, pass e.g.
    // scanRegion: (w, h) => ({ x: w * 0.1, y: h * 0.1, width: w * 0.8, height: h * 0.8 })
  });
  scanner.addEventListener('card', (e) => onCard(e.detail));
  scanner.addEventListener('reject', (e) => { $('status').textContent = e.detail.message; });
  // A failure while scanning (e.g. the camera was unplugged: ERR_CAMERA_ENDED); start() failures are thrown below.
  scanner.addEventListener('error', (e) => {
    $('status').textContent = e.detail.message;
    document.body.dataset.error = e.detail.code;
    stopCamera();
  });
  $('preview').hidden = false;
  $('camera').textContent = t('stop');
  $('status').textContent = t('scanning');
  const current = scanner;
  try {
    await scanner.start();
  } catch (e) {
    if (e.name === 'AbortError') return; // stopped while starting
    // ERR_CAMERA_PERMISSION_DENIED, ERR_CAMERA_NOT_FOUND, ERR_CAMERA_IN_USE, ERR_INSECURE_CONTEXT,
    // ERR_WASM_BLOCKED…: the message (in `lang`) says what to do next.
    $('status').textContent = `${t('noCamera')}: ${e.message}`;
    document.body.dataset.error = e.code;
    if (scanner === current) stopCamera();
    return;
  }
  $('torch').hidden = !scanner.hasTorch();
  const cameras = await listCameras();
  const select = $('cameras');
  select.replaceChildren(...cameras.map((c, i) => new Option(c.label || `Camera ${i + 1}`, c.deviceId)));
  select.hidden = cameras.length < 2;
}

$('camera').addEventListener('click', () => (scanner ? stopCamera() : startCamera()));
$('torch').addEventListener('click', () => scanner && scanner.setTorch(!scanner.torchOn).catch((e) => { $('status').textContent = e.message; }));
$('cameras').addEventListener('change', (e) => scanner && scanner.setCamera({ deviceId: e.target.value }).catch((err) => { if (err.name !== 'AbortError') $('status').textContent = err.message; }));
$('file').addEventListener('change', async (e) => {
  const file = e.target.files[0];
  if (!file) return;
  $('status').textContent = t('reading');
  try {
    onCard(await scanImageFile(file, { lang }));
  } catch (err) {
    $('status').textContent = err.message;
    document.body.dataset.error = err.code;
  }
});
$('lang').addEventListener('change', (e) => {
  lang = e.target.value;
  applyLanguage();
});
$('form').addEventListener('submit', (e) => e.preventDefault());

await init(); // loads and compiles the wasm early, once: the scanner's worker gets it compiled
applyLanguage();
document.body.dataset.ready = 'true';
