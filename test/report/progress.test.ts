// Progress lines: one line per event, whatever a service answered, secrets redacted.
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/engine/journal.js';
import { ProgressPrinter, type Verbosity } from '../../src/report/progress.js';
import { Redactor } from '../../src/experiment/redaction.js';

function printer(verbosity: Verbosity = 'verbose') {
  const lines: string[] = [];
  const p = new ProgressPrinter({ color: false, out: (l) => lines.push(l), err: (l) => lines.push(l) }, verbosity, () => Date.UTC(2026, 0, 1, 12, 0, 0));
  return { p, lines };
}

const exited = (type: string, name: string, status: number, stderr: string): RunRecord => ({
  activity: { type, name, provider: { type: 'process', path: 'cp' } },
  output: { status, stdout: '', stderr },
  start: 's',
  status: 'succeeded',
});

describe('progress lines', () => {
  it("cannot be made to print a workflow command or escape codes by a probe's output", () => {
    const { p, lines } = printer();
    p.toleranceChecked({ activity: { name: 'api' }, output: { status: 500, headers: {}, body: 'x\n::error::fake\u001b[31mred' }, start: 's' }, 200, false);
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/\n|\u001b/);
    expect(lines[0]).toMatch(/^12:00:00 WARN/);
  });

  it('redacts a secret before the value is shortened for display', () => {
    const { p, lines } = printer();
    const r = new Redactor();
    r.add('TOPSECRET-0123456789');
    p.useRedactor(r);
    p.toleranceChecked(
      { activity: { name: 'api' }, output: { status: 0, stdout: `${'x'.repeat(70)} TOPSECRET-0123456789`, stderr: '' }, start: 's' },
      1,
      false,
    );
    expect(lines[0]).not.toMatch(/TOPSEC/);
  });

  it('says at default verbosity that an action or a rollback did not take effect, with its exit code and the first line of stderr', () => {
    const { p, lines } = printer('normal');
    p.activityEnded(exited('action', 'inject', 0, ''), 'method');
    p.activityEnded(exited('probe', 'look', 1, 'no'), 'method');
    p.activityEnded(exited('action', 'restore', 1, "cp: cannot stat 'x': No such file or directory\n"), 'rollbacks');
    expect(lines).toEqual([`12:00:00 WARN      ✖ action "restore" did not take effect: exit code 1: cp: cannot stat 'x': No such file or directory`]);
  });

  it('redacts a secret in stderr before the line is shortened', () => {
    const { p, lines } = printer('normal');
    const r = new Redactor();
    r.add('TOPSECRET-0123456789');
    p.useRedactor(r);
    p.activityEnded(exited('action', 'inject', 2, `${'x'.repeat(150)} TOPSECRET-0123456789`), 'method');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/TOPSEC/);
  });
});

describe('a dry run in progress lines', () => {
  it('marks an activity the dry mode skipped', () => {
    const { p, lines } = printer();
    p.activityStarted({ activity: { type: 'action', name: 'lose-the-exchange-file' }, output: null, start: 's' }, 'method', true);
    p.activityStarted({ activity: { type: 'probe', name: 'healthy' }, output: null, start: 's' }, 'before', false);
    expect(lines).toEqual(['12:00:00 INFO    Action: lose-the-exchange-file (skipped: dry run)', '12:00:00 INFO    Probe: healthy']);
  });
});

describe('the progress of an activity the guardrails cannot see', () => {
  it('warns that a marked one runs unguarded, with its reason; says (verbose) that an unmarked process runs without the AWS credentials', () => {
    const { p, lines } = printer();
    const marked = {
      ...exited('action', 'invert', 0, ''),
      activity: { type: 'action', name: 'invert', provider: { type: 'process', path: 'aws' }, 'chaos-action': { unguarded: 'no function' } },
    };
    p.activityStarted(marked, 'method');
    p.activityStarted(exited('action', 'copy', 0, ''), 'method');
    expect(lines).toEqual([
      '12:00:00 WARN    Action: invert [unguarded, with the AWS credentials, outside the guardrails: no function]',
      '12:00:00 INFO    Action: copy',
      '12:00:00 DEBUG     copy runs without the AWS credentials (not marked chaos-action: {unguarded: why})',
    ]);
  });
  it("names the experiment on every line when several run at once, and redacts with the run's redactor", () => {
    const { p, lines } = printer('normal');
    const orders = p.forExperiment('[1/2 orders-db]');
    const web = p.forExperiment('[2/2 web]');
    const r = new Redactor();
    r.add('TOPSECRET-0123456789');
    p.useRedactor(r);
    orders.experimentStarted('Orders DB fails over', 'experiments/orders-db.json');
    web.phaseStarted('method');
    orders.warning('token TOPSECRET-0123456789 seen');
    p.info('not about one experiment');
    expect(lines).toEqual([
      '12:00:00 INFO  [1/2 orders-db] Running experiment: Orders DB fails over (experiments/orders-db.json)',
      '12:00:00 INFO  [2/2 web] Method',
      '12:00:00 WARN  [1/2 orders-db] token *** seen',
      '12:00:00 INFO  not about one experiment',
    ]);
  });
});
