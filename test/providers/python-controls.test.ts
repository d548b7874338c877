// The control session on the python bridge, on its own: one process, bounded hooks, no AWS
// credentials unless every control is marked unguarded, and the process gone on every path.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ControlStart } from '../../src/contract/controls.js';
import { pythonControls } from '../../src/providers/python-controls.js';
import { oraclePython, repoRoot } from '../support/oracle.js';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'python');

function setup(options: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  const record = path.join(mkdtempSync(path.join(tmpdir(), 'chaos-session-')), 'calls.jsonl');
  const control = {
    name: 'rec',
    provider: { type: 'python', module: 'chaosrecorder.control', arguments: { path: record, label: 'rec', ...options } },
    ...extra,
  };
  const experiment = { title: 't', description: 'd', controls: [control], method: [] };
  const warnings: string[] = [];
  const never = new AbortController().signal;
  const start: ControlStart = {
    experiment,
    configuration: {},
    secrets: {},
    env: { PATH: process.env.PATH ?? '', PYTHONPATH: fixtures, AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret' },
    cwd: repoRoot,
    warn: (m) => warnings.push(m),
    signal: never,
    hardSignal: never,
  };
  const calls = () =>
    existsSync(record)
      ? readFileSync(record, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as { hook: string; pid: number; aws?: string[] })
      : [];
  return { start, calls, warnings };
}

const gone = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
};

describe('the python control session', () => {
  it('starts no process for an experiment without python controls (safeguards run natively)', async () => {
    const { start } = setup();
    const safeguards = { name: 's', provider: { type: 'python', module: 'chaosaddons.controls.safeguards', arguments: { probes: [] } } };
    const session = await pythonControls({ python: oraclePython, globals: [], settings: null })({
      ...start,
      experiment: { title: 't', controls: [safeguards] },
    });
    expect(session).toBeUndefined();
  });

  it('runs the controls without the AWS credentials, unless every one is marked unguarded', async () => {
    for (const [extra, expected] of [
      [{}, []],
      [{ 'chaos-action': { unguarded: 'it tags the run in CloudWatch' } }, ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']],
    ] as const) {
      const { start, calls } = setup({ env: true }, extra);
      const session = await pythonControls({ python: oraclePython, globals: [], settings: null })(start);
      await session?.close();
      expect(calls()[0]?.aws).toEqual(expected);
    }
  }, 60_000);

  it('a hook over its time limit is recorded, its process killed, and the later hooks skipped; close still resolves', async () => {
    const { start, calls, warnings } = setup({ sleep: 'before_experiment_control' });
    const session = await pythonControls({ python: oraclePython, globals: [], settings: null, hookTimeoutS: 1 })(start);
    if (!session) throw new Error('no session');
    expect(await session.apply('experiment', 'before', start.experiment)).toEqual({});
    await session.apply('experiment', 'after', start.experiment, {});
    await session.close();
    const pid = calls()[0]?.pid as number;
    expect(gone(pid)).toBe(true);
    expect(calls().map((c) => c.hook)).toEqual(['configure_control', 'before_experiment_control']);
    expect(session.report().errors.map((e) => [e.kind, e.hook])).toEqual([
      ['timeout', 'before_experiment_control'],
      ['bridge', 'before_experiment_control'],
    ]);
    expect(warnings[0]).toContain('before_experiment_control took longer than 1 s');
  }, 60_000);

  it('a control process that dies is reported once; the run goes on without it', async () => {
    const { start, calls } = setup({ exit: 'before_method_control' });
    const session = await pythonControls({ python: oraclePython, globals: [], settings: null })(start);
    if (!session) throw new Error('no session');
    await session.apply('method', 'before', start.experiment);
    await session.apply('method', 'after', start.experiment, []);
    await session.close();
    expect(gone(calls()[0]?.pid as number)).toBe(true);
    expect(session.report().errors).toHaveLength(1);
    expect(session.report().errors[0]).toMatchObject({ kind: 'bridge', hook: 'before_method_control' });
  }, 60_000);

  it('a global control whose module cannot be imported is dropped, as chaoslib does, and said', async () => {
    const { start, warnings } = setup();
    const missing = { name: 'nope', provider: { type: 'python', module: 'not_installed_anywhere' } };
    const session = await pythonControls({ python: oraclePython, globals: [missing], settings: { controls: {} } })(start);
    await session?.close();
    expect(session?.report().controls).toEqual(['nope', 'rec']);
    expect(warnings).toEqual(["control 'nope' failed in configure_control: cannot import module not_installed_anywhere"]);
  }, 60_000);
});
