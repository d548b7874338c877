// `run --html FILE` through the bundled CLI, as a user meets it: report.html in the journal
// folder, a copy where asked (relative to the working folder), self-contained and escaped.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliUnderTest as runCliAsync } from '../support/cli-under-test.js';
import { HOSTILE, writeHtmlScenario } from '../support/html-scenario.js';
import { startToggleServer, type ToggleServer } from '../support/toggle-server.js';

describe('run --html', () => {
  let server: ToggleServer;
  beforeAll(async () => {
    server = await startToggleServer(200);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('writes report.html beside report.md and a copy where asked: self-contained, every hostile string escaped', async () => {
    const dir = writeHtmlScenario(server);
    const r = await runCliAsync(['run', '--journal-dir', 'out', '--html', 'pages/index.html', '.'], { cwd: dir });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain(`HTML report: ${path.join('pages', 'index.html')}`);
    const report = readFileSync(path.join(dir, 'out', 'report.html'), 'utf8');
    expect(readFileSync(path.join(dir, 'pages', 'index.html'), 'utf8')).toBe(report);
    expect(report).toMatch(/^<!doctype html>/);
    expect(report).toContain(`content="default-src &#39;none&#39;;`);
    // Attribute values emptied: only the markup itself may not load anything.
    expect(report.replace(/"[^"]*"/g, '""')).not.toMatch(/<link|<[a-z][^<>]*\ssrc=|url\(|@import/i);
    expect(report.split('<script').length - 1).toBe(1);
    expect(report).not.toMatch(/<img|<\/textarea|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/i);
    expect(report).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
    expect(report.split('<tr data-verdict=').length - 1).toBe(2);
    expect(report.split('<svg class="timeline"').length - 1).toBe(2);
    expect(report).toContain('— gate failed</h1>');
    expect(HOSTILE).toContain('<script>');
  }, 120_000);

  it('report writes report.html from the journals it reads: the same rows and a chart per journal', async () => {
    const dir = writeHtmlScenario(server);
    const run = await runCliAsync(['run', '--journal-dir', 'out', '.'], { cwd: dir });
    expect(run.code, run.stderr).toBe(1);
    const r = await runCliAsync(['report', '--journal-dir', 'again', 'out'], { cwd: dir });
    expect(r.code, r.stderr).toBe(1);
    const report = readFileSync(path.join(dir, 'again', 'report.html'), 'utf8');
    expect(report.split('<tr data-verdict=').length - 1).toBe(2);
    expect(report.split('<svg class="timeline"').length - 1).toBe(2);
    expect(report.split('<details class="activity').length).toBeGreaterThan(4);
  }, 120_000);

  it('says when the copy cannot be written, and keeps the run: report.html is in the journal folder', async () => {
    const dir = writeHtmlScenario(server);
    writeFileSync(path.join(dir, 'blocker'), 'a file, not a folder');
    const r = await runCliAsync(['run', '--journal-dir', 'out', '--html', 'blocker/report.html', 'recovers.json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('--html blocker/report.html: the HTML report could not be written');
    expect(existsSync(path.join(dir, 'out', 'report.html'))).toBe(true);
  }, 120_000);

  it('lists --html in run --help', () => {
    return runCliAsync(['run', '--help']).then((r) => expect(r.stdout).toMatch(/--html FILE\s+Also write the HTML report/));
  });
});
