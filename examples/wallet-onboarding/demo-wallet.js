// A DEMO wallet, in the page: it answers a Digital Credentials API request made by
// `createCredentialRequest` (cccd-verify) with a fresh presentation of the repository's DEMO
// credentials, encrypted as the request asks. DEMO ONLY: its credentials are synthetic and its
// keys come from seeds published in tools/demo-issuer/README.md, so anyone can sign with them.
// A real wallet keeps its keys in secure hardware and asks the user before it answers.
//
// - `org-iso-mdoc` (ISO 18013-7 Annex C): the DeviceRequest's docType and elements; a
//   DeviceResponse whose issuerSigned part comes from the DEMO mdoc fixtures (examples/demo/mdoc,
//   the issuer's signature and digests untouched, only the requested elements kept) and whose
//   deviceSignature (ES256) is made now over the live SessionTranscript
//   `[null, null, ["dcapi", SHA-256([encryptionInfo, origin])]]`; sealed with HPKE base mode
//   (DHKEM(P-256, HKDF-SHA256), HKDF-SHA256, AES-128-GCM; the transcript as `info`, empty `aad`;
//   RFC 9180) to the request's `recipientPublicKey`.
// - `openid4vp-v1-unsigned` (OpenID4VP 1.0 Appendix A, `dc_api.jwt`): the DCQL query's `mso_mdoc`
//   credential (transcript `OpenID4VPDCAPIHandover` with the thumbprint of the verifier's key) or
//   its `dc+sd-jwt` credential (the DEMO SD-JWT VC with a fresh KB-JWT: `nonce`, `aud`
//   `origin:<origin>`, `sd_hash`), in a `vp_token` encrypted as a JWE (ECDH-ES, A128GCM,
//   RFC 7516/7518) to the request's `client_metadata.jwks` key.
//
// Only WebCrypto (ECDH/ECDSA P-256, HMAC, SHA-256, AES-GCM): browsers and Node >= 20.

const subtle = globalThis.crypto.subtle;
const utf8 = new TextEncoder();

// ---- bytes ------------------------------------------------------------------------------------

const concat = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let i = 0;
  for (const p of parts) {
    out.set(p, i);
    i += p.length;
  }
  return out;
};
const u16 = (n) => Uint8Array.of(n >> 8, n & 0xff);
const u32 = (n) => Uint8Array.of(n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);

export function b64url(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function unb64url(text) {
  const s = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(s.padEnd(Math.ceil(s.length / 4) * 4, '='));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

const sha256 = async (bytes) => new Uint8Array(await subtle.digest('SHA-256', bytes));
const random = (n) => globalThis.crypto.getRandomValues(new Uint8Array(n));

// ---- CBOR (RFC 8949): an encoder, and a reader that keeps each item's bytes ---------------------

/** Bytes that are already CBOR, written as they are (the issuer's items keep their digests). */
export class Raw {
  constructor(bytes) {
    this.bytes = bytes;
  }
}

/** A tagged item. */
export class Tag {
  constructor(tag, value) {
    this.tag = tag;
    this.value = value;
  }
}

function head(major, n) {
  if (n < 24) return Uint8Array.of((major << 5) | n);
  if (n < 0x100) return Uint8Array.of((major << 5) | 24, n);
  if (n < 0x10000) return Uint8Array.of((major << 5) | 25, n >> 8, n & 0xff);
  if (n < 0x100000000) return concat(Uint8Array.of((major << 5) | 26), u32(n));
  throw new RangeError('CBOR: too large for this encoder');
}

/**
 * CBOR of `v`: integers (safe range), strings, Uint8Array (bstr), arrays, Map or plain objects
 * (maps, keys in the given order), null, booleans, `Tag`, `Raw`.
 */
export function cbor(v) {
  if (v instanceof Raw) return v.bytes;
  if (v instanceof Tag) return concat(head(6, v.tag), cbor(v.value));
  if (v instanceof Uint8Array) return concat(head(2, v.length), v);
  if (v === null) return Uint8Array.of(0xf6);
  if (v === false) return Uint8Array.of(0xf4);
  if (v === true) return Uint8Array.of(0xf5);
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v >= 0 ? head(0, v) : head(1, -1 - v);
  if (typeof v === 'string') {
    const b = utf8.encode(v);
    return concat(head(3, b.length), b);
  }
  if (Array.isArray(v)) return concat(head(4, v.length), ...v.map(cbor));
  const entries = v instanceof Map ? [...v] : Object.entries(v);
  return concat(head(5, entries.length), ...entries.flatMap(([k, x]) => [cbor(k), cbor(x)]));
}

/**
 * Reads one CBOR item (definite lengths, the types a DeviceResponse and a DeviceRequest use).
 * Returns a node `{ type, value, raw }`: `raw` is the item's exact bytes; maps are arrays of
 * `[keyNode, valueNode]`, arrays of nodes, tags `{ tag, item }`.
 */
export function decode(bytes) {
  let i = 0;
  const need = (n) => {
    if (i + n > bytes.length) throw new Error('CBOR: truncated');
  };
  const arg = (info) => {
    if (info < 24) return info;
    const n = { 24: 1, 25: 2, 26: 4, 27: 8 }[info];
    if (!n) throw new Error('CBOR: indefinite lengths are not read here');
    need(n);
    let v = 0;
    for (let k = 0; k < n; k++) v = v * 256 + bytes[i++];
    return v;
  };
  const item = () => {
    need(1);
    const start = i;
    const ib = bytes[i++];
    const major = ib >> 5;
    const info = ib & 31;
    let node;
    if (major === 7) {
      const simple = { 20: false, 21: true, 22: null }[info];
      if (simple === undefined) throw new Error('CBOR: simple value not read here');
      node = { type: 'simple', value: simple };
    } else {
      const n = arg(info);
      if (major === 0) node = { type: 'int', value: n };
      else if (major === 1) node = { type: 'int', value: -1 - n };
      else if (major === 2 || major === 3) {
        need(n);
        const b = bytes.subarray(i, i + n);
        i += n;
        node = major === 2 ? { type: 'bytes', value: b } : { type: 'text', value: new TextDecoder('utf-8', { fatal: true }).decode(b) };
      } else if (major === 4) node = { type: 'array', value: Array.from({ length: n }, item) };
      else if (major === 5) node = { type: 'map', value: Array.from({ length: n }, () => [item(), item()]) };
      else node = { type: 'tag', value: { tag: n, item: item() } };
    }
    node.raw = bytes.subarray(start, i);
    return node;
  };
  const root = item();
  if (i !== bytes.length) throw new Error('CBOR: trailing bytes');
  return root;
}

/** The value of a text key in a map node. */
const get = (node, key) => node.value.find(([k]) => k.value === key)?.[1];
/** The item inside a tag-24 node, decoded. */
const embedded = (node) => decode(node.value.item.value);

// ---- keys -------------------------------------------------------------------------------------

const EC = { name: 'ECDSA', namedCurve: 'P-256' };
const ECDH = { name: 'ECDH', namedCurve: 'P-256' };

async function signingKey(jwk) {
  const { kty, crv, x, y, d } = jwk;
  return subtle.importKey('jwk', { kty, crv, x, y, d }, EC, false, ['sign']);
}

const es256 = async (key, msg) => new Uint8Array(await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, msg));

/** A fresh ephemeral ECDH key and the shared secret with `recipient` (uncompressed point). */
async function agree(recipientPoint) {
  const eph = await subtle.generateKey(ECDH, true, ['deriveBits']);
  const pub = await subtle.importKey('raw', recipientPoint, ECDH, false, []);
  const z = new Uint8Array(await subtle.deriveBits({ name: 'ECDH', public: pub }, eph.privateKey, 256));
  const ephPoint = new Uint8Array(await subtle.exportKey('raw', eph.publicKey));
  return { z, ephPoint };
}

const jwkPoint = (jwk) => concat(Uint8Array.of(4), unb64url(jwk.x), unb64url(jwk.y));

/** The RFC 7638 SHA-256 thumbprint of an EC public JWK. */
export const thumbprint = (jwk) => sha256(utf8.encode(`{"crv":"${jwk.crv}","kty":"${jwk.kty}","x":"${jwk.x}","y":"${jwk.y}"}`));

async function aesGcm(key, iv, plaintext, aad) {
  const k = await subtle.importKey('raw', key, 'AES-GCM', false, ['encrypt']);
  return new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad, tagLength: 128 }, k, plaintext));
}

// ---- HPKE base mode, DHKEM(P-256, HKDF-SHA256) / HKDF-SHA256 / AES-128-GCM (RFC 9180) ----------

async function hmac(key, msg) {
  // HMAC pads keys with zeros to the block size, so 32 zero bytes stand for the empty salt.
  const k = await subtle.importKey('raw', key.length ? key : new Uint8Array(32), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await subtle.sign('HMAC', k, msg));
}

async function expand(prk, info, len) {
  let t = new Uint8Array(0);
  const out = [];
  for (let n = 1; out.length * 32 < len; n++) {
    t = await hmac(prk, concat(t, info, Uint8Array.of(n)));
    out.push(t);
  }
  return concat(...out).subarray(0, len);
}

const HPKE_V1 = utf8.encode('HPKE-v1');
const KEM_ID = concat(utf8.encode('KEM'), u16(0x0010));
const SUITE_ID = concat(utf8.encode('HPKE'), u16(0x0010), u16(0x0001), u16(0x0001));
const labeledExtract = (suite, salt, label, ikm) => hmac(salt, concat(HPKE_V1, suite, utf8.encode(label), ikm));
const labeledExpand = (suite, prk, label, info, len) => expand(prk, concat(u16(len), HPKE_V1, suite, utf8.encode(label), info), len);

/** Seals `plaintext` to `recipientPoint` with `info` and an empty `aad`: `{ enc, cipherText }`. */
export async function hpkeSeal(recipientPoint, info, plaintext) {
  const { z, ephPoint: enc } = await agree(recipientPoint);
  const eaePrk = await labeledExtract(KEM_ID, new Uint8Array(0), 'eae_prk', z);
  const shared = await labeledExpand(KEM_ID, eaePrk, 'shared_secret', concat(enc, recipientPoint), 32);
  const empty = new Uint8Array(0);
  const pskIdHash = await labeledExtract(SUITE_ID, empty, 'psk_id_hash', empty);
  const infoHash = await labeledExtract(SUITE_ID, empty, 'info_hash', info);
  const context = concat(Uint8Array.of(0), pskIdHash, infoHash);
  const secret = await labeledExtract(SUITE_ID, shared, 'secret', empty);
  const key = await labeledExpand(SUITE_ID, secret, 'key', context, 16);
  const nonce = await labeledExpand(SUITE_ID, secret, 'base_nonce', context, 12);
  return { enc, cipherText: await aesGcm(key, nonce, plaintext, empty) };
}

// ---- JWE ECDH-ES + A128GCM, compact (RFC 7516, RFC 7518 §4.6) ----------------------------------

export async function jweEncrypt(recipientJwk, plaintext) {
  const { z, ephPoint } = await agree(jwkPoint(recipientJwk));
  const header = {
    alg: 'ECDH-ES',
    enc: 'A128GCM',
    ...(recipientJwk.kid ? { kid: recipientJwk.kid } : {}),
    epk: { kty: 'EC', crv: 'P-256', x: b64url(ephPoint.subarray(1, 33)), y: b64url(ephPoint.subarray(33)) },
  };
  // Concat KDF, one round: counter, Z, AlgorithmID, PartyUInfo, PartyVInfo (empty), key bits.
  const alg = utf8.encode('A128GCM');
  const cek = (await sha256(concat(u32(1), z, u32(alg.length), alg, u32(0), u32(0), u32(128)))).subarray(0, 16);
  const h = b64url(utf8.encode(JSON.stringify(header)));
  const iv = random(12);
  const sealed = await aesGcm(cek, iv, plaintext, utf8.encode(h));
  const ct = sealed.subarray(0, sealed.length - 16);
  const tag = sealed.subarray(sealed.length - 16);
  return `${h}..${b64url(iv)}.${b64url(ct)}.${b64url(tag)}`;
}

// ---- mdoc ---------------------------------------------------------------------------------------

/** `[null, null, [name, SHA-256(CBOR(info))]]`, the browser SessionTranscripts. */
const browserTranscript = async (name, info) => cbor([null, null, [name, await sha256(cbor(info))]]);

/**
 * The wallet's mdocs from DEMO DeviceResponses: per docType, the issuer's `issuerAuth` and
 * IssuerSignedItemBytes (exact bytes), each with its namespace and element name.
 */
function readMdoc(deviceResponse) {
  const doc = get(decode(deviceResponse), 'documents').value[0];
  const issuerSigned = get(doc, 'issuerSigned');
  const items = [];
  for (const [ns, list] of get(issuerSigned, 'nameSpaces').value) {
    for (const it of list.value) items.push({ ns: ns.value, element: get(embedded(it), 'elementIdentifier').value, raw: it.raw });
  }
  return { docType: get(doc, 'docType').value, issuerAuth: get(issuerSigned, 'issuerAuth').raw, items };
}

/** A DeviceResponse of `mdoc` disclosing `wanted` (`[[ns, element], …]`), device-signed over `transcript`. */
async function deviceResponse(mdoc, wanted, transcript, deviceKey) {
  const nameSpaces = new Map();
  for (const it of mdoc.items) {
    if (!wanted.some(([ns, el]) => ns === it.ns && el === it.element)) continue;
    if (!nameSpaces.has(it.ns)) nameSpaces.set(it.ns, []);
    nameSpaces.get(it.ns).push(new Raw(it.raw));
  }
  const deviceNameSpaces = new Tag(24, cbor(new Map())); // no device-signed elements
  const deviceAuthentication = cbor(new Tag(24, cbor(['DeviceAuthentication', new Raw(transcript), mdoc.docType, deviceNameSpaces])));
  const protectedHeader = cbor(new Map([[1, -7]])); // alg: ES256
  const toSign = cbor(['Signature1', protectedHeader, new Uint8Array(0), deviceAuthentication]);
  const signature = await es256(deviceKey, toSign);
  return cbor({
    version: '1.0',
    documents: [{
      docType: mdoc.docType,
      issuerSigned: { nameSpaces, issuerAuth: new Raw(mdoc.issuerAuth) },
      deviceSigned: {
        nameSpaces: deviceNameSpaces,
        // COSE_Sign1 with a detached payload (nil): the verifier rebuilds DeviceAuthentication.
        deviceAuth: { deviceSignature: [protectedHeader, new Map(), null, signature] },
      },
    }],
    status: 0,
  });
}

// ---- SD-JWT VC ----------------------------------------------------------------------------------

async function sdJwtPresentation(credential, holderKey, nonce, audience, iat) {
  const sdJwt = credential.endsWith('~') ? credential : `${credential}~`;
  const header = b64url(utf8.encode(JSON.stringify({ alg: 'ES256', typ: 'kb+jwt' })));
  const payload = b64url(utf8.encode(JSON.stringify({ iat, aud: audience, nonce, sd_hash: b64url(await sha256(utf8.encode(sdJwt))) })));
  const sig = await es256(holderKey, utf8.encode(`${header}.${payload}`));
  return `${sdJwt}${header}.${payload}.${b64url(sig)}`;
}

// ---- the wallet ---------------------------------------------------------------------------------

/** The DEMO fixtures the wallet holds, read with `read(path)` (paths under examples/demo/). */
export const DEMO_FILES = ['mdoc/pid.annex-c.valid.cbor', 'mdoc/mdl.annex-c.valid.cbor', 'mdoc/device-key.demo.jwk', 'sd-jwt/credential.txt', 'sd-jwt/holder-key.demo.jwk'];

/**
 * Loads the DEMO wallet. `read(path)` returns the bytes of a file of examples/demo/ (a
 * `fetch` in pages, a file read in Node).
 */
export async function loadDemoWallet(read) {
  const [pid, mdl, deviceJwk, credential, holderJwk] = await Promise.all(DEMO_FILES.map(read));
  const text = (b) => new TextDecoder().decode(b);
  return createDemoWallet({
    mdocs: [readMdoc(pid), readMdoc(mdl)],
    deviceKey: await signingKey(JSON.parse(text(deviceJwk))),
    sdJwt: { credential: text(credential).trim(), holderKey: await signingKey(JSON.parse(text(holderJwk))) },
  });
}

function createDemoWallet({ mdocs, deviceKey, sdJwt }) {
  const mdocFor = (docType) => {
    const m = mdocs.find((d) => d.docType === docType);
    if (!m) throw new Error(`DEMO wallet: no mdoc of docType ${docType}`);
    return m;
  };

  async function annexC(data, origin) {
    const info = decode(unb64url(data.encryptionInfo));
    const body = info.value[1];
    const key = get(body, 'recipientPublicKey');
    const coord = (label) => key.value.find(([k]) => k.value === label)[1].value;
    const recipient = concat(Uint8Array.of(4), coord(-2), coord(-3));
    const request = get(decode(unb64url(data.deviceRequest)), 'docRequests').value[0];
    const items = embedded(get(request, 'itemsRequest'));
    const wanted = get(items, 'nameSpaces').value.flatMap(([ns, els]) => els.value.map(([el]) => [ns.value, el.value]));
    const transcript = await browserTranscript('dcapi', [data.encryptionInfo, origin]);
    const dr = await deviceResponse(mdocFor(get(items, 'docType').value), wanted, transcript, deviceKey);
    const { enc, cipherText } = await hpkeSeal(recipient, transcript, dr);
    return { response: b64url(cbor(['dcapi', { enc, cipherText }])) };
  }

  async function openid4vp(data, origin, { nonce = data.nonce, format, now }) {
    const queries = data.dcql_query.credentials;
    const query = queries.find((q) => q.format === format) ?? queries[0];
    const jwk = data.client_metadata.jwks.keys[0];
    let presentation;
    if (query.format === 'mso_mdoc') {
      const transcript = await browserTranscript('OpenID4VPDCAPIHandover', [origin, nonce, await thumbprint(jwk)]);
      const wanted = query.claims.map((c) => c.path);
      presentation = b64url(await deviceResponse(mdocFor(query.meta.doctype_value), wanted, transcript, deviceKey));
    } else {
      presentation = await sdJwtPresentation(sdJwt.credential, sdJwt.holderKey, nonce, `origin:${origin}`, now);
    }
    const payload = utf8.encode(JSON.stringify({ vp_token: { [query.id]: [presentation] } }));
    return { response: await jweEncrypt(jwk, payload) };
  }

  return {
    /**
     * The answer to `digital` (the `{ requests }` of `navigator.credentials.get`) as a
     * `DigitalCredential`-shaped `{ protocol, data }`. `origin` is the page's (what the browser
     * would tell a real wallet). Options: `protocol` (answer that request; default the first the
     * wallet speaks), `format` (`'mso_mdoc'` or `'dc+sd-jwt'` for OpenID4VP with both), `now`
     * (Unix seconds for the KB-JWT's `iat`; default the clock), `nonce` (sign for another nonce:
     * for negative tests only).
     */
    async answer(digital, origin, options = {}) {
      const requests = digital.requests;
      const req = options.protocol ? requests.find((r) => r.protocol === options.protocol) : requests.find((r) => r.protocol === 'org-iso-mdoc' || r.protocol === 'openid4vp-v1-unsigned');
      if (!req) throw new Error('DEMO wallet: no request in a protocol it speaks');
      const now = options.now ?? Math.floor(Date.now() / 1000);
      const data = req.protocol === 'org-iso-mdoc' ? await annexC(req.data, origin) : await openid4vp(req.data, origin, { ...options, now });
      return { protocol: req.protocol, data };
    },
  };
}
