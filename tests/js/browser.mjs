// The shared suite inside real headless Chromium, the package served from 127.0.0.1.
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';
import { launch, runPage, report } from './chromium.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const server = await serve(root, { '/shared/': fileURLToPath(new URL('../../../shared/', import.meta.url)) });
const browser = await launch();
let summary;
const wasmFetched = (from) => server.requests.slice(from).filter((p) => p.endsWith('.wasm')).map((p) => p.replace(/^.*\/dist\//, '')).sort();
try {
  summary = report('chromium', await runPage(browser, `${server.url}/tests/js/browser.html`));
  // One capability per page: only its module is downloaded.
  for (const entry of ['main', 'verify']) {
    const from = server.requests.length;
    const page = await runPage(browser, `${server.url}/tests/js/capabilities.html?entry=${entry}`);
    const fetched = wasmFetched(from);
    page.results.push({
      name: `${entry}: the page downloaded only the verify module`,
      ok: JSON.stringify(fetched) === JSON.stringify(['wasm-verify/cccd_verify_bg.wasm']),
      error: `fetched ${JSON.stringify(fetched)}`,
    });
    const r = report('chromium', page);
    summary.passed += r.passed;
    summary.failed += r.failed;
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(`${summary.passed} passed, ${summary.failed} failed`);
process.exitCode = summary.failed ? 1 : 0;
