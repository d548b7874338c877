import { describe, expect, it } from 'vitest';
import { type HistoryRecord, historyRecord, recordOfResults } from '../../src/report/history.js';
import { type ExperimentWithHistory, historySection, withHistory } from '../../src/report/history-report.js';
import { escapeCell, renderReport } from '../../src/report/markdown.js';
import { type ExperimentResult, summarize } from '../../src/report/results.js';
import { DEFAULT_FAIL_ON } from '../../src/report/verdict.js';

const result = (file: string, rto: number | null, over: Partial<ExperimentResult> = {}): ExperimentResult => ({
  file,
  title: `${file} <b>title</b>`,
  verdict: 'passed',
  reasons: [],
  status: 'completed',
  deviated: false,
  steadyStateBefore: true,
  steadyStateAfter: true,
  duration: 30,
  journal: `${file}.journal.json`,
  ...(rto === null ? {} : { rto: { state: 'recovered', rto, observedFor: rto + 5, objective: 60, observed: rto, impact: true } as ExperimentResult['rto'] }),
  ...over,
});

const night = (date: string, rto: number, commit = date): HistoryRecord =>
  historyRecord(summarize([result('orders-db.json', rto), result('cache.json', 2)], DEFAULT_FAIL_ON, '0.1.0'), { date, commit, environment: 'staging' });

describe('a run compared with its history', () => {
  const earlier = [night('2026-12-02T02:00:00Z', 12), night('2026-12-01T02:00:00Z', 10)];
  const tonight = summarize([result('orders-db.json', 31), result('cache.json', 2)], DEFAULT_FAIL_ON, '0.1.0');
  const current = historyRecord(tonight, { date: '2026-12-03T02:00:00Z', commit: 'c' });

  it('gives a passed experiment that regressed the verdict regressed, which the default fail-on lets pass', () => {
    const compared = withHistory(tonight, current, earlier, { kind: 'percent', value: 25 });
    expect(compared.experiments.map((e) => e.verdict)).toEqual(['regressed', 'passed']);
    expect(compared.experiments[0]?.reasons).toEqual(['regressed: RTO 31 s, 19 s worse than the previous run (12 s; threshold 25%)']);
    expect(compared.gate).toBe('passed');
    expect(compared.counts.regressed).toBe(1);
    expect(compared.history?.runs.map((r) => r.date)).toEqual(['2026-12-01T02:00:00Z', '2026-12-02T02:00:00Z']);
  });

  it('fails the gate on regressed when fail-on lists it', () => {
    const strict = summarize(tonight.experiments, [...DEFAULT_FAIL_ON, 'regressed'], '0.1.0');
    expect(withHistory(strict, current, earlier, { kind: 'percent', value: 25 }).gate).toBe('failed');
  });

  it('leaves the results alone without earlier runs, but says so in the report', () => {
    const compared = withHistory(tonight, current, [], { kind: 'seconds', value: 5 }, ['history not read: HTTP 403']);
    expect(compared.experiments.map((e) => e.verdict)).toEqual(['passed', 'passed']);
    const md = renderReport(compared);
    expect(md).toContain('### History\n\nNo earlier run to compare with.');
    expect(md).toContain('- ⚠️ history not read: HTTP 403');
  });

  it('shows the change in the RTO cell, the trend as text and as a Mermaid xychart, and escapes titles', () => {
    const md = renderReport(withHistory(tonight, current, earlier, { kind: 'percent', value: 25 }));
    expect(md).toContain('31 s (objective 1 min) (▲ 19 s since the last run)');
    expect(md).toContain('2 s (objective 1 min) (no change since the last run)');
    expect(md).toContain('- orders-db.json \\<b\\>title\\</b\\>: RTO `▁▂█` 10 s → 12 s → 31 s; ▲ 21 s since 10 s at the start — 📉 regressed');
    expect(md).toContain('```mermaid\nxychart-beta\n  title "orders-db.json  b title /b : observed RTO"');
    expect(md).toContain('x-axis ["12-01", "12-02", "this run"]');
  });

  it('flags an experiment whose verdict differs between runs of the same commit as flaky', () => {
    const deviated = summarize([result('orders-db.json', 12, { verdict: 'deviated' }), result('cache.json', 2)], DEFAULT_FAIL_ON, '0.1.0');
    const sameCommit = historyRecord(deviated, { date: '2026-12-03T03:00:00Z', commit: 'c' });
    const passedOnC = night('2026-12-03T02:00:00Z', 12, 'c');
    const compared = withHistory(deviated, sameCommit, [passedOnC], { kind: 'percent', value: 25 });
    expect((compared.experiments[0] as ExperimentWithHistory).history?.flaky).toBe(true);
    expect(historySection(compared, escapeCell).join('\n')).toContain('🎲 flaky (verdicts differ on the same commit)');
  });
});

describe('records read back from results.json', () => {
  it('uses the record when there is one, and keeps the run’s own verdict', () => {
    const compared = withHistory(
      summarize([result('orders-db.json', 31)], DEFAULT_FAIL_ON, '0.1.0'),
      night('2026-12-03T02:00:00Z', 31),
      [night('2026-12-02T02:00:00Z', 12)],
      { kind: 'percent', value: 25 },
    );
    const written = JSON.parse(JSON.stringify({ ...compared, record: night('2026-12-03T02:00:00Z', 31) }));
    const read = recordOfResults(written, { date: 'x' });
    expect(read?.experiments.find((e) => e.file === 'orders-db.json')).toMatchObject({ verdict: 'passed', rto: 31, rtoObjective: 60 });
    expect(read?.date).toBe('2026-12-03T02:00:00Z');
  });

  it('makes one from the experiments of an older results.json, and refuses what is not one', () => {
    const older = JSON.parse(JSON.stringify(summarize([result('a.json', 7), result('b.json', null)], DEFAULT_FAIL_ON, '0.1.0')));
    const read = recordOfResults(older, { date: '2026-11-30T00:00:00Z', commit: 'abc', runId: 5 });
    expect(read).toMatchObject({ date: '2026-11-30T00:00:00Z', commit: 'abc', runId: 5, gate: 'passed' });
    expect(read?.experiments.map((e) => [e.file, e.rto, e.rtoObjective ?? null])).toEqual([
      ['a.json', 7, 60],
      ['b.json', null, null],
    ]);
    for (const bad of [null, [], 'x', { tool: 'other', experiments: [] }, { tool: 'chaos-action' }])
      expect(recordOfResults(bad, { date: 'x' })).toBeUndefined();
    // A date that is not an ISO 8601 time is not taken (it orders the runs and is printed).
    expect(
      recordOfResults({ tool: 'chaos-action', gate: 'passed', experiments: [], record: { date: '9999 <!--' } }, { date: '2026-12-01T00:00:00Z' })?.date,
    ).toBe('2026-12-01T00:00:00Z');
    // Wrong types read as not measured, never as a value.
    const odd = recordOfResults(
      { tool: 'chaos-action', gate: 'passed', experiments: [{ file: 'a.json', rto: { observed: '12' } }, { nofile: 1 }] },
      { date: 'x' },
    );
    expect(odd?.experiments).toEqual([{ file: 'a.json', title: 'a.json', verdict: 'invalid', rto: null, rpo: null, duration: 0 }]);
  });
});
