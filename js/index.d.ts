/**
 * cccd-verify: read and check Vietnamese CCCD / Căn cước identity data offline.
 *
 * The CCCD QR code is **unsigned**: a {@link CccdCard} says what the QR code says, nothing more.
 * It is never proof of identity (`card.assurance` is always `"unsigned"`).
 * @packageDocumentation
 */

import type { ErrorCode, ErrorParams, ThrownBy } from './codes.js';
/** The error codes and their params types are generated from the error table (`make codes`). */
export type { ErrorCode, ErrorParams, CertParams, FieldName, FindingCode, FindingParams, KeyUsageName, MrzFieldName, PurposeName, ThrownBy } from './codes.js';
export { ERROR_CODES } from './codes.js';
import type { AcceptedTrustList, CccdCard, Mrz, QrCode, TrustListSummary, VerifiedSdJwtVc, VerifiedDeviceResponse, VerifiedMdoc, VerifiedCredentialResponse } from './types.js';
/** The result types are generated from the Rust wire types (`make codes`, src/wire.rs). */
export type {
  AcceptedTrustList,
  CardName,
  CccdCard,
  Expiry,
  Finding,
  FindingOf,
  IdNumber,
  Law,
  MdocDocumentError,
  MdocIssuer,
  MdocValidity,
  MdocValue,
  Mrz,
  PartialDate,
  Place,
  Point,
  QrCode,
  Sex,
  VerifiedCredentialResponse,
  VerifiedDeviceResponse,
  VerifiedMdoc,
  VerifiedSdJwtVc,
} from './types.js';

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

/**
 * The error function `F` throws: a {@link CccdVerifyError} over the codes it can raise
 * ({@link ThrownBy}, generated from the error table's `API_ERRORS`), not every code.
 * ```ts
 * try { verifySdJwtVc(p, o); } catch (e) {
 *   if (e instanceof CccdVerifyError) { const err = e as ErrorOf<'verifySdJwtVc'>; … }
 * }
 * ```
 */
export type ErrorOf<F extends keyof ThrownBy> = CccdVerifyError<ThrownBy[F]>;

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
 *
 * The modules are shared by every entry of the page: a module loaded by any entry's `init()` (or
 * by the scanner, or `cccd-verify/verify/worker`) serves all of them, and each `.wasm` is fetched
 * and compiled once per page. A file that cannot be fetched or compiled rejects with
 * `ERR_WASM_LOAD` (`params.url`), a CSP without `'wasm-unsafe-eval'` with `ERR_WASM_BLOCKED`; a
 * later call tries again. The async APIs load implicitly: {@link verifySdJwtVcAsync},
 * `cccd-verify/verify/worker`, and the scanner of `cccd-verify/scan`. docs/deployment.md.
 */
export declare function init(options?: InitOptions): Promise<CccdApi>;

/**
 * What {@link init} resolves to: this entry's functions and classes, ready to call —
 * `const { parseCccd } = await init()` cannot run before the module is loaded. (A function of a
 * capability that was not asked for in `capabilities` still throws `ERR_NOT_INITIALIZED`.)
 */
export type CccdApi = Omit<typeof import('./index.js'), 'init'>;

/**
 * The time a `now` option is, the same for every function (`undefined`: the current time):
 * - a `Date` (not an invalid one);
 * - an RFC 3339 date-time with any offset, `'2026-12-04T09:30:00+07:00'`, `'2026-12-04T02:30:00Z'`
 *   (`T` and `Z` in either case; a fraction of a second is rounded down; no leap second `:60`);
 * - Unix seconds, a number (a fraction is rounded down);
 * - a calendar date `'YYYY-MM-DD'`, **only where a date is enough** — the card checks of
 *   {@link parseCccd}, {@link scanCccd} and the scanner (expiry, birth year): that day in
 *   Vietnam. Where an instant is needed (tokens, certificates, lists, chips, requests) a date
 *   alone is a `TypeError`: it has no time of day, and an `exp` is to the second.
 *
 * Card checks read an instant as the date in Vietnam at that instant (UTC+7, `Asia/Ho_Chi_Minh`,
 * no daylight saving): `'2026-12-04T17:00:00Z'` is 5 December. Instants are limited to
 * `0001-01-01T00:00:00Z` … `9999-12-31T23:59:59Z`. Anything else — an invalid `Date`, `NaN`, an
 * empty or other string (`'1796351400'`, `'Fri, 04 Dec 2026'`), `null`, a bigint — is a
 * `TypeError` naming the option.
 */
export type NowInput = Date | number | string;

/** Options of {@link parseCccd}. */
export interface ParseOptions {
  /**
   * "Today", for expiry and date checks: a {@link NowInput}, a date `YYYY-MM-DD` included; an
   * instant is read as its date in Vietnam (UTC+7). Default: the current date in Vietnam.
   */
  now?: NowInput;
  /** Language of error and finding messages. Default `'en'`. */
  lang?: Lang;
  /** The card's TD1 MRZ (3 × 30 characters) to cross-check against the QR. */
  mrz?: string;
}

/**
 * Reads a CCCD / Căn cước QR payload (text, or the raw bytes as UTF-8) into a typed card and
 * checks it: ID number structure against date of birth and sex, dates against `now`, computed
 * expiry, and the MRZ when given. Inconsistencies are `card.findings`; input that is not a
 * readable payload throws {@link CccdVerifyError}. Wrong argument types throw `TypeError`.
 *
 * @throws {@link ErrorOf}`<'parseCccd'>`: throws a `CccdVerifyError` whose code is one of `ThrownBy['parseCccd']`.
 */
export declare function parseCccd(input: string | Uint8Array, options?: ParseOptions): CccdCard;

/**
 * Parses a TD1 MRZ (three lines of 30, or one run of 90) and checks all five check digits.
 *
 * @throws {@link ErrorOf}`<'parseMrz'>`: throws a `CccdVerifyError` whose code is one of `ThrownBy['parseMrz']`.
 */
export declare function parseMrz(text: string, options?: { lang?: Lang }): Mrz;

/** How closely two names match, strictest first. */
export type NameMatch = 'exact' | 'equivalent' | 'without-diacritics' | 'different';

/**
 * Compares two names: `exact` (same after NFC and whitespace), `equivalent` (case and tone-mark
 * placement such as Hòa/Hoà), `without-diacritics` (only equal with all marks removed, Đ → D).
 * Names, here and in `foldName` and `icaoTransliterate`, are at most 1024 UTF-8 bytes; a longer
 * one throws `CccdVerifyError` `ERR_INPUT_TOO_LARGE` (`params.len`, `params.max`).
 *
 * @throws {@link ErrorOf}`<'compareNames'>`: throws a `CccdVerifyError` whose code is one of `ThrownBy['compareNames']`.
 */
export declare function compareNames(a: string, b: string): NameMatch;

/**
 * Lower case, no diacritics, `đ` → `d`, whitespace collapsed: `"ĐẶNG Thị Đào"` → `"dang thi dao"`.
 *
 * @throws {@link ErrorOf}`<'foldName'>`: throws a `CccdVerifyError` whose code is one of `ThrownBy['foldName']`.
 */
export declare function foldName(name: string): string;

/**
 * ICAO 9303 transliteration to the MRZ alphabet: `"Đỗ Thị Ánh"` → `"DO<THI<ANH"`.
 *
 * @throws {@link ErrorOf}`<'icaoTransliterate'>`: throws a `CccdVerifyError` whose code is one of `ThrownBy['icaoTransliterate']`.
 */
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

/**
 * Finds and decodes every QR code in an image (in `'thorough'` mode, up to 256 codes per image —
 * a sheet of 200 small codes is read whole; `'fast'` mode stops at the first code). Returns `[]`
 * when none is readable. Throws
 * {@link CccdVerifyError} `ERR_IMAGE_FORMAT`, `ERR_IMAGE_TOO_LARGE` or `ERR_IMAGE_DECODE` for bad
 * images, `TypeError` for wrong arguments. Survives decoder crashes inside the module.
 *
 * @throws {@link ErrorOf}`<'decodeQr'>`: throws a `CccdVerifyError` whose code is one of `ThrownBy['decodeQr']`.
 */
export declare function decodeQr(image: ImageInput, options?: DecodeOptions): QrCode[];

/** Options of {@link scanCccd}. */
export interface ScanOptions extends DecodeOptions {
  /** As in {@link ParseOptions}: a {@link NowInput}, a date `YYYY-MM-DD` included. */
  now?: NowInput;
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
 *
 * @throws {@link ErrorOf}`<'scanCccd'>`: throws a `CccdVerifyError` whose code is one of `ThrownBy['scanCccd']`.
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

/** Options of {@link loadTrustList}. */
export interface LoadTrustListOptions {
  /** The certificates (PEM or DER) you pin for the list operator; the list's `x5c` must chain to one. */
  signers: (string | Uint8Array)[];
  /** The list you accepted before, or null the first time. A lower sequence, or the same sequence with other bytes, is rejected. */
  accepted?: AcceptedTrustList | null;
  /** Past `NextUpdate`: `'hard'` (default) rejects, `'warn'` accepts with `stale: true`, `{ graceSeconds }` accepts for that long. */
  stale?: 'hard' | 'warn' | { graceSeconds: number };
  /** Time of verification, a {@link NowInput} (not a date alone). Default: now. */
  now?: NowInput;
  /** Tolerated clock skew for a list issued in the future, seconds. Default 60. */
  leewaySeconds?: number;
  lang?: Lang;
}

/**
 * A verified signed trust list (docs/trust-list.md). Use it as `trust` in {@link verifySdJwtVc}.
 * Its read-only fields are {@link TrustListSummary}'s.
 */
export declare class TrustList {
  private constructor();
}
export interface TrustList extends Readonly<TrustListSummary> {}

/**
 * Verifies a signed trust list (compact JWS) against the pinned signer certificates.
 *
 * @throws {@link ErrorOf}`<'loadTrustList'>`: throws a `CccdVerifyError` whose code is one of `ThrownBy['loadTrustList']`.
 */
export declare function loadTrustList(jws: string, options: LoadTrustListOptions): TrustList;

/**
 * The status policy of a verification (the same for mdoc status when it lands):
 * - `'enforce'` (default): a credential its status list gives any status but valid throws —
 *   `ERR_STATUS_REVOKED`, `ERR_STATUS_SUSPENDED`, `ERR_STATUS_NOT_VALID`; a credential whose list
 *   you did not pass is returned with `status: { checked: false, reason: 'no-list-supplied' }`;
 * - `'required'`: as `'enforce'`, and that case throws `ERR_STATUS_LIST_MISSING` (`params.uri`
 *   names the list to fetch);
 * - `'report'`: never throws for a status; you must read `status.verdict` yourself.
 */
export type StatusPolicy = 'enforce' | 'required' | 'report';

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
   * `status` in the result. Their signers must chain to `trust.statusAnchors` (or the trust
   * list's status-list signers), else `ERR_STATUS_LIST_ANCHOR_MISSING` naming the list.
   */
  statusLists?: string[];
  /** What the credential's status may be (fail closed by default): see {@link StatusPolicy}. */
  status?: StatusPolicy;
  /**
   * Required, so that key binding is a decision and never inferred from the token: the
   * expectation, or `null` to verify a presentation without key binding (and refuse one with it).
   */
  keyBinding: KeyBindingExpectation | null;
  /** Time of verification, a {@link NowInput} (not a date alone). Default: now. */
  now?: NowInput;
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

/**
 * A {@link VerifiedSdJwtVc} whose `claims` have the shape `C` you give for its `vct`
 * (`verifySdJwtVc<PidClaims>(…)`). The type is your statement of the credential type's schema,
 * not a check: read optional claims as possibly absent.
 */
export type VerifiedSdJwtVcOf<C extends object = Record<string, unknown>> = Omit<VerifiedSdJwtVc, 'claims'> & {
  /** The processed payload, typed as `C`: disclosed claims in place, `_sd` and `_sd_alg` removed. */
  claims: C & Record<string, unknown>;
};

/**
 * Verifies an SD-JWT VC presentation offline: the `x5c` chain to one of `trust.anchors`, the
 * issuer signature, every RFC 9901 disclosure rule, validity claims and — when required — the
 * holder's key binding to `nonce` and `audience`. Throws {@link CccdVerifyError} with the reason.
 *
 * @throws {@link ErrorOf}`<'verifySdJwtVc'>`: throws a `CccdVerifyError` whose code is one of `ThrownBy['verifySdJwtVc']`.
 */
export declare function verifySdJwtVc<C extends object = Record<string, unknown>>(presentation: string, options: VerifySdJwtVcOptions): VerifiedSdJwtVcOf<C>;

/**
 * {@link verifySdJwtVc}, asynchronously: in browsers the ECDSA P-256/P-384 signatures are checked
 * with WebCrypto (the Rust code checks everything else, and any signature WebCrypto cannot), in
 * Node with node:crypto as the synchronous form already does. Same options, result and errors.
 * It loads the `verify` module itself on first use: no `init()` needed.
 *
 * @throws {@link ErrorOf}`<'verifySdJwtVcAsync'>`: rejects with a `CccdVerifyError` whose code is one of `ThrownBy['verifySdJwtVcAsync']`.
 */
export declare function verifySdJwtVcAsync<C extends object = Record<string, unknown>>(presentation: string, options: VerifySdJwtVcOptions): Promise<VerifiedSdJwtVcOf<C>>;

/** The rollback state of a VICAL: store it and pass it as `accepted` to the next {@link loadVical}. */
export interface AcceptedVical {
  /** `vicalIssueID` (0 when the list has none). */
  issueId: number;
  /** SHA-256 of the signed payload, base64url. */
  digest: string;
}

/** What a verified VICAL says (the fields of a {@link Vical}). */
export interface VicalSummary {
  version: string;
  /** `vicalProvider`. */
  provider: string;
  /** `date`, Unix seconds. */
  date: number;
  /** `vicalIssueID`, or null. */
  issueId: number | null;
  /** `nextUpdate`, Unix seconds, or null. */
  nextUpdate: number | null;
  /** Past `nextUpdate` and accepted by the stale policy. */
  stale: boolean;
  accepted: AcceptedVical;
  /** The signer certificate's subject. */
  signer: string;
  /** Entries this build cannot use as anchors, with the reason as an error code. */
  skipped: { index: number; code: ErrorCode }[];
  /** The IACAs and the docTypes each may issue. */
  entries: { subject: string; fingerprint: string; docTypes: string[]; issuingCountry: string | null; issuingAuthority: string | null; stateOrProvince: string | null }[];
}

/** Options of {@link loadVical}. */
export interface LoadVicalOptions {
  /** The root certificates (PEM or DER) you pin for the VICAL signer (EKU 1.0.18013.5.1.8). */
  signers: (string | Uint8Array)[];
  /** The VICAL you accepted before (its `accepted`), or null. A lower `vicalIssueID`, or the same one with other bytes, is rejected. */
  accepted?: AcceptedVical | AcceptedTrustList | null;
  /** Past `nextUpdate`: `'hard'` (default), `'warn'`, or `{ graceSeconds }`. */
  stale?: 'hard' | 'warn' | { graceSeconds: number };
  /** Time of verification, a {@link NowInput} (not a date alone). Default: now. */
  now?: NowInput;
  /** Tolerated clock skew for a `date` in the future, seconds. Default 60. */
  leewaySeconds?: number;
  lang?: Lang;
}

/** A verified ISO 18013-5 VICAL. Use it as `trust` (or `trust.vical`) in {@link verifyMdoc}. */
export declare class Vical {
  private constructor();
}
export interface Vical extends Readonly<VicalSummary> {}

/**
 * Verifies a VICAL (the COSE_Sign1 bytes as published) against the pinned signer roots.
 *
 * @throws {@link ErrorOf}`<'loadVical'>`: throws a `CccdVerifyError` whose code is one of `ThrownBy['loadVical']`.
 */
export declare function loadVical(bytes: Uint8Array | ArrayBuffer, options: LoadVicalOptions): Vical;

/** Bytes, or their base64url text. */
export type BytesLike = Uint8Array | string;

/** How the SessionTranscript of this request is obtained (never from the response). */
export type MdocTranscript =
  /** The SessionTranscript CBOR bytes as you built them (bare or tag-24). */
  | Uint8Array
  /** ISO 18013-7 Annex C (`org-iso-mdoc`): the request's `encryptionInfo` (base64url) and your origin. */
  | { dcapi: { encryptionInfo: string; origin: string } }
  /** OpenID4VP 1.0 over the DC API; `jwkThumbprint` (32 bytes) for encrypted responses. */
  | { openid4vpDcApi: { origin: string; nonce: string; jwkThumbprint?: BytesLike } }
  /** OpenID4VP 1.0 redirect flows. */
  | { openid4vpRedirect: { clientId: string; nonce: string; jwkThumbprint?: BytesLike; responseUri: string } };

/** Options of {@link verifyMdoc}. */
export interface VerifyMdocOptions {
  /**
   * The IACAs: a {@link Vical} (each IACA for the docTypes its entry lists), a {@link TrustList}
   * (its `mdocIaca` entries), or any of them together with pinned IACA roots (`anchors`) and
   * Document Signer certificates trusted as they are (`pinnedSigners`). An IACA you pin in
   * `anchors` is not restricted by the VICAL.
   */
  trust: Vical | TrustList | { anchors?: (string | Uint8Array)[]; pinnedSigners?: (string | Uint8Array)[]; vical?: Vical; trustList?: TrustList };
  transcript: MdocTranscript;
  /** Time of verification, a {@link NowInput} (not a date alone). Default: now. */
  now?: NowInput;
  /** The docType you asked for (`ERR_MDOC_DOCTYPE_MISMATCH` otherwise). */
  docType?: string;
  /** Your ephemeral P-256 private key (32 bytes), to check a deviceMac (proximity flows). */
  readerKey?: BytesLike;
  /** Accept deviceMac. Default true; pass false for Digital Credentials API flows. */
  allowDeviceMac?: boolean;
  /** Most documents accepted in one response (1–16). Default 1. */
  maxDocuments?: number;
  /** Leave device-signed elements that `keyAuthorizations` does not allow out of the result instead of rejecting. Default false. */
  dropUnauthorizedDeviceElements?: boolean;
  lang?: Lang;
}

/**
 * An mdoc element value in JS: text → string, int → number, big-int → bigint, float → number,
 * bool → boolean, bstr → Uint8Array (an image's MIME type is in `mimeTypes`), full-date →
 * `'YYYY-MM-DD'` (a calendar date, no time zone), tdate → Date (its text if not an RFC 3339 UTC
 * instant), array → array, map → object (a Map when a key is not text), other tags → `{ tag, value }`,
 * simple values → `{ simple }`.
 */
export type MdocClaimValue =
  | string
  | number
  | bigint
  | boolean
  | null
  | undefined
  | Uint8Array
  | Date
  | MdocClaimValue[]
  | { [key: string]: MdocClaimValue }
  | Map<MdocClaimValue, MdocClaimValue>
  | { tag: number; value: MdocClaimValue }
  | { simple: number };

/** A verified mdoc document with its claims as JS values. */
export interface MdocDocument extends Omit<VerifiedMdoc, 'claims' | 'deviceClaims'> {
  /** Issuer-signed elements by namespace and element identifier (every digest checked). */
  claims: Record<string, Record<string, MdocClaimValue>>;
  /** Device-signed elements allowed by `keyAuthorizations`, by namespace. */
  deviceClaims: Record<string, Record<string, MdocClaimValue>>;
  /** The MIME type of each byte-string claim whose content is an image (`portrait`: `image/jpeg`…). */
  mimeTypes: Record<string, Record<string, string>>;
}

/** A verified DeviceResponse. */
export interface VerifiedMdocResponse extends Omit<VerifiedDeviceResponse, 'documents'> {
  documents: MdocDocument[];
}

/**
 * Verifies an ISO 18013-5 DeviceResponse (CBOR bytes, or their base64url text) offline: issuerAuth
 * and the Document Signer's path to an IACA, the MSO (version, digest algorithm, docType, validity,
 * every disclosed digest), device authentication over the SessionTranscript you give. Throws
 * {@link CccdVerifyError} with the code of the rule that failed (docs/mdoc.md).
 *
 * @throws {@link ErrorOf}`<'verifyMdoc'>`: throws a `CccdVerifyError` whose code is one of `ThrownBy['verifyMdoc']`.
 */
export declare function verifyMdoc(response: Uint8Array | ArrayBuffer | string, options: VerifyMdocOptions): VerifiedMdocResponse;

/** A protocol of the W3C Digital Credentials API that {@link createCredentialRequest} speaks. */
export type CredentialProtocol = 'org-iso-mdoc' | 'openid4vp-v1-unsigned';

/** Options of {@link createCredentialRequest} (docs/dcapi.md). */
export interface CredentialRequestOptions {
  /** The protocols offered to the browser, in order of preference (non-empty, no repeats). */
  protocols: CredentialProtocol[];
  /**
   * The mdoc to ask for: its docType and elements (`{ namespace: [element, …] }` or
   * `[[namespace, element], …]`); `intentToRetain` (default false) for every element. Required
   * with `'org-iso-mdoc'`.
   */
  mdoc?: { docType: string; claims: Record<string, string[]> | [string, string][]; intentToRetain?: boolean };
  /** The SD-JWT VC to ask for (OpenID4VP only): its `vct` and claims paths (a string is a one-element path). */
  sdJwt?: { vct: string; claims: (string | (string | number | null)[])[] };
  /** The page's origin (`location.origin`): configured on a server, never taken from a request. */
  origin: string;
  /** The nonce (default: 16 random bytes, base64url). */
  nonce?: string;
  /** When the request is made, a {@link NowInput} (not a date alone), kept in the state for `maxAgeSeconds`. Default: not recorded. */
  now?: NowInput;
  lang?: Lang;
}

/** What `navigator.credentials.get({ digital: request })` takes. */
export interface DigitalCredentialRequest {
  requests: { protocol: CredentialProtocol; data: Record<string, unknown> }[];
}

/** The result of {@link createCredentialRequest}. */
export interface CredentialRequest {
  /** Pass as `navigator.credentials.get({ digital: request })`. */
  request: DigitalCredentialRequest;
  /**
   * The request state, JSON text. **Secret**: it holds the request's ephemeral private keys, the
   * origin and the nonce. Keep it server-side (or in memory in the page), never in URLs, logs or
   * storage other origins can read; use it for one response, then delete it.
   */
  state: string;
}

/**
 * Makes a Digital Credentials API request for an mdoc (`org-iso-mdoc`, ISO 18013-7 Annex C,
 * HPKE-encrypted answer) and/or an mdoc or SD-JWT VC over OpenID4VP (`openid4vp-v1-unsigned`,
 * DCQL, `dc_api.jwt` encrypted answer), with fresh ephemeral keys from `crypto.getRandomValues`.
 * Wrong options are a `TypeError` naming the option.
 */
export declare function createCredentialRequest(options: CredentialRequestOptions): CredentialRequest;

/** Options of {@link verifyCredentialResponse}. */
export interface VerifyCredentialResponseOptions {
  /** The trust for each format the request asked for (required for those). */
  trust: {
    /** As `trust` of {@link verifyMdoc}. */
    mdoc?: VerifyMdocOptions['trust'];
    /** As `trust` of {@link verifySdJwtVc}. */
    sdJwt?: VerifySdJwtVcOptions['trust'];
  };
  /** Further mdoc options (what the state does not decide). */
  mdoc?: Pick<VerifyMdocOptions, 'dropUnauthorizedDeviceElements'>;
  /** Further SD-JWT VC options (what the state does not decide): status lists and policy, algorithms… */
  sdJwt?: Pick<VerifySdJwtVcOptions, 'statusLists' | 'status' | 'algorithms' | 'issuerBinding' | 'acceptLegacyTyp' | 'requiredClaims'>;
  /** Time of verification, a {@link NowInput} (not a date alone). Default: now. */
  now?: NowInput;
  /** Oldest state accepted, seconds after its `now` (when it has one). Default 600, at most 86400. */
  maxAgeSeconds?: number;
  lang?: Lang;
}

/** A verified answer to {@link createCredentialRequest}, whichever protocol and format the wallet used. */
export interface VerifiedCredential extends Omit<VerifiedCredentialResponse, 'mdoc'> {
  /** The verified mdoc with its claims as JS values (format `mso_mdoc`). */
  mdoc?: VerifiedMdocResponse;
}

/**
 * Verifies what `navigator.credentials.get` returned (the `DigitalCredential`, or its
 * `{ protocol, data }`) against the request's `state`: decrypts it with the state's key, binds it
 * to the state's origin and nonce (never the response's), and verifies the mdoc or SD-JWT VC
 * inside. Throws {@link CccdVerifyError} with the rule that failed (docs/dcapi.md).
 */
export declare function verifyCredentialResponse(credential: { protocol: string; data: unknown }, state: string, options: VerifyCredentialResponseOptions): VerifiedCredential;

// ---- ICAO 9303 chips (issue 9 item 7; docs/chip-data.md) ----
import type { ChipIssuer, ChipVerification } from './types.js';
export type {
  ChipAaStatus,
  ChipCaStatus,
  ChipConsistency,
  ChipCrossFinding,
  ChipCsca,
  ChipDataGroup,
  ChipDataGroupStatus,
  ChipDg1,
  ChipDg13,
  ChipDg13Date,
  ChipDg13Finding,
  ChipDg14,
  ChipDocumentSigner,
  ChipFace,
  ChipIssuer,
  ChipIssuerError,
  ChipSod,
  ChipTrustSource,
  ChipVerdict,
  ChipVerification,
} from './types.js';

/** The chip hand-off (`docs/chip-data.md`): EF.SOD and each data group base64, exactly as read. */
export interface ChipDump {
  format: 'icao9303-dump/1';
  /** EF.SOD as read, tag 0x77 included, base64. */
  sod: string;
  /** EF.COM, base64. */
  com?: string;
  /** `DG1` … `DG16`: each as read, outer tag included, base64. */
  dataGroups: Record<string, string>;
  /** The chip's answer to the relying party's challenge. */
  activeAuthentication?: { challenge: string; signature: string };
}

/** Options of {@link verifyChip}. */
export interface VerifyChipOptions {
  /**
   * The CSCAs (and link certificates) the document signer must chain to: pinned certificates, or
   * a CSCA master list with the certificates its signer must chain to (CRLs optional). Without
   * it, or with `{ cscas: [] }` (you have no CSCA: no public one is known to sign CCCD document
   * signers), the data's integrity is still checked and the verdict is `intactIssuerNotVerified`
   * with `issuer.error` null: data intact, issuer not verified. `{}` is a `TypeError`.
   */
  trust?: {
    /** Pinned CSCA certificates; an empty list: no CSCA (see above). */
    cscas?: (string | Uint8Array)[];
    masterList?: string | Uint8Array;
    masterListSigners?: (string | Uint8Array)[];
    /** Refuse a master list signed before this (rollback). */
    minMasterListSignedAt?: NowInput;
    crls?: (string | Uint8Array)[];
  };
  /** Your own Active Authentication challenge (hex or bytes); the dump's must equal it. */
  challenge?: string | Uint8Array;
  /** The card's QR code text, to cross-check with the chip. */
  qr?: string;
  /** The MRZ printed on the card (three lines), to cross-check with DG1. */
  mrz?: string;
  /** Accept SHA-1 (older chips). Default false. */
  allowSha1?: boolean;
  /** When the document signer must be valid. Default `'signingTimeAndNow'`. */
  dscValidity?: 'signingTimeAndNow' | 'signingTime' | 'now';
  /** A document signer certificate for an EF.SOD that carries none. */
  dsc?: string | Uint8Array;
  /** Time of verification, a {@link NowInput} (not a date alone). Default: now. */
  now?: NowInput;
  lang?: Lang;
}

/**
 * Verifies a CCCD chip dump offline (ICAO 9303 passive authentication, Active Authentication with
 * your challenge, DG1/DG2/DG13/DG14/DG15, QR and MRZ cross-checks). A broken signature or hash, a
 * data group outside EF.SOD or a failed Active Authentication throws {@link CccdVerifyError}
 * (`ERR_CHIP_*`); a document signer that does not chain to `trust` is the verdict
 * `intactIssuerNotVerified` with `issuer.error`. In the `verify` module.
 */
export declare function verifyChip(dump: string | ChipDump, options: VerifyChipOptions): VerifiedChip;

/**
 * {@link ChipVerification} as `verifyChip` returns it: `issuer.error` is a {@link CccdVerifyError}
 * (its message in the `lang` you asked for).
 */
export interface VerifiedChip extends Omit<ChipVerification, 'issuer'> {
  /** The document signer's path to a CSCA. */
  issuer: Omit<ChipIssuer, 'error'> & { error: CccdVerifyError | null };
}
// ---- end ICAO 9303 chips ----
