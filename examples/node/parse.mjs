// Node example: read a CCCD QR payload (from the command line or a built-in synthetic one),
// print the typed card, and decide. Run: node examples/node/parse.mjs "<qr text>"
import { parseCccd, CccdVerifyError } from 'cccd-verify';

const payload =
  process.argv[2] ??
  // Synthetic, and valid until 2046 (issued at 39 under the 2023 law: next renewal at 60), so the
  // example keeps reading "valid" with today's date for years.
  '001086000321||Nguyễn Văn An|15031986|Nam|Số 1 Ngõ 2, Phường Láng Hạ, Quận Đống Đa, Hà Nội|05012026||||';

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
