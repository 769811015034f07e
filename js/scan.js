// cccd-verify/scan — a camera scanner for CCCD QR codes. Frames are captured on the main thread
// as VideoFrames or ImageBitmaps (no pixel copies there) and decoded in a Web Worker, so the page
// stays responsive. The native BarcodeDetector is an opt-in fast path; our decoder is the default
// and the fallback.
//
// Error channels (one per failure): a call that fails rejects with the error (`start()`,
// `setCamera()`, `scanOnce()`, `preload()`, `setTorch()`, `scanImageFile()`), and nothing is
// emitted for it; a failure while scanning, when no call is waiting (the camera track ended, the
// worker died), is emitted as an `error` event. A start cancelled by `stop()` or an aborted
// `signal` rejects with an `AbortError` DOMException (or the signal's reason), never emitted.
import { CccdVerifyError, nowDay } from './api.js';
import { LOCAL_MESSAGES, HINT_MESSAGES } from './codes.js';
import { recordWorker, workerCandidates, WorkerClient } from './worker-start.js';
import { scanModule } from './load-scan.js';

// The scan-only core, for pages that only scan: same parseCccd as the main entry, smaller wasm.
export { init, parseCccd, CccdVerifyError, ERROR_CODES } from './scan-core.js';

const DEFAULTS = {
  facingMode: 'environment',
  width: 1920,
  height: 1080,
  maxScansPerSecond: 10,
  worker: true,
  barcodeDetector: false,
  mode: 'fast',
  lang: 'en',
};

/** A QR code that is not a CCCD and stays in view is reported once: again only after it has been out of view this long. */
const REJECT_REPEAT_MS = 1500;
/** The same card is reported once while it stays in view. */
const CARD_REPEAT_MS = 3000;
/** A hint stays shown at least this long (unless a card is read), so that it can be read. */
const HINT_MIN_MS = 1500;
/** A hint (or its absence) must be seen in this many consecutive frames before it is shown. */
const HINT_CONFIRM_FRAMES = 2;

/**
 * @internal The throttle of `hint` events: each frame's hint (a `HintCode` from the worker, or
 * null when the frame shows nothing to fix) goes in; out comes the change to show, if any — a
 * code, or null to clear. A hint is shown once it is seen in `confirmFrames` consecutive frames,
 * stays at least `minMs` (a card clears it at once), and is never shown again while it is shown.
 */
export class HintThrottle {
  constructor({ minMs = HINT_MIN_MS, confirmFrames = HINT_CONFIRM_FRAMES } = {}) {
    this.minMs = minMs;
    this.confirmFrames = confirmFrames;
    this.reset();
  }

  reset() {
    this.shown = null;
    this.since = -Infinity;
    this.candidate = undefined;
    this.count = 0;
  }

  /** One frame's hint at time `now` (ms): returns a code or null to show, undefined for no change. */
  frame(code, now) {
    if (code === this.candidate) this.count++;
    else {
      this.candidate = code;
      this.count = 1;
    }
    if (code === this.shown || this.count < this.confirmFrames) return undefined;
    if (this.shown !== null && now - this.since < this.minMs) return undefined;
    this.shown = code;
    this.since = now;
    return code;
  }

  /** A card was read: null when a hint was shown (clear it), else undefined. */
  card() {
    const had = this.shown !== null;
    this.reset();
    return had ? null : undefined;
  }
}

/** Lists video inputs. Labels are empty until the page has camera permission. */
export async function listCameras() {
  const md = globalThis.navigator && navigator.mediaDevices;
  if (!md || !md.enumerateDevices) return [];
  const devices = await md.enumerateDevices();
  return devices
    .filter((d) => d.kind === 'videoinput')
    .map((d) => ({ deviceId: d.deviceId, label: d.label, groupId: d.groupId }));
}

/** True when the browser lists at least one camera (no permission prompt; false where there is no camera API). */
export async function hasCamera() {
  try {
    return (await listCameras()).length > 0;
  } catch {
    return false;
  }
}

/** The scanner's `now` (a `NowInput`, or a function returning one) as the date in Vietnam to check cards against. */
function nowArg(now, name = 'options.now') {
  return typeof now === 'function' ? nowDay(now(), `${name}()`) : nowDay(now, name);
}

/** A JS-made error with the table's message in `lang`. */
function localError(code, lang, params = {}, cause) {
  const m = LOCAL_MESSAGES[code];
  return new CccdVerifyError(code, m[lang] ?? m.en, params, cause === undefined ? undefined : { cause });
}

// getUserMedia's DOMException names (Media Capture and Streams §10, plus legacy Chromium names).
const CAMERA_CODES = {
  NotAllowedError: 'ERR_CAMERA_PERMISSION_DENIED',
  PermissionDeniedError: 'ERR_CAMERA_PERMISSION_DENIED',
  SecurityError: 'ERR_CAMERA_PERMISSION_DENIED',
  NotFoundError: 'ERR_CAMERA_NOT_FOUND',
  DevicesNotFoundError: 'ERR_CAMERA_NOT_FOUND',
  OverconstrainedError: 'ERR_CAMERA_NOT_FOUND',
  ConstraintNotSatisfiedError: 'ERR_CAMERA_NOT_FOUND',
  NotReadableError: 'ERR_CAMERA_IN_USE',
  TrackStartError: 'ERR_CAMERA_IN_USE',
  AbortError: 'ERR_CAMERA_IN_USE',
};

/** A getUserMedia failure as its precise code, the browser's error as `cause` and its name in `params.name`. */
function cameraError(e, lang) {
  if (e instanceof CccdVerifyError) return e;
  const name = (e && e.name) || '';
  return localError(CAMERA_CODES[name] ?? 'ERR_CAMERA_UNAVAILABLE', lang, name ? { name } : {}, e);
}

function abortError(signal, what) {
  if (signal && signal.aborted) return signal.reason ?? new DOMException(`${what} was aborted`, 'AbortError');
  return new DOMException(`${what} was cancelled by stop()`, 'AbortError');
}

function scanError(e, lang) {
  if (e instanceof CccdVerifyError) return e;
  if (e.code === 'ERR_WASM_BLOCKED') return localError('ERR_WASM_BLOCKED', lang);
  return new CccdVerifyError(e.code, e.message, e.params ?? {});
}

function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

/** The decoder's worker as the bundler made it (see `recordWorker`). */
function bundledWorker() {
  return recordWorker(() => new Worker(new URL('./scan-worker.js', import.meta.url), { type: 'module' }));
}

/** A decoder in a worker, with request/response by id. */
class WorkerDecoder extends WorkerClient {
  constructor(worker, lang) {
    super(
      worker,
      // Rejections of a camera frame keep the QR text and what the frame showed beside the error.
      (err, data) => Object.assign(scanError(err, lang), err.text === undefined ? {} : { qrText: err.text }, data.frame ? { frame: data.frame } : {}),
      (message) => new CccdVerifyError('ERR_INTERNAL', message ?? 'the decoder worker failed to load or crashed', {}),
    );
    this.lang = lang;
  }

  terminate() {
    super.terminate(new CccdVerifyError('ERR_INTERNAL', 'scanner stopped', {}));
  }
}

/** Decoding on the calling thread, for environments without module workers. */
class InlineDecoder {
  constructor(module, lang) {
    this.lang = lang;
    this.dead = null;
    this.lib = import('./scan-core.js');
    this.ready = this.lib.then((m) => m.init({ wasm: module }));
  }

  async request(msg) {
    const lib = await this.lib;
    if (msg.type === 'parse') return { card: lib.parseCccd(msg.text, { now: msg.now, lang: msg.lang }) };
    const t0 = performance.now();
    const image = msg.bitmap ? bitmapPixels(msg.bitmap, msg.region) : { data: new Uint8ClampedArray(msg.rgba), width: msg.width, height: msg.height };
    if (msg.type === 'frame' && msg.mode === 'fast') {
      const r = lib.scanFrame(image, { now: msg.now, lang: msg.lang });
      if (!r.error) return { result: r.result, frame: r.frame, ms: performance.now() - t0 };
      throw Object.assign(r.error, r.qr ? { qrText: r.qr.text } : {}, { frame: r.frame });
    }
    if (msg.type === 'frame') {
      const codes = lib.decodeQr(image, { mode: msg.mode, lang: msg.lang });
      if (codes.length === 0) throw new CccdVerifyError('ERR_NO_QR_FOUND', '', {});
      let first;
      for (const qr of codes) {
        try {
          return { result: { card: lib.parseCccd(qr.bytes, { now: msg.now, lang: msg.lang }), qr }, ms: performance.now() - t0 };
        } catch (e) {
          if (!(e instanceof CccdVerifyError)) throw e;
          first ??= Object.assign(e, { qrText: qr.text });
        }
      }
      throw first;
    }
    const result = lib.scanCccd(image, { mode: msg.mode, now: msg.now, lang: msg.lang });
    return { result, ms: performance.now() - t0 };
  }

  terminate() {}
}

function bitmapPixels(bitmap, region) {
  const r = region ?? { x: 0, y: 0, width: bitmap.displayWidth ?? bitmap.width, height: bitmap.displayHeight ?? bitmap.height };
  const canvas = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(r.width, r.height) : Object.assign(document.createElement('canvas'), { width: r.width, height: r.height });
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  ctx.drawImage(bitmap, r.x, r.y, r.width, r.height, 0, 0, r.width, r.height);
  bitmap.close?.();
  return ctx.getImageData(0, 0, r.width, r.height);
}

/**
 * The scan module compiled once per page (shared with `init()` of every entry) and the decoder
 * that runs it: a worker that gets the compiled module posted (no second fetch or compile), else —
 * no worker possible, or every way to start one refused — the main thread.
 */
class Decoder {
  constructor(o) {
    this.lang = o.lang ?? 'en';
    this.impl = null;
    this.terminated = false;
    this.ready = this.#load(o);
  }

  async #load(o) {
    let module;
    try {
      module = await scanModule.compile(o.wasmUrl ?? o.wasm);
    } catch (e) {
      throw e instanceof CccdVerifyError ? localError(e.code, this.lang, e.params, e.cause) : e;
    }
    const useWorker = o.worker !== false && typeof Worker === 'function' && typeof OffscreenCanvas === 'function';
    if (useWorker) {
      for (const spawn of workerCandidates(o.workerUrl, o.workerUrl === undefined ? bundledWorker() : undefined)) {
        if (this.terminated) return;
        let worker;
        try {
          worker = spawn();
        } catch {
          continue; // SecurityError (cross-origin), a Trusted Types or CSP refusal: the next way
        }
        const d = new WorkerDecoder(worker, this.lang);
        try {
          await d.request({ type: 'init', module, lang: this.lang });
        } catch (e) {
          d.terminate();
          if (e instanceof CccdVerifyError && e.code !== 'ERR_INTERNAL') throw e;
          continue;
        }
        if (this.terminated) {
          d.terminate();
          return;
        }
        this.impl = d;
        return;
      }
    }
    const inline = new InlineDecoder(module, this.lang);
    await inline.ready;
    this.impl = inline;
  }

  get dead() {
    return this.impl ? this.impl.dead : null;
  }

  get inWorker() {
    return this.impl instanceof WorkerDecoder;
  }

  request(msg, transfer) {
    if (!this.impl) return Promise.reject(new CccdVerifyError('ERR_INTERNAL', 'the decoder is not loaded', {}));
    return this.impl.request(msg, transfer);
  }

  terminate() {
    this.terminated = true;
    if (this.impl) this.impl.terminate();
  }
}

function makeDecoder(o) {
  return new Decoder(o);
}

/**
 * Scans a CCCD QR code from an image file (an `<input type=file>` File, a Blob) in the browser.
 * Uses the thorough decoder; resolves to `{ card, qr }` or rejects with a `CccdVerifyError`.
 */
export async function scanImageFile(file, options = {}) {
  if (!(typeof Blob === 'function' && file instanceof Blob)) throw new TypeError('file must be a File or Blob');
  const now = nowArg(options.now);
  let bitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch (e) {
    throw new CccdVerifyError('ERR_IMAGE_DECODE', `The file could not be read as an image (${e.name ?? 'Error'}).`, {});
  }
  const decoder = makeDecoder(options);
  try {
    await decoder.ready;
    const r = await decoder.request(
      { type: 'scan', bitmap, region: options.region, mode: 'thorough', now, lang: options.lang ?? 'en' },
      [bitmap],
    );
    return r.result;
  } finally {
    decoder.terminate();
  }
}

/**
 * Continuous camera scanning. Events: `card` ({ card, qr }), `reject` (a QR code was read but is
 * not a readable CCCD payload: { code, message, params, text }; once per code in view), `hint`
 * (guidance for the person holding the card, in fast mode: { code, message } with a `HintCode`
 * — MOVE_CLOSER, HOLD_STILL, REDUCE_GLARE, NO_CODE_IN_VIEW, WRONG_CODE — or code and message
 * null when the hint no longer applies; a hint stays at least 1.5 s, is not repeated while
 * shown, and a card clears it), `error` (a failure while scanning that no call is waiting for:
 * the camera ended, the worker died), `state` ({ state }), `torch` ({ on }).
 *
 * Every call is safe in any order: a second `start()` while one is pending returns the same
 * promise; `stop()` cancels a pending start (it rejects with an `AbortError`) and never leaves a
 * live track; `setCamera()` during a start restarts that start with the new camera.
 */
export class CameraScanner extends EventTarget {
  #gen = 0; // bumped by stop(), a camera switch and a track's end: a stale async step cleans up after itself
  #pending = null; // the deferred of the start in progress
  #wantPaused = false;
  #scheduled = false;
  #torch = false;
  #signal;
  #onAbort;
  #lastReject = null;
  #hints = new HintThrottle();

  constructor(options = {}) {
    super();
    if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
    this.options = { ...DEFAULTS, ...options };
    if (this.options.lang !== 'en' && this.options.lang !== 'vi') throw new TypeError('options.lang must be "en" or "vi"');
    if (!(this.options.maxScansPerSecond > 0)) throw new TypeError('options.maxScansPerSecond must be > 0');
    // A `now` function is called (and its value checked) at each frame; a value is checked here.
    if (typeof this.options.now !== 'function') nowArg(this.options.now);
    const signal = options.signal;
    if (signal !== undefined && !(typeof AbortSignal === 'function' && signal instanceof AbortSignal)) throw new TypeError('options.signal must be an AbortSignal');
    delete this.options.signal;
    this.video = options.video ?? (typeof document !== 'undefined' ? document.createElement('video') : null);
    this.state = 'idle';
    this.stream = null;
    this.decoder = null;
    this.busy = false;
    this.lastScan = 0;
    this.lastCard = null;
    this.detector = null;
    this.useDetectorNext = true;
    /** Timing of the main-thread part of each scanned frame, and of decoding (worker). */
    this.stats = { frames: 0, decoded: 0, maxMainThreadMs: 0, lastDecodeMs: 0, mainThreadMs: [] };
    this.noVideoFrame = this.options.videoFrames === false;
    if (signal) {
      this.#signal = signal;
      this.#onAbort = () => this.stop();
      signal.addEventListener('abort', this.#onAbort, { once: true });
    }
  }

  /** Lists the video inputs (as {@link listCameras}); true when there is at least one: `hasCamera()`. */
  static hasCamera() {
    return hasCamera();
  }

  /**
   * Loads and compiles the scan wasm and starts the worker, without opening the camera: call it
   * before the user clicks so that `start()` only waits for the camera. Rejects with
   * `ERR_WASM_BLOCKED` under a CSP without `'wasm-unsafe-eval'`.
   */
  async preload() {
    await this.#decoderReady();
  }

  #decoderReady() {
    if (this.decoder && this.decoder.dead) {
      this.decoder.terminate();
      this.decoder = null;
    }
    if (!this.decoder) this.decoder = makeDecoder(this.options);
    const decoder = this.decoder;
    return decoder.ready.catch((e) => {
      // A decoder that could not load is dropped, so that a later call tries again.
      if (this.decoder === decoder) {
        decoder.terminate();
        this.decoder = null;
      }
      throw e;
    });
  }

  /** Opens the camera and starts scanning. Safe to call again: joins the start in progress. */
  start() {
    if (this.state === 'scanning' || this.state === 'paused') return Promise.resolve();
    if (this.#pending) return this.#pending.promise;
    if (this.#signal && this.#signal.aborted) return Promise.reject(abortError(this.#signal, 'start()'));
    this.#pending = deferred();
    const { promise } = this.#pending;
    this.#wantPaused = false;
    this.setState('starting');
    this.#open();
    return promise;
  }

  // One attempt at opening the camera, for the start in progress. Superseded (stop(), a camera
  // switch) it releases what it got and settles nothing: whoever superseded it does.
  async #open() {
    const gen = ++this.#gen;
    const o = this.options;
    let stream = null;
    const stale = () => gen !== this.#gen;
    try {
      if (globalThis.isSecureContext === false) throw localError('ERR_INSECURE_CONTEXT', o.lang);
      const md = globalThis.navigator && navigator.mediaDevices;
      if (!md || !md.getUserMedia) throw localError('ERR_CAMERA_UNAVAILABLE', o.lang);
      // The wasm first: a page whose CSP blocks it never opens the camera.
      await this.#decoderReady();
      if (stale()) return;
      const video = { width: { ideal: o.width }, height: { ideal: o.height } };
      if (o.deviceId) video.deviceId = { exact: o.deviceId };
      else video.facingMode = { ideal: o.facingMode };
      try {
        stream = await md.getUserMedia({ audio: false, video });
      } catch (e) {
        throw cameraError(e, o.lang);
      }
      if (stale()) {
        for (const t of stream.getTracks()) t.stop();
        return;
      }
      this.stream = stream;
      this.#torch = false;
      const track = stream.getVideoTracks()[0];
      if (track) track.addEventListener('ended', () => this.#ended(stream), { once: true });
      this.video.srcObject = stream;
      this.video.muted = true;
      this.video.playsInline = true;
      this.video.setAttribute('playsinline', '');
      await this.video.play();
      if (stale()) return;
      if (o.barcodeDetector && 'BarcodeDetector' in globalThis && !this.detector) {
        const formats = await globalThis.BarcodeDetector.getSupportedFormats().catch(() => []);
        if (stale()) return;
        if (formats.includes('qr_code')) this.detector = new globalThis.BarcodeDetector({ formats: ['qr_code'] });
      }
      const d = this.#pending;
      this.#pending = null;
      this.busy = false;
      this.#lastReject = null;
      this.#hints.reset();
      this.setState(this.#wantPaused ? 'paused' : 'scanning');
      this.schedule();
      d?.resolve();
    } catch (e) {
      if (stale()) return;
      this.#gen++;
      if (stream) for (const t of stream.getTracks()) t.stop();
      this.stopTracks();
      const d = this.#pending;
      this.#pending = null;
      this.setState('idle');
      d?.reject(e);
    }
  }

  // The camera's track ended by itself (unplugged, permission revoked, taken by the system).
  // A start in progress rejects with ERR_CAMERA_ENDED; otherwise it is emitted as `error`.
  #ended(stream) {
    if (this.stream !== stream) return;
    this.#gen++;
    this.stopTracks();
    const err = localError('ERR_CAMERA_ENDED', this.options.lang);
    const d = this.#pending;
    this.#pending = null;
    this.setState('idle');
    if (d) d.reject(err);
    else this.emit('error', err);
  }

  /** Stops decoding frames; the camera stays open. */
  pause() {
    if (this.state === 'scanning') this.setState('paused');
    else if (this.state === 'starting') this.#wantPaused = true;
  }

  /** Resumes after `pause()`. */
  resume() {
    if (this.state === 'paused') {
      this.setState('scanning');
      this.schedule();
    } else if (this.state === 'starting') this.#wantPaused = false;
  }

  /**
   * Stops scanning and releases the camera at once (no live track is left, whatever is pending);
   * a pending `start()` rejects with an `AbortError`. The worker stays loaded for the next
   * `start()`; `destroy()` ends it too.
   */
  stop() {
    this.#gen++;
    this.stopTracks();
    this.#hints.reset();
    const d = this.#pending;
    this.#pending = null;
    if (this.state !== 'idle') this.setState('idle');
    if (d) {
      const err = abortError(this.#signal, 'start()');
      d.promise.catch(() => {}); // the caller may not be listening any more (e.g. an unmounted component)
      d.reject(err);
    }
  }

  /** `stop()`, and ends the worker; the scanner can still be started again. */
  destroy() {
    this.stop();
    if (this.decoder) this.decoder.terminate();
    this.decoder = null;
  }

  /**
   * Switches to another camera (`{ deviceId }` or `{ facingMode }`). While scanning (or paused)
   * the new camera is opened at once, keeping the state; during a start, that start goes on
   * with the new camera; when idle, the next `start()` uses it.
   */
  setCamera(camera) {
    if (camera === null || typeof camera !== 'object') return Promise.reject(new TypeError('camera must be { deviceId } or { facingMode }'));
    Object.assign(this.options, { deviceId: undefined }, camera);
    if (this.state === 'idle') return Promise.resolve();
    if (this.state === 'scanning' || this.state === 'paused') {
      this.#wantPaused = this.state === 'paused';
      this.#pending = deferred();
      this.setState('starting');
    }
    const { promise } = this.#pending;
    this.stopTracks();
    this.#open();
    return promise;
  }

  /**
   * Resolves with the first card read (`{ card, qr }`). Starts the camera if the scanner is
   * idle, and then stops it again once done. Rejects with the start's error, an `error` event's
   * error, an `AbortError` when `stop()` is called or `signal` aborts, or `ERR_NO_QR_FOUND`
   * after `timeoutMs` (default: none).
   */
  scanOnce({ signal, timeoutMs } = {}) {
    const owns = this.state === 'idle' && !this.#pending;
    return new Promise((resolve, reject) => {
      let done = false;
      let timer;
      const finish = (fn, value) => {
        if (done) return;
        done = true;
        this.removeEventListener('card', onCard);
        this.removeEventListener('error', onError);
        this.removeEventListener('state', onState);
        signal?.removeEventListener('abort', onAbort);
        clearTimeout(timer);
        if (owns) this.stop();
        fn(value);
      };
      const onCard = (e) => finish(resolve, e.detail);
      const onError = (e) => finish(reject, e.detail);
      // Stopped from outside: an AbortError, unless an `error` event follows at once (it wins).
      const onState = (e) => {
        if (e.detail.state === 'idle') queueMicrotask(() => finish(reject, abortError(undefined, 'scanOnce()')));
      };
      const onAbort = () => finish(reject, abortError(signal, 'scanOnce()'));
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.addEventListener('card', onCard);
      this.addEventListener('error', onError);
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => finish(reject, new CccdVerifyError('ERR_NO_QR_FOUND', this.options.lang === 'vi' ? 'Không đọc được mã QR của thẻ trong thời gian cho phép.' : 'No card QR code was read in time.', {})), timeoutMs);
      }
      this.start().then(
        () => {
          if (!done) this.addEventListener('state', onState);
        },
        (e) => finish(reject, e),
      );
    });
  }

  /** True when frames are decoded in a Web Worker (false: on the main thread). */
  get usesWorker() {
    return Boolean(this.decoder && this.decoder.inWorker);
  }

  /** The current video track, if the camera is open. */
  get track() {
    return this.stream ? this.stream.getVideoTracks()[0] ?? null : null;
  }

  /** True while the torch is on (set by `setTorch`; false after a camera change or `stop()`). */
  get torchOn() {
    return this.#torch;
  }

  /** True when the open camera exposes a torch (flash) control. */
  hasTorch() {
    const t = this.track;
    const caps = t && typeof t.getCapabilities === 'function' ? t.getCapabilities() : {};
    return Boolean(caps.torch);
  }

  /** Turns the torch on or off; rejects with `ERR_TORCH_UNSUPPORTED` when the camera has none. */
  async setTorch(on) {
    if (!this.hasTorch()) throw localError('ERR_TORCH_UNSUPPORTED', this.options.lang);
    const track = this.track;
    await track.applyConstraints({ advanced: [{ torch: Boolean(on) }] });
    if (this.track === track && this.#torch !== Boolean(on)) {
      this.#torch = Boolean(on);
      this.emit('torch', { on: this.#torch });
    }
  }

  stopTracks() {
    if (this.stream) for (const t of this.stream.getTracks()) t.stop();
    this.stream = null;
    if (this.#torch) {
      this.#torch = false;
      this.emit('torch', { on: false });
    }
    if (this.video) this.video.srcObject = null;
  }

  setState(state) {
    this.state = state;
    this.emit('state', { state });
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  schedule() {
    if (this.state !== 'scanning' || this.#scheduled) return;
    this.#scheduled = true;
    const gen = this.#gen;
    const v = this.video;
    const next = () => {
      this.#scheduled = false;
      if (gen === this.#gen) this.onFrame();
      else this.schedule();
    };
    if (typeof v.requestVideoFrameCallback === 'function') v.requestVideoFrameCallback(next);
    else requestAnimationFrame(next);
  }

  region(w, h) {
    const r = this.options.scanRegion;
    if (typeof r === 'function') return r(w, h);
    if (r) return r;
    return { x: 0, y: 0, width: w, height: h };
  }

  onFrame() {
    if (this.state !== 'scanning') return;
    const t0 = performance.now();
    const v = this.video;
    const due = t0 - this.lastScan >= 1000 / this.options.maxScansPerSecond;
    if (this.busy || !due || v.readyState < 2 || !v.videoWidth) {
      this.schedule();
      return;
    }
    const gen = this.#gen;
    this.lastScan = t0;
    this.busy = true;
    this.stats.frames++;
    const useDetector = this.detector && this.useDetectorNext;
    this.useDetectorNext = !this.useDetectorNext;
    const work = useDetector ? this.detectNative(gen) : this.decodeFrame(v, gen);
    const mainMs = performance.now() - t0;
    this.mainSlice(mainMs);
    work
      .catch((e) => {
        // A failure while scanning, with no call waiting for it: emitted. A worker that died
        // stops the scanner; after a wasm trap (restarted in the worker) scanning goes on.
        if (gen !== this.#gen) return;
        // A `now` that is not a NowInput (set later, or returned by its function) stops too.
        if (!this.decoder || this.decoder.dead || e instanceof TypeError) this.stop();
        this.emit('error', e);
      })
      .finally(() => {
        if (gen !== this.#gen) return;
        this.busy = false;
        this.schedule();
      });
  }

  async decodeFrame(video, gen) {
    const now = nowArg(this.options.now);
    const w = video.videoWidth;
    const h = video.videoHeight;
    const r0 = this.region(w, h);
    // Clamp the scan region to the frame; the crop happens off the main thread.
    let x = Math.max(0, Math.min(w - 1, Math.round(r0.x)));
    let y = Math.max(0, Math.min(h - 1, Math.round(r0.y)));
    const width = Math.max(1, Math.min(w - x, Math.round(r0.width)));
    const height = Math.max(1, Math.min(h - y, Math.round(r0.height)));
    // A VideoFrame references the decoded frame without copying it on this thread (transferred
    // to the worker, which draws it); elsewhere createImageBitmap does the crop and copy.
    const t = performance.now();
    let bitmap;
    if (typeof VideoFrame === 'function' && this.usesWorker && !this.noVideoFrame) {
      const even = (v) => v - (v % 2);
      const rect = { x: even(x), y: even(y), width: Math.max(2, even(width)), height: Math.max(2, even(height)) };
      try {
        bitmap = new VideoFrame(video, { visibleRect: rect });
        x = rect.x;
        y = rect.y;
      } catch {
        bitmap = undefined;
      }
    }
    let r;
    try {
      if (!bitmap) bitmap = await createImageBitmap(video, x, y, width, height);
      if (gen !== this.#gen) {
        bitmap.close?.();
        return;
      }
      const t1 = performance.now();
      const pending = this.decoder.request(
        { type: 'frame', bitmap, mode: this.options.mode, now, lang: this.options.lang },
        [bitmap],
      );
      this.mainSlice(performance.now() - t1);
      if (bitmap instanceof (globalThis.VideoFrame ?? class {})) this.mainSlice(t1 - t);
      r = await pending;
    } catch (e) {
      if (gen !== this.#gen || this.state !== 'scanning') return;
      if (e.frame) this.#hint(e.frame.hint ?? null);
      // No code in this frame (or a frame too busy to search fully): the next frame may have one.
      if (e.code === 'ERR_NO_QR_FOUND' || e.code === 'ERR_IMAGE_TOO_COMPLEX') return;
      // A browser that makes VideoFrames but cannot draw them in a worker: use ImageBitmaps.
      if (e.code === 'ERR_INTERNAL' && typeof VideoFrame === 'function' && bitmap instanceof VideoFrame && !this.noVideoFrame && !this.decoder?.dead) {
        this.noVideoFrame = true;
        return;
      }
      if (e.code && e.code !== 'ERR_INTERNAL') {
        this.rejected({ code: e.code, message: e.message, params: e.params ?? {}, text: e.qrText ?? null });
        return;
      }
      throw e;
    } finally {
      this.stats.lastDecodeMs = performance.now() - t;
    }
    if (gen === this.#gen && this.state === 'scanning') {
      // Corners come back relative to the crop: moved to the video's pixels.
      const corners = r.result.qr.corners.map((p) => ({ x: p.x + x, y: p.y + y }));
      this.found({ card: r.result.card, qr: { ...r.result.qr, corners } });
    }
  }

  async detectNative(gen) {
    const codes = await this.detector.detect(this.video).catch(() => []);
    if (gen !== this.#gen) return;
    const code = codes.find((c) => c.format === 'qr_code');
    if (!code) return;
    try {
      const r = await this.decoder.request({ type: 'parse', text: code.rawValue, now: nowArg(this.options.now), lang: this.options.lang });
      if (gen !== this.#gen) return;
      const corners = code.cornerPoints.map((p) => ({ x: p.x, y: p.y }));
      this.found({ card: r.card, qr: { text: code.rawValue, bytes: new TextEncoder().encode(code.rawValue), charset: 'utf-8', charsetGuessed: true, corners, version: 0, ecLevel: 'M', attempt: 'barcode-detector' } });
    } catch (e) {
      if (gen !== this.#gen) return;
      if (!e.code || e.code === 'ERR_INTERNAL') throw e;
      this.rejected({ code: e.code, message: e.message, params: e.params ?? {}, text: code.rawValue });
    }
  }

  // Records one main-thread slice. The first frame's slices carry one-time setup (the first
  // frame grab, the worker's first message) and are kept in the list but not in the maximum.
  mainSlice(ms) {
    const s = this.stats;
    if (s.mainThreadMs.length < 200) s.mainThreadMs.push(Number(ms.toFixed(2)));
    if (s.frames > 1) s.maxMainThreadMs = Math.max(s.maxMainThreadMs, ms);
  }

  // A QR code that is not a card: reported once while it stays in view (the same text and code
  // seen again within REJECT_REPEAT_MS of the last sighting is not reported again).
  rejected(detail) {
    const now = performance.now();
    const key = `${detail.code}\u0000${detail.text}`;
    const last = this.#lastReject;
    this.#lastReject = { key, at: now };
    if (last && last.key === key && now - last.at < REJECT_REPEAT_MS) return;
    this.emit('reject', detail);
  }

  // One frame's hint through the throttle; a change is emitted as `hint`.
  #hint(code) {
    const out = this.#hints.frame(code, performance.now());
    if (out !== undefined) this.#emitHint(out);
  }

  #emitHint(code) {
    const m = code === null ? null : HINT_MESSAGES[code];
    this.emit('hint', { code, message: m ? m[this.options.lang] ?? m.en : null });
  }

  found(result) {
    this.stats.decoded++;
    this.#lastReject = null;
    if (this.#hints.card() === null) this.#emitHint(null);
    const key = result.qr.text;
    if (this.lastCard && this.lastCard.key === key && performance.now() - this.lastCard.at < CARD_REPEAT_MS) return;
    this.lastCard = { key, at: performance.now() };
    this.emit('card', result);
  }
}
