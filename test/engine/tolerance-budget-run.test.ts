// A tolerance that overruns its budget during a run: the probe fails with the budget's message,
// the steady state is not met and the experiment goes on to its rollbacks; an interruption while a
// slow regex is being matched is answered at once (rollbacks played, journal complete). Against a
// real HTTP target on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProviders } from '../../src/app/providers.js';
import { systemClock } from '../../src/engine/clock.js';
import { silentEvents } from '../../src/engine/events.js';
import { runExperiment } from '../../src/engine/runner.js';
import { judge } from '../../src/report/verdict.js';
import { startToggleServer, type ToggleServer } from '../support/toggle-server.js';

let target: ToggleServer;
beforeAll(async () => {
  target = await startToggleServer();
  target.body = `${'a'.repeat(44)}!`; // ^(a+)+$ tries 2^44 ways to fail on it
});
afterAll(() => target.close());

const HANG_GUARD_MS = 30_000;

function experiment() {
  return {
    title: 'a backtracking tolerance',
    description: 'the probe answers 44 a and a !',
    'steady-state-hypothesis': {
      title: 'answers ok',
      probes: [
        {
          type: 'probe',
          name: 'answers-ok',
          tolerance: { type: 'regex', pattern: '^ok$|^(a+)+$', target: 'body' },
          provider: { type: 'http', url: `${target.url}/health`, timeout: 5 },
        },
      ],
    },
    method: [],
    rollbacks: [{ type: 'action', name: 'heal', provider: { type: 'http', url: `${target.url}/set/200`, timeout: 5 } }],
  };
}

async function run(regexTimeout: number, interruption: AbortSignal) {
  const exp = experiment();
  const never = new AbortController().signal;
  return runExperiment(
    { file: 'budget.json', experiment: exp, configuration: {}, dynamicConfiguration: [], secrets: {} },
    { strategies: { hypothesis: 'default', rollbacks: 'always' }, hypothesisFrequency: 1, failFast: false, dry: null },
    {
      clock: systemClock,
      runProvider: runProviders({ python: 'python3' }),
      events: silentEvents,
      env: { PATH: process.env.PATH ?? '' },
      cwd: process.cwd(),
      interruption: { signal: interruption, hardSignal: never },
      regexTimeout,
    },
  );
}

describe('a tolerance over its budget during a run', () => {
  it(
    'fails the probe with the budget message, and the rollbacks still play',
    async () => {
      target.hits.length = 0;
      const outcome = await run(0.2, new AbortController().signal);
      const { journal } = outcome;
      const before = journal.steady_states.before;
      expect(before?.steady_state_met).toBe(false);
      expect(before?.probes[0]?.status).toBe('failed');
      expect(before?.probes[0]?.tolerance_met).toBe(false);
      expect(before?.probes[0]?.exception?.[0]).toMatch(
        /^chaoslib\.exceptions\.ActivityFailed: the regex \^ok\$\|\^\(a\+\)\+\$ did not finish within 0\.2 s on 45 characters \(the regex-timeout budget/,
      );
      expect(journal.rollbacks.map((r) => [r.activity.name, r.status])).toEqual([['heal', 'succeeded']]);
      expect(target.hits).toContain('GET /set/200');
      expect(outcome.errors).toEqual([]);
      expect(judge(outcome, { allowActionFailure: false }).verdict).toBe('not-ready');
    },
    HANG_GUARD_MS,
  );

  it(
    'answers an interruption during a slow match: interrupted, rollbacks played',
    async () => {
      target.hits.length = 0;
      const interruption = new AbortController();
      const served = setInterval(() => {
        // The probe has its answer: the match of its tolerance has begun (or is about to).
        if (target.hits.includes('GET /health')) {
          clearInterval(served);
          setTimeout(() => interruption.abort(), 100);
        }
      }, 10);
      const outcome = await run(600, interruption.signal);
      clearInterval(served);
      expect(outcome.journal.status).toBe('interrupted');
      expect(outcome.journal.rollbacks.map((r) => [r.activity.name, r.status])).toEqual([['heal', 'succeeded']]);
      expect(judge(outcome, { allowActionFailure: false }).verdict).toBe('interrupted');
    },
    HANG_GUARD_MS,
  );
});
