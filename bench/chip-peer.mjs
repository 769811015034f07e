// The peer of `make bench-chip`: ICAO 9303 passive authentication with node:crypto (OpenSSL), for
// comparison with verifyChip. Written for the benchmark, not shipped; it does what a relying
// party's server typically writes around OpenSSL:
//
//   1. EF.SOD: tag 77 → ContentInfo → SignedData (RFC 5652 §5) with one SignerInfo, its signed
//      attributes, the LDSSecurityObject (ICAO 9303 Part 10 §4.6.2) — read with a small DER walker;
//   2. content-type attribute = eContentType, message-digest attribute = hash of the eContent;
//   3. the document signer certificate from the SignedData (the one the SignerInfo names by issuer
//      and serial number), X509Certificate;
//   4. the SOD signature over the DER SET of the signed attributes: crypto.verify with the DSC key
//      (ECDSA with SHA-2, RSA PKCS #1 v1.5, RSASSA-PSS);
//   5. every data group's hash, over its bytes as handed over, against the SOD's;
//   6. the DSC under a pinned CSCA: issuer name (checkIssued), the CSCA's self-signature and the
//      DSC's signature (X509Certificate.verify), both valid at `now` and at the signing time.
//
// Out of its scope (verifyChip does them): link certificates, CRLs, certificate profiles and
// extensions, algorithm allow-lists, Active Authentication, parsing the data groups (DG1 MRZ, DG2,
// DG13, DG14/DG15). OpenSSL 3 reads explicit-parameter EC keys (Vietnam's and the DEMO CSCA's
// brainpoolP512r1) by matching them to the named curve, so no conversion is needed.
import { X509Certificate, createHash, verify as cryptoVerify, constants } from 'node:crypto';

/** A peer rejection, with a short reason (the peer has no error table). */
export class PeerError extends Error {}

function tlv(buf, off) {
  if (off + 2 > buf.length) throw new PeerError('DER: truncated');
  const tag = buf[off];
  let len = buf[off + 1];
  let hdr = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n < 1 || n > 4 || off + 2 + n > buf.length) throw new PeerError('DER: bad length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[off + 2 + i];
    hdr += n;
  }
  const start = off + hdr;
  const end = start + len;
  if (end > buf.length) throw new PeerError('DER: length past the end');
  return { tag, start, end, off, raw: buf.subarray(off, end), body: buf.subarray(start, end) };
}

/** The TLVs directly inside `body`. */
function children(body) {
  const out = [];
  for (let off = 0; off < body.length; ) {
    const t = tlv(body, off);
    out.push(t);
    off = t.end;
  }
  return out;
}

function oid(body) {
  const parts = [];
  let v = 0;
  for (const b of body) {
    v = v * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      if (parts.length === 0) parts.push(v < 80 ? Math.floor(v / 40) : 2, v < 80 ? v % 40 : v - 80);
      else parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

const HASHES = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};
const SIGNATURES = {
  '1.2.840.10045.4.1': { kind: 'ecdsa', hash: 'sha1' },
  '1.2.840.10045.4.3.1': { kind: 'ecdsa', hash: 'sha224' },
  '1.2.840.10045.4.3.2': { kind: 'ecdsa', hash: 'sha256' },
  '1.2.840.10045.4.3.3': { kind: 'ecdsa', hash: 'sha384' },
  '1.2.840.10045.4.3.4': { kind: 'ecdsa', hash: 'sha512' },
  '1.2.840.113549.1.1.5': { kind: 'pkcs1', hash: 'sha1' },
  '1.2.840.113549.1.1.14': { kind: 'pkcs1', hash: 'sha224' },
  '1.2.840.113549.1.1.11': { kind: 'pkcs1', hash: 'sha256' },
  '1.2.840.113549.1.1.12': { kind: 'pkcs1', hash: 'sha384' },
  '1.2.840.113549.1.1.13': { kind: 'pkcs1', hash: 'sha512' },
  '1.2.840.113549.1.1.1': { kind: 'pkcs1', hash: null }, // rsaEncryption: the signer's digest
  '1.2.840.113549.1.1.10': { kind: 'pss', hash: null }, // parameters name the hash
};
const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const OID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const OID_SIGNING_TIME = '1.2.840.113549.1.9.5';

/** RSASSA-PSS-params (RFC 4055 §3.1): the hash and the salt length. */
function pssParams(params) {
  let hash = 'sha1';
  let salt = 20;
  if (params && params.tag === 0x30) {
    for (const p of children(params.body)) {
      if (p.tag === 0xa0) hash = HASHES[oid(children(children(p.body)[0].body)[0].body)] ?? 'unknown';
      if (p.tag === 0xa2) salt = Number(BigInt(`0x${Buffer.from(children(p.body)[0].body).toString('hex')}`));
    }
  }
  return { hash, salt };
}

function time(t) {
  const s = Buffer.from(t.body).toString('latin1');
  // UTCTime YYMMDDHHMMSSZ or GeneralizedTime YYYYMMDDHHMMSSZ.
  const full = t.tag === 0x17 ? `${Number(s.slice(0, 2)) < 50 ? '20' : '19'}${s}` : s;
  return Date.UTC(+full.slice(0, 4), +full.slice(4, 6) - 1, +full.slice(6, 8), +full.slice(8, 10), +full.slice(10, 12), +full.slice(12, 14));
}

function validAt(cert, ms) {
  return Date.parse(cert.validFrom) <= ms && ms <= Date.parse(cert.validTo);
}

/**
 * Passive authentication of an `icao9303-dump/1` (JSON text) against pinned CSCA certificates
 * (PEM). `now` is Unix seconds. Throws PeerError; returns `{ verdict, dataGroups }` where verdict
 * is `authentic` or `intactIssuerNotVerified` (with `issuerError`), as verifyChip names them.
 */
export function peerVerify(json, { cscas, now }) {
  const dump = JSON.parse(json);
  if (dump.format !== 'icao9303-dump/1') throw new PeerError('not an icao9303-dump/1');
  const sod = Buffer.from(dump.sod, 'base64');
  const outer = tlv(sod, 0);
  if (outer.tag !== 0x77) throw new PeerError('EF.SOD: not tag 77');
  const [ctOid, ctBody] = children(tlv(outer.body, 0).body);
  if (oid(ctOid.body) !== OID_SIGNED_DATA) throw new PeerError('EF.SOD: not SignedData');
  const sd = children(tlv(ctBody.body, 0).body);
  const encap = children(sd[2].body);
  const eContentType = oid(encap[0].body);
  const eContent = tlv(encap[1].body, 0).body; // [0] { OCTET STRING }
  let certs = [];
  let rest = 3;
  if (sd[rest].tag === 0xa0) certs = children(sd[rest++].body).map((c) => c.raw);
  if (sd[rest].tag === 0xa1) rest++;
  const signerInfos = children(sd[rest].body);
  if (signerInfos.length !== 1) throw new PeerError('EF.SOD: not one signer');
  const si = children(signerInfos[0].body);
  const sid = si[1];
  const digestAlg = HASHES[oid(children(si[2].body)[0].body)];
  const attrs = si[3];
  if (attrs.tag !== 0xa0) throw new PeerError('EF.SOD: no signed attributes');
  const sigAlgParts = children(si[4].body);
  const sigAlg = SIGNATURES[oid(sigAlgParts[0].body)];
  const signature = si[5].body;
  if (!digestAlg || !sigAlg) throw new PeerError('EF.SOD: unsupported algorithm');

  // 2. Signed attributes.
  let contentType = null;
  let messageDigest = null;
  let signingTime = null;
  for (const a of children(attrs.body)) {
    const [type, values] = children(a.body);
    const value = children(values.body)[0];
    const t = oid(type.body);
    if (t === OID_CONTENT_TYPE) contentType = oid(value.body);
    else if (t === OID_MESSAGE_DIGEST) messageDigest = value.body;
    else if (t === OID_SIGNING_TIME) signingTime = time(value);
  }
  if (contentType !== eContentType) throw new PeerError('EF.SOD: content-type attribute');
  if (!messageDigest || !createHash(digestAlg).update(eContent).digest().equals(messageDigest)) throw new PeerError('EF.SOD: message-digest attribute');

  // 3. The document signer: the SignedData's certificate with the SignerInfo's serial number.
  const sidParts = children(sid.body);
  const serial = Buffer.from(sidParts[1].body).toString('hex').replace(/^(00)+(?=.)/, '').toUpperCase();
  const dsc = certs.map((c) => new X509Certificate(c)).find((c) => c.serialNumber.replace(/^(00)+(?=.)/, '').toUpperCase() === serial);
  if (!dsc) throw new PeerError('EF.SOD: no document signer certificate');

  // 4. The signature over the signed attributes, DER-encoded as a SET (RFC 5652 §5.4).
  const signed = Buffer.from(attrs.raw);
  signed[0] = 0x31;
  const key = dsc.publicKey;
  let ok;
  if (sigAlg.kind === 'ecdsa') ok = cryptoVerify(sigAlg.hash, signed, key, signature);
  else if (sigAlg.kind === 'pkcs1') ok = cryptoVerify(sigAlg.hash ?? digestAlg, signed, { key, padding: constants.RSA_PKCS1_PADDING }, signature);
  else {
    const p = pssParams(sigAlgParts[1]);
    ok = cryptoVerify(p.hash, signed, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: p.salt }, signature);
  }
  if (!ok) throw new PeerError('EF.SOD: signature');

  // 5. Data group hashes.
  const lds = children(tlv(eContent, 0).body);
  const ldsHash = HASHES[oid(children(lds[1].body)[0].body)];
  if (!ldsHash) throw new PeerError('LDS: unsupported hash');
  const listed = new Map(children(lds[2].body).map((e) => {
    const [n, h] = children(e.body);
    return [`DG${n.body[0]}`, h.body];
  }));
  const dataGroups = {};
  for (const [name, b64] of Object.entries(dump.dataGroups)) {
    const want = listed.get(name);
    if (!want) throw new PeerError(`${name} not in EF.SOD`);
    if (!createHash(ldsHash).update(Buffer.from(b64, 'base64')).digest().equals(want)) throw new PeerError(`${name}: hash mismatch`);
    dataGroups[name] = 'valid';
  }
  for (const name of listed.keys()) dataGroups[name] ??= 'notRead';

  // 6. The DSC under a pinned CSCA, at now and at the signing time.
  const nowMs = now * 1000;
  const at = signingTime === null ? [nowMs] : [nowMs, signingTime];
  let issuerError = 'unknown issuer';
  for (const pem of cscas) {
    const ca = new X509Certificate(pem);
    if (!dsc.checkIssued(ca)) continue;
    if (!ca.ca || !ca.verify(ca.publicKey)) {
      issuerError = 'CSCA self-signature';
      continue;
    }
    if (!dsc.verify(ca.publicKey)) {
      issuerError = 'DSC signature';
      continue;
    }
    if (!at.every((ms) => validAt(dsc, ms) && validAt(ca, ms))) {
      issuerError = 'expired';
      continue;
    }
    return { verdict: 'authentic', dataGroups };
  }
  return { verdict: 'intactIssuerNotVerified', issuerError, dataGroups };
}
