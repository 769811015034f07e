#!/usr/bin/env node
// cccd-verify command line: runs the same wasm core as the library, under Node.
// Exit codes: 0 valid card, 1 rejected (input or card), 2 usage error.
import { readFileSync } from 'node:fs';
import { parseCccd, decodeQr, verifySdJwtVc, loadTrustList, CccdVerifyError } from './node.js';

const USAGE = `Usage:
  cccd-verify parse [options] "<qr text>"     read a CCCD / Căn cước QR payload ("-" reads stdin)
  cccd-verify scan [options] FILE...          decode QR codes in PNG/JPEG files and read the card
  cccd-verify verify FILE|- --nonce N --aud A (--anchor CERT.pem … | --trust-list FILE
                     --trust-list-signer CERT.pem [--min-sequence K]) [--status-list FILE …]
                                              verify an SD-JWT VC presentation offline
  cccd-verify --version | --help

Options:
  --mrz "<3 lines>"   cross-check against the card's MRZ (TD1, 3 x 30 characters)
  --json              print the typed result as JSON
  --lang vi|en        language of messages (default en)
  --now YYYY-MM-DD    the date to check expiry against (default: today in Vietnam)
  --fast              scan: try only the quick decoder attempts (as for camera frames)
  --nonce N, --aud A  verify: the key binding the holder must have made (nonce and audience)
  --no-key-binding    verify: the presentation must carry no key binding
  --anchor CERT.pem   verify: a trusted issuer root (PEM or DER); repeat for several
  --trust-list FILE   verify: a signed trust list (docs/trust-list.md) instead of --anchor
  --trust-list-signer CERT.pem   the pinned certificate the trust list must be signed under
  --min-sequence K    verify: refuse a trust list older than sequence K (rollback)
  --stale hard|warn   verify: a trust list past NextUpdate is refused (hard) or flagged (warn)
  --status-list FILE  verify: a Status List Token (JWT) to check revocation; repeatable
  --status-anchor CERT.pem  verify: trusted root of status-list signers (with --anchor)
  --issuer-binding B  verify: san (default: iss must match the certificate's SAN) or subject
  --now TIME          verify: RFC 3339 time or Unix seconds (default: now)

Exit status: parse, verify: 0 valid, 1 rejected (the JSON carries "code"; a revoked or suspended
             credential gives STATUS_INVALID / STATUS_SUSPENDED), 2 usage error.
             scan: 0 when every file yielded at least one QR code, 1 otherwise, 2 usage error.
             With several files, scan prints one JSON line per file.
The QR code is unsigned: a valid card is what the code says, not proof of identity.`;

class UsageError extends Error {}

function parseArgs(argv) {
  const out = { command: undefined, positional: [], json: false, lang: 'en', now: undefined, mrz: undefined, fast: false, nonce: undefined, aud: undefined, anchors: [], noKeyBinding: false, issuerBinding: 'san', trustList: undefined, trustListSigners: [], minSequence: undefined, stale: 'hard', statusLists: [], statusAnchors: [] };
  const value = (i, name) => {
    if (i + 1 >= argv.length) throw new UsageError(`${name} needs a value`);
    return argv[i + 1];
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') out.json = true;
    else if (a === '--fast') out.fast = true;
    else if (a === '--no-key-binding') out.noKeyBinding = true;
    else if (a === '--nonce') { out.nonce = value(i, a); i++; }
    else if (a === '--aud') { out.aud = value(i, a); i++; }
    else if (a === '--anchor') { out.anchors.push(value(i, a)); i++; }
    else if (a === '--issuer-binding') { out.issuerBinding = value(i, a); i++; }
    else if (a === '--trust-list') { out.trustList = value(i, a); i++; }
    else if (a === '--trust-list-signer') { out.trustListSigners.push(value(i, a)); i++; }
    else if (a === '--min-sequence') { out.minSequence = value(i, a); i++; }
    else if (a === '--stale') { out.stale = value(i, a); i++; }
    else if (a === '--status-list') { out.statusLists.push(value(i, a)); i++; }
    else if (a === '--status-anchor') { out.statusAnchors.push(value(i, a)); i++; }
    else if (a === '--help' || a === '-h') out.command = 'help';
    else if (a === '--version') out.command = 'version';
    else if (a === '--lang') { out.lang = value(i, a); i++; }
    else if (a === '--now') { out.now = value(i, a); i++; }
    else if (a === '--mrz') { out.mrz = value(i, a); i++; }
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else if (out.command === undefined) out.command = a;
    else out.positional.push(a);
  }
  if (out.lang !== 'en' && out.lang !== 'vi') throw new UsageError('--lang must be vi or en');
  return out;
}

function version() {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  return pkg.version;
}

function printCard(card, lang) {
  const vi = lang === 'vi';
  const L = (en, v) => (vi ? v : en);
  const place = card.idNumber.place;
  const placeText =
    place.kind === 'province'
      ? `${place.name} (${place.code}; ${L('since 2025', 'từ 2025')}: ${place.successor2025})`
      : place.kind === 'abroad'
        ? L(`registered abroad (country code ${place.code})`, `đăng ký khai sinh ở nước ngoài (mã ${place.code})`)
        : L(`unassigned code ${place.code}`, `mã không thuộc tỉnh nào: ${place.code}`);
  const expiry =
    card.expiry.kind === 'none'
      ? L('no expiry (issued at 58 or older)', 'không thời hạn (cấp từ 58 tuổi)')
      : `${card.expiry.date}${card.expiry.approximate ? L(' (approximate)', ' (ước tính)') : ''}` +
        (card.expired ? L(' — EXPIRED', ' — ĐÃ HẾT HẠN') : '');
  const rows = [
    [L('Status', 'Kết quả'), card.valid ? L('valid card (unsigned QR)', 'thẻ hợp lệ (mã QR không có chữ ký)') : L('REJECTED', 'KHÔNG HỢP LỆ')],
    [L('Card', 'Loại thẻ'), `${card.generation.value} (${L('inferred', 'suy ra')}, ${card.fieldCount} ${L('fields', 'trường')})`],
    [L('ID number', 'Số định danh'), card.idNumber.value],
    [L('Old CMND', 'CMND cũ'), card.oldIdNumber ?? '—'],
    [L('Name', 'Họ tên'), `${card.fullName}  [${card.name.icao}]`],
    [L('Date of birth', 'Ngày sinh'), card.dateOfBirth.iso],
    [L('Sex', 'Giới tính'), card.sex === 'M' ? L('male', 'Nam') : L('female', 'Nữ')],
    [L('Birth registered', 'Nơi ĐK khai sinh'), placeText],
    [L('Address', 'Nơi cư trú'), card.address],
    [L('Issued', 'Ngày cấp'), card.issueDate],
    [L('Expires', 'Hết hạn'), expiry],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
  for (const f of card.findings) console.log(`  ${f.severity === 'error' ? '✗' : '!'} ${f.code}: ${f.message}`);
}

function readInput(arg) {
  return arg === '-' ? readFileSync(0) : arg;
}

function main(argv) {
  let args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    console.error(`cccd-verify: ${e.message}\n\n${USAGE}`);
    return 2;
  }
  if (args.command === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (args.command === 'version') {
    console.log(version());
    return 0;
  }
  if (args.command === 'scan') return scan(args);
  if (args.command === 'verify') return verify(args);
  if (args.command !== 'parse' || args.positional.length !== 1) {
    console.error(`cccd-verify: ${args.command === undefined ? 'missing command' : args.command !== 'parse' ? `unknown command ${args.command}` : 'parse takes exactly one payload'}\n\n${USAGE}`);
    return 2;
  }
  let card;
  try {
    const input = readInput(args.positional[0]);
    card = parseCccd(input instanceof Uint8Array ? new Uint8Array(input) : input, {
      lang: args.lang,
      now: args.now,
      mrz: args.mrz,
    });
  } catch (e) {
    if (e instanceof CccdVerifyError) {
      if (args.json) console.log(JSON.stringify({ ok: false, code: e.code, message: e.message, params: e.params }));
      else console.error(`${e.code}: ${e.message}`);
      return 1;
    }
    if (e instanceof TypeError) {
      console.error(`cccd-verify: ${e.message}`);
      return 2;
    }
    throw e;
  }
  const firstError = card.findings.find((f) => f.severity === 'error');
  if (args.json) {
    const out = card.valid ? { ok: true, card } : { ok: false, code: firstError.code, message: firstError.message, card };
    console.log(JSON.stringify(out, null, 2));
  } else {
    printCard(card, args.lang);
  }
  return card.valid ? 0 : 1;
}

function scanFile(file, args) {
  let bytes;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (e) {
    return { file, codes: [], card: null, code: 'ERR_FILE_READ', message: e.message };
  }
  let codes;
  try {
    codes = decodeQr(bytes, { mode: args.fast ? 'fast' : 'thorough', lang: args.lang });
  } catch (e) {
    if (!(e instanceof CccdVerifyError)) throw e;
    return { file, codes: [], card: null, code: e.code, message: e.message };
  }
  const out = {
    file,
    codes: codes.map(({ text, charset, charsetGuessed, version, ecLevel, corners }) => ({ text, charset, charsetGuessed, version, ecLevel, corners })),
    card: null,
  };
  if (codes.length === 0) return { ...out, code: 'ERR_NO_QR_FOUND' };
  let firstError;
  for (const c of codes) {
    try {
      return { ...out, card: parseCccd(c.bytes, { lang: args.lang, now: args.now }) };
    } catch (e) {
      if (!(e instanceof CccdVerifyError)) throw e;
      firstError ??= e;
    }
  }
  return { ...out, code: firstError.code, message: firstError.message };
}

function scan(args) {
  if (args.positional.length === 0) {
    console.error(`cccd-verify: scan needs at least one file\n\n${USAGE}`);
    return 2;
  }
  let allFound = true;
  const many = args.positional.length > 1;
  for (const file of args.positional) {
    const r = scanFile(file, args);
    if (r.codes.length === 0) allFound = false;
    if (args.json || many) {
      console.log(JSON.stringify(r));
    } else if (r.codes.length === 0) {
      console.error(`${r.code}: ${r.message ?? 'no QR code found'}`);
    } else {
      for (const c of r.codes) console.log(`QR v${c.version}-${c.ecLevel} (${c.charset}): ${c.text}`);
      if (r.card) printCard(r.card, args.lang);
      else console.log(`${r.code}: ${r.message}`);
    }
  }
  return allFound ? 0 : 1;
}

function verify(args) {
  const fail = (msg) => {
    console.error(`cccd-verify: ${msg}\n\n${USAGE}`);
    return 2;
  };
  if (args.positional.length !== 1) return fail('verify takes exactly one presentation file (or - for stdin)');
  if ((args.anchors.length === 0) === (args.trustList === undefined)) return fail('verify needs --anchor … or --trust-list (not both)');
  if (args.trustList !== undefined && args.trustListSigners.length === 0) return fail('--trust-list needs --trust-list-signer');
  if (args.minSequence !== undefined && !/^\d+$/.test(args.minSequence)) return fail('--min-sequence must be a non-negative integer');
  if (args.stale !== 'hard' && args.stale !== 'warn') return fail('--stale must be hard or warn');
  if (args.noKeyBinding === Boolean(args.nonce || args.aud)) return fail('give --nonce and --aud, or --no-key-binding');
  if (!args.noKeyBinding && !(args.nonce && args.aud)) return fail('--nonce and --aud go together');
  const cert = (f) => {
    const bytes = readFileSync(f);
    return bytes.includes('-----BEGIN') ? bytes.toString('latin1') : new Uint8Array(bytes);
  };
  let presentation;
  let anchors;
  let statusAnchors;
  let statusLists;
  let trustListJws;
  let signers;
  try {
    presentation = readFileSync(args.positional[0] === '-' ? 0 : args.positional[0], 'utf8').trim();
    anchors = args.anchors.map(cert);
    statusAnchors = args.statusAnchors.map(cert);
    statusLists = args.statusLists.map((f) => readFileSync(f, 'utf8').trim());
    if (args.trustList !== undefined) {
      trustListJws = readFileSync(args.trustList, 'utf8');
      signers = args.trustListSigners.map(cert);
    }
  } catch (e) {
    return fail(e.message);
  }
  const now = args.now === undefined ? undefined : /^\d+$/.test(args.now) ? Number(args.now) : args.now;
  try {
    let trust = { anchors, statusAnchors };
    if (trustListJws !== undefined) {
      trust = loadTrustList(trustListJws, { signers, stale: args.stale, now, lang: args.lang });
      if (args.minSequence !== undefined && trust.sequence < Number(args.minSequence)) {
        throw new CccdVerifyError('ERR_TRUST_LIST_ROLLBACK', args.lang === 'vi' ? `Danh sách tin cậy cũ hơn số thứ tự ${args.minSequence}.` : `The trust list is older than sequence ${args.minSequence}.`, { sequence: trust.sequence, minSequence: Number(args.minSequence) });
      }
    }
    const result = verifySdJwtVc(presentation, {
      trust,
      statusLists,
      keyBinding: args.noKeyBinding ? null : { nonce: args.nonce, audience: args.aud },
      now,
      issuerBinding: args.issuerBinding,
      lang: args.lang,
    });
    // A credential its issuer revoked or suspended is verified but not acceptable: exit 1.
    const revoked = result.status.checked && result.status.verdict !== 'valid';
    if (revoked) {
      const code = `STATUS_${result.status.verdict.toUpperCase().replace(/-/g, '_')}`;
      if (args.json) console.log(JSON.stringify({ ok: false, code, result }, null, 2));
      else console.error(`${args.lang === 'vi' ? 'KHÔNG CHẤP NHẬN' : 'REJECTED'}: ${code}: ${args.lang === 'vi' ? 'bên cấp đã thu hồi hoặc tạm dừng chứng chỉ' : 'the issuer revoked or suspended this credential'}`);
      return 1;
    }
    if (args.json) console.log(JSON.stringify({ ok: true, ...result }, null, 2));
    else {
      console.log(`${args.lang === 'vi' ? 'HỢP LỆ' : 'VERIFIED'}: ${result.vct} from ${result.issuer.iss} (${result.issuer.subject})`);
      for (const [k, v] of Object.entries(result.claims)) if (!['cnf', 'iss', 'vct', 'iat', 'exp', 'status'].includes(k)) console.log(`  ${k}: ${JSON.stringify(v)}`);
      const st = result.status;
      console.log(`  status: ${st.checked ? st.verdict : st.reason}`);
      if (result.trustList) console.log(`  trust list: sequence ${result.trustList.sequence}${result.trustList.stale ? ' (STALE)' : ''}, issuer "${result.trustList.issuerName}"`);
    }
    return 0;
  } catch (e) {
    if (e instanceof TypeError) return fail(e.message);
    if (!(e instanceof CccdVerifyError)) throw e;
    if (args.json) console.log(JSON.stringify({ ok: false, code: e.code, message: e.message, params: e.params }));
    else console.error(`${args.lang === 'vi' ? 'KHÔNG HỢP LỆ' : 'REJECTED'}: ${e.code}: ${e.message}`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
