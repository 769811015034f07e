// Browser side: ask the wallet through the Digital Credentials API (OpenID4VP, unsigned request)
// where the browser offers it, else accept a pasted presentation; verify locally for the user,
// then send it to the server, which decides.
import { init, verifySdJwtVc, CccdVerifyError } from 'cccd-verify';

const $ = (id) => document.getElementById(id);
let request; // { session, nonce, dcql_query, audience } from the server

async function newRequest() {
  request = await (await fetch('/api/request', { method: 'POST' })).json();
  $('nonce').textContent = request.nonce;
  $('aud').textContent = request.audience;
}

async function verifyLocally(presentation) {
  const anchor = await (await fetch('./demo-anchor.pem')).text();
  try {
    const vc = verifySdJwtVc(presentation, {
      trust: { anchors: [anchor] },
      // Over the Digital Credentials API the audience is the page's own origin.
      keyBinding: { nonce: request.nonce, audience: `origin:${location.origin}` },
      now: request.now ?? undefined, // the server pins the clock only for the demo material
      lang: 'vi',
    });
    $('local').className = 'ok';
    $('local').textContent = `Trình duyệt: hợp lệ — cấp bởi ${vc.issuer.iss}`;
    $('claims').replaceChildren(...['family_name', 'given_name', 'birthdate', 'age_over_18'].flatMap((k) => {
      const dt = document.createElement('dt');
      dt.textContent = k;
      const dd = document.createElement('dd');
      dd.textContent = JSON.stringify(vc.claims[k] ?? null);
      return [dt, dd];
    }));
  } catch (e) {
    if (!(e instanceof CccdVerifyError)) throw e;
    $('local').className = 'err';
    $('local').textContent = `Trình duyệt: không hợp lệ — ${e.code}: ${e.message}`;
  }
}

async function verifyOnServer(presentation) {
  const r = await (await fetch('/api/verify', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ session: request.session, presentation }),
  })).json();
  $('server').className = r.ok ? 'ok' : 'err';
  $('server').textContent = r.ok ? `Máy chủ: chấp nhận (${r.decision})` : `Máy chủ: từ chối — ${r.code}: ${r.message}`;
  document.body.dataset.decision = r.ok ? 'onboard' : r.code;
  await newRequest(); // nonces are single use
}

async function handle(presentation) {
  await verifyLocally(presentation);
  await verifyOnServer(presentation);
}

$('wallet').addEventListener('click', async () => {
  const dc = globalThis.DigitalCredential;
  if (!dc || !navigator.credentials || (dc.userAgentAllowsProtocol && !dc.userAgentAllowsProtocol('openid4vp-v1-unsigned'))) {
    $('paste-box').open = true;
    $('local').textContent = 'Trình duyệt này chưa hỗ trợ ví số: hãy dán bản trình bày.';
    return;
  }
  const cred = await navigator.credentials.get({
    digital: {
      requests: [{
        protocol: 'openid4vp-v1-unsigned',
        data: { response_type: 'vp_token', response_mode: 'dc_api', nonce: request.nonce, dcql_query: request.dcql_query },
      }],
    },
  });
  const data = cred && cred.data;
  if (!data || data.error || !data.vp_token) {
    $('local').className = 'err';
    $('local').textContent = `Ví trả về lỗi: ${data && data.error}`;
    return;
  }
  // vp_token maps each DCQL credential query id to an array of presentations (OpenID4VP §8.1).
  await handle(data.vp_token.cccd_pid[0]);
});
$('paste-verify').addEventListener('click', () => handle($('paste').value.trim()));

await init({ capabilities: ['verify'] }); // the page verifies only: the QR decoder is never fetched
await newRequest();
document.body.dataset.ready = 'true';
