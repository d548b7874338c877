// Nothing mutates AWS around the guardrails (issue 16, sections 1 and 2), through the bundled CLI
// against moto: a chaosaws function that is not built in (the python3 bridge) and a process
// activity get the run's AWS credentials only when the experiment marks them unguarded, and then
// the progress, the journal, results.json and the report (the PR comment's Markdown) say so; an
// experiment cannot raise max-targets over the default; a dry run's plan lists every action.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { oraclePython } from '../support/oracle.js';
import { runCliAsync } from '../support/cli.js';
import { launch, states, useMotoEc2 } from './support/ec2-seed.js';

const aws = useMotoEc2();

/** moto's account, and a run's guardrails that let nothing untagged change. */
const ACCOUNT = '123456789012';
const GUARDRAILS = ['--allowed-account-ids', ACCOUNT, '--required-tags', 'chaos-target=true', '--max-targets', '0'];

function folder(files: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'chaos-unguarded-'));
  for (const [name, content] of Object.entries(files))
    writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return dir;
}
const read = (dir: string, name: string) => JSON.parse(readFileSync(path.join(dir, 'chaos-results', name), 'utf8'));
const report = (dir: string) => readFileSync(path.join(dir, 'chaos-results', 'report.md'), 'utf8');

const deleteObject = (extra: Record<string, unknown> = {}) => ({
  type: 'action',
  name: 'delete-the-object',
  provider: { type: 'python', module: 'chaosaws.s3.actions', func: 'delete_object', arguments: { bucket_name: 'chaos-bucket', object_key: 'data.txt' } },
  ...extra,
});

/** boto3 (the oracle's) against moto: put the object, or say whether it is there. */
function s3(script: string): string {
  const r = spawnSync(oraclePython, ['-c', `import boto3\ns3 = boto3.client("s3")\n${script}`], { env: { ...process.env, ...aws.moto.env }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}
const seedObject = (): void => {
  s3('s3.create_bucket(Bucket="chaos-bucket")\ns3.put_object(Bucket="chaos-bucket", Key="data.txt", Body=b"precious")');
};
const objectExists = (): boolean => s3('print(s3.list_objects_v2(Bucket="chaos-bucket").get("KeyCount", 0))') === '1';

describe('a chaosaws function that is not built in, with guardrails set', () => {
  it('is a validation error when unmarked: nothing runs, the object is not deleted', async () => {
    seedObject();
    const dir = folder({ 'delete.json': { title: 'delete', description: 'd', method: [deleteObject()] } });
    const r = await runCliAsync(['run', ...GUARDRAILS, '--python', oraclePython, 'delete.json'], { cwd: dir, env: aws.moto.env });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(
      "error: action 'delete-the-object' runs python chaosaws.s3.actions.delete_object, whose AWS calls the guardrails (allowed accounts, required tags, max targets) cannot check",
    );
    expect(r.stderr).toContain('"chaos-action": {"unguarded": "why it may change AWS outside the guardrails"}');
    expect(objectExists()).toBe(true);
  });

  it('runs when marked, and the progress, journal, results and report list it as unguarded', async () => {
    seedObject();
    const marked = deleteObject({ 'chaos-action': { unguarded: 'no native s3 function; the bucket is a scratch one' } });
    const dir = folder({ 'delete.json': { title: 'delete', description: 'd', method: [marked] } });
    const r = await runCliAsync(['run', ...GUARDRAILS, '--python', oraclePython, 'delete.json'], { cwd: dir, env: aws.moto.env });
    expect(r.code, r.stderr).toBe(0);
    expect(objectExists()).toBe(false);
    expect(r.stderr).toMatch(
      /WARN {2}\s*Action: delete-the-object \[unguarded, with the AWS credentials, outside the guardrails: no native s3 function; the bucket is a scratch one\]/,
    );
    const unguarded = {
      activity: 'delete-the-object',
      type: 'action',
      phase: 'method',
      runs: 'python chaosaws.s3.actions.delete_object',
      reason: 'no native s3 function; the bucket is a scratch one',
    };
    expect(read(dir, 'delete.journal.json')['chaos-action'].unguarded).toEqual([unguarded]);
    expect(read(dir, 'results.json').experiments[0].unguarded).toEqual([unguarded]);
    expect(report(dir)).toContain(
      '### Ran unguarded (AWS credentials outside the guardrails)\n\n- ⚠️ delete: method action "delete-the-object" ran unguarded: python chaosaws.s3.actions.delete\\_object (why: no native s3 function; the bucket is a scratch one)',
    );
  });
});

describe('a process activity', () => {
  /** A script that says whether it holds AWS credentials, in a folder of its own. */
  const withScript = (files: Record<string, unknown>, scriptName = 'has-keys.sh'): string => {
    const dir = folder(files);
    const script = path.join(dir, scriptName);
    writeFileSync(script, '#!/bin/sh\nif [ -n "$AWS_SECRET_ACCESS_KEY" ]; then echo keys; else echo no-keys; fi\n');
    chmodSync(script, 0o755);
    return dir;
  };
  const check = (name: string, extra: Record<string, unknown> = {}) => ({
    type: 'action',
    name,
    provider: { type: 'process', path: './has-keys.sh' },
    ...extra,
  });

  it('runs without the AWS credentials unless marked unguarded', async () => {
    const dir = withScript({
      'keys.json': {
        title: 'keys',
        description: 'd',
        method: [check('unmarked'), check('marked', { 'chaos-action': { unguarded: 'calls the AWS CLI for a change no function makes' } })],
      },
    });
    const r = await runCliAsync(['run', ...GUARDRAILS, 'keys.json'], { cwd: dir, env: aws.moto.env });
    expect(r.code, r.stderr).toBe(0);
    const run = read(dir, 'keys.journal.json').run;
    expect(run.map((x: { output: { stdout: string } }) => x.output.stdout.trim())).toEqual(['no-keys', 'keys']);
    expect(read(dir, 'results.json').experiments[0].unguarded).toEqual([
      { activity: 'marked', type: 'action', phase: 'method', runs: 'process ./has-keys.sh', reason: 'calls the AWS CLI for a change no function makes' },
    ]);
  });

  it('that runs the AWS CLI is a validation error when unmarked', async () => {
    const dir = withScript(
      {
        'cli.json': {
          title: 'cli',
          description: 'd',
          method: [{ type: 'action', name: 'invert', provider: { type: 'process', path: './aws', arguments: ['route53', 'update-health-check'] } }],
        },
      },
      'aws',
    );
    const r = await runCliAsync(['run', ...GUARDRAILS, 'cli.json'], { cwd: dir, env: aws.moto.env });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain("error: action 'invert' runs process ./aws route53 update-health-check, whose AWS calls the guardrails");
  });
});

describe("an experiment's max-targets", () => {
  it('cannot be raised over the default of 1 when the run gives none', async () => {
    const dir = folder({
      'wide.yaml': ['title: wide', 'description: d', 'method: []', 'extensions:', '  - name: chaos-action', '    guardrails:', '      max-targets: 5', ''].join(
        '\n',
      ),
    });
    const r = await runCliAsync(['validate', 'wide.yaml'], { cwd: dir, env: aws.moto.env });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('error: max-targets 5 is more than the run allows (1, the default)');
  });
});

describe('a dry run of a mixed experiment', () => {
  it('lists every method action and rollback in the plan: native ones with their targets, the others unguarded or without AWS', async () => {
    const [id] = (await launch(aws.ec2, 1, { app: 'web', 'chaos-target': 'true' })) as [string];
    const dir = folder({
      'mixed.json': {
        title: 'mixed',
        description: 'd',
        method: [
          {
            type: 'action',
            name: 'stop-web',
            provider: { type: 'python', module: 'chaosaws.ec2.actions', func: 'stop_instances', arguments: { instance_ids: [id] } },
          },
          { type: 'action', name: 'load', provider: { type: 'process', path: 'true', arguments: ['--load'] } },
          {
            type: 'action',
            name: 'invert',
            provider: { type: 'process', path: 'true', arguments: ['route53', 'update-health-check', '--inverted'] },
            'chaos-action': { unguarded: 'no function inverts a health check' },
          },
          { type: 'action', name: 'ping', provider: { type: 'http', url: 'http://127.0.0.1:9/' } },
        ],
        rollbacks: [
          {
            type: 'action',
            name: 'start-web',
            provider: { type: 'python', module: 'chaosaws.ec2.actions', func: 'start_instances', arguments: { instance_ids: [id] } },
          },
        ],
      },
    });
    const r = await runCliAsync(['run', '--allowed-account-ids', ACCOUNT, '--required-tags', 'chaos-target=true', '--dry', 'actions', 'mixed.json'], {
      cwd: dir,
      env: aws.moto.env,
    });
    expect(r.code, r.stderr).toBe(1);
    expect(Object.values(await states(aws.ec2, [id]))).toEqual(['running']);
    const plan = read(dir, 'results.json').experiments[0].plan as { activity: string; phase: string }[];
    expect(plan.map((p) => `${p.phase} ${p.activity}`)).toEqual(['method stop-web', 'method load', 'method invert', 'method ping', 'rollbacks start-web']);
    const md = report(dir);
    expect(md).toContain(`- mixed → stop-web (method): ec2:StopInstances to ec2:instance ${id} (`);
    expect(md).toContain('- mixed → load (method): not AWS (no credentials): process true --load');
    expect(md).toContain(
      '- ⚠️ mixed → invert (method): unguarded: effect unknown: process true route53 update-health-check --inverted (why: no function inverts a health check)',
    );
    expect(md).toContain('- mixed → ping (method): not AWS (no credentials): http GET http');
    expect(md).toContain(`- mixed → start-web (rollbacks): ec2:StartInstances to ec2:instance ${id} (`);
    expect(r.stderr).toContain('dry run: invert is unguarded: effect unknown: process true route53 update-health-check --inverted');
    expect(existsSync(path.join(dir, 'chaos-results', 'mixed.journal.json'))).toBe(true);
  });
});
