// Verdicts from journals: what fails a gate, and what outranks what.
import { describe, expect, it } from 'vitest';
import { newJournal, type RunRecord } from '../../src/engine/journal.js';
import type { RunOutcome } from '../../src/engine/runner.js';
import { judge, worstVerdict } from '../../src/report/verdict.js';

const record = (name: string, status?: 'succeeded' | 'failed'): RunRecord => ({
  activity: { type: 'action', name },
  output: null,
  start: 's',
  ...(status ? { status } : {}),
});

const exitedRecord = (name: string, status: number, stderr = ''): RunRecord => ({
  activity: { type: 'action', name, provider: { type: 'process', path: 'sh' } },
  output: { status, stdout: '', stderr },
  start: 's',
  status: 'succeeded',
});

function outcome(patch: (o: { journal: ReturnType<typeof newJournal>; rollbacks: RunOutcome['rollbacks'] }) => void): RunOutcome {
  const o = { journal: newJournal({ title: 't' }, 's'), rollbacks: 'played' as RunOutcome['rollbacks'] };
  o.journal.status = 'completed';
  patch(o);
  return { ...o, errors: [], strategies: { hypothesis: 'default', rollbacks: 'always' }, recoveryState: { state: 'not-measured', why: 'no fault injected' } };
}

describe('judge', () => {
  it('calls an interruption with clean rollbacks interrupted', () => {
    const v = judge(
      outcome((o) => {
        o.journal.status = 'interrupted';
        o.journal.rollbacks = [record('revert', 'succeeded')];
      }),
      { allowActionFailure: false },
    );
    expect(v.verdict).toBe('interrupted');
  });

  it('names the control that interrupted the run, and a control that only failed changes nothing', () => {
    const interrupted = outcome((o) => {
      o.journal.status = 'interrupted';
    });
    const byControl = judge(
      {
        ...interrupted,
        controls: {
          controls: ['guard'],
          errors: [{ control: 'guard', hook: 'before_method_control', kind: 'interrupt', error: 'InterruptExecution: budget spent' }],
        },
      },
      { allowActionFailure: false },
    );
    expect(byControl).toEqual({
      verdict: 'interrupted',
      reasons: ["control 'guard' interrupted the run in before_method_control: InterruptExecution: budget spent"],
    });
    const failing = judge(
      {
        ...outcome(() => undefined),
        controls: { controls: ['otel'], errors: [{ control: 'otel', hook: 'after_activity_control', kind: 'error', error: 'OSError' }] },
      },
      { allowActionFailure: false },
    );
    expect(failing.verdict).toBe('passed');
  });

  it('calls an interruption that left a fault behind failed: a failed rollback outranks the cancellation', () => {
    const failedRollback = judge(
      outcome((o) => {
        o.journal.status = 'interrupted';
        o.journal.rollbacks = [record('revert', 'failed')];
      }),
      { allowActionFailure: false },
    );
    expect(failedRollback.verdict).toBe('failed');
    const cut = judge(
      outcome((o) => {
        o.journal.status = 'interrupted';
        o.rollbacks = 'cut-short';
        o.journal.rollbacks = [record('revert')];
      }),
      { allowActionFailure: false },
    );
    expect(cut.verdict).toBe('failed');
    expect(cut.reasons).toContain('a second interruption cut the rollbacks short: a fault may be left behind');
  });

  it('fails an experiment whose fault was not confirmed, even under --allow-action-failure: it never reads passed', () => {
    const ran = outcome((o) => {
      o.journal.run = [record('force-failover', 'succeeded')];
    });
    const faults = [
      {
        activity: 'force-failover',
        phase: 'method' as const,
        action: 'rds:RebootDBInstance (force failover) db-1',
        fault: 'not confirmed' as const,
        seen: 'no failover event for db-1 in RDS DescribeEvents',
      },
    ];
    for (const allowActionFailure of [false, true]) {
      expect(judge(ran, { allowActionFailure, faults })).toEqual({
        verdict: 'failed',
        reasons: [
          'fault not confirmed: method action "force-failover" (rds:RebootDBInstance (force failover) db-1): no failover event for db-1 in RDS DescribeEvents',
        ],
      });
    }
    const confirmed = [{ ...faults[0]!, fault: 'confirmed' as const, seen: 'RDS event "Multi-AZ instance failover started."' }];
    expect(judge(ran, { allowActionFailure: false, faults: confirmed })).toEqual({ verdict: 'passed', reasons: [] });
  });

  it('fails a failed method action unless --allow-action-failure, and ignores a failed method probe', () => {
    const withAction = outcome((o) => {
      o.journal.run = [record('inject', 'failed')];
    });
    expect(judge(withAction, { allowActionFailure: false }).verdict).toBe('failed');
    expect(judge(withAction, { allowActionFailure: true }).verdict).toBe('passed');
    const withProbe = outcome((o) => {
      o.journal.run = [{ ...record('look', 'failed'), activity: { type: 'probe', name: 'look' } }];
    });
    expect(judge(withProbe, { allowActionFailure: false }).verdict).toBe('passed');
  });

  it('fails a method action whose process exited non-zero (Chaos Toolkit: succeeded), with the exit code and stderr, unless --allow-action-failure', () => {
    const exited = outcome((o) => {
      o.journal.run = [exitedRecord('kill-pod', 1, 'kill: invalid argument $(cat pid)\n')];
    });
    expect(judge(exited, { allowActionFailure: false })).toEqual({
      verdict: 'failed',
      reasons: ['method action "kill-pod" did not take effect: exit code 1: kill: invalid argument $(cat pid)'],
    });
    expect(judge(exited, { allowActionFailure: true }).verdict).toBe('passed');
    const probe = outcome((o) => {
      o.journal.run = [{ ...exitedRecord('look', 1), activity: { type: 'probe', name: 'look', provider: { type: 'process', path: 'false' } } }];
    });
    expect(judge(probe, { allowActionFailure: false }).verdict).toBe('passed');
  });

  it('fails a rollback that exited non-zero or was answered 500: a fault may be left behind, even with --allow-action-failure', () => {
    const rollback = outcome((o) => {
      o.journal.rollbacks = [exitedRecord('restore', 1, "cp: cannot stat 'backup': No such file or directory")];
    });
    expect(judge(rollback, { allowActionFailure: true })).toEqual({
      verdict: 'failed',
      reasons: [`rollback "restore" did not take effect, so a fault may be left behind: exit code 1: cp: cannot stat 'backup': No such file or directory`],
    });
    const http = outcome((o) => {
      o.journal.status = 'interrupted';
      o.journal.rollbacks = [
        {
          activity: { type: 'action', name: 'heal', provider: { type: 'http', url: 'u' } },
          output: { status: 500, headers: {}, body: '' },
          start: 's',
          status: 'succeeded',
        },
      ];
    });
    expect(judge(http, { allowActionFailure: false }).verdict).toBe('failed');
  });

  it('orders verdicts from passed to invalid for the run result', () => {
    expect(worstVerdict(['passed', 'not-ready', 'deviated'])).toBe('deviated');
    expect(worstVerdict(['interrupted', 'failed'])).toBe('failed');
    expect(worstVerdict([])).toBe('passed');
  });
});

describe('judging a dry run', () => {
  const dry = (mode: string | null, patch: (o: { journal: ReturnType<typeof newJournal>; rollbacks: RunOutcome['rollbacks'] }) => void = () => undefined) =>
    outcome((o) => {
      o.journal.experiment.dry = mode;
      o.journal.run = [record('inject', 'succeeded')];
      o.journal.rollbacks = [record('revert', 'succeeded')];
      patch(o);
    });
  const lenient = { allowActionFailure: false };

  it('calls a clean dry run dry-run, never passed, and names what it skipped', () => {
    const v = judge(dry('actions'), lenient);
    expect(v).toEqual({
      verdict: 'dry-run',
      reasons: ['dry run (--dry actions): nothing was injected; 2 activities skipped: method action "inject", rollbacks action "revert"'],
    });
    expect(judge(dry('activities'), lenient).verdict).toBe('dry-run');
    expect(judge(dry('probes'), lenient).verdict).toBe('dry-run');
  });

  it('takes the run dry mode given over the journal (which a redaction could blur)', () => {
    expect(judge(dry('***ions'), { ...lenient, dry: 'actions' }).verdict).toBe('dry-run');
    expect(judge(dry(null), { ...lenient, dry: 'actions' }).verdict).toBe('dry-run');
  });

  it('keeps the verdicts of --dry pause, which skips only the pauses', () => {
    expect(judge(dry('pause'), lenient).verdict).toBe('passed');
  });

  it('keeps a worse verdict: a dry run whose steady state was not met before is not-ready', () => {
    const v = judge(
      dry('actions', (o) => {
        o.journal.steady_states.before = { steady_state_met: false, probes: [{ ...record('up', 'failed'), exception: ['boom'] }] };
      }),
      lenient,
    );
    expect(v.verdict).toBe('not-ready');
  });

  it('fails an experiment whose plan the guardrails would refuse, or that would fail, as the real run would', () => {
    const refused = { operation: 'ec2:StopInstances', targets: [{ kind: 'ec2:instance', id: 'i-1' }], allowed: false, refusals: ['max-targets is 0'] };
    const plans = [
      { activity: 'inject', phase: 'method', changes: [refused] },
      { activity: 'revert', phase: 'rollbacks', changes: [], error: 'No instances in availability zone: None' },
    ];
    expect(judge(dry('actions'), { ...lenient, plans })).toEqual({
      verdict: 'failed',
      reasons: [
        'method action "inject" would be refused: ec2:StopInstances to ec2:instance i-1 (tags unknown): REFUSED by the guardrails: max-targets is 0',
        'rollback "revert" would fail before changing anything: No instances in availability zone: None',
      ],
    });
    // allow-action-failure forgives a method action, as in the real run; never a rollback.
    expect(judge(dry('actions'), { allowActionFailure: true, plans }).reasons).toEqual([
      'rollback "revert" would fail before changing anything: No instances in availability zone: None',
    ]);
    expect(judge(dry('actions'), { allowActionFailure: true, plans: plans.slice(0, 1) }).verdict).toBe('dry-run');
    // An allowed plan is what a dry run is for.
    expect(
      judge(dry('actions'), { ...lenient, plans: [{ activity: 'inject', phase: 'method', changes: [{ ...refused, allowed: true, refusals: [] }] }] }).verdict,
    ).toBe('dry-run');
  });

  it('ranks dry-run right after passed: better than any failure, never a pass', () => {
    expect(worstVerdict(['passed', 'dry-run'])).toBe('dry-run');
    expect(worstVerdict(['dry-run', 'not-ready'])).toBe('not-ready');
    expect(worstVerdict(['failed', 'dry-run'])).toBe('failed');
  });
});
