// Observed RTO against a service whose outage has a known length (the ground truth): measured
// within ±(sample interval + 50 ms), with the after-hypothesis judged at recovery when an RTO
// objective is set, and the verdict missed-objective when recovery takes longer.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { localRunDependencies } from '../support/engine-deps.js';
import { runExperiment } from '../../src/engine/runner.js';
import type { HypothesisStrategy } from '../../src/engine/strategies.js';
import type { Objectives, SamplingSettings } from '../../src/experiment/objectives.js';
import { recoveryLine, renderReport } from '../../src/report/markdown.js';
import { resultOf, summarize } from '../../src/report/results.js';
import { judge } from '../../src/report/verdict.js';
import { type OutageServer, startOutageServer } from '../support/outage-server.js';

let target: OutageServer;
beforeAll(async () => {
  target = await startOutageServer();
});
afterAll(() => target.close());
// No outage left over from the test before (some end before their outage does).
beforeEach(async () => {
  await fetch(`${target.url}/outage/0`);
});

async function run(method: unknown[], sampling: Partial<SamplingSettings>, objectives: Objectives = {}, hypothesis: HypothesisStrategy = 'default') {
  const experiment = {
    title: 'recovers',
    description: 'd',
    configuration: { base: target.url },
    'steady-state-hypothesis': {
      title: 'h',
      probes: [{ type: 'probe', name: 'health', tolerance: 200, provider: { type: 'http', url: '${base}/health', timeout: 1 } }],
    },
    method,
  };
  const outcome = await runExperiment(
    { file: 'r.json', experiment, configuration: experiment.configuration, dynamicConfiguration: [], secrets: {} },
    {
      strategies: { hypothesis, rollbacks: 'always' },
      hypothesisFrequency: 1,
      failFast: false,
      dry: null,
      recovery: { objectives, sampling: { interval: 0.1, timeout: 1, stable: 3, ...sampling } },
    },
    localRunDependencies(),
  );
  return { outcome, verdict: judge(outcome, { allowActionFailure: false }) };
}

const outage = (ms: number) => ({ type: 'action', name: `outage-${ms}ms`, provider: { type: 'http', url: `\${base}/outage/${ms}` } });

describe('observed RTO', () => {
  it.each([
    [400, 0.1],
    [800, 0.2],
    [1200, 0.25],
  ])('measures a %i ms outage sampled every %s s within ±(interval + 50 ms)', async (ms, interval) => {
    // An objective well above the outage: the rollbacks wait for recovery, so it is observed.
    const { outcome } = await run([outage(ms)], { interval }, { rto: 10 });
    const state = outcome.recoveryState;
    if (state.state !== 'recovered') throw new Error(`expected recovered, got ${JSON.stringify(state)}`);
    expect(Math.abs(state.rto - ms / 1000)).toBeLessThanOrEqual(interval + 0.05);
  });

  it('reports no impact when nothing failed, from the check after the method: no sample sends the same probes beside it', async () => {
    const before = target.requests('/health');
    const { outcome } = await run([{ type: 'action', name: 'noop', provider: { type: 'process', path: 'true' } }], {});
    expect(outcome.recoveryState.state).toBe('no-impact');
    expect(outcome.recovery).toMatchObject({ ended: 'method-ended', sampleRequests: 0, samples: [] });
    // The checks before and after, as Chaos Toolkit sends them, and nothing more.
    expect(target.requests('/health') - before).toBe(2);
  });

  it('takes one sample as the method ends when no check follows it (strategy before-method-only), and reads no impact from it', async () => {
    const before = target.requests('/health');
    const { outcome } = await run([{ type: 'action', name: 'noop', provider: { type: 'process', path: 'true' } }], {}, {}, 'before-method-only');
    expect(outcome.journal.steady_states.after).toBeNull();
    expect(outcome.recoveryState.state).toBe('no-impact');
    expect(outcome.recovery).toMatchObject({ ended: 'method-ended', sampleRequests: 1 });
    expect(outcome.recovery?.samples).toHaveLength(1);
    expect(target.requests('/health') - before).toBe(2);
  });

  it('reports not recovered when the window ends first, and that misses the objective', async () => {
    const { outcome, verdict } = await run(
      [{ type: 'action', name: 'break-forever', provider: { type: 'http', url: '${base}/forever' } }],
      { window: 0.6 },
      { rto: 0.3 },
    );
    expect(outcome.recoveryState).toMatchObject({ state: 'not-recovered' });
    expect(verdict.verdict).toBe('missed-objective');
    expect(verdict.reasons[0]).toMatch(/^not recovered within/);
    await fetch(`${target.url}/outage/0`);
  });

  it('judges the steady state after at recovery when the RTO objective allows it: a 600 ms outage passes a 3 s objective', async () => {
    const { outcome, verdict } = await run([outage(600)], {}, { rto: 3 });
    expect(outcome.journal.deviated).toBe(false);
    expect(verdict.verdict).toBe('passed');
  });

  it('calls a recovery slower than the objective missed-objective, not deviated', async () => {
    const { outcome, verdict } = await run([outage(900)], {}, { rto: 0.3 });
    expect(outcome.recoveryState).toMatchObject({ state: 'recovered', rto: expect.any(Number) });
    expect((outcome.recoveryState as { rto: number }).rto).toBeGreaterThan(0.3);
    expect(verdict.verdict).toBe('missed-objective');
    expect(verdict.reasons[0]).toMatch(/^observed RTO .* is over the objective of 0\.3 s$/);
  });

  it("keeps Chaos Toolkit's timing without an objective: judged at once, and the sample taken as the method ended is the last", async () => {
    // An outage long enough that even a busy machine checks the steady state inside it.
    const { outcome, verdict } = await run([outage(5000)], {});
    await fetch(`${target.url}/outage/0`);
    expect(outcome.journal.deviated).toBe(true);
    expect(verdict.verdict).toBe('deviated');
    // The rollbacks are not held back: sampling stopped when the method ended, not at recovery.
    expect(outcome.recovery?.ended).toBe('method-ended');
    expect(outcome.recovery?.observedFor as number).toBeLessThan(5);
    // The last evidence is failing (the check after the method, or on a busy machine the sample
    // that finished after it): not recovered, never no impact.
    expect(outcome.recoveryState).toMatchObject({ state: 'not-recovered' });
    expect(['after', 'sample']).toContain((outcome.recoveryState as { failing: string }).failing);
  });

  it('reads a deviation as not recovered, never no impact, when samples before the fault took effect were met', async () => {
    // The first action takes 600 ms and changes nothing: the samples during it (every 250 ms) are
    // met. The fault (the second action) breaks the service for good and the method ends at once:
    // the check after the method fails before the next sample is due.
    const { outcome, verdict } = await run(
      [
        { type: 'action', name: 'prepare', provider: { type: 'process', path: 'sleep', arguments: ['0.6'] } },
        { type: 'action', name: 'break-forever', provider: { type: 'http', url: '${base}/forever' } },
      ],
      { interval: 0.25 },
    );
    await fetch(`${target.url}/outage/0`);
    expect(verdict.verdict).toBe('deviated');
    expect(outcome.recoveryState).toMatchObject({ state: 'not-recovered' });
    const result = resultOf('r.json', outcome.journal, verdict.verdict, verdict.reasons, null, {
      state: outcome.recoveryState,
      ...(outcome.recovery ? { timeline: outcome.recovery } : {}),
    });
    expect(result.rto).toMatchObject({ impact: true, observed: null });
    expect(recoveryLine(result)).toMatch(/^RTO not recovered \(still failing at [\d.]+ s\)$/);
    expect(renderReport(summarize([result], [], '0.1.0'))).not.toContain('no impact');
  });
});
