// cccd-verify/scan/element — <cccd-scanner>, a drop-in camera scanner element (no framework).
//
//   import { defineCccdScanner } from 'cccd-verify/scan/element';
//   defineCccdScanner(); // registers <cccd-scanner> (idempotent); returns the class
//
// It wraps CameraScanner (js/scan.js): a viewfinder with the scan region and the outline of the
// code read, a camera switch (more than one camera), a torch button (when the camera has one), a
// "choose a photo" fallback, and screens for the failures a user can act on. Everything is in a
// shadow root styled by a constructable stylesheet (allowed under a strict Content-Security-Policy,
// where an inline <style> is not); text from the card or the QR code is only ever set with
// textContent. Nothing here runs at import time, so importing it on a server (SSR) is harmless.
import { CameraScanner, hasCamera, listCameras, scanImageFile } from './scan.js';
import { CccdVerifyError, nowDay } from './api.js';
import { LOCAL_MESSAGES, HINT_MESSAGES } from './codes.js';

/**
 * The element's own strings; messages for error codes come from the error table (LOCAL_MESSAGES),
 * those of the scanner's guidance hints from the hint table (HINT_MESSAGES).
 */
const UI = {
  en: {
    label: 'CCCD card scanner',
    start: 'Scan with camera',
    stop: 'Stop camera',
    switchCamera: 'Switch camera',
    torch: 'Torch',
    file: 'Choose a photo',
    retry: 'Try again',
    hint: 'Hold the QR code on the card inside the frame.',
    starting: 'Opening the camera…',
    reading: 'Reading the photo…',
    read: 'Card read',
    stopped: 'Camera stopped.',
    denied: 'Camera access is blocked',
    noCamera: 'No camera found',
    insecure: 'This page is not secure',
    blocked: 'The scanner is blocked on this page',
    failed: 'The camera could not be used',
  },
  vi: {
    label: 'Quét thẻ CCCD',
    start: 'Quét bằng camera',
    stop: 'Dừng camera',
    switchCamera: 'Đổi camera',
    torch: 'Đèn pin',
    file: 'Chọn ảnh thẻ',
    retry: 'Thử lại',
    hint: 'Đưa mã QR trên thẻ vào trong khung.',
    starting: 'Đang mở camera…',
    reading: 'Đang đọc ảnh…',
    read: 'Đã đọc thẻ',
    stopped: 'Đã dừng camera.',
    denied: 'Camera đang bị chặn',
    noCamera: 'Không tìm thấy camera',
    insecure: 'Trang này không bảo mật',
    blocked: 'Trình quét bị chặn trên trang này',
    failed: 'Không dùng được camera',
  },
};

/** The screen (title key) shown for each error code; others show `failed`. */
const SCREENS = {
  ERR_CAMERA_PERMISSION_DENIED: 'denied',
  ERR_CAMERA_NOT_FOUND: 'noCamera',
  ERR_INSECURE_CONTEXT: 'insecure',
  ERR_WASM_BLOCKED: 'blocked',
};

const CSS = `
:host { display: block; position: relative; box-sizing: border-box; font: inherit;
  color: var(--cccd-scanner-color, #111); background: var(--cccd-scanner-background, #000);
  border-radius: var(--cccd-scanner-radius, 12px); overflow: hidden; min-height: 240px; }
:host([hidden]) { display: none; }
[hidden] { display: none !important; }
.view { position: relative; width: 100%; aspect-ratio: var(--cccd-scanner-aspect-ratio, 4 / 3); }
video, svg { position: absolute; inset: 0; width: 100%; height: 100%; }
video { object-fit: contain; background: var(--cccd-scanner-background, #000); }
.region { fill: none; stroke: var(--cccd-scanner-region-color, rgba(255, 255, 255, 0.85));
  stroke-width: var(--cccd-scanner-region-width, 6px); vector-effect: non-scaling-stroke; }
.outline { fill: none; stroke: var(--cccd-scanner-outline-color, #22c55e);
  stroke-width: var(--cccd-scanner-outline-width, 4px); vector-effect: non-scaling-stroke; }
.controls { display: flex; flex-wrap: wrap; gap: 8px; padding: 8px;
  background: var(--cccd-scanner-panel-background, #fff); }
button { font: inherit; cursor: pointer; padding: 8px 14px; border-radius: var(--cccd-scanner-button-radius, 8px);
  border: 1px solid var(--cccd-scanner-accent, #0b5fff); background: var(--cccd-scanner-button-background, #fff);
  color: var(--cccd-scanner-accent, #0b5fff); }
button.primary { background: var(--cccd-scanner-accent, #0b5fff); color: var(--cccd-scanner-accent-contrast, #fff); }
button[aria-pressed="true"] { background: var(--cccd-scanner-accent, #0b5fff); color: var(--cccd-scanner-accent-contrast, #fff); }
button:focus-visible { outline: 3px solid var(--cccd-scanner-focus, #f59e0b); outline-offset: 2px; }
.screen { position: absolute; inset: 0; display: flex; flex-direction: column; justify-content: center; gap: 8px;
  padding: 16px; background: var(--cccd-scanner-panel-background, #fff); color: var(--cccd-scanner-color, #111); }
.screen h2 { margin: 0; font-size: 1.1em; }
.screen h2:focus { outline: none; }
.screen p { margin: 0; }
.status { margin: 0; padding: 0 8px 8px; min-height: 1.2em; background: var(--cccd-scanner-panel-background, #fff);
  color: var(--cccd-scanner-color, #111); }
/* On an error screen the live region repeats the screen for screen readers only. */
.status.quiet { position: absolute; width: 1px; height: 1px; padding: 0; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.file { position: absolute; width: 1px; height: 1px; opacity: 0; pointer-events: none; }
`;

let sheet;
function styles(root) {
  // A constructable stylesheet: CSP's style-src does not apply to it. Browsers without
  // adoptedStyleSheets get a <style> (which a strict style-src would block).
  if (typeof CSSStyleSheet === 'function' && 'adoptedStyleSheets' in root && 'replaceSync' in CSSStyleSheet.prototype) {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
    }
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style');
    style.textContent = CSS;
    root.append(style);
  }
}

const SVG = 'http://www.w3.org/2000/svg';

function el(tag, attrs = {}, ...children) {
  const e = tag.startsWith('svg:') ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

/**
 * The `now` attribute as the date in Vietnam to check cards against (absent or empty: today, at
 * each frame). Its text is a `NowInput`: `YYYY-MM-DD`, an RFC 3339 date-time, or Unix seconds
 * (digits); anything else is a TypeError naming the attribute.
 */
function nowAttribute(v) {
  if (v === null || v === '') return undefined;
  return nowDay(/^-?[0-9]+$/.test(v) ? Number(v) : v, 'the now attribute');
}

let defined;

/**
 * Registers the element under `name` (default `cccd-scanner`) and returns its class. Calling it
 * again returns the same class; a name already taken by another element throws.
 */
export function defineCccdScanner(name = 'cccd-scanner') {
  if (typeof customElements === 'undefined') throw new TypeError('defineCccdScanner() needs a browser (customElements): call it on the client only');
  const Element = (defined ??= makeClass());
  const existing = customElements.get(name);
  if (existing && existing !== Element) throw new Error(`<${name}> is already defined by another element`);
  if (!existing) customElements.define(name, Element);
  return Element;
}

function makeClass() {
  return class CccdScannerElement extends HTMLElement {
    static observedAttributes = ['lang', 'now', 'facing'];

    #root;
    #ui = {};
    #scanner = null;
    #cameras = [];
    #error = null; // the error shown on the screen
    #status = null; // [key] or [text] shown in the live region
    #resume = false; // stopped because the tab was hidden: start again when visible
    #onVisibility = () => this.#visibility();
    #connected = false; // the host's own attributes are only set once connected (not in the constructor)
    #gen = 0; // bumped by stop(), removal and a hidden tab: a start still checking for cameras gives up
    #checking = false; // a start is checking for cameras (before the scanner's own start)

    constructor() {
      super();
      this.#root = this.attachShadow({ mode: 'open', delegatesFocus: false });
      styles(this.#root);
      const u = this.#ui;
      u.video = el('video', { part: 'video', muted: '', playsinline: '', 'aria-hidden': 'true' });
      u.video.muted = true;
      u.region = el('svg:rect', { class: 'region', part: 'region' });
      u.outline = el('svg:polygon', { class: 'outline', part: 'outline' });
      u.outline.style.display = 'none';
      u.svg = el('svg:svg', { part: 'overlay', 'aria-hidden': 'true', preserveAspectRatio: 'xMidYMid meet', viewBox: '0 0 4 3' }, u.region, u.outline);
      u.title = el('h2', { part: 'screen-title', tabindex: '-1', id: 'screen-title' });
      u.message = el('p', { part: 'screen-message' });
      u.retry = el('button', { type: 'button', part: 'button retry', class: 'primary' });
      u.screen = el('div', { class: 'screen', part: 'screen', role: 'group', 'aria-labelledby': 'screen-title' }, u.title, u.message, el('div', {}, u.retry));
      u.screen.hidden = true;
      u.view = el('div', { class: 'view', part: 'viewfinder' }, u.video, u.svg, u.screen);
      u.start = el('button', { type: 'button', part: 'button start', class: 'primary' });
      u.switch = el('button', { type: 'button', part: 'button switch' });
      u.torch = el('button', { type: 'button', part: 'button torch', 'aria-pressed': 'false' });
      u.fileButton = el('button', { type: 'button', part: 'button file' });
      u.file = el('input', { type: 'file', accept: 'image/*', class: 'file', tabindex: '-1', 'aria-hidden': 'true' });
      u.switch.hidden = true;
      u.torch.hidden = true;
      u.controls = el('div', { class: 'controls', part: 'controls' }, u.start, u.switch, u.torch, u.fileButton, u.file);
      u.status = el('p', { class: 'status', part: 'status', role: 'status', 'aria-live': 'polite' });
      this.#root.append(u.view, u.controls, u.status);

      u.start.addEventListener('click', () => (this.scanning ? this.stop() : this.start()));
      u.retry.addEventListener('click', () => this.start());
      u.switch.addEventListener('click', () => this.#switchCamera());
      u.torch.addEventListener('click', () => this.#toggleTorch());
      u.fileButton.addEventListener('click', () => u.file.click());
      u.file.addEventListener('change', () => {
        const f = u.file.files && u.file.files[0];
        u.file.value = '';
        if (f) this.scanFile(f);
      });
      u.video.addEventListener('loadedmetadata', () => this.#render());
      u.video.addEventListener('resize', () => this.#render());
    }

    connectedCallback() {
      this.#connected = true;
      if (!this.hasAttribute('role')) this.setAttribute('role', 'region');
      this.#render();
      document.addEventListener('visibilitychange', this.#onVisibility);
      if (this.hasAttribute('autostart')) this.start();
      // Warm the wasm and the worker before the click (a blocked wasm shows its screen at once).
      else if (this.hasAttribute('preload')) {
        const s = this.#makeOrFail();
        if (!s) return;
        s.preload().catch((e) => {
          if (this.#scanner === s && s.state === 'idle') this.#fail(e);
        });
      }
    }

    disconnectedCallback() {
      document.removeEventListener('visibilitychange', this.#onVisibility);
      this.#resume = false;
      this.#gen++;
      // The camera and the worker go: a removed element holds nothing.
      if (this.#scanner) this.#scanner.destroy();
      this.#scanner = null;
    }

    attributeChangedCallback(name) {
      if (this.#scanner) {
        if (name === 'lang') this.#scanner.options.lang = this.#lang;
        if (name === 'now') {
          try {
            this.#scanner.options.now = nowAttribute(this.getAttribute('now'));
          } catch (e) {
            this.stop();
            this.#fail(e);
          }
        }
        if (name === 'facing') {
          const facingMode = this.getAttribute('facing') === 'user' ? 'user' : 'environment';
          if (facingMode !== this.#scanner.options.facingMode || this.#scanner.options.deviceId) {
            this.#scanner.setCamera({ facingMode }).catch((e) => {
              if (e && e.name !== 'AbortError') this.#fail(e);
            });
          }
        }
      }
      this.#render();
    }

    /** The underlying CameraScanner (created on first start), or null. */
    get scanner() {
      return this.#scanner;
    }

    /** True while the camera is starting, scanning or paused. */
    get scanning() {
      return this.#checking || (Boolean(this.#scanner) && this.#scanner.state !== 'idle');
    }

    get #lang() {
      const own = this.getAttribute('lang') ?? (this.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || 'en');
      return own.toLowerCase().startsWith('vi') ? 'vi' : 'en';
    }

    #t(key) {
      return UI[this.#lang][key];
    }

    #messageOf(err) {
      const local = LOCAL_MESSAGES[err.code];
      return local ? local[this.#lang] : err.message;
    }

    // `worker-url` / `wasm-url`: where the scanner's worker and module are (docs/deployment.md).
    #locations() {
      const o = {};
      if (this.getAttribute('worker-url')) o.workerUrl = this.getAttribute('worker-url');
      if (this.getAttribute('wasm-url')) o.wasmUrl = this.getAttribute('wasm-url');
      return o;
    }

    /** The scanner, or null after showing why it cannot be made (a `now` attribute that is no NowInput). */
    #makeOrFail() {
      try {
        return this.#make();
      } catch (e) {
        this.#fail(e);
        return null;
      }
    }

    #make() {
      if (this.#scanner) return this.#scanner;
      const s = new CameraScanner({
        video: this.#ui.video,
        lang: this.#lang,
        now: nowAttribute(this.getAttribute('now')),
        facingMode: this.getAttribute('facing') === 'user' ? 'user' : 'environment',
        // Only the region drawn in the viewfinder is decoded.
        scanRegion: (w, h) => this.#region(w, h),
        ...this.#locations(),
      });
      s.addEventListener('card', (e) => this.#card(e.detail, false));
      s.addEventListener('reject', (e) => {
        this.#say(null, e.detail.message);
        this.#emit('reject', e.detail);
      });
      // Guidance (already throttled by the scanner): shown in the live region until it no
      // longer applies; its code is also the host's data-hint.
      s.addEventListener('hint', (e) => {
        const { code } = e.detail;
        if (code) {
          this.dataset.hint = code;
          this.#status = { hint: code };
        } else {
          delete this.dataset.hint;
          if (this.#status && this.#status.hint) this.#status = { key: 'hint' };
        }
        this.#render();
        this.#emit('hint', e.detail);
      });
      // A failure while scanning (the camera ended, the worker died): the scanner is idle again.
      s.addEventListener('error', (e) => this.#fail(e.detail));
      s.addEventListener('state', () => this.#render());
      s.addEventListener('torch', () => this.#render());
      this.#scanner = s;
      return s;
    }

    /** The scan region in video pixels: `region` (a fraction of each side, default 0.9) centred. */
    #region(w, h) {
      const f = Math.min(1, Math.max(0.2, Number(this.getAttribute('region')) || 0.9));
      const width = Math.round(w * f);
      const height = Math.round(h * f);
      return { x: Math.round((w - width) / 2), y: Math.round((h - height) / 2), width, height };
    }

    /** Opens the camera and scans. Resolves when scanning (or on a shown error; never rejects). */
    async start() {
      if (!this.isConnected) return;
      const u = this.#ui;
      const active = this.#root.activeElement;
      const refocus = Boolean(active) && u.screen.contains(active);
      this.#error = null;
      this.#resume = false;
      u.outline.style.display = 'none';
      const s = this.#makeOrFail();
      if (!s) return;
      const gen = ++this.#gen;
      this.#say('starting');
      // The screen (and its retry button) is gone: keep the keyboard focus in the element.
      if (refocus) u.start.focus();
      try {
        // No camera listed: say so without a permission prompt (not on an insecure page, where
        // the camera API is missing and start() says why).
        if (globalThis.isSecureContext !== false && navigator.mediaDevices && s.state === 'idle') {
          this.#checking = true;
          const any = await hasCamera().finally(() => {
            if (gen === this.#gen) this.#checking = false;
          });
          if (gen !== this.#gen || this.#scanner !== s) return; // stopped, removed or hidden meanwhile
          if (!any) throw new CccdVerifyError('ERR_CAMERA_NOT_FOUND', LOCAL_MESSAGES.ERR_CAMERA_NOT_FOUND[this.#lang], {});
        }
        await s.start();
      } catch (e) {
        if (e && e.name === 'AbortError') return; // stop(), removal or a hidden tab cancelled it
        if (this.#scanner === s) this.#fail(e);
        return;
      }
      if (this.#scanner !== s) return;
      this.#say('hint');
      try {
        this.#cameras = await listCameras();
      } catch {
        this.#cameras = [];
      }
      this.#render();
    }

    /** Releases the camera (the worker stays warm for the next start). */
    stop() {
      this.#resume = false;
      if (this.scanning) {
        this.#gen++;
        this.#checking = false;
        this.#scanner.stop();
        this.#say('stopped');
      }
      this.#render();
    }

    /** Reads a card from an image file (the "choose a photo" fallback); fires `card` or `error`. */
    async scanFile(file) {
      this.#say('reading');
      this.#error = null;
      try {
        const result = await scanImageFile(file, { lang: this.#lang, now: nowAttribute(this.getAttribute('now')), ...this.#locations() });
        this.#card(result, true);
      } catch (e) {
        this.#error = null;
        this.#say(null, this.#messageOf(e));
        this.#emit('error', e);
      }
    }

    #card(result, fromFile) {
      const { card, qr } = result;
      if (!fromFile && qr.corners && qr.corners.length === 4) {
        this.#ui.outline.setAttribute('points', qr.corners.map((p) => `${p.x},${p.y}`).join(' '));
        this.#ui.outline.style.display = '';
      }
      // Card text goes to textContent only (the live region announces it). The ID number is
      // masked (its last three digits shown): the status line is on screen, often on a shared desk.
      const id = card.idNumber && card.idNumber.value;
      const masked = id ? `${'•'.repeat(Math.max(0, id.length - 3))}${id.slice(-3)}` : '';
      this.#say(null, `${this.#t('read')}: ${card.fullName ?? ''}${masked ? ` (${masked})` : ''}`);
      const proceed = this.#emit('card', result, true);
      // One card and done, unless `continuous` is set or a listener called preventDefault().
      if (!fromFile && proceed && !this.hasAttribute('continuous') && this.#scanner) {
        this.#scanner.stop();
      }
      this.#render();
    }

    #fail(err) {
      this.#error = err;
      this.#status = null;
      const hadFocus = this.matches(':focus-within');
      this.#render();
      this.#emit('error', err);
      // Move focus to the screen's title so keyboard and screen-reader users land on what to do next.
      if (hadFocus) this.#ui.title.focus();
    }

    #emit(type, detail, cancelable = false) {
      return this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
    }

    #say(key, text) {
      this.#status = key ? { key } : { text };
      this.#render();
    }

    #visibility() {
      if (document.visibilityState === 'hidden') {
        if (this.scanning) {
          this.#gen++;
          this.#checking = false;
          this.#scanner.stop();
          this.#resume = true;
        }
      } else if (this.#resume && this.isConnected) {
        this.#resume = false;
        this.start();
      }
    }

    async #switchCamera() {
      const s = this.#scanner;
      if (!s || this.#cameras.length < 2) return;
      const current = s.track && s.track.getSettings().deviceId;
      const i = this.#cameras.findIndex((c) => c.deviceId === current);
      const next = this.#cameras[(i + 1) % this.#cameras.length];
      try {
        await s.setCamera({ deviceId: next.deviceId });
      } catch (e) {
        if (e && e.name !== 'AbortError' && this.#scanner === s) this.#fail(e);
      }
      this.#render();
    }

    async #toggleTorch() {
      const s = this.#scanner;
      if (!s) return;
      try {
        await s.setTorch(!s.torchOn);
      } catch (e) {
        this.#say(null, this.#messageOf(e));
        this.#emit('error', e);
      }
    }

    #render() {
      const u = this.#ui;
      const s = this.#scanner;
      const live = Boolean(s) && s.state !== 'idle';
      if (!this.#connected) return;
      this.setAttribute('aria-label', this.#t('label'));
      u.start.textContent = live ? this.#t('stop') : this.#t('start');
      u.fileButton.textContent = this.#t('file');
      u.switch.textContent = this.#t('switchCamera');
      u.switch.hidden = !live || this.#cameras.length < 2;
      const torch = live && s.state !== 'starting' && s.hasTorch();
      u.torch.hidden = !torch;
      u.torch.setAttribute('aria-pressed', String(Boolean(s && s.torchOn)));
      u.torch.textContent = this.#t('torch'); // a toggle: its state is aria-pressed
      u.retry.textContent = this.#t('retry');
      const v = u.video;
      if (v.videoWidth) {
        u.svg.setAttribute('viewBox', `0 0 ${v.videoWidth} ${v.videoHeight}`);
        const r = this.#region(v.videoWidth, v.videoHeight);
        for (const k of ['x', 'y', 'width', 'height']) u.region.setAttribute(k, String(r[k]));
      }
      u.region.style.display = live ? '' : 'none';
      const err = this.#error;
      u.screen.hidden = !err;
      u.status.classList.toggle('quiet', Boolean(err));
      if (err) {
        u.title.textContent = this.#t(SCREENS[err.code] ?? 'failed');
        u.message.textContent = this.#messageOf(err);
        this.dataset.error = err.code ?? err.name ?? 'error';
        // Retrying cannot help on an insecure page or under a CSP that blocks WebAssembly.
        u.retry.hidden = err.code === 'ERR_INSECURE_CONTEXT' || err.code === 'ERR_WASM_BLOCKED';
        u.status.textContent = `${u.title.textContent}. ${u.message.textContent}`;
      } else {
        delete this.dataset.error;
        const st = this.#status;
        if (st && st.hint && !live) {
          this.#status = null;
          delete this.dataset.hint;
        }
        const hint = st && st.hint && live ? HINT_MESSAGES[st.hint] : null;
        u.status.textContent = hint ? hint[this.#lang] : st && !st.hint ? (st.key ? this.#t(st.key) : st.text) : '';
      }
      this.dataset.state = s ? s.state : 'idle';
    }
  };
}

// The error class of every entry (the same class as `cccd-verify` and `cccd-verify/scan` export).
export { CccdVerifyError, ERROR_CODES } from './scan.js';
