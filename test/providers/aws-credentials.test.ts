// Process and python-bridge children get the run's AWS credentials only when their activity is
// marked unguarded (ProviderContext.unguarded): their AWS calls would go around the guardrails.
import { describe, expect, it } from 'vitest';
import { substitutionScope } from '../../src/experiment/substitution.js';
import type { ProviderContext } from '../../src/contract/provider.js';
import { providerPlanner, providerRegistry } from '../../src/providers/registry.js';
import { oraclePython, repoRoot } from '../support/oracle.js';

const CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'secret',
  AWS_SESSION_TOKEN: 'token',
  AWS_PROFILE: 'prod',
  AWS_WEB_IDENTITY_TOKEN_FILE: '/tmp/token',
  AWS_ROLE_ARN: 'arn:aws:iam::111122223333:role/x',
  AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://169.254.170.23/v1/credentials',
};

function context(unguarded?: string): ProviderContext {
  return {
    scope: substitutionScope({}, {}),
    hasVariables: false,
    configuration: {},
    secrets: {},
    signal: new AbortController().signal,
    env: { PATH: process.env.PATH ?? '', AWS_REGION: 'eu-west-1', ...CREDENTIALS },
    cwd: repoRoot,
    ...(unguarded ? { unguarded } : {}),
  };
}
const run = providerRegistry({ python: oraclePython });
const printAws = { type: 'process', path: 'sh', arguments: ['-c', 'env | grep ^AWS_ | sort'] };

describe('the AWS credentials of a child', () => {
  it('are withheld from a process activity that is not marked: keys, profile, web identity, container; the region stays', async () => {
    const out = (await run(printAws, context())) as { stdout: string };
    expect(out.stdout.trim().split('\n')).toEqual([
      'AWS_CONFIG_FILE=/dev/null',
      'AWS_EC2_METADATA_DISABLED=true',
      'AWS_REGION=eu-west-1',
      'AWS_SHARED_CREDENTIALS_FILE=/dev/null',
    ]);
  });

  it('are handed to a marked process activity', async () => {
    const out = (await run(printAws, context('the AWS CLI is the only way'))) as { stdout: string };
    expect(out.stdout).toContain('AWS_SECRET_ACCESS_KEY=secret');
    expect(out.stdout).toContain('AWS_PROFILE=prod');
  });

  it('are withheld from a python-bridge function unless marked', async () => {
    const getenv = { type: 'python', module: 'os', func: 'getenv', arguments: { key: 'AWS_SECRET_ACCESS_KEY' } };
    expect(await run(getenv, context())).toBe(null);
    expect(await run(getenv, context('no native function'))).toBe('secret');
  });
});

describe('the dry-run plan of an action that is not built in', () => {
  const plan = providerPlanner();
  it('says it is unguarded (effect unknown) when marked, else that it runs without AWS credentials', async () => {
    expect(await plan(printAws, context('why'))).toEqual({
      changes: [],
      effect: { kind: 'unguarded', runs: 'process sh -c env | grep ^AWS_ | sort', reason: 'why' },
    });
    expect(await plan(printAws, context())).toEqual({ changes: [], effect: { kind: 'no-aws', runs: 'process sh -c env | grep ^AWS_ | sort' } });
    // http never gets the credentials: a mark does not make it unguarded.
    expect(await plan({ type: 'http', url: 'http://127.0.0.1:9/' }, context('why'))).toEqual({
      changes: [],
      effect: { kind: 'no-aws', runs: 'http GET http://127.0.0.1:9/' },
    });
  });
});
