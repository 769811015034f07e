// Browser side: ask the server for a request (createCredentialRequest runs there, and the state
// with its private keys stays there), hand it to the wallet — the browser's Digital Credentials
// API when it has one, else (or by choice) the in-page DEMO wallet — and send the wallet's
// encrypted answer back to the server, which verifies it and decides. A wallet that does not
// answer in time is cancelled with a message.
import { loadDemoWallet } from './demo-wallet.js';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const LANG = params.get('lang') === 'en' ? 'en' : 'vi';
// How long the wallet may take (the user chooses and confirms in it): 2 minutes; `?timeout=ms`.
const TIMEOUT_MS = Number(params.get('timeout')) > 0 ? Number(params.get('timeout')) : 120000;

const T = {
  noApi: { vi: 'Trình duyệt này chưa hỗ trợ Digital Credentials API: dùng ví DEMO trong trang.', en: 'This browser has no Digital Credentials API: using the in-page DEMO wallet.' },
  api: { vi: (p) => `Trình duyệt hỗ trợ Digital Credentials API (giao thức ${p}).`, en: (p) => `This browser has the Digital Credentials API (protocol ${p}).` },
  asking: { vi: 'Đang chờ ví…', en: 'Waiting for the wallet…' },
  timeout: {
    vi: (s) => `Ví không trả lời sau ${s} giây: yêu cầu đã bị huỷ. Hãy mở ví và thử lại.`,
    en: (s) => `The wallet did not answer within ${s} s: the request was cancelled. Open your wallet and try again.`,
  },
  cancelled: { vi: 'Bạn đã huỷ hoặc ví từ chối yêu cầu.', en: 'You cancelled, or the wallet declined the request.' },
  walletError: { vi: (m) => `Ví gặp lỗi: ${m}`, en: (m) => `The wallet failed: ${m}` },
  ok: { vi: (f, p) => `Máy chủ: chấp nhận — ${f} qua ${p}`, en: (f, p) => `Server: accepted — ${f} over ${p}` },
  refused: { vi: (c, m) => `Máy chủ: từ chối — ${c}: ${m}`, en: (c, m) => `Server: refused — ${c}: ${m}` },
};
const t = (key, ...args) => {
  const v = T[key][LANG];
  return typeof v === 'function' ? v(...args) : v;
};

/** The browser's Digital Credentials API, if any. */
const dcApi = typeof globalThis.DigitalCredential === 'function' && navigator.credentials && typeof navigator.credentials.get === 'function';
const allows = (p) => {
  const f = globalThis.DigitalCredential && globalThis.DigitalCredential.userAgentAllowsProtocol;
  return typeof f === 'function' ? f.call(globalThis.DigitalCredential, p) : undefined;
};
/** Safari ships `org-iso-mdoc` only; Chrome and Android wallets also OpenID4VP. */
function browserProtocols() {
  const oid = allows('openid4vp-v1-unsigned');
  const annexC = allows('org-iso-mdoc');
  if (oid === undefined && annexC === undefined) {
    const safariLike = /Safari\//.test(navigator.userAgent) && !/Chrome\/|Chromium\/|Edg\//.test(navigator.userAgent);
    return safariLike ? ['org-iso-mdoc'] : ['openid4vp-v1-unsigned', 'org-iso-mdoc'];
  }
  return [...(oid ? ['openid4vp-v1-unsigned'] : []), ...(annexC ? ['org-iso-mdoc'] : [])];
}

let demoWallet;
const demo = () => (demoWallet ??= loadDemoWallet(async (path) => new Uint8Array(await (await fetch(`/demo/${path}`)).arrayBuffer())));

const chosen = (name) => document.querySelector(`input[name="${name}"]:checked`).value;

function show(cls, text) {
  $('status').className = cls;
  $('status').textContent = text;
}

// A control, bidirectional or zero-width character in a claim (the CLAIM_CONTROL_CHARACTER /
// CLAIM_ZERO_WIDTH findings) is shown as ⟦U+202E⟧: a right-to-left override cannot make the rest
// of a name read reversed to the reviewer. JSON.stringify would leave such characters as they are.
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;
const shown = (text) => text.replace(HIDDEN, (c) => `⟦U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}⟧`);

function showClaims(claims) {
  $('claims').replaceChildren(...Object.entries(claims ?? {}).flatMap(([k, v]) => {
    const dt = document.createElement('dt');
    dt.textContent = shown(k);
    const dd = document.createElement('dd');
    dd.textContent = shown(typeof v === 'string' ? v : JSON.stringify(v ?? null)); // text only, never markup
    return [dt, dd];
  }));
}

async function post(path, data) {
  return (await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(data) })).json();
}

class WalletTimeout extends Error {}

/** The wallet's answer, or WalletTimeout after TIMEOUT_MS (the request is then aborted). */
async function ask(request, useDemo, now) {
  const abort = new AbortController();
  let timer;
  const timeout = new Promise((_, fail) => {
    timer = setTimeout(() => {
      abort.abort();
      fail(new WalletTimeout());
    }, TIMEOUT_MS);
  });
  const answer = useDemo
    ? demo().then((w) => w.answer(request, location.origin, { now: now ?? undefined }))
    : navigator.credentials.get({ digital: request, signal: abort.signal });
  try {
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function run() {
  const useDemo = !dcApi || $('use-demo').checked;
  $('demo-banner').hidden = !useDemo;
  document.body.dataset.wallet = useDemo ? 'demo' : 'browser';
  delete document.body.dataset.decision;
  showClaims(null);
  const pick = chosen('protocol');
  const protocols = pick !== 'auto' ? [pick] : useDemo ? ['openid4vp-v1-unsigned', 'org-iso-mdoc'] : browserProtocols();
  const { session, request, now } = await post('/api/request', { kind: chosen('kind'), protocols });
  show('', t('asking'));
  let credential;
  try {
    credential = await ask(request, useDemo, now);
  } catch (e) {
    const code = e instanceof WalletTimeout ? 'WALLET_TIMEOUT' : e && e.name === 'AbortError' ? 'WALLET_CANCELLED' : 'WALLET_ERROR';
    show('err', code === 'WALLET_TIMEOUT' ? t('timeout', Math.round(TIMEOUT_MS / 1000)) : code === 'WALLET_CANCELLED' || (e && e.name === 'NotAllowedError') ? t('cancelled') : t('walletError', String((e && e.message) || e)));
    document.body.dataset.decision = code;
    return;
  }
  // The DigitalCredential's `data` is an object; JSON text is accepted too, parsed here.
  const data = typeof credential.data === 'string' ? JSON.parse(credential.data) : credential.data;
  const r = await post('/api/verify', { session, credential: { protocol: credential.protocol, data } });
  document.body.dataset.protocol = credential.protocol;
  if (r.ok) {
    show('ok', t('ok', r.format, r.protocol));
    showClaims(r.claims);
  } else {
    show('err', t('refused', r.code, r.message));
  }
  document.body.dataset.decision = r.ok ? r.decision : r.code;
}

$('env').textContent = dcApi ? t('api', browserProtocols().join(', ')) : t('noApi');
if (!dcApi) {
  $('use-demo').checked = true;
  $('use-demo').disabled = true;
}
$('wallet').addEventListener('click', () => {
  run().catch((e) => {
    show('err', String((e && e.message) || e));
    document.body.dataset.decision = 'ERROR';
  });
});
document.body.dataset.ready = 'true';
