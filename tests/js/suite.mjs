// One JS suite, run against the Node build (node.test.mjs) and inside headless Chromium
// (browser.mjs). No dependencies: it must load in a browser as it is.
// `lib` is the package's module namespace.

export const NOW = '2026-11-27';

export const PAYLOADS = {
  an: '001090000123|012345678|Nguyễn Văn An|15031990|Nam|Số 1 Ngõ 2, Phường Láng Hạ, Quận Đống Đa, Hà Nội|20042021',
  binh: '036305000456||Trần Thị Bình|02092005|Nữ|Thôn Đông, Xã Hải Anh, Huyện Hải Hậu, Nam Định|10052021',
  dung: '052092000321|215000111|Phạm Văn Dũng|21081992|Nam|Thôn 3, Xã Cát Hanh, Huyện Phù Cát, Bình Định|18112024||||',
  cuc: '079301000789||Lê Thị Cúc|30112001|Nữ|12/3 Đường Số 5, Phường 7, Quận Gò Vấp, TP. Hồ Chí Minh|15082024||||',
};

export const MRZ_AN = 'IDVNM0900001233001090000123<<4\n9003152M3003150VNM<<<<<<<<<<<0\nNGUYEN<<VAN<AN<<<<<<<<<<<<<<<<';

class AssertionError extends Error {}

function fail(msg) {
  throw new AssertionError(msg);
}

/** JSON with object keys sorted, so that key order does not matter. */
function canonical(v) {
  return JSON.stringify(v, (_, x) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, x[k]]))
      : x,
  );
}

export function eq(actual, expected, what = 'value') {
  const a = canonical(actual);
  const e = canonical(expected);
  if (a !== e) fail(`${what}: expected ${e}, got ${a}`);
}

export function ok(cond, what) {
  if (!cond) fail(`expected ${what}`);
}

/** Runs fn, expects it to throw; returns the error. */
export function throws(fn, check, what = 'call') {
  let err;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  if (err === undefined) fail(`${what} did not throw`);
  if (check) check(err);
  return err;
}

/**
 * `io.load(path)` reads a file of ../shared (e.g. 'qr-bench/zxing/qrcode-1/1.png') as bytes;
 * `io.loadRepo(path)` a file of this repository (e.g. 'tests/data/frames/easy-000.jpg').
 */
export function suite(lib, io) {
  const t = [];
  const test = (name, fn) => t.push({ name, fn });
  const parse = (p, o = {}) => lib.parseCccd(p, { now: NOW, ...o });
  const expectCode = (code, fn) =>
    throws(fn, (e) => {
      ok(e instanceof lib.CccdVerifyError, `a CccdVerifyError, got ${e && e.name}: ${e && e.message}`);
      ok(e instanceof Error, 'CccdVerifyError to extend Error');
      eq(e.code, code, 'code');
      ok(lib.ERROR_CODES.includes(e.code), `${e.code} to be listed in ERROR_CODES`);
      eq(e.name, 'CccdVerifyError', 'name');
    });

  test('init() is idempotent and safe to call concurrently', async () => {
    const [a, b] = await Promise.all([lib.init(), lib.init()]);
    // It resolves to the entry's functions, ready to call (the same object every time).
    ok(a === b && a === (await lib.init()), 'the same object from every init()');
    eq([typeof a.parseCccd, typeof a.verifySdJwtVc, a.CccdVerifyError === lib.CccdVerifyError], ['function', 'function', true], 'resolved functions');
    eq(a.parseCccd(PAYLOADS.an, { now: NOW }).fullName, 'Nguyễn Văn An', 'a function of the resolved object');
  });

  test('2021 CCCD with CMND: every field typed, QR marked unsigned', () => {
    const c = parse(PAYLOADS.an);
    eq(c.assurance, 'unsigned', 'assurance');
    eq(c.generation, { value: 'cccd2021', inferred: true, basis: 'fieldCount' }, 'generation');
    eq(c.idNumber.value, '001090000123', 'id');
    eq(c.idNumber.place, { code: '001', kind: 'province', name: 'Hà Nội', successor2025: 'Hà Nội' }, 'place');
    eq([c.idNumber.birthYear, c.idNumber.sex, c.idNumber.centuryDigit], [1990, 'M', 0], 'id digits');
    eq(c.oldIdNumber, '012345678', 'old id');
    eq(c.fullName, 'Nguyễn Văn An', 'name');
    eq([c.name.family, c.name.middle, c.name.given, c.name.folded, c.name.icao], ['Nguyễn', 'Văn', 'An', 'nguyen van an', 'NGUYEN<<VAN<AN'], 'name parts');
    eq(c.dateOfBirth, { day: 15, iso: '1990-03-15', month: 3, year: 1990 }, 'dob');
    eq(c.sex, 'M', 'sex');
    eq(c.issueDate, '2021-04-20', 'issue');
    eq(c.law, 'cccd2014', 'law');
    eq([c.expiry.kind, c.expiry.date, c.expiry.renewalAge], ['date', '2030-03-15', 40], 'expiry');
    eq([c.expired, c.valid, c.findings.length, c.mrz, c.repairedFrom], [false, true, 0, null, null], 'status');
  });

  test('empty CMND field keeps the following fields in place', () => {
    const c = parse(PAYLOADS.binh);
    eq(c.oldIdNumber, null, 'old id');
    eq(c.fullName, 'Trần Thị Bình', 'name');
    eq(c.sex, 'F', 'sex');
    eq(c.idNumber.place.successor2025, 'Ninh Bình', 'successor');
    eq(c.expiry.date, '2030-09-02', 'expiry (25th birthday)');
  });

  test('11-field Căn cước payloads: trailing empty fields accepted, law by issue date', () => {
    const d = parse(PAYLOADS.dung);
    eq([d.generation.value, d.fieldCount, d.law, d.extras.length, d.valid], ['canCuoc2024', 11, 'canCuoc2023', 0, true], 'dung');
    eq(d.idNumber.place.successor2025, 'Gia Lai', 'successor');
    const c = parse(PAYLOADS.cuc);
    eq([c.oldIdNumber, c.expiry.date, c.expiry.renewalAge], [null, '2026-11-30', 25], 'cuc');
  });

  test('raw bytes are decoded as UTF-8', () => {
    const bytes = new TextEncoder().encode(PAYLOADS.an);
    eq(lib.parseCccd(bytes, { now: NOW }).fullName, 'Nguyễn Văn An', 'name');
    expectCode('ERR_PAYLOAD_ENCODING', () => lib.parseCccd(new Uint8Array([0x30, 0xff, 0x7c]), { now: NOW }));
  });

  test('Latin-1 mojibake from a scanner is repaired and reported', () => {
    const garbled = Array.from(new TextEncoder().encode(PAYLOADS.an), (b) => String.fromCharCode(b)).join('');
    const c = parse(garbled);
    eq([c.fullName, c.repairedFrom, c.valid], ['Nguyễn Văn An', 'iso-8859-1', true], 'repaired');
    eq(c.findings.map((f) => [f.code, f.severity]), [['TEXT_REPAIRED', 'warning']], 'findings');
  });

  test('rejections throw CccdVerifyError with stable code and params', () => {
    const e = expectCode('ERR_FIELD_MISSING', () => parse('001090000123|012345678|Nguyễn Văn An|15031990'));
    eq(e.params, { field: 'sex', found: 4, index: 4 }, 'params');
    expectCode('ERR_NOT_CCCD_PAYLOAD', () => parse('https://example.com/not-a-card'));
    expectCode('ERR_INPUT_EMPTY', () => parse('  \n'));
    expectCode('ERR_ID_NUMBER_FORMAT', () => parse(PAYLOADS.an.replace('001090000123', '00109000012')));
    expectCode('ERR_DATE_FORMAT', () => parse(PAYLOADS.an.replace('15031990', '15/03/1990')));
    expectCode('ERR_SEX_VALUE', () => parse(PAYLOADS.an.replace('|Nam|', '|X|')));
    expectCode('ERR_INPUT_TOO_LARGE', () => parse('1|'.repeat(3000)));
  });

  test('messages in English and Vietnamese', () => {
    const en = expectCode('ERR_FIELD_MISSING', () => parse('001090000123|x'));
    const vi = expectCode('ERR_FIELD_MISSING', () => parse('001090000123|x', { lang: 'vi' }));
    ok(/missing/.test(en.message), `an English message, got "${en.message}"`);
    ok(/thiếu/.test(vi.message), `a Vietnamese message, got "${vi.message}"`);
    const card = parse(PAYLOADS.an.replace('15031990', '15031991'), { lang: 'vi' });
    eq(card.findings[0].code, 'ID_BIRTH_YEAR_MISMATCH', 'finding');
    ok(/Năm sinh/.test(card.findings[0].message), `a Vietnamese finding, got "${card.findings[0].message}"`);
  });

  test('cross-checks become findings with severity; an error makes the card invalid', () => {
    const c = parse(PAYLOADS.an.replace('|Nam|', '|Nữ|'));
    eq(c.valid, false, 'valid');
    eq(c.findings.map((f) => [f.code, f.severity]), [['ID_SEX_MISMATCH', 'error']], 'findings');
    eq(c.findings[0].params, { fieldSex: 'F', idSex: 'M' }, 'params');
    const p = parse(PAYLOADS.an.replace('15031990', '00001990'));
    eq([p.dateOfBirth.iso, p.dateOfBirth.month, p.dateOfBirth.day, p.valid], ['1990', null, null, true], 'partial dob');
    eq(p.findings.map((f) => f.code), ['BIRTH_DATE_PARTIAL', 'EXPIRY_APPROXIMATE'], 'partial findings');
  });

  test('expiry against now: a Date is read in Vietnam time (UTC+7)', () => {
    // Expires 2030-03-15: still valid at 23:59 that day in Hà Nội, expired one minute later.
    eq(lib.parseCccd(PAYLOADS.an, { now: new Date('2030-03-15T16:59:00Z') }).expired, false, '23:59 ICT');
    const c = lib.parseCccd(PAYLOADS.an, { now: new Date('2030-03-15T17:00:00Z') });
    eq([c.expired, c.valid, c.findings[0].code], [true, false, 'CARD_EXPIRED'], '00:00 ICT next day');
    eq(lib.parseCccd(PAYLOADS.an, { now: '2030-03-16T00:30:00+07:00' }).expired, true, 'RFC 3339 string');
    eq(typeof lib.parseCccd(PAYLOADS.an).expired, 'boolean', 'default now');
  });

  test('wrong argument types throw TypeError, not CccdVerifyError', () => {
    const typeError = (fn, what) => throws(fn, (e) => ok(e instanceof TypeError, `TypeError for ${what}, got ${e}`), what);
    typeError(() => lib.parseCccd(42), 'number input');
    typeError(() => lib.parseCccd(null), 'null input');
    typeError(() => lib.parseCccd(PAYLOADS.an, { now: 'yesterday' }), 'bad now');
    typeError(() => lib.parseCccd(PAYLOADS.an, { now: new Date('nope') }), 'invalid Date');
    typeError(() => lib.parseCccd(PAYLOADS.an, { lang: 'fr' }), 'bad lang');
    typeError(() => lib.parseCccd(PAYLOADS.an, 'vi'), 'options not an object');
    typeError(() => lib.parseCccd(PAYLOADS.an, { mrz: 5 }), 'mrz not a string');
    typeError(() => lib.parseMrz(undefined), 'parseMrz without text');
    typeError(() => lib.compareNames('a'), 'compareNames with one name');
  });

  test('MRZ: parsed with check digits, cross-checked against the QR', () => {
    const m = lib.parseMrz(MRZ_AN);
    eq([m.documentNumber, m.idNumber, m.dateOfBirth.iso, m.sex, m.dateOfExpiry, m.nameField], ['090000123', '001090000123', '1990-03-15', 'M', '2030-03-15', 'NGUYEN<<VAN<AN'], 'mrz');
    const c = parse(PAYLOADS.an, { mrz: MRZ_AN });
    eq([c.valid, c.findings.length, c.mrz.idNumber], [true, 0, '001090000123'], 'matching');
    const other = parse(PAYLOADS.binh, { mrz: MRZ_AN });
    const codes = other.findings.map((f) => f.code);
    for (const code of ['MRZ_ID_MISMATCH', 'MRZ_DOCUMENT_NUMBER_MISMATCH', 'MRZ_BIRTH_DATE_MISMATCH', 'MRZ_SEX_MISMATCH', 'MRZ_EXPIRY_MISMATCH', 'MRZ_NAME_MISMATCH']) {
      ok(codes.includes(code), `${code} among ${codes}`);
    }
    const e = expectCode('ERR_MRZ_CHECK_DIGIT', () => lib.parseMrz(MRZ_AN.replace('9003152', '9003162')));
    eq(e.params, { field: 'dateOfBirth' }, 'params');
    expectCode('ERR_MRZ_FORMAT', () => lib.parseMrz('IDVNM'));
  });

  test('names: fold, compare, ICAO transliteration', () => {
    eq(lib.foldName('ĐẶNG  Thị Đào'), 'dang thi dao', 'fold');
    eq(lib.compareNames('Lê Văn Hòa', 'LÊ VĂN HOÀ'), 'equivalent', 'tone placement');
    eq(lib.compareNames('Lê Văn Hòa', 'Le Van Hoa'), 'without-diacritics', 'no diacritics');
    eq(lib.compareNames('Lê Văn Hòa', 'Lê Văn Hòa'), 'exact', 'exact');
    eq(lib.compareNames('Lê Văn Hòa', 'Lê Văn Hùng'), 'different', 'different');
    eq(lib.icaoTransliterate('Đỗ Thị Ánh'), 'DO<THI<ANH', 'icao');
    // A budget of 1024 UTF-8 bytes per name: 400 × 'ạ' is 1200 bytes.
    eq(lib.foldName('a'.repeat(1024)), 'a'.repeat(1024), 'fold at the budget');
    for (const [name, len] of [['a'.repeat(1025), 1025], ['ạ'.repeat(400), 1200], ['a'.repeat(1 << 22), 1 << 22]]) {
      eq(expectCode('ERR_INPUT_TOO_LARGE', () => lib.foldName(name)).params, { len, max: 1024 }, `foldName ${len}`);
      eq(expectCode('ERR_INPUT_TOO_LARGE', () => lib.compareNames('An', name)).params, { len, max: 1024 }, `compareNames ${len}`);
      eq(expectCode('ERR_INPUT_TOO_LARGE', () => lib.icaoTransliterate(name)).params, { len, max: 1024 }, `icaoTransliterate ${len}`);
    }
  });

  test('a wasm trap becomes ERR_INTERNAL and the next call works', () => {
    ok(!('__trapForTests' in lib), 'no test hook in the public API');
    expectCode('ERR_INTERNAL', () => io.trap());
    eq(parse(PAYLOADS.an).fullName, 'Nguyễn Văn An', 'after restart');
    expectCode('ERR_INTERNAL', () => io.trap());
    eq(lib.foldName('Đào'), 'dao', 'after second restart');
  });

  test('decodeQr reads a photographed QR code from PNG bytes, with corners, version, EC level', async () => {
    const png = await io.load('qr-bench/zxing/qrcode-1/1.png');
    const expected = new TextDecoder().decode(await io.load('qr-bench/zxing/qrcode-1/1.txt'));
    const codes = lib.decodeQr(png);
    eq(codes.length, 1, 'code count');
    const [c] = codes;
    eq([c.text, c.charset], [expected, 'utf-8'], 'text');
    eq(new TextDecoder().decode(c.bytes), expected, 'bytes');
    ok(c.version >= 1 && c.version <= 40 && ['L', 'M', 'Q', 'H'].includes(c.ecLevel), `version/EC ${c.version}/${c.ecLevel}`);
    eq(c.corners.length, 4, 'corners');
    ok(c.corners.every((p) => p.x >= 0 && p.y >= 0 && p.x < 2000 && p.y < 2000), 'corners inside the image');
  });

  test('decodeQr: Shift_JIS payloads are decoded and flagged as a guess', async () => {
    const png = await io.load('qr-bench/zxing/qrcode-2/17.png');
    const expected = new TextDecoder().decode(await io.load('qr-bench/zxing/qrcode-2/17.txt'));
    const [c] = lib.decodeQr(png);
    eq([c.text, c.charset, c.charsetGuessed], [expected, 'shift_jis', true], 'sjis');
  });

  test('decodeQr answers on qrcode-6/7.png (which made rqrr panic when the module carried it) and keeps working', async () => {
    const png = await io.load('qr-bench/zxing/qrcode-6/7.png');
    const codes = lib.decodeQr(png);
    ok(Array.isArray(codes), 'an array, not a thrown ERR_INTERNAL');
    eq(lib.decodeQr(await io.load('qr-bench/zxing/qrcode-1/1.png')).length, 1, 'next decode');
    eq(parse(PAYLOADS.an).fullName, 'Nguyễn Văn An', 'parser after recovery');
  });

  test('decodeQr rejects bad images with typed errors and bad arguments with TypeError', () => {
    expectCode('ERR_IMAGE_DECODE', () => lib.decodeQr(new Uint8Array([1, 2, 3])));
    expectCode('ERR_IMAGE_FORMAT', () => lib.decodeQr({ data: new Uint8ClampedArray(10), width: 4, height: 4 }));
    expectCode('ERR_IMAGE_FORMAT', () => lib.decodeQr({ data: new Uint8ClampedArray(0), width: 0, height: 0 }));
    expectCode('ERR_IMAGE_TOO_LARGE', () => lib.decodeQr({ luma: new Uint8Array(1), width: 5000, height: 5000 }));
    eq(lib.decodeQr({ luma: new Uint8Array(64 * 64).fill(255), width: 64, height: 64 }), [], 'blank image');
    throws(() => lib.decodeQr('x.png'), (e) => ok(e instanceof TypeError, 'TypeError for a string'));
    throws(() => lib.decodeQr({ luma: new Uint8Array(4), width: 2, height: 2, stride: 1 }), (e) => ok(e instanceof TypeError, 'TypeError for stride < width'));
    // u32 arguments: 2^32 + 1 would wrap to 1 and match a 1-pixel-wide buffer.
    throws(() => lib.decodeQr({ luma: new Uint8Array(4), width: 2 ** 32 + 1, height: 4 }), (e) => ok(e instanceof TypeError, 'TypeError for width 2^32 + 1'));
    throws(() => lib.decodeQr({ luma: new Uint8Array(4), width: 1, height: 4, stride: 2 ** 32 + 1 }), (e) => ok(e instanceof TypeError, 'TypeError for stride 2^32 + 1'));
    throws(() => lib.decodeQr({ data: new Uint8ClampedArray(4), width: 1, height: 2 ** 32 + 1 }), (e) => ok(e instanceof TypeError, 'TypeError for height 2^32 + 1'));
    throws(() => lib.decodeQr(new Uint8Array(4), { mode: 'slow' }), (e) => ok(e instanceof TypeError, 'TypeError for mode'));
  });

  test('decodeQr refuses a crafted field of 400 finder-like squares with ERR_IMAGE_TOO_COMPLEX, in bounded work', () => {
    const n = 20, m = 5, gap = 5, cell = 7 * m + gap, side = n * cell + gap;
    const luma = new Uint8Array(side * side).fill(255);
    for (let gy = 0; gy < n; gy++) for (let gx = 0; gx < n; gx++) {
      for (let y = 0; y < 7 * m; y++) for (let x = 0; x < 7 * m; x++) {
        const [mx, my] = [Math.floor(x / m), Math.floor(y / m)];
        const ring = mx === 0 || my === 0 || mx === 6 || my === 6;
        const core = mx >= 2 && mx <= 4 && my >= 2 && my <= 4;
        if (ring || core) luma[(gap + gy * cell + y) * side + gap + gx * cell + x] = 0;
      }
    }
    const e = expectCode('ERR_IMAGE_TOO_COMPLEX', () => lib.decodeQr({ luma, width: side, height: side }));
    ok(e.params.finders > e.params.max, `finders ${e.params.finders} > max ${e.params.max}`);
  });

  test('scanCccd reads a generated webcam frame of a card into the card its payload gives', async () => {
    const jpg = await io.loadRepo('tests/data/frames/medium-000.jpg');
    const payload = new TextDecoder().decode(await io.loadRepo('tests/data/frames/medium-000.txt'));
    for (const mode of ['fast', 'thorough']) {
      const { card, qr } = lib.scanCccd(jpg, { now: NOW, mode });
      eq(qr.text, payload, `qr text (${mode})`);
      eq(card, parse(payload), `card (${mode})`);
      eq(card.assurance, 'unsigned', 'assurance');
    }
  });

  test('decodeQr finds several codes in one image', async () => {
    const png = await io.load('qr-bench/zxing/multi-qrcode-1/1.png');
    const expected = new TextDecoder().decode(await io.load('qr-bench/zxing/multi-qrcode-1/1.expected-multi.txt')).split('\n').filter((l) => l.length);
    const texts = lib.decodeQr(png).map((c) => c.text);
    const found = expected.filter((t) => texts.includes(t));
    ok(found.length >= 3, `at least 3 of the ${expected.length} codes, got ${found.length}: ${JSON.stringify(texts)}`);
  });

  test('scanCccd on an image without a CCCD code says which: no code vs not a CCCD code', async () => {
    expectCode('ERR_NO_QR_FOUND', () => lib.scanCccd({ luma: new Uint8Array(64 * 64).fill(200), width: 64, height: 64 }));
    const png = await io.load('qr-bench/zxing/qrcode-1/1.png');
    expectCode('ERR_NOT_CCCD_PAYLOAD', () => lib.scanCccd(png));
  });

  test('verifySdJwtVc: every demo presentation gives its expected outcome (tests/data/sd-jwt)', async () => {
    const text = async (f) => new TextDecoder().decode(await io.loadRepo(`tests/data/sd-jwt/${f}`));
    const spec = JSON.parse(await text('expected.json'));
    const anchor = await text('anchor.pem');
    const options = { trust: { anchors: [anchor] }, keyBinding: { nonce: spec.nonce, audience: spec.audience }, now: spec.now };
    ok(spec.presentations.length >= 10, `${spec.presentations.length} presentations`);
    for (const p of spec.presentations) {
      const presentation = (await text(p.file)).trim();
      if (p.expected === 'ok') {
        const vc = lib.verifySdJwtVc(presentation, options);
        eq(vc.claims, p.claims, `${p.file} claims`);
        eq([vc.issuer.iss, vc.vct, vc.header.typ], [spec.iss, spec.vct, 'dc+sd-jwt'], `${p.file} issuer`);
        eq(vc.holderKey, p.claims.cnf.jwk, `${p.file} holder key`);
        if (!('status' in p.claims)) eq(vc.status, { checked: false, reason: 'no-status-reference' }, `${p.file} status`);
      } else {
        throws(() => lib.verifySdJwtVc(presentation, options), (e) => {
          ok(e instanceof lib.CccdVerifyError, `${p.file}: a CccdVerifyError, got ${e}`);
          eq(e.code, p.expected, `${p.file} code`);
          ok(lib.ERROR_CODES.includes(e.code), `${e.code} in ERROR_CODES`);
        }, p.file);
      }
    }
    // The DER form of the anchor works too, and an anchor is required.
    const der = Uint8Array.from(atob(anchor.replace(/-----[^-]+-----|\s/g, '')), (c) => c.charCodeAt(0));
    const valid = (await text('presentation.valid.txt')).trim();
    eq(lib.verifySdJwtVc(valid, { ...options, trust: { anchors: [der] } }).issuer.iss, spec.iss, 'DER anchor');
    // Key binding is a decision: omitting the option is a TypeError, null refuses a KB-JWT.
    throws(() => lib.verifySdJwtVc(valid, { trust: options.trust, now: spec.now }), (e) => ok(e instanceof TypeError, 'TypeError without keyBinding'));
    expectCode('ERR_KB_UNEXPECTED', () => lib.verifySdJwtVc(valid, { ...options, keyBinding: null }));
    eq(lib.verifySdJwtVc((await text('credential.txt')).trim(), { ...options, keyBinding: null }).disclosures, spec.credential.disclosures, 'issued credential without key binding');
    throws(() => lib.verifySdJwtVc(valid, { ...options, trust: { anchors: [] } }), (e) => ok(e instanceof TypeError, 'TypeError without anchors'));
    throws(() => lib.verifySdJwtVc(valid, { ...options, statusLists: 'x' }), (e) => ok(e instanceof TypeError, 'TypeError for statusLists'));
    throws(() => lib.verifySdJwtVc(valid, { ...options, algorithms: ['none'] }), (e) => ok(e instanceof TypeError, 'TypeError for alg none'));
    expectCode('ERR_CERT_PARSE', () => lib.verifySdJwtVc(valid, { ...options, trust: { anchors: ['AAAA'] } }));
    const vi = throws(() => lib.verifySdJwtVc(valid, { ...options, keyBinding: { nonce: 'other', audience: spec.audience }, lang: 'vi' }));
    eq(vi.code, 'ERR_KB_NONCE_MISMATCH', 'code');
    ok(/nonce/.test(vi.message) && /Bản trình bày/.test(vi.message), `Vietnamese message: ${vi.message}`);
  });

  // ISO 18013-5 mdoc: the DEMO fixtures of examples/demo/mdoc at their own clock.
  const mdocFixtures = async () => {
    const bytes = (f) => io.loadRepo(`examples/demo/mdoc/${f}`);
    const text = async (f) => new TextDecoder().decode(await bytes(f));
    const spec = JSON.parse(await text('expected.json'));
    const hex = (h) => Uint8Array.from(h.match(/../g), (x) => parseInt(x, 16));
    const options = async (r, trust) => {
      const flow = spec.flows[r.flow];
      return {
        trust: trust ?? { anchors: [await text('iaca.pem')] },
        transcript: await bytes(r.sessionTranscript),
        now: spec.now,
        docType: r.docType,
        allowDeviceMac: r.flow === 'proximity',
        ...(flow.readerPrivateKeyHex ? { readerKey: hex(flow.readerPrivateKeyHex) } : {}),
      };
    };
    return { bytes, text, spec, hex, options };
  };

  test('verifyMdoc: every DEMO mdoc response gives its expected outcome (examples/demo/mdoc)', async () => {
    const { bytes, spec, options } = await mdocFixtures();
    ok(spec.responses.length === 37, `${spec.responses.length} responses`);
    for (const r of spec.responses) {
      const o = await options(r);
      const data = await bytes(r.file);
      if (r.expected === 'ok') {
        const v = lib.verifyMdoc(data, o);
        eq([v.documents.length, v.documents[0].docType], [1, r.docType], `${r.file} document`);
        eq(Object.keys(v.documents[0].claims).sort(), Object.keys(r.disclosed ?? v.documents[0].claims).sort(), `${r.file} namespaces`);
      } else {
        throws(() => lib.verifyMdoc(data, o), (e) => {
          ok(e instanceof lib.CccdVerifyError, `${r.file}: a CccdVerifyError, got ${e}`);
          eq(e.code, r.expected, `${r.file} code`);
        }, r.file);
      }
    }
  });

  test('verifyMdoc: a verified mDL with its claims as JS values, and rejections with their codes', async () => {
    const { bytes, spec, hex, options } = await mdocFixtures();
    const r = spec.responses.find((x) => x.file === 'mdl.annex-c.valid.cbor');
    const v = lib.verifyMdoc(await bytes(r.file), await options(r));
    const d = v.documents[0];
    const mdl = d.claims['org.iso.18013.5.1'];
    eq([mdl.family_name, mdl.given_name, mdl.birth_date, mdl.issuing_country], ['Lê', 'Thị Cúc', '2001-11-30', 'VN'], 'text and full-date');
    ok(mdl.portrait instanceof Uint8Array, 'portrait as a Uint8Array');
    eq(Array.from(mdl.portrait), Array.from(await bytes('portrait.jpg')), 'portrait bytes');
    eq(d.mimeTypes, { 'org.iso.18013.5.1': { portrait: 'image/jpeg' } }, 'MIME types');
    eq(mdl.driving_privileges, r.disclosed['org.iso.18013.5.1'].driving_privileges, 'array of maps as objects');
    eq([d.deviceAuth, d.issuer.iacaSubject, d.validity.validFrom], ['signature', spec.trust.iaca.subject, Date.parse(spec.mso.validFrom) / 1000], 'issuer and validity');
    eq(d.digestAlgorithm, 'SHA-256', 'digest algorithm');
    // The same response as base64url text, and the Annex C transcript built from its parameters.
    const b64u = btoa(String.fromCharCode(...(await bytes(r.file)))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const flow = spec.flows['annex-c'];
    eq(lib.verifyMdoc(b64u, { ...(await options(r)), transcript: { dcapi: { encryptionInfo: flow.encryptionInfo, origin: flow.origin } } }).documents[0].docType, r.docType, 'text input, dcapi transcript');
    const jwk = spec.flows['oid4vp-dcapi-jwk'];
    const rj = spec.responses.find((x) => x.file === 'pid.oid4vp-dcapi-jwk.valid.cbor');
    eq(lib.verifyMdoc(await bytes(rj.file), { ...(await options(rj)), transcript: { openid4vpDcApi: { origin: jwk.origin, nonce: jwk.nonce, jwkThumbprint: hex(jwk.jwkThumbprintHex) } } }).documents[0].claims['vn.cccd-verify.pid.1'].age_over_18, true, 'OpenID4VP DC API transcript with a thumbprint');
    // Rejections: another request's transcript, a tampered element, an expired MSO.
    const annexC = await bytes(r.file);
    const other = { ...(await options(r)), transcript: { dcapi: { encryptionInfo: flow.encryptionInfo, origin: 'https://other.example' } } };
    eq(expectCode('ERR_MDOC_DEVICE_AUTH', () => lib.verifyMdoc(annexC, other)).params.reason, 'signature-invalid', 'another origin');
    for (const [file, code] of [['mdl.tampered-element.rejects.cbor', 'ERR_MDOC_DIGEST_MISMATCH'], ['mdl.mso-expired.rejects.cbor', 'ERR_MDOC_VALIDITY'], ['mdl.wrong-doctype.rejects.cbor', 'ERR_MDOC_DOCTYPE_MISMATCH']]) {
      const rr = spec.responses.find((x) => x.file === file);
      const data = await bytes(file);
      const o = await options(rr);
      const e = expectCode(code, () => lib.verifyMdoc(data, o));
      ok(e.message.length > 0, `${file} message`);
    }
    // Options: trust is required, unknown keys are TypeErrors.
    const data = await bytes(r.file);
    const o = await options(r);
    throws(() => lib.verifyMdoc(data, { ...o, trust: undefined }), (e) => ok(e instanceof TypeError, 'TypeError without trust'));
    throws(() => lib.verifyMdoc(data, { ...o, trust: { anchors: [] } }), (e) => ok(e instanceof TypeError && /anchors/.test(e.message), `TypeError for no anchors: ${e.message}`));
    throws(() => lib.verifyMdoc(data, { ...o, maxDocument: 2 }), (e) => ok(e instanceof TypeError && /maxDocument/.test(e.message), `TypeError for an unknown key: ${e.message}`));
    // A DER anchor works as well as PEM.
    eq(lib.verifyMdoc(data, { ...o, trust: { anchors: [await bytes('iaca.der')] } }).documents.length, 1, 'DER anchor');
  });

  test('loadVical and verifyMdoc: IACAs from a VICAL, limited to the docTypes of their entries', async () => {
    const { bytes, text, spec, options } = await mdocFixtures();
    const signers = [await text('vical-root.pem')];
    const vical = lib.loadVical(await bytes('vical.cbor'), { signers, now: spec.now });
    ok(vical instanceof lib.Vical, 'a Vical');
    eq([vical.issueId, vical.entries.length, vical.entries[0].docTypes], [7, 1, ['org.iso.18013.5.1.mDL', 'vn.cccd-verify.pid.1']], 'VICAL summary');
    const mdlOnly = lib.loadVical(await bytes('vical.mdl-only.cbor'), { signers, now: spec.now });
    const mdl = spec.responses.find((x) => x.file === 'mdl.oid4vp-dcapi.valid.cbor');
    const pid = spec.responses.find((x) => x.file === 'pid.oid4vp-dcapi.valid.cbor');
    eq(lib.verifyMdoc(await bytes(pid.file), await options(pid, vical)).documents[0].docType, pid.docType, 'PID under the VICAL');
    eq(lib.verifyMdoc(await bytes(mdl.file), await options(mdl, mdlOnly)).documents[0].docType, mdl.docType, 'mDL under the mDL-only VICAL');
    const pidData = await bytes(pid.file);
    const pidOptions = await options(pid, mdlOnly);
    const e = expectCode('ERR_TRUST_LIST_DOCTYPE_NOT_ALLOWED', () => lib.verifyMdoc(pidData, pidOptions));
    eq([e.params.docType, e.params.iaca], [pid.docType, spec.trust.iaca.subject], 'params');
    // Pinned too: the pin is not limited by the VICAL.
    eq(lib.verifyMdoc(pidData, { ...pidOptions, trust: { vical: mdlOnly, anchors: [await text('iaca.pem')] } }).documents.length, 1, 'VICAL and a pinned IACA');
    // The VICAL rules: rollback, staleness, an untrusted signer.
    const seq6 = await bytes('vical.seq6.cbor');
    expectCode('ERR_TRUST_LIST_ROLLBACK', () => lib.loadVical(seq6, { signers, now: spec.now, accepted: vical.accepted }));
    const stale = await bytes('vical.stale.cbor');
    expectCode('ERR_TRUST_LIST_STALE', () => lib.loadVical(stale, { signers, now: spec.now }));
    eq(lib.loadVical(stale, { signers, now: spec.now, stale: 'warn' }).stale, true, 'stale, warn');
    const untrusted = await bytes('vical.untrusted-signer.rejects.cbor');
    expectCode('ERR_CERT_UNKNOWN_ISSUER', () => lib.loadVical(untrusted, { signers, now: spec.now }));
    throws(() => lib.loadVical(seq6, { now: spec.now }), (x) => ok(x instanceof TypeError, 'TypeError without signers'));
  });

  // The Digital Credentials API flow, with the in-page DEMO wallet of examples/wallet-onboarding
  // (WebCrypto: HPKE, JWE, ES256) answering each live request with a fresh presentation.
  const dcFlow = async () => {
    const { loadDemoWallet } = await import(new URL('../../examples/wallet-onboarding/demo-wallet.js', import.meta.url));
    const wallet = await loadDemoWallet((p) => io.loadRepo(`examples/demo/${p}`));
    const text = async (p) => new TextDecoder().decode(await io.loadRepo(`examples/demo/${p}`));
    const now = JSON.parse(await text('mdoc/expected.json')).now;
    const trust = { mdoc: { anchors: [await text('mdoc/iaca.pem')] }, sdJwt: { anchors: [await text('sd-jwt/anchor.pem')] } };
    const origin = 'https://onboarding.example.vn';
    const PID = 'vn.cccd-verify.pid.1';
    const MDL = 'org.iso.18013.5.1.mDL';
    const asks = {
      pid: { mdoc: { docType: PID, claims: { [PID]: ['family_name', 'given_name', 'birth_date', 'age_over_18'] } } },
      mdl: { mdoc: { docType: MDL, claims: [['org.iso.18013.5.1', 'family_name'], ['org.iso.18013.5.1', 'birth_date'], ['org.iso.18013.5.1', 'portrait']] } },
      sdJwt: { sdJwt: { vct: 'urn:cccd-verify:pid:vn:1', claims: ['family_name', 'given_name', ['birthdate']] } },
    };
    const request = (protocol, ask, extra = {}) => lib.createCredentialRequest({ protocols: [protocol], ...asks[ask], origin, now, ...extra });
    const verify = (credential, state, extra = {}) => lib.verifyCredentialResponse(credential, state, { trust, now, ...extra });
    return { wallet, now, trust, origin, request, verify, PID, MDL };
  };

  test('createCredentialRequest → DEMO wallet → verifyCredentialResponse: mdoc over org-iso-mdoc (HPKE) and OpenID4VP (JWE), SD-JWT VC over OpenID4VP, with claims', async () => {
    const { wallet, now, origin, request, verify, PID, MDL } = await dcFlow();

    const annexC = request('org-iso-mdoc', 'pid');
    eq(annexC.request.requests.map((r) => r.protocol), ['org-iso-mdoc'], 'protocols offered');
    eq(Object.keys(annexC.request.requests[0].data).sort(), ['deviceRequest', 'encryptionInfo'], 'Annex C request data');
    ok(typeof annexC.state === 'string' && JSON.parse(annexC.state).protocols['org-iso-mdoc'].privateKey.length > 0, 'the state as JSON text, with the private key');
    const c1 = await wallet.answer(annexC.request, origin, { now });
    eq(Object.keys(c1.data), ['response'], 'an encrypted Annex C answer');
    const r1 = verify(c1, annexC.state);
    eq([r1.protocol, r1.format, r1.origin, r1.nonce], ['org-iso-mdoc', 'mso_mdoc', origin, JSON.parse(annexC.state).nonce], 'Annex C result');
    const pid = r1.mdoc.documents[0];
    eq(pid.docType, PID, 'docType');
    eq([pid.claims[PID].family_name, pid.claims[PID].given_name, pid.claims[PID].birth_date, pid.claims[PID].age_over_18], ['Lê', 'Thị Cúc', '2001-11-30', true], 'PID claims');
    eq(r1.missingClaims, [], 'nothing missing');

    const oid = request('openid4vp-v1-unsigned', 'mdl');
    const data = oid.request.requests[0].data;
    eq([data.response_type, data.response_mode, data.dcql_query.credentials[0].format], ['vp_token', 'dc_api.jwt', 'mso_mdoc'], 'OpenID4VP request');
    const c2 = await wallet.answer(oid.request, origin, { now });
    ok(typeof c2.data.response === 'string' && c2.data.response.split('.').length === 5, 'a compact JWE answer');
    const r2 = verify(c2, oid.state);
    eq([r2.protocol, r2.format], ['openid4vp-v1-unsigned', 'mso_mdoc'], 'OpenID4VP mdoc result');
    const mdl = r2.mdoc.documents[0];
    eq(mdl.docType, MDL, 'mDL docType');
    ok(mdl.claims['org.iso.18013.5.1'].portrait instanceof Uint8Array && mdl.mimeTypes['org.iso.18013.5.1'].portrait === 'image/jpeg', 'the portrait as bytes with its MIME type');
    eq(mdl.claims['org.iso.18013.5.1'].birth_date, '2001-11-30', 'mDL birth_date');

    const sd = request('openid4vp-v1-unsigned', 'sdJwt');
    const r3 = verify(await wallet.answer(sd.request, origin, { now }), sd.state);
    eq([r3.protocol, r3.format, r3.sdJwt.claims.family_name, r3.sdJwt.claims.birthdate], ['openid4vp-v1-unsigned', 'dc+sd-jwt', 'Lê', '2001-11-30'], 'SD-JWT VC result');
    eq(r3.sdJwt.keyBinding !== undefined || r3.sdJwt.holderKeyThumbprint !== undefined, true, 'key binding checked');

    // Fresh randomness for every request: other keys, another nonce.
    const again = request('org-iso-mdoc', 'pid');
    ok(again.request.requests[0].data.encryptionInfo !== annexC.request.requests[0].data.encryptionInfo, 'a new key and nonce per request');
  });

  test('verifyCredentialResponse: an answer for another nonce, origin or request is refused with its code; plaintext and stale states too', async () => {
    const { wallet, now, origin, request, verify } = await dcFlow();
    const code = (c) => (e) => {
      ok(e instanceof lib.CccdVerifyError, `a CccdVerifyError, got ${e && e.name}: ${e && e.message}`);
      eq(e.code, c, 'code');
    };
    // Annex C: the transcript (origin, nonce, key) is the HPKE info: nothing else opens.
    const a = request('org-iso-mdoc', 'pid');
    const b = request('org-iso-mdoc', 'pid');
    throws(() => verify(wallet.answer(b.request, origin, { now }), a.state), (e) => ok(e instanceof TypeError, 'a TypeError for a pending Promise (await the wallet first)'));
    const forB = await wallet.answer(b.request, origin, { now });
    throws(() => verify(forB, a.state), code('ERR_DECRYPT_FAILED'), 'answer to another request');
    const answer1 = await wallet.answer(a.request, 'https://evil.example', { now });
    throws(() => verify(answer1, a.state), code('ERR_DECRYPT_FAILED'), 'Annex C for another origin');
    // OpenID4VP mdoc: the handover binds origin, nonce and our key's thumbprint.
    const o = request('openid4vp-v1-unsigned', 'mdl');
    const answer2 = await wallet.answer(o.request, origin, { now, nonce: 'another-nonce-0123456789' });
    throws(() => verify(answer2, o.state), code('ERR_MDOC_DEVICE_AUTH'), 'mdoc for another nonce');
    const answer3 = await wallet.answer(o.request, 'https://evil.example', { now });
    throws(() => verify(answer3, o.state), code('ERR_MDOC_DEVICE_AUTH'), 'mdoc for another origin');
    // OpenID4VP SD-JWT VC: the KB-JWT's nonce and audience.
    const s = request('openid4vp-v1-unsigned', 'sdJwt');
    const answer4 = await wallet.answer(s.request, origin, { now, nonce: 'another-nonce-0123456789' });
    throws(() => verify(answer4, s.state), code('ERR_KB_NONCE_MISMATCH'), 'SD-JWT for another nonce');
    const answer5 = await wallet.answer(s.request, 'https://evil.example', { now });
    throws(() => verify(answer5, s.state), code('ERR_KB_AUDIENCE_MISMATCH'), 'SD-JWT for another origin');
    // Plaintext where encryption was asked for; a protocol not offered; a state too old.
    throws(() => verify({ protocol: 'openid4vp-v1-unsigned', data: { vp_token: { sd_jwt: ['x'] } } }, s.state), code('ERR_RESPONSE_NOT_ENCRYPTED'), 'plaintext vp_token');
    const good = await wallet.answer(s.request, origin, { now });
    throws(() => verify({ ...good, protocol: 'org-iso-mdoc' }, s.state), code('ERR_DCAPI_PROTOCOL'), 'a protocol not offered');
    const forA = await wallet.answer(a.request, origin, { now });
    throws(() => verify(forA, a.state, { now: now + 601 }), code('ERR_DCAPI_STATE_EXPIRED'), 'a state older than maxAgeSeconds');
    eq(verify(forA, a.state, { now: now + 601, maxAgeSeconds: 3600 }).format, 'mso_mdoc', 'maxAgeSeconds');
    throws(() => verify(good, '{"v":1}'), code('ERR_DCAPI_STATE'), 'not a state');
  });

  test('createCredentialRequest and verifyCredentialResponse: wrong option types are TypeErrors naming the option', async () => {
    const { origin, request, verify, wallet, now } = await dcFlow();
    const typeError = (fn, name) => throws(fn, (e) => ok(e instanceof TypeError && e.message.includes(name), `TypeError naming ${name}: ${e && e.name}: ${e && e.message}`));
    typeError(() => lib.createCredentialRequest(null), 'options');
    typeError(() => lib.createCredentialRequest({ protocols: 'org-iso-mdoc', origin }), 'protocols');
    typeError(() => lib.createCredentialRequest({ protocols: ['org-iso-mdoc'], origin }), 'mdoc');
    typeError(() => request('org-iso-mdoc', 'pid', { origin: 'https://a.example/path' }), 'origin');
    typeError(() => request('org-iso-mdoc', 'sdJwt'), 'mdoc');
    typeError(() => request('org-iso-mdoc', 'pid', { protocols: ['org-iso-mdoc', 'org-iso-mdoc'] }), 'protocols');
    typeError(() => request('org-iso-mdoc', 'pid', { now: 'yesterday' }), 'now');
    typeError(() => request('org-iso-mdoc', 'pid', { lang: 'fr' }), 'lang');
    const a = request('org-iso-mdoc', 'pid');
    const c = await wallet.answer(a.request, origin, { now });
    typeError(() => verify(null, a.state), 'credential');
    typeError(() => verify({ protocol: 'org-iso-mdoc', data: 'x' }, a.state), 'credential.data');
    typeError(() => verify(c, JSON.parse(a.state)), 'state');
    typeError(() => lib.verifyCredentialResponse(c, a.state, { now }), 'trust');
    typeError(() => lib.verifyCredentialResponse(c, a.state, { now, trust: { sdJwt: { anchors: ['x'] } } }), 'trust.mdoc');
    typeError(() => verify(c, a.state, { trust: { mdoc: { anchors: [] }, iaca: [] } }), 'iaca');
    typeError(() => verify(c, a.state, { maxAgeSeconds: '600' }), 'maxAgeSeconds');
    typeError(() => verify(c, a.state, { nonce: 'x' }), 'nonce');
  });

  test('verifySdJwtVc and loadTrustList: a wrong option type, an unknown key or a value out of range is a TypeError naming the option', async () => {
    const text = async (f) => new TextDecoder().decode(await io.loadRepo(`tests/data/sd-jwt/${f}`));
    const spec = JSON.parse(await text('expected.json'));
    const anchor = await text('anchor.pem');
    const valid = (await text('presentation.valid.txt')).trim();
    const options = { trust: { anchors: [anchor] }, keyBinding: { nonce: spec.nonce, audience: spec.audience }, now: spec.now };
    const typeError = (patch, name) =>
      throws(() => lib.verifySdJwtVc(valid, { ...options, ...patch }), (e) => {
        ok(e instanceof TypeError, `TypeError for ${JSON.stringify(Object.keys(patch))}, got ${e && e.name}: ${e && e.message}`);
        ok(e.message.includes(name), `the message names ${name}: ${e.message}`);
      });
    // Each of these used to verify with no required claims, or with a default in its place.
    typeError({ requiredClaims: 'vct' }, 'requiredClaims');
    typeError({ requiredClaims: [42] }, 'requiredClaims[0]');
    typeError({ requiredClaims: new Set(['vct']) }, 'requiredClaims');
    typeError({ requiredClaims: [['vct']] }, 'requiredClaims[0]');
    typeError({ keyBinding: { ...options.keyBinding, maxAgeSeconds: '1' } }, 'keyBinding.maxAgeSeconds');
    typeError({ keyBinding: { ...options.keyBinding, maxAgeSeconds: NaN } }, 'maxAgeSeconds');
    typeError({ leewaySeconds: Infinity }, 'leewaySeconds');
    typeError({ leewaySeconds: 1e300 }, 'leewaySeconds');
    typeError({ leewaySeconds: 86400 }, 'leewaySeconds');
    typeError({ requiredClaim: ['vct'] }, 'requiredClaim');
    typeError({ algorithms: ['RS256'] }, 'algorithms[0]');
    typeError({ acceptLegacyTyp: 'yes' }, 'acceptLegacyTyp');
    typeError({ statusLists: Array(17).fill('x') }, 'statusLists');
    typeError({ trust: { anchors: [anchor], statusAnchor: [] } }, 'statusAnchor');
    // The defaults live in Rust: an empty requiredClaims is a decision, not a fallback.
    eq(lib.verifySdJwtVc(valid, { ...options, requiredClaims: [] }).issuer.iss, spec.iss, 'requiredClaims: [] verifies');
    expectCode('ERR_CLAIM_MISSING', () => lib.verifySdJwtVc(valid, { ...options, requiredClaims: ['given_name', 'email'] }));
    // loadTrustList reads its options the same way.
    const jws = await text('trust-list.jwt');
    const loadError = (patch, name) =>
      throws(() => lib.loadTrustList(jws, { signers: [anchor], now: spec.now, ...patch }), (e) => {
        ok(e instanceof TypeError && e.message.includes(name), `TypeError naming ${name}: ${e && e.message}`);
      });
    loadError({ stale: 'soft' }, 'stale');
    loadError({ leewaySeconds: -1 }, 'leewaySeconds');
    loadError({ accepted: { sequence: 7, digest: 'not base64url of 32 bytes' } }, 'accepted.digest');
    loadError({ accepted: { sequence: 2 ** 64, digest: spec.trustLists.accepted.digest } }, 'accepted.sequence');
    loadError({ signer: [anchor] }, 'signer');
  });

  test('verifySdJwtVcAsync gives every demo presentation the outcome verifySdJwtVc gives (WebCrypto in browsers)', async () => {
    const text = async (f) => new TextDecoder().decode(await io.loadRepo(`tests/data/sd-jwt/${f}`));
    const spec = JSON.parse(await text('expected.json'));
    const options = { trust: { anchors: [await text('anchor.pem')] }, keyBinding: { nonce: spec.nonce, audience: spec.audience }, now: spec.now };
    const calls = io.webCryptoCalls ? io.webCryptoCalls() : 0;
    for (const p of spec.presentations) {
      const presentation = (await text(p.file)).trim();
      let asyncResult;
      try {
        asyncResult = { ok: await lib.verifySdJwtVcAsync(presentation, options) };
      } catch (e) {
        ok(e instanceof lib.CccdVerifyError, `${p.file}: a CccdVerifyError, got ${e}`);
        asyncResult = { code: e.code };
      }
      eq(asyncResult.ok ? 'ok' : asyncResult.code, p.expected, `${p.file} (async)`);
      if (asyncResult.ok) eq(asyncResult.ok, lib.verifySdJwtVc(presentation, options), `${p.file}: the same result as the synchronous form`);
    }
    // Options are checked as in the synchronous form.
    let typeError;
    await lib.verifySdJwtVcAsync((await text('presentation.valid.txt')).trim(), { ...options, requiredClaims: 'vct' }).catch((e) => { typeError = e; });
    ok(typeError instanceof TypeError, `TypeError, got ${typeError}`);
    // Nothing of the async run stays behind: the synchronous form still rejects a forged signature.
    const forged = (await text('presentation.tampered-issuer-jwt.rejects.txt')).trim();
    expectCode('ERR_JWS_SIGNATURE_INVALID', () => lib.verifySdJwtVc(forged, options));
    if (io.webCryptoCalls) ok(io.webCryptoCalls() > calls, `WebCrypto was used (${io.webCryptoCalls() - calls} verifications)`);
  });

  test('verifySdJwtVc with status lists: valid, revoked, suspended, not supplied, wrong list, expired list', async () => {
    const text = async (f) => new TextDecoder().decode(await io.loadRepo(`tests/data/sd-jwt/${f}`));
    const spec = JSON.parse(await text('expected.json'));
    const st = spec.statusLists;
    const anchor = await text('anchor.pem');
    const presentation = (await text(st.presentation)).trim();
    const base = { trust: { anchors: [anchor], statusAnchors: [anchor] }, keyBinding: { nonce: spec.nonce, audience: spec.audience }, now: spec.now };
    const lists = {};
    for (const l of st.lists) lists[l.file] = (await text(l.file)).trim();
    eq(lib.verifySdJwtVc(presentation, base).status, { checked: false, reason: 'no-list-supplied', idx: st.idx, uri: st.uri }, 'no list');
    // `status: 'report'` returns every verdict; the default (`'enforce'`) throws for all but valid.
    const thrown = { invalid: 'ERR_STATUS_REVOKED', suspended: 'ERR_STATUS_SUSPENDED' };
    for (const l of st.lists) {
      if (['valid', 'invalid', 'suspended'].includes(l.expected)) {
        const s = lib.verifySdJwtVc(presentation, { ...base, status: 'report', statusLists: [lists[l.file]] }).status;
        eq(s, { checked: true, verdict: l.expected, value: l.value, idx: st.idx, uri: st.uri }, l.file);
        if (l.expected === 'valid') {
          eq(lib.verifySdJwtVc(presentation, { ...base, statusLists: [lists[l.file]] }).status.verdict, 'valid', `${l.file} (enforce)`);
        } else {
          const e = expectCode(thrown[l.expected], () => lib.verifySdJwtVc(presentation, { ...base, statusLists: [lists[l.file]] }));
          eq(e.params, { uri: st.uri, idx: st.idx }, `${l.file} params`);
          expectCode(thrown[l.expected], () => lib.verifySdJwtVc(presentation, { ...base, status: 'required', statusLists: [lists[l.file]] }));
        }
      }
    }
    // `status: 'required'`: a credential whose list was not given throws, naming the list.
    const missing = expectCode('ERR_STATUS_LIST_MISSING', () => lib.verifySdJwtVc(presentation, { ...base, status: 'required' }));
    eq(missing.params, { uri: st.uri, idx: st.idx }, 'missing list params');
    expectCode('ERR_STATUS_LIST_MISSING', () => lib.verifySdJwtVc(presentation, { ...base, status: 'required', statusLists: [lists['status-list.wrong-sub.jwt']] }));
    throws(() => lib.verifySdJwtVc(presentation, { ...base, status: 'open' }), (e) => ok(e instanceof TypeError && /options\.status/.test(e.message), `TypeError naming options.status, got ${e}`));
    // A list for another URI answers nothing; the right one among several is used.
    eq(lib.verifySdJwtVc(presentation, { ...base, statusLists: [lists['status-list.wrong-sub.jwt']] }).status.reason, 'no-list-supplied', 'wrong sub');
    expectCode('ERR_STATUS_REVOKED', () => lib.verifySdJwtVc(presentation, { ...base, statusLists: [lists['status-list.wrong-sub.jwt'], lists['status-list.revoked.jwt']] }));
    expectCode('ERR_STATUS_LIST_EXPIRED', () => lib.verifySdJwtVc(presentation, { ...base, statusLists: [lists['status-list.expired.jwt']] }));
    // The status-list signer must be trusted for that purpose: without statusAnchors it is not,
    // and the error says so, naming the list (not ERR_CERT_UNKNOWN_ISSUER, an untrusted issuer's code).
    const untrustedList = expectCode('ERR_STATUS_LIST_ANCHOR_MISSING', () => lib.verifySdJwtVc(presentation, { ...base, trust: { anchors: [anchor] }, statusLists: [lists['status-list.valid.jwt']] }));
    eq(untrustedList.params, { uri: st.uri, anchors: 0 }, 'anchor missing params');
    ok(/statusAnchors/.test(untrustedList.message), untrustedList.message);
    // The async form (WebCrypto in browsers) applies the same policy.
    let asyncError;
    await lib.verifySdJwtVcAsync(presentation, { ...base, statusLists: [lists['status-list.revoked.jwt']] }).catch((e) => { asyncError = e; });
    eq(asyncError && asyncError.code, 'ERR_STATUS_REVOKED', 'async: revoked throws');
    eq((await lib.verifySdJwtVcAsync(presentation, { ...base, status: 'report', statusLists: [lists['status-list.revoked.jwt']] })).status.verdict, 'invalid', 'async: report');
    eq(expectCode('ERR_JWS_FORMAT', () => lib.verifySdJwtVc(presentation, { ...base, statusLists: ['not.a.jws'] })).params.in, 'statusList', 'malformed status list');
  });

  test('loadTrustList and verifySdJwtVc with a trust list: rollback, equivocation, staleness, vct allow-list, signer', async () => {
    const text = async (f) => new TextDecoder().decode(await io.loadRepo(`tests/data/sd-jwt/${f}`));
    const spec = JSON.parse(await text('expected.json'));
    const tl = spec.trustLists;
    const signer = await text(tl.signerAnchors[0].file);
    const presentation = (await text(tl.presentation)).trim();
    let runs = 0;
    for (const l of tl.lists) {
      const jws = await text(l.file);
      for (const r of l.runs) {
        runs++;
        const options = { signers: [signer], accepted: r.accepted && { sequence: r.accepted.sequence, digest: r.accepted.digest }, stale: r.stale, now: tl.policy.now, leewaySeconds: tl.policy.leeway };
        const what = `${l.file} (${r.accepted ? 'after seq ' + r.accepted.sequence : 'first'}, ${r.stale})`;
        if (r.verifyTrustList.expected === 'ok') {
          const list = lib.loadTrustList(jws, options);
          ok(list instanceof lib.TrustList, 'a TrustList');
          eq([list.sequence, list.stale, list.accepted], [r.verifyTrustList.sequence, r.verifyTrustList.stale, r.verifyTrustList.accepted], what);
          eq(list.entries, l.entries, `${what} entries`);
          const v = r.verifySdJwtVcWithList;
          const vcOptions = { trust: list, keyBinding: { nonce: spec.nonce, audience: spec.audience }, now: spec.now };
          if (v.expected === 'ok') {
            eq(lib.verifySdJwtVc(presentation, vcOptions).trustList, v.trustList, `${what} presentation`);
          } else {
            expectCode(v.expected, () => lib.verifySdJwtVc(presentation, vcOptions));
          }
        } else {
          const e = expectCode(r.verifyTrustList.expected, () => lib.loadTrustList(jws, options));
          eq(e.params, r.verifyTrustList.params ?? e.params, `${what} params`);
        }
      }
    }
    ok(runs >= 10, `${runs} runs`);
    // The list's status-list signer answers for revocation with no separate statusAnchors.
    const list = lib.loadTrustList(await text('trust-list.jwt'), { signers: [signer], now: tl.policy.now });
    const withStatus = (await text(spec.statusLists.presentation)).trim();
    const revoked = (await text('status-list.revoked.jwt')).trim();
    expectCode('ERR_STATUS_REVOKED', () => lib.verifySdJwtVc(withStatus, { trust: list, keyBinding: { nonce: spec.nonce, audience: spec.audience }, now: spec.now, statusLists: [revoked] }));
    eq(lib.verifySdJwtVc(withStatus, { trust: list, keyBinding: { nonce: spec.nonce, audience: spec.audience }, now: spec.now, statusLists: [revoked], status: 'report' }).status.verdict, 'invalid', 'revoked via the list');
    const current = await text('trust-list.jwt');
    throws(() => lib.loadTrustList(current, { signers: [] }), (e) => ok(e instanceof TypeError, 'TypeError without signers'));
    throws(() => lib.loadTrustList('x', { signers: [signer], stale: 'sometimes' }), (e) => ok(e instanceof TypeError, 'TypeError for stale'));
  });

  // ---- ICAO 9303 chips: verifyChip on the DEMO chips of examples/demo/chip (tools/demo-chip) ----
  const chipText = async (f) => new TextDecoder().decode(await io.loadRepo(`examples/demo/chip/${f}`));
  async function chipSetup() {
    const spec = JSON.parse(await chipText('expected.json'));
    const cscas = await Promise.all([...spec.trust.cscas, ...spec.trust.linkCertificates].map(chipText));
    const entry = (f) => spec.dumps.find((d) => d.file === f);
    // Each dump at the fixtures' clock, with its own challenge as the relying party's.
    const options = (dump, extra = {}) => ({ trust: { cscas }, now: spec.now, challenge: JSON.parse(dump).activeAuthentication?.challenge, ...extra });
    return { spec, cscas, entry, options };
  }

  const chipTest = test;

  chipTest('verifyChip: an authentic chip (passive and active authentication, DG13, QR and MRZ consistent)', async () => {
    const { spec, entry, options } = await chipSetup();
    const e = entry('nguyen-van-an.valid.json');
    const dump = await chipText(e.file);
    const r = lib.verifyChip(dump, options(dump, { qr: e.qr, mrz: e.mrz.join('\n') }));
    eq([r.verdict, r.activeAuthentication, r.issuer.verified, r.issuer.source], ['authentic', 'verified', true, 'pinned'], 'verdict');
    eq(r.dataGroups.map((d) => [d.number, d.status]), [[1, 'valid'], [2, 'valid'], [13, 'valid'], [14, 'valid'], [15, 'valid']], 'data groups');
    eq([r.dg13.idNumber, r.dg13.fullName, r.dg13.placeOfResidence, r.dg13.oldIdNumber], [e.dg13.idNumber, e.dg13.fullName, e.dg13.residence, e.dg13.oldIdNumber], 'DG13');
    eq([r.consistency.qrConsistent, r.consistency.mrzConsistent], [true, true], 'consistency');
    eq(r.face.mime, 'image/jpeg', 'DG2 face');
    // The dump as an object and the challenge as bytes give the same result.
    const bytes = Uint8Array.from(JSON.parse(dump).activeAuthentication.challenge.match(/../g), (h) => parseInt(h, 16));
    eq(lib.verifyChip(JSON.parse(dump), { ...options(dump), challenge: bytes }).verdict, 'authentic', 'object dump, byte challenge');
    // Trust from the master list, pinned to its signer's root.
    const ml = await io.loadRepo(`examples/demo/chip/${spec.trust.masterList}`);
    const root = await chipText('pki/ml-root.pem');
    const viaList = lib.verifyChip(dump, { ...options(dump), trust: { masterList: ml, masterListSigners: [root] } });
    eq([viaList.verdict, viaList.issuer.source], ['authentic', 'masterList'], 'master list');
  });

  chipTest('verifyChip: a tampered chip is rejected with ERR_CHIP_DG_HASH_MISMATCH, a forged AA with ERR_CHIP_AA_FAILED', async () => {
    const { options } = await chipSetup();
    for (const [file, code] of [['nguyen-van-an.dg13-tampered.rejects.json', 'ERR_CHIP_DG_HASH_MISMATCH'], ['nguyen-van-an.aa-forged.rejects.json', 'ERR_CHIP_AA_FAILED'], ['nguyen-van-an.sod-signature-broken.rejects.json', 'ERR_CHIP_SOD_SIGNATURE']]) {
      const dump = await chipText(file);
      throws(() => lib.verifyChip(dump, options(dump)), (e) => {
        ok(e instanceof lib.CccdVerifyError, `${file}: a CccdVerifyError, got ${e}`);
        eq(e.code, code, `${file} code`);
        ok(lib.ERROR_CODES.includes(e.code), `${e.code} in ERROR_CODES`);
      }, file);
    }
    // The valid chip's answer, checked against another challenge, fails too.
    const valid = await chipText('nguyen-van-an.valid.json');
    throws(() => lib.verifyChip(valid, options(valid, { challenge: '0011223344556677' })), (e) => eq(e.code, 'ERR_CHIP_AA_FAILED', 'other challenge'));
  });

  chipTest('verifyChip: a chip under an unknown CSCA is intact, issuer not verified (ERR_CERT_UNKNOWN_ISSUER); no trust, the same without an error', async () => {
    const { options } = await chipSetup();
    const dump = await chipText('nguyen-van-an.dsc-unknown-csca.rejects.json');
    const r = lib.verifyChip(dump, options(dump));
    eq([r.verdict, r.issuer.verified, r.issuer.error.code], ['intactIssuerNotVerified', false, 'ERR_CERT_UNKNOWN_ISSUER'], 'unknown CSCA');
    // The issuer's error is a CccdVerifyError, its message rendered in the language asked for.
    ok(r.issuer.error instanceof lib.CccdVerifyError, 'issuer.error is a CccdVerifyError');
    const vi = lib.verifyChip(dump, { ...options(dump), lang: 'vi' }).issuer.error;
    ok(typeof r.issuer.error.message === 'string' && r.issuer.error.message.length > 10 && vi.message !== r.issuer.error.message, `messages en/vi: ${r.issuer.error.message} / ${vi.message}`);
    const valid = await chipText('nguyen-van-an.valid.json');
    const none = lib.verifyChip(valid, { now: options(valid).now, challenge: options(valid).challenge });
    eq([none.verdict, none.issuer.source, none.issuer.error], ['intactIssuerNotVerified', null, null], 'no trust');
    // An empty CSCA list says "no CSCA" (none public signs CCCD document signers): the same
    // verdict as no trust, the data still checked; `trust: {}` stays a TypeError (below).
    const empty = lib.verifyChip(valid, { ...options(valid), trust: { cscas: [] } });
    eq([empty.verdict, empty.issuer.source, empty.issuer.error, empty.activeAuthentication], ['intactIssuerNotVerified', null, null, none.activeAuthentication], 'cscas: []');
    const tampered = await chipText('nguyen-van-an.dg13-tampered.rejects.json');
    expectCode('ERR_CHIP_DG_HASH_MISMATCH', () => lib.verifyChip(tampered, { ...options(tampered), trust: { cscas: [] } }));
  });

  chipTest('verifyChip: wrong argument types and unknown options are TypeErrors; a bad dump is ERR_CHIP_DUMP_FORMAT', async () => {
    const { options } = await chipSetup();
    const valid = await chipText('nguyen-van-an.valid.json');
    for (const [what, call] of [
      ['dump number', () => lib.verifyChip(42, options(valid))],
      ['no options', () => lib.verifyChip(valid)],
      ['unknown option', () => lib.verifyChip(valid, { ...options(valid), cscas: [] })],
      ['unknown trust key', () => lib.verifyChip(valid, { ...options(valid), trust: { anchors: [] } })],
      ['empty trust', () => lib.verifyChip(valid, { ...options(valid), trust: {} })],
      ['master list without signers', () => lib.verifyChip(valid, { ...options(valid), trust: { masterList: 'AAAA' } })],
      ['odd challenge', () => lib.verifyChip(valid, { ...options(valid), challenge: 'abc' })],
      ['dscValidity', () => lib.verifyChip(valid, { ...options(valid), dscValidity: 'never' })],
    ]) {
      throws(call, (e) => ok(e instanceof TypeError, `${what}: TypeError, got ${e}`), what);
    }
    expectCode('ERR_CHIP_DUMP_FORMAT', () => lib.verifyChip(valid.replace('icao9303-dump/1', 'icao9303-dump/2'), options(valid)));
    expectCode('ERR_CHIP_DUMP_FORMAT', () => lib.verifyChip('{', options(valid)));
  });
  // ---- end ICAO 9303 chips ----

  // ---- `now`: one NowInput for every function (index.d.ts NowInput; js/api.js nowSeconds/nowDay) ----
  // The same instant in every form; a form read at the wrong instant (an offset ignored, seconds
  // taken for milliseconds) flips the outcome at the boundaries used below.
  const rfc = (secs, offsetMin, lower = false) => {
    const local = new Date((secs + offsetMin * 60) * 1000).toISOString().slice(0, 19);
    const sign = offsetMin < 0 ? '-' : '+';
    const a = Math.abs(offsetMin);
    const off = offsetMin === 0 ? 'Z' : `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
    const text = `${local}${off}`;
    return lower ? text.replace('T', 't').replace('Z', 'z') : text;
  };
  const nowForms = (secs) => [
    ['a Date', new Date(secs * 1000)],
    ['a Date with milliseconds', new Date(secs * 1000 + 999)],
    ['RFC 3339 in UTC', rfc(secs, 0)],
    ['RFC 3339 at +07:00', rfc(secs, 420)],
    ['RFC 3339 at -05:30, lower case', rfc(secs, -330, true)],
    ['RFC 3339 with a fraction', `${rfc(secs, 420).slice(0, 19)}.999+07:00`],
    ['Unix seconds', secs],
    ['Unix seconds with a fraction', secs + 0.75],
  ];
  // Not a NowInput anywhere: each a TypeError naming the option.
  const badNows = [
    ['an invalid Date', new Date('nope')],
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['an empty string', ''],
    ['free text', 'yesterday'],
    ['digits as a string', '1796351400'],
    ['an HTTP date', 'Fri, 04 Dec 2026 02:30:00 GMT'],
    ['RFC 3339 without an offset', '2026-12-04T02:30:00'],
    ['a leap second', '2026-12-31T23:59:60Z'],
    ['an offset of 24 hours', '2026-12-04T02:30:00+24:00'],
    ['year 0', '0000-12-31T23:00:00Z'],
    ['after year 9999', 253402300800],
    ['before year 1', new Date(-62135596801000)],
    ['null', null],
    ['a bigint', 10n],
    ['an object', { seconds: 1 }],
    ['a boolean', true],
  ];
  const typeErrorNaming = (name, what, fn) => throws(fn, (e) => ok(e instanceof TypeError && e.message.includes(name), `${what}: a TypeError naming ${name}, got ${e && e.name}: ${e && e.message}`), what);
  const expectBadNows = (name, call, { dateAlone }) => {
    for (const [what, v] of badNows) typeErrorNaming(name, what, () => call(v));
    if (!dateAlone) typeErrorNaming(name, 'a date alone, where an instant is needed', () => call('2026-11-27'));
  };

  test('now: parseCccd takes every NowInput form, a date YYYY-MM-DD too; an instant is its date in Vietnam', () => {
    // PAYLOADS.an expires on 15 March 2030: still valid at 23:59:59 that day in Vietnam (16:59:59Z).
    const last = Date.UTC(2030, 2, 15, 16, 59, 59) / 1000;
    for (const [what, v] of nowForms(last)) eq(lib.parseCccd(PAYLOADS.an, { now: v }).expired, false, `${what} (${v}) at 23:59:59 ICT`);
    for (const [what, v] of nowForms(last + 1)) eq(lib.parseCccd(PAYLOADS.an, { now: v }).expired, true, `${what} (${v}) at 00:00 ICT the next day`);
    eq(lib.parseCccd(PAYLOADS.an, { now: '2030-03-15' }).expired, false, 'the date of expiry');
    eq(lib.parseCccd(PAYLOADS.an, { now: '2030-03-16' }).expired, true, 'the day after');
    // Not the UTC date: at 20:00Z on 15 March it is already 16 March in Vietnam.
    eq(lib.parseCccd(PAYLOADS.an, { now: '2030-03-15T20:00:00Z' }).expired, true, 'the date in Vietnam, not in UTC');
    expectBadNows('options.now', (v) => lib.parseCccd(PAYLOADS.an, { now: v }), { dateAlone: true });
    typeErrorNaming('options.now', 'an impossible date', () => lib.parseCccd(PAYLOADS.an, { now: '2030-02-29' }));
    typeErrorNaming('options.now', 'the last instant, year 10000 in Vietnam', () => lib.parseCccd(PAYLOADS.an, { now: '9999-12-31T23:59:59Z' }));
  });

  test('now: scanCccd takes the same forms as parseCccd', async () => {
    const jpg = await io.loadRepo('tests/data/frames/easy-000.jpg');
    const card = lib.scanCccd(jpg, { now: NOW }).card;
    ok(card.expiry.kind === 'date', `a card with an expiry date: ${JSON.stringify(card.expiry)}`);
    const [y, m, d] = card.expiry.date.split('-').map(Number);
    const last = Date.UTC(y, m - 1, d, 16, 59, 59) / 1000;
    const gray = lib.decodeQr(jpg)[0].bytes; // the payload, to compare the parse of the same code
    for (const [what, v] of [nowForms(last)[0], nowForms(last)[3], nowForms(last)[6], ['a date', card.expiry.date]]) {
      eq(lib.scanCccd(jpg, { now: v }).card.expired, false, `${what} on the day of expiry`);
    }
    for (const [what, v] of [nowForms(last + 1)[0], nowForms(last + 1)[3], nowForms(last + 1)[6]]) {
      eq([lib.scanCccd(jpg, { now: v }).card.expired, lib.parseCccd(gray, { now: v }).expired], [true, true], `${what} the day after`);
    }
    expectBadNows('options.now', (v) => lib.scanCccd({ luma: new Uint8Array(16), width: 4, height: 4 }, { now: v }), { dateAlone: true });
  });

  test('now: verifySdJwtVc takes every instant form; a date alone is a TypeError', async () => {
    const text = async (f) => new TextDecoder().decode(await io.loadRepo(`tests/data/sd-jwt/${f}`));
    const spec = JSON.parse(await text('expected.json'));
    const options = { trust: { anchors: [await text('anchor.pem')] }, keyBinding: { nonce: spec.nonce, audience: spec.audience } };
    const valid = (await text('presentation.valid.txt')).trim();
    // The KB-JWT is at most maxAgeSeconds (300) old: valid at the fixtures' clock, too old an hour later.
    for (const [what, v] of nowForms(spec.now)) eq(lib.verifySdJwtVc(valid, { ...options, now: v }).vct, spec.vct, `${what} (${v})`);
    for (const [what, v] of nowForms(spec.now + 3600)) {
      eq(expectCode('ERR_KB_IAT', () => lib.verifySdJwtVc(valid, { ...options, now: v })).params.bound, 'maxAge', `${what} (${v}) an hour later`);
    }
    eq((await lib.verifySdJwtVcAsync(valid, { ...options, now: rfc(spec.now, 420) })).vct, spec.vct, 'verifySdJwtVcAsync, RFC 3339 at +07:00');
    expectBadNows('options.now', (v) => lib.verifySdJwtVc(valid, { ...options, now: v }), { dateAlone: false });
  });

  test('now: createCredentialRequest and verifyCredentialResponse read every instant form to the second', async () => {
    const { trust, origin, PID } = await dcFlow();
    const ask = { protocols: ['org-iso-mdoc'], mdoc: { docType: PID, claims: { [PID]: ['age_over_18'] } }, origin };
    const t = 1796351400; // 2026-12-04T02:30:00Z
    // The state keeps the request's time; the response an hour later is refused with its exact age.
    for (const [what, v] of nowForms(t)) {
      const { state } = lib.createCredentialRequest({ ...ask, now: v });
      for (const [later, w] of nowForms(t + 3600)) {
        const e = expectCode('ERR_DCAPI_STATE_EXPIRED', () => lib.verifyCredentialResponse({ protocol: 'org-iso-mdoc', data: {} }, state, { trust, now: w, maxAgeSeconds: 600 }));
        eq([e.params.age, e.params.max], [3600, 600], `created at ${what} (${v}), answered at ${later} (${w})`);
      }
    }
    const { state } = lib.createCredentialRequest({ ...ask, now: t });
    expectBadNows('options.now', (v) => lib.createCredentialRequest({ ...ask, now: v }), { dateAlone: false });
    expectBadNows('options.now', (v) => lib.verifyCredentialResponse({ protocol: 'org-iso-mdoc', data: {} }, state, { trust, now: v }), { dateAlone: false });
  });

  test('now: verifyMdoc takes every instant form (MSO validity to the second); a date alone is a TypeError', async () => {
    const { bytes, spec, options } = await mdocFixtures();
    const r = spec.responses.find((x) => x.file === 'mdl.annex-c.valid.cbor');
    const data = await bytes(r.file);
    const o = await options(r);
    const until = Date.parse(spec.mso.validUntil) / 1000;
    for (const [what, v] of nowForms(spec.now)) eq(lib.verifyMdoc(data, { ...o, now: v }).documents.length, 1, `${what} (${v})`);
    for (const [what, v] of nowForms(until + 1)) {
      eq(expectCode('ERR_MDOC_VALIDITY', () => lib.verifyMdoc(data, { ...o, now: v })).params.reason, 'expired', `${what} (${v}) one second after validUntil`);
    }
    expectBadNows('options.now', (v) => lib.verifyMdoc(data, { ...o, now: v }), { dateAlone: false });
  });

  test('now: loadVical and loadTrustList take every instant form; a date alone is a TypeError', async () => {
    const { bytes, text, spec } = await mdocFixtures();
    const signers = [await text('vical-root.pem')];
    const vical = await bytes('vical.cbor');
    const nextUpdate = lib.loadVical(vical, { signers, now: spec.now }).nextUpdate;
    ok(Number.isInteger(nextUpdate) && nextUpdate > spec.now, `the VICAL's nextUpdate: ${nextUpdate}`);
    for (const [what, v] of nowForms(nextUpdate)) eq(lib.loadVical(vical, { signers, now: v }).stale, false, `${what} (${v}) at nextUpdate`);
    for (const [what, v] of nowForms(nextUpdate + 1)) expectCode('ERR_TRUST_LIST_STALE', () => lib.loadVical(vical, { signers, now: v }));
    expectBadNows('options.now', (v) => lib.loadVical(vical, { signers, now: v }), { dateAlone: false });

    const sd = async (f) => new TextDecoder().decode(await io.loadRepo(`tests/data/sd-jwt/${f}`));
    const sdSpec = JSON.parse(await sd('expected.json'));
    const listSpec = sdSpec.trustLists.lists.find((l) => l.file === 'trust-list.jwt');
    const jws = (await sd(listSpec.file)).trim();
    const listSigners = [await sd(sdSpec.trustLists.signerAnchors[0].file)];
    const listNext = Date.parse(listSpec.nextUpdate) / 1000;
    for (const [what, v] of nowForms(listNext)) eq(lib.loadTrustList(jws, { signers: listSigners, now: v }).stale, false, `${what} (${v}) at NextUpdate`);
    for (const [what, v] of nowForms(listNext + 1)) expectCode('ERR_TRUST_LIST_STALE', () => lib.loadTrustList(jws, { signers: listSigners, now: v }));
    expectBadNows('options.now', (v) => lib.loadTrustList(jws, { signers: listSigners, now: v }), { dateAlone: false });
  });

  chipTest('now: verifyChip takes every instant form; a date alone is a TypeError', async () => {
    const { options } = await chipSetup();
    const valid = await chipText('nguyen-van-an.valid.json');
    const o = options(valid);
    const want = lib.verifyChip(valid, o).verdict;
    for (const [what, v] of nowForms(o.now)) eq(lib.verifyChip(valid, { ...o, now: v }).verdict, want, `${what} (${v})`);
    expectBadNows('options.now', (v) => lib.verifyChip(valid, { ...o, now: v }), { dateAlone: false });
    expectBadNows('options.trust.minMasterListSignedAt', (v) => lib.verifyChip(valid, { ...o, trust: { masterList: 'AAAA', masterListSigners: ['AAAA'], minMasterListSignedAt: v } }), { dateAlone: false });
  });
  // ---- end `now` ----

  test('many calls do not leak or corrupt memory', () => {
    for (let i = 0; i < 2000; i++) {
      const c = parse(i % 2 ? PAYLOADS.cuc : PAYLOADS.an);
      if (c.idNumber.value.length !== 12) fail(`iteration ${i}`);
    }
  });

  return t;
}

/** Runs a suite outside node:test; returns [{name, ok, error}]. */
export async function runAll(cases) {
  const results = [];
  for (const c of cases) {
    try {
      await c.fn();
      results.push({ name: c.name, ok: true });
    } catch (e) {
      results.push({ name: c.name, ok: false, error: String((e && e.stack) || e) });
    }
  }
  return results;
}
