// Shared by the page (app.js) and the server (server.mjs): masking, the province of an old
// address, and the three chip verdicts in words. No DOM, no imports: the page and the server pass
// in what they loaded from cccd-verify.

/** `036305000456` → `********0456`: the UI, the server's answers and its logs show only this. */
export function maskId(id) {
  const s = String(id ?? '');
  return s.length <= 4 ? '*'.repeat(s.length) : `${'*'.repeat(s.length - 4)}${s.slice(-4)}`;
}

/** Every run of 9 or more digits masked: a last line of defence for log lines. */
export function maskDigits(text) {
  return String(text).replace(/\d{9,}/g, (d) => maskId(d));
}

const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s*-\s*/g, '-').replace(/\s+/g, ' ').trim();

/**
 * The package's table of the 63 pre-2025 provinces and the unit each belongs to since the 2025
 * merger (`card.idNumber.place`: `{ kind: 'province', name, successor2025 }`). The package
 * exposes it through an ID number's place code only, so it is read once by asking `parseCccd`
 * about each code: the portal keeps no second copy of the table.
 */
export function provinceTable(parseCccd, now) {
  const table = [];
  for (let code = 1; code < 100; code++) {
    const id = `0${String(code).padStart(2, '0')}090000001`;
    const place = parseCccd(`${id}||Nguyen Van A|01011990|Nam|-|01012021`, { now }).idNumber.place;
    if (place.kind === 'province') table.push({ name: place.name, successor: place.successor2025, key: fold(place.name), former: true });
  }
  // The 2025 units' own names too ("Thành phố Huế"): an address already under its new name.
  for (const successor of new Set(table.map((p) => p.successor))) {
    if (!table.some((p) => p.key === fold(successor))) table.push({ name: successor, successor, key: fold(successor), former: false });
  }
  // Longest first: "Thừa Thiên Huế" before any shorter name it ends with.
  return table.sort((a, b) => b.key.length - a.key.length);
}

/**
 * The province an address ends with (one of the 63 pre-2025 names or a 2025 unit's name; after
 * "Tỉnh", "TP." or "Thành phố", with or without tone marks, "Hòa" or "Hoà"), and the unit it
 * belongs to since 2025; null when the address ends with none of them. Only the end is read:
 * addresses are never split on their commas (cccd.md §7).
 */
export function addressProvince(address, table) {
  const a = fold(String(address ?? '')).replace(/[\s.,;]+$/, '');
  for (const p of table) {
    if (!a.endsWith(p.key)) continue;
    const before = a.slice(0, a.length - p.key.length);
    if (before === '' || /[\s,.]$/.test(before)) return { name: p.name, successor: p.successor, renamed: p.name !== p.successor };
  }
  return null;
}

const WORDS = {
  vi: {
    authentic: 'Dữ liệu chip xác thực: chữ ký hợp lệ và bên ký thuộc CSCA đã cấu hình.',
    intact: 'Dữ liệu chip nguyên vẹn, nhưng CHƯA xác minh được cơ quan cấp',
    noCsca: 'chưa cấu hình CSCA nào',
    aaVerified: 'Chip thật: chip đã ký đúng thử thách do máy chủ cấp.',
    aaUnchecked: 'Chưa chứng minh chip thật: câu trả lời không dành cho thử thách của máy chủ (có thể phát lại).',
    aaNone: 'Chưa chứng minh chip thật: ứng dụng không gửi câu trả lời Active Authentication.',
    caLive: 'Chip Authentication (DG14) cần chip thật qua NFC: chỉ được báo, không xác minh được từ bản đọc.',
    qrYes: 'Mã QR khớp với dữ liệu chip.',
    qrNo: 'Mã QR KHÔNG khớp với dữ liệu chip',
    qrNone: 'Chưa đối chiếu mã QR với chip.',
  },
  en: {
    authentic: 'Chip data authentic: the signature holds and its signer chains to a configured CSCA.',
    intact: 'Chip data intact, but the issuer is NOT verified',
    noCsca: 'no CSCA configured',
    aaVerified: 'Genuine chip: it signed the challenge the server issued.',
    aaUnchecked: 'Not shown to be a genuine chip: the answer is not to the server\'s challenge (it may be replayed).',
    aaNone: 'Not shown to be a genuine chip: the app sent no Active Authentication answer.',
    caLive: 'Chip Authentication (DG14) needs the live chip over NFC: reported, not verifiable from a dump.',
    qrYes: 'The QR code agrees with the chip.',
    qrNo: 'The QR code does NOT agree with the chip',
    qrNone: 'The QR code was not compared with the chip.',
  },
};

/**
 * The facts of a verifyChip result that the portal shows and keeps: codes and field names only,
 * never the chip's personal data (the chip's ID number only masked).
 */
export function summarize(r) {
  const c = r.consistency;
  return {
    verdict: r.verdict,
    issuerError: (r.issuer && r.issuer.error && r.issuer.error.code) || null,
    activeAuthentication: r.activeAuthentication,
    chipAuthentication: r.chipAuthentication,
    qrConsistent: c ? c.qrConsistent : null,
    mismatchFields: c ? [...new Set(c.findings.filter((f) => f.severity === 'error').map((f) => f.field))] : [],
    chipIdMasked: r.dg13 && r.dg13.idNumber ? maskId(r.dg13.idNumber) : null,
  };
}

/**
 * The three verdicts of a {@link summarize}d result as `{ key, ok, text }` rows (key: `data`,
 * `chip`, `qr`) in `lang`; `ok` is true, false, or null (not established).
 */
export function verdictRows(s, lang) {
  const w = WORDS[lang] ?? WORDS.vi;
  const data = s.verdict === 'authentic'
    ? { key: 'data', ok: true, text: w.authentic }
    : { key: 'data', ok: null, text: `${w.intact} (${s.issuerError ?? w.noCsca}).` };
  const aa = s.activeAuthentication === 'verified' ? { ok: true, text: w.aaVerified } : s.activeAuthentication === 'challengeNotChecked' ? { ok: false, text: w.aaUnchecked } : { ok: null, text: w.aaNone };
  const ca = s.chipAuthentication === 'notVerifiedNeedsLiveChip' ? ` ${w.caLive}` : '';
  const qr = s.qrConsistent === true ? { ok: true, text: w.qrYes } : s.qrConsistent === false ? { ok: false, text: `${w.qrNo}: ${s.mismatchFields.join(', ')}.` } : { ok: null, text: w.qrNone };
  return [data, { key: 'chip', ok: aa.ok, text: `${aa.text}${ca}` }, { key: 'qr', ...qr }];
}
