// The shared suite inside real headless Chromium, the package served from 127.0.0.1.
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';
import { launch, runPage, report } from './chromium.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const server = await serve(root, { '/shared/': fileURLToPath(new URL('../../../shared/', import.meta.url)) });
const browser = await launch();
let summary;
try {
  summary = report('chromium', await runPage(browser, `${server.url}/tests/js/browser.html`));
} finally {
  await browser.close();
  await server.close();
}
console.log(`${summary.passed} passed, ${summary.failed} failed`);
process.exitCode = summary.failed ? 1 : 0;
