// cccd-verify/scan — a camera scanner for CCCD QR codes. Frames are captured on the main thread
// as ImageBitmaps (asynchronous, no pixel copies there) and decoded in a Web Worker, so the page
// stays responsive. The native BarcodeDetector is an opt-in fast path; our decoder is the default
// and the fallback.
import { CccdVerifyError } from './api.js';
import { LOCAL_MESSAGES } from './codes.js';

// The scan-only core, for pages that only scan: same parseCccd as the main entry, smaller wasm.
export { init, parseCccd } from './scan-core.js';

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

/** Lists video inputs. Labels are empty until the page has camera permission. */
export async function listCameras() {
  const md = globalThis.navigator && navigator.mediaDevices;
  if (!md || !md.enumerateDevices) return [];
  const devices = await md.enumerateDevices();
  return devices
    .filter((d) => d.kind === 'videoinput')
    .map((d) => ({ deviceId: d.deviceId, label: d.label, groupId: d.groupId }));
}

function nowArg(now) {
  const d = now === undefined ? new Date() : typeof now === 'function' ? now() : now;
  if (d instanceof Date) return new Date(d.getTime() + 7 * 3600e3).toISOString().slice(0, 10);
  return d;
}

/** `ERR_CAMERA_UNAVAILABLE` with the table's message in `lang`, then the browser's reason. */
function cameraError(lang, reason, params) {
  const m = LOCAL_MESSAGES.ERR_CAMERA_UNAVAILABLE;
  return new CccdVerifyError('ERR_CAMERA_UNAVAILABLE', `${m[lang] ?? m.en} ${reason}`, params);
}

function scanError(e) {
  return e instanceof CccdVerifyError ? e : new CccdVerifyError(e.code, e.message, e.params ?? {});
}

/** A decoder in a module worker, with request/response by id. */
class WorkerDecoder {
  constructor(wasm) {
    this.worker = new Worker(new URL('./scan-worker.js', import.meta.url), { type: 'module' });
    this.pending = new Map();
    this.nextId = 1;
    this.worker.onmessage = (e) => {
      const p = this.pending.get(e.data.id);
      if (!p) return;
      this.pending.delete(e.data.id);
      if (e.data.ok) p.resolve(e.data);
      else p.reject(scanError(e.data.error));
    };
    this.worker.onerror = (e) => {
      for (const p of this.pending.values()) p.reject(new CccdVerifyError('ERR_INTERNAL', String(e.message ?? e), {}));
      this.pending.clear();
    };
    this.ready = this.request({ type: 'init', wasm }, []);
  }

  request(msg, transfer) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...msg, id }, transfer);
    });
  }

  terminate() {
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new CccdVerifyError('ERR_INTERNAL', 'scanner stopped', {}));
    this.pending.clear();
  }
}

/** Decoding on the calling thread, for environments without module workers. */
class InlineDecoder {
  constructor() {
    this.lib = import('./scan-core.js');
    this.ready = this.lib.then((m) => m.init());
  }

  async request(msg) {
    const lib = await this.lib;
    if (msg.type === 'parse') return { card: lib.parseCccd(msg.text, { now: msg.now, lang: msg.lang }) };
    const t0 = performance.now();
    let image = msg.bitmap ? bitmapPixels(msg.bitmap, msg.region) : { data: new Uint8ClampedArray(msg.rgba), width: msg.width, height: msg.height };
    const result = lib.scanCccd(image, { mode: msg.mode, now: msg.now, lang: msg.lang });
    image = null;
    return { result, ms: performance.now() - t0 };
  }

  terminate() {}
}

function bitmapPixels(bitmap, region) {
  const r = region ?? { x: 0, y: 0, width: bitmap.width, height: bitmap.height };
  const canvas = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(r.width, r.height) : Object.assign(document.createElement('canvas'), { width: r.width, height: r.height });
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  ctx.drawImage(bitmap, r.x, r.y, r.width, r.height, 0, 0, r.width, r.height);
  bitmap.close?.();
  return ctx.getImageData(0, 0, r.width, r.height);
}

/**
 * Scans a CCCD QR code from an image file (an `<input type=file>` File, a Blob) in the browser.
 * Uses the thorough decoder; resolves to `{ card, qr }` or rejects with a `CccdVerifyError`.
 */
export async function scanImageFile(file, options = {}) {
  if (!(typeof Blob === 'function' && file instanceof Blob)) throw new TypeError('file must be a File or Blob');
  let bitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch (e) {
    throw new CccdVerifyError('ERR_IMAGE_DECODE', `The file could not be read as an image (${e.name ?? 'Error'}).`, {});
  }
  const useWorker = options.worker !== false && typeof Worker === 'function' && typeof OffscreenCanvas === 'function';
  const decoder = useWorker ? new WorkerDecoder(options.wasm) : new InlineDecoder();
  try {
    await decoder.ready;
    const r = await decoder.request(
      { type: 'scan', bitmap, region: options.region, mode: 'thorough', now: nowArg(options.now), lang: options.lang ?? 'en' },
      [bitmap],
    );
    return r.result;
  } finally {
    decoder.terminate();
  }
}

/**
 * Continuous camera scanning. Events: `card` ({ card, qr }), `reject` (a QR code was read but is
 * not a readable CCCD payload: { code, message }), `error` (the camera failed), `state`.
 */
export class CameraScanner extends EventTarget {
  constructor(options = {}) {
    super();
    if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
    this.options = { ...DEFAULTS, ...options };
    if (this.options.lang !== 'en' && this.options.lang !== 'vi') throw new TypeError('options.lang must be "en" or "vi"');
    if (!(this.options.maxScansPerSecond > 0)) throw new TypeError('options.maxScansPerSecond must be > 0');
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
  }

  /** Opens the camera and starts scanning. */
  async start() {
    if (this.state === 'scanning' || this.state === 'paused') return;
    this.setState('starting');
    try {
      const md = navigator.mediaDevices;
      if (!md || !md.getUserMedia) throw cameraError(this.options.lang, 'No camera API in this browser (a secure context is required).', {});
      const o = this.options;
      const video = { width: { ideal: o.width }, height: { ideal: o.height } };
      if (o.deviceId) video.deviceId = { exact: o.deviceId };
      else video.facingMode = { ideal: o.facingMode };
      this.stream = await md.getUserMedia({ audio: false, video });
      this.video.srcObject = this.stream;
      this.video.muted = true;
      this.video.playsInline = true;
      this.video.setAttribute('playsinline', '');
      await this.video.play();
      if (!this.decoder) {
        const useWorker = o.worker && typeof Worker === 'function' && typeof OffscreenCanvas === 'function';
        this.decoder = useWorker ? new WorkerDecoder(o.wasm) : new InlineDecoder();
      }
      await this.decoder.ready;
      if (o.barcodeDetector && 'BarcodeDetector' in globalThis) {
        const formats = await globalThis.BarcodeDetector.getSupportedFormats().catch(() => []);
        if (formats.includes('qr_code')) this.detector = new globalThis.BarcodeDetector({ formats: ['qr_code'] });
      }
      this.setState('scanning');
      this.schedule();
    } catch (e) {
      this.stopTracks();
      this.setState('idle');
      const err = e instanceof CccdVerifyError ? e : cameraError(this.options.lang, `${e.name ?? 'Error'}: ${e.message}`, { name: e.name ?? '' });
      this.emit('error', err);
      throw err;
    }
  }

  /** Stops decoding frames; the camera stays open. */
  pause() {
    if (this.state === 'scanning') this.setState('paused');
  }

  /** Resumes after `pause()`. */
  resume() {
    if (this.state === 'paused') {
      this.setState('scanning');
      this.schedule();
    }
  }

  /** Stops scanning, releases the camera and the worker. */
  stop() {
    this.stopTracks();
    if (this.decoder) this.decoder.terminate();
    this.decoder = null;
    this.setState('idle');
  }

  /** Switches to another camera (`{ deviceId }` or `{ facingMode }`), keeping the scanner's state. */
  async setCamera(camera) {
    Object.assign(this.options, { deviceId: undefined }, camera);
    const wasScanning = this.state === 'scanning' || this.state === 'paused';
    this.stopTracks();
    this.state = 'idle';
    if (wasScanning) await this.start();
  }

  /** True when frames are decoded in a Web Worker (false: on the main thread). */
  get usesWorker() {
    return this.decoder instanceof WorkerDecoder;
  }

  /** The current video track, if the camera is open. */
  get track() {
    return this.stream ? this.stream.getVideoTracks()[0] ?? null : null;
  }

  /** True when the open camera exposes a torch (flash) control. */
  hasTorch() {
    const t = this.track;
    const caps = t && typeof t.getCapabilities === 'function' ? t.getCapabilities() : {};
    return Boolean(caps.torch);
  }

  /** Turns the torch on or off; rejects when the camera has none. */
  async setTorch(on) {
    if (!this.hasTorch()) throw cameraError(this.options.lang, 'This camera has no torch.', {});
    await this.track.applyConstraints({ advanced: [{ torch: Boolean(on) }] });
  }

  stopTracks() {
    if (this.stream) for (const t of this.stream.getTracks()) t.stop();
    this.stream = null;
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
    if (this.state !== 'scanning') return;
    const v = this.video;
    if (typeof v.requestVideoFrameCallback === 'function') v.requestVideoFrameCallback(() => this.onFrame());
    else requestAnimationFrame(() => this.onFrame());
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
    this.lastScan = t0;
    this.busy = true;
    this.stats.frames++;
    const useDetector = this.detector && this.useDetectorNext;
    this.useDetectorNext = !this.useDetectorNext;
    const work = useDetector ? this.detectNative() : this.decodeFrame(v);
    const mainMs = performance.now() - t0;
    this.mainSlice(mainMs);
    work
      .catch((e) => this.emit('error', e))
      .finally(() => {
        this.busy = false;
        this.schedule();
      });
  }

  async decodeFrame(video) {
    const w = video.videoWidth;
    const h = video.videoHeight;
    const r0 = this.region(w, h);
    // Clamp the scan region to the frame; the crop happens in createImageBitmap (off the main thread).
    const x = Math.max(0, Math.min(w - 1, Math.round(r0.x)));
    const y = Math.max(0, Math.min(h - 1, Math.round(r0.y)));
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
      } catch {
        bitmap = undefined;
      }
    }
    let r;
    try {
      if (!bitmap) bitmap = await createImageBitmap(video, x, y, width, height);
      const t1 = performance.now();
      const pending = this.decoder.request(
        { type: 'scan', bitmap, mode: this.options.mode, now: nowArg(this.options.now), lang: this.options.lang },
        [bitmap],
      );
      this.mainSlice(performance.now() - t1);
      if (bitmap instanceof (globalThis.VideoFrame ?? class {})) this.mainSlice(t1 - t);
      r = await pending;
    } catch (e) {
      if (this.state !== 'scanning') return;
      // No code in this frame (or a frame too busy to search fully): the next frame may have one.
      if (e.code === 'ERR_NO_QR_FOUND' || e.code === 'ERR_IMAGE_TOO_COMPLEX') return;
      // A browser that makes VideoFrames but cannot draw them in a worker: use ImageBitmaps.
      if (e.code === 'ERR_INTERNAL' && typeof VideoFrame === 'function' && bitmap instanceof VideoFrame && !this.noVideoFrame) {
        this.noVideoFrame = true;
        return;
      }
      if (e.code && e.code !== 'ERR_INTERNAL') {
        this.emit('reject', { code: e.code, message: e.message });
        return;
      }
      throw e;
    } finally {
      this.stats.lastDecodeMs = performance.now() - t;
    }
    if (this.state === 'scanning') this.found(r.result);
  }

  async detectNative() {
    const codes = await this.detector.detect(this.video).catch(() => []);
    const code = codes.find((c) => c.format === 'qr_code');
    if (!code) return;
    try {
      const r = await this.decoder.request({ type: 'parse', text: code.rawValue, now: nowArg(this.options.now), lang: this.options.lang });
      const corners = code.cornerPoints.map((p) => ({ x: p.x, y: p.y }));
      this.found({ card: r.card, qr: { text: code.rawValue, bytes: new TextEncoder().encode(code.rawValue), charset: 'utf-8', charsetGuessed: true, corners, version: 0, ecLevel: 'M', attempt: 'barcode-detector' } });
    } catch (e) {
      this.emit('reject', { code: e.code, message: e.message });
    }
  }

  // Records one main-thread slice. The first frame's slices carry one-time setup (the first
  // frame grab, the worker's first message) and are kept in the list but not in the maximum.
  mainSlice(ms) {
    const s = this.stats;
    if (s.mainThreadMs.length < 200) s.mainThreadMs.push(Number(ms.toFixed(2)));
    if (s.frames > 1) s.maxMainThreadMs = Math.max(s.maxMainThreadMs, ms);
  }

  found(result) {
    // Corners come back relative to the scan region's top-left.
    this.stats.decoded++;
    const key = result.qr.text;
    if (this.lastCard && this.lastCard.key === key && performance.now() - this.lastCard.at < 3000) return;
    this.lastCard = { key, at: performance.now() };
    this.emit('card', result);
  }
}
