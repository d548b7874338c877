// Journals of any chaoslib version read back in one shape, and judged from what they hold.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { journalResult } from '../../src/report/journal-result.js';
import { journalOf, timestampMs } from '../../src/report/journal-shape.js';
import { repoRoot } from '../support/oracle.js';

const fixture = (name: string): unknown => JSON.parse(readFileSync(path.join(repoRoot, 'test', 'fixtures', 'journals', name), 'utf8'));
const shaped = (value: unknown) => {
  const r = journalOf(value);
  if (!('journal' in r)) throw new Error(r.problem);
  return r.journal;
};
const judged = (value: unknown, allowActionFailure = false) => journalResult(shaped(value), { file: 'j.json', journalName: 'j.json', allowActionFailure });

const minimal = (extra: Record<string, unknown> = {}) => ({
  experiment: {
    title: 't',
    'steady-state-hypothesis': { title: 'h', probes: [{ type: 'probe', name: 'p', tolerance: 0, provider: { type: 'process', path: 'true' } }] },
    method: [{ type: 'action', name: 'a', provider: { type: 'process', path: 'true' } }],
  },
  status: 'completed',
  steady_states: { before: { steady_state_met: true, probes: [] }, after: { steady_state_met: true, probes: [] } },
  run: [
    {
      activity: { type: 'action', name: 'a', provider: { type: 'process', path: 'true' } },
      output: { status: 0, stdout: '', stderr: '' },
      status: 'succeeded',
      start: '',
    },
  ],
  rollbacks: [],
  ...extra,
});

describe('timestamps', () => {
  it('reads a naive chaoslib 1.9 timestamp as UTC, and +00:00, Z and +0200 as written', () => {
    expect(timestampMs('2019-10-18T09:02:10.123456')).toBe(Date.UTC(2019, 9, 18, 9, 2, 10, 123));
    expect(timestampMs('2026-01-01T10:00:00.000123+00:00')).toBe(Date.UTC(2026, 0, 1, 10, 0, 0, 0));
    expect(timestampMs('2026-01-01T10:00:00Z')).toBe(Date.UTC(2026, 0, 1, 10));
    expect(timestampMs('2026-01-01T12:00:00+0200')).toBe(Date.UTC(2026, 0, 1, 10));
    expect(timestampMs('yesterday')).toBeUndefined();
  });
});

describe('the shape of old journals', () => {
  it('a 1.9 journal without `during` and without `duration` reads with no during checks and a duration from start and end', () => {
    const j = shaped(fixture('chaoslib-1.9-naive.journal.json'));
    expect(j.steady_states.during).toEqual([]);
    expect(j.duration).toBeCloseTo(4.627, 3);
  });

  it('a journal without `deviated` deviated when its after-hypothesis was not met', () => {
    const j = shaped(minimal({ steady_states: { before: { steady_state_met: true, probes: [] }, after: { steady_state_met: false, probes: [] } } }));
    expect(j.deviated).toBe(true);
  });

  it('an old boolean --dry is a dry run, never a pass', () => {
    const r = judged(minimal({ experiment: { ...minimal().experiment, dry: true } }));
    expect(r.verdict).toBe('dry-run');
  });

  it('what is not a journal says what it lacks', () => {
    expect(journalOf({ title: 'x', method: [] })).toEqual({ problem: 'it has no "experiment", "steady_states", "run"' });
    expect(journalOf([1])).toEqual({ problem: 'expected a JSON object' });
  });
});

describe('judging a Chaos Toolkit journal', () => {
  it('a method action that exited non-zero fails it (Chaos Toolkit exits 0), unless allow-action-failure', () => {
    const failing = minimal({
      run: [
        {
          activity: { type: 'action', name: 'a', provider: { type: 'process', path: 'x' } },
          output: { status: 2, stdout: '', stderr: 'nope\n' },
          status: 'succeeded',
          start: '',
        },
      ],
    });
    expect(judged(failing)).toMatchObject({ verdict: 'failed', reasons: ['method action "a" did not take effect: exit code 2: nope'] });
    expect(judged(failing, true).verdict).toBe('passed');
  });

  it('an aborted journal is failed', () => {
    expect(judged(minimal({ status: 'aborted' })).verdict).toBe('failed');
  });

  it('an interrupted journal whose rollbacks were not played leaves them owed', () => {
    const r = judged(
      minimal({
        status: 'interrupted',
        experiment: { ...minimal().experiment, rollbacks: [{ type: 'action', name: 'r', provider: { type: 'process', path: 'true' } }] },
      }),
    );
    expect(r).toMatchObject({ verdict: 'interrupted', rollbacks: 'owed' });
  });

  it('RTO reads not measured, and a declared RPO objective is missed, not shown met', () => {
    const r = judged(minimal({ experiment: { ...minimal().experiment, extensions: [{ name: 'chaos-action', objectives: { rpo: '0s' } }] } }));
    expect(r.rto).toMatchObject({ state: 'not-measured', why: 'not sampled by Chaos Toolkit' });
    expect(r).toMatchObject({ verdict: 'missed-objective' });
    expect(r.reasons[0]).toContain('observed RPO not measured');
  });

  it("a chaos-action stamp of passed is not believed when the journal's own record contradicts it", () => {
    const stamped = (extra: Record<string, unknown>) => judged(minimal({ ...extra, 'chaos-action': { verdict: 'passed', reasons: [] } }));
    expect(stamped({}).verdict).toBe('passed');
    for (const [extra, why] of [
      [{ status: 'failed' }, 'its status is failed'],
      [{ deviated: true }, 'it deviated'],
      [{ steady_states: { before: { steady_state_met: false, probes: [] }, after: null } }, 'the steady state was not met before the method'],
    ] as const) {
      const r = stamped(extra);
      expect(r.verdict, why).not.toBe('passed');
      expect(r.reasons[0]).toBe(`the journal's chaos-action verdict says passed, but ${why}`);
    }
  });

  it('keeps only the well-formed entries of a journal’s plan, faults and unguarded lists', () => {
    const r = judged(
      minimal({ 'chaos-action': { verdict: 'dry-run', reasons: [], plan: [null, 7, { activity: 'a', phase: 'method', changes: [] }], faults: 'x' } }),
    );
    expect(r.plan).toEqual([{ activity: 'a', phase: 'method', changes: [] }]);
    expect(r.faults).toBeUndefined();
  });

  it('our journal keeps the verdict and recovery its run recorded', () => {
    const ours = minimal({
      'chaos-action': {
        verdict: 'missed-objective',
        reasons: ['observed RTO 12 s is over the objective of 10 s'],
        file: 'experiments/db.yaml',
        rollbacks: 'played',
        strategies: { hypothesis: 'default', rollbacks: 'always' },
        recovery: { objectives: { rto: 10 }, state: 'recovered', rto: 12, observedFor: 20, impact: true, sampleRequests: 40 },
      },
    });
    const r = judged(ours);
    expect(r).toMatchObject({ verdict: 'missed-objective', file: 'experiments/db.yaml', rto: { state: 'recovered', rto: 12, objective: 10, observed: 12 } });
  });
});
