/**
 * cccd-verify/scan/element — `<cccd-scanner>`, a drop-in camera scanner element.
 *
 * ```js
 * import { defineCccdScanner } from 'cccd-verify/scan/element';
 * defineCccdScanner();
 * document.querySelector('cccd-scanner').addEventListener('card', (e) => fill(e.detail.card));
 * ```
 *
 * Attributes: `lang` (`vi` | `en`; default: the nearest `lang` in the page), `autostart`,
 * `preload` (load the wasm and start the worker when connected, before the click),
 * `continuous` (keep scanning after a card), `facing` (`environment` | `user`), `region` (the
 * decoded part of each side, 0.2–1, default 0.9), `now` (for expiry checks: `YYYY-MM-DD`, an RFC
 * 3339 date-time or Unix seconds as digits, the `NowInput` forms; one that is none of these
 * shows the error screen and fires `error` with a `TypeError`),
 * `worker-url` / `wasm-url` (where the decoder's worker and the scan module are, when not next
 * to the package's JS: `workerUrl` / `wasmUrl` of `CameraScanner`; docs/deployment.md).
 * Reflected state: `data-state` (idle | starting | scanning | paused) and `data-error` (the code
 * on screen). Styling: CSS custom properties `--cccd-scanner-*` and parts `viewfinder`, `video`,
 * `overlay`, `region`, `outline`, `controls`, `button`, `start`, `switch`, `torch`, `file`,
 * `retry`, `screen`, `screen-title`, `screen-message`, `status`.
 * @packageDocumentation
 */
import type { CameraScanner, CccdScannerElementEventMap } from './scan.js';

export type { CccdScannerElementEventMap } from './scan.js';

/** The `<cccd-scanner>` element. */
export declare class CccdScannerElement extends HTMLElement {
  /** The underlying scanner (created on the first start), or null. */
  readonly scanner: CameraScanner | null;
  /** True while the camera is starting, scanning or paused. */
  readonly scanning: boolean;
  /** Opens the camera and scans; a failure shows its screen and fires `error` (never rejects). */
  start(): Promise<void>;
  /** Releases the camera; the worker stays loaded. */
  stop(): void;
  /** Reads a card from an image file, as the "choose a photo" button does: fires `card` or `error`. */
  scanFile(file: Blob): Promise<void>;
  addEventListener<K extends keyof CccdScannerElementEventMap>(type: K, listener: (this: CccdScannerElement, ev: CccdScannerElementEventMap[K]) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener<K extends keyof HTMLElementEventMap>(type: K, listener: (this: CccdScannerElement, ev: HTMLElementEventMap[K]) => void, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof CccdScannerElementEventMap>(type: K, listener: (this: CccdScannerElement, ev: CccdScannerElementEventMap[K]) => void, options?: boolean | EventListenerOptions): void;
  removeEventListener<K extends keyof HTMLElementEventMap>(type: K, listener: (this: CccdScannerElement, ev: HTMLElementEventMap[K]) => void, options?: boolean | EventListenerOptions): void;
}

/**
 * Registers the element as `name` (default `cccd-scanner`) and returns its class; calling it again
 * returns the same class. Throws when `name` is taken by another element, and a TypeError outside a
 * browser (importing the module on a server is harmless; registering is client-only).
 */
export declare function defineCccdScanner(name?: string): typeof CccdScannerElement;

declare global {
  interface HTMLElementTagNameMap {
    'cccd-scanner': CccdScannerElement;
  }
}

/** The error class of every entry (the same class as `cccd-verify` and `cccd-verify/scan` export). */
export { CccdVerifyError, ERROR_CODES } from './index.js';
