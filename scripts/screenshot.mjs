#!/usr/bin/env node
// npm run screenshot: docs/report-screenshot.png, the HTML report of the demo's fragile run (the
// rates service falls over when its exchange file is lost), rendered from the demo's results.json
// and journal and photographed in headless Chromium (Debian's chromium-headless-shell) through the
// tests' DevTools client. Run `npm run demo` first. Needs the TypeScript source hook (see package.json).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchBrowser } from '../test/support/cdp.ts';
import { renderHtmlReport } from '../src/report/html.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scenario = process.argv[2] ?? 'fragile';
const dir = path.join(root, 'chaos-results', 'demo', scenario);
let results;
try {
  results = JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8'));
} catch {
  console.error(`no demo results in ${path.relative(root, dir)}: run \`npm run demo\` first`);
  process.exit(1);
}
const journals = new Map(
  readdirSync(dir)
    .filter((f) => f.endsWith('.journal.json'))
    .map((f) => [f, JSON.parse(readFileSync(path.join(dir, f), 'utf8'))]),
);
const page = path.join(dir, 'report.html');
writeFileSync(page, renderHtmlReport(results, journals));

const browser = await launchBrowser({ width: 1200, height: 900 });
try {
  await browser.open(pathToFileURL(page).href);
  // The activities that failed open, as a reader would look at them.
  await browser.evaluate(`document.querySelectorAll('details.activity.failed').forEach((d) => { d.open = true; })`);
  const png = await browser.screenshot({ width: 1200 });
  const bad = [...browser.events.exceptions, ...browser.events.console.filter((c) => c.type === 'error').map((c) => c.text)];
  if (bad.length) throw new Error(`the page reported errors: ${bad.join('; ')}`);
  mkdirSync(path.join(root, 'docs'), { recursive: true });
  writeFileSync(path.join(root, 'docs', 'report-screenshot.png'), png);
  console.log(`docs/report-screenshot.png (${png.length} bytes) from ${path.relative(root, page)}`);
} finally {
  await browser.close();
}
