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

/** @internal Traps inside the wasm module on purpose, to test recovery. */
export declare function __trapForTests(): void;
