// chaos-action with chaosaws experiments, through the bundled CLI, against moto: a real fault and
// its rollback, the guardrails in a real run, loosening refused at validation, chaosaws functions
// that are not built in running through the python3 bridge; and, from the sources (whose module
// loads can be logged), a cold start that loads no AWS code unless an experiment needs it.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { oraclePython } from '../support/oracle.js';
import { launch, useMotoEc2, states } from './support/ec2-seed.js';
import { runCliAsync } from '../support/cli.js';
import { runSourceCli } from './support/source-cli.js';

const aws = useMotoEc2();

/** moto's account. */
const ACCOUNT = '123456789012';
const byTag = (value: string) => [{ Name: 'tag:app', Values: [value] }];
const python = (type: 'action' | 'probe', name: string, module: string, func: string, args: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type,
  name,
  provider: { type: 'python', module, func, arguments: args },
  ...extra,
});

function folder(files: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'chaos-cli-aws-'));
  for (const [name, content] of Object.entries(files))
    writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return dir;
}
const journal = (dir: string, name: string) => JSON.parse(readFileSync(path.join(dir, 'chaos-results', name), 'utf8'));

describe('a chaosaws EC2 experiment', () => {
  it('stops an instance natively, within the guardrails, and its rollback starts it again', async () => {
    const [id] = (await launch(aws.ec2, 1, { app: 'web', chaos: 'allowed' })) as [string];
    const dir = folder({
      'stop.json': {
        title: 'stop one web instance',
        description: 'd',
        'steady-state-hypothesis': {
          title: 'web runs',
          probes: [python('probe', 'web-running', 'chaosaws.ec2.probes', 'instance_state', { state: 'running', filters: byTag('web') }, { tolerance: true })],
        },
        method: [python('action', 'stop-web', 'chaosaws.ec2.actions', 'stop_instance', { filters: byTag('web') })],
        rollbacks: [python('action', 'start-web', 'chaosaws.ec2.actions', 'start_instances', { instance_ids: [id] })],
      },
    });
    // After the fault the instance is stopped: the steady state after is not met (deviated).
    const r = await runCliAsync(['run', '--allowed-account-ids', ACCOUNT, '--required-tags', 'chaos=allowed', 'stop.json'], { cwd: dir, env: aws.moto.env });
    expect(r.code, r.stderr).toBe(1);
    const j = journal(dir, 'stop.journal.json');
    expect(j.run[0].status).toBe('succeeded');
    expect(j.run[0].output).toEqual([
      expect.objectContaining({ StoppingInstances: [expect.objectContaining({ InstanceId: id, CurrentState: { Code: 64, Name: 'stopping' } })] }),
    ]);
    expect(j.steady_states.before.steady_state_met).toBe(true);
    expect(j.steady_states.after.probes[0].output).toBe(false);
    expect(j.rollbacks[0].status).toBe('succeeded');
    expect(j.rollbacks[0].output).toEqual([expect.objectContaining({ InstanceId: id, CurrentState: { Code: 0, Name: 'pending' } })]);
    expect(j['chaos-action'].verdict).toBe('deviated');
    expect(Object.values(await states(aws.ec2, [id]))).toEqual(['running']);
  });

  it("fails the action, sending nothing, when the experiment's own guardrails refuse it", async () => {
    const [id] = (await launch(aws.ec2, 1, { app: 'web', chaos: 'allowed' })) as [string];
    const dir = folder({
      'tight.yaml': [
        'title: only the payments team',
        'description: d',
        'method:',
        '  - type: action',
        '    name: stop-web',
        '    provider: {type: python, module: chaosaws.ec2.actions, func: stop_instance, arguments: {instance_id: ' + id + '}}',
        'extensions:',
        '  - name: chaos-action',
        '    guardrails:',
        '      required-tags: {team: payments}',
        '      allowed-account-ids: ["' + ACCOUNT + '"]',
        '',
      ].join('\n'),
    });
    const r = await runCliAsync(['run', '--required-tags', 'chaos=allowed', 'tight.yaml'], { cwd: dir, env: aws.moto.env });
    expect(r.code, r.stderr).toBe(1);
    const j = journal(dir, 'tight.journal.json');
    expect(j.run[0].status).toBe('failed');
    expect(j.run[0].exception.at(-1)).toBe(
      `chaoslib.exceptions.ActivityFailed: guardrails refused ec2:StopInstances on ec2:instance ${id}; nothing was sent: required-tags chaos=allowed, team=payments: ec2:instance ${id} has no team\n`,
    );
    expect(Object.values(await states(aws.ec2, [id]))).toEqual(['running']);
  });

  it('refuses an experiment that loosens the run’s guardrails, with a position, before running anything', async () => {
    const [id] = (await launch(aws.ec2, 1, { app: 'web' })) as [string];
    const dir = folder({
      'loose.json': {
        title: 'many at once',
        description: 'd',
        method: [python('action', 'stop-web', 'chaosaws.ec2.actions', 'stop_instances', { filters: byTag('web') })],
        extensions: [{ name: 'chaos-action', guardrails: { 'max-targets': 5 } }],
      },
    });
    const r = await runCliAsync(['run', '--max-targets', '1', 'loose.json'], { cwd: dir, env: aws.moto.env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('loose.json:29:24: error: max-targets 5 is more than the run allows (1) (/extensions/0/guardrails/max-targets)');
    expect(r.stderr).toContain('invalid experiments: nothing was run');
    expect(Object.values(await states(aws.ec2, [id]))).toEqual(['running']);
  });
});

describe('a chaosaws function that is not built in', () => {
  it("runs through the python3 bridge with the run's AWS credentials, region and endpoint when marked unguarded", async () => {
    // moto takes an unsigned path-style PUT as CreateBucket.
    expect((await fetch(`${aws.moto.url}/chaos-bucket`, { method: 'PUT' })).ok).toBe(true);
    const dir = folder({
      's3.json': {
        title: 'bucket present',
        description: 'd',
        'steady-state-hypothesis': {
          title: 'bucket',
          probes: [
            python(
              'probe',
              'bucket-exists',
              'chaosaws.s3.probes',
              'bucket_exists',
              { bucket_name: 'chaos-bucket' },
              { tolerance: true, 'chaos-action': { unguarded: 'no native s3 probe' } },
            ),
          ],
        },
        method: [],
      },
    });
    const validation = await runCliAsync(['validate', '--python', oraclePython, 's3.json'], { cwd: dir, env: aws.moto.env });
    expect(validation.code, validation.stderr).toBe(0);
    expect(validation.stderr).toContain(
      'warning: chaosaws.s3.probes.bucket_exists is not built in (chaos-action has no native s3 functions); it runs through the python3 bridge',
    );
    const r = await runCliAsync(['run', '--python', oraclePython, 's3.json'], { cwd: dir, env: aws.moto.env });
    expect(r.code, r.stderr).toBe(0);
    expect(journal(dir, 's3.journal.json').steady_states.before.probes[0]).toMatchObject({ status: 'succeeded', output: true, tolerance_met: true });
  });
});

describe('a cold start', () => {
  const modulesLoaded = async (args: string[], files: Record<string, unknown>): Promise<{ code: number | null; stderr: string; aws: string[] }> => {
    const dir = folder(files);
    const log = path.join(dir, 'modules.log');
    writeFileSync(log, '');
    const r = await runSourceCli(args, { cwd: dir, env: { ...aws.moto.env, CHAOS_ACTION_MODULE_LOG: log } });
    const loaded = [
      ...new Set(
        readFileSync(log, 'utf8')
          .split('\n')
          .filter((u) => u.includes('/@aws-sdk/') || (u.includes('/src/aws/functions/') && !u.endsWith('/types.ts')))
          .map((u) => u.replace(/^.*\/node_modules\/(@aws-sdk\/[^/]+).*$/, '$1').replace(/^.*\/src\/aws\/functions\//, 'functions/')),
      ),
    ];
    return { code: r.code, stderr: r.stderr, aws: loaded };
  };
  const plain = {
    'plain.json': {
      title: 'no aws',
      description: 'd',
      'steady-state-hypothesis': { title: 'h', probes: [{ type: 'probe', name: 'ok', tolerance: 0, provider: { type: 'process', path: 'true' } }] },
      method: [],
    },
  };

  it('loads no AWS SDK code for an experiment without AWS (run and validate)', async () => {
    const run = await modulesLoaded(['run', 'plain.json'], plain);
    expect(run.code, run.stderr).toBe(0);
    expect(run.aws).toEqual([]);
    const validate = await modulesLoaded(['validate', 'plain.json'], plain);
    expect(validate.code, validate.stderr).toBe(0);
    expect(validate.aws).toEqual([]);
  });

  it('loads the SDK of the service an experiment uses, and only it', async () => {
    const files = {
      'ec2.json': {
        title: 'aws',
        description: 'd',
        'steady-state-hypothesis': {
          title: 'h',
          probes: [python('probe', 'count', 'chaosaws.ec2.probes', 'count_instances', { filters: byTag('web') }, { tolerance: 0 })],
        },
        method: [],
      },
    };
    const run = await modulesLoaded(['run', 'ec2.json'], files);
    expect(run.code, run.stderr).toBe(0);
    expect(run.aws).toContain('@aws-sdk/client-ec2');
    expect(run.aws).toContain('functions/ec2-probes.ts');
    expect(run.aws).not.toContain('@aws-sdk/client-rds');
    expect(run.aws).not.toContain('functions/ec2-actions.ts');
  });
});
