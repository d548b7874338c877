// The post step plays owed rollbacks even when the python-requirements virtualenv cannot be
// prepared (built-ins, http and processes need no extension); the main step refuses to run.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunSettings } from '../../src/app/settings.js';
import { wireRun } from '../../src/app/wiring.js';

describe('wiring when the virtualenv cannot be prepared', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'wiring-python-'));
  // A pip option the requirements may not hold: refused before anything is installed.
  const requirements = path.join(dir, 'requirements.txt');
  writeFileSync(requirements, '--index-url https://example.invalid/simple\nchaostoolkit-aws\n');
  const env = { PATH: process.env.PATH, HOME: dir };
  const parsed = parseRunSettings({ from: 'flag', values: { 'python-requirements': [requirements] }, positionals: [], env });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));

  it('refuses in the main step, with the problem positioned in the requirements file', async () => {
    const wired = await wireRun(parsed, { env, cwd: dir });
    expect(wired.ok).toBe(false);
    if (!wired.ok) expect(wired.diagnostics[0]).toMatchObject({ file: expect.stringContaining('requirements.txt'), line: 1 });
  });

  it('goes on with the configured python in the post step, and says so', async () => {
    const lines: string[] = [];
    const wired = await wireRun(parsed, { env, cwd: dir, log: (l) => lines.push(l), pythonFallback: true });
    expect(wired.ok).toBe(true);
    expect(lines.join('\n')).toMatch(/virtualenv could not be prepared .*; going on with python3$/);
  });
});
