// Typed usage of cccd-verify; `make test` compiles it with `tsc --strict` against the packed package.
import {
  init,
  parseCccd,
  parseMrz,
  compareNames,
  CccdVerifyError,
  type CccdCard,
  type ErrorCode,
  type Finding,
  type NameMatch,
} from 'cccd-verify';

export async function readCard(qr: string | Uint8Array, mrz?: string): Promise<CccdCard | ErrorCode> {
  await init();
  try {
    const card: CccdCard = parseCccd(qr, { lang: 'vi', now: new Date(), mrz });
    const assurance: 'unsigned' = card.assurance;
    const expires: string = card.expiry.kind === 'date' ? card.expiry.date : 'never';
    const errors: Finding[] = card.findings.filter((f) => f.severity === 'error');
    const place: string = card.idNumber.place.kind === 'province' ? card.idNumber.place.successor2025 : card.idNumber.place.code;
    console.log(assurance, expires, errors.length, place, card.name.icao);
    return card;
  } catch (e) {
    if (e instanceof CccdVerifyError) {
      switch (e.code) {
        case 'ERR_NOT_CCCD_PAYLOAD':
          return e.code;
        case 'ERR_FIELD_MISSING': {
          // `params` is typed per code.
          const missing: string = e.params.field;
          const found: number = e.params.found;
          console.log(missing, found);
          return e.code;
        }
        case 'ERR_MRZ_CHECK_DIGIT':
          console.log(e.params.field === 'composite');
          return e.code;
        default:
          return e.code;
      }
    }
    throw e;
  }
}

export function sameName(a: string, b: string): boolean {
  const m: NameMatch = compareNames(a, b);
  return m !== 'different';
}

export const documentNumber: string = parseMrz('IDVNM0900001233001090000123<<4\n9003152M3003150VNM<<<<<<<<<<<0\nNGUYEN<<VAN<AN<<<<<<<<<<<<<<<<').documentNumber;

// The camera scanner: race-free calls, typed events and camera errors.
import { CameraScanner, hasCamera, type CameraErrorCode, type ScanReject } from 'cccd-verify/scan';

export async function scanOneCard(video: HTMLVideoElement, signal: AbortSignal): Promise<string | CameraErrorCode | 'no-camera'> {
  if (!(await hasCamera())) return 'no-camera';
  const scanner = new CameraScanner({ video, lang: 'vi', signal });
  await scanner.preload();
  scanner.addEventListener('reject', (e) => {
    const r: ScanReject = e.detail;
    console.log(r.code, r.text);
  });
  scanner.addEventListener('torch', (e) => console.log(e.detail.on, scanner.torchOn));
  try {
    const { card, qr } = await scanner.scanOnce({ signal, timeoutMs: 30000 });
    console.log(qr.corners[0].x);
    return card.idNumber.value;
  } catch (e) {
    if (e instanceof CccdVerifyError) {
      switch (e.code) {
        case 'ERR_CAMERA_PERMISSION_DENIED':
        case 'ERR_CAMERA_NOT_FOUND':
        case 'ERR_CAMERA_IN_USE':
        case 'ERR_INSECURE_CONTEXT':
        case 'ERR_WASM_BLOCKED':
          return e.code;
      }
    }
    throw e;
  } finally {
    scanner.destroy();
  }
}

// The drop-in element: typed events on <cccd-scanner>.
import { defineCccdScanner } from 'cccd-verify/scan/element';

export function mountScanner(parent: HTMLElement, onId: (id: string) => void): () => void {
  defineCccdScanner();
  const el = document.createElement('cccd-scanner'); // typed as CccdScannerElement
  el.setAttribute('lang', 'vi');
  el.addEventListener('card', (e) => onId(e.detail.card.idNumber.value));
  el.addEventListener('reject', (e) => console.log(e.detail.code, e.detail.text));
  el.addEventListener('error', (e) => console.log(e.detail.code, e.detail.message));
  parent.append(el);
  void el.start();
  return () => el.remove(); // releases the camera
}

// An ISO 18013-5 mDL from a wallet, under a VICAL, with the transcript of your own request.
import { loadVical, verifyMdoc, type MdocClaimValue, type VerifiedMdocResponse } from 'cccd-verify/verify';

export function verifyLicence(response: Uint8Array, vicalBytes: Uint8Array, vicalRoot: string, transcript: Uint8Array): string | ErrorCode {
  try {
    const vical = loadVical(vicalBytes, { signers: [vicalRoot], stale: 'warn' });
    const r: VerifiedMdocResponse = verifyMdoc(response, { trust: vical, transcript, docType: 'org.iso.18013.5.1.mDL', allowDeviceMac: false });
    const mdl = r.documents[0].claims['org.iso.18013.5.1'];
    const portrait: MdocClaimValue = mdl.portrait;
    const mime: string | undefined = r.documents[0].mimeTypes['org.iso.18013.5.1']?.portrait;
    return `${String(mdl.family_name)} ${portrait instanceof Uint8Array ? portrait.length : 0} ${mime ?? ''} ${vical.accepted.issueId}`;
  } catch (e) {
    if (e instanceof CccdVerifyError && e.code === 'ERR_TRUST_LIST_DOCTYPE_NOT_ALLOWED') return `${e.params.docType} not allowed for ${e.params.iaca}`;
    throw e;
  }
}
// ---- ICAO 9303 chips: verifyChip (in the verify module) ----
import { verifyChip, type VerifiedChip, type ChipDump } from 'cccd-verify';

export function chipIsGenuine(dump: ChipDump | string, cscaPem: string, challenge: Uint8Array): boolean {
  const r: VerifiedChip = verifyChip(dump, { trust: { cscas: [cscaPem] }, challenge, now: new Date() });
  if (r.verdict === 'intactIssuerNotVerified') console.log(r.issuer.error?.code, r.issuer.error?.message);
  const name: string | null | undefined = r.dg13?.fullName;
  console.log(name, r.dataGroups.map((g) => `DG${g.number}:${g.status}`).join(' '));
  return r.verdict === 'authentic' && r.activeAuthentication === 'verified';
}
// ---- end ICAO 9303 chips ----
