// A user's own Python chaos function, run through the python3 bridge as chaoslib would call it.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { substitutionScope } from '../../src/experiment/substitution.js';
import { pythonBridge } from '../../src/providers/python-bridge.js';
import { ActivityFailed, type ProviderContext } from '../../src/contract/provider.js';
import { oraclePython, repoRoot } from '../support/oracle.js';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'python');
const run = pythonBridge({ python: oraclePython });

function context(extra: Partial<ProviderContext> = {}): ProviderContext {
  const configuration = { region: 'eu-west-1' };
  const secrets = { db: { password: 'pw' }, other: { token: 't' } };
  return {
    scope: substitutionScope(configuration, secrets),
    hasVariables: true,
    configuration,
    secrets,
    signal: new AbortController().signal,
    env: { PATH: process.env.PATH ?? '', PYTHONPATH: fixtures },
    cwd: repoRoot,
    ...extra,
  };
}

describe('the python bridge', () => {
  it('calls the function with its substituted arguments and returns its result', async () => {
    const out = await run({ type: 'python', module: 'chaosfixture', func: 'needs_name', arguments: { name: '${region}', count: 2 } }, context());
    expect(out).toEqual({ name: 'eu-west-1', count: 2 });
  });

  it('passes configuration, and only the secret scopes the provider lists, when the function declares them', async () => {
    const out = await run({ type: 'python', module: 'chaosfixture', func: 'anything', arguments: { a: 1 } }, context());
    expect(out).toEqual({ a: 1 });
    const seen = await run({ type: 'python', module: 'chaosfixture', func: 'echo_context', secrets: ['db'] }, context());
    expect(seen).toEqual({ configuration: { region: 'eu-west-1' }, secrets: { password: 'pw' } });
  });

  it('fails the activity with the Python exception type and message', async () => {
    const failure = run({ type: 'python', module: 'chaosfixture', func: 'needs_name', arguments: {} }, context());
    await expect(failure).rejects.toBeInstanceOf(ActivityFailed);
    await expect(failure).rejects.toThrow(/TypeError: .*missing 1 required positional argument: 'name'/);
  });

  it('fails the activity when the module cannot be imported', async () => {
    await expect(run({ type: 'python', module: 'surely_missing_module', func: 'f' }, context())).rejects.toThrow(/ModuleNotFoundError/);
  });

  it('stops the python process when the run is interrupted', async () => {
    const controller = new AbortController();
    const pending = run({ type: 'python', module: 'chaosfixture', func: 'slow', arguments: { seconds: 30 } }, context({ signal: controller.signal }));
    setTimeout(() => controller.abort(), 200);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('the python bridge after an interruption', () => {
  it('never starts a function once the run is interrupted', async () => {
    const controller = new AbortController();
    controller.abort();
    const marker = path.join(repoRoot, 'node_modules', '.cache', `bridge-${process.pid}`);
    await expect(run({ type: 'python', module: 'pathlib', func: 'Path', arguments: {} }, context({ signal: controller.signal }))).rejects.toMatchObject({
      name: 'AbortError',
    });
    void marker;
  });

  it('reads NaN and Infinity results as Python writes them', async () => {
    const out = await run({ type: 'python', module: 'math', func: 'fsum', arguments: {} }, context()).catch((e: Error) => e.message);
    expect(typeof out === 'string' ? out : '').toMatch(/TypeError/);
  });
});
