// <cccd-scanner> in a plain page: register it, listen for `card`, `reject` and `error`.
// Imported by path (an import map is an inline script, which a strict CSP blocks).
import { defineCccdScanner } from './node_modules/cccd-verify/dist/scanner-element.js';

defineCccdScanner();
const scanner = document.getElementById('scanner');
const LABELS = { vi: { name: 'Họ và tên', id: 'Số CCCD', dob: 'Ngày sinh' }, en: { name: 'Full name', id: 'ID number', dob: 'Date of birth' } };

scanner.addEventListener('card', (e) => {
  const { card } = e.detail;
  // Values from the card are text: textContent, never innerHTML.
  document.getElementById('name').textContent = card.fullName;
  document.getElementById('id').textContent = card.idNumber.value;
  document.getElementById('dob').textContent = card.dateOfBirth.iso;
  document.getElementById('card').hidden = false;
  document.body.dataset.filled = card.idNumber.value;
});
scanner.addEventListener('error', (e) => {
  document.body.dataset.error = e.detail.code; // the element shows what to do next
});
document.getElementById('lang').addEventListener('change', (e) => {
  const lang = e.target.value;
  document.documentElement.lang = lang;
  scanner.setAttribute('lang', lang);
  for (const el of document.querySelectorAll('[data-t]')) el.textContent = LABELS[lang][el.dataset.t];
});
document.body.dataset.ready = 'true';
