// `chaos-action run --dry …` through the bundled CLI, against a real local service: a dry run has
// its own outcome (verdict and gate dry-run, never passed), fails by default, succeeds only when
// fail-on leaves dry-run out, says what it skipped, and fails like the real run on a plan that
// would be refused or would fail.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCliAsync } from '../support/cli.js';
import { writeCorpus } from '../support/corpus.js';
import { startToggleServer, type ToggleServer } from '../support/toggle-server.js';

let target: ToggleServer;
beforeAll(async () => {
  target = await startToggleServer();
});
afterAll(() => target.close());
beforeEach(() => {
  target.status = 200;
  target.hits.length = 0;
});

const http = (type: 'probe' | 'action', name: string, route: string, extra: Record<string, unknown> = {}) => ({
  type,
  name,
  provider: { type: 'http', url: `\${base}${route}`, timeout: 3 },
  ...extra,
});

/** The fragile service's shape: healthy before, a fault that breaks it, a rollback that heals it. */
const breaksTheService = {
  title: 'the service survives losing its file',
  description: 'd',
  configuration: { base: { type: 'env', key: 'TARGET', default: 'x' } },
  'steady-state-hypothesis': { title: 'h', probes: [http('probe', 'healthy', '/health', { tolerance: 200 })] },
  method: [http('action', 'lose-the-exchange-file', '/set/500', { pauses: { after: 0.2 } })],
  rollbacks: [http('action', 'restore-the-file', '/set/200')],
};

async function run(experiment: unknown, flags: string[], env: Record<string, string> = {}) {
  const dir = writeCorpus([{ name: 'exp.json', content: JSON.stringify(experiment) }]);
  const out = path.join(dir, 'out');
  const r = await runCliAsync(['run', '--journal-dir', out, ...flags, path.join(dir, 'exp.json')], { env: { TARGET: target.url, ...env } });
  const read = (name: string) => readFileSync(path.join(out, name), 'utf8');
  return { ...r, results: JSON.parse(read('results.json')), journal: JSON.parse(read('exp.journal.json')), report: read('report.md') };
}

describe('chaos-action run --dry actions', () => {
  it('injects nothing, reads dry-run (never passed), marks what it skipped, and exits 1 by default', async () => {
    const r = await run(breaksTheService, ['--dry', 'actions', '--rto', '30s']);
    expect(r.code, r.stderr).toBe(1);
    // Nothing was injected: the probes ran, the actions did not, and no recovery was measured.
    expect(target.hits).not.toContain('GET /set/500');
    expect(target.hits).toContain('GET /health');
    expect(r.stderr).toMatch(/INFO +Action: lose-the-exchange-file \(skipped: dry run\)/);
    expect(r.stderr).toMatch(/INFO +Action: restore-the-file \(skipped: dry run\)/);
    expect(r.stderr).toMatch(/INFO +Probe: healthy$/m);
    expect(r.stdout).toContain('🧪 dry-run          the service survives losing its file');
    expect(r.stdout).toContain('🧪 dry run (--dry actions): nothing was injected');
    expect(r.stdout).toContain('gate dry-run (fail-on lists dry-run: leave it out for a dry run to exit 0): dry-run');
    expect(r.stdout).not.toContain('gate passed');

    expect(r.results).toMatchObject({ dry: 'actions', verdict: 'dry-run', gate: 'dry-run' });
    expect(r.results.counts).toMatchObject({ passed: 0, 'dry-run': 1 });
    // Nothing was injected, so nothing was measured: never a reassuring RTO.
    expect(r.results.experiments[0].rto).toMatchObject({ state: 'not-measured', why: 'dry run', observed: null });
    expect(r.results.experiments[0]).toMatchObject({
      verdict: 'dry-run',
      reasons: [
        'dry run (--dry actions): nothing was injected; 2 activities skipped: method action "lose-the-exchange-file", rollbacks action "restore-the-file"',
      ],
      skipped: [
        { activity: 'lose-the-exchange-file', type: 'action', phase: 'method' },
        { activity: 'restore-the-file', type: 'action', phase: 'rollbacks' },
      ],
    });
    expect(r.report).toMatch(/^## Chaos experiments: 🧪 dry run \(--dry actions\): nothing was injected — gate dry-run\n/);
    expect(r.report).toContain('| 🧪 dry-run |');
    expect(r.report).toContain(
      '### Skipped by the dry run\n\n- the service survives losing its file: method action lose-the-exchange-file, rollbacks action restore-the-file\n',
    );

    // The journal stays Chaos Toolkit's: dry actions succeeded with no output; the verdict is ours.
    expect(r.journal.experiment.dry).toBe('actions');
    expect(r.journal.status).toBe('completed');
    expect(r.journal.run[0]).toMatchObject({ status: 'succeeded', output: null });
    expect(r.journal.rollbacks[0]).toMatchObject({ status: 'succeeded', output: null });
    expect(r.journal['chaos-action'].verdict).toBe('dry-run');
  });

  it('exits 0 when --fail-on leaves dry-run out, and the gate still reads dry-run, never passed', async () => {
    const r = await run(breaksTheService, ['--dry', 'actions', '--fail-on', 'not-ready,missed-objective,deviated,interrupted,failed,invalid']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.results).toMatchObject({ dry: 'actions', verdict: 'dry-run', gate: 'dry-run' });
    expect(r.stdout).toContain('gate dry-run (fail-on leaves dry-run out: exit 0, but never a pass): dry-run');
    expect(target.hits).not.toContain('GET /set/500');
  });

  it('keeps a worse verdict: a service already down before the fault is not-ready, and the gate failed', async () => {
    target.status = 503;
    const r = await run(breaksTheService, ['--dry', 'actions']);
    expect(r.code).toBe(1);
    expect(r.results).toMatchObject({ dry: 'actions', verdict: 'not-ready', gate: 'failed' });
    expect(r.report).toMatch(/^## Chaos experiments: ⏸️ not-ready — gate failed\n\n🧪 dry run \(--dry actions\): nothing was injected\n/);
  });

  it('fails, as the real run would, when a chaosaws action would fail before changing anything', async () => {
    // chaosaws raises on terminate_random_instances without asg_names or tags: no AWS call is needed to know it.
    const terminate = {
      title: 'terminate some web instances',
      description: 'd',
      method: [{ type: 'action', name: 'kill-some', provider: { type: 'python', module: 'chaosaws.asg.actions', func: 'terminate_random_instances' } }],
    };
    const r = await run(terminate, ['--dry', 'actions', '--fail-on', 'failed']);
    expect(r.code, r.stderr).toBe(1);
    const reason = 'method action "kill-some" would fail before changing anything: one of the following arguments are required: asg_names or tags';
    expect(r.results).toMatchObject({ dry: 'actions', verdict: 'failed', gate: 'failed' });
    expect(r.results.experiments[0].reasons).toEqual([reason]);
    expect(r.stdout).toContain(`💥 failed           terminate some web instances`);
    expect(r.stdout).toContain(reason);
    expect(r.stdout).toContain('gate failed: failed');
  });

  it("fails, as the real run would, when the guardrails would refuse a chaosaws action's change", async () => {
    const publish = {
      title: 'publish a metric',
      description: 'd',
      method: [
        {
          type: 'action',
          name: 'publish',
          provider: {
            type: 'python',
            module: 'chaosaws.cloudwatch.actions',
            func: 'put_metric_data',
            arguments: { namespace: 'chaos', metric_data: [{ MetricName: 'm', Value: 1 }] },
          },
        },
      ],
    };
    // A namespace has no tags, so required-tags refuses it; no request leaves the machine before that.
    const aws = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: 'http://127.0.0.1:9' };
    const r = await run(publish, ['--dry', 'actions', '--required-tags', 'chaos=allowed'], aws);
    expect(r.code, r.stderr).toBe(1);
    expect(r.results).toMatchObject({ verdict: 'failed', gate: 'failed' });
    expect(r.results.experiments[0].reasons).toEqual([
      'method action "publish" would be refused: cloudwatch:PutMetricData to cloudwatch:namespace chaos (tags unknown): REFUSED by the guardrails: required-tags chaos=allowed: the tags of cloudwatch:namespace chaos are unknown',
    ]);
    expect(r.report).toContain('- ⛔ publish a metric → publish (method)');
  });
});

describe('chaos-action run --dry probes and --dry pause', () => {
  it('--dry probes runs the fault but checks nothing: dry-run, and the report does not call the steady state met', async () => {
    const r = await run(breaksTheService, ['--dry', 'probes']);
    expect(r.code).toBe(1);
    expect(target.hits).toContain('GET /set/500');
    expect(target.hits).not.toContain('GET /health');
    expect(r.stderr).toMatch(/INFO +Probe: healthy \(skipped: dry run\)/);
    expect(r.results).toMatchObject({ dry: 'probes', verdict: 'dry-run', gate: 'dry-run' });
    expect(r.results.experiments[0].skipped).toEqual([
      { activity: 'healthy', type: 'probe', phase: 'before' },
      { activity: 'healthy', type: 'probe', phase: 'after' },
    ]);
    expect(r.report).toMatch(
      /^## Chaos experiments: 🧪 dry run \(--dry probes\): the probes were skipped, so the steady state was not checked — gate dry-run\n/,
    );
    expect(r.report).toContain('| not checked (dry run) | not checked (dry run) |');
    expect(target.status).toBe(200);
  });

  it('--dry pause is not a dry run: every activity runs, so the verdict stands', async () => {
    const r = await run(breaksTheService, ['--dry', 'pause']);
    expect(r.code).toBe(1);
    expect(target.hits).toContain('GET /set/500');
    expect(r.stderr).not.toContain('skipped');
    expect(r.results).toMatchObject({ dry: 'pause', verdict: 'deviated', gate: 'failed' });
    expect(r.results.experiments[0].skipped).toBeUndefined();
    expect(r.report).toContain('⏩ --dry pause: every activity ran, but no pause was slept');
  });
});
