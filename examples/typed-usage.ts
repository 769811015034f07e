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
