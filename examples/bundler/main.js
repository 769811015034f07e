// Bundler example: `import` the package by name; the bundler copies the .wasm it references
// (`new URL('…_bg.wasm', import.meta.url)`) into the build and rewrites the URL.
import { init, parseCccd } from 'cccd-verify';

const payload = '052092000321|215000111|Phạm Văn Dũng|21081992|Nam|Thôn 3, Xã Cát Hanh, Huyện Phù Cát, Bình Định|18112024||||';

await init();
const card = parseCccd(payload, { now: '2026-11-27' });
const out = document.getElementById('out');
out.textContent = `${card.fullName} · ${card.idNumber.value} · ${card.generation.value} · expires ${card.expiry.kind === 'date' ? card.expiry.date : 'never'} · ${card.assurance}`;
out.dataset.status = card.valid ? 'valid' : 'invalid';
