// The action's inputs: one typed settings object, every problem reported at once.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { inputVariable, readInputs } from '../../src/action/inputs.js';
import { repoRoot } from '../support/oracle.js';

const env = (inputs: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(inputs).map(([k, v]) => [inputVariable(k), v]));

describe('action inputs', () => {
  it('gives the documented defaults for an empty step', () => {
    const r = readInputs({});
    expect(r.ok && r.settings).toMatchObject({
      experiments: ['experiments'],
      audience: 'sts.amazonaws.com',
      rollbackStrategy: 'always',
      comment: 'always',
      commentKey: 'default',
      artifactName: 'chaos-journals',
      journalDir: 'chaos-results',
      failOn: ['not-ready', 'missed-objective', 'deviated', 'interrupted', 'failed', 'invalid'],
      exportCredentials: false,
    });
  });

  it('reads lists, booleans and numbers as the runner passes them', () => {
    const r = readInputs(env({ experiments: 'a\nb, c', vars: 'x=1\n# comment\ny:int=2', 'fail-fast': 'true', 'role-duration-seconds': '900', 'fail-on': 'deviated,failed', 'role-to-assume': 'arn:aws:iam::111122223333:role/x', 'aws-region': 'eu-west-1' }));
    expect(r.ok && r.settings).toMatchObject({ experiments: ['a', 'b', 'c'], vars: ['x=1', 'y:int=2'], failFast: true, roleDurationSeconds: 900, failOn: ['deviated', 'failed'] });
  });

  it('reports every bad input together, with what would be right', () => {
    const r = readInputs(env({ 'fail-fast': 'yes', 'rollback-strategy': 'sometimes', 'fail-on': 'broken', 'role-to-assume': 'arn:aws:iam::1:role/x', 'role-duration-seconds': '60', comment: 'loud' }));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems).toEqual([
        'input "fail-on" names "broken": verdicts are passed, not-ready, missed-objective, deviated, interrupted, failed, invalid',
        'input "aws-region" is empty: assuming a role needs a region (or AWS_REGION in the environment)',
        'input "role-duration-seconds" is "60": expected a whole number of seconds from 900 to 43200',
        'input "rollback-strategy" is "sometimes": expected one of default, always, never, deviated',
        'input "fail-fast" is "yes": expected true or false',
        'input "comment" is "loud": expected one of always, on-failure, never',
      ]);
    }
  });

  it('knows every input action.yml declares, and action.yml declares every input it reads', () => {
    const declared = Object.keys((parse(readFileSync(path.join(repoRoot, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown> }).inputs).sort();
    const source = readFileSync(path.join(repoRoot, 'src', 'action', 'inputs.ts'), 'utf8');
    const read = [...new Set([...source.matchAll(/(?:raw|list|lines|bool|oneOf|number|duration)(?:<\w+>)?\('([a-z-]+)'/g)].map((m) => m[1] as string))].sort();
    expect(read).toEqual(declared);
  });

  it('accepts every input the example workflows give it', () => {
    const declared = Object.keys((parse(readFileSync(path.join(repoRoot, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown> }).inputs);
    const dir = path.join(repoRoot, 'examples', 'workflows');
    const steps = readdirSync(dir).flatMap((f) => {
      const workflow = parse(readFileSync(path.join(dir, f), 'utf8')) as { jobs: Record<string, { steps?: { uses?: string; with?: Record<string, string> }[] }> };
      return Object.values(workflow.jobs).flatMap((job) => (job.steps ?? []).filter((step) => step.uses?.startsWith('org/chaos-action@')));
    });
    expect(steps.length).toBeGreaterThanOrEqual(2);
    for (const step of steps) {
      for (const key of Object.keys(step.with ?? {})) expect(declared).toContain(key);
      const r = readInputs(env(Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, String(v)]))));
      expect(r.ok ? [] : r.problems).toEqual([]);
    }
  });

  it('reads var-files one per line (a comma belongs to the path) and allows retention up to 400 days', () => {
    const r = readInputs(env({ 'var-files': 'vars/a,b.yaml\nvars/c.env', 'retention-days': '400' }));
    expect(r.ok && r.settings).toMatchObject({ varFiles: ['vars/a,b.yaml', 'vars/c.env'], retentionDays: 400 });
    const bad = readInputs(env({ 'retention-days': '401' }));
    expect(bad.ok ? [] : bad.problems).toEqual(['input "retention-days" is "401": expected a whole number of days from 1 to 400']);
  });
});
