// --stop-suite-on: the decision (pure: one experiment's result in, whether the suite stops and why
// out) and the setting (verdicts plus not-recovered, rollback-failed, rollback-owed).
import { describe, expect, it } from 'vitest';
import { inputVariable, readActionInputs } from '../../src/app/settings.js';
import { notStartedReason, stopsSuite } from '../../src/app/stop-suite.js';
import type { ExperimentResult } from '../../src/report/results.js';

type Facts = Pick<ExperimentResult, 'verdict' | 'rto' | 'rollbacks'>;
const notRecovered = { state: 'not-recovered', failing: 'sample', failingAt: 3, observedFor: 60, budgetSpent: false, observed: null, impact: true } as const;

describe('stopsSuite', () => {
  it.each<[string, Facts, string[], string | undefined]>([
    ['a listed verdict stops it', { verdict: 'stopped' }, ['stopped'], 'stopped'],
    ['an unlisted verdict does not', { verdict: 'deviated' }, ['stopped', 'failed'], undefined],
    ['nothing listed never stops it', { verdict: 'failed', rollbacks: 'owed' }, [], undefined],
    [
      'not-recovered reads the recovery state',
      { verdict: 'missed-objective', rto: notRecovered as ExperimentResult['rto'] },
      ['not-recovered'],
      'not-recovered',
    ],
    ['rollback-failed: a rollback that did not work', { verdict: 'failed', rollbacks: 'owed' }, ['rollback-failed'], 'rollback-failed'],
    ['rollback-failed is not an interruption that skipped them', { verdict: 'interrupted', rollbacks: 'owed' }, ['rollback-failed'], undefined],
    ['rollback-owed: any rollback still owed', { verdict: 'interrupted', rollbacks: 'owed' }, ['rollback-owed'], 'rollback-owed'],
    ['played rollbacks owe nothing', { verdict: 'stopped', rollbacks: 'played' }, ['rollback-owed', 'rollback-failed'], undefined],
  ])('%s', (_name, facts, on, why) => {
    expect(stopsSuite(facts, on as Parameters<typeof stopsSuite>[1])).toBe(why);
  });

  it('says which experiment stopped the suite and why', () => {
    expect(notStartedReason('experiments/a.json', 'stopped')).toBe('not started: the suite stopped after experiments/a.json (verdict stopped; stop-suite-on)');
    expect(notStartedReason('b.yaml', 'not-recovered')).toBe('not started: the suite stopped after b.yaml (not-recovered; stop-suite-on)');
  });
});

describe('the stop-suite-on setting', () => {
  it('takes verdicts and conditions, comma-separated; none by default', () => {
    const given = readActionInputs({ [inputVariable('stop-suite-on')]: 'not-recovered,rollback-failed,stopped' });
    expect(given.ok && given.settings.stopSuiteOn).toEqual(['not-recovered', 'rollback-failed', 'stopped']);
    const none = readActionInputs({});
    expect(none.ok && none.settings.stopSuiteOn).toEqual([]);
  });

  it('refuses a name that is neither, saying what would be right', () => {
    const bad = readActionInputs({ [inputVariable('stop-suite-on')]: 'stoped' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problems.join('\n')).toContain('expected a verdict or not-recovered, rollback-failed, rollback-owed');
  });
});
