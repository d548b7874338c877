// The probes of one run of the steady-state hypothesis (the check before, the check after, one
// recovery sample) share keep-alive connections; no connection is kept from one run of the
// hypothesis to the next (none across the fault) nor past the experiment; method actions keep
// one connection pool per activity, as Chaos Toolkit's requests Session does.
import { afterEach, describe, expect, it } from 'vitest';
import { runExperiment } from '../../src/engine/runner.js';
import { localRunDependencies } from '../support/engine-deps.js';
import { type HttpTarget, startHttpTarget } from '../support/http-target.js';

let target: HttpTarget | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

const probe = (i: number) => ({ type: 'probe', name: `p${i}`, tolerance: 200, provider: { type: 'http', url: `\${base}/echo/p${i}`, timeout: 5 } });
const action = (i: number) => ({ type: 'action', name: `a${i}`, provider: { type: 'http', url: `\${base}/echo/a${i}`, timeout: 5 } });

describe('connections in a run', () => {
  it('are shared by the probes of each run of the hypothesis and closed when it ends', async () => {
    target = await startHttpTarget();
    const experiment = {
      title: 'shared',
      description: 'd',
      configuration: { base: target.origin },
      'steady-state-hypothesis': { title: 'h', probes: [probe(0), probe(1), probe(2)] },
      method: [action(0), action(1)],
    };
    const outcome = await runExperiment(
      { file: 's.json', experiment, configuration: experiment.configuration, dynamicConfiguration: [], secrets: {} },
      { strategies: { hypothesis: 'default', rollbacks: 'always' }, hypothesisFrequency: 1, failFast: false, dry: null, sampling: false },
      localRunDependencies(),
    );
    expect(outcome.journal.status).toBe('completed');
    const seen = target.requests.map((r) => [r.target.slice('/echo/'.length), r.connection]);
    const before = seen.slice(0, 3);
    const method = seen.slice(3, 5);
    const after = seen.slice(5);
    expect(before.map(([name]) => name)).toEqual(['p0', 'p1', 'p2']);
    expect(method.map(([name]) => name)).toEqual(['a0', 'a1']);
    expect(after.map(([name]) => name)).toEqual(['p0', 'p1', 'p2']);
    // One connection for each run of the hypothesis, one for each action: four in all.
    expect(new Set(before.map(([, c]) => c)).size).toBe(1);
    expect(new Set(after.map(([, c]) => c)).size).toBe(1);
    expect(new Set(seen.map(([, c]) => c)).size).toBe(4);
    // Nothing is left open once the experiment has run.
    await target.idle();
    expect(target.openConnections()).toBe(0);
  });
});
