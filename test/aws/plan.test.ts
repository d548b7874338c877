// `chaos-action run --dry actions` on experiments with EC2 actions, through the bundled CLI, against moto:
// the plan (resources, operation, the guardrails' verdict) is printed and reported, the journal
// stays Chaos Toolkit's (output null), nothing in AWS changes, and the verdict is dry-run (or
// failed, when the real run would have failed).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { launch, useMotoEc2, states } from './support/ec2-seed.js';
import { runCliAsync } from '../support/cli.js';

const aws = useMotoEc2();

const byTag = (value: string) => [{ Name: 'tag:app', Values: [value] }];
const ec2Action = (name: string, func: string, args: Record<string, unknown>) => ({
  type: 'action',
  name,
  provider: { type: 'python', module: 'chaosaws.ec2.actions', func, arguments: args },
});

function experiment(method: unknown[], rollbacks: unknown[] = []): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'chaos-plan-'));
  writeFileSync(path.join(dir, 'stop-web.json'), JSON.stringify({ title: 'stop the web tier', description: 'd', method, rollbacks }));
  return dir;
}

async function dryRun(dir: string, flags: string[]) {
  const r = await runCliAsync(['run', '--dry', 'actions', ...flags, 'stop-web.json'], { cwd: dir, env: aws.moto.env });
  const read = (name: string) => JSON.parse(readFileSync(path.join(dir, 'chaos-results', name), 'utf8'));
  return {
    ...r,
    journal: read('stop-web.journal.json'),
    results: read('results.json'),
    report: readFileSync(path.join(dir, 'chaos-results', 'report.md'), 'utf8'),
  };
}

describe('chaos-action run --dry actions', () => {
  it('prints and reports the plan of each EC2 action, changes nothing, and keeps the journal faithful', async () => {
    const web = await launch(aws.ec2, 2, { app: 'web', chaos: 'allowed' });
    const dir = experiment(
      [ec2Action('stop-web', 'stop_instances', { filters: byTag('web') })],
      [ec2Action('start-web', 'start_instances', { filters: byTag('web') })],
    );
    const run = await dryRun(dir, ['--required-tags', 'chaos=allowed', '--max-targets', '2']);
    // A dry run is never a pass: dry-run is in the default fail-on.
    expect(run.code, run.stderr).toBe(1);
    expect(run.results).toMatchObject({ dry: 'actions', verdict: 'dry-run', gate: 'dry-run' });
    expect(run.stderr).toMatch(/INFO +Action: stop-web \(skipped: dry run\)/);
    const [a, b] = web;
    const targets = `ec2:instance ${a} (app=web, chaos=allowed), ec2:instance ${b} (app=web, chaos=allowed)`;
    expect(run.stderr).toContain(`dry run: stop-web would send ec2:StopInstances to ${targets}: allowed by the guardrails`);
    expect(run.stderr).toContain(`dry run: start-web would send ec2:StartInstances to ${targets}: allowed by the guardrails`);
    // Nothing was stopped.
    expect(Object.values(await states(aws.ec2, web))).toEqual(['running', 'running']);
    // The journal is Chaos Toolkit's: a dry action succeeded with no output; the plan is ours.
    expect(run.journal.run[0]).toMatchObject({ status: 'succeeded', output: null });
    expect(run.journal.rollbacks[0]).toMatchObject({ status: 'succeeded', output: null });
    expect(run.journal['chaos-action'].plan.map((p: { activity: string; phase: string }) => `${p.phase}:${p.activity}`)).toEqual([
      'method:stop-web',
      'rollbacks:start-web',
    ]);
    const plan = run.results.experiments[0].plan;
    expect(plan[0]).toEqual({
      activity: 'stop-web',
      phase: 'method',
      changes: [
        {
          operation: 'ec2:StopInstances',
          targets: [a, b].map((id) => ({ kind: 'ec2:instance', id, tags: { app: 'web', chaos: 'allowed' } })),
          allowed: true,
          refusals: [],
        },
      ],
    });
    expect(run.report).toContain('### Dry-run plan (nothing was changed)');
    expect(run.report).toContain(`stop the web tier → stop-web (method): ec2:StopInstances to ec2:instance ${a}`);
  });

  it("shows the guardrails' refusal in the plan", async () => {
    const [tagged] = await launch(aws.ec2, 1, { app: 'web', chaos: 'allowed' });
    const [untagged] = await launch(aws.ec2, 1, { app: 'web' });
    const dir = experiment([ec2Action('stop-web', 'stop_instances', { filters: byTag('web') })]);
    const run = await dryRun(dir, ['--required-tags', 'chaos=allowed']);
    // Refused, the real run would fail: so does the dry run, with the refusal as its reason.
    expect(run.code, run.stderr).toBe(1);
    expect(run.results).toMatchObject({ verdict: 'failed', gate: 'failed' });
    expect(run.results.experiments[0].reasons[0]).toMatch(/^method action "stop-web" would be refused: ec2:StopInstances to .*: REFUSED by the guardrails: /);
    expect(run.stderr).toMatch(
      /WARN +dry run: stop-web would send ec2:StopInstances to .*: REFUSED by the guardrails: max-targets is 1 \(the default\) but the call would touch 2 resources/,
    );
    expect(run.stderr).toContain(`required-tags chaos=allowed: ec2:instance ${untagged} has no chaos`);
    const change = run.results.experiments[0].plan[0].changes[0];
    expect(change.allowed).toBe(false);
    expect(change.targets.map((t: { id: string }) => t.id).sort()).toEqual([tagged, untagged].sort());
    expect(run.report).toContain('- ⛔ stop the web tier → stop-web');
    expect(Object.values(await states(aws.ec2, [tagged as string, untagged as string]))).toEqual(['running', 'running']);
  });

  it('says when an action would fail before changing anything', async () => {
    const dir = experiment([ec2Action('stop-one', 'stop_instance', { filters: byTag('nothing') })]);
    const run = await dryRun(dir, []);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain('dry run: stop-one would fail before changing anything: No instances in availability zone: None');
    expect(run.results).toMatchObject({ verdict: 'failed', gate: 'failed' });
    expect(run.results.experiments[0].reasons).toEqual([
      'method action "stop-one" would fail before changing anything: No instances in availability zone: None',
    ]);
    expect(run.results.experiments[0].plan).toEqual([{ activity: 'stop-one', phase: 'method', changes: [], error: 'No instances in availability zone: None' }]);
  });
});
