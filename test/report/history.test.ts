import { describe, expect, it } from 'vitest';
import {
  compareWithHistory,
  deltaText,
  type HistoryExperiment,
  type HistoryRecord,
  historyRecord,
  mermaidTrend,
  parseThreshold,
  trendSparkline,
  worseBeyond,
} from '../../src/report/history.js';
import { resultOf, summarize } from '../../src/report/results.js';

const exp = (over: Partial<HistoryExperiment> = {}): HistoryExperiment => ({
  file: 'exp/orders-db.json',
  title: 'orders-db failover',
  verdict: 'passed',
  rto: 12,
  rtoObjective: 60,
  rpo: 0,
  duration: 40,
  ...over,
});

const record = (experiments: HistoryExperiment[], over: Partial<HistoryRecord> = {}): HistoryRecord => ({
  version: 1,
  date: '2026-12-01T02:00:00Z',
  commit: 'aaa',
  ref: 'refs/heads/main',
  environment: 'staging',
  gate: 'passed',
  experiments,
  ...over,
});

describe('thresholds', () => {
  it('reads percentages and durations, and refuses anything else', () => {
    expect(parseThreshold('25%')).toEqual({ kind: 'percent', value: 25 });
    expect(parseThreshold('5s')).toEqual({ kind: 'seconds', value: 5 });
    expect(parseThreshold('1.5 s')).toEqual({ kind: 'seconds', value: 1.5 });
    expect(parseThreshold('500ms')).toEqual({ kind: 'seconds', value: 0.5 });
    expect(parseThreshold('3')).toEqual({ kind: 'seconds', value: 3 });
    for (const bad of ['', 'fast', '-5s', '25 percent', '%']) expect(parseThreshold(bad), bad).toBeUndefined();
  });

  it('counts only what is worse by more than the threshold', () => {
    expect(worseBeyond(12, 15, { kind: 'percent', value: 25 })).toBe(false); // exactly 25 %
    expect(worseBeyond(12, 15.1, { kind: 'percent', value: 25 })).toBe(true);
    expect(worseBeyond(12, 31, { kind: 'seconds', value: 5 })).toBe(true);
    expect(worseBeyond(12, 17, { kind: 'seconds', value: 5 })).toBe(false);
    expect(worseBeyond(31, 12, { kind: 'seconds', value: 5 })).toBe(false); // better
    expect(worseBeyond(0, 0.5, { kind: 'percent', value: 25 })).toBe(true); // from nothing to something
  });
});

describe('comparing a run with earlier ones', () => {
  it('gives the change since the last run and since the baseline, and flags an RTO worse beyond the threshold', () => {
    const tuesday = record([exp({ rto: 10 })], { date: '2026-12-01T02:00:00Z', commit: 'a' });
    const wednesday = record([exp({ rto: 12 })], { date: '2026-12-02T02:00:00Z', commit: 'b' });
    const tonight = record([exp({ rto: 31 })], { date: '2026-12-03T02:00:00Z', commit: 'c' });
    const h = compareWithHistory(tonight, [wednesday, tuesday], { kind: 'percent', value: 25 }).get('exp/orders-db.json');
    expect(h?.sinceLast.rto).toEqual({ from: 12, delta: 19 });
    expect(h?.sinceBaseline.rto).toEqual({ from: 10, delta: 21 });
    expect(h?.rtoTrend).toEqual([10, 12, 31]);
    expect(h?.regressions).toEqual(['RTO 31 s, 19 s worse than the previous run (12 s; threshold 25%)']);
    expect(h?.flaky).toBe(false);
    expect(deltaText(h?.sinceLast.rto as { from: number; delta: number })).toBe('▲ 19 s');
  });

  it('does not flag a change within the threshold, nor an improvement', () => {
    const prev = record([exp({ rto: 12 })]);
    expect(compareWithHistory(record([exp({ rto: 14 })], { commit: 'b' }), [prev]).get('exp/orders-db.json')?.regressions).toEqual([]);
    expect(compareWithHistory(record([exp({ rto: 3 })], { commit: 'b' }), [prev]).get('exp/orders-db.json')?.regressions).toEqual([]);
  });

  it('flags an objective newly missed and a verdict that flipped from passed', () => {
    const prev = record([exp({ rto: 50 })]);
    const now = record([exp({ rto: 61, verdict: 'missed-objective' })], { commit: 'b' });
    expect(compareWithHistory(now, [prev], { kind: 'seconds', value: 30 }).get('exp/orders-db.json')?.regressions).toEqual([
      'verdict missed-objective, was passed in the previous run',
      'RTO 1 min 1 s newly misses its objective of 1 min (was 50 s)',
    ]);
  });

  it('skips runs that did not measure, and has nothing to say of a new experiment', () => {
    const measured = record([exp({ rto: 10 })]);
    const unmeasured = record([exp({ rto: null })]);
    const h = compareWithHistory(record([exp({ rto: 11 })], { commit: 'c' }), [unmeasured, measured]).get('exp/orders-db.json');
    expect(h?.sinceLast.rto).toEqual({ from: 10, delta: 1 });
    expect(h?.rtoTrend).toEqual([10, null, 11]);
    // The regression is judged against the previous run only: it measured nothing.
    expect(h?.regressions).toEqual([]);
    const fresh = compareWithHistory(record([exp({ file: 'new.json' })]), [measured]).get('new.json');
    expect(fresh?.sinceLast).toEqual({});
    expect(fresh?.verdicts).toEqual([null, 'passed']);
  });

  it('calls an experiment flaky when its verdict differs between runs of the same commit', () => {
    const a1 = record([exp({ verdict: 'passed' })], { commit: 'same' });
    const a2 = record([exp({ verdict: 'deviated' })], { commit: 'same' });
    expect(compareWithHistory(a2, [a1]).get('exp/orders-db.json')?.flaky).toBe(true);
    const b = record([exp({ verdict: 'deviated' })], { commit: 'other' });
    expect(compareWithHistory(b, [a1]).get('exp/orders-db.json')?.flaky).toBe(false);
  });
});

describe('records', () => {
  it('are made from a run’s results, with the measures that were taken and null for those that were not', () => {
    const journal = {
      chaoslib_version: '1.19.0',
      platform: 'x',
      node: 'x',
      experiment: { title: 'orders-db failover' },
      start: '',
      end: '',
      duration: 40,
      status: 'completed',
      deviated: false,
      steady_states: { before: null, after: null, during: [] },
      run: [],
      rollbacks: [],
    } as never;
    const recovered = resultOf('a.json', journal, 'passed', [], 'a.json', {
      state: { state: 'recovered', rto: 12, evidence: 'sampled', impactAt: 1, samples: 10 } as never,
      objectives: { rto: 60 },
    });
    const unmeasured = resultOf('b.json', journal, 'passed', [], 'b.json');
    const rec = historyRecord(summarize([recovered, unmeasured], ['failed'], '0.1.0'), { date: '2026-12-07T02:00:00Z', commit: 'abc', environment: 'staging' });
    expect(rec.experiments.map((e) => [e.file, e.rto, e.rtoObjective, e.rpo])).toEqual([
      ['a.json', 12, 60, null],
      ['b.json', null, undefined, null],
    ]);
    expect(rec).toMatchObject({ version: 1, commit: 'abc', ref: null, environment: 'staging', gate: 'passed' });
  });
});

describe('trends', () => {
  it('draws a text sparkline from low to high, with a dot where nothing was measured', () => {
    expect(trendSparkline([10, 12, null, 31])).toBe('▁▂·█');
    expect(trendSparkline([5, 5])).toBe('▁▁');
    expect(trendSparkline([null, null])).toBe('··');
  });

  it('writes a Mermaid xychart with quoted labels, or nothing with fewer than two measures', () => {
    const chart = mermaidTrend('orders-db "RTO"', ['12-01', '12-02', '12-03'], [10, null, 31]);
    expect(chart).toBe(
      ['xychart-beta', '  title "orders-db  RTO "', '  x-axis ["12-01", "12-02 (n/m)", "12-03"]', '  y-axis "seconds" 0 --> 35', '  line [10, 0, 31]'].join(
        '\n',
      ),
    );
    expect(mermaidTrend('x', ['a', 'b'], [null, 3])).toBeUndefined();
  });
});
