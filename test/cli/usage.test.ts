// Mistakes in how the command line is called: a clear sentence and exit 2, never a stack trace or a hang.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

let dir = '';
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

const experiment = {
  title: 'Answers',
  description: 'a probe that always holds',
  'steady-state-hypothesis': { title: 't', probes: [{ type: 'probe', name: 'p', tolerance: 0, provider: { type: 'process', path: 'true' } }] },
  method: [{ type: 'action', name: 'a', provider: { type: 'process', path: 'true' } }],
};

function withExperiment(): string {
  dir = mkdtempSync(path.join(tmpdir(), 'chaos-usage-'));
  const file = path.join(dir, 'e.json');
  writeFileSync(file, JSON.stringify(experiment));
  return file;
}

describe('the command line', () => {
  it('suggests the flag meant for an unknown one', () => {
    const r = runCli(['run', '--jornal-dir', 'x', 'experiments']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("chaos-action run: unknown option '--jornal-dir'; did you mean --journal-dir?");
    const v = runCli(['validate', '--formt', 'json']);
    expect(v.code).toBe(2);
    expect(v.stderr).toContain('did you mean --format?');
  });

  it('`help` of an unknown command is an error, with the command meant', () => {
    const r = runCli(['help', 'rnu']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'rnu'. Did you mean 'run'?");
    expect(runCli(['help', 'run']).stdout).toContain('Usage: chaos-action run');
  });

  it('a --journal-dir with a file in the way: exit 2, what is wrong, nothing run, no stack trace', () => {
    const file = withExperiment();
    const blocker = path.join(dir, 'blocker');
    writeFileSync(blocker, '');
    const r = runCli(['run', '--journal-dir', path.join(blocker, 'out'), file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--journal-dir ${path.join(blocker, 'out')}: ${blocker} is not a folder; nothing was run`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a --journal-dir that cannot be created (under /proc): exit 2 at once instead of spinning', () => {
    const file = withExperiment();
    const r = runCli(['run', '--journal-dir', '/proc/chaos-action/out', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/proc/chaos-action cannot be created');
  });
});
