// The `scan` wasm module (QR decoding, the card parser, MRZ, names), shared by every entry of the
// page. Its glue is imported statically: the scanner's worker imports this file, and Vite 7 builds
// workers as one IIFE file, which cannot hold a dynamic import.
import { webModule } from './load.js';
import * as glue from './wasm-scan/cccd_verify.js';

export const scanModule = webModule(glue, () => new URL('./wasm-scan/cccd_verify_bg.wasm', import.meta.url));
