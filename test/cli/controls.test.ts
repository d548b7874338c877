// Users' control plug-ins, end to end: a recording control (test/fixtures/python/chaosrecorder)
// under the pinned `chaos run` and under ours (the bundled CLI; CHAOS_TEST_CLI=source runs it from
// the sources) on the same experiment. The hook calls must match: which hooks, in which order,
// for which control and context, with which arguments and state, and the state the module kept
// between calls (one process per experiment, as under `chaos run`).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliUnderTest, spawnCliUnderTest } from '../support/cli-under-test.js';
import { oracleChaos, oraclePython, repoRoot } from '../support/oracle.js';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'python');

interface Call {
  hook: string;
  label: string;
  context: string | null;
  state: unknown;
  kept: number;
  pid: number;
  [key: string]: unknown;
}

type Options = Record<string, string>;

const control = (record: string, name: string, label: string, options: Options = {}, extra: Record<string, unknown> = {}) => ({
  name,
  provider: { type: 'python', module: 'chaosrecorder.control', arguments: { path: record, label, ...options } },
  ...extra,
});

const step = (type: 'probe' | 'action', name: string, pathTo = 'true', args: string[] = []) => ({
  type,
  name,
  provider: { type: 'process', path: pathTo, arguments: args },
});

/** An experiment with controls at every level: experiment (automatic, not automatic, after-only), hypothesis, one activity. */
function recordedExperiment(record: string, options: { top?: Options; local?: Options; slow?: boolean } = {}) {
  return {
    title: 'recorded',
    description: 'every hook call is recorded',
    controls: [
      control(record, 'top', 'top', options.top),
      control(record, 'manual', 'manual', {}, { automatic: false }),
      control(record, 'after-only', 'after-only', {}, { scope: 'after' }),
    ],
    'steady-state-hypothesis': { title: 'ok', controls: [control(record, 'hypo', 'hypo')], probes: [{ ...step('probe', 'p1'), tolerance: 0 }] },
    method: [
      { ...(options.slow ? step('action', 'a1', 'sleep', ['30']) : step('action', 'a1')), controls: [control(record, 'local', 'local', options.local)] },
      step('action', 'a2'),
    ],
    rollbacks: [step('action', 'r1')],
  };
}

interface Recorded {
  calls: Call[];
  journal: Record<string, unknown> & { status: string; rollbacks: unknown[]; 'chaos-action'?: Record<string, unknown> };
  code: number | null;
}

function workspace(settings?: (record: string) => Record<string, unknown>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'chaos-controls-'));
  const record = path.join(dir, 'calls.jsonl');
  // Both read ~/.chaostoolkit/settings.yaml: a home of their own, with the settings file when given.
  if (settings) {
    mkdirSync(path.join(dir, '.chaostoolkit'));
    writeFileSync(path.join(dir, '.chaostoolkit', 'settings.yaml'), JSON.stringify(settings(record)));
  }
  return { dir, record, env: { HOME: dir, PYTHONPATH: fixtures } };
}

const readCalls = (record: string): Call[] =>
  existsSync(record)
    ? readFileSync(record, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Call)
    : [];

async function underCtk(experiment: (record: string) => Record<string, unknown>, settings?: (record: string) => Record<string, unknown>): Promise<Recorded> {
  const { dir, record, env } = workspace(settings);
  const file = path.join(dir, 'experiment.json');
  writeFileSync(file, JSON.stringify(experiment(record), null, 2));
  const journalPath = path.join(dir, 'journal.json');
  const code = await new Promise<number | null>((resolve) =>
    spawn(oracleChaos, ['--no-version-check', '--no-log-file', 'run', '--journal-path', journalPath, file], {
      stdio: 'ignore',
      env: { ...process.env, ...env },
    }).on('exit', (c) => resolve(c)),
  );
  return { calls: readCalls(record), journal: JSON.parse(readFileSync(journalPath, 'utf8')), code };
}

async function underOurs(
  experiment: (record: string) => Record<string, unknown>,
  settings?: (record: string) => Record<string, unknown>,
  flags: string[] = [],
): Promise<Recorded & { stderr: string }> {
  const { dir, record, env } = workspace(settings);
  const file = path.join(dir, 'experiment.json');
  writeFileSync(file, JSON.stringify(experiment(record), null, 2));
  const out = path.join(dir, 'out');
  const r = await runCliUnderTest(['run', '--python', oraclePython, '--journal-dir', out, ...flags, file], { env });
  const journal = JSON.parse(readFileSync(path.join(out, 'experiment.journal.json'), 'utf8'));
  return { calls: readCalls(record), journal, code: r.code, stderr: r.stderr };
}

/** A call without what differs between two runs by nature (the process id). */
const comparable = ({ pid: _pid, ...call }: Call) => call;

const processGone = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
};

describe('python controls: the hook calls under the pinned `chaos run` and under ours', () => {
  it('match exactly: hooks, order, controls, contexts, arguments, states and the state kept between calls', async () => {
    const [ctk, ours] = await Promise.all([underCtk((r) => recordedExperiment(r)), underOurs((r) => recordedExperiment(r))]);
    expect(ctk.code).toBe(0);
    expect(ours.code, ours.stderr).toBe(0);
    // Every level and both scopes were reached (the comparison below is not of two empty lists).
    const hooks = new Set(ctk.calls.map((c) => c.hook));
    for (const level of ['experiment', 'hypothesis', 'method', 'rollback', 'activity']) {
      expect(hooks).toContain(`before_${level}_control`);
      expect(hooks).toContain(`after_${level}_control`);
    }
    expect(hooks).toContain('configure_control');
    expect(hooks).toContain('cleanup_control');
    expect(ours.calls.map(comparable)).toEqual(ctk.calls.map(comparable));
    // One process for the whole experiment, gone after the run.
    const pids = new Set(ours.calls.map((c) => c.pid));
    expect(pids.size).toBe(1);
    expect(processGone([...pids][0] as number)).toBe(true);
    expect(ours.journal['chaos-action']?.controls).toEqual({ controls: ['top', 'manual', 'after-only', 'hypo', 'local'], errors: [] });
  }, 120_000);

  it('a control that raises in before_activity_control is recorded and the experiment goes on, as in chaoslib', async () => {
    const failing = (r: string) => recordedExperiment(r, { local: { fail: 'before_activity_control' } });
    const [ctk, ours] = await Promise.all([underCtk(failing), underOurs(failing)]);
    expect(ours.calls.map(comparable)).toEqual(ctk.calls.map(comparable));
    expect([ctk.journal.status, ours.journal.status]).toEqual(['completed', 'completed']);
    const extension = ours.journal['chaos-action'] as { verdict: string; controls: { errors: unknown[] } };
    expect(extension.controls.errors).toEqual([
      { control: 'local', hook: 'before_activity_control', kind: 'error', error: 'RuntimeError: local fails in before_activity_control' },
    ]);
    // The control's failure does not hide the experiment's own verdict.
    expect(extension.verdict).toBe('passed');
    expect(ours.stderr).toContain("control 'local' failed in before_activity_control: RuntimeError: local fails in before_activity_control");
  }, 120_000);

  it('a control that raises InterruptExecution interrupts the run as in chaoslib; ours still plays the rollbacks', async () => {
    const interrupting = (r: string) => recordedExperiment(r, { top: { interrupt: 'before_activity_control', only: 'a2' } });
    const [ctk, same, ours] = await Promise.all([
      underCtk(interrupting),
      underOurs(interrupting, undefined, ['--rollback-strategy', 'default']),
      underOurs(interrupting),
    ]);
    expect(ctk.journal.status).toBe('interrupted');
    // With Chaos Toolkit's rollback strategy, the same calls, and no rollbacks.
    expect(same.calls.map(comparable)).toEqual(ctk.calls.map(comparable));
    expect([same.journal.status, same.journal.rollbacks]).toEqual(['interrupted', []]);
    // With ours (always, the default): the rollbacks play, inside their controls.
    expect(ours.journal.status).toBe('interrupted');
    expect((ours.journal.rollbacks as { activity: { name: string } }[]).map((r) => r.activity.name)).toEqual(['r1']);
    expect(ours.calls.filter((c) => c.hook === 'before_rollback_control').map((c) => c.label)).toEqual(['top']);
    const extension = ours.journal['chaos-action'] as { verdict: string; reasons: string[]; controls: { errors: { kind: string; control: string }[] } };
    expect(extension.verdict).toBe('interrupted');
    expect(extension.reasons[0]).toBe(
      "control 'top' interrupted the run in before_activity_control: chaoslib.exceptions.InterruptExecution: top stops the run in before_activity_control",
    );
    expect(extension.controls.errors.map((e) => [e.control, e.kind])).toEqual([['top', 'interrupt']]);
  }, 120_000);

  it('a control that interrupts before the rollbacks, or before one rollback, does not keep them from playing', async () => {
    const [beforeRollbacks, beforeOne] = await Promise.all([
      underOurs((r) => recordedExperiment(r, { top: { interrupt: 'before_rollback_control' } })),
      underOurs((r) => recordedExperiment(r, { top: { interrupt: 'before_activity_control', only: 'r1' } })),
    ]);
    for (const ours of [beforeRollbacks, beforeOne]) {
      expect(ours.journal.status).toBe('interrupted');
      expect((ours.journal.rollbacks as { activity: { name: string }; status: string }[]).map((r) => [r.activity.name, r.status])).toEqual([
        ['r1', 'succeeded'],
      ]);
      expect((ours.journal['chaos-action'] as { rollbacks: string }).rollbacks).toBe('played');
    }
  }, 120_000);

  it("a settings file's controls apply to every experiment, as under `chaos run` (~/.chaostoolkit/settings.yaml)", async () => {
    const settings = (record: string) => ({ controls: { global: { provider: control(record, 'global', 'global').provider } } });
    const [ctk, ours] = await Promise.all([underCtk((r) => recordedExperiment(r), settings), underOurs((r) => recordedExperiment(r), settings)]);
    expect(ctk.calls.some((c) => c.label === 'global')).toBe(true);
    expect(ours.calls.map(comparable)).toEqual(ctk.calls.map(comparable));
  }, 120_000);

  it('--settings names the settings file; its controls run even for an experiment without any', async () => {
    const { dir, record, env } = workspace();
    const settingsFile = path.join(dir, 'ctk-settings.yaml');
    writeFileSync(
      settingsFile,
      `controls:\n  global:\n    provider:\n      type: python\n      module: chaosrecorder.control\n      arguments: {path: ${JSON.stringify(record)}, label: global}\n`,
    );
    const file = path.join(dir, 'plain.json');
    writeFileSync(file, JSON.stringify({ title: 'plain', description: 'no controls', method: [step('action', 'a1')] }));
    const r = await runCliUnderTest(['run', '--python', oraclePython, '--settings', settingsFile, '--journal-dir', path.join(dir, 'out'), file], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(readCalls(record).map((c) => [c.hook, c.context])).toEqual([
      ['configure_control', null],
      ['before_experiment_control', 'plain'],
      ['before_method_control', 'plain'],
      ['before_activity_control', 'a1'],
      ['after_activity_control', 'a1'],
      ['after_method_control', 'plain'],
      // chaoslib plays the rollbacks (none here) inside their controls all the same.
      ['before_rollback_control', 'plain'],
      ['after_rollback_control', 'plain'],
      ['after_experiment_control', 'plain'],
      ['cleanup_control', null],
    ]);
  }, 120_000);

  it('on SIGINT during an activity, the after hooks and cleanup_control still run and the control process is gone', async () => {
    const { dir, record, env } = workspace();
    const file = path.join(dir, 'experiment.json');
    writeFileSync(file, JSON.stringify(recordedExperiment(record, { slow: true })));
    const child = spawnCliUnderTest(['run', '--python', oraclePython, '--journal-dir', path.join(dir, 'out'), file], { env });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    child.stdout?.resume();
    child.stderr?.resume();
    // The slow action is running once its before hooks were called.
    while (!readCalls(record).some((c) => c.hook === 'before_activity_control' && c.context === 'a1' && c.label === 'local')) {
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGINT');
    await exited;
    const calls = readCalls(record);
    expect(calls.filter((c) => c.context === 'a1' && c.hook === 'after_activity_control').map((c) => [c.label, c.state])).toEqual([
      ['top', null],
      ['after-only', null],
      ['local', null],
    ]);
    expect(calls.filter((c) => c.hook === 'cleanup_control').length).toBeGreaterThan(0);
    expect(processGone(calls[0]?.pid as number)).toBe(true);
    const journal = JSON.parse(readFileSync(path.join(dir, 'out', 'experiment.journal.json'), 'utf8'));
    expect(journal.status).toBe('interrupted');
  }, 120_000);

  it('on SIGINT while a hook hangs, the hook is interrupted (a KeyboardInterrupt, as under `chaos run`) and the process is gone', async () => {
    const { dir, record, env } = workspace();
    const file = path.join(dir, 'experiment.json');
    writeFileSync(file, JSON.stringify(recordedExperiment(record, { local: { sleep: 'before_activity_control' } })));
    const child = spawnCliUnderTest(['run', '--python', oraclePython, '--journal-dir', path.join(dir, 'out'), file], { env });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    child.stdout?.resume();
    child.stderr?.resume();
    while (!readCalls(record).some((c) => c.hook === 'before_activity_control' && c.label === 'local')) {
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGINT');
    await exited;
    const calls = readCalls(record);
    expect(calls.filter((c) => c.hook === 'cleanup_control').length).toBeGreaterThan(0);
    expect(processGone(calls[0]?.pid as number)).toBe(true);
    const journal = JSON.parse(readFileSync(path.join(dir, 'out', 'experiment.journal.json'), 'utf8'));
    expect(journal.status).toBe('interrupted');
    expect(readdirSync(path.join(dir, 'out'))).toContain('results.json');
  }, 120_000);
});
