/**
 * cccd-verify/scan — camera and image-file scanning of CCCD / Căn cước QR codes in the browser.
 * Decoding runs in a Web Worker; the page's main thread only captures frames.
 * @packageDocumentation
 */
import type { CccdCard, CccdVerifyError, ErrorCode, ErrorOf, Lang, NowInput, ParseOptions, QrCode, ScanResult, ThrownBy, WasmSource } from './index.js';
import type { HintCode } from './codes.js';
export type { HintCode } from './codes.js';

/** Options of this entry's {@link init}. */
export interface ScanInitOptions {
  /** `['scan']` by default; add `'image'` to decode PNG/JPEG bytes with `decodeQr`/`scanCccd`. */
  capabilities?: readonly ('scan' | 'image')[];
  /** Where to load the modules from (default: next to the package's JS); a bare source names `scan`. */
  wasm?: WasmSource | { scan?: WasmSource; image?: WasmSource };
}

/**
 * Loads this entry's `scan` wasm module (QR decoding and the card parser, never the verification
 * code). Only needed for {@link parseCccd} here: the scanner loads it in its worker.
 */
export declare function init(options?: ScanInitOptions): Promise<ScanApi>;

/** What {@link init} resolves to: the functions that need the module, ready to call (`const { parseCccd } = await init()`). */
export interface ScanApi {
  parseCccd: typeof parseCccd;
  /** As the main entry's `decodeQr` (PNG/JPEG bytes need `capabilities: ['scan', 'image']`). */
  decodeQr: typeof import('./index.js').decodeQr;
  /** As the main entry's `scanCccd`. */
  scanCccd: typeof import('./index.js').scanCccd;
  CccdVerifyError: typeof import('./index.js').CccdVerifyError;
  ERROR_CODES: typeof import('./index.js').ERROR_CODES;
}

/** The card parser of the main entry, from the scan-only build (call `await init()` first). */
export declare function parseCccd(input: string | Uint8Array, options?: ParseOptions): CccdCard;

/** A camera as `enumerateDevices` lists it (labels are empty before permission is granted). */
export interface CameraInfo {
  deviceId: string;
  label: string;
  groupId: string;
}

/** Lists the video inputs. */
export declare function listCameras(): Promise<CameraInfo[]>;

/** True when the browser lists at least one camera (no permission prompt; false without a camera API). */
export declare function hasCamera(): Promise<boolean>;

/** A rectangle in video pixels. */
export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Options of {@link CameraScanner}. */
export interface CameraScannerOptions {
  /** Where the camera preview plays. Default: a new, detached `<video>` (`scanner.video`). */
  video?: HTMLVideoElement;
  /** Camera choice by facing mode (default `'environment'`, the back camera)… */
  facingMode?: 'environment' | 'user';
  /** …or by device id (from {@link listCameras}); wins over `facingMode`. */
  deviceId?: string;
  /** Ideal capture size. Default 1920×1080: more pixels per QR module reads small codes. */
  width?: number;
  height?: number;
  /** Only this part of the frame is decoded: a rectangle, or a function of the frame size. */
  scanRegion?: Region | ((width: number, height: number) => Region);
  /** Frame-rate cap for decoding (frames are skipped while a decode is running). Default 10. */
  maxScansPerSecond?: number;
  /** Decode in a Web Worker (default true; falls back to the main thread where unavailable). */
  worker?: boolean;
  /**
   * Hand frames to the worker as `VideoFrame`s where the browser can (no pixel copy on the main
   * thread). `false` always uses `createImageBitmap`. Default true; falls back by itself.
   */
  videoFrames?: boolean;
  /** Opt in to the browser's native `BarcodeDetector`, alternating with our decoder. Default false. */
  barcodeDetector?: boolean;
  /** Decoder effort per frame. Default `'fast'`. */
  mode?: 'fast' | 'thorough';
  /** Message language. Default `'en'`. */
  lang?: Lang;
  /**
   * "Today" for expiry checks: a {@link NowInput} (a date `YYYY-MM-DD` included; an instant is its
   * date in Vietnam), or a function returning one, called at each frame. Default: today in
   * Vietnam. A value that is not a `NowInput` throws a `TypeError` here; one set later or
   * returned by the function stops the scanner with that `TypeError` as an `error` event.
   */
  now?: NowInput | (() => NowInput);
  /** Override where the wasm is loaded from (as `init({ wasm })`); `wasmUrl` is the same option. */
  wasm?: URL | string;
  /**
   * The scan module's URL (default: `wasm-scan/cccd_verify_bg.wasm` next to the package's JS, as
   * the bundler ships it). Fetched and compiled once per page, shared with `init()`, and posted
   * to the worker compiled.
   */
  wasmUrl?: URL | string;
  /**
   * The decoder worker's script (default: the package's `scan-worker.js`, as the bundler ships
   * it). A script on another origin (a CDN) is started through a same-origin blob: worker that
   * imports it (it needs CORS, and `worker-src` allowing `blob:`); where no worker can start,
   * decoding runs on the main thread (`usesWorker` is false). docs/deployment.md.
   */
  workerUrl?: URL | string;
  /** Aborting it stops the scanner (as `stop()`); `start()` after that rejects with its reason. */
  signal?: AbortSignal;
}

/** The scanner's state. `starting`: waiting for the wasm, the permission prompt or the camera. */
export type ScannerState = 'idle' | 'starting' | 'scanning' | 'paused';

/**
 * Codes `start()` and `setCamera()` reject with (besides an `AbortError` DOMException), from the
 * error table (`ThrownBy['CameraScanner.start']`); `scanOnce()` adds `ERR_NO_QR_FOUND` and the
 * card codes ({@link ThrownBy}).
 */
export type CameraErrorCode = ThrownBy['CameraScanner.start'];

/** A QR code that was read but is not a CCCD payload, with its text. */
export interface ScanReject {
  code: ErrorCode;
  /** In the scanner's `lang`. */
  message: string;
  params: Record<string, unknown>;
  /** The QR code's text (null from the native BarcodeDetector when it gave none). */
  text: string | null;
}

/**
 * Guidance for the person holding the card (`hint` events, `mode: 'fast'`): a {@link HintCode}
 * and its message in the scanner's `lang`, or both null when the last hint no longer applies.
 * A hint is shown once two consecutive frames agree, stays at least 1.5 s (a card clears it at
 * once) and is not emitted again while it is shown, so a page can show each one as it comes.
 */
export type ScanHint = { code: HintCode; message: string } | { code: null; message: null };

/**
 * Events. `card`: a CCCD was read (once while it stays in view). `reject`: a QR code was read
 * but it is not a CCCD payload (once while it stays in view). `hint`: what to do for the card
 * to be read (too far, blurred, glare, no code, another QR code), or null when it no longer
 * applies ({@link ScanHint}). `error`: a failure while scanning
 * that no call is waiting for (`ERR_CAMERA_ENDED`, `ERR_INTERNAL`) — a call that fails rejects
 * instead, and is never also emitted. `state`: every state change. `torch`: the torch went on/off.
 */
export interface CameraScannerEventMap {
  card: CustomEvent<ScanResult>;
  reject: CustomEvent<ScanReject>;
  hint: CustomEvent<ScanHint>;
  error: CustomEvent<CccdVerifyError>;
  state: CustomEvent<{ state: ScannerState }>;
  torch: CustomEvent<{ on: boolean }>;
}

/**
 * Events of the `<cccd-scanner>` element (`cccd-verify/scan/element`); they bubble and cross the
 * shadow boundary. `card`: a card was read from the camera or a photo (cancelable: calling
 * `preventDefault()` keeps the camera scanning). `reject`: a QR code that is not a CCCD payload
 * (once while in view). `hint`: the scanner's guidance, which the element also shows in its live
 * region ({@link ScanHint}). `error`: the camera could not start or stopped (the element shows a
 * screen saying what to do next), or a photo had no readable card.
 */
export interface CccdScannerElementEventMap {
  card: CustomEvent<ScanResult>;
  reject: CustomEvent<ScanReject>;
  hint: CustomEvent<ScanHint>;
  error: CustomEvent<CccdVerifyError>;
}

/** Options of {@link CameraScanner.scanOnce}. */
export interface ScanOnceOptions {
  /** Aborting rejects the promise with the signal's reason (and stops the camera if `scanOnce` started it). */
  signal?: AbortSignal;
  /** Rejects with `ERR_NO_QR_FOUND` after this many milliseconds without a card. Default: no limit. */
  timeoutMs?: number;
}

/** An `EventTarget` whose listener methods the subclass types by event name (an unknown name does not compile). */
declare const TypedEventTarget: {
  new (): Omit<EventTarget, 'addEventListener' | 'removeEventListener'>;
};

/** Continuous camera scanning with typed events (an `EventTarget`). */
export declare class CameraScanner extends TypedEventTarget {
  constructor(options?: CameraScannerOptions);
  readonly options: CameraScannerOptions;
  /** The preview element. */
  readonly video: HTMLVideoElement;
  readonly state: ScannerState;
  /** True when frames are decoded in a Web Worker. */
  readonly usesWorker: boolean;
  /** The open camera track, or null. */
  readonly track: MediaStreamTrack | null;
  /**
   * Frames sent for decoding, cards found, the longest main-thread slice one frame cost after the
   * first frame (ms), the last decode time in the worker, and every main-thread slice (up to 200).
   */
  readonly stats: { frames: number; decoded: number; maxMainThreadMs: number; lastDecodeMs: number; mainThreadMs: number[] };
  /** True while the torch is on (false after a camera change or `stop()`). */
  readonly torchOn: boolean;
  /** True when the browser lists at least one camera. */
  static hasCamera(): Promise<boolean>;
  /**
   * Loads and compiles the wasm and starts the worker without opening the camera (call it before
   * the click). Rejects with `ERR_WASM_BLOCKED` under a CSP without `'wasm-unsafe-eval'`.
   */
  preload(): Promise<void>;
  /**
   * Opens the camera (the wasm first: a blocked wasm never opens it) and starts scanning. A call
   * while a start is pending returns the same promise. Rejects with a {@link CameraErrorCode}
   * `CccdVerifyError`, or an `AbortError` DOMException when `stop()` (or the signal) cancels it.
   */
  start(): Promise<void>;
  pause(): void;
  resume(): void;
  /** Releases the camera at once (no live track remains) and cancels a pending start. The worker stays loaded. */
  stop(): void;
  /** `stop()`, and ends the worker. */
  destroy(): void;
  /** Switches camera; while scanning, reopens at once; during a start, that start uses the new camera. */
  setCamera(camera: { deviceId: string } | { facingMode: 'environment' | 'user' }): Promise<void>;
  /** The first card read; starts (and afterwards stops) the camera if the scanner was idle. */
  scanOnce(options?: ScanOnceOptions): Promise<ScanResult>;
  hasTorch(): boolean;
  /** Rejects with `ERR_TORCH_UNSUPPORTED` when the open camera has no torch. */
  setTorch(on: boolean): Promise<void>;
  addEventListener<K extends keyof CameraScannerEventMap>(type: K, listener: (ev: CameraScannerEventMap[K]) => void, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof CameraScannerEventMap>(type: K, listener: (ev: CameraScannerEventMap[K]) => void, options?: boolean | EventListenerOptions): void;
}

/** Options of {@link scanImageFile}. */
export interface ScanFileOptions {
  lang?: Lang;
  /** As {@link CameraScannerOptions.now}, without the function: rejects with a `TypeError` when it is not a `NowInput`. */
  now?: NowInput;
  /** Only this part of the image is decoded. */
  region?: Region;
  /** Decode in a Web Worker (default true). */
  worker?: boolean;
  wasm?: URL | string;
  /** As {@link CameraScannerOptions.wasmUrl}. */
  wasmUrl?: URL | string;
  /** As {@link CameraScannerOptions.workerUrl}. */
  workerUrl?: URL | string;
}

/**
 * Reads the CCCD QR code in an image file (e.g. from `<input type="file" accept="image/*">`).
 * @throws {@link ErrorOf}`<'scanImageFile'>`: rejects with a `CccdVerifyError` whose code is one of `ThrownBy['scanImageFile']`.
 */
export declare function scanImageFile(file: Blob, options?: ScanFileOptions): Promise<ScanResult>;

export type { CccdCard, NowInput, QrCode, ScanResult };
/** The error class of every entry (the same class: `instanceof` works across entries). */
export { CccdVerifyError, ERROR_CODES } from './index.js';
