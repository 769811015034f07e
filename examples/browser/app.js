// The plain page's script. Imported by path (an import map would be an inline script, which a
// strict CSP refuses unless its hash is listed); with a bundler, import 'cccd-verify'.
import { init, parseCccd, CccdVerifyError } from './node_modules/cccd-verify/dist/index.js';

// A control, bidirectional or zero-width character (the TEXT_CONTROL_CHARACTER / TEXT_ZERO_WIDTH
// findings) is shown as ⟦U+202E⟧, so it cannot reorder what a reviewer reads.
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;
const shown = (text) => String(text).replace(HIDDEN, (c) => `⟦U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}⟧`);

await init({ capabilities: ['scan'] }); // parses QR text only: fetches dist/wasm-scan alone
const out = document.getElementById('out');
const list = document.getElementById('findings');
document.getElementById('read').addEventListener('click', () => {
  list.replaceChildren();
  try {
    const card = parseCccd(document.getElementById('payload').value, { lang: 'vi' });
    out.textContent = [
      `Họ tên: ${shown(card.fullName)}`,
      `Số định danh: ${card.idNumber.value}`,
      `Ngày sinh: ${card.dateOfBirth.iso}`,
      `Giới tính: ${card.sex === 'M' ? 'Nam' : 'Nữ'}`,
      `Hết hạn: ${card.expiry.kind === 'date' ? card.expiry.date : 'không thời hạn'}`,
      `Kết quả: ${card.valid ? 'hợp lệ' : 'không hợp lệ'} (QR không có chữ ký)`,
    ].join('\n');
    for (const f of card.findings) {
      const li = document.createElement('li');
      li.className = f.severity;
      li.textContent = `${f.code}: ${f.message}`;
      list.append(li);
    }
    out.dataset.status = card.valid ? 'valid' : 'invalid';
  } catch (e) {
    if (!(e instanceof CccdVerifyError)) throw e;
    out.textContent = `${e.code}: ${e.message}`;
    out.dataset.status = e.code;
  }
});
document.body.dataset.ready = 'true';
