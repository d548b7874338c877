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

function outcome(patch: (o: { journal: ReturnType<typeof newJournal>; rollbacks: RunOutcome['rollbacks'] }) => void): RunOutcome {
  const o = { journal: newJournal({ title: 't' }, 's'), rollbacks: 'played' as RunOutcome['rollbacks'] };
  o.journal.status = 'completed';
  patch(o);
  return { ...o, errors: [], strategies: { hypothesis: 'default', rollbacks: 'always' } };
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

  it('orders verdicts from passed to invalid for the run result', () => {
    expect(worstVerdict(['passed', 'not-ready', 'deviated'])).toBe('deviated');
    expect(worstVerdict(['interrupted', 'failed'])).toBe('failed');
    expect(worstVerdict([])).toBe('passed');
  });
});
