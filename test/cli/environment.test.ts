// What experiments see of the environment is the same in validation and in their processes, on
// the command line as in the action: the runner's tokens are withheld from both.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

let dir = '';
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

const readsTheToken = {
  title: 'Reads the runner token through its configuration',
  configuration: { token: { type: 'env', key: 'GITHUB_TOKEN' } },
  'steady-state-hypothesis': { title: 't', probes: [{ type: 'probe', name: 'p', tolerance: 0, provider: { type: 'process', path: 'true' } }] },
  method: [{ type: 'action', name: 'leak', provider: { type: 'process', path: 'echo', arguments: ['${token}'] } }],
};

it('a `type: env` configuration key cannot read GITHUB_TOKEN in validation: the CLI says it is not set and runs nothing', () => {
  dir = mkdtempSync(path.join(tmpdir(), 'chaos-env-'));
  const file = path.join(dir, 'leak.json');
  writeFileSync(file, JSON.stringify(readsTheToken));
  for (const command of ['validate', 'run']) {
    const r = runCli([command, file, ...(command === 'run' ? ['--journal-dir', path.join(dir, 'out')] : [])], {
      env: { GITHUB_TOKEN: 'ghs_secretRunnerToken0123456789' },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('GITHUB_TOKEN');
    expect(r.stdout + r.stderr).not.toContain('ghs_secretRunnerToken0123456789');
  }
});
