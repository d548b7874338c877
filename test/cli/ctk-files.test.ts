// Chaos Toolkit files that must work, and messages that must not mislead, through the bundled CLI.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'chaos-ctk-files-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const probe = (name: string, extra: Record<string, unknown> = {}) => ({
  type: 'probe',
  name,
  tolerance: 0,
  provider: { type: 'process', path: 'true' },
  ...extra,
});
const experiment = (extra: Record<string, unknown> = {}) => ({
  title: 'Holds',
  description: 'a probe that always holds',
  'steady-state-hypothesis': { title: 't', probes: [probe('p')] },
  method: [{ type: 'action', name: 'a', provider: { type: 'process', path: 'true' } }],
  ...extra,
});
const write = (name: string, value: unknown): string => {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
};

describe('Chaos Toolkit files', () => {
  it('a dynamic configuration probe without a name is valid and runs, as in Chaos Toolkit', () => {
    const file = write(
      'dyn.json',
      experiment({ configuration: { greeting: { type: 'probe', provider: { type: 'process', path: 'echo', arguments: ['hello'] } } } }),
    );
    expect(runCli(['validate', file]).code).toBe(0);
    const r = runCli(['run', '--journal-dir', path.join(dir, 'out'), file]);
    expect(r.code, r.stderr).toBe(0);
  });

  it("a journal (Chaos Toolkit's or ours) in the experiments folder is skipped with a note, and the run's own journal folder is never read", () => {
    write('experiments/holds.json', experiment());
    const experiments = path.join(dir, 'experiments');
    // The first run writes its journal, results.json and report into the experiments folder itself.
    const first = runCli(['run', '--journal-dir', path.join(experiments, 'chaos-results'), experiments]);
    expect(first.code, first.stderr).toBe(0);
    expect(readdirSync(path.join(experiments, 'chaos-results'))).toEqual(expect.arrayContaining(['holds.journal.json', 'results.json']));
    // A copy kept elsewhere in the folder is recognised as a journal, not reported as an invalid experiment.
    write('experiments/old/holds.journal.json', {
      'chaoslib-version': '1.42.0',
      experiment: experiment(),
      status: 'completed',
      deviated: false,
      steady_states: {},
      run: [],
      rollbacks: [],
    });
    const second = runCli(['run', '--journal-dir', path.join(experiments, 'chaos-results'), experiments]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain('holds.journal.json:1:1: warning: this is a Chaos Toolkit journal; use `chaos-action report');
    expect(second.stderr).not.toContain('chaos-results');
  });

  it('a folder holding only journals is an error: a run of nothing never passes', () => {
    write('only/holds.journal.json', { experiment: experiment(), status: 'completed', steady_states: {}, run: [], rollbacks: [] });
    const r = runCli(['run', '--journal-dir', path.join(dir, 'out'), path.join(dir, 'only')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no experiment found: every file is a journal or results');
  });
});

describe('messages', () => {
  it('a declared configuration key whose environment variable is missing names the variable and the key', () => {
    const file = write('env.json', experiment({ configuration: { token: { type: 'env', key: 'CHAOS_TEST_UNSET_VARIABLE' } } }));
    const r = runCli(['validate', file], { env: { CHAOS_TEST_UNSET_VARIABLE: undefined } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('environment variable CHAOS_TEST_UNSET_VARIABLE is not set (configuration key token)');
    expect(r.stderr).not.toContain('declare it');
  });

  it('a control on an activity whose module python3 cannot import is an error at its module, with line and column', () => {
    const file = write(
      'controls.json',
      experiment({
        method: [
          { type: 'action', name: 'a', provider: { type: 'process', path: 'true' }, controls: [{ name: 'c', provider: { type: 'python', module: 'x' } }] },
        ],
      }),
    );
    const r = runCli(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/controls\.json:\d+:\d+: error: could not find Python module 'x' in control 'c'/);
    expect(r.stderr).not.toContain('controls are Python plug-ins that chaos-action does not apply');
  });
});
