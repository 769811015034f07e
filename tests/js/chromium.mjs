// Launches Debian's Chromium through playwright-core (no browser download), headless, with the
// flags this sandbox needs (no sandbox as root, no background networking).
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launch(extraArgs = []) {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

/** Opens `url`, fails on page errors, and returns what `window.__results` becomes. */
export async function runPage(browser, url, { timeout = 60000 } = {}) {
  const page = await browser.newPage();
  const errors = [];
  const foreign = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon/.test(m.text())) errors.push(`console.error: ${m.text()}`);
  });
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.hostname !== '127.0.0.1' && u.protocol !== 'data:' && u.protocol !== 'blob:') foreign.push(r.url());
  });
  await page.goto(url);
  await page.waitForFunction(() => window.__results !== undefined || window.__fatal !== undefined, null, { timeout });
  const fatal = await page.evaluate(() => window.__fatal);
  const results = (await page.evaluate(() => window.__results)) ?? [];
  await page.close();
  if (fatal) errors.push(`fatal: ${fatal}`);
  if (foreign.length) errors.push(`requests left 127.0.0.1: ${foreign.join(', ')}`);
  return { results, errors };
}

/** Prints results as node's test runner would summarise them; returns the failure count. */
export function report(label, { results, errors }) {
  let failed = 0;
  for (const r of results) {
    console.log(`${r.ok ? 'ok' : 'not ok'} - [${label}] ${r.name}${r.ok ? '' : `\n    ${r.error}`}`);
    if (!r.ok) failed++;
  }
  for (const e of errors) {
    console.log(`not ok - [${label}] ${e}`);
    failed++;
  }
  if (results.length === 0) {
    console.log(`not ok - [${label}] no test ran`);
    failed++;
  }
  return { passed: results.filter((r) => r.ok).length, failed };
}
