// The HTML report in a real headless Chromium (Debian's chromium-headless-shell): a run from the
// sources with --html writes it; the page renders the table, a chart per experiment and every
// activity, with no console error, no exception, no request but the file itself, and no hostile
// string run as script.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSourceCli } from '../aws/support/source-cli.js';
import { type Browser, launchBrowser } from '../support/cdp.js';
import { activityCount, HOSTILE, writeHtmlScenario } from '../support/html-scenario.js';
import { startToggleServer, type ToggleServer } from '../support/toggle-server.js';

describe('the HTML report in headless Chromium', () => {
  let server: ToggleServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startToggleServer(200);
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('renders the run: table rows, charts, every activity; no console errors, exceptions or network requests', async () => {
    const dir = writeHtmlScenario(server);
    const r = await runSourceCli(['run', '--journal-dir', 'out', '--html', 'site/chaos.html', '.'], { cwd: dir });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain(`HTML report: ${path.join('site', 'chaos.html')}`);
    const copy = path.join(dir, 'site', 'chaos.html');
    // The copy is the journal folder's report.html.
    expect(readFileSync(copy, 'utf8')).toBe(readFileSync(path.join(dir, 'out', 'report.html'), 'utf8'));
    const journals = readdirSync(path.join(dir, 'out'))
      .filter((f) => f.endsWith('.journal.json'))
      .map((f) => JSON.parse(readFileSync(path.join(dir, 'out', f), 'utf8')));
    const activities = journals.reduce((n, j) => n + activityCount(j), 0);

    const url = pathToFileURL(copy).href;
    await browser.open(url);
    const page = await browser.evaluate<{ rows: string[]; charts: number; details: number; pwned: unknown; h1: string; firstTitle: string; bars: number }>(`({
      rows: [...document.querySelectorAll('table.results tbody tr')].map((tr) => tr.dataset.verdict),
      charts: document.querySelectorAll('svg.timeline').length,
      bars: document.querySelectorAll('svg.timeline rect.bar').length,
      details: document.querySelectorAll('details.activity').length,
      pwned: window.__pwned ?? null,
      h1: document.querySelector('h1').textContent,
      firstTitle: document.querySelector('table.results tbody tr td a').textContent,
    })`);
    expect(page.rows.sort()).toEqual(['deviated', 'passed']);
    expect(page.charts).toBe(2);
    expect(page.bars).toBeGreaterThan(4);
    expect(page.details).toBe(activities);
    expect(page.pwned).toBeNull();
    expect(page.h1).toBe('Chaos experiments: ❌ deviated — gate failed');
    // Shown as written (control characters made visible), not run.
    expect(page.firstTitle).toContain(HOSTILE.slice(0, 60));

    // The button opens every activity's details.
    const opened = await browser.evaluate<number>(
      `document.querySelector('button[data-open="true"]').click(); [...document.querySelectorAll('details.activity')].filter((d) => d.open).length`,
    );
    expect(opened).toBe(activities);

    const png = await browser.screenshot();
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

    expect(browser.events.exceptions).toEqual([]);
    expect(browser.events.console.filter((c) => c.type === 'error' || c.type === 'warning')).toEqual([]);
    expect(browser.events.log.filter((l) => l.level === 'error' || l.level === 'warning')).toEqual([]);
    expect(browser.events.requests).toEqual([url]);
  }, 120_000);
});
