// <cccd-scanner> in a plain page: register it, listen for `card`, `reject` and `error`.
// Imported by path (an import map is an inline script, which a strict CSP blocks).
import { defineCccdScanner } from './node_modules/cccd-verify/dist/scanner-element.js';

defineCccdScanner();
const scanner = document.getElementById('scanner');
const LABELS = { vi: { name: 'Họ và tên', id: 'Số CCCD', dob: 'Ngày sinh' }, en: { name: 'Full name', id: 'ID number', dob: 'Date of birth' } };

// Values from the card are text: textContent, never innerHTML. And text that could lie to the
// reader is shown as what it is: a control, bidirectional or zero-width character (the card's
// TEXT_CONTROL_CHARACTER / TEXT_ZERO_WIDTH findings) becomes a visible ⟦U+202E⟧, so a U+202E
// cannot show the rest of a name reversed.
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;
const shown = (text) => text.replace(HIDDEN, (c) => `⟦U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}⟧`);

scanner.addEventListener('card', (e) => {
  const { card } = e.detail;
  document.getElementById('name').textContent = shown(card.fullName);
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
