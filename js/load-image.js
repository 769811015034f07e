// The `image` wasm module (PNG/JPEG files → pixels), shared by every entry of the page; its glue
// is imported on first use only. The scanner's worker reaches this file (through scan-core.js)
// without using it, and Vite 7 builds workers as one IIFE file, which cannot hold a dynamic
// import a bundler follows: so the glue is imported by URL (the glue has no imports of its own
// and is handed the compiled module, so a bundler's verbatim copy of it works).
import { webModule, packageUrl } from './load.js';

export const imageModule = webModule(
  () => import(/* @vite-ignore */ /* webpackIgnore: true */ packageUrl(new URL('./wasm-image/cccd_verify.js', import.meta.url)).href),
  () => new URL('./wasm-image/cccd_verify_bg.wasm', import.meta.url),
);
