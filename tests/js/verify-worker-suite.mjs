// `cccd-verify/verify/worker` against the synchronous API, on the same fixtures as suite.mjs: every
// DEMO SD-JWT presentation, the status-list and trust-list runs, every DEMO mdoc response and the
// VICALs. Each call must give the synchronous call's result (deeply equal) or its error (same class,
// code, message and params). Run in Node (node.test.mjs: async on the calling thread) and in
// Chromium (browser.html: in a Web Worker). No dependencies: it loads in a browser as it is.
//   sync: the `cccd-verify/verify` (or main) namespace; worker: the `cccd-verify/verify/worker` one.

function fail(msg) {
  throw new Error(msg);
}

/** Deep equality over what verification results hold: plain data, arrays, Uint8Array, Date, Map, bigint. */
function same(a, b, path = '') {
  if (a === b) return;
  if (typeof a === 'bigint' || typeof b === 'bigint' || a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    if (!(Number.isNaN(a) && Number.isNaN(b))) fail(`${path || 'value'}: ${String(a)} ≠ ${String(b)}`);
    return;
  }
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    if (!(a instanceof Uint8Array && b instanceof Uint8Array) || a.length !== b.length || a.some((x, i) => x !== b[i])) fail(`${path}: bytes differ`);
    return;
  }
  if (a instanceof Date || b instanceof Date) {
    if (!(a instanceof Date && b instanceof Date) || a.getTime() !== b.getTime()) fail(`${path}: dates differ`);
    return;
  }
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map && b instanceof Map) || a.size !== b.size) fail(`${path}: maps differ`);
    const bs = [...b];
    [...a].forEach(([k, v], i) => {
      same(k, bs[i][0], `${path}<key ${i}>`);
      same(v, bs[i][1], `${path}<${String(k)}>`);
    });
    return;
  }
  if (Array.isArray(a) !== Array.isArray(b)) fail(`${path}: array vs object`);
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  if (ka.join() !== kb.join()) fail(`${path}: keys ${ka.join(',')} ≠ ${kb.join(',')}`);
  for (const k of ka) same(a[k], b[k], `${path}.${k}`);
}

export function workerSuite(sync, worker, io, { usesWorker }) {
  const t = [];
  const test = (name, fn) => t.push({ name, fn });
  let calls = 0;

  /** The sync call's outcome and the worker's, compared; returns the outcome. */
  async function compare(fn, args, what) {
    calls++;
    let want;
    let got;
    try {
      want = { value: sync[fn](...args) };
    } catch (e) {
      want = { error: e };
    }
    try {
      got = { value: await worker[fn](...args) };
    } catch (e) {
      got = { error: e };
    }
    if (want.error) {
      const e = got.error;
      if (!e) fail(`${what}: the worker returned where the sync call threw ${want.error.code ?? want.error}`);
      if (want.error instanceof sync.CccdVerifyError) {
        if (!(e instanceof worker.CccdVerifyError) || !(e instanceof sync.CccdVerifyError)) fail(`${what}: not a CccdVerifyError: ${e}`);
        if (e.code !== want.error.code) fail(`${what}: code ${e.code} ≠ ${want.error.code}`);
        if (e.message !== want.error.message) fail(`${what}: message ${e.message} ≠ ${want.error.message}`);
        same(e.params, want.error.params, `${what} params`);
        if (e.name !== 'CccdVerifyError') fail(`${what}: name ${e.name}`);
      } else if (want.error instanceof TypeError) {
        if (!(e instanceof TypeError)) fail(`${what}: expected a TypeError, got ${e}`);
      } else {
        fail(`${what}: the sync call threw ${want.error}`);
      }
      return { code: want.error.code ?? want.error.name };
    }
    if (got.error) fail(`${what}: the worker threw ${got.error.code ?? ''} ${got.error} where the sync call returned`);
    if (want.value instanceof sync.TrustList) {
      if (!(got.value instanceof sync.TrustList)) fail(`${what}: not a TrustList`);
      same({ ...got.value }, { ...want.value }, what);
    } else if (want.value instanceof sync.Vical) {
      if (!(got.value instanceof sync.Vical)) fail(`${what}: not a Vical`);
      same({ ...got.value }, { ...want.value }, what);
    } else {
      same(got.value, want.value, what);
    }
    return { value: got.value };
  }

  const sdjwt = async () => {
    const text = async (f) => new TextDecoder().decode(await io.loadRepo(`tests/data/sd-jwt/${f}`));
    const spec = JSON.parse(await text('expected.json'));
    const anchor = await text('anchor.pem');
    return { text, spec, anchor, options: { trust: { anchors: [anchor] }, keyBinding: { nonce: spec.nonce, audience: spec.audience }, now: spec.now } };
  };

  test('verify worker: preload() starts it, in a worker where the platform has one', async () => {
    await worker.preload();
    const v = worker.createVerifier();
    await v.preload();
    if (v.usesWorker !== usesWorker) fail(`usesWorker ${v.usesWorker}, expected ${usesWorker}`);
    v.terminate();
    let e;
    try {
      worker.createVerifier({ wasm: 'x' });
    } catch (x) {
      e = x;
    }
    if (!(e instanceof TypeError)) fail('an unknown option is not a TypeError');
  });

  test('verify worker: every DEMO SD-JWT presentation as the sync API gives it, in both languages; option errors as TypeErrors', async () => {
    const { text, spec, options } = await sdjwt();
    for (const p of spec.presentations) {
      const presentation = (await text(p.file)).trim();
      const r = await compare('verifySdJwtVc', [presentation, options], p.file);
      if ((r.code ?? 'ok') !== p.expected) fail(`${p.file}: ${r.code ?? 'ok'}, expected ${p.expected}`);
      if (r.code) await compare('verifySdJwtVc', [presentation, { ...options, lang: 'vi' }], `${p.file} vi`);
    }
    const valid = (await text('presentation.valid.txt')).trim();
    await compare('verifySdJwtVc', [valid, { trust: options.trust, now: spec.now }], 'no keyBinding');
    await compare('verifySdJwtVc', [valid, { ...options, requiredClaims: 'vct' }], 'requiredClaims type');
    await compare('verifySdJwtVc', [valid, { ...options, trust: { anchors: ['AAAA'] } }], 'bad anchor');
    let e;
    await worker.verifySdJwtVc(valid, { ...options, onResult: () => {} }).catch((x) => { e = x; });
    if (!(e instanceof TypeError)) fail(`a function in the options: ${e}`);
  });

  test('verify worker: status lists (enforce, report, required, missing anchor) as the sync API', async () => {
    const { text, spec, anchor } = await sdjwt();
    const st = spec.statusLists;
    const presentation = (await text(st.presentation)).trim();
    const base = { trust: { anchors: [anchor], statusAnchors: [anchor] }, keyBinding: { nonce: spec.nonce, audience: spec.audience }, now: spec.now };
    for (const l of st.lists) {
      const list = (await text(l.file)).trim();
      await compare('verifySdJwtVc', [presentation, { ...base, statusLists: [list] }], `${l.file} enforce`);
      await compare('verifySdJwtVc', [presentation, { ...base, status: 'report', statusLists: [list] }], `${l.file} report`);
    }
    await compare('verifySdJwtVc', [presentation, { ...base, status: 'required' }], 'required');
    await compare('verifySdJwtVc', [presentation, { ...base, trust: { anchors: [anchor] }, statusLists: [(await text('status-list.valid.jwt')).trim()] }], 'anchor missing');
  });

  test('verify worker: trust lists — loaded in the worker or not, used by either API, same outcomes', async () => {
    const { text, spec } = await sdjwt();
    const tl = spec.trustLists;
    const signer = await text(tl.signerAnchors[0].file);
    const presentation = (await text(tl.presentation)).trim();
    for (const l of tl.lists) {
      const jws = await text(l.file);
      for (const r of l.runs) {
        const options = { signers: [signer], accepted: r.accepted && { sequence: r.accepted.sequence, digest: r.accepted.digest }, stale: r.stale, now: tl.policy.now, leewaySeconds: tl.policy.leeway };
        const got = await compare('loadTrustList', [jws, options], `${l.file} load`);
        if (got.value) {
          const vcOptions = { trust: got.value, keyBinding: { nonce: spec.nonce, audience: spec.audience }, now: spec.now };
          await compare('verifySdJwtVc', [presentation, vcOptions], `${l.file} verify with the worker's list`);
          await compare('verifySdJwtVc', [presentation, { ...vcOptions, trust: sync.loadTrustList(jws, options) }], `${l.file} verify with the sync list`);
        }
      }
    }
  });

  test('verify worker: every DEMO mdoc response and the VICALs as the sync API gives them', async () => {
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
    for (const r of spec.responses) {
      const out = await compare('verifyMdoc', [await bytes(r.file), await options(r)], r.file);
      if ((out.code ?? 'ok') !== r.expected) fail(`${r.file}: ${out.code ?? 'ok'}, expected ${r.expected}`);
    }
    const signers = [await text('vical-root.pem')];
    const v = await compare('loadVical', [await bytes('vical.cbor'), { signers, now: spec.now }], 'vical');
    await compare('loadVical', [await bytes('vical.cbor'), { signers: [await text('iaca.pem')], now: spec.now }], 'vical, wrong signer');
    const pid = spec.responses.find((x) => x.expected === 'ok' && x.docType === 'vn.cccd-verify.pid.1');
    await compare('verifyMdoc', [await bytes(pid.file), await options(pid, v.value)], 'PID under the worker-loaded VICAL');
  });

  if (usesWorker) {
    test('verify worker: the main thread stays free while the worker verifies (the sync calls block it)', async () => {
      const bytes = (f) => io.loadRepo(`examples/demo/mdoc/${f}`);
      const spec = JSON.parse(new TextDecoder().decode(await bytes('expected.json')));
      const r = spec.responses.find((x) => x.file === 'mdl.annex-c.valid.cbor');
      const o = { trust: { anchors: [new TextDecoder().decode(await bytes('iaca.pem'))] }, transcript: await bytes(r.sessionTranscript), now: spec.now, docType: r.docType };
      const data = await bytes(r.file);
      const N = 30;
      // The longest gap between ticks of a 1 ms timer while `run` goes on.
      const longestGap = async (run) => {
        let last = performance.now();
        let gap = 0;
        const timer = setInterval(() => {
          const now = performance.now();
          gap = Math.max(gap, now - last);
          last = now;
        }, 1);
        await new Promise((ok) => setTimeout(ok, 5));
        await run();
        await new Promise((ok) => setTimeout(ok, 5));
        clearInterval(timer);
        return gap;
      };
      const v = worker.createVerifier();
      await v.preload();
      const t0 = performance.now();
      const syncGap = await longestGap(async () => {
        for (let i = 0; i < N; i++) sync.verifyMdoc(data, o);
      });
      const syncMs = performance.now() - t0;
      const workerGap = await longestGap(async () => {
        for (let i = 0; i < N; i++) await v.verifyMdoc(data, o);
      });
      v.terminate();
      if (!(syncGap >= syncMs * 0.5)) fail(`the sync calls did not block as expected (gap ${syncGap.toFixed(1)} ms of ${syncMs.toFixed(1)} ms)`);
      if (!(workerGap < 50 && workerGap * 3 < syncGap)) fail(`the main thread was blocked ${workerGap.toFixed(1)} ms while the worker verified (sync: ${syncGap.toFixed(1)} ms)`);
    });
  }

  test('verify worker: every call above was compared', () => {
    if (calls < 100) fail(`only ${calls} calls compared`);
  });
  return t;
}
