#!/usr/bin/env node
// cccd-verify command line: runs the same wasm core as the library, under Node.
// Exit codes: 0 valid card, 1 rejected (input or card), 2 usage error.
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { parseCccd, decodeQr, verifySdJwtVc, loadTrustList, verifyMdoc, loadVical, verifyChip, CccdVerifyError } from './node.js';
import { nowDay, nowSeconds } from './api.js';

// How much the CLI reads of each input, in bytes: never more than this plus one byte, so that
// `/dev/zero` or an endless pipe is refused (ERR_INPUT_TOO_LARGE) instead of filling memory.
// They follow the core's limits; files get 4 KiB more for surrounding whitespace, and the core
// then applies its own exact limit.
const SLACK = 4096;
const LIMITS = {
  payload: 4096, // MAX_PAYLOAD_BYTES (src/cccd/mod.rs): a QR payload on stdin
  presentation: 256 * 1024 + SLACK, // sd_jwt::Budget::default().max_bytes
  trustList: (2 << 20) + SLACK, // trust::DEFAULT_MAX_LIST_BYTES
  statusList: (2 << 20) + SLACK, // status::DEFAULT_MAX_TOKEN_BYTES
  mdoc: Math.ceil(((4 << 20) * 4) / 3) + SLACK, // cbor::Budget::default().max_input_bytes, as base64url text
  vical: (2 << 20) + SLACK, // trust::DEFAULT_MAX_LIST_BYTES
  transcript: 64 * 1024, // a SessionTranscript (a few hundred bytes in practice)
  certificate: 64 * 1024, // a PEM of x509::MAX_CERT_DER_BYTES (16 KiB DER) with room to spare
  image: 64 << 20, // a PNG/JPEG file for scan (16 M pixels at most are decoded)
};

/** Reads `source` (a path, or 0 for stdin) up to `max` bytes; more is ERR_INPUT_TOO_LARGE. */
function readBounded(source, max, lang) {
  const fd = source === 0 ? 0 : openSync(source, 'r');
  try {
    // Grows by doubling up to max + 1 bytes: a small file costs a small buffer.
    let buf = Buffer.alloc(Math.min(max + 1, 1 << 16));
    let n = 0;
    for (;;) {
      if (n === buf.length) {
        if (n > max) break;
        const bigger = Buffer.alloc(Math.min(max + 1, buf.length * 2));
        buf.copy(bigger, 0, 0, n);
        buf = bigger;
      }
      let got;
      try {
        got = readSync(fd, buf, n, buf.length - n, null);
      } catch (e) {
        if (e.code === 'EAGAIN') {
          // A non-blocking stdin with nothing yet: wait a little and try again.
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
          continue;
        }
        if (e.code === 'EOF') break;
        throw e;
      }
      if (got === 0) break;
      n += got;
    }
    if (n > max) {
      const what = source === 0 ? 'stdin' : source;
      const message = lang === 'vi'
        ? `Dữ liệu (${what}) dài hơn ${max} byte; tối đa chỉ nhận ${max} byte.`
        : `The input (${what}) is more than ${max} bytes; at most ${max} are accepted.`;
      throw new CccdVerifyError('ERR_INPUT_TOO_LARGE', message, { len: n, max });
    }
    return buf.subarray(0, n);
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}

// Text from a QR code, a credential or a list is attacker-chosen: printed raw, ESC / OSC / CSI
// sequences would drive the terminal (change its title, clear it, fake output). Human-readable
// output shows C0 and C1 controls, DEL and bidi overrides as escapes (\x1B, \u202E).
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
function safe(text) {
  return String(text).replace(CONTROLS, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase()}`;
  });
}
const say = (line) => console.log(safe(line));
const complain = (line) => console.error(safe(line));
// JSON.stringify escapes C0 controls only; DEL, C1 and bidi controls (which occur only inside
// strings) become \u escapes too, so the JSON is unchanged for a parser and inert on a terminal.
const JSON_EXTRA = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
function printJson(value, indent) {
  console.log(JSON.stringify(value, null, indent).replace(JSON_EXTRA, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

const USAGE = `Usage:
  cccd-verify parse [options] "<qr text>"     read a CCCD / Căn cước QR payload ("-" reads stdin)
  cccd-verify scan [options] FILE...          decode QR codes in PNG/JPEG files and read the card
  cccd-verify verify FILE|- --nonce N --aud A (--anchor CERT.pem … | --trust-list FILE
                     --trust-list-signer CERT.pem [--min-sequence K]) [--status-list FILE …]
                     [--status-anchor CERT.pem …] [--status enforce|required]
                                              verify an SD-JWT VC presentation offline
  cccd-verify verify FILE|- --format mdoc --session-transcript ST.cbor (--anchor IACA.pem … |
                     --vical FILE --vical-signer CERT.pem [--min-sequence K]) [--doc-type T]
                     [--reader-key HEX] [--now TIME] [--json]
                                              verify an ISO 18013-5 mdoc DeviceResponse offline
  cccd-verify chip FILE|DIR [--csca CERT.pem … | --master-list FILE --master-list-signer CERT.pem]
                     [--challenge HEX] [--qr "<qr text>"] [--mrz "<3 lines>"] [--allow-sha1]
                     [--now TIME]     verify a CCCD chip dump (docs/chip-data.md) offline
  cccd-verify --version | --help

Options:
  --mrz "<3 lines>"   cross-check against the card's MRZ (TD1, 3 x 30 characters)
  --json              print the typed result as JSON
  --lang vi|en        language of messages (default en)
  --now TIME          the time to check against (default: now): an RFC 3339 date-time
                      (2026-12-04T09:30:00+07:00) or Unix seconds; parse and scan also take a
                      date YYYY-MM-DD, and read a time as its date in Vietnam (UTC+7)
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
  --status P          verify: enforce (default: a revoked, suspended or other non-valid status
                      is a rejection) or required (also reject when the credential refers to a
                      status list that no --status-list file is)
  --issuer-binding B  verify: san (default: iss must match the certificate's SAN) or subject
  --format F          verify: sd-jwt or mdoc (default: detected — raw CBOR or base64url text of a
                      CBOR map is mdoc, a JWT-shaped text is an SD-JWT VC)
  --session-transcript ST.cbor  mdoc: the SessionTranscript CBOR bytes of your request
  --anchor IACA.pem   mdoc: a trusted IACA root (PEM or DER); repeat for several
  --vical FILE        mdoc: a VICAL (COSE_Sign1 CBOR) naming the IACAs, each for its docTypes
  --vical-signer CERT.pem  mdoc: the pinned root the VICAL signer must chain to
  --doc-type T        mdoc: the docType you asked for (e.g. org.iso.18013.5.1.mDL)
  --reader-key HEX    mdoc: your ephemeral P-256 private key (64 hex digits), to check a deviceMac
  --csca CERT.pem     chip: a pinned CSCA or link certificate (PEM or DER); repeat for several.
                      Without --csca and --master-list the data is checked, not its issuer (exit 3)
  --master-list FILE  chip: an ICAO CSCA master list instead of --csca
  --master-list-signer CERT.pem  chip: the pinned CSCA the master list's signer chains to
  --challenge HEX     chip: your Active Authentication challenge (the dump's must equal it)
  --qr "<qr text>"    chip: the card's QR code text, cross-checked with the chip
  --allow-sha1        chip: accept SHA-1 (older chips; refused by default)

Exit status: parse, verify: 0 valid, 1 rejected (the JSON carries "code"; a revoked or suspended
             credential gives ERR_STATUS_REVOKED / ERR_STATUS_SUSPENDED), 2 usage error.
             scan: 0 when every file yielded at least one QR code, 1 otherwise, 2 usage error.
             With several files, scan prints one JSON line per file.
             chip: 0 when the chip data is authentic (the document signer chains to a given
             CSCA) and consistent with --qr / --mrz; 1 rejected: a rejection names its rule
             (ERR_CHIP_DG_HASH_MISMATCH, ERR_CHIP_SOD_SIGNATURE, ERR_CHIP_AA_FAILED, …), data that
             is intact but whose issuer does not chain to the given CSCAs the issuer's error
             (ERR_CERT_*), an inconsistent QR or MRZ the first cross-check finding; 2 usage
             error; 3 intact, issuer not verified: without --csca or --master-list, every rule
             about the data holds (hashes, the EF.SOD signature by its document signer, Active
             Authentication, --qr / --mrz) but no issuer was checked (verdict
             intactIssuerNotVerified; with --json the result with "ok": false).
The QR code is unsigned: a valid card is what the code says, not proof of identity.`;

class UsageError extends Error {}

function parseArgs(argv) {
  const out = { command: undefined, positional: [], json: false, lang: 'en', now: undefined, mrz: undefined, fast: false, nonce: undefined, aud: undefined, anchors: [], noKeyBinding: false, issuerBinding: 'san', trustList: undefined, trustListSigners: [], minSequence: undefined, stale: 'hard', statusLists: [], statusAnchors: [], status: 'enforce', format: undefined, sessionTranscript: undefined, vical: undefined, vicalSigners: [], docType: undefined, readerKey: undefined };
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
    else if (a === '--status') { out.status = value(i, a); i++; }
    else if (a === '--format') { out.format = value(i, a); i++; }
    else if (a === '--session-transcript') { out.sessionTranscript = value(i, a); i++; }
    else if (a === '--vical') { out.vical = value(i, a); i++; }
    else if (a === '--vical-signer') { out.vicalSigners.push(value(i, a)); i++; }
    else if (a === '--doc-type') { out.docType = value(i, a); i++; }
    else if (a === '--reader-key') { out.readerKey = value(i, a); i++; }
    else if (CHIP_FLAGS.has(a)) i = chipOption(out, argv, i);
    else if (a === '--help' || a === '-h') out.command = 'help';
    else if (a === '--version') out.command = 'version';
    else if (a === '--lang') { out.lang = value(i, a); i++; }
    else if (a === '--now') { out.now = value(i, a); i++; }
    else if (a === '--mrz') { out.mrz = value(i, a); i++; }
    else if (a.startsWith('--') || (a.startsWith('-') && a !== '-')) throw new UsageError(`unknown option ${a}`);
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
  for (const [k, v] of rows) say(`${k.padEnd(width)}  ${v}`);
  for (const f of card.findings) say(`  ${f.severity === 'error' ? '✗' : '!'} ${f.code}: ${f.message}`);
}

function readInput(arg, lang) {
  return arg === '-' ? readBounded(0, LIMITS.payload, lang) : arg;
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
  // `--now` is read once, by the API's own reader (digits are Unix seconds): a bad one is a usage
  // error naming the flag. parse and scan check cards (a date is enough); verify and chip need an instant.
  if (args.now !== undefined) {
    const value = /^-?[0-9]+$/.test(args.now) ? Number(args.now) : args.now;
    try {
      args.now = args.command === 'parse' || args.command === 'scan' ? nowDay(value, '--now') : nowSeconds(value, '--now');
    } catch (e) {
      if (!(e instanceof TypeError)) throw e;
      console.error(`cccd-verify: ${e.message}\n\n${USAGE}`);
      return 2;
    }
  }
  if (args.command === 'scan') return scan(args);
  if (args.command === 'verify') return verify(args);
  if (args.command === 'chip') return chip(args);
  if (args.command !== 'parse' || args.positional.length !== 1) {
    console.error(`cccd-verify: ${args.command === undefined ? 'missing command' : args.command !== 'parse' ? `unknown command ${args.command}` : 'parse takes exactly one payload'}\n\n${USAGE}`);
    return 2;
  }
  let card;
  try {
    const input = readInput(args.positional[0], args.lang);
    card = parseCccd(input instanceof Uint8Array ? new Uint8Array(input) : input, {
      lang: args.lang,
      now: args.now,
      mrz: args.mrz,
    });
  } catch (e) {
    if (e instanceof CccdVerifyError) {
      if (args.json) printJson({ ok: false, code: e.code, message: e.message, params: e.params });
      else complain(`${e.code}: ${e.message}`);
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
    printJson(out, 2);
  } else {
    printCard(card, args.lang);
  }
  return card.valid ? 0 : 1;
}

function scanFile(file, args) {
  let bytes;
  try {
    bytes = new Uint8Array(readBounded(file, LIMITS.image, args.lang));
  } catch (e) {
    if (e instanceof CccdVerifyError) return { file, codes: [], card: null, code: e.code, message: e.message };
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
      printJson(r);
    } else if (r.codes.length === 0) {
      complain(`${r.code}: ${r.message ?? 'no QR code found'}`);
    } else {
      for (const c of r.codes) say(`QR v${c.version}-${c.ecLevel} (${c.charset}): ${c.text}`);
      if (r.card) printCard(r.card, args.lang);
      else say(`${r.code}: ${r.message}`);
    }
  }
  return allFound ? 0 : 1;
}

/**
 * The format of a verify input: raw CBOR whose first byte is a map head (0xa0–0xbf, never the
 * first byte of UTF-8 text) or base64url text without dots is `mdoc`; text shaped like a JWT
 * (`eyJ…` with dots, as an SD-JWT VC is) is `sd-jwt`; anything else is undefined.
 */
function detectFormat(bytes) {
  if (bytes.length > 0 && bytes[0] >= 0xa0 && bytes[0] <= 0xbf) return 'mdoc';
  const text = bytes.toString('latin1').trim();
  if (/^ey[A-Za-z0-9_-]*\.[A-Za-z0-9_.~-]*$/.test(text)) return 'sd-jwt';
  if (/^[A-Za-z0-9_-]+={0,2}$/.test(text) && /^[o-v]/.test(text)) return 'mdoc';
  return undefined;
}

// mdoc results carry Uint8Array, Date, bigint and Map values: as JSON they become base64url
// text, RFC 3339 text, decimal text and [key, value] pairs.
function jsonValue(_key, v) {
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64url');
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Map) return [...v.entries()];
  return v;
}

function showValue(v) {
  if (v instanceof Uint8Array) return `<${v.length} bytes>`;
  if (v instanceof Date) return v.toISOString();
  return JSON.stringify(v, jsonValue);
}

function verifyMdocCli(args, input, fail, rejected) {
  if (args.positional[0] === undefined) return fail('verify takes one file');
  if (args.sessionTranscript === undefined) return fail('--format mdoc needs --session-transcript ST.cbor (the SessionTranscript of your request)');
  if (args.anchors.length === 0 && args.vical === undefined) return fail('verify --format mdoc needs --anchor IACA.pem … or --vical FILE --vical-signer CERT.pem');
  if (args.vical !== undefined && args.vicalSigners.length === 0) return fail('--vical needs --vical-signer');
  if (args.vical === undefined && (args.vicalSigners.length > 0 || args.minSequence !== undefined)) return fail('--vical-signer and --min-sequence go with --vical');
  if (args.minSequence !== undefined && !/^\d+$/.test(args.minSequence)) return fail('--min-sequence must be a non-negative integer');
  if (args.stale !== 'hard' && args.stale !== 'warn') return fail('--stale must be hard or warn');
  if (args.readerKey !== undefined && !/^[0-9a-fA-F]{64}$/.test(args.readerKey)) return fail('--reader-key must be 64 hex digits (a P-256 private key)');
  for (const [flag, used] of [['--nonce', args.nonce], ['--aud', args.aud], ['--trust-list', args.trustList], ['--status-list', args.statusLists.length], ['--status-anchor', args.statusAnchors.length], ['--no-key-binding', args.noKeyBinding]]) {
    if (used) return fail(`${flag} is for SD-JWT VC presentations, not mdoc`);
  }
  const now = args.now;
  const cert = (f) => {
    const bytes = readBounded(f, LIMITS.certificate, args.lang);
    return bytes.includes('-----BEGIN') ? bytes.toString('latin1') : new Uint8Array(bytes);
  };
  let transcript;
  let anchors;
  let vicalBytes;
  let vicalSigners;
  try {
    transcript = new Uint8Array(readBounded(args.sessionTranscript, LIMITS.transcript, args.lang));
    anchors = args.anchors.map(cert);
    if (args.vical !== undefined) {
      vicalBytes = new Uint8Array(readBounded(args.vical, LIMITS.vical, args.lang));
      vicalSigners = args.vicalSigners.map(cert);
    }
  } catch (e) {
    if (e instanceof CccdVerifyError) return rejected(e);
    return fail(e.message);
  }
  // Raw CBOR, or its base64url text.
  const response = input.length > 0 && input[0] >= 0xa0 && input[0] <= 0xbf ? new Uint8Array(input) : input.toString('latin1').trim();
  try {
    const trust = { anchors };
    if (vicalBytes !== undefined) {
      trust.vical = loadVical(vicalBytes, { signers: vicalSigners, stale: args.stale, now, lang: args.lang });
      if (args.minSequence !== undefined && (trust.vical.issueId ?? 0) < Number(args.minSequence)) {
        throw new CccdVerifyError('ERR_TRUST_LIST_ROLLBACK', args.lang === 'vi' ? `VICAL cũ hơn số ${args.minSequence}.` : `The VICAL is older than issue ID ${args.minSequence}.`, { sequence: trust.vical.issueId ?? 0, accepted: Number(args.minSequence) });
      }
    }
    const result = verifyMdoc(response, {
      trust,
      transcript,
      now,
      docType: args.docType,
      readerKey: args.readerKey === undefined ? undefined : Uint8Array.from(Buffer.from(args.readerKey, 'hex')),
      lang: args.lang,
    });
    if (args.json) {
      console.log(JSON.stringify({ ok: true, ...result }, jsonValue, 2).replace(JSON_EXTRA, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
    } else {
      for (const d of result.documents) {
        say(`${args.lang === 'vi' ? 'HỢP LỆ' : 'VERIFIED'}: ${d.docType} (device ${d.deviceAuth}) from ${d.issuer.dsSubject} under ${d.issuer.iacaSubject}`);
        for (const [ns, elements] of Object.entries(d.claims)) {
          for (const [el, v] of Object.entries(elements)) say(`  ${ns} ${el}: ${showValue(v)}${d.mimeTypes[ns]?.[el] ? ` ${d.mimeTypes[ns][el]}` : ''}`);
        }
        say(`  valid ${new Date(d.validity.validFrom * 1000).toISOString()} … ${new Date(d.validity.validUntil * 1000).toISOString()}`);
      }
    }
    return 0;
  } catch (e) {
    if (e instanceof TypeError) return fail(e.message);
    if (!(e instanceof CccdVerifyError)) throw e;
    return rejected(e);
  }
}

function verify(args) {
  const fail = (msg) => {
    console.error(`cccd-verify: ${msg}\n\n${USAGE}`);
    return 2;
  };
  const rejected = (e) => {
    if (args.json) printJson({ ok: false, code: e.code, message: e.message, params: e.params });
    else complain(`${args.lang === 'vi' ? 'KHÔNG HỢP LỆ' : 'REJECTED'}: ${e.code}: ${e.message}`);
    return 1;
  };
  if (args.positional.length !== 1) return fail('verify takes exactly one presentation file (or - for stdin)');
  if (args.format !== undefined && args.format !== 'mdoc' && args.format !== 'sd-jwt') return fail('--format must be sd-jwt or mdoc');
  let input;
  try {
    input = readBounded(args.positional[0] === '-' ? 0 : args.positional[0], args.format === 'sd-jwt' ? LIMITS.presentation : LIMITS.mdoc, args.lang);
  } catch (e) {
    if (e instanceof CccdVerifyError) return rejected(e);
    return fail(e.message);
  }
  const format = args.format ?? detectFormat(input);
  if (format === undefined) return fail('cannot tell the format of the input: pass --format sd-jwt or --format mdoc');
  if (format === 'mdoc') return verifyMdocCli(args, input, fail, rejected);
  if (args.sessionTranscript !== undefined || args.vical !== undefined || args.vicalSigners.length || args.docType !== undefined || args.readerKey !== undefined) {
    return fail('--session-transcript, --vical, --vical-signer, --doc-type and --reader-key are for mdoc');
  }
  if (input.length > LIMITS.presentation) {
    const max = LIMITS.presentation;
    return rejected(new CccdVerifyError('ERR_INPUT_TOO_LARGE', args.lang === 'vi' ? `Dữ liệu dài hơn ${max} byte; tối đa chỉ nhận ${max} byte.` : `The input is more than ${max} bytes; at most ${max} are accepted.`, { len: input.length, max }));
  }
  if ((args.anchors.length === 0) === (args.trustList === undefined)) return fail('verify needs --anchor … or --trust-list (not both)');
  if (args.trustList !== undefined && args.trustListSigners.length === 0) return fail('--trust-list needs --trust-list-signer');
  if (args.minSequence !== undefined && !/^\d+$/.test(args.minSequence)) return fail('--min-sequence must be a non-negative integer');
  if (args.stale !== 'hard' && args.stale !== 'warn') return fail('--stale must be hard or warn');
  if (args.status !== 'enforce' && args.status !== 'required') return fail('--status must be enforce or required');
  if (args.noKeyBinding === Boolean(args.nonce || args.aud)) return fail('give --nonce and --aud, or --no-key-binding');
  if (!args.noKeyBinding && !(args.nonce && args.aud)) return fail('--nonce and --aud go together');
  const cert = (f) => {
    const bytes = readBounded(f, LIMITS.certificate, args.lang);
    return bytes.includes('-----BEGIN') ? bytes.toString('latin1') : new Uint8Array(bytes);
  };
  const text = (f, max) => readBounded(f, max, args.lang).toString('utf8');
  let presentation;
  let anchors;
  let statusAnchors;
  let statusLists;
  let trustListJws;
  let signers;
  try {
    presentation = input.toString('utf8').trim();
    anchors = args.anchors.map(cert);
    statusAnchors = args.statusAnchors.map(cert);
    statusLists = args.statusLists.map((f) => text(f, LIMITS.statusList).trim());
    if (args.trustList !== undefined) {
      trustListJws = text(args.trustList, LIMITS.trustList);
      signers = args.trustListSigners.map(cert);
    }
  } catch (e) {
    if (e instanceof CccdVerifyError) return rejected(e);
    return fail(e.message);
  }
  const now = args.now;
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
      status: args.status,
      keyBinding: args.noKeyBinding ? null : { nonce: args.nonce, audience: args.aud },
      now,
      issuerBinding: args.issuerBinding,
      lang: args.lang,
    });
    // A revoked, suspended or otherwise non-valid status was thrown (ERR_STATUS_*) by the
    // core's status policy, like any other rejection: exit 1.
    if (args.json) printJson({ ok: true, ...result }, 2);
    else {
      say(`${args.lang === 'vi' ? 'HỢP LỆ' : 'VERIFIED'}: ${result.vct} from ${result.issuer.iss} (${result.issuer.subject})`);
      for (const [k, v] of Object.entries(result.claims)) if (!['cnf', 'iss', 'vct', 'iat', 'exp', 'status'].includes(k)) say(`  ${k}: ${JSON.stringify(v)}`);
      const st = result.status;
      say(`  status: ${st.checked ? st.verdict : st.reason}`);
      if (result.trustList) say(`  trust list: sequence ${result.trustList.sequence}${result.trustList.stale ? ' (STALE)' : ''}, issuer "${result.trustList.issuerName}"`);
    }
    return 0;
  } catch (e) {
    if (e instanceof TypeError) return fail(e.message);
    if (!(e instanceof CccdVerifyError)) throw e;
    return rejected(e);
  }
}

// ---- ICAO 9303 chips: `cccd-verify chip` (issue 9 item 7) ----
// Options: one line in parseArgs hands these to chipOption, which fills `out.chip`.
const CHIP_FLAGS = new Set(['--csca', '--master-list', '--master-list-signer', '--challenge', '--qr', '--allow-sha1']);
function chipOption(out, argv, i) {
  out.chip ??= { cscas: [], masterList: undefined, masterListSigners: [], challenge: undefined, qr: undefined, allowSha1: false };
  const a = argv[i];
  if (a === '--allow-sha1') {
    out.chip.allowSha1 = true;
    return i;
  }
  if (i + 1 >= argv.length) throw new UsageError(`${a} needs a value`);
  const v = argv[i + 1];
  if (a === '--csca') out.chip.cscas.push(v);
  else if (a === '--master-list-signer') out.chip.masterListSigners.push(v);
  else if (a === '--master-list') out.chip.masterList = v;
  else if (a === '--challenge') out.chip.challenge = v;
  else if (a === '--qr') out.chip.qr = v;
  return i + 1;
}

const CHIP_MAX_DUMP = 2 * 1024 * 1024; // icao::MAX_DUMP_JSON_BYTES
const CHIP_MAX_MASTER_LIST = 8 * 1024 * 1024; // icao::MAX_MASTER_LIST_BYTES

/**
 * The folder form of docs/chip-data.md as the hand-off JSON: `EF.SOD` / `SOD`, `EF.COM` / `COM`,
 * `EF.DGn` / `DGn`, any extension, case-insensitive. Any other file is handed on under its own
 * name, so the core refuses the dump (ERR_CHIP_DUMP_FORMAT) instead of it being skipped.
 */
function chipFolder(dir, lang) {
  const dump = { format: 'icao9303-dump/1', dataGroups: {} };
  let total = 0;
  for (const name of readdirSync(dir).sort()) {
    const bytes = readBounded(`${dir}/${name}`, CHIP_MAX_DUMP, lang);
    total += bytes.length;
    if (total > CHIP_MAX_DUMP) throw new CccdVerifyError('ERR_INPUT_TOO_LARGE', `The chip files in ${dir} are more than ${CHIP_MAX_DUMP} bytes.`, { len: total, max: CHIP_MAX_DUMP });
    const b64 = bytes.toString('base64');
    const stem = (name.split('.').find((p) => p.toUpperCase() !== 'EF') ?? '').toUpperCase();
    if (stem === 'SOD') dump.sod = b64;
    else if (stem === 'COM') dump.com = b64;
    else if (/^DG([1-9]|1[0-6])$/.test(stem)) dump.dataGroups[stem] = b64;
    else dump.dataGroups[name] = b64;
  }
  return dump;
}

function chip(args) {
  const fail = (msg) => {
    console.error(`cccd-verify: ${msg}\n\n${USAGE}`);
    return 2;
  };
  const c = args.chip ?? { cscas: [], masterListSigners: [] };
  if (args.positional.length !== 1) return fail('chip takes exactly one dump file or folder');
  if (c.cscas.length > 0 && c.masterList !== undefined) return fail('chip takes --csca … or --master-list, not both');
  if (c.masterList !== undefined && c.masterListSigners.length === 0) return fail('--master-list needs --master-list-signer');
  if (c.masterList === undefined && c.masterListSigners.length > 0) return fail('--master-list-signer needs --master-list');
  // No trust at all: the API's `trust: { cscas: [] }` (docs/chip-data.md, "Without a CSCA").
  const noTrust = c.cscas.length === 0 && c.masterList === undefined;
  if (c.challenge !== undefined && !/^([0-9a-fA-F]{2})+$/.test(c.challenge)) return fail('--challenge must be hex');
  const vi = args.lang === 'vi';
  const rejected = (code, message, params, result) => {
    if (args.json) printJson({ ok: false, code, message, params, ...(result ? { result } : {}) }, 2);
    else complain(`${vi ? 'KHÔNG HỢP LỆ' : 'REJECTED'}: ${code}: ${message}`);
    return 1;
  };
  const cert = (f) => {
    const bytes = readBounded(f, LIMITS.certificate, args.lang);
    return bytes.includes('-----BEGIN') ? bytes.toString('latin1') : new Uint8Array(bytes);
  };
  let dump;
  let trust;
  try {
    const input = args.positional[0];
    dump = statSync(input).isDirectory() ? chipFolder(input, args.lang) : readBounded(input, CHIP_MAX_DUMP, args.lang).toString('utf8');
    trust = c.masterList !== undefined
      ? { masterList: new Uint8Array(readBounded(c.masterList, CHIP_MAX_MASTER_LIST, args.lang)), masterListSigners: c.masterListSigners.map(cert) }
      : { cscas: c.cscas.map(cert) };
  } catch (e) {
    if (e instanceof CccdVerifyError) return rejected(e.code, e.message, e.params);
    return fail(e.message);
  }
  const now = args.now;
  let result;
  try {
    result = verifyChip(dump, { trust, challenge: c.challenge, qr: c.qr, mrz: args.mrz, allowSha1: c.allowSha1 || undefined, now, lang: args.lang });
  } catch (e) {
    if (e instanceof TypeError) return fail(e.message);
    if (!(e instanceof CccdVerifyError)) throw e;
    return rejected(e.code, e.message, e.params);
  }
  // Intact but not authentic: the document signer does not chain to the given CSCAs. Exit 1
  // with the path's error code, so that a script testing `$? -eq 0` never takes such a chip
  // for a genuine card; the JSON carries the whole result. Without any trust there is no path
  // to fail: the verdict is reported below with exit 3, after the cross-checks.
  if (result.verdict !== 'authentic' && !noTrust) {
    const err = result.issuer.error ?? { code: 'ERR_CERT_UNKNOWN_ISSUER', message: 'The document signer does not chain to a given CSCA.', params: {} };
    return rejected(err.code, `${vi ? 'Dữ liệu chip nguyên vẹn nhưng không xác minh được cơ quan cấp' : 'chip data intact, issuer not verified'}: ${err.message}`, err.params, result);
  }
  const inconsistent = result.consistency?.findings.find((f) => f.severity === 'error');
  if (result.consistency && (result.consistency.qrConsistent === false || result.consistency.mrzConsistent === false)) {
    // qrConsistent / mrzConsistent are false only with an error finding: its code names the rule.
    const f = inconsistent ?? result.consistency.findings[0];
    return rejected(f.code, `${vi ? 'QR/MRZ không khớp với chip' : 'QR/MRZ not consistent with the chip'}: ${f.field}: chip "${f.chip}", other "${f.other}"`, { field: f.field }, result);
  }
  // `authentic` needs a CSCA, so without trust the verdict is `intactIssuerNotVerified`: exit 3.
  const authentic = result.verdict === 'authentic';
  if (args.json) printJson({ ok: authentic, ...result }, 2);
  else {
    const g = result.dg13 ?? {};
    if (authentic) say(`${vi ? 'XÁC THỰC' : 'AUTHENTIC'}: chip data signed by ${result.documentSigner.subject} under CSCA ${result.issuer.csca?.subject ?? '?'}${result.issuer.viaLinkCertificate ? ' (link certificate)' : ''}`);
    else say(`${vi ? 'NGUYÊN VẸN, CHƯA XÁC MINH CƠ QUAN CẤP' : 'INTACT, ISSUER NOT VERIFIED'}: chip data signed by ${result.documentSigner.subject}; ${vi ? 'không có --csca hay --master-list' : 'no --csca or --master-list given'}`);
    say(`  active authentication: ${result.activeAuthentication}; chip authentication: ${result.chipAuthentication}`);
    say(`  data groups: ${result.dataGroups.map((d) => `DG${d.number} ${d.status}`).join(', ')}`);
    if (result.dg13) say(`  ${g.idNumber ?? '—'}  ${g.fullName ?? '—'}  ${g.dateOfBirth?.text ?? '—'}  ${g.sex ?? '—'}`);
    if (result.consistency) say(`  QR consistent: ${result.consistency.qrConsistent ?? '—'}; MRZ consistent: ${result.consistency.mrzConsistent ?? '—'}`);
    for (const f of result.consistency?.findings ?? []) say(`  ! ${f.code} (${f.field})`);
  }
  return authentic ? 0 : 3;
}
// ---- end ICAO 9303 chips ----

process.exitCode = main(process.argv.slice(2));
