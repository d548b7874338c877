// The DevTools client sees what the HTML report's browser test asserts is absent: a console error,
// an uncaught exception, a request to the network, and a CSP refusal in the browser's log.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { launchBrowser } from './cdp.js';

it('records console errors, exceptions, network requests and CSP refusals', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'chaos-action-cdp-'));
  const file = path.join(dir, 'page.html');
  writeFileSync(
    file,
    `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'"></head><body>
<img src="http://127.0.0.1:9/pixel.png"><script>console.error('broken ' + 1); window.undefinedFunction();</script></body></html>`,
  );
  const browser = await launchBrowser();
  try {
    await browser.open(pathToFileURL(file).href);
    // The load event has fired; the log entry for the refused image may follow it by a moment.
    for (let i = 0; i < 50 && browser.events.log.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(browser.events.console).toContainEqual({ type: 'error', text: 'broken 1' });
    expect(browser.events.exceptions.join('\n')).toContain('undefinedFunction');
    expect(browser.events.log.map((l) => l.text).join('\n')).toMatch(/Content Security Policy/);
    expect(browser.events.requests[0]).toBe(pathToFileURL(file).href);
  } finally {
    await browser.close();
  }
}, 120_000);
