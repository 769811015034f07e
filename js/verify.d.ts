/**
 * cccd-verify/verify — signed credentials only (SD-JWT VC, trust lists, status lists, mdoc, VICALs): its
 * `init()` loads the `verify` wasm module alone, never the QR decoder.
 * @packageDocumentation
 */
import type { WasmSource } from './index.js';

export type {
  AcceptedTrustList,
  AcceptedVical,
  BytesLike,
  CredentialProtocol,
  CredentialRequest,
  CredentialRequestOptions,
  DigitalCredentialRequest,
  ErrorCode,
  ErrorOf,
  KeyBindingExpectation,
  Lang,
  LoadTrustListOptions,
  LoadVicalOptions,
  MdocClaimValue,
  MdocDocument,
  MdocTranscript,
  NowInput,
  StatusPolicy,
  VerifiedCredential,
  VerifiedCredentialResponse,
  ThrownBy,
  VerifiedMdocResponse,
  VerifyCredentialResponseOptions,
  VerifiedSdJwtVc,
  VerifiedSdJwtVcOf,
  VerifyMdocOptions,
  VerifySdJwtVcOptions,
  VicalSummary,
} from './index.js';
export { CccdVerifyError, ERROR_CODES, TrustList, Vical, createCredentialRequest, loadTrustList, loadVical, verifyCredentialResponse, verifyMdoc, verifySdJwtVc, verifySdJwtVcAsync } from './index.js';
// ICAO 9303 chips
export type { ChipDump, ChipVerification, VerifiedChip, VerifyChipOptions } from './index.js';
export { verifyChip } from './index.js';

/** Options of this entry's {@link init}. */
export interface VerifyInitOptions {
  /** Only `['verify']` is offered here (the default). */
  capabilities?: readonly 'verify'[];
  /** Where to load the module from (default: next to the package's JS). */
  wasm?: { verify?: WasmSource };
}

/** Loads the `verify` wasm module. Idempotent; required once before the other functions in browsers. */
export declare function init(options?: VerifyInitOptions): Promise<VerifyApi>;

/** What {@link init} resolves to: this entry's functions and classes, ready to call (`const { verifySdJwtVc } = await init()`). */
export type VerifyApi = Omit<typeof import('./verify.js'), 'init'>;
