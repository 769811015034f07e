/**
 * cccd-verify: read and check Vietnamese CCCD / Căn cước identity data offline.
 *
 * The CCCD QR code is **unsigned**: a {@link CccdCard} says what the QR code says, nothing more.
 * It is never proof of identity (`card.assurance` is always `"unsigned"`).
 * @packageDocumentation
 */

import type { ErrorCode, ErrorParams, FindingCode, FindingParams } from './codes.js';
/** The error codes and their params types are generated from the error table (`make codes`). */
export type { ErrorCode, ErrorParams, CertParams, FieldName, FindingCode, FindingParams, KeyUsageName, MrzFieldName, PurposeName } from './codes.js';
export { ERROR_CODES } from './codes.js';

/** A {@link CccdVerifyError} with code `C`. */
export interface CccdVerifyErrorOf<C extends ErrorCode> extends Error {
  readonly name: 'CccdVerifyError';
  /** Stable code; safe to switch on and to log. */
  readonly code: C;
  /**
   * The facts behind the error (field names, counts, offsets), typed per code: {@link ErrorParams};
   * plus {@link ListContext} when it arose in a status or trust list rather than the credential.
   */
  readonly params: ErrorParams[C] & ListContext;
}

/** Where an error arose when it is not the credential itself (a status list or a trust list). */
export interface ListContext {
  /** The kind of list the error arose in. */
  readonly in?: 'statusList' | 'trustList';
  /** The list's URI (a status list's `sub`), when known. */
  readonly uri?: string;
}

/**
 * A rejection with a stable machine-readable `code` and a human `message` (English or Vietnamese).
 * The type is a union over the codes, so that after `e instanceof CccdVerifyError`,
 * `switch (e.code)` narrows `e.params` to that code's shape.
 */
export type CccdVerifyError<C extends ErrorCode = ErrorCode> = { [K in C]: CccdVerifyErrorOf<K> }[C];
export declare const CccdVerifyError: {
  new <C extends ErrorCode>(code: C, message: string, params: ErrorParams[C], options?: ErrorOptions): CccdVerifyError<C>;
  readonly prototype: CccdVerifyError;
};

/** Message language. */
export type Lang = 'en' | 'vi';

/**
 * The package's wasm modules, one per capability: `scan` (QR decoding on pixels, the card parser,
 * MRZ, names), `verify` (SD-JWT VC, trust lists, status lists) and `image` (PNG/JPEG bytes →
 * pixels, used by {@link decodeQr} and {@link scanCccd} when given file bytes).
 */
export type Capability = 'scan' | 'verify' | 'image';

/** Where to load one module from: a URL, a `Response`, the bytes or a compiled module. */
export type WasmSource = URL | string | Response | BufferSource | WebAssembly.Module;

/** Options of {@link init}. */
export interface InitOptions {
  /** The modules to load now. Default: all three. A module already loaded is not fetched again. */
  capabilities?: readonly Capability[];
  /**
   * Where to load each module from. Default: `wasm-<capability>/cccd_verify_bg.wasm` next to the
   * package's JS (`new URL(…, import.meta.url)`), which bundlers copy along. Never a CDN.
   */
  wasm?: { [C in Capability]?: WasmSource };
}

/**
 * Loads the wasm modules (by default all three; `capabilities` to load fewer). Idempotent and safe
 * to call concurrently. Required before the other functions in browsers and bundlers — a function
 * whose module is not loaded throws `ERR_NOT_INITIALIZED` with `params.capability`; optional in
 * Node, which loads each module synchronously on its first use. Pages that need one capability can
 * import `cccd-verify/scan` or `cccd-verify/verify`, whose `init()` loads only theirs.
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

/** A {@link Finding} with code `C`. */
export interface FindingOf<C extends FindingCode> {
  code: C;
  severity: 'error' | 'warning';
  /** In the language asked for. */
  message: string;
  /** The facts behind the finding, typed per code ({@link FindingParams}); absent when it has none. */
  params?: FindingParams[C];
}

/** One result of the card's cross-checks. Any `error` makes `card.valid` false. `switch (f.code)` narrows `f.params`. */
export type Finding = { [C in FindingCode]: FindingOf<C> }[FindingCode];

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

/**
 * {@link verifySdJwtVc}, asynchronously: in browsers the ECDSA P-256/P-384 signatures are checked
 * with WebCrypto (the Rust code checks everything else, and any signature WebCrypto cannot), in
 * Node with node:crypto as the synchronous form already does. Same options, result and errors.
 */
export declare function verifySdJwtVcAsync(presentation: string, options: VerifySdJwtVcOptions): Promise<VerifiedSdJwtVc>;
