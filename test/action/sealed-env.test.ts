// The action's step re-executes itself without the runner's tokens in its environment block, and
// gets them back through a private file it removes at once: /proc/<pid>/environ shows none of them.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type CliResult, collect } from '../support/cli.js';
import { repoRoot } from '../support/oracle.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Runs a step-like script from source that calls sealedEnvironment() and reports what it sees. */
function runSealed(env: Record<string, string>): Promise<CliResult & { pid: number | undefined; runnerTemp: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sealed-env-'));
  dirs.push(dir);
  const script = path.join(dir, 'step.mjs');
  writeFileSync(
    script,
    `import { readFileSync } from 'node:fs';
import { sealedEnvironment } from ${JSON.stringify(path.join(repoRoot, 'src', 'action', 'sealed-env.ts'))};
const env = sealedEnvironment();
process.stdout.write(JSON.stringify({
  pid: process.pid,
  env: { token: env.GITHUB_TOKEN, input: env['INPUT_GITHUB-TOKEN'], oidc: env.ACTIONS_ID_TOKEN_REQUEST_TOKEN, output: env.GITHUB_OUTPUT, state: env['STATE_rollback-ledger'], stateDir: env.STATE_DIR },
  processEnv: { token: process.env.GITHUB_TOKEN, output: process.env.GITHUB_OUTPUT, stateDir: process.env.STATE_DIR },
  environ: readFileSync('/proc/self/environ', 'latin1'),
}));
`,
  );
  const child = spawn(
    process.execPath,
    ['--experimental-transform-types', '--no-warnings', '--import', path.join(repoRoot, 'scripts', 'ts-source-hook.mjs'), script],
    {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', RUNNER_TEMP: dir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return collect(child).then((r) => ({ ...r, pid: child.pid, runnerTemp: dir }));
}

describe('the sealed environment of the action', () => {
  it('re-executes the same process without the tokens, inputs, state and command files in its environment, and hands them back in memory', async () => {
    const r = await runSealed({
      GITHUB_TOKEN: 'ghs_sealed-token',
      'INPUT_GITHUB-TOKEN': 'ghs_sealed-token',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-request-token',
      GITHUB_OUTPUT: '/runner/_runner_file_commands/set_output_1',
      'STATE_rollback-ledger': '/runner/ledger.json',
      STATE_DIR: '/srv/state',
    });
    expect(r.code, r.stderr).toBe(0);
    const seen = JSON.parse(r.stdout) as { pid: number; env: Record<string, string>; processEnv: Record<string, string | undefined>; environ: string };
    // The same process (the runner waits for this pid and signals it).
    expect(seen.pid).toBe(r.pid);
    expect(seen.env).toEqual({
      token: 'ghs_sealed-token',
      input: 'ghs_sealed-token',
      oidc: 'oidc-request-token',
      output: '/runner/_runner_file_commands/set_output_1',
      state: '/runner/ledger.json',
      stateDir: '/srv/state',
    });
    for (const hidden of ['ghs_sealed-token', 'oidc-request-token', 'set_output_1', 'ledger.json']) expect(seen.environ).not.toContain(hidden);
    expect(seen.environ).toContain('STATE_DIR=/srv/state');
    // Nor in process.env, which child processes would inherit by default.
    expect(seen.processEnv).toEqual({ stateDir: '/srv/state' });
    // The hand-over file and its folder (in RUNNER_TEMP) are gone.
    expect(readdirSync(r.runnerTemp)).toEqual(['step.mjs']);
  });

  it('without anything to withhold, runs on as it was started', async () => {
    const r = await runSealed({ STATE_DIR: '/srv/state' });
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { env: Record<string, string> }).env).toEqual({ stateDir: '/srv/state' });
  });
});
