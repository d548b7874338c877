// Recovery sampling must not flood staging: a budget of samples per experiment, a probe that several
// refs name run once per sample, and switches to turn it off; every request counted at the server.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DryMode } from '../../src/engine/activity.js';
import { localRunDependencies } from '../support/engine-deps.js';
import { runExperiment } from '../../src/engine/runner.js';
import { type RecoverySettings, SAMPLE_BUDGET } from '../../src/experiment/objectives.js';
import { judge } from '../../src/report/verdict.js';
import { type CountingServer, startCountingServer } from '../support/counting-server.js';

let target: CountingServer;
beforeAll(async () => {
  target = await startCountingServer();
});
beforeEach(() => target.reset());
afterAll(() => target.close());

const health = { type: 'probe', name: 'health', tolerance: 200, provider: { type: 'http', url: '${base}/health', timeout: 5 } };
const noop = (pause = 0) => ({ type: 'action', name: 'noop', provider: { type: 'process', path: 'true' }, ...(pause ? { pauses: { after: pause } } : {}) });

interface Options {
  readonly probes?: unknown[];
  readonly recovery?: Partial<RecoverySettings>;
  readonly sampling?: boolean;
  readonly dry?: DryMode;
}

async function run(method: unknown[], options: Options = {}) {
  const experiment = {
    title: 'sampled',
    description: 'd',
    configuration: { base: target.url },
    'steady-state-hypothesis': { title: 'h', probes: options.probes ?? [health] },
    method,
  };
  const outcome = await runExperiment(
    { file: 's.json', experiment, configuration: experiment.configuration, dynamicConfiguration: [], secrets: {} },
    {
      strategies: { hypothesis: 'default', rollbacks: 'always' },
      hypothesisFrequency: 1,
      failFast: false,
      dry: options.dry ?? null,
      recovery: { objectives: {}, sampling: { interval: 0.05, timeout: 5, stable: 3 }, ...options.recovery },
      ...(options.sampling !== undefined ? { sampling: options.sampling } : {}),
    },
    localRunDependencies(),
  );
  return { outcome, verdict: judge(outcome, { allowActionFailure: false }) };
}

describe('the sampling budget', () => {
  it(`stops after ${SAMPLE_BUDGET} samples, runs a probe three entries name once per sample, and says the budget stopped it`, async () => {
    // Three hypothesis entries, one probe: Chaos Toolkit runs it three times per check; a sample once.
    const probes = [health, { ref: 'health', tolerance: 200 }, { ref: 'health', tolerance: [200, 204] }];
    // The action lasts until the server has seen the check before (3) and a budget of samples
    // (1 request each), and answered the last of them (it answers 300 ms later: every sample ends
    // before the action does); the pause after it leaves time for many more samples at 10 ms.
    const waitForBudget = {
      type: 'action',
      name: 'wait-for-the-sampler',
      provider: { type: 'http', url: `\${base}/wait-for/${3 + SAMPLE_BUDGET}/300`, timeout: 90 },
      pauses: { after: 0.5 },
    };
    const { outcome } = await run([waitForBudget], { probes, recovery: { sampling: { interval: 0.01, timeout: 5, stable: 3 } } });
    expect(outcome.recovery).toMatchObject({ ended: 'budget', budget: SAMPLE_BUDGET, sampleRequests: SAMPLE_BUDGET });
    expect(outcome.recovery?.samples).toHaveLength(SAMPLE_BUDGET);
    // Counted at the server: the checks before and after (3 each) and the budget, nothing more.
    expect(target.health).toBe(3 + SAMPLE_BUDGET + 3);
    // Every sample came before the fault was in full effect (the action had not ended): not measured.
    expect(outcome.recoveryState).toEqual({ state: 'not-measured', why: 'sampling budget spent' });
  });

  it('finishes a sample in flight when sampling stops, instead of counting it failed', async () => {
    // Every answer takes 300 ms: the check after the method and the last sample overlap, and the
    // rollbacks begin while a sample is in flight (it used to be cut, and read as "not recovered"
    // beside a passed experiment).
    target.delay = 300;
    const { outcome, verdict } = await run([noop(0.1)]);
    expect(verdict.verdict).toBe('passed');
    expect(outcome.recovery?.samples.every((s) => s.met)).toBe(true);
    expect(outcome.recoveryState.state).toBe('no-impact');
  });
});

describe('sampling off', () => {
  it('sends no sample request when the run turns sampling off (--no-sampling)', async () => {
    const { outcome, verdict } = await run([noop(0.5)], { sampling: false });
    expect(target.health).toBe(2);
    expect(outcome.recovery).toBeUndefined();
    expect(outcome.recoveryState).toEqual({ state: 'not-measured', why: 'sampling off' });
    expect(verdict.verdict).toBe('passed');
  });

  it('sends no sample request when the experiment turns sampling off (sampling: false)', async () => {
    const { outcome } = await run([noop(0.5)], { recovery: { samplingOff: true } });
    expect(target.health).toBe(2);
    expect(outcome.recoveryState).toEqual({ state: 'not-measured', why: 'sampling off' });
  });

  it('samples nothing in a dry run: no fault, nothing to measure', async () => {
    const { outcome } = await run([noop(0.5)], { dry: 'actions' });
    expect(target.health).toBe(2);
    expect(outcome.recovery).toBeUndefined();
    expect(outcome.recoveryState).toEqual({ state: 'not-measured', why: 'dry run' });
  });
});
