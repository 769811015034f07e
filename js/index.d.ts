/**
 * cccd-verify: read and check Vietnamese CCCD / Căn cước identity data offline.
 *
 * The CCCD QR code is **unsigned**: a {@link CccdCard} says what the QR code says, nothing more.
 * It is never proof of identity (`card.assurance` is always `"unsigned"`).
 * @packageDocumentation
 */

/** Stable codes of {@link CccdVerifyError}. */
export type ErrorCode =
  /** The input is empty. */
  | 'ERR_INPUT_EMPTY'
  /** The input is larger than any QR code can hold (4096 bytes) or than an MRZ (1024). */
  | 'ERR_INPUT_TOO_LARGE'
  /** The bytes are not valid UTF-8. `params.offset`: where. */
  | 'ERR_PAYLOAD_ENCODING'
  /** The text has no `|` separator: it is not a CCCD QR code. */
  | 'ERR_NOT_CCCD_PAYLOAD'
  /** Fewer than 7 fields. `params.field`: the first missing one; `params.found`: how many there are. */
  | 'ERR_FIELD_MISSING'
  /** A field that is never empty is empty. `params.field`. */
  | 'ERR_FIELD_EMPTY'
  /** The ID number is not 12 digits. */
  | 'ERR_ID_NUMBER_FORMAT'
  /** A date is not a real `DDMMYYYY` date. `params.field`. */
  | 'ERR_DATE_FORMAT'
  /** The sex field is neither `Nam` nor `Nữ`. */
  | 'ERR_SEX_VALUE'
  /** The MRZ is not three 30-character TD1 lines, or a field is malformed. `params.line` (0 = shape). */
  | 'ERR_MRZ_FORMAT'
  /** An MRZ check digit does not match. `params.field`. */
  | 'ERR_MRZ_CHECK_DIGIT'
  /** The image has a zero dimension or a pixel buffer shorter than its size. */
  | 'ERR_IMAGE_FORMAT'
  /** The image has more than 16,777,216 pixels. `params.width`, `params.height`, `params.maxPixels`. */
  | 'ERR_IMAGE_TOO_LARGE'
  /** An image file could not be decoded as PNG or JPEG. */
  | 'ERR_IMAGE_DECODE'
  /** No QR code could be read in the image. */
  | 'ERR_NO_QR_FOUND'
  /** The certificate chain (`x5c`) is empty. */
  | 'ERR_CERT_CHAIN_EMPTY'
  /** More certificates than the budget allows (default 5). `params.len`, `params.max`. */
  | 'ERR_CERT_CHAIN_TOO_LONG'
  /** A certificate is over 16 KiB. `params.cert` (`chain` with `params.index`, or `anchor`), `params.len`, `params.max`. */
  | 'ERR_CERT_TOO_LARGE'
  /** Not one well-formed DER X.509 v3 certificate (trailing bytes, malformed or duplicate extension, invalid key, BER that is not DER…). `params.cert`, `params.index`, `params.reason` (`malformed`, `der-length`, `der-integer`, `der-boolean`, `der-default`, `der-primitive`). */
  | 'ERR_CERT_PARSE'
  /** Key or signature algorithm other than ECDSA P-256/SHA-256 or P-384/SHA-384, or not matching the issuer's key. `params.cert`, `params.index`. */
  | 'ERR_CERT_ALGORITHM_UNSUPPORTED'
  /** A certificate's signature does not verify with its issuer's key. `params.cert`, `params.index`. */
  | 'ERR_CERT_SIGNATURE_INVALID'
  /** `now` is after a certificate's `notAfter`. `params.cert`, `params.index`, `params.notAfter` (Unix seconds). */
  | 'ERR_CERT_EXPIRED'
  /** `now` is before a certificate's `notBefore`. `params.cert`, `params.index`, `params.notBefore` (Unix seconds). */
  | 'ERR_CERT_NOT_YET_VALID'
  /** The chain does not lead to any of the trust anchors given. */
  | 'ERR_CERT_UNKNOWN_ISSUER'
  /** `x5c[index + 1]` is not the issuer of `x5c[index]`: the chain must be ordered from the signer up. `params.index`. */
  | 'ERR_CERT_CHAIN_ORDER'
  /** An issuing certificate or anchor is not a CA (basicConstraints `cA`). `params.cert`, `params.index`. */
  | 'ERR_CERT_NOT_CA'
  /** More intermediates below a CA than its pathLenConstraint allows. `params.cert`, `params.index`. */
  | 'ERR_CERT_PATH_LEN_EXCEEDED'
  /** keyUsage lacks the bit the certificate's role needs. `params.cert`, `params.index`, `params.usage` (`digitalSignature` / `keyCertSign`). */
  | 'ERR_CERT_KEY_USAGE_MISSING'
  /** A critical extension the verifier does not process. `params.cert`, `params.index`, `params.oid`. */
  | 'ERR_CERT_UNSUPPORTED_CRITICAL_EXTENSION'
  /** A certificate has nameConstraints, which are not implemented. `params.cert`, `params.index`. */
  | 'ERR_CERT_NAME_CONSTRAINTS_UNSUPPORTED'
  /** Checking the chain needs more signature verifications than the budget (default 16). `params.max`. */
  | 'ERR_CERT_SIGNATURE_BUDGET_EXCEEDED'
  /** The chain is valid only up to an anchor held for another purpose. `params.expected`, `params.found`. */
  | 'ERR_CERT_ANCHOR_PURPOSE_MISMATCH'
  /** `x5c` contains a trust anchor (HAIP 1.0 forbids it). `params.index`. */
  | 'ERR_CERT_ANCHOR_IN_CHAIN'
  /** The signer's certificate (`x5c[0]`) is a CA certificate. */
  | 'ERR_CERT_END_ENTITY_IS_CA'
  /** The signer's certificate (`x5c[0]`) is self-signed (HAIP 1.0 forbids it). */
  | 'ERR_CERT_SELF_SIGNED_END_ENTITY'
  /** A signed token is not `header.payload.signature` of base64url JSON. */
  | 'ERR_JWS_FORMAT'
  /** The token's `alg` is not in the allow-list (`none` never is). */
  | 'ERR_JWS_ALG_NOT_ALLOWED'
  /** A signature does not verify. */
  | 'ERR_JWS_SIGNATURE_INVALID'
  /** The token requires (`crit`) an extension this verifier does not understand. */
  | 'ERR_JWS_CRIT_UNSUPPORTED'
  /** A key is not a public EC P-256 JWK (or carries private members). */
  | 'ERR_JWK_INVALID'
  /** JSON nests deeper than the limit. `params.max`. */
  | 'ERR_JSON_TOO_DEEP'
  /** A JSON object names the same member twice (RFC 7515 §4). `params.name`. */
  | 'ERR_JSON_DUPLICATE_MEMBER'
  /** Not `<JWT>~<disclosure>~…~[<KB-JWT>]` (RFC 9901 §4). */
  | 'ERR_SDJWT_FORMAT'
  /** The issuer JWT `typ` is not `dc+sd-jwt` (legacy `vc+sd-jwt` only by option). */
  | 'ERR_SDJWT_TYP'
  /** `_sd_alg` unknown or not allowed by policy. */
  | 'ERR_SDJWT_SD_ALG'
  /** `_sd_alg` below the top level. */
  | 'ERR_SDJWT_SD_ALG_NESTED'
  /** A disclosure is not base64url JSON of the right shape and arity. */
  | 'ERR_SDJWT_DISCLOSURE_INVALID'
  /** A digest occurs more than once (RFC 9901 §7.1 step 4). */
  | 'ERR_SDJWT_DUPLICATE_DIGEST'
  /** A presented disclosure is referenced by no digest (RFC 9901 §7.1 step 5). */
  | 'ERR_SDJWT_UNREFERENCED_DISCLOSURE'
  /** A disclosure names `_sd` or `...`. */
  | 'ERR_SDJWT_RESERVED_CLAIM_NAME'
  /** A disclosed name already exists at its level. `params.name`. */
  | 'ERR_SDJWT_CLAIM_NAME_COLLISION'
  /** `iss`, `nbf`, `exp`, `cnf`, `vct`, `vct#integrity` or `status` was selectively disclosed. `params.name`. */
  | 'ERR_SDJWT_NON_DISCLOSABLE_CLAIM'
  /** More disclosures than the budget. `params.max`. */
  | 'ERR_SDJWT_TOO_MANY_DISCLOSURES'
  /** A claim the policy requires is missing after processing. `params.name`. */
  | 'ERR_CLAIM_MISSING'
  /** A registered claim (`iss`, `vct`, `iat`, `nbf`, `exp`, `cnf`) is present with the wrong JSON type. `params.name`, `params.expected` (`string`, `number`, `object`). */
  | 'ERR_CLAIM_TYPE'
  /** The credential's `exp` is past. `params.exp`. */
  | 'ERR_TOKEN_EXPIRED'
  /** The credential's `nbf` is in the future. `params.nbf`. */
  | 'ERR_TOKEN_NOT_YET_VALID'
  /** Key binding required by policy but no KB-JWT (a stripped key binding). */
  | 'ERR_KB_MISSING'
  /** A KB-JWT is present but the policy does not expect key binding. */
  | 'ERR_KB_UNEXPECTED'
  /** The KB-JWT `typ` is not `kb+jwt`. */
  | 'ERR_KB_TYP'
  /** The KB-JWT `nonce` is not this verifier's nonce. */
  | 'ERR_KB_NONCE_MISMATCH'
  /** The KB-JWT `aud` is not exactly this verifier (one string; `origin:<origin>` over the Digital Credentials API). */
  | 'ERR_KB_AUDIENCE_MISMATCH'
  /** The KB-JWT `iat` is missing, in the future or older than allowed. */
  | 'ERR_KB_IAT'
  /** The KB-JWT `sd_hash` does not cover the presented SD-JWT. */
  | 'ERR_KB_SD_HASH_MISMATCH'
  /** Key binding required but the credential has no `cnf.jwk`. */
  | 'ERR_KB_NO_HOLDER_KEY'
  /** The credential has no `x5c` issuer certificate chain (the only offline key resolution). */
  | 'ERR_ISSUER_KEY_UNRESOLVED'
  /** `iss` matches no subjectAltName URI or DNS name of the issuer certificate (`SanUriOrDns` binding). */
  | 'ERR_ISSUER_BINDING_MISMATCH'
  /** A Status List Token claim is missing or malformed. `params.claim` (`sub`, `iat`, `exp`, `nbf`, `ttl`, `status_list`, `status_list.lst`…). */
  | 'ERR_STATUS_LIST_FORMAT'
  /** The Status List Token `typ` is not `statuslist+jwt`. */
  | 'ERR_STATUS_LIST_TYP'
  /** The Status List Token `sub` is not the `uri` in the credential's `status.status_list`. */
  | 'ERR_STATUS_LIST_SUBJECT_MISMATCH'
  /** `now` is at or after the Status List Token `exp`. `params.exp` (Unix seconds). */
  | 'ERR_STATUS_LIST_EXPIRED'
  /** `now` is before the Status List Token `nbf`. `params.nbf` (Unix seconds). */
  | 'ERR_STATUS_LIST_NOT_YET_VALID'
  /** The Status List Token is older than its `ttl` allows (default: `iat + ttl < now`). `params.refreshAt` (Unix seconds). */
  | 'ERR_STATUS_LIST_STALE'
  /** `status_list.bits` is missing or not 1, 2, 4 or 8. */
  | 'ERR_STATUS_LIST_BITS'
  /** `status_list.lst` is not one valid zlib stream. */
  | 'ERR_STATUS_LIST_DECOMPRESS'
  /** The status list decompresses to more than the budget (default 16 MiB). `params.max`. */
  | 'ERR_STATUS_LIST_TOO_LARGE'
  /** The credential's status index is past the end of the list (no statement: reject). `params.index`, `params.len`. */
  | 'ERR_STATUS_INDEX_OUT_OF_RANGE'
  /** The credential's `status` claim is not `{"status_list": {"idx": uint, "uri": string}}`. */
  | 'ERR_STATUS_CLAIM_INVALID'
  /** The Status List Token has no `x5c` chain to verify against trust anchors. */
  | 'ERR_STATUS_LIST_KEY_UNRESOLVED'
  /** Two Status List Tokens for the credential's list have the same `iat` but different statuses. `params.iat`. */
  | 'ERR_STATUS_LIST_CONFLICT'
  /** The trust list's JWS `typ` is not `trust-list+jwt`. */
  | 'ERR_TRUST_LIST_TYP'
  /** The trust list has no `x5c` chain to its signer (needed to verify against the pinned list signers). */
  | 'ERR_TRUST_LIST_KEY_UNRESOLVED'
  /** A trust list field is missing or malformed. `params.field` (path from the payload root, e.g. `LoTE.ListAndSchemeInformation.NextUpdate`). */
  | 'ERR_TRUST_LIST_FORMAT'
  /** The trust list has more entities or services than the budget (default 512). `params.max`. */
  | 'ERR_TRUST_LIST_TOO_MANY_ENTRIES'
  /** A trust list service has more certificates than the budget (default 8). `params.max`. */
  | 'ERR_TRUST_LIST_TOO_MANY_CERTS'
  /** The trust list's `LoTESequenceNumber` is lower than the one last accepted (rollback). `params.sequence`, `params.accepted`. */
  | 'ERR_TRUST_LIST_ROLLBACK'
  /** The trust list has the sequence number last accepted but different bytes (equivocation). `params.sequence`. */
  | 'ERR_TRUST_LIST_EQUIVOCATION'
  /** The trust list's `ListIssueDateTime` is in the future beyond the leeway. `params.issuedAt` (Unix seconds). */
  | 'ERR_TRUST_LIST_ISSUED_IN_FUTURE'
  /** The trust list is past its `NextUpdate` and the stale policy rejects it. `params.nextUpdate` (Unix seconds). */
  | 'ERR_TRUST_LIST_STALE'
  /** The credential's issuer is in the trust list, but not for this `vct`. `params.vct`. */
  | 'ERR_TRUST_LIST_VCT_NOT_ALLOWED'
  /** The camera could not be opened (no permission, no device, not a secure context). `cccd-verify/scan` only. */
  | 'ERR_CAMERA_UNAVAILABLE'
  /** A function was called before `await init()` (browsers and bundlers). */
  | 'ERR_NOT_INITIALIZED'
  /** The wasm module trapped; it has been restarted and the next call works. */
  | 'ERR_INTERNAL';

/** Every {@link ErrorCode}, for exhaustive handling. */
export declare const ERROR_CODES: readonly ErrorCode[];

/** A rejection with a stable machine-readable `code` and a human `message` (English or Vietnamese). */
export declare class CccdVerifyError extends Error {
  readonly name: 'CccdVerifyError';
  /** Stable code; safe to switch on and to log. */
  readonly code: ErrorCode;
  /** The facts behind the error (field names, counts, offsets). */
  readonly params: Record<string, string | number | boolean>;
}

/** Message language. */
export type Lang = 'en' | 'vi';

/** Options of {@link init}. */
export interface InitOptions {
  /**
   * Where to load the module from. Default: `cccd_verify_bg.wasm` next to the package's JS
   * (`new URL(…, import.meta.url)`), which bundlers copy along. Never a CDN.
   */
  wasm?: URL | string | Response | BufferSource | WebAssembly.Module;
}

/**
 * Loads the wasm module. Idempotent and safe to call concurrently. Required once before the other
 * functions in browsers and bundlers; optional in Node, which loads synchronously on first use.
 */
export declare function init(options?: InitOptions): Promise<void>;

/** Options of {@link parseCccd}. */
export interface ParseOptions {
  /**
   * "Today", for expiry and date checks. A `Date` is read as a date in Vietnam (UTC+7); a string is
   * `YYYY-MM-DD` or an RFC 3339 timestamp. Default: the current date in Vietnam.
   */
  now?: Date | string;
  /** Language of error and finding messages. Default `'en'`. */
  lang?: Lang;
  /** The card's TD1 MRZ (3 × 30 characters) to cross-check against the QR. */
  mrz?: string;
}

/** `M` (Nam) or `F` (Nữ). */
export type Sex = 'M' | 'F';

/** A date whose day or month may be unknown. */
export interface PartialDate {
  /** `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` when the day / month is unknown. */
  iso: string;
  year: number;
  month: number | null;
  day: number | null;
}

/** Place of birth registration, from the ID number's first three digits. */
export type Place =
  /** One of the 63 pre-2025 provinces, with the unit it belongs to after the 2025 merger. */
  | { kind: 'province'; code: string; name: string; successor2025: string }
  /** A domestic-looking code (first digit 0) that no province has. */
  | { kind: 'unassigned'; code: string }
  /** Birth registered abroad: a country code (first digit not 0). */
  | { kind: 'abroad'; code: string };

/** The decoded 12-digit personal ID number. */
export interface IdNumber {
  /** 12 digits, leading zeros kept. */
  value: string;
  place: Place;
  /** The 4th digit: century and sex. */
  centuryDigit: number;
  /** Sex encoded by the century digit. */
  sex: Sex;
  /** Birth year encoded by the 4th–6th digits. */
  birthYear: number;
}

/** The name split and keyed for comparison. */
export interface CardName {
  /** Họ (first word). */
  family: string;
  /** Tên đệm (middle words), `""` when none. */
  middle: string;
  /** Tên (last word). */
  given: string;
  /** Lower case, no diacritics, `đ` → `d`: see {@link foldName}. */
  folded: string;
  /** ICAO 9303 MRZ form, `FAMILY<<MIDDLE<GIVEN`, untruncated. */
  icao: string;
}

/** `cccd2014`: Luật CCCD 2014 (renewal at 25/40/60); `canCuoc2023`: Luật Căn cước 2023 (14/25/40/60), for cards issued from 1 July 2024. */
export type Law = 'cccd2014' | 'canCuoc2023';

/** The computed expiry: the QR carries none. */
export type Expiry =
  | {
      kind: 'date';
      /** Expiry date as printed on the card (`YYYY-MM-DD`). */
      date: string;
      /** Last legally valid day: `date`, or 2024-06-30 for cards covered by the Art. 46 transition. */
      validUntil: string;
      /** The birthday the card expires on. */
      renewalAge: number;
      law: Law;
      /** True when the date of birth is partial and a birthday was assumed. */
      approximate: boolean;
    }
  | {
      /** Never expires: issued at 58 or older. */
      kind: 'none';
      law: Law;
      approximate: boolean;
    };

/** Codes of {@link Finding}. */
export type FindingCode =
  | 'ID_PLACE_CODE_UNASSIGNED'
  | 'ID_BIRTH_YEAR_MISMATCH'
  | 'ID_SEX_MISMATCH'
  | 'ID_BIRTH_YEAR_IN_FUTURE'
  | 'BIRTH_DATE_IN_FUTURE'
  | 'ISSUE_DATE_IN_FUTURE'
  | 'ISSUED_BEFORE_BIRTH'
  | 'CARD_EXPIRED'
  | 'TEXT_REPAIRED'
  | 'TEXT_MOJIBAKE'
  | 'BIRTH_DATE_PARTIAL'
  | 'EXPIRY_APPROXIMATE'
  | 'EXTRA_FIELDS'
  | 'FIELD_COUNT_UNUSUAL'
  | 'OLD_ID_NUMBER_FORMAT'
  | 'ADDRESS_EMPTY'
  | 'ISSUED_UNDER_MINIMUM_AGE'
  | 'GENERATION_MISMATCH'
  | 'ISSUE_DATE_BEFORE_QR_CARDS'
  | 'MRZ_ID_MISMATCH'
  | 'MRZ_DOCUMENT_NUMBER_MISMATCH'
  | 'MRZ_BIRTH_DATE_MISMATCH'
  | 'MRZ_SEX_MISMATCH'
  | 'MRZ_EXPIRY_MISMATCH'
  | 'MRZ_NAME_MISMATCH';

/** One result of the card's cross-checks. Any `error` makes `card.valid` false. */
export interface Finding {
  code: FindingCode;
  severity: 'error' | 'warning';
  /** In the language asked for. */
  message: string;
  params?: Record<string, string | number | boolean>;
}

/** A parsed TD1 MRZ whose five check digits matched. */
export interface Mrz {
  documentCode: string;
  issuingState: string;
  /** 9 characters: the last 9 digits of the ID number on Vietnamese cards. */
  documentNumber: string;
  /** The 12-digit ID number from the optional data. */
  idNumber: string;
  /** Century taken from the ID number's century digit. */
  dateOfBirth: PartialDate;
  sex: Sex | null;
  /** `YYYY-MM-DD`, or null when blank. */
  dateOfExpiry: string | null;
  nationality: string;
  surname: string;
  givenNames: string;
  /** Line 3 without trailing fillers, e.g. `NGUYEN<<VAN<AN`. */
  nameField: string;
}

/** A card read from a CCCD / Căn cước QR code. */
export interface CccdCard {
  /** Always `"unsigned"`: the QR code carries no signature; anyone can make one. */
  assurance: 'unsigned';
  /** The card generation, inferred from the field count (7 → 2021 chip CCCD, 11 → 2024 Căn cước). */
  generation: { value: 'cccd2021' | 'canCuoc2024' | 'unknown'; inferred: true; basis: 'fieldCount' };
  fieldCount: number;
  idNumber: IdNumber;
  /** The old 9-digit CMND number, or null when the field is empty. */
  oldIdNumber: string | null;
  /** As printed in the QR, NFC, whitespace collapsed. */
  fullName: string;
  name: CardName;
  dateOfBirth: PartialDate;
  sex: Sex;
  address: string;
  /** `YYYY-MM-DD`. */
  issueDate: string;
  /** The law the card was issued under (by issue date). */
  law: Law;
  expiry: Expiry;
  /** True when `now` is past `expiry.validUntil`. */
  expired: boolean;
  /** Non-empty fields after the seventh, kept raw. */
  extras: { index: number; value: string }[];
  /** Set when the scanner had mis-decoded the UTF-8 text and it was repaired. */
  repairedFrom: 'iso-8859-1' | 'windows-1252' | null;
  /** The MRZ cross-checked against, when `options.mrz` was given. */
  mrz: Mrz | null;
  /** False when any finding is an error. */
  valid: boolean;
  /** Errors first, then warnings. */
  findings: Finding[];
}

/**
 * Reads a CCCD / Căn cước QR payload (text, or the raw bytes as UTF-8) into a typed card and
 * checks it: ID number structure against date of birth and sex, dates against `now`, computed
 * expiry, and the MRZ when given. Inconsistencies are `card.findings`; input that is not a
 * readable payload throws {@link CccdVerifyError}. Wrong argument types throw `TypeError`.
 */
export declare function parseCccd(input: string | Uint8Array, options?: ParseOptions): CccdCard;

/** Parses a TD1 MRZ (three lines of 30, or one run of 90) and checks all five check digits. */
export declare function parseMrz(text: string, options?: { lang?: Lang }): Mrz;

/** How closely two names match, strictest first. */
export type NameMatch = 'exact' | 'equivalent' | 'without-diacritics' | 'different';

/**
 * Compares two names: `exact` (same after NFC and whitespace), `equivalent` (case and tone-mark
 * placement such as Hòa/Hoà), `without-diacritics` (only equal with all marks removed, Đ → D).
 * Names, here and in `foldName` and `icaoTransliterate`, are at most 1024 UTF-8 bytes; a longer
 * one throws `CccdVerifyError` `ERR_INPUT_TOO_LARGE` (`params.len`, `params.max`).
 */
export declare function compareNames(a: string, b: string): NameMatch;

/** Lower case, no diacritics, `đ` → `d`, whitespace collapsed: `"ĐẶNG Thị Đào"` → `"dang thi dao"`. */
export declare function foldName(name: string): string;

/** ICAO 9303 transliteration to the MRZ alphabet: `"Đỗ Thị Ánh"` → `"DO<THI<ANH"`. */
export declare function icaoTransliterate(name: string): string;

/** An RGBA image such as `ImageData` (from a canvas, `VideoFrame` copy, etc.). */
export interface RgbaImage {
  data: Uint8ClampedArray | Uint8Array;
  width: number;
  height: number;
}

/** An 8-bit greyscale image; rows are `stride` bytes apart (default `width`). */
export interface LumaImage {
  luma: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
  stride?: number;
}

/** What the decoders accept: RGBA pixels, grey pixels, or a PNG/JPEG file's bytes. */
export type ImageInput = RgbaImage | LumaImage | Uint8Array | ArrayBuffer;

/** Options of {@link decodeQr}. */
export interface DecodeOptions {
  /**
   * `'thorough'` (default) tries every front-end attempt, for photos and files; `'fast'` tries the
   * finder-pattern crops and the cheapest whole-frame reads, for live camera frames.
   */
  mode?: 'fast' | 'thorough';
  /** Language of error messages. Default `'en'`. */
  lang?: Lang;
}

/** A point in image pixels. */
export interface Point {
  x: number;
  y: number;
}

/** One decoded QR symbol. */
export interface QrCode {
  /** The payload as text, decoded as `charset`. */
  text: string;
  /** The payload bytes as encoded in the symbol. */
  bytes: Uint8Array;
  /** `utf-8` when the bytes are valid UTF-8; otherwise a guess: `shift_jis`, else `iso-8859-1`. */
  charset: 'utf-8' | 'shift_jis' | 'iso-8859-1';
  /** True when `charset` is a guess (the decoder does not see ECI designators). */
  charsetGuessed: boolean;
  /** Corners in input pixels: top-left, top-right, bottom-right, bottom-left of the symbol. */
  corners: [Point, Point, Point, Point];
  /** Symbol version 1–40. */
  version: number;
  ecLevel: 'L' | 'M' | 'Q' | 'H';
  /** Which front-end attempt read it (diagnostics). */
  attempt: string;
}

/**
 * Finds and decodes every QR code in an image. Returns `[]` when none is readable. Throws
 * {@link CccdVerifyError} `ERR_IMAGE_FORMAT`, `ERR_IMAGE_TOO_LARGE` or `ERR_IMAGE_DECODE` for bad
 * images, `TypeError` for wrong arguments. Survives decoder crashes inside the module.
 */
export declare function decodeQr(image: ImageInput, options?: DecodeOptions): QrCode[];

/** Options of {@link scanCccd}. */
export interface ScanOptions extends DecodeOptions {
  /** As in {@link ParseOptions}. */
  now?: Date | string;
}

/** The card and the QR symbol it was read from. */
export interface ScanResult {
  card: CccdCard;
  qr: QrCode;
}

/**
 * Decodes the image and parses the first QR code holding a CCCD payload. Throws
 * `ERR_NO_QR_FOUND` when no code is readable, the parse error (usually `ERR_NOT_CCCD_PAYLOAD`)
 * when codes were read but none is a CCCD payload, and the image errors of {@link decodeQr}.
 */
export declare function scanCccd(image: ImageInput, options?: ScanOptions): ScanResult;

/** What the holder's key-binding JWT must prove (RFC 9901 §4.3). */
export interface KeyBindingExpectation {
  /** The nonce this verifier sent in its request. */
  nonce: string;
  /** This verifier: the OpenID4VP client_id, or `origin:<origin>` over the Digital Credentials API. */
  audience: string;
  /** Oldest acceptable KB-JWT `iat`, seconds before `now`. Default 300. */
  maxAgeSeconds?: number;
}

/** What was accepted last time: store it and pass it back as `accepted` (rollback protection). */
export interface AcceptedTrustList {
  /** `LoTESequenceNumber` (at most 2^53 − 1, so it is exact in a JS number). */
  sequence: number;
  /**
   * SHA-256 of the list's signed payload (the decoded JWS payload), base64url: a re-signed list
   * with the same content is the same list. A stored digest of the whole JWS is still recognised.
   */
  digest: string;
}

/** Options of {@link loadTrustList}. */
export interface LoadTrustListOptions {
  /** The certificates (PEM or DER) you pin for the list operator; the list's `x5c` must chain to one. */
  signers: (string | Uint8Array)[];
  /** The list you accepted before, or null the first time. A lower sequence, or the same sequence with other bytes, is rejected. */
  accepted?: AcceptedTrustList | null;
  /** Past `NextUpdate`: `'hard'` (default) rejects, `'warn'` accepts with `stale: true`, `{ graceSeconds }` accepts for that long. */
  stale?: 'hard' | 'warn' | { graceSeconds: number };
  /** Time of verification (Date, Unix seconds, RFC 3339). Default: now. */
  now?: Date | number | string;
  /** Tolerated clock skew for a list issued in the future, seconds. Default 60. */
  leewaySeconds?: number;
  lang?: Lang;
}

/** A verified signed trust list (docs/trust-list.md). Use it as `trust` in {@link verifySdJwtVc}. */
export declare class TrustList {
  private constructor();
  readonly sequence: number;
  readonly issuedAt: number;
  readonly nextUpdate: number;
  /** True when past `NextUpdate` and accepted by the `'warn'` or grace policy. */
  readonly stale: boolean;
  readonly ageSeconds: number;
  readonly schemeOperator: string;
  readonly loteType: string | null;
  /** Store this; pass it as `accepted` when loading the next list. */
  readonly accepted: AcceptedTrustList;
  readonly signer: { subject: string; anchorFingerprint: string };
  readonly entries: { name: string; purpose: string; anchors: { subject: string; fingerprint: string }[]; vcts: string[] }[];
}

/** Verifies a signed trust list (compact JWS) against the pinned signer certificates. */
export declare function loadTrustList(jws: string, options: LoadTrustListOptions): TrustList;

/** Options of {@link verifySdJwtVc}. */
export interface VerifySdJwtVcOptions {
  /**
   * Certificates (PEM or DER) trusted for SD-JWT VC issuers (`anchors`) and for Status List
   * Token signers (`statusAnchors`). An anchor is never taken from `x5c`, and serves one purpose.
   */
  trust: TrustList | { anchors: (string | Uint8Array)[]; statusAnchors?: (string | Uint8Array)[] };
  /**
   * Status List Tokens (JWT, `statuslist+jwt`) you fetched beforehand. Those whose `sub` is the
   * credential's `status.status_list.uri` are verified and the newest (`iat`) is consulted; see
   * `status` in the result.
   */
  statusLists?: string[];
  /**
   * Required, so that key binding is a decision and never inferred from the token: the
   * expectation, or `null` to verify a presentation without key binding (and refuse one with it).
   */
  keyBinding: KeyBindingExpectation | null;
  /** Time of verification: a Date, Unix seconds, or RFC 3339. Default: now. */
  now?: Date | number | string;
  /** Allowed JWS algorithms for the issuer JWT and the key-binding JWT. Default `['ES256']`. */
  algorithms?: ('ES256' | 'ES384')[];
  /**
   * How `iss` is bound to the issuer certificate: `'san'` (default) — `iss` equals a SAN URI or is an
   * https URL whose host is a SAN DNS name (no userinfo `user@`); `'subject'` — not compared (anchor per issuer).
   */
  issuerBinding?: 'san' | 'subject';
  /** Also accept the legacy `typ` `vc+sd-jwt`. Default false. */
  acceptLegacyTyp?: boolean;
  /** Claims that must be present after disclosure processing. Default `['iss', 'vct']`. */
  requiredClaims?: string[];
  lang?: Lang;
}

/** A verified SD-JWT VC presentation. */
export interface VerifiedSdJwtVc {
  issuer: {
    iss: string | null;
    /** The issuer certificate's subject (RFC 4514 string). */
    subject: string;
    sanUris: string[];
    sanDnsNames: string[];
    /** SHA-256 of the trust anchor certificate, base64url. */
    anchorFingerprint: string;
  };
  vct: string | null;
  /** The processed payload: disclosed claims in place, `_sd` and `_sd_alg` removed. */
  claims: Record<string, unknown>;
  /** The holder key (`cnf.jwk`), and its RFC 7638 thumbprint. */
  holderKey: Record<string, string> | null;
  holderKeyThumbprint: string | null;
  /** Number of disclosures presented (every one was referenced). */
  disclosures: number;
  header: { alg: string; typ: string };
  /** With a {@link TrustList}: the list used, whether it is stale, and the issuer's name in it. */
  trustList?: { sequence: number; stale: boolean; nextUpdate: number; issuerName: string };
  /**
   * Revocation: `checked: true` with the list's verdict (`valid`, `invalid` = revoked,
   * `suspended`, `application-specific`, `unknown`), or `checked: false` with the reason —
   * `no-list-supplied` (the credential references a list you did not pass) or
   * `no-status-reference`. Only `verdict === 'valid'` means "not revoked".
   */
  status:
    | { checked: true; verdict: 'valid' | 'invalid' | 'suspended' | 'application-specific' | 'unknown'; value: number; idx: number; uri: string }
    | { checked: false; reason: 'no-list-supplied'; idx: number; uri: string }
    | { checked: false; reason: 'no-status-reference' };
}

/**
 * Verifies an SD-JWT VC presentation offline: the `x5c` chain to one of `trust.anchors`, the
 * issuer signature, every RFC 9901 disclosure rule, validity claims and — when required — the
 * holder's key binding to `nonce` and `audience`. Throws {@link CccdVerifyError} with the reason.
 */
export declare function verifySdJwtVc(presentation: string, options: VerifySdJwtVcOptions): VerifiedSdJwtVc;

/** @internal Traps inside the wasm module on purpose, to test recovery. */
export declare function __trapForTests(): void;
