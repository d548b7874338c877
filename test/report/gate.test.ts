// The gate a promotion reads: never passed when an experiment tested nothing to the end, even when
// fail-on lets the step succeed.
import { describe, expect, it } from 'vitest';
import { type ExperimentResult, summarize } from '../../src/report/results.js';
import type { Verdict } from '../../src/report/verdict.js';

const result = (verdict: Verdict): ExperimentResult => ({
  file: `${verdict}.json`,
  title: verdict,
  verdict,
  reasons: [],
  status: 'completed',
  deviated: false,
  steadyStateBefore: true,
  steadyStateAfter: true,
  duration: 1,
  journal: null,
});

describe('the gate', () => {
  it('reads passed when every experiment passed, or failed on a verdict listed in fail-on', () => {
    expect(summarize([result('passed')], ['deviated'], '0').gate).toBe('passed');
    expect(summarize([result('passed'), result('deviated')], ['deviated'], '0').gate).toBe('failed');
  });

  it('reads passed for a tolerated deviation (something was tested), never for a tolerated not-ready, stop, interruption or invalid file', () => {
    expect(summarize([result('deviated')], ['failed'], '0').gate).toBe('passed');
    for (const v of ['not-ready', 'stopped', 'interrupted', 'invalid'] as const)
      expect([v, summarize([result('passed'), result(v)], ['failed'], '0').gate]).toEqual([v, 'failed']);
  });
});
