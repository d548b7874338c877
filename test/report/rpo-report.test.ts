// Observed RPO in the verdict and the report: missed-objective when RPO is over its objective
// (or cannot be measured), the observed value with the objective beside it in the table and on the terminal, and each
// experiment's timeline as a Mermaid chart.
import { describe, expect, it } from 'vitest';
import type { DurabilityReport } from '../../src/engine/canary.js';
import { newJournal } from '../../src/engine/journal.js';
import type { RunOutcome } from '../../src/engine/runner.js';
import { type CanaryWrite, measureRpo } from '../../src/engine/rpo.js';
import { type RecoveryState, recoveryState } from '../../src/engine/recovery-state.js';
import type { RecoveryTimeline } from '../../src/engine/sampler.js';
import type { Objectives } from '../../src/experiment/objectives.js';
import { recoveryLine, renderReport } from '../../src/report/markdown.js';
import { resultOf, summarize } from '../../src/report/results.js';
import { chartLegend, mermaidGantt, recoveryChart, segments } from '../../src/report/timeline-chart.js';
import { judge } from '../../src/report/verdict.js';

const writes = (n: number, failed: number[] = []): CanaryWrite[] =>
  Array.from({ length: n }, (_, i) => ({ seq: i + 1, at: i * 0.2, acknowledged: !failed.includes(i + 1), latency: 0.01 }));

function durability(patch: Partial<DurabilityReport> = {}): DurabilityReport {
  return {
    canary: 'postgres',
    run: 'm0-abc123',
    interval: 0.2,
    timeout: 1,
    observedFor: 2,
    acknowledged: 10,
    failed: 0,
    lost: 0,
    rpo: 0,
    lowerBound: false,
    lostRanges: [],
    strays: 0,
    readAttempts: 1,
    notes: [],
    writes: writes(10),
    ...patch,
  };
}

const timeline = (met: boolean[]): RecoveryTimeline => ({
  interval: 0.25,
  stable: 3,
  observedFor: met.length * 0.25,
  window: 60,
  ended: 'recovered',
  budget: 120,
  sampleRequests: met.length,
  samples: met.map((m, i) => ({ at: i * 0.25, met: m, probes: [] })),
});

/** What the timeline means, as the runner works it out (the fault in effect at once, no checks). */
const stateOf = (recovery?: RecoveryTimeline): RecoveryState =>
  recovery
    ? recoveryState({
        dry: null,
        hypothesis: true,
        sampling: true,
        before: true,
        fault: { inEffectAt: 0 },
        samples: recovery.samples,
        during: [],
        after: null,
        ended: recovery.ended,
        observedFor: recovery.observedFor,
      })
    : { state: 'not-measured', why: 'no steady-state hypothesis' };

function outcome(objectives: Objectives, d?: DurabilityReport, recovery?: RecoveryTimeline): RunOutcome {
  const journal = newJournal({ title: 'db failover' }, 's');
  journal.status = 'completed';
  return {
    journal,
    errors: [],
    rollbacks: 'played',
    strategies: { hypothesis: 'default', rollbacks: 'always' },
    objectives,
    ...(d ? { durability: d } : {}),
    ...(recovery ? { recovery } : {}),
    recoveryState: stateOf(recovery),
  };
}
const verdictOf = (o: RunOutcome) => judge(o, { allowActionFailure: false });

describe('the verdict', () => {
  it('passes an observed RPO within the objective', () => {
    expect(verdictOf(outcome({ rpo: 1 }, durability({ rpo: 0.6, lost: 3, lostRanges: [[4, 6]] }))).verdict).toBe('passed');
  });

  it('misses the objective when the observed RPO is over it, saying how much was lost', () => {
    expect(verdictOf(outcome({ rpo: 1 }, durability({ rpo: 1.4, lost: 7, lostRanges: [[2, 8]] })))).toEqual({
      verdict: 'missed-objective',
      reasons: ['observed RPO 1.4 s is over the objective of 1 s: 7 of 10 acknowledged canary writes lost'],
    });
  });

  it('treats an objective of 0 as "nothing acknowledged may be lost", even when the span is 0', () => {
    expect(verdictOf(outcome({ rpo: 0 }, durability({ rpo: 0, lost: 1, lowerBound: true, lostRanges: [[1, 1]] }))).reasons).toEqual([
      '1 of 10 acknowledged canary writes lost (observed RPO at least 0 s); the RPO objective of 0 s allows no loss',
    ]);
  });

  it('judges a lower bound like the same loss after a survivor: one lost write at the fault misses a shorter objective', () => {
    // The first write (at the fault) lost and nothing before it: the span counts from the tick before.
    const w = writes(5);
    const m = measureRpo(w, [2, 3, 4, 5], 0.2);
    expect(m).toMatchObject({ rpo: 0.2, lost: 1, lowerBound: true });
    expect(verdictOf(outcome({ rpo: 0.1 }, durability({ ...m, writes: w }))).reasons).toEqual([
      'observed RPO at least 0.2 s is over the objective of 0.1 s: 1 of 5 acknowledged canary writes lost',
    ]);
  });

  it('tells a canary that could not start (configuration) from a loss', () => {
    const d = durability({
      rpo: null,
      lost: null,
      acknowledged: 0,
      writes: [],
      readAttempts: 0,
      error: 'the canary could not start: password authentication failed for user "canary"',
    });
    expect(verdictOf(outcome({ rpo: 0 }, d)).reasons).toEqual([
      'observed RPO unknown: the canary could not start: password authentication failed for user "canary"; RPO objective 0 s',
    ]);
    const md = renderReport(summarize([result({ rpo: 0 }, d)], [], '0.1.0'));
    expect(md).toContain('canary: ? of 0 acknowledged writes lost, 0 failed (the canary could not start: password authentication failed for user "canary")');
    expect(md).toContain('| unknown (objective 0 s)<br>0 writes acknowledged |');
  });

  it('misses the objective when RPO could not be measured', () => {
    expect(
      verdictOf(outcome({ rpo: 5 }, durability({ rpo: null, lost: null, error: 'could not read the records that survived: no answer within 1 s' }))).reasons,
    ).toEqual(['observed RPO unknown: could not read the records that survived: no answer within 1 s; RPO objective 5 s']);
  });

  it('gives both reasons when RTO and RPO are both over their objectives', () => {
    const v = verdictOf(
      outcome({ rto: 0.5, rpo: 0 }, durability({ rpo: 0.4, lost: 2, lostRanges: [[3, 4]] }), timeline([true, false, false, false, true, true, true])),
    );
    expect(v.verdict).toBe('missed-objective');
    expect(v.reasons).toEqual([
      'observed RTO 1 s is over the objective of 0.5 s',
      'observed RPO 0.4 s is over the objective of 0 s: 2 of 10 acknowledged canary writes lost',
    ]);
  });

  it('does not judge RPO without an objective', () => {
    expect(verdictOf(outcome({}, durability({ rpo: 3, lost: 15 }))).verdict).toBe('passed');
  });
});

const result = (objectives: Objectives, d?: DurabilityReport, recovery?: RecoveryTimeline) => {
  const o = outcome(objectives, d, recovery);
  const v = verdictOf(o);
  return resultOf('db.yaml', o.journal, v.verdict, v.reasons, null, {
    ...(recovery ? { timeline: recovery, state: o.recoveryState } : {}),
    ...(d ? { durability: d } : {}),
    objectives,
  });
};

describe('results and the report', () => {
  it('records observed RPO, the objective and the counts in results.json', () => {
    expect(result({ rpo: 0 }, durability({ rpo: 0.8, lost: 4, failed: 2, lostRanges: [[3, 6]], writes: writes(10, [9, 10]) })).rpo).toEqual({
      observed: 0.8,
      objective: 0,
      acknowledged: 10,
      lost: 4,
      failed: 2,
      lowerBound: false,
    });
  });

  it('shows the observed RPO with the objective beside it, and how many writes were lost, in the RPO column', () => {
    const md = renderReport(summarize([result({ rpo: 0 }, durability({ rpo: 0.8, lost: 4, lostRanges: [[3, 6]] }))], ['missed-objective'], '0.1.0'));
    expect(md).toMatch(/\|\s+0\.8 s \(objective 0 s\)<br>4 of 10 writes lost\s+\|/);
  });

  it('marks a lower bound, an unknown RPO, and an RPO without objective', () => {
    const cell = (r: ReturnType<typeof result>) => /\| (\S[^|]*writes[^|]*?)\s+\|/.exec(renderReport(summarize([r], [], '0.1.0')))?.[1];
    expect(cell(result({ rpo: 1 }, durability({ rpo: 0.4, lost: 3, lowerBound: true, lostRanges: [[1, 3]] })))).toBe(
      '≥ 0.4 s (objective 1 s)<br>3 of 10 writes lost',
    );
    expect(cell(result({ rpo: 1 }, durability({ rpo: null, lost: null, error: 'x' })))).toBe('unknown (objective 1 s)<br>10 writes acknowledged');
    expect(cell(result({}, durability()))).toBe('0 s<br>0 of 10 writes lost');
  });

  it('prints RTO and RPO on one terminal line', () => {
    expect(
      recoveryLine(result({ rto: 30, rpo: 0 }, durability({ rpo: 0.8, lost: 4, failed: 2, lostRanges: [[3, 6]] }), timeline([true, false, true, true, true]))),
    ).toBe('RTO 0.5 s (objective 30 s) · RPO 0.8 s (objective 0 s; 4 of 10 writes lost, 2 failed)');
    expect(recoveryLine(result({}))).toBeUndefined();
  });

  it('draws the timeline of an experiment whose canary lost writes as a Mermaid chart, with no user text inside', () => {
    const d = durability({ rpo: 0.4, lost: 2, failed: 1, lostRanges: [[4, 5]], writes: writes(10, [6]) });
    const r = { ...result({ rpo: 0 }, d, timeline([true, true, false, false, true, true, true, true])), title: 'Orders ```mermaid <b>' };
    const md = renderReport(summarize([r], [], '0.1.0'));
    expect(md).toContain(
      '- Orders \\`\\`\\`mermaid \\<b\\>: `▁▁██▁▁▁▁` (from the fault to 2 s; █ steady state not met) — canary: 2 of 10 acknowledged writes lost, 1 failed\n\n```mermaid\ngantt\n',
    );
    expect(md).toContain(
      [
        '    section Steady state',
        '    met :946684800000, 946684800500',
        '    not met :crit, 946684800500, 946684801000',
        '    met :946684801000, 946684802000',
      ].join('\n'),
    );
    expect(md).toContain(
      [
        '    section Canary writes',
        '    kept :done, 946684800000, 946684800600',
        '    lost :crit, 946684800600, 946684801000',
        '    failed :active, 946684801000, 946684801200',
        '    kept :done, 946684801200, 946684802000',
        '```',
      ].join('\n'),
    );
  });

  it('lists what the canary noted, and the legend of the bars it drew', () => {
    const d = durability({ rpo: 0.4, lost: 2, lostRanges: [[4, 5]], notes: ['the survivors were read at attempt 3, 1.2 s after the first'] });
    const r = result({ rpo: 0 }, d);
    expect(r.rpo?.notes).toEqual(['the survivors were read at attempt 3, 1.2 s after the first']);
    const md = renderReport(summarize([r], [], '0.1.0'));
    expect(md).toContain(
      '- db failover — canary: 2 of 10 acknowledged writes lost, 0 failed; note: the survivors were read at attempt 3, 1.2 s after the first\n',
    );
    expect(md).toContain('```\n\nCanary writes: kept = acknowledged and still there after recovery; lost = acknowledged, then missing after recovery.\n');
    expect(result({ rpo: 0 }, durability()).rpo).not.toHaveProperty('notes');
  });

  it('lists no timeline when nothing happened', () => {
    expect(renderReport(summarize([result({ rpo: 0 }, durability(), timeline([true, true, true]))], [], '0.1.0'))).not.toContain('Recovery timelines');
  });
});

describe('the chart', () => {
  it('says what became of each write: kept, lost or failed', () => {
    const d = durability({ rpo: 0.2, lost: 1, failed: 1, lostRanges: [[4, 4]], writes: writes(4, [2]) });
    expect(recoveryChart(undefined, d)?.canary).toEqual([
      { from: 0, to: 0.2, state: 'kept' },
      { from: 0.2, to: 0.4, state: 'failed' },
      { from: 0.4, to: 0.6, state: 'kept' },
      { from: 0.6, to: 2, state: 'lost' },
    ]);
  });

  it('draws acknowledged writes as unverified, not kept, when the survivors could not be read', () => {
    const d = durability({
      rpo: null,
      lost: null,
      failed: 1,
      lostRanges: [],
      writes: writes(4, [3]),
      error: 'could not read the records that survived: no answer within 1 s',
    });
    const chart = recoveryChart(undefined, d) as NonNullable<ReturnType<typeof recoveryChart>>;
    expect(chart.canary).toEqual([
      { from: 0, to: 0.4, state: 'unverified' },
      { from: 0.4, to: 0.6, state: 'failed' },
      { from: 0.6, to: 2, state: 'unverified' },
    ]);
    const gantt = mermaidGantt(chart);
    expect(gantt).toContain('    unverified :done, crit, 946684800000, 946684800400');
    expect(gantt).not.toMatch(/^ {4}kept /m);
    expect(chartLegend(chart)).toBe(
      'Canary writes: failed = not acknowledged (unavailability, not loss); unverified = acknowledged, survival unknown (the survivors could not be read).',
    );
    const md = renderReport(summarize([result({ rpo: 0 }, d)], [], '0.1.0'));
    expect(md).toContain('unverified = acknowledged, survival unknown');
  });

  it('covers the longest of samples and writes without spreading them into Math.max (200,000 writes)', () => {
    // Math.max(...list) overflows the call stack from about 130,000 items.
    const many = Array.from({ length: 200_000 }, (_, i): CanaryWrite => ({ seq: i + 1, at: i * 0.025, acknowledged: true, latency: 0.001 }));
    const chart = recoveryChart(timeline([true, false, true]), durability({ observedFor: 1, writes: many }));
    expect(chart?.until).toBe(4999.975);
    expect(chart?.canary).toEqual([{ from: 0, to: 4999.975, state: 'kept' }]);
  });

  it('merges runs of the same state, each point lasting until the next', () => {
    expect(
      segments(
        [
          { at: 0, state: 'a' },
          { at: 1, state: 'a' },
          { at: 2, state: 'b' },
        ],
        3,
        ['a', 'b'],
      ),
    ).toEqual([
      { from: 0, to: 2, state: 'a' },
      { from: 2, to: 3, state: 'b' },
    ]);
  });

  it('keeps at most 40 bars, each slice of time showing its worst state', () => {
    const points = Array.from({ length: 400 }, (_, i) => ({ at: i * 0.1, state: i === 123 ? 'bad' : 'good' }));
    const s = segments(points, 40, ['good', 'bad']);
    expect(s).toEqual([
      { from: 0, to: 12, state: 'good' },
      { from: 12, to: 13, state: 'bad' },
      { from: 13, to: 40, state: 'good' },
    ]);
  });

  it('covers the longer of the sampling and the canary, and nothing when neither ran', () => {
    expect(recoveryChart(timeline([true, true]), durability({ observedFor: 3 }))?.until).toBe(3);
    expect(recoveryChart(undefined, undefined)).toBeUndefined();
    expect(mermaidGantt({ until: 1, steadyState: [], canary: [{ from: 0, to: 1, state: 'kept' }] })).toBe(
      [
        '```mermaid',
        'gantt',
        '    dateFormat x',
        '    axisFormat %M:%S',
        '    todayMarker off',
        '    section Canary writes',
        '    kept :done, 946684800000, 946684801000',
        '```',
      ].join('\n'),
    );
  });
});
