// Inferred locks in a parallel run, through the CLI against moto: two experiments stopping the same
// EC2 instance (named through the configuration in one of them) never overlap, while one stopping
// another instance runs alongside. Nothing is declared: the lock comes from the built-in's target.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { launch, states, useMotoEc2 } from './support/ec2-seed.js';
import { runCliUnderTest } from '../support/cli-under-test.js';

const aws = useMotoEc2();

const ec2 = (name: string, func: string, args: Record<string, unknown>) => ({
  type: 'action',
  name,
  provider: { type: 'python', module: 'chaosaws.ec2.actions', func, arguments: args },
});

const stopAndStart = (title: string, instance: string, configuration: Record<string, unknown> = {}) => ({
  title,
  description: 'd',
  configuration,
  method: [ec2('stop', 'stop_instances', { instance_ids: [instance] })],
  rollbacks: [ec2('start', 'start_instances', { instance_ids: [instance] })],
});

interface Journal {
  start: string;
  end: string;
  run: { status?: string }[];
}

describe('inferred locks in a parallel run', () => {
  it('never overlaps two experiments that stop the same instance; one on another instance runs alongside', async () => {
    const [a, b] = (await launch(aws.ec2, 2, { app: 'web' })) as [string, string];
    const dir = mkdtempSync(path.join(tmpdir(), 'chaos-parallel-aws-'));
    writeFileSync(path.join(dir, '1-first.json'), JSON.stringify(stopAndStart('first on a', a)));
    writeFileSync(path.join(dir, '2-same.json'), JSON.stringify(stopAndStart('again on a', '${target}', { target: a })));
    writeFileSync(path.join(dir, '3-other.json'), JSON.stringify(stopAndStart('on b', b)));
    const r = await runCliUnderTest(['run', '--parallel', '3', '--journal-dir', 'out', '.'], { cwd: dir, env: aws.moto.env });
    const journal = (n: string): Journal => JSON.parse(readFileSync(path.join(dir, 'out', `${n}.journal.json`), 'utf8')) as Journal;
    const [first, same, other] = ['1-first', '2-same', '3-other'].map(journal) as [Journal, Journal, Journal];
    for (const j of [first, same, other]) expect(j.run[0]?.status, r.stderr).toBe('succeeded');
    expect(same.start >= first.end || first.start >= same.end).toBe(true);
    expect(first.start < other.end && other.start < first.end).toBe(true);
    expect(Object.values(await states(aws.ec2, [a, b]))).toEqual(['running', 'running']);
  });
});
