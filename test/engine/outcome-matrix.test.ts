// Chaos Toolkit's outcome matrix (ctk-semantics §5.11), scenario by scenario, against a real HTTP
// service on 127.0.0.1 and real processes: the journal keeps Chaos Toolkit's status, deviated and
// rollbacks; beside it, our stricter verdict.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localRunDependencies } from '../support/engine-deps.js';
import { type RunOptions, runExperiment } from '../../src/engine/runner.js';
import type { HypothesisStrategy, RollbackStrategy } from '../../src/engine/strategies.js';
import { judge } from '../../src/report/verdict.js';
import { startToggleServer, type ToggleServer } from '../support/toggle-server.js';

let target: ToggleServer;
beforeAll(async () => {
  target = await startToggleServer();
});
afterAll(() => target.close());

const CLOSED = 'http://127.0.0.1:9/health';
const probe = (url = '${base}/health') => ({ type: 'probe', name: 'service-healthy', tolerance: 200, provider: { type: 'http', url, timeout: 2 } });
const call = (name: string, url: string) => ({ type: 'action', name, provider: { type: 'http', url, timeout: 2 } });
const breakIt = call('break-the-service', '${base}/set/500');
const healIt = call('heal-the-service', '${base}/set/200');
const sleep = (seconds: number) => ({ type: 'action', name: `wait-${seconds}`, provider: { type: 'process', path: 'sleep', arguments: [String(seconds)] } });

function experiment(parts: { probes?: unknown[]; method?: unknown[]; rollbacks?: unknown[]; configuration?: Record<string, unknown> }) {
  return {
    title: 'the service survives',
    description: 'outcome matrix',
    configuration: { base: target.url, ...parts.configuration },
    'steady-state-hypothesis': { title: 'healthy', probes: parts.probes ?? [probe()] },
    method: parts.method ?? [],
    rollbacks: parts.rollbacks ?? [healIt],
  };
}

async function run(
  exp: Record<string, unknown>,
  opts: {
    rollbacks?: RollbackStrategy;
    hypothesis?: HypothesisStrategy;
    failFast?: boolean;
    initialStatus?: number;
    frequency?: number;
    dry?: 'probes';
    dynamic?: string[];
  } = {},
) {
  target.status = opts.initialStatus ?? 200;
  const options: RunOptions = {
    strategies: { hypothesis: opts.hypothesis ?? 'default', rollbacks: opts.rollbacks ?? 'default' },
    hypothesisFrequency: opts.frequency ?? 0.05,
    failFast: opts.failFast ?? false,
    dry: opts.dry ?? null,
  };
  const outcome = await runExperiment(
    {
      file: 'matrix.json',
      experiment: exp,
      configuration: exp.configuration as Record<string, unknown>,
      dynamicConfiguration: opts.dynamic ?? [],
      secrets: {},
    },
    options,
    localRunDependencies(),
  );
  const { journal } = outcome;
  return {
    status: journal.status,
    deviated: journal.deviated,
    rollbacks: journal.rollbacks.length > 0 ? 'played' : 'skipped',
    verdict: judge(outcome, { allowActionFailure: false }).verdict,
    lenient: judge(outcome, { allowActionFailure: true }).verdict,
    outcome,
  };
}

describe("outcome matrix with Chaos Toolkit's default strategies", () => {
  it('everything OK: completed, not deviated, rollbacks played — passed', async () => {
    const r = await run(experiment({ method: [sleep(0)] }));
    expect([r.status, r.deviated, r.rollbacks, r.verdict]).toEqual(['completed', false, 'played', 'passed']);
  });

  it('after hypothesis not met: completed and deviated, rollbacks played — deviated', async () => {
    const r = await run(experiment({ method: [breakIt] }));
    expect([r.status, r.deviated, r.rollbacks, r.verdict]).toEqual(['completed', true, 'played', 'deviated']);
    expect(r.outcome.journal.steady_states.after?.probes[0]).toMatchObject({ status: 'succeeded', tolerance_met: false, output: { status: 500 } });
    expect(target.status).toBe(200);
  });

  it('before hypothesis not met by value: completed, exit 0 in Chaos Toolkit — not-ready for us', async () => {
    const r = await run(experiment({ method: [breakIt] }), { initialStatus: 503 });
    expect([r.status, r.deviated, r.rollbacks, r.verdict]).toEqual(['completed', false, 'played', 'not-ready']);
    expect(r.outcome.journal.run).toEqual([]);
  });

  it('before-hypothesis probe errored: failed, rollbacks skipped — not-ready', async () => {
    const r = await run(experiment({ probes: [probe(CLOSED)], method: [breakIt] }));
    expect([r.status, r.deviated, r.rollbacks, r.verdict]).toEqual(['failed', false, 'skipped', 'not-ready']);
    expect(r.outcome.journal.steady_states.before?.probes[0]?.exception?.at(-1)).toMatch(/^chaoslib\.exceptions\.ActivityFailed: failed to connect/);
  });

  it('method action errored: completed, exit 0 in Chaos Toolkit — failed for us, passed with --allow-action-failure', async () => {
    const r = await run(experiment({ method: [call('call-a-dead-port', CLOSED)] }));
    expect([r.status, r.deviated, r.rollbacks, r.verdict, r.lenient]).toEqual(['completed', false, 'played', 'failed', 'passed']);
    expect(r.outcome.journal.run[0]?.status).toBe('failed');
  });

  it('method activity raises an unexpected error: aborted, after hypothesis skipped, rollbacks played — failed', async () => {
    const r = await run(experiment({ configuration: { wait: 'two' }, method: [{ ...sleep(0), pauses: { after: '${wait}' } }, breakIt] }));
    expect([r.status, r.deviated, r.rollbacks, r.verdict]).toEqual(['aborted', false, 'played', 'failed']);
    expect(r.outcome.journal.steady_states.after).toBeNull();
    expect(r.outcome.journal.run).toHaveLength(1);
  });

  it('during-method-only with deviations and no fail-fast: completed, never deviated in Chaos Toolkit — deviated for us', async () => {
    const r = await run(experiment({ method: [breakIt, sleep(0.3), healIt] }), { hypothesis: 'during-method-only' });
    expect([r.status, r.deviated, r.rollbacks, r.verdict]).toEqual(['completed', false, 'played', 'deviated']);
    expect(r.outcome.journal.steady_states.during.some((s) => !s.steady_state_met)).toBe(true);
    expect(r.outcome.journal.steady_states.before).toBeNull();
  });

  it('during-method-only with fail-fast: failed at the first deviation, rollbacks skipped — deviated', async () => {
    const r = await run(experiment({ method: [breakIt, sleep(0.3), sleep(0.3), healIt] }), { hypothesis: 'during-method-only', failFast: true });
    expect([r.status, r.deviated, r.rollbacks, r.verdict]).toEqual(['failed', false, 'skipped', 'deviated']);
    expect(r.outcome.journal.run.length).toBeLessThan(4);
    target.status = 200;
  });

  it('continuously with fail-fast where the after check also deviates: failed is overwritten by completed, deviated', async () => {
    const r = await run(experiment({ method: [breakIt, sleep(0.3), sleep(0.3)] }), { hypothesis: 'continuously', failFast: true });
    expect([r.status, r.deviated, r.rollbacks, r.verdict]).toEqual(['completed', true, 'played', 'deviated']);
  });

  it('a tolerance that cannot judge the value crashes Chaos Toolkit without a journal — aborted with a journal for us', async () => {
    const bad = { ...probe(), tolerance: { type: 'regex', pattern: 'ok' } };
    const r = await run(experiment({ probes: [bad], method: [breakIt] }));
    expect([r.status, r.rollbacks, r.verdict]).toEqual(['aborted', 'played', 'failed']);
    expect(r.outcome.errors[0]).toMatchObject({ phase: 'before', message: expect.stringMatching(/regex tolerance needs a string/) });
  });

  it('an unexpected error in the hypothesis after the method is reported in that phase', async () => {
    const bad = { ...probe(), tolerance: { type: 'regex', pattern: 'ok' } };
    const r = await run(experiment({ probes: [bad], method: [sleep(0)] }), { hypothesis: 'after-method-only' });
    expect(r.outcome.errors[0]?.phase).toBe('after');
  });

  it('a rollback ref that does not resolve crashes Chaos Toolkit — the other rollbacks still run for us', async () => {
    const r = await run(experiment({ method: [breakIt], rollbacks: [{ ref: 'nope' }, healIt] }));
    expect([r.status, r.verdict]).toEqual(['aborted', 'failed']);
    expect(r.outcome.journal.rollbacks.map((x) => x.activity.name)).toEqual(['heal-the-service']);
    expect(target.status).toBe(200);
  });
});

describe('our default rollback strategy is always', () => {
  it('plays the rollbacks after a failed before-hypothesis probe, where Chaos Toolkit skips them', async () => {
    const r = await run(experiment({ probes: [probe(CLOSED)] }), { rollbacks: 'always' });
    expect([r.status, r.rollbacks]).toEqual(['failed', 'played']);
  });

  it('plays the rollbacks after a fail-fast deviation and leaves the service healed', async () => {
    const r = await run(experiment({ method: [breakIt, sleep(0.3), sleep(0.3)] }), { hypothesis: 'during-method-only', failFast: true, rollbacks: 'always' });
    expect([r.status, r.rollbacks]).toEqual(['failed', 'played']);
    expect(target.status).toBe(200);
  });
});

describe('edge cases found in review', () => {
  it('an unexpected error in a background activity leaves the run completed, as in Chaos Toolkit, but fails the verdict', async () => {
    const r = await run(experiment({ method: [{ ...call('bad-url-in-background', 'notaurl'), background: true }, sleep(0.1)] }));
    expect([r.status, r.verdict]).toEqual(['completed', 'failed']);
    expect(r.outcome.journal.steady_states.after?.steady_state_met).toBe(true);
    expect(r.outcome.errors[0]?.activity).toBe('bad-url-in-background');
  });

  it('continuous checks with no pause and dry probes still let the method finish', async () => {
    const r = await run(experiment({ method: [sleep(0.2)] }), { hypothesis: 'continuously', frequency: 0, dry: 'probes' });
    expect(r.status).toBe('completed');
    expect(r.outcome.journal.steady_states.during.length).toBeGreaterThan(1);
  });

  it('a dynamic configuration probe that fails only warns, as in Chaos Toolkit', async () => {
    const dynamic = { type: 'probe', name: 'token', provider: { type: 'process', path: 'sh', arguments: ['-c', 'exit 3'] } };
    const r = await run(experiment({ configuration: { token: dynamic }, method: [sleep(0)] }), { dynamic: ['token'] });
    expect(r.verdict).toBe('passed');
  });

  it('a negative pause aborts the experiment, as time.sleep does in Chaos Toolkit', async () => {
    const r = await run(experiment({ method: [{ ...sleep(0), pauses: { after: -1 } }] }));
    expect([r.status, r.verdict]).toEqual(['aborted', 'failed']);
  });

  it('an infinite pause (from the configuration) aborts the experiment rather than lasting 1 ms', async () => {
    const r = await run(experiment({ configuration: { wait: Number.POSITIVE_INFINITY }, method: [{ ...sleep(0), pauses: { after: '${wait}' } }] }));
    expect([r.status, r.verdict]).toEqual(['aborted', 'failed']);
    expect(r.outcome.errors.map((e) => e.message)).toEqual(['the after pause is not a finite number (Infinity)']);
  });

  it('a ref resolves to the last activity with that name (method first, then the hypothesis), as chaoslib caches them', async () => {
    const first = { type: 'action', name: 'step', provider: { type: 'process', path: 'sh', arguments: ['-c', 'echo first'] } };
    const second = { type: 'action', name: 'step', provider: { type: 'process', path: 'sh', arguments: ['-c', 'echo second'] } };
    const r = await run(experiment({ method: [first, second], rollbacks: [{ ref: 'step' }] }));
    expect((r.outcome.journal.rollbacks[0]!.output as { stdout: string }).stdout).toBe('second\n');
  });
});
