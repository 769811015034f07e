// What tests/js/loading.mjs checks on every page that loads the package a different way (import
// map from another origin, explicit workerUrl/wasmUrl, Vite 7 and 8 dev servers and builds): the
// same calls, the same answers. `m` holds the entries' namespaces ({ main, scan, verify, verifyWorker, element });
// `frame` is the URL of a JPEG of a card (tests/data/frames/easy-000.jpg); `options` go to the
// scanner (workerUrl, wasmUrl). Returns what the test compares; throws on the first surprise.
export async function scenario(m, frame, options = {}) {
  const out = {};
  const fail = (msg) => {
    throw new Error(msg);
  };
  const AN = '001090000123|012345678|Nguyễn Văn An|15031990|Nam|Số 1 Ngõ 2, Phường Láng Hạ, Quận Đống Đa, Hà Nội|20042021';

  // Every entry exports the same CccdVerifyError class.
  const classes = [m.main, m.scan, m.verify, m.verifyWorker, m.element].map((e) => e.CccdVerifyError);
  if (!classes.every((c) => typeof c === 'function' && c === classes[0])) {
    fail('the entries export different CccdVerifyError classes');
  }
  // Before any init(): a typed error naming the module.
  try {
    m.scan.parseCccd(AN);
    fail('parseCccd before init() did not throw');
  } catch (e) {
    if (!(e instanceof m.scan.CccdVerifyError) || e.code !== 'ERR_NOT_INITIALIZED' || e.params.capability !== 'scan') {
      fail(`before init(): ${e && e.code} ${JSON.stringify(e && e.params)} ${e}`);
    }
  }
  // The camera scanner loads the scan module and starts its worker before any click; the
  // compiled module goes to the worker (one fetch, one compile per page).
  const scanner = new m.scan.CameraScanner(options);
  await scanner.preload();
  out.usesWorker = scanner.usesWorker;
  // The main entry's init() readies the scan entry's parseCccd too: the same module, not fetched again.
  await m.main.init({ capabilities: ['scan'], ...(options.wasmUrl ? { wasm: { scan: options.wasmUrl } } : {}) });
  out.name = m.scan.parseCccd(AN, { now: '2026-11-27' }).fullName;
  try {
    m.main.parseCccd('not a card');
    fail('a bad payload did not throw');
  } catch (e) {
    if (!(e instanceof m.verify.CccdVerifyError)) fail(`not a CccdVerifyError: ${e}`);
    out.rejected = e.code;
  }
  // A photo through the scanner's decoder (the worker when there is one).
  const blob = await (await fetch(frame)).blob();
  const r = await m.scan.scanImageFile(blob, { now: '2026-11-27', ...options });
  out.photoId = r.card.idNumber.value;
  scanner.destroy();
  // PNG/JPEG bytes on this thread: the image module, loaded on demand (by one entry, for all).
  await m.scan.init({ capabilities: ['scan', 'image'] });
  out.fileId = m.main.scanCccd(new Uint8Array(await blob.arrayBuffer()), { now: '2026-11-27' }).card.idNumber.value;
  // The verify entry loads its own module only.
  await m.verify.init();
  try {
    m.verify.verifySdJwtVc('x', { trust: { anchors: ['AAAA'] }, keyBinding: null, now: 0 });
    fail('a bad presentation did not throw');
  } catch (e) {
    if (!(e instanceof m.scan.CccdVerifyError)) fail(`verify: not a CccdVerifyError: ${e}`);
    out.verifyRejected = e.code;
  }
  // Verification in a worker: the verify module compiled above is posted to it, not fetched again.
  const verifier = m.verifyWorker.createVerifier(options.verifyWorkerUrl ? { workerUrl: options.verifyWorkerUrl } : {});
  try {
    await verifier.verifySdJwtVc('x', { trust: { anchors: ['AAAA'] }, keyBinding: null, now: 0 });
    fail('a bad presentation did not reject in the worker');
  } catch (e) {
    if (!(e instanceof m.verify.CccdVerifyError)) fail(`verify worker: not a CccdVerifyError: ${e}`);
    out.workerRejected = [e.code, verifier.usesWorker];
  }
  verifier.terminate();
  return out;
}
