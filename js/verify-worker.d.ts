/**
 * cccd-verify/verify/worker — the functions of `cccd-verify/verify`, async, run in a Web Worker in
 * browsers (SD-JWT signatures through WebCrypto where the algorithm allows). Same results, same
 * error codes, messages and params as the synchronous API (errors are re-created as
 * {@link CccdVerifyError}, argument errors as `TypeError`). Loading is implicit: the first call,
 * or {@link preload}, fetches and compiles the `verify` module (once per page, shared with
 * `cccd-verify/verify`) and posts it to the worker. Where no worker can start (a cross-origin
 * script with no CORS, a CSP refusing workers) the calls run on the main thread, still async.
 * In Node the calls run on the calling thread (async), with node:crypto as the synchronous API.
 * @packageDocumentation
 */
import type {
  LoadTrustListOptions,
  LoadVicalOptions,
  TrustList,
  VerifiedMdocResponse,
  VerifiedSdJwtVc,
  VerifyMdocOptions,
  VerifySdJwtVcOptions,
  Vical,
  WasmSource,
} from './index.js';

export { CccdVerifyError, ERROR_CODES, TrustList, Vical } from './index.js';

/** Options of {@link createVerifier}. */
export interface VerifierOptions {
  /** The worker script (default: `verify-thread.js` of the package, as the bundler ships it). */
  workerUrl?: string | URL;
  /** The `verify` module (default: next to the package's JS). */
  wasmUrl?: WasmSource;
  /** `false` runs the calls on the main thread (async). Default true. */
  worker?: boolean;
}

/** The async verification functions, run in one worker. */
export interface Verifier {
  /** `verifySdJwtVc` of `cccd-verify/verify`, in the worker. */
  verifySdJwtVc(presentation: string, options: VerifySdJwtVcOptions): Promise<VerifiedSdJwtVc>;
  /** `verifyMdoc` of `cccd-verify/verify`, in the worker. */
  verifyMdoc(response: Uint8Array | ArrayBuffer | string, options: VerifyMdocOptions): Promise<VerifiedMdocResponse>;
  /** `loadTrustList` of `cccd-verify/verify`, in the worker; the TrustList works with either API. */
  loadTrustList(jws: string, options: LoadTrustListOptions): Promise<TrustList>;
  /** `loadVical` of `cccd-verify/verify`, in the worker; the Vical works with either API. */
  loadVical(bytes: Uint8Array | ArrayBuffer, options: LoadVicalOptions): Promise<Vical>;
  /** Fetches and compiles the module and starts the worker now (before the user acts). */
  preload(): Promise<void>;
  /** True once calls run in a Web Worker; false on the main thread (or in Node). */
  readonly usesWorker: boolean;
  /** Ends the worker; pending calls reject; the next call starts a new one. */
  terminate(): void;
}

/** The names of the functions a {@link Verifier} offers. */
export declare const VERIFY_FUNCTIONS: readonly ['verifySdJwtVc', 'verifyMdoc', 'loadTrustList', 'loadVical'];

/** A verifier with its own worker. */
export declare function createVerifier(options?: VerifierOptions): Verifier;

/** Starts the shared verifier (the one behind the functions below) before the first call. */
export declare function preload(): Promise<void>;
/** {@link Verifier.verifySdJwtVc} of the shared verifier. */
export declare function verifySdJwtVc(presentation: string, options: VerifySdJwtVcOptions): Promise<VerifiedSdJwtVc>;
/** {@link Verifier.verifyMdoc} of the shared verifier. */
export declare function verifyMdoc(response: Uint8Array | ArrayBuffer | string, options: VerifyMdocOptions): Promise<VerifiedMdocResponse>;
/** {@link Verifier.loadTrustList} of the shared verifier. */
export declare function loadTrustList(jws: string, options: LoadTrustListOptions): Promise<TrustList>;
/** {@link Verifier.loadVical} of the shared verifier. */
export declare function loadVical(bytes: Uint8Array | ArrayBuffer, options: LoadVicalOptions): Promise<Vical>;
