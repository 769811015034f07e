// Node example: read a CCCD QR payload (from the command line or a built-in synthetic one),
// print the typed card, and decide. Run: node examples/node/parse.mjs "<qr text>"
import { parseCccd, CccdVerifyError } from 'cccd-verify';

const payload =
  process.argv[2] ??
  '079301000789||Lê Thị Cúc|30112001|Nữ|12/3 Đường Số 5, Phường 7, Quận Gò Vấp, TP. Hồ Chí Minh|15082024||||';

try {
  const card = parseCccd(payload, { lang: 'vi' }); // now: today in Vietnam
  console.log(`${card.fullName} — ${card.idNumber.value}, sinh ${card.dateOfBirth.iso}`);
  console.log(`hết hạn: ${card.expiry.kind === 'date' ? card.expiry.date : 'không thời hạn'}`);
  for (const f of card.findings) console.log(`${f.severity}: ${f.code} — ${f.message}`);
  // The QR is unsigned (card.assurance === 'unsigned'): use it to prefill, never as proof.
  process.exitCode = card.valid ? 0 : 1;
} catch (e) {
  if (!(e instanceof CccdVerifyError)) throw e;
  console.error(`${e.code}: ${e.message}`);
  process.exitCode = 1;
}
