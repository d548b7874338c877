// Which activities ran unguarded, from a journal: marked ones that ran, once per phase; a dry run's
// skipped ones held nothing.
import { describe, expect, it } from 'vitest';
import { newJournal, type RunRecord } from '../../src/engine/journal.js';
import { describeUnguarded, unguardedActivities } from '../../src/report/unguarded.js';

const activity = (name: string, extra: Record<string, unknown> = {}) => ({
  type: 'action',
  name,
  provider: { type: 'process', path: 'aws', arguments: ['route53', 'update-health-check'] },
  ...extra,
});
const record = (a: Record<string, unknown>): RunRecord => ({ activity: a, output: null, start: '2026-01-01T00:00:00', status: 'succeeded' });
const mark = { 'chaos-action': { unguarded: 'no native function' } };

describe('the unguarded activities of a run', () => {
  it('are the marked ones that ran, once per phase, in the order the phases ran', () => {
    const journal = newJournal({ title: 't' }, '2026-01-01T00:00:00');
    journal.run.push(record(activity('plain')), record(activity('invert', mark)), record(activity('invert', mark)));
    journal.rollbacks.push(record(activity('restore', mark)));
    const found = unguardedActivities(journal);
    expect(found).toEqual([
      { activity: 'invert', type: 'action', phase: 'method', runs: 'process aws route53 update-health-check', reason: 'no native function' },
      { activity: 'restore', type: 'action', phase: 'rollbacks', runs: 'process aws route53 update-health-check', reason: 'no native function' },
    ]);
    expect(describeUnguarded(found[0]!)).toBe('method action "invert" ran unguarded: process aws route53 update-health-check (why: no native function)');
  });

  it('leave out what a dry run skipped', () => {
    const journal = newJournal({ title: 't', dry: 'actions' }, '2026-01-01T00:00:00');
    journal.experiment.dry = 'actions';
    journal.run.push(record(activity('invert', mark)));
    expect(unguardedActivities(journal)).toEqual([]);
  });
});
