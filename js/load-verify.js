// The `verify` wasm module (SD-JWT VC, trust lists, status lists, mdoc, VICALs), shared by every
// entry of the page; its glue is imported on first use; WebCrypto is registered as its host hook
// once loaded (verifySdJwtVcAsync).
import { registerWebCrypto } from './api.js';
import { webModule } from './load.js';

export const verifyModule = webModule(
  () => import('./wasm-verify/cccd_verify.js'),
  () => new URL('./wasm-verify/cccd_verify_bg.wasm', import.meta.url),
  async () => registerWebCrypto((await import('./wasm-verify/host.js')).registerHostVerify),
);
